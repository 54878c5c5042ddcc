/* The first end-to-end user-mode program: glibc start-up, stdio and the
 * printf conversions of an integer, a string and a floating-point value. */
#include <stdio.h>

int main(void)
{
    volatile int n = 42;
    volatile double x = 3.25;
    const char *s = "s390x";
    printf("hello, world\n");
    printf("int %d, string %s, float %.3f\n", n, s, x);
    return 0;
}
