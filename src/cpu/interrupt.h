/* Program and SVC interruption delivery (ZARCH-NOTES §3, §4).
 *
 * The dispatcher decides the old PSW and the ILC; delivery is pluggable:
 * with no sink (cpu->irq_sink == NULL) the interruption is stored into the
 * lowcore at the prefix and the new PSW is loaded, as on a real machine;
 * user mode installs a sink that turns it into a signal or a system call. */
#ifndef ZEMU_CPU_INTERRUPT_H
#define ZEMU_CPU_INTERRUPT_H

#include <stdint.h>

#include "cpu/cpu.h"

typedef struct ProgramInterruption {
    uint16_t code;          /* interruption code, 0x80 ORed in for a PER event */
    uint8_t ilc;            /* instruction length in bytes: 0 (early PSW), 2, 4, 6 */
    ProgramException exc;   /* TEID, access ids, DXC of the exception (code & 0x7F) */
    PerEvent per;           /* valid when code & PGM_PER */
} ProgramInterruption;

/* When a callback runs, cpu->psw_mask/psw_addr hold the old PSW.  A callback
 * may change the PSW and registers (signal frame, syscall result).  Return 0
 * to go on, nonzero to make cpu_step() return CPU_STEP_STOP. */
typedef struct InterruptSink {
    int (*program)(CPUState *cpu, const ProgramInterruption *pi, void *opaque);
    int (*svc)(CPUState *cpu, uint16_t code, unsigned ilc, void *opaque);
} InterruptSink;

/* Results of the delivery functions. */
enum { IRQ_DELIVERED = 0, IRQ_STOP = 1, IRQ_ERROR = 2 };

/* Delivers through the sink, or into the lowcore: 0x8C-0x8F ILC and code,
 * 0x90 DXC (code 7), 0x96-0x98/0xA1 PER fields, 0xA0/0xA2 access ids,
 * 0xA8 TEID, 0x110 breaking-event address, old PSW at 0x150, new PSW from
 * 0x1D0.  IRQ_ERROR when the lowcore is not in storage. */
int cpu_deliver_program(CPUState *cpu, const ProgramInterruption *pi);

/* SVC: ILC and code at 0x88-0x8B, old PSW 0x140, new PSW 0x1C0. */
int cpu_deliver_svc(CPUState *cpu, uint16_t code, unsigned ilc);

/* Lowcore helpers (real address off in 0..8191, prefixed; keys and
 * low-address protection do not apply; change bits are set). */
int lowcore_write(CPUState *cpu, uint32_t off, unsigned size, uint64_t v);
uint64_t lowcore_read(CPUState *cpu, uint32_t off, unsigned size);

#endif
