/* The user-mode address space (see vmem.h). */
#include "user/vmem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mmu/dat.h"
#include "mmu/tlb.h"

/* Shift of the table index of each level, region-first .. segment: the
 * 11-bit RFX, RSX, RTX and SX fields of a virtual address (ZARCH-NOTES §5.2). */
static const unsigned level_shift[4] = { 53, 42, 31, 20 };
/* Table-type bits of the entries of each level. */
static const uint64_t level_tt[4] = { TT_REGION1, TT_REGION2, TT_REGION3, TT_SEGMENT };

/* A region or segment table has 2048 entries (16 KiB); a page table 256 (2 KiB). */
#define CRST_BYTES (2048 * 8)
#define PT_BYTES   (256 * 8)

/* Past this many single-page flushes in one operation a full flush is cheaper. */
#define FLUSH_PAGE_LIMIT 64

static inline uint64_t page_up(uint64_t x) { return (x + PAGE_SIZE - 1) & PAGE_MASK; }

static inline uint64_t rd(const VMem *vm, uint64_t abs)
{
    return storage_read_u64(&vm->m->storage, abs);
}
static inline void wr(VMem *vm, uint64_t abs, uint64_t v)
{
    storage_write_u64(&vm->m->storage, abs, v);
}

/* ---- frame allocator ---------------------------------------------------- */

uint64_t vmem_frames_available(const VMem *vm)
{
    return vm->nfree + (vm->frame_hi - vm->frame_next) / PAGE_SIZE;
}

/* A zero frame, or 0 when storage is exhausted.  Bump frames were never
 * touched (vmem owns [frame_lo, ram_size)); free-list frames were given back
 * to the host with MADV_DONTNEED, which makes them read as zero again. */
static uint64_t frame_alloc(VMem *vm)
{
    if (vm->nfree)
        return vm->free_frames[--vm->nfree];
    if (vm->frame_hi - vm->frame_next < PAGE_SIZE)
        return 0;
    uint64_t f = vm->frame_next;
    vm->frame_next += PAGE_SIZE;
    return f;
}

/* Contiguous table memory from the bump pointer (tables are never freed). */
static uint64_t table_alloc(VMem *vm, uint64_t bytes)
{
    if (bytes == PT_BYTES && vm->pt_spare) {
        uint64_t t = vm->pt_spare;
        vm->pt_spare = 0;
        vm->table_bytes += bytes;
        return t;
    }
    uint64_t need = page_up(bytes);
    if (vm->frame_hi - vm->frame_next < need)
        return 0;
    uint64_t t = vm->frame_next;
    vm->frame_next += need;
    if (bytes == PT_BYTES)
        vm->pt_spare = t + PT_BYTES;   /* the other half of the frame */
    vm->table_bytes += bytes;
    return t;
}

/* Freed frames are collected into runs of contiguous frames, so that one
 * madvise gives a whole run back to the host. */
typedef struct FreeRun {
    uint64_t lo, hi;
} FreeRun;

static void run_flush(VMem *vm, FreeRun *r)
{
    if (r->hi > r->lo) {
        uint8_t *h = storage_host(&vm->m->storage, r->lo);
        if (h)
            madvise(h, r->hi - r->lo, MADV_DONTNEED);
        for (uint64_t f = r->lo; f < r->hi; f += PAGE_SIZE)
            storage_set_key(&vm->m->storage, f, 0);
        /* The frames will hold other data: decoded copies of them die. */
        storage_code_written(&vm->m->storage, r->lo, r->hi - r->lo);
    }
    r->lo = r->hi = 0;
}

/* Returns a frame to the free list (when the list cannot grow the frame is
 * leaked, which is harmless) and adds it to the run given back to the host. */
static void frame_free(VMem *vm, FreeRun *r, uint64_t f)
{
    if (vm->nfree == vm->free_cap) {
        size_t cap = vm->free_cap ? vm->free_cap * 2 : 1024;
        uint64_t *n = realloc(vm->free_frames, cap * sizeof(*n));
        if (!n)
            return;
        vm->free_frames = n;
        vm->free_cap = cap;
    }
    vm->free_frames[vm->nfree++] = f;
    if (vm->frames_used)
        vm->frames_used--;
    if (r->hi == f) {
        r->hi += PAGE_SIZE;
    } else {
        run_flush(vm, r);
        r->lo = f;
        r->hi = f + PAGE_SIZE;
    }
}

