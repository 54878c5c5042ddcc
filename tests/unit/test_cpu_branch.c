/* Branch instructions (insn/branch.c): condition masks, link information in
 * each addressing mode, count and index branches, relative targets, compare
 * and branch/jump, compare and trap.  Expected addresses are computed by
 * hand from CODE in each test. */
#include <stdlib.h>

#include "test_cpu.h"

#define GR E->cpu.gr


static Asm fresh(void) { return asm_at(tenv_fresh(), CODE); }

static uint64_t run_at(uint64_t addr)
{
    E->cpu.psw_addr = addr;
    CHECK_EQ(step(E), CPU_STEP_OK);
    return E->cpu.psw_addr;
}

TEST(branch_on_condition_masks)
{
    Asm a = fresh();
    RX(&a, 0x47, 0, 0, 4, 0x20);        /* BC M1,0x20(4): M1 patched below */
    GR[4] = CODE + 0x100;
    for (unsigned cc = 0; cc < 4; cc++) {
        for (unsigned m = 0; m < 16; m++) {
            tenv_abs(E, CODE)[1] = (uint8_t)(m << 4);
            set_cc(E, cc);
            uint64_t next = run_at(CODE);
            bool taken = (m >> (3 - cc)) & 1;
            CHECK_EQ(next, taken ? CODE + 0x120 : CODE + 4);
        }
    }
}

TEST(branch_bcr_and_brc)
{
    Asm a = fresh();
    RR(&a, 0x07, 0xF, 5);               /* BCR 15,5 */
    GR[5] = 0x30000;
    CHECK_EQ(run_at(CODE), 0x30000);
    a = asm_at(E, CODE);
    RR(&a, 0x07, 0xF, 0);               /* BCR 15,0: no branch */
    CHECK_EQ(run_at(CODE), CODE + 2);
    a = asm_at(E, CODE);
    RI(&a, 0xA704, 0x8, -4);            /* BRC 8,-8 (CC0) */
    set_cc(E, 0);
    CHECK_EQ(run_at(CODE), CODE - 8);
    set_cc(E, 1);
    CHECK_EQ(run_at(CODE), CODE + 4);
    a = asm_at(E, CODE);
    RIL(&a, 0xC004, 0xF, 0x10000000);   /* BRCL 15,+0x20000000 */
    CHECK_EQ(run_at(CODE), CODE + 0x20000000ULL);
    /* the target wraps in 31-bit mode */
    E->cpu.psw_mask = PSW_MASK_BA;
    a = asm_at(E, CODE);
    RIL(&a, 0xC004, 0xF, 0x40000000);   /* +0x80000000 -> wraps to CODE */
    CHECK_EQ(run_at(CODE), CODE);
}

TEST(branch_and_save_link_per_mode)
{
    Asm a = fresh();
    RX(&a, 0x4D, 14, 0, 4, 0);          /* BAS 14,0(4) */
    GR[4] = 0x30000;
    GR[14] = 0xAAAAAAAABBBBBBBBULL;
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(GR[14], CODE + 4);         /* 64-bit: the whole register */
    E->cpu.psw_mask = PSW_MASK_BA;
    GR[14] = 0xAAAAAAAABBBBBBBBULL;
    run_at(CODE);
    CHECK_EQ(GR[14], 0xAAAAAAAA80000000ULL | (CODE + 4));   /* 31-bit: bit 32 set */
    E->cpu.psw_mask = 0;
    GR[14] = 0xAAAAAAAABBBBBBBBULL;
    run_at(CODE);
    CHECK_EQ(GR[14], 0xAAAAAAAA00000000ULL | (CODE + 4));   /* 24-bit */

    /* BAL in 24-bit mode: ILC (2 -> 10), CC, program mask in bits 32-39 */
    a = asm_at(E, CODE);
    RX(&a, 0x45, 14, 0, 4, 0);
    set_cc(E, 1);
    E->cpu.psw_mask |= 0x3ULL << 40;
    run_at(CODE);
    /* 10 01 0011 = 0x93 */
    CHECK_EQ(GR[14], 0xAAAAAAAA93000000ULL | (CODE + 4));
    /* BALR in 24-bit: ILC 1 -> 01; CC 1; PM 3: 01 01 0011 = 0x53 */
    a = asm_at(E, CODE);
    RR(&a, 0x05, 14, 4);
    run_at(CODE);
    CHECK_EQ(GR[14], 0xAAAAAAAA53000000ULL | (CODE + 2));
}

