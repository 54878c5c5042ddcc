/* Packed-decimal arithmetic and conversion (insn/decimal.c).
 *
 * Every expected value is worked out by hand in the comment beside it
 * (digits left to right, the sign last: C/A/E/F plus, D/B minus, results
 * C/D); the SRP, MP and DP cases marked "S/370 PoP" are the worked examples
 * of the System/370 Principles of Operation, Appendix A.  Then the fault
 * matrix of each instruction: an access exception on any page of either
 * operand leaves storage, registers and the CC unchanged. */
#include <string.h>

#include "faultmatrix.h"
#include "test_cpu.h"

INSN_HANDLER(ap); INSN_HANDLER(sp); INSN_HANDLER(zap); INSN_HANDLER(cp);
INSN_HANDLER(mp); INSN_HANDLER(dp); INSN_HANDLER(srp); INSN_HANDLER(tp);
INSN_HANDLER(cvb); INSN_HANDLER(cvby); INSN_HANDLER(cvbg);
INSN_HANDLER(cvd); INSN_HANDLER(cvdy); INSN_HANDLER(cvdg);

typedef int (*Handler)(CPUState *, const Insn *);

#define OP1 0x20000ULL
#define OP2 0x20100ULL

static TestEnv *env(void)
{
    TestEnv *e = tenv_cpu();
    e->cpu.gr[3] = OP1;
    e->cpu.gr[4] = OP2;
    memset(tenv_abs(e, OP1 - 16), 0xEE, 0x200);
    return e;
}

/* Runs an SS-b decimal instruction on op1 (n1 bytes) and op2 (n2 bytes)
 * at OP1/OP2 with CC 3 before; returns the handler's result. */
static int ss(TestEnv *e, Handler h, const uint8_t *o1, unsigned n1, const uint8_t *o2,
              unsigned n2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.ilen = 6;
    in.l1 = (uint8_t)(n1 - 1);
    in.l2 = (uint8_t)(n2 - 1);
    in.b1 = 3;
    in.b2 = 4;
    memcpy(tenv_abs(e, OP1), o1, n1);
    if (o2)
        memcpy(tenv_abs(e, OP2), o2, n2);
    cpu_set_cc(&e->cpu, 3);
    memset(&e->cpu.pgm, 0, sizeof(e->cpu.pgm));
    return h(&e->cpu, &in);
}

#define B_(...) ((const uint8_t[]){ __VA_ARGS__ })
#define N_(...) sizeof((const uint8_t[]){ __VA_ARGS__ })
/* SS(handler, {op1}, {op2}) */
#define SS(e, h, o1, o2) ss(e, h, B_ o1, N_ o1, B_ o2, N_ o2)
#define OP1_IS(e, ...) CHECK_MEM(tenv_abs(e, OP1), B_(__VA_ARGS__), N_(__VA_ARGS__))

TEST(ap_sums_signs_and_overflow)
{
    TestEnv *e = env();
    /* +12345 + -999 = +11346 */
    CHECK_EQ(SS(e, insn_ap, (0x00, 0x12, 0x34, 0x5C), (0x99, 0x9D)), 0);
    OP1_IS(e, 0x00, 0x11, 0x34, 0x6C);
    CHECK_EQ(cc_of(e), 2);
    CHECK_EQ(tenv_abs(e, OP1)[4], 0xEE);            /* nothing beyond operand 1 */
    /* +123 + -123 = 0, made positive: CC0 */
    CHECK_EQ(SS(e, insn_ap, (0x12, 0x3C), (0x12, 0x3D)), 0);
    OP1_IS(e, 0x00, 0x0C);
    CHECK_EQ(cc_of(e), 0);
    /* -5 + -7 = -12: CC1; plus signs A, E, F accepted */
    CHECK_EQ(SS(e, insn_ap, (0x00, 0x5D), (0x7B)), 0);
    OP1_IS(e, 0x01, 0x2D);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(SS(e, insn_ap, (0x12, 0x3F), (0x1A)), 0);
    OP1_IS(e, 0x12, 0x4C);
    CHECK_EQ(SS(e, insn_ap, (0x12, 0x3E), (0x00, 0x00, 0x1A)), 0);
    OP1_IS(e, 0x12, 0x4C);
    /* +999 + 1 = 1000: 3 digits hold 000, overflow, CC3, sign of the sum */
    CHECK_EQ(SS(e, insn_ap, (0x99, 0x9C), (0x1C)), 0);
    OP1_IS(e, 0x00, 0x0C);
    CHECK_EQ(cc_of(e), 3);
    /* -999 + -1 = -1000: the zero result keeps the minus sign */
    CHECK_EQ(SS(e, insn_ap, (0x99, 0x9D), (0x1D)), 0);
    OP1_IS(e, 0x00, 0x0D);
    CHECK_EQ(cc_of(e), 3);
    /* with the decimal-overflow mask (PSW bit 21): stored, then 0x0A */
    e->cpu.psw_mask |= BIT64(21);
    CHECK_EQ(SS(e, insn_ap, (0x50, 0x0C), (0x60, 0x1C)), PGM_DEC_OVERFLOW);
    OP1_IS(e, 0x10, 0x1C);                          /* 500 + 601 = 1101 -> 101 */
    CHECK_EQ(cc_of(e), 3);
    e->cpu.psw_mask &= ~BIT64(21);
    /* overlapping operands with the same rightmost byte: doubling */
    Insn in;
    memset(&in, 0, sizeof(in));
    in.l1 = 2;
    in.l2 = 2;
    in.b1 = in.b2 = 3;
    memcpy(tenv_abs(e, OP1), B_(0x01, 0x23, 0x4C), 3);
    CHECK_EQ(insn_ap(&e->cpu, &in), 0);
    OP1_IS(e, 0x02, 0x46, 0x8C);
    tenv_free(e);
}

