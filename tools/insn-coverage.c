/* insn-coverage: which instructions of a real s390x program does zemu's
 * definition table lack?  Reads `objdump -d` output on stdin (the raw
 * instruction bytes and the mnemonic objdump printed), looks every
 * instruction up in the decoder's index, and prints the unknown ones, most
 * frequent first, with objdump's mnemonic and the opcode.  Used by
 * scripts/insn-coverage.sh; a development aid, not part of any test.
 *
 * Data words that objdump shows as ".long"/".short" are skipped. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"

struct miss { char mnem[24]; char bytes[20]; unsigned count; };

static int by_count(const void *a, const void *b)
{
    const struct miss *x = a, *y = b;
    return (int)y->count - (int)x->count;
}

int main(void)
{
    static struct miss miss[4096];
    unsigned nmiss = 0, total = 0, unknown = 0;
    char line[512];

    decode_init();
    while (fgets(line, sizeof line, stdin)) {
        /* "  addr:\tb0 b1 ..  \tmnemonic operands" */
        char *t1 = strchr(line, '\t');
        if (!t1)
            continue;
        char *t2 = strchr(t1 + 1, '\t');
        if (!t2)
            continue;
        uint8_t b[6] = { 0 };
        unsigned n = 0;
        for (char *p = t1 + 1; p < t2 && n < 6; ) {
            while (p < t2 && *p == ' ')
                p++;
            if (p + 1 >= t2 || !isxdigit((unsigned char)p[0]))
                break;
            b[n++] = (uint8_t)strtoul((char[]){ p[0], p[1], 0 }, NULL, 16);
            p += 2;
        }
        char mnem[24] = "";
        sscanf(t2 + 1, "%23s", mnem);
        if (n == 0 || mnem[0] == '.' || n != insn_length(b[0]))
            continue;
        total++;
        if (decode_lookup(b))
            continue;
        unknown++;
        unsigned i;
        for (i = 0; i < nmiss; i++)
            if (!strcmp(miss[i].mnem, mnem))
                break;
        if (i == nmiss && nmiss < sizeof miss / sizeof miss[0]) {
            strcpy(miss[nmiss].mnem, mnem);
            for (unsigned k = 0; k < n; k++)
                sprintf(miss[nmiss].bytes + 2 * k, "%02x", b[k]);
            nmiss++;
        }
        if (i < nmiss)
            miss[i].count++;
    }
    qsort(miss, nmiss, sizeof miss[0], by_count);
    for (unsigned i = 0; i < nmiss; i++)
        printf("%7u  %-10s %s\n", miss[i].count, miss[i].mnem, miss[i].bytes);
    printf("%u instructions, %u not in the table (%u mnemonics)\n", total, unknown, nmiss);
    return 0;
}
