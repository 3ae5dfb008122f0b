/* SPDX-License-Identifier: MIT */
/*
 * Reassembly of concatenated messages (TS 23.040 9.2.3.24.1, .8): a
 * script of operations on an engine in a few KB of memory, checked
 * against a model of what it must hold.
 *
 * Input: three header bytes, then operations.
 *   byte 0  parts the memory holds: 1 + byte % 12 (eviction comes soon)
 *   byte 1  timeout: 0 never, else byte * 250 ms
 *   byte 2  byte % 64 octets of memory more than smsk_reasm_mem_size()
 *           asks for (capacity_parts must not change)
 * Each operation is an opcode byte (its value % 8) and its operands:
 *   0-2 add a part: a = bits 1..0 originator (4 of them, two differing
 *       only in TON), bits 3..2 % 3 the alphabet (GSM 7-bit, UCS-2,
 *       8-bit), bit 4 a 16-bit reference, bit 5 Turkish national
 *       tables (their IEs in the UDH), bit 6 TP-DCS with a message
 *       class, bit 7 SMS-SUBMIT instead of SMS-DELIVER; ref = byte % 4;
 *       t = byte: bit 4 no concatenation IE, else total (t & 15) % 5
 *       (0: an IE the receiver ignores); seq = byte % (total + 2); then
 *       a length byte (% 12) and that many bytes of text (each byte
 *       picks one of 16 characters) or data;
 *   3   advance the clock by byte * 37 ms (0xF0 and above: by the
 *       timeout);
 *   4   smsk_reasm_expire;
 *   5   smsk_reasm_flush;
 *   6   export and import (byte: bit 0 go on with the engine imported
 *       into, bit 1 also import the state into the engine itself, bit 2
 *       also import it into an engine of 1 + (byte >> 3) % 8 parts);
 *   7   import an export with one octet changed (pos byte, xor byte,
 *       and a byte whose bit 0 says whether to fix the CRC-32).
 * The script ends with smsk_reasm_flush; then the whole input is
 * imported into a fresh engine as it is.
 *
 * Invariants (the model holds, per key of originator, reference,
 * reference bits and total, the first part of each sequence number that
 * was accepted, with its TP-DCS, TP-UDL, TP-UD, text or data, and the
 * message's first arrival, last arrival and duplicates):
 *  - every callback is for a message the model holds (or the part that
 *    was just added, when it has no concatenation IE, total 1 or an
 *    ignored IE), with exactly the parts the model holds for its key;
 *    COMPLETE only when the added part was the last one missing;
 *    TIMEOUT only when it is as old as the timeout; EVICTED only when
 *    every part slot is taken, and for a message no younger than any
 *    other; FLUSHED only from smsk_reasm_flush; none during import into
 *    a fresh engine or into the engine itself;
 *  - a handed-over message's text (all parts text) is the parts' texts
 *    in order with U+FFFD for each missing part, its data (all parts
 *    8-bit) the parts' data in order; mixed ones are SMSK_E_UNSUPPORTED
 *    both ways; first_ms, last_ms and duplicates are the model's;
 *  - smsk_reasm_add returns OK for a completed message, SMSK_MORE for a
 *    stored part or an exact duplicate (counted), SMSK_E_MALFORMED for a
 *    different part with a held key and number (counted, not merged:
 *    the first part stays); pending_messages, pending_parts, duplicates
 *    and conflicts always agree with the model; no message older than
 *    the timeout is left after smsk_reasm_add or smsk_reasm_expire;
 *  - every part accepted is handed over exactly once: after the final
 *    flush the model is empty and the callbacks saw as many parts as
 *    were accepted;
 *  - export + import into a fresh engine of the same size succeeds, with
 *    no callback, gives the same pending counts and exports to the same
 *    octets; into the engine itself it succeeds when the memory has room
 *    for the parts again (else SMSK_E_LIMIT, unchanged), every part
 *    counted as a duplicate; into a smaller engine it succeeds exactly
 *    when the parts fit (else SMSK_E_LIMIT, nothing held);
 *  - an export with one octet changed and the CRC left is never
 *    imported; with the CRC fixed, it is either refused (leaving the
 *    engine empty) or makes an engine whose flush hands over exactly its
 *    pending parts and whose export imports again; the engine exported
 *    from is unchanged;
 *  - importing the raw input never crashes.
 */
