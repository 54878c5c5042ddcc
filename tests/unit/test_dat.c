/* dat_translate (ZARCH-NOTES §5.1-5.4), the DAT table builder of the test
 * support, and a self-test of the fault-matrix driver.
 *
 * Expected values are computed by hand in the comments.  Index fields of a
 * virtual address: RFX = va >> 53, RSX = va >> 42, RTX = va >> 31,
 * SX = va >> 20 (11 bits each), PX = va >> 12 (8 bits); the length/offset
 * checks use the top two bits of an index (index >> 9). */
#include "faultmatrix.h"
#include "test.h"
#include "testenv.h"

#define RAM (16ULL << 20)

/* RFX 3, RSX 5, RTX 7, SX 9, PX 0x0B, byte 0xABC:
 * 3<<53 | 5<<42 | 7<<31 | 9<<20 | 0xB<<12 | 0xABC */
#define VA_R1 0x006014038090BABCULL
/* the same without RFX (fits a region-second ASCE: < 2^53) */
#define VA_R2 0x000014038090BABCULL
/* without RSX (< 2^42, region-third ASCE) */
#define VA_R3 0x000000038090BABCULL
/* SX 0x7FF, PX 0x0B (< 2^31, segment ASCE) */
#define VA_SG 0x000000007FF0BABCULL

static TestEnv *env_asce(uint64_t type, uint64_t *asce)
{
    TestEnv *e = tenv_new(RAM);
    *asce = tenv_asce_new(e, type);
    return e;
}

static int xl(TestEnv *e, uint64_t asce, uint64_t va, DatResult *r)
{
    memset(r, 0xA5, sizeof(*r));
    return dat_translate(&e->cpu, asce, va, r);
}

/* ---- a walk through tables written by hand (no builder involved) ---- */

TEST(dat_hand_built_region_first_walk)
{
    TestEnv *e = tenv_new(RAM);
    Storage *st = &e->m.storage;
    /* R1 table 0xA00000, R2 0xA10000, R3 0xA20000, segment 0xA30000, page
     * table 0xA40800 (2 KiB aligned).  Entry addresses: origin + 8 * index. */
    storage_write_u64(st, 0xA00000 + 3 * 8, 0xA10000 | 0xC | 3);   /* TT 11, TL 3 */
    storage_write_u64(st, 0xA10000 + 5 * 8, 0xA20000 | 0x8 | 3);   /* TT 10 */
    storage_write_u64(st, 0xA20000 + 7 * 8, 0xA30000 | 0x4 | 3);   /* TT 01 */
    storage_write_u64(st, 0xA30000 + 9 * 8, 0xA40800);             /* TT 00 */
    storage_write_u64(st, 0xA40800 + 0xB * 8, 0x123000);
    uint64_t asce = 0xA00000 | 0xC | 3;
    DatResult r;
    CHECK_EQ(xl(e, asce, VA_R1, &r), 0);
    CHECK_EQ(r.frame, 0x123000);
    CHECK(!r.frame_is_abs);
    CHECK(!r.prot);
    CHECK(!r.iep);
    /* the builder's own walk agrees */
    CHECK_EQ(tenv_v2abs(e, asce, VA_R1), 0x123ABC);
    /* PTE invalid (bit 53 = 0x400) */
    storage_write_u64(st, 0xA40800 + 0xB * 8, 0x123400);
    CHECK_EQ(xl(e, asce, VA_R1, &r), PGM_PAGE_TRANS);
    /* a neighbour page (PX 0x0C) reads a zero entry: valid, frame 0 */
    CHECK_EQ(xl(e, asce, VA_R1 + 0x1000, &r), 0);
    CHECK_EQ(r.frame, 0);
    tenv_free(e);
}

/* ---- every ASCE type ---- */

TEST(dat_every_asce_type_translates)
{
    static const struct { uint64_t type, va; } t[] = {
        { ASCE_TYPE_REGION1, VA_R1 }, { ASCE_TYPE_REGION2, VA_R2 },
        { ASCE_TYPE_REGION3, VA_R3 }, { ASCE_TYPE_SEGMENT, VA_SG },
    };
    for (unsigned i = 0; i < 4; i++) {
        uint64_t asce;
        TestEnv *e = env_asce(t[i].type, &asce);
        CHECK_EQ(asce & 0xF, t[i].type | 3);
        tenv_map(e, asce, t[i].va, 0x345000 + i * 0x1000, 0);
        DatResult r;
        CHECK_EQ(xl(e, asce, t[i].va, &r), 0);
        CHECK_EQ(r.frame, 0x345000 + i * 0x1000);
        CHECK(!r.frame_is_abs && !r.prot && !r.iep);
        /* the next page is not mapped: page-translation exception */
        CHECK_EQ(xl(e, asce, t[i].va + 0x1000, &r), PGM_PAGE_TRANS);
        tenv_free(e);
    }
}

TEST(dat_real_space_asce_is_identity)
{
    TestEnv *e = tenv_new(RAM);
    DatResult r;
    /* R = 1: no table is read (origin beyond storage), DT = segment does not
     * limit the address, result is the real page. */
    uint64_t asce = 0x7FFFFFFF000ULL | ASCE_REAL | ASCE_TYPE_SEGMENT;
    CHECK_EQ(xl(e, asce, 0x123456789ABCULL, &r), 0);
    CHECK_EQ(r.frame, 0x123456789000ULL);
    CHECK(!r.frame_is_abs);
    CHECK(!r.prot && !r.iep);
    CHECK_EQ(xl(e, ASCE_REAL | ASCE_TYPE_REGION1, 0x1FFF, &r), 0);
    CHECK_EQ(r.frame, 0x1000);
    tenv_free(e);
}

