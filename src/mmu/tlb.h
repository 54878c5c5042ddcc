/* Per-CPU software TLB (DESIGN.md §4).
 *
 * Direct-mapped per address space, with a small victim array.  Each entry
 * caches one 4 KiB logical page for one access key: its absolute frame and
 * host pointer, and per-kind tags.  A tag is the logical page address with
 * the key in bits 4-7 and slow-case flags in bits 0-3; a fast hit is an exact
 * compare with (page | key << 4), so any flag makes the entry take the slow
 * path through probe. */
#ifndef ZEMU_MMU_TLB_H
#define ZEMU_MMU_TLB_H

#include <stdbool.h>
#include <stdatomic.h>
#include <stdint.h>

#define TLB_BITS 12
#define TLB_ENTRIES (1u << TLB_BITS)
#define TLB_VICTIMS 8

/* Address spaces that own TLB sets */
enum { TLB_SPACE_PRIMARY, TLB_SPACE_SECONDARY, TLB_SPACE_HOME, TLB_SPACE_REAL, TLB_NSPACES };

/* Tag flags (bits 0-3) */
#define TLB_INVALID   0x1ULL   /* no translation cached for this kind */
#define TLB_HANDLE    0x2ULL   /* byte-wise access needed (I/O, watched, code) */
#define TLB_NOTDIRTY  0x4ULL   /* store: change bit not yet set */
#define TLB_CODE      0x8ULL   /* store: the frame holds decoded code (storage_code_*) */
#define TLB_FLAGS     0xFULL
#define TLB_KEY_SHIFT 4
#define TLB_TAG_LOW   0xFFULL

typedef struct TlbEntry {
    /* What an operand's hit reads first (a tag and host), so that it
     * touches one host cache line for most entries */
    uint64_t tag_read, tag_write;
    uint8_t *host;             /* host address of the frame, NULL for a handle */
    /* The pair tags: an entry's read (write) tag when an access that
     * starts in its page and runs on into the next one is an exact hit in
     * both, through frames that follow each other in host memory (one host
     * range); else TLB_INVALID, which no exact compare matches.  tlb.c
     * keeps them true for the direct slots whenever a slot or the one
     * after it (after the last: the first) changes; the block compiler checks a crossing operand's
     * second page by one compare with them (jit_templates.c). */
    uint64_t pair_read, pair_write;
    uint64_t tag_fetch;
    uint64_t abs;              /* absolute address of the frame */
} TlbEntry;

typedef struct Tlb {
    TlbEntry e[TLB_NSPACES][TLB_ENTRIES];
    TlbEntry victim[TLB_NSPACES][TLB_VICTIMS];
    unsigned victim_next[TLB_NSPACES];
    /* Bit s: set s may hold a live entry (filled since its last flush).
     * The whole-TLB scans (flush, code protection, by frame) skip the
     * others: a user-mode guest fills only one set of four. */
    unsigned spaces_used;
    /* Moves on every flush, and when a store ends decoded code
     * (access_commit), and when another CPU posts a flush request: the
     * dispatcher's fast loop, which runs from a page entered through the
     * TLB, revalidates it when this changes. */
    _Atomic uint64_t epoch;
} Tlb;

/* Moves the epoch on (any thread: a flush request posted by another CPU
 * moves it too, so the fast loop needs to watch only this word). */
static inline void tlb_epoch_bump(Tlb *t)
{
    atomic_fetch_add_explicit(&t->epoch, 1, memory_order_relaxed);
}

enum { TLB_KIND_READ, TLB_KIND_WRITE, TLB_KIND_FETCH };

static inline uint64_t tlb_make_tag(uint64_t vpage, uint8_t key)
{
    return vpage | ((uint64_t)key << TLB_KEY_SHIFT);
}

/* Makes t empty, whatever its memory held before (a new TLB). */
void tlb_init(Tlb *t);
void tlb_flush_all(Tlb *t);
/* Drops every entry, in every space, for logical page vaddr. */
void tlb_flush_page(Tlb *t, uint64_t vaddr);
/* Drops every entry whose absolute frame is abs (any space, any page). */
void tlb_flush_abs(Tlb *t, uint64_t abs);

/* The frame of abs now holds decoded code: every write entry for it takes
 * the slow path from now on (TLB_CODE), so the store can end the decoded
 * copy (access_commit). */
void tlb_code_protect(Tlb *t, uint64_t abs);

/* Finds the entry for (space, vpage) usable for kind and key.  Returns the
 * entry when the tag matches ignoring flags, NULL otherwise; *flags gets the
 * tag's flag bits. Checks the victim array and swaps a victim hit in. */
TlbEntry *tlb_lookup(Tlb *t, int space, uint64_t vaddr, int kind, uint8_t key, uint64_t *flags);

/* Installs a translation for one kind; other kinds of an entry for the same
 * page and key are kept, a different page is moved to the victim array. */
void tlb_fill(Tlb *t, int space, uint64_t vaddr, int kind, uint8_t key, uint64_t abs,
              uint8_t *host, uint64_t flags);

/* The change bit of the frame behind (space, vaddr) for key is now set and
 * the frame holds no decoded code (a store just ended it): drop
 * TLB_NOTDIRTY and TLB_CODE from its write tag so later stores take the
 * fast path.  (Resetting a change bit, by SSKE or RRBE, flushes the TLBs;
 * marking a frame as code sets TLB_CODE again: tlb_code_protect.) */
void tlb_mark_dirty(Tlb *t, int space, uint64_t vaddr, uint8_t key);

/* Inline fast hit for simple loads and stores: host pointer or NULL. */
static inline uint8_t *tlb_fast_host(Tlb *t, int space, uint64_t vaddr, int kind, uint8_t key)
{
    TlbEntry *e = &t->e[space][(vaddr >> 12) & (TLB_ENTRIES - 1)];
    uint64_t tag = kind == TLB_KIND_READ ? e->tag_read
                 : kind == TLB_KIND_WRITE ? e->tag_write : e->tag_fetch;
    if (tag != tlb_make_tag(vaddr & ~0xFFFULL, key))
        return 0;
    return e->host + (vaddr & 0xFFF);
}

#endif
