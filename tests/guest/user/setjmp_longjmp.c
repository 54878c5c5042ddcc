/* setjmp/longjmp and sigsetjmp/siglongjmp: return values (0 -> 1 fix-up),
 * callee-saved registers and volatile locals across the jump, jumps out of
 * deep recursion, and the signal mask saved or not. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf jb;
static sigjmp_buf sjb;
static int depth_reached;

static void deep(int n)
{
    char pad[256];
    pad[n & 255] = (char)n;
    if (n > 100000)
        return;
    if (n == 500) {
        depth_reached = n + pad[n & 255] - (char)n;
        longjmp(jb, n);
    }
    deep(n + 1);
    asm volatile("" ::: "memory");
}

int main(void)
{
    volatile int counter = 0;
    volatile double fp = 1.5;
    int r;
    sigset_t set;

    r = setjmp(jb);
    counter++;
    if (r < 3) {
        fp *= 2;
        longjmp(jb, r + 1);
    }
    printf("setjmp: r=%d counter=%d fp=%.1f\n", r, counter, fp);

    if ((r = setjmp(jb)) == 0)
        longjmp(jb, 0);
    printf("longjmp(0) returns %d\n", r);

    if ((r = setjmp(jb)) == 0)
        deep(0);
    printf("from depth: r=%d reached=%d\n", r, depth_reached);

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    if ((r = sigsetjmp(sjb, 1)) == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(sjb, 7);
    }
    sigprocmask(SIG_BLOCK, NULL, &set);
    printf("sigsetjmp(1): r=%d usr1 blocked=%d\n", r, sigismember(&set, SIGUSR1));

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    if ((r = sigsetjmp(sjb, 0)) == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(sjb, 8);
    }
    sigprocmask(SIG_BLOCK, NULL, &set);
    printf("sigsetjmp(0): r=%d usr1 blocked=%d\n", r, sigismember(&set, SIGUSR1));
    return 0;
}
