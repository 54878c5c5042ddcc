/* malloc / calloc / realloc / free / posix_memalign: many sizes (small
 * bins, large mmap'ed blocks), reuse after free, contents preserved by
 * realloc, calloc zeroed, alignment honoured. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    enum { N = 2000 };
    static unsigned char *blk[N];
    static size_t len[N];
    unsigned long seed = 12345, check = 0;
    int bad = 0;

    for (int round = 0; round < 20000; round++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        int i = (int)((seed >> 33) % N);
        if (blk[i]) {
            for (size_t k = 0; k < len[i]; k += 97)
                if (blk[i][k] != (unsigned char)(i + k))
                    bad++;
            check += len[i];
            free(blk[i]);
            blk[i] = NULL;
        } else {
            size_t n = (seed >> 40) % ((seed & 7) == 0 ? 300000 : 600) + 1;
            blk[i] = malloc(n);
            len[i] = n;
            for (size_t k = 0; k < n; k += 97)
                blk[i][k] = (unsigned char)(i + k);
        }
    }
    for (int i = 0; i < N; i++)
        free(blk[i]);
    printf("random alloc/free: bad=%d bytes=%lu\n", bad, check);

    {
        unsigned char *p = malloc(10);
        memcpy(p, "0123456789", 10);
        for (size_t n = 20; n < 2000000; n *= 3) {
            p = realloc(p, n);
            bad += memcmp(p, "0123456789", 10) != 0;
        }
        p = realloc(p, 5);
        bad += memcmp(p, "01234", 5) != 0;
        free(p);
        printf("realloc keeps contents: %s\n", bad ? "BAD" : "ok");
    }
    {
        int zero = 1;
        for (int r = 0; r < 50; r++) {
            unsigned char *p = malloc(4096);
            memset(p, 0xff, 4096);
            free(p);
            p = calloc(1, 4096 + r);
            for (int k = 0; k < 4096 + r; k++)
                zero &= p[k] == 0;
            free(p);
        }
        printf("calloc zeroed: %d\n", zero);
    }
    {
        int ok = 1;
        for (size_t al = 16; al <= 65536; al *= 4) {
            void *p = NULL;
            ok &= posix_memalign(&p, al, 100) == 0 && ((uintptr_t)p & (al - 1)) == 0;
            free(p);
        }
        printf("posix_memalign: %d\n", ok);
    }
    {
        void *a = malloc(100);
        free(a);
        void *b = malloc(100);
        printf("reuse after free: %d\n", a == b);
        free(b);
    }
    printf("malloc(0) freeable, free(NULL) ok\n");
    free(malloc(0));
    free(NULL);
    return 0;
}
