/* Fixed-length character SS instructions: MVC, MVCRL, MVCIN, MVZ, MVN, NC,
 * OC, XC, CLC, TR, TRT, TRTR (ZARCH-NOTES §7.1-7.2).
 *
 * Each is one unit of operation: every operand is prepared (checked) before
 * any byte is stored, so an access exception or a watchpoint leaves storage,
 * registers and CC untouched.  Prepare order follows the project convention:
 * fetch-only operands in operand-number order (operand 2 or the 256-byte
 * table, prepared whole), then operand 1.
 *
 * Speed.  After preparing, an operand is at most two fragments.  When every
 * fragment of every operand has a host pointer (ordinary RAM) the work runs
 * over at most three "pieces" (ranges in which each operand stays in one
 * fragment) with host memmove/memset/memcmp, 8-byte-wide loops (NC, OC,
 * XC, MVZ, MVN; MVCIN's byte swap; TRT's blocked scan) or, for TR, a direct
 * byte loop over the host bytes (measured faster than building words).  Byte
 * handles (I/O regions, watched or code pages) go byte by byte through
 * access_get_byte/access_put_byte, in the instruction's architectural order,
 * each byte fetched once and stored once.  Overlapping operands whose result
 * depends on the one-byte-at-a-time rule, and which a wide loop would get
 * wrong, also take the byte path (rare in real code). */
#include "insn/insn.h"

#include <string.h>

/* ---- helpers over prepared operands ---- */

/* Length of an SS-a operand: the L field is the length minus one. */
static inline uint32_t ss_len(const Insn *in)
{
    return (uint32_t)in->l1 + 1;
}

/* True when every fragment of the operand is ordinary RAM (host pointer). */
static inline bool sa_is_host(const StorageAccess *sa)
{
    for (unsigned i = 0; i < sa->nfrag; i++)
        if (!sa->frag[i].host)
            return false;
    return true;
}

/* Host pointer of operand byte off and the bytes that follow it in the same
 * fragment.  Only for operands that passed sa_is_host(). */
static inline uint8_t *sa_host_at(const StorageAccess *sa, uint32_t off, uint32_t *avail)
{
    const PageAccess *p = &sa->frag[0];
    if (off >= p->len) {
        off -= p->len;
        p = &sa->frag[1];
    }
    *avail = p->len - off;
    return p->host + off;
}

/* Do the operands designate exactly the same absolute bytes, byte for byte
 * (e.g. XC X,X)? */
static bool sa_same_bytes(const StorageAccess *a, const StorageAccess *b)
{
    if (a->nfrag != b->nfrag)
        return false;
    for (unsigned i = 0; i < a->nfrag; i++)
        if (a->frag[i].abs != b->frag[i].abs || a->frag[i].len != b->frag[i].len)
            return false;
    return true;
}

static inline uint32_t min_u32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* ---- MVC ---- */

/* Both operands of an SS instruction from the TLB when each page of each
 * has an exact translation (access_fast_span): then no exception is
 * possible and nothing needs committing.  False: prepare them. */
static inline __attribute__((always_inline)) bool ss_fast(CPUState *cpu, const Insn *in,
                                                          uint32_t len1, AccessKind kind1,
                                                          uint32_t len2, HostSpan *s1,
                                                          HostSpan *s2)
{
    return access_fast_span(cpu, insn_ea(cpu, 0, in->b1, in->d1), len1, kind1, in->b1, s1) &&
           access_fast_span(cpu, insn_ea(cpu, 0, in->b2, in->d2), len2, ACC_FETCH, in->b2, s2);
}

/* The common case first: both operands in one page each, exact hits in
 * the operand TLB set (access_try_ok: PER off, not AR mode, so the same
 * set for both operands). */
static inline __attribute__((always_inline)) bool ss_fast1(CPUState *cpu, const Insn *in,
                                                           uint32_t len1, AccessKind kind1,
                                                           uint32_t len2, uint8_t **h1,
                                                           const uint8_t **h2)
{
    if (!access_try_ok(cpu, true))
        return false;
    const uint64_t a1 = insn_ea(cpu, 0, in->b1, in->d1);
    const uint64_t a2 = insn_ea(cpu, 0, in->b2, in->d2);
    if ((a1 & ~PAGE_MASK) + len1 > PAGE_SIZE || (a2 & ~PAGE_MASK) + len2 > PAGE_SIZE)
        return false;
    return (*h1 = access_set_host(cpu, cpu->op_tlb, a1, kind1)) &&
           (*h2 = access_set_host(cpu, cpu->op_tlb, a2, ACC_FETCH));
}

