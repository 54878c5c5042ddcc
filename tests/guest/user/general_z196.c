/* General instructions up to z196 that compilers rarely emit, from inline
 * assembly: the register and storage forms completed by the audit
 * (docs/INSN-COVERAGE.md), the interlocked-update family, multiple-register
 * forms, PSW and clock instructions, BSM/BASSM, the Unicode conversions,
 * CUSE and TRTE/TRTRE.  Every printed value is worked out by hand in the
 * comment beside it; where qemu-s390x lacks an instruction its line shows
 * "sigill" (see QEMU-DIFFERS.md). */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf jb;
static volatile int ill;

static void on_ill(int sig)
{
    (void)sig;
    ill = 1;
    siglongjmp(jb, 1);
}

/* Runs a block; a SIGILL (an instruction the emulator lacks) is reported
 * instead of its output. */
#define TRY(name, ...)                                                         \
    do {                                                                       \
        ill = 0;                                                               \
        if (!sigsetjmp(jb, 1)) {                                               \
            __VA_ARGS__;                                                       \
        }                                                                      \
        if (ill)                                                               \
            printf("%s: sigill\n", name);                                      \
    } while (0)

static int cc_of(unsigned long ipm) { return (int)(ipm >> 28) & 3; }

/* op r,mem -> r, cc */
#define RX(insn, r0, m)                                                        \
    ({                                                                         \
        unsigned long r_ = (r0), i_;                                           \
        asm volatile(insn " %0,%2\n\tipm %1" : "+d"(r_), "=d"(i_) : "T"(m) : "cc"); \
        cc = cc_of(i_);                                                        \
        r_;                                                                    \
    })
/* op r1,r2 -> r1, cc */
#define RR(insn, b)                                                            \
    ({                                                                         \
        unsigned long r_ = 0x5555555555555555UL, i_;                           \
        asm volatile(insn " %0,%2\n\tipm %1" : "+d"(r_), "=d"(i_) : "d"(b) : "cc"); \
        cc = cc_of(i_);                                                        \
        r_;                                                                    \
    })
