/* Storage operands of the simple instructions (loads, stores, storage
 * arithmetic): the inline TLB hit path with the access layer behind it,
 * and the operand-address and register-half shorthands.  Internal to
 * src/insn/ (general.c, bfp.c, interlocked.c, ...). */
#ifndef ZEMU_INSN_OPERAND_H
#define ZEMU_INSN_OPERAND_H

#include <string.h>

#include "cpu/exec.h"
#include "insn/insn.h"

/* ---- condition codes and fixed-point overflow ---- */

#define PSW_PM_FIXED   BIT64(20)    /* program mask: fixed-point overflow */
#define PSW_PM_DECIMAL BIT64(21)    /* program mask: decimal overflow */

static inline unsigned cc_signed(int64_t v)
{
    return v == 0 ? 0 : v < 0 ? 1 : 2;
}

/* Fixed-point overflow: CC3, and a program interruption when the program
 * mask allows it.  The result has been (or will be) stored either way: the
 * exception completes the instruction. */
static inline int fixed_overflow(CPUState *cpu)
{
    cpu_set_cc(cpu, 3);
    if (cpu->psw_mask & PSW_PM_FIXED)
        return pgm_raise(cpu, PGM_FIXED_OVERFLOW);
    return 0;
}

/* ---- storage operands ---- */

static inline uint64_t be_load(const uint8_t *p, unsigned size)
{
    switch (size) {
    case 1: return p[0];
    case 2: return (uint64_t)p[0] << 8 | p[1];
    case 4: { uint32_t v; memcpy(&v, p, 4); return __builtin_bswap32(v); }
    default: { uint64_t v; memcpy(&v, p, 8); return __builtin_bswap64(v); }
    }
}

static inline void be_store(uint8_t *p, unsigned size, uint64_t v)
{
    switch (size) {
    case 1: p[0] = (uint8_t)v; break;
    case 2: p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; break;
    case 4: { uint32_t x = __builtin_bswap32((uint32_t)v); memcpy(p, &x, 4); break; }
    default: { uint64_t x = __builtin_bswap64(v); memcpy(p, &x, 8); break; }
    }
}

/* TLB set of the operand whose base register is b (mmu_space_for). */
static inline int op_tlb_space(const CPUState *cpu, int b)
{
    return mmu_tlb_space(cpu, mmu_space_for(cpu, b));
}

/* The inline TLB hit (access_fast_host) for a size-byte operand. */
static inline __attribute__((always_inline)) uint8_t *fast_host(CPUState *cpu, uint64_t addr,
                                                                unsigned size, int b, int kind)
{
    return access_fast_host(cpu, addr, size, kind == TLB_KIND_READ ? ACC_FETCH : ACC_STORE, b);
}

/* The inline TLB hit of a TRY_HANDLER: as fast_host (the same
 * access_set_host test), but NULL (instead of a call that brings the cached operand mode up
 * to date) when the PSW's DAT, ASC or key bits changed since it was cached,
 * and NULL in AR mode (op_try_mode). */
static inline __attribute__((always_inline)) uint8_t *try_host(const CPUState *cpu,
                                                               uint64_t addr, unsigned size,
                                                               AccessKind kind)
{
    if ((addr & ~PAGE_MASK) + size > PAGE_SIZE || !access_try_ok(cpu, kind != ACC_FETCH))
        return NULL;
    return access_set_host(cpu, cpu->op_tlb, addr, kind);
}

/* The access-layer paths behind the inline hit (insn/operand.c). */
__attribute__((noinline)) int mem_load_slow(CPUState *cpu, uint64_t addr, unsigned size, int b,
                                           uint64_t *v);
__attribute__((noinline)) int mem_store_slow(CPUState *cpu, uint64_t addr, unsigned size, int b, uint64_t v);