TEST(dat_asce_type_exception_beyond_reach)
{
    DatResult r;
    uint64_t asce;
    /* segment table: 2 GiB */
    TestEnv *e = env_asce(ASCE_TYPE_SEGMENT, &asce);
    CHECK_EQ(xl(e, asce, 0x80000000ULL, &r), PGM_ASCE_TYPE);
    CHECK_EQ(xl(e, asce, 0xFFFFFFFFFFFFF000ULL, &r), PGM_ASCE_TYPE);
    CHECK_EQ(xl(e, asce, 0x7FFFF000ULL, &r), PGM_SEGMENT_TRANS);   /* in reach, unmapped */
    tenv_free(e);
    /* region-third: 4 TiB */
    e = env_asce(ASCE_TYPE_REGION3, &asce);
    CHECK_EQ(xl(e, asce, 1ULL << 42, &r), PGM_ASCE_TYPE);
    CHECK_EQ(xl(e, asce, (1ULL << 42) - 4096, &r), PGM_REG_THIRD_TRANS);
    tenv_free(e);
    /* region-second: 8 PiB */
    e = env_asce(ASCE_TYPE_REGION2, &asce);
    CHECK_EQ(xl(e, asce, 1ULL << 53, &r), PGM_ASCE_TYPE);
    CHECK_EQ(xl(e, asce, (1ULL << 53) - 4096, &r), PGM_REG_SECOND_TRANS);
    tenv_free(e);
    /* region-first reaches everything */
    e = env_asce(ASCE_TYPE_REGION1, &asce);
    CHECK_EQ(xl(e, asce, ~0ULL, &r), PGM_REG_FIRST_TRANS);
    tenv_free(e);
}

/* ---- table length of the first table (ASCE.TL) ---- */

TEST(dat_asce_table_length)
{
    DatResult r;
    uint64_t asce;
    /* segment table, TL 0: SX 0..511 allowed.  0x1FF00000: SX 511 (top 0);
     * 0x20000000: SX 512 (top 1) -> segment-translation exception even
     * though the (full-length) table has a valid entry there. */
    TestEnv *e = env_asce(ASCE_TYPE_SEGMENT, &asce);
    tenv_map(e, asce, 0x1FF00000, 0x10000, 0);
    tenv_map(e, asce, 0x20000000, 0x11000, 0);
    uint64_t a0 = asce & ~ASCE_TL;
    CHECK_EQ(xl(e, a0, 0x1FF00000, &r), 0);
    CHECK_EQ(r.frame, 0x10000);
    CHECK_EQ(xl(e, a0, 0x20000000, &r), PGM_SEGMENT_TRANS);
    CHECK_EQ(xl(e, a0 | 1, 0x20000000, &r), 0);
    CHECK_EQ(r.frame, 0x11000);
    /* TL 1 -> top 2 (SX 1024, va 0x40000000) still too long */
    tenv_map(e, asce, 0x40000000, 0x12000, 0);
    CHECK_EQ(xl(e, a0 | 1, 0x40000000, &r), PGM_SEGMENT_TRANS);
    CHECK_EQ(xl(e, a0 | 2, 0x40000000, &r), 0);
    tenv_free(e);

    /* region-first, TL 1: RFX top bits = va bits 0-1.  va 2<<62 -> 0x39 */
    e = env_asce(ASCE_TYPE_REGION1, &asce);
    tenv_map(e, asce, 0x8000000000000000ULL, 0x13000, 0);
    CHECK_EQ(xl(e, (asce & ~ASCE_TL) | 1, 0x8000000000000000ULL, &r), PGM_REG_FIRST_TRANS);
    CHECK_EQ(xl(e, (asce & ~ASCE_TL) | 2, 0x8000000000000000ULL, &r), 0);
    tenv_free(e);

    /* region-second, TL 0: RSX top bits = va bits 11-12; va 1<<51 has top 1 */
    e = env_asce(ASCE_TYPE_REGION2, &asce);
    tenv_map(e, asce, 1ULL << 51, 0x14000, 0);
    CHECK_EQ(xl(e, asce & ~ASCE_TL, 1ULL << 51, &r), PGM_REG_SECOND_TRANS);
    CHECK_EQ(xl(e, asce, 1ULL << 51, &r), 0);
    tenv_free(e);

    /* region-third, TL 2: RTX top = va bits 22-23 (va >> 40); 3<<40 -> 0x3B */
    e = env_asce(ASCE_TYPE_REGION3, &asce);
    tenv_map(e, asce, 3ULL << 40, 0x15000, 0);
    CHECK_EQ(xl(e, (asce & ~ASCE_TL) | 2, 3ULL << 40, &r), PGM_REG_THIRD_TRANS);
    CHECK_EQ(xl(e, asce, 3ULL << 40, &r), 0);
    CHECK_EQ(r.frame, 0x15000);
    tenv_free(e);
}

TEST(dat_table_length_checked_before_the_table_is_read)
{
    TestEnv *e = tenv_new(RAM);
    DatResult r;
    /* origin 1 TiB is outside storage: with TL violated the length check
     * wins (no entry fetched); otherwise the entry fetch is an addressing
     * exception. */
    uint64_t asce = (1ULL << 40) | ASCE_TYPE_SEGMENT;   /* TL 0 */
    CHECK_EQ(xl(e, asce, 0x20000000, &r), PGM_SEGMENT_TRANS);
    CHECK_EQ(xl(e, asce, 0x00100000, &r), PGM_ADDRESSING);
    tenv_free(e);
}

/* ---- offset/length of the next table (TF/TL of region entries) ---- */

