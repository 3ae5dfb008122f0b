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

#endif /* SMSK_GSM7_H */
