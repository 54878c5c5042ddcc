/* Multiple-register loads and stores: STM(Y)/STMG/STMH, LM(Y)/LMG/LMH,
 * STAM(Y)/LAM(Y), STCTL/STCTG, LCTL/LCTLG, LOAD MULTIPLE DISJOINT, and the
 * register-pair quadword forms LPQ/STPQ.
 *
 * Each of these is one unit of operation over at most 16 registers, i.e. an
 * operand of at most 128 bytes and therefore at most two pages.  The whole
 * operand is prepared before anything is stored or any register is loaded
 * (DESIGN.md §3, "Multi-register storage forms"): an access exception on the
 * second page must leave storage and every register untouched, because the
 * interrupted program re-executes the instruction after fixing the fault
 * and would otherwise see a half-updated register set.
 *
 * Registers R1 through R3 are processed in ascending order, register 0
 * following register 15 (ZARCH-NOTES §9.2); the first register goes to or
 * comes from the leftmost bytes of the operand. */
#include "insn/operand.h"

/* Which register file, and which part of each register, an instruction uses. */
typedef enum {
    RF_GR_LOW,      /* general registers, bits 32-63 (STM, LM) */
    RF_GR_HIGH,     /* general registers, bits 0-31 (STMH, LMH) */
    RF_GR_FULL,     /* general registers, bits 0-63 (STMG, LMG) */
    RF_AR,          /* access registers, 32 bits (STAM, LAM) */
    RF_CR_LOW,      /* control registers, bits 32-63 (STCTL, LCTL) */
    RF_CR_FULL,     /* control registers, bits 0-63 (STCTG, LCTLG) */
} RegFile;

/* Bytes per register in storage. */
static unsigned rf_size(RegFile rf)
{
    return (rf == RF_GR_FULL || rf == RF_CR_FULL) ? 8 : 4;
}

/* Number of registers R1..R3 with wraparound from 15 to 0. */
static unsigned reg_count(unsigned r1, unsigned r3)
{
    return ((r3 - r1) & 15) + 1;
}

static inline uint64_t rf_get(const CPUState *cpu, RegFile rf, unsigned r)
{
    switch (rf) {
    case RF_GR_LOW:  return (uint32_t)cpu->gr[r];
    case RF_GR_HIGH: return cpu->gr[r] >> 32;
    case RF_GR_FULL: return cpu->gr[r];
    case RF_AR:      return cpu->ar[r];
    case RF_CR_LOW:  return (uint32_t)cpu->cr[r];
    case RF_CR_FULL: return cpu->cr[r];
    }
    return 0;
}

static inline void rf_set(CPUState *cpu, RegFile rf, unsigned r, uint64_t v)
{
    switch (rf) {
    case RF_GR_LOW:
        cpu->gr[r] = (cpu->gr[r] & 0xFFFFFFFF00000000ULL) | (uint32_t)v;
        break;
    case RF_GR_HIGH:
        cpu->gr[r] = (cpu->gr[r] & 0x00000000FFFFFFFFULL) | (v << 32);
        break;
    case RF_GR_FULL:
        cpu->gr[r] = v;
        break;
    case RF_AR:
        cpu->ar[r] = (uint32_t)v;
        break;
    case RF_CR_LOW:
        cpu->cr[r] = (cpu->cr[r] & 0xFFFFFFFF00000000ULL) | (uint32_t)v;
        break;
    case RF_CR_FULL:
        cpu->cr[r] = v;
        break;
    }
}

/* Checks that precede any storage access: privileged operation for the
 * control-register forms, then operand alignment (the specification
 * exception has lower priority than the privileged-operation exception). */
