/* The GDB stub (src/debug/): packet framing, the packets GDB sends, run
 * control on a CPU of the test harness, and a fuzz run of random and
 * mutated packets.  The stub talks over an in-memory transport: the test
 * queues the debugger's bytes and reads the stub's replies.  Expected
 * values come from the protocol description (checksums, reply formats),
 * the register layout of GDB's s390x description, and hand-assembled
 * programs. */
#include <stdlib.h>

#include "access/access.h"
#include "debug/gdbregs.h"
#include "debug/gdbstub.h"
#include "debug/rsp.h"
#include "test_cpu.h"

/* ---- the in-memory transport ---- */

typedef struct Pipe {
    uint8_t in[1 << 16];        /* from the "debugger" */
    size_t in_len, in_pos;
    char out[1 << 18];          /* from the stub */
    size_t out_len, out_pos;
    size_t max_read;            /* bytes per read call (0: all available) */
} Pipe;

static long pipe_read(void *opaque, uint8_t *buf, size_t n, int timeout_ms)
{
    Pipe *p = opaque;
    if (p->in_pos == p->in_len)
        return timeout_ms < 0 ? -1 : 0;  /* a blocking read of nothing: the debugger left */
    size_t k = p->in_len - p->in_pos;
    if (k > n)
        k = n;
    if (p->max_read && k > p->max_read)
        k = p->max_read;
    memcpy(buf, p->in + p->in_pos, k);
    p->in_pos += k;
    return (long)k;
}

static long pipe_write(void *opaque, const void *buf, size_t n)
{
    Pipe *p = opaque;
    if (p->out_len + n > sizeof(p->out))
        p->out_len = p->out_pos = 0;     /* the fuzz run: keep only the newest */
    memcpy(p->out + p->out_len, buf, n);
    p->out_len += n;
    return 0;
}

static void queue_raw(Pipe *p, const void *b, size_t n)
{
    if (p->in_len + n > sizeof(p->in))
        return;
    memcpy(p->in + p->in_len, b, n);
    p->in_len += n;
}

/* Queues $payload#cc with the checksum computed here, independently of
 * rsp_frame. */
static void queue_packet(Pipe *p, const char *payload)
{
    char b[4096];
    unsigned sum = 0;
    size_t n = strlen(payload);
    for (size_t i = 0; i < n; i++)
        sum += (unsigned char)payload[i];
    int k = snprintf(b, sizeof(b), "$%s#%02x", payload, sum & 0xFF);
    queue_raw(p, b, (size_t)k);
}

/* The next packet the stub sent (acks skipped), its checksum checked;
 * "" plus a failure when there is none. */
static const char *next_reply(Pipe *p)
{
    static char r[1 << 17];
    while (p->out_pos < p->out_len && p->out[p->out_pos] != '$')
        p->out_pos++;
    if (p->out_pos == p->out_len) {
        CHECK(!"a reply");
        return "";
    }
    size_t i = p->out_pos + 1, n = 0;
    unsigned sum = 0;
    while (i < p->out_len && p->out[i] != '#') {
        sum += (unsigned char)p->out[i];
        if (n < sizeof(r) - 1)
            r[n++] = p->out[i];
        i++;
    }
    r[n] = 0;
    if (i + 2 >= p->out_len) {
        CHECK(!"a complete packet");
        p->out_pos = p->out_len;
        return r;
    }
    char h[3] = { p->out[i + 1], p->out[i + 2], 0 };
    CHECK_EQ(strtoul(h, NULL, 16), sum & 0xFF);
    p->out_pos = i + 3;
    return r;
}

static bool no_more_replies(Pipe *p)
{
    while (p->out_pos < p->out_len && p->out[p->out_pos] != '$')
        p->out_pos++;
    return p->out_pos == p->out_len;
}

