/* The storage-access layer (DESIGN.md §3): probe, then store.
 *
 * An instruction prepares every operand of a unit of operation with
 * access_prepare() before it stores anything; a prepare that fails raises the
 * access exception (or reports a watchpoint) and nothing has been stored.
 * After all operands are prepared nothing can fault: the helpers below move
 * the bytes through the host pointers of the probed pages (fast path) or
 * byte by byte through handles (I/O regions, watched pages, cached code).
 * No helper ever translates again.  At the end of the unit the instruction
 * calls access_commit() for each stored operand: that sets change bits and
 * recognises PER storage-alteration events for exactly the bytes stored. */
#ifndef ZEMU_ACCESS_ACCESS_H
#define ZEMU_ACCESS_ACCESS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cpu/cpu.h"
#include "mmu/mmu.h"

/* Non-architected return code: a debugger watchpoint covers an operand.
 * cpu->watch says where; nothing has been stored. */
#define ACCESS_WATCHPOINT 0x10000

/* Page flags */
#define PA_HANDLE  0x01   /* access byte-wise (host == NULL) */
#define PA_WATCHED 0x02   /* a watchpoint overlaps the page */
#define PA_PER     0x04   /* store may be in the PER storage-alteration range */
#define PA_IO      0x08   /* the frame is an I/O region */
#define PA_CLEAN   0x10   /* from an exact TLB hit: the change bit is set, the
                             frame holds no decoded code, no PER: access_commit
                             has nothing to do for it */

/* One page of one operand: the result of a probe. */
typedef struct PageAccess {
    uint64_t vaddr;       /* logical address of the first byte */
    uint64_t abs;         /* absolute address of the first byte */
    uint32_t len;         /* bytes in this page, >= 1 */
    uint8_t flags;
    uint8_t *host;        /* host address of the first byte, NULL for a handle */
} PageAccess;

/* Maximum operand length of one unit: one page plus one page. */
#define ACCESS_MAX_LEN 4096u

/* One operand of one unit of operation: at most two pages. */
typedef struct StorageAccess {
    PageAccess frag[2];
    uint8_t nfrag;        /* 0 for a zero-length operand */
    uint8_t kind;         /* AccessKind */
    uint8_t key;
    uint32_t space;
    uint64_t vaddr;       /* wrapped logical address of byte 0 */
    uint32_t len;
    /* Stored-byte range [st_lo, st_hi) recorded by the store helpers,
     * consumed by access_commit(). */
    uint32_t st_lo, st_hi;
} StorageAccess;

/* Probes one page: len >= 1 and addr..addr+len-1 within one page.  Performs
 * every check of the access (mmu_translate), the watchpoint check, and
 * decides host pointer versus byte handle.  Returns 0, a program-interruption
 * code (cpu->pgm filled), or ACCESS_WATCHPOINT (cpu->watch filled). */
int probe(CPUState *cpu, uint64_t addr, uint32_t len, AccessKind kind, uint32_t space,
          uint8_t key, PageAccess *out);

/* Non-faulting form: as probe, but an access exception is returned in *exc
 * without touching cpu->pgm, and watchpoints are ignored.  For MVPG's
 * condition-code option, TPROT and LRA-like users. */
int probe_nofault(CPUState *cpu, uint64_t addr, uint32_t len, AccessKind kind, uint32_t space,
                  uint8_t key, PageAccess *out, ProgramException *exc);

/* Prepares one operand: addr is wrapped to the addressing mode, the operand
 * may wrap at the top of the 24/31/64-bit range (byte after the top is 0) and
 * cross one page boundary; len <= ACCESS_MAX_LEN.  len 0 prepares nothing. */
int access_prepare(CPUState *cpu, StorageAccess *sa, uint64_t addr, uint32_t len,
                   AccessKind kind, uint32_t space, uint8_t key);

/* The same with the operand's base register deciding the space and the PSW
 * key as the access key: the common case of an instruction operand.  Its
 * inline part takes each page from the TLB when the entry matches exactly
 * (no slow-case flag: ordinary RAM, change bit set, no decoded code, no
 * watchpoint) -- the checks were made when the entry was filled -- and
 * falls back to probe otherwise. */
