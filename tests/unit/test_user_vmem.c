/* User-mode address space (src/user/vmem.c): mappings become real DAT
 * tables, so the access layer faults exactly as the architecture says.
 *
 *   unmapped page in an existing page table, PROT_NONE -> page translation 0x11
 *   no page table / no region table on the path      -> 0x10 / 0x3B / 0x3A / 0x39
 *   read-only (R or R|X)                              -> protection 0x04 (DAT)
 * Translation TEIDs: page address | fetch (0x800) or store (0x400) | ASCE id
 * 00 (primary); DAT-protection TEID: page | store | bit 61 (0x4)
 * (ZARCH-NOTES §5.5, §6.5). */
#include <errno.h>
#include <stdlib.h>

#include "access/access.h"
#include "mmu/dat.h"
#include "test.h"
#include "uenv.h"
#include "user/stack.h"
#include "user/vmem.h"

/* access_prepare of one byte through the access layer, as an instruction
 * of the guest would do it: primary space, PSW key. */
static int acc(UEnv *e, uint64_t va, AccessKind kind)
{
    StorageAccess sa;
    return access_prepare(&e->cpu, &sa, va, 1, kind, AS_PRIMARY, cpu_psw_key(&e->cpu));
}

static int acc_read(UEnv *e, uint64_t va, void *buf, uint32_t n)
{
    StorageAccess sa;
    int rc = access_prepare(&e->cpu, &sa, va, n, ACC_FETCH, AS_PRIMARY, 0);
    if (rc == 0)
        access_read(&e->cpu, &sa, 0, buf, n);
    return rc;
}

static int acc_write(UEnv *e, uint64_t va, const void *buf, uint32_t n)
{
    StorageAccess sa;
    int rc = access_prepare(&e->cpu, &sa, va, n, ACC_STORE, AS_PRIMARY, 0);
    if (rc == 0) {
        access_write(&e->cpu, &sa, 0, buf, n);
        access_commit(&e->cpu, &sa);
    }
    return rc;
}

#define RW (VMEM_PROT_READ | VMEM_PROT_WRITE)
#define BASE 0x10000000ULL

TEST(user_vmem_start_state)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    /* Region-first ASCE with full length; CR1 = CR7 = CR13 = it. */
    CHECK_EQ(e->vm.asce & (ASCE_TYPE_MASK | ASCE_TL), ASCE_TYPE_REGION1 | 3);
    CHECK_EQ(e->cpu.cr[1], e->vm.asce);
    CHECK_EQ(e->cpu.cr[7], e->vm.asce);
    CHECK_EQ(e->cpu.cr[13], e->vm.asce);
    /* PSW: DAT, problem state, EA|BA, key 0, primary space. */
    CHECK_EQ(e->cpu.psw_mask, BIT64(5) | BIT64(15) | BIT64(31) | BIT64(32));
    CHECK_EQ(e->cpu.psw_addr, 0x10000);
    CHECK_EQ(e->cpu.gr[15], VMEM_STACK_TOP);
    CHECK_EQ(e->cpu.gr[14], 0);
    CHECK(e->cpu.cr[0] & BIT64(45));       /* AFP */
    /* Linux's secondary-space control and EDAT; an empty PSW-key mask. */
    CHECK(e->cpu.cr[0] & BIT64(37));
    CHECK(e->cpu.cr[0] & BIT64(40));
    CHECK_EQ(e->cpu.cr[3], 0);
    /* Nothing mapped yet: region-first entry 0 is invalid. */
    CHECK_EQ(acc(e, 0x10000, ACC_FETCH), PGM_REG_FIRST_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, 0x10000 | TEID_FETCH);
    uenv_free(e);
}

