/* Loading real s390x programs built by s390x-linux-gnu-gcc at test build
 * time (cmake/guest.cmake, sources in tests/unit/guest/): a static ET_EXEC,
 * a static-pie ET_DYN and a dynamically linked PIE whose /lib/ld64.so.1 is
 * found under the sysroot (-L).  Expected values are read from the files by
 * the test's own minimal ELF reader.  Without the cross compiler the whole
 * program reports itself skipped to CTest (exit 77) and says why. */
#include <stdlib.h>
#include <unistd.h>

#include "access/access.h"
#include "test.h"
#include "uenv.h"
#include "user/elfload.h"
#include "user/stack.h"
#include "user/vmem.h"

#ifndef ZEMU_GUEST_BIN_DIR
#define ZEMU_GUEST_BIN_DIR ""
#endif
#ifndef ZEMU_S390X_SYSROOT
#define ZEMU_S390X_SYSROOT "/usr/s390x-linux-gnu"
#endif

static const char *guest_path(const char *name)
{
    static char buf[4][1024];
    static int k;
    char *p = buf[k++ & 3];
    snprintf(p, 1024, "%s/%s", ZEMU_GUEST_BIN_DIR, name);
    return p;
}

/* Every test here needs the guest binaries: without them, skip the whole
 * program (CTest SKIP_RETURN_CODE 77) with the reason. */
static void require_guests(void)
{
    if (!ZEMU_GUEST_BIN_DIR[0]) {
        printf("SKIP: s390x-linux-gnu-gcc was not found when the tests were configured; "
               "the s390x guest programs for the loader tests were not built\n");
        exit(77);
    }
    if (access(guest_path("user_tiny_static"), R_OK) != 0) {
        printf("SKIP: guest program %s is missing\n", guest_path("user_tiny_static"));
        exit(77);
    }
}

/* The test's own reading of the file. */
typedef struct File {
    uint8_t *b;
    size_t n;
} File;

static File slurp(const char *path)
{
    File f = { 0, 0 };
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return f;
    fseek(fp, 0, SEEK_END);
    f.n = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    f.b = malloc(f.n);
    if (fread(f.b, 1, f.n, fp) != f.n)
        f.n = 0;
    fclose(fp);
    return f;
}

