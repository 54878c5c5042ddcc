/* Signals as system calls (kill, sigaction, masks, waiting) and the bridge
 * between host signals and the guest (see the host-side part of
 * user/signal.h).  Frames and delivery are user/signal.c's. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "user/signal.h"
#include "user/sysutil.h"

#define SIG_KILL 9
#define SIG_STOP 19
#define SIG_PIPE 13
#define UNBLOCKABLE (user_sigbit(SIG_KILL) | user_sigbit(SIG_STOP))

/* ---- the host bridge ------------------------------------------------------ */

/* Signals mirrored onto the host: all but SIGKILL/SIGSTOP (cannot be
 * caught), zemu's own fault signals (SIGILL 4, SIGTRAP 5, SIGBUS 7,
 * SIGFPE 8, SIGSEGV 11) and glibc's two internal real-time signals
 * (32, 33), which a single-threaded guest never receives. */
static bool bridged(int sig)
{
    return sig >= 1 && sig < USER_NSIG && sig != 4 && sig != 5 && sig != 7 && sig != 8 &&
           sig != 9 && sig != 11 && sig != 19 && sig != 32 && sig != 33;
}

/* Written by the host handler, read by the guest side.  One siginfo slot
 * per signal, like the guest's own pending set. */
static _Atomic uint64_t host_pending;
static siginfo_t host_info[USER_NSIG];

static void host_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (sig < 1 || sig >= USER_NSIG)
        return;
    host_info[sig] = *si;
    atomic_fetch_or(&host_pending, user_sigbit(sig));
}

bool user_sig_host_pending(void) { return atomic_load_explicit(&host_pending, memory_order_relaxed); }

/* A host siginfo in the s390x layout: si_signo 0, si_errno 4, si_code 8,
 * then the union at 16 (pid, uid; status, utime, stime for SIGCHLD; the
 * sigval at 24 for queued and timer signals). */
static void info_from_host(uint8_t b[USER_SIGINFO_SIZE], int sig, const siginfo_t *si)
{
    memset(b, 0, USER_SIGINFO_SIZE);
    put_be(b, 4, (uint32_t)sig);
    put_be(b + 4, 4, (uint32_t)si->si_errno);
    put_be(b + 8, 4, (uint32_t)si->si_code);
    if (sig == SIGCHLD) {
        put_be(b + 16, 4, (uint32_t)si->si_pid);
        put_be(b + 20, 4, (uint32_t)si->si_uid);
        put_be(b + 24, 4, (uint32_t)si->si_status);
        put_be(b + 32, 8, (uint64_t)si->si_utime);
        put_be(b + 40, 8, (uint64_t)si->si_stime);
    } else if (si->si_code == SI_TIMER) {
        put_be(b + 16, 4, (uint32_t)si->si_timerid);
        put_be(b + 20, 4, (uint32_t)si->si_overrun);
        put_be(b + 24, 8, (uint64_t)(uintptr_t)si->si_value.sival_ptr);
    } else {
        put_be(b + 16, 4, (uint32_t)si->si_pid);
        put_be(b + 20, 4, (uint32_t)si->si_uid);
        if (si->si_code == SI_QUEUE || si->si_code == SI_MESGQ)
            put_be(b + 24, 8, (uint64_t)(uintptr_t)si->si_value.sival_ptr);
    }
}

void user_sig_collect_host(UserProc *p)
{
    if (!atomic_load_explicit(&host_pending, memory_order_relaxed))
        return;
    uint64_t got = atomic_exchange(&host_pending, 0);
    while (got) {
        const int sig = __builtin_ctzll(got) + 1;
        got &= got - 1;
        uint8_t info[USER_SIGINFO_SIZE];
        info_from_host(info, sig, &host_info[sig]);
        user_sig_send(p, info);
    }
}

static sigset_t host_set_of(uint64_t mask)
{
    sigset_t s;
    sigemptyset(&s);
    for (int sig = 1; sig < USER_NSIG; sig++)
        if (bridged(sig) && (mask & user_sigbit(sig)))
            sigaddset(&s, sig);
    return s;
}

void user_sig_sync_mask(UserProc *p)
{
    if (!p->host_signals || p->host_mask_synced == p->sigmask)
        return;
    sigset_t s = host_set_of(p->sigmask);
    sigprocmask(SIG_SETMASK, &s, NULL);
    p->host_mask_synced = p->sigmask;
}

/* The host disposition that mirrors the guest's action for sig. */
static void mirror_action(const UserProc *p, int sig)
{
    if (!p->host_signals || !bridged(sig))
        return;
    const uint64_t h = user_sig_handler(p, sig);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sigfillset(&sa.sa_mask);
    if (h == 0) {
        sa.sa_handler = SIG_DFL;
    } else if (h == 1) {
        sa.sa_handler = SIG_IGN;
    } else {
        /* No SA_RESTART: a blocking host call returns EINTR, and user_svc
         * restarts it after the guest handler when the guest asked for
         * SA_RESTART, exactly where Linux would. */
        sa.sa_sigaction = host_handler;
        sa.sa_flags = SA_SIGINFO;
    }
    sigaction(sig, &sa, NULL);
}

