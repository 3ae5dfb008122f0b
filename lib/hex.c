/* SPDX-License-Identifier: MIT */
/*
 * Hex <-> octets, the form AT PDU mode carries PDUs in (TS 27.005 3.1:
 * "hexadecimal format ... two IRA characters per octet").
 *
 * How this works:
 *  - Decoding makes two passes: the first checks every character and
 *    counts the digits, so that a bad character, an odd count and a
 *    short destination are told apart before anything is written, and
 *    SMSK_E_NOSPACE can report the octets needed; the second converts.
 *  - Spaces and tabs are skipped wherever they stand (modems and people
 *    split long PDUs into groups); nothing else is, so a stray CR or LF
 *    is an error the caller sees rather than silently eaten.
 *  - The classifier is a plain ASCII switch: no <ctype.h>, whose answers
 *    depend on the locale.
 */
#include "internal.h"

/* Value of an ASCII hex digit, or -1. */
static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The character as a code point when it is ASCII (a byte of a UTF-8
 * sequence is not one). */
static uint32_t ascii_cp(char c)
{
    uint8_t b = (uint8_t)c;
    return b < 0x80 ? b : SMSK_NO_CODEPOINT;
}

/* First pass: count the digits; fail on a bad character or odd count. */
static smsk_status count_digits(size_t *n_digits, const char *hex,
        size_t hex_len, smsk_diag *diag)
{
    size_t n = 0, last = 0;
    for (size_t i = 0; i < hex_len; i++) {
        if (is_blank(hex[i]))
            continue;
        if (hex_value(hex[i]) < 0)
            return smsk__fail(diag, SMSK_E_MALFORMED, i, ascii_cp(hex[i]), "not a hex digit");
        n++;
        last = i;
    }
    if (n % 2 != 0)
        return smsk__fail(diag, SMSK_E_TRUNC, last, SMSK_NO_CODEPOINT, "odd number of hex digits: the last octet has one digit");
    *n_digits = n;
    return SMSK_OK;
}

smsk_status smsk_hex_decode(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const char *hex, size_t hex_len, smsk_diag *diag)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(hex, hex_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    *dst_len = 0;
    size_t n_digits = 0;
    SMSK_CHECK(count_digits(&n_digits, hex, hex_len, diag));
    size_t need = n_digits / 2;
    if (need > dst_cap) {
        *dst_len = need;
        return smsk__fail(diag, SMSK_E_NOSPACE, 0, SMSK_NO_CODEPOINT, "destination too small");
    }
    size_t k = 0;
    int high = -1;
    for (size_t i = 0; i < hex_len; i++) {
        if (is_blank(hex[i]))
            continue;
        int v = hex_value(hex[i]);
        if (high < 0) {
            high = v;
        } else {
            dst[k++] = (uint8_t)(high * 16 + v);
            high = -1;
        }
    }
    *dst_len = k;
    return SMSK_OK;
}

smsk_status smsk_hex_encode(char *dst, size_t dst_cap, size_t *dst_len,
        const uint8_t *src, size_t src_len)
{
    static const char digits[] = "0123456789ABCDEF";
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(src, src_len))
        return SMSK_E_ARG;
    *dst_len = 0;
    if (src_len > SIZE_MAX / 2)
        return SMSK_E_NOSPACE; /* the size needed does not fit a size_t */
    if (dst_cap / 2 < src_len) {
        *dst_len = 2 * src_len;
        return SMSK_E_NOSPACE;
    }
    for (size_t i = 0; i < src_len; i++) {
        dst[2 * i] = digits[src[i] >> 4];
        dst[2 * i + 1] = digits[src[i] & 0x0Fu];
    }
    *dst_len = 2 * src_len;
    return SMSK_OK;
}
