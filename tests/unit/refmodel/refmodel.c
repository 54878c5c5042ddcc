/* Reference model: access checks and the byte-at-a-time instruction
 * semantics.  See refmodel.h for the shape of the model; every rule below
 * cites the architecture note (ZARCH-NOTES) or the brief's conventions it
 * comes from.  Nothing here is shared with src/. */
#include <string.h>

#include "refmodel.h"

/* ---------------------------------------------------------------- helpers */

uint64_t rm_amask(const RmMachine *m)
{
    return m->amode == 64 ? ~0ULL : m->amode == 31 ? 0x7FFFFFFFULL : 0xFFFFFFULL;
}

static uint64_t wrap(const RmMachine *m, uint64_t a) { return a & rm_amask(m); }

RmPage *rm_find_page(RmMachine *m, uint64_t a)
{
    uint64_t pg = wrap(m, a) & ~(uint64_t)(RM_PAGE_SIZE - 1);
    for (int i = 0; i < m->npages; i++)
        if (m->page[i].va == pg)
            return &m->page[i];
    return NULL;
}

uint8_t *rm_byte(RmMachine *m, uint64_t a)
{
    RmPage *p = rm_find_page(m, a);
    if (!p || p->state != RM_MAPPED)
        return NULL;
    return &m->frame[p->frame].data[wrap(m, a) & (RM_PAGE_SIZE - 1)];
}

/* Bytes from a to the end of its page. */
static uint64_t page_rest(uint64_t a) { return RM_PAGE_SIZE - (a & (RM_PAGE_SIZE - 1)); }

