/* SPDX-License-Identifier: MIT */
/*
 * GSM 7-bit text: UTF-8 <-> septets with any (locking, single shift)
 * table pair. TS 23.038 6.2.1 (default alphabet), 6.2.1.1 (extension
 * table and its escape), Annex A (national language tables).
 *
 * How this works:
 *  - Tables come from lib/gsm7_tables.c, generated from the standard's
 *    tables. Encoding looks a character up in the locking table first,
 *    then in the single shift table (escape + code), as receivers decode.
 *  - The converters run in chunks of septets so that the packed
 *    variants can feed the word-wide packing kernels from a small stack
 *    buffer: no heap, and no pass over the text twice.
 *  - Fast paths take sixteen (ascii7.c, default alphabet) or eight (any
 *    table) ASCII bytes or septets at a time when all of them map one to
 *    one; anything else goes one character at a time through the general
 *    path.
 *
 * Traps (documented in the header and lib/tables/README.md):
 *  - an escaped septet missing from the single shift table shows the
 *    character of the locking table at that septet (6.2.1.1), not the
 *    default extension table's;
 *  - 0x1B 0x1B is reserved for a further extension table and shows a
 *    space (6.2.1.1 note 1); the septet after it is read normally;
 *  - Spanish has no locking table (A.3.2 is void).
 */
#include "ascii7.h"
#include "gsm7.h"
#include "septet.h"
#include "utf8.h"

static const char *const lang_names[SMSK_LANG_COUNT] = {
    "default", "turkish", "spanish", "portuguese", "bengali", "gujarati",
    "hindi", "kannada", "malayalam", "oriya", "punjabi", "tamil", "telugu",
    "urdu",
};

const char *smsk_lang_name(smsk_lang lang)
{
    if ((unsigned)lang >= SMSK_LANG_COUNT)
        return NULL;
    return lang_names[lang];
}

static uint8_t ascii_lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + ('a' - 'A')) : c;
}

smsk_status smsk_lang_from_name(const char *name, size_t len, smsk_lang *lang)
{
    if (name == NULL || lang == NULL)
        return SMSK_E_ARG;
    for (unsigned k = 0; k < SMSK_LANG_COUNT; k++) {
        const char *cand = lang_names[k];
        size_t n = strlen(cand), i = 0;
        if (n != len)
            continue;
        while (i < n && ascii_lower((uint8_t)name[i]) == (uint8_t)cand[i])
            i++;
        if (i == n) {
            *lang = (smsk_lang)k;
            return SMSK_OK;
        }
    }
    return SMSK_E_NOTFOUND;
}

/* Spanish has no locking shift table: TS 23.038 A.3.2 is void. */
static int has_locking(smsk_lang lang)
{
    return (unsigned)lang < SMSK_LANG_COUNT && lang != SMSK_LANG_SPANISH;
}

int smsk_lang_has_locking(smsk_lang lang)
{
    return has_locking(lang);
}

uint32_t smsk_gsm7_table_get(smsk_lang lang, int single, unsigned septet)
{
    if ((unsigned)lang >= SMSK_LANG_COUNT || septet > 0x7F
            || (!single && lang == SMSK_LANG_SPANISH))
        return SMSK_NO_CODEPOINT;
    const smsk__gsm7_table *t = single ? smsk__gsm7_single[lang] : smsk__gsm7_locking[lang];
    uint16_t v = t->to_cp[septet];
    return v == SMSK__GSM7_NONE ? SMSK_NO_CODEPOINT : v;
}

smsk_status smsk__gsm7_tables(smsk_gsm7_shift shift,
        const smsk__gsm7_table **lock, const smsk__gsm7_table **single)
{
    if (!has_locking(shift.locking) || (unsigned)shift.single >= SMSK_LANG_COUNT)
        return SMSK_E_ARG;
    *lock = smsk__gsm7_locking[shift.locking];
    *single = smsk__gsm7_single[shift.single];
    return SMSK_OK;
}

