/*
 * minijson.h - a small JSON reader for the certcentral C tests: parses the library's JSON
 * output (reports, order info, error detail) into a tree. Strict enough for tests: RFC 8259
 * syntax, \uXXXX escapes (with surrogate pairs) decoded to UTF-8, nesting limited to 64.
 */
#ifndef CERTCENTRAL_MINIJSON_H
#define CERTCENTRAL_MINIJSON_H

#include <stddef.h>
#include <stdint.h>

typedef enum mj_type { MJ_NULL, MJ_BOOL, MJ_NUMBER, MJ_STRING, MJ_ARRAY, MJ_OBJECT } mj_type;

typedef struct mj_value {
    mj_type type;
    int boolean;             /* MJ_BOOL */
    char *text;              /* MJ_STRING: the decoded string; MJ_NUMBER: the number as written */
    size_t len;              /* MJ_ARRAY, MJ_OBJECT: number of items */
    struct mj_value *items;  /* MJ_ARRAY, MJ_OBJECT: the items */
    char **keys;             /* MJ_OBJECT: the keys, same order as items */
} mj_value;

/* Parses text; NULL when it is not one JSON value (surrounding whitespace allowed). */
mj_value *mj_parse(const char *text);
void mj_free(mj_value *value);

/* The member `key` of an object (NULL when absent or not an object). */
const mj_value *mj_get(const mj_value *object, const char *key);
/* The string of a member, or NULL when absent or not a string. */
const char *mj_get_string(const mj_value *object, const char *key);
/* A member that is a non-negative integer; returns 1 and sets *out, else 0. */
int mj_get_u64(const mj_value *object, const char *key, uint64_t *out);

#endif /* CERTCENTRAL_MINIJSON_H */
