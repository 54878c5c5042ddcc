/* Initial process stack of Linux s390x user mode (src/user/stack.c),
 * checked byte by byte against a layout computed by hand in the test
 * (ZARCH-NOTES §10.3), and AT_HWCAP against the facility list (§10.4). */
#include <errno.h>
#include <stdlib.h>

#include "access/access.h"
#include "test.h"
#include "uenv.h"
#include "user/stack.h"
#include "user/vmem.h"

static void be64_at(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (56 - 8 * i));
}

TEST(user_stack_layout_by_hand)
{
    UEnv *e = uenv_new(64 << 20);
    const uint64_t T = 1ULL << 42;
    static const char *const argv[] = { "prog", "a1" };
    static const char *const envp[] = { "X=1" };
    uint8_t rnd[16];
    for (int i = 0; i < 16; i++)
        rnd[i] = (uint8_t)i;
    UserStackParams prm = {
        .argc = 2, .argv = argv, .envc = 1, .envp = envp, .execfn = "/bin/prog", .random = rnd,
        .hwcap = 0x337, .phdr = 0x1000040, .phent = 56, .phnum = 4, .base = 0,
        .entry = 0x1000148, .uid = 1000, .euid = 1001, .gid = 100, .egid = 101, .secure = 0,
    };
    UserStackLayout L;
    char err[200] = "";
    CHECK_EQ(user_stack_build(&e->vm, T, USER_STACK_SIZE, &prm, &L, err, sizeof(err)), 0);

    /* Hand computation, from the top T = 2^42 down:
     *   [T-8, T)      8 zero bytes
     *   T-18          "/bin/prog\0" (10)       execfn
     *   T-22          "X=1\0" (4)              envp[0]
     *   T-25          "a1\0" (3)               argv[1]
     *   T-30          "prog\0" (5)             argv[0]
     *   (T-30) & ~15 = T-32
     *   T-37          "z196\0" (5)             platform
     *   T-53          16 random bytes
     *   items = 1 + (2+1) + (1+1) + 2*18 = 42 -> 336 bytes
     *   sp = (T-53-336) & ~15 = (T-389) & ~15 = T-400
     *   sp+0 argc, +8 argv[0], +16 argv[1], +24 0, +32 envp[0], +40 0,
     *   +48 .. +336 auxv (18 pairs), T-64 .. T-53 zero. */
    const uint64_t sp = T - 400;
    CHECK_EQ(L.sp, sp);
    CHECK_EQ(L.argv, sp + 8);
    CHECK_EQ(L.envp, sp + 32);
    CHECK_EQ(L.auxv, sp + 48);
    CHECK_EQ(L.random, T - 53);
    CHECK_EQ(L.platform, T - 37);
    CHECK_EQ(L.execfn, T - 18);
    CHECK_EQ(L.strings, T - 30);
    CHECK_EQ(L.stack_lo, T - (8 << 20));
    CHECK_EQ(L.stack_hi, T);

    uint8_t exp[400] = { 0 };
    uint8_t *x = exp;   /* x[k] is the byte at sp + k */
    be64_at(x + 0, 2);
    be64_at(x + 8, T - 30);
    be64_at(x + 16, T - 25);
    be64_at(x + 24, 0);
    be64_at(x + 32, T - 22);
    be64_at(x + 40, 0);
    static const uint64_t aux[18][2] = {
        { 16, 0x337 },          /* AT_HWCAP */
        { 6, 4096 },            /* AT_PAGESZ */
        { 17, 100 },            /* AT_CLKTCK */
        { 3, 0x1000040 },       /* AT_PHDR */
        { 4, 56 },              /* AT_PHENT */
        { 5, 4 },               /* AT_PHNUM */
        { 7, 0 },               /* AT_BASE */
        { 8, 0 },               /* AT_FLAGS */
        { 9, 0x1000148 },       /* AT_ENTRY */
        { 11, 1000 },           /* AT_UID */
        { 12, 1001 },           /* AT_EUID */
        { 13, 100 },            /* AT_GID */
        { 14, 101 },            /* AT_EGID */
        { 23, 0 },              /* AT_SECURE */
        { 25, (1ULL << 42) - 53 },   /* AT_RANDOM */
        { 31, (1ULL << 42) - 18 },   /* AT_EXECFN */
        { 15, (1ULL << 42) - 37 },   /* AT_PLATFORM */
        { 0, 0 },               /* AT_NULL */
    };
    for (int i = 0; i < 18; i++) {
        be64_at(x + 48 + 16 * i, aux[i][0]);
        be64_at(x + 56 + 16 * i, aux[i][1]);
    }
    /* 48 + 288 = 336 = T-64: zeros up to the random bytes at T-53 = 347. */
    for (int i = 0; i < 16; i++)
        x[347 + i] = (uint8_t)i;
    memcpy(x + 363, "z196", 5);          /* T-37 */
    /* T-32, T-31: alignment padding (zero) */
    memcpy(x + 370, "prog", 5);          /* T-30 */
    memcpy(x + 375, "a1", 3);            /* T-25 */
    memcpy(x + 378, "X=1", 4);           /* T-22 */
    memcpy(x + 382, "/bin/prog", 10);    /* T-18 */
    /* x[392..399]: the 8 zero bytes at the top */

    uint8_t got[400];
    CHECK_EQ(vmem_read(&e->vm, sp, got, 400), 0);
    CHECK_MEM(got, exp, 400);
    for (int i = 0; i < 400; i++)
        if (got[i] != exp[i]) {
            test_fail(__FILE__, __LINE__, "stack byte sp+%d: got 0x%02x, expected 0x%02x", i,
                      got[i], exp[i]);
            break;
        }
    /* Below sp: untouched zero stack. */
    uint8_t below[64], zero[64] = { 0 };
    CHECK_EQ(vmem_read(&e->vm, sp - 64, below, 64), 0);
    CHECK_MEM(below, zero, 64);

    /* The stack is one RW mapping of 8 MiB below 2^42; the CPU starts with
     * r15 at argc and the guest can read and write it through DAT. */
    const VmArea *v = vmem_find(&e->vm, sp);
    CHECK(v && v->start == T - (8 << 20) && v->end == T && v->kind == VMA_STACK &&
          v->prot == (VMEM_PROT_READ | VMEM_PROT_WRITE));
    user_cpu_start(&e->cpu, &e->vm, 0x1000148, L.sp);
    CHECK_EQ(e->cpu.gr[15], sp);
    CHECK_EQ(e->cpu.gr[15] & 15, 0);
    StorageAccess sa;
    CHECK_EQ(access_prepare(&e->cpu, &sa, sp, 8, ACC_UPDATE, AS_PRIMARY, 0), 0);
    CHECK_EQ(access_get_be(&e->cpu, &sa, 0, 8), 2);
    CHECK_EQ(access_prepare(&e->cpu, &sa, T - (8 << 20), 1, ACC_STORE, AS_PRIMARY, 0), 0);
    /* T - 8 MiB is 1 MiB aligned: the byte below lies in a segment without
     * a page table. */
    CHECK_EQ(access_prepare(&e->cpu, &sa, T - (8 << 20) - 1, 1, ACC_FETCH, AS_PRIMARY, 0),
             PGM_SEGMENT_TRANS);
    /* 2^42 itself is region-second index 1: no region-third table there. */
    CHECK_EQ(access_prepare(&e->cpu, &sa, T, 1, ACC_FETCH, AS_PRIMARY, 0), PGM_REG_SECOND_TRANS);
    uenv_free(e);
}

