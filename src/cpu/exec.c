/* The dispatcher: fetch through the TLB, decode through the generated
 * index, call the handler, and turn its result into PSW updates and
 * interruptions (ZARCH-NOTES §1.4, §4, §8). */
#include "cpu/exec.h"

#include <string.h>
#include <time.h>

#include "access/access.h"
#include "cpu/interrupt.h"
#include "cpu/tcache.h"
#include "cpu/threaded.h"

#define PSW_INVALID_BITS 0xB80800FE7FFFFFFFULL

bool psw_is_valid(uint64_t mask, uint64_t addr)
{
    if (mask & PSW_INVALID_BITS)
        return false;
    if ((mask & PSW_MASK_EA) && !(mask & PSW_MASK_BA))
        return false;
    if (addr & ~psw_addr_mask(mask))
        return false;
    return !(addr & 1);
}

/* ---- instruction fetch ---- */

/* Reads n bytes of one page at offset off of a probed page. */
static void page_read(CPUState *cpu, const PageAccess *pa, uint8_t *dst, unsigned n)
{
    if (pa->host) {
        memcpy(dst, pa->host, n);
        return;
    }
    for (unsigned i = 0; i < n; i++)
        dst[i] = storage_read_byte(&cpu->machine->storage, pa->abs + i);
}

static int fetch_probe(CPUState *cpu, uint64_t addr, unsigned len, PageAccess *pa)
{
    ProgramException exc;
    /* Debugger watchpoints are for operands, not for the instruction
     * stream: use the non-faulting probe and raise its exception here. */
    int rc = probe_nofault(cpu, addr, len, ACC_IFETCH, cpu_ifetch_space(cpu), cpu_psw_key(cpu),
                           pa, &exc);
    if (rc > 0 && rc != ACCESS_WATCHPOINT) {
        cpu->pgm = exc;
        return rc;
    }
    return 0;
}

