/* Branch instructions: on condition, and save, on count, on index, relative
 * forms, compare and branch/jump, compare and trap.
 *
 * When a handler runs, cpu->psw_addr already holds the address of the next
 * sequential instruction (after the EX for an EX target): that is the link
 * address, and a taken branch replaces it through cpu_branch().  Relative
 * targets are the instruction's own address (in->addr, the target's address
 * under EX) plus twice the signed immediate, wrapped to the mode. */
#include "cpu/exec.h"
#include "insn/insn.h"

#define REL(in, i) (((in)->addr + 2 * (uint64_t)(int64_t)(i)) & cpu_addr_mask(cpu))
#define EA_X(in) insn_ea(cpu, (in)->x2, (in)->b2, (in)->d2)
#define LOW(r) ((uint32_t)cpu->gr[r])

static inline bool cond_met(const CPUState *cpu, unsigned m)
{
    return m & (8 >> cpu_cc(cpu));
}

/* ---- on condition ---- */

INSN_HANDLER(bc)
{
    if (cond_met(cpu, in->r1))
        cpu_branch(cpu, EA_X(in));
    return 0;
}

/* BCR with R2 = 0 does not branch (M1 15/14: serialization, a no-op here). */
INSN_HANDLER(bcr)
{
    if (in->r2 && cond_met(cpu, in->r1))
        cpu_branch(cpu, cpu->gr[in->r2]);
    return 0;
}

