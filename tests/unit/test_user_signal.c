/* Linux signal delivery in user mode (src/user/signal.c): the s390x signal
 * frames checked byte by byte against offsets computed by hand from the
 * kernel's uapi layouts (see signal.h for the list), sigreturn restoring
 * every register and the mask, masks and pending signals, the alternate
 * stack, and program interruptions turned into handler calls end to end.
 *
 * Hand computation of the rt frame (808 bytes = 160 save area + 8 (svc,
 * padded) + 128 siginfo + 512 ucontext without _sigregs_ext):
 *   svc 160, siginfo 168, uc 296: uc_stack 312 (ss_flags 320, ss_size 328),
 *   mcontext 336: PSW mask 336, addr 344, gr[i] 352+8i, ar[i] 480+4i,
 *   fpc 544, fpr[i] 552+8i; uc_sigmask 680.
 * Old frame (536 bytes): sigcontext 160 (oldmask 160, &sregs 168), sregs 176
 *   (PSW 176/184, gr[i] 192+8i, ar[i] 320+4i, fpc 384, fpr[i] 392+8i),
 *   signo 520, svc 534. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "uenv.h"
#include "user/run.h"
#include "user/signal.h"
#include "user/syscall.h"

#define RW 0x100000ULL          /* 4 pages read/write */
#define RO 0x200000ULL          /* 1 page read-only */
#define CODE 0x300000ULL
#define ALT 0x400000ULL         /* 2 pages: the alternate stack */

typedef struct {
    UEnv *e;
    UserProc p;
} Ctx;

static Ctx *ctx_new(void)
{
    Ctx *c = calloc(1, sizeof(*c));
    c->e = uenv_started(64 << 20, CODE);
    user_proc_init(&c->p, &c->e->vm, &c->e->cpu);
    vmem_map(&c->e->vm, RW, 4 * PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_WRITE, VMA_ANON);
    vmem_map(&c->e->vm, RO, PAGE_SIZE, VMEM_PROT_READ, VMA_ANON);
    vmem_map(&c->e->vm, CODE, PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_EXEC, VMA_ANON);
    vmem_map(&c->e->vm, ALT, 2 * PAGE_SIZE, VMEM_PROT_READ | VMEM_PROT_WRITE, VMA_ANON);
    return c;
}

static void ctx_free(Ctx *c)
{
    uenv_free(c->e);
    free(c);
}

static uint64_t gbe(Ctx *c, uint64_t va, unsigned n)
{
    uint8_t b[8];
    if (vmem_read(&c->e->vm, va, b, n) < 0)
        return ~0ULL;
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | b[i];
    return v;
}

