/* General instructions: loads, stores, binary arithmetic, logical
 * operations, compares, shifts and the miscellaneous register instructions
 * (the z196 general-instruction set; the families with their own concerns
 * live beside it: charmask.c, interlocked.c, state.c, sysinfo.c, decimal.c,
 * ...).
 *
 * Register conventions: "32-bit" instructions use bits 32-63 of a register
 * and leave bits 0-31 alone; "G" forms use all 64 bits; "GF" forms extend a
 * 32-bit operand (sign for arithmetic, zero for logical).  Storage operands
 * of simple loads and stores take the inline TLB hit path and go through the
 * access layer on a miss, a page crossing, or when PER storage alteration
 * is being watched. */
#include <string.h>

#include "insn/operand.h"

/* ---- condition codes and overflow ---- */

static inline unsigned cc_cmp_s(int64_t a, int64_t b)
{
    return a == b ? 0 : a < b ? 1 : 2;
}

static inline unsigned cc_cmp_u(uint64_t a, uint64_t b)
{
    return a == b ? 0 : a < b ? 1 : 2;
}

static int add32(CPUState *cpu, int r1, int32_t a, int32_t b)
{
    int32_t r;
    bool o = __builtin_add_overflow(a, b, &r);
    SETLOW(r1, r);
    if (o)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc_signed(r));
    return 0;
}

static int sub32(CPUState *cpu, int r1, int32_t a, int32_t b)
{
    int32_t r;
    bool o = __builtin_sub_overflow(a, b, &r);
    SETLOW(r1, r);
    if (o)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc_signed(r));
    return 0;
}

static int add64(CPUState *cpu, int r1, int64_t a, int64_t b)
{
    int64_t r;
    bool o = __builtin_add_overflow(a, b, &r);
    cpu->gr[r1] = (uint64_t)r;
    if (o)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc_signed(r));
    return 0;
}

static int sub64(CPUState *cpu, int r1, int64_t a, int64_t b)
{
    int64_t r;
    bool o = __builtin_sub_overflow(a, b, &r);
    cpu->gr[r1] = (uint64_t)r;
    if (o)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc_signed(r));
    return 0;
}

/* Logical add: CC bit 2 (value 2) = carry out, bit 3 (value 1) = nonzero. */
static int addl32(CPUState *cpu, int r1, uint32_t a, uint32_t b, unsigned carry)
{
    uint64_t s = (uint64_t)a + b + carry;
    SETLOW(r1, (uint32_t)s);
    cpu_set_cc(cpu, ((uint32_t)s != 0) | (unsigned)((s >> 32) << 1));
    return 0;
}

static int addl64(CPUState *cpu, int r1, uint64_t a, uint64_t b, unsigned carry)
{
    unsigned __int128 s = (unsigned __int128)a + b + carry;
    cpu->gr[r1] = (uint64_t)s;
    cpu_set_cc(cpu, ((uint64_t)s != 0) | (unsigned)((s >> 64) << 1));
    return 0;
}

/* Logical subtract = a + ~b + 1 (or + carry for SUBTRACT LOGICAL WITH
 * BORROW): carry out means "no borrow". */
static int subl32(CPUState *cpu, int r1, uint32_t a, uint32_t b, unsigned carry)
{
    return addl32(cpu, r1, a, ~b, carry);
}

static int subl64(CPUState *cpu, int r1, uint64_t a, uint64_t b, unsigned carry)
{
    return addl64(cpu, r1, a, ~b, carry);
}

/* Carry from the CC of a previous logical operation: CC 2 or 3. */
static inline unsigned cc_carry(const CPUState *cpu)
{
    return cpu_cc(cpu) >> 1;
}

/* ---- loads ---- */


LOAD_RX(l, 4, EA_X, SETLOW(in->r1, v))
LOAD_RX(ly, 4, EA_X, SETLOW(in->r1, v))
LOAD_RX(lg, 8, EA_X, cpu->gr[in->r1] = v)
LOAD_RX(lgf, 4, EA_X, cpu->gr[in->r1] = (uint64_t)(int64_t)(int32_t)v)
LOAD_RX(lh, 2, EA_X, SETLOW(in->r1, (int32_t)(int16_t)v))
LOAD_RX(lhy, 2, EA_X, SETLOW(in->r1, (int32_t)(int16_t)v))
LOAD_RX(lgh, 2, EA_X, cpu->gr[in->r1] = (uint64_t)(int64_t)(int16_t)v)
LOAD_RX(llgf, 4, EA_X, cpu->gr[in->r1] = v)
LOAD_RX(llgh, 2, EA_X, cpu->gr[in->r1] = v)
LOAD_RX(llgc, 1, EA_X, cpu->gr[in->r1] = v)
LOAD_RX(llc, 1, EA_X, SETLOW(in->r1, v))
LOAD_RX(llh, 2, EA_X, SETLOW(in->r1, v))
LOAD_RX(lb, 1, EA_X, SETLOW(in->r1, (int32_t)(int8_t)v))
LOAD_RX(lgb, 1, EA_X, cpu->gr[in->r1] = (uint64_t)(int64_t)(int8_t)v)

/* Relative-long loads: the operand must be aligned on its size. */
#define LOAD_RL(name, size, conv)                                         \
    MEM_OP_HANDLER_IF(name, size, EA_RL(in), 0, !(a_ & (size - 1)), conv; return 0;)

LOAD_RL(lrl, 4, SETLOW(in->r1, v))
LOAD_RL(lgrl, 8, cpu->gr[in->r1] = v)
LOAD_RL(lgfrl, 4, cpu->gr[in->r1] = (uint64_t)(int64_t)(int32_t)v)

INSN_HANDLER(lr) { SETLOW(in->r1, LOW(in->r2)); return 0; }
INSN_HANDLER(lgr) { cpu->gr[in->r1] = cpu->gr[in->r2]; return 0; }
INSN_HANDLER(lgfr) { cpu->gr[in->r1] = (uint64_t)(int64_t)(int32_t)LOW(in->r2); return 0; }

INSN_HANDLER(ltr)
{
    int32_t v = (int32_t)LOW(in->r2);
    SETLOW(in->r1, v);
    cpu_set_cc(cpu, cc_signed(v));
    return 0;
}

INSN_HANDLER(ltgr)
{
    int64_t v = (int64_t)cpu->gr[in->r2];
    cpu->gr[in->r1] = (uint64_t)v;
    cpu_set_cc(cpu, cc_signed(v));
    return 0;
}

INSN_HANDLER(ltgfr)
{
    int64_t v = (int32_t)LOW(in->r2);
    cpu->gr[in->r1] = (uint64_t)v;
    cpu_set_cc(cpu, cc_signed(v));
    return 0;
}

/* LOAD COMPLEMENT: the maximum negative number overflows (result is itself). */
INSN_HANDLER(lcr) { return sub32(cpu, in->r1, 0, (int32_t)LOW(in->r2)); }
INSN_HANDLER(lcgr) { return sub64(cpu, in->r1, 0, (int64_t)cpu->gr[in->r2]); }

INSN_HANDLER(lnr)
{
    int32_t v = (int32_t)LOW(in->r2);
    if (v > 0)
        v = -v;
    SETLOW(in->r1, v);
    cpu_set_cc(cpu, v == 0 ? 0 : 1);
    return 0;
}

INSN_HANDLER(lpr)
{
    int32_t v = (int32_t)LOW(in->r2);
    if (v < 0)
        return sub32(cpu, in->r1, 0, v);
    SETLOW(in->r1, v);
    cpu_set_cc(cpu, v == 0 ? 0 : 2);
    return 0;
}

INSN_HANDLER(lpgr)
{
    int64_t v = (int64_t)cpu->gr[in->r2];
    if (v < 0)
        return sub64(cpu, in->r1, 0, v);
    cpu->gr[in->r1] = (uint64_t)v;
    cpu_set_cc(cpu, v == 0 ? 0 : 2);
    return 0;
}

/* LOAD ADDRESS: the address is placed as the mode forms it (24-bit: bits
 * 32-39 zero; 31-bit: bit 32 zero; bits 0-31 unchanged below 64-bit). */
INSN_HANDLER(la) { insn_set_addr_reg(cpu, in->r1, EA_X(in)); return 0; }
INSN_HANDLER(lay) { insn_set_addr_reg(cpu, in->r1, EA_X(in)); return 0; }
INSN_HANDLER(larl) { insn_set_addr_reg(cpu, in->r1, EA_RL(in)); return 0; }

/* LOAD ADDRESS EXTENDED: LA, and access register R1 <- the ALET of the
 * space the address belongs to: 0 (primary) in primary-space mode, 1 in
 * secondary-space mode, 2 in home-space mode; in access-register mode a
 * copy of access register B2, or 0 when B2 is 0. */
