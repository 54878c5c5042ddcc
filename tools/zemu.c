/* zemu: run an s390x Linux program, the way qemu-s390x does.
 *
 *   zemu [-L SYSROOT] [-E VAR=VAL] [-U VAR] [-cpu MODEL] [-d ITEMS] [-D LOGFILE]
 *        [-g PORT|PATH] PROGRAM [ARGS...]
 *
 * The guest gets the host environment (edited by -E/-U) and its own exit
 * status becomes zemu's (128 + signal when it was killed). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "debug/gdbconn.h"
#include "debug/gdbstub.h"
#include "user/elfload.h"
#include "user/run.h"
#include "user/signal.h"
#include "user/stack.h"
#include "user/syscall.h"
#include "user/vmem.h"

#ifdef ZEMU_HAVE_CAPSTONE
#include <capstone.h>
#endif

extern char **environ;

#ifdef ZEMU_HAVE_CAPSTONE
/* -d in_asm through capstone (SystemZ, big-endian). */
static csh cs_handle;
static int cs_ready;

static int capstone_disasm(const uint8_t *b, unsigned len, uint64_t addr, char *out, size_t outlen)
{
    if (!cs_ready) {
        cs_ready = cs_open(CS_ARCH_SYSZ, CS_MODE_BIG_ENDIAN, &cs_handle) == CS_ERR_OK ? 1 : -1;
    }
    if (cs_ready < 0)
        return -1;
    cs_insn *insn;
    size_t n = cs_disasm(cs_handle, b, len, addr, 1, &insn);
    if (n == 0)
        return -1;
    snprintf(out, outlen, "%-8s %s", insn[0].mnemonic, insn[0].op_str);
    cs_free(insn, n);
    return 0;
}
#endif

#define ZEMU_VERSION "0.1"
/* Guest storage: reserved, touched only where the guest maps pages. */
#define USER_RAM (4ULL << 30)

static void usage(FILE *f)
{
    fprintf(f,
            "usage: zemu [options] PROGRAM [ARGS...]\n"
            "Run an s390x Linux program.\n\n"
            "  -L PATH        sysroot: the program interpreter and absolute paths are looked up here first\n"
            "  -E VAR=VAL     set VAR in the guest environment\n"
            "  -U VAR         remove VAR from the guest environment\n"
            "  -cpu MODEL     CPU model (z196; 'help' lists them)\n"
            "  -d ITEMS       log items, comma separated: in_asm,exec,int,page,strace,unimp\n"
            "  -D LOGFILE     write the log to LOGFILE instead of stderr\n"
            "  -g PORT        wait for gdb on 127.0.0.1:PORT before the first instruction\n"
            "                 (0: any free port, printed on stderr); -g PATH: a Unix socket\n"
            "  -0 ARGV0       the guest's argv[0] (default: PROGRAM)\n"
            "  -exit-by-signal  a guest killed by signal N kills zemu with N (not exit 128+N);\n"
            "                 used when a guest execve starts zemu again\n"
            "  -version       print the version and exit\n"
            "  -h             this help\n");
}

typedef struct Env {
    char **v;
    int n, cap;
} Env;

static int env_find(const Env *e, const char *name, size_t len)
{
    for (int i = 0; i < e->n; i++)
        if (strncmp(e->v[i], name, len) == 0 && e->v[i][len] == '=')
            return i;
    return -1;
}

static void env_unset(Env *e, const char *name)
{
    int i = env_find(e, name, strlen(name));
    if (i >= 0) {
        free(e->v[i]);
        memmove(&e->v[i], &e->v[i + 1], sizeof(char *) * (size_t)(e->n - i - 1));
        e->n--;
    }
}

static void env_set(Env *e, const char *kv)
{
    const char *eq = strchr(kv, '=');
    size_t len = eq ? (size_t)(eq - kv) : strlen(kv);
    int i = env_find(e, kv, len);
    char *s = strdup(kv);
    if (!s)
        abort();
    if (i >= 0) {
        free(e->v[i]);
        e->v[i] = s;
        return;
    }
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 64;
        e->v = realloc(e->v, sizeof(char *) * (size_t)e->cap);
        if (!e->v)
            abort();
    }
    e->v[e->n++] = s;
}

