/* The GDB remote stub for one CPU (docs/DEBUG.md).
 *
 * The stub speaks the GDB Remote Serial Protocol (debug/rsp.h) over a
 * transport it is given (a socket in the front ends, a buffer in the unit
 * tests), and controls how the CPU runs:
 *   - while the target is stopped it serves the debugger: registers
 *     (debug/gdbregs.h), storage (debug/guestmem.h), breakpoints and
 *     watchpoints, until the debugger resumes, detaches or kills;
 *   - continuing, the CPU runs instruction by instruction through cpu_step
 *     when a breakpoint is set (each PSW address is compared before its
 *     instruction: breakpoints never touch guest storage, so decoded code
 *     and self-modifying-code detection see the program's own bytes), and
 *     through cpu_run's fast loop when none is; Ctrl-C (0x03) is looked for
 *     between batches;
 *   - a step is one cpu_step: one instruction, or one interruption;
 *   - watchpoints are the access layer's (access_watch_add): every operand
 *     is checked at prepare time, so a hit stops the CPU before the
 *     instruction has stored anything.  The stub then executes that
 *     instruction exactly once (watch_suppress) and reports the hit after
 *     it, with the PSW at the next instruction: GDB treats s390x watchpoints
 *     as continuable (reported after the access) and compares old and new
 *     values then.  `monitor watch before` reports the hit first, before
 *     any store (PSW at the instruction); resuming then executes the
 *     instruction exactly once and, for a store, reports the hit again
 *     after it.
 * The embedding run loop (user_run) still handles what the CPU results
 * mean (system calls, signals, exit); it tells the stub when the program
 * has ended. */
#ifndef ZEMU_DEBUG_GDBSTUB_H
#define ZEMU_DEBUG_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/exec.h"

typedef struct GdbTransport {
    /* Reads up to n bytes, waiting at most timeout_ms (-1: until something
     * comes).  Returns the count, 0 when nothing came in time, -1 when the
     * connection is gone. */
    long (*read)(void *opaque, uint8_t *buf, size_t n, int timeout_ms);
    /* Writes all n bytes; -1 when the connection is gone. */
    long (*write)(void *opaque, const void *buf, size_t n);
    /* Optional: lets go of the connection without a word, in a forked
     * child process (the parent keeps talking to the debugger). */
    void (*forget)(void *opaque);
    void *opaque;
} GdbTransport;

typedef struct GdbStub GdbStub;

/* A stub for cpu over t, the target stopped before its first instruction.
 * linux_user: the target description names GNU/Linux, exit reports are a
 * process's. */
GdbStub *gdb_stub_new(CPUState *cpu, const GdbTransport *t, bool linux_user);
/* Removes the stub's breakpoints and watchpoints and frees it (the
 * transport is the caller's). */
void gdb_stub_free(GdbStub *s);

/* The auxiliary vector offered through qXfer:auxv:read (GDB finds the
 * entry point of a position-independent program there).  Copied. */
void gdb_stub_set_auxv(GdbStub *s, const void *auxv, size_t len);

/* A guest fork: the child process (the stub finds itself in another
 * process) runs on without the debugger, which stays with the parent, as
 * under qemu-user. */

/* Runs the CPU under the debugger's control: first serves the debugger if
 * the target is stopped, then executes as it asked until the target stops
 * again or about `batch` instructions are done.  Returns like cpu_run: OK
 * or INTERRUPT when the caller's loop should simply call again (after its
 * usual work: pending host signals), anything else for the caller to act
 * on (the program ended: STOP).  *killed: the debugger killed the program
 * (the result is then CPU_STEP_STOP).  After a detach, or when the
 * connection is lost, this is cpu_run(cpu, batch). */
CpuStepResult gdb_stub_run(GdbStub *s, uint64_t batch, bool *killed);

/* The program is about to receive Linux signal signo from a program
 * interruption: the debugger sees the stop (T with the signal) and
 * decides.  Returns the Linux signal to deliver (the one GDB resumes with:
 * `C sig`, `S sig`; 0 for a plain c or s: the signal is dropped), signo
 * itself when no debugger is attached (or it detaches), or -1 when the
 * debugger killed the program.  A step that delivers a signal ends at the
 * handler's first instruction, before it runs. */
int gdb_stub_signal(GdbStub *s, int signo);

/* The program ended: exit status (W), or killed by Linux signal signo (X,
 * signo > 0).  Sent unless the debugger is gone or detached. */
void gdb_stub_exited(GdbStub *s, int status, int signo);

/* True while a debugger is attached (not detached, connection alive). */
bool gdb_stub_attached(const GdbStub *s);

/* The GDB remote-protocol signal number of Linux signal signo
 * (GDB numbers the common signals its own way: SIGBUS 10, SIGUSR1 30...). */
int gdb_signal_from_linux(int signo);
/* The Linux signal of GDB signal number gsig, 0 for none. */
int gdb_signal_to_linux(int gsig);

#endif
