/* A small x86-64 instruction encoder for the block compiler (cpu/jit.c):
 * only the forms it emits.  Memory operands are always [base + disp32];
 * the compiled code addresses CPUState through RDI, so base is RDI for
 * guest registers and the PSW.
 *
 * The byte layouts follow the Intel SDM, volume 2: an optional REX prefix
 * (0100WRXB), the opcode, a ModRM byte (mod, reg, rm) and, for RSP/R12 as
 * base, a SIB byte. */
#ifndef ZEMU_CPU_X86EMIT_H
#define ZEMU_CPU_X86EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { X_RAX, X_RCX, X_RDX, X_RBX, X_RSP, X_RBP, X_RSI, X_RDI,
       X_R8, X_R9, X_R10, X_R11, X_R12, X_R13, X_R14, X_R15 };

/* Condition codes of Jcc / SETcc (the low nibble of the opcode). */
enum { XC_O = 0, XC_NO, XC_B, XC_AE, XC_E, XC_NE, XC_BE, XC_A,
       XC_S, XC_NS, XC_P, XC_NP, XC_L, XC_GE, XC_LE, XC_G };

typedef struct XBuf {
    uint8_t *p, *end;           /* next byte; end of the space */
    bool full;                  /* ran out of space: the result is unusable */
} XBuf;

static inline void x_byte(XBuf *b, unsigned v)
{
    if (b->p < b->end)
        *b->p++ = (uint8_t)v;
    else
        b->full = true;
}
static inline void x_u32(XBuf *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        x_byte(b, (v >> (8 * i)) & 0xFF);
}
static inline void x_u64(XBuf *b, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        x_byte(b, (unsigned)(v >> (8 * i)) & 0xFF);
}

/* REX for operand width w (64: REX.W), ModRM reg and rm/base; emitted when
 * any bit is set, or when byte_regs and a register is SPL..DIL (4-7),
 * which need REX to mean the low byte rather than AH..BH. */
static inline void x_rex(XBuf *b, bool w, int reg, int rm, bool byte_regs)
{
    unsigned rex = 0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0) | ((rm & 8) ? 1 : 0);
    if (rex != 0x40 || (byte_regs && ((reg & 15) >= 4 || (rm & 15) >= 4)))
        x_byte(b, rex);
}

/* op reg, [base + disp32] (or the reverse, by opcode); byte_regs as for
 * x_rex (a byte store of reg). */
static inline void x_mem_b(XBuf *b, bool w, const uint8_t *op, int oplen, int reg, int base,
                           int32_t disp, bool byte_regs)
{
    x_rex(b, w, reg, base, byte_regs);
    for (int i = 0; i < oplen; i++)
        x_byte(b, op[i]);
    x_byte(b, 0x80 | ((reg & 7) << 3) | (base & 7));
    if ((base & 7) == X_RSP)
        x_byte(b, 0x24);
    x_u32(b, (uint32_t)disp);
}
static inline void x_mem(XBuf *b, bool w, const uint8_t *op, int oplen, int reg, int base,
                         int32_t disp)
{
    x_mem_b(b, w, op, oplen, reg, base, disp, false);
}

/* op reg, rm (register form, ModRM mod 11). */
static inline void x_rr(XBuf *b, bool w, const uint8_t *op, int oplen, int reg, int rm,
                        bool byte_regs)
{
    x_rex(b, w, reg, rm, byte_regs);
    for (int i = 0; i < oplen; i++)
        x_byte(b, op[i]);
    x_byte(b, 0xC0 | ((reg & 7) << 3) | (rm & 7));
}

#define X_OP(...) (const uint8_t[]){ __VA_ARGS__ }, (int)sizeof((const uint8_t[]){ __VA_ARGS__ })

/* mov reg, [base+disp] (w: 64-bit, else 32-bit zero-extending) */
static inline void x_load(XBuf *b, bool w, int reg, int base, int32_t disp)
{
    x_mem(b, w, X_OP(0x8B), reg, base, disp);
}
/* mov [base+disp], reg (w: 64-bit, else the low 32 bits) */
static inline void x_store(XBuf *b, bool w, int reg, int base, int32_t disp)
{
    x_mem(b, w, X_OP(0x89), reg, base, disp);
}
/* movsxd reg, dword [base+disp] */
static inline void x_load_s32(XBuf *b, int reg, int base, int32_t disp)
{
    x_mem(b, true, X_OP(0x63), reg, base, disp);
}
/* mov reg, imm: 32-bit zero-extending when it fits, else sign-extended
 * imm32, else imm64. */