#include <smskit.h>

#include "fuzz.h"

#define MAX_TOTAL 4u
#define MAX_MSGS 16u
#define MAX_PAYLOAD 64u
#define FFFD "\xEF\xBF\xBD"

/* Characters the text bytes pick: GSM 7-bit default, its extension
 * table, Turkish, and two that only UCS-2 holds. */
static const char *const ALPHABET[16] = {
    "a", "B", "7", " ", "@", "{", "\xE2\x82\xAC", "\n",
    "\xC3\xA9", "\xC5\x9E", "\xC3\xA7", "\xD0\x96", "\xF0\x9F\x98\x80",
    "\xC3\xB1", "~", ".",
};

typedef struct mpart {
    int held;
    uint8_t dcs;
    size_t udl, ud_len;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    int data;                 /* 8-bit (else text) */
    uint8_t payload[MAX_PAYLOAD];
    size_t payload_len;       /* the text (UTF-8) or the data */
} mpart;

typedef struct mkey {
    smsk_addr addr;
    unsigned ref, ref_bits, total;
} mkey;

typedef struct mmsg {
    int used;
    mkey key;
    uint64_t first_ms, last_ms;
    size_t duplicates, parts;
    mpart part[MAX_TOTAL];
} mmsg;

enum phase { IDLE, ADDING, EXPIRING, FLUSHING, IMPORTING };

typedef struct model {
    mmsg msg[MAX_MSGS];
    size_t capacity, parts, messages;
    size_t duplicates, conflicts;  /* the engine's counters */
    uint64_t timeout, now;
    enum phase phase;
    /* the part being added */
    mkey in_key;
    unsigned in_seq;
    int in_single;
    mpart in_part;
    int in_completed, singles;
    size_t accepted, handed;
} model;

/* What an engine that is not the model's hands over. */
typedef struct scratch {
    size_t handed, callbacks;
} scratch;

static int same_key(const mkey *a, const mkey *b)
{
    return a->addr.ton == b->addr.ton && a->addr.npi == b->addr.npi
            && a->addr.len == b->addr.len
            && memcmp(a->addr.text, b->addr.text, a->addr.len) == 0
            && a->ref == b->ref && a->ref_bits == b->ref_bits
            && a->total == b->total;
}

static mmsg *find_msg(model *m, const mkey *k)
{
    for (size_t i = 0; i < MAX_MSGS; i++)
        if (m->msg[i].used && same_key(&m->msg[i].key, k))
            return &m->msg[i];
    return NULL;
}

static int same_part(const mpart *a, const mpart *b)
{
    return a->dcs == b->dcs && a->udl == b->udl && a->ud_len == b->ud_len
            && memcmp(a->ud, b->ud, a->ud_len) == 0;
}

/* A message's duplicates: the engine keeps 32 bits (the export's field)
 * and stops counting at UINT32_MAX. */
static size_t dup_add(size_t d, size_t n)
{
    return n >= UINT32_MAX - d ? UINT32_MAX : d + n;
}

static int expired(const model *m, const mmsg *g)
{
    return m->timeout != 0 && m->now >= g->first_ms
            && m->now - g->first_ms >= m->timeout;
}

/* ---------------------------------------------------------------------
 * What a handed-over message must show
 * ------------------------------------------------------------------- */

