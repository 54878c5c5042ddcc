/* The GDB remote stub (see gdbstub.h): the debugger's packets, and the
 * run control that stops the CPU at breakpoints, steps and watchpoint
 * hits. */
#include "debug/gdbstub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/access.h"
#include "debug/gdbregs.h"
#include "debug/guestmem.h"
#include "debug/rsp.h"

/* The one thread, as GDB numbers it (no multiprocess extensions). */
#define GDB_THREAD 1
/* Breakpoints are looked up before every instruction: a linear search is
 * the cheapest for the handful GDB inserts; the bound keeps a runaway
 * client from growing the array without end. */
#define GDB_MAX_BREAKPOINTS 4096

#define GDB_SIGINT  2
#define GDB_SIGTRAP 5

enum StopReason { STOP_SIGNAL, STOP_SWBREAK, STOP_HWBREAK, STOP_WATCH, STOP_RWATCH, STOP_AWATCH };

typedef struct StopInfo {
    int sig;            /* GDB signal number */
    int reason;         /* StopReason */
    uint64_t addr;      /* data address of a watchpoint hit */
} StopInfo;

enum { ST_STOPPED, ST_RUNNING, ST_STEPPING, ST_DETACHED };
enum Action { ACT_NONE, ACT_CONTINUE, ACT_STEP, ACT_DETACH, ACT_KILL };

typedef struct Breakpoint {
    uint64_t addr;
    uint8_t type;       /* Z0 software or Z1 hardware: both are PSW compares */
} Breakpoint;

struct GdbStub {
    CPUState *cpu;
    pid_t pid;              /* the process that talks to the debugger */
    GdbTransport t;
    bool linux_user;
    bool noack;         /* after QStartNoAckMode */
    bool gone;          /* the connection is lost, or the program ended */
    int state;
    bool report_pending;    /* a stop reply is owed to a resume */
    StopInfo stop;
    int resume_sig;         /* GDB signal of the last resume (C, S), 0 for c, s */
    bool step_taken;        /* a step's signal delivery was the step */
    bool watch_before;      /* monitor watch before */
    bool reexec_pending;    /* watch before: the instruction at the PSW runs once first */
    bool reexec_reports;    /* ... and its hit (a store) is reported again after it */
    StopInfo reexec_stop;
    Breakpoint *bp;
    size_t nbp, capbp;
    uint8_t *auxv;
    size_t auxv_len;
    RspParser rx;
    uint8_t in[4096];
    size_t inpos, inlen;
    char *out;              /* the last packet sent (for '-') */
    size_t outlen;
    char reply[RSP_MAX_PAYLOAD + 1];
    uint8_t data[RSP_MAX_PAYLOAD];
};

/* ---- Linux to GDB signal numbers ---- */

