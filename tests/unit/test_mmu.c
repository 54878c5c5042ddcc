/* mmu_translate: prefixing, low-address protection, key-controlled and
 * fetch protection with both overrides, addressing, reference bits, TEIDs.
 * Expected values come from ZARCH-NOTES §3, §5.5, §6 by hand. */
#include "test.h"
#include "testenv.h"

static int xlate(TestEnv *e, uint64_t a, uint32_t len, AccessKind k, uint8_t key,
                 ProgramException *exc, uint64_t *abs)
{
    MmuResult r;
    int rc = mmu_translate(&e->cpu, a, len, k, mmu_space_for(&e->cpu, 0), key, &r, exc);
    if (!rc && abs)
        *abs = r.abs;
    return rc;
}

TEST(prefix_swaps_low_8k_both_ways)
{
    CHECK_EQ(mmu_real_to_abs(0x20000, 0x100), 0x20100);
    CHECK_EQ(mmu_real_to_abs(0x20000, 0x1FFF), 0x21FFF);
    CHECK_EQ(mmu_real_to_abs(0x20000, 0x20100), 0x100);
    CHECK_EQ(mmu_real_to_abs(0x20000, 0x21FFF), 0x1FFF);
    CHECK_EQ(mmu_real_to_abs(0x20000, 0x2000), 0x2000);
    CHECK_EQ(mmu_real_to_abs(0x20000, 0x22000), 0x22000);
    CHECK_EQ(mmu_real_to_abs(0, 0x100), 0x100);
}

TEST(prefix_applies_to_real_accesses)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    uint64_t abs = 0;
    e->cpu.prefix = 0x40000;
    CHECK_EQ(xlate(e, 0x10, 1, ACC_FETCH, 0, &x, &abs), 0);
    CHECK_EQ(abs, 0x40010);
    CHECK_EQ(xlate(e, 0x40010, 1, ACC_FETCH, 0, &x, &abs), 0);
    CHECK_EQ(abs, 0x10);
    tenv_free(e);
}

TEST(lap_protects_0_511_and_4096_4607_stores_only)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    e->cpu.cr[0] |= CR0_LAP;
    static const uint64_t prot[] = { 0, 0x1FF, 0x1000, 0x11FF };
    static const uint64_t free_[] = { 0x200, 0xFFF, 0x1200, 0x2000, 0x2100 };
    for (unsigned i = 0; i < 4; i++) {
        CHECK_EQ(xlate(e, prot[i], 1, ACC_STORE, 0, &x, NULL), PGM_PROTECTION);
        /* ESOP-2 LAP type 100, store indication, page address, primary */
        CHECK_EQ(x.teid, (prot[i] & ~0xFFFULL) | TEID_STORE | TEID_PROT_LAP);
        CHECK(x.teid_valid);
        CHECK_EQ(xlate(e, prot[i], 1, ACC_UPDATE, 0, &x, NULL), PGM_PROTECTION);
        CHECK_EQ(xlate(e, prot[i], 1, ACC_FETCH, 0, &x, NULL), 0);
    }
    for (unsigned i = 0; i < 5; i++)
        CHECK_EQ(xlate(e, free_[i], 1, ACC_STORE, 0, &x, NULL), 0);
    e->cpu.cr[0] &= ~CR0_LAP;
    CHECK_EQ(xlate(e, 0, 1, ACC_STORE, 0, &x, NULL), 0);
    tenv_free(e);
}

TEST(lap_not_applied_in_private_space)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, asce, 0, 0x10000, 0);
    tenv_dat_on(e, asce);
    e->cpu.cr[0] |= CR0_LAP;
    CHECK_EQ(xlate(e, 0x10, 1, ACC_STORE, 0, &x, NULL), PGM_PROTECTION);
    e->cpu.cr[1] |= ASCE_PRIVATE;
    CHECK_EQ(xlate(e, 0x10, 1, ACC_STORE, 0, &x, NULL), 0);
    tenv_free(e);
}

