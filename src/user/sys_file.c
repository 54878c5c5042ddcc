/* Files, directories and descriptors: the system calls of user/syscall_list.h
 * that act on the file system or on file descriptors.  Paths go through the
 * sysroot (-L) like qemu-user; structures are converted field by field to
 * the s390x big-endian layouts; the open flags, fcntl commands, poll bits
 * and ioctl numbers of s390x are the generic Linux ones, as on the x86-64
 * host. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include "user/signal.h"
#include "user/sysutil.h"

/* Declares raw[], hb[] and hp (the host path) for guest path argument va;
 * returns the error from the enclosing handler. */
#define GUEST_PATH(va)                                                           \
    char raw[GUEST_PATH_MAX], hb[HOST_PATH_MAX];                                 \
    const char *hp;                                                              \
    do {                                                                         \
        int64_t r_ = user_get_path(p, (va), raw, hb, &hp);                       \
        if (r_ < 0)                                                              \
            return r_;                                                           \
    } while (0)

#define CHECK_FD(fd)                                                             \
    do {                                                                         \
        if (user_fd_reserved(p, (int)(fd)))                                      \
            return -EBADF;                                                       \
    } while (0)

static bool is_self_exe(const char *path)
{
    return strcmp(path, "/proc/self/exe") == 0;
}

/* ---- reading and writing ------------------------------------------------ */