int gdb_signal_from_linux(int signo)
{
    /* GDB's numbering (the remote protocol's) agrees with Linux for 1-6,
     * 8, 9, 11, 13-15, 21, 22, 24-28. */
    static const uint8_t map[32] = {
        [1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [6] = 6,
        [7] = 10,               /* SIGBUS */
        [8] = 8, [9] = 9,
        [10] = 30,              /* SIGUSR1 */
        [11] = 11,
        [12] = 31,              /* SIGUSR2 */
        [13] = 13, [14] = 14, [15] = 15,
        [16] = 143,             /* SIGSTKFLT: GDB has none ("unknown") */
        [17] = 20,              /* SIGCHLD */
        [18] = 19,              /* SIGCONT */
        [19] = 17,              /* SIGSTOP */
        [20] = 18,              /* SIGTSTP */
        [21] = 21, [22] = 22,
        [23] = 16,              /* SIGURG */
        [24] = 24, [25] = 25, [26] = 26, [27] = 27, [28] = 28,
        [29] = 23,              /* SIGIO */
        [30] = 32,              /* SIGPWR */
        [31] = 12,              /* SIGSYS */
    };
    if (signo > 0 && signo < 32)
        return map[signo];
    if (signo == 32)
        return 77;              /* SIG32 */
    if (signo >= 33 && signo <= 63)
        return 45 + (signo - 33);   /* SIG33..SIG63 */
    if (signo == 64)
        return 78;
    return 143;
}

int gdb_signal_to_linux(int gsig)
{
    for (int l = 1; l <= 64; l++)
        if (gdb_signal_from_linux(l) == gsig)
            return l;
    return 0;
}

/* ---- output ---- */

static void conn_lost(GdbStub *s);

static void send_raw(GdbStub *s, const void *buf, size_t n)
{
    if (s->gone)
        return;
    if (s->t.write(s->t.opaque, buf, n) < 0)
        conn_lost(s);
}

static void send_packet(GdbStub *s, const void *payload, size_t n, bool binary)
{
    s->outlen = rsp_frame(s->out, 2 * RSP_MAX_PAYLOAD + 8, payload, n, binary);
    send_raw(s, s->out, s->outlen);
}

static void reply(GdbStub *s, const char *text)
{
    send_packet(s, text, strlen(text), false);
}

static void reply_error(GdbStub *s, int code)
{
    char e[8];
    snprintf(e, sizeof(e), "E%02x", code & 0xFF);
    reply(s, e);
}

static void send_stop_reply(GdbStub *s)
{
    static const char *const why[] = {
        [STOP_SWBREAK] = "swbreak", [STOP_HWBREAK] = "hwbreak", [STOP_WATCH] = "watch",
        [STOP_RWATCH] = "rwatch", [STOP_AWATCH] = "awatch",
    };
    char r[96];
    int n = snprintf(r, sizeof(r), "T%02xthread:%x;", s->stop.sig & 0xFF, GDB_THREAD);
    if (s->stop.reason == STOP_SWBREAK || s->stop.reason == STOP_HWBREAK)
        snprintf(r + n, sizeof(r) - (size_t)n, "%s:;", why[s->stop.reason]);
    else if (s->stop.reason != STOP_SIGNAL)
        snprintf(r + n, sizeof(r) - (size_t)n, "%s:%llx;", why[s->stop.reason],
                 (unsigned long long)s->stop.addr);
    reply(s, r);
}

/* ---- input ---- */

/* The next byte from the debugger: waits at most timeout_ms (-1 forever);
 * -1 when none came in time, -2 when the connection is gone. */
static int next_byte(GdbStub *s, int timeout_ms)
{
    if (s->gone)
        return -2;
    if (s->inpos == s->inlen) {
        long n = s->t.read(s->t.opaque, s->in, sizeof(s->in), timeout_ms);
        if (n < 0) {
            conn_lost(s);
            return -2;
        }
        if (n == 0)
            return -1;
        s->inpos = 0;
        s->inlen = (size_t)n;
    }
    return s->in[s->inpos++];
}

/* ---- breakpoints and watchpoints ---- */

static bool bp_at(const GdbStub *s, uint64_t addr)
{
    for (size_t i = 0; i < s->nbp; i++)
        if (s->bp[i].addr == addr)
            return true;
    return false;
}

static int bp_kind_at(const GdbStub *s, uint64_t addr)
{
    for (size_t i = 0; i < s->nbp; i++)
        if (s->bp[i].addr == addr && s->bp[i].type == 0)
            return STOP_SWBREAK;
    return STOP_HWBREAK;
}

static bool bp_insert(GdbStub *s, uint64_t addr, uint8_t type)
{
    if (s->nbp == s->capbp) {
        if (s->capbp == GDB_MAX_BREAKPOINTS)
            return false;
        size_t nc = s->capbp ? 2 * s->capbp : 16;
        Breakpoint *nb = realloc(s->bp, nc * sizeof(*nb));
        if (!nb)
            return false;
        s->bp = nb;
        s->capbp = nc;
    }
    s->bp[s->nbp++] = (Breakpoint){ addr, type };
    return true;
}

static bool bp_remove(GdbStub *s, uint64_t addr, uint8_t type)
{
    for (size_t i = 0; i < s->nbp; i++)
        if (s->bp[i].addr == addr && s->bp[i].type == type) {
            s->bp[i] = s->bp[--s->nbp];
            return true;
        }
    return false;
}

static const uint8_t wp_type_of_z[5] = { [2] = WP_WRITE, [3] = WP_READ, [4] = WP_ACCESS };

static int stop_reason_of_wp(uint8_t type)
{
    return type == WP_WRITE ? STOP_WATCH : type == WP_READ ? STOP_RWATCH : STOP_AWATCH;
}

/* The debugger is gone or has let go: no breakpoint or watchpoint may stop
 * the program any more. */
static void drop_debug_state(GdbStub *s)
{
    s->nbp = 0;
    access_watch_clear(s->cpu->machine);
    s->reexec_pending = false;
    s->state = ST_DETACHED;
}

static void conn_lost(GdbStub *s)
{
    s->gone = true;
    drop_debug_state(s);
}

/* ---- packets ---- */

/* "ADDR,LEN" followed by term; advances *p past term. */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len, char term)
{
    if (!rsp_parse_hex(p, addr) || **p != ',')
        return false;
    (*p)++;
    if (!rsp_parse_hex(p, len) || **p != term)
        return false;
    if (term)
        (*p)++;
    return true;
}

