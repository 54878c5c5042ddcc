/* The decoded-instruction cache: per CPU, one CodePage per (logical page,
 * absolute frame) the CPU executes from, holding each instruction of the
 * page decoded once (handler + struct Insn), indexed by its halfword offset.
 * The dispatcher's fast loop (cpu_run) runs from it without fetching or
 * decoding again.
 *
 * Validity (DESIGN §5, self-modifying code): a page is made under the
 * frame's code generation (storage_code_mark); any store into the frame --
 * an instruction's (TLB_CODE sends it through access_commit), the host's
 * (vmem), a freed frame -- moves the generation on, and the page is decoded
 * anew the next time it is entered.  Such a store by an instruction also
 * moves the TLB epoch, which the fast loop compares after every instruction
 * that can store (cpu/threaded.h), so a store into the page being executed
 * takes effect before the next instruction.  Translation and
 * protection are re-checked through the TLB on every entry into a page and
 * whenever the TLB was flushed (Tlb.epoch). */
#ifndef ZEMU_CPU_TCACHE_H
#define ZEMU_CPU_TCACHE_H

#include <stdint.h>

#include "cpu/decode.h"
#include "cpu/exec.h"

typedef struct DecodedInsn DecodedInsn;

/* Executes di and returns the instruction to run next, NULL to leave the
 * fast loop (cpu/threaded.h).  budget: how many instructions the loop may
 * still run, di included (passed along in a register, not in CPUState, so
 * counting costs no store and reload per instruction); whatever returns
 * stores what is left in cpu->run.budget. */
typedef DecodedInsn *(*ThreadedFn)(CPUState *cpu, DecodedInsn *di, uint64_t budget);

struct DecodedInsn {
    /* The fields the fast loop reads first; the struct is kept small
     * (one 64-byte host cache line: tcache.c) because a program's hot code is many decoded pages. */
    ThreadedFn run;             /* the threaded entry (cpu/threaded.h) */
    /* The instruction that follows this one: never NULL.  When it is
     * not decoded yet, a placeholder in its slot (run = threaded_undecoded,
     * decoded in place when first run); past the page end the page's
     * `end` (run = threaded_stop).  Straight-line code runs without a slot
     * lookup and without a test. */
    DecodedInsn *next;
    /* The last branch target in this page the loop went to from here. */
    DecodedInsn *taken;
    Insn in;                    /* its handler: tcache_handler */
};

/* The handler of a decoded instruction (its definition's, by table row). */
static inline InsnHandler tcache_handler(const DecodedInsn *di)
{
    return insn_table[di->in.row].handler;
}

#define TCACHE_SLOTS (4096 / 2)     /* one per halfword of a page */
/* Decoded instructions live in chunks that never move, so pointers to
 * them (next, the loop's current one) stay valid while a page fills. */
#define TCACHE_CHUNK 64

typedef struct CodePage {
    uint64_t vpage;             /* logical address of the page */
    uint64_t abs;               /* its absolute frame */
    const uint8_t *host;        /* host address of the frame */
    uint32_t gen;               /* the frame's code generation when decoded */
    uint16_t n;                 /* decoded instructions */
    struct CodePage *next;      /* hash chain */
    DecodedInsn *chunk[TCACHE_SLOTS / TCACHE_CHUNK];
    uint16_t idx[TCACHE_SLOTS]; /* 1 + number of the instruction; 0 = none yet */
    /* The successor of an instruction that ends at the page end: leaves
     * the loop with the PSW at the next page. */
    DecodedInsn end;
} CodePage;

static inline DecodedInsn *tcache_at(const CodePage *cp, unsigned i)
{
    return &cp->chunk[i / TCACHE_CHUNK][i % TCACHE_CHUNK];
}

#define TCACHE_BUCKETS 1024
/* Past this many pages the whole cache is dropped and refilled (rare: a
 * program's hot code is far smaller). */
#define TCACHE_MAX_PAGES 8192

/* The pages entered most recently, by logical page number: entering a page
 * again (calls and returns between pages) costs a TLB tag compare and a
 * generation compare instead of the hash lookup.  1024 (not 64): python3's
 * and sqlite3's hot code spans hundreds of pages, and every miss here left
 * the fast loop (python3 small workload: 1.5 % of host instructions). */
