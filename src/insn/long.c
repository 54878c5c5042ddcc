/* Long moves and compares, and CHECKSUM (ZARCH-NOTES §7.3-§7.5, §7.10).
 *
 * MVCL (0E)   MOVE LONG                 RR     interruptible
 * CLCL (0F)   COMPARE LOGICAL LONG      RR     interruptible
 * MVCLE (A8)  MOVE LONG EXTENDED        RS-a   CC3 = partial
 * MVCLU (EB8E) MOVE LONG UNICODE        RSY-a  CC3 = partial
 * CLCLE (A9)  COMPARE LOGICAL LONG EXT. RS-a   CC3 = partial
 * CLCLU (EB8F) COMPARE LOGICAL LONG UNI. RSY-a CC3 = partial
 * CKSM (B241) CHECKSUM                  RRE    CC3 = partial
 *
 * All of them work in units of operation that end at the next 4 KiB
 * boundary of either operand (of the one operand still in use once the
 * other is exhausted).  A unit prepares its operands (operand 2 first, then
 * operand 1), moves or compares with the access helpers - memmove/memset/
 * memcmp over host pointers for RAM, so a unit costs one host call per
 * operand page - commits the stored bytes and then writes the progress to
 * the registers.  Hence a fault in unit k finds the registers describing
 * units 0..k-1, which is exactly what both completion styles need: MVCL and
 * CLCL resume from the registers with the PSW at the instruction, the
 * others end with CC3 and the program loops.
 *
 * MVCL and MVCLE take runs of units whose pages are all in the TLB without
 * preparing them (move_fast): one host move per stretch of host-contiguous
 * units, the registers written once after the run -- the same bytes and
 * the same register states wherever anything can observe them.
 *
 * Because every stop point is a unit boundary, the Unicode forms keep each
 * unit an even number of bytes (a 2-byte character may then straddle a page
 * boundary: one unit of two bytes over two pages) and CKSM keeps it a
 * multiple of 4 except at the very end, so the registers never describe a
 * half-processed character or word. */
#include "insn/insn.h"

#include <string.h>

/* CPU-determined amount of the CC3-style instructions: units per execution. */
#define LONG_UNITS_PER_EXEC 16

typedef struct LongOps {
    int r1, r2;             /* even registers: address in r, length in r + 1 */
    uint64_t a1, a2;        /* current operand addresses (wrapped) */
    uint64_t l1, l2;        /* remaining lengths */
    uint16_t pad;           /* pad byte, or pad character for the Unicode forms */
    unsigned char_size;     /* 1, or 2 for MVCLU/CLCLU */
    bool len24;             /* MVCL/CLCL: 24-bit lengths in bits 40-63 */
    bool cc3_style;         /* ends with CC3 instead of being interruptible */
} LongOps;

static inline uint64_t min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* Bytes from a to the end of its page. */
static inline uint64_t page_left(uint64_t a)
{
    return PAGE_SIZE - (a & ~PAGE_MASK);
}

/* Length register: MVCL/CLCL use bits 40-63 in every mode; the extended
 * forms and CKSM bits 32-63 below 64-bit mode and all 64 bits in it. */
static uint64_t get_len(const CPUState *cpu, int r, bool len24)
{
    if (len24)
        return cpu->gr[r] & 0xFFFFFF;
    return cpu_is_64(cpu) ? cpu->gr[r] : (uint32_t)cpu->gr[r];
}

/* The bits around the length (MVCL: bits 0-39 with the pad in 32-39;
 * otherwise bits 0-31 below 64-bit mode) are kept. */
static void set_len(CPUState *cpu, int r, uint64_t len, bool len24)
{
    if (len24)
        cpu->gr[r] = (cpu->gr[r] & ~0xFFFFFFULL) | len;
    else if (cpu_is_64(cpu))
        cpu->gr[r] = len;
    else
        insn_set_low32(cpu, r, (uint32_t)len);
}

