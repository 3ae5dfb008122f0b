/* SPDX-License-Identifier: MIT */
/*
 * Segment planning: how many parts a text takes and where each ends
 * (TS 23.040 9.2.3.24.1 concatenation, 9.2.3.16 TP-UDL, 9.2.3.24 fill
 * bits; TS 23.038 6.2.1.1 escapes).
 *
 * How this works:
 *  - The encoding and tables come from smsk_text_choose(). If all units
 *    fit in one message (less its national language IEs and any extra
 *    IEs), that is the plan. Otherwise every part also carries the
 *    concatenation IE, and the text is cut greedily: each part takes
 *    characters while their units fit.
 *  - A character is never cut: an extension character's escape and
 *    septet, and a surrogate pair's two units, move to the next part
 *    together. With ICU a part ends on an extended grapheme cluster
 *    boundary, unless one cluster is longer than a whole part.
 *  - Capacities follow from the UDH octets: GSM 7-bit parts hold
 *    floor((140 - udh) * 8 / 7) septets, which is the septet count after
 *    the fill bits (153 with a 6-octet UDH), UCS-2 (140 - udh) / 2 units,
 *    8-bit 140 - udh octets.
 *  - Nothing is allocated in this file; the ICU break iterator lives in
 *    grapheme.c and is opened only when a cut falls next to a character
 *    at or above U+0300 (below it, no character joins another).
 */
#include "choose.h"
#include "grapheme.h"
#include "simd512.h"
#include "utf8.h"

/* Units of payload a part holds with `udh` (< 140) octets of header. */
static size_t capacity(smsk_encoding enc, size_t udh)
{
    size_t octets = SMSK_UD_MAX_OCTETS - udh;
    switch (enc) {
    case SMSK_ENC_GSM7:
        return octets * 8 / 7;
    case SMSK_ENC_UCS2:
        return octets / 2;
    default:
        return octets;
    }
}

/* UDH octets with `ies` octets of elements (UDHL added when any). */
static size_t udh_octets(size_t ies)
{
    return ies ? ies + 1 : 0;
}

typedef struct walker {
    const uint8_t *s;
    size_t len;
    const smsk_text_info *info;
    const smsk__gsm7_table *lock, *single;
    smsk__clusters clusters;
    int use_clusters;   /* keep clusters whole (ICU builds, by default) */
    int clusters_state; /* iterator: 0 not opened yet, 1 open, -1 none */
} walker;

/* What was kept whole when one unit of a two-unit character would fit. */
static const smsk_split_reason half_fits[] = {
    SMSK_SPLIT_ESCAPE,    /* GSM 7-bit: escape + septet */
    SMSK_SPLIT_FULL,      /* 8-bit: octets of one character, no rule */
    SMSK_SPLIT_SURROGATE, /* UCS-2: surrogate pair */
};

/* Units of the largest character in an encoding (escape pair, surrogate
 * pair, four UTF-8 octets). */
static const size_t widest[] = {2, 4, 2};

