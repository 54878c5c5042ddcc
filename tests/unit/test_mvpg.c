/* MOVE PAGE (src/insn/keymove.c), ZARCH-NOTES §7.7.
 *
 * GR0: bits 48-51 reserved (specification), 52 F (GR0 key for operand 1),
 * 53 S (GR0 key for operand 2), F and S together -> specification, key in
 * bits 56-59, 55 CCO.  With CCO = 1 an invalid source page gives CC2, an
 * invalid destination CC1 (source examined first); with CCO = 0 the
 * page-translation exception carries TEID bit 61 and the operand access id
 * (R1R2 byte).  Protection and addressing always interrupt.
 *
 * [?] Region/segment-translation exceptions are treated like page
 * translation only when EDAT-1 applies (keymove.c explains the choice);
 * the tests pin that decision down. */
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "insn/insn.h"
#include "test.h"
#include "testenv.h"

#define RAM (16ULL << 20)

#define GR0_F   BIT64(52)
#define GR0_S   BIT64(53)
#define GR0_CCO BIT64(55)
#define GR0_KEY(k) ((uint64_t)(k) << 4)

static Insn rre(int r1, int r2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.row = decode_row_of_opcode(0xB254);
    in.ilen = 4;
    in.r1 = (uint8_t)r1;
    in.r2 = (uint8_t)r2;
    return in;
}

static void set_psw_key(CPUState *cpu, uint8_t key)
{
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_KEY) | ((uint64_t)key << PSW_SHIFT_KEY);
}

static void fill(uint8_t *p, unsigned n, uint8_t seed)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + i * 7 + (i >> 8));
}

static bool all_eq(const uint8_t *p, unsigned n, uint8_t v)
{
    for (unsigned i = 0; i < n; i++)
        if (p[i] != v)
            return false;
    return true;
}

/* ---------------------------------------------------------------------- */

TEST(mvpg_moves_whole_page_ignoring_low_bits)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint8_t *src = tenv_abs(e, 0x30000), *dst = tenv_abs(e, 0x41000);
    fill(src, 4096, 3);
    memset(tenv_abs(e, 0x40000), 0xEE, 3 * 4096);
    cpu->gr[0] = 0;
    cpu->gr[6] = 0x41234;
    cpu->gr[9] = 0x30FFF;
    cpu_set_cc(cpu, 3);
    Insn in = rre(6, 9);
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(dst, src, 4096);
    CHECK(all_eq(tenv_abs(e, 0x40000), 4096, 0xEE));
    CHECK(all_eq(tenv_abs(e, 0x42000), 4096, 0xEE));
    CHECK_EQ(cpu->gr[6], 0x41234);
    CHECK_EQ(cpu->gr[9], 0x30FFF);
    CHECK(storage_key(&e->m.storage, 0x41000) & SKEY_C);

    /* 24-bit mode: the register is wrapped to 24 bits first */
    cpu->psw_mask &= ~(PSW_MASK_EA | PSW_MASK_BA);
    cpu->gr[6] = 0xFF345678;                    /* -> page 0x345000 */
    memset(tenv_abs(e, 0x345000), 0, 4096);
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_MEM(tenv_abs(e, 0x345000), src, 4096);
    tenv_free(e);
}

TEST(mvpg_gr0_specification)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    memset(tenv_abs(e, 0x41000), 0xEE, 4096);
    fill(tenv_abs(e, 0x30000), 4096, 1);
    cpu->gr[6] = 0x41000, cpu->gr[9] = 0x30000;
    Insn in = rre(6, 9);
    for (int b = 48; b <= 51; b++) {
        cpu->gr[0] = BIT64(b);
        CHECK_EQ(insn_mvpg(cpu, &in), PGM_SPECIFICATION);
    }
    cpu->gr[0] = GR0_F | GR0_S;
    CHECK_EQ(insn_mvpg(cpu, &in), PGM_SPECIFICATION);
    CHECK(all_eq(tenv_abs(e, 0x41000), 4096, 0xEE));
    /* bits 0-47, the destination-reference hint (54) and 60-63 are ignored */
    cpu->gr[0] = 0xFFFFFFFFFFFF0000ULL | BIT64(54) | 0xF;
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_MEM(tenv_abs(e, 0x41000), tenv_abs(e, 0x30000), 4096);
    tenv_free(e);
}

