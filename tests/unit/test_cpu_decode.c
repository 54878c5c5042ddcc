/* The definition table and the decoder (cpu/decode.c, cpu/insn_table.c):
 * every table row is found again from its encoding, the format decoders put
 * every field where ZARCH-NOTES §1.2 says it is, lengths follow the first
 * two opcode bits, and the facility column gates instructions. */
#include <stdlib.h>

#include "cpu/decode.h"
#include "test_cpu.h"

/* Where the second part of the opcode sits for a format (ZARCH-NOTES §1.2,
 * "Opcode placement"), written out independently of the decoder. */
/* Returns the byte index holding the second opcode part, 0 if none. */
static int place_opcode(const InsnDef *d, uint8_t *b)
{
    memset(b, 0, 6);
    if (d->opcode <= 0xFF) {
        b[0] = (uint8_t)d->opcode;
        return 0;
    }
    b[0] = (uint8_t)(d->opcode >> 8);
    uint8_t lo = (uint8_t)d->opcode;
    switch (d->format) {
    case FMT_RI: case FMT_RIL: case FMT_SSF:
        b[1] = lo;                       /* bits 12-15 */
        return 1;
    case FMT_RXE: case FMT_RXF: case FMT_RXY: case FMT_RSY: case FMT_RSL_A: case FMT_RSL_B:
    case FMT_RIE_A: case FMT_RIE_B: case FMT_RIE_C: case FMT_RIE_D: case FMT_RIE_F:
    case FMT_RIE_G: case FMT_RIS: case FMT_RRS: case FMT_SIY:
        b[5] = lo;                       /* bits 40-47 */
        return 5;
    default:
        b[1] = lo;                       /* bits 8-15 */
        return 1;
    }
}

TEST(decode_every_row_round_trips)
{
    unsigned bad = 0;
    for (unsigned i = 0; i < insn_table_len; i++) {
        const InsnDef *d = &insn_table[i];
        uint8_t b[6];
        int ob = place_opcode(d, b);
        if (decode_lookup(b) != d) {
            bad++;
            fprintf(stderr, "  row %s (0x%X) not found from its encoding\n", d->mnemonic,
                    d->opcode);
        }
        /* operand fields all ones must not change the lookup: every byte
         * that holds no opcode bits, and the R1/M1 nibble of RI/RIL/SSF */
        uint8_t f[6];
        memcpy(f, b, 6);
        for (int k = 1; k < 6; k++)
            if (k != ob)
                f[k] = 0xFF;
        if (d->format == FMT_RI || d->format == FMT_RIL || d->format == FMT_SSF)
            f[1] = (uint8_t)(0xF0 | b[1]);
        if (decode_lookup(f) != d) {
            bad++;
            fprintf(stderr, "  row %s: operand bits disturb the lookup\n", d->mnemonic);
        }
    }
    CHECK_EQ(bad, 0);
    CHECK(insn_table_len > 300);
}

TEST(decode_mnemonic_lookup)
{
    const InsnDef *d = decode_find_mnemonic("AHI");
    CHECK(d != NULL);
    if (d) {
        CHECK_EQ(d->opcode, 0xA70A);
        CHECK_EQ(d->format, FMT_RI);
    }
    d = decode_find_mnemonic("exrl");
    CHECK(d != NULL);
    if (d) {
        CHECK_EQ(d->opcode, 0xC600);
        CHECK_EQ(d->facility, 35);
    }
    CHECK(decode_find_mnemonic("NOSUCH") == NULL);
    /* EXCLUSIVE OR's mnemonic is the list macro's parameter name */
    d = decode_find_mnemonic("X");
    CHECK(d != NULL);
    if (d)
        CHECK_EQ(d->opcode, 0x57);
    for (unsigned i = 0; i < insn_table_len; i++)
        CHECK(strstr(insn_table[i].mnemonic, "_ROW") == NULL);
}