/* Grapheme_Cluster_Break=Prepend (Unicode 15 GraphemeBreakProperty.txt). */
static int is_prepend(uint32_t cp)
{
    static const uint32_t ranges[][2] = {
        {0x0600, 0x0605}, {0x06DD, 0x06DD}, {0x070F, 0x070F}, {0x0890, 0x0891},
        {0x08E2, 0x08E2}, {0x0D4E, 0x0D4E}, {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
        {0x111C2, 0x111C3}, {0x1193F, 0x1193F}, {0x11941, 0x11941}, {0x11A3A, 0x11A3A},
        {0x11A84, 0x11A89}, {0x11D46, 0x11D46}, {0x11F02, 0x11F02},
    };
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
        if (cp >= ranges[k][0] && cp <= ranges[k][1])
            return 1;
    return 0;
}

/*
 * Is byte `i` (a character boundary) a grapheme cluster boundary without
 * asking ICU? Below U+0300 no character extends or joins another (UAX #29
 * GB9-GB13 concern marks, ZWJ, regional indicators, Hangul, prepends, all
 * above), so only CR LF (GB3) stays together there.
 */
static int certain_boundary(const walker *w, size_t i)
{
    size_t p = i;
    while (p > 0 && (w->s[p - 1] & 0xC0) == 0x80)
        p--;
    if (p == 0 || i >= w->len)
        return 1;
    size_t q = p - 1, next_end = i;
    const char *why = NULL;
    uint32_t before = smsk__utf8_next(w->s, w->len, &q, &why);
    uint32_t after = smsk__utf8_next(w->s, w->len, &next_end, &why);
    if (before == '\r' && after == '\n')
        return 0; /* GB3 */
    if (before < 0x300 && after < 0x300)
        return 1;
    /* Before ASCII only a Prepend character joins (GB9b): ASCII is no
     * Extend, ZWJ, SpacingMark, Regional Indicator or Hangul (GB6-GB13). */
    return after < 0x80 && !is_prepend(before);
}

/* Open the ICU boundary iterator the first time it is needed. */
static int clusters_ready(walker *w)
{
    if (w->clusters_state == 0)
        w->clusters_state = smsk__clusters_open(&w->clusters, (const char *)w->s, w->len) == 0 ? 1 : -1;
    return w->clusters_state == 1;
}

/*
 * UCS-2 and 8-bit units come from the UTF-8 bytes alone (the text is
 * valid): a lead byte starts a character, F0-F4 lead two UTF-16 units.
 * Skip the characters from `*i` that surely fit in `room` units without
 * decoding them; returns the units taken and counts the characters.
 */
#if SMSK__HAVE_AVX512
/*
 * skip_fitting 64 bytes a step: a block's characters are its lead bytes
 * (any byte outside 0x80-0xBF), and a UTF-16 text takes one more unit for each
 * F0-F4 lead. Whole blocks while they surely fit; then back to the start
 * of the character the last block cut, uncounted. Returns the units.
 */
SMSK__AVX512_TARGET static size_t skip_blocks512(const uint8_t *s, size_t len,
        size_t *i, size_t room, int utf16, size_t *chars)
{
    size_t p = *i, units = 0, n = 0;
    while (p + 64 + 4 < len) {
        __m512i v = _mm512_loadu_si512((const void *)(s + p));
        __mmask64 cont = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v, _mm512_set1_epi8((char)0xC0)),
                _mm512_set1_epi8((char)0x80));
        size_t leads = 64 - (size_t)__builtin_popcountll(cont);
        size_t bu = utf16 ? leads + (size_t)__builtin_popcountll(
                                    _mm512_cmpge_epu8_mask(v, _mm512_set1_epi8((char)0xF0)))
                          : 64;
        if (units + bu + 4 > room)
            break;
        units += bu;
        n += leads;
        p += 64;
    }
    if (p != *i && (s[p] & 0xC0) == 0x80) {
        /* the blocks cut a character: it starts again the scalar way */
        size_t q = p;
        while ((s[q] & 0xC0) == 0x80)
            q--;
        units -= utf16 ? (s[q] >= 0xF0 ? 2u : 1u) : p - q;
        n--;
        p = q;
    }
    *i = p;
    *chars += n;
    return units;
}
#endif

static size_t skip_fitting(const walker *w, size_t *i, size_t room, size_t *chars)
{
    const uint8_t *s = w->s;
    size_t p = *i, units = 0, n = 0;
    int utf16 = w->info->encoding == SMSK_ENC_UCS2;
#if SMSK__HAVE_AVX512
    if (smsk__avx512_usable())
        units = skip_blocks512(s, w->len, &p, room, utf16, &n);
#endif
    /* stop 4 bytes early: the last character must be decoded whole */
    while (p + 4 < w->len && units + 4 <= room) {
        uint8_t b = s[p];
        size_t k = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        units += utf16 ? (k == 4 ? 2u : 1u) : k;
        n++;
        p += k;
    }
    *i = p;
    *chars += n;
    return units;
}

/* Fill `seg` with the characters from `start` that fit in `cap` units. */
static size_t cut_part(walker *w, size_t start, size_t cap, smsk_segment *seg)
{
    size_t i = start, units = 0, chars = 0;
    smsk_split_reason reason = SMSK_SPLIT_END;
    if (w->info->encoding != SMSK_ENC_GSM7)
        units = skip_fitting(w, &i, cap, &chars);
    while (i < w->len) {
        const char *why = NULL;
        size_t at = i, next = i;
        uint32_t cp = smsk__utf8_next(w->s, w->len, &next, &why); /* validated */
        unsigned k = smsk__char_units(w->info, w->lock, w->single, cp, next - at);
        if (units + k > cap) {
            reason = units + 1 == cap && k == 2 ? half_fits[w->info->encoding] : SMSK_SPLIT_FULL;
            break;
        }
        units += k;
        chars++;
        i = next;
    }
    if (reason != SMSK_SPLIT_END && w->use_clusters && !certain_boundary(w, i) && clusters_ready(w)) {
        size_t b = smsk__clusters_floor(&w->clusters, i);
        if (b > start && b < i) {
            /* give the cluster's start back: recount what stays */
            size_t j = start;
            units = chars = 0;
            while (j < b) {
                const char *why = NULL;
                size_t at = j;
                uint32_t cp = smsk__utf8_next(w->s, w->len, &j, &why);
                units += smsk__char_units(w->info, w->lock, w->single, cp, j - at);
                chars++;
            }
            i = b;
            reason = SMSK_SPLIT_CLUSTER;
        }
    }
    if (seg != NULL) {
        seg->offset = start;
        seg->len = i - start;
        seg->chars = chars;
        seg->units = units;
        seg->reason = reason;
    }
    return i;
}

