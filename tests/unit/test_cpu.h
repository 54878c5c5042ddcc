/* Helpers shared by the tests of cpu/ and the general instructions: a
 * machine with code at CODE, hand-written instruction encoders (formats of
 * ZARCH-NOTES §1.2, written from the format table, not from zemu's
 * decoder), lowcore readers and a one-instruction runner. */
#ifndef ZEMU_TEST_CPU_H
#define ZEMU_TEST_CPU_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/exec.h"
#include "cpu/interrupt.h"
#include "test.h"
#include "testenv.h"

#define CODE 0x10000ULL         /* where test programs start */
#define PGM_NEW_ADDR 0x7000ULL  /* program new PSW address used by tenv_cpu */
#define SVC_NEW_ADDR 0x7100ULL

static inline void wr_be(TestEnv *e, uint64_t abs, unsigned n, uint64_t v)
{
    uint8_t *p = tenv_abs(e, abs);
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

static inline uint64_t rd_be(TestEnv *e, uint64_t abs, unsigned n)
{
    const uint8_t *p = tenv_abs(e, abs);
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* A machine of 4 MiB with the facilities of the general instructions, PSW
 * 64-bit at CODE, and valid program/SVC new PSWs (64-bit, DAT off). */
static inline TestEnv *tenv_cpu(void)
{
    TestEnv *e = tenv_new(4 << 20);
    static const unsigned fac[] = { 21, 25, 34, 35, 45 };
    for (unsigned i = 0; i < sizeof(fac) / sizeof(fac[0]); i++)
        facility_set(&e->m, fac[i], true);
    e->cpu.psw_addr = CODE;
    wr_be(e, 0x1D0, 8, PSW_MASK_EA | PSW_MASK_BA);
    wr_be(e, 0x1D8, 8, PGM_NEW_ADDR);
    wr_be(e, 0x1C0, 8, PSW_MASK_EA | PSW_MASK_BA);
    wr_be(e, 0x1C8, 8, SVC_NEW_ADDR);
    return e;
}

/* The files that run case after case on a new machine share this: E is
 * the current machine, tenv_fresh() replaces it with a new tenv_cpu() and
 * the last one is freed at exit. */
static TestEnv *E __attribute__((unused));

static inline void tenv_fresh_free(void)
{
    if (E)
        tenv_free(E);
    E = NULL;
}

static inline __attribute__((unused)) TestEnv *tenv_fresh(void)
{
    static bool registered;
    if (!registered) {
        atexit(tenv_fresh_free);
        registered = true;
    }
    tenv_fresh_free();
    return E = tenv_cpu();
}

/* An assembler into guest storage: at = next absolute address. */
typedef struct Asm {
    TestEnv *e;
    uint64_t at;
} Asm;

static inline Asm asm_at(TestEnv *e, uint64_t addr)
{
    return (Asm){ e, addr };
}

static inline uint64_t emit(Asm *a, const uint8_t *b, unsigned n)
{
    uint64_t where = a->at;
    memcpy(tenv_abs(a->e, a->at), b, n);
    /* A host store into storage: decoded copies of it die (storage.h). */
    storage_code_written(&a->e->m.storage, a->at, n);
    a->at += n;
    return where;
}

#define EMIT(a, ...)                                                           \
    emit(a, (const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }))

#define B(x) ((uint8_t)(x))
/* op 0-7, R1 8-11, R2 12-15 */
#define RR(a, op, r1, r2) EMIT(a, B(op), B((r1) << 4 | (r2)))
/* op 0-15, R1 24-27, R2 28-31 */
#define RRE(a, op, r1, r2) EMIT(a, B((op) >> 8), B(op), 0, B((r1) << 4 | (r2)))
/* op 0-15, R3/M3 16-19, M4 20-23, R1 24-27, R2 28-31 */
#define RRF(a, op, r3, m4, r1, r2) \
    EMIT(a, B((op) >> 8), B(op), B((r3) << 4 | (m4)), B((r1) << 4 | (r2)))
/* op 0-7, R1 8-11, X2 12-15, B2 16-19, D2 20-31 */
#define RX(a, op, r1, x2, b2, d2) \
    EMIT(a, B(op), B((r1) << 4 | (x2)), B((b2) << 4 | ((d2) >> 8 & 0xF)), B(d2))
/* RX + DL2 20-31, DH2 32-39, op 40-47 */
#define RXY(a, op, r1, x2, b2, d2)                                             \
    EMIT(a, B((op) >> 8), B((r1) << 4 | (x2)), B((b2) << 4 | ((d2) >> 8 & 0xF)), B(d2), \
         B((d2) >> 12), B(op))
#define RS(a, op, r1, r3, b2, d2) \
    EMIT(a, B(op), B((r1) << 4 | (r3)), B((b2) << 4 | ((d2) >> 8 & 0xF)), B(d2))
#define RSY(a, op, r1, r3, b2, d2)                                             \
    EMIT(a, B((op) >> 8), B((r1) << 4 | (r3)), B((b2) << 4 | ((d2) >> 8 & 0xF)), B(d2), \
         B((d2) >> 12), B(op))
#define RSI(a, op, r1, r3, i2) EMIT(a, B(op), B((r1) << 4 | (r3)), B((i2) >> 8), B(i2))
/* RI: op = 0xA7x? written as 0xA70A: byte 0 and the nibble at 12-15 */
#define RI(a, op, r1, i2) EMIT(a, B((op) >> 8), B((r1) << 4 | ((op) & 0xF)), B((i2) >> 8), B(i2))
#define RIL(a, op, r1, i2)                                                     \
    EMIT(a, B((op) >> 8), B((r1) << 4 | ((op) & 0xF)), B((uint32_t)(i2) >> 24),           \
         B((uint32_t)(i2) >> 16), B((uint32_t)(i2) >> 8), B(i2))
#define RIE_A(a, op, r1, i2, m3) \
    EMIT(a, B((op) >> 8), B((r1) << 4), B((i2) >> 8), B(i2), B((m3) << 4), B(op))
#define RIE_B(a, op, r1, r2, m3, ri4) \
    EMIT(a, B((op) >> 8), B((r1) << 4 | (r2)), B((ri4) >> 8), B(ri4), B((m3) << 4), B(op))
#define RIE_C(a, op, r1, m3, i2, ri4) \
    EMIT(a, B((op) >> 8), B((r1) << 4 | (m3)), B((ri4) >> 8), B(ri4), B(i2), B(op))
#define RIE_D(a, op, r1, r3, i2) \
    EMIT(a, B((op) >> 8), B((r1) << 4 | (r3)), B((i2) >> 8), B(i2), 0, B(op))
#define RIE_F(a, op, r1, r2, i3, i4, i5) \
    EMIT(a, B((op) >> 8), B((r1) << 4 | (r2)), B(i3), B(i4), B(i5), B(op))
#define RRS(a, op, r1, r2, m3, b4, d4)                                         \
    EMIT(a, B((op) >> 8), B((r1) << 4 | (r2)), B((b4) << 4 | ((d4) >> 8 & 0xF)), B(d4), \
         B((m3) << 4), B(op))
#define RIS(a, op, r1, m3, i2, b4, d4)                                         \
    EMIT(a, B((op) >> 8), B((r1) << 4 | (m3)), B((b4) << 4 | ((d4) >> 8 & 0xF)), B(d4), \
         B(i2), B(op))
#define SI(a, op, i2, b1, d1) EMIT(a, B(op), B(i2), B((b1) << 4 | ((d1) >> 8 & 0xF)), B(d1))
#define SIY(a, op, i2, b1, d1)                                                 \
    EMIT(a, B((op) >> 8), B(i2), B((b1) << 4 | ((d1) >> 8 & 0xF)), B(d1), B((d1) >> 12), B(op))
#define SIL(a, op, b1, d1, i2)                                                 \
    EMIT(a, B((op) >> 8), B(op), B((b1) << 4 | ((d1) >> 8 & 0xF)), B(d1), B((i2) >> 8), B(i2))
#define S_(a, op, b2, d2) EMIT(a, B((op) >> 8), B(op), B((b2) << 4 | ((d2) >> 8 & 0xF)), B(d2))
#define E_(a, op) EMIT(a, B((op) >> 8), B(op))
#define I_(a, op, i) EMIT(a, B(op), B(i))
#define SS_A(a, op, l, b1, d1, b2, d2)                                         \
    EMIT(a, B(op), B(l), B((b1) << 4 | ((d1) >> 8 & 0xF)), B(d1), B((b2) << 4 | ((d2) >> 8 & 0xF)), \
         B(d2))

/* Puts the opcode of definition d into the instruction bytes b (6 bytes;
 * the other fields as they are): where the format keeps its opcode parts
 * (ZARCH-NOTES §1.2). */
static inline void put_opcode(const InsnDef *d, uint8_t *b)
{
    if (d->opcode <= 0xFF) {
        b[0] = (uint8_t)d->opcode;
        return;
    }
    b[0] = (uint8_t)(d->opcode >> 8);
    switch (d->format) {
    case FMT_RI: case FMT_RIL: case FMT_SSF:
        b[1] = (uint8_t)((b[1] & 0xF0) | (d->opcode & 0xF));
        break;
    case FMT_RXY: case FMT_RSY: case FMT_RIE_A: case FMT_RIE_B: case FMT_RIE_C:
    case FMT_RIE_D: case FMT_RIE_F: case FMT_RIS: case FMT_RRS: case FMT_SIY:
    case FMT_RXE: case FMT_RXF: case FMT_RIE_G: case FMT_RSL_A: case FMT_RSL_B:
        b[5] = (uint8_t)d->opcode;
        break;
    default:
        b[1] = (uint8_t)d->opcode;
        break;
    }
}

/* Runs one instruction. */
static inline CpuStepResult step(TestEnv *e)
{
    return cpu_step(&e->cpu);
}

/* Runs the instruction at CODE once and expects completion, or a program
 * interruption with this code (the PSW mask is then reset to 64-bit). */
static inline void step_ok(TestEnv *e)
{
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_OK);
}

static inline unsigned pgm_code(TestEnv *e);
static inline void step_pgm(TestEnv *e, unsigned code)
{
    e->cpu.psw_addr = CODE;
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), code);
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
}

/* Lowcore fields of the last program interruption (prefix 0). */
static inline unsigned pgm_code(TestEnv *e) { return (unsigned)rd_be(e, 0x8E, 2); }
static inline unsigned pgm_ilc(TestEnv *e) { return (unsigned)rd_be(e, 0x8C, 2); }
static inline uint64_t pgm_old_addr(TestEnv *e) { return rd_be(e, 0x158, 8); }
static inline uint64_t pgm_old_mask(TestEnv *e) { return rd_be(e, 0x150, 8); }

/* CC helpers */
static inline unsigned cc_of(TestEnv *e) { return cpu_cc(&e->cpu); }
static inline void set_cc(TestEnv *e, unsigned cc) { cpu_set_cc(&e->cpu, cc); }

#endif
