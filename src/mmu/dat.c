/* The DAT walk (see dat.h; ZARCH-NOTES §5.1-5.4).
 *
 * One function, written as a loop over the region levels followed by the
 * segment and page levels, because this is the TLB-miss path: every table
 * entry costs one bounds test and one big-endian load, nothing else.
 *
 * Level numbering inside this file: 0 region-first, 1 region-second,
 * 2 region-third, 3 segment.  For level L the table index of the virtual
 * address is the 11-bit field ending at bit 63 - (20 + 11 * (3 - L)):
 *   RFX = va >> 53, RSX = va >> 42, RTX = va >> 31, SX = va >> 20 (each & 0x7FF);
 * its first two bits (used by the length/offset checks) are the field >> 9. */
#include "mmu/dat.h"

#include <string.h>

/* Shift of the index field of each level (see above). */
static const unsigned level_shift[4] = { 53, 42, 31, 20 };

/* Translation exception of each level (an invalid entry in, or an index
 * beyond the length of, the table of that level). */
static const uint16_t level_exc[4] = {
    PGM_REG_FIRST_TRANS, PGM_REG_SECOND_TRANS, PGM_REG_THIRD_TRANS, PGM_SEGMENT_TRANS,
};

/* Table-type field an entry of each level must carry (region levels). */
static const uint64_t level_tt[3] = { TT_REGION1, TT_REGION2, TT_REGION3 };

/* The first two bits of the index of level L. */
static inline unsigned index_top2(uint64_t va, int level)
{
    return (unsigned)(va >> (level_shift[level] + 9)) & 3;
}

/* Fetches the table entry at absolute ea; false when ea is not installed
 * storage (addressing exception).  Entries are 8-byte aligned and RAM ends on
 * a page boundary, so ea < ram_size means the whole entry is in RAM; without
 * I/O regions that is one load and a byte swap. */
static inline bool read_entry(const Storage *st, uint64_t ea, uint64_t *entry)
{
    if (__builtin_expect(ea < st->ram_size && st->nio == 0, 1)) {
        uint64_t v;
        memcpy(&v, st->ram + ea, 8);
        *entry = __builtin_bswap64(v);
        return true;
    }
    if (!storage_valid(st, ea))
        return false;
    *entry = storage_read_u64(st, ea);
    return true;
}

int dat_translate(CPUState *cpu, uint64_t asce, uint64_t va, DatResult *res)
{
    const Machine *m = cpu->machine;
    const Storage *st = &m->storage;

    cpu->dat_walks++;

    /* R = 1: the address space is the real space; no tables are used and
     * the result is a real address (prefixed by the caller). */
    if (asce & ASCE_REAL) {
        res->frame = va & PAGE_MASK;
        res->frame_is_abs = false;
        res->prot = false;
        res->iep = false;
        return 0;
    }

    /* DT selects the level of the first table: 11 -> 0 (region-first) ...
     * 00 -> 3 (segment). */
    int level = 3 - (int)((asce & ASCE_TYPE_MASK) >> 2);

    /* An address the designated table type cannot reach: for a first table
     * of level L, bits 0 .. (63 - level_shift[L] - 11) of va must be zero. */
    if (level > 0 && (va >> (level_shift[level] + 11)) != 0)
        return PGM_ASCE_TYPE;

    /* Length check on the first index against ASCE.TL (no offset: the
     * first table always starts at its origin). */
    if (index_top2(va, level) > (asce & ASCE_TL))
        return level_exc[level];

    const bool edat1 = (cpu->cr[0] & CR0_EDAT) && facility_installed(m, 8);
    const bool private_space = asce & ASCE_PRIVATE;
    bool prot = false;
    uint64_t origin = asce & ASCE_ORIGIN;
    uint64_t entry;

    /* Region levels. */
    for (; level < 3; level++) {
        uint64_t ea = origin + (((va >> level_shift[level]) & 0x7FF) << 3);
        if (!read_entry(st, ea, &entry))
            return PGM_ADDRESSING;
        if (entry & REGION_ENTRY_I)
            return level_exc[level];
        if ((entry & REGION_ENTRY_TT) != level_tt[level])
            return PGM_TRANS_SPEC;
        if (level == 2) {
            /* Region-third: the common-region bit and FC exist only under
             * EDAT-2 (ZARCH-NOTES §5.4, as QEMU and KVM do). */
            const bool edat2 = edat1 && facility_installed(m, 78);
            if (edat2) {
                if ((entry & REGION_ENTRY_CR) && private_space)
                    return PGM_TRANS_SPEC;
                if (entry & REGION_ENTRY_FC) {
                    /* 2 GiB frame, absolute. */
                    prot |= (entry & REGION_ENTRY_P) != 0;
                    res->frame = (entry & REGION3_ENTRY_RFAA) | (va & 0x7FFFF000ULL);
                    res->frame_is_abs = true;
                    res->prot = prot;
                    res->iep = (entry & REGION3_ENTRY_IEP) && (cpu->cr[0] & CR0_IEP) &&
                               facility_installed(m, 130);
                    return 0;
                }
            }
        }
        /* Offset/length of the next table against the next index. */
        unsigned nx = index_top2(va, level + 1);
        if (nx < ((entry & REGION_ENTRY_TF) >> 6) || nx > (entry & REGION_ENTRY_TL))
            return level_exc[level + 1];
        /* Region P bits are honoured only with EDAT-1. */
        if (edat1 && (entry & REGION_ENTRY_P))
            prot = true;
        origin = entry & REGION_ENTRY_ORIGIN;
    }

    /* Segment level. */
    uint64_t ea = origin + (((va >> 20) & 0x7FF) << 3);
    if (!read_entry(st, ea, &entry))
        return PGM_ADDRESSING;
    if (entry & SEGMENT_ENTRY_I)
        return PGM_SEGMENT_TRANS;
    if ((entry & SEGMENT_ENTRY_TT) != TT_SEGMENT)
        return PGM_TRANS_SPEC;
    if ((entry & SEGMENT_ENTRY_CS) && private_space)
        return PGM_TRANS_SPEC;
    if (entry & SEGMENT_ENTRY_P)
        prot = true;
    if (edat1 && (entry & SEGMENT_ENTRY_FC)) {
        /* 1 MiB frame, absolute. */
        res->frame = (entry & SEGMENT_ENTRY_SFAA) | (va & 0xFF000ULL);
        res->frame_is_abs = true;
        res->prot = prot;
        res->iep = (entry & SEGMENT_ENTRY_IEP) && (cpu->cr[0] & CR0_IEP) &&
                   facility_installed(m, 130);
        return 0;
    }

    /* Page level: 256 entries, origin 2 KiB aligned. */
    ea = (entry & SEGMENT_ENTRY_ORIGIN) + (((va >> 12) & 0xFF) << 3);
    if (!read_entry(st, ea, &entry))
        return PGM_ADDRESSING;
    if (entry & PAGE_ENTRY_I)
        return PGM_PAGE_TRANS;
    if (entry & PAGE_ENTRY_0)
        return PGM_TRANS_SPEC;
    if (entry & PAGE_ENTRY_P)
        prot = true;
    res->frame = entry & PAGE_ENTRY_ORIGIN;
    res->frame_is_abs = false;
    res->prot = prot;
    res->iep = (entry & PAGE_ENTRY_IEP) && (cpu->cr[0] & CR0_IEP) && facility_installed(m, 130);
    return 0;
}
