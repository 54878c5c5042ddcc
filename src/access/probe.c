/* Probe one page, prepare one operand (DESIGN.md §3).
 *
 * A probe performs every check of its access once (through the TLB or a DAT
 * walk) and yields a host pointer or a byte handle that the helpers use
 * without translating again: that is what makes an instruction fault-safe
 * (all exceptions of the unit are known before its first store) and keeps a
 * unit correct when another CPU invalidates a translation mid-unit. */
#include "access/access.h"

#include <string.h>

#include "mmu/mmu.h"

static int tlb_kind_of(AccessKind kind)
{
    return kind == ACC_IFETCH ? TLB_KIND_FETCH : kind == ACC_FETCH ? TLB_KIND_READ : TLB_KIND_WRITE;
}

/* Does a watchpoint of the machine cover [addr, addr+len) for this kind?
 * Returns the index of the first hit or -1; *page_watched tells whether any
 * watchpoint touches the page at all. */
static int watch_check(const Machine *m, uint64_t addr, uint32_t len, AccessKind kind,
                       bool *page_watched, uint64_t *hit_addr)
{
    uint64_t page = addr & PAGE_MASK;
    int hit = -1;
    for (int i = 0; i < m->nwp; i++) {
        const Watchpoint *w = &m->wp[i];
        uint64_t wlast = w->addr + w->len - 1;
        if (w->addr <= page + PAGE_SIZE - 1 && wlast >= page)
            *page_watched = true;
        bool wants = (kind != ACC_STORE && (w->type & WP_READ)) ||
                     ((kind == ACC_STORE || kind == ACC_UPDATE) && (w->type & WP_WRITE));
        if (hit < 0 && wants && w->addr <= addr + len - 1 && wlast >= addr) {
            hit = i;
            *hit_addr = w->addr > addr ? w->addr : addr;
        }
    }
    return hit;
}

/* PER storage-alteration may be recognised for stores into this page. */
static bool per_sa_possible(const CPUState *cpu, AccessKind kind)
{
    return (kind == ACC_STORE || kind == ACC_UPDATE) && (cpu->psw_mask & PSW_MASK_PER) &&
           (cpu->cr[9] & CR9_PER_SA);
}

static int probe_common(CPUState *cpu, uint64_t addr, uint32_t len, AccessKind kind,
                        uint32_t space, uint8_t key, PageAccess *out, ProgramException *exc,
                        bool faulting)
{
    Machine *m = cpu->machine;
    const int tkind = tlb_kind_of(kind);
    const int tspace = m->nwp ? TLB_NSPACES : mmu_tlb_space(cpu, space);

    out->vaddr = addr;
    out->len = len;
    out->flags = per_sa_possible(cpu, kind) ? PA_PER : 0;

    if (tspace != TLB_NSPACES) {
        uint64_t fl;
        TlbEntry *e = tlb_lookup(&cpu->tlb, tspace, addr, tkind, key, &fl);
        /* An update needs both a read and a write translation. */
        if (e && kind == ACC_UPDATE) {
            uint64_t fr;
            if (tlb_lookup(&cpu->tlb, tspace, addr, TLB_KIND_READ, key, &fr) != e)
                e = NULL;
            else
                fl |= fr;
        }
        if (e) {
            uint32_t off = addr & ~PAGE_MASK;
            out->abs = e->abs + off;
            if (e->host && !(fl & TLB_HANDLE)) {
                out->host = e->host + off;
            } else {
                out->host = NULL;
                out->flags |= PA_HANDLE | PA_IO;
            }
            return 0;
        }
    }

    MmuResult r;
    int rc = mmu_translate(cpu, addr, len, kind, space, key, &r, exc);
    if (rc)
        return rc;

    Storage *st = &m->storage;
    uint8_t *host = storage_host(st, r.abs);
    out->abs = r.abs;
    out->host = host;
    if (!host)
        out->flags |= PA_HANDLE | PA_IO;

    if (m->nwp) {
        bool watched = false;
        uint64_t hit_addr = 0;
        int hit = watch_check(m, addr, len, kind, &watched, &hit_addr);
        if (watched) {
            out->flags |= PA_WATCHED | PA_HANDLE;
            out->host = NULL;
        }
        if (hit >= 0 && faulting && !cpu->watch_suppress) {
            cpu->watch.hit = true;
            cpu->watch.addr = hit_addr;
            cpu->watch.index = hit;
            cpu->watch.type = (kind == ACC_STORE || kind == ACC_UPDATE) &&
                              (m->wp[hit].type & WP_WRITE) ? WP_WRITE : WP_READ;
            return ACCESS_WATCHPOINT;
        }
        return 0;           /* watched machines are not cached */
    }

    if (r.tlb_space < TLB_NSPACES) {
        uint64_t flags = host ? 0 : TLB_HANDLE;
        uint8_t *hpage = host ? host - (addr & ~PAGE_MASK) : NULL;
        uint64_t apage = r.abs & PAGE_MASK;
        if (kind != ACC_STORE && r.cacheable_read)
            tlb_fill(&cpu->tlb, r.tlb_space, addr, kind == ACC_IFETCH ? TLB_KIND_FETCH
                     : TLB_KIND_READ, key, apage, hpage, flags);
        if ((kind == ACC_STORE || kind == ACC_UPDATE) && r.cacheable_write) {
            uint64_t wflags = flags;
            if (!(storage_key(st, r.abs) & SKEY_C))
                wflags |= TLB_NOTDIRTY;
            if (storage_code_marked(st, r.abs))
                wflags |= TLB_CODE;
            tlb_fill(&cpu->tlb, r.tlb_space, addr, TLB_KIND_WRITE, key, apage, hpage, wflags);
        }
    }
    return 0;
}

