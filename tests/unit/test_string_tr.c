/* TRE and the TRxx family TROO / TROT / TRTO / TRTT (src/insn/string.c).
 *
 * Expected values are hand-computed from the architecture: op1 address R1,
 * length R1+1 (bits 32-63 below 64-bit mode, else 64 bits), TRE table R2,
 * TRxx source R2 and table GR1 (low 3 bits ignored with the ETF2
 * enhancement), test character GR0 (destination size), M3 bit value 1 turns
 * the comparison off.  Units end at page boundaries of any operand, at most
 * 16 per execution. */
#include <stdlib.h>

#include "cpu/decode.h"
#include "faultmatrix.h"
#include "insn/insn.h"
#include "iolog.h"
#include "test.h"
#include "testenv.h"

#define RAM (16u << 20)

static TestEnv *env_new(void)
{
    return tenv_new(RAM);
}

static uint8_t *at(TestEnv *e, uint64_t a)
{
    return tenv_abs(e, a);
}

static Insn rrf(uint16_t opc, int r1, int r2, int m3)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.row = decode_row_of_opcode(opc);
    in.ilen = 4;
    in.r1 = (uint8_t)r1;
    in.r2 = (uint8_t)r2;
    in.m3 = (uint8_t)m3;
    in.addr = 0x8000;
    return in;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v >> 8;
    p[1] = v & 0xFF;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

#define IO_BASE 0x2000000ULL

/* ======================= TRE ======================= */

/* table at 0x30000: T[i] = i ^ 0x80 */
static void tre_table(TestEnv *e, uint64_t t)
{
    for (int i = 0; i < 256; i++)
        *at(e, t + i) = (uint8_t)(i ^ 0x80);
}

TEST(tre_translates_and_test_byte_stops)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rrf(0xB2A5, 2, 4, 0);
    tre_table(e, 0x30000);
    for (int i = 0; i < 10; i++)
        *at(e, 0x10000 + i) = (uint8_t)(0x10 + i);
    cpu->gr[0] = 0xFF;                   /* test byte, absent */
    cpu->gr[2] = 0x10000;
    cpu->gr[3] = 10;
    cpu->gr[4] = 0x30000;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0x1000A);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[4], 0x30000);
    for (int i = 0; i < 10; i++)
        CHECK_EQ(*at(e, 0x10000 + i), (0x10 + i) ^ 0x80);
    CHECK_EQ(*at(e, 0x1000A), 0);

    /* the test byte stops before it: CC1, R1 designates it, R1+1 counts it */
    memcpy(at(e, 0x11000), "ABC\0DEF", 7);
    cpu->gr[0] = 0xFFFFFFFFFFFFFF00ULL;  /* only bits 56-63 count */
    cpu->gr[2] = 0x11000;
    cpu->gr[3] = 7;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], 0x11003);
    CHECK_EQ(cpu->gr[3], 4);
    CHECK_MEM(at(e, 0x11000), "\xC1\xC2\xC3\0DEF", 7);
    /* executed again: the test byte is first, nothing changes */
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], 0x11003);
    CHECK_EQ(cpu->gr[3], 4);
    CHECK_MEM(at(e, 0x11000), "\xC1\xC2\xC3\0DEF", 7);
    tenv_free(e);
}

TEST(tre_zero_length_and_specification)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rrf(0xB2A5, 2, 4, 0);
    /* length 0: CC0 without touching either operand (both absent) */
    cpu->gr[2] = 0x7F000000000ULL;
    cpu->gr[3] = 0;
    cpu->gr[4] = 0x7F000001000ULL;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0x7F000000000ULL);
    /* R1 odd */
    Insn odd = rrf(0xB2A5, 3, 4, 0);
    cpu->gr[3] = 0x10000;
    cpu->gr[4] = 4;
    cpu_set_cc(cpu, 2);
    CHECK_EQ(insn_tre(cpu, &odd), PGM_SPECIFICATION);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[4], 4);
    tenv_free(e);
}

TEST(tre_length_and_addresses_by_mode)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rrf(0xB2A5, 2, 4, 0);
    tre_table(e, 0x30000);
    memset(at(e, 0x10000), 0x01, 16);
    cpu->gr[0] = 0xFF;

    /* 31-bit: length = bits 32-63 of R1+1; bits 0-31 kept */
    tenv_amode(cpu, 31);
    cpu->gr[2] = 0xAAAAAAAA80010000ULL;
    cpu->gr[3] = 0xFFFFFFFF00000004ULL;
    cpu->gr[4] = 0x5555555580030000ULL;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0xAAAAAAAA00010004ULL);
    CHECK_EQ(cpu->gr[3], 0xFFFFFFFF00000000ULL);
    CHECK_EQ(cpu->gr[4], 0x5555555580030000ULL);
    CHECK_EQ(*at(e, 0x10003), 0x81);
    CHECK_EQ(*at(e, 0x10004), 0x01);

    /* 24-bit */
    tenv_amode(cpu, 24);
    cpu->gr[2] = 0xAAAAAAAAFF010004ULL;
    cpu->gr[3] = 0x1234567800000003ULL;
    cpu->gr[4] = 0x55555555FF030000ULL;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu->gr[2], 0xAAAAAAAA00010007ULL);
    CHECK_EQ(cpu->gr[3], 0x1234567800000000ULL);
    CHECK_EQ(*at(e, 0x10006), 0x81);
    CHECK_EQ(*at(e, 0x10007), 0x01);

    /* 64-bit: all 64 bits are the length: 2^32 + 5 bytes from a page
     * boundary -> 16 units of 4096, CC3 */
    tenv_amode(cpu, 64);
    memset(at(e, 0x100000), 0x02, 65536 + 16);
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = 0x100000005ULL;
    cpu->gr[4] = 0x30000;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x100000 + 65536);
    CHECK_EQ(cpu->gr[3], 0x100000005ULL - 65536);
    CHECK_EQ(*at(e, 0x100000 + 65535), 0x82);
    CHECK_EQ(*at(e, 0x100000 + 65536), 0x02);
    tenv_free(e);
}

