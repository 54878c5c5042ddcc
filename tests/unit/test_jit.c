/* The block compiler (cpu/jit.c) against the handlers it restates: random
 * blocks of the instructions it has templates for, with random and edge
 * register values, CCs and program masks, run through cpu_run (compiled)
 * and through cpu_step (the handlers, one by one), in batches of random
 * sizes so that the budget ends inside blocks too.  After every batch the
 * registers, the whole PSW, the breaking-event address and the program-
 * interruption code must agree.  The handlers are the independent source:
 * their own tests check them against the architecture. */
#include <stdio.h>

#include "cpu/decode.h"
#include "cpu/jit.h"
#include "cpu/tcache.h"
#include "test_cpu.h"

static const char *const templated[] = {
    "lr", "lgr", "lgfr", "llgfr", "lgbr", "lghr", "llgcr", "llghr", "lbr", "lhr", "llcr",
    "llhr", "ltr", "ltgr", "ltgfr", "lhi", "lghi", "lgfi", "llilf", "llihf", "llill", "llilh",
    "llihl", "llihh", "iilf", "iihf", "iill", "iilh", "iihl", "iihh", "ar", "agr", "agfr",
    "ahi", "aghi", "afi", "agfi", "sr", "sgr", "sgfr", "ark", "agrk", "srk", "sgrk", "ahik",
    "aghik", "alr", "algr", "algfr", "alfi", "algfi", "alrk", "algrk", "alhsik", "alghsik",
    "slr", "slgr", "slgfr", "slfi", "slgfi", "slrk", "slgrk", "nr", "or", "xr", "ngr", "ogr",
    "xgr", "nrk", "ork", "xrk", "ngrk", "ogrk", "xgrk", "nilf", "oilf", "xilf", "cr", "cgr",
    "cgfr", "clr", "clgr", "clgfr", "chi", "cghi", "cfi", "cgfi", "clfi", "clgfi", "msr",
    "msgr", "msgfr", "mhi", "mghi", "msfi", "msgfi", "sll", "srl", "sllk", "srlk", "sllg",
    "srlg", "sra", "srak", "srag", "rll", "rllg", "risbg", "rnsbg", "rosbg", "rxsbg", "la",
    "lay", "larl",
    /* with a storage operand */
    "l", "ly", "lg", "lgf", "llgf", "lh", "lhy", "lgh", "llgh", "llh", "llgc", "llc", "lb", "lgb",
    "lt", "ltg", "ltgf", "a", "ay", "ah", "ahy", "ag", "agf", "s", "sy", "sh", "shy", "sg",
    "sgf", "al", "aly", "alg", "algf", "sl", "sly", "slg", "slgf", "n", "ny", "o", "oy", "x",
    "xy", "ng", "og", "xg", "c", "cy", "ch", "chy", "cg", "cgf", "cl", "cly", "clg", "clgf",
    "st", "sty", "stg", "sth", "sthy", "stc", "stcy",
    /* relative-long (aimed into DATA by emit_block), storage and immediate */
    "lrl", "lgrl", "lgfrl", "llgfrl", "lhrl", "lghrl", "llhrl", "llghrl", "crl", "cgrl", "clrl",
    "clgrl", "chrl", "cghrl", "cgfrl", "clhrl", "clghrl", "clgfrl", "strl", "stgrl", "sthrl",
    "mvi", "mviy", "mvhhi", "mvhi", "mvghi", "cli", "cliy", "chhsi", "chsi", "cghsi", "clhhsi",
    "clfhsi", "clghsi", "tm", "tmy", "tmll", "tmlh", "tmhl", "tmhh", "locr", "locgr", "ic",
    "icy", "ldr", "ldgr", "lgdr", "ld", "ldy", "std", "stdy", "lmg", "stmg",
    "lcr", "lcgr", "lcgfr", "lpr", "lpgr", "lpgfr", "lnr", "lngr", "lngfr", "asi", "agsi",
    "alsi", "algsi",
    /* compare and branch: aimed at the near landing by emit_block */
    "crj", "cgrj", "clrj", "clgrj", "cij", "cgij", "clij", "clgij",
    /* both operands at GR 12: overlaps of every kind, crossings; XC as
     * XC X,X half the time (the only XC with a template) */
    "mvc", "xc",
};
/* Storage operands: base register 12, which each round points at DATA
 * (unless an instruction of the block changed it: then an exception or
 * another address, the same on both sides). */
#define DATA 0x200000ULL     /* below the DAT tables' top quarter of RAM */
#define DATA_LEN 0x3000
#define NTEMPLATED (sizeof(templated) / sizeof(templated[0]))

static uint64_t edge_value(uint64_t *seed)
{
    static const uint64_t edges[] = {
        0, 1, 2, ~0ULL, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000ULL,
        0x7FFFFFFFFFFFFFFFULL, 0x8000000000000000ULL, 0xFFFFFFFF80000000ULL, 0x7F, 0x80, 0xFFFF,
    };
    const uint64_t r = test_rand(seed);
    if (r & 1)
        return edges[(r >> 1) % (sizeof(edges) / sizeof(edges[0]))];
    return test_rand(seed) ^ (test_rand(seed) << 32);
}

/* Random bytes of an instruction of definition d (its opcode in place);
 * returns its length.  Shift amounts mostly from the displacement alone
 * (B2 = 0), which is what the templates cover. */
