/* SPDX-License-Identifier: MIT */
/*
 * The reporting shared by bench_text.c and bench_pdu.c: the common
 * options (--tsv, --reps=N, --ms=N, the usage line for --help), the `#`
 * lines on the build, the check of each peer's output against smskit's,
 * the timing of each op's impls (with harness.h), the rows (a table, or
 * TSV: op, impl, ns_per_op, mb_per_s) and the `# target:` lines.
 *
 * How the programs use it:
 *  - It knows neither program's case or impl types. A program describes
 *    each op smskit is ready for as a report_op (name, the case as a
 *    `const void *`, the input bytes that MB/s counts, the output buffer,
 *    smskit's reference output) and each impl as a report_impl (op name,
 *    impl name, and a pointer to the program's own impl). Its `call`
 *    function (a harness_call) turns that pointer back into its impl and
 *    runs it on a case.
 *  - main() sets up with report_init(), reads its arguments with
 *    report_parse_arg() (its own options first; report_usage() for the
 *    rest), names its peers with report_add_peer(), adds its ops and
 *    impls, and calls report_run(). After that, report_find() and
 *    report_ratio() give the measured ns/op for the program's own `#`
 *    lines, and report_target() prints a `# target:` line.
 *  - Rows come in the order of the ops, and within an op in the order
 *    the impls were added (smskit first).
 *
 * Header-only (static inline), so each program compiles it with itself.
 */
#ifndef SMSK_BENCH_REPORT_H
#define SMSK_BENCH_REPORT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smskit.h"

#include "harness.h"

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

#define REPORT_MAX_OPS 16
#define REPORT_MAX_IMPLS 64

/* One op, as the report sees it. */
typedef struct report_op {
    const char *name;
    const void *c;          /* the case every impl of the op is run on */
    size_t in_len;          /* input bytes of the case: what MB/s counts */
    uint8_t *out;           /* where the case's output goes ... */
    size_t out_size;        /* ... all of it (cleared before a check) */
    const uint8_t *ref;     /* smskit's output */
    size_t ref_len;
} report_op;

/* One impl of an op. */
typedef struct report_impl {
    const char *op;   /* its report_op's name */
    const char *impl; /* "smskit", "gammu", ... */
    const void *self; /* the program's impl, handed to report.call */
} report_impl;

/* One measured row. */
typedef struct report_row {
    const report_impl *im;
    const report_op *op;
    double ns;
} report_row;

typedef struct report {
    const char *prog;   /* "bench_text": first `#` line, messages */
    harness_call call;  /* runs a report_impl's `self` on a report_op's `c` */
    int op_width;       /* width of the table's op column */
    int tsv;            /* --tsv */
    int header;         /* print the TSV column line (1) */
    unsigned reps, ms;  /* --reps (15), --ms (20) */
    const char *only;   /* the one op to measure, or NULL for all */
    char peers[128];    /* "libosmocore 1.7.0, gammu 1.42.0" */
    report_op ops[REPORT_MAX_OPS];
    size_t n_ops;
    report_impl impls[REPORT_MAX_IMPLS];
    size_t n_impls;
    report_row rows[REPORT_MAX_IMPLS];
    size_t n_rows;
} report;

static inline void report_init(report *r, const char *prog,
        harness_call call, int op_width)
{
    memset(r, 0, sizeof *r);
    r->prog = prog;
    r->call = call;
    r->op_width = op_width;
    r->header = 1;
    r->reps = 15;
    r->ms = 20;
}

/* 1 if `arg` is `name`=N; exits with 2 when N is not in [lo, hi]. */
static inline int report_parse_uint(const report *r, const char *arg,
        const char *name, unsigned lo, unsigned hi, unsigned *v)
{
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0 || arg[n] != '=')
        return 0;
    char *end;
    unsigned long x = strtoul(arg + n + 1, &end, 10);
    if (*end != '\0' || x < lo || x > hi) {
        fprintf(stderr, "%s: %s wants a number from %u to %u\n", r->prog,
                name, lo, hi);
        exit(2);
    }
    *v = (unsigned)x;
    return 1;
}

/* Take --tsv, --reps=N or --ms=N; 0 if `arg` is none of them. */
static inline int report_parse_arg(report *r, const char *arg)
{
    if (strcmp(arg, "--tsv") == 0) {
        r->tsv = 1;
        return 1;
    }
    return report_parse_uint(r, arg, "--reps", 1, HARNESS_MAX_REPS, &r->reps)
            || report_parse_uint(r, arg, "--ms", 1, 10000, &r->ms);
}

/* The usage line (`options`: the program's); main()'s exit status for
 * `arg`: 0 for --help, 2 for anything else. */
static inline int report_usage(const char *argv0, const char *options,
        const char *arg)
{
    fprintf(stderr, "usage: %s %s\n", argv0, options);
    return strcmp(arg, "--help") == 0 ? 0 : 2;
}

/* Add "name version" to the `# peers:` line. */
static inline void report_add_peer(report *r, const char *name,
        const char *version)
{
    size_t len = strlen(r->peers);
    snprintf(r->peers + len, sizeof r->peers - len, "%s%s %s",
            len ? ", " : "", name, version);
}

static inline void report_add_op(report *r, report_op op)
{
    if (r->n_ops < REPORT_MAX_OPS)
        r->ops[r->n_ops++] = op;
}

static inline void report_add_impl(report *r, const char *op,
        const char *impl, const void *self)
{
    if (r->n_impls < REPORT_MAX_IMPLS)
        r->impls[r->n_impls++] = (report_impl){ op, impl, self };
}

