/* BFP arithmetic: ADD, SUBTRACT, MULTIPLY (and the lengthening MDEB(R),
 * MXDB(R)), DIVIDE, SQUARE ROOT, MULTIPLY AND ADD/SUBTRACT, COMPARE (AND
 * SIGNAL), LOAD AND TEST, in the short, long and extended formats.
 *
 * Short and long operations first try the host: in round-to-nearest with
 * the inexact exception untrapped, a host result that is a normal number
 * (biased exponent 2 .. max-1, so no NaN, infinity, overflow, underflow
 * or tininess question) is the architected one; the only exception it can
 * carry is inexact, which matters only while the FPC inexact flag is off
 * (then the host's flag is read around the operation).  Everything else
 * goes to the exact software path (bfp_soft.c). */
#include <math.h>

#include "insn/bfp.h"

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_MADD, OP_MSUB };

/* ---- the host fast path ---- */

static inline uint32_t mxcsr_get(void)
{
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}
static inline void mxcsr_put(uint32_t v) { __asm__ volatile("ldmxcsr %0" : : "m"(v)); }
#define MXCSR_FLAGS 0x3Fu
#define MXCSR_PE 0x20u
/* Keeps the compiler from moving the host operation across the MXCSR
 * accesses: its inputs and its result pass through empty asm statements. */
#define FENCE_IN3(x, y, z) __asm__ volatile("" : "+x"(x), "+x"(y), "+x"(z))
#define FENCE_OUT(r) __asm__ volatile("" : "+x"(r))

#define HOST_OPS(T, fmaf_)                                                \
    static inline T host_##T(int op, T a, T b, T c)                       \
    {                                                                     \
        switch (op) {                                                     \
        case OP_ADD: return a + b;                                        \
        case OP_SUB: return a - b;                                        \
        case OP_MUL: return a * b;                                        \
        case OP_DIV: return a / b;                                        \
        case OP_SQRT: return __builtin_sqrt##fmaf_(b);                    \
        case OP_MADD: return __builtin_fma##fmaf_(c, b, a);               \
        default: return __builtin_fma##fmaf_(c, b, -a);                   \
        }                                                                 \
    }
HOST_OPS(double, )
HOST_OPS(float, f)

/* Fast path for op on raw operands a (first), b (second), c (third, FMA):
 * true with *r the result when the host's answer is architected.  One
 * body for both formats: T the host type, U its bits, EXP_SHIFT/EXP_MAX
 * the biased-exponent field. */
#define FAST_PATH(name, T, U, EXP_SHIFT, EXP_MAX)                          \
    static bool name(CPUState *cpu, int op, U a, U b, U c, U *r)           \
    {                                                                      \
        const uint32_t fpc = cpu->fpc;                                     \
        if (fpc & (FPC_BRM | FPC_MASK_X))                                  \
            return false;                                                  \
        T x, y, z, q;                                                      \
        memcpy(&x, &a, sizeof x);                                          \
        memcpy(&y, &b, sizeof y);                                          \
        memcpy(&z, &c, sizeof z);                                          \
        bool inexact = false;                                              \
        if (fpc & FPC_FLAG_X) {                                            \
            q = host_##T(op, x, y, z);                                     \
        } else {                                                           \
            const uint32_t csr = mxcsr_get();                              \
            mxcsr_put(csr & ~MXCSR_FLAGS);                                 \
            FENCE_IN3(x, y, z);                                            \
            q = host_##T(op, x, y, z);                                     \
            FENCE_OUT(q);                                                  \
            inexact = mxcsr_get() & MXCSR_PE;                              \
            mxcsr_put(csr);                                                \
        }                                                                  \
        U v;                                                               \
        memcpy(&v, &q, sizeof v);                                          \
        /* biased exponent outside 2 .. max-1: the exact path decides */   \
        if (((v >> EXP_SHIFT) & EXP_MAX) - 2u > EXP_MAX - 3u)              \
            return false;                                                  \
        if (inexact)                                                       \
            cpu->fpc |= FPC_FLAG_X;                                        \
        *r = v;                                                            \
        return true;                                                       \
    }
FAST_PATH(fast_long, double, uint64_t, 52, 0x7FF)
FAST_PATH(fast_short, float, uint32_t, 23, 0xFF)

/* ---- the operations ---- */

