/* Logical -> absolute translation of one access with all its checks, in
 * the order of ZARCH-NOTES §6.4: low-address protection, DAT exceptions,
 * DAT protection (and IEP), addressing, key-controlled / fetch protection. */
#ifndef ZEMU_MMU_MMU_H
#define ZEMU_MMU_MMU_H

#include <stdint.h>

#include "cpu/cpu.h"

/* Kinds of access.  ACC_UPDATE is a fetch followed by a store of the same
 * bytes (XC op1): checked as fetch, then as store. */
typedef enum { ACC_FETCH = 1, ACC_STORE = 2, ACC_UPDATE = 3, ACC_IFETCH = 4 } AccessKind;

/* Address spaces.  An access "space" argument is a uint32_t whose low byte is
 * one of these; for AS_AR bits 8-11 name the access register (SPACE_AR(r)). */
typedef enum {
    AS_PRIMARY = 0, AS_AR = 1, AS_SECONDARY = 2, AS_HOME = 3,  /* = PSW ASC values */
    AS_REAL = 4, AS_ABSOLUTE = 5,
} AddrSpace;
#define SPACE_AR(r) ((uint32_t)AS_AR | ((uint32_t)(r) << 8))
#define SPACE_AS(s) ((AddrSpace)((s) & 0xFF))
#define SPACE_ARNR(s) (((s) >> 8) & 0xF)

/* ALET designated by access register r for access-register translation:
 * access register 0 is treated as containing zeros (the primary space). */
static inline uint32_t mmu_alet(const CPUState *cpu, int r)
{
    return r ? cpu->ar[r] : 0;
}

/* TLB set caching a space, or TLB_NSPACES when the space is not cached (AR
 * mode with an ALET other than 0 or 1; absolute). */
static inline int mmu_tlb_space(const CPUState *cpu, uint32_t space)
{
    switch (SPACE_AS(space)) {
    case AS_PRIMARY: return TLB_SPACE_PRIMARY;
    case AS_SECONDARY: return TLB_SPACE_SECONDARY;
    case AS_HOME: return TLB_SPACE_HOME;
    case AS_REAL: return TLB_SPACE_REAL;
    case AS_AR: {
        uint32_t alet = mmu_alet(cpu, SPACE_ARNR(space));
        return alet == 0 ? TLB_SPACE_PRIMARY : alet == 1 ? TLB_SPACE_SECONDARY : TLB_NSPACES;
    }
    default: return TLB_NSPACES;
    }
}

/* The ASCE of a virtual space (primary CR1, secondary CR7, home CR13, AR
 * mode through the ALET) and its id for TEIDs and ATMIDs (00 primary, 01
 * AR, 10 secondary, 11 home).  Returns 0, or PGM_ALET_SPEC for an ALET
 * other than 0 and 1: access-register translation through the DUCT and
 * access lists is not implemented, so such ALETs are refused rather than
 * silently mistranslated.  Not for AS_REAL / AS_ABSOLUTE (no ASCE). */
int mmu_asce(const CPUState *cpu, uint32_t space, uint64_t *asce, uint8_t *asce_id);

/* The space an operand with base register b uses under the current PSW:
 * DAT off -> real; otherwise primary/secondary/home or AR mode via AR b. */
static inline uint32_t mmu_space_for(const CPUState *cpu, int b)
{
    if (!cpu_dat_on(cpu))
        return AS_REAL;
    switch (cpu_asc(cpu)) {
    case PSW_ASC_AR:
        return SPACE_AR(b);
    case PSW_ASC_SECONDARY:
        return AS_SECONDARY;
    case PSW_ASC_HOME:
        return AS_HOME;
    default:
        return AS_PRIMARY;
    }
}

/* The TLB set and key tag of base-register operands under the current PSW,
 * cached in the CPU (cpu.h: op_mode, op_tspace, op_keytag) and recomputed
 * when the PSW's DAT, ASC or key bits changed: the inline TLB hit paths
 * (insn/operand.h, access_prepare_op) use it.  < 0 in AR mode, where the
 * base register's access register decides (mmu_tlb_space per operand). */
#define MMU_OP_MODE_BITS (PSW_MASK_DAT | PSW_MASK_ASC | PSW_MASK_KEY)
void mmu_op_mode_update(CPUState *cpu);
static inline __attribute__((always_inline)) int mmu_op_tspace(CPUState *cpu)
{
    if (__builtin_expect((cpu->psw_mask & MMU_OP_MODE_BITS) != cpu->op_mode, 0))
        mmu_op_mode_update(cpu);
    return cpu->op_tspace;
}

/* Result of translating one address. */
typedef struct MmuResult {
    uint64_t abs;         /* absolute address of the byte */
    uint8_t tlb_space;    /* TLB set for caching, or TLB_NSPACES when uncachable */
    bool cacheable_read, cacheable_write;  /* whether the checks generalise to the page */
} MmuResult;

/* Translates vaddr (already wrapped to the addressing mode) for one access of
 * len bytes (len only matters for the fetch-protection override, which needs
 * the whole access inside 0..2047).  Returns 0 and fills *res, or a
 * program-interruption code with *exc filled (code, TEID, access ids). Does
 * not touch the TLB; sets the reference bit of the frame on success. */
int mmu_translate(CPUState *cpu, uint64_t vaddr, uint32_t len, AccessKind kind, uint32_t space,
                  uint8_t key, MmuResult *res, ProgramException *exc);

/* Real -> absolute (prefixing). */
static inline uint64_t mmu_real_to_abs(uint32_t prefix, uint64_t real)
{
    if ((real & ~0x1FFFULL) == 0)
        return real | prefix;
    if ((real & ~0x1FFFULL) == prefix)
        return real & 0x1FFF;
    return real;
}

/* Key-controlled protection (ZARCH-NOTES §6.2) for an access of kind with
 * `key` to a frame whose storage key is skey.  fpo_ok: the fetch-protection
 * override applies (CR0.38, whole access in 0..2047, not a private space). */
bool mmu_key_allows(const CPUState *cpu, uint8_t skey, uint8_t key, AccessKind kind, bool fpo_ok);

#endif
