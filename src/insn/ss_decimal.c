/* Decimal-format moves, packs, unpacks and editing: MVO, PACK, UNPK, PKA,
 * PKU, UNPKA, UNPKU, ED, EDMK.
 *
 * Every handler is one unit of operation and prepares every operand page it
 * will touch before it stores the first byte (operand 2 first, then operand
 * 1; ED/EDMK are the one exception, see edit()).  An access exception or a
 * watchpoint therefore leaves storage, registers and the CC unchanged.
 *
 * Overlap.  PACK, UNPK and MVO are defined as if processed right to left one
 * byte at a time, each result byte stored right after the operand bytes it
 * needs were fetched; overlapping operands rely on that (MVO X(3),X(2) shifts
 * a packed number one digit right).  They are at most 16 bytes each, so they
 * simply run that process through the prepared operands with
 * access_get_byte/access_put_byte: exact for every overlap, and in
 * architectural order for byte-wise (I/O) storage.  PKA/PKU/UNPKA/UNPKU fetch
 * the whole second operand before storing (the text gives them no
 * byte-at-a-time overlap rule; overlapping them is treated as unpredictable).
 * ED/EDMK compute the edited field in a local buffer but read a source byte
 * that lies (by absolute address: logical pages may alias) in an already
 * edited part of the pattern from that buffer, which is the left-to-right
 * byte-at-a-time result (the architecture calls overlapping pattern and
 * source unpredictable). */
#include "insn/insn.h"

#include <string.h>

/* SS-b lengths are the 4-bit L1/L2 codes, SS-a/SS-f the 8-bit L (length - 1). */
static inline uint32_t len_of(uint8_t code)
{
    return (uint32_t)code + 1;
}

static inline uint64_t op1_addr(const CPUState *cpu, const Insn *in)
{
    return insn_ea(cpu, 0, in->b1, in->d1);
}

static inline uint64_t op2_addr(const CPUState *cpu, const Insn *in)
{
    return insn_ea(cpu, 0, in->b2, in->d2);
}

/* Prepares operand 2 (fetch) then operand 1 (kind1): the project order. */
static int prepare2(CPUState *cpu, const Insn *in, StorageAccess *s1, uint32_t len1,
                    AccessKind kind1, StorageAccess *s2, uint32_t len2)
{
    int rc = access_prepare_op(cpu, s2, op2_addr(cpu, in), len2, ACC_FETCH, in->b2);
    if (rc)
        return insn_access_result(rc);
    rc = access_prepare_op(cpu, s1, op1_addr(cpu, in), len1, kind1, in->b1);
    if (rc)
        return insn_access_result(rc);
    return 0;
}

/* ---- MOVE WITH OFFSET (F1, SS-b) ----
 * Operand 2 is placed to the left of the rightmost four bits of operand 1,
 * i.e. shifted left by one digit; operand 2 is extended with zeros on the
 * left, excess leftmost digits are lost.  Operand 1 is fetched (its rightmost
 * byte keeps its right four bits) and stored. */
INSN_HANDLER(mvo)
{
    const uint32_t len1 = len_of(in->l1), len2 = len_of(in->l2);
    StorageAccess s1, s2;
    int rc = prepare2(cpu, in, &s1, len1, ACC_UPDATE, &s2, len2);
    if (rc)
        return rc;

    int j = (int)len2 - 1;                       /* next operand-2 byte, right to left */
    uint8_t b2 = access_get_byte(cpu, &s2, (uint32_t)j--);
    uint8_t b1 = access_get_byte(cpu, &s1, len1 - 1);
    access_put_byte(cpu, &s1, len1 - 1, (uint8_t)(b2 << 4 | (b1 & 0x0F)));
    uint8_t carry = b2 >> 4;                     /* left digit, goes right in the next byte */
    for (int k = (int)len1 - 2; k >= 0; k--) {
        /* Each operand-2 byte is fetched once, just before the result byte
         * that first needs it is stored. */
        uint8_t b = j >= 0 ? access_get_byte(cpu, &s2, (uint32_t)j--) : 0;
        access_put_byte(cpu, &s1, (uint32_t)k, (uint8_t)(b << 4 | carry));
        carry = b >> 4;
    }
    access_commit(cpu, &s1);
    return 0;
}

