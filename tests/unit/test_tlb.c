/* The software TLB (tlb.h, DESIGN.md §4): fill and lookup per kind, key
 * tagging, flag bits, the victim array, flushing by page and by frame. */
#include <stdlib.h>

#include "cpu/cpu.h"
#include "mmu/tlb.h"
#include "test.h"

static uint8_t frames[8][4096] __attribute__((aligned(4096)));

static Tlb *tlb_new(void)
{
    Tlb *t = malloc(sizeof(*t));
    tlb_init(t);
    return t;
}

/* Two pages share a direct slot when they differ by a multiple of
 * TLB_ENTRIES pages. */
#define STRIDE ((uint64_t)TLB_ENTRIES * 4096)

TEST(tlb_empty_after_flush_all)
{
    Tlb *t = tlb_new();
    uint64_t fl = 0;
    /* page 0 with key 0 is the tag value a zeroed entry would have: a
     * flushed TLB must not hit it */
    for (int s = 0; s < TLB_NSPACES; s++)
        for (int k = TLB_KIND_READ; k <= TLB_KIND_FETCH; k++) {
            CHECK(tlb_lookup(t, s, 0, k, 0, &fl) == NULL);
            CHECK(tlb_fast_host(t, s, 0, k, 0) == NULL);
        }
    free(t);
}

TEST(tlb_fill_and_lookup_per_kind)
{
    Tlb *t = tlb_new();
    uint64_t fl = 99;
    const uint64_t va = 0x7654321000ULL;
    tlb_fill(t, TLB_SPACE_PRIMARY, va + 0x10, TLB_KIND_READ, 0, 0x345000, frames[0], 0);
    TlbEntry *e = tlb_lookup(t, TLB_SPACE_PRIMARY, va + 0xFFF, TLB_KIND_READ, 0, &fl);
    CHECK(e != NULL);
    CHECK_EQ(fl, 0);
    CHECK_EQ(e ? e->abs : 0, 0x345000);
    CHECK(e && e->host == frames[0]);
    /* exact tag: page | key << 4 */
    CHECK_EQ(e ? e->tag_read : 0, va);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, va + 0x123, TLB_KIND_READ, 0) == frames[0] + 0x123);
    /* write and fetch not cached */
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_WRITE, 0, &fl) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_FETCH, 0, &fl) == NULL);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, va, TLB_KIND_WRITE, 0) == NULL);
    /* other spaces and neighbour pages miss */
    CHECK(tlb_lookup(t, TLB_SPACE_SECONDARY, va, TLB_KIND_READ, 0, &fl) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_HOME, va, TLB_KIND_READ, 0, &fl) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va + 0x1000, TLB_KIND_READ, 0, &fl) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va + STRIDE, TLB_KIND_READ, 0, &fl) == NULL);

    /* a write fill of the same page keeps the read translation */
    tlb_fill(t, TLB_SPACE_PRIMARY, va, TLB_KIND_WRITE, 0, 0x345000, frames[0], TLB_NOTDIRTY);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0, &fl) == e);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_WRITE, 0, &fl) == e);
    CHECK_EQ(fl, TLB_NOTDIRTY);
    /* a flag sends the fast path to the slow path */
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, va, TLB_KIND_WRITE, 0) == NULL);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0) == frames[0]);
    /* refill without the flag: fast write hits */
    tlb_fill(t, TLB_SPACE_PRIMARY, va, TLB_KIND_WRITE, 0, 0x345000, frames[0], 0);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, va + 8, TLB_KIND_WRITE, 0) == frames[0] + 8);
    /* instruction fetch kind */
    tlb_fill(t, TLB_SPACE_PRIMARY, va, TLB_KIND_FETCH, 0, 0x345000, frames[0], 0);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, va + 2, TLB_KIND_FETCH, 0) == frames[0] + 2);
    free(t);
}

TEST(tlb_key_tagging)
{
    Tlb *t = tlb_new();
    uint64_t fl;
    const uint64_t va = 0x5000;
    tlb_fill(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 3, 0x5000, frames[1], 0);
    TlbEntry *e = tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 3, &fl);
    CHECK(e != NULL);
    CHECK_EQ(e ? e->tag_read : 0, 0x5000 | 3 << 4);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0, &fl) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 4, &fl) == NULL);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0) == NULL);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 3) == frames[1]);
    /* the same page under another key is a separate entry: both survive
     * (one of them in the victim array) */
    tlb_fill(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0, 0x5000, frames[1], 0);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0, &fl) != NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 3, &fl) != NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, va, TLB_KIND_READ, 0, &fl) != NULL);
    free(t);
}

