/* Binary floating point in software (see bfp_soft.h).
 *
 * A finite nonzero operand is unpacked to (sign, exp, sig): sig is a
 * 128-bit significand with its leading one in bit 127 and the value is
 * sig * 2^(exp - 127).  Every operation produces such an intermediate
 * whose lowest bit is "jammed" (ORed with everything that was shifted out
 * below it), and round_pack() rounds it once into the target format.  128
 * bits leave at least 15 bits below the last kept bit of the extended
 * format, so the jammed bit never reaches the rounding position. */
#include "insn/bfp_soft.h"

typedef struct Fmt {
    int p;          /* precision, hidden bit included */
    int ebits;
    int emax;       /* = bias */
    int alpha;      /* exponent adjustment of trapped overflow/underflow */
    int width;
} Fmt;

static const Fmt FMTS[3] = {
    { 24, 8, 127, 192, 32 },
    { 53, 11, 1023, 1536, 64 },
    { 113, 15, 16383, 24576, 128 },
};

typedef struct Unp {
    int cls;
    bool sign;
    int32_t exp;
    u128 sig;
} Unp;

static inline u128 ones(int n) { return n >= 128 ? ~(u128)0 : ((u128)1 << n) - 1; }

static inline int clz128(u128 v)
{
    uint64_t hi = (uint64_t)(v >> 64);
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)v);
}

/* v >> n, with every bit shifted out ORed into bit 0. */
static inline u128 shr_jam(u128 v, int n)
{
    if (n <= 0)
        return v;
    if (n >= 128)
        return v != 0;
    return (v >> n) | ((v & ones(n)) != 0);
}

u128 bfp_max_bits(int fmt) { return ones(FMTS[fmt].width); }

bool bfp_sign(int fmt, u128 v) { return (v >> (FMTS[fmt].width - 1)) & 1; }

u128 bfp_default_nan(int fmt)
{
    /* s390x: positive, quiet bit only */
    const Fmt *f = &FMTS[fmt];
    return (ones(f->ebits) << (f->p - 1)) | ((u128)1 << (f->p - 2));
}

static Unp unpack(int fmt, u128 v)
{
    const Fmt *f = &FMTS[fmt];
    const int fb = f->p - 1;
    Unp u;
    u.sign = (v >> (f->width - 1)) & 1;
    int e = (int)((v >> fb) & ones(f->ebits));
    u128 frac = v & ones(fb);
    u.exp = 0;
    u.sig = 0;
    if (e == (int)ones(f->ebits)) {
        u.cls = !frac ? BFPC_INF : (frac >> (fb - 1)) & 1 ? BFPC_QNAN : BFPC_SNAN;
        u.sig = frac;
    } else if (e == 0) {
        if (!frac) {
            u.cls = BFPC_ZERO;
        } else {
            u.cls = BFPC_SUBNORMAL;
            int msb = 127 - clz128(frac);
            u.sig = frac << (127 - msb);
            u.exp = 1 - f->emax - fb + msb;
        }
    } else {
        u.cls = BFPC_NORMAL;
        u.sig = (frac | ((u128)1 << fb)) << (127 - fb);
        u.exp = e - f->emax;
    }
    return u;
}

int bfp_class(int fmt, u128 v) { return unpack(fmt, v).cls; }

static inline bool is_nan(const Unp *u) { return u->cls >= BFPC_QNAN; }
static inline bool is_finite_nz(const Unp *u)
{
    return u->cls == BFPC_NORMAL || u->cls == BFPC_SUBNORMAL;
}

static u128 pack_inf(int fmt, bool sign)
{
    const Fmt *f = &FMTS[fmt];
    return ((u128)sign << (f->width - 1)) | (ones(f->ebits) << (f->p - 1));
}
static u128 pack_zero(int fmt, bool sign) { return (u128)sign << (FMTS[fmt].width - 1); }
static u128 pack_max(int fmt, bool sign) { return pack_inf(fmt, sign) - 1; }

static u128 quiet(int fmt, u128 v) { return v | ((u128)1 << (FMTS[fmt].p - 2)); }

static u128 invalid(BfpCtx *c, int fmt)
{
    c->exc |= BFX_INVALID;
    return bfp_default_nan(fmt);
}

/* The NaN result of a two-operand operation: an SNaN takes precedence
 * (first operand first), and becomes quiet with invalid; else the first
 * QNaN. */
