/* BFP instructions through the dispatcher, with expected bit patterns
 * worked out by hand from IEEE 754 and the z/Architecture rules (each
 * case says how): rounding methods on ties and non-ties, every IEEE
 * exception flag, every trap (interruption code, ILC, PSW, DXC in the
 * lowcore and the FPC, suppressed or stored result), NaN propagation and
 * the default NaN, signed zeros, conversions at their limits, DIVIDE TO
 * INTEGER, and the FPC instructions. */
#include <stdlib.h>

#include "test_cpu.h"

#define DATA 0x20000ULL



static void fresh(void)
{
    tenv_fresh();
    facility_set(&E->m, 37, true);      /* floating-point extension */
    facility_set(&E->m, 41, true);      /* FP-support enhancement */
    E->cpu.cr[0] |= CR0_AFP;            /* DXC also into the FPC */
}

#define FPR E->cpu.fpr
#define GR E->cpu.gr
#define FPC E->cpu.fpc

/* Runs the instruction at CODE; returns 0 or the program-interruption code. */
static unsigned run(void)
{
    E->cpu.psw_addr = CODE;
    E->cpu.psw_mask = (E->cpu.psw_mask & PSW_MASK_CC) | PSW_MASK_EA | PSW_MASK_BA;
    CpuStepResult r = step(E);
    if (r == CPU_STEP_OK)
        return 0;
    CHECK_EQ(r, CPU_STEP_INTERRUPT);
    return pgm_code(E);
}

/* Long constants */
#define ONE 0x3FF0000000000000ULL
#define TWO 0x4000000000000000ULL
#define HALF 0x3FE0000000000000ULL
#define P_INF 0x7FF0000000000000ULL
#define N_INF 0xFFF0000000000000ULL
#define P_ZERO 0ULL
#define N_ZERO 0x8000000000000000ULL
#define DMAX 0x7FEFFFFFFFFFFFFFULL
#define DNMIN 0x0010000000000000ULL
#define DNAN 0x7FF8000000000000ULL      /* s390x default NaN: positive, quiet bit only */

typedef struct {
    const char *what;
    uint16_t op;            /* RRE opcode, "op 1,2"; FPR1 = a, FPR2 = b */
    uint32_t fpc;           /* FPC before */
    uint64_t a, b;
    uint64_t r;             /* FPR1 after */
    uint32_t fpc_after;
    int cc;                 /* -1: not set by the instruction (CC 3 kept) */
} Case;

static void run_cases(const Case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fresh();
        Asm a = asm_at(E, CODE);
        RRE(&a, c[i].op, 1, 2);
        FPR[1] = c[i].a;
        FPR[2] = c[i].b;
        FPC = c[i].fpc;
        set_cc(E, 3);
        unsigned code = run();
        bool ok = code == 0 && FPR[1] == c[i].r && FPC == c[i].fpc_after &&
                  cc_of(E) == (c[i].cc < 0 ? 3u : (unsigned)c[i].cc);
        if (!ok)
            fprintf(stderr, "  %s: code %u r %016llx fpc %08x cc %u\n", c[i].what, code,
                    (unsigned long long)FPR[1], FPC, cc_of(E));
        CHECK(ok);
    }
}

/* ---- rounding: 1 + 2^-53 is halfway between 1 and 1 + 2^-52 (a tie with
 * an even lower neighbour); (1 + 2^-52) + 2^-53 a tie with an odd one;
 * 1 + 1.5 * 2^-53 lies 3/4 of the way up (not a tie).  FPC modes: 0 nearest
 * even, 1 toward 0, 2 toward +inf, 3 toward -inf, 7 prepare for shorter
 * precision (truncate, then force the last bit to one if inexact). ---- */