static void gput_be(Ctx *c, uint64_t va, unsigned n, uint64_t v)
{
    uint8_t b[8];
    for (unsigned i = 0; i < n; i++)
        b[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    vmem_write(&c->e->vm, va, b, n);
}

static int64_t sc(Ctx *c, unsigned nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    const uint64_t a[6] = { a0, a1, a2, a3, 0, 0 };
    return user_syscall(&c->p, nr, a);
}

/* rt_sigaction through the system call: struct sigaction at RW+0xF00. */
static void set_action(Ctx *c, int sig, uint64_t handler, uint64_t flags, uint64_t restorer,
                       uint64_t mask)
{
    gput_be(c, RW + 0xF00, 8, handler);
    gput_be(c, RW + 0xF08, 8, flags);
    gput_be(c, RW + 0xF10, 8, restorer);
    gput_be(c, RW + 0xF18, 8, mask);
    CHECK_EQ(sc(c, UNR_rt_sigaction, (uint64_t)sig, RW + 0xF00, 0, 8), 0);
}

/* A recognisable register state. */
static void fill_regs(CPUState *cpu)
{
    for (int r = 0; r < 16; r++) {
        cpu->gr[r] = 0x0101010101010101ULL * (uint64_t)(r + 1);
        cpu->ar[r] = 0xA0000000u + (uint32_t)r;
        cpu->fpr[r] = 0xF000000000000000ULL + (uint64_t)r;
    }
    cpu->fpc = 0x00000003;      /* rounding mode 3 */
    cpu_set_cc(cpu, 2);
    cpu->psw_addr = CODE + 0x44;
}

static void kill_info(uint8_t info[128], int sig)
{
    memset(info, 0, 128);
    info[3] = (uint8_t)sig;
}

TEST(user_signal_rt_frame_layout)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    fill_regs(cpu);
    cpu->gr[15] = RW + 0x3F05;
    const uint64_t mask0 = 1ULL << 0;                 /* SIGHUP blocked before */
    c->p.sigmask = mask0;
    const uint64_t saved_mask = cpu->psw_mask;
    set_action(c, 10, CODE + 0x800, USER_SA_SIGINFO, 0, 1ULL << 11 /* SIGUSR2 */);
    uint8_t info[128];
    kill_info(info, 10);
    info[11] = 0xFA;                                  /* si_code -6 low byte */
    info[8] = info[9] = info[10] = 0xFF;
    CHECK_EQ(user_sig_setup_frame(&c->p, info), 0);
    /* (0x103F05 - 808) & ~7 = 0x103BDD & ~7 */
    const uint64_t f = 0x103BD8;
    CHECK_EQ(cpu->gr[15], f);
    CHECK_EQ(cpu->gr[2], 10);
    CHECK_EQ(cpu->gr[3], f + 168);
    CHECK_EQ(cpu->gr[4], f + 296);
    CHECK_EQ(cpu->gr[14], f + 160);                   /* the svc 173 trampoline */
    CHECK_EQ(cpu->gr[5], cpu->bea);
    CHECK_EQ(cpu->psw_addr, CODE + 0x800);
    CHECK_EQ(cpu->psw_mask, saved_mask);              /* CC and mode kept */
    CHECK_EQ(gbe(c, f, 8), RW + 0x3F05);              /* back chain */
    CHECK_EQ(gbe(c, f + 160, 2), 0x0AAD);
    CHECK_EQ(gbe(c, f + 168, 4), 10);                 /* si_signo */
    CHECK_EQ(gbe(c, f + 172, 4), 0);                  /* si_errno */
    CHECK_EQ(gbe(c, f + 176, 4), 0xFFFFFFFA);         /* si_code SI_TKILL */
    CHECK_EQ(gbe(c, f + 296, 8), 0);                  /* uc_flags */
    CHECK_EQ(gbe(c, f + 304, 8), 0);                  /* uc_link */
    CHECK_EQ(gbe(c, f + 312, 8), 0);                  /* ss_sp */
    CHECK_EQ(gbe(c, f + 320, 4), USER_SS_DISABLE);    /* ss_flags */
    CHECK_EQ(gbe(c, f + 328, 8), 0);                  /* ss_size */
    CHECK_EQ(gbe(c, f + 336, 8), saved_mask);
    CHECK_EQ(gbe(c, f + 344, 8), CODE + 0x44);
    for (int r = 0; r < 16; r++) {
        uint64_t want = r == 15 ? RW + 0x3F05 : 0x0101010101010101ULL * (uint64_t)(r + 1);
        CHECK_EQ(gbe(c, f + 352 + 8 * r, 8), want);
        CHECK_EQ(gbe(c, f + 480 + 4 * r, 4), 0xA0000000u + (unsigned)r);
        CHECK_EQ(gbe(c, f + 552 + 8 * r, 8), 0xF000000000000000ULL + (uint64_t)r);
    }
    CHECK_EQ(gbe(c, f + 544, 4), 3);                  /* fpc */
    CHECK_EQ(gbe(c, f + 680, 8), mask0);              /* uc_sigmask: the old mask */
    /* in the handler: old | sa_mask | the signal itself */
    CHECK_EQ(c->p.sigmask, mask0 | (1ULL << 11) | (1ULL << 9));
    ctx_free(c);
}