/* Parts by sequence number, NULL for the missing ones. */
static void check_content(const smsk_reasm_msg *msg, const mpart *const *parts,
        unsigned total)
{
    int any_data = 0, any_text = 0;
    uint8_t expect[MAX_TOTAL * MAX_PAYLOAD + 16];
    size_t n = 0;
    for (unsigned i = 0; i < total; i++) {
        if (parts[i] == NULL)
            continue;
        if (parts[i]->data)
            any_data = 1;
        else
            any_text = 1;
    }
    size_t len = (size_t)-1;
    smsk_status st;
    if (any_data && any_text) {
        FUZZ_ASSERT(smsk_reasm_msg_text(NULL, 0, &len, msg) == SMSK_E_UNSUPPORTED);
        FUZZ_ASSERT(smsk_reasm_msg_data(NULL, 0, &len, msg) == SMSK_E_UNSUPPORTED);
        return;
    }
    for (unsigned i = 0; i < total; i++) {
        if (parts[i] != NULL) {
            memcpy(expect + n, parts[i]->payload, parts[i]->payload_len);
            n += parts[i]->payload_len;
        } else if (!any_data) {
            memcpy(expect + n, FFFD, 3);
            n += 3;
        }
    }
    if (any_data) {
        FUZZ_ASSERT(smsk_reasm_msg_text(NULL, 0, &len, msg) == SMSK_E_UNSUPPORTED);
        st = smsk_reasm_msg_data(NULL, 0, &len, msg);
    } else {
        FUZZ_ASSERT(smsk_reasm_msg_data(NULL, 0, &len, msg) == SMSK_E_UNSUPPORTED);
        st = smsk_reasm_msg_text(NULL, 0, &len, msg);
    }
    FUZZ_ASSERT(st == (n > 0 ? SMSK_E_NOSPACE : SMSK_OK));
    FUZZ_ASSERT(len == n);
    uint8_t *out = fuzz_guarded(n);
    size_t got = (size_t)-1;
    st = any_data ? smsk_reasm_msg_data(out, n, &got, msg)
                  : smsk_reasm_msg_text((char *)out, n, &got, msg);
    FUZZ_ASSERT(st == SMSK_OK && got == n);
    FUZZ_ASSERT(n == 0 || memcmp(out, expect, n) == 0);
    FUZZ_ASSERT(fuzz_guard_intact(out, n));
    free(out);
}

static void check_present(const smsk_reasm_msg *msg, const mpart *const *parts,
        unsigned total)
{
    size_t n = 0;
    FUZZ_ASSERT(msg->total == total && msg->present != NULL);
    for (unsigned i = 0; i < total; i++) {
        FUZZ_ASSERT(msg->present[i] == (parts[i] != NULL));
        n += parts[i] != NULL;
    }
    FUZZ_ASSERT(msg->parts_present == n);
}

static void on_single(model *m, const smsk_reasm_msg *msg)
{
    FUZZ_ASSERT(m->phase == ADDING && m->in_single && m->singles == 0);
    m->singles++;
    FUZZ_ASSERT(msg->reason == SMSK_REASM_COMPLETE);
    FUZZ_ASSERT(msg->originator.len == m->in_key.addr.len
            && msg->originator.ton == m->in_key.addr.ton
            && msg->originator.npi == m->in_key.addr.npi
            && memcmp(msg->originator.text, m->in_key.addr.text,
                    msg->originator.len) == 0);
    FUZZ_ASSERT(msg->first_ms == m->now && msg->last_ms == m->now);
    FUZZ_ASSERT(msg->duplicates == 0);
    const mpart *parts[1] = {&m->in_part};
    check_present(msg, parts, 1);
    check_content(msg, parts, 1);
    m->handed++;
}