int probe(CPUState *cpu, uint64_t addr, uint32_t len, AccessKind kind, uint32_t space,
          uint8_t key, PageAccess *out)
{
    ProgramException exc;
    int rc = probe_common(cpu, addr, len, kind, space, key, out, &exc, true);
    if (rc > 0 && rc != ACCESS_WATCHPOINT)
        cpu->pgm = exc;
    return rc;
}

int probe_nofault(CPUState *cpu, uint64_t addr, uint32_t len, AccessKind kind, uint32_t space,
                  uint8_t key, PageAccess *out, ProgramException *exc)
{
    memset(exc, 0, sizeof(*exc));
    return probe_common(cpu, addr, len, kind, space, key, out, exc, false);
}

int access_prepare(CPUState *cpu, StorageAccess *sa, uint64_t addr, uint32_t len,
                   AccessKind kind, uint32_t space, uint8_t key)
{
    const uint64_t mask = cpu_addr_mask(cpu);
    addr &= mask;
    sa->nfrag = 0;
    sa->kind = kind;
    sa->key = key;
    sa->space = space;
    sa->vaddr = addr;
    sa->len = len;
    sa->st_lo = sa->st_hi = 0;
    if (len == 0)
        return 0;
    if (len > ACCESS_MAX_LEN)
        len = sa->len = ACCESS_MAX_LEN;   /* callers never ask for more */

    uint32_t first = PAGE_SIZE - (addr & ~PAGE_MASK);
    if (first > len)
        first = len;
    int rc = probe(cpu, addr, first, kind, space, key, &sa->frag[0]);
    if (rc)
        return rc;
    sa->nfrag = 1;
    if (first < len) {
        /* The second page follows the first, wrapping at the top of the
         * addressing mode (the byte after 0xFFFFFF in 24-bit mode is 0). */
        rc = probe(cpu, (addr + first) & mask, len - first, kind, space, key, &sa->frag[1]);
        if (rc) {
            sa->nfrag = 0;
            return rc;
        }
        sa->nfrag = 2;
    }
    return 0;
}

int access_prepare_op_slow(CPUState *cpu, StorageAccess *sa, uint64_t addr, uint32_t len,
                           AccessKind kind, int b)
{
    return access_prepare(cpu, sa, addr, len, kind, mmu_space_for(cpu, b), cpu_psw_key(cpu));
}

uint64_t access_vaddr(const CPUState *cpu, const StorageAccess *sa, uint32_t off)
{
    return (sa->vaddr + off) & cpu_addr_mask(cpu);
}

int access_watch_add(Machine *m, uint64_t addr, uint64_t len, uint8_t type)
{
    if (m->nwp == MAX_WATCHPOINTS || len == 0)
        return -1;
    m->wp[m->nwp++] = (Watchpoint){ addr, len, type };
    /* Cached translations do not know about the new watchpoint. */
    for (int i = 0; i < m->ncpus; i++)
        if (m->cpus[i])
            tlb_flush_all(&m->cpus[i]->tlb);
    return 0;
}

int access_watch_remove(Machine *m, uint64_t addr, uint64_t len, uint8_t type)
{
    for (int i = 0; i < m->nwp; i++) {
        const Watchpoint *w = &m->wp[i];
        if (w->addr == addr && w->len == len && w->type == type) {
            /* Keep the order: the first hit reported is the first set. */
            memmove(&m->wp[i], &m->wp[i + 1], sizeof(m->wp[0]) * (size_t)(m->nwp - i - 1));
            m->nwp--;
            /* Nothing to flush: while any watchpoint was set, probe filled
             * no TLB entry, so none can hide a remaining one. */
            return 0;
        }
    }
    return -1;
}

void access_watch_clear(Machine *m)
{
    m->nwp = 0;
}
