/* A machine with one CPU for host-side tests, and a builder for DAT tables.
 *
 * Tables are allocated top-down from the end of RAM (tenv->table_next), so
 * tests keep their data in low storage.  Every table is zero-filled then
 * initialised with invalid entries of the right type. */
#ifndef ZEMU_TESTENV_H
#define ZEMU_TESTENV_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "mmu/dat.h"
#include "mmu/mmu.h"

typedef struct TestEnv {
    Machine m;
    CPUState cpu;
    uint64_t table_next;   /* next free byte (downwards) for DAT tables */
    uint64_t table_low;    /* lowest address tables may use */
} TestEnv;

/* RAM of ram_size bytes (>= 1 MiB); CPU 0 at initial reset, then PSW
 * 64-bit, DAT off, key 0, supervisor state, address 0. Tables may use the top
 * quarter of RAM. */
TestEnv *tenv_new(uint64_t ram_size);
void tenv_free(TestEnv *e);

/* Levels of DAT tables */
enum { LVL_REGION1, LVL_REGION2, LVL_REGION3, LVL_SEGMENT, LVL_PAGE };

/* Allocates an empty top-level table for an ASCE of type asce_type
 * (ASCE_TYPE_REGION1 ... ASCE_TYPE_SEGMENT) of full length (TL = 3) and
 * returns the ASCE (origin | type | TL). */
uint64_t tenv_asce_new(TestEnv *e, uint64_t asce_type);

/* Maps the 4 KiB page at va to the real frame `real` under asce, creating
 * lower tables as needed (full-length, TF = 0). pte_bits are ORed into the
 * page-table entry (e.g. PAGE_ENTRY_P). */
void tenv_map(TestEnv *e, uint64_t asce, uint64_t va, uint64_t real, uint64_t pte_bits);
/* Maps [va, va+len) to [real, real+len) page by page. */
void tenv_map_range(TestEnv *e, uint64_t asce, uint64_t va, uint64_t real, uint64_t len,
                    uint64_t pte_bits);
/* Maps the 1 MiB segment at va to an EDAT-1 large frame (absolute), or the
 * 2 GiB region-third entry at va to an EDAT-2 frame; entry_bits ORed in. */
void tenv_map_large1m(TestEnv *e, uint64_t asce, uint64_t va, uint64_t abs, uint64_t entry_bits);
void tenv_map_large2g(TestEnv *e, uint64_t asce, uint64_t va, uint64_t abs, uint64_t entry_bits);

/* Absolute address of the entry for va at a level (0 when that table does not
 * exist on the path), so tests can flip bits in it. */
uint64_t tenv_entry_addr(TestEnv *e, uint64_t asce, uint64_t va, int level);
void tenv_entry_or(TestEnv *e, uint64_t asce, uint64_t va, int level, uint64_t bits);
void tenv_entry_andnot(TestEnv *e, uint64_t asce, uint64_t va, int level, uint64_t bits);

/* Loads asce into CR1 (primary) and turns DAT on in the PSW. */
void tenv_dat_on(TestEnv *e, uint64_t asce);

/* Sets the PSW addressing mode: bits = 24, 31 or 64. */
void tenv_amode(CPUState *cpu, int bits);

/* Host pointer of absolute address abs (RAM). */
uint8_t *tenv_abs(TestEnv *e, uint64_t abs);

/* Fills the CPU's TLB with the translations of every page of [va, va+len)
 * (wrapped to the addressing mode) for fetches and for stores in `space`
 * (an access-layer space: AS_PRIMARY, AS_REAL, ...) under the PSW key,
 * through the non-faulting probe: pages whose access would fail get no
 * entry.  A CPU may form TLB entries ahead of their use, so no result may
 * depend on this; the tests use it to send instructions down the paths
 * that start from TLB hits. */
void tenv_tlb_warm(TestEnv *e, uint32_t space, uint64_t va, uint64_t len);

#endif

#ifndef ZEMU_TESTENV_VIRT
#define ZEMU_TESTENV_VIRT
/* Test-side virtual access through the builder's own tables (not through
 * the MMU under test): absolute address of va under asce, or ~0 if unmapped.
 * Handles 4 KiB pages and large frames; applies prefixing to PTE frames. */
uint64_t tenv_v2abs(TestEnv *e, uint64_t asce, uint64_t va);
void tenv_vwrite(TestEnv *e, uint64_t asce, uint64_t va, const void *buf, uint64_t n);
void tenv_vread(TestEnv *e, uint64_t asce, uint64_t va, void *buf, uint64_t n);
#endif