#define E53 0x3CA0000000000000ULL       /* 2^-53 */
#define E53x15 0x3CA8000000000000ULL    /* 1.5 * 2^-53 */
#define ONE_UP 0x3FF0000000000001ULL
#define ONE_UP2 0x3FF0000000000002ULL
#define FX 0x00080000u                  /* inexact flag */
static const Case rounding[] = {
    { "tie even RNE", 0xB31A, 0, ONE, E53, ONE, FX, 2 },
    { "tie even RZ", 0xB31A, 1, ONE, E53, ONE, 1 | FX, 2 },
    { "tie even RP", 0xB31A, 2, ONE, E53, ONE_UP, 2 | FX, 2 },
    { "tie even RM", 0xB31A, 3, ONE, E53, ONE, 3 | FX, 2 },
    { "tie even RPSP", 0xB31A, 7, ONE, E53, ONE_UP, 7 | FX, 2 },
    { "tie odd RNE", 0xB31A, 0, ONE_UP, E53, ONE_UP2, FX, 2 },
    { "tie odd RZ", 0xB31A, 1, ONE_UP, E53, ONE_UP, 1 | FX, 2 },
    { "tie odd RP", 0xB31A, 2, ONE_UP, E53, ONE_UP2, 2 | FX, 2 },
    { "tie odd RM", 0xB31A, 3, ONE_UP, E53, ONE_UP, 3 | FX, 2 },
    { "tie odd RPSP", 0xB31A, 7, ONE_UP, E53, ONE_UP, 7 | FX, 2 },
    { "3/4 RNE", 0xB31A, 0, ONE, E53x15, ONE_UP, FX, 2 },
    { "3/4 RZ", 0xB31A, 1, ONE, E53x15, ONE, 1 | FX, 2 },
    { "3/4 RP", 0xB31A, 2, ONE, E53x15, ONE_UP, 2 | FX, 2 },
    { "3/4 RM", 0xB31A, 3, ONE, E53x15, ONE, 3 | FX, 2 },
    { "3/4 RPSP", 0xB31A, 7, ONE, E53x15, ONE_UP, 7 | FX, 2 },
    /* negative: toward -inf increases the magnitude */
    { "neg tie RM", 0xB31A, 3, ONE | N_ZERO, E53 | N_ZERO, ONE_UP | N_ZERO, 3 | FX, 1 },
    { "neg tie RP", 0xB31A, 2, ONE | N_ZERO, E53 | N_ZERO, ONE | N_ZERO, 2 | FX, 1 },
    /* exact: no flag in any mode */
    { "exact", 0xB31A, 2, ONE, ONE, TWO, 2, 2 },
    /* short: 1 + 2^-24 (0x33800000) is a tie: RNE -> 1.0f, RP -> 1 + 2^-23 */
    { "short tie RNE", 0xB30A, 0, 0x3F800000ULL << 32, 0x33800000ULL << 32, 0x3F800000ULL << 32, FX, 2 },
    { "short tie RP", 0xB30A, 2, 0x3F800000ULL << 32, 0x33800000ULL << 32, 0x3F800001ULL << 32, 2 | FX, 2 },
};
TEST(bfp_rounding_modes) { run_cases(rounding, sizeof(rounding) / sizeof(rounding[0])); }

/* ---- IEEE exceptions with their masks off: the flag is set, the default
 * result stored ---- */
static const Case flags[] = {
    /* inf - inf: invalid, default NaN, CC3 */
    { "invalid", 0xB31A, 0, P_INF, N_INF, DNAN, 0x00800000, 3 },
    /* 1 / 0: division by zero, +inf (DDBR sets no CC) */
    { "divide", 0xB31D, 0, ONE, P_ZERO, P_INF, 0x00400000, -1 },
    { "divide -0", 0xB31D, 0, ONE, N_ZERO, N_INF, 0x00400000, -1 },
    /* max * 2: overflow and inexact, +inf (nearest), max (toward 0) */
    { "overflow", 0xB31C, 0, DMAX, TWO, P_INF, 0x00280000, -1 },
    { "overflow RZ", 0xB31C, 1, DMAX, TWO, DMAX, 0x00280001, -1 },
    { "overflow RM", 0xB31C, 3, DMAX, TWO | N_ZERO, N_INF, 0x00280003, -1 },
    { "overflow RPSP", 0xB31C, 7, DMAX, TWO, DMAX, 0x00280007, -1 },
    /* Nmin * (0.5 + 2^-53) = 2^-1023 + 2^-1075: tiny and inexact (half of
     * the subnormal unit, a tie to the even 2^-1023) */
    { "underflow", 0xB31C, 0, DNMIN, 0x3FE0000000000001ULL, 0x0008000000000000ULL, 0x00180000, -1 },
    /* Nmin * 0.5 = 2^-1023 exactly: tiny but exact, no flag */
    { "tiny exact", 0xB31C, 0, DNMIN, HALF, 0x0008000000000000ULL, 0, -1 },
    /* Nmin * (1 - 2^-53) rounds to Nmin, but it is tiny before rounding:
     * underflow (x86, detecting tininess after rounding, would not say so) */
    { "tininess before rounding", 0xB31C, 0, DNMIN, 0x3FEFFFFFFFFFFFFFULL, DNMIN, 0x00180000, -1 },
    /* 1/3: inexact only; flags are sticky (invalid kept) */
    { "inexact", 0xB31D, 0x00800000, ONE, 0x4008000000000000ULL, 0x3FD5555555555555ULL, 0x00880000, -1 },
};
TEST(bfp_exception_flags) { run_cases(flags, sizeof(flags) / sizeof(flags[0])); }