/* Are the host bytes of two spans disjoint? */
static bool spans_disjoint(const HostSpan *a, const HostSpan *b)
{
    for (int i = 0; i < 2; i++) {
        const uint8_t *pa = a->host[i];
        const uint32_t na = i ? a->len - a->n0 : a->n0;
        for (int j = 0; j < 2 && na; j++) {
            const uint8_t *pb = b->host[j];
            const uint32_t nb = j ? b->len - b->n0 : b->n0;
            if (nb && pa < pb + nb && pb < pa + na)
                return false;
        }
    }
    return true;
}

/* Bytes of an operand of len bytes at a (wrapped; host h, an exact hit)
 * that lie in its first host range: len when it stays in its page or when
 * its second page, an exact hit in TLB set `set` too, follows the first in
 * host memory (guest storage is one host block, and consecutive pages often
 * have consecutive frames); else the bytes in its first page, with *h1 the
 * host address of the second.  0 on a miss. */
static inline __attribute__((always_inline)) uint32_t ss_first_range(const CPUState *cpu,
                                                                     const TlbEntry *set,
                                                                     uint64_t a, uint64_t mask,
                                                                     uint32_t len,
                                                                     AccessKind kind, uint8_t *h,
                                                                     uint8_t **h1)
{
    const uint32_t f = PAGE_SIZE - (uint32_t)(a & ~PAGE_MASK);
    *h1 = h + f;
    if (len <= f)
        return len;
    if (!access_set_hit(cpu, set, ((a & PAGE_MASK) + PAGE_SIZE) & mask, kind, h1))
        return 0;
    return *h1 == h + f ? len : f;
}

/* Two operands of the same length, either or both crossing a page, as at
 * most three pieces in which each stays inside one page: bytes
 * [0, n[0]) at d[0]/s[0], the next n[1] at d[1]/s[1], the last n[2] at
 * d[2]/s[2] (a piece may be empty).  Every page from an exact TLB hit
 * (access_fast_host's conditions), so nothing can fault and nothing needs
 * committing.  Straight-line: the crossing case costs about what the
 * one-page case does, plus the host calls of the extra pieces.
 *
 * An operand whose second page follows its first one in host memory (the
 * host byte of operand byte f is the byte after that of byte f - 1: guest
 * storage is one host block, and consecutive pages often have consecutive
 * frames) is one host range, as if it did not cross: when both operands are,
 * the whole operand is piece 0 and pieces 1 and 2 are empty. */
typedef struct SsPieces {
    uint8_t *d[3];
    const uint8_t *s[3];
    uint32_t n[3];
} SsPieces;

/* The pieces of two operands of len bytes given as host ranges: operand 1
 * bytes [0, f1) at d0 and [f1, len) at d1, operand 2 bytes [0, f2) at s0
 * and [f2, len) at s1 (f = len: one range). */
static inline __attribute__((always_inline)) void ss_split(SsPieces *p, uint8_t *d0,
                                                           const uint8_t *s0, uint8_t *d1,
                                                           const uint8_t *s1, uint32_t f1,
                                                           uint32_t f2, uint32_t len)
{
    const uint32_t lo = min_u32(f1, f2), hi = f1 < f2 ? f2 : f1;
    p->n[0] = lo;
    p->d[0] = d0;
    p->s[0] = s0;
    /* Operand bytes lo..hi-1: the one whose first range ends at lo is in
     * its second range (f1 < f2: operand 1), the other still in its first. */
    p->n[1] = hi - lo;
    p->d[1] = f1 < f2 ? d1 : d0 + lo;
    p->s[1] = f1 < f2 ? s0 + lo : s1;
    /* hi < len only when both are two ranges: then d1 and s1 are the second
     * ranges. */
    p->n[2] = len - hi;
    p->d[2] = d1 + (hi - f1);
    p->s[2] = s1 + (hi - f2);
}