static int lae(CPUState *cpu, const Insn *in)
{
    static const uint32_t alet_of_asc[4] = { 0, 0, 1, 2 };
    unsigned asc = cpu_asc(cpu);
    uint32_t alet = asc != PSW_ASC_AR ? alet_of_asc[asc] : in->b2 ? cpu->ar[in->b2] : 0;
    insn_set_addr_reg(cpu, in->r1, EA_X(in));
    cpu->ar[in->r1] = alet;
    return 0;
}
INSN_HANDLER(lae) { return lae(cpu, in); }
INSN_HANDLER(laey) { return lae(cpu, in); }

INSN_HANDLER(lhi) { SETLOW(in->r1, (int32_t)in->i2); return 0; }
INSN_HANDLER(lghi) { cpu->gr[in->r1] = (uint64_t)in->i2; return 0; }
INSN_HANDLER(lgfi) { cpu->gr[in->r1] = (uint64_t)in->i2; return 0; }
INSN_HANDLER(llilf) { cpu->gr[in->r1] = (uint32_t)in->i2; return 0; }
INSN_HANDLER(llihf) { cpu->gr[in->r1] = (uint64_t)(uint32_t)in->i2 << 32; return 0; }

/* Insert/load-logical immediate: field number f counts 16-bit (or 32-bit)
 * fields from the right. */
static inline void insert_field(CPUState *cpu, int r, int shift, uint64_t width_mask, uint64_t v)
{
    cpu->gr[r] = (cpu->gr[r] & ~(width_mask << shift)) | ((v & width_mask) << shift);
}

INSN_HANDLER(iihf) { insert_field(cpu, in->r1, 32, 0xFFFFFFFF, (uint64_t)in->i2); return 0; }
INSN_HANDLER(iilf) { insert_field(cpu, in->r1, 0, 0xFFFFFFFF, (uint64_t)in->i2); return 0; }
INSN_HANDLER(iihh) { insert_field(cpu, in->r1, 48, 0xFFFF, (uint64_t)in->i2); return 0; }
INSN_HANDLER(iihl) { insert_field(cpu, in->r1, 32, 0xFFFF, (uint64_t)in->i2); return 0; }
INSN_HANDLER(iilh) { insert_field(cpu, in->r1, 16, 0xFFFF, (uint64_t)in->i2); return 0; }
INSN_HANDLER(iill) { insert_field(cpu, in->r1, 0, 0xFFFF, (uint64_t)in->i2); return 0; }
INSN_HANDLER(llihh) { cpu->gr[in->r1] = (uint64_t)(uint16_t)in->i2 << 48; return 0; }
INSN_HANDLER(llihl) { cpu->gr[in->r1] = (uint64_t)(uint16_t)in->i2 << 32; return 0; }
INSN_HANDLER(llilh) { cpu->gr[in->r1] = (uint64_t)(uint16_t)in->i2 << 16; return 0; }
INSN_HANDLER(llill) { cpu->gr[in->r1] = (uint16_t)in->i2; return 0; }

/* ---- stores ---- */


STORE_RX(st, 4, EA_X, LOW(in->r1))
STORE_RX(sty, 4, EA_X, LOW(in->r1))
STORE_RX(stg, 8, EA_X, cpu->gr[in->r1])
STORE_RX(sth, 2, EA_X, cpu->gr[in->r1] & 0xFFFF)
STORE_RX(sthy, 2, EA_X, cpu->gr[in->r1] & 0xFFFF)
STORE_RX(stc, 1, EA_X, cpu->gr[in->r1] & 0xFF)
STORE_RX(stcy, 1, EA_X, cpu->gr[in->r1] & 0xFF)

/* Relative-long stores: the operand must be aligned on its size. */
STORE_OP_IF(strl, 4, EA_RL(in), 0, !(a_ & 3), LOW(in->r1))
STORE_OP_IF(stgrl, 8, EA_RL(in), 0, !(a_ & 7), cpu->gr[in->r1])

/* Stores of an immediate (SI, SIY, SIL) */
#define STORE_SI(name, size, val) STORE_OP_IF(name, size, EA_1(in), in->b1, true, val)
STORE_SI(mvi, 1, (uint8_t)in->i2)
STORE_SI(mviy, 1, (uint8_t)in->i2)
/* MOVE (halfword/word/doubleword from halfword immediate): sign-extended. */
STORE_SI(mvhhi, 2, (uint64_t)in->i2 & 0xFFFF)
STORE_SI(mvhi, 4, (uint64_t)in->i2 & 0xFFFFFFFF)
STORE_SI(mvghi, 8, (uint64_t)in->i2)

/* ---- add / subtract ---- */