TEST(decode_length_from_first_two_bits)
{
    CHECK_EQ(insn_length(0x07), 2);
    CHECK_EQ(insn_length(0x3F), 2);
    CHECK_EQ(insn_length(0x40), 4);
    CHECK_EQ(insn_length(0xBF), 4);
    CHECK_EQ(insn_length(0xC0), 6);
    CHECK_EQ(insn_length(0xFF), 6);
}

static Insn dec(const uint8_t *b)
{
    Insn in;
    memset(&in, 0xEE, sizeof(in));
    const InsnDef *d = decode_lookup(b);
    CHECK(d != NULL);
    if (d)
        decode_fields(d, b, 0x1000, &in);
    return in;
}

TEST(decode_rr_rx_rxy_fields)
{
    Insn in = dec((uint8_t[]){ 0x18, 0x5A });                /* LR 5,10 */
    CHECK_EQ(in.r1, 5);
    CHECK_EQ(in.r2, 10);
    CHECK_EQ(in.ilen, 2);
    CHECK_EQ(in.addr, 0x1000);
    CHECK_EQ(insn_table[in.row].opcode, 0x18);

    in = dec((uint8_t[]){ 0x58, 0x12, 0x34, 0x56 });        /* L 1,0x456(2,3) */
    CHECK_EQ(in.r1, 1);
    CHECK_EQ(in.x2, 2);
    CHECK_EQ(in.b2, 3);
    CHECK_EQ(in.d2, 0x456);
    CHECK_EQ(in.ilen, 4);

    /* LG 1,-1(2,3): DL = 0xFFF, DH = 0xFF -> sext20(0xFFFFF) = -1 */
    in = dec((uint8_t[]){ 0xE3, 0x12, 0x3F, 0xFF, 0xFF, 0x04 });
    CHECK_EQ(in.r1, 1);
    CHECK_EQ(in.x2, 2);
    CHECK_EQ(in.b2, 3);
    CHECK_EQ(in.d2, -1);
    CHECK_EQ(in.ilen, 6);
    CHECK_EQ(insn_table[in.row].opcode, 0xE304);
    /* DH = 0x7F, DL = 0x123 -> 0x7F123 (positive maximum region) */
    in = dec((uint8_t[]){ 0xE3, 0x00, 0x01, 0x23, 0x7F, 0x04 });
    CHECK_EQ(in.d2, 0x7F123);
    /* DH = 0x80, DL = 0 -> -0x80000 */
    in = dec((uint8_t[]){ 0xE3, 0x00, 0x00, 0x00, 0x80, 0x04 });
    CHECK_EQ(in.d2, -0x80000);
}

TEST(decode_rre_rrf_rs_rsy_fields)
{
    Insn in = dec((uint8_t[]){ 0xB9, 0x04, 0x00, 0x9C });   /* LGR 9,12 */
    CHECK_EQ(in.r1, 9);
    CHECK_EQ(in.r2, 12);

    in = dec((uint8_t[]){ 0xB9, 0xF8, 0x30, 0x12 });        /* ARK 1,2,3 */
    CHECK_EQ(in.r1, 1);
    CHECK_EQ(in.r2, 2);
    CHECK_EQ(in.r3, 3);

    in = dec((uint8_t[]){ 0xB9, 0xF2, 0x70, 0x45 });        /* LOCR 4,5,7: M3 16-19 */
    CHECK_EQ(in.m3, 7);
    CHECK_EQ(in.r1, 4);
    CHECK_EQ(in.r2, 5);

    in = dec((uint8_t[]){ 0x90, 0x6E, 0xD0, 0x18 });        /* STM 6,14,0x18(13) */
    CHECK_EQ(in.r1, 6);
    CHECK_EQ(in.r3, 14);
    CHECK_EQ(in.b2, 13);
    CHECK_EQ(in.d2, 0x18);

    in = dec((uint8_t[]){ 0xEB, 0x6F, 0xF0, 0x30, 0x00, 0x24 });  /* STMG 6,15,48(15) */
    CHECK_EQ(in.r1, 6);
    CHECK_EQ(in.r3, 15);
    CHECK_EQ(in.b2, 15);
    CHECK_EQ(in.d2, 48);

    in = dec((uint8_t[]){ 0xEB, 0x23, 0x60, 0x08, 0x00, 0xF2 });  /* LOC 2,8(6),3 */
    CHECK_EQ(in.r1, 2);
    CHECK_EQ(in.m3, 3);
    CHECK_EQ(in.b2, 6);
    CHECK_EQ(in.d2, 8);
}