static int64_t do_read(UserProc *p, int fd, uint64_t buf, uint64_t n, bool positional, int64_t off)
{
    CHECK_FD(fd);
    if (n > USER_IO_MAX)
        n = USER_IO_MAX;
    if (!user_range_ok(p, buf, n, true))
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

static int64_t do_write(UserProc *p, int fd, uint64_t buf, uint64_t n, bool positional, int64_t off)
{
    CHECK_FD(fd);
    if (n > USER_IO_MAX)
        n = USER_IO_MAX;
    uint8_t *b = malloc(n ? n : 1);
    if (!b)
        return -ENOMEM;
    int64_t ret = user_copy_in(p, b, buf, n);
    if (ret == 0)
        ret = host_ret(positional ? pwrite(fd, b, n, off) : write(fd, b, n));
    free(b);
    return user_sig_epipe(p, ret);
}

SYSCALL(read) { return do_read(p, (int)a[0], a[1], a[2], false, 0); }
SYSCALL(pread64) { return do_read(p, (int)a[0], a[1], a[2], true, (int64_t)a[3]); }
SYSCALL(write) { return do_write(p, (int)a[0], a[1], a[2], false, 0); }
SYSCALL(pwrite64) { return do_write(p, (int)a[0], a[1], a[2], true, (int64_t)a[3]); }

/* readv/writev: struct iovec is {u64 base, u64 len} big-endian. */
static int64_t do_rwv(UserProc *p, int fd, uint64_t iov, uint64_t cnt, bool wr)
{
    CHECK_FD(fd);
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
               : !user_range_ok(p, gbase[i], len, true)) {
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
    return wr ? user_sig_epipe(p, ret) : ret;
}

SYSCALL(readv) { return do_rwv(p, (int)a[0], a[1], a[2], false); }
SYSCALL(writev) { return do_rwv(p, (int)a[0], a[1], a[2], true); }

/* sendfile(out, in, loff_t *offset, count) */
SYSCALL(sendfile)
{
    CHECK_FD(a[0]);
    CHECK_FD(a[1]);
    off_t off = 0;
    uint8_t b[8];
    if (a[2]) {
        int64_t r = user_copy_in(p, b, a[2], 8);
        if (r < 0)
            return r;
        off = (off_t)get_be(b, 8);
    }
    int64_t r = host_ret(sendfile((int)a[0], (int)a[1], a[2] ? &off : NULL, a[3]));
    if (a[2] && r >= 0) {
        put_be(b, 8, (uint64_t)off);
        if (user_copy_out(p, a[2], b, 8) < 0)
            return -EFAULT;
    }
    return user_sig_epipe(p, r);
}

/* copy_file_range(fd_in, loff_t *off_in, fd_out, loff_t *off_out, len, flags) */
SYSCALL(copy_file_range)
{
    CHECK_FD(a[0]);
    CHECK_FD(a[2]);
    loff_t off[2];
    uint8_t b[8];
    const uint64_t ptr[2] = { a[1], a[3] };
    for (int i = 0; i < 2; i++)
        if (ptr[i]) {
            int64_t r = user_copy_in(p, b, ptr[i], 8);
            if (r < 0)
                return r;
            off[i] = (loff_t)get_be(b, 8);
        }
    int64_t r = host_ret(copy_file_range((int)a[0], ptr[0] ? &off[0] : NULL, (int)a[2],
                                         ptr[1] ? &off[1] : NULL, a[4], (unsigned)a[5]));
    for (int i = 0; i < 2 && r >= 0; i++)
        if (ptr[i]) {
            put_be(b, 8, (uint64_t)off[i]);
            if (user_copy_out(p, ptr[i], b, 8) < 0)
                return -EFAULT;
        }
    return r;
}

/* ---- opening, closing, descriptors -------------------------------------- */

static int64_t do_openat(UserProc *p, int dirfd, uint64_t path, int flags, int mode)
{
    GUEST_PATH(path);
    if (is_self_exe(raw))
        hp = p->exe_path;
    return host_ret(openat(dirfd, hp, flags, mode));
}

SYSCALL(open) { return do_openat(p, AT_FDCWD, a[0], (int)a[1], (int)a[2]); }
SYSCALL(openat) { return do_openat(p, (int)a[0], a[1], (int)a[2], (int)a[3]); }
SYSCALL(creat) { return do_openat(p, AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC, (int)a[1]); }

SYSCALL(close)
{
    CHECK_FD(a[0]);
    return host_ret(close((int)a[0]));
}

SYSCALL(lseek)
{
    CHECK_FD(a[0]);
    return host_ret(lseek((int)a[0], (off_t)a[1], (int)a[2]));
}

SYSCALL(dup)
{
    CHECK_FD(a[0]);
    return host_ret(dup((int)a[0]));
}

SYSCALL(dup2)
{
    CHECK_FD(a[0]);
    CHECK_FD(a[1]);
    return host_ret(dup2((int)a[0], (int)a[1]));
}

SYSCALL(dup3)
{
    CHECK_FD(a[0]);
    CHECK_FD(a[1]);
    return host_ret(dup3((int)a[0], (int)a[1], (int)a[2]));
}

static int64_t do_pipe(UserProc *p, uint64_t va, int flags)
{
    int fds[2];
    if (pipe2(fds, flags) < 0)
        return -errno;
    uint8_t b[8];
    put_be(b, 4, (uint32_t)fds[0]);
    put_be(b + 4, 4, (uint32_t)fds[1]);
    int64_t r = user_copy_out(p, va, b, 8);
    if (r < 0) {
        close(fds[0]);
        close(fds[1]);
    }
    return r;
}

SYSCALL(pipe) { return do_pipe(p, a[0], 0); }
SYSCALL(pipe2) { return do_pipe(p, a[0], (int)a[1]); }

/* struct flock of s390x: l_type s16 0, l_whence s16 2, l_start s64 8,
 * l_len s64 16, l_pid s32 24; 32 bytes. */
static int64_t fcntl_lock(UserProc *p, int fd, int cmd, uint64_t va)
{
    uint8_t b[32];
    int64_t r = user_copy_in(p, b, va, sizeof(b));
    if (r < 0)
        return r;
    struct flock fl = {
        .l_type = (short)get_be(b, 2),
        .l_whence = (short)get_be(b + 2, 2),
        .l_start = (off_t)get_be(b + 8, 8),
        .l_len = (off_t)get_be(b + 16, 8),
        .l_pid = (pid_t)get_be(b + 24, 4),
    };
    if (fcntl(fd, cmd, &fl) < 0)
        return -errno;
    if (cmd != F_GETLK)
        return 0;
    memset(b, 0, sizeof(b));
    put_be(b, 2, (uint16_t)fl.l_type);
    put_be(b + 2, 2, (uint16_t)fl.l_whence);
    put_be(b + 8, 8, (uint64_t)fl.l_start);
    put_be(b + 16, 8, (uint64_t)fl.l_len);
    put_be(b + 24, 4, (uint32_t)fl.l_pid);
    return user_copy_out(p, va, b, sizeof(b));
}

SYSCALL(fcntl)
{
    const int fd = (int)a[0], cmd = (int)a[1];
    CHECK_FD(fd);
    switch (cmd) {
    case F_DUPFD: case F_GETFD: case F_SETFD: case F_GETFL: case F_SETFL:
    case F_SETOWN: case F_GETOWN: case F_SETSIG: case F_GETSIG:
    case F_DUPFD_CLOEXEC: case F_SETPIPE_SZ: case F_GETPIPE_SZ:
    case F_ADD_SEALS: case F_GET_SEALS: case F_SETLEASE: case F_GETLEASE:
    case F_NOTIFY:
        /* Integer (or no) argument: the same on both sides. */
        return host_ret(fcntl(fd, cmd, (long)a[2]));
    case F_GETLK: case F_SETLK: case F_SETLKW:
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return fcntl_lock(p, fd, cmd, a[2]);
    default:
        return -EINVAL;
    }
}

SYSCALL(flock)
{
    CHECK_FD(a[0]);
    return host_ret(flock((int)a[0], (int)a[1]));
}

/* ---- ioctl: what programs ask of terminals and pipes ----------------------- */

#define S390X_TCGETS     0x5401
#define S390X_TCSETS     0x5402
#define S390X_TCSETSW    0x5403
#define S390X_TCSETSF    0x5404
#define S390X_TIOCGPGRP  0x540F
#define S390X_TIOCSPGRP  0x5410
#define S390X_TIOCGWINSZ 0x5413
#define S390X_TIOCSWINSZ 0x5414
#define S390X_FIONREAD   0x541B
#define S390X_FIONBIO    0x5421
#define S390X_FIONCLEX   0x5450
#define S390X_FIOCLEX    0x5451

/* The kernel's struct termios: 4 x u32 flags, c_line, c_cc[19]; 36 bytes. */
#define S390X_NCCS 19

static int64_t ioctl_termios(UserProc *p, int fd, unsigned long req, uint64_t arg)
{
    struct termios t;
    uint8_t b[36] = { 0 };
    if (req == S390X_TCGETS) {
        if (tcgetattr(fd, &t) < 0)
            return -errno;
        put_be(b + 0, 4, t.c_iflag);
        put_be(b + 4, 4, t.c_oflag);
        put_be(b + 8, 4, t.c_cflag);
        put_be(b + 12, 4, t.c_lflag);
        b[16] = t.c_line;
        memcpy(b + 17, t.c_cc, S390X_NCCS);
        return user_copy_out(p, arg, b, sizeof(b));
    }
    int64_t r = user_copy_in(p, b, arg, sizeof(b));
    if (r < 0)
        return r;
    if (tcgetattr(fd, &t) < 0)
        return -errno;
    t.c_iflag = (tcflag_t)get_be(b + 0, 4);
    t.c_oflag = (tcflag_t)get_be(b + 4, 4);
    t.c_cflag = (tcflag_t)get_be(b + 8, 4);
    t.c_lflag = (tcflag_t)get_be(b + 12, 4);
    t.c_line = b[16];
    memcpy(t.c_cc, b + 17, S390X_NCCS);
    const int when = req == S390X_TCSETS ? TCSANOW : req == S390X_TCSETSW ? TCSADRAIN : TCSAFLUSH;
    return host_ret(tcsetattr(fd, when, &t));
}

/* An int argument passed by pointer (big-endian s32). */
static int64_t ioctl_int(UserProc *p, int fd, unsigned long req, uint64_t arg, bool out)
{
    uint8_t b[4];
    int v = 0;
    if (!out) {
        int64_t r = user_copy_in(p, b, arg, 4);
        if (r < 0)
            return r;
        v = (int)get_be(b, 4);
    }
    if (ioctl(fd, req, &v) < 0)
        return -errno;
    if (!out)
        return 0;
    put_be(b, 4, (uint32_t)v);
    return user_copy_out(p, arg, b, 4);
}

SYSCALL(ioctl)
{
    const int fd = (int)a[0];
    const unsigned long req = a[1] & 0xFFFFFFFF;
    const uint64_t arg = a[2];
    CHECK_FD(fd);
    switch (req) {
    case S390X_TCGETS: case S390X_TCSETS: case S390X_TCSETSW: case S390X_TCSETSF:
        return ioctl_termios(p, fd, req, arg);
    case S390X_TIOCGWINSZ: case S390X_TIOCSWINSZ: {
        /* struct winsize: 4 x u16. */
        struct winsize w;
        uint8_t b[8];
        if (req == S390X_TIOCSWINSZ) {
            int64_t r = user_copy_in(p, b, arg, 8);
            if (r < 0)
                return r;
            w = (struct winsize){ (unsigned short)get_be(b, 2), (unsigned short)get_be(b + 2, 2),
                                  (unsigned short)get_be(b + 4, 2), (unsigned short)get_be(b + 6, 2) };
            return host_ret(ioctl(fd, TIOCSWINSZ, &w));
        }
        if (ioctl(fd, TIOCGWINSZ, &w) < 0)
            return -errno;
        put_be(b + 0, 2, w.ws_row);
        put_be(b + 2, 2, w.ws_col);
        put_be(b + 4, 2, w.ws_xpixel);
        put_be(b + 6, 2, w.ws_ypixel);
        return user_copy_out(p, arg, b, sizeof(b));
    }
    case S390X_TIOCGPGRP: case S390X_FIONREAD:
        return ioctl_int(p, fd, req, arg, true);
    case S390X_TIOCSPGRP: case S390X_FIONBIO:
        return ioctl_int(p, fd, req, arg, false);
    case S390X_FIOCLEX: case S390X_FIONCLEX:
        return host_ret(ioctl(fd, req));
    }
    if (p->log_flags & (ULOG_UNIMP | ULOG_INT))
        fprintf(user_logf(p), "zemu: unsupported ioctl 0x%lx on fd %d\n", req, fd);
    return -ENOTTY;
}

/* ---- status ------------------------------------------------------------- */

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

SYSCALL(fstat)
{
    struct stat st;
    CHECK_FD(a[0]);
    if (fstat((int)a[0], &st) < 0)
        return -errno;
    return put_stat(p, a[1], &st);
}

static int64_t do_fstatat(UserProc *p, int dirfd, uint64_t path, uint64_t buf, int flags)
{
    GUEST_PATH(path);
    if (is_self_exe(raw))
        hp = p->exe_path;
    struct stat st;
    if (fstatat(dirfd, hp, &st, flags) < 0)
        return -errno;
    return put_stat(p, buf, &st);
}

SYSCALL(stat) { return do_fstatat(p, AT_FDCWD, a[0], a[1], 0); }
SYSCALL(lstat) { return do_fstatat(p, AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW); }
SYSCALL(newfstatat) { return do_fstatat(p, (int)a[0], a[1], a[2], (int)a[3]); }

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

SYSCALL(statx)
{
    GUEST_PATH(a[1]);
    if (is_self_exe(raw))
        hp = p->exe_path;
    struct statx sx;
    if (statx((int)a[0], hp, (int)a[2], (unsigned)a[3], &sx) < 0)
        return -errno;
    uint8_t b[S390X_STATX_SIZE];
    statx_to_s390x(b, &sx);
    return user_copy_out(p, a[4], b, sizeof(b));
}

/* struct statfs of a 64-bit s390x task: f_type and f_bsize are 32-bit:
 * type u32 0, bsize u32 4, blocks 8, bfree 16, bavail 24, files 32,
 * ffree 40, fsid 2 x s32 48, namelen u32 56, frsize u32 60, flags u32 64,
 * spare 4 x u32 68; 88 bytes. */
#define S390X_STATFS_SIZE 88
static int64_t put_statfs(UserProc *p, uint64_t va, const struct statfs *s)
{
    uint8_t b[S390X_STATFS_SIZE] = { 0 };
    int fsid[2];
    memcpy(fsid, &s->f_fsid, sizeof(fsid));
    put_be(b + 0, 4, (uint32_t)s->f_type);
    put_be(b + 4, 4, (uint32_t)s->f_bsize);
    put_be(b + 8, 8, s->f_blocks);
    put_be(b + 16, 8, s->f_bfree);
    put_be(b + 24, 8, s->f_bavail);
    put_be(b + 32, 8, s->f_files);
    put_be(b + 40, 8, s->f_ffree);
    put_be(b + 48, 4, (uint32_t)fsid[0]);
    put_be(b + 52, 4, (uint32_t)fsid[1]);
    put_be(b + 56, 4, (uint32_t)s->f_namelen);
    put_be(b + 60, 4, (uint32_t)s->f_frsize);
    put_be(b + 64, 4, (uint32_t)s->f_flags);
    return user_copy_out(p, va, b, sizeof(b));
}

SYSCALL(statfs)
{
    GUEST_PATH(a[0]);
    struct statfs s;
    if (statfs(hp, &s) < 0)
        return -errno;
    return put_statfs(p, a[1], &s);
}

SYSCALL(fstatfs)
{
    CHECK_FD(a[0]);
    struct statfs s;
    if (fstatfs((int)a[0], &s) < 0)
        return -errno;
    return put_statfs(p, a[1], &s);
}

static int64_t do_readlinkat(UserProc *p, int dirfd, uint64_t path, uint64_t buf, uint64_t size)
{
    GUEST_PATH(path);
    char out[GUEST_PATH_MAX];
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
    int64_t r = user_copy_out(p, buf, out, (uint64_t)n);
    return r < 0 ? r : n;
}

SYSCALL(readlink) { return do_readlinkat(p, AT_FDCWD, a[0], a[1], a[2]); }
SYSCALL(readlinkat) { return do_readlinkat(p, (int)a[0], a[1], a[2], a[3]); }

static int64_t do_faccessat(UserProc *p, int dirfd, uint64_t path, int mode, int flags)
{
    GUEST_PATH(path);
    return host_ret(faccessat(dirfd, hp, mode, flags));
}

SYSCALL(access) { return do_faccessat(p, AT_FDCWD, a[0], (int)a[1], 0); }
SYSCALL(faccessat) { return do_faccessat(p, (int)a[0], a[1], (int)a[2], 0); }
SYSCALL(faccessat2) { return do_faccessat(p, (int)a[0], a[1], (int)a[2], (int)a[3]); }

/* ---- directories -------------------------------------------------------- */

/* struct linux_dirent64 has one layout on every 64-bit architecture
 * (d_ino u64 0, d_off s64 8, d_reclen u16 16, d_type u8 18, d_name 19),
 * so the host's records fit the guest's buffer one for one: only the
 * numbers change byte order. */
SYSCALL(getdents64)
{
    const int fd = (int)a[0];
    uint64_t n = a[2];
    CHECK_FD(fd);
    if (n > USER_IO_MAX)
        n = USER_IO_MAX;
    if (!user_range_ok(p, a[1], n, true))
        return -EFAULT;
    uint8_t *b = malloc(n ? n : 1);
    if (!b)
        return -ENOMEM;
    long r = syscall(SYS_getdents64, fd, b, n);
    int64_t ret = host_ret(r);
    for (long off = 0; off + 19 <= r;) {
        uint8_t *d = b + off;
        uint64_t ino, doff;
        uint16_t reclen;
        memcpy(&ino, d, 8);
        memcpy(&doff, d + 8, 8);
        memcpy(&reclen, d + 16, 2);
        put_be(d, 8, ino);
        put_be(d + 8, 8, doff);
        put_be(d + 16, 2, reclen);
        if (reclen == 0)
            break;
        off += reclen;
    }
    if (r > 0 && user_copy_out(p, a[1], b, (uint64_t)r) < 0)
        ret = -EFAULT;
    free(b);
    return ret;
}

SYSCALL(getcwd)
{
    char cwd[GUEST_PATH_MAX];
    if (!getcwd(cwd, sizeof(cwd)))
        return -errno;
    uint64_t n = strlen(cwd) + 1;
    if (n > a[1])
        return -ERANGE;
    int64_t r = user_copy_out(p, a[0], cwd, n);
    return r < 0 ? r : (int64_t)n;
}

SYSCALL(chdir)
{
    GUEST_PATH(a[0]);
    return host_ret(chdir(hp));
}

SYSCALL(fchdir)
{
    CHECK_FD(a[0]);
    return host_ret(fchdir((int)a[0]));
}

SYSCALL(mkdir)
{
    GUEST_PATH(a[0]);
    return host_ret(mkdir(hp, (mode_t)a[1]));
}

SYSCALL(mkdirat)
{
    GUEST_PATH(a[1]);
    return host_ret(mkdirat((int)a[0], hp, (mode_t)a[2]));
}

SYSCALL(rmdir)
{
    GUEST_PATH(a[0]);
    return host_ret(rmdir(hp));
}

SYSCALL(unlink)
{
    GUEST_PATH(a[0]);
    return host_ret(unlink(hp));
}

SYSCALL(unlinkat)
{
    GUEST_PATH(a[1]);
    return host_ret(unlinkat((int)a[0], hp, (int)a[2]));
}

/* Two-path calls: both through the sysroot. */
static int64_t two_paths(UserProc *p, uint64_t va1, uint64_t va2, char *raw1, char *hb1,
                         const char **hp1, char *hb2, const char **hp2)
{
    char raw2[GUEST_PATH_MAX];
    int64_t r = user_get_path(p, va1, raw1, hb1, hp1);
    return r < 0 ? r : user_get_path(p, va2, raw2, hb2, hp2);
}

#define TWO_PATHS(va1, va2)                                                      \
    char raw1[GUEST_PATH_MAX], hb1[HOST_PATH_MAX], hb2[HOST_PATH_MAX];           \
    const char *hp1, *hp2;                                                       \
    do {                                                                         \
        int64_t r_ = two_paths(p, (va1), (va2), raw1, hb1, &hp1, hb2, &hp2);     \
        if (r_ < 0)                                                              \
            return r_;                                                           \
    } while (0)

SYSCALL(rename)
{
    TWO_PATHS(a[0], a[1]);
    return host_ret(rename(hp1, hp2));
}

SYSCALL(renameat)
{
    TWO_PATHS(a[1], a[3]);
    return host_ret(renameat((int)a[0], hp1, (int)a[2], hp2));
}

SYSCALL(renameat2)
{
    TWO_PATHS(a[1], a[3]);
    return host_ret(renameat2((int)a[0], hp1, (int)a[2], hp2, (unsigned)a[4]));
}

SYSCALL(link)
{
    TWO_PATHS(a[0], a[1]);
    return host_ret(link(hp1, hp2));
}

SYSCALL(linkat)
{
    TWO_PATHS(a[1], a[3]);
    return host_ret(linkat((int)a[0], hp1, (int)a[2], hp2, (int)a[4]));
}

/* symlink: the target is stored as the guest wrote it (it is resolved
 * later, in the guest's view); only the link's own path is translated. */
SYSCALL(symlink)
{
    char target[GUEST_PATH_MAX];
    int64_t r = user_copy_str(p, target, a[0], sizeof(target));
    if (r < 0)
        return r;
    GUEST_PATH(a[1]);
    return host_ret(symlink(target, hp));
}

SYSCALL(symlinkat)
{
    char target[GUEST_PATH_MAX];
    int64_t r = user_copy_str(p, target, a[0], sizeof(target));
    if (r < 0)
        return r;
    GUEST_PATH(a[2]);
    return host_ret(symlinkat(target, (int)a[1], hp));
}

SYSCALL(chmod)
{
    GUEST_PATH(a[0]);
    return host_ret(chmod(hp, (mode_t)a[1]));
}

SYSCALL(fchmod)
{
    CHECK_FD(a[0]);
    return host_ret(fchmod((int)a[0], (mode_t)a[1]));
}

SYSCALL(fchmodat)
{
    GUEST_PATH(a[1]);
    return host_ret(fchmodat((int)a[0], hp, (mode_t)a[2], 0));
}

SYSCALL(chown)
{
    GUEST_PATH(a[0]);
    return host_ret(chown(hp, (uid_t)a[1], (gid_t)a[2]));
}

SYSCALL(lchown)
{
    GUEST_PATH(a[0]);
    return host_ret(lchown(hp, (uid_t)a[1], (gid_t)a[2]));
}

SYSCALL(fchown)
{
    CHECK_FD(a[0]);
    return host_ret(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

SYSCALL(fchownat)
{
    GUEST_PATH(a[1]);
    return host_ret(fchownat((int)a[0], hp, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

/* utimensat(dirfd, path or NULL, struct timespec times[2] or NULL, flags) */
SYSCALL(utimensat)
{
    struct timespec ts[2];
    if (a[2]) {
        for (int i = 0; i < 2; i++) {
            int64_t r = user_get_timespec(p, a[2] + 16 * i, &ts[i]);
            if (r < 0)
                return r;
        }
    }
    if (!a[1]) {
        CHECK_FD(a[0]);
        return host_ret(futimens((int)a[0], a[2] ? ts : NULL));
    }
    GUEST_PATH(a[1]);
    return host_ret(utimensat((int)a[0], hp, a[2] ? ts : NULL, (int)a[3]));
}

SYSCALL(truncate)
{
    GUEST_PATH(a[0]);
    return host_ret(truncate(hp, (off_t)a[1]));
}

SYSCALL(ftruncate)
{
    CHECK_FD(a[0]);
    return host_ret(ftruncate((int)a[0], (off_t)a[1]));
}

SYSCALL(fallocate)
{
    CHECK_FD(a[0]);
    return host_ret(fallocate((int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3]));
}

SYSCALL(fsync)
{
    CHECK_FD(a[0]);
    return host_ret(fsync((int)a[0]));
}

SYSCALL(fdatasync)
{
    CHECK_FD(a[0]);
    return host_ret(fdatasync((int)a[0]));
}

SYSCALL(sync)
{
    (void)p;
    (void)a;
    sync();
    return 0;
}

/* ---- waiting for descriptors -------------------------------------------- */

/* poll/ppoll: struct pollfd is {s32 fd, s16 events, s16 revents}. */
static int64_t do_poll(UserProc *p, uint64_t fds, uint64_t nfds, const struct timespec *timeout,
                       uint64_t sigmask, uint64_t sigsetsize)
{
    if (nfds > 4096)
        return -EINVAL;
    uint8_t *b = malloc(8 * nfds + 1);
    struct pollfd *h = calloc(nfds + 1, sizeof(*h));
    int64_t r = -ENOMEM;
    if (!b || !h)
        goto out;
    if ((r = user_copy_in(p, b, fds, 8 * nfds)) < 0)
        goto out;
    for (uint64_t i = 0; i < nfds; i++) {
        h[i].fd = (int)get_be(b + 8 * i, 4);
        h[i].events = (short)get_be(b + 8 * i + 4, 2);
        if (user_fd_reserved(p, h[i].fd))
            h[i].fd = -1;
    }
    sigset_t hmask, *hm = NULL;
    if (sigmask) {
        if ((r = user_sig_host_set(p, sigmask, sigsetsize, &hmask)) < 0)
            goto out;
        hm = &hmask;
    }
    r = host_ret(ppoll(h, nfds, timeout, hm));
    for (uint64_t i = 0; r >= 0 && i < nfds; i++)
        put_be(b + 8 * i + 6, 2, (uint16_t)h[i].revents);
    if (r >= 0 && user_copy_out(p, fds, b, 8 * nfds) < 0)
        r = -EFAULT;
out:
    free(b);
    free(h);
    return r;
}

SYSCALL(poll)
{
    const int ms = (int)a[2];
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
    return do_poll(p, a[0], a[1], ms < 0 ? NULL : &ts, 0, 0);
}

SYSCALL(ppoll)
{
    struct timespec ts;
    if (a[2]) {
        int64_t r = user_get_timespec(p, a[2], &ts);
        if (r < 0)
            return r;
    }
    return do_poll(p, a[0], a[1], a[2] ? &ts : NULL, a[3], a[4]);
}

/* fd_set: an array of 64-bit words, bit i of word i/64 for fd i; the same
 * bit numbering on both sides, only each word's byte order differs. */
static int64_t fdset_in(UserProc *p, uint64_t va, int nfds, fd_set *s)
{
    FD_ZERO(s);
    if (!va)
        return 0;
    const unsigned words = ((unsigned)nfds + 63) / 64;
    uint8_t b[FD_SETSIZE / 8];
    int64_t r = user_copy_in(p, b, va, 8ull * words);
    if (r < 0)
        return r;
    for (int fd = 0; fd < nfds; fd++)
        if (get_be(b + 8 * (fd / 64), 8) >> (fd % 64) & 1) {
            if (user_fd_reserved(p, fd))
                return -EBADF;
            FD_SET(fd, s);
        }
    return 0;
}

static int64_t fdset_out(UserProc *p, uint64_t va, int nfds, const fd_set *s)
{
    if (!va)
        return 0;
    const unsigned words = ((unsigned)nfds + 63) / 64;
    uint8_t b[FD_SETSIZE / 8] = { 0 };
    for (unsigned w = 0; w < words; w++) {
        uint64_t v = 0;
        for (int k = 0; k < 64 && 64 * (int)w + k < nfds; k++)
            if (FD_ISSET(64 * (int)w + k, s))
                v |= 1ULL << k;
        put_be(b + 8 * w, 8, v);
    }
    return user_copy_out(p, va, b, 8ull * words);
}

static int64_t do_select(UserProc *p, const uint64_t a[6], struct timespec *timeout,
                         const sigset_t *mask)
{
    const int nfds = (int)a[0];
    if (nfds < 0 || nfds > FD_SETSIZE)
        return -EINVAL;
    fd_set set[3];
    for (int i = 0; i < 3; i++) {
        int64_t r = fdset_in(p, a[1 + i], nfds, &set[i]);
        if (r < 0)
            return r;
    }
    int64_t r = host_ret(pselect(nfds, &set[0], &set[1], &set[2], timeout, mask));
    for (int i = 0; r >= 0 && i < 3; i++)
        if (fdset_out(p, a[1 + i], nfds, &set[i]) < 0)
            return -EFAULT;
    return r;
}

/* select(nfds, r, w, e, struct timeval *) : timeval {s64 sec, s64 usec};
 * Linux writes the time left back. */
SYSCALL(select)
{
    struct timespec ts;
    if (a[4]) {
        int64_t r = user_get_timespec(p, a[4], &ts);
        if (r < 0)
            return r;
        if (ts.tv_nsec < 0 || ts.tv_nsec >= 1000000 || ts.tv_sec < 0)
            return -EINVAL;
        ts.tv_nsec *= 1000;
    }
    int64_t r = do_select(p, a, a[4] ? &ts : NULL, NULL);
    if (r >= 0 && a[4] && user_put_timespec(p, a[4], ts.tv_sec, ts.tv_nsec / 1000) < 0)
        return -EFAULT;
    return r;
}

/* pselect6(nfds, r, w, e, struct timespec *, {sigset_t *, size_t} *) */
SYSCALL(pselect6)
{
    struct timespec ts;
    if (a[4]) {
        int64_t r = user_get_timespec(p, a[4], &ts);
        if (r < 0)
            return r;
    }
    sigset_t hmask, *hm = NULL;
    if (a[5]) {
        uint8_t b[16];
        int64_t r = user_copy_in(p, b, a[5], 16);
        if (r < 0)
            return r;
        if (get_be(b, 8)) {
            if ((r = user_sig_host_set(p, get_be(b, 8), get_be(b + 8, 8), &hmask)) < 0)
                return r;
            hm = &hmask;
        }
    }
    int64_t r = do_select(p, a, a[4] ? &ts : NULL, hm);
    if (r >= 0 && a[4] && user_put_timespec(p, a[4], ts.tv_sec, ts.tv_nsec) < 0)
        return -EFAULT;
    return r;
}