static unsigned encode(const InsnDef *d, uint64_t *seed, uint8_t *b)
{
    for (int k = 0; k < 6; k++)
        b[k] = (uint8_t)test_rand(seed);
    put_opcode(d, b);
    if ((d->format == FMT_RS || d->format == FMT_RSY) && (test_rand(seed) & 7))
        b[2] &= 0x0F;           /* B2 = 0 */
    if ((d->format == FMT_RX || d->format == FMT_RXY) && (test_rand(seed) & 1))
        b[1] &= 0xF0;           /* LA without an index */
    if ((d->format == FMT_RX || d->format == FMT_RXY) && strcmp(d->mnemonic, "LA") &&
        strcmp(d->mnemonic, "LAY")) {
        b[1] &= 0xF0;           /* X2 = 0, B2 = 12: 0..4095 bytes into DATA */
        b[2] = (uint8_t)(0xC0 | (b[2] & 0x0F));
        if (d->format == FMT_RXY)
            b[4] = 0;           /* DH = 0 */
    }
    if (!strcmp(d->mnemonic, "LMG") || !strcmp(d->mnemonic, "STMG")) {
        b[2] = (uint8_t)(0xC0 | (b[2] & 0x0F));     /* B2 = 12, DH = 0 */
        b[4] = 0;
    }
    if (d->format == FMT_SS_A) {                    /* B1 = B2 = 12 */
        b[2] = (uint8_t)(0xC0 | (b[2] & 0x0F));
        b[4] = (uint8_t)(0xC0 | (b[4] & 0x0F));
        if (test_rand(seed) & 1)                    /* near each other: overlaps */
            b[5] = (uint8_t)(b[3] + (test_rand(seed) % 16) - 8), b[4] = (uint8_t)(0xC0 | (b[2] & 0x0F));
        if (d->opcode == 0xD7 && (test_rand(seed) & 1))
            b[4] = b[2], b[5] = b[3];               /* XC X,X */
        if (d->opcode == 0xD7 && (test_rand(seed) & 3) == 0)   /* the same through GR 13 */
            b[4] = (uint8_t)(0xD0 | (b[2] & 0x0F)), b[5] = b[3];
    }
    if (d->format == FMT_SI || d->format == FMT_SIY || d->format == FMT_SIL) {
        b[2] = (uint8_t)(0xC0 | (b[2] & 0x0F));     /* B1 = 12 */
        if (d->format == FMT_SIY)
            b[4] = 0;
    }
    return insn_length(b[0]);
}

/* Where the branches out of a block go: an SVC in the block's page
 * (code + LANDING_NEAR), reached through the page's slot, and one in a page
 * of its own (LANDING_FAR), through the loop's jump protocol.  GR 11 holds
 * one of them at the start of a round, for BASR and BCR. */
#define LANDING_NEAR 0x800
#define LANDING_FAR 0x280000ULL

static char block_text[512];     /* the last block, for a failure's report */

/* The template every instruction of the random blocks uses, or NULL for
 * a random one each time. */
static const char *only_template;

static void note(const char *mnemonic, TestEnv *e, uint64_t at, unsigned len)
{
    char one[64];
    snprintf(one, sizeof(one), "%s %012llx; ", mnemonic,
             (unsigned long long)rd_be(e, at, len) << (8 * (6 - len)));
    strncat(block_text, one, sizeof(block_text) - strlen(block_text) - 1);
}

/* One random block at code: n templated instructions, and now and then a
 * BRC to the near landing between them (a side exit of the block); then
 * one of: nothing, a BRCT/BRCTG/BRC back to code (a loop that BRCT/BRCTG
 * ends), a BRC forward, BRASL or BRCL to the far landing, BASR 14,11,
 * BCR m,11; then BCR 0,0 (no template: the block ends before it) and an
 * SVC, so that the program stops where both sides can be compared. */
static void emit_block(TestEnv *e, uint64_t code, uint64_t *seed, int n)
{
    uint64_t at = code;
    block_text[0] = 0;
    for (int i = 0; i < n; i++) {
        if ((test_rand(seed) & 7) == 0) {   /* BRC m,code+LANDING_NEAR */
            const uint32_t m = test_rand(seed) % 16;
            wr_be(e, at, 4, 0xA7040000u | m << 20 | (uint16_t)((code + LANDING_NEAR - at) / 2));
            note("BRC-near", e, at, 4);
            at += 4;
            continue;
        }
        const InsnDef *d = decode_find_mnemonic(only_template ? only_template
                                                              : templated[test_rand(seed) % NTEMPLATED]);
        const unsigned len = encode(d, seed, tenv_abs(e, at));
        const size_t ml = strlen(d->mnemonic);
        if (d->format == FMT_RIL && ml > 2 && !strcmp(d->mnemonic + ml - 2, "RL")) {
            /* relative-long: into DATA, aligned mostly (else the handler's
             * specification exception) */
            const uint64_t target = DATA + (test_rand(seed) & 0xFFF & ~((test_rand(seed) & 3) ? 7u : 0u));
            wr_be(e, at + 2, 4, (uint32_t)((int64_t)(target - at) / 2));
        }
        if (d->format == FMT_RIE_B || d->format == FMT_RIE_C)   /* RI4: a side exit */
            wr_be(e, at + 2, 2, (uint16_t)((code + LANDING_NEAR - at) / 2));
        note(d->mnemonic, e, at, len);
        at += len;
    }
    const unsigned br = test_rand(seed) % 8;
    const int64_t back = -(int64_t)(at - code) / 2;
    const uint32_t m = test_rand(seed) % 16;
    const int64_t far = (int64_t)(LANDING_FAR - at) / 2;
    switch (br) {
    case 1:     /* BRCT r,code */
        wr_be(e, at, 4, 0xA7060000u | (test_rand(seed) % 16) << 20 | (uint16_t)back);
        break;
    case 2:     /* BRCTG r,code */
        wr_be(e, at, 4, 0xA7070000u | (test_rand(seed) % 16) << 20 | (uint16_t)back);
        break;
    case 3:     /* BRC m,back to code or forward over the BCR to the SVC */
        wr_be(e, at, 4, 0xA7040000u | m << 20 | (uint16_t)((test_rand(seed) & 1) ? back : 3));
        break;
    case 4:     /* BRASL 14,LANDING_FAR */
        wr_be(e, at, 6, 0xC0E500000000ULL | (uint32_t)far);
        break;
    case 5:     /* BRCL m,LANDING_FAR */
        wr_be(e, at, 6, 0xC00400000000ULL | (uint64_t)m << 36 | (uint32_t)far);
        break;
    case 6:     /* BASR 14,11 */
        wr_be(e, at, 2, 0x0DEB);
        break;
    case 7:     /* BCR m,11 */
        wr_be(e, at, 2, 0x070B | m << 4);
        break;
    }
    if (br) {
        const unsigned len = br == 4 || br == 5 ? 6 : br >= 6 ? 2 : 4;
        note("branch", e, at, len);
        at += len;
    }
    wr_be(e, at, 2, 0x0700);                /* BCR 0,0 */
    wr_be(e, at + 2, 2, 0x0A00);            /* SVC 0 */
    wr_be(e, code + LANDING_NEAR, 2, 0x0A00);
}