TEST(user_vmem_map_rw_bytes)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    CHECK_EQ(vmem_map(&e->vm, BASE, 3 * PAGE_SIZE, RW, VMA_ANON), 0);
    /* Fresh pages read as zero through the access layer. */
    uint8_t z[64] = { 0 }, buf[64];
    CHECK_EQ(acc_read(e, BASE + 0x1FE0, buf, 64), 0);     /* crosses pages 0/1 */
    CHECK_MEM(buf, z, 64);
    /* A store through the access layer crossing a page boundary is seen by
     * the supervisor-side read (host path) at the same addresses. */
    uint8_t pat[100];
    for (int i = 0; i < 100; i++)
        pat[i] = (uint8_t)(0xA0 + i);
    CHECK_EQ(acc_write(e, BASE + 0x1FD0, pat, 100), 0);
    CHECK_EQ(vmem_read(&e->vm, BASE + 0x1FD0, buf, 64), 0);
    CHECK_MEM(buf, pat, 64);
    CHECK_EQ(vmem_read(&e->vm, BASE + 0x2000, buf, 52), 0);
    CHECK_MEM(buf, pat + 48, 52);
    /* A store running off the end of the mapping stores nothing. */
    CHECK_EQ(acc_write(e, BASE + 0x2FD0, pat, 100), PGM_PAGE_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, (BASE + 0x3000) | TEID_STORE);
    CHECK_EQ(vmem_read(&e->vm, BASE + 0x2FD0, buf, 48), 0);
    CHECK_MEM(buf, z, 48);
    CHECK_EQ(vmem_read(&e->vm, BASE + 0x1FD0, buf, 64), 0);
    CHECK_MEM(buf, pat, 64);
    /* ... and the other way round. */
    CHECK_EQ(vmem_write(&e->vm, BASE + 0x10, "zemu", 4), 0);
    CHECK_EQ(acc_read(e, BASE + 0x10, buf, 4), 0);
    CHECK_MEM(buf, "zemu", 4);
    /* One mapping, one frame per page. */
    CHECK_EQ(e->vm.nvma, 1);
    CHECK_EQ(e->vm.frames_used, 3);
    const VmArea *v = vmem_find(&e->vm, BASE + 0x2FFF);
    CHECK(v && v->start == BASE && v->end == BASE + 3 * PAGE_SIZE && v->prot == RW);
    CHECK(vmem_find(&e->vm, BASE + 3 * PAGE_SIZE) == NULL);
    uenv_free(e);
}

TEST(user_vmem_unmapped_exceptions)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    CHECK_EQ(vmem_map(&e->vm, BASE, PAGE_SIZE, RW, VMA_ANON), 0);
    /* BASE = 0x10000000: RFX 0, RSX 0, RTX 0, SX 0x100, PX 0. */
    /* Next page: same page table -> page-translation exception. */
    CHECK_EQ(acc(e, BASE + PAGE_SIZE + 5, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, (BASE + PAGE_SIZE) | TEID_FETCH);
    CHECK_EQ(acc(e, BASE + PAGE_SIZE + 5, ACC_STORE), PGM_PAGE_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, (BASE + PAGE_SIZE) | TEID_STORE);
    /* Another segment (SX 0x101): segment-translation exception. */
    CHECK_EQ(acc(e, BASE + (1 << 20), ACC_FETCH), PGM_SEGMENT_TRANS);
    /* Another region-third entry (RTX 1 at 2 GiB + BASE). */
    CHECK_EQ(acc(e, BASE + (1ULL << 31), ACC_FETCH), PGM_REG_THIRD_TRANS);
    /* Another region-second entry (RSX 1 at 4 TiB). */
    CHECK_EQ(acc(e, 1ULL << 42, ACC_FETCH), PGM_REG_SECOND_TRANS);
    /* Another region-first entry (RFX 1 at 2^53). */
    CHECK_EQ(acc(e, 1ULL << 53, ACC_STORE), PGM_REG_FIRST_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, (1ULL << 53) | TEID_STORE);
    /* The mapped page itself is fine for both. */
    CHECK_EQ(acc(e, BASE + 0xFFF, ACC_FETCH), 0);
    CHECK_EQ(acc(e, BASE + 0xFFF, ACC_STORE), 0);
    uenv_free(e);
}

