/* The socket the GDB stub talks over: a TCP port on the loopback
 * interface, or a Unix-domain socket (qemu-user's `-g PORT|PATH`). */
#ifndef ZEMU_DEBUG_GDBCONN_H
#define ZEMU_DEBUG_GDBCONN_H

#include <stddef.h>

#include "debug/gdbstub.h"

typedef struct GdbConn {
    int listen_fd;
    int fd;                 /* the debugger's connection, -1 before accept */
    int port;               /* the TCP port listened on (0 for a Unix socket) */
    char path[108];         /* the Unix socket's path ("" for TCP) */
} GdbConn;

/* Listens on spec: a decimal port number (TCP on 127.0.0.1; 0 lets the
 * kernel choose a free port, see c->port) or a file path (a Unix-domain
 * socket, replaced if a stale one is there).  0, or -1 with err. */
int gdb_conn_listen(GdbConn *c, const char *spec, char *err, size_t errlen);

/* Waits for the debugger and accepts one connection; closes the listening
 * socket.  0, or -1 with err. */
int gdb_conn_accept(GdbConn *c, char *err, size_t errlen);

/* The transport over the accepted connection (opaque = c). */
GdbTransport gdb_conn_transport(GdbConn *c);

/* Closes whatever is open; removes the Unix socket's file. */
void gdb_conn_close(GdbConn *c);

#endif
