/* Instruction semantics: the decoded form every handler receives, the
 * handler return protocol, and shared helpers.
 *
 * A handler is `int fn(CPUState *cpu, const Insn *in)`.  It never sees raw
 * instruction bytes: the decoder (src/cpu/, next issue) fills Insn from the
 * format.  Handlers compute operand addresses with insn_ea() and insn_reg_addr() and
 * reach storage only through src/access/. */
#ifndef ZEMU_INSN_INSN_H
#define ZEMU_INSN_INSN_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "access/access.h"

typedef struct Insn {
    /* 40 bytes, so that a decoded instruction (cpu/tcache.h: DecodedInsn)
     * is one 64-byte host cache line: the decoded-instruction cache holds
     * one per instruction of every page run, and the fast loop reads each
     * one it runs.  Fields of formats that never occur together share
     * bytes (the unions); ordered by size, so there are no holes. */
    uint64_t addr;          /* address of the instruction (of EX target: its own address) */
    int64_t i2;             /* immediate: sign-extended for signed formats (RI, RIL,
                               RIE-a/c/d/e/g, RIS, SIL, RSI); I, SI, SIY bytes unsigned.
                               Relative forms hold the halfword count.  RIE-f (no I2):
                               bit_range_mask(I3 & 63, I4 & 63), worked out once by the
                               decoder for RISBG and the RxSBG family. */
    /* Displacements (20-bit long ones sign-extended).  D4 belongs to the
     * formats without a first-operand displacement (RIS, RRS, SS-e). */
    union { int32_t d1; int32_t d4; };
    int32_t d2;
    /* Added by cpu/ (issue 3): */
    int16_t i4;             /* RIE-f I4 (unsigned byte); RIE-b/c RI4 (signed halfword count) */
    uint16_t row;           /* the definition's row in insn_table (its opcode, handler) */
    uint8_t ilen;           /* 2, 4 or 6 */
    uint8_t r1, r2, r3;     /* register fields (SS-d: R1 / R3 of MVCK etc.) */
    uint8_t m3, m4;
    union { uint8_t b1; uint8_t b4; };  /* B4 as D4 */
    uint8_t b2, x2;
    /* Length codes as in the instruction: SS-a L in l1; SS-b L1/L2; SS-f
     * (PKA) L2 in l2.  RIE-f I5 (added by cpu/) has no length beside it. */
    union { uint8_t l1; uint8_t i5; };
    uint8_t l2;
    uint8_t i3;             /* RIE-f I3; SS-c I3; IE I1 */
} Insn;

/* Mask of IBM bit positions start..end of a 64-bit value, wrapping from 63
 * to 0 when start > end. */
static inline uint64_t bit_range_mask(unsigned start, unsigned end)
{
    uint64_t from_start = ~0ULL >> start;           /* bits start..63 */
    uint64_t to_end = ~0ULL << (63 - end);          /* bits 0..end */
    return start <= end ? (from_start & to_end) : (from_start | to_end);
}

/* Handler results.  0 = completed, PSW to the next instruction (the CC is in
 * cpu->psw_mask).  > 0 = program-interruption code, cpu->pgm filled; the
 * dispatcher leaves the PSW at the instruction for nullifying codes and after
 * it otherwise (pgm_is_nullifying).  The negative values are the hooks for the
 * dispatcher: */
enum {
    INSN_OK = 0,
    INSN_REEXECUTE = -1,    /* interruptible instruction stopped between units
                               (MVCL, CLCL): registers show progress, PSW stays
                               at the instruction, deliver pending interrupts */
    INSN_SVC = -3,          /* SVC (added by cpu/): an SVC interruption with code
                               cpu->svc_code; PSW after the instruction */
    INSN_WATCH = -2,        /* a watchpoint hit before any store: stop, PSW at
                               the instruction; cpu->watch says where */
    INSN_SLOW = -4,         /* only from a handler's _try variant (TRY_HANDLER):
                               nothing done, run the handler */
};

/* Converts an access-layer result (0, PGM code, ACCESS_WATCHPOINT) into a
 * handler result. */
static inline int insn_access_result(int rc)
{
    return rc == ACCESS_WATCHPOINT ? INSN_WATCH : rc;
}

/* Operand address: base + index + displacement, wrapped to the mode. */
static inline uint64_t insn_ea(const CPUState *cpu, int x, int b, int64_t d)
{
    uint64_t a = (uint64_t)d;
    if (x)
        a += cpu->gr[x];
    if (b)
        a += cpu->gr[b];
    return a & cpu_addr_mask(cpu);
}

/* Address held in a register, wrapped to the mode. */
static inline uint64_t insn_reg_addr(const CPUState *cpu, int r)
{
    return cpu->gr[r] & cpu_addr_mask(cpu);
}

/* Stores an updated address into register r as the long instructions do:
 * 64-bit mode all 64 bits; 31-bit mode bits 33-63 with bit 32 zero; 24-bit
 * mode bits 40-63 with bits 32-39 zero; bits 0-31 unchanged below 64-bit. */
static inline void insn_set_addr_reg(CPUState *cpu, int r, uint64_t addr)
{
    if (cpu_is_64(cpu))
        cpu->gr[r] = addr;
    else
        cpu->gr[r] = (cpu->gr[r] & 0xFFFFFFFF00000000ULL) | (addr & cpu_addr_mask(cpu));
}

