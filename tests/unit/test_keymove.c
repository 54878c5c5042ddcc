/* Key and cross-space moves (src/insn/keymove.c): MVCK, MVCP, MVCS, MVCSK,
 * MVCDK, MVCOS.  MVPG has its own file (test_mvpg.c).
 *
 * Expectations come from ZARCH-NOTES §6.2 (key-controlled protection),
 * §6.5 (protection TEID: ESOP-2 type 010 for key, fetch/store indication,
 * ASCE id in bits 62-63), §7.8-7.9 (the instructions) and §9.1 (CR0 bit
 * 37, CR3 PSW-key mask bits 32-47). */
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "faultmatrix.h"
#include "test.h"
#include "testenv.h"

#define RAM (16ULL << 20)

/* DAT-on layout used by most tests: VA 0x100000-0x11FFFF maps in the
 * primary space to real 0x100000.. (identity), in the secondary space to
 * real 0x200000.. (so a test can tell the spaces apart). */
#define VA0      0x100000ULL
#define NPAGES   32
#define SEC_REAL 0x200000ULL

static TestEnv *dat_env(uint64_t *asce, uint64_t *sasce)
{
    TestEnv *e = tenv_new(RAM);
    *asce = tenv_asce_new(e, ASCE_TYPE_REGION3);
    tenv_map_range(e, *asce, VA0, VA0, NPAGES * PAGE_SIZE, 0);
    *sasce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, *sasce, VA0, SEC_REAL, NPAGES * PAGE_SIZE, 0);
    tenv_dat_on(e, *asce);
    e->cpu.cr[7] = *sasce;
    e->cpu.cr[0] |= CR0_SEC_SPACE;
    return e;
}

static void set_psw_key(CPUState *cpu, uint8_t key)
{
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_KEY) | ((uint64_t)key << PSW_SHIFT_KEY);
}

static Insn ssd(uint16_t op, int r1, int r3, int b1, int d1, int b2, int d2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.row = decode_row_of_opcode(op);
    in.ilen = 6;
    in.r1 = (uint8_t)r1, in.r3 = (uint8_t)r3;
    in.b1 = (uint8_t)b1, in.d1 = d1, in.b2 = (uint8_t)b2, in.d2 = d2;
    return in;
}

static Insn sse(uint16_t op, int b1, int d1, int b2, int d2)
{
    return ssd(op, 0, 0, b1, d1, b2, d2);
}

static void fill(uint8_t *p, unsigned n, uint8_t seed)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + i * 7);
}

static bool all_eq(const uint8_t *p, unsigned n, uint8_t v)
{
    for (unsigned i = 0; i < n; i++)
        if (p[i] != v)
            return false;
    return true;
}

/* ---------------------------------------------------------------------- */
/* MVCK */

TEST(mvck_moves_with_r3_key_for_source)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *src = tenv_abs(e, 0x30000), *dst = tenv_abs(e, 0x40000);
    fill(src, 512, 1);
    memset(dst, 0xEE, 512);
    /* source frame: ACC 3, fetch-protected; destination: ACC 5 */
    storage_set_key(&e->m.storage, 0x30000, 0x38);
    storage_set_key(&e->m.storage, 0x40000, 0x50);
    set_psw_key(cpu, 5);
    cpu->gr[2] = 0x40000, cpu->gr[3] = 0x30000;
    cpu->gr[4] = 10;                 /* true length */
    cpu->gr[6] = 0xFFFFFF30;         /* key 3 in bits 56-59, other bits ignored */
    Insn in = ssd(0xD9, 4, 6, 2, 0x10, 3, 0x20);
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(dst + 0x10, src + 0x20, 10);
    CHECK_EQ(dst[0x1A], 0xEE);
    CHECK_EQ(dst[0x0F], 0xEE);
    CHECK_EQ(cpu->gr[4], 10);
    CHECK(storage_key(&e->m.storage, 0x40000) & SKEY_C);
    tenv_free(e);
}

TEST(mvck_length_rules)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *src = tenv_abs(e, 0x30000), *dst = tenv_abs(e, 0x40000);
    fill(src, 512, 3);
    memset(dst, 0xEE, 512);
    cpu->gr[2] = 0x40000, cpu->gr[3] = 0x30000;
    cpu->gr[6] = 0;
    /* > 256: CC3, exactly 256 bytes, R1 unchanged */
    cpu->gr[4] = 300;
    Insn in = ssd(0xD9, 4, 6, 2, 0, 3, 0);
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_MEM(dst, src, 256);
    CHECK_EQ(dst[256], 0xEE);
    CHECK_EQ(cpu->gr[4], 300);
    /* exactly 256: CC0 */
    memset(dst, 0xEE, 512);
    cpu->gr[4] = 256;
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(dst, src, 256);
    CHECK_EQ(dst[256], 0xEE);
    /* 64-bit mode: all 64 bits count (2^32 + 1 > 256) */
    cpu->gr[4] = 0x100000001ULL;
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    /* 31-bit mode: only bits 32-63 count: length 1 */
    memset(dst, 0xEE, 512);
    cpu->psw_mask &= ~PSW_MASK_EA;
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(dst[0], src[0]);
    CHECK_EQ(dst[1], 0xEE);
    /* zero length: CC0, no access at all (operands outside storage) */
    cpu->gr[4] = 0xFFFFFFFF00000000ULL;
    cpu->gr[2] = 0x7FFFF000, cpu->gr[3] = 0x7FFFF000;
    cpu_set_cc(cpu, 2);
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    /* nonzero length at the same addresses: addressing */
    cpu->gr[4] = 1;
    CHECK_EQ(insn_mvck(cpu, &in), PGM_ADDRESSING);
    tenv_free(e);
}

/* The keyed operand (source) is checked with the R3 key: a mismatch is a
 * fetch-protection exception with the TEID of the source page; the
 * destination is checked with the PSW key, not the R3 key. */
