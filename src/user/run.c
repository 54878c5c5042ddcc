/* The user-mode loop (see run.h). */
#include "user/run.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/exec.h"
#include "user/signal.h"
#include "user/sysutil.h"

int user_signal_for_pgm(uint16_t code, uint8_t dxc)
{
    switch (code & 0x7F) {
    case PGM_PROTECTION:
    case PGM_ADDRESSING:
    case PGM_SEGMENT_TRANS:
    case PGM_PAGE_TRANS:
    case PGM_TRANS_SPEC:
    case PGM_ASCE_TYPE:
    case PGM_REG_FIRST_TRANS:
    case PGM_REG_SECOND_TRANS:
    case PGM_REG_THIRD_TRANS:
        return USER_SIGSEGV;
    case PGM_DATA:
        return dxc ? USER_SIGFPE : USER_SIGILL;
    case PGM_FIXED_OVERFLOW:
    case PGM_FIXED_DIVIDE:
    case PGM_DEC_OVERFLOW:
    case PGM_DEC_DIVIDE:
    case 0x0C: case 0x0D: case 0x0E: case 0x0F:   /* HFP exponent/significance/divide */
        return USER_SIGFPE;
    default:
        /* operation, privileged, execute, specification, special
         * operation, operand, and anything a user program cannot expect */
        return USER_SIGILL;
    }
}

void user_machine_facilities(Machine *m)
{
    static const unsigned fac[] = { 25, 26, 31, 32, 33, 34, 35, 37, 41, 45 };
    for (size_t i = 0; i < sizeof(fac) / sizeof(fac[0]); i++)
        facility_set(m, fac[i], true);
}

static FILE *logf_of(const UserProc *p) { return p->log ? p->log : stderr; }

static const struct { const char *name; unsigned bit; } log_items[] = {
    { "in_asm", ULOG_IN_ASM }, { "exec", ULOG_EXEC }, { "int", ULOG_INT },
    { "page", ULOG_PAGE }, { "strace", ULOG_STRACE }, { "unimp", ULOG_UNIMP },
};
#define N_LOG_ITEMS (sizeof(log_items) / sizeof(log_items[0]))