TEST(dat_region_entry_offset_and_length)
{
    DatResult r;
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
    /* va with RFX 0, RSX 512 (top 1), RTX 1024 (top 2), SX 1536 (top 3):
     * 512<<42 | 1024<<31 | 1536<<20 = 0x0008000000000000 | 0x0000020000000000 |
     * 0x0000000060000000 */
    const uint64_t va = 0x0008020060000000ULL;
    tenv_map(e, asce, va, 0x20000, 0);
    CHECK_EQ(xl(e, asce, va, &r), 0);
    CHECK_EQ(r.frame, 0x20000);

    /* region-first entry: next index (RSX) top = 1 */
    tenv_entry_andnot(e, asce, va, LVL_REGION1, REGION_ENTRY_TL);
    CHECK_EQ(xl(e, asce, va, &r), PGM_REG_SECOND_TRANS);          /* TL 0 < 1 */
    tenv_entry_or(e, asce, va, LVL_REGION1, 1);
    CHECK_EQ(xl(e, asce, va, &r), 0);                             /* TL 1 */
    tenv_entry_or(e, asce, va, LVL_REGION1, 0x40);
    CHECK_EQ(xl(e, asce, va, &r), 0);                             /* TF 1 <= 1 */
    tenv_entry_andnot(e, asce, va, LVL_REGION1, 0xC0);
    tenv_entry_or(e, asce, va, LVL_REGION1, 0x80 | 3);
    CHECK_EQ(xl(e, asce, va, &r), PGM_REG_SECOND_TRANS);          /* TF 2 > 1 */
    tenv_entry_andnot(e, asce, va, LVL_REGION1, 0xC0);

    /* region-second entry: next index (RTX) top = 2 */
    tenv_entry_andnot(e, asce, va, LVL_REGION2, REGION_ENTRY_TL);
    tenv_entry_or(e, asce, va, LVL_REGION2, 1);
    CHECK_EQ(xl(e, asce, va, &r), PGM_REG_THIRD_TRANS);           /* TL 1 < 2 */
    tenv_entry_or(e, asce, va, LVL_REGION2, 3 | 0xC0);
    CHECK_EQ(xl(e, asce, va, &r), PGM_REG_THIRD_TRANS);           /* TF 3 > 2 */
    tenv_entry_andnot(e, asce, va, LVL_REGION2, 0x40);
    CHECK_EQ(xl(e, asce, va, &r), 0);                             /* TF 2 */
    tenv_entry_andnot(e, asce, va, LVL_REGION2, 0xC0);

    /* region-third entry: next index (SX) top = 3 */
    tenv_entry_andnot(e, asce, va, LVL_REGION3, REGION_ENTRY_TL);
    tenv_entry_or(e, asce, va, LVL_REGION3, 2);
    CHECK_EQ(xl(e, asce, va, &r), PGM_SEGMENT_TRANS);             /* TL 2 < 3 */
    tenv_entry_or(e, asce, va, LVL_REGION3, 3 | 0xC0);
    CHECK_EQ(xl(e, asce, va, &r), 0);                             /* TF 3, TL 3 */
    CHECK_EQ(r.frame, 0x20000);
    /* and the same entry rejects an SX with top 0 (TF 3 > 0) */
    tenv_map(e, asce, va & ~0x60000000ULL, 0x21000, 0);  /* SX 0: same R3 entry */
    CHECK_EQ(xl(e, asce, va & ~0x60000000ULL, &r), PGM_SEGMENT_TRANS);
    tenv_free(e);
}

/* ---- invalid bit at every level ---- */

TEST(dat_invalid_entry_at_each_level)
{
    static const struct { int lvl; uint64_t bit; uint16_t code; } t[] = {
        { LVL_REGION1, REGION_ENTRY_I, PGM_REG_FIRST_TRANS },
        { LVL_REGION2, REGION_ENTRY_I, PGM_REG_SECOND_TRANS },
        { LVL_REGION3, REGION_ENTRY_I, PGM_REG_THIRD_TRANS },
        { LVL_SEGMENT, SEGMENT_ENTRY_I, PGM_SEGMENT_TRANS },
        { LVL_PAGE, PAGE_ENTRY_I, PGM_PAGE_TRANS },
    };
    for (unsigned i = 0; i < 5; i++) {
        uint64_t asce;
        TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
        DatResult r;
        tenv_map(e, asce, VA_R1, 0x30000, 0);
        CHECK_EQ(xl(e, asce, VA_R1, &r), 0);
        tenv_entry_or(e, asce, VA_R1, t[i].lvl, t[i].bit);
        CHECK_EQ(xl(e, asce, VA_R1, &r), t[i].code);
        /* the builder sees the same hole */
        CHECK_EQ(tenv_v2abs(e, asce, VA_R1), ~0ULL);
        tenv_entry_andnot(e, asce, VA_R1, t[i].lvl, t[i].bit);
        CHECK_EQ(xl(e, asce, VA_R1, &r), 0);
        tenv_free(e);
    }
    /* fresh tables hold invalid entries of the right type */
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
    DatResult r;
    CHECK_EQ(xl(e, asce, VA_R1, &r), PGM_REG_FIRST_TRANS);
    tenv_map(e, asce, 0, 0x30000, 0);      /* RFX 0: only table 0 paths exist */
    CHECK_EQ(xl(e, asce, 1ULL << 42, &r), PGM_REG_SECOND_TRANS);   /* RSX 1 */
    CHECK_EQ(xl(e, asce, 1ULL << 31, &r), PGM_REG_THIRD_TRANS);    /* RTX 1 */
    CHECK_EQ(xl(e, asce, 1ULL << 20, &r), PGM_SEGMENT_TRANS);      /* SX 1 */
    CHECK_EQ(xl(e, asce, 1ULL << 12, &r), PGM_PAGE_TRANS);         /* PX 1 */
    tenv_free(e);
}

/* ---- table type mismatch ---- */

