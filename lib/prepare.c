/* SPDX-License-Identifier: MIT */
/*
 * Text preparation before encoding: typographic replacements ("smart"
 * mode) and NFC normalisation.
 *
 * How this works:
 *  - The replacement table maps characters that are not in the GSM 7-bit
 *    default alphabet or its extension table, but have an obvious
 *    equivalent there, to that equivalent: curly quotes and primes,
 *    dashes and minus signs, the ellipsis, the many widths of space,
 *    fullwidth ASCII, invisible format characters (removed) and the Greek
 *    capitals that look like Latin ones (GSM0338.TXT fallbacks). Letters
 *    are not changed otherwise: U+00E7 stays (the national tables hold it).
 *  - Replacements run on the caller's original text, so that every
 *    reported offset points into it; NFC runs afterwards on the output
 *    (it needs ICU and lives in nfc.c).
 *  - Precomposed text needs no ICU for the replacements.
 */
#include "prepare.h"
#include "utf8.h"

typedef struct replacement_rule {
    uint16_t from;
    const char *to;
} replacement_rule;

/* Sorted by code point (binary search). */
static const replacement_rule rules[] = {
    {0x0060, "'"},   /* GRAVE ACCENT: not in the default alphabet */
    {0x00A0, " "},   /* NO-BREAK SPACE */
    {0x00AB, "\""},  /* LEFT-POINTING DOUBLE ANGLE QUOTATION MARK */
    {0x00AD, ""},    /* SOFT HYPHEN (invisible) */
    {0x00B4, "'"},   /* ACUTE ACCENT */
    {0x00BB, "\""},  /* RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK */
    {0x02B9, "'"},   /* MODIFIER LETTER PRIME */
    {0x02BA, "\""},  /* MODIFIER LETTER DOUBLE PRIME */
    {0x02BC, "'"},   /* MODIFIER LETTER APOSTROPHE */
    {0x02C6, "^"},   /* MODIFIER LETTER CIRCUMFLEX ACCENT */
    {0x02DC, "~"},   /* SMALL TILDE */
    {0x0391, "A"}, {0x0392, "B"}, {0x0395, "E"}, {0x0396, "Z"},
    {0x0397, "H"}, {0x0399, "I"}, {0x039A, "K"}, {0x039C, "M"},
    {0x039D, "N"}, {0x039F, "O"}, {0x03A1, "P"}, {0x03A4, "T"},
    {0x03A5, "Y"}, {0x03A7, "X"},
    {0x2000, " "}, {0x2001, " "}, {0x2002, " "}, {0x2003, " "},
    {0x2004, " "}, {0x2005, " "}, {0x2006, " "}, {0x2007, " "},
    {0x2008, " "}, {0x2009, " "}, {0x200A, " "},
    {0x200B, ""},    /* ZERO WIDTH SPACE */
    {0x2010, "-"}, {0x2011, "-"}, {0x2012, "-"}, {0x2013, "-"},
    {0x2014, "-"}, {0x2015, "-"},
    {0x2018, "'"}, {0x2019, "'"}, {0x201A, "'"}, {0x201B, "'"},
    {0x201C, "\""}, {0x201D, "\""}, {0x201E, "\""}, {0x201F, "\""},
    {0x2026, "..."}, /* HORIZONTAL ELLIPSIS */
    {0x202F, " "},   /* NARROW NO-BREAK SPACE */
    {0x2032, "'"},   /* PRIME */
    {0x2033, "\""},  /* DOUBLE PRIME */
    {0x2035, "'"},   /* REVERSED PRIME */
    {0x2039, "'"}, {0x203A, "'"},
    {0x2044, "/"},   /* FRACTION SLASH */
    {0x205F, " "},   /* MEDIUM MATHEMATICAL SPACE */
    {0x2060, ""},    /* WORD JOINER */
    {0x2212, "-"},   /* MINUS SIGN */
    {0x2215, "/"},   /* DIVISION SLASH */
    {0x3000, " "},   /* IDEOGRAPHIC SPACE */
    {0xFE58, "-"}, {0xFE63, "-"},
    {0xFEFF, ""},    /* ZERO WIDTH NO-BREAK SPACE (BOM) */
};

