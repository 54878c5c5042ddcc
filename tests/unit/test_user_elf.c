/* ELF64 big-endian s390x loading (src/user/elfload.c) with images built by
 * hand in the test: segment bytes, bss zeroing, protections through the
 * access layer, ET_DYN placement at 4 GiB, PT_INTERP under a sysroot, and
 * every kind of malformed file rejected with a message, nothing mapped and
 * no crash (also under ASan; a random-mutation run covers the rest). */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access/access.h"
#include "test.h"
#include "uenv.h"
#include "user/elfload.h"
#include "user/stack.h"
#include "user/vmem.h"

static int acc(UEnv *e, uint64_t va, AccessKind kind)
{
    StorageAccess sa;
    return access_prepare(&e->cpu, &sa, va, 1, kind, AS_PRIMARY, 0);
}

/* ---- a hand-made ELF writer (independent of the loader) ---------------- */

typedef struct TPh {
    uint32_t type, flags;
    uint64_t off, vaddr, filesz, memsz;
} TPh;

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (24 - 8 * i));
}
static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (56 - 8 * i));
}

#define IMG_SIZE 0x2400
/* Bytes of the image: a pattern everywhere, then header and phdrs on top. */
static uint8_t pattern(size_t k) { return (uint8_t)(k * 7 + 3); }

static void build(uint8_t *img, size_t size, uint16_t type, uint64_t entry, const TPh *ph, int n)
{
    for (size_t k = 0; k < size; k++)
        img[k] = pattern(k);
    memset(img, 0, 64);
    memcpy(img, "\x7f" "ELF", 4);
    img[4] = 2;                 /* ELFCLASS64 */
    img[5] = 2;                 /* ELFDATA2MSB */
    img[6] = 1;                 /* EV_CURRENT */
    put16(img + 16, type);
    put16(img + 18, 22);        /* EM_S390 */
    put32(img + 20, 1);
    put64(img + 24, entry);
    put64(img + 32, 64);        /* e_phoff */
    put16(img + 52, 64);        /* e_ehsize */
    put16(img + 54, 56);        /* e_phentsize */
    put16(img + 56, (uint16_t)n);
    for (int i = 0; i < n; i++) {
        uint8_t *p = img + 64 + 56 * i;
        memset(p, 0, 56);
        put32(p, ph[i].type);
        put32(p + 4, ph[i].flags);
        put64(p + 8, ph[i].off);
        put64(p + 16, ph[i].vaddr);
        put64(p + 24, ph[i].vaddr);
        put64(p + 32, ph[i].filesz);
        put64(p + 40, ph[i].memsz);
        put64(p + 48, 0x1000);
    }
}

#define PT_LOAD_ 1
#define PT_INTERP_ 3
#define PF_X_ 1
#define PF_W_ 2
#define PF_R_ 4

/* The standard two-segment image at vaddr base (0 for ET_DYN):
 *   seg0: file [0, 0x1800)      -> base+0x0000, R|X, no bss
 *   seg1: file [0x2100, 0x2300) -> base+0x3100, RW, memsz 0x3000 (bss)
 *   entry base+0x100 */
static void std_image(uint8_t *img, uint16_t type, uint64_t base)
{
    TPh ph[2] = {
        { PT_LOAD_, PF_R_ | PF_X_, 0, base, 0x1800, 0x1800 },
        { PT_LOAD_, PF_R_ | PF_W_, 0x2100, base + 0x3100, 0x200, 0x3000 },
    };
    build(img, IMG_SIZE, type, base + 0x100, ph, 2);
}

static bool guest_equals_file(UEnv *e, uint64_t va, const uint8_t *img, size_t off, size_t n)
{
    uint8_t *buf = malloc(n);
    bool ok = vmem_read(&e->vm, va, buf, n) == 0 && memcmp(buf, img + off, n) == 0;
    free(buf);
    return ok;
}

static bool guest_zero(UEnv *e, uint64_t va, size_t n)
{
    uint8_t *buf = malloc(n);
    bool ok = vmem_read(&e->vm, va, buf, n) == 0;
    for (size_t i = 0; ok && i < n; i++)
        ok = buf[i] == 0;
    free(buf);
    return ok;
}

