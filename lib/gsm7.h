/* SPDX-License-Identifier: MIT */
/* GSM 7-bit tables and character lookups shared inside the library. */
#ifndef SMSK_GSM7_H
#define SMSK_GSM7_H

#include "internal.h"

#define SMSK__GSM7_NONE 0xFFFFu /* septet holds no character */
#define SMSK__GSM7_ESC 0x1Bu    /* the escape septet */

typedef struct smsk__gsm7_rev {
    uint16_t cp;
    uint8_t septet;
} smsk__gsm7_rev;

typedef struct smsk__gsm7_table {
    uint16_t to_cp[128];      /* septet -> code point, NONE or ESC */
    uint8_t from_ascii[128];  /* ASCII -> septet, 0xFF when absent */
    uint8_t to_ascii[128];    /* septet -> ASCII, 0x80 when not ASCII */
    const smsk__gsm7_rev *rev; /* code points >= 0x80, sorted */
    size_t n_rev;
} smsk__gsm7_table;

/* Indexed by smsk_lang; Spanish locking points to the default alphabet. */
extern const smsk__gsm7_table *const smsk__gsm7_locking[SMSK_LANG_COUNT];
extern const smsk__gsm7_table *const smsk__gsm7_single[SMSK_LANG_COUNT];

/* Septet of `cp` in `t`, or -1. */
int smsk__gsm7_lookup(const smsk__gsm7_table *t, uint32_t cp);

/*
 * Septets `cp` takes with tables `lock` and `single`: 1 (septet in
 * `*code`), 2 (escape, then `*code`) or 0 when neither table has it.
 */
unsigned smsk__gsm7_char_septets(const smsk__gsm7_table *lock,
        const smsk__gsm7_table *single, uint32_t cp, uint8_t *code);

/* Check a table pair; returns SMSK_OK or SMSK_E_ARG. */
smsk_status smsk__gsm7_tables(smsk_gsm7_shift shift,
        const smsk__gsm7_table **lock, const smsk__gsm7_table **single);

/*
 * Incremental decoding, for septets that arrive in pieces (the parts of
 * a concatenated message): an escape at the end of one piece escapes the
 * first septet of the next (TS 23.038 6.2.1.1). Between pieces the caller
 * may point `dst`/`cap`/`len` at a new buffer, change the tables (with
 * smsk__gsm7_tables) or clear `escaped` (a gap in the text).
 */
typedef struct smsk__gsm7_decoder {
    const smsk__gsm7_table *lock, *single;
    uint8_t *dst;
    size_t cap, len;
    unsigned flags;
    int escaped;       /* the previous septet was a lone escape */
    size_t esc_offset; /* where that escape was */
} smsk__gsm7_decoder;

/* Flags: SMSK_GSM7_LENIENT only. Returns SMSK_OK or SMSK_E_ARG. */
smsk_status smsk__gsm7_decoder_init(smsk__gsm7_decoder *d, char *dst,
        size_t cap, smsk_gsm7_shift shift, unsigned flags, smsk_diag *diag);

/* Append the text of `n` unpacked septets at d->dst + d->len; returns as
 * smsk_gsm7_decode (diag offsets count from `septets`). */
smsk_status smsk__gsm7_decode_more(smsk__gsm7_decoder *d,
        const uint8_t *septets, size_t n, smsk_diag *diag);

/* The end of the text: SMSK_E_TRUNC for a lone escape, unless lenient. */
smsk_status smsk__gsm7_decode_end(smsk__gsm7_decoder *d, smsk_diag *diag);

#endif /* SMSK_GSM7_H */