static void on_message(const smsk_reasm_msg *msg, void *user)
{
    model *m = user;
    FUZZ_ASSERT(m->phase != IDLE && m->phase != IMPORTING);
    if (m->in_single && m->phase == ADDING && msg->total == 1) {
        on_single(m, msg);
        return;
    }
    mkey k;
    memset(&k, 0, sizeof k);
    k.addr = msg->originator;
    k.ref = msg->ref;
    k.ref_bits = msg->ref_bits;
    k.total = msg->total;
    mmsg *g = find_msg(m, &k);
    FUZZ_ASSERT(g != NULL);

    const mpart *parts[MAX_TOTAL];
    for (unsigned i = 0; i < g->key.total; i++)
        parts[i] = g->part[i].held ? &g->part[i] : NULL;
    uint64_t last = g->last_ms;
    switch (msg->reason) {
    case SMSK_REASM_COMPLETE:
        FUZZ_ASSERT(m->phase == ADDING && !m->in_single);
        FUZZ_ASSERT(same_key(&k, &m->in_key));
        FUZZ_ASSERT(!g->part[m->in_seq - 1].held);
        FUZZ_ASSERT(g->parts + 1 == g->key.total);
        parts[m->in_seq - 1] = &m->in_part;
        last = m->now;
        m->in_completed = 1;
        m->handed++; /* the part that completed it */
        break;
    case SMSK_REASM_TIMEOUT:
        FUZZ_ASSERT(m->phase == ADDING || m->phase == EXPIRING);
        FUZZ_ASSERT(expired(m, g));
        break;
    case SMSK_REASM_EVICTED:
        FUZZ_ASSERT(m->phase == ADDING && !m->in_single);
        FUZZ_ASSERT(m->parts == m->capacity);
        for (size_t i = 0; i < MAX_MSGS; i++)
            if (m->msg[i].used)
                FUZZ_ASSERT(m->msg[i].first_ms >= g->first_ms);
        break;
    case SMSK_REASM_FLUSHED:
        FUZZ_ASSERT(m->phase == FLUSHING);
        break;
    default:
        FUZZ_ASSERT(0);
    }
    FUZZ_ASSERT(msg->first_ms == g->first_ms && msg->last_ms == last);
    FUZZ_ASSERT(msg->duplicates == g->duplicates);
    check_present(msg, parts, g->key.total);
    check_content(msg, parts, g->key.total);
    m->handed += g->parts;
    m->parts -= g->parts;
    m->messages--;
    g->used = 0;
}

static void on_scratch(const smsk_reasm_msg *msg, void *user)
{
    scratch *s = user;
    size_t n = 0;
    for (unsigned i = 0; i < msg->total; i++)
        n += msg->present[i] != 0;
    FUZZ_ASSERT(n == msg->parts_present && n >= 1);
    s->handed += n;
    s->callbacks++;
    /* The text or data decodes (or the parts are of mixed kinds). */
    size_t len = 0;
    smsk_status st = smsk_reasm_msg_text(NULL, 0, &len, msg);
    if (st == SMSK_E_UNSUPPORTED)
        st = smsk_reasm_msg_data(NULL, 0, &len, msg);
    if (st == SMSK_E_NOSPACE) {
        uint8_t *out = fuzz_alloc(len);
        size_t got = 0;
        smsk_status st2 = smsk_reasm_msg_text((char *)out, len, &got, msg);
        if (st2 == SMSK_OK)
            FUZZ_ASSERT(smsk_utf8_validate((char *)out, got, NULL, NULL)
                    == SMSK_OK);
        else
            st2 = smsk_reasm_msg_data(out, len, &got, msg);
        FUZZ_ASSERT(st2 == SMSK_OK && got == len);
        free(out);
    } else {
        FUZZ_ASSERT(st == SMSK_OK || st == SMSK_E_UNSUPPORTED);
    }
}

/* ---------------------------------------------------------------------
 * Engines
 * ------------------------------------------------------------------- */

typedef struct engine {
    smsk_reasm r;
    void *mem;
    size_t mem_len;
} engine;

static void engine_open(engine *e, size_t parts, size_t slack,
        uint64_t timeout, smsk_reasm_cb cb, void *user)
{
    e->mem_len = smsk_reasm_mem_size(parts) + slack;
    e->mem = fuzz_alloc(e->mem_len); /* malloc: aligned to 8 */
    FUZZ_ASSERT(smsk_reasm_init(&e->r, e->mem, e->mem_len, timeout, cb, user)
            == SMSK_OK);
    FUZZ_ASSERT(e->r.capacity_parts == parts);
    FUZZ_ASSERT(e->r.pending_messages == 0 && e->r.pending_parts == 0);
}

static void engine_close(engine *e)
{
    free(e->mem);
    e->mem = NULL;
}

static void check_counts(const model *m, const smsk_reasm *r)
{
    FUZZ_ASSERT(r->pending_messages == m->messages);
    FUZZ_ASSERT(r->pending_parts == m->parts);
    FUZZ_ASSERT(r->duplicates == m->duplicates);
    FUZZ_ASSERT(r->conflicts == m->conflicts);
    FUZZ_ASSERT(m->parts <= m->capacity);
}

