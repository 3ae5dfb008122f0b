/* SPDX-License-Identifier: MIT */
/*
 * Reassembly of concatenated short messages (TS 23.040 9.2.3.24.1 with
 * 8-bit references, 9.2.3.24.8 with 16-bit references) in memory the
 * caller provides.
 *
 * How this works:
 *  - `mem` holds three arrays, all indexed by uint32 (nothing in it is a
 *    pointer, which keeps export simple): one slot per storable part (its
 *    TP-DCS, TP-UDL and TP-UD as sent, where the text starts, its
 *    national tables and arrival time), one message record per slot, and
 *    an open-addressing hash table (linear probing, a power of two of at
 *    least twice as many buckets as slots, deletion by backward shift, no
 *    tombstones) from a message's key to its record.
 *  - A message's record is the record of the slot its first stored part
 *    took (its anchor). That slot stays taken while the message lives, so
 *    records need no free list of their own and there are never more
 *    messages than slots. Free slots form one singly linked list.
 *  - Key: originator (TON, NPI, text), reference, reference size (8 or
 *    16 bits: different messages even with the same number) and total.
 *    A message's parts form an unordered list; a 255-bit map says which
 *    sequence numbers it holds, so a part is placed, or found to be a
 *    duplicate, in O(1); a duplicate's bytes are compared against the
 *    held part (a walk of at most 254 slots, only for repeated numbers).
 *  - The part that completes a message is never stored: the message is
 *    handed over with it, so a P-part message needs P-1 slots. A message
 *    with no concatenation IE, or whose IE TS 23.040 9.2.3.24.1 tells the
 *    receiver to ignore (total 0, sequence 0 or above the total), or of
 *    one part, is handed over at once and needs no memory.
 *  - Age: a doubly linked list in order of first arrival (inserted from
 *    the newest end, O(1) for a clock that does not go back). Expiry
 *    takes from the oldest end; when no slot is free the oldest partial
 *    message is handed over as SMSK_REASM_EVICTED, even the one the part
 *    belongs to (which the part then starts again).
 *  - Hand-over: the message is unlinked from the table and the age list,
 *    the callback gets a view (one slot pointer per sequence number, on
 *    the stack), then its slots return to the free list.
 *  - Text: the parts are decoded in order as one stream, each with its
 *    own DCS and national tables (9.2.3.24.15-16; TS 23.038 Annex C.2: a
 *    shift holds to the end of the current segment). GSM 7-bit text starts
 *    at septet ceil(8 * (UDHL + 1) / 7) of a part (9.2.3.24: the fill
 *    bits), and one decoder runs over all parts, so an escape at the end
 *    of a part escapes the first septet of the next (TS 23.038 6.2.1.1).
 *    UCS-2 octets are joined, so a surrogate pair (or an odd octet) split
 *    between parts is joined again. A missing part is one U+FFFD; a
 *    pending escape is dropped there and a pending half of a UTF-16 unit
 *    or pair becomes U+FFFD. Decoding is lenient: the message has arrived
 *    and is shown as well as it can be. 8-bit and compressed (TS 23.042)
 *    parts have no text: their octets after the UDH are the data.
 *  - smsk_reasm_add reads the UDH from the octets it keeps, not from the
 *    caller's parsed `tpdu->udh`, and so does import.
 *  - Export: "SMSKRSM1", a version octet, a message count, the messages
 *    oldest first (key, times, duplicates, parts in sequence order with
 *    their TP-DCS, TP-UDL, arrival time and TP-UD), then a CRC-32
 *    (polynomial 0xEDB88320) of everything before it; integers are big
 *    endian. Import checks all of it, then that the memory has a slot for
 *    every part, before it touches the engine; it then adds the parts as
 *    smsk_reasm_add would (a message it completes is handed over). The
 *    UDH of each part is parsed again from its bytes, so what is held
 *    always follows from the bytes, and an exported state always imports.
 *    Times are the caller's: a gateway that exports should use a clock
 *    that survives its restart (wall-clock milliseconds).
 */
#include "gsm7.h"
#include "septet.h"
#include "utf8.h"

#define NIL 0xFFFFFFFFu
#define MAX_SLOTS 0x40000000u /* buckets stay below 2^32 */
#define SEQ_MAX SMSK_MAX_PARTS

enum { KIND_GSM7 = 0, KIND_DATA = 1, KIND_UCS2 = 2 };

typedef struct slot {
    uint64_t time;   /* arrival */
    uint32_t next;   /* next part of the message, or next free slot */
    uint8_t seq;     /* sequence number (9.2.3.24.1) */
    uint8_t dcs;     /* TP-DCS as sent */
    uint8_t udl;     /* TP-UDL as sent */
    uint8_t ud_len;  /* TP-UD octets that TP-UDL covers */
    uint8_t kind;    /* KIND_* */
    uint8_t skip;    /* septets (GSM 7-bit) or octets before the text */
    uint8_t lock, single; /* national language tables (smsk_lang) */
    uint8_t ud[SMSK_UD_MAX_OCTETS];
} slot;

typedef struct record {
    uint64_t first_ms, last_ms;
    uint64_t have[4];      /* bit seq-1: part seq is held */
    uint32_t head;         /* first slot of the part list */
    uint32_t older, newer; /* age list */
    uint32_t hash;
    uint32_t duplicates;
    uint16_t ref;
    uint8_t ref_bits, total, parts;
    uint8_t ton, npi, addr_len;
    char addr[SMSK_ADDR_TEXT_MAX];
} record;

_Static_assert(sizeof(slot) % 8 == 0, "slots keep 8-byte alignment");
_Static_assert(sizeof(record) % 8 == 0, "records keep 8-byte alignment");

