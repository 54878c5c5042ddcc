/* Floating-point register loads, stores and moves, the BFP sign
 * operations and TEST DATA CLASS: the instructions that move bits without
 * arithmetic (no rounding, no IEEE exceptions). */
#include "insn/bfp.h"

/* ---- loads, stores, moves ---- */

/* Short operands live in bits 0-31 of the FPR; bits 32-63 are unchanged
 * by a short load. */
#define FPR_HI(v) ((uint64_t)(uint32_t)(v) << 32)
LOAD_RX(ld, 8, EA_X, cpu->fpr[in->r1] = v)
LOAD_RX(ldy, 8, EA_X, cpu->fpr[in->r1] = v)
LOAD_RX(le, 4, EA_X, cpu->fpr[in->r1] = (cpu->fpr[in->r1] & 0xFFFFFFFFULL) | FPR_HI(v))
LOAD_RX(ley, 4, EA_X, cpu->fpr[in->r1] = (cpu->fpr[in->r1] & 0xFFFFFFFFULL) | FPR_HI(v))
STORE_RX(std, 8, EA_X, cpu->fpr[in->r1])
STORE_RX(stdy, 8, EA_X, cpu->fpr[in->r1])
STORE_RX(ste, 4, EA_X, cpu->fpr[in->r1] >> 32)
STORE_RX(stey, 4, EA_X, cpu->fpr[in->r1] >> 32)
INSN_HANDLER(ldr) { cpu->fpr[in->r1] = cpu->fpr[in->r2]; return 0; }
INSN_HANDLER(ler)
{
    cpu->fpr[in->r1] = (cpu->fpr[in->r1] & 0xFFFFFFFFULL) | (cpu->fpr[in->r2] & ~0xFFFFFFFFULL);
    return 0;
}
INSN_HANDLER(lzdr) { cpu->fpr[in->r1] = 0; return 0; }
INSN_HANDLER(lzer) { cpu->fpr[in->r1] &= 0xFFFFFFFFULL; return 0; }
INSN_HANDLER(lgdr) { cpu->gr[in->r1] = cpu->fpr[in->r2]; return 0; }
INSN_HANDLER(ldgr) { cpu->fpr[in->r1] = cpu->gr[in->r2]; return 0; }
/* COPY SIGN: R1 = R2 with the sign of R3. */
INSN_HANDLER(cpsdr)
{
    cpu->fpr[in->r1] = (cpu->fpr[in->r2] & ~BIT64(0)) | (cpu->fpr[in->r3] & BIT64(0));
    return 0;
}
/* LOAD POSITIVE / NEGATIVE / COMPLEMENT (long, no CC; FPS enhancement). */
INSN_HANDLER(lpdfr) { cpu->fpr[in->r1] = cpu->fpr[in->r2] & ~BIT64(0); return 0; }
INSN_HANDLER(lndfr) { cpu->fpr[in->r1] = cpu->fpr[in->r2] | BIT64(0); return 0; }
INSN_HANDLER(lcdfr) { cpu->fpr[in->r1] = cpu->fpr[in->r2] ^ BIT64(0); return 0; }

INSN_HANDLER(lxr)
{
    if (!fpr_pair_ok(in->r1) || !fpr_pair_ok(in->r2))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t h = cpu->fpr[in->r2], l = cpu->fpr[in->r2 + 2];
    cpu->fpr[in->r1] = h;
    cpu->fpr[in->r1 + 2] = l;
    return 0;
}
INSN_HANDLER(lzxr)
{
    if (!fpr_pair_ok(in->r1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    cpu->fpr[in->r1] = cpu->fpr[in->r1 + 2] = 0;
    return 0;
}

/* ---- sign operations with CC (0 zero, 1 negative, 2 positive, 3 NaN):
 * LOAD COMPLEMENT / NEGATIVE / POSITIVE change only the sign bit, even of
 * a signaling NaN, and recognise no exception ---- */
enum { SIGN_COMPLEMENT, SIGN_NEGATIVE, SIGN_POSITIVE };
static int sign_op(CPUState *cpu, const Insn *in, int fmt, int op)
{
    if (fmt == BFP_EXT && (!fpr_pair_ok(in->r1) || !fpr_pair_ok(in->r2)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    const u128 s = (u128)1 << (fmt == BFP_SHORT ? 31 : fmt == BFP_LONG ? 63 : 127);
    u128 v = fpr_get(cpu, fmt, in->r2);
    v = op == SIGN_COMPLEMENT ? v ^ s : op == SIGN_NEGATIVE ? v | s : v & ~s;
    fpr_put(cpu, fmt, in->r1, v);
    cpu_set_cc(cpu, bfp_cc(fmt, v));
    return 0;
}
INSN_HANDLER(lcebr) { return sign_op(cpu, in, BFP_SHORT, SIGN_COMPLEMENT); }
INSN_HANDLER(lcdbr) { return sign_op(cpu, in, BFP_LONG, SIGN_COMPLEMENT); }
INSN_HANDLER(lcxbr) { return sign_op(cpu, in, BFP_EXT, SIGN_COMPLEMENT); }
INSN_HANDLER(lnebr) { return sign_op(cpu, in, BFP_SHORT, SIGN_NEGATIVE); }
INSN_HANDLER(lndbr) { return sign_op(cpu, in, BFP_LONG, SIGN_NEGATIVE); }
INSN_HANDLER(lnxbr) { return sign_op(cpu, in, BFP_EXT, SIGN_NEGATIVE); }
INSN_HANDLER(lpebr) { return sign_op(cpu, in, BFP_SHORT, SIGN_POSITIVE); }
INSN_HANDLER(lpdbr) { return sign_op(cpu, in, BFP_LONG, SIGN_POSITIVE); }
INSN_HANDLER(lpxbr) { return sign_op(cpu, in, BFP_EXT, SIGN_POSITIVE); }

/* TEST DATA CLASS: the second-operand address bits 52-63 select classes,
 * left to right: +0, -0, +normal, -normal, +subnormal, -subnormal, +inf,
 * -inf, +QNaN, -QNaN, +SNaN, -SNaN.  CC1 when the operand's class is
 * selected.  No exception, not even for an SNaN. */
static int test_class(CPUState *cpu, const Insn *in, int fmt)
{
    if (fmt == BFP_EXT && !fpr_pair_ok(in->r1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    const u128 v = fpr_get(cpu, fmt, in->r1);
    const unsigned k = 2 * (unsigned)bfp_class(fmt, v) + bfp_sign(fmt, v);
    cpu_set_cc(cpu, (EA_X(in) >> (11 - k)) & 1);
    return 0;
}
INSN_HANDLER(tceb) { return test_class(cpu, in, BFP_SHORT); }
INSN_HANDLER(tcdb) { return test_class(cpu, in, BFP_LONG); }
INSN_HANDLER(tcxb) { return test_class(cpu, in, BFP_EXT); }
