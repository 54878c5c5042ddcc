/* A dynamically linked program: ld64.so.1 loads libc.so.6, runs its
 * IRELATIVE/ifunc resolvers (which read AT_HWCAP and STFLE) and the PLT;
 * then stdio, a few string calls through the PLT, and exit status 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    char buf[64];
    const char *name = strrchr(argv[0], '/');
    name = name ? name + 1 : argv[0];
    printf("startup of a dynamic program: argc=%d name=%s\n", argc, name);
    snprintf(buf, sizeof buf, "%s|%d|%.2f", "plt", (int)strlen("four"), 2.5);
    printf("%s\n", buf);
    printf("unset variable is NULL=%d\n", getenv("ZEMU_GUEST_SURELY_UNSET") == NULL);
    puts("puts works");
    return 0;
}
