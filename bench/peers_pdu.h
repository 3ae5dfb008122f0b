/* SPDX-License-Identifier: MIT */
/*
 * The interface between bench_pdu.c and the peer library it measures
 * smskit's PDU, splitting and reassembly code against
 * (bench/peer_gammu_pdu.c).
 *
 * How this works:
 *  - As in bench/peers.h, every measured implementation of an operation
 *    is one bench_pdu_impl: the operation's name, the implementation's
 *    name and a function that does the work once on a bench_pdu_case and
 *    returns the length of its output (0 on failure).
 *  - bench_pdu.c builds one case per operation, shared by every
 *    implementation, and compares each peer's output with smskit's at
 *    start-up, so that rows with the same op do the same work.
 *  - The fields of the messages that are encoded (SC address, TP-DA,
 *    TP-MR, TP-VP, concatenation reference) are fixed here, so that both
 *    sides put the same octets on the wire.
 *  - Outputs: decoders write the message's UTF-8 text; encoders write
 *    the AT PDU (SC address and TPDU, TS 27.005 3.1) as upper-case hex;
 *    splitters write each part's hex followed by "\n".
 */
#ifndef SMSK_BENCH_PEERS_PDU_H
#define SMSK_BENCH_PEERS_PDU_H

#include <stddef.h>
#include <stdint.h>

/*
 * One operation's data. `in` holds `in_len` bytes followed by a zero
 * byte (a C string for peers that want one). For reassemble_4_hex, `in`
 * holds the hex of the parts one per line and part_off[k] / part_len[k]
 * locate part k (`n_parts` of them; 0 for the other ops). `out_cap` is
 * the size a caller would give smskit; `out` has BENCH_PDU_SLACK bytes
 * more for peers that write terminators and take no capacity.
 */
typedef struct bench_pdu_case {
    const uint8_t *in;
    size_t in_len;
    const size_t *part_off;
    const size_t *part_len;
    size_t n_parts;
    uint8_t *out;
    size_t out_cap;
} bench_pdu_case;

#define BENCH_PDU_SLACK 1024u

/* Do the operation once; return the output length, 0 on failure. */
typedef size_t (*bench_pdu_fn)(const bench_pdu_case *c);

typedef struct bench_pdu_impl {
    const char *op;   /* e.g. "decode_deliver_gsm7_hex" */
    const char *impl; /* "smskit", "gammu" */
    bench_pdu_fn fn;
} bench_pdu_impl;

/* Operation names shared by bench_pdu.c and the peers. */
#define BENCH_OP_DEC_GSM7_BIN "decode_deliver_gsm7_bin"
#define BENCH_OP_DEC_GSM7_HEX "decode_deliver_gsm7_hex"
#define BENCH_OP_DEC_UCS2_HEX "decode_deliver_ucs2_hex"
#define BENCH_OP_DEC_CONCAT_HEX "decode_deliver_concat_hex"
#define BENCH_OP_ENC_SUBMIT_HEX "encode_submit_gsm7_hex"
#define BENCH_OP_SPLIT_GSM7 "split_500_gsm7_hex"
#define BENCH_OP_SPLIT_MIXED "split_500_mixed_hex"
#define BENCH_OP_REASM_4 "reassemble_4_hex"
#define BENCH_OP_REASM_PENDING "reasm_pending_100k"

/* The fields of every message the benchmark encodes. */
#define BENCH_PDU_SMSC "+31624000000"  /* SC address: international */
#define BENCH_PDU_PEER "+4915112345678" /* TP-DA, and TP-OA of DELIVERs */
#define BENCH_PDU_MR 0u                 /* TP-MR */
#define BENCH_PDU_VP 0xA7u              /* TP-VP, relative: 24 hours */
#define BENCH_PDU_REF 0x5Au             /* 8-bit concatenation reference */

/*
 * The peer appends its implementations to `v` (room for `cap`) and
 * returns how many it added; `*version` receives its version string.
 */
size_t bench_gammu_pdu_impls(bench_pdu_impl *v, size_t cap,
        const char **version);

/*
 * Gammu has no reassembly state: a caller keeps the parts and links them
 * all again with GSM_LinkSMS when one arrives. This returns the median
 * nanoseconds of that step (link, then free what it returned) with
 * `held` single parts of distinct two-part messages held plus one
 * arriving part that completes one of them, built from the part-1 and
 * part-2 hex PDUs given; 0 on failure. `*bytes_per_part` receives the
 * memory Gammu's API takes per held part.
 */
double bench_gammu_link_held_ns(size_t held, const char *part1_hex,
        const char *part2_hex, size_t *bytes_per_part);

#endif /* SMSK_BENCH_PEERS_PDU_H */