/* F: the GR0 key for the destination; S: for the source; the other
 * operand uses the PSW key. */
TEST(mvpg_keys)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_REGION3);
    tenv_map_range(e, asce, 0x100000, 0x100000, 0x20000, 0);
    tenv_dat_on(e, asce);
    Storage *st = &e->m.storage;
    uint8_t *src = tenv_abs(e, 0x102000), *dst = tenv_abs(e, 0x105000);
    fill(src, 4096, 9);
    memset(dst, 0xEE, 4096);
    set_psw_key(cpu, 5);
    storage_set_key(st, 0x102000, 0x58);        /* source ACC 5 + F */
    storage_set_key(st, 0x105000, 0x30);        /* destination ACC 3 */
    cpu->gr[2] = 0x105000, cpu->gr[3] = 0x102000;
    Insn in = rre(2, 3);

    cpu->gr[0] = 0;                             /* PSW key 5 cannot store ACC 3 */
    CHECK_EQ(insn_mvpg(cpu, &in), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, 0x105000 | TEID_STORE | TEID_PROT_KEY);
    CHECK(all_eq(dst, 4096, 0xEE));
    cpu->gr[0] = GR0_S | GR0_KEY(3);            /* key 3 for the wrong operand */
    CHECK_EQ(insn_mvpg(cpu, &in), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, 0x102000 | TEID_FETCH | TEID_PROT_KEY);
    CHECK(all_eq(dst, 4096, 0xEE));
    cpu->gr[0] = GR0_F | GR0_KEY(3);            /* key 3 for the destination */
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_MEM(dst, src, 4096);

    /* S: source ACC 7 + F read with the GR0 key; destination back to ACC 5 */
    storage_set_key(st, 0x102000, 0x78);
    storage_set_key(st, 0x105000, 0x50);
    cpu_flush_tlb_local(cpu);
    memset(dst, 0xEE, 4096);
    cpu->gr[0] = GR0_S | GR0_KEY(8);
    CHECK_EQ(insn_mvpg(cpu, &in), PGM_PROTECTION);
    CHECK_EQ(cpu->pgm.teid, 0x102000 | TEID_FETCH | TEID_PROT_KEY);
    CHECK(all_eq(dst, 4096, 0xEE));
    cpu->gr[0] = GR0_S | GR0_KEY(7);
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_MEM(dst, src, 4096);
    tenv_free(e);
}

TEST(mvpg_problem_state_key_mask)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    storage_set_key(&e->m.storage, 0x41000, 0x30);
    storage_set_key(&e->m.storage, 0x30000, 0x80);
    memset(tenv_abs(e, 0x41000), 0xEE, 4096);
    fill(tenv_abs(e, 0x30000), 4096, 4);
    set_psw_key(cpu, 8);
    cpu->psw_mask |= PSW_MASK_PSTATE;
    cpu->cr[3] = BIT64(32 + 8);
    cpu->gr[6] = 0x41000, cpu->gr[9] = 0x30000;
    Insn in = rre(6, 9);
    cpu->gr[0] = GR0_F | GR0_KEY(3);
    CHECK_EQ(insn_mvpg(cpu, &in), PGM_PRIVILEGED);
    /* the key-mask check comes before the reserved-bit check (Hercules) */
    cpu->gr[0] = GR0_F | GR0_S | GR0_KEY(3);
    CHECK_EQ(insn_mvpg(cpu, &in), PGM_PRIVILEGED);
    CHECK(all_eq(tenv_abs(e, 0x41000), 4096, 0xEE));
    cpu->cr[3] |= BIT64(32 + 3);
    cpu->gr[0] = GR0_F | GR0_KEY(3);
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_MEM(tenv_abs(e, 0x41000), tenv_abs(e, 0x30000), 4096);
    tenv_free(e);
}

/* ---------------------------------------------------------------------- */
/* Translation exceptions, CCO, TEID bit 61, operand access id.
 *
 * Source at VA_S, destination at VA_D, under a region-first ASCE and in
 * different region-first entries, so each level's entry belongs to one
 * operand only. */