TEST(decimal_data_exceptions_store_nothing)
{
    TestEnv *e = env();
    /* an invalid digit (A) in operand 2, an invalid sign (4) in operand 1 */
    CHECK_EQ(SS(e, insn_ap, (0x12, 0x3C), (0x1A, 0x3C)), PGM_DATA);
    CHECK_EQ(e->cpu.pgm.dxc, 0);
    OP1_IS(e, 0x12, 0x3C);
    CHECK_EQ(cc_of(e), 3);
    CHECK_EQ(SS(e, insn_sp, (0x12, 0x34), (0x1C)), PGM_DATA);
    CHECK_EQ(SS(e, insn_cp, (0x1C), (0xC0, 0x1C)), PGM_DATA);  /* digit C */
    CHECK_EQ(SS(e, insn_mp, (0x00, 0x00, 0x1C), (0x1F, 0x2C)), PGM_DATA);
    CHECK_EQ(SS(e, insn_dp, (0x00, 0x00, 0x1C), (0xF1)), PGM_DATA);  /* digit F, sign 1 */
    /* ZAP checks operand 2 only: an invalid first operand is overwritten */
    CHECK_EQ(SS(e, insn_zap, (0xFF, 0xFF, 0xFF), (0x12, 0x3D)), 0);
    OP1_IS(e, 0x00, 0x12, 0x3D);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(SS(e, insn_zap, (0x00), (0x0A, 0x0C)), PGM_DATA);
    /* and through the dispatcher: DXC 0 at 0x90, PSW after the AP */
    Asm a = asm_at(e, CODE);
    EMIT(&a, 0xFA, 0x10, 0x30, 0x00, 0x40, 0x00);   /* AP 0(2,3),0(1,4) */
    memcpy(tenv_abs(e, OP2), B_(0x1B), 1);
    memcpy(tenv_abs(e, OP1), B_(0x0A, 0x0C), 2);
    wr_be(e, 0x90, 4, 0xFFFFFFFF);
    step_pgm(e, PGM_DATA);
    CHECK_EQ(rd_be(e, 0x90, 4), 0);
    CHECK_EQ(pgm_old_addr(e), CODE + 6);
    tenv_free(e);
}

