/* timeit: run one command, and write its wall-clock time and peak RSS.
 *
 *   timeit RESULT_FILE CMD [ARGS...]
 *
 * stdin, stdout and stderr are the command's (the runner redirects them).
 * RESULT_FILE gets one line "wall_ns=N maxrss_kb=N status=N", where status
 * is the exit status, or 128 + the signal that killed the command.  The RSS
 * is the child's ru_maxrss from wait4(), i.e. the emulator process's own peak
 * (both zemu and qemu-s390x run the guest inside one host process). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: timeit RESULT_FILE CMD [ARGS...]\n");
        return 2;
    }
    uint64_t t0 = now_ns();
    pid_t pid = fork();
    if (pid < 0) {
        perror("timeit: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], &argv[2]);
        perror("timeit: exec");
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0) {
        perror("timeit: wait4");
        return 2;
    }
    uint64_t t1 = now_ns();
    int status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror("timeit: result file");
        return 2;
    }
    fprintf(f, "wall_ns=%llu maxrss_kb=%ld status=%d\n", (unsigned long long)(t1 - t0),
            ru.ru_maxrss, status);
    fclose(f);
    return status;
}