static uint8_t *export_state(const smsk_reasm *r, size_t *len)
{
    size_t need = 0;
    FUZZ_ASSERT(smsk_reasm_export(NULL, 0, &need, r) == SMSK_E_NOSPACE);
    FUZZ_ASSERT(need >= 17);
    uint8_t *s = fuzz_guarded(need);
    size_t got = 0;
    FUZZ_ASSERT(smsk_reasm_export(s, need, &got, r) == SMSK_OK && got == need);
    FUZZ_ASSERT(fuzz_guard_intact(s, need));
    uint8_t *exact = fuzz_dup(s, need);
    free(s);
    *len = need;
    return exact;
}

/* CRC-32, polynomial 0xEDB88320 (the export format's checksum). */
static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

/* ---------------------------------------------------------------------
 * Operations
 * ------------------------------------------------------------------- */

typedef struct origin {
    unsigned ton, npi;
    const char *text;
} origin;

static const origin ORIGINS[4] = {
    {SMSK_TON_INTERNATIONAL, SMSK_NPI_ISDN, "4915112345678"},
    {SMSK_TON_UNKNOWN, SMSK_NPI_ISDN, "4915112345678"},
    {SMSK_TON_ALPHANUMERIC, SMSK_NPI_UNKNOWN, "Telfort"},
    {SMSK_TON_UNKNOWN, SMSK_NPI_ISDN, "12345"},
};

