/* Time: clocks, sleeps, process times and interval timers.  A 64-bit
 * s390x task's time structures are pairs of signed 64-bit fields
 * (timespec: sec, nsec; timeval: sec, usec), big-endian.  Timers are the
 * host process's own: their signals reach the guest through the host
 * signal bridge (sys_signal.c). */
#define _GNU_SOURCE
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>

#include "user/sysutil.h"

SYSCALL(clock_gettime)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) < 0)
        return -errno;
    return a[1] ? user_put_timespec(p, a[1], ts.tv_sec, ts.tv_nsec) : 0;
}

SYSCALL(clock_getres)
{
    struct timespec ts;
    if (clock_getres((clockid_t)a[0], &ts) < 0)
        return -errno;
    return a[1] ? user_put_timespec(p, a[1], ts.tv_sec, ts.tv_nsec) : 0;
}

SYSCALL(gettimeofday)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    if (a[0]) {
        int64_t r = user_put_timespec(p, a[0], tv.tv_sec, tv.tv_usec);
        if (r < 0)
            return r;
    }
    if (a[1]) {
        uint8_t z[8] = { 0 };       /* struct timezone: minutes west, DST: 0 */
        return user_copy_out(p, a[1], z, 8);
    }
    return 0;
}

/* The time left goes to rem when a signal ends the sleep early. */
static int64_t sleep_common(UserProc *p, clockid_t clk, int flags, uint64_t req, uint64_t rem)
{
    struct timespec ts, left;
    int64_t r = user_get_timespec(p, req, &ts);
    if (r < 0)
        return r;
    if (ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000 || ts.tv_sec < 0)
        return -EINVAL;
    int e = clock_nanosleep(clk, flags, &ts, &left);
    if (e == EINTR && rem && !(flags & TIMER_ABSTIME) &&
        user_put_timespec(p, rem, left.tv_sec, left.tv_nsec) < 0)
        return -EFAULT;
    return -e;
}

SYSCALL(nanosleep) { return sleep_common(p, CLOCK_MONOTONIC, 0, a[0], a[1]); }
SYSCALL(clock_nanosleep) { return sleep_common(p, (clockid_t)a[0], (int)a[1], a[2], a[3]); }

/* struct tms: four clock_t (64-bit); the result is the clock ticks since
 * an arbitrary point, as on Linux. */
SYSCALL(times)
{
    struct tms t;
    clock_t c = times(&t);
    if (a[0]) {
        uint8_t b[32];
        put_be(b, 8, (uint64_t)t.tms_utime);
        put_be(b + 8, 8, (uint64_t)t.tms_stime);
        put_be(b + 16, 8, (uint64_t)t.tms_cutime);
        put_be(b + 24, 8, (uint64_t)t.tms_cstime);
        int64_t r = user_copy_out(p, a[0], b, sizeof(b));
        if (r < 0)
            return r;
    }
    return (int64_t)c;
}

SYSCALL(alarm)
{
    (void)p;
    return alarm((unsigned)a[0]);
}

/* struct itimerval: interval then value, each a timeval. */
static void put_itimer(uint8_t b[32], const struct itimerval *v)
{
    put_be(b, 8, (uint64_t)v->it_interval.tv_sec);
    put_be(b + 8, 8, (uint64_t)v->it_interval.tv_usec);
    put_be(b + 16, 8, (uint64_t)v->it_value.tv_sec);
    put_be(b + 24, 8, (uint64_t)v->it_value.tv_usec);
}

SYSCALL(setitimer)
{
    struct itimerval nv = { 0 }, ov;
    uint8_t b[32];
    if (a[1]) {
        int64_t r = user_copy_in(p, b, a[1], sizeof(b));
        if (r < 0)
            return r;
        nv.it_interval.tv_sec = (time_t)get_be(b, 8);
        nv.it_interval.tv_usec = (suseconds_t)get_be(b + 8, 8);
        nv.it_value.tv_sec = (time_t)get_be(b + 16, 8);
        nv.it_value.tv_usec = (suseconds_t)get_be(b + 24, 8);
    }
    if (setitimer((__itimer_which_t)a[0], &nv, &ov) < 0)
        return -errno;
    if (a[2]) {
        put_itimer(b, &ov);
        return user_copy_out(p, a[2], b, sizeof(b));
    }
    return 0;
}

SYSCALL(getitimer)
{
    struct itimerval v;
    if (getitimer((__itimer_which_t)a[0], &v) < 0)
        return -errno;
    uint8_t b[32];
    put_itimer(b, &v);
    return user_copy_out(p, a[1], b, sizeof(b));
}
