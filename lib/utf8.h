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

/*
 * Strict UTF-8 (RFC 3629 section 4, Unicode Table 3-7): the second byte's
 * range depends on the lead byte (E0: A0-BF, ED: 80-9F, F0: 90-BF,
 * F4: 80-8F), which rules out overlong forms, surrogates and values above
 * U+10FFFF without decoding first and checking after. Inline: every text
 * converter runs it once per character.
 */
static inline uint32_t smsk__utf8_next(const uint8_t *s, size_t len, size_t *i,
        const char **why)
{
    size_t p = *i;
    uint32_t b0 = s[p];
    if (b0 < 0x80) {
        *i = p + 1;
        return b0;
    }
    size_t need;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        if (b0 == 0xE0)
            lo = 0xA0; /* overlong below U+0800 */
        else if (b0 == 0xED)
            hi = 0x9F; /* U+D800-U+DFFF are surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        if (b0 == 0xF0)
            lo = 0x90; /* overlong below U+10000 */
        else if (b0 == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        *why = b0 >= 0x80 && b0 <= 0xBF ? "UTF-8 continuation byte without a lead byte"
               : b0 == 0xC0 || b0 == 0xC1 ? "overlong UTF-8 sequence"
                                          : "UTF-8 lead byte above F4 (beyond U+10FFFF)";
        return SMSK__UTF8_BAD;
    }
    uint32_t cp = b0 & (0x3Fu >> need);
    for (size_t k = 1; k <= need; k++) {
        if (p + k >= len) {
            *why = "UTF-8 sequence truncated";
            return SMSK__UTF8_BAD;
        }
        uint8_t b = s[p + k];
        uint8_t min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
        if (b < min || b > max) {
            if (b < 0x80 || b > 0xBF)
                *why = "UTF-8 sequence truncated";
            else if (b0 == 0xED)
                *why = "UTF-16 surrogate encoded in UTF-8";
            else if (b0 == 0xF4)
                *why = "UTF-8 sequence beyond U+10FFFF";
            else
                *why = "overlong UTF-8 sequence";
            return SMSK__UTF8_BAD;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    *i = p + need + 1;
    return cp;
}

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