/* ---- NaN propagation (first SNaN, else first QNaN; an SNaN is made quiet
 * with invalid) and the default NaN ---- */
static const Case nans[] = {
    { "qnan qnan", 0xB31A, 0, 0x7FF8000000000001ULL, 0xFFF8000000000002ULL, 0x7FF8000000000001ULL, 0, 3 },
    { "qnan snan", 0xB31A, 0, 0x7FF8000000000001ULL, 0x7FF0000000000003ULL, 0x7FF8000000000003ULL, 0x00800000, 3 },
    { "snan snan", 0xB31A, 0, 0xFFF0000000000004ULL, 0x7FF0000000000003ULL, 0xFFF8000000000004ULL, 0x00800000, 3 },
    { "num qnan", 0xB31A, 0, ONE, 0xFFF8000000000005ULL, 0xFFF8000000000005ULL, 0, 3 },
    /* subtraction does not flip the sign of a NaN operand */
    { "sub qnan", 0xB31B, 0, ONE, 0xFFF8000000000005ULL, 0xFFF8000000000005ULL, 0, 3 },
    { "0 * inf", 0xB31C, 0, P_ZERO, N_INF, DNAN, 0x00800000, -1 },
    { "0 / 0", 0xB31D, 0, N_ZERO, P_ZERO, DNAN, 0x00800000, -1 },
    { "sqrt -1", 0xB315, 0, 0, ONE | N_ZERO, DNAN, 0x00800000, -1 },
    /* short: default NaN 0x7FC00000, the low half of the register kept */
    { "short sqrt -1", 0xB314, 0, 0x1234, 0xBF800000ULL << 32, 0x7FC0000000001234ULL, 0x00800000, -1 },
    /* LOAD AND TEST makes an SNaN quiet (invalid); LOAD COMPLEMENT only
     * flips the sign, no exception */
    { "ltdbr snan", 0xB312, 0, 0, 0x7FF0000000000001ULL, 0x7FF8000000000001ULL, 0x00800000, 3 },
    { "lcdbr snan", 0xB313, 0, 0, 0x7FF0000000000001ULL, 0xFFF0000000000001ULL, 0, 3 },
    /* COMPARE: invalid only for an SNaN; COMPARE AND SIGNAL for any NaN */
    { "cdbr qnan", 0xB319, 0, DNAN, ONE, DNAN, 0, 3 },
    { "kdbr qnan", 0xB318, 0, DNAN, ONE, DNAN, 0x00800000, 3 },
    { "cdbr snan", 0xB319, 0, ONE, 0x7FF0000000000001ULL, ONE, 0x00800000, 3 },
    { "cdbr -0 +0", 0xB319, 0, N_ZERO, P_ZERO, N_ZERO, 0, 0 },
    /* LOAD LENGTHENED of an SNaN: quiet, fraction bits moved left */
    { "ldebr snan", 0xB304, 0, 0, 0x7F800001ULL << 32, 0x7FF8000020000000ULL, 0x00800000, -1 },
};
TEST(bfp_nan_rules) { run_cases(nans, sizeof(nans) / sizeof(nans[0])); }

/* ---- signed zeros ---- */
static const Case zeros[] = {
    { "x - x RNE", 0xB31A, 0, ONE, ONE | N_ZERO, P_ZERO, 0, 0 },
    { "x - x RM", 0xB31A, 3, ONE, ONE | N_ZERO, N_ZERO, 3, 0 },
    { "-0 + -0", 0xB31A, 0, N_ZERO, N_ZERO, N_ZERO, 0, 0 },
    { "-0 + +0", 0xB31A, 0, N_ZERO, P_ZERO, P_ZERO, 0, 0 },
    { "-0 + +0 RM", 0xB31A, 3, N_ZERO, P_ZERO, N_ZERO, 3, 0 },
    { "-0 - -0", 0xB31B, 0, N_ZERO, N_ZERO, P_ZERO, 0, 0 },
    { "-1 * 0", 0xB31C, 0, ONE | N_ZERO, P_ZERO, N_ZERO, 0, -1 },
    { "sqrt -0", 0xB315, 0, 0, N_ZERO, N_ZERO, 0, -1 },
};
TEST(bfp_signed_zeros) { run_cases(zeros, sizeof(zeros) / sizeof(zeros[0])); }

/* ---- traps: a mask bit on makes the exception a data exception
 * (program interruption 7), PSW after the instruction, ILC 4, the DXC at
 * lowcore 0x90 and in FPC byte 2.  Invalid and division by zero suppress
 * (FPR1, CC and the flags unchanged); overflow and underflow store the
 * result scaled by 2^-1536 / 2^+1536 and inexact stores the rounded
 * result; none of them sets a flag. ---- */
