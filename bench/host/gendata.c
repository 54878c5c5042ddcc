/* gendata: writes SIZE bytes of deterministic, text-like data to stdout
 * (words from a small vocabulary picked by a fixed pseudo-random sequence,
 * with numbers and line breaks): the input of the busybox gzip benchmark.
 * Compressible like ordinary text (gzip -6 gets it to roughly a third), so
 * both the match finder and the Huffman coder do real work.
 *
 *   gendata SIZE > FILE */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const words[] = {
    "storage", "operand", "address", "page", "translation", "exception", "register",
    "program", "interruption", "instruction", "length", "byte", "unit", "operation",
    "condition", "code", "key", "protection", "access", "segment", "region", "table",
    "the", "of", "a", "is", "and", "to", "in", "when", "that", "for", "with", "by",
};

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gendata SIZE\n");
        return 2;
    }
    long size = strtol(argv[1], NULL, 0);
    uint32_t x = 2463534242u;
    long out = 0, col = 0;
    while (out < size) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        char buf[32];
        int n;
        if (x % 7 == 0)
            n = snprintf(buf, sizeof buf, "%u", (unsigned)(x >> 20));
        else
            n = snprintf(buf, sizeof buf, "%s", words[(x >> 8) % (sizeof words / sizeof *words)]);
        col += n + 1;
        buf[n++] = col > 72 ? '\n' : ' ';
        if (col > 72)
            col = 0;
        if (out + n > size)
            n = (int)(size - out);
        fwrite(buf, 1, (size_t)n, stdout);
        out += n;
    }
    return 0;
}
