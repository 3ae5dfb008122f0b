/* SPDX-License-Identifier: MIT */
/*
 * bench_text: speed of the text core (septet packing, GSM 7-bit and UCS-2
 * conversions) on fixed, committed inputs, next to libosmocore and Gammu
 * doing the same work and to memcpy() of the same bytes.
 *
 * Usage: bench_text [--tsv] [--reps=N] [--ms=N]
 *   (`make bench`, `make bench BENCH_FLAGS=--tsv`)
 *
 * How this works:
 *  - Each operation (op) has one input, shared by every implementation
 *    (impl) that is measured on it; at start-up each peer's output is
 *    compared with smskit's and a warning is printed where they differ,
 *    so rows with the same op measure the same work.
 *  - Every impl is a bench_fn (bench/peers.h) called through a pointer
 *    in a loop; the returned lengths are summed into a volatile sink and
 *    the memcpy rows pass their destination to an empty asm that claims
 *    to read and write memory, so no call can be dropped or hoisted.
 *  - The iteration count is calibrated so that one repetition lasts about
 *    --ms milliseconds (20); ns per op is the median over --reps
 *    repetitions (15). The repetitions of an op's impls are interleaved,
 *    so that load from elsewhere on the machine skews them alike.
 *  - MB/s is 10^6 bytes per second of the op's INPUT: 160 septets for
 *    gsm7_pack_160, 140 octets for gsm7_unpack_160 and gsm7_to_text_160,
 *    the UTF-8 text for text_to_gsm7_160 (160 bytes),
 *    text_to_gsm7_ext_160 (130 bytes) and text_to_ucs2_70 (124 bytes),
 *    and 140 octets for ucs2_to_text_70. All rows of an op use the same
 *    byte count, so MB/s compares like ns/op does.
 *  - Peers (bench/peer_*.c) are linked in by bench/run.sh when pkg-config
 *    finds them; this file then sees BENCH_WITH_OSMOCORE / BENCH_WITH_GAMMU.
 *    Built by plain automake rules, it measures smskit and memcpy only.
 *  - This file has the ops, their inputs, the smskit and memcpy impls,
 *    and the targets; the timing is bench/harness.h's, and the options,
 *    the check of the peers, the rows and the `#` lines are
 *    bench/report.h's, shared with bench_pdu.c.
 *
 * Uses the public API only.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smskit.h"

#include "harness.h"
#include "report.h"

#include "peers.h"

#if defined(__GNUC__) || defined(__clang__)
/* The compiler must assume `p`'s memory is read and written here. */
#define BENCH_ESCAPE(p) __asm__ __volatile__("" : : "r"(p) : "memory")
#else
static void *volatile bench_escape_sink;
#define BENCH_ESCAPE(p) (bench_escape_sink = (p))
#endif

/* ----------------------------------------------------------------------
 * Inputs
 * -------------------------------------------------------------------- */

/* 160 characters of the default alphabet, ASCII only: 160 septets. */
static const char text_ascii[] =
    "Hi Sam, your parcel 4711 arrives today between 14:00 and 16:30. "
    "Reply YES to confirm, NO to reschedule, or call 0800-555-0199 "
    "(free). Ref: A7/QZ#82; cost $0 & 0";

/*
 * 130 characters, 30 of them from the extension table: 160 septets.
 * ASCII only ({}[]^~\|), because libosmocore takes 8-bit characters in
 * its own charset and has no euro sign; every impl gets these bytes.
 */
static const char text_ext[] =
    "Use {braces}, [brackets] & pipes | in code: a[i] = b^2; {x|y} ~ z; "
    "C:\\tmp\\log. Fix [bug] {42} ~ now^^ and [ok]. Map {k:v[j]} ~a|b~";

/* 70 characters, Cyrillic and Greek with spaces and punctuation. */
static const char text_ucs2[] =
    "Привет, Анна! Встреча завтра. "
    "Γεια σου, τα λέμε αύριο στην Αθήνα, φίλε";

static const smsk_gsm7_shift default_tables = { SMSK_LANG_DEFAULT,
    SMSK_LANG_DEFAULT };

