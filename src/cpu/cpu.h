/* CPU state and the machine that holds the CPUs and storage.
 *
 * Bit names follow the Principles of Operation; IBM bit n of a 64-bit value
 * is 1ULL << (63 - n). */
#ifndef ZEMU_CPU_CPU_H
#define ZEMU_CPU_CPU_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "mem/storage.h"
#include "mmu/tlb.h"

#define BIT64(n) (1ULL << (63 - (n)))

/* PSW, first doubleword */
#define PSW_MASK_PER    BIT64(1)
#define PSW_MASK_DAT    BIT64(5)
#define PSW_MASK_IO     BIT64(6)
#define PSW_MASK_EXT    BIT64(7)
#define PSW_MASK_KEY    0x00F0000000000000ULL
#define PSW_SHIFT_KEY   52
#define PSW_MASK_MCHECK BIT64(13)
#define PSW_MASK_WAIT   BIT64(14)
#define PSW_MASK_PSTATE BIT64(15)
#define PSW_MASK_ASC    0x0000C00000000000ULL
#define PSW_SHIFT_ASC   46
#define PSW_MASK_CC     0x0000300000000000ULL
#define PSW_SHIFT_CC    44
#define PSW_MASK_PM     0x00000F0000000000ULL
#define PSW_MASK_EA     BIT64(31)
#define PSW_MASK_BA     BIT64(32)

/* PSW address-space control (bits 16-17) */
#define PSW_ASC_PRIMARY   0
#define PSW_ASC_AR        1
#define PSW_ASC_SECONDARY 2
#define PSW_ASC_HOME      3

/* CR0 */
#define CR0_LAP           BIT64(35)
#define CR0_EXTRACT_AUTH  BIT64(36)
#define CR0_SEC_SPACE     BIT64(37)
#define CR0_FETCH_PROT_OV BIT64(38)
#define CR0_STOR_PROT_OV  BIT64(39)
#define CR0_EDAT          BIT64(40)
#define CR0_IEP           BIT64(43)
#define CR0_AFP           BIT64(45)

/* CR9 PER controls */
#define CR9_PER_BRANCH    BIT64(32)
#define CR9_PER_IFETCH    BIT64(33)
#define CR9_PER_SA        BIT64(34)
#define CR9_PER_SA_REAL   BIT64(36)
#define CR9_PER_IFETCH_NULL BIT64(39)
#define CR9_PER_BRANCH_ADDR BIT64(40)
#define CR9_PER_SA_SPACE  BIT64(42)

/* PER code bits stored at lowcore 0x96 */
#define PER_CODE_BRANCH  0x80
#define PER_CODE_IFETCH  0x40
#define PER_CODE_SA      0x20
#define PER_CODE_SA_REAL 0x08

/* Program-interruption codes */
enum {
    PGM_OPERATION = 0x01, PGM_PRIVILEGED = 0x02, PGM_EXECUTE = 0x03, PGM_PROTECTION = 0x04,
    PGM_ADDRESSING = 0x05, PGM_SPECIFICATION = 0x06, PGM_DATA = 0x07,
    PGM_FIXED_OVERFLOW = 0x08, PGM_FIXED_DIVIDE = 0x09, PGM_DEC_OVERFLOW = 0x0A,
    PGM_DEC_DIVIDE = 0x0B,
    PGM_SEGMENT_TRANS = 0x10, PGM_PAGE_TRANS = 0x11, PGM_TRANS_SPEC = 0x12,
    PGM_SPECIAL_OP = 0x13, PGM_OPERAND = 0x15, PGM_ALET_SPEC = 0x28,
    PGM_ASCE_TYPE = 0x38, PGM_REG_FIRST_TRANS = 0x39, PGM_REG_SECOND_TRANS = 0x3A,
    PGM_REG_THIRD_TRANS = 0x3B, PGM_MONITOR = 0x40, PGM_PER = 0x80,
};

/* TEID (lowcore 0xA8) bits */
#define TEID_FETCH       0x800ULL     /* bits 52-53 = 10 */
#define TEID_STORE       0x400ULL     /* bits 52-53 = 01 */
#define TEID_PROT_B56    0x80ULL
#define TEID_PROT_B60    0x08ULL
#define TEID_PROT_B61    0x04ULL      /* also "in MVPG" for DAT exceptions */
#define TEID_ASCE_MASK   0x03ULL      /* 00 primary, 01 AR, 10 secondary, 11 home */
/* ESOP-2 protection types in bits 56,60,61 */
#define TEID_PROT_KEY    (TEID_PROT_B60)                   /* 010 */
#define TEID_PROT_DAT    (TEID_PROT_B61)                   /* 001 */
#define TEID_PROT_LAP    (TEID_PROT_B56)                   /* 100 */
#define TEID_PROT_IEP    (TEID_PROT_B56 | TEID_PROT_B61)   /* 101 */