TEST(sp_zap_cp)
{
    TestEnv *e = env();
    /* +100 - +200 = -100 */
    CHECK_EQ(SS(e, insn_sp, (0x00, 0x10, 0x0C), (0x00, 0x20, 0x0C)), 0);
    OP1_IS(e, 0x00, 0x10, 0x0D);
    CHECK_EQ(cc_of(e), 1);
    /* -123 - -123 = 0, positive */
    CHECK_EQ(SS(e, insn_sp, (0x12, 0x3D), (0x12, 0x3D)), 0);
    OP1_IS(e, 0x00, 0x0C);
    CHECK_EQ(cc_of(e), 0);
    /* -1 - +999 = -1000 in 3 digits: overflow, zero with minus */
    CHECK_EQ(SS(e, insn_sp, (0x00, 0x1D), (0x99, 0x9C)), 0);
    OP1_IS(e, 0x00, 0x0D);
    CHECK_EQ(cc_of(e), 3);

    /* ZAP: -0 becomes +0; 123 into one byte: 3, overflow; -10 into one
     * byte: 0 with overflow keeps the minus sign */
    CHECK_EQ(SS(e, insn_zap, (0x99, 0x9C), (0x0D)), 0);
    OP1_IS(e, 0x00, 0x0C);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(SS(e, insn_zap, (0x00), (0x12, 0x3C)), 0);
    OP1_IS(e, 0x3C);
    CHECK_EQ(cc_of(e), 3);
    CHECK_EQ(SS(e, insn_zap, (0x00), (0x01, 0x0D)), 0);
    OP1_IS(e, 0x0D);
    CHECK_EQ(cc_of(e), 3);
    /* ZAP with operand 1 to the right of operand 2 (allowed overlap):
     * ZAP OP1(4),OP1(3) on 12 34 5C xx -> 00 12 34 5C */
    Insn in;
    memset(&in, 0, sizeof(in));
    in.l1 = 3;
    in.l2 = 2;
    in.b1 = in.b2 = 3;
    memcpy(tenv_abs(e, OP1), B_(0x12, 0x34, 0x5C, 0x77), 4);
    CHECK_EQ(insn_zap(&e->cpu, &in), 0);
    OP1_IS(e, 0x00, 0x12, 0x34, 0x5C);
    CHECK_EQ(cc_of(e), 2);

    /* CP: +0 = -0; 123 < 124; -5 > -6; different lengths */
    CHECK_EQ(SS(e, insn_cp, (0x0C), (0x00, 0x0D)), 0);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(SS(e, insn_cp, (0x12, 0x3C), (0x12, 0x4C)), 0);
    CHECK_EQ(cc_of(e), 1);
    CHECK_EQ(SS(e, insn_cp, (0x5D), (0x6B)), 0);
    CHECK_EQ(cc_of(e), 2);
    CHECK_EQ(SS(e, insn_cp, (0x00, 0x00, 0x12, 0x3F), (0x12, 0x3C)), 0);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(SS(e, insn_cp, (0x1C), (0x99, 0x9D)), 0);
    CHECK_EQ(cc_of(e), 2);
    OP1_IS(e, 0x1C);                                  /* unchanged */
    tenv_free(e);
}

TEST(mp_products_signs_and_rules)
{
    TestEnv *e = env();
    /* S/370 PoP: 00 00 38 46 0D x 32 1D = 38460 x 321 = 12345660, + */
    CHECK_EQ(SS(e, insn_mp, (0x00, 0x00, 0x38, 0x46, 0x0D), (0x32, 0x1D)), 0);
    OP1_IS(e, 0x01, 0x23, 0x45, 0x66, 0x0C);
    CHECK_EQ(cc_of(e), 3);                            /* CC unchanged */
    /* the product's sign follows algebra even when it is zero */
    CHECK_EQ(SS(e, insn_mp, (0x00, 0x00, 0x0C), (0x1D)), 0);
    OP1_IS(e, 0x00, 0x00, 0x0D);
    /* the 3-byte multiplicand 00 99 9C has one zero byte, enough for a
     * 1-byte multiplier: 999 x -9 = -8991 */
    CHECK_EQ(SS(e, insn_mp, (0x00, 0x99, 0x9C), (0x9D)), 0);
    OP1_IS(e, 0x08, 0x99, 0x1D);
    /* not enough leftmost zeros: 00 01 23 4C has 3 zero digits, a 2-byte
     * multiplier needs 4 */
    CHECK_EQ(SS(e, insn_mp, (0x00, 0x01, 0x23, 0x4C), (0x00, 0x1C)), PGM_DATA);
    OP1_IS(e, 0x00, 0x01, 0x23, 0x4C);
    /* L2 > 7 or L2 >= L1: specification */
    static const uint8_t z16[16] = { [15] = 0x0C };
    CHECK_EQ(ss(e, insn_mp, z16, 16, z16 + 7, 9), PGM_SPECIFICATION);
    CHECK_EQ(SS(e, insn_mp, (0x00, 0x1C), (0x00, 0x1C)), PGM_SPECIFICATION);
    tenv_free(e);
}

