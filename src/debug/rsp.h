/* GDB Remote Serial Protocol: packet framing and the hex encodings.
 *
 * A packet is `$payload#cc`, cc the two-hex-digit sum modulo 256 of the
 * payload bytes.  The receiver answers `+` (good) or `-` (send again) until
 * both sides agree to QStartNoAckMode.  Outside a packet the byte 0x03 is
 * the debugger's interrupt request (Ctrl-C).  Binary payloads (X, qXfer
 * replies) escape `$ # } *` as `}` followed by the byte XOR 0x20.
 *
 * The parser takes one byte at a time, so it sees exactly what the socket
 * delivered, keeps no state outside RspParser, and turns any input -- bad
 * checksums, garbage between packets, packets longer than RSP_MAX_PAYLOAD
 * -- into an event the stub can answer; it never reads or writes outside
 * its buffer. */
#ifndef ZEMU_DEBUG_RSP_H
#define ZEMU_DEBUG_RSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest payload accepted (and advertised as PacketSize): a 'G'
 * packet of the s390x registers is 680 characters, an 'X' of 4 KiB at most
 * twice that. */
#define RSP_MAX_PAYLOAD 16384

typedef enum RspEvent {
    RSP_EV_NONE = 0,    /* byte taken, nothing complete yet (or ignored garbage) */
    RSP_EV_PACKET,      /* a packet with a correct checksum: buf[0..len), NUL-terminated */
    RSP_EV_BAD_PACKET,  /* wrong or malformed checksum, or longer than RSP_MAX_PAYLOAD */
    RSP_EV_ACK,         /* '+' */
    RSP_EV_NACK,        /* '-': resend the last packet */
    RSP_EV_INTERRUPT,   /* 0x03 outside a packet */
} RspEvent;

typedef struct RspParser {
    uint8_t state;      /* RSP_S_* (rsp.c) */
    uint8_t sum;        /* running checksum of the payload */
    uint8_t csum;       /* checksum digits received so far */
    bool bad;           /* overlong or bad digit: the packet will be refused */
    size_t len;
    char buf[RSP_MAX_PAYLOAD + 1];
} RspParser;

void rsp_parser_init(RspParser *p);

/* Feeds one received byte; returns what it completed. */
RspEvent rsp_feed(RspParser *p, uint8_t c);

/* Frames payload[0..n) as `$...#cc` into out (capacity cap, at least 4 + 2n
 * when escaping).  binary: escape `$ # } *` (qXfer replies); otherwise the
 * payload must not contain them.  Returns the framed length, or 0 when it
 * does not fit. */
size_t rsp_frame(char *out, size_t cap, const void *payload, size_t n, bool binary);

/* Undoes the binary escapes of an X packet's data in place; returns the
 * decoded length, or -1 for a `}` at the very end. */
long rsp_unescape(uint8_t *buf, size_t n);

/* Hex helpers.  rsp_hex_value: 0-15, or -1 for a non-hex character. */
int rsp_hex_value(int c);
/* Writes 2n lowercase hex digits of bytes[0..n) to out (no NUL). */
void rsp_to_hex(char *out, const uint8_t *bytes, size_t n);
/* Reads exactly 2n hex digits into bytes; false on a non-hex digit. */
bool rsp_from_hex(uint8_t *bytes, const char *hex, size_t n);
/* Parses a hex number at *s (at least one digit, at most 16 significant),
 * advancing *s past it; false when there is no digit or it overflows. */
bool rsp_parse_hex(const char **s, uint64_t *v);

#endif
