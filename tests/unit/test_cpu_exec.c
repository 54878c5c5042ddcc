/* The dispatcher (cpu/exec.c) and interruption delivery (cpu/interrupt.c):
 * PSW advance, program interruptions with the PSW and ILC each exception
 * class requires (ZARCH-NOTES §4), instruction fetch through the TLB and
 * across pages, self-modifying code, early PSW exceptions, SVC, the
 * pluggable sink, the core hooks (INSN_REEXECUTE, INSN_WATCH) and PER. */
#include "test_cpu.h"

#define DATA 0x20000ULL

/* ---- PSW advance ---- */

TEST(exec_psw_advances_by_length)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x18, 1, 2);                 /* LR 1,2: 2 bytes */
    RX(&a, 0x41, 3, 0, 0, 0x123);       /* LA 3,0x123: 4 bytes */
    RIL(&a, 0xC00F, 4, 0x12345678);     /* LLILF 4: 6 bytes */
    e->cpu.gr[2] = 0x1111111122222222ULL;
    e->cpu.gr[1] = 0xAAAAAAAA00000000ULL;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, CODE + 2);
    CHECK_EQ(e->cpu.gr[1], 0xAAAAAAAA22222222ULL);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, CODE + 6);
    CHECK_EQ(e->cpu.gr[3], 0x123);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, CODE + 12);
    CHECK_EQ(e->cpu.gr[4], 0x12345678);
    tenv_free(e);
}

TEST(exec_psw_address_wraps_in_24bit_mode)
{
    /* A 4-byte instruction at 0xFFFFFC in 24-bit mode: the next address
     * wraps to 0 (16 MiB of storage so that 0xFFFFFC exists). */
    TestEnv *e;
    Asm a;
    e = tenv_new(16 << 20);
    wr_be(e, 0x1D0, 8, PSW_MASK_EA | PSW_MASK_BA);
    wr_be(e, 0x1D8, 8, PGM_NEW_ADDR);
    e->cpu.psw_mask = 0;
    e->cpu.psw_addr = 0xFFFFFC;
    a = asm_at(e, 0xFFFFFC);
    RX(&a, 0x41, 3, 0, 0, 0x10);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, 0);
    CHECK_EQ(e->cpu.gr[3], 0x10);
    tenv_free(e);
}

/* ---- program interruptions ---- */

TEST(exec_specification_suppresses_psw_after_ilc2)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x1C, 3, 4);                 /* MR 3,4: R1 odd -> specification */
    e->cpu.gr[3] = 5;
    set_cc(e, 2);
    uint64_t mask = e->cpu.psw_mask;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_SPECIFICATION);
    CHECK_EQ(pgm_ilc(e), 2);
    CHECK_EQ(pgm_old_addr(e), CODE + 2);
    CHECK_EQ(pgm_old_mask(e), mask);
    CHECK_EQ(e->cpu.gr[3], 5);
    /* the program new PSW was loaded */
    CHECK_EQ(e->cpu.psw_addr, PGM_NEW_ADDR);
    CHECK_EQ(e->cpu.psw_mask, PSW_MASK_EA | PSW_MASK_BA);
    tenv_free(e);
}

TEST(exec_operation_exception_ilc_from_opcode)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    EMIT(&a, 0x00, 0x00);               /* unassigned, 2 bytes */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_OPERATION);
    CHECK_EQ(pgm_ilc(e), 2);
    CHECK_EQ(pgm_old_addr(e), CODE + 2);

    /* 6-byte unassigned (E3 .. FF): ILC 6, PSW after it */
    a = asm_at(e, CODE);
    EMIT(&a, 0xE3, 0x00, 0x00, 0x00, 0x00, 0xFF);
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_OPERATION);
    CHECK_EQ(pgm_ilc(e), 6);
    CHECK_EQ(pgm_old_addr(e), CODE + 6);
    tenv_free(e);
}

TEST(exec_fixed_point_overflow_completes)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x1A, 2, 3);                 /* AR 2,3 */
    e->cpu.gr[2] = 0x7FFFFFFF;
    e->cpu.gr[3] = 1;
    /* mask bit 20 off: CC3, no interruption */
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(cc_of(e), 3);
    CHECK_EQ(e->cpu.gr[2], 0x80000000);

    /* PSW bit 20 on: code 8, result stored, PSW after */
    e->cpu.psw_mask |= BIT64(20);      /* PSW bit 20: fixed-point overflow mask */
    e->cpu.psw_addr = CODE;
    e->cpu.gr[2] = 0x7FFFFFFF;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_FIXED_OVERFLOW);
    CHECK_EQ(pgm_ilc(e), 2);
    CHECK_EQ(pgm_old_addr(e), CODE + 2);
    CHECK_EQ((pgm_old_mask(e) & PSW_MASK_CC) >> PSW_SHIFT_CC, 3);
    CHECK_EQ(e->cpu.gr[2], 0x80000000);
    tenv_free(e);
}

