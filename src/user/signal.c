/* Linux signal delivery for user mode (see signal.h). */
#include "user/signal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cpu/exec.h"
#include "user/run.h"
#include "user/sysutil.h"

#define SIG_KILL 9
#define SIG_STOP 19
#define UNBLOCKABLE (user_sigbit(SIG_KILL) | user_sigbit(SIG_STOP))
/* Signals the kernel delivers before any other pending one
 * (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS). */
#define SYNCHRONOUS (user_sigbit(11) | user_sigbit(7) | user_sigbit(4) | user_sigbit(5) | \
                     user_sigbit(8) | user_sigbit(31))

uint64_t user_sig_handler(const UserProc *p, int sig) { return get_be(p->sigact[sig], 8); }
uint64_t user_sig_flags(const UserProc *p, int sig) { return get_be(p->sigact[sig] + 8, 8); }


int user_sig_pgm_info(UserProc *p, const ProgramInterruption *pi, uint8_t info[USER_SIGINFO_SIZE])
{
    const uint16_t code = pi->code & 0x7F;
    const int sig = user_signal_for_pgm(code, (uint8_t)pi->exc.dxc);
    int si_code;
    uint64_t addr;
    /* Non-access exceptions report the instruction's address (the old PSW
     * backed up by the ILC when it points after the instruction). */
    uint64_t ia = p->cpu->psw_addr;
    bool nullifying = false;
    switch (code) {
    case PGM_PROTECTION:
        si_code = USER_SEGV_ACCERR;
        nullifying = true;
        break;
    case PGM_SEGMENT_TRANS: case PGM_PAGE_TRANS: case PGM_TRANS_SPEC: case PGM_ASCE_TYPE:
    case PGM_REG_FIRST_TRANS: case PGM_REG_SECOND_TRANS: case PGM_REG_THIRD_TRANS: {
        /* A page inside a mapping (PROT_NONE) is an access error on Linux;
         * a page outside every mapping is a mapping error. */
        uint64_t a = pi->exc.teid & ~0xFFFULL;
        si_code = vmem_find(p->vm, a) ? USER_SEGV_ACCERR : USER_SEGV_MAPERR;
        nullifying = true;
        break;
    }
    case PGM_ADDRESSING:
        si_code = USER_SEGV_MAPERR;
        nullifying = true;
        break;
    case PGM_OPERATION:
        si_code = USER_ILL_ILLOPC;
        break;
    case PGM_PRIVILEGED:
        si_code = USER_ILL_PRVOPC;
        break;
    case PGM_FIXED_DIVIDE: case PGM_DEC_DIVIDE:
        si_code = USER_FPE_INTDIV;
        break;
    case PGM_FIXED_OVERFLOW: case PGM_DEC_OVERFLOW:
        si_code = USER_FPE_INTOVF;
        break;
    case 0x0C: si_code = USER_FPE_FLTOVF; break;
    case 0x0D: si_code = USER_FPE_FLTUND; break;
    case 0x0E: si_code = USER_FPE_FLTRES; break;
    case 0x0F: si_code = USER_FPE_FLTDIV; break;
    case PGM_DATA: {
        /* DXC 0 (decimal operand data): SIGILL ILL_ILLOPN.  IEEE DXC bits
         * (the two low bits zero): invalid, divide, overflow, underflow,
         * inexact; other nonzero DXCs carry no si_code. */
        uint32_t d = pi->exc.dxc;
        si_code = !d ? USER_ILL_ILLOPN
                : (d & 3) ? 0 : d & 0x80 ? USER_FPE_FLTINV : d & 0x40 ? USER_FPE_FLTDIV
                : d & 0x20 ? USER_FPE_FLTOVF : d & 0x10 ? USER_FPE_FLTUND
                : d & 0x08 ? USER_FPE_FLTRES : 0;
        break;
    }
    default:
        si_code = USER_ILL_ILLOPN;
        break;
    }
    if (nullifying)
        addr = pi->exc.teid_valid ? pi->exc.teid & ~0xFFFULL : 0;
    else
        addr = ia - pi->ilc;
    memset(info, 0, USER_SIGINFO_SIZE);
    put_be(info, 4, (uint32_t)sig);
    put_be(info + 8, 4, (uint32_t)si_code);
    put_be(info + 16, 8, addr);
    return sig;
}

