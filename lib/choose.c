/* SPDX-License-Identifier: MIT */
/*
 * The cheapest encoding of a text (TS 23.038 6.2.1 and Annex A; national
 * language IEs of TS 23.040 9.2.3.24.15 and 9.2.3.24.16).
 *
 * How this works:
 *  - One pass counts characters, UTF-8 octets, UTF-16 units and the
 *    septets of the default tables. Most texts stop there.
 *  - When the default tables miss a character and national tables are
 *    allowed, a second pass asks every allowed locking and single shift
 *    table whether it holds each character, and sums the septets of
 *    every (locking, single) pair at once.
 *  - A pair's cost is its septets in bits plus 24 bits for each national
 *    language IE it needs in the UDH (IEI, length, NLI: 3 octets), so
 *    that a pair is not chosen for a saving its IE costs more than.
 *  - A third pass, only when asked, writes the units of each character.
 */
#include "choose.h"
#include "utf8.h"

#define IE_BITS 24u /* one national language IE: 3 octets */

typedef struct totals {
    size_t chars, utf8, utf16;
    size_t septets_default;  /* default tables, '?' for the unencodable */
    size_t unencodable;      /* characters the default tables lack */
    size_t bad_off;          /* first of them */
    uint32_t bad_cp;
} totals;

typedef struct candidates {
    smsk_lang lock[SMSK_LANG_COUNT], single[SMSK_LANG_COUNT];
    unsigned n_lock, n_single;
} candidates;

typedef struct pair_choice {
    int found;
    smsk_gsm7_shift shift;
    size_t septets;
} pair_choice;

/* Characters, UTF-8 octets and UTF-16 units of valid UTF-8, by its
 * bytes: a lead byte starts a character, F0-F4 lead a surrogate pair. */
static smsk_status count_rest(totals *t, const uint8_t *s, size_t len,
        size_t base, smsk_diag *diag)
{
    size_t n = 0;
    smsk_status st = smsk_utf8_validate((const char *)s, len, &n, diag);
    if (st != SMSK_OK) {
        if (diag != NULL)
            diag->offset += base;
        return st;
    }
    size_t pairs = 0;
    for (size_t i = 0; i < len; i++)
        pairs += s[i] >= 0xF0;
    t->chars += n;
    t->utf8 += len;
    t->utf16 += n + pairs;
    return SMSK_OK;
}

/*
 * One pass over the text. Once a character is missing from the default
 * tables their septet total no longer matters unless substitution may
 * use it (`gsm_totals`), so the table lookups stop there.
 */
static smsk_status count_default(totals *t, const uint8_t *s, size_t len,
        int gsm_totals, smsk_diag *diag)
{
    const smsk__gsm7_table *lock = smsk__gsm7_locking[SMSK_LANG_DEFAULT];
    const smsk__gsm7_table *single = smsk__gsm7_single[SMSK_LANG_DEFAULT];
    memset(t, 0, sizeof *t);
    size_t i = 0;
    while (i < len) {
        const char *why = NULL;
        size_t at = i;
        uint32_t cp = smsk__utf8_next(s, len, &i, &why);
        if (cp == SMSK__UTF8_BAD)
            return smsk__fail(diag, SMSK_E_UTF8, at, SMSK_NO_CODEPOINT, why);
        t->chars++;
        t->utf8 += i - at;
        t->utf16 += cp >= 0x10000 ? 2 : 1;
        if (t->unencodable > 0 && !gsm_totals)
            return count_rest(t, s + i, len - i, i, diag);
        uint8_t code;
        unsigned k = smsk__gsm7_char_septets(lock, single, cp, &code);
        if (k == 0) {
            if (t->unencodable++ == 0) {
                t->bad_off = at;
                t->bad_cp = cp;
            }
            k = 1; /* '?' */
        }
        t->septets_default += k;
    }
    return SMSK_OK;
}