TEST(user_elf_exec_segments)
{
    UEnv *e = uenv_started(64 << 20, 0);
    uint8_t img[IMG_SIZE];
    const uint64_t B = 0x400000;
    std_image(img, 2, B);
    ElfInfo info;
    char err[256] = "";
    CHECK_EQ(elf_load_image(&e->vm, img, IMG_SIZE, ELF_ET_DYN_BASE, &info, err, sizeof(err)), 0);
    CHECK_EQ(info.e_type, 2);
    CHECK_EQ(info.bias, 0);
    CHECK_EQ(info.entry, B + 0x100);
    CHECK_EQ(info.phdr, B + 64);           /* e_phoff 64 inside seg0's file image */
    CHECK_EQ(info.phnum, 2);
    CHECK_EQ(info.phentsize, 56);
    CHECK_EQ(info.lo, B);
    CHECK_EQ(info.hi, B + 0x7000);         /* page_up(0x3100 + 0x3000) */
    CHECK_EQ(info.bss_end, B + 0x6100);
    CHECK_EQ(info.interp[0], 0);
    /* File bytes where they belong, zeros elsewhere. */
    CHECK(guest_equals_file(e, B, img, 0, 0x1800));
    CHECK(guest_zero(e, B + 0x1800, 0x800));             /* rest of seg0's last page */
    CHECK(guest_zero(e, B + 0x3000, 0x100));             /* head of seg1's first page */
    CHECK(guest_equals_file(e, B + 0x3100, img, 0x2100, 0x200));
    CHECK(guest_zero(e, B + 0x3300, 0x3D00));            /* bss to the page end */
    /* Protections through DAT: text read-only, data writable, gap and
     * beyond unmapped. */
    CHECK_EQ(acc(e, B + 0x100, ACC_IFETCH), 0);
    CHECK_EQ(acc(e, B + 0x100, ACC_STORE), PGM_PROTECTION);
    CHECK_EQ(acc(e, B + 0x1FFF, ACC_STORE), PGM_PROTECTION);
    CHECK_EQ(acc(e, B + 0x2000, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(acc(e, B + 0x3000, ACC_STORE), 0);
    CHECK_EQ(acc(e, B + 0x6FFF, ACC_STORE), 0);
    CHECK_EQ(acc(e, B + 0x7000, ACC_FETCH), PGM_PAGE_TRANS);
    CHECK_EQ(e->vm.nvma, 2);
    /* Loading the same ET_EXEC again collides. */
    ElfInfo again;
    CHECK_EQ(elf_load_image(&e->vm, img, IMG_SIZE, 0, &again, err, sizeof(err)), -1);
    CHECK(strstr(err, "overlaps an existing mapping") != NULL);
    CHECK_EQ(e->vm.nvma, 2);
    uenv_free(e);
}

TEST(user_elf_dyn_at_4g)
{
    UEnv *e = uenv_started(64 << 20, 0);
    uint8_t img[IMG_SIZE];
    std_image(img, 3, 0);
    ElfInfo info;
    char err[256] = "";
    CHECK_EQ(elf_load_image(&e->vm, img, IMG_SIZE, ELF_ET_DYN_BASE, &info, err, sizeof(err)), 0);
    CHECK_EQ(info.bias, 0x100000000ULL);
    CHECK_EQ(info.entry, 0x100000100ULL);
    CHECK_EQ(info.phdr, 0x100000040ULL);
    CHECK_EQ(info.lo, 0x100000000ULL);
    CHECK(guest_equals_file(e, 0x100003100ULL, img, 0x2100, 0x200));
    CHECK_EQ(acc(e, 0x100000000ULL, ACC_STORE), PGM_PROTECTION);
    CHECK_EQ(acc(e, 0x100006000ULL, ACC_STORE), 0);
    /* A second ET_DYN with base 0 goes top-down below the mmap base:
     * span 0x7000. */
    ElfInfo two;
    CHECK_EQ(elf_load_image(&e->vm, img, IMG_SIZE, 0, &two, err, sizeof(err)), 0);
    CHECK_EQ(two.lo, VMEM_MMAP_BASE - 0x7000);
    CHECK_EQ(two.entry, VMEM_MMAP_BASE - 0x7000 + 0x100);
    uenv_free(e);
}

TEST(user_elf_shared_page_gets_union)
{
    UEnv *e = uenv_started(64 << 20, 0);
    uint8_t img[IMG_SIZE];
    /* seg1 starts in seg0's last page: that page is R|X + RW = RW. */
    TPh ph[2] = {
        { PT_LOAD_, PF_R_ | PF_X_, 0, 0x500000, 0x900, 0x900 },
        { PT_LOAD_, PF_R_ | PF_W_, 0xA00, 0x500A00, 0x100, 0x1800 },
    };
    build(img, IMG_SIZE, 2, 0x500100, ph, 2);
    ElfInfo info;
    char err[256] = "";
    CHECK_EQ(elf_load_image(&e->vm, img, IMG_SIZE, 0, &info, err, sizeof(err)), 0);
    CHECK(guest_equals_file(e, 0x500000, img, 0, 0x900));
    CHECK(guest_zero(e, 0x500900, 0x100));
    CHECK(guest_equals_file(e, 0x500A00, img, 0xA00, 0x100));
    CHECK(guest_zero(e, 0x500B00, 0x1500));
    CHECK_EQ(acc(e, 0x500000, ACC_STORE), 0);
    CHECK_EQ(acc(e, 0x501000, ACC_STORE), 0);
    CHECK_EQ(acc(e, 0x502000, ACC_STORE), 0);           /* 0x500A00 + 0x1800 = 0x502200 */
    CHECK_EQ(acc(e, 0x503000, ACC_FETCH), PGM_PAGE_TRANS);
    /* A read-only segment that does not share a page stays read-only. */
    TPh ph2[2] = {
        { PT_LOAD_, PF_R_, 0, 0x600000, 0x900, 0x900 },
        { PT_LOAD_, 0, 0x1000, 0x601000, 0x100, 0x100 },     /* no access at all */
    };
    build(img, IMG_SIZE, 2, 0x600100, ph2, 2);
    CHECK_EQ(elf_load_image(&e->vm, img, IMG_SIZE, 0, &info, err, sizeof(err)), 0);
    CHECK_EQ(acc(e, 0x600000, ACC_STORE), PGM_PROTECTION);
    CHECK_EQ(acc(e, 0x601000, ACC_FETCH), PGM_PAGE_TRANS);  /* PROT_NONE */
    /* ... but its bytes were loaded (visible after mprotect). */
    CHECK_EQ(vmem_protect(&e->vm, 0x601000, PAGE_SIZE, VMEM_PROT_READ), 0);
    CHECK(guest_equals_file(e, 0x601000, img, 0x1000, 0x100));
    uenv_free(e);
}

/* ---- malformed images --------------------------------------------------- */

typedef void (*Mutator)(uint8_t *img, size_t *len);

static void m_truncate10(uint8_t *img, size_t *len) { (void)img; *len = 10; }
static void m_truncate_phdrs(uint8_t *img, size_t *len) { (void)img; *len = 64 + 56 + 20; }
static void m_magic(uint8_t *img, size_t *len) { (void)len; img[1] = 'X'; }
static void m_class32(uint8_t *img, size_t *len) { (void)len; img[4] = 1; }
static void m_little(uint8_t *img, size_t *len) { (void)len; img[5] = 1; }
static void m_version(uint8_t *img, size_t *len) { (void)len; img[6] = 0; }
static void m_x86(uint8_t *img, size_t *len) { (void)len; put16(img + 18, 62); }
static void m_rel(uint8_t *img, size_t *len) { (void)len; put16(img + 16, 1); }
static void m_core(uint8_t *img, size_t *len) { (void)len; put16(img + 16, 4); }
static void m_phentsize(uint8_t *img, size_t *len) { (void)len; put16(img + 54, 32); }
static void m_phnum0(uint8_t *img, size_t *len) { (void)len; put16(img + 56, 0); }
static void m_phnum_huge(uint8_t *img, size_t *len) { (void)len; put16(img + 56, 0xFFFF); }
static void m_phoff_huge(uint8_t *img, size_t *len) { (void)len; put64(img + 32, ~0ULL - 15); }
static void m_phoff_past(uint8_t *img, size_t *len) { put64(img + 32, *len - 56); }
static void m_seg_past_eof(uint8_t *img, size_t *len) { (void)len; put64(img + 64 + 56 + 32, 0x1000); }
static void m_seg_off_wrap(uint8_t *img, size_t *len)
{
    (void)len;
    put64(img + 64 + 8, ~0ULL - 5);          /* offset + filesz wraps */
    put64(img + 64 + 16, 0x400000 + ((~0ULL - 5) & 0xFFF));
}
static void m_filesz_gt_memsz(uint8_t *img, size_t *len) { (void)len; put64(img + 64 + 40, 0x100); }
static void m_overlap(uint8_t *img, size_t *len)
{
    (void)len;
    put64(img + 64 + 56 + 16, 0x401100);     /* seg1 inside seg0 (same page offset) */
}
static void m_unordered(uint8_t *img, size_t *len)
{
    (void)len;
    put64(img + 64 + 56 + 16, 0x300100);     /* seg1 below seg0 */
}
static void m_huge_memsz(uint8_t *img, size_t *len) { (void)len; put64(img + 64 + 56 + 40, 1ULL << 45); }
static void m_wrap_memsz(uint8_t *img, size_t *len) { (void)len; put64(img + 64 + 56 + 40, ~0ULL); }
static void m_above_limit(uint8_t *img, size_t *len)
{
    (void)len;
    put64(img + 64 + 56 + 16, (1ULL << 60) + 0x100);
}
static void m_incongruent(uint8_t *img, size_t *len) { (void)len; put64(img + 64 + 56 + 16, 0x403180); }
static void m_no_load(uint8_t *img, size_t *len)
{
    (void)len;
    put32(img + 64, 4);                      /* PT_NOTE */
    put32(img + 64 + 56, 4);
}
static void m_entry_outside(uint8_t *img, size_t *len) { (void)len; put64(img + 24, 0x900000); }
static void m_low_exec(uint8_t *img, size_t *len)
{
    (void)len;
    put64(img + 64 + 16, 0x1000);
    put64(img + 64 + 56 + 16, 0x4100);
    put64(img + 24, 0x1100);
}
static void m_interp_unterminated(uint8_t *img, size_t *len)
{
    (void)len;
    put16(img + 56, 3);
    uint8_t *p = img + 64 + 112;
    memset(p, 0, 56);
    put32(p, PT_INTERP_);
    put64(p + 8, 0x2300);
    put64(p + 32, 8);                        /* pattern bytes: no NUL */
    memset(img + 0x2300, 'a', 8);
}
static void m_interp_past_eof(uint8_t *img, size_t *len)
{
    (void)len;
    put16(img + 56, 3);
    uint8_t *p = img + 64 + 112;
    memset(p, 0, 56);
    put32(p, PT_INTERP_);
    put64(p + 8, 0x23F0);
    put64(p + 32, 0x20);
}

static const struct {
    const char *name;
    Mutator fn;
    const char *msg;       /* a word the error message must contain */
    bool load_only;        /* a property of the target space, not of the file */
} malformed[] = {
    { "truncated header", m_truncate10, "too short", false },
    { "truncated phdrs", m_truncate_phdrs, "beyond the end", false },
    { "bad magic", m_magic, "not an ELF", false },
    { "ELFCLASS32", m_class32, "64-bit", false },
    { "little endian", m_little, "big-endian", false },
    { "ident version", m_version, "version", false },
    { "x86-64 machine", m_x86, "s390x", false },
    { "ET_REL", m_rel, "executable", false },
    { "ET_CORE", m_core, "executable", false },
    { "phentsize", m_phentsize, "program header size", false },
    { "phnum 0", m_phnum0, "number of program headers", false },
    { "phnum 65535", m_phnum_huge, "number of program headers", false },
    { "phoff wraps", m_phoff_huge, "beyond the end", false },
    { "phoff near end", m_phoff_past, "beyond the end", false },
    { "segment past EOF", m_seg_past_eof, "beyond the end of the file", false },
    { "segment offset wraps", m_seg_off_wrap, "beyond the end of the file", false },
    { "filesz > memsz", m_filesz_gt_memsz, "exceeds p_memsz", false },
    { "overlapping segments", m_overlap, "overlaps", false },
    { "unordered segments", m_unordered, "overlaps or precedes", false },
    { "huge segment", m_huge_memsz, "more than guest storage", true },
    { "memsz wraps", m_wrap_memsz, "exceeds the address space", false },
    { "segment above 2^53", m_above_limit, "exceeds the address space", false },
    { "vaddr/offset incongruent", m_incongruent, "modulo the page size", false },
    { "no PT_LOAD", m_no_load, "no loadable", false },
    { "entry outside", m_entry_outside, "entry point", false },
    { "ET_EXEC below 64 KiB", m_low_exec, "below the lowest", false },
    { "PT_INTERP without NUL", m_interp_unterminated, "PT_INTERP", false },
    { "PT_INTERP past EOF", m_interp_past_eof, "PT_INTERP", false },
};

TEST(user_elf_malformed_rejected)
{
    UEnv *e = uenv_started(64 << 20, 0);
    for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
        uint8_t *img = malloc(IMG_SIZE);
        size_t len = IMG_SIZE;
        std_image(img, 2, 0x400000);
        malformed[i].fn(img, &len);
        /* The copy is exactly len bytes, so ASan sees any read beyond. */
        uint8_t *exact = malloc(len);
        memcpy(exact, img, len);
        char err[256] = "";
        ElfInfo info;
        int rc = elf_load_image(&e->vm, exact, len, ELF_ET_DYN_BASE, &info, err, sizeof(err));
        if (rc != -1 || !strstr(err, malformed[i].msg))
            test_fail(__FILE__, __LINE__, "%s: rc %d, message \"%s\" (expected \"%s\")",
                      malformed[i].name, rc, err, malformed[i].msg);
        CHECK_EQ(rc, -1);
        CHECK_EQ(e->vm.nvma, 0);           /* nothing mapped */
        CHECK_EQ(elf_check(exact, len, NULL, 0), malformed[i].load_only ? 0 : -1);
        if (rc == 0)
            vmem_unmap(&e->vm, info.lo, info.hi - info.lo);
        free(exact);
        free(img);
    }
    /* The unmutated image passes, so each case above failed for its own
     * reason. */
    uint8_t img[IMG_SIZE];
    std_image(img, 2, 0x400000);
    CHECK_EQ(elf_check(img, IMG_SIZE, NULL, 0), 0);
    uenv_free(e);
}

TEST(user_elf_random_mutations_never_crash)
{
    UEnv *e = uenv_started(64 << 20, 0);
    uint64_t seed = 0x5EED0E1FULL;
    uint8_t base[IMG_SIZE];
    std_image(base, 2, 0x400000);
    int loaded = 0, rejected = 0, leaks = 0, nomsg = 0;
    for (int it = 0; it < 3000; it++) {
        uint8_t *img = malloc(IMG_SIZE);
        memcpy(img, base, IMG_SIZE);
        if (it & 1)
            put16(img + 16, 3);              /* half of them ET_DYN */
        int nmut = 1 + (int)(test_rand(&seed) % 4);
        for (int k = 0; k < nmut; k++) {
            uint64_t r = test_rand(&seed);
            size_t at = (size_t)(r % (64 + 2 * 56));
            switch ((r >> 32) % 4) {
            case 0: img[at] ^= (uint8_t)(1u << ((r >> 40) % 8)); break;
            case 1: img[at] = (uint8_t)(r >> 48); break;
            case 2: if (at + 8 <= IMG_SIZE) put64(img + at, test_rand(&seed)); break;
            default: if (at + 8 <= IMG_SIZE) put64(img + at, test_rand(&seed) & 0xFFFFFF); break;
            }
        }
        size_t len = (test_rand(&seed) % 8) ? IMG_SIZE : (size_t)(test_rand(&seed) % IMG_SIZE);
        uint8_t *exact = malloc(len ? len : 1);
        memcpy(exact, img, len);
        ElfInfo info;
        char err[256] = "";
        int rc = elf_load_image(&e->vm, exact, len, ELF_ET_DYN_BASE, &info, err, sizeof(err));
        if (rc == 0) {
            loaded++;
            vmem_unmap(&e->vm, info.lo, info.hi - info.lo);
        } else {
            rejected++;
            if (!err[0])
                nomsg++;
        }
        if (e->vm.nvma != 0)
            leaks++;
        e->vm.nvma = 0;
        free(exact);
        free(img);
    }
    printf("  mutations: %d loaded, %d rejected\n", loaded, rejected);
    CHECK(loaded > 0);
    CHECK(rejected > 0);
    CHECK_EQ(leaks, 0);
    CHECK_EQ(nomsg, 0);
    uenv_free(e);
}

/* ---- files, PT_INTERP and the sysroot ---------------------------------- */

static char tmpdir[256];

static void write_file(const char *path, const uint8_t *buf, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, n, f) != n) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(2);
    }
    fclose(f);
}

