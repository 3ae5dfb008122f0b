/* SPDX-License-Identifier: MIT */
/*
 * Segment planning (TS 23.040 9.2.3.24.1, 9.2.3.16; TS 23.038 6.2.1.1):
 * smsk_split_plan over arbitrary text.
 *
 * Input: byte 0 picks the policy: bits 2..0 the encodings (0 = the zero
 * policy, GSM 7-bit and UCS-2; then GSM7, UCS2, 8BIT, GSM7|UCS2,
 * GSM7|8BIT, UCS2|8BIT, all three), bits 4..3 the national tables (none;
 * Turkish, Spanish and Portuguese; Hindi, Bengali, Tamil and Urdu; every
 * one), bit 5 only as single shift tables, bit 6 SMSK_GSM7_SUBSTITUTE,
 * bit 7 SMSK_SPLIT_CODEPOINTS. Byte 1: bits 1..0 the reference bits (0,
 * 8, 16, 16), bits 7..2 modulo 21 the extra UDH octets (0-20). Byte 2:
 * 0xF0-0xFF repeat the text 16-256 times (to reach more than 255
 * parts), anything else once. The rest is the text.
 *
 * Invariants:
 *  - a failure is SMSK_E_UTF8 (at the first bad sequence), SMSK_E_CHARSET
 *    (only when GSM 7-bit alone is allowed, without '?', and no allowed
 *    pair of tables holds the text; at the first character the default
 *    tables lack), or SMSK_E_RANGE with more than 255 parts;
 *  - counting (segs NULL) gives the same plan as splitting; an array
 *    one segment short is SMSK_E_NOSPACE;
 *  - the segments cover the text exactly: contiguous offsets from 0,
 *    lengths summing to the text's, only the last one empty (and only
 *    for an empty text), characters summing to info.text.chars and units
 *    to info.text.units; segments <= 255 unless SMSK_E_RANGE;
 *  - no segment holds more than per_segment units; per_segment and
 *    udh_octets are as smskit.h describes (one part: the national IEs
 *    and extra_udh; more: also the concatenation IE, UDHL counted once;
 *    GSM 7-bit floor((140 - udh) * 8 / 7) septets, UCS-2 (140 - udh) / 2
 *    units, 8-bit 140 - udh octets); remaining is what the last part has
 *    left;
 *  - every boundary is a UTF-8 character boundary, and each segment on
 *    its own encodes to exactly its units (smsk_gsm7_count with the
 *    chosen tables, smsk_ucs2_encode, or its octets for 8-bit), so that
 *    no escape is parted from its septet and no surrogate pair split;
 *  - a part that ends FULL, ESCAPE or SURROGATE could not take the next
 *    character (ESCAPE/SURROGATE: one unit was left and it needs two).
 */
#include <smskit.h>

#include "fuzz.h"

static const unsigned ENCODINGS[8] = {
    0, SMSK_ALLOW_GSM7, SMSK_ALLOW_UCS2, SMSK_ALLOW_8BIT,
    SMSK_ALLOW_GSM7 | SMSK_ALLOW_UCS2, SMSK_ALLOW_GSM7 | SMSK_ALLOW_8BIT,
    SMSK_ALLOW_UCS2 | SMSK_ALLOW_8BIT,
    SMSK_ALLOW_GSM7 | SMSK_ALLOW_UCS2 | SMSK_ALLOW_8BIT,
};

static const uint32_t LANGS[4] = {
    0,
    SMSK_LANG_BIT(SMSK_LANG_TURKISH) | SMSK_LANG_BIT(SMSK_LANG_SPANISH)
            | SMSK_LANG_BIT(SMSK_LANG_PORTUGUESE),
    SMSK_LANG_BIT(SMSK_LANG_HINDI) | SMSK_LANG_BIT(SMSK_LANG_BENGALI)
            | SMSK_LANG_BIT(SMSK_LANG_TAMIL) | SMSK_LANG_BIT(SMSK_LANG_URDU),
    SMSK_LANG_ALL_NATIONAL,
};

static const unsigned REF_BITS[4] = {0, 8, 16, 16};

#define MAX_TEXT 65536u

/* Units of `text` in the plan's encoding (each part encoded alone). */
static size_t units_of(const char *text, size_t len,
        const smsk_split_info *info, unsigned gsm7_flags)
{
    smsk_diag diag;
    switch (info->text.encoding) {
    case SMSK_ENC_GSM7: {
        size_t n = (size_t)-1;
        FUZZ_ASSERT(smsk_gsm7_count(&n, text, len, info->text.shift,
                gsm7_flags, &diag) == SMSK_OK);
        return n;
    }
    case SMSK_ENC_UCS2: {
        size_t n = 0;
        smsk_status st = smsk_ucs2_encode(NULL, 0, &n, text, len, &diag);
        FUZZ_ASSERT(st == SMSK_OK || st == SMSK_E_NOSPACE);
        FUZZ_ASSERT(n % 2 == 0);
        return n / 2;
    }
    default:
        return len;
    }
}

