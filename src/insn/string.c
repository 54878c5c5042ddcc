/* String and extended-translate instructions: MVST, CLST, SRST, SRSTU, TRE,
 * TROO, TROT, TRTO, TRTT (ZARCH-NOTES §7.6, §7.10).
 *
 * All of them are CC3-style: a CPU-determined amount is processed, the
 * registers show the progress and CC3 tells the program to loop.  The work is
 * cut into units of operation that end at the next 4 KiB boundary of any
 * operand (so every operand of a unit lies in one page, except a two-byte
 * character that straddles a boundary).  Per unit: the fetch-only operands
 * are prepared and examined first (operand 2, the table), then operand 1 for
 * exactly the bytes the unit stores; only then is anything stored.  A fault
 * therefore leaves units 0..k-1 complete and nothing of unit k stored.
 *
 * Bound: at most STRING_UNITS units per execution, and the execution stops
 * early (CC3) when insn_unit_boundary() asks for it or a unit recognised a
 * PER storage-alteration event (presented when the unit completes).
 *
 * Access exceptions are recognised only for bytes the unit actually needs:
 * the terminator / test character is located in the fetched operand before
 * the stored operand is prepared, so a page beyond the terminator is never
 * touched.  Fetch-only operands below address 2048 end their unit at 2048 so
 * that the fetch-protection override (which needs the whole access inside
 * 0..2047) sees no more than a unit could need.
 *
 * Overlap: results equal a one-character-at-a-time process in which every
 * store is done before the next character is fetched.  MVST reproduces the
 * pattern propagation of a destructive overlap from its buffer; TRE looks the
 * table up in current storage when operand 1 overlaps the table; the TRxx
 * instructions fall back to one-character units when a store could change a
 * later source character or a table entry. */
#include <string.h>

#include "insn/insn.h"

#define STRING_UNITS 16u

/* Bytes from a to the end of its 4 KiB page. */
static inline uint32_t page_rem(uint64_t a)
{
    return (uint32_t)(PAGE_SIZE - (a & (PAGE_SIZE - 1)));
}

/* Bytes a fetch-only operand at a may cover in one unit (see the header
 * comment for the 2048 split). */
static inline uint32_t fetch_rem(uint64_t a)
{
    return a < 2048 ? (uint32_t)(2048 - a) : page_rem(a);
}

static inline uint32_t min32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* True when some page of the operand must be accessed byte by byte (I/O
 * region, watched page, cached code): such bytes are then read exactly once
 * and only when needed. */
static bool sa_bytewise(const StorageAccess *sa)
{
    for (unsigned i = 0; i < sa->nfrag; i++)
        if (sa->frag[i].flags & PA_HANDLE)
            return true;
    return false;
}

/* Overlap of [a, a+la) and [b, b+lb) in the wrapping address space. */
static bool ranges_overlap(uint64_t mask, uint64_t a, uint64_t la, uint64_t b, uint64_t lb)
{
    if (!la || !lb)
        return false;
    return ((b - a) & mask) < la || ((a - b) & mask) < lb;
}

/* After a unit that did not finish the instruction: true when the execution
 * ends here with CC3.  *units counts the completed units. */
static bool string_stop(CPUState *cpu, unsigned *units, bool per_event)
{
    if (++*units >= STRING_UNITS || per_event || insn_unit_boundary(cpu)) {
        cpu_set_cc(cpu, 3);
        return true;
    }
    return false;
}

/* Reads the fetched operand looking for byte c in [0, n) and returns its
 * offset, or n.  buf receives at least the bytes up to the one returned;
 * byte-wise storage is read one byte at a time and never past the match. */
static uint32_t scan_byte(CPUState *cpu, const StorageAccess *sa, uint32_t n, uint8_t c,
                          uint8_t *buf)
{
    if (sa_bytewise(sa)) {
        for (uint32_t i = 0; i < n; i++) {
            buf[i] = access_get_byte(cpu, sa, i);
            if (buf[i] == c)
                return i;
        }
        return n;
    }
    access_read(cpu, sa, 0, buf, n);
    const uint8_t *p = memchr(buf, c, n);
    return p ? (uint32_t)(p - buf) : n;
}

/* ---- MVST: move string ---- */

