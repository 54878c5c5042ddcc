/* Page, key and cross-space moves: MVPG, MVCOS, MVCP, MVCS, MVCK, MVCSK,
 * MVCDK (ZARCH-NOTES §7.7-7.9).
 *
 * All of them move bytes from a second operand to a first operand where one
 * operand (or both) is accessed with an access key and/or an address space
 * other than the PSW's.  Each execution is one unit of operation of at most
 * 4096 bytes per operand: both operands are prepared (second, then first)
 * before a byte is stored, so any access exception leaves storage unchanged.
 *
 * Overlap: the architecture leaves overlapping operands of several of these
 * unpredictable; we always give the MVC result (left to right, one byte at
 * a time) through access_move, which is one of the permitted outcomes. */
#include "insn/insn.h"

/* GR0 controls of MVPG */
#define MVPG_RESERVED (BIT64(48) | BIT64(49) | BIT64(50) | BIT64(51))
#define MVPG_F        BIT64(52)   /* key in GR0 bits 56-59 applies to operand 1 */
#define MVPG_S        BIT64(53)   /* ... to operand 2 */
#define MVPG_CCO      BIT64(55)   /* condition-code option */

/* MVCOS operand-access control (16 bits): key bits 0-3, AS bits 8-9,
 * K bit 14, A bit 15. */
#define OAC_KEY(oac)  (((oac) >> 12) & 0xF)
#define OAC_AS(oac)   (((oac) >> 6) & 0x3)
#define OAC_K         0x0002
#define OAC_A         0x0001

#define FACILITY_MVCOS 27

/* In the problem state an access key supplied by the program must be
 * permitted by the PSW-key mask, CR3 bits 32-47 (bit 32 + key). */
static bool key_permitted(const CPUState *cpu, uint8_t key)
{
    return !cpu_problem_state(cpu) || (cpu->cr[3] & BIT64(32 + key));
}

/* Access key in bits 56-59 of a register. */
static uint8_t reg_key(const CPUState *cpu, int r)
{
    return (cpu->gr[r] >> 4) & 0xF;
}

/* A true length held in a register: 32 bits (bits 32-63) in the 24- and
 * 31-bit addressing modes, 64 bits in the 64-bit mode. */
static uint64_t true_length(const CPUState *cpu, int r)
{
    return cpu_is_64(cpu) ? cpu->gr[r] : (uint32_t)cpu->gr[r];
}

/* The common body: prepare source then destination, move, commit. */
static int keyed_move(CPUState *cpu, uint64_t dst_addr, uint32_t dst_space, uint8_t dst_key,
                      uint64_t src_addr, uint32_t src_space, uint8_t src_key, uint32_t len)
{
    StorageAccess src, dst;
    int rc;

    if (len == 0)
        return INSN_OK;
    rc = access_prepare(cpu, &src, src_addr, len, ACC_FETCH, src_space, src_key);
    if (rc)
        return insn_access_result(rc);
    rc = access_prepare(cpu, &dst, dst_addr, len, ACC_STORE, dst_space, dst_key);
    if (rc)
        return insn_access_result(rc);
    access_move(cpu, &dst, 0, &src, 0, len);
    access_commit(cpu, &dst);
    return INSN_OK;
}

/* ---------------------------------------------------------------------- */
/* MOVE PAGE */

/* Whether a translation exception of an MVPG operand is one that the
 * condition-code option turns into a condition code, and that otherwise is
 * reported with TEID bit 61 and the operand access identification.
 *
 * [?] A page-translation exception always is (kvm-unit-tests mvpg.c,
 * Hercules).  Region-first/-second/-third and segment-translation
 * exceptions are treated the same only when EDAT-1 applies (CR0 bit 40 with
 * facility 8): that is the split KVM's nested MVPG handling makes between
 * exceptions it forwards as MVPG partial execution and those it injects as
 * ordinary DAT exceptions.  ASCE-type exceptions never are. */
