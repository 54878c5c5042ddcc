/* Linux s390x syscall translation (src/user/syscall.c) on a UEnv: guest
 * buffers in DAT-mapped guest pages, results checked against the host's
 * own view (pipes, a temporary file) and against the s390x structure
 * layouts written out by hand from the kernel's uapi headers:
 *   struct stat (s390x): dev 0, ino 8, nlink 16, mode 24 (u32), uid 28,
 *     gid 32, rdev 40, size 48, atime 56/64, mtime 72/80, ctime 88/96,
 *     blksize 104, blocks 112; 144 bytes.
 *   struct statx: mask 0, blksize 4, nlink 0x10, uid 0x14, gid 0x18,
 *     mode 0x1C (u16), ino 0x20, size 0x28, blocks 0x30, mtime 0x70.
 *   struct new_utsname: 6 fields of 65 bytes; machine is the 5th (260). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "access/access.h"
#include "test.h"
#include "uenv.h"
#include "user/run.h"
#include "user/signal.h"

#define POLLIN_BITS 1             /* POLLIN: the generic value, s390x too */
#include "user/syscall.h"

#define RW 0x100000ULL          /* 4 pages read/write */
#define RO 0x200000ULL          /* 1 page read-only */

typedef struct {
    UEnv *e;
    UserProc p;
} Ctx;

static Ctx *ctx_new(void)
{
    Ctx *c = calloc(1, sizeof(*c));
    c->e = uenv_started(64 << 20, 0x300000);
    user_proc_init(&c->p, &c->e->vm, &c->e->cpu);
    vmem_map(&c->e->vm, RW, 4 * PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_WRITE, VMA_ANON);
    vmem_map(&c->e->vm, RO, PAGE_SIZE, VMEM_PROT_READ, VMA_ANON);
    return c;
}

static void ctx_free(Ctx *c)
{
    uenv_free(c->e);
    free(c);
}

static int64_t sc(Ctx *c, unsigned nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                  uint64_t a4)
{
    const uint64_t a[6] = { a0, a1, a2, a3, a4, 0 };
    return user_syscall(&c->p, nr, a);
}

static void gput(Ctx *c, uint64_t va, const void *b, size_t n)
{
    CHECK_EQ(vmem_write(&c->e->vm, va, b, n), 0);
}

static uint64_t gbe(Ctx *c, uint64_t va, unsigned n)
{
    uint8_t b[8];
    if (vmem_read(&c->e->vm, va, b, n) < 0)
        return ~0ULL;
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | b[i];
    return v;
}

static void gput_be(Ctx *c, uint64_t va, unsigned n, uint64_t v)
{
    uint8_t b[8];
    for (unsigned i = 0; i < n; i++)
        b[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    gput(c, va, b, n);
}

TEST(user_syscall_write_read_pipe)
{
    Ctx *c = ctx_new();
    int fd[2];
    CHECK_EQ(pipe(fd), 0);
    gput(c, RW, "hello", 5);
    CHECK_EQ(sc(c, UNR_write, (uint64_t)fd[1], RW, 5, 0, 0), 5);
    char b[8] = { 0 };
    CHECK_EQ(read(fd[0], b, 8), 5);
    CHECK_MEM(b, "hello", 5);
    /* read: host bytes land in guest storage */
    CHECK_EQ(write(fd[1], "xyz", 3), 3);
    CHECK_EQ(sc(c, UNR_read, (uint64_t)fd[0], RW + 100, 64, 0, 0), 3);
    CHECK_EQ(gbe(c, RW + 100, 3), 0x78797AULL);
    /* A buffer crossing from a mapped into an unmapped page: -EFAULT, and
     * write sends nothing. */
    CHECK_EQ(sc(c, UNR_write, (uint64_t)fd[1], RW + 4 * PAGE_SIZE - 2, 4, 0, 0), -EFAULT);
    /* read into a read-only page: -EFAULT before anything is consumed */
    CHECK_EQ(write(fd[1], "q", 1), 1);
    CHECK_EQ(sc(c, UNR_read, (uint64_t)fd[0], RO, 1, 0, 0), -EFAULT);
    CHECK_EQ(read(fd[0], b, 1), 1);
    CHECK_EQ(b[0], 'q');
    /* a bad fd is the host's -EBADF */
    CHECK_EQ(sc(c, UNR_write, 999, RW, 1, 0, 0), -EBADF);
    close(fd[0]);
    close(fd[1]);
    ctx_free(c);
}

TEST(user_syscall_writev_readv)
{
    Ctx *c = ctx_new();
    int fd[2];
    CHECK_EQ(pipe(fd), 0);
    gput(c, RW + 0x100, "abc", 3);
    gput(c, RW + 0x200, "defg", 4);
    /* struct iovec {u64 base; u64 len} x 2, big-endian */
    gput_be(c, RW, 8, RW + 0x100);
    gput_be(c, RW + 8, 8, 3);
    gput_be(c, RW + 16, 8, RW + 0x200);
    gput_be(c, RW + 24, 8, 4);
    CHECK_EQ(sc(c, UNR_writev, (uint64_t)fd[1], RW, 2, 0, 0), 7);
    char b[8];
    CHECK_EQ(read(fd[0], b, 8), 7);
    CHECK_MEM(b, "abcdefg", 7);
    /* readv scatters back: 3 bytes then 4 */
    CHECK_EQ(write(fd[1], "1234567", 7), 7);
    gput_be(c, RW + 8, 8, 2);
    CHECK_EQ(sc(c, UNR_readv, (uint64_t)fd[0], RW, 2, 0, 0), 6);
    CHECK_EQ(gbe(c, RW + 0x100, 3), 0x313263ULL);       /* "12" then old 'c' */
    CHECK_EQ(gbe(c, RW + 0x200, 4), 0x33343536ULL);
    /* an iovec pointing at unmapped storage */
    gput_be(c, RW + 16, 8, 0x7000000);
    CHECK_EQ(sc(c, UNR_writev, (uint64_t)fd[1], RW, 2, 0, 0), -EFAULT);
    close(fd[0]);
    close(fd[1]);
    ctx_free(c);
}

static char tmpl[64];
static int make_file(const char *content, size_t n)
{
    strcpy(tmpl, "/tmp/zemu-sc-XXXXXX");
    int fd = mkstemp(tmpl);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, content, n), (ssize_t)n);
    return fd;
}

