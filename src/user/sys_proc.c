/* Processes: exit, fork-style clone and vfork, execve, wait, identities,
 * limits, scheduling and system information.
 *
 * One guest process is one zemu process.  fork is the host's fork: the
 * guest storage is a private mapping, so the child gets a copy-on-write
 * image of guest memory and of zemu's own state, and the host pids are the
 * guest pids.  Threads (clone with CLONE_VM without CLONE_VFORK) are not
 * supported.  execve of an s390x program starts zemu again on it (with the
 * same sysroot and log items); any other file is handed to the host's
 * execve, as qemu-user does. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "user/signal.h"
#include "user/sysutil.h"

/* ---- exit --------------------------------------------------------------- */

SYSCALL(exit)
{
    /* Single-threaded: exit of the only thread ends the process. */
    p->exited = true;
    p->exit_status = (int)(a[0] & 0xFF);
    return 0;
}

/* ---- fork ----------------------------------------------------------------- */

#define S390X_CLONE_VM             0x00000100
#define S390X_CLONE_VFORK          0x00004000
#define S390X_CLONE_SETTLS         0x00080000
#define S390X_CLONE_PARENT_SETTID  0x00100000
#define S390X_CLONE_CHILD_CLEARTID 0x00200000
#define S390X_CLONE_CHILD_SETTID   0x01000000
#define S390X_CSIGNAL              0x000000FF
/* What a fork-style clone may ask for; the namespace, file-table and
 * thread flags are refused. */
#define S390X_CLONE_FORKLIKE (S390X_CSIGNAL | S390X_CLONE_VM | S390X_CLONE_VFORK |      \
                              S390X_CLONE_SETTLS | S390X_CLONE_PARENT_SETTID |         \
                              S390X_CLONE_CHILD_CLEARTID | S390X_CLONE_CHILD_SETTID)

static void put_tid(UserProc *p, uint64_t va, pid_t tid)
{
    uint8_t b[4];
    put_be(b, 4, (uint32_t)tid);
    user_copy_out(p, va, b, 4);     /* a bad pointer is the guest's problem, as on Linux */
}

/* The child of a guest fork: the same state with r2 = 0.  A vfork-style
 * parent waits until the child has executed another program or ended: the
 * write end of vfork_pipe closes then (O_CLOEXEC, or exit). */
static int64_t do_fork(UserProc *p, uint64_t flags, uint64_t newsp, uint64_t ptid,
                       uint64_t ctid, uint64_t tls)
{
    if ((flags & ~(uint64_t)S390X_CLONE_FORKLIKE) ||
        ((flags & S390X_CLONE_VM) && !(flags & S390X_CLONE_VFORK))) {
        if (p->log_flags & (ULOG_UNIMP | ULOG_INT | ULOG_STRACE))
            fprintf(user_logf(p), "zemu: unsupported clone flags 0x%llx (threads)\n",
                    (unsigned long long)flags);
        return -ENOSYS;
    }
    int vp[2] = { -1, -1 };
    if ((flags & S390X_CLONE_VFORK) && pipe2(vp, O_CLOEXEC) < 0)
        return -errno;
    if (p->log)
        fflush(p->log);
    fflush(stdout);
    fflush(stderr);
    const int exit_sig = (int)(flags & S390X_CSIGNAL);
    pid_t pid = exit_sig == SIGCHLD ? fork()
                                    : (pid_t)syscall(SYS_clone, (unsigned long)exit_sig, 0, 0, 0, 0);
    if (pid < 0) {
        int e = errno;
        if (vp[0] >= 0) {
            close(vp[0]);
            close(vp[1]);
        }
        return -e;
    }
    if (pid == 0) {
        CPUState *cpu = p->cpu;
        if (vp[0] >= 0)
            close(vp[0]);     /* vp[1] stays open until execve or exit */
        p->exit_by_signal = true;
        if (newsp)
            cpu->gr[15] = newsp;
        if (flags & S390X_CLONE_SETTLS) {
            cpu->ar[0] = (uint32_t)(tls >> 32);
            cpu->ar[1] = (uint32_t)tls;
        }
        const pid_t self = getpid();
        if (flags & S390X_CLONE_CHILD_SETTID)
            put_tid(p, ctid, self);
        if (flags & S390X_CLONE_PARENT_SETTID)
            put_tid(p, ptid, self);
        if (flags & S390X_CLONE_CHILD_CLEARTID)
            p->clear_child_tid = ctid;
        return 0;
    }
    if (flags & S390X_CLONE_PARENT_SETTID)
        put_tid(p, ptid, pid);
    if (vp[0] >= 0) {
        char c;
        close(vp[1]);
        while (read(vp[0], &c, 1) < 0 && errno == EINTR)
            ;
        close(vp[0]);
    }
    return pid;
}