/* ----------------------------------------------------------------------
 * Operations and their data
 * -------------------------------------------------------------------- */

#define BUF 1024
#define MAX_IMPLS REPORT_MAX_IMPLS

enum { OP_PACK, OP_UNPACK, OP_TO_GSM7, OP_FROM_GSM7, OP_TO_GSM7_EXT,
    OP_TO_UCS2, OP_FROM_UCS2, OP_COUNT };

typedef struct op_data {
    const char *name;
    int ready;         /* input and smskit reference are set */
    uint8_t in[BUF];   /* input, then zero bytes (bench_case contract) */
    uint8_t ref[BUF];  /* smskit's output */
    size_t ref_len;
    uint8_t out[BUF]; /* c.out_cap of it for smskit, the rest is slack */
    bench_case c;
} op_data;

static op_data ops[OP_COUNT];

/* The options, ops, impls and rows (bench/report.h). */
static report rep;

/* The 160 septets of text_ascii: input of the pack, copy of memcpy. */
static uint8_t septets160[160];

static bench_impl impls[MAX_IMPLS];
static size_t n_impls;


static size_t sk_pack(const bench_case *c)
{
    size_t len = 0;
    if (smsk_septet_pack(c->out, c->out_cap, &len, c->in, c->in_len, 0, 0,
                NULL) != SMSK_OK)
        return 0;
    return len;
}

static size_t sk_unpack(const bench_case *c)
{
    size_t n = 0;
    if (smsk_septet_unpack(c->out, c->out_cap, &n, c->in, c->in_len, c->n,
                0, 0) != SMSK_OK)
        return 0;
    return n;
}

static size_t sk_to_gsm7(const bench_case *c)
{
    size_t len = 0, n = 0;
    if (smsk_gsm7_encode_packed(c->out, c->out_cap, &len, &n,
                (const char *)c->in, c->in_len, default_tables, 0, 0,
                NULL) != SMSK_OK)
        return 0;
    return len;
}

static size_t sk_from_gsm7(const bench_case *c)
{
    size_t len = 0;
    if (smsk_gsm7_decode_packed((char *)c->out, c->out_cap, &len, c->in,
                c->in_len, c->n, default_tables, 0, 0, NULL) != SMSK_OK)
        return 0;
    return len;
}

static size_t sk_to_ucs2(const bench_case *c)
{
    size_t len = 0;
    if (smsk_ucs2_encode(c->out, c->out_cap, &len, (const char *)c->in,
                c->in_len, NULL) != SMSK_OK)
        return 0;
    return len;
}

static size_t sk_from_ucs2(const bench_case *c)
{
    size_t len = 0;
    if (smsk_ucs2_decode((char *)c->out, c->out_cap, &len, c->in,
                c->in_len, 0, NULL) != SMSK_OK)
        return 0;
    return len;
}

/* The 160 bytes that gsm7_pack_160 reads and gsm7_unpack_160 writes. */
static size_t copy_160(const bench_case *c)
{
    memcpy(c->out, septets160, sizeof septets160);
    BENCH_ESCAPE(c->out);
    return sizeof septets160;
}

static void add_impl(const char *op, const char *impl, bench_fn fn)
{
    if (n_impls < MAX_IMPLS)
        impls[n_impls++] = (bench_impl){ op, impl, fn };
}

/* `out_cap`: the buffer a caller would give smskit (TP-UD size, _MAX). */
static void set_input(op_data *d, const char *name, const void *in,
        size_t in_len, size_t n, size_t out_cap)
{
    d->name = name;
    memcpy(d->in, in, in_len);
    d->c = (bench_case){ d->in, in_len, d->out, out_cap, n };
}

/* Run smskit once to get the reference output of `d`. */
static int set_ref(op_data *d, bench_fn fn)
{
    d->ref_len = fn(&d->c);
    if (d->ref_len == 0)
        return 0;
    memcpy(d->ref, d->out, d->ref_len);
    d->ready = 1;
    return 1;
}