/* What the callback's `priv` points to: the parts by sequence number. */
typedef struct view {
    unsigned total;
    const slot *part[SEQ_MAX];
} view;

typedef struct key {
    const smsk_addr *addr;
    unsigned ref, ref_bits, total;
    uint32_t hash;
} key;

typedef struct concat {
    int present;
    unsigned ref, ref_bits, total, seq;
} concat;

/* ---------------------------------------------------------------------
 * Memory
 * ------------------------------------------------------------------- */

static size_t bucket_count(size_t parts)
{
    size_t b = 2;
    while (b < 2 * parts)
        b <<= 1;
    return b;
}

size_t smsk_reasm_mem_size(size_t parts)
{
    if (parts > MAX_SLOTS)
        return SIZE_MAX;
    size_t per = sizeof(slot) + sizeof(record), b = bucket_count(parts);
    if (b > SIZE_MAX / sizeof(uint32_t))
        return SIZE_MAX;
    size_t buckets = b * sizeof(uint32_t);
    if (parts > (SIZE_MAX - buckets) / per)
        return SIZE_MAX;
    return parts * per + buckets;
}

/* The most parts `mem_len` bytes hold (at least 1: checked before). */
static size_t parts_fitting(size_t mem_len)
{
    size_t lo = 1, hi = mem_len / (sizeof(slot) + sizeof(record));
    if (hi > MAX_SLOTS)
        hi = MAX_SLOTS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        if (smsk_reasm_mem_size(mid) <= mem_len)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static slot *slots(const smsk_reasm *r)
{
    return (slot *)r->mem_;
}

static record *rec(const smsk_reasm *r, uint32_t m)
{
    return (record *)(void *)((uint8_t *)r->mem_ + r->n_slots_ * sizeof(slot)) + m;
}

static uint32_t *buckets(const smsk_reasm *r)
{
    return (uint32_t *)(void *)rec(r, (uint32_t)r->n_slots_);
}

static int engine_ok(const smsk_reasm *r)
{
    return r != NULL && r->mem_ != NULL && r->cb_ != NULL && r->n_slots_ > 0;
}

smsk_status smsk_reasm_init(smsk_reasm *r, void *mem, size_t mem_len,
        uint64_t timeout_ms, smsk_reasm_cb cb, void *user)
{
    if (r == NULL || mem == NULL || cb == NULL || (uintptr_t)mem % 8 != 0
            || mem_len < smsk_reasm_mem_size(1))
        return SMSK_E_ARG;
    size_t n = parts_fitting(mem_len);
    memset(r, 0, sizeof *r);
    r->capacity_parts = n;
    r->mem_ = mem;
    r->mem_len_ = mem_len;
    r->timeout_ms_ = timeout_ms;
    r->cb_ = cb;
    r->user_ = user;
    r->n_slots_ = n;
    r->n_buckets_ = bucket_count(n);
    r->oldest_ = r->newest_ = NIL;
    slot *s = slots(r);
    for (size_t i = 0; i < n; i++)
        s[i].next = i + 1 < n ? (uint32_t)(i + 1) : NIL;
    r->free_ = 0;
    memset(buckets(r), 0xFF, r->n_buckets_ * sizeof(uint32_t));
    return SMSK_OK;
}

/* ---------------------------------------------------------------------
 * Keys and the hash table
 * ------------------------------------------------------------------- */

static uint32_t fnv(uint32_t h, unsigned octet)
{
    return (h ^ (octet & 0xFFu)) * 16777619u;
}

static void key_make(key *k, const smsk_addr *a, const concat *c)
{
    uint32_t h = 2166136261u;
    k->addr = a;
    k->ref = c->ref;
    k->ref_bits = c->ref_bits;
    k->total = c->total;
    h = fnv(fnv(fnv(h, a->ton), a->npi), (unsigned)a->len);
    for (size_t i = 0; i < a->len; i++)
        h = fnv(h, (uint8_t)a->text[i]);
    h = fnv(fnv(fnv(fnv(h, c->ref >> 8), c->ref), c->ref_bits), c->total);
    h ^= h >> 16; /* FNV's low bits are weak; the table masks them */
    h *= 0x7FEB352Du;
    h ^= h >> 15;
    k->hash = h;
}

static int key_eq(const record *m, const key *k)
{
    return m->hash == k->hash && m->ref == k->ref && m->ref_bits == k->ref_bits
        && m->total == k->total && m->ton == k->addr->ton && m->npi == k->addr->npi
        && m->addr_len == k->addr->len && memcmp(m->addr, k->addr->text, m->addr_len) == 0;
}

static uint32_t find(const smsk_reasm *r, const key *k)
{
    const uint32_t *b = buckets(r);
    size_t mask = r->n_buckets_ - 1;
    for (size_t i = k->hash & mask; b[i] != NIL; i = (i + 1) & mask)
        if (key_eq(rec(r, b[i]), k))
            return b[i];
    return NIL;
}

static void hash_put(smsk_reasm *r, uint32_t m)
{
    uint32_t *b = buckets(r);
    size_t mask = r->n_buckets_ - 1, i = rec(r, m)->hash & mask;
    while (b[i] != NIL)
        i = (i + 1) & mask;
    b[i] = m;
}

/* Linear probing deletion by backward shift (Knuth 6.4 Algorithm R). */
static void hash_del(smsk_reasm *r, uint32_t m)
{
    uint32_t *b = buckets(r);
    size_t mask = r->n_buckets_ - 1, i = rec(r, m)->hash & mask;
    while (b[i] != m)
        i = (i + 1) & mask;
    for (size_t j = (i + 1) & mask; b[j] != NIL; j = (j + 1) & mask) {
        size_t home = rec(r, b[j])->hash & mask;
        if (((j - home) & mask) >= ((j - i) & mask)) {
            b[i] = b[j];
            i = j;
        }
    }
    b[i] = NIL;
}

/* ---------------------------------------------------------------------
 * The age list (by first arrival, oldest first)
 * ------------------------------------------------------------------- */

static void age_insert(smsk_reasm *r, uint32_t m)
{
    record *M = rec(r, m);
    uint32_t p = r->newest_;
    while (p != NIL && rec(r, p)->first_ms > M->first_ms)
        p = rec(r, p)->older;
    M->older = p;
    M->newer = p == NIL ? r->oldest_ : rec(r, p)->newer;
    if (p == NIL)
        r->oldest_ = m;
    else
        rec(r, p)->newer = m;
    if (M->newer == NIL)
        r->newest_ = m;
    else
        rec(r, M->newer)->older = m;
}

static void age_unlink(smsk_reasm *r, uint32_t m)
{
    record *M = rec(r, m);
    if (M->older == NIL)
        r->oldest_ = M->newer;
    else
        rec(r, M->older)->newer = M->newer;
    if (M->newer == NIL)
        r->newest_ = M->older;
    else
        rec(r, M->newer)->older = M->older;
}

static int has_part(const record *m, unsigned seq)
{
    return (int)((m->have[(seq - 1) / 64] >> ((seq - 1) % 64)) & 1u);
}

/* ---------------------------------------------------------------------
 * Parts
 * ------------------------------------------------------------------- */

/* TS 23.040 9.2.3.24.1: a receiver ignores a concatenation IE whose
 * total is 0 or whose sequence number is 0 or above the total. */
static concat concat_of(int udhi, const smsk_udh *udh)
{
    concat c = {0, 0, 0, 0, 0};
    if (!udhi || !udh->concat_present)
        return c;
    unsigned bits = udh->concat_ref_bits, total = udh->concat_total, seq = udh->concat_seq;
    if ((bits != 8 && bits != 16) || udh->concat_ref >> bits != 0 || total == 0
            || total > SEQ_MAX || seq == 0 || seq > total)
        return c;
    c.present = 1;
    c.ref = udh->concat_ref;
    c.ref_bits = bits;
    c.total = total;
    c.seq = seq;
    return c;
}

/* The tables a part's national language shift IEs name (9.2.3.24.15-16);
 * a locking NLI without a table reads as the default alphabet. */
static void part_tables(slot *s, int udhi, const smsk_udh *udh)
{
    s->lock = s->single = SMSK_LANG_DEFAULT;
    if (!udhi)
        return;
    if (udh->nl_locking_present && smsk_lang_has_locking(udh->nl_locking))
        s->lock = (uint8_t)udh->nl_locking;
    if (udh->nl_single_present && (unsigned)udh->nl_single < SMSK_LANG_COUNT)
        s->single = (uint8_t)udh->nl_single;
}

/*
 * Fill `s` and `*c` from a part's TP-DCS, TP-UDL and TP-UD (TS 23.040
 * 9.2.3.16, 9.2.3.24): keeps the octets that TP-UDL covers and reads the
 * UDH from them, so that the key and tables always follow from the bytes
 * held (and an exported state always imports again).
 */
static smsk_status part_make(slot *s, concat *c, uint8_t dcs, size_t udl,
        const uint8_t *ud, size_t ud_len, int udhi, smsk_diag *diag)
{
    smsk_dcs d;
    (void)smsk_dcs_parse(&d, dcs);
    int septets = d.encoding == SMSK_ENC_GSM7 && !d.compressed;
    if (udl > (septets ? SMSK_UD_MAX_SEPTETS : SMSK_UD_MAX_OCTETS))
        return smsk__fail(diag, SMSK_E_MALFORMED, 0, SMSK_NO_CODEPOINT,
                "TP-UDL above 160 septets or 140 octets (TS 23.040 9.2.3.16)");
    size_t need = septets ? SMSK_SEPTETS_PACKED_LEN(udl, 0) : udl, skip = 0;
    if (ud_len < need)
        return smsk__fail(diag, SMSK_E_MALFORMED, ud_len, SMSK_NO_CODEPOINT,
                "TP-UD shorter than TP-UDL says (TS 23.040 9.2.3.16)");
    if (udhi) {
        size_t h = need > 0 ? (size_t)ud[0] + 1 : 0;
        skip = septets ? (h * 8 + 6) / 7 : h;
        if (h == 0 || h > need || skip > udl)
            return smsk__fail(diag, SMSK_E_MALFORMED, 0, SMSK_NO_CODEPOINT,
                    "TP-UDHL beyond the user data (TS 23.040 9.2.3.24)");
    }
    s->dcs = dcs;
    s->udl = (uint8_t)udl;
    s->ud_len = (uint8_t)need;
    s->skip = (uint8_t)skip;
    s->kind = septets ? KIND_GSM7
            : d.encoding == SMSK_ENC_UCS2 && !d.compressed ? KIND_UCS2 : KIND_DATA;
    if (need > 0)
        memcpy(s->ud, ud, need);
    smsk_udh udh;
    smsk_udh_init(&udh);
    if (udhi)
        SMSK_CHECK(smsk_udh_parse(&udh, s->ud, need, diag));
    part_tables(s, udhi, &udh);
    *c = concat_of(udhi, &udh);
    s->seq = (uint8_t)(c->present ? c->seq : 1);
    s->next = NIL;
    return SMSK_OK;
}

/* SIZE_MAX when `a` and `b` are the same part, else the first octet of
 * TP-UD where they differ (0 when TP-DCS or TP-UDL differ). */
static size_t part_diff(const slot *a, const slot *b)
{
    if (a->dcs != b->dcs || a->udl != b->udl || a->ud_len != b->ud_len)
        return 0;
    for (size_t i = 0; i < a->ud_len; i++)
        if (a->ud[i] != b->ud[i])
            return i;
    return SIZE_MAX;
}

static int addr_ok(const smsk_addr *a)
{
    return a->ton <= 7 && a->npi <= 15 && a->len <= SMSK_ADDR_TEXT_MAX;
}

/* ---------------------------------------------------------------------
 * Handing messages over
 * ------------------------------------------------------------------- */

static void deliver(smsk_reasm *r, smsk_reasm_msg *msg, const view *v,
        uint8_t *present)
{
    const slot *first = NULL;
    msg->parts_present = 0;
    for (unsigned i = 0; i < v->total; i++) {
        present[i] = v->part[i] != NULL;
        msg->parts_present += present[i];
        if (first == NULL)
            first = v->part[i];
    }
    smsk_dcs d;
    (void)smsk_dcs_parse(&d, first != NULL ? first->dcs : 0);
    msg->encoding = d.encoding;
    msg->present = present;
    msg->priv = v;
    r->cb_(msg, r->user_);
}

static void free_chain(smsk_reasm *r, uint32_t head)
{
    slot *s = slots(r);
    uint32_t last = head;
    while (s[last].next != NIL)
        last = s[last].next;
    s[last].next = r->free_;
    r->free_ = head;
}

/* Hand message `m` over, with `extra` (not stored) as one of its parts. */
static void hand_over(smsk_reasm *r, uint32_t m, smsk_reasm_reason why,
        const slot *extra)
{
    record *M = rec(r, m);
    view v;
    uint8_t present[SEQ_MAX];
    smsk_reasm_msg msg;
    v.total = M->total;
    for (unsigned i = 0; i < v.total; i++)
        v.part[i] = NULL;
    for (uint32_t s = M->head; s != NIL; s = slots(r)[s].next)
        v.part[slots(r)[s].seq - 1] = &slots(r)[s];
    if (extra != NULL)
        v.part[extra->seq - 1] = extra;
    memset(&msg, 0, sizeof msg);
    msg.reason = why;
    msg.originator.ton = M->ton;
    msg.originator.npi = M->npi;
    msg.originator.len = M->addr_len;
    memcpy(msg.originator.text, M->addr, M->addr_len);
    msg.ref = M->ref;
    msg.ref_bits = M->ref_bits;
    msg.total = M->total;
    msg.duplicates = M->duplicates;
    msg.first_ms = M->first_ms;
    msg.last_ms = M->last_ms;
    uint32_t head = M->head;
    hash_del(r, m);
    age_unlink(r, m);
    r->pending_messages--;
    r->pending_parts -= M->parts;
    deliver(r, &msg, &v, present); /* its slots stay taken until it returns */
    free_chain(r, head);
}

/* A message of one part: straight to the callback. */
static void hand_over_single(smsk_reasm *r, const smsk_addr *a,
        const concat *c, const slot *in)
{
    view v;
    uint8_t present[1];
    smsk_reasm_msg msg;
    memset(&msg, 0, sizeof msg);
    v.total = 1;
    v.part[0] = in;
    msg.reason = SMSK_REASM_COMPLETE;
    msg.originator = *a;
    msg.ref = c->present ? c->ref : 0;
    msg.ref_bits = c->present ? c->ref_bits : 0;
    msg.total = 1;
    msg.first_ms = msg.last_ms = in->time;
    deliver(r, &msg, &v, present);
}

static int expired(const record *m, uint64_t now_ms, uint64_t timeout_ms)
{
    return now_ms >= m->first_ms && now_ms - m->first_ms >= timeout_ms;
}

size_t smsk_reasm_expire(smsk_reasm *r, uint64_t now_ms)
{
    size_t n = 0;
    if (!engine_ok(r) || r->timeout_ms_ == 0)
        return 0;
    while (r->oldest_ != NIL && expired(rec(r, r->oldest_), now_ms, r->timeout_ms_)) {
        hand_over(r, r->oldest_, SMSK_REASM_TIMEOUT, NULL);
        n++;
    }
    return n;
}

size_t smsk_reasm_flush(smsk_reasm *r)
{
    size_t n = 0;
    if (!engine_ok(r))
        return 0;
    while (r->oldest_ != NIL) {
        hand_over(r, r->oldest_, SMSK_REASM_FLUSHED, NULL);
        n++;
    }
    return n;
}

/* ---------------------------------------------------------------------
 * Adding parts
 * ------------------------------------------------------------------- */

static const slot *held_part(const smsk_reasm *r, const record *M, unsigned seq)
{
    uint32_t s = M->head;
    while (slots(r)[s].seq != seq)
        s = slots(r)[s].next;
    return &slots(r)[s];
}

/* `in` has the key and sequence number of a part `M` holds. */
static smsk_status same_part(smsk_reasm *r, record *M, const slot *in,
        smsk_diag *diag)
{
    size_t at = part_diff(held_part(r, M, in->seq), in);
    if (at == SIZE_MAX) {
        if (M->duplicates < UINT32_MAX)
            M->duplicates++;
        r->duplicates++;
        return SMSK_MORE;
    }
    r->conflicts++;
    return smsk__fail(diag, SMSK_E_MALFORMED, at, SMSK_NO_CODEPOINT,
            "a different part with this originator, reference, total and "
            "sequence number is held (TS 23.040 9.2.3.24.1); the first is kept");
}

/* Put `in` into a free slot, as a part of `m` or of a new message. */
static void store(smsk_reasm *r, uint32_t m, const key *k, const slot *in)
{
    uint32_t s = r->free_;
    slot *S = &slots(r)[s];
    r->free_ = S->next;
    *S = *in;
    if (m == NIL) {
        m = s;
        record *N = rec(r, m);
        memset(N, 0, sizeof *N);
        N->hash = k->hash;
        N->ref = (uint16_t)k->ref;
        N->ref_bits = (uint8_t)k->ref_bits;
        N->total = (uint8_t)k->total;
        N->ton = (uint8_t)k->addr->ton;
        N->npi = (uint8_t)k->addr->npi;
        N->addr_len = (uint8_t)k->addr->len;
        memcpy(N->addr, k->addr->text, k->addr->len);
        N->first_ms = in->time;
        N->head = NIL;
        hash_put(r, m);
        age_insert(r, m);
        r->pending_messages++;
    }
    record *M = rec(r, m);
    S->next = M->head;
    M->head = s;
    M->have[(in->seq - 1) / 64] |= (uint64_t)1 << ((in->seq - 1) % 64);
    M->parts++;
    M->last_ms = in->time;
    r->pending_parts++;
}

/* A part with a concatenation IE of two or more parts. */
static smsk_status add_part(smsk_reasm *r, const key *k, const slot *in,
        smsk_diag *diag)
{
    uint32_t m = find(r, k);
    if (m != NIL) {
        record *M = rec(r, m);
        if (has_part(M, in->seq))
            return same_part(r, M, in, diag);
        if (M->parts + 1u == M->total) {
            M->last_ms = in->time;
            hand_over(r, m, SMSK_REASM_COMPLETE, in);
            return SMSK_OK;
        }
    }
    if (r->free_ == NIL) {
        while (r->free_ == NIL && r->oldest_ != NIL)
            hand_over(r, r->oldest_, SMSK_REASM_EVICTED, NULL);
        if (r->free_ == NIL) /* every slot is in a callback's view */
            return smsk__fail(diag, SMSK_E_LIMIT, 0, SMSK_NO_CODEPOINT,
                    "no slot free while messages are being handed over");
        m = find(r, k);
    }
    store(r, m, k, in);
    return SMSK_MORE;
}

smsk_status smsk_reasm_add(smsk_reasm *r, const smsk_tpdu *tpdu,
        uint64_t now_ms, smsk_diag *diag)
{
    if (!engine_ok(r) || tpdu == NULL || !tpdu->has_ud
            || !SMSK_BUF_OK(tpdu->ud, tpdu->ud_len) || !addr_ok(&tpdu->addr)
            || (tpdu->type != SMSK_TPDU_DELIVER && tpdu->type != SMSK_TPDU_SUBMIT))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT,
                "NULL pointer, engine not set up, or no SMS-DELIVER/SUBMIT user data");
    slot in;
    concat c;
    SMSK_CHECK(part_make(&in, &c, tpdu->dcs, tpdu->udl, tpdu->ud, tpdu->ud_len,
            tpdu->udhi, diag));
    in.time = now_ms;
    (void)smsk_reasm_expire(r, now_ms);
    if (!c.present || c.total == 1) {
        hand_over_single(r, &tpdu->addr, &c, &in);
        return SMSK_OK;
    }
    key k;
    key_make(&k, &tpdu->addr, &c);
    return add_part(r, &k, &in, diag);
}