TEST(branch_basr_details)
{
    Asm a = fresh();
    RR(&a, 0x0D, 14, 0);                /* BASR 14,0: link, no branch */
    CHECK_EQ(run_at(CODE), CODE + 2);
    CHECK_EQ(GR[14], CODE + 2);
    a = asm_at(E, CODE);
    RR(&a, 0x0D, 5, 5);                 /* BASR 5,5: branch to the old R5 */
    GR[5] = 0x30000;
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(GR[5], CODE + 2);
}

TEST(branch_relative_and_save)
{
    Asm a = fresh();
    RI(&a, 0xA705, 14, 0x100);          /* BRAS 14,+0x200 */
    CHECK_EQ(run_at(CODE), CODE + 0x200);
    CHECK_EQ(GR[14], CODE + 4);
    a = asm_at(E, CODE);
    RIL(&a, 0xC005, 14, -2);            /* BRASL 14,-4 */
    CHECK_EQ(run_at(CODE), CODE - 4);
    CHECK_EQ(GR[14], CODE + 6);
}

TEST(branch_on_count)
{
    Asm a = fresh();
    RX(&a, 0x46, 2, 0, 4, 0);           /* BCT 2,0(4) */
    GR[4] = 0x30000;
    GR[2] = 0xAAAAAAAA00000002ULL;
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(GR[2], 0xAAAAAAAA00000001ULL);
    CHECK_EQ(run_at(CODE), CODE + 4);   /* 1 -> 0: falls through */
    CHECK_EQ(GR[2], 0xAAAAAAAA00000000ULL);
    CHECK_EQ(run_at(CODE), 0x30000);    /* 0 -> 0xFFFFFFFF: taken */
    CHECK_EQ(GR[2], 0xAAAAAAAAFFFFFFFFULL);
    /* the branch address is formed before R1 is decremented */
    a = asm_at(E, CODE);
    RX(&a, 0x46, 2, 0, 2, 0);           /* BCT 2,0(2) */
    GR[2] = 0x30002;
    CHECK_EQ(run_at(CODE), 0x30002);
    a = asm_at(E, CODE);
    RR(&a, 0x06, 2, 0);                 /* BCTR 2,0: decrements, no branch */
    GR[2] = 5;
    CHECK_EQ(run_at(CODE), CODE + 2);
    CHECK_EQ(GR[2], 4);
    a = asm_at(E, CODE);
    RRE(&a, 0xB946, 2, 4);              /* BCTGR: 64-bit count */
    GR[2] = 0x100000000ULL;
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(GR[2], 0xFFFFFFFF);
    a = asm_at(E, CODE);
    RXY(&a, 0xE346, 2, 0, 4, 0);        /* BCTG */
    GR[2] = 1;
    CHECK_EQ(run_at(CODE), CODE + 6);
    CHECK_EQ(GR[2], 0);
    a = asm_at(E, CODE);
    RI(&a, 0xA706, 2, 0x10);            /* BRCT 2,+0x20 */
    GR[2] = 3;
    CHECK_EQ(run_at(CODE), CODE + 0x20);
    a = asm_at(E, CODE);
    RI(&a, 0xA707, 2, -0x10);           /* BRCTG 2,-0x20 */
    GR[2] = 0x100000001ULL;
    CHECK_EQ(run_at(CODE), CODE - 0x20);
    CHECK_EQ(GR[2], 0x100000000ULL);
}

