/* minijson.c - see minijson.h. */
#include "minijson.h"

#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *p;
    int depth;
} parser;

static int parse_value(parser *ps, mj_value *out);

static void skip_ws(parser *ps) {
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r') {
        ps->p++;
    }
}

static void free_inner(mj_value *v) {
    size_t i;
    free(v->text);
    for (i = 0; i < v->len; i++) {
        free_inner(&v->items[i]);
        if (v->keys != NULL) {
            free(v->keys[i]);
        }
    }
    free(v->items);
    free(v->keys);
    memset(v, 0, sizeof *v);
}

void mj_free(mj_value *value) {
    if (value != NULL) {
        free_inner(value);
        free(value);
    }
}

static int hex4(const char *s, unsigned *out) {
    unsigned v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (unsigned)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (unsigned)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (unsigned)(c - 'A' + 10);
        } else {
            return 0;
        }
    }
    *out = v;
    return 1;
}

static size_t put_utf8(char *dst, unsigned cp) {
    if (cp < 0x80) {
        dst[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        dst[0] = (char)(0xC0 | (cp >> 6));
        dst[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        dst[0] = (char)(0xE0 | (cp >> 12));
        dst[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        dst[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    dst[0] = (char)(0xF0 | (cp >> 18));
    dst[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    dst[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    dst[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Parses a string at ps->p (which is at the opening quote) into a malloc'd buffer. */
static char *parse_string(parser *ps) {
    const char *s = ps->p + 1;
    const char *end = s;
    char *out;
    size_t n = 0;
    /* Find the closing quote to size the buffer (decoded text is never longer). */
    while (*end != '"') {
        if (*end == '\0' || (unsigned char)*end < 0x20) {
            return NULL;
        }
        if (*end == '\\') {
            end++;
            if (*end == '\0') {
                return NULL;
            }
        }
        end++;
    }
    out = malloc((size_t)(end - s) + 1);
    if (out == NULL) {
        return NULL;
    }
    while (s < end) {
        if (*s != '\\') {
            out[n++] = *s++;
            continue;
        }
        s++;
        switch (*s) {
        case '"': out[n++] = '"'; s++; break;
        case '\\': out[n++] = '\\'; s++; break;
        case '/': out[n++] = '/'; s++; break;
        case 'b': out[n++] = '\b'; s++; break;
        case 'f': out[n++] = '\f'; s++; break;
        case 'n': out[n++] = '\n'; s++; break;
        case 'r': out[n++] = '\r'; s++; break;
        case 't': out[n++] = '\t'; s++; break;
        case 'u': {
            unsigned cp, lo;
            if (end - s < 5 || !hex4(s + 1, &cp)) {
                free(out);
                return NULL;
            }
            s += 5;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (end - s < 6 || s[0] != '\\' || s[1] != 'u' || !hex4(s + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF) {
                    free(out);
                    return NULL;
                }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                s += 6;
            }
            n += put_utf8(out + n, cp); /* \uXXXX (6 bytes) never decodes to more than 4 */
            break;
        }
        default:
            free(out);
            return NULL;
        }
    }
    out[n] = '\0';
    ps->p = end + 1;
    return out;
}

static int parse_number(parser *ps, mj_value *out) {
    const char *s = ps->p;
    const char *q = s;
    size_t n;
    if (*q == '-') {
        q++;
    }
    if (*q == '0') {
        q++;
    } else if (*q >= '1' && *q <= '9') {
        while (*q >= '0' && *q <= '9') {
            q++;
        }
    } else {
        return 0;
    }
    if (*q == '.') {
        q++;
        if (!(*q >= '0' && *q <= '9')) {
            return 0;
        }
        while (*q >= '0' && *q <= '9') {
            q++;
        }
    }
    if (*q == 'e' || *q == 'E') {
        q++;
        if (*q == '+' || *q == '-') {
            q++;
        }
        if (!(*q >= '0' && *q <= '9')) {
            return 0;
        }
        while (*q >= '0' && *q <= '9') {
            q++;
        }
    }
    n = (size_t)(q - s);
    out->text = malloc(n + 1);
    if (out->text == NULL) {
        return 0;
    }
    memcpy(out->text, s, n);
    out->text[n] = '\0';
    out->type = MJ_NUMBER;
    ps->p = q;
    return 1;
}

/* Appends a value slot to an array/object; returns it (zeroed) or NULL. */
static mj_value *push(mj_value *v, size_t *cap, int with_key) {
    if (v->len == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        mj_value *items = realloc(v->items, ncap * sizeof *items);
        if (items == NULL) {
            return NULL;
        }
        v->items = items;
        if (with_key) {
            char **keys = realloc(v->keys, ncap * sizeof *keys);
            if (keys == NULL) {
                return NULL;
            }
            v->keys = keys;
        }
        *cap = ncap;
    }
    memset(&v->items[v->len], 0, sizeof v->items[0]);
    if (with_key) {
        v->keys[v->len] = NULL;
    }
    return &v->items[v->len++];
}

static int parse_container(parser *ps, mj_value *out, int object) {
    size_t cap = 0;
    char close = object ? '}' : ']';
    out->type = object ? MJ_OBJECT : MJ_ARRAY;
    if (++ps->depth > 64) {
        return 0;
    }
    ps->p++;
    skip_ws(ps);
    if (*ps->p == close) {
        ps->p++;
        ps->depth--;
        return 1;
    }
    for (;;) {
        mj_value *slot;
        char *key = NULL;
        skip_ws(ps);
        if (object) {
            if (*ps->p != '"' || (key = parse_string(ps)) == NULL) {
                return 0;
            }
            skip_ws(ps);
            if (*ps->p != ':') {
                free(key);
                return 0;
            }
            ps->p++;
        }
        slot = push(out, &cap, object);
        if (slot == NULL) {
            free(key);
            return 0;
        }
        if (object) {
            out->keys[out->len - 1] = key;
        }
        if (!parse_value(ps, slot)) {
            return 0;
        }
        skip_ws(ps);
        if (*ps->p == ',') {
            ps->p++;
            continue;
        }
        if (*ps->p == close) {
            ps->p++;
            ps->depth--;
            return 1;
        }
        return 0;
    }
}

static int parse_value(parser *ps, mj_value *out) {
    skip_ws(ps);
    switch (*ps->p) {
    case '{':
        return parse_container(ps, out, 1);
    case '[':
        return parse_container(ps, out, 0);
    case '"':
        out->type = MJ_STRING;
        out->text = parse_string(ps);
        return out->text != NULL;
    case 't':
        if (strncmp(ps->p, "true", 4) == 0) {
            out->type = MJ_BOOL;
            out->boolean = 1;
            ps->p += 4;
            return 1;
        }
        return 0;
    case 'f':
        if (strncmp(ps->p, "false", 5) == 0) {
            out->type = MJ_BOOL;
            ps->p += 5;
            return 1;
        }
        return 0;
    case 'n':
        if (strncmp(ps->p, "null", 4) == 0) {
            out->type = MJ_NULL;
            ps->p += 4;
            return 1;
        }
        return 0;
    default:
        return parse_number(ps, out);
    }
}

mj_value *mj_parse(const char *text) {
    parser ps;
    mj_value *v;
    if (text == NULL) {
        return NULL;
    }
    v = calloc(1, sizeof *v);
    if (v == NULL) {
        return NULL;
    }
    ps.p = text;
    ps.depth = 0;
    if (!parse_value(&ps, v)) {
        mj_free(v);
        return NULL;
    }
    skip_ws(&ps);
    if (*ps.p != '\0') {
        mj_free(v);
        return NULL;
    }
    return v;
}

const mj_value *mj_get(const mj_value *object, const char *key) {
    size_t i;
    if (object == NULL || object->type != MJ_OBJECT) {
        return NULL;
    }
    for (i = 0; i < object->len; i++) {
        if (strcmp(object->keys[i], key) == 0) {
            return &object->items[i];
        }
    }
    return NULL;
}

const char *mj_get_string(const mj_value *object, const char *key) {
    const mj_value *v = mj_get(object, key);
    return (v != NULL && v->type == MJ_STRING) ? v->text : NULL;
}

int mj_get_u64(const mj_value *object, const char *key, uint64_t *out) {
    const mj_value *v = mj_get(object, key);
    const char *s;
    uint64_t n = 0;
    if (v == NULL || v->type != MJ_NUMBER) {
        return 0;
    }
    for (s = v->text; *s != '\0'; s++) {
        if (*s < '0' || *s > '9') {
            return 0;
        }
        n = n * 10 + (uint64_t)(*s - '0');
    }
    *out = n;
    return 1;
}
