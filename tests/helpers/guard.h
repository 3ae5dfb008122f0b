/* SPDX-License-Identifier: MIT */
/*
 * Buffers that end exactly at a PROT_NONE page, so that a read or write
 * one byte past the end faults (libdeflate's tests do the same). Tests
 * that need it `#include "helpers/guard.c"` (it is in no _SOURCES list)
 * after defining _DEFAULT_SOURCE before their first system header.
 */
#ifndef SMSK_TEST_HELPERS_GUARD_H
#define SMSK_TEST_HELPERS_GUARD_H

#include <stddef.h>
#include <stdint.h>

typedef struct guard_buf {
    void *map; /* the whole mapping */
    size_t map_len;
    uint8_t *ptr; /* `len` usable bytes; ptr + len is the guard page */
    size_t len;
} guard_buf;

/*
 * Map `len` bytes ending at a PROT_NONE page (len 0: ptr is the guard
 * page itself). Returns 0, or -1 when mmap or mprotect fails.
 */
int guard_alloc(guard_buf *g, size_t len);

/* Unmap; `g` may be a zeroed guard_buf. */
void guard_free(guard_buf *g);

#endif /* SMSK_TEST_HELPERS_GUARD_H */
