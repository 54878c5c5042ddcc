/* The Unicode conversions: CONVERT UTF-8 TO UTF-16 (CU12), UTF-16 TO UTF-8
 * (CU21), UTF-8 TO UTF-32 (CU14), UTF-16 TO UTF-32 (CU24), UTF-32 TO UTF-8
 * (CU41) and UTF-32 TO UTF-16 (CU42).
 *
 * R1 (even) holds the first-operand (destination) address and R1+1 its
 * length, R2 (even) / R2+1 the second operand (source); lengths are bits
 * 32-63 below 64-bit mode, 64 bits in 64-bit mode.  Characters are
 * converted left to right until
 *   CC0 the source is exhausted (also when fewer bytes remain than its
 *       next character needs),
 *   CC1 the destination has no room for the next character,
 *   CC2 an invalid source character is found (registers at it),
 *   CC3 a CPU-determined number of characters was converted.
 * With the M3 W bit (ETF3-enhancement facility, bit 30) CU12, CU14, CU21
 * and CU24 check well-formedness: UTF-8 continuation bytes, overlong
 * forms, surrogate code points and values above U+10FFFF; a UTF-16 high
 * surrogate must be followed by a low one.  Without it only the UTF-8
 * first bytes 80-BF and F8-FF are invalid.  CU41 and CU42 always reject
 * surrogates and values above U+10FFFF.  UTF-16 surrogate pairs map
 * through the architecture's bit fields: plane-1 bits uvwxy = abcd + 1.
 *
 * Unit of operation: one character.  Its source bytes are fetched and its
 * destination bytes prepared before they are stored, and the registers are
 * written after each character, so an access exception leaves exactly the
 * characters before it converted, as the registers say. */
#include "insn/operand.h"

/* Characters per execution before CC3. */
#define UTF_CHARS 4096u

/* An operand: address register r, length register r+1. */
typedef struct Cursor {
    int r;
    uint64_t addr, len;
} Cursor;

static void cur_load(const CPUState *cpu, Cursor *c, int r)
{
    c->r = r;
    c->addr = insn_reg_addr(cpu, r);
    c->len = insn_get_len(cpu, r + 1);
}

static void cur_save(CPUState *cpu, const Cursor *c)
{
    insn_set_addr_reg(cpu, c->r, c->addr);
    insn_set_len(cpu, c->r + 1, c->len);
}

static void cur_skip(const CPUState *cpu, Cursor *c, unsigned n)
{
    c->addr = (c->addr + n) & cpu_addr_mask(cpu);
    c->len -= n;
}

/* Fetches n (<= 4) source bytes at offset off. */
static int cur_fetch(CPUState *cpu, const Cursor *c, unsigned off, unsigned n, uint8_t *out)
{
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, (c->addr + off) & cpu_addr_mask(cpu), n, ACC_FETCH,
                               c->r);
    if (rc)
        return insn_access_result(rc);
    access_read(cpu, &sa, 0, out, n);
    return 0;
}

/* Stores n bytes at the destination and advances it. */
static int cur_store(CPUState *cpu, Cursor *c, const uint8_t *b, unsigned n)
{
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, c->addr, n, ACC_STORE, c->r);
    if (rc)
        return insn_access_result(rc);
    access_write(cpu, &sa, 0, b, n);
    access_commit(cpu, &sa);
    cur_skip(cpu, c, n);
    return 0;
}

/* Decoding status besides access exceptions. */
enum { CH_OK = -1, CH_SHORT = 0, CH_INVALID = 2 };

/* A decoder reads the next source character: returns 0 or an access
 * result; *st = CH_OK with *ch / *ilen, or CH_SHORT / CH_INVALID. */
typedef int (*Decoder)(CPUState *cpu, const Cursor *s, bool wf, uint32_t *ch, unsigned *ilen,
                       int *st);

