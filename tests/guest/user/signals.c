/* Signals: handlers installed with sigaction (plain and SA_SIGINFO),
 * raise/kill to self, si_code/si_value from sigqueue, blocking with
 * sigprocmask and delivery on unblock, SA_RESETHAND, the handler's own
 * mask, SIGFPE from an integer divide by zero (fixed-point divide
 * exception) recovered with siglongjmp, and SIGILL from an illegal op. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got[65], order[16], norder;
static volatile int value, code, blocked_in_handler;
static sigjmp_buf jb;

static void plain(int sig)
{
    got[sig]++;
    order[norder++] = sig;
}

static void info(int sig, siginfo_t *si, void *uc)
{
    sigset_t cur;
    (void)uc;
    got[sig]++;
    code = si->si_code;
    value = si->si_value.sival_int;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    blocked_in_handler = sigismember(&cur, sig) + 2 * sigismember(&cur, SIGUSR2);
}

static void recover(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got[sig]++;
    code = si->si_code;
    siglongjmp(jb, sig);
}

int main(void)
{
    struct sigaction sa;
    sigset_t set, old;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = plain;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    printf("SIGUSR1 delivered %d times\n", got[SIGUSR1]);

    sa.sa_sigaction = info;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGRTMIN, &sa, NULL);
    sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = 4242 });
    printf("sigqueue: got=%d code=%s value=%d mask(self,usr2)=%d\n", got[SIGRTMIN],
           code == SI_QUEUE ? "SI_QUEUE" : "?", value, blocked_in_handler);

    /* block, send two, unblock: delivered on unblock, in signal order */
    sa.sa_handler = plain;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    norder = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR2);
    raise(SIGHUP);
    raise(SIGUSR2);
    printf("while blocked: usr2=%d hup=%d pending=%d\n", got[SIGUSR2], got[SIGHUP],
           (sigpending(&set), sigismember(&set, SIGUSR2)));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock: usr2=%d hup=%d first=%s\n", got[SIGUSR2], got[SIGHUP],
           order[0] == SIGHUP ? "HUP" : "USR2");

    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &sa);
    printf("SA_RESETHAND: handler now default=%d\n", sa.sa_handler == SIG_DFL);

    sa.sa_sigaction = recover;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    if (sigsetjmp(jb, 1) == 0) {
        volatile int z = 0, x = 7;
        x = x / z;
        printf("no SIGFPE\n");
    } else {
        printf("SIGFPE recovered: code=%s\n", code == FPE_INTDIV ? "FPE_INTDIV" : "?");
    }
    if (sigsetjmp(jb, 1) == 0) {
        asm volatile(".long 0x00000000");
        printf("no SIGILL\n");
    } else {
        printf("SIGILL recovered: code=%s\n", code == ILL_ILLOPC ? "ILL_ILLOPC" : "?");
    }
    sigprocmask(SIG_BLOCK, NULL, &set);
    printf("mask restored by siglongjmp: %d\n", !sigismember(&set, SIGFPE) && !sigismember(&set, SIGILL));
    return 0;
}
