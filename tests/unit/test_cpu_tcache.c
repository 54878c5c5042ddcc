/* The fast loop (cpu_run) and its decoded-instruction cache (cpu/tcache.c):
 * it must behave exactly as cpu_step does -- results, stores, interruptions
 * -- while decoding each instruction of a page once.  In particular a store
 * into decoded code takes effect before the next instruction (DESIGN §5):
 * from the same page, through a second virtual alias, from another page,
 * and by the host; and a translation dropped from the TLB (IPTE, mprotect)
 * is never bypassed by the cache. */
#include "cpu/tcache.h"
#include "test_cpu.h"

static CpuStepResult run(TestEnv *e, uint64_t n) { return cpu_run(&e->cpu, n); }

/* The first instruction fetched from a page whose translation is not yet in
 * the TLB runs through cpu_step (its fetch fills the TLB); the tests put a
 * BCR 0,0 (no operation) first, so that every instruction under test runs
 * from the cache and a stale decode would show. */
#define NOP(a) RR(a, 0x07, 0, 0)

/* A counting loop: LHI 3,0; LHI 6,1000; AHI 3,3; BRCT 6,-2 (halfwords).
 * 3 * 1000 = 3000 in r3 after 2 + 2 * 1000 instructions.  The first LHI
 * runs through cpu_step (its fetch fills the TLB, which the cache needs);
 * the cache then decodes the other three once each: 3, not 2002. */
TEST(tcache_loop_decodes_each_instruction_once)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RI(&a, 0xA708, 3, 0);
    RI(&a, 0xA708, 6, 1000);
    RI(&a, 0xA70A, 3, 3);                   /* AHI 3,3 at CODE+8 */
    RI(&a, 0xA706, 6, 0xFFFE);              /* BRCT 6, back 2 halfwords */
    CHECK_EQ(run(e, 2 + 2 * 1000), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 3000);
    CHECK_EQ(e->cpu.gr[6], 0);
    CHECK_EQ(e->cpu.psw_addr, CODE + 16);
    CHECK(e->cpu.tcache != NULL);
    CHECK_EQ(e->cpu.tcache->decoded, 3);
    tenv_free(e);
}

/* MVI 5(5),7 rewrites the immediate of the LHI at CODE+2 that has already
 * run from the cache; BRCT goes back to it, and the second LHI must load 7:
 *   CODE    BCR 0,0        07 00
 *   CODE+2  LHI 3,1        A7 38 00 01
 *   CODE+6  MVI 5(5),7     92 07 50 05   (r5 = CODE)
 *   CODE+10 BRCT 6,CODE+2  A7 66 FF FC   (r6 = 2) */
TEST(tcache_store_into_the_running_page_is_seen)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    NOP(&a);
    RI(&a, 0xA708, 3, 1);
    SI(&a, 0x92, 7, 5, 5);
    RI(&a, 0xA706, 6, 0xFFFC);
    e->cpu.gr[5] = CODE;
    e->cpu.gr[6] = 2;
    CHECK_EQ(run(e, 5), CPU_STEP_OK);       /* NOP, LHI, MVI, BRCT, LHI */
    CHECK_EQ(e->cpu.gr[3], 7);
    CHECK_EQ(e->cpu.psw_addr, CODE + 6);
    tenv_free(e);
}

/* The same through a second virtual alias of the code frame under DAT
 * (the store's logical page is not the executing page). */
TEST(tcache_store_through_an_alias_is_seen)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    tenv_map(e, asce, 0x80000, CODE, 0);
    tenv_dat_on(e, asce);
    Asm a = asm_at(e, CODE);
    NOP(&a);
    RI(&a, 0xA708, 3, 1);
    SI(&a, 0x92, 0x2A, 5, 5);
    RI(&a, 0xA706, 6, 0xFFFC);
    e->cpu.gr[5] = 0x80000;
    e->cpu.gr[6] = 2;
    CHECK_EQ(run(e, 5), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 0x2A);
    tenv_free(e);
}

/* Code on page B is run (and decoded), then code on page A overwrites it
 * with MVC and branches there: the new instruction runs.
 *   B = CODE+0x1000: LHI 3,1; BR 14
 *   A = CODE:        BRAS 14,B; MVC 0(4,7),0(8); BRAS 14,B
 * r7 = B, r8 = DATA holding LHI 3,9. */
