/* Threaded entries of the fast loop (see threaded.h): which instructions
 * need how much of the dispatcher's protocol.
 *
 * The lists name handlers, not opcodes: an instruction belongs to a class
 * because of what its handler can do.  Whatever is not listed takes
 * threaded_call, the whole protocol, so leaving an instruction out is
 * always correct; listing one in the wrong class is not:
 *   PLAIN   never branches, never stores, never reads cpu->psw_addr or
 *           cpu->insn_addr, never changes the PSW other than its CC, never
 *           flushes the TLB;
 *   STORE   as PLAIN, but may store (the TLB epoch is compared after it:
 *           a store into decoded code moves it on) and may return
 *           INSN_REEXECUTE between units (MVCL, CLCL, MVST, ...);
 *   BRANCH  branches through cpu_branch, may read the link address from
 *           cpu->psw_addr; changes no PSW bit but the CC, stores nothing;
 *   TRY     has a TRY_HANDLER (insn.h) whose common case is PLAIN or STORE
 *           without touching decoded code; the rest is the STORE protocol.
 * The architecture of each instruction stays in its handler: the entries
 * below only call it. */
#include "cpu/threaded.h"

#include <pthread.h>
#include <stdlib.h>

#include "cpu/jit.h"

#define PLAIN_LIST(X)                                                                    \
    X(lr) X(lgr) X(lgfr) X(ltr) X(ltgr) X(ltgfr) X(lcr) X(lcgr) X(lnr) X(lpr) X(lpgr)    \
    X(la) X(lay) X(larl) X(lhi) X(lghi) X(lgfi) X(llilf) X(llihf) X(iihf) X(iilf)        \
    X(iihh) X(iihl) X(iilh) X(iill) X(llihh) X(llihl) X(llilh) X(llill) X(ar) X(agr)     \
    X(agfr) X(ahi) X(aghi) X(afi) X(agfi) X(sr) X(sgr) X(sgfr) X(ark) X(agrk) X(srk)     \
    X(sgrk) X(ahik) X(aghik) X(alr) X(algr) X(alfi) X(algfi) X(alcr) X(alcgr) X(slr)     \
    X(slgr) X(slfi) X(slgfi) X(slbr) X(slbgr) X(alrk) X(algrk) X(slrk) X(slgrk)          \
    X(alhsik) X(alghsik) X(ms) X(msy) X(mh) X(mhy) X(msr) X(msg) X(msgr) X(msgf)         \
    X(msgfr) X(mhi) X(mghi) X(msfi) X(msgfi) X(m) X(ml) X(mr) X(mlr) X(mlg) X(mlgr) X(d) \
    X(dl) X(dsg) X(dsgf) X(dlg) X(dr) X(dlr) X(dsgr) X(dsgfr) X(dlgr) X(nr) X(or) X(xr)  \
    X(ngr) X(ogr) X(xgr) X(nrk) X(ork) X(xrk) X(ngrk) X(ogrk) X(xgrk) X(nihf) X(nilf)    \
    X(nihh) X(nihl) X(nilh) X(nill) X(oihf) X(oilf) X(oihh) X(oihl) X(oilh) X(oill)      \
    X(xihf) X(xilf) X(cr) X(cgr) X(cgfr) X(clr) X(clgr) X(clgfr) X(chi) X(cghi) X(cfi)   \
    X(cgfi) X(clfi) X(clgfi) X(tmhh) X(tmhl) X(tmlh) X(tmll) X(sll) X(srl) X(sllk)       \
    X(srlk) X(sllg) X(srlg) X(sla) X(slak) X(slag) X(sra) X(srak) X(srag) X(sldl)        \
    X(srdl) X(slda) X(srda) X(rll) X(rllg) X(risbg) X(rnsbg) X(rosbg) X(rxsbg) X(risbhg) \
    X(risblg) X(locr) X(locgr) X(loc) X(locg) X(popcnt) X(flogr) X(llgfr) X(llgtr)       \
    X(llgcr) X(llcr) X(llghr) X(llhr) X(lhr) X(lghr) X(lbr) X(lgbr) X(lngr) X(lcgfr)     \
    X(lpgfr) X(lngfr) X(algfr) X(slgfr) X(pfd) X(pfdrl) X(lrvr) X(lrvgr) X(lm) X(lmy)    \
    X(lmg) X(lmh) X(clc) X(crt) X(cgrt) X(clrt) X(clgrt) X(cit) X(cgit) X(clfit)         \
    X(clgit) X(icm) X(icmy) X(icmh) X(clm) X(clmy) X(clmh) X(ipm) X(ear)                 \
    /* binary floating point: FPC flags and DXC, never the PSW */                        \
    X(ldr) X(ler) X(lzdr) X(lzer) X(lgdr) X(ldgr) X(cpsdr) X(lpdfr) X(lndfr) X(lcdfr)    \
    X(lxr) X(lzxr) X(lcebr) X(lcdbr) X(lcxbr) X(lnebr) X(lndbr) X(lnxbr) X(lpebr)        \
    X(lpdbr) X(lpxbr) X(tceb) X(tcdb) X(tcxb) X(aebr) X(adbr) X(axbr) X(aeb) X(adb)      \
    X(sebr) X(sdbr) X(sxbr) X(seb) X(sdb) X(meebr) X(mdbr) X(mxbr) X(meeb) X(mdb)        \
    X(debr) X(ddbr) X(dxbr) X(deb) X(ddb) X(sqebr) X(sqdbr) X(sqxbr) X(sqeb) X(sqdb)     \
    X(maebr) X(madbr) X(msebr) X(msdbr) X(maeb) X(madb) X(mseb) X(msdb) X(mdebr)         \
    X(mxdbr) X(mdeb) X(mxdb) X(cebr) X(cdbr) X(cxbr) X(kebr) X(kdbr) X(kxbr) X(ceb)      \
    X(cdb) X(keb) X(kdb) X(ltebr) X(ltdbr) X(ltxbr) X(ldebr) X(lxdbr) X(lxebr) X(ldeb)   \
    X(lxdb) X(lxeb) X(ledbr) X(ldxbr) X(lexbr) X(cefbr) X(cdfbr) X(cxfbr) X(cegbr)       \
    X(cdgbr) X(cxgbr) X(celfbr) X(cdlfbr) X(cxlfbr) X(celgbr) X(cdlgbr) X(cxlgbr)        \
    X(cfebr) X(cfdbr) X(cfxbr) X(cgebr) X(cgdbr) X(cgxbr) X(clfebr) X(clfdbr) X(clfxbr)  \
    X(clgebr) X(clgdbr) X(clgxbr) X(fiebr) X(fidbr) X(fixbr) X(diebr) X(didbr) X(efpc)   \
    X(sfpc) X(lfpc) X(sfasr) X(lfas) X(srnm) X(srnmb)