static void state_equal(TestEnv *fast, TestEnv *slow)
{
    bool same = fast->cpu.psw_addr == slow->cpu.psw_addr &&
                fast->cpu.psw_mask == slow->cpu.psw_mask && fast->cpu.bea == slow->cpu.bea &&
                !memcmp(fast->cpu.gr, slow->cpu.gr, sizeof(fast->cpu.gr));
    if (!same)
        printf("  block: %s\n", block_text);
    CHECK_EQ(fast->cpu.psw_addr, slow->cpu.psw_addr);
    CHECK_EQ(fast->cpu.psw_mask, slow->cpu.psw_mask);
    CHECK_EQ(fast->cpu.bea, slow->cpu.bea);
    for (int r = 0; r < 16; r++) {
        CHECK_EQ(fast->cpu.gr[r], slow->cpu.gr[r]);
        CHECK_EQ(fast->cpu.fpr[r], slow->cpu.fpr[r]);
    }
    CHECK_EQ(pgm_code(fast), pgm_code(slow));
    CHECK_EQ(pgm_old_mask(fast), pgm_old_mask(slow));   /* the CC at the interruption */
    CHECK_EQ(pgm_old_addr(fast), pgm_old_addr(slow));
    CHECK_EQ(rd_be(fast, 0x140, 8), rd_be(slow, 0x140, 8));    /* SVC old PSW: its CC */
    CHECK_EQ(rd_be(fast, 0x148, 8), rd_be(slow, 0x148, 8));
}

/* ENVS machines of PER_ENV rounds each (the DAT-on ones with their own
 * page tables; see below); returns the number of blocks compiled. */
static unsigned random_rounds(uint64_t seed, const int ENVS, const int PER_ENV)
{
    unsigned blocks = 0;
    for (int env = 0; env < ENVS; env++) {
        TestEnv *fast = tenv_cpu(), *slow = tenv_cpu();
        /* Every third machine runs under DAT (one-to-one, the last page of
         * DATA store-protected): the exact hits then come from the
         * translated TLB entries, and stores there are protection
         * exceptions. */
        const bool dat = env % 3 == 2;
        if (dat) {
            TestEnv *both[2] = { fast, slow };
            for (int k = 0; k < 2; k++) {
                const uint64_t asce = tenv_asce_new(both[k], ASCE_TYPE_SEGMENT);
                tenv_map_range(both[k], asce, 0, 0, 0x8000, 0);
                tenv_map_range(both[k], asce, CODE, CODE, (uint64_t)PER_ENV * 0x1000, 0);
                /* DATA's pages 1 and 2 swapped: an operand crossing from
                 * page 0 or into page 2 is two host ranges */
                tenv_map(both[k], asce, DATA, DATA, 0);
                tenv_map(both[k], asce, DATA + 0x1000, DATA + 0x2000, 0);
                tenv_map(both[k], asce, DATA + 0x2000, DATA + 0x1000, PAGE_ENTRY_P);
                tenv_map(both[k], asce, LANDING_FAR, LANDING_FAR, 0);
                tenv_dat_on(both[k], asce);
            }
        }
        /* Storage keys: DATA's pages 6, but its second page 0 (so that a
         * store under PSW key 6 there is a protection exception); the
         * rounds run under key 0 or 6 in turn, with TLB entries of both. */
        for (unsigned k = 0; k < DATA_LEN; k += 0x1000) {
            storage_set_key(&fast->m.storage, DATA + k, k == 0x1000 ? 0x00 : 0x60);
            storage_set_key(&slow->m.storage, DATA + k, k == 0x1000 ? 0x00 : 0x60);
        }
        wr_be(fast, LANDING_FAR, 2, 0x0A00);        /* SVC 0 */
        wr_be(slow, LANDING_FAR, 2, 0x0A00);
        /* The interruptions' handlers wait (J .), so that a batch that runs
         * into one goes on the same way on both sides. */
        wr_be(fast, PGM_NEW_ADDR, 4, 0xA7F40000);
        wr_be(slow, PGM_NEW_ADDR, 4, 0xA7F40000);
        wr_be(fast, SVC_NEW_ADDR, 4, 0xA7F40000);
        wr_be(slow, SVC_NEW_ADDR, 4, 0xA7F40000);
        for (int round = 0; round < PER_ENV; round++) {
            /* each round its own page: the cache never sees a page change */
            const uint64_t code = CODE + (uint64_t)round * 0x1000;
            uint64_t s1 = seed;
            emit_block(fast, code, &seed, 2 + (int)(test_rand(&seed) % 7));
            emit_block(slow, code, &s1, 2 + (int)(test_rand(&s1) % 7));
            for (int r = 0; r < 16; r++) {
                fast->cpu.gr[r] = slow->cpu.gr[r] = edge_value(&seed);
                fast->cpu.fpr[r] = slow->cpu.fpr[r] = edge_value(&seed);
            }
            fast->cpu.gr[12] = slow->cpu.gr[12] = DATA + (test_rand(&seed) & 0x7) * 0x200;
            if (test_rand(&seed) & 1)               /* GR 13: GR 12 again, or near it */
                fast->cpu.gr[13] = slow->cpu.gr[13] = fast->cpu.gr[12] + (test_rand(&seed) & 1);
            if ((test_rand(&seed) & 15) == 0)       /* storage operands in the code itself: */
                fast->cpu.gr[12] = slow->cpu.gr[12] = code;     /* stores must end it */
            fast->cpu.gr[11] = slow->cpu.gr[11] =
                (test_rand(&seed) & 1) ? LANDING_FAR : code + LANDING_NEAR;
            for (unsigned k = 0; k < DATA_LEN; k += 8) {   /* edge values too: overflows */
                wr_be(fast, DATA + k, 8, edge_value(&seed));
                wr_be(slow, DATA + k, 8, rd_be(fast, DATA + k, 8));
            }
            uint64_t mask = PSW_MASK_EA | PSW_MASK_BA | (test_rand(&seed) & 3) << PSW_SHIFT_CC |
                            (dat ? PSW_MASK_DAT : 0) |
                            ((test_rand(&seed) & 1) ? 6ULL << PSW_SHIFT_KEY : 0);
            if (test_rand(&seed) & 1)
                mask |= BIT64(20);                  /* fixed-point overflow mask */
            if (test_rand(&seed) & 1)               /* PSW bits above the CC, which */
                mask |= PSW_MASK_PSTATE | PSW_MASK_MCHECK;  /* a CC test must leave out */
            if ((test_rand(&seed) & 15) == 0)
                mask &= ~PSW_MASK_EA;               /* 31-bit: the blocks stand aside */
            fast->cpu.psw_mask = slow->cpu.psw_mask = mask;
            fast->cpu.psw_addr = slow->cpu.psw_addr = code;
            fast->cpu.bea = slow->cpu.bea = 0;
            TestEnv *both[2] = { fast, slow };
            for (int k = 0; k < 2; k++) {           /* a round may have stored over them */
                wr_be(both[k], 0x1D0, 8, PSW_MASK_EA | PSW_MASK_BA);
                wr_be(both[k], 0x1D8, 8, PGM_NEW_ADDR);
                wr_be(both[k], 0x1C0, 8, PSW_MASK_EA | PSW_MASK_BA);
                wr_be(both[k], 0x1C8, 8, SVC_NEW_ADDR);
                wr_be(both[k], PGM_NEW_ADDR, 4, 0xA7F40000);
                wr_be(both[k], SVC_NEW_ADDR, 4, 0xA7F40000);
            }
            wr_be(fast, 0x8E, 2, 0);
            wr_be(slow, 0x8E, 2, 0);
            wr_be(fast, 0x140, 8, 0);
            wr_be(slow, 0x140, 8, 0);
            /* Batches of 1..12 instructions, up to 40 in all (loops end:
             * a BRCT counter runs out or the SVC is reached). */
            int done = 0;
            while (done < 40 && fast->cpu.psw_addr != SVC_NEW_ADDR) {
                const int k = 1 + (int)(test_rand(&seed) % 12);
                CpuStepResult rf = cpu_run(&fast->cpu, (uint64_t)k);
                bool slow_error = false;
                for (int i = 0; i < k && !slow_error; i++)
                    slow_error = cpu_step(&slow->cpu) == CPU_STEP_ERROR;
                /* A store through a clobbered base register may hit the
                 * new PSWs in lowcore: then both sides stop with an
                 * invalid program new PSW, and the round ends. */
                CHECK_EQ(rf == CPU_STEP_ERROR, slow_error);
                if (slow_error)
                    break;
                CHECK(rf == CPU_STEP_OK);
                done += k;
                state_equal(fast, slow);
                CHECK_MEM(tenv_abs(fast, DATA), tenv_abs(slow, DATA), DATA_LEN);
                CHECK_MEM(tenv_abs(fast, code), tenv_abs(slow, code), 0x1000);
                if (fast->cpu.psw_addr == PGM_NEW_ADDR || fast->cpu.psw_addr == SVC_NEW_ADDR)
                    break;
            }
        }
        blocks += fast->cpu.tcache ? fast->cpu.tcache->jit_blocks : 0;
        tenv_free(fast);
        tenv_free(slow);
    }
    return blocks;
}