/* The guest environment, freed at exit on every path (early option
 * errors included). */
static Env genv;
static void genv_free(void)
{
    for (int k = 0; k < genv.n; k++)
        free(genv.v[k]);
    free(genv.v);
    genv.v = NULL;
    genv.n = genv.cap = 0;
}

/* -g: the GDB stub as user_run's run controller. */
static CpuStepResult gdb_run(void *opaque, CPUState *cpu, uint64_t batch, bool *killed)
{
    (void)cpu;
    return gdb_stub_run(opaque, batch, killed);
}

static int gdb_signal(void *opaque, int signo)
{
    return gdb_stub_signal(opaque, signo);
}

static void gdb_exited(void *opaque, int status, int signo)
{
    gdb_stub_exited(opaque, status, signo);
}

/* Listens on spec, says where on stderr (-g 0 picks the port), and waits
 * for the debugger; the program is loaded and stopped at its first
 * instruction.  The stub, or NULL after a message. */
static GdbStub *gdb_wait(GdbConn *c, const char *spec, VMem *vm, CPUState *cpu,
                         const UserStackLayout *stk)
{
    char err[256];
    if (gdb_conn_listen(c, spec, err, sizeof(err)) < 0) {
        fprintf(stderr, "zemu: -g %s: %s\n", spec, err);
        return NULL;
    }
    if (c->port)
        fprintf(stderr, "zemu: waiting for gdb on 127.0.0.1:%d\n", c->port);
    else
        fprintf(stderr, "zemu: waiting for gdb on %s\n", c->path);
    if (gdb_conn_accept(c, err, sizeof(err)) < 0) {
        fprintf(stderr, "zemu: -g %s: %s\n", spec, err);
        gdb_conn_close(c);
        return NULL;
    }
    GdbTransport t = gdb_conn_transport(c);
    GdbStub *s = gdb_stub_new(cpu, &t, true);
    if (!s) {
        fprintf(stderr, "zemu: out of memory\n");
        gdb_conn_close(c);
        return NULL;
    }
    uint8_t auxv[USER_NAUXV * 16];
    if (vmem_read(vm, stk->auxv, auxv, sizeof(auxv)) == 0)
        gdb_stub_set_auxv(s, auxv, sizeof(auxv));
    return s;
}