/* ---------------------------------------------------------------------
 * Text and data of a handed-over message
 * ------------------------------------------------------------------- */

/* Output that keeps counting once it is full. */
typedef struct sink {
    uint8_t *dst;
    size_t cap, len;
    int full;
} sink;

static void sink_put(sink *k, const uint8_t *p, size_t n)
{
    if (!k->full && k->cap - k->len >= n) {
        if (n > 0)
            memcpy(k->dst + k->len, p, n);
    } else {
        k->full = 1;
    }
    k->len += n;
}

static void sink_cp(sink *k, uint32_t cp)
{
    uint8_t b[4];
    size_t n = smsk__utf8_put(b, cp);
    sink_put(k, b, n);
}

typedef struct text_dec {
    sink out;
    smsk__gsm7_decoder g;
    smsk__septet_impl impl;
    int octet_held;   /* UCS-2: an odd octet waits for its partner */
    uint8_t octet;
    uint32_t high;    /* UCS-2: a high surrogate waits, or 0 */
    uint8_t sept[SMSK_UD_MAX_SEPTETS];
    uint8_t text[SMSK_GSM7_TEXT_MAX(SMSK_UD_MAX_SEPTETS)];
} text_dec;

static void ucs2_end(text_dec *t)
{
    if (t->high != 0)
        sink_cp(&t->out, 0xFFFD);
    if (t->octet_held)
        sink_cp(&t->out, 0xFFFD);
    t->high = 0;
    t->octet_held = 0;
}

