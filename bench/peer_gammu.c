/* SPDX-License-Identifier: MIT */
/*
 * Gammu (libGammu) as a peer of the text-core benchmarks.
 *
 * How this works:
 *  - Gammu keeps text as its own "unicode" strings: UCS-2 big-endian,
 *    ended by two zero octets. Its SMS code goes UTF-8 -> unicode
 *    (DecodeUTF8), unicode -> septets of the default alphabet and its
 *    extension table (EncodeDefault), septets -> octets
 *    (GSM_PackSevenBitsToEight); and back with GSM_UnpackEightBitsToSeven,
 *    DecodeDefault and EncodeUTF8 (unicode -> UTF-8). Each function below
 *    chains those calls the way Gammu's own SMS encoder and decoder do, so
 *    a row does the same work as smskit's one-call conversion.
 *  - EncodeDefault, DecodeDefault and the two packers are exported by
 *    libGammu but declared only in Gammu's private coding.h, not in the
 *    installed headers: the prototypes below are those of Gammu 1.42.
 *    The output check of bench_text.c catches a mismatch.
 *  - The text of gsm7_to_text_160 and ucs2_to_text_70 ends with a NUL
 *    only; its length takes a strlen(), as it would for a Gammu caller.
 *    ucs2_to_text_70 is given the 140 octets and their two zero octets
 *    (bench_case contract), Gammu's string form of the same input.
 *  - Scratch buffers are static: the benchmark is single-threaded.
 *
 * Built only when pkg-config finds gammu (bench/run.sh), which then
 * defines BENCH_GAMMU_VERSION. Nothing of Gammu's code is copied here.
 */
#include <string.h>

#include <gammu-types.h>
#include <gammu-unicode.h>

#include "peers.h"

#ifndef BENCH_GAMMU_VERSION
#define BENCH_GAMMU_VERSION "unknown"
#endif

/* libGammu exports, from Gammu's libgammu/misc/coding/coding.h. */
void EncodeDefault(unsigned char *dest, const unsigned char *src,
        size_t *len, gboolean UseExtensions, unsigned char *ExtraAlphabet);
void DecodeDefault(unsigned char *dest, const unsigned char *src,
        size_t len, gboolean UseExtensions, unsigned char *ExtraAlphabet);
int GSM_PackSevenBitsToEight(size_t offset, const unsigned char *input,
        unsigned char *output, size_t length);
int GSM_UnpackEightBitsToSeven(size_t offset, size_t in_length,
        size_t out_length, const unsigned char *input,
        unsigned char *output);

/* Room for a 160-character SMS in every intermediate form, with slack. */
#define SCRATCH 1024

static unsigned char ucs[SCRATCH];
static unsigned char septets[SCRATCH];

static size_t gammu_pack(const bench_case *c)
{
    int n = GSM_PackSevenBitsToEight(0, c->in, c->out, c->in_len);
    return n > 0 ? (size_t)n : 0;
}

static size_t gammu_unpack(const bench_case *c)
{
    int n = GSM_UnpackEightBitsToSeven(0, c->in_len, c->n, c->in, c->out);
    return n > 0 ? (size_t)n : 0;
}

static size_t gammu_encode(const bench_case *c)
{
    if (c->in_len > SCRATCH / 2 - 1)
        return 0;
    DecodeUTF8(ucs, (const char *)c->in, c->in_len);
    size_t len = UnicodeLength(ucs);
    EncodeDefault(septets, ucs, &len, TRUE, NULL);
    int n = GSM_PackSevenBitsToEight(0, septets, c->out, len);
    return n > 0 ? (size_t)n : 0;
}

static size_t gammu_decode(const bench_case *c)
{
    if (c->n > SCRATCH / 2 - 1)
        return 0;
    int n = GSM_UnpackEightBitsToSeven(0, c->in_len, c->n, c->in, septets);
    if (n <= 0)
        return 0;
    DecodeDefault(ucs, septets, (size_t)n, TRUE, NULL);
    EncodeUTF8((char *)c->out, ucs);
    return strlen((const char *)c->out);
}

static size_t gammu_to_ucs2(const bench_case *c)
{
    DecodeUTF8(c->out, (const char *)c->in, c->in_len);
    return 2 * UnicodeLength(c->out);
}

static size_t gammu_from_ucs2(const bench_case *c)
{
    /* c->in is followed by two zero octets (bench_case contract). */
    EncodeUTF8((char *)c->out, c->in);
    return strlen((const char *)c->out);
}

size_t bench_gammu_impls(bench_impl *v, size_t cap, const char **version)
{
    static const bench_impl mine[] = {
        { BENCH_OP_PACK, "gammu", gammu_pack },
        { BENCH_OP_UNPACK, "gammu", gammu_unpack },
        { BENCH_OP_TO_GSM7, "gammu", gammu_encode },
        { BENCH_OP_FROM_GSM7, "gammu", gammu_decode },
        { BENCH_OP_TO_GSM7_EXT, "gammu", gammu_encode },
        { BENCH_OP_TO_UCS2, "gammu", gammu_to_ucs2 },
        { BENCH_OP_FROM_UCS2, "gammu", gammu_from_ucs2 },
    };
    size_t n = 0;
    *version = BENCH_GAMMU_VERSION;
    for (; n < sizeof mine / sizeof mine[0] && n < cap; n++)
        v[n] = mine[n];
    return n;
}