/* Does a thread id of vCont/H/T name our thread?  "-1" (all), "0" (any),
 * "1", and the multiprocess forms "pPID.TID". */
static bool thread_matches(const char *id)
{
    if (*id == 'p') {
        const char *dot = strchr(id, '.');
        if (!dot)
            return true;        /* a whole process: ours */
        id = dot + 1;
    }
    if (id[0] == '-' && id[1] == '1')
        return true;
    uint64_t v;
    return rsp_parse_hex(&id, &v) && (v == 0 || v == GDB_THREAD);
}

static void handle_read_regs(GdbStub *s)
{
    uint8_t b[GDB_REGS_BYTES];
    size_t n = 0;
    for (int r = 0; r < GDB_NREGS; r++)
        n += gdb_reg_read(s->cpu, r, b + n);
    rsp_to_hex(s->reply, b, n);
    send_packet(s, s->reply, 2 * n, false);
}

static void handle_write_regs(GdbStub *s, const char *hex, size_t len)
{
    uint8_t b[GDB_REGS_BYTES];
    if (len != 2 * GDB_REGS_BYTES || !rsp_from_hex(b, hex, GDB_REGS_BYTES)) {
        reply_error(s, 1);
        return;
    }
    /* The only register that can refuse its value goes first, so that a
     * refused G changes nothing. */
    size_t off[GDB_NREGS], n = 0;
    for (int r = 0; r < GDB_NREGS; r++) {
        off[r] = n;
        n += gdb_reg_size(r);
    }
    if (!gdb_reg_write(s->cpu, GDB_REG_FPC, b + off[GDB_REG_FPC])) {
        reply_error(s, 1);
        return;
    }
    for (int r = 0; r < GDB_NREGS; r++)
        gdb_reg_write(s->cpu, r, b + off[r]);
    reply(s, "OK");
}

static void handle_read_reg(GdbStub *s, const char *p)
{
    uint64_t r;
    uint8_t b[8];
    unsigned n;
    if (!rsp_parse_hex(&p, &r) || *p || r >= GDB_NREGS || !(n = gdb_reg_read(s->cpu, (int)r, b))) {
        reply_error(s, 1);
        return;
    }
    rsp_to_hex(s->reply, b, n);
    send_packet(s, s->reply, 2 * n, false);
}

static void handle_write_reg(GdbStub *s, const char *p)
{
    uint64_t r;
    uint8_t b[8];
    if (!rsp_parse_hex(&p, &r) || *p != '=' || r >= GDB_NREGS) {
        reply_error(s, 1);
        return;
    }
    p++;
    const unsigned n = gdb_reg_size((int)r);
    if (strlen(p) != 2 * n || !rsp_from_hex(b, p, n) || !gdb_reg_write(s->cpu, (int)r, b)) {
        reply_error(s, 1);
        return;
    }
    reply(s, "OK");
}