TEST(mvck_key_protection)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    uint8_t *src = tenv_abs(e, VA0 + 0x3000), *dst = tenv_abs(e, VA0 + 0x5000);
    fill(src, 4096, 5);
    memset(dst, 0xEE, 4096);
    storage_set_key(&e->m.storage, VA0 + 0x3000, 0x38);    /* ACC 3 + F */
    storage_set_key(&e->m.storage, VA0 + 0x5000, 0x50);    /* ACC 5 */
    set_psw_key(cpu, 5);
    cpu->gr[2] = VA0 + 0x5000, cpu->gr[3] = VA0 + 0x3000, cpu->gr[4] = 16;

    /* R3 key 4 does not match ACC 3 and the frame is fetch-protected */
    cpu->gr[6] = 0x40;
    Insn in = ssd(0xD9, 4, 6, 2, 0x100, 3, 0x200);
    CHECK_EQ(insn_mvck(cpu, &in), PGM_PROTECTION);
    CHECK(cpu->pgm.teid_valid);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x3000) | TEID_FETCH | TEID_PROT_KEY);
    CHECK(all_eq(dst, 4096, 0xEE));

    /* R3 key 3 matches; PSW key 5 matches the destination */
    cpu->gr[6] = 0x30;
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_MEM(dst + 0x100, src + 0x200, 16);

    /* Destination ACC 6: the PSW key 5 fails even though R3 key 6 would
     * match it: store protection on the destination page. */
    storage_set_key(&e->m.storage, VA0 + 0x5000, 0x60);
    storage_set_key(&e->m.storage, VA0 + 0x3000, 0x60);    /* source: ACC 6, no F */
    cpu_flush_tlb_local(cpu);        /* as SSKE would: cached checks are stale */
    memset(dst, 0xEE, 4096);
    cpu->gr[6] = 0x60;
    CHECK_EQ(insn_mvck(cpu, &in), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x5000) | TEID_STORE | TEID_PROT_KEY);
    CHECK(all_eq(dst, 4096, 0xEE));

    /* ...and a source fetch-protected for the PSW key but not the R3 key
     * is readable: the source never uses the PSW key. */
    storage_set_key(&e->m.storage, VA0 + 0x3000, 0x68);    /* ACC 6 + F */
    storage_set_key(&e->m.storage, VA0 + 0x5000, 0x50);
    cpu_flush_tlb_local(cpu);
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_MEM(dst + 0x100, src + 0x200, 16);
    tenv_free(e);
}

/* In the problem state the R3 key must be permitted by the PSW-key mask
 * (CR3 bit 32 + key): privileged-operation otherwise, nothing moved. */
TEST(mvck_problem_state_key_mask)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *src = tenv_abs(e, 0x30000), *dst = tenv_abs(e, 0x40000);
    fill(src, 64, 9);
    memset(dst, 0xEE, 64);
    storage_set_key(&e->m.storage, 0x30000, 0x30);
    storage_set_key(&e->m.storage, 0x40000, 0x80);
    set_psw_key(cpu, 8);
    cpu->psw_mask |= PSW_MASK_PSTATE;
    cpu->gr[2] = 0x40000, cpu->gr[3] = 0x30000, cpu->gr[4] = 8, cpu->gr[6] = 0x30;
    cpu->cr[3] = BIT64(32 + 8);                        /* only key 8 permitted */
    Insn in = ssd(0xD9, 4, 6, 2, 0, 3, 0);
    CHECK_EQ(insn_mvck(cpu, &in), PGM_PRIVILEGED);
    CHECK(all_eq(dst, 64, 0xEE));
    cpu->cr[3] = BIT64(32 + 8) | BIT64(32 + 3);
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_MEM(dst, src, 8);
    /* the mask is not consulted in the supervisor state */
    cpu->cr[3] = 0;
    cpu->psw_mask &= ~PSW_MASK_PSTATE;
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    tenv_free(e);
}

/* Overlap: left-to-right byte semantics (d = s + 1 replicates). */
TEST(mvck_overlap_left_to_right)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *m = tenv_abs(e, 0x30000);
    fill(m, 64, 0x41);
    uint8_t first = m[0];
    cpu->gr[2] = 0x30001, cpu->gr[3] = 0x30000, cpu->gr[4] = 20, cpu->gr[6] = 0;
    Insn in = ssd(0xD9, 4, 6, 2, 0, 3, 0);
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK(all_eq(m, 21, first));
    tenv_free(e);
}

/* ---------------------------------------------------------------------- */
/* MVCP / MVCS */

