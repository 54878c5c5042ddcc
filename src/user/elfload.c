/* ELF64 big-endian s390x loader (see elfload.h). */
#include "user/elfload.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Sizes of the ELF64 structures (the file format, not the host structs). */
#define EHDR_SIZE 64
#define PHDR_SIZE 56
/* Linux refuses program-header tables above 64 KiB; so do we. */
#define PHDR_TABLE_MAX 65536

static void fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint64_t be64(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }

static inline uint64_t page_down(uint64_t x) { return x & PAGE_MASK; }
static inline uint64_t page_up(uint64_t x) { return (x + PAGE_SIZE - 1) & PAGE_MASK; }

typedef struct Seg {
    uint64_t offset, vaddr, filesz, memsz;
    uint32_t flags;
} Seg;

typedef struct Parsed {
    int type;
    uint64_t entry, phoff;
    uint16_t phnum;
    Seg *seg;                 /* PT_LOAD segments with p_memsz > 0, ascending */
    size_t nseg;
    uint64_t phdr_vaddr;      /* PT_PHDR p_vaddr, or ~0 */
    uint64_t interp_off, interp_len;   /* PT_INTERP, len 0 when none */
    uint64_t lo, hi;          /* page-aligned span before bias */
} Parsed;

/* Parses and validates; fills *p (p->seg malloc'd) or fails with a message. */
static int parse(const uint8_t *buf, size_t len, Parsed *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof(*p));
    p->phdr_vaddr = ~0ULL;
    if (len < EHDR_SIZE) {
        fail(err, errlen, "file too short for an ELF header (%zu bytes)", len);
        return -1;
    }
    if (memcmp(buf, ELFMAG, SELFMAG) != 0) {
        fail(err, errlen, "not an ELF file (bad magic)");
        return -1;
    }
    if (buf[EI_CLASS] != ELFCLASS64) {
        fail(err, errlen, "not a 64-bit ELF file (EI_CLASS %u)", buf[EI_CLASS]);
        return -1;
    }
    if (buf[EI_DATA] != ELFDATA2MSB) {
        fail(err, errlen, "not a big-endian ELF file (EI_DATA %u)", buf[EI_DATA]);
        return -1;
    }
    if (buf[EI_VERSION] != EV_CURRENT || be32(buf + 20) != EV_CURRENT) {
        fail(err, errlen, "unsupported ELF version");
        return -1;
    }
    p->type = be16(buf + 16);
    if (p->type != ET_EXEC && p->type != ET_DYN) {
        fail(err, errlen, "not an executable ELF file (e_type %d)", p->type);
        return -1;
    }
    unsigned machine = be16(buf + 18);
    if (machine != EM_S390) {
        fail(err, errlen, "not an s390x ELF file (e_machine %u, expected %u)", machine, EM_S390);
        return -1;
    }
    p->entry = be64(buf + 24);
    p->phoff = be64(buf + 32);
    unsigned phentsize = be16(buf + 54);
    p->phnum = be16(buf + 56);
    if (phentsize != PHDR_SIZE) {
        fail(err, errlen, "bad program header size %u (expected %u)", phentsize, PHDR_SIZE);
        return -1;
    }
    if (p->phnum == 0 || (uint64_t)p->phnum * PHDR_SIZE > PHDR_TABLE_MAX) {
        fail(err, errlen, "bad number of program headers (%u)", p->phnum);
        return -1;
    }
    uint64_t phsize = (uint64_t)p->phnum * PHDR_SIZE;
    if (p->phoff > len || phsize > len - p->phoff) {
        fail(err, errlen, "program headers (offset 0x%llx, %u entries) extend beyond the end of the file",
             (unsigned long long)p->phoff, p->phnum);
        return -1;
    }
    p->seg = calloc(p->phnum, sizeof(Seg));
    if (!p->seg) {
        fail(err, errlen, "out of host memory");
        return -1;
    }
    uint64_t prev_end = 0;
    for (unsigned i = 0; i < p->phnum; i++) {
        const uint8_t *ph = buf + p->phoff + (uint64_t)i * PHDR_SIZE;
        uint32_t type = be32(ph);
        Seg s = { be64(ph + 8), be64(ph + 16), be64(ph + 32), be64(ph + 40), be32(ph + 4) };
        if (type == PT_INTERP) {
            if (p->interp_len) {
                fail(err, errlen, "more than one PT_INTERP");
                goto bad;
            }
            if (s.filesz < 2 || s.filesz > ELF_INTERP_MAX || s.offset > len ||
                s.filesz > len - s.offset) {
                fail(err, errlen, "PT_INTERP (offset 0x%llx, size 0x%llx) is outside the file or of a bad size",
                     (unsigned long long)s.offset, (unsigned long long)s.filesz);
                goto bad;
            }
            const uint8_t *str = buf + s.offset;
            if (str[s.filesz - 1] != 0 || memchr(str, 0, s.filesz - 1)) {
                fail(err, errlen, "PT_INTERP is not one NUL-terminated path");
                goto bad;
            }
            p->interp_off = s.offset;
            p->interp_len = s.filesz - 1;
            continue;
        }
        if (type == PT_PHDR) {
            p->phdr_vaddr = s.vaddr;
            continue;
        }
        if (type != PT_LOAD)
            continue;
        if (s.filesz > s.memsz) {
            fail(err, errlen, "segment %u: p_filesz 0x%llx exceeds p_memsz 0x%llx", i,
                 (unsigned long long)s.filesz, (unsigned long long)s.memsz);
            goto bad;
        }
        if (s.offset > len || s.filesz > len - s.offset) {
            fail(err, errlen, "segment %u: file data (offset 0x%llx, size 0x%llx) beyond the end of the file",
                 i, (unsigned long long)s.offset, (unsigned long long)s.filesz);
            goto bad;
        }
        if (s.memsz == 0)
            continue;
        if (s.vaddr >= VMEM_ADDR_LIMIT || s.memsz > VMEM_ADDR_LIMIT - s.vaddr ||
            page_up(s.vaddr + s.memsz) > VMEM_ADDR_LIMIT) {
            fail(err, errlen, "segment %u (vaddr 0x%llx, size 0x%llx) exceeds the address space",
                 i, (unsigned long long)s.vaddr, (unsigned long long)s.memsz);
            goto bad;
        }
        if ((s.vaddr - s.offset) & (PAGE_SIZE - 1)) {
            fail(err, errlen, "segment %u: p_vaddr 0x%llx and p_offset 0x%llx differ modulo the page size",
                 i, (unsigned long long)s.vaddr, (unsigned long long)s.offset);
            goto bad;
        }
        if (p->nseg && s.vaddr < prev_end) {
            fail(err, errlen, "segment %u (vaddr 0x%llx) overlaps or precedes the previous loadable segment",
                 i, (unsigned long long)s.vaddr);
            goto bad;
        }
        prev_end = s.vaddr + s.memsz;
        p->seg[p->nseg++] = s;
    }
    if (p->nseg == 0) {
        fail(err, errlen, "no loadable segments");
        goto bad;
    }
    p->lo = page_down(p->seg[0].vaddr);
    p->hi = page_up(prev_end);
    if (p->type == ET_EXEC && p->lo < VMEM_MMAP_MIN) {
        fail(err, errlen, "segments start at 0x%llx, below the lowest mappable address 0x%llx",
             (unsigned long long)p->lo, (unsigned long long)VMEM_MMAP_MIN);
        goto bad;
    }
    if (p->entry < p->seg[0].vaddr || p->entry >= prev_end) {
        fail(err, errlen, "entry point 0x%llx is outside the loadable segments",
             (unsigned long long)p->entry);
        goto bad;
    }
    return 0;
