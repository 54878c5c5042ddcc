/* pf.h: the page-boundary fault harness shared by the tests/guest/user/fault_*.c
 * programs (a header, not a program: the build compiles only *.c).
 *
 * A two-page mapping [page 0][page 1]; one page is made PROT_NONE or PROT_READ
 * and a storage instruction whose operand crosses the boundary is executed
 * from real guest code.  The SIGSEGV handler (SA_SIGINFO) records what the
 * kernel ABI shows - the page of si_addr relative to the mapping (s390 Linux
 * reports only the page of the failing address, from the TEID), si_code, the
 * two bytes at the interrupted PSW address (the instruction that must be
 * re-executable), the condition code from the PSW mask and the general
 * registers - checks the registers against what the test expects, and
 * recovers with siglongjmp.  For SIGILL and SIGFPE (suppressed or completed
 * instructions) si_addr is the instruction itself and the PSW points past
 * it: the report shows the instruction's first two bytes and the PSW's
 * distance from si_addr (the instruction length) instead of a page.  The report then checks that both pages (and an
 * auxiliary buffer used as the other operand) hold exactly what they held
 * before, or prints the byte range that changed.
 *
 * Output lines are deterministic: no addresses, only offsets. */
#ifndef ZEMU_GUEST_PF_H
#define ZEMU_GUEST_PF_H

#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PG 4096

static unsigned char *pf_base;            /* the two-page mapping */
static unsigned char pf_aux[4096] __attribute__((aligned(256)));
static unsigned char pf_snap[2 * PG];
static unsigned char pf_aux_snap[sizeof pf_aux];
static int pf_page = -1;                  /* protected page, -1 none */
static int pf_hide_cc;                    /* CC at the fault is model-dependent */

static sigjmp_buf pf_jmp;
static volatile sig_atomic_t pf_sig;
static volatile int pf_code;
static volatile uintptr_t pf_addr;
static volatile unsigned pf_at;           /* first 2 bytes at the PSW address
                                             (SIGILL/SIGFPE: at si_addr) */
static volatile long pf_psw_off;          /* PSW address - si_addr */
static volatile int pf_cc;
static volatile unsigned pf_regs_bad;     /* bit r set: GR r differs */
static unsigned long pf_gregs[16];
static unsigned pf_aregs[16];
static unsigned long pf_exp[16];
static unsigned pf_exp_mask;

static __attribute__((unused)) void pf_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    const unsigned char *ia = (const unsigned char *)uc->uc_mcontext.psw.addr;
    unsigned bad = 0;

    pf_sig = sig;
    pf_code = si->si_code;
    pf_addr = (uintptr_t)si->si_addr;
    pf_psw_off = (long)((uintptr_t)ia - pf_addr);
    if (sig == SIGILL || sig == SIGFPE)
        ia = si->si_addr;
    pf_at = (unsigned)ia[0] << 8 | ia[1];
    pf_cc = (int)(uc->uc_mcontext.psw.mask >> 44) & 3;
    for (int r = 0; r < 16; r++) {
        pf_gregs[r] = uc->uc_mcontext.gregs[r];
        pf_aregs[r] = uc->uc_mcontext.aregs[r];
        if ((pf_exp_mask >> r & 1) && pf_gregs[r] != pf_exp[r])
            bad |= 1u << r;
    }
    pf_regs_bad = bad;
    siglongjmp(pf_jmp, 1);
}

static __attribute__((unused)) void pf_init(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = pf_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    pf_base = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pf_base == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
}

/* Deterministic contents for both pages and the aux buffer. */
static __attribute__((unused)) void pf_fill(void)
{
    if (pf_page >= 0)
        mprotect(pf_base + pf_page * PG, PG, PROT_READ | PROT_WRITE);
    pf_page = -1;
    for (int i = 0; i < 2 * PG; i++)
        pf_base[i] = (unsigned char)(i * 7 + 3 + (i >> 8));
    for (unsigned i = 0; i < sizeof pf_aux; i++)
        pf_aux[i] = (unsigned char)(i * 11 + 0x40);
    pf_exp_mask = 0;
    pf_sig = 0;
}

