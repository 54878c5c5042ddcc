/* The fault matrix over the storage operands of the general instructions:
 * every access-exception kind on every page of the operand (page-crossing
 * operands where the length allows), checking the code, TEID, nullification
 * and that nothing is stored and no register, CC or PSW changes.  The
 * handlers come from the definition table, the Insn from decoding
 * hand-encoded bytes; the base register 4 holds the operand address.
 * Simple loads and stores run the fault-free case twice in the driver's
 * sense: once to fill the TLB, so both the probe path and the inline TLB hit
 * path are exercised (the fault cases each start on a fresh machine). */
#include "cpu/decode.h"
#include "faultmatrix.h"
#include "test_cpu.h"

typedef struct FaultInsn {
    const char *mnemonic;
    uint8_t bytes[6];       /* operand at 0(4) (or D1(B1) = 0(4)) */
    uint32_t len;
    AccessKind kind;
} FaultInsn;

static const FaultInsn fault_insns[] = {
    { "L", { 0x58, 0x20, 0x40, 0x00 }, 4, ACC_FETCH },
    { "LY", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x58 }, 4, ACC_FETCH },
    { "LG", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x04 }, 8, ACC_FETCH },
    { "LGF", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x14 }, 4, ACC_FETCH },
    { "LH", { 0x48, 0x20, 0x40, 0x00 }, 2, ACC_FETCH },
    { "LLGC", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x90 }, 1, ACC_FETCH },
    { "A", { 0x5A, 0x20, 0x40, 0x00 }, 4, ACC_FETCH },
    { "SLG", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x0B }, 8, ACC_FETCH },
    { "ALC", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x98 }, 4, ACC_FETCH },
    { "MS", { 0x71, 0x20, 0x40, 0x00 }, 4, ACC_FETCH },
    { "M", { 0x5C, 0x20, 0x40, 0x00 }, 4, ACC_FETCH },
    { "DSG", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x0D }, 8, ACC_FETCH },
    { "NG", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x80 }, 8, ACC_FETCH },
    { "C", { 0x59, 0x20, 0x40, 0x00 }, 4, ACC_FETCH },
    { "CLG", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x21 }, 8, ACC_FETCH },
    { "CLI", { 0x95, 0x20, 0x40, 0x00 }, 1, ACC_FETCH },
    { "TM", { 0x91, 0x20, 0x40, 0x00 }, 1, ACC_FETCH },
    { "CHSI", { 0xE5, 0x5C, 0x40, 0x00, 0x00, 0x01 }, 4, ACC_FETCH },
    { "CLHHSI", { 0xE5, 0x55, 0x40, 0x00, 0x00, 0x01 }, 2, ACC_FETCH },
    { "TMY", { 0xEB, 0x03, 0x40, 0x00, 0x00, 0x51 }, 1, ACC_FETCH },
    { "IC", { 0x43, 0x20, 0x40, 0x00 }, 1, ACC_FETCH },
    { "ICY", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x73 }, 1, ACC_FETCH },
    { "CLIY", { 0xEB, 0x20, 0x40, 0x00, 0x00, 0x55 }, 1, ACC_FETCH },
    { "CHHSI", { 0xE5, 0x54, 0x40, 0x00, 0x00, 0x01 }, 2, ACC_FETCH },
    { "CLGHSI", { 0xE5, 0x59, 0x40, 0x00, 0x00, 0x01 }, 8, ACC_FETCH },
    { "LOCG", { 0xEB, 0x2F, 0x40, 0x00, 0x00, 0xE2 }, 8, ACC_FETCH },   /* M3 = 15 */
    { "ST", { 0x50, 0x20, 0x40, 0x00 }, 4, ACC_STORE },
    { "STG", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x24 }, 8, ACC_STORE },
    { "STH", { 0x40, 0x20, 0x40, 0x00 }, 2, ACC_STORE },
    { "STCY", { 0xE3, 0x20, 0x40, 0x00, 0x00, 0x72 }, 1, ACC_STORE },
    { "MVI", { 0x92, 0x5A, 0x40, 0x00 }, 1, ACC_STORE },
    { "MVHI", { 0xE5, 0x4C, 0x40, 0x00, 0x00, 0x01 }, 4, ACC_STORE },
    { "MVGHI", { 0xE5, 0x48, 0x40, 0x00, 0x00, 0x01 }, 8, ACC_STORE },
    { "MVIY", { 0xEB, 0x5A, 0x40, 0x00, 0x00, 0x52 }, 1, ACC_STORE },
    { "MVHHI", { 0xE5, 0x44, 0x40, 0x00, 0x00, 0x01 }, 2, ACC_STORE },
    { "STOCG", { 0xEB, 0x2F, 0x40, 0x00, 0x00, 0xE3 }, 8, ACC_STORE },
    { "STCK", { 0xB2, 0x05, 0x40, 0x00 }, 8, ACC_STORE },
    { "NI", { 0x94, 0x0F, 0x40, 0x00 }, 1, ACC_UPDATE },
    { "OIY", { 0xEB, 0x0F, 0x40, 0x00, 0x00, 0x56 }, 1, ACC_UPDATE },
    { "XI", { 0x97, 0x0F, 0x40, 0x00 }, 1, ACC_UPDATE },
    { "ASI", { 0xEB, 0x01, 0x40, 0x00, 0x00, 0x6A }, 4, ACC_UPDATE },
    { "AGSI", { 0xEB, 0x01, 0x40, 0x00, 0x00, 0x7A }, 8, ACC_UPDATE },
};

