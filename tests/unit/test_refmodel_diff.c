/* Random differential test: the fast-path handlers (src/insn/) against the
 * byte-at-a-time reference model (tests/unit/refmodel/), which shares no
 * code with them.
 *
 * Each case is a random instruction with random lengths, operand addresses
 * (page crossing often; wraparound at the top of the 24/31/64-bit range
 * sometimes), a random page layout (pages invalid at each DAT level,
 * DAT-protected pages, frames outside storage, I/O-region frames reached
 * through the byte-handle path, aliased frames), random storage keys, PSW
 * key, state, address-space control, CR0 protection controls and prefix,
 * random contents and sometimes overlapping operands.  The case is built
 * twice: as a zemu machine (tables through the testenv builder, I/O frames
 * through storage_add_io over a byte array) and as a model description.  Both
 * run; then the return code, the program-interruption code, TEID and access
 * id, the CC, all 16 GRs, every frame's bytes and every frame's change bit
 * must agree.  Interrupted and CC3 endings are resumed and compared again.
 *
 * Default: ZEMU_REF_CASES (20000) cases from ZEMU_REF_SEED (fixed).  The long
 * run and the other variables are documented in docs/REFMODEL.md. */
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/decode.h"
#include "insn/insn.h"
#include "refmodel.h"
#include "test.h"
#include "testenv.h"

/* ------------------------------------------------------------- handlers */

/* The handlers under test are found at link time.  While a family's file
 * did not exist yet, its handlers were referenced weakly (a handler that is
 * not linked is NULL and skipped); a weak reference does not pull an object
 * out of a static library, so a family whose file exists is referenced
 * strongly, which loads the file. */
#if !__has_include("insn/ss_char.c")
#pragma weak insn_mvc
#pragma weak insn_xc
#pragma weak insn_nc
#pragma weak insn_oc
#pragma weak insn_clc
#pragma weak insn_tr
#pragma weak insn_trt
#pragma weak insn_trtr
#pragma weak insn_mvcin
#pragma weak insn_mvz
#pragma weak insn_mvn
#endif
#if !__has_include("insn/long.c")
#pragma weak insn_mvcl
#pragma weak insn_clcl
#pragma weak insn_mvcle
#pragma weak insn_clcle
#pragma weak insn_mvclu
#pragma weak insn_clclu
#pragma weak insn_cksm
#endif
#if !__has_include("insn/string.c")
#pragma weak insn_mvst
#pragma weak insn_clst
#pragma weak insn_srst
#pragma weak insn_srstu
#pragma weak insn_tre
#endif
#if !__has_include("insn/multireg.c")
#pragma weak insn_stm
#pragma weak insn_lm
#pragma weak insn_stmg
#pragma weak insn_lmg
#endif
#if !__has_include("insn/ss_decimal.c")
#pragma weak insn_pack
#pragma weak insn_unpk
#pragma weak insn_mvo
#pragma weak insn_ed
#pragma weak insn_edmk
#endif
#if !__has_include("insn/keymove.c")
#pragma weak insn_mvck
#pragma weak insn_mvcsk
#pragma weak insn_mvcdk
#endif

typedef int (*Handler)(CPUState *, const Insn *);

static const struct {
    Handler h;
    uint16_t opcode;
    uint8_t ilen;
} op_info[RM_NOPS] = {
    [RM_MVC] = { insn_mvc, 0xD2, 6 },     [RM_XC] = { insn_xc, 0xD7, 6 },
    [RM_NC] = { insn_nc, 0xD4, 6 },       [RM_OC] = { insn_oc, 0xD6, 6 },
    [RM_CLC] = { insn_clc, 0xD5, 6 },     [RM_TR] = { insn_tr, 0xDC, 6 },
    [RM_TRT] = { insn_trt, 0xDD, 6 },     [RM_MVCIN] = { insn_mvcin, 0xE8, 6 },
    [RM_MVZ] = { insn_mvz, 0xD3, 6 },     [RM_MVN] = { insn_mvn, 0xD1, 6 },
    [RM_MVCL] = { insn_mvcl, 0x0E, 2 },   [RM_CLCL] = { insn_clcl, 0x0F, 2 },
    [RM_MVCLE] = { insn_mvcle, 0xA8, 4 }, [RM_CLCLE] = { insn_clcle, 0xA9, 4 },
    [RM_MVST] = { insn_mvst, 0xB255, 4 }, [RM_CLST] = { insn_clst, 0xB25D, 4 },
    [RM_SRST] = { insn_srst, 0xB25E, 4 }, [RM_STM] = { insn_stm, 0x90, 4 },
    [RM_LM] = { insn_lm, 0x98, 4 },       [RM_STMG] = { insn_stmg, 0xEB24, 6 },
    [RM_LMG] = { insn_lmg, 0xEB04, 6 },   [RM_PACK] = { insn_pack, 0xF2, 6 },
    [RM_UNPK] = { insn_unpk, 0xF3, 6 },   [RM_MVO] = { insn_mvo, 0xF1, 6 },
    [RM_ED] = { insn_ed, 0xDE, 6 },       [RM_EDMK] = { insn_edmk, 0xDF, 6 },
    [RM_TRTR] = { insn_trtr, 0xD0, 6 },   [RM_MVCK] = { insn_mvck, 0xD9, 6 },
    [RM_MVCSK] = { insn_mvcsk, 0xE50E, 6 }, [RM_MVCDK] = { insn_mvcdk, 0xE50F, 6 },
    [RM_MVCLU] = { insn_mvclu, 0xEB8E, 6 }, [RM_CLCLU] = { insn_clclu, 0xEB8F, 6 },
    [RM_CKSM] = { insn_cksm, 0xB241, 4 }, [RM_TRE] = { insn_tre, 0xB2A5, 4 },
    [RM_SRSTU] = { insn_srstu, 0xB9BE, 4 },
};

/* Instructions the model implements. */
static bool model_has(int op)
{
    return op >= 0 && op < RM_NOPS;
}

/* --------------------------------------------------------------- layout */

#define RAM_SIZE    (2ULL << 30)          /* 31-bit wraparound with DAT off is RAM */
#define IO_BASE     0xF00000ULL           /* I/O frames inside RAM, below 16 MiB */
#define IO_FRAMES   32
#define POOL_BASE   0x100000ULL           /* RAM frames for DAT-on pages */
#define POOL_FRAMES 1024
#define NOSTOR_BASE 0x100000000ULL        /* real frames beyond RAM: addressing */
#define PG          4096ULL

static uint8_t io_mem[IO_FRAMES * PG];

static uint8_t io_rd(void *opaque, uint64_t off)
{
    return ((uint8_t *)opaque)[off];
}
static void io_wr(void *opaque, uint64_t off, uint8_t v)
{
    ((uint8_t *)opaque)[off] = v;
}

static TestEnv *env;
static uint64_t table_top;
static uint32_t case_prefix;    /* prefix register of the case being built */
static bool alias_all;          /* ZEMU_REF_ALIAS_ALL (default 1): aliased frames for MVST and
                                   TRE too; 0 leaves them out */

/* Real -> absolute under the case's prefix (ZARCH-NOTES §3): the test's own
 * rule, so that DAT-off cases place their frames independently of mmu. */
static uint64_t prefixed(uint64_t real)
{
    if (real < 8192)
        return real + case_prefix;
    if (real - case_prefix < 8192)
        return real - case_prefix;
    return real;
}

/* ------------------------------------------------------------ generator */

typedef struct Gen {
    uint64_t s;             /* PRNG state */
    RmMachine *m;           /* the case being built */
    RmInsn in;
    bool used_pool[POOL_FRAMES];
    bool used_io[IO_FRAMES];
    int nassigned;          /* pages [0, nassigned) have their state */
    unsigned nio;           /* I/O frames in use */
    uint16_t alets;         /* bit r: access register r holds ALET 1 (else 0) */
} Gen;

static uint64_t rnd(Gen *g) { return test_rand(&g->s); }
static uint64_t rn(Gen *g, uint64_t n) { return n ? rnd(g) % n : 0; }
static bool pct(Gen *g, unsigned p) { return rn(g, 100) < p; }

static uint64_t mask_of(int amode)
{
    return amode == 64 ? ~0ULL : amode == 31 ? 0x7FFFFFFFULL : 0xFFFFFFULL;
}

/* A length from a mix: mostly small, sometimes a few pages, rarely many. */
static uint64_t pick_len(Gen *g, uint64_t small, uint64_t mid, uint64_t big)
{
    unsigned r = rn(g, 100);
    if (r < 10)
        return 0;
    if (r < 50)
        return 1 + rn(g, small);
    if (r < 90)
        return 1 + rn(g, mid);
    return 1 + rn(g, big);
}

/* An operand address for an operand of len bytes: near boundaries of DAT
 * levels so that the operand crosses them, at the top of the addressing
 * range so that it wraps, in I/O frames (DAT off), or anywhere. */