int cpu_fetch_insn(CPUState *cpu, uint64_t addr, uint8_t b[8], unsigned *ilen)
{
    const uint32_t space = cpu_ifetch_space(cpu);
    const uint8_t key = cpu_psw_key(cpu);
    const unsigned off = addr & 0xFFF;
    *ilen = 0;

    /* Fast path: an 8-byte window in one page with a cached fetch
     * translation, read with one load (bytes past the instruction cleared;
     * the host is little-endian or big-endian alike: memory order is kept). */
    if (off <= 4096 - 8) {
        uint8_t *h = tlb_fast_host(&cpu->tlb, mmu_tlb_space(cpu, space), addr, TLB_KIND_FETCH,
                                   key);
        if (h) {
            unsigned n = insn_length(h[0]);
            uint64_t raw;
            memcpy(&raw, h, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            raw &= ~0ULL >> (64 - 8 * n);          /* the first n bytes are the low ones */
#else
            raw &= ~0ULL << (64 - 8 * n);
#endif
            memcpy(b, &raw, 8);
            *ilen = n;
            return 0;
        }
    }

    /* Slow path: the first halfword decides the length; the rest may lie
     * on the next page (which is only accessed when the instruction
     * really extends into it). */
    PageAccess pa;
    int rc = fetch_probe(cpu, addr, 2, &pa);
    if (rc)
        return rc;
    memset(b, 0, 8);
    unsigned n = insn_length(pa.host ? pa.host[0]
                                     : storage_read_byte(&cpu->machine->storage, pa.abs));
    unsigned first = 4096 - off < n ? 4096 - off : n;
    if (first > 2) {
        rc = fetch_probe(cpu, addr, first, &pa);
        if (rc)
            return rc;
    }
    page_read(cpu, &pa, b, first);
    *ilen = n;
    if (first < n) {
        rc = fetch_probe(cpu, (addr + first) & cpu_addr_mask(cpu), n - first, &pa);
        if (rc)
            return rc;
        page_read(cpu, &pa, b + first, n - first);
    }
    return 0;
}

InsnHandler cpu_decode(CPUState *cpu, const uint8_t *b, uint64_t addr, Insn *in)
{
    const InsnDef *d = decode_lookup(b);
    if (!d || (d->facility && !facility_installed(cpu->machine, d->facility))) {
        pgm_raise(cpu, PGM_OPERATION);
        return NULL;
    }
    decode_fields(d, b, addr, in);
    return d->handler;
}

/* ---- decoded-instruction cache ----
 *
 * A small per-thread (= per CPU thread) cache of decoded instructions,
 * keyed by the instruction address and validated by the raw instruction
 * bytes just fetched through the TLB.  Because every step still fetches the
 * bytes from storage and compares them, a store into the instruction stream
 * (self-modifying code, another CPU, DMA) can never run a stale decode: the
 * cache only saves the table lookup and the field extraction. */
#define DCACHE_SLOTS 512

typedef struct DecodeSlot {
    uint64_t addr;
    uint64_t raw;               /* instruction bytes, zero past the length */
    const InsnDef *def;
    Insn in;
} DecodeSlot;

static __thread DecodeSlot dcache[DCACHE_SLOTS];

static const InsnDef *decode_cached(const uint8_t *b, uint64_t addr, const Insn **in)
{
    uint64_t raw;
    memcpy(&raw, b, 8);
    DecodeSlot *s = &dcache[(addr >> 1) & (DCACHE_SLOTS - 1)];
    if (s->def && s->addr == addr && s->raw == raw) {
        *in = &s->in;
        return s->def;
    }
    const InsnDef *d = decode_lookup(b);
    if (!d)
        return NULL;
    decode_fields(d, b, addr, &s->in);
    s->addr = addr;
    s->raw = raw;
    s->def = d;
    *in = &s->in;
    return d;
}

/* ---- PER ---- */

void cpu_per_branch(CPUState *cpu, uint64_t target)
{
    /* With the branch-address control only branches into the range count. */
    if ((cpu->cr[9] & CR9_PER_BRANCH_ADDR) && !cpu_per_in_range(cpu, target, 1))
        return;
    cpu->per.code |= PER_CODE_BRANCH;
    cpu->per.address = cpu->insn_addr;
    cpu->per.atmid = cpu_per_atmid(cpu);
}

bool cpu_per_ifetch(CPUState *cpu, uint64_t addr)
{
    if (!(cpu->psw_mask & PSW_MASK_PER) || !(cpu->cr[9] & CR9_PER_IFETCH) ||
        !cpu_per_in_range(cpu, addr, 1))
        return false;
    cpu->per.code |= PER_CODE_IFETCH;
    cpu->per.address = cpu->insn_addr;
    cpu->per.atmid = cpu_per_atmid(cpu);
    if (cpu->cr[9] & CR9_PER_IFETCH_NULL) {
        cpu->per.code |= 0x01;      /* PER code bit 7: nullification */
        return true;
    }
    return false;
}

/* Exceptions with which a storage-alteration event is still reported: the
 * completing ones (the stores happened), plus specification, space-switch
 * and monitor (ZARCH-NOTES §8). */
static bool per_sa_survives(uint16_t code)
{
    switch (code & 0x7F) {
    case PGM_FIXED_OVERFLOW: case PGM_DEC_OVERFLOW: case 0x0C: case 0x0D: case 0x0E:
    case 0x1C: case 0x40: case PGM_SPECIFICATION:
        return true;
    default:
        return false;
    }
}

/* ---- delivery ---- */

static CpuStepResult deliver(CPUState *cpu, uint16_t code, unsigned ilc)
{
    ProgramInterruption pi = { .code = code, .ilc = (uint8_t)ilc, .exc = cpu->pgm };
    if (cpu->per.code) {
        pi.code |= PGM_PER;
        pi.per = cpu->per;
        cpu->per.code = 0;
    }
    pi.exc.code = code;
    int rc = cpu_deliver_program(cpu, &pi);
    if (rc == IRQ_STOP)
        return CPU_STEP_STOP;
    if (rc == IRQ_ERROR)
        return CPU_STEP_ERROR;
    /* An invalid program new PSW would make the next step deliver an early
     * specification exception that loads the same PSW again, forever: a
     * real CPU loops there, the emulator reports it. */
    if (!cpu->irq_sink && !psw_is_valid(cpu->psw_mask, cpu->psw_addr))
        return CPU_STEP_ERROR;
    return CPU_STEP_INTERRUPT;
}

/* A PER event alone: a program interruption with code 0x80 after the
 * instruction (or unit) completed. */
static CpuStepResult present_per(CPUState *cpu, unsigned ilc)
{
    memset(&cpu->pgm, 0, sizeof(cpu->pgm));
    return deliver(cpu, 0, ilc);
}

/* The handler's result rc turned into PSW updates and interruptions
 * (exec.h); addr is the instruction's address, ilen its length (the ILC). */
static CpuStepResult complete(CPUState *cpu, int rc, uint64_t addr, unsigned ilen)
{
    if (__builtin_expect(rc == INSN_OK, 1)) {
        cpu->watch_suppress = false;
        if (__builtin_expect(cpu->per.code != 0, 0))
            return present_per(cpu, ilen);
        return CPU_STEP_OK;
    }
    if (rc > 0) {
        if (pgm_is_nullifying((uint16_t)rc))
            cpu->psw_addr = addr;
        if (!per_sa_survives((uint16_t)rc))
            cpu->per.code &= ~(PER_CODE_SA | PER_CODE_SA_REAL);
        cpu->watch_suppress = false;
        return deliver(cpu, (uint16_t)rc, ilen);
    }
    switch (rc) {
    case INSN_REEXECUTE:
        /* Stopped between units: PSW at the instruction; the stores of the
         * completed units may have raised PER events. */
        cpu->psw_addr = addr;
        if (cpu->per.code)
            return present_per(cpu, ilen);
        return CPU_STEP_OK;
    case INSN_WATCH:
        cpu->psw_addr = addr;
        cpu->per.code = 0;
        return CPU_STEP_WATCH;
    case INSN_SVC: {
        cpu->watch_suppress = false;
        PerEvent per = cpu->per;
        cpu->per.code = 0;
        int d = cpu_deliver_svc(cpu, cpu->svc_code, ilen);
        if (d == IRQ_STOP)
            return CPU_STEP_STOP;
        if (d == IRQ_ERROR)
            return CPU_STEP_ERROR;
        if (per.code) {
            /* SVC first, then the PER interruption at once: the program
             * old PSW is the SVC new PSW (ZARCH-NOTES §8). */
            cpu->per = per;
            return present_per(cpu, ilen);
        }
        return CPU_STEP_INTERRUPT;
    }
    default:
        return CPU_STEP_ERROR;
    }
}

CpuStepResult cpu_step(CPUState *cpu)
{
    if (atomic_load_explicit(&cpu->flush_request, memory_order_relaxed))
        cpu_serve_requests(cpu);

    const uint64_t addr = cpu->psw_addr;
    cpu->per.code = 0;
    cpu->insn_addr = addr;

    if (__builtin_expect(!psw_is_valid(cpu->psw_mask, addr), 0)) {
        /* Early PSW specification exception: old PSW = the invalid PSW,
         * ILC 0 (ZARCH-NOTES §4.3). */
        pgm_raise(cpu, PGM_SPECIFICATION);
        return deliver(cpu, PGM_SPECIFICATION, 0);
    }
    if (cpu->psw_mask & PSW_MASK_WAIT)
        return CPU_STEP_WAIT;

    uint8_t b[8] = { 0 };
    unsigned ilen;
    int rc = cpu_fetch_insn(cpu, addr, b, &ilen);
    if (rc) {
        /* Instruction-fetch exceptions: DAT ones nullify; the others
         * advance the PSW by the length when known, else by 2 as the ILC
         * is unpredictable then (ZARCH-NOTES §4.3). */
        unsigned ilc = ilen ? ilen : 2;
        if (!pgm_is_nullifying(rc))
            cpu->psw_addr = (addr + ilc) & cpu_addr_mask(cpu);
        return deliver(cpu, rc, ilc);
    }

    const uint64_t next = (addr + ilen) & cpu_addr_mask(cpu);
    if (__builtin_expect(cpu->psw_mask & PSW_MASK_PER, 0) && cpu_per_ifetch(cpu, addr)) {
        /* Instruction-fetching nullification: the interruption precedes
         * the instruction, which is not executed. */
        return present_per(cpu, ilen);
    }

    const Insn *in;
    const InsnDef *def = decode_cached(b, addr, &in);
    cpu->psw_addr = next;
    if (!def || (def->facility && !facility_installed(cpu->machine, def->facility))) {
        pgm_raise(cpu, PGM_OPERATION);
        return deliver(cpu, PGM_OPERATION, ilen);
    }

    return complete(cpu, def->handler(cpu, in), addr, ilen);
}

/* ---- the fast loop ----
 *
 * cpu_run executes from the decoded-instruction cache (cpu/tcache.h): per
 * instruction one slot lookup, the handler, and the checks that decide
 * whether the cached state still holds.  Everything unusual goes through
 * cpu_step, which is the definition of an instruction's execution; the
 * fast loop only leaves out what cannot matter while its conditions hold:
 *   - no PER (PSW bit 1), no debugger watchpoint, no flush request:
 *     otherwise every instruction takes cpu_step (so no PER event can
 *     arise in the loop);
 *   - the PSW mask bits that select the translation and the addressing mode
 *     (DAT, ASC, key, EA/BA, wait, PER) are those the page was entered
 *     with, and the TLB epoch is unchanged: it moves on every TLB flush, on
 *     every flush request posted by another CPU, and on every store that
 *     ends decoded code (access_commit); host stores
 *     into code happen in system calls and interruption delivery, which
 *     end the loop's page run anyway (the handler result is not INSN_OK);
 *   - the PSW address is even and in the page: otherwise a new lookup or,
 *     for an odd address, cpu_step's early specification exception.
 * The frame's code generation is checked on every entry into a page. */
#define FAST_MODE_BITS (PSW_MASK_PER | PSW_MASK_DAT | PSW_MASK_ASC | PSW_MASK_KEY | \
                        PSW_MASK_EA | PSW_MASK_BA | PSW_MASK_WAIT)

