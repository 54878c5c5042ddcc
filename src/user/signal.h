/* Linux signal delivery for user mode: handlers, the s390x signal frames,
 * sigreturn, masks, the alternate stack (Linux s390x ABI, 64-bit task
 * without the vector facility: no _sigregs_ext in the frames, uc_flags 0).
 *
 * Layouts (s390x, big-endian, offsets in bytes):
 *   struct sigaction (rt_sigaction): handler 0, flags 8, restorer 16, mask 24.
 *   siginfo (128): si_signo 0, si_errno 4, si_code 8, union at 16
 *     (si_addr 16 for faults; si_pid 16, si_uid 20, si_value 24 for kill/queue).
 *   _sigregs (344): PSW mask 0, addr 8, gprs 16..143, acrs 144..207 (u32),
 *     fpc 208 (u32, 4 pad), fprs 216..343.
 *   rt frame (SA_SIGINFO; 808 bytes): 160-byte save area (back chain = the
 *     interrupted r15 at 0), svc 173 trampoline at 160, siginfo at 168,
 *     ucontext at 296: uc_flags 0, uc_link 8, uc_stack 16 (ss_sp, ss_flags
 *     u32 + pad, ss_size), uc_mcontext 40 (_sigregs), uc_sigmask 384, then
 *     padding to 512 (room for a 1024-bit mask).
 *   old frame (no SA_SIGINFO; 536 bytes): save area, sigcontext at 160
 *     (oldmask, pointer to the _sigregs), _sigregs at 176, signo at 520,
 *     svc 119 trampoline in the last halfword (534).
 * Registers on entry: r2 signo, r3 &siginfo (rt) or &sigcontext (old),
 * r4 &ucontext (rt), r5 the breaking-event address (rt); old frames of
 * SIGILL/SIGTRAP/SIGBUS/SIGFPE/SIGSEGV get r4 = interruption code, r5 = its
 * TEID, r6 = the breaking-event address; r14 the return address (sa_restorer
 * with SA_RESTORER, else the trampoline in the frame), r15 the frame.
 * The frame starts at (sp - size) & ~7, sp being the interrupted r15 or the
 * top of the alternate stack (SA_ONSTACK, not already on it). */
#ifndef ZEMU_USER_SIGNAL_H
#define ZEMU_USER_SIGNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu/interrupt.h"
#include "user/syscall.h"

#define USER_SA_SIGINFO   0x00000004u
#define USER_SA_ONSTACK   0x08000000u
#define USER_SA_RESTART   0x10000000u
#define USER_SA_NODEFER   0x40000000u
#define USER_SA_RESETHAND 0x80000000u
#define USER_SA_RESTORER  0x04000000u

#define USER_SS_ONSTACK 1
#define USER_SS_DISABLE 2
#define USER_MINSIGSTKSZ 2048

#define USER_SIGINFO_SIZE 128
#define USER_SIGREGS_SIZE 344

#define USER_RT_FRAME_SIZE 808
#define USER_RT_SVC_OFF    160
#define USER_RT_INFO_OFF   168
#define USER_RT_UC_OFF     296
#define USER_UC_STACK_OFF  16
#define USER_UC_MCTX_OFF   40
#define USER_UC_SIGMASK_OFF 384

#define USER_OLD_FRAME_SIZE 536
#define USER_OLD_SC_OFF     160
#define USER_OLD_SREGS_OFF  176
#define USER_OLD_SIGNO_OFF  520
#define USER_OLD_SVC_OFF    534

/* si_code values. */
#define USER_SI_USER   0
#define USER_SI_TKILL  (-6)
#define USER_SEGV_MAPERR 1
#define USER_SEGV_ACCERR 2
#define USER_ILL_ILLOPC 1
#define USER_ILL_ILLOPN 2
#define USER_ILL_PRVOPC 5
#define USER_FPE_INTDIV 1
#define USER_FPE_INTOVF 2
#define USER_FPE_FLTDIV 3
#define USER_FPE_FLTOVF 4
#define USER_FPE_FLTUND 5
#define USER_FPE_FLTRES 6
#define USER_FPE_FLTINV 7

/* Default action "ignore": SIGCHLD, SIGCONT, SIGURG, SIGWINCH. */
static inline bool user_sig_default_ignores(int sig)
{
    return sig == 17 || sig == 18 || sig == 23 || sig == 28;
}

