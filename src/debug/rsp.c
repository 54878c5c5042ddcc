/* GDB Remote Serial Protocol framing (see rsp.h). */
#include "debug/rsp.h"

enum { RSP_S_IDLE, RSP_S_DATA, RSP_S_CSUM1, RSP_S_CSUM2 };

void rsp_parser_init(RspParser *p)
{
    p->state = RSP_S_IDLE;
    p->len = 0;
    p->sum = 0;
    p->csum = 0;
    p->bad = false;
    p->buf[0] = 0;
}

int rsp_hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void start_packet(RspParser *p)
{
    p->state = RSP_S_DATA;
    p->len = 0;
    p->sum = 0;
    p->csum = 0;
    p->bad = false;
}

RspEvent rsp_feed(RspParser *p, uint8_t c)
{
    switch (p->state) {
    case RSP_S_IDLE:
        if (c == '$') {
            start_packet(p);
            return RSP_EV_NONE;
        }
        if (c == '+')
            return RSP_EV_ACK;
        if (c == '-')
            return RSP_EV_NACK;
        if (c == 0x03)
            return RSP_EV_INTERRUPT;
        return RSP_EV_NONE;            /* noise between packets */
    case RSP_S_DATA:
        if (c == '$') {
            /* A new start inside a packet: the debugger gave up on the
             * old one (a lost '#'); the new one counts. */
            start_packet(p);
            return RSP_EV_NONE;
        }
        if (c == '#') {
            p->state = RSP_S_CSUM1;
            return RSP_EV_NONE;
        }
        p->sum = (uint8_t)(p->sum + c);
        if (p->len < RSP_MAX_PAYLOAD)
            p->buf[p->len++] = (char)c;
        else
            p->bad = true;             /* keep counting to the '#', then refuse */
        return RSP_EV_NONE;
    case RSP_S_CSUM1: {
        int v = rsp_hex_value(c);
        if (v < 0)
            p->bad = true;
        p->csum = (uint8_t)((v < 0 ? 0 : v) << 4);
        p->state = RSP_S_CSUM2;
        return RSP_EV_NONE;
    }
    default: {
        int v = rsp_hex_value(c);
        p->state = RSP_S_IDLE;
        p->buf[p->len] = 0;
        if (v < 0 || p->bad || (uint8_t)(p->csum | v) != p->sum) {
            p->len = 0;
            p->buf[0] = 0;
            return RSP_EV_BAD_PACKET;
        }
        return RSP_EV_PACKET;
    }
    }
}

static bool needs_escape(uint8_t c)
{
    return c == '$' || c == '#' || c == '}' || c == '*';
}

size_t rsp_frame(char *out, size_t cap, const void *payload, size_t n, bool binary)
{
    static const char hexd[] = "0123456789abcdef";
    const uint8_t *in = payload;
    size_t o = 0;
    uint8_t sum = 0;
    if (cap < 4)
        return 0;
    out[o++] = '$';
    for (size_t i = 0; i < n; i++) {
        uint8_t c = in[i];
        if (binary && needs_escape(c)) {
            if (o + 2 > cap - 3)
                return 0;
            out[o++] = '}';
            sum = (uint8_t)(sum + '}');
            c ^= 0x20;
        } else if (o + 1 > cap - 3) {
            return 0;
        }
        out[o++] = (char)c;
        sum = (uint8_t)(sum + c);
    }
    out[o++] = '#';
    out[o++] = hexd[sum >> 4];
    out[o++] = hexd[sum & 15];
    return o;
}

long rsp_unescape(uint8_t *buf, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '}') {
            if (++i == n)
                return -1;
            buf[o++] = buf[i] ^ 0x20;
        } else {
            buf[o++] = buf[i];
        }
    }
    return (long)o;
}

void rsp_to_hex(char *out, const uint8_t *bytes, size_t n)
{
    static const char hexd[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hexd[bytes[i] >> 4];
        out[2 * i + 1] = hexd[bytes[i] & 15];
    }
}

bool rsp_from_hex(uint8_t *bytes, const char *hex, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = rsp_hex_value((unsigned char)hex[2 * i]);
        int lo = hi < 0 ? -1 : rsp_hex_value((unsigned char)hex[2 * i + 1]);
        if (lo < 0)
            return false;
        bytes[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

bool rsp_parse_hex(const char **s, uint64_t *v)
{
    const char *p = *s;
    uint64_t x = 0;
    int d, digits = 0;
    while ((d = rsp_hex_value((unsigned char)*p)) >= 0) {
        if (x >> 60)
            return false;              /* a 17th significant digit */
        x = x << 4 | (uint64_t)d;
        p++;
        digits++;
    }
    if (!digits)
        return false;
    *v = x;
    *s = p;
    return true;
}