TEST(mvcp_mvcs_cross_space)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    /* the same VA, two frames */
    uint8_t *prim = tenv_abs(e, VA0 + 0x2000), *sec = tenv_abs(e, SEC_REAL + 0x2000);
    uint8_t *prim_b = tenv_abs(e, VA0 + 0x4000), *sec_b = tenv_abs(e, SEC_REAL + 0x4000);
    fill(prim, 4096, 0x11);
    fill(sec, 4096, 0x77);
    memset(prim_b, 0xEE, 4096);
    memset(sec_b, 0xDD, 4096);
    cpu->gr[2] = VA0 + 0x4000, cpu->gr[3] = VA0 + 0x2000;
    cpu->gr[4] = 40, cpu->gr[6] = 0;

    /* MVCP: secondary source -> primary destination */
    Insn p = ssd(0xDA, 4, 6, 2, 0x10, 3, 0x20);
    CHECK_EQ(insn_mvcp(cpu, &p), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(prim_b + 0x10, sec + 0x20, 40);
    CHECK(all_eq(sec_b, 4096, 0xDD));

    /* MVCS: primary source -> secondary destination */
    Insn s = ssd(0xDB, 4, 6, 2, 0x100, 3, 0x200);
    CHECK_EQ(insn_mvcs(cpu, &s), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(sec_b + 0x100, prim + 0x200, 40);
    CHECK_EQ(prim_b[0x100], 0xEE);

    /* in the secondary-space mode the "primary" operand is still CR1's */
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_ASC) | (uint64_t)PSW_ASC_SECONDARY << PSW_SHIFT_ASC;
    memset(prim_b, 0xEE, 4096);
    CHECK_EQ(insn_mvcp(cpu, &p), 0);
    CHECK_MEM(prim_b + 0x10, sec + 0x20, 40);

    /* CC3 above 256 bytes, 256 moved, R1 unchanged */
    memset(sec_b, 0xDD, 4096);
    cpu->gr[4] = 257;
    CHECK_EQ(insn_mvcs(cpu, &s), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_MEM(sec_b + 0x100, prim + 0x200, 256);
    CHECK_EQ(sec_b[0x200], 0xDD);
    CHECK_EQ(cpu->gr[4], 257);
    tenv_free(e);
}

TEST(mvcp_mvcs_special_operation)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    uint8_t *prim_b = tenv_abs(e, VA0 + 0x4000);
    memset(prim_b, 0xEE, 4096);
    cpu->gr[2] = VA0 + 0x4000, cpu->gr[3] = VA0 + 0x2000, cpu->gr[4] = 8, cpu->gr[6] = 0;
    Insn p = ssd(0xDA, 4, 6, 2, 0, 3, 0);
    Insn s = ssd(0xDB, 4, 6, 2, 0, 3, 0);

    /* CR0 bit 37 off */
    cpu->cr[0] &= ~CR0_SEC_SPACE;
    CHECK_EQ(insn_mvcp(cpu, &p), PGM_SPECIAL_OP);
    CHECK_EQ(insn_mvcs(cpu, &s), PGM_SPECIAL_OP);
    /* ... recognised before the key-mask check in the problem state */
    cpu->psw_mask |= PSW_MASK_PSTATE;
    cpu->cr[3] = 0;
    CHECK_EQ(insn_mvcp(cpu, &p), PGM_SPECIAL_OP);
    cpu->cr[0] |= CR0_SEC_SPACE;
    CHECK_EQ(insn_mvcp(cpu, &p), PGM_PRIVILEGED);
    cpu->cr[3] = BIT64(32);                            /* key 0 permitted */
    CHECK_EQ(insn_mvcp(cpu, &p), 0);
    cpu->psw_mask &= ~PSW_MASK_PSTATE;

    /* AR mode and home-space mode */
    for (unsigned asc = PSW_ASC_AR; asc <= PSW_ASC_HOME; asc += 2) {
        cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_ASC) | (uint64_t)asc << PSW_SHIFT_ASC;
        CHECK_EQ(insn_mvcp(cpu, &p), PGM_SPECIAL_OP);
        CHECK_EQ(insn_mvcs(cpu, &s), PGM_SPECIAL_OP);
    }
    cpu->psw_mask &= ~PSW_MASK_ASC;
    /* DAT off */
    cpu->psw_mask &= ~PSW_MASK_DAT;
    CHECK_EQ(insn_mvcp(cpu, &p), PGM_SPECIAL_OP);
    CHECK_EQ(insn_mvcs(cpu, &s), PGM_SPECIAL_OP);
    /* nothing moved by any of the failing forms; the one good MVCP moved
     * 8 bytes from the secondary frame */
    CHECK_MEM(prim_b, tenv_abs(e, SEC_REAL + 0x2000), 8);
    CHECK(all_eq(prim_b + 8, 4088, 0xEE));
    tenv_free(e);
}

/* The secondary operand uses the R3 key and reports the secondary ASCE id
 * (10) in the TEID; the primary operand uses the PSW key. */
TEST(mvcp_mvcs_keys_and_teid)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    Storage *st = &e->m.storage;
    uint8_t *prim_b = tenv_abs(e, VA0 + 0x4000), *sec_b = tenv_abs(e, SEC_REAL + 0x4000);
    memset(prim_b, 0xEE, 4096);
    memset(sec_b, 0xDD, 4096);
    set_psw_key(cpu, 4);
    storage_set_key(st, SEC_REAL + 0x2000, 0x78);         /* secondary source: ACC 7 + F */
    storage_set_key(st, VA0 + 0x4000, 0x40);              /* primary dest: ACC 4 */
    cpu->gr[2] = VA0 + 0x4000, cpu->gr[3] = VA0 + 0x2000, cpu->gr[4] = 32;
    Insn p = ssd(0xDA, 4, 6, 2, 0, 3, 0);

    cpu->gr[6] = 0x40;                                    /* R3 key 4 != 7 */
    CHECK_EQ(insn_mvcp(cpu, &p), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x2000) | TEID_FETCH | TEID_PROT_KEY | 2);
    CHECK(all_eq(prim_b, 4096, 0xEE));
    cpu->gr[6] = 0x70;
    CHECK_EQ(insn_mvcp(cpu, &p), 0);
    CHECK_MEM(prim_b, tenv_abs(e, SEC_REAL + 0x2000), 32);

    /* MVCS: the secondary destination is stored with the R3 key */
    storage_set_key(st, SEC_REAL + 0x4000, 0x90);         /* ACC 9 */
    storage_set_key(st, VA0 + 0x2000, 0x48);              /* primary source: ACC 4 + F */
    cpu_flush_tlb_local(cpu);
    Insn s = ssd(0xDB, 4, 6, 2, 0, 3, 0);
    cpu->gr[6] = 0x40;                                    /* R3 key 4 != 9 */
    CHECK_EQ(insn_mvcs(cpu, &s), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x4000) | TEID_STORE | TEID_PROT_KEY | 2);
    CHECK(all_eq(sec_b, 4096, 0xDD));
    cpu->gr[6] = 0x90;
    CHECK_EQ(insn_mvcs(cpu, &s), 0);
    CHECK_MEM(sec_b, tenv_abs(e, VA0 + 0x2000), 32);

    /* A translation exception in the secondary space carries ASCE id 10 */
    tenv_entry_or(e, sasce, VA0 + 0x4000, LVL_PAGE, PAGE_ENTRY_I);
    cpu_flush_tlb_local(cpu);
    memset(sec_b, 0xDD, 4096);
    CHECK_EQ(insn_mvcs(cpu, &s), PGM_PAGE_TRANS);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x4000) | TEID_STORE | 2);
    CHECK(all_eq(sec_b, 4096, 0xDD));
    tenv_free(e);
}

/* ---------------------------------------------------------------------- */
/* MVCSK / MVCDK */

