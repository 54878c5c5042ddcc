/* The Unicode conversions CU12, CU21, CU14, CU24, CU41, CU42 (insn/utf.c)
 * and the scanning instructions CUSE, TRTE, TRTRE (insn/scan.c).
 *
 * Expected bytes are worked out by hand from the UTF definitions: U+0041
 * 'A'; U+00E9 = UTF-8 C3 A9; U+20AC = E2 82 AC; U+1F600 = F0 9F 98 80 =
 * UTF-16 D83D DE00 (plane bits uvwxy = 00001, abcd = 0000, then the ten
 * bits 11 1101 1000 ... : high 110110 0000 111101, low 110111 1000000000).
 * Registers: R1/R1+1 destination (first operand), R2/R2+1 source. */
#include <string.h>

#include "test_cpu.h"

INSN_HANDLER(cu12); INSN_HANDLER(cu21); INSN_HANDLER(cu14); INSN_HANDLER(cu24);
INSN_HANDLER(cu41); INSN_HANDLER(cu42); INSN_HANDLER(cuse); INSN_HANDLER(trte);
INSN_HANDLER(trtre);

typedef int (*Handler)(CPUState *, const Insn *);

#define DST 0x20000ULL
#define SRC 0x30000ULL

static Insn rrf(int r1, int r2, int m3)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.ilen = 4;
    in.r1 = (uint8_t)r1;
    in.r2 = (uint8_t)r2;
    in.m3 = (uint8_t)m3;
    return in;
}

/* Converts n source bytes with dst room dlen (R2 = 2, R4 = 4); returns the
 * handler result. */
static int conv(TestEnv *e, Handler h, int m3, const uint8_t *src, uint64_t n, uint64_t dlen)
{
    memset(tenv_abs(e, DST), 0xEE, 0x100);
    memcpy(tenv_abs(e, SRC), src, n);
    e->cpu.gr[2] = DST;
    e->cpu.gr[3] = dlen;
    e->cpu.gr[4] = SRC;
    e->cpu.gr[5] = n;
    Insn in = rrf(2, 4, m3);
    return h(&e->cpu, &in);
}
#define B_(...) ((const uint8_t[]){ __VA_ARGS__ })
#define N_(...) sizeof((const uint8_t[]){ __VA_ARGS__ })
#define CONV(e, h, m3, dlen, ...) conv(e, h, m3, B_(__VA_ARGS__), N_(__VA_ARGS__), dlen)
#define DST_IS(e, ...) CHECK_MEM(tenv_abs(e, DST), B_(__VA_ARGS__), N_(__VA_ARGS__))
/* registers after: bytes stored, source bytes consumed, lengths left */
#define REGS(e, st, dl, sc, sl) do {                \
        CHECK_EQ((e)->cpu.gr[2], DST + (st));        \
        CHECK_EQ((e)->cpu.gr[3], (dl));              \
        CHECK_EQ((e)->cpu.gr[4], SRC + (sc));        \
        CHECK_EQ((e)->cpu.gr[5], (sl));              \
    } while (0)

