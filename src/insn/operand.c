/* The access-layer paths of the simple storage operands (insn/operand.h),
 * kept out of line so that the inline TLB hit stays small in every
 * handler. */
#include "insn/operand.h"

int mem_load_slow(CPUState *cpu, uint64_t addr, unsigned size, int b, uint64_t *v)
{
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, addr, size, ACC_FETCH, b);
    if (rc)
        return insn_access_result(rc);
    *v = access_get_be(cpu, &sa, 0, size);
    return 0;
}

int mem_store_slow(CPUState *cpu, uint64_t addr, unsigned size, int b, uint64_t v)
{
    StorageAccess sa;
    int rc = access_prepare_op(cpu, &sa, addr, size, ACC_STORE, b);
    if (rc)
        return insn_access_result(rc);
    access_put_be(cpu, &sa, 0, size, v);
    access_commit(cpu, &sa);   /* sets C and lets the TLB entry go fast */
    return 0;
}