#define CHECK_STR(a, b)                                                        \
    do {                                                                       \
        const char *_a = (a), *_b = (b);                                       \
        test_checks++;                                                         \
        if (strcmp(_a, _b) != 0)                                               \
            test_fail(__FILE__, __LINE__, "%s == \"%s\": got \"%.200s\"", #a, _b, _a); \
    } while (0)

/* The next replies, in order: EXPECT_REPLIES(pipe, "OK", "E01", ...). */
static void expect_replies(Pipe *p, int line, const char *const *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = next_reply(p);
        test_checks++;
        if (strcmp(got, want[i]) != 0)
            test_fail(__FILE__, line, "reply %zu: \"%s\" expected, got \"%.200s\"", i + 1,
                      want[i], got);
    }
}
#define EXPECT_REPLIES(p, ...)                                                 \
    expect_replies((p), __LINE__, (const char *const[]){ __VA_ARGS__ },       \
                   sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

typedef struct Rig {
    TestEnv *e;
    Pipe *p;
    GdbStub *s;
} Rig;

static Rig rig_new(void)
{
    Rig r;
    r.e = tenv_cpu();
    r.p = calloc(1, sizeof(Pipe));
    GdbTransport t = { pipe_read, pipe_write, NULL, r.p };
    r.s = gdb_stub_new(&r.e->cpu, &t, true);
    return r;
}

static void rig_free(Rig *r)
{
    gdb_stub_free(r->s);
    free(r->p);
    tenv_free(r->e);
}

/* Lets the stub serve everything queued (it then finds the debugger gone
 * unless a resume came first). */
static CpuStepResult run(Rig *r, bool *killed)
{
    return gdb_stub_run(r->s, 64, killed);
}

/* Serves the queued packets that do not resume: the transport then says
 * the debugger left, which detaches; so these tests queue a final 'k'. */
static void serve_then_kill(Rig *r)
{
    bool killed;
    queue_packet(r->p, "k");
    CHECK_EQ(run(r, &killed), CPU_STEP_STOP);
    CHECK(killed);
}

/* ---- framing ---- */

static RspEvent feed_str(RspParser *ps, const char *s, size_t n)
{
    RspEvent last = RSP_EV_NONE;
    for (size_t i = 0; i < n; i++) {
        RspEvent e = rsp_feed(ps, (uint8_t)s[i]);
        if (e != RSP_EV_NONE)
            last = e;
    }
    return last;
}

TEST(rsp_packet_and_checksum)
{
    static RspParser ps;
    rsp_parser_init(&ps);
    /* "g" = 0x67 */
    CHECK_EQ(feed_str(&ps, "$g#67", 5), RSP_EV_PACKET);
    CHECK_STR(ps.buf, "g");
    CHECK_EQ(ps.len, 1);
    /* "OK" = 0x4f + 0x4b = 0x9a; upper-case digits too */
    CHECK_EQ(feed_str(&ps, "$OK#9A", 6), RSP_EV_PACKET);
    CHECK_EQ(feed_str(&ps, "$OK#9b", 6), RSP_EV_BAD_PACKET);
    CHECK_EQ(feed_str(&ps, "$OK#x9", 6), RSP_EV_BAD_PACKET);
    CHECK_EQ(feed_str(&ps, "+", 1), RSP_EV_ACK);
    CHECK_EQ(feed_str(&ps, "-", 1), RSP_EV_NACK);
    CHECK_EQ(feed_str(&ps, "\x03", 1), RSP_EV_INTERRUPT);
    /* noise between packets is ignored, a '$' inside a packet restarts it */
    CHECK_EQ(feed_str(&ps, "xyz$gar$g#67", 12), RSP_EV_PACKET);
    CHECK_STR(ps.buf, "g");
    /* the empty packet: checksum 00 */
    CHECK_EQ(feed_str(&ps, "$#00", 4), RSP_EV_PACKET);
    CHECK_EQ(ps.len, 0);
    /* 0x03 inside a packet is data */
    CHECK_EQ(feed_str(&ps, "$\x03#03", 5), RSP_EV_PACKET);
    CHECK_EQ(ps.len, 1);
}

TEST(rsp_overlong_packet_is_refused)
{
    static RspParser ps;
    static char big[RSP_MAX_PAYLOAD + 10];
    rsp_parser_init(&ps);
    memset(big, 'a', sizeof(big));
    unsigned sum = 0;
    for (size_t i = 0; i < sizeof(big); i++)
        sum += 'a';
    CHECK_EQ(feed_str(&ps, "$", 1), RSP_EV_NONE);
    CHECK_EQ(feed_str(&ps, big, sizeof(big)), RSP_EV_NONE);
    char tail[4];
    snprintf(tail, sizeof(tail), "#%02x", sum & 0xFF);
    CHECK_EQ(feed_str(&ps, tail, 3), RSP_EV_BAD_PACKET);
    /* exactly the maximum is fine */
    CHECK_EQ(feed_str(&ps, "$", 1), RSP_EV_NONE);
    feed_str(&ps, big, RSP_MAX_PAYLOAD);
    sum = (unsigned)RSP_MAX_PAYLOAD * 'a';
    snprintf(tail, sizeof(tail), "#%02x", sum & 0xFF);
    CHECK_EQ(feed_str(&ps, tail, 3), RSP_EV_PACKET);
    CHECK_EQ(ps.len, RSP_MAX_PAYLOAD);
}

TEST(rsp_frame_escapes_binary)
{
    char out[64];
    /* "OK" -> $OK#9a */
    size_t n = rsp_frame(out, sizeof(out), "OK", 2, false);
    CHECK_EQ(n, 6);
    CHECK(!memcmp(out, "$OK#9a", 6));
    /* binary: '#' (0x23) -> '}' 0x03; '}' (0x7d) -> '}' ']' ; checksum over
     * the escaped bytes: 0x7d + 0x03 + 0x7d + 0x5d = 0x15a -> 5a */
    n = rsp_frame(out, sizeof(out), "#}", 2, true);
    CHECK_EQ(n, 8);
    CHECK(!memcmp(out, "$}\x03}]#5a", 8));
    uint8_t b[4] = { '}', 0x03, '}', ']' };
    CHECK_EQ(rsp_unescape(b, 4), 2);
    CHECK_EQ(b[0], '#');
    CHECK_EQ(b[1], '}');
    uint8_t bad[2] = { 'a', '}' };
    CHECK_EQ(rsp_unescape(bad, 2), -1);
    CHECK_EQ(rsp_frame(out, 5, "OK", 2, false), 0);   /* does not fit */
}

TEST(rsp_hex_numbers)
{
    const char *s = "1f,";
    uint64_t v;
    CHECK(rsp_parse_hex(&s, &v));
    CHECK_EQ(v, 0x1f);
    CHECK_EQ(*s, ',');
    s = "ffffffffffffffff";
    CHECK(rsp_parse_hex(&s, &v));
    CHECK_EQ(v, ~0ULL);
    s = "10000000000000000";             /* 2^64: too big */
    CHECK(!rsp_parse_hex(&s, &v));
    s = ",";
    CHECK(!rsp_parse_hex(&s, &v));
    uint8_t b[2];
    CHECK(rsp_from_hex(b, "a5Ff", 2));
    CHECK_EQ(b[0], 0xa5);
    CHECK_EQ(b[1], 0xff);
    CHECK(!rsp_from_hex(b, "a", 1));
}

/* ---- queries and registers ---- */

TEST(gdb_handshake_queries)
{
    Rig r = rig_new();
    gdb_stub_set_auxv(r.s, "\x00\x00\x00\x00\x00\x00\x00\x09", 8);
    queue_packet(r.p, "qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
    queue_packet(r.p, "vMustReplyEmpty");
    queue_packet(r.p, "QStartNoAckMode");
    queue_raw(r.p, "+", 1);
    queue_packet(r.p, "?");
    queue_packet(r.p, "qAttached");
    queue_packet(r.p, "qC");
    queue_packet(r.p, "qfThreadInfo");
    queue_packet(r.p, "qsThreadInfo");
    queue_packet(r.p, "Hg0");
    queue_packet(r.p, "T1");
    queue_packet(r.p, "T2");
    queue_packet(r.p, "vCont?");
    queue_packet(r.p, "qXfer:auxv:read::0,100");
    queue_packet(r.p, "qTStatus");
    serve_then_kill(&r);
    CHECK_EQ(r.p->out[0], '+');
    CHECK_STR(next_reply(r.p),
              "PacketSize=4000;QStartNoAckMode+;qXfer:features:read+;swbreak+;hwbreak+;"
              "qXfer:auxv:read+");
    CHECK_STR(next_reply(r.p), "");
    CHECK_STR(next_reply(r.p), "OK");
    /* no acks after no-ack mode: the '?' reply follows the OK directly */
    CHECK_EQ(r.p->out[r.p->out_pos], '$');
    EXPECT_REPLIES(r.p, "T05thread:1;", "1", "QC1", "m1", "l", "OK", "OK", "E01",
                   "vCont;c;C;s;S");
    const char *ax = next_reply(r.p);
    CHECK_EQ(ax[0], 'l');
    CHECK(!memcmp(ax + 1, "\0\0\0\0\0\0\0\x09", 8));
    CHECK_STR(next_reply(r.p), "");
    CHECK(no_more_replies(r.p));
    rig_free(&r);
}

TEST(gdb_target_xml_in_pieces)
{
    Rig r = rig_new();
    const char *xml = gdb_target_xml(true);
    size_t len = strlen(xml);
    CHECK(strstr(xml, "<architecture>s390:64-bit</architecture>"));
    CHECK(strstr(xml, "<osabi>GNU/Linux</osabi>"));
    CHECK(!strstr(gdb_target_xml(false), "osabi"));
    CHECK(strstr(xml, "org.gnu.gdb.s390.core"));
    CHECK(strstr(xml, "org.gnu.gdb.s390.acr"));
    CHECK(strstr(xml, "org.gnu.gdb.s390.fpr"));
    /* read it back 100 bytes at a time */
    char req[64];
    size_t off = 0;
    static char got[16384];
    size_t glen = 0;
    for (int i = 0; i < 200; i++) {
        snprintf(req, sizeof(req), "qXfer:features:read:target.xml:%zx,64", off);
        queue_packet(r.p, req);
        off += 0x64;
        if (off >= len + 0x64)
            break;
    }
    queue_packet(r.p, "qXfer:features:read:other.xml:0,64");
    serve_then_kill(&r);
    for (;;) {
        const char *c = next_reply(r.p);
        if (c[0] == 'E')
            break;
        CHECK(c[0] == 'm' || c[0] == 'l');
        /* the XML holds no byte that needs escaping */
        size_t n = strlen(c + 1);
        memcpy(got + glen, c + 1, n);
        glen += n;
        if (c[0] == 'l' && n == 0)
            continue;
    }
    CHECK_EQ(glen, len);
    CHECK(!memcmp(got, xml, len));
    /* GDB's register order: pswm pswa r0..r15 acr0..15 fpc f0..15 */
    const char *p1 = strstr(xml, "\"pswm\""), *p2 = strstr(xml, "\"pswa\""),
               *p3 = strstr(xml, "\"r15\""), *p4 = strstr(xml, "\"acr0\""),
               *p5 = strstr(xml, "\"fpc\""), *p6 = strstr(xml, "\"f15\"");
    CHECK(p1 && p2 && p3 && p4 && p5 && p6);
    CHECK(p1 < p2 && p2 < p3 && p3 < p4 && p4 < p5 && p5 < p6);
    rig_free(&r);
}

TEST(gdb_registers_read)
{
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    for (int i = 0; i < 16; i++) {
        c->gr[i] = 0x0101010101010101ULL * (uint64_t)i + 0x1000;
        c->ar[i] = 0xA0000000u + (uint32_t)i;
        c->fpr[i] = 0xF000000000000000ULL + (uint64_t)i;
    }
    c->fpc = 0x00000001;
    c->psw_mask = PSW_MASK_EA | PSW_MASK_BA | (2ULL << PSW_SHIFT_CC);
    c->psw_addr = 0x123456;
    queue_packet(r.p, "g");
    queue_packet(r.p, "p0");
    queue_packet(r.p, "p1");
    queue_packet(r.p, "p4");
    queue_packet(r.p, "p12");           /* 0x12 = 18: acr0 */
    queue_packet(r.p, "p22");           /* 34: fpc */
    queue_packet(r.p, "p32");           /* 50: f15 */
    queue_packet(r.p, "p33");           /* 51: none */
    queue_packet(r.p, "pzz");
    serve_then_kill(&r);
    const char *g = next_reply(r.p);
    CHECK_EQ(strlen(g), 680);
    /* pswm: EA|BA|CC2 = 0x0000200180000000 */
    CHECK(!strncmp(g, "0000200180000000", 16));
    CHECK(!strncmp(g + 16, "0000000000123456", 16));
    CHECK(!strncmp(g + 32 + 16 * 2, "0202020202021202", 16));     /* r2 */
    CHECK(!strncmp(g + 32 + 16 * 16, "a0000000", 8));             /* acr0 */
    CHECK(!strncmp(g + 32 + 16 * 16 + 8 * 15, "a000000f", 8));    /* acr15 */
    CHECK(!strncmp(g + 32 + 16 * 16 + 8 * 16, "00000001", 8));    /* fpc */
    CHECK(!strncmp(g + 32 + 16 * 16 + 8 * 17, "f000000000000000", 16));    /* f0 */
    CHECK(!strncmp(g + 680 - 16, "f00000000000000f", 16));         /* f15 */
    EXPECT_REPLIES(r.p, "0000200180000000", "0000000000123456", "0202020202021202",
                   "a0000000", "00000001", "f00000000000000f", "E01", "E01");
    rig_free(&r);
}

TEST(gdb_registers_write)
{
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    const uint64_t mask0 = c->psw_mask;
    queue_packet(r.p, "P5=00000000deadbeef");          /* r3 */
    queue_packet(r.p, "P13=12345678");                 /* acr1 */
    queue_packet(r.p, "P23=400921fb54442d18");         /* f0 = pi */
    queue_packet(r.p, "P22=00000003");                 /* fpc: round toward -inf */
    queue_packet(r.p, "P22=00000004");                 /* rounding mode 4: refused */
    queue_packet(r.p, "P22=00000100");                 /* a DXC: fine */
    queue_packet(r.p, "P22=01000000");                 /* reserved bit 7: refused */
    /* pswm: only the CC and the program mask change */
    queue_packet(r.p, "P0=ffffffffffffffff");
    queue_packet(r.p, "P1=0000000000020000");
    queue_packet(r.p, "P5=1234");                      /* too short */
    queue_packet(r.p, "P40=00");                       /* no register 64 */
    serve_then_kill(&r);
    EXPECT_REPLIES(r.p, "OK", "OK", "OK", "OK", "E01", "OK", "E01", "OK", "OK", "E01", "E01");
    CHECK_EQ(c->gr[3], 0xdeadbeef);
    CHECK_EQ(c->ar[1], 0x12345678);
    CHECK_EQ(c->fpr[0], 0x400921fb54442d18ULL);
    CHECK_EQ(c->fpc, 0x100);
    CHECK_EQ(c->psw_mask, mask0 | PSW_MASK_CC | PSW_MASK_PM);
    CHECK_EQ(c->psw_addr, 0x20000);
    rig_free(&r);
}

TEST(gdb_registers_G_roundtrip_and_refusal)
{
    Rig r = rig_new();
    r.e->cpu.gr[7] = 77;
    queue_packet(r.p, "g");
    serve_then_kill(&r);
    static char g[1024];
    snprintf(g, sizeof(g), "G%s", next_reply(r.p));
    rig_free(&r);
    CHECK_EQ(strlen(g), 681);

    /* fpc := 7 (mode 7) without the floating-point extension in the test
     * machine: refused, and nothing else changes either */
    memcpy(g + 1 + 16 * 18 + 8 * 16, "00000007", 8);
    r = rig_new();
    queue_packet(r.p, g);
    serve_then_kill(&r);
    CHECK_STR(next_reply(r.p), "E01");
    CHECK_EQ(r.e->cpu.gr[7], 0);
    rig_free(&r);

    /* r7 := 0x99 (register 9, at 16 * 9), fpc := 2 */
    memcpy(g + 1 + 16 * 9, "0000000000000099", 16);
    memcpy(g + 1 + 16 * 18 + 8 * 16, "00000002", 8);
    r = rig_new();
    queue_packet(r.p, g);
    g[100] = 0;                         /* short */
    queue_packet(r.p, g);
    serve_then_kill(&r);
    CHECK_STR(next_reply(r.p), "OK");
    CHECK_STR(next_reply(r.p), "E01");
    CHECK_EQ(r.e->cpu.gr[7], 0x99);
    CHECK_EQ(r.e->cpu.fpc, 2);
    rig_free(&r);
}

/* ---- storage ---- */

TEST(gdb_memory_read_write)
{
    Rig r = rig_new();
    wr_be(r.e, 0x20000, 4, 0x11223344);
    queue_packet(r.p, "m20000,4");
    queue_packet(r.p, "M20002,3:a0b0c0");
    queue_packet(r.p, "m20000,6");
    /* X with binary data: 0x23 ('#') escaped as '}' 0x03 */
    static const char x[] = "X20010,2:}\x03" "A";
    queue_packet(r.p, x);
    queue_packet(r.p, "m20010,2");
    queue_packet(r.p, "X20010,0:");
    /* the last page of the 4 MiB of RAM and the first byte beyond it */
    queue_packet(r.p, "m3ffffe,4");
    queue_packet(r.p, "m400000,4");
    queue_packet(r.p, "M3fffff,2:0102");       /* partly beyond: nothing written */
    queue_packet(r.p, "m3fffff,1");
    queue_packet(r.p, "M20000,2:01");          /* short data */
    queue_packet(r.p, "m20000");               /* no length */
    serve_then_kill(&r);
    EXPECT_REPLIES(r.p, "11223344", "OK", "1122a0b0c000", "OK", "2341", "OK");
    CHECK_STR(next_reply(r.p), "0000");         /* the readable part */
    EXPECT_REPLIES(r.p, "E14", "E14", "00", "E01", "E01");
    rig_free(&r);
}

TEST(gdb_memory_write_ends_decoded_code)
{
    /* A debugger patch of code that already ran is seen by the next
     * execution of it (the fast loop's decoded copy dies). */
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    Asm a = asm_at(r.e, CODE);
    RI(&a, 0xA708, 2, 1);               /* LHI 2,1 */
    RR(&a, 0x07, 0xF, 14);              /* BR 14 */
    c->gr[14] = CODE;
    CHECK_EQ(cpu_run(c, 10), CPU_STEP_OK);
    CHECK_EQ(c->gr[2], 1);
    queue_packet(r.p, "M10002,2:0005");    /* LHI 2,5 */
    queue_packet(r.p, "c");
    bool killed;
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "OK");
    CHECK_EQ(c->gr[2], 5);
    rig_free(&r);
}

/* ---- run control ---- */

TEST(gdb_breakpoint_and_step)
{
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    Asm a = asm_at(r.e, CODE);
    RI(&a, 0xA708, 2, 1);               /* CODE+0  LHI 2,1 */
    RI(&a, 0xA70A, 2, 2);               /* CODE+4  AHI 2,2 */
    RR(&a, 0x1A, 2, 2);                 /* CODE+8  AR 2,2 */
    RI(&a, 0xA70A, 2, 1);               /* CODE+10 AHI 2,1 */
    RI(&a, 0xA704, 0xF, 0);             /* CODE+14 BRC 15,*: loop here */
    bool killed;
    queue_packet(r.p, "Z0,1000a,2");
    queue_packet(r.p, "c");
    CHECK_EQ(run(&r, &killed), CPU_STEP_OK);
    CHECK_STR(next_reply(r.p), "OK");
    CHECK(no_more_replies(r.p));        /* the stop is reported when served */
    CHECK_EQ(c->psw_addr, CODE + 10);
    CHECK_EQ(c->gr[2], 6);
    /* stop reply, then step over the breakpoint the way GDB does */
    queue_packet(r.p, "z0,1000a,2");
    queue_packet(r.p, "s");
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "T05thread:1;swbreak:;");
    CHECK_STR(next_reply(r.p), "OK");
    CHECK_EQ(c->psw_addr, CODE + 14);
    CHECK_EQ(c->gr[2], 7);
    /* vCont step of the one thread */
    queue_packet(r.p, "vCont;s:1;c");
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "T05thread:1;");
    CHECK_EQ(c->psw_addr, CODE + 14);   /* the loop branched to itself */
    /* a hardware breakpoint, reached at once: reported as hwbreak */
    queue_packet(r.p, "Z1,1000e,2");
    queue_packet(r.p, "vCont;c");
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "T05thread:1;");
    CHECK_STR(next_reply(r.p), "OK");
    queue_packet(r.p, "?");
    queue_packet(r.p, "z1,1000e,2");
    queue_packet(r.p, "z1,1000e,2");    /* not there any more */
    queue_packet(r.p, "Z9,0,0");        /* unknown type */
    queue_packet(r.p, "Z0,zz");
    queue_packet(r.p, "vCont;x");
    serve_then_kill(&r);
    EXPECT_REPLIES(r.p, "T05thread:1;hwbreak:;", "T05thread:1;hwbreak:;", "OK", "E16", "",
                   "E01", "E01");
    rig_free(&r);
}

