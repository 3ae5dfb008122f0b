/* SPDX-License-Identifier: MIT */
#ifndef SMSK_PREPARE_H
#define SMSK_PREPARE_H
#include "internal.h"
#endif
