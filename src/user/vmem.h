/* The user-mode guest address space (Linux s390x user mode).
 *
 * The guest runs with real DAT: DAT on, primary space, problem state, 64-bit.
 * vmem builds and maintains the region-first/second/third, segment and page
 * tables itself, in guest absolute storage taken from its own frame
 * allocator, and hands the CPU an ASCE for CR1 (and CR7/CR13).  Guest pages
 * are frames from the same allocator.  So one access path (access -> mmu ->
 * mem) serves both system and user mode, and a guest mprotect() makes the
 * access layer fault exactly as the hardware would:
 *
 *   readable+writable        PTE = frame            (valid)
 *   read-only (R or R|X)     PTE = frame | P        -> protection exception 0x04
 *   PROT_NONE                PTE = [frame] | I      -> page-translation exception 0x11
 *   unmapped                 PTE = I, or no table   -> 0x11 / 0x10 / 0x3B..0x39
 *
 * PROT_EXEC is not enforced (no IEP): an executable-only page is readable.
 * Write-only is RW (the hardware has no write-only pages; Linux does the same).
 * A PROT_NONE page keeps its frame (and contents) when it had one, so
 * mprotect back restores the data; a page that was PROT_NONE from birth has no
 * frame and may have no page table, so reserving a huge PROT_NONE range costs
 * only its bookkeeping entry.
 *
 * Every change of a PTE that was valid drops the translation from the TLB
 * of the attached CPU (single CPU for now) before vmem returns.
 *
 * The frame allocator is a bump pointer over [frame_lo, ram_size) plus a
 * free list of single frames; a freed frame is returned to the host with
 * MADV_DONTNEED, so it is zero when it is handed out again and costs no host
 * memory meanwhile.  Tables (16 KiB region/segment tables, 2 KiB page
 * tables) come from the bump pointer and are never freed (open point).
 *
 * Errors are negative Linux errno values, ready for the syscall layer. */
#ifndef ZEMU_USER_VMEM_H
#define ZEMU_USER_VMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* Protections: the Linux PROT_* values. */
#define VMEM_PROT_NONE  0
#define VMEM_PROT_READ  1
#define VMEM_PROT_WRITE 2
#define VMEM_PROT_EXEC  4

/* Kind of a mapping (bookkeeping only: /proc/self/maps, brk collisions). */
enum {
    VMA_ANON = 0,
    VMA_ELF = 1,      /* a PT_LOAD segment */
    VMA_STACK = 2,
    VMA_BRK = 3,
};

/* mmap flags understood by vmem_mmap (the Linux values). */
#define VMEM_MAP_FIXED           0x10
#define VMEM_MAP_FIXED_NOREPLACE 0x100000
/* mremap flags (the Linux values). */
#define VMEM_MREMAP_MAYMOVE 1
#define VMEM_MREMAP_FIXED   2

/* Layout of a 64-bit task (ZARCH-NOTES §10.3): the stack ends at 2^42,
 * mmap without MAP_FIXED searches top-down below the stack gap, nothing is
 * mapped below 64 KiB (mmap_min_addr), and MAP_FIXED may go up to 2^53
 * (our choice: the tables are region-first, so any 64-bit address could be
 * mapped; 2^53 is the 5-level limit of a Linux s390x task). */
#define VMEM_STACK_TOP   (1ULL << 42)
#define VMEM_STACK_GAP   (128ULL << 20)
#define VMEM_MMAP_BASE   (VMEM_STACK_TOP - VMEM_STACK_GAP)
#define VMEM_MMAP_MIN    0x10000ULL
#define VMEM_ADDR_LIMIT  (1ULL << 53)

typedef struct VmArea {
    uint64_t start, end;      /* page aligned, [start, end) */
    int prot;                 /* VMEM_PROT_* */
    int kind;                 /* VMA_* */
} VmArea;

typedef struct VMem {
    Machine *m;
    CPUState *cpu;            /* whose TLB is flushed; NULL until attached */
    uint64_t asce;            /* region-first ASCE, TL = 3 */

    /* Frame allocator */
    uint64_t frame_lo, frame_next, frame_hi;
    uint64_t *free_frames;
    size_t nfree, free_cap;
    uint64_t pt_spare;        /* unused 2 KiB half frame for a page table, or 0 */
    uint64_t frames_used;     /* data frames currently mapped */
    uint64_t table_bytes;     /* bytes of DAT tables allocated */

    /* Mappings, sorted by start, disjoint. */
    VmArea *vma;
    size_t nvma, vma_cap;

    uint64_t brk_start, brk_cur;
    uint64_t mmap_base;       /* top of the top-down mmap search */

    /* TLB flush bookkeeping of the current operation */
    unsigned flush_pages;
} VMem;