TEST(gdb_resume_at_address)
{
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    Asm a = asm_at(r.e, CODE);
    RI(&a, 0xA708, 2, 1);               /* LHI 2,1 */
    RI(&a, 0xA708, 3, 1);               /* CODE+4 LHI 3,1 */
    bool killed;
    queue_packet(r.p, "s10004");
    run(&r, &killed);
    CHECK_EQ(c->gr[2], 0);
    CHECK_EQ(c->gr[3], 1);
    CHECK_EQ(c->psw_addr, CODE + 8);
    queue_packet(r.p, "S05;10000");     /* with a signal (not delivered) */
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "T05thread:1;");
    CHECK_EQ(c->gr[2], 1);
    rig_free(&r);
}

/* ASI adds to storage: run twice it would add twice. */
static void asi_program(TestEnv *e, uint64_t data)
{
    Asm a = asm_at(e, CODE);
    RI(&a, 0xA708, 2, 1);               /* CODE+0  LHI 2,1 */
    SIY(&a, 0xEB6A, 1, 4, 0);           /* CODE+4  ASI 0(4),1 */
    RI(&a, 0xA708, 3, 1);               /* CODE+10 LHI 3,1 */
    RI(&a, 0xA704, 0xF, 0);             /* CODE+14 BRC 15,* */
    e->cpu.gr[4] = data;
    wr_be(e, data, 4, 41);
}

