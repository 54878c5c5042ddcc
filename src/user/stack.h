/* The initial process stack of Linux s390x user mode (ZARCH-NOTES §10.3)
 * and the CPU state a program starts with.
 *
 * Layout, from the top (addresses descending; every value big-endian):
 *
 *   top - 8 .. top       8 zero bytes (end marker)
 *   execfn               AT_EXECFN string, NUL-terminated
 *   envp strings         envp[0] lowest ... envp[envc-1] highest
 *   argv strings         argv[0] lowest ... argv[argc-1] highest
 *   p = (start of the argv strings) & ~15
 *   platform             p - (strlen(platform) + 1): AT_PLATFORM string
 *   random               platform - 16: the 16 AT_RANDOM bytes
 *   sp = (random - 8 * items) & ~15,  items = 1 + argc+1 + envc+1 + 2 * nauxv
 *   sp + 0               argc
 *   sp + 8               argv[0..argc-1], 0
 *                        envp[0..envc-1], 0
 *                        auxv pairs (type, value) in the order of
 *                        user_auxv_order[], ending with AT_NULL, 0
 *
 * The stack mapping is [top - size, top), readable and writable. */
#ifndef ZEMU_USER_STACK_H
#define ZEMU_USER_STACK_H

#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "user/vmem.h"

/* Auxiliary-vector types (the Linux values, include/uapi/linux/auxvec.h). */
#define ZAT_NULL     0
#define ZAT_PHDR     3
#define ZAT_PHENT    4
#define ZAT_PHNUM    5
#define ZAT_PAGESZ   6
#define ZAT_BASE     7
#define ZAT_FLAGS    8
#define ZAT_ENTRY    9
#define ZAT_UID     11
#define ZAT_EUID    12
#define ZAT_GID     13
#define ZAT_EGID    14
#define ZAT_PLATFORM 15
#define ZAT_HWCAP   16
#define ZAT_CLKTCK  17
#define ZAT_SECURE  23
#define ZAT_RANDOM  25
#define ZAT_EXECFN  31

/* AT_HWCAP bits (ZARCH-NOTES §10.4). */
#define HWCAP_ESAN3     0x001
#define HWCAP_ZARCH     0x002
#define HWCAP_STFLE     0x004
#define HWCAP_MSA       0x008
#define HWCAP_LDISP     0x010
#define HWCAP_EIMM      0x020
#define HWCAP_DFP       0x040
#define HWCAP_HPAGE     0x080
#define HWCAP_ETF3EH    0x100
#define HWCAP_HIGH_GPRS 0x200

#define USER_STACK_SIZE (8ULL << 20)
#define USER_PLATFORM "z196"
/* Linux limits the strings to a quarter of the stack rlimit; so do we. */
#define USER_ARG_MAX_DIV 4

typedef struct UserStackParams {
    int argc;
    const char *const *argv;
    int envc;
    const char *const *envp;
    const char *execfn;       /* AT_EXECFN; NULL -> argv[0] (or "") */
    const uint8_t *random;    /* 16 bytes for AT_RANDOM; NULL -> host getrandom */
    const char *platform;     /* NULL -> USER_PLATFORM */
    uint64_t hwcap;
    uint64_t phdr, phent, phnum, base, entry;
    uint64_t uid, euid, gid, egid, secure;
    uint64_t clktck;          /* 0 -> 100 */
} UserStackParams;

/* Where things went (guest addresses). */
typedef struct UserStackLayout {
    uint64_t sp;              /* initial r15: points at argc */
    uint64_t argv, envp, auxv;
    uint64_t random, platform, execfn;
    uint64_t strings;         /* lowest byte of the argv strings */
    uint64_t stack_lo, stack_hi;
} UserStackLayout;

/* Number of auxv entries written, AT_NULL included, and their order. */
#define USER_NAUXV 18
extern const uint64_t user_auxv_order[USER_NAUXV];

/* AT_HWCAP for the facilities machine m really holds (§10.4): ESAN3, ZARCH
 * and HIGH_GPRS always (64-bit registers are always preserved); STFLE with
 * facility 7; MSA with 17; LDISP with 19; EIMM with 21; ETF3EH with 22 and
 * 30; DFP with 42 and 44; never HPAGE (no huge pages), TE or vector bits. */
uint64_t user_hwcap(const Machine *m);

/* Maps the stack [top - size, top) and writes the layout above.  0, or a
 * negative errno (-E2BIG when the strings exceed size / 4, -ENOMEM) with a
 * message in err. */
int user_stack_build(VMem *vm, uint64_t top, uint64_t size, const UserStackParams *prm,
                     UserStackLayout *out, char *err, size_t errlen);

/* Puts cpu in the state a Linux s390x program starts in: PSW 64-bit, DAT on,
 * problem state, primary space, key 0, CC 0, program mask 0, at entry;
 * all GRs and ARs 0 except r15 = sp; CR1/CR7/CR13 = the ASCE of vm; CR0
 * AFP on (Linux enables the additional floating-point registers for every
 * process; without it f1, f3, ... raise a data exception), secondary-space
 * control and EDAT on as Linux has them; CR3 (PSW-key mask, SASN) zero as
 * Linux's (docs/USER.md, "Control registers"). */
void user_cpu_start(CPUState *cpu, VMem *vm, uint64_t entry, uint64_t sp);

struct UserImage;
/* execve in one call: loads path (and its interpreter under sysroot, see
 * elf_load_program), builds the stack at VMEM_STACK_TOP with the standard
 * auxv (AT_HWCAP from cpu's machine, AT_BASE = interpreter bias or 0,
 * AT_EXECFN = path, AT_UID... from the host process), and starts cpu at the
 * interpreter's (else the program's) entry.  0, or -1 with err. */
int user_exec(VMem *vm, CPUState *cpu, const char *path, const char *sysroot, int argc,
              const char *const *argv, int envc, const char *const *envp,
              struct UserImage *img, UserStackLayout *stk, char *err, size_t errlen);

#endif