static inline __attribute__((always_inline)) bool ss_pieces(CPUState *cpu, const Insn *in,
                                                            uint32_t len, AccessKind kind1,
                                                            SsPieces *p)
{
    /* As ss_fast1 (PER off even for CLC, which stores nothing: it then
     * only takes the slower path). */
    if (!access_try_ok(cpu, true))
        return false;
    const TlbEntry *const set = cpu->op_tlb;
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t a1 = insn_ea(cpu, 0, in->b1, in->d1);
    const uint64_t a2 = insn_ea(cpu, 0, in->b2, in->d2);
    uint8_t *d0 = access_set_host(cpu, set, a1, kind1);
    uint8_t *s0 = access_set_host(cpu, set, a2, ACC_FETCH);
    if (!d0 || !s0)
        return false;
    /* f1, f2: the operand bytes in the first host range; d1, s1: the host
     * byte of operand byte f1, f2 when the operand is two ranges. */
    uint8_t *d1, *s1;
    const uint32_t f1 = ss_first_range(cpu, set, a1, mask, len, kind1, d0, &d1);
    const uint32_t f2 = ss_first_range(cpu, set, a2, mask, len, ACC_FETCH, s0, &s1);
    if (!f1 || !f2)
        return false;
    ss_split(p, d0, s0, d1, s1, f1, f2, len);
    return true;
}

/* Do the operands designate the same host bytes, piece for piece? */
static inline bool pieces_same(const SsPieces *p)
{
    return p->d[0] == p->s[0] && (!p->n[1] || p->d[1] == p->s[1]) &&
           (!p->n[2] || p->d[2] == p->s[2]);
}

/* Are the host bytes of the two operands disjoint? */
static bool pieces_disjoint(const SsPieces *p)
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3 && p->n[i]; j++)
            if (p->n[j] && p->d[i] < p->s[j] + p->n[j] && p->s[j] < p->d[i] + p->n[i])
                return false;
    return true;
}

/* MVC through the access layer: a miss, a handle, PER, AR mode. */
static __attribute__((noinline)) int mvc_prepared(CPUState *cpu, const Insn *in, uint32_t len)
{
    StorageAccess op1, op2;
    int rc = insn_prepare_ss(cpu, in, &op1, len, ACC_STORE, &op2, len);
    if (rc)
        return rc;
    /* access_move has MVC's left-to-right byte semantics, overlap included. */
    access_move(cpu, &op1, 0, &op2, 0, len);
    access_commit(cpu, &op1);
    return INSN_OK;
}

/* MVC over two host ranges per operand (as ss_split takes them), moved as
 * the at most three pieces in which each operand stays in one range, left
 * to right: the forward-copy rule composes, so this is MVC's byte-at-a-time
 * result, overlap included. */
static __attribute__((noinline)) void mvc_pieces(uint8_t *d0, const uint8_t *s0, uint8_t *d1,
                                                 const uint8_t *s1, uint32_t f1, uint32_t f2,
                                                 uint32_t len)
{
    SsPieces p;
    ss_split(&p, d0, s0, d1, s1, f1, f2, len);
    for (int k = 0; k < 3; k++)
        if (p.n[k])
            access_host_move(p.d[k], p.s[k], p.n[k]);
}

/* Both operands from exact TLB hits, inline, with no call but the host
 * move; a miss, a handle, PER or AR mode out of line.  The first page of
 * each operand is looked up before the page-crossing test, so that an
 * operand crossing a page needs one more lookup, not two.  An operand whose
 * second page follows its first in host memory (guest storage is one host
 * block, and consecutive pages often have consecutive frames) is one host
 * range, and when both are the move is one host call, as if nothing
 * crossed; else it goes in pieces. */