int user_parse_log(const char *items, unsigned *flags)
{
    char *dup = strdup(items), *save = NULL;
    if (!dup)
        return -1;
    for (char *t = strtok_r(dup, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        unsigned k;
        for (k = 0; k < N_LOG_ITEMS; k++)
            if (strcmp(t, log_items[k].name) == 0)
                break;
        if (k == N_LOG_ITEMS) {
            fprintf(stderr, "zemu: unknown log item '%s' (in_asm, exec, int, page, strace, unimp)\n", t);
            free(dup);
            return -1;
        }
        *flags |= log_items[k].bit;
    }
    free(dup);
    return 0;
}

void user_log_items(unsigned flags, char *out, size_t len)
{
    size_t n = 0;
    out[0] = 0;
    for (unsigned k = 0; k < N_LOG_ITEMS; k++)
        if ((flags & log_items[k].bit) && n < len)
            n += (size_t)snprintf(out + n, len - n, "%s%s", n ? "," : "", log_items[k].name);
}

/* The signal of a program interruption reaches the program: its handler
 * is entered (0), or it ends the program (1, with the message). */
static int force_pgm_signal(UserProc *p, const uint8_t info[USER_SIGINFO_SIZE], uint16_t code)
{
    CPUState *cpu = p->cpu;
    int sig = user_sig_force(p, info);
    user_sig_sync_mask(p);
    if (sig == 0)
        return 0;   /* the handler runs next */
    fprintf(stderr, "zemu: guest killed by signal %d at PSW %016llx %016llx "
            "(program interruption code 0x%04x)\n", sig, (unsigned long long)cpu->psw_mask,
            (unsigned long long)cpu->psw_addr, code);
    return 1;
}

/* The controller decides about the pending signal of a program
 * interruption; returns how the loop goes on. */
static CpuStepResult controller_signal(UserProc *p)
{
    p->pgm_sig_pending = false;
    int sig = p->control->signal(p->control->opaque, p->pgm_sig);
    if (sig < 0) {
        p->exited = true;
        p->killed_by = USER_SIGKILL;
        return CPU_STEP_STOP;
    }
    if (sig == 0)
        return CPU_STEP_OK;         /* dropped: on from the PSW as it is */
    if (sig != p->pgm_sig)
        put_be(p->pgm_sig_info, 4, (uint32_t)sig);     /* si_signo: another signal instead */
    return force_pgm_signal(p, p->pgm_sig_info, p->pgm_sig_code) ? CPU_STEP_STOP : CPU_STEP_OK;
}

static int sink_program(CPUState *cpu, const ProgramInterruption *pi, void *opaque)
{
    UserProc *p = opaque;
    if (p->log_flags & ULOG_INT)
        fprintf(logf_of(p), "int: program interruption code 0x%04x ilc %u PSW %016llx %016llx\n",
                pi->code, pi->ilc, (unsigned long long)cpu->psw_mask,
                (unsigned long long)cpu->psw_addr);
    if ((pi->code & 0x7F) == 0 && (pi->code & PGM_PER))
        return 0;   /* a PER event alone: nobody to report it to yet */
    /* The old PSW is what the dispatcher left: at the instruction for a
     * nullified exception, after it for a suppressed or completed one.
     * Linux backs the PSW up over a protection exception (suppressing) so
     * that the instruction is re-executed once the fault is resolved: the
     * handler, too, sees the instruction's address. */
    if ((pi->code & 0x7F) == PGM_PROTECTION)
        cpu->psw_addr = (cpu->psw_addr - pi->ilc) & cpu_addr_mask(cpu);
    uint8_t info[USER_SIGINFO_SIZE];
    p->last_pgm_code = pi->code & 0x7F;
    p->last_pgm_parm = pi->exc.teid_valid ? pi->exc.teid : 0;
    int sig = user_sig_pgm_info(p, pi, info);
    if (p->control && p->control->signal) {
        /* The CPU stops here; user_run shows the signal to the controller
         * (the debugger) first. */
        p->pgm_sig_pending = true;
        p->pgm_sig = sig;
        p->pgm_sig_code = pi->code;
        memcpy(p->pgm_sig_info, info, sizeof(info));
        return 1;
    }
    return force_pgm_signal(p, info, pi->code);
}

static int sink_svc(CPUState *cpu, uint16_t code, unsigned ilc, void *opaque)
{
    UserProc *p = opaque;
    if (p->log_flags & ULOG_INT)
        fprintf(logf_of(p), "int: svc %u (r1 %llu) ilc %u PSW %016llx\n", code,
                (unsigned long long)cpu->gr[1], ilc, (unsigned long long)cpu->psw_addr);
    return user_svc(p, code);
}

static const InterruptSink user_sink = { sink_program, sink_svc };

void user_install_sink(UserProc *p)
{
    p->cpu->irq_sink = &user_sink;
    p->cpu->irq_opaque = p;
}

/* -d in_asm: each instruction address once (a small open-addressing set),
 * with its bytes. */
typedef struct SeenSet {
    uint64_t *slot;
    size_t cap, n;
} SeenSet;

static bool seen_add(SeenSet *s, uint64_t a)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 4096;
        uint64_t *ns = calloc(nc, sizeof(*ns));
        if (!ns)
            return false;
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i]) {
                size_t h = (s->slot[i] * 0x9E3779B97F4A7C15ULL) & (nc - 1);
                while (ns[h])
                    h = (h + 1) & (nc - 1);
                ns[h] = s->slot[i];
            }
        free(s->slot);
        s->slot = ns;
        s->cap = nc;
    }
    uint64_t k = a | 1;     /* instruction addresses are even: 0 stays "empty" */
    size_t h = (k * 0x9E3779B97F4A7C15ULL) & (s->cap - 1);
    while (s->slot[h]) {
        if (s->slot[h] == k)
            return false;
        h = (h + 1) & (s->cap - 1);
    }
    s->slot[h] = k;
    s->n++;
    return true;
}

