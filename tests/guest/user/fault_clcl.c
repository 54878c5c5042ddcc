/* CLCL (0F) and CLCLE (A9): CC 0/1/2 with padding, registers at the first
 * unequal byte, and a compare that must go on into a PROT_NONE page.
 * Nothing is stored; the PSW is at the instruction.  How far the registers
 * have advanced at the fault is model-dependent (a unit of operation may
 * end at the page boundary or the instruction may be nullified as a whole):
 * the program prints the progress and checks that it is consistent (both
 * operands advanced alike, within the equal bytes before the boundary). */
#include "pf.h"

static unsigned long R[6];

static void set(const unsigned char *a, unsigned long l1,
                const unsigned char *c, unsigned long l2)
{
    R[0] = 0x0f0f; R[1] = 0;
    R[2] = (unsigned long)a; R[3] = l1;
    R[4] = (unsigned long)c; R[5] = l2;
}

static void show(const char *what, const unsigned char *a,
                 const unsigned char *c)
{
    printf("%s: cc=%d r2=a%+ld r3=%lx r4=b%+ld r5=%lx\n", what, g_cc,
           (long)(R[2] - (unsigned long)a), R[3],
           (long)(R[4] - (unsigned long)c), R[5]);
}

#define CLCL "clcl %%r2,%%r4"
#define CLCLE "0: clcle %%r2,%%r4,0x20(%%r1)\n\tjo 0b"    /* pad ' ' */

static void fault_line(const char *label, unsigned long a0, unsigned long c0)
{
    long pa = (long)(pf_gregs[2] - a0), pc = (long)(pf_gregs[4] - c0);
    printf("%s: progress %s\n", label,
           pa == pc && pa >= 0 && pa <= 16 ? "consistent" : "BAD");
}

int main(void)
{
    unsigned char *b, *a, *c;
    pf_init();
    b = pf_base;

    pf_fill();
    a = b; c = pf_aux;
    memcpy(a, "abc   ", 6);
    memcpy(c, "abcxyz", 6);
    set(a, 6, c, 6);
    LONG_RUN(CLCL, R, 3);
    show("clcl low", a, c);
    set(a, 6, c, 3);
    R[5] |= 0x20000000;                      /* pad ' ' */
    LONG_RUN(CLCL, R, 3);
    show("clcl pad equal", a, c);
    set(a, 3, c, 6);
    LONG_RUN(CLCL, R, 3);                    /* pad 0: 'x' > 0 */
    show("clcl op1 short", a, c);
    set(a, 0, c, 0);
    LONG_RUN(CLCL, R, 3);
    show("clcl empty", a, c);
    a[1] = 0xc1;
    set(a, 6, c, 6);
    LONG_RUN(CLCL, R, 3);
    show("clcl high", a, c);
    a[1] = 'b';

    set(a, 6, c, 6);
    LONG_RUN(CLCLE, R, 3);
    show("clcle low", a, c);
    set(a, 6, c, 3);
    LONG_RUN(CLCLE, R, 3);
    show("clcle pad equal", a, c);
    set(a, 7, c, 3);
    a[6] = 0x10;
    LONG_RUN(CLCLE, R, 3);
    show("clcle pad low", a, c);
    {
        unsigned char *x = malloc(70000), *y = malloc(70000);
        memset(x, 'q', 70000);
        memset(y, 'q', 70000);
        y[65000] = 'r';
        set(x, 70000, y, 70000);
        LONG_RUN(CLCLE, R, 0);
        show("clcle big", x, y);
        set(x, 70000, y, 70000);
        LONG_RUN(CLCL, R, 0);
        show("clcl big", x, y);
        free(x);
        free(y);
    }

    pf_hide_cc = 1;
    pf_fill();
    a = b + PG - 16; c = pf_aux;
    memcpy(c, a, 16);
    set(a, 64, c, 64);
    pf_expect(0, R[0]);
    PF_CASE("clcl op1->NONE", 1, PROT_NONE, LONG_RUN(CLCL, R, 1));
    fault_line("clcl op1->NONE", (unsigned long)a, (unsigned long)c);
    pf_fill();
    memcpy(c, a, 16);
    set(c, 64, a, 64);
    pf_expect(0, R[0]);
    PF_CASE("clcl op2->NONE", 1, PROT_NONE, LONG_RUN(CLCL, R, 1));
    fault_line("clcl op2->NONE", (unsigned long)c, (unsigned long)a);
    pf_fill();
    memcpy(c, a, 16);
    set(a, 64, c, 64);
    pf_expect(0, R[0]);
    PF_CASE("clcle op1->NONE", 1, PROT_NONE, LONG_RUN(CLCLE, R, 1));
    fault_line("clcle op1->NONE", (unsigned long)a, (unsigned long)c);
    pf_fill();
    memcpy(c, a, 16);
    set(c, 64, a, 64);
    pf_expect(0, R[0]);
    PF_CASE("clcle op2->NONE", 1, PROT_NONE, LONG_RUN(CLCLE, R, 1));
    fault_line("clcle op2->NONE", (unsigned long)c, (unsigned long)a);
    return 0;
}
