/* Edge cases of the Unicode conversions CU12, CU14, CU21, CU24, CU41, CU42
 * (one execution each, no CC-3 loop): well-formedness checking on and off
 * (M3 = 1 / 0), characters cut off by the end of the source, invalid first
 * bytes, a lone or unpaired surrogate, the destination too short, values
 * above U+10FFFF.  Each line: CC, destination and source progress and the
 * first destination bytes.  qemu-s390x agrees line for line; the values
 * follow the rules in src/insn/utf.c and were checked by hand, e.g.
 * F7 BF BF BF without checking is 0x1FFFFF: uvwxy = 11111, abcd = 1110,
 * so UTF-16 DBBF DFFF; D83D 0041 without checking pairs to U+1F441. */
#include <stdio.h>
#include <string.h>

static unsigned char out[64];

typedef struct {
    unsigned long d, dl, s, sl, ipm;
} Regs;

/* insn R2,R4 (M3 literal) with R2/R3 = out, dl and R4/R5 = src, sl */
#define RUN(text, src, sl, dl, rg)                                             \
    do {                                                                       \
        register unsigned long r2 asm("r2") = (unsigned long)out, r3 asm("r3") = (dl); \
        register unsigned long r4 asm("r4") = (unsigned long)(src), r5 asm("r5") = (sl); \
        unsigned long m_;                                                      \
        memset(out, 0xee, sizeof out);                                         \
        asm volatile(text "\n\tipm %4"                                         \
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), "=d"(m_) : : "cc", "memory"); \
        (rg) = (Regs){ r2, r3, r4, r5, m_ };                                   \
    } while (0)

static void show(const char *name, int m, const unsigned char *src, Regs r)
{
    printf("%-5s ", name);
    if (m >= 0)
        printf("m=%d ", m);
    printf("cc=%lu d=%ld dl=%lu s=%ld sl=%lu :", (r.ipm >> 28) & 3,
           (long)(r.d - (unsigned long)out), r.dl, (long)(r.s - (unsigned long)src), r.sl);
    for (int i = 0; i < 12; i++)
        printf(" %02x", out[i]);
    printf("\n");
}

#define CU(insn, m, src, sl, dl)                                               \
    do {                                                                       \
        Regs r_;                                                               \
        RUN(insn " %0,%2," #m, src, sl, dl, r_);                               \
        show(insn, m, src, r_);                                                \
    } while (0)
#define CU0(insn, src, sl, dl)                                                 \
    do {                                                                       \
        Regs r_;                                                               \
        RUN(insn " %0,%2", src, sl, dl, r_);                                   \
        show(insn, -1, src, r_);                                               \
    } while (0)

int main(void)
{
    /* C0 80 (overlong NUL), ED A0 80 (U+D800), C3 41 (bad continuation),
     * F4 90 80 80 (U+110000) */
    static const unsigned char a[] = { 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xc3, 0x41, 0xf4, 0x90, 0x80, 0x80 };
    CU("cu12", 0, a, sizeof a, 64);
    CU("cu12", 1, a, sizeof a, 64);
    CU("cu14", 0, a, sizeof a, 64);
    CU("cu14", 1, a, 2, 64);
    static const unsigned char b[] = { 0x41, 0xe2, 0x82 };        /* euro cut off */
    CU("cu12", 0, b, 3, 64);
    CU("cu12", 1, b, 3, 64);
    static const unsigned char c[] = { 0x41, 0x80, 0x41 };        /* 80: never a first byte */
    CU("cu12", 0, c, 3, 64);
    static const unsigned char d[] = { 0xf8, 0x80, 0x80, 0x80, 0x80 };
    CU("cu12", 0, d, 5, 64);
    static const unsigned char e[] = { 0xf7, 0xbf, 0xbf, 0xbf };
    CU("cu12", 0, e, 4, 64);
    CU("cu14", 0, e, 4, 64);
    /* D83D 0041 (unpaired high surrogate), DC00 (lone low), 0042 */
    static const unsigned char u16[] = { 0xd8, 0x3d, 0x00, 0x41, 0xdc, 0x00, 0x00, 0x42 };
    CU("cu21", 0, u16, 8, 64);
    CU("cu21", 1, u16, 8, 64);
    CU("cu24", 0, u16, 8, 64);
    CU("cu24", 1, u16, 8, 64);
    CU("cu21", 0, u16, 2, 64);                                    /* high surrogate cut off */
    CU("cu21", 0, u16 + 4, 4, 2);                                 /* DC00 needs 3 bytes */
    /* UTF-32: U+D800, U+110000, U+0041 */
    static const unsigned char u32[] = { 0, 0, 0xd8, 0, 0, 0x11, 0, 0, 0, 0, 0, 0x41 };
    CU0("cu41", u32, 12, 64);
    CU0("cu42", u32 + 8, 4, 64);
    CU0("cu42", u32 + 4, 8, 64);
    CU0("cu41", u32 + 8, 3, 64);
    static const unsigned char big[] = { 0, 1, 0xf6, 0, 0, 0, 0x20, 0xac };
    CU0("cu42", big, 8, 3);                                       /* surrogate pair needs 4 */
    CU0("cu41", big, 8, 5);                                       /* euro needs 3, 1 left */
    CU("cu12", 0, a, sizeof a, 0);
    return 0;
}