TEST(tre_cc3_loop_to_completion)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rrf(0xB2A5, 6, 8, 0);
    tre_table(e, 0x30000);
    const uint32_t len = 70000;
    uint8_t *p = at(e, 0x100800);
    for (uint32_t i = 0; i < len; i++)
        p[i] = (uint8_t)(i % 255);
    cpu->gr[0] = 0xFF;
    cpu->gr[6] = 0x100800;
    cpu->gr[7] = len;
    cpu->gr[8] = 0x30000;
    int execs = 0;
    do {
        CHECK_EQ(insn_tre(cpu, &in), 0);
        execs++;
    } while (cpu_cc(cpu) == 3 && execs < 10);
    /* 0x800 bytes, then 15 full pages, then the rest: 2 executions */
    CHECK_EQ(execs, 2);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[6], 0x100800 + len);
    CHECK_EQ(cpu->gr[7], 0);
    bool ok = true;
    for (uint32_t i = 0; i < len; i++)
        if (p[i] != ((i % 255) ^ 0x80))
            ok = false;
    CHECK(ok);
    tenv_free(e);
}

TEST(tre_table_overlapping_op1_is_read_byte_by_byte)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rrf(0xB2A5, 2, 4, 0);
    /* op1 = the first two table bytes, T[0] = 1, T[1] = 0.  Byte 0: T[1]
     * = 0 is stored into T[0].  Byte 1 (= 0) then looks up the new T[0] =
     * 0, not the old 1. */
    for (int i = 0; i < 256; i++)
        *at(e, 0x30000 + i) = (uint8_t)i;
    *at(e, 0x30000) = 1;
    *at(e, 0x30001) = 0;
    cpu->gr[0] = 0xFF;
    cpu->gr[2] = 0x30000;
    cpu->gr[3] = 2;
    cpu->gr[4] = 0x30000;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(*at(e, 0x30000), 0);
    CHECK_EQ(*at(e, 0x30001), 0);
    tenv_free(e);
}

TEST(tre_watchpoint_and_io_region)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    Insn in = rrf(0xB2A5, 2, 4, 0);
    tre_table(e, 0x30000);
    memset(at(e, 0x10000), 0x05, 8);
    CHECK_EQ(access_watch_add(&e->m, 0x10002, 1, WP_WRITE), 0);
    cpu->gr[0] = 0xFF;
    cpu->gr[2] = 0x10000;
    cpu->gr[3] = 8;
    cpu->gr[4] = 0x30000;
    CHECK_EQ(insn_tre(cpu, &in), INSN_WATCH);
    CHECK(cpu->watch.hit);
    CHECK_EQ(cpu->gr[2], 0x10000);
    CHECK_EQ(cpu->gr[3], 8);
    CHECK_EQ(*at(e, 0x10000), 0x05);
    access_watch_clear(&e->m);

    /* op1 in an I/O region across its page boundary: each byte read once
     * and written once, in order, with the bytes RAM gives */
    IoLog *l = calloc(1, sizeof(*l));
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, 0x2000, iolog_read, iolog_write, l), 0);
    for (int i = 0; i < 8; i++)
        l->mem[0xFFC + i] = *at(e, 0x12000 + i) = (uint8_t)(0x20 + i);
    cpu->gr[2] = IO_BASE + 0xFFC;
    cpu->gr[3] = 8;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    cpu->gr[2] = 0x12000;
    cpu->gr[3] = 8;
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_MEM(l->mem + 0xFFC, at(e, 0x12000), 8);
    int reads = 0, writes = 0;
    bool order = true;
    uint32_t rnext = 0xFFC, wnext = 0xFFC;
    for (int i = 0; i < l->n; i++) {
        if (l->ev[i].op == 'r') {
            reads++;
            order &= l->ev[i].off == rnext++;
        } else {
            writes++;
            order &= l->ev[i].off == wnext++;
            order &= l->ev[i].v == ((0x20 + (l->ev[i].off - 0xFFC)) ^ 0x80);
        }
    }
    CHECK_EQ(reads, 8);
    CHECK_EQ(writes, 8);
    CHECK(order);
    free(l);
    tenv_free(e);
}

/* op1 (update) at 4000, 200 bytes; table at 4000 of its page (crossing).
 * Units: 96 bytes, 104 bytes; the table is prepared whole in each. */
