/* The DAT walk: ASCE -> region tables -> segment table -> page table.
 *
 * Pure translation of one logical address under one ASCE: it reads table
 * entries from absolute storage, applies length/offset/invalid/type checks,
 * the private-space and common-segment/region rules, EDAT-1 (1 MiB) and
 * EDAT-2 (2 GiB) frames, and accumulates DAT protection and IEP.  It knows
 * nothing of keys, LAP or the TLB; mmu.c composes those. */
#ifndef ZEMU_MMU_DAT_H
#define ZEMU_MMU_DAT_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* ASCE fields (ZARCH-NOTES §5.1) */
#define ASCE_ORIGIN    (~0xFFFULL)
#define ASCE_SUBSPACE  0x200ULL
#define ASCE_PRIVATE   0x100ULL
#define ASCE_ALT_EVENT 0x080ULL   /* S: storage-alteration event (PER) */
#define ASCE_SPACE_SW  0x040ULL
#define ASCE_REAL      0x020ULL
#define ASCE_TYPE_MASK 0x00CULL
#define ASCE_TYPE_REGION1 0x00CULL
#define ASCE_TYPE_REGION2 0x008ULL
#define ASCE_TYPE_REGION3 0x004ULL
#define ASCE_TYPE_SEGMENT 0x000ULL
#define ASCE_TL        0x003ULL

/* Region/segment table entry fields */
#define REGION_ENTRY_ORIGIN  (~0xFFFULL)
#define REGION_ENTRY_P       0x200ULL
#define REGION_ENTRY_TF      0x0C0ULL
#define REGION_ENTRY_I       0x020ULL
#define REGION_ENTRY_CR      0x010ULL
#define REGION_ENTRY_TT      0x00CULL
#define REGION_ENTRY_TL      0x003ULL
#define REGION_ENTRY_FC      0x400ULL
#define REGION3_ENTRY_RFAA   0xFFFFFFFF80000000ULL
#define REGION3_ENTRY_IEP    0x100ULL

#define SEGMENT_ENTRY_ORIGIN (~0x7FFULL)
#define SEGMENT_ENTRY_FC     0x400ULL
#define SEGMENT_ENTRY_P      0x200ULL
#define SEGMENT_ENTRY_IEP    0x100ULL
#define SEGMENT_ENTRY_I      0x020ULL
#define SEGMENT_ENTRY_CS     0x010ULL
#define SEGMENT_ENTRY_TT     0x00CULL
#define SEGMENT_ENTRY_SFAA   (~0xFFFFFULL)

#define TT_REGION1 0x00CULL
#define TT_REGION2 0x008ULL
#define TT_REGION3 0x004ULL
#define TT_SEGMENT 0x000ULL

#define PAGE_ENTRY_ORIGIN (~0xFFFULL)
#define PAGE_ENTRY_0      0x800ULL   /* bit 52, must be zero */
#define PAGE_ENTRY_I      0x400ULL
#define PAGE_ENTRY_P      0x200ULL
#define PAGE_ENTRY_IEP    0x100ULL

typedef struct DatResult {
    uint64_t frame;     /* address of the 4 KiB frame holding the address */
    bool frame_is_abs;  /* EDAT large frames are absolute; PTE frames are real */
    bool prot;          /* DAT protection at any level */
    bool iep;           /* instruction-execution protection */
} DatResult;

/* Translates va under asce for cpu (CR0 EDAT bit and facilities 8/78 decide
 * large frames; facility 130 + CR0 bit 43 decide IEP).  Returns 0 with *res
 * filled, or a program-interruption code: PGM_ASCE_TYPE, PGM_REG_*_TRANS,
 * PGM_SEGMENT_TRANS, PGM_PAGE_TRANS, PGM_TRANS_SPEC, or PGM_ADDRESSING when a
 * table entry lies outside installed storage.  The caller forms the TEID.
 * Increments cpu->dat_walks once per call. */
int dat_translate(CPUState *cpu, uint64_t asce, uint64_t va, DatResult *res);

#endif