/* DAT with the code page and lowcore identity-mapped. */
static uint64_t dat_setup(TestEnv *e)
{
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map_range(e, asce, CODE, CODE, 0x2000, 0);
    tenv_dat_on(e, asce);
    return asce;
}

TEST(exec_page_translation_on_operand_nullifies)
{
    TestEnv *e = tenv_cpu();
    dat_setup(e);
    Asm a = asm_at(e, CODE);
    RX(&a, 0x58, 2, 0, 4, 0x10);        /* L 2,0x10(4): page 0x40000 unmapped */
    e->cpu.gr[4] = 0x40000;
    e->cpu.gr[2] = 77;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PAGE_TRANS);
    CHECK_EQ(pgm_ilc(e), 4);
    CHECK_EQ(pgm_old_addr(e), CODE);            /* nullified: at the instruction */
    /* TEID: page address, fetch indication (bits 52-53 = 10), primary */
    CHECK_EQ(rd_be(e, 0xA8, 8), 0x40000 | 0x800);
    CHECK_EQ(e->cpu.gr[2], 77);
    tenv_free(e);
}

TEST(exec_protection_suppresses_and_stores_nothing)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RX(&a, 0x50, 2, 0, 4, 0);           /* ST 2,0(4) */
    e->cpu.gr[4] = DATA;
    e->cpu.gr[2] = 0x11223344;
    storage_set_key(&e->m.storage, DATA, 0x20);       /* ACC 2 */
    e->cpu.psw_mask |= 1ULL << PSW_SHIFT_KEY;         /* PSW key 1 */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PROTECTION);
    CHECK_EQ(pgm_ilc(e), 4);
    CHECK_EQ(pgm_old_addr(e), CODE + 4);        /* suppressed: after it */
    CHECK_EQ(rd_be(e, DATA, 4), 0);
    tenv_free(e);
}

TEST(exec_ifetch_translation_exception_at_instruction)
{
    TestEnv *e = tenv_cpu();
    dat_setup(e);
    e->cpu.psw_addr = 0x50000;          /* unmapped */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PAGE_TRANS);
    CHECK_EQ(pgm_old_addr(e), 0x50000);
    CHECK_EQ(rd_be(e, 0xA8, 8), 0x50000 | 0x800);
    tenv_free(e);
}

TEST(exec_ifetch_addressing_advances_psw)
{
    TestEnv *e = tenv_cpu();
    e->cpu.psw_addr = 0x10000000;       /* beyond the 4 MiB of storage */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_ADDRESSING);
    /* suppressing: advanced by an ILC the CPU chose (2: length unknown) */
    CHECK_EQ(pgm_old_addr(e), 0x10000000 + pgm_ilc(e));
    CHECK(pgm_ilc(e) == 2 || pgm_ilc(e) == 4 || pgm_ilc(e) == 6);
    tenv_free(e);
}

TEST(exec_instruction_crossing_into_invalid_page)
{
    TestEnv *e = tenv_cpu();
    dat_setup(e);                       /* CODE..CODE+0x1FFF mapped, +0x2000 not */
    uint64_t at = CODE + 0x2000 - 2;
    Asm a = asm_at(e, at);
    RIL(&a, 0xC00F, 4, 0x12345678);     /* LLILF: 6 bytes, 4 on the next page */
    e->cpu.psw_addr = at;
    e->cpu.gr[4] = 9;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PAGE_TRANS);
    CHECK_EQ(pgm_old_addr(e), at);
    CHECK_EQ(rd_be(e, 0xA8, 8), (CODE + 0x2000) | 0x800);   /* the second page */
    CHECK_EQ(e->cpu.gr[4], 9);
    tenv_free(e);
}

TEST(exec_instruction_crossing_pages_reads_both)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    /* Virtual CODE -> real 0x30000, virtual CODE+0x1000 -> real 0x50000:
     * the two halves come from unrelated frames. */
    tenv_map(e, asce, CODE, 0x30000, 0);
    tenv_map(e, asce, CODE + 0x1000, 0x50000, 0);
    tenv_dat_on(e, asce);
    /* LLILF 4,0x12345678 = C0 4F 12 34 56 78 at virtual CODE+0xFFE */
    memcpy(tenv_abs(e, 0x30FFE), (uint8_t[]){ 0xC0, 0x4F }, 2);
    memcpy(tenv_abs(e, 0x50000), (uint8_t[]){ 0x12, 0x34, 0x56, 0x78 }, 4);
    e->cpu.psw_addr = CODE + 0xFFE;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[4], 0x12345678);
    CHECK_EQ(e->cpu.psw_addr, CODE + 0x1004);
    tenv_free(e);
}

