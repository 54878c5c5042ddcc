/* Exit status and fatal program interruptions seen from outside:
 *   status N      -> exit(N)
 *   segv          -> store to an unmapped page: SIGSEGV (exit 139)
 *   ill           -> an unassigned opcode: SIGILL (exit 132)
 *   div           -> DIVIDE by zero: SIGFPE (exit 136)
 *   args A B ...  -> prints argc and the arguments, exits 0 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "status") == 0)
        return atoi(argv[2]);
    if (argc >= 2 && strcmp(argv[1], "segv") == 0) {
        *(volatile int *)(unsigned long)argc = 1;  /* address 2: page 0 is never mapped */
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "ill") == 0) {
        __asm__ volatile(".short 0x0000");          /* opcode 00 is unassigned */
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "div") == 0) {
        volatile long a = 1, b = argc - 2;         /* b = 0 */
        printf("%ld\n", a / b);
        return 0;
    }
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    const char *z = getenv("ZEMU_TEST");
    printf("ZEMU_TEST=%s\n", z ? z : "(unset)");
    return 0;
}