TEST(tcache_store_into_another_decoded_page_is_seen)
{
    TestEnv *e = tenv_cpu();
    const uint64_t pb = CODE + 0x1000, data = 0x30000;
    Asm b = asm_at(e, pb);
    NOP(&b);
    RI(&b, 0xA708, 3, 1);                   /* B+2 */
    RR(&b, 0x07, 15, 14);                   /* BCR 15,14 */
    Asm d = asm_at(e, data);
    RI(&d, 0xA708, 3, 9);
    Asm a = asm_at(e, CODE);
    NOP(&a);
    RI(&a, 0xA705, 14, (0x1000 - 2) / 2);   /* BRAS 14,B from CODE+2 */
    SS_A(&a, 0xD2, 3, 7, 2, 8, 0);          /* MVC 2(4,7),0(8): B's LHI */
    RI(&a, 0xA705, 14, (0x1000 - 12) / 2);  /* BRAS 14,B from CODE+12 */
    e->cpu.gr[7] = pb;
    e->cpu.gr[8] = data;
    CHECK_EQ(run(e, 5), CPU_STEP_OK);       /* NOP, BRAS, NOP, LHI 3,1, BR */
    CHECK_EQ(e->cpu.gr[3], 1);
    CHECK_EQ(run(e, 4), CPU_STEP_OK);       /* MVC, BRAS, NOP, LHI 3,9 */
    CHECK_EQ(e->cpu.gr[3], 9);
    tenv_free(e);
}

/* A host store (storage_write_byte: interruption code, a loader) between
 * two runs of the same code. */
TEST(tcache_host_store_is_seen)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    NOP(&a);
    RI(&a, 0xA708, 3, 1);
    CHECK_EQ(run(e, 2), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 1);
    storage_write_byte(&e->m.storage, CODE + 5, 5);
    e->cpu.psw_addr = CODE;
    CHECK_EQ(run(e, 2), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 5);
    tenv_free(e);
}

/* The code page's PTE is invalidated and the TLB flushed (what IPTE or a
 * guest munmap does): running it again is a page-translation exception on
 * the instruction fetch, PSW at the instruction, not a run of the cached
 * decode. */
TEST(tcache_dropped_translation_faults)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    tenv_dat_on(e, asce);
    Asm a = asm_at(e, CODE);
    NOP(&a);
    RI(&a, 0xA70A, 3, 1);                   /* AHI 3,1 */
    CHECK_EQ(run(e, 2), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 1);
    tenv_entry_or(e, asce, CODE, LVL_PAGE, PAGE_ENTRY_I);
    tlb_flush_all(&e->cpu.tlb);
    e->cpu.psw_addr = CODE;
    CHECK_EQ(run(e, 1), CPU_STEP_OK);       /* the interruption is delivered */
    CHECK_EQ(pgm_code(e), PGM_PAGE_TRANS);
    CHECK_EQ(pgm_old_addr(e), CODE);
    CHECK_EQ(e->cpu.gr[3], 1);
    tenv_free(e);
}

/* An instruction that crosses into the next page, and one that is not
 * assigned, run through cpu_step from inside the fast loop: the LLILF at
 * CODE+0xFFC spans the boundary; the 0x00 halfword after it is an
 * operation exception with ILC 1 and the PSW after it. */
TEST(tcache_page_crossing_and_unassigned)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE + 0xFF8);
    RI(&a, 0xA708, 3, 4);                   /* LHI 3,4 at CODE+0xFF8 */
    RIL(&a, 0xC00F, 4, 0x01020304);         /* LLILF at CODE+0xFFC: crosses */
    EMIT(&a, 0x00, 0x00);                   /* CODE+0x1002: unassigned */
    e->cpu.psw_addr = CODE + 0xFF8;
    CHECK_EQ(run(e, 3), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 4);
    CHECK_EQ(e->cpu.gr[4], 0x01020304);
    CHECK_EQ(pgm_code(e), PGM_OPERATION);
    CHECK_EQ(pgm_ilc(e), 2);
    CHECK_EQ(pgm_old_addr(e), CODE + 0x1004);
    tenv_free(e);
}