TEST(gdb_watchpoint_reported_after_the_instruction)
{
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    asi_program(r.e, 0x20000);
    bool killed;
    queue_packet(r.p, "Z2,20002,2");
    queue_packet(r.p, "c");
    CHECK_EQ(run(&r, &killed), CPU_STEP_OK);
    CHECK_STR(next_reply(r.p), "OK");
    /* stopped after the ASI, which ran exactly once */
    CHECK_EQ(rd_be(r.e, 0x20000, 4), 42);
    CHECK_EQ(c->psw_addr, CODE + 10);
    CHECK_EQ(c->gr[3], 0);
    queue_packet(r.p, "z2,20002,2");
    queue_packet(r.p, "z2,20002,2");
    serve_then_kill(&r);
    EXPECT_REPLIES(r.p, "T05thread:1;watch:20002;", "OK", "E16");
    CHECK_EQ(r.e->m.nwp, 0);
    rig_free(&r);
}

TEST(gdb_watchpoint_kinds)
{
    /* ASI fetches and stores its operand: a read watchpoint reports
     * rwatch, an access watchpoint awatch, each after the ASI ran once; a
     * step that hits reports the watchpoint as well. */
    Rig r = rig_new();
    asi_program(r.e, 0x20000);
    bool killed;
    queue_packet(r.p, "Z3,20000,4");
    queue_packet(r.p, "c");
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "OK");
    CHECK_EQ(rd_be(r.e, 0x20000, 4), 42);
    CHECK_EQ(r.e->cpu.psw_addr, CODE + 10);
    queue_packet(r.p, "z3,20000,4");
    queue_packet(r.p, "Z4,20003,1");
    queue_packet(r.p, "s10004");        /* step the ASI again */
    run(&r, &killed);
    EXPECT_REPLIES(r.p, "T05thread:1;rwatch:20000;", "OK", "OK");
    CHECK_EQ(rd_be(r.e, 0x20000, 4), 43);
    CHECK_EQ(r.e->cpu.psw_addr, CODE + 10);
    queue_packet(r.p, "?");
    serve_then_kill(&r);
    CHECK_STR(next_reply(r.p), "T05thread:1;awatch:20003;");
    rig_free(&r);
}

