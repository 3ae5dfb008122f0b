/* SPDX-License-Identifier: MIT */
#ifndef SMSK_TPDU_H
#define SMSK_TPDU_H
#include "internal.h"
#endif
