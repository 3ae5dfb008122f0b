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

#include "peers.h"

#if defined(__clang__)
#define BENCH_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define BENCH_COMPILER "gcc " __VERSION__
#else
#define BENCH_COMPILER "unknown compiler"
#endif

/* Set by bench/run.sh; unknown when built by the automake rule. */
#ifndef BENCH_CC
#define BENCH_CC "?"
#endif
#ifndef BENCH_CFLAGS
#define BENCH_CFLAGS "?"
#endif
#ifndef BENCH_CONFIGURE
#define BENCH_CONFIGURE "? (run `make bench` to record it)"
#endif

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
#define MAX_IMPLS 64

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

    for (int k = 0; k < OP_COUNT; k++) {
        if (!ops[k].ready)
            fprintf(stderr, "warning: smskit fails on %s; op skipped\n",
                    ops[k].name);
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

static op_data *find_op(const char *name)
{
    for (int k = 0; k < OP_COUNT; k++) {
        if (strcmp(ops[k].name, name) == 0)
            return &ops[k];
    }
    return NULL;
}

/* Compare a peer's output with smskit's; 1 if the same. */
static int verify(const bench_impl *im)
{
    op_data *d = find_op(im->op);
    if (d == NULL || !d->ready)
        return 0;
    memset(d->out, 0, sizeof d->out);
    size_t len = im->fn(&d->c);
    size_t k = 0;
    while (k < len && k < d->ref_len && d->out[k] == d->ref[k])
        k++;
    if (len == d->ref_len && k == len)
        return 1;
    fprintf(stderr, "warning: %s %s: output differs from smskit's (%zu "
            "bytes vs %zu, first difference at byte %zu); its row does not "
            "measure the same work\n", im->impl, im->op, len, d->ref_len, k);
    return 0;
}

/* ----------------------------------------------------------------------
 * Timing
 * -------------------------------------------------------------------- */

/* The harness's view of an impl: call its function on the case. */
static size_t call_impl(const void *impl, const void *c)
{
    return ((const bench_impl *)impl)->fn(c);
}

static void measure_op(const bench_impl *const *im, size_t n,
        const bench_case *c, unsigned reps, unsigned ms, double *ns)
{
    const void *any[HARNESS_MAX_IMPLS];
    for (size_t j = 0; j < n; j++)
        any[j] = im[j];
    harness_measure_op(call_impl, any, n, c, reps, ms, ns);
}

/* ----------------------------------------------------------------------
 * Output
 * -------------------------------------------------------------------- */

typedef struct result {
    const bench_impl *im;
    const op_data *d;
    double ns;
} result;

static result results[MAX_IMPLS];
static size_t n_results;

static const result *find_result(const char *op, const char *impl)
{
    for (size_t i = 0; i < n_results; i++) {
        if (strcmp(results[i].im->op, op) == 0
                && strcmp(results[i].im->impl, impl) == 0)
            return &results[i];
    }
    return NULL;
}

static double mb_per_s(const result *r)
{
    return (double)r->d->c.in_len / r->ns * 1e3;
}

static void print_info(FILE *f, const char *peers)
{
    unsigned feat = smsk_features();
    fprintf(f, "# smskit %s bench_text\n", smsk_version());
    fprintf(f, "# compiler: %s\n", BENCH_COMPILER);
    fprintf(f, "# build: CC=%s CFLAGS=%s\n", BENCH_CC, BENCH_CFLAGS);
    fprintf(f, "# configure: %s\n", BENCH_CONFIGURE);
    fprintf(f, "# smsk_features(): 0x%x%s%s%s%s\n", feat,
            feat & SMSK_FEATURE_ICU ? " ICU" : "",
            feat & SMSK_FEATURE_ZLIB ? " ZLIB" : "",
            feat & SMSK_FEATURE_BMI2 ? " BMI2" : "",
            feat & SMSK_FEATURE_AVX512 ? " AVX512" : "");
    fprintf(f, "# peers: %s\n", peers[0] ? peers : "none");
}

/* How many times slower `impl` is than `base` on `op` (0 if unknown). */
static double ratio(const char *op, const char *impl, const char *base)
{
    const result *a = find_result(op, impl), *b = find_result(op, base);
    return a && b && b->ns > 0 ? a->ns / b->ns : 0;
}

static void print_target(const char *what, double got, double limit,
        int at_least)
{
    if (got == 0) {
        printf("# target: %s: not measured\n", what);
        return;
    }
    int met = at_least ? got >= limit : got <= limit;
    printf("# target: %s %s%.0fx: %.2fx, %s\n", what, at_least ? ">=" : "<=",
            limit, got, met ? "met" : "MISSED");
}

static void print_targets(void)
{
    print_target("text_to_gsm7_160, libosmocore/smskit",
            ratio(BENCH_OP_TO_GSM7, "libosmocore", "smskit"), 25, 1);
    print_target("gsm7_to_text_160, gammu/smskit",
            ratio(BENCH_OP_FROM_GSM7, "gammu", "smskit"), 50, 1);
    print_target("gsm7_pack_160, smskit/memcpy",
            ratio(BENCH_OP_PACK, "smskit", "memcpy"), 2, 0);
    print_target("gsm7_unpack_160, smskit/memcpy",
            ratio(BENCH_OP_UNPACK, "smskit", "memcpy"), 2, 0);
}

static int parse_uint(const char *arg, const char *name, unsigned lo,
        unsigned hi, unsigned *v)
{
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0 || arg[n] != '=')
        return 0;
    char *end;
    unsigned long x = strtoul(arg + n + 1, &end, 10);
    if (*end != '\0' || x < lo || x > hi) {
        fprintf(stderr, "bench_text: %s wants a number from %u to %u\n",
                name, lo, hi);
        exit(2);
    }
    *v = (unsigned)x;
    return 1;
}