int insn_mvc(CPUState *cpu, const Insn *in)
{
    const uint32_t len = ss_len(in);
    /* The operand TLB set, the same for both operands (access_try_ok: PER
     * off, not AR mode); otherwise the prepared path. */
    if (__builtin_expect(!access_try_ok(cpu, true), 0))
        goto prepared;
    const TlbEntry *const set = cpu->op_tlb;
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t a1 = insn_ea(cpu, 0, in->b1, in->d1);
    const uint64_t a2 = insn_ea(cpu, 0, in->b2, in->d2);
    uint8_t *d, *s;
    if (__builtin_expect(!access_set_hit(cpu, set, a1, ACC_STORE, &d) ||
                             !access_set_hit(cpu, set, a2, ACC_FETCH, &s),
                         0))
        goto prepared;
    /* Operand bytes in the first page.  The crossing case is written out
     * rather than with ss_first_range: this form keeps the compiler from
     * spilling registers on the one-page path (callgrind: 149 against 151
     * host instructions per aligned MVC, 190 against 202 crossing). */
    const uint32_t f1 = PAGE_SIZE - (uint32_t)(a1 & ~PAGE_MASK);
    const uint32_t f2 = PAGE_SIZE - (uint32_t)(a2 & ~PAGE_MASK);
    if (__builtin_expect(len > f1 || len > f2, 0)) {
        /* d1, s1: the host byte of operand byte f1, f2 (the first byte of
         * the second page) when the operand crosses. */
        uint8_t *d1 = d + f1, *s1 = s + f2;
        bool split = false;
        if (len > f1) {
            uint8_t *h;
            if (!access_set_hit(cpu, set, ((a1 & PAGE_MASK) + PAGE_SIZE) & mask,
                                ACC_STORE, &h))
                goto prepared;
            split = h != d1;
            d1 = h;
        }
        if (len > f2) {
            uint8_t *h;
            if (!access_set_hit(cpu, set, ((a2 & PAGE_MASK) + PAGE_SIZE) & mask,
                                ACC_FETCH, &h))
                goto prepared;
            split |= h != s1;
            s1 = h;
        }
        if (split) {
            /* Operand bytes in the first host range: f when the operand
             * crossed into a page elsewhere, else all of them. */
            mvc_pieces(d, s, d1, s1, d1 == d + f1 ? len : f1, s1 == s + f2 ? len : f2, len);
            return INSN_OK;
        }
    }
    access_host_move(d, s, len);
    return INSN_OK;
prepared:
    return mvc_prepared(cpu, in, len);
}

/* ---- MVCRL: MOVE RIGHT TO LEFT (E50A, SSE) ---- */

int insn_mvcrl(CPUState *cpu, const Insn *in)
{
    /* GR0 bits 56-63 hold the length minus one; bits 0-55 are ignored. */
    const uint32_t len = (uint32_t)(cpu->gr[0] & 0xFF) + 1;
    StorageAccess op1, op2;
    int rc = insn_prepare_ss(cpu, in, &op1, len, ACC_STORE, &op2, len);
    if (rc)
        return rc;

    if (sa_is_host(&op1) && sa_is_host(&op2)) {
        if (!access_overlap(&op1, &op2)) {
            /* Disjoint: direction does not matter. */
            access_move(cpu, &op1, 0, &op2, 0, len);
            access_commit(cpu, &op1);
            return INSN_OK;
        }
        if (op1.nfrag == 1 && op2.nfrag == 1 &&
            (uintptr_t)op1.frag[0].host >= (uintptr_t)op2.frag[0].host) {
            /* Destination at or right of the source: right to left, each
             * source byte is fetched before it is overwritten, which is
             * exactly memmove. */
            memmove(op1.frag[0].host, op2.frag[0].host, len);
            access_note_store(&op1, 0, len);
            access_commit(cpu, &op1);
            return INSN_OK;
        }
    }
    /* Handles, or a destination left of an overlapping source (the right-to-
     * left mirror of MVC's propagation): one byte at a time, right to left. */
    for (uint32_t i = len; i-- > 0;)
        access_put_byte(cpu, &op1, i, access_get_byte(cpu, &op2, i));
    access_commit(cpu, &op1);
    return INSN_OK;
}

/* ---- MVCIN: MOVE INVERSE (E8) ---- */

int insn_mvcin(CPUState *cpu, const Insn *in)
{
    const uint32_t len = ss_len(in);
    const uint64_t mask = cpu_addr_mask(cpu);
    /* The second-operand address designates its rightmost byte. */
    const uint64_t a2_right = insn_ea(cpu, 0, in->b2, in->d2);
    const uint64_t a2 = (a2_right - (len - 1)) & mask;
    StorageAccess op1, op2;
    int rc = access_prepare_op(cpu, &op2, a2, len, ACC_FETCH, in->b2);
    if (rc)
        return insn_access_result(rc);
    rc = access_prepare_op(cpu, &op1, insn_ea(cpu, 0, in->b1, in->d1), len, ACC_STORE, in->b1);
    if (rc)
        return insn_access_result(rc);

    /* Operand 2 is fetched whole, then operand 1 stored: with the overlap
     * the architecture defines (at most one byte) this equals the byte-at-a-
     * time process, and both paths give the same result for any overlap. */
    uint8_t src[256], dst[256];
    if (sa_is_host(&op2)) {
        access_read(cpu, &op2, 0, src, len);
    } else {
        /* Byte-wise storage in architectural order: right to left. */
        for (uint32_t i = len; i-- > 0;)
            src[i] = access_get_byte(cpu, &op2, i);
    }
    /* Reverse 8 bytes at a time with a byte swap, the tail byte-wise. */
    uint32_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, src + len - 8 - i, 8);
        x = __builtin_bswap64(x);
        memcpy(dst + i, &x, 8);
    }
    for (; i < len; i++)
        dst[i] = src[len - 1 - i];
    access_write(cpu, &op1, 0, dst, len);
    access_commit(cpu, &op1);
    return INSN_OK;
}