/* cpu_run and cpu_step agree instruction for instruction on a program with
 * loads, stores, a loop, a call into another page and back: the registers
 * and the stored bytes are compared after every instruction. */
static void emit_program(TestEnv *e)
{
    Asm a = asm_at(e, CODE);
    RI(&a, 0xA709, 1, 0);                   /* LGHI 1,0 */
    RI(&a, 0xA709, 2, 50);                  /* LGHI 2,50 */
    RIL(&a, 0xC000, 5, (0x30000 - (CODE + 8)) / 2);   /* LARL 5,0x30000 */
    /* loop at CODE+14: r1 += r2; store r1 at 0(r5); r5 += 8; call; brct */
    RRE(&a, 0xB908, 1, 2);                  /* AGR 1,2 */
    RXY(&a, 0xE324, 1, 0, 5, 0);            /* STG 1,0(5) */
    RI(&a, 0xA70B, 5, 8);                   /* AGHI 5,8 */
    RI(&a, 0xA705, 14, (0x1000 - 28) / 2);  /* BRAS 14,CODE+0x1000 (from CODE+28) */
    RI(&a, 0xA706, 2, (uint16_t)(-(int)(32 - 14) / 2));   /* BRCT 2,loop */
    Asm f = asm_at(e, CODE + 0x1000);
    RXY(&f, 0xE304, 6, 0, 5, -8 & 0xFFFFF); /* LG 6,-8(5) */
    RRE(&f, 0xB90A, 7, 6);                  /* ALGR 7,6 */
    RR(&f, 0x07, 15, 14);                   /* BR 14 */
}

TEST(tcache_fast_loop_equals_cpu_step)
{
    TestEnv *fast = tenv_cpu(), *slow = tenv_cpu();
    emit_program(fast);
    emit_program(slow);
    for (int i = 0; i < 3 + 50 * 8; i++) {
        CHECK_EQ(run(fast, 1), CPU_STEP_OK);
        CHECK_EQ(step(slow), CPU_STEP_OK);
        CHECK_EQ(fast->cpu.psw_addr, slow->cpu.psw_addr);
        CHECK_EQ(fast->cpu.psw_mask, slow->cpu.psw_mask);
        for (int r = 0; r < 16; r++)
            CHECK_EQ(fast->cpu.gr[r], slow->cpu.gr[r]);
    }
    /* 50 + 49 + ... + 1 = 1275 in r1; the sum of the stored partial sums
     * sum(k=1..50) of (50+...+(51-k)) computed by hand below. */
    uint64_t partial = 0, total = 0;
    for (int k = 50; k >= 1; k--) {
        partial += (uint64_t)k;
        total += partial;
    }
    CHECK_EQ(fast->cpu.gr[1], 1275);
    CHECK_EQ(fast->cpu.gr[7], total);
    CHECK_MEM(tenv_abs(fast, 0x30000), tenv_abs(slow, 0x30000), 50 * 8);
    tenv_free(fast);
    tenv_free(slow);
}

/* The threaded dispatch (cpu/threaded.h) runs chains of decoded
 * instructions without the PSW bookkeeping of cpu_step; after every batch
 * of k instructions (k = 1..7, so that a batch ends anywhere: inside the
 * loop, on a taken or an untaken branch, on the interruption) the state
 * must be cpu_step's after k steps, and cpu_run must have run exactly k.
 *   CODE+0   LGHI 1,0 ; LGHI 2,20 ; LGHI 3,0
 *   CODE+12  AGHI 1,7 ; LGR 4,1 ; NILL 4,3
 *   CODE+24  BRC 8,CODE+32          (taken when r1 is a multiple of 4)
 *   CODE+28  AGHI 3,1
 *   CODE+32  BRCTG 2,CODE+12
 *   CODE+36  LLIHF 5,X'7FFFFFFF' ; AGR 5,5   (fixed-point overflow)
 * By hand: r1 = 7 * 20 = 140; r1 = 7k is a multiple of 4 for k = 4, 8, 12,
 * 16, 20, so r3 = 20 - 5 = 15; 3 + 20 * 6 - 5 + 2 = 120 instructions, the
 * last an AGR whose overflow interrupts (program mask bit 20 on) with the
 * PSW after it (the exception completes) and ILC 4. */