static void long_writeback(CPUState *cpu, const LongOps *o)
{
    insn_set_addr_reg(cpu, o->r1, o->a1);
    set_len(cpu, o->r1 + 1, o->l1, o->len24);
    insn_set_addr_reg(cpu, o->r2, o->a2);
    set_len(cpu, o->r2 + 1, o->l2, o->len24);
}

static void long_load(const CPUState *cpu, LongOps *o, int r1, int r2, bool len24)
{
    o->r1 = r1;
    o->r2 = r2;
    o->a1 = insn_reg_addr(cpu, r1);
    o->a2 = insn_reg_addr(cpu, r2);
    o->l1 = get_len(cpu, r1 + 1, len24);
    o->l2 = get_len(cpu, r2 + 1, len24);
    o->len24 = len24;
}

static unsigned cc_of_lengths(uint64_t l1, uint64_t l2)
{
    return l1 == l2 ? 0 : l1 < l2 ? 1 : 2;
}

/* Pad byte at an operand position whose remaining length is rem: for the
 * 2-byte pad character an odd remaining length means its second byte (the
 * lengths are even, so the character starts where rem is even). */
static inline uint8_t pad_byte(const LongOps *o, uint64_t rem)
{
    if (o->char_size == 1)
        return (uint8_t)o->pad;
    return (rem & 1) ? (uint8_t)o->pad : (uint8_t)(o->pad >> 8);
}

/* Fills buf[0..n) with the pad as it lands at positions whose remaining
 * lengths are rem, rem-1, ... */
