/* SPDX-License-Identifier: MIT */
/*
 * The vectorised ASCII paths (lib/ascii7.c) against a reference built in
 * this file from the default alphabet as smsk_gsm7_table_get() reads it
 * (TS 23.038 6.2.1, 6.2.1.1) and the bit-by-bit reference packer: random
 * texts mixing characters that take the fast path with ones that leave
 * it, at every length up to 300 and every fill-bit count.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "../lib/ascii7.h"
#include "../lib/septet.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Septets of an ASCII character in the default tables: 1 or 2 (escape),
 * 0 when neither table has it. */
static unsigned ref_septets(uint8_t c, uint8_t out[2])
{
    for (unsigned s = 0; s < 128; s++)
        if (s != 0x1B && smsk_gsm7_table_get(SMSK_LANG_DEFAULT, 0, s) == c) {
            out[0] = (uint8_t)s;
            return 1;
        }
    for (unsigned s = 0; s < 128; s++)
        if (s != 0x1B && smsk_gsm7_table_get(SMSK_LANG_DEFAULT, 1, s) == c) {
            out[0] = 0x1B;
            out[1] = (uint8_t)s;
            return 2;
        }
    return 0;
}

/* Mostly fast-path characters, with an extension character or a non-ASCII
 * one now and then, so that runs stop at every position of a block. */
static size_t random_text(char *t, size_t n, unsigned rare_per_1000)
{
    static const char common[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"#%&()*+-/<=>@$_\n\r";
    static const char *const rare[] = {"{", "}", "[", "]", "~", "\\", "^", "|", "\xE2\x82\xAC", "\xC3\xA9", "\xC3\x84", "\xC2\xA7"};
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (next_random() % 1000 < rare_per_1000) {
            const char *r = rare[next_random() % (sizeof rare / sizeof rare[0])];
            memcpy(t + len, r, strlen(r));
            len += strlen(r);
        } else {
            t[len++] = common[next_random() % (sizeof common - 1)];
        }
    }
    return len;
}

/* Reference septets of a text from random_text(). */
static size_t ref_encode(uint8_t *sept, const char *t, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint8_t c = (uint8_t)t[i];
        if (c == 0xE2) { /* € is ESC 0x65 (6.2.1.1) */
            sept[n++] = 0x1B;
            sept[n++] = 0x65;
            i += 3;
        } else if (c == 0xC3 || c == 0xC2) {
            uint8_t c2 = (uint8_t)t[i + 1];
            sept[n++] = c2 == 0xA9 ? 0x05 : c2 == 0x84 ? 0x5B : 0x5F; /* é Ä § */
            i += 2;
        } else {
            uint8_t two[2];
            unsigned k = ref_septets(c, two);
            cr_assert_neq(k, 0, "test text holds an unencodable 0x%02X", c);
            memcpy(sept + n, two, k);
            n += k;
            i++;
        }
    }
    return n;
}

static const smsk_gsm7_shift defaults = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};

Test(ascii7, packed_encoding_matches_the_reference)
{
    char text[1200];
    uint8_t sept[1200], want[1200], got[1200];
    for (unsigned round = 0; round < 4000; round++) {
        size_t chars = next_random() % 301;
        size_t len = random_text(text, chars, round % 2 ? 0 : 8);
        unsigned fill = (unsigned)(round % 7);
        size_t n = ref_encode(sept, text, len);
        memset(want, 0, sizeof want);
        smsk__septet_pack_at(SMSK__SEPTET_REF, want, sizeof want, fill, sept, n);
        size_t want_len = n ? smsk__bits_octets(fill + 7 * n) : 0;
        size_t got_len = 0, got_n = 0;
        memset(got, 0xA5, sizeof got);
        smsk_status st = smsk_gsm7_encode_packed(got, want_len, &got_len, &got_n, text, len,
                defaults, fill, 0, NULL);
        cr_assert_eq(st, SMSK_OK, "round %u: %s", round, smsk_status_name(st));
        cr_assert_eq(got_n, n, "round %u: septets", round);
        cr_assert_eq(got_len, want_len, "round %u: octets", round);
        cr_assert(memcmp(got, want, want_len) == 0, "round %u: packed bytes differ", round);
        cr_assert_eq(got[want_len], 0xA5, "round %u: wrote past the output", round);
    }
}

