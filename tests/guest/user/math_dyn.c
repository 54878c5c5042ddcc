/* Dynamically linked against libm.so.6: elementary functions (results
 * printed with 12 significant digits, which every correctly working
 * implementation reproduces), rounding functions, fenv rounding modes. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

int main(void)
{
    volatile double x = 0.5, y = 2.0, h = 2.5, g = 2.1;
    printf("sin=%.12g cos=%.12g tan=%.12g\n", sin(x), cos(x), tan(x));
    printf("exp=%.12g log=%.12g log10=%.12g pow=%.12g\n", exp(x), log(y), log10(1000.0), pow(y, 0.5));
    printf("atan2=%.12g hypot=%.12g cbrt=%.12g\n", atan2(1.0, -1.0), hypot(3.0, 4.0), cbrt(27.0));
    printf("sinf=%.6g expf=%.6g\n", (double)sinf(1.0f), (double)expf(1.0f));
    printf("round=%.1f lround=%ld rint=%.1f nearbyint=%.1f\n", round(2.5), lround(-2.5), rint(2.5), nearbyint(3.5));
    printf("fmod=%.3f remainder=%.3f modf=", fmod(7.5, 2.0), remainder(7.5, 2.0));
    {
        double ip, fp = modf(-3.25, &ip);
        printf("%.2f,%.2f\n", ip, fp);
    }
    printf("frexp/ldexp=");
    {
        int e;
        double m = frexp(48.0, &e);
        printf("%.3f*2^%d -> %.1f\n", m, e, ldexp(m, e));
    }
    fesetround(FE_DOWNWARD);
    printf("downward: rint(2.5)=%.1f rint(-2.5)=%.1f 1/3=%.17g\n", rint(h), rint(-h), 1.0 / (3.0 * x * 2));
    fesetround(FE_UPWARD);
    printf("upward: rint(2.1)=%.1f 1/3=%.17g\n", rint(g), 1.0 / (3.0 * x * 2));
    fesetround(FE_TONEAREST);
    printf("isnan=%d isinf=%d signbit=%d\n", isnan(sqrt(-x)) != 0, isinf(exp(1000.0)) != 0, signbit(-0.0) != 0);
    return 0;
}