int access_prepare_op_slow(CPUState *cpu, StorageAccess *sa, uint64_t addr, uint32_t len,
                           AccessKind kind, int b);

/* One page of an operand from an exact TLB hit for kind (an update needs
 * both the read and the write translation). */
static inline __attribute__((always_inline)) bool access_tlb_page(CPUState *cpu, int ts,
                                                                  uint64_t addr, uint32_t len,
                                                                  AccessKind kind, PageAccess *out)
{
    const TlbEntry *e = &cpu->tlb.e[ts][(addr >> 12) & (TLB_ENTRIES - 1)];
    const uint64_t tag = (addr & PAGE_MASK) | cpu->op_keytag;
    if ((kind != ACC_STORE && e->tag_read != tag) || (kind != ACC_FETCH && e->tag_write != tag))
        return false;
    const uint32_t off = addr & ~PAGE_MASK;
    out->vaddr = addr;
    out->abs = e->abs + off;
    out->len = len;
    out->flags = PA_CLEAN;
    out->host = e->host + off;
    return true;
}

/* The TLB set of an operand whose base register (or operand register) is b
 * under the current PSW: in the access-register mode b's access register
 * decides.  -1 when that space has no TLB set (an ALET other than 0 and 1).
 * Also brings cpu->op_keytag up to date for access_tlb_host. */
static inline __attribute__((always_inline)) int access_op_tlb_set(CPUState *cpu, int b)
{
    int ts = mmu_op_tspace(cpu);
    if (__builtin_expect(ts < 0, 0)) {
        ts = mmu_tlb_space(cpu, mmu_space_for(cpu, b));
        if (ts == TLB_NSPACES)
            return -1;
    }
    return ts;
}

/* Host address of addr (wrapped to the addressing mode) when TLB set ts
 * (access_set_host: the set given by its first entry) holds an exact
 * translation of its page for kind under the PSW key (as access_tlb_page:
 * ordinary RAM, the checks made at fill time, for a store the change bit
 * set and no decoded code); else NULL.  No PER check: a caller storing
 * through it must have PER off. */
/* access_set_host as a test: true on an exact hit, and then *host is the
 * host address of addr.  An exact hit's host is never NULL (tlb_fill gives
 * a kind filled without a host pointer TLB_HANDLE, and only a flush or a
 * refill that invalidates every kind changes the host), so the caller tests
 * nothing else. */
static inline __attribute__((always_inline)) bool access_set_hit(const CPUState *cpu,
                                                                 const TlbEntry *set,
                                                                 uint64_t addr, AccessKind kind,
                                                                 uint8_t **host)
{
    const TlbEntry *e = &set[(addr >> 12) & (TLB_ENTRIES - 1)];
    const uint64_t tag = (addr & PAGE_MASK) | cpu->op_keytag;
    if ((kind != ACC_STORE && e->tag_read != tag) || (kind != ACC_FETCH && e->tag_write != tag))
        return false;
    *host = e->host + (addr & ~PAGE_MASK);
    return true;
}
static inline __attribute__((always_inline)) uint8_t *access_set_host(const CPUState *cpu,
                                                                      const TlbEntry *set,
                                                                      uint64_t addr,
                                                                      AccessKind kind)
{
    uint8_t *h;
    return access_set_hit(cpu, set, addr, kind, &h) ? h : NULL;
}

/* May the call-free exact hits (TRY handlers, the SS fast paths) use
 * cpu->op_tlb, the TLB set of base-register operands?  One compare of the
 * PSW against cpu->op_try_mode: its DAT, ASC and key bits are those op_tlb
 * was worked out for and it is not AR mode, and, with per_off, PER is off
 * too (a store must be seen by access_commit then).  False: the caller's
 * access-layer path, which brings op_tlb up to date. */
