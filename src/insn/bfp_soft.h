/* Binary floating point in software: IEEE 754 arithmetic on the short
 * (binary32), long (binary64) and extended (binary128) formats with the
 * z/Architecture rules - every rounding method of the FPC and of the M3
 * field, tininess detected before rounding, the scaled results of trapped
 * overflow and underflow, the s390x default NaN and NaN precedence.
 *
 * It knows nothing of the CPU: a value is its bit pattern in the low bits
 * of a 128-bit integer, and each operation reports the IEEE exceptions it
 * recognised in a BfpCtx.  The instruction handlers (bfp_arith.c,
 * bfp_convert.c) decide from the FPC masks whether an exception traps.
 * The common case takes a host fast path there; this code is the exact
 * path for everything else. */
#ifndef ZEMU_INSN_BFP_SOFT_H
#define ZEMU_INSN_BFP_SOFT_H

#include <stdbool.h>
#include <stdint.h>

typedef unsigned __int128 u128;

enum BfpFormat { BFP_SHORT, BFP_LONG, BFP_EXT };

/* Rounding methods.  The first four are FPC BFP rounding modes 0-3;
 * FPC mode 7 and M3 = 3 are round to prepare for shorter precision; M3 =
 * 1 is round to nearest with ties away from zero. */
enum BfpRound {
    BFP_RNE = 0, BFP_RZ = 1, BFP_RP = 2, BFP_RM = 3, BFP_RNA = 4, BFP_RPSP = 5,
};

/* IEEE exceptions, in the bit positions of the FPC mask and flag bytes
 * and of the DXC. */
enum {
    BFX_INVALID = 0x80, BFX_DIVIDE = 0x40, BFX_OVERFLOW = 0x20, BFX_UNDERFLOW = 0x10,
    BFX_INEXACT = 0x08,
};

typedef struct BfpCtx {
    uint8_t round;          /* in: BfpRound */
    uint8_t traps;          /* in: FPC mask byte; the overflow and underflow masks
                               select the scaled (wrapped) result */
    uint8_t exc;            /* out: BFX_* recognised.  Overflow/underflow with
                               their mask set: the result is the scaled one */
    bool incremented;       /* out: an inexact result has a greater magnitude
                               than the exact one (DXC bit 5) */
} BfpCtx;

/* Classes, also the TEST DATA CLASS bit numbers / 2. */
enum { BFPC_ZERO = 0, BFPC_NORMAL = 1, BFPC_SUBNORMAL = 2, BFPC_INF = 3, BFPC_QNAN = 4,
       BFPC_SNAN = 5 };

int bfp_class(int fmt, u128 v);
bool bfp_sign(int fmt, u128 v);
static inline bool bfp_is_nan(int fmt, u128 v) { return bfp_class(fmt, v) >= BFPC_QNAN; }
u128 bfp_default_nan(int fmt);
u128 bfp_max_bits(int fmt);     /* all ones in the format's width */

/* Arithmetic.  Operand order is the instruction's: a = first operand. */
u128 bfp_add(BfpCtx *c, int fmt, u128 a, u128 b, bool subtract);
u128 bfp_mul(BfpCtx *c, int fmt, u128 a, u128 b);
u128 bfp_div(BfpCtx *c, int fmt, u128 a, u128 b);
u128 bfp_sqrt(BfpCtx *c, int fmt, u128 a);
/* MULTIPLY AND ADD/SUBTRACT (short and long only): op3 * op2 +/- op1, one
 * rounding. */
u128 bfp_fma(BfpCtx *c, int fmt, u128 op1, u128 op2, u128 op3, bool subtract);
/* COMPARE (quiet) / COMPARE AND SIGNAL: the condition code 0-3. */
unsigned bfp_compare(BfpCtx *c, int fmt, u128 a, u128 b, bool signaling);
/* LOAD AND TEST: an SNaN becomes quiet with invalid. */
u128 bfp_quiet_check(BfpCtx *c, int fmt, u128 a);
/* LOAD LENGTHENED / LOAD ROUNDED between any two formats. */
u128 bfp_convert(BfpCtx *c, int to, int from, u128 a);
/* CONVERT FROM FIXED / FROM LOGICAL. */
u128 bfp_from_int(BfpCtx *c, int fmt, bool negative, uint64_t magnitude);
/* CONVERT TO FIXED / TO LOGICAL: bits 32 or 64; *cc gets the condition
 * code (3 for NaN and out of range, which also give invalid). */
uint64_t bfp_to_int(BfpCtx *c, int fmt, u128 a, unsigned bits, bool is_signed, unsigned *cc);
/* LOAD FP INTEGER. */
u128 bfp_round_int(BfpCtx *c, int fmt, u128 a);
/* DIVIDE TO INTEGER (short and long): remainder and quotient, c->round the
 * final-quotient rounding method; returns the condition code. */
unsigned bfp_div_to_int(BfpCtx *c, int fmt, u128 a, u128 b, u128 *rem, u128 *quo);

#endif
