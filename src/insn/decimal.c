/* Packed-decimal arithmetic and conversion: ADD / SUBTRACT DECIMAL (AP, SP),
 * ZERO AND ADD (ZAP), COMPARE DECIMAL (CP), MULTIPLY / DIVIDE DECIMAL (MP,
 * DP), SHIFT AND ROUND DECIMAL (SRP), TEST DECIMAL (TP), CONVERT TO BINARY
 * (CVB, CVBY, CVBG) and CONVERT TO DECIMAL (CVD, CVDY, CVDG).
 *
 * Packed format: two digits per byte, the rightmost half-byte the sign;
 * digits 0-9; signs A, C, E, F plus and B, D minus; results get the
 * preferred signs C and D.  An operand of L bytes holds 2L-1 digits (at
 * most 31), so its magnitude fits an unsigned 128-bit integer and the
 * arithmetic is done on that, not digit by digit.
 *
 * Rules (System/370 and z/Architecture Principles of Operation, decimal
 * instructions; worked examples in tests/unit/test_decimal.c):
 *  - Every sign and digit of an operand that is used is checked; an invalid
 *    code is a data exception, DXC 0, and the instruction is suppressed
 *    (ZAP does not check its first operand, TP sets a CC instead).
 *  - Too short a first operand for the nonzero digits of the result is
 *    decimal overflow: the truncated result is stored, CC3, and a decimal-
 *    overflow interruption follows when PSW bit 21 is one (completion).
 *  - A zero result is positive unless overflow occurred; then it keeps the
 *    sign of the true result.  MP and DP give signs by the rules of algebra
 *    even for zero; DP's remainder has the dividend's sign.
 *  - MP, DP: L2 > 7 or L2 >= L1 is a specification exception; MP's
 *    multiplicand needs L2+1 bytes of leftmost zeros (data exception
 *    otherwise); DP's quotient must fit in L1-L2 bytes and the divisor be
 *    nonzero, else decimal divide (suppression).
 *
 * Fault safety and overlap.  Each instruction prepares its second operand
 * (fetch) and then its first (fetch, update or store) before anything is
 * stored; both are read into local buffers before the result is written,
 * which gives the architected result for the allowed overlaps (operands
 * whose rightmost bytes coincide; for ZAP also a first operand to the right
 * of the second) and a consistent one for the others, which the
 * architecture leaves unpredictable. */
#include "insn/operand.h"

typedef unsigned __int128 u128;

/* A packed-decimal number: magnitude and sign. */
typedef struct Packed {
    u128 mag;
    bool neg;
} Packed;

/* Validity of a packed operand (TP's condition-code bits). */
enum { PK_BAD_SIGN = 1, PK_BAD_DIGIT = 2 };

static u128 pow10_u128(unsigned n)
{
    u128 p = 1;
    while (n--)
        p *= 10;
    return p;
}

/* Digits in a packed field of len bytes. */
static inline unsigned pk_digits(unsigned len)
{
    return 2 * len - 1;
}

/* Decodes len bytes; returns PK_BAD_SIGN / PK_BAD_DIGIT bits (0 = valid). */
static int pk_decode(const uint8_t *b, unsigned len, Packed *p)
{
    int bad = 0;
    u128 m = 0;
    p->neg = false;
    for (unsigned i = 0; i < len; i++) {
        unsigned hi = b[i] >> 4, lo = b[i] & 0xF;
        if (hi > 9)
            bad |= PK_BAD_DIGIT;
        m = m * 10 + hi;
        if (i + 1 < len) {
            if (lo > 9)
                bad |= PK_BAD_DIGIT;
            m = m * 10 + lo;
        } else if (lo < 0xA) {
            bad |= PK_BAD_SIGN;
        } else {
            p->neg = lo == 0xB || lo == 0xD;
        }
    }
    p->mag = m;
    return bad;
}

/* Encodes mag (< 10^(2len-1)) with the preferred sign. */
static void pk_encode(uint8_t *b, unsigned len, u128 mag, bool neg)
{
    unsigned nib = neg ? 0xD : 0xC;
    for (int i = (int)len - 1; i >= 0; i--) {
        unsigned lo = nib;
        if (i != (int)len - 1) {
            lo = (unsigned)(mag % 10);
            mag /= 10;
        }
        unsigned hi = (unsigned)(mag % 10);
        mag /= 10;
        b[i] = (uint8_t)(hi << 4 | lo);
    }
}

