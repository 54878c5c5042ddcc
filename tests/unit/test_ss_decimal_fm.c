/* Fault matrices for MVO, PACK, UNPK, PKA, PKU, UNPKA, UNPKU, ED and EDMK:
 * every access-exception kind on every page of every operand, with
 * page-crossing operands, must raise the right exception with the right
 * TEID and store nothing (FM_NOTHING_STORED: operand frames, keys,
 * registers, CC and PSW unchanged).  The fault-free run of each scenario
 * checks the hand-computed result, CC and (EDMK) GR1.
 *
 * Operand kinds: operand 2 is fetched; operand 1 is stored (PACK, UNPK,
 * PKA, PKU, UNPKA, UNPKU) or fetched and stored (MVO keeps the right half
 * of its last byte; ED/EDMK read the pattern).  For ED/EDMK operand 2 is
 * only the source bytes the pattern actually needs. */
#include <string.h>

#include "faultmatrix.h"
#include "insn/insn.h"
#include "test.h"

typedef struct DecFm {
    uint32_t len1, len2;
    uint8_t op1[64], op2[64];   /* initial contents */
    uint8_t want[64];           /* operand 1 after the fault-free run */
    int cc;                     /* CC after the fault-free run; -1: unchanged (3) */
    int gr1_off;                /* EDMK: GR1 = operand-1 address + this; -1: unchanged */
} DecFm;

#define GR1_MAGIC 0x4242424242424242ULL

static void dec_setup(FmCase *c)
{
    const DecFm *d = c->ctx;
    CPUState *cpu = &c->env->cpu;
    fm_write(c, c->va[0], d->op1, d->len1);
    fm_write(c, c->va[1], d->op2, d->len2);
    cpu->gr[3] = c->va[0];
    cpu->gr[4] = c->va[1];
    cpu->gr[1] = GR1_MAGIC;
    cpu_set_cc(cpu, 3);
}

static void dec_check(FmCase *c)
{
    const DecFm *d = c->ctx;
    CPUState *cpu = &c->env->cpu;
    if (c->kind != FK_COUNT) {
        /* the driver compared frames, keys, registers and PSW; the CC is
         * part of the PSW, say it once more for the reader */
        CHECK_EQ(cpu_cc(cpu), 3);
        return;
    }
    uint8_t got[64];
    fm_read(c, c->va[0], got, d->len1);
    CHECK_MEM(got, d->want, d->len1);
    CHECK_EQ(cpu_cc(cpu), d->cc < 0 ? 3 : d->cc);
    CHECK_EQ(cpu->gr[1], d->gr1_off < 0 ? GR1_MAGIC : c->va[0] + (uint64_t)d->gr1_off);
}

/* Runs one instruction's matrix with operand 1 at off1 and operand 2 at
 * off2 of their pages. */
static void dec_matrix(const char *name, int (*h)(CPUState *, const Insn *), uint8_t l1,
                       uint8_t l2, AccessKind kind1, const DecFm *d, uint32_t off1, uint32_t off2)
{
    FmScenario s;
    memset(&s, 0, sizeof(s));
    s.name = name;
    s.nops = 2;
    s.ops[0] = (FmOperand){ off1, d->len1, kind1 };
    s.ops[1] = (FmOperand){ off2, d->len2, ACC_FETCH };
    s.handler = h;
    s.insn.ilen = 6;
    s.insn.l1 = l1;
    s.insn.l2 = l2;
    s.insn.b1 = 3;
    s.insn.b2 = 4;
    s.setup = dec_setup;
    s.check = dec_check;
    s.flags = FM_NOTHING_STORED;
    s.ctx = (void *)d;
    int n = fm_run(&s);
    /* fault-free + at least the five translation kinds, addressing and
     * fetch protection on both pages of operand 2 */
    CHECK(n > 14);
}

/* Both operands cross a page boundary; then operand 1 alone near the start
 * of its page (so that low-address protection of page 0 applies) with a
 * crossing operand 2. */
static void dec_matrix2(const char *name, int (*h)(CPUState *, const Insn *), uint8_t l1,
                        uint8_t l2, AccessKind kind1, const DecFm *d)
{
    uint32_t x1 = 4096 - d->len1 / 2, x2 = 4096 - d->len2 / 2;
    if (d->len1 < 2)
        x1 = 4095;
    dec_matrix(name, h, l1, l2, kind1, d, x1, x2);
    dec_matrix(name, h, l1, l2, kind1, d, 100, x2);
}

TEST(fm_mvo)
{
    /* 77 88 99 0C <- 12 34 56: 01 23 45 6C (see test_ss_decimal.c) */
    static const DecFm d = { 4, 3, { 0x77, 0x88, 0x99, 0x0C }, { 0x12, 0x34, 0x56 },
                             { 0x01, 0x23, 0x45, 0x6C }, -1, -1 };
    dec_matrix2("mvo", insn_mvo, 3, 2, ACC_UPDATE, &d);
}