static int setup(void)
{
    smsk_status st;
    size_t n = 0, len = 0;
    static const char *const names[OP_COUNT] = { BENCH_OP_PACK,
        BENCH_OP_UNPACK, BENCH_OP_TO_GSM7, BENCH_OP_FROM_GSM7,
        BENCH_OP_TO_GSM7_EXT, BENCH_OP_TO_UCS2, BENCH_OP_FROM_UCS2 };
    for (int k = 0; k < OP_COUNT; k++)
        ops[k].name = names[k];

    st = smsk_gsm7_encode(septets160, sizeof septets160, &n, text_ascii,
            strlen(text_ascii), default_tables, 0, NULL);
    if (st != SMSK_OK || n != 160 || strlen(text_ascii) != 160) {
        fprintf(stderr, "bench_text: the ASCII input is not 160 septets of "
                "160 characters (%s)\n", smsk_status_name(st));
        return 0;
    }
    st = smsk_gsm7_count(&n, text_ext, strlen(text_ext), default_tables, 0,
            NULL);
    if (st != SMSK_OK || n != 160) {
        fprintf(stderr, "bench_text: the extension input is not 160 "
                "septets (%s, %zu)\n", smsk_status_name(st), n);
        return 0;
    }

    set_input(&ops[OP_PACK], BENCH_OP_PACK, septets160, 160, 160,
            SMSK_SEPTETS_PACKED_LEN(160, 0));
    set_ref(&ops[OP_PACK], sk_pack);
    set_input(&ops[OP_UNPACK], BENCH_OP_UNPACK, ops[OP_PACK].ref,
            ops[OP_PACK].ref_len, 160, 160);
    set_ref(&ops[OP_UNPACK], sk_unpack);
    set_input(&ops[OP_TO_GSM7], BENCH_OP_TO_GSM7, text_ascii,
            strlen(text_ascii), 160, SMSK_UD_MAX_OCTETS);
    set_ref(&ops[OP_TO_GSM7], sk_to_gsm7);
    set_input(&ops[OP_FROM_GSM7], BENCH_OP_FROM_GSM7, ops[OP_TO_GSM7].ref,
            ops[OP_TO_GSM7].ref_len, 160, SMSK_GSM7_TEXT_MAX(160));
    set_ref(&ops[OP_FROM_GSM7], sk_from_gsm7);
    set_input(&ops[OP_TO_GSM7_EXT], BENCH_OP_TO_GSM7_EXT, text_ext,
            strlen(text_ext), 160, SMSK_UD_MAX_OCTETS);
    set_ref(&ops[OP_TO_GSM7_EXT], sk_to_gsm7);

    st = smsk_utf8_validate(text_ucs2, strlen(text_ucs2), &n, NULL);
    if (st != SMSK_OK || n != 70) {
        fprintf(stderr, "bench_text: the UCS-2 input is not 70 characters "
                "(%s, %zu)\n", smsk_status_name(st), n);
        return 0;
    }
    set_input(&ops[OP_TO_UCS2], BENCH_OP_TO_UCS2, text_ucs2,
            strlen(text_ucs2), 70, SMSK_UD_MAX_OCTETS);
    if (set_ref(&ops[OP_TO_UCS2], sk_to_ucs2)) {
        set_input(&ops[OP_FROM_UCS2], BENCH_OP_FROM_UCS2,
                ops[OP_TO_UCS2].ref, ops[OP_TO_UCS2].ref_len, 70,
                SMSK_UCS2_TEXT_MAX(SMSK_UD_MAX_OCTETS));
        set_ref(&ops[OP_FROM_UCS2], sk_from_ucs2);
    }

    /* The report gets the ops smskit is ready for. */
    for (int k = 0; k < OP_COUNT; k++) {
        op_data *d = &ops[k];
        if (d->ready)
            report_add_op(&rep, (report_op){ d->name, &d->c, d->c.in_len,
                    d->out, sizeof d->out, d->ref, d->ref_len });
        else
            fprintf(stderr, "warning: smskit fails on %s; op skipped\n",
                    d->name);
    }
    /* Round trips: what we decode is what we encoded. */
    if (ops[OP_UNPACK].ready && memcmp(ops[OP_UNPACK].ref, septets160, 160))
        fprintf(stderr, "warning: smskit unpack does not give back the "
                "septets\n");
    len = strlen(text_ascii);
    if (ops[OP_FROM_GSM7].ready && (ops[OP_FROM_GSM7].ref_len != len
                || memcmp(ops[OP_FROM_GSM7].ref, text_ascii, len)))
        fprintf(stderr, "warning: smskit GSM 7-bit decode does not give "
                "back the text\n");
    len = strlen(text_ucs2);
    if (ops[OP_FROM_UCS2].ready && (ops[OP_FROM_UCS2].ref_len != len
                || memcmp(ops[OP_FROM_UCS2].ref, text_ucs2, len)))
        fprintf(stderr, "warning: smskit UCS-2 decode does not give back "
                "the text\n");
    return 1;
}