static smsk_status check_opts(const smsk_split_opts *o, smsk_diag *diag)
{
    if (o->ref_bits != 0 && o->ref_bits != 8 && o->ref_bits != 16)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "concatenation reference must be 8 or 16 bits");
    if (o->extra_udh > 128 || (o->flags & ~(unsigned)SMSK_SPLIT_CODEPOINTS) != 0)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "extra UDH too long or unknown flag");
    return SMSK_OK;
}

smsk_status smsk_split_plan(smsk_segment *segs, size_t segs_cap,
        smsk_split_info *info, const char *text, size_t text_len,
        const smsk_split_opts *opts, smsk_diag *diag)
{
    static const smsk_split_opts defaults = {{0, 0, 0, 0}, 8, 0, 0};
    const smsk_split_opts *o = opts != NULL ? opts : &defaults;
    if (info == NULL || !SMSK_BUF_OK(segs, segs_cap) || !SMSK_BUF_OK(text, text_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    SMSK_CHECK(check_opts(o, diag));
    memset(info, 0, sizeof *info);
    SMSK_CHECK(smsk_text_choose(&info->text, NULL, 0, text, text_len, &o->policy, diag));

    size_t ies = info->text.nl_iei_octets + o->extra_udh;
    size_t single_udh = udh_octets(ies);
    size_t single_cap = capacity(info->text.encoding, single_udh);
    walker w = {(const uint8_t *)text, text_len, &info->text, NULL, NULL, {NULL, NULL}, 0, 0};
    SMSK_CHECK(smsk__gsm7_tables(info->text.shift, &w.lock, &w.single));

    if (info->text.units <= single_cap) {
        info->segments = 1;
        info->per_segment = single_cap;
        info->remaining = single_cap - info->text.units;
        info->udh_octets = single_udh;
        if (segs_cap < 1)
            return segs == NULL ? SMSK_OK : smsk__fail(diag, SMSK_E_NOSPACE, 0, SMSK_NO_CODEPOINT, "no room for the segment");
        cut_part(&w, 0, single_cap, segs);
        return SMSK_OK;
    }

    size_t concat = o->ref_bits == 16 ? 6 : 5; /* IEI, length, ref, total, seq */
    info->udh_octets = udh_octets(ies + concat);
    /* TS 23.040 9.2.3.24: UDH and text share the 140 octets of TP-UD */
    if (info->udh_octets >= SMSK_UD_MAX_OCTETS
            || capacity(info->text.encoding, info->udh_octets) < widest[info->text.encoding])
        return smsk__fail(diag, SMSK_E_RANGE, 0, SMSK_NO_CODEPOINT, "the UDH leaves no room for a character in a part");
    info->per_segment = capacity(info->text.encoding, info->udh_octets);
    w.use_clusters = !(o->flags & SMSK_SPLIT_CODEPOINTS) && SMSK_HAVE_ICU;
    size_t pos = 0, n = 0, last_units = 0;
    smsk_status st = SMSK_OK;
    while (pos < text_len) {
        smsk_segment seg;
        pos = cut_part(&w, pos, info->per_segment, &seg);
        if (n < segs_cap && segs != NULL)
            segs[n] = seg;
        last_units = seg.units;
        n++;
    }
    smsk__clusters_close(&w.clusters);
    info->segments = n;
    info->remaining = info->per_segment - last_units;
    if (n > SMSK_MAX_PARTS)
        st = smsk__fail(diag, SMSK_E_RANGE, text_len, SMSK_NO_CODEPOINT, "more than 255 parts: a concatenated message has at most 255 (TS 23.040 9.2.3.24.1)");
    else if (segs != NULL && n > segs_cap)
        st = smsk__fail(diag, SMSK_E_NOSPACE, 0, SMSK_NO_CODEPOINT, "segment array too small");
    return st;
}