TEST(user_vmem_readonly_protection_and_tlb)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    CHECK_EQ(vmem_map(&e->vm, BASE, 2 * PAGE_SIZE, RW, VMA_ANON), 0);
    /* The store fills the TLB with a writable translation ... */
    CHECK_EQ(acc_write(e, BASE + 0x100, "abcd", 4), 0);
    CHECK_EQ(acc(e, BASE + 0x100, ACC_STORE), 0);
    /* ... which mprotect must drop: the next store faults with DAT
     * protection, TEID = page | store | bit 61. */
    CHECK_EQ(vmem_protect(&e->vm, BASE, PAGE_SIZE, VMEM_PROT_READ), 0);
    CHECK_EQ(acc(e, BASE + 0x100, ACC_STORE), PGM_PROTECTION);
    CHECK_EQ(e->cpu.pgm.teid, BASE | TEID_STORE | TEID_PROT_DAT);
    /* An update (fetch + store) is a store too. */
    CHECK_EQ(acc(e, BASE + 0x100, ACC_UPDATE), PGM_PROTECTION);
    /* Fetches still work and see the bytes. */
    uint8_t buf[4];
    CHECK_EQ(acc_read(e, BASE + 0x100, buf, 4), 0);
    CHECK_MEM(buf, "abcd", 4);
    /* The second page stays writable. */
    CHECK_EQ(acc(e, BASE + PAGE_SIZE, ACC_STORE), 0);
    /* A store crossing from the writable into the read-only page faults on
     * the read-only one and stores nothing on the writable one. */
    CHECK_EQ(vmem_protect(&e->vm, BASE, PAGE_SIZE, RW), 0);
    CHECK_EQ(vmem_protect(&e->vm, BASE + PAGE_SIZE, PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_EXEC), 0);
    CHECK_EQ(acc_write(e, BASE + PAGE_SIZE - 2, "WXYZ", 4), PGM_PROTECTION);
    CHECK_EQ(e->cpu.pgm.teid, (BASE + PAGE_SIZE) | TEID_STORE | TEID_PROT_DAT);
    uint8_t z2[2] = { 0, 0 }, got2[2];
    CHECK_EQ(vmem_read(&e->vm, BASE + PAGE_SIZE - 2, got2, 2), 0);
    CHECK_MEM(got2, z2, 2);
    /* Two mappings now: RW then R|X. */
    CHECK_EQ(e->vm.nvma, 2);
    /* Write-only is read-write (no write-only pages in the architecture). */
    CHECK_EQ(vmem_protect(&e->vm, BASE + PAGE_SIZE, PAGE_SIZE, VMEM_PROT_WRITE), 0);
    CHECK_EQ(acc(e, BASE + PAGE_SIZE, ACC_STORE), 0);
    CHECK_EQ(acc(e, BASE + PAGE_SIZE, ACC_FETCH), 0);
    uenv_free(e);
}

TEST(user_vmem_prot_none_keeps_data)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    CHECK_EQ(vmem_map(&e->vm, BASE, PAGE_SIZE, RW, VMA_ANON), 0);
    CHECK_EQ(acc_write(e, BASE + 8, "keepme", 6), 0);
    CHECK_EQ(acc(e, BASE + 8, ACC_FETCH), 0);        /* TLB filled for fetch */
    CHECK_EQ(vmem_protect(&e->vm, BASE, PAGE_SIZE, VMEM_PROT_NONE), 0);
    CHECK_EQ(acc(e, BASE + 8, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, BASE | TEID_FETCH);
    CHECK_EQ(acc(e, BASE + 8, ACC_STORE), PGM_PAGE_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, BASE | TEID_STORE);
    CHECK_EQ(acc(e, BASE + 8, ACC_IFETCH), PGM_PAGE_TRANS);
    /* The frame is kept: back to readable, the data is there. */
    CHECK_EQ(e->vm.frames_used, 1);
    CHECK_EQ(vmem_protect(&e->vm, BASE, PAGE_SIZE, VMEM_PROT_READ), 0);
    uint8_t buf[6];
    CHECK_EQ(acc_read(e, BASE + 8, buf, 6), 0);
    CHECK_MEM(buf, "keepme", 6);
    CHECK_EQ(acc(e, BASE + 8, ACC_STORE), PGM_PROTECTION);
    uenv_free(e);
}

TEST(user_vmem_prot_none_reservation_is_free)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    uint64_t avail = vmem_frames_available(&e->vm);
    uint64_t tables = e->vm.table_bytes;
    /* 1 TiB PROT_NONE reservation (the glibc malloc / Go way): no frames,
     * no tables. */
    int64_t r = vmem_mmap(&e->vm, 0, 1ULL << 40, VMEM_PROT_NONE, 0);
    CHECK(r > 0);
    uint64_t a = (uint64_t)r;
    CHECK_EQ(a & ~PAGE_MASK, 0);
    CHECK_EQ(vmem_frames_available(&e->vm), avail);
    CHECK_EQ(e->vm.table_bytes, tables);
    CHECK(acc(e, a + 12345, ACC_FETCH) != 0);
    /* Open one page of it for business: only that page becomes accessible. */
    uint64_t p = a + (123ULL << 20);
    CHECK_EQ(vmem_protect(&e->vm, p, PAGE_SIZE, RW), 0);
    CHECK_EQ(acc(e, p, ACC_STORE), 0);
    CHECK_EQ(acc(e, p + PAGE_SIZE, ACC_FETCH), PGM_PAGE_TRANS);
    /* a is 1 MiB aligned (2^42 - 128 MiB - 2^40), so p starts a segment and
     * the page below it lies in a segment without a page table. */
    CHECK_EQ(acc(e, p - PAGE_SIZE, ACC_FETCH), PGM_SEGMENT_TRANS);
    CHECK_EQ(e->vm.nvma, 3);
    CHECK_EQ(e->vm.frames_used, 1);
    /* Unmapping the whole reservation walks only the tables that exist. */
    CHECK_EQ(vmem_unmap(&e->vm, a, 1ULL << 40), 0);
    CHECK_EQ(e->vm.nvma, 0);
    CHECK_EQ(e->vm.frames_used, 0);
    CHECK_EQ(acc(e, p, ACC_FETCH), PGM_PAGE_TRANS);
    uenv_free(e);
}

