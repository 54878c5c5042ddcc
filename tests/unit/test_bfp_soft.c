/* The software BFP core (insn/bfp_soft.c) against the host's IEEE
 * arithmetic: x86 SSE for binary32/64 (fma/fmaf for fused multiply-add)
 * and libgcc's binary128, under each of the four rounding modes both
 * have, on random operands weighted toward the hard cases (near-equal
 * exponents, carries, subnormals, overflow, specials).  Result bits and
 * IEEE flags must agree, except where z/Architecture differs from the
 * host on purpose: NaN results (s390x default NaN and propagation are
 * tested in test_bfp.c) and the underflow flag of a result of magnitude
 * Nmin (tininess before rounding here, after rounding on x86). */
#include <fenv.h>
#include <math.h>

#include "insn/bfp_soft.h"
#include "test.h"

static uint64_t seed = 0x5eed1234abcdULL;

static const int host_modes[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD };
static const int soft_modes[4] = { BFP_RNE, BFP_RZ, BFP_RP, BFP_RM };

static uint8_t host_flags(int f)
{
    return (f & FE_INVALID ? BFX_INVALID : 0) | (f & FE_DIVBYZERO ? BFX_DIVIDE : 0) |
           (f & FE_OVERFLOW ? BFX_OVERFLOW : 0) | (f & FE_UNDERFLOW ? BFX_UNDERFLOW : 0) |
           (f & FE_INEXACT ? BFX_INEXACT : 0);
}

/* A random operand of `width` bits (p = precision): exponent near `near`
 * (biased) most of the time. */
static u128 rnd_op(int width, int p, int near)
{
    const int ebits = width - p;
    const u128 emask = ((u128)1 << ebits) - 1;
    u128 v = ((u128)test_rand(&seed) << 64 | test_rand(&seed));
    if (width < 128)
        v &= ((u128)1 << width) - 1;
    unsigned k = test_rand(&seed) % 16;
    u128 frac = v & (((u128)1 << (p - 1)) - 1);
    u128 sign = v >> (width - 1);
    int e;
    switch (k) {
    case 0: e = 0; break;                                   /* subnormal / zero */
    case 1: e = (int)emask; frac = test_rand(&seed) & 1 ? 0 : frac; break;  /* inf / NaN */
    case 2: e = (int)emask - 1 - (int)(test_rand(&seed) % 3); break;        /* huge */
    case 3: e = 1 + (int)(test_rand(&seed) % 3); break;                     /* tiny */
    case 4: frac = 0; e = near; break;
    case 5: frac = frac | ((((u128)1 << (p - 1)) - 1) & ~(u128)0xFF); e = near; break;
    case 6: e = (int)(v >> 3 & emask); break;               /* anywhere */
    default: e = near + (int)(test_rand(&seed) % 7) - 3; break;
    }
    if (e < 0) e = 0;
    if (e > (int)emask) e = (int)emask;
    if (k == 1 && frac)
        frac &= ~((u128)1 << (p - 2));  /* host and soft agree on quieting */
    return sign << (width - 1) | (u128)e << (p - 1) | frac;
}

enum { ADD, SUB, MUL, DIV, SQRT, FMA, NOPS };

#define HOST_RUN(T, bits_t, fmaf_)                                             \
    static bits_t host_##T(int op, bits_t a, bits_t b, bits_t c, int *fl)      \
    {                                                                         \
        T x, y, z, r;                                                         \
        memcpy(&x, &a, sizeof x);                                             \
        memcpy(&y, &b, sizeof y);                                             \
        memcpy(&z, &c, sizeof z);                                             \
        feclearexcept(FE_ALL_EXCEPT);                                         \
        __asm__ volatile("" : "+m"(x), "+m"(y), "+m"(z));                     \
        switch (op) {                                                         \
        case ADD: r = x + y; break;                                           \
        case SUB: r = x - y; break;                                           \
        case MUL: r = x * y; break;                                           \
        case DIV: r = x / y; break;                                           \
        case SQRT: r = fmaf_##sqrt(y); break;                                 \
        default: r = fmaf_##fma(z, y, x); break;                              \
        }                                                                     \
        __asm__ volatile("" : "+m"(r));                                       \
        *fl = fetestexcept(FE_ALL_EXCEPT);                                    \
        bits_t o;                                                             \
        memcpy(&o, &r, sizeof o);                                             \
        return o;                                                             \
    }
static inline double dsqrt(double x) { return sqrt(x); }
static inline double dfma(double a, double b, double c) { return fma(a, b, c); }
static inline float fsqrt(float x) { return sqrtf(x); }
static inline float ffma(float a, float b, float c) { return fmaf(a, b, c); }
HOST_RUN(double, uint64_t, d)
HOST_RUN(float, uint32_t, f)