TEST(fm_pack)
{
    /* F1 F2 F3 F4 F5 C6: rightmost C6 -> 6C, then digits 5 (right) and 4
     * (left) -> 45, 3 and 2 -> 23, 1 and 0 -> 01: 01 23 45 6C */
    static const DecFm d = { 4, 6, { 0 }, { 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xC6 },
                             { 0x01, 0x23, 0x45, 0x6C }, -1, -1 };
    dec_matrix2("pack", insn_pack, 3, 5, ACC_STORE, &d);
}

TEST(fm_unpk)
{
    /* 12 34 5C -> F0 F0 F1 F2 F3 F4 C5 */
    static const DecFm d = { 7, 3, { 0 }, { 0x12, 0x34, 0x5C },
                             { 0xF0, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xC5 }, -1, -1 };
    dec_matrix2("unpk", insn_unpk, 6, 2, ACC_STORE, &d);
}

TEST(fm_pka)
{
    /* "9876543210" -> 00 .. 00 09 87 65 43 21 0C */
    static const DecFm d = { 16, 10, { 0 }, "9876543210",
                             { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x09, 0x87, 0x65, 0x43, 0x21, 0x0C },
                             -1, -1 };
    dec_matrix2("pka", insn_pka, 0, 9, ACC_STORE, &d);
}

TEST(fm_pku)
{
    /* U+0031..U+0035: digits from the right 5 4 3 2 1 and sign C: bytes
     * 13-15 = 12 34 5C, the rest zero */
    static const DecFm d = { 16, 10, { 0 }, { 0, '1', 0, '2', 0, '3', 0, '4', 0, '5' },
                             { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0x5C },
                             -1, -1 };
    dec_matrix2("pku", insn_pku, 0, 9, ACC_STORE, &d);
}

TEST(fm_unpka)
{
    /* ... 12 34 56 7D, 6 bytes: digits 2..7 -> 32 33 34 35 36 37; minus: CC 1 */
    static const DecFm d = { 6, 16, { 0 },
                             { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x7D },
                             { 0x32, 0x33, 0x34, 0x35, 0x36, 0x37 }, 1, -1 };
    dec_matrix2("unpka", insn_unpka, 5, 0, ACC_STORE, &d);
}

TEST(fm_unpku)
{
    /* ... 56 7C, 4 characters: 0034 0035 0036 0037; plus: CC 0 */
    static const DecFm d = { 8, 16, { 0 },
                             { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x7C },
                             { 0, 0x34, 0, 0x35, 0, 0x36, 0, 0x37 }, 0, -1 };
    dec_matrix2("unpku", insn_unpku, 7, 0, ACC_STORE, &d);
}

/* The PoP edit example (see test_ss_decimal.c): 4 source bytes needed. */
#define POP_PATTERN { 0x40, 0x20, 0x20, 0x6B, 0x20, 0x21, 0x20, 0x4B, 0x20, 0x20, 0x40, 0xC3, 0xD9 }

TEST(fm_ed)
{
    static const DecFm d = { 13, 4, POP_PATTERN, { 0x02, 0x57, 0x42, 0x6D },
                             { 0x40, 0x40, 0xF2, 0x6B, 0xF5, 0xF7, 0xF4, 0x4B, 0xF2, 0xF6, 0x40,
                               0xC3, 0xD9 },
                             1, -1 };
    dec_matrix2("ed", insn_ed, 12, 0, ACC_UPDATE, &d);
}

TEST(fm_edmk)
{
    /* plus sign: CC 2, the first significant digit (2) at operand 1 + 2 */
    static const DecFm d = { 13, 4, POP_PATTERN, { 0x02, 0x57, 0x42, 0x6C },
                             { 0x40, 0x40, 0xF2, 0x6B, 0xF5, 0xF7, 0xF4, 0x4B, 0xF2, 0xF6, 0x40,
                               0x40, 0x40 },
                             2, 2 };
    dec_matrix2("edmk", insn_edmk, 12, 0, ACC_UPDATE, &d);
}

TEST(fm_ed_source_needed_in_second_page_only_by_its_last_byte)
{
    /* 40 20 20 20 20 20 with source 12 34 5C: 3 bytes needed although the
     * pattern has 5 digit positions; operand 2 at 4094 puts only the sign
     * byte on the second page, which must then be checked. */
    static const DecFm d = { 6, 3, { 0x40, 0x20, 0x20, 0x20, 0x20, 0x20 }, { 0x12, 0x34, 0x5C },
                             { 0x40, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5 }, 2, 1 };
    dec_matrix("edmk-src-page2", insn_edmk, 5, 0, ACC_UPDATE, &d, 2000, 4094);
}