bad:
    free(p->seg);
    p->seg = NULL;
    return -1;
}

int elf_check(const uint8_t *buf, size_t len, char *err, size_t errlen)
{
    Parsed p;
    if (parse(buf, len, &p, err, errlen) < 0)
        return -1;
    free(p.seg);
    return 0;
}

static int prot_of(uint32_t pflags)
{
    return ((pflags & PF_R) ? VMEM_PROT_READ : 0) | ((pflags & PF_W) ? VMEM_PROT_WRITE : 0) |
           ((pflags & PF_X) ? VMEM_PROT_EXEC : 0);
}

int elf_load_image(VMem *vm, const uint8_t *buf, size_t len, uint64_t dyn_base, ElfInfo *out,
                   char *err, size_t errlen)
{
    Parsed p;
    memset(out, 0, sizeof(*out));
    if (parse(buf, len, &p, err, errlen) < 0)
        return -1;
    int rc = -1;
    uint64_t span = p.hi - p.lo;
    /* Refuse absurd segments before anything is mapped: the pages of all
     * segments plus their tables must fit in the free frames. */
    uint64_t pages = 0;
    for (size_t i = 0; i < p.nseg; i++)
        pages += (page_up(p.seg[i].vaddr + p.seg[i].memsz) - page_down(p.seg[i].vaddr)) / PAGE_SIZE;
    if (pages + pages / 256 + 16 * p.nseg + 64 > vmem_frames_available(vm)) {
        fail(err, errlen, "loadable segments need 0x%llx bytes, more than guest storage can hold",
             (unsigned long long)(pages * PAGE_SIZE));
        goto out;
    }

    uint64_t bias = 0;
    if (p.type == ET_DYN) {
        uint64_t base = vmem_find_free(vm, span, dyn_base);
        if (!base || (base >= VMEM_ADDR_LIMIT - span)) {
            fail(err, errlen, "no free address range of 0x%llx bytes for the image",
                 (unsigned long long)span);
            goto out;
        }
        bias = base - p.lo;
    } else {
        for (size_t i = 0; i < p.nseg; i++) {
            uint64_t a = page_down(p.seg[i].vaddr), b = page_up(p.seg[i].vaddr + p.seg[i].memsz);
            if (!vmem_range_free(vm, a, b - a)) {
                fail(err, errlen, "segment at 0x%llx overlaps an existing mapping",
                     (unsigned long long)a);
                goto out;
            }
        }
    }

    /* Map every segment writable, copy its file bytes (bss stays zero),
     * then apply the final protections. */
    uint64_t prev_b = 0;
    for (size_t i = 0; i < p.nseg; i++) {
        const Seg *s = &p.seg[i];
        uint64_t a = page_down(s->vaddr + bias), b = page_up(s->vaddr + bias + s->memsz);
        if (a < prev_b)
            a = prev_b;       /* first page already mapped by the previous segment */
        if (b > a && vmem_map(vm, a, b - a, VMEM_PROT_READ | VMEM_PROT_WRITE, VMA_ELF) < 0) {
            fail(err, errlen, "out of guest storage mapping segment at 0x%llx",
                 (unsigned long long)(s->vaddr + bias));
            goto unmap;
        }
        if (b > prev_b)
            prev_b = b;
        if (s->filesz && vmem_write(vm, s->vaddr + bias, buf + s->offset, s->filesz) < 0) {
            fail(err, errlen, "internal error copying segment at 0x%llx",
                 (unsigned long long)(s->vaddr + bias));
            goto unmap;
        }
    }
    for (size_t i = 0; i < p.nseg; i++) {
        const Seg *s = &p.seg[i];
        uint64_t a = page_down(s->vaddr + bias), b = page_up(s->vaddr + bias + s->memsz);
        int prot = prot_of(s->flags);
        vmem_protect(vm, a, b - a, prot);
        if (i > 0) {
            const Seg *q = &p.seg[i - 1];
            uint64_t qlast = page_down(q->vaddr + bias + q->memsz - 1);
            if (qlast == a)   /* shared page: the union of both */
                vmem_protect(vm, a, PAGE_SIZE, prot | prot_of(q->flags));
        }
    }

    out->e_type = p.type;
    out->bias = bias;
    out->entry = p.entry + bias;
    out->phnum = p.phnum;
    out->phentsize = PHDR_SIZE;
    out->lo = p.lo + bias;
    out->hi = p.hi + bias;
    out->bss_end = p.seg[p.nseg - 1].vaddr + p.seg[p.nseg - 1].memsz + bias;
    /* AT_PHDR: the program headers as loaded by a PT_LOAD that contains them
     * in the file; else PT_PHDR; else where the first segment's file image
     * would put them (what Linux passes). */
    out->phdr = 0;
    uint64_t phsize = (uint64_t)p.phnum * PHDR_SIZE;
    for (size_t i = 0; i < p.nseg; i++) {
        const Seg *s = &p.seg[i];
        if (p.phoff >= s->offset && p.phoff - s->offset <= s->filesz &&
            phsize <= s->filesz - (p.phoff - s->offset)) {
            out->phdr = s->vaddr + (p.phoff - s->offset) + bias;
            break;
        }
    }
    if (!out->phdr)
        out->phdr = p.phdr_vaddr != ~0ULL ? p.phdr_vaddr + bias
                                           : p.seg[0].vaddr - p.seg[0].offset + p.phoff + bias;
    if (p.interp_len) {
        memcpy(out->interp, buf + p.interp_off, p.interp_len);
        out->interp[p.interp_len] = 0;
    }
    rc = 0;
    goto out;
unmap:
    /* Segment by segment: the gaps between them may hold other mappings. */
    for (size_t i = 0; i < p.nseg; i++) {
        uint64_t a = page_down(p.seg[i].vaddr + bias);
        uint64_t b = page_up(p.seg[i].vaddr + bias + p.seg[i].memsz);
        vmem_unmap(vm, a, b - a);
    }
out:
    free(p.seg);
    return rc;
}