static void tre_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t b[256];
    for (int i = 0; i < 200; i++)
        b[i] = (uint8_t)(1 + i % 200);
    fm_write(c, c->va[0], b, 200);
    for (int i = 0; i < 256; i++)
        b[i] = (uint8_t)(i ^ 0x3C);
    fm_write(c, c->va[1], b, 256);
    cpu->gr[0] = 0;
    cpu->gr[2] = c->va[0];
    cpu->gr[3] = 200;
    cpu->gr[5] = c->va[1];
    cpu_set_cc(cpu, 2);
}

static void tre_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint32_t done = 200;
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 0);
    } else {
        done = c->fault_op == 0 && c->fault_page == 1 ? 96 : 0;
        CHECK_EQ(cpu_cc(cpu), 2);
    }
    CHECK_EQ(cpu->gr[2], c->va[0] + done);
    CHECK_EQ(cpu->gr[3], 200 - done);
    CHECK_EQ(cpu->gr[5], c->va[1]);
    uint8_t got[200];
    fm_read(c, c->va[0], got, 200);
    bool ok = true;
    for (uint32_t i = 0; i < 200; i++) {
        uint8_t orig = (uint8_t)(1 + i % 200);
        if (got[i] != (i < done ? (orig ^ 0x3C) : orig))
            ok = false;
    }
    CHECK(ok);
}

TEST(tre_fault_matrix)
{
    FmScenario s = {
        .name = "tre",
        .nops = 2,
        .ops = { { 4000, 200, ACC_UPDATE }, { 4000, 256, ACC_FETCH } },
        .handler = insn_tre,
        .insn = rrf(0xB2A5, 2, 5, 0),
        .setup = tre_fm_setup,
        .check = tre_fm_check,
    };
    CHECK(fm_run(&s) > 10);
}

/* ======================= TROO / TROT / TRTO / TRTT ======================= */

enum { TRTT_OP = 0xB990, TRTO_OP = 0xB991, TROT_OP = 0xB992, TROO_OP = 0xB993 };

static int run_tr(CPUState *cpu, const Insn *in)
{
    switch (insn_table[in->row].opcode) {
    case TROO_OP: return insn_troo(cpu, in);
    case TROT_OP: return insn_trot(cpu, in);
    case TRTO_OP: return insn_trto(cpu, in);
    default:      return insn_trtt(cpu, in);
    }
}