/* Expect general register r to hold v when the fault is delivered. */
static __attribute__((unused)) void pf_expect(int r, unsigned long v)
{
    pf_exp[r] = v;
    pf_exp_mask |= 1u << r;
}

/* Snapshot everything, then protect page `page` with `prot`. */
static __attribute__((unused)) void pf_arm(int page, int prot)
{
    memcpy(pf_snap, pf_base, sizeof pf_snap);
    memcpy(pf_aux_snap, pf_aux, sizeof pf_aux);
    pf_page = page;
    mprotect(pf_base + page * PG, PG, prot);
}

static __attribute__((unused)) void pf_diff(const char *what, const unsigned char *now,
                    const unsigned char *was, size_t n)
{
    size_t lo = n, hi = 0;
    for (size_t i = 0; i < n; i++)
        if (now[i] != was[i]) {
            if (lo == n)
                lo = i;
            hi = i + 1;
        }
    if (lo == n)
        printf(" %s=unchanged", what);
    else
        printf(" %s=CHANGED[%#zx,%#zx)", what, lo, hi);
}

/* Print one result line.  faulted: the siglongjmp path was taken. */
static __attribute__((unused)) void pf_report(const char *label, int faulted)
{
    int page = pf_page;
    if (page >= 0)
        mprotect(pf_base + page * PG, PG, PROT_READ | PROT_WRITE);
    pf_page = -1;
    printf("%s:", label);
    if (!faulted) {
        printf(" no-fault");
    } else if (pf_sig == SIGILL || pf_sig == SIGFPE) {
        if (pf_sig == SIGFPE)
            printf(" sig=FPE code=%d", pf_code);
        else
            printf(" sig=ILL code=%s", pf_code == ILL_ILLOPC ? "ILLOPC"
                   : pf_code == ILL_ILLOPN ? "ILLOPN" : pf_code == ILL_PRVOPC ? "PRVOPC" : "?");
        printf(" at=%04x psw=+%ld", pf_at, pf_psw_off);
    } else {
        long off = (long)(pf_addr - (uintptr_t)pf_base);
        printf(" sig=%s code=%s page=%ld at=%04x",
               pf_sig == SIGSEGV ? "SEGV" : "other",
               pf_code == SEGV_ACCERR ? "ACCERR"
               : pf_code == SEGV_MAPERR ? "MAPERR" : "?",
               off < 0 ? -1 : off / PG, pf_at);
    }
    if (faulted) {
        if (!pf_hide_cc)
            printf(" cc=%d", pf_cc);
        if (pf_exp_mask) {
            if (!pf_regs_bad)
                printf(" regs=ok");
            else
                for (int r = 0; r < 16; r++)
                    if (pf_regs_bad >> r & 1)
                        printf(" r%d=BAD(+%ld)", r,
                               (long)(pf_gregs[r] - pf_exp[r]));
        }
    }
    pf_diff("pages", pf_base, pf_snap, 2 * PG);
    pf_diff("aux", pf_aux, pf_aux_snap, sizeof pf_aux);
    printf("\n");
    pf_exp_mask = 0;
}

/* Run one statement (an asm block) with page `page` protected by `prot`. */
#define PF_CASE(label, page, prot, stmt)                                   \
    do {                                                                   \
        pf_arm((page), (prot));                                            \
        if (sigsetjmp(pf_jmp, 1) == 0) {                                   \
            stmt;                                                          \
            pf_report((label), 0);                                         \
        } else {                                                           \
            pf_report((label), 1);                                         \
        }                                                                  \
    } while (0)

/* Condition-code value for SPM (bits 34-35 of the register). */
#define CCV(cc) ((unsigned long)(cc) << 28)