TEST(user_syscall_open_stat_lseek)
{
    Ctx *c = ctx_new();
    char data[5000];
    for (int i = 0; i < 5000; i++)
        data[i] = (char)('a' + i % 26);
    int hfd = make_file(data, sizeof(data));
    close(hfd);
    gput(c, RW, tmpl, strlen(tmpl) + 1);
    int64_t fd = sc(c, UNR_openat, (uint64_t)(int64_t)AT_FDCWD, RW, O_RDONLY, 0, 0);
    CHECK(fd >= 0);
    struct stat st;
    CHECK_EQ(stat(tmpl, &st), 0);
    /* fstat: the s390x layout, big-endian */
    CHECK_EQ(sc(c, UNR_fstat, (uint64_t)fd, RW + 0x400, 0, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0x400 + 48, 8), 5000);
    CHECK_EQ(gbe(c, RW + 0x400 + 24, 4), st.st_mode);
    CHECK_EQ(gbe(c, RW + 0x400 + 8, 8), st.st_ino);
    CHECK_EQ(gbe(c, RW + 0x400 + 16, 8), st.st_nlink);
    CHECK_EQ(gbe(c, RW + 0x400 + 28, 4), st.st_uid);
    CHECK_EQ(gbe(c, RW + 0x400 + 72, 8), (uint64_t)st.st_mtim.tv_sec);
    CHECK_EQ(gbe(c, RW + 0x400 + 104, 8), (uint64_t)st.st_blksize);
    CHECK_EQ(gbe(c, RW + 0x400 + 112, 8), (uint64_t)st.st_blocks);
    /* newfstatat by path */
    CHECK_EQ(sc(c, UNR_newfstatat, (uint64_t)(int64_t)AT_FDCWD, RW, RW + 0x600, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0x600 + 48, 8), 5000);
    /* statx */
    CHECK_EQ(sc(c, UNR_statx, (uint64_t)(int64_t)AT_FDCWD, RW, 0, 0x7FF, RW + 0x800), 0);
    CHECK_EQ(gbe(c, RW + 0x800 + 0x28, 8), 5000);
    CHECK_EQ(gbe(c, RW + 0x800 + 0x1C, 2), st.st_mode & 0xFFFF);
    CHECK_EQ(gbe(c, RW + 0x800 + 0x20, 8), st.st_ino);
    CHECK_EQ(gbe(c, RW + 0x800 + 0x70, 8), (uint64_t)st.st_mtim.tv_sec);
    /* stat into a read-only page: -EFAULT */
    CHECK_EQ(sc(c, UNR_fstat, (uint64_t)fd, RO, 0, 0, 0), -EFAULT);
    /* lseek + read */
    CHECK_EQ(sc(c, UNR_lseek, (uint64_t)fd, 26, SEEK_SET, 0, 0), 26);
    CHECK_EQ(sc(c, UNR_read, (uint64_t)fd, RW + 0x1000, 3, 0, 0), 3);
    CHECK_EQ(gbe(c, RW + 0x1000, 3), 0x616263ULL);
    CHECK_EQ(sc(c, UNR_pread64, (uint64_t)fd, RW + 0x1000, 2, 27, 0), 2);
    CHECK_EQ(gbe(c, RW + 0x1000, 2), 0x6263ULL);
    CHECK_EQ(sc(c, UNR_close, (uint64_t)fd, 0, 0, 0, 0), 0);
    CHECK_EQ(sc(c, UNR_close, (uint64_t)fd, 0, 0, 0, 0), -EBADF);
    /* a missing file and a path in unmapped storage */
    gput(c, RW, "/nonexistent/zemu", 18);
    CHECK_EQ(sc(c, UNR_openat, (uint64_t)(int64_t)AT_FDCWD, RW, O_RDONLY, 0, 0), -ENOENT);
    CHECK_EQ(sc(c, UNR_open, 0x7000000, O_RDONLY, 0, 0, 0), -EFAULT);
    unlink(tmpl);
    ctx_free(c);
}

/* -L: an absolute path is looked up under the sysroot first, then as
 * given. */