#define TCACHE_RECENT 1024

/* Branch targets the fast loop went to recently, by target address, in
 * any page: a taken branch whose own cached target (DecodedInsn.taken)
 * does not match -- returns, calls into other pages -- finds its
 * target here with one compare instead of a page lookup and a TLB check.
 * A slot holds while the conditions it was filled under hold: the TLB
 * epoch (translations, keys), the storage's code epoch (no frame's code
 * generation moved, so no decoded page was redone) and the fast loop's
 * mode bits (space, key, addressing mode).  When one of them changes,
 * every slot is dropped at once by moving jump_gen on. */
#define TCACHE_JUMPS 1024
typedef struct JumpSlot {
    uint64_t to;
    uint64_t gen;               /* valid when TCache.jump_gen */
    DecodedInsn *t;
    CodePage *cp;               /* the page holding t */
} JumpSlot;

/* The return points of the calls the fast loop made, most recent on top
 * (a host CPU's return stack, for the same reason): a return -- a branch
 * to a register -- whose target is the top's address goes there without a
 * lookup.  Entries are jump slots: they hold under the same conditions. */
#define TCACHE_RETURNS 16

/* The block compiler's code (cpu/jit.h). */
typedef struct JitArena {
    uint8_t *base, *next, *end;
} JitArena;

typedef struct TCache {
    CodePage *recent[TCACHE_RECENT];
    JumpSlot jump[TCACHE_JUMPS];
    JumpSlot ret[TCACHE_RETURNS];
    unsigned ret_top;
    uint64_t jump_gen;          /* starts at 1: a zeroed slot is empty */
    uint64_t jump_tlb_epoch, jump_code_epoch, jump_mode;
    CodePage *bucket[TCACHE_BUCKETS];
    unsigned npages;
    uint64_t decoded;           /* statistics: instructions decoded */
    JitArena jit;
    uint64_t jit_blocks;        /* statistics: blocks compiled */
    uint64_t jit_deopts;        /* statistics: compiled code left before an instruction */
    uint64_t jit_mvc_splits;    /* statistics: crossing MVCs copied by a call (mvc_split) */
} TCache;

/* The page holding addr for an instruction fetch in the current PSW's
 * space and key, when its translation is in the TLB and is ordinary RAM;
 * NULL otherwise (the caller takes the slow path, whose fetch reports any
 * exception and fills the TLB).  Decodes nothing yet. */
CodePage *tcache_page(CPUState *cpu, uint64_t addr);

/* The recently entered page holding addr, when its fetch translation is
 * still in the TLB, exactly (same key, same frame, no slow-case flag), and
 * its frame unchanged since decoding; else NULL.  Allocates and frees
 * nothing (the fast loop calls it between pages). */
static inline CodePage *tcache_recent(CPUState *cpu, uint64_t addr)
{
    const TCache *tc = cpu->tcache;
    if (__builtin_expect(tc != NULL, 1)) {
        CodePage *cp = tc->recent[(addr >> 12) & (TCACHE_RECENT - 1)];
        const uint64_t vpage = addr & PAGE_MASK;
        if (cp && cp->vpage == vpage) {
            const int ts = mmu_tlb_space(cpu, cpu_ifetch_space(cpu));
            const TlbEntry *e = &cpu->tlb.e[ts][(addr >> 12) & (TLB_ENTRIES - 1)];
            if (e->tag_fetch == tlb_make_tag(vpage, cpu_psw_key(cpu)) && e->abs == cp->abs &&
                cp->gen == storage_code_gen(&cpu->machine->storage, cp->abs))
                return cp;
        }
    }
    return NULL;
}

/* tcache_page with the recently entered pages checked inline first. */
static inline CodePage *tcache_enter(CPUState *cpu, uint64_t addr)
{
    CodePage *cp = tcache_recent(cpu, addr);
    return cp ? cp : tcache_page(cpu, addr);
}

/* A new slot for addr (in cp), decoded at once by tcache_fill; NULL only
 * when the host has no memory for it. */
DecodedInsn *tcache_decode(CPUState *cpu, CodePage *cp, uint64_t addr);

