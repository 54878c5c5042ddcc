/* The s390x (64-bit) register set as GDB sees it: the target description
 * and the byte images of the registers.
 *
 * GDB's s390x architecture needs three features (names and register names
 * are GDB's, order and sizes as its own s390x description):
 *   org.gnu.gdb.s390.core  pswm, pswa, r0-r15     64 bits each
 *   org.gnu.gdb.s390.acr   acr0-acr15             32 bits each
 *   org.gnu.gdb.s390.fpr   fpc (32 bits), f0-f15 (64 bits)
 * GDB numbers them in document order, so the remote register numbers are
 * 0 pswm, 1 pswa, 2-17 r0-r15, 18-33 acr0-15, 34 fpc, 35-50 f0-f15, and a
 * 'g' packet is those 340 bytes in that order, big-endian. */
#ifndef ZEMU_DEBUG_GDBREGS_H
#define ZEMU_DEBUG_GDBREGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

enum {
    GDB_REG_PSWM = 0,
    GDB_REG_PSWA = 1,
    GDB_REG_R0 = 2,
    GDB_REG_ACR0 = 18,
    GDB_REG_FPC = 34,
    GDB_REG_F0 = 35,
    GDB_NREGS = 51,
};
#define GDB_REGS_BYTES 340

/* The PSW-mask bits a debugger may change: the condition code and the
 * program mask.  The others select translation, key and addressing mode,
 * which the run loop (user mode: DAT on, problem state, 64-bit) relies on. */
#define GDB_PSWM_WRITABLE (PSW_MASK_CC | PSW_MASK_PM)

/* The target description: one document with the three features; osabi
 * names GNU/Linux (user mode) when linux_osabi is set. */
const char *gdb_target_xml(bool linux_osabi);

/* Size in bytes of register regno, 0 when there is none. */
unsigned gdb_reg_size(int regno);

/* Stores register regno big-endian at out; returns its size (0: none). */
unsigned gdb_reg_read(const CPUState *cpu, int regno, uint8_t *out);

/* Sets register regno from its big-endian image; false when there is no
 * such register or the value cannot be loaded (an FPC with reserved bits
 * or an invalid rounding mode, as SFPC refuses it).  pswm changes only
 * GDB_PSWM_WRITABLE. */
bool gdb_reg_write(CPUState *cpu, int regno, const uint8_t *in);

#endif
