/* Floating-point register loads, stores and moves, and BFP arithmetic,
 * compare, test-data-class and conversions in the short, long and extended
 * formats (the subset glibc and -march=z196 compiled code use).  Arithmetic
 * uses the host's round-to-nearest; FPC rounding modes, IEEE flags and
 * traps are not modelled yet (docs/USER.md). */
#include <math.h>
#include <string.h>

#include "insn/operand.h"

/* ---- floating-point registers: loads, stores, moves (no arithmetic
 * semantics: the bits move unchanged) ---- */

/* Short operands live in bits 0-31 of the FPR; bits 32-63 are unchanged
 * by a short load. */
#define FPR_HI(v) ((uint64_t)(uint32_t)(v) << 32)
LOAD_RX(ld, 8, EA_X, cpu->fpr[in->r1] = v)
LOAD_RX(ldy, 8, EA_X, cpu->fpr[in->r1] = v)
LOAD_RX(le, 4, EA_X, cpu->fpr[in->r1] = (cpu->fpr[in->r1] & 0xFFFFFFFFULL) | FPR_HI(v))
LOAD_RX(ley, 4, EA_X, cpu->fpr[in->r1] = (cpu->fpr[in->r1] & 0xFFFFFFFFULL) | FPR_HI(v))
STORE_RX(std, 8, EA_X, cpu->fpr[in->r1])
STORE_RX(stdy, 8, EA_X, cpu->fpr[in->r1])
STORE_RX(ste, 4, EA_X, cpu->fpr[in->r1] >> 32)
STORE_RX(stey, 4, EA_X, cpu->fpr[in->r1] >> 32)
INSN_HANDLER(ldr) { cpu->fpr[in->r1] = cpu->fpr[in->r2]; return 0; }
INSN_HANDLER(ler)
{
    cpu->fpr[in->r1] = (cpu->fpr[in->r1] & 0xFFFFFFFFULL) | (cpu->fpr[in->r2] & ~0xFFFFFFFFULL);
    return 0;
}
INSN_HANDLER(lzdr) { cpu->fpr[in->r1] = 0; return 0; }
INSN_HANDLER(lzer) { cpu->fpr[in->r1] &= 0xFFFFFFFFULL; return 0; }
INSN_HANDLER(lgdr) { cpu->gr[in->r1] = cpu->fpr[in->r2]; return 0; }
INSN_HANDLER(ldgr) { cpu->fpr[in->r1] = cpu->gr[in->r2]; return 0; }
/* COPY SIGN: R1 = R2 with the sign of R3. */
INSN_HANDLER(cpsdr)
{
    cpu->fpr[in->r1] = (cpu->fpr[in->r2] & ~BIT64(0)) | (cpu->fpr[in->r3] & BIT64(0));
    return 0;
}

/* FPC access.  SFPC/LFPC: setting a bit that is reserved on this CPU is a
 * specification exception.  Without the DFP (42) and floating-point
 * extension (37) facilities the reserved bits are 5-7, 13-15 and 24-29
 * (FPC numbering 0-31): mask 0x070700FC.  The DXC byte may be set. */
#define FPC_RESERVED 0x070700FCu
static int fpc_set(CPUState *cpu, uint32_t v)
{
    if (v & FPC_RESERVED)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    cpu->fpc = v;
    return 0;
}
INSN_HANDLER(efpc) { SETLOW(in->r1, cpu->fpc); return 0; }
INSN_HANDLER(sfpc) { return fpc_set(cpu, LOW(in->r1)); }
INSN_HANDLER(stfpc) { return mem_store(cpu, EA_S(in), 4, in->b2, cpu->fpc); }
INSN_HANDLER(lfpc)
{
    uint64_t v;
    int rc = mem_load(cpu, EA_S(in), 4, in->b2, &v);
    if (rc)
        return rc;
    return fpc_set(cpu, (uint32_t)v);
}

/* ---- BFP long: sign operations, test data class, basic arithmetic ----
 * Arithmetic is the host's IEEE binary64 in round-to-nearest; the FPC
 * rounding mode, exception flags and traps are not modelled yet. */