typedef struct {
    const char *what;
    uint16_t op;
    uint32_t fpc;
    uint64_t a, b;
    uint64_t r;         /* FPR1 after (a when suppressed) */
    uint8_t dxc;
    unsigned cc;        /* CC in the old PSW: unchanged (3) unless the
                           instruction completed and sets one */
} Trap;
static const Trap traps[] = {
    { "invalid", 0xB31A, 0x80000000, P_INF, N_INF, P_INF, 0x80, 3 },
    { "divide", 0xB31D, 0x40000000, ONE, P_ZERO, ONE, 0x40, 3 },
    /* (2 - 2^-52) * 2^1024 scaled: (2 - 2^-52) * 2^-512, exact; ADBR
     * completes, so its CC follows the (scaled) result */
    { "overflow exact", 0xB31A, 0x20000000, DMAX, DMAX, 0x1FFFFFFFFFFFFFFFULL, 0x20, 2 },
    /* max * (1 + 2^-52) = (1 + 2^-53 - 2^-105) * 2^1024: rounds down to
     * 2^1024, scaled 2^-512; inexact, not incremented */
    { "overflow inexact", 0xB31C, 0x20000000, DMAX, ONE_UP, 0x1FF0000000000000ULL, 0x28, 3 },
    /* the same toward +inf: incremented */
    { "overflow incremented", 0xB31C, 0x20000002, DMAX, ONE_UP, 0x1FF0000000000001ULL, 0x2C, 3 },
    /* Nmin * 0.5 = 2^-1023: tiny, exact, still traps; scaled 2^513 */
    { "underflow exact", 0xB31C, 0x10000000, DNMIN, HALF, 0x6000000000000000ULL, 0x10, 3 },
    /* 1/3 stored rounded (truncated), 1/3 toward +inf incremented */
    { "inexact", 0xB31D, 0x08000000, ONE, 0x4008000000000000ULL, 0x3FD5555555555555ULL, 0x08, 3 },
    { "inexact incremented", 0xB31D, 0x08000002, ONE, 0x4008000000000000ULL, 0x3FD5555555555556ULL, 0x0C, 3 },
    /* COMPARE AND SIGNAL with a QNaN, invalid trapped */
    { "kdbr", 0xB318, 0x80000000, DNAN, ONE, DNAN, 0x80, 3 },
};
TEST(bfp_traps)
{
    for (size_t i = 0; i < sizeof(traps) / sizeof(traps[0]); i++) {
        const Trap *t = &traps[i];
        fresh();
        Asm a = asm_at(E, CODE);
        RRE(&a, t->op, 1, 2);
        FPR[1] = t->a;
        FPR[2] = t->b;
        FPC = t->fpc;
        set_cc(E, 3);
        unsigned code = run();
        bool ok = code == PGM_DATA && pgm_ilc(E) == 4 && pgm_old_addr(E) == CODE + 4 &&
                  rd_be(E, 0x90, 4) == t->dxc && FPC == (t->fpc | (uint32_t)t->dxc << 8) &&
                  FPR[1] == t->r && ((pgm_old_mask(E) & PSW_MASK_CC) >> PSW_SHIFT_CC) == t->cc;
        if (!ok)
            fprintf(stderr, "  %s: code %u ilc %u addr %llx dxc %llx fpc %08x r %016llx\n", t->what,
                    code, pgm_ilc(E), (unsigned long long)pgm_old_addr(E),
                    (unsigned long long)rd_be(E, 0x90, 4), FPC, (unsigned long long)FPR[1]);
        CHECK(ok);
    }
}

/* An RRF instruction op r1,m3,r2,m4 once; returns the interruption code. */
static unsigned rrf(uint16_t op, int m3, int m4, int r1, int r2)
{
    Asm a = asm_at(E, CODE);
    RRF(&a, op, m3, m4, r1, r2);
    return run();
}