TEST(user_signal_rt_sigreturn_restores_everything)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    fill_regs(cpu);
    cpu->gr[15] = RW + 0x3000;
    c->p.sigmask = 1ULL << 1;
    const uint64_t mask_before = cpu->psw_mask;
    set_action(c, 12, CODE + 0x800, USER_SA_SIGINFO, 0, 0);
    uint8_t info[128];
    kill_info(info, 12);
    CHECK_EQ(user_sig_setup_frame(&c->p, info), 0);
    const uint64_t f = cpu->gr[15];
    CHECK_EQ(f, RW + 0x3000 - 808);                   /* already 8-aligned */
    /* the handler changes its registers, the CC and the saved r7 */
    for (int r = 0; r < 16; r++) {
        cpu->gr[r] = 0xDEAD;
        cpu->ar[r] = 0xBEEF;
        cpu->fpr[r] = 0;
    }
    cpu->fpc = 0;
    cpu_set_cc(cpu, 0);
    cpu->gr[15] = f;
    gput_be(c, f + 352 + 8 * 7, 8, 0x7777);
    /* a key in the saved PSW is not taken over (not a user bit) */
    gput_be(c, f + 336, 8, mask_before | PSW_MASK_KEY);
    CHECK_EQ(user_sig_return(&c->p, true), 0);
    CHECK_EQ(cpu->psw_mask, mask_before);
    CHECK_EQ(cpu->psw_addr, CODE + 0x44);
    CHECK_EQ(cpu_cc(cpu), 2);
    for (int r = 0; r < 16; r++) {
        uint64_t want = r == 15 ? RW + 0x3000 : r == 7 ? 0x7777
                                              : 0x0101010101010101ULL * (uint64_t)(r + 1);
        CHECK_EQ(cpu->gr[r], want);
        CHECK_EQ(cpu->ar[r], 0xA0000000u + (unsigned)r);
        CHECK_EQ(cpu->fpr[r], 0xF000000000000000ULL + (uint64_t)r);
    }
    CHECK_EQ(cpu->fpc, 3);
    CHECK_EQ(c->p.sigmask, 1ULL << 1);
    /* the home space in the saved PSW is a bad frame: SIGSEGV */
    cpu->gr[15] = f;
    gput_be(c, f + 336, 8, mask_before | PSW_MASK_ASC);
    CHECK(user_sig_return(&c->p, true) != 0);
    CHECK_EQ(c->p.killed_by, 11);
    ctx_free(c);
}

TEST(user_signal_old_frame_and_sigreturn)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    fill_regs(cpu);
    cpu->gr[15] = RW + 0x3004;
    set_action(c, 1, CODE + 0x900, 0, 0, 0);
    uint8_t info[128];
    kill_info(info, 1);
    CHECK_EQ(user_sig_setup_frame(&c->p, info), 0);
    /* (0x103004 - 536) & ~7 = 0x102DEC & ~7 */
    const uint64_t f = 0x102DE8;
    CHECK_EQ(cpu->gr[15], f);
    CHECK_EQ(cpu->gr[2], 1);
    CHECK_EQ(cpu->gr[3], f + 160);
    CHECK_EQ(cpu->gr[14], f + 534);
    CHECK_EQ(gbe(c, f, 8), RW + 0x3004);
    CHECK_EQ(gbe(c, f + 160, 8), 0);                  /* oldmask */
    CHECK_EQ(gbe(c, f + 168, 8), f + 176);            /* &sregs */
    CHECK_EQ(gbe(c, f + 184, 8), CODE + 0x44);        /* PSW address */
    CHECK_EQ(gbe(c, f + 192 + 8 * 5, 8), 0x0606060606060606ULL);
    CHECK_EQ(gbe(c, f + 320 + 4 * 3, 4), 0xA0000003u);
    CHECK_EQ(gbe(c, f + 384, 4), 3);
    CHECK_EQ(gbe(c, f + 392 + 8 * 15, 8), 0xF00000000000000FULL);
    CHECK_EQ(gbe(c, f + 520, 4), 1);                  /* signo */
    CHECK_EQ(gbe(c, f + 534, 2), 0x0A77);             /* svc 119 */
    CHECK_EQ(c->p.sigmask, 1ULL << 0);
    CHECK_EQ(cpu->gr[4], 0x0505050505050505ULL);      /* not a fault signal: kept */
    /* a fault signal: r4 = interruption code, r5 = TEID */
    c->p.last_pgm_code = PGM_PAGE_TRANS;
    c->p.last_pgm_parm = RO | TEID_STORE;
    set_action(c, 11, CODE + 0x900, 0, 0, 0);
    kill_info(info, 11);
    const uint64_t r15_mid = cpu->gr[15];
    CHECK_EQ(user_sig_setup_frame(&c->p, info), 0);
    CHECK_EQ(cpu->gr[4], PGM_PAGE_TRANS);
    CHECK_EQ(cpu->gr[5], RO | TEID_STORE);
    CHECK_EQ(user_sig_return(&c->p, false), 0);
    CHECK_EQ(cpu->gr[15], r15_mid);
    CHECK_EQ(c->p.sigmask, 1ULL << 0);
    cpu->gr[15] = f;
    cpu->gr[5] = 0;
    cpu->psw_addr = f + 536;
    CHECK_EQ(user_sig_return(&c->p, false), 0);
    CHECK_EQ(cpu->gr[5], 0x0606060606060606ULL);
    CHECK_EQ(cpu->gr[15], RW + 0x3004);
    CHECK_EQ(cpu->psw_addr, CODE + 0x44);
    CHECK_EQ(c->p.sigmask, 0);
    ctx_free(c);
}