TEST(exec_self_modifying_code_is_seen)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    e->cpu.gr[5] = CODE;
    SI(&a, 0x92, 0x07, 5, 7);           /* MVI 7(5),7: the LHI's immediate low byte */
    RI(&a, 0xA708, 3, 1);               /* LHI 3,1 at CODE+4 */
    /* Run the LHI first so that its page is in the TLB for fetching. */
    e->cpu.psw_addr = CODE + 4;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 1);
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_OK);     /* MVI rewrites the next instruction */
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 7);
    tenv_free(e);
}

TEST(exec_self_modifying_code_under_dat)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    /* A second virtual alias of the code frame: the store goes through it. */
    tenv_map(e, asce, 0x80000, CODE, 0);
    tenv_dat_on(e, asce);
    Asm a = asm_at(e, CODE);
    e->cpu.gr[5] = 0x80000;
    SI(&a, 0x92, 0x2A, 5, 7);           /* MVI 7(5),0x2A via the alias */
    RI(&a, 0xA708, 3, 1);               /* LHI 3,1 */
    e->cpu.psw_addr = CODE + 4;
    CHECK_EQ(step(e), CPU_STEP_OK);
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 0x2A);
    tenv_free(e);
}

/* ---- early PSW exceptions ---- */

TEST(exec_early_psw_exception_ilc0)
{
    TestEnv *e = tenv_cpu();
    uint64_t bad = PSW_MASK_EA | PSW_MASK_BA | BIT64(0);   /* bit 0 must be 0 */
    e->cpu.psw_mask = bad;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_SPECIFICATION);
    CHECK_EQ(pgm_ilc(e), 0);
    CHECK_EQ(pgm_old_mask(e), bad);
    CHECK_EQ(pgm_old_addr(e), CODE);            /* not advanced */

    /* EA without BA is invalid */
    e->cpu.psw_mask = PSW_MASK_EA;
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_SPECIFICATION);
    CHECK_EQ(pgm_ilc(e), 0);

    /* 31-bit PSW with an address above 2 GiB */
    e->cpu.psw_mask = PSW_MASK_BA;
    e->cpu.psw_addr = 0x80000000ULL;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_SPECIFICATION);
    CHECK_EQ(pgm_old_addr(e), 0x80000000ULL);

    /* odd instruction address: early form, address as is */
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    e->cpu.psw_addr = CODE + 1;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_SPECIFICATION);
    CHECK_EQ(pgm_ilc(e), 0);
    CHECK_EQ(pgm_old_addr(e), CODE + 1);
    tenv_free(e);
}

TEST(exec_invalid_program_new_psw_is_an_error)
{
    TestEnv *e = tenv_cpu();
    wr_be(e, 0x1D0, 8, BIT64(0));       /* invalid program new PSW */
    Asm a = asm_at(e, CODE);
    EMIT(&a, 0x00, 0x00);
    CHECK_EQ(step(e), CPU_STEP_ERROR);
    tenv_free(e);
}

TEST(exec_wait_state_executes_nothing)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x18, 1, 2);
    e->cpu.psw_mask |= PSW_MASK_WAIT;
    e->cpu.gr[2] = 5;
    CHECK_EQ(step(e), CPU_STEP_WAIT);
    CHECK_EQ(e->cpu.gr[1], 0);
    CHECK_EQ(e->cpu.psw_addr, CODE);
    tenv_free(e);
}

TEST(exec_prefix_relocates_lowcore)
{
    TestEnv *e = tenv_cpu();
    const uint64_t P = 0x40000;
    e->cpu.prefix = P;
    wr_be(e, P + 0x1D0, 8, PSW_MASK_EA | PSW_MASK_BA);
    wr_be(e, P + 0x1D8, 8, 0x9000);
    Asm a = asm_at(e, CODE);
    EMIT(&a, 0x00, 0x00);
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(rd_be(e, P + 0x8E, 2), PGM_OPERATION);
    CHECK_EQ(rd_be(e, P + 0x158, 8), CODE + 2);
    CHECK_EQ(rd_be(e, 0x8E, 2), 0);             /* absolute 0 untouched */
    CHECK_EQ(e->cpu.psw_addr, 0x9000);
    tenv_free(e);
}

/* ---- SVC and the sink ---- */

