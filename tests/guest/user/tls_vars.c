/* Thread-local storage in a static program: __thread variables are
 * addressed from the thread pointer in access registers a0/a1 (EAR/SAR);
 * plus errno (itself thread-local) and a TLS array. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

static __thread int tcount = 5;
static __thread long tarr[100];
static __thread char tname[16] = "tls-init";

static unsigned long tp(void)
{
    unsigned long hi, lo;
    asm volatile("ear %0,%%a0\n\tear %1,%%a1" : "=d"(hi), "=d"(lo));
    return hi << 32 | lo;
}

int main(void)
{
    long s = 0;
    for (int i = 0; i < 100; i++)
        tarr[i] = i * tcount;
    for (int i = 0; i < 100; i++)
        s += tarr[i];
    tcount++;
    printf("tcount=%d sum=%ld name=%s\n", tcount, s, tname);
    printf("thread pointer set=%d\n", tp() != 0);
    errno = 0;
    close(-1);
    printf("errno after close(-1)=%d (EBADF=%d)\n", errno, EBADF);
    return 0;
}
