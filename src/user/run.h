/* The user-mode loop: the CPU runs the guest, SVC interruptions become
 * system calls (user/syscall.h), and a program interruption becomes the
 * signal Linux would send (ZARCH-NOTES §10.5): delivered to the guest's
 * handler through a signal frame (user/signal.h), or ending the program
 * when there is no handler or the signal is blocked. */
#ifndef ZEMU_USER_RUN_H
#define ZEMU_USER_RUN_H

#include <stdint.h>

#include "cpu/interrupt.h"
#include "user/syscall.h"

/* Linux signal numbers used here. */
#define USER_SIGILL  4
#define USER_SIGTRAP 5
#define USER_SIGFPE  8
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

/* Runs until the program exits or is killed.  Returns the process exit
 * status: the exit code, 128 + signal when killed, or -1 on a host-side
 * error (message on stderr).  Logs per p->log_flags. */
int user_run(UserProc *p);

#endif