static void handle_read_mem(GdbStub *s, const char *p)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len, 0)) {
        reply_error(s, 1);
        return;
    }
    if (len > RSP_MAX_PAYLOAD / 2)
        len = RSP_MAX_PAYLOAD / 2;     /* GDB takes a short read and asks again */
    size_t n = guestmem_read(s->cpu, addr, s->data, len);
    if (n == 0 && len) {
        reply_error(s, 0x14);
        return;
    }
    rsp_to_hex(s->reply, s->data, n);
    send_packet(s, s->reply, 2 * n, false);
}

/* M (hex data) and X (binary data). */
static void handle_write_mem(GdbStub *s, char *pkt, size_t plen, bool binary)
{
    const char *p = pkt + 1;
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len, ':') || len > RSP_MAX_PAYLOAD) {
        reply_error(s, 1);
        return;
    }
    size_t dlen = plen - (size_t)(p - pkt);
    if (binary) {
        memcpy(s->data, p, dlen);
        long n = rsp_unescape(s->data, dlen);
        if (n < 0 || (uint64_t)n != len) {
            reply_error(s, 1);
            return;
        }
    } else if (dlen != 2 * len || !rsp_from_hex(s->data, p, len)) {
        reply_error(s, 1);
        return;
    }
    if (!guestmem_write(s->cpu, addr, s->data, len)) {
        reply_error(s, 0x14);
        return;
    }
    reply(s, "OK");
}

static void handle_z(GdbStub *s, const char *pkt)
{
    const bool insert = pkt[0] == 'Z';
    const char *p = pkt + 1;
    uint64_t type, addr, kind;
    if (!rsp_parse_hex(&p, &type) || *p != ',') {
        reply_error(s, 1);
        return;
    }
    p++;
    if (type > 4) {
        reply(s, "");                   /* not supported */
        return;
    }
    /* Conditions and commands after ';' are not offered (no
     * ConditionalBreakpoints): GDB evaluates them itself. */
    if (!rsp_parse_hex(&p, &addr) || *p != ',' || (p++, !rsp_parse_hex(&p, &kind)) ||
        (*p && *p != ';')) {
        reply_error(s, 1);
        return;
    }
    bool ok;
    if (type <= 1)
        ok = insert ? bp_insert(s, addr, (uint8_t)type) : bp_remove(s, addr, (uint8_t)type);
    else if (insert)
        ok = kind && access_watch_add(s->cpu->machine, addr, kind, wp_type_of_z[type]) == 0;
    else
        ok = access_watch_remove(s->cpu->machine, addr, kind, wp_type_of_z[type]) == 0;
    if (ok)
        reply(s, "OK");
    else
        reply_error(s, insert ? 0x0e : 0x16);
}

/* A reply to a qXfer read: 'm' + data when more follows, 'l' + data at the end. */
static void xfer_reply(GdbStub *s, const void *obj, size_t size, const char *p)
{
    uint64_t off, len;
    if (!parse_addr_len(&p, &off, &len, 0)) {
        reply_error(s, 1);
        return;
    }
    if (off >= size) {
        reply(s, "l");
        return;
    }
    size_t n = size - off;
    if (n > len)
        n = len;
    if (n > RSP_MAX_PAYLOAD - 1)
        n = RSP_MAX_PAYLOAD - 1;
    char *r = (char *)s->data;
    r[0] = off + n < size ? 'm' : 'l';
    memcpy(r + 1, (const char *)obj + off, n);
    send_packet(s, r, n + 1, true);
}