/* ---- PACK (F2, SS-b) ----
 * Zoned to packed: the rightmost byte has its halves swapped (sign to the
 * right), then the numeric halves of the other bytes are packed two per
 * byte; zones are ignored, nothing is checked, CC unchanged. */
INSN_HANDLER(pack)
{
    const uint32_t len1 = len_of(in->l1), len2 = len_of(in->l2);
    StorageAccess s1, s2;
    int rc = prepare2(cpu, in, &s1, len1, ACC_STORE, &s2, len2);
    if (rc)
        return rc;

    int j = (int)len2 - 1;
    uint8_t b = access_get_byte(cpu, &s2, (uint32_t)j--);
    access_put_byte(cpu, &s1, len1 - 1, (uint8_t)(b << 4 | b >> 4));
    for (int k = (int)len1 - 2; k >= 0; k--) {
        /* Two operand-2 bytes per result byte, right one first, both
         * fetched before the result byte is stored. */
        uint8_t lo = j >= 0 ? access_get_byte(cpu, &s2, (uint32_t)j--) & 0x0F : 0;
        uint8_t hi = j >= 0 ? access_get_byte(cpu, &s2, (uint32_t)j--) & 0x0F : 0;
        access_put_byte(cpu, &s1, (uint32_t)k, (uint8_t)(hi << 4 | lo));
    }
    access_commit(cpu, &s1);
    return 0;
}

/* ---- UNPACK (F3, SS-b) ----
 * Packed to zoned: the rightmost byte is stored with its halves swapped,
 * every other digit gets the zone 1111.  One operand-2 byte gives two result
 * bytes: it is fetched before the right one is stored, and its left digit
 * stays available for the left one (text: "as if the leftmost four bits
 * remain available"). */
INSN_HANDLER(unpk)
{
    const uint32_t len1 = len_of(in->l1), len2 = len_of(in->l2);
    StorageAccess s1, s2;
    int rc = prepare2(cpu, in, &s1, len1, ACC_STORE, &s2, len2);
    if (rc)
        return rc;

    int j = (int)len2 - 1;
    int k = (int)len1 - 1;
    uint8_t b = access_get_byte(cpu, &s2, (uint32_t)j--);
    access_put_byte(cpu, &s1, (uint32_t)k--, (uint8_t)(b << 4 | b >> 4));
    while (k >= 0) {
        b = j >= 0 ? access_get_byte(cpu, &s2, (uint32_t)j--) : 0;
        access_put_byte(cpu, &s1, (uint32_t)k--, (uint8_t)(0xF0 | (b & 0x0F)));
        if (k >= 0)
            access_put_byte(cpu, &s1, (uint32_t)k--, (uint8_t)(0xF0 | b >> 4));
    }
    access_commit(cpu, &s1);
    return 0;
}

/* ---- PKA / PKU: ASCII or Unicode digits to a 16-byte packed number ---- */

/* Builds the 16-byte packed result of PKA/PKU: dig[0] is the rightmost digit;
 * 31 digits fit, more are ignored, fewer are extended with zeros; the sign
 * is always 1100 (plus). */
static void pack16(uint8_t res[16], const uint8_t *dig, unsigned n)
{
    memset(res, 0, 16);
    res[15] = 0x0C;
    for (unsigned k = 0; k < n && k < 31; k++) {
        unsigned nib = k + 1;               /* nibble position from the right; 0 = sign */
        unsigned byte = 15 - nib / 2;
        res[byte] |= (nib & 1) ? (uint8_t)(dig[k] << 4) : dig[k];
    }
}

/* Common part of PKA (step 1) and PKU (step 2): the digit of each character
 * is the right four bits of its last byte; nothing is checked. */