static bool mvpg_special_exception(const CPUState *cpu, int code)
{
    switch (code) {
    case PGM_PAGE_TRANS:
        return true;
    case PGM_SEGMENT_TRANS:
    case PGM_REG_FIRST_TRANS:
    case PGM_REG_SECOND_TRANS:
    case PGM_REG_THIRD_TRANS:
        return (cpu->cr[0] & CR0_EDAT) && facility_installed(cpu->machine, 8);
    default:
        return false;
    }
}

static int mvpg_exception(CPUState *cpu, const Insn *in, int rc)
{
    if (rc > 0 && mvpg_special_exception(cpu, rc)) {
        cpu->pgm.teid |= TEID_PROT_B61;
        cpu->pgm.op_access_id = (uint8_t)((in->r1 << 4) | in->r2);
        cpu->pgm.op_access_id_valid = true;
    }
    return insn_access_result(rc);
}

INSN_HANDLER(mvpg)
{
    uint64_t gr0 = cpu->gr[0];
    uint8_t psw_key = cpu_psw_key(cpu);
    uint8_t key1 = psw_key, key2 = psw_key;
    uint64_t a1, a2;
    uint32_t sp1, sp2;
    StorageAccess src, dst;
    int rc;

    /* A key from GR0 must be permitted in the problem state; checked
     * before the reserved bits, as Hercules does. */
    if (gr0 & (MVPG_F | MVPG_S)) {
        uint8_t key = reg_key(cpu, 0);
        if (!key_permitted(cpu, key))
            return pgm_raise(cpu, PGM_PRIVILEGED);
        if (gr0 & MVPG_F)
            key1 = key;
        if (gr0 & MVPG_S)
            key2 = key;
    }
    /* Bits 48-51 reserved; F and S together are invalid.  (Without the
     * move-page-and-set-key facility 149, which we do not offer.) */
    if ((gr0 & MVPG_RESERVED) || (gr0 & (MVPG_F | MVPG_S)) == (MVPG_F | MVPG_S))
        return pgm_raise(cpu, PGM_SPECIFICATION);

    /* The operands are the 4 KiB pages holding the addresses in R1/R2. */
    a1 = insn_reg_addr(cpu, in->r1) & PAGE_MASK;
    a2 = insn_reg_addr(cpu, in->r2) & PAGE_MASK;
    sp1 = mmu_space_for(cpu, in->r1);
    sp2 = mmu_space_for(cpu, in->r2);

    if (gr0 & MVPG_CCO) {
        /* Find the translation exceptions first without raising anything:
         * the source page is examined before the destination page, so a
         * source problem wins (both invalid -> CC2).  Any other exception
         * (protection, addressing, ...) is left to the prepares below,
         * which recognise it in the same order. */
        ProgramException exc;
        PageAccess pa;
        int x = probe_nofault(cpu, a2, PAGE_SIZE, ACC_FETCH, sp2, key2, &pa, &exc);
        if (x > 0 && mvpg_special_exception(cpu, x)) {
            cpu_set_cc(cpu, 2);
            return INSN_OK;
        }
        if (x == 0) {
            x = probe_nofault(cpu, a1, PAGE_SIZE, ACC_STORE, sp1, key1, &pa, &exc);
            if (x > 0 && mvpg_special_exception(cpu, x)) {
                cpu_set_cc(cpu, 1);
                return INSN_OK;
            }
        }
    }

    rc = access_prepare(cpu, &src, a2, PAGE_SIZE, ACC_FETCH, sp2, key2);
    if (rc)
        return mvpg_exception(cpu, in, rc);
    rc = access_prepare(cpu, &dst, a1, PAGE_SIZE, ACC_STORE, sp1, key1);
    if (rc)
        return mvpg_exception(cpu, in, rc);
    access_move(cpu, &dst, 0, &src, 0, PAGE_SIZE);
    access_commit(cpu, &dst);
    cpu_set_cc(cpu, 0);
    return INSN_OK;
}