TEST(jit_blocks_equal_the_handlers)
{
    CHECK(jit_enabled());
    only_template = getenv("ZEMU_TEST_JIT_ONLY");       /* debugging: one template */
    const unsigned blocks = random_rounds(0x1B10C5ULL, 12, 400);
    /* The rounds ran compiled code: most of them start with a block. */
    CHECK(blocks > 12 * 400 / 2);
    only_template = NULL;
}

/* Each template alone, every instruction of the block the same one: the
 * rarer cases of each (MVC and XC X,X crossing a page, LMG/STMG, overflow
 * of ASI, ...) come up far more often than in the mixed blocks. */
TEST(jit_each_template_alone)
{
    for (size_t t = 0; t < NTEMPLATED; t++) {
        only_template = templated[t];
        random_rounds(0x7E3A11ULL + t, 3, 24);
    }
    only_template = NULL;
}

/* With the compiler off, the same program runs the same (the switch the
 * differential test relies on really switches). */
TEST(jit_switch_turns_compilation_off)
{
    jit_set_enabled(false);
    TestEnv *e = tenv_cpu();
    uint64_t seed = 7;
    emit_block(e, CODE, &seed, 6);
    e->cpu.psw_addr = CODE;
    CHECK(cpu_run(&e->cpu, 3) == CPU_STEP_OK);
    CHECK_EQ(e->cpu.tcache ? e->cpu.tcache->jit_blocks : 0, 0);
    tenv_free(e);
    jit_set_enabled(true);
}

/* A CC that a later instruction of the block overwrites is kept in a host
 * register, not stored; when the block leaves before that instruction (here
 * an L whose operand is outside storage: an addressing exception, which
 * changes no CC), it must be stored first.  A first run with the operand
 * in storage brings the storage operands' cached mode up to date (a block
 * with one runs only then).  By hand: CR 1,2 with 1 < 2 sets CC 1; the
 * interruption's old PSW then holds CC 1 (bits 18-19) and, the L being
 * suppressed, the address after it; R4 is untouched. */