TEST(tlb_handle_entries_never_hit_fast)
{
    Tlb *t = tlb_new();
    uint64_t fl = 0;
    /* no host pointer (I/O frame): the tag must carry TLB_HANDLE even if the
     * caller forgot it, else the fast path would return NULL + offset */
    tlb_fill(t, TLB_SPACE_REAL, 0x9000, TLB_KIND_READ, 0, 0x10000000, NULL, 0);
    TlbEntry *e = tlb_lookup(t, TLB_SPACE_REAL, 0x9000, TLB_KIND_READ, 0, &fl);
    CHECK(e != NULL);
    CHECK(fl & TLB_HANDLE);
    CHECK(tlb_fast_host(t, TLB_SPACE_REAL, 0x9000, TLB_KIND_READ, 0) == NULL);
    /* a RAM page whose writes need a handle (watched): reads stay fast */
    tlb_fill(t, TLB_SPACE_REAL, 0xA000, TLB_KIND_READ, 0, 0xA000, frames[2], 0);
    tlb_fill(t, TLB_SPACE_REAL, 0xA000, TLB_KIND_WRITE, 0, 0xA000, NULL, TLB_HANDLE);
    CHECK(tlb_fast_host(t, TLB_SPACE_REAL, 0xA000, TLB_KIND_READ, 0) == frames[2]);
    CHECK(tlb_fast_host(t, TLB_SPACE_REAL, 0xA000, TLB_KIND_WRITE, 0) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_REAL, 0xA000, TLB_KIND_WRITE, 0, &fl) != NULL);
    CHECK_EQ(fl, TLB_HANDLE);
    free(t);
}

TEST(tlb_new_frame_drops_other_kinds)
{
    Tlb *t = tlb_new();
    uint64_t fl;
    tlb_fill(t, TLB_SPACE_PRIMARY, 0x3000, TLB_KIND_READ, 0, 0x3000, frames[3], 0);
    tlb_fill(t, TLB_SPACE_PRIMARY, 0x3000, TLB_KIND_WRITE, 0, 0x8000, frames[4], 0);
    TlbEntry *e = tlb_lookup(t, TLB_SPACE_PRIMARY, 0x3000, TLB_KIND_WRITE, 0, &fl);
    CHECK(e && e->abs == 0x8000 && e->host == frames[4]);
    /* the read translation to the old frame is gone */
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, 0x3000, TLB_KIND_READ, 0, &fl) == NULL);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, 0x3000, TLB_KIND_READ, 0) == NULL);
    free(t);
}

TEST(tlb_victims)
{
    Tlb *t = tlb_new();
    uint64_t fl;
    const uint64_t base = 0x40000000ULL;
    /* base and base + STRIDE collide in the direct slot */
    tlb_fill(t, TLB_SPACE_PRIMARY, base, TLB_KIND_READ, 0, 0x1000, frames[0], 0);
    tlb_fill(t, TLB_SPACE_PRIMARY, base + STRIDE, TLB_KIND_READ, 0, 0x2000, frames[1], 0);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, base + STRIDE, TLB_KIND_READ, 0) == frames[1]);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, base, TLB_KIND_READ, 0) == NULL);
    /* lookup finds the victim and swaps it back into the direct slot */
    TlbEntry *e = tlb_lookup(t, TLB_SPACE_PRIMARY, base, TLB_KIND_READ, 0, &fl);
    CHECK(e && e->abs == 0x1000);
    CHECK(tlb_fast_host(t, TLB_SPACE_PRIMARY, base, TLB_KIND_READ, 0) == frames[0]);
    e = tlb_lookup(t, TLB_SPACE_PRIMARY, base + STRIDE, TLB_KIND_READ, 0, &fl);
    CHECK(e && e->abs == 0x2000);

    /* a fill for a page held as a victim merges into that entry */
    tlb_fill(t, TLB_SPACE_PRIMARY, base, TLB_KIND_WRITE, 0, 0x1000, frames[0], 0);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, base, TLB_KIND_READ, 0, &fl) != NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, base, TLB_KIND_WRITE, 0, &fl) != NULL);

    /* 1 + TLB_VICTIMS + 1 colliding pages: the direct slot and
     * TLB_VICTIMS victims hold the newest TLB_VICTIMS + 1 */
    tlb_flush_all(t);
    const int n = TLB_VICTIMS + 2;
    for (int i = 0; i < n; i++)
        tlb_fill(t, TLB_SPACE_HOME, base + i * STRIDE, TLB_KIND_READ, 0, 0x1000 * (i + 1),
                 frames[0], 0);
    int hits = 0;
    for (int i = n - 1; i >= 0; i--) {
        TlbEntry *h = tlb_lookup(t, TLB_SPACE_HOME, base + i * STRIDE, TLB_KIND_READ, 0, &fl);
        if (h) {
            hits++;
            CHECK_EQ(h->abs, 0x1000 * (i + 1));
        }
        if (i == 0)
            CHECK(h == NULL);     /* the oldest was evicted */
    }
    CHECK_EQ(hits, TLB_VICTIMS + 1);
    free(t);
}

