/* Shared by the BFP instruction files (bfp.c, fpc.c, bfp_arith.c,
 * bfp_convert.c): FPC fields, operand access by format, the rounding
 * method of an instruction, and the end of an instruction that may have
 * recognised IEEE exceptions (flags, traps, DXC). */
#ifndef ZEMU_INSN_BFP_H
#define ZEMU_INSN_BFP_H

#include "insn/bfp_soft.h"
#include "insn/operand.h"

/* FPC: byte 0 IEEE masks, byte 1 IEEE flags, byte 2 DXC, bits 29-31 the
 * BFP rounding mode (bits 25-27 the DFP one). */
#define FPC_MASK_SHIFT 24
#define FPC_FLAG_SHIFT 16
#define FPC_DXC_MASK 0x0000FF00u
#define FPC_BRM 0x00000007u
#define FPC_MASK_X (BFX_INEXACT << FPC_MASK_SHIFT)
#define FPC_FLAG_X (BFX_INEXACT << FPC_FLAG_SHIFT)

/* Facility bits that change BFP behaviour. */
#define FAC_FPE 37      /* floating-point extension: M3/M4 fields, mode 7 */

/* ---- operands: a value of format fmt in register r (short: bits 0-31;
 * extended: the pair r, r+2) ---- */
static inline u128 fpr_get(const CPUState *cpu, int fmt, int r)
{
    switch (fmt) {
    case BFP_SHORT: return cpu->fpr[r] >> 32;
    case BFP_LONG: return cpu->fpr[r];
    default: return (u128)cpu->fpr[r] << 64 | cpu->fpr[r + 2];
    }
}
static inline void fpr_put(CPUState *cpu, int fmt, int r, u128 v)
{
    switch (fmt) {
    case BFP_SHORT:
        cpu->fpr[r] = (cpu->fpr[r] & 0xFFFFFFFFULL) | (uint64_t)v << 32;
        break;
    case BFP_LONG:
        cpu->fpr[r] = (uint64_t)v;
        break;
    default:
        cpu->fpr[r] = (uint64_t)(v >> 64);
        cpu->fpr[r + 2] = (uint64_t)v;
        break;
    }
}
/* Extended operands name a register pair: 0,1,4,5,8,9,12,13. */
static inline bool fpr_pair_ok(int r) { return !(r & 2); }

/* CC of a result: 0 zero, 1 negative, 2 positive, 3 NaN. */
static inline unsigned bfp_cc(int fmt, u128 v)
{
    int k = bfp_class(fmt, v);
    return k >= BFPC_QNAN ? 3 : k == BFPC_ZERO ? 0 : bfp_sign(fmt, v) ? 1 : 2;
}

/* The BFP rounding method of the FPC mode. */
static inline int bfp_fpc_round(uint32_t fpc)
{
    static const uint8_t map[8] = { BFP_RNE, BFP_RZ, BFP_RP, BFP_RM,
                                    BFP_RNE, BFP_RNE, BFP_RNE, BFP_RPSP };
    return map[fpc & FPC_BRM];
}

/* A context for an instruction: rounding by M3 (0 = the FPC mode). */
static inline void bfp_ctx(const CPUState *cpu, BfpCtx *c, unsigned m3)
{
    static const uint8_t by_m3[8] = { 0, BFP_RNA, 0, BFP_RPSP, BFP_RNE, BFP_RZ, BFP_RP, BFP_RM };
    c->round = m3 ? by_m3[m3 & 7] : bfp_fpc_round(cpu->fpc);
    c->traps = (uint8_t)(cpu->fpc >> FPC_MASK_SHIFT);
    c->exc = 0;
    c->incremented = false;
}

/* Is M3 a valid rounding method?  0, 1, 4-7, and 3 with the
 * floating-point extension; otherwise specification. */
static inline bool bfp_m3_ok(const CPUState *cpu, unsigned m3)
{
    return m3 <= 7 && m3 != 2 && (m3 != 3 || facility_installed(cpu->machine, FAC_FPE));
}

/* M3/M4 of an instruction whose fields exist only with the
 * floating-point extension (the "A" forms): without it they are taken as
 * zero.  *xxc: M4 bit 1, inexact suppressed. */
static inline void bfp_fpe_fields(const CPUState *cpu, const Insn *in, unsigned *m3, bool *xxc)
{
    bool fpe = facility_installed(cpu->machine, FAC_FPE);
    *m3 = fpe ? in->m3 : 0;
    *xxc = fpe && (in->m4 & 4);
}

/* A data exception with the given DXC. */
static inline int bfp_data_exception(CPUState *cpu, uint8_t dxc)
{
    pgm_raise(cpu, PGM_DATA);
    cpu->pgm.dxc = dxc;
    return PGM_DATA;
}

/* After an operation recognised the exceptions c->exc: *store says
 * whether the result is to be stored (not for a trapped invalid or
 * division by zero: those suppress); the FPC flags are set for untrapped
 * exceptions; the return value is PGM_DATA when an exception traps (the
 * DXC in cpu->pgm), else 0.  Trapped overflow and underflow, and inexact,
 * complete: the caller stores the result, then returns the code.  xxc:
 * the inexact exception is suppressed (M4 bit 1). */
int bfp_finish(CPUState *cpu, const BfpCtx *c, bool xxc, bool *store);

/* May v be loaded into the FPC (SFPC, LFPC; the debugger's register
 * writes)?  No reserved bit, no rounding mode 4-6, mode 7 only with the
 * floating-point extension. */
bool bfp_fpc_valid(const CPUState *cpu, uint32_t v);

/* The common shape: finish, then store a result of fmt in r1 and
 * optionally set the CC from it. */
static inline int bfp_end_store(CPUState *cpu, const BfpCtx *c, int fmt, int r1, u128 v,
                                bool set_cc)
{
    bool store = true;
    int rc = c->exc ? bfp_finish(cpu, c, false, &store) : 0;
    if (store) {
        fpr_put(cpu, fmt, r1, v);
        if (set_cc)
            cpu_set_cc(cpu, bfp_cc(fmt, v));
    }
    return rc;
}

/* Storage operands of the RXE/RXF forms. */
static inline int bfp_load_mem(CPUState *cpu, const Insn *in, int fmt, u128 *v)
{
    uint64_t x = 0;
    int rc = mem_load(cpu, EA_X(in), fmt == BFP_SHORT ? 4 : 8, in->b2, &x);
    *v = x;
    return rc;
}

#endif
