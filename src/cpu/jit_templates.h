/* The block compiler's templates (cpu/jit_templates.c): which instructions
 * have one, and the x86-64 code each one compiles to.  Shared by jit.c
 * (which forms blocks around them) and jit_templates.c only. */
#ifndef ZEMU_CPU_JIT_TEMPLATES_H
#define ZEMU_CPU_JIT_TEMPLATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/tcache.h"
#include "cpu/x86emit.h"

/* ---- what each instruction is, for the templates ----
 *
 * Most templates are one two-operand operation: R1 <- A op B, with
 *   A   R1, R2 or R3 (or nothing, for loads),
 *   B   R2, R3 or the immediate, extended as the instruction says,
 *   op  at the instruction's width (32: bits 32-63 of R1, the high half
 *       kept; 64: all of it),
 * a CC rule and, for signed add and subtract, a fixed-point overflow that
 * leaves the block (the instruction's own entry then raises it or sets
 * CC 3, as the program mask says).  Their semantics restate the handlers
 * in insn/general.c; test_jit compares every template with them. */
enum { K_ALU = 1, K_LA, K_LARL, K_SHIFT, K_RISBG, K_RSBG, K_MUL, K_INSERT, K_STORE, K_BRC,
       K_BRCT, K_BCR, K_CALL, K_MCMP, K_TM, K_TMH, K_LOC, K_IC, K_FMOVE, K_LMG, K_STMG,
       K_NEG, K_ASI, K_CJ, K_MVC, K_XC };
/* JitOp.op of K_NEG: load complement, positive, negative */
enum { NEG_C, NEG_P, NEG_N };
/* JitOp.op of K_CALL: a relative target (BRAS, BRASL) or R2 (BASR) */
enum { CALL_REL, CALL_REG };
enum { A_MOV, A_ADD, A_SUB, A_ADDL, A_SUBL, A_AND, A_OR, A_XOR, A_CMP, A_CMPL };
/* S_MEM: the storage operand at X2 + B2 + D2, of JitOp.size bytes,
 * through the exact TLB hit of the TRY handlers (insn/operand.h: try_host);
 * anything else leaves the block for the instruction's own entry. */
enum { S_NONE, S_R1, S_R2, S_R3, S_IMM, S_MEM };
/* How B becomes the operand: as it is (the width's low bits), or
 * extended from 8, 16 or 32 bits; for the immediate, E_Z32/E_Z16 take
 * its low bits unsigned and sh shifts it (LLIHF ...). */
enum { E_NONE, E_S8, E_S16, E_S32, E_Z8, E_Z16, E_Z32 };
enum { CC_NONE, CC_SIGNED, CC_NZ, CC_ADDL, CC_SUBL, CC_CMPS, CC_CMPU };
/* Shift kinds (JitOp.op of K_SHIFT) */
enum { SH_SLL, SH_SRL, SH_SRA, SH_RL };

/* Where a storage operand is (JitOp.am): X2 + B2 + D2 (RX, RXY, RS, RSY),
 * B1 + D1 (SI, SIY, SIL), or the relative-long address I2 halfwords from
 * the instruction, known when compiling. */
enum { AM_X, AM_S1, AM_RL };

typedef struct JitOp {
    uint8_t kind, op, w, a, b, ext, cc, sh, size, am;
    uint8_t fp;                 /* R1 names a floating-point register */
} JitOp;


/* ---- the code's conventions ---- */

#define CPU_FIELD(f) ((int32_t)offsetof(CPUState, f))
#define GR(r) ((int32_t)(offsetof(CPUState, gr) + 8 * (unsigned)(r)))
#define PSW CPU_FIELD(psw_mask)
#define FPR(r) ((int32_t)(offsetof(CPUState, fpr) + 8 * (unsigned)(r)))

/* Host registers: RDI the CPU, RDX the budget (as every threaded entry has
 * them), RSI the decoded instruction where an entry wants it; RAX, RCX,
 * R8, R10, R11 scratch; R9 the CC (0-3) of the block's last CC-setting
 * instruction while it is not stored in the PSW yet. */
enum { H_CPU = X_RDI, H_BUDGET = X_RDX, H_DI = X_RSI, H_CC = X_R9 };

/* The most jumps out (deopts) of one instruction, with room: a crossing
 * MVC has two per operand (its page's tag, its pair tag) and the
 * overlap's. */
#define JIT_MAX_DEOPT 12

typedef struct Gen {
    XBuf b;
    /* the rel32 fields of the current instruction's jumps out (deopt) */
    uint8_t *deopt_fix[JIT_MAX_DEOPT];
    int ndeopt;
    uint64_t *mvc_splits;       /* TCache.jit_mvc_splits */
} Gen;

/* The template of di's instruction, or NULL: also NULL where this
 * instance's operands fall outside what the template covers (a shift
 * amount from a register, BCR/BASR with R2 0, a misaligned relative-long
 * operand, MVC on a host without AVX). */
const JitOp *jit_op_of(const DecodedInsn *di);

/* Does the block end after this instruction (no fall-through path)? */
bool jit_ends_block(const JitOp *op, const Insn *in);

static inline bool jit_sets_cc(const JitOp *op) { return op->cc != CC_NONE; }

/* Does the template access storage (the block's entry then checks the
 * operand mode, access_try_ok)? */
bool jit_has_storage_operand(const JitOp *op);

/* The relative target of a branch: I2 halfwords away, RI4 for compare and
 * branch. */
uint64_t jit_rel_target(const JitOp *op, const Insn *in);

/* The PSW's CC <- R9. */
void jit_cc_store(XBuf *b);

/* Emits the code of in (template op).  An instruction that sets the CC
 * (jit_sets_cc) leaves it in R9, for the caller to store or keep pending;
 * cc_in_r9: an earlier instruction of the block set it (a CC test reads
 * R9 instead of the PSW).  A branch sets *taken to the rel32 of its jump to the
 * taken exit (left NULL when it never branches); deopt jumps go to
 * g->deopt_fix. */
void jit_gen(Gen *g, const JitOp *op, const Insn *in, bool cc_in_r9, uint8_t **taken);

#endif