/* R1 <- R1 op b (op3 = R3 for FMA), in fmt; set_cc for add/subtract. */
static int arith(CPUState *cpu, int fmt, int op, int r1, u128 b, u128 op3, bool set_cc)
{
    const u128 a = fpr_get(cpu, fmt, r1);
    if (fmt == BFP_LONG) {
        uint64_t r;
        if (fast_long(cpu, op, (uint64_t)a, (uint64_t)b, (uint64_t)op3, &r)) {
            cpu->fpr[r1] = r;
            if (set_cc)
                cpu_set_cc(cpu, r >> 63 ? 1 : 2);
            return 0;
        }
    } else if (fmt == BFP_SHORT) {
        uint32_t r;
        if (fast_short(cpu, op, (uint32_t)a, (uint32_t)b, (uint32_t)op3, &r)) {
            fpr_put(cpu, fmt, r1, r);
            if (set_cc)
                cpu_set_cc(cpu, r >> 31 ? 1 : 2);
            return 0;
        }
    }
    BfpCtx c;
    bfp_ctx(cpu, &c, 0);
    u128 r;
    switch (op) {
    case OP_ADD: r = bfp_add(&c, fmt, a, b, false); break;
    case OP_SUB: r = bfp_add(&c, fmt, a, b, true); break;
    case OP_MUL: r = bfp_mul(&c, fmt, a, b); break;
    case OP_DIV: r = bfp_div(&c, fmt, a, b); break;
    case OP_SQRT: r = bfp_sqrt(&c, fmt, b); break;
    default: r = bfp_fma(&c, fmt, a, b, op3, op == OP_MSUB); break;
    }
    return bfp_end_store(cpu, &c, fmt, r1, r, set_cc);
}

