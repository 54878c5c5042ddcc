/* The fault matrix driver (see faultmatrix.h for the contract).
 *
 * Every case is built from scratch (fresh machine, fresh tables, fresh TLB):
 * no case can see state left by another.  The expected outcome of each
 * (kind, operand kind) pair is computed here from the architecture and the
 * project conventions in /work/brief.md, never from zemu's own output:
 *   translation exceptions: code of the level, TEID = page | fetch (fetch and
 *     update operands) or store (store operands), nullifying;
 *   DAT / key / LAP protection (store and update operands): 0x04, TEID =
 *     page | store | ESOP-2 type 001 / 010 / 100, suppressing;
 *   fetch protection (fetch and update operands): 0x04, TEID = page | fetch |
 *     key type 010;
 *   addressing: 0x05 without TEID, suppressing. */
#include "faultmatrix.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#define FM_RAM        (16ULL << 20)
#define FM_FRAME_BASE 0x100000ULL
/* A real frame far beyond the 16 MiB of RAM (and not an I/O region). */
#define FM_NO_FRAME   0x40000000ULL
#define FM_PSW_ADDR   0x8000ULL

static const char *const kind_name[FK_COUNT + 1] = {
    "region1-invalid", "region2-invalid", "region3-invalid", "segment-invalid",
    "page-invalid", "dat-protection", "key-protection", "fetch-protection",
    "low-address-protection", "addressing", "none",
};

static const char *acc_name(AccessKind k)
{
    return k == ACC_FETCH ? "fetch" : k == ACC_STORE ? "store" : k == ACC_UPDATE ? "update"
                                                                                 : "?";
}

/* The state a faulting instruction must leave untouched. */
typedef struct FmSnap {
    uint64_t gr[16];
    uint32_t ar[16];
    uint64_t cr[16];
    uint64_t psw_mask, psw_addr;
    uint8_t frame[FM_MAX_OPS][2][PAGE_SIZE];
    uint8_t key[FM_MAX_OPS][2];
} FmSnap;

/* Failure reporting for the current case. */
static const FmScenario *cur_s;
static const FmCase *cur_c;
static bool cur_failed;
static bool cur_warm;

