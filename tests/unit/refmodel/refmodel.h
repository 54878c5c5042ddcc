/* The reference model: a deliberately simple, byte-at-a-time description of
 * the storage-access core, written from the architecture (ZARCH-NOTES §5-§7
 * and the access conventions of the brief), sharing no code and no headers
 * with src/.  tests/unit/test_refmodel_diff.c runs it side by side with the
 * fast path on random cases.
 *
 * The model sees storage as a handful of logical pages.  Each page is either
 * mapped to one of a handful of frames, invalid at one DAT level, or mapped
 * to a frame outside storage; a mapped page may be DAT-protected.  A frame
 * has a storage key (ACC, F, C) and 4 KiB of bytes; whether it is RAM or an
 * I/O region makes no difference to the architecture, so the model keeps the
 * flag only for the printed description.
 *
 * Every instruction first checks, page by page and operand by operand in the
 * conventional order, every byte it will access in its unit of operation;
 * only then does it perform the unit one byte at a time, left to right (right
 * to left where the architecture says so), reading each byte from the current
 * state of storage.  That is the "as if one byte at a time" rule that the fast
 * path must reproduce with its bulk moves. */
#ifndef ZEMU_REFMODEL_H
#define ZEMU_REFMODEL_H

#include <stdbool.h>
#include <stdint.h>

#define RM_PAGE_SIZE 4096u
#define RM_MAX_PAGES 64
#define RM_MAX_FRAMES 64

/* Page states: mapped, or the DAT level whose entry is invalid, or mapped to
 * a frame that is not installed. */
enum {
    RM_MAPPED, RM_INV_R1, RM_INV_R2, RM_INV_R3, RM_INV_SEG, RM_INV_PAGE, RM_NO_STORAGE,
};

/* Kinds of access */
enum { RM_FETCH = 1, RM_STORE = 2, RM_UPDATE = 3 };

/* Storage-key bits as in a register's bits 56-63 */
#define RM_KEY_ACC 0xF0
#define RM_KEY_F   0x08
#define RM_KEY_R   0x04
#define RM_KEY_C   0x02

/* Model results besides 0 and program-interruption codes */
#define RM_REEXECUTE (-1)      /* interruptible instruction stopped between units */
#define RM_BAD_CASE  (-100)    /* the model needed a page the case does not describe */

typedef struct RmFrame {
    uint8_t key;               /* ACC | F | R | C */
    bool io;                   /* for the description only */
    uint64_t abs;              /* for the description only */
    uint8_t data[RM_PAGE_SIZE];
} RmFrame;

typedef struct RmPage {
    uint64_t va;               /* page address, wrapped to the addressing mode */
    uint8_t state;             /* RM_MAPPED ... */
    bool dat_prot;             /* DAT protection (page-table entry P) */
    int frame;                 /* index in frame[] when RM_MAPPED */
} RmPage;

enum {
    RM_MVC, RM_XC, RM_NC, RM_OC, RM_CLC, RM_TR, RM_TRT, RM_MVCIN, RM_MVZ, RM_MVN,
    RM_MVCL, RM_CLCL, RM_MVCLE, RM_CLCLE,
    RM_MVST, RM_CLST, RM_SRST,
    RM_STM, RM_LM, RM_STMG, RM_LMG,
    RM_PACK, RM_UNPK, RM_MVO, RM_ED, RM_EDMK,
    RM_TRTR, RM_MVCK, RM_MVCSK, RM_MVCDK,
    RM_MVCLU, RM_CLCLU, RM_CKSM, RM_TRE, RM_SRSTU,
    RM_NOPS
};

/* A decoded instruction, in the model's own terms.  SS-a: l1 = L; SS-b: l1 =
 * L1, l2 = L2; RR/RRE: r1, r2; RS-a/RSY-a: r1, r3, b2, d2 (d2 signed 20 bits
 * for the RSY forms); SS-d (MVCK): r1, r3, b1, d1, b2, d2; SSE: b1, d1, b2,
 * d2. */
typedef struct RmInsn {
    int op;
    uint8_t r1, r2, r3;
    uint8_t b1, b2;
    int32_t d1, d2;
    uint8_t l1, l2;
} RmInsn;

typedef struct RmMachine {
    /* configuration */
    int amode;                 /* 24, 31 or 64 */
    bool dat;                  /* DAT on: TEIDs and DAT exceptions possible */
    uint8_t psw_key;           /* 0..15 */
    bool lap;                  /* CR0 low-address protection (non-private space) */
    bool fpo;                  /* CR0 fetch-protection override */
    bool spo;                  /* CR0 storage-protection override */
    bool problem_state;        /* PSW bit 15 */
    uint8_t asc;               /* PSW bits 16-17: 0 primary, 1 AR, 2 secondary, 3 home; every
                                  space (and every ALET used: 0 or 1) designates the same
                                  tables, so only TEIDs and access ids tell them apart */
    uint16_t pkm;              /* CR3 PSW-key mask (bits 32-47): 0x8000 >> k permits key k */
    unsigned unit_bound;       /* CC3-style instructions stop after this many units */
    unsigned yield_after;      /* a yield is requested at the n-th unit boundary (0: never) */
    uint64_t fetch_unit_split; /* MVST/CLST/SRST: a fetch-only operand below this address
                                  ends its unit there (0: only page boundaries) */
    /* state */
    uint64_t gr[16];
    unsigned cc;
    int npages;
    RmPage page[RM_MAX_PAGES];
    int nframes;
    RmFrame frame[RM_MAX_FRAMES];
    /* outcome of rm_execute */
    int rc;                    /* 0, program-interruption code, RM_REEXECUTE, RM_BAD_CASE */
    bool teid_valid;
    uint64_t teid;
    uint16_t dxc;              /* data exception: the data-exception code */
    uint8_t access_id;         /* access exceptions in AR mode: the access register */
    unsigned units;            /* units of operation completed */
    unsigned boundaries;       /* unit boundaries passed (yield checks) */
    uint64_t bad_addr;         /* RM_BAD_CASE: the undescribed address */
} RmMachine;

/* Executes one instruction on the model; returns m->rc. */
int rm_execute(RmMachine *m, const RmInsn *in);

/* Mnemonic of an RM_* operation. */
const char *rm_op_name(int op);

/* Model-side logical access for building cases: the page descriptor of
 * logical address a (wrapped), or NULL; the byte behind a mapped address. */
RmPage *rm_find_page(RmMachine *m, uint64_t a);
uint8_t *rm_byte(RmMachine *m, uint64_t a);

/* Address mask of the addressing mode. */
uint64_t rm_amask(const RmMachine *m);

#endif