/* ---- MVZ, MVN, NC, OC, XC: op1 <- f(op1, op2), byte by byte ---- */

typedef enum { LOP_AND, LOP_OR, LOP_XOR, LOP_ZONES, LOP_NUMERICS } LogicOp;

#define NIBBLE_HI 0xF0F0F0F0F0F0F0F0ULL
#define NIBBLE_LO 0x0F0F0F0F0F0F0F0FULL

/* Works on 8 bytes at once or on one byte in the low bits alike. */
static inline __attribute__((always_inline)) uint64_t logic_apply(LogicOp op, uint64_t d,
                                                                  uint64_t s)
{
    switch (op) {
    case LOP_AND: return d & s;
    case LOP_OR: return d | s;
    case LOP_XOR: return d ^ s;
    case LOP_ZONES: return (d & NIBBLE_LO) | (s & NIBBLE_HI);
    case LOP_NUMERICS: return (d & NIBBLE_HI) | (s & NIBBLE_LO);
    }
    return d;
}

/* n bytes of host memory, 8 at a time: d <- d op s.  Returns the OR of the
 * result bytes.  The ranges are disjoint or identical. */
static inline __attribute__((always_inline)) uint64_t logic_span(LogicOp op, uint8_t *d,
                                                                 const uint8_t *s, uint32_t n)
{
    uint64_t any = 0;
    uint32_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, d + i, 8);
        memcpy(&y, s + i, 8);
        x = logic_apply(op, x, y);
        memcpy(d + i, &x, 8);
        any |= x;
    }
    for (; i < n; i++) {
        uint8_t r = (uint8_t)logic_apply(op, d[i], s[i]);
        d[i] = r;
        any |= r;
    }
    return any;
}

/* RAM fast path: operands disjoint or byte-identical (then every byte
 * combines with itself and order is irrelevant).  Returns the OR of all
 * result bytes (nonzero -> CC1 for NC/OC/XC). */
static inline __attribute__((always_inline)) uint64_t
logic_host(LogicOp op, StorageAccess *op1, const StorageAccess *op2, uint32_t len)
{
    uint64_t any = 0;
    uint32_t off = 0;
    while (off < len) {
        uint32_t a1, a2;
        uint8_t *d = sa_host_at(op1, off, &a1);
        const uint8_t *s = sa_host_at(op2, off, &a2);
        const uint32_t n = min_u32(min_u32(a1, a2), len - off);
        any |= logic_span(op, d, s, n);
        off += n;
    }
    access_note_store(op1, 0, len);
    return any;
}

/* Byte path (handles, or overlapping operands): left to right, for each byte
 * fetch the operand-1 byte, then the operand-2 byte, then store the result,
 * as if each result byte were stored before the next bytes are fetched.
 * Byte-identical operands fetch the common byte once. */
static uint64_t logic_bytes(CPUState *cpu, LogicOp op, StorageAccess *op1,
                            const StorageAccess *op2, uint32_t len, bool same)
{
    uint64_t any = 0;
    for (uint32_t i = 0; i < len; i++) {
        uint8_t x = access_get_byte(cpu, op1, i);
        uint8_t y = same ? x : access_get_byte(cpu, op2, i);
        uint8_t r = (uint8_t)logic_apply(op, x, y);
        access_put_byte(cpu, op1, i, r);
        any |= r;
    }
    return any;
}

