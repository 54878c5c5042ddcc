/* Packed-decimal arithmetic and conversion from inline assembly: AP, SP,
 * ZAP, CP, MP, DP, SRP, TP, CVB(Y/G), CVD(Y/G).  Each line shows the first
 * operand after the instruction and the CC (from IPM).  The expected values
 * are computed by hand in the comments (digits left to right, sign last:
 * C/A/E/F plus, D/B minus; results use C and D); the MP, DP and SRP cases
 * marked "PoP" are the worked examples of the System/370 Principles of
 * Operation.
 *
 * Before each instruction SPM sets CC 3 and a zero program mask, so MP and
 * DP, which leave the CC alone, show cc=3.
 *
 * The trap lines: a data exception (invalid digit or sign, or too few
 * leftmost zeros for MP), decimal divide, and decimal overflow with the
 * PSW's decimal-overflow mask set (by SPM) end in a signal; the program
 * prints only "trap" (Linux and emulators pick different signals for data
 * exceptions) and the operand, which must be unchanged for the
 * suppressing exceptions and hold the truncated sum after overflow. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf jb;
static volatile int trapped;

static void on_trap(int sig)
{
    trapped = sig;
    siglongjmp(jb, 1);
}

static unsigned char f1[16] __attribute__((aligned(8)));
static unsigned char f2[16] __attribute__((aligned(8)));
static int cc;

static void show(const char *what, int n)
{
    printf("%-6s", what);
    for (int i = 0; i < n; i++)
        printf(" %02x", f1[i]);
    if (trapped)
        printf(" trap\n");
    else
        printf(" cc=%d\n", cc);
}

static void set(const unsigned char *a, int na, const unsigned char *b, int nb)
{
    memset(f1, 0xee, sizeof f1);
    memcpy(f1, a, (size_t)na);
    memcpy(f2, b, (size_t)nb);
    trapped = 0;
}

/* SPM operand: CC 3, program mask 0 (set before each instruction, so that
 * an instruction that leaves the CC alone shows cc=3) */
#define CC3 0x30000000UL

#define B(...) ((const unsigned char[]){ __VA_ARGS__ })
#define N(...) (int)sizeof((const unsigned char[]){ __VA_ARGS__ })

/* OP f1(L1),f2(L2) with the lengths as literal digits */
#define SSB(op, l1, l2)                                                        \
    do {                                                                       \
        unsigned long m_;                                                      \
        if (!sigsetjmp(jb, 1)) {                                               \
            asm volatile("spm %3\n\t" op " 0(" #l1 ",%1),0(" #l2 ",%2)\n\tipm %0" \
                         : "=d"(m_) : "a"(f1), "a"(f2), "d"(CC3) : "cc", "memory"); \
            cc = (int)(m_ >> 28) & 3;                                          \
        }                                                                      \
    } while (0)

#define CASE(name, op, a, b, l1, l2)                                           \
    do {                                                                       \
        set(B a, N a, B b, N b);                                               \
        SSB(op, l1, l2);                                                       \
        show(name, l1);                                                        \
    } while (0)

/* SRP f1(L1),shift,round */
#define SRP(name, a, l1, shift, round)                                         \
    do {                                                                       \
        unsigned long m_;                                                      \
        set(B a, N a, B(0), 1);                                                \
        if (!sigsetjmp(jb, 1)) {                                               \
            asm volatile("spm %2\n\tsrp 0(" #l1 ",%1)," #shift "," #round "\n\tipm %0" \
                         : "=d"(m_) : "a"(f1), "d"(CC3) : "cc", "memory");      \
            cc = (int)(m_ >> 28) & 3;                                          \
        }                                                                      \
        show(name, l1);                                                        \
    } while (0)