static int pack_chars(CPUState *cpu, const Insn *in, uint32_t len2, unsigned step)
{
    StorageAccess s1, s2;
    int rc = prepare2(cpu, in, &s1, 16, ACC_STORE, &s2, len2);
    if (rc)
        return rc;
    uint8_t src[64], dig[64], res[16];
    access_read(cpu, &s2, 0, src, len2);
    unsigned n = 0;
    for (int i = (int)len2 - 1; i >= 0; i -= (int)step)
        dig[n++] = src[i] & 0x0F;
    pack16(res, dig, n);
    access_write(cpu, &s1, 0, res, 16);
    access_commit(cpu, &s1);
    return 0;
}

/* PACK ASCII (E9, SS-f): operand 2 is 1..32 bytes (L2 <= 31). */
INSN_HANDLER(pka)
{
    if (in->l2 > 31)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return pack_chars(cpu, in, len_of(in->l2), 1);
}

/* PACK UNICODE (E1, SS-f): operand 2 is an even number of bytes up to 64
 * (L2 odd and <= 63). */
INSN_HANDLER(pku)
{
    if (in->l2 > 63 || !(in->l2 & 1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return pack_chars(cpu, in, len_of(in->l2), 2);
}

/* ---- UNPKA / UNPKU: a 16-byte packed number to ASCII or Unicode digits ---- */

/* Condition code from the sign of a packed number: plus codes 1010, 1100,
 * 1110, 1111 -> 0; minus codes 1011, 1101 -> 1; a digit code -> 3. */
static unsigned sign_cc(uint8_t sign)
{
    if (sign <= 9)
        return 3;
    return (sign == 0x0B || sign == 0x0D) ? 1 : 0;
}

/* Digit k (0 = rightmost, next to the sign) of a 16-byte packed operand;
 * digits beyond the 31st are zero. */
static uint8_t packed16_digit(const uint8_t src[16], unsigned k)
{
    if (k >= 31)
        return 0;
    unsigned nib = k + 1;
    uint8_t b = src[15 - nib / 2];
    return (nib & 1) ? b >> 4 : b & 0x0F;
}

/* Common part: step 1 (ASCII, zone 0011) or 2 (Unicode, 0x0030 + digit).
 * The sign is not stored; digits are not checked. */
static int unpack_chars(CPUState *cpu, const Insn *in, uint32_t len1, unsigned step)
{
    StorageAccess s1, s2;
    int rc = prepare2(cpu, in, &s1, len1, ACC_STORE, &s2, 16);
    if (rc)
        return rc;
    uint8_t src[16], res[64];
    access_read(cpu, &s2, 0, src, 16);
    unsigned nchar = len1 / step;
    for (unsigned k = 0; k < nchar; k++) {
        uint8_t *c = &res[len1 - (k + 1) * step];
        if (step == 2)
            *c++ = 0x00;
        *c = (uint8_t)(0x30 | packed16_digit(src, k));
    }
    access_write(cpu, &s1, 0, res, len1);
    access_commit(cpu, &s1);
    cpu_set_cc(cpu, sign_cc(src[15] & 0x0F));
    return 0;
}

/* UNPACK ASCII (EA, SS-a): operand 1 is 1..32 bytes (L <= 31). */
INSN_HANDLER(unpka)
{
    if (in->l1 > 31)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return unpack_chars(cpu, in, len_of(in->l1), 1);
}

/* UNPACK UNICODE (E2, SS-a): operand 1 is an even number of bytes up to 64
 * (L odd and <= 63). */
INSN_HANDLER(unpku)
{
    if (in->l1 > 63 || !(in->l1 & 1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    return unpack_chars(cpu, in, len_of(in->l1), 2);
}

/* ---- EDIT (DE) / EDIT AND MARK (DF), SS-a ---- */

/* Pattern-byte codes */
enum { ED_DIGIT_SELECTOR = 0x20, ED_SIG_STARTER = 0x21, ED_FIELD_SEPARATOR = 0x22 };

/* The source (operand 2) of ED: its length is decided by the pattern and the
 * source itself (a sign in a right half ends a byte; an invalid digit ends
 * the operation), and access exceptions are recognised only for the bytes
 * actually required.  So it is prepared lazily, one page at a time, while the
 * edit is computed into a buffer: a page is prepared when its first needed
 * byte is reached, and the operand is at most 256 bytes, so at most two
 * one-page pieces.  Nothing is stored before every needed page is prepared. */
typedef struct EditSource {
    StorageAccess sa[2];
    uint32_t plen[2];     /* bytes prepared in each piece */
    unsigned npiece;
    uint64_t addr;        /* operand-2 address */
    uint32_t max;         /* upper bound of bytes needed: digit positions */
    int b2;
} EditSource;

static int edit_src_byte(CPUState *cpu, EditSource *s, uint32_t j, uint8_t *out)
{
    while (j >= s->plen[0] + s->plen[1]) {
        /* j < max always (one digit position consumes at most one byte), so
         * the second piece is the last one needed. */
        uint32_t done = s->plen[0] + s->plen[1];
        uint64_t a = (s->addr + done) & cpu_addr_mask(cpu);
        uint32_t n = (uint32_t)(PAGE_SIZE - (a & ~PAGE_MASK));
        if (n > s->max - done)
            n = s->max - done;
        int rc = access_prepare_op(cpu, &s->sa[s->npiece], a, n, ACC_FETCH, s->b2);
        if (rc)
            return insn_access_result(rc);
        s->plen[s->npiece++] = n;
    }
    *out = j < s->plen[0] ? access_get_byte(cpu, &s->sa[0], j)
                          : access_get_byte(cpu, &s->sa[1], j - s->plen[0]);
    return 0;
}

/* Absolute address of source byte j (already prepared: each piece is one
 * page, one fragment). */
static uint64_t edit_src_abs(const EditSource *s, uint32_t j)
{
    return j < s->plen[0] ? s->sa[0].frag[0].abs + j
                          : s->sa[1].frag[0].abs + (j - s->plen[0]);
}

/* Offset in operand 1 of the byte at absolute address abs, or -1.  Two
 * logical pages may share a frame, so overlap is judged on absolute
 * addresses.  (Operand 1 cannot alias itself: it is at most 256 bytes.) */
static int op1_offset_of(const StorageAccess *s1, uint64_t abs)
{
    uint32_t base = 0;
    for (unsigned f = 0; f < s1->nfrag; f++) {
        const PageAccess *p = &s1->frag[f];
        if (abs >= p->abs && abs - p->abs < p->len)
            return (int)(base + (uint32_t)(abs - p->abs));
        base += p->len;
    }
    return -1;
}

/* Writes an address into GR1 as EDMK (like TRT) does: 24-bit mode bits
 * 40-63, bits 0-39 unchanged; 31-bit mode bits 33-63 with bit 32 set to
 * zero, bits 0-31 unchanged; 64-bit mode all 64 bits. */
static void edmk_set_gr1(CPUState *cpu, uint64_t addr)
{
    if (cpu_is_64(cpu))
        cpu->gr[1] = addr;
    else if (cpu->psw_mask & PSW_MASK_BA)
        cpu->gr[1] = (cpu->gr[1] & 0xFFFFFFFF00000000ULL) | (addr & 0x7FFFFFFFULL);
    else
        cpu->gr[1] = (cpu->gr[1] & ~0xFFFFFFULL) | (addr & 0xFFFFFFULL);
}

/* Operand 1 (the pattern) must be read to know how much of operand 2 is
 * needed, so the order is: operand 1 checked for fetch and read, the needed
 * operand-2 pages checked while the edit is computed, operand 1 checked for
 * store (fetch and store: an update operand), then stored.  Only exceptions
 * of the fetch check of operand 1 thus come before those of operand 2,
 * which the project's "operand 2 first" convention cannot avoid here; the
 * architecture leaves the order between operands open. */
static int edit(CPUState *cpu, const Insn *in, bool mark)
{
    const uint32_t len1 = len_of(in->l1);
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t a1 = op1_addr(cpu, in);
    StorageAccess s1;
    int rc = access_prepare_op(cpu, &s1, a1, len1, ACC_FETCH, in->b1);
    if (rc)
        return insn_access_result(rc);

    uint8_t pat[256], res[256];
    access_read(cpu, &s1, 0, pat, len1);

    EditSource src = { .addr = op2_addr(cpu, in), .b2 = in->b2 };
    for (uint32_t i = 0; i < len1; i++)
        if (pat[i] == ED_DIGIT_SELECTOR || pat[i] == ED_SIG_STARTER)
            src.max++;

    const uint8_t fill = pat[0];
    bool sig = false;          /* significance indicator */
    bool nonzero = false;      /* a nonzero digit was examined in this field */
    bool have_right = false;   /* right half of the last source byte is a pending digit */
    uint8_t right = 0;
    uint32_t j = 0;            /* next source byte */
    bool marked = false;
    uint64_t mark_addr = 0;
    bool data_exc = false;
    uint32_t i;

    for (i = 0; i < len1; i++) {
        uint8_t p = pat[i];
        if (p == ED_DIGIT_SELECTOR || p == ED_SIG_STARTER) {
            uint8_t d;
            bool plus = false;
            if (have_right) {
                d = right;
                have_right = false;
            } else {
                uint8_t b;
                rc = edit_src_byte(cpu, &src, j, &b);
                if (rc)
                    return rc;      /* nothing stored yet */
                /* A source byte inside the part of the pattern already
                 * edited is seen as edited (left-to-right byte model). */
                int off = op1_offset_of(&s1, edit_src_abs(&src, j));
                if (off >= 0 && (uint32_t)off < i)
                    b = res[off];
                j++;
                d = b >> 4;
                if (d > 9) {        /* a sign code where a digit must be */
                    data_exc = true;
                    break;
                }
                uint8_t lo = b & 0x0F;
                if (lo <= 9) {
                    have_right = true;
                    right = lo;
                } else {
                    plus = lo != 0x0B && lo != 0x0D;
                }
            }
            if (sig || d != 0) {
                if (!sig && mark) {
                    /* significance begins with this nonzero digit */
                    marked = true;
                    mark_addr = (a1 + i) & mask;
                }
                res[i] = (uint8_t)(0xF0 | d);
            } else {
                res[i] = fill;
            }
            if (d != 0) {
                nonzero = true;
                sig = true;
            }
            if (p == ED_SIG_STARTER)
                sig = true;
            if (plus)               /* a plus sign ends significance after the digit */
                sig = false;
        } else if (p == ED_FIELD_SEPARATOR) {
            res[i] = fill;
            sig = false;
            nonzero = false;
        } else {
            res[i] = sig ? p : fill;
        }
    }

    /* Every needed source page is checked: now operand 1 for storing. */
    rc = access_prepare_op(cpu, &s1, a1, len1, ACC_UPDATE, in->b1);
    if (rc)
        return insn_access_result(rc);

    /* A data exception terminates the operation: the pattern bytes before
     * the failing one stand edited (as if processed one byte at a time), the
     * rest is unchanged, the CC is not set. */
    access_write(cpu, &s1, 0, res, data_exc ? i : len1);
    access_commit(cpu, &s1);
    if (marked)
        edmk_set_gr1(cpu, mark_addr);
    if (data_exc)
        return pgm_raise(cpu, PGM_DATA);
    cpu_set_cc(cpu, !nonzero ? 0 : sig ? 1 : 2);
    return 0;
}

INSN_HANDLER(ed)
{
    return edit(cpu, in, false);
}

INSN_HANDLER(edmk)
{
    return edit(cpu, in, true);
}