TEST(decode_ri_ril_rsi_fields)
{
    Insn in = dec((uint8_t[]){ 0xA7, 0x3A, 0xFF, 0xFE });   /* AHI 3,-2 */
    CHECK_EQ(in.r1, 3);
    CHECK_EQ(in.i2, -2);
    CHECK_EQ(insn_table[in.row].opcode, 0xA70A);

    in = dec((uint8_t[]){ 0xC0, 0x1F, 0x80, 0x00, 0x00, 0x01 });  /* LLILF 1,0x80000001 */
    CHECK_EQ(in.r1, 1);
    CHECK_EQ(in.i2, (int64_t)(int32_t)0x80000001);
    CHECK_EQ((uint32_t)in.i2, 0x80000001);

    in = dec((uint8_t[]){ 0x84, 0x24, 0x80, 0x00 });        /* BRXH 2,4,-0x8000 */
    CHECK_EQ(in.r1, 2);
    CHECK_EQ(in.r3, 4);
    CHECK_EQ(in.i2, -0x8000);
}

TEST(decode_rie_ris_rrs_fields)
{
    /* CRJ 2,4,8,+4: ec 24 0004 80 76 */
    Insn in = dec((uint8_t[]){ 0xEC, 0x24, 0x00, 0x04, 0x80, 0x76 });
    CHECK_EQ(in.r1, 2);
    CHECK_EQ(in.r2, 4);
    CHECK_EQ(in.i4, 4);
    CHECK_EQ(in.m3, 8);

    /* CIJ 2,-3,2,-1: ec 22 ffff fd 7e: M3 at 12-15, RI4 16-31, I2 32-39 */
    in = dec((uint8_t[]){ 0xEC, 0x22, 0xFF, 0xFF, 0xFD, 0x7E });
    CHECK_EQ(in.r1, 2);
    CHECK_EQ(in.m3, 2);
    CHECK_EQ(in.i4, -1);
    CHECK_EQ(in.i2, -3);

    /* AHIK 1,3,-5: ec 13 fffb 00 d8 */
    in = dec((uint8_t[]){ 0xEC, 0x13, 0xFF, 0xFB, 0x00, 0xD8 });
    CHECK_EQ(in.r1, 1);
    CHECK_EQ(in.r3, 3);
    CHECK_EQ(in.i2, -5);

    /* RISBG 1,2,3,0x84,5 */
    in = dec((uint8_t[]){ 0xEC, 0x12, 0x03, 0x84, 0x05, 0x55 });
    CHECK_EQ(in.r1, 1);
    CHECK_EQ(in.r2, 2);
    CHECK_EQ(in.i3, 3);
    CHECK_EQ(in.i4, 0x84);
    CHECK_EQ(in.i5, 5);

    /* CIT 2,-2,8: ec 20 fffe 80 72 */
    in = dec((uint8_t[]){ 0xEC, 0x20, 0xFF, 0xFE, 0x80, 0x72 });
    CHECK_EQ(in.r1, 2);
    CHECK_EQ(in.i2, -2);
    CHECK_EQ(in.m3, 8);

    /* CRB 2,4,8,0x123(6): ec 24 6123 80 f6 */
    in = dec((uint8_t[]){ 0xEC, 0x24, 0x61, 0x23, 0x80, 0xF6 });
    CHECK_EQ(in.r1, 2);
    CHECK_EQ(in.r2, 4);
    CHECK_EQ(in.b4, 6);
    CHECK_EQ(in.d4, 0x123);
    CHECK_EQ(in.m3, 8);

    /* CIB 2,-1,4,0x10(7): ec 24 7010 ff fe */
    in = dec((uint8_t[]){ 0xEC, 0x24, 0x70, 0x10, 0xFF, 0xFE });
    CHECK_EQ(in.r1, 2);
    CHECK_EQ(in.m3, 4);
    CHECK_EQ(in.b4, 7);
    CHECK_EQ(in.d4, 0x10);
    CHECK_EQ(in.i2, -1);
}