TEST(dat_table_type_mismatch_is_translation_spec)
{
    static const struct { int lvl; uint64_t tt; } t[] = {
        { LVL_REGION1, TT_REGION2 }, { LVL_REGION1, TT_SEGMENT },
        { LVL_REGION2, TT_REGION1 }, { LVL_REGION2, TT_REGION3 },
        { LVL_REGION3, TT_SEGMENT }, { LVL_REGION3, TT_REGION1 },
        { LVL_SEGMENT, TT_REGION3 }, { LVL_SEGMENT, TT_REGION1 },
    };
    for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        uint64_t asce;
        TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
        DatResult r;
        tenv_map(e, asce, VA_R1, 0x30000, 0);
        tenv_entry_andnot(e, asce, VA_R1, t[i].lvl, 0xC);
        tenv_entry_or(e, asce, VA_R1, t[i].lvl, t[i].tt);
        CHECK_EQ(xl(e, asce, VA_R1, &r), PGM_TRANS_SPEC);
        /* an invalid entry is reported as invalid before its type is looked at */
        tenv_entry_or(e, asce, VA_R1, t[i].lvl, REGION_ENTRY_I);
        CHECK_EQ(xl(e, asce, VA_R1, &r), t[i].lvl == LVL_REGION1   ? PGM_REG_FIRST_TRANS
                                         : t[i].lvl == LVL_REGION2 ? PGM_REG_SECOND_TRANS
                                         : t[i].lvl == LVL_REGION3 ? PGM_REG_THIRD_TRANS
                                                                   : PGM_SEGMENT_TRANS);
        tenv_free(e);
    }
    /* ASCE DT says region-second, table is a region-first table */
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
    DatResult r;
    tenv_map(e, asce, 0x1000, 0x30000, 0);
    uint64_t as2 = (asce & ~ASCE_TYPE_MASK) | ASCE_TYPE_REGION2;
    CHECK_EQ(xl(e, as2, 0x1000, &r), PGM_TRANS_SPEC);
    tenv_free(e);
}

/* ---- private space ---- */

TEST(dat_private_space_and_common_segment)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION3, &asce);
    DatResult r;
    tenv_map(e, asce, VA_R3, 0x40000, 0);
    CHECK_EQ(xl(e, asce | ASCE_PRIVATE, VA_R3, &r), 0);          /* P alone: fine */
    tenv_entry_or(e, asce, VA_R3, LVL_SEGMENT, SEGMENT_ENTRY_CS);
    CHECK_EQ(xl(e, asce, VA_R3, &r), 0);                         /* CS alone: fine */
    CHECK_EQ(r.frame, 0x40000);
    CHECK_EQ(xl(e, asce | ASCE_PRIVATE, VA_R3, &r), PGM_TRANS_SPEC);
    /* page invalid too: the segment entry's rule comes first */
    tenv_entry_or(e, asce, VA_R3, LVL_PAGE, PAGE_ENTRY_I);
    CHECK_EQ(xl(e, asce | ASCE_PRIVATE, VA_R3, &r), PGM_TRANS_SPEC);
    tenv_free(e);
}

TEST(dat_private_space_and_common_region_needs_edat2)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION2, &asce);
    DatResult r;
    tenv_map(e, asce, VA_R2, 0x40000, 0);
    tenv_entry_or(e, asce, VA_R2, LVL_REGION3, REGION_ENTRY_CR);
    /* EDAT-1 off: CR is not defined, ignored */
    CHECK_EQ(xl(e, asce | ASCE_PRIVATE, VA_R2, &r), 0);
    /* EDAT-1 on, facility 78 (EDAT-2) installed: CR with P -> 0x12 */
    e->cpu.cr[0] |= CR0_EDAT;
    CHECK_EQ(xl(e, asce | ASCE_PRIVATE, VA_R2, &r), PGM_TRANS_SPEC);
    CHECK_EQ(xl(e, asce, VA_R2, &r), 0);
    /* without facility 78 the bit is ignored again */
    facility_set(&e->m, 78, false);
    CHECK_EQ(xl(e, asce | ASCE_PRIVATE, VA_R2, &r), 0);
    tenv_free(e);
}

/* ---- page-table entry bit 52 ---- */

TEST(dat_pte_bit52_is_translation_spec)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_SEGMENT, &asce);
    DatResult r;
    tenv_map(e, asce, VA_SG, 0x40000, PAGE_ENTRY_0);
    CHECK_EQ(xl(e, asce, VA_SG, &r), PGM_TRANS_SPEC);
    /* an invalid PTE is a page-translation exception whatever bit 52 says */
    tenv_entry_or(e, asce, VA_SG, LVL_PAGE, PAGE_ENTRY_I);
    CHECK_EQ(xl(e, asce, VA_SG, &r), PGM_PAGE_TRANS);
    /* software bits 56-63 are free */
    tenv_map(e, asce, VA_SG, 0x40000, 0xFF);
    CHECK_EQ(xl(e, asce, VA_SG, &r), 0);
    CHECK_EQ(r.frame, 0x40000);
    tenv_free(e);
}

/* ---- table entries outside installed storage ---- */

