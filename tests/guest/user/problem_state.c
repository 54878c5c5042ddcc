/* Storage instructions a Linux user process cannot execute, and what it
 * sees instead.  Linux runs user space in the problem state, primary-space
 * mode, PSW key 0, with CR0's secondary-space control on and CR3 = 0: an
 * empty PSW-key mask (arch/s390/boot/head.S loads CR0 = 0x04040000 and
 * CR3 = 0; nothing sets a key-mask bit later).  So:
 * - MVCK, MVCSK, MVCDK (a key from a register), MVCP and MVCS (the
 *   secondary space, its key from R3) and MVCOS (the key of each operand,
 *   specified or the PSW key, must be permitted) are privileged-operation
 *   exceptions;
 * - MVCOS naming the home space is a special-operation exception in the
 *   problem state, recognised before the key check;
 * - STCTL, STCTG, LCTL, LCTLG are privileged instructions;
 * - MVCRL needs facility 61 (miscellaneous-instruction-extensions 3), which
 *   a z196-class CPU does not have: operation exception;
 * - and a decimal data exception (DXC 0) for comparison.
 * Linux (arch/s390/kernel/traps.c) sends SIGILL with ILL_PRVOPC for the
 * privileged operation, ILL_ILLOPC for the operation exception and
 * ILL_ILLOPN for special-operation and data (DXC 0) exceptions; si_addr is
 * the instruction, the PSW points past it (the exceptions suppress), the
 * CC and the registers are unchanged and nothing is stored.  Each operand
 * is placed across the boundary into a PROT_READ (stored operand) or
 * PROT_NONE (fetched operand) page: the exception comes first, so no
 * SIGSEGV and no partial store. */
#include "pf.h"

static unsigned long ctl[4] __attribute__((aligned(8)));
static unsigned long R[6];

/* Runs `text` (naming %%r0-%%r5 itself) with GR0-GR5 = the six values and
 * CC 1, page 1 of the mapping protected by prot; every one of GR0-GR5 must
 * be unchanged at the signal. */
#define PS_CASE(label, prot, text, v0, v1, v2, v3, v4, v5)                 \
    do {                                                                   \
        R[0] = (unsigned long)(v0); R[1] = (unsigned long)(v1);            \
        R[2] = (unsigned long)(v2); R[3] = (unsigned long)(v3);            \
        R[4] = (unsigned long)(v4); R[5] = (unsigned long)(v5);            \
        pf_expect6(R);                                                     \
        PF_CASE(label, 1, prot, LONG_RUN(text, R, 1));                     \
    } while (0)

/* SS-d (MVCK, MVCP, MVCS) D1(R1,B1),D2(B2),R3: R1 = r2 (true length),
 * R3 = r3 (key), B1 = r4, B2 = r5. */
#define SSD(insn) insn " 0(%%r2,%%r4),0(%%r5),%%r3"
/* SSE (MVCSK, MVCDK, MVCRL) 0(r4),0(r5) with GR0 (length - 1), GR1 (key). */
#define SSE(opcode) ".insn sse," opcode ",0(%%r4),0(%%r5)"
/* MVCOS 0(r4),0(r5),r3 with the OACs in GR0. */
#define MVCOS "mvcos 0(%%r4),0(%%r5),%%r3"

/* OAC: key (bits 0-3), AS (bits 8-9), K (bit 14), A (bit 15). */
#define OAC(key, as, k, a) ((unsigned long)(key) << 12 | (as) << 6 | (k) << 1 | (a))
#define OACS(o1, o2) ((unsigned long)(o1) << 16 | (o2))

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;

    /* key-controlled and cross-space moves: privileged operation */
    pf_fill();
    PS_CASE("mvck op1->READ", PROT_READ, SSD("mvck"), 0, 0, 16, 0x00, b + PG - 8, pf_aux);
    PS_CASE("mvck op2->NONE", PROT_NONE, SSD("mvck"), 0, 0, 16, 0x00, pf_aux, b + PG - 8);
    PS_CASE("mvcp op2->NONE", PROT_NONE, SSD("mvcp"), 0, 0, 16, 0x00, pf_aux, b + PG - 8);
    PS_CASE("mvcs op1->READ", PROT_READ, SSD("mvcs"), 0, 0, 16, 0x00, b + PG - 8, pf_aux);
    PS_CASE("mvcsk op1->READ", PROT_READ, SSE("0xe50e00000000"), 15, 0, 0, 0, b + PG - 8, pf_aux);
    PS_CASE("mvcdk op2->NONE", PROT_NONE, SSE("0xe50f00000000"), 15, 0, 0, 0, pf_aux, b + PG - 8);
    PS_CASE("mvcos psw key op1->READ", PROT_READ, MVCOS, 0, 0, 0, 16, b + PG - 8, pf_aux);
    PS_CASE("mvcos psw key op2->NONE", PROT_NONE, MVCOS, 0, 0, 0, 16, pf_aux, b + PG - 8);
    PS_CASE("mvcos key 0 given", PROT_READ, MVCOS, OACS(OAC(0, 0, 1, 0), OAC(0, 0, 1, 0)), 0, 0,
            16, b + PG - 8, pf_aux);
    PS_CASE("mvcos secondary", PROT_READ, MVCOS, OACS(OAC(0, 2, 0, 1), 0), 0, 0, 16, b + PG - 8,
            pf_aux);
    /* the home space in the problem state: special operation, first */
    PS_CASE("mvcos home", PROT_NONE, MVCOS, OACS(0, OAC(0, 3, 0, 1)), 0, 0, 16, pf_aux,
            b + PG - 8);

    /* control registers: privileged instructions */
    memset(ctl, 0x5a, sizeof ctl);
    PS_CASE("stctl op->READ", PROT_READ, "stctl 0,1,0(%%r4)", 0, 0, 0, 0, b + PG - 4, 0);
    PS_CASE("stctg op->READ", PROT_READ, "stctg 0,1,0(%%r4)", 0, 0, 0, 0, b + PG - 8, 0);
    PS_CASE("lctl op->NONE", PROT_NONE, "lctl 0,1,0(%%r4)", 0, 0, 0, 0, b + PG - 4, 0);
    PS_CASE("lctlg op->NONE", PROT_NONE, "lctlg 0,1,0(%%r4)", 0, 0, 0, 0, b + PG - 8, 0);
    PS_CASE("lctlg valid", PROT_READ | PROT_WRITE, "lctlg 0,0,0(%%r4)", 0, 0, 0, 0, ctl, 0);

    /* MVCRL without facility 61: operation exception */
    PS_CASE("mvcrl op1->READ", PROT_READ, SSE("0xe50a00000000"), 15, 0, 0, 0, b + PG - 8, pf_aux);

    /* a decimal data exception (AP, invalid digit A in the second operand) */
    pf_aux[0] = 0x12; pf_aux[1] = 0x3c;
    pf_aux[2] = 0x1a; pf_aux[3] = 0x3c;
    PS_CASE("ap invalid digit", PROT_READ | PROT_WRITE, "ap 0(2,%%r4),2(2,%%r4)", 0, 0, 0, 0,
            pf_aux, 0);
    return 0;
}