TEST(user_vmem_munmap_middle_and_reuse_zero)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    CHECK_EQ(vmem_map(&e->vm, BASE, 3 * PAGE_SIZE, RW, VMA_ANON), 0);
    uint8_t junk[PAGE_SIZE];
    memset(junk, 0x5A, sizeof(junk));
    for (int i = 0; i < 3; i++)
        CHECK_EQ(acc_write(e, BASE + i * PAGE_SIZE, junk, PAGE_SIZE), 0);
    CHECK_EQ(vmem_unmap(&e->vm, BASE + PAGE_SIZE, PAGE_SIZE), 0);
    CHECK_EQ(acc(e, BASE + PAGE_SIZE + 77, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(acc(e, BASE + PAGE_SIZE - 1, ACC_STORE), 0);
    CHECK_EQ(acc(e, BASE + 2 * PAGE_SIZE, ACC_STORE), 0);
    CHECK_EQ(e->vm.nvma, 2);
    CHECK_EQ(e->vm.frames_used, 2);
    CHECK_EQ(e->vm.nfree, 1);
    /* The freed frame is handed out again, and reads as zero. */
    uint64_t freed = e->vm.free_frames[0];
    CHECK_EQ(vmem_map(&e->vm, BASE + PAGE_SIZE, PAGE_SIZE, RW, VMA_ANON), 0);
    CHECK_EQ(e->vm.nfree, 0);
    CHECK(vmem_host(&e->vm, BASE + PAGE_SIZE) == storage_host(&e->m.storage, freed));
    uint8_t buf[PAGE_SIZE], zero[PAGE_SIZE] = { 0 };
    CHECK_EQ(acc_read(e, BASE + PAGE_SIZE, buf, PAGE_SIZE), 0);
    CHECK_MEM(buf, zero, PAGE_SIZE);
    /* Same protection and kind again: merged into one mapping. */
    CHECK_EQ(e->vm.nvma, 1);
    /* Errors: unaligned, zero length. */
    CHECK_EQ(vmem_unmap(&e->vm, BASE + 1, PAGE_SIZE), -EINVAL);
    CHECK_EQ(vmem_unmap(&e->vm, BASE, 0), -EINVAL);
    /* Unmapping nothing is fine. */
    CHECK_EQ(vmem_unmap(&e->vm, 0x7000000000ULL, 5 * PAGE_SIZE), 0);
    uenv_free(e);
}

TEST(user_vmem_mprotect_many_pages_flushes_all)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    const int n = 200;      /* beyond the per-page flush limit */
    CHECK_EQ(vmem_map(&e->vm, BASE, n * PAGE_SIZE, RW, VMA_ANON), 0);
    for (int i = 0; i < n; i++)
        CHECK_EQ(acc(e, BASE + i * PAGE_SIZE, ACC_STORE), 0);
    CHECK_EQ(vmem_protect(&e->vm, BASE, n * PAGE_SIZE, VMEM_PROT_READ), 0);
    int bad = 0;
    for (int i = 0; i < n; i++)
        if (acc(e, BASE + i * PAGE_SIZE, ACC_STORE) != PGM_PROTECTION)
            bad++;
    CHECK_EQ(bad, 0);
    /* And munmap of a TLB-resident range. */
    for (int i = 0; i < n; i++)
        CHECK_EQ(acc(e, BASE + i * PAGE_SIZE, ACC_FETCH), 0);
    CHECK_EQ(vmem_unmap(&e->vm, BASE, n * PAGE_SIZE), 0);
    bad = 0;
    for (int i = 0; i < n; i++)
        if (acc(e, BASE + i * PAGE_SIZE, ACC_FETCH) != PGM_PAGE_TRANS)
            bad++;
    CHECK_EQ(bad, 0);
    uenv_free(e);
}