TEST(exec_svc_lowcore)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    I_(&a, 0x0A, 0x42);                 /* SVC 0x42 */
    set_cc(e, 1);
    uint64_t mask = e->cpu.psw_mask;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(rd_be(e, 0x88, 2), 2);             /* ILC 1 -> byte 0x89 = 2 */
    CHECK_EQ(rd_be(e, 0x8A, 2), 0x42);
    CHECK_EQ(rd_be(e, 0x140, 8), mask);
    CHECK_EQ(rd_be(e, 0x148, 8), CODE + 2);
    CHECK_EQ(e->cpu.psw_addr, SVC_NEW_ADDR);
    CHECK_EQ(rd_be(e, 0x8E, 2), 0);             /* not a program interruption */
    tenv_free(e);
}

typedef struct SinkLog {
    int npgm, nsvc;
    uint16_t code;
    unsigned ilc;
    uint64_t old_addr;
    uint64_t teid;
    int stop;
} SinkLog;

static int sink_pgm(CPUState *cpu, const ProgramInterruption *pi, void *opaque)
{
    SinkLog *l = opaque;
    l->npgm++;
    l->code = pi->code;
    l->ilc = pi->ilc;
    l->old_addr = cpu->psw_addr;
    l->teid = pi->exc.teid;
    return l->stop;
}

static int sink_svc(CPUState *cpu, uint16_t code, unsigned ilc, void *opaque)
{
    SinkLog *l = opaque;
    l->nsvc++;
    l->code = code;
    l->ilc = ilc;
    l->old_addr = cpu->psw_addr;
    cpu->gr[2] = 1234;                  /* a "system call" result */
    return l->stop;
}

TEST(exec_sink_receives_svc_and_program)
{
    TestEnv *e = tenv_cpu();
    static const InterruptSink sink = { sink_pgm, sink_svc };
    SinkLog log = { 0 };
    e->cpu.irq_sink = &sink;
    e->cpu.irq_opaque = &log;
    Asm a = asm_at(e, CODE);
    I_(&a, 0x0A, 0x05);                 /* SVC 5 */
    RR(&a, 0x1C, 3, 4);                 /* MR 3,4: specification */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(log.nsvc, 1);
    CHECK_EQ(log.code, 5);
    CHECK_EQ(log.ilc, 2);
    CHECK_EQ(log.old_addr, CODE + 2);
    CHECK_EQ(e->cpu.gr[2], 1234);
    CHECK_EQ(e->cpu.psw_addr, CODE + 2);        /* the sink left the PSW there */
    CHECK_EQ(rd_be(e, 0x8A, 2), 0);             /* lowcore untouched */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(log.npgm, 1);
    CHECK_EQ(log.code, PGM_SPECIFICATION);
    CHECK_EQ(log.ilc, 2);
    CHECK_EQ(log.old_addr, CODE + 4);
    CHECK_EQ(rd_be(e, 0x8E, 2), 0);
    /* a sink may stop the CPU (user-mode exit) */
    log.stop = 1;
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_STOP);
    tenv_free(e);
}

/* ---- core hooks ---- */

static void yield_now(CPUState *cpu, void *opaque)
{
    (void)opaque;
    atomic_store(&cpu->yield_request, 1);
}

TEST(exec_interrupted_mvcl_stays_at_instruction)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x0E, 2, 4);                 /* MVCL 2,4 */
    const uint64_t dst = 0x100000, src = 0x200000, len = 0x3000;
    memset(tenv_abs(e, src), 0xAB, len);
    e->cpu.gr[2] = dst;
    e->cpu.gr[3] = len;
    e->cpu.gr[4] = src;
    e->cpu.gr[5] = len;
    e->cpu.unit_hook = yield_now;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, CODE);            /* stays: will resume */
    CHECK(e->cpu.gr[3] < len && e->cpu.gr[3] > 0);  /* progress in registers */
    CHECK_EQ(e->cpu.gr[2], dst + (len - e->cpu.gr[3]));
    e->cpu.unit_hook = NULL;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, CODE + 2);
    CHECK_EQ(e->cpu.gr[3], 0);
    CHECK_EQ(tenv_abs(e, dst)[len - 1], 0xAB);
    tenv_free(e);
}

TEST(exec_watchpoint_stops_then_resumes_once)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RX(&a, 0x50, 2, 0, 4, 0);           /* ST 2,0(4) */
    e->cpu.gr[2] = 0xCAFEF00D;
    e->cpu.gr[4] = DATA;
    CHECK_EQ(access_watch_add(&e->m, DATA + 2, 1, WP_WRITE), 0);
    CHECK_EQ(step(e), CPU_STEP_WATCH);
    CHECK_EQ(e->cpu.psw_addr, CODE);
    CHECK_EQ(rd_be(e, DATA, 4), 0);             /* nothing stored */
    CHECK(e->cpu.watch.hit);
    CHECK_EQ(e->cpu.watch.addr, DATA + 2);
    /* the debugger resumes: the instruction runs exactly once */
    e->cpu.watch_suppress = true;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(rd_be(e, DATA, 4), 0xCAFEF00D);
    CHECK_EQ(e->cpu.psw_addr, CODE + 4);
    CHECK(!e->cpu.watch_suppress);
    tenv_free(e);
}