TEST(troo_translates_test_character_and_m3)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    for (int i = 0; i < 256; i++)
        *at(e, 0x30000 + i) = (uint8_t)(i ^ 0x5A);
    memcpy(at(e, 0x10000), "0123456789", 10);
    memset(at(e, 0x20000), 0xEE, 16);
    Insn in = rrf(TROO_OP, 2, 4, 0);
    cpu->gr[0] = 0;                      /* test char 0: not produced */
    cpu->gr[1] = 0x30000;
    cpu->gr[2] = 0x20000;
    cpu->gr[3] = 10;
    cpu->gr[4] = 0x10000;
    CHECK_EQ(insn_troo(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0x2000A);
    CHECK_EQ(cpu->gr[3], 0);
    CHECK_EQ(cpu->gr[4], 0x1000A);
    CHECK_EQ(cpu->gr[1], 0x30000);
    for (int i = 0; i < 10; i++)
        CHECK_EQ(*at(e, 0x20000 + i), ('0' + i) ^ 0x5A);
    CHECK_EQ(*at(e, 0x2000A), 0xEE);

    /* test character = T['2']: stop before the '2' */
    memset(at(e, 0x20000), 0xEE, 16);
    cpu->gr[0] = 0xFFFFFFFFFFFF0000ULL | ('2' ^ 0x5A);
    cpu->gr[2] = 0x20000;
    cpu->gr[3] = 4;
    cpu->gr[4] = 0x10000;
    CHECK_EQ(insn_troo(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], 0x20002);
    CHECK_EQ(cpu->gr[3], 2);
    CHECK_EQ(cpu->gr[4], 0x10002);
    CHECK_EQ(*at(e, 0x20001), '1' ^ 0x5A);
    CHECK_EQ(*at(e, 0x20002), 0xEE);

    /* M3 = 1: no comparison, all four */
    Insn nt = rrf(TROO_OP, 2, 4, 1);
    cpu->gr[2] = 0x20000;
    cpu->gr[3] = 4;
    cpu->gr[4] = 0x10000;
    CHECK_EQ(insn_troo(cpu, &nt), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(*at(e, 0x20002), '2' ^ 0x5A);
    CHECK_EQ(cpu->gr[3], 0);

    /* without the ETF2 enhancement M3 is ignored */
    facility_set(&e->m, 24, false);
    cpu->gr[2] = 0x20000;
    cpu->gr[3] = 4;
    cpu->gr[4] = 0x10000;
    CHECK_EQ(insn_troo(cpu, &nt), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[3], 2);
    tenv_free(e);
}

TEST(trot_trto_trtt_character_sizes)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    /* TROT: 256 two-byte entries, T[c] = 0x1000 + c */
    for (int c = 0; c < 256; c++)
        put16(at(e, 0x30000 + 2 * c), (uint16_t)(0x1000 + c));
    memcpy(at(e, 0x10000), "AB", 2);
    Insn in = rrf(TROT_OP, 2, 4, 0);
    cpu->gr[0] = 0;
    cpu->gr[1] = 0x30000;
    cpu->gr[2] = 0x20000;
    cpu->gr[3] = 2;
    cpu->gr[4] = 0x10000;
    CHECK_EQ(insn_trot(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(at(e, 0x20000), "\x10\x41\x10\x42", 4);
    CHECK_EQ(cpu->gr[2], 0x20004);
    CHECK_EQ(cpu->gr[4], 0x10002);
    /* the test character is GR0 bits 48-63 */
    cpu->gr[0] = 0x00AB1042;
    cpu->gr[2] = 0x21000;
    cpu->gr[3] = 2;
    cpu->gr[4] = 0x10000;
    CHECK_EQ(insn_trot(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[2], 0x21002);
    CHECK_EQ(cpu->gr[3], 1);
    CHECK_EQ(cpu->gr[4], 0x10001);

    /* TRTO: 65536 one-byte entries, T[c] = hi ^ lo */
    for (uint32_t c = 0; c < 65536; c++)
        *at(e, 0x100000 + c) = (uint8_t)((c >> 8) ^ (c & 0xFF));
    put16(at(e, 0x11000), 0x0102);
    put16(at(e, 0x11002), 0xFF00);
    put16(at(e, 0x11004), 0x1234);
    Insn to = rrf(TRTO_OP, 6, 8, 0);
    cpu->gr[0] = 0x77;
    cpu->gr[1] = 0x100000;
    cpu->gr[6] = 0x22000;
    cpu->gr[7] = 6;
    cpu->gr[8] = 0x11000;
    CHECK_EQ(insn_trto(cpu, &to), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(at(e, 0x22000), "\x03\xFF\x26", 3);
    CHECK_EQ(cpu->gr[6], 0x22003);
    CHECK_EQ(cpu->gr[7], 0);
    CHECK_EQ(cpu->gr[8], 0x11006);
    cpu->gr[0] = 0x26;                   /* stops at the third character */
    cpu->gr[6] = 0x22000;
    cpu->gr[7] = 6;
    cpu->gr[8] = 0x11000;
    CHECK_EQ(insn_trto(cpu, &to), 0);
    CHECK_EQ(cpu_cc(cpu), 1);
    CHECK_EQ(cpu->gr[6], 0x22002);
    CHECK_EQ(cpu->gr[7], 2);
    CHECK_EQ(cpu->gr[8], 0x11004);

    /* TRTT: 65536 two-byte entries, T[c] = ~c */
    for (uint32_t c = 0; c < 65536; c++)
        put16(at(e, 0x200000 + 2 * c), (uint16_t)~c);
    Insn tt = rrf(TRTT_OP, 6, 8, 0);
    cpu->gr[0] = 0;
    cpu->gr[1] = 0x200000;
    cpu->gr[6] = 0x23000;
    cpu->gr[7] = 6;
    cpu->gr[8] = 0x11000;
    CHECK_EQ(insn_trtt(cpu, &tt), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(get16(at(e, 0x23000)), 0xFEFD);
    CHECK_EQ(get16(at(e, 0x23002)), 0x00FF);
    CHECK_EQ(get16(at(e, 0x23004)), 0xEDCB);
    CHECK_EQ(cpu->gr[6], 0x23006);
    CHECK_EQ(cpu->gr[8], 0x11006);
    tenv_free(e);
}

TEST(tr_table_origin_ignores_low_bits)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    for (int i = 0; i < 256; i++)
        *at(e, 0x30000 + i) = (uint8_t)(255 - i);
    *at(e, 0x10000) = 0x10;
    Insn in = rrf(TROO_OP, 2, 4, 0);
    cpu->gr[0] = 0x100;                  /* test char 0x00: not produced */
    cpu->gr[1] = 0x30005;                /* doubleword: low 3 bits ignored */
    cpu->gr[2] = 0x20000;
    cpu->gr[3] = 1;
    cpu->gr[4] = 0x10000;
    CHECK_EQ(insn_troo(cpu, &in), 0);
    CHECK_EQ(*at(e, 0x20000), 0xEF);
    CHECK_EQ(cpu->gr[1], 0x30005);

    /* TRTT with the enhancement: 8-byte alignment; without it: 4 KiB */
    for (uint32_t c = 0; c < 65536; c++)
        put16(at(e, 0x200000 + 2 * c), (uint16_t)(c + 1));
    put16(at(e, 0x11000), 0x0100);
    Insn tt = rrf(TRTT_OP, 2, 4, 0);
    cpu->gr[0] = 0;
    cpu->gr[1] = 0x200007;
    cpu->gr[2] = 0x21000;
    cpu->gr[3] = 2;
    cpu->gr[4] = 0x11000;
    CHECK_EQ(insn_trtt(cpu, &tt), 0);
    CHECK_EQ(get16(at(e, 0x21000)), 0x0101);
    facility_set(&e->m, 24, false);
    cpu->gr[1] = 0x200100;
    cpu->gr[2] = 0x21000;
    cpu->gr[3] = 2;
    cpu->gr[4] = 0x11000;
    CHECK_EQ(insn_trtt(cpu, &tt), 0);
    CHECK_EQ(get16(at(e, 0x21000)), 0x0101);
    tenv_free(e);
}

TEST(tr_specification_and_zero_length)
{
    static const uint16_t ops[4] = { TROO_OP, TROT_OP, TRTO_OP, TRTT_OP };
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    for (int k = 0; k < 4; k++) {
        /* R1 odd */
        Insn odd = rrf(ops[k], 3, 4, 0);
        cpu->gr[3] = 0x20000;
        cpu->gr[4] = 2;
        cpu->gr[1] = 0x30000;
        cpu_set_cc(cpu, 2);
        CHECK_EQ(run_tr(cpu, &odd), PGM_SPECIFICATION);
        CHECK_EQ(cpu_cc(cpu), 2);
        /* odd length: specification for a two-byte source only */
        Insn in = rrf(ops[k], 2, 4, 1);
        cpu->gr[0] = 0x100;
        cpu->gr[2] = 0x20000;
        cpu->gr[3] = 3;
        cpu->gr[4] = 0x10000;
        int rc = run_tr(cpu, &in);
        if (ops[k] == TRTO_OP || ops[k] == TRTT_OP) {
            CHECK_EQ(rc, PGM_SPECIFICATION);
            CHECK_EQ(cpu->gr[3], 3);
        } else {
            CHECK_EQ(rc, 0);
            CHECK_EQ(cpu->gr[3], 0);
        }
        /* length 0: CC0, nothing accessed (all operands absent) */
        cpu->gr[1] = 0x7F000000000ULL;
        cpu->gr[2] = 0x7F000100000ULL;
        cpu->gr[3] = 0;
        cpu->gr[4] = 0x7F000200000ULL;
        CHECK_EQ(run_tr(cpu, &in), 0);
        CHECK_EQ(cpu_cc(cpu), 0);
        CHECK_EQ(cpu->gr[2], 0x7F000100000ULL);
    }
    tenv_free(e);
}

TEST(tr_registers_in_24_and_31_bit_mode_and_cc3_loop)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    for (int i = 0; i < 256; i++)
        *at(e, 0x30000 + i) = (uint8_t)(i + 1);
    memset(at(e, 0x10000), 7, 8);
    Insn in = rrf(TROO_OP, 2, 4, 0);
    tenv_amode(cpu, 24);
    cpu->gr[0] = 0;
    cpu->gr[1] = 0xFFFFFFFFFF030000ULL;
    cpu->gr[2] = 0xAABBCCDDFF020000ULL;
    cpu->gr[3] = 0x1111111100000004ULL;
    cpu->gr[4] = 0x22222222FF010000ULL;
    CHECK_EQ(insn_troo(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[2], 0xAABBCCDD00020004ULL);
    CHECK_EQ(cpu->gr[3], 0x1111111100000000ULL);
    CHECK_EQ(cpu->gr[4], 0x2222222200010004ULL);
    CHECK_EQ(*at(e, 0x20003), 8);
    tenv_amode(cpu, 31);
    cpu->gr[1] = 0x80030000ULL;
    cpu->gr[2] = 0xAABBCCDD80020000ULL;
    cpu->gr[3] = 0x1111111100000002ULL;
    cpu->gr[4] = 0x2222222280010000ULL;
    CHECK_EQ(insn_troo(cpu, &in), 0);
    CHECK_EQ(cpu->gr[2], 0xAABBCCDD00020002ULL);
    CHECK_EQ(cpu->gr[3], 0x1111111100000000ULL);
    CHECK_EQ(cpu->gr[4], 0x2222222200010002ULL);

    /* 64-bit CC3: page-aligned 70000 bytes: 16 x 4096, then the rest */
    tenv_amode(cpu, 64);
    const uint32_t len = 70000;
    uint8_t *src = at(e, 0x100000);
    for (uint32_t i = 0; i < len; i++)
        src[i] = (uint8_t)(i % 200);
    cpu->gr[0] = 0xFF;                   /* T[c] = c+1 = 0xFF for c = 0xFE: absent */
    cpu->gr[1] = 0x30000;
    cpu->gr[2] = 0x400000;
    cpu->gr[3] = len;
    cpu->gr[4] = 0x100000;
    CHECK_EQ(insn_troo(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 3);
    CHECK_EQ(cpu->gr[2], 0x400000 + 65536);
    CHECK_EQ(cpu->gr[3], len - 65536);
    CHECK_EQ(cpu->gr[4], 0x100000 + 65536);
    CHECK_EQ(insn_troo(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[3], 0);
    bool ok = true;
    for (uint32_t i = 0; i < len; i++)
        if (*at(e, 0x400000 + i) != (uint8_t)(i % 200 + 1))
            ok = false;
    CHECK(ok);
    tenv_free(e);
}

TEST(trot_in_place_overlap_equals_character_by_character)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    /* T[c] = c << 8 | 0x30.  In place (op1 = op2): character 0 'A' stores
     * 0x41 0x30 over "AB", so character 1 is 0x30 -> 0x3030. */
    for (int c = 0; c < 256; c++)
        put16(at(e, 0x30000 + 2 * c), (uint16_t)(c << 8 | 0x30));
    memcpy(at(e, 0x10000), "ABzz", 4);
    Insn in = rrf(TROT_OP, 2, 4, 1);
    cpu->gr[1] = 0x30000;
    cpu->gr[2] = 0x10000;
    cpu->gr[3] = 2;
    cpu->gr[4] = 0x10000;
    CHECK_EQ(insn_trot(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(at(e, 0x10000), "\x41\x30\x30\x30", 4);
    CHECK_EQ(cpu->gr[2], 0x10004);
    CHECK_EQ(cpu->gr[4], 0x10002);

    /* TROO in place has no such dependency: one unit, plain result */
    for (int i = 0; i < 256; i++)
        *at(e, 0x31000 + i) = (uint8_t)(i ^ 1);
    memcpy(at(e, 0x11000), "abcd", 4);
    Insn oo = rrf(TROO_OP, 2, 4, 1);
    cpu->gr[1] = 0x31000;
    cpu->gr[2] = 0x11000;
    cpu->gr[3] = 4;
    cpu->gr[4] = 0x11000;
    CHECK_EQ(insn_troo(cpu, &oo), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(at(e, 0x11000), "`cbe", 4);
    tenv_free(e);
}

TEST(tr_watchpoint_on_op1_and_io_source)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    for (int i = 0; i < 256; i++)
        *at(e, 0x30000 + i) = (uint8_t)(i + 3);
    memcpy(at(e, 0x10000), "wxyz", 4);
    memset(at(e, 0x20000), 0xEE, 4);
    CHECK_EQ(access_watch_add(&e->m, 0x20001, 1, WP_WRITE), 0);
    Insn in = rrf(TROO_OP, 2, 4, 1);
    cpu->gr[1] = 0x30000;
    cpu->gr[2] = 0x20000;
    cpu->gr[3] = 4;
    cpu->gr[4] = 0x10000;
    cpu_set_cc(cpu, 2);
    CHECK_EQ(insn_troo(cpu, &in), INSN_WATCH);
    CHECK(cpu->watch.hit);
    CHECK_EQ(cpu->gr[2], 0x20000);
    CHECK_EQ(cpu->gr[3], 4);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(*at(e, 0x20000), 0xEE);
    access_watch_clear(&e->m);

    /* TRTT source in an I/O region: every source byte read once, in
     * order, same result as from RAM */
    for (uint32_t c = 0; c < 65536; c++)
        put16(at(e, 0x200000 + 2 * c), (uint16_t)(c ^ 0x8001));
    IoLog *l = calloc(1, sizeof(*l));
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, 0x2000, iolog_read, iolog_write, l), 0);
    for (int i = 0; i < 12; i++)
        l->mem[0xFFA + i] = *at(e, 0x12000 + i) = (uint8_t)(0x11 * i);
    Insn tt = rrf(TRTT_OP, 2, 4, 1);
    cpu->gr[1] = 0x200000;
    cpu->gr[2] = 0x22000;
    cpu->gr[3] = 12;
    cpu->gr[4] = IO_BASE + 0xFFA;
    CHECK_EQ(insn_trtt(cpu, &tt), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(l->n, 12);
    bool order = true;
    for (int i = 0; i < l->n; i++)
        order &= l->ev[i].op == 'r' && l->ev[i].off == 0xFFAu + i;
    CHECK(order);
    cpu->gr[2] = 0x23000;
    cpu->gr[3] = 12;
    cpu->gr[4] = 0x12000;
    CHECK_EQ(insn_trtt(cpu, &tt), 0);
    CHECK_MEM(at(e, 0x22000), at(e, 0x23000), 12);
    CHECK_EQ(get16(at(e, 0x22000)), 0x8010);  /* 0x0011 ^ 0x8001 */
    free(l);
    tenv_free(e);
}

/* TROO fault matrix: op1 (store) at 3990, op2 (fetch) at 4000, 150 bytes,
 * table (fetch, whole) at 4000 crossing.  Units: 96 (op2's page end), 10
 * (op1's page end), 44. */
static void troo_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t b[256];
    memset(b, 0xEE, 150);
    fm_write(c, c->va[0], b, 150);
    for (int i = 0; i < 150; i++)
        b[i] = (uint8_t)(i * 3);
    fm_write(c, c->va[1], b, 150);
    for (int i = 0; i < 256; i++)
        b[i] = (uint8_t)(i ^ 0x99);
    fm_write(c, c->va[2], b, 256);
    /* GR0 = T[0] and source byte 0 is 0, but M3 = 1: no comparison */
    cpu->gr[0] = 0x99;
    cpu->gr[1] = c->va[2];
    cpu->gr[2] = c->va[0];
    cpu->gr[3] = 150;
    cpu->gr[4] = c->va[1];
    cpu_set_cc(cpu, 2);
}

static void troo_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint32_t done = 150;
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 0);
    } else {
        static const uint32_t unit_of[3][2] = { { 0, 106 }, { 0, 96 }, { 0, 0 } };
        done = unit_of[c->fault_op][c->fault_page];
        CHECK_EQ(cpu_cc(cpu), 2);
    }
    CHECK_EQ(cpu->gr[2], c->va[0] + done);
    CHECK_EQ(cpu->gr[3], 150 - done);
    CHECK_EQ(cpu->gr[4], c->va[1] + done);
    uint8_t got[150];
    fm_read(c, c->va[0], got, 150);
    bool ok = true;
    for (uint32_t i = 0; i < 150; i++)
        if (got[i] != (i < done ? (uint8_t)((i * 3) ^ 0x99) : 0xEE))
            ok = false;
    CHECK(ok);
}

TEST(troo_fault_matrix)
{
    FmScenario s = {
        .name = "troo",
        .nops = 3,
        .ops = { { 3990, 150, ACC_STORE }, { 4000, 150, ACC_FETCH }, { 4000, 256, ACC_FETCH } },
        .handler = insn_troo,
        .insn = rrf(TROO_OP, 2, 4, 1),
        .setup = troo_fm_setup,
        .check = troo_fm_check,
    };
    CHECK(fm_run(&s) > 10);
}

/* TRTT fault matrix: op1 (store) and op2 (fetch) at 4000, 100 characters;
 * the 128 KiB table starts at the first FM page of operand 3: characters
 * 0-47 (unit 0) reference entries in its first page, characters 48-99 (unit
 * 1) entries in its second page.  No other table page is mapped: only
 * referenced table pages are accessed. */
static uint16_t trtt_fm_char(int i)
{
    return (uint16_t)(i < 48 ? i * 7 : 2048 + i);
}

static void trtt_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t b[200];
    memset(b, 0xEE, 200);
    fm_write(c, c->va[0], b, 200);
    for (int i = 0; i < 100; i++) {
        uint16_t ch = trtt_fm_char(i);
        put16(b + 2 * i, ch);
        uint8_t ent[2];
        put16(ent, ch ^ 0x5A5A);
        fm_write(c, c->va[2] + 2ULL * ch, ent, 2);
    }
    fm_write(c, c->va[1], b, 200);
    cpu->gr[0] = 0x0001;                 /* not among the function values */
    cpu->gr[1] = c->va[2];
    cpu->gr[2] = c->va[0];
    cpu->gr[3] = 200;
    cpu->gr[4] = c->va[1];
    cpu_set_cc(cpu, 2);
}

static void trtt_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint32_t chars = 100;
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 0);
    } else {
        static const uint32_t unit_of[3][2] = { { 0, 48 }, { 0, 48 }, { 0, 48 } };
        chars = unit_of[c->fault_op][c->fault_page];
        CHECK_EQ(cpu_cc(cpu), 2);
    }
    CHECK_EQ(cpu->gr[2], c->va[0] + 2 * chars);
    CHECK_EQ(cpu->gr[3], 200 - 2 * chars);
    CHECK_EQ(cpu->gr[4], c->va[1] + 2 * chars);
    uint8_t got[200];
    fm_read(c, c->va[0], got, 200);
    bool ok = true;
    for (uint32_t i = 0; i < 100; i++) {
        uint16_t want = i < chars ? (uint16_t)(trtt_fm_char((int)i) ^ 0x5A5A) : 0xEEEE;
        if (get16(got + 2 * i) != want)
            ok = false;
    }
    CHECK(ok);
}