/* ---- conversions at their limits ---- */
TEST(bfp_convert_to_fixed_limits)
{
    fresh();
    /* CFDBR of 2^31: out of range: invalid (and inexact), 0x7FFFFFFF, CC3,
     * the high half of R1 kept */
    GR[1] = 0xAAAAAAAA00000000ULL;
    FPR[2] = 0x41E0000000000000ULL;
    FPC = 0;
    CHECK_EQ(rrf(0xB399, 0, 0, 1, 2), 0);
    CHECK_EQ(GR[1], 0xAAAAAAAA7FFFFFFFULL);
    CHECK_EQ(cc_of(E), 3);
    CHECK_EQ(FPC, 0x00880000);
    /* -2^31 fits exactly: CC1, no flag */
    FPC = 0;
    FPR[2] = 0xC1E0000000000000ULL;
    CHECK_EQ(rrf(0xB399, 0, 0, 1, 2), 0);
    CHECK_EQ((uint32_t)GR[1], 0x80000000);
    CHECK_EQ(cc_of(E), 1);
    CHECK_EQ(FPC, 0);
    /* 2147483647.5: nearest even is 2^31 (out of range); toward zero (M3 5)
     * 0x7FFFFFFF, CC2, inexact */
    FPR[2] = 0x41DFFFFFFFE00000ULL;
    CHECK_EQ(rrf(0xB399, 4, 0, 1, 2), 0);
    CHECK_EQ(cc_of(E), 3);
    FPC = 0;
    CHECK_EQ(rrf(0xB399, 5, 0, 1, 2), 0);
    CHECK_EQ((uint32_t)GR[1], 0x7FFFFFFF);
    CHECK_EQ(cc_of(E), 2);
    CHECK_EQ(FPC, FX);
    /* ... and with M4 bit 1 (inexact suppressed): no flag */
    FPC = 0;
    CHECK_EQ(rrf(0xB399, 5, 4, 1, 2), 0);
    CHECK_EQ(FPC, 0);
    /* NaN -> 0x80000000 (CFDBR), 0x8000000000000000 (CGDBR), 0 (CLFDBR);
     * invalid only */
    FPR[2] = DNAN;
    FPC = 0;
    CHECK_EQ(rrf(0xB399, 0, 0, 1, 2), 0);
    CHECK_EQ((uint32_t)GR[1], 0x80000000);
    CHECK_EQ(cc_of(E), 3);
    CHECK_EQ(FPC, 0x00800000);
    CHECK_EQ(rrf(0xB3A9, 0, 0, 1, 2), 0);
    CHECK_EQ(GR[1], 0x8000000000000000ULL);
    GR[1] = ~0ULL;
    CHECK_EQ(rrf(0xB39D, 0, 0, 1, 2), 0);
    CHECK_EQ(GR[1], 0xFFFFFFFF00000000ULL);
    /* with the invalid mask on: suppressed, DXC 0x80, R1 and CC unchanged */
    FPC = 0x80000000;
    GR[1] = 5;
    set_cc(E, 2);
    CHECK_EQ(rrf(0xB399, 0, 0, 1, 2), PGM_DATA);
    CHECK_EQ(GR[1], 5);
    CHECK_EQ(FPC, 0x80008000);
    CHECK_EQ((pgm_old_mask(E) & PSW_MASK_CC) >> PSW_SHIFT_CC, 2);
    /* logical: -1.0 is invalid (0, CC3); -0.4 rounds to zero: 0, CC1,
     * inexact only */
    FPC = 0;
    FPR[2] = ONE | N_ZERO;
    CHECK_EQ(rrf(0xB39D, 0, 0, 1, 2), 0);
    CHECK_EQ((uint32_t)GR[1], 0);
    CHECK_EQ(cc_of(E), 3);
    CHECK_EQ(FPC, 0x00880000);
    FPC = 0;
    FPR[2] = 0xBFD999999999999AULL;     /* -0.4 */
    CHECK_EQ(rrf(0xB39D, 0, 0, 1, 2), 0);
    CHECK_EQ((uint32_t)GR[1], 0);
    CHECK_EQ(cc_of(E), 1);
    CHECK_EQ(FPC, FX);
    /* CLFDBR 4294967295.0 fits; CLGDBR of 2^64 does not */
    FPC = 0;
    FPR[2] = 0x41EFFFFFFFE00000ULL;
    CHECK_EQ(rrf(0xB39D, 0, 0, 1, 2), 0);
    CHECK_EQ((uint32_t)GR[1], 0xFFFFFFFF);
    CHECK_EQ(cc_of(E), 2);
    FPR[2] = 0x43F0000000000000ULL;
    CHECK_EQ(rrf(0xB3AD, 0, 0, 1, 2), 0);
    CHECK_EQ(GR[1], ~0ULL);
    CHECK_EQ(cc_of(E), 3);
    /* M3 2 is a specification exception */
    CHECK_EQ(rrf(0xB399, 2, 0, 1, 2), PGM_SPECIFICATION);
}