/* Conservative number of frames an operation that populates npages pages
 * may need: the pages plus their page tables plus a path of upper tables. */
static uint64_t frames_needed(uint64_t npages)
{
    return npages + npages / 256 + 16;
}

/* ---- tables ------------------------------------------------------------- */

static void table_fill(VMem *vm, uint64_t origin, unsigned n, uint64_t entry)
{
    uint8_t *h = storage_host(&vm->m->storage, origin);
    uint64_t be = __builtin_bswap64(entry);
    for (unsigned i = 0; i < n; i++)
        memcpy(h + 8 * i, &be, 8);
}

/* Absolute address of the page-table entry of va.  With create, missing
 * tables are built (full length, TF = 0, TL = 3) and 0 means storage is
 * exhausted.  Without create, 0 means a table on the path is absent and
 * *next (when given) is the first address beyond what that table would map,
 * so that walks over sparse ranges skip it. */
static uint64_t pte_addr(VMem *vm, uint64_t va, bool create, uint64_t *next)
{
    uint64_t origin = vm->asce & ASCE_ORIGIN;
    for (int lvl = 0; lvl < 4; lvl++) {
        uint64_t ea = origin + (((va >> level_shift[lvl]) & 0x7FF) << 3);
        uint64_t e = rd(vm, ea);
        bool invalid = lvl < 3 ? (e & REGION_ENTRY_I) : (e & SEGMENT_ENTRY_I);
        if (invalid) {
            if (!create) {
                if (next)
                    *next = (va | ((1ULL << level_shift[lvl]) - 1)) + 1;
                return 0;
            }
            uint64_t t;
            if (lvl < 3) {
                t = table_alloc(vm, CRST_BYTES);
                if (!t)
                    return 0;
                table_fill(vm, t, 2048, lvl + 1 < 3 ? REGION_ENTRY_I | level_tt[lvl + 1]
                                                    : SEGMENT_ENTRY_I | TT_SEGMENT);
                e = t | level_tt[lvl] | REGION_ENTRY_TL;
            } else {
                t = table_alloc(vm, PT_BYTES);
                if (!t)
                    return 0;
                table_fill(vm, t, 256, PAGE_ENTRY_I);
                e = t | TT_SEGMENT;
            }
            wr(vm, ea, e);
        }
        origin = lvl < 3 ? (e & REGION_ENTRY_ORIGIN) : (e & SEGMENT_ENTRY_ORIGIN);
    }
    return origin + (((va >> 12) & 0xFF) << 3);
}

static void flush_page(VMem *vm, uint64_t va)
{
    if (!vm->cpu)
        return;
    vm->flush_pages++;
    if (vm->flush_pages <= FLUSH_PAGE_LIMIT)
        tlb_flush_page(&vm->cpu->tlb, va);
    else if (vm->flush_pages == FLUSH_PAGE_LIMIT + 1)
        cpu_flush_tlb_local(vm->cpu);
    /* Later pages of the same operation: the full flush already dropped
     * them, and no guest access runs before the operation returns. */
}

/* Writes a PTE; a change to an entry that was valid drops the page from the
 * TLB (the architecture would require IPTE; we own the only CPU). */
static void pte_write(VMem *vm, uint64_t pa, uint64_t va, uint64_t v)
{
    uint64_t old = rd(vm, pa);
    if (old == v)
        return;
    wr(vm, pa, v);
    if (!(old & PAGE_ENTRY_I))
        flush_page(vm, va);
}

/* PTE bits for an accessible protection (frame ORed in by the caller). */
static uint64_t pte_bits(int prot)
{
    if (prot == VMEM_PROT_NONE)
        return PAGE_ENTRY_I;
    return (prot & VMEM_PROT_WRITE) ? 0 : PAGE_ENTRY_P;
}

/* Frees every frame of [a, b) and invalidates the PTEs. */
static void pages_unmap(VMem *vm, uint64_t a, uint64_t b)
{
    FreeRun run = { 0, 0 };
    for (uint64_t va = a; va < b;) {
        uint64_t next = 0;
        uint64_t pa = pte_addr(vm, va, false, &next);
        if (!pa) {
            va = next;
            continue;
        }
        uint64_t old = rd(vm, pa);
        if (old & PAGE_ENTRY_ORIGIN)
            frame_free(vm, &run, old & PAGE_ENTRY_ORIGIN);
        pte_write(vm, pa, va, PAGE_ENTRY_I);
        va += PAGE_SIZE;
    }
    run_flush(vm, &run);
}