void user_sig_host_init(UserProc *p)
{
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    p->sigmask = 0;
    for (int sig = 1; sig < USER_NSIG; sig++) {
        if (!bridged(sig))
            continue;
        if (sigismember(&cur, sig) == 1)
            p->sigmask |= user_sigbit(sig);
        struct sigaction sa;
        if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
            put_be(p->sigact[sig], 8, 1);           /* SIG_IGN survives execve */
    }
    p->host_mask_synced = p->sigmask;
    p->host_signals = true;
    /* Host SIGPIPE keeps its default while the guest's does: a write to a
     * closed pipe ends zemu exactly as it would end the guest. */
}

bool user_sig_next_restarts(const UserProc *p)
{
    const uint64_t ready = p->sigpending & ~p->sigmask;
    if (!ready)
        return false;
    const int sig = __builtin_ctzll(ready) + 1;
    return user_sig_handler(p, sig) > 1 && (user_sig_flags(p, sig) & USER_SA_RESTART);
}

int64_t user_sig_host_set(UserProc *p, uint64_t va, uint64_t size, sigset_t *out)
{
    if (size != 8)
        return -EINVAL;
    uint8_t b[8];
    int64_t r = user_copy_in(p, b, va, 8);
    if (r < 0)
        return r;
    *out = host_set_of(get_be(b, 8));
    return 0;
}

int64_t user_sig_epipe(UserProc *p, int64_t r)
{
    if (r == -EPIPE && !p->host_signals) {
        uint8_t info[USER_SIGINFO_SIZE] = { 0 };
        put_be(info, 4, SIG_PIPE);
        put_be(info + 8, 4, (uint32_t)USER_SI_USER);
        put_be(info + 16, 4, (uint32_t)getpid());
        put_be(info + 20, 4, (uint32_t)getuid());
        user_sig_send(p, info);
    }
    return r;
}

_Noreturn void user_die_by_signal(int sig)
{
    fflush(stdout);
    fflush(stderr);
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    signal(sig, SIG_DFL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    raise(sig);
    /* A signal whose default is to ignore or stop: end as if killed. */
    _exit(128 + sig);
}

/* ---- sending ------------------------------------------------------------------ */

/* A signal to this very process: an unblocked one whose default action ends
 * the program ends it now; anything else becomes pending and is delivered
 * when the system call returns. */
static int64_t send_self(UserProc *p, int sig, int si_code)
{
    if (sig < 0 || sig >= USER_NSIG)
        return -EINVAL;
    if (sig == 0)
        return 0;
    const uint64_t handler = user_sig_handler(p, sig);
    const bool blocked = (p->sigmask & user_sigbit(sig)) && sig != SIG_KILL && sig != SIG_STOP;
    if (!blocked && (handler == 0 || sig == SIG_KILL || sig == SIG_STOP) &&
        !user_sig_default_ignores(sig)) {
        p->killed_by = sig;
        p->exited = true;
        return 0;
    }
    uint8_t info[USER_SIGINFO_SIZE] = { 0 };
    put_be(info, 4, (uint32_t)sig);
    put_be(info + 8, 4, (uint32_t)si_code);
    put_be(info + 16, 4, (uint32_t)getpid());
    put_be(info + 20, 4, (uint32_t)getuid());
    user_sig_send(p, info);
    return 0;
}

/* kill(pid, sig): to itself inside zemu; to other processes through the
 * host (only with the host bridge: a unit test's UserProc is alone). */
SYSCALL(kill)
{
    const int64_t target = (int64_t)(int32_t)a[0];
    const int sig = (int)a[1];
    if (target == getpid())
        return send_self(p, sig, USER_SI_USER);
    if (!p->host_signals)
        return target == 0 ? send_self(p, sig, USER_SI_USER) : -ESRCH;
    return host_ret(kill((pid_t)target, sig));
}

SYSCALL(tkill)
{
    if ((int64_t)(int32_t)a[0] == getpid())
        return send_self(p, (int)a[1], USER_SI_TKILL);
    return p->host_signals ? host_ret(syscall(SYS_tkill, (pid_t)a[0], (int)a[1])) : -ESRCH;
}

SYSCALL(tgkill)
{
    if ((int64_t)(int32_t)a[1] == getpid())
        return send_self(p, (int)a[2], USER_SI_TKILL);
    return p->host_signals ? host_ret(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], (int)a[2]))
                           : -ESRCH;
}

SYSCALL(rt_sigqueueinfo) { return user_sys_rt_sigqueueinfo(p, (int64_t)(int32_t)a[0], (int)a[1], a[2]); }

