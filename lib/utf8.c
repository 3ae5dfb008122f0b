/* SPDX-License-Identifier: MIT */
/*
 * Strict UTF-8 (RFC 3629 section 4, Unicode 15 Table 3-7).
 *
 * The decoder accepts exactly the well-formed byte sequences of Table 3-7:
 * the second byte's range depends on the lead byte (E0: A0-BF, ED: 80-9F,
 * F0: 90-BF, F4: 80-8F), which rules out overlong forms, surrogates and
 * values above U+10FFFF without decoding first and checking after.
 */
#include "utf8.h"

uint32_t smsk__utf8_next(const uint8_t *s, size_t len, size_t *i,
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

smsk_status smsk_utf8_decode_next(const char *src, size_t len, size_t *pos,
        uint32_t *cp, smsk_diag *diag)
{
    if (pos == NULL || cp == NULL || !SMSK_BUF_OK(src, len) || *pos > len)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer or position past the end");
    if (*pos == len)
        return SMSK_END;
    const char *why = NULL;
    size_t i = *pos;
    uint32_t c = smsk__utf8_next((const uint8_t *)src, len, &i, &why);
    if (c == SMSK__UTF8_BAD)
        return smsk__fail(diag, SMSK_E_UTF8, *pos, SMSK_NO_CODEPOINT, why);
    *pos = i;
    *cp = c;
    return SMSK_OK;
}

smsk_status smsk_utf8_validate(const char *src, size_t len, size_t *n_chars,
        smsk_diag *diag)
{
    if (!SMSK_BUF_OK(src, len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL text");
    const uint8_t *s = (const uint8_t *)src;
    size_t i = 0, n = 0;
    while (i < len) {
        /* ASCII runs, 8 bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080u)
                break;
            i += 8;
            n += 8;
        }
        if (i >= len)
            break;
        const char *why = NULL;
        size_t at = i;
        if (smsk__utf8_next(s, len, &i, &why) == SMSK__UTF8_BAD)
            return smsk__fail(diag, SMSK_E_UTF8, at, SMSK_NO_CODEPOINT, why);
        n++;
    }
    if (n_chars != NULL)
        *n_chars = n;
    return SMSK_OK;
}

smsk_status smsk_utf8_encode_cp(char *dst, size_t dst_cap, size_t *dst_len,
        uint32_t cp)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap))
        return SMSK_E_ARG;
    if (cp > 0x10FFFF || smsk__is_surrogate(cp))
        return SMSK_E_RANGE;
    size_t need = smsk__utf8_len(cp);
    *dst_len = need;
    if (dst_cap < need)
        return SMSK_E_NOSPACE;
    smsk__utf8_put((uint8_t *)dst, cp);
    return SMSK_OK;
}
