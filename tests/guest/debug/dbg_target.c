/* The s390x program the GDB-stub tests drive (tests/guest/debug/README.md).
 *
 * Every value a test expects follows from this source by hand:
 *   add3(1, 2, 3) = 6;  steps() leaves 1, 3, 6 in r2 after its first three
 *   instructions (4 bytes each);  mvc_counter() copies src_val (7) over
 *   counter (5) with one MVC;  mvc_cross() copies "ABCDEFGHIJKLMNOP" with
 *   one MVC to the last 8 bytes of page 0 and the first 8 of page 1 of
 *   `pages`;  read_it() loads readme (1234) with one L and returns 1235;
 *   main returns add3 + counter + 29 when read_it gave 1235: 6 + 7 + 29 = 42.
 * With the argument "spin" main first loops until a debugger clears `spin`;
 * with "segv" it stores into page 0 (SIGSEGV at the MVI, label at_segv).
 * Labels before and after the MVCs let the tests compare the PSW with them. */
#include <string.h>

static char pages[2][4096] __attribute__((aligned(4096), used));
static const char pattern[16] = "ABCDEFGHIJKLMNOP";
volatile long counter = 5;
long src_val = 7;
volatile int readme = 1234;
volatile int spin = 1;

__attribute__((noinline, noclone)) long add3(long a, long b, long c)
{
    return a + b + c;
}

/* Four instructions of known lengths: LGHI (4), AGHI (4), AGR (4), BR (2). */
long steps(void);
__asm__(".text\n.globl steps\n.type steps,@function\nsteps:\n"
        "  lghi %r2,1\n"
        "  aghi %r2,2\n"
        "  agr %r2,%r2\n"
        "  br %r14\n"
        ".size steps,.-steps\n");

__attribute__((noinline, noclone)) void mvc_counter(void)
{
    __asm__ volatile(".globl at_mvc_counter\nat_mvc_counter:\n"
                     "  mvc 0(8,%0),0(%1)\n"
                     ".globl after_mvc_counter\nafter_mvc_counter:\n"
                     : : "a"(&counter), "a"(&src_val) : "memory");
}

__attribute__((noinline, noclone)) void mvc_cross(void)
{
    __asm__ volatile(".globl at_mvc_cross\nat_mvc_cross:\n"
                     "  mvc 0(16,%0),0(%1)\n"
                     ".globl after_mvc_cross\nafter_mvc_cross:\n"
                     : : "a"(&pages[0][4096 - 8]), "a"(pattern) : "memory");
}

__attribute__((noinline, noclone)) int read_it(void)
{
    int v;
    __asm__ volatile(".globl at_read\nat_read:\n"
                     "  l %0,0(%1)\n"
                     ".globl after_read\nafter_read:\n"
                     : "=d"(v) : "a"(&readme) : "memory");
    return v + 1;
}

/* MVI into page 0, which is never mapped: SIGSEGV with the PSW at the
 * MVI (a page-translation exception nullifies). */
__attribute__((noinline, noclone)) void segv(void)
{
    __asm__ volatile(".globl at_segv\nat_segv:\n"
                     "  mvi 0(%0),1\n"
                     : : "a"(16L) : "memory");
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "spin") == 0)
        while (spin)
            ;
    if (argc > 1 && strcmp(argv[1], "segv") == 0)
        segv();
    long r = add3(1, 2, 3);
    r += steps() - 6;
    mvc_counter();
    mvc_cross();
    int x = read_it();
    return (int)(r + counter + (x == 1235 ? 29 : 0));
}