/* Populates the (unmapped) range [a, b) with zero frames; PROT_NONE pages
 * get nothing.  -ENOMEM leaves the pages populated so far for the caller to
 * unmap. */
static int pages_map(VMem *vm, uint64_t a, uint64_t b, int prot)
{
    if (prot == VMEM_PROT_NONE)
        return 0;
    for (uint64_t va = a; va < b; va += PAGE_SIZE) {
        uint64_t pa = pte_addr(vm, va, true, NULL);
        if (!pa)
            return -ENOMEM;
        uint64_t f = frame_alloc(vm);
        if (!f)
            return -ENOMEM;
        vm->frames_used++;
        pte_write(vm, pa, va, f | pte_bits(prot));
    }
    return 0;
}

/* Changes the protection of the mapped range [a, b).  Accessible pages
 * without a frame get one; PROT_NONE keeps frames under an invalid PTE. */
static int pages_protect(VMem *vm, uint64_t a, uint64_t b, int prot)
{
    for (uint64_t va = a; va < b;) {
        if (prot == VMEM_PROT_NONE) {
            uint64_t next = 0;
            uint64_t pa = pte_addr(vm, va, false, &next);
            if (!pa) {
                va = next;
                continue;
            }
            uint64_t old = rd(vm, pa);
            pte_write(vm, pa, va, (old & PAGE_ENTRY_ORIGIN) | PAGE_ENTRY_I);
            va += PAGE_SIZE;
            continue;
        }
        uint64_t pa = pte_addr(vm, va, true, NULL);
        if (!pa)
            return -ENOMEM;
        uint64_t f = rd(vm, pa) & PAGE_ENTRY_ORIGIN;
        if (!f) {
            f = frame_alloc(vm);
            if (!f)
                return -ENOMEM;
            vm->frames_used++;
        }
        pte_write(vm, pa, va, f | pte_bits(prot));
        va += PAGE_SIZE;
    }
    return 0;
}

/* Number of pages of [a, b) that would need a new frame to become accessible. */
static uint64_t pages_without_frame(VMem *vm, uint64_t a, uint64_t b)
{
    uint64_t n = 0;
    for (uint64_t va = a; va < b;) {
        uint64_t next = 0;
        uint64_t pa = pte_addr(vm, va, false, &next);
        if (!pa) {
            if (next > b || next == 0)
                next = b;
            n += (next - va) / PAGE_SIZE;
            va = next;
            continue;
        }
        if (!(rd(vm, pa) & PAGE_ENTRY_ORIGIN))
            n++;
        va += PAGE_SIZE;
    }
    return n;
}

/* ---- the list of mappings ----------------------------------------------- */

static int vma_reserve(VMem *vm, size_t extra)
{
    if (vm->nvma + extra <= vm->vma_cap)
        return 0;
    size_t cap = vm->vma_cap ? vm->vma_cap * 2 : 64;
    while (cap < vm->nvma + extra)
        cap *= 2;
    VmArea *n = realloc(vm->vma, cap * sizeof(*n));
    if (!n)
        return -ENOMEM;
    vm->vma = n;
    vm->vma_cap = cap;
    return 0;
}

