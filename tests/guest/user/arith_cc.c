/* Integer arithmetic and the condition code: C arithmetic on 32/64/128-bit
 * values (wraparound, signed division and remainder, shifts), and the CC of
 * add/subtract/compare/logical instructions captured with IPM from inline
 * assembly (0 zero / equal, 1 < 0 / low, 2 > 0 / high, 3 overflow; logical
 * add: carry and zero encoded in the CC). */
#include <stdint.h>
#include <stdio.h>

static int cc_of(unsigned long ipm) { return (int)(ipm >> 28) & 3; }

#define CC2(insn, a, b)                                                    \
    ({                                                                     \
        unsigned long x_ = (a), m_;                                        \
        asm volatile(insn " %0,%2\n\tipm %1"                               \
                     : "+d"(x_), "=d"(m_) : "d"((unsigned long)(b)) : "cc");\
        res = x_;                                                          \
        cc_of(m_);                                                         \
    })

static unsigned long res;

int main(void)
{
    volatile int32_t a = 2147483647, b = -7, c = 3;
    volatile int64_t x = INT64_MIN, y = 1000000007LL;
    volatile uint64_t u = 0xfedcba9876543210ULL;
    volatile __int128 p = (__int128)123456789012345LL * 987654321098765LL;
    int cc;

    printf("a+1 wraps: %d\n", (int32_t)((uint32_t)a + 1u));
    printf("b/c=%d b%%c=%d -b/c=%d\n", b / c, b % c, -b / c);
    printf("x/-1 as unsigned: %llu\n", (unsigned long long)((uint64_t)x / 1));
    printf("y*y=%lld y*y%%97=%lld\n", (long long)(y * y), (long long)((y * y) % 97));
    printf("u>>4=%016llx u<<4=%016llx (i64)u>>60=%lld\n", (unsigned long long)(u >> 4),
           (unsigned long long)(u << 4), (long long)((int64_t)u >> 60));
    printf("p hi=%016llx lo=%016llx\n", (unsigned long long)((unsigned __int128)p >> 64),
           (unsigned long long)p);
    printf("p/1e9=%lld\n", (long long)(p / 1000000000));
    printf("u/y=%llu u%%y=%llu\n", (unsigned long long)(u / (uint64_t)y),
           (unsigned long long)(u % (uint64_t)y));
    printf("clz=%d ctz=%d pop=%d\n", __builtin_clzll(u >> 9), __builtin_ctzll(u), __builtin_popcountll(u));

    cc = CC2("ar", 5, 0xfffffffbUL);       printf("ar 5+-5: cc=%d\n", cc);
    cc = CC2("ar", 5, 0xfffffff0UL);       printf("ar 5+-16: cc=%d r=%08lx\n", cc, res & 0xffffffff);
    cc = CC2("ar", 0x7fffffffUL, 1);       printf("ar overflow: cc=%d r=%08lx\n", cc, res & 0xffffffff);
    cc = CC2("agr", 0x7fffffffUL, 1);      printf("agr: cc=%d r=%lx\n", cc, res);
    cc = CC2("agr", 0x8000000000000000UL, 0xffffffffffffffffUL);
    printf("agr overflow: cc=%d r=%lx\n", cc, res);
    cc = CC2("sr", 3, 5);                  printf("sr 3-5: cc=%d\n", cc);
    cc = CC2("sr", 0x80000000UL, 1);       printf("sr overflow: cc=%d\n", cc);
    cc = CC2("alr", 0xffffffffUL, 1);      printf("alr carry zero: cc=%d\n", cc);
    cc = CC2("alr", 0xffffffffUL, 2);      printf("alr carry nonzero: cc=%d\n", cc);
    cc = CC2("alr", 1, 2);                 printf("alr no carry: cc=%d\n", cc);
    cc = CC2("alr", 0, 0);                 printf("alr zero: cc=%d\n", cc);
    cc = CC2("slr", 5, 3);                 printf("slr 5-3: cc=%d\n", cc);
    cc = CC2("slr", 3, 3);                 printf("slr 3-3: cc=%d\n", cc);
    cc = CC2("slr", 3, 5);                 printf("slr 3-5 borrow: cc=%d\n", cc);
    cc = CC2("cr", 0xffffffffUL, 1);       printf("cr -1,1: cc=%d\n", cc);
    cc = CC2("clr", 0xffffffffUL, 1);      printf("clr -1,1: cc=%d\n", cc);
    cc = CC2("cgr", 7, 7);                 printf("cgr 7,7: cc=%d\n", cc);
    cc = CC2("nr", 0xf0, 0x0f);            printf("nr: cc=%d\n", cc);
    cc = CC2("or", 0xf0, 0x0f);            printf("or: cc=%d r=%lx\n", cc, res);
    cc = CC2("xgr", 0x55, 0x55);           printf("xgr: cc=%d\n", cc);
    cc = CC2("lcr", 0, 0x80000000UL);      printf("lcr maxneg: cc=%d\n", cc);
    cc = CC2("lpgr", 0, 0xfffffffffffffff6UL); printf("lpgr -10: cc=%d r=%ld\n", cc, (long)res);
    cc = CC2("msgr", 6, 7);                printf("msgr: r=%ld\n", (long)res);
    (void)cc;
    return 0;
}
