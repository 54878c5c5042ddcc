/* The s390x register set for GDB (see gdbregs.h). */
#include "debug/gdbregs.h"

#include <stdarg.h>
#include <stdio.h>

#include "insn/bfp.h"

/* One document, generated once: the register lines are regular enough to
 * be written by a loop, which also keeps them in step with the numbering
 * of gdb_reg_read. */
static char xml_buf[2][8192];

static size_t put(char *b, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static size_t put(char *b, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b + n, sizeof(xml_buf[0]) - n, fmt, ap);
    va_end(ap);
    return k < 0 ? n : n + (size_t)k;
}

static void build_xml(char *b, bool linux_osabi)
{
    size_t n = 0;
    n = put(b, n, "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                  "<target version=\"1.0\">\n<architecture>s390:64-bit</architecture>\n");
    if (linux_osabi)
        n = put(b, n, "<osabi>GNU/Linux</osabi>\n");
    n = put(b, n, "<feature name=\"org.gnu.gdb.s390.core\">\n"
                  "<reg name=\"pswm\" bitsize=\"64\" type=\"uint64\" group=\"psw\"/>\n"
                  "<reg name=\"pswa\" bitsize=\"64\" type=\"uint64\" group=\"psw\"/>\n");
    for (int i = 0; i < 16; i++)
        n = put(b, n, "<reg name=\"r%d\" bitsize=\"64\" type=\"uint64\" group=\"general\"/>\n", i);
    n = put(b, n, "</feature>\n<feature name=\"org.gnu.gdb.s390.acr\">\n");
    for (int i = 0; i < 16; i++)
        n = put(b, n, "<reg name=\"acr%d\" bitsize=\"32\" type=\"uint32\" group=\"access\"/>\n", i);
    n = put(b, n, "</feature>\n<feature name=\"org.gnu.gdb.s390.fpr\">\n"
                  "<reg name=\"fpc\" bitsize=\"32\" type=\"uint32\" group=\"float\"/>\n");
    for (int i = 0; i < 16; i++)
        n = put(b, n, "<reg name=\"f%d\" bitsize=\"64\" type=\"ieee_double\" group=\"float\"/>\n", i);
    put(b, n, "</feature>\n</target>\n");
}

const char *gdb_target_xml(bool linux_osabi)
{
    char *b = xml_buf[linux_osabi];
    if (!b[0])
        build_xml(b, linux_osabi);
    return b;
}

unsigned gdb_reg_size(int regno)
{
    if (regno < 0 || regno >= GDB_NREGS)
        return 0;
    if (regno >= GDB_REG_ACR0 && regno <= GDB_REG_FPC)
        return 4;
    return 8;
}

static void put_be(uint8_t *out, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        out[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

static uint64_t get_be(const uint8_t *in, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | in[i];
    return v;
}

unsigned gdb_reg_read(const CPUState *cpu, int regno, uint8_t *out)
{
    const unsigned n = gdb_reg_size(regno);
    uint64_t v;
    if (!n)
        return 0;
    if (regno == GDB_REG_PSWM)
        v = cpu->psw_mask;
    else if (regno == GDB_REG_PSWA)
        v = cpu->psw_addr;
    else if (regno < GDB_REG_ACR0)
        v = cpu->gr[regno - GDB_REG_R0];
    else if (regno < GDB_REG_FPC)
        v = cpu->ar[regno - GDB_REG_ACR0];
    else if (regno == GDB_REG_FPC)
        v = cpu->fpc;
    else
        v = cpu->fpr[regno - GDB_REG_F0];
    put_be(out, v, n);
    return n;
}

bool gdb_reg_write(CPUState *cpu, int regno, const uint8_t *in)
{
    const unsigned n = gdb_reg_size(regno);
    if (!n)
        return false;
    const uint64_t v = get_be(in, n);
    if (regno == GDB_REG_PSWM)
        cpu->psw_mask = (cpu->psw_mask & ~GDB_PSWM_WRITABLE) | (v & GDB_PSWM_WRITABLE);
    else if (regno == GDB_REG_PSWA)
        cpu->psw_addr = v;      /* an invalid address is the next step's early exception */
    else if (regno < GDB_REG_ACR0)
        cpu->gr[regno - GDB_REG_R0] = v;
    else if (regno < GDB_REG_FPC)
        cpu->ar[regno - GDB_REG_ACR0] = (uint32_t)v;
    else if (regno == GDB_REG_FPC) {
        if (!bfp_fpc_valid(cpu, (uint32_t)v))
            return false;
        cpu->fpc = (uint32_t)v;
    } else
        cpu->fpr[regno - GDB_REG_F0] = v;
    return true;
}
