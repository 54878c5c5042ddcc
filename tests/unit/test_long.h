/* Shared helpers of the long-instruction tests (test_long*.c). */
#ifndef ZEMU_TEST_LONG_H
#define ZEMU_TEST_LONG_H

#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "insn/insn.h"
#include "test.h"
#include "testenv.h"

#define OP_MVCL  0x0E
#define OP_CLCL  0x0F
#define OP_MVCLE 0xA8
#define OP_CLCLE 0xA9
#define OP_MVCLU 0xEB8E
#define OP_CLCLU 0xEB8F
#define OP_CKSM  0xB241

#define TL_INSN_ADDR 0x8000

static inline Insn tl_rr(uint16_t op, int r1, int r2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.addr = TL_INSN_ADDR;
    in.row = decode_row_of_opcode(op);
    in.ilen = op > 0xFF ? 4 : 2;
    in.r1 = (uint8_t)r1;
    in.r2 = (uint8_t)r2;
    return in;
}

/* RS-a (MVCLE, CLCLE) and RSY-a (MVCLU, CLCLU): R1, R3, D2(B2). */
static inline Insn tl_rs(uint16_t op, int r1, int r3, int b2, int32_t d2)
{
    Insn in;
    memset(&in, 0, sizeof(in));
    in.addr = TL_INSN_ADDR;
    in.row = decode_row_of_opcode(op);
    in.ilen = op > 0xFF ? 6 : 4;
    in.r1 = (uint8_t)r1;
    in.r3 = (uint8_t)r3;
    in.b2 = (uint8_t)b2;
    in.d2 = d2;
    return in;
}

/* Addressing mode: 24, 31 or 64. */
static inline void tl_fill_rand(uint8_t *p, size_t n, uint64_t seed)
{
    uint64_t s = seed | 1;
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(test_rand(&s) >> 56);
}

/* Index of the first differing byte, or -1: failure messages that say
 * where, instead of only "memory differs". */
static inline long tl_first_diff(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return (long)i;
    return -1;
}

#define CHECK_BYTES(p, q, n) CHECK_EQ(tl_first_diff((p), (q), (n)), (uint64_t)-1)

/* A unit hook that sets yield_request after a given number of units
 * (0 = never) and counts the units it saw. */
typedef struct TlYield {
    int units;          /* units seen */
    int yield_after;    /* set yield_request when units reaches this */
    bool every;         /* set yield_request after every unit */
} TlYield;

static inline void tl_yield_hook(CPUState *cpu, void *opaque)
{
    TlYield *y = opaque;
    y->units++;
    if (y->every || y->units == y->yield_after)
        atomic_store(&cpu->yield_request, 1);
}

static inline void tl_hook(CPUState *cpu, TlYield *y)
{
    cpu->unit_hook = tl_yield_hook;
    cpu->unit_hook_opaque = y;
}

#endif