static inline void x_mov_imm(XBuf *b, int reg, uint64_t v)
{
    if (v <= 0xFFFFFFFFULL) {
        x_rex(b, false, 0, reg, false);
        x_byte(b, 0xB8 + (reg & 7));
        x_u32(b, (uint32_t)v);
    } else if ((int64_t)v == (int32_t)v) {
        x_rex(b, true, 0, reg, false);
        x_byte(b, 0xC7);
        x_byte(b, 0xC0 | (reg & 7));
        x_u32(b, (uint32_t)v);
    } else {
        x_rex(b, true, 0, reg, false);
        x_byte(b, 0xB8 + (reg & 7));
        x_u64(b, v);
    }
}

/* Two-operand ALU, reg-reg: dst op= src.  The /r opcodes of the r/m, reg
 * direction: add 01, or 09, and 21, sub 29, xor 31, cmp 39, test 85,
 * mov 89. */
enum { XA_ADD = 0x01, XA_OR = 0x09, XA_AND = 0x21, XA_SUB = 0x29, XA_XOR = 0x31,
       XA_CMP = 0x39, XA_TEST = 0x85, XA_MOV = 0x89 };
static inline void x_alu(XBuf *b, bool w, unsigned op, int dst, int src)
{
    x_rr(b, w, (const uint8_t[]){ (uint8_t)op }, 1, src, dst, false);
}

/* Shift/rotate by an immediate: /0 rol, /1 ror, /4 shl, /5 shr, /7 sar. */
enum { XS_ROL = 0, XS_ROR = 1, XS_SHL = 4, XS_SHR = 5, XS_SAR = 7 };
static inline void x_shift(XBuf *b, bool w, unsigned kind, int reg, unsigned n)
{
    x_rr(b, w, X_OP(0xC1), (int)kind, reg, false);
    x_byte(b, n);
}

/* reg op= [base+disp]: the /r opcodes of the reg, r/m direction (add 03,
 * or 0B, and 23, sub 2B, xor 33, cmp 3B). */
enum { XM_ADD = 0x03, XM_OR = 0x0B, XM_AND = 0x23, XM_SUB = 0x2B, XM_XOR = 0x33, XM_CMP = 0x3B };
static inline void x_alu_mem(XBuf *b, bool w, unsigned op, int reg, int base, int32_t disp)
{
    x_mem(b, w, (const uint8_t[]){ (uint8_t)op }, 1, reg, base, disp);
}
/* imul dst, src (the low half of the product) */
static inline void x_imul(XBuf *b, bool w, int dst, int src) { x_rr(b, w, X_OP(0x0F, 0xAF), dst, src, false); }
/* not reg */
static inline void x_not(XBuf *b, bool w, int reg) { x_rr(b, w, X_OP(0xF7), 2, reg, false); }
/* bt reg64, imm8 (CF = the bit) */
static inline void x_bt_imm(XBuf *b, int reg, unsigned bit)
{
    x_rr(b, true, X_OP(0x0F, 0xBA), 4, reg, false);
    x_byte(b, bit);
}

/* Loads of 1, 2 bytes from [base+disp], zero- or sign-extended to 32 bits
 * (or 64, w with sign extension) */
static inline void x_load8(XBuf *b, bool sign, bool w, int reg, int base, int32_t disp)
{
    x_mem(b, w && sign, X_OP(0x0F, sign ? 0xBE : 0xB6), reg, base, disp);
}
static inline void x_load16(XBuf *b, bool sign, bool w, int reg, int base, int32_t disp)
{
    x_mem(b, w && sign, X_OP(0x0F, sign ? 0xBF : 0xB7), reg, base, disp);
}
/* Stores of the low 1 or 2 bytes of reg */
static inline void x_store8(XBuf *b, int reg, int base, int32_t disp)
{
    x_mem_b(b, false, X_OP(0x88), reg, base, disp, true);
}
static inline void x_store16(XBuf *b, int reg, int base, int32_t disp)
{
    x_byte(b, 0x66);
    x_mem(b, false, X_OP(0x89), reg, base, disp);
}
/* bswap reg (32 or 64 bits); rol reg16, 8 swaps the two low bytes */
static inline void x_bswap(XBuf *b, bool w, int reg)
{
    x_rex(b, w, 0, reg, false);
    x_byte(b, 0x0F);
    x_byte(b, 0xC8 + (reg & 7));
}
static inline void x_swap16(XBuf *b, int reg)
{
    x_byte(b, 0x66);
    x_shift(b, false, XS_ROL, reg, 8);
}
/* movzx reg32, byte [base+disp] as a byte-sized memory read for a tag */
static inline void x_load_u8(XBuf *b, int reg, int base, int32_t disp) { x_load8(b, false, false, reg, base, disp); }
/* and reg64, imm32 (sign-extended) */
static inline void x_and_imm(XBuf *b, bool w, int reg, int32_t v)
{
    x_rr(b, w, X_OP(0x81), 4, reg, false);
    x_u32(b, (uint32_t)v);
}
/* cmp reg, [base+disp] */
static inline void x_cmp_mem(XBuf *b, bool w, int reg, int base, int32_t disp)
{
    x_alu_mem(b, w, XM_CMP, reg, base, disp);
}

