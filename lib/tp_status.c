/* SPDX-License-Identifier: MIT */
/*
 * TP-Status (TS 23.040 9.2.3.15): what an SMS-STATUS-REPORT says became
 * of a message.
 *
 * How this works:
 *  - Bits 6..5 name the group: 00 transaction completed, 01 temporary
 *    error with the SC still trying, 10 permanent error, 11 temporary
 *    error with the SC no longer trying. Each group of 32 values starts
 *    with the defined ones, then reserved values, then 16 "values
 *    specific to each SC" (0x10-0x1F, 0x30-0x3F, 0x50-0x5F, 0x70-0x7F).
 *  - One table per group holds the defined phrases; the reserved and
 *    SC-specific ranges are computed, so every value 0x00-0xFF has an
 *    answer.
 *
 * Traps:
 *  - Bit 7 has no meaning: 9.2.3.15 lists 1... .... as reserved. For all
 *    reserved values the clause says "The MS shall interpret any reserved
 *    values as 'Service Rejected' (01100011) but shall store them exactly
 *    as received", so their class is the one of 0x63 (temporary error, no
 *    more tries), not the one their low bits would give.
 *  - Values specific to each SC are not reserved: they keep the class of
 *    the group they sit in.
 *  - 0x20-0x25 and 0x60-0x65 share their phrases; only the class tells
 *    "still trying" from "given up".
 */
#include "internal.h"

/* 9.2.3.15: the rule for reserved values, "Service Rejected" 0x63. */
#define ST_RESERVED_READ_AS 0x63u

static const char *const completed[] = {
    "short message received by the SME",
    "short message forwarded by the SC to the SME but the SC is unable to confirm delivery",
    "short message replaced by the SC",
};

/* Shared by 0x20-0x25 and 0x60-0x65. */
static const char *const temporary[] = {
    "congestion",
    "SME busy",
    "no response from SME",
    "service rejected",
    "quality of service not available",
    "error in SME",
};

static const char *const permanent[] = {
    "remote procedure error",
    "incompatible destination",
    "connection rejected by SME",
    "not obtainable",
    "quality of service not available",
    "no interworking available",
    "SM validity period expired",
    "SM deleted by originating SME",
    "SM deleted by SC administration",
    "SM does not exist",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Defined phrases of the group `st` is in (bit 7 clear), and how many. */
static const char *const *group_phrases(uint8_t st, size_t *n)
{
    switch (st >> 5) {
    case 0:
        *n = COUNT(completed);
        return completed;
    case 2:
        *n = COUNT(permanent);
        return permanent;
    default:
        *n = COUNT(temporary);
        return temporary;
    }
}

static int is_sc_specific(uint8_t st)
{
    return st < 0x80 && (st & 0x10u) != 0;
}

static int is_reserved(uint8_t st)
{
    size_t n;
    if (st >= 0x80)
        return 1;
    group_phrases(st, &n);
    return !is_sc_specific(st) && (st & 0x1Fu) >= n;
}

smsk_status_class smsk_tp_status_class(uint8_t st)
{
    if (is_reserved(st))
        st = ST_RESERVED_READ_AS;
    return (smsk_status_class)(st >> 5);
}

const char *smsk_tp_status_text(uint8_t st)
{
    static const char *const sc_specific[] = {
        "value specific to each SC (transaction completed)",
        "value specific to each SC (temporary error, SC still trying)",
        "value specific to each SC (permanent error, SC not trying any more)",
        "value specific to each SC (temporary error, SC not trying any more)",
    };
    if (is_reserved(st))
        return "reserved value (read as service rejected, SC not trying any more)";
    if (is_sc_specific(st))
        return sc_specific[st >> 5];
    size_t n;
    return group_phrases(st, &n)[st & 0x1Fu];
}
