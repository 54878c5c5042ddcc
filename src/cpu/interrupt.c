/* Program and SVC interruption delivery into the lowcore (ZARCH-NOTES §3,
 * §4.4), or through the installed sink. */
#include "cpu/interrupt.h"

#include "mmu/mmu.h"

int lowcore_write(CPUState *cpu, uint32_t off, unsigned size, uint64_t v)
{
    Storage *st = &cpu->machine->storage;
    /* The lowcore is addressed with real addresses: prefixing applies. */
    uint64_t abs = mmu_real_to_abs(cpu->prefix, off);
    if (!storage_valid(st, abs) || !storage_valid(st, abs + size - 1))
        return -1;
    for (unsigned i = 0; i < size; i++)
        storage_write_byte(st, abs + i, (uint8_t)(v >> (8 * (size - 1 - i))));
    storage_or_key(st, abs, SKEY_R | SKEY_C);
    return 0;
}

uint64_t lowcore_read(CPUState *cpu, uint32_t off, unsigned size)
{
    Storage *st = &cpu->machine->storage;
    uint64_t abs = mmu_real_to_abs(cpu->prefix, off);
    uint64_t v = 0;
    if (!storage_valid(st, abs) || !storage_valid(st, abs + size - 1))
        return 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | storage_read_byte(st, abs + i);
    storage_or_key(st, abs, SKEY_R);
    return v;
}

/* Stores the old PSW at old_off and loads the new one from new_off. */
static int swap_psw(CPUState *cpu, uint32_t old_off, uint32_t new_off)
{
    Storage *st = &cpu->machine->storage;
    if (!storage_valid(st, mmu_real_to_abs(cpu->prefix, 0)) ||
        !storage_valid(st, mmu_real_to_abs(cpu->prefix, 0x1FFF)))
        return IRQ_ERROR;
    lowcore_write(cpu, old_off, 8, cpu->psw_mask);
    lowcore_write(cpu, old_off + 8, 8, cpu->psw_addr);
    cpu->psw_mask = lowcore_read(cpu, new_off, 8);
    cpu->psw_addr = lowcore_read(cpu, new_off + 8, 8);
    return IRQ_DELIVERED;
}

int cpu_deliver_program(CPUState *cpu, const ProgramInterruption *pi)
{
    const uint16_t base = pi->code & 0x7F;
    /* With AFP-register control a data exception also puts the DXC in
     * FPC byte 2: that is the CPU's doing, whoever takes the interruption
     * (Linux reads it from there to choose the SIGFPE code). */
    if (base == PGM_DATA && (cpu->cr[0] & CR0_AFP))
        cpu->fpc = (cpu->fpc & ~0xFF00u) | ((pi->exc.dxc & 0xFF) << 8);
    const InterruptSink *s = cpu->irq_sink;
    if (s && s->program)
        return s->program(cpu, pi, cpu->irq_opaque) ? IRQ_STOP : IRQ_DELIVERED;

    Storage *st = &cpu->machine->storage;
    if (!storage_valid(st, mmu_real_to_abs(cpu->prefix, 0)) ||
        !storage_valid(st, mmu_real_to_abs(cpu->prefix, 0x1FFF)))
        return IRQ_ERROR;

    lowcore_write(cpu, 0x8C, 2, pi->ilc & 6);       /* ILC in bits 5-6 of byte 0x8D */
    lowcore_write(cpu, 0x8E, 2, pi->code);
    if (base == PGM_DATA)
        lowcore_write(cpu, 0x90, 4, pi->exc.dxc);
    if (base == PGM_MONITOR) {
        lowcore_write(cpu, 0x94, 2, pi->exc.monitor_class);
        lowcore_write(cpu, 0xB0, 8, pi->exc.monitor_code);
    }
    if (base && pi->exc.teid_valid)
        lowcore_write(cpu, 0xA8, 8, pi->exc.teid);
    if (base)
        lowcore_write(cpu, 0xA0, 1, pi->exc.exc_access_id);
    if (base && pi->exc.op_access_id_valid)
        lowcore_write(cpu, 0xA2, 1, pi->exc.op_access_id);
    if (pi->code & PGM_PER) {
        lowcore_write(cpu, 0x96, 1, pi->per.code);
        lowcore_write(cpu, 0x97, 1, pi->per.atmid);
        lowcore_write(cpu, 0x98, 8, pi->per.address);
        lowcore_write(cpu, 0xA1, 1, pi->per.access_id);
    }
    lowcore_write(cpu, 0x110, 8, cpu->bea);
    return swap_psw(cpu, 0x150, 0x1D0);
}

int cpu_deliver_svc(CPUState *cpu, uint16_t code, unsigned ilc)
{
    const InterruptSink *s = cpu->irq_sink;
    if (s && s->svc)
        return s->svc(cpu, code, ilc, cpu->irq_opaque) ? IRQ_STOP : IRQ_DELIVERED;
    Storage *st = &cpu->machine->storage;
    if (!storage_valid(st, mmu_real_to_abs(cpu->prefix, 0)))
        return IRQ_ERROR;
    lowcore_write(cpu, 0x88, 2, ilc & 6);
    lowcore_write(cpu, 0x8A, 2, code);
    return swap_psw(cpu, 0x140, 0x1C0);
}