static void emit_branchy(TestEnv *e)
{
    Asm a = asm_at(e, CODE);
    RI(&a, 0xA709, 1, 0);
    RI(&a, 0xA709, 2, 20);
    RI(&a, 0xA709, 3, 0);
    RI(&a, 0xA70B, 1, 7);
    RRE(&a, 0xB904, 4, 1);
    RI(&a, 0xA507, 4, 3);
    RI(&a, 0xA704, 8, 4);
    RI(&a, 0xA70B, 3, 1);
    RI(&a, 0xA707, 2, 0xFFF6);
    RIL(&a, 0xC00E, 5, 0x7FFFFFFF);
    RRE(&a, 0xB908, 5, 5);
    e->cpu.psw_mask |= BIT64(20);
}

/* Runs the program of emit through cpu_run in batches of 1, 2, ..., 7
 * instructions and through cpu_step one by one, comparing after every
 * batch; total instructions in all.  Returns the fast environment. */
static TestEnv *batches_equal(void (*emit)(TestEnv *), int total)
{
    TestEnv *fast = tenv_cpu(), *slow = tenv_cpu();
    emit(fast);
    emit(slow);
    int done = 0;
    for (int k = 1; done < total; k = k % 7 + 1) {
        const int n = done + k > total ? total - done : k;
        CHECK_EQ(run(fast, (uint64_t)n), CPU_STEP_OK);
        for (int i = 0; i < n; i++) {
            CpuStepResult r = step(slow);
            CHECK(r == CPU_STEP_OK || r == CPU_STEP_INTERRUPT);
        }
        done += n;
        CHECK_EQ(fast->cpu.psw_addr, slow->cpu.psw_addr);
        CHECK_EQ(fast->cpu.psw_mask, slow->cpu.psw_mask);
        CHECK_EQ(fast->cpu.bea, slow->cpu.bea);
        for (int r = 0; r < 16; r++)
            CHECK_EQ(fast->cpu.gr[r], slow->cpu.gr[r]);
    }
    CHECK_MEM(tenv_abs(fast, 0x30000), tenv_abs(slow, 0x30000), 64 * 8);
    tenv_free(slow);
    return fast;
}

TEST(tcache_threaded_batches_equal_cpu_step)
{
    TestEnv *fast = batches_equal(emit_branchy, 120);
    CHECK_EQ(fast->cpu.gr[1], 140);
    CHECK_EQ(fast->cpu.gr[3], 15);
    CHECK_EQ(fast->cpu.gr[2], 0);
    CHECK_EQ(pgm_code(fast), PGM_FIXED_OVERFLOW);
    CHECK_EQ(pgm_ilc(fast), 4);
    CHECK_EQ(pgm_old_addr(fast), CODE + 46);
    /* The last taken branch: the BRC of the 20th iteration (140 = 4 * 35);
     * that iteration's BRCTG falls through. */
    CHECK_EQ(fast->cpu.bea, CODE + 24);
    tenv_free(fast);
}

/* Storage operands through the entries that inline the exact TLB hit
 * (cpu/threaded.c: TRY_LIST) -- the first access of each kind on a cold
 * TLB goes the handler's way -- and a fixed-point overflow recognised on
 * that inline path:
 *   CODE+0   LARL 5,0x30000 ; LGHI 2,10
 *   CODE+10  L 1,0(5) ; A 1,4(5) ; ST 1,0(5) ; C 1,8(5)
 *   CODE+26  BRCTG 2,CODE+10
 *   CODE+30  L 3,12(5) ; A 3,12(5)           (fixed-point overflow)
 * with the words 1, 3, 100, X'7FFFFFFF' at 0x30000.  By hand: the word at
 * 0x30000 and r1 end at 1 + 10 * 3 = 31, C leaves CC 1 (31 < 100);
 * 2 + 10 * 5 + 2 = 54 instructions, the last interrupting with the sum
 * X'FFFFFFFE' in r3 (the result is stored), ILC 4, the PSW after it. */
