/* qsort and bsearch on ints, strings and structs (stable tie-break by a
 * second key), with a deterministic pseudo-random input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec { int key; int seq; char name[12]; };

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? 1 : -1;        /* descending */
    return (x->seq > y->seq) - (x->seq < y->seq);
}

int main(void)
{
    enum { N = 50000 };
    static int v[N];
    static struct rec r[300];
    unsigned long s = 1, h = 0;
    int sorted = 1, found = 0;

    for (int i = 0; i < N; i++) {
        s = s * 1103515245 + 12345;
        v[i] = (int)((s >> 16) % 100000) - 50000;
    }
    qsort(v, N, sizeof *v, cmp_int);
    for (int i = 1; i < N; i++)
        sorted &= v[i - 1] <= v[i];
    for (int i = 0; i < N; i += 1000)
        h = h * 31 + (unsigned)v[i];
    printf("ints sorted=%d min=%d max=%d median=%d hash=%lx\n", sorted, v[0], v[N - 1], v[N / 2], h);
    for (int k = -50000; k < 50000; k += 777)
        found += bsearch(&k, v, N, sizeof *v, cmp_int) != NULL;
    printf("bsearch found=%d\n", found);

    {
        const char *w[] = { "pear", "apple", "fig", "banana", "cherry", "date", "apricot", "kiwi", "lime", "grape" };
        qsort(w, 10, sizeof *w, cmp_str);
        for (int i = 0; i < 10; i++)
            printf("%s%c", w[i], i == 9 ? '\n' : ' ');
    }
    for (int i = 0; i < 300; i++) {
        s = s * 1103515245 + 12345;
        r[i].key = (int)((s >> 16) % 7);
        r[i].seq = i;
        snprintf(r[i].name, sizeof r[i].name, "n%d", i);
    }
    qsort(r, 300, sizeof *r, cmp_rec);
    for (int i = 0; i < 300; i += 37)
        printf("%d/%d/%s ", r[i].key, r[i].seq, r[i].name);
    printf("\n");
    return 0;
}
