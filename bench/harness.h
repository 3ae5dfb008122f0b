/* SPDX-License-Identifier: MIT */
/*
 * The timing harness shared by bench_text.c and bench_pdu.c: calibrate a
 * batch of calls to last about `ms` milliseconds, warm up, then take the
 * median ns per call over `reps` repetitions. The implementations of one
 * op are timed round-robin, so that a burst of load on the machine hits
 * all of them alike and their ratios stay meaningful. Each call's result
 * is summed into a volatile sink, so no call can be dropped or hoisted.
 * Header-only (static inline), so each program compiles it with itself.
 */
#ifndef SMSK_BENCH_HARNESS_H
#define SMSK_BENCH_HARNESS_H

#include <stdlib.h>
#include <time.h>

#define HARNESS_MAX_IMPLS 32
#define HARNESS_MAX_REPS 1001

/* Run implementation `impl` once on case `c`; returns a length. */
typedef size_t (*harness_call)(const void *impl, const void *c);

static volatile size_t harness_sink;

static inline double harness_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline double harness_run_batch(harness_call call, const void *impl,
        const void *c, unsigned long iters)
{
    size_t acc = 0;
    double t0 = harness_now_ns();
    for (unsigned long i = 0; i < iters; i++)
        acc += call(impl, c);
    double t1 = harness_now_ns();
    harness_sink += acc;
    return t1 - t0;
}

/* Iterations that take about `ms` milliseconds. */
static inline unsigned long harness_calibrate(harness_call call,
        const void *impl, const void *c, unsigned ms)
{
    double target = (double)ms * 1e6, t;
    unsigned long iters = 1;
    for (;;) {
        t = harness_run_batch(call, impl, c, iters);
        if (t >= target / 8 || iters >= (1ul << 40))
            break;
        iters *= 2;
    }
    if (t > 0) {
        double want = (double)iters * target / t;
        iters = want < 1 ? 1 : (unsigned long)want;
    }
    return iters;
}

static inline int harness_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static inline double harness_median(double *v, unsigned n)
{
    qsort(v, n, sizeof v[0], harness_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Median ns per call of each of the `n` (<= HARNESS_MAX_IMPLS) impls of
 * one op over `reps` (<= HARNESS_MAX_REPS) repetitions of ~`ms` each. */
static inline void harness_measure_op(harness_call call,
        const void *const *impls, size_t n, const void *c, unsigned reps,
        unsigned ms, double *ns)
{
    static unsigned long iters[HARNESS_MAX_IMPLS];
    static double samples[HARNESS_MAX_IMPLS][HARNESS_MAX_REPS];
    for (size_t j = 0; j < n; j++) {
        iters[j] = harness_calibrate(call, impls[j], c, ms);
        harness_run_batch(call, impls[j], c, iters[j]); /* warm-up */
    }
    for (unsigned r = 0; r < reps; r++)
        for (size_t j = 0; j < n; j++)
            samples[j][r] = harness_run_batch(call, impls[j], c, iters[j]) / (double)iters[j];
    for (size_t j = 0; j < n; j++)
        ns[j] = harness_median(samples[j], reps);
}

#endif /* SMSK_BENCH_HARNESS_H */
