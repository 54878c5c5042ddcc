/* CLCL, CLCLE, CLCLU and CKSM (ZARCH-NOTES §7.5, §7.10): condition codes,
 * registers at the first unequal byte, pad comparison, CPU-determined ends,
 * and the CHECKSUM arithmetic (32-bit one's-complement sum of big-endian
 * words, carries wrapped around, a short last word padded with zeros on the
 * right) worked out by hand. */
#include "test_long.h"

#define RAM (16ULL << 20)

/* Two copies of the same random bytes at a1 and a2. */
static void same_data(TestEnv *e, uint64_t a1, uint64_t a2, uint64_t l, uint64_t seed)
{
    tl_fill_rand(tenv_abs(e, a1), l, seed);
    memcpy(tenv_abs(e, a2), tenv_abs(e, a1), l);
}

static void set_regs(CPUState *cpu, uint64_t a1, uint64_t r3, uint64_t a2, uint64_t r5)
{
    cpu->gr[2] = a1;
    cpu->gr[3] = r3;
    cpu->gr[4] = a2;
    cpu->gr[5] = r5;
}

/* ---------------- CLCL ---------------- */

TEST(clcl_equal_cc0)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100123, a2 = 0x300456, l = 0x2345;
    same_data(e, a1, a2, l, 1);
    set_regs(cpu, a1, 0xAAAAAAAA11000000ULL | l, a2, 0xBBBBBBBB40000000ULL | l);
    cpu_set_cc(cpu, 3);
    Insn in = tl_rr(OP_CLCL, 2, 4);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], a1 + l);
    CHECK_EQ(cpu->gr[3], 0xAAAAAAAA11000000ULL);
    CHECK_EQ(cpu->gr[4], a2 + l);
    CHECK_EQ(cpu->gr[5], 0xBBBBBBBB40000000ULL);
    tenv_free(e);
}

TEST(clcl_first_unequal_byte_cc1_cc2)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100123, a2 = 0x300456, l = 0x2345;
    same_data(e, a1, a2, l, 2);
    /* Differences at 0x1234 (in op1's 2nd page) and later at 0x2000. */
    tenv_abs(e, a1)[0x1234] = 0x10;
    tenv_abs(e, a2)[0x1234] = 0x20;
    tenv_abs(e, a1)[0x2000] = 0xFF;
    tenv_abs(e, a2)[0x2000] = 0x00;
    set_regs(cpu, a1, l, a2, 0x40000000 | l);
    Insn in = tl_rr(OP_CLCL, 2, 4);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);                    /* 0x10 < 0x20: op1 low */
    CHECK_EQ(cpu->gr[2], a1 + 0x1234);
    CHECK_EQ(cpu->gr[3], l - 0x1234);
    CHECK_EQ(cpu->gr[4], a2 + 0x1234);
    CHECK_EQ(cpu->gr[5], 0x40000000 | (l - 0x1234));
    /* Executing again compares the same unequal bytes. */
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], a1 + 0x1234);
    /* Past it, the next difference is op1 high. */
    set_regs(cpu, a1 + 0x1235, l - 0x1235, a2 + 0x1235, l - 0x1235);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[2], a1 + 0x2000);
    CHECK_EQ(cpu->gr[5], l - 0x2000);
    tenv_free(e);
}

TEST(clcl_pad_extends_shorter_operand)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000;
    /* op1 = op2 (0x800 bytes) then 0x1000 bytes of the pad 0x40. */
    same_data(e, a1, a2, 0x800, 3);
    memset(tenv_abs(e, a1 + 0x800), 0x40, 0x1000);
    Insn in = tl_rr(OP_CLCL, 2, 4);
    set_regs(cpu, a1, 0x1800, a2, 0x40000800);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], a1 + 0x1800);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[4], a2 + 0x800);
    CHECK_EQ(cpu->gr[5], 0x40000000);
    /* A byte above the pad at op1 + 0x1000: op1 high, R1 there, R2 stays at
     * the end of op2 with length 0. */
    tenv_abs(e, a1)[0x1000] = 0x41;
    set_regs(cpu, a1, 0x1800, a2, 0x40000800);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[2], a1 + 0x1000);
    CHECK_EQ(cpu->gr[3], 0x800);
    CHECK_EQ(cpu->gr[4], a2 + 0x800);
    CHECK_EQ(cpu->gr[5], 0x40000000);
    /* Below the pad: op1 low. */
    tenv_abs(e, a1)[0x1000] = 0x3F;
    set_regs(cpu, a1, 0x1800, a2, 0x40000800);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    tenv_free(e);
}