/* sas_ss_flags: where sp stands relative to the alternate stack. */
static int ss_flags_at(const UserProc *p, uint64_t sp)
{
    if (!p->altstack_size)
        return USER_SS_DISABLE;
    /* The stack grows down: its base address itself is just outside. */
    return sp > p->altstack_sp && sp - p->altstack_sp <= p->altstack_size ? USER_SS_ONSTACK : 0;
}

static void put_sigregs(const CPUState *cpu, uint8_t *b)
{
    put_be(b, 8, cpu->psw_mask);
    put_be(b + 8, 8, cpu->psw_addr);
    for (int r = 0; r < 16; r++) {
        put_be(b + 16 + 8 * r, 8, cpu->gr[r]);
        put_be(b + 144 + 4 * r, 4, cpu->ar[r]);
        put_be(b + 216 + 8 * r, 8, cpu->fpr[r]);
    }
    put_be(b + 208, 4, cpu->fpc);
}

static void end_with_segv(UserProc *p)
{
    p->killed_by = USER_SIGSEGV;
    p->exited = true;
}

int user_sig_setup_frame(UserProc *p, const uint8_t info[USER_SIGINFO_SIZE])
{
    CPUState *cpu = p->cpu;
    const int sig = (int)get_be(info, 4);
    const uint64_t handler = user_sig_handler(p, sig);
    const uint64_t flags = user_sig_flags(p, sig);
    const uint64_t restorer = get_be(p->sigact[sig] + 16, 8);
    const uint64_t sa_mask = get_be(p->sigact[sig] + 24, 8);
    const bool rt = flags & USER_SA_SIGINFO;
    const uint64_t size = rt ? USER_RT_FRAME_SIZE : USER_OLD_FRAME_SIZE;
    const uint64_t amask = cpu_addr_mask(cpu);

    uint64_t sp = cpu->gr[15];
    if ((flags & USER_SA_ONSTACK) && ss_flags_at(p, sp) == 0)
        sp = p->altstack_sp + p->altstack_size;
    const uint64_t frame = ((sp - size) & ~7ULL) & amask;

    /* The mask sigreturn restores: the one sigsuspend replaced, if the
     * handler ends a sigsuspend, else the current one. */
    const uint64_t old_mask = p->sigmask_saved_valid ? p->sigmask_saved : p->sigmask;
    p->sigmask_saved_valid = false;

    uint8_t b[USER_RT_FRAME_SIZE];
    memset(b, 0, sizeof(b));
    put_be(b, 8, cpu->gr[15]);                   /* back chain */
    uint64_t ret;
    if (rt) {
        put_be(b + USER_RT_SVC_OFF, 2, 0x0A00 | 173);
        memcpy(b + USER_RT_INFO_OFF, info, USER_SIGINFO_SIZE);
        uint8_t *uc = b + USER_RT_UC_OFF;
        put_be(uc + USER_UC_STACK_OFF, 8, p->altstack_sp);
        put_be(uc + USER_UC_STACK_OFF + 8, 4, (uint32_t)ss_flags_at(p, cpu->gr[15]));
        put_be(uc + USER_UC_STACK_OFF + 16, 8, p->altstack_size);
        put_sigregs(cpu, uc + USER_UC_MCTX_OFF);
        put_be(uc + USER_UC_SIGMASK_OFF, 8, old_mask);
        ret = frame + USER_RT_SVC_OFF;
    } else {
        put_be(b + USER_OLD_SC_OFF, 8, old_mask);
        put_be(b + USER_OLD_SC_OFF + 8, 8, frame + USER_OLD_SREGS_OFF);
        put_sigregs(cpu, b + USER_OLD_SREGS_OFF);
        put_be(b + USER_OLD_SIGNO_OFF, 4, (uint32_t)sig);
        put_be(b + USER_OLD_SVC_OFF, 2, 0x0A00 | 119);
        ret = frame + USER_OLD_SVC_OFF;
    }
    if (user_copy_out(p, frame, b, size) < 0) {
        end_with_segv(p);
        return 1;
    }
    if (flags & USER_SA_RESTORER)
        ret = restorer;

    cpu->gr[2] = (uint64_t)sig;
    if (rt) {
        cpu->gr[3] = frame + USER_RT_INFO_OFF;
        cpu->gr[4] = frame + USER_RT_UC_OFF;
        cpu->gr[5] = cpu->bea;                   /* the last breaking event */
    } else {
        cpu->gr[3] = frame + USER_OLD_SC_OFF;
        /* Fault signals: the interruption code, its parameter (TEID) and
         * the last breaking event for an old-style handler. */
        if (sig == 4 || sig == 5 || sig == 7 || sig == 8 || sig == 11) {
            cpu->gr[4] = p->last_pgm_code;
            cpu->gr[5] = p->last_pgm_parm;
            cpu->gr[6] = cpu->bea;
        }
    }
    cpu->gr[14] = ret & amask;
    cpu->gr[15] = frame;
    cpu->psw_addr = handler & amask;

    if (p->log_flags & ULOG_INT)
        fprintf(user_logf(p), "int: signal %d to handler %016llx, %s frame at %016llx\n",
                sig, (unsigned long long)cpu->psw_addr, rt ? "rt" : "old",
                (unsigned long long)frame);
    p->sigmask |= sa_mask;
    if (!(flags & USER_SA_NODEFER))
        p->sigmask |= user_sigbit(sig);
    p->sigmask &= ~UNBLOCKABLE;
    if (flags & USER_SA_RESETHAND)
        memset(p->sigact[sig], 0, 8);        /* SIG_DFL */
    return 0;
}