/* ----------------------------------------------------------------------
 * Report (bench/report.h)
 * -------------------------------------------------------------------- */

/* The harness's view of an impl: call its function on the case. */
static size_t call_impl(const void *impl, const void *c)
{
    return ((const bench_impl *)impl)->fn(c);
}

static void print_targets(void)
{
    report_target("text_to_gsm7_160, libosmocore/smskit",
            report_ratio(&rep, BENCH_OP_TO_GSM7, "libosmocore", "smskit"),
            25, 1);
    report_target("gsm7_to_text_160, gammu/smskit",
            report_ratio(&rep, BENCH_OP_FROM_GSM7, "gammu", "smskit"), 50, 1);
    report_target("gsm7_pack_160, smskit/memcpy",
            report_ratio(&rep, BENCH_OP_PACK, "smskit", "memcpy"), 2, 0);
    report_target("gsm7_unpack_160, smskit/memcpy",
            report_ratio(&rep, BENCH_OP_UNPACK, "smskit", "memcpy"), 2, 0);
}

int main(int argc, char **argv)
{
    report_init(&rep, "bench_text", call_impl, 22);
    for (int i = 1; i < argc; i++) {
        if (!report_parse_arg(&rep, argv[i]))
            return report_usage(argv[0], "[--tsv] [--reps=N] [--ms=N]",
                    argv[i]);
    }
    if (!setup())
        return 1;

    add_impl(BENCH_OP_PACK, "smskit", sk_pack);
    add_impl(BENCH_OP_UNPACK, "smskit", sk_unpack);
    add_impl(BENCH_OP_TO_GSM7, "smskit", sk_to_gsm7);
    add_impl(BENCH_OP_FROM_GSM7, "smskit", sk_from_gsm7);
    add_impl(BENCH_OP_TO_GSM7_EXT, "smskit", sk_to_gsm7);
    add_impl(BENCH_OP_TO_UCS2, "smskit", sk_to_ucs2);
    add_impl(BENCH_OP_FROM_UCS2, "smskit", sk_from_ucs2);

    const char *version = NULL;
    size_t first_peer = n_impls;
    (void)version;
#ifdef BENCH_WITH_OSMOCORE
    n_impls += bench_osmocore_impls(impls + n_impls, MAX_IMPLS - n_impls,
            &version);
    report_add_peer(&rep, "libosmocore", version);
#endif
#ifdef BENCH_WITH_GAMMU
    n_impls += bench_gammu_impls(impls + n_impls, MAX_IMPLS - n_impls,
            &version);
    report_add_peer(&rep, "gammu", version);
#endif
    size_t end_peer = n_impls;
    add_impl(BENCH_OP_PACK, "memcpy", copy_160);
    add_impl(BENCH_OP_UNPACK, "memcpy", copy_160);
    for (size_t i = 0; i < n_impls; i++)
        report_add_impl(&rep, impls[i].op, impls[i].impl, &impls[i]);

    /* Rows in op order, smskit first within each op. */
    report_run(&rep, first_peer, end_peer);
    if (!rep.tsv)
        print_targets();
    return 0;
}