static size_t capacity(smsk_encoding enc, size_t udh)
{
    size_t octets = SMSK_UD_MAX_OCTETS - udh;
    return enc == SMSK_ENC_GSM7 ? octets * 8 / 7
            : enc == SMSK_ENC_UCS2 ? octets / 2 : octets;
}

static size_t utf8_len(uint8_t lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

static void check_plan(const smsk_segment *segs, const smsk_split_info *info,
        const char *text, size_t len, const smsk_split_opts *opts)
{
    unsigned gsm7_flags = info->text.substituted ? SMSK_GSM7_SUBSTITUTE : 0u;
    size_t ies = info->text.nl_iei_octets + opts->extra_udh;
    size_t single_udh = ies ? ies + 1 : 0;
    FUZZ_ASSERT(info->segments >= 1);
    if (info->segments == 1 && info->text.units
            <= capacity(info->text.encoding, single_udh)) {
        FUZZ_ASSERT(info->udh_octets == single_udh);
    } else {
        FUZZ_ASSERT(info->segments >= 2);
        FUZZ_ASSERT(info->text.units > capacity(info->text.encoding, single_udh));
        FUZZ_ASSERT(info->udh_octets
                == ies + (opts->ref_bits == 16 ? 6u : 5u) + 1u);
    }
    FUZZ_ASSERT(info->per_segment
            == capacity(info->text.encoding, info->udh_octets));

    size_t at = 0, units = 0, chars = 0;
    for (size_t i = 0; i < info->segments; i++) {
        const smsk_segment *s = &segs[i];
        int last = i + 1 == info->segments;
        FUZZ_ASSERT(s->offset == at);
        FUZZ_ASSERT(s->len <= len - at);
        FUZZ_ASSERT(s->len > 0 || len == 0);
        FUZZ_ASSERT(s->units <= info->per_segment);
        /* A character boundary on both sides. */
        FUZZ_ASSERT(at == len || ((uint8_t)text[at] & 0xC0u) != 0x80u);
        size_t n_chars = (size_t)-1;
        smsk_diag diag;
        FUZZ_ASSERT(smsk_utf8_validate(text + at, s->len, &n_chars, &diag)
                == SMSK_OK);
        FUZZ_ASSERT(n_chars == s->chars);
        FUZZ_ASSERT(units_of(text + at, s->len, info, gsm7_flags) == s->units);
        at += s->len;
        units += s->units;
        chars += s->chars;
        if (last) {
            FUZZ_ASSERT(s->reason == SMSK_SPLIT_END);
            FUZZ_ASSERT(info->remaining == info->per_segment - s->units);
            continue;
        }
        FUZZ_ASSERT(s->reason != SMSK_SPLIT_END);
        if (s->reason == SMSK_SPLIT_CLUSTER)
            continue;
        /* It stopped because the next character did not fit. */
        size_t next = utf8_len((uint8_t)text[at]);
        FUZZ_ASSERT(next <= len - at);
        size_t k = units_of(text + at, next, info, gsm7_flags);
        FUZZ_ASSERT(s->units + k > info->per_segment);
        if (s->reason == SMSK_SPLIT_ESCAPE)
            FUZZ_ASSERT(info->text.encoding == SMSK_ENC_GSM7 && k == 2
                    && s->units + 1 == info->per_segment);
        else if (s->reason == SMSK_SPLIT_SURROGATE)
            FUZZ_ASSERT(info->text.encoding == SMSK_ENC_UCS2 && k == 2
                    && s->units + 1 == info->per_segment);
        else
            FUZZ_ASSERT(s->reason == SMSK_SPLIT_FULL);
    }
    FUZZ_ASSERT(at == len);
    FUZZ_ASSERT(units == info->text.units);
    FUZZ_ASSERT(chars == info->text.chars);
}

static int same_info(const smsk_split_info *a, const smsk_split_info *b)
{
    return a->text.encoding == b->text.encoding
            && a->text.shift.locking == b->text.shift.locking
            && a->text.shift.single == b->text.shift.single
            && a->text.units == b->text.units && a->text.chars == b->text.chars
            && a->text.nl_iei_octets == b->text.nl_iei_octets
            && a->text.substituted == b->text.substituted
            && a->segments == b->segments && a->per_segment == b->per_segment
            && a->remaining == b->remaining && a->udh_octets == b->udh_octets;
}

/* SMSK_E_CHARSET is right: GSM 7-bit is the only encoding allowed,
 * without '?', and no allowed pair of tables holds the text; the first
 * character the default tables lack is at `offset`. */
static int charset_right(const char *text, size_t len,
        const smsk_text_policy *p, size_t offset)
{
    unsigned enc = p->encodings ? p->encodings
            : SMSK_ALLOW_GSM7 | SMSK_ALLOW_UCS2;
    if (enc != SMSK_ALLOW_GSM7 || (p->gsm7_flags & SMSK_GSM7_SUBSTITUTE))
        return 0;
    smsk_gsm7_shift shift = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    size_t n;
    smsk_diag diag;
    if (smsk_gsm7_count(&n, text, len, shift, 0, &diag) != SMSK_E_CHARSET
            || diag.offset != offset)
        return 0;
    for (unsigned l = 0; l < SMSK_LANG_COUNT; l++) {
        if (l != SMSK_LANG_DEFAULT && (!(p->locking_langs & SMSK_LANG_BIT(l))
                || !smsk_lang_has_locking((smsk_lang)l)))
            continue;
        for (unsigned s = 0; s < SMSK_LANG_COUNT; s++) {
            if (s != SMSK_LANG_DEFAULT && !(p->single_langs & SMSK_LANG_BIT(s)))
                continue;
            shift.locking = (smsk_lang)l;
            shift.single = (smsk_lang)s;
            if (smsk_gsm7_count(&n, text, len, shift, 0, &diag) == SMSK_OK)
                return 0;
        }
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_reader r = fuzz_reader_init(data, size);
    unsigned b0 = fuzz_take_byte(&r), b1 = fuzz_take_byte(&r);
    unsigned b2 = fuzz_take_byte(&r);
    smsk_split_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.policy.encodings = ENCODINGS[b0 & 7u];
    uint32_t langs = LANGS[(b0 >> 3) & 3u];
    opts.policy.locking_langs = (b0 & 0x20u) ? 0 : langs;
    opts.policy.single_langs = langs;
    opts.policy.gsm7_flags = (b0 & 0x40u) ? SMSK_GSM7_SUBSTITUTE : 0u;
    opts.flags = (b0 & 0x80u) ? SMSK_SPLIT_CODEPOINTS : 0u;
    opts.ref_bits = REF_BITS[b1 & 3u];
    opts.extra_udh = (b1 >> 2) % 21u;

    size_t piece_len;
    const uint8_t *piece = fuzz_take_rest(&r, &piece_len);
    size_t reps = b2 >= 0xF0u ? 16u * (b2 - 0xEFu) : 1u;
    if (piece_len > 0 && reps > MAX_TEXT / piece_len)
        reps = MAX_TEXT / piece_len;
    if (reps == 0)
        reps = 1;
    size_t len = piece_len * reps;
    char *text = fuzz_alloc(len);
    for (size_t i = 0; i < reps; i++)
        memcpy(text + i * piece_len, piece, piece_len);

    smsk_split_info info;
    smsk_diag diag;
    diag.offset = (size_t)-1;
    smsk_status st = smsk_split_plan(NULL, 0, &info, text, len, &opts, &diag);
    if (st != SMSK_OK && st != SMSK_E_RANGE) {
        smsk_diag dv;
        if (st == SMSK_E_UTF8) {
            FUZZ_ASSERT(smsk_utf8_validate(text, len, NULL, &dv) == SMSK_E_UTF8);
            FUZZ_ASSERT(dv.offset == diag.offset);
        } else {
            FUZZ_ASSERT(st == SMSK_E_CHARSET);
            FUZZ_ASSERT(smsk_utf8_validate(text, len, NULL, &dv) == SMSK_OK);
            FUZZ_ASSERT(diag.offset < len);
            FUZZ_ASSERT(charset_right(text, len, &opts.policy, diag.offset));
        }
        free(text);
        return 0;
    }
    FUZZ_ASSERT(st == SMSK_OK ? info.segments <= SMSK_MAX_PARTS
            : info.segments > SMSK_MAX_PARTS);
    FUZZ_ASSERT(info.segments >= 1 && info.segments <= len + 1);

    smsk_segment *segs = fuzz_alloc(info.segments * sizeof *segs);
    smsk_split_info info2;
    smsk_status st2 = smsk_split_plan(segs, info.segments, &info2, text, len,
            &opts, &diag);
    FUZZ_ASSERT(st2 == st);
    FUZZ_ASSERT(same_info(&info, &info2));
    check_plan(segs, &info2, text, len, &opts);

    /* One segment short. */
    smsk_split_info info3;
    st2 = smsk_split_plan(segs, info.segments - 1, &info3, text, len, &opts,
            &diag);
    FUZZ_ASSERT(st2 == (st == SMSK_E_RANGE ? SMSK_E_RANGE : SMSK_E_NOSPACE));
    FUZZ_ASSERT(info3.segments == info.segments);

    free(segs);
    free(text);
    return 0;
}
