/* An I/O region for tests that logs every byte access in order, so a test
 * can prove the byte-wise path: each byte read or written once, in the
 * architectural order.  Pass an IoLog as the opaque pointer of
 * storage_add_io() with iolog_read / iolog_write as callbacks. */
#ifndef ZEMU_IOLOG_H
#define ZEMU_IOLOG_H

#include <stdint.h>

#define IOLOG_BYTES  0x2000
#define IOLOG_EVENTS 0x4000

typedef struct IoLog {
    uint8_t mem[IOLOG_BYTES];               /* the region's contents */
    struct { char op; uint32_t off; uint8_t v; } ev[IOLOG_EVENTS];   /* 'r' or 'w' */
    int n;
} IoLog;

uint8_t iolog_read(void *opaque, uint64_t off);
void iolog_write(void *opaque, uint64_t off, uint8_t v);

#endif