static inline __attribute__((always_inline)) int mem_load(CPUState *cpu, uint64_t addr,
                                                          unsigned size, int b, uint64_t *v)
{
    const uint8_t *h = fast_host(cpu, addr, size, b, TLB_KIND_READ);
    if (__builtin_expect(h != NULL, 1)) {
        *v = be_load(h, size);
        return 0;
    }
    return mem_load_slow(cpu, addr, size, b, v);
}

static inline __attribute__((always_inline)) int mem_store(CPUState *cpu, uint64_t addr,
                                                           unsigned size, int b, uint64_t v)
{
    /* PER needs every store seen by access_commit: access_fast_host does
     * not hand out stores while PER is on. */
    uint8_t *h = fast_host(cpu, addr, size, b, TLB_KIND_WRITE);
    if (__builtin_expect(h != NULL, 1)) {
        be_store(h, size, v);
        return 0;
    }
    return mem_store_slow(cpu, addr, size, b, v);
}

/* Read-modify-write of one byte (NI, OI, XI): an update access. */
static inline int mem_update_byte(CPUState *cpu, uint64_t addr, int b, int op, uint8_t imm)
{
    uint8_t *hw = access_fast_host(cpu, addr, 1, ACC_UPDATE, b);
    uint8_t v;
    if (hw) {
        v = *hw;
        v = op == 0 ? (v & imm) : op == 1 ? (v | imm) : (v ^ imm);
        *hw = v;
    } else {
        StorageAccess sa;
        int rc = access_prepare_op(cpu, &sa, addr, 1, ACC_UPDATE, b);
        if (rc)
            return insn_access_result(rc);
        v = access_get_byte(cpu, &sa, 0);
        v = op == 0 ? (v & imm) : op == 1 ? (v | imm) : (v ^ imm);
        access_put_byte(cpu, &sa, 0, v);
        access_commit(cpu, &sa);
    }
    cpu_set_cc(cpu, v != 0);
    return 0;
}

/* ---- one update operand (storage read-modify-write) ---- */

/* Prepares the size-byte operand at addr as an update (fetch and store
 * checked on its page(s)) and fetches its value.  With aligned, an address
 * not on a size boundary is a specification exception (raised first). */
