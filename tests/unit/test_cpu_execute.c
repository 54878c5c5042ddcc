/* EXECUTE and EXECUTE RELATIVE LONG (insn/execute.c; ZARCH-NOTES §1.4):
 * the OR into the second byte, target fetch, the execute exception, odd
 * targets, relative operands from the target's address, the link address
 * and ILC of the EX, exceptions and interruptions inside the target. */
#include "test_cpu.h"

#define TGT 0x18000ULL
#define DATA 0x20000ULL

/* EX 1,0(0,6) with R6 = target */
static void emit_ex(TestEnv *e, uint64_t at, int r1)
{
    Asm a = asm_at(e, at);
    RX(&a, 0x44, r1, 0, 6, 0);
    e->cpu.gr[6] = TGT;
}

TEST(ex_ors_r1_byte_into_length)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 1);
    Asm t = asm_at(e, TGT);
    SS_A(&t, 0xD2, 0x00, 7, 0, 8, 0);   /* MVC 0(1,7),0(8): length code 0 */
    e->cpu.gr[7] = DATA;
    e->cpu.gr[8] = DATA + 0x100;
    memcpy(tenv_abs(e, DATA + 0x100), "ABCDEFGH", 8);
    e->cpu.gr[1] = 0xFFFFFFFFFFFFFF03ULL;   /* only bits 56-63 (0x03) count */
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_MEM(tenv_abs(e, DATA), "ABCD", 4);         /* length code 3 -> 4 bytes */
    CHECK_EQ(tenv_abs(e, DATA)[4], 0);
    CHECK_EQ(tenv_abs(e, TGT)[1], 0x00);             /* storage unchanged */
    CHECK_EQ(e->cpu.psw_addr, CODE + 4);
    tenv_free(e);
}

TEST(ex_r1_zero_does_not_modify)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 0);
    Asm t = asm_at(e, TGT);
    SS_A(&t, 0xD2, 0x00, 7, 0, 8, 0);
    e->cpu.gr[0] = 0xFF;                /* GR0 is not used for the OR */
    e->cpu.gr[7] = DATA;
    e->cpu.gr[8] = DATA + 0x100;
    memcpy(tenv_abs(e, DATA + 0x100), "ABCDEFGH", 8);
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(tenv_abs(e, DATA)[0], 'A');
    CHECK_EQ(tenv_abs(e, DATA)[1], 0);
    tenv_free(e);
}

TEST(ex_or_into_register_fields)
{
    /* EX of LR 0,0 with R1 byte 0x35: executes LR 3,5 */
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 1);
    Asm t = asm_at(e, TGT);
    RR(&t, 0x18, 0, 0);
    e->cpu.gr[1] = 0x35;
    e->cpu.gr[5] = 0x5555;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 0x5555);
    CHECK_EQ(e->cpu.gr[0], 0);
    tenv_free(e);
}

TEST(ex_of_bras_links_after_ex_and_branches_relative_to_target)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 0);
    Asm t = asm_at(e, TGT);
    RI(&t, 0xA705, 14, 0x40);           /* BRAS 14,+0x80 (from the target) */
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[14], CODE + 4);          /* next sequential = after EX */
    CHECK_EQ(e->cpu.psw_addr, TGT + 0x80);
    tenv_free(e);
}

TEST(exrl_of_larl_is_relative_to_target)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    /* EXRL 0,TGT: RI2 = (TGT - CODE) / 2 */
    RIL(&a, 0xC600, 0, (TGT - CODE) / 2);
    Asm t = asm_at(e, TGT);
    RIL(&t, 0xC000, 3, 0x100);          /* LARL 3,+0x200 */
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], TGT + 0x200);
    CHECK_EQ(e->cpu.psw_addr, CODE + 6);
    tenv_free(e);
}

TEST(exrl_backward_target)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE + 0x100);
    RIL(&a, 0xC600, 0, -0x80);          /* target = CODE + 0x100 - 0x100 = CODE */
    a = asm_at(e, CODE);
    RI(&a, 0xA708, 2, 0x77);            /* LHI 2,0x77 */
    e->cpu.psw_addr = CODE + 0x100;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[2], 0x77);
    CHECK_EQ(e->cpu.psw_addr, CODE + 0x106);
    tenv_free(e);
}

TEST(ex_of_ex_is_execute_exception)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 0);
    Asm t = asm_at(e, TGT);
    RX(&t, 0x44, 0, 0, 0, 0);           /* EX as target */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_EXECUTE);
    CHECK_EQ(pgm_ilc(e), 4);
    CHECK_EQ(pgm_old_addr(e), CODE + 4);

    /* EXRL as the target of EX, and EX as the target of EXRL */
    t = asm_at(e, TGT);
    RIL(&t, 0xC600, 0, 0);
    e->cpu.psw_addr = CODE;
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_EXECUTE);

    Asm a = asm_at(e, CODE);
    RIL(&a, 0xC600, 0, (TGT - CODE) / 2);
    t = asm_at(e, TGT);
    RX(&t, 0x44, 0, 0, 0, 0);
    e->cpu.psw_addr = CODE;
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_EXECUTE);
    CHECK_EQ(pgm_ilc(e), 6);
    CHECK_EQ(pgm_old_addr(e), CODE + 6);
    tenv_free(e);
}