TEST(clcl_op1_empty_compares_pad_with_op2)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a2 = 0x300000;
    memset(tenv_abs(e, a2), 0x40, 0x10);
    Insn in = tl_rr(OP_CLCL, 2, 4);
    /* op1 outside storage: with length 0 it is never accessed. */
    set_regs(cpu, 0x7FFFF000, 0, a2, 0x40000010);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0x7FFFF000);
    CHECK_EQ(cpu->gr[4], a2 + 0x10);
    /* op2 byte 5 below the pad: op1 (the pad) is high. */
    tenv_abs(e, a2)[5] = 0x3F;
    set_regs(cpu, 0x7FFFF000, 0, a2, 0x40000010);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[4], a2 + 5);
    CHECK_EQ(cpu->gr[5], 0x4000000B);
    CHECK_EQ(cpu->gr[2], 0x7FFFF000);
    CHECK_EQ(cpu->gr[3], 0);
    tenv_abs(e, a2)[5] = 0x41;
    set_regs(cpu, 0x7FFFF000, 0, a2, 0x40000010);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    /* Both empty: CC0, no access. */
    set_regs(cpu, 0x7FFFF000, 0, 0x7FFFE000, 0x40000000);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    tenv_free(e);
}

TEST(clcl_reexecute_and_spec)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000, l = 0x3000;
    same_data(e, a1, a2, l, 4);
    TlYield y = { .yield_after = 1 };
    tl_hook(cpu, &y);
    set_regs(cpu, a1, l, a2, l);
    cpu_set_cc(cpu, 2);
    Insn in = tl_rr(OP_CLCL, 2, 4);
    CHECK_EQ(insn_clcl(cpu, &in), INSN_REEXECUTE);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[2], a1 + 0x1000);
    CHECK_EQ(cpu->gr[3], l - 0x1000);
    CHECK_EQ(cpu->gr[4], a2 + 0x1000);
    CHECK_EQ(cpu->gr[5], l - 0x1000);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[3], 0);
    in = tl_rr(OP_CLCL, 1, 4);
    CHECK_EQ(insn_clcl(cpu, &in), PGM_SPECIFICATION);
    in = tl_rr(OP_CLCL, 2, 7);
    CHECK_EQ(insn_clcl(cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

TEST(clcl_24bit_wraparound)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    tenv_amode(cpu, 24);
    /* op1 = 0xFFFFF0.. wrapping to 0..0xF, equal to op2 at 0x200000. */
    tl_fill_rand(tenv_abs(e, 0x200000), 0x20, 5);
    memcpy(tenv_abs(e, 0xFFFFF0), tenv_abs(e, 0x200000), 0x10);
    memcpy(tenv_abs(e, 0), tenv_abs(e, 0x200010), 0x10);
    tenv_abs(e, 0)[7] = (uint8_t)(tenv_abs(e, 0x200017)[0] ^ 0x80);
    set_regs(cpu, 0x55FFFFF0, 0x20, 0x66200000, 0x20);
    Insn in = tl_rr(OP_CLCL, 2, 4);
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    /* op1's byte is op2's with bit 0 flipped: low iff op2's has it set. */
    CHECK_EQ(cpu_cc(cpu), (tenv_abs(e, 0x200017)[0] & 0x80) ? 1 : 2);
    /* First difference at operand byte 0x17 = address 0x000007. */
    CHECK_EQ(cpu->gr[2], 0x7);
    CHECK_EQ(cpu->gr[3], 0x20 - 0x17);
    CHECK_EQ(cpu->gr[4], 0x200017);
    tenv_free(e);
}

/* ---------------- CLCLE ---------------- */

TEST(clcle_cpu_determined_end_cc3)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000, l = 20 * 0x1000;
    same_data(e, a1, a2, l, 6);
    set_regs(cpu, a1, l, a2, l);
    Insn in = tl_rs(OP_CLCLE, 2, 4, 0, 0);
    /* 16 equal page units, then CC3 with the registers advanced. */
    CHECK_EQ(insn_clcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], a1 + 0x10000);
    CHECK_EQ(cpu->gr[3], 0x4000);
    CHECK_EQ(cpu->gr[4], a2 + 0x10000);
    CHECK_EQ(cpu->gr[5], 0x4000);
    CHECK_EQ(insn_clcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[3], 0);
    /* An inequality in the 18th page is found by the second execution. */
    tenv_abs(e, a2)[0x11005] ^= 1;
    uint8_t b1 = tenv_abs(e, a1)[0x11005], b2 = tenv_abs(e, a2)[0x11005];
    set_regs(cpu, a1, l, a2, l);
    int execs = 0;
    do {
        CHECK_EQ(insn_clcle(cpu, &in), 0);
        execs++;
    } while (cpu_cc(cpu) == 3 && execs < 10);
    CHECK_EQ(execs, 2);
    CHECK_EQ(cpu_cc(cpu), b1 < b2 ? 1 : 2);
    CHECK_EQ(cpu->gr[2], a1 + 0x11005);
    CHECK_EQ(cpu->gr[5], l - 0x11005);
    tenv_free(e);
}

