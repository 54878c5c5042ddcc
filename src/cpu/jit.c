/* The block compiler (see jit.h): blocks around the templates of
 * jit_templates.c, their entries and exits, and the code arena. */
#include "cpu/jit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/threaded.h"

static int enabled = -1;        /* -1: not decided yet (ZEMU_JIT) */

bool jit_enabled(void)
{
#if !defined(__x86_64__)
    return false;               /* no templates for this host */
#endif
    if (enabled < 0) {
        const char *e = getenv("ZEMU_JIT");
        enabled = !(e && e[0] == '0');
    }
    return enabled;
}

void jit_set_enabled(bool on) { enabled = on; }

#if defined(__x86_64__)
#include <sys/mman.h>
#include <unistd.h>

#include "cpu/jit_templates.h"

/* Jump to the threaded entry fn with RSI = di (RDI, RDX as they are). */
static void jump_entry(XBuf *b, const DecodedInsn *di, ThreadedFn fn)
{
    x_mov_imm(b, H_DI, (uint64_t)(uintptr_t)di);
    x_mov_imm(b, X_RAX, (uint64_t)(uintptr_t)fn);
    x_jmp_reg(b, X_RAX);
}

/* Go on with n, every instruction before it counted (RDX already less):
 * as threaded_next does, to n's entry -- a jump in a build with tail
 * calls; elsewhere back to the loop, so that the host stack stays flat. */
static void go_next(XBuf *b, const DecodedInsn *n)
{
    x_mov_imm(b, H_DI, (uint64_t)(uintptr_t)n);
    if (THREADED_TAIL_CALLS) {
        x_jmp_mem(b, H_DI);
    } else {
        x_store(b, true, H_BUDGET, H_CPU, (int32_t)offsetof(CPUState, run.budget));
        x_mov_imm(b, X_RAX, (uint64_t)(uintptr_t)n);
        x_ret(b);
    }
}

/* The exits of a block's branches to other pages, or calls and returns:
 * the loop's jump protocol (threaded_jump) as the threaded entries have it
 * (threaded.c: t_brc, BRANCH_ENTRY), with di the branch, not counted yet;
 * but the target is returned (threaded_branch_find), for the block to
 * jump to from its own exit: one host indirect jump per guest branch,
 * which the host's predictor can tell apart (a shared one mispredicted an
 * interpreter's dispatch far more).  The target of a branch to a register
 * comes in RCX (the fourth argument). */
static DecodedInsn *jit_jump(CPUState *cpu, DecodedInsn *di, uint64_t budget)
{
    return threaded_branch_find(cpu, di, di->in.addr + 2 * (uint64_t)di->in.i2, budget);
}
static DecodedInsn *jit_jump4(CPUState *cpu, DecodedInsn *di, uint64_t budget)
{
    return threaded_branch_find(cpu, di, di->in.addr + 2 * (uint64_t)(int64_t)di->in.i4, budget);
}
static DecodedInsn *jit_call(CPUState *cpu, DecodedInsn *di, uint64_t budget)
{
    tcache_return_push(cpu, threaded_seq(cpu, di), di->next);
    return jit_jump(cpu, di, budget);
}
static DecodedInsn *jit_call_reg(CPUState *cpu, DecodedInsn *di, uint64_t budget, uint64_t to)
{
    tcache_return_push(cpu, threaded_seq(cpu, di), di->next);
    return threaded_branch_find(cpu, di, to, budget);
}
static DecodedInsn *jit_return(CPUState *cpu, DecodedInsn *di, uint64_t budget, uint64_t to)
{
    const JumpSlot *r;
    if (budget > 1 && (r = tcache_return_pop(cpu, to & cpu->run.amask))) {
        cpu->bea = di->in.addr;
        cpu->run.cp = r->cp;
        cpu->run.budget = budget - 1;
        return r->t;
    }
    return threaded_branch_find(cpu, di, to, budget);
}

/* The exit's address, for the compiled code to call. */
static uint64_t jit_exit_of(const JitOp *op)
{
    if (op->kind == K_BCR)
        return (uint64_t)(uintptr_t)jit_return;
    if (op->kind == K_CALL)
        return op->op == CALL_REG ? (uint64_t)(uintptr_t)jit_call_reg
                                  : (uint64_t)(uintptr_t)jit_call;
    if (op->kind == K_CJ)
        return (uint64_t)(uintptr_t)jit_jump4;
    return (uint64_t)(uintptr_t)jit_jump;
}

/* Calls the exit fn (RSI = di; RDX, RCX as they are) and goes on with the
 * target it returns, from here: RSP is 8 mod 16 in a block, as at a
 * threaded entry, so the push of the CPU aligns the call.  Without tail
 * calls the target goes back to the loop instead (as go_next). */