TEST(dp_quotient_remainder_and_divide_exception)
{
    TestEnv *e = env();
    /* S/370 PoP: 12345678 / -321 = -38460 remainder +18: the quotient in
     * 3 bytes, the remainder in the divisor's 2 bytes with the dividend's
     * sign (321 x 38460 = 12345660) */
    CHECK_EQ(SS(e, insn_dp, (0x01, 0x23, 0x45, 0x67, 0x8C), (0x32, 0x1D)), 0);
    OP1_IS(e, 0x38, 0x46, 0x0D, 0x01, 0x8C);
    CHECK_EQ(cc_of(e), 3);
    /* -100 / 5 = -20 remainder -0 (the dividend's sign even for zero) */
    CHECK_EQ(SS(e, insn_dp, (0x00, 0x00, 0x10, 0x0D), (0x5C)), 0);
    OP1_IS(e, 0x00, 0x02, 0x0D, 0x0D);
    /* 0 / -7: quotient -0 */
    CHECK_EQ(SS(e, insn_dp, (0x00, 0x0C), (0x7D)), 0);
    OP1_IS(e, 0x0D, 0x0C);
    /* S/370 PoP: 12345678 by the one-byte 1D: the quotient needs 8 digits,
     * the field has 7: decimal divide, nothing changed */
    CHECK_EQ(SS(e, insn_dp, (0x01, 0x23, 0x45, 0x67, 0x8C), (0x1D)), PGM_DEC_DIVIDE);
    OP1_IS(e, 0x01, 0x23, 0x45, 0x67, 0x8C);
    CHECK_EQ(cc_of(e), 3);
    /* the largest quotient a 4-byte quotient field holds (7 digits):
     * 29999999 / 3 = 9999999 remainder 2 */
    CHECK_EQ(SS(e, insn_dp, (0x02, 0x99, 0x99, 0x99, 0x9C), (0x3C)), 0);
    OP1_IS(e, 0x99, 0x99, 0x99, 0x9C, 0x2C);
    /* divisor zero */
    CHECK_EQ(SS(e, insn_dp, (0x00, 0x00, 0x1C), (0x0C)), PGM_DEC_DIVIDE);
    /* specification before anything else */
    CHECK_EQ(SS(e, insn_dp, (0x1C), (0x1C)), PGM_SPECIFICATION);
    tenv_free(e);
}

/* SRP D1(L1,B1),D2(B2),I3 with the shift in D2 (B2 = 0). */
static int srp(TestEnv *e, const uint8_t *o1, unsigned n1, int shift, unsigned i3)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.l1 = (uint8_t)(n1 - 1);
    in.i3 = (int32_t)i3;
    in.b1 = 3;
    in.d2 = 0x1000 + (shift & 63);      /* only bits 58-63 count */
    memcpy(tenv_abs(e, OP1), o1, n1);
    cpu_set_cc(&e->cpu, 3);
    return insn_srp(&e->cpu, &in);
}
#define SRP(e, o1, sh, r) srp(e, B_ o1, N_ o1, sh, r)