/* Monitor output travels as O packets of hex text. */
static void monitor_print(GdbStub *s, const char *text)
{
    size_t n = strlen(text);
    if (n > (RSP_MAX_PAYLOAD - 1) / 2)
        n = (RSP_MAX_PAYLOAD - 1) / 2;
    s->reply[0] = 'O';
    rsp_to_hex(s->reply + 1, (const uint8_t *)text, n);
    send_packet(s, s->reply, 1 + 2 * n, false);
}

static void handle_monitor(GdbStub *s, const char *hex)
{
    size_t n = strlen(hex) / 2;
    char cmd[128];
    if (strlen(hex) % 2 || n >= sizeof(cmd) || !rsp_from_hex((uint8_t *)cmd, hex, n)) {
        reply_error(s, 1);
        return;
    }
    cmd[n] = 0;
    if (!strcmp(cmd, "watch before")) {
        s->watch_before = true;
        monitor_print(s, "watchpoint hits are reported before the instruction\n");
    } else if (!strcmp(cmd, "watch after")) {
        s->watch_before = false;
        monitor_print(s, "watchpoint hits are reported after the instruction\n");
    } else if (!strcmp(cmd, "watch")) {
        monitor_print(s, s->watch_before ? "watch before\n" : "watch after\n");
    } else {
        monitor_print(s, "zemu monitor commands:\n"
                         "  watch after   report a watchpoint hit after the instruction "
                         "executed once (default)\n"
                         "  watch before  report it before the instruction stores anything, "
                         "and a store again after it\n"
                         "  watch         show the mode\n");
    }
    reply(s, "OK");
}

static void handle_query(GdbStub *s, const char *p)
{
    if (!strncmp(p, "qSupported", 10)) {
        snprintf(s->reply, sizeof(s->reply),
                 "PacketSize=%x;QStartNoAckMode+;qXfer:features:read+;swbreak+;hwbreak+%s",
                 RSP_MAX_PAYLOAD, s->auxv ? ";qXfer:auxv:read+" : "");
        reply(s, s->reply);
    } else if (!strncmp(p, "qXfer:features:read:", 20)) {
        p += 20;
        if (strncmp(p, "target.xml:", 11)) {
            reply_error(s, 0);
            return;
        }
        const char *xml = gdb_target_xml(s->linux_user);
        xfer_reply(s, xml, strlen(xml), p + 11);
    } else if (!strncmp(p, "qXfer:auxv:read::", 17) && s->auxv) {
        xfer_reply(s, s->auxv, s->auxv_len, p + 17);
    } else if (!strcmp(p, "qAttached") || !strncmp(p, "qAttached:", 10)) {
        /* "attached": when GDB quits, it detaches and the program runs on
         * (qemu-user's answer too). */
        reply(s, "1");
    } else if (!strcmp(p, "qC")) {
        reply(s, "QC1");
    } else if (!strcmp(p, "qfThreadInfo")) {
        reply(s, "m1");
    } else if (!strcmp(p, "qsThreadInfo")) {
        reply(s, "l");
    } else if (!strncmp(p, "qRcmd,", 6)) {
        handle_monitor(s, p + 6);
    } else if (!strncmp(p, "qSymbol:", 8)) {
        reply(s, "OK");                 /* no symbols wanted */
    } else {
        reply(s, "");
    }
}

/* c/C/s/S with an optional resume address (after ';' for C/S). */
static int handle_resume(GdbStub *s, const char *p)
{
    const char a = *p++;
    uint64_t v, sig = 0;
    if (a == 'C' || a == 'S') {
        /* The signal counts when the stop was a guest signal's
         * (gdb_stub_signal); else there is nothing to deliver. */
        if (!rsp_parse_hex(&p, &sig) || sig > 255) {
            reply_error(s, 1);
            return ACT_NONE;
        }
        if (*p == ';')
            p++;
    }
    if (*p) {
        if (!rsp_parse_hex(&p, &v) || *p) {
            reply_error(s, 1);
            return ACT_NONE;
        }
        s->cpu->psw_addr = v;
    }
    s->resume_sig = (int)sig;
    return a == 'c' || a == 'C' ? ACT_CONTINUE : ACT_STEP;
}