/* Fullwidth forms of ASCII U+FF01-U+FF5E (one string per character). */
static const char fullwidth_ascii[] =
    "!\0\"\0#\0$\0%\0&\0'\0(\0)\0*\0+\0,\0-\0.\0/\0"
    "0\0" "1\0" "2\0" "3\0" "4\0" "5\0" "6\0" "7\0" "8\0" "9\0"
    ":\0;\0<\0=\0>\0?\0@\0"
    "A\0B\0C\0D\0E\0F\0G\0H\0I\0J\0K\0L\0M\0N\0O\0P\0Q\0R\0S\0T\0U\0V\0W\0X\0Y\0Z\0"
    "[\0\\\0]\0^\0_\0`\0"
    "a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0l\0m\0n\0o\0p\0q\0r\0s\0t\0u\0v\0w\0x\0y\0z\0"
    "{\0|\0}\0~";

static const char *replacement_for(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return &fullwidth_ascii[(cp - 0xFF01) * 2];
    size_t lo = 0, hi = sizeof rules / sizeof rules[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rules[mid].from < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < sizeof rules / sizeof rules[0] && rules[lo].from == cp)
        return rules[lo].to;
    return NULL;
}

/* Copy `src` to `dst` applying the replacement table. */
static smsk_status replace_smart(char *dst, size_t dst_cap, size_t *dst_len,
        const char *src, size_t src_len, smsk_replacement *repl,
        size_t repl_cap, size_t *n_repl, smsk_diag *diag)
{
    const uint8_t *s = (const uint8_t *)src;
    size_t i = 0, o = 0, n = 0;
    while (i < src_len) {
        const char *why = NULL;
        size_t at = i;
        uint32_t cp = smsk__utf8_next(s, src_len, &i, &why);
        if (cp == SMSK__UTF8_BAD)
            return smsk__fail(diag, SMSK_E_UTF8, at, SMSK_NO_CODEPOINT, why);
        const char *to = cp >= 0x60 ? replacement_for(cp) : NULL;
        const char *piece = to != NULL ? to : src + at;
        size_t piece_len = to != NULL ? strlen(to) : i - at;
        if (to != NULL) {
            if (n < repl_cap) {
                repl[n].offset = at;
                repl[n].len = i - at;
                repl[n].from = cp;
                repl[n].to = to;
            }
            n++;
        }
        if (dst_cap - o < piece_len)
            return smsk__fail(diag, SMSK_E_NOSPACE, at, SMSK_NO_CODEPOINT, "destination too small");
        if (piece_len > 0) /* a removed character: nothing to copy */
            memcpy(dst + o, piece, piece_len);
        o += piece_len;
    }
    *dst_len = o;
    if (n_repl != NULL)
        *n_repl = n;
    return SMSK_OK;
}

smsk_status smsk_text_prepare(char *dst, size_t dst_cap, size_t *dst_len,
        const char *src, size_t src_len, unsigned flags,
        smsk_replacement *repl, size_t repl_cap, size_t *n_repl,
        smsk_diag *diag)
{
    if (dst_len == NULL || !SMSK_BUF_OK(dst, dst_cap) || !SMSK_BUF_OK(src, src_len)
            || !SMSK_BUF_OK(repl, repl_cap)
            || (flags & ~(unsigned)(SMSK_PREP_NFC | SMSK_PREP_SMART)) != 0)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer or unknown flag");
    *dst_len = 0;
    if (n_repl != NULL)
        *n_repl = 0;
    if ((flags & SMSK_PREP_NFC) && !SMSK_HAVE_ICU)
        return smsk__fail(diag, SMSK_E_NOFEATURE, 0, SMSK_NO_CODEPOINT, "built without ICU: no NFC normalisation");
    size_t len = 0;
    if (flags & SMSK_PREP_SMART) {
        SMSK_CHECK(replace_smart(dst, dst_cap, &len, src, src_len, repl, repl_cap, n_repl, diag));
    } else {
        SMSK_CHECK(smsk_utf8_validate(src, src_len, NULL, diag));
        if (dst_cap < src_len)
            return smsk__fail(diag, SMSK_E_NOSPACE, 0, SMSK_NO_CODEPOINT, "destination too small");
        if (src_len > 0)
            memmove(dst, src, src_len);
        len = src_len;
    }
    if (flags & SMSK_PREP_NFC)
        SMSK_CHECK(smsk__nfc_inplace(dst, dst_cap, &len, diag));
    *dst_len = len;
    return SMSK_OK;
}