TEST(cu12_utf8_to_utf16)
{
    TestEnv *e = tenv_cpu();
    /* A e-acute euro grinning-face */
    CHECK_EQ(CONV(e, insn_cu12, 0, 100, 0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80), 0);
    DST_IS(e, 0x00, 0x41, 0x00, 0xE9, 0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00, 0xEE);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 10, 90, 10, 0);
    /* destination full: room for A and e-acute, not the euro (CC1) */
    CHECK_EQ(CONV(e, insn_cu12, 0, 5, 0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC), 0);
    CHECK_EQ(cc_of(e), 1);
    REGS(e, 4, 1, 3, 3);
    DST_IS(e, 0x00, 0x41, 0x00, 0xE9, 0xEE);
    /* a character cut off by the end of the source: CC0, left in place */
    CHECK_EQ(CONV(e, insn_cu12, 0, 100, 0x41, 0xE2, 0x82), 0);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 2, 98, 1, 2);
    /* first bytes 80-BF and F8-FF are always invalid: CC2 at the byte */
    CHECK_EQ(CONV(e, insn_cu12, 0, 100, 0x41, 0x80), 0);
    CHECK_EQ(cc_of(e), 2);
    REGS(e, 2, 98, 1, 1);
    CHECK_EQ(CONV(e, insn_cu12, 0, 100, 0xF8, 0x80, 0x80, 0x80, 0x80), 0);
    CHECK_EQ(cc_of(e), 2);
    REGS(e, 0, 100, 0, 5);
    /* without W the bits are taken as they are ... */
    CHECK_EQ(CONV(e, insn_cu12, 0, 100, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xC3, 0x41), 0);
    DST_IS(e, 0x00, 0x00, 0xD8, 0x00, 0x00, 0xC1);       /* U+0000, U+D800, U+00C1 */
    CHECK_EQ(cc_of(e), 0);
    /* U+110000 (F4 90 80 80): uvwxy = 10001, abcd = 0000 (4 bits) */
    CHECK_EQ(CONV(e, insn_cu12, 0, 100, 0xF4, 0x90, 0x80, 0x80), 0);
    DST_IS(e, 0xD8, 0x00, 0xDC, 0x00);
    /* ... with W (M3 = 1) each of them is invalid */
    static const uint8_t bad[][4] = {
        { 0xC0, 0x80 }, { 0xE0, 0x80, 0x80 }, { 0xED, 0xA0, 0x80 }, { 0xF4, 0x90, 0x80, 0x80 },
        { 0xC3, 0x41 }, { 0xF0, 0x8F, 0xBF, 0xBF }, { 0xE2, 0x82, 0x2C },
    };
    static const unsigned badn[] = { 2, 3, 3, 4, 2, 4, 3 };
    for (size_t i = 0; i < sizeof(badn) / sizeof(badn[0]); i++) {
        CHECK_EQ(conv(e, insn_cu12, 1, bad[i], badn[i], 100), 0);
        CHECK_EQ(cc_of(e), 2);
        REGS(e, 0, 100, 0, badn[i]);
    }
    /* W accepts the well-formed extremes U+007F, U+0080, U+FFFF, U+10FFFF */
    CHECK_EQ(CONV(e, insn_cu12, 1, 100, 0x7F, 0xC2, 0x80, 0xEF, 0xBF, 0xBF, 0xF4, 0x8F, 0xBF, 0xBF), 0);
    DST_IS(e, 0x00, 0x7F, 0x00, 0x80, 0xFF, 0xFF, 0xDB, 0xFF, 0xDF, 0xFF);
    CHECK_EQ(cc_of(e), 0);
    /* odd R1 or R2: specification */
    Insn in = rrf(3, 4, 0);
    CHECK_EQ(insn_cu12(&e->cpu, &in), PGM_SPECIFICATION);
    in = rrf(2, 5, 0);
    CHECK_EQ(insn_cu21(&e->cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

TEST(cu21_utf16_to_utf8)
{
    TestEnv *e = tenv_cpu();
    CHECK_EQ(CONV(e, insn_cu21, 0, 100, 0x00, 0x41, 0x00, 0xE9, 0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00), 0);
    DST_IS(e, 0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xEE);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 10, 90, 10, 0);
    /* a lone low surrogate is a 3-byte character: ED B0 80 */
    CHECK_EQ(CONV(e, insn_cu21, 1, 100, 0xDC, 0x00), 0);
    DST_IS(e, 0xED, 0xB0, 0x80);
    /* high surrogate then 0041: without W combined (uvwxy 00001, then
     * 111101 and 0001000001: U+1F441 = F0 9F 91 81), with W invalid */
    CHECK_EQ(CONV(e, insn_cu21, 0, 100, 0xD8, 0x3D, 0x00, 0x41), 0);
    DST_IS(e, 0xF0, 0x9F, 0x91, 0x81);
    CHECK_EQ(CONV(e, insn_cu21, 1, 100, 0xD8, 0x3D, 0x00, 0x41), 0);
    CHECK_EQ(cc_of(e), 2);
    REGS(e, 0, 100, 0, 4);
    /* a high surrogate at the end, an odd last byte: CC0, left in place */
    CHECK_EQ(CONV(e, insn_cu21, 1, 100, 0x00, 0x41, 0xD8, 0x3D), 0);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 1, 99, 2, 2);
    CHECK_EQ(CONV(e, insn_cu21, 1, 100, 0x00, 0x41, 0x00), 0);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 1, 99, 2, 1);
    /* room for 2 of the euro's 3 bytes: CC1 */
    CHECK_EQ(CONV(e, insn_cu21, 0, 3, 0x00, 0x41, 0x20, 0xAC), 0);
    CHECK_EQ(cc_of(e), 1);
    REGS(e, 1, 2, 2, 2);
    tenv_free(e);
}