TEST(user_signal_flags_restorer_nodefer_resethand)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    fill_regs(cpu);
    cpu->gr[15] = RW + 0x3000;
    set_action(c, 10, CODE + 0x800,
               USER_SA_SIGINFO | USER_SA_RESTORER | USER_SA_NODEFER | USER_SA_RESETHAND,
               CODE + 0x600, 0);
    uint8_t info[128];
    kill_info(info, 10);
    CHECK_EQ(user_sig_setup_frame(&c->p, info), 0);
    CHECK_EQ(cpu->gr[14], CODE + 0x600);
    CHECK_EQ(c->p.sigmask, 0);                        /* SA_NODEFER */
    CHECK_EQ(user_sig_handler(&c->p, 10), 0);         /* SA_RESETHAND: SIG_DFL */
    /* the old action as rt_sigaction reports it */
    CHECK_EQ(sc(c, UNR_rt_sigaction, 10, 0, RW + 0xE00, 8), 0);
    CHECK_EQ(gbe(c, RW + 0xE00, 8), 0);
    ctx_free(c);
}

TEST(user_signal_altstack)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    fill_regs(cpu);
    cpu->gr[15] = RW + 0x3000;
    /* stack_t: ss_sp 0, ss_flags 8 (int), ss_size 16 */
    gput_be(c, RW + 0xD00, 8, ALT);
    gput_be(c, RW + 0xD08, 4, 0);
    gput_be(c, RW + 0xD10, 8, 1024);
    CHECK_EQ(sc(c, UNR_sigaltstack, RW + 0xD00, 0, 0, 0), -ENOMEM);  /* < MINSIGSTKSZ */
    gput_be(c, RW + 0xD10, 8, 2 * PAGE_SIZE);
    CHECK_EQ(sc(c, UNR_sigaltstack, RW + 0xD00, RW + 0xD40, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0xD48, 4), USER_SS_DISABLE);   /* the old one: none */
    CHECK_EQ(sc(c, UNR_sigaltstack, 0, RW + 0xD40, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0xD40, 8), ALT);
    CHECK_EQ(gbe(c, RW + 0xD48, 4), 0);                 /* not on it */
    CHECK_EQ(gbe(c, RW + 0xD50, 8), 2 * PAGE_SIZE);
    set_action(c, 11, CODE + 0x800, USER_SA_SIGINFO | USER_SA_ONSTACK, 0, 0);
    uint8_t info[128];
    kill_info(info, 11);
    CHECK_EQ(user_sig_setup_frame(&c->p, info), 0);
    const uint64_t f = ALT + 2 * PAGE_SIZE - 808;        /* 0x401CD8, 8-aligned */
    CHECK_EQ(cpu->gr[15], f);
    CHECK_EQ(gbe(c, f, 8), RW + 0x3000);                 /* back chain: interrupted sp */
    CHECK_EQ(gbe(c, f + 312, 8), ALT);
    CHECK_EQ(gbe(c, f + 320, 4), 0);
    CHECK_EQ(gbe(c, f + 328, 8), 2 * PAGE_SIZE);
    /* on the alternate stack now: changing it is refused */
    CHECK_EQ(sc(c, UNR_sigaltstack, RW + 0xD00, 0, 0, 0), -EPERM);
    CHECK_EQ(sc(c, UNR_sigaltstack, 0, RW + 0xD40, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0xD48, 4), USER_SS_ONSTACK);
    /* a nested signal on the alternate stack stays below the current sp */
    kill_info(info, 11);
    c->p.sigmask = 0;
    CHECK_EQ(user_sig_setup_frame(&c->p, info), 0);
    CHECK_EQ(cpu->gr[15], f - 808);
    /* sp exactly at the base is outside (the stack grows down), at the top inside */
    cpu->gr[15] = ALT;
    CHECK_EQ(sc(c, UNR_sigaltstack, 0, RW + 0xD40, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0xD48, 4), 0);
    cpu->gr[15] = ALT + 2 * PAGE_SIZE;
    CHECK_EQ(sc(c, UNR_sigaltstack, 0, RW + 0xD40, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0xD48, 4), USER_SS_ONSTACK);
    /* SS_DISABLE (when not on it) */
    cpu->gr[15] = RW + 0x3000;
    gput_be(c, RW + 0xD08, 4, USER_SS_DISABLE);
    CHECK_EQ(sc(c, UNR_sigaltstack, RW + 0xD00, 0, 0, 0), 0);
    CHECK_EQ(c->p.altstack_size, 0);
    ctx_free(c);
}

