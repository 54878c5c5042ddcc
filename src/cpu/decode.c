/* Instruction decoding: the index over the definition table and the format
 * decoders (ZARCH-NOTES §1.2).
 *
 * The index has two levels.  Level one is the first opcode byte; it either
 * names a definition directly (one-byte opcodes) or says where the rest of
 * the opcode is (byte 1, bits 12-15, or byte 5) and points at a 256-entry
 * second level.  It is generated from the table at start-up, so the table
 * stays the only place an instruction is described. */
#include "cpu/decode.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SEC_NONE, SEC_BYTE1, SEC_NIBBLE, SEC_BYTE5 };

static const InsnDef *l1_def[256];
static uint8_t l1_sec[256];
static const InsnDef **l2[256];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;
static _Atomic bool index_ready;

/* Where the second part of the opcode sits, by format. */
static int sec_kind(const InsnDef *d)
{
    if (d->opcode <= 0xFF)
        return SEC_NONE;
    switch (d->format) {
    case FMT_RI: case FMT_RIL: case FMT_SSF:
        return SEC_NIBBLE;
    case FMT_RXE: case FMT_RXF: case FMT_RXY: case FMT_RSY: case FMT_RSL_A: case FMT_RSL_B:
    case FMT_RIE_A: case FMT_RIE_B: case FMT_RIE_C: case FMT_RIE_D: case FMT_RIE_F:
    case FMT_RIE_G: case FMT_RIS: case FMT_RRS: case FMT_SIY:
        return SEC_BYTE5;
    default:
        return SEC_BYTE1;
    }
}

static void conflict(const InsnDef *a, const char *why)
{
    fprintf(stderr, "zemu: instruction table: %s (%s, opcode 0x%X)\n", why, a->mnemonic,
            a->opcode);
    abort();
}

static void build_index(void)
{
    for (unsigned i = 0; i < insn_table_len; i++) {
        const InsnDef *d = &insn_table[i];
        int k = sec_kind(d);
        unsigned op0 = k == SEC_NONE ? d->opcode : d->opcode >> 8;
        unsigned op1 = d->opcode & 0xFF;
        if (k == SEC_NONE) {
            if (l1_def[op0] || l1_sec[op0] != SEC_NONE)
                conflict(d, "duplicate one-byte opcode");
            l1_def[op0] = d;
            continue;
        }
        if (l1_def[op0] || (l1_sec[op0] != SEC_NONE && l1_sec[op0] != k))
            conflict(d, "first opcode byte used with two layouts");
        if (k == SEC_NIBBLE && op1 > 0xF)
            conflict(d, "RI/RIL/SSF opcode extension above 0xF");
        if (!l2[op0]) {
            l2[op0] = calloc(256, sizeof(*l2[op0]));
            if (!l2[op0])
                abort();
        }
        l1_sec[op0] = k;
        if (l2[op0][op1])
            conflict(d, "duplicate opcode");
        l2[op0][op1] = d;
    }
    atomic_store(&index_ready, true);
}

void decode_init(void)
{
    pthread_once(&index_once, build_index);
}

const InsnDef *decode_lookup(const uint8_t *b)
{
    if (__builtin_expect(!atomic_load_explicit(&index_ready, memory_order_acquire), 0))
        decode_init();
    uint8_t op0 = b[0];
    switch (l1_sec[op0]) {
    case SEC_NONE: return l1_def[op0];
    case SEC_BYTE1: return l2[op0][b[1]];
    case SEC_NIBBLE: return l2[op0][b[1] & 0xF];
    default: return l2[op0][b[5]];
    }
}

const InsnDef *decode_find_mnemonic(const char *mnemonic)
{
    for (unsigned i = 0; i < insn_table_len; i++)
        if (strcasecmp(insn_table[i].mnemonic, mnemonic) == 0)
            return &insn_table[i];
    return NULL;
}

uint16_t decode_row_of_opcode(uint16_t opcode)
{
    for (unsigned i = 0; i < insn_table_len; i++)
        if (insn_table[i].opcode == opcode)
            return (uint16_t)i;
    return 0;
}