#define VA_S 0x0020000000000000ULL
#define VA_D 0x0040000000000000ULL
#define FR_S 0x300000ULL
#define FR_D 0x310000ULL

typedef struct Mp {
    TestEnv *e;
    uint64_t asce;
} Mp;

static Mp mp_new(bool edat)
{
    Mp m;
    m.e = tenv_new(RAM);
    m.asce = tenv_asce_new(m.e, ASCE_TYPE_REGION1);
    tenv_map(m.e, m.asce, VA_S, FR_S, 0);
    tenv_map(m.e, m.asce, VA_D, FR_D, 0);
    tenv_dat_on(m.e, m.asce);
    if (edat)
        m.e->cpu.cr[0] |= CR0_EDAT;
    fill(tenv_abs(m.e, FR_S), 4096, 0x5C);
    memset(tenv_abs(m.e, FR_D), 0xEE, 4096);
    m.e->cpu.gr[6] = VA_D + 0x123;
    m.e->cpu.gr[9] = VA_S + 0xABC;
    return m;
}

static const uint16_t lvl_code[5] = {
    PGM_REG_FIRST_TRANS, PGM_REG_SECOND_TRANS, PGM_REG_THIRD_TRANS, PGM_SEGMENT_TRANS,
    PGM_PAGE_TRANS,
};

static uint64_t lvl_ibit(int lvl)
{
    return lvl == LVL_PAGE ? PAGE_ENTRY_I : lvl == LVL_SEGMENT ? SEGMENT_ENTRY_I : REGION_ENTRY_I;
}

TEST(mvpg_translation_exceptions_cco0)
{
    for (int edat = 0; edat < 2; edat++)
        for (int lvl = LVL_REGION1; lvl <= LVL_PAGE; lvl++)
            for (int op = 1; op <= 2; op++) {
                Mp m = mp_new(edat);
                CPUState *cpu = &m.e->cpu;
                uint64_t va = op == 1 ? VA_D : VA_S;
                tenv_entry_or(m.e, m.asce, va, lvl, lvl_ibit(lvl));
                cpu->gr[0] = 0;
                uint64_t psw = cpu->psw_mask;
                Insn in = rre(6, 9);
                int rc = insn_mvpg(cpu, &in);
                CHECK_EQ(rc, lvl_code[lvl]);
                bool special = lvl == LVL_PAGE || edat;
                uint64_t teid = va | (op == 1 ? TEID_STORE : TEID_FETCH) |
                                (special ? TEID_PROT_B61 : 0);
                CHECK(cpu->pgm.teid_valid);
                CHECK_EQ(cpu->pgm.teid, teid);
                CHECK_EQ(cpu->pgm.op_access_id_valid, special);
                if (special)
                    CHECK_EQ(cpu->pgm.op_access_id, 0x69);
                CHECK(all_eq(tenv_abs(m.e, FR_D), 4096, 0xEE));
                CHECK_EQ(cpu->psw_mask, psw);
                tenv_free(m.e);
            }
}

TEST(mvpg_translation_exceptions_cco1)
{
    for (int edat = 0; edat < 2; edat++)
        for (int lvl = LVL_REGION1; lvl <= LVL_PAGE; lvl++)
            for (int which = 1; which <= 3; which++) {   /* 1 dest, 2 source, 3 both */
                Mp m = mp_new(edat);
                CPUState *cpu = &m.e->cpu;
                if (which & 1)
                    tenv_entry_or(m.e, m.asce, VA_D, lvl, lvl_ibit(lvl));
                if (which & 2)
                    tenv_entry_or(m.e, m.asce, VA_S, lvl, lvl_ibit(lvl));
                cpu->gr[0] = GR0_CCO;
                cpu_set_cc(cpu, 0);
                Insn in = rre(6, 9);
                int rc = insn_mvpg(cpu, &in);
                bool special = lvl == LVL_PAGE || edat;
                if (special) {
                    CHECK_EQ(rc, 0);
                    CHECK_EQ(cpu_cc(cpu), which == 1 ? 1 : 2);
                } else {
                    /* an ordinary DAT exception, source first */
                    CHECK_EQ(rc, lvl_code[lvl]);
                    uint64_t va = (which & 2) ? VA_S : VA_D;
                    CHECK_EQ(cpu->pgm.teid, va | ((which & 2) ? TEID_FETCH : TEID_STORE));
                    CHECK(!cpu->pgm.op_access_id_valid);
                }
                CHECK(all_eq(tenv_abs(m.e, FR_D), 4096, 0xEE));
                tenv_free(m.e);
            }
}

