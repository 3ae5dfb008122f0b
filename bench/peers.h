/* SPDX-License-Identifier: MIT */
/*
 * The interface between bench_text.c and the peer libraries it measures
 * smskit against (bench/peer_osmocore.c, bench/peer_gammu.c).
 *
 * How this works:
 *  - Every measured implementation of an operation is one bench_impl: the
 *    operation's name, the implementation's name and a function that does
 *    the work once on a bench_case and returns the length of its output
 *    (0 on failure).
 *  - bench_text.c builds one bench_case per operation (the same input for
 *    every implementation), and before timing compares each peer's output
 *    with smskit's, so that rows with the same op do the same work.
 *  - A peer file is compiled only when pkg-config finds its library
 *    (bench/run.sh); it then defines BENCH_WITH_<PEER> for bench_text.c,
 *    which calls the peer's registration function. Without peers the
 *    program needs nothing but the public smskit header.
 */
#ifndef SMSK_BENCH_PEERS_H
#define SMSK_BENCH_PEERS_H

#include <stddef.h>
#include <stdint.h>

/*
 * One operation's data. `in` holds `in_len` bytes followed by two zero
 * bytes, so peers whose API takes a C string or a NUL-terminated UCS-2
 * string can be given the input as it is. `out_cap` is the size a caller
 * would give smskit (140 octets of TP-UD, the header's _MAX bounds);
 * `out` has at least 256 bytes more, for peers that write terminators
 * and take no capacity. `n` is the septet (or character) count of the
 * operation where an API asks for it.
 */
typedef struct bench_case {
    const uint8_t *in;
    size_t in_len;
    uint8_t *out;
    size_t out_cap;
    size_t n;
} bench_case;

/* Do the operation once; return the output length, 0 on failure. */
typedef size_t (*bench_fn)(const bench_case *c);

typedef struct bench_impl {
    const char *op;   /* e.g. "gsm7_pack_160" */
    const char *impl; /* "smskit", "libosmocore", "gammu", "memcpy" */
    bench_fn fn;
} bench_impl;

/* Operation names shared by bench_text.c and the peers. */
#define BENCH_OP_PACK "gsm7_pack_160"
#define BENCH_OP_UNPACK "gsm7_unpack_160"
#define BENCH_OP_TO_GSM7 "text_to_gsm7_160"
#define BENCH_OP_FROM_GSM7 "gsm7_to_text_160"
#define BENCH_OP_TO_GSM7_EXT "text_to_gsm7_ext_160"
#define BENCH_OP_TO_UCS2 "text_to_ucs2_70"
#define BENCH_OP_FROM_UCS2 "ucs2_to_text_70"

/*
 * Each peer appends its implementations to `v` (room for `cap`) and
 * returns how many it added; `*version` receives its version string.
 */
size_t bench_osmocore_impls(bench_impl *v, size_t cap, const char **version);
size_t bench_gammu_impls(bench_impl *v, size_t cap, const char **version);

#endif /* SMSK_BENCH_PEERS_H */