static inline __attribute__((always_inline)) bool access_try_ok(const CPUState *cpu, bool per_off)
{
    const uint64_t bits = MMU_OP_MODE_BITS | (per_off ? PSW_MASK_PER : 0);
    return (cpu->psw_mask & bits) == cpu->op_try_mode;
}
static inline __attribute__((always_inline)) uint8_t *access_tlb_host(const CPUState *cpu, int ts,
                                                                      uint64_t addr,
                                                                      AccessKind kind)
{
    return access_set_host(cpu, cpu->tlb.e[ts], addr, kind);
}

/* The fast path of an operand that lies in one page (addr already wrapped
 * to the addressing mode): its host address when the TLB holds an exact
 * translation for kind (as access_tlb_page) and, for a store, PER is off;
 * else NULL and the caller prepares the operand.  A store through it has
 * nothing to commit (the page is clean in access_tlb_page's sense). */
static inline __attribute__((always_inline)) uint8_t *access_fast_host(CPUState *cpu,
                                                                       uint64_t addr,
                                                                       uint32_t len,
                                                                       AccessKind kind, int b)
{
    if ((addr & ~PAGE_MASK) + len > PAGE_SIZE ||
        (kind != ACC_FETCH && (cpu->psw_mask & PSW_MASK_PER)))
        return NULL;
    const int ts = access_op_tlb_set(cpu, b);
    return ts < 0 ? NULL : access_tlb_host(cpu, ts, addr, kind);
}

/* An operand of at most two pages, each on ordinary RAM from an exact TLB
 * hit (access_fast_host's conditions): bytes [0, n0) at host[0], bytes
 * [n0, len) at host[1].  Nothing to commit for stores through it. */
typedef struct HostSpan {
    uint8_t *host[2];
    uint32_t n0, len;
} HostSpan;

static inline __attribute__((always_inline)) bool access_fast_span(CPUState *cpu, uint64_t addr,
                                                                   uint32_t len, AccessKind kind,
                                                                   int b, HostSpan *sp)
{
    const uint32_t first = PAGE_SIZE - (addr & ~PAGE_MASK);
    sp->len = len;
    if (__builtin_expect(len <= first, 1)) {
        sp->n0 = len;
        sp->host[1] = NULL;
        return (sp->host[0] = access_fast_host(cpu, addr, len, kind, b)) != NULL;
    }
    sp->n0 = first;
    if (!(sp->host[0] = access_fast_host(cpu, addr, first, kind, b)))
        return false;
    sp->host[1] = access_fast_host(cpu, (addr + first) & cpu_addr_mask(cpu), len - first, kind, b);
    return sp->host[1] != NULL;
}

/* Host address of byte off of a span, and the bytes after it in its page. */
static inline uint8_t *span_at(const HostSpan *sp, uint32_t off, uint32_t *avail)
{
    if (off < sp->n0) {
        *avail = sp->n0 - off;
        return sp->host[0] + off;
    }
    *avail = sp->len - off;
    return sp->host[1] + (off - sp->n0);
}

/* Zeroes n bytes of host memory with the library's memset (an inline
 * expansion of a short variable-length memset is a slow "rep stos"); never
 * inlined, also not by the LTO build's flattened entries. */
__attribute__((noinline)) void access_host_zero(uint8_t *d, uint32_t n);

/* MVC's left-to-right byte semantics on host memory, overlap included: a
 * destination that starts inside the source repeats the pattern of the
 * d - s bytes before it; otherwise it is a memmove. */
static inline void access_host_move(uint8_t *d, const uint8_t *s, uint32_t n)
{
    if (d <= s || d >= s + n) {
        memmove(d, s, n);
        return;
    }
    const uint32_t period = (uint32_t)(d - s);
    if (period == 1) {
        memset(d, *s, n);
        return;
    }
    memcpy(d, s, period);
    uint32_t done = period;
    while (done < n) {
        const uint32_t c = done < n - done ? done : n - done;
        memcpy(d + done, d, c);
        done += c;
    }
}

