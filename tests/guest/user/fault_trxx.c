/* TROT (B992), TRTO (B991), TRTT (B990): translate one-byte arguments to
 * two-byte function values, two to one, two to two, through the table at
 * GR1 (fault_troo.c covers TROO).  R1 (even) is the first operand, R1 + 1
 * the length of the SECOND operand in bytes (so it counts the source: TROT
 * writes twice as many bytes as R1 + 1 says, TRTO half as many), R2 the
 * second operand; the test character is GR0 bits 48-63 when the function
 * values are two bytes (TROT, TRTT), bits 56-63 when one byte (TRTO); M3
 * bit 3 suppresses the test.  QEMU's helper and Hercules both count R1 + 1
 * in second-operand bytes and require it to be a multiple of the source
 * character size (specification exception otherwise, as for an odd R1).
 *
 * Faults: like TROO these are CC-3-style instructions, so when a page of
 * operand 1 (PROT_READ), operand 2 (PROT_NONE) or a referenced table entry
 * (PROT_NONE) faults, storage and registers must agree: exactly the
 * characters before R2's progress are translated and stored.  zemu ends a
 * unit of operation at a page boundary, so the 8 characters before the
 * boundary are done.
 *
 * Hand results (up(c): a-z to A-Z, else c):
 *   TROT table: c -> 00 up(c);  "hi there" -> 00 48 00 49 00 20 00 54 00 48
 *     00 45 00 52 00 45, R1 + 16, R1+1 0, R2 + 8.  Test character 0x0021
 *     with "hi!there": stops at '!' (CC 1): R1 + 4, R1+1 6, R2 + 2; the
 *     bytes after 00 48 00 49 keep the fill pattern (offsets 36, 37 of the
 *     mapping: 36*7+3 = 255 -> ff, 37*7+3 = 262 -> 06).
 *   TRTO table: u < 256 -> up(u), else '?';  UTF-16 "shout it" -> "SHOUT
 *     IT", R1 + 8, R2 + 16;  "hey!you." with test '!': CC 1, R1 + 3, R1+1
 *     16 - 6 = 10, R2 + 6;  a 263a b e9 -> "A?B" e9.
 *   TRTT table: u < 256 -> up(u), else u;  03a9 0061 0062 263a -> 03a9 0041
 *     0042 263a, R1 + 8, R2 + 8;  test 0x0042: CC 1 at the third
 *     character: R1 + 4, R1+1 4, R2 + 4. */
#include "pf.h"

static unsigned long R[6];

#define TR(op) "0: " op " %%r2,%%r4\n\tjo 0b"
#define TR_NOTEST(op) "0: " op " %%r2,%%r4,1\n\tjo 0b"