TEST(srp_shifts_rounding_overflow)
{
    TestEnv *e = env();
    /* 0001234 left 3 = 1234000 */
    CHECK_EQ(SRP(e, (0x00, 0x01, 0x23, 0x4C), 3, 0), 0);
    OP1_IS(e, 0x12, 0x34, 0x00, 0x0C);
    CHECK_EQ(cc_of(e), 2);
    /* S/370 PoP: 01 23 45 67 8C right 1, rounding 0 -> 00 12 34 56 7C */
    CHECK_EQ(SRP(e, (0x01, 0x23, 0x45, 0x67, 0x8C), -1, 0), 0);
    OP1_IS(e, 0x00, 0x12, 0x34, 0x56, 0x7C);
    CHECK_EQ(cc_of(e), 2);
    /* S/370 PoP: 12 39 60 0D right 3 rounded by 5: 1239.600 -> 1240, minus */
    CHECK_EQ(SRP(e, (0x12, 0x39, 0x60, 0x0D), -3, 5), 0);
    OP1_IS(e, 0x00, 0x01, 0x24, 0x0D);
    CHECK_EQ(cc_of(e), 1);
    /* rounding carries through: 999 right 1 by 5 -> 100 */
    CHECK_EQ(SRP(e, (0x99, 0x9C), -1, 5), 0);
    OP1_IS(e, 0x10, 0x0C);
    /* to zero: -4 right 1 by 0 -> +0; anything right 32 -> 0 */
    CHECK_EQ(SRP(e, (0x00, 0x4D), -1, 0), 0);
    OP1_IS(e, 0x00, 0x0C);
    CHECK_EQ(cc_of(e), 0);
    CHECK_EQ(SRP(e, (0x99, 0x99, 0x9D), -32, 9), 0);
    OP1_IS(e, 0x00, 0x00, 0x0C);
    /* left overflow: 123 left 1 -> 230, CC3; 100- left 1 -> 000 minus */
    CHECK_EQ(SRP(e, (0x12, 0x3C), 1, 0), 0);
    OP1_IS(e, 0x23, 0x0C);
    CHECK_EQ(cc_of(e), 3);
    CHECK_EQ(SRP(e, (0x10, 0x0D), 1, 0), 0);
    OP1_IS(e, 0x00, 0x0D);
    CHECK_EQ(cc_of(e), 3);
    CHECK_EQ(SRP(e, (0x00, 0x1C), 31, 0), 0);          /* all digits out */
    OP1_IS(e, 0x00, 0x0C);
    CHECK_EQ(cc_of(e), 3);
    e->cpu.psw_mask |= BIT64(21);
    CHECK_EQ(SRP(e, (0x12, 0x3C), 2, 0), PGM_DEC_OVERFLOW);
    OP1_IS(e, 0x30, 0x0C);
    e->cpu.psw_mask &= ~BIT64(21);
    /* no shift: the value is checked and re-signed; -0 becomes +0 */
    CHECK_EQ(SRP(e, (0x00, 0x0B), 0, 0), 0);
    OP1_IS(e, 0x00, 0x0C);
    /* the rounding digit must be valid even when unused */
    CHECK_EQ(SRP(e, (0x12, 0x3C), 0, 10), PGM_DATA);
    OP1_IS(e, 0x12, 0x3C);
    CHECK_EQ(SRP(e, (0x12, 0x3C), 1, 15), PGM_DATA);
    tenv_free(e);
}

TEST(tp_condition_codes)
{
    TestEnv *e = env();
    Insn in;
    memset(&in, 0, sizeof(in));
    in.b1 = 3;
    static const struct { uint8_t b[3]; unsigned n, cc; } c[] = {
        { { 0x12, 0x3C }, 2, 0 }, { { 0x12, 0x3A }, 2, 0 }, { { 0x0F }, 1, 0 },
        { { 0x12, 0x34 }, 2, 1 }, { { 0x1A, 0x3C }, 2, 2 }, { { 0xA2, 0x3C }, 2, 2 },
        { { 0x12, 0xB4, 0x5C }, 3, 2 }, { { 0xAB, 0x34 }, 2, 3 }, { { 0x09 }, 1, 1 },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        in.l1 = (uint8_t)(c[i].n - 1);
        memcpy(tenv_abs(e, OP1), c[i].b, c[i].n);
        CHECK_EQ(insn_tp(&e->cpu, &in), 0);
        CHECK_EQ(cc_of(e), c[i].cc);
    }
    /* sixteen bytes, all valid */
    in.l1 = 15;
    memset(tenv_abs(e, OP1), 0x99, 15);
    tenv_abs(e, OP1)[15] = 0x9F;
    CHECK_EQ(insn_tp(&e->cpu, &in), 0);
    CHECK_EQ(cc_of(e), 0);
    tenv_free(e);
}

/* ---- CONVERT TO BINARY / DECIMAL ---- */

static int rx(TestEnv *e, Handler h, int r1, uint64_t addr)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.r1 = (uint8_t)r1;
    in.x2 = 5;
    in.b2 = 4;
    in.d2 = 0;
    e->cpu.gr[4] = addr;
    e->cpu.gr[5] = 0;
    memset(&e->cpu.pgm, 0, sizeof(e->cpu.pgm));
    return h(&e->cpu, &in);
}

/* 2^31 - 1, -2^31, 2^63 - 1 and -2^63 in packed form */
static const uint8_t P_I32MAX[8] = { 0x00, 0x00, 0x02, 0x14, 0x74, 0x83, 0x64, 0x7C };
static const uint8_t P_I32MIN[8] = { 0x00, 0x00, 0x02, 0x14, 0x74, 0x83, 0x64, 0x8D };
static const uint8_t P_I32OVF[8] = { 0x00, 0x00, 0x02, 0x14, 0x74, 0x83, 0x64, 0x8C };
static const uint8_t P_I64MAX[16] = { 0, 0, 0, 0, 0, 0, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85,
                                      0x47, 0x75, 0x80, 0x7C };