TEST(gdb_watchpoint_before_mode)
{
    /* A page-crossing MVC: 16 bytes from 0x21ff8, the watchpoint on the
     * second page.  Reported before: nothing stored on either page, PSW at
     * the MVC.  The resume runs it once and reports the store again. */
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    Asm a = asm_at(r.e, CODE);
    SS_A(&a, 0xD2, 15, 4, 0, 5, 0);     /* CODE+0 MVC 0(16,4),0(5) */
    SIY(&a, 0xEB6A, 1, 6, 0);           /* CODE+6 ASI 0(6),1 */
    RI(&a, 0xA704, 0xF, 0);             /* CODE+12 BRC 15,* */
    c->gr[4] = 0x21ff8;
    c->gr[5] = 0x30000;
    c->gr[6] = 0x31000;
    for (int i = 0; i < 16; i++)
        wr_be(r.e, 0x30000 + (uint64_t)i, 1, 0x41 + (uint64_t)i);
    wr_be(r.e, 0x31000, 4, 7);
    char mon[64] = "qRcmd,";
    rsp_to_hex(mon + 6, (const uint8_t *)"watch before", 12);
    mon[6 + 24] = 0;
    queue_packet(r.p, mon);
    queue_packet(r.p, "Z2,22000,8");
    queue_packet(r.p, "Z2,31000,4");
    queue_packet(r.p, "c");
    bool killed;
    run(&r, &killed);
    const char *o = next_reply(r.p);
    CHECK_EQ(o[0], 'O');
    EXPECT_REPLIES(r.p, "OK", "OK", "OK");
    CHECK_EQ(c->psw_addr, CODE);
    CHECK_EQ(rd_be(r.e, 0x21ff8, 8), 0);
    CHECK_EQ(rd_be(r.e, 0x22000, 8), 0);
    queue_packet(r.p, "m21ff8,10");
    queue_packet(r.p, "c");
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "T05thread:1;watch:22000;");
    CHECK_STR(next_reply(r.p), "00000000000000000000000000000000");
    CHECK_EQ(c->psw_addr, CODE + 6);
    CHECK_EQ(rd_be(r.e, 0x21ff8, 8), 0x4142434445464748ULL);
    CHECK_EQ(rd_be(r.e, 0x22000, 8), 0x494A4B4C4D4E4F50ULL);
    /* the ASI: hit before, then (a store) after; added once */
    queue_packet(r.p, "c");
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "T05thread:1;watch:22000;");
    CHECK_EQ(c->psw_addr, CODE + 6);
    CHECK_EQ(rd_be(r.e, 0x31000, 4), 7);
    queue_packet(r.p, "s");
    run(&r, &killed);
    CHECK_STR(next_reply(r.p), "T05thread:1;watch:31000;");
    CHECK_EQ(c->psw_addr, CODE + 12);
    CHECK_EQ(rd_be(r.e, 0x31000, 4), 8);
    queue_packet(r.p, "?");
    serve_then_kill(&r);
    CHECK_STR(next_reply(r.p), "T05thread:1;watch:31000;");
    rig_free(&r);
}

