/* Instructions on the CPU's own state: PSW fields (IPM, SPM, EPSW), the
 * addressing mode (SAM24/31/64, TAM), access registers (EAR, SAR, CPYA),
 * SUPERVISOR CALL and MONITOR CALL. */
#include "insn/operand.h"

/* INSERT PROGRAM MASK: R1 bits 34-35 <- CC, 36-39 <- program mask, 32-33
 * <- 0; bits 0-31 and 40-63 unchanged. */
INSN_HANDLER(ipm)
{
    uint64_t byte = (uint64_t)cpu_cc(cpu) << 4 | ((cpu->psw_mask & PSW_MASK_PM) >> 40);
    cpu->gr[in->r1] = (cpu->gr[in->r1] & ~0xFF000000ULL) | byte << 24;
    return 0;
}

/* SET PROGRAM MASK: CC <- R1 bits 34-35, program mask <- bits 36-39. */
INSN_HANDLER(spm)
{
    uint64_t v = cpu->gr[in->r1];
    cpu->psw_mask = (cpu->psw_mask & ~(PSW_MASK_CC | PSW_MASK_PM)) |
                    (((v >> 28) & 3) << PSW_SHIFT_CC) | (((v >> 24) & 0xF) << 40);
    return 0;
}

/* EXTRACT PSW: R1 bits 32-63 <- PSW bits 0-31; R2 bits 32-63 <- PSW bits
 * 32-63 unless R2 is 0; bits 0-31 of both registers unchanged. */
INSN_HANDLER(epsw)
{
    uint64_t mask = cpu->psw_mask;
    SETLOW(in->r1, mask >> 32);
    if (in->r2)
        SETLOW(in->r2, mask);
    return 0;
}

INSN_HANDLER(ear) { SETLOW(in->r1, cpu->ar[in->r2]); return 0; }
INSN_HANDLER(sar) { cpu->ar[in->r1] = LOW(in->r2); return 0; }
INSN_HANDLER(cpya) { cpu->ar[in->r1] = cpu->ar[in->r2]; return 0; }

/* SET ADDRESSING MODE: the updated instruction address (already in the PSW)
 * must fit the new mode, else specification and the mode is unchanged. */
static int sam(CPUState *cpu, uint64_t ea_ba)
{
    uint64_t mask = psw_addr_mask(ea_ba);
    if (cpu->psw_addr & ~mask)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    cpu->psw_mask = (cpu->psw_mask & ~(PSW_MASK_EA | PSW_MASK_BA)) | ea_ba;
    return 0;
}
INSN_HANDLER(sam24) { (void)in; return sam(cpu, 0); }
INSN_HANDLER(sam31) { (void)in; return sam(cpu, PSW_MASK_BA); }
INSN_HANDLER(sam64) { (void)in; return sam(cpu, PSW_MASK_EA | PSW_MASK_BA); }

/* TEST ADDRESSING MODE: CC0 24-bit, CC1 31-bit, CC3 64-bit. */
INSN_HANDLER(tam)
{
    (void)in;
    cpu_set_cc(cpu, cpu_is_64(cpu) ? 3 : (cpu->psw_mask & PSW_MASK_BA) ? 1 : 0);
    return 0;
}

INSN_HANDLER(svc)
{
    cpu->svc_code = (uint16_t)in->i2;
    return INSN_SVC;
}

/* MONITOR CALL: bits 8-11 of the instruction (the left half of I2) must be
 * zero (specification); bits 12-15 are the monitor class.  When the class's
 * mask bit in CR8 (bit 48 + class) is one, a monitor-event program
 * interruption follows with the class and, as monitor code, the operand
 * address (no storage is accessed); otherwise nothing happens. */
INSN_HANDLER(mc)
{
    if (in->i2 & 0xF0)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    unsigned cls = (unsigned)in->i2 & 0xF;
    if (!(cpu->cr[8] & BIT64(48 + cls)))
        return 0;
    pgm_raise(cpu, PGM_MONITOR);
    cpu->pgm.monitor_class = (uint8_t)cls;
    cpu->pgm.monitor_code = EA_1(in);
    return PGM_MONITOR;
}
