/* Control flow as the compiler emits it: loops (BRCT/BRCTG), compare and
 * branch, switch jump tables, recursion, function pointers, computed goto,
 * and indirect tail calls. */
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned long ack(unsigned long m, unsigned long n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static const char *kind(int c)
{
    switch (c) {
    case 0: return "zero";
    case 1: return "one";
    case 2: return "two";
    case 3: return "three";
    case 5: return "five";
    case 8: return "eight";
    case 13: return "thirteen";
    case 21: return "twenty-one";
    default: return "other";
    }
}

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }

static int interp(const unsigned char *code)
{
    static void *tab[] = { &&op_halt, &&op_inc, &&op_dbl, &&op_neg };
    int acc = 0;
#define NEXT goto *tab[*code++]
    NEXT;
op_inc: acc++; NEXT;
op_dbl: acc *= 2; NEXT;
op_neg: acc = -acc; NEXT;
op_halt: return acc;
}

int main(int argc, char **argv)
{
    volatile int n = 10;
    int (*ops[3])(int, int) = { add, sub, mul };
    long sum = 0;
    (void)argv;

    for (int i = 0; i < n * 1000; i++)
        sum += i % 7 == 0 ? i : -1;
    printf("loop sum=%ld\n", sum);
    for (long i = 1000000; i > 0; i--)
        sum ^= i;
    printf("countdown xor=%ld\n", sum);
    printf("fib(20)=%d\n", fib(20));
    printf("ack(2,3)=%lu ack(3,3)=%lu\n", ack(2, 3), ack(3, 3));
    for (int c = 0; c < 23; c += 1 + c / 4)
        printf("%d:%s ", c, kind(c));
    printf("\n");
    for (int i = 0; i < 3; i++)
        printf("op%d(7,3)=%d\n", i, ops[(i + argc - 1) % 3](7, 3));
    {
        static const unsigned char prog[] = { 1, 1, 1, 2, 2, 3, 1, 0 };
        printf("interp=%d\n", interp(prog));
    }
    {
        int i = 0, j = 0;
        while (1) {
            if (++i > 50)
                break;
            if (i % 3)
                continue;
            j += i;
        }
        do
            j--;
        while (j > 400);
        printf("while/do: i=%d j=%d\n", i, j);
    }
    return 0;
}