TEST(trtt_fault_matrix_table_pages_as_referenced)
{
    FmScenario s = {
        .name = "trtt",
        .nops = 3,
        .ops = { { 4000, 200, ACC_STORE }, { 4000, 200, ACC_FETCH }, { 0, 8192, ACC_FETCH } },
        .handler = insn_trtt,
        .insn = rrf(TRTT_OP, 2, 4, 0),
        .setup = trtt_fm_setup,
        .check = trtt_fm_check,
    };
    CHECK(fm_run(&s) > 10);
}

/* TROT fault matrix: 100 one-byte source characters at 4000 of op2's page
 * (96 before its page end), two-byte destination at 3990 of op1's page (53
 * characters before its end), the 512-byte table at 3904 (doubleword
 * aligned) crossing its page, prepared whole.  Units by hand: 53 characters
 * (op1's page end), 43 (op2's page end at 96), 4. */
static void trot_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t b[512];
    memset(b, 0xEE, 200);
    fm_write(c, c->va[0], b, 200);
    for (int i = 0; i < 100; i++)
        b[i] = (uint8_t)(i * 5 + 1);
    fm_write(c, c->va[1], b, 100);
    for (int ch = 0; ch < 256; ch++)
        put16(b + 2 * ch, (uint16_t)(0x8000 | ch));
    fm_write(c, c->va[2], b, 512);
    cpu->gr[0] = 0x0001;            /* never a table value (all have 0x8000) */
    cpu->gr[1] = c->va[2];
    cpu->gr[2] = c->va[0];
    cpu->gr[3] = 100;
    cpu->gr[4] = c->va[1];
    cpu_set_cc(cpu, 2);
}

