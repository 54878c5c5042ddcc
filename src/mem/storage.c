/* Guest absolute storage (see storage.h). */
#include "mem/storage.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int storage_init(Storage *s, uint64_t ram_size)
{
    memset(s, 0, sizeof(*s));
    ram_size = (ram_size + PAGE_SIZE - 1) & PAGE_MASK;
    if (ram_size == 0) {
        errno = EINVAL;
        return -1;
    }
    /* MAP_NORESERVE: frames are committed by the host only when touched, so
     * a large guest costs what it uses. */
    void *p = mmap(NULL, ram_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    s->ram = p;
    s->ram_size = ram_size;
    s->key_frames = ram_size / PAGE_SIZE;
    /* Keys: one byte per frame, also sparse (a 16 GiB guest has 4 Mi frames). */
    p = mmap(NULL, s->key_frames, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        munmap(s->ram, ram_size);
        s->ram = NULL;
        return -1;
    }
    s->keys = p;
    p = mmap(NULL, s->key_frames * sizeof(*s->code_gen), PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        munmap(s->keys, s->key_frames);
        munmap(s->ram, ram_size);
        s->keys = s->ram = NULL;
        return -1;
    }
    s->code_gen = p;
    return 0;
}

void storage_advise_dense(Storage *s, uint64_t from)
{
    /* madvise wants a page-aligned start; a hint, so its failure (a host
     * without transparent huge pages) changes nothing. */
    from = (from + PAGE_SIZE - 1) & PAGE_MASK;
    if (from < s->ram_size)
        (void)madvise(s->ram + from, s->ram_size - from, MADV_HUGEPAGE);
}

void storage_destroy(Storage *s)
{
    if (s->ram)
        munmap(s->ram, s->ram_size);
    if (s->keys)
        munmap(s->keys, s->key_frames);
    if (s->code_gen)
        munmap((void *)s->code_gen, s->key_frames * sizeof(*s->code_gen));
    memset(s, 0, sizeof(*s));
}

int storage_add_io(Storage *s, uint64_t base, uint64_t size, io_read_fn rd, io_write_fn wr,
                   void *opaque)
{
    if (s->nio == STORAGE_MAX_IO || size == 0 || (base | size) & ~PAGE_MASK || base + size < base)
        return -1;
    for (int i = 0; i < s->nio; i++)
        if (base < s->io[i].base + s->io[i].size && s->io[i].base < base + size)
            return -1;
    s->io[s->nio++] = (IORegion){ base, size, rd, wr, opaque };
    return 0;
}

const IORegion *storage_io_at(const Storage *s, uint64_t abs)
{
    for (int i = 0; i < s->nio; i++)
        if (abs - s->io[i].base < s->io[i].size)
            return &s->io[i];
    return NULL;
}

bool storage_valid(const Storage *s, uint64_t abs)
{
    return abs < s->ram_size || storage_io_at(s, abs) != NULL;
}

uint8_t *storage_host(const Storage *s, uint64_t abs)
{
    if (abs >= s->ram_size || (s->nio && storage_io_at(s, abs)))
        return NULL;
    return s->ram + abs;
}

/* I/O frames above RAM have no key byte; they behave as key 0, F = 0. */
uint8_t storage_key(const Storage *s, uint64_t abs)
{
    uint64_t f = abs / PAGE_SIZE;
    return f < s->key_frames ? s->keys[f] : 0;
}

void storage_set_key(Storage *s, uint64_t abs, uint8_t key)
{
    uint64_t f = abs / PAGE_SIZE;
    if (f < s->key_frames)
        s->keys[f] = key & 0xFE;
}

void storage_or_key(Storage *s, uint64_t abs, uint8_t bits)
{
    uint64_t f = abs / PAGE_SIZE;
    if (f < s->key_frames && (s->keys[f] & bits) != bits)
        s->keys[f] |= bits;
}

uint8_t storage_read_byte(const Storage *s, uint64_t abs)
{
    const IORegion *io = s->nio ? storage_io_at(s, abs) : NULL;
    if (io)
        return io->read ? io->read(io->opaque, abs - io->base) : 0xFF;
    return abs < s->ram_size ? s->ram[abs] : 0xFF;
}

void storage_write_byte(Storage *s, uint64_t abs, uint8_t v)
{
    const IORegion *io = s->nio ? storage_io_at(s, abs) : NULL;
    if (io) {
        if (io->write)
            io->write(io->opaque, abs - io->base, v);
        return;
    }
    if (abs < s->ram_size) {
        s->ram[abs] = v;
        if (storage_code_marked(s, abs))
            storage_code_written(s, abs, 1);
    }
}

uint64_t storage_read_u64(const Storage *s, uint64_t abs)
{
    uint64_t v = 0;
    if (abs + 8 <= s->ram_size && abs + 8 > abs && !s->nio) {
        memcpy(&v, s->ram + abs, 8);
        return __builtin_bswap64(v);
    }
    for (int i = 0; i < 8; i++)
        v = v << 8 | storage_read_byte(s, abs + i);
    return v;
}

uint32_t storage_read_u32(const Storage *s, uint64_t abs)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++)
        v = v << 8 | storage_read_byte(s, abs + i);
    return v;
}

void storage_write_u64(Storage *s, uint64_t abs, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8)
        storage_write_byte(s, abs + i, (uint8_t)v);
}

uint32_t storage_code_mark(Storage *s, uint64_t abs)
{
    if (abs >= s->ram_size)
        return 0;
    return atomic_fetch_or(&s->code_gen[abs / PAGE_SIZE], 1u) | 1u;
}

void storage_code_written(Storage *s, uint64_t abs, uint64_t len)
{
    if (len == 0 || abs >= s->ram_size)
        return;
    uint64_t last = abs + len - 1;
    if (last >= s->ram_size || last < abs)
        last = s->ram_size - 1;
    for (uint64_t f = abs / PAGE_SIZE; f <= last / PAGE_SIZE; f++) {
        uint32_t g = s->code_gen[f];
        /* Unmarked: no decoded copy exists, nothing to invalidate.  Marked:
         * the next generation, unmarked (a CPU racing to mark it again
         * simply redecodes). */
        while (g & 1)
            if (atomic_compare_exchange_weak(&s->code_gen[f], &g, (g + 2) & ~1u)) {
                atomic_fetch_add_explicit(&s->code_epoch, 1, memory_order_relaxed);
                break;
            }
    }
}