static const uint8_t P_I64MIN[16] = { 0, 0, 0, 0, 0, 0, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85,
                                      0x47, 0x75, 0x80, 0x8D };
static const uint8_t P_I64OVF[16] = { 0, 0, 0, 0, 0, 0, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85,
                                      0x47, 0x75, 0x80, 0x8F };

TEST(cvb_ranges_and_exceptions)
{
    TestEnv *e = env();
    uint64_t *g = e->cpu.gr;
    memcpy(tenv_abs(e, OP2 + 1), B_(0, 0, 0, 0, 0, 0x01, 0x23, 0x4D), 8);
    g[2] = 0xAAAAAAAA00000000ULL;
    CHECK_EQ(rx(e, insn_cvb, 2, OP2 + 1), 0);            /* -1234, no alignment */
    CHECK_EQ(g[2], 0xAAAAAAAAFFFFFB2EULL);
    memcpy(tenv_abs(e, OP2), P_I32MAX, 8);
    CHECK_EQ(rx(e, insn_cvby, 2, OP2), 0);
    CHECK_EQ(g[2], 0xAAAAAAAA7FFFFFFFULL);
    memcpy(tenv_abs(e, OP2), P_I32MIN, 8);
    CHECK_EQ(rx(e, insn_cvb, 2, OP2), 0);
    CHECK_EQ(g[2], 0xAAAAAAAA80000000ULL);
    /* +2147483648: fixed-point divide, the rightmost 32 bits stored */
    memcpy(tenv_abs(e, OP2), P_I32OVF, 8);
    g[2] = 0xAAAAAAAA00000000ULL;
    CHECK_EQ(rx(e, insn_cvb, 2, OP2), PGM_FIXED_DIVIDE);
    CHECK_EQ(g[2], 0xAAAAAAAA80000000ULL);
    /* invalid sign: data exception, R1 unchanged */
    g[2] = 0xAAAAAAAA00000000ULL;
    memcpy(tenv_abs(e, OP2), B_(0, 0, 0, 0, 0, 0, 0x01, 0x23), 8);
    CHECK_EQ(rx(e, insn_cvb, 2, OP2), PGM_DATA);
    CHECK_EQ(g[2], 0xAAAAAAAA00000000ULL);

    memcpy(tenv_abs(e, OP2), P_I64MAX, 16);
    CHECK_EQ(rx(e, insn_cvbg, 6, OP2), 0);
    CHECK_EQ(g[6], 0x7FFFFFFFFFFFFFFFULL);
    memcpy(tenv_abs(e, OP2), P_I64MIN, 16);
    CHECK_EQ(rx(e, insn_cvbg, 6, OP2), 0);
    CHECK_EQ(g[6], 0x8000000000000000ULL);
    memcpy(tenv_abs(e, OP2), P_I64OVF, 16);
    g[6] = 0;
    CHECK_EQ(rx(e, insn_cvbg, 6, OP2), PGM_FIXED_DIVIDE);
    CHECK_EQ(g[6], 0x8000000000000000ULL);
    /* 31 nines, negative: far outside; rightmost 64 bits of -(10^31 - 1) */
    uint8_t nines[16];
    memset(nines, 0x99, 16);
    nines[15] = 0x9D;
    memcpy(tenv_abs(e, OP2), nines, 16);
    CHECK_EQ(rx(e, insn_cvbg, 6, OP2), PGM_FIXED_DIVIDE);
    /* 10^31 - 1 = 0x7E37BE2022C0914B267FFFFFFF; the low 64 bits of its
     * two's complement: 2^64 - 0xC0914B267FFFFFFF = 0x3F6EB4D980000001 */
    CHECK_EQ(g[6], 0x3F6EB4D980000001ULL);
    tenv_free(e);
}