/* Sets up an empty address space over m's storage.  Frames are taken from
 * [frame_lo, ram_size); frame_lo 0 means the default of 1 MiB (low storage
 * stays free for a lowcore).  0 or -ENOMEM. */
int vmem_init(VMem *vm, Machine *m, uint64_t frame_lo);
void vmem_destroy(VMem *vm);

/* Loads the ASCE into CR1, CR7 and CR13 of cpu and remembers cpu for TLB
 * flushes.  Does not touch the PSW (see user_cpu_start in stack.h). */
void vmem_attach_cpu(VMem *vm, CPUState *cpu);

/* Maps [addr, addr+len) (page aligned) with fresh zero pages, replacing
 * whatever was mapped there (MAP_FIXED semantics).  0, -EINVAL, -ENOMEM. */
int vmem_map(VMem *vm, uint64_t addr, uint64_t len, int prot, int kind);

/* Unmaps every page of [addr, addr+len); unmapped pages are fine (Linux
 * munmap).  0 or -EINVAL (unaligned, len 0, beyond the limit). */
int vmem_unmap(VMem *vm, uint64_t addr, uint64_t len);

/* Changes the protection of [addr, addr+len).  The whole range must be
 * mapped (else -ENOMEM and nothing changes, as Linux mprotect reports).
 * Pages that become accessible and have no frame get a zero frame.
 * 0, -EINVAL, -ENOMEM. */
int vmem_protect(VMem *vm, uint64_t addr, uint64_t len, int prot);

/* Anonymous mmap: flags may hold VMEM_MAP_FIXED / VMEM_MAP_FIXED_NOREPLACE;
 * without them addr is a hint.  Returns the address or -errno (-EINVAL,
 * -ENOMEM, -EEXIST).  File contents are the caller's business (vmem_write). */
int64_t vmem_mmap(VMem *vm, uint64_t addr, uint64_t len, int prot, int flags);

/* mremap: shrinks in place, grows in place when the pages after the mapping
 * are free, else moves (frames move with their contents, nothing is copied)
 * when VMEM_MREMAP_MAYMOVE is given; VMEM_MREMAP_FIXED moves to new_addr.
 * old..old+oldlen must lie inside one mapping.  Returns the new address or
 * -errno (-EINVAL, -EFAULT, -ENOMEM). */
int64_t vmem_mremap(VMem *vm, uint64_t old, uint64_t oldlen, uint64_t newlen, int flags,
                    uint64_t new_addr);

/* A free, page-aligned range of len bytes: at hint when [hint, hint+len) is
 * free, below VMEM_ADDR_LIMIT and at least VMEM_MMAP_MIN; else the highest
 * free range below mmap_base.  0 when there is none. */
uint64_t vmem_find_free(const VMem *vm, uint64_t len, uint64_t hint);

/* brk: vmem_brk_init sets the initial break (end of the program's bss);
 * vmem_brk follows sys_brk: a request below the start or colliding with
 * another mapping leaves the break unchanged; returns the (new) break. */
void vmem_brk_init(VMem *vm, uint64_t start);
uint64_t vmem_brk(VMem *vm, uint64_t newbrk);

/* The mapping holding addr, or NULL. */
const VmArea *vmem_find(const VMem *vm, uint64_t addr);
/* True when no page of [addr, addr+len) is mapped. */
bool vmem_range_free(const VMem *vm, uint64_t addr, uint64_t len);

/* Supervisor-style copies (the loader, the kernel side of syscalls that
 * already checked access): protection is ignored, but every page must have a
 * frame (mapped and not a never-accessible PROT_NONE page).  0 or -EFAULT. */
int vmem_write(VMem *vm, uint64_t va, const void *buf, uint64_t n);
int vmem_read(VMem *vm, uint64_t va, void *buf, uint64_t n);
/* Host pointer of guest byte va when its page has a frame, else NULL. */
uint8_t *vmem_host(VMem *vm, uint64_t va);

/* Number of frames the allocator can still hand out. */
uint64_t vmem_frames_available(const VMem *vm);

#endif