TEST(branch_on_index)
{
    Asm a = fresh();
    RS(&a, 0x86, 1, 2, 4, 0);           /* BXH 1,2,0(4): R3 even -> compare R3+1 */
    GR[4] = 0x30000;
    GR[1] = 1; GR[2] = 2; GR[3] = 5;
    CHECK_EQ(run_at(CODE), CODE + 4);   /* 3 > 5? no */
    CHECK_EQ(GR[1], 3);
    GR[1] = 4;
    CHECK_EQ(run_at(CODE), 0x30000);    /* 6 > 5 */
    a = asm_at(E, CODE);
    RS(&a, 0x87, 1, 3, 4, 0);           /* BXLE 1,3: R3 odd: increment = compare = R3 */
    GR[1] = 0; GR[3] = 3;
    CHECK_EQ(run_at(CODE), 0x30000);    /* 3 <= 3 */
    CHECK_EQ(run_at(CODE), CODE + 4);   /* 6 <= 3? no */
    /* R1 = R3 (odd): the comparand is the value before the update */
    a = asm_at(E, CODE);
    RS(&a, 0x86, 3, 3, 4, 0);           /* BXH 3,3 */
    GR[3] = 5;                          /* 10 > 5 */
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(GR[3], 10);
    /* 32-bit arithmetic wraps, compare is signed */
    a = asm_at(E, CODE);
    RS(&a, 0x86, 1, 2, 4, 0);
    GR[1] = 0x7FFFFFFF; GR[2] = 1; GR[3] = 0;
    CHECK_EQ(run_at(CODE), CODE + 4);   /* 0x80000000 = -2^31 > 0? no */
    CHECK_EQ(GR[1], 0x80000000);
    /* 64-bit and relative forms */
    a = asm_at(E, CODE);
    RSY(&a, 0xEB44, 1, 2, 4, 0);        /* BXHG */
    GR[1] = 0x100000000ULL; GR[2] = 1; GR[3] = 0x100000000ULL;
    CHECK_EQ(run_at(CODE), 0x30000);
    a = asm_at(E, CODE);
    RSY(&a, 0xEB45, 1, 2, 4, 0);        /* BXLEG */
    GR[1] = 0; GR[2] = 1; GR[3] = 1;
    CHECK_EQ(run_at(CODE), 0x30000);
    a = asm_at(E, CODE);
    RSI(&a, 0x84, 1, 2, 0x40);          /* BRXH 1,2,+0x80 */
    GR[1] = 10; GR[2] = 1; GR[3] = 5;
    CHECK_EQ(run_at(CODE), CODE + 0x80);
    a = asm_at(E, CODE);
    RSI(&a, 0x85, 1, 2, -0x40);         /* BRXLE */
    GR[1] = 0;
    CHECK_EQ(run_at(CODE), CODE - 0x80);
    a = asm_at(E, CODE);
    RIE_D(&a, 0xEC44, 1, 2, 0x40);      /* BRXHG */
    GR[1] = 10;
    CHECK_EQ(run_at(CODE), CODE + 0x80);
    a = asm_at(E, CODE);
    RIE_D(&a, 0xEC45, 1, 2, 0x40);      /* BRXLG: 11 <= 5? no */
    CHECK_EQ(run_at(CODE), CODE + 6);
}

TEST(branch_compare_and_jump)
{
    Asm a = fresh();
    struct {
        uint16_t op; int kind; uint64_t r1, r2; int8_t imm; uint8_t m3; bool taken;
    } c[] = {
        /* kind 0: RIE-b register/register; 1: RIE-c register/immediate */
        { 0xEC76, 0, 5, 5, 0, 8, true },                        /* CRJ equal */
        { 0xEC76, 0, 0xFFFFFFFF, 1, 0, 4, true },               /* CRJ -1 < 1 */
        { 0xEC77, 0, 0xFFFFFFFF, 1, 0, 4, false },              /* CLRJ: high */
        { 0xEC77, 0, 0xFFFFFFFF, 1, 0, 2, true },
        { 0xEC64, 0, 0xFFFFFFFF, 1, 0, 2, true },               /* CGRJ: 2^32-1 > 1 */
        { 0xEC65, 0, ~0ULL, 1, 0, 2, true },                    /* CLGRJ */
        { 0xEC65, 0, 1, 1, 0, 6, false },                       /* not equal mask */
        { 0xEC7E, 1, 0xFFFFFFFF, 0, -1, 8, true },              /* CIJ -1 = -1 */
        { 0xEC7C, 1, ~0ULL, 0, -1, 8, true },                   /* CGIJ */
        { 0xEC7F, 1, 0xFF, 0, -1, 8, true },                    /* CLIJ: imm 255 */
        { 0xEC7F, 1, 0x100, 0, -1, 2, true },                   /* CLIJ 256 > 255 */
        { 0xEC7D, 1, 0xFF, 0, -1, 8, true },                    /* CLGIJ */
        { 0xEC7D, 1, 0x1000000FF, 0, -1, 8, false },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        a = asm_at(E, CODE);
        if (c[i].kind == 0)
            RIE_B(&a, c[i].op, 1, 2, c[i].m3, 0x20);
        else
            RIE_C(&a, c[i].op, 1, c[i].m3, c[i].imm, 0x20);
        GR[1] = c[i].r1;
        GR[2] = c[i].r2;
        set_cc(E, 3);
        uint64_t next = run_at(CODE);
        if (next != (c[i].taken ? CODE + 0x40 : CODE + 6))
            fprintf(stderr, "  cj case %zu\n", i);
        CHECK_EQ(next, c[i].taken ? CODE + 0x40 : CODE + 6);
        CHECK_EQ(cc_of(E), 3);          /* the CC is not changed */
    }
}

