/* SPDX-License-Identifier: MIT */
/*
 * Grapheme clusters for the splitter: ICU's character break iterator
 * (UAX #29 extended grapheme clusters: emoji ZWJ sequences, flags, skin
 * tones, combining marks) over a UText that reads the caller's UTF-8 in
 * place, so offsets are byte offsets. Outside the no-malloc core: ICU
 * allocates the iterator. Without ICU every function says "no rules".
 */
#include "grapheme.h"

#if SMSK_HAVE_ICU
#include <unicode/ubrk.h>
#include <unicode/utext.h>

int smsk__clusters_open(smsk__clusters *c, const char *text, size_t len)
{
    UErrorCode err = U_ZERO_ERROR;
    c->brk = NULL;
    c->text = NULL;
    if (len > (size_t)INT64_MAX)
        return -1;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
    if (U_FAILURE(err))
        return -1;
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
    if (U_SUCCESS(err))
        ubrk_setUText(bi, ut, &err);
    if (U_FAILURE(err)) {
        if (bi != NULL)
            ubrk_close(bi);
        utext_close(ut);
        return -1;
    }
    c->brk = bi;
    c->text = ut;
    return 0;
}

size_t smsk__clusters_floor(smsk__clusters *c, size_t pos)
{
    if (c->brk == NULL || pos > (size_t)INT32_MAX)
        return pos;
    UBreakIterator *bi = c->brk;
    if (ubrk_isBoundary(bi, (int32_t)pos))
        return pos;
    int32_t b = ubrk_preceding(bi, (int32_t)pos);
    return b == UBRK_DONE ? 0 : (size_t)b;
}

void smsk__clusters_close(smsk__clusters *c)
{
    if (c->brk != NULL)
        ubrk_close(c->brk);
    if (c->text != NULL)
        utext_close(c->text);
    c->brk = NULL;
    c->text = NULL;
}

#else

int smsk__clusters_open(smsk__clusters *c, const char *text, size_t len)
{
    (void)text;
    (void)len;
    c->brk = NULL;
    c->text = NULL;
    return -1;
}

size_t smsk__clusters_floor(smsk__clusters *c, size_t pos)
{
    (void)c;
    return pos;
}

void smsk__clusters_close(smsk__clusters *c)
{
    (void)c;
}

#endif
