/* Long instructions over I/O regions: the byte-wise path must give the same
 * bytes as RAM, touch each byte once, in architectural (left-to-right)
 * order, and - for compares - not read past the first difference. */
#include "test_long.h"

#define RAM     (16ULL << 20)
#define IO_BASE RAM                /* the region sits right above RAM */
#define IO_SIZE 0x4000ULL

typedef struct Dev {
    uint8_t mem[IO_SIZE];
    struct { uint32_t off; bool write; uint8_t val; } log[3 * IO_SIZE];
    uint32_t n;
} Dev;

static uint8_t dev_rd(void *opaque, uint64_t off)
{
    Dev *d = opaque;
    if (d->n < 3 * IO_SIZE)
        d->log[d->n++] = (typeof(d->log[0])){ (uint32_t)off, false, d->mem[off] };
    return d->mem[off];
}

static void dev_wr(void *opaque, uint64_t off, uint8_t v)
{
    Dev *d = opaque;
    if (d->n < 3 * IO_SIZE)
        d->log[d->n++] = (typeof(d->log[0])){ (uint32_t)off, true, v };
    d->mem[off] = v;
}

static TestEnv *io_env(Dev **dev)
{
    TestEnv *e = tenv_new(RAM);
    Dev *d = calloc(1, sizeof(*d));
    tl_fill_rand(d->mem, IO_SIZE, 99);
    CHECK_EQ(storage_add_io(&e->m.storage, IO_BASE, IO_SIZE, dev_rd, dev_wr, d), 0);
    *dev = d;
    return e;
}

/* The log holds exactly n accesses of one kind at off0, off0+1, ... */
static void check_log_sequential(const Dev *d, uint32_t off0, uint32_t n, bool write)
{
    CHECK_EQ(d->n, n);
    uint32_t bad = n;
    for (uint32_t i = 0; i < d->n && i < n; i++)
        if (d->log[i].off != off0 + i || d->log[i].write != write) {
            bad = i;
            break;
        }
    CHECK_EQ(bad, n);
}

TEST(mvcl_from_io_region_same_bytes_in_order)
{
    Dev *d;
    TestEnv *e = io_env(&d);
    CPUState *cpu = &e->cpu;
    const uint32_t off = 0x123, l = 0x2100;      /* crosses two device pages */
    Insn in = tl_rr(OP_MVCL, 2, 4);
    /* RAM reference: the same move from a RAM copy of the device bytes. */
    memcpy(tenv_abs(e, 0x500123), d->mem + off, l);
    cpu->gr[2] = 0x200456;
    cpu->gr[3] = l;
    cpu->gr[4] = 0x500123;
    cpu->gr[5] = l;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(d->n, 0);

    cpu->gr[2] = 0x100456;
    cpu->gr[3] = l;
    cpu->gr[4] = IO_BASE + off;
    cpu->gr[5] = l;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_BYTES(tenv_abs(e, 0x100456), tenv_abs(e, 0x200456), l);
    check_log_sequential(d, off, l, false);
    CHECK_EQ(cpu->gr[4], IO_BASE + off + l);
    free(d);
    tenv_free(e);
}

TEST(mvcl_into_io_region_with_pad_in_order)
{
    Dev *d;
    TestEnv *e = io_env(&d);
    CPUState *cpu = &e->cpu;
    const uint32_t off = 0x10, l1 = 0x1800, l2 = 0x1000;
    tl_fill_rand(tenv_abs(e, 0x300000), l2, 5);
    Insn in = tl_rr(OP_MVCL, 2, 4);
    /* RAM reference first. */
    cpu->gr[2] = 0x100010;
    cpu->gr[3] = l1;
    cpu->gr[4] = 0x300000;
    cpu->gr[5] = 0x77000000 | l2;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);

    cpu->gr[2] = IO_BASE + off;
    cpu->gr[3] = l1;
    cpu->gr[4] = 0x300000;
    cpu->gr[5] = 0x77000000 | l2;
    CHECK_EQ(insn_mvcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_BYTES(d->mem + off, tenv_abs(e, 0x100010), l1);
    check_log_sequential(d, off, l1, true);
    /* The values were written in that order too: data, then pad. */
    CHECK_EQ(d->log[l2 - 1].val, tenv_abs(e, 0x300000)[l2 - 1]);
    CHECK_EQ(d->log[l2].val, 0x77);
    free(d);
    tenv_free(e);
}