TEST(user_vmem_mprotect_errors)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    CHECK_EQ(vmem_map(&e->vm, BASE, PAGE_SIZE, RW, VMA_ANON), 0);
    CHECK_EQ(vmem_map(&e->vm, BASE + 2 * PAGE_SIZE, PAGE_SIZE, RW, VMA_ANON), 0);
    /* A hole in the range: -ENOMEM and nothing changes. */
    CHECK_EQ(vmem_protect(&e->vm, BASE, 3 * PAGE_SIZE, VMEM_PROT_READ), -ENOMEM);
    CHECK_EQ(acc(e, BASE, ACC_STORE), 0);
    CHECK_EQ(acc(e, BASE + 2 * PAGE_SIZE, ACC_STORE), 0);
    CHECK_EQ(vmem_protect(&e->vm, BASE + 1, PAGE_SIZE, VMEM_PROT_READ), -EINVAL);
    CHECK_EQ(vmem_protect(&e->vm, BASE, PAGE_SIZE, 0x10), -EINVAL);
    CHECK_EQ(vmem_protect(&e->vm, BASE, 0, VMEM_PROT_READ), 0);
    /* Unaligned length is rounded up to the page. */
    CHECK_EQ(vmem_protect(&e->vm, BASE, 1, VMEM_PROT_READ), 0);
    CHECK_EQ(acc(e, BASE + 0xFFF, ACC_STORE), PGM_PROTECTION);
    uenv_free(e);
}

TEST(user_vmem_mmap_placement)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    /* Top-down below the mmap base (stack top 2^42 minus a 128 MiB gap). */
    int64_t a = vmem_mmap(&e->vm, 0, 3 * PAGE_SIZE, RW, 0);
    CHECK_EQ(a, (1ULL << 42) - (128ULL << 20) - 3 * PAGE_SIZE);
    int64_t b = vmem_mmap(&e->vm, 0, 100, RW, 0);     /* rounded up to a page */
    CHECK_EQ(b, a - (int64_t)PAGE_SIZE);
    /* A free hint is honoured (rounded up to a page). */
    int64_t c = vmem_mmap(&e->vm, 0x20000001ULL, PAGE_SIZE, VMEM_PROT_READ, 0);
    CHECK_EQ(c, 0x20001000);
    /* An occupied hint is not: the next top-down range. */
    int64_t d = vmem_mmap(&e->vm, 0x20001000ULL, PAGE_SIZE, RW, 0);
    CHECK_EQ(d, b - (int64_t)PAGE_SIZE);
    /* A hole is found top-down: unmap b, a 1-page request lands there. */
    CHECK_EQ(vmem_unmap(&e->vm, (uint64_t)b, PAGE_SIZE), 0);
    CHECK_EQ(vmem_mmap(&e->vm, 0, PAGE_SIZE, RW, 0), b);
    /* ... but a 2-page request does not fit the 1-page hole. */
    CHECK_EQ(vmem_unmap(&e->vm, (uint64_t)b, PAGE_SIZE), 0);
    CHECK_EQ(vmem_mmap(&e->vm, 0, 2 * PAGE_SIZE, RW, 0), d - 2 * (int64_t)PAGE_SIZE);
    /* MAP_FIXED replaces; NOREPLACE refuses; errors. */
    CHECK_EQ(vmem_write(&e->vm, (uint64_t)a, "old", 3), 0);
    CHECK_EQ(vmem_mmap(&e->vm, (uint64_t)a, PAGE_SIZE, RW, VMEM_MAP_FIXED), a);
    uint8_t buf[3];
    CHECK_EQ(vmem_read(&e->vm, (uint64_t)a, buf, 3), 0);
    CHECK_MEM(buf, "\0\0\0", 3);
    CHECK_EQ(vmem_mmap(&e->vm, (uint64_t)a, PAGE_SIZE, RW, VMEM_MAP_FIXED_NOREPLACE), -EEXIST);
    CHECK_EQ(vmem_mmap(&e->vm, 0x30000000ULL, PAGE_SIZE, RW, VMEM_MAP_FIXED_NOREPLACE),
             0x30000000);
    CHECK_EQ(vmem_mmap(&e->vm, 0x30000001ULL, PAGE_SIZE, RW, VMEM_MAP_FIXED), -EINVAL);
    CHECK_EQ(vmem_mmap(&e->vm, 0x30000000ULL, 0, RW, VMEM_MAP_FIXED), -EINVAL);
    CHECK_EQ(vmem_mmap(&e->vm, 0x1000, PAGE_SIZE, RW, VMEM_MAP_FIXED), -EPERM);
    CHECK_EQ(vmem_mmap(&e->vm, VMEM_ADDR_LIMIT - PAGE_SIZE, 2 * PAGE_SIZE, RW, VMEM_MAP_FIXED),
             -ENOMEM);
    CHECK_EQ(vmem_mmap(&e->vm, 0, ~0ULL - 10, RW, 0), -ENOMEM);
    uenv_free(e);
}