TEST(decode_s_si_siy_sil_ss_fields)
{
    Insn in = dec((uint8_t[]){ 0xB2, 0xB0, 0x4F, 0xF8 });   /* STFLE 0xFF8(4) */
    CHECK_EQ(in.b2, 4);
    CHECK_EQ(in.d2, 0xFF8);

    in = dec((uint8_t[]){ 0x92, 0xC1, 0x51, 0x00 });        /* MVI 0x100(5),0xC1 */
    CHECK_EQ(in.i2, 0xC1);
    CHECK_EQ(in.b1, 5);
    CHECK_EQ(in.d1, 0x100);

    in = dec((uint8_t[]){ 0xEB, 0x80, 0x5F, 0xFF, 0xFF, 0x52 });  /* MVIY -1(5),0x80 */
    CHECK_EQ(in.i2, 0x80);
    CHECK_EQ(in.b1, 5);
    CHECK_EQ(in.d1, -1);

    in = dec((uint8_t[]){ 0xE5, 0x4C, 0x30, 0x08, 0xFF, 0xFE });  /* MVHI 8(3),-2 */
    CHECK_EQ(in.b1, 3);
    CHECK_EQ(in.d1, 8);
    CHECK_EQ(in.i2, -2);

    in = dec((uint8_t[]){ 0xD2, 0xFF, 0x1A, 0xBC, 0x2D, 0xEF });  /* MVC 0xABC(256,1),0xDEF(2) */
    CHECK_EQ(in.l1, 0xFF);
    CHECK_EQ(in.b1, 1);
    CHECK_EQ(in.d1, 0xABC);
    CHECK_EQ(in.b2, 2);
    CHECK_EQ(in.d2, 0xDEF);

    in = dec((uint8_t[]){ 0xF1, 0x37, 0x10, 0x01, 0x20, 0x02 });  /* MVO: L1 3, L2 7 */
    CHECK_EQ(in.l1, 3);
    CHECK_EQ(in.l2, 7);

    in = dec((uint8_t[]){ 0xE9, 0x1F, 0x10, 0x01, 0x20, 0x02 });  /* PKA: SS-f L2 in 8-15 */
    CHECK_EQ(in.l2, 0x1F);

    in = dec((uint8_t[]){ 0xDA, 0x24, 0x10, 0x01, 0x20, 0x02 });  /* MVCP: R1 2, R3 4 */
    CHECK_EQ(in.r1, 2);
    CHECK_EQ(in.r3, 4);
    CHECK_EQ(in.d1, 1);
    CHECK_EQ(in.d2, 2);

    in = dec((uint8_t[]){ 0xC8, 0x30, 0x10, 0x01, 0x20, 0x02 });  /* MVCOS: R3 8-11 */
    CHECK_EQ(in.r3, 3);
    CHECK_EQ(in.b1, 1);
    CHECK_EQ(in.b2, 2);

    in = dec((uint8_t[]){ 0x0A, 0x9F });                    /* SVC 0x9F */
    CHECK_EQ(in.i2, 0x9F);
}