TEST(exec_watchpoint_remove_takes_exactly_one)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RX(&a, 0x50, 2, 0, 4, 0);           /* ST 2,0(4) */
    e->cpu.gr[4] = DATA;
    CHECK_EQ(access_watch_add(&e->m, DATA, 4, WP_WRITE), 0);
    CHECK_EQ(access_watch_add(&e->m, DATA + 0x100, 4, WP_READ), 0);
    /* only an exact (addr, len, type) match is removed */
    CHECK_EQ(access_watch_remove(&e->m, DATA, 4, WP_READ), -1);
    CHECK_EQ(access_watch_remove(&e->m, DATA, 2, WP_WRITE), -1);
    CHECK_EQ(access_watch_remove(&e->m, DATA, 4, WP_WRITE), 0);
    CHECK_EQ(e->m.nwp, 1);
    CHECK_EQ(e->m.wp[0].addr, DATA + 0x100);
    CHECK_EQ(step(e), CPU_STEP_OK);     /* the store is not watched any more */
    CHECK_EQ(access_watch_remove(&e->m, DATA + 0x100, 4, WP_READ), 0);
    CHECK_EQ(e->m.nwp, 0);
    CHECK_EQ(access_watch_add(&e->m, DATA, 0, WP_WRITE), -1);   /* empty range */
    for (int i = 0; i < MAX_WATCHPOINTS; i++)
        CHECK_EQ(access_watch_add(&e->m, DATA + 8 * (uint64_t)i, 1, WP_ACCESS), 0);
    CHECK_EQ(access_watch_add(&e->m, DATA, 1, WP_ACCESS), -1);  /* all in use */
    tenv_free(e);
}

/* ---- PER ---- */

/* PER on, storage-alteration events for [lo, hi]. */
static void per_sa_range(TestEnv *e, uint64_t lo, uint64_t hi)
{
    e->cpu.psw_mask |= PSW_MASK_PER;
    e->cpu.cr[9] = CR9_PER_SA;
    e->cpu.cr[10] = lo;
    e->cpu.cr[11] = hi;
}

TEST(exec_per_storage_alteration)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RX(&a, 0x50, 2, 0, 4, 0);           /* ST 2,0(4) */
    RX(&a, 0x50, 2, 0, 5, 0);           /* ST 2,0(5): outside the range */
    e->cpu.gr[2] = 0x01020304;
    e->cpu.gr[4] = DATA;
    e->cpu.gr[5] = DATA + 0x1000;
    per_sa_range(e, DATA + 3, DATA + 0x100);
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(rd_be(e, DATA, 4), 0x01020304);    /* the store happened */
    CHECK_EQ(pgm_code(e), PGM_PER);
    CHECK_EQ(pgm_ilc(e), 4);
    CHECK_EQ(pgm_old_addr(e), CODE + 4);
    CHECK_EQ(rd_be(e, 0x96, 1), PER_CODE_SA);
    CHECK_EQ(rd_be(e, 0x98, 8), CODE);          /* PER address = the ST */
    /* ATMID: EA (0x80) | 1 (0x40) | BA (0x20), DAT off, primary */
    CHECK_EQ(rd_be(e, 0x97, 1), 0xE0);
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_PER;
    e->cpu.psw_addr = CODE + 4;
    CHECK_EQ(step(e), CPU_STEP_OK);             /* no event outside the range */
    tenv_free(e);
}

/* The stores with a call-free exact hit (TRY handlers: ST, STG, MVI, ...)
 * run once with PER off, which leaves exact write entries in the TLB;
 * with PER on, each of them again must still be a storage-alteration
 * event: the exact hit is not for stores under PER. */
TEST(exec_per_storage_alteration_with_a_warm_tlb)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RX(&a, 0x50, 2, 0, 4, 0);                           /* ST 2,0(4) */
    EMIT(&a, 0xE3, 0x20, 0x40, 0x08, 0x00, 0x24);       /* STG 2,8(4) */
    EMIT(&a, 0x92, 0x5A, 0x40, 0x10);                   /* MVI 16(4),X'5A' */
    const uint64_t len[3] = { 4, 6, 4 };
    e->cpu.gr[2] = 0x01020304;
    e->cpu.gr[4] = DATA;
    for (int i = 0; i < 3; i++)
        CHECK_EQ(step(e), CPU_STEP_OK);                 /* PER off: fills the TLB */
    uint64_t at = CODE;
    for (int i = 0; i < 3; i++) {
        e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
        e->cpu.psw_addr = at;
        per_sa_range(e, DATA, DATA + 0x100);
        CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
        CHECK_EQ(pgm_code(e), PGM_PER);
        CHECK_EQ(rd_be(e, 0x96, 1), PER_CODE_SA);
        CHECK_EQ(rd_be(e, 0x98, 8), at);                /* PER address = the store */
        at += len[i];
    }
    CHECK_EQ(rd_be(e, DATA + 16, 1), 0x5A);
    tenv_free(e);
}

