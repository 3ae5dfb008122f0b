/* SPDX-License-Identifier: MIT */
/*
 * ISO-8859-1, the alphabet of SMPP data_coding 3 (SMPP 3.4 5.2.19):
 * every octet is the code point of the same value.
 */
#include "internal.h"
#include "utf8.h"

smsk_status smsk_latin1_decode(char *dst, size_t dst_cap, size_t *dst_len,
        const uint8_t *src, size_t src_len)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(src, src_len))
        return SMSK_E_ARG;
    size_t need = 0;
    for (size_t i = 0; i < src_len; i++)
        need += src[i] < 0x80 ? 1u : 2u;
    *dst_len = need;
    if (dst_cap < need)
        return SMSK_E_NOSPACE;
    uint8_t *d = (uint8_t *)dst;
    size_t o = 0;
    for (size_t i = 0; i < src_len; i++)
        o += smsk__utf8_put(d + o, src[i]);
    return SMSK_OK;
}

smsk_status smsk_latin1_encode(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const char *text, size_t text_len, smsk_diag *diag)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(text, text_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    const uint8_t *s = (const uint8_t *)text;
    size_t i = 0, o = 0;
    *dst_len = 0;
    while (i < text_len) {
        const char *why = NULL;
        size_t at = i;
        uint32_t cp = smsk__utf8_next(s, text_len, &i, &why);
        if (cp == SMSK__UTF8_BAD)
            return smsk__fail(diag, SMSK_E_UTF8, at, SMSK_NO_CODEPOINT, why);
        if (cp > 0xFF)
            return smsk__fail(diag, SMSK_E_CHARSET, at, cp, "character above U+00FF has no ISO-8859-1 code");
        if (o < dst_cap)
            dst[o] = (uint8_t)cp;
        o++;
    }
    *dst_len = o;
    if (o > dst_cap)
        return smsk__fail(diag, SMSK_E_NOSPACE, text_len, SMSK_NO_CODEPOINT, "destination too small");
    return SMSK_OK;
}
