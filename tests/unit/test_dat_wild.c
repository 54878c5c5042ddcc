/* Bad input never crashes zemu: DAT walks over wild page tables (random
 * table contents, random ASCEs, origins beyond storage) end in a
 * translation or an architected exception, never in a host fault.  Run
 * under ASan+UBSan in CI, this is the guard for out-of-bounds table reads. */
#include "access/access.h"
#include "test.h"
#include "testenv.h"

static bool architected(int rc)
{
    switch (rc) {
    case 0: case PGM_ADDRESSING: case PGM_TRANS_SPEC: case PGM_PROTECTION:
    case PGM_SEGMENT_TRANS: case PGM_PAGE_TRANS: case PGM_ASCE_TYPE:
    case PGM_REG_FIRST_TRANS: case PGM_REG_SECOND_TRANS: case PGM_REG_THIRD_TRANS:
        return true;
    default:
        return false;
    }
}

TEST(wild_tables_give_architected_results)
{
    TestEnv *e = tenv_new(1 << 22);           /* 4 MiB: many origins fall outside */
    uint64_t seed = 0x5EED0001;
    uint8_t *ram = e->m.storage.ram;
    for (uint64_t i = 0; i < (1 << 22); i += 8) {
        uint64_t r = test_rand(&seed);
        /* bias origins into storage half of the time, keep low bits random */
        if (r & 1)
            r = (r & 0x3FFFFF) | (r & 0xFFF);
        memcpy(ram + i, &r, 8);
    }
    e->cpu.cr[0] |= CR0_EDAT;
    e->cpu.psw_mask |= PSW_MASK_DAT;
    int bad = 0, ok = 0;
    for (int i = 0; i < 200000; i++) {
        uint64_t r = test_rand(&seed);
        e->cpu.cr[1] = (i & 1) ? (r & 0x3FF0FF) | (r >> 60) : r;
        uint64_t va = test_rand(&seed);
        if (i & 2)
            va &= 0x7FFFFFFF;
        MmuResult res;
        ProgramException x;
        AccessKind k = (i & 4) ? ACC_STORE : ACC_FETCH;
        int rc = mmu_translate(&e->cpu, va, 1, k, AS_PRIMARY, 0, &res, &x);
        if (!architected(rc))
            bad++;
        if (rc == 0) {
            ok++;
            if (!storage_valid(&e->m.storage, res.abs))
                bad++;
        }
    }
    CHECK_EQ(bad, 0);
    /* the walk must also translate sometimes, or the test proves little */
    CHECK(ok > 0);
    tenv_free(e);
}

TEST(wild_tables_through_prepare_and_move)
{
    TestEnv *e = tenv_new(1 << 22);
    uint64_t seed = 0x5EED0002;
    uint8_t *ram = e->m.storage.ram;
    for (uint64_t i = 0; i < (1 << 22); i += 8) {
        uint64_t r = test_rand(&seed) & 0x3FF7FF;
        memcpy(ram + i, &r, 8);
    }
    e->cpu.psw_mask |= PSW_MASK_DAT;
    int moved = 0, faults = 0;
    for (int i = 0; i < 20000; i++) {
        e->cpu.cr[1] = (test_rand(&seed) & 0x3FF000) | (test_rand(&seed) & 0xF);
        cpu_flush_tlb_local(&e->cpu);
        StorageAccess s, d;
        uint64_t a = test_rand(&seed), b = test_rand(&seed);
        uint32_t n = 1 + test_rand(&seed) % 256;
        int rc = access_prepare_op(&e->cpu, &s, a, n, ACC_FETCH, 1);
        if (!rc)
            rc = access_prepare_op(&e->cpu, &d, b, n, ACC_STORE, 1);
        if (rc) {
            faults += architected(rc);
            continue;
        }
        access_move(&e->cpu, &d, 0, &s, 0, n);
        access_commit(&e->cpu, &d);
        moved++;
    }
    CHECK_EQ(moved + faults, 20000);
    tenv_free(e);
}