/* The slot's instruction at addr: decoded, or a placeholder not run yet
 * (threaded_undecoded), or one that cannot run from the cache because it
 * crosses the page end or its opcode is unassigned or not installed
 * (threaded_stop: cpu_step runs it and raises the exception); made by
 * tcache_decode on first use. */
static inline DecodedInsn *tcache_insn(CPUState *cpu, CodePage *cp, uint64_t addr)
{
    const unsigned i = cp->idx[(addr & 0xFFF) >> 1];
    return i ? tcache_at(cp, i - 1) : tcache_decode(cpu, cp, addr);
}

/* The slot of the instruction at addr (even, in cp): decoded or a
 * placeholder, made as tcache_insn would but decoding nothing; NULL only
 * when the host has no memory.  Stable while cp is not decoded anew. */
DecodedInsn *tcache_slot(CodePage *cp, uint64_t addr);

/* Decodes the placeholder di (in cp) in place; false when its instruction
 * cannot run from the cache (di then stops the loop: threaded_stop).
 * When di starts a run the block compiler covers, that is compiled too
 * (cpu/jit.h); tcache_fill_only does not try. */
bool tcache_fill(CPUState *cpu, CodePage *cp, DecodedInsn *di);
bool tcache_fill_only(CPUState *cpu, CodePage *cp, DecodedInsn *di);

/* Called by the fast loop when it starts (cpu->run set): drops every jump
 * slot when the TLB epoch, the code epoch or the mode bits differ from
 * those the slots were filled under.  Inside the loop only the TLB epoch
 * can still move (a flush, a flush request, a store into decoded code: the
 * code epoch moves with it for this CPU's stores; host stores happen only
 * outside the loop; another CPU's store into code is seen at the next
 * start), so the lookup below compares only that. */
void tcache_jump_sync(CPUState *cpu);

/* Does slot s lead to to under the fast loop's current conditions
 * (cpu->run: tcache_jump_sync, TLB epoch unchanged)? */
static inline bool tcache_slot_holds(const CPUState *cpu, const JumpSlot *s, uint64_t to)
{
    return s->to == to && s->gen == cpu->tcache->jump_gen &&
           atomic_load_explicit(&cpu->tlb.epoch, memory_order_relaxed) == cpu->run.epoch;
}

/* The jump slot for to, valid under the fast loop's current conditions
 * (cpu->run) -- or NULL. */
static inline const JumpSlot *tcache_jump_slot(const CPUState *cpu, uint64_t to)
{
    const JumpSlot *s = &cpu->tcache->jump[(to >> 1) & (TCACHE_JUMPS - 1)];
    return tcache_slot_holds(cpu, s, to) ? s : NULL;
}

/* A call in the loop (from cpu->run.cp) will return to ret = t, t being
 * the call's successor (DecodedInsn.next: in the same page, or its end). */
static inline void tcache_return_push(CPUState *cpu, uint64_t ret, DecodedInsn *t)
{
    TCache *tc = cpu->tcache;
    const unsigned i = (tc->ret_top + 1) & (TCACHE_RETURNS - 1);
    tc->ret_top = i;
    tc->ret[i] = (JumpSlot){ .to = ret, .gen = tc->jump_gen, .t = t, .cp = cpu->run.cp };
}

/* The return point on top when it is to and still valid (as
 * tcache_jump_slot); it is then popped.  NULL otherwise. */
static inline const JumpSlot *tcache_return_pop(const CPUState *cpu, uint64_t to)
{
    TCache *tc = cpu->tcache;
    const JumpSlot *s = &tc->ret[tc->ret_top];
    if (!tcache_slot_holds(cpu, s, to))
        return NULL;
    tc->ret_top = (tc->ret_top - 1) & (TCACHE_RETURNS - 1);
    return s;
}

/* Records that the loop, under its current conditions (tcache_jump_sync,
 * TLB epoch unchanged), went to to = t in cp, found and checked the long
 * way. */
void tcache_jump_fill(CPUState *cpu, uint64_t to, DecodedInsn *t, CodePage *cp);

/* Frees the CPU's cache (machine_destroy). */
void tcache_free(CPUState *cpu);

#endif
