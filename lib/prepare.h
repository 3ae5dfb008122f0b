/* SPDX-License-Identifier: MIT */
#ifndef SMSK_PREPARE_H
#define SMSK_PREPARE_H

#include "internal.h"

/*
 * Normalise the UTF-8 text in dst[0..*len) to NFC in place (ICU; the
 * only place that may allocate). Without ICU: SMSK_E_NOFEATURE.
 */
smsk_status smsk__nfc_inplace(char *dst, size_t cap, size_t *len,
        smsk_diag *diag);

#endif /* SMSK_PREPARE_H */