#define STORE_LIST(X)                                                                    \
    X(ni) X(niy) X(oi) X(oiy) X(xi) X(xiy) X(asi) X(agsi) X(alsi) X(algsi) X(stoc)       \
    X(stocg) X(sthrl) X(stm) X(stmy) X(stmg) X(stmh) X(mvc) X(mvz) X(mvn) X(nc) X(oc)    \
    X(xc) X(tr) X(cs) X(csy) X(csg) X(laa) X(laag) X(laal) X(laalg) X(lan) X(lang)       \
    X(lao) X(laog) X(lax) X(laxg) X(mvst) X(clst) X(srst) X(mvcl) X(mvcle) X(clcl)       \
    X(clcle) X(stcm) X(stcmy) X(stcmh) X(stfpc)

#define BRANCH_LIST(X)                                                                   \
    X(bc) X(brcl) X(bct) X(bctr) X(bctg) X(bctgr) X(brct) X(bxh) X(bxle) X(bxhg)         \
    X(bxleg) X(brxh) X(brxle) X(brxhg) X(brxlg) X(brcth) X(crj) X(cgrj) X(clrj) X(clgrj) \
    X(cij) X(cgij) X(clij) X(clgij) X(crb) X(cgrb) X(clrb) X(clgrb) X(cib) X(cgib)       \
    X(clib) X(clgib)

/* Branches that save a return address (BRANCH class): when they branch,
 * the loop remembers where the call returns (tcache.h: TCACHE_RETURNS). */
#define CALL_LIST(X) X(bas) X(basr) X(bal) X(balr) X(bras) X(brasl)