static void fm_check(bool ok, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fm_check(bool ok, int line, const char *fmt, ...)
{
    test_checks++;
    if (ok)
        return;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    cur_failed = true;
    test_fail(__FILE__, line, "[%s kind=%s op=%d page=%d%s] %s", cur_s->name,
              kind_name[cur_c->kind], cur_c->fault_op, cur_c->fault_page,
              cur_warm ? " warm-TLB" : "", buf);
}
#define FM_CHECK(cond, ...) fm_check((cond), __LINE__, __VA_ARGS__)

static uint64_t name_seed(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;     /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 0x100000001b3ULL;
    return h | 1;
}

static bool op_fetches(AccessKind k) { return k == ACC_FETCH || k == ACC_UPDATE; }
static bool op_stores(AccessKind k) { return k == ACC_STORE || k == ACC_UPDATE; }

static int op_pages(const FmOperand *op)
{
    return op->off + op->len > PAGE_SIZE ? 2 : 1;
}

/* Can fault kind k be provoked on page p of an operand of this kind? */
static bool applicable(const FmOperand *op, int p, FaultKind k)
{
    switch (k) {
    case FK_DAT_PROT:
    case FK_KEY_PROT:
        return op_stores(op->kind);
    case FK_FETCH_PROT:
        return op_fetches(op->kind);
    case FK_LAP:
        /* Page 0 becomes logical page 0: its bytes must reach into 0..511.
         * Page 1 becomes logical page 1 (4096.. is always inside
         * 4096..4607), and then page 0 is logical page 0 and must not be
         * protected itself, else the fault would be on page 0. */
        if (!op_stores(op->kind))
            return false;
        return p == 0 ? op->off < 512 : op->off >= 512;
    default:
        return true;
    }
}

static uint16_t expected_code(FaultKind k)
{
    static const uint16_t code[FK_COUNT] = {
        PGM_REG_FIRST_TRANS, PGM_REG_SECOND_TRANS, PGM_REG_THIRD_TRANS, PGM_SEGMENT_TRANS,
        PGM_PAGE_TRANS, PGM_PROTECTION, PGM_PROTECTION, PGM_PROTECTION, PGM_PROTECTION,
        PGM_ADDRESSING,
    };
    return code[k];
}

/* TEID bits besides the page address (ASCE id 00: primary). */
static uint64_t expected_teid_bits(FaultKind k, AccessKind opk)
{
    switch (k) {
    case FK_DAT_PROT:   return TEID_STORE | TEID_PROT_DAT;
    case FK_KEY_PROT:   return TEID_STORE | TEID_PROT_KEY;
    case FK_FETCH_PROT: return TEID_FETCH | TEID_PROT_KEY;
    case FK_LAP:        return TEID_STORE | TEID_PROT_LAP;
    default:            return op_fetches(opk) ? TEID_FETCH : TEID_STORE;
    }
}

static void fill_pattern(TestEnv *env, uint64_t abs, uint64_t *seed)
{
    uint8_t *p = tenv_abs(env, abs);
    for (unsigned i = 0; i < PAGE_SIZE; i += 8) {
        uint64_t r = test_rand(seed);
        memcpy(p + i, &r, 8);
    }
}

/* Builds the machine of one case (everything up to and including setup()). */
static void build_case(const FmScenario *s, FmCase *c, bool warm_tlb)
{
    TestEnv *env = tenv_new(FM_RAM);
    c->env = env;
    c->asce = tenv_asce_new(env, ASCE_TYPE_REGION1);
    c->ctx = s->ctx;
    c->rc = 0;
    const bool keyed = c->kind == FK_KEY_PROT || c->kind == FK_FETCH_PROT;
    c->psw_key = keyed ? 2 : 0;

    uint64_t seed = name_seed(s->name);
    for (int i = 0; i < s->nops; i++) {
        uint64_t base = ((uint64_t)(2 * i + 1) << 53) - PAGE_SIZE;
        /* With a warm TLB the operands must not share TLB indexes (they
         * would evict each other from the direct-mapped TLB): the ones
         * without the fault move up by (i + 1) MiB. */
        if (warm_tlb && i != c->fault_op)
            base += (uint64_t)(i + 1) << 20;
        for (int p = 0; p < 2; p++) {
            uint64_t f = FM_FRAME_BASE + (uint64_t)(2 * i + p) * PAGE_SIZE;
            c->frame[i][p] = f;
            tenv_map(env, c->asce, base + p * PAGE_SIZE, f, 0);
            fill_pattern(env, f, &seed);
            storage_set_key(&env->m.storage, f, (uint8_t)(c->psw_key << 4));
        }
        if (c->kind == FK_LAP && i == c->fault_op) {
            /* The operand moves to logical 0 + off: its first page is
             * logical page 0, its second logical page 1. */
            base = 0;
            tenv_map(env, c->asce, 0, c->frame[i][0], 0);
            tenv_map(env, c->asce, PAGE_SIZE, c->frame[i][1], 0);
        }
        c->va[i] = base + s->ops[i].off;
    }
    for (int i = s->nops; i < FM_MAX_OPS; i++)
        c->va[i] = 0, c->frame[i][0] = c->frame[i][1] = 0;

    tenv_dat_on(env, c->asce);
    CPUState *cpu = &env->cpu;
    cpu->psw_mask = (cpu->psw_mask & ~PSW_MASK_KEY) | ((uint64_t)c->psw_key << PSW_SHIFT_KEY);
    cpu->psw_addr = s->insn.addr ? s->insn.addr : FM_PSW_ADDR;
    cpu->insn_addr = cpu->psw_addr;

    if (s->setup)
        s->setup(c);
}

/* The table entry a case changed, so that it can be put back before check()
 * reads the operands through the builder. */
static uint64_t saved_entry_addr, saved_entry;

static void save_entry(FmCase *c, uint64_t va, int level)
{
    saved_entry_addr = tenv_entry_addr(c->env, c->asce, va, level);
    memcpy(&saved_entry, tenv_abs(c->env, saved_entry_addr), 8);
}

static void restore_entry(FmCase *c)
{
    if (saved_entry_addr)
        memcpy(tenv_abs(c->env, saved_entry_addr), &saved_entry, 8);
    saved_entry_addr = 0;
}

/* Makes the case's fault real, after setup() has written the operands. */
static void inject(FmCase *c)
{
    TestEnv *env = c->env;
    saved_entry_addr = 0;
    if (c->kind == FK_COUNT)
        return;
    int i = c->fault_op, p = c->fault_page;
    uint64_t pva = (c->va[i] & PAGE_MASK) + (uint64_t)p * PAGE_SIZE;
    uint64_t f = c->frame[i][p];
    if (c->kind <= FK_DAT_PROT || c->kind == FK_ADDRESSING)
        save_entry(c, pva, c->kind <= FK_PAGE_INVALID ? (int)c->kind : LVL_PAGE);
    switch (c->kind) {
    case FK_REGION1_INVALID:
        tenv_entry_or(env, c->asce, pva, LVL_REGION1, REGION_ENTRY_I);
        break;
    case FK_REGION2_INVALID:
        tenv_entry_or(env, c->asce, pva, LVL_REGION2, REGION_ENTRY_I);
        break;
    case FK_REGION3_INVALID:
        tenv_entry_or(env, c->asce, pva, LVL_REGION3, REGION_ENTRY_I);
        break;
    case FK_SEGMENT_INVALID:
        tenv_entry_or(env, c->asce, pva, LVL_SEGMENT, SEGMENT_ENTRY_I);
        break;
    case FK_PAGE_INVALID:
        tenv_entry_or(env, c->asce, pva, LVL_PAGE, PAGE_ENTRY_I);
        break;
    case FK_DAT_PROT:
        tenv_entry_or(env, c->asce, pva, LVL_PAGE, PAGE_ENTRY_P);
        break;
    case FK_KEY_PROT:
        storage_set_key(&env->m.storage, f, 0x30);
        break;
    case FK_FETCH_PROT:
        storage_set_key(&env->m.storage, f, 0x30 | SKEY_F);
        break;
    case FK_LAP:
        env->cpu.cr[0] |= CR0_LAP;
        break;
    case FK_ADDRESSING:
        tenv_map(env, c->asce, pva, FM_NO_FRAME, 0);
        break;
    default:
        break;
    }
    /* The tables changed under the TLB: start from an empty one (a real
     * kernel would have used IPTE/IDTE; the matrix tests the first walk). */
    tlb_flush_all(&env->cpu.tlb);
}

static void snap_take(const FmScenario *s, const FmCase *c, FmSnap *sn)
{
    const CPUState *cpu = &c->env->cpu;
    memcpy(sn->gr, cpu->gr, sizeof(sn->gr));
    memcpy(sn->ar, cpu->ar, sizeof(sn->ar));
    memcpy(sn->cr, cpu->cr, sizeof(sn->cr));
    sn->psw_mask = cpu->psw_mask;
    sn->psw_addr = cpu->psw_addr;
    for (int i = 0; i < s->nops; i++)
        for (int p = 0; p < 2; p++) {
            memcpy(sn->frame[i][p], tenv_abs(c->env, c->frame[i][p]), PAGE_SIZE);
            sn->key[i][p] = storage_key(&c->env->m.storage, c->frame[i][p]);
        }
}

static void snap_compare(const FmScenario *s, const FmCase *c, const FmSnap *sn)
{
    const CPUState *cpu = &c->env->cpu;
    for (int r = 0; r < 16; r++) {
        FM_CHECK(cpu->gr[r] == sn->gr[r], "GR%d changed: 0x%llx -> 0x%llx", r,
                 (unsigned long long)sn->gr[r], (unsigned long long)cpu->gr[r]);
        FM_CHECK(cpu->ar[r] == sn->ar[r], "AR%d changed", r);
        FM_CHECK(cpu->cr[r] == sn->cr[r], "CR%d changed", r);
    }
    FM_CHECK(cpu->psw_mask == sn->psw_mask, "PSW mask changed: 0x%llx -> 0x%llx",
             (unsigned long long)sn->psw_mask, (unsigned long long)cpu->psw_mask);
    FM_CHECK(cpu->psw_addr == sn->psw_addr, "PSW address changed");
    for (int i = 0; i < s->nops; i++)
        for (int p = 0; p < 2; p++) {
            const uint8_t *now = tenv_abs(c->env, c->frame[i][p]);
            int first = -1;
            for (unsigned b = 0; b < PAGE_SIZE && first < 0; b++)
                if (now[b] != sn->frame[i][p][b])
                    first = (int)b;
            FM_CHECK(first < 0, "operand %d page %d frame changed at byte 0x%x", i, p,
                     (unsigned)first);
            /* The reference bit may be set by the checks of operands that
             * were accessible; everything else, the change bit above all,
             * must be as before. */
            uint8_t k = storage_key(&c->env->m.storage, c->frame[i][p]);
            FM_CHECK((k & ~SKEY_R) == (sn->key[i][p] & ~SKEY_R),
                     "operand %d page %d storage key 0x%02x -> 0x%02x", i, p, sn->key[i][p], k);
        }
}

/* FM_WARM_TLB: after the fault is in place, what a CPU that used the pages
 * before could hold in its TLB. */
static void warm(const FmScenario *s, FmCase *c)
{
    Storage *st = &c->env->m.storage;
    for (int i = 0; i < s->nops; i++)
        for (int p = 0; p < 2; p++)
            storage_set_key(st, c->frame[i][p], storage_key(st, c->frame[i][p]) | SKEY_C);
    for (int i = 0; i < s->nops; i++)
        tenv_tlb_warm(c->env, AS_PRIMARY, c->va[i], s->ops[i].len);
}

static void run_case(const FmScenario *s, FaultKind k, int op, int page, bool warm_tlb,
                     FmSnap *sn)
{
    FmCase c;
    memset(&c, 0, sizeof(c));
    c.kind = k;
    c.fault_op = op;
    c.fault_page = page;
    cur_s = s;
    cur_c = &c;
    cur_failed = false;
    cur_warm = warm_tlb;

    build_case(s, &c, warm_tlb);
    inject(&c);
    if (warm_tlb)
        warm(s, &c);
    snap_take(s, &c, sn);

    CPUState *cpu = &c.env->cpu;
    memset(&cpu->pgm, 0, sizeof(cpu->pgm));
    Insn in = s->insn;
    if (!in.addr)
        in.addr = cpu->psw_addr;
    c.rc = s->handler(cpu, &in);

    if (k == FK_COUNT) {
        FM_CHECK(c.rc == 0, "fault-free run returned %d (code 0x%x): bad scenario", c.rc,
                 cpu->pgm.code);
    } else {
        const FmOperand *o = &s->ops[op];
        uint16_t code = expected_code(k);
        uint64_t pva = (c.va[op] & PAGE_MASK) + (uint64_t)page * PAGE_SIZE;
        FM_CHECK(c.rc == code, "%s operand: rc %d (0x%x), expected 0x%x", acc_name(o->kind),
                 c.rc, (unsigned)c.rc, code);
        if (c.rc > 0) {
            FM_CHECK(cpu->pgm.code == c.rc, "cpu->pgm.code 0x%x != rc 0x%x", cpu->pgm.code,
                     (unsigned)c.rc);
            bool nullify = k <= FK_PAGE_INVALID;
            FM_CHECK(pgm_is_nullifying((uint16_t)c.rc) == nullify,
                     "code 0x%x must %s", (unsigned)c.rc, nullify ? "nullify" : "suppress");
        }
        if (k == FK_ADDRESSING) {
            FM_CHECK(!cpu->pgm.teid_valid, "addressing exception stored a TEID 0x%llx",
                     (unsigned long long)cpu->pgm.teid);
        } else if (c.rc == code) {
            uint64_t teid = pva | expected_teid_bits(k, o->kind);
            /* MVPG marks its DAT exceptions with TEID bit 61 (ZARCH-NOTES §4.4) */
            if ((s->flags & FM_MVPG_TEID) && k <= FK_PAGE_INVALID)
                teid |= TEID_PROT_B61;
            FM_CHECK(cpu->pgm.teid_valid, "no TEID");
            FM_CHECK(cpu->pgm.teid == teid, "TEID 0x%llx, expected 0x%llx",
                     (unsigned long long)cpu->pgm.teid, (unsigned long long)teid);
        }
        if (s->flags & FM_NOTHING_STORED)
            snap_compare(s, &c, sn);
    }
    /* check() may read the operands through the builder: undo the table
     * change (the faulting page is readable again, with its old frame). */
    restore_entry(&c);
    if (s->check)
        s->check(&c);

    if (cur_failed)
        fprintf(stderr, "faultmatrix: FAILED scenario %s kind %s operand %d page %d%s\n",
                s->name, kind_name[k], op, page, warm_tlb ? " (warm TLB)" : "");
    tenv_free(c.env);
    cur_c = NULL;
}

int fm_run(const FmScenario *s)
{
    int n = 0;
    if (s->nops < 1 || s->nops > FM_MAX_OPS || !s->handler) {
        test_checks++;
        test_fail(__FILE__, __LINE__, "fault matrix scenario %s: bad nops/handler", s->name);
        return 0;
    }
    for (int i = 0; i < s->nops; i++)
        if (s->ops[i].len == 0 || s->ops[i].off >= PAGE_SIZE ||
            s->ops[i].off + s->ops[i].len > 2 * PAGE_SIZE) {
            test_checks++;
            test_fail(__FILE__, __LINE__, "fault matrix scenario %s: operand %d off/len", s->name,
                      i);
            return 0;
        }
    FmSnap *sn = malloc(sizeof(*sn));
    if (!sn)
        abort();

    for (int w = 0; w <= !!(s->flags & FM_WARM_TLB); w++) {
        run_case(s, FK_COUNT, -1, -1, w, sn);
        n++;
        for (int i = 0; i < s->nops; i++)
            for (int p = 0; p < op_pages(&s->ops[i]); p++)
                for (int k = 0; k < FK_COUNT; k++)
                    if (applicable(&s->ops[i], p, (FaultKind)k)) {
                        run_case(s, (FaultKind)k, i, p, w, sn);
                        n++;
                    }
    }
    free(sn);
    return n;
}

void fm_write(FmCase *c, uint64_t va, const void *buf, uint64_t n)
{
    tenv_vwrite(c->env, c->asce, va, buf, n);
}

void fm_read(FmCase *c, uint64_t va, void *buf, uint64_t n)
{
    tenv_vread(c->env, c->asce, va, buf, n);
}
