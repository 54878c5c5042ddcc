/* The block compiler's templates (see jit_templates.h): the table of
 * instructions that have one, and the code each compiles to. */
#include "cpu/jit_templates.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

#define ALU(op, w, a, b, ext, cc) { K_ALU, op, w, a, b, ext, cc, 0, 0, 0, 0 }
#define MOVI(w, ext, sh) { K_ALU, A_MOV, w, S_NONE, S_IMM, ext, CC_NONE, sh, 0, 0, 0 }
/* R1 <- R1 op storage (or the storage alone: A_MOV) */
#define MEMA(op, w, size, ext, cc, am) { K_ALU, op, w, (op) == A_MOV ? S_NONE : S_R1, S_MEM, ext, cc, 0, size, am, 0 }
#define MEM(op, w, size, ext, cc) MEMA(op, w, size, ext, cc, AM_X)
#define RL(op, w, size, ext, cc) MEMA(op, w, size, ext, cc, AM_RL)
/* stores of R1 (b = S_R1) or of the immediate (S_IMM) */
#define STORE(size) { K_STORE, 0, 0, 0, S_R1, 0, CC_NONE, 0, size, AM_X, 0 }
#define STORE_RL(size) { K_STORE, 0, 0, 0, S_R1, 0, CC_NONE, 0, size, AM_RL, 0 }
#define STORE_I(size) { K_STORE, 0, 0, 0, S_IMM, 0, CC_NONE, 0, size, AM_S1, 0 }
/* storage (first operand) compared with the immediate, both as 64 bits */
#define MCMP(op, size, ext) { K_MCMP, op, 64, 0, 0, ext, (op) == A_CMP ? CC_CMPS : CC_CMPU, 0, size, AM_S1, 0 }