static inline __attribute__((always_inline)) int access_prepare_op(CPUState *cpu,
                                                                   StorageAccess *sa,
                                                                   uint64_t addr, uint32_t len,
                                                                   AccessKind kind, int b)
{
    const int ts = mmu_op_tspace(cpu);
    /* PER needs PA_PER on stored pages: probe decides that. */
    if (__builtin_expect(ts >= 0 && len - 1 < ACCESS_MAX_LEN && !(cpu->psw_mask & PSW_MASK_PER),
                         1)) {
        const uint64_t mask = cpu_addr_mask(cpu);
        addr &= mask;
        uint32_t first = PAGE_SIZE - (addr & ~PAGE_MASK);
        if (first > len)
            first = len;
        if (access_tlb_page(cpu, ts, addr, first, kind, &sa->frag[0]) &&
            (first == len ||
             access_tlb_page(cpu, ts, (addr + first) & mask, len - first, kind, &sa->frag[1]))) {
            sa->nfrag = first == len ? 1 : 2;
            sa->kind = kind;
            sa->key = cpu->op_keytag >> TLB_KEY_SHIFT;
            sa->space = mmu_space_for(cpu, b);
            sa->vaddr = addr;
            sa->len = len;
            sa->st_lo = sa->st_hi = 0;
            return 0;
        }
    }
    return access_prepare_op_slow(cpu, sa, addr, len, kind, b);
}

/* Logical address of byte off of the operand (wrapped). */
uint64_t access_vaddr(const CPUState *cpu, const StorageAccess *sa, uint32_t off);

/* Byte and bulk access at operand offsets. */
uint8_t access_get_byte(CPUState *cpu, const StorageAccess *sa, uint32_t off);
void access_put_byte(CPUState *cpu, StorageAccess *sa, uint32_t off, uint8_t v);
void access_read(CPUState *cpu, const StorageAccess *sa, uint32_t off, void *buf, uint32_t n);
void access_write(CPUState *cpu, StorageAccess *sa, uint32_t off, const void *buf, uint32_t n);

/* Big-endian register-sized values at an operand offset (any alignment). */
uint64_t access_get_be(CPUState *cpu, const StorageAccess *sa, uint32_t off, unsigned size);
void access_put_be(CPUState *cpu, StorageAccess *sa, uint32_t off, unsigned size, uint64_t v);

/* dst <- src, n bytes from the given offsets, with the result of a
 * left-to-right one-byte-at-a-time move (MVC semantics: d = s+1 replicates,
 * 0 < d-s < n propagates the pattern).  Uses host memmove/memset where that
 * gives the same result; byte-wise over handles. */
void access_move(CPUState *cpu, StorageAccess *dst, uint32_t doff, const StorageAccess *src,
                 uint32_t soff, uint32_t n);

/* dst[off..off+n) <- byte. */
void access_set(CPUState *cpu, StorageAccess *dst, uint32_t off, uint32_t n, uint8_t byte);

/* Compares n bytes left to right; returns 0 when equal, else the offset+1 of
 * the first unequal byte (so the caller can compute CC and addresses). */
uint32_t access_compare(CPUState *cpu, const StorageAccess *a, uint32_t aoff,
                        const StorageAccess *b, uint32_t boff, uint32_t n);

/* True when the two prepared operands share any absolute byte: the overlap
 * test for instructions whose result depends on it, immune to two logical
 * pages mapping one frame. */
bool access_overlap(const StorageAccess *a, const StorageAccess *b);

/* Records that bytes [off, off+n) of the operand were stored through its
 * host pointers directly (a fast loop of an instruction), so that
 * access_commit() covers them; the helpers above record their own stores. */
void access_note_store(StorageAccess *sa, uint32_t off, uint32_t n);

/* Ends the unit for a stored operand: sets the change bit of every frame
 * that received a stored byte, recognises a PER storage-alteration event for
 * the stored bytes, and resets the stored range.  A no-op when nothing was
 * stored. */
void access_commit(CPUState *cpu, StorageAccess *sa);

/* Debugger watchpoints over logical addresses (the GDB stub, tests):
 * add returns -1 when all MAX_WATCHPOINTS are in use or len is 0; remove
 * takes out the one with exactly these addr, len and type (-1: none). */
int access_watch_add(Machine *m, uint64_t addr, uint64_t len, uint8_t type);
int access_watch_remove(Machine *m, uint64_t addr, uint64_t len, uint8_t type);
void access_watch_clear(Machine *m);

#endif