static void ucs2_unit(text_dec *t, uint32_t u)
{
    int low = u >= 0xDC00 && u <= 0xDFFF;
    if (t->high != 0) {
        uint32_t hi = t->high;
        t->high = 0;
        if (low) {
            sink_cp(&t->out, 0x10000 + ((hi - 0xD800) << 10) + (u - 0xDC00));
            return;
        }
        sink_cp(&t->out, 0xFFFD);
    }
    if (u >= 0xD800 && u <= 0xDBFF)
        t->high = u;
    else
        sink_cp(&t->out, low ? 0xFFFD : u);
}

static void ucs2_part(text_dec *t, const slot *s)
{
    t->g.escaped = 0;
    for (size_t i = s->skip; i < s->ud_len; i++) {
        if (t->octet_held) {
            t->octet_held = 0;
            ucs2_unit(t, (uint32_t)t->octet << 8 | s->ud[i]);
        } else {
            t->octet_held = 1;
            t->octet = s->ud[i];
        }
    }
}

static void gsm7_part(text_dec *t, const slot *s)
{
    smsk_gsm7_shift shift = {(smsk_lang)s->lock, (smsk_lang)s->single};
    size_t n = (size_t)s->udl - s->skip;
    ucs2_end(t);
    (void)smsk__gsm7_tables(shift, &t->g.lock, &t->g.single);
    if (n == 0)
        return;
    smsk__septet_unpack_at(t->impl, t->sept, s->ud, s->ud_len, 7u * s->skip, n);
    t->g.dst = t->text;
    t->g.cap = sizeof t->text;
    t->g.len = 0;
    /* lenient, and room for 3 bytes a septet: cannot fail */
    (void)smsk__gsm7_decode_more(&t->g, t->sept, n, NULL);
    sink_put(&t->out, t->text, t->g.len);
}

