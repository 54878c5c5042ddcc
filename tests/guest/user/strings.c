/* glibc string functions (which glibc implements with CLST, SRST, MVST,
 * TRT, CLC and friends on s390x): lengths, compares, searches, copies,
 * tokenising and conversions, over many alignments. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

int main(void)
{
    static char buf[8192];
    char tmp[256];
    unsigned long h = 0;

    printf("strlen=%zu %zu\n", strlen("hello, world"), strlen(""));
    printf("strcmp=%d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("x", "x"));
    printf("strncmp=%d strcasecmp=%d\n", strncmp("abcdef", "abcxyz", 3), strcasecmp("HeLLo", "hello"));
    printf("strchr=%s strrchr=%s\n", strchr("a/b/c", '/'), strrchr("a/b/c", '/'));
    printf("strstr=%s\n", strstr("the quick brown fox", "brown"));
    printf("strspn=%zu strcspn=%zu\n", strspn("aaabbbccc", "ab"), strcspn("hello world", " "));
    printf("strpbrk=%s\n", strpbrk("abc,def;ghi", ";,"));
    strcpy(tmp, "foo");
    strcat(tmp, "bar");
    strncat(tmp, "bazqux", (size_t)(tmp[0] - 'c'));   /* 3 */
    printf("strcpy/cat=%s\n", tmp);
    printf("stpcpy end=%ld\n", (long)(stpcpy(tmp, "12345") - tmp));
    {
        char s[] = "a,b,,c;d";
        char *save, *t;
        printf("strtok_r:");
        for (t = strtok_r(s, ",;", &save); t; t = strtok_r(NULL, ",;", &save))
            printf(" [%s]", t);
        printf("\n");
    }
    {
        char *d = strdup("duplicate");
        char *nd = strndup("duplicate", 3);
        printf("strdup=%s strndup=%s\n", d, nd);
        free(d);
        free(nd);
    }
    printf("strtol=%ld %ld %ld\n", strtol("-12345", NULL, 10), strtol("0x1F", NULL, 16), strtol("777", NULL, 8));
    printf("strtoul=%lu atoi=%d\n", strtoul("18446744073709551615", NULL, 10), atoi("  42abc"));
    /* every alignment and length of a long string */
    for (int i = 0; i < 8000; i++)
        buf[i] = (char)('a' + i % 26);
    buf[8000] = 0;
    for (int a = 0; a < 64; a++) {
        for (int len = 0; len < 300; len += 7) {
            char save = buf[a + len];
            buf[a + len] = 0;
            h = h * 31 + strlen(buf + a);
            h = h * 31 + (unsigned long)(strchr(buf + a, 'q') ? strchr(buf + a, 'q') - buf : 0);
            h = h * 31 + (unsigned long)(strrchr(buf + a, 'e') ? strrchr(buf + a, 'e') - buf : 0);
            buf[a + len] = save;
        }
    }
    printf("alignment hash=%016lx\n", h);
    printf("long strlen=%zu memchr=%ld rawmemchr=%ld\n", strlen(buf),
           (long)((char *)memchr(buf, 'z', 8000) - buf), (long)((char *)rawmemchr(buf + 100, 'y') - buf));
    printf("strcmp long=%d\n", strcmp(buf, buf + 26 * 10) > 0);
    for (int i = 0; i < 5; i++)
        tmp[i] = (char)toupper("shout"[i]);
    tmp[5] = 0;
    printf("toupper=%s isdigit=%d isspace=%d\n", tmp, !!isdigit('7'), !!isspace('\t'));
    return 0;
}