static inline const report_op *report_find_op(const report *r,
        const char *name)
{
    for (size_t k = 0; k < r->n_ops; k++) {
        if (strcmp(r->ops[k].name, name) == 0)
            return &r->ops[k];
    }
    return NULL;
}

/* Compare a peer's output with smskit's; 1 if the same. */
static inline int report_check(const report *r, const report_impl *im)
{
    const report_op *op = report_find_op(r, im->op);
    if (op == NULL)
        return 0;
    memset(op->out, 0, op->out_size);
    size_t len = r->call(im->self, op->c);
    size_t k = 0;
    while (k < len && k < op->ref_len && op->out[k] == op->ref[k])
        k++;
    if (len == op->ref_len && k == len)
        return 1;
    fprintf(stderr, "warning: %s %s: output differs from smskit's (%zu "
            "bytes vs %zu, first difference at byte %zu); its row does not "
            "measure the same work\n", im->impl, im->op, len, op->ref_len, k);
    return 0;
}

/* The row of `impl` on `op`, or NULL if it was not measured. */
static inline const report_row *report_find(const report *r, const char *op,
        const char *impl)
{
    for (size_t i = 0; i < r->n_rows; i++) {
        if (strcmp(r->rows[i].im->op, op) == 0
                && strcmp(r->rows[i].im->impl, impl) == 0)
            return &r->rows[i];
    }
    return NULL;
}

/* How many times slower `impl` is than `base` on `op` (0 if unknown). */
static inline double report_ratio(const report *r, const char *op,
        const char *impl, const char *base)
{
    const report_row *a = report_find(r, op, impl),
            *b = report_find(r, op, base);
    return a && b && b->ns > 0 ? a->ns / b->ns : 0;
}

static inline double report_mb_per_s(const report_row *row)
{
    return (double)row->op->in_len / row->ns * 1e3;
}

static inline void report_print_info(const report *r, FILE *f)
{
    unsigned feat = smsk_features();
    fprintf(f, "# smskit %s %s\n", smsk_version(), r->prog);
    fprintf(f, "# compiler: %s\n", BENCH_COMPILER);
    fprintf(f, "# build: CC=%s CFLAGS=%s\n", BENCH_CC, BENCH_CFLAGS);
    fprintf(f, "# configure: %s\n", BENCH_CONFIGURE);
    fprintf(f, "# smsk_features(): 0x%x%s%s%s%s\n", feat,
            feat & SMSK_FEATURE_ICU ? " ICU" : "",
            feat & SMSK_FEATURE_ZLIB ? " ZLIB" : "",
            feat & SMSK_FEATURE_BMI2 ? " BMI2" : "",
            feat & SMSK_FEATURE_AVX512 ? " AVX512" : "");
    fprintf(f, "# peers: %s\n", r->peers[0] ? r->peers : "none");
}

/* Time the impls of `op` together and print their rows. */
static inline void report_measure(report *r, const report_op *op)
{
    const report_impl *mine[HARNESS_MAX_IMPLS];
    const void *selves[HARNESS_MAX_IMPLS];
    double ns[HARNESS_MAX_IMPLS];
    size_t n = 0;
    for (size_t i = 0; i < r->n_impls && n < HARNESS_MAX_IMPLS; i++) {
        if (strcmp(r->impls[i].op, op->name) == 0) {
            mine[n] = &r->impls[i];
            selves[n++] = r->impls[i].self;
        }
    }
    harness_measure_op(r->call, selves, n, op->c, r->reps, r->ms, ns);
    size_t first = r->n_rows;
    for (size_t j = 0; j < n && r->n_rows < REPORT_MAX_IMPLS; j++)
        r->rows[r->n_rows++] = (report_row){ mine[j], op, ns[j] };
    for (size_t i = first; i < r->n_rows; i++) {
        const report_row *row = &r->rows[i];
        if (r->tsv) {
            printf("%s\t%s\t%.2f\t%.1f\n", op->name, row->im->impl, row->ns,
                    report_mb_per_s(row));
        } else {
            printf("%-*s %-12s %10.1f %10.1f %11.2fx\n", r->op_width,
                    op->name, row->im->impl, row->ns, report_mb_per_s(row),
                    report_ratio(r, op->name, row->im->impl, "smskit"));
        }
    }
    fflush(stdout);
}

/*
 * The run: the `#` lines on the build (on stdout, or stderr with --tsv),
 * the check of impls [first_peer, end_peer) (the peers) against smskit,
 * the column lines, then every op (or only r->only) timed and its rows.
 */
static inline void report_run(report *r, size_t first_peer, size_t end_peer)
{
    report_print_info(r, r->tsv ? stderr : stdout);
    for (size_t i = first_peer; i < end_peer && i < r->n_impls; i++)
        report_check(r, &r->impls[i]);

    if (r->tsv) {
        if (r->header)
            printf("# op\timpl\tns_per_op\tmb_per_s\n");
    } else {
        printf("# ns/op: median of %u repetitions of ~%u ms; MB/s: 10^6 "
                "input bytes of the op per second\n", r->reps, r->ms);
        printf("%-*s %-12s %10s %10s %12s\n", r->op_width, "op", "impl",
                "ns/op", "MB/s", "time/smskit");
    }
    fflush(stdout);
    for (size_t k = 0; k < r->n_ops; k++) {
        if (r->only == NULL || strcmp(r->only, r->ops[k].name) == 0)
            report_measure(r, &r->ops[k]);
    }
}

/*
 * `# target: what >=Nx: got, met` (at_least) or `<=Nx` (!at_least);
 * `got` 0 means not measured. bench_pdu prints its own not-measured
 * line, which keeps the bound.
 */
static inline void report_target(const char *what, double got, double limit,
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

#endif /* SMSK_BENCH_REPORT_H */