static void op_add(model *m, engine *e, fuzz_reader *rd)
{
    unsigned a = fuzz_take_byte(rd);
    unsigned ref = fuzz_take_range(rd, 4);
    unsigned t = fuzz_take_byte(rd);
    int concat = !(t & 0x10u);
    unsigned total = (t & 15u) % 5u;
    unsigned seq = fuzz_take_range(rd, total + 2);
    size_t k = fuzz_take_range(rd, 12);
    uint8_t bytes[12];
    for (size_t i = 0; i < k; i++)
        bytes[i] = fuzz_take_byte(rd);

    smsk_tpdu *tp = fuzz_alloc(sizeof *tp);
    memset(tp, 0, sizeof *tp);
    tp->type = (a & 0x80u) ? SMSK_TPDU_SUBMIT : SMSK_TPDU_DELIVER;
    const origin *o = &ORIGINS[a & 3u];
    tp->addr.ton = o->ton;
    tp->addr.npi = o->npi;
    tp->addr.len = strlen(o->text);
    memcpy(tp->addr.text, o->text, tp->addr.len);
    tp->dcs = (a & 0x40u) ? 0x11u : 0x00u; /* class 1, or none */
    unsigned ref_bits = (a & 0x10u) ? 16u : 8u;
    if (ref_bits == 16)
        ref *= 0x101u;

    /* The concatenation IE by hand: smsk_udh_add refuses the numbers a
     * receiver ignores, which the engine must see too. */
    smsk_udh *udh = fuzz_alloc(sizeof *udh);
    smsk_udh_init(udh);
    uint8_t ie[4];
    if (concat) {
        size_t n = 0;
        if (ref_bits == 16)
            ie[n++] = (uint8_t)(ref >> 8);
        ie[n++] = (uint8_t)ref;
        ie[n++] = (uint8_t)total;
        ie[n++] = (uint8_t)seq;
        udh->ies[0].iei = ref_bits == 16 ? SMSK_IEI_CONCAT16 : SMSK_IEI_CONCAT8;
        udh->ies[0].len = (uint8_t)n;
        udh->ies[0].data = ie;
        udh->n_ies = 1;
        udh->udhl = 2 + n;
    }
    smsk_gsm7_shift shift = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    if (a & 0x20u) {
        shift.locking = shift.single = SMSK_LANG_TURKISH;
        FUZZ_ASSERT(smsk_udh_add_shift(udh, shift) == SMSK_OK);
    }

    mpart *in = &m->in_part;
    memset(in, 0, sizeof *in);
    unsigned alphabet = ((a >> 2) & 3u) % 3u;
    uint8_t ud[SMSK_UD_MAX_OCTETS];
    smsk_status st;
    if (alphabet == 2) {
        in->data = 1;
        memcpy(in->payload, bytes, k);
        in->payload_len = k;
        st = smsk_tpdu_set_data(tp, ud, sizeof ud, udh, bytes, k, NULL);
    } else {
        for (size_t i = 0; i < k; i++) {
            const char *c = ALPHABET[bytes[i] & 15u];
            size_t cl = strlen(c);
            memcpy(in->payload + in->payload_len, c, cl);
            in->payload_len += cl;
        }
        st = smsk_tpdu_set_text(tp, ud, sizeof ud, udh, (const char *)in->payload,
                in->payload_len, alphabet == 0 ? SMSK_ENC_GSM7 : SMSK_ENC_UCS2,
                shift, NULL);
    }
    free(udh);
    if (st != SMSK_OK) { /* a character the tables lack */
        FUZZ_ASSERT(alphabet == 0 && st == SMSK_E_CHARSET);
        free(tp);
        return;
    }
    in->dcs = tp->dcs;
    in->udl = tp->udl;
    in->ud_len = tp->ud_len;
    memcpy(in->ud, tp->ud, tp->ud_len);
    in->held = 1;

    /* The key the engine must use: the IE as the receiver reads it. */
    const smsk_udh *h = &tp->udh;
    int valid = concat && h->concat_present;
    FUZZ_ASSERT(valid == (concat && total >= 1 && seq >= 1 && seq <= total));
    memset(&m->in_key, 0, sizeof m->in_key);
    m->in_key.addr = tp->addr;
    m->in_key.ref = valid ? ref : 0;
    m->in_key.ref_bits = valid ? ref_bits : 0;
    m->in_key.total = valid ? total : 1;
    m->in_seq = valid ? seq : 1;
    m->in_single = !valid || total == 1;
    m->in_completed = 0;
    m->singles = 0;

    m->phase = ADDING;
    smsk_diag diag;
    st = smsk_reasm_add(&e->r, tp, m->now, &diag);
    m->phase = IDLE;
    free(tp);

    if (m->in_single) {
        FUZZ_ASSERT(st == SMSK_OK && m->singles == 1);
        m->accepted++;
    } else if (m->in_completed) {
        FUZZ_ASSERT(st == SMSK_OK);
        m->accepted++;
    } else {
        mmsg *g = find_msg(m, &m->in_key);
        mpart *held = g != NULL ? &g->part[m->in_seq - 1] : NULL;
        if (held != NULL && held->held && same_part(held, in)) {
            FUZZ_ASSERT(st == SMSK_MORE);
            g->duplicates = dup_add(g->duplicates, 1);
            m->duplicates++;
        } else if (held != NULL && held->held) {
            FUZZ_ASSERT(st == SMSK_E_MALFORMED);
            m->conflicts++;
        } else {
            FUZZ_ASSERT(st == SMSK_MORE);
            FUZZ_ASSERT(g == NULL || g->parts + 1 < g->key.total);
            if (g == NULL) {
                for (size_t i = 0; i < MAX_MSGS && g == NULL; i++)
                    if (!m->msg[i].used)
                        g = &m->msg[i];
                FUZZ_ASSERT(g != NULL);
                memset(g, 0, sizeof *g);
                g->used = 1;
                g->key = m->in_key;
                g->first_ms = m->now;
                m->messages++;
            }
            g->part[m->in_seq - 1] = *in;
            g->parts++;
            g->last_ms = m->now;
            m->parts++;
            m->accepted++;
        }
    }
    for (size_t i = 0; i < MAX_MSGS; i++)
        if (m->msg[i].used)
            FUZZ_ASSERT(!expired(m, &m->msg[i]));
    check_counts(m, &e->r);
}

static void op_expire(model *m, engine *e)
{
    m->phase = EXPIRING;
    size_t before = m->messages;
    size_t n = smsk_reasm_expire(&e->r, m->now);
    m->phase = IDLE;
    FUZZ_ASSERT(n == before - m->messages);
    for (size_t i = 0; i < MAX_MSGS; i++)
        if (m->msg[i].used)
            FUZZ_ASSERT(!expired(m, &m->msg[i]));
    check_counts(m, &e->r);
}

