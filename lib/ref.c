/* SPDX-License-Identifier: MIT */
/*
 * Concatenation reference allocation (TS 23.040 9.2.3.24.1: "This
 * reference number shall remain constant for every short message which
 * makes up a particular concatenated short message"; it must tell apart
 * the concatenated messages in flight to one destination).
 *
 * How this works: the destination (type of number, plan and digits or
 * text) is hashed (FNV-1a, 64-bit) and looked up by linear probing (8
 * slots at most) in the caller's slots; its counter gives the reference
 * and moves on, wrapping at 2^bits. A new destination takes a free slot
 * (starting at the seed) or, when the probes find none, the one served
 * longest ago, whose counter it continues (any start is as good for a
 * newcomer, and continuing avoids repeating what the slot just gave).
 */
#include "internal.h"

static uint64_t dest_key(const smsk_addr *a)
{
    uint64_t h = 0xcbf29ce484222325ull;
    const uint8_t head[2] = {(uint8_t)a->ton, (uint8_t)a->npi};
    for (size_t i = 0; i < 2; i++)
        h = (h ^ head[i]) * 0x100000001b3ull;
    for (size_t i = 0; i < a->len && i < SMSK_ADDR_TEXT_MAX; i++)
        h = (h ^ (uint8_t)a->text[i]) * 0x100000001b3ull;
    return h;
}

smsk_status smsk_ref_init(smsk_ref_alloc *a, smsk_ref_slot *slots,
        size_t n_slots, unsigned bits, uint32_t seed)
{
    if (a == NULL || slots == NULL || n_slots == 0 || (bits != 8 && bits != 16))
        return SMSK_E_ARG;
    for (size_t i = 0; i < n_slots; i++) {
        slots[i].key = slots[i].stamp = 0;
        slots[i].next = slots[i].used = 0;
    }
    a->clock_ = 0;
    a->slots_ = slots;
    a->n_slots_ = n_slots;
    a->bits_ = bits;
    a->seed_ = seed & ((1u << bits) - 1);
    return SMSK_OK;
}

#define PROBES 8

/* The slot of `key`: its own, a free one, or the one served longest ago. */
static smsk_ref_slot *find_slot(smsk_ref_alloc *a, uint64_t key)
{
    size_t n = a->n_slots_, start = (size_t)(key % n);
    size_t probes = n < PROBES ? n : PROBES;
    smsk_ref_slot *oldest = NULL;
    for (size_t k = 0; k < probes; k++) {
        smsk_ref_slot *s = &a->slots_[(start + k) % n];
        if (s->used && s->key == key)
            return s;
        if (!s->used) {
            s->used = 1;
            s->key = key;
            s->next = a->seed_;
            return s;
        }
        if (oldest == NULL || s->stamp < oldest->stamp)
            oldest = s;
    }
    oldest->key = key; /* evicted: continue its counter */
    return oldest;
}

smsk_status smsk_ref_next(smsk_ref_alloc *a, const smsk_addr *dest,
        unsigned *ref)
{
    if (a == NULL || dest == NULL || ref == NULL || a->slots_ == NULL || a->n_slots_ == 0)
        return SMSK_E_ARG;
    smsk_ref_slot *s = find_slot(a, dest_key(dest));
    uint32_t mask = (1u << a->bits_) - 1;
    s->stamp = ++a->clock_;
    *ref = s->next & mask;
    s->next = (s->next + 1) & mask;
    return SMSK_OK;
}
