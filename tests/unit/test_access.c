/* The access layer: prepare (page crossing, wraparound), the move/set/
 * compare helpers and their overlap semantics, the byte-handle path for I/O
 * regions, watchpoints, PER storage alteration, change bits, and "one
 * translation per page per unit". */
#include <stdlib.h>

#include "access/access.h"
#include "iolog.h"
#include "test.h"
#include "testenv.h"

/* ---- prepare ---- */

TEST(prepare_splits_at_page_boundary)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x10FF0, 40, ACC_STORE, 1), 0);
    CHECK_EQ(sa.nfrag, 2);
    CHECK_EQ(sa.frag[0].vaddr, 0x10FF0);
    CHECK_EQ(sa.frag[0].len, 16);
    CHECK_EQ(sa.frag[1].vaddr, 0x11000);
    CHECK_EQ(sa.frag[1].len, 24);
    CHECK(sa.frag[0].host == e->m.storage.ram + 0x10FF0);
    CHECK(sa.frag[1].host == e->m.storage.ram + 0x11000);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x12000, 4096, ACC_FETCH, 1), 0);
    CHECK_EQ(sa.nfrag, 1);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x12000, 0, ACC_STORE, 1), 0);
    CHECK_EQ(sa.nfrag, 0);
    tenv_free(e);
}

TEST(prepare_wraps_in_24_and_31_bit_mode)
{
    TestEnv *e = tenv_new(0x80000000ULL);   /* sparse: costs what is touched */
    StorageAccess sa;
    e->cpu.psw_mask &= ~(PSW_MASK_EA | PSW_MASK_BA);           /* 24-bit */
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x3FFFFF0, 32, ACC_STORE, 1), 0);
    CHECK_EQ(sa.frag[0].vaddr, 0xFFFFF0);   /* address bits above 24 dropped */
    CHECK_EQ(sa.frag[0].len, 16);
    CHECK_EQ(sa.frag[1].vaddr, 0);
    CHECK_EQ(sa.frag[1].len, 16);
    CHECK_EQ(access_vaddr(&e->cpu, &sa, 17), 1);
    e->cpu.psw_mask |= PSW_MASK_BA;                           /* 31-bit */
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x7FFFFFF8, 16, ACC_STORE, 1), 0);
    CHECK_EQ(sa.frag[0].vaddr, 0x7FFFFFF8);
    CHECK_EQ(sa.frag[1].vaddr, 0);
    CHECK_EQ(sa.frag[1].len, 8);
    /* write through the wrapped operand lands at the top and at 0 */
    uint8_t buf[16];
    for (int i = 0; i < 16; i++)
        buf[i] = 0xA0 + i;
    access_write(&e->cpu, &sa, 0, buf, 16);
    CHECK_EQ(e->m.storage.ram[0x7FFFFFFF], 0xA7);
    CHECK_EQ(e->m.storage.ram[0], 0xA8);
    CHECK_EQ(e->m.storage.ram[7], 0xAF);
    tenv_free(e);
}

TEST(prepare_fault_on_second_page_reports_it)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    storage_set_key(&e->m.storage, 0x21000, 0x30);
    e->cpu.psw_mask |= 2ULL << PSW_SHIFT_KEY;
    storage_set_key(&e->m.storage, 0x20000, 0x20);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x20F00, 0x200, ACC_STORE, 1), PGM_PROTECTION);
    CHECK_EQ(e->cpu.pgm.teid, 0x21000 | TEID_STORE | TEID_PROT_KEY);
    CHECK_EQ(sa.nfrag, 0);
    tenv_free(e);
}

/* ---- move semantics over RAM: results of a byte-at-a-time model ---- */

static void model_move(uint8_t *mem, uint64_t d, uint64_t s, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        mem[d + i] = mem[s + i];
}