static void log_insn(UserProc *p, SeenSet *seen)
{
    CPUState *cpu = p->cpu;
    uint64_t a = cpu->psw_addr;
    FILE *f = logf_of(p);
    if (p->log_flags & ULOG_EXEC)
        fprintf(f, "exec: PSW %016llx %016llx\n", (unsigned long long)cpu->psw_mask,
                (unsigned long long)a);
    if ((p->log_flags & ULOG_IN_ASM) && seen_add(seen, a)) {
        uint8_t b[8];
        unsigned ilen;
        ProgramException saved = cpu->pgm;
        int rc = cpu_fetch_insn(cpu, a, b, &ilen);
        cpu->pgm = saved;   /* the step itself reports a fetch exception */
        if (rc == 0) {
            char text[128] = "";
            fprintf(f, "IN: 0x%016llx: ", (unsigned long long)a);
            for (unsigned i = 0; i < 6; i++)
                fprintf(f, i < ilen ? "%02x" : "  ", b[i]);
            if (p->disasm && p->disasm(b, ilen, a, text, sizeof(text)) == 0)
                fprintf(f, "  %s", text);
            fprintf(f, "\n");
        }
    }
}

int user_run(UserProc *p)
{
    CPUState *cpu = p->cpu;
    user_install_sink(p);
    SeenSet seen = { 0 };
    const bool trace = p->log_flags & (ULOG_IN_ASM | ULOG_EXEC);
    int status = -1;
    for (;;) {
        CpuStepResult r;
        if (p->control) {
            bool killed = false;
            r = p->control->run(p->control->opaque, cpu, 1u << 14, &killed);
            if (killed) {
                p->exited = true;
                p->killed_by = USER_SIGKILL;
            } else if (r == CPU_STEP_STOP && p->pgm_sig_pending) {
                r = controller_signal(p);
            }
        } else if (trace) {
            log_insn(p, &seen);
            r = cpu_step(cpu);
        } else {
            /* Short batches: a signal from another process waits at most
             * one batch before it reaches the guest. */
            r = cpu_run(cpu, 1u << 14);
        }
        if ((r == CPU_STEP_OK || r == CPU_STEP_INTERRUPT) && user_sig_host_pending()) {
            user_sig_collect_host(p);
            if (user_sig_deliver_pending(p))
                r = CPU_STEP_STOP;
        }
        if (r == CPU_STEP_OK || r == CPU_STEP_INTERRUPT)
            continue;
        if (r == CPU_STEP_STOP && p->killed_by) {
            if (p->exited && p->log_flags & ULOG_INT)
                fprintf(logf_of(p), "int: program sent itself signal %d\n", p->killed_by);
            /* A fault was reported by sink_program; a sent signal is
             * reported here, except in a child zemu, whose parent learns
             * of it from wait4 as on Linux. */
            if (p->exited && !p->exit_by_signal)
                fprintf(stderr, "zemu: guest killed by signal %d at PSW %016llx %016llx\n",
                        p->killed_by, (unsigned long long)cpu->psw_mask,
                        (unsigned long long)cpu->psw_addr);
            status = 128 + p->killed_by;
        } else if (r == CPU_STEP_STOP && p->exited) {
            status = p->exit_status;
        } else {
            fprintf(stderr, "zemu: CPU stopped unexpectedly (%s) at PSW %016llx %016llx\n",
                    r == CPU_STEP_WAIT ? "wait state" : r == CPU_STEP_WATCH ? "watchpoint"
                                                                            : "host error",
                    (unsigned long long)cpu->psw_mask, (unsigned long long)cpu->psw_addr);
        }
        break;
    }
    free(seen.slot);
    if (p->log)
        fflush(p->log);
    if (p->control)
        p->control->exited(p->control->opaque, status < 0 ? 1 : p->killed_by ? 0 : status,
                           status < 0 ? 0 : p->killed_by);
    return status;
}