/* A program interruption that an instruction (or probe) recognised.  The
 * dispatcher turns it into the lowcore stores and the PSW swap. */
typedef struct ProgramException {
    uint16_t code;
    bool teid_valid;
    uint64_t teid;
    uint8_t exc_access_id;      /* 0xA0: AR number in AR mode */
    bool op_access_id_valid;
    uint8_t op_access_id;       /* 0xA2: MVPG R1R2 byte */
    uint32_t dxc;               /* data-exception code (0x90) for PGM_DATA, e.g. 0xFF
                                   for compare-and-trap (added by cpu/, issue 3) */
    uint8_t monitor_class;      /* 0x95: MONITOR CALL class for PGM_MONITOR */
    uint64_t monitor_code;      /* 0xB0: MONITOR CALL operand address */
} ProgramException;

/* A PER event recognised during the current instruction, presented after the
 * unit of operation completes. */
typedef struct PerEvent {
    uint8_t code;               /* PER_CODE_* bits; 0 = none */
    uint8_t atmid;
    uint8_t access_id;
    uint64_t address;           /* address of the causing instruction */
} PerEvent;

/* Debugger watchpoints (set by the GDB stub or by tests). */
enum { WP_WRITE = 1, WP_READ = 2, WP_ACCESS = 3 };
typedef struct Watchpoint {
    uint64_t addr, len;         /* logical address range */
    uint8_t type;
} Watchpoint;
#define MAX_WATCHPOINTS 16

typedef struct WatchHit {
    bool hit;
    uint64_t addr;              /* first watched byte the access touches */
    uint8_t type;               /* WP_WRITE or WP_READ: the access that hit */
    int index;
} WatchHit;

/* Flush requests posted to a CPU, served at an instruction boundary (or
 * between units of an interruptible instruction). */
#define FLUSH_REQ_ALL 1u

#define MAX_CPUS 16
#define FACILITY_WORDS 4

struct CPUState;

typedef struct Machine {
    Storage storage;
    uint64_t facilities[FACILITY_WORDS];   /* STFLE bits, bit 0 = MSB of [0] */
    struct CPUState *cpus[MAX_CPUS];
    int ncpus;
    Watchpoint wp[MAX_WATCHPOINTS];
    int nwp;
} Machine;

typedef struct CPUState {
    uint64_t gr[16];
    uint32_t ar[16];
    uint64_t cr[16];
    uint64_t fpr[16];
    uint32_t fpc;
    uint64_t psw_mask, psw_addr;
    uint32_t prefix;
    int cpu_addr;
    Machine *machine;
    Tlb tlb;

    ProgramException pgm;       /* valid when a handler returned a code > 0 */
    PerEvent per;               /* accumulated during the instruction */
    WatchHit watch;             /* valid when a handler returned INSN_WATCH */
    bool watch_suppress;        /* resume: let the next instruction run past watchpoints */

    uint64_t insn_addr;         /* address of the current instruction (PER address) */

    /* Between units of an interruptible instruction (MVCL, CLCL) the CPU
     * checks yield_request: set by a pending interrupt or a flush request. */
    _Atomic int yield_request;
    _Atomic unsigned flush_request;

    /* Test and system hooks. unit_hook runs after each completed unit of a
     * long instruction, before yield_request is examined. */
    void (*unit_hook)(struct CPUState *cpu, void *opaque);
    void *unit_hook_opaque;

    uint64_t dat_walks;         /* statistics: DAT walks performed */

    /* Added by cpu/ (issue 3): execution state of the dispatcher. */
    uint16_t svc_code;          /* SVC interruption code when a handler returned INSN_SVC */
    uint64_t bea;               /* breaking-event address (lowcore 0x110): last taken branch */
    const struct InterruptSink *irq_sink;  /* cpu/interrupt.h; NULL = lowcore delivery */
    void *irq_opaque;

    /* Added for speed (issue 4): decoded pages of the fast loop
     * (cpu/tcache.h), allocated on first use, freed by machine_destroy. */
    struct TCache *tcache;
    /* The fast loop's state while it runs a decoded page (cpu/threaded.h):
     * the page, the TLB epoch and PSW mode bits it was entered with, the
     * addressing-mode mask, and how many instructions it may still run. */
    struct {
        struct CodePage *cp;
        uint64_t epoch, mode, amask;
        uint64_t budget;
        int result;             /* the CpuStepResult that ends cpu_run */
    } run;
    /* The TLB set and key tag (key << 4) of base-register operands, for
     * the PSW bits in op_mode (DAT, ASC, key): the inline hit paths read
     * them through cpu_op_tspace(), which recomputes them when those PSW
     * bits changed.  op_tspace < 0: work it out per operand (AR mode). */
    uint64_t op_mode;
    int8_t op_tspace;
    uint8_t op_keytag;
    /* For the call-free hit paths (insn/operand.h: try_host): op_mode when
     * op_tspace >= 0, else a value no PSW has, so that one compare checks
     * both; and the first entry of that TLB set. */
    uint64_t op_try_mode;
    TlbEntry *op_tlb;
} CPUState;

