/* The fault matrix: runs one instruction scenario once per (operand page x
 * access-exception kind) and checks the architected outcome.
 *
 * Layout.  The CPU runs in 64-bit mode, DAT on, with a region-first ASCE in
 * CR1.  Operand i (i < FM_MAX_OPS) starts at offset ops[i].off of the page at
 * VA (2i+1) * 2^53 - 4096, so an operand that crosses its page boundary has
 * its second page under different region-first, -second, -third, segment and
 * page entries: every DAT level can be made invalid for exactly one page.
 * Each operand page gets its own real frame (fm_case.frame[i][p]); frames
 * start filled with a pattern from the seed.  For FK_LAP the operand is moved
 * so that the page under test is logical page 0 or 1 (CR0 LAP on).
 *
 * Per case the driver: builds the machine, calls setup() (registers, operand
 * contents, keys), snapshots registers, PSW and every operand frame with its
 * storage key, injects the fault, runs the handler, then checks
 *   - the return value is the expected code (0x39/0x3A/0x3B/0x10/0x11 for an
 *     invalid region-first/-second/-third/segment/page entry, 0x04 for DAT,
 *     key, fetch and low-address protection, 0x05 for a frame outside
 *     storage);
 *   - cpu->pgm: TEID = page address | fetch/store indication (fetch for
 *     fetch and update operands on translation and fetch protection, store
 *     for store protection) | protection type (ESOP-2: DAT 001, key 010,
 *     LAP 100) | ASCE id 00; no TEID for addressing;
 *   - pgm_is_nullifying(code) matches the exception class;
 *   - when flags has FM_NOTHING_STORED: every operand frame, its storage key
 *     (change bit included), the GRs, ARs, CRs and the PSW are unchanged;
 *   - then check() (if given) for instruction-specific outcomes, e.g. the
 *     registers of units 0..k-1 of a long instruction. */
#ifndef ZEMU_FAULTMATRIX_H
#define ZEMU_FAULTMATRIX_H

#include "insn/insn.h"
#include "testenv.h"

#define FM_MAX_OPS 3

typedef enum {
    FK_REGION1_INVALID, FK_REGION2_INVALID, FK_REGION3_INVALID, FK_SEGMENT_INVALID,
    FK_PAGE_INVALID, FK_DAT_PROT, FK_KEY_PROT, FK_FETCH_PROT, FK_LAP, FK_ADDRESSING,
    FK_COUNT
} FaultKind;

typedef struct FmOperand {
    uint32_t off;         /* offset of the first byte in its first page */
    uint32_t len;         /* bytes the instruction accesses (> 0) */
    AccessKind kind;      /* ACC_FETCH, ACC_STORE or ACC_UPDATE */
} FmOperand;

typedef struct FmCase {
    TestEnv *env;
    uint64_t asce;
    uint64_t va[FM_MAX_OPS];          /* logical address of each operand */
    uint64_t frame[FM_MAX_OPS][2];    /* real frame of each operand page */
    FaultKind kind;                   /* the fault injected (FK_COUNT: none) */
    int fault_op, fault_page;         /* where */
    uint8_t psw_key;                  /* PSW key the driver runs with */
    int rc;                           /* handler result */
    void *ctx;                        /* the test's context */
} FmCase;

enum {
    FM_NOTHING_STORED = 1,
    FM_MVPG_TEID = 2,      /* DAT exceptions carry TEID bit 61 ("in MVPG") */
    /* Run every case a second time with a warm TLB: the change bits of all
     * operand frames set and every translatable page of every operand in
     * the TLB (tenv_tlb_warm) before the instruction starts, so that paths
     * starting from TLB hits run up to the faulting page.  The operands
     * without the fault then lie (i + 1) MiB higher, away from the TLB
     * indexes of the others.  The expected outcome is the same. */
    FM_WARM_TLB = 4,
};

typedef struct FmScenario {
    const char *name;
    int nops;
    FmOperand ops[FM_MAX_OPS];
    int (*handler)(CPUState *cpu, const Insn *in);
    Insn insn;                                  /* the decoded instruction */
    void (*setup)(FmCase *c);                   /* registers and contents */
    void (*check)(FmCase *c);                   /* extra checks, may be NULL */
    unsigned flags;
    void *ctx;
} FmScenario;

/* Runs every applicable (operand, page, kind) case; returns the number of
 * cases run (each a set of CHECKs).  Also runs one fault-free case first and
 * requires rc == 0 for it (a scenario whose fault-free run fails is a bad
 * test). */
int fm_run(const FmScenario *s);

/* Helpers for setup/check: read and write operand storage through the
 * builder's tables (never through the MMU under test). */
void fm_write(FmCase *c, uint64_t va, const void *buf, uint64_t n);
void fm_read(FmCase *c, uint64_t va, void *buf, uint64_t n);

#endif