/* vCont;ACTION[:TID];... : the first action that names our thread (or
 * names none) decides. */
static int handle_vcont(GdbStub *s, const char *p)
{
    while (*p == ';') {
        p++;
        const char a = *p;
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char act[64];
        if (n >= sizeof(act))
            break;
        memcpy(act, p, n);
        act[n] = 0;
        char *colon = strchr(act, ':');
        bool ours = !colon || thread_matches(colon + 1);
        if (colon)
            *colon = 0;
        bool valid = (a == 'c' || a == 's') ? act[1] == 0
                     : (a == 'C' || a == 'S') && rsp_hex_value((unsigned char)act[1]) >= 0 &&
                           rsp_hex_value((unsigned char)act[2]) >= 0 && act[3] == 0;
        if (!valid)
            break;
        if (ours) {
            s->resume_sig = a == 'C' || a == 'S' ? rsp_hex_value((unsigned char)act[1]) << 4 |
                                                       rsp_hex_value((unsigned char)act[2])
                                                 : 0;
            return a == 'c' || a == 'C' ? ACT_CONTINUE : ACT_STEP;
        }
        p += n;
    }
    reply_error(s, 1);
    return ACT_NONE;
}

/* Handles one packet (NUL-terminated, len bytes; binary data possible in
 * X).  Returns what the target does next. */
static int handle_packet(GdbStub *s, char *pkt, size_t len)
{
    switch (pkt[0]) {
    case '?':
        send_stop_reply(s);
        return ACT_NONE;
    case 'g':
        handle_read_regs(s);
        return ACT_NONE;
    case 'G':
        handle_write_regs(s, pkt + 1, len - 1);
        return ACT_NONE;
    case 'p':
        handle_read_reg(s, pkt + 1);
        return ACT_NONE;
    case 'P':
        handle_write_reg(s, pkt + 1);
        return ACT_NONE;
    case 'm':
        handle_read_mem(s, pkt + 1);
        return ACT_NONE;
    case 'M':
        handle_write_mem(s, pkt, len, false);
        return ACT_NONE;
    case 'X':
        handle_write_mem(s, pkt, len, true);
        return ACT_NONE;
    case 'c': case 'C': case 's': case 'S':
        return handle_resume(s, pkt);
    case 'Z': case 'z':
        handle_z(s, pkt);
        return ACT_NONE;
    case 'H':
        reply(s, "OK");
        return ACT_NONE;
    case 'T':
        if (thread_matches(pkt + 1))
            reply(s, "OK");
        else
            reply_error(s, 1);
        return ACT_NONE;
    case 'k':
        return ACT_KILL;                /* no reply: the program is gone */
    case 'D':
        reply(s, "OK");
        return ACT_DETACH;
    case 'q':
        handle_query(s, pkt);
        return ACT_NONE;
    case 'Q':
        if (!strcmp(pkt, "QStartNoAckMode")) {
            reply(s, "OK");             /* still acknowledged by GDB */
            s->noack = true;
        } else {
            reply(s, "");
        }
        return ACT_NONE;
    case 'v':
        if (!strcmp(pkt, "vCont?")) {
            reply(s, "vCont;c;C;s;S");
            return ACT_NONE;
        }
        if (!strncmp(pkt, "vCont;", 6))
            return handle_vcont(s, pkt + 5);
        if (!strncmp(pkt, "vKill", 5)) {
            reply(s, "OK");
            return ACT_KILL;
        }
        reply(s, "");
        return ACT_NONE;
    default:
        reply(s, "");                   /* unknown: the empty reply */
        return ACT_NONE;
    }
}

/* Serves the debugger while the target is stopped; returns how it goes on
 * (the state is set accordingly). */