TEST(cu14_cu24_cu41_cu42)
{
    TestEnv *e = tenv_cpu();
    CHECK_EQ(CONV(e, insn_cu14, 0, 100, 0x41, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80), 0);
    DST_IS(e, 0, 0, 0, 0x41, 0, 0, 0, 0xE9, 0, 0x01, 0xF6, 0x00, 0xEE);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 12, 88, 7, 0);
    CHECK_EQ(CONV(e, insn_cu14, 1, 100, 0xED, 0xBF, 0xBF), 0);    /* U+DFFF with W */
    CHECK_EQ(cc_of(e), 2);
    CHECK_EQ(CONV(e, insn_cu24, 0, 100, 0x00, 0x41, 0xD8, 0x3D, 0xDE, 0x00), 0);
    DST_IS(e, 0, 0, 0, 0x41, 0, 0x01, 0xF6, 0x00);
    REGS(e, 8, 92, 6, 0);
    CHECK_EQ(CONV(e, insn_cu24, 0, 7, 0x00, 0x41, 0x00, 0x42), 0);  /* room for one */
    CHECK_EQ(cc_of(e), 1);
    REGS(e, 4, 3, 2, 2);
    CHECK_EQ(CONV(e, insn_cu41, 0, 100, 0, 0, 0, 0x41, 0, 0, 0, 0xE9, 0, 0x01, 0xF6, 0x00), 0);
    DST_IS(e, 0x41, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 7, 93, 12, 0);
    /* CU41/CU42 always reject surrogates and values above U+10FFFF */
    CHECK_EQ(CONV(e, insn_cu41, 0, 100, 0, 0, 0, 0x41, 0, 0, 0xD8, 0x00), 0);
    CHECK_EQ(cc_of(e), 2);
    REGS(e, 1, 99, 4, 4);
    CHECK_EQ(CONV(e, insn_cu42, 0, 100, 0, 0x11, 0, 0), 0);
    CHECK_EQ(cc_of(e), 2);
    CHECK_EQ(CONV(e, insn_cu42, 0, 100, 0, 0x01, 0xF6, 0x00, 0, 0, 0xFF, 0xFF, 0, 0, 0), 0);
    DST_IS(e, 0xD8, 0x3D, 0xDE, 0x00, 0xFF, 0xFF);
    CHECK_EQ(cc_of(e), 0);                   /* 3 bytes left: too few for a character */
    REGS(e, 6, 94, 8, 3);
    tenv_free(e);
}