TEST(exec_per_branch_event)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RI(&a, 0xA704, 0xF, 0x10);          /* BRC 15,+0x20 */
    RI(&a, 0xA704, 0x0, 0x10);          /* BRC 0: never taken */
    e->cpu.psw_mask |= PSW_MASK_PER;
    e->cpu.cr[9] = CR9_PER_BRANCH;
    e->cpu.cr[10] = 0;
    e->cpu.cr[11] = ~0ULL;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PER);
    CHECK_EQ(rd_be(e, 0x96, 1), PER_CODE_BRANCH);
    CHECK_EQ(rd_be(e, 0x98, 8), CODE);
    CHECK_EQ(pgm_old_addr(e), CODE + 0x20);     /* the branch completed */
    /* breaking-event address = the branch */
    CHECK_EQ(rd_be(e, 0x110, 8), CODE);
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_PER;
    e->cpu.psw_addr = CODE + 4;
    CHECK_EQ(step(e), CPU_STEP_OK);
    /* branch-address control: only branches into CR10..CR11 */
    e->cpu.cr[9] = CR9_PER_BRANCH | CR9_PER_BRANCH_ADDR;
    e->cpu.cr[10] = CODE + 0x100;
    e->cpu.cr[11] = CODE + 0x200;
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, CODE + 0x20);
    tenv_free(e);
}

TEST(exec_per_ifetch_event)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x18, 1, 2);
    RR(&a, 0x18, 1, 2);
    e->cpu.psw_mask |= PSW_MASK_PER;
    e->cpu.cr[9] = CR9_PER_IFETCH;
    e->cpu.cr[10] = CODE + 2;
    e->cpu.cr[11] = CODE + 2;
    CHECK_EQ(step(e), CPU_STEP_OK);             /* CODE is outside the range */
    e->cpu.gr[2] = 3;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(e->cpu.gr[1], 3);                  /* executed, then reported */
    CHECK_EQ(rd_be(e, 0x96, 1), PER_CODE_IFETCH);
    CHECK_EQ(rd_be(e, 0x98, 8), CODE + 2);
    CHECK_EQ(pgm_old_addr(e), CODE + 4);
    /* with ifetch nullification the instruction is not executed */
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_PER;
    e->cpu.cr[9] = CR9_PER_IFETCH | CR9_PER_IFETCH_NULL;
    e->cpu.psw_addr = CODE + 2;
    e->cpu.gr[2] = 4;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(e->cpu.gr[1], 3);
    CHECK_EQ(pgm_old_addr(e), CODE + 2);
    CHECK_EQ(rd_be(e, 0x96, 1), PER_CODE_IFETCH | 0x01);
    tenv_free(e);
}

TEST(exec_per_with_svc_follows_svc)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    I_(&a, 0x0A, 0x01);
    e->cpu.psw_mask |= PSW_MASK_PER;
    e->cpu.cr[9] = CR9_PER_IFETCH;
    e->cpu.cr[10] = CODE;
    e->cpu.cr[11] = CODE;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(rd_be(e, 0x8A, 2), 1);             /* SVC delivered */
    CHECK_EQ(pgm_code(e), PGM_PER);             /* then PER */
    CHECK_EQ(pgm_old_addr(e), SVC_NEW_ADDR);    /* program old PSW = SVC new PSW */
    CHECK_EQ(e->cpu.psw_addr, PGM_NEW_ADDR);
    tenv_free(e);
}

TEST(exec_per_sa_dropped_with_suppressing_exception)
{
    /* STFLE with an unaligned operand: specification before any store, so
     * no event; with an aligned one the store is reported. */
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    S_(&a, 0xB2B0, 4, 0);               /* STFLE 0(4) */
    e->cpu.gr[4] = DATA;
    e->cpu.gr[0] = 0;
    per_sa_range(e, DATA, DATA + 0x100);
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PER);
    CHECK_EQ(rd_be(e, 0x96, 1), PER_CODE_SA);
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_PER;
    e->cpu.psw_addr = CODE;
    e->cpu.gr[4] = DATA + 4;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_SPECIFICATION);   /* no 0x80 */
    tenv_free(e);
}