int user_sig_force(UserProc *p, const uint8_t info[USER_SIGINFO_SIZE])
{
    const int sig = (int)get_be(info, 4);
    const uint64_t h = user_sig_handler(p, sig);
    if (h > 1 && !(p->sigmask & user_sigbit(sig))) {
        if (user_sig_setup_frame(p, info) == 0)
            return 0;
        p->exited = false;              /* the caller reports the kill */
        return p->killed_by;
    }
    /* Default, ignored or blocked: a fault cannot be ignored. */
    p->killed_by = sig;
    return sig;
}

void user_sig_send(UserProc *p, const uint8_t info[USER_SIGINFO_SIZE])
{
    const int sig = (int)get_be(info, 4);
    if (sig < 1 || sig >= USER_NSIG)
        return;
    const uint64_t h = user_sig_handler(p, sig);
    const bool ignored = (h == 1 && sig != SIG_KILL && sig != SIG_STOP) ||
                         (h == 0 && user_sig_default_ignores(sig));
    if (ignored && !(p->sigmask & user_sigbit(sig)))
        return;
    if (p->sigpending & user_sigbit(sig))
        return;                              /* one slot per signal */
    p->sigpending |= user_sigbit(sig);
    memcpy(p->pending_info[sig], info, USER_SIGINFO_SIZE);
}

int user_sig_deliver_pending(UserProc *p)
{
    for (;;) {
        uint64_t ready = p->sigpending & ~p->sigmask;
        if (!ready) {
            /* A sigsuspend that ended without a handler running (the
             * signal was ignored meanwhile) puts its mask back itself. */
            if (p->sigmask_saved_valid) {
                p->sigmask = p->sigmask_saved;
                p->sigmask_saved_valid = false;
            }
            user_sig_sync_mask(p);
            return 0;
        }
        if (ready & SYNCHRONOUS)
            ready &= SYNCHRONOUS;
        const int sig = __builtin_ctzll(ready) + 1;
        p->sigpending &= ~user_sigbit(sig);
        const uint64_t h = user_sig_handler(p, sig);
        if (h == 1 && sig != SIG_KILL && sig != SIG_STOP)
            continue;
        if (h == 0 || sig == SIG_KILL || sig == SIG_STOP) {
            if (user_sig_default_ignores(sig))
                continue;
            p->killed_by = sig;
            p->exited = true;
            return 1;
        }
        if (user_sig_setup_frame(p, p->pending_info[sig]))
            return 1;
    }
}

