/* Per-CPU software TLB (see tlb.h).
 *
 * An entry caches one (logical page, access key) pair of one address space.
 * Its identity lives in the tags: every tag of an entry, valid or not, holds
 * the same page | key << 4; a kind that has no translation cached carries
 * TLB_INVALID, so the exact-compare fast path can never hit it.  A flushed
 * entry has all three tags equal to TLB_INVALID alone.
 *
 * Invariant: a (space, page, key) has at most one entry among the direct slot
 * and the victim array of its space (tlb_fill pulls a victim back before it
 * merges), so a lookup never sees two translations of the same page.
 *
 * Invariant: the pair tags of every direct slot are what pair_update
 * computes from the slot and the next page's slot: every change to a slot's
 * tags or host ends in slot_changed (victims' pair tags mean nothing;
 * entry_clear makes them invalid). */
#include "mmu/tlb.h"

#include <stddef.h>

#include "mem/storage.h"

#define TAG_ID(tag) ((tag) & ~TLB_FLAGS)

static inline uint64_t *entry_tag(TlbEntry *e, int kind)
{
    return kind == TLB_KIND_READ ? &e->tag_read : kind == TLB_KIND_WRITE ? &e->tag_write
                                                                         : &e->tag_fetch;
}

static inline bool entry_live(const TlbEntry *e)
{
    return !(e->tag_read & e->tag_write & e->tag_fetch & TLB_INVALID);
}

static inline void entry_clear(TlbEntry *e)
{
    e->tag_read = e->tag_write = e->tag_fetch = TLB_INVALID;
    e->pair_read = e->pair_write = TLB_INVALID;
    e->abs = 0;
    e->host = NULL;
}

/* The pair tag of one kind: e's tag when it and n's are exact hits for
 * consecutive pages under one key, through consecutive host frames. */
static inline uint64_t pair_tag(uint64_t tag, uint64_t next_tag, bool host_next)
{
    return host_next && !(tag & TLB_FLAGS) && next_tag == tag + PAGE_SIZE ? tag : TLB_INVALID;
}

/* Slot i's pair tags from it and the slot of the next page: the one after
 * it, or for the set's last slot the first. */
static void pair_update(Tlb *t, int space, unsigned i)
{
    TlbEntry *e = &t->e[space][i];
    const TlbEntry *n = &t->e[space][(i + 1) & (TLB_ENTRIES - 1)];
    const bool host_next = e->host && n->host == e->host + PAGE_SIZE;
    e->pair_read = pair_tag(e->tag_read, n->tag_read, host_next);
    e->pair_write = pair_tag(e->tag_write, n->tag_write, host_next);
}

/* Slot i's tags or host changed: its pair tags and those of the slot
 * before it follow. */
static void slot_changed(Tlb *t, int space, unsigned i)
{
    pair_update(t, space, i);
    pair_update(t, space, (i - 1) & (TLB_ENTRIES - 1));
}

/* The identity of a live entry (any tag carries it). */
static inline uint64_t entry_id(const TlbEntry *e)
{
    return TAG_ID(e->tag_read);
}

void tlb_init(Tlb *t)
{
    t->spaces_used = (1u << TLB_NSPACES) - 1;
    atomic_init(&t->epoch, 0);
    tlb_flush_all(t);
}

void tlb_flush_all(Tlb *t)
{
    tlb_epoch_bump(t);
    for (int s = 0; s < TLB_NSPACES; s++) {
        if (!(t->spaces_used & (1u << s)))
            continue;
        for (unsigned i = 0; i < TLB_ENTRIES; i++)
            entry_clear(&t->e[s][i]);
        for (unsigned i = 0; i < TLB_VICTIMS; i++)
            entry_clear(&t->victim[s][i]);
        t->victim_next[s] = 0;
    }
    t->spaces_used = 0;
}

void tlb_flush_page(Tlb *t, uint64_t vaddr)
{
    tlb_epoch_bump(t);
    uint64_t page = vaddr & PAGE_MASK;
    unsigned idx = (vaddr >> 12) & (TLB_ENTRIES - 1);
    for (int s = 0; s < TLB_NSPACES; s++) {
        TlbEntry *e = &t->e[s][idx];
        if (entry_live(e) && (entry_id(e) & PAGE_MASK) == page) {
            entry_clear(e);
            slot_changed(t, s, idx);
        }
        for (unsigned i = 0; i < TLB_VICTIMS; i++) {
            e = &t->victim[s][i];
            if (entry_live(e) && (entry_id(e) & PAGE_MASK) == page)
                entry_clear(e);
        }
    }
}