static void emit_memops(TestEnv *e)
{
    Asm a = asm_at(e, CODE);
    RIL(&a, 0xC000, 5, (0x30000 - CODE) / 2);
    RI(&a, 0xA709, 2, 10);
    RX(&a, 0x58, 1, 0, 5, 0);
    RX(&a, 0x5A, 1, 0, 5, 4);
    RX(&a, 0x50, 1, 0, 5, 0);
    RX(&a, 0x59, 1, 0, 5, 8);
    RI(&a, 0xA707, 2, 0xFFF8);
    RX(&a, 0x58, 3, 0, 5, 12);
    RX(&a, 0x5A, 3, 0, 5, 12);
    wr_be(e, 0x30000, 4, 1);
    wr_be(e, 0x30004, 4, 3);
    wr_be(e, 0x30008, 4, 100);
    wr_be(e, 0x3000C, 4, 0x7FFFFFFF);
    e->cpu.psw_mask |= BIT64(20);
}

TEST(tcache_threaded_storage_operands_equal_cpu_step)
{
    TestEnv *fast = batches_equal(emit_memops, 54);
    CHECK_EQ(rd_be(fast, 0x30000, 4), 31);
    CHECK_EQ(fast->cpu.gr[1] & 0xFFFFFFFF, 31);
    CHECK_EQ(fast->cpu.gr[3] & 0xFFFFFFFF, 0xFFFFFFFE);
    CHECK_EQ(pgm_code(fast), PGM_FIXED_OVERFLOW);
    CHECK_EQ(pgm_ilc(fast), 4);
    CHECK_EQ(pgm_old_addr(fast), CODE + 38);
    CHECK_EQ((pgm_old_mask(fast) & PSW_MASK_CC) >> PSW_SHIFT_CC, 3);
    tenv_free(fast);
}

/* Straight-line code that runs off the end of one page into the next and
 * then into an unassigned opcode: the first page's last instruction is
 * followed by the page's end entry, the others by placeholders decoded when
 * reached (tcache.h: DecodedInsn.next).
 *   CODE+0xFF0  LGHI 1,1 ; AGHI 1,2 ; AGHI 1,3 ; AGHI 1,4
 *   CODE+0x1000 AGHI 1,5 ; AGHI 1,6 ; X'0000'
 * By hand: r1 = 1 + 2 + ... + 6 = 21 after 6 instructions; the 7th step is
 * the operation exception, PSW after the 2-byte opcode. */
static void emit_straight(TestEnv *e)
{
    Asm a = asm_at(e, CODE + 0xFF0);
    RI(&a, 0xA709, 1, 1);
    RI(&a, 0xA70B, 1, 2);
    RI(&a, 0xA70B, 1, 3);
    RI(&a, 0xA70B, 1, 4);
    RI(&a, 0xA70B, 1, 5);
    RI(&a, 0xA70B, 1, 6);
    EMIT(&a, 0x00, 0x00);
    e->cpu.psw_addr = CODE + 0xFF0;
}

TEST(tcache_straight_line_across_pages)
{
    TestEnv *fast = batches_equal(emit_straight, 7);
    CHECK_EQ(fast->cpu.gr[1], 21);
    CHECK_EQ(pgm_code(fast), PGM_OPERATION);
    CHECK_EQ(pgm_old_addr(fast), CODE + 0x100A);
    tenv_free(fast);
}

/* The program of tcache_fast_loop_equals_cpu_step in batches: the calls
 * (BRAS) and returns (BR 14) between its two pages then happen inside one
 * cpu_run, the loop going from page to page itself. */
TEST(tcache_threaded_batches_between_pages)
{
    TestEnv *fast = batches_equal(emit_program, 3 + 50 * 8);
    CHECK_EQ(fast->cpu.gr[1], 1275);
    /* The last taken branch: the last BR 14 (LG 6 bytes, ALGR 4 before it);
     * the final BRCT falls through. */
    CHECK_EQ(fast->cpu.bea, CODE + 0x100A);
    tenv_free(fast);
}

