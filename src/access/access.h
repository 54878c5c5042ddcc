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
 * key as the access key: the common case of an instruction operand. */
int access_prepare_op(CPUState *cpu, StorageAccess *sa, uint64_t addr, uint32_t len,
                      AccessKind kind, int b);

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

/* Test support: debugger watchpoints over logical addresses. */
int access_watch_add(Machine *m, uint64_t addr, uint64_t len, uint8_t type);
void access_watch_clear(Machine *m);

#endif
