/* A dynamically linked s390x program (PIE with PT_INTERP /lib/ld64.so.1)
 * for the loader tests: the interpreter must be found under -L SYSROOT. */
#include <stdio.h>

int main(int argc, char **argv)
{
    printf("hello from %s (%d args)\n", argv[0], argc);
    return 0;
}
