/* Guest absolute storage: RAM, storage keys and I/O regions.
 *
 * RAM is one anonymous MAP_NORESERVE mapping of the configured size, so an
 * untouched guest frame costs no host memory (a 16 GiB guest commits only what
 * it touches).  Storage keys are one byte per 4 KiB frame, laid out as in a
 * register: ACC in bits 0-3 (0xF0), F 0x08, R 0x04, C 0x02.
 *
 * I/O regions sit at absolute addresses (inside or above RAM; they take
 * precedence) and are accessed one byte at a time through callbacks: tests use
 * them to prove the byte-wise path of the access layer. */
#ifndef ZEMU_MEM_STORAGE_H
#define ZEMU_MEM_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>

#define PAGE_SIZE 4096ULL
#define PAGE_MASK (~(PAGE_SIZE - 1))

#define SKEY_ACC 0xF0
#define SKEY_F   0x08
#define SKEY_R   0x04
#define SKEY_C   0x02

typedef uint8_t (*io_read_fn)(void *opaque, uint64_t offset);
typedef void (*io_write_fn)(void *opaque, uint64_t offset, uint8_t value);

typedef struct IORegion {
    uint64_t base, size;       /* absolute address range, page aligned */
    io_read_fn read;
    io_write_fn write;
    void *opaque;
} IORegion;

#define STORAGE_MAX_IO 8

typedef struct Storage {
    uint8_t *ram;
    uint64_t ram_size;         /* multiple of 4 KiB */
    uint8_t *keys;             /* one per frame of ram_size, plus I/O frames */
    uint64_t key_frames;
    /* Decoded-code tracking, one word per RAM frame (see storage_code_*). */
    _Atomic uint32_t *code_gen;
    /* Moves on whenever any frame's generation does: a cache of decoded
     * instructions across pages (cpu/tcache.h, the jump slots) holds while
     * this is unchanged, without checking each frame. */
    _Atomic uint64_t code_epoch;
    IORegion io[STORAGE_MAX_IO];
    int nio;
} Storage;

/* 0 on success, -1 (errno set) when the host refuses the mapping. */
int storage_init(Storage *s, uint64_t ram_size);
/* Frames [from, ram_size) will be used densely, from the bottom up (user
 * mode's frame allocator): the host may back them with huge pages, which
 * costs at most one partly used huge page and saves host TLB misses on
 * every large data structure of the guest.  (Not for a system guest, whose
 * frames are touched sparsely: there a huge page would commit 2 MiB for
 * each 4 KiB frame touched.) */
void storage_advise_dense(Storage *s, uint64_t from);
void storage_destroy(Storage *s);

/* Adds a byte-wise region; 0 on success, -1 when full, unaligned or overlapping
 * another I/O region. */
int storage_add_io(Storage *s, uint64_t base, uint64_t size, io_read_fn rd, io_write_fn wr,
                   void *opaque);

/* The I/O region holding abs, or NULL. */
const IORegion *storage_io_at(const Storage *s, uint64_t abs);

/* True when abs designates installed storage (RAM or an I/O region). */
bool storage_valid(const Storage *s, uint64_t abs);

/* Host pointer of RAM byte abs, or NULL for I/O or absent storage. */
uint8_t *storage_host(const Storage *s, uint64_t abs);

/* Storage key of the frame holding abs (0 for absent storage). */
uint8_t storage_key(const Storage *s, uint64_t abs);
void storage_set_key(Storage *s, uint64_t abs, uint8_t key);
void storage_or_key(Storage *s, uint64_t abs, uint8_t bits);

/* Byte access to absolute storage that is known to be valid (RAM or I/O):
 * used by the byte-handle path and by DAT table reads. */
uint8_t storage_read_byte(const Storage *s, uint64_t abs);
void storage_write_byte(Storage *s, uint64_t abs, uint8_t v);

/* Big-endian doubleword / word reads of valid RAM (DAT table entries). */
uint64_t storage_read_u64(const Storage *s, uint64_t abs);
uint32_t storage_read_u32(const Storage *s, uint64_t abs);
void storage_write_u64(Storage *s, uint64_t abs, uint64_t v);

/* ---- decoded-code tracking (DESIGN §5: self-modifying code) ----
 * A CPU that keeps decoded instructions of a frame (cpu/tcache.c) marks it;
 * every store into a marked frame -- by an instruction through the access
 * layer, by the host (user-mode system calls), or by giving the frame away
 * -- goes through storage_code_written, which clears the mark and moves the
 * frame's generation on.  A decoded page is valid while the generation it
 * was made under is still the frame's: the check is one load.  Bit 0 of
 * the word is the mark; the generation counts in steps of 2. */
static inline uint32_t storage_code_gen(const Storage *s, uint64_t abs)
{
    return abs < s->ram_size ? s->code_gen[abs / PAGE_SIZE] : 0;
}
static inline uint64_t storage_code_epoch(const Storage *s)
{
    return atomic_load_explicit(&s->code_epoch, memory_order_relaxed);
}
static inline bool storage_code_marked(const Storage *s, uint64_t abs)
{
    return abs < s->ram_size && (s->code_gen[abs / PAGE_SIZE] & 1);
}
/* Marks the frame of abs; returns its generation (mark included), the value
 * a decoded page records. */
uint32_t storage_code_mark(Storage *s, uint64_t abs);
/* [abs, abs+len) was stored into: every marked frame of it is unmarked and
 * its generation advanced (and code_epoch with it).  Cheap for unmarked
 * frames. */
void storage_code_written(Storage *s, uint64_t abs, uint64_t len);

#endif