TEST(user_signal_block_pending_unblock_order)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    fill_regs(cpu);
    cpu->gr[15] = RW + 0x3000;
    set_action(c, 1, CODE + 0x100, 0, 0, 0);
    set_action(c, 12, CODE + 0x200, 0, 0, 0);
    /* block SIGHUP (bit 0) and SIGUSR2 (bit 11) */
    gput_be(c, RW + 0xC00, 8, (1ULL << 0) | (1ULL << 11));
    CHECK_EQ(sc(c, UNR_rt_sigprocmask, 0, RW + 0xC00, RW + 0xC08, 8), 0);
    CHECK_EQ(sc(c, UNR_tgkill, (uint64_t)getpid(), (uint64_t)getpid(), 12, 0), 0);
    CHECK_EQ(sc(c, UNR_kill, (uint64_t)getpid(), 1, 0, 0), 0);
    CHECK(!c->p.exited);
    CHECK_EQ(user_sig_deliver_pending(&c->p), 0);
    CHECK_EQ(cpu->psw_addr, CODE + 0x44);               /* nothing delivered */
    CHECK_EQ(sc(c, UNR_rt_sigpending, RW + 0xC10, 8, 0, 0), 0);
    CHECK_EQ(gbe(c, RW + 0xC10, 8), (1ULL << 0) | (1ULL << 11));
    /* unblock: SIGHUP first, then SIGUSR2 stacked on it (its handler runs first) */
    CHECK_EQ(sc(c, UNR_rt_sigprocmask, 2, RW + 0xC08, 0, 8), 0);
    CHECK_EQ(user_sig_deliver_pending(&c->p), 0);
    CHECK_EQ(cpu->psw_addr, CODE + 0x200);
    CHECK_EQ(cpu->gr[2], 12);
    const uint64_t f2 = cpu->gr[15];
    const uint64_t f1 = RW + 0x3000 - 536;
    CHECK_EQ(f2, f1 - 536);
    CHECK_EQ(gbe(c, f2 + 184, 8), CODE + 0x100);        /* returns into the HUP handler */
    CHECK_EQ(gbe(c, f1 + 184, 8), CODE + 0x44);
    CHECK_EQ(gbe(c, f1 + 520, 4), 1);
    CHECK_EQ(gbe(c, f2 + 160, 8), 1ULL << 0);           /* mask inside the HUP handler */
    CHECK_EQ(c->p.sigmask, (1ULL << 0) | (1ULL << 11));
    CHECK_EQ(c->p.sigpending, 0);
    /* SI_USER for kill, SI_TKILL for tgkill: siginfo of the rt frames */
    ctx_free(c);
}

