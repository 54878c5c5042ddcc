/* The floating-point-control register: EFPC, SFPC, LFPC, STFPC, the
 * rounding-mode setters SRNM/SRNMB, the IEEE-exception simulation
 * SFASR/LFAS, and the common end of every BFP instruction that may
 * recognise IEEE exceptions (bfp_finish). */
#include "insn/bfp.h"

/* Bits that must be zero in a value loaded into the FPC: bits 6-7, 14-15,
 * 24 and 28 (qemu-s390x's check; the DFP rounding mode and the quantum
 * bits are accepted), and rounding modes 4-6; mode 7 only with the
 * floating-point extension. */
#define FPC_RESERVED 0x03030088u
bool bfp_fpc_valid(const CPUState *cpu, uint32_t v)
{
    const unsigned brm = v & FPC_BRM;
    if (v & FPC_RESERVED)
        return false;
    if (brm >= 4 && brm <= 6)
        return false;
    return brm != 7 || facility_installed(cpu->machine, FAC_FPE);
}

static int fpc_set(CPUState *cpu, uint32_t v)
{
    if (!bfp_fpc_valid(cpu, v))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    cpu->fpc = v;
    return 0;
}

INSN_HANDLER(efpc) { SETLOW(in->r1, cpu->fpc); return 0; }
INSN_HANDLER(sfpc) { return fpc_set(cpu, LOW(in->r1)); }
INSN_HANDLER(stfpc) { return mem_store(cpu, EA_S(in), 4, in->b2, cpu->fpc); }
INSN_HANDLER(lfpc)
{
    uint64_t v;
    int rc = mem_load(cpu, EA_S(in), 4, in->b2, &v);
    if (rc)
        return rc;
    return fpc_set(cpu, (uint32_t)v);
}

/* SET FPC AND SIGNAL: the new FPC keeps the old flags (ORed); a flag
 * whose new mask bit is one then raises a simulated IEEE exception: a
 * data exception whose DXC names the highest-priority such exception
 * (with inexact beside overflow/underflow) and ends in binary 11. */
static int fpc_set_and_signal(CPUState *cpu, uint32_t v)
{
    if (!bfp_fpc_valid(cpu, v))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    const uint8_t old_flags = (uint8_t)(cpu->fpc >> FPC_FLAG_SHIFT);
    cpu->fpc = v | ((uint32_t)old_flags << FPC_FLAG_SHIFT);
    uint8_t e = old_flags & (uint8_t)(v >> FPC_MASK_SHIFT) & 0xFC;
    if (!e)
        return 0;
    if (e & BFX_INVALID)
        e = BFX_INVALID;
    else if (e & BFX_DIVIDE)
        e = BFX_DIVIDE;
    else if (e & BFX_OVERFLOW)
        e &= BFX_OVERFLOW | BFX_INEXACT;
    else if (e & BFX_UNDERFLOW)
        e &= BFX_UNDERFLOW | BFX_INEXACT;
    else if (e & BFX_INEXACT)
        e = BFX_INEXACT;
    else
        e &= 0x04;      /* quantum */
    return bfp_data_exception(cpu, e | 3);
}
INSN_HANDLER(sfasr) { return fpc_set_and_signal(cpu, LOW(in->r1)); }
INSN_HANDLER(lfas)
{
    uint64_t v;
    int rc = mem_load(cpu, EA_S(in), 4, in->b2, &v);
    if (rc)
        return rc;
    return fpc_set_and_signal(cpu, (uint32_t)v);
}

/* SET BFP ROUNDING MODE: the operand address (not storage) gives the
 * mode.  SRNM: bits 62-63 into FPC bits 30-31, bit 29 set to zero (so
 * that the result is always one of the modes 0-3).  SRNMB: bits 61-63
 * into FPC bits 29-31, where 4-6 are a specification exception. */
INSN_HANDLER(srnm)
{
    cpu->fpc = (cpu->fpc & ~FPC_BRM) | (EA_S(in) & 3);
    return 0;
}
INSN_HANDLER(srnmb)
{
    const unsigned m = EA_S(in) & 7;
    if (m >= 4 && m <= 6)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    cpu->fpc = (cpu->fpc & ~FPC_BRM) | m;
    return 0;
}

int bfp_finish(CPUState *cpu, const BfpCtx *c, bool xxc, bool *store)
{
    uint8_t e = c->exc;
    const uint8_t m = (uint8_t)(cpu->fpc >> FPC_MASK_SHIFT);
    if (xxc)
        e &= ~BFX_INEXACT;
    /* Invalid operation and division by zero: a trap suppresses the
     * operation (nothing stored, no flag, CC unchanged). */
    if (e & (BFX_INVALID | BFX_DIVIDE)) {
        const uint8_t t = e & m & (BFX_INVALID | BFX_DIVIDE);
        if (t) {
            *store = false;
            return bfp_data_exception(cpu, t & BFX_INVALID ? 0x80 : 0x40);
        }
        cpu->fpc |= (uint32_t)(e & (BFX_INVALID | BFX_DIVIDE)) << FPC_FLAG_SHIFT;
    }
    *store = true;
    /* The DXC's inexact (x) and incremented (y) bits. */
    const uint8_t xy = (e & BFX_INEXACT) ? BFX_INEXACT | (c->incremented ? 0x04 : 0) : 0;
    /* Overflow and underflow with their mask on: the scaled result is
     * stored and the trap reports inexact beside; no flag is set. */
    if (e & m & BFX_OVERFLOW)
        return bfp_data_exception(cpu, BFX_OVERFLOW | xy);
    if (e & m & BFX_UNDERFLOW)
        return bfp_data_exception(cpu, BFX_UNDERFLOW | xy);
    cpu->fpc |= (uint32_t)(e & (BFX_OVERFLOW | BFX_UNDERFLOW)) << FPC_FLAG_SHIFT;
    if (e & BFX_INEXACT) {
        if (m & BFX_INEXACT)
            return bfp_data_exception(cpu, xy);
        cpu->fpc |= FPC_FLAG_X;
    }
    return 0;
}