TEST(cvd_values)
{
    TestEnv *e = env();
    uint64_t *g = e->cpu.gr;
    g[2] = 0x12345678FFFFFB2EULL;                          /* bits 32-63: -1234 */
    CHECK_EQ(rx(e, insn_cvd, 2, OP2 + 3), 0);
    CHECK_MEM(tenv_abs(e, OP2 + 3), B_(0, 0, 0, 0, 0, 0x01, 0x23, 0x4D), 8);
    g[2] = 0;
    CHECK_EQ(rx(e, insn_cvdy, 2, OP2), 0);
    CHECK_MEM(tenv_abs(e, OP2), B_(0, 0, 0, 0, 0, 0, 0, 0x0C), 8);
    g[2] = 0x80000000;
    CHECK_EQ(rx(e, insn_cvd, 2, OP2), 0);
    CHECK_MEM(tenv_abs(e, OP2), P_I32MIN, 8);
    g[2] = 0x7FFFFFFF;
    CHECK_EQ(rx(e, insn_cvd, 2, OP2), 0);
    CHECK_MEM(tenv_abs(e, OP2), P_I32MAX, 8);
    g[2] = 0x8000000000000000ULL;
    CHECK_EQ(rx(e, insn_cvdg, 2, OP2), 0);
    CHECK_MEM(tenv_abs(e, OP2), P_I64MIN, 16);
    g[2] = 0x7FFFFFFFFFFFFFFFULL;
    CHECK_EQ(rx(e, insn_cvdg, 2, OP2), 0);
    CHECK_MEM(tenv_abs(e, OP2), P_I64MAX, 16);
    tenv_free(e);
}

/* ---- fault matrices ---- */

typedef struct DecFm {
    unsigned len1;              /* operand-1 bytes */
    uint8_t op1[16], op2[16];   /* initial contents */
    uint8_t want[16];           /* operand 1 after the fault-free run */
    int cc;                     /* -1: unchanged (3) */
} DecFm;

static void dfm_setup(FmCase *c)
{
    const DecFm *d = c->ctx;
    CPUState *cpu = &c->env->cpu;
    fm_write(c, c->va[0], d->op1, 16);
    if (c->va[1])
        fm_write(c, c->va[1], d->op2, 16);
    cpu->gr[3] = c->va[0];
    cpu->gr[4] = c->va[1] ? c->va[1] : c->va[0];
    cpu->gr[2] = 0xFFFFFFFFFFFFFB2EULL;
    cpu_set_cc(cpu, 3);
}

static void dfm_check(FmCase *c)
{
    const DecFm *d = c->ctx;
    if (c->kind != FK_COUNT)
        return;
    uint8_t got[16];
    fm_read(c, c->va[0], got, d->len1);
    CHECK_MEM(got, d->want, d->len1);
    CHECK_EQ(cpu_cc(&c->env->cpu), d->cc < 0 ? 3 : (unsigned)d->cc);
}

/* Runs one scenario with operand 1 (len1 bytes, kind1) crossing its page
 * at off1 and operand 2 (len2, fetch; 0 = none) at off2. */
static void dfm(const char *name, Handler h, unsigned len1, AccessKind kind1, unsigned off1,
                unsigned len2, unsigned off2, const DecFm *d, int i3)
{
    FmScenario s;
    memset(&s, 0, sizeof(s));
    s.name = name;
    s.nops = len2 ? 2 : 1;
    s.ops[0] = (FmOperand){ off1, len1, kind1 };
    if (len2)
        s.ops[1] = (FmOperand){ off2, len2, ACC_FETCH };
    s.handler = h;
    s.insn.ilen = 6;
    s.insn.l1 = (uint8_t)(len1 - 1);
    s.insn.l2 = (uint8_t)(len2 ? len2 - 1 : 0);
    s.insn.i3 = i3;
    s.insn.b1 = 3;
    s.insn.b2 = len2 ? 4 : 0;       /* SRP: shift 0 (D2 = 0, no base) */
    s.setup = dfm_setup;
    s.check = dfm_check;
    s.flags = FM_NOTHING_STORED;
    s.ctx = (void *)d;
    CHECK(fm_run(&s) >= (len2 ? 15 : 8));
}

