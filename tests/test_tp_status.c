/* SPDX-License-Identifier: MIT */
/*
 * TP-Status (TS 23.040 9.2.3.15). The expected table is the clause's own,
 * written out value by value; the reserved rule is the clause's sentence
 * "The MS shall interpret any reserved values as 'Service Rejected'
 * (01100011) but shall store them exactly as received".
 */
#include <criterion/criterion.h>
#include <smskit.h>
#include <stdint.h>
#include <string.h>

TestSuite(tp_status, .timeout = 5);

/* Every value the clause defines, with its meaning and group. */
static const struct {
    uint8_t st;
    const char *text;
    smsk_status_class cls;
} defined[] = {
    /* Short message transaction completed */
    {0x00, "short message received by the SME", SMSK_ST_COMPLETED},
    {0x01, "short message forwarded by the SC to the SME but the SC is unable to confirm delivery", SMSK_ST_COMPLETED},
    {0x02, "short message replaced by the SC", SMSK_ST_COMPLETED},
    /* Temporary error, SC still trying to transfer SM */
    {0x20, "congestion", SMSK_ST_TEMPORARY_RETRY},
    {0x21, "SME busy", SMSK_ST_TEMPORARY_RETRY},
    {0x22, "no response from SME", SMSK_ST_TEMPORARY_RETRY},
    {0x23, "service rejected", SMSK_ST_TEMPORARY_RETRY},
    {0x24, "quality of service not available", SMSK_ST_TEMPORARY_RETRY},
    {0x25, "error in SME", SMSK_ST_TEMPORARY_RETRY},
    /* Permanent error, SC is not making any more transfer attempts */
    {0x40, "remote procedure error", SMSK_ST_PERMANENT},
    {0x41, "incompatible destination", SMSK_ST_PERMANENT},
    {0x42, "connection rejected by SME", SMSK_ST_PERMANENT},
    {0x43, "not obtainable", SMSK_ST_PERMANENT},
    {0x44, "quality of service not available", SMSK_ST_PERMANENT},
    {0x45, "no interworking available", SMSK_ST_PERMANENT},
    {0x46, "SM validity period expired", SMSK_ST_PERMANENT},
    {0x47, "SM deleted by originating SME", SMSK_ST_PERMANENT},
    {0x48, "SM deleted by SC administration", SMSK_ST_PERMANENT},
    {0x49, "SM does not exist", SMSK_ST_PERMANENT},
    /* Temporary error, SC is not making any more transfer attempts */
    {0x60, "congestion", SMSK_ST_TEMPORARY_FINAL},
    {0x61, "SME busy", SMSK_ST_TEMPORARY_FINAL},
    {0x62, "no response from SME", SMSK_ST_TEMPORARY_FINAL},
    {0x63, "service rejected", SMSK_ST_TEMPORARY_FINAL},
    {0x64, "quality of service not available", SMSK_ST_TEMPORARY_FINAL},
    {0x65, "error in SME", SMSK_ST_TEMPORARY_FINAL},
};

#define N_DEFINED (sizeof defined / sizeof defined[0])

/* The clause's reserved ranges, bit 7 set included. */
static int reserved(unsigned st)
{
    return (st >= 0x03 && st <= 0x0F) || (st >= 0x26 && st <= 0x2F)
            || (st >= 0x4A && st <= 0x4F) || (st >= 0x66 && st <= 0x6F)
            || st >= 0x80;
}

/* The "values specific to each SC" ranges and the group each is in. */
static int sc_specific(unsigned st, smsk_status_class *cls)
{
    static const struct {
        unsigned lo, hi;
        smsk_status_class cls;
    } ranges[] = {
        {0x10, 0x1F, SMSK_ST_COMPLETED},
        {0x30, 0x3F, SMSK_ST_TEMPORARY_RETRY},
        {0x50, 0x5F, SMSK_ST_PERMANENT},
        {0x70, 0x7F, SMSK_ST_TEMPORARY_FINAL},
    };
    for (size_t i = 0; i < 4; i++) {
        if (st >= ranges[i].lo && st <= ranges[i].hi) {
            *cls = ranges[i].cls;
            return 1;
        }
    }
    return 0;
}