TEST(user_signal_kill_siginfo_and_ignore)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    fill_regs(cpu);
    cpu->gr[15] = RW + 0x3000;
    set_action(c, 10, CODE + 0x100, USER_SA_SIGINFO, 0, 0);
    CHECK_EQ(sc(c, UNR_kill, (uint64_t)getpid(), 10, 0, 0), 0);
    CHECK_EQ(user_sig_deliver_pending(&c->p), 0);
    uint64_t f = cpu->gr[15];
    CHECK_EQ(gbe(c, f + 176, 4), USER_SI_USER);
    CHECK_EQ(gbe(c, f + 184, 4), (uint64_t)getpid());   /* si_pid */
    CHECK_EQ(gbe(c, f + 188, 4), (uint64_t)getuid());   /* si_uid */
    /* SIG_IGN: nothing pending, nothing delivered */
    set_action(c, 14, 1, 0, 0, 0);
    CHECK_EQ(sc(c, UNR_kill, (uint64_t)getpid(), 14, 0, 0), 0);
    CHECK_EQ(c->p.sigpending, 0);
    CHECK(!c->p.exited);
    /* rt_sigqueueinfo: the caller's siginfo with si_signo set */
    set_action(c, 34, CODE + 0x300, USER_SA_SIGINFO, 0, 0);
    c->p.sigmask = 0;
    uint8_t si[128] = { 0 };
    si[11] = 0xFF; si[10] = 0xFF; si[9] = 0xFF; si[8] = 0xFF;   /* SI_QUEUE -1 */
    si[27] = 42;                                                /* sival_int */
    vmem_write(&c->e->vm, RW + 0xB00, si, 128);
    CHECK_EQ(sc(c, UNR_rt_sigqueueinfo, (uint64_t)getpid(), 34, RW + 0xB00, 0), 0);
    CHECK_EQ(user_sig_deliver_pending(&c->p), 0);
    f = cpu->gr[15];
    CHECK_EQ(cpu->psw_addr, CODE + 0x300);
    CHECK_EQ(gbe(c, f + 168, 4), 34);
    CHECK_EQ(gbe(c, f + 176, 4), 0xFFFFFFFF);
    CHECK_EQ(gbe(c, f + 192, 4), 42);
    ctx_free(c);
}

/* End to end: a store into the read-only page -> protection -> SIGSEGV
 * handler (SEGV_ACCERR, si_addr = the page, PSW backed up to the store);
 * the handler points the saved r3 at a writable buffer and returns through
 * the frame's svc 173; the store is re-executed and the program exits with
 * the status in the restored r2. */
TEST(user_signal_fault_handler_and_return)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    const uint8_t prog[] = {
        0xE3, 0x00, 0x30, 0x00, 0x00, 0x24,     /* stg r0,0(r3) */
        0x0A, 0x01,                             /* svc 1 (exit r2) */
    };
    const uint8_t handler[] = {
        0xE3, 0x10, 0x40, 0x50, 0x00, 0x24,     /* stg r1,80(r4): uc gregs[3] */
        0x07, 0xFE,                             /* br r14 */
    };
    vmem_write(&c->e->vm, CODE, prog, sizeof(prog));
    vmem_write(&c->e->vm, CODE + 0x100, handler, sizeof(handler));
    set_action(c, 11, CODE + 0x100, USER_SA_SIGINFO, 0, 0);
    cpu->gr[0] = 0x1122334455667788ULL;
    cpu->gr[1] = RW + 0x200;
    cpu->gr[2] = 42;
    cpu->gr[3] = RO + 0x10;
    cpu->gr[15] = RW + 0x4000;
    cpu->psw_addr = CODE;
    CHECK_EQ(user_run(&c->p), 42);
    CHECK_EQ(gbe(c, RW + 0x200, 8), 0x1122334455667788ULL);
    CHECK_EQ(gbe(c, RO + 0x10, 8), 0);
    const uint64_t f = RW + 0x4000 - 808;
    CHECK_EQ(gbe(c, f + 168, 4), 11);
    CHECK_EQ(gbe(c, f + 176, 4), USER_SEGV_ACCERR);
    CHECK_EQ(gbe(c, f + 184, 8), RO);                   /* the page of the address */
    CHECK_EQ(gbe(c, f + 344, 8), CODE);                 /* at the store */
    CHECK_EQ(c->p.sigmask, 0);                          /* restored by sigreturn */
    ctx_free(c);
}

