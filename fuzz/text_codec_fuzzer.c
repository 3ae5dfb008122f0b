/* SPDX-License-Identifier: MIT */
/*
 * The text codecs: UTF-8 <-> UTF-16BE (smsk_ucs2_encode, smsk_ucs2_decode,
 * TS 23.038 clause 4) and hex <-> octets (smsk_hex_decode,
 * smsk_hex_encode, TS 27.005 3.1). Each has an AVX-512 path next to the
 * scalar one, chosen at run time, so a fuzzing run checks the paths of
 * the CPU it runs on (docs/FUZZING.md, "Known limits").
 *
 * Input: the same bytes are read four ways, with every destination sized
 * exactly as smskit.h documents (2 * text_len for UTF-16,
 * SMSK_UCS2_TEXT_MAX() for UTF-8, 2 * src_len for hex, hex_len / 2 for
 * octets) and ending at its allocation (fuzz_guarded()):
 *  - as UTF-8: smsk_ucs2_encode() succeeds exactly when
 *    smsk_utf8_validate() does, with the UTF-16BE a scalar model gives
 *    (so the vector path is checked against something other than
 *    itself), and smsk_ucs2_decode() of it, strict and lenient, gives the
 *    input back byte for byte; or it fails with SMSK_E_UTF8 at the offset
 *    smsk_utf8_validate() names, inside the input, and the prefix before
 *    it encodes (the error is the first ill-formed sequence). A
 *    destination one octet short gives SMSK_E_NOSPACE with the full size
 *    in *dst_len (valid text), and nothing is written past it; for
 *    ill-formed text, room that runs out before the error gives the same
 *    SMSK_E_UTF8 or SMSK_E_NOSPACE (the header does not rank the two);
 *  - as UTF-16BE: strict decoding succeeds exactly when the length is
 *    even and no surrogate is unpaired, else fails with SMSK_E_TRUNC at
 *    the last octet or SMSK_E_MALFORMED at the first unpaired surrogate;
 *    its text encodes back to the input. Lenient decoding always
 *    succeeds, with the text of a scalar model (U+FFFD for each unpaired
 *    surrogate and for a half unit), which is valid UTF-8 and encodes
 *    without error; a destination one byte short is SMSK_E_NOSPACE;
 *  - as octets: smsk_hex_encode() gives the upper-case digits, and
 *    smsk_hex_decode() of them the input; one short is SMSK_E_NOSPACE
 *    with the size needed, both ways;
 *  - as hex text: smsk_hex_decode() succeeds exactly when a model that
 *    skips spaces and tabs finds only an even number of digits, and
 *    re-encoding gives the input without its blanks (compared without
 *    case); otherwise it fails with SMSK_E_MALFORMED at the first other
 *    character (diag.codepoint the character if ASCII) or SMSK_E_TRUNC
 *    at the last digit, inside the input.
 * The input buffer itself is never written to.
 */
#include <smskit.h>

#include "fuzz.h"

/* ---- models: plain scalar code, written apart from lib/ --------------- */

/* Append the UTF-8 form of `cp` (a scalar value) at d; returns bytes. */
static size_t model_put_utf8(uint8_t *d, uint32_t cp)
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

static void model_put_unit(uint8_t *d, uint32_t u)
{
    d[0] = (uint8_t)(u >> 8);
    d[1] = (uint8_t)u;
}

/*
 * UTF-16BE of text that smsk_utf8_validate() accepted (so every sequence
 * is complete and well-formed and only the lead byte needs a look);
 * `d` holds 2 * len octets. Returns the octets written.
 */
static size_t model_utf16(uint8_t *d, const uint8_t *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t b0 = s[i];
        size_t n = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
        uint32_t cp = n == 1 ? b0 : b0 & (0x7Fu >> n);
        for (size_t k = 1; k < n; k++)
            cp = cp << 6 | (s[i + k] & 0x3Fu);
        i += n;
        if (cp >= 0x10000) {
            model_put_unit(d + o, 0xD800 | ((cp - 0x10000) >> 10));
            model_put_unit(d + o + 2, 0xDC00 | ((cp - 0x10000) & 0x3FF));
            o += 4;
        } else {
            model_put_unit(d + o, cp);
            o += 2;
        }
    }
    return o;
}