static int is_defined(unsigned st)
{
    for (size_t i = 0; i < N_DEFINED; i++)
        if (defined[i].st == st)
            return 1;
    return 0;
}

Test(tp_status, every_defined_value_has_the_clause_phrase_and_group)
{
    for (size_t i = 0; i < N_DEFINED; i++) {
        const char *t = smsk_tp_status_text(defined[i].st);
        cr_assert_not_null(t);
        cr_expect_str_eq(t, defined[i].text, "TP-ST 0x%02X", defined[i].st);
        cr_expect_eq(smsk_tp_status_class(defined[i].st), defined[i].cls, "TP-ST 0x%02X", defined[i].st);
    }
}

Test(tp_status, the_table_partitions_all_256_values)
{
    for (unsigned st = 0; st < 256; st++) {
        smsk_status_class c;
        int n = is_defined(st) + reserved(st) + sc_specific(st, &c);
        cr_assert_eq(n, 1, "TP-ST 0x%02X is in %d of the clause's sets", st, n);
    }
}

Test(tp_status, reserved_values_are_read_as_service_rejected)
{
    for (unsigned st = 0; st < 256; st++) {
        if (!reserved(st))
            continue;
        /* 0x63 "service rejected" is in the no-more-tries group. */
        cr_expect_eq(smsk_tp_status_class((uint8_t)st), SMSK_ST_TEMPORARY_FINAL, "TP-ST 0x%02X", st);
        const char *t = smsk_tp_status_text((uint8_t)st);
        cr_assert_not_null(t);
        cr_expect_not_null(strstr(t, "reserved"), "TP-ST 0x%02X: \"%s\"", st, t);
        cr_expect_not_null(strstr(t, "service rejected"), "TP-ST 0x%02X: \"%s\"", st, t);
    }
}

Test(tp_status, sc_specific_values_keep_their_group)
{
    for (unsigned st = 0; st < 256; st++) {
        smsk_status_class c;
        if (!sc_specific(st, &c))
            continue;
        cr_expect_eq(smsk_tp_status_class((uint8_t)st), c, "TP-ST 0x%02X", st);
        const char *t = smsk_tp_status_text((uint8_t)st);
        cr_assert_not_null(t);
        cr_expect_not_null(strstr(t, "specific to each SC"), "TP-ST 0x%02X: \"%s\"", st, t);
    }
}

Test(tp_status, text_is_never_null_or_empty)
{
    for (unsigned st = 0; st < 256; st++) {
        const char *t = smsk_tp_status_text((uint8_t)st);
        cr_assert_not_null(t, "TP-ST 0x%02X", st);
        cr_assert_gt(strlen(t), 0, "TP-ST 0x%02X", st);
    }
}

Test(tp_status, status_0xab_of_the_warthog_reports_is_reserved)
{
    /* dec-0071..0074 / dlr-0034..0037 carry TP-ST 171 (0xAB): bit 7 set. */
    cr_expect_eq(smsk_tp_status_class(0xAB), SMSK_ST_TEMPORARY_FINAL);
    cr_expect_not_null(strstr(smsk_tp_status_text(0xAB), "reserved"));
}

Test(tp_status, group_edges)
{
    cr_expect_eq(smsk_tp_status_class(0x1F), SMSK_ST_COMPLETED);
    cr_expect_eq(smsk_tp_status_class(0x2F), SMSK_ST_TEMPORARY_FINAL); /* reserved */
    cr_expect_eq(smsk_tp_status_class(0x3F), SMSK_ST_TEMPORARY_RETRY);
    cr_expect_eq(smsk_tp_status_class(0x5F), SMSK_ST_PERMANENT);
    cr_expect_eq(smsk_tp_status_class(0x7F), SMSK_ST_TEMPORARY_FINAL);
    cr_expect_eq(smsk_tp_status_class(0x80), SMSK_ST_TEMPORARY_FINAL); /* reserved */
    cr_expect_eq(smsk_tp_status_class(0xC0), SMSK_ST_TEMPORARY_FINAL); /* reserved, not 0x40's */
    cr_expect_eq(smsk_tp_status_class(0xFF), SMSK_ST_TEMPORARY_FINAL);
}