static uint64_t rd(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

typedef struct Load {
    uint64_t off, vaddr, filesz, memsz;
    uint32_t flags;
} Load;

/* The PT_LOAD entries of f (at most 8). */
static int loads_of(const File *f, Load *out)
{
    uint64_t phoff = rd(f->b + 32, 8);
    unsigned phnum = (unsigned)rd(f->b + 56, 2);
    int n = 0;
    for (unsigned i = 0; i < phnum && n < 8; i++) {
        const uint8_t *ph = f->b + phoff + 56 * i;
        if (rd(ph, 4) != 1)
            continue;
        out[n].flags = (uint32_t)rd(ph + 4, 4);
        out[n].off = rd(ph + 8, 8);
        out[n].vaddr = rd(ph + 16, 8);
        out[n].filesz = rd(ph + 32, 8);
        out[n].memsz = rd(ph + 40, 8);
        n++;
    }
    return n;
}

static int acc(UEnv *e, uint64_t va, AccessKind kind)
{
    StorageAccess sa;
    return access_prepare(&e->cpu, &sa, va, 1, kind, AS_PRIMARY, 0);
}

/* Checks every PT_LOAD of f loaded at bias: file bytes, zero bss up to the
 * page end, and the protection the guest sees (W -> store ok, else DAT
 * protection; instruction fetch works in X segments). */
static void check_segments(UEnv *e, const File *f, uint64_t bias)
{
    Load L[8];
    int n = loads_of(f, L);
    CHECK(n >= 2);
    for (int i = 0; i < n; i++) {
        uint64_t va = L[i].vaddr + bias;
        uint8_t *buf = malloc(L[i].memsz + PAGE_SIZE);
        CHECK_EQ(vmem_read(&e->vm, va, buf, L[i].filesz), 0);
        CHECK_MEM(buf, f->b + L[i].off, L[i].filesz);
        uint64_t end = (va + L[i].memsz + PAGE_SIZE - 1) & PAGE_MASK;
        uint64_t zlen = end - (va + L[i].filesz);
        CHECK_EQ(vmem_read(&e->vm, va + L[i].filesz, buf, zlen), 0);
        bool zero = true;
        for (uint64_t k = 0; k < zlen; k++)
            zero &= buf[k] == 0;
        /* A data segment whose tail shares a page with nothing else is
         * zero beyond its file bytes (the bss). */
        if (i == n - 1)
            CHECK(zero);
        free(buf);
        int st = acc(e, va, ACC_STORE);
        if (L[i].flags & 2)
            CHECK_EQ(st, 0);
        else if (!(i > 0 && ((L[i - 1].vaddr + L[i - 1].memsz - 1) & PAGE_MASK) == (L[i].vaddr & PAGE_MASK)))
            CHECK_EQ(st, PGM_PROTECTION);
        if (L[i].flags & 1)
            CHECK_EQ(acc(e, va, ACC_IFETCH), 0);
    }
}

TEST(user_guest_static_exec)
{
    require_guests();
    const char *path = guest_path("user_tiny_static");
    File f = slurp(path);
    CHECK(f.n > 64);
    UEnv *e = uenv_new(256 << 20);
    UserImage ui;
    char err[512] = "";
    CHECK_EQ(elf_load_program(&e->vm, path, NULL, &ui, err, sizeof(err)), 0);
    if (err[0])
        fprintf(stderr, "  %s\n", err);
    CHECK_EQ(ui.exe.e_type, 2);
    CHECK(!ui.has_interp);
    CHECK_EQ(ui.exe.bias, 0);
    CHECK_EQ(ui.start, rd(f.b + 24, 8));
    CHECK_EQ(ui.exe.phnum, rd(f.b + 56, 2));
    /* The program headers are inside the first PT_LOAD (offset 0). */
    Load L[8];
    int n = loads_of(&f, L);
    CHECK(n >= 2 && L[0].off == 0);
    CHECK_EQ(ui.exe.phdr, L[0].vaddr + rd(f.b + 32, 8));
    check_segments(e, &f, 0);
    /* brk: the page after the last segment's memsz. */
    CHECK_EQ(ui.brk, (L[n - 1].vaddr + L[n - 1].memsz + PAGE_SIZE - 1) & PAGE_MASK);

    /* Start state: stack, auxv, PSW at the entry, instruction bytes there. */
    static const char *const argv[] = { "user_tiny_static" };
    UserStackParams prm = { .argc = 1, .argv = argv, .hwcap = user_hwcap(&e->m),
                            .phdr = ui.exe.phdr, .phent = 56, .phnum = ui.exe.phnum,
                            .entry = ui.exe.entry };
    UserStackLayout S;
    CHECK_EQ(user_stack_build(&e->vm, VMEM_STACK_TOP, USER_STACK_SIZE, &prm, &S, err, sizeof(err)), 0);
    user_cpu_start(&e->cpu, &e->vm, ui.start, S.sp);
    CHECK_EQ(e->cpu.psw_addr, rd(f.b + 24, 8));
    StorageAccess sa;
    CHECK_EQ(access_prepare(&e->cpu, &sa, e->cpu.psw_addr, 6, ACC_IFETCH, AS_PRIMARY, 0), 0);
    uint8_t insn[6];
    access_read(&e->cpu, &sa, 0, insn, 6);
    CHECK_MEM(insn, f.b + L[0].off + (ui.start - L[0].vaddr), 6);
    free(f.b);
    uenv_free(e);
}

TEST(user_guest_static_pie)
{
    require_guests();
    const char *path = guest_path("user_tiny_pie");
    File f = slurp(path);
    CHECK(f.n > 64);
    UEnv *e = uenv_new(256 << 20);
    UserImage ui;
    char err[512] = "";
    CHECK_EQ(elf_load_program(&e->vm, path, NULL, &ui, err, sizeof(err)), 0);
    if (err[0])
        fprintf(stderr, "  %s\n", err);
    CHECK_EQ(ui.exe.e_type, 3);
    CHECK(!ui.has_interp);
    Load L[8];
    loads_of(&f, L);
    /* Lowest segment at 4 GiB. */
    CHECK_EQ(ui.exe.bias, 0x100000000ULL - (L[0].vaddr & PAGE_MASK));
    CHECK_EQ(ui.start, ui.exe.bias + rd(f.b + 24, 8));
    check_segments(e, &f, ui.exe.bias);
    free(f.b);
    uenv_free(e);
}

TEST(user_guest_dynamic_with_sysroot)
{
    require_guests();
    const char *path = guest_path("user_hello_dyn");
    char ld[1024];
    snprintf(ld, sizeof(ld), "%s/lib/ld64.so.1", ZEMU_S390X_SYSROOT);
    File f = slurp(path), fl = slurp(ld);
    CHECK(f.n > 64);
    if (!fl.n) {
        test_fail(__FILE__, __LINE__, "%s is missing (set ZEMU_S390X_SYSROOT)", ld);
        free(f.b);
        return;
    }
    UEnv *e = uenv_new(256 << 20);
    UserImage ui;
    char err[512] = "";
    CHECK_EQ(elf_load_program(&e->vm, path, ZEMU_S390X_SYSROOT, &ui, err, sizeof(err)), 0);
    if (err[0])
        fprintf(stderr, "  %s\n", err);
    CHECK(ui.has_interp);
    CHECK(strcmp(ui.exe.interp, "/lib/ld64.so.1") == 0);
    CHECK(strcmp(ui.interp_path, ld) == 0);
    CHECK_EQ(ui.exe.e_type, 3);
    Load L[8], IL[8];
    int n = loads_of(&f, L), ni = loads_of(&fl, IL);
    CHECK_EQ(ui.exe.bias, 0x100000000ULL - (L[0].vaddr & PAGE_MASK));
    /* AT_PHDR: e_phoff inside the first PT_LOAD. */
    CHECK_EQ(ui.exe.phdr, ui.exe.bias + L[0].vaddr + rd(f.b + 32, 8) - L[0].off);
    check_segments(e, &f, ui.exe.bias);
    /* The interpreter: top-down below the mmap base, started at its entry. */
    uint64_t ispan = ((IL[ni - 1].vaddr + IL[ni - 1].memsz + PAGE_SIZE - 1) & PAGE_MASK) -
                     (IL[0].vaddr & PAGE_MASK);
    CHECK_EQ(ui.interp.lo, VMEM_MMAP_BASE - ispan);
    CHECK_EQ(ui.start, ui.interp.bias + rd(fl.b + 24, 8));
    check_segments(e, &fl, ui.interp.bias);
    /* The interpreter's ELF header is visible to the guest at AT_BASE. */
    uint8_t magic[4];
    StorageAccess sa;
    CHECK_EQ(access_prepare(&e->cpu, &sa, ui.interp.bias, 4, ACC_FETCH, AS_PRIMARY, 0), 0);
    access_read(&e->cpu, &sa, 0, magic, 4);
    CHECK_MEM(magic, "\x7f" "ELF", 4);
    CHECK_EQ(ui.brk, (ui.exe.bias + L[n - 1].vaddr + L[n - 1].memsz + PAGE_SIZE - 1) & PAGE_MASK);
    free(f.b);
    free(fl.b);
    uenv_free(e);
}

static uint64_t guest_u64(UEnv *e, uint64_t va)
{
    uint8_t b[8];
    if (vmem_read(&e->vm, va, b, 8) < 0)
        return ~0ULL;
    return rd(b, 8);
}

/* The auxv value of type t (~0 when absent). */
static uint64_t auxv_get(UEnv *e, uint64_t auxv, uint64_t t)
{
    for (int i = 0; i < 64; i++) {
        uint64_t ty = guest_u64(e, auxv + 16 * i);
        if (ty == t)
            return guest_u64(e, auxv + 16 * i + 8);
        if (ty == 0)
            break;
    }
    return ~0ULL;
}

TEST(user_guest_exec_dynamic_auxv)
{
    require_guests();
    const char *path = guest_path("user_hello_dyn");
    File f = slurp(path);
    CHECK(f.n > 64);
    UEnv *e = uenv_new(256 << 20);
    UserImage ui;
    UserStackLayout S;
    char err[512] = "";
    static const char *const argv[] = { "hello", "x" };
    static const char *const envp[] = { "LANG=C", "ZEMU=1" };
    CHECK_EQ(user_exec(&e->vm, &e->cpu, path, ZEMU_S390X_SYSROOT, 2, argv, 2, envp, &ui, &S, err,
                       sizeof(err)), 0);
    if (err[0])
        fprintf(stderr, "  %s\n", err);
    /* What the guest's ld.so will find at r15. */
    uint64_t sp = e->cpu.gr[15];
    CHECK_EQ(sp, S.sp);
    char ld[1024];
    snprintf(ld, sizeof(ld), "%s/lib/ld64.so.1", ZEMU_S390X_SYSROOT);
    File fl = slurp(ld);
    CHECK(fl.n > 64);
    if (fl.n > 64)
        CHECK_EQ(e->cpu.psw_addr, ui.interp.bias + rd(fl.b + 24, 8));
    free(fl.b);
    CHECK_EQ(guest_u64(e, sp), 2);
    char s[32];
    CHECK_EQ(vmem_read(&e->vm, guest_u64(e, sp + 8), s, 6), 0);
    CHECK_MEM(s, "hello", 6);
    CHECK_EQ(vmem_read(&e->vm, guest_u64(e, sp + 16), s, 2), 0);
    CHECK_MEM(s, "x", 2);
    CHECK_EQ(guest_u64(e, sp + 24), 0);
    CHECK_EQ(vmem_read(&e->vm, guest_u64(e, sp + 32), s, 7), 0);
    CHECK_MEM(s, "LANG=C", 7);
    CHECK_EQ(guest_u64(e, sp + 48), 0);
    uint64_t auxv = sp + 56;
    CHECK_EQ(auxv, S.auxv);
    Load L[8];
    loads_of(&f, L);
    CHECK_EQ(auxv_get(e, auxv, 3), ui.exe.bias + L[0].vaddr + rd(f.b + 32, 8) - L[0].off);
    CHECK_EQ(auxv_get(e, auxv, 4), 56);
    CHECK_EQ(auxv_get(e, auxv, 5), rd(f.b + 56, 2));
    CHECK_EQ(auxv_get(e, auxv, 6), 4096);
    CHECK_EQ(auxv_get(e, auxv, 7), ui.interp.bias);                 /* AT_BASE */
    CHECK_EQ(auxv_get(e, auxv, 9), ui.exe.bias + rd(f.b + 24, 8));   /* AT_ENTRY */
    CHECK_EQ(auxv_get(e, auxv, 11), getuid());
    CHECK_EQ(auxv_get(e, auxv, 16), 0x337);   /* core facility list, no MSA */
    CHECK_EQ(vmem_read(&e->vm, auxv_get(e, auxv, 15), s, 5), 0);
    CHECK_MEM(s, "z196", 5);
    size_t pl = strlen(path) + 1;
    char *ex = malloc(pl);
    CHECK_EQ(vmem_read(&e->vm, auxv_get(e, auxv, 31), ex, pl), 0);
    CHECK_MEM(ex, path, pl);
    free(ex);
    CHECK(auxv_get(e, auxv, 25) != ~0ULL);
    /* The ld.so entry is instruction-fetchable under the started PSW. */
    StorageAccess sa;
    CHECK_EQ(access_prepare(&e->cpu, &sa, e->cpu.psw_addr, 2, ACC_IFETCH, AS_PRIMARY, 0), 0);
    free(f.b);
    uenv_free(e);
}