TEST(user_syscall_sysroot_paths)
{
    Ctx *c = ctx_new();
    char root[] = "/tmp/zemu-root-XXXXXX";
    CHECK(mkdtemp(root) != NULL);
    char sub[128], file[160];
    snprintf(sub, sizeof(sub), "%s/etc", root);
    CHECK_EQ(mkdir(sub, 0755), 0);
    snprintf(file, sizeof(file), "%s/etc/zemu-only-here", root);
    int fd = open(file, O_CREAT | O_WRONLY, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "R", 1), 1);
    close(fd);
    c->p.sysroot = root;
    char buf[512];
    CHECK(strcmp(user_host_path(&c->p, "/etc/zemu-only-here", buf, sizeof(buf)), file) == 0);
    /* absent under the root: the host path itself */
    CHECK(strcmp(user_host_path(&c->p, "/etc/hostname-zemu-x", buf, sizeof(buf)),
                 "/etc/hostname-zemu-x") == 0);
    /* relative paths are never redirected */
    CHECK(strcmp(user_host_path(&c->p, "etc/zemu-only-here", buf, sizeof(buf)),
                 "etc/zemu-only-here") == 0);
    gput(c, RW, "/etc/zemu-only-here", 20);
    int64_t gfd = sc(c, UNR_openat, (uint64_t)(int64_t)AT_FDCWD, RW, O_RDONLY, 0, 0);
    CHECK(gfd >= 0);
    CHECK_EQ(sc(c, UNR_read, (uint64_t)gfd, RW + 0x100, 4, 0, 0), 1);
    CHECK_EQ(gbe(c, RW + 0x100, 1), 'R');
    sc(c, UNR_close, (uint64_t)gfd, 0, 0, 0, 0);
    unlink(file);
    rmdir(sub);
    rmdir(root);
    ctx_free(c);
}

/* mmap takes a pointer to six big-endian longs on s390x. */
static int64_t mmap6(Ctx *c, uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
    const uint64_t v[6] = { addr, len, (uint64_t)prot, (uint64_t)flags, (uint64_t)(int64_t)fd, off };
    for (int i = 0; i < 6; i++)
        gput_be(c, RW + 0x3000 + 8 * i, 8, v[i]);
    return sc(c, UNR_mmap, RW + 0x3000, 0, 0, 0, 0);
}

static int guest_access(Ctx *c, uint64_t va, AccessKind k)
{
    StorageAccess sa;
    return access_prepare(&c->e->cpu, &sa, va, 1, k, AS_PRIMARY, 0);
}

