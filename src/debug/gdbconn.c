/* The GDB stub's socket (see gdbconn.h). */
#define _GNU_SOURCE
#include "debug/gdbconn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static bool is_port(const char *spec, long *port)
{
    char *end;
    if (!*spec)
        return false;
    errno = 0;
    long v = strtol(spec, &end, 10);
    if (*end || errno)
        return false;
    *port = v;
    return true;
}

int gdb_conn_listen(GdbConn *c, const char *spec, char *err, size_t errlen)
{
    c->listen_fd = c->fd = -1;
    c->port = 0;
    c->path[0] = 0;
    long port;
    if (is_port(spec, &port)) {
        if (port < 0 || port > 65535) {
            snprintf(err, errlen, "bad port %s", spec);
            return -1;
        }
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            snprintf(err, errlen, "socket: %s", strerror(errno));
            return -1;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t alen = sizeof(a);
        if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 1) < 0 ||
            getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
            snprintf(err, errlen, "port %ld: %s", port, strerror(errno));
            close(fd);
            return -1;
        }
        c->listen_fd = fd;
        c->port = ntohs(a.sin_port);
        return 0;
    }
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    if (strlen(spec) >= sizeof(a.sun_path)) {
        snprintf(err, errlen, "socket path too long: %s", spec);
        return -1;
    }
    strcpy(a.sun_path, spec);
    struct stat st;
    if (lstat(spec, &st) == 0 && S_ISSOCK(st.st_mode))
        unlink(spec);                   /* a stale socket of an earlier run */
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, errlen, "socket: %s", strerror(errno));
        return -1;
    }
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 1) < 0) {
        snprintf(err, errlen, "%s: %s", spec, strerror(errno));
        close(fd);
        return -1;
    }
    c->listen_fd = fd;
    snprintf(c->path, sizeof(c->path), "%s", spec);
    return 0;
}

int gdb_conn_accept(GdbConn *c, char *err, size_t errlen)
{
    int fd;
    do
        fd = accept4(c->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        snprintf(err, errlen, "accept: %s", strerror(errno));
        return -1;
    }
    if (c->port) {
        /* Small packets, one at a time: no Nagle delay for each of them. */
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    close(c->listen_fd);
    c->listen_fd = -1;
    c->fd = fd;
    return 0;
}

static long conn_read(void *opaque, uint8_t *buf, size_t n, int timeout_ms)
{
    GdbConn *c = opaque;
    for (;;) {
        struct pollfd p = { .fd = c->fd, .events = POLLIN };
        int k = poll(&p, 1, timeout_ms);
        if (k < 0 && errno == EINTR) {
            if (timeout_ms < 0)
                continue;
            return 0;
        }
        if (k < 0)
            return -1;
        if (k == 0)
            return 0;
        ssize_t r = read(c->fd, buf, n);
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        return r > 0 ? r : -1;          /* 0: the debugger closed the connection */
    }
}

static long conn_write(void *opaque, const void *buf, size_t n)
{
    GdbConn *c = opaque;
    const char *p = buf;
    while (n) {
        ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* In a forked child: close the child's copy of the connection; the
 * socket file stays for the parent. */
static void conn_forget(void *opaque)
{
    GdbConn *c = opaque;
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    c->path[0] = 0;
}

GdbTransport gdb_conn_transport(GdbConn *c)
{
    return (GdbTransport){ conn_read, conn_write, conn_forget, c };
}

void gdb_conn_close(GdbConn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    if (c->listen_fd >= 0)
        close(c->listen_fd);
    c->fd = c->listen_fd = -1;
    if (c->path[0])
        unlink(c->path);
    c->path[0] = 0;
}
