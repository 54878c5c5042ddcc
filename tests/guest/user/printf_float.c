/* printf of floating point (binary FP: glibc's conversion uses the FPU
 * and multi-precision integer code): %f %e %g %a with widths and
 * precisions, rounding, infinities, NaN, denormals; strtod round trips;
 * and some FP arithmetic in float/double/long double. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    volatile double d = 3.14159265358979323846, z = 0.0;
    volatile float f = 1.0f / 3.0f;
    volatile long double ld = 1.0L / 7.0L;
    char buf[64];

    printf("[%f] [%.2f] [%10.3f] [%-10.1f] [%+.0f]\n", d, d, d, d, d);
    printf("[%e] [%.3E] [%g] [%G] [%.10g]\n", d * 1e10, d / 1e10, d, 1e-10, d);
    printf("[%a] [%A]\n", 1.0, -0.5);
    printf("[%f] [%.9f] [%.20Lf]\n", (double)f, (double)f, ld);
    printf("[%f] [%f] [%f] [%e]\n", 1.0 / z, -1.0 / z, -0.0, DBL_MIN / 4);
    printf("nan=%s\n", (snprintf(buf, sizeof buf, "%f", z / z), buf[0] == '-' ? buf + 1 : buf));
    printf("[%.0f] [%.0f] [%.0f] [%.1f] [%.2f]\n", 0.5, 1.5, 2.5, 0.05, 1.005);
    printf("[%g] [%g] [%g] [%g]\n", 100000.0, 1000000.0, 0.0001, 0.00001);
    printf("max=%.17g min=%.17g eps=%g\n", DBL_MAX, DBL_MIN, DBL_EPSILON);
    printf("fmax=%.9g lmax=%Lg\n", FLT_MAX, LDBL_MAX);
    {
        double sum = 0;
        for (int i = 1; i <= 1000; i++)
            sum += 1.0 / i;
        printf("harmonic(1000)=%.15f\n", sum);
    }
    {
        long double s = 0;
        for (int i = 1; i <= 100; i++)
            s += 1.0L / ((long double)i * i);
        printf("basel(100)=%.25Lf\n", s);
    }
    printf("strtod=%.17g %.17g %g\n", strtod("0.1", NULL), strtod("1e-320", NULL), strtod("-inf", NULL));
    printf("conv: %d %ld %u %.1f\n", (int)-3.99, (long)1e18, (unsigned)3e9, (double)(float)16777217);
    printf("sqrt=%.15f floor=%.1f ceil=%.1f trunc=%.1f fabs=%.1f\n", sqrt(2.0), floor(-2.5), ceil(-2.5),
           trunc(-2.7), fabs(-3.0));
    return 0;
}