static void trot_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint32_t done = 100;
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 0);
    } else {
        /* op1 page 1 is first stored in unit 1 (after 53); op2 page 1 is
         * first needed in unit 2 (after 96); the table is prepared in unit 0 */
        static const uint32_t unit_of[3][2] = { { 0, 53 }, { 0, 96 }, { 0, 0 } };
        done = unit_of[c->fault_op][c->fault_page];
        CHECK_EQ(cpu_cc(cpu), 2);
    }
    CHECK_EQ(cpu->gr[2], c->va[0] + 2 * done);
    CHECK_EQ(cpu->gr[3], 100 - done);
    CHECK_EQ(cpu->gr[4], c->va[1] + done);
    uint8_t got[200];
    fm_read(c, c->va[0], got, 200);
    bool ok = true;
    for (uint32_t i = 0; i < 100; i++) {
        uint16_t want = i < done ? (uint16_t)(0x8000 | (uint8_t)(i * 5 + 1)) : 0xEEEE;
        ok &= get16(got + 2 * i) == want;
    }
    CHECK(ok);
}

TEST(trot_fault_matrix)
{
    FmScenario s = {
        .name = "trot",
        .nops = 3,
        .ops = { { 3990, 200, ACC_STORE }, { 4000, 100, ACC_FETCH }, { 3904, 512, ACC_FETCH } },
        .handler = insn_trot,
        .insn = rrf(TROT_OP, 2, 4, 0),
        .setup = trot_fm_setup,
        .check = trot_fm_check,
    };
    CHECK(fm_run(&s) > 10);
}

