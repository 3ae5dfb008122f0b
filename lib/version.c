/* SPDX-License-Identifier: MIT */
/* Run-time version and feature queries, for .so mismatch checks. */
#include "internal.h"
#include "septet.h"

const char *smsk_version(void)
{
    return SMSK_VERSION_STRING;
}

unsigned smsk_features(void)
{
    unsigned f = 0;
#if SMSK_HAVE_ICU
    f |= SMSK_FEATURE_ICU;
#endif
#if SMSK_HAVE_ZLIB
    f |= SMSK_FEATURE_ZLIB;
#endif
    smsk__septet_impl impl = smsk__septet_auto_impl();
    if (impl == SMSK__SEPTET_BMI2)
        f |= SMSK_FEATURE_BMI2;
    if (impl == SMSK__SEPTET_AVX512)
        f |= SMSK_FEATURE_AVX512;
    return f;
}