TEST(mvcsk_mvcdk_length_and_keys)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    Storage *st = &e->m.storage;
    uint8_t *src = tenv_abs(e, VA0 + 0x6000), *dst = tenv_abs(e, VA0 + 0x8000);
    fill(src, 4096, 0x21);
    memset(dst, 0xEE, 4096);
    set_psw_key(cpu, 1);
    storage_set_key(st, VA0 + 0x6000, 0x28);    /* source ACC 2 + F */
    storage_set_key(st, VA0 + 0x8000, 0x10);    /* dest ACC 1 */
    cpu->gr[7] = VA0 + 0x8000, cpu->gr[8] = VA0 + 0x6000;
    cpu->gr[0] = 0xFFFFFFFFFFFFFF05ULL;         /* L = 5: 6 bytes; other bits ignored */
    cpu->gr[1] = 0x20;                          /* key 2 */
    cpu_set_cc(cpu, 1);

    Insn sk = sse(0xE50E, 7, 0x10, 8, 0x30);
    CHECK_EQ(insn_mvcsk(cpu, &sk), 0);
    CHECK_MEM(dst + 0x10, src + 0x30, 6);
    CHECK_EQ(dst[0x16], 0xEE);
    CHECK_EQ(cpu_cc(cpu), 1);                   /* CC unchanged */

    /* source key mismatch: fetch protection on the source page */
    cpu->gr[1] = 0x30;
    memset(dst, 0xEE, 4096);
    CHECK_EQ(insn_mvcsk(cpu, &sk), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x6000) | TEID_FETCH | TEID_PROT_KEY);
    CHECK(all_eq(dst, 4096, 0xEE));

    /* MVCDK: key for the destination; the source with the PSW key (1)
     * cannot read the fetch-protected ACC 2 source */
    cpu->gr[1] = 0x10;
    Insn dk = sse(0xE50F, 7, 0x10, 8, 0x30);
    CHECK_EQ(insn_mvcdk(cpu, &dk), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x6000) | TEID_FETCH | TEID_PROT_KEY);
    storage_set_key(st, VA0 + 0x6000, 0x10);    /* source readable with key 1 */
    storage_set_key(st, VA0 + 0x8000, 0x30);    /* dest ACC 3 */
    cpu_flush_tlb_local(cpu);
    cpu->gr[1] = 0x20;
    CHECK_EQ(insn_mvcdk(cpu, &dk), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x8000) | TEID_STORE | TEID_PROT_KEY);
    CHECK(all_eq(dst, 4096, 0xEE));
    cpu->gr[1] = 0x30;
    cpu->gr[0] = 0xFF;                          /* 256 bytes */
    CHECK_EQ(insn_mvcdk(cpu, &dk), 0);
    CHECK_MEM(dst + 0x10, src + 0x30, 256);
    CHECK_EQ(dst[0x110], 0xEE);

    /* problem state: key-mask check on the GR1 key */
    cpu->psw_mask |= PSW_MASK_PSTATE;
    cpu->cr[3] = BIT64(32 + 1);
    CHECK_EQ(insn_mvcdk(cpu, &dk), PGM_PRIVILEGED);
    CHECK_EQ(insn_mvcsk(cpu, &sk), PGM_PRIVILEGED);
    cpu->cr[3] |= BIT64(32 + 3);
    CHECK_EQ(insn_mvcdk(cpu, &dk), 0);
    tenv_free(e);
}

/* ---------------------------------------------------------------------- */
/* MVCOS */

static Insn ssf(int r3, int b1, int d1, int b2, int d2)
{
    Insn in = ssd(0xC800, 0, r3, b1, d1, b2, d2);
    return in;
}

#define OAC(key, as, k, a) ((uint64_t)((key) << 12 | (as) << 6 | (k) << 1 | (a)))
#define GR0_OACS(o1, o2) ((o1) << 16 | (o2))

TEST(mvcos_lengths_and_cc)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    uint8_t *src = tenv_abs(e, VA0 + 0x2000), *dst = tenv_abs(e, VA0 + 0x8000);
    fill(src, 3 * 4096, 0x33);
    memset(dst, 0xEE, 3 * 4096);
    cpu->gr[0] = 0;
    cpu->gr[2] = VA0 + 0x8000, cpu->gr[3] = VA0 + 0x2000;

    /* more than 4096: 4096 moved (two pages per operand), CC3, no register
     * changed */
    cpu->gr[5] = 5000;
    Insn in = ssf(5, 2, 0x100, 3, 0x80);
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_MEM(dst + 0x100, src + 0x80, 4096);
    CHECK_EQ(dst[0x1100], 0xEE);
    CHECK_EQ(dst[0xFF], 0xEE);
    CHECK_EQ(cpu->gr[5], 5000);
    CHECK_EQ(cpu->gr[2], VA0 + 0x8000);
    CHECK_EQ(cpu->gr[3], VA0 + 0x2000);

    /* exactly 4096: CC0 */
    memset(dst, 0xEE, 3 * 4096);
    cpu->gr[5] = 4096;
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(dst + 0x100, src + 0x80, 4096);
    CHECK_EQ(dst[0x1100], 0xEE);

    /* 31-bit mode: bits 32-63 only (0x1_0000_0003 -> 3) */
    memset(dst, 0xEE, 3 * 4096);
    cpu->psw_mask &= ~PSW_MASK_EA;
    cpu->gr[5] = 0x100000003ULL;
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(dst + 0x100, src + 0x80, 3);
    CHECK_EQ(dst[0x103], 0xEE);
    /* 64-bit mode: the same value is > 4096 */
    cpu->psw_mask |= PSW_MASK_EA;
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);

    /* zero length: CC0 and no access even to an unmapped operand */
    cpu->gr[5] = 0;
    cpu->gr[2] = 0x7000000000ULL;
    cpu_set_cc(cpu, 3);
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    cpu->gr[5] = 1;
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_REG_THIRD_TRANS);
    tenv_free(e);
}