TEST(gdb_ctrl_c_interrupts_a_running_program)
{
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    Asm a = asm_at(r.e, CODE);
    RI(&a, 0xA704, 0xF, 0);             /* BRC 15,*: forever */
    bool killed;
    queue_packet(r.p, "c");
    CHECK_EQ(run(&r, &killed), CPU_STEP_OK);    /* a batch, no stop yet */
    queue_raw(r.p, "\x03", 1);
    CHECK_EQ(run(&r, &killed), CPU_STEP_OK);
    queue_packet(r.p, "?");
    serve_then_kill(&r);
    CHECK_STR(next_reply(r.p), "T02thread:1;");
    CHECK_STR(next_reply(r.p), "T02thread:1;");
    CHECK_EQ(c->psw_addr, CODE);
    rig_free(&r);
}

TEST(gdb_detach_and_lost_connection)
{
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    Asm a = asm_at(r.e, CODE);
    RI(&a, 0xA70A, 2, 1);               /* AHI 2,1 */
    RI(&a, 0xA704, 0xF, -2);            /* BRC 15,-4 */
    bool killed;
    queue_packet(r.p, "Z0,10000,2");
    queue_packet(r.p, "Z2,20000,4");
    queue_packet(r.p, "D");
    CHECK_EQ(run(&r, &killed), CPU_STEP_OK);
    CHECK(!killed);
    EXPECT_REPLIES(r.p, "OK", "OK", "OK");
    CHECK(!gdb_stub_attached(r.s));
    CHECK_EQ(r.e->m.nwp, 0);            /* watchpoints gone with the debugger */
    CHECK_EQ(c->gr[2], 32);             /* 64 instructions, no breakpoint */
    gdb_stub_exited(r.s, 0, 0);
    CHECK(no_more_replies(r.p));
    rig_free(&r);

    /* the debugger disappears: the program runs on */
    r = rig_new();
    c = &r.e->cpu;
    a = asm_at(r.e, CODE);
    RI(&a, 0xA70A, 2, 1);
    RI(&a, 0xA704, 0xF, -2);
    queue_packet(r.p, "Z0,10000,2");
    run(&r, &killed);
    CHECK(!killed);
    CHECK_EQ(c->gr[2], 32);
    rig_free(&r);
}

