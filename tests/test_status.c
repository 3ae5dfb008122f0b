/* SPDX-License-Identifier: MIT */
/*
 * Status names and messages, version and feature queries. The expected
 * names and numbers are written out from the header's enum (values are
 * pinned forever), not read back from lib/status.c.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "smskit.h"

TestSuite(status, .timeout = 5);

struct status_case {
    smsk_status status;
    int value;        /* the pinned number in smskit.h */
    const char *name; /* the enum identifier, spelt out */
};

#define CASE(id, v) { id, v, #id }
static const struct status_case cases[] = {
    CASE(SMSK_END, 2),
    CASE(SMSK_MORE, 1),
    CASE(SMSK_OK, 0),
    CASE(SMSK_E_ARG, -1),
    CASE(SMSK_E_TRUNC, -2),
    CASE(SMSK_E_MALFORMED, -3),
    CASE(SMSK_E_NOSPACE, -4),
    CASE(SMSK_E_RANGE, -5),
    CASE(SMSK_E_CHARSET, -6),
    CASE(SMSK_E_LIMIT, -7),
    CASE(SMSK_E_UNSUPPORTED, -8),
    CASE(SMSK_E_NOTFOUND, -9),
    CASE(SMSK_E_NOFEATURE, -10),
    CASE(SMSK_E_UTF8, -11),
};
#undef CASE
#define N_CASES (sizeof cases / sizeof cases[0])

Test(status, pinned_values_match_header)
{
    for (size_t i = 0; i < N_CASES; i++)
        cr_assert_eq((int)cases[i].status, cases[i].value,
                "%s is %d, pinned as %d", cases[i].name,
                (int)cases[i].status, cases[i].value);
    /* Spelt out once more, without the table. */
    cr_assert_eq((int)SMSK_OK, 0);
    cr_assert_eq((int)SMSK_E_ARG, -1);
    cr_assert_eq((int)SMSK_E_UTF8, -11);
    cr_assert_eq((int)SMSK_MORE, 1);
    cr_assert_eq((int)SMSK_END, 2);
}

Test(status, every_value_is_named_after_its_identifier)
{
    for (size_t i = 0; i < N_CASES; i++) {
        const char *got = smsk_status_name(cases[i].status);
        cr_assert_not_null(got, "name of %s is NULL", cases[i].name);
        cr_assert_str_eq(got, cases[i].name, "name of %d is \"%s\", want \"%s\"",
                cases[i].value, got, cases[i].name);
    }
    cr_assert_str_eq(smsk_status_name(SMSK_E_TRUNC), "SMSK_E_TRUNC");
}

Test(status, every_value_has_a_non_empty_message)
{
    for (size_t i = 0; i < N_CASES; i++) {
        const char *msg = smsk_strerror(cases[i].status);
        cr_assert_not_null(msg, "message of %s is NULL", cases[i].name);
        cr_assert_gt(strlen(msg), 0, "message of %s is empty", cases[i].name);
        /* A message is a sentence, not the constant's name again. */
        cr_assert_str_neq(msg, cases[i].name, "message of %s is its name",
                cases[i].name);
    }
}

Test(status, errors_have_distinct_messages)
{
    for (size_t i = 0; i < N_CASES; i++)
        for (size_t j = i + 1; j < N_CASES; j++)
            cr_assert_str_neq(smsk_strerror(cases[i].status),
                    smsk_strerror(cases[j].status), "%s and %s share a message",
                    cases[i].name, cases[j].name);
}

Test(status, unknown_values_give_placeholder_name_and_a_message)
{
    static const int unknown[] = {3, 4, 100, -12, -13, -100, 2147483647,
        -2147483647 - 1};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        smsk_status s = (smsk_status)unknown[i];
        const char *name = smsk_status_name(s);
        const char *msg = smsk_strerror(s);
        cr_assert_not_null(name, "name of %d is NULL", unknown[i]);
        cr_assert_str_eq(name, "SMSK_E_?", "name of %d is \"%s\"", unknown[i], name);
        cr_assert_not_null(msg, "message of %d is NULL", unknown[i]);
        cr_assert_gt(strlen(msg), 0, "message of %d is empty", unknown[i]);
    }
}

Test(status, version_equals_header_string)
{
    const char *v = smsk_version();
    cr_assert_not_null(v);
    cr_assert_str_eq(v, SMSK_VERSION_STRING);
    char want[32];
    int n = snprintf(want, sizeof want, "%d.%d.%d", SMSK_VERSION_MAJOR,
            SMSK_VERSION_MINOR, SMSK_VERSION_PATCH);
    cr_assert(n > 0 && (size_t)n < sizeof want);
    cr_assert_str_eq(v, want, "version \"%s\" is not MAJOR.MINOR.PATCH \"%s\"", v, want);
    cr_assert_eq(SMSK_VERSION_NUMBER, SMSK_VERSION_MAJOR * 10000
            + SMSK_VERSION_MINOR * 100 + SMSK_VERSION_PATCH);
}

Test(status, features_report_icu_exactly_when_built_with_it)
{
    unsigned f = smsk_features();
#if SMSK_HAVE_ICU
    cr_assert(f & SMSK_FEATURE_ICU, "SMSK_HAVE_ICU is 1 but features are 0x%x", f);
#else
    cr_assert_not(f & SMSK_FEATURE_ICU, "SMSK_HAVE_ICU is 0 but features are 0x%x", f);
#endif
#if SMSK_HAVE_ZLIB
    cr_assert(f & SMSK_FEATURE_ZLIB, "SMSK_HAVE_ZLIB is 1 but features are 0x%x", f);
#else
    cr_assert_not(f & SMSK_FEATURE_ZLIB, "SMSK_HAVE_ZLIB is 0 but features are 0x%x", f);
#endif
    /* No bits beyond those the header defines. */
    cr_assert_eq(f & ~(SMSK_FEATURE_ICU | SMSK_FEATURE_ZLIB | SMSK_FEATURE_BMI2 | SMSK_FEATURE_AVX512), 0u,
            "unknown feature bits in 0x%x", f);
    /* The answer does not change between calls. */
    cr_assert_eq(smsk_features(), f);
}