static void text_gap(text_dec *t)
{
    ucs2_end(t);
    t->g.escaped = 0;
    sink_cp(&t->out, 0xFFFD);
}

/* 1 when every part present is of a kind for which `text` is wanted. */
static int kinds_ok(const view *v, int text)
{
    for (unsigned i = 0; i < v->total; i++)
        if (v->part[i] != NULL && (v->part[i]->kind == KIND_DATA) == text)
            return 0;
    return 1;
}

static smsk_status out_args(const void *dst, size_t dst_cap, size_t *dst_len,
        const smsk_reasm_msg *msg)
{
    if (dst_len == NULL || msg == NULL || msg->priv == NULL || !SMSK_BUF_OK(dst, dst_cap))
        return SMSK_E_ARG;
    *dst_len = 0;
    return SMSK_OK;
}

smsk_status smsk_reasm_msg_text(char *dst, size_t dst_cap, size_t *dst_len,
        const smsk_reasm_msg *msg)
{
    SMSK_CHECK(out_args(dst, dst_cap, dst_len, msg));
    const view *v = msg->priv;
    if (!kinds_ok(v, 1))
        return SMSK_E_UNSUPPORTED;
    text_dec t;
    smsk_gsm7_shift def = {SMSK_LANG_DEFAULT, SMSK_LANG_DEFAULT};
    memset(&t.out, 0, sizeof t.out);
    t.out.dst = (uint8_t *)dst;
    t.out.cap = dst_cap;
    t.impl = smsk__septet_auto_impl();
    t.octet_held = 0;
    t.octet = 0;
    t.high = 0;
    (void)smsk__gsm7_decoder_init(&t.g, (char *)t.text, sizeof t.text, def,
            SMSK_GSM7_LENIENT, NULL);
    for (unsigned i = 0; i < v->total; i++) {
        const slot *s = v->part[i];
        if (s == NULL)
            text_gap(&t);
        else if (s->kind == KIND_GSM7)
            gsm7_part(&t, s);
        else
            ucs2_part(&t, s);
    }
    ucs2_end(&t);
    (void)smsk__gsm7_decode_end(&t.g, NULL); /* lenient: drops a lone escape */
    *dst_len = t.out.len;
    return t.out.full ? SMSK_E_NOSPACE : SMSK_OK;
}