/* Calls from page A into page B, several in one cpu_run, which the loop
 * finds through its jump slots (cpu/tcache.h) after the first:
 *   A = CODE:        NOP; LHI 6,n; loop: BRAS 14,B; BRCT 6,loop
 *   B = CODE+0x1000: NOP; LHI 3,1; AHI 4,1; BR 14
 * Each later call is 5 instructions: BRAS, LHI, AHI, BR, BRCT. */
#define JUMP_B (CODE + 0x1000)
static void emit_calls(TestEnv *e)
{
    Asm b = asm_at(e, JUMP_B);
    NOP(&b);
    RI(&b, 0xA708, 3, 1);                   /* LHI 3,1 at B+2 */
    RI(&b, 0xA70A, 4, 1);                   /* AHI 4,1 */
    RR(&b, 0x07, 15, 14);                   /* BR 14 */
    Asm a = asm_at(e, CODE);
    NOP(&a);
    RI(&a, 0xA708, 6, 3);                   /* LHI 6,3 */
    RI(&a, 0xA705, 14, (0x1000 + 2 - 6) / 2);   /* CODE+6: BRAS 14,B+2 */
    RI(&a, 0xA706, 6, (uint16_t)-2);        /* CODE+10: BRCT 6,CODE+6 */
}

/* First run: NOP, LHI, a call through cpu_step's way into B (NOP first),
 * then two calls from the slots.  The later runs start at the NOP again
 * when A's TLB entry is gone: cpu_step refills it, and the call then runs
 * in the loop, where the slots are looked at. */
static void run_calls(TestEnv *e)
{
    e->cpu.psw_addr = CODE;
    /* NOP LHI; BRAS LHI AHI BR BRCT, three times */
    CHECK_EQ(run(e, 2 + 3 * 5), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 1);
    CHECK_EQ(e->cpu.gr[4], 3);
    CHECK_EQ(e->cpu.psw_addr, CODE + 14);
}

/* A host store into B (a loader, a system call) between runs moves the
 * storage's code epoch: the slot into B's old decoding must not be used. */
TEST(tcache_jump_slot_sees_host_store)
{
    TestEnv *e = tenv_cpu();
    emit_calls(e);
    run_calls(e);
    storage_write_byte(&e->m.storage, JUMP_B + 5, 5);  /* LHI 3,5 */
    e->cpu.gr[6] = 2;
    e->cpu.psw_addr = CODE + 6;
    CHECK_EQ(run(e, 2 * 5), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[3], 5);
    CHECK_EQ(e->cpu.gr[4], 5);
    tenv_free(e);
}

/* B's translation is dropped (invalid PTE, TLB flushed) between runs: the
 * next call is a page-translation exception on fetching B, not a run of
 * the slot's decoding (the slots hold for one TLB epoch only). */
TEST(tcache_jump_slot_dropped_translation_faults)
{
    TestEnv *e = tenv_cpu();
    uint64_t asce = tenv_asce_new(e, ASCE_TYPE_SEGMENT);
    tenv_map_range(e, asce, 0, 0, 0x4000, 0);
    tenv_map(e, asce, CODE, CODE, 0);
    tenv_map(e, asce, JUMP_B, JUMP_B, 0);
    tenv_dat_on(e, asce);
    emit_calls(e);
    run_calls(e);
    tenv_entry_or(e, asce, JUMP_B, LVL_PAGE, PAGE_ENTRY_I);
    tlb_flush_all(&e->cpu.tlb);
    /* The NOP refills A's TLB entry, so that the BRAS runs in the loop. */
    e->cpu.psw_addr = CODE;
    CHECK_EQ(run(e, 4), CPU_STEP_OK);       /* NOP, LHI, BRAS, the interruption */
    CHECK_EQ(pgm_code(e), PGM_PAGE_TRANS);
    CHECK_EQ(pgm_old_addr(e), JUMP_B + 2);
    CHECK_EQ(e->cpu.gr[4], 3);
    tenv_free(e);
}

/* B's frame is fetch-protected with key 3; the calls run under PSW key 0.
 * Under PSW key 5 the next call is a protection exception on fetching B:
 * the slots hold only for the PSW key (and space and addressing mode) the
 * loop runs under. */
