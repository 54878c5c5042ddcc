/* File I/O through stdio and raw system calls: create, write, seek, read
 * back, append, stat, rename, unlink, a directory, dup2 and a pipe.  The
 * files live in a fresh directory under /tmp, removed at the end. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/zemu-guest-XXXXXX", path[64], path2[64], buf[256];
    FILE *f;
    int fd, n;
    struct stat st;

    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(path, sizeof path, "%s/a.txt", dir);
    snprintf(path2, sizeof path2, "%s/b.txt", dir);

    f = fopen(path, "w");
    for (int i = 0; i < 100; i++)
        fprintf(f, "line %03d %s\n", i, i % 2 ? "odd" : "even");
    printf("fclose=%d\n", fclose(f));
    f = fopen(path, "r");
    n = 0;
    while (fgets(buf, sizeof buf, f))
        n++;
    printf("lines=%d ftell=%ld\n", n, ftell(f));
    fseek(f, 13 * 5, SEEK_SET);
    fgets(buf, sizeof buf, f);
    printf("after seek: %s", buf);
    fclose(f);

    fd = open(path, O_RDWR);
    printf("lseek end=%ld\n", (long)lseek(fd, 0, SEEK_END));
    printf("pread=%zd ", pread(fd, buf, 8, 14));
    buf[8] = 0;
    printf("[%s]\n", buf);
    printf("pwrite=%zd\n", pwrite(fd, "LINE", 4, 0));
    lseek(fd, 0, SEEK_SET);
    n = (int)read(fd, buf, 13);
    buf[n] = 0;
    printf("read=%d [%.12s]\n", n, buf);
    printf("ftruncate=%d\n", ftruncate(fd, 26));
    fstat(fd, &st);
    printf("size=%ld regular=%d\n", (long)st.st_size, S_ISREG(st.st_mode));
    close(fd);

    fd = open(path, O_WRONLY | O_APPEND);
    write(fd, "appended\n", 9);
    close(fd);
    stat(path, &st);
    printf("after append size=%ld\n", (long)st.st_size);
    printf("rename=%d\n", rename(path, path2));
    fd = open(path, O_RDONLY);
    printf("open old: %d errno=%s\n", fd, errno == ENOENT ? "ENOENT" : "?");
    f = fopen(path2, "r");
    fread(buf, 1, 35, f);
    buf[35] = 0;
    printf("contents: %s", buf);
    fclose(f);

    {
        int p[2], saved;
        char m[16] = {0};
        pipe(p);
        write(p[1], "through pipe", 12);
        read(p[0], m, 12);
        printf("pipe: %s\n", m);
        fflush(stdout);
        saved = dup(1);
        dup2(p[1], 1);
        write(1, "dup2", 4);
        dup2(saved, 1);
        close(saved);
        memset(m, 0, sizeof m);
        read(p[0], m, 4);
        printf("dup2: %s\n", m);
        close(p[0]);
        close(p[1]);
    }
    n = unlink(path2);
    printf("unlink=%d", n);
    n = rmdir(dir);
    printf(" rmdir=%d\n", n);
    printf("write to stderr: %zd\n", write(2, "", 0));
    return 0;
}