TEST(decimal_fault_matrices)
{
    /* AP: 0012345C + 999D = 0011346C (operands cross at 2 and 1 bytes) */
    static const DecFm ap = { 4, { 0x00, 0x12, 0x34, 0x5C }, { 0x99, 0x9D },
                              { 0x00, 0x11, 0x34, 0x6C }, 2 };
    dfm("ap", insn_ap, 4, ACC_UPDATE, 4094, 2, 4095, &ap, 0);
    dfm("ap-lap", insn_ap, 4, ACC_UPDATE, 100, 2, 4095, &ap, 0);
    static const DecFm sp = { 4, { 0x00, 0x12, 0x34, 0x5C }, { 0x99, 0x9D },
                              { 0x00, 0x13, 0x34, 0x4C }, 2 };
    dfm("sp", insn_sp, 4, ACC_UPDATE, 4093, 2, 4095, &sp, 0);
    static const DecFm zap = { 3, { 0xFF, 0xFF, 0xFF }, { 0x12, 0x3D }, { 0x00, 0x12, 0x3D }, 1 };
    dfm("zap", insn_zap, 3, ACC_STORE, 4094, 2, 4095, &zap, 0);
    static const DecFm cp = { 2, { 0x12, 0x3C }, { 0x00, 0x12, 0x4C }, { 0x12, 0x3C }, 1 };
    dfm("cp", insn_cp, 2, ACC_FETCH, 4095, 3, 4094, &cp, 0);
    static const DecFm mp = { 5, { 0x00, 0x00, 0x38, 0x46, 0x0D }, { 0x32, 0x1D },
                              { 0x01, 0x23, 0x45, 0x66, 0x0C }, -1 };
    dfm("mp", insn_mp, 5, ACC_UPDATE, 4092, 2, 4095, &mp, 0);
    static const DecFm dp = { 5, { 0x01, 0x23, 0x45, 0x67, 0x8C }, { 0x32, 0x1D },
                              { 0x38, 0x46, 0x0D, 0x01, 0x8C }, -1 };
    dfm("dp", insn_dp, 5, ACC_UPDATE, 4094, 2, 4095, &dp, 0);
    /* SRP (one operand; shift 0 from D2 = 0): 1239600- rounded: unchanged
     * digits, sign D */
    static const DecFm srp0 = { 4, { 0x12, 0x39, 0x60, 0x0B }, { 0 }, { 0x12, 0x39, 0x60, 0x0D }, 1 };
    dfm("srp", insn_srp, 4, ACC_UPDATE, 4093, 0, 0, &srp0, 5);
    static const DecFm tp = { 2, { 0x12, 0x34 }, { 0 }, { 0x12, 0x34 }, 1 };
    dfm("tp", insn_tp, 2, ACC_FETCH, 4095, 0, 0, &tp, 0);
}

/* CVB/CVD: GR2 is the register; operand 2 (ctx = its length) crosses its
 * page and holds -1234. */
static void cv_setup(FmCase *c)
{
    static const uint8_t v[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x23, 0x4D };
    unsigned len = (unsigned)(uintptr_t)c->ctx;
    fm_write(c, c->va[0], v + 16 - len, len);
    c->env->cpu.gr[4] = c->va[0];
    c->env->cpu.gr[2] = 0x77777777FFFFFB2EULL;
}

static void cv_check(FmCase *c)
{
    if (c->kind == FK_COUNT)
        CHECK_EQ((uint32_t)c->env->cpu.gr[2], 0xFFFFFB2E);
}

TEST(cvb_cvd_fault_matrices)
{
    static const struct { const char *name; Handler h; unsigned len; AccessKind k; } c[] = {
        { "cvbg", insn_cvbg, 16, ACC_FETCH }, { "cvdg", insn_cvdg, 16, ACC_STORE },
        { "cvd", insn_cvd, 8, ACC_STORE },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        FmScenario s;
        memset(&s, 0, sizeof(s));
        s.name = c[i].name;
        s.nops = 1;
        s.ops[0] = (FmOperand){ 4090, c[i].len, c[i].k };
        s.handler = c[i].h;
        s.insn.ilen = 6;
        s.insn.r1 = 2;
        s.insn.b2 = 4;
        s.setup = cv_setup;
        s.check = cv_check;
        s.flags = FM_NOTHING_STORED;
        s.ctx = (void *)(uintptr_t)c[i].len;
        CHECK(fm_run(&s) >= 15);
    }
    /* CVB: the 8 bytes of -1234 at 4092 */
    FmScenario s;
    memset(&s, 0, sizeof(s));
    s.name = "cvb";
    s.nops = 1;
    s.ops[0] = (FmOperand){ 4092, 8, ACC_FETCH };
    s.handler = insn_cvb;
    s.insn.r1 = 2;
    s.insn.b2 = 4;
    s.setup = cv_setup;
    s.check = cv_check;
    s.flags = FM_NOTHING_STORED;
    s.ctx = (void *)(uintptr_t)8;
    CHECK(fm_run(&s) >= 15);
}