/* ---------------------------------------------------------------------- */
/* MOVE WITH OPTIONAL SPECIFICATIONS */

/* Space of an MVCOS operand: the OAC's AS when A = 1, else the PSW's.  In
 * the access-register mode the operand's base register names the AR, as for
 * any operand (base 0 means the primary space). */
static uint32_t mvcos_space(unsigned as, int b)
{
    if (as == PSW_ASC_AR)
        return b ? SPACE_AR(b) : AS_PRIMARY;
    return as;
}

INSN_HANDLER(mvcos)
{
    uint16_t oac1 = (uint16_t)(cpu->gr[0] >> 16);
    uint16_t oac2 = (uint16_t)cpu->gr[0];
    uint8_t psw_key = cpu_psw_key(cpu);
    unsigned psw_as = cpu_asc(cpu);
    uint8_t key1 = (oac1 & OAC_K) ? OAC_KEY(oac1) : psw_key;
    uint8_t key2 = (oac2 & OAC_K) ? OAC_KEY(oac2) : psw_key;
    unsigned as1 = (oac1 & OAC_A) ? OAC_AS(oac1) : psw_as;
    unsigned as2 = (oac2 & OAC_A) ? OAC_AS(oac2) : psw_as;
    uint64_t len;
    uint32_t n;
    int rc;

    if (!facility_installed(cpu->machine, FACILITY_MVCOS))
        return pgm_raise(cpu, PGM_OPERATION);
    /* Special-operation: DAT off; the home space named in the problem
     * state; the secondary space named while the secondary-space control
     * (CR0 bit 37) is off. */
    if (!cpu_dat_on(cpu))
        return pgm_raise(cpu, PGM_SPECIAL_OP);
    if (cpu_problem_state(cpu) &&
        (((oac1 & OAC_A) && as1 == PSW_ASC_HOME) || ((oac2 & OAC_A) && as2 == PSW_ASC_HOME)))
        return pgm_raise(cpu, PGM_SPECIAL_OP);
    if (!(cpu->cr[0] & CR0_SEC_SPACE) && (as1 == PSW_ASC_SECONDARY || as2 == PSW_ASC_SECONDARY))
        return pgm_raise(cpu, PGM_SPECIAL_OP);
    /* In the problem state the access key of each operand must be permitted
     * by the PSW-key mask, whether the OAC specifies it or the PSW key is
     * implied (K = 0): Hercules and QEMU both check the key actually used.
     * (Unlike MVCK/MVCSK/MVCDK/MVCP/MVCS, whose PSW-keyed operand is not
     * checked.)  Linux runs user space with a zero key mask, so MVCOS is a
     * privileged-operation exception there. */
    if (!key_permitted(cpu, key1) || !key_permitted(cpu, key2))
        return pgm_raise(cpu, PGM_PRIVILEGED);

    /* At most 4096 bytes per execution; CC3 when more remain.  No register
     * is updated: the program advances addresses and length itself. */
    len = true_length(cpu, in->r3);
    n = len > ACCESS_MAX_LEN ? ACCESS_MAX_LEN : (uint32_t)len;
    rc = keyed_move(cpu, insn_ea(cpu, 0, in->b1, in->d1), mvcos_space(as1, in->b1), key1,
                    insn_ea(cpu, 0, in->b2, in->d2), mvcos_space(as2, in->b2), key2, n);
    if (rc)
        return rc;
    cpu_set_cc(cpu, len > ACCESS_MAX_LEN ? 3 : 0);
    return INSN_OK;
}

/* ---------------------------------------------------------------------- */
/* MVCP, MVCS, MVCK: SS-d, true length in R1 (in->r1), key in R3 (in->r3). */

#define SSD_MAX 256u

/* MVCP and MVCS reach the secondary space: special-operation exception when
 * the secondary-space control (CR0 bit 37) is off, DAT is off, or the CPU is
 * in the access-register or home-space mode (ZARCH-NOTES §7.9).  This is
 * recognised before the key-mask check (S/370 PoP priority table for MVCP
 * and MVCS: special operation 7.B.2, privileged operation 8). */
