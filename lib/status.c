/* SPDX-License-Identifier: MIT */
/*
 * Names and messages of smsk_status. The table is indexed by -status + 2
 * so that the signals (END, MORE) and OK share it with the errors.
 */
#include "internal.h"

struct status_text {
    const char *name;
    const char *message;
};

static const struct status_text texts[] = {
    {"SMSK_END", "end of sequence"},
    {"SMSK_MORE", "more input needed"},
    {"SMSK_OK", "success"},
    {"SMSK_E_ARG", "invalid argument"},
    {"SMSK_E_TRUNC", "input truncated"},
    {"SMSK_E_MALFORMED", "malformed input"},
    {"SMSK_E_NOSPACE", "destination buffer too small"},
    {"SMSK_E_RANGE", "value out of range"},
    {"SMSK_E_CHARSET", "character not representable"},
    {"SMSK_E_LIMIT", "caller-provided storage exhausted"},
    {"SMSK_E_UNSUPPORTED", "not supported"},
    {"SMSK_E_NOTFOUND", "not found"},
    {"SMSK_E_NOFEATURE", "feature not built in"},
    {"SMSK_E_UTF8", "invalid UTF-8"},
};

static const struct status_text *lookup(smsk_status status)
{
    long idx = 2 - (long)status;
    if (idx < 0 || idx >= (long)(sizeof texts / sizeof texts[0]))
        return NULL;
    return &texts[idx];
}

const char *smsk_status_name(smsk_status status)
{
    const struct status_text *t = lookup(status);
    return t != NULL ? t->name : "SMSK_E_?";
}

const char *smsk_strerror(smsk_status status)
{
    const struct status_text *t = lookup(status);
    return t != NULL ? t->message : "unknown status";
}