TEST(jit_pending_cc_reaches_the_old_psw)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x19, 1, 2);                     /* CR 1,2 */
    RX(&a, 0x58, 3, 0, 12, 0);              /* L 3,0(12) */
    RR(&a, 0x12, 4, 4);                     /* LTR 4,4 */
    RR(&a, 0x07, 0, 0);                     /* BCR 0,0 (ends the block) */
    e->cpu.gr[1] = 1;
    e->cpu.gr[2] = 2;
    e->cpu.gr[4] = 0x55;
    e->cpu.gr[12] = 0x20000;
    e->cpu.psw_addr = CODE;
    CHECK(cpu_run(&e->cpu, 4) == CPU_STEP_OK);
    e->cpu.gr[12] = 0x7FFFFFFF00ULL;        /* far past the 4 MiB of storage */
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;    /* CC 0 */
    e->cpu.psw_addr = CODE;
    wr_be(e, PGM_NEW_ADDR, 4, 0xA7F40000);  /* J . : the interruption's handler waits */
    CHECK(cpu_run(&e->cpu, 10) == CPU_STEP_OK);
    CHECK(e->cpu.tcache && e->cpu.tcache->jit_blocks >= 1);
    CHECK_EQ(pgm_code(e), PGM_ADDRESSING);
    CHECK_EQ((pgm_old_mask(e) >> PSW_SHIFT_CC) & 3, 1);
    CHECK_EQ(pgm_old_addr(e), CODE + 6);
    CHECK_EQ(e->cpu.gr[4], 0x55);
    tenv_free(e);
}

/* Runs the program at code once with GR 12 at DATA (the storage
 * operands' cached mode and TLB entries come up to date, so the block runs
 * compiled the second time), then resets the PSW (CC 0, mask as given) and
 * runs it again for at most n instructions. */
static void run_warm(TestEnv *e, uint64_t code, uint64_t gr12, uint64_t mask, int n)
{
    e->cpu.gr[12] = DATA;
    e->cpu.psw_addr = code;
    CHECK(cpu_run(&e->cpu, 8) == CPU_STEP_OK);
    e->cpu.gr[12] = gr12;
    e->cpu.psw_mask = mask;
    e->cpu.psw_addr = code;
    CHECK(cpu_run(&e->cpu, (uint64_t)n) == CPU_STEP_OK);
    CHECK(e->cpu.tcache && e->cpu.tcache->jit_blocks >= 1);
}

/* ASI / AGSI overflow inside a block: the sum is stored, CC 3 (ZARCH-NOTES:
 * ADD IMMEDIATE to storage completes), and with the fixed-point overflow
 * mask on, a program interruption after the instruction.  By hand:
 * 0x7FFFFFFF + 1 = 0x80000000 and 0x7FFF...F + 1 = 0x8000...0, both
 * overflows. */
TEST(jit_add_immediate_to_storage_overflows)
{
    for (int with_mask = 0; with_mask < 2; with_mask++) {
        for (int g = 0; g < 2; g++) {
            TestEnv *e = tenv_cpu();
            Asm a = asm_at(e, CODE);
            RI(&a, 0xA708, 2, 5);                               /* LHI 2,5 */
            SIY(&a, g ? 0xEB7A : 0xEB6A, 1, 12, 0);             /* AGSI/ASI 0(12),1 */
            RR(&a, 0x07, 0, 0);                                 /* BCR 0,0 */
            wr_be(e, PGM_NEW_ADDR, 4, 0xA7F40000);              /* J . */
            const uint64_t mask = PSW_MASK_EA | PSW_MASK_BA | (with_mask ? BIT64(20) : 0);
            run_warm(e, CODE, DATA, mask, 3);
            wr_be(e, DATA, 8, g ? 0x7FFFFFFFFFFFFFFFULL : 0x7FFFFFFF00000000ULL);
            e->cpu.psw_mask = mask;
            e->cpu.psw_addr = CODE;
            CHECK(cpu_run(&e->cpu, 3) == CPU_STEP_OK);
            CHECK_EQ(rd_be(e, DATA, 8), g ? 0x8000000000000000ULL : 0x8000000000000000ULL);
            if (with_mask) {
                CHECK_EQ(pgm_code(e), PGM_FIXED_OVERFLOW);
                CHECK_EQ((pgm_old_mask(e) >> PSW_SHIFT_CC) & 3, 3);
                CHECK_EQ(pgm_old_addr(e), CODE + 10);
            } else {
                CHECK_EQ(cc_of(e), 3);
                CHECK_EQ(e->cpu.psw_addr, CODE + 12);
            }
            tenv_free(e);
        }
    }
}

/* A store by a block into its own page ends the decoded copy before the
 * next instruction: STH puts AR 2,2 (X'1A22') over the LR 4,4 two
 * instructions later.  By hand: GR 2 = 5 + 5 = 10 (the old LR would leave
 * 5). */
TEST(jit_store_into_its_own_code_is_seen)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RI(&a, 0xA708, 1, 0x1A22);              /* CODE+0:  LHI 1,X'1A22' */
    RX(&a, 0x40, 1, 0, 12, 10);             /* CODE+4:  STH 1,10(12) */
    RR(&a, 0x18, 3, 3);                     /* CODE+8:  LR 3,3 */
    RR(&a, 0x18, 4, 4);                     /* CODE+10: LR 4,4, to become AR 2,2 */
    RR(&a, 0x07, 0, 0);                     /* CODE+12: BCR 0,0 */
    e->cpu.gr[2] = 5;
    run_warm(e, CODE, CODE, PSW_MASK_EA | PSW_MASK_BA, 5);
    CHECK_EQ(rd_be(e, CODE + 10, 2), 0x1A22);
    CHECK_EQ(e->cpu.gr[2], 10);
    CHECK_EQ(e->cpu.psw_addr, CODE + 14);   /* five instructions, the BCR the last */
    tenv_free(e);
}

/* MVC whose first operand crosses a 4 KiB boundary (DATA + 0x1000), at
 * every distance from its start: the lengths that take the compiled
 * boundary-grid copy (multiples of 32 from 64) and the others (the split
 * copy, a call), with second operands apart, crossing DATA + 0x2000,
 * overlapping from above (d < s), the same as the first, and overlapping
 * from below (the propagating case, which leaves the block).  The expected
 * bytes come from the rule itself, computed here: left to right, one byte
 * at a time, each fetched after the bytes before it are stored.
 * None of them but the propagating one leaves the compiled code (the
 * statistics' deopt count), once each page is in the TLB.
 * Around the copy, what a call must keep: the LTR's CC (1: GR 1 is
 * negative) is read by the LOCR after it (M3 4: CC 1, so GR 3 <- GR 4),
 * and the budget (six: the block's three, the BCR, two AHIs) must stop
 * the run at the third AHI with GR 5 = 2. */