/* Index of the first mapping with end > addr (nvma when none). */
static size_t vma_lower(const VMem *vm, uint64_t addr)
{
    size_t lo = 0, hi = vm->nvma;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (vm->vma[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Splits the mapping that strictly contains x into two (needs one free slot). */
static void vma_split_at(VMem *vm, uint64_t x)
{
    size_t i = vma_lower(vm, x);
    if (i == vm->nvma || vm->vma[i].start >= x)
        return;
    memmove(&vm->vma[i + 1], &vm->vma[i], (vm->nvma - i) * sizeof(VmArea));
    vm->nvma++;
    vm->vma[i].end = x;
    vm->vma[i + 1].start = x;
}

/* Removes [a, b) from the list (needs two free slots). */
static void vma_carve(VMem *vm, uint64_t a, uint64_t b)
{
    vma_split_at(vm, a);
    vma_split_at(vm, b);
    size_t i = vma_lower(vm, a), j = i;
    while (j < vm->nvma && vm->vma[j].end <= b)
        j++;
    memmove(&vm->vma[i], &vm->vma[j], (vm->nvma - j) * sizeof(VmArea));
    vm->nvma -= j - i;
}

/* Joins neighbours with the same protection and kind. */
static void vma_merge(VMem *vm)
{
    size_t o = 0;
    for (size_t i = 0; i < vm->nvma; i++) {
        if (o && vm->vma[o - 1].end == vm->vma[i].start && vm->vma[o - 1].prot == vm->vma[i].prot &&
            vm->vma[o - 1].kind == vm->vma[i].kind) {
            vm->vma[o - 1].end = vm->vma[i].end;
            continue;
        }
        vm->vma[o++] = vm->vma[i];
    }
    vm->nvma = o;
}

/* Inserts a mapping over a range that is free in the list (needs one slot). */
static void vma_insert(VMem *vm, uint64_t a, uint64_t b, int prot, int kind)
{
    size_t i = vma_lower(vm, a);
    memmove(&vm->vma[i + 1], &vm->vma[i], (vm->nvma - i) * sizeof(VmArea));
    vm->vma[i] = (VmArea){ a, b, prot, kind };
    vm->nvma++;
    vma_merge(vm);
}

const VmArea *vmem_find(const VMem *vm, uint64_t addr)
{
    size_t i = vma_lower(vm, addr);
    if (i < vm->nvma && vm->vma[i].start <= addr)
        return &vm->vma[i];
    return NULL;
}

bool vmem_range_free(const VMem *vm, uint64_t addr, uint64_t len)
{
    size_t i = vma_lower(vm, addr);
    return i == vm->nvma || vm->vma[i].start >= addr + len;
}

/* True when every page of [a, b) is mapped. */
static bool range_covered(const VMem *vm, uint64_t a, uint64_t b)
{
    size_t i = vma_lower(vm, a);
    uint64_t x = a;
    for (; i < vm->nvma && x < b; i++) {
        if (vm->vma[i].start > x)
            return false;
        x = vm->vma[i].end;
    }
    return x >= b;
}

/* ---- life cycle --------------------------------------------------------- */

int vmem_init(VMem *vm, Machine *m, uint64_t frame_lo)
{
    memset(vm, 0, sizeof(*vm));
    vm->m = m;
    if (!frame_lo)
        frame_lo = 1ULL << 20;
    frame_lo = page_up(frame_lo);
    /* Frames below 8 KiB would be subject to prefixing; keep clear of them. */
    if (frame_lo < 2 * PAGE_SIZE)
        frame_lo = 2 * PAGE_SIZE;
    if (frame_lo >= m->storage.ram_size || m->storage.ram_size - frame_lo < 16 * PAGE_SIZE)
        return -ENOMEM;
    vm->frame_lo = vm->frame_next = frame_lo;
    vm->frame_hi = m->storage.ram_size;
    storage_advise_dense(&m->storage, frame_lo);
    uint64_t r1 = table_alloc(vm, CRST_BYTES);
    table_fill(vm, r1, 2048, REGION_ENTRY_I | TT_REGION1);
    vm->asce = r1 | ASCE_TYPE_REGION1 | ASCE_TL;
    vm->mmap_base = VMEM_MMAP_BASE;
    return 0;
}

void vmem_destroy(VMem *vm)
{
    free(vm->free_frames);
    free(vm->vma);
    memset(vm, 0, sizeof(*vm));
}

void vmem_attach_cpu(VMem *vm, CPUState *cpu)
{
    vm->cpu = cpu;
    /* Primary for everything; secondary and home the same space, so that
     * MVCP/MVCS, SAC and home-space accesses see the one user space. */
    cpu->cr[1] = vm->asce;
    cpu->cr[7] = vm->asce;
    cpu->cr[13] = vm->asce;
    cpu_flush_tlb_local(cpu);
}

/* ---- operations --------------------------------------------------------- */

/* Common checks of a page range: aligned start, no wrap, below the limit. */
static int range_check(uint64_t addr, uint64_t len, uint64_t *end)
{
    if (addr & ~PAGE_MASK)
        return -EINVAL;
    uint64_t l = page_up(len);
    if (l < len || addr + l < addr || addr + l > VMEM_ADDR_LIMIT)
        return -ENOMEM;
    *end = addr + l;
    return 0;
}

int vmem_map(VMem *vm, uint64_t addr, uint64_t len, int prot, int kind)
{
    uint64_t end;
    int rc;
    if (len == 0)
        return -EINVAL;
    if ((rc = range_check(addr, len, &end)) < 0)
        return rc;
    if (prot != VMEM_PROT_NONE && frames_needed((end - addr) / PAGE_SIZE) > vmem_frames_available(vm))
        return -ENOMEM;
    if (vma_reserve(vm, 3) < 0)
        return -ENOMEM;
    vm->flush_pages = 0;
    pages_unmap(vm, addr, end);
    vma_carve(vm, addr, end);
    rc = pages_map(vm, addr, end, prot);
    if (rc < 0) {
        pages_unmap(vm, addr, end);
        return rc;
    }
    vma_insert(vm, addr, end, prot, kind);
    return 0;
}

int vmem_unmap(VMem *vm, uint64_t addr, uint64_t len)
{
    uint64_t end;
    if (len == 0 || range_check(addr, len, &end) < 0)
        return -EINVAL;
    if (vma_reserve(vm, 2) < 0)
        return -ENOMEM;
    vm->flush_pages = 0;
    pages_unmap(vm, addr, end);
    vma_carve(vm, addr, end);
    return 0;
}

int vmem_protect(VMem *vm, uint64_t addr, uint64_t len, int prot)
{
    uint64_t end;
    int rc;
    if (prot & ~(VMEM_PROT_READ | VMEM_PROT_WRITE | VMEM_PROT_EXEC))
        return -EINVAL;
    if (addr & ~PAGE_MASK)
        return -EINVAL;
    if (len == 0)
        return 0;
    if ((rc = range_check(addr, len, &end)) < 0)
        return rc;
    if (!range_covered(vm, addr, end))
        return -ENOMEM;
    if (prot != VMEM_PROT_NONE &&
        frames_needed(pages_without_frame(vm, addr, end)) > vmem_frames_available(vm))
        return -ENOMEM;
    if (vma_reserve(vm, 2) < 0)
        return -ENOMEM;
    vm->flush_pages = 0;
    rc = pages_protect(vm, addr, end, prot);
    if (rc < 0)
        return rc;   /* not reached after the frame check above */
    vma_split_at(vm, addr);
    vma_split_at(vm, end);
    for (size_t i = vma_lower(vm, addr); i < vm->nvma && vm->vma[i].start < end; i++)
        vm->vma[i].prot = prot;
    vma_merge(vm);
    return 0;
}

uint64_t vmem_find_free(const VMem *vm, uint64_t len, uint64_t hint)
{
    len = page_up(len);
    if (len == 0 || len > VMEM_ADDR_LIMIT)
        return 0;
    if (hint) {
        uint64_t h = page_up(hint);
        if (h >= VMEM_MMAP_MIN && h <= VMEM_ADDR_LIMIT - len && vmem_range_free(vm, h, len))
            return h;
    }
    /* Top-down below mmap_base, as Linux lays out a 64-bit task. */
    uint64_t top = vm->mmap_base;
    for (size_t i = vm->nvma; i-- > 0;) {
        const VmArea *v = &vm->vma[i];
        if (v->start >= top)
            continue;
        if (v->end <= top && top - v->end >= len)
            return top - len;
        top = v->start;
    }
    if (top >= VMEM_MMAP_MIN && top - VMEM_MMAP_MIN >= len)
        return top - len;
    return 0;
}

int64_t vmem_mmap(VMem *vm, uint64_t addr, uint64_t len, int prot, int flags)
{
    if (len == 0)
        return -EINVAL;
    if (page_up(len) < len)
        return -ENOMEM;
    if (flags & (VMEM_MAP_FIXED | VMEM_MAP_FIXED_NOREPLACE)) {
        uint64_t end;
        if (addr & ~PAGE_MASK)
            return -EINVAL;
        int rc = range_check(addr, len, &end);
        if (rc < 0)
            return rc;
        if (addr < VMEM_MMAP_MIN)
            return -EPERM;
        if ((flags & VMEM_MAP_FIXED_NOREPLACE) && !vmem_range_free(vm, addr, end - addr))
            return -EEXIST;
    } else {
        addr = vmem_find_free(vm, len, addr);
        if (!addr)
            return -ENOMEM;
    }
    int rc = vmem_map(vm, addr, len, prot, VMA_ANON);
    return rc < 0 ? rc : (int64_t)addr;
}

/* Moves the pages of [src, src+len) to [dst, dst+len) (dst free): frames move
 * with their contents.  Tables for the destination are built first, so a
 * failure (-ENOMEM) moves nothing. */
static int pages_move(VMem *vm, uint64_t src, uint64_t dst, uint64_t len)
{
    for (uint64_t off = 0; off < len;) {
        uint64_t next = 0;
        uint64_t pa = pte_addr(vm, src + off, false, &next);
        if (!pa) {
            off = next - src;
            continue;
        }
        if ((rd(vm, pa) & PAGE_ENTRY_ORIGIN) && !pte_addr(vm, dst + off, true, NULL))
            return -ENOMEM;
        off += PAGE_SIZE;
    }
    for (uint64_t off = 0; off < len;) {
        uint64_t next = 0;
        uint64_t pa = pte_addr(vm, src + off, false, &next);
        if (!pa) {
            off = next - src;
            continue;
        }
        uint64_t v = rd(vm, pa);
        if (v & PAGE_ENTRY_ORIGIN) {
            uint64_t da = pte_addr(vm, dst + off, false, NULL);
            pte_write(vm, da, dst + off, v);
            pte_write(vm, pa, src + off, PAGE_ENTRY_I);
        }
        off += PAGE_SIZE;
    }
    return 0;
}

/* Moves [old, old+oldlen) of mapping v (prot, kind) to dst and gives it
 * newlen bytes (the tail beyond oldlen is fresh zero pages). */
static int64_t remap_move(VMem *vm, uint64_t old, uint64_t oldlen, uint64_t newlen, uint64_t dst,
                          int prot, int kind)
{
    uint64_t keep = oldlen < newlen ? oldlen : newlen;
    uint64_t grow = newlen > oldlen ? newlen - oldlen : 0;
    if (prot != VMEM_PROT_NONE && frames_needed(grow / PAGE_SIZE + keep / PAGE_SIZE / 256) >
                                      vmem_frames_available(vm))
        return -ENOMEM;
    if (vma_reserve(vm, 6) < 0)
        return -ENOMEM;
    vm->flush_pages = 0;
    pages_unmap(vm, dst, dst + newlen);
    vma_carve(vm, dst, dst + newlen);
    int rc = pages_move(vm, old, dst, keep);
    if (rc < 0)
        return rc;
    if (grow) {
        rc = pages_map(vm, dst + keep, dst + newlen, prot);
        if (rc < 0) {
            /* Put the moved pages back where they were. */
            pages_unmap(vm, dst + keep, dst + newlen);
            pages_move(vm, dst, old, keep);
            return rc;
        }
    }
    pages_unmap(vm, old, old + oldlen);
    vma_carve(vm, old, old + oldlen);
    vma_insert(vm, dst, dst + newlen, prot, kind);
    return (int64_t)dst;
}

int64_t vmem_mremap(VMem *vm, uint64_t old, uint64_t oldlen, uint64_t newlen, int flags,
                    uint64_t new_addr)
{
    if (flags & ~(VMEM_MREMAP_MAYMOVE | VMEM_MREMAP_FIXED))
        return -EINVAL;
    if ((flags & VMEM_MREMAP_FIXED) && !(flags & VMEM_MREMAP_MAYMOVE))
        return -EINVAL;
    if (old & ~PAGE_MASK)
        return -EINVAL;
    /* oldlen 0 duplicates a shared mapping; there are none. */
    if (newlen == 0 || oldlen == 0)
        return -EINVAL;
    uint64_t oldend, newend;
    if (range_check(old, oldlen, &oldend) < 0)
        return -EINVAL;
    oldlen = oldend - old;
    uint64_t nl = page_up(newlen);
    if (nl < newlen || nl > VMEM_ADDR_LIMIT)
        return -ENOMEM;
    newlen = nl;
    const VmArea *v = vmem_find(vm, old);
    if (!v || oldend > v->end)
        return -EFAULT;
    int prot = v->prot, kind = v->kind;

    if (flags & VMEM_MREMAP_FIXED) {
        if (range_check(new_addr, newlen, &newend) < 0 || new_addr < VMEM_MMAP_MIN)
            return -EINVAL;
        if (new_addr < oldend && old < newend)
            return -EINVAL;
        return remap_move(vm, old, oldlen, newlen, new_addr, prot, kind);
    }
    if (newlen <= oldlen) {
        if (newlen < oldlen) {
            if (vma_reserve(vm, 2) < 0)
                return -ENOMEM;
            vm->flush_pages = 0;
            pages_unmap(vm, old + newlen, oldend);
            vma_carve(vm, old + newlen, oldend);
        }
        return (int64_t)old;
    }
    uint64_t grow = newlen - oldlen;
    if (oldend <= VMEM_ADDR_LIMIT - grow && vmem_range_free(vm, oldend, grow)) {
        /* Grow in place. */
        if (prot != VMEM_PROT_NONE && frames_needed(grow / PAGE_SIZE) > vmem_frames_available(vm))
            return -ENOMEM;
        if (vma_reserve(vm, 2) < 0)
            return -ENOMEM;
        vm->flush_pages = 0;
        int rc = pages_map(vm, oldend, oldend + grow, prot);
        if (rc < 0) {
            pages_unmap(vm, oldend, oldend + grow);
            return rc;
        }
        vma_insert(vm, oldend, oldend + grow, prot, kind);
        return (int64_t)old;
    }
    if (!(flags & VMEM_MREMAP_MAYMOVE))
        return -ENOMEM;
    uint64_t dst = vmem_find_free(vm, newlen, 0);
    if (!dst)
        return -ENOMEM;
    return remap_move(vm, old, oldlen, newlen, dst, prot, kind);
}

/* ---- brk ---------------------------------------------------------------- */

void vmem_brk_init(VMem *vm, uint64_t start)
{
    vm->brk_start = vm->brk_cur = start;
}

uint64_t vmem_brk(VMem *vm, uint64_t newbrk)
{
    if (newbrk < vm->brk_start || newbrk > VMEM_ADDR_LIMIT - PAGE_SIZE)
        return vm->brk_cur;
    uint64_t old_end = page_up(vm->brk_cur), new_end = page_up(newbrk);
    if (new_end < old_end) {
        vmem_unmap(vm, new_end, old_end - new_end);
    } else if (new_end > old_end) {
        if (!vmem_range_free(vm, old_end, new_end - old_end))
            return vm->brk_cur;
        if (vmem_map(vm, old_end, new_end - old_end, VMEM_PROT_READ | VMEM_PROT_WRITE, VMA_BRK) < 0)
            return vm->brk_cur;
    }
    vm->brk_cur = newbrk;
    return newbrk;
}

/* ---- supervisor copies -------------------------------------------------- */

uint8_t *vmem_host(VMem *vm, uint64_t va)
{
    uint64_t pa = pte_addr(vm, va, false, NULL);
    if (!pa)
        return NULL;
    uint64_t f = rd(vm, pa) & PAGE_ENTRY_ORIGIN;
    if (!f)
        return NULL;
    return storage_host(&vm->m->storage, f + (va & ~PAGE_MASK));
}

static int vmem_copy(VMem *vm, uint64_t va, void *buf, uint64_t n, bool to_guest)
{
    uint8_t *p = buf;
    while (n) {
        uint64_t chunk = PAGE_SIZE - (va & ~PAGE_MASK);
        if (chunk > n)
            chunk = n;
        uint8_t *h = vmem_host(vm, va);
        if (!h)
            return -EFAULT;
        if (to_guest) {
            memcpy(h, p, chunk);
            /* A host store (read(2) into guest memory, the ELF loader)
             * changes code a CPU may have decoded. */
            uint64_t abs = (uint64_t)(h - vm->m->storage.ram);
            if (storage_code_marked(&vm->m->storage, abs))
                storage_code_written(&vm->m->storage, abs, chunk);
        } else
            memcpy(p, h, chunk);
        p += chunk;
        va += chunk;
        n -= chunk;
    }
    return 0;
}

int vmem_write(VMem *vm, uint64_t va, const void *buf, uint64_t n)
{
    return vmem_copy(vm, va, (void *)buf, n, true);
}

int vmem_read(VMem *vm, uint64_t va, void *buf, uint64_t n)
{
    return vmem_copy(vm, va, buf, n, false);
}
