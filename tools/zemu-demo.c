/* zemu-demo: a scripted MVC / MVCL scenario driven through the storage-access
 * core, printing what happened.  It stands in for the main job until the
 * CPU loop exists: it shows the contract of the core in action --
 *   1. a page-crossing MVC whose second destination page is invalid stores
 *      nothing and reports a page-translation exception with its TEID;
 *   2. after the "operating system" maps the page, the same MVC completes;
 *   3. MVC d = s+1 replicates a byte, as the architecture demands;
 *   4. MVC into an I/O region goes through the byte path (a toy console);
 *   5. an MVCL over three pages is interrupted between units and resumed,
 *      with its registers showing the progress, one DAT walk per page. */
#include <stdio.h>
#include <string.h>

#include "cpu/cpu.h"
#include "insn/insn.h"
#include "mmu/dat.h"

#define SEG_TABLE  0x200000ULL     /* segment table: 4 pages, 2048 entries */
#define PAGE_TABLES 0x210000ULL    /* one 2 KiB page table per segment */

static Machine m;
static CPUState cpu;

/* A one-level (segment-table) address space mapping the first 4 MiB
 * logical to the same real addresses. */
static void build_tables(void)
{
    Storage *s = &m.storage;
    for (uint64_t sx = 0; sx < 2048; sx++)
        storage_write_u64(s, SEG_TABLE + 8 * sx, SEGMENT_ENTRY_I);
    for (uint64_t sx = 0; sx < 4; sx++) {
        uint64_t pto = PAGE_TABLES + sx * 0x800;
        storage_write_u64(s, SEG_TABLE + 8 * sx, pto);
        for (uint64_t px = 0; px < 256; px++)
            storage_write_u64(s, pto + 8 * px, (sx << 20) | (px << 12));
    }
    cpu.cr[1] = SEG_TABLE | ASCE_TYPE_SEGMENT | 3;
    cpu.psw_mask |= PSW_MASK_DAT;
}

static uint64_t pte_addr(uint64_t va)
{
    return PAGE_TABLES + (va >> 20) * 0x800 + ((va >> 12) & 0xFF) * 8;
}

static void console_write(void *opaque, uint64_t off, uint8_t v)
{
    (void)opaque;
    (void)off;
    putchar(v);
}

static uint8_t console_read(void *opaque, uint64_t off)
{
    (void)opaque;
    (void)off;
    return 0;
}

static void stop_after_first_unit(CPUState *c, void *opaque)
{
    int *units = opaque;
    if (++*units == 1)
        atomic_store(&c->yield_request, 1);
}

static const char *result_name(int rc)
{
    return rc == INSN_OK ? "completed" : rc == INSN_REEXECUTE ? "interrupted between units"
         : rc == INSN_WATCH ? "watchpoint" : "program interruption";
}