TEST(jit_mvc_across_a_boundary_is_byte_by_byte)
{
    static const unsigned lens[] = { 16, 17, 31, 32, 33, 63, 64, 96, 100, 224, 255, 256 };
    static uint8_t want[DATA_LEN];
    uint64_t seed = 0xACC055ULL;
    for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
        const unsigned len = lens[li];
        TestEnv *e = tenv_cpu();
        Asm a = asm_at(e, CODE);
        RR(&a, 0x12, 1, 1);                             /* LTR 1,1 */
        SS_A(&a, 0xD2, len - 1, 12, 0, 13, 0);          /* MVC 0(len,12),0(13) */
        RRF(&a, 0xB9F2, 4, 0, 3, 4);                    /* LOCR 3,4,4 */
        RR(&a, 0x07, 0, 0);                             /* BCR 0,0 */
        for (int i = 0; i < 4; i++)
            RI(&a, 0xA70A, 5, 1);                       /* AHI 5,1 */
        const uint64_t third_ahi = CODE + 2 + 6 + 4 + 2 + 2 * 4;
        wr_be(e, PGM_NEW_ADDR, 4, 0xA7F40000);          /* J . */
        e->cpu.gr[13] = DATA + 0x800;
        run_warm(e, CODE, DATA, PSW_MASK_EA | PSW_MASK_BA, 6);
        uint8_t *data = tenv_abs(e, DATA);
        for (unsigned to_end = 1; to_end < len; to_end++) {
            const uint64_t d = DATA + 0x1000 - to_end;
            const uint64_t srcs[] = {
                DATA + 0x400 + to_end % 29,             /* apart */
                DATA + 0x2000 - 1 - to_end % 37,        /* apart, crossing too */
                d + 1 + to_end % 41,                    /* overlapping, d < s */
                d,                                      /* the same */
                d - 1 - to_end % 7,                     /* propagating */
            };
            for (size_t k = 0; k < sizeof(srcs) / sizeof(srcs[0]); k++) {
                for (unsigned i = 0; i < DATA_LEN; i++)
                    data[i] = (uint8_t)test_rand(&seed);
                memcpy(want, data, DATA_LEN);
                for (unsigned i = 0; i < len; i++)
                    want[d - DATA + i] = want[srcs[k] - DATA + i];
                e->cpu.gr[1] = (uint64_t)-5;
                e->cpu.gr[3] = 0x33;
                e->cpu.gr[4] = 0x44;
                e->cpu.gr[5] = 0;
                e->cpu.gr[12] = d;
                e->cpu.gr[13] = srcs[k];
                e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;    /* CC 0 */
                e->cpu.psw_addr = CODE;
                const uint64_t deopts = e->cpu.tcache->jit_deopts;
                const uint64_t splits = e->cpu.tcache->jit_mvc_splits;
                CHECK(cpu_run(&e->cpu, 6) == CPU_STEP_OK);
                /* compiled throughout, but for the propagating overlap
                 * (and the first touch of each page, a TLB miss); the
                 * chunks stepped from the boundary for multiples of 32
                 * from 64 with the boundary 32 bytes or more from both
                 * ends, the call for every other crossing */
                const bool chunks = len % 32 == 0 && len >= 64 && to_end >= 32 &&
                                    to_end <= len - 32;
                if (to_end > 1) {
                    CHECK_EQ(e->cpu.tcache->jit_deopts - deopts, k == 4 ? 1u : 0u);
                    CHECK_EQ(e->cpu.tcache->jit_mvc_splits - splits, k == 4 || chunks ? 0u : 1u);
                }
                CHECK_EQ(e->cpu.psw_addr, third_ahi);
                CHECK_EQ(cc_of(e), 2);                  /* AHI 5,1: 1 + 1 > 0 */
                CHECK_EQ(e->cpu.gr[3], 0x44);
                CHECK_EQ(e->cpu.gr[5], 2);
                CHECK_MEM(data, want, DATA_LEN);
            }
        }
        CHECK(e->cpu.tcache && e->cpu.tcache->jit_blocks >= 1);
        tenv_free(e);
    }
}

/* The machine of the two tests below: DATA's page under storage key 6,
 * the next one under key1; at CODE, L 2,0(13); MVC 0(32,12),0(14); BCR 0,0
 * (the block: L and MVC), and J . at the program new PSW. */
static const uint64_t KEY0 = PSW_MASK_EA | PSW_MASK_BA;
static const uint64_t KEY6 = PSW_MASK_EA | PSW_MASK_BA | 6ULL << PSW_SHIFT_KEY;

static TestEnv *second_page_env(uint8_t key1)
{
    TestEnv *e = tenv_cpu();
    storage_set_key(&e->m.storage, DATA, 0x60);
    storage_set_key(&e->m.storage, DATA + 0x1000, key1);
    Asm a = asm_at(e, CODE);
    RX(&a, 0x58, 2, 0, 13, 0);                      /* L 2,0(13) */
    SS_A(&a, 0xD2, 31, 12, 0, 14, 0);               /* MVC 0(32,12),0(14) */
    RR(&a, 0x07, 0, 0);                             /* BCR 0,0 */
    wr_be(e, PGM_NEW_ADDR, 4, 0xA7F40000);          /* J . */
    return e;
}

/* Runs the block once more under PSW key 6, with DATA's first 8 KiB set to
 * a pattern first: it must be a protection exception that leaves the
 * pattern in [DATA + from, + 32). */
static void protection_stores_nothing(TestEnv *e, unsigned from)
{
    for (unsigned i = 0; i < 0x2000; i++)
        wr_be(e, DATA + i, 1, i & 0xFF);
    e->cpu.psw_mask = KEY6;
    e->cpu.psw_addr = CODE;
    CHECK(cpu_run(&e->cpu, 3) == CPU_STEP_OK);
    CHECK_EQ(pgm_code(e), PGM_PROTECTION);
    for (unsigned i = from; i < from + 32; i++)
        CHECK_EQ(rd_be(e, DATA + i, 1), i & 0xFF);
}

