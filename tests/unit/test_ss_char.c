/* Fixed-length character SS instructions (src/insn/ss_char.c): semantics,
 * condition codes, every MVC overlap case, lengths 1 and 256, page
 * crossing, 24-/31-bit wraparound, TRT/TRTR register results per addressing
 * mode, I/O regions (byte-wise path, callbacks log every access) and
 * watchpoints.  The fault matrix is in test_ss_char_fm.c.
 *
 * DAT is off unless a test says otherwise, and the prefix is 0, so the
 * operand addresses are absolute addresses: tests write and read guest
 * storage directly with tenv_abs().  Expected values are written out by hand
 * or computed in the test from the architecture's definition of each
 * instruction (one byte at a time, in its architectural direction). */
#include <stdlib.h>

#include "cpu/decode.h"
#include "faultmatrix.h"
#include "insn/insn.h"
#include "test.h"
#include "testenv.h"

typedef int (*Handler)(CPUState *cpu, const Insn *in);

/* ---- machine helpers ---- */

#define RAM_SIZE (32ULL << 20)

static uint64_t amask(int bits)
{
    return bits == 64 ? ~0ULL : bits == 31 ? 0x7FFFFFFFULL : 0xFFFFFFULL;
}

/* Guest bytes at a (real = absolute here), wrapping at the top of the mode. */
static void gput(TestEnv *e, int bits, uint64_t a, const void *buf, uint32_t n)
{
    const uint8_t *b = buf;
    for (uint32_t i = 0; i < n; i++)
        *tenv_abs(e, (a + i) & amask(bits)) = b[i];
}

static void gget(TestEnv *e, int bits, uint64_t a, void *buf, uint32_t n)
{
    uint8_t *b = buf;
    for (uint32_t i = 0; i < n; i++)
        b[i] = *tenv_abs(e, (a + i) & amask(bits));
}

/* SS-a instruction D1(L,B1),D2(B2) with L = length - 1. */
static Insn ss_a(uint16_t opc, uint32_t len, int b1, int d1, int b2, int d2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.row = decode_row_of_opcode(opc);
    in.ilen = 6;
    in.l1 = (uint8_t)(len - 1);
    in.b1 = (uint8_t)b1;
    in.d1 = d1;
    in.b2 = (uint8_t)b2;
    in.d2 = d2;
    return in;
}

static void fill_rand(uint8_t *p, uint32_t n, uint64_t *seed)
{
    for (uint32_t i = 0; i < n; i++)
        p[i] = (uint8_t)test_rand(seed);
}

/* ---- instruction descriptions and their definitions ---- */

typedef enum { K_MVC, K_MVCRL, K_MVCIN, K_MVZ, K_MVN, K_NC, K_OC, K_XC, K_CLC, K_TR, K_TRT,
               K_TRTR, K_COUNT } Kind;

typedef struct Desc {
    const char *name;
    uint16_t opc;
    Handler fn;
    Kind kind;
} Desc;

static const Desc descs[K_COUNT] = {
    { "MVC", 0xD2, insn_mvc, K_MVC },       { "MVCRL", 0xE50A, insn_mvcrl, K_MVCRL },
    { "MVCIN", 0xE8, insn_mvcin, K_MVCIN }, { "MVZ", 0xD3, insn_mvz, K_MVZ },
    { "MVN", 0xD1, insn_mvn, K_MVN },       { "NC", 0xD4, insn_nc, K_NC },
    { "OC", 0xD6, insn_oc, K_OC },          { "XC", 0xD7, insn_xc, K_XC },
    { "CLC", 0xD5, insn_clc, K_CLC },       { "TR", 0xDC, insn_tr, K_TR },
    { "TRT", 0xDD, insn_trt, K_TRT },       { "TRTR", 0xD0, insn_trtr, K_TRTR },
};

static bool is_table(Kind k) { return k == K_TR || k == K_TRT || k == K_TRTR; }
static bool stores_op1(Kind k) { return k != K_CLC && k != K_TRT && k != K_TRTR; }
static bool sets_cc(Kind k)
{
    return k == K_NC || k == K_OC || k == K_XC || k == K_CLC || k == K_TRT || k == K_TRTR;
}
static uint32_t op2_len(Kind k, uint32_t n) { return is_table(k) ? 256 : n; }

/* The expected outcome of one execution over non-overlapping operands,
 * straight from the definitions in ZARCH-NOTES §7.2. */
typedef struct Expect {
    uint8_t op1[256];
    int cc;           /* -1: unchanged */
    int hit;          /* TRT/TRTR: offset of the argument byte, -1 none */
} Expect;

static void expect_of(Kind k, const uint8_t *o1, const uint8_t *o2, uint32_t n, Expect *x)
{
    memcpy(x->op1, o1, n);
    x->cc = -1;
    x->hit = -1;
    uint8_t any = 0;
    switch (k) {
    case K_MVC: case K_MVCRL:
        memcpy(x->op1, o2, n);
        break;
    case K_MVCIN:
        for (uint32_t i = 0; i < n; i++)
            x->op1[i] = o2[n - 1 - i];
        break;
    case K_MVZ:
        for (uint32_t i = 0; i < n; i++)
            x->op1[i] = (uint8_t)((o1[i] & 0x0F) | (o2[i] & 0xF0));
        break;
    case K_MVN:
        for (uint32_t i = 0; i < n; i++)
            x->op1[i] = (uint8_t)((o1[i] & 0xF0) | (o2[i] & 0x0F));
        break;
    case K_NC: case K_OC: case K_XC:
        for (uint32_t i = 0; i < n; i++) {
            x->op1[i] = k == K_NC ? o1[i] & o2[i] : k == K_OC ? o1[i] | o2[i] : o1[i] ^ o2[i];
            any |= x->op1[i];
        }
        x->cc = any ? 1 : 0;
        break;
    case K_CLC:
        x->cc = 0;
        for (uint32_t i = 0; i < n; i++)
            if (o1[i] != o2[i]) {
                x->cc = o1[i] < o2[i] ? 1 : 2;
                break;
            }
        break;
    case K_TR:
        for (uint32_t i = 0; i < n; i++)
            x->op1[i] = o2[o1[i]];
        break;
    case K_TRT:
        x->cc = 0;
        for (uint32_t i = 0; i < n; i++)
            if (o2[o1[i]]) {
                x->hit = (int)i;
                x->cc = i == n - 1 ? 2 : 1;
                break;
            }
        break;
    case K_TRTR:
        x->cc = 0;
        for (uint32_t i = n; i-- > 0;)
            if (o2[o1[i]]) {
                x->hit = (int)i;
                x->cc = i == 0 ? 2 : 1;
                break;
            }
        break;
    default:
        break;
    }
}

/* GR1 after a TRT/TRTR hit at address addr (ZARCH-NOTES §7.2: 24-bit mode
 * replaces bits 40-63 only, 31-bit mode bits 32-63 with bit 32 zero). */
static uint64_t trt_gr1(int bits, uint64_t old, uint64_t addr)
{
    if (bits == 64)
        return addr;
    if (bits == 31)
        return (old & 0xFFFFFFFF00000000ULL) | (addr & 0x7FFFFFFF);
    return (old & ~0xFFFFFFULL) | (addr & 0xFFFFFF);
}

/* Data for operands: op2 of TR/TRT/TRTR is a table.  TRT tables are mostly
 * zero so that hits are sparse and land at varied places. */
static void make_data(Kind k, uint8_t *o1, uint8_t *o2, uint32_t n, uint64_t *seed)
{
    fill_rand(o1, n, seed);
    fill_rand(o2, op2_len(k, n), seed);
    if (k == K_CLC) {
        /* equal, or unequal at one random place */
        memcpy(o1, o2, n);
        uint64_t r = test_rand(seed);
        if (r % 4)
            o1[(r >> 8) % n] ^= (uint8_t)(1 + (r >> 32) % 255);
    }
    if (k == K_TRT || k == K_TRTR)
        for (int i = 0; i < 256; i++)
            o2[i] = (i >= 0xF0 && (test_rand(seed) & 1)) ? (uint8_t)(i ^ 0x5A) : 0;
}

/* Runs one execution with op1 at a1 and op2 (or the table) at a2 (leftmost
 * bytes, wrapped), n bytes, in the given mode, and checks every result.  The
 * registers carry junk in the bits the mode ignores, and nonzero
 * displacements, so address generation is exercised too. */