#define TP(a, l1)                                                              \
    do {                                                                       \
        unsigned long m_;                                                      \
        set(B a, N a, B(0), 1);                                                \
        asm volatile("tp 0(" #l1 ",%1)\n\tipm %0" : "=d"(m_) : "a"(f1) : "cc"); \
        printf("tp     cc=%d\n", (int)(m_ >> 28) & 3);                         \
    } while (0)

static void cvb(const char *what, const unsigned char *p, int n)
{
    volatile unsigned long r = 0xaaaaaaaa00000000UL;
    memcpy(f2, p, (size_t)n);
    trapped = 0;
    if (!sigsetjmp(jb, 1)) {
        unsigned long v = r;
        if (n == 8)
            asm volatile("cvb %0,0(%1)" : "+d"(v) : "a"(f2) : "memory");
        else
            asm volatile("cvbg %0,0(%1)" : "+d"(v) : "a"(f2) : "memory");
        r = v;
    }
    if (trapped)
        printf("%-6s trap\n", what);
    else
        printf("%-6s %016lx\n", what, r);
}

static void cvd(const char *what, unsigned long r, int n)
{
    memset(f1, 0xee, sizeof f1);
    trapped = 0;
    if (!sigsetjmp(jb, 1)) {
        if (n == 8)
            asm volatile("cvdy %0,1(%1)" : : "d"(r), "a"(f1) : "memory");
        else
            asm volatile("cvdg %0,0(%1)" : : "d"(r), "a"(f1) : "memory");
    }
    printf("%-6s%s", what, trapped ? " trap" : "");
    for (int i = 0; i < 16; i++)
        printf(" %02x", f1[i]);
    printf("\n");
}

int main(void)
{
    signal(SIGILL, on_trap);
    signal(SIGFPE, on_trap);

    /* AP: +12345 + -999 = +11346; 123 + -123 = +0; -5 + -7 = -12;
     * 123F + 1A = 124; 999 + 1 = 1000: 000, overflow; -999 + -1: 000-, CC3 */
    CASE("ap", "ap", (0x00, 0x12, 0x34, 0x5c), (0x99, 0x9d), 4, 2);   /* 00 11 34 6c cc=2 */
    CASE("ap", "ap", (0x12, 0x3c), (0x12, 0x3d), 2, 2);               /* 00 0c cc=0 */
    CASE("ap", "ap", (0x00, 0x5d), (0x7b), 2, 1);                     /* 01 2d cc=1 */
    CASE("ap", "ap", (0x12, 0x3f), (0x1a), 2, 1);                     /* 12 4c cc=2 */
    CASE("ap", "ap", (0x99, 0x9c), (0x1c), 2, 1);                     /* 00 0c cc=3 */
    CASE("ap", "ap", (0x99, 0x9d), (0x1d), 2, 1);                     /* 00 0d cc=3 */
    /* SP: 100 - 200 = -100; -123 - -123 = +0; -1 - 999 = -1000: 000-, CC3 */
    CASE("sp", "sp", (0x00, 0x10, 0x0c), (0x00, 0x20, 0x0c), 3, 3);   /* 00 10 0d cc=1 */
    CASE("sp", "sp", (0x12, 0x3d), (0x12, 0x3d), 2, 2);               /* 00 0c cc=0 */
    CASE("sp", "sp", (0x00, 0x1d), (0x99, 0x9c), 2, 2);               /* 00 0d cc=3 */
    /* ZAP: operand 1 not checked; -0 -> +0; 123 into 1 byte: 3C CC3;
     * -10 into 1 byte: 0D CC3 */
    CASE("zap", "zap", (0xff, 0xff, 0xff), (0x12, 0x3d), 3, 2);       /* 00 12 3d cc=1 */
    CASE("zap", "zap", (0x99, 0x9c), (0x0d), 2, 1);                   /* 00 0c cc=0 */
    CASE("zap", "zap", (0x00), (0x12, 0x3c), 1, 2);                   /* 3c cc=3 */
    CASE("zap", "zap", (0x00), (0x01, 0x0d), 1, 2);                   /* 0d cc=3 */
    /* CP: +0 = -0; 123 < 124; -5 > -6; 1 > -999 */
    CASE("cp", "cp", (0x0c), (0x00, 0x0d), 1, 2);                     /* 0c cc=0 */
    CASE("cp", "cp", (0x12, 0x3c), (0x12, 0x4c), 2, 2);               /* cc=1 */
    CASE("cp", "cp", (0x5d), (0x6b), 1, 1);                           /* cc=2 */
    CASE("cp", "cp", (0x1c), (0x99, 0x9d), 1, 2);                     /* cc=2 */
    /* MP (PoP): 38460- x 321- = 12345660+; 0 x -1 = -0; CC unchanged (3) */
    CASE("mp", "mp", (0x00, 0x00, 0x38, 0x46, 0x0d), (0x32, 0x1d), 5, 2);  /* 01 23 45 66 0c */
    CASE("mp", "mp", (0x00, 0x00, 0x0c), (0x1d), 3, 1);                    /* 00 00 0d */
    /* DP (PoP): 12345678 / 321- = 38460- remainder 18+; -100 / 5 =
     * -20 remainder -0; 29999999 / 3 = 9999999 remainder 2 */
    CASE("dp", "dp", (0x01, 0x23, 0x45, 0x67, 0x8c), (0x32, 0x1d), 5, 2);  /* 38 46 0d 01 8c */
    CASE("dp", "dp", (0x00, 0x00, 0x10, 0x0d), (0x5c), 4, 1);              /* 00 02 0d 0d */
    CASE("dp", "dp", (0x02, 0x99, 0x99, 0x99, 0x9c), (0x3c), 5, 1);        /* 99 99 99 9c 2c */
    /* SRP: 0001234 left 3 = 1234000; PoP: 012345678 right 1 = 01234567;
     * PoP: 1239600- right 3 rounded by 5 = 1240-; 999 right 1 by 5 = 100;
     * 123 left 1 = 230 with overflow; 100- left 1 = 000- overflow */
    SRP("srp", (0x00, 0x01, 0x23, 0x4c), 4, 3, 0);                    /* 12 34 00 0c cc=2 */
    SRP("srp", (0x01, 0x23, 0x45, 0x67, 0x8c), 5, 63, 0);             /* 00 12 34 56 7c cc=2 */
    SRP("srp", (0x12, 0x39, 0x60, 0x0d), 4, 61, 5);                   /* 00 01 24 0d cc=1 */
    SRP("srp", (0x99, 0x9c), 2, 63, 5);                               /* 10 0c cc=2 */
    SRP("srp", (0x12, 0x3c), 2, 1, 0);                                /* 23 0c cc=3 */
    SRP("srp", (0x10, 0x0d), 2, 1, 0);                                /* 00 0d cc=3 */
    SRP("srp", (0x00, 0x4d), 2, 63, 0);                               /* 00 0c cc=0 */
    /* TP: valid; bad sign; bad digit; both */
    TP((0x12, 0x3c), 2);                                              /* cc=0 */
    TP((0x12, 0x34), 2);                                              /* cc=1 */
    TP((0x1a, 0x3c), 2);                                              /* cc=2 */
    TP((0xab, 0x34), 2);                                              /* cc=3 */

    /* traps: invalid digit (AP), too few leftmost zeros (MP), quotient
     * too long (DP), invalid rounding digit (SRP): operand unchanged */
    CASE("ap", "ap", (0x12, 0x3c), (0x1a, 0x3c), 2, 2);               /* 12 3c trap */
    CASE("mp", "mp", (0x00, 0x01, 0x23, 0x4c), (0x00, 0x1c), 4, 2);   /* 00 01 23 4c trap */
    CASE("dp", "dp", (0x01, 0x23, 0x45, 0x67, 0x8c), (0x1d), 5, 1);   /* unchanged trap */
    SRP("srp", (0x12, 0x3c), 2, 0, 10);                               /* 12 3c trap */
    /* decimal overflow with the mask on (SPM: program mask 0100): the
     * truncated sum 101 is stored, then the interruption */
    {
        unsigned long pm = 0x04000000UL;
        set(B(0x50, 0x0c), 2, B(0x60, 0x1c), 2);
        if (!sigsetjmp(jb, 1))
            asm volatile("spm %0\n\tap 0(2,%1),0(2,%2)"
                         : : "d"(pm), "a"(f1), "a"(f2) : "cc", "memory");
        show("ap", 2);                                                /* 10 1c trap */
    }

    /* CVB: -1234 = fffffb2e; 2^31-1; -2^31; 2^31 traps (fixed-point divide);
     * CVBG: 2^63-1, -2^63, 2^63 traps */
    cvb("cvb", B(0, 0, 0, 0, 0, 0x01, 0x23, 0x4d), 8);                /* aaaaaaaafffffb2e */
    cvb("cvb", B(0, 0, 0x02, 0x14, 0x74, 0x83, 0x64, 0x7c), 8);       /* aaaaaaaa7fffffff */
    cvb("cvb", B(0, 0, 0x02, 0x14, 0x74, 0x83, 0x64, 0x8d), 8);       /* aaaaaaaa80000000 */
    cvb("cvb", B(0, 0, 0x02, 0x14, 0x74, 0x83, 0x64, 0x8c), 8);       /* trap */
    cvb("cvb", B(0, 0, 0, 0, 0, 0, 0x01, 0x23), 8);                   /* trap (sign) */
    cvb("cvbg", B(0, 0, 0, 0, 0, 0, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85, 0x47, 0x75, 0x80,
                  0x7c), 16);                                          /* 7fffffffffffffff */
    cvb("cvbg", B(0, 0, 0, 0, 0, 0, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85, 0x47, 0x75, 0x80,
                  0x8d), 16);                                          /* 8000000000000000 */
    cvb("cvbg", B(0, 0, 0, 0, 0, 0, 0x92, 0x23, 0x37, 0x20, 0x36, 0x85, 0x47, 0x75, 0x80,
                  0x8c), 16);                                          /* trap */
    /* CVDY at f1+1 (bits 32-63 only), CVDG at f1 */
    cvd("cvdy", 0x12345678fffffb2eUL, 8);   /* ee 00 00 00 00 00 01 23 4d ee ... */
    cvd("cvdy", 0, 8);                      /* ee 00 .. 00 0c ee ... */
    cvd("cvdy", 0x80000000UL, 8);           /* ee 00 00 02 14 74 83 64 8d ee ... */
    cvd("cvdg", 0x8000000000000000UL, 16);  /* 00 .. 92 23 37 20 36 85 47 75 80 8d */
    cvd("cvdg", 0x7fffffffffffffffUL, 16);  /* 00 .. 92 23 37 20 36 85 47 75 80 7c */
    return 0;
}
