/* SPDX-License-Identifier: MIT */
/* Private helpers shared by the library's files. */
#ifndef SMSK_INTERNAL_H
#define SMSK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "smskit.h"

#if defined(__GNUC__)
#define SMSK_LIKELY(x) __builtin_expect(!!(x), 1)
#define SMSK_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define SMSK_LIKELY(x) (x)
#define SMSK_UNLIKELY(x) (x)
#endif

/* Forward an error status from a call (zstd CHECK_F). */
#define SMSK_CHECK(expr) \
    do { \
        smsk_status smsk__st = (expr); \
        if (smsk__st < 0) \
            return smsk__st; \
    } while (0)

/* A pointer that may only be NULL when its length is zero. */
#define SMSK_BUF_OK(ptr, len) ((ptr) != NULL || (len) == 0)

/* Record where and why a call failed, and return the status. */
static inline smsk_status smsk__fail(smsk_diag *diag, smsk_status status,
        size_t offset, uint32_t codepoint, const char *what)
{
    if (diag != NULL) {
        diag->offset = offset;
        diag->codepoint = codepoint;
        diag->what = what;
    }
    return status;
}

/* Unaligned little-endian 64-bit load and store. */
static inline uint64_t smsk__load_le64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline void smsk__store_le64(uint8_t *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(p, &v, sizeof v);
}

#endif /* SMSK_INTERNAL_H */