static void call_exit(XBuf *b, const DecodedInsn *di, uint64_t fn)
{
    x_mov_imm(b, H_DI, (uint64_t)(uintptr_t)di);
    x_push(b, H_CPU);
    x_mov_imm(b, X_RAX, fn);
    x_call_reg(b, X_RAX);
    x_pop(b, H_CPU);
    if (THREADED_TAIL_CALLS) {
        x_alu(b, true, XA_TEST, X_RAX, X_RAX);
        uint8_t *leave = x_jcc_fwd(b, XC_E);
        x_load(b, true, H_BUDGET, H_CPU, (int32_t)offsetof(CPUState, run.budget));
        x_mov_reg(b, H_DI, X_RAX);
        x_jmp_mem(b, H_DI);
        x_patch(b, leave, b->p);
    }
    x_ret(b);
}

static ThreadedFn own_entry(const DecodedInsn *di)
{
    return threaded_entry(&insn_table[di->in.row]);
}

/* With ZEMU_JIT_PERFMAP=1, each block is listed in /tmp/perf-PID.map, the
 * file perf reads to name code without symbols: a profile then shows the
 * guest address each block starts at. */
static void perf_map(const uint8_t *start, const uint8_t *end, uint64_t guest, int n)
{
    static FILE *f;
    static int want = -1;
    if (want < 0) {
        const char *e = getenv("ZEMU_JIT_PERFMAP");
        want = e && e[0] == '1';
        if (want) {
            char name[64];
            snprintf(name, sizeof(name), "/tmp/perf-%d.map", (int)getpid());
            f = fopen(name, "w");
        }
    }
    if (f) {
        fprintf(f, "%lx %lx guest_%llx_%d\n", (unsigned long)(uintptr_t)start,
                (unsigned long)(end - start), (unsigned long long)guest, n);
        fflush(f);
    }
}

#define JIT_MAX_BLOCK 48
#define JIT_ARENA_SIZE (64u << 20)

static bool arena_ready(JitArena *a)
{
    if (a->base)
        return true;
    void *p = mmap(NULL, JIT_ARENA_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        a->end = a->base = a->next = NULL;
        enabled = 0;            /* no executable memory here: never try again */
        return false;
    }
    a->base = a->next = p;
    a->end = a->base + JIT_ARENA_SIZE;
    return true;
}

void jit_arena_reset(JitArena *a) { a->next = a->base; }

void jit_arena_free(JitArena *a)
{
    if (a->base)
        munmap(a->base, JIT_ARENA_SIZE);
    a->base = a->next = a->end = NULL;
}

bool jit_is_block(const CPUState *cpu, const DecodedInsn *di)
{
    const JitArena *a = cpu->tcache ? &cpu->tcache->jit : NULL;
    const uint8_t *p = (const uint8_t *)(uintptr_t)di->run;
    return a && a->base && p >= a->base && p < a->end;
}