static uint64_t min64(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* Fetch and store of one byte, after the checks of the unit have passed.
 * Touching an undescribed page is a fault of the case generator, never an
 * architectural event. */
static uint8_t get(RmMachine *m, uint64_t a)
{
    uint8_t *p = rm_byte(m, a);
    if (!p) {
        if (m->rc == 0) {
            m->rc = RM_BAD_CASE;
            m->bad_addr = wrap(m, a);
        }
        return 0;
    }
    return *p;
}

static void put(RmMachine *m, uint64_t a, uint8_t v)
{
    uint8_t *p = rm_byte(m, a);
    if (!p) {
        if (m->rc == 0) {
            m->rc = RM_BAD_CASE;
            m->bad_addr = wrap(m, a);
        }
        return;
    }
    *p = v;
    /* The change bit records that the frame was stored into (§6.1). */
    m->frame[rm_find_page(m, a)->frame].key |= RM_KEY_C;
}

static int rm_raise(RmMachine *m, int code, bool teid_valid, uint64_t teid)
{
    m->rc = code;
    m->teid_valid = teid_valid;
    m->teid = teid;
    return code;
}

/* ---------------------------------------------------------- access checks */

/* One access of `kind` to the n bytes from a (all inside a's page).  Order
 * for one page (ZARCH-NOTES §6.4): low-address protection, DAT exceptions,
 * DAT protection, addressing, key-controlled protection.  An update is a
 * fetch and a store of the same bytes: a fetch-protected page reports the
 * fetch.  TEIDs (§5.5, §6.5, ESOP-2, primary space): page address | fetch
 * 0x800 or store 0x400 | protection type (LAP 0x80, DAT 0x4, key 0x8);
 * addressing has none. */
static int check_page_k(RmMachine *m, int r, uint64_t a, uint64_t n, int kind, uint8_t key)
{
    RmPage *p = rm_find_page(m, a);
    /* The TEID names the ASCE used (bits 62-63: 00 primary, 01 AR mode, 10
     * secondary, 11 home; nothing for real addresses); in AR mode the
     * exception access id is the operand's access-register number. */
    uint64_t pg = (wrap(m, a) & ~(uint64_t)(RM_PAGE_SIZE - 1)) | (m->dat ? m->asc : 0);
    m->access_id = m->dat && m->asc == 1 ? (uint8_t)r : 0;
    if (!p) {
        m->rc = RM_BAD_CASE;
        m->bad_addr = wrap(m, a);
        return RM_BAD_CASE;
    }
    /* Low-address protection (§6.3): stores into logical (or real)
     * addresses 0-511 and 4096-4607.  Those bytes begin their pages, so the
     * access touches one exactly when its first byte in the page does. */
    if (m->lap && kind != RM_FETCH && (wrap(m, a) & ~0x11FFULL) == 0)
        return rm_raise(m, 0x04, true, pg | 0x400 | 0x80);
    /* Translation exceptions say fetch for fetch and update operands. */
    uint64_t fs = kind == RM_STORE ? 0x400 : 0x800;
    switch (p->state) {
    case RM_INV_R1: return rm_raise(m, 0x39, true, pg | fs);
    case RM_INV_R2: return rm_raise(m, 0x3A, true, pg | fs);
    case RM_INV_R3: return rm_raise(m, 0x3B, true, pg | fs);
    case RM_INV_SEG: return rm_raise(m, 0x10, true, pg | fs);
    case RM_INV_PAGE: return rm_raise(m, 0x11, true, pg | fs);
    default: break;
    }
    if (p->dat_prot && kind != RM_FETCH)
        return rm_raise(m, 0x04, true, pg | 0x400 | 0x4);
    if (p->state == RM_NO_STORAGE)
        return rm_raise(m, 0x05, false, 0);
    /* Key-controlled protection (§6.2): key 0 and a matching ACC always
     * pass, and so does ACC 9 under the storage-protection override;
     * otherwise a fetch needs F = 0, or the fetch-protection override with
     * the whole access (its bytes in this page) inside 0-2047; a store is
     * refused. */
    uint8_t skey = m->frame[p->frame].key;
    a = wrap(m, a);
    bool fpo_ok = m->fpo && a + n - 1 <= 2047 && a + n > a;
    if (key != 0 && (skey >> 4) != key && !(m->spo && (skey >> 4) == 9)) {
        if (kind != RM_STORE && (skey & RM_KEY_F) && !fpo_ok)
            return rm_raise(m, 0x04, true, pg | 0x800 | 0x8);
        if (kind != RM_FETCH)
            return rm_raise(m, 0x04, true, pg | 0x400 | 0x8);
    }
    return 0;
}

static int check_page(RmMachine *m, int r, uint64_t a, uint64_t n, int kind)
{
    return check_page_k(m, r, a, n, kind, m->psw_key);
}

/* Checks every page of an operand of len bytes at a (wrapping at the top of
 * the addressing mode) with access key `key`, its first page first.  len 0
 * checks nothing. */
static int check_k(RmMachine *m, int r, uint64_t a, uint64_t len, int kind, uint8_t key)
{
    a = wrap(m, a);
    while (len) {
        uint64_t n = min64(len, page_rest(a));
        int rc = check_page_k(m, r, a, n, kind, key);
        if (rc)
            return rc;
        len -= n;
        a = wrap(m, a + n);
    }
    return 0;
}

/* The same with the PSW key: the usual operand. */
static int check(RmMachine *m, int r, uint64_t a, uint64_t len, int kind)
{
    return check_k(m, r, a, len, kind, m->psw_key);
}

/* ------------------------------------------------------- register helpers */

static uint64_t ea(const RmMachine *m, int b, int64_t d)
{
    uint64_t a = (uint64_t)d;
    if (b)
        a += m->gr[b];
    return wrap(m, a);
}

/* An updated address in a register (long and string instructions, TRT's
 * GR1): 64-bit mode the whole register; 31-bit bits 33-63 with bit 32 zero;
 * 24-bit bits 40-63 with bits 32-39 zero; bits 0-31 unchanged below 64. */
static void set_addr(RmMachine *m, int r, uint64_t a)
{
    if (m->amode == 64)
        m->gr[r] = a;
    else
        m->gr[r] = (m->gr[r] & 0xFFFFFFFF00000000ULL) | wrap(m, a);
}

/* A length register of MVCLE/CLCLE: bits 32-63 below 64-bit mode. */
static uint64_t get_len64(const RmMachine *m, int r)
{
    return m->amode == 64 ? m->gr[r] : (m->gr[r] & 0xFFFFFFFFULL);
}
static void set_len64(RmMachine *m, int r, uint64_t l)
{
    if (m->amode == 64)
        m->gr[r] = l;
    else
        m->gr[r] = (m->gr[r] & 0xFFFFFFFF00000000ULL) | (l & 0xFFFFFFFFULL);
}

/* MVCL/CLCL length: bits 40-63; bits 0-39 (with the pad) stay. */
static void set_len24(RmMachine *m, int r, uint64_t l)
{
    m->gr[r] = (m->gr[r] & ~0xFFFFFFULL) | (l & 0xFFFFFF);
}

/* Between units: the CPU may take an interruption (the test's yield).
 * Returns true when the instruction must stop here. */
static bool unit_boundary(RmMachine *m)
{
    m->boundaries++;
    return m->yield_after && m->boundaries >= m->yield_after;
}

/* ------------------------------------------------ fixed-length SS (§7.2) */

/* GR1 <- an address, as TRT and EDMK set it: 24-bit mode bits 40-63 (bits
 * 0-39 unchanged), 31-bit mode bits 33-63 with bit 32 zero (bits 0-31
 * unchanged), 64-bit mode all 64 bits. */
static void set_tr_gr1(RmMachine *m, uint64_t a)
{
    a = wrap(m, a);
    if (m->amode == 64)
        m->gr[1] = a;
    else if (m->amode == 31)
        m->gr[1] = (m->gr[1] & 0xFFFFFFFF00000000ULL) | a;
    else
        m->gr[1] = (m->gr[1] & ~0xFFFFFFULL) | a;
}

static int ss_char(RmMachine *m, const RmInsn *in)
{
    uint64_t len = (uint64_t)in->l1 + 1;
    uint64_t a1 = ea(m, in->b1, in->d1), a2 = ea(m, in->b2, in->d2);
    int rc;

    /* One unit: operand 2 (and tables) first, then operand 1 (brief). */
    switch (in->op) {
    case RM_MVC:
        if ((rc = check(m, in->b2, a2, len, RM_FETCH)) ||
            (rc = check(m, in->b1, a1, len, RM_STORE)))
            return rc;
        for (uint64_t i = 0; i < len; i++)
            put(m, a1 + i, get(m, a2 + i));
        return 0;
    case RM_MVCIN:
        /* Operand 2's address designates its rightmost byte. */
        if ((rc = check(m, in->b2, a2 - (len - 1), len, RM_FETCH)) ||
            (rc = check(m, in->b1, a1, len, RM_STORE)))
            return rc;
        for (uint64_t i = 0; i < len; i++)
            put(m, a1 + i, get(m, a2 - i));
        return 0;
    case RM_XC: case RM_NC: case RM_OC: {
        if ((rc = check(m, in->b2, a2, len, RM_FETCH)) ||
            (rc = check(m, in->b1, a1, len, RM_UPDATE)))
            return rc;
        unsigned nz = 0;
        for (uint64_t i = 0; i < len; i++) {
            uint8_t x = get(m, a1 + i), y = get(m, a2 + i);
            uint8_t v = in->op == RM_XC ? x ^ y : in->op == RM_NC ? x & y : x | y;
            put(m, a1 + i, v);
            nz |= v;
        }
        m->cc = nz ? 1 : 0;
        return 0;
    }
    case RM_MVZ: case RM_MVN:
        if ((rc = check(m, in->b2, a2, len, RM_FETCH)) ||
            (rc = check(m, in->b1, a1, len, RM_UPDATE)))
            return rc;
        for (uint64_t i = 0; i < len; i++) {
            uint8_t x = get(m, a1 + i), y = get(m, a2 + i);
            put(m, a1 + i, in->op == RM_MVZ ? (uint8_t)((x & 0x0F) | (y & 0xF0))
                                            : (uint8_t)((x & 0xF0) | (y & 0x0F)));
        }
        return 0;
    case RM_CLC:
        if ((rc = check(m, in->b2, a2, len, RM_FETCH)) ||
            (rc = check(m, in->b1, a1, len, RM_FETCH)))
            return rc;
        m->cc = 0;
        for (uint64_t i = 0; i < len; i++) {
            uint8_t x = get(m, a1 + i), y = get(m, a2 + i);
            if (x != y) {
                m->cc = x < y ? 1 : 2;
                break;
            }
        }
        return 0;
    case RM_TR:
        /* The 256-byte table is checked whole, before operand 1 (brief). */
        if ((rc = check(m, in->b2, a2, 256, RM_FETCH)) ||
            (rc = check(m, in->b1, a1, len, RM_UPDATE)))
            return rc;
        for (uint64_t i = 0; i < len; i++)
            put(m, a1 + i, get(m, a2 + get(m, a1 + i)));
        return 0;
    case RM_TRTR:
        /* TRT from right to left; operand 1's address designates its
         * rightmost byte; CC 2 when the hit is the leftmost byte (the last
         * one processed). */
        if ((rc = check(m, in->b2, a2, 256, RM_FETCH)) ||
            (rc = check(m, in->b1, a1 - (len - 1), len, RM_FETCH)))
            return rc;
        m->cc = 0;
        for (uint64_t i = 0; i < len; i++) {
            uint8_t f = get(m, a2 + get(m, a1 - i));
            if (f) {
                set_tr_gr1(m, a1 - i);
                m->gr[2] = (m->gr[2] & ~0xFFULL) | f;
                m->cc = i == len - 1 ? 2 : 1;
                break;
            }
        }
        return 0;
    case RM_TRT:
        if ((rc = check(m, in->b2, a2, 256, RM_FETCH)) ||
            (rc = check(m, in->b1, a1, len, RM_FETCH)))
            return rc;
        m->cc = 0;
        for (uint64_t i = 0; i < len; i++) {
            uint8_t f = get(m, a2 + get(m, a1 + i));
            if (f) {
                /* GR1 <- argument address (24-bit: bits 40-63, 31-bit: bits
                 * 33-63 with bit 32 zero, 64-bit: all; bits 0-31 kept below
                 * 64-bit); GR2 bits 56-63 <- function byte. */
                set_tr_gr1(m, a1 + i);
                m->gr[2] = (m->gr[2] & ~0xFFULL) | f;
                m->cc = i == len - 1 ? 2 : 1;
                break;
            }
        }
        return 0;
    }
    return 0;
}

/* ---------------------------------------------------- MVCL / CLCL (§7.3) */

/* A unit of a long instruction ends at the next page boundary of either
 * operand that still has bytes (brief; both emulators do so). */
static uint64_t unit_len(uint64_t a1, uint64_t l1, uint64_t a2, uint64_t l2)
{
    uint64_t n = ~0ULL;
    if (l1)
        n = min64(n, min64(l1, page_rest(a1)));
    if (l2)
        n = min64(n, min64(l2, page_rest(a2)));
    return n;
}

/* MVCL: bytes op2 -> op1, padded, interruptible.  cc3 on destructive
 * overlap. */
/* Pad byte of MVCLU/CLCLU at a position whose remaining length is rem: the
 * lengths are even and characters start where rem is even, so the pad
 * character's first byte lands where rem is even. */
static uint8_t pad_at(uint16_t pad, unsigned csize, uint64_t rem)
{
    if (csize == 1)
        return (uint8_t)pad;
    return (rem & 1) ? (uint8_t)pad : (uint8_t)(pad >> 8);
}

/* A unit of MVCLU/CLCLU holds whole 2-byte characters: a character split by
 * a page boundary is a 2-byte unit over two pages. */
static uint64_t char_unit(uint64_t n, unsigned csize)
{
    if (csize == 2 && (n & 1))
        return n > 1 ? n - 1 : 2;
    return n;
}

static int mvcl(RmMachine *m, const RmInsn *in, bool extended, unsigned csize)
{
    int r1 = in->r1, r2 = extended ? in->r3 : in->r2;
    if ((r1 & 1) || (r2 & 1))
        return rm_raise(m, 0x06, false, 0);
    uint64_t a1 = wrap(m, m->gr[r1]), a2 = wrap(m, m->gr[r2]);
    uint64_t l1, l2;
    uint16_t pad;
    if (extended) {
        l1 = get_len64(m, r1 + 1);
        l2 = get_len64(m, r2 + 1);
        /* MVCLU: the lengths must be even */
        if (csize == 2 && ((l1 | l2) & 1))
            return rm_raise(m, 0x06, false, 0);
        pad = (uint16_t)(ea(m, in->b2, in->d2) & (csize == 2 ? 0xFFFF : 0xFF));
    } else {
        l1 = m->gr[r1 + 1] & 0xFFFFFF;
        l2 = m->gr[r2 + 1] & 0xFFFFFF;
        pad = (m->gr[r2 + 1] >> 24) & 0xFF;
    }
    unsigned cc = l1 == l2 ? 0 : l1 < l2 ? 1 : 2;

    if (!extended) {
        /* Destructive overlap: op1's leftmost byte is one of the op2 bytes
         * that would be moved, other than op2's leftmost (§7.3). */
        uint64_t n = min64(l1, l2);
        uint64_t dist = wrap(m, a1 - a2);
        if (l1 && n > 1 && dist >= 1 && dist < n) {
            set_addr(m, r1, a1);
            set_addr(m, r2, a2);
            m->cc = 3;
            return 0;
        }
    }

    for (;;) {
        if (l1 == 0)
            break;
        uint64_t n = char_unit(unit_len(a1, l1, a2, l2), csize);
        uint64_t n2 = min64(n, l2);
        int rc;
        if ((rc = check(m, r2, a2, n2, RM_FETCH)) || (rc = check(m, r1, a1, n, RM_STORE)))
            return rc;
        for (uint64_t i = 0; i < n; i++)
            put(m, a1 + i, i < n2 ? get(m, a2 + i) : pad_at(pad, csize, l1 - i));
        a1 = wrap(m, a1 + n);
        a2 = wrap(m, a2 + n2);
        l1 -= n;
        l2 -= n2;
        set_addr(m, r1, a1);
        set_addr(m, r2, a2);
        if (extended) {
            set_len64(m, r1 + 1, l1);
            set_len64(m, r2 + 1, l2);
        } else {
            set_len24(m, r1 + 1, l1);
            set_len24(m, r2 + 1, l2);
        }
        m->units++;
        if (l1 == 0)
            break;
        if (extended && m->units >= m->unit_bound) {
            m->cc = 3;
            return 0;
        }
        if (unit_boundary(m)) {
            if (extended) {
                m->cc = 3;
                return 0;
            }
            return RM_REEXECUTE;
        }
    }
    /* Completion: the addresses' unused high bits read as zero even when
     * nothing was moved (§7.3). */
    set_addr(m, r1, a1);
    set_addr(m, r2, a2);
    m->cc = cc;
    return 0;
}

/* CLCL / CLCLE: compare with the shorter operand padded. */
static int clcl(RmMachine *m, const RmInsn *in, bool extended, unsigned csize)
{
    int r1 = in->r1, r2 = extended ? in->r3 : in->r2;
    if ((r1 & 1) || (r2 & 1))
        return rm_raise(m, 0x06, false, 0);
    uint64_t a1 = wrap(m, m->gr[r1]), a2 = wrap(m, m->gr[r2]);
    uint64_t l1, l2;
    uint16_t pad;
    if (extended) {
        l1 = get_len64(m, r1 + 1);
        l2 = get_len64(m, r2 + 1);
        if (csize == 2 && ((l1 | l2) & 1))
            return rm_raise(m, 0x06, false, 0);
        pad = (uint16_t)(ea(m, in->b2, in->d2) & (csize == 2 ? 0xFFFF : 0xFF));
    } else {
        l1 = m->gr[r1 + 1] & 0xFFFFFF;
        l2 = m->gr[r2 + 1] & 0xFFFFFF;
        pad = (m->gr[r2 + 1] >> 24) & 0xFF;
    }
    unsigned cc = 0;
    for (;;) {
        if (l1 == 0 && l2 == 0)
            break;
        uint64_t n = char_unit(unit_len(a1, l1, a2, l2), csize);
        uint64_t n1 = min64(n, l1), n2 = min64(n, l2);
        int rc;
        if ((rc = check(m, r2, a2, n2, RM_FETCH)) || (rc = check(m, r1, a1, n1, RM_FETCH)))
            return rc;
        uint64_t i;
        for (i = 0; i < n; i++) {
            uint8_t x = i < n1 ? get(m, a1 + i) : pad_at(pad, csize, l1 - i);
            uint8_t y = i < n2 ? get(m, a2 + i) : pad_at(pad, csize, l2 - i);
            if (x != y) {
                cc = x < y ? 1 : 2;
                break;
            }
        }
        /* Advance to the first unequal bytes (characters for CLCLU: a
         * character compares as a big-endian number, so its first unequal
         * byte decides), or past the unit. */
        uint64_t adv = csize == 2 && i < n ? i & ~1ULL : i;
        uint64_t d1 = min64(adv, n1), d2 = min64(adv, n2);
        a1 = wrap(m, a1 + d1);
        a2 = wrap(m, a2 + d2);
        l1 -= d1;
        l2 -= d2;
        set_addr(m, r1, a1);
        set_addr(m, r2, a2);
        if (extended) {
            set_len64(m, r1 + 1, l1);
            set_len64(m, r2 + 1, l2);
        } else {
            set_len24(m, r1 + 1, l1);
            set_len24(m, r2 + 1, l2);
        }
        if (cc)
            break;
        m->units++;
        if (l1 == 0 && l2 == 0)
            break;
        if (extended && m->units >= m->unit_bound) {
            m->cc = 3;
            return 0;
        }
        if (unit_boundary(m)) {
            if (extended) {
                m->cc = 3;
                return 0;
            }
            return RM_REEXECUTE;
        }
    }
    set_addr(m, r1, a1);
    set_addr(m, r2, a2);
    m->cc = cc;
    return 0;
}

/* ------------------------------------------------ MVST / CLST / SRST (§7.6) */

/* Bytes a fetch-only operand at a may cover in one unit: to the end of its
 * page, or to the split address when below it.  (The fast path ends such
 * units at 2048 so that the fetch-protection override, which needs the whole
 * access inside 0..2047, is judged on what a unit could need; the unit
 * boundaries are CPU-determined and the model must agree on them because of
 * the CC3 bound.) */
static uint64_t fetch_rest(const RmMachine *m, uint64_t a)
{
    if (a < m->fetch_unit_split)
        return m->fetch_unit_split - a;
    return page_rest(a);
}

static int string_insn(RmMachine *m, const RmInsn *in)
{
    /* GR0 bits 32-55 must be zero (specification). */
    if (m->gr[0] & 0xFFFFFF00ULL)
        return rm_raise(m, 0x06, false, 0);
    uint8_t c = m->gr[0] & 0xFF;
    int r1 = in->r1, r2 = in->r2;
    uint64_t o1 = m->gr[r1], o2 = m->gr[r2];
    uint64_t a1 = wrap(m, o1), a2 = wrap(m, o2);
    int rc;

    for (;;) {
        uint64_t n;
        if (in->op == RM_SRST) {
            /* R1 = first byte after the operand; the search may wrap. */
            if (a2 == a1) {
                m->gr[r1] = o1;      /* not found: registers unchanged */
                m->gr[r2] = o2;
                m->cc = 2;
                return 0;
            }
            n = min64(fetch_rest(m, a2), wrap(m, a1 - a2));
            if ((rc = check(m, r2, a2, n, RM_FETCH)))
                return rc;
            for (uint64_t i = 0; i < n; i++)
                if (get(m, a2 + i) == c) {
                    m->gr[r2] = o2;
                    set_addr(m, r1, a2 + i);
                    m->cc = 1;
                    return 0;
                }
            a2 = wrap(m, a2 + n);
            set_addr(m, r2, a2);
            m->units++;
            if (a2 == a1)
                continue;          /* reports cc 2 above */
        } else {
            n = in->op == RM_MVST ? min64(page_rest(a1), fetch_rest(m, a2))
                                  : min64(fetch_rest(m, a1), fetch_rest(m, a2));
            if (in->op == RM_MVST) {
                if ((rc = check(m, r2, a2, n, RM_FETCH)) || (rc = check(m, r1, a1, n, RM_STORE)))
                    return rc;
                for (uint64_t i = 0; i < n; i++) {
                    uint8_t v = get(m, a2 + i);
                    put(m, a1 + i, v);
                    if (v == c) {
                        /* cc 1: R1 <- address of the terminator in op1,
                         * R2 unchanged. */
                        m->gr[r1] = o1;
                        m->gr[r2] = o2;
                        set_addr(m, r1, a1 + i);
                        m->cc = 1;
                        return 0;
                    }
                }
            } else {
                if ((rc = check(m, r2, a2, n, RM_FETCH)) || (rc = check(m, r1, a1, n, RM_FETCH)))
                    return rc;
                for (uint64_t i = 0; i < n; i++) {
                    uint8_t x = get(m, a1 + i), y = get(m, a2 + i);
                    if (x == c && y == c) {
                        m->gr[r1] = o1;   /* equal: registers unchanged */
                        m->gr[r2] = o2;
                        m->cc = 0;
                        return 0;
                    }
                    if (x == c || y == c || x != y) {
                        /* The string that ends first is the low one. */
                        m->cc = x == c ? 1 : y == c ? 2 : x < y ? 1 : 2;
                        m->gr[r1] = o1;
                        m->gr[r2] = o2;
                        set_addr(m, r1, a1 + i);
                        set_addr(m, r2, a2 + i);
                        return 0;
                    }
                }
            }
            a1 = wrap(m, a1 + n);
            a2 = wrap(m, a2 + n);
            set_addr(m, r1, a1);
            set_addr(m, r2, a2);
            m->units++;
        }
        /* A CPU-determined amount: cc 3 with the registers at the next
         * bytes. */
        if (m->units >= m->unit_bound || unit_boundary(m)) {
            m->cc = 3;
            return 0;
        }
    }
}

/* ----------------------------------------------- STM / LM / STMG / LMG */

static int multireg(RmMachine *m, const RmInsn *in)
{
    bool g = in->op == RM_STMG || in->op == RM_LMG;
    bool store = in->op == RM_STM || in->op == RM_STMG;
    unsigned size = g ? 8 : 4;
    unsigned nregs = ((in->r3 - in->r1) & 15) + 1;
    uint64_t a = ea(m, in->b2, in->d2);
    /* One unit: the whole operand is checked first (brief). */
    int rc = check(m, in->b2, a, (uint64_t)nregs * size, store ? RM_STORE : RM_FETCH);
    if (rc)
        return rc;
    for (unsigned k = 0; k < nregs; k++) {
        int r = (in->r1 + k) & 15;
        uint64_t at = a + (uint64_t)k * size;
        if (store) {
            for (unsigned j = 0; j < size; j++)
                put(m, at + j, (uint8_t)(m->gr[r] >> (8 * (size - 1 - j))));
        } else {
            uint64_t v = 0;
            for (unsigned j = 0; j < size; j++)
                v = v << 8 | get(m, at + j);
            if (g)
                m->gr[r] = v;
            else
                m->gr[r] = (m->gr[r] & 0xFFFFFFFF00000000ULL) | v;
        }
    }
    return 0;
}

/* ------------------------------------------- PACK / UNPK / MVO (§7.2) */

/* Right to left, one result byte at a time: each operand-2 byte is
 * fetched once, just before the first result byte that needs it, and each
 * result byte is stored before the next operand byte is fetched. */
static int decimal_move(RmMachine *m, const RmInsn *in)
{
    uint64_t len1 = (uint64_t)in->l1 + 1, len2 = (uint64_t)in->l2 + 1;
    uint64_t a1 = ea(m, in->b1, in->d1), a2 = ea(m, in->b2, in->d2);
    int rc;
    int k1 = (int)len1 - 1, k2 = (int)len2 - 1;    /* next byte, from the right */

    if ((rc = check(m, in->b2, a2, len2, RM_FETCH)) ||
        (rc = check(m, in->b1, a1, len1, in->op == RM_MVO ? RM_UPDATE : RM_STORE)))
        return rc;

    if (in->op == RM_PACK) {
        /* Rightmost byte: zone and digit swapped; then two digits a byte. */
        uint8_t v = get(m, a2 + k2--);
        put(m, a1 + k1--, (uint8_t)(v << 4 | v >> 4));
        for (; k1 >= 0; k1--) {
            uint8_t lo = k2 >= 0 ? get(m, a2 + k2--) & 0x0F : 0;
            uint8_t hi = k2 >= 0 ? get(m, a2 + k2--) & 0x0F : 0;
            put(m, a1 + k1, (uint8_t)(hi << 4 | lo));
        }
    } else if (in->op == RM_UNPK) {
        uint8_t v = get(m, a2 + k2--);
        put(m, a1 + k1--, (uint8_t)(v << 4 | v >> 4));
        bool have_hi = false;
        uint8_t held = 0;
        for (; k1 >= 0; k1--) {
            uint8_t d;
            if (have_hi) {
                d = held >> 4;
                have_hi = false;
            } else if (k2 >= 0) {
                held = get(m, a2 + k2--);
                d = held & 0x0F;
                have_hi = true;
            } else {
                d = 0;
            }
            put(m, a1 + k1, (uint8_t)(0xF0 | d));
        }
    } else { /* MVO: operand 2 one digit to the left of op1's last digit */
        uint8_t prev = get(m, a2 + k2--);
        put(m, a1 + k1, (uint8_t)(prev << 4 | (get(m, a1 + k1) & 0x0F)));
        k1--;
        for (; k1 >= 0; k1--) {
            uint8_t cur = k2 >= 0 ? get(m, a2 + k2--) : 0;
            put(m, a1 + k1, (uint8_t)(cur << 4 | prev >> 4));
            prev = cur;
        }
    }
    return 0;
}


/* ------------------------------------------------------ CKSM, TRE, SRSTU */

/* CHECKSUM: GR R1 bits 32-63 accumulate the 32-bit words of operand 2 (R2
 * address, R2+1 length) by one's-complement addition (a carry out of bit 32
 * is added back in at bit 63); a last partial word is padded on the right
 * with zeros.  Units are whole words except at the end (a word split by a
 * page boundary is a 4-byte unit over two pages); CC 0 done, CC 3 partial
 * with the registers at the progress; a zero length changes nothing. */
static int cksm(RmMachine *m, const RmInsn *in)
{
    int r1 = in->r1, r2 = in->r2;
    if (r2 & 1)
        return rm_raise(m, 0x06, false, 0);
    uint64_t a = wrap(m, m->gr[r2]), l = get_len64(m, r2 + 1);
    uint32_t sum = (uint32_t)m->gr[r1];
    if (l == 0) {
        m->cc = 0;
        return 0;
    }
    for (;;) {
        uint64_t n = min64(page_rest(a), l);
        if (n < l && (n & 3))
            n = (n & ~3ULL) ? (n & ~3ULL) : min64(4, l);
        int rc = check(m, r2, a, n, RM_FETCH);
        if (rc)
            return rc;
        for (uint64_t i = 0; i < n; i += 4) {
            uint32_t w = 0;
            for (unsigned k = 0; k < 4; k++)
                w = w << 8 | (i + k < n ? get(m, a + i + k) : 0);
            uint64_t t = (uint64_t)sum + w;
            sum = (uint32_t)(t + (t >> 32));
        }
        a = wrap(m, a + n);
        l -= n;
        m->gr[r1] = (m->gr[r1] & 0xFFFFFFFF00000000ULL) | sum;
        set_addr(m, r2, a);
        set_len64(m, r2 + 1, l);
        m->units++;
        if (l == 0) {
            m->cc = 0;
            return 0;
        }
        if (m->units >= m->unit_bound || unit_boundary(m)) {
            m->cc = 3;
            return 0;
        }
    }
}

/* TRANSLATE EXTENDED: operand 1 (R1 address, R1+1 length) is translated in
 * place through the 256-byte table at R2 until the test byte (GR0 bits
 * 56-63) is met: CC 1 with R1 at the test byte (untranslated), CC 0 at the
 * end, CC 3 partial.  Per unit (to operand 1's page boundary): the table
 * (whole), operand 1 as a fetch, and, over the bytes before the test byte,
 * operand 1 as an update; each result byte is stored before the next table
 * entry is fetched (a table overlapping operand 1 sees the new bytes). */
static int tre(RmMachine *m, const RmInsn *in)
{
    int r1 = in->r1, r2 = in->r2;
    if (r1 & 1)
        return rm_raise(m, 0x06, false, 0);
    uint8_t test = m->gr[0] & 0xFF;
    uint64_t tbl = wrap(m, m->gr[r2]);
    uint64_t a = wrap(m, m->gr[r1]), len = get_len64(m, r1 + 1);
    for (;;) {
        if (len == 0) {
            m->cc = 0;
            return 0;
        }
        uint64_t n = min64(len, page_rest(a)), k;
        int rc;
        if ((rc = check(m, r2, tbl, 256, RM_FETCH)) || (rc = check(m, r1, a, n, RM_FETCH)))
            return rc;
        for (k = 0; k < n && get(m, a + k) != test; k++)
            ;
        if (k) {
            if ((rc = check(m, r1, a, k, RM_UPDATE)))
                return rc;
            for (uint64_t i = 0; i < k; i++)
                put(m, a + i, get(m, tbl + get(m, a + i)));
            a = wrap(m, a + k);
            len -= k;
            set_addr(m, r1, a);
            set_len64(m, r1 + 1, len);
        }
        if (k < n) {
            m->cc = 1;
            return 0;
        }
        if (len == 0) {
            m->cc = 0;
            return 0;
        }
        m->units++;
        if (m->units >= m->unit_bound || unit_boundary(m)) {
            m->cc = 3;
            return 0;
        }
    }
}

/* SEARCH STRING UNICODE: SRST over 2-byte characters, the character in GR0
 * bits 48-63 (bits 32-47 must be zero).  Only even distances between the
 * start (R2) and the end (R1) are generated: the odd case is not settled by
 * the text we have.  A character split by a page boundary is a unit of its
 * own. */
static int srstu(RmMachine *m, const RmInsn *in)
{
    if (m->gr[0] & 0xFFFF0000ULL)
        return rm_raise(m, 0x06, false, 0);
    uint16_t c = m->gr[0] & 0xFFFF;
    int r1 = in->r1, r2 = in->r2;
    uint64_t o2 = m->gr[r2];
    uint64_t s = wrap(m, o2);
    uint64_t end = wrap(m, wrap(m, m->gr[r1]) + ((s ^ m->gr[r1]) & 1));
    for (;;) {
        if (s == end) {
            m->gr[r2] = o2;
            m->cc = 2;
            return 0;
        }
        uint64_t rem = fetch_rest(m, s);
        uint64_t n = min64(rem < 2 ? 2 : rem & ~1ULL, wrap(m, end - s));
        int rc = check(m, r2, s, n, RM_FETCH);
        if (rc)
            return rc;
        for (uint64_t i = 0; i < n; i += 2)
            if ((uint16_t)(get(m, s + i) << 8 | get(m, s + i + 1)) == c) {
                set_addr(m, r1, s + i);
                m->gr[r2] = o2;
                m->cc = 1;
                return 0;
            }
        s = wrap(m, s + n);
        if (s == end)
            continue;
        set_addr(m, r2, s);
        m->units++;
        if (m->units >= m->unit_bound || unit_boundary(m)) {
            m->cc = 3;
            return 0;
        }
    }
}

/* ------------------------------------------- MVCK / MVCSK / MVCDK (§7.9) */

/* Moves with an access key from a register for one operand and the PSW key
 * for the other, in the current space.  In the problem state the supplied
 * key must be permitted by the PSW-key mask (else privileged operation).
 * MVCK: true length in R1 (bits 32-63 below 64-bit mode), key in R3 bits
 * 56-59 for operand 2; min(length, 256) bytes move, CC 3 when the true length
 * exceeds 256 (R1 unchanged), else CC 0; a zero length accesses nothing.
 * MVCSK / MVCDK: GR0 bits 56-63 + 1 bytes, key in GR1 bits 56-59 for the
 * source / the destination, CC unchanged. */
static int keyed_move(RmMachine *m, const RmInsn *in)
{
    uint8_t key = (uint8_t)((in->op == RM_MVCK ? m->gr[in->r3] : m->gr[1]) >> 4) & 0xF;
    if (m->problem_state && !(m->pkm & (0x8000u >> key)))
        return rm_raise(m, 0x02, false, 0);
    uint64_t a1 = ea(m, in->b1, in->d1), a2 = ea(m, in->b2, in->d2), n;
    uint8_t k1 = m->psw_key, k2 = key;
    uint64_t truelen = 0;
    if (in->op == RM_MVCK) {
        truelen = m->amode == 64 ? m->gr[in->r1] : (m->gr[in->r1] & 0xFFFFFFFFULL);
        n = min64(truelen, 256);
    } else {
        n = (m->gr[0] & 0xFF) + 1;
        if (in->op == RM_MVCDK) {
            k1 = key;
            k2 = m->psw_key;
        }
    }
    int rc;
    if ((rc = check_k(m, in->b2, a2, n, RM_FETCH, k2)) ||
        (rc = check_k(m, in->b1, a1, n, RM_STORE, k1)))
        return rc;
    for (uint64_t i = 0; i < n; i++)
        put(m, a1 + i, get(m, a2 + i));
    if (in->op == RM_MVCK)
        m->cc = truelen > 256 ? 3 : 0;
    return 0;
}

/* ---------------------------------------------------------- ED / EDMK */

/* Undo log of the edit: the model edits byte by byte in place and takes the
 * stores back when a later check of the unit fails. */
typedef struct UndoEntry {
    uint64_t addr;
    uint8_t byte, key;
} UndoEntry;

static void put_logged(RmMachine *m, uint64_t a, uint8_t v, UndoEntry *log, unsigned *n)
{
    RmPage *p = rm_find_page(m, a);
    uint8_t *b = rm_byte(m, a);
    if (p && b) {
        log[*n].addr = a;
        log[*n].byte = *b;
        log[*n].key = m->frame[p->frame].key;
        (*n)++;
    }
    put(m, a, v);
}

static void undo(RmMachine *m, UndoEntry *log, unsigned n)
{
    while (n--) {
        uint8_t *b = rm_byte(m, log[n].addr);
        if (b) {
            *b = log[n].byte;
            m->frame[rm_find_page(m, log[n].addr)->frame].key = log[n].key;
        }
    }
}

/* EDIT / EDIT AND MARK, from the pattern rules: pattern bytes 0x20 digit
 * selector, 0x21 significance starter, 0x22 field separator, others message
 * bytes; the first pattern byte is the fill byte (and still acts as a
 * control byte).  Each digit selector / starter takes the next source digit:
 * the left digit of a newly fetched source byte (each byte fetched once) or
 * the pending right digit; when the left digit is taken the right half is
 * checked for a sign, and a sign there is no digit.  Result: the zoned digit
 * (0xF0 | d) when the significance indicator is on or d != 0, else the fill
 * byte; d != 0 turns the indicator on, as does a starter; a plus sign (A, C,
 * E, F) turns it off after the digit.  A field separator gives the fill byte
 * and turns the indicator off; a message byte stays if the indicator is on,
 * else becomes the fill byte.  CC of the last field: 0 all digits zero (or
 * none), 1 nonzero with the indicator on, 2 nonzero with it off.  EDMK puts
 * the address of the result byte where a nonzero digit turned significance on
 * into GR1 (TRT's register rules).  A left digit A-F is a data exception; the
 * operation is then terminated: result bytes to its left stand, CC unchanged.
 *
 * Checking order (the source length depends on the pattern): the pattern as
 * a fetch, then each source page when its first byte is needed, then the
 * pattern as an update.  Source and pattern may overlap: the model works in
 * place, one pattern byte at a time, so a source byte in the already edited
 * part is seen edited. */
static int edit(RmMachine *m, const RmInsn *in, bool mark)
{
    uint64_t len = (uint64_t)in->l1 + 1;
    uint64_t a1 = ea(m, in->b1, in->d1), a2 = ea(m, in->b2, in->d2);
    int rc = check(m, in->b1, a1, len, RM_FETCH);
    if (rc)
        return rc;

    /* The source access extends over as many bytes as the pattern has digit
     * positions (one source byte per position at most): that is the extent
     * the fetch-protection override is judged on. */
    uint64_t ndig = 0;
    for (uint64_t k = 0; k < len; k++) {
        uint8_t p = get(m, a1 + k);
        ndig += p == 0x20 || p == 0x21;
    }
    UndoEntry log[256];
    unsigned nlog = 0;
    uint64_t gr1 = m->gr[1];
    uint8_t fill = get(m, a1);
    bool sig = false, nonzero = false, have_right = false, data_exc = false;
    uint8_t right = 0;
    uint64_t j = 0;         /* source bytes fetched */
    uint64_t i;

    for (i = 0; i < len; i++) {
        uint8_t p = get(m, a1 + i), r;
        if (p == 0x20 || p == 0x21) {
            uint8_t d;
            bool plus = false;
            if (have_right) {
                d = right;
                have_right = false;
            } else {
                uint64_t sa = wrap(m, a2 + j);
                if (j == 0 || (sa & (RM_PAGE_SIZE - 1)) == 0) {
                    uint64_t piece = min64(page_rest(sa), ndig - j);
                    if ((rc = check_page(m, in->b2, sa, piece, RM_FETCH))) {
                        undo(m, log, nlog);
                        m->gr[1] = gr1;
                        return rc;
                    }
                }
                uint8_t b = get(m, sa);
                j++;
                d = b >> 4;
                if (d > 9) {
                    data_exc = true;
                    break;
                }
                if ((b & 0x0F) <= 9) {
                    have_right = true;
                    right = b & 0x0F;
                } else {
                    plus = (b & 0x0F) != 0x0B && (b & 0x0F) != 0x0D;
                }
            }
            if (sig || d) {
                if (!sig && mark)
                    set_tr_gr1(m, a1 + i);
                r = (uint8_t)(0xF0 | d);
            } else {
                r = fill;
            }
            if (d) {
                nonzero = true;
                sig = true;
            }
            if (p == 0x21)
                sig = true;
            if (plus)
                sig = false;
        } else if (p == 0x22) {
            r = fill;
            sig = false;
            nonzero = false;
        } else {
            r = sig ? p : fill;
        }
        put_logged(m, a1 + i, r, log, &nlog);
    }
    /* The pattern is stored into: the update check comes last. */
    rc = check(m, in->b1, a1, len, RM_UPDATE);
    if (rc) {
        undo(m, log, nlog);
        m->gr[1] = gr1;
        return rc;
    }
    if (data_exc) {
        m->dxc = 0;
        return rm_raise(m, 0x07, false, 0);
    }
    m->cc = !nonzero ? 0 : sig ? 1 : 2;
    return 0;
}

/* ---------------------------------------------------------------- dispatch */

static const char *const names[RM_NOPS] = {
    "MVC", "XC", "NC", "OC", "CLC", "TR", "TRT", "MVCIN", "MVZ", "MVN",
    "MVCL", "CLCL", "MVCLE", "CLCLE", "MVST", "CLST", "SRST",
    "STM", "LM", "STMG", "LMG", "PACK", "UNPK", "MVO", "ED", "EDMK",
    "TRTR", "MVCK", "MVCSK", "MVCDK", "MVCLU", "CLCLU", "CKSM", "TRE", "SRSTU",
};

const char *rm_op_name(int op)
{
    return op >= 0 && op < RM_NOPS ? names[op] : "?";
}

int rm_execute(RmMachine *m, const RmInsn *in)
{
    int rc = 0;
    m->rc = 0;
    m->teid_valid = false;
    m->teid = 0;
    m->dxc = 0;
    m->access_id = 0;
    m->units = 0;
    m->boundaries = 0;
    switch (in->op) {
    case RM_MVC: case RM_XC: case RM_NC: case RM_OC: case RM_CLC: case RM_TR: case RM_TRT:
    case RM_MVCIN: case RM_MVZ: case RM_MVN: case RM_TRTR:
        rc = ss_char(m, in);
        break;
    case RM_MVCK: case RM_MVCSK: case RM_MVCDK: rc = keyed_move(m, in); break;
    case RM_MVCL: rc = mvcl(m, in, false, 1); break;
    case RM_MVCLE: rc = mvcl(m, in, true, 1); break;
    case RM_MVCLU: rc = mvcl(m, in, true, 2); break;
    case RM_CLCL: rc = clcl(m, in, false, 1); break;
    case RM_CLCLE: rc = clcl(m, in, true, 1); break;
    case RM_CLCLU: rc = clcl(m, in, true, 2); break;
    case RM_CKSM: rc = cksm(m, in); break;
    case RM_TRE: rc = tre(m, in); break;
    case RM_SRSTU: rc = srstu(m, in); break;
    case RM_MVST: case RM_CLST: case RM_SRST: rc = string_insn(m, in); break;
    case RM_STM: case RM_LM: case RM_STMG: case RM_LMG: rc = multireg(m, in); break;
    case RM_PACK: case RM_UNPK: case RM_MVO: rc = decimal_move(m, in); break;
    case RM_ED: rc = edit(m, in, false); break;
    case RM_EDMK: rc = edit(m, in, true); break;
    default: rc = RM_BAD_CASE; break;
    }
    /* A touch of an undescribed page wins over everything: the case is bad. */
    if (m->rc == RM_BAD_CASE)
        return RM_BAD_CASE;
    m->rc = rc;
    return rc;
}