static u128 nan2(BfpCtx *c, int fmt, u128 a, const Unp *ua, u128 b, const Unp *ub)
{
    if (ua->cls == BFPC_SNAN || ub->cls == BFPC_SNAN)
        c->exc |= BFX_INVALID;
    if (ua->cls == BFPC_SNAN)
        return quiet(fmt, a);
    if (ub->cls == BFPC_SNAN)
        return quiet(fmt, b);
    return is_nan(ua) ? a : b;
}

static bool round_up(int mode, bool sign, bool lsb, bool rbit, bool sticky)
{
    switch (mode) {
    case BFP_RNE: return rbit && (sticky || lsb);
    case BFP_RNA: return rbit;
    case BFP_RP: return !sign && (rbit || sticky);
    case BFP_RM: return sign && (rbit || sticky);
    default: return false;      /* RZ, RPSP */
    }
}

/* Rounds sign * sig * 2^(exp-127) (sig normalised, bit 0 jammed) into fmt
 * with c's rounding method, recognising overflow, underflow (tininess
 * before rounding) and inexact. */
static u128 round_pack(BfpCtx *c, int fmt, bool sign, int32_t exp, u128 sig)
{
    const Fmt *f = &FMTS[fmt];
    const int p = f->p, emin = 1 - f->emax;
    int shift = 128 - p;
    bool denorm = false;
    if (exp < emin) {
        if (c->traps & BFX_UNDERFLOW) {
            c->exc |= BFX_UNDERFLOW;
            exp += f->alpha;
        }
        if (exp < emin) {       /* untrapped (or still tiny after scaling) */
            denorm = true;
            shift += emin - exp;
        }
    }
    u128 keep;
    bool rbit, sticky;
    if (shift > 128) {
        keep = 0;
        rbit = false;
        sticky = sig != 0;
    } else if (shift == 128) {
        keep = 0;
        rbit = sig >> 127;
        sticky = (sig << 1) != 0;
    } else {
        keep = sig >> shift;
        rbit = (sig >> (shift - 1)) & 1;
        sticky = (sig & ones(shift - 1)) != 0;
    }
    const bool inexact = rbit || sticky;
    bool inc = false;
    if (inexact) {
        if (c->round == BFP_RPSP) {
            inc = !(keep & 1);
            keep |= 1;
        } else if (round_up(c->round, sign, keep & 1, rbit, sticky)) {
            inc = true;
            keep++;
        }
    }
    u128 bits;
    if (denorm) {
        /* A carry into bit p-1 makes the exponent field 1: Nmin. */
        bits = keep;
        if (inexact)
            c->exc |= BFX_UNDERFLOW;
    } else {
        if (keep >> p) {
            keep >>= 1;
            exp++;
        }
        if (exp > f->emax) {
            if (c->traps & BFX_OVERFLOW) {
                c->exc |= BFX_OVERFLOW;
                exp -= f->alpha;
            }
            if (exp > f->emax) {
                c->exc |= BFX_OVERFLOW | BFX_INEXACT;
                bool to_inf;
                switch (c->round) {
                case BFP_RNE: case BFP_RNA: to_inf = true; break;
                case BFP_RP: to_inf = !sign; break;
                case BFP_RM: to_inf = sign; break;
                default: to_inf = false; break;
                }
                c->incremented = to_inf;
                return to_inf ? pack_inf(fmt, sign) : pack_max(fmt, sign);
            }
        }
        bits = ((u128)(exp + f->emax) << (p - 1)) | (keep & ones(p - 1));
    }
    if (inexact) {
        c->exc |= BFX_INEXACT;
        c->incremented = inc;
    }
    return bits | ((u128)sign << (f->width - 1));
}

static inline u128 round_unp(BfpCtx *c, int fmt, const Unp *u)
{
    return round_pack(c, fmt, u->sign, u->exp, u->sig);
}

/* Exact sum of two finite nonzero intermediates (the product of FMA has
 * at most 106 significant bits, operands at most 113), rounded. */
static u128 add_finite(BfpCtx *c, int fmt, Unp a, Unp b)
{
    if (a.exp < b.exp || (a.exp == b.exp && a.sig < b.sig)) {
        Unp t = a;
        a = b;
        b = t;
    }
    u128 sa = a.sig >> 2;
    u128 sb = shr_jam(b.sig >> 2, a.exp - b.exp);
    u128 s;
    if (a.sign == b.sign) {
        s = sa + sb;
    } else {
        s = sa - sb;
        if (!s)     /* exact zero: +0, -0 when rounding toward minus */
            return pack_zero(fmt, c->round == BFP_RM);
    }
    int lz = clz128(s);
    return round_pack(c, fmt, a.sign, a.exp + 2 - lz, s << lz);
}

