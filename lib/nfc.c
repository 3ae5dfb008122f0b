/* SPDX-License-Identifier: MIT */
/*
 * Unicode NFC through ICU (UAX #15). This file is outside the no-malloc
 * core: ICU works on UTF-16, so the text is copied into a heap buffer,
 * normalised, and written back as UTF-8. Text that is all ASCII is NFC
 * already and is left alone without calling ICU.
 */
#include "prepare.h"

#if SMSK_HAVE_ICU
#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static int all_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

smsk_status smsk__nfc_inplace(char *dst, size_t cap, size_t *len,
        smsk_diag *diag)
{
    if (all_ascii(dst, *len))
        return SMSK_OK;
    if (*len > (size_t)INT32_MAX / 4)
        return smsk__fail(diag, SMSK_E_RANGE, 0, SMSK_NO_CODEPOINT, "text too long for normalisation");
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return smsk__fail(diag, SMSK_E_NOFEATURE, 0, SMSK_NO_CODEPOINT, "ICU has no NFC data");
    int32_t n16 = 0;
    int32_t cap16 = (int32_t)*len + 1;
    /* NFC output can be up to 3 times longer than its input (UAX #15 9). */
    UChar *in16 = malloc(sizeof(UChar) * (size_t)cap16 * 4);
    if (in16 == NULL)
        return smsk__fail(diag, SMSK_E_LIMIT, 0, SMSK_NO_CODEPOINT, "out of memory");
    UChar *out16 = in16 + cap16;
    u_strFromUTF8(in16, cap16, &n16, dst, (int32_t)*len, &err);
    int32_t m16 = U_SUCCESS(err) ? unorm2_normalize(nfc, in16, n16, out16, cap16 * 3, &err) : 0;
    smsk_status st = SMSK_OK;
    if (U_FAILURE(err)) {
        st = smsk__fail(diag, SMSK_E_UTF8, 0, SMSK_NO_CODEPOINT, "ICU could not normalise the text");
    } else {
        int32_t n8 = 0;
        int32_t cap8 = cap > (size_t)INT32_MAX ? INT32_MAX : (int32_t)cap;
        u_strToUTF8(dst, cap8, &n8, out16, m16, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR || (size_t)n8 > cap) {
            *len = (size_t)n8;
            st = smsk__fail(diag, SMSK_E_NOSPACE, 0, SMSK_NO_CODEPOINT, "destination too small for the normalised text");
        } else if (U_FAILURE(err) && err != U_STRING_NOT_TERMINATED_WARNING) {
            st = smsk__fail(diag, SMSK_E_UTF8, 0, SMSK_NO_CODEPOINT, "ICU could not write UTF-8");
        } else {
            *len = (size_t)n8;
        }
    }
    free(in16);
    return st;
}

#else

smsk_status smsk__nfc_inplace(char *dst, size_t cap, size_t *len,
        smsk_diag *diag)
{
    (void)dst;
    (void)cap;
    (void)len;
    return smsk__fail(diag, SMSK_E_NOFEATURE, 0, SMSK_NO_CODEPOINT, "built without ICU: no NFC normalisation");
}

#endif
