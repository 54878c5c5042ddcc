#include "iolog.h"

#include <stdio.h>
#include <stdlib.h>

static void iolog_event(IoLog *l, char op, uint64_t off, uint8_t v)
{
    if (off >= IOLOG_BYTES || l->n >= IOLOG_EVENTS) {
        fprintf(stderr, "iolog: access at offset %#llx or event %d out of range\n",
                (unsigned long long)off, l->n);
        abort();
    }
    l->ev[l->n].op = op;
    l->ev[l->n].off = (uint32_t)off;
    l->ev[l->n].v = v;
    l->n++;
}

uint8_t iolog_read(void *opaque, uint64_t off)
{
    IoLog *l = opaque;
    iolog_event(l, 'r', off, off < IOLOG_BYTES ? l->mem[off] : 0);
    return l->mem[off];
}

void iolog_write(void *opaque, uint64_t off, uint8_t v)
{
    IoLog *l = opaque;
    iolog_event(l, 'w', off, v);
    l->mem[off] = v;
}