TEST(exec_run_stops_on_watch)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RI(&a, 0xA70A, 1, 1);               /* AHI 1,1 */
    RI(&a, 0xA70A, 1, 1);
    RX(&a, 0x50, 1, 0, 4, 0);           /* ST 1,0(4) */
    e->cpu.gr[4] = DATA;
    access_watch_add(&e->m, DATA, 4, WP_WRITE);
    CHECK_EQ(cpu_run(&e->cpu, 100), CPU_STEP_WATCH);
    CHECK_EQ(e->cpu.gr[1], 2);
    CHECK_EQ(e->cpu.psw_addr, CODE + 8);
    tenv_free(e);
}

/* ---- address spaces ---- */

TEST(exec_home_mode_fetches_from_home_space)
{
    TestEnv *e = tenv_cpu();
    uint64_t prim = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    uint64_t home = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, prim, CODE, 0x30000, 0);
    tenv_map(e, home, CODE, 0x31000, 0);
    e->cpu.cr[13] = home;
    tenv_dat_on(e, prim);
    Asm a = asm_at(e, 0x30000);
    RI(&a, 0xA708, 2, 1);               /* primary copy: LHI 2,1 */
    a = asm_at(e, 0x31000);
    RI(&a, 0xA708, 2, 3);               /* home copy: LHI 2,3 */
    CHECK_EQ(step(e), CPU_STEP_OK);     /* primary mode */
    CHECK_EQ(e->cpu.gr[2], 1);
    e->cpu.psw_addr = CODE;
    e->cpu.psw_mask |= (uint64_t)PSW_ASC_HOME << PSW_SHIFT_ASC;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[2], 3);
    /* secondary mode fetches from the primary space */
    e->cpu.cr[7] = home;
    e->cpu.psw_addr = CODE;
    e->cpu.psw_mask = (e->cpu.psw_mask & ~PSW_MASK_ASC) |
                      ((uint64_t)PSW_ASC_SECONDARY << PSW_SHIFT_ASC);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[2], 1);
    tenv_free(e);
}

TEST(exec_ar_mode_operands_use_the_access_register)
{
    TestEnv *e = tenv_cpu();
    uint64_t prim = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    uint64_t sec = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map(e, prim, CODE, CODE, 0);
    tenv_map(e, prim, 0x80000, 0x30000, 0);
    tenv_map(e, sec, 0x80000, 0x31000, 0);
    e->cpu.cr[7] = sec;
    tenv_dat_on(e, prim);
    e->cpu.psw_mask |= (uint64_t)PSW_ASC_AR << PSW_SHIFT_ASC;
    wr_be(e, 0x30000, 4, 0x11111111);
    wr_be(e, 0x31000, 4, 0x22222222);
    Asm a = asm_at(e, CODE);
    RX(&a, 0x58, 2, 0, 4, 0);           /* L 2,0(4): AR 4 selects the space */
    RX(&a, 0x50, 3, 0, 4, 4);           /* ST 3,4(4) */
    e->cpu.gr[4] = 0x80000;
    e->cpu.gr[3] = 0x33333333;
    /* ALET 0 = primary, ALET 1 = secondary; twice each for the TLB hit path */
    for (int i = 0; i < 4; i++) {
        e->cpu.ar[4] = i & 1;
        e->cpu.psw_addr = CODE;
        CHECK_EQ(step(e), CPU_STEP_OK);
        CHECK_EQ(e->cpu.gr[2], (i & 1) ? 0x22222222 : 0x11111111);
        CHECK_EQ(step(e), CPU_STEP_OK);
        CHECK_EQ(rd_be(e, (i & 1) ? 0x31004 : 0x30004, 4), 0x33333333);
    }
    /* an ALET other than 0/1 is not translated (ALET specification, from
     * the access layer) and the fast path must not guess a space */
    e->cpu.ar[4] = 5;
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_ALET_SPEC);
    tenv_free(e);
}

/* ---- more delivery details ---- */

TEST(exec_no_teid_for_addressing)
{
    TestEnv *e = tenv_cpu();
    wr_be(e, 0xA8, 8, 0x5555555555555555ULL);
    Asm a = asm_at(e, CODE);
    RX(&a, 0x58, 2, 0, 4, 0);           /* L 2,0(4) beyond storage */
    e->cpu.gr[4] = 0x10000000;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_ADDRESSING);
    CHECK_EQ(pgm_old_addr(e), CODE + 4);
    CHECK_EQ(rd_be(e, 0xA8, 8), 0x5555555555555555ULL);   /* no TEID stored */
    tenv_free(e);
}