static void op_flush(model *m, engine *e)
{
    m->phase = FLUSHING;
    size_t before = m->messages;
    size_t n = smsk_reasm_flush(&e->r);
    m->phase = IDLE;
    FUZZ_ASSERT(n == before && m->messages == 0 && m->parts == 0);
    check_counts(m, &e->r);
}

/* Export, then import into a fresh engine of the same size (and maybe
 * into the engine itself and into a smaller one). */
static void op_roundtrip(model *m, engine *e, fuzz_reader *rd)
{
    unsigned b = fuzz_take_byte(rd);
    size_t len = 0;
    uint8_t *s = export_state(&e->r, &len);

    engine f;
    engine_open(&f, m->capacity, e->mem_len - smsk_reasm_mem_size(m->capacity),
            m->timeout, on_message, m);
    m->phase = IMPORTING;
    smsk_diag diag;
    FUZZ_ASSERT(smsk_reasm_import(&f.r, s, len, &diag) == SMSK_OK);
    m->phase = IDLE;
    FUZZ_ASSERT(f.r.pending_messages == e->r.pending_messages);
    FUZZ_ASSERT(f.r.pending_parts == e->r.pending_parts);
    FUZZ_ASSERT(f.r.duplicates == 0 && f.r.conflicts == 0);
    size_t len2 = 0;
    uint8_t *s2 = export_state(&f.r, &len2);
    FUZZ_ASSERT(len2 == len && memcmp(s, s2, len) == 0);
    free(s2);

    if (b & 4u) {
        scratch sc = {0, 0};
        engine g;
        size_t small = 1 + (b >> 3) % 8u;
        engine_open(&g, small, 0, m->timeout, on_scratch, &sc);
        smsk_status st = smsk_reasm_import(&g.r, s, len, &diag);
        if (m->parts <= small) {
            FUZZ_ASSERT(st == SMSK_OK);
            FUZZ_ASSERT(g.r.pending_parts == m->parts
                    && g.r.pending_messages == m->messages);
        } else {
            FUZZ_ASSERT(st == SMSK_E_LIMIT);
            FUZZ_ASSERT(g.r.pending_parts == 0 && g.r.pending_messages == 0);
        }
        FUZZ_ASSERT(sc.callbacks == 0);
        engine_close(&g);
    }

    if (b & 1u) { /* go on with the imported engine */
        engine_close(e);
        *e = f;
        m->duplicates = m->conflicts = 0;
    } else {
        engine_close(&f);
    }

    if (b & 2u) { /* import the state into the engine it came from */
        m->phase = IMPORTING;
        smsk_status st = smsk_reasm_import(&e->r, s, len, &diag);
        m->phase = IDLE;
        if (2 * m->parts > m->capacity) {
            FUZZ_ASSERT(st == SMSK_E_LIMIT);
        } else {
            /* Every part is held already: each counts as a duplicate,
             * and the messages' counts are summed with the state's. */
            FUZZ_ASSERT(st == SMSK_OK);
            for (size_t i = 0; i < MAX_MSGS; i++)
                if (m->msg[i].used)
                    m->msg[i].duplicates = dup_add(m->msg[i].duplicates,
                            m->msg[i].duplicates + m->msg[i].parts);
            m->duplicates += m->parts;
        }
    }
    check_counts(m, &e->r);
    free(s);
}

/* An engine made by importing `s`: consistent, and exports again. */
static void check_imported(const engine *c, size_t capacity)
{
    FUZZ_ASSERT(c->r.pending_parts <= capacity);
    FUZZ_ASSERT(c->r.pending_messages <= c->r.pending_parts);
    size_t len = 0;
    uint8_t *s = export_state(&c->r, &len);
    scratch sd = {0, 0};
    engine d;
    engine_open(&d, capacity, 0, 0, on_scratch, &sd);
    FUZZ_ASSERT(smsk_reasm_import(&d.r, s, len, NULL) == SMSK_OK);
    FUZZ_ASSERT(d.r.pending_parts == c->r.pending_parts
            && d.r.pending_messages == c->r.pending_messages);
    FUZZ_ASSERT(sd.callbacks == 0);
    engine_close(&d);
    free(s);
}