/* Protection and addressing interrupt whatever CCO says, and the source
 * is examined first. */
TEST(mvpg_cco_protection_and_addressing_interrupt)
{
    for (int cco = 0; cco < 2; cco++) {
        uint64_t r0 = cco ? GR0_CCO : 0;
        Insn in = rre(6, 9);

        /* destination DAT-protected */
        Mp m = mp_new(false);
        CPUState *cpu = &m.e->cpu;
        tenv_entry_or(m.e, m.asce, VA_D, LVL_PAGE, PAGE_ENTRY_P);
        cpu->gr[0] = r0;
        CHECK_EQ(insn_mvpg(cpu, &in), PGM_PROTECTION);
        CHECK_EQ(cpu->pgm.teid, VA_D | TEID_STORE | TEID_PROT_DAT);
        CHECK(!cpu->pgm.op_access_id_valid);
        CHECK(all_eq(tenv_abs(m.e, FR_D), 4096, 0xEE));
        tenv_free(m.e);

        /* source frame outside storage: addressing, no TEID */
        m = mp_new(false);
        cpu = &m.e->cpu;
        tenv_map(m.e, m.asce, VA_S, 0x40000000, 0);
        cpu->gr[0] = r0;
        CHECK_EQ(insn_mvpg(cpu, &in), PGM_ADDRESSING);
        CHECK(!cpu->pgm.teid_valid);
        tenv_free(m.e);

        /* destination frame outside storage */
        m = mp_new(false);
        cpu = &m.e->cpu;
        tenv_map(m.e, m.asce, VA_D, 0x40000000, 0);
        cpu->gr[0] = r0;
        CHECK_EQ(insn_mvpg(cpu, &in), PGM_ADDRESSING);
        tenv_free(m.e);

        /* source fetch-protected and destination invalid: the source's
         * protection exception wins over the destination's CC1 */
        m = mp_new(false);
        cpu = &m.e->cpu;
        set_psw_key(cpu, 2);
        storage_set_key(&m.e->m.storage, FR_S, 0x38);
        storage_set_key(&m.e->m.storage, FR_D, 0x20);
        tenv_entry_or(m.e, m.asce, VA_D, LVL_PAGE, PAGE_ENTRY_I);
        cpu->gr[0] = r0;
        CHECK_EQ(insn_mvpg(cpu, &in), PGM_PROTECTION);
        CHECK_EQ(cpu->pgm.teid, VA_S | TEID_FETCH | TEID_PROT_KEY);
        CHECK(all_eq(tenv_abs(m.e, FR_D), 4096, 0xEE));
        tenv_free(m.e);
    }
}

/* ---------------------------------------------------------------------- */
/* Byte path and watchpoints */

typedef struct IoLog {
    uint8_t mem[4096];
    int n, bad;
    uint64_t next;
    bool wr;
} IoLog;

/* Each byte once, in ascending order: remember only violations. */
static uint8_t io_rd(void *opaque, uint64_t off)
{
    IoLog *l = opaque;
    if (off != l->next || l->wr)
        l->bad++;
    l->next = off + 1;
    l->n++;
    return l->mem[off];
}

static void io_wr(void *opaque, uint64_t off, uint8_t v)
{
    IoLog *l = opaque;
    if (off != l->next || !l->wr)
        l->bad++;
    l->next = off + 1;
    l->n++;
    l->mem[off] = v;
}

