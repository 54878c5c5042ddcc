/* MVST (B255): string move up to and including the terminator in GR0;
 * CC 1 with R1 at the terminator in op1 and R2 unchanged; the CC-3 loop;
 * and faults when the string (or the destination) crosses into PROT_NONE /
 * PROT_READ.  At a fault the PSW is at MVST, GR0 is unchanged, and the
 * registers and the stored bytes agree: exactly the bytes before R1's
 * progress were moved (how many is CPU-determined: the program checks the
 * agreement rather than an amount). */
#include "pf.h"

static unsigned long R[6];

#define MVST "0: mvst %%r2,%%r4\n\tjo 0b"

static void fault_line(const char *label, unsigned char *d, unsigned char *s)
{
    long pd = (long)(pf_gregs[2] - (unsigned long)d);
    long ps = (long)(pf_gregs[4] - (unsigned long)s);
    int ok = pd == ps && pd >= 0 && pd <= 16 && memcmp(d, s, (size_t)pd) == 0;
    printf("%s: progress %s\n", label, ok ? "consistent" : "BAD");
}

int main(void)
{
    unsigned char *b, *d, *s;
    pf_init();
    b = pf_base;

    pf_fill();
    d = b; s = pf_aux;
    strcpy((char *)s, "hello, world");
    R[0] = 0; R[1] = 0x11; R[2] = (unsigned long)d; R[3] = 0x33; R[4] = (unsigned long)s; R[5] = 0x55;
    LONG_RUN(MVST, R, 0);
    printf("mvst: \"%s\" cc=%d r2=d%+ld r4=s%+ld r1=%lx r3=%lx r5=%lx\n", (char *)d, g_cc,
           (long)(R[2] - (unsigned long)d), (long)(R[4] - (unsigned long)s), R[1], R[3], R[5]);
    R[0] = ','; R[2] = (unsigned long)(d + 100); R[4] = (unsigned long)s;
    LONG_RUN(MVST, R, 0);
    printf("mvst ',': \"%.6s\" cc=%d r2=d%+ld r4=s%+ld\n", (char *)d + 100, g_cc,
           (long)(R[2] - (unsigned long)(d + 100)), (long)(R[4] - (unsigned long)s));
    R[0] = 'h'; R[2] = (unsigned long)(d + 200); R[4] = (unsigned long)s;
    LONG_RUN(MVST, R, 0);
    printf("mvst first: %c cc=%d r2=d%+ld\n", d[200], g_cc, (long)(R[2] - (unsigned long)(d + 200)));
    {
        char *x = malloc(20000), *y = malloc(20000);
        memset(y, 'k', 19999);
        y[19999] = 0;
        R[0] = 0; R[2] = (unsigned long)x; R[4] = (unsigned long)y;
        LONG_RUN(MVST, R, 0);
        printf("mvst big: cc=%d len=%zu r2=x%+ld\n", g_cc, strlen(x), (long)(R[2] - (unsigned long)x));
        free(x);
        free(y);
    }

    pf_hide_cc = 1;
    pf_fill();
    memset(b + PG - 16, 'a', 16);          /* no terminator before page 1 */
    d = pf_aux + 512; s = b + PG - 16;
    R[0] = 0; R[2] = (unsigned long)d; R[4] = (unsigned long)s;
    pf_expect(0, 0);
    PF_CASE("mvst src->NONE", 1, PROT_NONE, LONG_RUN(MVST, R, 1));
    fault_line("mvst src->NONE", d, s);
    pf_fill();
    memset(pf_aux, 'z', 64);
    pf_aux[63] = 0;
    d = b + PG - 16; s = pf_aux;
    R[0] = 0; R[2] = (unsigned long)d; R[4] = (unsigned long)s;
    pf_expect(0, 0);
    PF_CASE("mvst dst->READ", 1, PROT_READ, LONG_RUN(MVST, R, 1));
    fault_line("mvst dst->READ", d, s);
    pf_fill();
    memset(pf_aux, 'z', 64);
    pf_aux[63] = 0;
    R[0] = 0; R[2] = (unsigned long)d; R[4] = (unsigned long)s;
    pf_expect(0, 0);
    pf_expect(2, R[2]);
    pf_expect(4, R[4]);
    PF_CASE("mvst dst NONE->", 0, PROT_NONE, LONG_RUN(MVST, R, 1));
    return 0;
}