INSN_HANDLER(mvst)
{
    /* GR0 bits 32-55 are reserved and must be zero. */
    if (cpu->gr[0] & 0xFFFFFF00ULL)
        return pgm_raise(cpu, PGM_SPECIFICATION);

    const uint8_t term = cpu->gr[0] & 0xFF;
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t r2_orig = cpu->gr[in->r2];
    uint64_t d = insn_reg_addr(cpu, in->r1);
    uint64_t s = insn_reg_addr(cpu, in->r2);
    uint8_t buf[PAGE_SIZE];
    unsigned units = 0;

    for (;;) {
        StorageAccess op1, op2;
        const uint32_t n = min32(fetch_rem(s), page_rem(d));
        int rc = access_prepare_op(cpu, &op2, s, n, ACC_FETCH, in->r2);
        if (rc)
            return insn_access_result(rc);

        /* When operand 1 starts p bytes after operand 2 inside this unit,
         * the byte fetched at offset i >= p is the one stored at i - p: the
         * bytes 0..p-1 repeat.  Only those are original storage. */
        const uint64_t p = (d - s) & mask;
        const uint32_t fresh = (p > 0 && p < n) ? (uint32_t)p : n;
        uint32_t k = scan_byte(cpu, &op2, fresh, term, buf);
        bool found = k < fresh;
        uint32_t m = found ? k + 1 : n;
        for (uint32_t i = fresh; i < m; i++)
            buf[i] = buf[i - fresh];

        rc = access_prepare_op(cpu, &op1, d, m, ACC_STORE, in->r1);
        if (rc)
            return insn_access_result(rc);
        const uint8_t per_before = cpu->per.code & PER_CODE_SA;
        if (access_overlap(&op1, &op2)) {
            /* The operands share storage (perhaps through two logical
             * pages on one frame): move byte by byte, each byte fetched
             * after the stores before it, so a store may change a later
             * source byte and with it where the terminator is.  Operand 1
             * is then prepared to the unit's end: the unit stays in its
             * current page, so no further page is checked. */
            if (m < n && (rc = access_prepare_op(cpu, &op1, d, n, ACC_STORE, in->r1)))
                return insn_access_result(rc);
            uint32_t i;
            for (i = 0; i < n; i++) {
                uint8_t b = access_get_byte(cpu, &op2, i);
                access_put_byte(cpu, &op1, i, b);
                if (b == term)
                    break;
            }
            found = i < n;
            k = i;
            m = found ? i + 1 : n;
        } else {
            access_write(cpu, &op1, 0, buf, m);
        }
        access_commit(cpu, &op1);
        const bool per_event = (cpu->per.code & PER_CODE_SA) && !per_before;

        if (found) {
            /* CC1: R1 designates the terminator in operand 1; R2 is left
             * as it was at the start of this execution. */
            insn_set_addr_reg(cpu, in->r1, (d + k) & mask);
            cpu->gr[in->r2] = r2_orig;
            cpu_set_cc(cpu, 1);
            return 0;
        }
        d = (d + m) & mask;
        s = (s + m) & mask;
        insn_set_addr_reg(cpu, in->r1, d);
        insn_set_addr_reg(cpu, in->r2, s);
        if (string_stop(cpu, &units, per_event))
            return 0;
    }
}

/* ---- CLST: compare logical string ---- */