int main(int argc, char **argv)
{
    int tsv = 0;
    unsigned reps = 15, ms = 20;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tsv") == 0)
            tsv = 1;
        else if (parse_uint(argv[i], "--reps", 1, HARNESS_MAX_REPS, &reps)
                || parse_uint(argv[i], "--ms", 1, 10000, &ms))
            continue;
        else {
            fprintf(stderr, "usage: %s [--tsv] [--reps=N] [--ms=N]\n",
                    argv[0]);
            return strcmp(argv[i], "--help") == 0 ? 0 : 2;
        }
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

    char peers[128] = "";
    const char *version = NULL;
    size_t first_peer = n_impls;
    (void)version;
#ifdef BENCH_WITH_OSMOCORE
    n_impls += bench_osmocore_impls(impls + n_impls, MAX_IMPLS - n_impls,
            &version);
    snprintf(peers + strlen(peers), sizeof peers - strlen(peers),
            "%slibosmocore %s", peers[0] ? ", " : "", version);
#endif
#ifdef BENCH_WITH_GAMMU
    n_impls += bench_gammu_impls(impls + n_impls, MAX_IMPLS - n_impls,
            &version);
    snprintf(peers + strlen(peers), sizeof peers - strlen(peers),
            "%sgammu %s", peers[0] ? ", " : "", version);
#endif
    size_t end_peer = n_impls;
    add_impl(BENCH_OP_PACK, "memcpy", copy_160);
    add_impl(BENCH_OP_UNPACK, "memcpy", copy_160);

    print_info(tsv ? stderr : stdout, peers);
    for (size_t i = first_peer; i < end_peer; i++)
        verify(&impls[i]);

    if (tsv)
        printf("# op\timpl\tns_per_op\tmb_per_s\n");
    else {
        printf("# ns/op: median of %u repetitions of ~%u ms; MB/s: 10^6 "
                "input bytes of the op per second\n", reps, ms);
        printf("%-22s %-12s %10s %10s %12s\n", "op", "impl", "ns/op", "MB/s",
                "time/smskit");
    }
    fflush(stdout);
    /* Rows in op order, smskit first within each op. */
    for (int k = 0; k < OP_COUNT; k++) {
        op_data *d = &ops[k];
        const bench_impl *mine[MAX_IMPLS];
        double ns[MAX_IMPLS];
        size_t n = 0;
        if (!d->ready)
            continue;
        for (size_t i = 0; i < n_impls; i++) {
            if (strcmp(impls[i].op, d->name) == 0)
                mine[n++] = &impls[i];
        }
        measure_op(mine, n, &d->c, reps, ms, ns);
        for (size_t j = 0; j < n; j++)
            results[n_results++] = (result){ mine[j], d, ns[j] };
        for (size_t j = 0; j < n; j++) {
            const result *r = &results[n_results - n + j];
            if (tsv) {
                printf("%s\t%s\t%.2f\t%.1f\n", r->im->op, r->im->impl, r->ns,
                        mb_per_s(r));
            } else {
                printf("%-22s %-12s %10.1f %10.1f %11.2fx\n", r->im->op,
                        r->im->impl, r->ns, mb_per_s(r),
                        ratio(r->im->op, r->im->impl, "smskit"));
            }
        }
        fflush(stdout);
    }
    if (!tsv)
        print_targets();
    return 0;
}