TEST(exec_dxc_stored_and_copied_to_fpc_with_afp)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RRF(&a, 0xB972, 8, 0, 1, 2);        /* CRT 1,2,8: equal -> trap */
    e->cpu.cr[0] |= CR0_AFP;
    e->cpu.fpc = 0x12340078;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_DATA);
    CHECK_EQ(rd_be(e, 0x90, 4), 0xFF);
    CHECK_EQ(e->cpu.fpc, 0x1234FF78);   /* DXC in FPC byte 2 */
    tenv_free(e);
}

TEST(exec_mvpg_operand_access_id)
{
    /* MVPG 2,4 with the source page invalid (CCO off): page translation,
     * TEID bit 61, operand access id 0xA2 = the R1R2 byte (0x24) */
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    tenv_map(e, asce, 0x80000, 0x30000, 0);
    tenv_dat_on(e, asce);
    Asm a = asm_at(e, CODE);
    RRE(&a, 0xB254, 2, 4);
    e->cpu.gr[0] = 0;
    e->cpu.gr[2] = 0x80000;
    e->cpu.gr[4] = 0x90000;             /* unmapped */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PAGE_TRANS);
    CHECK_EQ(pgm_old_addr(e), CODE);
    CHECK_EQ(rd_be(e, 0xA2, 1), 0x24);
    CHECK(rd_be(e, 0xA8, 8) & TEID_PROT_B61);
    tenv_free(e);
}

TEST(exec_alet_exception_access_id)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    tenv_dat_on(e, asce);
    e->cpu.psw_mask |= (uint64_t)PSW_ASC_AR << PSW_SHIFT_ASC;
    Asm a = asm_at(e, CODE);
    RX(&a, 0x58, 2, 0, 7, 0);           /* L 2,0(7) with AR 7 = ALET 9 */
    e->cpu.ar[7] = 9;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_ALET_SPEC);
    CHECK_EQ(rd_be(e, 0xA0, 1), 7);     /* exception access id = AR number */
    tenv_free(e);
}

TEST(exec_per_sa_in_interrupted_mvcl_unit)
{
    /* MVCL whose first destination page is in the PER range and whose
     * second destination page is invalid.  The long instructions end an
     * execution after a unit with a storage-alteration event (insn/long.c):
     * the dispatcher presents PER (0x80 alone) with the PSW still at the
     * MVCL; resuming then meets the nullifying page-translation exception. */
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    tenv_map(e, asce, 0x80000, 0x30000, 0);     /* dst page 1; 0x81000 unmapped */
    tenv_map_range(e, asce, 0x90000, 0x40000, 0x2000, 0);
    tenv_dat_on(e, asce);
    Asm a = asm_at(e, CODE);
    RR(&a, 0x0E, 2, 4);
    e->cpu.gr[2] = 0x80000;
    e->cpu.gr[3] = 0x2000;
    e->cpu.gr[4] = 0x90000;
    e->cpu.gr[5] = 0x2000;
    memset(tenv_abs(e, 0x40000), 0x77, 0x2000);
    const uint64_t mask = e->cpu.psw_mask | PSW_MASK_PER;
    e->cpu.psw_mask = mask;
    e->cpu.cr[9] = CR9_PER_SA;
    e->cpu.cr[10] = 0;
    e->cpu.cr[11] = ~0ULL;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PER);
    CHECK_EQ(rd_be(e, 0x96, 1), PER_CODE_SA);
    CHECK_EQ(pgm_old_addr(e), CODE);            /* at the MVCL: it resumes */
    CHECK_EQ(tenv_abs(e, 0x30000)[0], 0x77);    /* unit 0 was done */
    CHECK_EQ(e->cpu.gr[3], 0x1000);
    /* resume (the handler returns to the old PSW) */
    e->cpu.psw_mask = mask;
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PAGE_TRANS);      /* no storage altered: no 0x80 */
    CHECK_EQ(pgm_old_addr(e), CODE);
    CHECK_EQ(rd_be(e, 0xA8, 8), 0x81000 | 0x400);  /* store-only operand: store indication */
    tenv_free(e);
}

TEST(exec_per_range_wraps)
{
    /* CR10 > CR11: the range is CR10..top and 0..CR11 */
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x18, 1, 2);
    e->cpu.psw_mask |= PSW_MASK_PER;
    e->cpu.cr[9] = CR9_PER_IFETCH;
    e->cpu.cr[10] = 0xFFFFFFFFFFFFF000ULL;
    e->cpu.cr[11] = CODE;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(rd_be(e, 0x96, 1), PER_CODE_IFETCH);
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_PER;
    e->cpu.cr[11] = CODE - 2;           /* now CODE is outside */
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_OK);
    tenv_free(e);
}