static inline __attribute__((always_inline)) int logic_insn(CPUState *cpu, const Insn *in,
                                                            LogicOp op, bool set_cc)
{
    const uint32_t len = ss_len(in);
    /* Identical or disjoint host bytes are the host path (host addresses
     * are absolute: aliases of one frame coincide). */
    uint8_t *d;
    const uint8_t *src;
    if (ss_fast1(cpu, in, len, ACC_UPDATE, len, &d, &src) &&
        (d == src || d + len <= src || src + len <= d)) {
        uint64_t any = 0;
        if (op == LOP_XOR && d == src)
            access_host_zero(d, len);               /* XC X,X: the clearing idiom */
        else
            any = logic_span(op, d, src, len);
        if (set_cc)
            cpu_set_cc(cpu, any != 0);
        return INSN_OK;
    }
    SsPieces p;
    if (ss_pieces(cpu, in, len, ACC_UPDATE, &p)) {
        const bool same = pieces_same(&p);
        if (same || pieces_disjoint(&p)) {
            uint64_t any = 0;
            for (int k = 0; k < 3; k++) {
                if (!p.n[k])
                    continue;
                if (op == LOP_XOR && same)
                    access_host_zero(p.d[k], p.n[k]);   /* XC X,X: the clearing idiom */
                else
                    any |= logic_span(op, p.d[k], p.s[k], p.n[k]);
            }
            if (set_cc)
                cpu_set_cc(cpu, any != 0);
            return INSN_OK;
        }
    }
    StorageAccess op1, op2;
    int rc = insn_prepare_ss(cpu, in, &op1, len, ACC_UPDATE, &op2, len);
    if (rc)
        return rc;

    const bool same = sa_same_bytes(&op1, &op2);
    uint64_t any;
    if (sa_is_host(&op1) && sa_is_host(&op2) && (same || !access_overlap(&op1, &op2))) {
        if (op == LOP_XOR && same) {
            /* XC X,X: the clearing idiom. */
            access_set(cpu, &op1, 0, len, 0);
            any = 0;
        } else {
            any = logic_host(op, &op1, &op2, len);
        }
    } else {
        any = logic_bytes(cpu, op, &op1, &op2, len, same);
    }
    access_commit(cpu, &op1);
    if (set_cc)
        cpu_set_cc(cpu, any != 0);
    return INSN_OK;
}

int insn_mvz(CPUState *cpu, const Insn *in) { return logic_insn(cpu, in, LOP_ZONES, false); }
int insn_mvn(CPUState *cpu, const Insn *in) { return logic_insn(cpu, in, LOP_NUMERICS, false); }
int insn_nc(CPUState *cpu, const Insn *in) { return logic_insn(cpu, in, LOP_AND, true); }
int insn_oc(CPUState *cpu, const Insn *in) { return logic_insn(cpu, in, LOP_OR, true); }
int insn_xc(CPUState *cpu, const Insn *in) { return logic_insn(cpu, in, LOP_XOR, true); }

/* ---- CLC ---- */

/* memcmp compares as unsigned char: its sign is CLC's answer. */
static inline unsigned clc_cc(int r)
{
    return r == 0 ? 0 : r < 0 ? 1 : 2;
}

int insn_clc(CPUState *cpu, const Insn *in)
{
    const uint32_t len = ss_len(in);
    uint8_t *h1;
    const uint8_t *h2;
    if (ss_fast1(cpu, in, len, ACC_FETCH, len, &h1, &h2)) {
        cpu_set_cc(cpu, clc_cc(memcmp(h1, h2, len)));
        return INSN_OK;
    }
    SsPieces p;
    if (ss_pieces(cpu, in, len, ACC_FETCH, &p)) {
        unsigned cc = 0;
        for (int k = 0; k < 3 && !cc; k++)
            if (p.n[k])
                cc = clc_cc(memcmp(p.d[k], p.s[k], p.n[k]));
        cpu_set_cc(cpu, cc);
        return INSN_OK;
    }
    StorageAccess op1, op2;
    int rc = insn_prepare_ss(cpu, in, &op1, len, ACC_FETCH, &op2, len);
    if (rc)
        return rc;

    unsigned cc = 0;
    if (sa_is_host(&op1) && sa_is_host(&op2)) {
        for (uint32_t off = 0; off < len;) {
            uint32_t a1, a2;
            const uint8_t *p = sa_host_at(&op1, off, &a1);
            const uint8_t *q = sa_host_at(&op2, off, &a2);
            const uint32_t n = min_u32(min_u32(a1, a2), len - off);
            cc = clc_cc(memcmp(p, q, n));
            if (cc)
                break;
            off += n;
        }
    } else {
        /* Left to right, stopping at the first unequal pair: bytes after it
         * are not fetched. */
        for (uint32_t i = 0; i < len; i++) {
            uint8_t x = access_get_byte(cpu, &op1, i);
            uint8_t y = access_get_byte(cpu, &op2, i);
            if (x != y) {
                cc = x < y ? 1 : 2;
                break;
            }
        }
    }
    cpu_set_cc(cpu, cc);
    return INSN_OK;
}

/* ---- TR, TRT, TRTR: 256-byte tables ---- */

#define TABLE_LEN 256u