INSN_HANDLER(clst)
{
    if (cpu->gr[0] & 0xFFFFFF00ULL)
        return pgm_raise(cpu, PGM_SPECIFICATION);

    const uint8_t term = cpu->gr[0] & 0xFF;
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t r1_orig = cpu->gr[in->r1], r2_orig = cpu->gr[in->r2];
    uint64_t a1 = insn_reg_addr(cpu, in->r1);
    uint64_t a2 = insn_reg_addr(cpu, in->r2);
    uint8_t b1[PAGE_SIZE], b2[PAGE_SIZE];
    unsigned units = 0;

    for (;;) {
        StorageAccess op1, op2;
        const uint32_t n = min32(fetch_rem(a1), fetch_rem(a2));
        int rc = access_prepare_op(cpu, &op2, a2, n, ACC_FETCH, in->r2);
        if (rc)
            return insn_access_result(rc);
        rc = access_prepare_op(cpu, &op1, a1, n, ACC_FETCH, in->r1);
        if (rc)
            return insn_access_result(rc);

        uint32_t i;
        if (sa_bytewise(&op1) || sa_bytewise(&op2)) {
            /* Byte-wise storage: fetch each pair once, in order, and stop
             * at the first byte that decides. */
            for (i = 0; i < n; i++) {
                b1[i] = access_get_byte(cpu, &op1, i);
                b2[i] = access_get_byte(cpu, &op2, i);
                if (b1[i] != b2[i] || b1[i] == term)
                    break;
            }
        } else {
            access_read(cpu, &op1, 0, b1, n);
            access_read(cpu, &op2, 0, b2, n);
            for (i = 0; i < n; i++)
                if (b1[i] != b2[i] || b1[i] == term)
                    break;
        }

        if (i < n) {
            if (b1[i] == b2[i]) {
                /* Both strings end here: equal, registers unchanged. */
                cpu->gr[in->r1] = r1_orig;
                cpu->gr[in->r2] = r2_orig;
                cpu_set_cc(cpu, 0);
                return 0;
            }
            /* The string that ends first is the low one. */
            unsigned cc = b1[i] == term ? 1 : b2[i] == term ? 2 : b1[i] < b2[i] ? 1 : 2;
            insn_set_addr_reg(cpu, in->r1, (a1 + i) & mask);
            insn_set_addr_reg(cpu, in->r2, (a2 + i) & mask);
            cpu_set_cc(cpu, cc);
            return 0;
        }
        a1 = (a1 + n) & mask;
        a2 = (a2 + n) & mask;
        insn_set_addr_reg(cpu, in->r1, a1);
        insn_set_addr_reg(cpu, in->r2, a2);
        if (string_stop(cpu, &units, false))
            return 0;
    }
}

/* ---- SRST / SRSTU: search string ---- */

INSN_HANDLER(srst)
{
    if (cpu->gr[0] & 0xFFFFFF00ULL)
        return pgm_raise(cpu, PGM_SPECIFICATION);

    const uint8_t c = cpu->gr[0] & 0xFF;
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t r2_orig = cpu->gr[in->r2];
    const uint64_t end = insn_reg_addr(cpu, in->r1);
    uint64_t s = insn_reg_addr(cpu, in->r2);
    uint8_t buf[PAGE_SIZE];
    unsigned units = 0;

    for (;;) {
        if (s == end) {
            /* CC2 not found: both registers as at the start. */
            cpu->gr[in->r2] = r2_orig;
            cpu_set_cc(cpu, 2);
            return 0;
        }
        StorageAccess op2;
        const uint64_t left = (end - s) & mask;  /* the search wraps at the top */
        const uint32_t n = left < fetch_rem(s) ? (uint32_t)left : fetch_rem(s);
        int rc = access_prepare_op(cpu, &op2, s, n, ACC_FETCH, in->r2);
        if (rc)
            return insn_access_result(rc);
        const uint32_t k = scan_byte(cpu, &op2, n, c, buf);
        if (k < n) {
            insn_set_addr_reg(cpu, in->r1, (s + k) & mask);
            cpu->gr[in->r2] = r2_orig;
            cpu_set_cc(cpu, 1);
            return 0;
        }
        s = (s + n) & mask;
        if (s == end)
            continue;       /* CC2 above */
        insn_set_addr_reg(cpu, in->r2, s);
        if (string_stop(cpu, &units, false))
            return 0;
    }
}