smsk_status smsk_reasm_msg_data(uint8_t *dst, size_t dst_cap,
        size_t *dst_len, const smsk_reasm_msg *msg)
{
    SMSK_CHECK(out_args(dst, dst_cap, dst_len, msg));
    const view *v = msg->priv;
    if (!kinds_ok(v, 0))
        return SMSK_E_UNSUPPORTED;
    sink out = {dst, dst_cap, 0, 0};
    for (unsigned i = 0; i < v->total; i++)
        if (v->part[i] != NULL)
            sink_put(&out, v->part[i]->ud + v->part[i]->skip,
                    (size_t)v->part[i]->ud_len - v->part[i]->skip);
    *dst_len = out.len;
    return out.full ? SMSK_E_NOSPACE : SMSK_OK;
}

/* ---------------------------------------------------------------------
 * Export and import
 * ------------------------------------------------------------------- */

static const uint8_t magic[8] = {'S', 'M', 'S', 'K', 'R', 'S', 'M', '1'};
#define FORMAT_VERSION 1u
#define HEAD_LEN 13u     /* magic, version, message count */
#define CRC_LEN 4u
#define PART_FIXED 12u   /* seq, dcs, udl, ud_len, time */
#define RECORD_FIXED 28u /* ton, npi, len, ref(2), bits, total, times, dups, n */

static uint32_t crc32(const uint8_t *p, size_t n)
{
    static const uint32_t nibble[16] = {
        0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u,
        0x6B6B51F4u, 0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u,
        0xD6D6A3E8u, 0xCB61B38Cu, 0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u,
        0xBDBDF21Cu,
    };
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        c = (c >> 4) ^ nibble[c & 15];
        c = (c >> 4) ^ nibble[c & 15];
    }
    return ~c;
}

static uint8_t *put_be(uint8_t *p, uint64_t v, unsigned octets)
{
    for (unsigned i = 0; i < octets; i++)
        p[i] = (uint8_t)(v >> (8 * (octets - 1 - i)));
    return p + octets;
}

static size_t record_size(const smsk_reasm *r, const record *M)
{
    size_t n = RECORD_FIXED + M->addr_len;
    for (uint32_t s = M->head; s != NIL; s = slots(r)[s].next)
        n += PART_FIXED + slots(r)[s].ud_len;
    return n;
}

static uint8_t *put_part(uint8_t *p, const slot *s)
{
    *p++ = s->seq;
    *p++ = s->dcs;
    *p++ = s->udl;
    *p++ = s->ud_len;
    p = put_be(p, s->time, 8);
    memcpy(p, s->ud, s->ud_len);
    return p + s->ud_len;
}