/* Field extraction helpers: n4(b, k) is the k-th 4-bit field (k = 0 for
 * instruction bits 0-3). */
static inline uint8_t n4(const uint8_t *b, int k)
{
    return (k & 1) ? b[k >> 1] & 0xF : b[k >> 1] >> 4;
}
static inline int32_t d12(const uint8_t *b, int byte)   /* D at bits 4-15 of b[byte..] */
{
    return ((b[byte] & 0xF) << 8) | b[byte + 1];
}
static inline int32_t d20(const uint8_t *b)             /* DL 20-31, DH 32-39 */
{
    int32_t v = ((b[2] & 0xF) << 8) | b[3] | ((uint32_t)b[4] << 12);
    return (v ^ 0x80000) - 0x80000;
}
static inline int64_t s16(const uint8_t *b, int byte)
{
    return (int16_t)((b[byte] << 8) | b[byte + 1]);
}

void decode_fields(const InsnDef *def, const uint8_t *b, uint64_t addr, Insn *in)
{
    memset(in, 0, sizeof(*in));
    in->addr = addr;
    in->row = (uint16_t)(def - insn_table);
    in->ilen = insn_length(b[0]);

    switch ((InsnFormat)def->format) {
    case FMT_E:
        break;
    case FMT_I:
        in->i2 = b[1];
        break;
    case FMT_IE:
        in->i3 = n4(b, 6);      /* I1 */
        in->i2 = n4(b, 7);
        break;
    case FMT_RR:
        in->r1 = n4(b, 2);
        in->r2 = n4(b, 3);
        break;
    case FMT_RRE:
        in->r1 = n4(b, 6);
        in->r2 = n4(b, 7);
        break;
    case FMT_RRF:
        in->r3 = in->m3 = n4(b, 4);
        in->m4 = n4(b, 5);
        in->r1 = n4(b, 6);
        in->r2 = n4(b, 7);
        break;
    case FMT_RRD:
        in->r1 = n4(b, 4);
        in->r3 = n4(b, 6);
        in->r2 = n4(b, 7);
        break;
    case FMT_RX:
        in->r1 = n4(b, 2);
        in->x2 = n4(b, 3);
        in->b2 = n4(b, 4);
        in->d2 = d12(b, 2);
        break;
    case FMT_RXE:
        in->r1 = n4(b, 2);
        in->x2 = n4(b, 3);
        in->b2 = n4(b, 4);
        in->d2 = d12(b, 2);
        in->m3 = n4(b, 8);
        break;
    case FMT_RXF:
        in->r3 = n4(b, 2);
        in->x2 = n4(b, 3);
        in->b2 = n4(b, 4);
        in->d2 = d12(b, 2);
        in->r1 = n4(b, 8);
        break;
    case FMT_RXY:
        in->r1 = n4(b, 2);
        in->x2 = n4(b, 3);
        in->b2 = n4(b, 4);
        in->d2 = d20(b);
        break;
    case FMT_RS:
        in->r1 = n4(b, 2);
        in->r3 = in->m3 = n4(b, 3);
        in->b2 = n4(b, 4);
        in->d2 = d12(b, 2);
        break;
    case FMT_RSY:
        in->r1 = n4(b, 2);
        in->r3 = in->m3 = n4(b, 3);
        in->b2 = n4(b, 4);
        in->d2 = d20(b);
        break;
    case FMT_RSL_A:
        in->l1 = n4(b, 2);
        in->b1 = n4(b, 4);
        in->d1 = d12(b, 2);
        break;
    case FMT_RSL_B:
        in->l2 = b[1];
        in->b2 = n4(b, 4);
        in->d2 = d12(b, 2);
        in->r1 = n4(b, 8);
        in->m3 = n4(b, 9);
        break;
    case FMT_RSI:
    case FMT_RIE_D:
        in->r1 = n4(b, 2);
        in->r3 = n4(b, 3);
        in->i2 = s16(b, 2);
        break;
    case FMT_RI:
        in->r1 = n4(b, 2);
        in->i2 = s16(b, 2);
        break;
    case FMT_RIL:
        in->r1 = n4(b, 2);
        in->i2 = (int32_t)((uint32_t)b[2] << 24 | (uint32_t)b[3] << 16 | b[4] << 8 | b[5]);
        break;
    case FMT_RIE_A:
        in->r1 = n4(b, 2);
        in->i2 = s16(b, 2);
        in->m3 = n4(b, 8);
        break;
    case FMT_RIE_B:
        in->r1 = n4(b, 2);
        in->r2 = n4(b, 3);
        in->i4 = (int32_t)s16(b, 2);
        in->m3 = n4(b, 8);
        break;
    case FMT_RIE_C:
        in->r1 = n4(b, 2);
        in->m3 = n4(b, 3);
        in->i4 = (int32_t)s16(b, 2);
        in->i2 = (int8_t)b[4];
        break;
    case FMT_RIE_F:
        in->r1 = n4(b, 2);
        in->r2 = n4(b, 3);
        in->i3 = b[2];
        in->i4 = b[3];
        in->i5 = b[4];
        in->i2 = (int64_t)bit_range_mask(b[2] & 63, b[3] & 63);
        break;
    case FMT_RIE_G:
        in->r1 = n4(b, 2);
        in->m3 = n4(b, 3);
        in->i2 = s16(b, 2);
        break;
    case FMT_RIS:
        in->r1 = n4(b, 2);
        in->m3 = n4(b, 3);
        in->b4 = n4(b, 4);
        in->d4 = d12(b, 2);
        in->i2 = (int8_t)b[4];
        break;
    case FMT_RRS:
        in->r1 = n4(b, 2);
        in->r2 = n4(b, 3);
        in->b4 = n4(b, 4);
        in->d4 = d12(b, 2);
        in->m3 = n4(b, 8);
        break;
    case FMT_S:
        in->b2 = n4(b, 4);
        in->d2 = d12(b, 2);
        break;
    case FMT_SI:
        in->i2 = b[1];
        in->b1 = n4(b, 4);
        in->d1 = d12(b, 2);
        break;
    case FMT_SIY:
        in->i2 = b[1];
        in->b1 = n4(b, 4);
        in->d1 = d20(b);
        break;
    case FMT_SIL:
        in->b1 = n4(b, 4);
        in->d1 = d12(b, 2);
        in->i2 = s16(b, 4);
        break;
    case FMT_SS_A:
    case FMT_SS_F:
    case FMT_SS_B:
    case FMT_SS_C:
    case FMT_SS_D:
    case FMT_SS_E:
    case FMT_SSE:
    case FMT_SSF:
        in->b1 = n4(b, 4);
        in->d1 = d12(b, 2);
        in->b2 = n4(b, 8);
        in->d2 = d12(b, 4);
        switch ((InsnFormat)def->format) {
        case FMT_SS_A: in->l1 = b[1]; break;
        case FMT_SS_F: in->l2 = b[1]; break;
        case FMT_SS_B: in->l1 = n4(b, 2); in->l2 = n4(b, 3); break;
        case FMT_SS_C: in->l1 = n4(b, 2); in->i3 = n4(b, 3); break;
        case FMT_SS_D: in->r1 = n4(b, 2); in->r3 = n4(b, 3); break;
        case FMT_SSF: in->r3 = n4(b, 2); break;
        case FMT_SS_E:
            /* R1, R3, op2 at B2/D2 (bits 16-31), op4 at B4/D4 (bits 32-47) */
            in->r1 = n4(b, 2);
            in->r3 = n4(b, 3);
        {
            /* B4/D4 share their bytes with B1/D1 (insn.h) */
            const uint8_t b1 = in->b1;
            const int32_t d1 = in->d1;
            in->b4 = in->b2;
            in->d4 = in->d2;
            in->b2 = b1;
            in->d2 = d1;
            break;
        }
        default: break;
        }
        break;
    case FMT_COUNT:
        break;
    }
}
