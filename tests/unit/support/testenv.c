/* Test machine and DAT table builder (see testenv.h).
 *
 * The builder knows the table formats itself (ZARCH-NOTES §5.1-5.3) and never
 * calls the DAT code under test: tenv_v2abs walks the tables on its own, so a
 * test that writes through it and reads through the MMU compares two
 * independent implementations. */
#include "testenv.h"

#include "access/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void tenv_die(const char *what, uint64_t a, uint64_t b)
{
    fprintf(stderr, "testenv: %s (0x%llx, 0x%llx)\n", what, (unsigned long long)a,
            (unsigned long long)b);
    abort();
}

TestEnv *tenv_new(uint64_t ram_size)
{
    TestEnv *e = calloc(1, sizeof(*e));
    if (!e)
        tenv_die("out of host memory", ram_size, 0);
    if (machine_init(&e->m, ram_size) < 0)
        tenv_die("machine_init failed", ram_size, 0);
    cpu_init(&e->cpu, &e->m, 0);
    /* 64-bit mode, DAT off, key 0, supervisor state, primary space. */
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    e->cpu.psw_addr = 0;
    e->table_next = e->m.storage.ram_size;
    e->table_low = e->m.storage.ram_size - e->m.storage.ram_size / 4;
    return e;
}

void tenv_free(TestEnv *e)
{
    if (!e)
        return;
    machine_destroy(&e->m);
    free(e);
}

uint8_t *tenv_abs(TestEnv *e, uint64_t abs)
{
    uint8_t *p = storage_host(&e->m.storage, abs);
    if (!p)
        tenv_die("tenv_abs: not RAM", abs, 0);
    return p;
}

void tenv_tlb_warm(TestEnv *e, uint32_t space, uint64_t va, uint64_t len)
{
    CPUState *cpu = &e->cpu;
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t first = va & mask & PAGE_MASK;
    const uint64_t npages = len ? (((va & ~PAGE_MASK) + len - 1) >> 12) + 1 : 0;
    for (uint64_t i = 0; i < npages; i++) {
        const uint64_t a = (first + i * PAGE_SIZE) & mask;
        PageAccess pa;
        ProgramException exc;
        probe_nofault(cpu, a, 1, ACC_FETCH, space, cpu_psw_key(cpu), &pa, &exc);
        probe_nofault(cpu, a, 1, ACC_STORE, space, cpu_psw_key(cpu), &pa, &exc);
    }
}