/* cmovcc reg, [base+disp] */
static inline void x_cmov_mem(XBuf *b, bool w, unsigned cc, int reg, int base, int32_t disp)
{
    x_mem(b, w, X_OP(0x0F, 0x40 + cc), reg, base, disp);
}

/* cmovcc dst, src */
static inline void x_cmov_rr(XBuf *b, bool w, unsigned cc, int dst, int src)
{
    x_rr(b, w, X_OP(0x0F, 0x40 + cc), dst, src, false);
}
/* inc qword [base+disp32] */
static inline void x_inc_mem(XBuf *b, int base, int32_t disp) { x_mem(b, true, X_OP(0xFF), 0, base, disp); }
/* neg reg */
static inline void x_neg(XBuf *b, bool w, int reg) { x_rr(b, w, X_OP(0xF7), 3, reg, false); }

/* vmovdqu ymmN / xmmN, [base+disp32] and back (AVX, VEX2: N < 16, base <
 * R8); vzeroupper before code that may use SSE again.  x_vmov_x adds an
 * index register (< R8, not RSP). */
static inline void x_vmov_x(XBuf *b, bool store, bool ymm, int vreg, int base, int index,
                            int32_t disp)
{
    x_byte(b, 0xC5);
    /* ~R, vvvv = 1111 (none), L, pp = F3 */
    x_byte(b, ((vreg & 8) ? 0 : 0x80) | 0x78 | (ymm ? 0x04 : 0) | 0x02);
    x_byte(b, store ? 0x7F : 0x6F);
    if (index >= 0) {
        x_byte(b, 0x80 | ((vreg & 7) << 3) | 0x04);
        x_byte(b, ((index & 7) << 3) | (base & 7));
    } else {
        x_byte(b, 0x80 | ((vreg & 7) << 3) | (base & 7));
        if ((base & 7) == X_RSP)
            x_byte(b, 0x24);
    }
    x_u32(b, (uint32_t)disp);
}
static inline void x_vmov(XBuf *b, bool store, bool ymm, int vreg, int base, int32_t disp)
{
    x_vmov_x(b, store, ymm, vreg, base, -1, disp);
}
/* vxorps ymm0/xmm0, itself (a zero register; AVX, unlike vpxor ymm) */
static inline void x_vzero(XBuf *b, bool ymm)
{
    x_byte(b, 0xC5);
    x_byte(b, ymm ? 0xFC : 0xF8);       /* ~R, vvvv = ~0 (ymm0), L, pp = none */
    x_byte(b, 0x57);
    x_byte(b, 0xC0);
}
static inline void x_vzeroupper(XBuf *b)
{
    x_byte(b, 0xC5);
    x_byte(b, 0xF8);
    x_byte(b, 0x77);
}

/* setcc reg8 */
static inline void x_setcc(XBuf *b, unsigned cc, int reg)
{
    x_rr(b, false, X_OP(0x0F, 0x90 + cc), 0, reg, true);
}
/* movzx reg32, reg8 / reg16; movsx reg(w), reg8 / reg16; movsxd reg64, reg32 */
static inline void x_movzx8(XBuf *b, int dst, int src) { x_rr(b, false, X_OP(0x0F, 0xB6), dst, src, true); }
static inline void x_movzx16(XBuf *b, int dst, int src) { x_rr(b, false, X_OP(0x0F, 0xB7), dst, src, false); }
static inline void x_movsx8(XBuf *b, bool w, int dst, int src) { x_rr(b, w, X_OP(0x0F, 0xBE), dst, src, true); }
static inline void x_movsx16(XBuf *b, bool w, int dst, int src) { x_rr(b, w, X_OP(0x0F, 0xBF), dst, src, false); }
static inline void x_movsxd(XBuf *b, int dst, int src) { x_rr(b, true, X_OP(0x63), dst, src, false); }

/* lea dst, [a + b*2] (32-bit) -- combines two CC bits */
static inline void x_lea_a_2b(XBuf *b, int dst, int a, int idx)
{
    x_byte(b, 0x40 | ((dst & 8) ? 4 : 0) | ((idx & 8) ? 2 : 0) | ((a & 8) ? 1 : 0));
    x_byte(b, 0x8D);
    x_byte(b, 0x04 | ((dst & 7) << 3));
    x_byte(b, 0x40 | ((idx & 7) << 3) | (a & 7));      /* SIB: scale 2 */
}