static void run_generic(TestEnv *e, int bits, const Desc *d, uint64_t a1, uint64_t a2, uint32_t n,
                        uint64_t seed)
{
    CPUState *cpu = &e->cpu;
    const uint64_t m = amask(bits);
    uint8_t o1[256], o2[256], r1[256], r2[256];
    make_data(d->kind, o1, o2, n, &seed);
    gput(e, bits, a1, o1, n);
    gput(e, bits, a2, o2, op2_len(d->kind, n));

    tenv_amode(cpu, bits);
    const uint64_t junk =
        bits == 64 ? 0 : 0x5A5A5A5A00000000ULL | (bits == 24 ? 0x3C000000 : 0x80000000);
    const uint64_t f1 = d->kind == K_TRTR ? a1 + n - 1 : a1;   /* field addresses */
    const uint64_t f2 = d->kind == K_MVCIN ? a2 + n - 1 : a2;
    cpu->gr[7] = ((f1 - 0x123) & m) | junk;
    cpu->gr[8] = ((f2 - 0xFED) & m) | junk;
    cpu->gr[0] = 0xFFFFFFFFFFFFFF00ULL | (n - 1);     /* MVCRL: bits 0-55 ignored */
    const uint64_t g1 = 0xA1A2A3A4A5A6A7A8ULL, g2 = 0xB1B2B3B4B5B6B7B8ULL;
    cpu->gr[1] = g1;
    cpu->gr[2] = g2;
    cpu_set_cc(cpu, 3);

    Insn in = ss_a(d->opc, n, 7, 0x123, 8, 0xFED);
    int rc = d->fn(cpu, &in);
    CHECK_EQ(rc, 0);

    Expect x;
    expect_of(d->kind, o1, o2, n, &x);
    gget(e, bits, a1, r1, n);
    gget(e, bits, a2, r2, op2_len(d->kind, n));
    if (memcmp(r1, x.op1, n) != 0)
        fprintf(stderr, "  %s %d-bit a1=%" PRIx64 " a2=%" PRIx64 " n=%u\n", d->name, bits, a1,
                a2, n);
    CHECK_MEM(r1, x.op1, n);
    CHECK_MEM(r2, o2, op2_len(d->kind, n));          /* operand 2 never changes */
    CHECK_EQ(cpu_cc(cpu), x.cc < 0 ? 3 : (unsigned)x.cc);
    if ((d->kind == K_TRT || d->kind == K_TRTR) && x.hit >= 0) {
        CHECK_EQ(cpu->gr[1], trt_gr1(bits, g1, (a1 + (uint32_t)x.hit) & m));
        CHECK_EQ(cpu->gr[2], (g2 & ~0xFFULL) | o2[o1[x.hit]]);
    } else {
        CHECK_EQ(cpu->gr[1], g1);
        CHECK_EQ(cpu->gr[2], g2);
    }
}

static TestEnv *env_new(void)
{
    return tenv_new(RAM_SIZE);
}

/* ---- MVC ---- */

TEST(mvc_basic_and_guards)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memset(m + 0x10000, 0xEE, 16);
    memcpy(m + 0x20000, "ABCDEFGH", 8);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    cpu_set_cc(&e->cpu, 2);
    Insn in = ss_a(0xD2, 5, 3, 4, 4, 1);      /* MVC 4(5,3),1(4) */
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\xEE\xEE\xEE\xEE" "BCDEF" "\xEE\xEE\xEE", 12);
    CHECK_EQ(cpu_cc(&e->cpu), 2);              /* CC unchanged */
    tenv_free(e);
}

TEST(mvc_length_code_zero_moves_one_byte)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memset(m + 0x10000, 0x11, 4);
    memset(m + 0x20000, 0x99, 4);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    Insn in = ss_a(0xD2, 1, 3, 0, 4, 0);
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x99\x11\x11\x11", 4);
    tenv_free(e);
}

TEST(mvc_256_bytes)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    for (int i = 0; i < 258; i++)
        m[0x20000 + i] = (uint8_t)(i * 7 + 1);
    memset(m + 0x10000, 0, 258);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    Insn in = ss_a(0xD2, 256, 3, 0, 4, 0);
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, m + 0x20000, 256);
    CHECK_EQ(m[0x10000 + 256], 0);
    tenv_free(e);
}

/* d = s + 1: the first byte is replicated through the field (the classic
 * "MVC 1(255,R),0(R)" clear). */
TEST(mvc_overlap_replicates_one_byte)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    for (int i = 0; i < 300; i++)
        m[0x10000 + i] = (uint8_t)(i + 1);
    e->cpu.gr[3] = 0x10000;
    Insn in = ss_a(0xD2, 256, 3, 1, 3, 0);
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    uint8_t want[258];
    want[0] = 1;
    memset(want + 1, 1, 256);     /* 0x10001..0x10100 all = byte at 0x10000 */
    want[257] = 258 & 0xFF;       /* byte after the field untouched */
    CHECK_MEM(m + 0x10000, want, 258);
    tenv_free(e);
}

/* 0 < d - s < len: the d - s bytes at s repeat as a pattern. */
TEST(mvc_overlap_propagates_pattern)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memcpy(m + 0x10000, "ABCxxxxxxxxxxxxxxxxxxxxxx", 25);
    e->cpu.gr[3] = 0x10000;
    Insn in = ss_a(0xD2, 20, 3, 3, 3, 0);     /* MVC 3(20,3),0(3) */
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "ABCABCABCABCABCABCABCABxx", 25);
    /* the same with a pattern longer than a host word */
    memcpy(m + 0x11000, "0123456789......................", 32);
    e->cpu.gr[3] = 0x11000;
    in = ss_a(0xD2, 22, 3, 10, 3, 0);
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x11000, "01234567890123456789012345678901", 32);
    tenv_free(e);
}

/* d < s: bytes are fetched before they are overwritten: a plain move. */
TEST(mvc_overlap_backward_is_nondestructive)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memcpy(m + 0x10000, "abcdefghijklmnop", 16);
    e->cpu.gr[3] = 0x10000;
    Insn in = ss_a(0xD2, 10, 3, 0, 3, 5);     /* MVC 0(10,3),5(3) */
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "fghijklmnoklmnop", 16);
    tenv_free(e);
}

TEST(mvc_overlap_exact_leaves_field)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memcpy(m + 0x10000, "abcdefgh", 8);
    e->cpu.gr[3] = 0x10000;
    Insn in = ss_a(0xD2, 8, 3, 0, 3, 0);
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "abcdefgh", 8);
    tenv_free(e);
}

/* Replication across a page boundary: the operand is two fragments and the
 * pattern must continue in the second. */
TEST(mvc_overlap_across_page_boundary)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memset(m + 0x10F00, 0, 0x300);
    memcpy(m + 0x10FF0, "XYZ", 3);
    e->cpu.gr[3] = 0x10FF0;
    Insn in = ss_a(0xD2, 200, 3, 3, 3, 0);    /* d = s + 3, crosses 0x11000 */
    CHECK_EQ(insn_mvc(&e->cpu, &in), 0);
    uint8_t want[203];
    for (int i = 0; i < 203; i++)
        want[i] = "XYZ"[i % 3];
    CHECK_MEM(m + 0x10FF0, want, 203);
    CHECK_EQ(m[0x10FF0 + 203], 0);
    tenv_free(e);
}

/* ---- MVCRL ---- */