TEST(user_syscall_mmap_family)
{
    Ctx *c = ctx_new();
    /* anonymous, private, RW: zero, writable through the CPU's view */
    int64_t a = mmap6(c, 0, 10000, 3, 0x22, -1, 0);
    CHECK(a > 0 && (a & 0xFFF) == 0);
    CHECK_EQ(gbe(c, (uint64_t)a + 9000, 8), 0);
    CHECK_EQ(guest_access(c, (uint64_t)a + 8192, ACC_STORE), 0);
    /* mprotect read-only: a store is a protection exception */
    CHECK_EQ(sc(c, UNR_mprotect, (uint64_t)a, 4096, 1, 0, 0), 0);
    CHECK_EQ(guest_access(c, (uint64_t)a, ACC_STORE), PGM_PROTECTION);
    CHECK_EQ(guest_access(c, (uint64_t)a, ACC_FETCH), 0);
    /* munmap: the guest then faults, and syscalls see -EFAULT */
    CHECK_EQ(sc(c, UNR_munmap, (uint64_t)a, 12288, 0, 0, 0), 0);
    CHECK_EQ(guest_access(c, (uint64_t)a, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(sc(c, UNR_write, 1, (uint64_t)a, 1, 0, 0), -EFAULT);
    /* invalid: length 0, unaligned offset, neither shared nor private */
    CHECK_EQ(mmap6(c, 0, 0, 3, 0x22, -1, 0), -EINVAL);
    CHECK_EQ(mmap6(c, 0, 4096, 3, 0x22, -1, 12), -EINVAL);
    CHECK_EQ(mmap6(c, 0, 4096, 3, 0x20, -1, 0), -EINVAL);
    /* MAP_FIXED at a chosen address */
    CHECK_EQ(mmap6(c, 0x5000000, 4096, 3, 0x32, -1, 0), 0x5000000);
    /* file-backed, read-only, from offset 4096: the file's bytes, zero
     * after EOF, and the protection applied */
    char data[6000];
    for (int i = 0; i < 6000; i++)
        data[i] = (char)(i * 7);
    int fd = make_file(data, sizeof(data));
    int64_t f = mmap6(c, 0, 8192, 1, 0x02, fd, 4096);
    CHECK(f > 0);
    uint8_t got[1904];
    CHECK_EQ(vmem_read(&c->e->vm, (uint64_t)f, got, sizeof(got)), 0);
    CHECK_MEM(got, data + 4096, sizeof(got));
    CHECK_EQ(gbe(c, (uint64_t)f + 1904, 8), 0);
    CHECK_EQ(guest_access(c, (uint64_t)f, ACC_STORE), PGM_PROTECTION);
    CHECK_EQ(mmap6(c, 0, 4096, 1, 0x02, 999, 0), -EBADF);
    close(fd);
    unlink(tmpl);
    /* mremap grows (moving if needed) and keeps the contents */
    int64_t m = mmap6(c, 0, 4096, 3, 0x22, -1, 0);
    gput(c, (uint64_t)m, "keep", 4);
    int64_t m2 = sc(c, UNR_mremap, (uint64_t)m, 4096, 3 * 4096, 1, 0);
    CHECK(m2 > 0);
    CHECK_EQ(gbe(c, (uint64_t)m2, 4), 0x6B656570ULL);
    CHECK_EQ(guest_access(c, (uint64_t)m2 + 2 * 4096, ACC_STORE), 0);
    ctx_free(c);
}

TEST(user_syscall_brk)
{
    Ctx *c = ctx_new();
    vmem_brk_init(&c->e->vm, 0x800000);
    CHECK_EQ(sc(c, UNR_brk, 0, 0, 0, 0, 0), 0x800000);
    CHECK_EQ(sc(c, UNR_brk, 0x803000, 0, 0, 0, 0), 0x803000);
    CHECK_EQ(guest_access(c, 0x802FFF, ACC_STORE), 0);
    /* below the start: unchanged */
    CHECK_EQ(sc(c, UNR_brk, 0x100, 0, 0, 0, 0), 0x803000);
    ctx_free(c);
}

TEST(user_syscall_identity_and_time)
{
    Ctx *c = ctx_new();
    CHECK_EQ(sc(c, UNR_getpid, 0, 0, 0, 0, 0), getpid());
    CHECK_EQ(sc(c, UNR_gettid, 0, 0, 0, 0, 0), getpid());
    CHECK_EQ(sc(c, UNR_getuid, 0, 0, 0, 0, 0), getuid());
    CHECK_EQ(sc(c, UNR_geteuid, 0, 0, 0, 0, 0), geteuid());
    CHECK_EQ(sc(c, UNR_getgid, 0, 0, 0, 0, 0), getgid());
    CHECK_EQ(sc(c, UNR_getegid, 0, 0, 0, 0, 0), getegid());
    CHECK_EQ(sc(c, UNR_set_tid_address, RW, 0, 0, 0, 0), getpid());
    CHECK_EQ(c->p.clear_child_tid, RW);
    CHECK_EQ(sc(c, UNR_set_robust_list, RW, 24, 0, 0, 0), 0);
    CHECK_EQ(sc(c, UNR_rseq, RW, 32, 0, 0, 0), -ENOSYS);
    /* uname: machine "s390x" in the fifth 65-byte field */
    CHECK_EQ(sc(c, UNR_uname, RW, 0, 0, 0, 0), 0);
    char u[S390X_UTSNAME_SIZE];
    CHECK_EQ(vmem_read(&c->e->vm, RW, u, sizeof(u)), 0);
    CHECK(strcmp(u, "Linux") == 0);
    CHECK(strcmp(u + 4 * 65, "s390x") == 0);
    /* clock_gettime: {s64 sec, s64 nsec} big-endian, close to the host's */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    CHECK_EQ(sc(c, UNR_clock_gettime, CLOCK_REALTIME, RW + 0x100, 0, 0, 0), 0);
    int64_t gs = (int64_t)gbe(c, RW + 0x100, 8), gns = (int64_t)gbe(c, RW + 0x108, 8);
    CHECK(gs >= ts.tv_sec && gs <= ts.tv_sec + 2);
    CHECK(gns >= 0 && gns < 1000000000);
    CHECK_EQ(sc(c, UNR_clock_gettime, CLOCK_REALTIME, RO, 0, 0, 0), -EFAULT);
    CHECK_EQ(sc(c, UNR_gettimeofday, RW + 0x200, 0, 0, 0, 0), 0);
    CHECK((int64_t)gbe(c, RW + 0x200, 8) >= ts.tv_sec);
    CHECK(gbe(c, RW + 0x208, 8) < 1000000);
    /* getrandom fills the buffer (64 random bytes are not all zero) */
    CHECK_EQ(sc(c, UNR_getrandom, RW + 0x300, 64, 0, 0, 0), 64);
    uint64_t or = 0;
    for (int i = 0; i < 8; i++)
        or |= gbe(c, RW + 0x300 + 8 * i, 8);
    CHECK(or != 0);
    CHECK_EQ(sc(c, UNR_getrandom, RO, 16, 0, 0, 0), -EFAULT);
    /* prlimit64(0, RLIMIT_NOFILE=7, NULL, old): the host's limits */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    CHECK_EQ(sc(c, UNR_prlimit64, 0, 7, 0, RW + 0x400, 0), 0);
    CHECK_EQ(gbe(c, RW + 0x400, 8), rl.rlim_cur);
    CHECK_EQ(gbe(c, RW + 0x408, 8), rl.rlim_max);
    /* sysinfo: totalram at 32 and mem_unit at 104 match the host's */
    struct sysinfo si;
    CHECK_EQ(sysinfo(&si), 0);
    CHECK_EQ(sc(c, UNR_sysinfo, RW + 0x500, 0, 0, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0x500 + 32, 8), si.totalram);
    CHECK_EQ(gbe(c, RW + 0x500 + 104, 4), si.mem_unit);
    CHECK_EQ(sc(c, UNR_sysinfo, RO, 0, 0, 0, 0), -EFAULT);
    ctx_free(c);
}

TEST(user_syscall_readlink_self_exe)
{
    Ctx *c = ctx_new();
    strcpy(c->p.exe_path, "/opt/guest/prog");
    gput(c, RW, "/proc/self/exe", 15);
    CHECK_EQ(sc(c, UNR_readlinkat, (uint64_t)(int64_t)AT_FDCWD, RW, RW + 0x100, 256, 0), 15);
    char b[16] = { 0 };
    CHECK_EQ(vmem_read(&c->e->vm, RW + 0x100, b, 15), 0);
    CHECK_MEM(b, "/opt/guest/prog", 15);
    /* truncated to the buffer, no NUL (readlink semantics) */
    CHECK_EQ(sc(c, UNR_readlink, RW, RW + 0x200, 4, 0, 0), 4);
    CHECK_EQ(gbe(c, RW + 0x200, 4), 0x2F6F7074ULL);
    ctx_free(c);
}

TEST(user_syscall_signals_recorded)
{
    Ctx *c = ctx_new();
    /* struct sigaction (s390x kernel): handler, flags, restorer, mask */
    gput_be(c, RW, 8, 0x1234000);
    gput_be(c, RW + 8, 8, 0x04000000);
    gput_be(c, RW + 16, 8, 0x1235000);
    gput_be(c, RW + 24, 8, 0x2);
    CHECK_EQ(sc(c, UNR_rt_sigaction, 11, RW, 0, 8, 0), 0);
    CHECK_EQ(sc(c, UNR_rt_sigaction, 11, 0, RW + 0x100, 8, 0), 0);
    CHECK_EQ(gbe(c, RW + 0x100, 8), 0x1234000);
    CHECK_EQ(gbe(c, RW + 0x118, 8), 0x2);
    CHECK_EQ(sc(c, UNR_rt_sigaction, 9, RW, 0, 8, 0), -EINVAL);   /* SIGKILL */
    CHECK_EQ(sc(c, UNR_rt_sigaction, 11, RW, 0, 16, 0), -EINVAL); /* sigsetsize */
    /* rt_sigprocmask: SIG_BLOCK 0, SIG_UNBLOCK 1, SIG_SETMASK 2 */
    gput_be(c, RW + 0x200, 8, 0x5 | (1ULL << 8));
    CHECK_EQ(sc(c, UNR_rt_sigprocmask, 0, RW + 0x200, 0, 8, 0), 0);
    CHECK_EQ(c->p.sigmask, 0x5);            /* SIGKILL's bit cannot be blocked */
    gput_be(c, RW + 0x200, 8, 0x1);
    CHECK_EQ(sc(c, UNR_rt_sigprocmask, 1, RW + 0x200, RW + 0x208, 8, 0), 0);
    CHECK_EQ(gbe(c, RW + 0x208, 8), 0x5);
    CHECK_EQ(c->p.sigmask, 0x4);
    ctx_free(c);
}

TEST(user_syscall_unknown_and_exit)
{
    Ctx *c = ctx_new();
    CHECK_EQ(sc(c, 9999, 0, 0, 0, 0, 0), -ENOSYS);
    CHECK_EQ(sc(c, 7, 0, 0, 0, 0, 0), -ENOSYS);     /* a number s390x never assigned */
    CHECK(!c->p.exited);
    sc(c, UNR_exit_group, 0x1FF, 0, 0, 0, 0);
    CHECK(c->p.exited);
    CHECK_EQ(c->p.exit_status, 0xFF);               /* low 8 bits */
    ctx_free(c);
}

/* user_svc: the number from the SVC (or GR1 for SVC 0), args r2..r7,
 * result in r2, every other register preserved. */
TEST(user_syscall_svc_register_convention)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    for (int i = 0; i < 16; i++)
        cpu->gr[i] = 0x1000 + i;
    cpu->gr[1] = UNR_getpid;
    CHECK_EQ(user_svc(&c->p, 0), 0);
    CHECK_EQ(cpu->gr[2], getpid());
    CHECK_EQ(cpu->gr[1], UNR_getpid);
    for (int i = 0; i < 16; i++)
        if (i != 1 && i != 2)
            CHECK_EQ(cpu->gr[i], 0x1000 + i);
    cpu->gr[1] = 0xFFFF0000 | UNR_getuid;   /* only the low 16 bits count */
    CHECK_EQ(user_svc(&c->p, 0), 0);
    CHECK_EQ(cpu->gr[2], getuid());
    cpu->gr[2] = 9999;
    CHECK_EQ(user_svc(&c->p, UNR_close), 0);  /* SVC 6: close(9999) */
    CHECK_EQ(cpu->gr[2], (uint64_t)-EBADF);
    cpu->gr[2] = 3;
    CHECK_EQ(user_svc(&c->p, UNR_exit), 1);
    CHECK(c->p.exited);
    CHECK_EQ(c->p.exit_status, 3);
    ctx_free(c);
}

/* The whole loop on a hand-assembled program:
 *   lghi r2,FD; larl r3,msg; lghi r4,3; svc 4; lghi r2,42; svc 1 */
static void emit_bytes(Ctx *c, uint64_t va, const uint8_t *b, size_t n) { gput(c, va, b, n); }

TEST(user_run_svc_loop_and_exit_status)
{
    Ctx *c = ctx_new();
    int fd[2];
    CHECK_EQ(pipe(fd), 0);
    vmem_map(&c->e->vm, 0x300000, PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_EXEC, VMA_ANON);
    const uint8_t prog[] = {
        0xA7, 0x29, 0x00, (uint8_t)fd[1],   /* lghi r2,fd */
        0xC0, 0x30, 0x00, 0x00, 0x00, 0x0A, /* larl r3,.+20 */
        0xA7, 0x49, 0x00, 0x03,             /* lghi r4,3 */
        0x0A, 0x04,                         /* svc 4 (write) */
        0xA7, 0x29, 0x00, 0x2A,             /* lghi r2,42 */
        0x0A, 0x01,                         /* svc 1 (exit) */
        0x07, 0x07,                         /* padding */
        'z', 'm', 'u',
    };
    emit_bytes(c, 0x300000, prog, sizeof(prog));
    c->e->cpu.psw_addr = 0x300000;
    CHECK_EQ(user_run(&c->p), 42);
    char b[4];
    CHECK_EQ(read(fd[0], b, 4), 3);
    CHECK_MEM(b, "zmu", 3);
    close(fd[0]);
    close(fd[1]);
    ctx_free(c);
}

TEST(user_run_program_interruption_kills)
{
    Ctx *c = ctx_new();
    vmem_map(&c->e->vm, 0x300000, PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_EXEC, VMA_ANON);
    /* opcode 0x00 is unassigned: operation exception -> SIGILL, 128+4 */
    const uint8_t ill[] = { 0x00, 0x00 };
    emit_bytes(c, 0x300000, ill, 2);
    c->e->cpu.psw_addr = 0x300000;
    CHECK_EQ(user_run(&c->p), 132);
    CHECK_EQ(c->p.killed_by, 4);
    /* a store into the read-only page: protection -> SIGSEGV, 128+11 */
    Ctx *d = ctx_new();
    vmem_map(&d->e->vm, 0x300000, PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_EXEC, VMA_ANON);
    const uint8_t st[] = { 0xE3, 0x00, 0x30, 0x00, 0x00, 0x24 };  /* stg r0,0(r3) */
    emit_bytes(d, 0x300000, st, sizeof(st));
    d->e->cpu.gr[3] = RO;
    d->e->cpu.psw_addr = 0x300000;
    CHECK_EQ(user_run(&d->p), 139);
    CHECK_EQ(gbe(d, RO, 8), 0);
    ctx_free(c);
    ctx_free(d);
}

TEST(user_signal_mapping)
{
    /* SIGILL 4, SIGFPE 8, SIGSEGV 11 (Linux numbering); a data exception
     * is SIGFPE only with a nonzero DXC (Linux's data_exception()). */
    const struct { uint16_t code; uint8_t dxc; int sig; } m[] = {
        { 0x01, 0, 4 }, { 0x02, 0, 4 }, { 0x03, 0, 4 }, { 0x06, 0, 4 }, { 0x13, 0, 4 },
        { 0x15, 0, 4 },
        { 0x04, 0, 11 }, { 0x05, 0, 11 }, { 0x10, 0, 11 }, { 0x11, 0, 11 }, { 0x38, 0, 11 },
        { 0x39, 0, 11 }, { 0x3A, 0, 11 }, { 0x3B, 0, 11 },
        { 0x07, 0x80, 8 }, { 0x07, 0xFF, 8 }, { 0x07, 0, 4 },
        { 0x08, 0, 8 }, { 0x09, 0, 8 }, { 0x0A, 0, 8 }, { 0x0B, 0, 8 },
        { 0x84, 0, 11 },                    /* PER bit ignored */
    };
    for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
        CHECK_EQ(user_signal_for_pgm(m[i].code, m[i].dxc), m[i].sig);
}

/* kill/tgkill to itself: the default action ends the program (recorded),
 * an ignored signal does nothing, another pid is not there. */
TEST(user_syscall_kill_self)
{
    Ctx *c = ctx_new();
    CHECK_EQ(sc(c, UNR_kill, (uint64_t)getpid() + 1000000, 6, 0, 0, 0), -ESRCH);
    CHECK_EQ(sc(c, UNR_kill, (uint64_t)getpid(), 0, 0, 0, 0), 0);      /* probe */
    CHECK_EQ(sc(c, UNR_tgkill, (uint64_t)getpid(), (uint64_t)getpid(), 17, 0, 0), 0);
    CHECK(!c->p.exited);
    gput_be(c, RW, 8, 1);                                              /* SIG_IGN */
    gput_be(c, RW + 8, 8, 0);
    gput_be(c, RW + 16, 8, 0);
    gput_be(c, RW + 24, 8, 0);
    CHECK_EQ(sc(c, UNR_rt_sigaction, 10, RW, 0, 8, 0), 0);
    CHECK_EQ(sc(c, UNR_kill, (uint64_t)getpid(), 10, 0, 0, 0), 0);
    CHECK(!c->p.exited);
    CHECK_EQ(sc(c, UNR_tgkill, (uint64_t)getpid(), (uint64_t)getpid(), 6, 0, 0), 0);  /* SIGABRT */
    CHECK(c->p.exited);
    CHECK_EQ(c->p.killed_by, 6);
    ctx_free(c);
}

/* Terminal ioctls: the kernel's struct termios (4 x u32, c_line, c_cc[19])
 * and struct winsize (4 x u16), big-endian; not a tty -> -ENOTTY. */
TEST(user_syscall_tty_ioctls)
{
    Ctx *c = ctx_new();
    int m, s;
    if (openpty(&m, &s, NULL, NULL, NULL) < 0) {
        CHECK(1);   /* no pty in this environment: only the -ENOTTY part */
    } else {
        struct winsize w = { 33, 101, 0, 0 };
        CHECK_EQ(ioctl(s, TIOCSWINSZ, &w), 0);
        CHECK_EQ(sc(c, UNR_ioctl, (uint64_t)s, 0x5413, RW, 0, 0), 0);
        CHECK_EQ(gbe(c, RW, 2), 33);
        CHECK_EQ(gbe(c, RW + 2, 2), 101);
        struct termios t;
        CHECK_EQ(tcgetattr(s, &t), 0);
        CHECK_EQ(sc(c, UNR_ioctl, (uint64_t)s, 0x5401, RW + 0x100, 0, 0), 0);
        CHECK_EQ(gbe(c, RW + 0x100, 4), t.c_iflag);
        CHECK_EQ(gbe(c, RW + 0x10C, 4), t.c_lflag);
        CHECK_EQ(gbe(c, RW + 0x111, 1), t.c_cc[0]);
        CHECK_EQ(sc(c, UNR_ioctl, (uint64_t)s, 0x5401, RO, 0, 0), -EFAULT);
        close(m);
        close(s);
    }
    int fd[2];
    CHECK_EQ(pipe(fd), 0);
    CHECK_EQ(sc(c, UNR_ioctl, (uint64_t)fd[0], 0x5401, RW, 0, 0), -ENOTTY);
    close(fd[0]);
    close(fd[1]);
    ctx_free(c);
}

/* getdents64: struct linux_dirent64 {u64 d_ino; s64 d_off; u16 d_reclen;
 * u8 d_type; char d_name[]}, big-endian in the guest; the names and inode
 * numbers must be the host's (lstat). */
TEST(user_syscall_getdents64_layout)
{
    Ctx *c = ctx_new();
    char dir[] = "/tmp/zemu-gd-XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/file_a", dir);
    close(open(path, O_CREAT | O_WRONLY, 0600));
    struct stat st;
    CHECK_EQ(lstat(path, &st), 0);
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    int64_t n = sc(c, UNR_getdents64, (uint64_t)fd, RW, 4 * PAGE_SIZE, 0, 0);
    CHECK(n > 0);
    int seen = 0, entries = 0;
    for (int64_t off = 0; off < n; entries++) {
        const uint64_t e = RW + (uint64_t)off;
        const uint64_t reclen = gbe(c, e + 16, 2);
        char name[32] = { 0 };
        CHECK_EQ(vmem_read(&c->e->vm, e + 19, name, 31), 0);
        if (strcmp(name, "file_a") == 0) {
            seen = 1;
            CHECK_EQ(gbe(c, e, 8), (uint64_t)st.st_ino);
            CHECK_EQ(gbe(c, e + 18, 1), DT_REG);
        }
        CHECK(reclen >= 20 && reclen % 8 == 0);
        off += (int64_t)reclen;
    }
    CHECK_EQ(seen, 1);
    CHECK_EQ(entries, 3);                       /* ".", ".." and file_a */
    /* the buffer in a read-only page: -EFAULT */
    lseek(fd, 0, SEEK_SET);
    CHECK_EQ(sc(c, UNR_getdents64, (uint64_t)fd, RO, PAGE_SIZE, 0, 0), -EFAULT);
    close(fd);
    unlink(path);
    rmdir(dir);
    ctx_free(c);
}