static inline double fp_d(uint64_t v) { double d; memcpy(&d, &v, 8); return d; }
static inline uint64_t fp_bits(double d) { uint64_t v; memcpy(&v, &d, 8); return v; }
static inline bool fp_isnan64(uint64_t v) { return (v & 0x7FFFFFFFFFFFFFFFULL) > 0x7FF0000000000000ULL; }

static unsigned cc_bfp(uint64_t v)
{
    if (fp_isnan64(v))
        return 3;
    if (!(v & 0x7FFFFFFFFFFFFFFFULL))
        return 0;
    return (v & BIT64(0)) ? 1 : 2;
}

INSN_HANDLER(ltdbr) { uint64_t v = cpu->fpr[in->r2]; cpu->fpr[in->r1] = v; cpu_set_cc(cpu, cc_bfp(v)); return 0; }
INSN_HANDLER(lcdbr) { uint64_t v = cpu->fpr[in->r2] ^ BIT64(0); cpu->fpr[in->r1] = v; cpu_set_cc(cpu, cc_bfp(v)); return 0; }
INSN_HANDLER(lpdbr) { uint64_t v = cpu->fpr[in->r2] & ~BIT64(0); cpu->fpr[in->r1] = v; cpu_set_cc(cpu, cc_bfp(v)); return 0; }
INSN_HANDLER(lndbr) { uint64_t v = cpu->fpr[in->r2] | BIT64(0); cpu->fpr[in->r1] = v; cpu_set_cc(cpu, cc_bfp(v)); return 0; }

/* TEST DATA CLASS: the second-operand address bits 52-63 select classes,
 * left to right: +0, -0, +normal, -normal, +subnormal, -subnormal, +inf,
 * -inf, +QNaN, -QNaN, +SNaN, -SNaN.  CC1 when the operand's class is
 * selected. */
static unsigned bfp_class(uint64_t sign, uint64_t exp, uint64_t expmax, uint64_t frac,
                          uint64_t quiet_bit)
{
    unsigned k;
    if (exp == 0)
        k = frac ? 4 : 0;
    else if (exp == expmax)
        k = !frac ? 6 : (frac & quiet_bit) ? 8 : 10;
    else
        k = 2;
    return k + (sign ? 1 : 0);
}
INSN_HANDLER(tcdb)
{
    uint64_t v = cpu->fpr[in->r1];
    unsigned k = bfp_class(v >> 63, (v >> 52) & 0x7FF, 0x7FF, v & 0xFFFFFFFFFFFFFULL, 1ULL << 51);
    cpu_set_cc(cpu, (EA_X(in) >> (11 - k)) & 1);
    return 0;
}
INSN_HANDLER(tceb)
{
    uint32_t v = (uint32_t)(cpu->fpr[in->r1] >> 32);
    unsigned k = bfp_class(v >> 31, (v >> 23) & 0xFF, 0xFF, v & 0x7FFFFF, 1u << 22);
    cpu_set_cc(cpu, (EA_X(in) >> (11 - k)) & 1);
    return 0;
}

static unsigned cc_bfp_cmp(double a, double b)
{
    if (a != a || b != b)
        return 3;
    return a == b ? 0 : a < b ? 1 : 2;
}

static int load_fp64(CPUState *cpu, const Insn *in, uint64_t *v)
{
    return mem_load(cpu, EA_X(in), 8, in->b2, v);
}

INSN_HANDLER(cdbr) { cpu_set_cc(cpu, cc_bfp_cmp(fp_d(cpu->fpr[in->r1]), fp_d(cpu->fpr[in->r2]))); return 0; }
INSN_HANDLER(kdbr) { return insn_cdbr(cpu, in); }
INSN_HANDLER(cdb)
{
    uint64_t v;
    int rc = load_fp64(cpu, in, &v);
    if (rc)
        return rc;
    cpu_set_cc(cpu, cc_bfp_cmp(fp_d(cpu->fpr[in->r1]), fp_d(v)));
    return 0;
}
INSN_HANDLER(kdb) { return insn_cdb(cpu, in); }