int main(void)
{
    if (machine_init(&m, 64 << 20) < 0) {
        perror("zemu-demo: guest storage");
        return 1;
    }
    cpu_init(&cpu, &m, 0);
    build_tables();
    uint8_t *ram = m.storage.ram;
    printf("zemu-demo: 64 MiB guest, DAT on (segment-table ASCE %#llx)\n\n",
           (unsigned long long)cpu.cr[1]);

    /* 1. MVC 256 bytes from 0x10000 to 0x21F80: the destination's second
     * page 0x22000 is invalid. */
    for (int i = 0; i < 256; i++)
        ram[0x10000 + i] = (uint8_t)i;
    storage_write_u64(&m.storage, pte_addr(0x22000), 0x22000 | PAGE_ENTRY_I);
    Insn mvc = { .ilen = 6, .l1 = 255, .b1 = 1, .b2 = 2 };
    cpu.gr[1] = 0x21F80;
    cpu.gr[2] = 0x10000;
    int rc = insn_mvc(&cpu, &mvc);
    int untouched = 1;
    for (int i = 0; i < 256; i++)
        untouched &= ram[0x21F80 + i] == 0;
    printf("1. MVC 0x21F80 <- 0x10000 (256 bytes), page 0x22000 invalid:\n"
           "   %s, code %#x (%s), TEID %#llx; destination untouched: %s\n",
           result_name(rc), cpu.pgm.code, pgm_is_nullifying(cpu.pgm.code) ? "nullified" : "suppressed",
           (unsigned long long)cpu.pgm.teid, untouched ? "yes" : "NO");

    /* 2. The OS validates the page (invalid -> valid needs no purge) and
     * the instruction is executed again. */
    storage_write_u64(&m.storage, pte_addr(0x22000), 0x22000);
    rc = insn_mvc(&cpu, &mvc);
    printf("2. after mapping 0x22000, MVC again: %s; bytes equal: %s\n", result_name(rc),
           memcmp(ram + 0x21F80, ram + 0x10000, 256) ? "NO" : "yes");

    /* 3. MVC with d = s+1 replicates the first byte. */
    ram[0x30000] = '*';
    Insn rep = { .ilen = 6, .l1 = 15, .b1 = 1, .b2 = 2 };
    cpu.gr[1] = 0x30001;
    cpu.gr[2] = 0x30000;
    insn_mvc(&cpu, &rep);
    printf("3. MVC 0x30001 <- 0x30000 (16 bytes): \"%.17s\"\n", (char *)ram + 0x30000);

    /* 4. An I/O region at absolute 0x8000000 (above RAM) behind logical
     * page 0x3FF000: every byte goes through the callback. */
    storage_add_io(&m.storage, 0x8000000, 0x1000, console_read, console_write, NULL);
    storage_write_u64(&m.storage, pte_addr(0x3FF000), 0x8000000);
    static const char msg[] = "   hello from the byte-wise path\n";
    memcpy(ram + 0x31000, msg, sizeof(msg) - 1);
    Insn out = { .ilen = 6, .l1 = sizeof(msg) - 2, .b1 = 1, .b2 = 2 };
    cpu.gr[1] = 0x3FF000;
    cpu.gr[2] = 0x31000;
    printf("4. MVC into an I/O region:\n");
    fflush(stdout);
    rc = insn_mvc(&cpu, &out);
    fflush(stdout);

    /* 5. MVCL of 3 pages (0x100000 <- 0x120800), interrupted after its
     * first unit, then resumed. */
    for (int i = 0; i < 3 * 4096; i++)
        ram[0x120800 + i] = (uint8_t)(i * 13);
    int units = 0;
    cpu.unit_hook = stop_after_first_unit;
    cpu.unit_hook_opaque = &units;
    cpu_flush_tlb_local(&cpu);
    uint64_t walks = cpu.dat_walks;
    Insn mvcl = { .ilen = 2, .r1 = 4, .r2 = 6 };
    cpu.gr[4] = 0x100000;
    cpu.gr[5] = 3 * 4096;
    cpu.gr[6] = 0x120800;
    cpu.gr[7] = 3 * 4096;
    rc = insn_mvcl(&cpu, &mvcl);
    printf("5. MVCL 12 KiB: %s after %d unit(s); R4=%#llx R5=%#llx R6=%#llx R7=%#llx\n",
           result_name(rc), units, (unsigned long long)cpu.gr[4], (unsigned long long)cpu.gr[5],
           (unsigned long long)cpu.gr[6], (unsigned long long)cpu.gr[7]);
    rc = insn_mvcl(&cpu, &mvcl);
    printf("   resumed: %s, CC %u, R5=%#llx; data equal: %s; DAT walks: %llu\n",
           result_name(rc), cpu_cc(&cpu), (unsigned long long)cpu.gr[5],
           memcmp(ram + 0x100000, ram + 0x120800, 3 * 4096) ? "NO" : "yes",
           (unsigned long long)(cpu.dat_walks - walks));

    machine_destroy(&m);
    return 0;
}