TEST(bfp_convert_from_fixed_and_round)
{
    fresh();
    /* CDLGBR of 2^64-1: nearest 2^64, toward zero 2^64 - 2^11 */
    GR[2] = ~0ULL;
    CHECK_EQ(rrf(0xB3A1, 0, 0, 1, 2), 0);
    CHECK_EQ(FPR[1], 0x43F0000000000000ULL);
    CHECK_EQ(FPC, FX);
    CHECK_EQ(rrf(0xB3A1, 5, 0, 1, 2), 0);
    CHECK_EQ(FPR[1], 0x43EFFFFFFFFFFFFFULL);
    /* CELFBR of 0xFFFFFFFF: 2^32 as short */
    GR[2] = 0xFFFFFFFF;
    FPR[1] = 0;
    CHECK_EQ(rrf(0xB390, 0, 0, 1, 2), 0);
    CHECK_EQ(FPR[1], 0x4F80000000000000ULL);
    /* CDFBR of -1 (low word), exact */
    FPC = 0;
    GR[2] = 0x12345678FFFFFFFFULL;
    CHECK_EQ(rrf(0xB395, 0, 0, 1, 2), 0);
    CHECK_EQ(FPR[1], ONE | N_ZERO);
    CHECK_EQ(FPC, 0);
    /* LEDBR(A) of 1 + 2^-24 (a tie in short): nearest even 1.0, M3 6 and
     * M3 1 (ties away) 1 + 2^-23 */
    FPR[2] = 0x3FF0000010000000ULL;
    FPR[1] = 0x1111;
    CHECK_EQ(rrf(0xB344, 0, 0, 1, 2), 0);
    CHECK_EQ(FPR[1], 0x3F80000000001111ULL);
    CHECK_EQ(rrf(0xB344, 6, 0, 1, 2), 0);
    CHECK_EQ(FPR[1] >> 32, 0x3F800001);
    CHECK_EQ(rrf(0xB344, 1, 0, 1, 2), 0);
    CHECK_EQ(FPR[1] >> 32, 0x3F800001);
    /* LEDBR of 2^128: overflow -> +inf; toward zero the largest short */
    FPC = 0;
    FPR[2] = 0x47F0000000000000ULL;
    CHECK_EQ(rrf(0xB344, 0, 0, 1, 2), 0);
    CHECK_EQ(FPR[1] >> 32, 0x7F800000);
    CHECK_EQ(FPC, 0x00280000);
    CHECK_EQ(rrf(0xB344, 5, 0, 1, 2), 0);
    CHECK_EQ(FPR[1] >> 32, 0x7F7FFFFF);
    /* FIDBR(A): 2.5 -> 2 (nearest even), 3 (ties away, M3 1), 3 (prepare
     * for shorter precision: truncated 2 made odd); -2.5 toward 0 -> -2;
     * 2.1 toward +inf -> 3; -2.1 toward -inf -> -3; -0.3 -> -0 */
    static const struct { uint64_t in; int m3; uint64_t out; } fi[] = {
        { 0x4004000000000000ULL, 4, 0x4000000000000000ULL },
        { 0x4004000000000000ULL, 1, 0x4008000000000000ULL },
        { 0x4004000000000000ULL, 3, 0x4008000000000000ULL },
        { 0xC004000000000000ULL, 5, 0xC000000000000000ULL },
        { 0x4000CCCCCCCCCCCDULL, 6, 0x4008000000000000ULL },
        { 0xC000CCCCCCCCCCCDULL, 7, 0xC008000000000000ULL },
        { 0xBFD3333333333333ULL, 0, N_ZERO },
    };
    for (size_t i = 0; i < sizeof(fi) / sizeof(fi[0]); i++) {
        FPR[2] = fi[i].in;
        CHECK_EQ(rrf(0xB35F, fi[i].m3, 0, 1, 2), 0);
        CHECK_EQ(FPR[1], fi[i].out);
    }
    /* FIDBR of an SNaN: quiet, invalid */
    FPC = 0;
    FPR[2] = 0xFFF0000000000001ULL;
    CHECK_EQ(rrf(0xB35F, 0, 0, 1, 2), 0);
    CHECK_EQ(FPR[1], 0xFFF8000000000001ULL);
    CHECK_EQ(FPC, 0x00800000);
}

