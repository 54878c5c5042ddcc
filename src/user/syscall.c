/* Linux s390x system-call translation for user mode (see syscall.h). */
#define _GNU_SOURCE
#include "user/syscall.h"
#include "user/signal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* One bounce buffer never exceeds this: a larger read/write is done in
 * part, which POSIX allows (short count). */
#define USER_IO_MAX (16u << 20)
#define GUEST_PATH_MAX 4096

void user_proc_init(UserProc *p, VMem *vm, CPUState *cpu)
{
    memset(p, 0, sizeof(*p));
    p->vm = vm;
    p->cpu = cpu;
    p->log_fd = -1;
}

static FILE *logf_of(const UserProc *p) { return p->log ? p->log : stderr; }

/* ---- guest memory ---------------------------------------------------- */

/* Every page of [va, va+n) is mapped with a protection that allows the
 * access: Linux's copy_from_user/copy_to_user fail exactly then. */
static bool range_ok(const UserProc *p, uint64_t va, uint64_t n, bool write)
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
    if (!range_ok(p, va, n, false))
        return -EFAULT;
    return n ? (vmem_read(p->vm, va, dst, n) < 0 ? -EFAULT : 0) : 0;
}

int user_copy_out(UserProc *p, uint64_t va, const void *src, uint64_t n)
{
    if (!range_ok(p, va, n, true))
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

static void put_be(uint8_t *b, unsigned size, uint64_t v)
{
    for (unsigned i = 0; i < size; i++)
        b[i] = (uint8_t)(v >> (8 * (size - 1 - i)));
}

static uint64_t get_be(const uint8_t *b, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | b[i];
    return v;
}

static int64_t host_ret(long r) { return r < 0 ? -(int64_t)errno : r; }

/* ---- files ------------------------------------------------------------ */

/* A guest path argument, translated to the host (sysroot first). */
static int64_t get_path(UserProc *p, uint64_t va, char *raw, char *buf, const char **out)
{
    int64_t r = user_copy_str(p, raw, va, GUEST_PATH_MAX);
    if (r < 0)
        return r;
    *out = user_host_path(p, raw, buf, GUEST_PATH_MAX + 512);
    return 0;
}

static bool is_self_exe(const char *path)
{
    return strcmp(path, "/proc/self/exe") == 0;
}

/* struct stat of s390x (arch/s390 uapi stat.h, 64-bit variant). */
static void stat_to_s390x(uint8_t b[S390X_STAT_SIZE], const struct stat *st)
{
    memset(b, 0, S390X_STAT_SIZE);
    put_be(b + 0, 8, st->st_dev);
    put_be(b + 8, 8, st->st_ino);
    put_be(b + 16, 8, st->st_nlink);
    put_be(b + 24, 4, st->st_mode);
    put_be(b + 28, 4, st->st_uid);
    put_be(b + 32, 4, st->st_gid);
    put_be(b + 40, 8, st->st_rdev);
    put_be(b + 48, 8, (uint64_t)st->st_size);
    put_be(b + 56, 8, (uint64_t)st->st_atim.tv_sec);
    put_be(b + 64, 8, (uint64_t)st->st_atim.tv_nsec);
    put_be(b + 72, 8, (uint64_t)st->st_mtim.tv_sec);
    put_be(b + 80, 8, (uint64_t)st->st_mtim.tv_nsec);
    put_be(b + 88, 8, (uint64_t)st->st_ctim.tv_sec);
    put_be(b + 96, 8, (uint64_t)st->st_ctim.tv_nsec);
    put_be(b + 104, 8, (uint64_t)st->st_blksize);
    put_be(b + 112, 8, (uint64_t)st->st_blocks);
}

static int64_t put_stat(UserProc *p, uint64_t va, const struct stat *st)
{
    uint8_t b[S390X_STAT_SIZE];
    stat_to_s390x(b, st);
    return user_copy_out(p, va, b, sizeof(b));
}

/* struct statx is the same on every architecture; only the byte order
 * differs. */
static void ts_to_s390x(uint8_t *b, const struct statx_timestamp *t)
{
    put_be(b, 8, (uint64_t)t->tv_sec);
    put_be(b + 8, 4, t->tv_nsec);
}

static void statx_to_s390x(uint8_t b[S390X_STATX_SIZE], const struct statx *s)
{
    memset(b, 0, S390X_STATX_SIZE);
    put_be(b + 0x00, 4, s->stx_mask);
    put_be(b + 0x04, 4, s->stx_blksize);
    put_be(b + 0x08, 8, s->stx_attributes);
    put_be(b + 0x10, 4, s->stx_nlink);
    put_be(b + 0x14, 4, s->stx_uid);
    put_be(b + 0x18, 4, s->stx_gid);
    put_be(b + 0x1C, 2, s->stx_mode);
    put_be(b + 0x20, 8, s->stx_ino);
    put_be(b + 0x28, 8, s->stx_size);
    put_be(b + 0x30, 8, s->stx_blocks);
    put_be(b + 0x38, 8, s->stx_attributes_mask);
    ts_to_s390x(b + 0x40, &s->stx_atime);
    ts_to_s390x(b + 0x50, &s->stx_btime);
    ts_to_s390x(b + 0x60, &s->stx_ctime);
    ts_to_s390x(b + 0x70, &s->stx_mtime);
    put_be(b + 0x80, 4, s->stx_rdev_major);
    put_be(b + 0x84, 4, s->stx_rdev_minor);
    put_be(b + 0x88, 4, s->stx_dev_major);
    put_be(b + 0x8C, 4, s->stx_dev_minor);
}

static int64_t sys_read(UserProc *p, int fd, uint64_t buf, uint64_t n, bool positional, int64_t off)
{
    if (n > USER_IO_MAX)
        n = USER_IO_MAX;
    if (!range_ok(p, buf, n, true))
        return -EFAULT;
    uint8_t *b = malloc(n ? n : 1);
    if (!b)
        return -ENOMEM;
    long r = positional ? pread(fd, b, n, off) : read(fd, b, n);
    int64_t ret = host_ret(r);
    if (r > 0 && user_copy_out(p, buf, b, (uint64_t)r) < 0)
        ret = -EFAULT;
    free(b);
    return ret;
}

static int64_t sys_write(UserProc *p, int fd, uint64_t buf, uint64_t n)
{
    if (n > USER_IO_MAX)
        n = USER_IO_MAX;
    uint8_t *b = malloc(n ? n : 1);
    if (!b)
        return -ENOMEM;
    int64_t ret = user_copy_in(p, b, buf, n);
    if (ret == 0)
        ret = host_ret(write(fd, b, n));
    free(b);
    return ret;
}

/* readv/writev: struct iovec is {u64 base, u64 len} big-endian. */
static int64_t sys_rwv(UserProc *p, int fd, uint64_t iov, uint64_t cnt, bool wr)
{
    if (cnt > 1024)
        return -EINVAL;
    if (cnt == 0)
        return 0;
    uint8_t *raw = malloc(16 * cnt);
    struct iovec *hv = calloc(cnt, sizeof(*hv));
    uint64_t *gbase = calloc(cnt, sizeof(*gbase));
    int64_t ret = 0;
    if (!raw || !hv || !gbase) {
        ret = -ENOMEM;
        goto out;
    }
    if ((ret = user_copy_in(p, raw, iov, 16 * cnt)) < 0)
        goto out;
    uint64_t total = 0;
    for (uint64_t i = 0; i < cnt; i++) {
        gbase[i] = get_be(raw + 16 * i, 8);
        uint64_t len = get_be(raw + 16 * i + 8, 8);
        if (len > USER_IO_MAX - total)
            len = USER_IO_MAX - total;
        total += len;
        hv[i].iov_len = len;
        hv[i].iov_base = malloc(len ? len : 1);
        if (!hv[i].iov_base) {
            ret = -ENOMEM;
            goto out;
        }
        if (wr ? user_copy_in(p, hv[i].iov_base, gbase[i], len) < 0
               : !range_ok(p, gbase[i], len, true)) {
            ret = -EFAULT;
            goto out;
        }
    }
    long r = wr ? writev(fd, hv, (int)cnt) : readv(fd, hv, (int)cnt);
    ret = host_ret(r);
    if (!wr && r > 0) {
        uint64_t left = (uint64_t)r;
        for (uint64_t i = 0; i < cnt && left; i++) {
            uint64_t k = hv[i].iov_len < left ? hv[i].iov_len : left;
            if (user_copy_out(p, gbase[i], hv[i].iov_base, k) < 0) {
                ret = -EFAULT;
                break;
            }
            left -= k;
        }
    }
out:
    if (hv)
        for (uint64_t i = 0; i < cnt; i++)
            free(hv[i].iov_base);
    free(hv);
    free(gbase);
    free(raw);
    return ret;
}

static int64_t sys_openat(UserProc *p, int dirfd, uint64_t path, int flags, int mode)
{
    char raw[GUEST_PATH_MAX], buf[GUEST_PATH_MAX + 512];
    const char *hp;
    int64_t r = get_path(p, path, raw, buf, &hp);
    if (r < 0)
        return r;
    if (is_self_exe(raw))
        hp = p->exe_path;
    /* The open flags of s390x are the generic ones, as on the x86-64 host. */
    return host_ret(openat(dirfd, hp, flags, mode));
}

static int64_t sys_fstatat(UserProc *p, int dirfd, uint64_t path, uint64_t buf, int flags,
                           bool follow_default)
{
    char raw[GUEST_PATH_MAX], hb[GUEST_PATH_MAX + 512];
    const char *hp;
    int64_t r = get_path(p, path, raw, hb, &hp);
    if (r < 0)
        return r;
    if (!follow_default)
        flags |= AT_SYMLINK_NOFOLLOW;
    struct stat st;
    if (fstatat(dirfd, hp, &st, flags) < 0)
        return -errno;
    return put_stat(p, buf, &st);
}

static int64_t sys_statx(UserProc *p, int dirfd, uint64_t path, int flags, unsigned mask,
                         uint64_t buf)
{
    char raw[GUEST_PATH_MAX], hb[GUEST_PATH_MAX + 512];
    const char *hp;
    int64_t r = get_path(p, path, raw, hb, &hp);
    if (r < 0)
        return r;
    struct statx sx;
    if (statx(dirfd, hp, flags, mask, &sx) < 0)
        return -errno;
    uint8_t b[S390X_STATX_SIZE];
    statx_to_s390x(b, &sx);
    return user_copy_out(p, buf, b, sizeof(b));
}

static int64_t sys_readlinkat(UserProc *p, int dirfd, uint64_t path, uint64_t buf, uint64_t size)
{
    char raw[GUEST_PATH_MAX], hb[GUEST_PATH_MAX + 512], out[GUEST_PATH_MAX];
    const char *hp;
    int64_t r = get_path(p, path, raw, hb, &hp);
    if (r < 0)
        return r;
    if ((int64_t)size <= 0)
        return -EINVAL;
    long n;
    if (is_self_exe(raw)) {
        /* The guest program, not zemu. */
        n = (long)strlen(p->exe_path);
        memcpy(out, p->exe_path, (size_t)n);
    } else {
        n = readlinkat(dirfd, hp, out, sizeof(out));
        if (n < 0)
            return -errno;
    }
    if ((uint64_t)n > size)
        n = (long)size;
    r = user_copy_out(p, buf, out, (uint64_t)n);
    return r < 0 ? r : n;
}

/* ioctl: only what stdio asks of a terminal. */
#define S390X_TCGETS     0x5401
#define S390X_TIOCGWINSZ 0x5413
static int64_t sys_ioctl(UserProc *p, int fd, uint64_t req, uint64_t arg)
{
    if (req == S390X_TCGETS) {
        /* The kernel's struct termios: 4 x u32 flags, c_line, c_cc[19]. */
        struct termios t;
        if (tcgetattr(fd, &t) < 0)
            return -errno;
        uint8_t b[36] = { 0 };
        put_be(b + 0, 4, t.c_iflag);
        put_be(b + 4, 4, t.c_oflag);
        put_be(b + 8, 4, t.c_cflag);
        put_be(b + 12, 4, t.c_lflag);
        b[16] = t.c_line;
        memcpy(b + 17, t.c_cc, 19);
        return user_copy_out(p, arg, b, sizeof(b));
    }
    if (req == S390X_TIOCGWINSZ) {
        struct winsize w;
        if (ioctl(fd, TIOCGWINSZ, &w) < 0)
            return -errno;
        uint8_t b[8];
        put_be(b + 0, 2, w.ws_row);
        put_be(b + 2, 2, w.ws_col);
        put_be(b + 4, 2, w.ws_xpixel);
        put_be(b + 6, 2, w.ws_ypixel);
        return user_copy_out(p, arg, b, sizeof(b));
    }
    if (p->log_flags & (ULOG_UNIMP | ULOG_INT))
        fprintf(logf_of(p), "zemu: unsupported ioctl 0x%llx on fd %d\n", (unsigned long long)req, fd);
    return -ENOTTY;
}

/* ---- memory ------------------------------------------------------------ */

#define S390X_MAP_SHARED    0x01
#define S390X_MAP_PRIVATE   0x02
#define S390X_MAP_FIXED     0x10
#define S390X_MAP_ANONYMOUS 0x20
#define S390X_MAP_FIXED_NOREPLACE 0x100000

static void log_page(UserProc *p, const char *what, int64_t addr, uint64_t len, int prot)
{
    if (p->log_flags & ULOG_PAGE)
        fprintf(logf_of(p), "page: %s %016llx-%016llx %c%c%c\n", what, (unsigned long long)addr,
                (unsigned long long)(addr + len), prot & 1 ? 'r' : '-', prot & 2 ? 'w' : '-',
                prot & 4 ? 'x' : '-');
}

int64_t user_mmap(UserProc *p, uint64_t addr, uint64_t len, int prot, int flags, int fd,
                  uint64_t off)
{
    if (len == 0 || (off & ~PAGE_MASK) || !(flags & (S390X_MAP_SHARED | S390X_MAP_PRIVATE)))
        return -EINVAL;
    if (prot & ~7)
        return -EINVAL;
    uint64_t plen = (len + PAGE_SIZE - 1) & PAGE_MASK;
    if (plen < len)
        return -ENOMEM;
    bool anon = flags & S390X_MAP_ANONYMOUS;
    struct stat st;
    if (!anon && (fstat(fd, &st) < 0))
        return -EBADF;
    int vf = 0;
    if (flags & S390X_MAP_FIXED)
        vf |= VMEM_MAP_FIXED;
    if (flags & S390X_MAP_FIXED_NOREPLACE)
        vf |= VMEM_MAP_FIXED_NOREPLACE;
    /* A file mapping is filled first, then gets its protection; the
     * frames keep the data even under PROT_NONE (vmem.h). */
    int64_t a = vmem_mmap(p->vm, addr, plen, anon ? prot : (VMEM_PROT_READ | VMEM_PROT_WRITE), vf);
    if (a < 0)
        return a;
    if (!anon) {
        /* A private copy of the file's bytes (shared writable mappings are
         * not written back: open point). */
        uint8_t *b = malloc(plen);
        if (!b) {
            vmem_unmap(p->vm, (uint64_t)a, plen);
            return -ENOMEM;
        }
        ssize_t got = pread(fd, b, plen, (off_t)off);
        if (got < 0) {
            int e = errno;
            free(b);
            vmem_unmap(p->vm, (uint64_t)a, plen);
            return -e;
        }
        if (got > 0)
            vmem_write(p->vm, (uint64_t)a, b, (uint64_t)got);
        free(b);
        if (prot != (VMEM_PROT_READ | VMEM_PROT_WRITE))
            vmem_protect(p->vm, (uint64_t)a, plen, prot);
    }
    log_page(p, anon ? "mmap anon" : "mmap file", a, plen, prot);
    return a;
}

static int64_t sys_mmap(UserProc *p, uint64_t argp)
{
    /* s390x mmap takes one pointer to six longs (the old_mmap convention). */
    uint8_t b[48];
    int64_t r = user_copy_in(p, b, argp, sizeof(b));
    if (r < 0)
        return r;
    return user_mmap(p, get_be(b, 8), get_be(b + 8, 8), (int)get_be(b + 16, 8),
                     (int)get_be(b + 24, 8), (int)get_be(b + 32, 8), get_be(b + 40, 8));
}

/* ---- misc ------------------------------------------------------------ */

static int64_t put_timespec(UserProc *p, uint64_t va, int64_t sec, int64_t nsec)
{
    uint8_t b[16];
    put_be(b, 8, (uint64_t)sec);
    put_be(b + 8, 8, (uint64_t)nsec);
    return user_copy_out(p, va, b, 16);
}

static int64_t sys_uname(UserProc *p, uint64_t buf)
{
    struct utsname u;
    if (uname(&u) < 0)
        return -errno;
    uint8_t b[S390X_UTSNAME_SIZE];
    memset(b, 0, sizeof(b));
    const char *f[6] = { u.sysname, u.nodename, u.release, u.version, "s390x", u.domainname };
    for (int i = 0; i < 6; i++)
        strncpy((char *)b + 65 * i, f[i], 64);
    return user_copy_out(p, buf, b, sizeof(b));
}

/* struct sysinfo of a 64-bit s390x task: uptime 0, loads 8/16/24,
 * totalram 32, freeram 40, sharedram 48, bufferram 56, totalswap 64,
 * freeswap 72, procs 80 (u16), totalhigh 88, freehigh 96, mem_unit 104
 * (u32); 112 bytes. */
static int64_t sys_sysinfo(UserProc *p, uint64_t buf)
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
    return user_copy_out(p, buf, b, sizeof(b));
}

