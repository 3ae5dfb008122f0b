/* SPDX-License-Identifier: MIT */
/* smskit.h compiles on its own, twice, as C99 with -pedantic-errors, and
 * its macros are usable in constant expressions. */
#include "smskit.h"
#include "smskit.h"

static const unsigned char ud[SMSK_SEPTETS_PACKED_LEN(160, 0)] = {0};
typedef char packed_160_is_140[sizeof ud == 140 ? 1 : -1];
typedef char septets_in_140_is_160[SMSK_OCTETS_SEPTETS(140, 0) == 160 ? 1 : -1];
typedef char udh_fill[SMSK_SEPTETS_PACKED_LEN(153, 1) == 134 ? 1 : -1];

int main(void)
{
    /* the library linked is the one whose header was compiled */
    const char *v = smsk_version();
    const char *h = SMSK_VERSION_STRING;
    while (*v != '\0' && *v == *h) {
        v++;
        h++;
    }
    return (*v == *h && ud[0] == 0) ? 0 : 1;
}
