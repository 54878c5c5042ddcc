/* The debugger's view of guest storage: logical addresses translated the
 * way the CPU's current PSW translates operands (real with DAT off, else
 * the primary, secondary or home space; AR mode the primary space),
 * with the rights ptrace gives a debugger over a process:
 *   - access key 0: no key-controlled or fetch protection;
 *   - writes ignore DAT protection (a read-only text page can be patched)
 *     but not invalid pages;
 *   - no watchpoint fires and no PER event is recognised;
 *   - I/O regions are never touched (their reads have side effects).
 * A write goes through storage_write_byte, so decoded copies of the bytes
 * die exactly as for a system call's store (self-modifying code stays
 * exact), and it sets the frames' change bits. */
#ifndef ZEMU_DEBUG_GUESTMEM_H
#define ZEMU_DEBUG_GUESTMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

/* Reads up to len bytes from addr; returns how many were readable before
 * the first page that is not (0 when the first one is not). */
size_t guestmem_read(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len);

/* Writes len bytes at addr: every page is checked first, so either all
 * bytes are written (true) or none (false). */
bool guestmem_write(CPUState *cpu, uint64_t addr, const uint8_t *buf, size_t len);

#endif