static int64_t sys_prlimit(UserProc *p, int pid, int res, uint64_t newp, uint64_t oldp)
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

static int64_t sys_rt_sigaction(UserProc *p, int sig, uint64_t act, uint64_t oact, uint64_t sz)
{
    if (sz != 8 || sig < 1 || sig >= USER_NSIG)
        return -EINVAL;
    uint8_t nb[32];
    if (act) {
        int64_t r = user_copy_in(p, nb, act, 32);
        if (r < 0)
            return r;
        if (sig == 9 || sig == 19)
            return -EINVAL;
    }
    if (oact) {
        int64_t r = user_copy_out(p, oact, p->sigact[sig], 32);
        if (r < 0)
            return r;
    }
    if (act) {
        memcpy(p->sigact[sig], nb, 32);
        /* Setting SIG_IGN (or SIG_DFL for a default-ignored signal)
         * discards the pending one. */
        uint64_t h = get_be(nb, 8);
        if (h == 1 || (h == 0 && (sig == 17 || sig == 18 || sig == 23 || sig == 28)))
            p->sigpending &= ~user_sigbit(sig);
    }
    return 0;
}

static int64_t sys_rt_sigprocmask(UserProc *p, int how, uint64_t set, uint64_t oset, uint64_t sz)
{
    if (sz != 8)
        return -EINVAL;
    uint64_t old = p->sigmask, nv = 0;
    if (set) {
        uint8_t b[8];
        int64_t r = user_copy_in(p, b, set, 8);
        if (r < 0)
            return r;
        nv = get_be(b, 8);
        if (how < 0 || how > 2)
            return -EINVAL;
    }
    if (oset) {
        uint8_t b[8];
        put_be(b, 8, old);
        int64_t r = user_copy_out(p, oset, b, 8);
        if (r < 0)
            return r;
    }
    if (set) {
        /* SIGKILL and SIGSTOP cannot be blocked (bits 8 and 18). */
        nv &= ~((1ULL << 8) | (1ULL << 18));
        p->sigmask = how == 0 ? old | nv : how == 1 ? old & ~nv : nv;
    }
    return 0;
}