int main(int argc, char **argv)
{
    const char *sysroot = NULL, *logfile = NULL, *argv0 = NULL, *gdb_spec = NULL;
    unsigned log_flags = 0;
    bool exit_by_signal = false;
    Env *envp = &genv;
    atexit(genv_free);
    for (char **e = environ; *e; e++)
        env_set(envp, *e);

    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *o = argv[i];
        if (o[1] == '-' && o[2])
            o++;                         /* --opt spells -opt, as in qemu */
        if (strcmp(o, "--") == 0) {
            i++;
            break;
        }
        const char *arg = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = !strcmp(o, "-L") || !strcmp(o, "-E") || !strcmp(o, "-U") ||
                     !strcmp(o, "-cpu") || !strcmp(o, "-d") || !strcmp(o, "-D") ||
                     !strcmp(o, "-0") || !strcmp(o, "-g");
        if (takes && !arg) {
            fprintf(stderr, "zemu: option %s needs an argument\n", argv[i]);
            return 1;
        }
        if (!strcmp(o, "-h") || !strcmp(o, "-help")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(o, "-version")) {
            printf("zemu version " ZEMU_VERSION " (s390x Linux user mode)\n");
            return 0;
        } else if (!strcmp(o, "-L")) {
            sysroot = arg;
        } else if (!strcmp(o, "-E")) {
            if (!strchr(arg, '=')) {
                fprintf(stderr, "zemu: -E needs VAR=VALUE\n");
                return 1;
            }
            env_set(envp, arg);
        } else if (!strcmp(o, "-U")) {
            env_unset(envp, arg);
        } else if (!strcmp(o, "-cpu")) {
            if (!strcmp(arg, "help")) {
                printf("Available CPUs:\n  z196\n");
                return 0;
            }
            if (strcmp(arg, "z196") != 0 && strcmp(arg, "max") != 0) {
                fprintf(stderr, "zemu: unknown CPU model '%s' (z196)\n", arg);
                return 1;
            }
        } else if (!strcmp(o, "-d")) {
            if (user_parse_log(arg, &log_flags) < 0)
                return 1;
        } else if (!strcmp(o, "-D")) {
            logfile = arg;
        } else if (!strcmp(o, "-0")) {
            argv0 = arg;
        } else if (!strcmp(o, "-g")) {
            gdb_spec = arg;
        } else if (!strcmp(o, "-exit-by-signal")) {
            exit_by_signal = true;
        } else {
            fprintf(stderr, "zemu: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 1;
        }
        if (takes)
            i++;
    }
    if (i >= argc) {
        usage(stderr);
        return 1;
    }
    const char *prog = argv[i];

    static Machine m;
    static CPUState cpu;
    static VMem vm;
    static UserProc proc;
    if (machine_init(&m, USER_RAM) < 0) {
        fprintf(stderr, "zemu: cannot reserve guest storage\n");
        return 1;
    }
    user_machine_facilities(&m);
    cpu_init(&cpu, &m, 0);
    if (vmem_init(&vm, &m, 0) < 0) {
        fprintf(stderr, "zemu: cannot set up the address space\n");
        return 1;
    }
    vmem_attach_cpu(&vm, &cpu);
    user_proc_init(&proc, &vm, &cpu);
    proc.sysroot = sysroot;
    proc.log_flags = log_flags;
    proc.exit_by_signal = exit_by_signal;
    /* execve of an s390x program starts this binary again. */
    static char self[PATH_MAX];
    ssize_t sl = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (sl > 0) {
        self[sl] = 0;
        proc.zemu_path = self;
    }
#ifdef ZEMU_HAVE_CAPSTONE
    proc.disasm = capstone_disasm;
#endif
    if (logfile) {
        proc.log = fopen(logfile, "we");
        if (!proc.log) {
            perror(logfile);
            return 1;
        }
        proc.log_fd = fileno(proc.log);
    }
    if (!realpath(prog, proc.exe_path))
        snprintf(proc.exe_path, sizeof(proc.exe_path), "%s", prog);

    UserImage img;
    UserStackLayout stk;
    char err[1024] = "";
    if (argv0)
        argv[i] = (char *)argv0;     /* the guest's argv[0]; prog keeps the path */
    if (user_exec(&vm, &cpu, prog, sysroot, argc - i, (const char *const *)&argv[i], envp->n,
                  (const char *const *)envp->v, &img, &stk, err, sizeof(err)) < 0) {
        fprintf(stderr, "zemu: %s: %s\n", prog, err);
        return 1;
    }
    if (log_flags & ULOG_PAGE) {
        FILE *f = proc.log ? proc.log : stderr;
        fprintf(f, "page: start %016llx stack %016llx-%016llx brk %016llx\n",
                (unsigned long long)img.start, (unsigned long long)stk.stack_lo,
                (unsigned long long)stk.stack_hi, (unsigned long long)img.brk);
        for (size_t k = 0; k < vm.nvma; k++)
            fprintf(f, "page: %016llx-%016llx %c%c%c\n", (unsigned long long)vm.vma[k].start,
                    (unsigned long long)vm.vma[k].end, vm.vma[k].prot & 1 ? 'r' : '-',
                    vm.vma[k].prot & 2 ? 'w' : '-', vm.vma[k].prot & 4 ? 'x' : '-');
    }
    genv_free();

    fflush(stdout);
    static GdbConn gconn;
    GdbStub *stub = NULL;
    UserRunControl gdb_control;
    if (gdb_spec) {
        stub = gdb_wait(&gconn, gdb_spec, &vm, &cpu, &stk);
        if (!stub)
            return 1;
        gdb_control = (UserRunControl){ gdb_run, gdb_signal, gdb_exited, stub };
        proc.control = &gdb_control;
    }
    user_sig_host_init(&proc);
    int status = user_run(&proc);
    gdb_stub_free(stub);
    gdb_conn_close(&gconn);
    if (proc.log)
        fclose(proc.log);
    vmem_destroy(&vm);
    machine_destroy(&m);
    if (proc.exit_by_signal && proc.killed_by)
        user_die_by_signal(proc.killed_by);
    return status < 0 ? 1 : status;
}