TEST(move_overlap_cases_equal_byte_model)
{
    static const int64_t deltas[] = { 0, 1, 2, 3, 7, 8, 255, -1, -3, -200, 300 };
    for (unsigned di = 0; di < sizeof(deltas) / sizeof(deltas[0]); di++) {
        for (uint32_t n = 1; n <= 256; n += 51) {
            TestEnv *e = tenv_new(1 << 24);
            uint8_t *ram = e->m.storage.ram;
            uint8_t *model = malloc(0x40000);
            for (int i = 0; i < 0x40000; i++)
                ram[i] = model[i] = (uint8_t)(i * 7 + 3);
            uint64_t s = 0x30F80, d = s + deltas[di];   /* both cross 0x31000 */
            StorageAccess sd, ss;
            CHECK_EQ(access_prepare_op(&e->cpu, &ss, s, n, ACC_FETCH, 1), 0);
            CHECK_EQ(access_prepare_op(&e->cpu, &sd, d, n, ACC_STORE, 1), 0);
            access_move(&e->cpu, &sd, 0, &ss, 0, n);
            model_move(model, d, s, n);
            CHECK_MEM(ram + 0x30000, model + 0x30000, 0x3000);
            free(model);
            tenv_free(e);
        }
    }
}

TEST(move_overlap_through_aliased_pages)
{
    /* Two logical pages map to one frame: the overlap is only visible in
     * the frame, and the result must still be byte-by-byte. */
    TestEnv *e = tenv_new(1 << 24);
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, asce, 0x100000, 0x40000, 0);
    tenv_map(e, asce, 0x200000, 0x40000, 0);
    tenv_dat_on(e, asce);
    uint8_t *f = e->m.storage.ram + 0x40000;
    for (int i = 0; i < 64; i++)
        f[i] = (uint8_t)i;
    StorageAccess sd, ss;
    CHECK_EQ(access_prepare_op(&e->cpu, &ss, 0x100000, 32, ACC_FETCH, 1), 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &sd, 0x200001, 32, ACC_STORE, 1), 0);
    access_move(&e->cpu, &sd, 0, &ss, 0, 32);
    for (int i = 0; i <= 32; i++)
        CHECK_EQ(f[i], 0);       /* byte 0 replicated */
    CHECK_EQ(f[33], 33);
    tenv_free(e);
}

TEST(set_and_compare)
{
    TestEnv *e = tenv_new(1 << 24);
    uint8_t *ram = e->m.storage.ram;
    StorageAccess a, b;
    CHECK_EQ(access_prepare_op(&e->cpu, &a, 0x8FF0, 64, ACC_STORE, 1), 0);
    access_set(&e->cpu, &a, 0, 64, 0x5A);
    for (int i = 0; i < 64; i++)
        CHECK_EQ(ram[0x8FF0 + i], 0x5A);
    memset(ram + 0xA000, 0x5A, 64);
    ram[0xA000 + 40] = 0x5B;
    CHECK_EQ(access_prepare_op(&e->cpu, &b, 0xA000, 64, ACC_FETCH, 1), 0);
    CHECK_EQ(access_compare(&e->cpu, &a, 0, &b, 0, 40), 0);
    CHECK_EQ(access_compare(&e->cpu, &a, 0, &b, 0, 64), 41);
    CHECK_EQ(access_get_be(&e->cpu, &a, 14, 4), 0x5A5A5A5A);
    access_put_be(&e->cpu, &a, 14, 4, 0x01020304);
    CHECK_EQ(ram[0x8FFE], 1);
    CHECK_EQ(ram[0x9001], 4);
    tenv_free(e);
}

/* ---- the byte-handle path ---- */