TEST(mvclu_pad_into_io_region)
{
    Dev *d;
    TestEnv *e = io_env(&d);
    CPUState *cpu = &e->cpu;
    /* From one byte before a device page end: AB CD AB CD ... */
    cpu->gr[2] = IO_BASE + 0xFFF;
    cpu->gr[3] = 6;
    cpu->gr[4] = 0x300000;
    cpu->gr[5] = 0;
    Insn in = tl_rs(OP_MVCLU, 2, 4, 0, 0xABCD);
    CHECK_EQ(insn_mvclu(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    static const uint8_t want[6] = { 0xAB, 0xCD, 0xAB, 0xCD, 0xAB, 0xCD };
    CHECK_MEM(d->mem + 0xFFF, want, 6);
    check_log_sequential(d, 0xFFF, 6, true);
    free(d);
    tenv_free(e);
}

TEST(clcl_io_region_reads_up_to_difference)
{
    Dev *d;
    TestEnv *e = io_env(&d);
    CPUState *cpu = &e->cpu;
    const uint32_t off = 0x800, l = 0x2000;
    memcpy(tenv_abs(e, 0x100000), d->mem + off, l);
    Insn in = tl_rr(OP_CLCL, 2, 4);
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = l;
    cpu->gr[4] = IO_BASE + off;
    cpu->gr[5] = l;
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    check_log_sequential(d, off, l, false);

    /* A difference at 0x1234: exactly 0x1235 device bytes read, in order,
     * the unequal one once. */
    d->n = 0;
    d->mem[off + 0x1234] = (uint8_t)(tenv_abs(e, 0x100000)[0x1234] + 1);
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = l;
    cpu->gr[4] = IO_BASE + off;
    cpu->gr[5] = l;
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    /* RAM reference: the same compare with op2 copied to RAM. */
    unsigned io_cc = cpu_cc(cpu);
    uint64_t io_r2 = cpu->gr[2];
    check_log_sequential(d, off, 0x1235, false);
    memcpy(tenv_abs(e, 0x300000), d->mem + off, l);
    cpu->gr[2] = 0x100000;
    cpu->gr[3] = l;
    cpu->gr[4] = 0x300000;
    cpu->gr[5] = l;
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), io_cc);
    CHECK_EQ(cpu->gr[2], io_r2);
    CHECK_EQ(io_r2, 0x101234);

    /* Pad comparison over the device: op1 (device) longer than op2. */
    d->n = 0;
    memset(d->mem, 0x40, 0x100);
    d->mem[0x80] = 0x41;
    cpu->gr[2] = IO_BASE;
    cpu->gr[3] = 0x100;
    cpu->gr[4] = 0x300000;
    cpu->gr[5] = 0x40000000;
    CHECK_EQ(insn_clcl(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 2);
    CHECK_EQ(cpu->gr[2], IO_BASE + 0x80);
    check_log_sequential(d, 0, 0x81, false);
    free(d);
    tenv_free(e);
}

TEST(cksm_io_region_same_sum)
{
    Dev *d;
    TestEnv *e = io_env(&d);
    CPUState *cpu = &e->cpu;
    const uint32_t off = 0x7FE, l = 0x1803;      /* odd length, crossing pages */
    memcpy(tenv_abs(e, 0x1007FE), d->mem + off, l);
    Insn in = tl_rr(OP_CKSM, 6, 2);
    cpu->gr[6] = 0x1234;
    cpu->gr[2] = 0x1007FE;
    cpu->gr[3] = l;
    CHECK_EQ(insn_cksm(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    uint64_t ram_sum = cpu->gr[6];
    cpu->gr[6] = 0x1234;
    cpu->gr[2] = IO_BASE + off;
    cpu->gr[3] = l;
    CHECK_EQ(insn_cksm(cpu, &in), 0);
    CHECK_EQ(cpu_cc(cpu), 0);
    CHECK_EQ(cpu->gr[6], ram_sum);
    check_log_sequential(d, off, l, false);
    free(d);
    tenv_free(e);
}