#define ARITH_RX(name, size, ext, fn)                                     \
    MEM_OP_HANDLER(name, size, EA_X(in), in->b2,                          \
                   return fn(cpu, in->r1, ext(in->r1), ext##_OP(v));)
#define S32(r) ((int32_t)LOW(r))
#define S32_OP(v) ((int32_t)(uint32_t)(v))
#define S64(r) ((int64_t)cpu->gr[r])
#define S64_OP(v) ((int64_t)(v))
#define S64F(r) ((int64_t)cpu->gr[r])
#define S64F_OP(v) ((int64_t)(int32_t)(uint32_t)(v))
#define S32H(r) ((int32_t)LOW(r))
#define S32H_OP(v) ((int32_t)(int16_t)(uint16_t)(v))

ARITH_RX(a, 4, S32, add32)
ARITH_RX(ag, 8, S64, add64)
ARITH_RX(agf, 4, S64F, add64)
ARITH_RX(ah, 2, S32H, add32)
ARITH_RX(s, 4, S32, sub32)
ARITH_RX(sg, 8, S64, sub64)
ARITH_RX(sgf, 4, S64F, sub64)

INSN_HANDLER(ar) { return add32(cpu, in->r1, S32(in->r1), S32(in->r2)); }
INSN_HANDLER(agr) { return add64(cpu, in->r1, S64(in->r1), S64(in->r2)); }
INSN_HANDLER(agfr) { return add64(cpu, in->r1, S64(in->r1), S32(in->r2)); }
INSN_HANDLER(ahi) { return add32(cpu, in->r1, S32(in->r1), (int32_t)in->i2); }
INSN_HANDLER(aghi) { return add64(cpu, in->r1, S64(in->r1), in->i2); }
INSN_HANDLER(afi) { return add32(cpu, in->r1, S32(in->r1), (int32_t)in->i2); }
INSN_HANDLER(agfi) { return add64(cpu, in->r1, S64(in->r1), in->i2); }
INSN_HANDLER(sr) { return sub32(cpu, in->r1, S32(in->r1), S32(in->r2)); }
INSN_HANDLER(sgr) { return sub64(cpu, in->r1, S64(in->r1), S64(in->r2)); }
INSN_HANDLER(sgfr) { return sub64(cpu, in->r1, S64(in->r1), S32(in->r2)); }
/* Distinct-operands forms: R1 <- R2 op R3. */
INSN_HANDLER(ark) { return add32(cpu, in->r1, S32(in->r2), S32(in->r3)); }
INSN_HANDLER(agrk) { return add64(cpu, in->r1, S64(in->r2), S64(in->r3)); }
INSN_HANDLER(srk) { return sub32(cpu, in->r1, S32(in->r2), S32(in->r3)); }
INSN_HANDLER(sgrk) { return sub64(cpu, in->r1, S64(in->r2), S64(in->r3)); }
INSN_HANDLER(ahik) { return add32(cpu, in->r1, S32(in->r3), (int32_t)in->i2); }
INSN_HANDLER(aghik) { return add64(cpu, in->r1, S64(in->r3), in->i2); }

#define LOGIC_RX(name, size, fn, a, b, carry)                             \
    MEM_OP_HANDLER(name, size, EA_X(in), in->b2, return fn(cpu, in->r1, a, b, carry);)

LOGIC_RX(al, 4, addl32, LOW(in->r1), (uint32_t)v, 0)
LOGIC_RX(alg, 8, addl64, cpu->gr[in->r1], v, 0)
LOGIC_RX(alc, 4, addl32, LOW(in->r1), (uint32_t)v, cc_carry(cpu))
LOGIC_RX(alcg, 8, addl64, cpu->gr[in->r1], v, cc_carry(cpu))
LOGIC_RX(sl, 4, subl32, LOW(in->r1), (uint32_t)v, 1)
LOGIC_RX(slg, 8, subl64, cpu->gr[in->r1], v, 1)
LOGIC_RX(slb, 4, subl32, LOW(in->r1), (uint32_t)v, cc_carry(cpu))
LOGIC_RX(slbg, 8, subl64, cpu->gr[in->r1], v, cc_carry(cpu))
LOGIC_RX(aly, 4, addl32, LOW(in->r1), (uint32_t)v, 0)
LOGIC_RX(sly, 4, subl32, LOW(in->r1), (uint32_t)v, 1)

INSN_HANDLER(alr) { return addl32(cpu, in->r1, LOW(in->r1), LOW(in->r2), 0); }
INSN_HANDLER(algr) { return addl64(cpu, in->r1, cpu->gr[in->r1], cpu->gr[in->r2], 0); }
INSN_HANDLER(alfi) { return addl32(cpu, in->r1, LOW(in->r1), (uint32_t)in->i2, 0); }
INSN_HANDLER(algfi) { return addl64(cpu, in->r1, cpu->gr[in->r1], (uint32_t)in->i2, 0); }
INSN_HANDLER(alcr) { return addl32(cpu, in->r1, LOW(in->r1), LOW(in->r2), cc_carry(cpu)); }
INSN_HANDLER(alcgr)
{
    return addl64(cpu, in->r1, cpu->gr[in->r1], cpu->gr[in->r2], cc_carry(cpu));
}
INSN_HANDLER(slr) { return subl32(cpu, in->r1, LOW(in->r1), LOW(in->r2), 1); }
INSN_HANDLER(slgr) { return subl64(cpu, in->r1, cpu->gr[in->r1], cpu->gr[in->r2], 1); }
INSN_HANDLER(slfi) { return subl32(cpu, in->r1, LOW(in->r1), (uint32_t)in->i2, 1); }
INSN_HANDLER(slgfi) { return subl64(cpu, in->r1, cpu->gr[in->r1], (uint32_t)in->i2, 1); }
INSN_HANDLER(slbr) { return subl32(cpu, in->r1, LOW(in->r1), LOW(in->r2), cc_carry(cpu)); }
INSN_HANDLER(slbgr)
{
    return subl64(cpu, in->r1, cpu->gr[in->r1], cpu->gr[in->r2], cc_carry(cpu));
}
INSN_HANDLER(alrk) { return addl32(cpu, in->r1, LOW(in->r2), LOW(in->r3), 0); }
INSN_HANDLER(algrk) { return addl64(cpu, in->r1, cpu->gr[in->r2], cpu->gr[in->r3], 0); }
INSN_HANDLER(slrk) { return subl32(cpu, in->r1, LOW(in->r2), LOW(in->r3), 1); }
INSN_HANDLER(slgrk) { return subl64(cpu, in->r1, cpu->gr[in->r2], cpu->gr[in->r3], 1); }
/* ADD LOGICAL WITH SIGNED IMMEDIATE (distinct operands): R1 <- R3 + the
 * sign-extended I2 taken as an unsigned number of the operand's width
 * (so -1 adds 0xFFFFFFFF), CC from the logical sum and its carry. */
INSN_HANDLER(alhsik) { return addl32(cpu, in->r1, LOW(in->r3), (uint32_t)in->i2, 0); }
INSN_HANDLER(alghsik) { return addl64(cpu, in->r1, cpu->gr[in->r3], (uint64_t)in->i2, 0); }

/* ---- multiply ---- */

/* MULTIPLY SINGLE: the low bits of the product; no overflow, CC unchanged. */
static inline uint32_t mul32(uint32_t a, uint32_t b) { return (uint32_t)((uint64_t)a * b); }

INSN_HANDLER(ms)
{
    uint64_t v;
    int rc = mem_load(cpu, EA_X(in), 4, in->b2, &v);
    if (rc)
        return rc;
    SETLOW(in->r1, mul32(LOW(in->r1), (uint32_t)v));
    return 0;
}
INSN_HANDLER(msy) { return insn_ms(cpu, in); }
/* MULTIPLY HALFWORD: low 32 bits of R1 x the sign-extended halfword. */
INSN_HANDLER(mh)
{
    uint64_t v;
    int rc = mem_load(cpu, EA_X(in), 2, in->b2, &v);
    if (rc)
        return rc;
    SETLOW(in->r1, mul32(LOW(in->r1), (uint32_t)(int32_t)(int16_t)v));
    return 0;
}
INSN_HANDLER(mhy) { return insn_mh(cpu, in); }
INSN_HANDLER(msr) { SETLOW(in->r1, mul32(LOW(in->r1), LOW(in->r2))); return 0; }
INSN_HANDLER(msg)
{
    uint64_t v;
    int rc = mem_load(cpu, EA_X(in), 8, in->b2, &v);
    if (rc)
        return rc;
    cpu->gr[in->r1] *= v;
    return 0;
}
INSN_HANDLER(msgr) { cpu->gr[in->r1] *= cpu->gr[in->r2]; return 0; }
INSN_HANDLER(msgf)
{
    uint64_t v;
    int rc = mem_load(cpu, EA_X(in), 4, in->b2, &v);
    if (rc)
        return rc;
    cpu->gr[in->r1] *= (uint64_t)(int64_t)(int32_t)v;
    return 0;
}
INSN_HANDLER(msgfr) { cpu->gr[in->r1] *= (uint64_t)(int64_t)(int32_t)LOW(in->r2); return 0; }
INSN_HANDLER(mhi) { SETLOW(in->r1, mul32(LOW(in->r1), (uint32_t)in->i2)); return 0; }
INSN_HANDLER(mghi) { cpu->gr[in->r1] *= (uint64_t)in->i2; return 0; }
INSN_HANDLER(msfi) { SETLOW(in->r1, mul32(LOW(in->r1), (uint32_t)in->i2)); return 0; }
INSN_HANDLER(msgfi) { cpu->gr[in->r1] *= (uint64_t)in->i2; return 0; }

/* MULTIPLY (32 x 32 -> 64 in the even/odd pair R1, R1+1): the multiplicand
 * is bits 32-63 of R1+1; the product's high half goes to R1 bits 32-63. */
static int mul_pair32(CPUState *cpu, int r1, uint32_t op2, bool is_signed)
{
    uint64_t p = is_signed ? (uint64_t)((int64_t)(int32_t)LOW(r1 + 1) * (int32_t)op2)
                           : (uint64_t)LOW(r1 + 1) * op2;
    SETLOW(r1, p >> 32);
    SETLOW(r1 + 1, p);
    return 0;
}

#define MUL_PAIR_RX(name, size, sgn)                                      \
    INSN_HANDLER(name)                                                    \
    {                                                                     \
        if (in->r1 & 1)                                                   \
            return pgm_raise(cpu, PGM_SPECIFICATION);                     \
        uint64_t v;                                                       \
        int rc = mem_load(cpu, EA_X(in), size, in->b2, &v);               \
        if (rc)                                                           \
            return rc;                                                    \
        return mul_pair32(cpu, in->r1, (uint32_t)v, sgn);                 \
    }
MUL_PAIR_RX(m, 4, true)
MUL_PAIR_RX(ml, 4, false)

INSN_HANDLER(mr)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return mul_pair32(cpu, in->r1, LOW(in->r2), true);
}

INSN_HANDLER(mlr)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return mul_pair32(cpu, in->r1, LOW(in->r2), false);
}

static int mul_pair64(CPUState *cpu, int r1, uint64_t op2)
{
    unsigned __int128 p = (unsigned __int128)cpu->gr[r1 + 1] * op2;
    cpu->gr[r1] = (uint64_t)(p >> 64);
    cpu->gr[r1 + 1] = (uint64_t)p;
    return 0;
}

INSN_HANDLER(mlg)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t v;
    int rc = mem_load(cpu, EA_X(in), 8, in->b2, &v);
    if (rc)
        return rc;
    return mul_pair64(cpu, in->r1, v);
}

INSN_HANDLER(mlgr)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return mul_pair64(cpu, in->r1, cpu->gr[in->r2]);
}

/* ---- divide ---- */

/* DIVIDE: the 64-bit dividend is R1 bits 32-63 : R1+1 bits 32-63; the
 * remainder goes to R1, the quotient to R1+1 (bits 32-63).  A zero divisor
 * or a quotient that does not fit is a fixed-point-divide exception
 * (suppressing: registers unchanged). */
static int div32(CPUState *cpu, int r1, uint32_t divisor, bool is_signed)
{
    uint64_t dividend = (uint64_t)LOW(r1) << 32 | LOW(r1 + 1);
    if (divisor == 0)
        return pgm_raise(cpu, PGM_FIXED_DIVIDE);
    if (is_signed) {
        int64_t n = (int64_t)dividend, d = (int32_t)divisor;
        if (n == INT64_MIN && d == -1)
            return pgm_raise(cpu, PGM_FIXED_DIVIDE);
        int64_t q = n / d, r = n % d;
        if (q < INT32_MIN || q > INT32_MAX)
            return pgm_raise(cpu, PGM_FIXED_DIVIDE);
        SETLOW(r1, r);
        SETLOW(r1 + 1, q);
    } else {
        uint64_t q = dividend / divisor, r = dividend % divisor;
        if (q > UINT32_MAX)
            return pgm_raise(cpu, PGM_FIXED_DIVIDE);
        SETLOW(r1, r);
        SETLOW(r1 + 1, q);
    }
    return 0;
}