TEST(gdb_guest_signal_stops_first)
{
    /* A guest signal is reported as T<signal> and GDB's resume decides:
     * C passes a signal (GDB's numbering: 0x1e is SIGUSR1, Linux 10), c
     * drops it, k kills. */
    Rig r = rig_new();
    CPUState *c = &r.e->cpu;
    Asm a = asm_at(r.e, CODE);
    RI(&a, 0xA70A, 2, 1);               /* AHI 2,1 */
    queue_packet(r.p, "C0b");
    CHECK_EQ(gdb_stub_signal(r.s, 11), 11);
    queue_packet(r.p, "vCont;C1e:1");
    CHECK_EQ(gdb_stub_signal(r.s, 11), 10);
    queue_packet(r.p, "p1");
    queue_packet(r.p, "c");
    CHECK_EQ(gdb_stub_signal(r.s, 4), 0);
    EXPECT_REPLIES(r.p, "T0bthread:1;", "T0bthread:1;", "T04thread:1;",
                   "0000000000010000");
    /* a step that delivers a signal ends before the handler's first
     * instruction runs */
    queue_packet(r.p, "S08");
    CHECK_EQ(gdb_stub_signal(r.s, 8), 8);
    c->psw_addr = CODE;                 /* "the handler" */
    bool killed;
    CHECK_EQ(run(&r, &killed), CPU_STEP_OK);
    CHECK_EQ(c->gr[2], 0);
    CHECK_EQ(c->psw_addr, CODE);
    queue_packet(r.p, "s");
    run(&r, &killed);
    CHECK_EQ(c->gr[2], 1);              /* the next step runs it */
    queue_packet(r.p, "k");
    CHECK_EQ(gdb_stub_signal(r.s, 11), -1);
    EXPECT_REPLIES(r.p, "T08thread:1;", "T05thread:1;", "T0bthread:1;");
    /* no debugger: the signal goes to the program */
    CHECK_EQ(gdb_stub_signal(r.s, 11), 11);
    rig_free(&r);
    CHECK_EQ(gdb_signal_to_linux(0x1e), 10);
    CHECK_EQ(gdb_signal_to_linux(0x0b), 11);
    CHECK_EQ(gdb_signal_to_linux(143), 16);     /* "unknown": the first that maps there */
    CHECK_EQ(gdb_signal_to_linux(200), 0);
}

TEST(gdb_exit_reports)
{
    Rig r = rig_new();
    gdb_stub_exited(r.s, 42, 0);
    CHECK_STR(next_reply(r.p), "W2a");
    gdb_stub_exited(r.s, 1, 0);         /* reported once */
    CHECK(no_more_replies(r.p));
    rig_free(&r);
    r = rig_new();
    gdb_stub_exited(r.s, 0, 11);
    CHECK_STR(next_reply(r.p), "X0b");
    rig_free(&r);
    /* Linux numbers that GDB numbers its own way */
    CHECK_EQ(gdb_signal_from_linux(7), 10);     /* SIGBUS */
    CHECK_EQ(gdb_signal_from_linux(10), 30);    /* SIGUSR1 */
    CHECK_EQ(gdb_signal_from_linux(12), 31);    /* SIGUSR2 */
    CHECK_EQ(gdb_signal_from_linux(17), 20);    /* SIGCHLD */
    CHECK_EQ(gdb_signal_from_linux(19), 17);    /* SIGSTOP */
    CHECK_EQ(gdb_signal_from_linux(31), 12);    /* SIGSYS */
    CHECK_EQ(gdb_signal_from_linux(34), 46);    /* SIG34 */
    CHECK_EQ(gdb_signal_from_linux(9), 9);
}

TEST(gdb_nack_resends_and_bad_checksum_is_nacked)
{
    Rig r = rig_new();
    queue_packet(r.p, "qC");
    queue_raw(r.p, "-", 1);
    queue_raw(r.p, "$qC#00", 6);        /* wrong checksum */
    serve_then_kill(&r);
    /* +, $QC1#.., the resent $QC1#.., then '-' for the bad packet, '+' for k */
    CHECK_STR(next_reply(r.p), "QC1");
    CHECK_STR(next_reply(r.p), "QC1");
    CHECK(no_more_replies(r.p));
    CHECK(memchr(r.p->out, '-', r.p->out_len) != NULL);
    rig_free(&r);
}