TEST(mvcos_oac_keys_and_spaces)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    Storage *st = &e->m.storage;
    uint8_t *psrc = tenv_abs(e, VA0 + 0x2000), *ssrc = tenv_abs(e, SEC_REAL + 0x2000);
    uint8_t *pdst = tenv_abs(e, VA0 + 0x8000), *sdst = tenv_abs(e, SEC_REAL + 0x8000);
    fill(psrc, 4096, 0x10);
    fill(ssrc, 4096, 0x90);
    memset(pdst, 0xEE, 4096);
    memset(sdst, 0xDD, 4096);
    set_psw_key(cpu, 6);
    storage_set_key(st, VA0 + 0x2000, 0x60);
    storage_set_key(st, SEC_REAL + 0x2000, 0x68);
    storage_set_key(st, VA0 + 0x8000, 0x60);
    storage_set_key(st, SEC_REAL + 0x8000, 0x60);
    cpu->gr[2] = VA0 + 0x8000, cpu->gr[3] = VA0 + 0x2000, cpu->gr[5] = 24;
    Insn in = ssf(5, 2, 0, 3, 0);

    /* OAC2: secondary space (A=1, AS=10) -> reads the secondary frame */
    cpu->gr[0] = GR0_OACS(0, OAC(0, 2, 0, 1));
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_MEM(pdst, ssrc, 24);
    /* OAC1: secondary destination */
    cpu->gr[0] = GR0_OACS(OAC(0, 2, 0, 1), 0);
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_MEM(sdst, psrc, 24);
    CHECK_MEM(pdst, ssrc, 24);                        /* primary dest untouched */

    /* OAC1 key (K=1): destination ACC 6 with key 5 -> store protection */
    memset(pdst, 0xEE, 4096);
    cpu->gr[0] = GR0_OACS(OAC(5, 0, 1, 0), 0);
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x8000) | TEID_STORE | TEID_PROT_KEY);
    CHECK(all_eq(pdst, 4096, 0xEE));
    /* the key field is ignored when K = 0 */
    cpu->gr[0] = GR0_OACS(OAC(5, 0, 0, 0), 0);
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_MEM(pdst, psrc, 24);

    /* OAC2 key + secondary: ACC 6 + F read with key 7 -> fetch protection,
     * TEID with the secondary ASCE id */
    memset(pdst, 0xEE, 4096);
    cpu->gr[0] = GR0_OACS(0, OAC(7, 2, 1, 1));
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, (VA0 + 0x2000) | TEID_FETCH | TEID_PROT_KEY | 2);
    CHECK(all_eq(pdst, 4096, 0xEE));
    /* ...and the first operand still uses the PSW key (6): ok with key 6 */
    cpu->gr[0] = GR0_OACS(0, OAC(6, 2, 1, 1));
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_MEM(pdst, ssrc, 24);
    tenv_free(e);
}

TEST(mvcos_exceptions)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    uint8_t *pdst = tenv_abs(e, VA0 + 0x8000);
    memset(pdst, 0xEE, 4096);
    storage_set_key(&e->m.storage, VA0 + 0x8000, 0x40);
    storage_set_key(&e->m.storage, VA0 + 0x2000, 0x40);
    cpu->gr[2] = VA0 + 0x8000, cpu->gr[3] = VA0 + 0x2000, cpu->gr[5] = 8;
    Insn in = ssf(5, 2, 0, 3, 0);

    /* secondary requested with CR0 bit 37 off */
    cpu->cr[0] &= ~CR0_SEC_SPACE;
    cpu->gr[0] = GR0_OACS(0, OAC(0, 2, 0, 1));
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_SPECIAL_OP);
    cpu->gr[0] = GR0_OACS(OAC(0, 2, 0, 1), 0);
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_SPECIAL_OP);
    cpu->cr[0] |= CR0_SEC_SPACE;

    /* DAT off */
    cpu->gr[0] = 0;
    cpu->psw_mask &= ~PSW_MASK_DAT;
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_SPECIAL_OP);
    cpu->psw_mask |= PSW_MASK_DAT;

    /* problem state: home space named -> special operation (before the
     * key check); a key not in the CR3 mask -> privileged operation, for a
     * key the OAC specifies (K=1) and for the PSW key implied by K=0 alike
     * (Hercules and QEMU check the key used for each operand) */
    cpu->psw_mask |= PSW_MASK_PSTATE;
    set_psw_key(cpu, 4);
    cpu->cr[3] = BIT64(32 + 4);
    cpu->gr[0] = GR0_OACS(OAC(0, 3, 0, 1), 0);
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_SPECIAL_OP);
    cpu->gr[0] = GR0_OACS(0, OAC(5, 0, 1, 0));
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_PRIVILEGED);
    cpu->gr[0] = GR0_OACS(OAC(5, 0, 1, 0), 0);
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_PRIVILEGED);
    CHECK(all_eq(pdst, 4096, 0xEE));
    cpu->gr[0] = GR0_OACS(OAC(4, 0, 1, 0), OAC(4, 0, 1, 0));
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    cpu->gr[0] = 0;                                   /* PSW key 4: permitted */
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_MEM(pdst, tenv_abs(e, VA0 + 0x2000), 8);
    memset(pdst, 0xEE, 4096);
    /* a zero key mask (Linux user space): even K=0 A=0 is privileged, and
     * a permitted specified key does not excuse the implied PSW key */
    cpu->cr[3] = 0;
    cpu->gr[0] = 0;
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_PRIVILEGED);
    cpu->cr[3] = BIT64(32 + 6);
    cpu->gr[0] = GR0_OACS(OAC(6, 0, 1, 0), 0);      /* op2 uses PSW key 4 */
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_PRIVILEGED);
    cpu->cr[3] = BIT64(32 + 6) | BIT64(32 + 4);
    storage_set_key(&e->m.storage, VA0 + 0x8000, 0x60);
    CHECK_EQ(insn_mvcos(cpu, &in), 0);
    CHECK_MEM(pdst, tenv_abs(e, VA0 + 0x2000), 8);
    set_psw_key(cpu, 0);
    cpu->cr[3] = 0;

    /* facility 27 absent: operation exception */
    cpu->psw_mask &= ~PSW_MASK_PSTATE;
    facility_set(&e->m, 27, false);
    CHECK_EQ(insn_mvcos(cpu, &in), PGM_OPERATION);
    tenv_free(e);
}

/* ---------------------------------------------------------------------- */
/* Fault matrix: operand 1 (store) and operand 2 (fetch) each crossing a
 * page.  The keyed operand gets the same key as the PSW (the driver's key),
 * so every protection case applies to it as to a PSW-keyed operand. */

enum { KM_MVCK, KM_MVCSK, KM_MVCDK, KM_MVCOS, KM_MVCOS_K };

static void km_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    int which = (int)(intptr_t)c->ctx;
    cpu->gr[2] = c->va[0];
    cpu->gr[3] = c->va[1];
    cpu->gr[4] = 60;                        /* MVCK length */
    cpu->gr[6] = (uint64_t)c->psw_key << 4; /* MVCK key */
    cpu->gr[0] = 59;                        /* MVCSK/MVCDK: 60 bytes */
    cpu->gr[1] = (uint64_t)c->psw_key << 4;
    cpu->gr[5] = 60;                        /* MVCOS length */
    if (which == KM_MVCOS)
        cpu->gr[0] = 0;
    else if (which == KM_MVCOS_K)
        cpu->gr[0] = GR0_OACS(OAC(c->psw_key, 0, 1, 1), OAC(c->psw_key, 0, 1, 1));
}