/* Runs the n-byte instruction prog at CODE with a SA_SIGINFO SIGILL
 * handler that exits with the signal number, and checks the rt frame:
 * si_code, si_addr = the instruction, the PSW past it (suppression). */
static void run_to_sigill(Ctx *c, const uint8_t *prog, unsigned n, int si_code)
{
    const uint8_t handler[] = { 0x0A, 0x01 };            /* svc 1: exit r2 = signo */
    vmem_write(&c->e->vm, CODE, prog, n);
    vmem_write(&c->e->vm, CODE + 0x100, handler, sizeof(handler));
    set_action(c, 4, CODE + 0x100, USER_SA_SIGINFO, 0, 0);
    c->e->cpu.gr[15] = RW + 0x4000;
    c->e->cpu.psw_addr = CODE;
    CHECK_EQ(user_run(&c->p), 4);
    uint64_t f = RW + 0x4000 - 808;
    CHECK_EQ(gbe(c, f + 176, 4), (uint64_t)si_code);
    CHECK_EQ(gbe(c, f + 184, 8), CODE);
    CHECK_EQ(gbe(c, f + 344, 8), CODE + n);
}

/* Operation exception (suppressing: old PSW after the instruction):
 * SIGILL ILL_ILLOPC, si_addr = the instruction.  A PROT_NONE page inside a
 * mapping gives SEGV_ACCERR, an unmapped page SEGV_MAPERR. */
TEST(user_signal_pgm_info_mapping)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    const uint8_t prog[] = { 0x00, 0x00 };
    run_to_sigill(c, prog, sizeof(prog), USER_ILL_ILLOPC);

    ProgramInterruption pi;
    uint8_t info[128];
    memset(&pi, 0, sizeof(pi));
    pi.code = PGM_PAGE_TRANS;
    pi.ilc = 6;
    pi.exc.teid_valid = true;
    pi.exc.teid = (RW + 0x1234) | TEID_FETCH;
    CHECK_EQ(user_sig_pgm_info(&c->p, &pi, info), 11);
    CHECK_EQ(info[11], USER_SEGV_ACCERR);
    CHECK_EQ(info[16 + 4], 0x00);                        /* si_addr 0x101000 */
    CHECK_EQ(info[16 + 5], 0x10);
    CHECK_EQ(info[16 + 6], 0x10);
    CHECK_EQ(info[16 + 7], 0x00);
    pi.exc.teid = 0x7000000ULL | TEID_STORE;             /* nothing mapped there */
    CHECK_EQ(user_sig_pgm_info(&c->p, &pi, info), 11);
    CHECK_EQ(info[11], USER_SEGV_MAPERR);
    pi.code = PGM_FIXED_DIVIDE;
    CHECK_EQ(user_sig_pgm_info(&c->p, &pi, info), 8);
    CHECK_EQ(info[11], USER_FPE_INTDIV);
    /* data exception: IEEE DXCs (two low bits zero) give the FPE code */
    pi.code = PGM_DATA;
    pi.exc.dxc = 0x40;                                   /* IEEE division by zero */
    CHECK_EQ(user_sig_pgm_info(&c->p, &pi, info), 8);
    CHECK_EQ(info[11], USER_FPE_FLTDIV);
    pi.exc.dxc = 0x80;
    user_sig_pgm_info(&c->p, &pi, info);
    CHECK_EQ(info[11], USER_FPE_FLTINV);
    pi.exc.dxc = 0xFF;                                   /* compare-and-trap */
    user_sig_pgm_info(&c->p, &pi, info);
    CHECK_EQ(info[11], 0);
    /* DXC 0 (decimal operand data): SIGILL ILL_ILLOPN, as Linux sends
     * when the FPC's DXC is zero */
    pi.exc.dxc = 0;
    CHECK_EQ(user_sig_pgm_info(&c->p, &pi, info), 4);
    CHECK_EQ(info[11], USER_ILL_ILLOPN);
    /* privileged operation: ILL_PRVOPC, si_addr = the instruction */
    pi.code = PGM_PRIVILEGED;
    pi.ilc = 4;
    CHECK_EQ(user_sig_pgm_info(&c->p, &pi, info), 4);
    CHECK_EQ(info[11], USER_ILL_PRVOPC);
    uint64_t fault_addr = 0;
    for (int i = 0; i < 8; i++)
        fault_addr = fault_addr << 8 | info[16 + i];
    CHECK_EQ(fault_addr, cpu->psw_addr - 4);
    pi.code = PGM_SPECIFICATION;
    CHECK_EQ(user_sig_pgm_info(&c->p, &pi, info), 4);
    CHECK_EQ(info[11], USER_ILL_ILLOPN);
    ctx_free(c);
}

