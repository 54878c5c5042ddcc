/* SRST (B25E): search for the character in GR0 between R2 (start) and R1
 * (end): CC 1 with R1 at the character, CC 2 not found (registers
 * unchanged), the CC-3 loop, and a search that must go on into a PROT_NONE
 * page: GR0 and R1 unchanged, R2 within the searched bytes, PSW at SRST. */
#include "pf.h"

static unsigned long R[6];

#define SRST "0: srst %%r2,%%r4\n\tjo 0b"

/* After CC-3 rounds, R2 shows CPU-determined progress: print it only for
 * short strings, where one execution ends the search. */
static void run(const char *what, const char *s, size_t n, int ch)
{
    R[0] = (unsigned long)ch; R[2] = (unsigned long)(s + n); R[4] = (unsigned long)s;
    LONG_RUN(SRST, R, 3);
    printf("%s: cc=%d r2=s%+ld", what, g_cc, (long)(R[2] - (unsigned long)s));
    if (n < 256)
        printf(" r4=s%+ld", (long)(R[4] - (unsigned long)s));
    printf("\n");
}

int main(void)
{
    unsigned char *b, *s;
    pf_init();
    b = pf_base;

    run("found", "hello, world", 12, 'w');
    run("first", "hello, world", 12, 'h');
    run("last", "hello, world", 12, 'd');
    run("not found", "hello, world", 12, 'z');
    run("end excludes", "hello, world", 11, 'd');
    run("empty", "hello", 0, 'h');
    run("nul", "ab\0cd", 5, 0);
    {
        char *x = malloc(30000);
        memset(x, 'k', 30000);
        x[27000] = '!';
        run("big", x, 30000, '!');
        run("big none", x, 26000, '!');
        free(x);
    }

    pf_hide_cc = 1;
    pf_fill();
    s = b + PG - 16;
    memset(s, 'q', 16);
    R[0] = '!'; R[2] = (unsigned long)(s + 64); R[4] = (unsigned long)s;
    pf_expect(0, '!');
    pf_expect(2, R[2]);
    PF_CASE("srst ->NONE", 1, PROT_NONE, LONG_RUN(SRST, R, 1));
    {
        long p = (long)(pf_gregs[4] - (unsigned long)s);
        printf("srst ->NONE: progress %s\n", p >= 0 && p <= 16 ? "consistent" : "BAD");
    }
    pf_fill();
    R[0] = '!'; R[2] = (unsigned long)(s + 64); R[4] = (unsigned long)s;
    pf_expect(0, '!');
    pf_expect(2, R[2]);
    pf_expect(4, R[4]);
    PF_CASE("srst NONE->", 0, PROT_NONE, LONG_RUN(SRST, R, 1));
    return 0;
}
