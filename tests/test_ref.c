/* SPDX-License-Identifier: MIT */
/* Concatenation references (TS 23.040 9.2.3.24.1, 9.2.3.24.8). */
#include <criterion/criterion.h>
#include <string.h>

#include "smskit.h"

static smsk_addr number(const char *digits)
{
    smsk_addr a;
    cr_assert_eq(smsk_addr_from_string(&a, digits, strlen(digits)), SMSK_OK);
    return a;
}

Test(ref, eight_bit_references_count_up_and_wrap_after_255)
{
    smsk_ref_slot slots[4];
    smsk_ref_alloc a;
    cr_assert_eq(smsk_ref_init(&a, slots, 4, 8, 250), SMSK_OK);
    smsk_addr to = number("+4915112345678");
    static const unsigned want[] = {250, 251, 252, 253, 254, 255, 0, 1};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        unsigned r = 999;
        cr_assert_eq(smsk_ref_next(&a, &to, &r), SMSK_OK);
        cr_assert_eq(r, want[i], "reference %zu: %u", i, r);
    }
}

Test(ref, sixteen_bit_references_wrap_after_65535)
{
    smsk_ref_slot slots[1];
    smsk_ref_alloc a;
    cr_assert_eq(smsk_ref_init(&a, slots, 1, 16, 65534), SMSK_OK);
    smsk_addr to = number("12345");
    unsigned r;
    smsk_ref_next(&a, &to, &r);
    cr_assert_eq(r, 65534);
    smsk_ref_next(&a, &to, &r);
    cr_assert_eq(r, 65535);
    smsk_ref_next(&a, &to, &r);
    cr_assert_eq(r, 0);
}

Test(ref, every_destination_sees_distinct_references_until_the_wrap)
{
    /* as many slots as destinations: each gets 256 distinct references in
     * a row, whatever the order of its messages among the others' */
    smsk_ref_slot slots[7];
    smsk_ref_alloc a;
    cr_assert_eq(smsk_ref_init(&a, slots, 7, 8, 0), SMSK_OK);
    static const char *const dests[] = {"+491", "+492", "+493", "+494", "Bank", "12345", "+4915112345678"};
    unsigned char seen[7][256];
    memset(seen, 0, sizeof seen);
    unsigned got[7] = {0};
    for (unsigned round = 0; round < 256 * 7; round++) {
        size_t d = (round * 5 + round / 7) % 7;
        if (got[d] == 256)
            continue;
        smsk_addr to = number(dests[d]);
        unsigned r;
        cr_assert_eq(smsk_ref_next(&a, &to, &r), SMSK_OK);
        cr_assert_lt(r, 256u);
        cr_assert_eq(seen[d][r], 0, "destination %s got %u twice before wrapping", dests[d], r);
        seen[d][r] = 1;
        got[d]++;
    }
}

Test(ref, bad_arguments_are_refused)
{
    smsk_ref_slot slots[2];
    smsk_ref_alloc a;
    smsk_addr to = number("1");
    unsigned r;
    cr_assert_eq(smsk_ref_init(&a, slots, 2, 12, 0), SMSK_E_ARG);
    cr_assert_eq(smsk_ref_init(&a, slots, 0, 8, 0), SMSK_E_ARG);
    cr_assert_eq(smsk_ref_init(&a, NULL, 2, 8, 0), SMSK_E_ARG);
    cr_assert_eq(smsk_ref_init(NULL, slots, 2, 8, 0), SMSK_E_ARG);
    cr_assert_eq(smsk_ref_init(&a, slots, 2, 8, 0x1234), SMSK_OK);
    cr_assert_eq(smsk_ref_next(&a, &to, &r), SMSK_OK);
    cr_assert_eq(r, 0x34, "the seed is taken modulo 2^bits");
    cr_assert_eq(smsk_ref_next(&a, NULL, &r), SMSK_E_ARG);
    cr_assert_eq(smsk_ref_next(&a, &to, NULL), SMSK_E_ARG);
}

Test(ref, a_full_table_gives_up_the_destination_served_longest_ago)
{
    /* 2 slots, 3 destinations: the third takes the slot of the first
     * (served longest ago) and continues its counter; the second keeps
     * its own sequence */
    smsk_ref_slot slots[2];
    smsk_ref_alloc a;
    cr_assert_eq(smsk_ref_init(&a, slots, 2, 8, 10), SMSK_OK);
    smsk_addr x = number("+491"), y = number("+492"), z = number("+493");
    unsigned r;
    smsk_ref_next(&a, &x, &r);
    cr_assert_eq(r, 10);
    smsk_ref_next(&a, &y, &r);
    cr_assert_eq(r, 10);
    smsk_ref_next(&a, &y, &r);
    cr_assert_eq(r, 11);
    smsk_ref_next(&a, &z, &r);
    cr_assert_eq(r, 11, "z continues x's counter");
    smsk_ref_next(&a, &y, &r);
    cr_assert_eq(r, 12, "y keeps its own sequence");
}