static void km_check(FmCase *c)
{
    if (c->rc != 0)
        return;
    uint8_t a[60], b[60];
    fm_read(c, c->va[0], a, 60);
    fm_read(c, c->va[1], b, 60);
    CHECK_MEM(a, b, 60);
}

TEST(keymove_fault_matrix)
{
    static const struct {
        const char *name;
        int (*h)(CPUState *, const Insn *);
        Insn in;
        int which;
    } sc[] = {
        { "MVCK",    insn_mvck,  { .ilen = 6, .r1 = 4, .r3 = 6, .b1 = 2, .b2 = 3 },
          KM_MVCK },
        { "MVCSK",   insn_mvcsk, { .ilen = 6, .b1 = 2, .b2 = 3 }, KM_MVCSK },
        { "MVCDK",   insn_mvcdk, { .ilen = 6, .b1 = 2, .b2 = 3 }, KM_MVCDK },
        { "MVCOS",   insn_mvcos, { .ilen = 6, .r3 = 5, .b1 = 2, .b2 = 3 },
          KM_MVCOS },
        { "MVCOS-K", insn_mvcos, { .ilen = 6, .r3 = 5, .b1 = 2, .b2 = 3 },
          KM_MVCOS_K },
    };
    for (size_t i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
        FmScenario s;
        memset(&s, 0, sizeof(s));
        s.name = sc[i].name;
        s.nops = 2;
        s.ops[0] = (FmOperand){ 4096 - 20, 60, ACC_STORE };
        s.ops[1] = (FmOperand){ 4096 - 40, 60, ACC_FETCH };
        s.handler = sc[i].h;
        s.insn = sc[i].in;
        s.setup = km_setup;
        s.check = km_check;
        s.flags = FM_NOTHING_STORED;
        s.ctx = (void *)(intptr_t)sc[i].which;
        CHECK(fm_run(&s) > 0);
    }
}

/* ---------------------------------------------------------------------- */
/* I/O region and watchpoints */

typedef struct IoLog {
    uint8_t mem[8192];
    int n;
    struct { uint64_t off; uint8_t v; bool wr; } ev[1024];
} IoLog;

static uint8_t io_rd(void *opaque, uint64_t off)
{
    IoLog *l = opaque;
    if (l->n < 1024)
        l->ev[l->n].off = off, l->ev[l->n].v = l->mem[off], l->ev[l->n].wr = false;
    l->n++;
    return l->mem[off];
}

static void io_wr(void *opaque, uint64_t off, uint8_t v)
{
    IoLog *l = opaque;
    if (l->n < 1024)
        l->ev[l->n].off = off, l->ev[l->n].v = v, l->ev[l->n].wr = true;
    l->n++;
    l->mem[off] = v;
}

/* Source in an I/O region mapped under DAT, crossing its two pages; the
 * destination in RAM crossing a page too.  Every source byte is read once,
 * in ascending order, and lands where RAM would put it. */
TEST(keymove_io_region_byte_path)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    IoLog *log = calloc(1, sizeof(*log));
    const uint64_t io = 0x2000000;              /* above the 16 MiB of RAM */
    CHECK_EQ(storage_add_io(&e->m.storage, io, 8192, io_rd, io_wr, log), 0);
    const uint64_t iova = 0x700000;
    tenv_map(e, asce, iova, io, 0);
    tenv_map(e, asce, iova + 4096, io + 4096, 0);
    for (int i = 0; i < 8192; i++)
        log->mem[i] = (uint8_t)(i * 13 + 5);
    uint8_t *dst = tenv_abs(e, VA0 + 0x3000);
    memset(dst, 0xEE, 8192);

    /* MVCK, 200 bytes from io+4000 (96 + 104) to VA0+0x3F80 (128 + 72) */
    cpu->gr[2] = VA0 + 0x3F80, cpu->gr[3] = iova + 4000, cpu->gr[4] = 200, cpu->gr[6] = 0;
    Insn in = ssd(0xD9, 4, 6, 2, 0, 3, 0);
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_MEM(dst + 0xF80, log->mem + 4000, 200);
    CHECK_EQ(log->n, 200);
    bool ok = true;
    for (int i = 0; i < 200 && i < log->n; i++)
        if (log->ev[i].off != (uint64_t)(4000 + i) || log->ev[i].wr)
            ok = false;
    CHECK(ok);

    /* MVCOS into the I/O region: 300 bytes written once each, in order */
    log->n = 0;
    cpu->gr[0] = 0;
    cpu->gr[2] = iova + 3900, cpu->gr[3] = VA0 + 0x3F00, cpu->gr[5] = 300;
    Insn mc = ssf(5, 2, 0, 3, 0);
    CHECK_EQ(insn_mvcos(cpu, &mc), 0);
    CHECK_EQ(log->n, 300);
    ok = true;
    for (int i = 0; i < 300 && i < log->n; i++)
        if (log->ev[i].off != (uint64_t)(3900 + i) || !log->ev[i].wr ||
            log->ev[i].v != dst[0xF00 + i])
            ok = false;
    CHECK(ok);
    CHECK_MEM(log->mem + 3900, dst + 0xF00, 300);
    tenv_free(e);
    free(log);
}

TEST(keymove_watchpoints)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    uint8_t *dst = tenv_abs(e, VA0 + 0x8000);
    fill(tenv_abs(e, VA0 + 0x2000), 4096, 0x42);
    memset(dst, 0xEE, 8192);
    /* watch a byte on the destination's second page */
    CHECK_EQ(access_watch_add(&e->m, VA0 + 0x9010, 1, WP_WRITE), 0);
    cpu->gr[2] = VA0 + 0x8FF0, cpu->gr[3] = VA0 + 0x2000;
    cpu->gr[4] = 64, cpu->gr[6] = 0, cpu->gr[0] = 63, cpu->gr[1] = 0, cpu->gr[5] = 64;
    Insn k = ssd(0xD9, 4, 6, 2, 0, 3, 0);
    Insn sk = sse(0xE50E, 2, 0, 3, 0);
    Insn dk = sse(0xE50F, 2, 0, 3, 0);
    Insn os = ssf(5, 2, 0, 3, 0);
    uint64_t psw = cpu->psw_mask;
    CHECK_EQ(insn_mvck(cpu, &k), INSN_WATCH);
    CHECK_EQ(cpu->watch.addr, VA0 + 0x9010);
    CHECK_EQ(insn_mvcsk(cpu, &sk), INSN_WATCH);
    CHECK_EQ(insn_mvcdk(cpu, &dk), INSN_WATCH);
    cpu->gr[0] = 0;
    CHECK_EQ(insn_mvcos(cpu, &os), INSN_WATCH);
    CHECK(all_eq(dst, 8192, 0xEE));
    CHECK_EQ(cpu->psw_mask, psw);               /* no CC set */
    CHECK(!(storage_key(&e->m.storage, VA0 + 0x8000) & SKEY_C));
    CHECK(!(storage_key(&e->m.storage, VA0 + 0x9000) & SKEY_C));
    tenv_free(e);
}