/* pipe2 writes two big-endian ints; mkdir/rename/unlink/symlink go through
 * the host file system. */
TEST(user_syscall_pipe2_and_paths)
{
    Ctx *c = ctx_new();
    CHECK_EQ(sc(c, UNR_pipe2, RW, O_CLOEXEC, 0, 0, 0), 0);
    int rfd = (int)gbe(c, RW, 4), wfd = (int)gbe(c, RW + 4, 4);
    CHECK_EQ(fcntl(rfd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
    CHECK_EQ(write(wfd, "p", 1), 1);
    char b;
    CHECK_EQ(read(rfd, &b, 1), 1);
    CHECK_EQ(b, 'p');
    close(rfd);
    close(wfd);
    CHECK_EQ(sc(c, UNR_pipe2, RO, 0, 0, 0, 0), -EFAULT);

    char dir[] = "/tmp/zemu-mk-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char d1[64], d2[64], ln[64];
    snprintf(d1, sizeof d1, "%s/x", dir);
    snprintf(d2, sizeof d2, "%s/y", dir);
    snprintf(ln, sizeof ln, "%s/l", dir);
    gput(c, RW, d1, strlen(d1) + 1);
    gput(c, RW + 64, d2, strlen(d2) + 1);
    gput(c, RW + 128, ln, strlen(ln) + 1);
    CHECK_EQ(sc(c, UNR_mkdir, RW, 0755, 0, 0, 0), 0);
    CHECK_EQ(sc(c, UNR_mkdir, RW, 0755, 0, 0, 0), -EEXIST);
    CHECK_EQ(sc(c, UNR_rename, RW, RW + 64, 0, 0, 0), 0);
    struct stat st;
    CHECK_EQ(stat(d2, &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    /* symlink keeps the target text as the guest wrote it */
    CHECK_EQ(sc(c, UNR_symlink, RW + 64, RW + 128, 0, 0, 0), 0);
    char t[64] = { 0 };
    CHECK_EQ(readlink(ln, t, sizeof t), (ssize_t)strlen(d2));
    CHECK_MEM(t, d2, strlen(d2));
    CHECK_EQ(sc(c, UNR_unlink, RW + 128, 0, 0, 0, 0), 0);
    CHECK_EQ(sc(c, UNR_rmdir, RW + 64, 0, 0, 0, 0), 0);
    CHECK_EQ(sc(c, UNR_rmdir, RW + 64, 0, 0, 0, 0), -ENOENT);
    rmdir(dir);
    ctx_free(c);
}

/* poll: struct pollfd {s32 fd; s16 events; s16 revents}; select: fd_set
 * words of 64 bits, bit fd%64 of word fd/64, big-endian. */
TEST(user_syscall_poll_select_layout)
{
    Ctx *c = ctx_new();
    int fd[2];
    CHECK_EQ(pipe(fd), 0);
    CHECK(fd[0] < 64);
    gput_be(c, RW, 4, (uint64_t)fd[0]);
    gput_be(c, RW + 4, 2, POLLIN_BITS);
    gput_be(c, RW + 6, 2, 0xFFFF);
    CHECK_EQ(sc(c, UNR_poll, RW, 1, 0, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 6, 2), 0);
    CHECK_EQ(write(fd[1], "x", 1), 1);
    CHECK_EQ(sc(c, UNR_poll, RW, 1, 100, 0, 0), 1);
    CHECK_EQ(gbe(c, RW + 6, 2), POLLIN_BITS);
    /* select(fd+1, {fd}, NULL, NULL, {0, 0}) */
    gput_be(c, RW + 0x100, 8, 1ULL << fd[0]);
    gput_be(c, RW + 0x200, 8, 0);
    gput_be(c, RW + 0x208, 8, 0);
    CHECK_EQ(sc(c, UNR_select, (uint64_t)fd[0] + 1, RW + 0x100, 0, 0, RW + 0x200), 1);
    CHECK_EQ(gbe(c, RW + 0x100, 8), 1ULL << fd[0]);
    /* write side: select for writing on the read end reports nothing */
    gput_be(c, RW + 0x100, 8, 1ULL << fd[0]);
    CHECK_EQ(sc(c, UNR_select, (uint64_t)fd[0] + 1, 0, RW + 0x100, 0, RW + 0x200), 0);
    CHECK_EQ(gbe(c, RW + 0x100, 8), 0);
    close(fd[0]);
    close(fd[1]);
    ctx_free(c);
}

/* fcntl F_GETLK with the s390x struct flock (type s16 0, whence s16 2,
 * start 8, len 16, pid s32 24): an unlocked file reports F_UNLCK (2). */
TEST(user_syscall_fcntl_lock_layout)
{
    Ctx *c = ctx_new();
    int fd = make_file("0123456789", 10);
    gput_be(c, RW, 2, F_WRLCK);
    gput_be(c, RW + 2, 2, SEEK_SET);
    gput_be(c, RW + 8, 8, 0);
    gput_be(c, RW + 16, 8, 5);
    CHECK_EQ(sc(c, UNR_fcntl, (uint64_t)fd, F_GETLK, RW, 0, 0), 0);
    CHECK_EQ(gbe(c, RW, 2), F_UNLCK);
    CHECK_EQ(sc(c, UNR_fcntl, (uint64_t)fd, F_SETLK, RW, 0, 0), 0);
    CHECK_EQ(sc(c, UNR_fcntl, (uint64_t)fd, 9999, 0, 0, 0), -EINVAL);
    close(fd);
    unlink(tmpl);
    ctx_free(c);
}

/* MADV_DONTNEED on private anonymous memory: the pages read as zero
 * afterwards (Linux's rule that allocators rely on); other advice leaves
 * the data. */
TEST(user_syscall_madvise_dontneed_zeroes)
{
    Ctx *c = ctx_new();
    gput(c, RW + PAGE_SIZE, "data", 4);
    CHECK_EQ(sc(c, UNR_madvise, RW + PAGE_SIZE, PAGE_SIZE, 3 /* WILLNEED */, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + PAGE_SIZE, 4), 0x64617461ULL);
    CHECK_EQ(sc(c, UNR_madvise, RW + PAGE_SIZE, PAGE_SIZE, 4 /* DONTNEED */, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + PAGE_SIZE, 4), 0);
    const VmArea *v = vmem_find(&c->e->vm, RW + PAGE_SIZE);
    CHECK(v && v->prot == (VMEM_PROT_READ | VMEM_PROT_WRITE));
    CHECK_EQ(sc(c, UNR_madvise, RW + 1, PAGE_SIZE, 4, 0, 0), -EINVAL);
    CHECK_EQ(sc(c, UNR_madvise, 0x7000000, PAGE_SIZE, 4, 0, 0), -ENOMEM);
    ctx_free(c);
}

/* An interrupted call with a pending handler that has SA_RESTART goes
 * back to the SVC with r2 = its first argument (Linux's -ERESTARTSYS), and
 * the handler's frame holds that PSW; without SA_RESTART the call returns
 * -EINTR.  A real host SIGALRM (50 ms timer) interrupts a read of an empty
 * pipe through the host bridge. */
static void restart_case(bool sa_restart)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    user_sig_host_init(&c->p);
    int fd[2];
    CHECK_EQ(pipe(fd), 0);
    /* struct sigaction: handler 0x5000, flags, restorer 0, mask 0 */
    gput_be(c, RW, 8, 0x5000);
    gput_be(c, RW + 8, 8, sa_restart ? 0x10000000 : 0);
    gput_be(c, RW + 16, 8, 0);
    gput_be(c, RW + 24, 8, 0);
    CHECK_EQ(sc(c, UNR_rt_sigaction, SIGALRM, RW, 0, 8, 0), 0);
    cpu->psw_addr = 0x3002;                   /* after "svc 3" at 0x3000 */
    cpu->gr[15] = RW + 4 * PAGE_SIZE - 8;
    cpu->gr[2] = (uint64_t)fd[0];
    cpu->gr[3] = RW + 0x100;
    cpu->gr[4] = 1;
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    CHECK_EQ(user_svc(&c->p, UNR_read), 0);
    CHECK_EQ(cpu->psw_addr, 0x5000);           /* the handler runs next */
    const uint64_t sregs = cpu->gr[15] + 176;  /* old frame: _sigregs at 176 */
    /* restarted: PSW at the SVC, r2 = the fd again; else after it, -EINTR */
    CHECK_EQ(gbe(c, sregs + 8, 8), sa_restart ? 0x3000 : 0x3002);
    CHECK_EQ(gbe(c, sregs + 16 + 2 * 8, 8), sa_restart ? (uint64_t)fd[0] : (uint64_t)-EINTR);
    /* The handler "runs" with SIGALRM blocked, and the bridge mirrored that
     * onto this process: unblock it for the next case. */
    signal(SIGALRM, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    close(fd[0]);
    close(fd[1]);
    ctx_free(c);
}

TEST(user_svc_restart_rule)
{
    restart_case(true);
    restart_case(false);
}