TEST(branch_compare_and_branch)
{
    Asm a = fresh();
    GR[4] = 0x30000;
    RRS(&a, 0xECF6, 1, 2, 8, 4, 0x10);  /* CRB 1,2,8,0x10(4) */
    GR[1] = 7; GR[2] = 7;
    CHECK_EQ(run_at(CODE), 0x30010);
    GR[2] = 8;
    CHECK_EQ(run_at(CODE), CODE + 6);
    a = asm_at(E, CODE);
    RRS(&a, 0xECE5, 1, 2, 4, 4, 0);     /* CLGRB low */
    GR[1] = 1; GR[2] = ~0ULL;
    CHECK_EQ(run_at(CODE), 0x30000);
    a = asm_at(E, CODE);
    RRS(&a, 0xECE4, 1, 2, 4, 4, 0);     /* CGRB: 1 > -1, mask low: no */
    CHECK_EQ(run_at(CODE), CODE + 6);
    a = asm_at(E, CODE);
    RRS(&a, 0xECF7, 1, 2, 2, 4, 0);     /* CLRB: 1 vs 0xFFFFFFFF low word: low */
    CHECK_EQ(run_at(CODE), CODE + 6);
    a = asm_at(E, CODE);
    RIS(&a, 0xECFE, 1, 4, -2, 4, 0x20); /* CIB 1,-2,4: -3 < -2 */
    GR[1] = (uint32_t)-3;
    CHECK_EQ(run_at(CODE), 0x30020);
    a = asm_at(E, CODE);
    RIS(&a, 0xECFC, 1, 2, -2, 4, 0x20); /* CGIB: 0x00000000FFFFFFFD > -2 */
    CHECK_EQ(run_at(CODE), 0x30020);
    a = asm_at(E, CODE);
    RIS(&a, 0xECFF, 1, 2, 0x80, 4, 0);  /* CLIB: 0xFFFFFFFD > 0x80 */
    CHECK_EQ(run_at(CODE), 0x30000);
    a = asm_at(E, CODE);
    RIS(&a, 0xECFD, 1, 8, 0xFD, 4, 0);  /* CLGIB: 0xFFFFFFFD != 0xFD */
    CHECK_EQ(run_at(CODE), CODE + 6);
}

TEST(branch_compare_and_trap)
{
    Asm a = fresh();
    RRF(&a, 0xB972, 8, 0, 1, 2);        /* CRT 1,2,8 */
    GR[1] = 3; GR[2] = 4;
    CHECK_EQ(run_at(CODE), CODE + 4);   /* not equal: no trap */
    GR[2] = 3;
    E->cpu.psw_addr = CODE;
    CHECK_EQ(step(E), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(E), PGM_DATA);
    CHECK_EQ(rd_be(E, 0x90, 4), 0xFF);  /* DXC 0xFF: compare-and-trap */
    CHECK_EQ(pgm_ilc(E), 4);
    CHECK_EQ(pgm_old_addr(E), CODE + 4);

    struct { uint16_t op; int rr; uint64_t r1; int16_t imm; uint8_t m3; bool trap; } c[] = {
        { 0xB960, 1, ~0ULL, 0, 4, true },               /* CGRT: -1 < 0 (R2 = 0) */
        { 0xB973, 1, 0xFFFFFFFF, 0, 2, true },          /* CLRT: high */
        { 0xB961, 1, 0, 0, 8, true },                   /* CLGRT: equal */
        { 0xEC72, 0, 0xFFFFFFFE, -2, 8, true },         /* CIT */
        { 0xEC70, 0, 0xFFFFFFFE, -2, 2, true },         /* CGIT: 2^32-2 > -2 */
        { 0xEC73, 0, 0xFFFE, -2, 8, true },             /* CLFIT: imm 0xFFFE */
        { 0xEC71, 0, 0xFFFE, -2, 4, false },            /* CLGIT */
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        a = asm_at(E, CODE);
        if (c[i].rr)
            RRF(&a, c[i].op, c[i].m3, 0, 1, 2);
        else
            RIE_A(&a, c[i].op, 1, c[i].imm, c[i].m3);
        GR[1] = c[i].r1;
        GR[2] = 0;
        E->cpu.psw_addr = CODE;
        E->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
        CpuStepResult r = step(E);
        if (r != (c[i].trap ? CPU_STEP_INTERRUPT : CPU_STEP_OK))
            fprintf(stderr, "  trap case %zu\n", i);
        CHECK_EQ(r, c[i].trap ? CPU_STEP_INTERRUPT : CPU_STEP_OK);
    }
}