/* op r1,r3,imm -> r1, cc */
#define RIE(insn, b, imm)                                                      \
    ({                                                                         \
        unsigned long r_ = 0x5555555555555555UL, i_;                           \
        asm volatile(insn " %0,%2," #imm "\n\tipm %1" : "+d"(r_), "=d"(i_) : "d"(b) : "cc"); \
        cc = cc_of(i_);                                                        \
        r_;                                                                    \
    })

static int cc;
static unsigned int w32;
static unsigned long w64;
static unsigned char buf[64] __attribute__((aligned(16)));

static void hex(const char *what, const void *p, int n)
{
    printf("%s:", what);
    for (int i = 0; i < n; i++)
        printf(" %02x", ((const unsigned char *)p)[i]);
    printf("\n");
}

static void arith(void)
{
    unsigned long r;
    static short h = -2;
    static int m3 = -3;
    r = RX("mh", 0x1234567800010000UL, h);      /* 65536 * -2 = fffe0000 */
    printf("mh: %016lx\n", r);
    r = RX("msy", 0xaaaaaaaa00000007UL, m3);    /* 7 * -3 = ffffffeb */
    printf("msy: %016lx\n", r);
    w32 = 0x0f0f0f0f;
    r = RX("ny", 0x11111111ff00ff00UL, w32);    /* 0f000f00 cc=1 */
    printf("ny: %016lx cc=%d\n", r, cc);
    w32 = 0;
    r = RX("oy", 0x2222222200000000UL, w32);    /* unchanged, cc=0 */
    printf("oy: %016lx cc=%d\n", r, cc);
    w32 = 0xffffffff;
    r = RX("xy", 0x33333333ffffffffUL, w32);    /* 0, cc=0 */
    printf("xy: %016lx cc=%d\n", r, cc);
    w32 = 2;
    r = RX("aly", 0x44444444ffffffffUL, w32);   /* 1 with carry: cc=3 */
    printf("aly: %016lx cc=%d\n", r, cc);
    w32 = 6;
    r = RX("sly", 5UL, w32);                    /* ffffffff borrow: cc=1 */
    printf("sly: %016lx cc=%d\n", r, cc);
    r = RR("lpgfr", 0xffffffff80000000UL);      /* 0000000080000000 cc=2 */
    printf("lpgfr: %016lx cc=%d\n", r, cc);
    r = RR("lngfr", 5UL);                       /* fffffffffffffffb cc=1 */
    printf("lngfr: %016lx cc=%d\n", r, cc);
    r = RIE("alhsik", 5UL, -1);                 /* 5 + ffffffff = 4 carry: cc=3 */
    printf("alhsik: %016lx cc=%d\n", r, cc);
    r = RIE("alghsik", 1UL, -1);                /* 0 carry: cc=2 */
    printf("alghsik: %016lx cc=%d\n", r, cc);
}

static void storage_forms(void)
{
    unsigned long v = 0xaabbccdd11223344UL;
    memset(buf, 0xee, sizeof buf);
    asm volatile("stcm %1,10,1(%0)\n\tstcmh %1,7,8(%0)\n\tstcmy %1,15,12(%0)"
                 : : "a"(buf), "d"(v) : "memory");
    hex("stcm", buf, 16);                       /* ee 11 33 ee .. | bb cc dd ee | 11 22 33 44 */

    /* LAE in primary-space mode: the address, and AR R1 <- 0 */
    TRY("lae", {
        register unsigned long r2 asm("r2") = (unsigned long)buf;
        unsigned int ar;
        asm volatile("sar %%a2,%2\n\tlae %%r2,16(%%r2)\n\tear %0,%%a2"
                     : "=d"(ar), "+d"(r2) : "d"(7u));
        printf("lae: %s a2=%u\n", r2 == (unsigned long)buf + 16 ? "address ok" : "BAD", ar);
    });
}

static void interlocked(void)
{
    static unsigned long ipm;
    /* CDS: 11111111 22222222 equal -> swapped; then unequal -> loaded */
    static unsigned int dw[2] __attribute__((aligned(8))) = { 0x11111111, 0x22222222 };
    {
        register unsigned long r2 asm("r2") = 0x11111111, r3 asm("r3") = 0x22222222;
        register unsigned long r4 asm("r4") = 0xaaaaaaaa, r5 asm("r5") = 0xbbbbbbbb;
        asm volatile("cds %0,%2,%4\n\tipm %3" : "+d"(r2), "+d"(r3), "+d"(r4), "=d"(ipm), "+Q"(dw)
                     : "d"(r5) : "cc");
    }
    printf("cds: cc=%d %08x %08x\n", cc_of(ipm), dw[0], dw[1]);         /* cc=0 aaaaaaaa bbbbbbbb */
    {
        register unsigned long r2 asm("r2") = 0x11111111, r3 asm("r3") = 0x22222222;
        register unsigned long r4 asm("r4") = 0xaaaaaaaa, r5 asm("r5") = 0xbbbbbbbb;
        asm volatile("cdsy %0,%2,%4\n\tipm %3" : "+d"(r2), "+d"(r3), "+d"(r4), "=d"(ipm), "+QS"(dw)
                     : "d"(r5) : "cc");
        w64 = r2 << 32 | (r3 & 0xffffffff);
    }
    printf("cdsy: cc=%d r2:r3=%016lx\n", cc_of(ipm), w64);              /* cc=1 aaaaaaaabbbbbbbb */
    static unsigned long qw[2] __attribute__((aligned(16))) = { 1, 2 };
    {
        register unsigned long r2 asm("r2") = 1, r3 asm("r3") = 2;
        register unsigned long r4 asm("r4") = 3, r5 asm("r5") = 4;
        asm volatile("cdsg %0,%2,%4\n\tipm %3" : "+d"(r2), "+d"(r3), "+d"(r4), "=d"(ipm), "+QS"(qw)
                     : "d"(r5) : "cc");
        printf("cdsg: cc=%d %lx %lx\n", cc_of(ipm), qw[0], qw[1]);      /* cc=0 3 4 */
    }
    /* TS: 0x7f -> cc0, then 0xff -> cc1 */
    buf[0] = 0x7f;
    asm volatile("ts 0(%1)\n\tipm %0" : "=d"(ipm) : "a"(buf) : "cc", "memory");
    printf("ts: cc=%d %02x\n", cc_of(ipm), buf[0]);                   /* cc=0 ff */
    asm volatile("ts 0(%1)\n\tipm %0" : "=d"(ipm) : "a"(buf) : "cc", "memory");
    printf("ts: cc=%d %02x\n", cc_of(ipm), buf[0]);                   /* cc=1 ff */

    /* CSST FC 1 (8-byte compare), SC 3 (8-byte store) */
    static unsigned long pl[4] __attribute__((aligned(16))) = {
        0x1111111111111111UL, 0, 0x2222222222222222UL, 0 };
    static unsigned long op1 __attribute__((aligned(8))) = 5, op2 __attribute__((aligned(8)));
    TRY("csst", {
        register unsigned long r0 asm("r0") = 0x301, r1 asm("r1") = (unsigned long)pl;
        register unsigned long r3 asm("r3") = 5;
        asm volatile("csst %0,%1,%4\n\tipm %2" : "+Q"(op1), "+Q"(op2), "=d"(ipm)
                     : "d"(r0), "d"(r3), "d"(r1) : "cc");
    });
    printf("csst: cc=%d %016lx %016lx\n", cc_of(ipm), op1, op2);      /* cc=0 1111.. 2222.. */
    TRY("csst", {
        register unsigned long r0 asm("r0") = 0x301, r1 asm("r1") = (unsigned long)pl;
        register unsigned long r3 asm("r3") = 5;
        asm volatile("csst %0,%1,%3\n\tipm %2" : "+Q"(op1), "+Q"(op2), "=d"(ipm), "+d"(r3)
                     : "d"(r0), "d"(r1) : "cc");
        w64 = r3;
    });
    printf("csst: cc=%d r3=%016lx\n", cc_of(ipm), w64);                 /* cc=1 1111.. */
    /* LPD / LPDG */
    static unsigned int wa = 0xcafe0001, wb = 0xcafe0002;
    static unsigned long da = 0x1234, db = 0x5678;
    TRY("lpd", {
        register unsigned long r4 asm("r4") = 0, r5 asm("r5") = 0;
        asm volatile("lpd %0,%3,%4\n\tipm %2" : "+d"(r4), "+d"(r5), "=d"(ipm) : "Q"(wa), "Q"(wb) : "cc");
        w64 = r4 << 32 | r5;
    });
    printf("lpd: cc=%d %016lx\n", cc_of(ipm), w64);                     /* cc=0 cafe0001cafe0002 */
    TRY("lpdg", {
        register unsigned long r4 asm("r4") = 0, r5 asm("r5") = 0;
        asm volatile("lpdg %0,%3,%4\n\tipm %2" : "+d"(r4), "+d"(r5), "=d"(ipm) : "Q"(da), "Q"(db) : "cc");
        w64 = r4 ^ r5 << 16;
    });
    printf("lpdg: cc=%d %lx\n", cc_of(ipm), w64);                      /* cc=0 56781234 */
    /* LPQ / STPQ */
    {
        register unsigned long r6 asm("r6") = 0x0102030405060708UL, r7 asm("r7") = 0x1112131415161718UL;
        asm volatile("stpq %0,%2" : : "d"(r6), "d"(r7), "T"(qw) : "memory");
        r6 = r7 = 0;
        asm volatile("lpq %0,%2" : "=d"(r6), "=d"(r7) : "T"(qw));
        printf("lpq: %016lx %016lx\n", r6, r7);
    }
}

static void multiple(void)
{
    static unsigned int w[4];
    static unsigned int hi[3] = { 0xa0, 0xa1, 0xa2 }, lo[3] = { 0xb0, 0xb1, 0xb2 };
    {
        register unsigned long r2 asm("r2") = 0x1111111100000002UL, r3 asm("r3") = 3;
        asm volatile("stmy %1,%2,%0" : "=QS"(w) : "d"(r2), "d"(r3));
        printf("stmy: %x %x\n", w[0], w[1]);                            /* 2 3 */
    }
    {
        register unsigned long r2 asm("r2") = 0xffffffff00000000UL, r3 asm("r3") = 0;
        w[0] = 9, w[1] = 8;
        asm volatile("lmy %0,%1,%2" : "+d"(r2), "+d"(r3) : "QS"(w));
        printf("lmy: %lx %lx\n", r2, r3);                               /* ffffffff00000009 8 */
    }
    {
        unsigned int a2, a3;
        w[0] = 0x22, w[1] = 0x33;
        asm volatile("lamy %%a2,%%a3,%2\n\tear %0,%%a2\n\tear %1,%%a3" : "=d"(a2), "=d"(a3) : "QS"(w));
        asm volatile("stamy %%a2,%%a3,%0" : "=QS"(w[2]) : : "memory");
        printf("lamy: %x %x stamy: %x %x\n", a2, a3, w[2], w[3]);      /* 22 33 22 33 */
    }
    TRY("lmd", {
        register unsigned long r2 asm("r2"), r3 asm("r3"), r4 asm("r4");
        asm volatile("lmd %0,%2,%3,%4" : "=d"(r2), "=d"(r3), "=d"(r4) : "Q"(hi), "Q"(lo));
        printf("lmd: %lx %lx %lx\n", r2, r3, r4);                       /* a0000000b0 ... */
    });
}

static void state(void)
{
    unsigned long ipm, r1 = 0x1111111100000000UL, r2 = 0x2222222200000000UL;
    asm volatile("tam\n\tipm %0" : "=d"(ipm) : : "cc");
    printf("tam: cc=%d\n", cc_of(ipm));                                 /* 64-bit: 3 */
    /* EPSW after setting CC 2: bits 18-19 of the PSW = 10 -> r1 bit 50-51 */
    asm volatile("lhi %0,1\n\tchi %0,0\n\tepsw %0,%1" : "+d"(r1), "+d"(r2) : : "cc");
    printf("epsw: cc=%lu ea=%lu ba=%lu hi=%lx\n", (r1 >> 12) & 3, r1 & 1, (r2 >> 31) & 1,
           r1 >> 32);                                                   /* cc=2 ea=1 ba=1 hi=11111111 */
    TRY("cpya", {
        unsigned int a4;
        asm volatile("sar %%a3,%1\n\tcpya %%a4,%%a3\n\tear %0,%%a4" : "=d"(a4) : "d"(0x1234u));
        printf("cpya: %x\n", a4);                                       /* 1234 */
    });
    asm volatile("mc 0,0");                     /* CR8 masks off: no effect */
    printf("mc: ok\n");
    /* STCKE: epoch 0, the TOD between two STCKs */
    unsigned long t0, t1;
    unsigned char e[16];
    asm volatile("stck %0\n\tstcke %1\n\tstck %2" : "=Q"(t0), "=Q"(e), "=Q"(t1) : : "cc");
    unsigned long te;
    memcpy(&te, e + 1, 8);
    printf("stcke: epoch=%d ordered=%d\n", e[0], t0 <= te && te <= t1);
    /* ECTG: GR1 <- op2, R3 <- the doubleword R3 designates */
    static unsigned long x1 = 100, x2 = 0x77, x3 = 0x99;
    {
        register unsigned long r0 asm("r0"), g1 asm("r1");
        register unsigned long r5 asm("r5") = (unsigned long)&x3;
        asm volatile("ectg %3,%4,%2" : "=d"(r0), "=d"(g1), "+d"(r5) : "Q"(x1), "Q"(x2));
        /* GR1 is the second operand, the doubleword: not its address */
        printf("ectg: gr1=%s r5=%lx\n", g1 == 0x77 ? "77" : g1 == (unsigned long)&x2 ? "&op2" : "?",
               r5);                                                     /* 77 99 */
        (void)r0;
    }
}

static void set_mode(void)
{
    TRY("bassm", {
        unsigned long link, mode = 0;
        /* BASSM to the next label with bit 63 set: stays in 64-bit mode;
         * the link has bit 63 one, then BSM 1,0 records the mode in R1 */
        asm volatile("larl %0,1f\n\toill %0,1\n\tbassm %0,%0\n1:\tbsm %1,0"
                     : "=&a"(link), "+d"(mode));
        printf("bassm: link-bit63=%lu bsm-bit63=%lu\n", link & 1, mode & 1);  /* 1 1 */
    });
}

static void unicode(void)
{
    static const unsigned char u8[] = { 0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80 };
    unsigned char out[32], back[32];
    unsigned long ipm;
#define CU(insn, d, dl, s, sl)                                                 \
    ({                                                                         \
        register unsigned long r2 asm("r2") = (unsigned long)(d), r3 asm("r3") = (dl); \
        register unsigned long r4 asm("r4") = (unsigned long)(s), r5 asm("r5") = (sl); \
        asm volatile("0: " insn " %0,%2\n\tjo 0b\n\tipm %4"                    \
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), "=d"(ipm) : : "cc", "memory"); \
        (int)(sizeof out - r3);                                                \
    })
    int n = CU("cu12", out, sizeof out, u8, sizeof u8);
    hex("cu12", out, n);                        /* 00 41 00 e9 20 ac d8 3d de 00 */
    int m = CU("cu21", back, sizeof back, out, n);
    hex("cu21", back, m);                       /* the UTF-8 again */
    n = CU("cu14", out, sizeof out, u8, sizeof u8);
    hex("cu14", out, n);                        /* 00000041 000000e9 000020ac 0001f600 */
    m = CU("cu41", back, sizeof back, out, n);
    hex("cu41", back, m);
    m = CU("cu42", back, sizeof back, out, n);
    hex("cu42", back, m);                       /* 0041 00e9 20ac d83d de00 */
    n = CU("cu24", out, sizeof out, back, m);
    hex("cu24", out, n);                        /* the UTF-32 again */
    static const unsigned char bad[] = { 0x41, 0xc0, 0x80 };
    register unsigned long r2 asm("r2") = (unsigned long)out, r3 asm("r3") = sizeof out;
    register unsigned long r4 asm("r4") = (unsigned long)bad, r5 asm("r5") = sizeof bad;
    asm volatile("cu12 %0,%2,1\n\tipm %4" : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), "=d"(ipm) : : "cc", "memory");
    printf("cu12 W: cc=%d at=%ld\n", cc_of(ipm), (long)(r4 - (unsigned long)bad));  /* cc=2 at=1 */
}

