/* A user-mode machine for host-side tests: storage, one CPU, and a
 * DAT-backed guest address space (src/user/vmem) with the CPU attached. */
#ifndef ZEMU_UENV_H
#define ZEMU_UENV_H

#include <stdint.h>

#include "cpu/cpu.h"
#include "user/vmem.h"

typedef struct UEnv {
    Machine m;
    CPUState cpu;
    VMem vm;
} UEnv;

/* Exits the test program (status 2) when the machine cannot be built. */
UEnv *uenv_new(uint64_t ram);
/* The same, then the CPU in the user-mode start state at entry with the
 * stack pointer at VMEM_STACK_TOP (user_cpu_start). */
UEnv *uenv_started(uint64_t ram, uint64_t entry);
void uenv_free(UEnv *e);

#endif