static inline int rmw_prepare(CPUState *cpu, StorageAccess *sa, uint64_t addr, unsigned size,
                              int b, bool aligned, uint64_t *old)
{
    if (aligned && (addr & (size - 1)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    int rc = access_prepare_op(cpu, sa, addr, size, ACC_UPDATE, b);
    if (rc)
        return insn_access_result(rc);
    *old = access_get_be(cpu, sa, 0, size);
    return 0;
}

static inline void rmw_store(CPUState *cpu, StorageAccess *sa, unsigned size, uint64_t v)
{
    access_put_be(cpu, sa, 0, size, v);
    access_commit(cpu, sa);
}

#define EA_X(in) insn_ea(cpu, (in)->x2, (in)->b2, (in)->d2)
#define EA_S(in) insn_ea(cpu, 0, (in)->b2, (in)->d2)
#define EA_1(in) insn_ea(cpu, 0, (in)->b1, (in)->d1)
/* Relative-long operand: the instruction's own address + 2 * I2. */
#define EA_RL(in) (((in)->addr + 2 * (uint64_t)(in)->i2) & cpu_addr_mask(cpu))

#define LOW(r) ((uint32_t)cpu->gr[r])
#define SETLOW(r, v) insn_set_low32(cpu, r, (uint32_t)(v))

/* The handler of an instruction with a TRY_HANDLER: that first, and
 * slow_call (the access layer's path) when it returns INSN_SLOW. */
#define TRY_FIRST_HANDLER(name, slow_call)                                \
    INSN_HANDLER(name)                                                    \
    {                                                                     \
        const int rc_ = insn_##name##_try(cpu, in);                       \
        if (__builtin_expect(rc_ != INSN_SLOW, 1))                        \
            return rc_;                                                   \
        return slow_call;                                                 \
    }

/* The operand address a_ of a TRY handler or its slow path; one that does
 * not satisfy spec_ok returns `fail` (INSN_SLOW, or the specification
 * exception) before any access. */
#define OP_ADDR(addr_expr, spec_ok, fail)                                 \
    const uint64_t a_ = addr_expr;                                        \
    if (!(spec_ok))                                                       \
        return fail

/* A handler over one fetched operand: `body` (statements ending in a
 * return) runs with the operand's size-byte value in v.  Its TRY_HANDLER
 * is the exact TLB hit alone (for the fast loop's entries, and the first
 * thing the handler tries); everything else -- a miss, a changed operand
 * mode, AR mode -- is a function of its own that the handler tail-calls,
 * so that the common path needs no stack frame.  MEM_OP_HANDLER_IF: the
 * operand address a_ must also satisfy `spec_ok`, else the instruction is
 * a specification exception (recognised before any access). */
#define MEM_OP_HANDLER_IF(name, size, addr_expr, b, spec_ok, body)        \
    TRY_HANDLER(name);                                                    \
    inline TRY_HANDLER(name)                                              \
    {                                                                     \
        OP_ADDR(addr_expr, spec_ok, INSN_SLOW);                           \
        const uint8_t *h_ = try_host(cpu, a_, size, ACC_FETCH);           \
        if (__builtin_expect(h_ == NULL, 0))                              \
            return INSN_SLOW;                                             \
        const uint64_t v = be_load(h_, size);                             \
        body                                                              \
    }                                                                     \
    static __attribute__((noinline)) int name##_slow(CPUState *cpu,       \
                                                     const Insn *in)      \
    {                                                                     \
        OP_ADDR(addr_expr, spec_ok, pgm_raise(cpu, PGM_SPECIFICATION));   \
        uint64_t v;                                                       \
        int rc_ = mem_load_slow(cpu, a_, size, b, &v);                    \
        if (rc_)                                                          \
            return rc_;                                                   \
        body                                                              \
    }                                                                     \
    TRY_FIRST_HANDLER(name, name##_slow(cpu, in))
#define MEM_OP_HANDLER(name, size, addr_expr, b, body)                    \
    MEM_OP_HANDLER_IF(name, size, addr_expr, b, true, body)

/* A register-loading RX-style handler: operand fetched, then `conv`. */
#define LOAD_RX(name, size, ea, conv) MEM_OP_HANDLER(name, size, ea(in), in->b2, conv; return 0;)

/* A storing RX-style handler, as MEM_OP_HANDLER.  A store through the
 * exact TLB hit never lands in decoded code (such a page has no exact
 * write entry), so it cannot move the TLB epoch.  STORE_OP_IF: an operand
 * address a_ that does not satisfy `spec_ok` is a specification exception
 * (before any access), as in MEM_OP_HANDLER_IF. */
#define STORE_OP_IF(name, size, addr_expr, b, spec_ok, val)               \
    TRY_HANDLER(name);                                                    \
    inline TRY_HANDLER(name)                                              \
    {                                                                     \
        OP_ADDR(addr_expr, spec_ok, INSN_SLOW);                           \
        uint8_t *h_ = try_host(cpu, a_, size, ACC_STORE);                 \
        if (__builtin_expect(h_ == NULL, 0))                              \
            return INSN_SLOW;                                             \
        be_store(h_, size, val);                                          \
        return INSN_OK;                                                   \
    }                                                                     \
    static __attribute__((noinline)) int name##_slow(CPUState *cpu,       \
                                                     const Insn *in)      \
    {                                                                     \
        OP_ADDR(addr_expr, spec_ok, pgm_raise(cpu, PGM_SPECIFICATION));   \
        return mem_store_slow(cpu, a_, size, b, val);                     \
    }                                                                     \
    TRY_FIRST_HANDLER(name, name##_slow(cpu, in))
#define STORE_RX(name, size, ea, val) STORE_OP_IF(name, size, ea(in), in->b2, true, val)

#endif