TEST(tlb_flush_page_every_space_and_victims)
{
    Tlb *t = tlb_new();
    uint64_t fl;
    const uint64_t va = 0x123000, other = va + STRIDE;
    for (int s = 0; s < TLB_NSPACES; s++) {
        tlb_fill(t, s, va, TLB_KIND_READ, 0, 0x10000 + s * 0x1000, frames[s], 0);
        tlb_fill(t, s, va, TLB_KIND_WRITE, 0, 0x10000 + s * 0x1000, frames[s], 0);
        /* same page, key 5, pushes the key-0 entry into the victims */
        tlb_fill(t, s, va, TLB_KIND_READ, 5, 0x10000 + s * 0x1000, frames[s], 0);
    }
    /* a colliding page and a neighbour survive */
    tlb_fill(t, TLB_SPACE_PRIMARY, other, TLB_KIND_READ, 0, 0x30000, frames[5], 0);
    tlb_fill(t, TLB_SPACE_PRIMARY, va + 0x1000, TLB_KIND_READ, 0, 0x31000, frames[6], 0);
    tlb_flush_page(t, va + 0x456);
    for (int s = 0; s < TLB_NSPACES; s++)
        for (int k = TLB_KIND_READ; k <= TLB_KIND_FETCH; k++) {
            CHECK(tlb_lookup(t, s, va, k, 0, &fl) == NULL);
            CHECK(tlb_lookup(t, s, va, k, 5, &fl) == NULL);
            CHECK(tlb_fast_host(t, s, va, k, 0) == NULL);
        }
    TlbEntry *e = tlb_lookup(t, TLB_SPACE_PRIMARY, other, TLB_KIND_READ, 0, &fl);
    CHECK(e && e->abs == 0x30000);
    e = tlb_lookup(t, TLB_SPACE_PRIMARY, va + 0x1000, TLB_KIND_READ, 0, &fl);
    CHECK(e && e->abs == 0x31000);
    free(t);
}

TEST(tlb_flush_abs_drops_every_mapping_of_a_frame)
{
    Tlb *t = tlb_new();
    uint64_t fl;
    /* frame 0x77000 mapped by three pages in two spaces, one of them a
     * victim; frame 0x78000 by one page */
    tlb_fill(t, TLB_SPACE_PRIMARY, 0x1000, TLB_KIND_READ, 0, 0x77000, frames[0], 0);
    tlb_fill(t, TLB_SPACE_PRIMARY, 0x1000 + STRIDE, TLB_KIND_READ, 0, 0x78000, frames[1], 0);
    tlb_fill(t, TLB_SPACE_SECONDARY, 0x9000, TLB_KIND_WRITE, 2, 0x77000, frames[0], 0);
    tlb_fill(t, TLB_SPACE_REAL, 0x77000, TLB_KIND_FETCH, 0, 0x77000, frames[0], 0);
    tlb_flush_abs(t, 0x77abc);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, 0x1000, TLB_KIND_READ, 0, &fl) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_SECONDARY, 0x9000, TLB_KIND_WRITE, 2, &fl) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_REAL, 0x77000, TLB_KIND_FETCH, 0, &fl) == NULL);
    TlbEntry *e = tlb_lookup(t, TLB_SPACE_PRIMARY, 0x1000 + STRIDE, TLB_KIND_READ, 0, &fl);
    CHECK(e && e->abs == 0x78000);
    /* and the victim case: 0x78000's page pushed into the victims, then flushed */
    tlb_fill(t, TLB_SPACE_PRIMARY, 0x1000, TLB_KIND_READ, 0, 0x79000, frames[2], 0);
    tlb_flush_abs(t, 0x78000);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, 0x1000 + STRIDE, TLB_KIND_READ, 0, &fl) == NULL);
    CHECK(tlb_lookup(t, TLB_SPACE_PRIMARY, 0x1000, TLB_KIND_READ, 0, &fl) != NULL);
    free(t);
}

