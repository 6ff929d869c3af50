/*
 * ctest.h - a very small test framework for the certcentral C suite.
 *
 * A test is a function `void name(void)`. CT_RUN(name) runs it and prints one TAP-like line:
 *   ok 3 - name
 *   not ok 4 - name
 * preceded, for a failure, by "#" lines naming each failed check (file:line, expression,
 * message). ct_finish() prints the closing line "N passed, M failed" and returns the exit
 * status (0 when nothing failed and something ran).
 *
 * CT_CHECK(cond, fmt, ...) records a failed check and goes on; CT_REQUIRE(cond, fmt, ...)
 * also returns from the test (so use it only where nothing needs freeing yet, or free first).
 * The format string is mandatory (use "" when there is nothing to add).
 */
#ifndef CERTCENTRAL_CTEST_H
#define CERTCENTRAL_CTEST_H

#include <stdarg.h>
#include <stdio.h>

extern int ct_failed_checks; /* failed checks of the running test */

void ct_check_failed(const char *file, int line, const char *expr, const char *fmt, ...);
void ct_run(const char *name, void (*test)(void));
/* Records a whole test computed elsewhere (one line per vector case). */
void ct_record(const char *name, int ok, const char *detail);
int ct_finish(void);

#define CT_CHECK(cond, ...)                                                    \
    do {                                                                       \
        if (!(cond)) {                                                         \
            ct_check_failed(__FILE__, __LINE__, #cond, __VA_ARGS__);           \
        }                                                                      \
    } while (0)

#define CT_REQUIRE(cond, ...)                                                  \
    do {                                                                       \
        if (!(cond)) {                                                         \
            ct_check_failed(__FILE__, __LINE__, #cond, __VA_ARGS__);           \
            return;                                                            \
        }                                                                      \
    } while (0)

#define CT_RUN(test) ct_run(#test, test)

#endif /* CERTCENTRAL_CTEST_H */