static void scan(void)
{
    TRY("cuse", {
        static const char a[] = "ABCDEFG", b[] = "xBCDyFG";
        register unsigned long r0 asm("r0") = 3, r1 asm("r1") = 0;
        register unsigned long r2 asm("r2") = (unsigned long)a, r3 asm("r3") = 7;
        register unsigned long r4 asm("r4") = (unsigned long)b, r5 asm("r5") = 7;
        unsigned long ipm;
        asm volatile("0: cuse %0,%2\n\tjo 0b\n\tipm %4"
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), "=d"(ipm) : "d"(r0), "d"(r1) : "cc");
        printf("cuse: cc=%d at=%ld len=%lu\n", cc_of(ipm), (long)(r2 - (unsigned long)a), r3);  /* 0 1 6 */
    });
    static unsigned char tab[256];
    static const char s[] = "abc,def";
    tab[','] = 5;
    static unsigned long at, len, fc, ipm;  /* static: kept across siglongjmp */
    TRY("trte", {
        register unsigned long r1 asm("r1") = (unsigned long)tab;
        register unsigned long r2 asm("r2") = (unsigned long)s, r3 asm("r3") = 7;
        asm volatile("0: trte %0,%3,0\n\tjo 0b\n\tipm %2"
                     : "+d"(r2), "+d"(r3), "=d"(ipm), "+d"(fc) : "d"(r1) : "cc");
        at = r2 - (unsigned long)s, len = r3;
        printf("trte: cc=%d at=%ld len=%lu fc=%lu\n", cc_of(ipm), (long)at, len, fc);  /* 1 3 4 5 */
    });
    fc = 0;
    TRY("trtre", {
        register unsigned long r1 asm("r1") = (unsigned long)tab;
        register unsigned long r2 asm("r2") = (unsigned long)s + 6, r3 asm("r3") = 7;
        asm volatile("0: trtre %0,%3,0\n\tjo 0b\n\tipm %2"
                     : "+d"(r2), "+d"(r3), "=d"(ipm), "+d"(fc) : "d"(r1) : "cc");
        at = r2 - (unsigned long)s, len = r3;
        printf("trtre: cc=%d at=%ld len=%lu fc=%lu\n", cc_of(ipm), (long)at, len, fc);  /* 1 3 4 5 */
    });
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGILL, on_ill);
    arith();
    storage_forms();
    interlocked();
    multiple();
    state();
    set_mode();
    unicode();
    scan();
    return 0;
}
