/* The decoded-instruction cache (see tcache.h). */
#include "cpu/tcache.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/exec.h"
#include "cpu/jit.h"
#include "cpu/threaded.h"

static TCache *tcache_of(CPUState *cpu)
{
    if (!cpu->tcache && (cpu->tcache = calloc(1, sizeof(TCache))))
        cpu->tcache->jump_gen = 1;
    return cpu->tcache;
}

static unsigned bucket_of(uint64_t vpage, uint64_t abs)
{
    return (unsigned)(((vpage >> 12) ^ (abs >> 12) * 0x9E3779B1u) & (TCACHE_BUCKETS - 1));
}

static void page_free(CodePage *cp)
{
    for (unsigned c = 0; c < TCACHE_SLOTS / TCACHE_CHUNK; c++)
        free(cp->chunk[c]);
    free(cp);
}

static void drop_all(TCache *tc)
{
    memset(tc->recent, 0, sizeof(tc->recent));
    tc->jump_gen++;             /* the slots point into the pages freed here */
    for (unsigned b = 0; b < TCACHE_BUCKETS; b++) {
        for (CodePage *cp = tc->bucket[b], *n; cp; cp = n) {
            n = cp->next;
            page_free(cp);
        }
        tc->bucket[b] = NULL;
    }
    tc->npages = 0;
    jit_arena_reset(&tc->jit);  /* its blocks were reached only from the pages */
}

void tcache_free(CPUState *cpu)
{
    if (cpu->tcache) {
        drop_all(cpu->tcache);
        jit_arena_free(&cpu->tcache->jit);
        free(cpu->tcache);
        cpu->tcache = NULL;
    }
}

/* Marks the frame as holding decoded code and makes every CPU's stores to
 * it take the slow path, before any byte of it is decoded: a store that
 * races with the decoding moves the generation on and the page is decoded
 * again.  (With several CPU threads the other TLBs need a flush request;
 * user mode has one CPU.) */
static uint32_t claim_frame(CPUState *cpu, uint64_t abs)
{
    Machine *m = cpu->machine;
    uint32_t gen = storage_code_mark(&m->storage, abs);
    for (int i = 0; i < m->ncpus; i++)
        if (m->cpus[i])
            tlb_code_protect(&m->cpus[i]->tlb, abs);
    if (!m->ncpus)
        tlb_code_protect(&cpu->tlb, abs);
    return gen;
}

static void page_reset(CPUState *cpu, CodePage *cp)
{
    cp->gen = claim_frame(cpu, cp->abs);
    cp->n = 0;
    memset(cp->idx, 0, sizeof(cp->idx));
    memset(&cp->end, 0, sizeof(cp->end));
    cp->end.run = threaded_stop;
    cp->end.in.addr = cp->vpage + PAGE_SIZE;
}

CodePage *tcache_page(CPUState *cpu, uint64_t addr)
{
    TCache *tc = tcache_of(cpu);
    if (!tc)
        return NULL;
    const int tspace = mmu_tlb_space(cpu, cpu_ifetch_space(cpu));
    uint64_t flags;
    TlbEntry *e = tlb_lookup(&cpu->tlb, tspace, addr, TLB_KIND_FETCH, cpu_psw_key(cpu), &flags);
    if (!e || flags || !e->host)
        return NULL;
    const uint64_t vpage = addr & PAGE_MASK;
    const unsigned b = bucket_of(vpage, e->abs);
    CodePage **recent = &tc->recent[(addr >> 12) & (TCACHE_RECENT - 1)];
    for (CodePage *cp = tc->bucket[b]; cp; cp = cp->next) {
        if (cp->vpage == vpage && cp->abs == e->abs) {
            if (cp->gen != storage_code_gen(&cpu->machine->storage, cp->abs))
                page_reset(cpu, cp);
            *recent = cp;
            return cp;
        }
    }
    if (tc->npages >= TCACHE_MAX_PAGES)
        drop_all(tc);
    CodePage *cp = calloc(1, sizeof(*cp));
    if (!cp)
        return NULL;
    cp->vpage = vpage;
    cp->abs = e->abs;
    cp->host = e->host;
    page_reset(cpu, cp);
    cp->next = tc->bucket[b];
    tc->bucket[b] = cp;
    tc->npages++;
    *recent = cp;
    return cp;
}