/* A crossing operand's second page needs its own exact hit for the access:
 * here its TLB entry is there and has a host (an L under PSW key 6 has read
 * the page, whose storage key 0 allows fetching), but not for a store
 * under key 6.  MVC 0(32,12) from 16 bytes before that page is then a
 * protection exception (ZARCH-NOTES: key-controlled protection) that
 * stores nothing, not even in the first page, which key 6 may store into
 * (probe, then store). */
TEST(jit_mvc_into_a_protected_second_page_stores_nothing)
{
    TestEnv *e = second_page_env(0x00);
    e->cpu.gr[13] = DATA + 0x1000;
    e->cpu.gr[14] = DATA + 0x400;
    e->cpu.psw_mask = KEY6;
    run_warm(e, CODE, DATA, KEY6, 3);               /* the MVC within DATA's page */
    e->cpu.gr[12] = DATA + 0xFF0;
    protection_stores_nothing(e, 0xFF0);
    tenv_free(e);
}

/* The same for a fetch: the second page (storage key 0 with fetch
 * protection) was read under PSW key 0, so its TLB entry has a host and a
 * tag for key 0; under key 6 an MVC whose second operand crosses into it
 * is a protection exception that stores nothing. */
TEST(jit_mvc_from_a_fetch_protected_second_page_stores_nothing)
{
    TestEnv *e = second_page_env(0x08);
    e->cpu.gr[13] = DATA + 0x1000;                  /* key 0 reads it */
    e->cpu.gr[14] = DATA + 0x800;
    e->cpu.psw_mask = KEY0;
    run_warm(e, CODE, DATA + 0x400, KEY0, 3);
    e->cpu.gr[13] = DATA;                           /* key 6 in its own page: */
    for (int i = 0; i < 2; i++) {                   /* the block's mode is key 6's */
        e->cpu.psw_mask = KEY6;
        e->cpu.psw_addr = CODE;
        CHECK(cpu_run(&e->cpu, 3) == CPU_STEP_OK);
        CHECK_EQ(e->cpu.psw_addr, CODE + 12);
    }
    e->cpu.gr[14] = DATA + 0xFF0;
    protection_stores_nothing(e, 0x400);
    tenv_free(e);
}

/* A compiled MVC whose first operand crosses into a page that holds
 * decoded code must end that code: the copy must take the checked path,
 * which sees the store (tcache).  Each time, the MVC puts LHI 2,n over the
 * instruction at DATA + 0x1008, and that instruction, run after it, must
 * leave GR 2 = n (a stale decoded copy would leave the one before).  The
 * second time, the MVC's block ran before, after the previous decoding had
 * been ended by a store, so that only the new decoding (no TLB fill)
 * tells the first page's pair tag that the next page holds code again
 * (tlb_code_protect: tlb.c). */
static void run_lhi_at(TestEnv *e, uint64_t at, uint64_t want)
{
    e->cpu.psw_addr = at;
    CHECK(cpu_run(&e->cpu, 1) == CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[2], want);
}

TEST(jit_mvc_across_into_decoded_code_ends_it)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RR(&a, 0x18, 3, 3);                             /* LR 3,3 */
    SS_A(&a, 0xD2, 31, 12, 0, 13, 0);               /* MVC 0(32,12),0(13) */
    RR(&a, 0x07, 0, 0);                             /* BCR 0,0 */
    wr_be(e, PGM_NEW_ADDR, 4, 0xA7F40000);          /* J . */
    const uint64_t d = DATA + 0x1000 - 16, s = DATA + 0x2400, lhi = DATA + 0x1008;
    wr_be(e, lhi, 4, 0xA7280001);                   /* LHI 2,1 */
    run_lhi_at(e, lhi, 1);
    wr_be(e, s + 24, 4, 0xA7280002);                /* LHI 2,2 */
    e->cpu.gr[13] = s;
    run_warm(e, CODE, d, PSW_MASK_EA | PSW_MASK_BA, 3);     /* compiled, crossing */
    run_lhi_at(e, lhi, 2);
    wr_be(e, s + 24, 4, 0xA7280003);                /* LHI 2,3 */
    const uint64_t blocks = e->cpu.tcache->jit_blocks;
    e->cpu.psw_addr = CODE;
    CHECK(cpu_run(&e->cpu, 3) == CPU_STEP_OK);
    CHECK_EQ(e->cpu.tcache->jit_blocks, blocks);    /* the same compiled block */
    CHECK_EQ(rd_be(e, lhi, 4), 0xA7280003);
    run_lhi_at(e, lhi, 3);
    tenv_free(e);
}

/* A call out of a block and the return into one: BRASL pushes the return
 * point, and the function's block ends with BR 14, whose exit pops it
 * (cpu/jit.c, jit_return) and goes on there, counted as one instruction,
 * with the BR's address as the breaking-event address.  The function is
 * in the caller's page or in a page of its own.  Every budget from 1 to 8
 * must stop both sides at the same place: by hand, after all 8 (LHI,
 * BRASL, two AHIs, BR, two AHIs, BCR 0,0), GR 2 = 3 and GR 3 = 2, the PSW
 * after the BCR 0,0, the BEA the BR's address. */
TEST(jit_call_and_return_count_and_record_the_branch)
{
    for (int far = 0; far < 2; far++) {
        const uint64_t func = far ? LANDING_FAR : CODE + 0x800;
        TestEnv *both[2] = { tenv_cpu(), tenv_cpu() };
        for (int k = 0; k < 2; k++) {
            Asm a = asm_at(both[k], CODE);
            RI(&a, 0xA708, 2, 1);                           /* LHI 2,1 */
            RIL(&a, 0xC005, 14, (int32_t)((func - (CODE + 4)) / 2));   /* BRASL 14,func */
            RI(&a, 0xA70A, 2, 1);                           /* AHI 2,1 */
            RI(&a, 0xA70A, 2, 1);                           /* AHI 2,1 */
            RR(&a, 0x07, 0, 0);                             /* BCR 0,0 */
            Asm f = asm_at(both[k], func);
            RI(&f, 0xA70A, 3, 1);                           /* AHI 3,1 */
            RI(&f, 0xA70A, 3, 1);                           /* AHI 3,1 */
            RR(&f, 0x07, 15, 14);                           /* BR 14 */
        }
        for (int warm = 1; warm >= 0; warm--) {
            for (int n = 1; n <= 8; n++) {
                for (int k = 0; k < 2; k++) {
                    both[k]->cpu.gr[2] = both[k]->cpu.gr[3] = 0;
                    both[k]->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
                    both[k]->cpu.psw_addr = CODE;
                    both[k]->cpu.bea = 0;
                }
                CHECK(cpu_run(&both[0]->cpu, warm ? 8 : (uint64_t)n) == CPU_STEP_OK);
                for (int i = 0; i < (warm ? 8 : n); i++)
                    CHECK(cpu_step(&both[1]->cpu) == CPU_STEP_OK);
                state_equal(both[0], both[1]);
            }
        }
        CHECK_EQ(both[0]->cpu.gr[2], 3);
        CHECK_EQ(both[0]->cpu.gr[3], 2);
        CHECK_EQ(both[0]->cpu.psw_addr, CODE + 20);
        CHECK_EQ(both[0]->cpu.bea, func + 8);
        CHECK(both[0]->cpu.tcache->jit_blocks >= 2);
        tenv_free(both[0]);
        tenv_free(both[1]);
    }
}

