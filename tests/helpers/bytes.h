/* SPDX-License-Identifier: MIT */
/*
 * Test helpers: hex strings to bytes, and byte or text comparisons whose
 * failure message names the case and shows both sides (hex, or escaped
 * text), without relying on Criterion's array assertions.
 */
#ifndef SMSK_TEST_HELPERS_BYTES_H
#define SMSK_TEST_HELPERS_BYTES_H

#include <criterion/criterion.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Bytes shown in a failure message before "...". */
#define BYTES_SHOW_MAX 200u

static inline int hex_nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Decode `hex` (NULL: empty) into `dst`; the test fails on bad hex. */
static inline size_t hex_decode(uint8_t *dst, size_t cap, const char *hex)
{
    size_t n = 0;
    if (hex == NULL)
        return 0;
    size_t len = strlen(hex);
    cr_assert(len % 2 == 0 && len / 2 <= cap, "bad hex or too long: %s", hex);
    for (size_t i = 0; i < len; i += 2) {
        int hi = hex_nibble(hex[i]), lo = hex_nibble(hex[i + 1]);
        cr_assert(hi >= 0 && lo >= 0, "bad hex digit in %s", hex);
        dst[n++] = (uint8_t)(hi * 16 + lo);
    }
    return n;
}

/* `buf` (room for 2 * BYTES_SHOW_MAX + 4) gets the hex of `p`. */
static inline const char *hex_show(char *buf, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t k = 0, shown = n < BYTES_SHOW_MAX ? n : BYTES_SHOW_MAX;
    for (size_t i = 0; i < shown; i++) {
        buf[k++] = digits[p[i] >> 4];
        buf[k++] = digits[p[i] & 15];
    }
    if (shown < n) {
        memcpy(buf + k, "...", 3);
        k += 3;
    }
    buf[k] = '\0';
    return buf;
}

/* `buf` (room for 4 * BYTES_SHOW_MAX + 4) gets `p` with C escapes. */
static inline const char *text_show(char *buf, const char *p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t k = 0, shown = n < BYTES_SHOW_MAX ? n : BYTES_SHOW_MAX;
    for (size_t i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            buf[k++] = (char)c;
        } else {
            buf[k++] = '\\';
            buf[k++] = 'x';
            buf[k++] = digits[c >> 4];
            buf[k++] = digits[c & 15];
        }
    }
    if (shown < n) {
        memcpy(buf + k, "...", 3);
        k += 3;
    }
    buf[k] = '\0';
    return buf;
}

/* Expect equal bytes; returns 1 when they are. `what` names the case. */
static inline int expect_bytes_eq(const char *what, const uint8_t *act,
        size_t act_len, const uint8_t *exp, size_t exp_len)
{
    char a[2 * BYTES_SHOW_MAX + 4], e[2 * BYTES_SHOW_MAX + 4];
    int ok = act_len == exp_len
            && (exp_len == 0 || memcmp(act, exp, exp_len) == 0);
    cr_expect(ok, "%s: got %zu bytes %s, expected %zu bytes %s", what, act_len,
            hex_show(a, act, act_len), exp_len, hex_show(e, exp, exp_len));
    return ok;
}

/* Expect equal UTF-8 texts; returns 1 when they are. */
static inline int expect_text_eq(const char *what, const char *act,
        size_t act_len, const char *exp, size_t exp_len)
{
    char a[4 * BYTES_SHOW_MAX + 4], e[4 * BYTES_SHOW_MAX + 4];
    int ok = act_len == exp_len
            && (exp_len == 0 || memcmp(act, exp, exp_len) == 0);
    cr_expect(ok, "%s: got \"%s\" (%zu bytes), expected \"%s\" (%zu bytes)",
            what, text_show(a, act, act_len), act_len,
            text_show(e, exp, exp_len), exp_len);
    return ok;
}

/* STYLE.md C12: assert (stop the test) on unequal bytes, with a hexdump. */
static inline void assert_bytes_eq(const void *act, size_t act_len,
        const void *exp, size_t exp_len)
{
    char a[2 * BYTES_SHOW_MAX + 4], e[2 * BYTES_SHOW_MAX + 4];
    int ok = act_len == exp_len
            && (exp_len == 0 || memcmp(act, exp, exp_len) == 0);
    cr_assert_eq(ok, 1, "got %zu bytes %s, expected %zu bytes %s", act_len,
            hex_show(a, (const uint8_t *)act, act_len), exp_len,
            hex_show(e, (const uint8_t *)exp, exp_len));
}

#endif /* SMSK_TEST_HELPERS_BYTES_H */