TEST(dat_table_outside_storage_is_addressing)
{
    DatResult r;
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
    tenv_map(e, asce, VA_R1, 0x40000, 0);
    /* ASCE origin beyond 16 MiB */
    CHECK_EQ(xl(e, (asce & 0xFFF) | 0x40000000ULL, VA_R1, &r), PGM_ADDRESSING);
    /* each level's entry pointing to a next table beyond storage: the walk
     * fails when it fetches from that table */
    static const int lvls[] = { LVL_REGION1, LVL_REGION2, LVL_REGION3, LVL_SEGMENT };
    for (unsigned i = 0; i < 4; i++) {
        uint64_t ea = tenv_entry_addr(e, asce, VA_R1, lvls[i]);
        uint8_t save[8];
        memcpy(save, tenv_abs(e, ea), 8);
        uint64_t ent = storage_read_u64(&e->m.storage, ea);
        uint64_t omask = lvls[i] == LVL_SEGMENT ? SEGMENT_ENTRY_ORIGIN : REGION_ENTRY_ORIGIN;
        storage_write_u64(&e->m.storage, ea, (ent & ~omask) | 0x80000000ULL);
        CHECK_EQ(xl(e, asce, VA_R1, &r), PGM_ADDRESSING);
        /* invalid entries are not followed */
        storage_write_u64(&e->m.storage, ea, (ent & ~omask) | 0x80000000ULL | 0x20);
        CHECK_EQ(xl(e, asce, VA_R1, &r), lvls[i] == LVL_REGION1   ? PGM_REG_FIRST_TRANS
                                         : lvls[i] == LVL_REGION2 ? PGM_REG_SECOND_TRANS
                                         : lvls[i] == LVL_REGION3 ? PGM_REG_THIRD_TRANS
                                                                  : PGM_SEGMENT_TRANS);
        memcpy(tenv_abs(e, ea), save, 8);
    }
    CHECK_EQ(xl(e, asce, VA_R1, &r), 0);
    /* a table straddling the end of storage: entries below the end work */
    TestEnv *e2 = tenv_new(RAM);
    /* segment table at RAM - 4 KiB (TL 0: 512 entries = 4 KiB fits); with
     * TL 3 an SX of 512+ reads beyond the end */
    uint64_t so = RAM - 4096;
    storage_write_u64(&e2->m.storage, so + 5 * 8, SEGMENT_ENTRY_I);
    CHECK_EQ(xl(e2, so | 3, 5ULL << 20, &r), PGM_SEGMENT_TRANS);
    CHECK_EQ(xl(e2, so | 3, 600ULL << 20, &r), PGM_ADDRESSING);
    tenv_free(e2);
    tenv_free(e);
}

/* ---- EDAT-1 1 MiB and EDAT-2 2 GiB frames ---- */

TEST(dat_edat1_segment_frames)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION3, &asce);
    DatResult r;
    /* va 0x12345678 -> segment 0x12300000 (SX 0x123), byte 0x45678 of the
     * 1 MiB frame at 0x300000: page frame 0x345000, absolute */
    tenv_map_large1m(e, asce, 0x12345678, 0x300000, 0);
    e->cpu.cr[0] |= CR0_EDAT;
    CHECK_EQ(xl(e, asce, 0x12345678, &r), 0);
    CHECK_EQ(r.frame, 0x345000);
    CHECK(r.frame_is_abs);
    CHECK(!r.prot && !r.iep);
    CHECK_EQ(tenv_v2abs(e, asce, 0x12345678), 0x345678);
    CHECK_EQ(xl(e, asce, 0x123FF000, &r), 0);
    CHECK_EQ(r.frame, 0x3FF000);

    /* EDAT-1 off (CR0 bit 40 = 0): FC is not looked at, the entry's origin
     * 0x300000 is taken as a page-table origin: PTE for PX 0x45 at
     * 0x300000 + 0x45 * 8 = 0x300228 */
    storage_write_u64(&e->m.storage, 0x300228, 0x777000);
    e->cpu.cr[0] &= ~CR0_EDAT;
    CHECK_EQ(xl(e, asce, 0x12345678, &r), 0);
    CHECK_EQ(r.frame, 0x777000);
    CHECK(!r.frame_is_abs);
    storage_write_u64(&e->m.storage, 0x300228, PAGE_ENTRY_I);
    CHECK_EQ(xl(e, asce, 0x12345678, &r), PGM_PAGE_TRANS);
    /* CR0 bit on but facility 8 absent: the same */
    e->cpu.cr[0] |= CR0_EDAT;
    facility_set(&e->m, 8, false);
    CHECK_EQ(xl(e, asce, 0x12345678, &r), PGM_PAGE_TRANS);
    facility_set(&e->m, 8, true);
    CHECK_EQ(xl(e, asce, 0x12345678, &r), 0);
    CHECK_EQ(r.frame, 0x345000);
    tenv_free(e);
}

TEST(dat_edat2_region_third_frames)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
    DatResult r;
    /* va 0x1_2345_6789 = RTX 2 (2 GiB unit 0x1_0000_0000), byte 0x2345_6789
     * of the 2 GiB frame at absolute 0x80000000 (the frame itself need not
     * be in storage: translation does not touch it) -> page 0xA3456000 */
    const uint64_t va = 0x123456789ULL;
    tenv_map_large2g(e, asce, va, 0x80000000ULL, 0);
    e->cpu.cr[0] |= CR0_EDAT;
    CHECK_EQ(xl(e, asce, va, &r), 0);
    CHECK_EQ(r.frame, 0xA3456000ULL);
    CHECK(r.frame_is_abs);
    CHECK(!r.prot);
    CHECK_EQ(tenv_v2abs(e, asce, va), 0xA3456789ULL);

    /* without EDAT-2 the entry is a region-third entry designating a
     * segment table at 0x80000000 (TF 0, TL 0; SX of va = 0x234 has top 1)
     * -> the SX is beyond TL 0: segment-translation exception */
    facility_set(&e->m, 78, false);
    CHECK_EQ(xl(e, asce, va, &r), PGM_SEGMENT_TRANS);
    /* an SX with top 0 (va 0x1_0010_0000, SX 1) reads the segment table at
     * 0x80000008, outside the 16 MiB: addressing */
    CHECK_EQ(xl(e, asce, 0x100100000ULL, &r), PGM_ADDRESSING);
    facility_set(&e->m, 78, true);
    CHECK_EQ(xl(e, asce, 0x100100000ULL, &r), 0);
    CHECK_EQ(r.frame, 0x80100000ULL);
    /* EDAT-2 has no CR0 bit: it needs EDAT-1 enabled */
    e->cpu.cr[0] &= ~CR0_EDAT;
    CHECK_EQ(xl(e, asce, 0x100100000ULL, &r), PGM_ADDRESSING);
    tenv_free(e);
}