TEST(gdb_monitor_help_and_unknown_packets)
{
    Rig r = rig_new();
    char mon[64] = "qRcmd,";
    rsp_to_hex(mon + 6, (const uint8_t *)"help", 4);
    mon[6 + 8] = 0;
    queue_packet(r.p, mon);
    queue_packet(r.p, "qRcmd,zz");
    queue_packet(r.p, "!");
    queue_packet(r.p, "vFile:open:x");
    queue_packet(r.p, "");
    serve_then_kill(&r);
    CHECK_EQ(next_reply(r.p)[0], 'O');
    EXPECT_REPLIES(r.p, "OK", "E01", "", "", "");
    rig_free(&r);
}

/* ---- fuzz ---- */

static const char *const seeds[] = {
    "?", "g", "G00", "p0", "p22", "P2=0000000000000001", "P22=ffffffff", "m10000,10",
    "m0,4000", "mffffffffffffffff,10", "M10000,2:0707", "X10000,2:ab", "c", "s", "C05",
    "S0b;10000", "vCont;c", "vCont;s:1", "vCont;C05:p1.1", "vCont?", "Z0,10000,2",
    "z0,10000,2", "Z2,20000,4", "Z3,20000,8", "Z4,fffffffffffffffe,4", "z2,20000,4",
    "qSupported:xmlRegisters=i386", "qXfer:features:read:target.xml:0,ffb",
    "qXfer:auxv:read::0,8", "qRcmd,7761746368206265666f7265", "qRcmd,68656c70",
    "qAttached:1", "qC", "qfThreadInfo", "QStartNoAckMode", "Hg0", "T1", "D", "k",
};

TEST(gdb_fuzz_random_and_mutated_packets)
{
    uint64_t seed = 0x5EEDF00DULL;
    static char pkt[600];
    for (int round = 0; round < 300; round++) {
        Rig r = rig_new();
        Asm a = asm_at(r.e, CODE);
        SIY(&a, 0xEB6A, 1, 4, 0);       /* ASI 0(4),1 */
        RI(&a, 0xA704, 0xF, -3);        /* BRC 15,-6 */
        r.e->cpu.gr[4] = 0x20000;
        r.p->max_read = 1 + test_rand(&seed) % 7;
        for (int k = 0; k < 40; k++) {
            uint64_t x = test_rand(&seed);
            if (x % 5 == 0) {
                /* raw garbage, with framing characters now and then */
                size_t n = 1 + test_rand(&seed) % 64;
                for (size_t i = 0; i < n; i++) {
                    uint64_t y = test_rand(&seed);
                    pkt[i] = y % 9 == 0 ? "$#+-}\x03*"[y % 7] : (char)(y >> 8);
                }
                queue_raw(r.p, pkt, n);
                continue;
            }
            const char *sd = seeds[test_rand(&seed) % (sizeof(seeds) / sizeof(seeds[0]))];
            size_t n = strlen(sd);
            memcpy(pkt, sd, n);
            /* mutations: flip, insert, truncate, extend */
            int muts = (int)(test_rand(&seed) % 4);
            for (int m = 0; m < muts; m++) {
                uint64_t y = test_rand(&seed);
                switch (y % 4) {
                case 0:
                    if (n)
                        pkt[y / 4 % n] = (char)(y >> 16);
                    break;
                case 1:
                    if (n < sizeof(pkt) - 1) {
                        size_t at = n ? y / 4 % (n + 1) : 0;
                        memmove(pkt + at + 1, pkt + at, n - at);
                        pkt[at] = "0123456789abcdef,:;-=xXp"[(y >> 16) % 24];
                        n++;
                    }
                    break;
                case 2:
                    n = n ? y / 4 % n : 0;
                    break;
                default:
                    while (n < sizeof(pkt) - 1 && (y >>= 3) % 5)
                        pkt[n++] = "f0,"[y % 3];
                    break;
                }
            }
            pkt[n] = 0;
            if (x % 7 == 0) {
                /* a bad checksum */
                char b[700];
                int len = snprintf(b, sizeof(b), "$%s#%02x", pkt, (unsigned)(x >> 8) & 0xFF);
                queue_raw(r.p, b, (size_t)len);
            } else {
                queue_packet(r.p, pkt);
            }
        }
        /* Run until the input is used up (the stub then sees the debugger
         * gone and detaches) or the program is killed. */
        for (int i = 0; i < 200; i++) {
            bool killed = false;
            if (i % 3 == 2 && gdb_stub_signal(r.s, 11) < 0)
                break;                  /* a guest signal, and GDB killed */
            CpuStepResult res = gdb_stub_run(r.s, 8, &killed);
            if (killed || res == CPU_STEP_STOP || res == CPU_STEP_ERROR ||
                (!gdb_stub_attached(r.s) && r.p->in_pos == r.p->in_len))
                break;
        }
        CHECK(r.p->out_len <= sizeof(r.p->out));
        rig_free(&r);
    }
    /* the stub still answers after all that */
    Rig r = rig_new();
    queue_raw(r.p, "}}}$$$#\x03\x03garbage", 16);
    queue_packet(r.p, "?");
    serve_then_kill(&r);
    CHECK_STR(next_reply(r.p), "T05thread:1;");
    rig_free(&r);
}