static int arith_rr(CPUState *cpu, const Insn *in, int fmt, int op, bool set_cc)
{
    if (fmt == BFP_EXT && (!fpr_pair_ok(in->r1) || !fpr_pair_ok(in->r2)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return arith(cpu, fmt, op, in->r1, fpr_get(cpu, fmt, in->r2), 0, set_cc);
}
static int arith_rx(CPUState *cpu, const Insn *in, int fmt, int op, bool set_cc)
{
    u128 b;
    int rc = bfp_load_mem(cpu, in, fmt, &b);
    if (rc)
        return rc;
    return arith(cpu, fmt, op, in->r1, b, 0, set_cc);
}

#define ARITH3(op, cc, e, d, x, eb, db)                                           \
    INSN_HANDLER(e) { return arith_rr(cpu, in, BFP_SHORT, op, cc); }              \
    INSN_HANDLER(d) { return arith_rr(cpu, in, BFP_LONG, op, cc); }               \
    INSN_HANDLER(x) { return arith_rr(cpu, in, BFP_EXT, op, cc); }                \
    INSN_HANDLER(eb) { return arith_rx(cpu, in, BFP_SHORT, op, cc); }             \
    INSN_HANDLER(db) { return arith_rx(cpu, in, BFP_LONG, op, cc); }
ARITH3(OP_ADD, true, aebr, adbr, axbr, aeb, adb)
ARITH3(OP_SUB, true, sebr, sdbr, sxbr, seb, sdb)
ARITH3(OP_MUL, false, meebr, mdbr, mxbr, meeb, mdb)
ARITH3(OP_DIV, false, debr, ddbr, dxbr, deb, ddb)
ARITH3(OP_SQRT, false, sqebr, sqdbr, sqxbr, sqeb, sqdb)

/* MULTIPLY AND ADD / SUBTRACT: R1 <- R3 * op2 +/- R1, one rounding.  RRD
 * (op2 in R2) and RXF (op2 in storage; R3 in bits 8-11, R1 in 32-35). */
static int fma_rr(CPUState *cpu, const Insn *in, int fmt, int op)
{
    return arith(cpu, fmt, op, in->r1, fpr_get(cpu, fmt, in->r2), fpr_get(cpu, fmt, in->r3),
                 false);
}
static int fma_rx(CPUState *cpu, const Insn *in, int fmt, int op)
{
    u128 b;
    int rc = bfp_load_mem(cpu, in, fmt, &b);
    if (rc)
        return rc;
    return arith(cpu, fmt, op, in->r1, b, fpr_get(cpu, fmt, in->r3), false);
}
INSN_HANDLER(maebr) { return fma_rr(cpu, in, BFP_SHORT, OP_MADD); }
INSN_HANDLER(madbr) { return fma_rr(cpu, in, BFP_LONG, OP_MADD); }
INSN_HANDLER(msebr) { return fma_rr(cpu, in, BFP_SHORT, OP_MSUB); }
INSN_HANDLER(msdbr) { return fma_rr(cpu, in, BFP_LONG, OP_MSUB); }
INSN_HANDLER(maeb) { return fma_rx(cpu, in, BFP_SHORT, OP_MADD); }
INSN_HANDLER(madb) { return fma_rx(cpu, in, BFP_LONG, OP_MADD); }
INSN_HANDLER(mseb) { return fma_rx(cpu, in, BFP_SHORT, OP_MSUB); }
INSN_HANDLER(msdb) { return fma_rx(cpu, in, BFP_LONG, OP_MSUB); }

/* MULTIPLY with a lengthened result (MDEB(R) short -> long, MXDB(R) long
 * -> extended): both operands are lengthened exactly and multiplied in
 * the longer format, where the product is exact.  A NaN operand gives the
 * NaN of the usual precedence (SNaN first), lengthened. */
static int mul_lengthen(CPUState *cpu, int r1, int from, u128 b)
{
    const int to = from + 1;
    if (to == BFP_EXT && !fpr_pair_ok(r1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    const u128 a = fpr_get(cpu, from, r1);
    BfpCtx c;
    bfp_ctx(cpu, &c, 0);
    u128 r;
    const int ka = bfp_class(from, a), kb = bfp_class(from, b);
    if (ka >= BFPC_QNAN || kb >= BFPC_QNAN) {
        const bool pick_a = ka == BFPC_SNAN || (kb != BFPC_SNAN && ka == BFPC_QNAN);
        if (ka == BFPC_SNAN || kb == BFPC_SNAN)
            c.exc |= BFX_INVALID;
        BfpCtx ignore = c;
        r = bfp_convert(&ignore, to, from, pick_a ? a : b);
    } else {
        r = bfp_mul(&c, to, bfp_convert(&c, to, from, a), bfp_convert(&c, to, from, b));
    }
    return bfp_end_store(cpu, &c, to, r1, r, false);
}
INSN_HANDLER(mdebr) { return mul_lengthen(cpu, in->r1, BFP_SHORT, fpr_get(cpu, BFP_SHORT, in->r2)); }
INSN_HANDLER(mxdbr) { return mul_lengthen(cpu, in->r1, BFP_LONG, fpr_get(cpu, BFP_LONG, in->r2)); }
INSN_HANDLER(mdeb)
{
    u128 b;
    int rc = bfp_load_mem(cpu, in, BFP_SHORT, &b);
    return rc ? rc : mul_lengthen(cpu, in->r1, BFP_SHORT, b);
}
INSN_HANDLER(mxdb)
{
    u128 b;
    int rc = bfp_load_mem(cpu, in, BFP_LONG, &b);
    return rc ? rc : mul_lengthen(cpu, in->r1, BFP_LONG, b);
}

/* ---- COMPARE (invalid only for an SNaN) and COMPARE AND SIGNAL (for any
 * NaN): CC 0 equal, 1 low, 2 high, 3 unordered; a trapped invalid
 * suppresses (CC unchanged) ---- */
static int compare(CPUState *cpu, int fmt, u128 a, u128 b, bool signaling)
{
    BfpCtx c;
    bfp_ctx(cpu, &c, 0);
    const unsigned cc = bfp_compare(&c, fmt, a, b, signaling);
    bool store = true;
    int rc = c.exc ? bfp_finish(cpu, &c, false, &store) : 0;
    if (store)
        cpu_set_cc(cpu, cc);
    return rc;
}
static int compare_rr(CPUState *cpu, const Insn *in, int fmt, bool signaling)
{
    if (fmt == BFP_EXT && (!fpr_pair_ok(in->r1) || !fpr_pair_ok(in->r2)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return compare(cpu, fmt, fpr_get(cpu, fmt, in->r1), fpr_get(cpu, fmt, in->r2), signaling);
}
static int compare_rx(CPUState *cpu, const Insn *in, int fmt, bool signaling)
{
    u128 b;
    int rc = bfp_load_mem(cpu, in, fmt, &b);
    if (rc)
        return rc;
    return compare(cpu, fmt, fpr_get(cpu, fmt, in->r1), b, signaling);
}
INSN_HANDLER(cebr) { return compare_rr(cpu, in, BFP_SHORT, false); }
INSN_HANDLER(cdbr) { return compare_rr(cpu, in, BFP_LONG, false); }
INSN_HANDLER(cxbr) { return compare_rr(cpu, in, BFP_EXT, false); }
INSN_HANDLER(kebr) { return compare_rr(cpu, in, BFP_SHORT, true); }
INSN_HANDLER(kdbr) { return compare_rr(cpu, in, BFP_LONG, true); }
INSN_HANDLER(kxbr) { return compare_rr(cpu, in, BFP_EXT, true); }
INSN_HANDLER(ceb) { return compare_rx(cpu, in, BFP_SHORT, false); }
INSN_HANDLER(cdb) { return compare_rx(cpu, in, BFP_LONG, false); }
INSN_HANDLER(keb) { return compare_rx(cpu, in, BFP_SHORT, true); }
INSN_HANDLER(kdb) { return compare_rx(cpu, in, BFP_LONG, true); }

/* LOAD AND TEST: the operand with its CC; an SNaN is made quiet with
 * invalid (trapped: suppressed). */
static int load_test(CPUState *cpu, const Insn *in, int fmt)
{
    if (fmt == BFP_EXT && (!fpr_pair_ok(in->r1) || !fpr_pair_ok(in->r2)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    BfpCtx c;
    bfp_ctx(cpu, &c, 0);
    const u128 r = bfp_quiet_check(&c, fmt, fpr_get(cpu, fmt, in->r2));
    return bfp_end_store(cpu, &c, fmt, in->r1, r, true);
}
INSN_HANDLER(ltebr) { return load_test(cpu, in, BFP_SHORT); }
INSN_HANDLER(ltdbr) { return load_test(cpu, in, BFP_LONG); }
INSN_HANDLER(ltxbr) { return load_test(cpu, in, BFP_EXT); }