TEST(ex_odd_target_is_specification)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 0);
    e->cpu.gr[6] = TGT + 1;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_SPECIFICATION);
    CHECK_EQ(pgm_ilc(e), 4);
    CHECK_EQ(pgm_old_addr(e), CODE + 4);
    tenv_free(e);
}

TEST(ex_exception_in_target_uses_ex_ilc)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 0);
    Asm t = asm_at(e, TGT);
    RR(&t, 0x1C, 3, 4);                 /* MR 3,4: specification */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_SPECIFICATION);
    CHECK_EQ(pgm_ilc(e), 4);                    /* ILC of the EX, not 2 */
    CHECK_EQ(pgm_old_addr(e), CODE + 4);        /* after the EX */
    tenv_free(e);
}

TEST(exrl_operation_exception_in_target)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RIL(&a, 0xC600, 0, (TGT - CODE) / 2);
    Asm t = asm_at(e, TGT);
    EMIT(&t, 0x00, 0x00);               /* unassigned */
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_OPERATION);
    CHECK_EQ(pgm_ilc(e), 6);
    CHECK_EQ(pgm_old_addr(e), CODE + 6);
    tenv_free(e);
}

TEST(ex_of_svc_reports_ex_ilc)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 1);
    Asm t = asm_at(e, TGT);
    I_(&t, 0x0A, 0x00);                 /* SVC 0, number ORed in from R1 */
    e->cpu.gr[1] = 0x11;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(rd_be(e, 0x8A, 2), 0x11);
    CHECK_EQ(rd_be(e, 0x88, 2), 4);             /* ILC of the EX */
    CHECK_EQ(rd_be(e, 0x148, 8), CODE + 4);     /* old PSW after the EX */
    tenv_free(e);
}

TEST(ex_target_fetch_translation_nullifies_at_ex)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    tenv_dat_on(e, asce);               /* TGT (0x18000) is not mapped */
    emit_ex(e, CODE, 0);
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PAGE_TRANS);
    CHECK_EQ(pgm_old_addr(e), CODE);            /* at the EX */
    /* the target is fetched as an instruction: TEID fetch indication */
    CHECK_EQ(rd_be(e, 0xA8, 8), TGT | 0x800);
    tenv_free(e);
}

TEST(ex_target_fetch_is_instruction_fetch_iep)
{
    /* Instruction-execution protection applies to the target fetch: a
     * target in an IEP page raises protection (the EX itself is fine). */
    TestEnv *e = tenv_cpu();
    facility_set(&e->m, 130, true);
    e->cpu.cr[0] |= CR0_IEP;
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    tenv_map(e, asce, TGT, TGT, PAGE_ENTRY_IEP);
    tenv_dat_on(e, asce);
    emit_ex(e, CODE, 0);
    Asm t = asm_at(e, TGT);
    RR(&t, 0x18, 1, 2);
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_PROTECTION);
    CHECK_EQ(pgm_old_addr(e), CODE + 4);
    tenv_free(e);
}

static void yield_now(CPUState *cpu, void *opaque)
{
    (void)opaque;
    atomic_store(&cpu->yield_request, 1);
}

TEST(ex_of_interrupted_mvcl_stays_at_ex)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 0);
    Asm t = asm_at(e, TGT);
    RR(&t, 0x0E, 2, 4);
    const uint64_t len = 0x3000;
    e->cpu.gr[2] = 0x100000;
    e->cpu.gr[3] = len;
    e->cpu.gr[4] = 0x200000;
    e->cpu.gr[5] = len;
    e->cpu.unit_hook = yield_now;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, CODE);
    CHECK(e->cpu.gr[3] < len);
    e->cpu.unit_hook = NULL;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, CODE + 4);
    CHECK_EQ(e->cpu.gr[3], 0);
    tenv_free(e);
}

TEST(exrl_needs_facility_35)
{
    TestEnv *e = tenv_cpu();
    facility_set(&e->m, 35, false);
    Asm a = asm_at(e, CODE);
    RIL(&a, 0xC600, 0, (TGT - CODE) / 2);
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_OPERATION);
    CHECK_EQ(pgm_ilc(e), 6);
    tenv_free(e);
}

TEST(ex_of_branch_sets_bea_to_ex)
{
    TestEnv *e = tenv_cpu();
    emit_ex(e, CODE, 0);
    Asm t = asm_at(e, TGT);
    RI(&t, 0xA704, 0xF, 0x10);          /* BRC 15,+0x20 */
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.psw_addr, TGT + 0x20);
    CHECK_EQ(e->cpu.bea, CODE);                 /* the breaking event is the EX */
    tenv_free(e);
}

TEST(ex_of_balr_24bit_links_ex_ilc)
{
    /* BALR in 24-bit mode stores the ILC in bits 32-33: under EX it is the
     * EX's (4 bytes -> ILC 2 -> 10), and the link is after the EX. */
    TestEnv *e = tenv_cpu();
    e->cpu.psw_mask = 0;
    emit_ex(e, CODE, 0);
    Asm t = asm_at(e, TGT);
    RR(&t, 0x05, 14, 0);                /* BALR 14,0: link only */
    set_cc(e, 0);
    e->cpu.gr[14] = 0;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[14], 0x80000000ULL | (CODE + 4));
    CHECK_EQ(e->cpu.psw_addr, CODE + 4);
    tenv_free(e);
}
