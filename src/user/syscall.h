/* Linux s390x system calls for user mode (ZARCH-NOTES §10.1).
 *
 * An SVC interruption arrives with the PSW already after the SVC; the
 * number is the SVC's I field, or GR1 (low 16 bits) for SVC 0.  Arguments
 * are r2-r7, the result goes to r2 (-4095..-1 = -errno), every other
 * register is preserved.  The layer translates each call to the host:
 * guest pointers are never dereferenced directly: every guest byte moves
 * through user_copy_in/user_copy_out, which check the guest's own view of
 * the page (mapped, readable, writable for output) so that a bad pointer
 * gives -EFAULT exactly where Linux would, never a host crash.  Structures
 * are converted field by field to the s390x big-endian layouts. */
#ifndef ZEMU_USER_SYSCALL_H
#define ZEMU_USER_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"
#include "user/vmem.h"

/* -d log items (qemu's spellings). */
#define ULOG_IN_ASM 0x01
#define ULOG_EXEC   0x02
#define ULOG_INT    0x04
#define ULOG_PAGE   0x08
#define ULOG_STRACE 0x10
#define ULOG_UNIMP  0x20

#define USER_NSIG 65

typedef struct UserProc {
    VMem *vm;
    CPUState *cpu;
    const char *sysroot;      /* -L: absolute guest paths are looked up here first */
    char exe_path[4096];      /* host path of the program (/proc/self/exe) */
    unsigned log_flags;
    FILE *log;                /* NULL -> stderr */
    int log_fd;               /* host fd of -D LOGFILE (protected from close), or -1 */
    /* Optional disassembler for -d in_asm (the front end plugs one in):
     * writes the text of the instruction b[0..len) at addr to out; returns
     * 0 on success. */
    int (*disasm)(const uint8_t *b, unsigned len, uint64_t addr, char *out, size_t outlen);

    bool exited;              /* exit/exit_group was called */
    int exit_status;          /* its status (low 8 bits) */
    int killed_by;            /* signal number that ended the program, 0 if none */

    /* The guest's struct sigaction bytes (s390x kernel layout: handler,
     * flags, restorer, mask; 32 bytes) and the blocked-signal mask. */
    uint8_t sigact[USER_NSIG][32];
    uint64_t sigmask;
    /* rt_sigsuspend's mask to restore: written into the frame of the
     * handler that ends the wait (so sigreturn restores it). */
    uint64_t sigmask_saved;
    bool sigmask_saved_valid;
    /* Signal delivery (user/signal.h): pending set and the siginfo of each
     * pending signal (one slot per signal), the alternate signal stack. */
    uint64_t sigpending;
    uint8_t pending_info[USER_NSIG][128];
    uint64_t altstack_sp, altstack_size;
    /* The last program interruption turned into a signal (code & 0x7F and
     * its parameter, the TEID), handed to an old-style handler in r4/r5. */
    uint16_t last_pgm_code;
    uint64_t last_pgm_parm;
    uint64_t clear_child_tid; /* set_tid_address */

    /* Process-level behaviour, set by the front end (tools/zemu.c); a
     * UserProc in a unit test leaves them off and stays self-contained.
     *   host_signals: guest dispositions and masks are mirrored onto the
     *     host process, so signals from other processes (a child's
     *     SIGCHLD, kill from a shell, SIGPIPE) reach the guest
     *     (sys_signal.c);
     *   exit_by_signal: a guest killed by signal N ends zemu with signal
     *     N (so a guest parent's wait4 sees WIFSIGNALED), instead of the
     *     front end's 128+N status. */
    bool host_signals;
    bool exit_by_signal;
    uint64_t host_mask_synced;    /* the guest mask last given to the host */
    /* execve of an s390x program re-executes zemu (sys_proc.c): the host
     * path of the zemu binary, and the -d flags to pass on. */
    const char *zemu_path;
    /* An external run controller (the GDB stub of -g, user/run.h), or
     * NULL; with one, the signal of a program interruption waits here
     * until the controller has seen it (user_run asks it). */
    const struct UserRunControl *control;
    bool pgm_sig_pending;
    int pgm_sig;
    uint16_t pgm_sig_code;
    uint8_t pgm_sig_info[128];
} UserProc;

/* Linux s390x system-call numbers: UNR_name for every row of the table
 * (user/syscall_list.h). */
#include "user/syscall_list.h"
#define UNR_ENUM(nr, name, handler, flags) UNR_##name = nr,
enum { SYSCALL_LIST(UNR_ENUM) };
#undef UNR_ENUM

/* Sizes of the s390x structures written by the layer. */
#define S390X_STAT_SIZE 144
#define S390X_STATX_SIZE 256
#define S390X_UTSNAME_SIZE 390
#define S390X_SYSINFO_SIZE 112

void user_proc_init(UserProc *p, VMem *vm, CPUState *cpu);

/* Performs system call nr with arguments a[0..5] (r2..r7); returns the value
 * for r2.  Sets p->exited for exit/exit_group. */
int64_t user_syscall(UserProc *p, unsigned nr, const uint64_t a[6]);

/* The SVC interruption: number from code (or GR1 for SVC 0), arguments
 * from r2-r7, result into r2.  Returns nonzero when the program ended. */
int user_svc(UserProc *p, uint16_t code);

/* The name of system call nr, or NULL (strace). */
const char *user_syscall_name(unsigned nr);

/* -d items: parses "in_asm,int,..." into *flags (0, or -1 with a message
 * on stderr), and writes the items of flags back as such a list. */
int user_parse_log(const char *items, unsigned *flags);
void user_log_items(unsigned flags, char *out, size_t len);

/* mmap with the Linux arguments (fd ignored for MAP_ANONYMOUS): a file
 * mapping is a private copy of the file's bytes.  Address or -errno. */
int64_t user_mmap(UserProc *p, uint64_t addr, uint64_t len, int prot, int flags, int fd,
                  uint64_t off);

/* Guest memory as the guest sees it: every page of [va, va+n) must be
 * mapped and accessible (and writable for copy_out).  0 or -EFAULT. */
int user_copy_in(UserProc *p, void *dst, uint64_t va, uint64_t n);
int user_copy_out(UserProc *p, uint64_t va, const void *src, uint64_t n);
/* A NUL-terminated guest string into buf[max]: length, -EFAULT, or
 * -ENAMETOOLONG. */
int64_t user_copy_str(UserProc *p, char *buf, uint64_t va, size_t max);

/* The host path for guest path (absolute paths under the sysroot first,
 * as qemu-user's -L does): returns path or buf. */
const char *user_host_path(const UserProc *p, const char *path, char *buf, size_t len);

#endif