/* ---- actions and masks ------------------------------------------------------------ */

SYSCALL(rt_sigaction)
{
    const int sig = (int)a[0];
    if (a[3] != 8 || sig < 1 || sig >= USER_NSIG)
        return -EINVAL;
    uint8_t nb[32];
    if (a[1]) {
        int64_t r = user_copy_in(p, nb, a[1], 32);
        if (r < 0)
            return r;
        if (sig == SIG_KILL || sig == SIG_STOP)
            return -EINVAL;
    }
    if (a[2]) {
        int64_t r = user_copy_out(p, a[2], p->sigact[sig], 32);
        if (r < 0)
            return r;
    }
    if (a[1]) {
        memcpy(p->sigact[sig], nb, 32);
        /* Setting SIG_IGN (or SIG_DFL for a default-ignored signal)
         * discards the pending one. */
        uint64_t h = get_be(nb, 8);
        if (h == 1 || (h == 0 && user_sig_default_ignores(sig)))
            p->sigpending &= ~user_sigbit(sig);
        mirror_action(p, sig);
    }
    return 0;
}

SYSCALL(rt_sigprocmask)
{
    const int how = (int)a[0];
    if (a[3] != 8)
        return -EINVAL;
    uint64_t old = p->sigmask, nv = 0;
    if (a[1]) {
        uint8_t b[8];
        int64_t r = user_copy_in(p, b, a[1], 8);
        if (r < 0)
            return r;
        nv = get_be(b, 8);
        if (how < 0 || how > 2)
            return -EINVAL;
    }
    if (a[2]) {
        uint8_t b[8];
        put_be(b, 8, old);
        int64_t r = user_copy_out(p, a[2], b, 8);
        if (r < 0)
            return r;
    }
    if (a[1]) {
        nv &= ~UNBLOCKABLE;
        p->sigmask = how == 0 ? old | nv : how == 1 ? old & ~nv : nv;
    }
    return 0;
}

SYSCALL(rt_sigpending) { return user_sys_rt_sigpending(p, a[0], a[1]); }
SYSCALL(sigaltstack) { return user_sys_sigaltstack(p, a[0], a[1]); }

/* Handled by user_svc before the table is consulted (every register comes
 * from the frame); the row exists for the name and number. */
SYSCALL(sigreturn) { (void)p; (void)a; return -ENOSYS; }

/* ---- waiting -------------------------------------------------------------------------- */

/* Waits with mask in force until a signal is pending for the guest.
 * Returns -EINTR (the caller's result). */
static int64_t suspend_with(UserProc *p, uint64_t mask)
{
    const uint64_t old = p->sigmask;
    p->sigmask = mask & ~UNBLOCKABLE;
    for (;;) {
        user_sig_collect_host(p);
        if ((p->sigpending & ~p->sigmask) || !p->host_signals)
            break;
        sigset_t s = host_set_of(p->sigmask);
        sigsuspend(&s);
    }
    /* The handler's frame carries the old mask (signal.c). */
    p->sigmask_saved = old;
    p->sigmask_saved_valid = true;
    return -EINTR;
}

SYSCALL(rt_sigsuspend)
{
    if (a[1] != 8)
        return -EINVAL;
    uint8_t b[8];
    int64_t r = user_copy_in(p, b, a[0], 8);
    if (r < 0)
        return r;
    return suspend_with(p, get_be(b, 8));
}

SYSCALL(pause)
{
    (void)a;
    return suspend_with(p, p->sigmask);
}

/* rt_sigtimedwait(set, info, timeout, size): takes a pending signal of set
 * (blocked ones, normally) without running its handler. */
SYSCALL(rt_sigtimedwait)
{
    if (a[3] != 8)
        return -EINVAL;
    uint8_t b[8];
    int64_t r = user_copy_in(p, b, a[0], 8);
    if (r < 0)
        return r;
    const uint64_t set = get_be(b, 8) & ~UNBLOCKABLE;
    struct timespec ts;
    if (a[2] && (r = user_get_timespec(p, a[2], &ts)) < 0)
        return r;
    user_sig_collect_host(p);
    uint8_t info[USER_SIGINFO_SIZE];
    int sig = 0;
    if (p->sigpending & set) {
        sig = __builtin_ctzll(p->sigpending & set) + 1;
        p->sigpending &= ~user_sigbit(sig);
        memcpy(info, p->pending_info[sig], sizeof(info));
    } else if (p->host_signals) {
        sigset_t hs = host_set_of(set);
        siginfo_t si;
        sig = sigtimedwait(&hs, &si, a[2] ? &ts : NULL);
        if (sig < 0)
            return -errno;
        info_from_host(info, sig, &si);
    } else {
        return -EAGAIN;
    }
    if (a[1] && user_copy_out(p, a[1], info, sizeof(info)) < 0)
        return -EFAULT;
    return sig;
}
