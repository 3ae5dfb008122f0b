/* SPDX-License-Identifier: MIT */
/*
 * Shared by the fuzz targets: the libFuzzer entry point, which either
 * libFuzzer (--enable-fuzz, OSS-Fuzz) or fuzz/standalone.c (make check)
 * calls, and small helpers every target uses.
 *
 * Targets include only <smskit.h> and this file. They copy their input
 * into a buffer of exactly its size so that AddressSanitizer catches a
 * read one byte past the end (libFuzzer's own buffer may be larger).
 * A broken invariant calls fuzz_fail(), which prints why and aborts, so
 * that libFuzzer and the standalone driver both report a crash.
 */
#ifndef SMSK_FUZZ_H
#define SMSK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print the broken invariant and abort (a crash for libFuzzer). */
#define FUZZ_ASSERT(cond) \
    do { \
        if (!(cond)) \
            fuzz_fail(__FILE__, __LINE__, #cond); \
    } while (0)

static inline void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    abort();
}

/*
 * malloc() exactly `n` bytes; aborts when out of memory. For n == 0 the
 * result may be NULL, which every smskit function accepts with a zero
 * length.
 */
static inline void *fuzz_alloc(size_t n)
{
    void *p = malloc(n);
    if (p == NULL && n != 0)
        abort();
    return p;
}

/* A copy of `src` in a buffer of exactly `n` bytes. */
static inline uint8_t *fuzz_dup(const uint8_t *src, size_t n)
{
    uint8_t *p = fuzz_alloc(n);
    if (n)
        memcpy(p, src, n);
    return p;
}

/*
 * Destinations that must not be written past `cap`: the buffer ends at
 * the end of its allocation, so AddressSanitizer reports the first byte
 * written past it. Without ASan (a plain `make check`), FUZZ_GUARD canary
 * bytes follow instead and fuzz_guard_check() looks at them afterwards.
 */
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_GUARD 0u
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_GUARD 0u
#endif
#endif
#ifndef FUZZ_GUARD
#define FUZZ_GUARD 16u
#endif
#define FUZZ_CANARY 0xA5u

static inline uint8_t *fuzz_guarded(size_t cap)
{
    uint8_t *p = fuzz_alloc(cap + FUZZ_GUARD);
    if (cap + FUZZ_GUARD > 0)
        memset(p, (int)FUZZ_CANARY, cap + FUZZ_GUARD);
    return p;
}

static inline int fuzz_guard_intact(const uint8_t *p, size_t cap)
{
    for (size_t i = cap; i < cap + FUZZ_GUARD; i++)
        if (p[i] != FUZZ_CANARY)
            return 0;
    return 1;
}

/*
 * The byte splitter: takes option bytes off the front of the input and
 * hands out the rest (zstd's and lz4's fuzz_data_producer, in C and
 * without the C++ FuzzedDataProvider). Taking from an exhausted reader
 * gives 0, so every input is usable.
 */
typedef struct fuzz_reader {
    const uint8_t *data;
    size_t size;
} fuzz_reader;

static inline fuzz_reader fuzz_reader_init(const uint8_t *data, size_t size)
{
    fuzz_reader r;
    r.data = data;
    r.size = size;
    return r;
}

/* The next byte, or 0 when none is left. */
static inline uint8_t fuzz_take_byte(fuzz_reader *r)
{
    if (r->size == 0)
        return 0;
    uint8_t b = r->data[0];
    r->data++;
    r->size--;
    return b;
}

/* The next byte reduced to 0 .. n-1 (n > 0). */
static inline unsigned fuzz_take_range(fuzz_reader *r, unsigned n)
{
    return (unsigned)fuzz_take_byte(r) % n;
}

/* Everything that is left; `*len` receives its length. */
static inline const uint8_t *fuzz_take_rest(fuzz_reader *r, size_t *len)
{
    const uint8_t *p = r->data;
    *len = r->size;
    r->data += r->size;
    r->size = 0;
    return p;
}

#endif /* SMSK_FUZZ_H */
