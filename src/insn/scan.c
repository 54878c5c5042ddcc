/* Instructions that scan operands for a condition, one element at a time:
 * COMPARE UNTIL SUBSTRING EQUAL (CUSE) and TRANSLATE AND TEST (REVERSE)
 * EXTENDED (TRTE, TRTRE; parsing-enhancement facility, bit 26).
 *
 * Both only fetch.  Each element (byte, character, function code) is
 * fetched with mem_load, so it takes the inline TLB path; the registers
 * are brought up to date before an execution stops, so an access
 * exception or CC3 leaves them at a point from which the instruction
 * resumes correctly. */
#include "insn/operand.h"

/* Elements per execution before CC3. */
#define SCAN_LIMIT 4096u

static inline uint64_t wrap(const CPUState *cpu, uint64_t a)
{
    return a & cpu_addr_mask(cpu);
}

/* ---- COMPARE UNTIL SUBSTRING EQUAL (B257, RRE) ----
 * Operands R1/R1+1 and R2/R2+1 (even registers; lengths as the long
 * instructions), GR0 bits 56-63 the substring length SL, GR1 bits 56-63 the
 * pad that extends the shorter operand.  Bytes are compared left to right
 * until SL consecutive pairs are equal:
 *   CC0 an equal substring of SL bytes: R1/R2 at its first bytes, the
 *       lengths those remaining from there (also SL = 0: nothing changes);
 *   CC1 both operands ended while the last bytes compared were equal (a
 *       shorter equal substring): registers at its start;
 *   CC2 both ended with the last bytes unequal (or were empty): registers
 *       at the ends;
 *   CC3 a CPU-determined amount compared, the last bytes unequal:
 *       registers at the next bytes. */
typedef struct {
    uint64_t a1, l1, a2, l2;
} CusePos;

static void cuse_save(CPUState *cpu, const Insn *in, const CusePos *p)
{
    insn_set_addr_reg(cpu, in->r1, p->a1);
    insn_set_len(cpu, in->r1 + 1, p->l1);
    insn_set_addr_reg(cpu, in->r2, p->a2);
    insn_set_len(cpu, in->r2 + 1, p->l2);
}

INSN_HANDLER(cuse)
{
    if ((in->r1 | in->r2) & 1)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    const unsigned sl = (unsigned)(cpu->gr[0] & 0xFF);
    const uint8_t pad = (uint8_t)cpu->gr[1];
    CusePos cur = { insn_reg_addr(cpu, in->r1), insn_get_len(cpu, in->r1 + 1),
                    insn_reg_addr(cpu, in->r2), insn_get_len(cpu, in->r2 + 1) };
    if (sl == 0) {
        cpu_set_cc(cpu, 0);
        return 0;
    }
    CusePos start = cur;            /* first bytes of the current equal run */
    unsigned eq = 0, n = 0, cc;
    for (;;) {
        if (!cur.l1 && !cur.l2) {
            cc = eq ? 1 : 2;
            break;
        }
        if (!eq && n && n % 256 == 0) {
            cuse_save(cpu, in, &cur);
            if (n >= SCAN_LIMIT || insn_unit_boundary(cpu)) {
                cc = 3;
                break;
            }
        }
        uint64_t x = pad, y = pad;
        int rc = cur.l1 ? mem_load(cpu, cur.a1, 1, in->r1, &x) : 0;
        if (!rc && cur.l2)
            rc = mem_load(cpu, cur.a2, 1, in->r2, &y);
        if (rc) {
            cuse_save(cpu, in, eq ? &start : &cur);
            return rc;
        }
        if (x == y) {
            if (!eq)
                start = cur;
            eq++;
        } else {
            eq = 0;
        }
        if (cur.l1) {
            cur.a1 = wrap(cpu, cur.a1 + 1);
            cur.l1--;
        }
        if (cur.l2) {
            cur.a2 = wrap(cpu, cur.a2 + 1);
            cur.l2--;
        }
        n++;
        if (eq == sl) {
            cc = 0;
            break;
        }
    }
    cuse_save(cpu, in, cc <= 1 ? &start : &cur);
    cpu_set_cc(cpu, cc);
    return 0;
}

/* ---- TRANSLATE AND TEST (REVERSE) EXTENDED (B9BF / B9BD, RRF) ----
 * The first operand (R1 even: address, R1+1 length) is scanned left to
 * right (TRTE) or right to left (TRTRE, R1 then designates the rightmost
 * character); each argument character (M3 A bit 8: two bytes, else one)
 * indexes the function-code table at GR1 (F bit 4: two-byte codes, else
 * one-byte).  With A and the L bit (2), arguments above 255 are not looked
 * up and give code zero.  The first nonzero code ends the scan: CC1, R1 at
 * that character, R1+1 the length from it on (TRTE) or up to and
 * including it (TRTRE), the code in R2 (bits 32-63 below 64-bit mode, all
 * 64 bits in 64-bit mode, zero-extended).  CC0 when the operand ends with
 * all codes zero (R1 past the operand, R1+1 zero, R2 unchanged, as TRT
 * leaves GR2), CC3 after a CPU-determined number of characters.  An odd R1,
 * or an odd length with A, is a specification exception. */
static int trte_common(CPUState *cpu, const Insn *in, bool reverse)
{
    const unsigned csz = (in->m3 & 8) ? 2 : 1, fsz = (in->m3 & 4) ? 2 : 1;
    const bool limit = (in->m3 & 8) && (in->m3 & 2);
    uint64_t addr = insn_reg_addr(cpu, in->r1), len = insn_get_len(cpu, in->r1 + 1);
    if ((in->r1 & 1) || (csz == 2 && (len & 1)))
        return pgm_raise(cpu, PGM_SPECIFICATION);
    const uint64_t table = insn_reg_addr(cpu, 1);
    unsigned n = 0, cc;
    for (;;) {
        if (!len) {
            cc = 0;
            break;
        }
        uint64_t arg, fc = 0;
        int rc = mem_load(cpu, addr, csz, in->r1, &arg);
        if (!rc && !(limit && arg > 0xFF))
            rc = mem_load(cpu, wrap(cpu, table + arg * fsz), fsz, 1, &fc);
        if (rc)
            return rc;
        if (fc) {
            insn_set_len(cpu, in->r2, fc);
            cc = 1;
            break;
        }
        addr = wrap(cpu, reverse ? addr - csz : addr + csz);
        len -= csz;
        insn_set_addr_reg(cpu, in->r1, addr);
        insn_set_len(cpu, in->r1 + 1, len);
        if (len && (++n >= SCAN_LIMIT || insn_unit_boundary(cpu))) {
            cc = 3;
            break;
        }
    }
    insn_set_addr_reg(cpu, in->r1, addr);
    insn_set_len(cpu, in->r1 + 1, len);
    cpu_set_cc(cpu, cc);
    return 0;
}
INSN_HANDLER(trte) { return trte_common(cpu, in, false); }
INSN_HANDLER(trtre) { return trte_common(cpu, in, true); }