static inline bool fast_allowed(const CPUState *cpu)
{
    return !(cpu->psw_mask & (PSW_MASK_PER | PSW_MASK_WAIT)) && !cpu->machine->nwp &&
           !cpu->watch_suppress &&
           !atomic_load_explicit(&cpu->flush_request, memory_order_relaxed);
}

/* Leaves the loop after an instruction whose handler returned rc: the PSW
 * and the result as cpu_step gives them. */
DecodedInsn *threaded_fail(CPUState *cpu, DecodedInsn *di, int rc, uint64_t budget)
{
    const uint64_t addr = di->in.addr;
    cpu->insn_addr = addr;
    cpu->psw_addr = threaded_seq(cpu, di);
    cpu->run.budget = budget - 1;
    CpuStepResult r = complete(cpu, rc, addr, di->in.ilen);
    cpu->run.result = r == CPU_STEP_INTERRUPT ? CPU_STEP_OK : r;
    return NULL;
}

/* The whole protocol, for instructions that may do anything: branch, load
 * a new PSW mask, flush the TLB, store into decoded code. */
DecodedInsn *threaded_call(CPUState *cpu, DecodedInsn *di, uint64_t budget)
{
    const uint64_t seq = threaded_seq(cpu, di);
    cpu->insn_addr = di->in.addr;
    cpu->psw_addr = seq;
    const int rc = tcache_handler(di)(cpu, &di->in);
    if (__builtin_expect(rc != INSN_OK, 0))
        return threaded_fail(cpu, di, rc, budget);
    if (__builtin_expect(threaded_epoch_moved(cpu) ||
                             (cpu->psw_mask & FAST_MODE_BITS) != cpu->run.mode,
                         0)) {
        cpu->run.budget = budget - 1;
        return NULL;
    }
    const uint64_t to = cpu->psw_addr;
    if (to == seq)
        return threaded_next(cpu, di, budget);
    return threaded_jump(cpu, di, to, budget);
}