static inline bool facility_installed(const Machine *m, unsigned bit)
{
    return bit < 64 * FACILITY_WORDS && (m->facilities[bit / 64] & BIT64(bit % 64));
}
static inline void facility_set(Machine *m, unsigned bit, bool on)
{
    if (bit >= 64 * FACILITY_WORDS)
        return;
    if (on)
        m->facilities[bit / 64] |= BIT64(bit % 64);
    else
        m->facilities[bit / 64] &= ~BIT64(bit % 64);
}

/* Addressing mode helpers */
static inline uint64_t psw_addr_mask(uint64_t psw_mask)
{
    if (psw_mask & PSW_MASK_EA)
        return ~0ULL;
    return (psw_mask & PSW_MASK_BA) ? 0x7FFFFFFFULL : 0xFFFFFFULL;
}
static inline uint64_t cpu_addr_mask(const CPUState *cpu) { return psw_addr_mask(cpu->psw_mask); }
static inline bool cpu_is_64(const CPUState *cpu) { return cpu->psw_mask & PSW_MASK_EA; }
static inline uint8_t cpu_psw_key(const CPUState *cpu)
{
    return (cpu->psw_mask & PSW_MASK_KEY) >> PSW_SHIFT_KEY;
}
static inline unsigned cpu_asc(const CPUState *cpu)
{
    return (cpu->psw_mask & PSW_MASK_ASC) >> PSW_SHIFT_ASC;
}
static inline bool cpu_problem_state(const CPUState *cpu) { return cpu->psw_mask & PSW_MASK_PSTATE; }
static inline bool cpu_dat_on(const CPUState *cpu) { return cpu->psw_mask & PSW_MASK_DAT; }
static inline unsigned cpu_cc(const CPUState *cpu)
{
    return (cpu->psw_mask & PSW_MASK_CC) >> PSW_SHIFT_CC;
}
static inline void cpu_set_cc(CPUState *cpu, unsigned cc)
{
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_CC) | ((uint64_t)(cc & 3) << PSW_SHIFT_CC);
}

/* Nullifying program interruptions leave the PSW at the instruction;
 * the others advance it (ZARCH-NOTES §4.2). */
bool pgm_is_nullifying(uint16_t code);

/* Machine / CPU life cycle.  machine_init installs the facilities of the
 * storage-access core (z/Arch, EDAT-1/2, MVCOS, ESOP-2, ...) */
int machine_init(Machine *m, uint64_t ram_size);
void machine_destroy(Machine *m);
/* Initial CPU reset state: 64-bit PSW, DAT off, key 0, supervisor, CR0/CR14
 * at their reset values. */
void cpu_init(CPUState *cpu, Machine *m, int cpu_addr);

/* Program-interruption helpers used by probe and instructions: fill
 * cpu->pgm and return the code so that `return pgm_raise(cpu, X);` reads well. */
__attribute__((noinline)) int pgm_raise(CPUState *cpu, uint16_t code);
int pgm_raise_teid(CPUState *cpu, uint16_t code, uint64_t teid);

/* PER: is any byte of [lo, lo+len) (wrapping at 2^64) inside the range
 * CR10..CR11, which itself wraps when start > end?  And the ATMID of the
 * current PSW (bits 0-5; the caller adds the ASCE id for storage alteration). */
bool cpu_per_in_range(const CPUState *cpu, uint64_t lo, uint64_t len);
uint8_t cpu_per_atmid(const CPUState *cpu);

/* Flushing (DESIGN.md §4).  Local flushes act at once; a global request
 * marks every CPU, and each CPU drops its entries when it next reaches an
 * instruction boundary or a unit boundary (cpu_serve_requests). */
void cpu_flush_tlb_local(CPUState *cpu);
void machine_request_flush_all(Machine *m);
void cpu_serve_requests(CPUState *cpu);

#endif