static u128 host_ext(int op, u128 a, u128 b, int *fl)
{
    __float128 x, y, r;
    memcpy(&x, &a, 16);
    memcpy(&y, &b, 16);
    feclearexcept(FE_ALL_EXCEPT);
    __asm__ volatile("" : "+m"(x), "+m"(y));
    switch (op) {
    case ADD: r = x + y; break;
    case SUB: r = x - y; break;
    case MUL: r = x * y; break;
    default: r = x / y; break;
    }
    __asm__ volatile("" : "+m"(r));
    *fl = fetestexcept(FE_ALL_EXCEPT);
    u128 o;
    memcpy(&o, &r, 16);
    return o;
}

static u128 soft(BfpCtx *c, int fmt, int op, u128 a, u128 b, u128 d)
{
    switch (op) {
    case ADD: return bfp_add(c, fmt, a, b, false);
    case SUB: return bfp_add(c, fmt, a, b, true);
    case MUL: return bfp_mul(c, fmt, a, b);
    case DIV: return bfp_div(c, fmt, a, b);
    case SQRT: return bfp_sqrt(c, fmt, b);
    default: return bfp_fma(c, fmt, a, b, d, false);
    }
}

static bool is_nmin(int fmt, u128 v)
{
    const int fb = fmt == BFP_SHORT ? 23 : fmt == BFP_LONG ? 52 : 112;
    const int w = fmt == BFP_SHORT ? 32 : fmt == BFP_LONG ? 64 : 128;
    u128 mag = w == 128 ? v & ~((u128)1 << 127) : v & (((u128)1 << (w - 1)) - 1);
    return mag == (u128)1 << fb;
}

static void run_format(int fmt, unsigned n)
{
    const int width = fmt == BFP_SHORT ? 32 : fmt == BFP_LONG ? 64 : 128;
    const int p = fmt == BFP_SHORT ? 24 : fmt == BFP_LONG ? 53 : 113;
    const int bias = fmt == BFP_SHORT ? 127 : fmt == BFP_LONG ? 1023 : 16383;
    unsigned bad = 0;
    for (unsigned i = 0; i < n; i++) {
        const int op = (int)(test_rand(&seed) % (fmt == BFP_EXT ? 4 : NOPS));
        const int m = (int)(test_rand(&seed) % 4);
        const int near = (int)(test_rand(&seed) % (2 * bias)) + 1;
        u128 a = rnd_op(width, p, near), b = rnd_op(width, p, near + (int)(test_rand(&seed) % 5) - 2);
        u128 d = rnd_op(width, p, near);
        if (op == FMA && test_rand(&seed) % 2) {
            /* an addend near the product, for cancellation */
            BfpCtx t = { BFP_RNE, 0, 0, false };
            d = bfp_mul(&t, fmt, b, d) ^ ((u128)1 << (width - 1));
            a = d;
            d = rnd_op(width, p, near);
            BfpCtx t2 = { BFP_RNE, 0, 0, false };
            a = bfp_mul(&t2, fmt, b, d) ^ ((u128)(test_rand(&seed) & 1) << (width - 1));
        }
        fesetround(host_modes[m]);
        int fl;
        u128 h;
        if (fmt == BFP_LONG)
            h = host_double(op, (uint64_t)a, (uint64_t)b, (uint64_t)d, &fl);
        else if (fmt == BFP_SHORT)
            h = host_float(op, (uint32_t)a, (uint32_t)b, (uint32_t)d, &fl);
        else
            h = host_ext(op, a, b, &fl);
        fesetround(FE_TONEAREST);
        BfpCtx c = { (uint8_t)soft_modes[m], 0, 0, false };
        u128 s = soft(&c, fmt, op, a, b, d);
        uint8_t hf = host_flags(fl), sf = c.exc;
        if (is_nmin(fmt, s) || is_nmin(fmt, h)) {
            hf &= ~BFX_UNDERFLOW;
            sf &= ~BFX_UNDERFLOW;
        }
        bool ok;
        if (bfp_is_nan(fmt, h))
            ok = bfp_is_nan(fmt, s) && (hf & BFX_INVALID) == (sf & BFX_INVALID);
        else
            ok = h == s && hf == sf;
        if (!ok && bad++ < 10)
            fprintf(stderr, "  fmt %d op %d mode %d a %016llx%016llx b %016llx%016llx c %016llx%016llx:"
                    " host %016llx%016llx/%02x soft %016llx%016llx/%02x\n", fmt, op, m,
                    (unsigned long long)(a >> 64), (unsigned long long)a,
                    (unsigned long long)(b >> 64), (unsigned long long)b,
                    (unsigned long long)(d >> 64), (unsigned long long)d,
                    (unsigned long long)(h >> 64), (unsigned long long)h, hf,
                    (unsigned long long)(s >> 64), (unsigned long long)s, sf);
    }
    CHECK_EQ(bad, 0);
}

TEST(bfp_soft_short_vs_host) { run_format(BFP_SHORT, 300000); }
TEST(bfp_soft_long_vs_host) { run_format(BFP_LONG, 300000); }
TEST(bfp_soft_ext_vs_host) { run_format(BFP_EXT, 100000); }