static uint64_t pick_addr(Gen *g, uint64_t len)
{
    RmMachine *m = g->m;
    uint64_t mask = mask_of(m->amode);
    uint64_t back = rn(g, len + 64);    /* start this far before a boundary */
    unsigned r = rn(g, 100);
    /* Low-address protection and the fetch-protection override act on the
     * first 512 bytes / 2 KiB of pages 0 and 1: go there often when on. */
    if ((m->fpo || m->lap) && r < 30)
        return rn(g, PG + 2300) & mask;
    if (m->dat) {
        if (r < 40) {
            static const unsigned shifts[] = { 53, 42, 31, 20, 12, 12 };
            unsigned sh;
            do
                sh = shifts[rn(g, 6)];
            while (sh >= (unsigned)m->amode);
            uint64_t b = (rnd(g) << sh) & mask;
            return (b - back) & mask;
        }
        if (r < 52)
            return (0 - back) & mask;   /* wraps to 0 */
        if (r < 60)
            return rn(g, 3 * PG);       /* low addresses */
        return rnd(g) & mask;
    }
    /* DAT off: real = absolute (prefix 0) */
    if (r < 15)
        return IO_BASE + rn(g, IO_FRAMES * PG);
    if (r < 30)
        return (IO_BASE - back) & mask;            /* RAM into I/O */
    if (r < 45)
        return (IO_BASE + IO_FRAMES * PG - back) & mask;  /* I/O into RAM */
    if (r < 60)
        return (0 - back) & mask;                  /* top of the range, wraps */
    if (r < 70 && m->amode == 64)
        return RAM_SIZE - back;                    /* RAM into no storage */
    if (r < 75)
        return rn(g, 3 * PG);
    if (r < 80 && case_prefix)
        return (case_prefix + rn(g, 2 * PG) - back) & mask;   /* the prefix area */
    return 0x10000 + rn(g, 0xE00000 - 0x10000);
}

static int add_frame(Gen *g, uint64_t abs, bool io)
{
    RmMachine *m = g->m;
    for (int i = 0; i < m->nframes; i++)
        if (m->frame[i].abs == abs)
            return i;
    if (m->nframes == RM_MAX_FRAMES)
        return -1;
    RmFrame *f = &m->frame[m->nframes];
    f->abs = abs;
    f->io = io;
    /* Keys: ACC often the PSW key, sometimes 0; F sometimes; R/C random. */
    unsigned acc = pct(g, m->fpo ? 50 : 85) ? m->psw_key : pct(g, 30) ? 0 : m->spo && pct(g, 50) ? 9
                 : (unsigned)rn(g, 16);
    f->key = (uint8_t)(acc << 4 | (pct(g, 30) ? RM_KEY_F : 0) | (pct(g, 30) ? RM_KEY_R : 0) |
                       (pct(g, 25) ? RM_KEY_C : 0));
    uint64_t *d = (uint64_t *)f->data;
    for (unsigned i = 0; i < PG / 8; i++)
        d[i] = rnd(g);
    return m->nframes++;
}

/* Describes every page of [a, a+len) (wrapped). */
static bool add_pages(Gen *g, uint64_t a, uint64_t len)
{
    RmMachine *m = g->m;
    uint64_t mask = mask_of(m->amode);
    a &= mask;
    uint64_t pg = a & ~(PG - 1);
    uint64_t end_off = (a & (PG - 1)) + len;
    for (uint64_t off = 0; off < end_off; off += PG) {
        uint64_t va = (pg + off) & mask;
        if (rm_find_page(m, va))
            continue;
        if (m->npages == RM_MAX_PAGES)
            return false;
        RmPage *p = &m->page[m->npages++];
        memset(p, 0, sizeof(*p));
        p->va = va;
        p->frame = -1;
    }
    return true;
}

static const unsigned lvl_shift[4] = { 53, 42, 31, 20 };

/* Gives every described page its state, protection and frame.  DAT levels
 * above the page table are decided per table entry, so that all pages under
 * one region or segment entry agree. */
static bool assign_pages(Gen *g)
{
    RmMachine *m = g->m;
    const int first = g->nassigned;
    if (m->dat) {
        /* invalid region/segment entries: p% per distinct entry; a page
         * under an entry decided by an earlier call follows that decision */
        static const unsigned p_lvl[4] = { 1, 1, 2, 2 };
        for (int l = 0; l < 4; l++) {
            for (int i = first; i < m->npages; i++) {
                RmPage *p = &m->page[i];
                if (p->state != RM_MAPPED || p->frame == -2)
                    continue;
                int old = -1;
                for (int j = 0; j < first; j++)
                    if ((m->page[j].va >> lvl_shift[l]) == (p->va >> lvl_shift[l]))
                        old = j;
                bool inv = old >= 0 ? m->page[old].state == RM_INV_R1 + l : pct(g, p_lvl[l]);
                for (int j = i; j < m->npages; j++) {
                    RmPage *q = &m->page[j];
                    if (q->state == RM_MAPPED && q->frame != -2 &&
                        (q->va >> lvl_shift[l]) == (p->va >> lvl_shift[l])) {
                        if (inv)
                            q->state = (uint8_t)(RM_INV_R1 + l);
                        else
                            q->frame = -2;   /* decided at this level */
                    }
                }
            }
            for (int i = first; i < m->npages; i++)
                if (m->page[i].frame == -2)
                    m->page[i].frame = -1;
        }
        for (int i = first; i < m->npages; i++) {
            RmPage *p = &m->page[i];
            if (p->state != RM_MAPPED)
                continue;
            unsigned r = rn(g, 100);
            if (r < 3) {
                p->state = RM_INV_PAGE;
            } else if (r < 5) {
                p->state = RM_NO_STORAGE;
            } else if (r < 9 && m->nframes > 0 && g->in.op != RM_MVCIN &&
                       ((g->in.op != RM_MVST && g->in.op != RM_TRE) || alias_all) &&
                       g->in.op != RM_ED && g->in.op != RM_EDMK) {
                /* Alias a frame: operands that overlap in absolute storage
                 * only.  Not for MVCIN, ED, EDMK (overlap is unpredictable);
                 * MVST and TRE unless ZEMU_REF_ALIAS_ALL=0. */
                p->frame = (int)rn(g, m->nframes);
            } else if (r < 25 && g->nio < IO_FRAMES / 2) {
                unsigned k;
                do
                    k = rn(g, IO_FRAMES);
                while (g->used_io[k]);
                g->used_io[k] = true;
                g->nio++;
                p->frame = add_frame(g, IO_BASE + k * PG, true);
            } else {
                unsigned k;
                do
                    k = rn(g, POOL_FRAMES);
                while (g->used_pool[k]);
                g->used_pool[k] = true;
                p->frame = add_frame(g, POOL_BASE + k * PG, false);
            }
            if (p->state == RM_MAPPED && p->frame < 0)
                return false;
            p->dat_prot = pct(g, 4);
        }
    } else {
        for (int i = first; i < m->npages; i++) {
            RmPage *p = &m->page[i];
            if (p->va >= RAM_SIZE) {
                p->state = RM_NO_STORAGE;
                continue;
            }
            uint64_t abs = prefixed(p->va);
            p->frame = add_frame(g, abs, abs >= IO_BASE && abs < IO_BASE + IO_FRAMES * PG);
            if (p->frame < 0)
                return false;
        }
    }
    g->nassigned = m->npages;
    return true;
}

/* Base register and displacement for an SS/RS operand address a (12-bit
 * unsigned displacement, or 20-bit signed with long).  The base register's
 * unused high bits are random (below 64-bit mode they do not count). */
static void pick_base(Gen *g, uint64_t a, bool long_disp, uint8_t avoid, uint8_t *b, int32_t *d)
{
    RmMachine *m = g->m;
    if (a < 4096 && pct(g, 30)) {
        *b = 0;
        *d = (int32_t)a;
        return;
    }
    do
        *b = (uint8_t)(1 + rn(g, 15));
    while (*b == avoid);
    *d = long_disp ? (int32_t)rn(g, 1u << 20) - (1 << 19) : (int32_t)rn(g, 4096);
    uint64_t v = a - (uint64_t)(int64_t)*d;
    if (m->amode != 64)
        v = (v & mask_of(m->amode)) | (rnd(g) & ~mask_of(m->amode));
    m->gr[*b] = v;
}

/* Random bytes that are not c. */
static uint8_t not_byte(Gen *g, uint8_t c)
{
    uint8_t v;
    do
        v = (uint8_t)rnd(g);
    while (v == c);
    return v;
}

/* Writes a string of n bytes other than c, then c (unless n is ~0), at a. */
static void put_string(Gen *g, uint64_t a, uint64_t n, uint8_t c, uint64_t limit)
{
    RmMachine *m = g->m;
    for (uint64_t i = 0; i < n && i < limit; i++) {
        uint8_t *p = rm_byte(m, a + i);
        if (p && *p == c)
            *p = not_byte(g, c);
    }
    if (n < limit) {
        uint8_t *p = rm_byte(m, a + n);
        if (p)
            *p = c;
    }
}

/* A length register value: the length in the low bits, random bits above
 * (24-bit lengths of MVCL keep bits 0-39; 32-bit lengths keep 0-31). */
static uint64_t len_reg(Gen *g, uint64_t len, bool len24)
{
    if (len24)
        return (rnd(g) & ~0xFFFFFFULL) | (len & 0xFFFFFF);
    if (g->m->amode == 64)
        return len;
    return (rnd(g) & 0xFFFFFFFF00000000ULL) | (len & 0xFFFFFFFF);
}

static uint8_t even_reg(Gen *g, uint8_t avoid)
{
    uint8_t r;
    do
        r = (uint8_t)(2 * rn(g, 8));
    while (r == avoid);
    return pct(g, 3) ? r + 1 : r;   /* odd: specification */
}

/* Extent of a CC3-style operand: no more than the bound of units can reach. */
#define CC3_EXTENT (17 * PG)

