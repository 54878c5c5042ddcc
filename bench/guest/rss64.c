/* rss64: touches 64 MiB of freshly allocated memory, for the peak-RSS
 * comparison (bench/README.md).  Every byte is written (memset) and one byte
 * per 4 KiB page is read back into a checksum, printed as
 *
 *   BENCH rss64 sum=N check=ok
 *
 * The runner reads the emulator's peak RSS from wait4(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIZE (64ul << 20)

int main(void)
{
    unsigned char *p = malloc(SIZE);
    if (!p) {
        printf("BENCH rss64 check=FAIL malloc\n");
        return 1;
    }
    memset(p, 0, SIZE);
    for (unsigned long i = 0; i < SIZE; i += 4096)
        p[i] = (unsigned char)(i >> 12);
    unsigned long sum = 0;
    for (unsigned long i = 0; i < SIZE; i += 4096)
        sum += p[i] + p[i + 4095];
    /* pages 0..16383, low byte of the page number: 64 times 0+1+...+255 */
    if (sum != 64ul * 255 * 256 / 2) {
        printf("BENCH rss64 sum=%lu check=FAIL\n", sum);
        return 1;
    }
    printf("BENCH rss64 sum=%lu check=ok\n", sum);
    return 0;
}
