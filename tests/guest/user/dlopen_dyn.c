/* Dynamic loading at run time: dlopen libm.so.6, dlsym a function and a
 * missing symbol, call through the pointer, dlclose. */
#include <dlfcn.h>
#include <stdio.h>

int main(void)
{
    void *h = dlopen("libm.so.6", RTLD_NOW);
    double (*fn)(double);
    printf("dlopen ok=%d\n", h != NULL);
    if (!h)
        return 1;
    *(void **)&fn = dlsym(h, "sqrt");
    printf("dlsym sqrt ok=%d sqrt(2)=%.12f\n", fn != NULL, fn ? fn(2.0) : 0.0);
    printf("missing symbol null=%d\n", dlsym(h, "zemu_no_such_symbol") == NULL);
    printf("dlclose=%d\n", dlclose(h));
    return 0;
}