/* ---- extended: default NaN and a division by pairs ---- */
TEST(bfp_extended)
{
    fresh();
    /* DXBR 0/0 into pair 1/3: default NaN 0x7FFF8000...0 */
    FPR[1] = FPR[3] = 0;
    FPR[4] = FPR[6] = 0;
    Asm a = asm_at(E, CODE);
    RRE(&a, 0xB34D, 1, 4);
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPR[1], 0x7FFF800000000000ULL);
    CHECK_EQ(FPR[3], 0);
    CHECK_EQ(FPC, 0x00800000);
    /* 1/3 in extended: 0x3FFD5555...5555 (113-bit 1/3 truncated: the next
     * bits 0101... round down) */
    FPR[1] = 0x3FFF000000000000ULL;
    FPR[3] = 0;
    FPR[4] = 0x4000800000000000ULL;
    FPR[6] = 0;
    a = asm_at(E, CODE);
    RRE(&a, 0xB34D, 1, 4);
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPR[1], 0x3FFD555555555555ULL);
    CHECK_EQ(FPR[3], 0x5555555555555555ULL);
    /* an invalid pair (R2 = 2) is a specification exception */
    a = asm_at(E, CODE);
    RRE(&a, 0xB34D, 1, 2);
    CHECK_EQ(run(), PGM_SPECIFICATION);
}

/* ---- MULTIPLY AND ADD: one rounding; NaN precedence op3, op2, op1 ---- */
TEST(bfp_multiply_add)
{
    fresh();
    /* (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly: MSDBR keeps it, a
     * separate multiply would round the product to 1 and give 0 */
    FPR[1] = ONE;
    FPR[2] = ONE_UP;
    FPR[3] = 0x3FEFFFFFFFFFFFFEULL;     /* 1 - 2^-52 */
    Asm a = asm_at(E, CODE);
    EMIT(&a, 0xB3, 0x1F, 0x10, 0x32);   /* MSDBR 1,3,2 */
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPR[1], 0xB970000000000000ULL);   /* -2^-104 */
    /* QNaN op1, SNaN op2, QNaN op3: the SNaN, quiet */
    FPR[1] = 0x7FF8000000000001ULL;
    FPR[2] = 0x7FF0000000000002ULL;
    FPR[3] = 0x7FF8000000000003ULL;
    FPC = 0;
    a = asm_at(E, CODE);
    EMIT(&a, 0xB3, 0x1E, 0x10, 0x32);   /* MADBR 1,3,2 */
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPR[1], 0x7FF8000000000002ULL);
    CHECK_EQ(FPC, 0x00800000);
    /* inf * 0 + QNaN: invalid, default NaN */
    FPR[1] = 0x7FF8000000000001ULL;
    FPR[2] = P_INF;
    FPR[3] = P_ZERO;
    FPC = 0;
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPR[1], DNAN);
    CHECK_EQ(FPC, 0x00800000);
}

/* ---- DIVIDE TO INTEGER: R1 remainder, R3 quotient rounded by M4 ---- */
static unsigned didbr(uint64_t a, uint64_t b, int m4)
{
    FPR[1] = a;
    FPR[2] = b;
    FPR[3] = 0x1234;
    Asm as = asm_at(E, CODE);
    RRF(&as, 0xB35B, 3, m4, 1, 2);
    return run();
}
TEST(bfp_divide_to_integer)
{
    fresh();
    const uint64_t seven = 0x401C000000000000ULL, six = 0x4018000000000000ULL;
    /* 7/2 toward zero: 3 remainder 1, CC0 */
    CHECK_EQ(didbr(seven, TWO, 5), 0);
    CHECK_EQ(FPR[3], 0x4008000000000000ULL);
    CHECK_EQ(FPR[1], ONE);
    CHECK_EQ(cc_of(E), 0);
    /* 7/2 nearest even: 3.5 -> 4, remainder 7 - 8 = -1 */
    CHECK_EQ(didbr(seven, TWO, 4), 0);
    CHECK_EQ(FPR[3], 0x4010000000000000ULL);
    CHECK_EQ(FPR[1], ONE | N_ZERO);
    /* -7/2 nearest even: -4, remainder -7 + 8 = 1 */
    CHECK_EQ(didbr(seven | N_ZERO, TWO, 4), 0);
    CHECK_EQ(FPR[3], 0xC010000000000000ULL);
    CHECK_EQ(FPR[1], ONE);
    /* exact: the zero remainder has the dividend's sign */
    CHECK_EQ(didbr(six | N_ZERO, TWO, 5), 0);
    CHECK_EQ(FPR[3], 0xC008000000000000ULL);
    CHECK_EQ(FPR[1], N_ZERO);
    /* 2^60 / 3: the quotient needs 59 bits: partial quotient truncated to
     * 53 bits 0x555555555555540 (0x4395555555555555), partial remainder
     * 2^60 - 3 * that = 64; CC2 */
    CHECK_EQ(didbr(0x43B0000000000000ULL, 0x4008000000000000ULL, 4), 0);
    CHECK_EQ(FPR[3], 0x4395555555555555ULL);
    CHECK_EQ(FPR[1], 0x4050000000000000ULL);
    CHECK_EQ(cc_of(E), 2);
    /* divisor 0: invalid, default NaN in both, CC1 */
    FPC = 0;
    CHECK_EQ(didbr(ONE, P_ZERO, 4), 0);
    CHECK_EQ(FPR[1], DNAN);
    CHECK_EQ(FPR[3], DNAN);
    CHECK_EQ(cc_of(E), 1);
    CHECK_EQ(FPC, 0x00800000);
    /* divisor inf: remainder the dividend, quotient 0 */
    CHECK_EQ(didbr(seven, N_INF, 4), 0);
    CHECK_EQ(FPR[1], seven);
    CHECK_EQ(FPR[3], N_ZERO);
    CHECK_EQ(cc_of(E), 0);
    /* R1 = R3 is a specification exception */
    Asm as = asm_at(E, CODE);
    RRF(&as, 0xB35B, 1, 4, 1, 2);
    CHECK_EQ(run(), PGM_SPECIFICATION);
}

