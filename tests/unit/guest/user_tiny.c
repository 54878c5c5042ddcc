/* A tiny freestanding s390x Linux program for the loader tests
 * (tests/unit/test_user_guest.c): text, rodata, initialised data and bss,
 * no libc.  Built static (ET_EXEC) and static-pie (ET_DYN) by
 * cmake/guest.cmake.  It writes "hello\n" and exits 0 when run. */
static const char msg[] = "hello\n";
char tiny_bss[8192];
long tiny_data = 0x1122334455667788L;

void _start(void)
{
    register long r1 __asm__("1") = 4;      /* __NR_write */
    register long r2 __asm__("2") = 1;
    register long r3 __asm__("3") = (long)msg;
    register long r4 __asm__("4") = sizeof(msg) - 1;
    __asm__ volatile("svc 0" : "+r"(r2) : "r"(r1), "r"(r3), "r"(r4) : "memory");
    tiny_bss[0] = (char)tiny_data;
    r1 = 1;                                  /* __NR_exit */
    r2 = 0;
    __asm__ volatile("svc 0" : "+r"(r2) : "r"(r1) : "memory");
    for (;;)
        ;
}
