/* SPDX-License-Identifier: MIT */
/*
 * Strict UTF-8 (RFC 3629 section 4, Unicode 15 Table 3-7): the public
 * entry points. The decoder itself is smsk__utf8_next() in utf8.h, inline
 * because every converter runs it once per character; validation skips
 * ASCII eight bytes at a time.
 */
#include "utf8.h"

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