TEST(mvcrl_basic_length_from_gr0)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memset(m + 0x10000, '.', 12);
    memcpy(m + 0x20000, "12345678ABCD", 12);
    e->cpu.gr[0] = 0xFFFFFFFFFFFFFF07ULL;     /* only bits 56-63 count: 8 bytes */
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    Insn in = ss_a(0xE50A, 1, 3, 0, 4, 0);
    in.l1 = 0;                                /* SSE: no L field */
    CHECK_EQ(insn_mvcrl(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "12345678....", 12);
    /* GR0 = 0: one byte */
    e->cpu.gr[0] = 0;
    memcpy(m + 0x20000, "Z", 1);
    CHECK_EQ(insn_mvcrl(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "Z2345678....", 12);
    tenv_free(e);
}

/* d = s - 1: processed right to left, the rightmost source byte is
 * replicated leftwards (the mirror of MVC's d = s + 1). */
TEST(mvcrl_overlap_right_to_left)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memcpy(m + 0x10000, "abcdefghij", 10);
    e->cpu.gr[0] = 7;                         /* 8 bytes */
    e->cpu.gr[3] = 0x10000;
    Insn in = ss_a(0xE50A, 1, 3, 0, 3, 1);    /* op1 = s - 1 */
    in.l1 = 0;
    CHECK_EQ(insn_mvcrl(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "iiiiiiiiij", 10);

    /* d = s - 3: the three rightmost source bytes repeat leftwards, aligned
     * at the right end: op1[i] = op1[i+3] for i < n-3. */
    memcpy(m + 0x10000, "abcdefghijklmn", 14);
    e->cpu.gr[0] = 9;                         /* 10 bytes: op1 0..9, op2 3..12 */
    in = ss_a(0xE50A, 1, 3, 0, 3, 3);
    in.l1 = 0;
    CHECK_EQ(insn_mvcrl(&e->cpu, &in), 0);
    /* op1[9] = 'm', op1[8] = 'l', op1[7] = 'k', then op1[i] = op1[i+3]; bytes
     * 10..13 are not part of op1 */
    CHECK_MEM(m + 0x10000, "mklmklmklmklmn", 14);

    /* d > s: each source byte is fetched before it is overwritten: a move */
    memcpy(m + 0x10000, "abcdefghij", 10);
    e->cpu.gr[0] = 5;
    in = ss_a(0xE50A, 1, 3, 2, 3, 0);
    in.l1 = 0;
    CHECK_EQ(insn_mvcrl(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "ababcdefij", 10);

    /* exact overlap */
    in = ss_a(0xE50A, 1, 3, 0, 3, 0);
    in.l1 = 0;
    CHECK_EQ(insn_mvcrl(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "ababcdefij", 10);
    tenv_free(e);
}

TEST(mvcrl_overlap_across_page_boundary)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    for (int i = 0; i < 64; i++)
        m[0x10FE0 + i] = (uint8_t)i;
    e->cpu.gr[0] = 39;                        /* 40 bytes, op1 0x10FE0.., op2 0x10FE2.. */
    e->cpu.gr[3] = 0x10FE0;
    Insn in = ss_a(0xE50A, 1, 3, 0, 3, 2);
    in.l1 = 0;
    CHECK_EQ(insn_mvcrl(&e->cpu, &in), 0);
    /* op1[38..39] = source bytes 40, 41; then period 2 leftwards */
    uint8_t want[64];
    for (int i = 0; i < 64; i++)
        want[i] = (uint8_t)i;
    for (int i = 39; i >= 0; i--)
        want[i] = i + 2 <= 39 ? want[i + 2] : (uint8_t)(i + 2);
    CHECK_MEM(m + 0x10FE0, want, 64);
    CHECK_EQ(want[0], 40);
    CHECK_EQ(want[1], 41);
    tenv_free(e);
}

/* ---- MVCIN ---- */

TEST(mvcin_reverses_with_op2_rightmost_address)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memset(m + 0x10000, '.', 10);
    memcpy(m + 0x20000, "ABCDEFGH", 8);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    Insn in = ss_a(0xE8, 8, 3, 1, 4, 7);      /* op2 address = 'H' */
    CHECK_EQ(insn_mvcin(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, ".HGFEDCBA.", 10);
    /* L = 0: one byte, op2 address is that byte */
    in = ss_a(0xE8, 1, 3, 0, 4, 2);
    CHECK_EQ(insn_mvcin(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "CHGFEDCBA.", 10);
    tenv_free(e);
}

/* Overlap by one byte is defined: op1's rightmost byte is op2's leftmost. */
TEST(mvcin_one_byte_overlap)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memcpy(m + 0x10000, "abcdefg", 7);
    e->cpu.gr[3] = 0x10000;
    /* op1 = 0x10000..0x10003, op2 = 0x10003..0x10006 (rightmost 0x10006) */
    Insn in = ss_a(0xE8, 4, 3, 0, 3, 6);
    CHECK_EQ(insn_mvcin(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "gfedefg", 7);
    /* op1's leftmost byte is op2's rightmost: op2 = 0x10000..3, op1 = 3..6 */
    memcpy(m + 0x10000, "abcdefg", 7);
    in = ss_a(0xE8, 4, 3, 3, 3, 3);
    CHECK_EQ(insn_mvcin(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "abcdcba", 7);
    tenv_free(e);
}

/* ---- MVZ / MVN ---- */

TEST(mvz_mvn_nibbles)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memcpy(m + 0x10000, "\xF1\xF2\xF3\xC4", 4);
    memcpy(m + 0x20000, "\x5A\x6B\x7C\x8D", 4);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    cpu_set_cc(&e->cpu, 1);
    Insn in = ss_a(0xD3, 3, 3, 0, 4, 0);
    CHECK_EQ(insn_mvz(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x51\x62\x73\xC4", 4);
    in = ss_a(0xD1, 4, 3, 0, 4, 0);
    CHECK_EQ(insn_mvn(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x5A\x6B\x7C\xCD", 4);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    tenv_free(e);
}

/* Overlap d = s + 1: each result byte is stored before the next byte is
 * fetched, so the first byte's numeric (zone) propagates. */
TEST(mvn_mvz_overlap_byte_at_a_time)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    memcpy(m + 0x10000, "\x17\x28\x39\x4A\x5B\x6C\x7D\x8E\x9F\xA0\xB1\xC2", 12);
    e->cpu.gr[3] = 0x10000;
    Insn in = ss_a(0xD1, 11, 3, 1, 3, 0);     /* MVN 1(11,3),0(3) */
    CHECK_EQ(insn_mvn(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x17\x27\x37\x47\x57\x67\x77\x87\x97\xA7\xB7\xC7", 12);
    memcpy(m + 0x10000, "\x17\x28\x39\x4A\x5B\x6C\x7D\x8E\x9F\xA0\xB1\xC2", 12);
    in = ss_a(0xD3, 11, 3, 1, 3, 0);
    CHECK_EQ(insn_mvz(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\x10\x11\x12", 12);
    tenv_free(e);
}

/* ---- NC / OC / XC ---- */

TEST(nc_oc_xc_values_and_cc)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    memcpy(m + 0x20000, "\x0F\xF0\x55\xAA", 4);

    memcpy(m + 0x10000, "\xFF\x0F\xAA\x55", 4);
    Insn in = ss_a(0xD4, 4, 3, 0, 4, 0);
    CHECK_EQ(insn_nc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x0F\x00\x00\x00", 4);
    CHECK_EQ(cpu_cc(&e->cpu), 1);

    memcpy(m + 0x10000, "\xF0\x0F\xAA\x55", 4);
    CHECK_EQ(insn_nc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x00\x00\x00\x00", 4);
    CHECK_EQ(cpu_cc(&e->cpu), 0);

    memcpy(m + 0x10000, "\x00\x00\x00\x00", 4);
    in = ss_a(0xD6, 4, 3, 0, 4, 0);
    CHECK_EQ(insn_oc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x0F\xF0\x55\xAA", 4);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    memset(m + 0x21000, 0, 4);
    memset(m + 0x11000, 0, 4);
    e->cpu.gr[5] = 0x11000;
    e->cpu.gr[6] = 0x21000;
    in = ss_a(0xD6, 4, 5, 0, 6, 0);
    CHECK_EQ(insn_oc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 0);

    memcpy(m + 0x10000, "\x0F\xF0\x55\xAB", 4);
    in = ss_a(0xD7, 4, 3, 0, 4, 0);
    CHECK_EQ(insn_xc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x00\x00\x00\x01", 4);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    memcpy(m + 0x10000, "\x0F\xF0\x55\xAA", 4);
    CHECK_EQ(insn_xc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x00\x00\x00\x00", 4);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    tenv_free(e);
}

/* XC X,X clears (CC0); NC X,X and OC X,X leave X and report zero/nonzero. */
TEST(logic_identical_operands)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    for (int i = 0; i < 300; i++)
        m[0x10F80 + i] = (uint8_t)(i | 1);
    e->cpu.gr[3] = 0x10F80;
    e->cpu.gr[4] = 0x10F80;
    cpu_set_cc(&e->cpu, 3);
    Insn in = ss_a(0xD7, 256, 3, 0, 4, 0);    /* crosses 0x11000 */
    CHECK_EQ(insn_xc(&e->cpu, &in), 0);
    uint8_t zero[256] = { 0 };
    CHECK_MEM(m + 0x10F80, zero, 256);
    CHECK_EQ(m[0x10F80 + 256], (256 | 1) & 0xFF);
    CHECK_EQ(cpu_cc(&e->cpu), 0);

    memcpy(m + 0x10000, "\x00\x00\x80\x00", 4);
    e->cpu.gr[3] = e->cpu.gr[4] = 0x10000;
    in = ss_a(0xD6, 4, 3, 0, 4, 0);
    CHECK_EQ(insn_oc(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\x00\x00\x80\x00", 4);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    in = ss_a(0xD4, 2, 3, 0, 4, 0);
    CHECK_EQ(insn_nc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    tenv_free(e);
}

/* Overlapping logical operands are processed one byte at a time, left to
 * right, each result stored before the next fetch. */
TEST(logic_overlap_byte_at_a_time)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    static const int shifts[] = { 1, 3, 7, 8, 9, -1, -5, -9 };
    uint64_t seed = 42;
    for (int k = K_MVZ; k <= K_XC; k++) {
        for (unsigned s = 0; s < sizeof(shifts) / sizeof(shifts[0]); s++) {
            uint8_t init[300], want[300];
            fill_rand(init, sizeof(init), &seed);
            memcpy(want, init, sizeof(init));
            const int base = 20, n = 40;
            const int d = base + (shifts[s] > 0 ? shifts[s] : 0);
            const int src = base + (shifts[s] < 0 ? -shifts[s] : 0);
            uint8_t any = 0;
            for (int i = 0; i < n; i++) {
                uint8_t x = want[d + i], y = want[src + i], r;
                switch (k) {
                case K_MVZ: r = (x & 0x0F) | (y & 0xF0); break;
                case K_MVN: r = (x & 0xF0) | (y & 0x0F); break;
                case K_NC: r = x & y; break;
                case K_OC: r = x | y; break;
                default: r = x ^ y; break;
                }
                want[d + i] = r;
                any |= r;
            }
            memcpy(m + 0x10FE0, init, sizeof(init));   /* also crosses 0x11000 */
            e->cpu.gr[3] = 0x10FE0;
            cpu_set_cc(&e->cpu, 3);
            Insn in = ss_a(descs[k].opc, n, 3, d, 3, src);
            CHECK_EQ(descs[k].fn(&e->cpu, &in), 0);
            CHECK_MEM(m + 0x10FE0, want, sizeof(want));
            if (sets_cc((Kind)k))
                CHECK_EQ(cpu_cc(&e->cpu), any ? 1 : 0);
            else
                CHECK_EQ(cpu_cc(&e->cpu), 3);
        }
    }
    tenv_free(e);
}

/* ---- CLC ---- */

TEST(clc_condition_codes)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    Insn in = ss_a(0xD5, 4, 3, 0, 4, 0);

    memcpy(m + 0x10000, "ABCD", 4);
    memcpy(m + 0x20000, "ABCD", 4);
    cpu_set_cc(&e->cpu, 3);
    CHECK_EQ(insn_clc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 0);

    memcpy(m + 0x10000, "ABBZ", 4);           /* first difference decides */
    CHECK_EQ(insn_clc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 1);

    memcpy(m + 0x10000, "AC\x00\x00", 4);
    CHECK_EQ(insn_clc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 2);

    /* unsigned: 0x80 > 0x7F */
    memcpy(m + 0x10000, "\x80", 1);
    memcpy(m + 0x20000, "\x7F", 1);
    in = ss_a(0xD5, 1, 3, 0, 4, 0);
    CHECK_EQ(insn_clc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    /* L = 0 compares only the first byte */
    memcpy(m + 0x10000, "Q1", 2);
    memcpy(m + 0x20000, "Q2", 2);
    CHECK_EQ(insn_clc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    CHECK_MEM(m + 0x10000, "Q1", 2);          /* nothing stored */
    tenv_free(e);
}

TEST(clc_difference_in_last_byte_across_pages)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    for (int i = 0; i < 256; i++)
        m[0x10F40 + i] = m[0x20FC0 + i] = (uint8_t)(i * 3);
    m[0x10F40 + 255] = 0x01;
    m[0x20FC0 + 255] = 0xFE;
    e->cpu.gr[3] = 0x10F40;
    e->cpu.gr[4] = 0x20FC0;
    Insn in = ss_a(0xD5, 256, 3, 0, 4, 0);
    CHECK_EQ(insn_clc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    in = ss_a(0xD5, 256, 4, 0, 3, 0);
    CHECK_EQ(insn_clc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    in = ss_a(0xD5, 255, 4, 0, 3, 0);
    CHECK_EQ(insn_clc(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    tenv_free(e);
}

/* ---- TR ---- */

TEST(tr_translates)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    for (int i = 0; i < 256; i++)
        m[0x20000 + i] = (uint8_t)(255 - i);
    memcpy(m + 0x10000, "\x00\x01\x7F\x80\xFF\x10", 6);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    cpu_set_cc(&e->cpu, 2);
    Insn in = ss_a(0xDC, 5, 3, 0, 4, 0);
    CHECK_EQ(insn_tr(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x10000, "\xFF\xFE\x80\x7F\x00\x10", 6);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    tenv_free(e);
}

/* Operand 1 inside the table: each result byte is stored right after its
 * function byte is fetched, so later arguments see earlier results. */
TEST(tr_table_overlapping_operand1)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    uint8_t tab[256];
    for (int i = 0; i < 256; i++)
        tab[i] = (uint8_t)(i + 1);
    memcpy(m + 0x20000, tab, 256);
    /* op1 = table bytes 0..15: arg tab[0]=1 -> f = byte 1 = 2, stored at 0;
     * arg at 1 is 2 -> byte 2 = 3 ... */
    e->cpu.gr[3] = 0x20000;
    e->cpu.gr[4] = 0x20000;
    Insn in = ss_a(0xDC, 16, 3, 0, 4, 0);
    CHECK_EQ(insn_tr(&e->cpu, &in), 0);
    uint8_t want[256];
    memcpy(want, tab, 256);
    for (int i = 0; i < 16; i++)
        want[i] = want[want[i]];
    CHECK_MEM(m + 0x20000, want, 256);
    CHECK_EQ(want[0], 2);

    /* a case where order matters: args point back at already-translated
     * bytes: op1 = table 4..11, each arg = its own index - 1 */
    for (int i = 0; i < 256; i++)
        tab[i] = (uint8_t)(i ? i - 1 : 0xAA);
    memcpy(m + 0x20000, tab, 256);
    memcpy(want, tab, 256);
    for (int i = 4; i < 12; i++)
        want[i] = want[want[i]];
    e->cpu.gr[3] = 0x20004;
    in = ss_a(0xDC, 8, 3, 0, 4, 0);
    CHECK_EQ(insn_tr(&e->cpu, &in), 0);
    CHECK_MEM(m + 0x20000, want, 256);
    CHECK_EQ(want[5], want[4]);               /* byte 5 read the new byte 4 */
    tenv_free(e);
}

/* ---- TRT / TRTR ---- */

static void trt_table(uint8_t *m)
{
    memset(m, 0, 256);
    m[','] = 4;
    m[' '] = 8;
}

TEST(trt_cc_and_registers_64)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    trt_table(m + 0x20000);
    memcpy(m + 0x10000, "abc,def gh", 10);
    e->cpu.gr[3] = 0x10000;
    e->cpu.gr[4] = 0x20000;
    e->cpu.gr[1] = 0x1111111111111111ULL;
    e->cpu.gr[2] = 0x2222222222222222ULL;
    Insn in = ss_a(0xDD, 10, 3, 0, 4, 0);
    CHECK_EQ(insn_trt(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    CHECK_EQ(e->cpu.gr[1], 0x10003);
    CHECK_EQ(e->cpu.gr[2], 0x2222222222222204ULL);

    /* TRTR scans from the right: op1 address = rightmost byte */
    e->cpu.gr[1] = 0x1111111111111111ULL;
    e->cpu.gr[2] = 0x2222222222222222ULL;
    in = ss_a(0xD0, 10, 3, 9, 4, 0);
    CHECK_EQ(insn_trtr(&e->cpu, &in), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    CHECK_EQ(e->cpu.gr[1], 0x10007);
    CHECK_EQ(e->cpu.gr[2], 0x2222222222222208ULL);

    /* hit on the last byte processed: CC2 */
    memcpy(m + 0x10000, "abcdefghi,", 10);
    CHECK_EQ(insn_trt(&e->cpu, &(Insn){ .l1 = 9, .b1 = 3, .b2 = 4 }), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    CHECK_EQ(e->cpu.gr[1], 0x10009);
    memcpy(m + 0x10000, " bcdefghij", 10);
    CHECK_EQ(insn_trtr(&e->cpu, &(Insn){ .l1 = 9, .b1 = 3, .d1 = 9, .b2 = 4 }), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    CHECK_EQ(e->cpu.gr[1], 0x10000);
    CHECK_EQ(e->cpu.gr[2], 0x2222222222222208ULL);

    /* no hit: CC0, registers unchanged */
    memcpy(m + 0x10000, "abcdefghij", 10);
    e->cpu.gr[1] = 0x1111111111111111ULL;
    e->cpu.gr[2] = 0x2222222222222222ULL;
    CHECK_EQ(insn_trt(&e->cpu, &(Insn){ .l1 = 9, .b1 = 3, .b2 = 4 }), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    CHECK_EQ(insn_trtr(&e->cpu, &(Insn){ .l1 = 9, .b1 = 3, .d1 = 9, .b2 = 4 }), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    CHECK_EQ(e->cpu.gr[1], 0x1111111111111111ULL);
    CHECK_EQ(e->cpu.gr[2], 0x2222222222222222ULL);

    /* L = 0: a hit on the only byte is CC2 for both */
    memcpy(m + 0x10000, ",", 1);
    CHECK_EQ(insn_trt(&e->cpu, &(Insn){ .l1 = 0, .b1 = 3, .b2 = 4 }), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    CHECK_EQ(insn_trtr(&e->cpu, &(Insn){ .l1 = 0, .b1 = 3, .b2 = 4 }), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    CHECK_EQ(e->cpu.gr[1], 0x10000);
    tenv_free(e);
}

/* GR1 in 24-bit mode: bits 40-63 get the address, bits 0-39 stay; 31-bit:
 * bits 33-63, bit 32 zero, bits 0-31 stay. GR2: only bits 56-63 change. */
TEST(trt_trtr_registers_24_31)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    trt_table(m + 0x20000);
    memcpy(m + 0x123450, "xx,xxxx xx", 10);
    for (int mode = 24; mode <= 31; mode += 7) {
        tenv_amode(&e->cpu, mode);
        e->cpu.gr[3] = 0xFFFFFFFFFF123450ULL;  /* high bits ignored by the mode */
        e->cpu.gr[4] = 0xFFFFFFFFFF020000ULL;
        if (mode == 31)
            e->cpu.gr[3] = 0xFFFFFFFF80123450ULL, e->cpu.gr[4] = 0xFFFFFFFF80020000ULL;
        e->cpu.gr[1] = 0xCCCCCCCCFFFFFFFFULL;
        e->cpu.gr[2] = 0xDDDDDDDDDDDDDDDDULL;
        CHECK_EQ(insn_trt(&e->cpu, &(Insn){ .l1 = 9, .b1 = 3, .b2 = 4 }), 0);
        CHECK_EQ(cpu_cc(&e->cpu), 1);
        CHECK_EQ(e->cpu.gr[1], mode == 24 ? 0xCCCCCCCCFF123452ULL : 0xCCCCCCCC00123452ULL);
        CHECK_EQ(e->cpu.gr[2], 0xDDDDDDDDDDDDDD04ULL);
        e->cpu.gr[1] = 0xCCCCCCCCFFFFFFFFULL;
        CHECK_EQ(insn_trtr(&e->cpu,
                           &(Insn){ .l1 = 9, .b1 = 3, .d1 = 9, .b2 = 4 }), 0);
        CHECK_EQ(cpu_cc(&e->cpu), 1);
        CHECK_EQ(e->cpu.gr[1], mode == 24 ? 0xCCCCCCCCFF123457ULL : 0xCCCCCCCC00123457ULL);
        CHECK_EQ(e->cpu.gr[2], 0xDDDDDDDDDDDDDD08ULL);
    }
    tenv_free(e);
}

/* ---- every instruction: page crossing, lengths, wraparound ---- */

TEST(all_page_crossing_and_lengths)
{
    TestEnv *e = env_new();
    static const struct { uint64_t a1, a2; uint32_t n; } cases[] = {
        { 0x10F9C, 0x20F10, 256 },   /* op1 crosses at 100, op2 at 240: 3 pieces */
        { 0x10F10, 0x20F9C, 256 },   /* the other way round */
        { 0x10FFF, 0x20FFF, 2 },     /* both cross after one byte */
        { 0x10FFF, 0x20000, 1 },     /* one byte at a page end */
        { 0x10FF9, 0x20FFC, 17 },    /* word loop plus tails */
        { 0x10003, 0x20005, 9 },
        { 0x10000, 0x20000, 256 },   /* aligned, one page each */
        { 0x10F00, 0x20000, 256 },   /* op1 ends exactly at the page end */
    };
    uint64_t seed = 7;
    for (int k = 0; k < K_COUNT; k++)
        for (unsigned c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
            for (int rep = 0; rep < 4; rep++)
                run_generic(e, 64, &descs[k], cases[c].a1, cases[c].a2, cases[c].n,
                            test_rand(&seed));
    tenv_free(e);
}

/* Operands that run past the top of the 24-bit or 31-bit range continue at
 * 0 (DAT off: real = absolute with prefix 0).  For MVCIN and TRTR the
 * instruction designates the rightmost byte, so the wrap is also in the
 * address arithmetic that finds the leftmost byte. */
static void wrap_cases(TestEnv *e, int bits)
{
    const uint64_t top = amask(bits) + 1;
    uint64_t seed = (uint64_t)bits * 1000 + 1;
    for (int k = 0; k < K_COUNT; k++) {
        const uint32_t n2 = op2_len(descs[k].kind, 64);
        /* op1 wraps (32 bytes before the top, 32 after) */
        run_generic(e, bits, &descs[k], top - 32, 0x30000, 64, test_rand(&seed));
        /* op2 / the table wraps */
        run_generic(e, bits, &descs[k], 0x30000, top - n2 / 2, 64, test_rand(&seed));
        /* op1 wraps, op2 just below it / just above its low part */
        run_generic(e, bits, &descs[k], top - 8, top - 8 - n2 - 64, 64, test_rand(&seed));
        run_generic(e, bits, &descs[k], top - 3, 0x100 - 1, 200, test_rand(&seed));
        /* last byte exactly at the top / first byte at 0 */
        run_generic(e, bits, &descs[k], top - 64, 0x40000, 64, test_rand(&seed));
        run_generic(e, bits, &descs[k], 0x2000, 0x40000, 64, test_rand(&seed));
    }
}

TEST(all_wrap_24)
{
    TestEnv *e = env_new();
    wrap_cases(e, 24);
    tenv_free(e);
}

TEST(all_wrap_31)
{
    /* 2 GiB of guest RAM (sparse host mapping: only touched pages cost). */
    TestEnv *e = tenv_new(0x80000000ULL);
    wrap_cases(e, 31);
    tenv_free(e);
}

/* 64-bit wrap with DAT: the last page of the 2^64 space and page 0. */
TEST(all_wrap_64_dat)
{
    TestEnv *e = env_new();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_REGION1);
    tenv_map(e, asce, 0xFFFFFFFFFFFFF000ULL, 0x50000, 0);
    tenv_map(e, asce, 0, 0x51000, 0);
    tenv_map(e, asce, 0x30000, 0x52000, 0);
    tenv_dat_on(e, asce);
    uint64_t seed = 64;
    for (int k = 0; k < K_COUNT; k++) {
        const Desc *d = &descs[k];
        CPUState *cpu = &e->cpu;
        uint8_t o1[64], o2[256], r1[64];
        const uint32_t n = 64, n2 = op2_len(d->kind, n);
        make_data(d->kind, o1, o2, n, &seed);
        const uint64_t a1 = -32ULL, a2 = 0x30100;
        tenv_vwrite(e, asce, a1, o1, 32);
        tenv_vwrite(e, asce, 0, o1 + 32, 32);
        tenv_vwrite(e, asce, a2, o2, n2);
        cpu->gr[7] = d->kind == K_TRTR ? a1 + n - 1 : a1;
        cpu->gr[8] = d->kind == K_MVCIN ? a2 + n - 1 : a2;
        cpu->gr[0] = n - 1;
        cpu->gr[1] = cpu->gr[2] = 0;
        cpu_set_cc(cpu, 3);
        Insn in = ss_a(d->opc, n, 7, 0, 8, 0);
        CHECK_EQ(d->fn(cpu, &in), 0);
        Expect x;
        expect_of(d->kind, o1, o2, n, &x);
        tenv_vread(e, asce, a1, r1, 32);
        tenv_vread(e, asce, 0, r1 + 32, 32);
        CHECK_MEM(r1, x.op1, n);
        CHECK_EQ(cpu_cc(cpu), x.cc < 0 ? 3 : (unsigned)x.cc);
        if (x.hit >= 0)
            CHECK_EQ(cpu->gr[1], a1 + (uint64_t)x.hit);
    }
    tenv_free(e);
}

/* ---- crossing operands over frames in every arrangement ---- */

/* The fast paths of MVC (insn_mvc) and of the logical instructions and CLC
 * (ss_pieces) take an operand whose second page follows its first in host
 * memory as one host range, and otherwise move or combine the bytes in up
 * to three pieces.  Here six logical pages are mapped by DAT to frames
 * that are consecutive, scattered, partly consecutive, or shared (two
 * logical pages on one frame, so that operands overlap through an alias),
 * and operand pairs cross in every combination -- op1 only, op2 only, both
 * at the same or different offsets, neither -- also overlapping by a few
 * bytes (MVC's propagation) directly or through an alias.  Each case runs
 * once to fill the TLB (the fast paths start from exact hits), then again
 * on restored storage, and is checked against the definition applied one
 * byte at a time to a model of the frames. */
#define XF_BASE 0x80000ULL                 /* the frames: 16 of them */
#define XF_SIZE 0x10000ULL
#define XF_PAGES 6

static const uint64_t xf_frames[4][XF_PAGES] = {
    { 0x80000, 0x81000, 0x82000, 0x83000, 0x84000, 0x85000 },   /* consecutive */
    { 0x8B000, 0x86000, 0x8E000, 0x84000, 0x89000, 0x81000 },   /* scattered */
    { 0x80000, 0x81000, 0x8A000, 0x82000, 0x83000, 0x80000 },   /* mixed; page 5 = page 0 */
    { 0x8C000, 0x8D000, 0x8C000, 0x8D000, 0x8F000, 0x8C000 },   /* pages 0, 2, 5 and 1, 3 shared */
};

/* Logical base of arrangement v: each its own pages, so no TLB flush. */
static uint64_t xf_vbase(int v) { return 0x200000ULL + (uint64_t)v * 0x10000; }

static uint64_t xf_abs(int v, uint64_t off)
{
    return xf_frames[v][off >> 12] + (off & 0xFFF);
}

/* One case: kind k, operands at offsets o1, o2 from the logical base, n bytes. */
static void xf_case(TestEnv *e, int v, Kind k, uint64_t o1, uint64_t o2, uint32_t n,
                    uint64_t *seed)
{
    static uint8_t init[XF_SIZE], model[XF_SIZE];
    uint8_t *ram = tenv_abs(e, XF_BASE);
    CPUState *cpu = &e->cpu;
    fill_rand(init, XF_SIZE, seed);
    if (k == K_CLC) {
        /* op1 = op2 but for one byte, so the comparison runs to a varied
         * place (through the aliases, as far as they allow) */
        for (uint32_t i = 0; i < n; i++)
            init[xf_abs(v, o1 + i) - XF_BASE] = init[xf_abs(v, o2 + i) - XF_BASE];
        init[xf_abs(v, o1 + test_rand(seed) % n) - XF_BASE] ^= 0x20;
    }
    Insn in = ss_a(descs[k].opc, n, 7, 0, 8, 0);
    for (int pass = 0; pass < 2; pass++) {
        memcpy(ram, init, XF_SIZE);
        cpu->gr[7] = xf_vbase(v) + o1;
        cpu->gr[8] = xf_vbase(v) + o2;
        cpu_set_cc(cpu, 3);
        CHECK_EQ(descs[k].fn(cpu, &in), 0);
    }

    /* The definition: left to right, each byte fetched after the bytes
     * before it were stored. */
    memcpy(model, init, XF_SIZE);
    unsigned cc = 3;
    uint8_t any = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint8_t *p1 = &model[xf_abs(v, o1 + i) - XF_BASE];
        const uint8_t x = *p1, y = model[xf_abs(v, o2 + i) - XF_BASE];
        switch (k) {
        case K_MVC: *p1 = y; break;
        case K_MVZ: *p1 = (uint8_t)((x & 0x0F) | (y & 0xF0)); break;
        case K_MVN: *p1 = (uint8_t)((x & 0xF0) | (y & 0x0F)); break;
        case K_NC: *p1 = x & y; break;
        case K_OC: *p1 = x | y; break;
        case K_XC: *p1 = x ^ y; break;
        case K_CLC:
            if (cc == 3 && x != y)
                cc = x < y ? 1 : 2;
            break;
        default: break;
        }
        any |= *p1;
    }
    if (k == K_CLC && cc == 3)
        cc = 0;
    if (k == K_NC || k == K_OC || k == K_XC)
        cc = any ? 1 : 0;
    if (memcmp(ram, model, XF_SIZE) != 0 || cpu_cc(cpu) != cc)
        fprintf(stderr, "  %s frames %d o1=%#" PRIx64 " o2=%#" PRIx64 " n=%u\n", descs[k].name,
                v, o1, o2, n);
    CHECK_MEM(ram, model, XF_SIZE);
    CHECK_EQ(cpu_cc(cpu), cc);
}

TEST(crossing_operands_every_frame_arrangement)
{
    TestEnv *e = env_new();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_REGION1);
    for (int v = 0; v < 4; v++)
        for (int p = 0; p < XF_PAGES; p++)
            tenv_map(e, asce, xf_vbase(v) + (uint64_t)p * PAGE_SIZE, xf_frames[v][p], 0);
    tenv_dat_on(e, asce);

    /* Page ends (a 256-byte operand crosses after 1, 100, 240 or 256 bytes),
     * page starts and middles, in every page. */
    static const uint64_t pos[] = { 0xF00, 0xF9C, 0xFFF, 0x1000, 0x1ABC,
                                    0x1F10, 0x2F80, 0x3FF0, 0x4E00 };
    /* op1 relative to op2: propagation by 1 and 3 bytes, backward, equal,
     * and the same through the alias two pages on (arrangements 2, 3). */
    static const int64_t rel[] = { 1, 3, -5, 0, 0x2000, 0x2001, 0x2003, -0x2000 + 1 };
    static const uint32_t lens[] = { 256, 100, 2 };
    static const Kind kinds[] = { K_MVC, K_XC, K_NC, K_OC, K_MVZ, K_MVN, K_CLC };
    const uint64_t top = XF_PAGES * PAGE_SIZE;
    uint64_t seed = 2024;
    for (int v = 0; v < 4; v++)
        for (unsigned ki = 0; ki < sizeof(kinds) / sizeof(kinds[0]); ki++)
            for (unsigned li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
                const Kind k = kinds[ki];
                const uint32_t n = lens[li];
                if (k != K_MVC && n != 256)
                    continue;
                for (unsigned i = 0; i < sizeof(pos) / sizeof(pos[0]); i++) {
                    for (unsigned j = 0; j < sizeof(pos) / sizeof(pos[0]); j++)
                        xf_case(e, v, k, pos[i], pos[j], n, &seed);
                    for (unsigned r = 0; r < sizeof(rel) / sizeof(rel[0]); r++) {
                        const int64_t o1 = (int64_t)pos[i] + rel[r];
                        if (o1 >= 0 && (uint64_t)o1 + n <= top)
                            xf_case(e, v, k, (uint64_t)o1, pos[i], n, &seed);
                    }
                }
            }
    tenv_free(e);
}

/* ---- I/O regions: the byte-wise path ---- */

#define IO_BASE 0x3000000ULL     /* above RAM */
#define IO_SIZE 0x4000ULL

typedef struct IoDev {
    uint8_t mem[IO_SIZE];
    struct { char rw; uint32_t off; } log[4096];
    int n;
} IoDev;

static uint8_t io_rd(void *opaque, uint64_t off)
{
    IoDev *d = opaque;
    if (d->n < 4096)
        d->log[d->n++] = (typeof(d->log[0])){ 'R', (uint32_t)off };
    return d->mem[off];
}

static void io_wr(void *opaque, uint64_t off, uint8_t v)
{
    IoDev *d = opaque;
    if (d->n < 4096)
        d->log[d->n++] = (typeof(d->log[0])){ 'W', (uint32_t)off };
    d->mem[off] = v;
}

/* An architectural access event: operand (1, or 2 = op2 / table), offset in
 * that operand, read or write. */
typedef struct Ev { int op; uint32_t idx; char rw; } Ev;

/* The order in which each instruction touches its bytes (one byte at a time,
 * in its direction; for every byte: operand-1 fetch, operand-2 / table
 * fetch, operand-1 store; MVCIN fetches operand 2 right to left before
 * storing).  Comparisons and scans stop at the deciding byte. */
static int events_of(Kind k, const uint8_t *o1, const uint8_t *o2, uint32_t n, Ev *ev)
{
    int c = 0;
    Expect x;
    expect_of(k, o1, o2, n, &x);
    switch (k) {
    case K_MVC:
        for (uint32_t i = 0; i < n; i++) {
            ev[c++] = (Ev){ 2, i, 'R' };
            ev[c++] = (Ev){ 1, i, 'W' };
        }
        break;
    case K_MVCRL:
        for (uint32_t i = n; i-- > 0;) {
            ev[c++] = (Ev){ 2, i, 'R' };
            ev[c++] = (Ev){ 1, i, 'W' };
        }
        break;
    case K_MVCIN:
        for (uint32_t i = n; i-- > 0;)
            ev[c++] = (Ev){ 2, i, 'R' };
        for (uint32_t i = 0; i < n; i++)
            ev[c++] = (Ev){ 1, i, 'W' };
        break;
    case K_MVZ: case K_MVN: case K_NC: case K_OC: case K_XC:
        for (uint32_t i = 0; i < n; i++) {
            ev[c++] = (Ev){ 1, i, 'R' };
            ev[c++] = (Ev){ 2, i, 'R' };
            ev[c++] = (Ev){ 1, i, 'W' };
        }
        break;
    case K_CLC:
        for (uint32_t i = 0; i < n; i++) {
            ev[c++] = (Ev){ 1, i, 'R' };
            ev[c++] = (Ev){ 2, i, 'R' };
            if (o1[i] != o2[i])
                break;
        }
        break;
    case K_TR:
        for (uint32_t i = 0; i < n; i++) {
            ev[c++] = (Ev){ 1, i, 'R' };
            ev[c++] = (Ev){ 2, o1[i], 'R' };
            ev[c++] = (Ev){ 1, i, 'W' };
        }
        break;
    case K_TRT: case K_TRTR: {
        uint32_t stop = x.hit >= 0 ? (uint32_t)x.hit : (k == K_TRT ? n - 1 : 0);
        for (uint32_t j = 0; j < n; j++) {
            uint32_t i = k == K_TRT ? j : n - 1 - j;
            ev[c++] = (Ev){ 1, i, 'R' };
            ev[c++] = (Ev){ 2, o1[i], 'R' };
            if (i == stop)
                break;
        }
        break;
    }
    default:
        break;
    }
    return c;
}

/* Runs d with op1 and op2 at the given addresses (DAT off); op1/op2 are in
 * the I/O region when their address is >= IO_BASE. */
static void io_run(const Desc *d, uint64_t a1, uint64_t a2, uint32_t n, uint64_t seed)
{
    TestEnv *e = env_new();
    IoDev *dev = calloc(1, sizeof(*dev));
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, IO_SIZE, io_rd, io_wr, dev), 0);
    uint8_t o1[256], o2[256], r1[256], ram1[256];
    make_data(d->kind, o1, o2, n, &seed);
    const uint32_t n2 = op2_len(d->kind, n);
    const bool io1 = a1 >= IO_BASE, io2 = a2 >= IO_BASE;
    CPUState *cpu = &e->cpu;
    Insn in = ss_a(d->opc, n, 7, 0, 8, 0);

    /* reference run over RAM at 0x100F80 / 0x200F40 */
    uint8_t *m = tenv_abs(e, 0);
    memcpy(m + 0x100F80, o1, n);
    memcpy(m + 0x200F40, o2, n2);
    cpu->gr[7] = 0x100F80 + (d->kind == K_TRTR ? n - 1 : 0);
    cpu->gr[8] = 0x200F40 + (d->kind == K_MVCIN ? n - 1 : 0);
    cpu->gr[0] = n - 1;
    cpu->gr[1] = cpu->gr[2] = 0;
    cpu_set_cc(cpu, 3);
    CHECK_EQ(d->fn(cpu, &in), 0);
    memcpy(ram1, m + 0x100F80, n);
    const unsigned ram_cc = cpu_cc(cpu);
    const uint64_t ram_gr1 = cpu->gr[1] ? cpu->gr[1] - 0x100F80 : 0, ram_gr2 = cpu->gr[2];

    /* the same over the I/O region */
    if (io1)
        memcpy(dev->mem + (a1 - IO_BASE), o1, n);
    else
        memcpy(m + a1, o1, n);
    if (io2)
        memcpy(dev->mem + (a2 - IO_BASE), o2, n2);
    else
        memcpy(m + a2, o2, n2);
    cpu->gr[7] = a1 + (d->kind == K_TRTR ? n - 1 : 0);
    cpu->gr[8] = a2 + (d->kind == K_MVCIN ? n - 1 : 0);
    cpu->gr[1] = cpu->gr[2] = 0;
    cpu_set_cc(cpu, 3);
    dev->n = 0;
    CHECK_EQ(d->fn(cpu, &in), 0);
    memcpy(r1, io1 ? dev->mem + (a1 - IO_BASE) : m + a1, n);
    CHECK_MEM(r1, ram1, n);                       /* same bytes as over RAM */
    Expect x;
    expect_of(d->kind, o1, o2, n, &x);
    CHECK_MEM(r1, x.op1, n);
    CHECK_EQ(cpu_cc(cpu), ram_cc);
    CHECK_EQ(cpu->gr[1] ? cpu->gr[1] - a1 : 0, ram_gr1);
    CHECK_EQ(cpu->gr[2], ram_gr2);

    /* the callbacks saw each byte once, in architectural order */
    static Ev ev[1024];
    int ne = events_of(d->kind, o1, o2, n, ev), k = 0;
    bool order_ok = true;
    for (int i = 0; i < ne; i++) {
        bool in_io = ev[i].op == 1 ? io1 : io2;
        if (!in_io)
            continue;
        uint64_t off = (ev[i].op == 1 ? a1 : a2) - IO_BASE + ev[i].idx;
        if (k >= dev->n || dev->log[k].rw != ev[i].rw || dev->log[k].off != off) {
            if (order_ok)
                fprintf(stderr, "  %s io1=%d io2=%d: event %d expected %c@%" PRIx64
                        ", got %c@%x\n", d->name, io1, io2, k, ev[i].rw, off,
                        k < dev->n ? dev->log[k].rw : '-', k < dev->n ? dev->log[k].off : 0);
            order_ok = false;
        }
        k++;
    }
    CHECK(order_ok);
    CHECK_EQ(dev->n, k);
    free(dev);
    tenv_free(e);
}

TEST(io_region_bytewise_matches_ram)
{
    uint64_t seed = 99;
    for (int k = 0; k < K_COUNT; k++) {
        const Desc *d = &descs[k];
        for (int rep = 0; rep < 3; rep++) {
            const uint32_t n = rep == 0 ? 200 : rep == 1 ? 1 : 37;
            /* op1 in I/O crossing its page, op2 in RAM */
            io_run(d, IO_BASE + 0xF80, 0x300F40, n, test_rand(&seed));
            /* op2 (or the table) in I/O crossing, op1 in RAM */
            io_run(d, 0x300F80, IO_BASE + 0x2F40, n, test_rand(&seed));
            /* both in the same I/O region */
            io_run(d, IO_BASE + 0xF80, IO_BASE + 0x2F40, n, test_rand(&seed));
        }
    }
}

/* DAT on: a logical operand whose first page is RAM and whose second page is
 * mapped to an I/O frame; only the second-page bytes reach the callbacks. */
TEST(io_region_mapped_by_dat)
{
    for (int k = 0; k < K_COUNT; k++) {
        const Desc *d = &descs[k];
        TestEnv *e = env_new();
        IoDev *dev = calloc(1, sizeof(*dev));
        CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, IO_SIZE, io_rd, io_wr, dev), 0);
        uint64_t asce = tenv_asce_new(e, ASCE_TYPE_REGION1);
        const uint64_t va1 = 0x7000000000ULL + 0xFC0, va2 = 0x9000000000ULL;
        tenv_map(e, asce, va1 & PAGE_MASK, 0x80000, 0);
        tenv_map(e, asce, (va1 & PAGE_MASK) + 0x1000, IO_BASE + 0x1000, 0);
        tenv_map(e, asce, va2, 0x90000, 0);
        tenv_dat_on(e, asce);
        uint64_t seed = 1234 + k;
        uint8_t o1[128], o2[256], r1[128];
        const uint32_t n = 128;   /* 64 bytes in RAM, 64 in I/O */
        make_data(d->kind, o1, o2, n, &seed);
        memcpy(tenv_abs(e, 0x80FC0), o1, 64);
        memcpy(dev->mem + 0x1000, o1 + 64, 64);
        memcpy(tenv_abs(e, 0x90000), o2, op2_len(d->kind, n));
        CPUState *cpu = &e->cpu;
        cpu->gr[7] = va1 + (d->kind == K_TRTR ? n - 1 : 0);
        cpu->gr[8] = va2 + (d->kind == K_MVCIN ? n - 1 : 0);
        cpu->gr[0] = n - 1;
        cpu_set_cc(cpu, 3);
        Insn in = ss_a(d->opc, n, 7, 0, 8, 0);
        CHECK_EQ(d->fn(cpu, &in), 0);
        memcpy(r1, tenv_abs(e, 0x80FC0), 64);
        memcpy(r1 + 64, dev->mem + 0x1000, 64);
        Expect x;
        expect_of(d->kind, o1, o2, n, &x);
        CHECK_MEM(r1, x.op1, n);
        CHECK_EQ(cpu_cc(cpu), x.cc < 0 ? 3 : (unsigned)x.cc);
        static Ev ev[1024];
        int ne = events_of(d->kind, o1, o2, n, ev), j = 0;
        bool ok = true;
        for (int i = 0; i < ne; i++) {
            if (ev[i].op != 1 || ev[i].idx < 64)
                continue;
            if (j >= dev->n || dev->log[j].rw != ev[i].rw ||
                dev->log[j].off != 0x1000 + ev[i].idx - 64)
                ok = false;
            j++;
        }
        CHECK(ok);
        CHECK_EQ(dev->n, j);
        free(dev);
        tenv_free(e);
    }
}

/* ---- watchpoints ---- */

/* A watchpoint over an operand stops the instruction before it stores
 * anything: INSN_WATCH, storage, registers and CC unchanged. */
TEST(watchpoint_stops_before_any_store)
{
    for (int k = 0; k < K_COUNT; k++) {
        const Desc *d = &descs[k];
        TestEnv *e = env_new();
        uint8_t *m = tenv_abs(e, 0);
        uint64_t seed = 555 + k;
        uint8_t o1[200], o2[256];
        const uint32_t n = 200, n2 = op2_len(d->kind, n);
        make_data(d->kind, o1, o2, n, &seed);
        memcpy(m + 0x10F80, o1, n);
        memcpy(m + 0x20F40, o2, n2);
        CPUState *cpu = &e->cpu;
        cpu->gr[7] = 0x10F80 + (d->kind == K_TRTR ? n - 1 : 0);
        cpu->gr[8] = 0x20F40 + (d->kind == K_MVCIN ? n - 1 : 0);
        cpu->gr[0] = n - 1;
        cpu->gr[1] = 0x1111, cpu->gr[2] = 0x2222;
        cpu_set_cc(cpu, 3);
        Insn in = ss_a(d->opc, n, 7, 0, 8, 0);
        /* on the last byte of op1 (its second page): a write watchpoint for
         * storing instructions, a read watchpoint for CLC/TRT/TRTR */
        const uint8_t type = stores_op1(d->kind) ? WP_WRITE : WP_READ;
        CHECK_EQ(access_watch_add(&e->m, 0x10F80 + n - 1, 1, type), 0);
        CHECK_EQ(d->fn(cpu, &in), INSN_WATCH);
        CHECK(cpu->watch.hit);
        CHECK_EQ(cpu->watch.addr, 0x10F80 + n - 1);
        CHECK_MEM(m + 0x10F80, o1, n);
        CHECK_MEM(m + 0x20F40, o2, n2);
        CHECK_EQ(cpu_cc(cpu), 3);
        CHECK_EQ(cpu->gr[1], 0x1111);
        CHECK_EQ(cpu->gr[2], 0x2222);

        /* a write watchpoint on the fetch-only operand 2 does not fire; the
         * watched page is then accessed byte-wise with the same result */
        access_watch_clear(&e->m);
        cpu->watch.hit = false;
        CHECK_EQ(access_watch_add(&e->m, 0x20F40, n2, WP_WRITE), 0);
        if (!stores_op1(d->kind))
            CHECK_EQ(access_watch_add(&e->m, 0x10F80, n, WP_WRITE), 0);
        CHECK_EQ(d->fn(cpu, &in), 0);
        Expect x;
        expect_of(d->kind, o1, o2, n, &x);
        CHECK_MEM(m + 0x10F80, x.op1, n);
        CHECK_EQ(cpu_cc(cpu), x.cc < 0 ? 3 : (unsigned)x.cc);
        tenv_free(e);
    }
}

/* ---- the fault matrix: every access exception on every operand page ---- */

typedef struct FmInfo {
    Kind kind;
    uint32_t n;
} FmInfo;

/* Deterministic operand contents for the matrix: different in op1 and op2
 * so that any store shows; TRT tables hit late in op1. */
static void fm_data(const FmInfo *fi, uint8_t *o1, uint8_t *o2)
{
    const uint32_t n = fi->n;
    for (uint32_t i = 0; i < n; i++)
        o1[i] = (uint8_t)(i * 3 + 1);
    for (uint32_t i = 0; i < op2_len(fi->kind, n); i++)
        o2[i] = (uint8_t)(0xA0 ^ i);
    if (fi->kind == K_CLC) {
        memcpy(o1, o2, n);
        o1[n - 1] ^= 0x40;                      /* unequal in the last byte */
    }
    if (fi->kind == K_TRT || fi->kind == K_TRTR) {
        memset(o2, 0, 256);
        o2[o1[n - 1]] = 0x77;                   /* TRT hits at the end */
        o2[o1[0]] = 0x66;                       /* TRTR hits at the start */
    }
}

static void fm_setup(FmCase *c)
{
    const FmInfo *fi = c->ctx;
    uint8_t o1[256], o2[256];
    fm_data(fi, o1, o2);
    fm_write(c, c->va[0], o1, fi->n);
    fm_write(c, c->va[1], o2, op2_len(fi->kind, fi->n));
    CPUState *cpu = &c->env->cpu;
    cpu->gr[7] = c->va[0] + (fi->kind == K_TRTR ? fi->n - 1 : 0);
    cpu->gr[8] = c->va[1] + (fi->kind == K_MVCIN ? fi->n - 1 : 0);
    cpu->gr[0] = fi->n - 1;
    cpu->gr[1] = 0x1111111111111111ULL;
    cpu->gr[2] = 0x2222222222222222ULL;
    cpu_set_cc(cpu, 3);
}

/* The fault-free run must have done the instruction's work. */
static void fm_check_result(FmCase *c)
{
    if (c->kind != FK_COUNT || c->rc != 0)
        return;
    const FmInfo *fi = c->ctx;
    uint8_t o1[256], o2[256], r1[256];
    fm_data(fi, o1, o2);
    Expect x;
    expect_of(fi->kind, o1, o2, fi->n, &x);
    fm_read(c, c->va[0], r1, fi->n);
    CHECK_MEM(r1, x.op1, fi->n);
    CHECK_EQ(cpu_cc(&c->env->cpu), x.cc < 0 ? 3 : (unsigned)x.cc);
    if (x.hit >= 0)
        CHECK_EQ(c->env->cpu.gr[1], c->va[0] + (uint64_t)x.hit);
}

static void fm_one(Kind k, uint32_t n, uint32_t off1, uint32_t off2)
{
    static const AccessKind op1_kind[K_COUNT] = {
        [K_MVC] = ACC_STORE, [K_MVCRL] = ACC_STORE, [K_MVCIN] = ACC_STORE,
        [K_MVZ] = ACC_UPDATE, [K_MVN] = ACC_UPDATE, [K_NC] = ACC_UPDATE, [K_OC] = ACC_UPDATE,
        [K_XC] = ACC_UPDATE, [K_CLC] = ACC_FETCH, [K_TR] = ACC_UPDATE, [K_TRT] = ACC_FETCH,
        [K_TRTR] = ACC_FETCH,
    };
    FmInfo fi = { k, n };
    char name[64];
    snprintf(name, sizeof(name), "%s n=%u off1=%u off2=%u", descs[k].name, n, off1, off2);
    FmScenario s;
    memset(&s, 0, sizeof(s));
    s.name = name;
    s.nops = 2;
    s.ops[0] = (FmOperand){ off1, n, op1_kind[k] };
    s.ops[1] = (FmOperand){ off2, op2_len(k, n), ACC_FETCH };
    s.handler = descs[k].fn;
    s.insn = ss_a(descs[k].opc, n, 7, 0, 8, 0);
    s.setup = fm_setup;
    s.check = fm_check_result;
    s.flags = FM_NOTHING_STORED;
    s.ctx = &fi;
    int cases = fm_run(&s);
    /* fault-free + 5 DAT levels x pages of both operands at least */
    CHECK(cases >= 1 + 5 * 2);
}

TEST(fault_matrix_all)
{
    for (int k = 0; k < K_COUNT; k++) {
        fm_one((Kind)k, 200, 4000, is_table(descs[k].kind) ? 3900 : 3950);  /* both cross */
        fm_one((Kind)k, 2, 4095, 4095);        /* each crosses after one byte */
        fm_one((Kind)k, 1, 100, 300);          /* L = 0, one page each (LAP on page 0) */
    }
}

/* ---- change bits and PER storage alteration ---- */

/* The fast paths store through host pointers; the change bit of every frame
 * of operand 1 must still be set, and PER storage alteration recognised for
 * a range that holds only stored bytes; fetch-only operands and
 * non-storing instructions set neither. */
TEST(change_bits_and_per_for_stored_bytes)
{
    for (int k = 0; k < K_COUNT; k++) {
        for (int per_on_op2 = 0; per_on_op2 < 2; per_on_op2++) {
            const Desc *d = &descs[k];
            TestEnv *e = env_new();
            uint8_t *m = tenv_abs(e, 0);
            uint64_t seed = 77 + k;
            uint8_t o1[200], o2[256];
            const uint32_t n = 200, n2 = op2_len(d->kind, n);
            make_data(d->kind, o1, o2, n, &seed);
            memcpy(m + 0x10F80, o1, n);               /* frames 0x10000, 0x11000 */
            memcpy(m + 0x20F40, o2, n2);              /* frames 0x20000, 0x21000 */
            CPUState *cpu = &e->cpu;
            cpu->gr[7] = 0x10F80 + (d->kind == K_TRTR ? n - 1 : 0);
            cpu->gr[8] = 0x20F40 + (d->kind == K_MVCIN ? n - 1 : 0);
            cpu->gr[0] = n - 1;
            cpu->psw_mask |= PSW_MASK_PER;
            cpu->cr[9] = CR9_PER_SA;
            /* range: the last byte of op1 (in its second page), or op2 */
            cpu->cr[10] = per_on_op2 ? 0x20F40 : 0x10F80 + n - 1;
            cpu->cr[11] = per_on_op2 ? 0x20F40 + n2 - 1 : 0x11FFF;
            cpu->insn_addr = 0x8000;
            memset(&cpu->per, 0, sizeof(cpu->per));
            Insn in = ss_a(d->opc, n, 7, 0, 8, 0);
            CHECK_EQ(d->fn(cpu, &in), 0);
            const bool st = stores_op1(d->kind);
            CHECK_EQ(!!(storage_key(&e->m.storage, 0x10000) & SKEY_C), st);
            CHECK_EQ(!!(storage_key(&e->m.storage, 0x11000) & SKEY_C), st);
            CHECK_EQ(storage_key(&e->m.storage, 0x20000) & SKEY_C, 0);
            CHECK_EQ(storage_key(&e->m.storage, 0x21000) & SKEY_C, 0);
            CHECK_EQ(!!(cpu->per.code & PER_CODE_SA), st && !per_on_op2);
            if (st && !per_on_op2)
                CHECK_EQ(cpu->per.address, 0x8000);
            tenv_free(e);
        }
    }
}

/* As above, but the operands' exact TLB entries are there already (the
 * instruction ran once with PER off): PER storage alteration must still be
 * recognised, so no fast path may store through them while PER is on. */
TEST(per_storage_alteration_with_a_warm_tlb)
{
    for (int k = 0; k < K_COUNT; k++) {
        const Desc *d = &descs[k];
        if (!stores_op1(d->kind))
            continue;
        for (int cross = 0; cross < 2; cross++) {
            TestEnv *e = env_new();
            uint8_t *m = tenv_abs(e, 0);
            uint64_t seed = 91 + k;
            uint8_t o1[200], o2[256];
            const uint32_t n = 200, n2 = op2_len(d->kind, n);
            const uint64_t a1 = cross ? 0x10F80 : 0x10100, a2 = cross ? 0x20F40 : 0x20100;
            make_data(d->kind, o1, o2, n, &seed);
            memcpy(m + a1, o1, n);
            memcpy(m + a2, o2, n2);
            CPUState *cpu = &e->cpu;
            cpu->gr[7] = a1 + (d->kind == K_TRTR ? n - 1 : 0);
            cpu->gr[8] = a2 + (d->kind == K_MVCIN ? n - 1 : 0);
            cpu->gr[0] = n - 1;
            cpu->insn_addr = 0x8000;
            Insn in = ss_a(d->opc, n, 7, 0, 8, 0);
            CHECK_EQ(d->fn(cpu, &in), 0);           /* PER off: fills the TLB */
            cpu->psw_mask |= PSW_MASK_PER;
            cpu->cr[9] = CR9_PER_SA;
            cpu->cr[10] = a1;
            cpu->cr[11] = a1 + n - 1;
            memset(&cpu->per, 0, sizeof(cpu->per));
            CHECK_EQ(d->fn(cpu, &in), 0);
            CHECK(cpu->per.code & PER_CODE_SA);
            tenv_free(e);
        }
    }
}

/* ---- exhaustive small cases for the blocked fast paths ---- */

/* One hit at every position of a 40-byte operand that crosses a page after
 * 13 bytes (and none): TRT reports it with CC1 (CC2 at the last byte), TRTR
 * too (CC2 at the first byte); with two hits TRT finds the left one and
 * TRTR the right one. */
TEST(trt_trtr_every_hit_position)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    const uint64_t a1 = 0x10FF3, tab = 0x20000;
    const uint32_t n = 40;
    memset(m + tab, 0, 256);
    m[tab + 0xEE] = 0x5E;
    for (int h1 = -1; h1 < (int)n; h1++) {
        for (int h2 = -1; h2 < (int)n; h2 += 7) {
            memset(m + a1, 0x11, n);
            if (h1 >= 0)
                m[a1 + h1] = 0xEE;
            if (h2 >= 0)
                m[a1 + h2] = 0xEE;
            int first = -1, last = -1;
            for (int i = 0; i < (int)n; i++)
                if (m[a1 + i] == 0xEE) {
                    if (first < 0)
                        first = i;
                    last = i;
                }
            e->cpu.gr[3] = a1;
            e->cpu.gr[4] = tab;
            e->cpu.gr[1] = e->cpu.gr[2] = 0;
            CHECK_EQ(insn_trt(&e->cpu, &(Insn){ .l1 = n - 1, .b1 = 3, .b2 = 4 }),
                     0);
            CHECK_EQ(cpu_cc(&e->cpu), first < 0 ? 0 : first == (int)n - 1 ? 2 : 1);
            CHECK_EQ(e->cpu.gr[1], first < 0 ? 0 : a1 + first);
            CHECK_EQ(e->cpu.gr[2], first < 0 ? 0 : 0x5E);
            e->cpu.gr[1] = e->cpu.gr[2] = 0;
            CHECK_EQ(insn_trtr(&e->cpu, &(Insn){ .l1 = n - 1, .b1 = 3,
                                                 .d1 = n - 1, .b2 = 4 }), 0);
            CHECK_EQ(cpu_cc(&e->cpu), last < 0 ? 0 : last == 0 ? 2 : 1);
            CHECK_EQ(e->cpu.gr[1], last < 0 ? 0 : a1 + last);
        }
    }
    tenv_free(e);
}

/* MVCIN at every length 1..40, operand 2 crossing a page. */
TEST(mvcin_every_small_length)
{
    TestEnv *e = env_new();
    uint8_t *m = tenv_abs(e, 0);
    for (uint32_t n = 1; n <= 40; n++) {
        for (uint32_t i = 0; i < 64; i++)
            m[0x20FF0 + i] = (uint8_t)(i + 1);
        memset(m + 0x10000, 0, 64);
        e->cpu.gr[3] = 0x10000;
        e->cpu.gr[4] = 0x20FF0 + n - 1;       /* rightmost byte of operand 2 */
        Insn in = ss_a(0xE8, n, 3, 0, 4, 0);
        CHECK_EQ(insn_mvcin(&e->cpu, &in), 0);
        uint8_t want[64] = { 0 };
        for (uint32_t i = 0; i < n; i++)
            want[i] = (uint8_t)(n - i);       /* source byte n-1-i holds n-i */
        CHECK_MEM(m + 0x10000, want, 64);
    }
    tenv_free(e);
}