TEST(decode_facility_gates_instruction)
{
    TestEnv *e = tenv_cpu();
    Asm a = asm_at(e, CODE);
    RRF(&a, 0xB9F8, 3, 0, 1, 2);        /* ARK 1,2,3 (facility 45) */
    e->cpu.gr[2] = 2;
    e->cpu.gr[3] = 3;
    facility_set(&e->m, 45, false);
    CHECK_EQ(step(e), CPU_STEP_INTERRUPT);
    CHECK_EQ(pgm_code(e), PGM_OPERATION);
    CHECK_EQ(pgm_ilc(e), 4);
    CHECK_EQ(e->cpu.gr[1], 0);
    facility_set(&e->m, 45, true);
    e->cpu.psw_addr = CODE;
    e->cpu.psw_mask = PSW_MASK_EA | PSW_MASK_BA;
    CHECK_EQ(step(e), CPU_STEP_OK);
    CHECK_EQ(e->cpu.gr[1], 5);
    tenv_free(e);
}

/* ---- rows added by the z196 audit: encodings from the GNU assembler ----
 *
 * Each line was assembled by s390x-linux-gnu-as -march=z196 from the
 * instruction text in its comment (docs/INSN-COVERAGE.md); the expected
 * fields are read off that text.  The lookup must find the named row and
 * decode_fields must put every named operand where the assembler put it. */
typedef struct {
    const char *mnemonic;
    uint8_t b[6];
    const char *fields;     /* "name=value ..." of struct Insn */
} AsmRow;

