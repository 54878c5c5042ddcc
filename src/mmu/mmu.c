/* One access, all its checks (ZARCH-NOTES §6.4 order):
 *   low-address protection -> DAT exceptions -> DAT protection / IEP ->
 *   addressing -> key-controlled and fetch protection.
 * The TEID of a translation or protection exception carries the page
 * address, the fetch/store indication (facility 75), the ESOP-2 protection
 * type and the ASCE id (ZARCH-NOTES §5.5, §6.5). */
#include "mmu/mmu.h"

#include <string.h>

#include "mmu/dat.h"

int mmu_asce(const CPUState *cpu, uint32_t space, uint64_t *asce, uint8_t *asce_id)
{
    switch (SPACE_AS(space)) {
    case AS_SECONDARY:
        *asce = cpu->cr[7];
        *asce_id = 2;
        return 0;
    case AS_HOME:
        *asce = cpu->cr[13];
        *asce_id = 3;
        return 0;
    case AS_AR: {
        uint32_t alet = mmu_alet(cpu, SPACE_ARNR(space));
        if (alet > 1)
            return PGM_ALET_SPEC;
        *asce = alet ? cpu->cr[7] : cpu->cr[1];
        *asce_id = 1;
        return 0;
    }
    default:
        *asce = cpu->cr[1];
        *asce_id = 0;
        return 0;
    }
}

bool mmu_key_allows(const CPUState *cpu, uint8_t skey, uint8_t key, AccessKind kind, bool fpo_ok)
{
    uint8_t acc = skey >> 4;
    if (key == 0 || acc == key)
        return true;
    if (kind != ACC_STORE && kind != ACC_UPDATE) {
        if (!(skey & SKEY_F))
            return true;
        if (fpo_ok)
            return true;
    }
    /* storage-protection override: ACC 9 is accessible with any key */
    return (cpu->cr[0] & CR0_STOR_PROT_OV) && acc == 9;
}

static int fail(ProgramException *exc, uint16_t code, bool teid_valid, uint64_t teid,
                uint8_t exc_access_id)
{
    memset(exc, 0, sizeof(*exc));
    exc->code = code;
    exc->teid_valid = teid_valid;
    exc->teid = teid;
    exc->exc_access_id = exc_access_id;
    return code;
}

int mmu_translate(CPUState *cpu, uint64_t vaddr, uint32_t len, AccessKind kind, uint32_t space,
                  uint8_t key, MmuResult *res, ProgramException *exc)
{
    AddrSpace as = SPACE_AS(space);
    const bool store = kind == ACC_STORE || kind == ACC_UPDATE;
    const uint64_t cr0 = cpu->cr[0];
    uint64_t asce = 0;
    uint8_t asce_id = 0;
    const uint8_t access_id = as == AS_AR ? SPACE_ARNR(space) : 0;
    const bool virt = as < AS_REAL;

    res->cacheable_read = res->cacheable_write = true;
    if (as > AS_REAL) {
        /* Absolute accesses (interruption and service-call stores) are not
         * subject to prefixing, LAP or keys. */
        if (!storage_valid(&cpu->machine->storage, vaddr))
            return fail(exc, PGM_ADDRESSING, false, 0, 0);
        res->abs = vaddr;
        res->tlb_space = TLB_NSPACES;
        res->cacheable_read = res->cacheable_write = false;
        return 0;
    }
    res->tlb_space = mmu_tlb_space(cpu, space);
    if (virt) {
        int rc = mmu_asce(cpu, space, &asce, &asce_id);
        if (rc)
            return fail(exc, rc, false, 0, access_id);
    }

    const uint64_t page = vaddr & PAGE_MASK;
    const uint64_t fsi = store && kind != ACC_UPDATE ? TEID_STORE : TEID_FETCH;
    const bool private_space = virt && (asce & ASCE_PRIVATE);

    /* Low-address protection: bytes 0-511 and 4096-4607 of the logical (or
     * real) address, stores only, not in a private space. */
    if (cr0 & CR0_LAP) {
        if ((page & ~0x1000ULL) == 0)
            res->cacheable_write = false;     /* the page holds protected bytes */
        if (store && (vaddr & ~0x11FFULL) == 0 && !private_space)
            return fail(exc, PGM_PROTECTION, true, page | TEID_STORE | TEID_PROT_LAP | asce_id,
                        access_id);
    }

    uint64_t real = vaddr, abs;
    bool is_abs = false;
    if (virt) {
        DatResult dr;
        int rc = dat_translate(cpu, asce, vaddr, &dr);
        if (rc == PGM_ADDRESSING || rc == PGM_TRANS_SPEC)
            return fail(exc, rc, false, 0, access_id);
        if (rc)
            return fail(exc, rc, true, page | fsi | asce_id, access_id);
        if (store && dr.prot)
            return fail(exc, PGM_PROTECTION, true, page | TEID_STORE | TEID_PROT_DAT | asce_id,
                        access_id);
        if (kind == ACC_IFETCH && dr.iep)
            return fail(exc, PGM_PROTECTION, true, page | TEID_FETCH | TEID_PROT_IEP | asce_id,
                        access_id);
        if (dr.prot)
            res->cacheable_write = false;
        real = dr.frame | (vaddr & ~PAGE_MASK);
        is_abs = dr.frame_is_abs;
    }
    abs = is_abs ? real : mmu_real_to_abs(cpu->prefix, real);

    Storage *st = &cpu->machine->storage;
    if (!storage_valid(st, abs))
        return fail(exc, PGM_ADDRESSING, false, 0, access_id);

    uint8_t skey = storage_key(st, abs);
    bool fpo_ok = (cr0 & CR0_FETCH_PROT_OV) && vaddr + len - 1 <= 2047 && vaddr + len > vaddr &&
                  !private_space;
    if (kind != ACC_STORE && !mmu_key_allows(cpu, skey, key, ACC_FETCH, fpo_ok))
        return fail(exc, PGM_PROTECTION, true, page | TEID_FETCH | TEID_PROT_KEY | asce_id,
                    access_id);
    if (store && !mmu_key_allows(cpu, skey, key, ACC_STORE, false))
        return fail(exc, PGM_PROTECTION, true, page | TEID_STORE | TEID_PROT_KEY | asce_id,
                    access_id);
    /* A fetch allowed only by the fetch-protection override holds for part
     * of the page only: never cache it. */
    if (key != 0 && (skey >> 4) != key && (skey & SKEY_F))
        res->cacheable_read = false;

    storage_or_key(st, abs, SKEY_R);
    res->abs = abs;
    return 0;
}

void mmu_op_mode_update(CPUState *cpu)
{
    const uint32_t space = mmu_space_for(cpu, 0);
    cpu->op_tspace = SPACE_AS(space) == AS_AR ? -1 : (int8_t)mmu_tlb_space(cpu, space);
    cpu->op_keytag = (uint8_t)(cpu_psw_key(cpu) << TLB_KEY_SHIFT);
    cpu->op_mode = cpu->psw_mask & MMU_OP_MODE_BITS;
    cpu->op_try_mode = cpu->op_tspace < 0 ? ~0ULL : cpu->op_mode;
    cpu->op_tlb = cpu->op_tspace < 0 ? NULL : cpu->tlb.e[cpu->op_tspace];
}