static uint64_t min_u(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* Builds a random case for op.  Returns false when the case does not fit
 * the model's limits (the caller draws another). */
static bool gen_case(Gen *g, int op)
{
    RmMachine *m = g->m;
    RmInsn *in = &g->in;
    memset(in, 0, sizeof(*in));
    in->op = op;
    m->npages = 0;
    m->nframes = 0;
    g->nassigned = 0;
    g->nio = 0;
    m->unit_bound = 16;
    m->fetch_unit_split = 2048;
    m->yield_after = 0;
    unsigned r = rn(g, 100);
    m->amode = r < 55 ? 64 : r < 80 ? 31 : 24;
    m->dat = pct(g, 75);
    m->psw_key = pct(g, 40) ? 0 : (uint8_t)(1 + rn(g, 15));
    m->lap = pct(g, 20);
    m->fpo = pct(g, 20);
    m->spo = pct(g, 15);
    m->problem_state = pct(g, 20);
    /* Address-space control: every space and ALET designates the same
     * tables (CR1 = CR7 = CR13); TEIDs and access ids must still say which
     * was used. */
    unsigned ar = rn(g, 100);
    m->asc = !m->dat ? 0 : ar < 55 ? 0 : ar < 70 ? 1 : ar < 85 ? 2 : 3;
    g->alets = (uint16_t)rnd(g);
    m->pkm = (uint16_t)rnd(g);
    /* a prefix away from the frame pool and the I/O frames */
    case_prefix = pct(g, 50) ? 0 : (uint32_t)(0x800000 + 0x2000 * rn(g, 0x300));
    m->cc = (unsigned)rn(g, 4);
    for (int i = 0; i < 16; i++)
        m->gr[i] = rnd(g);
    memset(g->used_pool, 0, sizeof(g->used_pool));
    memset(g->used_io, 0, sizeof(g->used_io));
    uint64_t mask = mask_of(m->amode);

    uint64_t a1 = 0, a2 = 0, e1 = 0, e2 = 0;   /* addresses and extents */
    switch (op) {
    case RM_MVC: case RM_XC: case RM_NC: case RM_OC: case RM_CLC: case RM_TR: case RM_TRT:
    case RM_MVCIN: case RM_MVZ: case RM_MVN: case RM_TRTR: {
        unsigned lr = rn(g, 100);
        in->l1 = (uint8_t)(lr < 45 ? rn(g, 16) : lr < 85 ? rn(g, 256) : 240 + rn(g, 16));
        e1 = (uint64_t)in->l1 + 1;
        e2 = (op == RM_TR || op == RM_TRT || op == RM_TRTR) ? 256 : e1;
        a1 = pick_addr(g, e1);
        bool overlap = op != RM_MVCIN && pct(g, 15);
        if (overlap) {
            /* Same base register, nearby displacement. */
            int delta = (int)rn(g, 2 * (e1 + 2)) - (int)(e1 + 2);
            if (op == RM_TR || op == RM_TRT || op == RM_TRTR)
                delta = (int)rn(g, 2 * 258) - 258;
            in->b1 = (uint8_t)(1 + rn(g, 15));
            in->d1 = 300 + (int32_t)rn(g, 3000);
            in->d2 = in->d1 + delta;
            in->b2 = in->b1;
            uint64_t v = a1 - (uint64_t)in->d1;
            if (m->amode != 64)
                v = (v & mask) | (rnd(g) & ~mask);
            m->gr[in->b1] = v;
            a2 = (a1 + (uint64_t)(int64_t)delta) & mask;
        } else {
            a2 = pick_addr(g, e2);
            /* MVCIN's operand 2 and TRTR's operand 1 are addressed by their
             * rightmost byte. */
            pick_base(g, op == RM_TRTR ? a1 + e1 - 1 : a1, false, 0, &in->b1, &in->d1);
            pick_base(g, op == RM_MVCIN ? a2 + e1 - 1 : a2, false, in->b1, &in->b2, &in->d2);
        }
        if (op == RM_TRTR && overlap) {
            /* the same register: operand 1 then ends at the generated address */
            in->d1 += (int32_t)e1 - 1;
            if (in->d1 > 4095)
                return false;
        }
        /* MVCIN: overlap by more than one byte is unpredictable. */
        if (op == RM_MVCIN && (overlap || ((a2 - a1) & mask) < e1 || ((a1 - a2) & mask) < e2))
            return false;
        if (!add_pages(g, a2, e2) || !add_pages(g, a1, e1))
            return false;
        if (!assign_pages(g))
            return false;
        if ((op == RM_TRT || op == RM_TRTR) && pct(g, 80)) {
            /* a sparse function table, so that scans go on (and CC 0) */
            for (uint64_t i = 0; i < 256; i++) {
                uint8_t *p = rm_byte(m, a2 + i);
                if (p)
                    *p = pct(g, 3) ? (uint8_t)(1 + rn(g, 255)) : 0;
            }
        }
        if (op == RM_CLC && pct(g, 50)) {
            /* equal operands, sometimes with one difference */
            for (uint64_t i = 0; i < e1; i++) {
                uint8_t *p = rm_byte(m, a1 + i), *q = rm_byte(m, a2 + i);
                if (p && q)
                    *p = *q;
            }
            uint8_t *p = rm_byte(m, a1 + rn(g, e1));
            if (p && pct(g, 50))
                *p ^= (uint8_t)(1 + rn(g, 255));
        }
        goto built;
    }
    case RM_MVCL: case RM_CLCL: case RM_MVCLE: case RM_CLCLE: case RM_MVCLU: case RM_CLCLU: {
        bool ext = op != RM_MVCL && op != RM_CLCL;
        unsigned csize = op == RM_MVCLU || op == RM_CLCLU ? 2 : 1;
        bool compare = op == RM_CLCL || op == RM_CLCLE || op == RM_CLCLU;
        in->r1 = even_reg(g, 0xFF);
        uint8_t r2 = even_reg(g, in->r1 & ~1);
        if (ext)
            in->r3 = r2;
        else
            in->r2 = r2;
        uint64_t l1 = pick_len(g, 300, 12000, ext ? 80000 : 30000);
        uint64_t l2 = pct(g, 30) ? l1 : pick_len(g, 300, 12000, ext ? 80000 : 30000);
        if (csize == 2 && !pct(g, 3)) {
            l1 &= ~1ULL;     /* MVCLU/CLCLU: even lengths (odd: specification) */
            l2 &= ~1ULL;
        }
        a1 = pick_addr(g, min_u(l1, 8192));
        if (pct(g, 15))
            a2 = (a1 + rn(g, 64) - 32) & mask;     /* overlapping operands */
        else
            a2 = pick_addr(g, min_u(l2, 8192));
        if ((in->r1 | r2) & 1)
            break;                                  /* specification */
        m->gr[in->r1] = (rnd(g) & ~mask) | a1;
        m->gr[r2] = (rnd(g) & ~mask) | a2;
        m->gr[in->r1 + 1] = len_reg(g, l1, !ext);
        m->gr[r2 + 1] = len_reg(g, l2, !ext);
        uint16_t pad;
        if (!ext) {
            l1 &= 0xFFFFFF;
            l2 &= 0xFFFFFF;
            pad = (uint8_t)(m->gr[r2 + 1] >> 24);
        } else {
            /* pad = bits 56-63 (48-63) of the second-operand address */
            in->b2 = pct(g, 50) ? 0 : (uint8_t)(1 + rn(g, 15));
            in->d2 = csize == 2 ? (int32_t)rn(g, 1u << 20) - (1 << 19) : (int32_t)rn(g, 4096);
            uint64_t pa = (in->b2 ? m->gr[in->b2] : 0) + (uint64_t)(int64_t)in->d2;
            pad = (uint16_t)(pa & (csize == 2 ? 0xFFFF : 0xFF));
        }
        if (pct(g, 50))
            m->yield_after = 1 + (unsigned)rn(g, 6);
        e1 = ext ? min_u(l1, CC3_EXTENT) : l1;
        e2 = ext ? min_u(l2, CC3_EXTENT) : l2;
        if (!add_pages(g, a2, e2) || !add_pages(g, a1, e1))
            return false;
        if (!assign_pages(g))
            return false;
        if (compare && pct(g, 70)) {
            /* Mostly equal operands (the shorter one padded), so that the
             * comparison runs over many units; sometimes one difference. */
            uint64_t n = e1 > e2 ? e1 : e2;
            for (uint64_t i = 0; i < n; i++) {
                uint8_t want;
                if (i < l2 && i < e2) {
                    uint8_t *q = rm_byte(m, a2 + i);
                    if (!q)
                        continue;
                    want = *q;
                } else {
                    want = csize == 2 ? ((l1 - i) & 1 ? (uint8_t)pad : (uint8_t)(pad >> 8))
                                      : (uint8_t)pad;
                }
                if (i < l1 && i < e1) {
                    uint8_t *p = rm_byte(m, a1 + i);
                    if (p)
                        *p = want;
                } else if (i < l2 && i < e2) {
                    uint8_t *q = rm_byte(m, a2 + i);
                    if (q)
                        *q = csize == 2 ? ((l2 - i) & 1 ? (uint8_t)pad : (uint8_t)(pad >> 8))
                                        : (uint8_t)pad;
                }
            }
            if (pct(g, 50) && n) {
                uint8_t *p = rm_byte(m, a1 + rn(g, min_u(n, e1 ? e1 : 1)));
                if (p)
                    *p ^= (uint8_t)(1 + rn(g, 255));
            }
        }
        goto built;
    }
    case RM_CKSM: {
        in->r2 = even_reg(g, 0xFF);
        do
            in->r1 = (uint8_t)rn(g, 16);
        while ((in->r1 & ~1) == (in->r2 & ~1));
        uint64_t l = pick_len(g, 300, 12000, 80000);
        a2 = pick_addr(g, min_u(l, 8192));
        if (in->r2 & 1)
            break;
        m->gr[in->r2] = (rnd(g) & ~mask) | a2;
        m->gr[in->r2 + 1] = len_reg(g, l, false);
        if (pct(g, 50))
            m->yield_after = 1 + (unsigned)rn(g, 6);
        e2 = min_u(l, CC3_EXTENT);
        if (!add_pages(g, a2, e2))
            return false;
        break;
    }
    case RM_TRE: {
        /* R1 even pair (address, length), R2 the table, GR0 the test byte */
        in->r1 = even_reg(g, 0);
        do
            in->r2 = (uint8_t)(1 + rn(g, 15));
        while ((in->r2 & ~1) == (in->r1 & ~1));
        uint64_t l = pick_len(g, 300, 12000, 80000);
        a1 = pick_addr(g, min_u(l, 8192));
        a2 = pct(g, 10) ? (a1 + rn(g, 512) - 256) & mask : pick_addr(g, 256);
        uint8_t test = (uint8_t)rnd(g);
        m->gr[0] = (rnd(g) & ~0xFFULL) | test;
        if (in->r1 & 1)
            break;
        m->gr[in->r1] = (rnd(g) & ~mask) | a1;
        m->gr[in->r1 + 1] = len_reg(g, l, false);
        m->gr[in->r2] = (rnd(g) & ~mask) | a2;
        if (pct(g, 50))
            m->yield_after = 1 + (unsigned)rn(g, 6);
        e1 = min_u(l, CC3_EXTENT);
        e2 = 256;
        if (!add_pages(g, a2, e2) || !add_pages(g, a1, e1))
            return false;
        if (!assign_pages(g))
            return false;
        /* the test byte: none before a random distance */
        put_string(g, a1, pct(g, 30) ? rn(g, 64) : rn(g, 80000), test, e1);
        goto built;
    }
    case RM_SRSTU: {
        in->r1 = (uint8_t)(1 + rn(g, 15));
        do
            in->r2 = (uint8_t)(1 + rn(g, 15));
        while (in->r2 == in->r1);
        uint16_t c = pct(g, 30) ? 0 : (uint16_t)rnd(g);
        m->gr[0] = (rnd(g) & 0xFFFFFFFF00000000ULL) | c |
                   (pct(g, 3) ? (rnd(g) & 0xFFFF0000ULL) : 0);
        if (pct(g, 50))
            m->yield_after = 1 + (unsigned)rn(g, 6);
        uint64_t span = (pct(g, 10) ? 0 : pct(g, 60) ? rn(g, 600) : rn(g, 80000)) & ~1ULL;
        a2 = pick_addr(g, min_u(span, 8192));
        a1 = (a2 + span) & mask;             /* the end address */
        m->gr[in->r1] = (rnd(g) & ~mask) | a1;
        m->gr[in->r2] = (rnd(g) & ~mask) | a2;
        e2 = min_u(span, CC3_EXTENT);
        if (!add_pages(g, a2, e2))
            return false;
        if (!assign_pages(g))
            return false;
        /* no character c before an even offset, sometimes c there */
        uint64_t at = rn(g, span + 2) & ~1ULL;
        for (uint64_t i = 0; i + 1 < e2 && i < at; i += 2) {
            uint8_t *p = rm_byte(m, a2 + i), *q = rm_byte(m, a2 + i + 1);
            if (p && q && (uint16_t)(*p << 8 | *q) == c)
                *q ^= 1;
        }
        if (at + 1 < e2 && pct(g, 70)) {
            uint8_t *p = rm_byte(m, a2 + at), *q = rm_byte(m, a2 + at + 1);
            if (p && q) {
                *p = (uint8_t)(c >> 8);
                *q = (uint8_t)c;
            }
        }
        goto built;
    }
    case RM_MVST: case RM_CLST: case RM_SRST: {
        /* R1 = R2 would make "R2 unchanged" and "R1 <- address" contradict. */
        in->r1 = (uint8_t)rn(g, 16);
        do
            in->r2 = (uint8_t)rn(g, 16);
        while (in->r2 == in->r1);
        uint8_t c = pct(g, 50) ? 0 : (uint8_t)rnd(g);
        m->gr[0] = (rnd(g) & 0xFFFFFFFF00000000ULL) | c |
                   (pct(g, 3) ? (rnd(g) & 0xFFFFFF00ULL) : 0);
        if (in->r1 == 0 || in->r2 == 0)
            return false;     /* keep GR0 the character register only */
        if (pct(g, 50))
            m->yield_after = 1 + (unsigned)rn(g, 6);
        unsigned sr = rn(g, 100);
        uint64_t slen = sr < 40 ? rn(g, 64) : sr < 85 ? rn(g, 12000) : rn(g, 80000);
        if (op == RM_SRST) {
            a2 = pick_addr(g, min_u(slen, 8192));
            uint64_t span = pct(g, 10) ? 0 : pct(g, 50) ? slen : rn(g, 80000);
            a1 = (a2 + span) & mask;         /* the end address */
            m->gr[in->r1] = (rnd(g) & ~mask) | a1;
            m->gr[in->r2] = (rnd(g) & ~mask) | a2;
            e2 = min_u(span, CC3_EXTENT);
            if (!add_pages(g, a2, e2))
                return false;
            if (!assign_pages(g))
                return false;
            put_string(g, a2, slen, c, e2);
            goto built;
        }
        a1 = pick_addr(g, min_u(slen, 8192));
        a2 = pick_addr(g, min_u(slen, 8192));
        if (pct(g, 12))
            a2 = (a1 + rn(g, 64) - 32) & mask;     /* overlapping strings */
        m->gr[in->r1] = (rnd(g) & ~mask) | a1;
        m->gr[in->r2] = (rnd(g) & ~mask) | a2;
        e1 = e2 = min_u(slen + 1, CC3_EXTENT);
        uint64_t s1 = slen;
        if (op == RM_MVST && (alias_all || ((a2 - a1) & mask) < e1 || ((a1 - a2) & mask) < e1))
            e1 = e2 = CC3_EXTENT;   /* stores may overwrite the terminator */
        if (op == RM_CLST) {
            s1 = pct(g, 50) ? slen : rn(g, slen + 2);
            e1 = min_u(s1 + 1, CC3_EXTENT);
            e1 = e2 = e1 > e2 ? e1 : e2;
        }
        if (!add_pages(g, a2, e2) || !add_pages(g, a1, e1))
            return false;
        if (!assign_pages(g))
            return false;
        put_string(g, a2, slen, c, e2);
        if (op == RM_CLST) {
            /* operand 1 mostly equal to operand 2, up to its own end */
            for (uint64_t i = 0; i < s1 && i < e1; i++) {
                uint8_t *p = rm_byte(m, a1 + i), *q = rm_byte(m, a2 + i);
                if (p && q && !pct(g, 1))
                    *p = *q;
            }
            put_string(g, a1, s1, c, e1);
        }
        goto built;
    }
    case RM_STM: case RM_LM: case RM_STMG: case RM_LMG: {
        bool gform = op == RM_STMG || op == RM_LMG;
        in->r1 = (uint8_t)rn(g, 16);
        in->r3 = (uint8_t)rn(g, 16);
        unsigned n = ((in->r3 - in->r1) & 15) + 1;
        e2 = n * (gform ? 8 : 4);
        a2 = pick_addr(g, e2);
        pick_base(g, a2, gform, 0xFF, &in->b2, &in->d2);
        if (!add_pages(g, a2, e2))
            return false;
        break;
    }
    case RM_PACK: case RM_UNPK: case RM_MVO: {
        in->l1 = (uint8_t)rn(g, 16);
        in->l2 = (uint8_t)rn(g, 16);
        e1 = (uint64_t)in->l1 + 1;
        e2 = (uint64_t)in->l2 + 1;
        a1 = pick_addr(g, e1);
        if (pct(g, 15)) {
            int delta = (int)rn(g, 40) - 20;
            in->b1 = in->b2 = (uint8_t)(1 + rn(g, 15));
            in->d1 = 300 + (int32_t)rn(g, 3000);
            in->d2 = in->d1 + delta;
            uint64_t v = a1 - (uint64_t)in->d1;
            if (m->amode != 64)
                v = (v & mask) | (rnd(g) & ~mask);
            m->gr[in->b1] = v;
            a2 = (a1 + (uint64_t)(int64_t)delta) & mask;
        } else {
            a2 = pick_addr(g, e2);
            pick_base(g, a1, false, 0, &in->b1, &in->d1);
            pick_base(g, a2, false, in->b1, &in->b2, &in->d2);
        }
        if (!add_pages(g, a2, e2) || !add_pages(g, a1, e1))
            return false;
        break;
    }
    case RM_MVCK: case RM_MVCSK: case RM_MVCDK: {
        /* Lengths up to past 256 (MVCK's CC 3); the access key from a
         * register: often the PSW key, else any. */
        uint64_t n;
        uint64_t tl = 0;
        if (op == RM_MVCK) {
            unsigned lr = rn(g, 100);
            tl = lr < 10 ? 0 : lr < 75 ? 1 + rn(g, 256) : lr < 90 ? 257 + rn(g, 4000) : rnd(g);
            n = min_u(m->amode == 64 ? tl : (tl & 0xFFFFFFFF), 256);
        } else {
            n = 1 + rn(g, 256);
        }
        a1 = pick_addr(g, n);
        a2 = pick_addr(g, n);
        pick_base(g, a1, false, 0, &in->b1, &in->d1);
        pick_base(g, a2, false, in->b1, &in->b2, &in->d2);
        uint8_t key = pct(g, 40) ? m->psw_key : (uint8_t)rn(g, 16);
        uint64_t keyreg = (rnd(g) & ~0xF0ULL) | (uint64_t)key << 4;
        if (op == RM_MVCK) {
            do
                in->r1 = (uint8_t)rn(g, 16);
            while ((in->b1 && in->r1 == in->b1) || (in->b2 && in->r1 == in->b2));
            do
                in->r3 = (uint8_t)rn(g, 16);
            while ((in->b1 && in->r3 == in->b1) || (in->b2 && in->r3 == in->b2) ||
                   in->r3 == in->r1);
            m->gr[in->r1] = m->amode == 64 ? tl : (rnd(g) & 0xFFFFFFFF00000000ULL) | tl;
            m->gr[in->r3] = keyreg;
        } else {
            if (in->b1 <= 1 || in->b2 <= 1)
                return false;   /* GR0 and GR1 are the length and the key */
            m->gr[0] = (rnd(g) & ~0xFFULL) | (n - 1);
            m->gr[1] = keyreg;
        }
        e1 = e2 = n;
        if (!add_pages(g, a2, e2) || !add_pages(g, a1, e1))
            return false;
        break;
    }
    case RM_ED: case RM_EDMK: {
        /* A pattern of digit selectors, starters, separators and message
         * bytes; a packed source with mostly valid digits. */
        unsigned lr = rn(g, 100);
        in->l1 = (uint8_t)(lr < 60 ? rn(g, 16) : rn(g, 256));
        e1 = (uint64_t)in->l1 + 1;
        a1 = pick_addr(g, e1);
        /* Overlapping pattern and source are unpredictable (and so are
         * frames shared by both): not generated. */
        bool overlap = false;
        if (overlap) {
            int delta = (int)rn(g, 2 * (e1 + 8)) - (int)(e1 + 8);
            in->b1 = in->b2 = (uint8_t)(1 + rn(g, 15));
            in->d1 = 300 + (int32_t)rn(g, 3000);
            in->d2 = in->d1 + delta;
            uint64_t v = a1 - (uint64_t)in->d1;
            if (m->amode != 64)
                v = (v & mask) | (rnd(g) & ~mask);
            m->gr[in->b1] = v;
            a2 = (a1 + (uint64_t)(int64_t)delta) & mask;
        } else {
            a2 = pick_addr(g, e1);
            pick_base(g, a1, false, 0, &in->b1, &in->d1);
            pick_base(g, a2, false, in->b1, &in->b2, &in->d2);
        }
        if (((a2 - a1) & mask) < e1 + PG || ((a1 - a2) & mask) < e1 + PG)
            return false;
        if (!add_pages(g, a1, e1))
            return false;
        if (!assign_pages(g))
            return false;
        /* the pattern */
        unsigned ndig = 0;
        for (uint64_t i = 0; i < e1; i++) {
            uint8_t *p = rm_byte(m, a1 + i);
            unsigned k = rn(g, 100);
            uint8_t v = k < 40 ? 0x20 : k < 50 ? 0x21 : k < 55 ? 0x22 : (uint8_t)rnd(g);
            if (i == 0 && pct(g, 60))
                v = pct(g, 50) ? 0x40 : 0x5C;
            if (v == 0x20 || v == 0x21)
                ndig++;
            if (p)
                *p = v;
        }
        /* The source needs at most one byte per digit position. */
        e2 = ndig;
        if (e2 && !add_pages(g, a2, e2))
            return false;
        if (!assign_pages(g))
            return false;
        for (uint64_t i = 0; i < e2; i++) {
            uint8_t *p = rm_byte(m, a2 + i);
            if (!p)
                continue;
            uint8_t hi = pct(g, 2) ? (uint8_t)(10 + rn(g, 6)) : (uint8_t)rn(g, 10);
            uint8_t lo = pct(g, 20) ? (uint8_t)(10 + rn(g, 6))
                       : pct(g, 40) ? 0 : (uint8_t)rn(g, 10);
            if (pct(g, 30))
                hi = 0;
            *p = (uint8_t)(hi << 4 | lo);
        }
        goto built;
    }
    default:
        return false;
    }
    if (!assign_pages(g))
        return false;
built:
    return true;
}

/* ----------------------------------------------------- building zemu */

typedef struct HookState {
    unsigned calls, yield_after;
} HookState;

static void unit_hook(CPUState *cpu, void *opaque)
{
    HookState *h = opaque;
    h->calls++;
    if (h->yield_after && h->calls == h->yield_after)
        atomic_store(&cpu->yield_request, 1);
}

static uint8_t *frame_host(const RmFrame *f)
{
    if (f->io)
        return io_mem + (f->abs - IO_BASE);
    return tenv_abs(env, f->abs);
}

static void build_zemu(const RmMachine *m, const RmInsn *rin, Insn *in, HookState *hs,
                       uint16_t alets)
{
    CPUState *cpu = &env->cpu;
    cpu_init(cpu, &env->m, 0);
    for (int i = 0; i < 16; i++)
        cpu->ar[i] = (alets >> i) & 1;
    uint64_t pm = m->amode == 64 ? (PSW_MASK_EA | PSW_MASK_BA)
                : m->amode == 31 ? PSW_MASK_BA : 0;
    pm |= (uint64_t)m->psw_key << PSW_SHIFT_KEY;
    pm |= (uint64_t)m->cc << PSW_SHIFT_CC;

    if (m->dat) {
        env->table_next = table_top;
        uint64_t asce = tenv_asce_new(env, ASCE_TYPE_REGION1);
        unsigned nostor = 0;
        for (int i = 0; i < m->npages; i++) {
            const RmPage *p = &m->page[i];
            uint64_t real = p->state == RM_NO_STORAGE ? NOSTOR_BASE + PG * nostor++
                          : p->state == RM_MAPPED ? m->frame[p->frame].abs
                          : POOL_BASE;   /* invalid below: any frame */
            tenv_map(env, asce, p->va, real, p->dat_prot ? PAGE_ENTRY_P : 0);
        }
        for (int i = 0; i < m->npages; i++) {
            const RmPage *p = &m->page[i];
            switch (p->state) {
            case RM_INV_R1: tenv_entry_or(env, asce, p->va, LVL_REGION1, REGION_ENTRY_I); break;
            case RM_INV_R2: tenv_entry_or(env, asce, p->va, LVL_REGION2, REGION_ENTRY_I); break;
            case RM_INV_R3: tenv_entry_or(env, asce, p->va, LVL_REGION3, REGION_ENTRY_I); break;
            case RM_INV_SEG: tenv_entry_or(env, asce, p->va, LVL_SEGMENT, SEGMENT_ENTRY_I); break;
            case RM_INV_PAGE: tenv_entry_or(env, asce, p->va, LVL_PAGE, PAGE_ENTRY_I); break;
            default: break;
            }
        }
        cpu->cr[1] = cpu->cr[7] = cpu->cr[13] = asce;
        pm |= PSW_MASK_DAT | (uint64_t)m->asc << PSW_SHIFT_ASC;
    }
    if (m->lap)
        cpu->cr[0] |= CR0_LAP;
    if (m->fpo)
        cpu->cr[0] |= CR0_FETCH_PROT_OV;
    if (m->spo)
        cpu->cr[0] |= CR0_STOR_PROT_OV;
    cpu->prefix = case_prefix;
    if (m->problem_state)
        pm |= PSW_MASK_PSTATE;
    cpu->cr[3] = (uint64_t)m->pkm << 16;
    cpu->psw_mask = pm;
    cpu->psw_addr = 0x2000;
    cpu->insn_addr = 0x2000;
    memcpy(cpu->gr, m->gr, sizeof(cpu->gr));
    for (int i = 0; i < m->nframes; i++) {
        const RmFrame *f = &m->frame[i];
        memcpy(frame_host(f), f->data, PG);
        storage_set_key(&env->m.storage, f->abs, f->key);
    }

    memset(in, 0, sizeof(*in));
    in->addr = 0x2000;
    in->row = decode_row_of_opcode(op_info[rin->op].opcode);
    in->ilen = op_info[rin->op].ilen;
    in->r1 = rin->r1;
    in->r2 = rin->r2;
    in->r3 = rin->r3;
    in->b1 = rin->b1;
    in->b2 = rin->b2;
    in->d1 = rin->d1;
    in->d2 = rin->d2;
    in->l1 = rin->l1;
    in->l2 = rin->l2;

    hs->calls = 0;
    hs->yield_after = m->yield_after;
    /* Only a case that yields needs to see the unit boundaries (a hook
     * makes the long moves go one unit at a time). */
    cpu->unit_hook = m->yield_after ? unit_hook : NULL;
    cpu->unit_hook_opaque = hs;
}

/* Every described page in the TLB of every space the case may use, as a
 * CPU that touched them before would have it (tenv_tlb_warm): the paths
 * that start from TLB hits must give the same results as the cold ones. */
static void warm_tlb(const RmMachine *m)
{
    static const uint32_t spaces[] = { AS_PRIMARY, AS_SECONDARY, AS_HOME };
    for (int i = 0; i < m->npages; i++) {
        if (!m->dat) {
            tenv_tlb_warm(env, AS_REAL, m->page[i].va, PG);
            continue;
        }
        for (size_t s = 0; s < sizeof(spaces) / sizeof(spaces[0]); s++)
            tenv_tlb_warm(env, spaces[s], m->page[i].va, PG);
    }
}

/* ------------------------------------------------------------ reporting */

static const char *state_name(int s)
{
    static const char *const n[] = { "mapped", "R1-invalid", "R2-invalid", "R3-invalid",
                                     "segment-invalid", "page-invalid", "no-storage" };
    return s >= 0 && s <= RM_NO_STORAGE ? n[s] : "?";
}

static void describe(FILE *f, const RmMachine *m, const RmInsn *in)
{
    static const char *const asc_name[4] = { "primary", "AR", "secondary", "home" };
    fprintf(f, "    %s  amode %d  DAT %s (%s)  PSW key %u  %s  CC %u  LAP %s  FPO %s  SPO %s"
            "  PKM %04x  prefix %x  unit bound %u  yield after %u\n",
            rm_op_name(in->op), m->amode, m->dat ? "on" : "off", asc_name[m->asc & 3], m->psw_key,
            m->problem_state ? "problem" : "supervisor", m->cc, m->lap ? "on" : "off",
            m->fpo ? "on" : "off", m->spo ? "on" : "off", m->pkm, case_prefix, m->unit_bound,
            m->yield_after);
    fprintf(f, "    r1=%u r2=%u r3=%u b1=%u d1=%d b2=%u d2=%d l1=%u l2=%u\n", in->r1, in->r2,
            in->r3, in->b1, in->d1, in->b2, in->d2, in->l1, in->l2);
    for (int i = 0; i < 16; i += 4)
        fprintf(f, "    gr%-2d %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n", i,
                m->gr[i], m->gr[i + 1], m->gr[i + 2], m->gr[i + 3]);
    for (int i = 0; i < m->npages; i++) {
        const RmPage *p = &m->page[i];
        fprintf(f, "    page %016" PRIx64 " %-15s%s", p->va, state_name(p->state),
                p->dat_prot ? " DAT-protected" : "");
        if (p->state == RM_MAPPED) {
            const RmFrame *fr = &m->frame[p->frame];
            fprintf(f, " -> frame %d abs %" PRIx64 "%s key %02x", p->frame, fr->abs,
                    fr->io ? " (I/O)" : "", fr->key);
        }
        fputc('\n', f);
    }
}

/* ---------------------------------------------------------------- run */

typedef struct Stats {
    uint64_t cases, fails, bad, per_op[RM_NOPS], faults, cc3, reexec;
    uint64_t code[0x40];        /* by program-interruption code */
    uint64_t lap, dat_prot, key_prot, io, resumes, warm;
} Stats;

static RmMachine *init_m, *model_m;

static void copy_machine(RmMachine *dst, const RmMachine *src)
{
    memcpy(dst, src, offsetof(RmMachine, frame));
    memcpy(dst->frame, src->frame, sizeof(RmFrame) * (size_t)src->nframes);
    dst->rc = src->rc;
}

static int fail_prints;

/* Appends one line of a mismatch report. */
__attribute__((format(printf, 4, 5)))
static void diff_add(char *buf, size_t size, int *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if ((size_t)*n < size) {
        int k = vsnprintf(buf + *n, size - (size_t)*n, fmt, ap);
        if (k > 0)
            *n += k;
        if ((size_t)*n >= size)
            *n = (int)size - 1;
    }
    va_end(ap);
}

/* Compares the fast path's state after an execution with the model's;
 * appends the differences to why. */
static void compare(const CPUState *cpu, int rc, int mrc, char *why, size_t size, int *wn)
{
#define DIFF(...) diff_add(why, size, wn, __VA_ARGS__)
    int want_rc = mrc == RM_REEXECUTE ? INSN_REEXECUTE : mrc;
    if (rc != want_rc)
        DIFF("      rc: model %d, fast path %d\n", want_rc, rc);
    if (rc > 0 && rc == want_rc) {
        bool tv = cpu->pgm.teid_valid;
        if (cpu->pgm.code != rc)
            DIFF("      pgm.code %#x != rc %#x\n", cpu->pgm.code, rc);
        if (tv != model_m->teid_valid || (tv && cpu->pgm.teid != model_m->teid))
            DIFF("      TEID: model %s%016" PRIx64 ", fast path %s%016" PRIx64 "\n",
                 model_m->teid_valid ? "" : "(none) ", model_m->teid, tv ? "" : "(none) ",
                 cpu->pgm.teid);
        bool access_exc = rc == 0x04 || rc == 0x05 || rc == 0x10 || rc == 0x11 ||
                          (rc >= 0x39 && rc <= 0x3B);
        if (access_exc && cpu->pgm.exc_access_id != model_m->access_id)
            DIFF("      exception access id: model %u, fast path %u\n", model_m->access_id,
                 cpu->pgm.exc_access_id);
    }
    if (cpu_cc(cpu) != model_m->cc)
        DIFF("      CC: model %u, fast path %u\n", model_m->cc, cpu_cc(cpu));
    for (int i = 0; i < 16; i++)
        if (cpu->gr[i] != model_m->gr[i])
            DIFF("      GR%d: model %016" PRIx64 ", fast path %016" PRIx64 "\n", i,
                 model_m->gr[i], cpu->gr[i]);
    for (int i = 0; i < model_m->nframes; i++) {
        const RmFrame *f = &model_m->frame[i];
        const uint8_t *h = frame_host(f);
        if (memcmp(h, f->data, PG) != 0) {
            int first = 0, last = 0, n = 0;
            for (int j = 0; j < (int)PG; j++)
                if (h[j] != f->data[j]) {
                    if (!n)
                        first = j;
                    last = j;
                    n++;
                }
            DIFF("      frame %d (abs %" PRIx64 "): %d bytes differ in [%#x, %#x]; at %#x"
                 " model %02x fast path %02x\n",
                 i, f->abs, n, first, last, first, f->data[first], h[first]);
        }
        uint8_t k = storage_key(&env->m.storage, f->abs);
        if ((k & SKEY_C) != (f->key & RM_KEY_C))
            DIFF("      frame %d (abs %" PRIx64 ") change bit: model %d, fast path %d\n", i,
                 f->abs, !!(f->key & RM_KEY_C), !!(k & SKEY_C));
    }
#undef DIFF
}

static bool cc3_style(int op)
{
    return op == RM_MVCLE || op == RM_CLCLE || op == RM_MVST || op == RM_CLST || op == RM_SRST ||
           op == RM_MVCLU || op == RM_CLCLU || op == RM_CKSM || op == RM_TRE || op == RM_SRSTU;
}

/* Executions after the first: an interrupted MVCL/CLCL is executed again
 * (the PSW stayed at it), a CC3 ending is looped on as a program would. */
#define MAX_RESUMES 6

/* Runs one case; returns true when the fast path and the model agree. */
static bool run_case(uint64_t seed, uint64_t idx, unsigned opmask_ops[], int nops, Stats *st,
                     bool verbose)
{
    Gen g;
    memset(&g, 0, sizeof(g));
    g.s = seed ^ (idx * 0x9E3779B97F4A7C15ULL) ^ 0xD1B54A32D192ED03ULL;
    if (!g.s)
        g.s = 1;
    test_rand(&g.s);
    g.m = init_m;
    int op;
    do
        op = (int)opmask_ops[rn(&g, (uint64_t)nops)];
    while (!gen_case(&g, op));

    /* the model */
    copy_machine(model_m, init_m);
    int mrc = rm_execute(model_m, &g.in);
    if (mrc == RM_BAD_CASE) {
        st->bad++;
        if (verbose || fail_prints < 5) {
            fail_prints++;
            fprintf(stderr, "  BAD CASE seed %" PRIu64 " case %" PRIu64
                    ": the model needs undescribed address %" PRIx64 "\n",
                    seed, idx, model_m->bad_addr);
            describe(stderr, init_m, &g.in);
        }
        return true;
    }

    /* the fast path */
    Insn in;
    HookState hs;
    build_zemu(init_m, &g.in, &in, &hs, g.alets);
    CPUState *cpu = &env->cpu;
    /* Every other case starts with the TLB already holding the case's
     * pages, as it would after earlier instructions: the exact-hit fast
     * paths (access_fast_span, the inline access_prepare_op, the long
     * moves' move_fast) then run where a page is clean, and must give the
     * model's results all the same. */
    const bool warm = idx & 1;
    if (warm) {
        warm_tlb(init_m);
        st->warm++;
    }
    int rc = op_info[op].h(cpu, &in);

    st->cases++;
    st->per_op[op]++;
    if (mrc > 0) {
        st->faults++;
        st->code[mrc & 0x3F]++;
        if (mrc == 0x04) {
            uint64_t t = model_m->teid & 0x8C;
            if (t == 0x80)
                st->lap++;
            else if (t == 0x04)
                st->dat_prot++;
            else
                st->key_prot++;
        }
    }
    for (int i = 0; i < init_m->nframes; i++)
        if (init_m->frame[i].io) {
            st->io++;
            break;
        }
    if (mrc == RM_REEXECUTE)
        st->reexec++;
    if (mrc == 0 && model_m->cc == 3)
        st->cc3++;

    char why[4096];
    int wn = 0;
    why[0] = 0;
    compare(cpu, rc, mrc, why, sizeof(why), &wn);

    /* Resume as the program would and compare after each execution: the
     * registers must describe the progress exactly. */
    int exec = 1;
    while (wn == 0 && exec <= MAX_RESUMES &&
           (mrc == RM_REEXECUTE || (mrc == 0 && model_m->cc == 3 && cc3_style(op)))) {
        model_m->yield_after = 0;
        hs.yield_after = 0;
        cpu->unit_hook = NULL;
        mrc = rm_execute(model_m, &g.in);
        if (mrc == RM_BAD_CASE)
            break;          /* beyond the described pages: stop here */
        rc = op_info[op].h(cpu, &in);
        exec++;
        st->resumes++;
        compare(cpu, rc, mrc, why, sizeof(why), &wn);
        if (wn)
            diff_add(why, sizeof(why), &wn, "      (in execution %d of the instruction)\n", exec);
    }

    if (wn == 0 && !verbose)
        return true;
    if (verbose || fail_prints < 25) {
        fail_prints++;
        fprintf(stderr, "  %s seed %" PRIu64 " case %" PRIu64 " (%s, rc %d, %u units%s)\n",
                wn ? "MISMATCH" : "case", seed, idx, rm_op_name(op), mrc, model_m->units,
                warm ? ", warm TLB" : "");
        describe(stderr, init_m, &g.in);
        if (wn)
            fputs(why, stderr);
    }
    if (wn)
        st->fails++;
    return wn == 0;
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *s = getenv(name);
    return s && *s ? strtoull(s, NULL, 0) : dflt;
}

static void setup_env(void)
{
    if (env)
        return;
    env = tenv_new(RAM_SIZE);
    table_top = env->table_next;
    if (storage_add_io(&env->m.storage, IO_BASE, IO_FRAMES * PG, io_rd, io_wr, io_mem) != 0) {
        fprintf(stderr, "storage_add_io failed\n");
        abort();
    }
    init_m = calloc(1, sizeof(*init_m));
    model_m = calloc(1, sizeof(*model_m));
}

TEST(refmodel_random_differential)
{
    setup_env();
    const uint64_t seed = env_u64("ZEMU_REF_SEED", 20261125);
    const uint64_t ncases = env_u64("ZEMU_REF_CASES", 20000);
    const char *only = getenv("ZEMU_REF_ONLY");
    const char *opsel = getenv("ZEMU_REF_OPS");
    alias_all = env_u64("ZEMU_REF_ALIAS_ALL", 1) != 0;

    unsigned ops[RM_NOPS];
    int nops = 0;
    for (int op = 0; op < RM_NOPS; op++) {
        if (!op_info[op].h || !model_has(op))
            continue;
        if (opsel && *opsel) {
            char buf[256];
            snprintf(buf, sizeof(buf), ",%s,", opsel);
            char name[32];
            snprintf(name, sizeof(name), ",%s,", rm_op_name(op));
            if (!strstr(buf, name))
                continue;
        }
        ops[nops++] = (unsigned)op;
    }
    CHECK(nops > 0);
    if (!nops)
        return;

    Stats st;
    memset(&st, 0, sizeof(st));
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (only && *only) {
        bool ok = run_case(seed, strtoull(only, NULL, 0), ops, nops, &st, true);
        CHECK(ok);
    } else {
        for (uint64_t i = 0; i < ncases; i++) {
            bool ok = run_case(seed, i, ops, nops, &st, false);
            test_checks++;
            if (!ok && st.fails <= 20)
                test_fail(__FILE__, __LINE__, "seed %" PRIu64 " case %" PRIu64 " differs", seed,
                          i);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("  refmodel: seed %" PRIu64 ", %" PRIu64 " cases in %.1f s: %" PRIu64
           " mismatches, %" PRIu64 " bad cases; %" PRIu64 " program exceptions, %" PRIu64
           " CC3, %" PRIu64 " re-executes, %" PRIu64 " resumed executions compared\n",
           seed, st.cases, secs, st.fails, st.bad, st.faults, st.cc3, st.reexec, st.resumes);
    printf("  %" PRIu64 " cases ran with the TLB warmed (the exact-hit fast paths)\n", st.warm);
    printf("  exceptions: protection %" PRIu64 " (LAP %" PRIu64 ", DAT %" PRIu64 ", key %" PRIu64
           "), addressing %" PRIu64 ", data %" PRIu64 ", specification %" PRIu64
           ", privileged operation %" PRIu64
           ", translation R1 %" PRIu64 " R2 %" PRIu64 " R3 %" PRIu64 " segment %" PRIu64
           " page %" PRIu64 "; cases with I/O frames %" PRIu64 "\n",
           st.code[4], st.lap, st.dat_prot, st.key_prot, st.code[5], st.code[7], st.code[6],
           st.code[2],
           st.code[0x39], st.code[0x3A], st.code[0x3B], st.code[0x10], st.code[0x11], st.io);
    printf("  per instruction:");
    for (int op = 0; op < RM_NOPS; op++)
        if (st.per_op[op])
            printf(" %s %" PRIu64, rm_op_name(op), st.per_op[op]);
    printf("\n");
    CHECK_EQ(st.bad, 0);
    CHECK_EQ(st.fails, 0);
}

/* ------------------------------------------------- model self-checks
 *
 * The differential test only shows that two implementations agree; these
 * check the model alone against hand-computed architectural results, so a
 * misunderstanding shared by both cannot pass unnoticed for these rules. */

/* A model machine, 64-bit, DAT on, key 0, with n mapped pages at va (one
 * frame each, key ACC 0), GRs zero. */
static RmMachine *hand_machine(uint64_t va, int n)
{
    RmMachine *m = calloc(1, sizeof(*m));
    m->amode = 64;
    m->dat = true;
    m->unit_bound = 16;
    m->fetch_unit_split = 2048;
    for (int i = 0; i < n; i++) {
        m->page[i].va = va + PG * (uint64_t)i;
        m->page[i].state = RM_MAPPED;
        m->page[i].frame = i;
        m->frame[i].abs = 0x100000 + PG * (uint64_t)i;
    }
    m->npages = m->nframes = n;
    return m;
}

static void hand_put(RmMachine *m, uint64_t a, const void *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        *rm_byte(m, a + i) = ((const uint8_t *)p)[i];
}

TEST(refmodel_hand_mvc_replicates_and_sets_change_bit)
{
    /* MVC 1(4,R5),0(R5): d = s + 1 replicates the first byte (ZARCH-NOTES §7.1). */
    RmMachine *m = hand_machine(0x10000, 1);
    hand_put(m, 0x10100, "\x41\x42\x43\x44\x45\x46", 6);
    m->gr[5] = 0x10100;
    RmInsn in = { .op = RM_MVC, .b1 = 5, .d1 = 1, .b2 = 5, .d2 = 0, .l1 = 3 };
    CHECK_EQ(rm_execute(m, &in), 0);
    CHECK_MEM(rm_byte(m, 0x10100), "\x41\x41\x41\x41\x41\x46", 6);
    CHECK(m->frame[0].key & RM_KEY_C);
    free(m);
}

TEST(refmodel_hand_teids)
{
    /* XC over a page boundary; second page of operand 1 invalid in the page
     * table: 0x11, TEID = page | fetch (an update operand). */
    RmMachine *m = hand_machine(0x20000, 2);
    m->page[1].state = RM_INV_PAGE;
    m->gr[1] = 0x20FF0;
    m->gr[2] = 0x20000;
    RmInsn xc = { .op = RM_XC, .b1 = 1, .b2 = 2, .l1 = 0x1F };
    CHECK_EQ(rm_execute(m, &xc), 0x11);
    CHECK_EQ(m->teid, 0x21000 | 0x800);
    CHECK(!(m->frame[0].key & RM_KEY_C));        /* nothing stored */

    /* MVC into a DAT-protected page: 0x04, TEID page | store | DAT (001). */
    m->page[1].state = RM_MAPPED;
    m->page[1].dat_prot = true;
    RmInsn mvc = { .op = RM_MVC, .b1 = 1, .b2 = 2, .l1 = 0x1F };
    CHECK_EQ(rm_execute(m, &mvc), 0x04);
    CHECK_EQ(m->teid, 0x21000 | 0x400 | 0x4);

    /* Key 3 against ACC 5 with F: an update reports the fetch (0x800 | key
     * 010); without F the store (0x400 | 0x8); a pure fetch passes. */
    m->page[1].dat_prot = false;
    m->psw_key = 3;
    m->frame[0].key = 0x50 | RM_KEY_F;
    m->frame[1].key = 0x30;
    CHECK_EQ(rm_execute(m, &xc), 0x04);
    CHECK_EQ(m->teid, 0x20000 | 0x800 | 0x8);
    m->frame[0].key = 0x50;
    CHECK_EQ(rm_execute(m, &xc), 0x04);
    CHECK_EQ(m->teid, 0x20000 | 0x400 | 0x8);
    RmInsn clc = { .op = RM_CLC, .b1 = 1, .b2 = 2, .l1 = 0x1F };
    CHECK_EQ(rm_execute(m, &clc), 0);

    /* A frame outside storage: addressing, no TEID. */
    m->page[1].state = RM_NO_STORAGE;
    CHECK_EQ(rm_execute(m, &clc), 0x05);
    CHECK(!m->teid_valid);
    free(m);
}

TEST(refmodel_hand_mvcl)
{
    /* MVCL R2,R4: 6 bytes into 10 with pad '*' -> CC 2 (op1 longer), lengths
     * 0 and 0, addresses advanced by 10 and 6. */
    RmMachine *m = hand_machine(0x30000, 1);
    hand_put(m, 0x30000, "ABCDEF", 6);
    m->gr[2] = 0x30100;
    m->gr[3] = 10;
    m->gr[4] = 0x30000;
    m->gr[5] = 0x2A000006ULL;      /* pad 0x2A in bits 32-39 */
    RmInsn in = { .op = RM_MVCL, .r1 = 2, .r2 = 4 };
    CHECK_EQ(rm_execute(m, &in), 0);
    CHECK_EQ(m->cc, 2);
    CHECK_MEM(rm_byte(m, 0x30100), "ABCDEF****", 10);
    CHECK_EQ(m->gr[2], 0x3010A);
    CHECK_EQ(m->gr[3], 0);
    CHECK_EQ(m->gr[4], 0x30006);
    CHECK_EQ(m->gr[5], 0x2A000000ULL);

    /* Destructive overlap: op1 starts at op2 + 1 -> CC 3, nothing moved. */
    m->gr[2] = 0x30001;
    m->gr[3] = 4;
    m->gr[4] = 0x30000;
    m->gr[5] = 4;
    CHECK_EQ(rm_execute(m, &in), 0);
    CHECK_EQ(m->cc, 3);
    CHECK_MEM(rm_byte(m, 0x30000), "ABCDEF", 6);
    CHECK_EQ(m->gr[3], 4);
    free(m);
}

TEST(refmodel_hand_strings)
{
    RmMachine *m = hand_machine(0x40000, 1);
    hand_put(m, 0x40000, "abc\0xyz", 7);
    hand_put(m, 0x40100, "abd\0", 4);
    /* CLST R6,R7 with terminator 0: "abd" > "abc" at offset 2 -> CC 2, the
     * registers at the unequal bytes. */
    m->gr[0] = 0;
    m->gr[6] = 0x40100;
    m->gr[7] = 0x40000;
    RmInsn clst = { .op = RM_CLST, .r1 = 6, .r2 = 7 };
    CHECK_EQ(rm_execute(m, &clst), 0);
    CHECK_EQ(m->cc, 2);
    CHECK_EQ(m->gr[6], 0x40102);
    CHECK_EQ(m->gr[7], 0x40002);
    /* SRST R8,R9 for 'y' in [0x40000, 0x40007): found at 0x40005, CC 1;
     * R9 unchanged. */
    m->gr[0] = 'y';
    m->gr[8] = 0x40007;
    m->gr[9] = 0x40000;
    RmInsn srst = { .op = RM_SRST, .r1 = 8, .r2 = 9 };
    CHECK_EQ(rm_execute(m, &srst), 0);
    CHECK_EQ(m->cc, 1);
    CHECK_EQ(m->gr[8], 0x40005);
    CHECK_EQ(m->gr[9], 0x40000);
    /* GR0 bits 32-55 nonzero: specification. */
    m->gr[0] = 0x100 | 'y';
    CHECK_EQ(rm_execute(m, &srst), 0x06);
    free(m);
}

TEST(refmodel_hand_edit)
{
    /* ED/EDMK with pattern 40 20 21 20 4B 20 20 and source 01 23 4C
     * (digits 0 1 2 3 4, plus sign), by the editing rules:
     *   40 message, indicator off  -> fill 40
     *   20 digit 0, off            -> fill 40
     *   21 digit 1 (nonzero)       -> F1, indicator on  (EDMK marks here)
     *   20 digit 2                 -> F2
     *   4B message, on             -> 4B
     *   20 digit 3                 -> F3
     *   20 digit 4, then plus sign -> F4, indicator off
     * CC 2 (nonzero, indicator off); with a minus sign (D) CC 1. */
    static const uint8_t pat[] = { 0x40, 0x20, 0x21, 0x20, 0x4B, 0x20, 0x20 };
    static const uint8_t want[] = { 0x40, 0x40, 0xF1, 0xF2, 0x4B, 0xF3, 0xF4 };
    RmMachine *m = hand_machine(0x50000, 1);
    hand_put(m, 0x50000, pat, sizeof(pat));
    hand_put(m, 0x50100, "\x01\x23\x4C", 3);
    m->gr[3] = 0x50000;
    m->gr[4] = 0x50100;
    m->gr[1] = 0xAAAAAAAAAAAAAAAAULL;
    RmInsn ed = { .op = RM_EDMK, .b1 = 3, .b2 = 4, .l1 = sizeof(pat) - 1 };
    CHECK_EQ(rm_execute(m, &ed), 0);
    CHECK_MEM(rm_byte(m, 0x50000), want, sizeof(want));
    CHECK_EQ(m->cc, 2);
    CHECK_EQ(m->gr[1], 0x50002);

    hand_put(m, 0x50000, pat, sizeof(pat));
    hand_put(m, 0x50100, "\x01\x23\x4D", 3);
    ed.op = RM_ED;
    m->gr[1] = 7;
    CHECK_EQ(rm_execute(m, &ed), 0);
    CHECK_MEM(rm_byte(m, 0x50000), want, sizeof(want));
    CHECK_EQ(m->cc, 1);
    CHECK_EQ(m->gr[1], 7);      /* ED leaves GR1 alone */

    /* An invalid left digit (A) in the second source byte: data exception;
     * the three result bytes before its digit position stand. */
    hand_put(m, 0x50000, pat, sizeof(pat));
    hand_put(m, 0x50100, "\x01\xA3\x4C", 3);
    CHECK_EQ(rm_execute(m, &ed), 0x07);
    CHECK_MEM(rm_byte(m, 0x50000), "\x40\x40\xF1\x20\x4B\x20\x20", 7);
    free(m);
}

TEST(refmodel_hand_decimal_moves)
{
    /* PACK 0(3,R1),0(4,R2): zoned F1 F2 F3 C4 -> 00 12 34 ... as 3 bytes:
     * rightmost byte C4 swapped -> 4C, then 2 3 -> 23, 1 -> 01. */
    RmMachine *m = hand_machine(0x60000, 1);
    hand_put(m, 0x60100, "\xF1\xF2\xF3\xC4", 4);
    m->gr[1] = 0x60000;
    m->gr[2] = 0x60100;
    RmInsn pack = { .op = RM_PACK, .b1 = 1, .b2 = 2, .l1 = 2, .l2 = 3 };
    CHECK_EQ(rm_execute(m, &pack), 0);
    CHECK_MEM(rm_byte(m, 0x60000), "\x01\x23\x4C", 3);
    /* UNPK back into 5 bytes: F0 F1 F2 F3 C4. */
    RmInsn unpk = { .op = RM_UNPK, .b1 = 2, .b2 = 1, .l1 = 4, .l2 = 2 };
    CHECK_EQ(rm_execute(m, &unpk), 0);
    CHECK_MEM(rm_byte(m, 0x60100), "\xF0\xF1\xF2\xF3\xC4", 5);
    /* MVO 0(3,R1),0(2,R2) with op1 = 77 88 9C and op2 = 12 34: the digits
     * 1 2 3 4 shifted left of op1's last digit C -> 01 23 4C. */
    hand_put(m, 0x60000, "\x77\x88\x9C", 3);
    hand_put(m, 0x60100, "\x12\x34", 2);
    RmInsn mvo = { .op = RM_MVO, .b1 = 1, .b2 = 2, .l1 = 2, .l2 = 1 };
    CHECK_EQ(rm_execute(m, &mvo), 0);
    CHECK_MEM(rm_byte(m, 0x60000), "\x01\x23\x4C", 3);
    free(m);
}

TEST(refmodel_hand_mvck)
{
    /* MVCK 0(R4,R5),0(R6),R7: true length 300 -> 256 bytes move, CC 3.  The
     * source frame has ACC 6 with F: PSW key 2 could not fetch it, the key
     * 6 in R7 bits 56-59 can; the destination takes the PSW key (ACC 2). */
    RmMachine *m = hand_machine(0x70000, 2);
    m->psw_key = 2;
    m->frame[0].key = 0x20;
    m->frame[1].key = 0x60 | RM_KEY_F;
    for (int i = 0; i < 256; i++)
        *rm_byte(m, 0x71000 + (uint64_t)i) = (uint8_t)i;
    m->gr[4] = 300;
    m->gr[5] = 0x70000;
    m->gr[6] = 0x71000;
    m->gr[7] = 0x60;
    RmInsn in = { .op = RM_MVCK, .r1 = 4, .r3 = 7, .b1 = 5, .b2 = 6 };
    CHECK_EQ(rm_execute(m, &in), 0);
    CHECK_EQ(m->cc, 3);
    CHECK_EQ(*rm_byte(m, 0x700FF), 0xFF);
    CHECK_EQ(m->gr[4], 300);                    /* R1 unchanged */
    /* With key 3 in R7 the fetch is refused: 0x04, TEID page | fetch | key. */
    m->gr[7] = 0x30;
    CHECK_EQ(rm_execute(m, &in), 0x04);
    CHECK_EQ(m->teid, 0x71000 | 0x800 | 0x8);
    /* Problem state with key 3 not in the PSW-key mask: privileged operation. */
    m->problem_state = true;
    m->pkm = 0x8000 >> 6;
    CHECK_EQ(rm_execute(m, &in), 0x02);
    free(m);
}
