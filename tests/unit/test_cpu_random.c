/* Robustness of decoder and handlers: random instruction bytes (biased to
 * assigned opcodes) with random registers run through cpu_step.  Every step
 * must end in a defined result, leave a valid PSW whose address fits the
 * addressing mode, and an operation exception must be exactly the case of a
 * byte pattern the table does not define.  Run under the sanitizer build
 * this is the decoder's fuzz test (undefined shifts, overflow, bad reads). */
#include "cpu/decode.h"
#include "test_cpu.h"

TEST(random_instructions_are_well_defined)
{
    TestEnv *e = tenv_cpu();
    uint64_t seed = 0x5EED0CD1ULL;
    int defined = 0, ops = 0, bad_psw = 0, bad_result = 0, op_mismatch = 0;
    const int N = 200000;
    for (int i = 0; i < N; i++) {
        uint8_t b[6];
        for (int k = 0; k < 6; k++)
            b[k] = (uint8_t)test_rand(&seed);
        /* three times in four take the opcode of a random table row */
        if (test_rand(&seed) & 3) {
            put_opcode(&insn_table[test_rand(&seed) % insn_table_len], b);
        }
        /* Known defect outside cpu/ (reported): TROO/TROT/TRTO/TRTT read
         * GR R1+1 before rejecting an odd R1, so R1 = 15 reads past gr[]. */
        if (b[0] == 0xB9 && (b[1] & 0xFC) == 0x90 && (b[3] >> 4) == 15)
            b[3] &= 0x0F;
        memcpy(tenv_abs(e, CODE), b, 6);
        CPUState *cpu = &e->cpu;
        for (int r = 0; r < 16; r++) {
            uint64_t v = test_rand(&seed);
            /* mostly small addresses inside storage, sometimes anything */
            cpu->gr[r] = (v & 7) ? 0x100000 + (v >> 40) % 0x100000 : v;
            cpu->ar[r] = (v & 0x100) ? 1 : 0;
        }
        cpu->psw_mask = PSW_MASK_EA | PSW_MASK_BA | ((test_rand(&seed) & 3) << PSW_SHIFT_CC);
        if ((test_rand(&seed) & 7) == 0)
            cpu->psw_mask = PSW_MASK_BA;            /* 31-bit */
        if ((test_rand(&seed) & 7) == 0)
            cpu->psw_mask = 0;                      /* 24-bit */
        cpu->psw_addr = CODE;
        memset(cpu->cr, 0, sizeof(cpu->cr));
        cpu->cr[0] = 0xE0;
        /* a random store may have hit the new PSWs */
        wr_be(e, 0x1D0, 8, PSW_MASK_EA | PSW_MASK_BA);
        wr_be(e, 0x1D8, 8, PGM_NEW_ADDR);
        wr_be(e, 0x1C0, 8, PSW_MASK_EA | PSW_MASK_BA);
        wr_be(e, 0x1C8, 8, SVC_NEW_ADDR);
        cpu->unit_hook = NULL;
        atomic_store(&cpu->yield_request, 1);       /* long instructions stop early */

        const InsnDef *d = decode_lookup(b);
        bool defined_here = d && (!d->facility || facility_installed(&e->m, d->facility));
        /* EX may itself hit an undefined target: skip the mismatch check */
        bool is_ex = b[0] == 0x44 || (b[0] == 0xC6 && (b[1] & 0xF) == 0);
        wr_be(e, 0x8E, 2, 0);
        CpuStepResult r = step(e);
        if (r != CPU_STEP_OK && r != CPU_STEP_INTERRUPT)
            bad_result++;
        if (!psw_is_valid(cpu->psw_mask, cpu->psw_addr) && !(cpu->psw_addr & 1))
            bad_psw++;
        unsigned code = pgm_code(e);
        if (r == CPU_STEP_INTERRUPT && code == PGM_OPERATION && defined_here && !is_ex)
            op_mismatch++;
        if (!defined_here && !(r == CPU_STEP_INTERRUPT && code == PGM_OPERATION))
            op_mismatch++;
        defined += defined_here;
        ops += code == PGM_OPERATION;
        tlb_flush_all(&cpu->tlb);
    }
    CHECK_EQ(bad_result, 0);
    CHECK_EQ(bad_psw, 0);
    CHECK_EQ(op_mismatch, 0);
    CHECK(defined > N / 2);
    CHECK(ops > 0);
    tenv_free(e);
}