/* The sum of two zeros (signs as given). */
static u128 zero_sum(BfpCtx *c, int fmt, bool sa, bool sb)
{
    return pack_zero(fmt, sa == sb ? sa : c->round == BFP_RM);
}

u128 bfp_add(BfpCtx *c, int fmt, u128 a, u128 b, bool subtract)
{
    Unp ua = unpack(fmt, a), ub = unpack(fmt, b);
    if (is_nan(&ua) || is_nan(&ub))
        return nan2(c, fmt, a, &ua, b, &ub);
    ub.sign ^= subtract;
    if (ua.cls == BFPC_INF) {
        if (ub.cls == BFPC_INF && ua.sign != ub.sign)
            return invalid(c, fmt);
        return pack_inf(fmt, ua.sign);
    }
    if (ub.cls == BFPC_INF)
        return pack_inf(fmt, ub.sign);
    if (ua.cls == BFPC_ZERO && ub.cls == BFPC_ZERO)
        return zero_sum(c, fmt, ua.sign, ub.sign);
    if (ua.cls == BFPC_ZERO)
        return round_unp(c, fmt, &ub);
    if (ub.cls == BFPC_ZERO)
        return round_unp(c, fmt, &ua);
    return add_finite(c, fmt, ua, ub);
}

/* 128 x 128 -> 256-bit product. */
static void mul256(u128 a, u128 b, u128 *hi, u128 *lo)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
    uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1, p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    *lo = (mid << 64) | (uint64_t)p00;
    *hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/* The exact (jammed) product of two finite nonzero values. */
static Unp mul_finite(const Unp *a, const Unp *b)
{
    u128 hi, lo;
    mul256(a->sig, b->sig, &hi, &lo);
    Unp r = { BFPC_NORMAL, a->sign ^ b->sign, a->exp + b->exp, 0 };
    if (hi >> 127) {
        r.exp++;
    } else {
        hi = hi << 1 | lo >> 127;
        lo <<= 1;
    }
    r.sig = hi | (lo != 0);
    return r;
}

u128 bfp_mul(BfpCtx *c, int fmt, u128 a, u128 b)
{
    Unp ua = unpack(fmt, a), ub = unpack(fmt, b);
    if (is_nan(&ua) || is_nan(&ub))
        return nan2(c, fmt, a, &ua, b, &ub);
    const bool sign = ua.sign ^ ub.sign;
    if (ua.cls == BFPC_INF || ub.cls == BFPC_INF) {
        if (ua.cls == BFPC_ZERO || ub.cls == BFPC_ZERO)
            return invalid(c, fmt);
        return pack_inf(fmt, sign);
    }
    if (ua.cls == BFPC_ZERO || ub.cls == BFPC_ZERO)
        return pack_zero(fmt, sign);
    Unp r = mul_finite(&ua, &ub);
    return round_unp(c, fmt, &r);
}

/* The quotient of two finite nonzero values: 128 quotient bits by
 * restoring division, the remainder jammed into bit 0. */
static Unp div_finite(const Unp *a, const Unp *b)
{
    u128 r = a->sig, q = 0, d = b->sig;
    bool carry = false;
    for (int i = 0; i < 128; i++) {
        q <<= 1;
        if (carry || r >= d) {
            r -= d;
            q |= 1;
        }
        carry = r >> 127;
        r <<= 1;
    }
    Unp u = { BFPC_NORMAL, a->sign ^ b->sign, a->exp - b->exp, 0 };
    bool sticky = r != 0 || carry;
    if (!(q >> 127)) {
        q <<= 1;
        u.exp--;
    }
    u.sig = q | sticky;
    return u;
}