INSN_HANDLER(srstu)
{
    /* GR0 bits 32-47 reserved; the character is bits 48-63. */
    if (cpu->gr[0] & 0xFFFF0000ULL)
        return pgm_raise(cpu, PGM_SPECIFICATION);

    const uint16_t c = cpu->gr[0] & 0xFFFF;
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t r2_orig = cpu->gr[in->r2];
    uint64_t s = insn_reg_addr(cpu, in->r2);
    /* [?] When the end and start addresses differ by an odd amount, the
     * character that contains the end byte is still examined (the end is
     * taken one byte further), as QEMU does; the text was not available. */
    const uint64_t end = (insn_reg_addr(cpu, in->r1) + ((s ^ cpu->gr[in->r1]) & 1)) & mask;
    uint8_t buf[PAGE_SIZE + 1];
    unsigned units = 0;

    for (;;) {
        if (s == end) {
            cpu->gr[in->r2] = r2_orig;
            cpu_set_cc(cpu, 2);
            return 0;
        }
        StorageAccess op2;
        const uint64_t left = (end - s) & mask;
        uint32_t rem = fetch_rem(s);
        /* A character that straddles the boundary is a unit of its own. */
        uint32_t n = rem < 2 ? 2 : rem & ~1u;
        if (left < n)
            n = (uint32_t)left;
        int rc = access_prepare_op(cpu, &op2, s, n, ACC_FETCH, in->r2);
        if (rc)
            return insn_access_result(rc);

        uint32_t i;
        bool found = false;
        if (sa_bytewise(&op2)) {
            for (i = 0; i < n; i += 2) {
                uint16_t v = (uint16_t)access_get_byte(cpu, &op2, i) << 8;
                v |= access_get_byte(cpu, &op2, i + 1);
                if (v == c) {
                    found = true;
                    break;
                }
            }
        } else {
            access_read(cpu, &op2, 0, buf, n);
            for (i = 0; i < n; i += 2)
                if ((uint16_t)(buf[i] << 8 | buf[i + 1]) == c) {
                    found = true;
                    break;
                }
        }
        if (found) {
            insn_set_addr_reg(cpu, in->r1, (s + i) & mask);
            cpu->gr[in->r2] = r2_orig;
            cpu_set_cc(cpu, 1);
            return 0;
        }
        s = (s + n) & mask;
        if (s == end)
            continue;
        insn_set_addr_reg(cpu, in->r2, s);
        if (string_stop(cpu, &units, false))
            return 0;
    }
}

/* ---- TRE: translate extended ---- */

INSN_HANDLER(tre)
{
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);

    const uint8_t test = cpu->gr[0] & 0xFF;
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t tbl = insn_reg_addr(cpu, in->r2);
    uint64_t a = insn_reg_addr(cpu, in->r1);
    uint64_t len = insn_get_len(cpu, in->r1 + 1);
    uint8_t buf[PAGE_SIZE], tab[256];
    unsigned units = 0;

    for (;;) {
        if (len == 0) {
            cpu_set_cc(cpu, 0);
            return 0;
        }
        StorageAccess table, op1f, op1;
        const uint32_t n = len < page_rem(a) ? (uint32_t)len : page_rem(a);

        /* The 256-byte table is prepared whole (brief convention: which
         * unreferenced table bytes raise exceptions is unpredictable). */
        int rc = access_prepare_op(cpu, &table, tbl, 256, ACC_FETCH, in->r2);
        if (rc)
            return insn_access_result(rc);
        /* Operand 1 is fetched up to the test byte, then prepared for
         * update over exactly the bytes that are translated. */
        rc = access_prepare_op(cpu, &op1f, a, n, ACC_FETCH, in->r1);
        if (rc)
            return insn_access_result(rc);
        const uint32_t m = scan_byte(cpu, &op1f, n, test, buf);
        const bool hit = m < n;
        bool per_event = false;

        if (m) {
            rc = access_prepare_op(cpu, &op1, a, m, ACC_UPDATE, in->r1);
            if (rc)
                return insn_access_result(rc);
            const uint8_t per_before = cpu->per.code & PER_CODE_SA;
            /* Judged on absolute addresses: two logical pages sharing a
             * frame overlap as much as one page does. */
            if (access_overlap(&op1, &table) || sa_bytewise(&table) || sa_bytewise(&op1)) {
                /* Look each entry up in current storage, store at once:
                 * a store into the table is seen by the later bytes. */
                for (uint32_t i = 0; i < m; i++)
                    access_put_byte(cpu, &op1, i, access_get_byte(cpu, &table, buf[i]));
            } else {
                access_read(cpu, &table, 0, tab, 256);
                for (uint32_t i = 0; i < m; i++)
                    buf[i] = tab[buf[i]];
                access_write(cpu, &op1, 0, buf, m);
            }
            access_commit(cpu, &op1);
            per_event = (cpu->per.code & PER_CODE_SA) && !per_before;
            a = (a + m) & mask;
            len -= m;
            insn_set_addr_reg(cpu, in->r1, a);
            insn_set_len(cpu, in->r1 + 1, len);
        }
        if (hit) {
            /* CC1: R1 designates the test byte, R1+1 counts it. */
            cpu_set_cc(cpu, 1);
            return 0;
        }
        if (len == 0) {
            cpu_set_cc(cpu, 0);
            return 0;
        }
        if (string_stop(cpu, &units, per_event))
            return 0;
    }
}