static int cross_space_checks(CPUState *cpu)
{
    unsigned asc = cpu_asc(cpu);
    if (!(cpu->cr[0] & CR0_SEC_SPACE) || !cpu_dat_on(cpu) || asc == PSW_ASC_AR ||
        asc == PSW_ASC_HOME)
        return pgm_raise(cpu, PGM_SPECIAL_OP);
    return 0;
}

enum { SSD_MVCP, SSD_MVCS, SSD_MVCK };

static int ssd_move(CPUState *cpu, const Insn *in, int which)
{
    uint8_t key = reg_key(cpu, in->r3);
    uint8_t psw_key = cpu_psw_key(cpu);
    uint64_t len;
    uint32_t n, sp1, sp2;
    uint8_t key1, key2;
    int rc;

    if (which != SSD_MVCK) {
        rc = cross_space_checks(cpu);
        if (rc)
            return rc;
    }
    if (!key_permitted(cpu, key))
        return pgm_raise(cpu, PGM_PRIVILEGED);

    switch (which) {
    case SSD_MVCP:      /* secondary (R3 key) -> primary (PSW key) */
        sp2 = AS_SECONDARY, key2 = key;
        sp1 = AS_PRIMARY, key1 = psw_key;
        break;
    case SSD_MVCS:      /* primary (PSW key) -> secondary (R3 key) */
        sp2 = AS_PRIMARY, key2 = psw_key;
        sp1 = AS_SECONDARY, key1 = key;
        break;
    default:            /* MVCK: current space, R3 key for the source */
        sp2 = mmu_space_for(cpu, in->b2), key2 = key;
        sp1 = mmu_space_for(cpu, in->b1), key1 = psw_key;
        break;
    }

    /* Only the effective length (<= 256) is accessed; a zero length
     * completes without access exceptions.  CC3 leaves R1 unchanged. */
    len = true_length(cpu, in->r1);
    n = len > SSD_MAX ? SSD_MAX : (uint32_t)len;
    rc = keyed_move(cpu, insn_ea(cpu, 0, in->b1, in->d1), sp1, key1,
                    insn_ea(cpu, 0, in->b2, in->d2), sp2, key2, n);
    if (rc)
        return rc;
    cpu_set_cc(cpu, len > SSD_MAX ? 3 : 0);
    return INSN_OK;
}

INSN_HANDLER(mvcp) { return ssd_move(cpu, in, SSD_MVCP); }
INSN_HANDLER(mvcs) { return ssd_move(cpu, in, SSD_MVCS); }
INSN_HANDLER(mvck) { return ssd_move(cpu, in, SSD_MVCK); }

/* ---------------------------------------------------------------------- */
/* MVCSK / MVCDK (SSE): L+1 bytes, L = GR0 bits 56-63; key GR1 bits 56-59
 * for the source (MVCSK) or the destination (MVCDK); CC unchanged. */

static int sse_key_move(CPUState *cpu, const Insn *in, bool key_on_dst)
{
    uint8_t key = reg_key(cpu, 1);
    uint8_t psw_key = cpu_psw_key(cpu);
    uint32_t n = (uint32_t)(cpu->gr[0] & 0xFF) + 1;

    if (!key_permitted(cpu, key))
        return pgm_raise(cpu, PGM_PRIVILEGED);
    return keyed_move(cpu, insn_ea(cpu, 0, in->b1, in->d1), mmu_space_for(cpu, in->b1),
                      key_on_dst ? key : psw_key,
                      insn_ea(cpu, 0, in->b2, in->d2), mmu_space_for(cpu, in->b2),
                      key_on_dst ? psw_key : key, n);
}

INSN_HANDLER(mvcsk) { return sse_key_move(cpu, in, false); }
INSN_HANDLER(mvcdk) { return sse_key_move(cpu, in, true); }
