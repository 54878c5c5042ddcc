/* Internal helpers of the user-mode system-call layer (src/user/sys_*.c):
 * big-endian structure fields, host results, guest paths, and the handler
 * signature of the system-call table (user/syscall_list.h).  Not part of
 * the layer's interface (user/syscall.h). */
#ifndef ZEMU_USER_SYSUTIL_H
#define ZEMU_USER_SYSUTIL_H

#include <errno.h>
#include <stdio.h>
#include <time.h>

#include "user/syscall.h"

#define GUEST_PATH_MAX 4096
/* A host path: the sysroot prefix and the guest path. */
#define HOST_PATH_MAX (GUEST_PATH_MAX + 512)
/* One bounce buffer never exceeds this: a larger read/write is done in
 * part, which POSIX allows (short count). */
#define USER_IO_MAX (16u << 20)

/* The s390x structures are big-endian; fields are converted one by one. */
static inline void put_be(uint8_t *b, unsigned size, uint64_t v)
{
    for (unsigned i = 0; i < size; i++)
        b[i] = (uint8_t)(v >> (8 * (size - 1 - i)));
}

static inline uint64_t get_be(const uint8_t *b, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | b[i];
    return v;
}

/* A host call's result as the guest sees it: the value or -errno. */
static inline int64_t host_ret(long r) { return r < 0 ? -(int64_t)errno : r; }

static inline FILE *user_logf(const UserProc *p) { return p->log ? p->log : stderr; }

/* A host fd zemu itself needs (the log) is invisible to the guest. */
static inline bool user_fd_reserved(const UserProc *p, int fd)
{
    return p->log_fd >= 0 && fd == p->log_fd;
}

/* Guest path argument va -> raw (the guest's spelling, GUEST_PATH_MAX) and
 * *out, the host path (raw or buf, HOST_PATH_MAX): 0 or -errno. */
int64_t user_get_path(UserProc *p, uint64_t va, char *raw, char *buf, const char **out);

/* Guest pointer ranges (syscall.c): every page mapped and accessible. */
bool user_range_ok(const UserProc *p, uint64_t va, uint64_t n, bool write);

/* A struct timespec {s64 sec; s64 nsec} at va. */
int64_t user_put_timespec(UserProc *p, uint64_t va, int64_t sec, int64_t nsec);
int64_t user_get_timespec(UserProc *p, uint64_t va, struct timespec *ts);

/* The system-call handlers: one per row of user/syscall_list.h. */
#define SYSCALL(name) int64_t sys_##name(UserProc *p, const uint64_t a[6])

#endif
