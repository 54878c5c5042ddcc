/* The instruction decoder: one definition table (cpu/insn_table.c) of
 * {mnemonic, opcode, format, handler, facility}, a two-level index generated
 * from it at start-up, and the format decoders that turn instruction bytes
 * into struct Insn (ZARCH-NOTES §1.2).
 *
 * Opcode numbering in the table follows the usual assembler listings:
 *   byte 0 only (RR, RX, RS, RSI, SI, SS, I):       0x58        (L)
 *   bytes 0-1   (E, RRE, RRF, RRD, S, SSE, SIL):    0xB255      (MVST)
 *   byte 0 + bits 12-15 (RI, RIL, SSF):             0xA70A      (AHI = A7x A)
 *   byte 0 + byte 5 (RXY, RSY, RIE, RIS, RRS, SIY):  0xE304      (LG)
 * The index derives how to find the second opcode part from the format. */
#ifndef ZEMU_CPU_DECODE_H
#define ZEMU_CPU_DECODE_H

#include <stdint.h>

#include "insn/insn.h"

typedef enum InsnFormat {
    FMT_E, FMT_I, FMT_RR, FMT_RRE,
    FMT_RRF,        /* R3/M3 16-19 (both r3 and m3), M4 20-23, R1 24-27, R2 28-31 */
    FMT_RRD,
    FMT_RX,         /* R1/M1 8-11 (r1), X2, B2, D2 */
    FMT_RXE, FMT_RXF, FMT_RXY,
    FMT_RS,         /* R1 8-11, R3/M3 12-15 (both r3 and m3), B2, D2 */
    FMT_RSY,        /* as RS with a 20-bit displacement */
    FMT_RSL_A, FMT_RSL_B,
    FMT_RSI,        /* R1, R3, RI2 16-31 */
    FMT_RI,         /* R1/M1 8-11, I2 16-31 signed */
    FMT_RIL,        /* R1/M1 8-11, I2 16-47 signed */
    FMT_RIE_A,      /* R1, I2 16-31, M3 32-35 */
    FMT_RIE_B,      /* R1, R2, RI4 16-31, M3 32-35 */
    FMT_RIE_C,      /* R1, M3 12-15, RI4 16-31, I2 32-39 signed */
    FMT_RIE_D,      /* R1, R3, I2 16-31 (also RIE-e) */
    FMT_RIE_F,      /* R1, R2, I3 16-23, I4 24-31, I5 32-39 */
    FMT_RIE_G,      /* R1, M3 12-15, I2 16-31 */
    FMT_RIS,        /* R1, M3, B4, D4, I2 32-39 signed */
    FMT_RRS,        /* R1, R2, B4, D4, M3 32-35 */
    FMT_S, FMT_SI, FMT_SIY, FMT_SIL,
    FMT_SS_A, FMT_SS_B, FMT_SS_C, FMT_SS_D, FMT_SS_E, FMT_SS_F, FMT_SSE, FMT_SSF,
    FMT_IE,
    FMT_COUNT
} InsnFormat;

typedef int (*InsnHandler)(CPUState *cpu, const Insn *in);

typedef struct InsnDef {
    const char *mnemonic;
    uint16_t opcode;
    uint8_t format;         /* InsnFormat */
    InsnHandler handler;
    uint16_t facility;      /* STFLE bit that must be installed; 0 = always */
} InsnDef;

/* The definition table (cpu/insn_table.c). */
extern const InsnDef insn_table[];
extern const unsigned insn_table_len;

/* Instruction length in bytes from the first opcode byte (2, 4 or 6). */
static inline unsigned insn_length(uint8_t op0)
{
    static const uint8_t len_by_bits01[4] = { 2, 4, 4, 6 };
    return len_by_bits01[op0 >> 6];
}

/* Builds the index (idempotent, thread-safe).  Called by decode_lookup on
 * first use; aborts on a table conflict (two entries for one opcode). */
void decode_init(void);

/* The definition for the instruction starting with bytes b (at least
 * insn_length(b[0]) bytes valid), or NULL for an unassigned opcode. */
const InsnDef *decode_lookup(const uint8_t *b);

/* Fills in from the bytes for the definition's format.  addr is the
 * instruction's address (Insn.addr; for an EX target the target's address). */
void decode_fields(const InsnDef *def, const uint8_t *b, uint64_t addr, Insn *in);

/* Lookup by mnemonic (tests, disassembly); NULL if unknown. */
const InsnDef *decode_find_mnemonic(const char *mnemonic);

/* Insn.row of the instruction with this opcode (InsnDef.opcode: 0xD2,
 * 0xB255, 0xEB8E), for an Insn built without the decoder (tests); 0 (a
 * row, but not that instruction's) if unknown. */
uint16_t decode_row_of_opcode(uint16_t opcode);

#endif