TEST(io_region_takes_byte_path_in_order)
{
    TestEnv *e = tenv_new(1 << 24);
    IoLog *l = calloc(1, sizeof(*l));
    CHECK_EQ(storage_add_io(&e->m.storage, 0x2000000, 0x2000, iolog_read, iolog_write, l), 0);
    /* RAM 0x8000.. -> I/O 0x2000FF0.. crossing into the second I/O page */
    for (int i = 0; i < 32; i++)
        e->m.storage.ram[0x8000 + i] = (uint8_t)(0x40 + i);
    StorageAccess s, d;
    CHECK_EQ(access_prepare_op(&e->cpu, &s, 0x8000, 32, ACC_FETCH, 1), 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &d, 0x2000FF0, 32, ACC_STORE, 1), 0);
    CHECK(d.frag[0].host == NULL && (d.frag[0].flags & PA_HANDLE));
    CHECK(d.frag[1].host == NULL);
    access_move(&e->cpu, &d, 0, &s, 0, 32);
    CHECK_EQ(l->n, 32);
    for (int i = 0; i < 32 && i < l->n; i++) {
        CHECK_EQ(l->ev[i].op, 'w');
        CHECK_EQ(l->ev[i].off, 0xFF0 + i);
        CHECK_EQ(l->ev[i].v, 0x40 + i);
    }
    /* I/O -> I/O with overlap d = s+1: each byte read once and written
     * once, alternating, left to right, replicating the first byte */
    l->n = 0;
    l->mem[0x100] = 0x77;
    StorageAccess s2, d2;
    CHECK_EQ(access_prepare_op(&e->cpu, &s2, 0x2000100, 4, ACC_FETCH, 1), 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &d2, 0x2000101, 4, ACC_STORE, 1), 0);
    access_move(&e->cpu, &d2, 0, &s2, 0, 4);
    CHECK_EQ(l->n, 8);
    for (int i = 0; i < 4; i++) {
        CHECK_EQ(l->ev[2 * i].op, 'r');
        CHECK_EQ(l->ev[2 * i].off, 0x100 + i);
        CHECK_EQ(l->ev[2 * i + 1].op, 'w');
        CHECK_EQ(l->ev[2 * i + 1].off, 0x101 + i);
        CHECK_EQ(l->ev[2 * i + 1].v, 0x77);
    }
    free(l);
    tenv_free(e);
}

/* ---- watchpoints ---- */

TEST(watchpoint_stops_prepare_before_any_store)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    CHECK_EQ(access_watch_add(&e->m, 0x9100, 4, WP_WRITE), 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x90F0, 16, ACC_FETCH, 1), 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x90F0, 16, ACC_STORE, 1), 0);   /* below */
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x90F0, 32, ACC_STORE, 1), ACCESS_WATCHPOINT);
    CHECK(e->cpu.watch.hit);
    CHECK_EQ(e->cpu.watch.addr, 0x9100);
    CHECK_EQ(e->cpu.watch.type, WP_WRITE);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x9102, 1, ACC_UPDATE, 1), ACCESS_WATCHPOINT);
    CHECK_EQ(e->cpu.watch.addr, 0x9102);
    /* resuming runs the access past the watchpoint, byte-wise */
    e->cpu.watch_suppress = true;
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x90F0, 32, ACC_STORE, 1), 0);
    CHECK(sa.frag[0].flags & PA_WATCHED);
    CHECK(sa.frag[0].host == NULL);
    access_set(&e->cpu, &sa, 0, 32, 0xEE);
    CHECK_EQ(e->m.storage.ram[0x9100], 0xEE);
    e->cpu.watch_suppress = false;
    access_watch_clear(&e->m);
    CHECK_EQ(access_watch_add(&e->m, 0xA000, 1, WP_READ), 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xA000, 1, ACC_STORE, 1), 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xA000, 1, ACC_FETCH, 1), ACCESS_WATCHPOINT);
    CHECK_EQ(e->cpu.watch.type, WP_READ);
    tenv_free(e);
}

/* ---- change bits and PER ---- */

TEST(commit_sets_change_bits_of_stored_frames_only)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xBF00, 0x200, ACC_STORE, 1), 0);
    access_set(&e->cpu, &sa, 0, 0x10, 1);           /* first frame only */
    CHECK_EQ(storage_key(&e->m.storage, 0xB000) & SKEY_C, 0);   /* not before commit */
    access_commit(&e->cpu, &sa);
    CHECK_EQ(storage_key(&e->m.storage, 0xB000) & SKEY_C, SKEY_C);
    CHECK_EQ(storage_key(&e->m.storage, 0xC000) & SKEY_C, 0);
    CHECK_EQ(storage_key(&e->m.storage, 0xC000) & SKEY_R, SKEY_R);   /* probed */
    tenv_free(e);
}