/* DIVIDE SINGLE: dividend all of R1+1; remainder -> R1, quotient -> R1+1. */
static int divs64(CPUState *cpu, int r1, int64_t d)
{
    int64_t n = (int64_t)cpu->gr[r1 + 1];
    if (d == 0 || (n == INT64_MIN && d == -1))
        return pgm_raise(cpu, PGM_FIXED_DIVIDE);
    cpu->gr[r1] = (uint64_t)(n % d);
    cpu->gr[r1 + 1] = (uint64_t)(n / d);
    return 0;
}

/* DIVIDE LOGICAL (64-bit): the 128-bit dividend R1:R1+1. */
static int divl64(CPUState *cpu, int r1, uint64_t d)
{
    unsigned __int128 n = (unsigned __int128)cpu->gr[r1] << 64 | cpu->gr[r1 + 1];
    if (d == 0 || cpu->gr[r1] >= d)     /* quotient would exceed 64 bits */
        return pgm_raise(cpu, PGM_FIXED_DIVIDE);
    cpu->gr[r1] = (uint64_t)(n % d);
    cpu->gr[r1 + 1] = (uint64_t)(n / d);
    return 0;
}

#define DIV_RX(name, size, call)                                          \
    INSN_HANDLER(name)                                                    \
    {                                                                     \
        if (in->r1 & 1)                                                   \
            return pgm_raise(cpu, PGM_SPECIFICATION);                     \
        uint64_t v;                                                       \
        int rc = mem_load(cpu, EA_X(in), size, in->b2, &v);               \
        if (rc)                                                           \
            return rc;                                                    \
        return call;                                                      \
    }
#define DIV_RR(name, call)                                                \
    INSN_HANDLER(name)                                                    \
    {                                                                     \
        if (in->r1 & 1)                                                   \
            return pgm_raise(cpu, PGM_SPECIFICATION);                     \
        return call;                                                      \
    }

DIV_RX(d, 4, div32(cpu, in->r1, (uint32_t)v, true))
DIV_RX(dl, 4, div32(cpu, in->r1, (uint32_t)v, false))
DIV_RX(dsg, 8, divs64(cpu, in->r1, (int64_t)v))
DIV_RX(dsgf, 4, divs64(cpu, in->r1, (int32_t)(uint32_t)v))
DIV_RX(dlg, 8, divl64(cpu, in->r1, v))
DIV_RR(dr, div32(cpu, in->r1, LOW(in->r2), true))
DIV_RR(dlr, div32(cpu, in->r1, LOW(in->r2), false))
DIV_RR(dsgr, divs64(cpu, in->r1, (int64_t)cpu->gr[in->r2]))
DIV_RR(dsgfr, divs64(cpu, in->r1, (int32_t)LOW(in->r2)))
DIV_RR(dlgr, divl64(cpu, in->r1, cpu->gr[in->r2]))

/* ---- AND / OR / EXCLUSIVE OR ---- */

enum { OP_AND, OP_OR, OP_XOR };

static inline uint64_t logic(int op, uint64_t a, uint64_t b)
{
    return op == OP_AND ? (a & b) : op == OP_OR ? (a | b) : (a ^ b);
}

static int logic32(CPUState *cpu, int r1, int op, uint32_t a, uint32_t b)
{
    uint32_t r = (uint32_t)logic(op, a, b);
    SETLOW(r1, r);
    cpu_set_cc(cpu, r != 0);
    return 0;
}

static int logic64(CPUState *cpu, int r1, int op, uint64_t a, uint64_t b)
{
    uint64_t r = logic(op, a, b);
    cpu->gr[r1] = r;
    cpu_set_cc(cpu, r != 0);
    return 0;
}

#define LOGIC_MEM(name, size, fn, op)                                     \
    MEM_OP_HANDLER(name, size, EA_X(in), in->b2,                          \
                   return fn(cpu, in->r1, op, cpu->gr[in->r1], v);)
LOGIC_MEM(n, 4, logic32, OP_AND)
LOGIC_MEM(o, 4, logic32, OP_OR)
LOGIC_MEM(x, 4, logic32, OP_XOR)
LOGIC_MEM(ng, 8, logic64, OP_AND)
LOGIC_MEM(og, 8, logic64, OP_OR)
LOGIC_MEM(xg, 8, logic64, OP_XOR)
LOGIC_MEM(ny, 4, logic32, OP_AND)
LOGIC_MEM(oy, 4, logic32, OP_OR)
LOGIC_MEM(xy, 4, logic32, OP_XOR)

INSN_HANDLER(nr) { return logic32(cpu, in->r1, OP_AND, LOW(in->r1), LOW(in->r2)); }
INSN_HANDLER(or) { return logic32(cpu, in->r1, OP_OR, LOW(in->r1), LOW(in->r2)); }
INSN_HANDLER(xr) { return logic32(cpu, in->r1, OP_XOR, LOW(in->r1), LOW(in->r2)); }
INSN_HANDLER(ngr) { return logic64(cpu, in->r1, OP_AND, cpu->gr[in->r1], cpu->gr[in->r2]); }
INSN_HANDLER(ogr) { return logic64(cpu, in->r1, OP_OR, cpu->gr[in->r1], cpu->gr[in->r2]); }
INSN_HANDLER(xgr) { return logic64(cpu, in->r1, OP_XOR, cpu->gr[in->r1], cpu->gr[in->r2]); }
INSN_HANDLER(nrk) { return logic32(cpu, in->r1, OP_AND, LOW(in->r2), LOW(in->r3)); }
INSN_HANDLER(ork) { return logic32(cpu, in->r1, OP_OR, LOW(in->r2), LOW(in->r3)); }
INSN_HANDLER(xrk) { return logic32(cpu, in->r1, OP_XOR, LOW(in->r2), LOW(in->r3)); }
INSN_HANDLER(ngrk) { return logic64(cpu, in->r1, OP_AND, cpu->gr[in->r2], cpu->gr[in->r3]); }
INSN_HANDLER(ogrk) { return logic64(cpu, in->r1, OP_OR, cpu->gr[in->r2], cpu->gr[in->r3]); }
INSN_HANDLER(xgrk) { return logic64(cpu, in->r1, OP_XOR, cpu->gr[in->r2], cpu->gr[in->r3]); }

INSN_HANDLER(ni) { return mem_update_byte(cpu, EA_1(in), in->b1, OP_AND, (uint8_t)in->i2); }
INSN_HANDLER(niy) { return mem_update_byte(cpu, EA_1(in), in->b1, OP_AND, (uint8_t)in->i2); }
INSN_HANDLER(oi) { return mem_update_byte(cpu, EA_1(in), in->b1, OP_OR, (uint8_t)in->i2); }
INSN_HANDLER(oiy) { return mem_update_byte(cpu, EA_1(in), in->b1, OP_OR, (uint8_t)in->i2); }
INSN_HANDLER(xi) { return mem_update_byte(cpu, EA_1(in), in->b1, OP_XOR, (uint8_t)in->i2); }
INSN_HANDLER(xiy) { return mem_update_byte(cpu, EA_1(in), in->b1, OP_XOR, (uint8_t)in->i2); }

/* Immediate forms act on one 16- or 32-bit field; the CC reflects that
 * field of the result only, the rest of the register is unchanged. */
static int logic_field(CPUState *cpu, int r1, int op, int shift, uint64_t wmask, uint64_t imm)
{
    uint64_t f = (cpu->gr[r1] >> shift) & wmask;
    f = logic(op, f, imm & wmask) & wmask;
    insert_field(cpu, r1, shift, wmask, f);
    cpu_set_cc(cpu, f != 0);
    return 0;
}

#define LOGIC_IMM(name, op, shift, wmask)                                 \
    INSN_HANDLER(name)                                                    \
    {                                                                     \
        return logic_field(cpu, in->r1, op, shift, wmask, (uint64_t)in->i2); \
    }