void tcache_jump_sync(CPUState *cpu)
{
    TCache *tc = cpu->tcache;
    const uint64_t code_epoch = storage_code_epoch(&cpu->machine->storage);
    if (tc->jump_tlb_epoch != cpu->run.epoch || tc->jump_code_epoch != code_epoch ||
        tc->jump_mode != cpu->run.mode) {
        tc->jump_gen++;
        tc->jump_tlb_epoch = cpu->run.epoch;
        tc->jump_code_epoch = code_epoch;
        tc->jump_mode = cpu->run.mode;
    }
}

void tcache_jump_fill(CPUState *cpu, uint64_t to, DecodedInsn *t, CodePage *cp)
{
    TCache *tc = cpu->tcache;
    JumpSlot *s = &tc->jump[(to >> 1) & (TCACHE_JUMPS - 1)];
    s->to = to;
    s->gen = tc->jump_gen;
    s->t = t;
    s->cp = cp;
}

/* Keep the decoded instruction as small as its comment says (tcache.h). */
_Static_assert(sizeof(Insn) == 40 && sizeof(DecodedInsn) == 64, "DecodedInsn grew");

/* The instruction definition at addr in cp, when it can run from the cache. */
static const InsnDef *cacheable_def(CPUState *cpu, const CodePage *cp, uint64_t addr)
{
    const unsigned off = addr & 0xFFF;
    const uint8_t *b = cp->host + off;
    if (off + insn_length(b[0]) > 4096)
        return NULL;
    const InsnDef *d = decode_lookup(b);
    if (!d || (d->facility && !facility_installed(cpu->machine, d->facility)))
        return NULL;
    return d;
}

/* A new slot for addr: a placeholder, decoded when first run. */
static DecodedInsn *new_slot(CodePage *cp, uint64_t addr)
{
    DecodedInsn **chunk = &cp->chunk[cp->n / TCACHE_CHUNK];
    /* Line-aligned: each decoded instruction is one host cache line. */
    if (!*chunk && !(*chunk = aligned_alloc(64, TCACHE_CHUNK * sizeof(DecodedInsn))))
        return NULL;
    DecodedInsn *di = tcache_at(cp, cp->n);
    memset(di, 0, sizeof(*di));
    di->run = threaded_undecoded;
    di->in.addr = addr;
    cp->idx[(addr & 0xFFF) >> 1] = ++cp->n;
    return di;
}

/* Decodes di (its slot's address in di->in.addr) with definition d and
 * links its successor: the slot after it (a placeholder when new), or the
 * page's end.  False (di unchanged) when no successor slot can be had. */
static bool fill(CPUState *cpu, CodePage *cp, DecodedInsn *di, const InsnDef *d)
{
    const uint64_t addr = di->in.addr;
    const uint64_t succ = addr + insn_length(cp->host[addr & 0xFFF]);
    DecodedInsn *n = &cp->end;
    if (succ & 0xFFF) {
        const unsigned i = cp->idx[(succ & 0xFFF) >> 1];
        n = i ? tcache_at(cp, i - 1) : new_slot(cp, succ);
        if (!n)
            return false;
    }
    di->next = n;
    di->taken = NULL;
    decode_fields(d, cp->host + (addr & 0xFFF), addr, &di->in);
    di->run = threaded_entry(d);
    cpu->tcache->decoded++;
    return true;
}

DecodedInsn *tcache_slot(CodePage *cp, uint64_t addr)
{
    const unsigned i = cp->idx[(addr & 0xFFF) >> 1];
    return i ? tcache_at(cp, i - 1) : new_slot(cp, addr);
}

DecodedInsn *tcache_decode(CPUState *cpu, CodePage *cp, uint64_t addr)
{
    DecodedInsn *di = new_slot(cp, addr);
    if (di)
        tcache_fill(cpu, cp, di);
    return di;
}

bool tcache_fill_only(CPUState *cpu, CodePage *cp, DecodedInsn *di)
{
    const InsnDef *d = cacheable_def(cpu, cp, di->in.addr);
    if (!d || !fill(cpu, cp, di, d)) {
        di->run = threaded_stop;
        return false;
    }
    return true;
}

bool tcache_fill(CPUState *cpu, CodePage *cp, DecodedInsn *di)
{
    if (!tcache_fill_only(cpu, cp, di))
        return false;
    jit_block(cpu, cp, di);
    return true;
}
