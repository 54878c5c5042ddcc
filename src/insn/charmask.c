/* The character-under-mask instructions: INSERT CHARACTER(S) (IC, ICY, ICM,
 * ICMY, ICMH), COMPARE LOGICAL CHARACTERS UNDER MASK (CLM, CLMY, CLMH) and
 * STORE CHARACTERS UNDER MASK (STCM, STCMY, STCMH).
 *
 * The M3 mask selects bytes of a 32-bit register field (bits 32-63, or
 * bits 0-31 for the H forms), mask bit 8 the leftmost; the selected bytes
 * correspond, left to right, to consecutive storage bytes (as many as mask
 * bits are one).  The operand (1-4 bytes, possibly crossing a page) is
 * prepared whole before a register or a byte changes.  A zero mask accesses
 * no storage: the architecture lets access exceptions for that case be
 * recognised or not, and zemu chooses not (the same for all three). */
#include "insn/operand.h"

/* INSERT CHARACTER: bits 56-63 of R1 <- the byte; the rest unchanged. */
#define IC_RX(name)                                                       \
    MEM_OP_HANDLER(name, 1, EA_X(in), in->b2,                             \
                   cpu->gr[in->r1] = (cpu->gr[in->r1] & ~0xFFULL) | v; return 0;)
IC_RX(ic)
IC_RX(icy)

/* Fetches the storage bytes of ICM/CLM: as many as M3 has one bits (*n).
 * A zero mask fetches nothing and sets CC0, the result of both. */
static inline __attribute__((always_inline)) int fetch_masked(CPUState *cpu, const Insn *in,
                                                           uint8_t b[4], unsigned *n)
{
    /* One bits of each 4-bit mask (no popcount call on baseline x86-64). */
    static const uint8_t ones[16] = { 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4 };
    *n = ones[in->m3 & 0xF];
    if (!*n) {
        cpu_set_cc(cpu, 0);
        return 0;
    }
    const uint64_t addr = EA_S(in);
    const uint8_t *h = fast_host(cpu, addr, *n, in->b2, TLB_KIND_READ);
    if (h) {
        for (unsigned k = 0; k < *n; k++)   /* 1-4 bytes: no library call */
            b[k] = h[k];
        return 0;
    }
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, addr, *n, ACC_FETCH, in->b2);
    if (rc)
        return insn_access_result(rc);
    access_read(cpu, &sa, 0, b, *n);
    return 0;
}

/* The bytes selected by mask m (bit 8 = leftmost byte of the 32-bit field
 * at shift) are replaced by consecutive storage bytes.  CC0: all inserted
 * bits zero or mask zero; 1: leftmost inserted bit one; 2: otherwise. */
static int icm_common(CPUState *cpu, const Insn *in, unsigned shift)
{
    unsigned m = in->m3 & 0xF, n;
    uint8_t b[4];
    int rc = fetch_masked(cpu, in, b, &n);
    if (rc || !n)
        return rc;
    uint64_t r = cpu->gr[in->r1];
    unsigned k = 0;
    for (int i = 0; i < 4; i++)
        if (m & (8 >> i)) {
            unsigned sh = shift + 8 * (3 - i);
            r = (r & ~(0xFFULL << sh)) | ((uint64_t)b[k++] << sh);
        }
    cpu->gr[in->r1] = r;
    bool zero = true;
    for (unsigned i = 0; i < n; i++)
        zero &= b[i] == 0;
    cpu_set_cc(cpu, zero ? 0 : (b[0] & 0x80) ? 1 : 2);
    return 0;
}
INSN_HANDLER(icm) { return icm_common(cpu, in, 0); }
INSN_HANDLER(icmy) { return icm_common(cpu, in, 0); }
INSN_HANDLER(icmh) { return icm_common(cpu, in, 32); }

/* COMPARE LOGICAL CHARACTERS UNDER MASK: the selected register bytes,
 * left to right, against consecutive storage bytes. */
static int clm_common(CPUState *cpu, const Insn *in, unsigned shift)
{
    const unsigned m = in->m3 & 0xF;
    uint8_t b[4];
    unsigned n;
    int rc = fetch_masked(cpu, in, b, &n);
    if (rc || !n)
        return rc;
    /* Byte strings of equal length compare left to right as their
     * big-endian values do. */
    const uint32_t field = (uint32_t)(cpu->gr[in->r1] >> shift);
    uint32_t r = 0;
    if (m & 8)
        r = field >> 24;
    if (m & 4)
        r = r << 8 | (field >> 16 & 0xFF);
    if (m & 2)
        r = r << 8 | (field >> 8 & 0xFF);
    if (m & 1)
        r = r << 8 | (field & 0xFF);
    uint32_t v = b[0];
    for (unsigned k = 1; k < n; k++)
        v = v << 8 | b[k];
    cpu_set_cc(cpu, r == v ? 0 : r < v ? 1 : 2);
    return 0;
}
INSN_HANDLER(clm) { return clm_common(cpu, in, 0); }
INSN_HANDLER(clmy) { return clm_common(cpu, in, 0); }
INSN_HANDLER(clmh) { return clm_common(cpu, in, 32); }

/* STORE CHARACTERS UNDER MASK: the selected bytes, left to right, are
 * stored at consecutive bytes; CC unchanged. */
static int stcm_common(CPUState *cpu, const Insn *in, unsigned shift)
{
    unsigned m = in->m3 & 0xF, n = 0;
    uint8_t b[4];
    for (int i = 0; i < 4; i++)
        if (m & (8 >> i))
            b[n++] = (uint8_t)(cpu->gr[in->r1] >> (shift + 8 * (3 - i)));
    if (!n)
        return 0;
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, EA_S(in), n, ACC_STORE, in->b2);
    if (rc)
        return insn_access_result(rc);
    access_write(cpu, &sa, 0, b, n);
    access_commit(cpu, &sa);
    return 0;
}
INSN_HANDLER(stcm) { return stcm_common(cpu, in, 0); }
INSN_HANDLER(stcmy) { return stcm_common(cpu, in, 0); }
INSN_HANDLER(stcmh) { return stcm_common(cpu, in, 32); }
