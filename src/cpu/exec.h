/* The dispatcher: one instruction per cpu_step(), and the helpers handlers
 * use to branch and to reach the instruction stream.
 *
 * Handler protocol as seen from here (insn/insn.h): before the handler
 * runs, cpu->insn_addr holds the instruction's address and cpu->psw_addr
 * already holds the address of the next sequential instruction (for an EX
 * target: the instruction after the EX), so a linking branch stores
 * cpu->psw_addr and a taken branch calls cpu_branch().  The dispatcher then
 * acts on the result: INSN_OK keeps the advanced PSW; a program-interruption
 * code is delivered with the PSW at the instruction when the code nullifies
 * and after it otherwise; INSN_REEXECUTE puts the PSW back at the
 * instruction; INSN_WATCH stops with the PSW at the instruction; INSN_SVC
 * delivers an SVC interruption.  A PER event collected in cpu->per is
 * presented last (ZARCH-NOTES §8). */
#ifndef ZEMU_CPU_EXEC_H
#define ZEMU_CPU_EXEC_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/decode.h"
#include "mmu/mmu.h"

typedef enum CpuStepResult {
    CPU_STEP_OK = 0,        /* instruction completed (or stopped between units) */
    CPU_STEP_INTERRUPT,     /* a program or SVC interruption was delivered */
    CPU_STEP_WATCH,         /* a watchpoint hit: cpu->watch, PSW at the instruction */
    CPU_STEP_WAIT,          /* the PSW is in the wait state: nothing executed */
    CPU_STEP_STOP,          /* the interrupt sink asked to stop (user-mode exit, ...) */
    CPU_STEP_ERROR,         /* host-side error: program new PSW invalid, lowcore absent */
} CpuStepResult;

/* Executes one instruction (or delivers an early PSW exception). */
CpuStepResult cpu_step(CPUState *cpu);

/* Steps until a result other than OK/INTERRUPT or max_steps instructions;
 * returns the last result. */
CpuStepResult cpu_run(CPUState *cpu, uint64_t max_steps);

/* The space instructions are fetched from: real with DAT off, home in the
 * home-space mode, primary otherwise (ZARCH-NOTES §11.8: secondary mode
 * fetches from the primary space as well). */
static inline uint32_t cpu_ifetch_space(const CPUState *cpu)
{
    if (!cpu_dat_on(cpu))
        return AS_REAL;
    return cpu_asc(cpu) == PSW_ASC_HOME ? AS_HOME : AS_PRIMARY;
}

/* Fetches the instruction at addr (even) as an instruction fetch in the
 * current space into b[0..7] (b[6], b[7] and every byte past the instruction
 * are zero).  Returns 0, or a program-interruption code with cpu->pgm
 * filled.  *ilen is the instruction's length once its first halfword was
 * fetched, 0 before.
 * There is no decoded-instruction cache: every fetch reads the current
 * storage contents, so a store into the instruction stream (self-modifying
 * code, also by another CPU) is seen by the next fetch. */
int cpu_fetch_insn(CPUState *cpu, uint64_t addr, uint8_t b[8], unsigned *ilen);

/* Looks up and decodes bytes b (addr = their address).  Returns the handler
 * or NULL with an operation exception raised (unassigned opcode or facility
 * not installed). */
InsnHandler cpu_decode(CPUState *cpu, const uint8_t *b, uint64_t addr, Insn *in);

/* Successful branching: PSW address <- target (wrapped to the mode), the
 * breaking-event address, and the PER successful-branching event. */
__attribute__((noinline)) void cpu_per_branch(CPUState *cpu, uint64_t target);
static inline void cpu_branch(CPUState *cpu, uint64_t target)
{
    target &= cpu_addr_mask(cpu);
    cpu->bea = cpu->insn_addr;
    cpu->psw_addr = target;
    if (__builtin_expect((cpu->psw_mask & PSW_MASK_PER) && (cpu->cr[9] & CR9_PER_BRANCH), 0))
        cpu_per_branch(cpu, target);
}

/* PER instruction-fetching event for an instruction (or EX target) at addr;
 * returns true when the event also nullifies the instruction (CR9 bit 39). */
bool cpu_per_ifetch(CPUState *cpu, uint64_t addr);


/* A 16-byte PSW is valid (ZARCH-NOTES §2): no invalid mask bit, a valid
 * addressing mode, the address fits the mode and is even. */
bool psw_is_valid(uint64_t mask, uint64_t addr);

/* Host TOD clock value (bit 51 = 1 microsecond, epoch 1900-01-01), unique
 * and increasing across calls in this process (STCK). */
uint64_t cpu_tod_now(void);

#endif