static int bfp_arith(CPUState *cpu, int r1, double b, int op, bool set_cc)
{
    double a = fp_d(cpu->fpr[r1]), r;
    switch (op) {
    case 0: r = a + b; break;
    case 1: r = a - b; break;
    case 2: r = a * b; break;
    default: r = a / b; break;
    }
    cpu->fpr[r1] = fp_bits(r);
    if (set_cc)
        cpu_set_cc(cpu, cc_bfp(cpu->fpr[r1]));
    return 0;
}
#define BFP_RR(name, op, cc) \
    INSN_HANDLER(name) { return bfp_arith(cpu, in->r1, fp_d(cpu->fpr[in->r2]), op, cc); }
#define BFP_RX(name, op, cc)                                              \
    INSN_HANDLER(name)                                                    \
    {                                                                     \
        uint64_t v;                                                       \
        int rc = load_fp64(cpu, in, &v);                                  \
        if (rc)                                                           \
            return rc;                                                    \
        return bfp_arith(cpu, in->r1, fp_d(v), op, cc);                   \
    }
BFP_RR(adbr, 0, true)
BFP_RR(sdbr, 1, true)
BFP_RR(mdbr, 2, false)
BFP_RR(ddbr, 3, false)
BFP_RX(adb, 0, true)
BFP_RX(sdb, 1, true)
BFP_RX(mdb, 2, false)
BFP_RX(ddb, 3, false)

/* CONVERT FROM FIXED (32/64 -> long BFP). */
INSN_HANDLER(cdfbr) { cpu->fpr[in->r1] = fp_bits((double)(int32_t)LOW(in->r2)); return 0; }
INSN_HANDLER(cdgbr) { cpu->fpr[in->r1] = fp_bits((double)(int64_t)cpu->gr[in->r2]); return 0; }

/* LOAD LENGTHENED / LOAD ROUNDED between short and long. */
INSN_HANDLER(ldebr)
{
    uint32_t s = (uint32_t)(cpu->fpr[in->r2] >> 32);
    float f;
    memcpy(&f, &s, 4);
    cpu->fpr[in->r1] = fp_bits((double)f);
    return 0;
}
INSN_HANDLER(ledbr)
{
    float f = (float)fp_d(cpu->fpr[in->r2]);
    uint32_t s;
    memcpy(&s, &f, 4);
    cpu->fpr[in->r1] = (cpu->fpr[in->r1] & 0xFFFFFFFFULL) | FPR_HI(s);
    return 0;
}

/* ---- BFP extended (128-bit): the operand is the register pair R, R+2
 * (high part in R); R must designate a valid pair (0,1,4,5,8,9,12,13),
 * else specification.  Host arithmetic is IEEE binary128 (_Float128) in
 * round-to-nearest. ---- */

static inline bool xpair_ok(int r) { return !(r & 2); }
static _Float128 fx_get(const CPUState *cpu, int r)
{
    unsigned __int128 v = (unsigned __int128)cpu->fpr[r] << 64 | cpu->fpr[r + 2];
    _Float128 f;
    memcpy(&f, &v, 16);
    return f;
}
static void fx_set(CPUState *cpu, int r, _Float128 f)
{
    unsigned __int128 v;
    memcpy(&v, &f, 16);
    cpu->fpr[r] = (uint64_t)(v >> 64);
    cpu->fpr[r + 2] = (uint64_t)v;
}
static bool fx_isnan(const CPUState *cpu, int r)
{
    uint64_t hi = cpu->fpr[r] & 0x7FFFFFFFFFFFFFFFULL;
    return hi > 0x7FFF000000000000ULL || (hi == 0x7FFF000000000000ULL && cpu->fpr[r + 2]);
}
static unsigned cc_fx(const CPUState *cpu, int r)
{
    if (fx_isnan(cpu, r))
        return 3;
    if (!(cpu->fpr[r] & 0x7FFFFFFFFFFFFFFFULL) && !cpu->fpr[r + 2])
        return 0;
    return (cpu->fpr[r] & BIT64(0)) ? 1 : 2;
}

#define XPAIR2(in)                                                        \
    do {                                                                  \
        if (!xpair_ok((in)->r1) || !xpair_ok((in)->r2))                   \
            return pgm_raise(cpu, PGM_SPECIFICATION);                     \
    } while (0)