TEST(user_stack_defaults_and_alignment)
{
    UEnv *e = uenv_new(64 << 20);
    const uint64_t T = 1ULL << 42;
    /* No argv/env; execfn defaults to ""; odd string lengths. */
    UserStackParams prm = { .argc = 0, .envc = 0 };
    UserStackLayout L;
    CHECK_EQ(user_stack_build(&e->vm, T, USER_STACK_SIZE, &prm, &L, NULL, 0), 0);
    /* execfn "" at T-9; strings start T-9; p = T-16; platform T-21;
     * random T-37; items = 1 + 1 + 1 + 36 = 39 -> 312; sp = (T-349) & ~15
     * = T-352. */
    CHECK_EQ(L.execfn, T - 9);
    CHECK_EQ(L.platform, T - 21);
    CHECK_EQ(L.random, T - 37);
    CHECK_EQ(L.sp, T - 352);
    uint8_t w[24];
    CHECK_EQ(vmem_read(&e->vm, L.sp, w, 24), 0);
    uint8_t exp[24] = { 0 };   /* argc 0, argv NULL, envp NULL */
    CHECK_MEM(w, exp, 24);
    /* AT_CLKTCK defaults to 100, AT_PAGESZ 4096 (pairs 1 and 2). */
    uint8_t a[32];
    CHECK_EQ(vmem_read(&e->vm, L.auxv + 16, a, 32), 0);
    uint8_t ea[32] = { 0 };
    ea[7] = 6;
    ea[14] = 0x10;           /* 4096 */
    ea[23] = 17;
    ea[31] = 100;
    CHECK_MEM(a, ea, 32);
    /* The random bytes come from the host when not given: two stacks
     * differ (probability of a false failure 2^-128). */
    UEnv *f = uenv_new(64 << 20);
    UserStackLayout M;
    CHECK_EQ(user_stack_build(&f->vm, T, USER_STACK_SIZE, &prm, &M, NULL, 0), 0);
    uint8_t r1[16], r2[16];
    CHECK_EQ(vmem_read(&e->vm, L.random, r1, 16), 0);
    CHECK_EQ(vmem_read(&f->vm, M.random, r2, 16), 0);
    CHECK(memcmp(r1, r2, 16) != 0);
    uenv_free(f);
    uenv_free(e);
}