void jit_block(CPUState *cpu, CodePage *cp, DecodedInsn *head)
{
    if (!jit_enabled())
        return;
    if (!cpu->tcache || head->run != own_entry(head) || !jit_op_of(head))
        return;

    /* The block: head and what follows while each has a template; past a
     * conditional branch it goes on with the fall-through path (the taken
     * one leaves the block), and it ends after an unconditional branch, a
     * call or a return.  Placeholders are decoded on the way, as the loop
     * would when it got there. */
    DecodedInsn *list[JIT_MAX_BLOCK];
    const JitOp *ops[JIT_MAX_BLOCK];
    int n = 0;
    for (DecodedInsn *di = head; n < JIT_MAX_BLOCK;) {
        const JitOp *op = jit_op_of(di);
        if (!op)
            break;
        list[n] = di;
        ops[n++] = op;
        if (jit_ends_block(op, &di->in))
            break;
        DecodedInsn *nx = di->next;
        if (nx == &cp->end)
            break;
        if (nx->run == threaded_undecoded && !tcache_fill_only(cpu, cp, nx))
            break;
        if (nx->run != own_entry(nx) && !jit_is_block(cpu, nx))
            break;
        di = nx;
    }
    if (n < 2)
        return;

    /* Which CCs must reach the PSW: those no later instruction of the block
     * sets again.  The others stay in R9 (pending) until the next one; an
     * exit in between (a deopt, a taken branch) stores them first. */
    bool store_cc[JIT_MAX_BLOCK], mem = false;
    bool overwritten = false;
    for (int i = n - 1; i >= 0; i--) {
        store_cc[i] = jit_sets_cc(ops[i]) && !overwritten;
        overwritten |= jit_sets_cc(ops[i]);
        mem |= jit_has_storage_operand(ops[i]);
    }

    JitArena *a = &cpu->tcache->jit;
    if (!arena_ready(a) || a->end - a->next < 16384)
        return;
    Gen g = { .b = { a->next, a->end, false }, .mvc_splits = &cpu->tcache->jit_mvc_splits };
    XBuf *b = &g.b;
    uint8_t *const start = b->p;

    /* Entry: enough budget for the whole block, 64-bit addressing mode,
     * and for storage operands the operand mode the exact hits were
     * cached for (access_try_ok, with PER off); else the head's own
     * entry. */
    x_cmp_imm(b, H_BUDGET, n);
    uint8_t *fallback_fix[3] = { x_jcc_fwd(b, XC_BE), NULL, NULL };
    x_load(b, true, X_RAX, H_CPU, PSW);
    x_bt_imm(b, X_RAX, 63 - 31);                /* PSW bit 31: EA */
    fallback_fix[1] = x_jcc_fwd(b, XC_AE);
    if (mem) {
        x_mov_imm(b, X_RCX, MMU_OP_MODE_BITS | PSW_MASK_PER);
        x_alu(b, true, XA_AND, X_RCX, X_RAX);
        x_cmp_mem(b, true, X_RCX, H_CPU, CPU_FIELD(op_try_mode));
        fallback_fix[2] = x_jcc_fwd(b, XC_NE);
    }

    /* Per instruction: its deopt jumps, and a branch's jump to its taken
     * exit, with whether a CC was pending there. */
    struct {
        uint8_t *deopt[JIT_MAX_DEOPT];
        int ndeopt;
        uint8_t *taken;
        bool pending_before, pending_after;
    } x[JIT_MAX_BLOCK];
    bool pending = false, cc_in_r9 = false;
    for (int i = 0; i < n; i++) {
        const Insn *in = &list[i]->in;
        const JitOp *op = ops[i];
        g.ndeopt = 0;
        x[i].taken = NULL;
        x[i].pending_before = pending;
        const bool want_cc = jit_sets_cc(op);
        jit_gen(&g, op, in, cc_in_r9, &x[i].taken);
        if (want_cc) {
            cc_in_r9 = true;
            pending = !store_cc[i];
            if (store_cc[i])
                jit_cc_store(b);
        }
        x[i].pending_after = pending;
        x[i].ndeopt = g.ndeopt;
        memcpy(x[i].deopt, g.deopt_fix, sizeof(g.deopt_fix));
    }

    /* Fall-through exit: all n counted, on to the last one's successor. */
    DecodedInsn *last = list[n - 1];
    x_sub_imm(b, H_BUDGET, n);
    go_next(b, last->next);

    /* Taken exits: the branch's breaking-event address; a target in this
     * page is a slot of it (a placeholder until it runs), reached directly
     * (this block's head: back to the entry's checks); anything else goes
     * through the loop's jump protocol (jit_jump: the branch counted there). */
    for (int i = 0; i < n; i++) {
        if (!x[i].taken)
            continue;
        x_patch(b, x[i].taken, b->p);
        if (x[i].pending_after)
            jit_cc_store(b);
        const Insn *in = &list[i]->in;
        const JitOp *op = ops[i];
        DecodedInsn *t = NULL;
        if (op->kind == K_BRC || op->kind == K_BRCT || op->kind == K_CJ) {
            const uint64_t to = jit_rel_target(op, in);
            if ((to & (PAGE_MASK | 1)) == cp->vpage)
                t = tcache_slot(cp, to);
        }
        if (t) {
            x_mov_imm(b, X_RAX, in->addr);
            x_store(b, true, X_RAX, H_CPU, CPU_FIELD(bea));
            x_sub_imm(b, H_BUDGET, i + 1);
            if (t == head)
                x_patch(b, x_jmp_fwd(b), start);
            else
                go_next(b, t);
            continue;
        }
        if (i)
            x_sub_imm(b, H_BUDGET, i);
        call_exit(b, list[i], jit_exit_of(op));
    }

    /* Deopts: instruction i not run, those before it counted. */
    for (int i = 0; i < n; i++) {
        if (!x[i].ndeopt)
            continue;
        uint8_t *here = b->p;
        for (int k = 0; k < x[i].ndeopt; k++)
            x_patch(b, x[i].deopt[k], here);
        if (x[i].pending_before)
            jit_cc_store(b);
        x_mov_imm(b, X_RAX, (uint64_t)(uintptr_t)&cpu->tcache->jit_deopts);
        x_inc_mem(b, X_RAX, 0);
        if (i)
            x_sub_imm(b, H_BUDGET, i);
        jump_entry(b, list[i], own_entry(list[i]));
    }
    uint8_t *fallback = b->p;
    for (int k = 0; k < 3; k++)
        x_patch(b, fallback_fix[k], fallback);
    jump_entry(b, head, own_entry(head));

    if (b->full)
        return;
    a->next = (uint8_t *)(((uintptr_t)b->p + 15) & ~(uintptr_t)15);
    head->run = (ThreadedFn)(uintptr_t)start;
    cpu->tcache->jit_blocks++;
    perf_map(start, b->p, head->in.addr, n);
}

#else /* not x86-64: nothing is compiled */

void jit_block(CPUState *cpu, CodePage *cp, DecodedInsn *head) { (void)cpu; (void)cp; (void)head; }
bool jit_is_block(const CPUState *cpu, const DecodedInsn *di) { (void)cpu; (void)di; return false; }
void jit_arena_reset(JitArena *a) { (void)a; }
void jit_arena_free(JitArena *a) { (void)a; }

#endif