TEST(key_controlled_protection)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    storage_set_key(&e->m.storage, 0x5000, 0x30);              /* ACC 3, F 0 */
    CHECK_EQ(xlate(e, 0x5010, 1, ACC_STORE, 3, &x, NULL), 0);   /* matching key */
    CHECK_EQ(xlate(e, 0x5010, 1, ACC_STORE, 0, &x, NULL), 0);   /* key 0 */
    CHECK_EQ(xlate(e, 0x5010, 1, ACC_FETCH, 2, &x, NULL), 0);   /* F = 0 */
    CHECK_EQ(xlate(e, 0x5010, 1, ACC_STORE, 2, &x, NULL), PGM_PROTECTION);
    CHECK_EQ(x.teid, 0x5000 | TEID_STORE | TEID_PROT_KEY);
    /* update with F = 0: the fetch passes, the store fails */
    CHECK_EQ(xlate(e, 0x5010, 1, ACC_UPDATE, 2, &x, NULL), PGM_PROTECTION);
    CHECK_EQ(x.teid, 0x5000 | TEID_STORE | TEID_PROT_KEY);
    storage_set_key(&e->m.storage, 0x5000, 0x38);              /* ACC 3, F 1 */
    CHECK_EQ(xlate(e, 0x5010, 1, ACC_FETCH, 2, &x, NULL), PGM_PROTECTION);
    CHECK_EQ(x.teid, 0x5000 | TEID_FETCH | TEID_PROT_KEY);
    CHECK_EQ(xlate(e, 0x5010, 1, ACC_UPDATE, 2, &x, NULL), PGM_PROTECTION);
    CHECK_EQ(x.teid, 0x5000 | TEID_FETCH | TEID_PROT_KEY);
    CHECK_EQ(xlate(e, 0x5010, 1, ACC_FETCH, 3, &x, NULL), 0);
    tenv_free(e);
}

TEST(storage_protection_override_acc9)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    storage_set_key(&e->m.storage, 0x6000, 0x98);              /* ACC 9, F 1 */
    CHECK_EQ(xlate(e, 0x6000, 1, ACC_STORE, 4, &x, NULL), PGM_PROTECTION);
    CHECK_EQ(xlate(e, 0x6000, 1, ACC_FETCH, 4, &x, NULL), PGM_PROTECTION);
    e->cpu.cr[0] |= CR0_STOR_PROT_OV;
    CHECK_EQ(xlate(e, 0x6000, 1, ACC_STORE, 4, &x, NULL), 0);
    CHECK_EQ(xlate(e, 0x6000, 1, ACC_FETCH, 4, &x, NULL), 0);
    storage_set_key(&e->m.storage, 0x6000, 0x88);              /* ACC 8: no override */
    CHECK_EQ(xlate(e, 0x6000, 1, ACC_STORE, 4, &x, NULL), PGM_PROTECTION);
    tenv_free(e);
}

TEST(fetch_protection_override_first_2k)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    storage_set_key(&e->m.storage, 0, 0x38);
    e->cpu.cr[0] |= CR0_FETCH_PROT_OV;
    CHECK_EQ(xlate(e, 0, 1, ACC_FETCH, 2, &x, NULL), 0);
    CHECK_EQ(xlate(e, 2047, 1, ACC_FETCH, 2, &x, NULL), 0);
    CHECK_EQ(xlate(e, 2040, 8, ACC_FETCH, 2, &x, NULL), 0);
    /* the whole access must lie within 0..2047 */
    CHECK_EQ(xlate(e, 2040, 9, ACC_FETCH, 2, &x, NULL), PGM_PROTECTION);
    CHECK_EQ(xlate(e, 2048, 1, ACC_FETCH, 2, &x, NULL), PGM_PROTECTION);
    /* stores are never overridden */
    CHECK_EQ(xlate(e, 0x200, 1, ACC_STORE, 2, &x, NULL), PGM_PROTECTION);
    e->cpu.cr[0] &= ~CR0_FETCH_PROT_OV;
    CHECK_EQ(xlate(e, 0, 1, ACC_FETCH, 2, &x, NULL), PGM_PROTECTION);
    tenv_free(e);
}

TEST(addressing_beyond_storage_has_no_teid)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    CHECK_EQ(xlate(e, (1 << 24) - 1, 1, ACC_FETCH, 0, &x, NULL), 0);
    CHECK_EQ(xlate(e, 1 << 24, 1, ACC_FETCH, 0, &x, NULL), PGM_ADDRESSING);
    CHECK(!x.teid_valid);
    CHECK(!pgm_is_nullifying(PGM_ADDRESSING));
    tenv_free(e);
}