void tlb_flush_abs(Tlb *t, uint64_t abs)
{
    tlb_epoch_bump(t);
    uint64_t frame = abs & PAGE_MASK;
    for (int s = 0; s < TLB_NSPACES; s++) {
        if (!(t->spaces_used & (1u << s)))
            continue;
        for (unsigned i = 0; i < TLB_ENTRIES; i++) {
            TlbEntry *e = &t->e[s][i];
            if (entry_live(e) && e->abs == frame) {
                entry_clear(e);
                slot_changed(t, s, i);
            }
        }
        for (unsigned i = 0; i < TLB_VICTIMS; i++) {
            TlbEntry *e = &t->victim[s][i];
            if (entry_live(e) && e->abs == frame)
                entry_clear(e);
        }
    }
}

void tlb_code_protect(Tlb *t, uint64_t abs)
{
    uint64_t frame = abs & PAGE_MASK;
    for (int s = 0; s < TLB_NSPACES; s++) {
        if (!(t->spaces_used & (1u << s)))
            continue;
        for (unsigned i = 0; i < TLB_ENTRIES + TLB_VICTIMS; i++) {
            TlbEntry *e = i < TLB_ENTRIES ? &t->e[s][i] : &t->victim[s][i - TLB_ENTRIES];
            if (!(e->tag_write & TLB_INVALID) && e->abs == frame) {
                e->tag_write |= TLB_CODE;
                if (i < TLB_ENTRIES)
                    slot_changed(t, s, i);
            }
        }
    }
}

static inline void swap_entries(TlbEntry *a, TlbEntry *b)
{
    TlbEntry tmp = *a;
    *a = *b;
    *b = tmp;
}

/* Brings the victim holding id (if any) into the direct slot d, the slot's
 * old contents going where the victim was.  True when found. */
static bool pull_victim(Tlb *t, int space, TlbEntry *d, uint64_t id)
{
    for (unsigned i = 0; i < TLB_VICTIMS; i++) {
        TlbEntry *v = &t->victim[space][i];
        if (entry_live(v) && entry_id(v) == id) {
            swap_entries(d, v);
            slot_changed(t, space, (unsigned)(d - t->e[space]));
            return true;
        }
    }
    return false;
}

TlbEntry *tlb_lookup(Tlb *t, int space, uint64_t vaddr, int kind, uint8_t key, uint64_t *flags)
{
    uint64_t id = tlb_make_tag(vaddr & PAGE_MASK, key & 0xF);
    TlbEntry *d = &t->e[space][(vaddr >> 12) & (TLB_ENTRIES - 1)];
    if (!(entry_live(d) && entry_id(d) == id) && !pull_victim(t, space, d, id))
        return NULL;
    uint64_t tag = *entry_tag(d, kind);
    if (tag & TLB_INVALID)
        return NULL;
    if (flags)
        *flags = tag & TLB_FLAGS;
    return d;
}

void tlb_fill(Tlb *t, int space, uint64_t vaddr, int kind, uint8_t key, uint64_t abs,
              uint8_t *host, uint64_t flags)
{
    uint64_t id = tlb_make_tag(vaddr & PAGE_MASK, key & 0xF);
    TlbEntry *d = &t->e[space][(vaddr >> 12) & (TLB_ENTRIES - 1)];
    t->spaces_used |= 1u << space;
    abs &= PAGE_MASK;
    if (host)
        host -= (uintptr_t)host & (PAGE_SIZE - 1);

    if (!(entry_live(d) && entry_id(d) == id) && !pull_victim(t, space, d, id)) {
        /* A different page (or key) occupies the slot: keep it as a victim. */
        if (entry_live(d)) {
            t->victim[space][t->victim_next[space]] = *d;
            t->victim_next[space] = (t->victim_next[space] + 1) % TLB_VICTIMS;
        }
        d->tag_read = d->tag_write = d->tag_fetch = id | TLB_INVALID;
        d->abs = abs;
        d->host = host;
    } else if (d->abs != abs) {
        /* The page now translates elsewhere: the other kinds are stale. */
        d->tag_read = d->tag_write = d->tag_fetch = id | TLB_INVALID;
        d->abs = abs;
        d->host = host;
    } else if (host) {
        d->host = host;
    }

    /* Without a host pointer the fast path must never hit this kind. */
    if (!host)
        flags |= TLB_HANDLE;
    *entry_tag(d, kind) = id | (flags & TLB_FLAGS);
    slot_changed(t, space, (unsigned)(d - t->e[space]));
}

void tlb_mark_dirty(Tlb *t, int space, uint64_t vaddr, uint8_t key)
{
    uint64_t flags;
    TlbEntry *e = tlb_lookup(t, space, vaddr, TLB_KIND_WRITE, key, &flags);
    if (e && (flags & (TLB_NOTDIRTY | TLB_CODE))) {
        e->tag_write &= ~(TLB_NOTDIRTY | TLB_CODE);
        slot_changed(t, space, (unsigned)(e - t->e[space]));
    }
}
