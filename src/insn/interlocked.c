/* Interlocked-update instructions: COMPARE AND SWAP (CS, CSY, CSG), COMPARE
 * DOUBLE AND SWAP (CDS, CDSY, CDSG), TEST AND SET, COMPARE AND SWAP AND
 * STORE, LOAD PAIR DISJOINT and the LOAD AND ADD/AND/OR/EXCLUSIVE OR family
 * of the interlocked-access facility 1.
 *
 * zemu does not run CPUs concurrently yet (user mode has one guest thread,
 * docs/USER.md), so doing the whole read-modify-write inside one handler is
 * the interlock; concurrent CPUs will need a storage lock here.  What matters architecturally here is the exception behaviour:
 * every operand is prepared (all its pages checked, as an update when it may
 * be stored) before any byte is stored or any register changed, so an access
 * exception leaves everything as it was.  The compare-and-swap forms prepare
 * their operand as an update even when the comparison will fail (the
 * architecture treats the fetch as part of an interlocked update whose
 * store access is checked either way); nothing is stored then. */
#include "insn/operand.h"

/* A 32-bit ("low") or 64-bit register value of an operand of size 4 or 8. */
static inline uint64_t reg_val(const CPUState *cpu, int r, unsigned size)
{
    return size == 4 ? (uint32_t)cpu->gr[r] : cpu->gr[r];
}

static inline void reg_set(CPUState *cpu, int r, unsigned size, uint64_t v)
{
    if (size == 4)
        insn_set_low32(cpu, r, (uint32_t)v);
    else
        cpu->gr[r] = v;
}

/* COMPARE AND SWAP: equal -> op2 = R3, CC0; unequal -> R1 = op2, CC1.
 * The second operand is aligned on its size (specification otherwise). */
static int cs_common(CPUState *cpu, const Insn *in, unsigned size)
{
    StorageAccess sa;
    uint64_t old = 0;
    int rc = rmw_prepare(cpu, &sa, EA_S(in), size, in->b2, true, &old);
    if (rc)
        return rc;
    if (old == reg_val(cpu, in->r1, size)) {
        rmw_store(cpu, &sa, size, reg_val(cpu, in->r3, size));
        cpu_set_cc(cpu, 0);
    } else {
        reg_set(cpu, in->r1, size, old);
        cpu_set_cc(cpu, 1);
    }
    return 0;
}
INSN_HANDLER(cs) { return cs_common(cpu, in, 4); }
INSN_HANDLER(csy) { return cs_common(cpu, in, 4); }
INSN_HANDLER(csg) { return cs_common(cpu, in, 8); }


/* COMPARE DOUBLE AND SWAP: the even/odd pair R1, R1+1 (bits 32-63 each for
 * CDS/CDSY, all 64 bits for CDSG) is compared with the doubleword (quadword)
 * second operand; equal -> the pair R3, R3+1 is stored, CC0; unequal -> the
 * operand is loaded into R1, R1+1, CC1.  R1 and R3 must be even and the
 * operand aligned on its size (specification). */