/* After a block's exit goes to another page through a jump slot, the loop
 * is in that page: an instruction there that was never decoded is decoded
 * from that page's bytes (tcache.c reads cpu->run.cp).  The function at
 * LANDING_FAR branches, on its fourth call only, to an instruction not run
 * before (AHI 3,16); the caller's page holds AHI 3,256 at the same offset.
 * By hand: GR 3 = 16, and nine instructions (LHI, BRASL, LTR, BRC, AHI,
 * BR, AHI, AHI, BCR 0,0) end after the BCR 0,0. */
TEST(jit_jump_to_another_page_decodes_there)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RI(&a, 0xA708, 2, 1);                                           /* LHI 2,1 */
    RIL(&a, 0xC005, 14, (int32_t)((LANDING_FAR - (CODE + 4)) / 2));  /* BRASL 14,far */
    RI(&a, 0xA70A, 2, 1);                                           /* AHI 2,1 */
    RI(&a, 0xA70A, 2, 1);                                           /* AHI 2,1 */
    RR(&a, 0x07, 0, 0);                                             /* BCR 0,0 */
    Asm decoy = asm_at(e, CODE + 0x100);
    RI(&decoy, 0xA70A, 3, 256);                                     /* AHI 3,256 */
    RR(&decoy, 0x07, 15, 14);                                       /* BR 14 */
    Asm f = asm_at(e, LANDING_FAR);
    RR(&f, 0x12, 4, 4);                                             /* LTR 4,4 */
    RI(&f, 0xA704, 8, (0x100 - 2) / 2);                             /* BRC 8,far+0x100 */
    RI(&f, 0xA70A, 3, 1);                                           /* AHI 3,1 */
    RR(&f, 0x07, 15, 14);                                           /* BR 14 */
    Asm target = asm_at(e, LANDING_FAR + 0x100);
    RI(&target, 0xA70A, 3, 16);                                     /* AHI 3,16 */
    RR(&target, 0x07, 15, 14);                                      /* BR 14 */
    for (int call = 0; call < 4; call++) {
        e->cpu.gr[3] = 0;
        e->cpu.gr[4] = call < 3;            /* the first three: no branch */
        e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
        e->cpu.psw_addr = CODE;
        CHECK(cpu_run(&e->cpu, 9) == CPU_STEP_OK);
    }
    CHECK_EQ(e->cpu.gr[3], 16);
    CHECK_EQ(e->cpu.psw_addr, CODE + 20);
    CHECK(e->cpu.tcache->jit_blocks >= 2);
    tenv_free(e);
}

/* XC d(len),d (the clearing idiom) across a 4 KiB boundary (DATA +
 * 0x1000) at every distance from its start: zeros in [d, d + len), every
 * other byte as it was, CC 0 (the result is zero), and the compiled code
 * never left once the pages are in the TLB.  Lengths that take the
 * boundary-stepped stores (multiples of 32 from 64) and others. */
TEST(jit_xc_clear_across_a_boundary)
{
    static const unsigned lens[] = { 16, 31, 32, 33, 64, 96, 100, 224, 256 };
    static uint8_t want[DATA_LEN];
    uint64_t seed = 0xC1EA5ULL;
    for (size_t li = 0; li < sizeof(lens) / sizeof(lens[0]); li++) {
        const unsigned len = lens[li];
        TestEnv *e = tenv_cpu();
        Asm a = asm_at(e, CODE);
        RR(&a, 0x18, 1, 1);                             /* LR 1,1 */
        SS_A(&a, 0xD7, len - 1, 12, 0, 12, 0);          /* XC 0(len,12),0(12) */
        RR(&a, 0x07, 0, 0);                             /* BCR 0,0 */
        wr_be(e, PGM_NEW_ADDR, 4, 0xA7F40000);          /* J . */
        run_warm(e, CODE, DATA, PSW_MASK_EA | PSW_MASK_BA, 3);
        uint8_t *data = tenv_abs(e, DATA);
        for (unsigned to_end = 1; to_end < len; to_end++) {
            const uint64_t d = DATA + 0x1000 - to_end;
            for (unsigned i = 0; i < DATA_LEN; i++)
                data[i] = (uint8_t)(test_rand(&seed) | 1);
            memcpy(want, data, DATA_LEN);
            memset(want + (d - DATA), 0, len);
            e->cpu.gr[12] = d;
            e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA | 3ULL << PSW_SHIFT_CC;
            e->cpu.psw_addr = CODE;
            const uint64_t deopts = e->cpu.tcache->jit_deopts;
            CHECK(cpu_run(&e->cpu, 3) == CPU_STEP_OK);
            if (to_end > 1)
                CHECK_EQ(e->cpu.tcache->jit_deopts - deopts, 0);
            CHECK_EQ(e->cpu.psw_addr, CODE + 10);
            CHECK_EQ(cc_of(e), 0);
            CHECK_MEM(data, want, DATA_LEN);
        }
        CHECK(e->cpu.tcache->jit_blocks >= 1);
        tenv_free(e);
    }
}
