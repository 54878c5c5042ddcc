/* Machine and CPU life cycle, program-interruption bookkeeping, flushing. */
#include "cpu/cpu.h"

#include <string.h>

#include "cpu/tcache.h"

bool pgm_is_nullifying(uint16_t code)
{
    switch (code & 0x7F) {
    case PGM_SEGMENT_TRANS: case PGM_PAGE_TRANS: case 0x16: /* trace table */
    case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26: case 0x27:
    case 0x29: case 0x2A: case 0x2B: case 0x2C: case 0x2D: case 0x2E: case 0x2F:
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x34:
    case PGM_ASCE_TYPE: case PGM_REG_FIRST_TRANS: case PGM_REG_SECOND_TRANS:
    case PGM_REG_THIRD_TRANS:
        return true;
    default:
        return false;
    }
}

/* Facilities of the storage-access core. */
static const unsigned core_facilities[] = {
    1, 2,           /* z/Architecture installed and active */
    3,              /* DAT enhancement */
    7,              /* STFLE */
    8,              /* EDAT-1 */
    10,             /* conditional SSKE */
    14,             /* non-quiescing key setting */
    16,             /* ETF2 (TRTT, TROO ... with the ETF2 enhancement) */
    18, 19,         /* long displacement */
    21,             /* extended immediate (SRSTU) */
    22, 24, 30,     /* ETF3, ETF2 enhancement, ETF3 enhancement (TRTR) */
    27,             /* MVCOS */
    75,             /* access-exception fetch/store indication */
    78,             /* EDAT-2 */
    131,            /* side-effect access / ESOP-2 */
};

int machine_init(Machine *m, uint64_t ram_size)
{
    memset(m, 0, sizeof(*m));
    if (storage_init(&m->storage, ram_size) < 0)
        return -1;
    for (size_t i = 0; i < sizeof(core_facilities) / sizeof(core_facilities[0]); i++)
        facility_set(m, core_facilities[i], true);
    return 0;
}

void machine_destroy(Machine *m)
{
    for (int i = 0; i < m->ncpus; i++)
        if (m->cpus[i])
            tcache_free(m->cpus[i]);
    storage_destroy(&m->storage);
    memset(m, 0, sizeof(*m));
}

void cpu_init(CPUState *cpu, Machine *m, int cpu_addr)
{
    memset(cpu, 0, sizeof(*cpu));
    cpu->machine = m;
    cpu->cpu_addr = cpu_addr;
    cpu->psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    cpu->cr[0] = 0xE0;
    cpu->cr[14] = 0xC2000000;
    tlb_init(&cpu->tlb);
    cpu->op_mode = ~0ULL;       /* no PSW has these bits: computed on first use */
    cpu->op_try_mode = ~0ULL;
    if (cpu_addr >= 0 && cpu_addr < MAX_CPUS) {
        m->cpus[cpu_addr] = cpu;
        if (m->ncpus <= cpu_addr)
            m->ncpus = cpu_addr + 1;
    }
}

int pgm_raise(CPUState *cpu, uint16_t code)
{
    memset(&cpu->pgm, 0, sizeof(cpu->pgm));
    cpu->pgm.code = code;
    return code;
}

int pgm_raise_teid(CPUState *cpu, uint16_t code, uint64_t teid)
{
    pgm_raise(cpu, code);
    cpu->pgm.teid_valid = true;
    cpu->pgm.teid = teid;
    return code;
}

void cpu_flush_tlb_local(CPUState *cpu)
{
    tlb_flush_all(&cpu->tlb);
}

void machine_request_flush_all(Machine *m)
{
    for (int i = 0; i < m->ncpus; i++) {
        CPUState *c = m->cpus[i];
        if (!c)
            continue;
        atomic_fetch_or(&c->flush_request, FLUSH_REQ_ALL);
        atomic_store(&c->yield_request, 1);
        tlb_epoch_bump(&c->tlb);            /* the fast loop looks only there */
    }
}

void cpu_serve_requests(CPUState *cpu)
{
    unsigned req = atomic_exchange(&cpu->flush_request, 0);
    if (req & FLUSH_REQ_ALL)
        tlb_flush_all(&cpu->tlb);
}

/* ---- PER helpers shared by the dispatcher and the access layer ---- */

bool cpu_per_in_range(const CPUState *cpu, uint64_t lo, uint64_t len)
{
    uint64_t hi = lo + len - 1;
    uint64_t start = cpu->cr[10], end = cpu->cr[11];
    if (hi < lo)        /* wraps past the top: test both pieces */
        return cpu_per_in_range(cpu, lo, -lo) || cpu_per_in_range(cpu, 0, hi + 1);
    if (start <= end)
        return lo <= end && hi >= start;
    return hi >= start || lo <= end;
}

uint8_t cpu_per_atmid(const CPUState *cpu)
{
    uint64_t pm = cpu->psw_mask;
    return ((pm & PSW_MASK_EA) ? 0x80 : 0) | 0x40 | ((pm & PSW_MASK_BA) ? 0x20 : 0) |
           ((pm & PSW_MASK_DAT) ? 0x10 : 0) | (uint8_t)(cpu_asc(cpu) << 2);
}
