/* mem/: sparse guest storage, storage keys, I/O regions. */
#include <stdio.h>
#include <unistd.h>

#include "mem/storage.h"
#include "test.h"

/* Resident set of this process in bytes (from /proc/self/statm). */
static uint64_t rss_bytes(void)
{
    unsigned long size = 0, res = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%lu %lu", &size, &res) != 2)
        res = 0;
    fclose(f);
    return (uint64_t)res * (uint64_t)sysconf(_SC_PAGESIZE);
}

TEST(sixteen_gib_guest_commits_only_touched_frames)
{
    Storage s;
    uint64_t before = rss_bytes();
    CHECK_EQ(storage_init(&s, 16ULL << 30), 0);
    CHECK_EQ(s.ram_size, 16ULL << 30);
    /* touch one byte in 64 frames spread over the 16 GiB, and their keys */
    for (uint64_t i = 0; i < 64; i++) {
        uint64_t a = i * (256ULL << 20) + 123;
        storage_write_byte(&s, a, (uint8_t)i);
        storage_set_key(&s, a, 0x10);
    }
    for (uint64_t i = 0; i < 64; i++)
        CHECK_EQ(storage_read_byte(&s, i * (256ULL << 20) + 123), i);
    uint64_t grown = rss_bytes() - before;
    /* 64 data frames + a few key frames: far below 16 GiB; allow 16 MiB of
     * noise from the harness and sanitizer runtimes. */
    CHECK(grown < (16ULL << 20));
    storage_destroy(&s);
}

TEST(keys_per_frame_and_bit_layout)
{
    Storage s;
    CHECK_EQ(storage_init(&s, 1 << 20), 0);
    storage_set_key(&s, 0x3000, 0xFF);        /* bit 63 of the register form is not kept */
    CHECK_EQ(storage_key(&s, 0x3FFF), 0xFE);
    CHECK_EQ(storage_key(&s, 0x4000), 0);
    storage_set_key(&s, 0x5000, 0x30);
    storage_or_key(&s, 0x5123, SKEY_R);
    storage_or_key(&s, 0x5123, SKEY_C);
    CHECK_EQ(storage_key(&s, 0x5000), 0x30 | SKEY_R | SKEY_C);
    CHECK_EQ(storage_key(&s, 1 << 20), 0);    /* no frame: reads as 0 */
    storage_destroy(&s);
}

TEST(valid_and_host_addresses)
{
    Storage s;
    CHECK_EQ(storage_init(&s, 1 << 20), 0);
    CHECK(storage_valid(&s, 0));
    CHECK(storage_valid(&s, (1 << 20) - 1));
    CHECK(!storage_valid(&s, 1 << 20));
    CHECK(!storage_valid(&s, ~0ULL));
    CHECK(storage_host(&s, 0x1234) == s.ram + 0x1234);
    CHECK(storage_host(&s, 1 << 20) == NULL);
    s.ram[0x100] = 0x12; s.ram[0x101] = 0x34; s.ram[0x102] = 0x56; s.ram[0x103] = 0x78;
    CHECK_EQ(storage_read_u32(&s, 0x100), 0x12345678);
    storage_write_u64(&s, 0x200, 0x0102030405060708ULL);
    CHECK_EQ(s.ram[0x200], 1);
    CHECK_EQ(s.ram[0x207], 8);
    CHECK_EQ(storage_read_u64(&s, 0x200), 0x0102030405060708ULL);
    storage_destroy(&s);
}

static uint8_t io_mem[0x2000];
static int io_reads, io_writes;
static uint8_t rd(void *o, uint64_t off) { (void)o; io_reads++; return io_mem[off]; }
static void wr(void *o, uint64_t off, uint8_t v) { (void)o; io_writes++; io_mem[off] = v; }

TEST(io_regions_overlay_and_validate)
{
    Storage s;
    CHECK_EQ(storage_init(&s, 1 << 20), 0);
    CHECK_EQ(storage_add_io(&s, 0x10000, 0x2000, rd, wr, NULL), 0);   /* inside RAM */
    CHECK_EQ(storage_add_io(&s, 0x11000, 0x1000, rd, wr, NULL), -1);  /* overlaps */
    CHECK_EQ(storage_add_io(&s, 0x20001, 0x1000, rd, wr, NULL), -1);  /* unaligned */
    CHECK_EQ(storage_add_io(&s, 0x4000000, 0x1000, rd, wr, NULL), 0); /* above RAM */
    CHECK(storage_valid(&s, 0x4000FFF));
    CHECK(!storage_valid(&s, 0x4001000));
    CHECK(storage_host(&s, 0x10000) == NULL);   /* I/O takes precedence */
    CHECK(storage_io_at(&s, 0x11FFF) != NULL);
    io_reads = io_writes = 0;
    storage_write_byte(&s, 0x10005, 0x42);
    CHECK_EQ(io_mem[5], 0x42);
    CHECK_EQ(storage_read_byte(&s, 0x10005), 0x42);
    CHECK_EQ(io_reads, 1);
    CHECK_EQ(io_writes, 1);
    CHECK_EQ(s.ram[0x10005], 0);                /* RAM below untouched */
    storage_destroy(&s);
}