TEST(user_vmem_out_of_storage)
{
    UEnv *e = uenv_started(8 << 20, 0x10000);   /* 8 MiB of storage, 7 MiB for frames */
    CHECK_EQ(vmem_map(&e->vm, BASE, PAGE_SIZE, RW, VMA_ANON), 0);
    size_t nvma = e->vm.nvma;
    uint64_t used = e->vm.frames_used;
    CHECK_EQ(vmem_mmap(&e->vm, 0, 64ULL << 20, RW, 0), -ENOMEM);
    CHECK_EQ(e->vm.nvma, nvma);
    CHECK_EQ(e->vm.frames_used, used);
    /* mprotect of a frameless reservation that cannot be populated. */
    int64_t r = vmem_mmap(&e->vm, 0, 64ULL << 20, VMEM_PROT_NONE, 0);
    CHECK(r > 0);
    CHECK_EQ(vmem_protect(&e->vm, (uint64_t)r, 64ULL << 20, RW), -ENOMEM);
    CHECK(acc(e, (uint64_t)r, ACC_FETCH) != 0);
    /* What fits still works. */
    CHECK(vmem_mmap(&e->vm, 0, 1 << 20, RW, 0) > 0);
    uenv_free(e);
}

TEST(user_vmem_brk)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    const uint64_t s = 0x01003000;
    vmem_brk_init(&e->vm, s);
    CHECK_EQ(vmem_brk(&e->vm, 0), s);                 /* query */
    CHECK_EQ(vmem_brk(&e->vm, s + 100), s + 100);
    CHECK_EQ(acc(e, s + 99, ACC_STORE), 0);
    CHECK_EQ(acc(e, s + PAGE_SIZE, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(vmem_brk(&e->vm, s + 3 * PAGE_SIZE + 5), s + 3 * PAGE_SIZE + 5);
    CHECK_EQ(acc_write(e, s + 3 * PAGE_SIZE, "brk", 3), 0);
    CHECK_EQ(e->vm.nvma, 1);
    const VmArea *v = vmem_find(&e->vm, s);
    CHECK(v && v->kind == VMA_BRK && v->end == s + 4 * PAGE_SIZE);
    /* Shrink: the pages above the new break go away. */
    CHECK_EQ(vmem_brk(&e->vm, s + 10), s + 10);
    CHECK_EQ(acc(e, s + PAGE_SIZE, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(acc(e, s + 3 * PAGE_SIZE, ACC_FETCH), PGM_PAGE_TRANS);
    /* Grow again: zero pages. */
    CHECK_EQ(vmem_brk(&e->vm, s + 4 * PAGE_SIZE), s + 4 * PAGE_SIZE);
    uint8_t buf[3];
    CHECK_EQ(acc_read(e, s + 3 * PAGE_SIZE, buf, 3), 0);
    CHECK_MEM(buf, "\0\0\0", 3);
    /* Below the start: unchanged. */
    CHECK_EQ(vmem_brk(&e->vm, s - 1), s + 4 * PAGE_SIZE);
    /* Colliding with another mapping: unchanged. */
    CHECK_EQ(vmem_map(&e->vm, s + 6 * PAGE_SIZE, PAGE_SIZE, RW, VMA_ANON), 0);
    CHECK_EQ(vmem_brk(&e->vm, s + 7 * PAGE_SIZE), s + 4 * PAGE_SIZE);
    CHECK_EQ(acc(e, s + 5 * PAGE_SIZE, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(vmem_brk(&e->vm, s + 6 * PAGE_SIZE), s + 6 * PAGE_SIZE);
    CHECK_EQ(vmem_brk(&e->vm, ~0ULL), s + 6 * PAGE_SIZE);
    uenv_free(e);
}

TEST(user_vmem_mremap)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    CHECK_EQ(vmem_map(&e->vm, BASE, 2 * PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_WRITE, VMA_ANON), 0);
    CHECK_EQ(acc_write(e, BASE + PAGE_SIZE + 4, "move", 4), 0);
    /* Grow in place (free behind). */
    CHECK_EQ(vmem_mremap(&e->vm, BASE, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0, 0), (int64_t)BASE);
    CHECK_EQ(acc(e, BASE + 3 * PAGE_SIZE, ACC_STORE), 0);
    CHECK_EQ(e->vm.nvma, 1);
    /* Blocked behind: without MAYMOVE -ENOMEM, with it the pages move. */
    CHECK_EQ(vmem_map(&e->vm, BASE + 4 * PAGE_SIZE, PAGE_SIZE, VMEM_PROT_READ, VMA_ANON), 0);
    CHECK_EQ(vmem_mremap(&e->vm, BASE, 4 * PAGE_SIZE, 8 * PAGE_SIZE, 0, 0), -ENOMEM);
    uint64_t used = e->vm.frames_used;
    int64_t n = vmem_mremap(&e->vm, BASE, 4 * PAGE_SIZE, 8 * PAGE_SIZE, VMEM_MREMAP_MAYMOVE, 0);
    CHECK(n > 0 && (uint64_t)n != BASE);
    uint64_t na = (uint64_t)n;
    CHECK_EQ(na, VMEM_MMAP_BASE - 8 * PAGE_SIZE);
    /* Moved, not copied: 4 more frames only for the grown tail. */
    CHECK_EQ(e->vm.frames_used, used + 4);
    uint8_t buf[4];
    CHECK_EQ(acc_read(e, na + PAGE_SIZE + 4, buf, 4), 0);
    CHECK_MEM(buf, "move", 4);
    CHECK_EQ(acc(e, na + 7 * PAGE_SIZE, ACC_STORE), 0);
    CHECK_EQ(acc(e, BASE + PAGE_SIZE, ACC_FETCH), PGM_PAGE_TRANS);   /* old place gone */
    CHECK_EQ(acc(e, BASE + 4 * PAGE_SIZE, ACC_FETCH), 0);            /* neighbour kept */
    /* Shrink in place. */
    CHECK_EQ(vmem_mremap(&e->vm, na, 8 * PAGE_SIZE, 2 * PAGE_SIZE, 0, 0), n);
    CHECK_EQ(acc(e, na + 2 * PAGE_SIZE, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(acc(e, na + PAGE_SIZE + 4, ACC_FETCH), 0);
    /* FIXED move to a chosen address; keeps the protection. */
    CHECK_EQ(vmem_protect(&e->vm, na, 2 * PAGE_SIZE, VMEM_PROT_READ), 0);
    CHECK_EQ(vmem_mremap(&e->vm, na, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
                         VMEM_MREMAP_MAYMOVE | VMEM_MREMAP_FIXED, 0x40000000ULL), 0x40000000);
    CHECK_EQ(acc_read(e, 0x40000000ULL + PAGE_SIZE + 4, buf, 4), 0);
    CHECK_MEM(buf, "move", 4);
    CHECK_EQ(acc(e, 0x40000000ULL, ACC_STORE), PGM_PROTECTION);
    /* Errors. */
    CHECK_EQ(vmem_mremap(&e->vm, 0x50000000ULL, PAGE_SIZE, 2 * PAGE_SIZE, VMEM_MREMAP_MAYMOVE, 0),
             -EFAULT);
    CHECK_EQ(vmem_mremap(&e->vm, 0x40000000ULL, 3 * PAGE_SIZE, PAGE_SIZE, 0, 0), -EFAULT);
    CHECK_EQ(vmem_mremap(&e->vm, 0x40000001ULL, PAGE_SIZE, PAGE_SIZE, 0, 0), -EINVAL);
    CHECK_EQ(vmem_mremap(&e->vm, 0x40000000ULL, PAGE_SIZE, 0, 0, 0), -EINVAL);
    CHECK_EQ(vmem_mremap(&e->vm, 0x40000000ULL, PAGE_SIZE, PAGE_SIZE, VMEM_MREMAP_FIXED, 0x60000000),
             -EINVAL);
    CHECK_EQ(vmem_mremap(&e->vm, 0x40000000ULL, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
                         VMEM_MREMAP_MAYMOVE | VMEM_MREMAP_FIXED, 0x40001000ULL), -EINVAL);
    uenv_free(e);
}

TEST(user_vmem_supervisor_copies)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    CHECK_EQ(vmem_map(&e->vm, BASE, 2 * PAGE_SIZE, VMEM_PROT_READ, VMA_ANON), 0);
    /* The loader writes read-only pages; the guest cannot. */
    CHECK_EQ(vmem_write(&e->vm, BASE + PAGE_SIZE - 2, "ro!", 3), 0);
    uint8_t buf[3];
    CHECK_EQ(acc_read(e, BASE + PAGE_SIZE - 2, buf, 3), 0);
    CHECK_MEM(buf, "ro!", 3);
    CHECK_EQ(acc(e, BASE, ACC_STORE), PGM_PROTECTION);
    /* Copies into unmapped or never-populated PROT_NONE pages fail. */
    CHECK_EQ(vmem_write(&e->vm, BASE + 2 * PAGE_SIZE - 1, "xx", 2), -EFAULT);
    CHECK(vmem_host(&e->vm, BASE + 2 * PAGE_SIZE) == NULL);
    CHECK_EQ(vmem_map(&e->vm, 0x70000000ULL, PAGE_SIZE, VMEM_PROT_NONE, VMA_ANON), 0);
    CHECK_EQ(vmem_read(&e->vm, 0x70000000ULL, buf, 1), -EFAULT);
    uenv_free(e);
}

/* Host-side stores into guest storage and frames given away both end
 * decoded copies of the frames (storage_code_*): a marked frame is
 * unmarked and gets a new generation; an unmarked one is left alone. */
TEST(user_vmem_host_writes_end_decoded_code)
{
    UEnv *e = uenv_started(64 << 20, 0x10000);
    Storage *st = &e->m.storage;
    CHECK_EQ(vmem_map(&e->vm, BASE, 3 * PAGE_SIZE, RW, VMA_ANON), 0);
    uint8_t *h0 = vmem_host(&e->vm, BASE), *h1 = vmem_host(&e->vm, BASE + PAGE_SIZE);
    uint8_t *h2 = vmem_host(&e->vm, BASE + 2 * PAGE_SIZE);
    uint64_t f0 = (uint64_t)(h0 - st->ram), f1 = (uint64_t)(h1 - st->ram);
    uint64_t f2 = (uint64_t)(h2 - st->ram);
    uint32_t g0 = storage_code_mark(st, f0), g1 = storage_code_mark(st, f1);
    CHECK(g0 & 1);
    CHECK(storage_code_marked(st, f0) && storage_code_marked(st, f1));
    CHECK(!storage_code_marked(st, f2));
    /* A supervisor write across the boundary of pages 0 and 1 ends both. */
    CHECK_EQ(vmem_write(&e->vm, BASE + PAGE_SIZE - 3, "abcdef", 6), 0);
    CHECK(!storage_code_marked(st, f0) && !storage_code_marked(st, f1));
    CHECK(storage_code_gen(st, f0) != g0 && storage_code_gen(st, f1) != g1);
    /* Marked again (a CPU decoded the page anew), then the frame is freed:
     * its next owner has other contents. */
    g0 = storage_code_mark(st, f0);
    uint32_t g2 = storage_code_gen(st, f2);
    CHECK_EQ(vmem_unmap(&e->vm, BASE, PAGE_SIZE), 0);
    CHECK(!storage_code_marked(st, f0));
    CHECK(storage_code_gen(st, f0) != g0);
    CHECK_EQ(storage_code_gen(st, f2), g2);          /* untouched frame */
    uenv_free(e);
}

TEST(user_vmem_large_sparse_storage)
{
    /* The user-mode configuration: a 64 GiB MAP_NORESERVE storage; a 1 GiB
     * anonymous mapping costs page tables only until touched. */
    UEnv *e = uenv_started(64ULL << 30, 0x10000);
    int64_t a = vmem_mmap(&e->vm, 0, 1ULL << 30, RW, 0);
    CHECK(a > 0);
    CHECK_EQ(e->vm.frames_used, (1ULL << 30) / PAGE_SIZE);
    /* a = 2^42 - 128 MiB - 1 GiB = 0x3FFB8000000 .. 0x3FFF8000000: RFX 0,
     * RSX 0, RTX 2047 throughout, so one region-second, one region-third
     * and one segment table (16 KiB each) below the region-first table,
     * and 1 GiB / 1 MiB = 1024 page tables of 2 KiB. */
    CHECK_EQ(e->vm.table_bytes, 16384 /* R1 */ + 3 * 16384 + 1024 * 2048);
    uint64_t top = (uint64_t)a + (1ULL << 30) - 8;
    CHECK_EQ(acc_write(e, top, "end-of-1G", 8), 0);
    CHECK_EQ(acc(e, (uint64_t)a, ACC_STORE), 0);
    CHECK_EQ(vmem_unmap(&e->vm, (uint64_t)a, 1ULL << 30), 0);
    CHECK_EQ(e->vm.frames_used, 0);
    CHECK_EQ(acc(e, top, ACC_FETCH), PGM_PAGE_TRANS);
    uenv_free(e);
}