int user_sig_return(UserProc *p, bool rt)
{
    CPUState *cpu = p->cpu;
    const uint64_t frame = cpu->gr[15];
    uint8_t r[USER_SIGREGS_SIZE], m[8];
    uint64_t regs_at, mask_at;
    if (rt) {
        regs_at = frame + USER_RT_UC_OFF + USER_UC_MCTX_OFF;
        mask_at = frame + USER_RT_UC_OFF + USER_UC_SIGMASK_OFF;
    } else {
        uint8_t sc[16];
        if (user_copy_in(p, sc, frame + USER_OLD_SC_OFF, 16) < 0) {
            end_with_segv(p);
            return 1;
        }
        mask_at = frame + USER_OLD_SC_OFF;
        regs_at = get_be(sc + 8, 8);
    }
    if (user_copy_in(p, r, regs_at, sizeof(r)) < 0 || user_copy_in(p, m, mask_at, 8) < 0) {
        end_with_segv(p);
        return 1;
    }
    /* Only the problem-state bits come from the frame (address-space
     * control, CC, program mask, addressing mode); the home space and an
     * invalid mode or PSW are a bad frame. */
    const uint64_t user_bits = PSW_MASK_ASC | PSW_MASK_CC | PSW_MASK_PM | PSW_MASK_EA |
                               PSW_MASK_BA;
    const uint64_t mask = (cpu->psw_mask & ~user_bits) | (get_be(r, 8) & user_bits);
    const uint64_t addr = get_be(r + 8, 8);
    if (((mask & PSW_MASK_ASC) >> 46) == PSW_ASC_HOME || !psw_is_valid(mask, addr)) {
        end_with_segv(p);
        return 1;
    }
    cpu->psw_mask = mask;
    cpu->psw_addr = addr;
    for (int i = 0; i < 16; i++) {
        cpu->gr[i] = get_be(r + 16 + 8 * i, 8);
        cpu->ar[i] = (uint32_t)get_be(r + 144 + 4 * i, 4);
        cpu->fpr[i] = get_be(r + 216 + 8 * i, 8);
    }
    cpu->fpc = (uint32_t)get_be(r + 208, 4);
    p->sigmask = get_be(m, 8) & ~UNBLOCKABLE;
    return 0;
}

int64_t user_sys_sigaltstack(UserProc *p, uint64_t ss, uint64_t oss)
{
    const uint64_t sp = p->cpu->gr[15];
    uint8_t nb[24];
    if (ss && user_copy_in(p, nb, ss, 24) < 0)
        return -EFAULT;
    if (oss) {
        uint8_t ob[24] = { 0 };
        put_be(ob, 8, p->altstack_sp);
        put_be(ob + 8, 4, (uint32_t)ss_flags_at(p, sp));
        put_be(ob + 16, 8, p->altstack_size);
        if (user_copy_out(p, oss, ob, 24) < 0)
            return -EFAULT;
    }
    if (ss) {
        const uint32_t f = (uint32_t)get_be(nb + 8, 4);
        const uint32_t mode = f & ~0x80000000u;     /* SS_AUTODISARM accepted */
        if (ss_flags_at(p, sp) == USER_SS_ONSTACK)
            return -EPERM;
        if (mode != 0 && mode != USER_SS_ONSTACK && mode != USER_SS_DISABLE)
            return -EINVAL;
        if (mode == USER_SS_DISABLE) {
            p->altstack_sp = 0;
            p->altstack_size = 0;
        } else {
            const uint64_t size = get_be(nb + 16, 8);
            if (size < USER_MINSIGSTKSZ)
                return -ENOMEM;
            p->altstack_sp = get_be(nb, 8);
            p->altstack_size = size;
        }
    }
    return 0;
}

int64_t user_sys_rt_sigpending(UserProc *p, uint64_t set, uint64_t sz)
{
    if (sz > 8)
        return -EINVAL;
    uint8_t b[8];
    put_be(b, 8, p->sigpending & p->sigmask);
    return user_copy_out(p, set, b, sz);
}

int64_t user_sys_rt_sigqueueinfo(UserProc *p, int64_t pid, int sig, uint64_t uinfo)
{
    uint8_t info[USER_SIGINFO_SIZE];
    if (user_copy_in(p, info, uinfo, sizeof(info)) < 0)
        return -EFAULT;
    if (pid != getpid())
        return -ESRCH;
    if (sig < 0 || sig >= USER_NSIG)
        return -EINVAL;
    if (sig == 0)
        return 0;
    put_be(info, 4, (uint32_t)sig);
    user_sig_send(p, info);
    return 0;
}