static uint8_t *put_record(uint8_t *p, const smsk_reasm *r, const record *M)
{
    const slot *by_seq[SEQ_MAX];
    *p++ = M->ton;
    *p++ = M->npi;
    *p++ = M->addr_len;
    memcpy(p, M->addr, M->addr_len);
    p = put_be(p + M->addr_len, M->ref, 2);
    *p++ = M->ref_bits;
    *p++ = M->total;
    p = put_be(p, M->first_ms, 8);
    p = put_be(p, M->last_ms, 8);
    p = put_be(p, M->duplicates, 4);
    *p++ = M->parts;
    for (unsigned i = 0; i < M->total; i++)
        by_seq[i] = NULL;
    for (uint32_t s = M->head; s != NIL; s = slots(r)[s].next)
        by_seq[slots(r)[s].seq - 1] = &slots(r)[s];
    for (unsigned i = 0; i < M->total; i++)
        if (by_seq[i] != NULL)
            p = put_part(p, by_seq[i]);
    return p;
}

smsk_status smsk_reasm_export(uint8_t *dst, size_t dst_cap, size_t *dst_len,
        const smsk_reasm *r)
{
    if (dst_len == NULL || !engine_ok(r) || !SMSK_BUF_OK(dst, dst_cap))
        return SMSK_E_ARG;
    size_t need = HEAD_LEN + CRC_LEN;
    for (uint32_t m = r->oldest_; m != NIL; m = rec(r, m)->newer)
        need += record_size(r, rec(r, m));
    *dst_len = need;
    if (dst_cap < need)
        return SMSK_E_NOSPACE;
    uint8_t *p = dst;
    memcpy(p, magic, sizeof magic);
    p[8] = FORMAT_VERSION;
    p = put_be(p + 9, r->pending_messages, 4);
    for (uint32_t m = r->oldest_; m != NIL; m = rec(r, m)->newer)
        p = put_record(p, r, rec(r, m));
    put_be(p, crc32(dst, need - CRC_LEN), 4);
    return SMSK_OK;
}

typedef struct reader {
    const uint8_t *p;
    size_t len, pos;
} reader;

static int get_be(reader *rd, unsigned octets, uint64_t *v)
{
    if (rd->len - rd->pos < octets)
        return 0;
    *v = 0;
    for (unsigned i = 0; i < octets; i++)
        *v = *v << 8 | rd->p[rd->pos + i];
    rd->pos += octets;
    return 1;
}

static smsk_status truncated(smsk_diag *diag, const reader *rd)
{
    return smsk__fail(diag, SMSK_E_TRUNC, rd->len, SMSK_NO_CODEPOINT,
            "reassembly state ends early");
}

static smsk_status bad(smsk_diag *diag, size_t at, const char *what)
{
    return smsk__fail(diag, SMSK_E_MALFORMED, at, SMSK_NO_CODEPOINT, what);
}

/* A message record's fixed fields, as read. */
typedef struct rec_in {
    smsk_addr addr;
    concat c;
    uint64_t first_ms, last_ms;
    uint32_t duplicates;
    unsigned n_parts;
    size_t parts_at; /* offset of its first part */
} rec_in;

static smsk_status read_addr(reader *rd, smsk_addr *a, smsk_diag *diag)
{
    uint64_t ton, npi, len;
    size_t at = rd->pos;
    if (!get_be(rd, 1, &ton) || !get_be(rd, 1, &npi) || !get_be(rd, 1, &len))
        return truncated(diag, rd);
    if (ton > 7 || npi > 15 || len > SMSK_ADDR_TEXT_MAX)
        return bad(diag, at, "originator type or length out of range");
    if (rd->len - rd->pos < len)
        return truncated(diag, rd);
    memset(a, 0, sizeof *a);
    a->ton = (unsigned)ton;
    a->npi = (unsigned)npi;
    a->len = (size_t)len;
    memcpy(a->text, rd->p + rd->pos, a->len);
    rd->pos += a->len;
    return SMSK_OK;
}

static smsk_status read_record_head(reader *rd, rec_in *ri, smsk_diag *diag)
{
    uint64_t ref, bits, total, first, last, dups, n;
    SMSK_CHECK(read_addr(rd, &ri->addr, diag));
    size_t at = rd->pos;
    if (!get_be(rd, 2, &ref) || !get_be(rd, 1, &bits) || !get_be(rd, 1, &total)
            || !get_be(rd, 8, &first) || !get_be(rd, 8, &last)
            || !get_be(rd, 4, &dups) || !get_be(rd, 1, &n))
        return truncated(diag, rd);
    if ((bits != 8 && bits != 16) || ref >> bits != 0 || total < 2 || n == 0 || n >= total)
        return bad(diag, at, "reference, total or part count out of range");
    ri->c.present = 1;
    ri->c.ref = (unsigned)ref;
    ri->c.ref_bits = (unsigned)bits;
    ri->c.total = (unsigned)total;
    ri->first_ms = first;
    ri->last_ms = last;
    ri->duplicates = (uint32_t)dups;
    ri->n_parts = (unsigned)n;
    ri->parts_at = rd->pos;
    return SMSK_OK;
}

/* The part's UDH must carry the concatenation IE of its record. */
static int concat_matches(const concat *got, const concat *c, unsigned seq)
{
    return got->present && got->ref == c->ref && got->ref_bits == c->ref_bits
        && got->total == c->total && got->seq == seq;
}