/* Host pointer to the whole table: the page itself when the table lies in
 * one fragment, else a copy in buf (only for tables that nothing stores
 * into during the instruction). */
static const uint8_t *table_host(const StorageAccess *tab, uint8_t *buf)
{
    if (tab->nfrag == 1)
        return tab->frag[0].host;
    memcpy(buf, tab->frag[0].host, tab->frag[0].len);
    memcpy(buf + tab->frag[0].len, tab->frag[1].host, tab->frag[1].len);
    return buf;
}

/* Translates n bytes in place through a table that does not overlap them
 * (restrict: the table loads need not wait for the stores). */
static void tr_bytes(uint8_t *restrict p, const uint8_t *restrict t, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        p[i] = t[p[i]];
}

int insn_tr(CPUState *cpu, const Insn *in)
{
    const uint32_t len = ss_len(in);
    HostSpan s1, st;
    /* The table is checked whole, as in the prepared path; a table that
     * overlaps operand 1 needs the byte order of the prepared path. */
    if (ss_fast(cpu, in, len, ACC_UPDATE, TABLE_LEN, &s1, &st) && spans_disjoint(&s1, &st)) {
        uint8_t buf[TABLE_LEN];
        const uint8_t *t = st.host[0];
        if (st.n0 < TABLE_LEN) {
            memcpy(buf, st.host[0], st.n0);
            memcpy(buf + st.n0, st.host[1], TABLE_LEN - st.n0);
            t = buf;
        }
        for (uint32_t off = 0; off < len;) {
            uint32_t avail;
            uint8_t *p = span_at(&s1, off, &avail);
            const uint32_t n = min_u32(avail, len - off);
            tr_bytes(p, t, n);
            off += n;
        }
        return INSN_OK;
    }
    StorageAccess op1, tab;
    int rc = access_prepare_op(cpu, &tab, insn_ea(cpu, 0, in->b2, in->d2), TABLE_LEN, ACC_FETCH,
                               in->b2);
    if (rc)
        return insn_access_result(rc);
    rc = access_prepare_op(cpu, &op1, insn_ea(cpu, 0, in->b1, in->d1), len, ACC_UPDATE, in->b1);
    if (rc)
        return insn_access_result(rc);

    if (sa_is_host(&op1) && sa_is_host(&tab) && !access_overlap(&op1, &tab)) {
        uint8_t buf[TABLE_LEN];
        const uint8_t *t = table_host(&tab, buf);
        for (uint32_t off = 0; off < len;) {
            uint32_t avail;
            uint8_t *p = sa_host_at(&op1, off, &avail);
            const uint32_t n = min_u32(avail, len - off);
            /* A plain byte loop: the 256 table lookups bound the time, and
             * measured on x86-64 it beats assembling 8-byte words from the
             * lookups (77 vs 130 ns for 256 bytes). */
            tr_bytes(p, t, n);
            off += n;
        }
        access_note_store(&op1, 0, len);
    } else {
        /* Handles, or a table overlapping operand 1: each result byte is
         * stored immediately after its function byte is fetched. */
        for (uint32_t i = 0; i < len; i++) {
            uint8_t arg = access_get_byte(cpu, &op1, i);
            access_put_byte(cpu, &op1, i, access_get_byte(cpu, &tab, arg));
        }
    }
    access_commit(cpu, &op1);
    return INSN_OK;
}

/* TRT/TRTR result: GR1 <- address of the argument byte by the mode's rules
 * (24-bit: bits 40-63 replaced, the rest kept; 31-bit: bits 33-63 with bit 32
 * zero, bits 0-31 kept; 64-bit: all), GR2 bits 56-63 <- function byte. */
static void trt_set_result(CPUState *cpu, uint64_t addr, uint8_t fn)
{
    if (cpu_is_64(cpu))
        cpu->gr[1] = addr;
    else if (cpu->psw_mask & PSW_MASK_BA)
        cpu->gr[1] = (cpu->gr[1] & 0xFFFFFFFF00000000ULL) | (addr & 0x7FFFFFFFULL);
    else
        cpu->gr[1] = (cpu->gr[1] & ~0xFFFFFFULL) | (addr & 0xFFFFFFULL);
    cpu->gr[2] = (cpu->gr[2] & ~0xFFULL) | fn;
}

/* First (scan_fwd) or last (scan_rev) of n host bytes whose function byte
 * is nonzero, or -1.  Blocks of 8 OR their function bytes so that the loop
 * branches once per block (3x faster than a branch per byte, measured). */