TEST(clcle_pad_and_yield)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    const uint64_t a1 = 0x100000, a2 = 0x300000;
    same_data(e, a1, a2, 4, 7);
    memset(tenv_abs(e, a1 + 4), 0x40, 12);
    Insn in = tl_rs(OP_CLCLE, 2, 4, 0, 0x40);
    set_regs(cpu, a1, 16, a2, 4);
    CHECK_EQ(insn_clcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], a1 + 16);
    CHECK_EQ(cpu->gr[4], a2 + 4);
    tenv_abs(e, a1)[9] = 0x30;                   /* below the pad: low */
    set_regs(cpu, a1, 16, a2, 4);
    CHECK_EQ(insn_clcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], a1 + 9);
    CHECK_EQ(cpu->gr[3], 7);
    CHECK_EQ(cpu->gr[4], a2 + 4);
    CHECK_EQ(cpu->gr[5], 0);

    /* A pending request between units: CC3, registers after unit 0. */
    same_data(e, a1, a2, 0x3000, 8);
    TlYield y = { .yield_after = 1 };
    tl_hook(cpu, &y);
    set_regs(cpu, a1, 0x3000, a2, 0x3000);
    CHECK_EQ(insn_clcle(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[3], 0x2000);
    in = tl_rs(OP_CLCLE, 2, 3, 0, 0);
    CHECK_EQ(insn_clcle(cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

/* ---------------- CLCLU ---------------- */

TEST(clclu_registers_at_unequal_character)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    static const uint8_t s1[4] = { 0x00, 0x41, 0x00, 0x42 };
    static const uint8_t s2[4] = { 0x00, 0x41, 0x00, 0x43 };
    memcpy(tenv_abs(e, 0x100000), s1, 4);
    memcpy(tenv_abs(e, 0x300000), s2, 4);
    set_regs(cpu, 0x100000, 4, 0x300000, 4);
    Insn in = tl_rs(OP_CLCLU, 2, 4, 0, 0);
    CHECK_EQ(insn_clclu(cpu, &in), 0);
    /* 0x0042 < 0x0043; the first unequal byte is byte 3, the registers
     * designate its character, at byte 2. */
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], 0x100002);
    CHECK_EQ(cpu->gr[3], 2);
    CHECK_EQ(cpu->gr[4], 0x300002);
    CHECK_EQ(cpu->gr[5], 2);
    tenv_free(e);
}

