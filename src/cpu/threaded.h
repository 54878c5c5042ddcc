/* Threaded dispatch for the fast loop (cpu_run, exec.c).
 *
 * Every decoded instruction (DecodedInsn) carries a "threaded" entry: a
 * function that executes it and returns the decoded instruction to run next,
 * or NULL to leave the loop.  The loop is then only
 *
 *     while (di) di = di->run(cpu, di, cpu->run.budget);
 *
 * and mostly not even that: an entry usually runs the next one itself, as a
 * tail call (threaded_go), and returns what that returns.  Each entry does
 * no more bookkeeping than its instruction needs:
 *   - plain instructions (loads, arithmetic, logic, compares, shifts: no
 *     branch, no store, no change of PSW mode bits) neither write the PSW
 *     address nor check the TLB epoch: they run the handler and continue
 *     with the known successor;
 *   - storing instructions also compare the TLB epoch afterwards (a store
 *     into decoded code goes through access_commit, which moves it on);
 *   - branches get cpu->insn_addr and cpu->psw_addr as cpu_step gives them
 *     and follow the PSW address after;
 *   - everything else (threaded_call) gets the whole protocol of the
 *     earlier loop: PSW address, epoch and mode checks after the handler.
 * cpu->psw_addr is therefore only meaningful when the loop has left: every
 * path that returns NULL stores the address of the next instruction to run
 * there first.  A handler result other than INSN_OK goes to threaded_fail,
 * which sets insn_addr and psw_addr as cpu_step would and completes the
 * instruction with the same code as cpu_step (exec.c: complete()).
 *
 * The loop's conditions (no PER, no watchpoint, no flush request, fixed
 * translation mode) are those of cpu_run (exec.c); cpu->run holds the page
 * being run, the epoch and mode it was entered with, and the number of
 * instructions the loop may still execute (budget), counted exactly: the
 * entries pass the count on as an argument and store it back in
 * cpu->run.budget when they return to the loop. */
#ifndef ZEMU_CPU_THREADED_H
#define ZEMU_CPU_THREADED_H

#include "cpu/tcache.h"

/* The threaded entry for an instruction of definition d. */
ThreadedFn threaded_entry(const InsnDef *d);

/* The generic entry: the full protocol around the handler (exec.c). */
__attribute__((noinline)) DecodedInsn *threaded_call(CPUState *cpu, DecodedInsn *di,
                                                     uint64_t budget);

/* A handler of di returned rc != INSN_OK: complete it as cpu_step would
 * and leave the loop (exec.c). */
__attribute__((noinline)) DecodedInsn *threaded_fail(CPUState *cpu, DecodedInsn *di, int rc,
                                                     uint64_t budget);

/* The entry of a placeholder (tcache.h: DecodedInsn.next): decodes di in
 * place and runs it, or leaves the loop at it when it cannot run from the
 * cache. */
DecodedInsn *threaded_undecoded(CPUState *cpu, DecodedInsn *di, uint64_t budget);

/* The entry of an instruction that does not run from the cache (and of a
 * page's end): leaves the loop with the PSW at it; it is not counted. */
DecodedInsn *threaded_stop(CPUState *cpu, DecodedInsn *di, uint64_t budget);

/* di branched to to (the PSW address) and is not counted yet: a lookup in
 * the page or a recently run one, else leave the loop (threaded_jump). */
__attribute__((noinline)) DecodedInsn *threaded_jump_slow(CPUState *cpu, DecodedInsn *di,
                                                          uint64_t to, uint64_t budget);

/* The same lookup, but the target is returned, not run: counted, with
 * cpu->run.budget (and cpu->run.cp) set for it; NULL when the loop must
 * leave (the PSW then at to).  The block compiler's exits jump to the
 * target themselves, each from its own host address. */
__attribute__((noinline)) DecodedInsn *threaded_jump_find(CPUState *cpu, DecodedInsn *di,
                                                          uint64_t to, uint64_t budget);

/* Has the TLB epoch moved since the loop entered (a flush, a flush request
 * from another CPU, a store that ended decoded code)? */
static inline bool threaded_epoch_moved(const CPUState *cpu)
{
    return atomic_load_explicit(&cpu->tlb.epoch, memory_order_relaxed) != cpu->run.epoch;
}