int elf_read_file(const char *path, uint8_t **buf, size_t *len, char *err, size_t errlen)
{
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        fail(err, errlen, "%s is not a regular file", path);
        close(fd);
        return -1;
    }
    if ((uint64_t)st.st_size > ELF_FILE_MAX) {
        fail(err, errlen, "%s is too large (%lld bytes)", path, (long long)st.st_size);
        close(fd);
        return -1;
    }
    size_t n = (size_t)st.st_size;
    uint8_t *b = malloc(n ? n : 1);
    if (!b) {
        fail(err, errlen, "out of host memory reading %s", path);
        close(fd);
        return -1;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, b + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            fail(err, errlen, "cannot read %s: %s", path, r < 0 ? strerror(errno) : "short file");
            free(b);
            close(fd);
            return -1;
        }
        got += (size_t)r;
    }
    close(fd);
    *buf = b;
    *len = n;
    return 0;
}

/* Undoes a successful elf_load_image: unmaps the segment mappings inside
 * the image's span (not what else may lie in the gaps between them). */
static void unload_image(VMem *vm, const ElfInfo *info)
{
    for (size_t i = 0; i < vm->nvma;) {
        const VmArea *v = &vm->vma[i];
        if (v->kind == VMA_ELF && v->start >= info->lo && v->end <= info->hi) {
            vmem_unmap(vm, v->start, v->end - v->start);   /* shifts the list */
            continue;
        }
        i++;
    }
}

