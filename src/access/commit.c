/* End of a unit of operation for a stored operand: change bits and PER
 * storage-alteration events, for exactly the bytes that were stored
 * (DESIGN.md §5; ZARCH-NOTES §8). */
#include "access/access.h"

#include "mmu/dat.h"

static void per_storage_alteration(CPUState *cpu, StorageAccess *sa)
{
    const AddrSpace as = SPACE_AS(sa->space);
    if (as > AS_REAL)
        return;
    uint64_t asce = 0;
    uint8_t asce_id = 0;
    if (as != AS_REAL && mmu_asce(cpu, sa->space, &asce, &asce_id))
        return;
    /* With the storage-alteration-space control only spaces whose ASCE has
     * the S bit count (and real accesses have no ASCE). */
    if ((cpu->cr[9] & CR9_PER_SA_SPACE) && (as == AS_REAL || !(asce & ASCE_ALT_EVENT)))
        return;

    /* The stored bytes may wrap at the top of the addressing mode. */
    const uint64_t mask = cpu_addr_mask(cpu);
    const uint64_t lo = (sa->vaddr + sa->st_lo) & mask;
    const uint64_t n = sa->st_hi - sa->st_lo;
    const uint64_t to_top = mask - lo + 1;      /* 0 when mask is 2^64-1 and lo 0 */
    const uint64_t first = to_top && to_top < n ? to_top : n;
    if (!cpu_per_in_range(cpu, lo, first) && !(first < n && cpu_per_in_range(cpu, 0, n - first)))
        return;

    cpu->per.code |= PER_CODE_SA;
    cpu->per.address = cpu->insn_addr;
    cpu->per.atmid = cpu_per_atmid(cpu) | (as == AS_REAL ? 0 : asce_id);
    cpu->per.access_id = as == AS_AR ? SPACE_ARNR(sa->space) : 0;
}

void access_commit(CPUState *cpu, StorageAccess *sa)
{
    if (sa->st_hi <= sa->st_lo)
        return;
    /* Pages taken from exact TLB hits have nothing to record. */
    if (sa->frag[0].flags & (sa->nfrag > 1 ? sa->frag[1].flags : PA_CLEAN) & PA_CLEAN) {
        sa->st_lo = sa->st_hi = 0;
        return;
    }
    Storage *st = &cpu->machine->storage;
    const int tspace = mmu_tlb_space(cpu, sa->space);
    uint32_t base = 0;
    for (int i = 0; i < sa->nfrag; i++) {
        const PageAccess *p = &sa->frag[i];
        if (sa->st_lo < base + p->len && sa->st_hi > base) {
            storage_or_key(st, p->abs, SKEY_C);
            /* A store into decoded code: the copy dies before the next
             * instruction is fetched (DESIGN §5). */
            if (storage_code_marked(st, p->abs)) {
                const uint32_t lo = sa->st_lo > base ? sa->st_lo - base : 0;
                const uint32_t hi = sa->st_hi < base + p->len ? sa->st_hi - base : p->len;
                storage_code_written(st, p->abs + lo, hi - lo);
                /* The dispatcher's fast loop rechecks its page (exec.c). */
                tlb_epoch_bump(&cpu->tlb);
            }
            if (tspace != TLB_NSPACES)
                tlb_mark_dirty(&cpu->tlb, tspace, p->vaddr, sa->key);
        }
        base += p->len;
    }
    if (sa->frag[0].flags & PA_PER || (sa->nfrag > 1 && sa->frag[1].flags & PA_PER))
        per_storage_alteration(cpu, sa);
    sa->st_lo = sa->st_hi = 0;
}
