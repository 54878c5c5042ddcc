/* A broader glibc workout: qsort, malloc of 1 MiB (mmap), strtod, printf
 * of doubles in %g/%e/%f/%a, a long double (extended BFP), libm sqrt,
 * sysinfo (qsort asks for the physical memory) and fopen of
 * /proc/self/exe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int main(int argc, char **argv)
{
    int n = 1000;
    int *v = malloc(n * sizeof(int));
    for (int i = 0; i < n; i++) v[i] = (i * 7919) % 1009;
    qsort(v, n, sizeof(int), cmp);
    printf("sorted %d %d %d\n", v[0], v[500], v[999]);
    char *big = malloc(1 << 20);
    memset(big, 'x', 1 << 20);
    big[(1 << 20) - 1] = 0;
    printf("len %zu\n", strlen(big));
    double d = strtod("2.718281828", NULL);
    printf("%g %e %.10f %a\n", d, d * 1000, d / 3, d);
    printf("argc %d\n", argc);
    char buf[64];
    snprintf(buf, sizeof buf, "%08x|%-5s|%+d|%lld", 0xbeef, "ab", 5, -123456789012LL);
    puts(buf);
    long double ld = 1.5L;
    printf("%Lf\n", ld * 3);
    printf("%.3f %.3f\n", sqrt(2.0), (double)(float)1.25f * 2);
    FILE *f = fopen("/proc/self/exe", "rb");
    printf("exe %s\n", f ? "ok" : "fail");
    if (f) fclose(f);
    free(big); free(v);
    return 0;
}