/* A main ET_DYN program with PT_INTERP (interp) and an interpreter image. */
static void make_dyn_pair(const char *interp, const char *main_path, const char *interp_path,
                          bool interp_has_interp)
{
    uint8_t img[IMG_SIZE];
    size_t ilen = strlen(interp) + 1;
    TPh ph[3] = {
        { PT_LOAD_, PF_R_ | PF_X_, 0, 0, 0x1800, 0x1800 },
        { PT_LOAD_, PF_R_ | PF_W_, 0x2100, 0x3100, 0x200, 0x3000 },
        { PT_INTERP_, PF_R_, 0x200, 0x200, ilen, ilen },
    };
    build(img, IMG_SIZE, 3, 0x100, ph, 3);
    memcpy(img + 0x200, interp, ilen);
    write_file(main_path, img, IMG_SIZE);
    /* The interpreter: ET_DYN, entry 0x180, a bss-heavy data segment. */
    TPh iph[3] = {
        { PT_LOAD_, PF_R_ | PF_X_, 0, 0, 0x1000, 0x1000 },
        { PT_LOAD_, PF_R_ | PF_W_, 0x2000, 0x2000, 0x100, 0x5000 },
        { PT_INTERP_, PF_R_, 0x200, 0x200, ilen, ilen },
    };
    build(img, IMG_SIZE, 3, 0x180, iph, interp_has_interp ? 3 : 2);
    memcpy(img + 0x200, interp, ilen);
    write_file(interp_path, img, IMG_SIZE);
}