static int dec_utf8(CPUState *cpu, const Cursor *s, bool wf, uint32_t *ch, unsigned *ilen,
                    int *st)
{
    uint8_t b[4];
    int rc = cur_fetch(cpu, s, 0, 1, b);
    if (rc)
        return rc;
    unsigned n;
    uint32_t c;
    if (b[0] < 0x80) {
        n = 1;
        c = b[0];
    } else if (b[0] < 0xC0 || b[0] >= 0xF8) {
        *st = CH_INVALID;
        return 0;
    } else {
        n = b[0] < 0xE0 ? 2 : b[0] < 0xF0 ? 3 : 4;
        c = b[0] & (0x7F >> n);
    }
    if (s->len < n) {
        *st = CH_SHORT;
        return 0;
    }
    if (n > 1 && (rc = cur_fetch(cpu, s, 1, n - 1, b + 1)) != 0)
        return rc;
    for (unsigned i = 1; i < n; i++) {
        if (wf && (b[i] & 0xC0) != 0x80) {
            *st = CH_INVALID;
            return 0;
        }
        c = c << 6 | (b[i] & 0x3F);
    }
    static const uint32_t min_of_len[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (wf && (c < min_of_len[n] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)) {
        *st = CH_INVALID;
        return 0;
    }
    *ch = c;
    *ilen = n;
    *st = CH_OK;
    return 0;
}

static int dec_utf16(CPUState *cpu, const Cursor *s, bool wf, uint32_t *ch, unsigned *ilen,
                     int *st)
{
    uint8_t b[4];
    if (s->len < 2) {
        *st = CH_SHORT;
        return 0;
    }
    int rc = cur_fetch(cpu, s, 0, 2, b);
    if (rc)
        return rc;
    uint32_t u = (uint32_t)b[0] << 8 | b[1];
    if (u < 0xD800 || u > 0xDBFF) {
        *ch = u;
        *ilen = 2;
        *st = CH_OK;
        return 0;
    }
    if (s->len < 4) {
        *st = CH_SHORT;
        return 0;
    }
    if ((rc = cur_fetch(cpu, s, 2, 2, b + 2)) != 0)
        return rc;
    uint32_t l = (uint32_t)b[2] << 8 | b[3];
    if (wf && (l < 0xDC00 || l > 0xDFFF)) {
        *st = CH_INVALID;
        return 0;
    }
    /* high surrogate 110110 abcd efghij, low 110111 klmnopqrst:
     * uvwxy = abcd + 1, then efghij klmnopqrst */
    *ch = (((u >> 6) & 0xF) + 1) << 16 | (u & 0x3F) << 10 | (l & 0x3FF);
    *ilen = 4;
    *st = CH_OK;
    return 0;
}

static int dec_utf32(CPUState *cpu, const Cursor *s, bool wf, uint32_t *ch, unsigned *ilen,
                     int *st)
{
    (void)wf;
    uint8_t b[4];
    if (s->len < 4) {
        *st = CH_SHORT;
        return 0;
    }
    int rc = cur_fetch(cpu, s, 0, 4, b);
    if (rc)
        return rc;
    uint32_t c = (uint32_t)be_load(b, 4);
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
        *st = CH_INVALID;
        return 0;
    }
    *ch = c;
    *ilen = 4;
    *st = CH_OK;
    return 0;
}

/* Encoders: the bytes of ch, returning their number. */
static unsigned enc_utf8(uint32_t c, uint8_t *o)
{
    if (c < 0x80) {
        o[0] = (uint8_t)c;
        return 1;
    }
    unsigned n = c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (unsigned i = n - 1; i > 0; i--, c >>= 6)
        o[i] = (uint8_t)(0x80 | (c & 0x3F));
    o[0] = (uint8_t)((0xF00 >> n) | c);      /* 110..., 1110..., 11110... */
    return n;
}

static unsigned enc_utf16(uint32_t c, uint8_t *o)
{
    if (c < 0x10000) {
        be_store(o, 2, c);
        return 2;
    }
    /* uvwxy - 1 = abcd (four bits: a CU12 source without the W check may
     * encode up to uvwxy = 31) */
    uint32_t hi = 0xD800 | (((c >> 16) - 1) & 0xF) << 6 | ((c >> 10) & 0x3F);
    be_store(o, 2, hi);
    be_store(o + 2, 2, 0xDC00 | (c & 0x3FF));
    return 4;
}

static unsigned enc_utf32(uint32_t c, uint8_t *o)
{
    be_store(o, 4, c);
    return 4;
}

static int convert(CPUState *cpu, const Insn *in, Decoder dec, unsigned (*enc)(uint32_t, uint8_t *),
                   bool wf)
{
    if ((in->r1 | in->r2) & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    Cursor d, s;
    cur_load(cpu, &d, in->r1);
    cur_load(cpu, &s, in->r2);
    unsigned done = 0;
    int cc;
    for (;;) {
        if (s.len == 0) {
            cc = 0;
            break;
        }
        uint32_t ch = 0;
        unsigned ilen = 0;
        int st = CH_OK;
        int rc = dec(cpu, &s, wf, &ch, &ilen, &st);
        if (rc)
            return rc;
        if (st != CH_OK) {
            cc = st;
            break;
        }
        uint8_t out[4];
        unsigned olen = enc(ch, out);
        if (d.len < olen) {
            cc = 1;
            break;
        }
        const uint8_t per_before = cpu->per.code & PER_CODE_SA;
        rc = cur_store(cpu, &d, out, olen);
        if (rc)
            return rc;
        cur_skip(cpu, &s, ilen);
        cur_save(cpu, &d);
        cur_save(cpu, &s);
        const bool per_event = (cpu->per.code & PER_CODE_SA) && !per_before;
        if (s.len && (++done >= UTF_CHARS || per_event || insn_unit_boundary(cpu))) {
            cc = 3;
            break;
        }
    }
    cpu_set_cc(cpu, (unsigned)cc);
    return 0;
}

/* The W bit of M3 (well-formedness checking), when the ETF3-enhancement
 * facility is installed. */
static bool wf_check(const CPUState *cpu, const Insn *in)
{
    return (in->m3 & 1) && facility_installed(cpu->machine, 30);
}

INSN_HANDLER(cu12) { return convert(cpu, in, dec_utf8, enc_utf16, wf_check(cpu, in)); }
INSN_HANDLER(cu14) { return convert(cpu, in, dec_utf8, enc_utf32, wf_check(cpu, in)); }
INSN_HANDLER(cu21) { return convert(cpu, in, dec_utf16, enc_utf8, wf_check(cpu, in)); }
INSN_HANDLER(cu24) { return convert(cpu, in, dec_utf16, enc_utf32, wf_check(cpu, in)); }
INSN_HANDLER(cu41) { return convert(cpu, in, dec_utf32, enc_utf8, true); }
INSN_HANDLER(cu42) { return convert(cpu, in, dec_utf32, enc_utf16, true); }
