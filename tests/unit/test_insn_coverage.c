/* docs/INSN-COVERAGE.md against the definition table: every instruction the
 * document lists as implemented (the bullets of "General instructions,
 * implemented") must have a row, and every one it lists as absent (the
 * general ones kept out on purpose, system control, HFP arithmetic, DFP,
 * crypto and CPU-measurement) must not. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "test.h"

static char *doc;

static void load_doc(void)
{
    if (doc)
        return;
    /* __FILE__ is tests/unit/test_insn_coverage.c under the source tree */
    char path[4096];
    snprintf(path, sizeof(path), "%s", __FILE__);
    char *cut = strstr(path, "tests/unit/");
    if (!cut)
        return;
    strcpy(cut, "docs/INSN-COVERAGE.md");
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = 0;
    fclose(f);
    doc = buf;
}

/* The text of the section whose heading starts with `heading`, up to the
 * next "## " heading (a copy the caller frees). */
static char *section(const char *heading)
{
    char *h = doc ? strstr(doc, heading) : NULL;
    if (!h)
        return NULL;
    char *end = strstr(h + 1, "\n## ");
    size_t n = end ? (size_t)(end - h) : strlen(h);
    char *s = malloc(n + 1);
    memcpy(s, h, n);
    s[n] = 0;
    return s;
}

/* An instruction name: capitals and digits, starting with a capital. */
static bool is_mnemonic(const char *t)
{
    if (!isupper((unsigned char)t[0]))
        return false;
    for (; *t; t++)
        if (!isupper((unsigned char)*t) && !isdigit((unsigned char)*t))
            return false;
    return true;
}

/* Checks the names in text: each must be in the table (want) or not. */
static unsigned check_names(char *text, bool want, unsigned *bad)
{
    unsigned n = 0;
    for (char *t = strtok(text, " \n;,."); t; t = strtok(NULL, " \n;,.")) {
        if (!is_mnemonic(t))
            continue;
        n++;
        bool have = decode_find_mnemonic(t) != NULL;
        if (have != want) {
            (*bad)++;
            fprintf(stderr, "  %s: the document says %s\n", t, want ? "implemented" : "absent");
        }
    }
    return n;
}

TEST(coverage_doc_implemented_rows_exist)
{
    load_doc();
    CHECK(doc != NULL);
    char *s = section("## General instructions, implemented");
    CHECK(s != NULL);
    if (!s)
        return;
    unsigned bad = 0, n = 0;
    /* the names follow the bold heading and the dash of each bullet */
    for (char *b = strstr(s, "\n- **"); b; b = strstr(b + 1, "\n- **")) {
        char *next = strstr(b + 1, "\n- **");
        char *dash = strstr(b, "** — ");
        char *stop = strstr(b, "\n\n");
        if (!dash || (next && dash > next))
            continue;
        char *end = next ? next : stop ? stop : dash + strlen(dash);
        if (stop && stop < end)
            end = stop;
        const size_t skip = strlen("** — ");
        char *names = strndup(dash + skip, (size_t)(end - dash) - skip);
        n += check_names(names, true, &bad);
        free(names);
    }
    free(s);
    CHECK_EQ(bad, 0);
    CHECK_EQ(n, 513);
}

/* The text after the first colon of a section's first paragraph. */
static char *names_after_colon(const char *heading, const char *stop_at)
{
    char *s = section(heading);
    if (!s)
        return NULL;
    char *c = strstr(s, ": ");
    char *e = c ? strstr(c, stop_at) : NULL;
    char *r = c ? strndup(c + 2, e ? (size_t)(e - c - 2) : strlen(c + 2)) : NULL;
    free(s);
    return r;
}

TEST(coverage_doc_absent_rows_are_absent)
{
    load_doc();
    CHECK(doc != NULL);
    unsigned bad = 0, n = 0;
    /* the first column of the "deliberately absent" table */
    char *s = section("## General instructions, deliberately absent");
    CHECK(s != NULL);
    for (char *row = s ? strstr(s, "\n| ") : NULL; row; row = strstr(row + 1, "\n| ")) {
        char *bar = strchr(row + 3, '|');
        char *paren = strchr(row + 3, '(');
        if (!bar || !paren || paren > bar)
            continue;
        char *names = strndup(row + 3, (size_t)(paren - row - 3));
        n += check_names(names, false, &bad);
        free(names);
    }
    free(s);
    CHECK_EQ(n, 6);
    char *sys = names_after_colon("## System control", "\n\n");
    CHECK(sys != NULL);
    if (sys)
        n += check_names(sys, false, &bad);
    free(sys);
    /* "(why): NAME NAME ... NAME." lists */
    static const char *const lists[] = { "## Floating point", "## Other absent facilities" };
    for (int k = 0; k < 2; k++) {
        char *other = section(lists[k]);
        CHECK(other != NULL);
        for (char *c = other ? strstr(other, "): ") : NULL; c; c = strstr(c + 1, "): ")) {
            char *e = strchr(c, '.');
            char *names = strndup(c + 3, e ? (size_t)(e - c - 3) : strlen(c + 3));
            n += check_names(names, false, &bad);
            free(names);
        }
        free(other);
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(n, 6 + 90 + 104 + 68 + 10 + 11);
}
