/* Byte, bulk, move, set and compare over prepared operands.
 *
 * Nothing here can fault or translate: every byte lies in a fragment that
 * probe() already checked.  Work is split into pieces inside which both
 * operands sit in one fragment each (at most three pieces for two
 * two-fragment operands); a piece over host pointers uses memmove/memset/
 * memcmp, a piece touching a handle goes byte by byte, left to right, each
 * byte read and written once. */
#include "access/access.h"

#include <string.h>

/* Fragment and offset within it of operand byte off. */
static inline const PageAccess *frag_of(const StorageAccess *sa, uint32_t off, uint32_t *in)
{
    if (off < sa->frag[0].len) {
        *in = off;
        return &sa->frag[0];
    }
    *in = off - sa->frag[0].len;
    return &sa->frag[1];
}

void access_note_store(StorageAccess *sa, uint32_t off, uint32_t n)
{
    if (sa->st_hi == sa->st_lo) {
        sa->st_lo = off;
        sa->st_hi = off + n;
        return;
    }
    if (off < sa->st_lo)
        sa->st_lo = off;
    if (off + n > sa->st_hi)
        sa->st_hi = off + n;
}

static inline uint8_t pa_get(CPUState *cpu, const PageAccess *p, uint32_t in)
{
    return p->host ? p->host[in] : storage_read_byte(&cpu->machine->storage, p->abs + in);
}

static inline void pa_put(CPUState *cpu, const PageAccess *p, uint32_t in, uint8_t v)
{
    if (p->host)
        p->host[in] = v;
    else
        storage_write_byte(&cpu->machine->storage, p->abs + in, v);
}

uint8_t access_get_byte(CPUState *cpu, const StorageAccess *sa, uint32_t off)
{
    uint32_t in;
    const PageAccess *p = frag_of(sa, off, &in);
    return pa_get(cpu, p, in);
}

void access_put_byte(CPUState *cpu, StorageAccess *sa, uint32_t off, uint8_t v)
{
    uint32_t in;
    const PageAccess *p = frag_of(sa, off, &in);
    pa_put(cpu, p, in, v);
    access_note_store(sa, off, 1);
}

void access_read(CPUState *cpu, const StorageAccess *sa, uint32_t off, void *buf, uint32_t n)
{
    uint8_t *b = buf;
    while (n) {
        uint32_t in;
        const PageAccess *p = frag_of(sa, off, &in);
        uint32_t c = p->len - in < n ? p->len - in : n;
        if (p->host) {
            memcpy(b, p->host + in, c);
        } else {
            for (uint32_t i = 0; i < c; i++)
                b[i] = storage_read_byte(&cpu->machine->storage, p->abs + in + i);
        }
        b += c;
        off += c;
        n -= c;
    }
}

void access_write(CPUState *cpu, StorageAccess *sa, uint32_t off, const void *buf, uint32_t n)
{
    const uint8_t *b = buf;
    if (n)
        access_note_store(sa, off, n);
    while (n) {
        uint32_t in;
        const PageAccess *p = frag_of(sa, off, &in);
        uint32_t c = p->len - in < n ? p->len - in : n;
        if (p->host) {
            memcpy(p->host + in, b, c);
        } else {
            for (uint32_t i = 0; i < c; i++)
                storage_write_byte(&cpu->machine->storage, p->abs + in + i, b[i]);
        }
        b += c;
        off += c;
        n -= c;
    }
}

uint64_t access_get_be(CPUState *cpu, const StorageAccess *sa, uint32_t off, unsigned size)
{
    uint8_t b[8];
    uint64_t v = 0;
    access_read(cpu, sa, off, b, size);
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | b[i];
    return v;
}

void access_put_be(CPUState *cpu, StorageAccess *sa, uint32_t off, unsigned size, uint64_t v)
{
    uint8_t b[8];
    for (int i = (int)size - 1; i >= 0; i--, v >>= 8)
        b[i] = (uint8_t)v;
    access_write(cpu, sa, off, b, size);
}

void access_move(CPUState *cpu, StorageAccess *dst, uint32_t doff, const StorageAccess *src,
                 uint32_t soff, uint32_t n)
{
    if (n)
        access_note_store(dst, doff, n);
    while (n) {
        uint32_t din, sin;
        const PageAccess *dp = frag_of(dst, doff, &din);
        const PageAccess *sp = frag_of(src, soff, &sin);
        uint32_t c = n;
        if (dp->len - din < c)
            c = dp->len - din;
        if (sp->len - sin < c)
            c = sp->len - sin;
        if (dp->host && sp->host) {
            access_host_move(dp->host + din, sp->host + sin, c);
        } else {
            for (uint32_t i = 0; i < c; i++)
                pa_put(cpu, dp, din + i, pa_get(cpu, sp, sin + i));
        }
        doff += c;
        soff += c;
        n -= c;
    }
}

void access_host_zero(uint8_t *d, uint32_t n)
{
    memset(d, 0, n);
}

void access_set(CPUState *cpu, StorageAccess *dst, uint32_t off, uint32_t n, uint8_t byte)
{
    if (n)
        access_note_store(dst, off, n);
    while (n) {
        uint32_t in;
        const PageAccess *p = frag_of(dst, off, &in);
        uint32_t c = p->len - in < n ? p->len - in : n;
        if (p->host) {
            memset(p->host + in, byte, c);
        } else {
            for (uint32_t i = 0; i < c; i++)
                storage_write_byte(&cpu->machine->storage, p->abs + in + i, byte);
        }
        off += c;
        n -= c;
    }
}

uint32_t access_compare(CPUState *cpu, const StorageAccess *a, uint32_t aoff,
                        const StorageAccess *b, uint32_t boff, uint32_t n)
{
    uint32_t done = 0;
    while (done < n) {
        uint32_t ain, bin;
        const PageAccess *ap = frag_of(a, aoff + done, &ain);
        const PageAccess *bp = frag_of(b, boff + done, &bin);
        uint32_t c = n - done;
        if (ap->len - ain < c)
            c = ap->len - ain;
        if (bp->len - bin < c)
            c = bp->len - bin;
        if (ap->host && bp->host) {
            if (memcmp(ap->host + ain, bp->host + bin, c) != 0) {
                for (uint32_t i = 0; i < c; i++)
                    if (ap->host[ain + i] != bp->host[bin + i])
                        return done + i + 1;
            }
        } else {
            for (uint32_t i = 0; i < c; i++)
                if (pa_get(cpu, ap, ain + i) != pa_get(cpu, bp, bin + i))
                    return done + i + 1;
        }
        done += c;
    }
    return 0;
}

bool access_overlap(const StorageAccess *a, const StorageAccess *b)
{
    for (int i = 0; i < a->nfrag; i++)
        for (int j = 0; j < b->nfrag; j++) {
            const PageAccess *x = &a->frag[i], *y = &b->frag[j];
            if (x->abs < y->abs + y->len && y->abs < x->abs + x->len)
                return true;
        }
    return false;
}