/* Handlers of one storage operand with a TRY_HANDLER (insn/operand.h:
 * MEM_OP_HANDLER(_IF) -- loads, RX arithmetic, logic, compares, TM, IC,
 * the compares with storage immediate -- and STORE_OP_IF: stores of a
 * register or an immediate): the entry inlines the exact TLB hit, which
 * calls nothing, and leaves everything else to threaded_full. */
#define TRY_LIST(X)                                                                      \
    X(l) X(ly) X(lg) X(lgf) X(lh) X(lhy) X(lgh) X(llgf) X(llgh) X(llgc) X(llc) X(llh)    \
    X(lb) X(lgb) X(lt) X(ltg) X(ltgf) X(llgt) X(lrv) X(lrvg) X(lrvh) X(ld) X(ldy) X(le)  \
    X(ley) X(st) X(sty) X(stg) X(sth) X(sthy) X(stc) X(stcy) X(strv) X(strvg) X(strvh)   \
    X(std) X(stdy) X(ste) X(stey) X(a) X(ag) X(agf) X(ah) X(s) X(sg) X(sgf) X(al) X(alg) \
    X(alc) X(alcg) X(sl) X(slg) X(slb) X(slbg) X(aly) X(sly) X(n) X(o) X(x) X(ng) X(og)  \
    X(xg) X(ny) X(oy) X(xy) X(c) X(cg) X(cgf) X(ch) X(cl) X(clg) X(clgf) X(ay) X(sy)     \
    X(ahy) X(sh) X(shy) X(algf) X(slgf) X(cy) X(chy) X(cly) X(chhsi) X(chsi) X(cghsi)    \
    X(clhhsi) X(clfhsi) X(clghsi) X(cli) X(cliy) X(tm) X(tmy) X(ic) X(icy) X(mvi)        \
    X(mviy) X(mvhhi) X(mvhi) X(mvghi)                                                    \
    /* relative-long: a misaligned operand is the slow path's specification exception */ \
    X(lrl) X(lgrl) X(lgfrl) X(lhrl) X(lghrl) X(llhrl) X(llghrl) X(llgfrl) X(crl) X(cgrl) \
    X(clrl) X(clgrl) X(chrl) X(cghrl) X(cgfrl) X(clhrl) X(clghrl) X(clgfrl) X(strl)      \
    X(stgrl)

#define X_PROTO(name) INSN_HANDLER(name);
PLAIN_LIST(X_PROTO)
STORE_LIST(X_PROTO)
BRANCH_LIST(X_PROTO)
CALL_LIST(X_PROTO)
TRY_LIST(X_PROTO)
#define X_TRY_PROTO(name) TRY_HANDLER(name);
TRY_LIST(X_TRY_PROTO)
X_PROTO(brc)
X_PROTO(brctg)
X_PROTO(bcr)

/* What follows a plain (check_epoch false) or storing handler that
 * returned rc: the instruction completes as cpu_step would, or the loop
 * leaves after it when a store moved the TLB epoch, or it goes on. */
static inline __attribute__((always_inline)) DecodedInsn *after_handler(CPUState *cpu,
                                                                        DecodedInsn *di,
                                                                        int rc, uint64_t budget,
                                                                        bool check_epoch)
{
    if (__builtin_expect(rc != INSN_OK, 0))
        return threaded_fail(cpu, di, rc, budget);
    if (check_epoch && __builtin_expect(threaded_epoch_moved(cpu), 0)) {
        cpu->run.budget = budget - 1;
        cpu->psw_addr = threaded_seq(cpu, di);
        return NULL;
    }
    return threaded_next(cpu, di, budget);
}

/* The entry of a plain or storing handler.  flatten: the handler (and what
 * it inlines) is compiled into the entry when its body is visible (the LTO
 * build); its slow paths are noinline. */