LOGIC_IMM(nihf, OP_AND, 32, 0xFFFFFFFF)
LOGIC_IMM(nilf, OP_AND, 0, 0xFFFFFFFF)
LOGIC_IMM(nihh, OP_AND, 48, 0xFFFF)
LOGIC_IMM(nihl, OP_AND, 32, 0xFFFF)
LOGIC_IMM(nilh, OP_AND, 16, 0xFFFF)
LOGIC_IMM(nill, OP_AND, 0, 0xFFFF)
LOGIC_IMM(oihf, OP_OR, 32, 0xFFFFFFFF)
LOGIC_IMM(oilf, OP_OR, 0, 0xFFFFFFFF)
LOGIC_IMM(oihh, OP_OR, 48, 0xFFFF)
LOGIC_IMM(oihl, OP_OR, 32, 0xFFFF)
LOGIC_IMM(oilh, OP_OR, 16, 0xFFFF)
LOGIC_IMM(oill, OP_OR, 0, 0xFFFF)
LOGIC_IMM(xihf, OP_XOR, 32, 0xFFFFFFFF)
LOGIC_IMM(xilf, OP_XOR, 0, 0xFFFFFFFF)

/* ---- compare ---- */

#define CMP_MEM(name, size, cc)                                           \
    MEM_OP_HANDLER(name, size, EA_X(in), in->b2, cpu_set_cc(cpu, cc); return 0;)
CMP_MEM(c, 4, cc_cmp_s((int32_t)LOW(in->r1), (int32_t)(uint32_t)v))
CMP_MEM(cg, 8, cc_cmp_s((int64_t)cpu->gr[in->r1], (int64_t)v))
CMP_MEM(cgf, 4, cc_cmp_s((int64_t)cpu->gr[in->r1], (int32_t)(uint32_t)v))
CMP_MEM(ch, 2, cc_cmp_s((int32_t)LOW(in->r1), (int16_t)(uint16_t)v))
CMP_MEM(cl, 4, cc_cmp_u(LOW(in->r1), (uint32_t)v))
CMP_MEM(clg, 8, cc_cmp_u(cpu->gr[in->r1], v))
CMP_MEM(clgf, 4, cc_cmp_u(cpu->gr[in->r1], (uint32_t)v))

#define CMP_REG(name, cc)                                                 \
    INSN_HANDLER(name) { cpu_set_cc(cpu, cc); return 0; }
CMP_REG(cr, cc_cmp_s((int32_t)LOW(in->r1), (int32_t)LOW(in->r2)))
CMP_REG(cgr, cc_cmp_s((int64_t)cpu->gr[in->r1], (int64_t)cpu->gr[in->r2]))
CMP_REG(cgfr, cc_cmp_s((int64_t)cpu->gr[in->r1], (int32_t)LOW(in->r2)))
CMP_REG(clr, cc_cmp_u(LOW(in->r1), LOW(in->r2)))
CMP_REG(clgr, cc_cmp_u(cpu->gr[in->r1], cpu->gr[in->r2]))
CMP_REG(clgfr, cc_cmp_u(cpu->gr[in->r1], LOW(in->r2)))
CMP_REG(chi, cc_cmp_s((int32_t)LOW(in->r1), in->i2))
CMP_REG(cghi, cc_cmp_s((int64_t)cpu->gr[in->r1], in->i2))
CMP_REG(cfi, cc_cmp_s((int32_t)LOW(in->r1), in->i2))
CMP_REG(cgfi, cc_cmp_s((int64_t)cpu->gr[in->r1], in->i2))
CMP_REG(clfi, cc_cmp_u(LOW(in->r1), (uint32_t)in->i2))
CMP_REG(clgfi, cc_cmp_u(cpu->gr[in->r1], (uint32_t)in->i2))

/* Compare with storage immediate: the first operand is in storage. */
#define CMP_SIL(name, size, cc)                                           \
    MEM_OP_HANDLER(name, size, EA_1(in), in->b1, cpu_set_cc(cpu, cc); return 0;)
CMP_SIL(chhsi, 2, cc_cmp_s((int16_t)(uint16_t)v, in->i2))
CMP_SIL(chsi, 4, cc_cmp_s((int32_t)(uint32_t)v, in->i2))
CMP_SIL(cghsi, 8, cc_cmp_s((int64_t)v, in->i2))
CMP_SIL(clhhsi, 2, cc_cmp_u(v, (uint16_t)in->i2))
CMP_SIL(clfhsi, 4, cc_cmp_u(v, (uint16_t)in->i2))
CMP_SIL(clghsi, 8, cc_cmp_u(v, (uint16_t)in->i2))
CMP_SIL(cli, 1, cc_cmp_u(v, (uint8_t)in->i2))
CMP_SIL(cliy, 1, cc_cmp_u(v, (uint8_t)in->i2))

#define CMP_RL(name, size, cc)                                            \
    MEM_OP_HANDLER_IF(name, size, EA_RL(in), 0, !(a_ & (size - 1)),       \
                      cpu_set_cc(cpu, cc); return 0;)
CMP_RL(crl, 4, cc_cmp_s((int32_t)LOW(in->r1), (int32_t)(uint32_t)v))
CMP_RL(cgrl, 8, cc_cmp_s((int64_t)cpu->gr[in->r1], (int64_t)v))
CMP_RL(clrl, 4, cc_cmp_u(LOW(in->r1), (uint32_t)v))
CMP_RL(clgrl, 8, cc_cmp_u(cpu->gr[in->r1], v))

/* ---- TEST UNDER MASK ---- */

/* TM: CC0 selected bits all zero (or mask zero), 1 mixed, 3 all ones. */
static inline unsigned tm_cc(uint8_t v, uint8_t mask)
{
    const uint8_t sel = v & mask;
    return sel == 0 ? 0 : sel == mask ? 3 : 1;
}
#define TM_SI(name)                                                       \
    MEM_OP_HANDLER(name, 1, EA_1(in), in->b1,                             \
                   cpu_set_cc(cpu, tm_cc((uint8_t)v, (uint8_t)in->i2)); return 0;)
TM_SI(tm)
TM_SI(tmy)

/* TMxx: for mixed bits CC1 when the leftmost selected bit is zero, CC2
 * when it is one. */
static int tm_half(CPUState *cpu, int r1, int shift, uint16_t mask)
{
    uint16_t v = (uint16_t)(cpu->gr[r1] >> shift);
    uint16_t sel = v & mask;
    unsigned cc;
    if (sel == 0)
        cc = 0;
    else if (sel == mask)
        cc = 3;
    else
        cc = (v & (0x8000 >> __builtin_clz((unsigned)mask << 16))) ? 2 : 1;
    cpu_set_cc(cpu, cc);
    return 0;
}
INSN_HANDLER(tmhh) { return tm_half(cpu, in->r1, 48, (uint16_t)in->i2); }
INSN_HANDLER(tmhl) { return tm_half(cpu, in->r1, 32, (uint16_t)in->i2); }
INSN_HANDLER(tmlh) { return tm_half(cpu, in->r1, 16, (uint16_t)in->i2); }
INSN_HANDLER(tmll) { return tm_half(cpu, in->r1, 0, (uint16_t)in->i2); }

/* ---- shifts ---- */

/* The shift amount is bits 58-63 of the second-operand address.  Every
 * addressing mode keeps at least bits 40-63, so the wrap to the mode
 * (insn_ea) cannot change these six bits and is left out. */
#define SHIFT_N(in) ((unsigned)((uint64_t)(in)->d2 + ((in)->b2 ? cpu->gr[(in)->b2] : 0)) & 63)

static inline uint64_t shl64(uint64_t v, unsigned n) { return n >= 64 ? 0 : v << n; }
static inline uint64_t shr64(uint64_t v, unsigned n) { return n >= 64 ? 0 : v >> n; }

/* SHIFT LEFT SINGLE/DOUBLE (arithmetic) over a value of w numeric bits plus
 * a sign (w = 31 or 63): the sign stays; overflow when a bit unlike the sign
 * is shifted out of the numeric field (CC3, fixed-point overflow). */
static uint64_t sla(uint64_t v, unsigned w, unsigned n, bool *ovf)
{
    const uint64_t nmask = w == 63 ? ~0ULL >> 1 : (1ULL << w) - 1;
    const uint64_t sign = (v >> w) & 1;
    /* Exact value, sign-extended to 128 bits, shifted: fits in w+1 bits? */
    unsigned __int128 x = v & (nmask | (1ULL << w));
    if (sign)
        x |= ~(unsigned __int128)0 << w;
    x <<= n;
    __int128 t = (__int128)x >> w;
    *ovf = sign ? t != -1 : t != 0;
    return (sign << w) | ((uint64_t)x & nmask);
}

static int sla_result32(CPUState *cpu, int r1, uint32_t src, unsigned n)
{
    bool o;
    uint32_t r = (uint32_t)sla(src, 31, n, &o);
    SETLOW(r1, r);
    if (o)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc_signed((int32_t)r));
    return 0;
}

static int sla_result64(CPUState *cpu, int r1, uint64_t src, unsigned n)
{
    bool o;
    uint64_t r = sla(src, 63, n, &o);
    cpu->gr[r1] = r;
    if (o)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc_signed((int64_t)r));
    return 0;
}