/* ---- the FPC instructions ---- */
TEST(bfp_fpc_instructions)
{
    fresh();
    Asm a = asm_at(E, CODE);
    S_(&a, 0xB299, 0, 0x7);        /* SRNM: bits 62-63 = 3 */
    FPC = 0x00080007;
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPC, 0x00080003);
    a = asm_at(E, CODE);
    S_(&a, 0xB2B8, 0, 0x7);        /* SRNMB 7: prepare for shorter precision */
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPC, 0x00080007);
    a = asm_at(E, CODE);
    S_(&a, 0xB2B8, 0, 0x5);        /* SRNMB 5: invalid mode */
    CHECK_EQ(run(), PGM_SPECIFICATION);
    /* SFPC: mode 5 or bit 24 reserved */
    a = asm_at(E, CODE);
    RRE(&a, 0xB384, 1, 0);
    GR[1] = 5;
    CHECK_EQ(run(), PGM_SPECIFICATION);
    GR[1] = 0x80;
    CHECK_EQ(run(), PGM_SPECIFICATION);
    GR[1] = 0xF8000007;
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPC, 0xF8000007);
    /* SFASR: the old inexact flag stays; the new inexact mask makes it a
     * simulated IEEE exception, DXC 0x0B */
    FPC = 0x00080000;
    a = asm_at(E, CODE);
    RRE(&a, 0xB385, 1, 0);
    GR[1] = 0x08000001;
    CHECK_EQ(run(), PGM_DATA);
    CHECK_EQ(rd_be(E, 0x90, 4), 0x0B);
    CHECK_EQ(FPC, 0x08080B01);
    /* without a matching mask: no exception */
    FPC = 0x00080000;
    GR[1] = 0x80000000;
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPC, 0x80080000);
}

/* ---- MULTIPLY with a lengthened result: exact in the longer format ---- */
TEST(bfp_multiply_lengthened)
{
    fresh();
    Asm a = asm_at(E, CODE);
    RRE(&a, 0xB30C, 1, 2);              /* MDEBR 1,2: short x short -> long */
    FPR[1] = 0x3FC00000AAAAAAAAULL;     /* 1.5f (bits 32-63 ignored) */
    FPR[2] = 0x3FC0000055555555ULL;
    FPC = 0;
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPR[1], 0x4002000000000000ULL);   /* 2.25 */
    /* the largest short squared, (2 - 2^-23)^2 * 2^254 =
     * (1 - 2^-23 + 2^-48) * 2^256: fraction 2^52 - 2^30 + 2^5, exact */
    FPR[1] = FPR[2] = 0x7F7FFFFF00000000ULL;
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPR[1], 0x4FEFFFFFC0000020ULL);
    CHECK_EQ(FPC, 0);
    /* MXDBR 1,2: 3 x (1/3 rounded to long) = 1 - 2^-54 exactly:
     * 0x3FFE, then 53 one bits of fraction (48 + 5 in the low register) */
    a = asm_at(E, CODE);
    RRE(&a, 0xB307, 1, 2);
    FPR[1] = 0x4008000000000000ULL;
    FPR[2] = 0x3FD5555555555555ULL;
    CHECK_EQ(run(), 0);
    CHECK_EQ(FPR[1], 0x3FFEFFFFFFFFFFFFULL);
    CHECK_EQ(FPR[3], 0xF800000000000000ULL);
    CHECK_EQ(FPC, 0);
    /* R1 = 2 names no pair: specification */
    a = asm_at(E, CODE);
    RRE(&a, 0xB307, 2, 1);
    CHECK_EQ(run(), PGM_SPECIFICATION);
}