Test(ascii7, packed_decoding_matches_the_reference)
{
    char text[1200], got[1300];
    uint8_t sept[1200], packed[1200];
    for (unsigned round = 0; round < 4000; round++) {
        size_t chars = next_random() % 301;
        size_t len = random_text(text, chars, round % 2 ? 0 : 8);
        unsigned fill = (unsigned)(round % 7);
        size_t n = ref_encode(sept, text, len);
        memset(packed, 0, sizeof packed);
        smsk__septet_pack_at(SMSK__SEPTET_REF, packed, sizeof packed, fill, sept, n);
        size_t packed_len = n ? smsk__bits_octets(fill + 7 * n) : 0;
        size_t got_len = 0;
        memset(got, 0x5A, sizeof got);
        smsk_status st = smsk_gsm7_decode_packed(got, len, &got_len, packed, packed_len, n,
                defaults, fill, 0, NULL);
        cr_assert_eq(st, SMSK_OK, "round %u: %s", round, smsk_status_name(st));
        cr_assert_eq(got_len, len, "round %u: length", round);
        cr_assert(memcmp(got, text, len) == 0, "round %u: text differs", round);
        cr_assert_eq(got[len], 0x5A, "round %u: wrote past the output", round);
    }
}

Test(ascii7, runs_stop_at_the_first_block_with_an_exception)
{
    uint8_t text[64], sept[64];
    memset(text, 'a', sizeof text);
    text[20] = '[';
    /* blocks of 16: the second holds the exception */
    cr_assert_eq(smsk__ascii7_encode_run(sept, text, sizeof text) % 16, 0);
    cr_assert_leq(smsk__ascii7_encode_run(sept, text, sizeof text), 16);
    size_t k = smsk__ascii7_encode_run(sept, text, 16);
    for (size_t i = 0; i < k; i++)
        cr_assert_eq(sept[i], 'a');
}

Test(ascii7, remapped_characters_take_their_default_alphabet_septets)
{
    /* TS 23.038 6.2.1: '@' 0x00, '$' 0x02, '_' 0x11 */
    uint8_t text[16], sept[16], back[16];
    memcpy(text, "@$_@$_ab\n\r09Zz!?", 16);
    size_t k = smsk__ascii7_encode_run(sept, text, 16);
    if (k == 0)
        return; /* no SIMD on this CPU: the table path is tested elsewhere */
    cr_assert_eq(k, 16);
    cr_assert_eq(sept[0], 0x00);
    cr_assert_eq(sept[1], 0x02);
    cr_assert_eq(sept[2], 0x11);
    cr_assert_eq(sept[8], 0x0A);
    cr_assert_eq(smsk__ascii7_decode_run(back, sept, 16), 16);
    cr_assert(memcmp(back, text, 16) == 0);
}

Test(ascii7, unpacked_conversion_matches_the_reference)
{
    /* smsk_gsm7_encode/decode take the 16-byte runs and the 8-character
     * blocks, not the fused paths: every length, so that texts end
     * inside and at the edge of every block */
    char text[1200], back[1300];
    uint8_t want[1200], got[1200];
    for (unsigned round = 0; round < 4000; round++) {
        size_t chars = round < 300 ? round : next_random() % 301;
        size_t len = random_text(text, chars, round % 3 == 0 ? 0 : round % 3 == 1 ? 8 : 250);
        size_t n = ref_encode(want, text, len);
        size_t got_n = 0, back_len = 0;
        smsk_status st = smsk_gsm7_encode(got, n, &got_n, text, len, defaults, 0, NULL);
        cr_assert_eq(st, SMSK_OK, "round %u: encode %s", round, smsk_status_name(st));
        cr_assert_eq(got_n, n, "round %u: septets", round);
        cr_assert(memcmp(got, want, n) == 0, "round %u: septets differ", round);
        size_t counted = 0;
        cr_assert_eq(smsk_gsm7_count(&counted, text, len, defaults, 0, NULL), SMSK_OK);
        cr_assert_eq(counted, n, "round %u: count", round);
        st = smsk_gsm7_decode(back, len, &back_len, want, n, defaults, 0, NULL);
        cr_assert_eq(st, SMSK_OK, "round %u: decode %s", round, smsk_status_name(st));
        cr_assert_eq(back_len, len, "round %u: text length", round);
        cr_assert(memcmp(back, text, len) == 0, "round %u: text differs", round);
    }
}
