/* SPDX-License-Identifier: MIT */
/* Extended grapheme cluster boundaries (UAX #29) through ICU, if built in. */
#ifndef SMSK_GRAPHEME_H
#define SMSK_GRAPHEME_H

#include "internal.h"

typedef struct smsk__clusters {
    void *brk;  /* UBreakIterator */
    void *text; /* UText over the caller's UTF-8 */
} smsk__clusters;

/* Open a boundary iterator over UTF-8 `text`. Returns 0, or -1 when ICU
 * is not built in or fails (then there are no cluster rules). */
int smsk__clusters_open(smsk__clusters *c, const char *text, size_t len);

/* The last cluster boundary at or before byte `pos`. */
size_t smsk__clusters_floor(smsk__clusters *c, size_t pos);

void smsk__clusters_close(smsk__clusters *c);

#endif /* SMSK_GRAPHEME_H */