static int data_exception(CPUState *cpu)
{
    pgm_raise(cpu, PGM_DATA);
    cpu->pgm.dxc = 0;               /* decimal operand data */
    return PGM_DATA;
}

/* Prepares the SS-b operands (operand 2 fetch, then operand 1 as kind1)
 * and reads both. */
static int fetch_ss(CPUState *cpu, const Insn *in, StorageAccess *s1, AccessKind kind1,
                    uint8_t *b1, uint8_t *b2)
{
    const unsigned len1 = in->l1 + 1u, len2 = in->l2 + 1u;
    StorageAccess s2;
    int rc = insn_prepare_ss(cpu, in, s1, len1, kind1, &s2, len2);
    if (rc)
        return rc;
    access_read(cpu, &s2, 0, b2, len2);
    if (kind1 != ACC_STORE)
        access_read(cpu, s1, 0, b1, len1);
    return 0;
}

/* Writes len1 result bytes into operand 1 and ends the unit (no CC). */
static void store_bytes(CPUState *cpu, StorageAccess *s1, const uint8_t *out, unsigned len1)
{
    access_write(cpu, s1, 0, out, len1);
    access_commit(cpu, s1);
}

/* Stores an arithmetic result into the prepared first operand of len
 * bytes and sets the CC: overflow when mag has more digits than the
 * field; then the truncated value is stored with the sign of the true
 * result, else a zero result is positive.  Returns 0 or the decimal-
 * overflow interruption when the program mask asks for it. */
static int store_result(CPUState *cpu, StorageAccess *s1, unsigned len, u128 mag, bool neg)
{
    const u128 limit = pow10_u128(pk_digits(len));
    const bool ovf = mag >= limit;
    mag %= limit;
    if (mag == 0 && !ovf)
        neg = false;
    uint8_t out[16];
    pk_encode(out, len, mag, neg);
    store_bytes(cpu, s1, out, len);
    cpu_set_cc(cpu, ovf ? 3 : mag == 0 ? 0 : neg ? 1 : 2);
    if (ovf && (cpu->psw_mask & PSW_PM_DECIMAL))
        return pgm_raise(cpu, PGM_DEC_OVERFLOW);
    return 0;
}

/* ---- ADD / SUBTRACT DECIMAL, ZERO AND ADD, COMPARE DECIMAL ---- */

/* a + b with signs (the magnitude of the true sum, its sign). */
static Packed signed_add(Packed a, Packed b)
{
    Packed r;
    if (a.neg == b.neg) {
        r.mag = a.mag + b.mag;
        r.neg = a.neg;
    } else if (a.mag >= b.mag) {
        r.mag = a.mag - b.mag;
        r.neg = a.neg;
    } else {
        r.mag = b.mag - a.mag;
        r.neg = b.neg;
    }
    return r;
}

static int add_sub(CPUState *cpu, const Insn *in, bool subtract)
{
    StorageAccess s1;
    uint8_t b1[16], b2[16];
    int rc = fetch_ss(cpu, in, &s1, ACC_UPDATE, b1, b2);
    if (rc)
        return rc;
    Packed a, b;
    if (pk_decode(b1, in->l1 + 1u, &a) | pk_decode(b2, in->l2 + 1u, &b))
        return data_exception(cpu);
    if (subtract)
        b.neg = !b.neg;
    Packed r = signed_add(a, b);
    return store_result(cpu, &s1, in->l1 + 1u, r.mag, r.neg);
}
INSN_HANDLER(ap) { return add_sub(cpu, in, false); }
INSN_HANDLER(sp) { return add_sub(cpu, in, true); }

/* ZERO AND ADD: operand 2 placed in operand 1 (not fetched, not checked). */
INSN_HANDLER(zap)
{
    StorageAccess s1;
    uint8_t b2[16];
    int rc = fetch_ss(cpu, in, &s1, ACC_STORE, NULL, b2);
    if (rc)
        return rc;
    Packed b;
    if (pk_decode(b2, in->l2 + 1u, &b))
        return data_exception(cpu);
    return store_result(cpu, &s1, in->l1 + 1u, b.mag, b.neg);
}

