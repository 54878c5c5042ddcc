/* The block compiler: straight-line runs of simple register instructions
 * in the decoded-instruction cache, compiled to host code.
 *
 * Why: the threaded loop (cpu/threaded.h) pays, per guest instruction, an
 * indirect jump and the loads of the decoded fields; on the benchmark host
 * that is about 6 cycles even for LR, while the same work inline is one or
 * two.  A block runs its instructions with the register numbers and
 * immediates built in and no dispatch between them.
 *
 * What a block is: a run of decoded instructions of one page, starting at
 * its head, each of which has a template (register arithmetic, logic,
 * compares, shifts, rotates, loads of immediates and addresses, storage
 * operands through the exact TLB hit, branches; jit_templates.c lists
 * them), ending before the first one that has none, or after an
 * unconditional branch, a call or a return.  A conditional branch is a
 * side exit: the block goes on with the fall-through path.  Its code becomes
 * the head's threaded entry (DecodedInsn.run), with the same contract as
 * every entry (cpu/threaded.h): it returns, or goes on to, the next
 * decoded instruction, and counts each instruction it runs in the budget.
 * The instructions inside keep their own entries, so the threaded loop can
 * still run from any of them (a branch into the middle of a block).
 *
 * Exactness: guest registers and the PSW stay in CPUState (the compiled
 * code loads and stores them there), so between two instructions the
 * state is what the threaded loop would have.  Whatever a template does
 * not cover -- a fixed-point overflow, fewer instructions left in the
 * budget than the block holds, a PSW not in the 64-bit addressing mode the
 * templates assume -- leaves the block before that instruction for the
 * instruction's own threaded entry, which runs it as the loop would
 * (a "deopt").  A CC that a later instruction of the block overwrites
 * before anything can read it is not stored.
 *
 * Lifetime: compiled code lives in a per-CPU arena (TCache.jit) and is
 * reached only through DecodedInsn.run; when a page is decoded anew its
 * slots are overwritten and the old code is unreachable; the arena is
 * emptied with the rest of the cache (tcache.c: drop_all).  When it is
 * full, nothing more is compiled until then.
 *
 * Hosts: x86-64 only; elsewhere (and with ZEMU_JIT=0 in the environment)
 * nothing is compiled and the threaded loop runs everything. */
#ifndef ZEMU_CPU_JIT_H
#define ZEMU_CPU_JIT_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/tcache.h"

/* Compiles a block at head (decoded, running its own threaded entry) when
 * it starts one of at least two instructions, decoding the placeholders
 * after it as needed; otherwise leaves everything as it is. */
void jit_block(CPUState *cpu, CodePage *cp, DecodedInsn *head);

/* Is di the head of a compiled block? */
bool jit_is_block(const CPUState *cpu, const DecodedInsn *di);

/* Empties the arena (every block it held must be unreachable: tcache.c
 * drops every page first) / unmaps it. */
void jit_arena_reset(JitArena *a);
void jit_arena_free(JitArena *a);

/* Whether blocks are compiled (default: yes on x86-64 unless ZEMU_JIT=0);
 * tests switch it to compare the two ways of running. */
bool jit_enabled(void);
void jit_set_enabled(bool on);

#endif
