/* Linux s390x system-call translation for user mode (see syscall.h): the
 * dispatch table built from user/syscall_list.h, guest-memory access for
 * the handlers, and the SVC entry with Linux's restart rule.  The handlers
 * live in the sys_*.c file of their concern (files, memory, process, time,
 * signals). */
#define _GNU_SOURCE
#include "user/syscall.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "user/signal.h"
#include "user/sysutil.h"

void user_proc_init(UserProc *p, VMem *vm, CPUState *cpu)
{
    memset(p, 0, sizeof(*p));
    p->vm = vm;
    p->cpu = cpu;
    p->log_fd = -1;
}

/* ---- the table ---------------------------------------------------------- */

#define SYSF_RESTART 1u

typedef int64_t (*SysHandler)(UserProc *p, const uint64_t a[6]);
typedef struct SysDef {
    const char *name;
    SysHandler fn;
    unsigned flags;
} SysDef;

#define SYS_PROTO(nr, name, handler, flags) SYSCALL(handler);
SYSCALL_LIST(SYS_PROTO)
#undef SYS_PROTO

/* Highest number in the table + 1 (faccessat2 = 439 today); a row beyond
 * it fails the build through the array bound. */
#define SYS_MAX 440
#define SYS_ROW(nr, name, handler, flags) [nr] = { #name, sys_##handler, flags },
static const SysDef systab[SYS_MAX] = { SYSCALL_LIST(SYS_ROW) };
#undef SYS_ROW

const char *user_syscall_name(unsigned nr)
{
    return nr < SYS_MAX ? systab[nr].name : NULL;
}

int64_t user_syscall(UserProc *p, unsigned nr, const uint64_t a[6])
{
    if (nr < SYS_MAX && systab[nr].fn)
        return systab[nr].fn(p, a);
    if (p->log_flags & (ULOG_UNIMP | ULOG_INT | ULOG_STRACE))
        fprintf(user_logf(p), "zemu: unsupported syscall %u\n", nr);
    return -ENOSYS;
}

int user_svc(UserProc *p, uint16_t code)
{
    CPUState *cpu = p->cpu;
    unsigned nr = code ? code : (unsigned)(cpu->gr[1] & 0xFFFF);
    if (nr == UNR_rt_sigreturn || nr == UNR_sigreturn) {
        /* Every register comes from the frame: no result in r2. */
        if (p->log_flags & ULOG_STRACE)
            fprintf(user_logf(p), "syscall %s (%llx)\n", systab[nr].name,
                    (unsigned long long)cpu->gr[15]);
        if (user_sig_return(p, nr == UNR_rt_sigreturn))
            return 1;
        return user_sig_deliver_pending(p);
    }
    const uint64_t a[6] = { cpu->gr[2], cpu->gr[3], cpu->gr[4], cpu->gr[5], cpu->gr[6], cpu->gr[7] };
    int64_t r = user_syscall(p, nr, a);
    if (p->log_flags & ULOG_STRACE) {
        const char *name = user_syscall_name(nr);
        fprintf(user_logf(p), "syscall %s%s%u (%llx, %llx, %llx, %llx) = %lld\n",
                name ? name : "", name ? " " : "", nr, (unsigned long long)a[0],
                (unsigned long long)a[1], (unsigned long long)a[2], (unsigned long long)a[3],
                (long long)r);
    }
    if (p->exited)
        return 1;
    cpu->gr[2] = (uint64_t)r;
    /* Signals that arrived meanwhile join the pending set (sys_signal.c). */
    user_sig_collect_host(p);
    /* A call that a handler interrupted (-EINTR) is restarted when Linux
     * would (-ERESTARTSYS and the handler has SA_RESTART): the PSW goes
     * back to the SVC and r2 gets its argument again, so the call runs
     * anew after the handler returns. */
    if (r == -EINTR && nr < SYS_MAX && (systab[nr].flags & SYSF_RESTART) &&
        user_sig_next_restarts(p)) {
        cpu->gr[2] = a[0];
        cpu->psw_addr = (cpu->psw_addr - 2) & cpu_addr_mask(cpu);
    }
    /* Signals made pending or unblocked by the call are delivered on the
     * way back, with the PSW after the SVC and r2 holding the result. */
    return user_sig_deliver_pending(p);
}

/* ---- guest memory ------------------------------------------------------ */

/* Every page of [va, va+n) is mapped with a protection that allows the
 * access: Linux's copy_from_user/copy_to_user fail exactly then. */
bool user_range_ok(const UserProc *p, uint64_t va, uint64_t n, bool write)
{
    if (n == 0)
        return true;
    if (va + n < va || va + n > VMEM_ADDR_LIMIT)
        return false;
    uint64_t a = va & PAGE_MASK;
    while (a < va + n) {
        const VmArea *v = vmem_find(p->vm, a);
        if (!v || v->prot == VMEM_PROT_NONE)
            return false;
        if (write && !(v->prot & VMEM_PROT_WRITE))
            return false;
        /* The whole area is alike: jump to its end. */
        a = v->end;
    }
    return true;
}

int user_copy_in(UserProc *p, void *dst, uint64_t va, uint64_t n)
{
    if (!user_range_ok(p, va, n, false))
        return -EFAULT;
    return n ? (vmem_read(p->vm, va, dst, n) < 0 ? -EFAULT : 0) : 0;
}

int user_copy_out(UserProc *p, uint64_t va, const void *src, uint64_t n)
{
    if (!user_range_ok(p, va, n, true))
        return -EFAULT;
    return n ? (vmem_write(p->vm, va, src, n) < 0 ? -EFAULT : 0) : 0;
}

int64_t user_copy_str(UserProc *p, char *buf, uint64_t va, size_t max)
{
    for (size_t i = 0; i < max; i++) {
        /* Byte by byte through the page checks: a string may end just
         * before an unmapped page. */
        if (user_copy_in(p, &buf[i], va + i, 1) < 0)
            return -EFAULT;
        if (buf[i] == 0)
            return (int64_t)i;
    }
    return -ENAMETOOLONG;
}

const char *user_host_path(const UserProc *p, const char *path, char *buf, size_t len)
{
    if (p->sysroot && p->sysroot[0] && path[0] == '/') {
        snprintf(buf, len, "%s%s", p->sysroot, path);
        struct stat st;
        if (lstat(buf, &st) == 0)
            return buf;
    }
    return path;
}

int64_t user_get_path(UserProc *p, uint64_t va, char *raw, char *buf, const char **out)
{
    int64_t r = user_copy_str(p, raw, va, GUEST_PATH_MAX);
    if (r < 0)
        return r;
    *out = user_host_path(p, raw, buf, HOST_PATH_MAX);
    return 0;
}

int64_t user_put_timespec(UserProc *p, uint64_t va, int64_t sec, int64_t nsec)
{
    uint8_t b[16];
    put_be(b, 8, (uint64_t)sec);
    put_be(b + 8, 8, (uint64_t)nsec);
    return user_copy_out(p, va, b, 16);
}

int64_t user_get_timespec(UserProc *p, uint64_t va, struct timespec *ts)
{
    uint8_t b[16];
    int64_t r = user_copy_in(p, b, va, 16);
    if (r < 0)
        return r;
    ts->tv_sec = (time_t)get_be(b, 8);
    ts->tv_nsec = (long)get_be(b + 8, 8);
    return 0;
}
