/*
 * The certcentral C test suite. Runs against the library and a running sandbox:
 *
 *   test_certcentral --base-url URL --api-key KEY --vectors FILE --order FILE --version X.Y.Z
 *
 * --base-url/--api-key: the sandbox (`certcentral sandbox` prints both); --vectors: the shared
 * validation vectors flattened by `flatten_vectors`; --order: a valid order
 * (examples/securesite-pro.json); --version: the version in Cargo.toml.
 *
 * Prints one "ok N - name" / "not ok N - name" line per test and ends with
 * "N passed, M failed". `cargo xtask test --only c` builds and runs it (see tests/README.md).
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include "certcentral.h"
#include "ctest.h"
#include "minijson.h"

/* ---------------------------------------------------------------------------------------- */
/* Arguments and helpers                                                                     */

static const char *g_base_url;
static const char *g_api_key;
static const char *g_vectors;
static const char *g_order_file;
static const char *g_version;
static char *g_order; /* contents of --order */
static char g_host[64];
static int g_port;

static char *read_file(const char *path) {
    FILE *f;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    if (path == NULL || (f = fopen(path, "rb")) == NULL) {
        return NULL;
    }
    for (;;) {
        if (cap - len < 4096) {
            char *nbuf = realloc(buf, cap + 65536);
            if (nbuf == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nbuf;
            cap += 65536;
        }
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0) {
            break;
        }
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

/* A line of any length without its newline (malloc'd), or NULL at the end of the file. */
static char *read_line(FILE *f) {
    size_t cap = 256, len = 0;
    char *buf = malloc(cap);
    if (buf == NULL) {
        return NULL;
    }
    for (;;) {
        if (fgets(buf + len, (int)(cap - len), f) == NULL) {
            if (len == 0) {
                free(buf);
                return NULL;
            }
            return buf;
        }
        len += strlen(buf + len);
        if (len > 0 && buf[len - 1] == '\n') {
            buf[--len] = '\0';
            return buf;
        }
        if (cap - len < 2) {
            char *nbuf = realloc(buf, cap * 2);
            if (nbuf == NULL) {
                free(buf);
                return NULL;
            }
            buf = nbuf;
            cap *= 2;
        }
    }
}

/* The last error's message in a static buffer (for diagnostics). */
static const char *last_message(void) {
    static char buf[2048];
    size_t n = 0;
    buf[0] = '\0';
    certcentral_last_error_message(buf, sizeof buf, &n);
    return buf;
}

/* The last error as JSON (malloc'd by the library; free with certcentral_string_free). */
static char *last_error_json(void) {
    char *json = NULL;
    if (certcentral_last_error_to_json(&json) != CERTCENTRAL_RESULT_OK) {
        return NULL;
    }
    return json;
}

/* A client for base_url/key with max_retries retries, or NULL. */
static certcentral_client *make_client(const char *base_url, const char *key, uint32_t retries,
                                       bool rate_limit, uint64_t timeout_ms) {
    certcentral_client_config *config = NULL;
    certcentral_client *client = NULL;
    if (certcentral_client_config_new(&config) != CERTCENTRAL_RESULT_OK) {
        return NULL;
    }
    if (certcentral_client_config_set_base_url(config, base_url) == CERTCENTRAL_RESULT_OK &&
        certcentral_client_config_set_api_key(config, key) == CERTCENTRAL_RESULT_OK &&
        certcentral_client_config_set_max_retries(config, retries) == CERTCENTRAL_RESULT_OK &&
        certcentral_client_config_set_rate_limit_enabled(config, rate_limit) ==
            CERTCENTRAL_RESULT_OK &&
        certcentral_client_config_set_timeout_ms(config, timeout_ms) == CERTCENTRAL_RESULT_OK) {
        if (certcentral_client_new(config, &client) != CERTCENTRAL_RESULT_OK) {
            client = NULL;
        }
    }
    certcentral_client_config_free(config);
    return client;
}

static certcentral_client *sandbox_client(uint32_t retries) {
    return make_client(g_base_url, g_api_key, retries, true, 30000);
}

/* POSTs body to the sandbox's control API (`/__sandbox/...`); returns the HTTP status or -1. */
static int sandbox_post(const char *path, const char *body) {
    struct sockaddr_in sa;
    char request[4096], response[512];
    size_t got = 0;
    ssize_t n;
    int fd, status = -1, len;
    len = snprintf(request, sizeof request,
                   "POST %s HTTP/1.1\r\nHost: %s:%d\r\nX-DC-DEVKEY: %s\r\n"
                   "Content-Type: application/json\r\nContent-Length: %zu\r\n"
                   "Connection: close\r\n\r\n%s",
                   path, g_host, g_port, g_api_key, strlen(body), body);
    if (len < 0 || (size_t)len >= sizeof request) {
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)g_port);
    if (inet_pton(AF_INET, g_host, &sa.sin_addr) != 1) {
        return -1;
    }
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return -1;
    }
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        write(fd, request, (size_t)len) == (ssize_t)len) {
        while (got < sizeof response - 1 &&
               (n = read(fd, response + got, sizeof response - 1 - got)) > 0) {
            got += (size_t)n;
        }
        response[got] = '\0';
        if (sscanf(response, "HTTP/1.%*d %d", &status) != 1) {
            status = -1;
        }
    }
    close(fd);
    return status;
}

/* Injects one sandbox fault (JSON as in docs/sandbox.md); returns 1 when the sandbox took it. */
static int inject_fault(const char *fault_json) {
    int status = sandbox_post("/__sandbox/faults", fault_json);
    return status >= 200 && status < 300;
}

/* A port on 127.0.0.1 that nothing listens on (bound, then closed). */
static int closed_port(void) {
    struct sockaddr_in sa;
    socklen_t sl = sizeof sa;
    int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;
    if (fd < 0) {
        return -1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = 0;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
        getsockname(fd, (struct sockaddr *)&sa, &sl) == 0) {
        port = ntohs(sa.sin_port);
    }
    close(fd);
    return port;
}

