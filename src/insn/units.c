/* The point between two units of operation of a long instruction
 * (DESIGN.md §3-§4).
 *
 * A long instruction has written its registers for every completed unit when
 * it calls insn_unit_boundary(), so stopping here loses nothing: MVCL/CLCL
 * leave the PSW at the instruction and resume from the registers, the
 * CC3-style instructions end with CC3 and the program loops.  This is also
 * the only place inside an instruction where posted flush requests are
 * served: a unit keeps its prepared host pointers until it ends, so a flush
 * must never be acted on in the middle of one. */
#include "insn/insn.h"

bool insn_unit_boundary(CPUState *cpu)
{
    if (cpu->unit_hook)
        cpu->unit_hook(cpu, cpu->unit_hook_opaque);

    /* Clear the request before serving the flushes: a request another CPU
     * posts after the exchange sets yield_request again and is seen at the
     * next boundary, whereas clearing after serving could swallow a flush
     * request posted in between. */
    /* A plain load first: the locked exchange costs more than the usual
     * answer (nothing pending); a request that arrives after the load is
     * seen at the next boundary, as one arriving after the exchange. */
    if (!atomic_load_explicit(&cpu->yield_request, memory_order_relaxed) ||
        !atomic_exchange(&cpu->yield_request, 0))
        return false;
    cpu_serve_requests(cpu);
    return true;
}