/* Key-controlled and cross-space moves in a user process see Linux's
 * control registers: CR0's secondary-space control is on, so MVCP gets
 * past its special-operation check, and CR3's PSW-key mask is empty, so
 * MVCP (the R3 key) and MVCOS (even with the PSW key implied) are
 * privileged-operation exceptions: SIGILL ILL_PRVOPC, si_addr = the
 * instruction, PSW after it, nothing stored. */
TEST(user_signal_key_moves_privileged)
{
    static const uint8_t progs[][6] = {
        { 0xDA, 0x47, 0x50, 0x00, 0x60, 0x00 },   /* mvcp 0(r4,r5),0(r6),r7 */
        { 0xC8, 0x40, 0x50, 0x00, 0x60, 0x00 },   /* mvcos 0(r5),0(r6),r4 */
    };
    for (size_t k = 0; k < sizeof(progs) / sizeof(progs[0]); k++) {
        Ctx *c = ctx_new();
        CPUState *cpu = &c->e->cpu;
        gput_be(c, RW + 0x1000, 8, 0x1122334455667788ULL);
        cpu->gr[0] = 0;
        cpu->gr[4] = 8, cpu->gr[5] = RW, cpu->gr[6] = RW + 0x1000, cpu->gr[7] = 0;
        run_to_sigill(c, progs[k], 6, USER_ILL_PRVOPC);
        CHECK_EQ(gbe(c, RW, 8), 0);
        ctx_free(c);
    }
}

/* A fault with SIGSEGV blocked or ignored ends the program; so does a
 * frame that cannot be written (stack pointer in the read-only page). */
TEST(user_signal_blocked_fault_and_bad_stack_kill)
{
    Ctx *c = ctx_new();
    CPUState *cpu = &c->e->cpu;
    const uint8_t prog[] = { 0x00, 0x00 };
    vmem_write(&c->e->vm, CODE, prog, sizeof(prog));
    set_action(c, 4, CODE + 0x100, USER_SA_SIGINFO, 0, 0);
    c->p.sigmask = 1ULL << 3;
    cpu->gr[15] = RW + 0x4000;
    cpu->psw_addr = CODE;
    CHECK_EQ(user_run(&c->p), 128 + 4);
    ctx_free(c);

    c = ctx_new();
    cpu = &c->e->cpu;
    vmem_write(&c->e->vm, CODE, prog, sizeof(prog));
    set_action(c, 4, CODE + 0x100, USER_SA_SIGINFO, 0, 0);
    cpu->gr[15] = RO + 0x800;
    cpu->psw_addr = CODE;
    CHECK_EQ(user_run(&c->p), 128 + 11);
    ctx_free(c);
}