/* Runs the instructions of page cp from the PSW address until the page,
 * the mode or the TLB changes, something needs cpu_step, or *done reaches
 * max_steps.  Returns CPU_STEP_OK to go on, or the result that ends
 * cpu_run. */
static CpuStepResult run_page(CPUState *cpu, CodePage *cp, uint64_t *done, uint64_t max_steps)
{
    const uint64_t addr = cpu->psw_addr;
    DecodedInsn *di = NULL;
    if ((addr & (PAGE_MASK | 1)) == cp->vpage)
        di = tcache_insn(cpu, cp, addr);
    if (di && di->run == threaded_undecoded)
        tcache_fill(cpu, cp, di);
    if (!di || di->run == threaded_stop) {
        /* In the page but not runnable from the cache (crossing the page
         * end, unassigned opcode), or gone from it: cpu_step. */
        CpuStepResult r = cpu_step(cpu);
        ++*done;
        return r == CPU_STEP_INTERRUPT ? CPU_STEP_OK : r;
    }
    cpu->run.cp = cp;
    cpu->run.mode = cpu->psw_mask & FAST_MODE_BITS;
    cpu->run.epoch = atomic_load_explicit(&cpu->tlb.epoch, memory_order_relaxed);
    cpu->run.amask = cpu_addr_mask(cpu);
    cpu->run.budget = max_steps - *done;
    cpu->run.result = CPU_STEP_OK;
    tcache_jump_sync(cpu);
    while (di)
        di = di->run(cpu, di, cpu->run.budget);
    *done = max_steps - cpu->run.budget;
    return (CpuStepResult)cpu->run.result;
}