/* Bit of signal sig in a Linux sigset. */
static inline uint64_t user_sigbit(int sig) { return 1ULL << (sig - 1); }

/* The siginfo of program interruption pi (PSW already the old PSW):
 * writes info[128] and returns the signal number. */
int user_sig_pgm_info(UserProc *p, const ProgramInterruption *pi, uint8_t info[USER_SIGINFO_SIZE]);

/* Synchronous signal from a program interruption: a handler that is
 * installed and not blocked gets a frame; otherwise (default, ignored,
 * blocked) the program ends.  Returns 0 when a handler was entered, else
 * the signal that ends the program (p->killed_by is set). */
int user_sig_force(UserProc *p, const uint8_t info[USER_SIGINFO_SIZE]);

/* A signal sent to the process (kill, tgkill, rt_sigqueueinfo): made
 * pending (ignored ones are discarded unless blocked). */
void user_sig_send(UserProc *p, const uint8_t info[USER_SIGINFO_SIZE]);

/* Delivers every pending, unblocked signal (synchronous ones first, then
 * the lowest number; each handler frame is stacked on the previous one so
 * the last delivered runs first).  Returns nonzero when the program ended
 * (p->exited and p->killed_by set). */
int user_sig_deliver_pending(UserProc *p);

/* Pushes the handler frame for sig (its action must be a handler).
 * 0, or nonzero when the frame could not be written (the program was
 * ended with SIGSEGV). */
int user_sig_setup_frame(UserProc *p, const uint8_t info[USER_SIGINFO_SIZE]);

/* rt_sigreturn (rt = true, SVC 173) and sigreturn (SVC 119): restore the
 * PSW, registers and mask from the frame at r15.  0, or nonzero when the
 * frame was bad (program ended with SIGSEGV). */
int user_sig_return(UserProc *p, bool rt);

/* System calls. */
int64_t user_sys_sigaltstack(UserProc *p, uint64_t ss, uint64_t oss);
int64_t user_sys_rt_sigpending(UserProc *p, uint64_t set, uint64_t sz);
int64_t user_sys_rt_sigqueueinfo(UserProc *p, int64_t pid, int sig, uint64_t uinfo);

/* ---- the host side (sys_signal.c) ----
 * With p->host_signals, the guest's dispositions and blocked mask are
 * mirrored onto the host process: a guest handler becomes a host handler
 * that records the signal (and its siginfo); SIG_IGN and SIG_DFL become the
 * host's own, so an ignored signal stays ignored across execve and a
 * default-fatal one ends zemu as it would end the guest.  SIGSEGV, SIGBUS,
 * SIGILL, SIGFPE and SIGTRAP stay zemu's own (the guest's come from
 * program interruptions). */

/* Start-up: the guest inherits the host process's blocked mask and
 * ignored signals (what execve passes on), then the mirror is armed. */
void user_sig_host_init(UserProc *p);
/* Moves signals that reached the host into the guest's pending set. */
void user_sig_collect_host(UserProc *p);
/* Whether a signal arrived on the host that the guest has not seen yet
 * (cheap: one atomic load). */
bool user_sig_host_pending(void);
/* Makes the host's blocked mask follow p->sigmask (no-op when unchanged
 * or without host_signals). */
void user_sig_sync_mask(UserProc *p);
/* The next signal to be delivered has a handler with SA_RESTART. */
bool user_sig_next_restarts(const UserProc *p);
/* A guest sigset (size bytes at va) as a host set of the bridged signals:
 * 0 or -errno. */
int64_t user_sig_host_set(UserProc *p, uint64_t va, uint64_t size, sigset_t *out);
/* After a write: -EPIPE also raises SIGPIPE for the guest, as Linux does
 * (with host_signals the host already got it).  Returns r. */
int64_t user_sig_epipe(UserProc *p, int64_t r);
/* Ends zemu with signal sig (default action, no core file): how a child
 * zemu reports a guest killed by a signal to the guest parent. */
_Noreturn void user_die_by_signal(int sig);

/* Handler address and flags of sig's recorded action. */
uint64_t user_sig_handler(const UserProc *p, int sig);
uint64_t user_sig_flags(const UserProc *p, int sig);

#endif
