/* The SIGSEGV recovery scenario of issue 3, written plainly: an MVC of 64
 * bytes whose destination runs from the end of a writable page into a
 * PROT_NONE page.  The SA_SIGINFO handler reports si_addr relative to the
 * mapping (s390 Linux reports the page address), the instruction at the
 * interrupted PSW (MVC itself: it can be re-executed), and jumps back with
 * siglongjmp; then both pages are checked unchanged, the page is made
 * writable and the same MVC completes.  Then the same with the second page
 * unmapped (si_code SEGV_MAPERR instead of SEGV_ACCERR). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf jb;
static unsigned char *map;
static volatile long fault_off = -1;
static volatile unsigned fault_op;
static volatile int fault_code;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig;
    fault_off = (long)((unsigned char *)si->si_addr - map);
    fault_op = *(unsigned char *)uc->uc_mcontext.psw.addr;
    fault_code = si->si_code;
    siglongjmp(jb, 1);
}

static void mvc64(unsigned char *d, const unsigned char *s)
{
    asm volatile("mvc 0(64,%0),0(%1)" : : "a"(d), "a"(s) : "memory");
}

int main(void)
{
    static unsigned char src[64], before[8192];
    struct sigaction sa;
    volatile int faulted = 0;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    map = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 8192; i++)
        map[i] = (unsigned char)(i % 253);
    for (int i = 0; i < 64; i++)
        src[i] = (unsigned char)(0xa0 + i);
    memcpy(before, map, 8192);
    mprotect(map + 4096, 4096, PROT_NONE);

    if (sigsetjmp(jb, 1) == 0)
        mvc64(map + 4096 - 32, src);
    else
        faulted = 1;
    printf("faulted=%d si_addr=map+%#lx si_code=%s psw->opcode %02x (%s)\n", faulted, fault_off,
           fault_code == SEGV_ACCERR ? "ACCERR" : fault_code == SEGV_MAPERR ? "MAPERR" : "?",
           fault_op, fault_op == 0xd2 ? "MVC" : "?");
    mprotect(map + 4096, 4096, PROT_READ | PROT_WRITE);
    printf("page 0 unchanged: %d\n", memcmp(map, before, 4096) == 0);
    printf("page 1 unchanged: %d\n", memcmp(map + 4096, before + 4096, 4096) == 0);
    mvc64(map + 4096 - 32, src);
    printf("retry moved: %d\n", memcmp(map + 4096 - 32, src, 64) == 0);

    memcpy(before, map, 4096);
    munmap(map + 4096, 4096);
    faulted = 0;
    fault_off = -1;
    if (sigsetjmp(jb, 1) == 0)
        mvc64(map + 4096 - 16, src + 1);
    else
        faulted = 1;
    printf("unmapped: faulted=%d si_addr=map+%#lx si_code=%s psw->opcode %02x\n", faulted,
           fault_off, fault_code == SEGV_MAPERR ? "MAPERR" : fault_code == SEGV_ACCERR ? "ACCERR" : "?",
           fault_op);
    printf("page 0 unchanged: %d\n", memcmp(map, before, 4096) == 0);
    return 0;
}