static void per_setup(TestEnv *e, uint64_t start, uint64_t end)
{
    e->cpu.psw_mask |= PSW_MASK_PER;
    e->cpu.cr[9] = CR9_PER_SA;
    e->cpu.cr[10] = start;
    e->cpu.cr[11] = end;
    e->cpu.insn_addr = 0x4242;
}

TEST(per_storage_alteration_for_bytes_stored)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    per_setup(e, 0xD080, 0xD0FF);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xD000, 0x100, ACC_STORE, 1), 0);
    access_set(&e->cpu, &sa, 0, 0x80, 0);           /* 0xD000-0xD07F: outside */
    access_commit(&e->cpu, &sa);
    CHECK_EQ(e->cpu.per.code, 0);
    access_set(&e->cpu, &sa, 0x7F, 2, 0);           /* 0xD07F-0xD080: one byte in */
    access_commit(&e->cpu, &sa);
    CHECK_EQ(e->cpu.per.code, PER_CODE_SA);
    CHECK_EQ(e->cpu.per.address, 0x4242);
    /* ATMID: EA, bit 1, BA, DAT off, primary */
    CHECK_EQ(e->cpu.per.atmid, 0x80 | 0x40 | 0x20);
    /* nothing stored -> nothing recognised, even when prepared in range */
    memset(&e->cpu.per, 0, sizeof(e->cpu.per));
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xD080, 0x10, ACC_STORE, 1), 0);
    access_commit(&e->cpu, &sa);
    CHECK_EQ(e->cpu.per.code, 0);
    /* a fetch never alters storage */
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xD080, 0x10, ACC_FETCH, 1), 0);
    CHECK(!(sa.frag[0].flags & PA_PER));
    /* PER mask off in the PSW: no event */
    e->cpu.psw_mask &= ~PSW_MASK_PER;
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xD080, 0x10, ACC_STORE, 1), 0);
    access_set(&e->cpu, &sa, 0, 0x10, 0);
    access_commit(&e->cpu, &sa);
    CHECK_EQ(e->cpu.per.code, 0);
    tenv_free(e);
}

TEST(per_range_wraps_when_start_above_end)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    per_setup(e, 0xFFFFFFFFFFFFF000ULL, 0x100);     /* top page and 0..0x100 */
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x200, 0x10, ACC_STORE, 1), 0);
    access_set(&e->cpu, &sa, 0, 0x10, 0);
    access_commit(&e->cpu, &sa);
    CHECK_EQ(e->cpu.per.code, 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xF8, 0x10, ACC_STORE, 1), 0);
    access_set(&e->cpu, &sa, 0, 0x10, 0);
    access_commit(&e->cpu, &sa);
    CHECK_EQ(e->cpu.per.code, PER_CODE_SA);
    tenv_free(e);
}

TEST(per_storage_alteration_space_control)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, asce, 0x300000, 0x50000, 0);
    tenv_dat_on(e, asce);
    per_setup(e, 0, ~0ULL);
    e->cpu.cr[9] |= CR9_PER_SA_SPACE;
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x300000, 8, ACC_STORE, 1), 0);
    access_set(&e->cpu, &sa, 0, 8, 0);
    access_commit(&e->cpu, &sa);
    CHECK_EQ(e->cpu.per.code, 0);                   /* ASCE S bit off */
    e->cpu.cr[1] |= ASCE_ALT_EVENT;
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0x300000, 8, ACC_STORE, 1), 0);
    access_set(&e->cpu, &sa, 0, 8, 0);
    access_commit(&e->cpu, &sa);
    CHECK_EQ(e->cpu.per.code, PER_CODE_SA);
    CHECK_EQ(e->cpu.per.atmid, 0x80 | 0x40 | 0x20 | 0x10);   /* DAT on, primary */
    tenv_free(e);
}

/* ---- one translation per page per unit ---- */