static int scan_fwd(const uint8_t *p, uint32_t n, const uint8_t *t, uint8_t *fn)
{
    uint32_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (t[p[i]] | t[p[i + 1]] | t[p[i + 2]] | t[p[i + 3]] | t[p[i + 4]] | t[p[i + 5]] |
            t[p[i + 6]] | t[p[i + 7]])
            break;
    for (; i < n; i++)
        if ((*fn = t[p[i]]) != 0)
            return (int)i;
    return -1;
}

static int scan_rev(const uint8_t *p, uint32_t n, const uint8_t *t, uint8_t *fn)
{
    uint32_t i = n;
    for (; i >= 8; i -= 8)
        if (t[p[i - 1]] | t[p[i - 2]] | t[p[i - 3]] | t[p[i - 4]] | t[p[i - 5]] | t[p[i - 6]] |
            t[p[i - 7]] | t[p[i - 8]])
            break;
    while (i-- > 0)
        if ((*fn = t[p[i]]) != 0)
            return (int)i;
    return -1;
}

/* Scans op1 for the first byte with a nonzero function byte, left to right
 * (reverse = false) or right to left.  Returns its offset or -1; *fn gets
 * the function byte. */
static int trt_scan(CPUState *cpu, const StorageAccess *op1, const StorageAccess *tab,
                    uint32_t len, bool reverse, uint8_t *fn)
{
    if (sa_is_host(op1) && sa_is_host(tab)) {
        /* Nothing is stored, so a table copy is always exact. */
        uint8_t buf[TABLE_LEN];
        const uint8_t *t = table_host(tab, buf);
        const uint8_t *p0 = op1->frag[0].host;
        const uint32_t n0 = min_u32(op1->frag[0].len, len);
        const uint8_t *p1 = op1->nfrag > 1 ? op1->frag[1].host : NULL;
        const uint32_t n1 = len - n0;
        if (!reverse) {
            int hit = scan_fwd(p0, n0, t, fn);
            if (hit >= 0)
                return hit;
            hit = scan_fwd(p1, n1, t, fn);
            return hit >= 0 ? (int)n0 + hit : -1;
        }
        int hit = scan_rev(p1, n1, t, fn);
        if (hit >= 0)
            return (int)n0 + hit;
        return scan_rev(p0, n0, t, fn);
    }
    /* Byte-wise: each argument byte fetched once, then its function byte;
     * nothing beyond the first hit is fetched. */
    for (uint32_t k = 0; k < len; k++) {
        const uint32_t i = reverse ? len - 1 - k : k;
        uint8_t arg = access_get_byte(cpu, op1, i);
        if ((*fn = access_get_byte(cpu, tab, arg)) != 0)
            return (int)i;
    }
    return -1;
}

static int trt_common(CPUState *cpu, const Insn *in, bool reverse)
{
    const uint32_t len = ss_len(in);
    const uint64_t mask = cpu_addr_mask(cpu);
    uint64_t a1 = insn_ea(cpu, 0, in->b1, in->d1);
    if (reverse)  /* TRTR: the first-operand address designates its rightmost byte */
        a1 = (a1 - (len - 1)) & mask;
    StorageAccess op1, tab;
    int rc = access_prepare_op(cpu, &tab, insn_ea(cpu, 0, in->b2, in->d2), TABLE_LEN, ACC_FETCH,
                               in->b2);
    if (rc)
        return insn_access_result(rc);
    rc = access_prepare_op(cpu, &op1, a1, len, ACC_FETCH, in->b1);
    if (rc)
        return insn_access_result(rc);

    uint8_t fn = 0;
    int hit = trt_scan(cpu, &op1, &tab, len, reverse, &fn);
    if (hit < 0) {
        cpu_set_cc(cpu, 0);   /* all function bytes zero: GR1, GR2 unchanged */
        return INSN_OK;
    }
    trt_set_result(cpu, (a1 + (uint32_t)hit) & mask, fn);
    /* CC2 when the hit is the last byte processed (rightmost for TRT,
     * leftmost for TRTR), CC1 when bytes remained. */
    const uint32_t last = reverse ? 0 : len - 1;
    cpu_set_cc(cpu, (uint32_t)hit == last ? 2 : 1);
    return INSN_OK;
}

int insn_trt(CPUState *cpu, const Insn *in) { return trt_common(cpu, in, false); }
int insn_trtr(CPUState *cpu, const Insn *in) { return trt_common(cpu, in, true); }