static unsigned up(unsigned c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

static void show(const char *what, const void *op1, const void *op2)
{
    printf("%s: cc=%d r2=op1%+ld r3=%lx r4=op2%+ld\n", what, g_cc,
           (long)(R[2] - (unsigned long)op1), R[3], (long)(R[4] - (unsigned long)op2));
}

static void put16(unsigned char *p, const unsigned *u, int n)
{
    for (int i = 0; i < n; i++) {
        p[2 * i] = (unsigned char)(u[i] >> 8);
        p[2 * i + 1] = (unsigned char)u[i];
    }
}

/* One fault case: R1 = d, R1+1 = len, R2 = s, table at GR1, no test
 * character; page 1 protected by prot; then the registers at the signal
 * against storage (full: the whole translated result; was: the
 * destination's bytes before; n: bytes to compare). */
#define TR_FAULT(label, text, prot, table, d, s, len, ssize, dsize, was, n)   \
    do {                                                                   \
        R[0] = 0; R[1] = (unsigned long)(table);                           \
        R[2] = (unsigned long)(d); R[3] = (len); R[4] = (unsigned long)(s); \
        pf_expect(0, R[0]);                                                \
        pf_expect(1, R[1]);                                                \
        PF_CASE(label, 1, prot, LONG_RUN(text, R, 1));                     \
        consistent(label, (unsigned long)(d), (unsigned long)(s), len, ssize, dsize, \
                   full, was, n);                                          \
    } while (0)

/* After a fault: the registers at the signal (pf_gregs) against storage.
 * d0/s0/len0: initial R1, R2, R1+1; full: the whole translated result;
 * was: the destination's bytes before; n: bytes of the destination to
 * compare. */
static void consistent(const char *label, unsigned long d0, unsigned long s0,
                       unsigned long len0, int ssize, int dsize,
                       const unsigned char *full, const unsigned char *was, long n)
{
    long p = (long)(pf_gregs[4] - s0), chars = p / ssize;
    const unsigned char *d = (const unsigned char *)d0;
    int ok = p >= 0 && p % ssize == 0 && (unsigned long)p <= len0 &&
             pf_gregs[2] - d0 == (unsigned long)(chars * dsize) &&
             pf_gregs[3] == len0 - (unsigned long)p;
    for (long i = 0; ok && i < n; i++)
        ok = d[i] == (i < chars * dsize ? full[i] : was[i]);
    printf("%s: storage and registers %s\n", label, ok ? "consistent" : "BAD");
}

int main(void)
{
    unsigned char *b, *tot, *tto, *ttt, full[256];
    unsigned char *big = malloc(2 * 65536 + 65536 + 4096 + 4096);
    pf_init();
    b = pf_base;
    /* 4K-aligned tables: TRTT 128 KiB, TRTO 64 KiB, TROT 512 bytes */
    ttt = (unsigned char *)(((unsigned long)big + 4095) & ~4095UL);
    tto = ttt + 2 * 65536;
    tot = tto + 65536;
    for (unsigned u = 0; u < 65536; u++) {
        unsigned v = u < 256 ? up(u) : u;
        ttt[2 * u] = (unsigned char)(v >> 8);
        ttt[2 * u + 1] = (unsigned char)v;
        tto[u] = (unsigned char)(u < 256 ? up(u) : '?');
    }
    for (unsigned c = 0; c < 256; c++) {
        tot[2 * c] = 0;
        tot[2 * c + 1] = (unsigned char)up(c);
    }

    /* ---- TROT ---- */
    pf_fill();
    memcpy(pf_aux, "hi there", 8);
    R[0] = 0; R[1] = (unsigned long)tot;
    R[2] = (unsigned long)b; R[3] = 8; R[4] = (unsigned long)pf_aux;
    LONG_RUN(TR("trot"), R, 3);
    pf_hex("trot", b, 16);
    show("trot", b, pf_aux);
    memcpy(pf_aux, "hi!there", 8);
    R[0] = 0x21; R[2] = (unsigned long)(b + 32); R[3] = 8; R[4] = (unsigned long)pf_aux;
    LONG_RUN(TR("trot"), R, 3);
    pf_hex("trot test char", b + 32, 6);
    show("trot test char", b + 32, pf_aux);
    R[0] = 0x21; R[2] = (unsigned long)(b + 64); R[3] = 8; R[4] = (unsigned long)pf_aux;
    LONG_RUN(TR_NOTEST("trot"), R, 3);
    pf_hex("trot m3=1", b + 64, 16);
    show("trot m3=1", b + 64, pf_aux);

    /* ---- TRTO ---- */
    {
        static const unsigned s1[8] = { 's', 'h', 'o', 'u', 't', ' ', 'i', 't' };
        static const unsigned s2[8] = { 'h', 'e', 'y', '!', 'y', 'o', 'u', '.' };
        static const unsigned s3[4] = { 'a', 0x263a, 'b', 0xe9 };
        pf_fill();
        put16(pf_aux, s1, 8);
        R[0] = 0; R[1] = (unsigned long)tto;
        R[2] = (unsigned long)b; R[3] = 16; R[4] = (unsigned long)pf_aux;
        LONG_RUN(TR("trto"), R, 3);
        printf("trto: %.8s\n", (char *)b);
        show("trto", b, pf_aux);
        put16(pf_aux + 64, s2, 8);
        R[0] = '!'; R[2] = (unsigned long)(b + 32); R[3] = 16; R[4] = (unsigned long)(pf_aux + 64);
        LONG_RUN(TR("trto"), R, 3);
        printf("trto test char: %.3s\n", (char *)b + 32);
        show("trto test char", b + 32, pf_aux + 64);
        put16(pf_aux + 128, s3, 4);
        R[0] = 0; R[2] = (unsigned long)(b + 64); R[3] = 8; R[4] = (unsigned long)(pf_aux + 128);
        LONG_RUN(TR("trto"), R, 3);
        pf_hex("trto non-latin", b + 64, 4);
        show("trto non-latin", b + 64, pf_aux + 128);
    }

    /* ---- TRTT ---- */
    {
        static const unsigned s1[4] = { 0x03a9, 'a', 'b', 0x263a };
        pf_fill();
        put16(pf_aux, s1, 4);
        R[0] = 0; R[1] = (unsigned long)ttt;
        R[2] = (unsigned long)b; R[3] = 8; R[4] = (unsigned long)pf_aux;
        LONG_RUN(TR("trtt"), R, 3);
        pf_hex("trtt", b, 8);
        show("trtt", b, pf_aux);
        R[0] = 0x42; R[2] = (unsigned long)(b + 32); R[3] = 8; R[4] = (unsigned long)pf_aux;
        LONG_RUN(TR("trtt"), R, 3);
        pf_hex("trtt test char", b + 32, 4);
        show("trtt test char", b + 32, pf_aux);
    }

    /* ---- specification exceptions: nothing changes ---- */
    pf_fill();
    R[0] = 0; R[1] = (unsigned long)tto;
    R[2] = (unsigned long)b; R[3] = 15; R[4] = (unsigned long)pf_aux;
    pf_expect6(R);
    PF_CASE("trto odd length", 1, PROT_READ | PROT_WRITE, LONG_RUN(TR("trto"), R, 2));
    R[1] = (unsigned long)ttt; R[3] = 7;
    pf_expect6(R);
    PF_CASE("trtt odd length", 1, PROT_READ | PROT_WRITE, LONG_RUN(TR("trtt"), R, 2));
    R[1] = (unsigned long)tot; R[3] = 8;
    pf_expect6(R);
    PF_CASE("trot odd r1", 1, PROT_READ | PROT_WRITE,
            LONG_RUN(".long 0xb9920034   # trot %%r3,%%r4", R, 2));

    /* ---- faults ---- */
    pf_hide_cc = 1;

    /* TROT: operand 1 (32 bytes for 16 characters) crosses into PROT_READ */
    pf_fill();
    memcpy(pf_aux, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl", 64);
    for (int i = 0; i < 64; i++) {
        full[2 * i] = 0;
        full[2 * i + 1] = (unsigned char)up(pf_aux[i]);
    }
    TR_FAULT("trot op1->READ", TR("trot"), PROT_READ, tot, b + PG - 16, pf_aux, 64, 1, 2,
             pf_snap + PG - 16, 32);

    /* TROT: operand 2 crosses into PROT_NONE */
    pf_fill();
    memset(b + PG - 8, 'q', 8);
    for (int i = 0; i < 64; i++) {
        full[2 * i] = 0;
        full[2 * i + 1] = 'Q';
    }
    TR_FAULT("trot op2->NONE", TR("trot"), PROT_NONE, tot, pf_aux + 1024, b + PG - 8, 32, 1, 2,
             pf_aux_snap + 1024, 32);

    /* TROT: the table starts 256 bytes before the boundary, so the entries
     * of arguments 0x80-0xff are in the PROT_NONE page; the fourth
     * argument (0xc0) references one */
    pf_fill();
    memcpy(pf_aux + 2048, "abc\xc0" "defg", 8);
    for (int i = 0; i < 8; i++) {
        unsigned off = 2u * pf_aux[2048 + i];
        full[2 * i] = b[PG - 256 + off];
        full[2 * i + 1] = b[PG - 256 + off + 1];
    }
    TR_FAULT("trot table->NONE", TR_NOTEST("trot"), PROT_NONE, b + PG - 256, pf_aux + 3072,
             pf_aux + 2048, 8, 1, 2, pf_aux_snap + 3072, 16);

    /* TRTO: operand 1 (16 bytes for 16 characters) crosses into PROT_READ */
    pf_fill();
    for (int i = 0; i < 32; i++) {
        pf_aux[2 * i] = 0;
        pf_aux[2 * i + 1] = (unsigned char)('a' + i % 26);
        full[i] = (unsigned char)('A' + i % 26);
    }
    TR_FAULT("trto op1->READ", TR("trto"), PROT_READ, tto, b + PG - 8, pf_aux, 64, 2, 1,
             pf_snap + PG - 8, 16);

    /* TRTO: operand 2 crosses into PROT_NONE */
    pf_fill();
    for (int i = 0; i < 8; i++) {
        b[PG - 16 + 2 * i] = 0;
        b[PG - 16 + 2 * i + 1] = 'z';
    }
    memset(full, 'Z', 32);
    TR_FAULT("trto op2->NONE", TR("trto"), PROT_NONE, tto, pf_aux + 1024, b + PG - 16, 64, 2, 1,
             pf_aux_snap + 1024, 32);

    /* TRTT: operand 1 crosses into PROT_READ */
    pf_fill();
    for (int i = 0; i < 32; i++) {
        pf_aux[2 * i] = 0;
        pf_aux[2 * i + 1] = (unsigned char)('a' + i % 26);
        full[2 * i] = 0;
        full[2 * i + 1] = (unsigned char)('A' + i % 26);
    }
    TR_FAULT("trtt op1->READ", TR("trtt"), PROT_READ, ttt, b + PG - 16, pf_aux, 64, 2, 2,
             pf_snap + PG - 16, 32);

    /* TRTT: the table starts 256 bytes before the boundary: arguments
     * 0x0000-0x007f have their entries in page 0, 0x0080 and up in the
     * PROT_NONE page; the fourth argument (0x00c0) references one */
    pf_fill();
    {
        static const unsigned s[4] = { 'a', 'b', 'c', 0xc0 };
        put16(pf_aux + 2048, s, 4);
        for (int i = 0; i < 4; i++) {
            unsigned off = 2u * s[i];
            full[2 * i] = b[PG - 256 + off];
            full[2 * i + 1] = b[PG - 256 + off + 1];
        }
    }
    TR_FAULT("trtt table->NONE", TR_NOTEST("trtt"), PROT_NONE, b + PG - 256, pf_aux + 3072,
             pf_aux + 2048, 8, 2, 2, pf_aux_snap + 3072, 8);
    free(big);
    return 0;
}
