/* SPDX-License-Identifier: MIT */
/*
 * libosmocore (libosmogsm) as a peer of the text-core benchmarks.
 *
 * How this works:
 *  - Each function below wraps one public libosmogsm call
 *    (<osmocom/gsm/gsm_utils.h>) in the bench_fn shape of bench/peers.h;
 *    nothing of libosmocore's code is copied here.
 *  - gsm_septet_pack() is libosmocore's pure packer (septets in, octets
 *    out), measured as gsm7_pack_160. It has no pure unpacker in its
 *    public API, so gsm7_unpack_160 has no libosmocore row.
 *  - gsm_7bit_encode_n() takes a NUL-terminated string of 8-bit
 *    characters in libosmocore's own charset (ASCII is the same as
 *    UTF-8), looks each one up, and packs: text_to_gsm7_160 and
 *    text_to_gsm7_ext_160. The bench input is followed by a NUL
 *    (bench_case contract), so the same bytes are passed as smskit gets.
 *  - gsm_7bit_decode_n() unpacks and converts back to 8-bit characters:
 *    gsm7_to_text_160 (ASCII text, so its output is the same UTF-8).
 *  - Its length parameters are uint8_t and int: the 160-septet cases fit.
 *
 * Built only when pkg-config finds libosmogsm (bench/run.sh), which then
 * defines BENCH_OSMOCORE_VERSION.
 */
#include <osmocom/gsm/gsm_utils.h>

#include "peers.h"

#ifndef BENCH_OSMOCORE_VERSION
#define BENCH_OSMOCORE_VERSION "unknown"
#endif

static size_t osmo_pack(const bench_case *c)
{
    int n = gsm_septet_pack(c->out, c->in, c->in_len, 0);
    return n > 0 ? (size_t)n : 0;
}

static size_t osmo_encode(const bench_case *c)
{
    int octets = 0;
    /* The input is NUL-terminated (bench_case contract). */
    gsm_7bit_encode_n(c->out, c->out_cap, (const char *)c->in, &octets);
    return octets > 0 ? (size_t)octets : 0;
}

static size_t osmo_decode(const bench_case *c)
{
    if (c->n > 255)
        return 0;
    int n = gsm_7bit_decode_n((char *)c->out, c->out_cap, c->in,
            (uint8_t)c->n);
    return n > 0 ? (size_t)n : 0;
}

size_t bench_osmocore_impls(bench_impl *v, size_t cap, const char **version)
{
    static const bench_impl mine[] = {
        { BENCH_OP_PACK, "libosmocore", osmo_pack },
        { BENCH_OP_TO_GSM7, "libosmocore", osmo_encode },
        { BENCH_OP_FROM_GSM7, "libosmocore", osmo_decode },
        { BENCH_OP_TO_GSM7_EXT, "libosmocore", osmo_encode },
    };
    size_t n = 0;
    *version = BENCH_OSMOCORE_VERSION;
    for (; n < sizeof mine / sizeof mine[0] && n < cap; n++)
        v[n] = mine[n];
    return n;
}