TEST(cu12_cc3_after_many_characters_then_resumes)
{
    TestEnv *e = tenv_cpu();
    enum { N = 5000 };
    uint8_t *src = tenv_abs(e, 0x100000);
    memset(src, 'a', N);
    e->cpu.gr[2] = 0x200000;
    e->cpu.gr[3] = 2 * N;
    e->cpu.gr[4] = 0x100000;
    e->cpu.gr[5] = N;
    Insn in = rrf(2, 4, 0);
    CHECK_EQ(insn_cu12(&e->cpu, &in), 0);
    CHECK_EQ(cc_of(e), 3);                   /* 4096 characters per execution */
    CHECK_EQ(e->cpu.gr[4], 0x100000 + 4096);
    CHECK_EQ(e->cpu.gr[3], 2 * (N - 4096));
    CHECK_EQ(insn_cu12(&e->cpu, &in), 0);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(e->cpu.gr[5], 0);
    CHECK_EQ(rd_be(e, 0x200000 + 2 * (N - 1), 2), 0x0061);
    tenv_free(e);
}

/* A destination page that is not mapped: the characters before it are
 * converted and the registers say so; the fault (page translation,
 * nullifying) comes with the character that needs the page. */
TEST(cu12_fault_leaves_completed_characters)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_REGION3);
    tenv_map(e, asce, CODE & ~0xFFFULL, CODE & ~0xFFFULL, 0);
    tenv_map(e, asce, SRC, 0x130000, 0);
    tenv_map(e, asce, DST, 0x120000, 0);               /* DST + 0x1000: not mapped */
    tenv_dat_on(e, asce);
    memcpy(tenv_abs(e, 0x130000), B_(0x41, 0xC3, 0xA9, 0xE2, 0x82, 0xAC), 6);
    e->cpu.gr[2] = DST + 0xFFC;
    e->cpu.gr[3] = 100;
    e->cpu.gr[4] = SRC;
    e->cpu.gr[5] = 6;
    Insn in = rrf(2, 4, 0);
    CHECK_EQ(insn_cu12(&e->cpu, &in), PGM_PAGE_TRANS);
    CHECK_EQ(e->cpu.pgm.teid & ~0xFFFULL, DST + 0x1000);
    CHECK_MEM(tenv_abs(e, 0x120FFC), B_(0x00, 0x41, 0x00, 0xE9), 4);
    CHECK_EQ(e->cpu.gr[2], DST + 0x1000);
    CHECK_EQ(e->cpu.gr[3], 96);
    CHECK_EQ(e->cpu.gr[4], SRC + 3);
    CHECK_EQ(e->cpu.gr[5], 3);
    tenv_free(e);
}

/* ---- CUSE ---- */

static int cuse(TestEnv *e, const char *a, uint64_t la, const char *b, uint64_t lb, unsigned sl,
                uint8_t pad)
{
    memcpy(tenv_abs(e, DST), a, la);
    memcpy(tenv_abs(e, SRC), b, lb);
    e->cpu.gr[0] = 0xFFFFFF00u | sl;          /* only bits 56-63 count */
    e->cpu.gr[1] = 0xFFFFFF00u | pad;
    e->cpu.gr[2] = DST;
    e->cpu.gr[3] = la;
    e->cpu.gr[4] = SRC;
    e->cpu.gr[5] = lb;
    Insn in = rrf(2, 4, 0);
    return insn_cuse(&e->cpu, &in);
}