CpuStepResult cpu_run(CPUState *cpu, uint64_t max_steps)
{
    uint64_t done = 0;
    while (done < max_steps) {
        CodePage *cp = NULL;
        if (fast_allowed(cpu) && !(cpu->psw_addr & 1))
            cp = tcache_enter(cpu, cpu->psw_addr);
        CpuStepResult r;
        if (cp) {
            r = run_page(cpu, cp, &done, max_steps);
        } else {
            r = cpu_step(cpu);
            done++;
            if (r == CPU_STEP_INTERRUPT)
                r = CPU_STEP_OK;
        }
        if (r != CPU_STEP_OK)
            return r;
    }
    return CPU_STEP_OK;
}

/* ---- TOD clock ---- */

uint64_t cpu_tod_now(void)
{
    static _Atomic uint64_t last;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    /* Seconds from 1900-01-01 to 1970-01-01: 70 years with 17 leap days. */
    const uint64_t epoch_s = 2208988800ULL;
    uint64_t us = ((uint64_t)ts.tv_sec + epoch_s) * 1000000ULL + (uint64_t)ts.tv_nsec / 1000;
    uint64_t tod = (us << 12) | ((((uint64_t)ts.tv_nsec % 1000) * 4096 / 1000) & 0xFFF);
    /* STCK values are unique: never return the same value twice. */
    uint64_t prev = atomic_load(&last);
    for (;;) {
        uint64_t v = tod > prev ? tod : prev + 1;
        if (atomic_compare_exchange_weak(&last, &prev, v))
            return v;
    }
}
