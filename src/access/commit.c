/* End of a unit of operation for a stored operand: change bits and PER
 * storage-alteration events, for exactly the bytes that were stored
 * (DESIGN.md §5; ZARCH-NOTES §8). */
#include "access/access.h"

#include "mmu/dat.h"

/* Is any byte of [lo, hi] (inclusive, not wrapping) inside the PER range
 * CR10..CR11, which wraps when start > end? */
static bool per_range_hit(uint64_t lo, uint64_t hi, uint64_t start, uint64_t end)
{
    if (start <= end)
        return lo <= end && hi >= start;
    return hi >= start || lo <= end;
}

static uint64_t asce_of(const CPUState *cpu, uint32_t space, uint8_t *asce_id)
{
    switch (SPACE_AS(space)) {
    case AS_PRIMARY: *asce_id = 0; return cpu->cr[1];
    case AS_SECONDARY: *asce_id = 2; return cpu->cr[7];
    case AS_HOME: *asce_id = 3; return cpu->cr[13];
    case AS_AR:
        *asce_id = 1;
        return mmu_alet(cpu, SPACE_ARNR(space)) == 1 ? cpu->cr[7] : cpu->cr[1];
    default: *asce_id = 0; return 0;
    }
}

static void per_storage_alteration(CPUState *cpu, StorageAccess *sa)
{
    const AddrSpace as = SPACE_AS(sa->space);
    if (as == AS_ABSOLUTE)
        return;
    uint8_t asce_id;
    uint64_t asce = asce_of(cpu, sa->space, &asce_id);
    /* With the storage-alteration-space control only spaces whose ASCE has
     * the S bit count (and real accesses have no ASCE). */
    if ((cpu->cr[9] & CR9_PER_SA_SPACE) && (as == AS_REAL || !(asce & ASCE_ALT_EVENT)))
        return;

    const uint64_t mask = cpu_addr_mask(cpu);
    uint64_t lo = (sa->vaddr + sa->st_lo) & mask;
    uint64_t hi = (sa->vaddr + sa->st_hi - 1) & mask;
    uint64_t start = cpu->cr[10], end = cpu->cr[11];
    bool hit = lo <= hi ? per_range_hit(lo, hi, start, end)
                        : per_range_hit(lo, mask, start, end) || per_range_hit(0, hi, start, end);
    if (!hit)
        return;

    uint64_t pm = cpu->psw_mask;
    cpu->per.code |= PER_CODE_SA;
    cpu->per.address = cpu->insn_addr;
    cpu->per.atmid = ((pm & PSW_MASK_EA) ? 0x80 : 0) | 0x40 | ((pm & PSW_MASK_BA) ? 0x20 : 0) |
                     ((pm & PSW_MASK_DAT) ? 0x10 : 0) | (uint8_t)(cpu_asc(cpu) << 2) |
                     (as == AS_REAL ? 0 : asce_id);
    cpu->per.access_id = as == AS_AR ? SPACE_ARNR(sa->space) : 0;
}

void access_commit(CPUState *cpu, StorageAccess *sa)
{
    if (sa->st_hi <= sa->st_lo)
        return;
    Storage *st = &cpu->machine->storage;
    uint32_t base = 0;
    for (int i = 0; i < sa->nfrag; i++) {
        const PageAccess *p = &sa->frag[i];
        if (sa->st_lo < base + p->len && sa->st_hi > base)
            storage_or_key(st, p->abs, SKEY_C);
        base += p->len;
    }
    if (sa->frag[0].flags & PA_PER || (sa->nfrag > 1 && sa->frag[1].flags & PA_PER))
        per_storage_alteration(cpu, sa);
    sa->st_lo = sa->st_hi = 0;
}