static __attribute__((unused)) void pf_hex(const char *label, const unsigned char *p, size_t n)
{
    printf("%s:", label);
    for (size_t i = 0; i < n; i++)
        printf(" %02x", p[i]);
    printf("\n");
}

static int g_cc __attribute__((unused));                         /* CC after the last non-faulting run */

/* Run an SS-a instruction `insn D1(L,r4),D2(r5)` with CC preset to `cc`
 * (SPM), expecting r4/r5 unchanged at a fault; g_cc gets the CC after. */
#define SS_RUN(insn, len, DST, SRC, cc)                                        \
    do {                                                                   \
        unsigned long d_ = (unsigned long)(DST), s_ = (unsigned long)(SRC);    \
        pf_expect(4, d_);                                                  \
        pf_expect(5, s_);                                                  \
        register unsigned long r4_ asm("r4") = d_;                         \
        register unsigned long r5_ asm("r5") = s_;                         \
        register unsigned long r0_ asm("r0") = CCV(cc);                    \
        asm volatile("spm %[c]\n\t" insn " 0(" #len ",%[d]),0(%[s])\n\t"  \
                     "ipm %[c]"                                            \
                     : [c] "+d"(r0_)                                       \
                     : [d] "a"(r4_), [s] "a"(r5_)                          \
                     : "memory", "cc");                                    \
        g_cc = (int)(r0_ >> 28) & 3;                                       \
    } while (0)

/* Run `text` (which names %%r0-%%r5 itself) with GR0-GR5 = R[0..5] and the
 * CC preset to `cc`; R and g_cc receive the results. */
#define LONG_RUN(text, R, cc)                                              \
    do {                                                                   \
        register unsigned long r0_ asm("r0") = (R)[0];                     \
        register unsigned long r1_ asm("r1") = (R)[1];                     \
        register unsigned long r2_ asm("r2") = (R)[2];                     \
        register unsigned long r3_ asm("r3") = (R)[3];                     \
        register unsigned long r4_ asm("r4") = (R)[4];                     \
        register unsigned long r5_ asm("r5") = (R)[5];                     \
        unsigned long c_ = CCV(cc);                                        \
        asm volatile("spm %[c]\n\t" text "\n\tipm %[c]"                  \
                     : [c] "+d"(c_), "+d"(r0_), "+d"(r1_), "+d"(r2_),      \
                       "+d"(r3_), "+d"(r4_), "+d"(r5_)                     \
                     :                                                     \
                     : "memory", "cc");                                    \
        (R)[0] = r0_; (R)[1] = r1_; (R)[2] = r2_;                          \
        (R)[3] = r3_; (R)[4] = r4_; (R)[5] = r5_;                          \
        g_cc = (int)(c_ >> 28) & 3;                                        \
    } while (0)

/* Expect GR0-GR5 = E[0..5] at the fault. */
static __attribute__((unused)) void pf_expect6(const unsigned long *e)
{
    for (int r = 0; r < 6; r++)
        pf_expect(r, e[r]);
}

/* SS-b format (two lengths): `insn D1(L1,r4),D2(L2,r5)`. */
#define SSB_RUN(insn, l1, l2, DST, SRC, cc)                                \
    do {                                                                   \
        unsigned long d_ = (unsigned long)(DST), s_ = (unsigned long)(SRC);\
        pf_expect(4, d_);                                                  \
        pf_expect(5, s_);                                                  \
        register unsigned long r4_ asm("r4") = d_;                         \
        register unsigned long r5_ asm("r5") = s_;                         \
        register unsigned long r0_ asm("r0") = CCV(cc);                    \
        asm volatile("spm %[c]\n\t" insn " 0(" #l1 ",%[d]),0(" #l2       \
                     ",%[s])\n\tipm %[c]"                                 \
                     : [c] "+d"(r0_)                                       \
                     : [d] "a"(r4_), [s] "a"(r5_)                          \
                     : "memory", "cc");                                    \
        g_cc = (int)(r0_ >> 28) & 3;                                       \
    } while (0)

#endif