u128 bfp_div(BfpCtx *c, int fmt, u128 a, u128 b)
{
    Unp ua = unpack(fmt, a), ub = unpack(fmt, b);
    if (is_nan(&ua) || is_nan(&ub))
        return nan2(c, fmt, a, &ua, b, &ub);
    const bool sign = ua.sign ^ ub.sign;
    if (ua.cls == BFPC_INF) {
        if (ub.cls == BFPC_INF)
            return invalid(c, fmt);
        return pack_inf(fmt, sign);
    }
    if (ub.cls == BFPC_INF)
        return pack_zero(fmt, sign);
    if (ub.cls == BFPC_ZERO) {
        if (ua.cls == BFPC_ZERO)
            return invalid(c, fmt);
        c->exc |= BFX_DIVIDE;
        return pack_inf(fmt, sign);
    }
    if (ua.cls == BFPC_ZERO)
        return pack_zero(fmt, sign);
    Unp q = div_finite(&ua, &ub);
    return round_unp(c, fmt, &q);
}

u128 bfp_sqrt(BfpCtx *c, int fmt, u128 a)
{
    Unp u = unpack(fmt, a);
    if (u.cls == BFPC_SNAN) {
        c->exc |= BFX_INVALID;
        return quiet(fmt, a);
    }
    if (u.cls == BFPC_QNAN || u.cls == BFPC_ZERO)
        return a;
    if (u.sign)
        return invalid(c, fmt);
    if (u.cls == BFPC_INF)
        return a;
    /* Radicand X = sig << k (k = 111 for an even exponent, 112 for odd):
     * its root has 120 bits with the leading one at bit 119. */
    const int k = (u.exp & 1) ? 112 : 111;
    const u128 xlo = u.sig << k, xhi = u.sig >> (128 - k);
    u128 root = 0, rem = 0;
    for (int i = 119; i >= 0; i--) {
        unsigned two = 2 * i >= 128 ? (unsigned)(xhi >> (2 * i - 128)) & 3
                                    : (unsigned)(xlo >> (2 * i)) & 3;
        rem = (rem << 2) | two;
        u128 t = (root << 2) | 1;
        if (rem >= t) {
            rem -= t;
            root = (root << 1) | 1;
        } else {
            root <<= 1;
        }
    }
    return round_pack(c, fmt, false, u.exp >> 1, (root << 8) | (rem != 0));
}

u128 bfp_fma(BfpCtx *c, int fmt, u128 op1, u128 op2, u128 op3, bool subtract)
{
    Unp a = unpack(fmt, op3), b = unpack(fmt, op2), d = unpack(fmt, op1);
    const bool inf_zero = (a.cls == BFPC_INF && b.cls == BFPC_ZERO) ||
                          (a.cls == BFPC_ZERO && b.cls == BFPC_INF);
    if (is_nan(&a) || is_nan(&b) || is_nan(&d)) {
        /* Infinity times zero is invalid even with a QNaN addend and gives
         * the default NaN; otherwise SNaN before QNaN, in the order
         * third, second, first operand. */
        if (inf_zero && !(a.cls == BFPC_SNAN || b.cls == BFPC_SNAN || d.cls == BFPC_SNAN))
            return invalid(c, fmt);
        if (a.cls == BFPC_SNAN || b.cls == BFPC_SNAN || d.cls == BFPC_SNAN)
            c->exc |= BFX_INVALID;
        if (a.cls == BFPC_SNAN) return quiet(fmt, op3);
        if (b.cls == BFPC_SNAN) return quiet(fmt, op2);
        if (d.cls == BFPC_SNAN) return quiet(fmt, op1);
        if (is_nan(&a)) return op3;
        if (is_nan(&b)) return op2;
        return op1;
    }
    if (inf_zero)
        return invalid(c, fmt);
    d.sign ^= subtract;
    const bool psign = a.sign ^ b.sign;
    if (a.cls == BFPC_INF || b.cls == BFPC_INF) {
        if (d.cls == BFPC_INF && d.sign != psign)
            return invalid(c, fmt);
        return pack_inf(fmt, psign);
    }
    if (d.cls == BFPC_INF)
        return pack_inf(fmt, d.sign);
    if (a.cls == BFPC_ZERO || b.cls == BFPC_ZERO) {
        if (d.cls == BFPC_ZERO)
            return zero_sum(c, fmt, psign, d.sign);
        return round_unp(c, fmt, &d);
    }
    Unp pr = mul_finite(&a, &b);     /* exact: at most 106 bits */
    if (d.cls == BFPC_ZERO)
        return round_unp(c, fmt, &pr);
    return add_finite(c, fmt, pr, d);
}