#define X_ENTRY_BODY(name, check_epoch)                                                      \
    static __attribute__((flatten)) DecodedInsn *t_##name(CPUState *cpu, DecodedInsn *di,     \
                                                          uint64_t budget)                    \
    {                                                                                         \
        return after_handler(cpu, di, insn_##name(cpu, &di->in), budget, check_epoch);       \
    }
#define X_PLAIN(name) X_ENTRY_BODY(name, false)
#define X_STORE(name) X_ENTRY_BODY(name, true)
PLAIN_LIST(X_PLAIN)
STORE_LIST(X_STORE)

static __attribute__((noinline)) DecodedInsn *threaded_full(CPUState *cpu, DecodedInsn *di,
                                                            uint64_t budget);

/* The handler's common case inline; a store through it cannot move the TLB
 * epoch (operand.h: STORE_RX), so neither class compares it here.  No call
 * on this path, so no stack frame: the slow path is a tail call. */
#define X_TRY(name)                                                                          \
    static __attribute__((flatten)) DecodedInsn *t_##name(CPUState *cpu, DecodedInsn *di,     \
                                                          uint64_t budget)                    \
    {                                                                                         \
        const int rc = insn_##name##_try(cpu, &di->in);                                      \
        if (__builtin_expect(rc == INSN_OK, 1))                                               \
            return threaded_next(cpu, di, budget);                                            \
        if (rc == INSN_SLOW)                                                                  \
            return threaded_full(cpu, di, budget);                                            \
        return threaded_fail(cpu, di, rc, budget);                                            \
    }
TRY_LIST(X_TRY)

/* The branch protocol (exec.h): insn_addr, and psw_addr at the next
 * sequential instruction, before the handler; after it, on to the next
 * instruction or the branch target.  taken: statements run first when the
 * instruction branched (to: the PSW address), which may return. */
#define BRANCH_ENTRY(name, taken)                                                            \
    static DecodedInsn *t_##name(CPUState *cpu, DecodedInsn *di, uint64_t budget)             \
    {                                                                                         \
        const uint64_t seq = threaded_seq(cpu, di);                                           \
        cpu->insn_addr = di->in.addr;                                                         \
        cpu->psw_addr = seq;                                                                  \
        const int rc = insn_##name(cpu, &di->in);                                            \
        if (__builtin_expect(rc != INSN_OK, 0))                                               \
            return threaded_fail(cpu, di, rc, budget);                                        \
        const uint64_t to = cpu->psw_addr;                                                    \
        if (__builtin_expect(to == seq, 1))                                                   \
            return threaded_next(cpu, di, budget);                                            \
        taken;                                                                                \
        return threaded_jump(cpu, di, to, budget);                                            \
    }

#define X_BRANCH(name) BRANCH_ENTRY(name, (void)0)
BRANCH_LIST(X_BRANCH)

/* A call: when it branches, its return point -- the next sequential
 * instruction, di->next -- goes on the return stack. */
#define X_CALL(name) BRANCH_ENTRY(name, tcache_return_push(cpu, seq, di->next))
CALL_LIST(X_CALL)

/* BCR, the return (BR 14) among others: a branch to the return point on
 * top of the return stack goes there (counted as threaded_jump counts). */
#define TO_RETURN_POINT                                                                      \
    do {                                                                                      \
        const JumpSlot *r_;                                                                   \
        if (__builtin_expect(budget > 1, 1) && (r_ = tcache_return_pop(cpu, to))) {          \
            cpu->run.cp = r_->cp;                                                             \
            return threaded_go(cpu, r_->t, budget - 1);                                       \
        }                                                                                     \
    } while (0)
BRANCH_ENTRY(bcr, TO_RETURN_POINT)

/* BRC and BRCTG, the loop branches, run here without a call: their
 * semantics are those of their handlers in insn/branch.c (which the other
 * paths use), restated for the fast loop's conditions: no PER (so
 * cpu_branch is the breaking-event address and the new PSW address). */
static inline __attribute__((always_inline)) DecodedInsn *taken(CPUState *cpu, DecodedInsn *di,
                                                                uint64_t budget)
{
    return threaded_branch(cpu, di, di->in.addr + 2 * (uint64_t)di->in.i2, budget);
}

static DecodedInsn *t_brc(CPUState *cpu, DecodedInsn *di, uint64_t budget)
{
    if (di->in.r1 & (8 >> cpu_cc(cpu)))
        return taken(cpu, di, budget);
    return threaded_next(cpu, di, budget);
}

static DecodedInsn *t_brctg(CPUState *cpu, DecodedInsn *di, uint64_t budget)
{
    if (--cpu->gr[di->in.r1] != 0)
        return taken(cpu, di, budget);
    return threaded_next(cpu, di, budget);
}