static void op_corrupt(model *m, engine *e, fuzz_reader *rd)
{
    unsigned pos_b = fuzz_take_byte(rd), x = fuzz_take_byte(rd);
    int fix = fuzz_take_byte(rd) & 1u;
    size_t len = 0;
    uint8_t *s = export_state(&e->r, &len);
    size_t pos = pos_b % len;
    s[pos] = (uint8_t)(s[pos] ^ (x | 1u));
    if (fix && pos < len - 4) {
        uint32_t c = crc32(s, len - 4);
        for (int i = 0; i < 4; i++)
            s[len - 4 + (size_t)i] = (uint8_t)(c >> (24 - 8 * i));
    } else {
        fix = 0;
    }

    scratch sc = {0, 0};
    engine c;
    engine_open(&c, m->capacity, 0, m->timeout, on_scratch, &sc);
    smsk_diag diag;
    diag.offset = (size_t)-1;
    smsk_status st = smsk_reasm_import(&c.r, s, len, &diag);
    if (st == SMSK_OK) {
        FUZZ_ASSERT(fix);
        size_t parts = c.r.pending_parts, msgs = c.r.pending_messages;
        size_t handed = sc.handed;
        check_imported(&c, m->capacity);
        FUZZ_ASSERT(smsk_reasm_flush(&c.r) == msgs);
        FUZZ_ASSERT(c.r.pending_parts == 0 && c.r.pending_messages == 0);
        FUZZ_ASSERT(sc.handed == handed + parts);
    } else {
        FUZZ_ASSERT(st == SMSK_E_MALFORMED || st == SMSK_E_TRUNC
                || st == SMSK_E_LIMIT);
        FUZZ_ASSERT(diag.offset <= len);
        FUZZ_ASSERT(c.r.pending_parts == 0 && c.r.pending_messages == 0);
        FUZZ_ASSERT(sc.callbacks == 0);
    }
    engine_close(&c);
    free(s);
    check_counts(m, &e->r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *input = fuzz_dup(data, size);
    fuzz_reader rd = fuzz_reader_init(input, size);
    model *m = fuzz_alloc(sizeof *m);
    memset(m, 0, sizeof *m);
    m->capacity = 1 + fuzz_take_range(&rd, 12);
    m->timeout = 250u * fuzz_take_byte(&rd);
    size_t slack = fuzz_take_range(&rd, 64);
    m->now = 1000;

    engine e;
    engine_open(&e, m->capacity, slack, m->timeout, on_message, m);

    while (rd.size > 0) {
        switch (fuzz_take_byte(&rd) % 8u) {
        case 0:
        case 1:
        case 2:
            op_add(m, &e, &rd);
            break;
        case 3: {
            unsigned b = fuzz_take_byte(&rd);
            m->now += b >= 0xF0u ? (m->timeout ? m->timeout : 1u) : 37u * b;
            break;
        }
        case 4:
            op_expire(m, &e);
            break;
        case 5:
            op_flush(m, &e);
            break;
        case 6:
            op_roundtrip(m, &e, &rd);
            break;
        default:
            op_corrupt(m, &e, &rd);
            break;
        }
    }
    op_flush(m, &e);
    FUZZ_ASSERT(m->handed == m->accepted);
    engine_close(&e);

    /* The raw input as a state: never a crash. */
    scratch sc = {0, 0};
    engine c;
    engine_open(&c, 4, 0, 0, on_scratch, &sc);
    if (smsk_reasm_import(&c.r, input, size, NULL) == SMSK_OK) {
        size_t parts = c.r.pending_parts;
        (void)smsk_reasm_flush(&c.r);
        FUZZ_ASSERT(sc.handed == parts);
    } else {
        FUZZ_ASSERT(c.r.pending_parts == 0 && sc.callbacks == 0);
    }
    engine_close(&c);

    free(m);
    free(input);
    return 0;
}