static int64_t sys_getrandom(UserProc *p, uint64_t buf, uint64_t n, unsigned flags)
{
    if (n > 1u << 20)
        n = 1u << 20;
    if (!range_ok(p, buf, n, true))
        return -EFAULT;
    uint8_t *b = malloc(n ? n : 1);
    if (!b)
        return -ENOMEM;
    ssize_t r = getrandom(b, n, flags);
    int64_t ret = host_ret(r);
    if (r > 0 && user_copy_out(p, buf, b, (uint64_t)r) < 0)
        ret = -EFAULT;
    free(b);
    return ret;
}

static int64_t sys_getcwd(UserProc *p, uint64_t buf, uint64_t size)
{
    char cwd[GUEST_PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        return -errno;
    uint64_t n = strlen(cwd) + 1;
    if (n > size)
        return -ERANGE;
    int64_t r = user_copy_out(p, buf, cwd, n);
    return r < 0 ? r : (int64_t)n;
}

/* A host fd zemu itself needs (the log) is invisible to the guest. */
/* getdents64: struct linux_dirent64 has the same layout on both sides
 * (u64 ino, s64 off, u16 reclen, u8 type, name, 8-byte aligned records),
 * so the host's records are passed on with their numbers byte-swapped. */
static int64_t sys_getdents64(UserProc *p, int fd, uint64_t va, uint64_t count)
{
    uint8_t buf[32768];
    if (count > sizeof(buf))
        count = sizeof(buf);
    long n = syscall(SYS_getdents64, fd, buf, (size_t)count);
    if (n < 0)
        return -errno;
    for (long off = 0; off + 19 <= n;) {
        uint64_t ino, doff;
        uint16_t reclen;
        memcpy(&ino, buf + off, 8);
        memcpy(&doff, buf + off + 8, 8);
        memcpy(&reclen, buf + off + 16, 2);
        ino = __builtin_bswap64(ino);
        doff = __builtin_bswap64(doff);
        uint16_t be = __builtin_bswap16(reclen);
        memcpy(buf + off, &ino, 8);
        memcpy(buf + off + 8, &doff, 8);
        memcpy(buf + off + 16, &be, 2);
        if (!reclen)
            break;
        off += reclen;
    }
    if (n && user_copy_out(p, va, buf, (size_t)n) < 0)
        return -EFAULT;
    return n;
}

static bool fd_reserved(const UserProc *p, int fd) { return p->log_fd >= 0 && fd == p->log_fd; }

int64_t user_syscall(UserProc *p, unsigned nr, const uint64_t a[6])
{
    int fd0 = (int)a[0];
    switch (nr) {
    case UNR_exit:
    case UNR_exit_group:
        /* Single-threaded: exit of the only thread ends the process. */
        p->exited = true;
        p->exit_status = (int)(a[0] & 0xFF);
        return 0;
    case UNR_read:
        if (fd_reserved(p, fd0))
            return -EBADF;
        return sys_read(p, fd0, a[1], a[2], false, 0);
    case UNR_pread64:
        if (fd_reserved(p, fd0))
            return -EBADF;
        return sys_read(p, fd0, a[1], a[2], true, (int64_t)a[3]);
    case UNR_write:
        if (fd_reserved(p, fd0))
            return -EBADF;
        return sys_write(p, fd0, a[1], a[2]);
    case UNR_readv:
    case UNR_writev:
        if (fd_reserved(p, fd0))
            return -EBADF;
        return sys_rwv(p, fd0, a[1], a[2], nr == UNR_writev);
    case UNR_open:
        return sys_openat(p, AT_FDCWD, a[0], (int)a[1], (int)a[2]);
    case UNR_openat:
        return sys_openat(p, fd0, a[1], (int)a[2], (int)a[3]);
    case UNR_close:
        if (fd_reserved(p, fd0))
            return -EBADF;
        return host_ret(close(fd0));
    case UNR_lseek:
        if (fd_reserved(p, fd0))
            return -EBADF;
        return host_ret(lseek(fd0, (off_t)a[1], (int)a[2]));
    case UNR_fstat: {
        struct stat st;
        if (fd_reserved(p, fd0))
            return -EBADF;
        if (fstat(fd0, &st) < 0)
            return -errno;
        return put_stat(p, a[1], &st);
    }
    case UNR_stat:
        return sys_fstatat(p, AT_FDCWD, a[0], a[1], 0, true);
    case UNR_lstat:
        return sys_fstatat(p, AT_FDCWD, a[0], a[1], 0, false);
    case UNR_newfstatat:
        return sys_fstatat(p, fd0, a[1], a[2], (int)a[3], true);
    case UNR_statx:
        return sys_statx(p, fd0, a[1], (int)a[2], (unsigned)a[3], a[4]);
    case UNR_readlink:
        return sys_readlinkat(p, AT_FDCWD, a[0], a[1], a[2]);
    case UNR_readlinkat:
        return sys_readlinkat(p, fd0, a[1], a[2], a[3]);
    case UNR_access:
    case UNR_faccessat:
    case UNR_faccessat2: {
        char raw[GUEST_PATH_MAX], hb[GUEST_PATH_MAX + 512];
        const char *hp;
        bool at = nr != UNR_access;
        int64_t r = get_path(p, at ? a[1] : a[0], raw, hb, &hp);
        if (r < 0)
            return r;
        return host_ret(faccessat(at ? fd0 : AT_FDCWD, hp, (int)(at ? a[2] : a[1]),
                                  nr == UNR_faccessat2 ? (int)a[3] : 0));
    }
    case UNR_ioctl:
        return sys_ioctl(p, fd0, a[1] & 0xFFFFFFFF, a[2]);
    case UNR_fcntl: {
        int cmd = (int)a[1];
        /* Only the integer-argument commands (F_DUPFD 0 ... F_SETFL 4,
         * F_DUPFD_CLOEXEC 1030). */
        if (fd_reserved(p, fd0))
            return -EBADF;
        if ((cmd >= 0 && cmd <= 4) || cmd == 1030)
            return host_ret(fcntl(fd0, cmd, (long)a[2]));
        return -EINVAL;
    }
    case UNR_dup:
        if (fd_reserved(p, fd0))
            return -EBADF;
        return host_ret(dup(fd0));
    case UNR_dup2:
    case UNR_dup3:
        if (fd_reserved(p, fd0) || fd_reserved(p, (int)a[1]))
            return -EBADF;
        return host_ret(nr == UNR_dup2 ? dup2(fd0, (int)a[1]) : dup3(fd0, (int)a[1], (int)a[2]));
    case UNR_umask:
        return umask((mode_t)a[0]);
    case UNR_getcwd:
        return sys_getcwd(p, a[0], a[1]);
    case UNR_getdents64:
        if (fd_reserved(p, fd0))
            return -EBADF;
        return sys_getdents64(p, fd0, a[1], a[2]);
    case UNR_brk: {
        uint64_t r = vmem_brk(p->vm, a[0]);
        log_page(p, "brk", (int64_t)p->vm->brk_start, r - p->vm->brk_start, 3);
        return (int64_t)r;
    }
    case UNR_mmap:
        return sys_mmap(p, a[0]);
    case UNR_munmap:
        log_page(p, "munmap", (int64_t)a[0], a[1], 0);
        return vmem_unmap(p->vm, a[0], (a[1] + PAGE_SIZE - 1) & PAGE_MASK);
    case UNR_mprotect:
        log_page(p, "mprotect", (int64_t)a[0], a[1], (int)a[2]);
        if (a[2] & ~7ULL)
            return -EINVAL;
        if (a[1] == 0)
            return (a[0] & ~PAGE_MASK) ? -EINVAL : 0;
        return vmem_protect(p->vm, a[0], (a[1] + PAGE_SIZE - 1) & PAGE_MASK, (int)a[2]);
    case UNR_mremap:
        return vmem_mremap(p->vm, a[0], (a[1] + PAGE_SIZE - 1) & PAGE_MASK,
                           (a[2] + PAGE_SIZE - 1) & PAGE_MASK, (int)a[3], a[4]);
    case UNR_madvise:
        /* Advice only (MADV_DONTNEED zeroing of anonymous pages is an
         * open point). */
        return 0;
    case UNR_uname:
        return sys_uname(p, a[0]);
    case UNR_sysinfo:
        return sys_sysinfo(p, a[0]);
    case UNR_getrandom:
        return sys_getrandom(p, a[0], a[1], (unsigned)a[2]);
    case UNR_clock_gettime:
    case UNR_clock_getres: {
        struct timespec ts;
        int r = nr == UNR_clock_gettime ? clock_gettime((clockid_t)a[0], &ts)
                                        : clock_getres((clockid_t)a[0], &ts);
        if (r < 0)
            return -errno;
        if (!a[1])
            return 0;
        return put_timespec(p, a[1], ts.tv_sec, ts.tv_nsec);
    }
    case UNR_gettimeofday: {
        struct timeval tv;
        gettimeofday(&tv, NULL);
        if (a[0]) {
            int64_t r = put_timespec(p, a[0], tv.tv_sec, tv.tv_usec);
            if (r < 0)
                return r;
        }
        if (a[1]) {
            uint8_t z[8] = { 0 };
            return user_copy_out(p, a[1], z, 8);
        }
        return 0;
    }
    case UNR_nanosleep: {
        uint8_t b[16];
        int64_t r = user_copy_in(p, b, a[0], 16);
        if (r < 0)
            return r;
        struct timespec ts = { (time_t)get_be(b, 8), (long)get_be(b + 8, 8) };
        return host_ret(nanosleep(&ts, NULL));
    }
    case UNR_getpid:
    case UNR_gettid:
        return getpid();
    case UNR_getppid:
        return getppid();
    case UNR_getuid:
        return getuid();
    case UNR_geteuid:
        return geteuid();
    case UNR_getgid:
        return getgid();
    case UNR_getegid:
        return getegid();
    case UNR_set_tid_address:
        p->clear_child_tid = a[0];
        return getpid();
    case UNR_set_robust_list:
        return a[1] == 24 ? 0 : -EINVAL;
    case UNR_rseq:
        return -ENOSYS;
    case UNR_futex:
        /* Single thread: a wake finds nobody, a wait would never end. */
        return (a[1] & 0x7F) == 1 ? 0 : -EAGAIN;
    case UNR_prlimit64:
        return sys_prlimit(p, fd0, (int)a[1], a[2], a[3]);
    case UNR_getrlimit:
        return sys_prlimit(p, 0, fd0, 0, a[1]);
    case UNR_rt_sigaction:
        return sys_rt_sigaction(p, fd0, a[1], a[2], a[3]);
    case UNR_rt_sigprocmask:
        return sys_rt_sigprocmask(p, fd0, a[1], a[2], a[3]);
    case UNR_rt_sigpending:
        return user_sys_rt_sigpending(p, a[0], a[1]);
    case UNR_rt_sigqueueinfo:
        return user_sys_rt_sigqueueinfo(p, (int64_t)(int32_t)a[0], (int)a[1], a[2]);
    case UNR_sigaltstack:
        return user_sys_sigaltstack(p, a[0], a[1]);
    case UNR_tkill:
    case UNR_tgkill:
    case UNR_kill: {
        /* Only to itself (abort, raise): there is no other guest process. */
        int64_t target = (int64_t)(int32_t)a[0];
        int sig = (int)(nr == UNR_kill ? a[1] : nr == UNR_tkill ? a[1] : a[2]);
        if (target != getpid() && !(nr == UNR_kill && target == 0))
            return -ESRCH;
        if (sig < 0 || sig >= USER_NSIG)
            return -EINVAL;
        if (sig == 0)
            return 0;
        /* An unblocked signal whose default action ends the program ends
         * it now; anything else becomes pending and is delivered when the
         * system call returns (user_svc). */
        uint64_t handler = user_sig_handler(p, sig);
        bool blocked = (p->sigmask & user_sigbit(sig)) && sig != 9 && sig != 19;
        if (!blocked && (handler == 0 || sig == 9 || sig == 19) && sig != 17 && sig != 18 &&
            sig != 23 && sig != 28) {
            p->killed_by = sig;
            p->exited = true;
            return 0;
        }
        uint8_t info[USER_SIGINFO_SIZE] = { 0 };
        put_be(info, 4, (uint32_t)sig);
        put_be(info + 8, 4, (uint32_t)(nr == UNR_kill ? USER_SI_USER : USER_SI_TKILL));
        put_be(info + 16, 4, (uint32_t)getpid());
        put_be(info + 20, 4, (uint32_t)getuid());
        user_sig_send(p, info);
        return 0;
    }
    default:
        if (p->log_flags & (ULOG_UNIMP | ULOG_INT | ULOG_STRACE))
            fprintf(logf_of(p), "zemu: unsupported syscall %u\n", nr);
        return -ENOSYS;
    }
}

int user_svc(UserProc *p, uint16_t code)
{
    CPUState *cpu = p->cpu;
    unsigned nr = code ? code : (unsigned)(cpu->gr[1] & 0xFFFF);
    if (nr == UNR_rt_sigreturn || nr == UNR_sigreturn) {
        /* Every register comes from the frame: no result in r2. */
        if (p->log_flags & ULOG_STRACE)
            fprintf(logf_of(p), "syscall %u (%llx)\n", nr, (unsigned long long)cpu->gr[15]);
        if (user_sig_return(p, nr == UNR_rt_sigreturn))
            return 1;
        return user_sig_deliver_pending(p);
    }
    const uint64_t a[6] = { cpu->gr[2], cpu->gr[3], cpu->gr[4], cpu->gr[5], cpu->gr[6], cpu->gr[7] };
    int64_t r = user_syscall(p, nr, a);
    if (p->log_flags & ULOG_STRACE)
        fprintf(logf_of(p), "syscall %u (%llx, %llx, %llx, %llx) = %lld\n", nr,
                (unsigned long long)a[0], (unsigned long long)a[1], (unsigned long long)a[2],
                (unsigned long long)a[3], (long long)r);
    if (p->exited)
        return 1;
    cpu->gr[2] = (uint64_t)r;
    /* Signals made pending or unblocked by the call are delivered on the
     * way back, with the PSW after the SVC and r2 holding the result. */
    return user_sig_deliver_pending(p);
}