int smsk__gsm7_lookup(const smsk__gsm7_table *t, uint32_t cp)
{
    if (cp < 0x80)
        return t->from_ascii[cp] == 0xFF ? -1 : t->from_ascii[cp];
    size_t lo = 0, hi = t->n_rev;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->rev[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n_rev && t->rev[lo].cp == cp ? t->rev[lo].septet : -1;
}

unsigned smsk__gsm7_char_septets(const smsk__gsm7_table *lock,
        const smsk__gsm7_table *single, uint32_t cp, uint8_t *code)
{
    int s = smsk__gsm7_lookup(lock, cp);
    if (s >= 0) {
        *code = (uint8_t)s;
        return 1;
    }
    s = smsk__gsm7_lookup(single, cp);
    if (s >= 0) {
        *code = (uint8_t)s;
        return 2;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Encoding
 * ------------------------------------------------------------------- */

typedef struct encoder {
    const smsk__gsm7_table *lock, *single;
    const uint8_t *text;
    size_t len, pos;
    unsigned flags;
} encoder;

#define NO_SPACE_YET SMSK_MORE /* chunk full; the text goes on */

/*
 * Convert eight ASCII characters at `s`, each through the locking table's
 * map or else the single shift table's (escape + code), into `out` (room
 * for 16). Returns 0 and writes nothing of use when one of them is not
 * ASCII or in neither map; the caller then takes them one by one.
 */
static int ascii_block(const encoder *e, const uint8_t *s, uint8_t *out,
        size_t *n)
{
    const uint8_t *lock_map = e->lock->from_ascii, *single_map = e->single->from_ascii;
    uint8_t b[8];
    memcpy(b, s, 8);
    if (smsk__load_le64(b) & 0x8080808080808080ull)
        return 0;
    unsigned bad = 0;
    size_t k = 0;
    for (unsigned j = 0; j < 8; j++) {
        unsigned m = lock_map[b[j]], x = single_map[b[j]];
        unsigned ext = m >> 7; /* not in the locking table */
        bad |= m & x;
        out[k] = (uint8_t)(ext ? SMSK__GSM7_ESC : m);
        out[k + 1] = (uint8_t)x;
        k += 1 + ext;
    }
    if (bad & 0x80)
        return 0;
    *n += k;
    return 1;
}

/*
 * Convert text from `e->pos` into `out` (room for `cap` >= 2 septets),
 * stopping when the next character does not fit. Returns SMSK_OK at the
 * end of the text, NO_SPACE_YET when `out` is full, or an error.
 */
static smsk_status encode_chunk(encoder *e, uint8_t *out, size_t cap,
        size_t *n_out, smsk_diag *diag)
{
    const uint8_t *s = e->text;
    size_t pos = e->pos, n = 0;
    smsk_status st = SMSK_OK;
    int default_alphabet = e->lock == smsk__gsm7_locking[SMSK_LANG_DEFAULT];
    while (pos < e->len) {
        size_t before = pos;
        if (s[pos] < 0x80 && cap - n >= 64) { /* room for a half (32 characters, escaped) */
            size_t w = 0;
            pos += smsk__ascii7_encode_ext_run(out + n, cap - n, &w, s + pos, e->len - pos,
                    e->lock->from_ascii, e->single->from_ascii);
            n += w;
        }
        if (default_alphabet && e->len - pos >= 16) {
            size_t room = e->len - pos < cap - n ? e->len - pos : cap - n;
            size_t k = smsk__ascii7_encode_run(out + n, s + pos, room);
            n += k;
            pos += k;
        }
        /* eight ASCII characters, escapes included, without branches:
         * extension characters come at random in real text */
        while (e->len - pos >= 8 && cap - n >= 16 && ascii_block(e, s + pos, out + n, &n))
            pos += 8;
        if (pos != before)
            continue; /* made progress: try the fast paths again */
        const char *why = NULL;
        size_t at = pos, next = pos;
        uint32_t cp = smsk__utf8_next(s, e->len, &next, &why);
        if (cp == SMSK__UTF8_BAD) {
            st = smsk__fail(diag, SMSK_E_UTF8, at, SMSK_NO_CODEPOINT, why);
            break;
        }
        uint8_t code = 0;
        unsigned k = smsk__gsm7_char_septets(e->lock, e->single, cp, &code);
        if (k == 0) {
            if (!(e->flags & SMSK_GSM7_SUBSTITUTE)) {
                st = smsk__fail(diag, SMSK_E_CHARSET, at, cp, "character in neither GSM 7-bit table");
                break;
            }
            k = smsk__gsm7_char_septets(e->lock, e->single, '?', &code);
        }
        if (cap - n < k) {
            st = NO_SPACE_YET;
            break;
        }
        if (k == 2)
            out[n++] = SMSK__GSM7_ESC;
        out[n++] = code;
        pos = next;
    }
    e->pos = pos;
    *n_out = n;
    return st;
}

static smsk_status encoder_init(encoder *e, const char *text, size_t len,
        smsk_gsm7_shift shift, unsigned flags, unsigned allowed,
        smsk_diag *diag)
{
    if (!SMSK_BUF_OK(text, len) || (flags & ~allowed) != 0
            || smsk__gsm7_tables(shift, &e->lock, &e->single) != SMSK_OK)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL text, unknown flag or table");
    e->text = (const uint8_t *)text;
    e->len = len;
    e->pos = 0;
    e->flags = flags;
    return SMSK_OK;
}

#define STAGE 256

/* Septets the rest of the text takes (for counts and NOSPACE sizes). */
static smsk_status count_rest(encoder *e, size_t *total, smsk_diag *diag)
{
    uint8_t stage[STAGE];
    smsk_status st;
    do {
        size_t n = 0;
        st = encode_chunk(e, stage, STAGE, &n, diag);
        *total += n;
    } while (st == NO_SPACE_YET);
    return st;
}

smsk_status smsk_gsm7_count(size_t *n_septets, const char *text,
        size_t text_len, smsk_gsm7_shift shift, unsigned flags,
        smsk_diag *diag)
{
    encoder e;
    if (n_septets == NULL)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL count");
    SMSK_CHECK(encoder_init(&e, text, text_len, shift, flags, SMSK_GSM7_SUBSTITUTE, diag));
    size_t total = 0;
    SMSK_CHECK(count_rest(&e, &total, diag));
    *n_septets = total;
    return SMSK_OK;
}

smsk_status smsk_gsm7_encode(uint8_t *septets, size_t cap, size_t *n_septets,
        const char *text, size_t text_len, smsk_gsm7_shift shift,
        unsigned flags, smsk_diag *diag)
{
    encoder e;
    if (n_septets == NULL || !SMSK_BUF_OK(septets, cap))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL destination");
    SMSK_CHECK(encoder_init(&e, text, text_len, shift, flags, SMSK_GSM7_SUBSTITUTE, diag));
    size_t n = 0;
    smsk_status st = encode_chunk(&e, septets, cap, &n, diag);
    if (st == NO_SPACE_YET) {
        SMSK_CHECK(count_rest(&e, &n, diag));
        *n_septets = n;
        return smsk__fail(diag, SMSK_E_NOSPACE, text_len, SMSK_NO_CODEPOINT, "destination too small");
    }
    SMSK_CHECK(st);
    *n_septets = n;
    return SMSK_OK;
}

smsk_status smsk_gsm7_encode_packed(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, size_t *n_septets, const char *text,
        size_t text_len, smsk_gsm7_shift shift, unsigned fill_bits,
        unsigned flags, smsk_diag *diag)
{
    encoder e;
    if (dst_len == NULL || n_septets == NULL || !SMSK_BUF_OK(dst, dst_cap) || fill_bits > 6)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer or fill bits above 6");
    SMSK_CHECK(encoder_init(&e, text, text_len, shift, flags,
            SMSK_GSM7_SUBSTITUTE | SMSK_GSM7_CR_PAD, diag));
    smsk__septet_impl impl = smsk__septet_auto_impl();
    uint8_t stage[STAGE];
    size_t total = 0;
    uint8_t last = 0;
    int room = 1;
    smsk_status st;
    *dst_len = 0;
    if (dst_cap > 0 && text_len > 0)
        dst[0] = 0; /* the fill bits */
    total = smsk__ascii7_pack_run(dst, dst_cap, e.text, e.len, fill_bits, e.lock->from_ascii);
    e.pos = total;
    if (total > 0)
        last = e.lock->from_ascii[e.text[total - 1]];
    do {
        size_t n = 0;
        st = encode_chunk(&e, stage, STAGE, &n, diag);
        if (st < 0)
            return st;
        if (n == 0)
            continue;
        last = stage[n - 1];
        size_t bit = fill_bits + 7 * total;
        room = room && smsk__bits_octets(bit + 7 * n) <= dst_cap;
        if (room)
            smsk__septet_pack_at(impl, dst, dst_cap, bit, stage, n);
        total += n;
    } while (st == NO_SPACE_YET);
    if ((flags & SMSK_GSM7_CR_PAD) && smsk__cr_pad_needed(total, fill_bits, last == SMSK__CR)) {
        static const uint8_t cr = SMSK__CR;
        size_t bit = fill_bits + 7 * total;
        room = room && smsk__bits_octets(bit + 7) <= dst_cap;
        if (room)
            smsk__septet_pack_at(impl, dst, dst_cap, bit, &cr, 1);
        total++;
    }
    *n_septets = total;
    if (!room)
        return smsk__fail(diag, SMSK_E_NOSPACE, text_len, SMSK_NO_CODEPOINT, "destination too small");
    *dst_len = total ? smsk__bits_octets(fill_bits + 7 * total) : 0;
    return SMSK_OK;
}

/* ---------------------------------------------------------------------
 * Decoding
 * ------------------------------------------------------------------- */

typedef smsk__gsm7_decoder decoder; /* lib/gsm7.h */

static smsk_status put_cp(decoder *d, uint32_t cp)
{
    size_t k = smsk__utf8_len(cp);
    if (d->cap - d->len < k)
        return SMSK_E_NOSPACE;
    d->len += smsk__utf8_put(d->dst + d->len, cp);
    return SMSK_OK;
}

static smsk_status no_character(decoder *d, size_t offset, smsk_diag *diag)
{
    if (d->flags & SMSK_GSM7_LENIENT)
        return put_cp(d, 0xFFFD);
    return smsk__fail(diag, SMSK_E_MALFORMED, offset, SMSK_NO_CODEPOINT, "septet holds no character in this table");
}

/*
 * Decode `n` septets; `offset_of(i)` for error reports is `base + i`
 * times `scale` (1 for unpacked septets) -- kept simple by passing the
 * offset of each septet's first octet through `offsets`.
 */
typedef struct septet_offsets {
    size_t base_index; /* index of septets[0] in the whole text */
    unsigned fill;     /* packed input: fill bits; unpacked: ignored */
    int packed;
} septet_offsets;

static size_t offset_of(const septet_offsets *o, size_t i)
{
    size_t k = o->base_index + i;
    return o->packed ? (o->fill + 7 * k) / 8 : k;
}

static smsk_status decode_chunk(decoder *d, const uint8_t *sept, size_t n,
        const septet_offsets *offs, smsk_diag *diag)
{
    const uint8_t *fast = d->lock->to_ascii;
    int default_alphabet = d->lock == smsk__gsm7_locking[SMSK_LANG_DEFAULT];
    size_t i = 0;
    while (i < n) {
        if (default_alphabet && !d->escaped) {
            size_t room = n - i < d->cap - d->len ? n - i : d->cap - d->len;
            size_t k = smsk__ascii7_decode_run(d->dst + d->len, sept + i, room);
            d->len += k;
            i += k;
        }
        while (!d->escaped && n - i >= 8 && d->cap - d->len >= 8) {
            uint8_t m[8], bad = 0;
            for (unsigned k = 0; k < 8; k++) {
                uint8_t s = sept[i + k];
                m[k] = fast[s & 0x7F];
                bad |= (uint8_t)(m[k] | s);
            }
            if (bad & 0x80)
                break;
            memcpy(d->dst + d->len, m, 8);
            d->len += 8;
            i += 8;
        }
        if (i >= n)
            break;
        uint8_t s = sept[i];
        smsk_status st;
        if (s > 0x7F)
            return smsk__fail(diag, SMSK_E_RANGE, offset_of(offs, i), SMSK_NO_CODEPOINT, "septet value above 0x7F");
        if (d->escaped) {
            d->escaped = 0;
            if (s == SMSK__GSM7_ESC) {
                st = put_cp(d, ' '); /* 6.2.1.1 note 1 */
            } else {
                uint16_t cp = d->single->to_cp[s];
                if (cp == SMSK__GSM7_NONE)
                    cp = d->lock->to_cp[s]; /* 6.2.1.1: show the main table's character */
                st = cp == SMSK__GSM7_NONE ? no_character(d, offset_of(offs, i), diag) : put_cp(d, cp);
            }
        } else if (s == SMSK__GSM7_ESC) {
            d->escaped = 1;
            d->esc_offset = offset_of(offs, i);
            st = SMSK_OK;
        } else {
            uint16_t cp = d->lock->to_cp[s];
            st = cp == SMSK__GSM7_NONE ? no_character(d, offset_of(offs, i), diag) : put_cp(d, cp);
        }
        if (st == SMSK_E_NOSPACE)
            return smsk__fail(diag, st, offset_of(offs, i), SMSK_NO_CODEPOINT, "destination too small");
        SMSK_CHECK(st);
        i++;
    }
    return SMSK_OK;
}

static smsk_status decode_finish(decoder *d, smsk_diag *diag)
{
    if (d->escaped && !(d->flags & SMSK_GSM7_LENIENT))
        return smsk__fail(diag, SMSK_E_TRUNC, d->esc_offset, SMSK_NO_CODEPOINT, "escape septet without the septet it escapes");
    return SMSK_OK;
}

static smsk_status decoder_init(decoder *d, char *dst, size_t cap,
        smsk_gsm7_shift shift, unsigned flags, unsigned allowed,
        smsk_diag *diag)
{
    if (!SMSK_BUF_OK(dst, cap) || (flags & ~allowed) != 0
            || smsk__gsm7_tables(shift, &d->lock, &d->single) != SMSK_OK)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL destination, unknown flag or table");
    d->dst = (uint8_t *)dst;
    d->cap = cap;
    d->len = 0;
    d->flags = flags;
    d->escaped = 0;
    d->esc_offset = 0;
    return SMSK_OK;
}

smsk_status smsk_gsm7_decode(char *dst, size_t dst_cap, size_t *dst_len,
        const uint8_t *septets, size_t n_septets, smsk_gsm7_shift shift,
        unsigned flags, smsk_diag *diag)
{
    decoder d;
    if (dst_len == NULL || !SMSK_BUF_OK(septets, n_septets))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer");
    *dst_len = 0;
    SMSK_CHECK(decoder_init(&d, dst, dst_cap, shift, flags, SMSK_GSM7_LENIENT, diag));
    septet_offsets offs = {0, 0, 0};
    SMSK_CHECK(decode_chunk(&d, septets, n_septets, &offs, diag));
    SMSK_CHECK(decode_finish(&d, diag));
    *dst_len = d.len;
    return SMSK_OK;
}

smsk_status smsk_gsm7_decode_packed(char *dst, size_t dst_cap,
        size_t *dst_len, const uint8_t *src, size_t src_len,
        size_t n_septets, smsk_gsm7_shift shift, unsigned fill_bits,
        unsigned flags, smsk_diag *diag)
{
    decoder d;
    if (dst_len == NULL || !SMSK_BUF_OK(src, src_len) || fill_bits > 6)
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT, "NULL pointer or fill bits above 6");
    *dst_len = 0;
    SMSK_CHECK(decoder_init(&d, dst, dst_cap, shift, flags,
            SMSK_GSM7_LENIENT | SMSK_GSM7_CR_PAD, diag));
    size_t n = n_septets;
    if (n == SMSK_SEPTETS_ALL)
        n = SMSK_OCTETS_SEPTETS(src_len, fill_bits);
    else if (n > src_len * 2 || (n > 0 && smsk__bits_octets(fill_bits + 7 * n) > src_len))
        return smsk__fail(diag, SMSK_E_TRUNC, src_len, SMSK_NO_CODEPOINT, "user data shorter than its septet count");
    smsk__septet_impl impl = smsk__septet_auto_impl();
    if ((flags & SMSK_GSM7_CR_PAD) && n > 0) {
        uint8_t last;
        smsk__septet_unpack_at(impl, &last, src, src_len, fill_bits + 7 * (n - 1), 1);
        if (smsk__cr_pad_present(n, fill_bits, last == SMSK__CR))
            n--; /* TS 23.038 6.1.2.3.1: the final CR was fill */
    }
    uint8_t stage[STAGE];
    size_t done = smsk__ascii7_unpack_run(d.dst, d.cap, src, src_len, fill_bits, n, d.lock->to_ascii);
    d.len = done;
    while (done < n) {
        size_t k = n - done < STAGE ? n - done : STAGE;
        smsk__septet_unpack_at(impl, stage, src, src_len, fill_bits + 7 * done, k);
        septet_offsets offs = {done, fill_bits, 1};
        SMSK_CHECK(decode_chunk(&d, stage, k, &offs, diag));
        done += k;
    }
    SMSK_CHECK(decode_finish(&d, diag));
    *dst_len = d.len;
    return SMSK_OK;
}

smsk_status smsk__gsm7_decoder_init(smsk__gsm7_decoder *d, char *dst,
        size_t cap, smsk_gsm7_shift shift, unsigned flags, smsk_diag *diag)
{
    return decoder_init(d, dst, cap, shift, flags, SMSK_GSM7_LENIENT, diag);
}

smsk_status smsk__gsm7_decode_more(smsk__gsm7_decoder *d,
        const uint8_t *septets, size_t n, smsk_diag *diag)
{
    septet_offsets offs = {0, 0, 0};
    return decode_chunk(d, septets, n, &offs, diag);
}

smsk_status smsk__gsm7_decode_end(smsk__gsm7_decoder *d, smsk_diag *diag)
{
    return decode_finish(d, diag);
}