/* ---- DAT protection at each level ---- */

TEST(dat_protection_accumulates)
{
    static const struct { int lvl; bool needs_edat1; } t[] = {
        { LVL_REGION1, true }, { LVL_REGION2, true }, { LVL_REGION3, true },
        { LVL_SEGMENT, false }, { LVL_PAGE, false },
    };
    for (unsigned i = 0; i < 5; i++) {
        for (int edat = 0; edat < 2; edat++) {
            uint64_t asce;
            TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
            DatResult r;
            tenv_map(e, asce, VA_R1, 0x50000, 0);
            tenv_map(e, asce, VA_R1 + 0x1000, 0x51000, 0);
            if (edat)
                e->cpu.cr[0] |= CR0_EDAT;
            /* P is bit 54 (0x200) in every entry format */
            tenv_entry_or(e, asce, VA_R1, t[i].lvl, 0x200);
            CHECK_EQ(xl(e, asce, VA_R1, &r), 0);
            CHECK_EQ(r.frame, 0x50000);
            CHECK_EQ(r.prot, !t[i].needs_edat1 || edat);
            /* the neighbour page shares the upper entries, not the PTE */
            CHECK_EQ(xl(e, asce, VA_R1 + 0x1000, &r), 0);
            CHECK_EQ(r.prot, t[i].lvl != LVL_PAGE && (!t[i].needs_edat1 || edat));
            tenv_free(e);
        }
    }
    /* large frames: the P of the frame entry itself */
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION3, &asce);
    DatResult r;
    e->cpu.cr[0] |= CR0_EDAT;
    tenv_map_large1m(e, asce, 0x100000, 0x100000, SEGMENT_ENTRY_P);
    tenv_map_large2g(e, asce, 0x80000000ULL, 0x0, REGION_ENTRY_P);
    CHECK_EQ(xl(e, asce, 0x100000, &r), 0);
    CHECK(r.prot);
    CHECK_EQ(xl(e, asce, 0x80001000ULL, &r), 0);
    CHECK_EQ(r.frame, 0x1000);
    CHECK(r.frame_is_abs);
    CHECK(r.prot);
    tenv_free(e);
}

/* ---- instruction-execution protection ---- */

TEST(dat_iep_needs_facility_and_cr0)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_SEGMENT, &asce);
    DatResult r;
    tenv_map(e, asce, 0x5000, 0x60000, PAGE_ENTRY_IEP);
    tenv_map(e, asce, 0x6000, 0x61000, 0);
    tenv_map_large1m(e, asce, 0x200000, 0x200000, SEGMENT_ENTRY_IEP);
    e->cpu.cr[0] |= CR0_EDAT;
    /* facility 130 is not installed by default */
    e->cpu.cr[0] |= CR0_IEP;
    CHECK_EQ(xl(e, asce, 0x5000, &r), 0);
    CHECK(!r.iep);
    facility_set(&e->m, 130, true);
    CHECK_EQ(xl(e, asce, 0x5000, &r), 0);
    CHECK(r.iep);
    CHECK(!r.prot);
    CHECK_EQ(xl(e, asce, 0x6000, &r), 0);
    CHECK(!r.iep);
    CHECK_EQ(xl(e, asce, 0x2AB000, &r), 0);
    CHECK_EQ(r.frame, 0x2AB000);
    CHECK(r.iep);
    e->cpu.cr[0] &= ~CR0_IEP;
    CHECK_EQ(xl(e, asce, 0x5000, &r), 0);
    CHECK(!r.iep);
    CHECK_EQ(xl(e, asce, 0x2AB000, &r), 0);
    CHECK(!r.iep);
    tenv_free(e);

    /* 2 GiB frame IEP (bit 55) */
    e = env_asce(ASCE_TYPE_REGION3, &asce);
    facility_set(&e->m, 130, true);
    e->cpu.cr[0] |= CR0_EDAT | CR0_IEP;
    tenv_map_large2g(e, asce, 0, 0, REGION3_ENTRY_IEP);
    CHECK_EQ(xl(e, asce, 0x7FFFF000, &r), 0);
    CHECK_EQ(r.frame, 0x7FFFF000);
    CHECK(r.iep);
    tenv_free(e);
}

/* ---- statistics ---- */

TEST(dat_walks_counted_once_per_call)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
    DatResult r;
    tenv_map(e, asce, VA_R1, 0x50000, 0);
    uint64_t n0 = e->cpu.dat_walks;
    xl(e, asce, VA_R1, &r);                                 /* success */
    CHECK_EQ(e->cpu.dat_walks, n0 + 1);
    xl(e, asce, VA_R1 + 0x1000, &r);                        /* page exception */
    CHECK_EQ(e->cpu.dat_walks, n0 + 2);
    xl(e, asce | ASCE_REAL, 0x1000, &r);                    /* real space */
    CHECK_EQ(e->cpu.dat_walks, n0 + 3);
    xl(e, (asce & ~ASCE_TYPE_MASK), 1ULL << 40, &r);        /* ASCE type */
    CHECK_EQ(e->cpu.dat_walks, n0 + 4);
    tenv_free(e);
}

/* ---- the builder itself ---- */