/* The whole-TLB scans skip sets not filled since the last flush_all: a set
 * first filled after one must still be reached by each of them. */
TEST(tlb_scans_reach_a_set_filled_after_a_flush)
{
    Tlb *t = tlb_new();
    uint64_t fl;
    tlb_flush_all(t);
    tlb_fill(t, TLB_SPACE_HOME, 0x5000, TLB_KIND_WRITE, 0, 0x77000, frames[0], 0);
    CHECK(tlb_fast_host(t, TLB_SPACE_HOME, 0x5000, TLB_KIND_WRITE, 0) == frames[0]);
    tlb_code_protect(t, 0x77000);
    CHECK(tlb_fast_host(t, TLB_SPACE_HOME, 0x5000, TLB_KIND_WRITE, 0) == NULL);
    tlb_flush_abs(t, 0x77000);
    CHECK(tlb_lookup(t, TLB_SPACE_HOME, 0x5000, TLB_KIND_WRITE, 0, &fl) == NULL);

    tlb_fill(t, TLB_SPACE_SECONDARY, 0x6000, TLB_KIND_READ, 0, 0x78000, frames[1], 0);
    tlb_flush_all(t);
    CHECK(tlb_lookup(t, TLB_SPACE_SECONDARY, 0x6000, TLB_KIND_READ, 0, &fl) == NULL);
    /* and once more after that flush (which forgot every set) */
    tlb_fill(t, TLB_SPACE_SECONDARY, 0x6000, TLB_KIND_READ, 0, 0x78000, frames[1], 0);
    tlb_flush_all(t);
    CHECK(tlb_lookup(t, TLB_SPACE_SECONDARY, 0x6000, TLB_KIND_READ, 0, &fl) == NULL);
    free(t);
}

/* Random fills and flushes against a simple model: a lookup may miss (the
 * TLB is a cache) but must never return a translation the model does not
 * hold. */
TEST(tlb_random_never_stale)
{
    Tlb *t = tlb_new();
    uint64_t seed = 12345;
    enum { NP = 24 };
    /* model[space][page][key] = abs + 1, 0 = nothing cached */
    static uint64_t model[TLB_NSPACES][NP][4];
    memset(model, 0, sizeof(model));
    int bad = 0, hits = 0;
    for (int step = 0; step < 20000; step++) {
        int s = (int)(test_rand(&seed) % TLB_NSPACES);
        int p = (int)(test_rand(&seed) % NP);
        int k = (int)(test_rand(&seed) % 4);
        /* pages collide heavily: p * STRIDE / 2 maps to 2 slots */
        uint64_t va = (uint64_t)p * (STRIDE / 2);
        uint64_t op = test_rand(&seed) % 20;
        if (op < 9) {
            uint64_t abs = (test_rand(&seed) % 6) * 0x1000;
            tlb_fill(t, s, va, TLB_KIND_READ, (uint8_t)k, abs, frames[abs >> 12], 0);
            model[s][p][k] = abs + 1;
        } else if (op < 18) {
            uint64_t fl;
            TlbEntry *e = tlb_lookup(t, s, va, TLB_KIND_READ, (uint8_t)k, &fl);
            if (e) {
                hits++;
                if (model[s][p][k] != e->abs + 1 || e->host != frames[e->abs >> 12])
                    bad++;
            }
        } else if (op == 18) {
            tlb_flush_page(t, va);
            for (int a = 0; a < TLB_NSPACES; a++)
                for (int b = 0; b < 4; b++)
                    model[a][p][b] = 0;
        } else {
            uint64_t abs = (test_rand(&seed) % 6) * 0x1000;
            tlb_flush_abs(t, abs);
            for (int a = 0; a < TLB_NSPACES; a++)
                for (int q = 0; q < NP; q++)
                    for (int b = 0; b < 4; b++)
                        if (model[a][q][b] == abs + 1)
                            model[a][q][b] = 0;
        }
    }
    CHECK_EQ(bad, 0);
    CHECK(hits > 500);
    free(t);
}

/* The pair tags (tlb.h) of the slots around the end of a set, through
 * every kind of change, against their meaning: a live slot's read (write)
 * pair tag is its page | key << 4 exactly when that page and the next are
 * fast hits for the kind and key (tlb_fast_host) whose hosts are one page
 * apart (for a set's last slot, the next page is in its first); else
 * TLB_INVALID. */