INSN_HANDLER(brc)
{
    if (cond_met(cpu, in->r1))
        cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

INSN_HANDLER(brcl)
{
    if (cond_met(cpu, in->r1))
        cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

/* ---- and save ---- */

/* Link information of BRANCH AND SAVE: 64-bit mode all 64 bits; 31-bit mode
 * bit 32 = 1 and the address in 33-63; 24-bit mode the address in bits
 * 40-63 with 32-39 zero.  Bits 0-31 stay unchanged below 64-bit mode. */
static void link_bas(CPUState *cpu, int r1, uint64_t next)
{
    if (cpu_is_64(cpu))
        cpu->gr[r1] = next;
    else if (cpu->psw_mask & PSW_MASK_BA)
        insn_set_low32(cpu, r1, 0x80000000u | (uint32_t)next);
    else
        insn_set_low32(cpu, r1, (uint32_t)next & 0xFFFFFF);
}

/* BRANCH AND LINK differs in 24-bit mode: bits 32-33 ILC, 34-35 CC, 36-39
 * program mask, 40-63 the address. */
static void link_bal(CPUState *cpu, int r1, uint64_t next, unsigned ilen)
{
    if (cpu_is_64(cpu) || (cpu->psw_mask & PSW_MASK_BA)) {
        link_bas(cpu, r1, next);
        return;
    }
    uint32_t hi = (uint32_t)((ilen / 2) << 6 | cpu_cc(cpu) << 4 |
                             ((cpu->psw_mask & PSW_MASK_PM) >> 40));
    insn_set_low32(cpu, r1, hi << 24 | ((uint32_t)next & 0xFFFFFF));
}

INSN_HANDLER(bas)
{
    uint64_t t = EA_X(in);
    link_bas(cpu, in->r1, cpu->psw_addr);
    cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(basr)
{
    uint64_t t = cpu->gr[in->r2];       /* before R1 changes: R1 may be R2 */
    link_bas(cpu, in->r1, cpu->psw_addr);
    if (in->r2)
        cpu_branch(cpu, t);
    return 0;
}

/* The ILC in the link is that of the instruction being executed: the EX
 * when BAL is an EX target.  The PSW already points past it. */
static unsigned exec_ilen(const CPUState *cpu)
{
    return (unsigned)((cpu->psw_addr - cpu->insn_addr) & cpu_addr_mask(cpu));
}

INSN_HANDLER(bal)
{
    uint64_t t = EA_X(in);
    link_bal(cpu, in->r1, cpu->psw_addr, exec_ilen(cpu));
    cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(balr)
{
    uint64_t t = cpu->gr[in->r2];
    link_bal(cpu, in->r1, cpu->psw_addr, exec_ilen(cpu));
    if (in->r2)
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(bras)
{
    link_bas(cpu, in->r1, cpu->psw_addr);
    cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

INSN_HANDLER(brasl)
{
    link_bas(cpu, in->r1, cpu->psw_addr);
    cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

/* ---- and set mode ---- */

/* The addressing mode and branch address a BSM/BASSM R2 operand designates:
 * bit 63 one -> 64-bit mode, address with bit 63 zeroed; otherwise bit 32
 * one -> 31-bit mode, address bits 33-63; else 24-bit mode, bits 40-63. */
static void set_mode_and_branch(CPUState *cpu, uint64_t v)
{
    uint64_t eaba, target;
    if (v & 1) {
        eaba = PSW_MASK_EA | PSW_MASK_BA;
        target = v & ~1ULL;
    } else if (v & 0x80000000u) {
        eaba = PSW_MASK_BA;
        target = v & 0x7FFFFFFF;
    } else {
        eaba = 0;
        target = v & 0xFFFFFF;
    }
    cpu->psw_mask = (cpu->psw_mask & ~(PSW_MASK_EA | PSW_MASK_BA)) | eaba;
    cpu_branch(cpu, target);
}

/* BRANCH AND SET MODE: with R1 nonzero the current mode is recorded in R1:
 * 64-bit mode sets bit 63 to one; 24/31-bit mode sets bit 32 to the BA bit
 * and leaves bit 63 alone (IBM's correction of the PoP text, which said
 * bit 63 is zeroed; Hercules follows the correction).  Other bits are
 * unchanged.  With R2 nonzero the mode is set and the branch taken (R2 is
 * read before R1 is changed). */
INSN_HANDLER(bsm)
{
    uint64_t v = cpu->gr[in->r2];
    if (in->r1) {
        if (cpu_is_64(cpu))
            cpu->gr[in->r1] |= 1;
        else if (cpu->psw_mask & PSW_MASK_BA)
            cpu->gr[in->r1] |= 0x80000000u;
        else
            cpu->gr[in->r1] &= ~0x80000000ULL;
    }
    if (in->r2)
        set_mode_and_branch(cpu, v);
    return 0;
}

/* BRANCH AND SAVE AND SET MODE: link information in R1 (always): 64-bit
 * mode the updated address with bit 63 one; 31-bit mode bits 32-63 = 1 and
 * the 31-bit address; 24-bit mode bits 32-63 = the 24-bit address with
 * bits 32-39 zero (bits 0-31 unchanged below 64-bit mode).  Then as BSM. */
INSN_HANDLER(bassm)
{
    uint64_t v = cpu->gr[in->r2];
    if (cpu_is_64(cpu))
        cpu->gr[in->r1] = cpu->psw_addr | 1;
    else
        link_bas(cpu, in->r1, cpu->psw_addr);
    if (in->r2)
        set_mode_and_branch(cpu, v);
    return 0;
}

/* ---- on count (the branch address is formed before R1 is decremented) ---- */

INSN_HANDLER(bct)
{
    uint64_t t = EA_X(in);
    uint32_t v = LOW(in->r1) - 1;
    insn_set_low32(cpu, in->r1, v);
    if (v)
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(bctr)
{
    uint64_t t = cpu->gr[in->r2];
    uint32_t v = LOW(in->r1) - 1;
    insn_set_low32(cpu, in->r1, v);
    if (v && in->r2)
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(bctg)
{
    uint64_t t = EA_X(in);
    if (--cpu->gr[in->r1])
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(bctgr)
{
    uint64_t t = cpu->gr[in->r2];
    if (--cpu->gr[in->r1] && in->r2)
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(brct)
{
    uint32_t v = LOW(in->r1) - 1;
    insn_set_low32(cpu, in->r1, v);
    if (v)
        cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

INSN_HANDLER(brctg)
{
    if (--cpu->gr[in->r1])
        cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

/* ---- on index: R1 += R3; compare with R3 (odd R3) or R3+1 (even R3),
 * the comparand taken before R1 is updated ---- */

static bool bx32(CPUState *cpu, int r1, int r3, bool high)
{
    int32_t incr = (int32_t)LOW(r3);
    int32_t cmp = (int32_t)LOW(r3 | 1);
    int32_t sum = (int32_t)((uint32_t)LOW(r1) + (uint32_t)incr);
    insn_set_low32(cpu, r1, (uint32_t)sum);
    return high ? sum > cmp : sum <= cmp;
}

static bool bx64(CPUState *cpu, int r1, int r3, bool high)
{
    int64_t incr = (int64_t)cpu->gr[r3];
    int64_t cmp = (int64_t)cpu->gr[r3 | 1];
    int64_t sum = (int64_t)(cpu->gr[r1] + (uint64_t)incr);
    cpu->gr[r1] = (uint64_t)sum;
    return high ? sum > cmp : sum <= cmp;
}

#define EA_S(in) insn_ea(cpu, 0, (in)->b2, (in)->d2)

INSN_HANDLER(bxh)
{
    uint64_t t = EA_S(in);
    if (bx32(cpu, in->r1, in->r3, true))
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(bxle)
{
    uint64_t t = EA_S(in);
    if (bx32(cpu, in->r1, in->r3, false))
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(bxhg)
{
    uint64_t t = EA_S(in);
    if (bx64(cpu, in->r1, in->r3, true))
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(bxleg)
{
    uint64_t t = EA_S(in);
    if (bx64(cpu, in->r1, in->r3, false))
        cpu_branch(cpu, t);
    return 0;
}

INSN_HANDLER(brxh)
{
    if (bx32(cpu, in->r1, in->r3, true))
        cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

INSN_HANDLER(brxle)
{
    if (bx32(cpu, in->r1, in->r3, false))
        cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

INSN_HANDLER(brxhg)
{
    if (bx64(cpu, in->r1, in->r3, true))
        cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

INSN_HANDLER(brxlg)
{
    if (bx64(cpu, in->r1, in->r3, false))
        cpu_branch(cpu, REL(in, in->i2));
    return 0;
}

/* ---- compare and branch / jump / trap ---- */

/* The M3 mask selects on the comparison result: 8 equal, 4 first operand
 * low, 2 first operand high (bit 3 is ignored).  The CC is unchanged. */
static inline unsigned cmp_s(int64_t a, int64_t b) { return a == b ? 8 : a < b ? 4 : 2; }
static inline unsigned cmp_u(uint64_t a, uint64_t b) { return a == b ? 8 : a < b ? 4 : 2; }

#define CJ(name, res, target)                                             \
    INSN_HANDLER(name)                                                    \
    {                                                                     \
        if (in->m3 & (res))                                               \
            cpu_branch(cpu, target);                                      \
        return 0;                                                         \
    }

#define S32(r) ((int64_t)(int32_t)LOW(r))
#define S64(r) ((int64_t)cpu->gr[r])
#define EA_4(in) insn_ea(cpu, 0, (in)->b4, (in)->d4)

CJ(crj, cmp_s(S32(in->r1), S32(in->r2)), REL(in, in->i4))
CJ(cgrj, cmp_s(S64(in->r1), S64(in->r2)), REL(in, in->i4))
CJ(clrj, cmp_u(LOW(in->r1), LOW(in->r2)), REL(in, in->i4))
CJ(clgrj, cmp_u(cpu->gr[in->r1], cpu->gr[in->r2]), REL(in, in->i4))
CJ(cij, cmp_s(S32(in->r1), in->i2), REL(in, in->i4))
CJ(cgij, cmp_s(S64(in->r1), in->i2), REL(in, in->i4))
CJ(clij, cmp_u(LOW(in->r1), (uint8_t)in->i2), REL(in, in->i4))
CJ(clgij, cmp_u(cpu->gr[in->r1], (uint8_t)in->i2), REL(in, in->i4))
CJ(crb, cmp_s(S32(in->r1), S32(in->r2)), EA_4(in))
CJ(cgrb, cmp_s(S64(in->r1), S64(in->r2)), EA_4(in))
CJ(clrb, cmp_u(LOW(in->r1), LOW(in->r2)), EA_4(in))
CJ(clgrb, cmp_u(cpu->gr[in->r1], cpu->gr[in->r2]), EA_4(in))
CJ(cib, cmp_s(S32(in->r1), in->i2), EA_4(in))
CJ(cgib, cmp_s(S64(in->r1), in->i2), EA_4(in))
CJ(clib, cmp_u(LOW(in->r1), (uint8_t)in->i2), EA_4(in))
CJ(clgib, cmp_u(cpu->gr[in->r1], (uint8_t)in->i2), EA_4(in))

/* Compare and trap: a data exception with DXC 0xFF when the condition
 * holds (suppressing: the PSW points after the instruction). */
static int trap(CPUState *cpu)
{
    pgm_raise(cpu, PGM_DATA);
    cpu->pgm.dxc = 0xFF;
    return PGM_DATA;
}

#define CT(name, res)                                                     \
    INSN_HANDLER(name) { return (in->m3 & (res)) ? trap(cpu) : 0; }

CT(crt, cmp_s(S32(in->r1), S32(in->r2)))
CT(cgrt, cmp_s(S64(in->r1), S64(in->r2)))
CT(clrt, cmp_u(LOW(in->r1), LOW(in->r2)))
CT(clgrt, cmp_u(cpu->gr[in->r1], cpu->gr[in->r2]))
CT(cit, cmp_s(S32(in->r1), in->i2))
CT(cgit, cmp_s(S64(in->r1), in->i2))
CT(clfit, cmp_u(LOW(in->r1), (uint16_t)in->i2))
CT(clgit, cmp_u(cpu->gr[in->r1], (uint16_t)in->i2))