INSN_HANDLER(sll) { SETLOW(in->r1, shl64(LOW(in->r1), SHIFT_N(in))); return 0; }
INSN_HANDLER(srl) { SETLOW(in->r1, shr64(LOW(in->r1), SHIFT_N(in))); return 0; }
INSN_HANDLER(sllk) { SETLOW(in->r1, shl64(LOW(in->r3), SHIFT_N(in))); return 0; }
INSN_HANDLER(srlk) { SETLOW(in->r1, shr64(LOW(in->r3), SHIFT_N(in))); return 0; }
INSN_HANDLER(sllg) { cpu->gr[in->r1] = shl64(cpu->gr[in->r3], SHIFT_N(in)); return 0; }
INSN_HANDLER(srlg) { cpu->gr[in->r1] = shr64(cpu->gr[in->r3], SHIFT_N(in)); return 0; }
INSN_HANDLER(sla) { return sla_result32(cpu, in->r1, LOW(in->r1), SHIFT_N(in)); }
INSN_HANDLER(slak) { return sla_result32(cpu, in->r1, LOW(in->r3), SHIFT_N(in)); }
INSN_HANDLER(slag) { return sla_result64(cpu, in->r1, cpu->gr[in->r3], SHIFT_N(in)); }

static int sra_result32(CPUState *cpu, int r1, uint32_t src, unsigned n)
{
    int32_t r = (int32_t)src >> (n > 31 ? 31 : n);
    SETLOW(r1, r);
    cpu_set_cc(cpu, cc_signed(r));
    return 0;
}
INSN_HANDLER(sra) { return sra_result32(cpu, in->r1, LOW(in->r1), SHIFT_N(in)); }
INSN_HANDLER(srak) { return sra_result32(cpu, in->r1, LOW(in->r3), SHIFT_N(in)); }
INSN_HANDLER(srag)
{
    unsigned n = SHIFT_N(in);
    int64_t r = (int64_t)cpu->gr[in->r3] >> (n > 63 ? 63 : n);
    cpu->gr[in->r1] = (uint64_t)r;
    cpu_set_cc(cpu, cc_signed(r));
    return 0;
}

/* Double shifts: the even/odd pair's bits 32-63 form one 64-bit value. */
static inline uint64_t pair_get(const CPUState *cpu, int r1)
{
    return (uint64_t)LOW(r1) << 32 | LOW(r1 + 1);
}
static inline void pair_set(CPUState *cpu, int r1, uint64_t v)
{
    SETLOW(r1, v >> 32);
    SETLOW(r1 + 1, v);
}

INSN_HANDLER(sldl)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    pair_set(cpu, in->r1, shl64(pair_get(cpu, in->r1), SHIFT_N(in)));
    return 0;
}

INSN_HANDLER(srdl)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    pair_set(cpu, in->r1, shr64(pair_get(cpu, in->r1), SHIFT_N(in)));
    return 0;
}

INSN_HANDLER(slda)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    bool o;
    uint64_t r = sla(pair_get(cpu, in->r1), 63, SHIFT_N(in), &o);
    pair_set(cpu, in->r1, r);
    if (o)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc_signed((int64_t)r));
    return 0;
}

INSN_HANDLER(srda)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    unsigned n = SHIFT_N(in);
    int64_t r = (int64_t)pair_get(cpu, in->r1) >> (n > 63 ? 63 : n);
    pair_set(cpu, in->r1, (uint64_t)r);
    cpu_set_cc(cpu, cc_signed(r));
    return 0;
}

static inline uint32_t rotl32(uint32_t v, unsigned n)
{
    n &= 31;
    return n ? (v << n) | (v >> (32 - n)) : v;
}
static inline uint64_t rotl64(uint64_t v, unsigned n)
{
    n &= 63;
    return n ? (v << n) | (v >> (64 - n)) : v;
}

INSN_HANDLER(rll) { SETLOW(in->r1, rotl32(LOW(in->r3), SHIFT_N(in))); return 0; }
INSN_HANDLER(rllg) { cpu->gr[in->r1] = rotl64(cpu->gr[in->r3], SHIFT_N(in)); return 0; }

/* ---- rotate then <op> selected bits ---- */

/* RISBG: insert the selected bits of the rotated R2; I4 bit 0 (Z) zeroes
 * the other bits of R1.  CC by the signed 64-bit result. */
INSN_HANDLER(risbg)
{
    uint64_t rot = rotl64(cpu->gr[in->r2], in->i5 & 63);
    uint64_t mask = (uint64_t)in->i2;   /* bit_range_mask(I3, I4), decoded */
    uint64_t keep = (in->i4 & 0x80) ? 0 : cpu->gr[in->r1] & ~mask;
    uint64_t r = keep | (rot & mask);
    cpu->gr[in->r1] = r;
    cpu_set_cc(cpu, cc_signed((int64_t)r));
    return 0;
}

/* RNSBG/ROSBG/RXSBG: combine the selected bits; I3 bit 0 (T) = test only.
 * CC0 when the selected bits of the result are zero, else CC1. */
static int rsbg(CPUState *cpu, const Insn *in, int op)
{
    uint64_t rot = rotl64(cpu->gr[in->r2], in->i5 & 63);
    uint64_t mask = (uint64_t)in->i2;   /* bit_range_mask(I3, I4), decoded */
    uint64_t old = cpu->gr[in->r1];
    uint64_t sel = logic(op, old, rot) & mask;
    if (!(in->i3 & 0x80))
        cpu->gr[in->r1] = (old & ~mask) | sel;
    cpu_set_cc(cpu, sel != 0);
    return 0;
}
INSN_HANDLER(rnsbg) { return rsbg(cpu, in, OP_AND); }
INSN_HANDLER(rosbg) { return rsbg(cpu, in, OP_OR); }
INSN_HANDLER(rxsbg) { return rsbg(cpu, in, OP_XOR); }

/* RISBHG/RISBLG: the bit positions (I3/I4 bits 3-7) select bits of the
 * high or low word; Z zeroes the rest of that word only; the other word and
 * the CC are unchanged. */
static int risb_word(CPUState *cpu, const Insn *in, unsigned base)
{
    uint64_t rot = rotl64(cpu->gr[in->r2], in->i5 & 63);
    unsigned s = in->i3 & 31, e = in->i4 & 31;
    uint64_t word = base == 0 ? 0xFFFFFFFF00000000ULL : 0xFFFFFFFFULL;
    uint64_t mask = bit_range_mask(base + s, base + e) & word;
    if (s > e)      /* wraps inside the word, not across the register */
        mask = (bit_range_mask(base + s, base + 31) | bit_range_mask(base, base + e)) & word;
    uint64_t old = cpu->gr[in->r1];
    uint64_t keep = (in->i4 & 0x80) ? (old & ~word) : (old & ~mask);
    cpu->gr[in->r1] = keep | (rot & mask);
    return 0;
}
INSN_HANDLER(risbhg) { return risb_word(cpu, in, 0); }
INSN_HANDLER(risblg) { return risb_word(cpu, in, 32); }

/* ---- conditional loads and stores ---- */

static inline bool cond_met(const CPUState *cpu, unsigned m)
{
    return m & (8 >> cpu_cc(cpu));
}

INSN_HANDLER(locr)
{
    if (cond_met(cpu, in->m3))
        SETLOW(in->r1, LOW(in->r2));
    return 0;
}

INSN_HANDLER(locgr)
{
    if (cond_met(cpu, in->m3))
        cpu->gr[in->r1] = cpu->gr[in->r2];
    return 0;
}

/* When the condition is not met, the storage operand is not accessed (no
 * access exceptions; the architecture leaves them model-dependent). */
INSN_HANDLER(loc)
{
    if (!cond_met(cpu, in->m3))
        return 0;
    uint64_t v;
    int rc = mem_load(cpu, EA_S(in), 4, in->b2, &v);
    if (rc)
        return rc;
    SETLOW(in->r1, v);
    return 0;
}

INSN_HANDLER(locg)
{
    if (!cond_met(cpu, in->m3))
        return 0;
    uint64_t v;
    int rc = mem_load(cpu, EA_S(in), 8, in->b2, &v);
    if (rc)
        return rc;
    cpu->gr[in->r1] = v;
    return 0;
}

INSN_HANDLER(stoc)
{
    if (!cond_met(cpu, in->m3))
        return 0;
    return mem_store(cpu, EA_S(in), 4, in->b2, LOW(in->r1));
}

INSN_HANDLER(stocg)
{
    if (!cond_met(cpu, in->m3))
        return 0;
    return mem_store(cpu, EA_S(in), 8, in->b2, cpu->gr[in->r1]);
}

/* ---- bit counting ---- */

