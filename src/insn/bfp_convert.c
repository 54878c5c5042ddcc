/* BFP format conversions: LOAD LENGTHENED, LOAD ROUNDED, CONVERT FROM /
 * TO FIXED and LOGICAL, LOAD FP INTEGER, DIVIDE TO INTEGER.
 *
 * Rounding: CONVERT TO FIXED and LOAD FP INTEGER always had an M3
 * rounding method; the floating-point extension (facility 37) added M3 to
 * LOAD ROUNDED and CONVERT FROM FIXED, and M4 bit 1 (inexact suppressed)
 * to all of them ("A" forms, same opcodes).  M3 values 2 and 8-15 are a
 * specification exception. */
#include "insn/bfp.h"

/* Register-pair check for the operands that are extended. */
static bool pairs_ok(int fmt1, int r1, int fmt2, int r2)
{
    return (fmt1 != BFP_EXT || fpr_pair_ok(r1)) && (fmt2 != BFP_EXT || fpr_pair_ok(r2));
}

/* ---- LOAD LENGTHENED: exact; an SNaN becomes quiet with invalid ---- */
static int lengthen(CPUState *cpu, int to, int from, int r1, u128 v)
{
    if (!pairs_ok(to, r1, BFP_SHORT, 0))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    BfpCtx c;
    bfp_ctx(cpu, &c, 0);
    return bfp_end_store(cpu, &c, to, r1, bfp_convert(&c, to, from, v), false);
}
static int lengthen_rr(CPUState *cpu, const Insn *in, int to, int from)
{
    return lengthen(cpu, to, from, in->r1, fpr_get(cpu, from, in->r2));
}
static int lengthen_rx(CPUState *cpu, const Insn *in, int to, int from)
{
    u128 v;
    int rc = bfp_load_mem(cpu, in, from, &v);
    return rc ? rc : lengthen(cpu, to, from, in->r1, v);
}
INSN_HANDLER(ldebr) { return lengthen_rr(cpu, in, BFP_LONG, BFP_SHORT); }
INSN_HANDLER(lxdbr) { return lengthen_rr(cpu, in, BFP_EXT, BFP_LONG); }
INSN_HANDLER(lxebr) { return lengthen_rr(cpu, in, BFP_EXT, BFP_SHORT); }
INSN_HANDLER(ldeb) { return lengthen_rx(cpu, in, BFP_LONG, BFP_SHORT); }
INSN_HANDLER(lxdb) { return lengthen_rx(cpu, in, BFP_EXT, BFP_LONG); }
INSN_HANDLER(lxeb) { return lengthen_rx(cpu, in, BFP_EXT, BFP_SHORT); }

/* ---- LOAD ROUNDED (LEDBR(A), LDXBR(A), LEXBR(A)); the extended forms
 * name register pairs for both operands; the result goes to the first
 * register of R1 ---- */
static int load_rounded(CPUState *cpu, const Insn *in, int to, int from)
{
    unsigned m3;
    bool xxc;
    bfp_fpe_fields(cpu, in, &m3, &xxc);
    if (!bfp_m3_ok(cpu, m3) || !pairs_ok(from, in->r1, from, in->r2))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    BfpCtx c;
    bfp_ctx(cpu, &c, m3);
    const u128 r = bfp_convert(&c, to, from, fpr_get(cpu, from, in->r2));
    bool store = true;
    int rc = c.exc ? bfp_finish(cpu, &c, xxc, &store) : 0;
    if (store)
        fpr_put(cpu, to, in->r1, r);
    return rc;
}
INSN_HANDLER(ledbr) { return load_rounded(cpu, in, BFP_SHORT, BFP_LONG); }
INSN_HANDLER(ldxbr) { return load_rounded(cpu, in, BFP_LONG, BFP_EXT); }
INSN_HANDLER(lexbr) { return load_rounded(cpu, in, BFP_SHORT, BFP_EXT); }

/* ---- CONVERT FROM FIXED (signed, 32 or 64 bits) / FROM LOGICAL ---- */
static int from_int(CPUState *cpu, const Insn *in, int fmt, unsigned bits, bool is_signed,
                    bool m3_always)
{
    unsigned m3;
    bool xxc;
    bfp_fpe_fields(cpu, in, &m3, &xxc);
    if (m3_always)
        m3 = in->m3;
    if (!bfp_m3_ok(cpu, m3) || !pairs_ok(fmt, in->r1, BFP_SHORT, 0))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t g = cpu->gr[in->r2];
    bool neg = false;
    if (bits == 32)
        g = is_signed ? (uint64_t)(int64_t)(int32_t)g : (uint32_t)g;
    if (is_signed && (int64_t)g < 0) {
        neg = true;
        g = -g;
    }
    BfpCtx c;
    bfp_ctx(cpu, &c, m3);
    const u128 r = bfp_from_int(&c, fmt, neg, g);
    bool store = true;
    int rc = c.exc ? bfp_finish(cpu, &c, xxc, &store) : 0;
    if (store)
        fpr_put(cpu, fmt, in->r1, r);
    return rc;
}
INSN_HANDLER(cefbr) { return from_int(cpu, in, BFP_SHORT, 32, true, false); }
INSN_HANDLER(cdfbr) { return from_int(cpu, in, BFP_LONG, 32, true, false); }
INSN_HANDLER(cxfbr) { return from_int(cpu, in, BFP_EXT, 32, true, false); }
INSN_HANDLER(cegbr) { return from_int(cpu, in, BFP_SHORT, 64, true, false); }
INSN_HANDLER(cdgbr) { return from_int(cpu, in, BFP_LONG, 64, true, false); }
INSN_HANDLER(cxgbr) { return from_int(cpu, in, BFP_EXT, 64, true, false); }
INSN_HANDLER(celfbr) { return from_int(cpu, in, BFP_SHORT, 32, false, true); }
INSN_HANDLER(cdlfbr) { return from_int(cpu, in, BFP_LONG, 32, false, true); }
INSN_HANDLER(cxlfbr) { return from_int(cpu, in, BFP_EXT, 32, false, true); }
INSN_HANDLER(celgbr) { return from_int(cpu, in, BFP_SHORT, 64, false, true); }
INSN_HANDLER(cdlgbr) { return from_int(cpu, in, BFP_LONG, 64, false, true); }
INSN_HANDLER(cxlgbr) { return from_int(cpu, in, BFP_EXT, 64, false, true); }

