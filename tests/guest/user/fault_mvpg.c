/* MVPG (B254): MOVE PAGE in a Linux user process.  Linux lets the problem
 * state use it as long as GR0 names no access key (bits 52 F and 53 S zero):
 * the 4 KiB page holding the address in R2 is copied to the page holding
 * the address in R1 (the low 12 bits of both are ignored), CC 0, no
 * register changes.
 *
 * Faults, with R1 = r2 and R2 = r4 and the two pages of the mapping:
 * - a PROT_READ destination is a protection exception whatever GR0 says:
 *   SIGSEGV SEGV_ACCERR for page 1, the PSW back at MVPG, nothing stored;
 * - a PROT_NONE page (an invalid page-table entry, as on Linux) is a page-
 *   translation exception: SIGSEGV SEGV_ACCERR without the condition-code
 *   option (GR0 bit 55), CC 1 (destination) or CC 2 (source, examined
 *   first, so also when both are invalid) with it, and no signal;
 * - F or S set asks for the key in GR0 bits 56-59, which the problem state
 *   may use only if the PSW-key mask in CR3 permits it; Linux's mask is
 *   empty: privileged-operation exception, SIGILL ILL_PRVOPC, the PSW past
 *   the 4-byte instruction, nothing stored;
 * - a reserved GR0 bit (48-51): specification exception, SIGILL
 *   ILL_ILLOPN.
 * Each fault case runs in a child process (fork), so that an emulator that
 * gives up on one (qemu-s390x 7.2 aborts with "Unhandled program
 * exception: 0x800") still lets the others run; the parent prints how a
 * child ended when it did not exit 0.
 * Page contents: the fill pattern puts byte i at (7i + 3 + i/256) mod 256,
 * so every byte of page 1 differs from the byte at the same offset of page
 * 0 (by 7*4096 + 16 = 16 mod 256), and a copy changes all of [0x1000,
 * 0x2000). */
#include "pf.h"

#include <sys/wait.h>

static unsigned long R[6];
static unsigned char spg[PG] __attribute__((aligned(PG)));

#define MVPG "mvpg %%r2,%%r4"

/* Runs one case in a child: page `page` protected by `prot` (and page 1
 * too when both is set). */
static void mvpg_case(const char *label, unsigned long gr0, unsigned char *dst,
                      unsigned char *src, int page, int prot, int both)
{
    pid_t pid;
    int st;
    volatile int faulted;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        pf_fill();
        R[0] = gr0; R[1] = 0x11; R[2] = (unsigned long)dst; R[3] = 0x33;
        R[4] = (unsigned long)src; R[5] = 0x55;
        pf_expect6(R);
        pf_arm(page, prot);
        if (both)
            mprotect(pf_base + PG, PG, prot);
        faulted = sigsetjmp(pf_jmp, 1) != 0;
        if (!faulted)
            LONG_RUN(MVPG, R, 3);
        if (both)
            mprotect(pf_base + PG, PG, PROT_READ | PROT_WRITE);
        pf_report(label, faulted);
        if (!faulted)
            printf("%s: cc=%d\n", label, g_cc);
        fflush(stdout);
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &st, 0) != pid) {
        printf("%s: fork/wait failed\n", label);
        return;
    }
    if (WIFSIGNALED(st))
        printf("%s: child killed by signal %d\n", label, WTERMSIG(st));
    else if (WEXITSTATUS(st) != 0)
        printf("%s: child exited %d\n", label, WEXITSTATUS(st));
}

int main(void)
{
    unsigned char *b;
    pf_init();
    b = pf_base;
    for (int i = 0; i < PG; i++)
        spg[i] = (unsigned char)(i * 13 + 5);

    /* A plain move; the low 12 bits of R1 and R2 are ignored. */
    pf_fill();
    memcpy(pf_snap, b, 2 * PG);
    R[0] = 0; R[2] = (unsigned long)(b + PG + 0x123); R[4] = (unsigned long)(spg + 0xabc);
    LONG_RUN(MVPG, R, 3);
    printf("mvpg: cc=%d page1=source:%s page0:%s r2=op1%+ld r4=src%+ld\n", g_cc,
           memcmp(b + PG, spg, PG) ? "no" : "yes", memcmp(b, pf_snap, PG) ? "CHANGED" : "unchanged",
           (long)(R[2] - (unsigned long)(b + PG)), (long)(R[4] - (unsigned long)spg));
    pf_fill();
    R[0] = 0x100; R[2] = (unsigned long)b; R[4] = (unsigned long)spg;
    LONG_RUN(MVPG, R, 3);
    printf("mvpg cco: cc=%d page0=source:%s\n", g_cc, memcmp(b, spg, PG) ? "no" : "yes");

    /* Page 0 -> page 1 with page 0 read-only: reading is allowed. */
    mvpg_case("mvpg src READ", 0, b + PG, b, 0, PROT_READ, 0);

    /* Destination read-only: protection, with or without the option. */
    mvpg_case("mvpg dst READ", 0, b + PG, spg, 1, PROT_READ, 0);
    mvpg_case("mvpg dst READ cco", 0x100, b + PG, spg, 1, PROT_READ, 0);

    /* PROT_NONE: page-translation exception or CC 1 / CC 2. */
    mvpg_case("mvpg dst NONE", 0, b + PG, spg, 1, PROT_NONE, 0);
    mvpg_case("mvpg dst NONE cco", 0x100, b + PG, spg, 1, PROT_NONE, 0);
    mvpg_case("mvpg src NONE", 0, b + PG, b, 0, PROT_NONE, 0);
    mvpg_case("mvpg src NONE cco", 0x100, b + PG, b, 0, PROT_NONE, 0);
    /* both pages invalid: the source is examined first -> CC 2 */
    mvpg_case("mvpg both NONE cco", 0x100, b + PG, b, 0, PROT_NONE, 1);

    /* Keys from GR0 (F = 0x800, S = 0x400; key 0 in bits 56-59) and a
     * reserved bit (48 = 0x8000). */
    mvpg_case("mvpg F key 0", 0x800, b + PG, spg, 1, PROT_READ | PROT_WRITE, 0);
    mvpg_case("mvpg S key 0", 0x400, b + PG, spg, 1, PROT_READ | PROT_WRITE, 0);
    mvpg_case("mvpg F key 9 cco", 0x990, b + PG, spg, 1, PROT_READ | PROT_WRITE, 0);
    mvpg_case("mvpg reserved bit", 0x8000, b + PG, spg, 1, PROT_READ | PROT_WRITE, 0);
    return 0;
}
