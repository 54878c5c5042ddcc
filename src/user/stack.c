/* The initial process stack and start state (see stack.h). */
#include "user/stack.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "user/elfload.h"

const uint64_t user_auxv_order[USER_NAUXV] = {
    ZAT_HWCAP, ZAT_PAGESZ, ZAT_CLKTCK, ZAT_PHDR, ZAT_PHENT, ZAT_PHNUM, ZAT_BASE, ZAT_FLAGS,
    ZAT_ENTRY, ZAT_UID, ZAT_EUID, ZAT_GID, ZAT_EGID, ZAT_SECURE, ZAT_RANDOM, ZAT_EXECFN,
    ZAT_PLATFORM, ZAT_NULL,
};

uint64_t user_hwcap(const Machine *m)
{
    uint64_t h = HWCAP_ESAN3 | HWCAP_ZARCH | HWCAP_HIGH_GPRS;
    if (facility_installed(m, 7))
        h |= HWCAP_STFLE;
    if (facility_installed(m, 17))
        h |= HWCAP_MSA;
    if (facility_installed(m, 19))
        h |= HWCAP_LDISP;
    if (facility_installed(m, 21))
        h |= HWCAP_EIMM;
    if (facility_installed(m, 22) && facility_installed(m, 30))
        h |= HWCAP_ETF3EH;
    if (facility_installed(m, 42) && facility_installed(m, 44))
        h |= HWCAP_DFP;
    return h;
}

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

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static void random_bytes(uint8_t out[16])
{
    size_t got = 0;
    while (got < 16) {
        ssize_t r = getrandom(out + got, 16 - got, 0);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got < 16) {
        /* No entropy source: still distinct per run. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uintptr_t)out;
        for (size_t i = got; i < 16; i++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            out[i] = (uint8_t)(x >> 56);
        }
    }
}

int user_stack_build(VMem *vm, uint64_t top, uint64_t size, const UserStackParams *prm,
                     UserStackLayout *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if ((top | size) & ~PAGE_MASK || size == 0 || size > top || prm->argc < 0 || prm->envc < 0) {
        fail(err, errlen, "bad stack geometry");
        return -EINVAL;
    }
    const char *execfn = prm->execfn ? prm->execfn : (prm->argc > 0 ? prm->argv[0] : "");
    const char *platform = prm->platform ? prm->platform : USER_PLATFORM;

    /* Size everything first: strings, alignment pad, platform, random and
     * the pointer tables must fit in a quarter of the stack. */
    uint64_t strbytes = strlen(execfn) + 1;
    for (int i = 0; i < prm->argc; i++)
        strbytes += strlen(prm->argv[i]) + 1;
    for (int i = 0; i < prm->envc; i++)
        strbytes += strlen(prm->envp[i]) + 1;
    uint64_t items = 1 + (uint64_t)prm->argc + 1 + (uint64_t)prm->envc + 1 + 2 * USER_NAUXV;
    uint64_t total = 8 + strbytes + 15 + strlen(platform) + 1 + 16 + 8 * items + 15;
    if (total > size / USER_ARG_MAX_DIV) {
        fail(err, errlen, "argument list too long (%llu bytes of strings and vectors, limit %llu)",
             (unsigned long long)total, (unsigned long long)(size / USER_ARG_MAX_DIV));
        return -E2BIG;
    }
    int rc = vmem_map(vm, top - size, size, VMEM_PROT_READ | VMEM_PROT_WRITE, VMA_STACK);
    if (rc < 0) {
        fail(err, errlen, "cannot map the stack: %s", strerror(-rc));
        return rc;
    }
    out->stack_lo = top - size;
    out->stack_hi = top;

    /* Build the image in a host buffer covering [base, top), then copy. */
    uint64_t base = (top - total) & ~15ULL;
    uint64_t blen = top - base;
    uint8_t *img = calloc(1, blen);
    if (!img) {
        fail(err, errlen, "out of host memory");
        return -ENOMEM;
    }
#define AT(addr) (img + ((addr) - base))
    uint64_t p = top - 8;     /* 8 zero bytes at the top */
    size_t n = strlen(execfn) + 1;
    p -= n;
    memcpy(AT(p), execfn, n);
    out->execfn = p;

    uint64_t *envptr = calloc((size_t)prm->envc + 1, sizeof(uint64_t));
    uint64_t *argptr = calloc((size_t)prm->argc + 1, sizeof(uint64_t));
    if (!envptr || !argptr) {
        free(envptr);
        free(argptr);
        free(img);
        fail(err, errlen, "out of host memory");
        return -ENOMEM;
    }
    for (int i = prm->envc; i-- > 0;) {
        n = strlen(prm->envp[i]) + 1;
        p -= n;
        memcpy(AT(p), prm->envp[i], n);
        envptr[i] = p;
    }
    for (int i = prm->argc; i-- > 0;) {
        n = strlen(prm->argv[i]) + 1;
        p -= n;
        memcpy(AT(p), prm->argv[i], n);
        argptr[i] = p;
    }
    out->strings = p;
    p &= ~15ULL;
    n = strlen(platform) + 1;
    p -= n;
    memcpy(AT(p), platform, n);
    out->platform = p;
    p -= 16;
    if (prm->random)
        memcpy(AT(p), prm->random, 16);
    else
        random_bytes(AT(p));
    out->random = p;

    uint64_t sp = (p - 8 * items) & ~15ULL;
    out->sp = sp;
    uint64_t q = sp;
    put_be64(AT(q), (uint64_t)prm->argc);
    q += 8;
    out->argv = q;
    for (int i = 0; i <= prm->argc; i++, q += 8)
        put_be64(AT(q), argptr[i]);
    out->envp = q;
    for (int i = 0; i <= prm->envc; i++, q += 8)
        put_be64(AT(q), envptr[i]);
    out->auxv = q;
    for (int i = 0; i < USER_NAUXV; i++, q += 16) {
        uint64_t t = user_auxv_order[i], v = 0;
        switch (t) {
        case ZAT_HWCAP: v = prm->hwcap; break;
        case ZAT_PAGESZ: v = PAGE_SIZE; break;
        case ZAT_CLKTCK: v = prm->clktck ? prm->clktck : 100; break;
        case ZAT_PHDR: v = prm->phdr; break;
        case ZAT_PHENT: v = prm->phent; break;
        case ZAT_PHNUM: v = prm->phnum; break;
        case ZAT_BASE: v = prm->base; break;
        case ZAT_FLAGS: v = 0; break;
        case ZAT_ENTRY: v = prm->entry; break;
        case ZAT_UID: v = prm->uid; break;
        case ZAT_EUID: v = prm->euid; break;
        case ZAT_GID: v = prm->gid; break;
        case ZAT_EGID: v = prm->egid; break;
        case ZAT_SECURE: v = prm->secure; break;
        case ZAT_RANDOM: v = out->random; break;
        case ZAT_EXECFN: v = out->execfn; break;
        case ZAT_PLATFORM: v = out->platform; break;
        default: v = 0; break;
        }
        put_be64(AT(q), t);
        put_be64(AT(q + 8), v);
    }
#undef AT
    /* The tables end below the random bytes (sizing above guarantees it). */
    rc = vmem_write(vm, base, img, blen);
    free(envptr);
    free(argptr);
    free(img);
    if (rc < 0) {
        fail(err, errlen, "internal error writing the stack");
        return rc;
    }
    return 0;
}

void user_cpu_start(CPUState *cpu, VMem *vm, uint64_t entry, uint64_t sp)
{
    memset(cpu->gr, 0, sizeof(cpu->gr));
    memset(cpu->ar, 0, sizeof(cpu->ar));
    cpu->gr[15] = sp;
    cpu->gr[14] = 0;   /* ELF_PLAT_INIT: no exit handler for _start */
    cpu->psw_mask = PSW_MASK_DAT | PSW_MASK_PSTATE | PSW_MASK_EA | PSW_MASK_BA;
    cpu->psw_addr = entry;
    /* Linux's control registers as far as a problem-state program can
     * tell: CR0 has the AFP-register control, the secondary-space control
     * (bit 37; so MVCP/MVCS/MVCOS get past their special-operation check to
     * the key-mask check) and, on EDAT-1 hardware, the EDAT control (which
     * decides MVPG's condition-code option for a missing segment or region);
     * CR3 is zero: an empty PSW-key mask (every key-controlled move is a
     * privileged-operation exception in the problem state) and SASN 0. */
    cpu->cr[0] |= CR0_AFP | CR0_SEC_SPACE | CR0_EDAT;
    cpu->cr[3] = 0;
    vmem_attach_cpu(vm, cpu);
}

int user_exec(VMem *vm, CPUState *cpu, const char *path, const char *sysroot, int argc,
              const char *const *argv, int envc, const char *const *envp, UserImage *img,
              UserStackLayout *stk, char *err, size_t errlen)
{
    if (elf_load_program(vm, path, sysroot, img, err, errlen) < 0)
        return -1;
    UserStackParams prm = {
        .argc = argc, .argv = argv, .envc = envc, .envp = envp,
        .execfn = path,
        .hwcap = user_hwcap(cpu->machine),
        .phdr = img->exe.phdr, .phent = img->exe.phentsize, .phnum = img->exe.phnum,
        .base = img->has_interp ? img->interp.bias : 0,
        .entry = img->exe.entry,
        .uid = getuid(), .euid = geteuid(), .gid = getgid(), .egid = getegid(),
    };
    if (user_stack_build(vm, VMEM_STACK_TOP, USER_STACK_SIZE, &prm, stk, err, errlen) < 0)
        return -1;
    user_cpu_start(cpu, vm, img->start, stk->sp);
    return 0;
}