static void pad_fill(const LongOps *o, uint8_t *buf, uint32_t n, uint64_t rem)
{
    if (o->char_size == 1) {
        memset(buf, (uint8_t)o->pad, n);
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        buf[i] = pad_byte(o, rem - i);
}

/* Length of the next unit: up to the nearest page boundary of the operands
 * in use and no further than either of their remaining lengths. */
static uint32_t unit_len(const LongOps *o)
{
    uint64_t n;
    if (o->l1 && o->l2)
        n = min_u64(min_u64(page_left(o->a1), page_left(o->a2)), min_u64(o->l1, o->l2));
    else if (o->l1)
        n = min_u64(page_left(o->a1), o->l1);
    else
        n = min_u64(page_left(o->a2), o->l2);
    /* Whole characters only (the lengths are even): a character split by a
     * page boundary makes a 2-byte unit over two pages. */
    if (o->char_size == 2 && (n & 1))
        n = n > 1 ? n - 1 : 2;
    return (uint32_t)n;
}

static void long_advance(const CPUState *cpu, LongOps *o, uint32_t n)
{
    const uint64_t mask = cpu_addr_mask(cpu);
    if (o->l1) {
        o->a1 = (o->a1 + n) & mask;
        o->l1 -= n;
    }
    if (o->l2) {
        o->a2 = (o->a2 + n) & mask;
        o->l2 -= n;
    }
}

/* After a unit that did not finish the instruction: decides whether to stop
 * here.  Returns true with *result set when stopping.  A PER storage-
 * alteration event recognised in the unit also ends the execution, because
 * it is presented when the unit completes (ZARCH-NOTES §8). */
static bool long_stop(CPUState *cpu, const LongOps *o, unsigned units, bool per_event,
                      int *result)
{
    if (o->cc3_style && units >= LONG_UNITS_PER_EXEC) {
        cpu_set_cc(cpu, 3);
        *result = 0;
        return true;
    }
    if (!insn_unit_boundary(cpu) && !per_event)
        return false;
    if (o->cc3_style) {
        cpu_set_cc(cpu, 3);
        *result = 0;
    } else {
        *result = INSN_REEXECUTE;
    }
    return true;
}

/* Units of operation an MVCL performs between two looks at pending
 * interruptions and flush requests when they all run on the fast path
 * (move_fast): bounds the time a request waits, as a unit would. */
#define LONG_FAST_UNITS 16

/* The TLB sets of the two operands of a move for move_fast, or false when
 * the fast path cannot serve this execution: PER on (stores must be
 * recognised), the Unicode pad (units of two bytes over two pages), an
 * ALET without a TLB set. */
typedef struct LongFast {
    int ts1, ts2;
} LongFast;

static bool long_fast_init(CPUState *cpu, const LongOps *o, LongFast *f)
{
    if (o->char_size != 1 || (cpu->psw_mask & PSW_MASK_PER))
        return false;
    f->ts1 = access_op_tlb_set(cpu, o->r1);
    f->ts2 = access_op_tlb_set(cpu, o->r2);
    return f->ts1 >= 0 && f->ts2 >= 0;
}

/* Performs up to max units whose pages all have exact TLB translations
 * (access_tlb_host: no exception possible, nothing to commit, no change bit
 * to set, no decoded code, PER off) and advances o past them; returns the
 * number done, 0 when the next unit needs the prepared path.  Consecutive
 * units whose host bytes continue each other in both operands are moved by
 * one host call: moving adjacent pieces left to right, one after the other,
 * is moving their union left to right, which access_host_move does (overlap
 * included), so the bytes are those of the unit-by-unit move.  The caller
 * writes the registers once for all of them: nothing can observe the
 * points in between (no fault, no PER event, no hook; interruptions and
 * flush requests are looked at after the last unit). */
static unsigned move_fast(CPUState *cpu, LongOps *o, const LongFast *f, unsigned max)
{
    const uint64_t mask = cpu_addr_mask(cpu);
    uint64_t a1 = o->a1, a2 = o->a2, l1 = o->l1, l2 = o->l2;
    unsigned k = 0;
    /* Runs of moved units.  A unit ends at the nearer page end of the two
     * operands (so it has one page per operand) or where a length runs
     * out. */
    while (k < max && l1 && l2) {
        uint8_t *const d = access_tlb_host(cpu, f->ts1, a1, ACC_STORE);
        const uint8_t *const s = access_tlb_host(cpu, f->ts2, a2, ACC_FETCH);
        if (!d || !s)
            goto out;
        uint64_t run = 0;
        /* Every following unit whose host bytes continue the run's in both
         * operands joins it.  An operand still in the page of the unit
         * before continues it by itself; one that enters a new page needs
         * a look at the TLB. */
        for (;;) {
            const uint64_t n = min_u64(min_u64(page_left(a1), l1), min_u64(page_left(a2), l2));
            run += n;
            k++;
            a1 = (a1 + n) & mask;
            a2 = (a2 + n) & mask;
            l1 -= n;
            l2 -= n;
            if (k == max || !l1 || !l2)
                break;
            if (!(a1 & ~PAGE_MASK) &&
                (uintptr_t)access_tlb_host(cpu, f->ts1, a1, ACC_STORE) != (uintptr_t)d + run)
                break;
            if (!(a2 & ~PAGE_MASK) &&
                (uintptr_t)access_tlb_host(cpu, f->ts2, a2, ACC_FETCH) != (uintptr_t)s + run)
                break;
        }
        access_host_move(d, s, (uint32_t)run);
    }
    /* Runs of padded units, once operand 2 is exhausted: page by page. */
    while (k < max && l1) {
        uint8_t *const d = access_tlb_host(cpu, f->ts1, a1, ACC_STORE);
        if (!d)
            goto out;
        uint64_t run = 0;
        for (;;) {
            const uint64_t n = min_u64(page_left(a1), l1);
            run += n;
            k++;
            a1 = (a1 + n) & mask;
            l1 -= n;
            if (k == max || !l1 ||
                (uintptr_t)access_tlb_host(cpu, f->ts1, a1, ACC_STORE) != (uintptr_t)d + run)
                break;
        }
        memset(d, (uint8_t)o->pad, run);
    }
out:
    o->a1 = a1;
    o->a2 = a2;
    o->l1 = l1;
    o->l2 = l2;
    return k;
}

/* Shared body of MVCL, MVCLE and MVCLU; cc is the final condition code. */
static int move_long(CPUState *cpu, LongOps *o, unsigned cc)
{
    if (o->l1 == 0) {
        /* No access at all; the address registers are still rewritten
         * (high bits cleared below 64-bit mode). */
        long_writeback(cpu, o);
        cpu_set_cc(cpu, cc);
        return 0;
    }
    LongFast f = { -1, -1 };
    const bool fast = long_fast_init(cpu, o, &f);
    for (unsigned units = 0;;) {
        bool per_event = false;
        unsigned done = 0;
        if (fast) {
            /* A unit hook observes every unit boundary: one at a time. */
            const unsigned max = cpu->unit_hook ? 1
                               : o->cc3_style ? LONG_UNITS_PER_EXEC - units : LONG_FAST_UNITS;
            done = move_fast(cpu, o, &f, max);
        }
        if (!done) {
            const uint32_t n = unit_len(o);
            StorageAccess src, dst;
            int rc;
            if (o->l2) {
                rc = access_prepare_op(cpu, &src, o->a2, n, ACC_FETCH, o->r2);
                if (rc)
                    return insn_access_result(rc);
            }
            rc = access_prepare_op(cpu, &dst, o->a1, n, ACC_STORE, o->r1);
            if (rc)
                return insn_access_result(rc);

            if (o->l2) {
                access_move(cpu, &dst, 0, &src, 0, n);
            } else if (o->char_size == 1) {
                access_set(cpu, &dst, 0, n, (uint8_t)o->pad);
            } else {
                uint8_t buf[ACCESS_MAX_LEN];
                pad_fill(o, buf, n, o->l1);
                access_write(cpu, &dst, 0, buf, n);
            }
            const uint8_t per_before = cpu->per.code & PER_CODE_SA;
            access_commit(cpu, &dst);
            per_event = (cpu->per.code & PER_CODE_SA) && !per_before;
            long_advance(cpu, o, n);
            done = 1;
        }
        units += done;
        long_writeback(cpu, o);
        if (o->l1 == 0) {
            cpu_set_cc(cpu, cc);
            return 0;
        }
        int result;
        if (long_stop(cpu, o, units, per_event, &result))
            return result;
    }
}

/* Does any page of the operand need byte-wise access (I/O region, watched
 * page)?  Then each byte is read once, in order, up to the first
 * difference: a device must not see bytes read twice or read past it. */
static bool sa_bytewise(const StorageAccess *s)
{
    for (int i = 0; i < s->nfrag; i++)
        if (s->frag[i].flags & PA_HANDLE)
            return true;
    return false;
}

/* Offset of the first byte of s[0..n) that differs from the pad (the
 * operand's remaining length at offset 0 is rem), or n; *byte gets the
 * differing operand byte. */
static uint32_t pad_mismatch(CPUState *cpu, const LongOps *o, const StorageAccess *s,
                             uint32_t n, uint64_t rem, uint8_t *byte)
{
    if (sa_bytewise(s)) {
        for (uint32_t i = 0; i < n; i++) {
            uint8_t b = access_get_byte(cpu, s, i);
            if (b != pad_byte(o, rem - i)) {
                *byte = b;
                return i;
            }
        }
        return n;
    }
    uint8_t data[ACCESS_MAX_LEN], pat[ACCESS_MAX_LEN];
    access_read(cpu, s, 0, data, n);
    pad_fill(o, pat, n, rem);
    if (memcmp(data, pat, n) == 0)
        return n;
    uint32_t i = 0;
    while (data[i] == pat[i])
        i++;
    *byte = data[i];
    return i;
}

/* Offset of the first unequal byte of s1/s2[0..n), or n; *b1, *b2 get the
 * unequal bytes. */
static uint32_t operand_mismatch(CPUState *cpu, const StorageAccess *s1, const StorageAccess *s2,
                                 uint32_t n, uint8_t *b1, uint8_t *b2)
{
    if (sa_bytewise(s1) || sa_bytewise(s2)) {
        for (uint32_t i = 0; i < n; i++) {
            uint8_t x = access_get_byte(cpu, s1, i), y = access_get_byte(cpu, s2, i);
            if (x != y) {
                *b1 = x;
                *b2 = y;
                return i;
            }
        }
        return n;
    }
    uint32_t d = access_compare(cpu, s1, 0, s2, 0, n);
    if (!d)
        return n;
    *b1 = access_get_byte(cpu, s1, d - 1);
    *b2 = access_get_byte(cpu, s2, d - 1);
    return d - 1;
}

/* Shared body of CLCL, CLCLE and CLCLU. */
static int compare_long(CPUState *cpu, LongOps *o)
{
    if (o->l1 == 0 && o->l2 == 0) {
        long_writeback(cpu, o);
        cpu_set_cc(cpu, 0);
        return 0;
    }
    for (unsigned units = 1;; units++) {
        const uint32_t n = unit_len(o);
        StorageAccess s1, s2;
        int rc;
        if (o->l2) {
            rc = access_prepare_op(cpu, &s2, o->a2, n, ACC_FETCH, o->r2);
            if (rc)
                return insn_access_result(rc);
        }
        if (o->l1) {
            rc = access_prepare_op(cpu, &s1, o->a1, n, ACC_FETCH, o->r1);
            if (rc)
                return insn_access_result(rc);
        }

        uint32_t diff;
        uint8_t b1 = 0, b2 = 0;
        if (o->l1 && o->l2) {
            diff = operand_mismatch(cpu, &s1, &s2, n, &b1, &b2);
        } else if (o->l1) {
            diff = pad_mismatch(cpu, o, &s1, n, o->l1, &b1);
            if (diff < n)
                b2 = pad_byte(o, o->l1 - diff);
        } else {
            diff = pad_mismatch(cpu, o, &s2, n, o->l2, &b2);
            if (diff < n)
                b1 = pad_byte(o, o->l2 - diff);
        }

        if (diff < n) {
            /* The registers designate the first unequal byte, or the first
             * unequal character for CLCLU (units start on a character). */
            long_advance(cpu, o, o->char_size == 2 ? diff & ~1u : diff);
            long_writeback(cpu, o);
            cpu_set_cc(cpu, b1 < b2 ? 1 : 2);
            return 0;
        }
        long_advance(cpu, o, n);
        long_writeback(cpu, o);
        if (o->l1 == 0 && o->l2 == 0) {
            cpu_set_cc(cpu, 0);
            return 0;
        }
        int result;
        if (long_stop(cpu, o, units, false, &result))
            return result;
    }
}

/* MVCL destructive overlap (ZARCH-NOTES §7.3): op1's leftmost byte is one of
 * the participating op2 bytes (the first min(L1, L2)) other than the
 * leftmost.  Distances are taken modulo the address space, which puts bytes
 * before a wrap to the left of the bytes after it. */
static bool mvcl_destructive(const CPUState *cpu, uint64_t a1, uint64_t a2, uint64_t len)
{
    uint64_t d = (a1 - a2) & cpu_addr_mask(cpu);
    return d != 0 && d < len;
}

INSN_HANDLER(mvcl)
{
    if ((in->r1 | in->r2) & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    LongOps o = { .char_size = 1 };
    long_load(cpu, &o, in->r1, in->r2, true);
    o.pad = (uint8_t)(cpu->gr[in->r2 + 1] >> 24);

    if (mvcl_destructive(cpu, o.a1, o.a2, min_u64(o.l1, o.l2))) {
        /* Nothing moved, lengths unchanged; the addresses are rewritten as
         * for any completion. */
        long_writeback(cpu, &o);
        cpu_set_cc(cpu, 3);
        return 0;
    }
    return move_long(cpu, &o, cc_of_lengths(o.l1, o.l2));
}

/* MVCLE and MVCLU: RS-a/RSY-a with the pad in the second-operand address. */
static int move_long_ext(CPUState *cpu, const Insn *in, unsigned char_size)
{
    if ((in->r1 | in->r3) & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    LongOps o = { .char_size = char_size, .cc3_style = true };
    long_load(cpu, &o, in->r1, in->r3, false);
    if (char_size == 2 && ((o.l1 | o.l2) & 1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t a2 = insn_ea(cpu, 0, in->b2, in->d2);
    o.pad = char_size == 2 ? (uint16_t)a2 : (uint8_t)a2;
    /* No destructive-overlap check: the operands are moved left to right
     * one byte at a time in effect, as MVC does. */
    return move_long(cpu, &o, cc_of_lengths(o.l1, o.l2));
}

INSN_HANDLER(mvcle)
{
    return move_long_ext(cpu, in, 1);
}

INSN_HANDLER(mvclu)
{
    return move_long_ext(cpu, in, 2);
}

INSN_HANDLER(clcl)
{
    if ((in->r1 | in->r2) & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    LongOps o = { .char_size = 1 };
    long_load(cpu, &o, in->r1, in->r2, true);
    o.pad = (uint8_t)(cpu->gr[in->r2 + 1] >> 24);
    return compare_long(cpu, &o);
}

static int compare_long_ext(CPUState *cpu, const Insn *in, unsigned char_size)
{
    if ((in->r1 | in->r3) & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    LongOps o = { .char_size = char_size, .cc3_style = true };
    long_load(cpu, &o, in->r1, in->r3, false);
    if (char_size == 2 && ((o.l1 | o.l2) & 1))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t a2 = insn_ea(cpu, 0, in->b2, in->d2);
    o.pad = char_size == 2 ? (uint16_t)a2 : (uint8_t)a2;
    return compare_long(cpu, &o);
}

INSN_HANDLER(clcle)
{
    return compare_long_ext(cpu, in, 1);
}

INSN_HANDLER(clclu)
{
    return compare_long_ext(cpu, in, 2);
}

/* 32-bit one's-complement sum of big-endian words: carries out of bit 32
 * are added back in at bit 63.  Deferring the end-around carries to one
 * fold gives the same result, as one's-complement addition is associative. */
static uint32_t cksm_fold(uint64_t s)
{
    while (s >> 32)
        s = (s & 0xFFFFFFFFULL) + (s >> 32);
    return (uint32_t)s;
}

INSN_HANDLER(cksm)
{
    if (in->r2 & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    const int r1 = in->r1, r2 = in->r2;
    const uint64_t mask = cpu_addr_mask(cpu);
    uint64_t a = insn_reg_addr(cpu, r2);
    uint64_t l = get_len(cpu, r2 + 1, false);
    uint32_t sum = (uint32_t)cpu->gr[r1];

    if (l == 0) {
        cpu_set_cc(cpu, 0);
        return 0;
    }
    for (unsigned units = 1;; units++) {
        uint64_t n = min_u64(page_left(a), l);
        /* Whole words except at the very end; a word split by a page
         * boundary makes a 4-byte unit over two pages. */
        if (n < l && (n & 3))
            n = (n & ~3ULL) ? (n & ~3ULL) : min_u64(4, l);

        StorageAccess s;
        int rc = access_prepare_op(cpu, &s, a, (uint32_t)n, ACC_FETCH, r2);
        if (rc)
            return insn_access_result(rc);
        uint8_t buf[ACCESS_MAX_LEN];
        access_read(cpu, &s, 0, buf, (uint32_t)n);

        uint64_t acc = sum;
        uint32_t i = 0;
        for (; i + 4 <= n; i += 4) {
            uint32_t w;
            memcpy(&w, buf + i, 4);
            acc += __builtin_bswap32(w);
        }
        if (i < n) {
            /* Last 1-3 bytes: padded on the right with zeros. */
            uint32_t w = 0;
            for (unsigned k = 0; i + k < n; k++)
                w |= (uint32_t)buf[i + k] << (24 - 8 * k);
            acc += w;
        }
        sum = cksm_fold(acc);

        a = (a + n) & mask;
        l -= n;
        insn_set_low32(cpu, r1, sum);
        insn_set_addr_reg(cpu, r2, a);
        set_len(cpu, r2 + 1, l, false);
        if (l == 0) {
            cpu_set_cc(cpu, 0);
            return 0;
        }
        if (units >= LONG_UNITS_PER_EXEC || insn_unit_boundary(cpu)) {
            cpu_set_cc(cpu, 3);
            return 0;
        }
    }
}