/* ---- CONVERT TO FIXED / TO LOGICAL: rounding by M3; NaN and values out
 * of range give invalid (and inexact), CC3 and the most negative (signed)
 * or zero (logical, NaN or negative) / the largest value; a trapped
 * invalid suppresses ---- */
static int to_int(CPUState *cpu, const Insn *in, int fmt, unsigned bits, bool is_signed)
{
    unsigned m3 = in->m3;
    const bool xxc = facility_installed(cpu->machine, FAC_FPE) && (in->m4 & 4);
    if (!bfp_m3_ok(cpu, m3) || !pairs_ok(BFP_SHORT, 0, fmt, in->r2))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    BfpCtx c;
    bfp_ctx(cpu, &c, m3);
    unsigned cc;
    const uint64_t r = bfp_to_int(&c, fmt, fpr_get(cpu, fmt, in->r2), bits, is_signed, &cc);
    bool store = true;
    int rc = c.exc ? bfp_finish(cpu, &c, xxc, &store) : 0;
    if (store) {
        if (bits == 32)
            SETLOW(in->r1, r);
        else
            cpu->gr[in->r1] = r;
        cpu_set_cc(cpu, cc);
    }
    return rc;
}
INSN_HANDLER(cfebr) { return to_int(cpu, in, BFP_SHORT, 32, true); }
INSN_HANDLER(cfdbr) { return to_int(cpu, in, BFP_LONG, 32, true); }
INSN_HANDLER(cfxbr) { return to_int(cpu, in, BFP_EXT, 32, true); }
INSN_HANDLER(cgebr) { return to_int(cpu, in, BFP_SHORT, 64, true); }
INSN_HANDLER(cgdbr) { return to_int(cpu, in, BFP_LONG, 64, true); }
INSN_HANDLER(cgxbr) { return to_int(cpu, in, BFP_EXT, 64, true); }
INSN_HANDLER(clfebr) { return to_int(cpu, in, BFP_SHORT, 32, false); }
INSN_HANDLER(clfdbr) { return to_int(cpu, in, BFP_LONG, 32, false); }
INSN_HANDLER(clfxbr) { return to_int(cpu, in, BFP_EXT, 32, false); }
INSN_HANDLER(clgebr) { return to_int(cpu, in, BFP_SHORT, 64, false); }
INSN_HANDLER(clgdbr) { return to_int(cpu, in, BFP_LONG, 64, false); }
INSN_HANDLER(clgxbr) { return to_int(cpu, in, BFP_EXT, 64, false); }

/* ---- LOAD FP INTEGER (FIEBR(A), FIDBR(A), FIXBR(A)) ---- */
static int load_fp_integer(CPUState *cpu, const Insn *in, int fmt)
{
    const bool xxc = facility_installed(cpu->machine, FAC_FPE) && (in->m4 & 4);
    if (!bfp_m3_ok(cpu, in->m3) || !pairs_ok(fmt, in->r1, fmt, in->r2))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    BfpCtx c;
    bfp_ctx(cpu, &c, in->m3);
    const u128 r = bfp_round_int(&c, fmt, fpr_get(cpu, fmt, in->r2));
    bool store = true;
    int rc = c.exc ? bfp_finish(cpu, &c, xxc, &store) : 0;
    if (store)
        fpr_put(cpu, fmt, in->r1, r);
    return rc;
}
INSN_HANDLER(fiebr) { return load_fp_integer(cpu, in, BFP_SHORT); }
INSN_HANDLER(fidbr) { return load_fp_integer(cpu, in, BFP_LONG); }
INSN_HANDLER(fixbr) { return load_fp_integer(cpu, in, BFP_EXT); }

/* ---- DIVIDE TO INTEGER (RRF-b: R3 16-19, M4 20-23): R1 <- remainder,
 * R3 <- quotient rounded to an integer by M4.  R1, R2, R3 must differ
 * (specification, as Hercules has it). ---- */
static int divide_to_integer(CPUState *cpu, const Insn *in, int fmt)
{
    if (in->r1 == in->r2 || in->r1 == in->r3 || in->r2 == in->r3 || !bfp_m3_ok(cpu, in->m4))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    BfpCtx c;
    bfp_ctx(cpu, &c, in->m4);
    u128 rem, quo;
    const unsigned cc = bfp_div_to_int(&c, fmt, fpr_get(cpu, fmt, in->r1),
                                       fpr_get(cpu, fmt, in->r2), &rem, &quo);
    bool store = true;
    int rc = c.exc ? bfp_finish(cpu, &c, false, &store) : 0;
    if (store) {
        fpr_put(cpu, fmt, in->r1, rem);
        fpr_put(cpu, fmt, in->r3, quo);
        cpu_set_cc(cpu, cc);
    }
    return rc;
}
INSN_HANDLER(diebr) { return divide_to_integer(cpu, in, BFP_SHORT); }
INSN_HANDLER(didbr) { return divide_to_integer(cpu, in, BFP_LONG); }