TEST(cuse_substrings_pad_and_ends)
{
    TestEnv *e = tenv_cpu();
    /* ABCDEFG / xBCDyFG: the first two equal pairs at offset 1 */
    CHECK_EQ(cuse(e, "ABCDEFG", 7, "xBCDyFG", 7, 2, 0), 0);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 1, 6, 1, 6);
    CHECK_EQ(cuse(e, "ABCDEFG", 7, "xBCDyFG", 7, 3, 0), 0);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 1, 6, 1, 6);
    /* SL 4: BCD breaks at y/E; FG equal to the end: CC1 at F */
    CHECK_EQ(cuse(e, "ABCDEFG", 7, "xBCDyFG", 7, 4, 0), 0);
    CHECK_EQ(cc_of(e), 1);
    REGS(e, 5, 2, 5, 2);
    /* nothing equal: CC2 at the ends */
    CHECK_EQ(cuse(e, "ABC", 3, "XYZ", 3, 1, 0), 0);
    CHECK_EQ(cc_of(e), 2);
    REGS(e, 3, 0, 3, 0);
    /* the pad extends operand 1: Q/Z, pad/'.', pad/'.' -> equal at offset 1 */
    CHECK_EQ(cuse(e, "Q", 1, "Z..", 3, 2, '.'), 0);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 1, 0, 1, 2);
    /* SL 0: CC0, nothing changes; both empty: CC2 */
    CHECK_EQ(cuse(e, "AB", 2, "AB", 2, 0, 0), 0);
    CHECK_EQ(cc_of(e), 0);
    REGS(e, 0, 2, 0, 2);
    CHECK_EQ(cuse(e, "", 0, "", 0, 1, 0), 0);
    CHECK_EQ(cc_of(e), 2);
    /* odd R1 */
    Insn in = rrf(3, 4, 0);
    CHECK_EQ(insn_cuse(&e->cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

/* ---- TRTE / TRTRE ---- */

#define TAB 0x100000ULL

static int trt_ext(TestEnv *e, Handler h, int m3, uint64_t addr, uint64_t len)
{
    e->cpu.gr[1] = TAB;
    e->cpu.gr[2] = addr;
    e->cpu.gr[3] = len;
    e->cpu.gr[6] = 0x6666666666666666ULL;
    Insn in = rrf(2, 6, m3);
    return h(&e->cpu, &in);
}

TEST(trte_trtre_one_byte)
{
    TestEnv *e = tenv_cpu();
    memset(tenv_abs(e, TAB), 0, 256);
    tenv_abs(e, TAB)[','] = 0x05;
    memcpy(tenv_abs(e, SRC), "abc,def", 7);
    CHECK_EQ(trt_ext(e, insn_trte, 0, SRC, 7), 0);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(e->cpu.gr[2], SRC + 3);
    CHECK_EQ(e->cpu.gr[3], 4);               /* ",def" */
    CHECK_EQ(e->cpu.gr[6], 5);
    CHECK_EQ(trt_ext(e, insn_trte, 0, SRC + 4, 3), 0);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(e->cpu.gr[2], SRC + 7);
    CHECK_EQ(e->cpu.gr[3], 0);
    CHECK_EQ(e->cpu.gr[6], 0x6666666666666666ULL);
    /* TRTRE from the rightmost byte f */
    CHECK_EQ(trt_ext(e, insn_trtre, 0, SRC + 6, 7), 0);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(e->cpu.gr[2], SRC + 3);
    CHECK_EQ(e->cpu.gr[3], 4);               /* "abc," */
    CHECK_EQ(e->cpu.gr[6], 5);
    CHECK_EQ(trt_ext(e, insn_trtre, 0, SRC + 2, 3), 0);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(e->cpu.gr[2], SRC - 1);
    CHECK_EQ(e->cpu.gr[3], 0);
    /* 31-bit mode: R6 bits 0-31 kept */
    e->cpu.psw_mask = PSW_MASK_BA;
    CHECK_EQ(trt_ext(e, insn_trte, 0, SRC, 7), 0);
    CHECK_EQ(e->cpu.gr[6], 0x6666666600000005ULL);
    tenv_free(e);
}

TEST(trte_two_byte_arguments_and_codes)
{
    TestEnv *e = tenv_cpu();
    /* A (8) and F (4): 2-byte characters index a table of 2-byte codes */
    memset(tenv_abs(e, TAB), 0, 0x20000);
    wr_be(e, TAB + 2 * 0x20AC, 2, 0xBEEF);    /* the euro */
    wr_be(e, TAB + 2 * 0x0041, 2, 0x0001);    /* 'A' */
    memcpy(tenv_abs(e, SRC), B_(0x00, 0x61, 0x20, 0xAC, 0x00, 0x41), 6);
    CHECK_EQ(trt_ext(e, insn_trte, 0xC, SRC, 6), 0);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(e->cpu.gr[2], SRC + 2);
    CHECK_EQ(e->cpu.gr[3], 4);
    CHECK_EQ(e->cpu.gr[6], 0xBEEF);
    /* with L (2): arguments above 255 give code 0 without a look-up */
    CHECK_EQ(trt_ext(e, insn_trte, 0xE, SRC, 6), 0);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(e->cpu.gr[2], SRC + 4);
    CHECK_EQ(e->cpu.gr[6], 1);
    /* A with 1-byte codes: the code of 'A' is the byte at TAB + 0x41 */
    tenv_abs(e, TAB + 0x41)[0] = 0x77;
    CHECK_EQ(trt_ext(e, insn_trtre, 0x8, SRC + 4, 6), 0);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(e->cpu.gr[2], SRC + 4);
    CHECK_EQ(e->cpu.gr[3], 6);
    CHECK_EQ(e->cpu.gr[6], 0x77);
    /* odd length with A, odd R1: specification */
    CHECK_EQ(trt_ext(e, insn_trte, 0x8, SRC, 5), PGM_SPECIFICATION);
    Insn in = rrf(3, 6, 0);
    CHECK_EQ(insn_trte(&e->cpu, &in), PGM_SPECIFICATION);
    tenv_free(e);
}

/* A scan that runs into an unmapped page: the page-translation exception
 * (nullifying) comes with the element on that page; the registers are at a
 * point from which re-execution gives the same result: TRTE at the first
 * byte not yet scanned, CUSE at the start of the equal run in progress. */
TEST(trte_cuse_fault_in_mid_operand)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_REGION3);
    tenv_map(e, asce, TAB, 0x300000, 0);
    tenv_map(e, asce, SRC, 0x130000, 0);
    tenv_map(e, asce, DST, 0x120000, 0);          /* SRC/DST + 0x1000: not mapped */
    tenv_dat_on(e, asce);
    memset(tenv_abs(e, 0x300000), 0, 256);
    tenv_abs(e, 0x300000)[','] = 1;
    memcpy(tenv_abs(e, 0x130FFD), "abc", 3);       /* "abc" then the hole */
    CHECK_EQ(trt_ext(e, insn_trte, 0, SRC + 0xFFD, 7), PGM_PAGE_TRANS);
    CHECK_EQ(e->cpu.pgm.teid & ~0xFFFULL, SRC + 0x1000);
    CHECK_EQ(e->cpu.gr[2], SRC + 0x1000);
    CHECK_EQ(e->cpu.gr[3], 4);
    CHECK_EQ(e->cpu.gr[6], 0x6666666666666666ULL);

    /* CUSE: xxA|B against yyA|B, SL 2: the run starts at A (offset 2) */
    memcpy(tenv_abs(e, 0x120FFD), "xxA", 3);
    memcpy(tenv_abs(e, 0x130FFD), "yyA", 3);
    e->cpu.gr[0] = 2;
    e->cpu.gr[1] = 0;
    e->cpu.gr[2] = DST + 0xFFD;
    e->cpu.gr[3] = 4;
    e->cpu.gr[4] = SRC + 0xFFD;
    e->cpu.gr[5] = 4;
    Insn in = rrf(2, 4, 0);
    CHECK_EQ(insn_cuse(&e->cpu, &in), PGM_PAGE_TRANS);
    CHECK_EQ(e->cpu.gr[2], DST + 0xFFF);
    CHECK_EQ(e->cpu.gr[3], 2);
    CHECK_EQ(e->cpu.gr[4], SRC + 0xFFF);
    CHECK_EQ(e->cpu.gr[5], 2);
    tenv_free(e);
}