static smsk_status read_part(reader *rd, const rec_in *ri, slot *s,
        smsk_diag *diag)
{
    uint64_t seq, dcs, udl, len, time;
    size_t at = rd->pos;
    concat got;
    if (!get_be(rd, 1, &seq) || !get_be(rd, 1, &dcs) || !get_be(rd, 1, &udl)
            || !get_be(rd, 1, &len) || !get_be(rd, 8, &time))
        return truncated(diag, rd);
    if (rd->len - rd->pos < len)
        return truncated(diag, rd);
    const uint8_t *ud = rd->p + rd->pos;
    rd->pos += (size_t)len;
    if (part_make(s, &got, (uint8_t)dcs, (size_t)udl, ud, (size_t)len, 1, NULL) != SMSK_OK
            || s->ud_len != len)
        return bad(diag, at, "part's TP-UDL, TP-UD or UDH is not valid");
    if (!concat_matches(&got, &ri->c, (unsigned)seq))
        return bad(diag, at, "part's sequence number or concatenation IE disagrees with its message");
    s->time = time;
    return SMSK_OK;
}

/* Check a record and its parts; `*parts` counts them. */
static smsk_status check_record(reader *rd, size_t *parts, smsk_diag *diag)
{
    rec_in ri;
    uint64_t seen[4] = {0, 0, 0, 0};
    SMSK_CHECK(read_record_head(rd, &ri, diag));
    for (unsigned i = 0; i < ri.n_parts; i++) {
        slot s;
        size_t at = rd->pos;
        SMSK_CHECK(read_part(rd, &ri, &s, diag));
        uint64_t bit = (uint64_t)1 << ((s.seq - 1u) % 64);
        if (seen[(s.seq - 1u) / 64] & bit)
            return bad(diag, at, "two parts with the same sequence number");
        seen[(s.seq - 1u) / 64] |= bit;
    }
    *parts += ri.n_parts;
    return SMSK_OK;
}

static smsk_status check_state(const uint8_t *src, size_t src_len,
        size_t *count, size_t *parts, smsk_diag *diag)
{
    reader rd = {src, src_len, 0};
    uint64_t n = 0;
    if (src_len < HEAD_LEN + CRC_LEN)
        return truncated(diag, &rd);
    if (memcmp(src, magic, sizeof magic) != 0)
        return bad(diag, 0, "not reassembly state (magic)");
    if (src[8] != FORMAT_VERSION)
        return bad(diag, 8, "unknown reassembly state version");
    rd.pos = 9;
    (void)get_be(&rd, 4, &n);
    rd.len = src_len - CRC_LEN; /* the records end before the CRC */
    *parts = 0;
    for (uint64_t i = 0; i < n; i++)
        SMSK_CHECK(check_record(&rd, parts, diag));
    if (rd.pos != rd.len)
        return bad(diag, rd.pos, "octets after the last message of the state");
    uint64_t crc = 0;
    rd.len = src_len;
    (void)get_be(&rd, 4, &crc);
    if (crc != crc32(src, src_len - CRC_LEN))
        return bad(diag, src_len - CRC_LEN, "reassembly state checksum mismatch");
    *count = (size_t)n;
    return SMSK_OK;
}

/* Give message `m` the times and count of a record: exactly when the
 * record made it, else merged (earliest first, latest last, sum). */
static void merge_times(smsk_reasm *r, uint32_t m, const rec_in *ri, int exact)
{
    record *M = rec(r, m);
    age_unlink(r, m);
    if (exact) {
        M->first_ms = ri->first_ms;
        M->last_ms = ri->last_ms;
        M->duplicates = ri->duplicates;
    } else {
        if (ri->first_ms < M->first_ms)
            M->first_ms = ri->first_ms;
        if (ri->last_ms > M->last_ms)
            M->last_ms = ri->last_ms;
        M->duplicates = UINT32_MAX - M->duplicates < ri->duplicates ? UINT32_MAX
                : M->duplicates + ri->duplicates;
    }
    age_insert(r, m);
}

/* Add the parts of one (checked) record: those whose number the engine
 * holds first (duplicates, conflicts), then the rest, so that the part
 * that completes the message comes last. */
static void apply_record(smsk_reasm *r, reader *rd)
{
    rec_in ri;
    key k;
    (void)read_record_head(rd, &ri, NULL);
    key_make(&k, &ri.addr, &ri.c);
    uint32_t m = find(r, &k);
    int existed = m != NIL;
    if (existed)
        merge_times(r, m, &ri, 0);
    for (int pass = 0; pass < 2; pass++) {
        rd->pos = ri.parts_at;
        for (unsigned i = 0; i < ri.n_parts; i++) {
            slot s;
            (void)read_part(rd, &ri, &s, NULL);
            m = find(r, &k);
            int held = m != NIL && has_part(rec(r, m), s.seq);
            if (held == (pass == 0))
                (void)add_part(r, &k, &s, NULL); /* conflicts: counted */
        }
    }
    m = find(r, &k);
    if (!existed && m != NIL)
        merge_times(r, m, &ri, 1);
}

smsk_status smsk_reasm_import(smsk_reasm *r, const uint8_t *src,
        size_t src_len, smsk_diag *diag)
{
    size_t count = 0, parts = 0;
    if (!engine_ok(r) || !SMSK_BUF_OK(src, src_len))
        return smsk__fail(diag, SMSK_E_ARG, 0, SMSK_NO_CODEPOINT,
                "NULL pointer or engine not set up");
    SMSK_CHECK(check_state(src, src_len, &count, &parts, diag));
    if (parts > r->capacity_parts - r->pending_parts)
        return smsk__fail(diag, SMSK_E_LIMIT, 0, SMSK_NO_CODEPOINT,
                "the engine's memory has fewer free slots than the state has parts");
    reader rd = {src, src_len - CRC_LEN, HEAD_LEN};
    for (size_t i = 0; i < count; i++)
        apply_record(r, &rd);
    return SMSK_OK;
}