TEST(tenv_builder_tables_and_prefixing)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
    /* the first table is allocated just below the end of RAM: 16 KiB */
    CHECK_EQ(asce, (RAM - 0x4000) | ASCE_TYPE_REGION1 | 3);
    CHECK(e->table_next == RAM - 0x4000);
    /* fresh entries: I | TT 11 */
    CHECK_EQ(storage_read_u64(&e->m.storage, RAM - 0x4000 + 8 * 100), 0x20 | 0xC);
    tenv_map(e, asce, VA_R1, 0x1000, 0);
    /* R1 entry (RFX 3) -> next table (16 KiB lower), TT 11, TL 3, TF 0 */
    uint64_t r1e = storage_read_u64(&e->m.storage, tenv_entry_addr(e, asce, VA_R1, LVL_REGION1));
    CHECK_EQ(tenv_entry_addr(e, asce, VA_R1, LVL_REGION1), RAM - 0x4000 + 3 * 8);
    CHECK_EQ(r1e, (RAM - 0x8000) | 0xC | 3);
    CHECK_EQ(tenv_entry_addr(e, asce, VA_R1, LVL_REGION2), RAM - 0x8000 + 5 * 8);
    /* page table: 2 KiB below the segment table (RAM - 0x10000) */
    CHECK_EQ(tenv_entry_addr(e, asce, VA_R1, LVL_PAGE), RAM - 0x10000 - 0x800 + 0xB * 8);
    CHECK_EQ(storage_read_u64(&e->m.storage, RAM - 0x10000 - 0x800), PAGE_ENTRY_I);
    /* no table on an unmapped path */
    CHECK_EQ(tenv_entry_addr(e, asce, 1ULL << 53, LVL_REGION2), 0);
    CHECK_EQ(tenv_v2abs(e, asce, 1ULL << 53), ~0ULL);

    /* prefixing of PTE frames: real 0x1000 -> absolute prefix + 0x1000, and
     * real prefix + 0x1000 -> absolute 0x1000 */
    e->cpu.prefix = 0x20000;
    CHECK_EQ(tenv_v2abs(e, asce, VA_R1), 0x21ABC);
    tenv_map(e, asce, VA_R1 + 0x1000, 0x21000, 0);
    CHECK_EQ(tenv_v2abs(e, asce, VA_R1 + 0x1000), 0x1ABC);
    uint8_t buf[16] = "0123456789abcdef", got[16];
    const uint64_t vx = (VA_R1 & ~0xFFFULL) + 0xFF8;   /* crosses into the next page */
    tenv_vwrite(e, asce, vx, buf, 16);
    CHECK_MEM(tenv_abs(e, 0x21FF8), buf, 8);
    CHECK_MEM(tenv_abs(e, 0x1000), buf + 8, 8);
    tenv_vread(e, asce, vx, got, 16);
    CHECK_MEM(got, buf, 16);
    /* large frames are absolute: no prefixing */
    tenv_map_large1m(e, asce, 0, 0, 0);
    CHECK_EQ(tenv_v2abs(e, asce, 0x1234), 0x1234);
    /* tenv_dat_on loads CR1 and sets PSW bit 5 */
    tenv_dat_on(e, asce);
    CHECK_EQ(e->cpu.cr[1], asce);
    CHECK(e->cpu.psw_mask & PSW_MASK_DAT);
    CHECK_EQ(e->cpu.psw_mask & (PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_KEY | PSW_MASK_PSTATE),
             PSW_MASK_EA | PSW_MASK_BA);
    tenv_free(e);
}

/* ---- dat_translate agrees with the builder on random mappings ---- */

TEST(dat_random_mappings_agree_with_builder)
{
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_REGION1, &asce);
    uint64_t va[64], fr[64];
    for (int i = 0; i < 64; i++) {
        /* a few distinct upper paths so tables stay within the quarter */
        uint64_t hi = (test_rand(&seed) & 3) << 53 | (test_rand(&seed) & 3) << 42 |
                      (test_rand(&seed) & 3) << 31;
        va[i] = hi | (test_rand(&seed) & 0x7FFFF000ULL);
        fr[i] = 0x2000 + (uint64_t)i * 0x1000;
        tenv_map(e, asce, va[i], fr[i], 0);
    }
    int ok = 0;
    for (int i = 0; i < 64; i++) {
        DatResult r;
        int rc = xl(e, asce, va[i] | 0x123, &r);
        uint64_t want = tenv_v2abs(e, asce, va[i] | 0x123);
        /* a later mapping of the same page wins in both */
        if (rc == 0 && r.frame + 0x123 == want)
            ok++;
    }
    CHECK_EQ(ok, 64);
    tenv_free(e);
}

/* ---- the fault-matrix driver with a tiny MVC-like handler ---- */

static int mvc_like(CPUState *cpu, const Insn *in)
{
    StorageAccess s1, s2;
    uint32_t len = in->l1 + 1u;
    uint64_t a1 = insn_ea(cpu, 0, in->b1, in->d1), a2 = insn_ea(cpu, 0, in->b2, in->d2);
    int rc = access_prepare_op(cpu, &s2, a2, len, ACC_FETCH, in->b2);
    if (rc)
        return insn_access_result(rc);
    rc = access_prepare_op(cpu, &s1, a1, len, ACC_STORE, in->b1);
    if (rc)
        return insn_access_result(rc);
    access_move(cpu, &s1, 0, &s2, 0, len);
    access_commit(cpu, &s1);
    return 0;
}

static int xc_like(CPUState *cpu, const Insn *in)
{
    StorageAccess s1, s2;
    uint32_t len = in->l1 + 1u;
    uint64_t a1 = insn_ea(cpu, 0, in->b1, in->d1), a2 = insn_ea(cpu, 0, in->b2, in->d2);
    int rc = access_prepare_op(cpu, &s2, a2, len, ACC_FETCH, in->b2);
    if (rc)
        return insn_access_result(rc);
    rc = access_prepare_op(cpu, &s1, a1, len, ACC_UPDATE, in->b1);
    if (rc)
        return insn_access_result(rc);
    for (uint32_t i = 0; i < len; i++)
        access_put_byte(cpu, &s1, i,
                        access_get_byte(cpu, &s1, i) ^ access_get_byte(cpu, &s2, i));
    access_commit(cpu, &s1);
    return 0;
}

typedef struct FmCtx {
    uint8_t op1[256], op2[256];
    int fault_free_checked, cases;
} FmCtx;