static int cds_common(CPUState *cpu, const Insn *in, unsigned half)
{
    if ((in->r1 | in->r3) & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t addr = EA_S(in);
    if (addr & (2 * half - 1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, addr, 2 * half, ACC_UPDATE, in->b2);
    if (rc)
        return insn_access_result(rc);
    uint64_t hi = access_get_be(cpu, &sa, 0, half), lo = access_get_be(cpu, &sa, half, half);
    if (hi == reg_val(cpu, in->r1, half) && lo == reg_val(cpu, in->r1 + 1, half)) {
        access_put_be(cpu, &sa, 0, half, reg_val(cpu, in->r3, half));
        access_put_be(cpu, &sa, half, half, reg_val(cpu, in->r3 + 1, half));
        access_commit(cpu, &sa);
        cpu_set_cc(cpu, 0);
    } else {
        reg_set(cpu, in->r1, half, hi);
        reg_set(cpu, in->r1 + 1, half, lo);
        cpu_set_cc(cpu, 1);
    }
    return 0;
}
INSN_HANDLER(cds) { return cds_common(cpu, in, 4); }
INSN_HANDLER(cdsy) { return cds_common(cpu, in, 4); }
INSN_HANDLER(cdsg) { return cds_common(cpu, in, 8); }

/* TEST AND SET (SI format, the I2 field is ignored): CC <- the leftmost bit
 * of the byte, then the byte is set to all ones (stored in either case). */
INSN_HANDLER(ts)
{
    StorageAccess sa;
    uint64_t old = 0;
    int rc = rmw_prepare(cpu, &sa, EA_1(in), 1, in->b1, false, &old);
    if (rc)
        return rc;
    rmw_store(cpu, &sa, 1, 0xFF);
    cpu_set_cc(cpu, (unsigned)(old >> 7));
    return 0;
}

/* COMPARE AND SWAP AND STORE (facility 32; 33 adds the 128-bit compare and
 * the 16-byte store).  GR0 bits 56-63 = function code FC (compare-and-swap
 * size 4 << FC bytes), bits 48-55 = storage characteristic SC (store size
 * 1 << SC bytes).  GR1 designates the parameter list (its rightmost four
 * bits are ignored: it is on a quadword boundary): the replacement value,
 * left-aligned in bytes 0-15, and the store value, left-aligned in bytes
 * 16-31.  The first operand (aligned on 4 << FC) is compared with R3 (bits
 * 32-63 for FC 0, 64 bits for FC 1, the even/odd pair for FC 2); equal ->
 * first operand <- replacement value, second operand (aligned on 1 << SC)
 * <- store value, CC0; unequal -> R3 <- first operand, CC1, nothing stored.
 * All operands are prepared first: the second operand's store access is
 * checked whatever the comparison gives. */
INSN_HANDLER(csst)
{
    const bool csst2 = facility_installed(cpu->machine, 33);
    unsigned fc = (unsigned)(cpu->gr[0] & 0xFF), sc = (unsigned)((cpu->gr[0] >> 8) & 0xFF);
    if (fc > (csst2 ? 2u : 1u) || sc > (csst2 ? 4u : 3u) || (fc == 2 && (in->r3 & 1)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    const unsigned csize = 4u << fc, ssize = 1u << sc;
    uint64_t a1 = EA_1(in), a2 = EA_S(in);
    if ((a1 & (csize - 1)) || (a2 & (ssize - 1)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t pl = insn_reg_addr(cpu, 1) & ~15ULL;

    StorageAccess plist, op1, op2;
    int rc = access_prepare_op(cpu, &plist, pl, 32, ACC_FETCH, 1);
    if (!rc)
        rc = access_prepare_op(cpu, &op1, a1, csize, ACC_UPDATE, in->b1);
    if (!rc)
        rc = access_prepare_op(cpu, &op2, a2, ssize, ACC_STORE, in->b2);
    if (rc)
        return insn_access_result(rc);

    uint8_t cur[16], cmp[16];
    access_read(cpu, &op1, 0, cur, csize);
    if (fc == 2) {
        be_store(cmp, 8, cpu->gr[in->r3]);
        be_store(cmp + 8, 8, cpu->gr[in->r3 + 1]);
    } else {
        be_store(cmp, csize, reg_val(cpu, in->r3, csize));
    }
    if (memcmp(cur, cmp, csize) != 0) {
        if (fc == 2) {
            cpu->gr[in->r3] = be_load(cur, 8);
            cpu->gr[in->r3 + 1] = be_load(cur + 8, 8);
        } else {
            reg_set(cpu, in->r3, csize, be_load(cur, csize));
        }
        cpu_set_cc(cpu, 1);
        return 0;
    }
    uint8_t repl[16], store[16];
    access_read(cpu, &plist, 0, repl, csize);
    access_read(cpu, &plist, 16, store, ssize);
    access_write(cpu, &op1, 0, repl, csize);
    access_write(cpu, &op2, 0, store, ssize);
    access_commit(cpu, &op1);
    access_commit(cpu, &op2);
    cpu_set_cc(cpu, 0);
    return 0;
}

/* LOAD PAIR DISJOINT (interlocked-access facility 1, SSF): the first
 * operand -> R3, the second -> R3+1 (bits 32-63 for LPD, 64 bits for LPDG),
 * fetched as one interlocked pair: CC0 (CC3, "not fetched interlocked",
 * cannot arise while CPUs do not run concurrently).  R3 even, operands aligned on their
 * size (specification). */
static int lpd_common(CPUState *cpu, const Insn *in, unsigned size)
{
    uint64_t a1 = EA_1(in), a2 = EA_S(in);
    if ((in->r3 & 1) || (a1 & (size - 1)) || (a2 & (size - 1)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    StorageAccess s1, s2;
    int rc = access_prepare_op(cpu, &s1, a1, size, ACC_FETCH, in->b1);
    if (!rc)
        rc = access_prepare_op(cpu, &s2, a2, size, ACC_FETCH, in->b2);
    if (rc)
        return insn_access_result(rc);
    uint64_t v1 = access_get_be(cpu, &s1, 0, size), v2 = access_get_be(cpu, &s2, 0, size);
    reg_set(cpu, in->r3, size, v1);
    reg_set(cpu, in->r3 + 1, size, v2);
    cpu_set_cc(cpu, 0);
    return 0;
}
INSN_HANDLER(lpd) { return lpd_common(cpu, in, 4); }
INSN_HANDLER(lpdg) { return lpd_common(cpu, in, 8); }

/* LOAD AND ADD/AND/OR/EXCLUSIVE OR (interlocked-access facility 1):
 * R1 <- original op2, op2 <- op2 op R3; CC from the result. */
enum { LA_ADD, LA_ADDL, LA_AND, LA_OR, LA_XOR };
static int load_and_op(CPUState *cpu, const Insn *in, unsigned size, int op)
{
    StorageAccess sa;
    uint64_t old = 0;
    int rc = rmw_prepare(cpu, &sa, EA_S(in), size, in->b2, true, &old);
    if (rc)
        return rc;
    uint64_t r3 = reg_val(cpu, in->r3, size), res = 0, mask = size == 4 ? 0xFFFFFFFFULL : ~0ULL;
    unsigned cc = 0;
    bool ovf = false;
    switch (op) {
    case LA_ADD:
        if (size == 4) {
            int32_t r;
            ovf = __builtin_add_overflow((int32_t)old, (int32_t)r3, &r);
            res = (uint32_t)r;
            cc = cc_signed(r);
        } else {
            int64_t r;
            ovf = __builtin_add_overflow((int64_t)old, (int64_t)r3, &r);
            res = (uint64_t)r;
            cc = cc_signed(r);
        }
        break;
    case LA_ADDL: {
        unsigned __int128 s = (unsigned __int128)old + r3;
        res = (uint64_t)s & mask;
        unsigned carry = size == 4 ? (unsigned)((s >> 32) & 1) : (unsigned)((s >> 64) & 1);
        cc = (res != 0) | carry << 1;
        break;
    }
    case LA_AND: res = old & r3; cc = res != 0; break;
    case LA_OR: res = old | r3; cc = res != 0; break;
    default: res = old ^ r3; cc = res != 0; break;
    }
    rmw_store(cpu, &sa, size, res);
    reg_set(cpu, in->r1, size, old);
    if (ovf)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc);
    return 0;
}
INSN_HANDLER(laa) { return load_and_op(cpu, in, 4, LA_ADD); }
INSN_HANDLER(laag) { return load_and_op(cpu, in, 8, LA_ADD); }
INSN_HANDLER(laal) { return load_and_op(cpu, in, 4, LA_ADDL); }
INSN_HANDLER(laalg) { return load_and_op(cpu, in, 8, LA_ADDL); }
INSN_HANDLER(lan) { return load_and_op(cpu, in, 4, LA_AND); }
INSN_HANDLER(lang) { return load_and_op(cpu, in, 8, LA_AND); }
INSN_HANDLER(lao) { return load_and_op(cpu, in, 4, LA_OR); }
INSN_HANDLER(laog) { return load_and_op(cpu, in, 8, LA_OR); }
INSN_HANDLER(lax) { return load_and_op(cpu, in, 4, LA_XOR); }
INSN_HANDLER(laxg) { return load_and_op(cpu, in, 8, LA_XOR); }

