/* MVO, PACK, UNPK, PKA, PKU, UNPKA, UNPKU, ED and EDMK: results, signs,
 * truncation, specification and data exceptions, condition codes, EDMK's
 * GR1, overlap, 24/31-bit wraparound, I/O regions and watchpoints.  The
 * fault matrices are in test_ss_decimal_fm.c.
 *
 * Every expected value is computed by hand in the comment next to it from
 * the instruction's definition (zoned: zone 1111 / 0011 over a digit;
 * packed: two digits a byte, sign in the right half of the last byte). */
#include <stdlib.h>
#include <string.h>

#include "insn/insn.h"
#include "test.h"
#include "testenv.h"

/* ---- helpers ---- */

#define A1 0x10000ULL
#define A2 0x11000ULL

typedef int (*Handler)(CPUState *cpu, const Insn *in);

/* 16 MiB, 64-bit mode, DAT off (real = absolute above 8 KiB), CC 3 so that
 * "CC unchanged" is visible; the operand areas are filled with EE. */
static TestEnv *dec_env(void)
{
    TestEnv *e = tenv_new(1 << 24);
    cpu_set_cc(&e->cpu, 3);
    memset(tenv_abs(e, A1), 0xEE, 0x2000);
    return e;
}

static uint8_t *dec_ptr(TestEnv *e, uint64_t a)
{
    return tenv_abs(e, a);
}

static void dec_put(TestEnv *e, uint64_t a, const uint8_t *p, size_t n)
{
    memcpy(tenv_abs(e, a), p, n);
}

/* Byte i of an operand at a lives at (a + i) wrapped at top (DAT off, prefix
 * 0, so real = absolute). */
static void dec_put_wrap(TestEnv *e, uint64_t a, const uint8_t *p, size_t n, uint64_t top)
{
    for (size_t i = 0; i < n; i++)
        *tenv_abs(e, (a + i) & top) = p[i];
}

static void dec_get_wrap(TestEnv *e, uint64_t a, uint8_t *p, size_t n, uint64_t top)
{
    for (size_t i = 0; i < n; i++)
        p[i] = *tenv_abs(e, (a + i) & top);
}

/* Runs a handler with operand 1 at a1 (base GR3) and operand 2 at a2 (base
 * GR4), displacements 0.  l1/l2 are the instruction's length fields. */
static int dec_exec(TestEnv *e, Handler h, uint8_t l1, uint8_t l2, uint64_t a1, uint64_t a2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.ilen = 6;
    in.l1 = l1;
    in.l2 = l2;
    in.b1 = 3;
    in.b2 = 4;
    e->cpu.gr[3] = a1;
    e->cpu.gr[4] = a2;
    memset(&e->cpu.pgm, 0, sizeof(e->cpu.pgm));
    return h(&e->cpu, &in);
}

/* ---------------- MVO ---------------- */

