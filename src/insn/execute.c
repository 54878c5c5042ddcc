/* EXECUTE (EX, 44 RX-a) and EXECUTE RELATIVE LONG (EXRL, C6x0 RIL-b)
 * (ZARCH-NOTES §1.4).
 *
 * The target is fetched as an instruction fetch; when R1 is not 0, bits
 * 56-63 of R1 are ORed into the target's second byte (the instruction in
 * storage is unchanged).  The target runs as if it stood at its own address
 * (relative operands are computed from it), but the PSW, the ILC and the
 * link address are those of the EX: the dispatcher already advanced the PSW
 * past the EX and delivers exceptions with the EX's length, so the target's
 * result is simply passed up.  An odd target address is a specification
 * exception; a target that is itself EX or EXRL is an execute exception. */
#include "cpu/exec.h"
#include "insn/insn.h"

static int execute_at(CPUState *cpu, const Insn *ex, uint64_t target)
{
    if (target & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);

    uint8_t b[8];
    unsigned ilen;
    int rc = cpu_fetch_insn(cpu, target, b, &ilen);
    if (rc)
        return rc;
    if (ex->r1)
        b[1] |= (uint8_t)cpu->gr[ex->r1];
    /* The execute exception is recognised on the opcode, after the OR (the
     * OR only touches byte 1, which is part of EXRL's opcode). */
    if (b[0] == 0x44 || (b[0] == 0xC6 && (b[1] & 0xF) == 0x0))
        return pgm_raise(cpu, PGM_EXECUTE);

    if ((cpu->psw_mask & PSW_MASK_PER) && cpu_per_ifetch(cpu, target)) {
        /* Fetch of the target nullified by PER: the EX is not executed. */
        return INSN_REEXECUTE;
    }

    Insn in;
    InsnHandler fn = cpu_decode(cpu, b, target, &in);
    if (!fn)
        return PGM_OPERATION;
    return fn(cpu, &in);
}

INSN_HANDLER(ex)
{
    return execute_at(cpu, in, insn_ea(cpu, in->x2, in->b2, in->d2));
}

INSN_HANDLER(exrl)
{
    return execute_at(cpu, in, (in->addr + 2 * (uint64_t)in->i2) & cpu_addr_mask(cpu));
}
