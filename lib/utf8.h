/* SPDX-License-Identifier: MIT */
#ifndef SMSK_UTF8_H
#define SMSK_UTF8_H

#include "internal.h"

/*
 * Decode one code point at `s[*i]` (with `*i` < `len`), advancing `*i`.
 * Returns the code point, or SMSK__UTF8_BAD with `*i` unchanged and
 * `*why` naming the rule broken.
 */
#define SMSK__UTF8_BAD 0xFFFFFFFFu
uint32_t smsk__utf8_next(const uint8_t *s, size_t len, size_t *i,
        const char **why);

/* Bytes the UTF-8 form of a valid `cp` takes. */
static inline size_t smsk__utf8_len(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Write a valid `cp` at `d` (room for smsk__utf8_len(cp) bytes). */
static inline size_t smsk__utf8_put(uint8_t *d, uint32_t cp)
{
    if (cp < 0x80) {
        d[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (uint8_t)(0xC0 | (cp >> 6));
        d[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (uint8_t)(0xE0 | (cp >> 12));
        d[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (uint8_t)(0xF0 | (cp >> 18));
    d[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    d[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

static inline int smsk__is_surrogate(uint32_t cp)
{
    return cp >= 0xD800 && cp <= 0xDFFF;
}

#endif /* SMSK_UTF8_H */
