/* The user-mode loop: the CPU runs the guest, SVC interruptions become
 * system calls (user/syscall.h), and a program interruption becomes the
 * signal Linux would send (ZARCH-NOTES §10.5): delivered to the guest's
 * handler through a signal frame (user/signal.h), or ending the program
 * when there is no handler or the signal is blocked. */
#ifndef ZEMU_USER_RUN_H
#define ZEMU_USER_RUN_H

#include <stdint.h>

#include "cpu/exec.h"
#include "cpu/interrupt.h"
#include "user/syscall.h"

/* Linux signal numbers used here. */
#define USER_SIGILL  4
#define USER_SIGTRAP 5
#define USER_SIGFPE  8
#define USER_SIGKILL 9
#define USER_SIGSEGV 11

/* The signal Linux sends for program-interruption code (the PER bit
 * ignored) with data-exception code dxc (arch/s390/kernel/traps.c):
 * SIGILL for operation, privileged-operation, execute, specification,
 * special-operation and operand exceptions, and for a data exception whose
 * DXC is 0 (a decimal operand: Linux sends SIGFPE only when the DXC in the
 * FPC is nonzero); SIGSEGV for protection, addressing and the translation
 * exceptions; SIGFPE for the other data exceptions, the fixed-point and
 * decimal overflow/divide exceptions and the HFP ones; SIGILL otherwise. */
int user_signal_for_pgm(uint16_t code, uint8_t dxc);

/* Installs in m the facilities of the z196-class CPU user mode offers
 * (beyond the storage-access core): 25 STCKF, 34 general-instructions
 * extension, 35 execute extensions, 45 the z196 bundle.  glibc and
 * -march=z196 code need them. */
void user_machine_facilities(Machine *m);

/* Installs the interrupt sink on p->cpu (opaque = p). */
void user_install_sink(UserProc *p);

/* A run controller takes cpu_run's place in user_run (the GDB stub: it
 * stops at breakpoints and steps, and serves the debugger meanwhile).
 * run() returns as cpu_run does; *killed set means the controller ended
 * the program (it ends as killed by SIGKILL).  signal() sees the signal
 * signo of a program interruption before the program does (the PSW as
 * the handler would get it: at the instruction for a nullified or
 * protection exception) and returns the signal to deliver instead (0:
 * none, the program goes on from that PSW), or -1 when it ended the
 * program (as by SIGKILL).  exited() is told how the program ended: its
 * exit status, or the signal that killed it (signo > 0); status 1 for a
 * host-side error. */
typedef struct UserRunControl {
    CpuStepResult (*run)(void *opaque, CPUState *cpu, uint64_t batch, bool *killed);
    int (*signal)(void *opaque, int signo);
    void (*exited)(void *opaque, int status, int signo);
    void *opaque;
} UserRunControl;

/* Runs until the program exits or is killed.  Returns the process exit
 * status: the exit code, 128 + signal when killed, or -1 on a host-side
 * error (message on stderr).  Logs per p->log_flags. */
int user_run(UserProc *p);

#endif
