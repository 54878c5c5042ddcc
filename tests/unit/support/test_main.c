#include <stdarg.h>
#include <stdlib.h>

#include "test.h"

#define MAX_TESTS 1024

static struct {
    const char *name;
    void (*fn)(void);
} tests[MAX_TESTS];
static int ntests;
static int cur_failures;
int test_checks;

void test_register(const char *name, void (*fn)(void))
{
    if (ntests == MAX_TESTS) {
        fprintf(stderr, "too many tests\n");
        exit(2);
    }
    tests[ntests].name = name;
    tests[ntests].fn = fn;
    ntests++;
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    if (cur_failures++ > 20)
        return;
    fprintf(stderr, "  FAIL %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    /* constructors register in link order; run in that order */
    for (int i = 0; i < ntests; i++) {
        if (argc > 1 && !strstr(tests[i].name, argv[1]))
            continue;
        cur_failures = 0;
        int before = test_checks;
        tests[i].fn();
        if (test_checks == before) {
            fprintf(stderr, "  FAIL %s: asserted nothing\n", tests[i].name);
            cur_failures++;
        }
        if (cur_failures) {
            printf("FAIL %s\n", tests[i].name);
            failed++;
        } else {
            printf("ok   %s\n", tests[i].name);
            passed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