static int is_high(uint32_t u)
{
    return u >= 0xD800 && u <= 0xDBFF;
}

static int is_low(uint32_t u)
{
    return u >= 0xDC00 && u <= 0xDFFF;
}

/*
 * What lenient decoding of `len` UTF-16BE octets must give: a high
 * surrogate with a low one after it is one character, every other
 * surrogate U+FFFD, and so is a final half unit. `d` holds
 * SMSK_UCS2_TEXT_MAX(len) bytes. `*unpaired` receives the offset of the
 * first unpaired surrogate, or SIZE_MAX when there is none.
 */
static size_t model_utf8(uint8_t *d, const uint8_t *s, size_t len,
        size_t *unpaired)
{
    size_t even = len & ~(size_t)1, o = 0;
    *unpaired = SIZE_MAX;
    for (size_t i = 0; i < even; i += 2) {
        uint32_t u = (uint32_t)s[i] << 8 | s[i + 1];
        if (is_high(u) && i + 4 <= even) {
            uint32_t lo = (uint32_t)s[i + 2] << 8 | s[i + 3];
            if (is_low(lo)) {
                o += model_put_utf8(d + o, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (is_high(u) || is_low(u)) {
            if (*unpaired == SIZE_MAX)
                *unpaired = i;
            u = 0xFFFD;
        }
        o += model_put_utf8(d + o, u);
    }
    if (len != even)
        o += model_put_utf8(d + o, 0xFFFD);
    return o;
}

static int is_blank(uint8_t c)
{
    return c == ' ' || c == '\t';
}

static int is_hex_digit(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')
            || (c >= 'a' && c <= 'f');
}

static uint8_t ascii_upper(uint8_t c)
{
    return c >= 'a' && c <= 'z' ? (uint8_t)(c - 'a' + 'A') : c;
}

/* ---- the checks -------------------------------------------------------- */

/* `u16` (`len` octets) must decode, strictly and leniently, to `want`. */
static void check_decodes_to(const uint8_t *u16, size_t len,
        const uint8_t *want, size_t want_len)
{
    smsk_diag diag;
    size_t cap = SMSK_UCS2_TEXT_MAX(len);
    for (unsigned flags = 0; flags <= SMSK_UCS2_LENIENT; flags += SMSK_UCS2_LENIENT) {
        uint8_t *text = fuzz_guarded(cap);
        size_t text_len = (size_t)-1;
        FUZZ_ASSERT(smsk_ucs2_decode((char *)text, cap, &text_len, u16, len,
                flags, &diag) == SMSK_OK);
        FUZZ_ASSERT(text_len == want_len);
        FUZZ_ASSERT(want_len == 0 || memcmp(text, want, want_len) == 0);
        FUZZ_ASSERT(fuzz_guard_intact(text, cap));
        free(text);
    }
}

static void check_utf8(const uint8_t *in, size_t size)
{
    const char *text = (const char *)in;
    smsk_diag diag, vdiag;
    size_t n_chars = 0;
    smsk_status valid = smsk_utf8_validate(text, size, &n_chars, &vdiag);

    size_t cap = 2 * size;
    uint8_t *u16 = fuzz_guarded(cap);
    size_t u16_len = (size_t)-1;
    diag.offset = (size_t)-1;
    smsk_status st = smsk_ucs2_encode(u16, cap, &u16_len, text, size, &diag);
    FUZZ_ASSERT(fuzz_guard_intact(u16, cap));
    /* the two strict UTF-8 readers agree on what is well-formed */
    FUZZ_ASSERT((st == SMSK_OK) == (valid == SMSK_OK));

    if (st == SMSK_OK) {
        /* two octets a character, four above U+FFFF (lead F0-F4) */
        size_t n_astral = 0;
        for (size_t i = 0; i < size; i++)
            if (in[i] >= 0xF0)
                n_astral++;
        FUZZ_ASSERT(u16_len == 2 * n_chars + 2 * n_astral && u16_len <= cap);
        uint8_t *want = fuzz_alloc(cap);
        FUZZ_ASSERT(model_utf16(want, in, size) == u16_len);
        FUZZ_ASSERT(u16_len == 0 || memcmp(u16, want, u16_len) == 0);
        free(want);

        uint8_t *exact = fuzz_dup(u16, u16_len);
        check_decodes_to(exact, u16_len, in, size);
        free(exact);

        if (u16_len > 0) {
            uint8_t *shorter = fuzz_guarded(u16_len - 1);
            size_t got = (size_t)-1;
            FUZZ_ASSERT(smsk_ucs2_encode(shorter, u16_len - 1, &got, text,
                    size, &diag) == SMSK_E_NOSPACE);
            FUZZ_ASSERT(got == u16_len);
            FUZZ_ASSERT(fuzz_guard_intact(shorter, u16_len - 1));
            free(shorter);
        }
    } else {
        FUZZ_ASSERT(st == SMSK_E_UTF8);
        FUZZ_ASSERT(diag.offset < size);
        FUZZ_ASSERT(diag.offset == vdiag.offset);
        size_t bad = diag.offset;

        /* Everything before the first ill-formed sequence is text. */
        uint8_t *prefix = fuzz_dup(in, bad);
        size_t pcap = 2 * bad;
        uint8_t *pu16 = fuzz_guarded(pcap);
        size_t plen = (size_t)-1;
        FUZZ_ASSERT(smsk_ucs2_encode(pu16, pcap, &plen, (const char *)prefix,
                bad, &diag) == SMSK_OK);
        FUZZ_ASSERT(plen <= pcap && fuzz_guard_intact(pu16, pcap));
        uint8_t *exact = fuzz_dup(pu16, plen);
        check_decodes_to(exact, plen, prefix, bad);
        free(exact);
        free(pu16);
        free(prefix);

        /* Room that runs out before the bad sequence: the error is still
         * found (the header leaves open which of the two is reported) and
         * nothing is written past the room. */
        if (plen > 0) {
            uint8_t *shorter = fuzz_guarded(plen - 1);
            size_t got = (size_t)-1;
            diag.offset = (size_t)-1;
            st = smsk_ucs2_encode(shorter, plen - 1, &got, text, size, &diag);
            FUZZ_ASSERT(st == SMSK_E_UTF8 || st == SMSK_E_NOSPACE);
            if (st == SMSK_E_UTF8)
                FUZZ_ASSERT(diag.offset == bad);
            FUZZ_ASSERT(fuzz_guard_intact(shorter, plen - 1));
            free(shorter);
        }
    }
    free(u16);
}

static void check_utf16(const uint8_t *in, size_t size)
{
    smsk_diag diag;
    size_t cap = SMSK_UCS2_TEXT_MAX(size);
    size_t unpaired;
    uint8_t *want = fuzz_alloc(cap);
    size_t want_len = model_utf8(want, in, size, &unpaired);
    FUZZ_ASSERT(want_len <= cap);

    /* strict */
    uint8_t *text = fuzz_guarded(cap);
    size_t text_len = (size_t)-1;
    diag.offset = (size_t)-1;
    diag.codepoint = 0;
    smsk_status st = smsk_ucs2_decode((char *)text, cap, &text_len, in, size,
            0, &diag);
    FUZZ_ASSERT(fuzz_guard_intact(text, cap));
    if (size % 2 == 0 && unpaired == SIZE_MAX) {
        FUZZ_ASSERT(st == SMSK_OK);
        FUZZ_ASSERT(text_len == want_len);
        FUZZ_ASSERT(want_len == 0 || memcmp(text, want, want_len) == 0);
        /* a strictly decoded text encodes back to the input */
        uint8_t *exact = fuzz_dup(text, text_len);
        uint8_t *again = fuzz_guarded(2 * text_len);
        size_t again_len = (size_t)-1;
        FUZZ_ASSERT(smsk_ucs2_encode(again, 2 * text_len, &again_len,
                (const char *)exact, text_len, &diag) == SMSK_OK);
        FUZZ_ASSERT(again_len == size);
        FUZZ_ASSERT(size == 0 || memcmp(again, in, size) == 0);
        FUZZ_ASSERT(fuzz_guard_intact(again, 2 * text_len));
        free(again);
        free(exact);
    } else if (st == SMSK_E_TRUNC) {
        FUZZ_ASSERT(size % 2 != 0 && diag.offset == size - 1);
    } else {
        /* an odd length may also be reported by the first unpaired
         * surrogate before it: the header does not rank the two */
        FUZZ_ASSERT(st == SMSK_E_MALFORMED);
        FUZZ_ASSERT(unpaired != SIZE_MAX && diag.offset == unpaired);
        FUZZ_ASSERT(diag.codepoint == ((uint32_t)in[unpaired] << 8 | in[unpaired + 1]));
    }
    free(text);

    /* lenient: always the model's text, valid UTF-8 */
    text = fuzz_guarded(cap);
    text_len = (size_t)-1;
    FUZZ_ASSERT(smsk_ucs2_decode((char *)text, cap, &text_len, in, size,
            SMSK_UCS2_LENIENT, &diag) == SMSK_OK);
    FUZZ_ASSERT(fuzz_guard_intact(text, cap));
    FUZZ_ASSERT(text_len == want_len);
    FUZZ_ASSERT(want_len == 0 || memcmp(text, want, want_len) == 0);
    uint8_t *exact = fuzz_dup(text, text_len);
    FUZZ_ASSERT(smsk_utf8_validate((const char *)exact, text_len, NULL, &diag)
            == SMSK_OK);
    uint8_t *again = fuzz_guarded(2 * text_len);
    size_t again_len = (size_t)-1;
    FUZZ_ASSERT(smsk_ucs2_encode(again, 2 * text_len, &again_len,
            (const char *)exact, text_len, &diag) == SMSK_OK);
    FUZZ_ASSERT(fuzz_guard_intact(again, 2 * text_len));
    free(again);
    free(exact);
    free(text);

    /* one byte short, both ways (strict only where it succeeds) */
    if (want_len > 0) {
        for (unsigned flags = 0; flags <= SMSK_UCS2_LENIENT; flags += SMSK_UCS2_LENIENT) {
            if (flags == 0 && (size % 2 != 0 || unpaired != SIZE_MAX))
                continue;
            uint8_t *shorter = fuzz_guarded(want_len - 1);
            size_t got = (size_t)-1;
            FUZZ_ASSERT(smsk_ucs2_decode((char *)shorter, want_len - 1, &got,
                    in, size, flags, &diag) == SMSK_E_NOSPACE);
            FUZZ_ASSERT(fuzz_guard_intact(shorter, want_len - 1));
            free(shorter);
        }
    }
    free(want);
}

static void check_hex_roundtrip(const uint8_t *in, size_t size)
{
    smsk_diag diag;
    size_t cap = 2 * size;
    uint8_t *hex = fuzz_guarded(cap);
    size_t hex_len = (size_t)-1;
    FUZZ_ASSERT(smsk_hex_encode((char *)hex, cap, &hex_len, in, size)
            == SMSK_OK);
    FUZZ_ASSERT(hex_len == cap && fuzz_guard_intact(hex, cap));
    static const char digits[] = "0123456789ABCDEF";
    for (size_t i = 0; i < size; i++)
        FUZZ_ASSERT(hex[2 * i] == digits[in[i] >> 4]
                && hex[2 * i + 1] == digits[in[i] & 0x0F]);

    uint8_t *exact = fuzz_dup(hex, hex_len);
    uint8_t *octets = fuzz_guarded(size);
    size_t n = (size_t)-1;
    FUZZ_ASSERT(smsk_hex_decode(octets, size, &n, (const char *)exact,
            hex_len, &diag) == SMSK_OK);
    FUZZ_ASSERT(n == size && fuzz_guard_intact(octets, size));
    FUZZ_ASSERT(size == 0 || memcmp(octets, in, size) == 0);
    free(octets);

    if (size > 0) {
        uint8_t *shorter = fuzz_guarded(cap - 1);
        size_t got = (size_t)-1;
        FUZZ_ASSERT(smsk_hex_encode((char *)shorter, cap - 1, &got, in, size)
                == SMSK_E_NOSPACE);
        FUZZ_ASSERT(got == cap && fuzz_guard_intact(shorter, cap - 1));
        free(shorter);

        shorter = fuzz_guarded(size - 1);
        got = (size_t)-1;
        FUZZ_ASSERT(smsk_hex_decode(shorter, size - 1, &got,
                (const char *)exact, hex_len, &diag) == SMSK_E_NOSPACE);
        FUZZ_ASSERT(got == size && fuzz_guard_intact(shorter, size - 1));
        free(shorter);
    }
    free(exact);
    free(hex);
}

static void check_hex_text(const uint8_t *in, size_t size)
{
    smsk_diag diag;
    /* the model: the first character that is neither blank nor digit,
     * else the digit count and where the last one is */
    size_t bad = SIZE_MAX, n_digits = 0, last = 0;
    for (size_t i = 0; i < size && bad == SIZE_MAX; i++) {
        if (is_blank(in[i]))
            continue;
        if (!is_hex_digit(in[i])) {
            bad = i;
        } else {
            n_digits++;
            last = i;
        }
    }

    size_t cap = size / 2; /* a digit a character at most */
    uint8_t *octets = fuzz_guarded(cap);
    size_t n = (size_t)-1;
    diag.offset = (size_t)-1;
    smsk_status st = smsk_hex_decode(octets, cap, &n, (const char *)in, size,
            &diag);
    FUZZ_ASSERT(fuzz_guard_intact(octets, cap));
    if (bad != SIZE_MAX) {
        FUZZ_ASSERT(st == SMSK_E_MALFORMED && diag.offset == bad);
        FUZZ_ASSERT(diag.codepoint == (in[bad] < 0x80 ? in[bad] : SMSK_NO_CODEPOINT));
    } else if (n_digits % 2 != 0) {
        FUZZ_ASSERT(st == SMSK_E_TRUNC && diag.offset == last);
    } else {
        FUZZ_ASSERT(st == SMSK_OK && n == n_digits / 2);
    }
    if (st != SMSK_OK) {
        FUZZ_ASSERT(diag.offset < size);
        free(octets);
        return;
    }

    /* Re-encoded: the input's digits without the blanks, any case. */
    uint8_t *exact = fuzz_dup(octets, n);
    uint8_t *hex = fuzz_guarded(2 * n);
    size_t hex_len = (size_t)-1;
    FUZZ_ASSERT(smsk_hex_encode((char *)hex, 2 * n, &hex_len, exact, n)
            == SMSK_OK);
    FUZZ_ASSERT(hex_len == 2 * n && fuzz_guard_intact(hex, 2 * n));
    size_t k = 0;
    for (size_t i = 0; i < size; i++) {
        if (is_blank(in[i]))
            continue;
        FUZZ_ASSERT(k < hex_len && hex[k] == ascii_upper(in[i]));
        k++;
    }
    FUZZ_ASSERT(k == hex_len);

    if (n > 0) {
        uint8_t *shorter = fuzz_guarded(n - 1);
        size_t got = (size_t)-1;
        FUZZ_ASSERT(smsk_hex_decode(shorter, n - 1, &got, (const char *)in,
                size, &diag) == SMSK_E_NOSPACE);
        FUZZ_ASSERT(got == n && fuzz_guard_intact(shorter, n - 1));
        free(shorter);
    }
    free(hex);
    free(exact);
    free(octets);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The copy is read back through a volatile so that the compiler
     * cannot follow it into the checks: GCC 12 otherwise sees the empty
     * input's malloc(0) copy, which nothing initialises, reach a const
     * pointer and warns (-Wmaybe-uninitialized, an error under
     * --enable-werror and so in distcheck), although with length 0 no
     * byte of it is read. */
    uint8_t *volatile copy = fuzz_dup(data, size);
    uint8_t *in = copy;
    check_utf8(in, size);
    check_utf16(in, size);
    check_hex_roundtrip(in, size);
    check_hex_text(in, size);
    /* every source pointer is const: nothing may have written to it */
    FUZZ_ASSERT(size == 0 || memcmp(in, data, size) == 0);
    free(in);
    return 0;
}