TEST(mvo_shifts_operand2_left_of_operand1_sign)
{
    TestEnv *e = dec_env();
    /* op1 77 88 99 0C, op2 12 34 56: 6 goes left of C, then 45, 23, 01:
     * 01 23 45 6C (op2 extended with a zero digit on the left). */
    static const uint8_t o1[] = { 0x77, 0x88, 0x99, 0x0C }, o2[] = { 0x12, 0x34, 0x56 };
    static const uint8_t want[] = { 0x01, 0x23, 0x45, 0x6C };
    dec_put(e, A1, o1, 4);
    dec_put(e, A2, o2, 3);
    CHECK_EQ(dec_exec(e, insn_mvo, 3, 2, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 4);
    CHECK_MEM(dec_ptr(e, A2), o2, 3);           /* operand 2 untouched */
    CHECK_EQ(dec_ptr(e, A1)[4], 0xEE);          /* nothing beyond operand 1 */
    CHECK_EQ(cpu_cc(&e->cpu), 3);               /* CC unchanged */
    tenv_free(e);
}

TEST(mvo_short_operand1_drops_leftmost_digits)
{
    TestEnv *e = dec_env();
    /* op1 AA BF (2 bytes), op2 12 34 56: 6F then 45; 1,2,3 are lost. */
    static const uint8_t o1[] = { 0xAA, 0xBF }, o2[] = { 0x12, 0x34, 0x56 };
    static const uint8_t want[] = { 0x45, 0x6F };
    dec_put(e, A1, o1, 2);
    dec_put(e, A2, o2, 3);
    CHECK_EQ(dec_exec(e, insn_mvo, 1, 2, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 2);
    tenv_free(e);
}

TEST(mvo_overlap_same_field_shifts_one_digit_right)
{
    TestEnv *e = dec_env();
    /* MVO X(3),X(2) with X = 12 34 5C: result byte 2 = 4|C (op2 byte 1 =
     * 34 fetched first), byte 1 = 2|3 (op2 byte 0 = 12), byte 0 = 0|1:
     * 01 23 4C, i.e. 12345 became 01234. */
    static const uint8_t x[] = { 0x12, 0x34, 0x5C }, want[] = { 0x01, 0x23, 0x4C };
    dec_put(e, A1, x, 3);
    CHECK_EQ(dec_exec(e, insn_mvo, 2, 1, A1, A1), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 3);
    tenv_free(e);
}

TEST(mvo_overlap_follows_byte_at_a_time_order)
{
    TestEnv *e = dec_env();
    /* op1 = A..A+2, op2 = A+1..A+3 = 12 34 56 (so op1's last byte is 34).
     * k=2: fetch op2[2]=56, op1[2]=34 -> store A+2 = 6|4 = 64, carry 5.
     * k=1: fetch op2[1] = A+2 = now 64 -> store A+1 = 4|5 = 45, carry 6.
     * k=0: fetch op2[0] = A+1 = now 45 -> store A = 5|6 = 56.
     * A..A+3 = 56 45 64 56 (fetching op2 first would give 23 45 64 56). */
    static const uint8_t init[] = { 0x99, 0x12, 0x34, 0x56 };
    static const uint8_t want[] = { 0x56, 0x45, 0x64, 0x56 };
    dec_put(e, A1, init, 4);
    CHECK_EQ(dec_exec(e, insn_mvo, 2, 2, A1, A1 + 1), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 4);
    tenv_free(e);
}

/* ---------------- PACK ---------------- */

TEST(pack_zoned_to_packed)
{
    TestEnv *e = dec_env();
    /* F1 F2 F3 C4 -> rightmost byte swapped: 4C; then 3 (right) and 2
     * (left): 23; then 1 and an extended 0: 01.  -> 01 23 4C */
    static const uint8_t o2[] = { 0xF1, 0xF2, 0xF3, 0xC4 }, want[] = { 0x01, 0x23, 0x4C };
    dec_put(e, A2, o2, 4);
    CHECK_EQ(dec_exec(e, insn_pack, 2, 3, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 3);
    CHECK_EQ(dec_ptr(e, A1)[3], 0xEE);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    /* longer op1: extended with zero bytes on the left -> 00 00 01 23 4C */
    static const uint8_t want5[] = { 0x00, 0x00, 0x01, 0x23, 0x4C };
    CHECK_EQ(dec_exec(e, insn_pack, 4, 3, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want5, 5);
    tenv_free(e);
}

TEST(pack_short_operand1_ignores_left_digits)
{
    TestEnv *e = dec_env();
    /* F1..F4 F5 into 2 bytes: 5F, then 4|3 -> 34 5F; digits 1, 2 ignored */
    static const uint8_t o2[] = { 0xF1, 0xF2, 0xF3, 0xF4, 0xF5 }, want[] = { 0x34, 0x5F };
    dec_put(e, A2, o2, 5);
    CHECK_EQ(dec_exec(e, insn_pack, 1, 4, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 2);
    tenv_free(e);
}

TEST(pack_checks_no_codes)
{
    TestEnv *e = dec_env();
    /* 7A 3B: swapped B3, then the numeric half A and an extended 0: 0A B3.
     * Invalid digit/sign codes are moved unchanged, no data exception. */
    static const uint8_t o2[] = { 0x7A, 0x3B }, want[] = { 0x0A, 0xB3 };
    dec_put(e, A2, o2, 2);
    CHECK_EQ(dec_exec(e, insn_pack, 1, 1, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 2);
    tenv_free(e);
}

TEST(pack_overlap_follows_byte_at_a_time_order)
{
    TestEnv *e = dec_env();
    /* op2 = A..A+3 = F1 F2 F3 C4, op1 = A..A+1.
     * k=1: fetch op2[3]=C4, store A+1 = 4C.
     * k=0: fetch op2[2]=F3 (3) and op2[1] = A+1 = now 4C (C): store A = C3.
     * A..A+3 = C3 4C F3 C4 (fetching op2 first would give 23 4C). */
    static const uint8_t init[] = { 0xF1, 0xF2, 0xF3, 0xC4 };
    static const uint8_t want[] = { 0xC3, 0x4C, 0xF3, 0xC4 };
    dec_put(e, A1, init, 4);
    CHECK_EQ(dec_exec(e, insn_pack, 1, 3, A1, A1), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 4);
    /* the common in-place form PACK X(3),X(3): F1 F2 C3 -> 00 12 3C */
    static const uint8_t x[] = { 0xF1, 0xF2, 0xC3 }, wantx[] = { 0x00, 0x12, 0x3C };
    dec_put(e, A1, x, 3);
    CHECK_EQ(dec_exec(e, insn_pack, 2, 2, A1, A1), 0);
    CHECK_MEM(dec_ptr(e, A1), wantx, 3);
    tenv_free(e);
}

/* ---------------- UNPK ---------------- */

TEST(unpk_packed_to_zoned)
{
    TestEnv *e = dec_env();
    static const uint8_t o2[] = { 0x12, 0x34, 0x5C };
    dec_put(e, A2, o2, 3);
    /* 5C swapped -> C5; 34 -> F4 F3; 12 -> F2 F1: F1 F2 F3 F4 C5 */
    static const uint8_t w5[] = { 0xF1, 0xF2, 0xF3, 0xF4, 0xC5 };
    CHECK_EQ(dec_exec(e, insn_unpk, 4, 2, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), w5, 5);
    CHECK_EQ(dec_ptr(e, A1)[5], 0xEE);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    /* 7 bytes: two extended zero digits F0 F0 on the left */
    static const uint8_t w7[] = { 0xF0, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xC5 };
    CHECK_EQ(dec_exec(e, insn_unpk, 6, 2, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), w7, 7);
    /* 4 bytes: the last op2 byte used gives only its right digit: F2 F3 F4 C5 */
    static const uint8_t w4[] = { 0xF2, 0xF3, 0xF4, 0xC5 };
    CHECK_EQ(dec_exec(e, insn_unpk, 3, 2, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), w4, 4);
    /* 3 bytes: truncated F3 F4 C5 */
    static const uint8_t w3[] = { 0xF3, 0xF4, 0xC5 };
    dec_put(e, A1, (const uint8_t[]){ 0xEE, 0xEE, 0xEE, 0xEE }, 4);
    CHECK_EQ(dec_exec(e, insn_unpk, 2, 2, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), w3, 3);
    CHECK_EQ(dec_ptr(e, A1)[3], 0xEE);
    tenv_free(e);
}

TEST(unpk_checks_no_codes)
{
    TestEnv *e = dec_env();
    /* AB 3F: swapped F3; AB -> FB FA: FA FB F3 */
    static const uint8_t o2[] = { 0xAB, 0x3F }, want[] = { 0xFA, 0xFB, 0xF3 };
    dec_put(e, A2, o2, 2);
    CHECK_EQ(dec_exec(e, insn_unpk, 2, 1, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 3);
    tenv_free(e);
}

TEST(unpk_overlap_follows_byte_at_a_time_order)
{
    TestEnv *e = dec_env();
    /* op1 = A..A+3, op2 = A+2..A+4 = 12 34 5C.
     * fetch A+4 = 5C -> store A+3 = C5.
     * fetch A+3 = now C5 -> store A+2 = F5 (right), A+1 = FC (left).
     * fetch A+2 = now F5 -> store A = F5 (right; op1 is full).
     * A..A+4 = F5 FC F5 C5 5C (fetching op2 first: F2 F3 F4 C5). */
    static const uint8_t init[] = { 0xEE, 0xEE, 0x12, 0x34, 0x5C };
    static const uint8_t want[] = { 0xF5, 0xFC, 0xF5, 0xC5, 0x5C };
    dec_put(e, A1, init, 5);
    CHECK_EQ(dec_exec(e, insn_unpk, 3, 2, A1, A1 + 2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 5);
    /* in place UNPK X(3),X(3) with X = 00 1F 2C: fetch X+2 = 2C, store
     * X+2 = C2; fetch X+1 = 1F, store X+1 = FF (right half F) and X = F1
     * (left half 1): F1 FF C2 */
    static const uint8_t x[] = { 0x00, 0x1F, 0x2C }, wantx[] = { 0xF1, 0xFF, 0xC2 };
    dec_put(e, A1, x, 3);
    CHECK_EQ(dec_exec(e, insn_unpk, 2, 2, A1, A1), 0);
    CHECK_MEM(dec_ptr(e, A1), wantx, 3);
    tenv_free(e);
}

/* ---------------- PKA / PKU ---------------- */

TEST(pka_ascii_to_packed)
{
    TestEnv *e = dec_env();
    /* "12345": digits (right halves) from the right 5,4,3,2,1, then the
     * plus sign C: byte 15 = 5C, 14 = 34, 13 = 12, bytes 0-12 zero */
    static const uint8_t o2[] = { '1', '2', '3', '4', '5' };
    uint8_t want[16] = { 0 };
    want[13] = 0x12, want[14] = 0x34, want[15] = 0x5C;
    dec_put(e, A2, o2, 5);
    CHECK_EQ(dec_exec(e, insn_pka, 0, 4, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 16);
    CHECK_EQ(dec_ptr(e, A1)[16], 0xEE);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    tenv_free(e);
}

TEST(pka_32_bytes_drops_the_leftmost_digit)
{
    TestEnv *e = dec_env();
    /* op2[i] = '0' + (i+1) % 10 for i = 0..31: digits 1 2 3 ... 9 0 1 2.
     * 31 digits fit: op2[1..31] = 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * 2 3 4 5 6 7 8 9 0 1 2, then the sign C. */
    uint8_t o2[32];
    for (int i = 0; i < 32; i++)
        o2[i] = (uint8_t)('0' + (i + 1) % 10);
    static const uint8_t want[16] = { 0x23, 0x45, 0x67, 0x89, 0x01, 0x23, 0x45, 0x67,
                                      0x89, 0x01, 0x23, 0x45, 0x67, 0x89, 0x01, 0x2C };
    dec_put(e, A2, o2, 32);
    CHECK_EQ(dec_exec(e, insn_pka, 0, 31, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 16);
    tenv_free(e);
}

TEST(pka_ignores_zones_and_checks_nothing)
{
    TestEnv *e = dec_env();
    /* 41 7F: digits (right halves) 1 and F: byte 15 = FC, byte 14 = 01 */
    static const uint8_t o2[] = { 0x41, 0x7F };
    uint8_t want[16] = { 0 };
    want[14] = 0x01, want[15] = 0xFC;
    dec_put(e, A2, o2, 2);
    CHECK_EQ(dec_exec(e, insn_pka, 0, 1, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 16);
    tenv_free(e);
}

TEST(pka_length_over_32_is_specification)
{
    TestEnv *e = dec_env();
    uint8_t before[16];
    memcpy(before, dec_ptr(e, A1), 16);
    CHECK_EQ(dec_exec(e, insn_pka, 0, 32, A1, A2), PGM_SPECIFICATION);
    CHECK_EQ(e->cpu.pgm.code, PGM_SPECIFICATION);
    CHECK_MEM(dec_ptr(e, A1), before, 16);
    CHECK_EQ(dec_exec(e, insn_pka, 0, 255, A1, A2), PGM_SPECIFICATION);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    tenv_free(e);
}

TEST(pku_unicode_to_packed)
{
    TestEnv *e = dec_env();
    /* U+0031 U+0032 U+0033: digits 3,2,1: byte 15 = 3C, 14 = 12 */
    static const uint8_t o2[] = { 0x00, '1', 0x00, '2', 0x00, '3' };
    uint8_t want[16] = { 0 };
    want[14] = 0x12, want[15] = 0x3C;
    dec_put(e, A2, o2, 6);
    CHECK_EQ(dec_exec(e, insn_pku, 0, 5, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 16);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    /* the digit is the right half of each character's second byte: a
     * character 12 39 gives 9 (the first byte is ignored) */
    static const uint8_t o2b[] = { 0x12, 0x39 };
    memset(want, 0, 16);
    want[15] = 0x9C;
    dec_put(e, A2, o2b, 2);
    CHECK_EQ(dec_exec(e, insn_pku, 0, 1, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 16);
    tenv_free(e);
}

TEST(pku_64_bytes_drops_the_leftmost_digit)
{
    TestEnv *e = dec_env();
    /* 32 characters '0' + (i+1) % 10: the same digits as the PKA case */
    uint8_t o2[64];
    for (int i = 0; i < 32; i++) {
        o2[2 * i] = 0;
        o2[2 * i + 1] = (uint8_t)('0' + (i + 1) % 10);
    }
    static const uint8_t want[16] = { 0x23, 0x45, 0x67, 0x89, 0x01, 0x23, 0x45, 0x67,
                                      0x89, 0x01, 0x23, 0x45, 0x67, 0x89, 0x01, 0x2C };
    dec_put(e, A2, o2, 64);
    CHECK_EQ(dec_exec(e, insn_pku, 0, 63, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 16);
    tenv_free(e);
}

TEST(pku_odd_or_long_operand_is_specification)
{
    TestEnv *e = dec_env();
    uint8_t before[16];
    memcpy(before, dec_ptr(e, A1), 16);
    CHECK_EQ(dec_exec(e, insn_pku, 0, 4, A1, A2), PGM_SPECIFICATION);   /* 5 bytes */
    CHECK_EQ(dec_exec(e, insn_pku, 0, 0, A1, A2), PGM_SPECIFICATION);   /* 1 byte */
    CHECK_EQ(dec_exec(e, insn_pku, 0, 65, A1, A2), PGM_SPECIFICATION);  /* 66 bytes */
    CHECK_MEM(dec_ptr(e, A1), before, 16);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    tenv_free(e);
}

/* ---------------- UNPKA / UNPKU ---------------- */

static void packed16(uint8_t p[16], uint8_t sign)
{
    /* ... 00 12 34 56 7s: the last digits 1 2 3 4 5 6 7, sign s */
    memset(p, 0, 16);
    p[12] = 0x12, p[13] = 0x34, p[14] = 0x56, p[15] = (uint8_t)(0x70 | sign);
}

TEST(unpka_packed_to_ascii_and_cc_by_sign)
{
    TestEnv *e = dec_env();
    uint8_t o2[16];
    /* ...12 34 56 7s -> the last 5 digits 3 4 5 6 7 -> 33 34 35 36 37 */
    static const uint8_t want[] = { 0x33, 0x34, 0x35, 0x36, 0x37 };
    static const int cc_of_sign[16] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,   /* digits: invalid */
                                        0, 1, 0, 1, 0, 0 };            /* A+ B- C+ D- E+ F+ */
    for (int s = 0; s < 16; s++) {
        packed16(o2, (uint8_t)s);
        dec_put(e, A2, o2, 16);
        memset(dec_ptr(e, A1), 0xEE, 8);
        cpu_set_cc(&e->cpu, 2);
        CHECK_EQ(dec_exec(e, insn_unpka, 4, 0, A1, A2), 0);
        CHECK_MEM(dec_ptr(e, A1), want, 5);
        CHECK_EQ(dec_ptr(e, A1)[5], 0xEE);
        CHECK_EQ(cpu_cc(&e->cpu), cc_of_sign[s]);
    }
    tenv_free(e);
}

TEST(unpka_32_bytes_gets_a_leading_zero)
{
    TestEnv *e = dec_env();
    /* 98 76 54 32 10 98 76 54 32 10 98 76 54 32 10 9D: 31 digits
     * 9876543210 9876543210 9876543210 9; 32 result bytes: '0' then those */
    static const uint8_t o2[16] = { 0x98, 0x76, 0x54, 0x32, 0x10, 0x98, 0x76, 0x54,
                                    0x32, 0x10, 0x98, 0x76, 0x54, 0x32, 0x10, 0x9D };
    static const char want[] = "09876543210987654321098765432109";
    dec_put(e, A2, o2, 16);
    CHECK_EQ(dec_exec(e, insn_unpka, 31, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 32);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    tenv_free(e);
}

TEST(unpka_does_not_check_digits)
{
    TestEnv *e = dec_env();
    /* digits A B (invalid) are unpacked as 3A 3B; sign C -> CC 0 */
    uint8_t o2[16] = { 0 };
    o2[14] = 0x0A, o2[15] = 0xBC;
    static const uint8_t want[] = { 0x30, 0x3A, 0x3B };
    dec_put(e, A2, o2, 16);
    CHECK_EQ(dec_exec(e, insn_unpka, 2, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 3);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    tenv_free(e);
}

TEST(unpka_length_over_32_is_specification)
{
    TestEnv *e = dec_env();
    uint8_t before[40];
    memcpy(before, dec_ptr(e, A1), 40);
    CHECK_EQ(dec_exec(e, insn_unpka, 32, 0, A1, A2), PGM_SPECIFICATION);
    CHECK_MEM(dec_ptr(e, A1), before, 40);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    tenv_free(e);
}

TEST(unpku_packed_to_unicode_and_cc)
{
    TestEnv *e = dec_env();
    uint8_t o2[16];
    packed16(o2, 0x0D);
    dec_put(e, A2, o2, 16);
    /* last 3 digits 5 6 7 -> 0035 0036 0037; minus -> CC 1 */
    static const uint8_t want[] = { 0x00, 0x35, 0x00, 0x36, 0x00, 0x37 };
    CHECK_EQ(dec_exec(e, insn_unpku, 5, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 6);
    CHECK_EQ(dec_ptr(e, A1)[6], 0xEE);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    packed16(o2, 0x05);          /* digit code as sign: CC 3, result stored */
    dec_put(e, A2, o2, 16);
    memset(dec_ptr(e, A1), 0xEE, 6);
    CHECK_EQ(dec_exec(e, insn_unpku, 5, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 6);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    packed16(o2, 0x0F);
    dec_put(e, A2, o2, 16);
    CHECK_EQ(dec_exec(e, insn_unpku, 5, 0, A1, A2), 0);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    tenv_free(e);
}

TEST(unpku_64_bytes_gets_a_leading_zero)
{
    TestEnv *e = dec_env();
    static const uint8_t o2[16] = { 0x98, 0x76, 0x54, 0x32, 0x10, 0x98, 0x76, 0x54,
                                    0x32, 0x10, 0x98, 0x76, 0x54, 0x32, 0x10, 0x9C };
    static const char digits[] = "09876543210987654321098765432109";
    uint8_t want[64];
    for (int i = 0; i < 32; i++)
        want[2 * i] = 0, want[2 * i + 1] = (uint8_t)digits[i];
    dec_put(e, A2, o2, 16);
    CHECK_EQ(dec_exec(e, insn_unpku, 63, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 64);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    tenv_free(e);
}

TEST(unpku_odd_or_long_operand_is_specification)
{
    TestEnv *e = dec_env();
    uint8_t before[80];
    memcpy(before, dec_ptr(e, A1), 80);
    CHECK_EQ(dec_exec(e, insn_unpku, 4, 0, A1, A2), PGM_SPECIFICATION);   /* 5 bytes */
    CHECK_EQ(dec_exec(e, insn_unpku, 65, 0, A1, A2), PGM_SPECIFICATION);  /* 66 bytes */
    CHECK_MEM(dec_ptr(e, A1), before, 80);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    tenv_free(e);
}

/* ---------------- wraparound ---------------- */

/* Operand 1 starts 2 bytes below the top of the 24- or 31-bit range and
 * continues at 0; operand 2 wraps the same way in a second run. */
static void wrap_case(TestEnv *e, uint64_t top)
{
    uint64_t a1 = top - 1;                  /* bytes top-1, top, 0, 1, ... */
    static const uint8_t o2[] = { 0x12, 0x34, 0x5C };
    static const uint8_t w5[] = { 0xF1, 0xF2, 0xF3, 0xF4, 0xC5 };
    uint8_t got[5];

    /* UNPK into a wrapping operand 1 */
    dec_put(e, 0x20000, o2, 3);
    CHECK_EQ(dec_exec(e, insn_unpk, 4, 2, a1, 0x20000), 0);
    dec_get_wrap(e, a1, got, 5, top);
    CHECK_MEM(got, w5, 5);
    CHECK_EQ(*dec_ptr(e, 3), 0xEE);       /* ...and nothing past byte 2 */
    CHECK_EQ(*dec_ptr(e, top - 2), 0xEE); /* nor before the operand */

    /* PACK from a wrapping operand 2 back: F1 F2 F3 F4 C5 -> 01 23 45 ... */
    static const uint8_t wp[] = { 0x12, 0x34, 0x5C };
    CHECK_EQ(dec_exec(e, insn_pack, 2, 4, 0x20100, a1), 0);
    CHECK_MEM(dec_ptr(e, 0x20100), wp, 3);

    /* MVO with both operands wrapping the same field (shift right) */
    CHECK_EQ(dec_exec(e, insn_mvo, 2, 1, a1, a1), 0);
    /* field F1 F2 F3 ...: byte 2 = 3|F... op2 = F1 F2: F|F3's right half 3
     * -> 23? work it: k=2: op2[1]=F2, op1[2]=F3 -> 2|3 = 23, carry F;
     * k=1: op2[0]=F1 -> 1|F = 1F, carry F; k=0: 0|F = 0F. */
    static const uint8_t wm[] = { 0x0F, 0x1F, 0x23 };
    dec_get_wrap(e, a1, got, 3, top);
    CHECK_MEM(got, wm, 3);

    /* UNPKA with operand 2 wrapping */
    uint8_t p16[16];
    packed16(p16, 0x0C);
    dec_put_wrap(e, top - 7, p16, 16, top);
    static const uint8_t wa[] = { 0x35, 0x36, 0x37 };
    CHECK_EQ(dec_exec(e, insn_unpka, 2, 0, 0x20200, top - 7), 0);
    CHECK_MEM(dec_ptr(e, 0x20200), wa, 3);
    CHECK_EQ(cpu_cc(&e->cpu), 0);

    /* PKA into a wrapping 16-byte operand 1 */
    static const uint8_t o2a[] = { '9', '8' };
    uint8_t want16[16] = { 0 }, got16[16];
    want16[14] = 0x09, want16[15] = 0x8C;
    dec_put(e, 0x20300, o2a, 2);
    CHECK_EQ(dec_exec(e, insn_pka, 0, 1, top - 3, 0x20300), 0);
    dec_get_wrap(e, top - 3, got16, 16, top);
    CHECK_MEM(got16, want16, 16);
}

TEST(wraparound_24bit)
{
    TestEnv *e = dec_env();
    e->cpu.psw_mask &= ~(PSW_MASK_EA | PSW_MASK_BA);
    memset(dec_ptr(e, 0xFFF000), 0xEE, 0x1000);
    memset(dec_ptr(e, 0), 0xEE, 0x100);
    wrap_case(e, 0xFFFFFF);
    tenv_free(e);
}

TEST(wraparound_31bit)
{
    TestEnv *e = tenv_new(0x80000000ULL);   /* sparse: costs what is touched */
    e->cpu.psw_mask = (e->cpu.psw_mask & ~PSW_MASK_EA) | PSW_MASK_BA;
    cpu_set_cc(&e->cpu, 3);
    memset(dec_ptr(e, 0x7FFFF000), 0xEE, 0x1000);
    memset(dec_ptr(e, 0), 0xEE, 0x100);
    wrap_case(e, 0x7FFFFFFF);
    tenv_free(e);
}

/* ---------------- specification before access ---------------- */

TEST(specification_is_recognised_before_access_exceptions)
{
    TestEnv *e = dec_env();
    /* operands beyond storage would be addressing exceptions */
    uint64_t bad = 1ULL << 40;
    CHECK_EQ(dec_exec(e, insn_pka, 0, 40, bad, bad), PGM_SPECIFICATION);
    CHECK_EQ(dec_exec(e, insn_pku, 0, 2, bad, bad), PGM_SPECIFICATION);
    CHECK_EQ(dec_exec(e, insn_unpka, 33, 0, bad, bad), PGM_SPECIFICATION);
    CHECK_EQ(dec_exec(e, insn_unpku, 2, 0, bad, bad), PGM_SPECIFICATION);
    /* valid lengths reach the access check: addressing */
    CHECK_EQ(dec_exec(e, insn_pka, 0, 3, bad, bad), PGM_ADDRESSING);
    CHECK_EQ(dec_exec(e, insn_unpku, 3, 0, bad, bad), PGM_ADDRESSING);
    tenv_free(e);
}

/* ---------------- ED / EDMK ---------------- */

/* The Principles of Operation example: fill blank, then "dd,dsd.dd CR"
 * (20 digit selector, 21 significance starter, 6B ',', 4B '.', C3 D9 "CR"). */
static const uint8_t pop_pat[13] = { 0x40, 0x20, 0x20, 0x6B, 0x20, 0x21, 0x20,
                                     0x4B, 0x20, 0x20, 0x40, 0xC3, 0xD9 };

TEST(ed_pop_example_plus_and_minus)
{
    TestEnv *e = dec_env();
    /* source 02 57 42 6C = +0257426: the leading 0 gives the fill byte,
     * 2 starts significance, message bytes ',' '.' stay, the plus sign
     * after 6 turns significance off so " CR" becomes fill bytes; CC 2 */
    static const uint8_t src_p[] = { 0x02, 0x57, 0x42, 0x6C };
    static const uint8_t want_p[] = { 0x40, 0x40, 0xF2, 0x6B, 0xF5, 0xF7, 0xF4,
                                      0x4B, 0xF2, 0xF6, 0x40, 0x40, 0x40 };
    dec_put(e, A1, pop_pat, 13);
    dec_put(e, A2, src_p, 4);
    CHECK_EQ(dec_exec(e, insn_ed, 12, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want_p, 13);
    CHECK_EQ(dec_ptr(e, A1)[13], 0xEE);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    /* minus sign D leaves significance on: " CR" stays; CC 1 */
    static const uint8_t src_m[] = { 0x02, 0x57, 0x42, 0x6D };
    static const uint8_t want_m[] = { 0x40, 0x40, 0xF2, 0x6B, 0xF5, 0xF7, 0xF4,
                                      0x4B, 0xF2, 0xF6, 0x40, 0xC3, 0xD9 };
    dec_put(e, A1, pop_pat, 13);
    dec_put(e, A2, src_m, 4);
    e->cpu.gr[1] = 0x5555;
    CHECK_EQ(dec_exec(e, insn_ed, 12, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want_m, 13);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    CHECK_EQ(e->cpu.gr[1], 0x5555);          /* ED never touches GR1 */
    /* the other plus codes A, E, F and minus B behave as C and D */
    static const uint8_t sign[] = { 0x0A, 0x0B, 0x0E, 0x0F };
    static const int cc[] = { 2, 1, 2, 2 };
    for (int s = 0; s < 4; s++) {
        uint8_t src[4] = { 0x02, 0x57, 0x42, (uint8_t)(0x60 | sign[s]) };
        dec_put(e, A1, pop_pat, 13);
        dec_put(e, A2, src, 4);
        CHECK_EQ(dec_exec(e, insn_ed, 12, 0, A1, A2), 0);
        CHECK_EQ(cpu_cc(&e->cpu), cc[s]);
        CHECK_EQ(dec_ptr(e, A1)[12], cc[s] == 1 ? 0xD9 : 0x40);
    }
    tenv_free(e);
}

TEST(edmk_marks_first_significant_digit)
{
    TestEnv *e = dec_env();
    static const uint8_t src[] = { 0x02, 0x57, 0x42, 0x6C };
    dec_put(e, A1, pop_pat, 13);
    dec_put(e, A2, src, 4);
    e->cpu.gr[1] = 0xFFFFFFFFFFFFFFFFULL;
    CHECK_EQ(dec_exec(e, insn_edmk, 12, 0, A1, A2), 0);
    CHECK_EQ(e->cpu.gr[1], A1 + 2);          /* the byte that became F2 */
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    CHECK_EQ(dec_ptr(e, A1)[2], 0xF2);
    tenv_free(e);
}

TEST(ed_zero_field_with_significance_starter)
{
    TestEnv *e = dec_env();
    /* pattern 40 20 21 20 4B 20 20, source 00 00 0C: digits 0 0 | 0 0 | 0+.
     * i1: 0, off -> fill; i2: starter, 0 -> fill, significance on;
     * i3: 0 -> F0; i4: '.' kept; i5: F0; i6: 0 then plus -> F0, off.
     * -> 40 40 40 F0 4B F0 F0, all digits zero: CC 0.  EDMK: no digit was
     * significant with the indicator off -> GR1 unchanged. */
    static const uint8_t pat[] = { 0x40, 0x20, 0x21, 0x20, 0x4B, 0x20, 0x20 };
    static const uint8_t src[] = { 0x00, 0x00, 0x0C };
    static const uint8_t want[] = { 0x40, 0x40, 0x40, 0xF0, 0x4B, 0xF0, 0xF0 };
    dec_put(e, A1, pat, 7);
    dec_put(e, A2, src, 3);
    e->cpu.gr[1] = 0x1234;
    CHECK_EQ(dec_exec(e, insn_edmk, 6, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 7);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    CHECK_EQ(e->cpu.gr[1], 0x1234);
    tenv_free(e);
}

TEST(ed_cc_reflects_only_the_last_field)
{
    TestEnv *e = dec_env();
    /* 40 20 20 22 20 20, source 12 00: field 1 "12" (F1 F2), separator ->
     * fill and significance off, field 2 digits 0 0 -> fill: CC 0 although
     * field 1 was nonzero. EDMK marks the F1 (A1+1). */
    static const uint8_t pat[] = { 0x40, 0x20, 0x20, 0x22, 0x20, 0x20 };
    static const uint8_t src[] = { 0x12, 0x00 };
    static const uint8_t want[] = { 0x40, 0xF1, 0xF2, 0x40, 0x40, 0x40 };
    dec_put(e, A1, pat, 6);
    dec_put(e, A2, src, 2);
    CHECK_EQ(dec_exec(e, insn_edmk, 5, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 6);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    CHECK_EQ(e->cpu.gr[1], A1 + 1);

    /* 40 20 20 22 20 20 60, source 12 3C 4D: field 2 takes 3 (then plus:
     * off), 4 (nonzero with the indicator off again: significant, then
     * minus: stays on) and keeps '-': 40 F1 F2 40 F3 F4 60, CC 1.  EDMK
     * inserts the address each time, the last one (A1+5) remains. */
    static const uint8_t pat2[] = { 0x40, 0x20, 0x20, 0x22, 0x20, 0x20, 0x60 };
    static const uint8_t src2[] = { 0x12, 0x3C, 0x4D };
    static const uint8_t want2[] = { 0x40, 0xF1, 0xF2, 0x40, 0xF3, 0xF4, 0x60 };
    dec_put(e, A1, pat2, 7);
    dec_put(e, A2, src2, 3);
    CHECK_EQ(dec_exec(e, insn_edmk, 6, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want2, 7);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    CHECK_EQ(e->cpu.gr[1], A1 + 5);

    /* a pattern ending in a field separator: no digit in the last field,
     * CC 0.  40 20 20 22 with source 01 (2D unused): 40 40 F1 40 */
    static const uint8_t pat3[] = { 0x40, 0x20, 0x20, 0x22 };
    static const uint8_t src3[] = { 0x01, 0x2D };
    static const uint8_t want3[] = { 0x40, 0x40, 0xF1, 0x40 };
    dec_put(e, A1, pat3, 4);
    dec_put(e, A2, src3, 2);
    CHECK_EQ(dec_exec(e, insn_ed, 3, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want3, 4);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    tenv_free(e);
}

TEST(ed_significance_without_sign_gives_cc1)
{
    TestEnv *e = dec_env();
    /* fill '*' (5C): 5C 20 6B 20 20 with source 00 12: digits 0, 0, 1 and
     * the 2 is never used (no sign examined): ',' is replaced by the fill
     * while nonsignificant.  -> 5C 5C 5C 5C F1; significance is on at the
     * end and a digit was nonzero: CC 1 ("less than zero"). */
    static const uint8_t pat[] = { 0x5C, 0x20, 0x6B, 0x20, 0x20 };
    static const uint8_t src[] = { 0x00, 0x12 };
    static const uint8_t want[] = { 0x5C, 0x5C, 0x5C, 0x5C, 0xF1 };
    dec_put(e, A1, pat, 5);
    dec_put(e, A2, src, 2);
    CHECK_EQ(dec_exec(e, insn_ed, 4, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 5);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    tenv_free(e);
}

TEST(ed_fill_byte_that_is_a_control_byte)
{
    TestEnv *e = dec_env();
    /* fill = digit selector 20: 20 20 20 with source 10 2D: the first byte
     * also selects digit 1 -> F1, then F0, F2; minus: CC 1 */
    static const uint8_t pat[] = { 0x20, 0x20, 0x20 };
    static const uint8_t src[] = { 0x10, 0x2D };
    static const uint8_t want[] = { 0xF1, 0xF0, 0xF2 };
    dec_put(e, A1, pat, 3);
    dec_put(e, A2, src, 2);
    CHECK_EQ(dec_exec(e, insn_ed, 2, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 3);
    CHECK_EQ(cpu_cc(&e->cpu), 1);
    /* fill = significance starter 21: 21 20 20 with source 00 5C: digit 0
     * gives the fill (21) and forces significance: 21 F0 F5, plus: CC 2.
     * EDMK: significance was forced, the 5 came with it on: GR1 unchanged */
    static const uint8_t pat2[] = { 0x21, 0x20, 0x20 };
    static const uint8_t src2[] = { 0x00, 0x5C };
    static const uint8_t want2[] = { 0x21, 0xF0, 0xF5 };
    dec_put(e, A1, pat2, 3);
    dec_put(e, A2, src2, 2);
    e->cpu.gr[1] = 0x777;
    CHECK_EQ(dec_exec(e, insn_edmk, 2, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want2, 3);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    CHECK_EQ(e->cpu.gr[1], 0x777);
    /* fill = field separator 22: 22 20 with source 7C -> 22 F7, CC 2 */
    static const uint8_t pat3[] = { 0x22, 0x20 };
    static const uint8_t src3[] = { 0x7C };
    static const uint8_t want3[] = { 0x22, 0xF7 };
    dec_put(e, A1, pat3, 2);
    dec_put(e, A2, src3, 1);
    CHECK_EQ(dec_exec(e, insn_ed, 1, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want3, 2);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    tenv_free(e);
}

TEST(ed_without_digit_positions_fetches_no_source)
{
    TestEnv *e = dec_env();
    /* no 20/21 in the pattern: the source is not accessed at all, so an
     * operand-2 address outside storage raises nothing.  Message bytes
     * with significance off become the fill: 40 40 40; CC 0 */
    static const uint8_t pat[] = { 0x40, 0xC1, 0xC2 };
    static const uint8_t want[] = { 0x40, 0x40, 0x40 };
    dec_put(e, A1, pat, 3);
    CHECK_EQ(dec_exec(e, insn_ed, 2, 0, A1, 1ULL << 40), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 3);
    CHECK_EQ(cpu_cc(&e->cpu), 0);
    tenv_free(e);
}

TEST(ed_data_exception_terminates_after_the_edited_part)
{
    TestEnv *e = dec_env();
    /* 40 20 20 20 20 with source 12 A4: F1, F2, then the left half A of the
     * next byte is not a digit: data exception.  The operation is
     * terminated: bytes before the failing pattern byte are edited
     * (40 F1 F2), the rest unchanged (20 20), CC unchanged.  EDMK's GR1
     * shows the mark made in the edited part. */
    static const uint8_t pat[] = { 0x40, 0x20, 0x20, 0x20, 0x20 };
    static const uint8_t src[] = { 0x12, 0xA4 };
    static const uint8_t want[] = { 0x40, 0xF1, 0xF2, 0x20, 0x20 };
    dec_put(e, A1, pat, 5);
    dec_put(e, A2, src, 2);
    e->cpu.gr[1] = 0;
    CHECK_EQ(dec_exec(e, insn_edmk, 4, 0, A1, A2), PGM_DATA);
    CHECK_EQ(e->cpu.pgm.code, PGM_DATA);
    CHECK(!pgm_is_nullifying(PGM_DATA));
    CHECK_MEM(dec_ptr(e, A1), want, 5);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    CHECK_EQ(e->cpu.gr[1], A1 + 1);
    /* a sign code in the first digit (pattern byte 1): only byte 0, the
     * fill byte, stands edited (to itself); GR1 unchanged */
    static const uint8_t src2[] = { 0xC1 };
    dec_put(e, A1, pat, 5);
    dec_put(e, A2, src2, 1);
    e->cpu.gr[1] = 0x99;
    CHECK_EQ(dec_exec(e, insn_edmk, 4, 0, A1, A2), PGM_DATA);
    CHECK_MEM(dec_ptr(e, A1), pat, 5);
    CHECK_EQ(e->cpu.gr[1], 0x99);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    /* a sign code in a right half is fine anywhere: 40 20 20 with 1C 2C ->
     * 1, (plus: off), 2 -> 40 F1 F2, CC 2 */
    static const uint8_t pat3[] = { 0x40, 0x20, 0x20 };
    static const uint8_t src3[] = { 0x1C, 0x2C };
    static const uint8_t want3[] = { 0x40, 0xF1, 0xF2 };
    dec_put(e, A1, pat3, 3);
    dec_put(e, A2, src3, 2);
    CHECK_EQ(dec_exec(e, insn_ed, 2, 0, A1, A2), 0);
    CHECK_MEM(dec_ptr(e, A1), want3, 3);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    tenv_free(e);
}

TEST(ed_source_pages_are_accessed_only_as_needed)
{
    TestEnv *e = tenv_new(1 << 24);
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    const uint64_t vp = 0x300000, vpat = 0x400000;
    tenv_map(e, asce, vp, 0x300000, 0);          /* vp + 4096 stays invalid */
    tenv_map(e, asce, vpat, 0x400000, 0);
    tenv_dat_on(e, asce);
    cpu_set_cc(&e->cpu, 3);
    static const uint8_t pat[] = { 0x40, 0x20, 0x20, 0x20, 0x20, 0x20 };
    uint8_t got[6];

    /* 5 digit positions, source 12 34 5C in the last 3 bytes of the page:
     * the digits end with the sign in the page, the next page is never
     * needed -> 40 F1 F2 F3 F4 F5, CC 2 */
    static const uint8_t src[] = { 0x12, 0x34, 0x5C };
    static const uint8_t want[] = { 0x40, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5 };
    tenv_vwrite(e, asce, vpat, pat, 6);
    tenv_vwrite(e, asce, vp + 4093, src, 3);
    CHECK_EQ(dec_exec(e, insn_ed, 5, 0, vpat, vp + 4093), 0);
    tenv_vread(e, asce, vpat, got, 6);
    CHECK_MEM(got, want, 6);
    CHECK_EQ(cpu_cc(&e->cpu), 2);

    /* one byte later the sign byte is in the invalid page: page-translation
     * exception for it (fetch), nothing stored, CC unchanged */
    tenv_vwrite(e, asce, vpat, pat, 6);
    tenv_vwrite(e, asce, vp + 4094, src, 2);
    cpu_set_cc(&e->cpu, 3);
    CHECK_EQ(dec_exec(e, insn_ed, 5, 0, vpat, vp + 4094), PGM_PAGE_TRANS);
    CHECK(e->cpu.pgm.teid_valid);
    CHECK_EQ(e->cpu.pgm.teid, (vp + 4096) | TEID_FETCH);
    tenv_vread(e, asce, vpat, got, 6);
    CHECK_MEM(got, pat, 6);
    CHECK_EQ(cpu_cc(&e->cpu), 3);

    /* an invalid digit before the page boundary ends the operation first:
     * 12 A4 -> data exception, the next page is not accessed */
    static const uint8_t bad[] = { 0x12, 0xA4 };
    tenv_vwrite(e, asce, vp + 4094, bad, 2);
    CHECK_EQ(dec_exec(e, insn_ed, 5, 0, vpat, vp + 4094), PGM_DATA);
    tenv_free(e);
}

TEST(ed_256_byte_pattern_with_a_page_crossing_source)
{
    TestEnv *e = dec_env();
    /* fill 40 and 255 digit selectors; source 127 bytes 12 then 3C (255
     * digits, plus) starting 96 bytes before a page boundary: the first
     * digit 1 is significant, so the result is 40 F1 F2 F1 F2 ... F1 F2 F3,
     * CC 2.  The pattern itself crosses a page boundary too. */
    const uint64_t pa = 0x30F80, sa = 0x32000 - 96;
    uint8_t pat[256], src[128], want[256];
    pat[0] = 0x40;
    memset(pat + 1, 0x20, 255);
    memset(src, 0x12, 127);
    src[127] = 0x3C;
    want[0] = 0x40;
    for (int i = 1; i < 255; i++)
        want[i] = (i & 1) ? 0xF1 : 0xF2;
    want[255] = 0xF3;
    dec_put(e, pa, pat, 256);
    dec_put(e, sa, src, 128);
    e->cpu.gr[1] = 0;
    CHECK_EQ(dec_exec(e, insn_edmk, 255, 0, pa, sa), 0);
    CHECK_MEM(dec_ptr(e, pa), want, 256);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    CHECK_EQ(e->cpu.gr[1], pa + 1);
    tenv_free(e);
}

TEST(ed_exception_order_between_the_operands)
{
    /* Operand 1 is checked for fetch (to read the pattern), then the needed
     * source pages, then operand 1 for store: a source translation
     * exception is reported before a store (DAT) protection of the pattern;
     * an invalid pattern page is reported first.  Nothing is stored. */
    TestEnv *e = tenv_new(1 << 24);
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    const uint64_t vpat = 0x400000, vsrc = 0x300000;
    tenv_map(e, asce, vpat, 0x400000, PAGE_ENTRY_P);   /* pattern read-only */
    tenv_dat_on(e, asce);
    cpu_set_cc(&e->cpu, 3);
    static const uint8_t pat[] = { 0x40, 0x20, 0x20 };
    tenv_vwrite(e, asce, vpat, pat, 3);
    /* source segment invalid: 0x10 for the source, fetch */
    CHECK_EQ(dec_exec(e, insn_ed, 2, 0, vpat, vsrc), PGM_SEGMENT_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, vsrc | TEID_FETCH);
    /* source valid: the protection of the pattern, store, DAT type */
    static const uint8_t src[] = { 0x12 };
    tenv_map(e, asce, vsrc, 0x300000, 0);
    tlb_flush_all(&e->cpu.tlb);
    tenv_vwrite(e, asce, vsrc, src, 1);
    CHECK_EQ(dec_exec(e, insn_ed, 2, 0, vpat, vsrc), PGM_PROTECTION);
    CHECK_EQ(e->cpu.pgm.teid, vpat | TEID_STORE | TEID_PROT_DAT);
    uint8_t got[3];
    tenv_vread(e, asce, vpat, got, 3);
    CHECK_MEM(got, pat, 3);
    CHECK_EQ(cpu_cc(&e->cpu), 3);
    /* pattern and source both invalid: the pattern's */
    CHECK_EQ(dec_exec(e, insn_ed, 2, 0, 0x500000, 0x600000), PGM_SEGMENT_TRANS);
    CHECK_EQ(e->cpu.pgm.teid, 0x500000 | TEID_FETCH);
    tenv_free(e);
}

TEST(ed_overlapping_source_sees_edited_bytes)
{
    TestEnv *e = dec_env();
    /* The architecture calls overlapping pattern and source unpredictable;
     * zemu gives the left-to-right byte-at-a-time result.  Pattern at A1 =
     * 21 20 20 20, source also at A1: i0 fetches source byte 0 = 21 (not yet
     * edited): digit 2 -> F2, right half 1 kept; i1 -> F1; i2 fetches source
     * byte 1 = A1+1, already edited to F1: F is not a digit -> data
     * exception after F2 F1 were stored. */
    static const uint8_t pat[] = { 0x21, 0x20, 0x20, 0x20 };
    static const uint8_t want[] = { 0xF2, 0xF1, 0x20, 0x20 };
    dec_put(e, A1, pat, 4);
    CHECK_EQ(dec_exec(e, insn_ed, 3, 0, A1, A1), PGM_DATA);
    CHECK_MEM(dec_ptr(e, A1), want, 4);
    tenv_free(e);

    /* The same through two logical pages that share one frame: overlap is
     * a matter of storage locations, not of logical addresses. */
    e = tenv_new(1 << 24);
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, asce, 0x300000, 0x300000, 0);
    tenv_map(e, asce, 0x500000, 0x300000, 0);
    tenv_dat_on(e, asce);
    memcpy(tenv_abs(e, 0x300100), pat, 4);
    CHECK_EQ(dec_exec(e, insn_ed, 3, 0, 0x300100, 0x500100), PGM_DATA);
    CHECK_MEM(tenv_abs(e, 0x300100), want, 4);
    tenv_free(e);
}

TEST(edmk_gr1_by_addressing_mode)
{
    /* pattern 40 20 20, source 01 2C: the 1 is significant at A1+2 */
    static const uint8_t pat[] = { 0x40, 0x20, 0x20 };
    static const uint8_t src[] = { 0x01, 0x2C };
    static const struct {
        uint64_t psw_bits, gr1_before, gr1_after;
    } m[] = {
        /* 24-bit: bits 40-63 replaced, 0-39 unchanged */
        { 0, 0xAAAAAAAABBBBBBBBULL, 0xAAAAAAAABB010002ULL },
        /* 31-bit: bits 33-63 replaced, bit 32 set to zero, 0-31 unchanged */
        { PSW_MASK_BA, 0xAAAAAAAABBBBBBBBULL, 0xAAAAAAAA00010002ULL },
        { PSW_MASK_BA, 0xAAAAAAAA3BBBBBBBULL, 0xAAAAAAAA00010002ULL },
        /* 64-bit: all of it */
        { PSW_MASK_EA | PSW_MASK_BA, 0xAAAAAAAABBBBBBBBULL, A1 + 2 },
    };
    for (unsigned k = 0; k < sizeof(m) / sizeof(m[0]); k++) {
        TestEnv *e = dec_env();
        e->cpu.psw_mask = (e->cpu.psw_mask & ~(PSW_MASK_EA | PSW_MASK_BA)) | m[k].psw_bits;
        dec_put(e, A1, pat, 3);
        dec_put(e, A2, src, 2);
        e->cpu.gr[1] = m[k].gr1_before;
        /* high base-register bits are not part of the address in 24/31-bit */
        Insn in;
        memset(&in, 0, sizeof(in));
        in.l1 = 2, in.b1 = 3, in.b2 = 4;
        e->cpu.gr[3] = (m[k].psw_bits ? 0 : 0xFF000000ULL) | A1;
        e->cpu.gr[4] = A2;
        CHECK_EQ(insn_edmk(&e->cpu, &in), 0);
        CHECK_EQ(e->cpu.gr[1], m[k].gr1_after);
        CHECK_EQ(dec_ptr(e, A1)[2], 0xF1);
        tenv_free(e);
    }
}

TEST(ed_wraparound_24bit)
{
    TestEnv *e = dec_env();
    e->cpu.psw_mask &= ~(PSW_MASK_EA | PSW_MASK_BA);
    /* the PoP example with the pattern at 0xFFFFFE wrapping to 0..10 */
    static const uint8_t src[] = { 0x02, 0x57, 0x42, 0x6C };
    static const uint8_t want[] = { 0x40, 0x40, 0xF2, 0x6B, 0xF5, 0xF7, 0xF4,
                                    0x4B, 0xF2, 0xF6, 0x40, 0x40, 0x40 };
    uint8_t got[13];
    memset(dec_ptr(e, 0), 0xEE, 0x40);
    dec_put_wrap(e, 0xFFFFFE, pop_pat, 13, 0xFFFFFF);
    dec_put(e, 0x20000, src, 4);
    e->cpu.gr[1] = 0x1111111122FFFFFFULL;
    CHECK_EQ(dec_exec(e, insn_edmk, 12, 0, 0xFFFFFE, 0x20000), 0);
    dec_get_wrap(e, 0xFFFFFE, got, 13, 0xFFFFFF);
    CHECK_MEM(got, want, 13);
    CHECK_EQ(e->cpu.gr[1], 0x1111111122000000ULL);   /* F2 is at 0xFFFFFE + 2 = 0 */
    CHECK_EQ(*dec_ptr(e, 11), 0xEE);
    CHECK_EQ(cpu_cc(&e->cpu), 2);
    /* a wrapping source */
    dec_put(e, A1, pop_pat, 13);
    dec_put_wrap(e, 0xFFFFFE, src, 4, 0xFFFFFF);
    CHECK_EQ(dec_exec(e, insn_ed, 12, 0, A1, 0xFFFFFE), 0);
    CHECK_MEM(dec_ptr(e, A1), want, 13);
    tenv_free(e);
}

/* ---------------- every instruction: I/O regions and watchpoints ---------------- */

typedef struct DecRun {
    const char *name;
    Handler h;
    uint8_t l1, l2;          /* instruction length fields */
    uint32_t len1, len2;     /* bytes of operand 1 and operand 2 accessed */
    uint8_t op1[16], op2[16];
    bool right_to_left;      /* PACK/UNPK/MVO store right to left */
} DecRun;

static const DecRun runs[] = {
    { "MVO", insn_mvo, 5, 2, 6, 3, { 1, 2, 3, 4, 5, 0x6D }, { 0x12, 0x34, 0x56 }, true },
    { "PACK", insn_pack, 3, 5, 4, 6, { 0 }, { 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xD6 }, true },
    { "UNPK", insn_unpk, 6, 2, 7, 3, { 0 }, { 0x12, 0x34, 0x5D }, true },
    { "PKA", insn_pka, 0, 5, 16, 6, { 0 }, "123456", false },
    { "PKU", insn_pku, 0, 7, 16, 8, { 0 }, { 0, '7', 0, '8', 0, '9', 0, '0' }, false },
    { "UNPKA", insn_unpka, 7, 0, 8, 16, { 0 },
      { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x7D }, false },
    { "UNPKU", insn_unpku, 9, 0, 10, 16, { 0 },
      { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x7C }, false },
    { "ED", insn_ed, 12, 0, 13, 4, { 0x40, 0x20, 0x20, 0x6B, 0x20, 0x21, 0x20,
      0x4B, 0x20, 0x20, 0x40, 0xC3, 0xD9 }, { 0x02, 0x57, 0x42, 0x6D }, false },
    { "EDMK", insn_edmk, 12, 0, 13, 4, { 0x40, 0x20, 0x20, 0x6B, 0x20, 0x21, 0x20,
      0x4B, 0x20, 0x20, 0x40, 0xC3, 0xD9 }, { 0x00, 0x57, 0x42, 0x6C }, false },
};

typedef struct IoLog {
    uint8_t mem[0x2000];
    struct {
        char op;
        uint32_t off;
    } ev[1024];
    int n;
} IoLog;

static uint8_t io_rd(void *o, uint64_t off)
{
    IoLog *l = o;
    if (l->n < 1024)
        l->ev[l->n].op = 'r', l->ev[l->n++].off = (uint32_t)off;
    return l->mem[off];
}

static void io_wr(void *o, uint64_t off, uint8_t v)
{
    IoLog *l = o;
    if (l->n < 1024)
        l->ev[l->n].op = 'w', l->ev[l->n++].off = (uint32_t)off;
    l->mem[off] = v;
}

#define IO_BASE 0x2000000ULL   /* above the 16 MiB of RAM */
#define IO_OP1  0x0FFCu        /* operand 1 crosses the region's page boundary */
#define IO_OP2  0x1800u

TEST(io_region_operands_give_the_ram_result_byte_by_byte)
{
    for (unsigned r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
        const DecRun *d = &runs[r];
        /* reference: both operands in RAM */
        TestEnv *e = dec_env();
        dec_put(e, 0x20000 + IO_OP1, d->op1, d->len1);
        dec_put(e, 0x20000 + IO_OP2, d->op2, d->len2);
        e->cpu.gr[1] = 0x42;
        int rc_ram = dec_exec(e, d->h, d->l1, d->l2, 0x20000 + IO_OP1, 0x20000 + IO_OP2);
        uint8_t res_ram[16];
        memcpy(res_ram, dec_ptr(e, 0x20000 + IO_OP1), d->len1);
        unsigned cc_ram = cpu_cc(&e->cpu);
        uint64_t gr1_ram = e->cpu.gr[1];
        tenv_free(e);

        /* both operands in an I/O region */
        e = dec_env();
        IoLog *l = calloc(1, sizeof(*l));
        CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, 0x2000, io_rd, io_wr, l), 0);
        memcpy(l->mem + IO_OP1, d->op1, d->len1);
        memcpy(l->mem + IO_OP2, d->op2, d->len2);
        e->cpu.gr[1] = 0x42;
        int rc_io = dec_exec(e, d->h, d->l1, d->l2, IO_BASE + IO_OP1, IO_BASE + IO_OP2);
        CHECK_EQ(rc_io, rc_ram);
        CHECK_EQ(rc_io, 0);
        CHECK_MEM(l->mem + IO_OP1, res_ram, d->len1);
        CHECK_EQ(cpu_cc(&e->cpu), cc_ram);
        if (d->h == insn_edmk)
            CHECK_EQ(e->cpu.gr[1] - IO_BASE, gr1_ram - 0x20000);   /* same byte marked */
        else
            CHECK_EQ(e->cpu.gr[1], 0x42);

        /* every operand-1 byte stored exactly once, in the instruction's
         * direction; no byte read twice; nothing outside the operands */
        int writes[16] = { 0 }, reads1[16] = { 0 }, reads2[16] = { 0 };
        bool ordered = true, inside = true;
        int last = -1;
        for (int i = 0; i < l->n; i++) {
            uint32_t off = l->ev[i].off;
            if (off >= IO_OP1 && off < IO_OP1 + d->len1) {
                int k = (int)(off - IO_OP1);
                if (l->ev[i].op == 'w') {
                    writes[k]++;
                    if (last >= 0 && (d->right_to_left ? k >= last : k <= last))
                        ordered = false;
                    last = k;
                } else {
                    reads1[k]++;
                }
            } else if (off >= IO_OP2 && off < IO_OP2 + d->len2 && l->ev[i].op == 'r') {
                reads2[off - IO_OP2]++;
            } else {
                inside = false;
            }
        }
        bool once = true;
        for (uint32_t k = 0; k < d->len1; k++)
            if (writes[k] != 1 || reads1[k] > 1)
                once = false;
        for (uint32_t k = 0; k < d->len2; k++)
            if (reads2[k] > 1)
                once = false;
        CHECK(once);
        CHECK(ordered);
        CHECK(inside);
        if (!once || !ordered || !inside || rc_io != rc_ram)
            fprintf(stderr, "  (instruction %s)\n", d->name);
        tenv_free(e);
        free(l);
    }
}

TEST(watchpoint_on_operand1_stops_before_any_store)
{
    for (unsigned r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
        const DecRun *d = &runs[r];
        TestEnv *e = dec_env();
        dec_put(e, A1, d->op1, d->len1);
        dec_put(e, A2, d->op2, d->len2);
        uint8_t before[32];
        memcpy(before, dec_ptr(e, A1), 32);
        e->cpu.gr[1] = 0x42;
        /* only the last byte of operand 1 is watched */
        CHECK_EQ(access_watch_add(&e->m, A1 + d->len1 - 1, 1, WP_WRITE), 0);
        CHECK_EQ(dec_exec(e, d->h, d->l1, d->l2, A1, A2), INSN_WATCH);
        CHECK(e->cpu.watch.hit);
        CHECK_MEM(dec_ptr(e, A1), before, 32);
        CHECK_EQ(cpu_cc(&e->cpu), 3);
        CHECK_EQ(e->cpu.gr[1], 0x42);
        tenv_free(e);
    }
}

TEST(stored_operand_gets_its_change_bit)
{
    /* access_commit after the stores: the frame of operand 1 is marked
     * changed; operand 2 (only fetched) is not. */
    for (unsigned r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
        const DecRun *d = &runs[r];
        TestEnv *e = dec_env();
        dec_put(e, A1, d->op1, d->len1);
        dec_put(e, A2, d->op2, d->len2);
        storage_set_key(&e->m.storage, A1, 0);
        storage_set_key(&e->m.storage, A2, 0);
        CHECK_EQ(dec_exec(e, d->h, d->l1, d->l2, A1, A2), 0);
        CHECK(storage_key(&e->m.storage, A1) & SKEY_C);
        CHECK(!(storage_key(&e->m.storage, A2) & SKEY_C));
        tenv_free(e);
    }
    /* ED with a data exception on the very first pattern byte (the fill
     * byte is a digit selector) stores nothing */
    TestEnv *e = dec_env();
    static const uint8_t pat[] = { 0x20, 0x20 }, src[] = { 0xB0 };
    dec_put(e, A1, pat, 2);
    dec_put(e, A2, src, 1);
    storage_set_key(&e->m.storage, A1, 0);
    CHECK_EQ(dec_exec(e, insn_ed, 1, 0, A1, A2), PGM_DATA);
    CHECK(!(storage_key(&e->m.storage, A1) & SKEY_C));
    tenv_free(e);
}