TEST(clclu_two_byte_pad_and_spec)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    static const uint8_t s1[6] = { 0x00, 0x41, 0x12, 0x34, 0x12, 0x34 };
    static const uint8_t s2[2] = { 0x00, 0x41 };
    memcpy(tenv_abs(e, 0x100000), s1, 6);
    memcpy(tenv_abs(e, 0x300000), s2, 2);
    set_regs(cpu, 0x100000, 6, 0x300000, 2);
    Insn in = tl_rs(OP_CLCLU, 2, 4, 0, 0x1234);
    CHECK_EQ(insn_clclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0x100006);
    CHECK_EQ(cpu->gr[4], 0x300002);
    /* Third character 0x1235 > pad 0x1234: op1 high at byte 4. */
    tenv_abs(e, 0x100005)[0] = 0x35;
    set_regs(cpu, 0x100000, 6, 0x300000, 2);
    CHECK_EQ(insn_clclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[2], 0x100004);
    CHECK_EQ(cpu->gr[3], 2);
    CHECK_EQ(cpu->gr[4], 0x300002);
    CHECK_EQ(cpu->gr[5], 0);
    /* Odd lengths. */
    set_regs(cpu, 0x100000, 5, 0x300000, 2);
    CHECK_EQ(insn_clclu(cpu, &in), PGM_SPECIFICATION);
    set_regs(cpu, 0x100000, 6, 0x300000, 1);
    CHECK_EQ(insn_clclu(cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

TEST(clclu_character_across_page_boundary)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    /* op1 at an odd address one byte before a page end: the character
     * at 0x100FFF..0x101000 is one unit over both pages; a difference in
     * its second byte points the registers at its first. */
    static const uint8_t s[6] = { 0x00, 0x41, 0x00, 0x42, 0x00, 0x43 };
    memcpy(tenv_abs(e, 0x100FFD), s, 6);
    memcpy(tenv_abs(e, 0x300000), s, 6);
    tenv_abs(e, 0x101000)[0] = 0x50;            /* 2nd byte of character 1 */
    TlYield y = { .every = true };
    tl_hook(cpu, &y);
    set_regs(cpu, 0x100FFD, 6, 0x300000, 6);
    Insn in = tl_rs(OP_CLCLU, 2, 4, 0, 0);
    CHECK_EQ(insn_clclu(cpu, &in), 0);          /* unit 0: 2 bytes */
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x100FFF);
    CHECK_EQ(insn_clclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);                    /* 0x0050 > 0x0042 */
    CHECK_EQ(cpu->gr[2], 0x100FFF);
    CHECK_EQ(cpu->gr[3], 4);
    CHECK_EQ(cpu->gr[4], 0x300002);
    tenv_free(e);
}

/* ---------------- CKSM ---------------- */

static void put(TestEnv *e, uint64_t a, const uint8_t *b, size_t n)
{
    memcpy(tenv_abs(e, a), b, n);
}

/* CKSM R6,R2 over n bytes at a with initial sum in GR6 bits 32-63. */
static uint32_t cksm_once(TestEnv *e, uint64_t a, uint64_t n, uint64_t r6, int *rc)
{
    CPUState *cpu = &e->cpu;
    cpu->gr[6] = r6;
    cpu->gr[2] = a;
    cpu->gr[3] = n;
    Insn in = tl_rr(OP_CKSM, 6, 2);
    *rc = insn_cksm(cpu, &in);
    return (uint32_t)cpu->gr[6];
}

TEST(cksm_arithmetic)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    int rc;
    /* 2 + 0x00000001 = 3; bits 0-31 of R1 stay. */
    put(e, 0x100000, (const uint8_t[]){ 0, 0, 0, 1 }, 4);
    cksm_once(e, 0x100000, 4, 0xFFFFFFFF00000002ULL, &rc);
    CHECK_EQ(rc, 0);
    CHECK_EQ(cpu->gr[6], 0xFFFFFFFF00000003ULL);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0x100004);
    CHECK_EQ(cpu->gr[3], 0);
    /* 1 + 0xFFFFFFFF = 0x1_00000000 -> carry wraps around: 0x00000001. */
    put(e, 0x100000, (const uint8_t[]){ 0xFF, 0xFF, 0xFF, 0xFF }, 4);
    CHECK_EQ(cksm_once(e, 0x100000, 4, 1, &rc), 1);
    /* 0xFF000000 + 0x80000000 = 0x1_7F000000 -> 0x7F000001
     *            + 0x85000000 = 0x1_04000001 -> 0x04000002
     *            + 0xFF000000 = 0x1_03000002 -> 0x03000003 */
    put(e, 0x100000, (const uint8_t[]){ 0x80, 0, 0, 0, 0x85, 0, 0, 0, 0xFF, 0, 0, 0 }, 12);
    CHECK_EQ(cksm_once(e, 0x100000, 12, 0xFF000000, &rc), 0x03000003);
    /* Short last word, zero padded on the right:
     * 3 bytes AB CD EF -> 0xABCDEF00 + 0x10 = 0xABCDEF10 */
    put(e, 0x100000, (const uint8_t[]){ 0xAB, 0xCD, 0xEF, 0x99 }, 4);
    CHECK_EQ(cksm_once(e, 0x100000, 3, 0x10, &rc), 0xABCDEF10);
    CHECK_EQ(cpu->gr[2], 0x100003);
    /* 1 byte 7F -> 0x7F000000 + 0x02000000 = 0x81000000 */
    CHECK_EQ(cksm_once(e, 0x100000 + 4, 0, 0x02000000, &rc), 0x02000000);  /* empty */
    put(e, 0x100000, (const uint8_t[]){ 0x7F, 0xFF }, 2);
    CHECK_EQ(cksm_once(e, 0x100000, 1, 0x02000000, &rc), 0x81000000);
    /* 2 bytes FF FF -> 0xFFFF0000 + 0x00020000 = 0x1_00010000 -> 0x00010001 */
    put(e, 0x100000, (const uint8_t[]){ 0xFF, 0xFF, 0x12 }, 3);
    CHECK_EQ(cksm_once(e, 0x100000, 2, 0x00020000, &rc), 0x00010001);
    tenv_free(e);
}