TEST(tcache_jump_slot_keeps_the_psw_key)
{
    TestEnv *e = tenv_cpu();
    emit_calls(e);
    storage_set_key(&e->m.storage, JUMP_B, 0x38);       /* ACC 3, fetch-protected */
    run_calls(e);
    e->cpu.psw_mask = (e->cpu.psw_mask & ~PSW_MASK_KEY) | (5ULL << PSW_SHIFT_KEY);
    storage_set_key(&e->m.storage, CODE, 0x50);         /* A stays runnable under key 5 */
    e->cpu.psw_addr = CODE;                 /* the NOP fills A's entry for key 5 */
    CHECK_EQ(run(e, 4), CPU_STEP_OK);       /* NOP, LHI, BRAS, the interruption */
    CHECK_EQ(pgm_code(e), PGM_PROTECTION);
    /* Recognised on fetching B's LHI (the old PSW's address, which depends
     * on the ILC rule for fetch exceptions, is checked in test_cpu_exec). */
    CHECK_EQ(pgm_old_addr(e) & PAGE_MASK, JUMP_B);
    CHECK_EQ(e->cpu.gr[4], 3);
    tenv_free(e);
}

/* A call's return point (tcache.h: TCACHE_RETURNS) is A's decoding of the
 * instruction after the BRAS.  A host store into A between the call and
 * the return moves the code epoch: the return must run the new
 * instruction, not the return stack's old decoding of it. */
TEST(tcache_return_point_sees_host_store)
{
    TestEnv *e = tenv_cpu();
    emit_calls(e);
    run_calls(e);
    e->cpu.gr[6] = 2;
    e->cpu.psw_addr = CODE + 6;
    CHECK_EQ(run(e, 2), CPU_STEP_OK);           /* BRAS, LHI: the loop stops in B */
    CHECK_EQ(e->cpu.psw_addr, JUMP_B + 6);
    /* BRCT 6,loop at CODE+10 becomes LHI 5,9 */
    const uint8_t lhi[4] = { 0xA7, 0x58, 0x00, 0x09 };
    for (unsigned i = 0; i < 4; i++)
        storage_write_byte(&e->m.storage, CODE + 10 + i, lhi[i]);
    CHECK_EQ(run(e, 3), CPU_STEP_OK);           /* AHI, BR 14, the new LHI */
    CHECK_EQ(e->cpu.gr[5], 9);
    CHECK_EQ(e->cpu.gr[6], 2);
    CHECK_EQ(e->cpu.psw_addr, CODE + 14);
    tenv_free(e);
}

/* The callee changes its return address (R14 + 4) before BR 14: the
 * branch goes to R14, not to the return point on top of the stack.
 *   A = CODE: NOP; LHI 6,3; BRAS 14,B+2; BRCT 6,CODE+6; LHI 7,1
 *   B:        NOP; AGHI 14,4; BR 14 */
TEST(tcache_return_goes_where_the_register_says)
{
    TestEnv *e = tenv_cpu();
    Asm b = asm_at(e, JUMP_B);
    NOP(&b);
    RI(&b, 0xA70B, 14, 4);                  /* AGHI 14,4 at B+2 */
    RR(&b, 0x07, 15, 14);                   /* BR 14 */
    Asm a = asm_at(e, CODE);
    NOP(&a);
    RI(&a, 0xA708, 6, 3);                   /* LHI 6,3 */
    RI(&a, 0xA705, 14, (0x1000 + 2 - 6) / 2);   /* CODE+6: BRAS 14,B+2 */
    RI(&a, 0xA706, 6, (uint16_t)-2);        /* CODE+10: BRCT 6,CODE+6 */
    RI(&a, 0xA708, 7, 1);                   /* CODE+14: LHI 7,1 */
    e->cpu.psw_addr = CODE;
    /* twice: the second time every page is decoded and in the TLB */
    for (int pass = 0; pass < 2; pass++) {
        e->cpu.gr[7] = 0;
        e->cpu.psw_addr = CODE;
        CHECK_EQ(run(e, 6), CPU_STEP_OK);   /* NOP LHI BRAS AGHI BR LHI */
        CHECK_EQ(e->cpu.gr[7], 1);
        CHECK_EQ(e->cpu.gr[6], 3);
        CHECK_EQ(e->cpu.psw_addr, CODE + 18);
    }
    tenv_free(e);
}