static uint64_t rd64(TestEnv *e, uint64_t abs)
{
    const uint8_t *p = tenv_abs(e, abs);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

static void wr64(TestEnv *e, uint64_t abs, uint64_t v)
{
    uint8_t *p = tenv_abs(e, abs);
    for (int i = 7; i >= 0; i--, v >>= 8)
        p[i] = (uint8_t)v;
}

/* ---- table geometry, by level (LVL_REGION1 .. LVL_PAGE) ---- */

/* Shift of the index of va in a table of each level. */
static const unsigned lvl_shift[5] = { 53, 42, 31, 20, 12 };

static uint64_t lvl_index(uint64_t va, int lvl)
{
    return (va >> lvl_shift[lvl]) & (lvl == LVL_PAGE ? 0xFF : 0x7FF);
}

/* The invalid entry a fresh table of that level is filled with. */
static uint64_t lvl_invalid(int lvl)
{
    switch (lvl) {
    case LVL_REGION1: return REGION_ENTRY_I | TT_REGION1;
    case LVL_REGION2: return REGION_ENTRY_I | TT_REGION2;
    case LVL_REGION3: return REGION_ENTRY_I | TT_REGION3;
    case LVL_SEGMENT: return SEGMENT_ENTRY_I | TT_SEGMENT;
    default:          return PAGE_ENTRY_I;
    }
}

/* Allocates a full-length table of a level from the top of RAM downwards:
 * region and segment tables 2048 entries (16 KiB, 4 KiB aligned), page
 * tables 256 entries (2 KiB, 2 KiB aligned). */
static uint64_t table_alloc(TestEnv *e, int lvl)
{
    uint64_t size = lvl == LVL_PAGE ? 2048 : 16384;
    uint64_t align = lvl == LVL_PAGE ? 2048 : 4096;
    uint64_t o = (e->table_next - size) & ~(align - 1);
    if (e->table_next < size || o < e->table_low)
        tenv_die("DAT table space exhausted", e->table_next, e->table_low);
    e->table_next = o;
    uint8_t *p = tenv_abs(e, o);
    memset(p, 0, size);
    uint64_t inv = lvl_invalid(lvl);
    for (uint64_t i = 0; i < size / 8; i++)
        wr64(e, o + i * 8, inv);
    return o;
}

static int asce_level(uint64_t asce)
{
    return 3 - (int)((asce & ASCE_TYPE_MASK) >> 2);
}

/* True when va is within the reach of a first table of level lvl. */
static bool asce_reaches(int lvl, uint64_t va)
{
    return lvl == LVL_REGION1 || (va >> (lvl_shift[lvl] + 11)) == 0;
}

uint64_t tenv_asce_new(TestEnv *e, uint64_t asce_type)
{
    asce_type &= ASCE_TYPE_MASK;
    return table_alloc(e, 3 - (int)(asce_type >> 2)) | asce_type | ASCE_TL;
}

/* Does a region/segment entry point to a table the builder can descend into?
 * Fresh invalid entries have origin 0 (no table; tables are never at 0), and
 * large-frame entries have FC = 1.  An entry a test made invalid by setting
 * its I bit keeps its table. */
static bool entry_has_table(uint64_t ent, int lvl)
{
    if (lvl == LVL_SEGMENT)
        return (ent & SEGMENT_ENTRY_ORIGIN) != 0 && !(ent & SEGMENT_ENTRY_FC);
    if (lvl == LVL_REGION3 && (ent & REGION_ENTRY_FC))
        return false;
    return (ent & REGION_ENTRY_ORIGIN) != 0;
}

static uint64_t entry_origin(uint64_t ent, int lvl)
{
    return lvl == LVL_SEGMENT ? ent & SEGMENT_ENTRY_ORIGIN : ent & REGION_ENTRY_ORIGIN;
}

/* Absolute address of the entry for va at level `want`; with create, tables
 * missing on the path are allocated (and large frames above want replaced);
 * without, 0 when the path has no table at that level. */
static uint64_t walk_to(TestEnv *e, uint64_t asce, uint64_t va, int want, bool create)
{
    int lvl = asce_level(asce);
    if (want < lvl || !asce_reaches(lvl, va)) {
        if (create)
            tenv_die("address not reachable under this ASCE", asce, va);
        return 0;
    }
    uint64_t origin = asce & ASCE_ORIGIN;
    for (;; lvl++) {
        uint64_t ea = origin + lvl_index(va, lvl) * 8;
        if (lvl == want)
            return ea;
        uint64_t ent = rd64(e, ea);
        if (!entry_has_table(ent, lvl)) {
            if (!create)
                return 0;
            uint64_t t = table_alloc(e, lvl + 1);
            if (lvl == LVL_SEGMENT)
                ent = t | TT_SEGMENT;
            else
                ent = t | (uint64_t)(3 - lvl) << 2 | REGION_ENTRY_TL;  /* TT of lvl, TF 0 */
            wr64(e, ea, ent);
        }
        origin = entry_origin(ent, lvl);
    }
}

void tenv_map(TestEnv *e, uint64_t asce, uint64_t va, uint64_t real, uint64_t pte_bits)
{
    uint64_t ea = walk_to(e, asce, va, LVL_PAGE, true);
    wr64(e, ea, (real & PAGE_ENTRY_ORIGIN) | (pte_bits & ~PAGE_ENTRY_I & 0xFFF));
}

void tenv_map_range(TestEnv *e, uint64_t asce, uint64_t va, uint64_t real, uint64_t len,
                    uint64_t pte_bits)
{
    uint64_t end = va + len;
    for (va &= PAGE_MASK, real &= PAGE_MASK; va < end; va += PAGE_SIZE, real += PAGE_SIZE)
        tenv_map(e, asce, va, real, pte_bits);
}

void tenv_map_large1m(TestEnv *e, uint64_t asce, uint64_t va, uint64_t abs, uint64_t entry_bits)
{
    uint64_t ea = walk_to(e, asce, va, LVL_SEGMENT, true);
    wr64(e, ea, (abs & SEGMENT_ENTRY_SFAA) | SEGMENT_ENTRY_FC | TT_SEGMENT |
                (entry_bits & ~SEGMENT_ENTRY_I & 0xFFFFF));
}

void tenv_map_large2g(TestEnv *e, uint64_t asce, uint64_t va, uint64_t abs, uint64_t entry_bits)
{
    uint64_t ea = walk_to(e, asce, va, LVL_REGION3, true);
    wr64(e, ea, (abs & REGION3_ENTRY_RFAA) | REGION_ENTRY_FC | TT_REGION3 |
                (entry_bits & ~REGION_ENTRY_I & 0x7FFFFFFF));
}

uint64_t tenv_entry_addr(TestEnv *e, uint64_t asce, uint64_t va, int level)
{
    if (level < LVL_REGION1 || level > LVL_PAGE)
        return 0;
    return walk_to(e, asce, va, level, false);
}

void tenv_entry_or(TestEnv *e, uint64_t asce, uint64_t va, int level, uint64_t bits)
{
    uint64_t ea = tenv_entry_addr(e, asce, va, level);
    if (!ea)
        tenv_die("tenv_entry_or: no entry at that level", va, (uint64_t)level);
    wr64(e, ea, rd64(e, ea) | bits);
}

void tenv_entry_andnot(TestEnv *e, uint64_t asce, uint64_t va, int level, uint64_t bits)
{
    uint64_t ea = tenv_entry_addr(e, asce, va, level);
    if (!ea)
        tenv_die("tenv_entry_andnot: no entry at that level", va, (uint64_t)level);
    wr64(e, ea, rd64(e, ea) & ~bits);
}

void tenv_dat_on(TestEnv *e, uint64_t asce)
{
    e->cpu.cr[1] = asce;
    e->cpu.psw_mask |= PSW_MASK_DAT;
    /* A new primary ASCE: drop translations cached under the old one. */
    tlb_flush_all(&e->cpu.tlb);
}

/* ---- test-side translation ---- */

/* Prefixing, written out here rather than taken from mmu.h. */
static uint64_t test_prefix(uint32_t prefix, uint64_t real)
{
    uint64_t p = prefix & 0x7FFFE000u;
    if (real < 8192)
        return real + p;
    if (real >= p && real < p + 8192)
        return real - p;
    return real;
}

/* Follows I bits, FC bits and the builder's table formats; does not apply
 * length/offset checks (the builder's tables are full length). */
uint64_t tenv_v2abs(TestEnv *e, uint64_t asce, uint64_t va)
{
    if (asce & ASCE_REAL)
        return test_prefix(e->cpu.prefix, va);
    int lvl = asce_level(asce);
    if (!asce_reaches(lvl, va))
        return ~0ULL;
    uint64_t origin = asce & ASCE_ORIGIN;
    for (; lvl < LVL_PAGE; lvl++) {
        uint64_t ent = rd64(e, origin + lvl_index(va, lvl) * 8);
        if (ent & REGION_ENTRY_I)       /* same bit (58) at every region/segment level */
            return ~0ULL;
        if (lvl == LVL_REGION3 && (ent & REGION_ENTRY_FC))
            return (ent & REGION3_ENTRY_RFAA) | (va & 0x7FFFFFFFULL);
        if (lvl == LVL_SEGMENT && (ent & SEGMENT_ENTRY_FC))
            return (ent & SEGMENT_ENTRY_SFAA) | (va & 0xFFFFFULL);
        origin = entry_origin(ent, lvl);
    }
    uint64_t pte = rd64(e, origin + lvl_index(va, LVL_PAGE) * 8);
    if (pte & PAGE_ENTRY_I)
        return ~0ULL;
    return test_prefix(e->cpu.prefix, (pte & PAGE_ENTRY_ORIGIN) | (va & 0xFFF));
}

static uint64_t v2abs_or_die(TestEnv *e, uint64_t asce, uint64_t va)
{
    uint64_t a = tenv_v2abs(e, asce, va);
    if (a == ~0ULL || !storage_valid(&e->m.storage, a))
        tenv_die("virtual address not mapped to storage", asce, va);
    return a;
}

void tenv_vwrite(TestEnv *e, uint64_t asce, uint64_t va, const void *buf, uint64_t n)
{
    const uint8_t *b = buf;
    while (n) {
        uint64_t chunk = PAGE_SIZE - (va & 0xFFF);
        if (chunk > n)
            chunk = n;
        uint64_t a = v2abs_or_die(e, asce, va);
        uint8_t *p = storage_host(&e->m.storage, a);
        if (p && storage_host(&e->m.storage, a + chunk - 1))
            memcpy(p, b, chunk);
        else
            for (uint64_t i = 0; i < chunk; i++)
                storage_write_byte(&e->m.storage, a + i, b[i]);
        va += chunk;
        b += chunk;
        n -= chunk;
    }
}

void tenv_vread(TestEnv *e, uint64_t asce, uint64_t va, void *buf, uint64_t n)
{
    uint8_t *b = buf;
    while (n) {
        uint64_t chunk = PAGE_SIZE - (va & 0xFFF);
        if (chunk > n)
            chunk = n;
        uint64_t a = v2abs_or_die(e, asce, va);
        uint8_t *p = storage_host(&e->m.storage, a);
        if (p && storage_host(&e->m.storage, a + chunk - 1))
            memcpy(b, p, chunk);
        else
            for (uint64_t i = 0; i < chunk; i++)
                b[i] = storage_read_byte(&e->m.storage, a + i);
        va += chunk;
        b += chunk;
        n -= chunk;
    }
}

void tenv_amode(CPUState *cpu, int bits)
{
    cpu->psw_mask &= ~(PSW_MASK_EA | PSW_MASK_BA);
    if (bits >= 31)
        cpu->psw_mask |= PSW_MASK_BA;
    if (bits == 64)
        cpu->psw_mask |= PSW_MASK_EA;
}