TEST(cksm_word_across_page_boundary)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    /* 10 bytes 01..0A from 2 bytes before a page end:
     *   0x01020304 + 0x05060708 = 0x06080A0C; + 0x090A0000 = 0x0F120A0C.
     * With a yield after every unit: unit 0 is the first word (it straddles
     * the page boundary), so execution 1 ends with 4 bytes done. */
    static const uint8_t b[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    put(e, 0x100FFE, b, 10);
    TlYield y = { .every = true };
    tl_hook(cpu, &y);
    int rc;
    CHECK_EQ(cksm_once(e, 0x100FFE, 10, 0, &rc), 0x01020304);
    CHECK_EQ(rc, 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x101002);
    CHECK_EQ(cpu->gr[3], 6);
    Insn in = tl_rr(OP_CKSM, 6, 2);
    CHECK_EQ(insn_cksm(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ((uint32_t)cpu->gr[6], 0x0F120A0C);
    CHECK_EQ(cpu->gr[2], 0x101008);
    CHECK_EQ(cpu->gr[3], 0);
    tenv_free(e);
}

TEST(cksm_cpu_determined_end_and_loop)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    /* 20 pages of words 0x00000001: 1024 per page.  Execution 1: 16 pages
     * -> 16 * 1024 = 0x4000, CC3; then the rest: 20 * 1024 = 0x5000. */
    uint8_t *p = tenv_abs(e, 0x100000);
    for (unsigned i = 0; i < 20 * 0x1000; i += 4) {
        p[i] = p[i + 1] = p[i + 2] = 0;
        p[i + 3] = 1;
    }
    int rc;
    CHECK_EQ(cksm_once(e, 0x100000, 20 * 0x1000, 0, &rc), 0x4000);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x110000);
    CHECK_EQ(cpu->gr[3], 0x4000);
    Insn in = tl_rr(OP_CKSM, 6, 2);
    CHECK_EQ(insn_cksm(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ((uint32_t)cpu->gr[6], 0x5000);
    CHECK_EQ(cpu->gr[3], 0);
    tenv_free(e);
}

TEST(cksm_registers_31bit_and_spec)
{
    TestEnv *e = tenv_new(RAM);
    CPUState *cpu = &e->cpu;
    tenv_amode(cpu, 31);
    put(e, 0x100000, (const uint8_t[]){ 0, 0, 0, 5 }, 4);
    cpu->gr[6] = 0x1111111100000001ULL;
    cpu->gr[2] = 0x2222222280100000ULL;         /* bit 32 set: ignored, zeroed */
    cpu->gr[3] = 0x3333333300000004ULL;         /* 32-bit length */
    Insn in = tl_rr(OP_CKSM, 6, 2);
    CHECK_EQ(insn_cksm(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[6], 0x1111111100000006ULL);
    CHECK_EQ(cpu->gr[2], 0x2222222200100004ULL);
    CHECK_EQ(cpu->gr[3], 0x3333333300000000ULL);
    in = tl_rr(OP_CKSM, 6, 3);
    CHECK_EQ(insn_cksm(cpu, &in), PGM_SPECIFICATION);
    CHECK_EQ(cpu->gr[6], 0x1111111100000006ULL);
    tenv_free(e);
}