/* Loads the file at path into *out; prefix names the role in messages. */
static int load_file(VMem *vm, const char *path, uint64_t dyn_base, ElfInfo *out, const char *role,
                     char *err, size_t errlen)
{
    uint8_t *buf;
    size_t len;
    char sub[512];
    if (elf_read_file(path, &buf, &len, sub, sizeof(sub)) < 0) {
        fail(err, errlen, "%s: %s", role, sub);
        return -1;
    }
    int rc = elf_load_image(vm, buf, len, dyn_base, out, sub, sizeof(sub));
    free(buf);
    if (rc < 0)
        fail(err, errlen, "%s %s: %s", role, path, sub);
    return rc;
}

int elf_load_program(VMem *vm, const char *path, const char *sysroot, UserImage *out, char *err,
                     size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (load_file(vm, path, ELF_ET_DYN_BASE, &out->exe, "program", err, errlen) < 0)
        return -1;
    out->start = out->exe.entry;
    if (out->exe.interp[0]) {
        /* qemu-user's -L: the path under the sysroot when it exists there,
         * else the path itself. */
        const char *ip = out->exe.interp;
        if (sysroot && sysroot[0]) {
            snprintf(out->interp_path, sizeof(out->interp_path), "%s%s%s", sysroot,
                     ip[0] == '/' ? "" : "/", ip);
            if (access(out->interp_path, F_OK) != 0)
                snprintf(out->interp_path, sizeof(out->interp_path), "%s", ip);
        } else {
            snprintf(out->interp_path, sizeof(out->interp_path), "%s", ip);
        }
        if (load_file(vm, out->interp_path, 0, &out->interp, "interpreter", err, errlen) < 0)
            goto fail_exe;
        if (out->interp.interp[0]) {
            fail(err, errlen, "interpreter %s itself has a PT_INTERP (%s)", out->interp_path,
                 out->interp.interp);
            unload_image(vm, &out->interp);
            goto fail_exe;
        }
        out->has_interp = true;
        out->start = out->interp.entry;
    }
    out->brk = page_up(out->exe.bss_end);
    vmem_brk_init(vm, out->brk);
    return 0;
fail_exe:
    unload_image(vm, &out->exe);
    return -1;
}
