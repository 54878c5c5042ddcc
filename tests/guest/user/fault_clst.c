/* CLST (B25D): string compare with the terminator in GR0: CC 0 (registers
 * unchanged), 1/2 with R1/R2 at the first unequal bytes (a string that ends
 * first is low), the CC-3 loop, and a compare that must go on into a
 * PROT_NONE page: GR0 unchanged, both registers advanced alike within the
 * equal bytes, nothing stored, PSW at CLST. */
#include "pf.h"

static unsigned long R[6];

#define CLST "0: clst %%r2,%%r4\n\tjo 0b"

static void run(const char *what, const char *x, const char *y, int term)
{
    R[0] = (unsigned long)term; R[2] = (unsigned long)x; R[4] = (unsigned long)y;
    LONG_RUN(CLST, R, 3);
    printf("%s: cc=%d r2=x%+ld r4=y%+ld\n", what, g_cc,
           (long)(R[2] - (unsigned long)x), (long)(R[4] - (unsigned long)y));
}

int main(void)
{
    unsigned char *b, *a, *c;
    pf_init();
    b = pf_base;

    run("equal", "abcdef", "abcdef", 0);
    run("low", "abcdef", "abcxef", 0);
    run("high", "abd", "abc", 0);
    run("op1 ends first", "abc", "abcd", 0);
    run("op2 ends first", "abcd", "abc", 0);
    run("both empty", "", "", 0);
    run("terminator '.'", "ab.x", "ab.y", '.');
    run("unsigned", "a\x90", "a\x10", 0);
    {
        char *x = malloc(20000), *y = malloc(20000);
        memset(x, 'k', 19999);
        x[19999] = 0;
        strcpy(y, x);
        y[15000] = 'l';
        run("big", x, y, 0);
        free(x);
        free(y);
    }

    pf_hide_cc = 1;
    pf_fill();
    a = b + PG - 16; c = pf_aux;
    memset(a, 'q', 16);
    memset(c, 'q', 64);
    R[0] = 0; R[2] = (unsigned long)a; R[4] = (unsigned long)c;
    pf_expect(0, 0);
    PF_CASE("clst op1->NONE", 1, PROT_NONE, LONG_RUN(CLST, R, 1));
    {
        long pa = (long)(pf_gregs[2] - (unsigned long)a), pc = (long)(pf_gregs[4] - (unsigned long)c);
        printf("clst op1->NONE: progress %s\n", pa == pc && pa >= 0 && pa <= 16 ? "consistent" : "BAD");
    }
    pf_fill();
    memset(a, 'q', 16);
    memset(c, 'q', 64);
    R[0] = 0; R[2] = (unsigned long)c; R[4] = (unsigned long)a;
    pf_expect(0, 0);
    PF_CASE("clst op2->NONE", 1, PROT_NONE, LONG_RUN(CLST, R, 1));
    {
        long pa = (long)(pf_gregs[4] - (unsigned long)a), pc = (long)(pf_gregs[2] - (unsigned long)c);
        printf("clst op2->NONE: progress %s\n", pa == pc && pa >= 0 && pa <= 16 ? "consistent" : "BAD");
    }
    return 0;
}
