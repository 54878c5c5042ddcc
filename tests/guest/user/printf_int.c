/* printf of integers: widths, precision, flags, bases, lengths (hh, h, l,
 * ll, j, z, t), extremes; snprintf truncation; and sscanf back. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    char buf[32];
    int n;
    long l1;
    unsigned u1;

    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42, 42);
    printf("[%d] [%i] [%.3d] [%8.3d] [%-+8d]\n", -42, -42, 7, -7, 7);
    printf("[%x] [%X] [%#x] [%o] [%#o] [%u]\n", 255u, 255u, 255u, 8u, 8u, 4000000000u);
    printf("[%hhd] [%hhu] [%hd] [%hu]\n", (signed char)-1, (unsigned char)255, (short)-32768, (unsigned short)65535);
    printf("[%ld] [%lu] [%lld] [%llx]\n", LONG_MIN, ULONG_MAX, LLONG_MAX, 0xdeadbeefcafef00dULL);
    printf("[%jd] [%zu] [%td]\n", INTMAX_MIN, (size_t)12345, (ptrdiff_t)-9);
    printf("[%" PRId32 "] [%" PRIu64 "] [%" PRIx16 "]\n", INT32_MIN, UINT64_MAX, (uint16_t)0xbeef);
    printf("[%*d] [%-*d] [%.*d]\n", 6, 1, 6, 2, 4, 3);
    printf("[%c%c%c] [%s] [%.2s] [%8s] [%-8s] [%%]\n", 'a', 'b', 'c', "str", "string", "r", "l");
    printf("[%.0d] [%#.0x] [%+.0d]\n", 0, 0u, 0);
    n = 8;
    n = snprintf(buf, (size_t)*(volatile int *)&n, "%d-%d-%d", 1234, 5678, 9);
    printf("snprintf n=%d buf=%s\n", n, buf);
    n = sscanf("  -77 0x1f 12345678901 rest", "%d %x %ld %31s", &n, &u1, &l1, buf);
    printf("sscanf=%d u=%u l=%ld s=%s\n", n, u1, l1, buf);
    for (int i = 0; i < 64; i += 9)
        printf("%llu ", 1ULL << i);
    printf("\n");
    for (long v = 1; v < 1000000000000000000L; v *= -7)
        printf("%ld,", v);
    printf("\n");
    return 0;
}