INSN_HANDLER(lxr)
{
    XPAIR2(in);
    uint64_t h = cpu->fpr[in->r2], l = cpu->fpr[in->r2 + 2];
    cpu->fpr[in->r1] = h;
    cpu->fpr[in->r1 + 2] = l;
    return 0;
}
INSN_HANDLER(lzxr)
{
    if (!xpair_ok(in->r1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    cpu->fpr[in->r1] = cpu->fpr[in->r1 + 2] = 0;
    return 0;
}
/* Sign operations: bit 0 of the high part. */
static int fx_sign(CPUState *cpu, const Insn *in, int op)
{
    XPAIR2(in);
    uint64_t h = cpu->fpr[in->r2], l = cpu->fpr[in->r2 + 2];
    h = op == 0 ? h : op == 1 ? h ^ BIT64(0) : op == 2 ? h & ~BIT64(0) : h | BIT64(0);
    cpu->fpr[in->r1] = h;
    cpu->fpr[in->r1 + 2] = l;
    cpu_set_cc(cpu, cc_fx(cpu, in->r1));
    return 0;
}
INSN_HANDLER(ltxbr) { return fx_sign(cpu, in, 0); }
INSN_HANDLER(lcxbr) { return fx_sign(cpu, in, 1); }
INSN_HANDLER(lpxbr) { return fx_sign(cpu, in, 2); }
INSN_HANDLER(lnxbr) { return fx_sign(cpu, in, 3); }

INSN_HANDLER(cxbr)
{
    XPAIR2(in);
    if (fx_isnan(cpu, in->r1) || fx_isnan(cpu, in->r2)) {
        cpu_set_cc(cpu, 3);
        return 0;
    }
    _Float128 a = fx_get(cpu, in->r1), b = fx_get(cpu, in->r2);
    cpu_set_cc(cpu, a == b ? 0 : a < b ? 1 : 2);
    return 0;
}
INSN_HANDLER(kxbr) { return insn_cxbr(cpu, in); }

static int fx_arith(CPUState *cpu, const Insn *in, int op)
{
    XPAIR2(in);
    _Float128 a = fx_get(cpu, in->r1), b = fx_get(cpu, in->r2), r;
    switch (op) {
    case 0: r = a + b; break;
    case 1: r = a - b; break;
    case 2: r = a * b; break;
    default: r = a / b; break;
    }
    fx_set(cpu, in->r1, r);
    if (op < 2)
        cpu_set_cc(cpu, cc_fx(cpu, in->r1));
    return 0;
}
INSN_HANDLER(axbr) { return fx_arith(cpu, in, 0); }
INSN_HANDLER(sxbr) { return fx_arith(cpu, in, 1); }
INSN_HANDLER(mxbr) { return fx_arith(cpu, in, 2); }
INSN_HANDLER(dxbr) { return fx_arith(cpu, in, 3); }

INSN_HANDLER(cxfbr)
{
    if (!xpair_ok(in->r1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    fx_set(cpu, in->r1, (_Float128)(int32_t)LOW(in->r2));
    return 0;
}
INSN_HANDLER(cxgbr)
{
    if (!xpair_ok(in->r1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    fx_set(cpu, in->r1, (_Float128)(int64_t)cpu->gr[in->r2]);
    return 0;
}
/* LOAD LENGTHENED long -> extended (exact) and LOAD ROUNDED extended ->
 * long (R1 long, R2 a pair). */
INSN_HANDLER(lxdbr)
{
    if (!xpair_ok(in->r1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    fx_set(cpu, in->r1, (_Float128)fp_d(cpu->fpr[in->r2]));
    return 0;
}
INSN_HANDLER(ldxbr)
{
    XPAIR2(in);
    /* The result is a long value in R1 (bits 0-63 of the pair's first
     * register); the second register of the pair is unpredictable, we leave it. */
    cpu->fpr[in->r1] = fp_bits((double)fx_get(cpu, in->r2));
    return 0;
}
INSN_HANDLER(tcxb)
{
    if (!xpair_ok(in->r1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t h = cpu->fpr[in->r1], l = cpu->fpr[in->r1 + 2];
    uint64_t frac_hi = h & 0xFFFFFFFFFFFFULL;
    unsigned k = bfp_class(h >> 63, (h >> 48) & 0x7FFF, 0x7FFF, (frac_hi | l) ? (frac_hi << 1 | (l != 0)) : 0,
                           1ULL << 48);
    cpu_set_cc(cpu, (EA_X(in) >> (11 - k)) & 1);
    return 0;
}

/* ---- BFP short ---- */

static inline float fp_s(uint64_t fpr) { uint32_t v = (uint32_t)(fpr >> 32); float f; memcpy(&f, &v, 4); return f; }
static inline uint64_t fp_sbits(const CPUState *cpu, int r, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    return (cpu->fpr[r] & 0xFFFFFFFFULL) | FPR_HI(v);
}
static unsigned cc_bfp_s(float f)
{
    return f != f ? 3 : f == 0 ? 0 : f < 0 ? 1 : 2;
}
static int bfp_s_arith(CPUState *cpu, int r1, float b, int op, bool set_cc)
{
    float a = fp_s(cpu->fpr[r1]), r;
    switch (op) {
    case 0: r = a + b; break;
    case 1: r = a - b; break;
    case 2: r = a * b; break;
    default: r = a / b; break;
    }
    cpu->fpr[r1] = fp_sbits(cpu, r1, r);
    if (set_cc)
        cpu_set_cc(cpu, cc_bfp_s(r));
    return 0;
}
static int load_fp32(CPUState *cpu, const Insn *in, float *f)
{
    uint64_t v;
    int rc = mem_load(cpu, EA_X(in), 4, in->b2, &v);
    if (rc)
        return rc;
    uint32_t w = (uint32_t)v;
    memcpy(f, &w, 4);
    return 0;
}
#define BFPS_RR(name, op, cc) \
    INSN_HANDLER(name) { return bfp_s_arith(cpu, in->r1, fp_s(cpu->fpr[in->r2]), op, cc); }
#define BFPS_RX(name, op, cc)                                             \
    INSN_HANDLER(name)                                                    \
    {                                                                     \
        float f;                                                          \
        int rc = load_fp32(cpu, in, &f);                                  \
        if (rc)                                                           \
            return rc;                                                    \
        return bfp_s_arith(cpu, in->r1, f, op, cc);                       \
    }
BFPS_RR(aebr, 0, true)
BFPS_RR(sebr, 1, true)
BFPS_RR(meebr, 2, false)
BFPS_RR(debr, 3, false)
BFPS_RX(aeb, 0, true)
BFPS_RX(seb, 1, true)
BFPS_RX(meeb, 2, false)
BFPS_RX(deb, 3, false)
static unsigned cc_cmp_f(float a, float b)
{
    return (a != a || b != b) ? 3 : a == b ? 0 : a < b ? 1 : 2;
}
INSN_HANDLER(cebr) { cpu_set_cc(cpu, cc_cmp_f(fp_s(cpu->fpr[in->r1]), fp_s(cpu->fpr[in->r2]))); return 0; }
INSN_HANDLER(ceb)
{
    float f;
    int rc = load_fp32(cpu, in, &f);
    if (rc)
        return rc;
    cpu_set_cc(cpu, cc_cmp_f(fp_s(cpu->fpr[in->r1]), f));
    return 0;
}
static int fs_sign(CPUState *cpu, const Insn *in, int op)
{
    uint64_t w = cpu->fpr[in->r2] & ~0xFFFFFFFFULL;
    w = op == 0 ? w : op == 1 ? w ^ BIT64(0) : op == 2 ? w & ~BIT64(0) : w | BIT64(0);
    cpu->fpr[in->r1] = (cpu->fpr[in->r1] & 0xFFFFFFFFULL) | w;
    cpu_set_cc(cpu, cc_bfp_s(fp_s(w)));
    return 0;
}
INSN_HANDLER(ltebr) { return fs_sign(cpu, in, 0); }
INSN_HANDLER(lcebr) { return fs_sign(cpu, in, 1); }
INSN_HANDLER(lpebr) { return fs_sign(cpu, in, 2); }
INSN_HANDLER(lnebr) { return fs_sign(cpu, in, 3); }
INSN_HANDLER(cefbr) { cpu->fpr[in->r1] = fp_sbits(cpu, in->r1, (float)(int32_t)LOW(in->r2)); return 0; }
INSN_HANDLER(cegbr) { cpu->fpr[in->r1] = fp_sbits(cpu, in->r1, (float)(int64_t)cpu->gr[in->r2]); return 0; }