/* COMPARE DECIMAL: algebraic; +0 equals -0.  CC0 equal, 1 low, 2 high. */
INSN_HANDLER(cp)
{
    StorageAccess s1;
    uint8_t b1[16], b2[16];
    int rc = fetch_ss(cpu, in, &s1, ACC_FETCH, b1, b2);
    if (rc)
        return rc;
    Packed a, b;
    if (pk_decode(b1, in->l1 + 1u, &a) | pk_decode(b2, in->l2 + 1u, &b))
        return data_exception(cpu);
    b.neg = !b.neg;
    Packed d = signed_add(a, b);        /* a - b */
    cpu_set_cc(cpu, d.mag == 0 ? 0 : d.neg ? 1 : 2);
    return 0;
}

/* ---- MULTIPLY / DIVIDE DECIMAL ---- */

/* The common start of MP and DP: the length rule (specification), both
 * operands prepared (operand 1 as an update) and decoded (data). */
static int md_operands(CPUState *cpu, const Insn *in, StorageAccess *s1, Packed *a, Packed *b)
{
    if (in->l2 > 7 || in->l2 >= in->l1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint8_t b1[16], b2[16];
    int rc = fetch_ss(cpu, in, s1, ACC_UPDATE, b1, b2);
    if (rc)
        return rc;
    if (pk_decode(b1, in->l1 + 1u, a) | pk_decode(b2, in->l2 + 1u, b))
        return data_exception(cpu);
    return 0;
}

INSN_HANDLER(mp)
{
    StorageAccess s1;
    Packed a, b;
    int rc = md_operands(cpu, in, &s1, &a, &b);
    if (rc)
        return rc;
    const unsigned len1 = in->l1 + 1u, len2 = in->l2 + 1u;
    /* L2+1 bytes (2*len2 digits) of leftmost zeros in the multiplicand:
     * then the product always fits. */
    if (a.mag >= pow10_u128(pk_digits(len1) - 2 * len2))
        return data_exception(cpu);
    uint8_t out[16];
    pk_encode(out, len1, a.mag * b.mag, a.neg != b.neg);
    store_bytes(cpu, &s1, out, len1);
    return 0;
}

/* DIVIDE DECIMAL: the quotient (L1-L2 bytes) replaces the left part of the
 * dividend field, the remainder (L2+1 bytes) the right part. */
INSN_HANDLER(dp)
{
    StorageAccess s1;
    Packed a, b;
    int rc = md_operands(cpu, in, &s1, &a, &b);
    if (rc)
        return rc;
    const unsigned len1 = in->l1 + 1u, len2 = in->l2 + 1u, qlen = len1 - len2;
    if (b.mag == 0 || a.mag / b.mag >= pow10_u128(pk_digits(qlen)))
        return pgm_raise(cpu, PGM_DEC_DIVIDE);
    uint8_t out[16];
    pk_encode(out, qlen, a.mag / b.mag, a.neg != b.neg);
    pk_encode(out + qlen, len2, a.mag % b.mag, a.neg);
    store_bytes(cpu, &s1, out, len1);
    return 0;
}

/* ---- SHIFT AND ROUND DECIMAL (SS-c) ----
 * Bits 58-63 of the second-operand address are a signed shift count:
 * 0..31 digits left, -1..-32 (32..63) right.  A right shift first adds the
 * rounding digit I3 to the leftmost digit shifted out.  I3 must be a valid
 * digit even when it is not used; a left shift that loses nonzero digits
 * overflows (right shifts cannot). */
INSN_HANDLER(srp)
{
    const unsigned len1 = in->l1 + 1u, digits = pk_digits(len1);
    StorageAccess s1;
    int rc = access_prepare_op(cpu, &s1, EA_1(in), len1, ACC_UPDATE, in->b1);
    if (rc)
        return insn_access_result(rc);
    uint8_t b1[16];
    access_read(cpu, &s1, 0, b1, len1);
    Packed a;
    if (pk_decode(b1, len1, &a) || in->i3 > 9)
        return data_exception(cpu);
    unsigned n = (unsigned)EA_S(in) & 63;
    u128 mag;
    if (n < 32) {
        /* left: the digits that stay are those of a.mag below 10^(digits-n);
         * a lost nonzero digit is passed on as one more power of ten so
         * that store_result sees the overflow */
        u128 keep = n < digits ? pow10_u128(digits - n) : 1;
        u128 kept = n < digits ? a.mag % keep : 0;
        mag = kept * pow10_u128(n < digits ? n : 0);
        if (a.mag >= keep)
            mag += pow10_u128(digits);
    } else {
        unsigned s = 64 - n;            /* 1..32 digits right */
        mag = (a.mag + (u128)in->i3 * pow10_u128(s - 1)) / pow10_u128(s);
    }
    return store_result(cpu, &s1, len1, mag, a.neg);
}

/* ---- TEST DECIMAL (RSL-a) ----
 * CC0 valid; 1 invalid sign; 2 invalid digit; 3 both.  No exception. */
INSN_HANDLER(tp)
{
    const unsigned len1 = in->l1 + 1u;
    StorageAccess s1;
    int rc = access_prepare_op(cpu, &s1, EA_1(in), len1, ACC_FETCH, in->b1);
    if (rc)
        return insn_access_result(rc);
    uint8_t b1[16];
    access_read(cpu, &s1, 0, b1, len1);
    Packed a;
    cpu_set_cc(cpu, (unsigned)pk_decode(b1, len1, &a));
    return 0;
}

/* ---- CONVERT TO BINARY ----
 * An 8-byte (CVB, CVBY) or 16-byte (CVBG) packed operand to a signed
 * 32-bit (bits 32-63 of R1) or 64-bit binary integer.  A value outside that
 * range is a fixed-point-divide exception after the rightmost 32 (64) bits
 * of the binary value have been placed in R1; invalid codes are a data
 * exception with R1 unchanged. */
static int cvb_common(CPUState *cpu, const Insn *in, unsigned len)
{
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, EA_X(in), len, ACC_FETCH, in->b2);
    if (rc)
        return insn_access_result(rc);
    uint8_t b[16];
    access_read(cpu, &sa, 0, b, len);
    Packed p;
    if (pk_decode(b, len, &p))
        return data_exception(cpu);
    u128 v = p.neg ? (u128)0 - p.mag : p.mag;     /* two's complement, 128 bits */
    bool fits;
    if (len == 8) {
        SETLOW(in->r1, (uint32_t)v);
        fits = p.neg ? p.mag <= 0x80000000u : p.mag <= 0x7FFFFFFFu;
    } else {
        cpu->gr[in->r1] = (uint64_t)v;
        fits = p.neg ? p.mag <= (u128)1 << 63 : p.mag < (u128)1 << 63;
    }
    return fits ? 0 : pgm_raise(cpu, PGM_FIXED_DIVIDE);
}
INSN_HANDLER(cvb) { return cvb_common(cpu, in, 8); }
INSN_HANDLER(cvby) { return cvb_common(cpu, in, 8); }
INSN_HANDLER(cvbg) { return cvb_common(cpu, in, 16); }

/* ---- CONVERT TO DECIMAL ----
 * Bits 32-63 (CVD, CVDY) or all of R1 (CVDG) as a signed binary integer to
 * an 8-byte (15 digits) or 16-byte (31 digits) packed number; never
 * overflows; zero is positive (C). */
static int cvd_common(CPUState *cpu, const Insn *in, unsigned len)
{
    int64_t v = len == 8 ? (int64_t)(int32_t)LOW(in->r1) : (int64_t)cpu->gr[in->r1];
    u128 mag = v < 0 ? (u128)(0 - (uint64_t)v) : (u128)v;
    uint8_t out[16];
    pk_encode(out, len, mag, v < 0);
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, EA_X(in), len, ACC_STORE, in->b2);
    if (rc)
        return insn_access_result(rc);
    store_bytes(cpu, &sa, out, len);
    return 0;
}
INSN_HANDLER(cvd) { return cvd_common(cpu, in, 8); }
INSN_HANDLER(cvdy) { return cvd_common(cpu, in, 8); }
INSN_HANDLER(cvdg) { return cvd_common(cpu, in, 16); }