static const struct {
    const char *mnemonic;
    JitOp op;
} jit_ops[] = {
    /* loads */
    { "lr", ALU(A_MOV, 32, S_NONE, S_R2, E_NONE, CC_NONE) },
    { "lgr", ALU(A_MOV, 64, S_NONE, S_R2, E_NONE, CC_NONE) },
    { "lgfr", ALU(A_MOV, 64, S_NONE, S_R2, E_S32, CC_NONE) },
    { "llgfr", ALU(A_MOV, 64, S_NONE, S_R2, E_Z32, CC_NONE) },
    { "lgbr", ALU(A_MOV, 64, S_NONE, S_R2, E_S8, CC_NONE) },
    { "lghr", ALU(A_MOV, 64, S_NONE, S_R2, E_S16, CC_NONE) },
    { "llgcr", ALU(A_MOV, 64, S_NONE, S_R2, E_Z8, CC_NONE) },
    { "llghr", ALU(A_MOV, 64, S_NONE, S_R2, E_Z16, CC_NONE) },
    { "lbr", ALU(A_MOV, 32, S_NONE, S_R2, E_S8, CC_NONE) },
    { "lhr", ALU(A_MOV, 32, S_NONE, S_R2, E_S16, CC_NONE) },
    { "llcr", ALU(A_MOV, 32, S_NONE, S_R2, E_Z8, CC_NONE) },
    { "llhr", ALU(A_MOV, 32, S_NONE, S_R2, E_Z16, CC_NONE) },
    { "ltr", ALU(A_MOV, 32, S_NONE, S_R2, E_NONE, CC_SIGNED) },
    { "ltgr", ALU(A_MOV, 64, S_NONE, S_R2, E_NONE, CC_SIGNED) },
    { "ltgfr", ALU(A_MOV, 64, S_NONE, S_R2, E_S32, CC_SIGNED) },
    { "lhi", MOVI(32, E_NONE, 0) },
    { "lghi", MOVI(64, E_NONE, 0) },
    { "lgfi", MOVI(64, E_NONE, 0) },
    { "llilf", MOVI(64, E_Z32, 0) },
    { "llihf", MOVI(64, E_Z32, 32) },
    { "llill", MOVI(64, E_Z16, 0) },
    { "llilh", MOVI(64, E_Z16, 16) },
    { "llihl", MOVI(64, E_Z16, 32) },
    { "llihh", MOVI(64, E_Z16, 48) },
    /* insert immediate: sh is the field's position, w its width */
    { "iilf", { K_INSERT, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "iihf", { K_INSERT, 0, 32, 0, 0, 0, 0, 32, 0, 0, 0 } },
    { "iill", { K_INSERT, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "iilh", { K_INSERT, 0, 16, 0, 0, 0, 0, 16, 0, 0, 0 } },
    { "iihl", { K_INSERT, 0, 16, 0, 0, 0, 0, 32, 0, 0, 0 } },
    { "iihh", { K_INSERT, 0, 16, 0, 0, 0, 0, 48, 0, 0, 0 } },
    /* signed add and subtract (fixed-point overflow leaves the block) */
    { "ar", ALU(A_ADD, 32, S_R1, S_R2, E_NONE, CC_SIGNED) },
    { "agr", ALU(A_ADD, 64, S_R1, S_R2, E_NONE, CC_SIGNED) },
    { "agfr", ALU(A_ADD, 64, S_R1, S_R2, E_S32, CC_SIGNED) },
    { "ahi", ALU(A_ADD, 32, S_R1, S_IMM, E_NONE, CC_SIGNED) },
    { "aghi", ALU(A_ADD, 64, S_R1, S_IMM, E_NONE, CC_SIGNED) },
    { "afi", ALU(A_ADD, 32, S_R1, S_IMM, E_NONE, CC_SIGNED) },
    { "agfi", ALU(A_ADD, 64, S_R1, S_IMM, E_NONE, CC_SIGNED) },
    { "sr", ALU(A_SUB, 32, S_R1, S_R2, E_NONE, CC_SIGNED) },
    { "sgr", ALU(A_SUB, 64, S_R1, S_R2, E_NONE, CC_SIGNED) },
    { "sgfr", ALU(A_SUB, 64, S_R1, S_R2, E_S32, CC_SIGNED) },
    { "ark", ALU(A_ADD, 32, S_R2, S_R3, E_NONE, CC_SIGNED) },
    { "agrk", ALU(A_ADD, 64, S_R2, S_R3, E_NONE, CC_SIGNED) },
    { "srk", ALU(A_SUB, 32, S_R2, S_R3, E_NONE, CC_SIGNED) },
    { "sgrk", ALU(A_SUB, 64, S_R2, S_R3, E_NONE, CC_SIGNED) },
    { "ahik", ALU(A_ADD, 32, S_R3, S_IMM, E_NONE, CC_SIGNED) },
    { "aghik", ALU(A_ADD, 64, S_R3, S_IMM, E_NONE, CC_SIGNED) },
    /* logical add and subtract */
    { "alr", ALU(A_ADDL, 32, S_R1, S_R2, E_NONE, CC_ADDL) },
    { "algr", ALU(A_ADDL, 64, S_R1, S_R2, E_NONE, CC_ADDL) },
    { "algfr", ALU(A_ADDL, 64, S_R1, S_R2, E_Z32, CC_ADDL) },
    { "alfi", ALU(A_ADDL, 32, S_R1, S_IMM, E_NONE, CC_ADDL) },
    { "algfi", ALU(A_ADDL, 64, S_R1, S_IMM, E_Z32, CC_ADDL) },
    { "alrk", ALU(A_ADDL, 32, S_R2, S_R3, E_NONE, CC_ADDL) },
    { "algrk", ALU(A_ADDL, 64, S_R2, S_R3, E_NONE, CC_ADDL) },
    { "alhsik", ALU(A_ADDL, 32, S_R3, S_IMM, E_NONE, CC_ADDL) },
    { "alghsik", ALU(A_ADDL, 64, S_R3, S_IMM, E_NONE, CC_ADDL) },
    { "slr", ALU(A_SUBL, 32, S_R1, S_R2, E_NONE, CC_SUBL) },
    { "slgr", ALU(A_SUBL, 64, S_R1, S_R2, E_NONE, CC_SUBL) },
    { "slgfr", ALU(A_SUBL, 64, S_R1, S_R2, E_Z32, CC_SUBL) },
    { "slfi", ALU(A_SUBL, 32, S_R1, S_IMM, E_NONE, CC_SUBL) },
    { "slgfi", ALU(A_SUBL, 64, S_R1, S_IMM, E_Z32, CC_SUBL) },
    { "slrk", ALU(A_SUBL, 32, S_R2, S_R3, E_NONE, CC_SUBL) },
    { "slgrk", ALU(A_SUBL, 64, S_R2, S_R3, E_NONE, CC_SUBL) },
    /* logic */
    { "nr", ALU(A_AND, 32, S_R1, S_R2, E_NONE, CC_NZ) },
    { "or", ALU(A_OR, 32, S_R1, S_R2, E_NONE, CC_NZ) },
    { "xr", ALU(A_XOR, 32, S_R1, S_R2, E_NONE, CC_NZ) },
    { "ngr", ALU(A_AND, 64, S_R1, S_R2, E_NONE, CC_NZ) },
    { "ogr", ALU(A_OR, 64, S_R1, S_R2, E_NONE, CC_NZ) },
    { "xgr", ALU(A_XOR, 64, S_R1, S_R2, E_NONE, CC_NZ) },
    { "nrk", ALU(A_AND, 32, S_R2, S_R3, E_NONE, CC_NZ) },
    { "ork", ALU(A_OR, 32, S_R2, S_R3, E_NONE, CC_NZ) },
    { "xrk", ALU(A_XOR, 32, S_R2, S_R3, E_NONE, CC_NZ) },
    { "ngrk", ALU(A_AND, 64, S_R2, S_R3, E_NONE, CC_NZ) },
    { "ogrk", ALU(A_OR, 64, S_R2, S_R3, E_NONE, CC_NZ) },
    { "xgrk", ALU(A_XOR, 64, S_R2, S_R3, E_NONE, CC_NZ) },
    { "nilf", ALU(A_AND, 32, S_R1, S_IMM, E_NONE, CC_NZ) },
    { "oilf", ALU(A_OR, 32, S_R1, S_IMM, E_NONE, CC_NZ) },
    { "xilf", ALU(A_XOR, 32, S_R1, S_IMM, E_NONE, CC_NZ) },
    /* compares */
    { "cr", ALU(A_CMP, 32, S_R1, S_R2, E_NONE, CC_CMPS) },
    { "cgr", ALU(A_CMP, 64, S_R1, S_R2, E_NONE, CC_CMPS) },
    { "cgfr", ALU(A_CMP, 64, S_R1, S_R2, E_S32, CC_CMPS) },
    { "clr", ALU(A_CMPL, 32, S_R1, S_R2, E_NONE, CC_CMPU) },
    { "clgr", ALU(A_CMPL, 64, S_R1, S_R2, E_NONE, CC_CMPU) },
    { "clgfr", ALU(A_CMPL, 64, S_R1, S_R2, E_Z32, CC_CMPU) },
    { "chi", ALU(A_CMP, 32, S_R1, S_IMM, E_NONE, CC_CMPS) },
    { "cghi", ALU(A_CMP, 64, S_R1, S_IMM, E_NONE, CC_CMPS) },
    { "cfi", ALU(A_CMP, 32, S_R1, S_IMM, E_NONE, CC_CMPS) },
    { "cgfi", ALU(A_CMP, 64, S_R1, S_IMM, E_NONE, CC_CMPS) },
    { "clfi", ALU(A_CMPL, 32, S_R1, S_IMM, E_NONE, CC_CMPU) },
    { "clgfi", ALU(A_CMPL, 64, S_R1, S_IMM, E_Z32, CC_CMPU) },
    /* multiply single (no CC, no overflow) */
    { "msr", { K_MUL, 0, 32, S_R1, S_R2, E_NONE, 0, 0, 0, 0, 0 } },
    { "msgr", { K_MUL, 0, 64, S_R1, S_R2, E_NONE, 0, 0, 0, 0, 0 } },
    { "msgfr", { K_MUL, 0, 64, S_R1, S_R2, E_S32, 0, 0, 0, 0, 0 } },
    { "mhi", { K_MUL, 0, 32, S_R1, S_IMM, E_NONE, 0, 0, 0, 0, 0 } },
    { "mghi", { K_MUL, 0, 64, S_R1, S_IMM, E_NONE, 0, 0, 0, 0, 0 } },
    { "msfi", { K_MUL, 0, 32, S_R1, S_IMM, E_NONE, 0, 0, 0, 0, 0 } },
    { "msgfi", { K_MUL, 0, 64, S_R1, S_IMM, E_NONE, 0, 0, 0, 0, 0 } },
    /* shifts and rotates by a constant amount (B2 = 0) */
    { "sll", { K_SHIFT, SH_SLL, 32, S_R1, 0, 0, CC_NONE, 0, 0, 0, 0 } },
    { "srl", { K_SHIFT, SH_SRL, 32, S_R1, 0, 0, CC_NONE, 0, 0, 0, 0 } },
    { "sllk", { K_SHIFT, SH_SLL, 32, S_R3, 0, 0, CC_NONE, 0, 0, 0, 0 } },
    { "srlk", { K_SHIFT, SH_SRL, 32, S_R3, 0, 0, CC_NONE, 0, 0, 0, 0 } },
    { "sllg", { K_SHIFT, SH_SLL, 64, S_R3, 0, 0, CC_NONE, 0, 0, 0, 0 } },
    { "srlg", { K_SHIFT, SH_SRL, 64, S_R3, 0, 0, CC_NONE, 0, 0, 0, 0 } },
    { "sra", { K_SHIFT, SH_SRA, 32, S_R1, 0, 0, CC_SIGNED, 0, 0, 0, 0 } },
    { "srak", { K_SHIFT, SH_SRA, 32, S_R3, 0, 0, CC_SIGNED, 0, 0, 0, 0 } },
    { "srag", { K_SHIFT, SH_SRA, 64, S_R3, 0, 0, CC_SIGNED, 0, 0, 0, 0 } },
    { "rll", { K_SHIFT, SH_RL, 32, S_R3, 0, 0, CC_NONE, 0, 0, 0, 0 } },
    { "rllg", { K_SHIFT, SH_RL, 64, S_R3, 0, 0, CC_NONE, 0, 0, 0, 0 } },
    /* rotate then insert / and / or / xor selected bits */
    { "risbg", { K_RISBG, 0, 64, 0, 0, 0, CC_SIGNED, 0, 0, 0, 0 } },
    { "rnsbg", { K_RSBG, A_AND, 64, 0, 0, 0, CC_NZ, 0, 0, 0, 0 } },
    { "rosbg", { K_RSBG, A_OR, 64, 0, 0, 0, CC_NZ, 0, 0, 0, 0 } },
    { "rxsbg", { K_RSBG, A_XOR, 64, 0, 0, 0, CC_NZ, 0, 0, 0, 0 } },
    /* addresses (64-bit addressing mode: the block's entry checks it) */
    { "la", { K_LA, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "lay", { K_LA, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "larl", { K_LARL, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
    /* loads (RX, RXY) */
    { "l", MEM(A_MOV, 32, 4, E_NONE, CC_NONE) },
    { "ly", MEM(A_MOV, 32, 4, E_NONE, CC_NONE) },
    { "lg", MEM(A_MOV, 64, 8, E_NONE, CC_NONE) },
    { "lgf", MEM(A_MOV, 64, 4, E_S32, CC_NONE) },
    { "llgf", MEM(A_MOV, 64, 4, E_Z32, CC_NONE) },
    { "lh", MEM(A_MOV, 32, 2, E_S16, CC_NONE) },
    { "lhy", MEM(A_MOV, 32, 2, E_S16, CC_NONE) },
    { "lgh", MEM(A_MOV, 64, 2, E_S16, CC_NONE) },
    { "llgh", MEM(A_MOV, 64, 2, E_Z16, CC_NONE) },
    { "llh", MEM(A_MOV, 32, 2, E_Z16, CC_NONE) },
    { "llgc", MEM(A_MOV, 64, 1, E_Z8, CC_NONE) },
    { "llc", MEM(A_MOV, 32, 1, E_Z8, CC_NONE) },
    { "lb", MEM(A_MOV, 32, 1, E_S8, CC_NONE) },
    { "lgb", MEM(A_MOV, 64, 1, E_S8, CC_NONE) },
    { "lt", MEM(A_MOV, 32, 4, E_NONE, CC_SIGNED) },
    { "ltg", MEM(A_MOV, 64, 8, E_NONE, CC_SIGNED) },
    { "ltgf", MEM(A_MOV, 64, 4, E_S32, CC_SIGNED) },
    /* arithmetic, logic and compares with a storage operand */
    { "a", MEM(A_ADD, 32, 4, E_NONE, CC_SIGNED) },
    { "ay", MEM(A_ADD, 32, 4, E_NONE, CC_SIGNED) },
    { "ah", MEM(A_ADD, 32, 2, E_S16, CC_SIGNED) },
    { "ahy", MEM(A_ADD, 32, 2, E_S16, CC_SIGNED) },
    { "ag", MEM(A_ADD, 64, 8, E_NONE, CC_SIGNED) },
    { "agf", MEM(A_ADD, 64, 4, E_S32, CC_SIGNED) },
    { "s", MEM(A_SUB, 32, 4, E_NONE, CC_SIGNED) },
    { "sy", MEM(A_SUB, 32, 4, E_NONE, CC_SIGNED) },
    { "sh", MEM(A_SUB, 32, 2, E_S16, CC_SIGNED) },
    { "shy", MEM(A_SUB, 32, 2, E_S16, CC_SIGNED) },
    { "sg", MEM(A_SUB, 64, 8, E_NONE, CC_SIGNED) },
    { "sgf", MEM(A_SUB, 64, 4, E_S32, CC_SIGNED) },
    { "al", MEM(A_ADDL, 32, 4, E_NONE, CC_ADDL) },
    { "aly", MEM(A_ADDL, 32, 4, E_NONE, CC_ADDL) },
    { "alg", MEM(A_ADDL, 64, 8, E_NONE, CC_ADDL) },
    { "algf", MEM(A_ADDL, 64, 4, E_Z32, CC_ADDL) },
    { "sl", MEM(A_SUBL, 32, 4, E_NONE, CC_SUBL) },
    { "sly", MEM(A_SUBL, 32, 4, E_NONE, CC_SUBL) },
    { "slg", MEM(A_SUBL, 64, 8, E_NONE, CC_SUBL) },
    { "slgf", MEM(A_SUBL, 64, 4, E_Z32, CC_SUBL) },
    { "n", MEM(A_AND, 32, 4, E_NONE, CC_NZ) },
    { "ny", MEM(A_AND, 32, 4, E_NONE, CC_NZ) },
    { "o", MEM(A_OR, 32, 4, E_NONE, CC_NZ) },
    { "oy", MEM(A_OR, 32, 4, E_NONE, CC_NZ) },
    { "x", MEM(A_XOR, 32, 4, E_NONE, CC_NZ) },
    { "xy", MEM(A_XOR, 32, 4, E_NONE, CC_NZ) },
    { "ng", MEM(A_AND, 64, 8, E_NONE, CC_NZ) },
    { "og", MEM(A_OR, 64, 8, E_NONE, CC_NZ) },
    { "xg", MEM(A_XOR, 64, 8, E_NONE, CC_NZ) },
    { "c", MEM(A_CMP, 32, 4, E_NONE, CC_CMPS) },
    { "cy", MEM(A_CMP, 32, 4, E_NONE, CC_CMPS) },
    { "ch", MEM(A_CMP, 32, 2, E_S16, CC_CMPS) },
    { "chy", MEM(A_CMP, 32, 2, E_S16, CC_CMPS) },
    { "cg", MEM(A_CMP, 64, 8, E_NONE, CC_CMPS) },
    { "cgf", MEM(A_CMP, 64, 4, E_S32, CC_CMPS) },
    { "cl", MEM(A_CMPL, 32, 4, E_NONE, CC_CMPU) },
    { "cly", MEM(A_CMPL, 32, 4, E_NONE, CC_CMPU) },
    { "clg", MEM(A_CMPL, 64, 8, E_NONE, CC_CMPU) },
    { "clgf", MEM(A_CMPL, 64, 4, E_Z32, CC_CMPU) },
    /* stores of R1's low bytes */
    { "st", STORE(4) },
    { "sty", STORE(4) },
    { "stg", STORE(8) },
    { "sth", STORE(2) },
    { "sthy", STORE(2) },
    { "stc", STORE(1) },
    { "stcy", STORE(1) },
    /* relative-long loads, compares and stores (a misaligned operand: no
     * template, the handler's specification exception) */
    { "lrl", RL(A_MOV, 32, 4, E_NONE, CC_NONE) },
    { "lgrl", RL(A_MOV, 64, 8, E_NONE, CC_NONE) },
    { "lgfrl", RL(A_MOV, 64, 4, E_S32, CC_NONE) },
    { "llgfrl", RL(A_MOV, 64, 4, E_Z32, CC_NONE) },
    { "lhrl", RL(A_MOV, 32, 2, E_S16, CC_NONE) },
    { "lghrl", RL(A_MOV, 64, 2, E_S16, CC_NONE) },
    { "llhrl", RL(A_MOV, 32, 2, E_Z16, CC_NONE) },
    { "llghrl", RL(A_MOV, 64, 2, E_Z16, CC_NONE) },
    { "crl", RL(A_CMP, 32, 4, E_NONE, CC_CMPS) },
    { "cgrl", RL(A_CMP, 64, 8, E_NONE, CC_CMPS) },
    { "clrl", RL(A_CMPL, 32, 4, E_NONE, CC_CMPU) },
    { "clgrl", RL(A_CMPL, 64, 8, E_NONE, CC_CMPU) },
    { "chrl", RL(A_CMP, 32, 2, E_S16, CC_CMPS) },
    { "cghrl", RL(A_CMP, 64, 2, E_S16, CC_CMPS) },
    { "cgfrl", RL(A_CMP, 64, 4, E_S32, CC_CMPS) },
    { "clhrl", RL(A_CMPL, 32, 2, E_Z16, CC_CMPU) },
    { "clghrl", RL(A_CMPL, 64, 2, E_Z16, CC_CMPU) },
    { "clgfrl", RL(A_CMPL, 64, 4, E_Z32, CC_CMPU) },
    { "strl", STORE_RL(4) },
    { "stgrl", STORE_RL(8) },
    { "sthrl", STORE_RL(2) },
    /* storage and immediate: stores, compares, test under mask */
    { "mvi", STORE_I(1) },
    { "mviy", STORE_I(1) },
    { "mvhhi", STORE_I(2) },
    { "mvhi", STORE_I(4) },
    { "mvghi", STORE_I(8) },
    { "cli", MCMP(A_CMPL, 1, E_Z8) },
    { "cliy", MCMP(A_CMPL, 1, E_Z8) },
    { "chhsi", MCMP(A_CMP, 2, E_S16) },
    { "chsi", MCMP(A_CMP, 4, E_S32) },
    { "cghsi", MCMP(A_CMP, 8, E_NONE) },
    { "clhhsi", MCMP(A_CMPL, 2, E_Z16) },
    { "clfhsi", MCMP(A_CMPL, 4, E_Z32) },
    { "clghsi", MCMP(A_CMPL, 8, E_NONE) },
    { "tm", { K_TM, 0, 0, 0, 0, 0, CC_CMPU, 0, 1, AM_S1, 0 } },
    { "tmy", { K_TM, 0, 0, 0, 0, 0, CC_CMPU, 0, 1, AM_S1, 0 } },
    /* test under mask of a register halfword (sh: its position) */
    { "tmll", { K_TMH, 0, 0, 0, 0, 0, CC_CMPU, 0, 0, 0, 0 } },
    { "tmlh", { K_TMH, 0, 0, 0, 0, 0, CC_CMPU, 16, 0, 0, 0 } },
    { "tmhl", { K_TMH, 0, 0, 0, 0, 0, CC_CMPU, 32, 0, 0, 0 } },
    { "tmhh", { K_TMH, 0, 0, 0, 0, 0, CC_CMPU, 48, 0, 0, 0 } },
    /* load on condition, insert character */
    { "locr", { K_LOC, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "locgr", { K_LOC, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "ic", { K_IC, 0, 64, 0, 0, 0, 0, 0, 1, AM_X, 0 } },
    { "icy", { K_IC, 0, 64, 0, 0, 0, 0, 0, 1, AM_X, 0 } },
    /* floating-point registers: moves (a: source, b: destination; 1 =
     * FPR), loads and stores of 8 bytes */
    { "ldr", { K_FMOVE, 0, 64, 1, 1, 0, 0, 0, 0, 0, 0 } },
    { "ldgr", { K_FMOVE, 0, 64, 0, 1, 0, 0, 0, 0, 0, 0 } },
    { "lgdr", { K_FMOVE, 0, 64, 1, 0, 0, 0, 0, 0, 0, 0 } },
    { "ld", { K_ALU, A_MOV, 64, S_NONE, S_MEM, E_NONE, CC_NONE, 0, 8, AM_X, 1 } },
    { "ldy", { K_ALU, A_MOV, 64, S_NONE, S_MEM, E_NONE, CC_NONE, 0, 8, AM_X, 1 } },
    { "std", { K_STORE, 0, 0, 0, S_R1, 0, CC_NONE, 0, 8, AM_X, 1 } },
    { "stdy", { K_STORE, 0, 0, 0, S_R1, 0, CC_NONE, 0, 8, AM_X, 1 } },
    /* load and store multiple (64-bit registers, one page) */
    { "lmg", { K_LMG, 0, 64, 0, 0, 0, 0, 0, 0, AM_X, 0 } },
    { "stmg", { K_STMG, 0, 64, 0, 0, 0, 0, 0, 0, AM_X, 0 } },
    /* load complement / positive / negative (ext: of a 32-bit source) */
    { "lcr", { K_NEG, NEG_C, 32, 0, 0, E_NONE, CC_SIGNED, 0, 0, 0, 0 } },
    { "lcgr", { K_NEG, NEG_C, 64, 0, 0, E_NONE, CC_SIGNED, 0, 0, 0, 0 } },
    { "lcgfr", { K_NEG, NEG_C, 64, 0, 0, E_S32, CC_SIGNED, 0, 0, 0, 0 } },
    { "lpr", { K_NEG, NEG_P, 32, 0, 0, E_NONE, CC_SIGNED, 0, 0, 0, 0 } },
    { "lpgr", { K_NEG, NEG_P, 64, 0, 0, E_NONE, CC_SIGNED, 0, 0, 0, 0 } },
    { "lpgfr", { K_NEG, NEG_P, 64, 0, 0, E_S32, CC_SIGNED, 0, 0, 0, 0 } },
    { "lnr", { K_NEG, NEG_N, 32, 0, 0, E_NONE, CC_SIGNED, 0, 0, 0, 0 } },
    { "lngr", { K_NEG, NEG_N, 64, 0, 0, E_NONE, CC_SIGNED, 0, 0, 0, 0 } },
    { "lngfr", { K_NEG, NEG_N, 64, 0, 0, E_S32, CC_SIGNED, 0, 0, 0, 0 } },
    /* add immediate to storage (Python's reference counts: AGSI) */
    { "asi", { K_ASI, A_ADD, 32, 0, 0, 0, CC_SIGNED, 0, 4, AM_S1, 0 } },
    { "agsi", { K_ASI, A_ADD, 64, 0, 0, 0, CC_SIGNED, 0, 8, AM_S1, 0 } },
    { "alsi", { K_ASI, A_ADDL, 32, 0, 0, 0, CC_ADDL, 0, 4, AM_S1, 0 } },
    { "algsi", { K_ASI, A_ADDL, 64, 0, 0, 0, CC_ADDL, 0, 8, AM_S1, 0 } },
    /* compare and branch relative (RI4; the CC unchanged): b = S_R2 or the
     * immediate, op signed or logical */
    { "crj", { K_CJ, A_CMP, 32, 0, S_R2, 0, CC_NONE, 0, 0, 0, 0 } },
    { "cgrj", { K_CJ, A_CMP, 64, 0, S_R2, 0, CC_NONE, 0, 0, 0, 0 } },
    { "clrj", { K_CJ, A_CMPL, 32, 0, S_R2, 0, CC_NONE, 0, 0, 0, 0 } },
    { "clgrj", { K_CJ, A_CMPL, 64, 0, S_R2, 0, CC_NONE, 0, 0, 0, 0 } },
    { "cij", { K_CJ, A_CMP, 32, 0, S_IMM, 0, CC_NONE, 0, 0, 0, 0 } },
    { "cgij", { K_CJ, A_CMP, 64, 0, S_IMM, 0, CC_NONE, 0, 0, 0, 0 } },
    { "clij", { K_CJ, A_CMPL, 32, 0, S_IMM, 0, CC_NONE, 0, 0, 0, 0 } },
    { "clgij", { K_CJ, A_CMPL, 64, 0, S_IMM, 0, CC_NONE, 0, 0, 0, 0 } },
    /* MVC: each operand one host range, not overlapping destructively;
     * XC as XC X,X (the clearing idiom; any other XC leaves the block) */
    { "mvc", { K_MVC, 0, 0, 0, 0, 0, CC_NONE, 0, 0, AM_S1, 0 } },
    { "xc", { K_XC, 0, 0, 0, 0, 0, CC_NZ, 0, 0, AM_S1, 0 } },
    /* relative branches: the block ends with them */
    { "brc", { K_BRC, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "brcl", { K_BRC, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "brct", { K_BRCT, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "brctg", { K_BRCT, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
    /* calls and returns (R2 = 0: no branch, no template); they end the block */
    { "bras", { K_CALL, CALL_REL, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "brasl", { K_CALL, CALL_REL, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "basr", { K_CALL, CALL_REG, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
    { "bcr", { K_BCR, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0 } },
};

/* The MVC template copies with AVX registers. */
static bool host_has_avx(void)
{
    static int avx = -1;
    if (avx < 0)
        avx = __builtin_cpu_supports("avx") ? 1 : 0;
    return avx;
}

static JitOp *op_by_row;        /* insn_table row -> template (kind 0: none) */
static pthread_once_t op_once = PTHREAD_ONCE_INIT;

static void build_ops(void)
{
    op_by_row = calloc(insn_table_len, sizeof(*op_by_row));
    if (!op_by_row)
        return;
    for (size_t i = 0; i < sizeof(jit_ops) / sizeof(jit_ops[0]); i++) {
        const InsnDef *d = decode_find_mnemonic(jit_ops[i].mnemonic);
        if (d)
            op_by_row[d - insn_table] = jit_ops[i].op;
    }
}

const JitOp *jit_op_of(const DecodedInsn *di)
{
    pthread_once(&op_once, build_ops);
    if (!op_by_row)
        return NULL;
    const JitOp *op = &op_by_row[di->in.row];
    if (!op->kind)
        return NULL;
    if (op->kind == K_SHIFT && di->in.b2)
        return NULL;
    if ((op->kind == K_BCR || (op->kind == K_CALL && op->op == CALL_REG)) && !di->in.r2)
        return NULL;
    if (op->am == AM_RL && ((di->in.addr + 2 * (uint64_t)di->in.i2) & (op->size - 1)))
        return NULL;
    if ((op->kind == K_MVC || op->kind == K_XC) && !host_has_avx())
        return NULL;

    return op;
}

bool jit_ends_block(const JitOp *op, const Insn *in)
{
    return op->kind == K_CALL || op->kind == K_BCR || (op->kind == K_BRC && (in->r1 & 15) == 15) ||
           (op->kind == K_CJ && (in->m3 & 14) == 14);
}

bool jit_has_storage_operand(const JitOp *op)
{
    return op->b == S_MEM || op->kind == K_STORE || op->kind == K_MCMP || op->kind == K_TM ||
           op->kind == K_IC || op->kind == K_LMG || op->kind == K_STMG || op->kind == K_ASI ||
           op->kind == K_MVC || op->kind == K_XC;
}

uint64_t jit_rel_target(const JitOp *op, const Insn *in)
{
    return in->addr + 2 * (uint64_t)(int64_t)(op->kind == K_CJ ? in->i4 : in->i2);
}

static void deopt_jcc(Gen *g, unsigned cc)
{
    if (g->ndeopt < JIT_MAX_DEOPT)
        g->deopt_fix[g->ndeopt++] = x_jcc_fwd(&g->b, cc);
    else
        g->b.full = true;
}

static int reg_of(const Insn *in, int s)
{
    return s == S_R1 ? in->r1 : s == S_R2 ? in->r2 : in->r3;
}

/* R9 <- CC from the flags: c1 gives 1, c2 gives 2 (low/high, or nonzero /
 * carry); only after the instruction can no longer leave the block, so
 * that a CC still pending in R9 survives until then. */
static void cc_two(XBuf *b, unsigned c1, unsigned c2)
{
    x_setcc(b, c1, X_R10);
    x_setcc(b, c2, X_R11);
    x_movzx8(b, X_R10, X_R10);
    x_movzx8(b, X_R11, X_R11);
    x_lea_a_2b(b, H_CC, X_R10, X_R11);
}
static void cc_one(XBuf *b, unsigned c1)
{
    x_setcc(b, c1, X_R10);
    x_movzx8(b, H_CC, X_R10);
}

void jit_cc_store(XBuf *b)
{
    x_load(b, true, X_R11, H_CPU, PSW);
    x_btr(b, X_R11, PSW_SHIFT_CC);
    x_btr(b, X_R11, PSW_SHIFT_CC + 1);
    x_mov_reg(b, X_R10, H_CC);
    x_shift(b, true, XS_SHL, X_R10, PSW_SHIFT_CC);
    x_alu(b, true, XA_OR, X_R11, X_R10);
    x_store(b, true, X_R11, H_CPU, PSW);
}

/* GR r <- reg: all 64 bits, or (w64 false) bits 32-63 from reg (whose
 * high half is zero, as after any 32-bit operation) with bits 0-31 kept.
 * Always as one 8-byte store: a later 8-byte load of the register would
 * wait for a 4-byte store to retire (no store-to-load forwarding from a
 * narrower store), some 10 host cycles on every such pair. */
static void store_gr(XBuf *b, bool w64, int reg, int r)
{
    if (!w64) {
        x_load(b, true, X_R8, H_CPU, GR(r));
        x_shift(b, true, XS_SHR, X_R8, 32);
        x_shift(b, true, XS_SHL, X_R8, 32);
        x_alu(b, true, XA_OR, X_R8, reg);
        reg = X_R8;
    }
    x_store(b, true, reg, H_CPU, GR(r));
}

/* Loads w bytes at [base+off] into GR reg (zero-extended), stores its low
 * w bytes there, or reverses their order (host to guest byte order). */
static void load_w(XBuf *b, unsigned w, int reg, int base, int32_t off)
{
    if (w == 8) x_load(b, true, reg, base, off);
    if (w == 4) x_load(b, false, reg, base, off);
    if (w == 2) x_load16(b, false, false, reg, base, off);
    if (w == 1) x_load8(b, false, false, reg, base, off);
}
static void store_w(XBuf *b, unsigned w, int reg, int base, int32_t off)
{
    if (w == 8) x_store(b, true, reg, base, off);
    if (w == 4) x_store(b, false, reg, base, off);
    if (w == 2) x_store16(b, reg, base, off);
    if (w == 1) x_store8(b, reg, base, off);
}
static void bswap_w(XBuf *b, unsigned w, int reg)
{
    if (w == 8 || w == 4) x_bswap(b, w == 8, reg);
    if (w == 2) x_swap16(b, reg);
}

/* The access a storage operand's exact hit is for. */
enum { OP_FETCH, OP_STORE, OP_UPDATE };

/* reg <- X + B + D (64-bit addressing mode: no wrap), X or B 0 for none. */
static void ea_to(XBuf *b, int reg, int x, int base, int32_t disp)
{
    x_mov_imm(b, reg, (uint64_t)(int64_t)disp);
    if (x)
        x_alu_mem(b, true, XM_ADD, reg, H_CPU, GR(x));
    if (base)
        x_alu_mem(b, true, XM_ADD, reg, H_CPU, GR(base));
}

/* Out of the block unless R8 equals the TLB entry's (RCX) field at
 * read_off, at write_off, or both, as the kind of access needs. */
static void tags_or_deopt(Gen *g, int kind, size_t read_off, size_t write_off)
{
    if (kind != OP_STORE) {
        x_cmp_mem(&g->b, true, X_R8, X_RCX, (int32_t)read_off);
        deopt_jcc(g, XC_NE);
    }
    if (kind != OP_FETCH) {
        x_cmp_mem(&g->b, true, X_R8, X_RCX, (int32_t)write_off);
        deopt_jcc(g, XC_NE);
    }
}

/* reg <- the host address of the guest address in reg, through the exact
 * hit of op_tlb for the kind (tag under the key, the read and/or the write
 * entry), or out of the block.  Uses RCX, R8, R10. */
static void tlb_host(Gen *g, int reg, int kind)
{
    XBuf *b = &g->b;
    /* the entry: op_tlb[(addr >> 12) % TLB_ENTRIES] */
    x_mov_reg(b, X_RCX, reg);
    x_shift(b, true, XS_SHR, X_RCX, 12);
    x_and_imm(b, false, X_RCX, TLB_ENTRIES - 1);
    x_imul_imm(b, X_RCX, X_RCX, (int32_t)sizeof(TlbEntry));
    x_alu_mem(b, true, XM_ADD, X_RCX, H_CPU, CPU_FIELD(op_tlb));
    /* its tag for the kind against the page and the key */
    x_mov_reg(b, X_R8, reg);
    x_and_imm(b, true, X_R8, (int32_t)PAGE_MASK);
    x_load_u8(b, X_R10, H_CPU, CPU_FIELD(op_keytag));
    x_alu(b, true, XA_OR, X_R8, X_R10);
    tags_or_deopt(g, kind, offsetof(TlbEntry, tag_read), offsetof(TlbEntry, tag_write));
    x_and_imm(b, false, reg, (int32_t)~PAGE_MASK);
    x_alu_mem(b, true, XM_ADD, reg, X_RCX, (int32_t)offsetof(TlbEntry, host));
}

/* RAX <- the host address of the size-byte storage operand (64-bit
 * addressing mode), for a load, a store or both: the exact TLB hit of
 * try_host (the block's entry has compared the PSW with op_try_mode), or
 * out of the block on a miss.  An operand that crosses a page leaves the
 * block too, unless cross: then its second page must be an exact hit as
 * well and follow the first in host memory (as insn_mvc's one-move case),
 * so that the operand is one host range.  Uses RCX, R8, R10, R11. */
static void operand_host_x(Gen *g, const Insn *in, unsigned size, int kind, unsigned am,
                           bool cross)
{
    XBuf *b = &g->b;
    if (am == AM_RL)
        x_mov_imm(b, X_RAX, in->addr + 2 * (uint64_t)in->i2);
    else if (am == AM_S1)
        ea_to(b, X_RAX, 0, in->b1, in->d1);
    else
        ea_to(b, X_RAX, in->x2, in->b2, in->d2);
    if (size <= 1 || am == AM_RL) {     /* an aligned RL operand never crosses */
        tlb_host(g, X_RAX, kind);
        return;
    }
    if (!cross) {
        x_mov_reg32(b, X_RCX, X_RAX);
        x_and_imm(b, false, X_RCX, (int32_t)~PAGE_MASK);
        x_cmp_imm32(b, X_RCX, (int32_t)(PAGE_SIZE - size));
        deopt_jcc(g, XC_A);
        tlb_host(g, X_RAX, kind);
        return;
    }
    x_mov_reg(b, X_R11, X_RAX);                 /* the guest address */
    tlb_host(g, X_RAX, kind);
    x_mov_reg32(b, X_R10, X_R11);
    x_and_imm(b, false, X_R10, (int32_t)~PAGE_MASK);
    x_cmp_imm32(b, X_R10, (int32_t)(PAGE_SIZE - size));
    uint8_t *one_page = x_jcc_fwd(b, XC_BE);
    /* The second page: the first page's pair tags (tlb.h) hold its tag
     * (R8) only when the next page is an exact hit too, in the frame that
     * follows in host memory. */
    tags_or_deopt(g, kind, offsetof(TlbEntry, pair_read), offsetof(TlbEntry, pair_write));
    x_patch(b, one_page, b->p);
}

static void operand_host(Gen *g, const Insn *in, unsigned size, int kind, unsigned am)
{
    operand_host_x(g, in, size, kind, am, false);
}

/* reg <- the size-byte storage operand (big-endian), extended by ext to
 * 32 bits or (w64) to 64.  Uses RAX. */
static void load_storage(Gen *g, const Insn *in, unsigned size, unsigned ext, bool w64,
                         unsigned am, int reg)
{
    XBuf *b = &g->b;
    operand_host(g, in, size, OP_FETCH, am);
    switch (size) {
    case 1:
        x_load8(b, ext == E_S8, w64, reg, X_RAX, 0);
        break;
    case 2:
        x_load16(b, false, false, reg, X_RAX, 0);
        x_swap16(b, reg);
        if (ext == E_S16)
            x_movsx16(b, w64, reg, reg);
        else
            x_movzx16(b, reg, reg);
        break;
    case 4:
        x_load(b, false, reg, X_RAX, 0);
        x_bswap(b, false, reg);
        if (ext == E_S32)
            x_movsxd(b, reg, reg);
        break;
    default:
        x_load(b, true, reg, X_RAX, 0);
        x_bswap(b, true, reg);
        break;
    }
}

/* The operand B of op into RCX, extended to the op's width (64-bit
 * forms extend to 64). */
static void load_b(Gen *g, const JitOp *op, const Insn *in)
{
    XBuf *b = &g->b;
    const bool w64 = op->w == 64;
    if (op->b == S_IMM) {
        uint64_t v = (uint64_t)in->i2;
        switch (op->ext) {
        case E_Z32: v = (uint32_t)v; break;
        case E_Z16: v = (uint16_t)v; break;
        default: break;
        }
        v <<= op->sh;
        x_mov_imm(b, X_RCX, w64 ? v : (uint32_t)v);
        return;
    }
    if (op->b == S_MEM) {
        load_storage(g, in, op->size, op->ext, w64, op->am, X_RCX);
        return;
    }
    const int32_t src = GR(reg_of(in, op->b));
    switch (op->ext) {
    case E_NONE: x_load(b, w64, X_RCX, H_CPU, src); break;
    case E_S32:  x_load_s32(b, X_RCX, H_CPU, src); break;
    case E_Z32:  x_load(b, false, X_RCX, H_CPU, src); break;
    case E_S8:   x_load8(b, true, w64, X_RCX, H_CPU, src); break;
    case E_Z8:   x_load8(b, false, false, X_RCX, H_CPU, src); break;
    case E_S16:  x_load16(b, true, w64, X_RCX, H_CPU, src); break;
    case E_Z16:  x_load16(b, false, false, X_RCX, H_CPU, src); break;
    }
}

static void gen_alu(Gen *g, const JitOp *op, const Insn *in, bool want_cc)
{
    XBuf *b = &g->b;
    const bool w64 = op->w == 64;
    load_b(g, op, in);
    if (op->op == A_MOV) {
        if (want_cc) {
            x_alu(b, w64, XA_TEST, X_RCX, X_RCX);
            cc_two(b, XC_L, XC_G);
        }
        if (op->fp)
            x_store(b, true, X_RCX, H_CPU, FPR(in->r1));
        else
            store_gr(b, w64, X_RCX, in->r1);
        return;
    }
    x_load(b, w64, X_RAX, H_CPU, GR(reg_of(in, op->a)));
    static const uint8_t alu_code[] = {
        [A_ADD] = XA_ADD, [A_SUB] = XA_SUB, [A_ADDL] = XA_ADD, [A_SUBL] = XA_SUB,
        [A_AND] = XA_AND, [A_OR] = XA_OR, [A_XOR] = XA_XOR, [A_CMP] = XA_CMP, [A_CMPL] = XA_CMP,
    };
    x_alu(b, w64, alu_code[op->op], X_RAX, X_RCX);
    if (op->op == A_ADD || op->op == A_SUB)
        deopt_jcc(g, XC_O);     /* overflow: out before anything is stored */
    if (want_cc) {
        switch (op->cc) {
        case CC_SIGNED: cc_two(b, XC_L, XC_G); break;   /* no overflow: SF is the sign */
        case CC_NZ: cc_one(b, XC_NE); break;
        case CC_ADDL: cc_two(b, XC_NE, XC_B); break;    /* nonzero | carry << 1 */
        case CC_SUBL: cc_two(b, XC_NE, XC_AE); break;   /* nonzero | no borrow << 1 */
        case CC_CMPS: cc_two(b, XC_L, XC_G); break;
        case CC_CMPU: cc_two(b, XC_B, XC_A); break;
        }
    }
    if (op->op != A_CMP && op->op != A_CMPL)
        store_gr(b, w64, X_RAX, in->r1);
}

static void gen_store(Gen *g, const JitOp *op, const Insn *in)
{
    XBuf *b = &g->b;
    operand_host(g, in, op->size, OP_STORE, op->am);
    if (op->b == S_IMM)
        x_mov_imm(b, X_RCX, (uint64_t)in->i2 & (op->size == 8 ? ~0ULL : (1ULL << (8 * op->size)) - 1));
    else
        x_load(b, op->size == 8, X_RCX, H_CPU, op->fp ? FPR(in->r1) : GR(in->r1));
    bswap_w(b, op->size, X_RCX);
    store_w(b, op->size, X_RCX, X_RAX, 0);
}

/* Storage (first operand) against the immediate, both extended to 64 bits. */
static void gen_mcmp(Gen *g, const JitOp *op, const Insn *in, bool want_cc)
{
    XBuf *b = &g->b;
    load_storage(g, in, op->size, op->ext, true, op->am, X_R8);
    const uint64_t imm = op->op == A_CMP ? (uint64_t)in->i2
                         : op->size == 1 ? (uint8_t)in->i2 : (uint16_t)in->i2;
    x_mov_imm(b, X_RCX, imm);
    x_alu(b, true, XA_CMP, X_R8, X_RCX);
    if (want_cc)
        cc_two(b, op->op == A_CMP ? XC_L : XC_B, op->op == A_CMP ? XC_G : XC_A);
}

/* TM and TMxx: sel = v & mask; CC 0 when sel is zero (or the mask is), 3
 * when it is the mask, else 1 -- for TMxx, 2 when the mask's leftmost bit
 * is one in v.  As sums of flags: nonzero + (leftmost) + all ones (TMxx),
 * nonzero + 2 * all ones (TM). */
static void gen_tm(Gen *g, const JitOp *op, const Insn *in, bool want_cc)
{
    XBuf *b = &g->b;
    const unsigned mask = op->kind == K_TM ? (uint8_t)in->i2 : (uint16_t)in->i2;
    if (op->kind == K_TM) {
        load_storage(g, in, 1, E_Z8, false, op->am, X_R8);
    } else {
        x_load(b, true, X_R8, H_CPU, GR(in->r1));
        if (op->sh)
            x_shift(b, true, XS_SHR, X_R8, op->sh);
    }
    if (!want_cc)
        return;
    if (!mask) {
        x_alu(b, false, XA_XOR, H_CC, H_CC);
        return;
    }
    x_mov_reg32(b, X_RCX, X_R8);
    x_and_imm(b, false, X_RCX, (int32_t)mask);
    x_cmp_imm32(b, X_RCX, (int32_t)mask);
    x_setcc(b, XC_E, X_R10);                    /* all ones */
    x_alu(b, false, XA_TEST, X_RCX, X_RCX);
    x_setcc(b, XC_NE, X_R11);                   /* nonzero */
    x_movzx8(b, X_R10, X_R10);
    x_movzx8(b, X_R11, X_R11);
    if (op->kind == K_TM) {
        x_lea_a_2b(b, H_CC, X_R11, X_R10);
        return;
    }
    const unsigned top = 0x8000u >> __builtin_clz(mask << 16);
    x_alu(b, false, XA_ADD, X_R10, X_R11);
    x_and_imm(b, false, X_R8, (int32_t)top);    /* the leftmost selected bit */
    x_setcc(b, XC_NE, X_R11);
    x_movzx8(b, X_R11, X_R11);
    x_alu(b, false, XA_ADD, X_R10, X_R11);
    x_mov_reg32(b, H_CC, X_R10);
}

/* RCX <- 1 when CC is one of mask m's (bit 8 >> CC), via CF: the CC from
 * R9 when this block set it, else from the PSW.  Uses RAX, R8. */
enum { CC_FROM_PSW, CC_FROM_R9, CC_FROM_RAX };
static void cc_test(XBuf *b, unsigned m, int from)
{
    const unsigned t = ((m >> 3) & 1) | ((m >> 1) & 2) | ((m << 1) & 4) | ((m << 3) & 8);
    if (from == CC_FROM_RAX) {
        /* already there */
    } else if (from == CC_FROM_R9) {
        x_mov_reg32(b, X_RAX, H_CC);
    } else {
        x_load(b, true, X_RAX, H_CPU, PSW);
        x_shift(b, true, XS_SHR, X_RAX, PSW_SHIFT_CC);
        x_and_imm8(b, false, X_RAX, 3);
    }
    x_mov_imm(b, X_R8, t);
    x_bt(b, X_R8, X_RAX);                       /* CF = bit CC of t */
}

/* LCR, LPR, LNR and their G and GF forms: R1 <- -R2, |R2|, -|R2|.  Only
 * the complement of the maximum negative number overflows (LC, LP):
 * then out of the block. */
static void gen_neg(Gen *g, const JitOp *op, const Insn *in, bool want_cc)
{
    XBuf *b = &g->b;
    const bool w64 = op->w == 64;
    if (op->ext == E_S32)
        x_load_s32(b, X_RAX, H_CPU, GR(in->r2));
    else
        x_load(b, w64, X_RAX, H_CPU, GR(in->r2));
    x_mov_reg(b, X_RCX, X_RAX);
    x_neg(b, w64, X_RCX);                       /* RCX = -R2, flags of it */
    if (op->op != NEG_N)
        deopt_jcc(g, XC_O);
    if (op->op == NEG_P)
        x_cmov_rr(b, w64, XC_S, X_RCX, X_RAX);  /* -R2 < 0: R2 itself */
    else if (op->op == NEG_N)
        x_cmov_rr(b, w64, XC_NS, X_RCX, X_RAX); /* -R2 >= 0: R2 itself */
    if (want_cc) {
        x_alu(b, w64, XA_TEST, X_RCX, X_RCX);
        cc_two(b, XC_L, XC_G);
    }
    store_gr(b, w64, X_RCX, in->r1);
}

/* ASI, AGSI, ALSI, ALGSI: the storage word += the signed byte I2, read
 * and written through the exact hit; a signed overflow leaves the block
 * before the store. */
static void gen_asi(Gen *g, const JitOp *op, const Insn *in, bool want_cc)
{
    XBuf *b = &g->b;
    const bool w64 = op->size == 8;
    operand_host(g, in, op->size, OP_UPDATE, op->am);
    load_w(b, op->size, X_RCX, X_RAX, 0);
    bswap_w(b, op->size, X_RCX);
    x_mov_imm(b, X_R8, w64 ? (uint64_t)(int64_t)(int8_t)in->i2 : (uint32_t)(int32_t)(int8_t)in->i2);
    x_alu(b, w64, XA_ADD, X_RCX, X_R8);
    if (op->op == A_ADD)
        deopt_jcc(g, XC_O);
    if (want_cc) {
        if (op->op == A_ADD)
            cc_two(b, XC_L, XC_G);
        else
            cc_two(b, XC_NE, XC_B);
    }
    bswap_w(b, op->size, X_RCX);
    store_w(b, op->size, X_RCX, X_RAX, 0);
}

/* Compare and branch: the comparison into flags (the CC unchanged), then
 * RAX <- 0 equal, 1 low, 2 high, for cc_test's mask test. */
static void gen_cj(Gen *g, const JitOp *op, const Insn *in)
{
    XBuf *b = &g->b;
    const bool w64 = op->w == 64;
    x_load(b, w64, X_RCX, H_CPU, GR(in->r1));
    if (op->b == S_IMM) {
        const uint64_t imm = op->op == A_CMP ? (uint64_t)in->i2 : (uint8_t)in->i2;
        x_mov_imm(b, X_R8, w64 ? imm : (uint32_t)imm);
    } else {
        x_load(b, w64, X_R8, H_CPU, GR(in->r2));
    }
    x_alu(b, w64, XA_CMP, X_RCX, X_R8);
    x_setcc(b, op->op == A_CMP ? XC_L : XC_B, X_R10);
    x_setcc(b, op->op == A_CMP ? XC_G : XC_A, X_R11);
    x_movzx8(b, X_R10, X_R10);
    x_movzx8(b, X_R11, X_R11);
    x_lea_a_2b(b, X_RAX, X_R10, X_R11);
}

/* The chunks of an unrolled len-byte move or clear: width w (32, 16, 8,
 * 4, 2 or 1 bytes) at offs[0..n), the last overlapping the one before it
 * when len is not a multiple (at most 8 chunks: 256 bytes). */
static unsigned chunks(unsigned len, unsigned offs[9], unsigned *w)
{
    unsigned n = 0;
    if (len >= 32) {
        *w = 32;
        for (unsigned o = 0; o + 32 <= len; o += 32)
            offs[n++] = o;
        if (len % 32)
            offs[n++] = len - 32;
        return n;
    }
    *w = len >= 16 ? 16 : len >= 8 ? 8 : len >= 4 ? 4 : len >= 2 ? 2 : 1;
    offs[n++] = 0;
    if (len != *w)
        offs[n++] = len - *w;
    return n;
}

/* n bytes (1-256) from s to d, each piece of a split MVC (below): every
 * byte loaded before the first is stored, and nothing stored outside
 * [d, d + n), by overlapping chunks as wide as n allows. */
__attribute__((target("avx"), always_inline)) static inline void
copy_piece(uint8_t *d, const uint8_t *s, size_t n)
{
#define LD(o) _mm256_loadu_si256((const void *)(s + (o)))
#define ST(o, v) _mm256_storeu_si256((void *)(d + (o)), v)
    if (n >= 128) {
        const __m256i a = LD(0), c = LD(32), e = LD(64), f = LD(96);
        const __m256i w = LD(n - 128), x = LD(n - 96), y = LD(n - 64), z = LD(n - 32);
        ST(0, a), ST(32, c), ST(64, e), ST(96, f);
        ST(n - 128, w), ST(n - 96, x), ST(n - 64, y), ST(n - 32, z);
    } else if (n >= 64) {
        const __m256i a = LD(0), c = LD(32), y = LD(n - 64), z = LD(n - 32);
        ST(0, a), ST(32, c), ST(n - 64, y), ST(n - 32, z);
    } else if (n >= 32) {
        const __m256i a = LD(0), z = LD(n - 32);
        ST(0, a), ST(n - 32, z);
    } else if (n >= 16) {
        const __m128i a = _mm_loadu_si128((const void *)s);
        const __m128i z = _mm_loadu_si128((const void *)(s + n - 16));
        _mm_storeu_si128((void *)d, a);
        _mm_storeu_si128((void *)(d + n - 16), z);
    } else if (n >= 8) {
        uint64_t a, z;
        memcpy(&a, s, 8), memcpy(&z, s + n - 8, 8);
        memcpy(d, &a, 8), memcpy(d + n - 8, &z, 8);
    } else if (n >= 4) {
        uint32_t a, z;
        memcpy(&a, s, 4), memcpy(&z, s + n - 4, 4);
        memcpy(d, &a, 4), memcpy(d + n - 4, &z, 4);
    } else {
        const uint8_t a = s[0], m = s[n / 2], z = s[n - 1];
        d[0] = a, d[n / 2] = m, d[n - 1] = z;
    }
#undef LD
#undef ST
}

/* The copy of an MVC whose first operand crosses a 4 KiB boundary of host
 * memory.  A store that straddles such a boundary costs this host (Zen 4)
 * some 20 cycles, more than the whole 256-byte copy (bench/README.md), so
 * the copy goes in pieces that end at both operands' boundaries (so that
 * no load straddles one either).  Pieces go left to right, which keeps MVC's result for every
 * overlap the template takes (the first operand at or below the second,
 * or wholly after it). */
__attribute__((target("avx"))) static void mvc_split(uint8_t *d, const uint8_t *s, size_t len)
{
    const size_t to_d = 4096 - ((uintptr_t)d & 4095), to_s = 4096 - ((uintptr_t)s & 4095);
    const size_t p1 = to_d < to_s ? to_d : to_s, p2 = to_d < to_s ? to_s : to_d;
    if (p1 >= len) {
        copy_piece(d, s, len);
        return;
    }
    copy_piece(d, s, p1);
    if (p2 >= len || p2 == p1) {
        copy_piece(d + p1, s + p1, len - p1);
        return;
    }
    copy_piece(d + p1, s + p1, p2 - p1);
    copy_piece(d + p2, s + p2, len - p2);
}

/* A store that straddles a 4 KiB boundary of host memory is slow here
 * (mvc_split), so MVC and the clearing XC step their 32-byte chunks from
 * such a boundary when their first operand crosses one.  These pieces are
 * the rule for both. */

/* ECX <- the offset of the len-byte operand at host address reg in its
 * 4 KiB block, compared with the last offset at which it stays inside
 * (the caller's jump: above, it crosses). */
static void cmp_block_end(XBuf *b, int reg, unsigned len)
{
    x_mov_reg32(b, X_RCX, reg);
    x_and_imm(b, false, X_RCX, 4095);
    x_cmp_imm32(b, X_RCX, (int32_t)(4096 - len));
}

/* Chunks stepped from the boundary: for len a multiple of 32 from 64, and
 * the boundary at least 32 bytes from either end, 32-byte chunks at 0, at
 * h + 32k (k < len / 32 - 1) and at len - 32 (h = the boundary's offset
 * mod 32) cover the operand, and none straddles the boundary. */
static bool grid_fits(unsigned len)
{
    return len % 32 == 0 && len >= 64;
}

/* After cmp_block_end found a crossing (ECX): returns the jump taken when
 * the boundary is within 32 bytes of an end (ECX not in [4096 - len + 32,
 * 4096 - 32]); past it, RCX = h.  Uses R10. */
static uint8_t *grid_phase(XBuf *b, unsigned len)
{
    x_lea(b, false, X_R10, X_RCX, -(int32_t)(4096 - len + 32));
    x_cmp_imm32(b, X_R10, (int32_t)(len - 64));
    uint8_t *near_end = x_jcc_fwd(b, XC_A);
    x_neg(b, false, X_RCX);
    x_and_imm(b, false, X_RCX, 31);
    return near_end;
}

/* The chunks, in order from the first, loaded from (store: stored to)
 * base with RCX = h: each its own YMM register from 0 up, or (one_reg)
 * all of them YMM0. */
static void grid_chunks(XBuf *b, bool store, int base, unsigned len, bool one_reg)
{
    const int inner = (int)(len / 32 - 1);
    x_vmov(b, store, true, 0, base, 0);
    for (int k = 0; k < inner; k++)
        x_vmov_x(b, store, true, one_reg ? 0 : 1 + k, base, X_RCX, 32 * k);
    x_vmov(b, store, true, one_reg ? 0 : 1 + inner, base, (int32_t)(len - 32));
}

/* The call of mvc_split(RSI, RAX, len), keeping the CPU, the budget and
 * the pending CC (RSP is 8 mod 16 in a block, as at a threaded entry:
 * three pushes and the call align it), counted in *count (a test can
 * then tell which crossings the chunks take: only speed depends on it). */
static void call_mvc_split(XBuf *b, unsigned len, uint64_t *count)
{
    x_push(b, H_CPU);
    x_push(b, H_BUDGET);
    x_push(b, H_CC);
    x_mov_reg(b, X_RDI, X_RSI);
    x_mov_reg(b, X_RSI, X_RAX);
    x_mov_imm(b, X_RAX, (uint64_t)(uintptr_t)count);
    x_inc_mem(b, X_RAX, 0);
    x_mov_imm(b, X_RDX, len);
    x_mov_imm(b, X_RAX, (uint64_t)(uintptr_t)mvc_split);
    x_call_reg(b, X_RAX);
    x_pop(b, H_CC);
    x_pop(b, H_BUDGET);
    x_pop(b, H_CPU);
}

/* The copy of an MVC whose first operand (RSI) crosses a 4 KiB boundary
 * of host memory, reached by the jump across (ECX as cmp_block_end left
 * it): the chunks stepped from the boundary when they fit, each loaded
 * (from RAX) before the first store as in gen_mvc; anything else calls
 * mvc_split (counted in *splits).  The call comes first, so that the
 * chunks run on into the code after the copy, where the jump done (the
 * in-block copy's) goes too: the crossing copy takes no more jumps than
 * the other. */
static void gen_mvc_across(XBuf *b, unsigned len, uint8_t *across, uint8_t *done,
                           uint64_t *splits)
{
    uint8_t *call_done = NULL;
    if (grid_fits(len)) {
        uint8_t *const call = b->p;
        call_mvc_split(b, len, splits);
        call_done = x_jmp_fwd(b);
        x_patch(b, across, b->p);
        x_patch(b, grid_phase(b, len), call);
        grid_chunks(b, false, X_RAX, len, false);
        grid_chunks(b, true, X_RSI, len, false);
        x_vzeroupper(b);
    } else {
        x_patch(b, across, b->p);
        call_mvc_split(b, len, splits);
    }
    x_patch(b, call_done, b->p);
    x_patch(b, done, b->p);
}

/* MVC of L + 1 bytes: both operands through exact hits (each one host
 * range: a page, or two that follow each other in host memory), every
 * byte loaded before the first is stored, which is MVC's left-to-right
 * result unless the first operand starts inside the second (1 <= d - s <
 * len: the propagating overlap), which leaves the block. */
static void gen_mvc(Gen *g, const Insn *in)
{
    XBuf *b = &g->b;
    const unsigned len = in->l1 + 1u;
    operand_host_x(g, in, len, OP_STORE, AM_S1, true);
    x_mov_reg(b, X_RSI, X_RAX);                 /* RSI: the first operand */
    Insn op2 = *in;
    op2.x2 = 0;
    operand_host_x(g, &op2, len, OP_FETCH, AM_X, true);     /* RAX: the second */
    if (len > 1) {
        x_mov_reg(b, X_RCX, X_RSI);
        x_alu(b, true, XA_SUB, X_RCX, X_RAX);
        x_sub_imm(b, X_RCX, 1);
        x_cmp_imm(b, X_RCX, (int32_t)(len - 1));
        deopt_jcc(g, XC_B);
    }
    unsigned offs[9], w;
    const unsigned n = chunks(len, offs, &w);
    if (w >= 16) {
        /* across a 4 KiB boundary of host memory: the code after this copy */
        cmp_block_end(b, X_RSI, len);
        uint8_t *across = x_jcc_fwd(b, XC_A);
        for (unsigned k = 0; k < n; k++)
            x_vmov(b, false, w == 32, (int)k, X_RAX, (int32_t)offs[k]);
        for (unsigned k = 0; k < n; k++)
            x_vmov(b, true, w == 32, (int)k, X_RSI, (int32_t)offs[k]);
        x_vzeroupper(b);
        gen_mvc_across(b, len, across, x_jmp_fwd(b), g->mvc_splits);
        return;
    }
    static const int gpr[2] = { X_RCX, X_R8 };
    for (unsigned k = 0; k < n; k++)
        load_w(b, w, gpr[k], X_RAX, (int32_t)offs[k]);
    for (unsigned k = 0; k < n; k++)
        store_w(b, w, gpr[k], X_RSI, (int32_t)offs[k]);
}

/* XC with both operands at the same address (XC X,X, the clearing idiom):
 * L + 1 zero bytes, CC 0; any other XC leaves the block (when B1/D1 and
 * B2/D2 differ, the addresses are compared at run time: the same address
 * through two registers is still the idiom).  The operand is read and
 * written (an update hit), one host range as for MVC. */
static void gen_xc_clear(Gen *g, const Insn *in, bool want_cc)
{
    XBuf *b = &g->b;
    const unsigned len = in->l1 + 1u;
    if (in->b1 != in->b2 || in->d1 != in->d2) {
        ea_to(b, X_RSI, 0, in->b2, in->d2);
        ea_to(b, X_RAX, 0, in->b1, in->d1);
        x_alu(b, true, XA_CMP, X_RAX, X_RSI);
        deopt_jcc(g, XC_NE);
    }
    operand_host_x(g, in, len, OP_UPDATE, AM_S1, true);
    unsigned offs[9], w;
    const unsigned n = chunks(len, offs, &w);
    if (w >= 16) {
        x_vzero(b, w == 32);
        uint8_t *plain[2] = { NULL, NULL }, *done = NULL;
        if (grid_fits(len)) {
            /* across a 4 KiB boundary of host memory: the zeros in chunks
             * stepped from it (no store straddles it); else as usual */
            cmp_block_end(b, X_RAX, len);
            plain[0] = x_jcc_fwd(b, XC_BE);
            plain[1] = grid_phase(b, len);
            grid_chunks(b, true, X_RAX, len, true);
            done = x_jmp_fwd(b);
        }
        for (int i = 0; i < 2; i++)
            x_patch(b, plain[i], b->p);
        for (unsigned k = 0; k < n; k++)
            x_vmov(b, true, w == 32, 0, X_RAX, (int32_t)offs[k]);
        x_patch(b, done, b->p);
        x_vzeroupper(b);
    } else {
        x_alu(b, false, XA_XOR, X_RCX, X_RCX);
        for (unsigned k = 0; k < n; k++)
            store_w(b, w, X_RCX, X_RAX, (int32_t)offs[k]);
    }
    if (want_cc)
        x_alu(b, false, XA_XOR, H_CC, H_CC);
}

/* LOCR/LOCGR: R1 <- R2 when the CC is one of M3's. */
static void gen_loc(Gen *g, const JitOp *op, const Insn *in, bool cc_in_r9)
{
    XBuf *b = &g->b;
    const bool w64 = op->w == 64;
    cc_test(b, in->m3 & 15, cc_in_r9 ? CC_FROM_R9 : CC_FROM_PSW);
    x_load(b, w64, X_RCX, H_CPU, GR(in->r1));
    x_cmov_mem(b, w64, XC_B, X_RCX, H_CPU, GR(in->r2));
    store_gr(b, w64, X_RCX, in->r1);
}

/* IC: bits 56-63 of R1 <- the byte. */
static void gen_ic(Gen *g, const JitOp *op, const Insn *in)
{
    XBuf *b = &g->b;
    load_storage(g, in, 1, E_Z8, false, op->am, X_RCX);
    x_load(b, true, X_R8, H_CPU, GR(in->r1));
    x_and_imm(b, true, X_R8, ~0xFF);
    x_alu(b, true, XA_OR, X_R8, X_RCX);
    x_store(b, true, X_R8, H_CPU, GR(in->r1));
}

/* LMG/STMG R1..R3 (wrapping after 15) from/to consecutive doublewords. */
static void gen_multiple(Gen *g, const JitOp *op, const Insn *in)
{
    XBuf *b = &g->b;
    const unsigned count = ((in->r3 - in->r1) & 15) + 1;
    operand_host(g, in, 8 * count, op->kind == K_STMG ? OP_STORE : OP_FETCH, op->am);
    for (unsigned k = 0; k < count; k++) {
        const int r = (in->r1 + k) & 15;
        if (op->kind == K_LMG) {
            x_load(b, true, X_RCX, X_RAX, (int32_t)(8 * k));
            x_bswap(b, true, X_RCX);
            x_store(b, true, X_RCX, H_CPU, GR(r));
        } else {
            x_load(b, true, X_RCX, H_CPU, GR(r));
            x_bswap(b, true, X_RCX);
            x_store(b, true, X_RCX, X_RAX, (int32_t)(8 * k));
        }
    }
}

static void gen_mul(Gen *g, const JitOp *op, const Insn *in)
{
    XBuf *b = &g->b;
    const bool w64 = op->w == 64;
    load_b(g, op, in);
    x_load(b, w64, X_RAX, H_CPU, GR(in->r1));
    x_imul(b, w64, X_RAX, X_RCX);
    store_gr(b, w64, X_RAX, in->r1);
}

static void gen_insert(XBuf *b, const JitOp *op, const Insn *in)
{
    const uint64_t field = (op->w == 32 ? 0xFFFFFFFFULL : 0xFFFFULL) << op->sh;
    const uint64_t v = ((uint64_t)in->i2 << op->sh) & field;
    x_load(b, true, X_RAX, H_CPU, GR(in->r1));
    x_mov_imm(b, X_RCX, ~field);
    x_alu(b, true, XA_AND, X_RAX, X_RCX);
    x_mov_imm(b, X_RCX, v);
    x_alu(b, true, XA_OR, X_RAX, X_RCX);
    x_store(b, true, X_RAX, H_CPU, GR(in->r1));
}

static void gen_shift(XBuf *b, const JitOp *op, const Insn *in, bool want_cc)
{
    const bool w64 = op->w == 64;
    unsigned n = (unsigned)in->d2 & 63;
    x_load(b, w64, X_RAX, H_CPU, GR(reg_of(in, op->a)));
    switch (op->op) {
    case SH_SLL:
    case SH_SRL:
        if (!w64 && n >= 32)
            x_alu(b, false, XA_XOR, X_RAX, X_RAX);
        else if (n)
            x_shift(b, w64, op->op == SH_SLL ? XS_SHL : XS_SHR, X_RAX, n);
        break;
    case SH_SRA:
        if (!w64 && n > 31)
            n = 31;
        if (n)
            x_shift(b, w64, XS_SAR, X_RAX, n);
        break;
    case SH_RL:
        n &= w64 ? 63 : 31;
        if (n)
            x_shift(b, w64, XS_ROL, X_RAX, n);
        break;
    }
    if (want_cc) {
        x_alu(b, w64, XA_TEST, X_RAX, X_RAX);
        cc_two(b, XC_L, XC_G);
    }
    store_gr(b, w64, X_RAX, in->r1);
}

/* RAX <- R2 rotated left by I5; RCX <- the selected-bits mask. */
static void rotated_r2(XBuf *b, const Insn *in)
{
    x_load(b, true, X_RAX, H_CPU, GR(in->r2));
    if (in->i5 & 63)
        x_shift(b, true, XS_ROL, X_RAX, in->i5 & 63);
    x_mov_imm(b, X_RCX, (uint64_t)in->i2);
}

static void gen_risbg(XBuf *b, const Insn *in, bool want_cc)
{
    rotated_r2(b, in);
    x_alu(b, true, XA_AND, X_RAX, X_RCX);
    if (!(in->i4 & 0x80)) {                     /* Z = 0: keep the other bits */
        x_load(b, true, X_R8, H_CPU, GR(in->r1));
        x_not(b, true, X_RCX);
        x_alu(b, true, XA_AND, X_R8, X_RCX);
        x_alu(b, true, XA_OR, X_RAX, X_R8);
    }
    if (want_cc) {
        x_alu(b, true, XA_TEST, X_RAX, X_RAX);
        cc_two(b, XC_L, XC_G);
    }
    x_store(b, true, X_RAX, H_CPU, GR(in->r1));
}

static void gen_rsbg(XBuf *b, const JitOp *op, const Insn *in, bool want_cc)
{
    rotated_r2(b, in);
    x_load(b, true, X_R8, H_CPU, GR(in->r1));
    x_alu(b, true, op->op == A_AND ? XA_AND : op->op == A_OR ? XA_OR : XA_XOR, X_RAX, X_R8);
    x_alu(b, true, XA_AND, X_RAX, X_RCX);      /* the selected bits of the result */
    if (want_cc)
        cc_one(b, XC_NE);
    if (!(in->i3 & 0x80)) {                     /* T = 0: store them */
        x_not(b, true, X_RCX);
        x_alu(b, true, XA_AND, X_R8, X_RCX);
        x_alu(b, true, XA_OR, X_R8, X_RAX);
        x_store(b, true, X_R8, H_CPU, GR(in->r1));
    }
}

static void gen_la(XBuf *b, const Insn *in)
{
    ea_to(b, X_RAX, in->x2, in->b2, in->d2);
    x_store(b, true, X_RAX, H_CPU, GR(in->r1));
}

void jit_gen(Gen *g, const JitOp *op, const Insn *in, bool cc_in_r9, uint8_t **taken)
{
    XBuf *b = &g->b;
    const bool want_cc = jit_sets_cc(op);
    switch (op->kind) {
    case K_ALU: gen_alu(g, op, in, want_cc); break;
    case K_STORE: gen_store(g, op, in); break;
    case K_MUL: gen_mul(g, op, in); break;
    case K_INSERT: gen_insert(b, op, in); break;
    case K_SHIFT: gen_shift(b, op, in, want_cc); break;
    case K_RISBG: gen_risbg(b, in, want_cc); break;
    case K_RSBG: gen_rsbg(b, op, in, want_cc); break;
    case K_LA: gen_la(b, in); break;
    case K_LARL:
        x_mov_imm(b, X_RAX, in->addr + 2 * (uint64_t)in->i2);
        x_store(b, true, X_RAX, H_CPU, GR(in->r1));
        break;
    case K_MCMP: gen_mcmp(g, op, in, want_cc); break;
    case K_TM:
    case K_TMH: gen_tm(g, op, in, want_cc); break;
    case K_LOC: gen_loc(g, op, in, cc_in_r9); break;
    case K_IC: gen_ic(g, op, in); break;
    case K_LMG:
    case K_STMG: gen_multiple(g, op, in); break;
    case K_FMOVE:
        x_load(b, true, X_RCX, H_CPU, op->a ? FPR(in->r2) : GR(in->r2));
        x_store(b, true, X_RCX, H_CPU, op->b ? FPR(in->r1) : GR(in->r1));
        break;
    case K_BRC:
    case K_BCR: {
        const unsigned m = in->r1 & 15;
        if (op->kind == K_BCR)
            x_load(b, true, X_RCX, H_CPU, GR(in->r2));     /* the target */
        if (m == 0)
            break;                          /* never taken */
        if (m == 15) {
            *taken = x_jmp_fwd(b);
            break;
        }
        cc_test(b, m, cc_in_r9 ? CC_FROM_R9 : CC_FROM_PSW);
        *taken = x_jcc_fwd(b, XC_B);
        break;
    }
    case K_CJ: {
        const unsigned m = in->m3 & 14;     /* bit 3 is ignored */
        if (!m)
            break;
        gen_cj(g, op, in);
        if (m == 14) {
            *taken = x_jmp_fwd(b);
            break;
        }
        cc_test(b, m, CC_FROM_RAX);
        *taken = x_jcc_fwd(b, XC_B);
        break;
    }
    case K_NEG: gen_neg(g, op, in, want_cc); break;
    case K_MVC: gen_mvc(g, in); break;
    case K_XC: gen_xc_clear(g, in, want_cc); break;
    case K_ASI: gen_asi(g, op, in, want_cc); break;
    case K_BRCT:
        x_add_mem_imm(b, op->w == 64, H_CPU, GR(in->r1), -1);
        *taken = x_jcc_fwd(b, XC_NE);
        break;
    case K_CALL:
        if (op->op == CALL_REG)             /* BASR: the target before the link */
            x_load(b, true, X_RCX, H_CPU, GR(in->r2));
        x_mov_imm(b, X_RAX, in->addr + in->ilen);
        x_store(b, true, X_RAX, H_CPU, GR(in->r1));
        *taken = x_jmp_fwd(b);
        break;
    }
}

#endif