/* ---------------------------------------------------------------------- */
/* MVCP / MVCS fault matrix.  The shared fault matrix runs in the primary
 * space only (ASCE id 00 in every TEID), so the cross-space pair gets its
 * own: each operand crosses a page; each page of each operand gets each
 * applicable fault; the code, the TEID (with the ASCE id of the operand's
 * space: 00 primary, 10 secondary) and "nothing stored, no register or CC
 * changed" are checked. */

enum { XF_PAGE_INV, XF_SEG_INV, XF_DAT_PROT, XF_KEY_PROT, XF_FETCH_PROT, XF_ADDR, XF_N };

static void xspace_case(bool mvcs, int op, int page, int kind)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    Storage *st = &e->m.storage;
    /* op1 at VA0+0x3FEC (60 bytes: 20 + 40), op2 at VA0+0x1FD8 (40 + 20) */
    const uint64_t va1 = VA0 + 0x4000 - 20, va2 = VA0 + 0x2000 - 40;
    const bool op_secondary = mvcs ? op == 1 : op == 2;
    const uint64_t op_asce = op_secondary ? sasce : asce;
    const uint64_t pva = ((op == 1 ? va1 : va2) & PAGE_MASK) + (uint64_t)page * PAGE_SIZE;
    const uint64_t real_base = op_secondary ? SEC_REAL : VA0;
    const uint64_t frame = real_base + (pva - VA0);
    const bool store = op == 1;
    uint64_t d1 = (mvcs ? SEC_REAL : VA0) + 0x3000;   /* op1 frames */

    for (uint64_t f = VA0; f < VA0 + NPAGES * PAGE_SIZE; f += PAGE_SIZE) {
        storage_set_key(st, f, 0x20);
        storage_set_key(st, f - VA0 + SEC_REAL, 0x20);
    }
    fill(tenv_abs(e, VA0 + 0x1000), 8192, 0x31);
    fill(tenv_abs(e, SEC_REAL + 0x1000), 8192, 0x97);
    memset(tenv_abs(e, d1), 0xEE, 8192);
    set_psw_key(cpu, 2);
    cpu->gr[2] = va1, cpu->gr[3] = va2, cpu->gr[4] = 60, cpu->gr[6] = 0x20;
    cpu_set_cc(cpu, 1);

    uint16_t code = PGM_PROTECTION;
    uint64_t teid = pva | (op_secondary ? 2 : 0);
    switch (kind) {
    case XF_PAGE_INV:
        tenv_entry_or(e, op_asce, pva, LVL_PAGE, PAGE_ENTRY_I);
        code = PGM_PAGE_TRANS, teid |= store ? TEID_STORE : TEID_FETCH;
        break;
    case XF_SEG_INV:
        tenv_entry_or(e, op_asce, pva, LVL_SEGMENT, SEGMENT_ENTRY_I);
        code = PGM_SEGMENT_TRANS, teid |= store ? TEID_STORE : TEID_FETCH;
        break;
    case XF_DAT_PROT:
        tenv_entry_or(e, op_asce, pva, LVL_PAGE, PAGE_ENTRY_P);
        teid |= TEID_STORE | TEID_PROT_DAT;
        break;
    case XF_KEY_PROT:
        storage_set_key(st, frame, 0x30);
        teid |= TEID_STORE | TEID_PROT_KEY;
        break;
    case XF_FETCH_PROT:
        storage_set_key(st, frame, 0x38);
        teid |= TEID_FETCH | TEID_PROT_KEY;
        break;
    default:
        tenv_map(e, op_asce, pva, 0x40000000, 0);
        code = PGM_ADDRESSING;
        break;
    }
    cpu_flush_tlb_local(cpu);
    uint8_t before[8192], k0 = storage_key(st, d1), k1 = storage_key(st, d1 + 4096);
    memcpy(before, tenv_abs(e, d1), 8192);
    uint64_t regs[16], psw = cpu->psw_mask;
    memcpy(regs, cpu->gr, sizeof(regs));

    Insn in = ssd(mvcs ? 0xDB : 0xDA, 4, 6, 2, 0, 3, 0);
    int rc = mvcs ? insn_mvcs(cpu, &in) : insn_mvcp(cpu, &in);
    CHECK_EQ(rc, code);
    if (code == PGM_ADDRESSING) {
        CHECK(!cpu->pgm.teid_valid);
    } else {
        CHECK(cpu->pgm.teid_valid);
        CHECK_EQ(cpu->pgm.teid, teid);
    }
    CHECK_MEM(tenv_abs(e, d1), before, 8192);
    CHECK_EQ(storage_key(st, d1) & ~SKEY_R, k0 & ~SKEY_R);
    CHECK_EQ(storage_key(st, d1 + 4096) & ~SKEY_R, k1 & ~SKEY_R);
    CHECK_MEM(cpu->gr, regs, sizeof(regs));
    CHECK_EQ(cpu->psw_mask, psw);
    tenv_free(e);
}