/* s390x clone(newsp, flags, parent_tid, child_tid, tls) */
SYSCALL(clone) { return do_fork(p, a[1], a[0], a[2], a[3], a[4]); }
SYSCALL(vfork)
{
    (void)a;
    return do_fork(p, S390X_CLONE_VM | S390X_CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}

/* ---- execve ---------------------------------------------------------------- */

/* A NULL-terminated guest array of string pointers, copied into a
 * NULL-terminated host array of strings.  The count, or -errno. */
#define EXEC_MAX_STRINGS 65536
#define EXEC_MAX_STRLEN (128u << 10)
static void free_strv(char **v)
{
    if (!v)
        return;
    for (char **s = v; *s; s++)
        free(*s);
    free(v);
}

static int64_t copy_strv(UserProc *p, uint64_t va, char ***out)
{
    size_t cap = 16, n = 0;
    char **v = calloc(cap, sizeof(*v));
    char *buf = malloc(EXEC_MAX_STRLEN);
    int64_t err = -ENOMEM;
    if (!v || !buf)
        goto fail;
    for (; va; n++) {
        uint8_t b[8];
        err = -E2BIG;
        if (n >= EXEC_MAX_STRINGS)
            goto fail;
        err = -EFAULT;
        if (user_copy_in(p, b, va + 8 * n, 8) < 0)
            goto fail;
        const uint64_t s = get_be(b, 8);
        if (!s)
            break;
        int64_t len = user_copy_str(p, buf, s, EXEC_MAX_STRLEN);
        if (len < 0) {
            err = len == -ENAMETOOLONG ? -E2BIG : len;
            goto fail;
        }
        err = -ENOMEM;
        if (n + 2 > cap) {
            char **nv = realloc(v, 2 * cap * sizeof(*v));
            if (!nv)
                goto fail;
            memset(nv + cap, 0, cap * sizeof(*v));
            v = nv;
            cap *= 2;
        }
        if (!(v[n] = strdup(buf)))
            goto fail;
    }
    free(buf);
    *out = v;
    return (int64_t)n;
fail:
    free(buf);
    free_strv(v);
    return err;
}

/* What the first bytes of a file say about running it. */
enum { EXEC_HOST, EXEC_S390X, EXEC_SCRIPT };
static int exec_kind(const char *host_path, char *interp, size_t ilen, char *iarg, size_t alen)
{
    uint8_t h[256];
    int fd = open(host_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return EXEC_HOST;            /* the host execve reports the error */
    ssize_t n = read(fd, h, sizeof(h) - 1);
    close(fd);
    if (n >= 20 && !memcmp(h, "\177ELF", 4) && h[4] == 2 && h[5] == 2 &&
        get_be(h + 18, 2) == 22 /* EM_S390 */)
        return EXEC_S390X;
    if (n >= 2 && h[0] == '#' && h[1] == '!') {
        /* "#!interpreter [one argument]" up to the end of the line. */
        h[n] = 0;
        char *s = (char *)h + 2, *e = strchr(s, '\n');
        if (e)
            *e = 0;
        s += strspn(s, " \t");
        char *arg = s + strcspn(s, " \t");
        if (*arg) {
            *arg++ = 0;
            arg += strspn(arg, " \t");
            size_t l = strlen(arg);
            while (l && (arg[l - 1] == ' ' || arg[l - 1] == '\t'))
                arg[--l] = 0;
        }
        if (!*s)
            return EXEC_HOST;
        snprintf(interp, ilen, "%s", s);
        snprintf(iarg, alen, "%s", arg);
        return EXEC_SCRIPT;
    }
    return EXEC_HOST;
}

/* The kernel's script rule: argv becomes interpreter [arg] script-path
 * argv[1..].  Replaces *argv; 0 or -ENOMEM. */
static int script_argv(char ***argv, int64_t *argc, const char *interp, const char *iarg,
                       const char *script)
{
    const int64_t extra = iarg[0] ? 2 : 1;
    char **v = calloc((size_t)(*argc + extra + 2), sizeof(*v));
    if (!v)
        return -ENOMEM;
    int64_t k = 0;
    v[k++] = strdup(interp);
    if (iarg[0])
        v[k++] = strdup(iarg);
    v[k++] = strdup(script);
    for (int64_t i = 1; i < *argc; i++) {
        v[k++] = (*argv)[i];
        (*argv)[i] = NULL;
    }
    free_strv(*argv);
    *argv = v;
    *argc = k;
    for (int64_t i = 0; i < k; i++)
        if (!v[i])
            return -ENOMEM;
    return 0;
}

SYSCALL(execve)
{
    char raw[GUEST_PATH_MAX], hb[HOST_PATH_MAX];
    const char *hp;
    int64_t r = user_get_path(p, a[0], raw, hb, &hp);
    if (r < 0)
        return r;
    if (strcmp(raw, "/proc/self/exe") == 0)
        hp = p->exe_path;            /* the guest program, not zemu */
    char **argv = NULL, **envp = NULL;
    int64_t argc = copy_strv(p, a[1], &argv);
    if (argc < 0)
        return argc;
    if ((r = copy_strv(p, a[2], &envp)) < 0)
        goto out;
    char prog[GUEST_PATH_MAX], interp[256], iarg[256];
    snprintf(prog, sizeof(prog), "%s", raw);
    int kind = exec_kind(hp, interp, sizeof(interp), iarg, sizeof(iarg));
    for (int depth = 0; kind == EXEC_SCRIPT; depth++) {
        if (depth == 4) {
            r = -ELOOP;
            goto out;
        }
        if ((r = script_argv(&argv, &argc, interp, iarg, prog)) < 0)
            goto out;
        snprintf(prog, sizeof(prog), "%s", interp);
        hp = user_host_path(p, prog, hb, sizeof(hb));
        kind = exec_kind(hp, interp, sizeof(interp), iarg, sizeof(iarg));
    }
    if (p->log)
        fflush(p->log);
    fflush(stdout);
    fflush(stderr);
    if (kind == EXEC_S390X && p->zemu_path) {
        /* zemu -exit-by-signal [-L SYSROOT] [-d ITEMS] -0 ARGV0 -- PATH ARGS... */
        const char **v = calloc((size_t)argc + 16, sizeof(*v));
        if (!v) {
            r = -ENOMEM;
            goto out;
        }
        char dflags[128] = "";
        user_log_items(p->log_flags, dflags, sizeof(dflags));
        int k = 0;
        v[k++] = p->zemu_path;
        v[k++] = "-exit-by-signal";
        if (p->sysroot && p->sysroot[0]) {
            v[k++] = "-L";
            v[k++] = p->sysroot;
        }
        if (dflags[0]) {
            v[k++] = "-d";
            v[k++] = dflags;
        }
        v[k++] = "-0";
        v[k++] = argc > 0 ? argv[0] : "";
        v[k++] = "--";
        v[k++] = hp;
        for (int64_t i = 1; i < argc; i++)
            v[k++] = argv[i];
        execve(p->zemu_path, (char *const *)v, envp);
        r = -errno;
        free(v);
        goto out;
    }
    execve(hp, argv, envp);
    r = -errno;
out:
    free_strv(argv);
    free_strv(envp);
    return r;
}

/* ---- waiting for children ------------------------------------------------- */

/* struct rusage of a 64-bit s390x task: ru_utime and ru_stime (timevals),
 * then 14 longs; 144 bytes. */
static int64_t put_rusage(UserProc *p, uint64_t va, const struct rusage *ru)
{
    uint8_t b[144];
    put_be(b, 8, (uint64_t)ru->ru_utime.tv_sec);
    put_be(b + 8, 8, (uint64_t)ru->ru_utime.tv_usec);
    put_be(b + 16, 8, (uint64_t)ru->ru_stime.tv_sec);
    put_be(b + 24, 8, (uint64_t)ru->ru_stime.tv_usec);
    const long f[14] = { ru->ru_maxrss, ru->ru_ixrss, ru->ru_idrss, ru->ru_isrss,
                         ru->ru_minflt, ru->ru_majflt, ru->ru_nswap, ru->ru_inblock,
                         ru->ru_oublock, ru->ru_msgsnd, ru->ru_msgrcv, ru->ru_nsignals,
                         ru->ru_nvcsw, ru->ru_nivcsw };
    for (int i = 0; i < 14; i++)
        put_be(b + 32 + 8 * i, 8, (uint64_t)f[i]);
    return user_copy_out(p, va, b, sizeof(b));
}

/* wait4(pid, int *status, options, struct rusage *): the status word has
 * the same encoding on every Linux architecture. */
SYSCALL(wait4)
{
    int status = 0;
    struct rusage ru;
    pid_t r = wait4((pid_t)a[0], &status, (int)a[2], a[3] ? &ru : NULL);
    if (r < 0)
        return -errno;
    if (r > 0 && a[1]) {
        uint8_t b[4];
        put_be(b, 4, (uint32_t)status);
        if (user_copy_out(p, a[1], b, 4) < 0)
            return -EFAULT;
    }
    if (r > 0 && a[3] && put_rusage(p, a[3], &ru) < 0)
        return -EFAULT;
    return r;
}

/* waitid(idtype, id, siginfo_t *, options, struct rusage *): the SIGCHLD
 * siginfo (si_pid 16, si_uid 20, si_status 24, utime 32, stime 40). */
SYSCALL(waitid)
{
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof(si));
    if (syscall(SYS_waitid, (idtype_t)a[0], (id_t)a[1], &si, (int)a[3], a[4] ? &ru : NULL) < 0)
        return -errno;
    if (a[2]) {
        uint8_t b[USER_SIGINFO_SIZE] = { 0 };
        if (si.si_pid) {
            put_be(b, 4, (uint32_t)si.si_signo);
            put_be(b + 4, 4, (uint32_t)si.si_errno);
            put_be(b + 8, 4, (uint32_t)si.si_code);
            put_be(b + 16, 4, (uint32_t)si.si_pid);
            put_be(b + 20, 4, (uint32_t)si.si_uid);
            put_be(b + 24, 4, (uint32_t)si.si_status);
            put_be(b + 32, 8, (uint64_t)si.si_utime);
            put_be(b + 40, 8, (uint64_t)si.si_stime);
        }
        if (user_copy_out(p, a[2], b, sizeof(b)) < 0)
            return -EFAULT;
    }
    if (a[4] && put_rusage(p, a[4], &ru) < 0)
        return -EFAULT;
    return 0;
}

SYSCALL(getrusage)
{
    struct rusage ru;
    if (getrusage((int)a[0], &ru) < 0)
        return -errno;
    return put_rusage(p, a[1], &ru);
}

/* ---- identities and sessions ----------------------------------------------- */

SYSCALL(getpid) { (void)p; (void)a; return getpid(); }
SYSCALL(getppid) { (void)p; (void)a; return getppid(); }
SYSCALL(getuid) { (void)p; (void)a; return getuid(); }
SYSCALL(geteuid) { (void)p; (void)a; return geteuid(); }
SYSCALL(getgid) { (void)p; (void)a; return getgid(); }
SYSCALL(getegid) { (void)p; (void)a; return getegid(); }
SYSCALL(setuid) { (void)p; return host_ret(setuid((uid_t)a[0])); }
SYSCALL(setgid) { (void)p; return host_ret(setgid((gid_t)a[0])); }
SYSCALL(setpgid) { (void)p; return host_ret(setpgid((pid_t)a[0], (pid_t)a[1])); }
SYSCALL(getpgid) { (void)p; return host_ret(getpgid((pid_t)a[0])); }
SYSCALL(getpgrp) { (void)p; (void)a; return getpgrp(); }
SYSCALL(setsid) { (void)p; (void)a; return host_ret(setsid()); }
SYSCALL(getsid) { (void)p; return host_ret(getsid((pid_t)a[0])); }

static int64_t put_three_ids(UserProc *p, const uint64_t va[3], const unsigned v[3])
{
    for (int i = 0; i < 3; i++) {
        uint8_t b[4];
        put_be(b, 4, v[i]);
        if (user_copy_out(p, va[i], b, 4) < 0)
            return -EFAULT;
    }
    return 0;
}

SYSCALL(getresuid)
{
    uid_t r, e, s;
    getresuid(&r, &e, &s);
    return put_three_ids(p, a, (const unsigned[3]){ r, e, s });
}

SYSCALL(getresgid)
{
    gid_t r, e, s;
    getresgid(&r, &e, &s);
    return put_three_ids(p, a, (const unsigned[3]){ r, e, s });
}

SYSCALL(getgroups)
{
    gid_t g[256];
    int n = getgroups(256, g);
    if (n < 0)
        return -errno;
    if (a[0] == 0)
        return n;
    if ((int64_t)a[0] < n)
        return -EINVAL;
    for (int i = 0; i < n; i++) {
        uint8_t b[4];
        put_be(b, 4, g[i]);
        if (user_copy_out(p, a[1] + 4ull * (unsigned)i, b, 4) < 0)
            return -EFAULT;
    }
    return n;
}

SYSCALL(umask) { (void)p; return umask((mode_t)a[0]); }

/* ---- threads' bookkeeping (one thread) -------------------------------------- */

SYSCALL(set_tid_address)
{
    p->clear_child_tid = a[0];
    return getpid();
}

SYSCALL(set_robust_list) { (void)p; return a[1] == 24 ? 0 : -EINVAL; }
/* glibc does without restartable sequences when registration fails. */
SYSCALL(rseq) { (void)p; (void)a; return -ENOSYS; }

/* One thread: a wake finds nobody, a wait would never end. */
SYSCALL(futex) { (void)p; return (a[1] & 0x7F) == 1 ? 0 : -EAGAIN; }

/* ---- process attributes -------------------------------------------------------- */

SYSCALL(prctl)
{
    const int op = (int)a[0];
    switch (op) {
    case PR_SET_NAME: {
        char name[16] = { 0 };
        int64_t r = user_copy_in(p, name, a[1], 15);
        if (r < 0) {
            /* The name may end just before an unmapped page. */
            r = user_copy_str(p, name, a[1], 15);
            if (r == -EFAULT)
                return r;
        }
        return host_ret(prctl(PR_SET_NAME, name));
    }
    case PR_GET_NAME: {
        char name[16] = { 0 };
        if (prctl(PR_GET_NAME, name) < 0)
            return -errno;
        return user_copy_out(p, a[1], name, 16);
    }
    case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
    case PR_SET_NO_NEW_PRIVS: case PR_GET_NO_NEW_PRIVS:
        return host_ret(prctl(op, a[1], a[2], a[3], a[4]));
    default:
        return -EINVAL;
    }
}

SYSCALL(personality)
{
    (void)p;
    /* 0xFFFFFFFF queries; Linux (PER_LINUX = 0) is all there is. */
    return (uint32_t)a[0] == 0xFFFFFFFFu || a[0] == 0 ? 0 : -EINVAL;
}

static int64_t do_prlimit(UserProc *p, int pid, int res, uint64_t newp, uint64_t oldp)
{
    if (pid != 0 && pid != getpid())
        return -EPERM;
    struct rlimit nl, ol;
    uint8_t b[16];
    if (newp) {
        int64_t r = user_copy_in(p, b, newp, 16);
        if (r < 0)
            return r;
        nl.rlim_cur = get_be(b, 8);
        nl.rlim_max = get_be(b + 8, 8);
    }
    /* The resource numbers are the generic ones on both sides.  A new
     * limit is only recorded by the host process (it limits zemu). */
    if (prlimit(0, res, newp ? &nl : NULL, &ol) < 0)
        return -errno;
    if (oldp) {
        put_be(b, 8, ol.rlim_cur);
        put_be(b + 8, 8, ol.rlim_max);
        return user_copy_out(p, oldp, b, 16);
    }
    return 0;
}

SYSCALL(prlimit64) { return do_prlimit(p, (int)a[0], (int)a[1], a[2], a[3]); }
SYSCALL(getrlimit) { return do_prlimit(p, 0, (int)a[0], 0, a[1]); }
SYSCALL(setrlimit) { return do_prlimit(p, 0, (int)a[0], a[1], 0); }

/* The raw system call returns 20 - nice (never negative), glibc converts. */
SYSCALL(getpriority)
{
    (void)p;
    errno = 0;
    int v = getpriority((__priority_which_t)a[0], (id_t)a[1]);
    if (v == -1 && errno)
        return -errno;
    return 20 - v;
}

SYSCALL(setpriority)
{
    (void)p;
    return host_ret(setpriority((__priority_which_t)a[0], (id_t)a[1], (int)a[2]));
}

SYSCALL(sched_yield) { (void)p; (void)a; return host_ret(sched_yield()); }

/* The CPU mask is an array of longs with the same bit numbering on both
 * sides; each long changes byte order.  Returns the bytes written. */
SYSCALL(sched_getaffinity)
{
    uint64_t len = a[1];
    if (len < 8 || (len & 7))
        return -EINVAL;
    if (len > 128)
        len = 128;
    uint64_t m[16] = { 0 };
    long r = syscall(SYS_sched_getaffinity, (pid_t)a[0], (size_t)len, m);
    if (r < 0)
        return -errno;
    uint8_t b[128];
    for (long i = 0; i < r / 8; i++)
        put_be(b + 8 * i, 8, m[i]);
    return user_copy_out(p, a[2], b, (uint64_t)r) < 0 ? -EFAULT : r;
}

SYSCALL(getcpu)
{
    uint8_t z[4] = { 0 };
    for (int i = 0; i < 2; i++)
        if (a[i] && user_copy_out(p, a[i], z, 4) < 0)
            return -EFAULT;
    return 0;
}

/* ---- system information ---------------------------------------------------------- */

SYSCALL(uname)
{
    struct utsname u;
    if (uname(&u) < 0)
        return -errno;
    uint8_t b[S390X_UTSNAME_SIZE];
    memset(b, 0, sizeof(b));
    const char *f[6] = { u.sysname, u.nodename, u.release, u.version, "s390x", u.domainname };
    for (int i = 0; i < 6; i++)
        strncpy((char *)b + 65 * i, f[i], 64);
    return user_copy_out(p, a[0], b, sizeof(b));
}

/* struct sysinfo of a 64-bit s390x task: uptime 0, loads 8/16/24,
 * totalram 32, freeram 40, sharedram 48, bufferram 56, totalswap 64,
 * freeswap 72, procs 80 (u16), totalhigh 88, freehigh 96, mem_unit 104
 * (u32); 112 bytes. */
SYSCALL(sysinfo)
{
    struct sysinfo si;
    if (sysinfo(&si) < 0)
        return -errno;
    uint8_t b[S390X_SYSINFO_SIZE];
    memset(b, 0, sizeof(b));
    put_be(b + 0, 8, (uint64_t)si.uptime);
    for (int i = 0; i < 3; i++)
        put_be(b + 8 + 8 * i, 8, si.loads[i]);
    put_be(b + 32, 8, si.totalram);
    put_be(b + 40, 8, si.freeram);
    put_be(b + 48, 8, si.sharedram);
    put_be(b + 56, 8, si.bufferram);
    put_be(b + 64, 8, si.totalswap);
    put_be(b + 72, 8, si.freeswap);
    put_be(b + 80, 2, si.procs);
    put_be(b + 88, 8, si.totalhigh);
    put_be(b + 96, 8, si.freehigh);
    put_be(b + 104, 4, si.mem_unit);
    return user_copy_out(p, a[0], b, sizeof(b));
}

SYSCALL(getrandom)
{
    uint64_t n = a[1];
    if (n > 1u << 20)
        n = 1u << 20;
    if (!user_range_ok(p, a[0], n, true))
        return -EFAULT;
    uint8_t *b = malloc(n ? n : 1);
    if (!b)
        return -ENOMEM;
    ssize_t r = getrandom(b, n, (unsigned)a[2]);
    int64_t ret = host_ret(r);
    if (r > 0 && user_copy_out(p, a[0], b, (uint64_t)r) < 0)
        ret = -EFAULT;
    free(b);
    return ret;
}