static int serve(GdbStub *s)
{
    if (s->report_pending) {
        s->report_pending = false;
        send_stop_reply(s);
    }
    for (;;) {
        int c = next_byte(s, -1);
        if (c == -2)
            return ACT_DETACH;          /* conn_lost detached */
        if (c < 0)
            continue;
        switch (rsp_feed(&s->rx, (uint8_t)c)) {
        case RSP_EV_PACKET: {
            if (!s->noack)
                send_raw(s, "+", 1);
            int act = handle_packet(s, s->rx.buf, s->rx.len);
            if (s->gone)
                return ACT_DETACH;
            switch (act) {
            case ACT_CONTINUE:
                s->state = ST_RUNNING;
                return act;
            case ACT_STEP:
                s->state = ST_STEPPING;
                return act;
            case ACT_DETACH:
                drop_debug_state(s);
                return act;
            case ACT_KILL:
                s->gone = true;
                drop_debug_state(s);
                return act;
            default:
                break;
            }
            break;
        }
        case RSP_EV_BAD_PACKET:
            if (!s->noack)
                send_raw(s, "-", 1);
            break;
        case RSP_EV_NACK:
            if (s->outlen)
                send_raw(s, s->out, s->outlen);
            break;
        default:
            break;                      /* acks, a stray Ctrl-C, noise */
        }
    }
}

/* While running: has the debugger sent Ctrl-C? */
static bool interrupt_requested(GdbStub *s)
{
    for (;;) {
        int c = next_byte(s, 0);
        if (c < 0)
            return false;
        RspEvent ev = rsp_feed(&s->rx, (uint8_t)c);
        if (ev == RSP_EV_INTERRUPT)
            return true;
        if (ev == RSP_EV_NACK && s->outlen)
            send_raw(s, s->out, s->outlen);
        /* A packet while running has no meaning in all-stop mode: dropped. */
    }
}

/* ---- run control ---- */

static void stop_at(GdbStub *s, int sig, int reason, uint64_t addr)
{
    s->state = ST_STOPPED;
    s->report_pending = true;
    s->stop = (StopInfo){ sig, reason, addr };
}

static bool goes_on(CpuStepResult r)
{
    return r == CPU_STEP_OK || r == CPU_STEP_INTERRUPT;
}

/* cpu_step/cpu_run returned CPU_STEP_WATCH: the PSW is at the instruction,
 * nothing of it has been stored. */
static CpuStepResult watch_hit(GdbStub *s)
{
    CPUState *cpu = s->cpu;
    const Machine *m = cpu->machine;
    const int idx = cpu->watch.index;
    const int reason = idx >= 0 && idx < m->nwp ? stop_reason_of_wp(m->wp[idx].type) : STOP_WATCH;
    const uint64_t addr = cpu->watch.addr;
    if (s->watch_before) {
        stop_at(s, GDB_SIGTRAP, reason, addr);
        s->reexec_pending = true;
        s->reexec_reports = cpu->watch.type == WP_WRITE;
        s->reexec_stop = s->stop;
        return CPU_STEP_OK;
    }
    cpu->watch_suppress = true;
    CpuStepResult r = cpu_step(cpu);
    stop_at(s, GDB_SIGTRAP, reason, addr);
    return r;
}

/* In a forked child: the parent keeps the debugger. */
static void leave_if_forked(GdbStub *s)
{
    if (s->gone || getpid() == s->pid)
        return;
    s->gone = true;
    drop_debug_state(s);
    if (s->t.forget)
        s->t.forget(s->t.opaque);
}