TEST(user_elf_program_with_interp_under_sysroot)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/zemu-user-elf-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        test_fail(__FILE__, __LINE__, "mkdtemp failed");
        return;
    }
    char sysroot[300], libdir[320], main_path[320], interp_path[340];
    snprintf(sysroot, sizeof(sysroot), "%s/root", tmpdir);
    snprintf(libdir, sizeof(libdir), "%s/lib", sysroot);
    mkdir(sysroot, 0755);
    mkdir(libdir, 0755);
    snprintf(main_path, sizeof(main_path), "%s/prog", tmpdir);
    snprintf(interp_path, sizeof(interp_path), "%s/ld-zemu-test.so.1", libdir);
    make_dyn_pair("/lib/ld-zemu-test.so.1", main_path, interp_path, false);

    UEnv *e = uenv_started(64 << 20, 0);
    UserImage ui;
    char err[512] = "";
    CHECK_EQ(elf_load_program(&e->vm, main_path, sysroot, &ui, err, sizeof(err)), 0);
    if (err[0])
        fprintf(stderr, "  (%s)\n", err);
    CHECK(ui.has_interp);
    CHECK(strcmp(ui.exe.interp, "/lib/ld-zemu-test.so.1") == 0);
    CHECK(strcmp(ui.interp_path, interp_path) == 0);
    /* Program at 4 GiB; interpreter (span 0x7000) top-down below the mmap base. */
    CHECK_EQ(ui.exe.bias, 0x100000000ULL);
    CHECK_EQ(ui.exe.entry, 0x100000100ULL);
    CHECK_EQ(ui.interp.lo, VMEM_MMAP_BASE - 0x7000);
    CHECK_EQ(ui.interp.bias, VMEM_MMAP_BASE - 0x7000);
    CHECK_EQ(ui.start, VMEM_MMAP_BASE - 0x7000 + 0x180);
    /* brk starts at the page after the program's bss (0x3100 + 0x3000). */
    CHECK_EQ(ui.brk, 0x100007000ULL);
    CHECK_EQ(e->vm.brk_start, 0x100007000ULL);
    CHECK_EQ(vmem_brk(&e->vm, 0), 0x100007000ULL);
    CHECK_EQ(vmem_brk(&e->vm, 0x100008000ULL), 0x100008000ULL);
    CHECK_EQ(acc(e, 0x100007ABCULL, ACC_STORE), 0);
    /* The interpreter's bss is zero and writable. */
    CHECK(guest_zero(e, ui.interp.bias + 0x2100, 0x4F00));
    CHECK_EQ(acc(e, ui.interp.bias + 0x6FFF, ACC_STORE), 0);
    CHECK_EQ(acc(e, ui.interp.bias + 0x0, ACC_STORE), PGM_PROTECTION);
    uenv_free(e);

    /* Without the file under the sysroot (and none on the host): an error
     * naming the interpreter, and the program unmapped again. */
    e = uenv_started(64 << 20, 0);
    err[0] = 0;
    CHECK_EQ(elf_load_program(&e->vm, main_path, "/nonexistent-sysroot", &ui, err, sizeof(err)), -1);
    CHECK(strstr(err, "interpreter") != NULL && strstr(err, "ld-zemu-test.so.1") != NULL);
    CHECK_EQ(e->vm.nvma, 0);
    uenv_free(e);

    /* An interpreter that wants an interpreter is refused. */
    make_dyn_pair("/lib/ld-zemu-test.so.1", main_path, interp_path, true);
    e = uenv_started(64 << 20, 0);
    err[0] = 0;
    CHECK_EQ(elf_load_program(&e->vm, main_path, sysroot, &ui, err, sizeof(err)), -1);
    CHECK(strstr(err, "itself has a PT_INTERP") != NULL);
    CHECK_EQ(e->vm.nvma, 0);
    uenv_free(e);

    /* Files that are not there or not regular. */
    e = uenv_started(64 << 20, 0);
    CHECK_EQ(elf_load_program(&e->vm, "/nonexistent/prog", NULL, &ui, err, sizeof(err)), -1);
    CHECK(strstr(err, "cannot open") != NULL);
    CHECK_EQ(elf_load_program(&e->vm, tmpdir, NULL, &ui, err, sizeof(err)), -1);
    CHECK(strstr(err, "not a regular file") != NULL);
    uenv_free(e);

    unlink(interp_path);
    unlink(main_path);
    rmdir(libdir);
    rmdir(sysroot);
    rmdir(tmpdir);
}

