/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include "smskit.h"

Test(reasm, placeholder_until_written)
{
    cr_assert(1);
}