/* TRTO fault matrix: 100 two-byte source characters at 3990 of op2's page
 * (53 before its end), one-byte destination at 4000 of op1's page (96
 * before its end), the 64 KiB table at the start of operand 3's first FM
 * page: characters 0-52 reference entries in its first page, 53-99 in its
 * second; no other table page is mapped.  M3 = 1: no test character.
 * Units by hand: 53 (op2's page end), 43 (op1's page end at 96), 4. */
static uint16_t trto_fm_char(int i)
{
    return (uint16_t)(i < 53 ? i * 7 : 4096 + i * 3);
}

static void trto_fm_setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint8_t b[200];
    memset(b, 0xEE, 100);
    fm_write(c, c->va[0], b, 100);
    for (int i = 0; i < 100; i++) {
        uint16_t ch = trto_fm_char(i);
        put16(b + 2 * i, ch);
        uint8_t ent = (uint8_t)(ch ^ 0x5A);
        fm_write(c, c->va[2] + ch, &ent, 1);
    }
    fm_write(c, c->va[1], b, 200);
    cpu->gr[1] = c->va[2];
    cpu->gr[2] = c->va[0];
    cpu->gr[3] = 200;
    cpu->gr[4] = c->va[1];
    cpu_set_cc(cpu, 2);
}

static void trto_fm_check(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    uint32_t chars = 100;
    if (c->kind == FK_COUNT) {
        CHECK_EQ(cpu_cc(cpu), 0);
    } else {
        /* op1 page 1: unit 2 (after 96); op2 page 1: unit 1 (after 53);
         * table page 1: first referenced by character 53, in unit 1 */
        static const uint32_t unit_of[3][2] = { { 0, 96 }, { 0, 53 }, { 0, 53 } };
        chars = unit_of[c->fault_op][c->fault_page];
        CHECK_EQ(cpu_cc(cpu), 2);
    }
    CHECK_EQ(cpu->gr[2], c->va[0] + chars);
    CHECK_EQ(cpu->gr[3], 200 - 2 * chars);
    CHECK_EQ(cpu->gr[4], c->va[1] + 2 * chars);
    uint8_t got[100];
    fm_read(c, c->va[0], got, 100);
    bool ok = true;
    for (uint32_t i = 0; i < 100; i++)
        ok &= got[i] == (i < chars ? (uint8_t)(trto_fm_char((int)i) ^ 0x5A) : 0xEE);
    CHECK(ok);
}