static void fm_setup(FmCase *c)
{
    FmCtx *x = c->ctx;
    CPUState *cpu = &c->env->cpu;
    cpu->gr[1] = c->va[0];
    cpu->gr[2] = c->va[1];
    fm_read(c, c->va[0], x->op1, 256);
    fm_read(c, c->va[1], x->op2, 256);
}

static void fm_check_mvc(FmCase *c)
{
    FmCtx *x = c->ctx;
    uint8_t now1[256], now2[256];
    fm_read(c, c->va[0], now1, 256);
    fm_read(c, c->va[1], now2, 256);
    x->cases++;
    CHECK_MEM(now2, x->op2, 256);
    if (c->kind == FK_COUNT) {
        CHECK_EQ(c->rc, 0);
        CHECK_MEM(now1, x->op2, 256);
        x->fault_free_checked++;
    } else {
        CHECK_MEM(now1, x->op1, 256);
    }
}

static void fm_check_xc(FmCase *c)
{
    FmCtx *x = c->ctx;
    uint8_t now1[256], want[256];
    fm_read(c, c->va[0], now1, 256);
    x->cases++;
    for (int i = 0; i < 256; i++)
        want[i] = c->kind == FK_COUNT ? x->op1[i] ^ x->op2[i] : x->op1[i];
    CHECK_MEM(now1, want, 256);
    if (c->kind == FK_COUNT)
        x->fault_free_checked++;
}

TEST(faultmatrix_mvc_like_crossing_both_operands)
{
    FmCtx x = { 0 };
    FmScenario s = {
        .name = "mvc-like",
        .nops = 2,
        /* op1 store at page offset 4000, op2 fetch at 3990: both cross */
        .ops = { { 4000, 256, ACC_STORE }, { 3990, 256, ACC_FETCH } },
        .handler = mvc_like,
        .insn = { .ilen = 6, .l1 = 255, .b1 = 1, .b2 = 2 },
        .setup = fm_setup,
        .check = fm_check_mvc,
        .flags = FM_NOTHING_STORED,
        .ctx = &x,
    };
    /* cases: 1 fault-free; store operand page 0: 5 translation + DAT + key +
     * addressing = 8 (no LAP: offset 4000 >= 512); page 1: 9 (LAP on logical
     * page 1); fetch operand 2 pages x (5 + fetch-protection + addressing) =
     * 14; total 32 */
    CHECK_EQ(fm_run(&s), 32);
    CHECK_EQ(x.cases, 32);
    CHECK_EQ(x.fault_free_checked, 1);
}

TEST(faultmatrix_xc_like_update_operand)
{
    FmCtx x = { 0 };
    FmScenario s = {
        .name = "xc-like",
        .nops = 2,
        /* op1 update at offset 100 (one page, reaches 0..511 for LAP);
         * op2 fetch at 4095 (crosses after its first byte) */
        .ops = { { 100, 256, ACC_UPDATE }, { 4095, 256, ACC_FETCH } },
        .handler = xc_like,
        .insn = { .ilen = 6, .l1 = 255, .b1 = 1, .b2 = 2 },
        .setup = fm_setup,
        .check = fm_check_xc,
        .flags = FM_NOTHING_STORED,
        .ctx = &x,
    };
    /* 1 + op1 (one page: 5 + DAT + key + fetch + LAP + addressing = 10) +
     * op2 (2 x 7 = 14) = 25 */
    CHECK_EQ(fm_run(&s), 25);
    CHECK_EQ(x.cases, 25);
    CHECK_EQ(x.fault_free_checked, 1);
}

/* ---- tables in an I/O region (the byte-wise entry path) ---- */

static uint8_t io_pte_read(void *opaque, uint64_t off)
{
    int *reads = opaque;
    (*reads)++;
    /* every doubleword of the region reads as the PTE 0x0000000000456000 */
    static const uint8_t pte[8] = { 0, 0, 0, 0, 0, 0x45, 0x60, 0 };
    return pte[off & 7];
}

TEST(dat_page_table_in_io_region)
{
    uint64_t asce;
    TestEnv *e = env_asce(ASCE_TYPE_SEGMENT, &asce);
    int reads = 0;
    CHECK_EQ(storage_add_io(&e->m.storage, 0x2000000, 0x1000, io_pte_read, NULL, &reads), 0);
    tenv_map(e, asce, 0x1000, 0x9000, 0);
    /* RAM tables still translate with an I/O region installed */
    DatResult r;
    CHECK_EQ(xl(e, asce, 0x1000, &r), 0);
    CHECK_EQ(r.frame, 0x9000);
    /* segment entry -> page table at 0x2000000 (in the region): the PTE is
     * read through the callback, 8 bytes */
    tenv_entry_andnot(e, asce, 0x1000, LVL_SEGMENT, SEGMENT_ENTRY_ORIGIN);
    tenv_entry_or(e, asce, 0x1000, LVL_SEGMENT, 0x2000000);
    reads = 0;
    CHECK_EQ(xl(e, asce, 0x1000, &r), 0);
    CHECK_EQ(r.frame, 0x456000);
    CHECK_EQ(reads, 8);
    /* just past the region: addressing */
    tenv_entry_andnot(e, asce, 0x1000, LVL_SEGMENT, SEGMENT_ENTRY_ORIGIN);
    tenv_entry_or(e, asce, 0x1000, LVL_SEGMENT, 0x2000800);
    CHECK_EQ(xl(e, asce, 0x1000, &r), 0);   /* 0x2000808: still inside (4 KiB) */
    tenv_entry_andnot(e, asce, 0x1000, LVL_SEGMENT, SEGMENT_ENTRY_ORIGIN);
    tenv_entry_or(e, asce, 0x1000, LVL_SEGMENT, 0x2001000);
    CHECK_EQ(xl(e, asce, 0x1000, &r), PGM_ADDRESSING);
    tenv_free(e);
}