static void list_candidates(candidates *c, const smsk_text_policy *p)
{
    c->n_lock = c->n_single = 0;
    for (unsigned l = 0; l < SMSK_LANG_COUNT; l++) {
        int allowed = l == SMSK_LANG_DEFAULT;
        if ((p->locking_langs & SMSK_LANG_BIT(l)) && smsk_lang_has_locking((smsk_lang)l))
            allowed = 1;
        if (allowed)
            c->lock[c->n_lock++] = (smsk_lang)l;
        if (l == SMSK_LANG_DEFAULT || (p->single_langs & SMSK_LANG_BIT(l)))
            c->single[c->n_single++] = (smsk_lang)l;
    }
}

static size_t pair_bits(size_t septets, smsk_gsm7_shift sh)
{
    unsigned ies = (unsigned)(sh.locking != SMSK_LANG_DEFAULT) + (unsigned)(sh.single != SMSK_LANG_DEFAULT);
    return septets * 7 + ies * IE_BITS;
}

/*
 * Is (septets, sh) cheaper than the best so far? Ties go to fewer IEs,
 * then to a pair of one language (its tables are designed together),
 * then, as candidates come in NLI order, to the pair found first.
 */
static int cheaper(size_t septets, smsk_gsm7_shift sh, const pair_choice *best)
{
    size_t bits = pair_bits(septets, sh), best_bits = pair_bits(best->septets, best->shift);
    if (bits != best_bits)
        return bits < best_bits;
    int same = sh.locking == sh.single, best_same = best->shift.locking == best->shift.single;
    return same && !best_same;
}

/* The cheapest pair of `c` holding every character (TS 23.038 Annex A). */
static void best_pair(pair_choice *best, const candidates *c,
        const uint8_t *s, size_t len)
{
    size_t septets[SMSK_LANG_COUNT][SMSK_LANG_COUNT];
    int ok[SMSK_LANG_COUNT][SMSK_LANG_COUNT];
    for (unsigned a = 0; a < c->n_lock; a++)
        for (unsigned b = 0; b < c->n_single; b++) {
            septets[a][b] = 0;
            ok[a][b] = 1;
        }
    size_t i = 0;
    while (i < len) {
        const char *why = NULL;
        uint32_t cp = smsk__utf8_next(s, len, &i, &why); /* validated before */
        int in_lock[SMSK_LANG_COUNT], in_single[SMSK_LANG_COUNT];
        for (unsigned a = 0; a < c->n_lock; a++)
            in_lock[a] = smsk__gsm7_lookup(smsk__gsm7_locking[c->lock[a]], cp) >= 0;
        for (unsigned b = 0; b < c->n_single; b++)
            in_single[b] = smsk__gsm7_lookup(smsk__gsm7_single[c->single[b]], cp) >= 0;
        for (unsigned a = 0; a < c->n_lock; a++)
            for (unsigned b = 0; b < c->n_single; b++) {
                if (in_lock[a])
                    septets[a][b] += 1;
                else if (in_single[b])
                    septets[a][b] += 2;
                else
                    ok[a][b] = 0;
            }
    }
    best->found = 0;
    for (unsigned a = 0; a < c->n_lock; a++)
        for (unsigned b = 0; b < c->n_single; b++) {
            if (!ok[a][b])
                continue;
            smsk_gsm7_shift sh = {c->lock[a], c->single[b]};
            if (!best->found || cheaper(septets[a][b], sh, best)) {
                best->found = 1;
                best->shift = sh;
                best->septets = septets[a][b];
            }
        }
}

unsigned smsk__char_units(const smsk_text_info *info,
        const smsk__gsm7_table *lock, const smsk__gsm7_table *single,
        uint32_t cp, size_t utf8_len)
{
    uint8_t code;
    unsigned k;
    switch (info->encoding) {
    case SMSK_ENC_GSM7:
        k = smsk__gsm7_char_septets(lock, single, cp, &code);
        return k ? k : 1; /* 0: substituted by '?' */
    case SMSK_ENC_UCS2:
        return cp >= 0x10000 ? 2 : 1;
    default:
        return (unsigned)utf8_len;
    }
}

