/* ctest.c - see ctest.h. */
#include "ctest.h"

#include <stdarg.h>
#include <stdio.h>

int ct_failed_checks = 0;
static int ct_number = 0;
static int ct_passed = 0;
static int ct_failed = 0;

void ct_check_failed(const char *file, int line, const char *expr, const char *fmt, ...) {
    va_list ap;
    ct_failed_checks++;
    printf("#   %s:%d: check failed: %s", file, line, expr);
    if (fmt != NULL && fmt[0] != '\0') {
        printf(" -- ");
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
    }
    printf("\n");
    fflush(stdout);
}

void ct_record(const char *name, int ok, const char *detail) {
    ct_number++;
    if (ok) {
        ct_passed++;
        printf("ok %d - %s\n", ct_number, name);
    } else {
        ct_failed++;
        if (detail != NULL && detail[0] != '\0') {
            printf("#   %s\n", detail);
        }
        printf("not ok %d - %s\n", ct_number, name);
    }
    fflush(stdout);
}

void ct_run(const char *name, void (*test)(void)) {
    ct_failed_checks = 0;
    test();
    ct_record(name, ct_failed_checks == 0, NULL);
}

int ct_finish(void) {
    printf("%d passed, %d failed\n", ct_passed, ct_failed);
    fflush(stdout);
    return (ct_failed == 0 && ct_passed > 0) ? 0 : 1;
}