TEST(user_elf_far_apart_segments_and_gap_mapping)
{
    /* Segments 1 GiB apart on a 64 MiB machine: only their pages count
     * against storage; a mapping in the gap is left alone. */
    UEnv *e = uenv_started(64 << 20, 0);
    CHECK_EQ(vmem_map(&e->vm, 0x20000000ULL, PAGE_SIZE, VMEM_PROT_READ, VMA_ANON), 0);
    uint8_t img[IMG_SIZE];
    TPh ph[2] = {
        { PT_LOAD_, PF_R_ | PF_X_, 0, 0x400000, 0x1800, 0x1800 },
        { PT_LOAD_, PF_R_ | PF_W_, 0x2100, 0x40403100ULL, 0x200, 0x3000 },
    };
    build(img, IMG_SIZE, 2, 0x400100, ph, 2);
    ElfInfo info;
    char err[256] = "";
    CHECK_EQ(elf_load_image(&e->vm, img, IMG_SIZE, 0, &info, err, sizeof(err)), 0);
    CHECK_EQ(info.lo, 0x400000);
    CHECK_EQ(info.hi, 0x40407000ULL);
    CHECK(guest_equals_file(e, 0x40403100ULL, img, 0x2100, 0x200));
    CHECK_EQ(e->vm.nvma, 3);
    CHECK_EQ(e->vm.frames_used, 1 + 2 + 4);
    CHECK_EQ(acc(e, 0x20000000ULL, ACC_FETCH), 0);
    uenv_free(e);
}
