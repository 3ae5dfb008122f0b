/* SPDX-License-Identifier: MIT */
#ifndef SMSK_CHOOSE_H
#define SMSK_CHOOSE_H

#include "gsm7.h"

/*
 * Units one character takes in the encoding `info` chose: septets with
 * its tables (1, 2, or 1 for a '?' substitute), UTF-16 units, or its
 * UTF-8 octets (`utf8_len`) for 8-bit. `lock` and `single` are the
 * tables of info->shift (unused otherwise).
 */
unsigned smsk__char_units(const smsk_text_info *info,
        const smsk__gsm7_table *lock, const smsk__gsm7_table *single,
        uint32_t cp, size_t utf8_len);

#endif /* SMSK_CHOOSE_H */
