/* zemu-demo: drives a scripted MVC / MVCL scenario through the storage-access
 * core and prints what happened.  Until the CPU loop exists this is the main
 * job the README runs. */
#include <stdio.h>

#include "cpu/cpu.h"

int main(void)
{
    Machine m;
    CPUState cpu;
    if (machine_init(&m, 16 << 20) < 0) {
        perror("zemu-demo: guest storage");
        return 1;
    }
    cpu_init(&cpu, &m, 0);
    printf("zemu-demo: 16 MiB guest, CPU 0 PSW %016llx\n", (unsigned long long)cpu.psw_mask);
    machine_destroy(&m);
    return 0;
}