static void setup(FmCase *c)
{
    CPUState *cpu = &c->env->cpu;
    cpu->gr[4] = c->va[0];
    cpu->gr[2] = 0x0123456789ABCDEFULL;
    cpu->gr[3] = 0x1111111122222222ULL;
    cpu_set_cc(cpu, 2);
    const uint8_t pat[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    fm_write(c, c->va[0], pat, sizeof(pat));
}

/* The operand fetched or stored correctly in the fault-free case. */
static void check(FmCase *c)
{
    if (c->kind != FK_COUNT || c->rc != 0)
        return;
    const FaultInsn *fi = c->ctx;
    uint8_t got[8];
    fm_read(c, c->va[0], got, 8);
    CPUState *cpu = &c->env->cpu;
    if (!strcmp(fi->mnemonic, "L"))
        CHECK_EQ((uint32_t)cpu->gr[2], 0x01020304);
    else if (!strcmp(fi->mnemonic, "LG"))
        CHECK_EQ(cpu->gr[2], 0x0102030405060708ULL);
    else if (!strcmp(fi->mnemonic, "ST"))
        CHECK_EQ((uint32_t)got[0] << 24 | (uint32_t)got[1] << 16 | got[2] << 8 | got[3], 0x89ABCDEF);
    else if (!strcmp(fi->mnemonic, "STG"))
        CHECK_EQ(got[0], 0x01);
    else if (!strcmp(fi->mnemonic, "NI"))
        CHECK_EQ(got[0], 0x01);
    else if (!strcmp(fi->mnemonic, "MVI") || !strcmp(fi->mnemonic, "MVIY"))
        CHECK_EQ(got[0], 0x5A);
    else if (!strcmp(fi->mnemonic, "MVHHI"))   /* I2 = 1 as a halfword */
        CHECK_EQ((uint32_t)got[0] << 8 | got[1], 1);
    else if (!strcmp(fi->mnemonic, "ICY"))
        CHECK_EQ(cpu->gr[2], 0x0123456789ABCD01ULL);
    else if (!strcmp(fi->mnemonic, "IC"))       /* byte 0x01 into bits 56-63 */
        CHECK_EQ(cpu->gr[2], 0x0123456789ABCD01ULL);
    else if (!strcmp(fi->mnemonic, "TMY"))      /* 0x01 under mask 0x03: mixed */
        CHECK_EQ(cpu_cc(cpu), 1);
    else if (!strcmp(fi->mnemonic, "CLHHSI"))   /* 0x0102 > 0x0001 */
        CHECK_EQ(cpu_cc(cpu), 2);
    else
        CHECK(true);
}

TEST(faults_general_storage_operands)
{
    int cases = 0;
    for (size_t i = 0; i < sizeof(fault_insns) / sizeof(fault_insns[0]); i++) {
        const FaultInsn *fi = &fault_insns[i];
        const InsnDef *d = decode_find_mnemonic(fi->mnemonic);
        CHECK(d != NULL);
        if (!d)
            continue;
        FmScenario s;
        memset(&s, 0, sizeof(s));
        s.name = fi->mnemonic;
        s.nops = 1;
        /* straddle the page boundary when the operand has 2 bytes or more */
        s.ops[0].off = fi->len > 1 ? 4096 - fi->len / 2 : 4095;
        s.ops[0].len = fi->len;
        s.ops[0].kind = fi->kind;
        s.handler = d->handler;
        decode_fields(d, fi->bytes, 0x10000, &s.insn);
        s.setup = setup;
        s.check = check;
        s.flags = FM_NOTHING_STORED;
        s.ctx = (void *)fi;
        int n = fm_run(&s);
        CHECK(n > 0);
        cases += n;
    }
    CHECK(cases > 300);
}