TEST(mvcp_mvcs_fault_matrix)
{
    for (int mvcs = 0; mvcs < 2; mvcs++)
        for (int op = 1; op <= 2; op++)
            for (int page = 0; page < 2; page++)
                for (int kind = 0; kind < XF_N; kind++) {
                    if (kind == XF_SEG_INV && page == 1)
                        continue;       /* both pages share the segment */
                    if ((kind == XF_DAT_PROT || kind == XF_KEY_PROT) && op != 1)
                        continue;       /* store-only conditions */
                    if (kind == XF_FETCH_PROT && op != 2)
                        continue;
                    xspace_case(mvcs, op, page, kind);
                }

    /* and the fault-free run of the same layout moves the 60 bytes */
    for (int mvcs = 0; mvcs < 2; mvcs++) {
        uint64_t asce, sasce;
        TestEnv *e = dat_env(&asce, &sasce);
        CPUState *cpu = &e->cpu;
        fill(tenv_abs(e, VA0 + 0x1000), 8192, 0x31);
        fill(tenv_abs(e, SEC_REAL + 0x1000), 8192, 0x97);
        cpu->gr[2] = VA0 + 0x4000 - 20, cpu->gr[3] = VA0 + 0x2000 - 40;
        cpu->gr[4] = 60, cpu->gr[6] = 0;
        Insn in = ssd(mvcs ? 0xDB : 0xDA, 4, 6, 2, 0, 3, 0);
        CHECK_EQ(mvcs ? insn_mvcs(cpu, &in) : insn_mvcp(cpu, &in), 0);
        uint64_t s = (mvcs ? VA0 : SEC_REAL) + 0x2000 - 40;
        uint64_t d = (mvcs ? SEC_REAL : VA0) + 0x4000 - 20;
        CHECK_MEM(tenv_abs(e, d), tenv_abs(e, s), 60);
        tenv_free(e);
    }
}

/* PER storage alteration: MVCOS with CC3 stores exactly 4096 bytes (the
 * 4097th byte is not altered); MVCS reports the secondary ASCE id in the
 * ATMID (bits 6-7 = 10). */
TEST(keymove_per_storage_alteration)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    cpu->psw_mask |= PSW_MASK_PER;
    cpu->cr[9] = CR9_PER_SA;
    cpu->gr[0] = 0;
    cpu->gr[2] = VA0 + 0x8000, cpu->gr[3] = VA0 + 0x2000, cpu->gr[5] = 10000;
    Insn os = ssf(5, 2, 0, 3, 0);
    cpu->cr[10] = cpu->cr[11] = VA0 + 0x9000;        /* first byte not moved */
    CHECK_EQ(insn_mvcos(cpu, &os), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->per.code, 0);
    cpu->cr[10] = cpu->cr[11] = VA0 + 0x8FFF;        /* last byte moved */
    CHECK_EQ(insn_mvcos(cpu, &os), 0);
    CHECK_EQ(cpu->per.code & PER_CODE_SA, PER_CODE_SA);

    memset(&cpu->per, 0, sizeof(cpu->per));
    cpu->gr[4] = 16, cpu->gr[6] = 0;
    cpu->cr[10] = VA0 + 0x8000, cpu->cr[11] = VA0 + 0x800F;
    Insn s = ssd(0xDB, 4, 6, 2, 0, 3, 0);
    CHECK_EQ(insn_mvcs(cpu, &s), 0);
    CHECK_EQ(cpu->per.code & PER_CODE_SA, PER_CODE_SA);
    CHECK_EQ(cpu->per.atmid & 3, 2);
    tenv_free(e);
}

/* Operand order: with both operands invalid, the second operand (fetched
 * first) is the one reported (brief: operand 2, then operand 1). */
TEST(keymove_second_operand_checked_first)
{
    for (int which = 0; which < 6; which++) {
        uint64_t asce, sasce;
        TestEnv *e = dat_env(&asce, &sasce);
        CPUState *cpu = &e->cpu;
        const uint64_t va1 = VA0 + 0x8000, va2 = VA0 + 0x2000;
        /* invalidate both pages in both spaces */
        tenv_entry_or(e, asce, va1, LVL_PAGE, PAGE_ENTRY_I);
        tenv_entry_or(e, asce, va2, LVL_PAGE, PAGE_ENTRY_I);
        tenv_entry_or(e, sasce, va1, LVL_PAGE, PAGE_ENTRY_I);
        tenv_entry_or(e, sasce, va2, LVL_PAGE, PAGE_ENTRY_I);
        cpu->gr[2] = va1, cpu->gr[3] = va2, cpu->gr[4] = 8, cpu->gr[5] = 8;
        cpu->gr[6] = 0, cpu->gr[0] = 7, cpu->gr[1] = 0;
        uint64_t id = 0;
        int rc;
        switch (which) {
        case 0: { Insn in = ssd(0xD9, 4, 6, 2, 0, 3, 0); rc = insn_mvck(cpu, &in); break; }
        case 1: { Insn in = sse(0xE50E, 2, 0, 3, 0); rc = insn_mvcsk(cpu, &in); break; }
        case 2: { Insn in = sse(0xE50F, 2, 0, 3, 0); rc = insn_mvcdk(cpu, &in); break; }
        case 3: { cpu->gr[0] = 0; Insn in = ssf(5, 2, 0, 3, 0); rc = insn_mvcos(cpu, &in); break; }
        case 4: { Insn in = ssd(0xDA, 4, 6, 2, 0, 3, 0); rc = insn_mvcp(cpu, &in); id = 2; break; }
        default: { Insn in = ssd(0xDB, 4, 6, 2, 0, 3, 0); rc = insn_mvcs(cpu, &in); break; }
        }
        CHECK_EQ(rc, PGM_PAGE_TRANS);
        CHECK_EQ(cpu->pgm.teid, va2 | TEID_FETCH | id);
        tenv_free(e);
    }
}

/* In the access-register mode an operand's base register names the access
 * register: ALET 1 in AR 3 makes MVCK's source the secondary space. */
TEST(mvck_access_register_mode)
{
    uint64_t asce, sasce;
    TestEnv *e = dat_env(&asce, &sasce);
    CPUState *cpu = &e->cpu;
    fill(tenv_abs(e, SEC_REAL + 0x2000), 64, 0x66);
    fill(tenv_abs(e, VA0 + 0x2000), 64, 0x11);
    memset(tenv_abs(e, VA0 + 0x8000), 0xEE, 64);
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_ASC) | (uint64_t)PSW_ASC_AR << PSW_SHIFT_ASC;
    cpu->ar[2] = 0, cpu->ar[3] = 1;
    cpu->gr[2] = VA0 + 0x8000, cpu->gr[3] = VA0 + 0x2000, cpu->gr[4] = 32, cpu->gr[6] = 0;
    Insn in = ssd(0xD9, 4, 6, 2, 0, 3, 0);
    CHECK_EQ(insn_mvck(cpu, &in), 0);
    CHECK_MEM(tenv_abs(e, VA0 + 0x8000), tenv_abs(e, SEC_REAL + 0x2000), 32);
    tenv_free(e);
}