/* ---- TROO / TROT / TRTO / TRTT: translate one/two to one/two ---- */

/* Pages of the translation table prepared in the current unit.  A table of
 * 65536 two-byte entries spans at most 33 pages; only the pages holding an
 * entry the unit references are prepared (in the order of reference, before
 * operand 1), each over the part of the table it holds. */
#define TBL_MAX_PAGES 33

typedef struct TrTable {
    uint64_t addr;                  /* table origin (wrapped, aligned) */
    uint32_t size;                  /* bytes */
    unsigned esize;                 /* entry size = destination char size */
    uint64_t ready;                 /* bit pi: page pi prepared */
    uint32_t start[TBL_MAX_PAGES];  /* table offset of the first byte of page pi */
    StorageAccess sa[TBL_MAX_PAGES];
} TrTable;

/* Prepares the table page holding table offset off; 0 or an access result. */
static int tr_table_page(CPUState *cpu, TrTable *t, uint32_t off, unsigned *pi_out)
{
    const uint32_t org = t->addr & (PAGE_SIZE - 1);
    const unsigned pi = (org + off) / PAGE_SIZE;
    *pi_out = pi;
    if (t->ready & (1ULL << pi))
        return 0;
    uint32_t lo = pi ? pi * (uint32_t)PAGE_SIZE - org : 0;
    uint32_t hi = (pi + 1) * (uint32_t)PAGE_SIZE - org;
    if (hi > t->size)
        hi = t->size;
    const uint64_t va = (t->addr + lo) & cpu_addr_mask(cpu);
    int rc = access_prepare_op(cpu, &t->sa[pi], va, hi - lo, ACC_FETCH, 1);
    if (rc)
        return rc;
    t->start[pi] = lo;
    t->ready |= 1ULL << pi;
    return 0;
}

/* The common body; ssize / dsize are the source / destination character
 * sizes (1 or 2). */