TEST(mvpg_io_region_byte_path)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    IoLog *log = calloc(1, sizeof(*log));
    const uint64_t io = 0x2000000;
    CHECK_EQ(storage_add_io(&e->m.storage, io, 4096, io_rd, io_wr, log), 0);
    uint8_t *ram = tenv_abs(e, 0x30000);
    fill(ram, 4096, 0x17);
    cpu->gr[0] = 0;
    /* RAM -> I/O: 4096 writes, in order, the RAM bytes */
    log->wr = true;
    cpu->gr[6] = io, cpu->gr[9] = 0x30000;
    Insn in = rre(6, 9);
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_EQ(log->n, 4096);
    CHECK_EQ(log->bad, 0);
    CHECK_MEM(log->mem, ram, 4096);
    /* I/O -> RAM: 4096 reads, in order */
    for (int i = 0; i < 4096; i++)
        log->mem[i] = (uint8_t)(i ^ 0xA5);
    log->n = 0, log->next = 0, log->wr = false;
    cpu->gr[6] = 0x50000, cpu->gr[9] = io;
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_EQ(log->n, 4096);
    CHECK_EQ(log->bad, 0);
    CHECK_MEM(tenv_abs(e, 0x50000), log->mem, 4096);
    tenv_free(e);
    free(log);
}

TEST(mvpg_watchpoint)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    memset(tenv_abs(e, 0x41000), 0xEE, 4096);
    fill(tenv_abs(e, 0x30000), 4096, 2);
    CHECK_EQ(access_watch_add(&e->m, 0x41FFF, 1, WP_WRITE), 0);
    cpu->gr[6] = 0x41000, cpu->gr[9] = 0x30000;
    Insn in = rre(6, 9);
    for (int cco = 0; cco < 2; cco++) {
        cpu->gr[0] = cco ? GR0_CCO : 0;
        cpu_set_cc(cpu, 3);
        memset(&cpu->watch, 0, sizeof(cpu->watch));
        CHECK_EQ(insn_mvpg(cpu, &in), INSN_WATCH);
        CHECK_EQ(cpu->watch.addr, 0x41FFF);
        CHECK_EQ(cpu_cc(cpu), 3);
        CHECK(all_eq(tenv_abs(e, 0x41000), 4096, 0xEE));
        CHECK(!(storage_key(&e->m.storage, 0x41000) & SKEY_C));
    }
    tenv_free(e);
}

/* Access-register mode: ARs R1 and R2 select the spaces (ALET 1 ->
 * secondary). */
TEST(mvpg_access_register_mode)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_REGION3);
    uint64_t sasce = tenv_asce_new(e, ASCE_TYPE_REGION3);
    tenv_map(e, asce, 0x100000, 0x300000, 0);
    tenv_map(e, asce, 0x200000, 0x310000, 0);
    tenv_map(e, sasce, 0x100000, 0x320000, 0);
    tenv_map(e, sasce, 0x200000, 0x330000, 0);
    tenv_dat_on(e, asce);
    cpu->cr[7] = sasce;
    cpu->cr[0] |= CR0_SEC_SPACE;
    fill(tenv_abs(e, 0x300000), 4096, 0x01);
    fill(tenv_abs(e, 0x320000), 4096, 0x80);
    memset(tenv_abs(e, 0x310000), 0xEE, 4096);
    memset(tenv_abs(e, 0x330000), 0xDD, 4096);
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_ASC) | (uint64_t)PSW_ASC_AR << PSW_SHIFT_ASC;
    cpu->gr[0] = 0;
    cpu->gr[6] = 0x200000, cpu->gr[9] = 0x100000;
    cpu->ar[6] = 0, cpu->ar[9] = 1;             /* primary <- secondary */
    Insn in = rre(6, 9);
    CHECK_EQ(insn_mvpg(cpu, &in), 0);
    CHECK_MEM(tenv_abs(e, 0x310000), tenv_abs(e, 0x320000), 4096);
    CHECK(all_eq(tenv_abs(e, 0x330000), 4096, 0xDD));
    /* a page-translation exception in AR mode: TEID ASCE id 01, bit 61 */
    tenv_entry_or(e, sasce, 0x100000, LVL_PAGE, PAGE_ENTRY_I);
    cpu_flush_tlb_local(cpu);
    CHECK_EQ(insn_mvpg(cpu, &in), PGM_PAGE_TRANS);
    CHECK_EQ(cpu->pgm.teid, 0x100000 | TEID_FETCH | TEID_PROT_B61 | 1);
    CHECK_EQ(cpu->pgm.op_access_id, 0x69);
    tenv_free(e);
}