/* A TRY_HANDLER entry's other cases: the whole handler, with the storing
 * class's protocol (its epoch comparison is harmless for a load). */
static __attribute__((noinline)) DecodedInsn *threaded_full(CPUState *cpu, DecodedInsn *di,
                                                            uint64_t budget)
{
    return after_handler(cpu, di, tcache_handler(di)(cpu, &di->in), budget, true);
}

DecodedInsn *threaded_undecoded(CPUState *cpu, DecodedInsn *di, uint64_t budget)
{
    if (!tcache_fill(cpu, cpu->run.cp, di))
        return threaded_stop(cpu, di, budget);
    return di->run(cpu, di, budget);
}

DecodedInsn *threaded_stop(CPUState *cpu, DecodedInsn *di, uint64_t budget)
{
    cpu->run.budget = budget;
    cpu->psw_addr = di->in.addr & cpu->run.amask;
    return NULL;
}

DecodedInsn *threaded_jump_slow(CPUState *cpu, DecodedInsn *di, uint64_t to, uint64_t budget)
{
    DecodedInsn *t = threaded_jump_find(cpu, di, to, budget);
    return t ? threaded_go(cpu, t, cpu->run.budget) : NULL;
}

DecodedInsn *threaded_jump_find(CPUState *cpu, DecodedInsn *di, uint64_t to, uint64_t budget)
{
    if (__builtin_expect(--budget != 0, 1)) {
        DecodedInsn *t;
        CodePage *cp = cpu->run.cp;
        if ((to & (PAGE_MASK | 1)) == cp->vpage) {
            if ((t = tcache_insn(cpu, cp, to))) {
                /* A branch target inside a page, the first time this
                 * branch goes there the long way: where a loop starts, so
                 * worth a block of its own (a no-op when it has one). */
                if (!di->taken)
                    jit_block(cpu, cp, t);
                di->taken = t;
                cpu->run.budget = budget;
                return t;
            }
        } else {
            /* Into another page: calls and returns between pages stay in
             * the loop.  A jump slot (tcache.h) holds only while the TLB
             * epoch is the one the loop entered with, so a flush request
             * posted by another CPU still brings the loop to its exit
             * here at the latest. */
            const JumpSlot *js = tcache_jump_slot(cpu, to);
            if (__builtin_expect(js != NULL, 1)) {
                cpu->run.cp = js->cp;
                cpu->run.budget = budget;
                return js->t;
            }
            if (!(to & 1) && !threaded_epoch_moved(cpu) && (cp = tcache_recent(cpu, to)) &&
                (t = tcache_insn(cpu, cp, to))) {
                /* A recently run page, as cpu_run would enter it (same
                 * checks). */
                tcache_jump_fill(cpu, to, t, cp);
                cpu->run.cp = cp;
                cpu->run.budget = budget;
                return t;
            }
        }
    }
    cpu->run.budget = budget;
    cpu->psw_addr = to;
    return NULL;
}

/* ---- handler -> entry, by definition-table row ---- */

typedef struct Entry {
    InsnHandler handler;
    ThreadedFn run;
} Entry;

#define X_ENTRY(name) { insn_##name, t_##name },
static const Entry entries[] = {
    PLAIN_LIST(X_ENTRY) STORE_LIST(X_ENTRY) BRANCH_LIST(X_ENTRY) CALL_LIST(X_ENTRY)
    TRY_LIST(X_ENTRY) X_ENTRY(brc) X_ENTRY(brctg) X_ENTRY(bcr)
};

static ThreadedFn *by_row;     /* insn_table row -> entry */
static pthread_once_t by_row_once = PTHREAD_ONCE_INIT;

static void build_by_row(void)
{
    by_row = malloc(insn_table_len * sizeof(*by_row));
    if (!by_row)
        return;
    for (unsigned r = 0; r < insn_table_len; r++) {
        by_row[r] = threaded_call;
        for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++)
            if (entries[i].handler == insn_table[r].handler)
                by_row[r] = entries[i].run;
    }
}

ThreadedFn threaded_entry(const InsnDef *d)
{
    pthread_once(&by_row_once, build_by_row);
    if (!by_row || d < insn_table || d >= insn_table + insn_table_len)
        return threaded_call;
    return by_row[d - insn_table];
}
