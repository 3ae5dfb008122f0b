/* SPDX-License-Identifier: MIT */
/* Vectorised runs of text that map one to one onto the default alphabet. */
#ifndef SMSK_ASCII7_H
#define SMSK_ASCII7_H

#include "internal.h"

/*
 * Convert the longest prefix of `text` (in blocks of 16 bytes, at most
 * `n` bytes) whose characters are ASCII with a septet of their own in the
 * GSM 7-bit default alphabet (TS 23.038 6.2.1) into those septets.
 * Returns the number of bytes converted (a multiple of 16; 0 without SIMD).
 */
size_t smsk__ascii7_encode_run(uint8_t *septets, const uint8_t *text, size_t n);

/*
 * The reverse: convert the longest prefix of `septets` (blocks of 16, at
 * most `n`) whose septets are ASCII characters in the default alphabet.
 * Returns the number of septets converted.
 */
size_t smsk__ascii7_decode_run(uint8_t *text, const uint8_t *septets, size_t n);

/*
 * Fused fast paths (AVX-512; 0 elsewhere): convert and pack the longest
 * prefix of `text`, in blocks of 64 characters, whose characters are all
 * ASCII with a septet of their own in `from_ascii` (a locking table's
 * map, 0xFF when absent; the last block may be shorter when it ends the
 * text), into `dst` from bit `fill`. Returns the characters (= septets)
 * done; octets [0, ceil((fill + 7 * done) / 8)) of `dst` are then
 * written, and the caller goes on packing at bit fill + 7 * done.
 * Writes below `dst_cap`.
 */
size_t smsk__ascii7_pack_run(uint8_t *dst, size_t dst_cap, const uint8_t *text,
        size_t len, unsigned fill, const uint8_t *from_ascii);

/*
 * Unpack and convert the longest prefix of the `n` septets at bit `fill`
 * of `src` (blocks of 64, the last may be shorter) that `to_ascii` (a
 * locking table's map, 0x80 when not ASCII) maps to ASCII, into `text`
 * (capacity `cap`). Returns the septets (= bytes) done.
 */
size_t smsk__ascii7_unpack_run(uint8_t *text, size_t cap, const uint8_t *src,
        size_t src_len, unsigned fill, size_t n, const uint8_t *to_ascii);

/*
 * Convert the longest prefix of `text` (at most `len` bytes, in halves of
 * 32 characters; the last may be shorter, when it ends the text or ends
 * before a character the caller must take) whose
 * characters are ASCII and in `lock_map` (a locking table's ASCII map,
 * 0xFF when absent) or else in `single_map` (the single shift table's,
 * written as the escape 0x1B and the code: TS 23.038 6.2.1.1) into
 * `septets`, up to `cap` of them. Returns the characters done and sets
 * `*n_out` to the septets written (nothing is written past them).
 * AVX-512 VBMI2 only; 0 elsewhere.
 */
size_t smsk__ascii7_encode_ext_run(uint8_t *septets, size_t cap,
        size_t *n_out, const uint8_t *text, size_t len,
        const uint8_t *lock_map, const uint8_t *single_map);

#endif /* SMSK_ASCII7_H */