static const AsmRow asm_rows[] = {
    { "MH", { 0x4c, 0x12, 0x31, 0x23 }, "r1=1 d2=291 x2=2 b2=3" },
    { "MSY", { 0xe3, 0x12, 0x3e, 0xdd, 0xff, 0x51 }, "r1=1 d2=-291 x2=2 b2=3" },
    { "NY", { 0xe3, 0x45, 0x6f, 0xff, 0x7f, 0x54 }, "r1=4 d2=524287 x2=5 b2=6" },
    { "OY", { 0xe3, 0x45, 0x6f, 0xff, 0xff, 0x56 }, "r1=4 d2=-1 x2=5 b2=6" },
    { "XY", { 0xe3, 0x45, 0x60, 0x02, 0x00, 0x57 }, "r1=4 d2=2 x2=5 b2=6" },
    { "ALY", { 0xe3, 0x78, 0x90, 0x08, 0x00, 0x5e }, "r1=7 d2=8 x2=8 b2=9" },
    { "SLY", { 0xe3, 0x78, 0x90, 0x08, 0x00, 0x5f }, "r1=7 d2=8 x2=8 b2=9" },
    { "LPGFR", { 0xb9, 0x10, 0x00, 0xab }, "r1=10 r2=11" },
    { "LNGFR", { 0xb9, 0x11, 0x00, 0xab }, "r1=10 r2=11" },
    { "ALHSIK", { 0xec, 0x12, 0xff, 0xfd, 0x00, 0xda }, "r1=1 r3=2 i2=-3" },
    { "ALGHSIK", { 0xec, 0x12, 0x00, 0x07, 0x00, 0xdb }, "r1=1 r3=2 i2=7" },
    { "LAE", { 0x51, 0x12, 0x30, 0x10 }, "r1=1 d2=16 x2=2 b2=3" },
    { "LAEY", { 0xe3, 0x12, 0x3f, 0xf0, 0xff, 0x75 }, "r1=1 d2=-16 x2=2 b2=3" },
    { "STCM", { 0xbe, 0x15, 0x20, 0x20 }, "r1=1 m3=5 d2=32 b2=2" },
    { "STCMY", { 0xeb, 0x16, 0x2f, 0xe0, 0xff, 0x2d }, "r1=1 m3=6 d2=-32 b2=2" },
    { "STCMH", { 0xeb, 0x17, 0x20, 0x20, 0x00, 0x2c }, "r1=1 m3=7 d2=32 b2=2" },
    { "CDS", { 0xbb, 0x24, 0x50, 0x30 }, "r1=2 r3=4 d2=48 b2=5" },
    { "CDSY", { 0xeb, 0x24, 0x5f, 0xd0, 0xff, 0x31 }, "r1=2 r3=4 d2=-48 b2=5" },
    { "CDSG", { 0xeb, 0x24, 0x50, 0x30, 0x00, 0x3e }, "r1=2 r3=4 d2=48 b2=5" },
    { "TS", { 0x93, 0x00, 0x60, 0x40 }, "d1=64 b1=6" },
    { "CSST", { 0xc8, 0x32, 0x10, 0x10, 0x20, 0x20 }, "d1=16 b1=1 d2=32 b2=2 r3=3" },
    { "LPD", { 0xc8, 0x44, 0x10, 0x10, 0x20, 0x20 }, "r3=4 d1=16 b1=1 d2=32 b2=2" },
    { "LPDG", { 0xc8, 0x45, 0x10, 0x10, 0x20, 0x20 }, "r3=4 d1=16 b1=1 d2=32 b2=2" },
    { "TAM", { 0x01, 0x0b }, "" },
    { "EPSW", { 0xb9, 0x8d, 0x00, 0x12 }, "r1=1 r2=2" },
    { "CPYA", { 0xb2, 0x4d, 0x00, 0x12 }, "r1=1 r2=2" },
    { "MC", { 0xaf, 0x09, 0x30, 0x50 }, "d1=80 b1=3 i2=9" },
    { "STCKE", { 0xb2, 0x78, 0x40, 0x60 }, "d2=96 b2=4" },
    { "ECTG", { 0xc8, 0x31, 0x10, 0x10, 0x20, 0x20 }, "d1=16 b1=1 d2=32 b2=2 r3=3" },
    { "BSM", { 0x0b, 0x12 }, "r1=1 r2=2" },
    { "BASSM", { 0x0c, 0xef }, "r1=14 r2=15" },
    { "STMY", { 0xeb, 0x6f, 0xff, 0x00, 0xff, 0x90 }, "r1=6 r3=15 d2=-256 b2=15" },
    { "LMY", { 0xeb, 0x6f, 0xf1, 0x00, 0x00, 0x98 }, "r1=6 r3=15 d2=256 b2=15" },
    { "LMD", { 0xef, 0x13, 0x40, 0x10, 0x50, 0x20 }, "r1=1 r3=3 d2=16 b2=4 d4=32 b4=5" },
    { "STAMY", { 0xeb, 0x12, 0x40, 0x30, 0x00, 0x9b }, "r1=1 r3=2 d2=48 b2=4" },
    { "LAMY", { 0xeb, 0x12, 0x4f, 0xd0, 0xff, 0x9a }, "r1=1 r3=2 d2=-48 b2=4" },
    { "LPQ", { 0xe3, 0x23, 0x40, 0x40, 0x00, 0x8f }, "r1=2 d2=64 x2=3 b2=4" },
    { "STPQ", { 0xe3, 0x23, 0x4f, 0xc0, 0xff, 0x8e }, "r1=2 d2=-64 x2=3 b2=4" },
    { "AP", { 0xfa, 0x31, 0x10, 0x10, 0x20, 0x20 }, "d1=16 l1=3 b1=1 d2=32 l2=1 b2=2" },
    { "SP", { 0xfb, 0xff, 0x10, 0x10, 0x20, 0x20 }, "d1=16 l1=15 b1=1 d2=32 l2=15 b2=2" },
    { "ZAP", { 0xf8, 0x20, 0x10, 0x10, 0x20, 0x20 }, "d1=16 l1=2 b1=1 d2=32 l2=0 b2=2" },
    { "CP", { 0xf9, 0x45, 0x10, 0x10, 0x20, 0x20 }, "d1=16 l1=4 b1=1 d2=32 l2=5 b2=2" },
    { "MP", { 0xfc, 0x76, 0x10, 0x10, 0x20, 0x20 }, "d1=16 l1=7 b1=1 d2=32 l2=6 b2=2" },
    { "DP", { 0xfd, 0x87, 0x10, 0x10, 0x20, 0x20 }, "d1=16 l1=8 b1=1 d2=32 l2=7 b2=2" },
    { "SRP", { 0xf0, 0x35, 0x10, 0x10, 0x20, 0x3f }, "d1=16 l1=3 b1=1 d2=63 b2=2 i3=5" },
    { "TP", { 0xeb, 0x40, 0x30, 0x10, 0x00, 0xc0 }, "d1=16 l1=4 b1=3" },
    { "CVB", { 0x4f, 0x12, 0x30, 0x10 }, "r1=1 d2=16 x2=2 b2=3" },
    { "CVBY", { 0xe3, 0x12, 0x3f, 0xf0, 0xff, 0x06 }, "r1=1 d2=-16 x2=2 b2=3" },
    { "CVBG", { 0xe3, 0x12, 0x30, 0x10, 0x00, 0x0e }, "r1=1 d2=16 x2=2 b2=3" },
    { "CVD", { 0x4e, 0x12, 0x30, 0x10 }, "r1=1 d2=16 x2=2 b2=3" },
    { "CVDY", { 0xe3, 0x12, 0x3f, 0xf0, 0xff, 0x26 }, "r1=1 d2=-16 x2=2 b2=3" },
    { "CVDG", { 0xe3, 0x12, 0x30, 0x10, 0x00, 0x2e }, "r1=1 d2=16 x2=2 b2=3" },
    { "TRTE", { 0xb9, 0xbf, 0xc0, 0x26 }, "r1=2 r2=6 m3=12" },
    { "TRTRE", { 0xb9, 0xbd, 0x20, 0x47 }, "r1=4 r2=7 m3=2" },
    { "CUSE", { 0xb2, 0x57, 0x00, 0x24 }, "r1=2 r2=4" },
    { "CU12", { 0xb2, 0xa7, 0x10, 0x24 }, "r1=2 r2=4 m3=1" },
    { "CU21", { 0xb2, 0xa6, 0x10, 0x68 }, "r1=6 r2=8 m3=1" },
    { "CU14", { 0xb9, 0xb0, 0x10, 0x24 }, "r1=2 r2=4 m3=1" },
    { "CU24", { 0xb9, 0xb1, 0x10, 0x24 }, "r1=2 r2=4 m3=1" },
    { "CU41", { 0xb9, 0xb2, 0x00, 0xac }, "r1=10 r2=12" },
    { "CU42", { 0xb9, 0xb3, 0x00, 0xac }, "r1=10 r2=12" },
};