unsigned bfp_compare(BfpCtx *c, int fmt, u128 a, u128 b, bool signaling)
{
    Unp ua = unpack(fmt, a), ub = unpack(fmt, b);
    if (is_nan(&ua) || is_nan(&ub)) {
        if (signaling || ua.cls == BFPC_SNAN || ub.cls == BFPC_SNAN)
            c->exc |= BFX_INVALID;
        return 3;
    }
    if (ua.cls == BFPC_ZERO && ub.cls == BFPC_ZERO)
        return 0;
    if (ua.sign != ub.sign)
        return ua.sign ? 1 : 2;
    const u128 m = ones(FMTS[fmt].width - 1);
    const u128 ma = a & m, mb = b & m;
    if (ma == mb)
        return 0;
    return (ma < mb) != ua.sign ? 1 : 2;
}

u128 bfp_quiet_check(BfpCtx *c, int fmt, u128 a)
{
    if (bfp_class(fmt, a) == BFPC_SNAN) {
        c->exc |= BFX_INVALID;
        return quiet(fmt, a);
    }
    return a;
}

u128 bfp_convert(BfpCtx *c, int to, int from, u128 a)
{
    Unp u = unpack(from, a);
    const Fmt *ft = &FMTS[to], *ff = &FMTS[from];
    switch (u.cls) {
    case BFPC_SNAN:
        c->exc |= BFX_INVALID;
        /* fall through */
    case BFPC_QNAN: {
        /* The payload keeps its leftmost fraction bits. */
        u128 frac = u.sig;
        frac = ft->p > ff->p ? frac << (ft->p - ff->p) : frac >> (ff->p - ft->p);
        return quiet(to, pack_inf(to, u.sign) | frac);
    }
    case BFPC_INF:
        return pack_inf(to, u.sign);
    case BFPC_ZERO:
        return pack_zero(to, u.sign);
    default:
        return round_unp(c, to, &u);
    }
}

u128 bfp_from_int(BfpCtx *c, int fmt, bool negative, uint64_t magnitude)
{
    if (!magnitude)
        return 0;
    int lz = __builtin_clzll(magnitude);
    return round_pack(c, fmt, negative, 63 - lz, (u128)magnitude << (64 + lz));
}

/* Rounds a finite nonzero value to an integer with c->round (exp < 126).
 * Returns the magnitude; *inexact, *inc as for round_pack. */
static u128 round_to_integer(const BfpCtx *c, const Unp *u, bool *inexact, bool *inc)
{
    u128 ip;
    bool rbit, sticky;
    if (u->exp < 0) {
        ip = 0;
        rbit = u->exp == -1;
        sticky = u->exp == -1 ? (u->sig << 1) != 0 : true;
    } else {
        int sh = 127 - u->exp;
        ip = u->sig >> sh;
        rbit = (u->sig >> (sh - 1)) & 1;
        sticky = (u->sig & ones(sh - 1)) != 0;
    }
    *inexact = rbit || sticky;
    *inc = false;
    if (*inexact) {
        if (c->round == BFP_RPSP) {
            *inc = !(ip & 1);
            ip |= 1;
        } else if (round_up(c->round, u->sign, ip & 1, rbit, sticky)) {
            *inc = true;
            ip++;
        }
    }
    return ip;
}

uint64_t bfp_to_int(BfpCtx *c, int fmt, u128 a, unsigned bits, bool is_signed, unsigned *cc)
{
    Unp u = unpack(fmt, a);
    const uint64_t umax = bits == 64 ? ~0ULL : 0xFFFFFFFFULL;
    const uint64_t smin = 1ULL << (bits - 1);
    /* A NaN is invalid; a value out of range is invalid and inexact (as
     * qemu-s390x has both). */
    const uint64_t too_big = is_signed ? smin - 1 : umax, too_small = is_signed ? smin : 0;
    if (is_nan(&u)) {
        c->exc |= BFX_INVALID;
        *cc = 3;
        return too_small;
    }
    *cc = u.cls == BFPC_ZERO ? 0 : u.sign ? 1 : 2;
    if (u.cls == BFPC_ZERO)
        return 0;
    if (u.cls == BFPC_INF || u.exp >= 64) {
        c->exc |= BFX_INVALID | BFX_INEXACT;
        *cc = 3;
        return u.sign ? too_small : too_big;
    }
    bool inexact, inc;
    u128 m = round_to_integer(c, &u, &inexact, &inc);
    bool out;
    if (is_signed)
        out = u.sign ? m > smin : m > smin - 1;
    else
        out = u.sign ? m != 0 : m > umax;
    if (out) {
        c->exc |= BFX_INVALID | BFX_INEXACT;
        *cc = 3;
        return u.sign ? too_small : too_big;
    }
    if (inexact) {
        c->exc |= BFX_INEXACT;
        c->incremented = inc;
    }
    uint64_t r = u.sign ? -(uint64_t)m : (uint64_t)m;
    return r & umax;
}

