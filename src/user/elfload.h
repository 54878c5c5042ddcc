/* ELF64 big-endian s390x loader for Linux user mode.
 *
 * The program's PT_LOAD segments are copied into fresh pages of the VMem
 * (no host file mappings): each segment's pages are mapped, the file bytes
 * copied, the rest (bss) left zero, then the protections of p_flags applied
 * (R -> readable, W -> writable, X not enforced).  Two segments that share a
 * page get the union of their protections on that page.
 *
 * ET_EXEC programs load at their link addresses.  ET_DYN main programs
 * (PIE, static-pie) load with their lowest segment at 4 GiB
 * (ELF_ET_DYN_BASE, ZARCH-NOTES §10.3); the PT_INTERP program interpreter is
 * loaded at the highest free range below the mmap base, as Linux places it.
 * The interpreter path is looked up first under the -L sysroot and then as
 * given (qemu-user's habit).
 *
 * Every header field used is validated first: a malformed file (truncated,
 * wrong class, byte order, machine or type, program headers or segment data
 * outside the file, unordered or overlapping segments, segments too large for
 * the address space or guest storage) is an error with a message, and nothing
 * is mapped for it. */
#ifndef ZEMU_USER_ELFLOAD_H
#define ZEMU_USER_ELFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "user/vmem.h"

#define ELF_ET_DYN_BASE 0x100000000ULL
#define ELF_INTERP_MAX 4096
/* Largest file the loader reads (it reads whole files). */
#define ELF_FILE_MAX (1ULL << 31)

typedef struct ElfInfo {
    int e_type;               /* ET_EXEC (2) or ET_DYN (3) */
    uint64_t entry;           /* e_entry + bias */
    uint64_t bias;            /* load bias: 0 for ET_EXEC */
    uint64_t phdr;            /* guest address of the program headers (AT_PHDR) */
    uint16_t phnum, phentsize;
    uint64_t lo, hi;          /* page-aligned span of the loaded segments */
    uint64_t bss_end;         /* highest p_vaddr + p_memsz, plus bias */
    char interp[ELF_INTERP_MAX]; /* PT_INTERP path, "" when none */
} ElfInfo;

typedef struct UserImage {
    ElfInfo exe;
    ElfInfo interp;           /* valid when has_interp */
    bool has_interp;
    char interp_path[ELF_INTERP_MAX + 1024]; /* the file actually loaded */
    uint64_t start;           /* initial PSW address: interpreter or program entry */
    uint64_t brk;             /* initial program break (page aligned) */
} UserImage;

/* Validates an ELF image held in memory (header, program headers, segment
 * bounds).  0, or -1 with a message in err. */
int elf_check(const uint8_t *buf, size_t len, char *err, size_t errlen);

/* Loads a validated-on-the-fly image.  ET_DYN images are placed with their
 * lowest segment at dyn_base when that range is free, else (and for
 * dyn_base 0) at the highest free range below the mmap base.  0, or -1 with
 * err (nothing left mapped). */
int elf_load_image(VMem *vm, const uint8_t *buf, size_t len, uint64_t dyn_base, ElfInfo *out,
                   char *err, size_t errlen);

/* Reads a whole regular file (at most ELF_FILE_MAX bytes).  0, or -1 with err. */
int elf_read_file(const char *path, uint8_t **buf, size_t *len, char *err, size_t errlen);

/* Loads the program at path and, when it has PT_INTERP, its interpreter
 * (resolved under sysroot, which may be NULL); sets the initial break.
 * 0, or -1 with err. */
int elf_load_program(VMem *vm, const char *path, const char *sysroot, UserImage *out, char *err,
                     size_t errlen);

#endif