/* The value of the Insn field called name. */
static int64_t insn_field(const Insn *in, const char *name, bool *known)
{
    *known = true;
#define F(n) if (!strcmp(name, #n)) return in->n
    F(r1); F(r2); F(r3); F(m3); F(m4); F(b1); F(b2); F(x2); F(b4); F(d1); F(d2); F(d4);
    F(l1); F(l2); F(i2); F(i3); F(i4); F(i5);
#undef F
    *known = false;
    return 0;
}

TEST(decode_audit_rows_from_assembler_encodings)
{
    unsigned bad = 0;
    for (size_t i = 0; i < sizeof(asm_rows) / sizeof(asm_rows[0]); i++) {
        const AsmRow *r = &asm_rows[i];
        const InsnDef *d = decode_lookup(r->b);
        if (!d || strcmp(d->mnemonic, r->mnemonic) != 0) {
            bad++;
            fprintf(stderr, "  %s: found %s\n", r->mnemonic, d ? d->mnemonic : "nothing");
            continue;
        }
        Insn in;
        decode_fields(d, r->b, 0x1000, &in);
        CHECK_EQ(in.ilen, insn_length(r->b[0]));
        char buf[128];
        snprintf(buf, sizeof(buf), "%s", r->fields);
        for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
            char *eq = strchr(tok, '=');
            *eq = 0;
            bool known;
            int64_t got = insn_field(&in, tok, &known);
            long long want = strtoll(eq + 1, NULL, 10);
            if (!known || got != want) {
                bad++;
                fprintf(stderr, "  %s: field %s = %lld, assembler says %lld\n", r->mnemonic,
                        tok, (long long)got, want);
            }
        }
    }
    CHECK_EQ(bad, 0);
}