static smsk_status write_units(uint8_t *units, const uint8_t *s, size_t len,
        const smsk_text_info *info)
{
    const smsk__gsm7_table *lock = NULL, *single = NULL;
    SMSK_CHECK(smsk__gsm7_tables(info->shift, &lock, &single));
    size_t i = 0, n = 0;
    while (i < len) {
        const char *why = NULL;
        size_t at = i;
        uint32_t cp = smsk__utf8_next(s, len, &i, &why);
        units[n++] = (uint8_t)smsk__char_units(info, lock, single, cp, i - at);
    }
    return SMSK_OK;
}

#define KNOWN_ENCODINGS (SMSK_ALLOW_GSM7 | SMSK_ALLOW_8BIT | SMSK_ALLOW_UCS2)
#define KNOWN_LANGS ((1u << SMSK_LANG_COUNT) - 1)

smsk_status smsk_text_choose(smsk_text_info *info, uint8_t *char_units,
        size_t char_units_cap, const char *text, size_t text_len,
        const smsk_text_policy *policy, smsk_diag *diag)
{
    static const smsk_text_policy zero_policy = {0, 0, 0, 0};
    const smsk_text_policy *p = policy != NULL ? policy : &zero_policy;
    unsigned allow = p->encodings ? p->encodings : SMSK_ALLOW_GSM7 | SMSK_ALLOW_UCS2;
    if (info == NULL || !SMSK_BUF_OK(text, text_len) || !SMSK_BUF_OK(char_units, char_units_cap)
            || (allow & ~(unsigned)KNOWN_ENCODINGS) != 0 || (p->locking_langs & ~KNOWN_LANGS) != 0
            || (p->single_langs & ~KNOWN_LANGS) != 0
            || (p->gsm7_flags & ~(unsigned)SMSK_GSM7_SUBSTITUTE) != 0)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer or unknown policy bits");
    const uint8_t *s = (const uint8_t *)text;
    totals t;
    int gsm_totals = (allow & SMSK_ALLOW_GSM7) && (p->gsm7_flags & SMSK_GSM7_SUBSTITUTE);
    SMSK_CHECK(count_default(&t, s, text_len, gsm_totals, diag));
    memset(info, 0, sizeof *info);
    info->chars = t.chars;
    smsk_gsm7_shift def = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    info->shift = def;
    pair_choice best = {0, def, 0};
    if ((allow & SMSK_ALLOW_GSM7) && t.unencodable == 0) {
        best.found = 1;
        best.septets = t.septets_default;
    } else if ((allow & SMSK_ALLOW_GSM7) && (p->locking_langs | p->single_langs) != 0) {
        candidates c;
        list_candidates(&c, p);
        best_pair(&best, &c, s, text_len);
    }
    if (best.found) {
        info->encoding = SMSK_ENC_GSM7;
        info->shift = best.shift;
        info->units = best.septets;
        info->nl_iei_octets = 3u * ((size_t)(best.shift.locking != SMSK_LANG_DEFAULT)
                + (size_t)(best.shift.single != SMSK_LANG_DEFAULT));
    } else if (allow & SMSK_ALLOW_UCS2) {
        info->encoding = SMSK_ENC_UCS2;
        info->units = t.utf16;
    } else if (allow & SMSK_ALLOW_8BIT) {
        info->encoding = SMSK_ENC_8BIT;
        info->units = t.utf8;
    } else if ((allow & SMSK_ALLOW_GSM7) && (p->gsm7_flags & SMSK_GSM7_SUBSTITUTE)) {
        info->encoding = SMSK_ENC_GSM7;
        info->units = t.septets_default;
        info->substituted = t.unencodable;
    } else {
        return smsk__fail(diag, SMSK_E_CHARSET, t.bad_off, t.bad_cp, "no allowed encoding holds this character");
    }
    if (char_units == NULL)
        return SMSK_OK;
    if (char_units_cap < t.chars)
        return smsk__fail(diag, SMSK_E_NOSPACE, 0, SMSK_NO_CODEPOINT, "per-character array too small");
    return write_units(char_units, s, text_len, info);
}