static size_t count_occurrences(const char *haystack, const char *needle) {
    size_t n = 0;
    const char *p = haystack;
    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* Whether a JSON array of error items has an item with this code. */
static int has_error_code(const mj_value *items, const char *code) {
    size_t i;
    if (items == NULL || items->type != MJ_ARRAY) {
        return 0;
    }
    for (i = 0; i < items->len; i++) {
        const char *c = mj_get_string(&items->items[i], "code");
        if (c != NULL && strcmp(c, code) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A sentinel for "out-parameter not written". */
static int sentinel_target;
#define SENTINEL ((void *)&sentinel_target)
#define SENTINEL_ID UINT64_C(0xDEADBEEF)

/* ---------------------------------------------------------------------------------------- */
/* Version, codes, handles                                                                   */

static void test_version(void) {
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", CERTCENTRAL_VERSION_MAJOR,
             CERTCENTRAL_VERSION_MINOR, CERTCENTRAL_VERSION_PATCH);
    CT_CHECK(strcmp(certcentral_version(), CERTCENTRAL_VERSION) == 0, "library %s, header %s",
             certcentral_version(), CERTCENTRAL_VERSION);
    CT_CHECK(strcmp(expected, CERTCENTRAL_VERSION) == 0, "macros give %s", expected);
    CT_CHECK(g_version != NULL && strcmp(g_version, CERTCENTRAL_VERSION) == 0,
             "Cargo.toml says %s", g_version ? g_version : "(none)");
    CT_CHECK(CERTCENTRAL_VERSION_NUMBER == CERTCENTRAL_VERSION_MAJOR * 10000 +
                                               CERTCENTRAL_VERSION_MINOR * 100 +
                                               CERTCENTRAL_VERSION_PATCH,
             "");
}

static void test_result_codes_are_stable(void) {
    CT_CHECK(CERTCENTRAL_RESULT_OK == 0, "");
    CT_CHECK(CERTCENTRAL_RESULT_VALIDATION == 1, "");
    CT_CHECK(CERTCENTRAL_RESULT_AUTHENTICATION == 2, "");
    CT_CHECK(CERTCENTRAL_RESULT_NOT_FOUND == 3, "");
    CT_CHECK(CERTCENTRAL_RESULT_RATE_LIMITED == 4, "");
    CT_CHECK(CERTCENTRAL_RESULT_API == 5, "");
    CT_CHECK(CERTCENTRAL_RESULT_TRANSPORT == 6, "");
    CT_CHECK(CERTCENTRAL_RESULT_TIMEOUT == 7, "");
    CT_CHECK(CERTCENTRAL_RESULT_DECODE == 8, "");
    CT_CHECK(CERTCENTRAL_RESULT_CONFIG == 9, "");
    CT_CHECK(CERTCENTRAL_RESULT_OUTCOME_UNKNOWN == 10, "");
    CT_CHECK(CERTCENTRAL_RESULT_NULL_PARAMETER == 100, "");
    CT_CHECK(CERTCENTRAL_RESULT_INVALID_UTF8 == 101, "");
    CT_CHECK(CERTCENTRAL_RESULT_INVALID_ARGUMENT == 102, "");
    CT_CHECK(CERTCENTRAL_RESULT_BUFFER_TOO_SMALL == 103, "");
    CT_CHECK(CERTCENTRAL_RESULT_PANIC == 104, "");
    CT_CHECK(strcmp(certcentral_result_name(CERTCENTRAL_RESULT_OK), "OK") == 0, "");
    CT_CHECK(strcmp(certcentral_result_name(CERTCENTRAL_RESULT_OUTCOME_UNKNOWN),
                    "OUTCOME_UNKNOWN") == 0, "");
    CT_CHECK(strcmp(certcentral_result_name(CERTCENTRAL_RESULT_PANIC), "PANIC") == 0, "");
    CT_CHECK(strcmp(certcentral_result_name(11), "UNKNOWN") == 0, "");
    CT_CHECK(strcmp(certcentral_result_name(-1), "UNKNOWN") == 0, "");
}

static void test_frees_accept_null(void) {
    certcentral_string_free(NULL);
    certcentral_client_config_free(NULL);
    certcentral_client_free(NULL);
    certcentral_order_response_free(NULL);
    CT_CHECK(1, "");
}

static void test_config_setters(void) {
    certcentral_client_config *config = NULL;
    CT_CHECK(certcentral_client_config_new(NULL) == CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_REQUIRE(certcentral_client_config_new(&config) == CERTCENTRAL_RESULT_OK, "%s",
               last_message());
    CT_CHECK(certcentral_client_config_set_api_key(config, "k") == CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(certcentral_client_config_set_api_key(NULL, "k") ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_config_set_api_key(config, NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_config_set_api_key(config, "bad\xff") ==
                 CERTCENTRAL_RESULT_INVALID_UTF8, "");
    CT_CHECK(certcentral_client_config_set_region(config, "eu") == CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(certcentral_client_config_set_region(config, "US") == CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(certcentral_client_config_set_region(config, "mars") == CERTCENTRAL_RESULT_CONFIG,
             "");
    CT_CHECK(certcentral_client_config_set_region(NULL, "us") ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_config_set_base_url(config, "\xc3\x28") ==
                 CERTCENTRAL_RESULT_INVALID_UTF8, "");
    CT_CHECK(certcentral_client_config_set_base_url(config, NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_config_set_timeout_ms(config, 0) ==
                 CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
    CT_CHECK(certcentral_client_config_set_timeout_ms(config, 1500) == CERTCENTRAL_RESULT_OK,
             "");
    CT_CHECK(certcentral_client_config_set_connect_timeout_ms(config, 0) ==
                 CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
    CT_CHECK(certcentral_client_config_set_connect_timeout_ms(NULL, 10) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_config_set_max_retries(config, 0) == CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(certcentral_client_config_set_max_retries(config, UINT32_MAX) ==
                 CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(certcentral_client_config_set_max_retries(NULL, 1) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_config_set_rate_limit_enabled(config, false) ==
                 CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(certcentral_client_config_set_rate_limit_enabled(NULL, true) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_config_set_user_agent(config, "c-tests/1.0") ==
                 CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(certcentral_client_config_set_user_agent(config, NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    certcentral_client_config_free(config);
}

static void test_client_new_errors(void) {
    certcentral_client_config *config = NULL;
    certcentral_client *client = SENTINEL;
    CT_REQUIRE(certcentral_client_config_new(&config) == CERTCENTRAL_RESULT_OK, "");
    /* No API key: CONFIG, out-parameter untouched. */
    CT_CHECK(certcentral_client_new(config, &client) == CERTCENTRAL_RESULT_CONFIG, "%s",
             last_message());
    CT_CHECK(client == SENTINEL, "client_out was written on failure");
    certcentral_client_config_set_api_key(config, "k");
    /* Plain HTTP to a host that is not loopback. */
    certcentral_client_config_set_base_url(config, "http://www.digicert.com/services/v2");
    CT_CHECK(certcentral_client_new(config, &client) == CERTCENTRAL_RESULT_CONFIG, "%s",
             last_message());
    CT_CHECK(client == SENTINEL, "");
    certcentral_client_config_set_base_url(config, "not a url");
    CT_CHECK(certcentral_client_new(config, &client) == CERTCENTRAL_RESULT_CONFIG, "");
    CT_CHECK(certcentral_client_new(NULL, &client) == CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_new(config, NULL) == CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    /* A region works (nothing is sent by client_new). */
    certcentral_client_config_set_region(config, "eu");
    client = NULL;
    CT_CHECK(certcentral_client_new(config, &client) == CERTCENTRAL_RESULT_OK, "%s",
             last_message());
    CT_CHECK(client != NULL, "");
    certcentral_client_free(client);
    certcentral_client_config_free(config);
}

/* ---------------------------------------------------------------------------------------- */
/* Validation                                                                                */

static void test_validate_example_order(void) {
    char *report = NULL;
    mj_value *doc;
    const mj_value *valid, *violations, *warnings;
    CT_REQUIRE(g_order != NULL, "cannot read --order %s", g_order_file ? g_order_file : "");
    CT_REQUIRE(certcentral_validate_order_json_with_today("ssl_securesite_pro", g_order,
                                                          "2026-11-28", &report) ==
                   CERTCENTRAL_RESULT_OK,
               "%s", last_message());
    doc = mj_parse(report);
    CT_CHECK(doc != NULL, "report is not JSON: %s", report);
    valid = mj_get(doc, "valid");
    violations = mj_get(doc, "violations");
    warnings = mj_get(doc, "warnings");
    CT_CHECK(valid != NULL && valid->type == MJ_BOOL && valid->boolean, "%s", report);
    CT_CHECK(violations != NULL && violations->type == MJ_ARRAY && violations->len == 0, "");
    CT_CHECK(warnings != NULL && warnings->type == MJ_ARRAY && warnings->len > 0,
             "the example order has warnings (organization_units)");
    mj_free(doc);
    certcentral_string_free(report);
    /* The variant with the current date agrees on this order. */
    report = NULL;
    CT_CHECK(certcentral_validate_order_json("ssl_securesite_pro", g_order, &report) ==
                 CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(report != NULL && strstr(report, "\"valid\":true") != NULL, "%s",
             report ? report : "");
    certcentral_string_free(report);
}

static void test_validate_reports_every_violation(void) {
    const char *order = "{\"certificate\":{\"common_name\":\"bad name\",\"dns_names\":"
                        "[\"a.example.com\",\"A.example.com\"],\"signature_hash\":\"md5\"},"
                        "\"validity_years\":7,\"colour\":1}";
    char *report = NULL;
    mj_value *doc;
    const mj_value *violations;
    CT_REQUIRE(certcentral_validate_order_json_with_today("ssl_securesite_pro", order,
                                                          "2026-11-28", &report) ==
                   CERTCENTRAL_RESULT_OK,
               "%s", last_message());
    CT_CHECK(certcentral_last_error_code() == CERTCENTRAL_RESULT_OK, "");
    doc = mj_parse(report);
    violations = mj_get(doc, "violations");
    CT_CHECK(violations != NULL && violations->len >= 6, "%s", report);
    CT_CHECK(strstr(report, "\"valid\":false") != NULL, "");
    CT_CHECK(strstr(report, "\"path\":\"certificate.dns_names[1]\",\"code\":\"duplicate_name\"") !=
                 NULL, "%s", report);
    CT_CHECK(strstr(report, "\"path\":\"colour\",\"code\":\"unknown_field\"") != NULL, "");
    CT_CHECK(strstr(report, "\"path\":\"certificate.csr\",\"code\":\"required\"") != NULL, "");
    mj_free(doc);
    certcentral_string_free(report);
}

static void test_validate_bad_arguments(void) {
    char *report = SENTINEL;
    CT_CHECK(certcentral_validate_order_json(NULL, "{}", &report) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_validate_order_json("ssl_basic", NULL, &report) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_validate_order_json("ssl_basic", "{}", NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_validate_order_json_with_today("ssl_basic", "{}", NULL, &report) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_validate_order_json("ssl_basic",
                                             "{\"comments\":\"caf\xe9\"}", &report) ==
                 CERTCENTRAL_RESULT_INVALID_UTF8, "");
    CT_CHECK(certcentral_validate_order_json("ssl_\x80", "{}", &report) ==
                 CERTCENTRAL_RESULT_INVALID_UTF8, "");
    CT_CHECK(certcentral_validate_order_json_with_today("ssl_basic", "{}", "2026-02-30",
                                                        &report) ==
                 CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
    CT_CHECK(certcentral_validate_order_json_with_today("ssl_basic", "{}", "28/11/2026",
                                                        &report) ==
                 CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
    CT_CHECK(certcentral_validate_order_json_with_today("ssl_basic", "{}", "2026-11-2\xff",
                                                        &report) ==
                 CERTCENTRAL_RESULT_INVALID_UTF8, "");
    CT_CHECK(report == SENTINEL, "report_json_out was written on failure");
}

static void test_validate_malformed_json_is_a_verdict(void) {
    static const char *inputs[] = {"", "{", "{\"certificate\":}", "nul", "[1,]", "{} {}",
                                   "\"unterminated"};
    size_t i;
    for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char *report = NULL;
        certcentral_result r =
            certcentral_validate_order_json_with_today("ssl_basic", inputs[i], "2026-11-28",
                                                       &report);
        CT_CHECK(r == CERTCENTRAL_RESULT_OK, "input %zu: %s", i, last_message());
        CT_CHECK(report != NULL &&
                     strstr(report, "\"valid\":false,\"violations\":[{\"path\":\"\","
                                    "\"code\":\"invalid_type\"") != NULL,
                 "input %zu: %s", i, report ? report : "(null)");
        certcentral_string_free(report);
    }
}

static void test_hostile_deep_nesting(void) {
    size_t depth = 100000, i;
    char *text = malloc(2 * depth + 1), *report = NULL;
    CT_REQUIRE(text != NULL, "");
    for (i = 0; i < depth; i++) {
        text[i] = '[';
        text[depth + i] = ']';
    }
    text[2 * depth] = '\0';
    CT_CHECK(certcentral_validate_order_json("ssl_basic", text, &report) ==
                 CERTCENTRAL_RESULT_OK, "%s", last_message());
    CT_CHECK(report != NULL && strstr(report, "invalid_type") != NULL, "");
    certcentral_string_free(report);
    free(text);
}

/* A 10 MB string, NUL-terminated, made of `fill` inside prefix/suffix. */
static char *big_string(const char *prefix, char fill, const char *suffix) {
    size_t total = 10u * 1024u * 1024u, pl = strlen(prefix), sl = strlen(suffix);
    char *s = malloc(total + 1);
    if (s == NULL) {
        return NULL;
    }
    memcpy(s, prefix, pl);
    memset(s + pl, fill, total - pl - sl);
    memcpy(s + total - sl, suffix, sl);
    s[total] = '\0';
    return s;
}

static void test_hostile_10mb_strings(void) {
    char *not_json = big_string("", 'x', "");
    char *huge_name = big_string("{\"certificate\":{\"common_name\":\"", 'a', "\"}}");
    char *bad_utf8 = big_string("{\"comments\":\"", 'b', "\xff\"}");
    char *report = NULL;
    certcentral_client *client;
    certcentral_order_response *response = SENTINEL;
    CT_REQUIRE(not_json && huge_name && bad_utf8, "out of memory");

    CT_CHECK(certcentral_validate_order_json("ssl_basic", not_json, &report) ==
                 CERTCENTRAL_RESULT_OK, "%s", last_message());
    CT_CHECK(report && strstr(report, "invalid_type"), "");
    certcentral_string_free(report);
    report = NULL;

    CT_CHECK(certcentral_validate_order_json("ssl_basic", huge_name, &report) ==
                 CERTCENTRAL_RESULT_OK, "%s", last_message());
    CT_CHECK(report && strstr(report, "\"path\":\"certificate.common_name\""), "");
    certcentral_string_free(report);
    report = NULL;

    CT_CHECK(certcentral_validate_order_json("ssl_basic", bad_utf8, &report) ==
                 CERTCENTRAL_RESULT_INVALID_UTF8, "");
    CT_CHECK(certcentral_validate_order_json(not_json, "{}", &report) == CERTCENTRAL_RESULT_OK,
             "a 10 MB product id is validated with the generic rules: %s", last_message());
    certcentral_string_free(report);

    /* Submitting it: refused before anything is sent. */
    client = sandbox_client(0);
    CT_CHECK(client != NULL, "%s", last_message());
    if (client != NULL) {
        CT_CHECK(certcentral_client_submit_order_json(client, "ssl_basic", huge_name,
                                                      &response) ==
                     CERTCENTRAL_RESULT_VALIDATION, "%s", last_message());
        CT_CHECK(certcentral_client_submit_order_json(client, not_json, "{}", &response) ==
                     CERTCENTRAL_RESULT_CONFIG, "a 10 MB product id is not a path segment");
        CT_CHECK(response == SENTINEL, "");
        certcentral_client_free(client);
    }
    free(not_json);
    free(huge_name);
    free(bad_utf8);
}

/* ---------------------------------------------------------------------------------------- */
/* The shared vectors                                                                        */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct str_list {
    char **items;
    size_t len, cap;
} str_list;

static int list_push(str_list *l, const char *tag, const char *code, const char *path) {
    size_t n = strlen(tag) + strlen(code) + strlen(path) + 3;
    char *s;
    if (l->len == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        char **items = realloc(l->items, ncap * sizeof *items);
        if (items == NULL) {
            return 0;
        }
        l->items = items;
        l->cap = ncap;
    }
    s = malloc(n);
    if (s == NULL) {
        return 0;
    }
    snprintf(s, n, "%s\t%s\t%s", tag, code, path);
    l->items[l->len++] = s;
    return 1;
}

static void list_clear(str_list *l) {
    size_t i;
    for (i = 0; i < l->len; i++) {
        free(l->items[i]);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Adds the (code, path) pairs of a report's findings array. */
static int add_findings(str_list *l, const char *tag, const mj_value *arr) {
    size_t i;
    if (arr == NULL || arr->type != MJ_ARRAY) {
        return 0;
    }
    for (i = 0; i < arr->len; i++) {
        const char *code = mj_get_string(&arr->items[i], "code");
        const char *path = mj_get_string(&arr->items[i], "path");
        if (code == NULL || path == NULL || !list_push(l, tag, code, path)) {
            return 0;
        }
    }
    return 1;
}

typedef struct vector_case {
    char *name, *product, *today, *order;
    int valid;
    str_list expected;
} vector_case;

static void case_clear(vector_case *c) {
    free(c->name);
    free(c->product);
    free(c->today);
    free(c->order);
    list_clear(&c->expected);
    memset(c, 0, sizeof *c);
}

/* Runs one case; fills detail on a mismatch; returns 1 when the verdict matches. */
static int run_case(vector_case *c, char *detail, size_t detail_len) {
    char *report = NULL;
    mj_value *doc;
    const mj_value *valid;
    str_list actual = {NULL, 0, 0};
    size_t i;
    int ok = 1;
    certcentral_result r;
    detail[0] = '\0';
    if (c->product == NULL || c->today == NULL || c->order == NULL) {
        snprintf(detail, detail_len, "incomplete case in the vectors file");
        return 0;
    }
    r = certcentral_validate_order_json_with_today(c->product, c->order, c->today, &report);
    if (r != CERTCENTRAL_RESULT_OK) {
        snprintf(detail, detail_len, "validate returned %s: %s", certcentral_result_name((int)r),
                 last_message());
        return 0;
    }
    doc = mj_parse(report);
    valid = mj_get(doc, "valid");
    if (valid == NULL || valid->type != MJ_BOOL ||
        !add_findings(&actual, "violation", mj_get(doc, "violations")) ||
        !add_findings(&actual, "warning", mj_get(doc, "warnings"))) {
        snprintf(detail, detail_len, "report is not a verdict: %.200s", report);
        ok = 0;
    } else if (valid->boolean != c->valid) {
        snprintf(detail, detail_len, "valid is %s, expected %s; report %.300s",
                 valid->boolean ? "true" : "false", c->valid ? "true" : "false", report);
        ok = 0;
    } else {
        if (actual.len > 1) { /* qsort's array must not be NULL, even for 0 items */
            qsort(actual.items, actual.len, sizeof *actual.items, cmp_str);
        }
        if (c->expected.len > 1) {
            qsort(c->expected.items, c->expected.len, sizeof *c->expected.items, cmp_str);
        }
        for (i = 0; ok && (i < actual.len || i < c->expected.len); i++) {
            const char *a = i < actual.len ? actual.items[i] : "(nothing)";
            const char *e = i < c->expected.len ? c->expected.items[i] : "(nothing)";
            if (strcmp(a, e) != 0) {
                snprintf(detail, detail_len, "finding %zu: got [%s], expected [%s]; report %.300s",
                         i, a, e, report);
                ok = 0;
            }
        }
    }
    list_clear(&actual);
    mj_free(doc);
    certcentral_string_free(report);
    return ok;
}

static char *dup_str(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}

/* One test line per vector case. */
static void run_vectors(void) {
    FILE *f = g_vectors ? fopen(g_vectors, "r") : NULL;
    char *line;
    char detail[1024];
    vector_case c;
    size_t cases = 0;
    memset(&c, 0, sizeof c);
    if (f == NULL) {
        ct_record("vectors: open the flattened vectors file", 0, g_vectors ? g_vectors : "no --vectors");
        return;
    }
    while ((line = read_line(f)) != NULL) {
        char *tab = strchr(line, '\t');
        char *value = tab ? tab + 1 : line + strlen(line);
        if (tab != NULL) {
            *tab = '\0';
        }
        if (strcmp(line, "case") == 0) {
            case_clear(&c);
            c.name = dup_str(value);
        } else if (strcmp(line, "product") == 0) {
            c.product = dup_str(value);
        } else if (strcmp(line, "today") == 0) {
            c.today = dup_str(value);
        } else if (strcmp(line, "order") == 0) {
            c.order = dup_str(value);
        } else if (strcmp(line, "valid") == 0) {
            c.valid = strcmp(value, "true") == 0;
        } else if (strcmp(line, "violation") == 0 || strcmp(line, "warning") == 0) {
            char *path = strchr(value, '\t');
            if (path != NULL) {
                *path++ = '\0';
                list_push(&c.expected, line, value, path);
            }
        } else if (strcmp(line, "end") == 0) {
            char name[300];
            int ok = run_case(&c, detail, sizeof detail);
            snprintf(name, sizeof name, "vector %s", c.name ? c.name : "(unnamed)");
            ct_record(name, ok, detail);
            cases++;
            case_clear(&c);
        }
        free(line);
    }
    case_clear(&c);
    fclose(f);
    ct_record("vectors: the file holds cases", cases > 0, "no case in the vectors file");
}

/* ---------------------------------------------------------------------------------------- */
/* The order lifecycle against the sandbox                                                   */

static void test_lifecycle(void) {
    certcentral_client *client = sandbox_client(3);
    certcentral_order_response *response = NULL;
    char *status = NULL, *json = NULL, *info = NULL, *pem = NULL;
    mj_value *doc = NULL;
    uint64_t order_id, request_id = 0, certificate_id = SENTINEL_ID, cert_from_info = 0;
    const mj_value *certificate;
    const char *order_status;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_REQUIRE(g_order != NULL, "no order");

    /* Submit: manual approval gives {id, requests:[{id, "pending"}]}. */
    if (certcentral_client_submit_order_json(client, "ssl_securesite_pro", g_order, &response) !=
        CERTCENTRAL_RESULT_OK) {
        CT_CHECK(0, "submit: %s", last_message());
        certcentral_client_free(client);
        return;
    }
    order_id = certcentral_order_response_id(response);
    CT_CHECK(order_id > 0, "");
    CT_CHECK(certcentral_order_response_requests_len(response) == 1, "");
    CT_CHECK(certcentral_order_response_request_id(response, 0, &request_id) ==
                 CERTCENTRAL_RESULT_OK && request_id > 0, "");
    CT_CHECK(certcentral_order_response_request_status(response, 0, &status) ==
                 CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(status != NULL && strcmp(status, "pending") == 0, "status %s",
             status ? status : "(null)");
    certcentral_string_free(status);
    CT_CHECK(!certcentral_order_response_has_certificate_id(response), "");
    CT_CHECK(!certcentral_order_response_certificate_id(response, &certificate_id), "");
    CT_CHECK(certificate_id == SENTINEL_ID, "certificate_id_out written though absent");
    CT_CHECK(certcentral_order_response_to_json(response, &json) == CERTCENTRAL_RESULT_OK, "");
    doc = mj_parse(json);
    {
        uint64_t id = 0;
        CT_CHECK(mj_get_u64(doc, "id", &id) && id == order_id, "%s", json ? json : "");
        CT_CHECK(mj_get(doc, "certificate_id") == NULL, "");
    }
    mj_free(doc);
    certcentral_string_free(json);
    certcentral_order_response_free(response);

    /* Order info before approval. */
    CT_CHECK(certcentral_client_order_info_json(client, order_id, &info) == CERTCENTRAL_RESULT_OK,
             "%s", last_message());
    doc = mj_parse(info);
    order_status = mj_get_string(doc, "status");
    CT_CHECK(order_status != NULL && strcmp(order_status, "needs_approval") == 0, "%s",
             info ? info : "");
    mj_free(doc);
    certcentral_string_free(info);
    info = NULL;

    /* Approve, wait, download. */
    CT_CHECK(certcentral_client_update_request_status(client, request_id, "approved",
                                                      "approved by the C tests") ==
                 CERTCENTRAL_RESULT_OK, "%s", last_message());
    CT_CHECK(certcentral_client_wait_for_issuance(client, order_id, 60000, 200, &info) ==
                 CERTCENTRAL_RESULT_OK, "%s", last_message());
    doc = mj_parse(info);
    order_status = mj_get_string(doc, "status");
    certificate = mj_get(doc, "certificate");
    CT_CHECK(order_status != NULL && strcmp(order_status, "issued") == 0, "%s",
             info ? info : "(null)");
    CT_CHECK(mj_get_u64(certificate, "id", &cert_from_info) && cert_from_info > 0, "%s",
             info ? info : "");
    mj_free(doc);
    certcentral_string_free(info);

    CT_CHECK(certcentral_client_download_chain_pem(client, cert_from_info, &pem) ==
                 CERTCENTRAL_RESULT_OK, "%s", last_message());
    CT_CHECK(pem != NULL && strncmp(pem, "-----BEGIN CERTIFICATE-----", 27) == 0, "");
    CT_CHECK(pem != NULL && count_occurrences(pem, "-----BEGIN CERTIFICATE-----") >= 2,
             "a chain has the leaf and at least one CA certificate");
    CT_CHECK(pem != NULL && count_occurrences(pem, "-----BEGIN CERTIFICATE-----") ==
                                count_occurrences(pem, "-----END CERTIFICATE-----"), "");
    certcentral_string_free(pem);

    /* The order is listed for its common name. */
    json = NULL;
    CT_CHECK(certcentral_client_find_recent_orders_json(client, "example.com", 0, &json) ==
                 CERTCENTRAL_RESULT_OK, "%s", last_message());
    doc = mj_parse(json);
    {
        size_t i;
        int found = 0;
        for (i = 0; doc != NULL && doc->type == MJ_ARRAY && i < doc->len; i++) {
            uint64_t id = 0;
            found |= mj_get_u64(&doc->items[i], "id", &id) && id == order_id;
        }
        CT_CHECK(found, "order %llu not in %s", (unsigned long long)order_id, json ? json : "");
    }
    mj_free(doc);
    certcentral_string_free(json);

    /* Bad arguments of the client calls. */
    CT_CHECK(certcentral_client_update_request_status(client, request_id, "maybe", NULL) ==
                 CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
    CT_CHECK(certcentral_client_update_request_status(client, request_id, NULL, NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_wait_for_issuance(client, order_id, 1000, 0, &info) ==
                 CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
    CT_CHECK(certcentral_client_order_info_json(NULL, order_id, &info) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_order_info_json(client, order_id, NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_download_chain_pem(client, cert_from_info, NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_find_recent_orders_json(client, NULL, 0, &json) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_client_submit_order_json(client, "ssl_basic", g_order, NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "no order may be sent without somewhere to "
                                                    "put the answer");
    certcentral_client_free(client);
}

static void test_response_accessors_null_and_range(void) {
    certcentral_order_response *response = NULL;
    certcentral_client *client = sandbox_client(3);
    uint64_t id = SENTINEL_ID;
    char *s = SENTINEL;
    CT_CHECK(certcentral_order_response_id(NULL) == 0, "");
    CT_CHECK(certcentral_order_response_requests_len(NULL) == 0, "");
    CT_CHECK(!certcentral_order_response_has_certificate_id(NULL), "");
    CT_CHECK(!certcentral_order_response_certificate_id(NULL, &id), "");
    CT_CHECK(certcentral_order_response_request_id(NULL, 0, &id) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_order_response_request_status(NULL, 0, &s) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_order_response_to_json(NULL, &s) == CERTCENTRAL_RESULT_NULL_PARAMETER,
             "");
    CT_REQUIRE(client != NULL, "%s", last_message());
    if (certcentral_client_submit_order_json(client, "ssl_securesite_pro", g_order, &response) ==
        CERTCENTRAL_RESULT_OK) {
        CT_CHECK(certcentral_order_response_request_id(response, 1, &id) ==
                     CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
        CT_CHECK(certcentral_order_response_request_status(response, 99, &s) ==
                     CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
        CT_CHECK(certcentral_order_response_request_id(response, 0, NULL) ==
                     CERTCENTRAL_RESULT_NULL_PARAMETER, "");
        CT_CHECK(!certcentral_order_response_certificate_id(response, NULL), "");
        CT_CHECK(certcentral_order_response_to_json(response, NULL) ==
                     CERTCENTRAL_RESULT_NULL_PARAMETER, "");
        certcentral_order_response_free(response);
    } else {
        CT_CHECK(0, "submit: %s", last_message());
    }
    CT_CHECK(id == SENTINEL_ID && s == SENTINEL, "out-parameters written on failure");
    certcentral_client_free(client);
}

/* ---------------------------------------------------------------------------------------- */
/* Every error class                                                                         */

/* The canary key of the secret-hygiene tests: `cargo xtask test` fails when any output of the
 * run contains its prefix, and this test checks every detail the library gives. */
static const char *const canary_key = "CANARY-KEY-" "c-binding-wrong-key";

static void test_error_authentication(void) {
    certcentral_client *client = make_client(g_base_url, canary_key, 0, true, 30000);
    char *info = SENTINEL, *json;
    char errors[4096], kind[64];
    size_t n = 0;
    mj_value *doc;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_CHECK(certcentral_client_order_info_json(client, 1, &info) ==
                 CERTCENTRAL_RESULT_AUTHENTICATION, "%s", last_message());
    CT_CHECK(info == SENTINEL, "");
    CT_CHECK(certcentral_last_error_code() == CERTCENTRAL_RESULT_AUTHENTICATION, "");
    CT_CHECK(certcentral_last_error_http_status() == 403, "status %u",
             (unsigned)certcentral_last_error_http_status());
    CT_CHECK(certcentral_last_error_errors_json(errors, sizeof errors, &n) ==
                 CERTCENTRAL_RESULT_OK, "");
    doc = mj_parse(errors);
    CT_CHECK(has_error_code(doc, "access_denied|access_denied_invalid_key"), "%s", errors);
    mj_free(doc);
    /* The key appears nowhere. */
    CT_CHECK(strstr(last_message(), canary_key) == NULL, "the message shows the key");
    CT_CHECK(strstr(errors, canary_key) == NULL, "the error items show the key");
    CT_CHECK(certcentral_last_error_kind(kind, sizeof kind, &n) == CERTCENTRAL_RESULT_OK &&
                 strcmp(kind, "authentication") == 0, "");
    json = last_error_json();
    CT_CHECK(json != NULL && strstr(json, canary_key) == NULL, "the detail shows the key");
    CT_CHECK(json != NULL && strstr(json, "\"kind\":\"authentication\"") != NULL, "%s",
             json ? json : "");
    certcentral_string_free(json);
    /* Nor in the errors of a submit. */
    {
        certcentral_order_response *response = NULL;
        CT_CHECK(certcentral_client_submit_order_json(client, "ssl_securesite_pro", g_order,
                                                      &response) ==
                     CERTCENTRAL_RESULT_AUTHENTICATION, "%s", last_message());
        json = last_error_json();
        CT_CHECK(json != NULL && strstr(json, canary_key) == NULL, "the detail shows the key");
        certcentral_string_free(json);
    }
    certcentral_client_free(client);
}

static void test_error_not_found(void) {
    certcentral_client *client = sandbox_client(0);
    char *info = NULL, kind[32], errors[4096];
    size_t n = 0;
    mj_value *doc;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_CHECK(certcentral_client_order_info_json(client, 987654321, &info) ==
                 CERTCENTRAL_RESULT_NOT_FOUND, "%s", last_message());
    CT_CHECK(certcentral_last_error_http_status() == 404, "");
    CT_CHECK(certcentral_last_error_kind(kind, sizeof kind, &n) == CERTCENTRAL_RESULT_OK &&
                 strcmp(kind, "not_found") == 0, "kind %s", kind);
    CT_CHECK(certcentral_last_error_errors_json(errors, sizeof errors, &n) ==
                 CERTCENTRAL_RESULT_OK, "");
    doc = mj_parse(errors);
    CT_CHECK(has_error_code(doc, "not_found|order"), "%s", errors);
    CT_CHECK(doc != NULL && doc->len > 0 &&
                 mj_get_string(&doc->items[0], "category") != NULL &&
                 strcmp(mj_get_string(&doc->items[0], "category"), "not_found") == 0, "");
    mj_free(doc);
    /* An unknown product is a 404 too. */
    {
        certcentral_order_response *response = NULL;
        CT_CHECK(certcentral_client_submit_order_json(client, "ssl_no_such_product", g_order,
                                                      &response) == CERTCENTRAL_RESULT_NOT_FOUND,
                 "%s", last_message());
        certcentral_order_response_free(response);
    }
    certcentral_client_free(client);
}

static void test_error_validation_on_submit(void) {
    certcentral_client *client = sandbox_client(0);
    certcentral_order_response *response = SENTINEL;
    char buf[8192];
    size_t n = 0;
    mj_value *doc;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_CHECK(certcentral_client_submit_order_json(
                 client, "ssl_securesite_pro",
                 "{\"certificate\":{\"common_name\":\"-bad-\"},\"validity_years\":9}",
                 &response) == CERTCENTRAL_RESULT_VALIDATION, "%s", last_message());
    CT_CHECK(response == SENTINEL, "");
    CT_CHECK(certcentral_last_error_http_status() == 0, "nothing was sent");
    CT_CHECK(certcentral_last_error_violations_json(buf, sizeof buf, &n) == CERTCENTRAL_RESULT_OK,
             "");
    doc = mj_parse(buf);
    CT_CHECK(doc != NULL && doc->type == MJ_ARRAY && doc->len >= 4, "%s", buf);
    CT_CHECK(strstr(buf, "\"path\":\"validity_years\",\"code\":\"out_of_range\"") != NULL, "%s",
             buf);
    CT_CHECK(strstr(buf, "\"path\":\"certificate.common_name\",\"code\":\"invalid_domain\"") !=
                 NULL, "");
    mj_free(doc);
    CT_CHECK(strstr(last_message(), "validity_years") != NULL, "the message lists violations");
    /* Malformed JSON: the same error class, one invalid_type violation at "". */
    CT_CHECK(certcentral_client_submit_order_json(client, "ssl_securesite_pro", "{oops",
                                                  &response) == CERTCENTRAL_RESULT_VALIDATION,
             "");
    CT_CHECK(certcentral_last_error_violations_json(buf, sizeof buf, &n) == CERTCENTRAL_RESULT_OK &&
                 strstr(buf, "\"path\":\"\",\"code\":\"invalid_type\"") != NULL, "%s", buf);
    CT_CHECK(certcentral_client_submit_order_json(client, "ssl_securesite_pro", "{\"x\":\"\xfe\"}",
                                                  &response) == CERTCENTRAL_RESULT_INVALID_UTF8,
             "");
    CT_CHECK(certcentral_client_submit_order_json(client, "../admin", g_order, &response) ==
                 CERTCENTRAL_RESULT_CONFIG, "a product id that is not a path segment");
    CT_CHECK(response == SENTINEL, "");
    certcentral_client_free(client);
}

static void test_error_transport_closed_port(void) {
    char url[128];
    int port = closed_port();
    certcentral_client *client;
    char *info = SENTINEL;
    CT_REQUIRE(port > 0, "no free port");
    snprintf(url, sizeof url, "http://127.0.0.1:%d/services/v2", port);
    client = make_client(url, "k", 0, true, 5000);
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_CHECK(certcentral_client_order_info_json(client, 1, &info) == CERTCENTRAL_RESULT_TRANSPORT,
             "%s", last_message());
    CT_CHECK(info == SENTINEL, "");
    CT_CHECK(certcentral_last_error_http_status() == 0, "");
    certcentral_client_free(client);
}

static void test_error_rate_limited(void) {
    certcentral_client *client = sandbox_client(0);
    char *info = NULL, *json;
    mj_value *doc;
    uint64_t retry_after = 0;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_REQUIRE(inject_fault("{\"kind\":\"rate_limit\",\"retry_after\":2,"
                            "\"path_prefix\":\"/order/certificate\",\"method\":\"GET\"}"),
               "the sandbox refused the fault");
    CT_CHECK(certcentral_client_order_info_json(client, 1, &info) ==
                 CERTCENTRAL_RESULT_RATE_LIMITED, "%s", last_message());
    CT_CHECK(certcentral_last_error_http_status() == 429, "");
    json = last_error_json();
    doc = mj_parse(json);
    CT_CHECK(has_error_code(mj_get(doc, "errors"), "request_limit_exceeded"), "%s",
             json ? json : "");
    CT_CHECK(mj_get_u64(doc, "retry_after_ms", &retry_after) && retry_after == 2000, "%s",
             json ? json : "");
    mj_free(doc);
    certcentral_string_free(json);
    certcentral_client_free(client);
}

static void test_error_outcome_unknown(void) {
    certcentral_client *client = sandbox_client(3);
    certcentral_order_response *response = SENTINEL;
    char *before = NULL, *after = NULL, *json;
    mj_value *b = NULL, *a = NULL, *detail;
    uint64_t sent_at;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_REQUIRE(certcentral_client_find_recent_orders_json(client, "example.com", 0, &before) ==
                   CERTCENTRAL_RESULT_OK, "%s", last_message());
    if (!inject_fault("{\"kind\":\"drop_after_body\",\"path_prefix\":\"/order/certificate\","
                      "\"method\":\"POST\"}")) {
        CT_CHECK(0, "the sandbox refused the fault");
        certcentral_string_free(before);
        certcentral_client_free(client);
        return;
    }
    /* Retries are on (3), yet the submit is not repeated: the order was taken. */
    CT_CHECK(certcentral_client_submit_order_json(client, "ssl_securesite_pro", g_order,
                                                  &response) ==
                 CERTCENTRAL_RESULT_OUTCOME_UNKNOWN, "%s", last_message());
    CT_CHECK(response == SENTINEL, "");
    sent_at = certcentral_last_error_sent_at_unix();
    CT_CHECK(sent_at > 1700000000u && sent_at <= (uint64_t)time(NULL) + 1, "sent_at %llu",
             (unsigned long long)sent_at);
    json = last_error_json();
    detail = mj_parse(json);
    CT_CHECK(mj_get_string(mj_get(detail, "outcome_unknown"), "common_name") != NULL &&
                 strcmp(mj_get_string(mj_get(detail, "outcome_unknown"), "common_name"),
                        "example.com") == 0, "%s", json ? json : "");
    mj_free(detail);
    certcentral_string_free(json);
    /* The lost order exists: exactly one more order for the name. */
    CT_CHECK(certcentral_client_find_recent_orders_json(client, "example.com", 0, &after) ==
                 CERTCENTRAL_RESULT_OK, "%s", last_message());
    b = mj_parse(before);
    a = mj_parse(after);
    CT_CHECK(a != NULL && b != NULL && a->len == b->len + 1, "before %zu, after %zu",
             b ? b->len : 0, a ? a->len : 0);
    certcentral_string_free(after);
    after = NULL;
    mj_free(a);
    /* And it is found from sent_at on. */
    CT_CHECK(certcentral_client_find_recent_orders_json(client, "example.com", sent_at - 5,
                                                        &after) == CERTCENTRAL_RESULT_OK, "");
    a = mj_parse(after);
    CT_CHECK(a != NULL && a->type == MJ_ARRAY && a->len >= 1, "%s", after ? after : "");
    mj_free(a);
    mj_free(b);
    certcentral_string_free(before);
    certcentral_string_free(after);
    certcentral_client_free(client);
}

static void test_error_decode(void) {
    certcentral_client *client = sandbox_client(0);
    certcentral_order_response *response = NULL;
    char *info = SENTINEL, *json;
    uint64_t order_id;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_REQUIRE(certcentral_client_submit_order_json(client, "ssl_securesite_pro", g_order,
                                                    &response) == CERTCENTRAL_RESULT_OK,
               "%s", last_message());
    order_id = certcentral_order_response_id(response);
    certcentral_order_response_free(response);
    CT_REQUIRE(inject_fault("{\"kind\":\"malformed_json\",\"path_prefix\":\"/order/certificate\","
                            "\"method\":\"GET\"}"),
               "the sandbox refused the fault");
    CT_CHECK(certcentral_client_order_info_json(client, order_id, &info) ==
                 CERTCENTRAL_RESULT_DECODE, "%s", last_message());
    CT_CHECK(info == SENTINEL, "");
    json = last_error_json();
    CT_CHECK(json != NULL && strstr(json, "\"raw_body\":null") == NULL, "the raw body is kept: %s",
             json ? json : "");
    certcentral_string_free(json);
    certcentral_client_free(client);
}

static void test_error_timeout(void) {
    certcentral_client *client = make_client(g_base_url, g_api_key, 0, true, 300);
    char *info = SENTINEL;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_REQUIRE(inject_fault("{\"kind\":\"latency\",\"latency_ms\":1500,"
                            "\"path_prefix\":\"/order/certificate\",\"method\":\"GET\"}"),
               "the sandbox refused the fault");
    CT_CHECK(certcentral_client_order_info_json(client, 1, &info) == CERTCENTRAL_RESULT_TIMEOUT,
             "%s", last_message());
    CT_CHECK(info == SENTINEL, "");
    certcentral_client_free(client);
    /* wait_for_issuance gives up with TIMEOUT too. */
    client = sandbox_client(0);
    CT_REQUIRE(client != NULL, "");
    {
        certcentral_order_response *response = NULL;
        if (certcentral_client_submit_order_json(client, "ssl_securesite_pro", g_order,
                                                 &response) == CERTCENTRAL_RESULT_OK) {
            CT_CHECK(certcentral_client_wait_for_issuance(
                         client, certcentral_order_response_id(response), 300, 100, &info) ==
                         CERTCENTRAL_RESULT_TIMEOUT, "an order waiting for approval: %s",
                     last_message());
            certcentral_order_response_free(response);
        } else {
            CT_CHECK(0, "submit: %s", last_message());
        }
    }
    certcentral_client_free(client);
}

static void test_error_api_status(void) {
    certcentral_client *client = sandbox_client(0);
    char *info = NULL;
    CT_REQUIRE(client != NULL, "%s", last_message());
    CT_REQUIRE(inject_fault("{\"kind\":\"status\",\"status\":500,"
                            "\"path_prefix\":\"/order/certificate\",\"method\":\"GET\"}"),
               "the sandbox refused the fault");
    CT_CHECK(certcentral_client_order_info_json(client, 1, &info) == CERTCENTRAL_RESULT_API, "%s",
             last_message());
    CT_CHECK(certcentral_last_error_http_status() == 500, "");
    certcentral_client_free(client);
}

/* ---------------------------------------------------------------------------------------- */
/* Last-error detail                                                                         */

static void test_last_error_buffers(void) {
    char small[8], big[256];
    size_t n = 12345, full;
    char *report = NULL;
    /* Make a known error. */
    CT_REQUIRE(certcentral_validate_order_json(NULL, "{}", &report) ==
                   CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_last_error_code() == CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_last_error_message(big, sizeof big, &n) == CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(n == strlen(big) && strstr(big, "product") != NULL, "message %s", big);
    full = n;
    /* Size query. */
    n = 0;
    CT_CHECK(certcentral_last_error_message(NULL, 0, &n) == CERTCENTRAL_RESULT_BUFFER_TOO_SMALL,
             "");
    CT_CHECK(n == full, "needed %zu, full %zu", n, full);
    /* Truncation: a NUL-terminated prefix, the full length reported. */
    memset(small, 'Z', sizeof small);
    CT_CHECK(certcentral_last_error_message(small, sizeof small, &n) ==
                 CERTCENTRAL_RESULT_BUFFER_TOO_SMALL, "");
    CT_CHECK(n == full, "");
    CT_CHECK(small[7] == '\0' && strlen(small) == 7 && strncmp(small, big, 7) == 0, "%s", small);
    /* Exactly fitting needs room for the NUL. */
    {
        char *exact = malloc(full + 1);
        CT_REQUIRE(exact != NULL, "");
        CT_CHECK(certcentral_last_error_message(exact, full, &n) ==
                     CERTCENTRAL_RESULT_BUFFER_TOO_SMALL, "");
        CT_CHECK(certcentral_last_error_message(exact, full + 1, &n) == CERTCENTRAL_RESULT_OK &&
                     strcmp(exact, big) == 0, "");
        free(exact);
    }
    /* NULL out_len, NULL buffer with a length. */
    CT_CHECK(certcentral_last_error_message(big, sizeof big, NULL) ==
                 CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_last_error_message(NULL, 10, &n) == CERTCENTRAL_RESULT_NULL_PARAMETER,
             "");
    CT_CHECK(certcentral_last_error_to_json(NULL) == CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    /* Reading does not change the last error. */
    CT_CHECK(certcentral_last_error_code() == CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    CT_CHECK(certcentral_last_error_kind(big, sizeof big, &n) == CERTCENTRAL_RESULT_OK &&
                 strcmp(big, "null_parameter") == 0, "%s", big);
    CT_CHECK(certcentral_last_error_errors_json(big, sizeof big, &n) == CERTCENTRAL_RESULT_OK &&
                 strcmp(big, "[]") == 0, "");
    CT_CHECK(certcentral_last_error_violations_json(big, sizeof big, &n) ==
                 CERTCENTRAL_RESULT_OK && strcmp(big, "[]") == 0, "");
    CT_CHECK(certcentral_last_error_violations_json(small, 2, &n) ==
                 CERTCENTRAL_RESULT_BUFFER_TOO_SMALL && n == 2 && strcmp(small, "[") == 0, "");
    /* A success clears it. */
    CT_CHECK(certcentral_validate_order_json("ssl_basic", "{}", &report) == CERTCENTRAL_RESULT_OK,
             "");
    certcentral_string_free(report);
    CT_CHECK(certcentral_last_error_code() == CERTCENTRAL_RESULT_OK, "");
    CT_CHECK(certcentral_last_error_message(big, sizeof big, &n) == CERTCENTRAL_RESULT_OK &&
                 n == 0 && big[0] == '\0', "");
    {
        char *json = last_error_json();
        CT_CHECK(json != NULL && strstr(json, "\"code\":0") != NULL, "%s", json ? json : "");
        certcentral_string_free(json);
    }
    /* And clear() does too. */
    certcentral_validate_order_json(NULL, NULL, NULL);
    CT_CHECK(certcentral_last_error_code() == CERTCENTRAL_RESULT_NULL_PARAMETER, "");
    certcentral_last_error_clear();
    CT_CHECK(certcentral_last_error_code() == CERTCENTRAL_RESULT_OK, "");
}

typedef struct thread_result {
    certcentral_result seen_before;
    certcentral_result own;
    certcentral_result seen_after;
} thread_result;

static int thread_body(void *arg) {
    thread_result *r = arg;
    char *report = NULL;
    r->seen_before = certcentral_last_error_code();
    r->own = certcentral_validate_order_json_with_today("ssl_basic", "{}", "bad", &report);
    r->seen_after = certcentral_last_error_code();
    return 0;
}

static void test_last_error_is_per_thread(void) {
    thrd_t t;
    thread_result r;
    char *report = NULL;
    memset(&r, 0, sizeof r);
    CT_REQUIRE(certcentral_validate_order_json("ssl_basic", "{\"a\":\"\xff\"}", &report) ==
                   CERTCENTRAL_RESULT_INVALID_UTF8, "");
    CT_REQUIRE(thrd_create(&t, thread_body, &r) == thrd_success, "");
    thrd_join(t, NULL);
    CT_CHECK(r.seen_before == CERTCENTRAL_RESULT_OK, "a new thread starts with no error");
    CT_CHECK(r.own == CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
    CT_CHECK(r.seen_after == CERTCENTRAL_RESULT_INVALID_ARGUMENT, "");
    CT_CHECK(certcentral_last_error_code() == CERTCENTRAL_RESULT_INVALID_UTF8,
             "another thread's failure replaced this thread's error");
}

static int concurrent_body(void *arg) {
    certcentral_client *client = arg;
    int i, ok = 1;
    for (i = 0; i < 3; i++) {
        char *info = NULL;
        ok &= certcentral_client_order_info_json(client, 987654321, &info) ==
              CERTCENTRAL_RESULT_NOT_FOUND;
        ok &= certcentral_last_error_http_status() == 404;
    }
    return ok;
}

static void test_client_shared_by_threads(void) {
    certcentral_client *client = sandbox_client(0);
    thrd_t t[4];
    int i, results[4];
    CT_REQUIRE(client != NULL, "%s", last_message());
    for (i = 0; i < 4; i++) {
        CT_REQUIRE(thrd_create(&t[i], concurrent_body, client) == thrd_success, "");
    }
    for (i = 0; i < 4; i++) {
        thrd_join(t[i], &results[i]);
        CT_CHECK(results[i] == 1, "thread %d", i);
    }
    certcentral_client_free(client);
}

/* ---------------------------------------------------------------------------------------- */

static void parse_args(int argc, char **argv) {
    int i;
    for (i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--base-url") == 0) {
            g_base_url = argv[i + 1];
        } else if (strcmp(argv[i], "--api-key") == 0) {
            g_api_key = argv[i + 1];
        } else if (strcmp(argv[i], "--vectors") == 0) {
            g_vectors = argv[i + 1];
        } else if (strcmp(argv[i], "--order") == 0) {
            g_order_file = argv[i + 1];
        } else if (strcmp(argv[i], "--version") == 0) {
            g_version = argv[i + 1];
        } else {
            fprintf(stderr, "unknown argument %s\n", argv[i]);
        }
    }
}

int main(int argc, char **argv) {
    int sandbox_ok;
    parse_args(argc, argv);
    g_order = read_file(g_order_file);
    sandbox_ok = g_base_url != NULL && g_api_key != NULL &&
                 sscanf(g_base_url, "http://%63[^:/]:%d", g_host, &g_port) == 2;
    printf("# certcentral %s, sandbox %s\n", certcentral_version(),
           g_base_url ? g_base_url : "(none)");

    CT_RUN(test_version);
    CT_RUN(test_result_codes_are_stable);
    CT_RUN(test_frees_accept_null);
    CT_RUN(test_config_setters);
    CT_RUN(test_client_new_errors);
    CT_RUN(test_validate_example_order);
    CT_RUN(test_validate_reports_every_violation);
    CT_RUN(test_validate_bad_arguments);
    CT_RUN(test_validate_malformed_json_is_a_verdict);
    CT_RUN(test_hostile_deep_nesting);
    CT_RUN(test_last_error_buffers);
    CT_RUN(test_last_error_is_per_thread);
    run_vectors();

    ct_record("sandbox arguments (--base-url http://HOST:PORT/..., --api-key)", sandbox_ok,
              "the sandbox tests cannot run");
    if (sandbox_ok) {
        CT_RUN(test_hostile_10mb_strings);
        CT_RUN(test_lifecycle);
        CT_RUN(test_response_accessors_null_and_range);
        CT_RUN(test_error_authentication);
        CT_RUN(test_error_not_found);
        CT_RUN(test_error_validation_on_submit);
        CT_RUN(test_error_transport_closed_port);
        CT_RUN(test_error_rate_limited);
        CT_RUN(test_error_outcome_unknown);
        CT_RUN(test_error_decode);
        CT_RUN(test_error_timeout);
        CT_RUN(test_error_api_status);
        CT_RUN(test_client_shared_by_threads);
    }
    free(g_order);
    return ct_finish();
}