/* lea reg, [base + disp32] (w: 64-bit, else 32-bit) */
static inline void x_lea(XBuf *b, bool w, int dst, int base, int32_t disp)
{
    x_mem(b, w, X_OP(0x8D), dst, base, disp);
}

/* btr reg64, imm8 */
static inline void x_btr(XBuf *b, int reg, unsigned bit)
{
    x_rr(b, true, X_OP(0x0F, 0xBA), 6, reg, false);
    x_byte(b, bit);
}
/* bt reg32, reg32 (CF = bit src of dst) */
static inline void x_bt(XBuf *b, int dst, int src)
{
    x_rr(b, false, X_OP(0x0F, 0xA3), src, dst, false);
}
/* sub/add reg64, imm32 (sign-extended) */
static inline void x_sub_imm(XBuf *b, int reg, int32_t v)
{
    x_rr(b, true, X_OP(0x81), 5, reg, false);
    x_u32(b, (uint32_t)v);
}
/* and reg, imm8 (sign-extended) */
static inline void x_and_imm8(XBuf *b, bool w, int reg, int8_t v)
{
    x_rr(b, w, X_OP(0x83), 4, reg, false);
    x_byte(b, (uint8_t)v);
}
/* mov dst, src (64 / 32 bits) */
static inline void x_mov_reg(XBuf *b, int dst, int src) { x_alu(b, true, XA_MOV, dst, src); }
static inline void x_mov_reg32(XBuf *b, int dst, int src) { x_alu(b, false, XA_MOV, dst, src); }
/* imul dst, src, imm32 (64-bit) */
static inline void x_imul_imm(XBuf *b, int dst, int src, int32_t v)
{
    x_rr(b, true, X_OP(0x69), dst, src, false);
    x_u32(b, (uint32_t)v);
}
/* cmp reg32, imm32 */
static inline void x_cmp_imm32(XBuf *b, int reg, int32_t v)
{
    x_rr(b, false, X_OP(0x81), 7, reg, false);
    x_u32(b, (uint32_t)v);
}
/* add reg64, imm32 */
static inline void x_add_imm(XBuf *b, int reg, int32_t v)
{
    x_rr(b, true, X_OP(0x81), 0, reg, false);
    x_u32(b, (uint32_t)v);
}
/* cmp reg64, imm32 */
static inline void x_cmp_imm(XBuf *b, int reg, int32_t v)
{
    x_rr(b, true, X_OP(0x81), 7, reg, false);
    x_u32(b, (uint32_t)v);
}
/* add qword [base+disp], imm32 -- with flags (BRCTG's decrement) */
static inline void x_add_mem_imm(XBuf *b, bool w, int base, int32_t disp, int32_t v)
{
    x_mem(b, w, X_OP(0x81), 0, base, disp);
    x_u32(b, (uint32_t)v);
}

/* jcc rel32 / jmp rel32 to a later label: returns where the rel32 goes
 * (x_patch fills it in). */
static inline uint8_t *x_jcc_fwd(XBuf *b, unsigned cc)
{
    x_byte(b, 0x0F);
    x_byte(b, 0x80 + cc);
    uint8_t *at = b->p;
    x_u32(b, 0);
    return at;
}
static inline uint8_t *x_jmp_fwd(XBuf *b)
{
    x_byte(b, 0xE9);
    uint8_t *at = b->p;
    x_u32(b, 0);
    return at;
}
static inline void x_patch(XBuf *b, uint8_t *at, const uint8_t *target)
{
    if (!b->full && at) {
        int32_t rel = (int32_t)(target - (at + 4));
        memcpy(at, &rel, 4);
    }
}
/* jmp reg; jmp [reg]; ret */
static inline void x_jmp_reg(XBuf *b, int reg) { x_rr(b, false, X_OP(0xFF), 4, reg, false); }
static inline void x_jmp_mem(XBuf *b, int base)
{
    x_rex(b, false, 0, base, false);
    x_byte(b, 0xFF);
    x_byte(b, 0x20 | (base & 7));       /* mod 00, /4; not RSP/RBP/R12/R13 */
}
static inline void x_ret(XBuf *b) { x_byte(b, 0xC3); }
/* push reg; pop reg; call reg */
static inline void x_push(XBuf *b, int reg)
{
    if (reg & 8)
        x_byte(b, 0x41);
    x_byte(b, 0x50 | (reg & 7));
}
static inline void x_pop(XBuf *b, int reg)
{
    if (reg & 8)
        x_byte(b, 0x41);
    x_byte(b, 0x58 | (reg & 7));
}
static inline void x_call_reg(XBuf *b, int reg) { x_rr(b, false, X_OP(0xFF), 2, reg, false); }

#endif
