#include "uenv.h"

#include <stdio.h>
#include <stdlib.h>

#include "user/stack.h"

UEnv *uenv_new(uint64_t ram)
{
    UEnv *e = calloc(1, sizeof(*e));
    if (!e || machine_init(&e->m, ram) < 0) {
        fprintf(stderr, "cannot create machine\n");
        exit(2);
    }
    cpu_init(&e->cpu, &e->m, 0);
    if (vmem_init(&e->vm, &e->m, 0) < 0) {
        fprintf(stderr, "vmem_init failed\n");
        exit(2);
    }
    vmem_attach_cpu(&e->vm, &e->cpu);
    return e;
}

UEnv *uenv_started(uint64_t ram, uint64_t entry)
{
    UEnv *e = uenv_new(ram);
    user_cpu_start(&e->cpu, &e->vm, entry, VMEM_STACK_TOP);
    return e;
}

void uenv_free(UEnv *e)
{
    vmem_destroy(&e->vm);
    machine_destroy(&e->m);
    free(e);
}