TEST(trto_fault_matrix_table_pages_as_referenced)
{
    FmScenario s = {
        .name = "trto",
        .nops = 3,
        .ops = { { 4000, 100, ACC_STORE }, { 3990, 200, ACC_FETCH }, { 0, 8192, ACC_FETCH } },
        .handler = insn_trto,
        .insn = rrf(TRTO_OP, 2, 4, 1),
        .setup = trto_fm_setup,
        .check = trto_fm_check,
    };
    CHECK(fm_run(&s) > 10);
}

/* TRE whose operand 1 is the table itself seen through a second logical
 * page on the same frame.  Table t[0] = 9, t[i] = i-1 for i = 1..4, the
 * rest identity; operand 1 = t[1..4] (logical 0x400001, length 4).
 * Byte by byte: t[1] = t[0] = 9; then t[2] = t[t[2]] = t[1], already 9; and
 * so on: 9 9 9 9.  A snapshot of the table would give 9 0 1 2. */
TEST(tre_operand_overlaps_table_through_shared_frame)
{
    TestEnv *e = env_new();
    CPUState *cpu = &e->cpu;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, asce, 0x300000, 0x50000, 0);
    tenv_map(e, asce, 0x400000, 0x50000, 0);
    tenv_dat_on(e, asce);
    for (int i = 0; i < 256; i++)
        *at(e, 0x50000 + i) = (uint8_t)i;
    *at(e, 0x50000) = 9;
    for (int i = 1; i <= 4; i++)
        *at(e, 0x50000 + i) = (uint8_t)(i - 1);
    cpu->gr[0] = 0xFF;                       /* test byte not present */
    cpu->gr[2] = 0x400001;
    cpu->gr[3] = 4;
    cpu->gr[4] = 0x300000;
    Insn in = rrf(0xB2A5, 2, 4, 0);
    CHECK_EQ(insn_tre(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_MEM(at(e, 0x50001), "\x09\x09\x09\x09", 4);
    CHECK_EQ(cpu->gr[2], 0x400005);
    CHECK_EQ(cpu->gr[3], 0);
    tenv_free(e);
}