static inline uint64_t threaded_seq(const CPUState *cpu, const DecodedInsn *di)
{
    return (di->in.addr + di->in.ilen) & cpu->run.amask;
}

/* Goes on with n: runs it directly (a tail call: optimised builds jump from
 * entry to entry, each with its own indirect jump for the predictor, and
 * skip the loop), except every THREADED_CHAIN instructions, when n goes
 * back to the loop: without tail calls (an unoptimised build) the host
 * stack then holds at most THREADED_CHAIN entries. */
#define THREADED_CHAIN 64
static inline __attribute__((always_inline)) DecodedInsn *threaded_go(CPUState *cpu,
                                                                      DecodedInsn *n,
                                                                      uint64_t budget)
{
    if (__builtin_expect(budget % THREADED_CHAIN != 0, 1))
        return n->run(cpu, n, budget);
    cpu->run.budget = budget;
    return n;
}

/* In an optimised build (without AddressSanitizer, whose stack redzones
 * can keep a call from being a tail call) every entry reaches the next as
 * a tail call, a jump: the host stack does not grow.  There, straight-line
 * code goes on without the THREADED_CHAIN test (two host instructions per
 * guest instruction); branches keep it as a safeguard.  A run of
 * straight-line code ends at the page end anyway (the page's end entry,
 * threaded_stop, returns to the loop). */
#if defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__)
#define THREADED_TAIL_CALLS 1
#else
#define THREADED_TAIL_CALLS 0
#endif

/* di completed without branching: count it and go on to its successor. */
static inline __attribute__((always_inline)) DecodedInsn *threaded_next(CPUState *cpu,
                                                                        DecodedInsn *di,
                                                                        uint64_t budget)
{
    if (__builtin_expect(--budget != 0, 1)) {
        DecodedInsn *n = di->next;
        return THREADED_TAIL_CALLS ? n->run(cpu, n, budget) : threaded_go(cpu, n, budget);
    }
    cpu->run.budget = 0;
    cpu->psw_addr = threaded_seq(cpu, di);
    return NULL;
}

/* di branched to to (the PSW address): count it and go on with the target
 * cached in di when that is to (a loop's branch, mostly), else look it up
 * (threaded_jump_slow). */
static inline __attribute__((always_inline)) DecodedInsn *threaded_jump(CPUState *cpu,
                                                                        DecodedInsn *di,
                                                                        uint64_t to,
                                                                        uint64_t budget)
{
    DecodedInsn *t = di->taken;
    if (__builtin_expect(budget > 1 && t && t->in.addr == to, 1))
        return threaded_go(cpu, t, budget - 1);
    return threaded_jump_slow(cpu, di, to, budget);
}

/* di branched to to (not yet wrapped to the addressing mode) with PER off,
 * as cpu_branch has it in the fast loop: the breaking-event address, then
 * the jump protocol above (the loop branches of threaded.c). */
static inline __attribute__((always_inline)) DecodedInsn *threaded_branch(CPUState *cpu,
                                                                          DecodedInsn *di,
                                                                          uint64_t to,
                                                                          uint64_t budget)
{
    cpu->bea = di->in.addr;
    return threaded_jump(cpu, di, to & cpu->run.amask, budget);
}

/* The same, but the target is returned, not run (threaded_jump_find's
 * contract): the block compiler's exits (jit.c) jump to it themselves.
 * Inline are threaded_jump's cached target and threaded_jump_find's most
 * common case, another page's jump slot, without its call. */
static inline DecodedInsn *threaded_branch_find(CPUState *cpu, DecodedInsn *di, uint64_t to,
                                                uint64_t budget)
{
    cpu->bea = di->in.addr;
    to &= cpu->run.amask;
    DecodedInsn *t = di->taken;
    if (__builtin_expect(budget > 1 && t && t->in.addr == to, 1)) {
        cpu->run.budget = budget - 1;
        return t;
    }
    const JumpSlot *js;
    if (budget > 1 && (to & (PAGE_MASK | 1)) != cpu->run.cp->vpage &&
        (js = tcache_jump_slot(cpu, to))) {
        cpu->run.cp = js->cp;
        cpu->run.budget = budget - 1;
        return js->t;
    }
    return threaded_jump_find(cpu, di, to, budget);
}

#endif