/* Low 32 bits of a register, keeping the high half. */
static inline void insn_set_low32(CPUState *cpu, int r, uint32_t v)
{
    /* One 8-byte store, not the 4-byte store the compiler would make of
     * it: the next instruction often reads the whole register, and a load
     * cannot take its value from a narrower store still in flight (it
     * waits, some 10 host cycles). */
    uint64_t w = (cpu->gr[r] & 0xFFFFFFFF00000000ULL) | v;
    __asm__("" : "+r"(w));
    cpu->gr[r] = w;
}

/* Length register of TRE, the TRxx and CUxx families, CUSE, TRTE: bits
 * 32-63 below 64-bit mode (bits 0-31 unchanged), all 64 bits in 64-bit
 * mode. */
static inline uint64_t insn_get_len(const CPUState *cpu, int r)
{
    return cpu_is_64(cpu) ? cpu->gr[r] : (uint32_t)cpu->gr[r];
}

static inline void insn_set_len(CPUState *cpu, int r, uint64_t v)
{
    if (cpu_is_64(cpu))
        cpu->gr[r] = v;
    else
        insn_set_low32(cpu, r, (uint32_t)v);
}

/* The two operands of an SS instruction in the architected order: operand
 * 2 (len2 bytes at D2(B2), fetch), then operand 1 (len1 bytes at D1(B1),
 * kind1).  Returns 0 or a handler result; nothing has been stored. */
static inline int insn_prepare_ss(CPUState *cpu, const Insn *in, StorageAccess *op1, uint32_t len1,
                                  AccessKind kind1, StorageAccess *op2, uint32_t len2)
{
    int rc = access_prepare_op(cpu, op2, insn_ea(cpu, 0, in->b2, in->d2), len2, ACC_FETCH, in->b2);
    if (!rc)
        rc = access_prepare_op(cpu, op1, insn_ea(cpu, 0, in->b1, in->d1), len1, kind1, in->b1);
    return insn_access_result(rc);
}

/* Privileged-operation check: in problem state, raise 0x02. */
static inline int insn_privileged(CPUState *cpu)
{
    return cpu_problem_state(cpu) ? pgm_raise(cpu, PGM_PRIVILEGED) : 0;
}

/* Between units of a long instruction: runs the unit hook, serves flush
 * requests, and tells whether the instruction must stop (pending interrupt
 * or flush request). Defined in insn/units.c. */
bool insn_unit_boundary(CPUState *cpu);

/* ---- Handlers of the storage-access core issue, by family ---- */
#define INSN_HANDLER(name) int insn_##name(CPUState *cpu, const Insn *in)
/* The common case of a handler alone, for the fast loop's entries: it
 * does the instruction and returns what the handler would, or does
 * nothing and returns INSN_SLOW (the entry then runs the handler).  It
 * calls nothing on its INSN_OK path, so the entry that inlines it needs
 * no stack frame there (cpu/threaded.c). */
#define TRY_HANDLER(name) int insn_##name##_try(CPUState *cpu, const Insn *in)

/* insn/ss_char.c: fixed-length character SS instructions */
INSN_HANDLER(mvc); INSN_HANDLER(mvcrl); INSN_HANDLER(mvcin); INSN_HANDLER(mvz);
INSN_HANDLER(mvn); INSN_HANDLER(nc); INSN_HANDLER(oc); INSN_HANDLER(xc); INSN_HANDLER(clc);
INSN_HANDLER(tr); INSN_HANDLER(trt); INSN_HANDLER(trtr);

/* insn/ss_decimal.c: decimal-format moves and editing */
INSN_HANDLER(mvo); INSN_HANDLER(pack); INSN_HANDLER(pka); INSN_HANDLER(pku);
INSN_HANDLER(unpk); INSN_HANDLER(unpka); INSN_HANDLER(unpku); INSN_HANDLER(ed);
INSN_HANDLER(edmk);

/* insn/long.c: long moves and compares */
INSN_HANDLER(mvcl); INSN_HANDLER(clcl); INSN_HANDLER(mvcle); INSN_HANDLER(mvclu);
INSN_HANDLER(clcle); INSN_HANDLER(clclu); INSN_HANDLER(cksm);

/* insn/string.c: string and extended translate instructions */
INSN_HANDLER(mvst); INSN_HANDLER(clst); INSN_HANDLER(srst); INSN_HANDLER(srstu);
INSN_HANDLER(tre); INSN_HANDLER(troo); INSN_HANDLER(trot); INSN_HANDLER(trto);
INSN_HANDLER(trtt);

/* insn/keymove.c: page, key and cross-space moves */
INSN_HANDLER(mvpg); INSN_HANDLER(mvcos); INSN_HANDLER(mvcp); INSN_HANDLER(mvcs);
INSN_HANDLER(mvck); INSN_HANDLER(mvcsk); INSN_HANDLER(mvcdk);

/* insn/multireg.c: multiple-register loads and stores */
INSN_HANDLER(stm); INSN_HANDLER(stmg); INSN_HANDLER(stmh); INSN_HANDLER(lm);
INSN_HANDLER(lmg); INSN_HANDLER(lmh); INSN_HANDLER(stam); INSN_HANDLER(lam);
INSN_HANDLER(stctl); INSN_HANDLER(stctg); INSN_HANDLER(lctl); INSN_HANDLER(lctlg);

#endif