/* ---- BRANCH AND SET MODE / BRANCH AND SAVE AND SET MODE ---- */

#define MODE(e) ((e)->cpu.psw_mask & (PSW_MASK_EA | PSW_MASK_BA))

TEST(bsm_sets_mode_from_r2_and_records_it_in_r1)
{
    Asm a = fresh();
    RR(&a, 0x0B, 3, 5);                 /* BSM 3,5 */
    /* 64-bit -> 31-bit: R2 bit 32 one, branch to bits 33-63 */
    GR[3] = 0x1111111100000000ULL;
    GR[5] = 0xFFFFFFFF80030000ULL;
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(MODE(E), PSW_MASK_BA);
    CHECK_EQ(GR[3], 0x1111111100000001ULL);       /* 64-bit: bit 63 set */

    /* 31-bit -> 24-bit: bit 32 of R1 <- 1 (BA), bit 63 kept */
    GR[3] = 0x2222222200000001ULL;
    GR[5] = 0x7F020000;                 /* bit 32 zero: 24-bit, address bits 40-63 */
    CHECK_EQ(run_at(CODE), 0x020000);
    CHECK_EQ(MODE(E), 0);
    CHECK_EQ(GR[3], 0x2222222280000001ULL);

    /* 24-bit -> 64-bit: bit 32 of R1 <- 0; R2 bit 63 one, address even */
    GR[3] = 0x33333333FFFFFFFFULL;
    GR[5] = 0x0000000100040001ULL;
    CHECK_EQ(run_at(CODE), 0x0000000100040000ULL);
    CHECK_EQ(MODE(E), PSW_MASK_EA | PSW_MASK_BA);
    CHECK_EQ(GR[3], 0x333333337FFFFFFFULL);
    CHECK_EQ(E->cpu.bea, CODE);         /* a successful branch */

    /* R2 = 0: no branch, no mode change; R1 still records the mode */
    a = asm_at(E, CODE);
    RR(&a, 0x0B, 3, 0);
    GR[3] = 0;
    CHECK_EQ(run_at(CODE), CODE + 2);
    CHECK_EQ(MODE(E), PSW_MASK_EA | PSW_MASK_BA);
    CHECK_EQ(GR[3], 1);
    /* R1 = 0: nothing recorded (GR0 unchanged) */
    a = asm_at(E, CODE);
    RR(&a, 0x0B, 0, 5);
    GR[0] = 0x1234;
    GR[5] = 0x80030000;
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(GR[0], 0x1234);
    /* R1 = R2: the branch address is R2 before R1 changes */
    a = asm_at(E, CODE);
    RR(&a, 0x0B, 5, 5);
    E->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    GR[5] = 0x0000000000030000ULL;      /* to 24-bit mode at 0x30000 */
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(MODE(E), 0);
    CHECK_EQ(GR[5], 0x0000000000030001ULL);
}

TEST(bassm_link_information_by_mode)
{
    Asm a = fresh();
    RR(&a, 0x0C, 14, 15);               /* BASSM 14,15 */
    /* 64-bit: R14 = updated address | 1 */
    GR[14] = ~0ULL;
    GR[15] = 0x80030000;
    CHECK_EQ(run_at(CODE), 0x30000);
    CHECK_EQ(GR[14], CODE + 2 + 1);
    CHECK_EQ(MODE(E), PSW_MASK_BA);
    /* 31-bit: bits 32-63 = 1 | address, bits 0-31 kept */
    GR[14] = 0x4444444400000000ULL;
    GR[15] = 0x00020000;                /* to 24-bit */
    CHECK_EQ(run_at(CODE), 0x20000);
    CHECK_EQ(GR[14], 0x4444444480000000ULL | (CODE + 2));
    CHECK_EQ(MODE(E), 0);
    /* 24-bit: bits 32-39 zero, the 24-bit address */
    GR[14] = 0x55555555FFFFFFFFULL;
    GR[15] = 0x0000000000040001ULL;     /* to 64-bit */
    CHECK_EQ(run_at(CODE), 0x40000);
    CHECK_EQ(GR[14], 0x5555555500000000ULL | (CODE + 2));
    CHECK_EQ(MODE(E), PSW_MASK_EA | PSW_MASK_BA);
    /* R2 = 0: the link is stored, nothing else happens */
    a = asm_at(E, CODE);
    RR(&a, 0x0C, 14, 0);
    GR[14] = 0;
    CHECK_EQ(run_at(CODE), CODE + 2);
    CHECK_EQ(GR[14], CODE + 2 + 1);
}