static int pre_checks(CPUState *cpu, uint64_t addr, unsigned align, bool privileged)
{
    if (privileged) {
        int rc = insn_privileged(cpu);
        if (rc)
            return rc;
    }
    if (addr & (align - 1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return 0;
}

/* Store R1..R3 of a register file at the second-operand address. */
static __attribute__((noinline)) int store_multiple_general(CPUState *cpu, const Insn *in,
                                                            RegFile rf, unsigned align,
                                                            bool privileged)
{
    uint64_t addr = insn_ea(cpu, 0, in->b2, in->d2);
    unsigned size = rf_size(rf);
    unsigned n = reg_count(in->r1, in->r3);
    StorageAccess sa;
    int rc;

    rc = pre_checks(cpu, addr, align, privileged);
    if (rc)
        return rc;
    HostSpan hs;
    if (access_fast_span(cpu, addr, n * size, ACC_STORE, in->b2, &hs)) {
        /* Every page is clean RAM: no exception possible, nothing to
         * commit. */
        uint8_t buf[16 * 8];
        for (unsigned i = 0; i < n; i++)
            be_store(buf + i * size, size, rf_get(cpu, rf, (in->r1 + i) & 15));
        memcpy(hs.host[0], buf, hs.n0);
        if (hs.n0 < hs.len)
            memcpy(hs.host[1], buf + hs.n0, hs.len - hs.n0);
        return INSN_OK;
    }
    rc = access_prepare_op(cpu, &sa, addr, n * size, ACC_STORE, in->b2);
    if (rc)
        return insn_access_result(rc);
    for (unsigned i = 0; i < n; i++)
        access_put_be(cpu, &sa, i * size, size, rf_get(cpu, rf, (in->r1 + i) & 15));
    access_commit(cpu, &sa);
    return INSN_OK;
}

/* Load R1..R3 of a register file from the second-operand address.  The
 * values are all fetched before the first register is written, so a base
 * register inside the range is used with its old value (the address was
 * formed before) and no register changes when the prepare fails. */
static __attribute__((noinline)) int load_multiple_general(CPUState *cpu, const Insn *in,
                                                           RegFile rf, unsigned align,
                                                           bool privileged)
{
    uint64_t addr = insn_ea(cpu, 0, in->b2, in->d2);
    unsigned size = rf_size(rf);
    unsigned n = reg_count(in->r1, in->r3);
    uint64_t val[16];
    StorageAccess sa;
    int rc;

    rc = pre_checks(cpu, addr, align, privileged);
    if (rc)
        return rc;
    HostSpan hs;
    if (access_fast_span(cpu, addr, n * size, ACC_FETCH, in->b2, &hs)) {
        uint8_t buf[16 * 8];
        memcpy(buf, hs.host[0], hs.n0);
        if (hs.n0 < hs.len)
            memcpy(buf + hs.n0, hs.host[1], hs.len - hs.n0);
        for (unsigned i = 0; i < n; i++)
            val[i] = be_load(buf + i * size, size);
    } else {
        rc = access_prepare_op(cpu, &sa, addr, n * size, ACC_FETCH, in->b2);
        if (rc)
            return insn_access_result(rc);
        for (unsigned i = 0; i < n; i++)
            val[i] = access_get_be(cpu, &sa, i * size, size);
    }
    for (unsigned i = 0; i < n; i++)
        rf_set(cpu, rf, (in->r1 + i) & 15, val[i]);
    return INSN_OK;
}

/* The common case of the unprivileged forms, kept small enough to be
 * compiled into the fast loop's entry (the function prologue's STMG and
 * epilogue's LMG): an operand in one page of ordinary RAM from an exact
 * TLB hit, where no exception is possible.  Everything else, and every
 * exception, goes through the general functions above. */
static inline __attribute__((always_inline)) int store_multiple(CPUState *cpu, const Insn *in,
                                                               RegFile rf)
{
    const uint64_t addr = insn_ea(cpu, 0, in->b2, in->d2);
    const unsigned size = rf_size(rf);
    const unsigned n = reg_count(in->r1, in->r3);
    uint8_t *h = access_fast_host(cpu, addr, n * size, ACC_STORE, in->b2);
    if (__builtin_expect(h == NULL, 0))
        return store_multiple_general(cpu, in, rf, 1, false);
    for (unsigned i = 0; i < n; i++)
        be_store(h + i * size, size, rf_get(cpu, rf, (in->r1 + i) & 15));
    return INSN_OK;
}

/* Host storage is not changed by loading a register, so the registers
 * can be loaded as the operand is read: a base register among them was
 * already used to form the address. */
static inline __attribute__((always_inline)) int load_multiple(CPUState *cpu, const Insn *in,
                                                              RegFile rf)
{
    const uint64_t addr = insn_ea(cpu, 0, in->b2, in->d2);
    const unsigned size = rf_size(rf);
    const unsigned n = reg_count(in->r1, in->r3);
    const uint8_t *h = access_fast_host(cpu, addr, n * size, ACC_FETCH, in->b2);
    if (__builtin_expect(h == NULL, 0))
        return load_multiple_general(cpu, in, rf, 1, false);
    for (unsigned i = 0; i < n; i++)
        rf_set(cpu, rf, (in->r1 + i) & 15, be_load(h + i * size, size));
    return INSN_OK;
}

/* STM and LM have no alignment requirement. */
INSN_HANDLER(stm)  { return store_multiple(cpu, in, RF_GR_LOW); }
INSN_HANDLER(stmy) { return store_multiple(cpu, in, RF_GR_LOW); }
INSN_HANDLER(stmg) { return store_multiple(cpu, in, RF_GR_FULL); }
INSN_HANDLER(stmh) { return store_multiple(cpu, in, RF_GR_HIGH); }
INSN_HANDLER(lm)   { return load_multiple(cpu, in, RF_GR_LOW); }
INSN_HANDLER(lmy)  { return load_multiple(cpu, in, RF_GR_LOW); }
INSN_HANDLER(lmg)  { return load_multiple(cpu, in, RF_GR_FULL); }
INSN_HANDLER(lmh)  { return load_multiple(cpu, in, RF_GR_HIGH); }

/* STAM and LAM: the operand must be on a word boundary (specification
 * exception otherwise; Hercules FW_CHECK and QEMU's lam/stam helpers agree). */
INSN_HANDLER(stam) { return store_multiple_general(cpu, in, RF_AR, 4, false); }
INSN_HANDLER(lam)  { return load_multiple_general(cpu, in, RF_AR, 4, false); }
INSN_HANDLER(stamy) { return store_multiple_general(cpu, in, RF_AR, 4, false); }
INSN_HANDLER(lamy)  { return load_multiple_general(cpu, in, RF_AR, 4, false); }

/* LOAD MULTIPLE DISJOINT (SS-e): for R1..R3, bits 0-31 come from the
 * second operand and bits 32-63 from the fourth, four bytes per register
 * each.  Both operands are prepared (second, then fourth) and fetched
 * before any register changes. */
INSN_HANDLER(lmd)
{
    unsigned n = reg_count(in->r1, in->r3);
    StorageAccess hi, lo;
    int rc = access_prepare_op(cpu, &hi, insn_ea(cpu, 0, in->b2, in->d2), 4 * n, ACC_FETCH,
                               in->b2);
    if (!rc)
        rc = access_prepare_op(cpu, &lo, insn_ea(cpu, 0, in->b4, in->d4), 4 * n, ACC_FETCH,
                               in->b4);
    if (rc)
        return insn_access_result(rc);
    uint64_t val[16];
    for (unsigned i = 0; i < n; i++)
        val[i] = access_get_be(cpu, &hi, 4 * i, 4) << 32 | access_get_be(cpu, &lo, 4 * i, 4);
    for (unsigned i = 0; i < n; i++)
        cpu->gr[(in->r1 + i) & 15] = val[i];
    return INSN_OK;
}

/* LOAD PAIR FROM QUADWORD / STORE PAIR TO QUADWORD (RXY): the even/odd
 * pair R1, R1+1 and a quadword-aligned operand, R1 the left doubleword;
 * odd R1 or a misaligned operand is a specification exception.  The
 * quadword is one (block-concurrent) access: prepared whole first. */
static int pair_quadword(CPUState *cpu, const Insn *in, AccessKind kind)
{
    uint64_t addr = insn_ea(cpu, in->x2, in->b2, in->d2);
    if ((in->r1 & 1) || (addr & 15))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, addr, 16, kind, in->b2);
    if (rc)
        return insn_access_result(rc);
    if (kind == ACC_FETCH) {
        uint64_t l = access_get_be(cpu, &sa, 0, 8), r = access_get_be(cpu, &sa, 8, 8);
        cpu->gr[in->r1] = l;
        cpu->gr[in->r1 + 1] = r;
    } else {
        access_put_be(cpu, &sa, 0, 8, cpu->gr[in->r1]);
        access_put_be(cpu, &sa, 8, 8, cpu->gr[in->r1 + 1]);
        access_commit(cpu, &sa);
    }
    return INSN_OK;
}
INSN_HANDLER(lpq)  { return pair_quadword(cpu, in, ACC_FETCH); }
INSN_HANDLER(stpq) { return pair_quadword(cpu, in, ACC_STORE); }

/* Control registers: privileged; word (STCTL/LCTL) or doubleword
 * (STCTG/LCTLG) alignment (ZARCH-NOTES §9.2). */
INSN_HANDLER(stctl) { return store_multiple_general(cpu, in, RF_CR_LOW, 4, true); }
INSN_HANDLER(stctg) { return store_multiple_general(cpu, in, RF_CR_FULL, 8, true); }

/* TLB entries are formed under CR0 (EDAT, LAP, protection overrides), the
 * ASCEs in CR1/CR7/CR13 and so on, and are not tagged with them: after
 * loading control registers this CPU's TLB is flushed.  Flushing on every
 * LCTL/LCTLG, whatever registers it loads, keeps the rule simple and
 * obviously safe (QEMU does the same; ZARCH-NOTES §5.6). */
static int load_control(CPUState *cpu, const Insn *in, RegFile rf, unsigned align)
{
    int rc = load_multiple_general(cpu, in, rf, align, true);
    if (rc == INSN_OK)
        cpu_flush_tlb_local(cpu);
    return rc;
}

INSN_HANDLER(lctl)  { return load_control(cpu, in, RF_CR_LOW, 4); }
INSN_HANDLER(lctlg) { return load_control(cpu, in, RF_CR_FULL, 8); }