CpuStepResult gdb_stub_run(GdbStub *s, uint64_t batch, bool *killed)
{
    CPUState *cpu = s->cpu;
    *killed = false;
    leave_if_forked(s);
    if (s->state == ST_STOPPED && serve(s) == ACT_KILL) {
        *killed = true;
        return CPU_STEP_STOP;
    }
    if (s->state == ST_DETACHED)
        return cpu_run(cpu, batch);
    if (s->step_taken) {
        s->step_taken = false;
        if (s->state == ST_STEPPING) {
            stop_at(s, GDB_SIGTRAP, STOP_SIGNAL, 0);
            return CPU_STEP_OK;
        }
    }

    if (s->reexec_pending) {
        /* watch before: the reported instruction runs exactly once. */
        s->reexec_pending = false;
        cpu->watch_suppress = true;
        CpuStepResult r = cpu_step(cpu);
        if (s->reexec_reports)
            stop_at(s, GDB_SIGTRAP, s->reexec_stop.reason, s->reexec_stop.addr);
        else if (s->state == ST_STEPPING)
            stop_at(s, GDB_SIGTRAP, STOP_SIGNAL, 0);
        if (s->state == ST_STOPPED || !goes_on(r))
            return r;
    }

    CpuStepResult r;
    if (s->state == ST_STEPPING) {
        r = cpu_step(cpu);
        if (r == CPU_STEP_WATCH)
            return watch_hit(s);
        if (goes_on(r))
            stop_at(s, GDB_SIGTRAP, STOP_SIGNAL, 0);
        return r;
    }

    if (s->nbp == 0) {
        r = cpu_run(cpu, batch);
    } else {
        r = CPU_STEP_OK;
        for (uint64_t n = 0; n < batch && goes_on(r); n++) {
            if (bp_at(s, cpu->psw_addr)) {
                stop_at(s, GDB_SIGTRAP, bp_kind_at(s, cpu->psw_addr), 0);
                return CPU_STEP_OK;
            }
            r = cpu_step(cpu);
        }
    }
    if (r == CPU_STEP_WATCH)
        return watch_hit(s);
    if (goes_on(r) && interrupt_requested(s))
        stop_at(s, GDB_SIGINT, STOP_SIGNAL, 0);
    return r;
}

int gdb_stub_signal(GdbStub *s, int signo)
{
    leave_if_forked(s);
    if (!gdb_stub_attached(s))
        return signo;
    stop_at(s, gdb_signal_from_linux(signo), STOP_SIGNAL, 0);
    switch (serve(s)) {
    case ACT_KILL:
        return -1;
    case ACT_DETACH:
        return signo;
    default:
        break;
    }
    int sig = s->resume_sig ? gdb_signal_to_linux(s->resume_sig) : 0;
    s->step_taken = sig && s->state == ST_STEPPING;
    return sig;
}

void gdb_stub_exited(GdbStub *s, int status, int signo)
{
    leave_if_forked(s);
    if (s->gone || s->state == ST_DETACHED)
        return;
    char r[8];
    if (signo > 0)
        snprintf(r, sizeof(r), "X%02x", gdb_signal_from_linux(signo) & 0xFF);
    else
        snprintf(r, sizeof(r), "W%02x", status & 0xFF);
    reply(s, r);
    s->gone = true;
    drop_debug_state(s);
}

bool gdb_stub_attached(const GdbStub *s)
{
    return !s->gone && s->state != ST_DETACHED;
}

/* ---- life cycle ---- */

GdbStub *gdb_stub_new(CPUState *cpu, const GdbTransport *t, bool linux_user)
{
    GdbStub *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    s->out = malloc(2 * RSP_MAX_PAYLOAD + 8);
    if (!s->out) {
        free(s);
        return NULL;
    }
    s->cpu = cpu;
    s->pid = getpid();
    s->t = *t;
    s->linux_user = linux_user;
    s->state = ST_STOPPED;
    s->stop = (StopInfo){ GDB_SIGTRAP, STOP_SIGNAL, 0 };
    rsp_parser_init(&s->rx);
    return s;
}

void gdb_stub_set_auxv(GdbStub *s, const void *auxv, size_t len)
{
    free(s->auxv);
    s->auxv = NULL;
    s->auxv_len = 0;
    if (len && (s->auxv = malloc(len))) {
        memcpy(s->auxv, auxv, len);
        s->auxv_len = len;
    }
}

void gdb_stub_free(GdbStub *s)
{
    if (!s)
        return;
    if (s->state != ST_DETACHED)
        drop_debug_state(s);
    free(s->bp);
    free(s->auxv);
    free(s->out);
    free(s);
}
