/* The debugger's view of guest storage (see guestmem.h). */
#include "debug/guestmem.h"

#include <string.h>

#include "access/access.h"

/* The host address of the page part [addr, addr+n) (n within one page),
 * or NULL when it is not translatable or not RAM.  The space is an
 * operand's with base register 0 (AR mode: access register 0 counts as
 * ALET 0, the primary space). */
static uint8_t *page_host(CPUState *cpu, uint64_t addr, uint32_t n)
{
    PageAccess pa;
    ProgramException exc;
    if (probe_nofault(cpu, addr, n, ACC_FETCH, mmu_space_for(cpu, 0), 0, &pa, &exc))
        return NULL;
    /* The probe leaves host NULL for watched pages; RAM is RAM. */
    return storage_host(&cpu->machine->storage, pa.abs);
}

static uint32_t chunk_at(uint64_t addr, size_t left)
{
    uint64_t room = PAGE_SIZE - (addr & ~PAGE_MASK);
    return (uint32_t)(left < room ? left : room);
}

size_t guestmem_read(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        uint64_t a = addr + done;
        if (a < addr)
            break;                      /* no wrap past 2^64 */
        uint32_t n = chunk_at(a, len - done);
        const uint8_t *h = page_host(cpu, a, n);
        if (!h)
            break;
        memcpy(buf + done, h, n);
        done += n;
    }
    return done;
}

bool guestmem_write(CPUState *cpu, uint64_t addr, const uint8_t *buf, size_t len)
{
    if (addr + len < addr && addr + len != 0)
        return false;
    for (size_t done = 0; done < len;) {
        uint32_t n = chunk_at(addr + done, len - done);
        if (!page_host(cpu, addr + done, n))
            return false;
        done += n;
    }
    Storage *st = &cpu->machine->storage;
    for (size_t done = 0; done < len;) {
        uint32_t n = chunk_at(addr + done, len - done);
        PageAccess pa;
        ProgramException exc;
        probe_nofault(cpu, addr + done, n, ACC_FETCH, mmu_space_for(cpu, 0), 0, &pa, &exc);
        for (uint32_t i = 0; i < n; i++)
            storage_write_byte(st, pa.abs + i, buf[done + i]);
        storage_or_key(st, pa.abs, SKEY_C);
        done += n;
    }
    return true;
}