TEST(reference_bit_set_on_access_change_bit_not)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    CHECK_EQ(storage_key(&e->m.storage, 0x7000) & (SKEY_R | SKEY_C), 0);
    CHECK_EQ(xlate(e, 0x7123, 1, ACC_STORE, 0, &x, NULL), 0);
    CHECK_EQ(storage_key(&e->m.storage, 0x7000) & (SKEY_R | SKEY_C), SKEY_R);
    tenv_free(e);
}

TEST(dat_exceptions_get_page_teid_and_asce_id)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, asce, 0x200000, 0x10000, 0);
    tenv_map(e, asce, 0x201000, 0x11000, 0);
    tenv_entry_or(e, asce, 0x201000, LVL_PAGE, PAGE_ENTRY_I);
    tenv_map(e, asce, 0x202000, 0x12000, PAGE_ENTRY_P);
    tenv_dat_on(e, asce);
    CHECK_EQ(xlate(e, 0x201234, 1, ACC_FETCH, 0, &x, NULL), PGM_PAGE_TRANS);
    CHECK_EQ(x.teid, 0x201000 | TEID_FETCH);
    CHECK(pgm_is_nullifying(x.code));
    CHECK_EQ(xlate(e, 0x201234, 1, ACC_STORE, 0, &x, NULL), PGM_PAGE_TRANS);
    CHECK_EQ(x.teid, 0x201000 | TEID_STORE);
    CHECK_EQ(xlate(e, 0x202234, 1, ACC_FETCH, 0, &x, NULL), 0);
    CHECK_EQ(xlate(e, 0x202234, 1, ACC_STORE, 0, &x, NULL), PGM_PROTECTION);
    CHECK_EQ(x.teid, 0x202000 | TEID_STORE | TEID_PROT_DAT);
    CHECK(!pgm_is_nullifying(x.code));
    /* secondary space: ASCE id 10 in TEID bits 62-63 */
    e->cpu.cr[7] = asce;
    MmuResult r;
    CHECK_EQ(mmu_translate(&e->cpu, 0x201000, 1, ACC_FETCH, AS_SECONDARY, 0, &r, &x),
             PGM_PAGE_TRANS);
    CHECK_EQ(x.teid, 0x201000 | TEID_FETCH | 2);
    /* AR mode through AR 5 = ALET 1 -> secondary ASCE, id 01, access id 5 */
    e->cpu.ar[5] = 1;
    CHECK_EQ(mmu_translate(&e->cpu, 0x201000, 1, ACC_FETCH, SPACE_AR(5), 0, &r, &x),
             PGM_PAGE_TRANS);
    CHECK_EQ(x.teid, 0x201000 | TEID_FETCH | 1);
    CHECK_EQ(x.exc_access_id, 5);
    /* a frame beyond storage through DAT: addressing */
    tenv_map(e, asce, 0x203000, 1 << 24, 0);
    CHECK_EQ(xlate(e, 0x203000, 1, ACC_FETCH, 0, &x, NULL), PGM_ADDRESSING);
    tenv_free(e);
}

TEST(ar_mode_access_register_0_means_primary)
{
    TestEnv *e = tenv_new(1 << 24);
    ProgramException x;
    MmuResult r;
    uint64_t prim = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    uint64_t sec = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, prim, 0x100000, 0x10000, 0);
    tenv_map(e, sec, 0x100000, 0x20000, 0);
    tenv_dat_on(e, prim);
    e->cpu.cr[7] = sec;
    e->cpu.psw_mask |= (uint64_t)PSW_ASC_AR << PSW_SHIFT_ASC;
    e->cpu.ar[0] = 1;                 /* ignored: AR 0 counts as ALET 0 */
    e->cpu.ar[3] = 1;
    CHECK_EQ(mmu_space_for(&e->cpu, 0), SPACE_AR(0));
    CHECK_EQ(mmu_translate(&e->cpu, 0x100010, 1, ACC_FETCH, SPACE_AR(0), 0, &r, &x), 0);
    CHECK_EQ(r.abs, 0x10010);
    CHECK_EQ(mmu_translate(&e->cpu, 0x100010, 1, ACC_FETCH, SPACE_AR(3), 0, &r, &x), 0);
    CHECK_EQ(r.abs, 0x20010);
    e->cpu.ar[3] = 0x12345;           /* needs ART: not implemented -> ALET specification */
    CHECK_EQ(mmu_translate(&e->cpu, 0x100010, 1, ACC_FETCH, SPACE_AR(3), 0, &r, &x), PGM_ALET_SPEC);
    tenv_free(e);
}
