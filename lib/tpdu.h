/* SPDX-License-Identifier: MIT */
/*
 * What lib/tpdu.c and lib/tpdu_text.c share: how TP-UDL counts and where
 * the UDH ends (TS 23.040 9.2.3.16, 9.2.3.24).
 */
#ifndef SMSK_TPDU_H
#define SMSK_TPDU_H

#include "internal.h"

/* TP-PI bits that TS 23.040 9.2.3.27 reserves (bits 6..3), and its
 * extension bit (bit 7). */
#define SMSK__PI_RESERVED 0x78u
#define SMSK__PI_EXTENSION 0x80u

/*
 * 1 when TP-UDL counts septets: GSM 7-bit that is not compressed. UCS-2,
 * 8-bit and compressed user data count octets (TS 23.040 9.2.3.16).
 */
static inline int smsk__tpdu_udl_septets(const smsk_dcs *dcs)
{
    return dcs->encoding == SMSK_ENC_GSM7 && !dcs->compressed;
}

/* Octets of TP-UD that a TP-UDL of `udl` covers. */
static inline size_t smsk__tpdu_ud_octets(size_t udl, int septets)
{
    return septets ? SMSK_SEPTETS_PACKED_LEN(udl, 0) : udl;
}

/* Septets a UDH of `octets` octets (UDHL included) takes in 7-bit user
 * data, with the fill bits that bring the text to a septet boundary. */
static inline size_t smsk__udh_septets(size_t octets)
{
    return (octets * 8u + SMSK_UDH_FILL_BITS(octets)) / 7u;
}

#endif /* SMSK_TPDU_H */