static int pairs_wrong(Tlb *t, const unsigned *slots, int nslots, int *valid)
{
    int wrong = 0;
    for (int s = 0; s < TLB_NSPACES; s++) {
        for (int j = 0; j < nslots; j++) {
            const TlbEntry *e = &t->e[s][slots[j]];
            const bool live = !(e->tag_read & e->tag_write & e->tag_fetch & TLB_INVALID);
            for (int kind = TLB_KIND_READ; kind <= TLB_KIND_WRITE; kind++) {
                const uint64_t pair = kind == TLB_KIND_READ ? e->pair_read : e->pair_write;
                const uint64_t id = e->tag_read & ~0xFULL;
                const uint64_t page = id & ~0xFFFULL;
                const uint8_t key = (uint8_t)((id >> 4) & 0xF);
                uint64_t want = TLB_INVALID;
                if (live) {
                    uint8_t *h0 = tlb_fast_host(t, s, page, kind, key);
                    uint8_t *h1 = tlb_fast_host(t, s, page + 4096, kind, key);
                    if (h0 && h1 == h0 + 4096)
                        want = id;
                }
                wrong += pair != want;
                *valid += pair != TLB_INVALID;
            }
        }
    }
    return wrong;
}

TEST(tlb_pair_tags_follow_every_change)
{
    Tlb *t = tlb_new();
    uint64_t seed = 0x9A1235ULL;
    /* pages of slots 4093..4095 and 0..2 (the set's end, and its wrap),
     * and as many sharing those slots (victims) */
    static const unsigned slots[] = { TLB_ENTRIES - 3, TLB_ENTRIES - 2, TLB_ENTRIES - 1, 0, 1, 2 };
    const uint64_t base = (uint64_t)(TLB_ENTRIES - 3) * 4096;
    int wrong = 0, valid = 0, first_wrong_step = -1;
    for (int step = 0; step < 40000; step++) {
        const int s = (int)(test_rand(&seed) % 2);
        const unsigned j = (unsigned)(test_rand(&seed) % 6);
        const uint64_t va = base + j * 4096 + (test_rand(&seed) % 4 == 0 ? 2 * STRIDE : 0);
        const uint8_t key = (uint8_t)(test_rand(&seed) % 2);
        const int kind = (int)(test_rand(&seed) % 3);
        /* frames mostly in page order, so that many pairs are contiguous */
        const unsigned f = (j + (test_rand(&seed) % 8 == 0 ? 3 : 0)) % 8;
        const uint64_t op = test_rand(&seed) % 32;
        if (op < 14) {
            const uint64_t fl = kind == TLB_KIND_WRITE && test_rand(&seed) % 4 == 0 ? TLB_NOTDIRTY : 0;
            uint8_t *host = test_rand(&seed) % 16 == 0 ? NULL : frames[f];
            tlb_fill(t, s, va, kind, key, 0x100000 + f * 0x1000ULL, host, fl);
        } else if (op < 22) {
            uint64_t fl;
            (void)tlb_lookup(t, s, va, kind, key, &fl);     /* may pull a victim in */
        } else if (op < 25) {
            tlb_mark_dirty(t, s, va, key);
        } else if (op < 27) {
            tlb_code_protect(t, 0x100000 + f * 0x1000ULL);
        } else if (op < 29) {
            tlb_flush_page(t, va);
        } else if (op < 31) {
            tlb_flush_abs(t, 0x100000 + f * 0x1000ULL);
        } else if (test_rand(&seed) % 8 == 0) {
            tlb_flush_all(t);
        }
        const int w = pairs_wrong(t, slots, 6, &valid);
        if (w && first_wrong_step < 0)
            first_wrong_step = step;
        wrong += w;
    }
    CHECK_EQ(first_wrong_step, -1);
    CHECK_EQ(wrong, 0);
    CHECK(valid > 2000);          /* the valid case is well exercised (7155) */
    free(t);
}

TEST(tlb_cpu_flush_local)
{
    Machine m;
    CPUState cpu;
    CHECK_EQ(machine_init(&m, 1 << 20), 0);
    cpu_init(&cpu, &m, 0);
    tlb_fill(&cpu.tlb, TLB_SPACE_PRIMARY, 0x4000, TLB_KIND_READ, 0, 0x4000, frames[0], 0);
    CHECK(tlb_fast_host(&cpu.tlb, TLB_SPACE_PRIMARY, 0x4000, TLB_KIND_READ, 0) == frames[0]);
    cpu_flush_tlb_local(&cpu);
    CHECK(tlb_fast_host(&cpu.tlb, TLB_SPACE_PRIMARY, 0x4000, TLB_KIND_READ, 0) == NULL);
    machine_destroy(&m);
}
