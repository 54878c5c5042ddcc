/* Memory management system calls: mmap (anonymous, fixed, file-backed),
 * munmap, mprotect, mremap, brk/sbrk, and reading /proc/self/maps-free
 * checks of what is mapped via a SIGSEGV probe. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jb;
static volatile int code;

static void h(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    code = si->si_code;
    siglongjmp(jb, 1);
}

static const char *probe(volatile unsigned char *p, int write)
{
    if (sigsetjmp(jb, 1))
        return code == SEGV_MAPERR ? "MAPERR" : code == SEGV_ACCERR ? "ACCERR" : "?";
    if (write)
        *p = 1;
    else
        (void)*p;
    return "ok";
}

int main(void)
{
    struct sigaction sa;
    unsigned char *m, *r;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    m = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap aligned=%d zero=%d\n", ((unsigned long)m & 4095) == 0, m[5000] == 0);
    memset(m, 0x11, 4 * 4096);
    mprotect(m + 4096, 4096, PROT_READ);
    printf("read ro=%s write ro=%s\n", probe(m + 4096, 0), probe(m + 4096, 1));
    mprotect(m + 8192, 4096, PROT_NONE);
    printf("read none=%s write none=%s\n", probe(m + 8192, 0), probe(m + 8192, 1));
    munmap(m + 12288, 4096);
    printf("read unmapped=%s\n", probe(m + 12288, 0));
    mprotect(m + 4096, 8192, PROT_READ | PROT_WRITE);
    printf("after mprotect rw: %s %s value=%#x\n", probe(m + 4096, 1), probe(m + 8192, 1), m[8193]);
    r = mmap(m + 12288, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED same=%d zero=%d\n", r == m + 12288, r[7] == 0);
    r = mremap(m, 4 * 4096, 64 * 4096, MREMAP_MAYMOVE);
    printf("mremap ok=%d kept=%#x new zero=%d\n", r != MAP_FAILED, r[100], r[60 * 4096] == 0);
    munmap(r, 64 * 4096);
    {
        void *b0 = sbrk(0);
        char *p = sbrk(100000);
        memset(p, 3, 100000);
        printf("sbrk grew=%ld\n", (long)((char *)sbrk(0) - (char *)b0));
        sbrk(-100000);
        printf("sbrk shrank=%d\n", sbrk(0) == b0);
    }
    {
        char path[] = "/tmp/zemu-mmap-XXXXXX";
        int fd = mkstemp(path);
        unsigned char *f;
        write(fd, "file-backed mapping\n", 20);
        f = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
        printf("file map: %.19s tail zero=%d\n", (char *)f, f[100] == 0);
        munmap(f, 4096);
        close(fd);
        unlink(path);
    }
    printf("getpagesize=%d\n", getpagesize());
    return 0;
}