static int translate_xx(CPUState *cpu, const Insn *in, unsigned ssize, unsigned dsize)
{
    const bool etf2_enh = facility_installed(cpu->machine, 24);
    const uint64_t mask = cpu_addr_mask(cpu);
    /* R1 must be even before R1 + 1 is read: R1 = 15 has no pair. */
    if (in->r1 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t len = insn_get_len(cpu, in->r1 + 1);
    if (len & (ssize - 1))
        return pgm_raise(cpu, PGM_SPECIFICATION);

    /* M3 bit 3 (value 1), with the ETF2 enhancement: no test-character
     * comparison.  The test character has the destination size. */
    const bool testing = !(etf2_enh && (in->m3 & 1));
    const uint16_t test = dsize == 1 ? (cpu->gr[0] & 0xFF) : (cpu->gr[0] & 0xFFFF);

    /* Table origin in GR1: the low 3 bits are ignored (doubleword); for a
     * two-byte source without the ETF2 enhancement the low 12 bits. */
    TrTable t;
    t.addr = insn_reg_addr(cpu, 1) & ((ssize == 2 && !etf2_enh) ? ~0xFFFULL : ~7ULL);
    t.size = (ssize == 1 ? 256u : 65536u) * dsize;
    t.esize = dsize;

    uint64_t d = insn_reg_addr(cpu, in->r1);
    uint64_t s = insn_reg_addr(cpu, in->r2);
    uint8_t sbuf[PAGE_SIZE + 1], dbuf[PAGE_SIZE + 1];
    uint16_t fval[PAGE_SIZE];
    unsigned units = 0;

    for (;;) {
        if (len == 0) {
            cpu_set_cc(cpu, 0);
            return 0;
        }
        /* Characters of this unit: up to the next page boundary of the
         * source and of the destination; a straddling character alone. */
        const uint32_t srem = fetch_rem(s), drem = page_rem(d);
        uint32_t nch = srem < ssize ? 1 : srem / ssize;
        nch = min32(nch, drem < dsize ? 1 : drem / dsize);
        if (len / ssize < nch)
            nch = (uint32_t)(len / ssize);
        /* A store that could change a later source character or a table
         * entry: one character per unit keeps the byte-wise result. */
        if (nch > 1) {
            const uint64_t dl = (uint64_t)nch * dsize, sl = (uint64_t)nch * ssize;
            const bool behind = dsize <= ssize && ((s - d) & mask) < dl;
            if ((ranges_overlap(mask, d, dl, s, sl) && !behind) ||
                ranges_overlap(mask, d, dl, t.addr, t.size))
                nch = 1;
        }

        StorageAccess op2, op1;
        int rc = access_prepare_op(cpu, &op2, s, nch * ssize, ACC_FETCH, in->r2);
        if (rc)
            return insn_access_result(rc);
        t.ready = 0;
        if (ssize == 1) {
            /* 256-entry table (<= 2 pages): prepared whole, like TR's. */
            unsigned pi;
            if ((rc = tr_table_page(cpu, &t, 0, &pi)) ||
                (rc = tr_table_page(cpu, &t, t.size - 1, &pi)))
                return insn_access_result(rc);
        }
        const bool src_bw = sa_bytewise(&op2);
        if (!src_bw)
            access_read(cpu, &op2, 0, sbuf, nch * ssize);

        /* Translate into fval up to the first test character. */
        uint32_t m;
        for (m = 0; m < nch; m++) {
            uint32_t sc;
            if (src_bw) {
                sc = access_get_byte(cpu, &op2, m * ssize);
                if (ssize == 2)
                    sc = sc << 8 | access_get_byte(cpu, &op2, m * ssize + 1);
            } else {
                sc = ssize == 1 ? sbuf[m] : (uint32_t)sbuf[2 * m] << 8 | sbuf[2 * m + 1];
            }
            unsigned pi;
            if ((rc = tr_table_page(cpu, &t, sc * dsize, &pi)))
                return insn_access_result(rc);
            const uint16_t f = (uint16_t)access_get_be(cpu, &t.sa[pi], sc * dsize - t.start[pi],
                                                       dsize);
            if (testing && f == test)
                break;
            fval[m] = f;
        }
        const bool hit = m < nch;

        bool per_event = false;
        if (m) {
            rc = access_prepare_op(cpu, &op1, d, m * dsize, ACC_STORE, in->r1);
            if (rc)
                return insn_access_result(rc);
            for (uint32_t i = 0; i < m; i++) {
                if (dsize == 1) {
                    dbuf[i] = (uint8_t)fval[i];
                } else {
                    dbuf[2 * i] = fval[i] >> 8;
                    dbuf[2 * i + 1] = fval[i] & 0xFF;
                }
            }
            const uint8_t per_before = cpu->per.code & PER_CODE_SA;
            access_write(cpu, &op1, 0, dbuf, m * dsize);
            access_commit(cpu, &op1);
            per_event = (cpu->per.code & PER_CODE_SA) && !per_before;
            d = (d + (uint64_t)m * dsize) & mask;
            s = (s + (uint64_t)m * ssize) & mask;
            len -= (uint64_t)m * ssize;
            insn_set_addr_reg(cpu, in->r1, d);
            insn_set_len(cpu, in->r1 + 1, len);
            insn_set_addr_reg(cpu, in->r2, s);
        }
        if (hit) {
            /* CC1: the registers designate the source character whose
             * function character equals the test character. */
            cpu_set_cc(cpu, 1);
            return 0;
        }
        if (len == 0) {
            cpu_set_cc(cpu, 0);
            return 0;
        }
        if (string_stop(cpu, &units, per_event))
            return 0;
    }
}

INSN_HANDLER(troo) { return translate_xx(cpu, in, 1, 1); }
INSN_HANDLER(trot) { return translate_xx(cpu, in, 1, 2); }
INSN_HANDLER(trto) { return translate_xx(cpu, in, 2, 1); }
INSN_HANDLER(trtt) { return translate_xx(cpu, in, 2, 2); }