INSN_HANDLER(popcnt)
{
    uint64_t v = cpu->gr[in->r2], r = 0;
    for (int i = 0; i < 64; i += 8)
        r |= (uint64_t)__builtin_popcountll((v >> i) & 0xFF) << i;
    cpu->gr[in->r1] = r;
    cpu_set_cc(cpu, r != 0);
    return 0;
}

/* FIND LEFTMOST ONE: R1 <- its bit number (64 if none), R1+1 <- R2 with
 * that bit cleared.  CC0 none found, CC2 found. */
INSN_HANDLER(flogr)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t v = cpu->gr[in->r2];
    if (v == 0) {
        cpu->gr[in->r1] = 64;
        cpu->gr[in->r1 + 1] = 0;
        cpu_set_cc(cpu, 0);
        return 0;
    }
    unsigned n = (unsigned)__builtin_clzll(v);
    cpu->gr[in->r1] = n;
    cpu->gr[in->r1 + 1] = v & ~(1ULL << (63 - n));
    cpu_set_cc(cpu, 2);
    return 0;
}

/* ---- load and test, sign/zero-extending register loads ---- */

LOAD_RX(lt, 4, EA_X, SETLOW(in->r1, v); cpu_set_cc(cpu, cc_signed((int32_t)(uint32_t)v)))
LOAD_RX(ltg, 8, EA_X, cpu->gr[in->r1] = v; cpu_set_cc(cpu, cc_signed((int64_t)v)))
LOAD_RX(ltgf, 4, EA_X, cpu->gr[in->r1] = (uint64_t)(int64_t)(int32_t)v;
        cpu_set_cc(cpu, cc_signed((int32_t)(uint32_t)v)))
/* LOAD LOGICAL THIRTY ONE BITS: bit 32 of the source is dropped. */
LOAD_RX(llgt, 4, EA_X, cpu->gr[in->r1] = v & 0x7FFFFFFF)

INSN_HANDLER(llgfr) { cpu->gr[in->r1] = LOW(in->r2); return 0; }
INSN_HANDLER(llgtr) { cpu->gr[in->r1] = LOW(in->r2) & 0x7FFFFFFF; return 0; }
INSN_HANDLER(llgcr) { cpu->gr[in->r1] = cpu->gr[in->r2] & 0xFF; return 0; }
INSN_HANDLER(llcr) { SETLOW(in->r1, cpu->gr[in->r2] & 0xFF); return 0; }
INSN_HANDLER(llghr) { cpu->gr[in->r1] = cpu->gr[in->r2] & 0xFFFF; return 0; }
INSN_HANDLER(llhr) { SETLOW(in->r1, cpu->gr[in->r2] & 0xFFFF); return 0; }
INSN_HANDLER(lhr) { SETLOW(in->r1, (int32_t)(int16_t)cpu->gr[in->r2]); return 0; }
INSN_HANDLER(lghr) { cpu->gr[in->r1] = (uint64_t)(int64_t)(int16_t)cpu->gr[in->r2]; return 0; }
INSN_HANDLER(lbr) { SETLOW(in->r1, (int32_t)(int8_t)cpu->gr[in->r2]); return 0; }
INSN_HANDLER(lgbr) { cpu->gr[in->r1] = (uint64_t)(int64_t)(int8_t)cpu->gr[in->r2]; return 0; }

/* LOAD NEGATIVE: never overflows (the negative of a negative is kept). */
INSN_HANDLER(lngr)
{
    int64_t v = (int64_t)cpu->gr[in->r2];
    if (v > 0)
        v = -v;
    cpu->gr[in->r1] = (uint64_t)v;
    cpu_set_cc(cpu, v == 0 ? 0 : 1);
    return 0;
}
/* LOAD COMPLEMENT (64 <- 32): -(-2^31) fits in 64 bits, no overflow. */
INSN_HANDLER(lcgfr) { return sub64(cpu, in->r1, 0, (int32_t)LOW(in->r2)); }

/* LOAD POSITIVE / NEGATIVE (64 <- 32): the sign-extended operand's absolute
 * value or its negative; 2^31 fits, no overflow.  CC 0 zero, 2 / 1 else. */
INSN_HANDLER(lpgfr)
{
    int64_t v = (int32_t)LOW(in->r2);
    cpu->gr[in->r1] = (uint64_t)(v < 0 ? -v : v);
    cpu_set_cc(cpu, v == 0 ? 0 : 2);
    return 0;
}
INSN_HANDLER(lngfr)
{
    int64_t v = (int32_t)LOW(in->r2);
    cpu->gr[in->r1] = (uint64_t)(v > 0 ? -v : v);
    cpu_set_cc(cpu, v == 0 ? 0 : 1);
    return 0;
}

/* ---- more storage arithmetic and compares ---- */

ARITH_RX(ay, 4, S32, add32)
ARITH_RX(sy, 4, S32, sub32)
ARITH_RX(ahy, 2, S32H, add32)
ARITH_RX(sh, 2, S32H, sub32)
ARITH_RX(shy, 2, S32H, sub32)
LOGIC_RX(algf, 4, addl64, cpu->gr[in->r1], (uint32_t)v, 0)
LOGIC_RX(slgf, 4, subl64, cpu->gr[in->r1], (uint32_t)v, 1)
INSN_HANDLER(algfr) { return addl64(cpu, in->r1, cpu->gr[in->r1], LOW(in->r2), 0); }
INSN_HANDLER(slgfr) { return subl64(cpu, in->r1, cpu->gr[in->r1], LOW(in->r2), 1); }
CMP_MEM(cy, 4, cc_cmp_s((int32_t)LOW(in->r1), (int32_t)(uint32_t)v))
CMP_MEM(chy, 2, cc_cmp_s((int32_t)LOW(in->r1), (int16_t)(uint16_t)v))
CMP_MEM(cly, 4, cc_cmp_u(LOW(in->r1), (uint32_t)v))

/* ---- add to storage immediate (one update operand) ---- */

/* ADD (LOGICAL) WITH SIGNED IMMEDIATE: storage += sign-extended I2.  The
 * sum is stored even when it overflows (the exception completes).  The
 * sum of old and imm in *sum, the CC in *cc; true on overflow. */
static inline __attribute__((always_inline)) bool add_si_sum(uint64_t old, int64_t imm,
                                                             unsigned size, bool logical,
                                                             uint64_t *sum, unsigned *cc)
{
    bool ovf = false;
    if (size == 4) {
        uint32_t s32 = (uint32_t)old + (uint32_t)imm;
        *sum = s32;
        if (logical) {
            uint64_t full = (uint64_t)(uint32_t)old + (uint64_t)(uint32_t)(int32_t)imm;
            /* a negative immediate is added as its 32-bit two's complement */
            *cc = (s32 != 0) | (unsigned)((full >> 32) & 1) << 1;
        } else {
            int32_t r;
            ovf = __builtin_add_overflow((int32_t)(uint32_t)old, (int32_t)imm, &r);
            *cc = ovf ? 3 : cc_signed(r);
        }
    } else {
        *sum = old + (uint64_t)imm;
        if (logical) {
            unsigned __int128 full = (unsigned __int128)old + (uint64_t)imm;
            *cc = (*sum != 0) | (unsigned)((full >> 64) & 1) << 1;
        } else {
            int64_t r;
            ovf = __builtin_add_overflow((int64_t)old, imm, &r);
            *cc = ovf ? 3 : cc_signed(r);
        }
    }
    return ovf;
}

static __attribute__((noinline)) int add_si_general(CPUState *cpu, const Insn *in,
                                                    unsigned size, bool logical)
{
    StorageAccess sa;
    uint64_t old = 0, sum;
    unsigned cc;
    int rc = rmw_prepare(cpu, &sa, EA_1(in), size, in->b1, false, &old);
    if (rc)
        return rc;
    const bool ovf = add_si_sum(old, (int8_t)(uint8_t)in->i2, size, logical, &sum, &cc);
    rmw_store(cpu, &sa, size, sum);
    if (ovf)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc);
    return 0;
}

/* The exact TLB hit for an update (read and write entries, PER off) inline:
 * Python's reference counts are AGSI. */
static inline __attribute__((always_inline)) int add_si(CPUState *cpu, const Insn *in,
                                                        unsigned size, bool logical)
{
    uint8_t *h = access_fast_host(cpu, EA_1(in), size, ACC_UPDATE, in->b1);
    if (__builtin_expect(h == NULL, 0))
        return add_si_general(cpu, in, size, logical);
    uint64_t sum;
    unsigned cc;
    const bool ovf = add_si_sum(be_load(h, size), (int8_t)(uint8_t)in->i2, size, logical,
                                &sum, &cc);
    be_store(h, size, sum);
    if (ovf)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc);
    return 0;
}
INSN_HANDLER(asi) { return add_si(cpu, in, 4, false); }
INSN_HANDLER(agsi) { return add_si(cpu, in, 8, false); }
INSN_HANDLER(alsi) { return add_si(cpu, in, 4, true); }
INSN_HANDLER(algsi) { return add_si(cpu, in, 8, true); }