u128 bfp_round_int(BfpCtx *c, int fmt, u128 a)
{
    Unp u = unpack(fmt, a);
    if (u.cls == BFPC_SNAN) {
        c->exc |= BFX_INVALID;
        return quiet(fmt, a);
    }
    if (!is_finite_nz(&u) || u.exp >= FMTS[fmt].p - 1)
        return a;       /* NaN, infinity, zero, or already an integer */
    bool inexact, inc;
    u128 m = round_to_integer(c, &u, &inexact, &inc);
    if (inexact) {
        c->exc |= BFX_INEXACT;
        c->incremented = inc;
    }
    if (!m)
        return pack_zero(fmt, u.sign);
    BfpCtx exact = { BFP_RNE, 0, 0, false };
    int lz = clz128(m);
    return round_pack(&exact, fmt, u.sign, 127 - lz, m << lz);
}

unsigned bfp_div_to_int(BfpCtx *c, int fmt, u128 a, u128 b, u128 *rem, u128 *quo)
{
    Unp ua = unpack(fmt, a), ub = unpack(fmt, b);
    if (is_nan(&ua) || is_nan(&ub)) {
        *rem = *quo = nan2(c, fmt, a, &ua, b, &ub);
        return 1;
    }
    if (ua.cls == BFPC_INF || ub.cls == BFPC_ZERO) {
        *rem = *quo = invalid(c, fmt);
        return 1;
    }
    const bool qsign = ua.sign ^ ub.sign;
    if (ua.cls == BFPC_ZERO || ub.cls == BFPC_INF) {
        /* quotient zero, the remainder is the dividend (exact; a tiny one
         * still traps underflow when that is enabled) */
        *quo = pack_zero(fmt, qsign);
        BfpCtx e = { BFP_RNE, c->traps, 0, false };
        *rem = ua.cls == BFPC_ZERO ? a : round_unp(&e, fmt, &ua);
        c->exc |= e.exc;
        return 0;
    }
    const Fmt *f = &FMTS[fmt];
    Unp q = div_finite(&ua, &ub);
    unsigned cc;
    Unp n;      /* the quotient as an integer-valued float */
    if (q.exp < f->p) {
        /* Complete: the quotient rounded to an integer (method M4). */
        bool inexact, inc;
        u128 m = round_to_integer(c, &q, &inexact, &inc);
        cc = 0;
        if (!m) {
            *quo = pack_zero(fmt, qsign);
            *rem = a;   /* op1 - op2 * 0 */
            BfpCtx e = { BFP_RNE, c->traps, 0, false };
            *rem = round_unp(&e, fmt, &ua);
            c->exc |= e.exc & ~BFX_INEXACT;
            return 0;
        }
        int lz = clz128(m);
        n = (Unp){ BFPC_NORMAL, qsign, 127 - lz, m << lz };
    } else {
        /* Partial: the quotient truncated to the format's precision. */
        cc = 2;
        n = q;
        n.sig = (q.sig >> (128 - f->p)) << (128 - f->p);
    }
    /* remainder = op1 - op2 * n, computed with one rounding (exact in
     * practice: it is a multiple of the operands' units that is smaller
     * than the divisor) */
    Unp p = mul_finite(&ub, &n);
    p.sign ^= 1;
    BfpCtx e = { BFP_RNE, c->traps, 0, false };
    u128 r = add_finite(&e, fmt, ua, p);
    if (bfp_class(fmt, r) == BFPC_ZERO)
        r = pack_zero(fmt, ua.sign);
    c->exc |= e.exc;
    c->incremented = e.incremented;
    *rem = r;
    /* The quotient itself; beyond the exponent range it is scaled and CC
     * 3 says so. */
    BfpCtx qe = { BFP_RZ, BFX_OVERFLOW, 0, false };
    *quo = round_unp(&qe, fmt, &n);
    if (qe.exc & BFX_OVERFLOW)
        cc = 3;
    return cc;
}
