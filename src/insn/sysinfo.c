/* What the machine tells a program about itself: the facility list
 * (STFLE), cache attributes (ECAG), the TOD clock (STCK, STCKF, STCKE) and
 * the CPU timer (ECTG). */
#include <time.h>

#include "insn/operand.h"

/* EXTRACT CPU ATTRIBUTE: we describe no cache; all ones is what the
 * instruction returns for a level or attribute that is not implemented. */
INSN_HANDLER(ecag) { cpu->gr[in->r1] = ~0ULL; return 0; }


/* Facility bits never advertised although a machine may set them: the
 * vector facilities (129, 134, 135, 148, 152, 165, 192) are not emulated. */
static void stfle_mask(uint64_t *w)
{
    static const unsigned hidden[] = { 129, 134, 135, 148, 152, 165, 192 };
    for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
        if (hidden[i] < 64 * FACILITY_WORDS)
            w[hidden[i] / 64] &= ~BIT64(hidden[i] % 64);
}

/* STORE FACILITY LIST EXTENDED: GR0 bits 56-63 = N-1 doublewords offered;
 * stores min(N, M) doublewords, sets GR0 bits 56-63 to M-1, CC0 if all M
 * fitted, CC3 otherwise. */
INSN_HANDLER(stfle)
{
    uint64_t addr = EA_S(in);
    if (addr & 7)
        return pgm_raise(cpu, PGM_SPECIFICATION);
    uint64_t w[FACILITY_WORDS];
    memcpy(w, cpu->machine->facilities, sizeof(w));
    stfle_mask(w);
    unsigned m = FACILITY_WORDS;
    while (m > 1 && w[m - 1] == 0)
        m--;
    unsigned n = (unsigned)(cpu->gr[0] & 0xFF) + 1;
    unsigned k = n < m ? n : m;
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, addr, 8 * k, ACC_STORE, in->b2);
    if (rc)
        return insn_access_result(rc);
    for (unsigned i = 0; i < k; i++)
        access_put_be(cpu, &sa, 8 * i, 8, w[i]);
    access_commit(cpu, &sa);
    cpu->gr[0] = (cpu->gr[0] & ~0xFFULL) | (m - 1);
    cpu_set_cc(cpu, n >= m ? 0 : 3);
    return 0;
}

/* STORE CLOCK: the TOD clock (host time), CC0 (clock in the set state). */
INSN_HANDLER(stck)
{
    int rc = mem_store(cpu, EA_S(in), 8, in->b2, cpu_tod_now());
    if (rc)
        return rc;
    cpu_set_cc(cpu, 0);
    return 0;
}

/* STORE CLOCK FAST: the same value here (STCK's uniqueness costs nothing). */
INSN_HANDLER(stckf) { return insn_stck(cpu, in); }

/* STORE CLOCK EXTENDED: 16 bytes: the epoch index (0), TOD clock bits 0-63,
 * bits 64-103 (zero: cpu_tod_now() is already unique in bits 0-63), and the
 * TOD programmable field (0, no TOD programmable register is set).  CC0. */
INSN_HANDLER(stcke)
{
    uint8_t v[16] = { 0 };
    be_store(v + 1, 8, cpu_tod_now());
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, EA_S(in), 16, ACC_STORE, in->b2);
    if (rc)
        return insn_access_result(rc);
    access_write(cpu, &sa, 0, v, 16);
    access_commit(cpu, &sa);
    cpu_set_cc(cpu, 0);
    return 0;
}

/* The CPU timer (TOD-clock format: bit 51 = 1 microsecond), decremented
 * while the CPU runs.  Until SET CPU TIMER exists (system mode) it counts
 * down from zero at the host thread's start by the host thread CPU time. */
static uint64_t cpu_timer_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    uint64_t us4096 = ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) * 512 / 125;
    return (uint64_t)0 - us4096;
}

/* EXTRACT CPU TIME (facility 31, SSF): GR0 <- first operand - CPU timer,
 * GR1 <- second operand, R3 <- the doubleword at the address in R3; all
 * three doublewords are fetched before a register changes.  CC unchanged. */
INSN_HANDLER(ectg)
{
    StorageAccess s1, s2, s3;
    int rc = access_prepare_op(cpu, &s1, EA_1(in), 8, ACC_FETCH, in->b1);
    if (!rc)
        rc = access_prepare_op(cpu, &s2, EA_S(in), 8, ACC_FETCH, in->b2);
    if (!rc)
        rc = access_prepare_op(cpu, &s3, insn_reg_addr(cpu, in->r3), 8, ACC_FETCH, in->r3);
    if (rc)
        return insn_access_result(rc);
    uint64_t v1 = access_get_be(cpu, &s1, 0, 8), v2 = access_get_be(cpu, &s2, 0, 8);
    uint64_t v3 = access_get_be(cpu, &s3, 0, 8);
    cpu->gr[0] = v1 - cpu_timer_now();
    cpu->gr[1] = v2;
    cpu->gr[in->r3] = v3;
    return 0;
}