/* PREFETCH DATA: a hint; no access, no exception. */
INSN_HANDLER(pfd) { (void)cpu; (void)in; return 0; }
INSN_HANDLER(pfdrl) { (void)cpu; (void)in; return 0; }

/* ---- relative-long halfword forms ---- */

LOAD_RL(lhrl, 2, SETLOW(in->r1, (int32_t)(int16_t)v))
LOAD_RL(lghrl, 2, cpu->gr[in->r1] = (uint64_t)(int64_t)(int16_t)v)
LOAD_RL(llhrl, 2, SETLOW(in->r1, v))
LOAD_RL(llghrl, 2, cpu->gr[in->r1] = v)
LOAD_RL(llgfrl, 4, cpu->gr[in->r1] = v)
INSN_HANDLER(sthrl)
{
    uint64_t a = EA_RL(in);
    if (a & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return mem_store(cpu, a, 2, 0, cpu->gr[in->r1] & 0xFFFF);
}
CMP_RL(chrl, 2, cc_cmp_s((int32_t)LOW(in->r1), (int16_t)(uint16_t)v))
CMP_RL(cghrl, 2, cc_cmp_s((int64_t)cpu->gr[in->r1], (int16_t)(uint16_t)v))
CMP_RL(cgfrl, 4, cc_cmp_s((int64_t)cpu->gr[in->r1], (int32_t)(uint32_t)v))
CMP_RL(clhrl, 2, cc_cmp_u(LOW(in->r1), (uint16_t)v))
CMP_RL(clghrl, 2, cc_cmp_u(cpu->gr[in->r1], (uint16_t)v))
CMP_RL(clgfrl, 4, cc_cmp_u(cpu->gr[in->r1], (uint32_t)v))

/* ---- byte reversal ---- */

LOAD_RX(lrv, 4, EA_X, SETLOW(in->r1, __builtin_bswap32((uint32_t)v)))
LOAD_RX(lrvg, 8, EA_X, cpu->gr[in->r1] = __builtin_bswap64(v))
LOAD_RX(lrvh, 2, EA_X, cpu->gr[in->r1] = (cpu->gr[in->r1] & ~0xFFFFULL) |
                       __builtin_bswap16((uint16_t)v))
STORE_RX(strv, 4, EA_X, __builtin_bswap32(LOW(in->r1)))
STORE_RX(strvg, 8, EA_X, __builtin_bswap64(cpu->gr[in->r1]))
STORE_RX(strvh, 2, EA_X, __builtin_bswap16((uint16_t)cpu->gr[in->r1]))
INSN_HANDLER(lrvr) { SETLOW(in->r1, __builtin_bswap32(LOW(in->r2))); return 0; }
INSN_HANDLER(lrvgr) { cpu->gr[in->r1] = __builtin_bswap64(cpu->gr[in->r2]); return 0; }

/* ---- high-word facility (part of STFLE bit 45): the same operations on
 * bits 0-31 of a register ("high"), bits 32-63 unchanged ---- */

#define HI(r) ((uint32_t)(cpu->gr[r] >> 32))
static inline void set_hi(CPUState *cpu, int r, uint32_t v)
{
    cpu->gr[r] = (cpu->gr[r] & 0xFFFFFFFFULL) | (uint64_t)v << 32;
}

static int hi_add(CPUState *cpu, int r1, int32_t a, int32_t b, bool sub)
{
    int32_t r;
    bool o = sub ? __builtin_sub_overflow(a, b, &r) : __builtin_add_overflow(a, b, &r);
    set_hi(cpu, r1, (uint32_t)r);
    if (o)
        return fixed_overflow(cpu);
    cpu_set_cc(cpu, cc_signed(r));
    return 0;
}

/* Logical: a + b + carry; for subtraction b is complemented, carry 1. */
static int hi_addl(CPUState *cpu, int r1, uint32_t a, uint32_t b, bool sub, bool set_cc)
{
    uint64_t s = (uint64_t)a + (sub ? (uint32_t)~b : b) + (sub ? 1 : 0);
    set_hi(cpu, r1, (uint32_t)s);
    if (set_cc)
        cpu_set_cc(cpu, ((uint32_t)s != 0) | (unsigned)((s >> 32) << 1));
    return 0;
}

INSN_HANDLER(ahhhr) { return hi_add(cpu, in->r1, (int32_t)HI(in->r2), (int32_t)HI(in->r3), false); }
INSN_HANDLER(ahhlr) { return hi_add(cpu, in->r1, (int32_t)HI(in->r2), (int32_t)LOW(in->r3), false); }
INSN_HANDLER(shhhr) { return hi_add(cpu, in->r1, (int32_t)HI(in->r2), (int32_t)HI(in->r3), true); }
INSN_HANDLER(shhlr) { return hi_add(cpu, in->r1, (int32_t)HI(in->r2), (int32_t)LOW(in->r3), true); }
INSN_HANDLER(alhhhr) { return hi_addl(cpu, in->r1, HI(in->r2), HI(in->r3), false, true); }
INSN_HANDLER(alhhlr) { return hi_addl(cpu, in->r1, HI(in->r2), LOW(in->r3), false, true); }
INSN_HANDLER(slhhhr) { return hi_addl(cpu, in->r1, HI(in->r2), HI(in->r3), true, true); }
INSN_HANDLER(slhhlr) { return hi_addl(cpu, in->r1, HI(in->r2), LOW(in->r3), true, true); }
INSN_HANDLER(aih) { return hi_add(cpu, in->r1, (int32_t)HI(in->r1), (int32_t)in->i2, false); }
/* ADD LOGICAL WITH SIGNED IMMEDIATE HIGH: the immediate's 32-bit two's
 * complement is added; ALSIHN leaves the CC alone. */
INSN_HANDLER(alsih) { return hi_addl(cpu, in->r1, HI(in->r1), (uint32_t)in->i2, false, true); }
INSN_HANDLER(alsihn) { return hi_addl(cpu, in->r1, HI(in->r1), (uint32_t)in->i2, false, false); }

/* BRANCH RELATIVE ON COUNT HIGH: high word - 1, branch when nonzero. */
INSN_HANDLER(brcth)
{
    uint32_t v = HI(in->r1) - 1;
    set_hi(cpu, in->r1, v);
    if (v)
        cpu_branch(cpu, in->addr + 2 * (uint64_t)in->i2);
    return 0;
}

CMP_REG(chhr, cc_cmp_s((int32_t)HI(in->r1), (int32_t)HI(in->r2)))
CMP_REG(chlr, cc_cmp_s((int32_t)HI(in->r1), (int32_t)LOW(in->r2)))
CMP_REG(clhhr, cc_cmp_u(HI(in->r1), HI(in->r2)))
CMP_REG(clhlr, cc_cmp_u(HI(in->r1), LOW(in->r2)))
CMP_REG(cih, cc_cmp_s((int32_t)HI(in->r1), (int32_t)in->i2))
CMP_REG(clih, cc_cmp_u(HI(in->r1), (uint32_t)in->i2))
CMP_MEM(chf, 4, cc_cmp_s((int32_t)HI(in->r1), (int32_t)(uint32_t)v))
CMP_MEM(clhf, 4, cc_cmp_u(HI(in->r1), (uint32_t)v))

LOAD_RX(lbh, 1, EA_X, set_hi(cpu, in->r1, (uint32_t)(int32_t)(int8_t)v))
LOAD_RX(lhh, 2, EA_X, set_hi(cpu, in->r1, (uint32_t)(int32_t)(int16_t)v))
LOAD_RX(lfh, 4, EA_X, set_hi(cpu, in->r1, (uint32_t)v))
LOAD_RX(llch, 1, EA_X, set_hi(cpu, in->r1, (uint32_t)v))
LOAD_RX(llhh, 2, EA_X, set_hi(cpu, in->r1, (uint32_t)v))
STORE_RX(stch, 1, EA_X, HI(in->r1) & 0xFF)
STORE_RX(sthh, 2, EA_X, HI(in->r1) & 0xFFFF)
STORE_RX(stfh, 4, EA_X, HI(in->r1))

/* ---- the rest of the general-instructions extension used by compilers ---- */

/* MULTIPLY (pair) with a long-displacement word operand. */
INSN_HANDLER(mfy)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t v;
    int rc = mem_load(cpu, EA_X(in), 4, in->b2, &v);
    if (rc)
        return rc;
    return mul_pair32(cpu, in->r1, (uint32_t)v, true);
}
CMP_MEM(cgh, 2, cc_cmp_s((int64_t)cpu->gr[in->r1], (int16_t)(uint16_t)v))