TEST(user_stack_too_big)
{
    UEnv *e = uenv_new(64 << 20);
    /* 3 MiB of strings against an 8 MiB stack: over a quarter -> E2BIG,
     * nothing mapped. */
    size_t n = 3 << 20;
    char *big = malloc(n + 1);
    memset(big, 'A', n);
    big[n] = 0;
    const char *argv[] = { "prog", big };
    UserStackParams prm = { .argc = 2, .argv = argv };
    UserStackLayout L;
    char err[200] = "";
    CHECK_EQ(user_stack_build(&e->vm, 1ULL << 42, USER_STACK_SIZE, &prm, &L, err, sizeof(err)),
             -E2BIG);
    CHECK(strstr(err, "too long") != NULL);
    CHECK_EQ(e->vm.nvma, 0);
    /* Bad geometry. */
    CHECK_EQ(user_stack_build(&e->vm, (1ULL << 42) + 1, USER_STACK_SIZE, &prm, &L, err,
                              sizeof(err)), -EINVAL);
    free(big);
    uenv_free(e);
}

TEST(user_hwcap_from_facilities)
{
    Machine *m = calloc(1, sizeof(*m));
    CHECK_EQ(machine_init(m, 1 << 20), 0);
    /* The core's list holds 7 (STFLE), 19 (LDISP), 21 (EIMM), 22 and 30
     * (ETF3EH) but not 17 (MSA) nor 42/44 (DFP):
     *   ESAN3 1 | ZARCH 2 | STFLE 4 | LDISP 0x10 | EIMM 0x20 | ETF3EH 0x100
     *   | HIGH_GPRS 0x200 = 0x337 */
    CHECK_EQ(user_hwcap(m), 0x337);
    facility_set(m, 17, true);
    CHECK_EQ(user_hwcap(m), 0x33F);            /* the z196 value of §10.4 */
    facility_set(m, 42, true);
    CHECK_EQ(user_hwcap(m), 0x33F);            /* DFP needs 42 and 44 */
    facility_set(m, 44, true);
    CHECK_EQ(user_hwcap(m), 0x37F);
    facility_set(m, 30, false);
    CHECK_EQ(user_hwcap(m), 0x27F);            /* ETF3EH needs 22 and 30 */
    facility_set(m, 7, false);
    facility_set(m, 19, false);
    facility_set(m, 21, false);
    CHECK_EQ(user_hwcap(m), 0x24B);
    /* Never HPAGE, TE or vector bits, whatever else is installed. */
    for (unsigned b = 0; b < 256; b++)
        facility_set(m, b, true);
    CHECK_EQ(user_hwcap(m) & ~0x37FULL, 0);
    machine_destroy(m);
    free(m);
}
