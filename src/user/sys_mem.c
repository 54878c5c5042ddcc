/* Memory: brk, mmap, munmap, mprotect, mremap, madvise, msync, mincore.
 * The guest address space is vmem's (user/vmem.h): real DAT tables, so a
 * guest mprotect makes the access layer fault exactly as hardware would. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "user/sysutil.h"

#define S390X_MAP_SHARED    0x01
#define S390X_MAP_PRIVATE   0x02
#define S390X_MAP_FIXED     0x10
#define S390X_MAP_ANONYMOUS 0x20
#define S390X_MAP_FIXED_NOREPLACE 0x100000

static void log_page(UserProc *p, const char *what, int64_t addr, uint64_t len, int prot)
{
    if (p->log_flags & ULOG_PAGE)
        fprintf(user_logf(p), "page: %s %016llx-%016llx %c%c%c\n", what, (unsigned long long)addr,
                (unsigned long long)(addr + len), prot & 1 ? 'r' : '-', prot & 2 ? 'w' : '-',
                prot & 4 ? 'x' : '-');
}

static uint64_t page_round(uint64_t n) { return (n + PAGE_SIZE - 1) & PAGE_MASK; }

int64_t user_mmap(UserProc *p, uint64_t addr, uint64_t len, int prot, int flags, int fd,
                  uint64_t off)
{
    if (len == 0 || (off & ~PAGE_MASK) || !(flags & (S390X_MAP_SHARED | S390X_MAP_PRIVATE)))
        return -EINVAL;
    if (prot & ~7)
        return -EINVAL;
    uint64_t plen = page_round(len);
    if (plen < len)
        return -ENOMEM;
    bool anon = flags & S390X_MAP_ANONYMOUS;
    struct stat st;
    if (!anon && (user_fd_reserved(p, fd) || fstat(fd, &st) < 0))
        return -EBADF;
    int vf = 0;
    if (flags & S390X_MAP_FIXED)
        vf |= VMEM_MAP_FIXED;
    if (flags & S390X_MAP_FIXED_NOREPLACE)
        vf |= VMEM_MAP_FIXED_NOREPLACE;
    /* A file mapping is filled first, then gets its protection; the
     * frames keep the data even under PROT_NONE (vmem.h). */
    int64_t a = vmem_mmap(p->vm, addr, plen, anon ? prot : (VMEM_PROT_READ | VMEM_PROT_WRITE), vf);
    if (a < 0)
        return a;
    if (!anon) {
        /* A private copy of the file's bytes (shared writable mappings are
         * not written back: open point). */
        uint8_t *b = malloc(plen);
        if (!b) {
            vmem_unmap(p->vm, (uint64_t)a, plen);
            return -ENOMEM;
        }
        ssize_t got = pread(fd, b, plen, (off_t)off);
        if (got < 0) {
            int e = errno;
            free(b);
            vmem_unmap(p->vm, (uint64_t)a, plen);
            return -e;
        }
        if (got > 0)
            vmem_write(p->vm, (uint64_t)a, b, (uint64_t)got);
        free(b);
        if (prot != (VMEM_PROT_READ | VMEM_PROT_WRITE))
            vmem_protect(p->vm, (uint64_t)a, plen, prot);
    }
    log_page(p, anon ? "mmap anon" : "mmap file", a, plen, prot);
    return a;
}

/* s390x mmap takes one pointer to six longs (the old_mmap convention). */
SYSCALL(mmap)
{
    uint8_t b[48];
    int64_t r = user_copy_in(p, b, a[0], sizeof(b));
    if (r < 0)
        return r;
    return user_mmap(p, get_be(b, 8), get_be(b + 8, 8), (int)get_be(b + 16, 8),
                     (int)get_be(b + 24, 8), (int)get_be(b + 32, 8), get_be(b + 40, 8));
}

SYSCALL(munmap)
{
    log_page(p, "munmap", (int64_t)a[0], a[1], 0);
    return vmem_unmap(p->vm, a[0], page_round(a[1]));
}

SYSCALL(mprotect)
{
    log_page(p, "mprotect", (int64_t)a[0], a[1], (int)a[2]);
    if (a[2] & ~7ULL)
        return -EINVAL;
    if (a[1] == 0)
        return (a[0] & ~PAGE_MASK) ? -EINVAL : 0;
    return vmem_protect(p->vm, a[0], page_round(a[1]), (int)a[2]);
}

SYSCALL(mremap)
{
    return vmem_mremap(p->vm, a[0], page_round(a[1]), page_round(a[2]), (int)a[3], a[4]);
}

SYSCALL(brk)
{
    uint64_t r = vmem_brk(p->vm, a[0]);
    log_page(p, "brk", (int64_t)p->vm->brk_start, r - p->vm->brk_start, 3);
    return (int64_t)r;
}

/* MADV_DONTNEED (4) on a private anonymous mapping: the pages read as zero
 * afterwards (allocators rely on it).  vmem gives each piece fresh frames
 * by unmapping and mapping it again with the same protection and kind.
 * Other advice is only advice. */
#define S390X_MADV_DONTNEED 4
SYSCALL(madvise)
{
    if (a[0] & ~PAGE_MASK)
        return -EINVAL;
    if (a[2] != S390X_MADV_DONTNEED)
        return 0;
    const uint64_t end = a[0] + page_round(a[1]);
    for (uint64_t va = a[0]; va < end;) {
        const VmArea *v = vmem_find(p->vm, va);
        if (!v)
            return -ENOMEM;
        const uint64_t stop = v->end < end ? v->end : end;
        const int prot = v->prot, kind = v->kind;
        if (kind != VMA_ELF) {
            int r = vmem_unmap(p->vm, va, stop - va);
            if (r == 0)
                r = vmem_map(p->vm, va, stop - va, prot, kind);
            if (r < 0)
                return r;
        }
        va = stop;
    }
    return 0;
}

/* Every page of [va, va+len) belongs to a mapping (whatever its
 * protection): Linux's -ENOMEM test of msync and mincore. */
static bool all_mapped(const UserProc *p, uint64_t va, uint64_t len)
{
    for (uint64_t a = va; a < va + page_round(len);) {
        const VmArea *v = vmem_find(p->vm, a);
        if (!v)
            return false;
        a = v->end;
    }
    return true;
}

/* File mappings are private copies: there is nothing to write back. */
SYSCALL(msync)
{
    if (a[0] & ~PAGE_MASK)
        return -EINVAL;
    return all_mapped(p, a[0], a[1]) ? 0 : -ENOMEM;
}

/* mincore: every mapped page is resident (zemu never pages out). */
SYSCALL(mincore)
{
    if (a[0] & ~PAGE_MASK)
        return -EINVAL;
    const uint64_t pages = page_round(a[1]) / PAGE_SIZE;
    if (!all_mapped(p, a[0], a[1]))
        return -ENOMEM;
    uint8_t one = 1;
    for (uint64_t i = 0; i < pages; i++)
        if (user_copy_out(p, a[2] + i, &one, 1) < 0)
            return -EFAULT;
    return 0;
}