TEST(one_walk_per_page_and_tlb_reuse)
{
    TestEnv *e = tenv_new(1 << 24);
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0x400000, 0x60000, 0x4000, 0);
    tenv_dat_on(e, asce);
    cpu_flush_tlb_local(&e->cpu);
    StorageAccess s, d;
    uint64_t w0 = e->cpu.dat_walks;
    CHECK_EQ(access_prepare_op(&e->cpu, &s, 0x400F80, 0x100, ACC_FETCH, 1), 0);
    CHECK_EQ(access_prepare_op(&e->cpu, &d, 0x402F80, 0x100, ACC_STORE, 1), 0);
    CHECK_EQ(e->cpu.dat_walks - w0, 4);             /* one per page */
    /* A global flush requested mid-unit, and the PTE invalidated as IPTE
     * would, must not make the unit translate again: it keeps its pointers. */
    machine_request_flush_all(&e->m);
    cpu_serve_requests(&e->cpu);
    tenv_entry_or(e, asce, 0x403000, LVL_PAGE, PAGE_ENTRY_I);
    access_move(&e->cpu, &d, 0, &s, 0, 0x100);
    access_commit(&e->cpu, &d);
    CHECK_EQ(e->cpu.dat_walks - w0, 4);
    CHECK_EQ(storage_key(&e->m.storage, 0x63000) & SKEY_C, SKEY_C);
    /* The next unit sees the invalid entry. */
    CHECK_EQ(access_prepare_op(&e->cpu, &d, 0x402F80, 0x100, ACC_STORE, 1), PGM_PAGE_TRANS);
    /* Without a flush, a repeated prepare hits the TLB: no walk. */
    uint64_t w1 = e->cpu.dat_walks;
    CHECK_EQ(access_prepare_op(&e->cpu, &s, 0x400F80, 0x100, ACC_FETCH, 1), 0);
    CHECK_EQ(e->cpu.dat_walks - w1, 2);             /* flushed: walked again once each */
    CHECK_EQ(access_prepare_op(&e->cpu, &s, 0x400F80, 0x100, ACC_FETCH, 1), 0);
    CHECK_EQ(e->cpu.dat_walks - w1, 2);             /* cached */
    tenv_free(e);
}

TEST(tlb_entries_are_per_key)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    storage_set_key(&e->m.storage, 0xE000, 0x30);
    CHECK_EQ(access_prepare(&e->cpu, &sa, 0xE000, 8, ACC_STORE, AS_REAL, 3), 0);
    /* a cached key-3 translation must not let key 2 store */
    CHECK_EQ(access_prepare(&e->cpu, &sa, 0xE000, 8, ACC_STORE, AS_REAL, 2), PGM_PROTECTION);
    tenv_free(e);
}

TEST(probe_nofault_reports_without_raising)
{
    TestEnv *e = tenv_new(1 << 24);
    PageAccess pa;
    ProgramException x;
    e->cpu.pgm.code = 0x99;
    CHECK_EQ(probe_nofault(&e->cpu, 1 << 24, 1, ACC_FETCH, AS_REAL, 0, &pa, &x), PGM_ADDRESSING);
    CHECK_EQ(x.code, PGM_ADDRESSING);
    CHECK_EQ(e->cpu.pgm.code, 0x99);
    tenv_free(e);
}

TEST(commit_lets_later_stores_take_the_fast_path)
{
    TestEnv *e = tenv_new(1 << 24);
    StorageAccess sa;
    /* the change bit is not set yet: the write entry is filled NOTDIRTY,
     * so the inline path must not serve it */
    CHECK_EQ(access_prepare_op(&e->cpu, &sa, 0xF010, 8, ACC_STORE, 1), 0);
    CHECK(tlb_fast_host(&e->cpu.tlb, TLB_SPACE_REAL, 0xF010, TLB_KIND_WRITE, 0) == NULL);
    access_set(&e->cpu, &sa, 0, 8, 1);
    access_commit(&e->cpu, &sa);
    CHECK_EQ(storage_key(&e->m.storage, 0xF000) & SKEY_C, SKEY_C);
    CHECK(tlb_fast_host(&e->cpu.tlb, TLB_SPACE_REAL, 0xF010, TLB_KIND_WRITE, 0) ==
          e->m.storage.ram + 0xF010);
    /* another key's translation is not touched */
    CHECK(tlb_fast_host(&e->cpu.tlb, TLB_SPACE_REAL, 0xF010, TLB_KIND_WRITE, 3) == NULL);
    tenv_free(e);
}
