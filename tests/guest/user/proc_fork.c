/* Processes and signals between them: fork, pipes, wait4 status words,
 * execve of the program itself (argv and environment passed on, an ignored
 * signal staying ignored, the blocked mask inherited), vfork + _exit,
 * kill of a child (WIFSIGNALED), a SIGCHLD handler, sigsuspend and
 * rt_sigtimedwait, poll/select on a pipe, SA_RESTART after a handler, and
 * SIGPIPE on a write to a closed pipe.
 *
 * Every value printed is fixed by POSIX/Linux semantics (no pids, no
 * times).  Run as "proc_fork" it is the parent; "proc_fork child N ..."
 * is the execve'd image. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got_chld, got_usr1, got_alrm;
static void on_chld(int s) { (void)s; got_chld++; }
static void on_usr1(int s) { (void)s; got_usr1++; }
static void on_alrm(int s) { (void)s; got_alrm++; }

static void status_line(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: signal %d\n", what, WTERMSIG(st));
    else
        printf("%s: other 0x%x\n", what, st);
}

static int child_image(int argc, char **argv)
{
    /* The execve'd program: report what it inherited. */
    sigset_t cur;
    struct sigaction sa;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    sigaction(SIGUSR2, NULL, &sa);
    printf("exec child: argc=%d argv1=%s argv2=%s env=%s\n", argc, argv[1], argv[2],
           getenv("ZEMU_TEST_VAR") ? getenv("ZEMU_TEST_VAR") : "(none)");
    printf("exec child: SIGUSR2 ignored=%d SIGHUP blocked=%d SIGUSR1 blocked=%d\n",
           sa.sa_handler == SIG_IGN, sigismember(&cur, SIGHUP), sigismember(&cur, SIGUSR1));
    fflush(stdout);
    return atoi(argv[2]);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return child_image(argc, argv);
    setvbuf(stdout, NULL, _IONBF, 0);

    /* 1. fork + pipe + exit status. */
    int fd[2];
    pipe(fd);
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[0]);
        const char msg[] = "hello from the child";
        write(fd[1], msg, sizeof msg);
        _exit(42);
    }
    close(fd[1]);
    char buf[64] = "";
    ssize_t n = read(fd[0], buf, sizeof buf);
    close(fd[0]);
    int st;
    pid_t w = waitpid(pid, &st, 0);
    printf("pipe read %zd [%s], waited for the child=%d\n", n, buf, w == pid);
    status_line("fork child", st);

    /* 2. memory after fork is a copy. */
    static int shared_looking = 1;
    pid = fork();
    if (pid == 0) {
        shared_looking = 99;
        _exit(shared_looking == 99 ? 0 : 1);
    }
    waitpid(pid, &st, 0);
    printf("child changed its copy: %d, parent still sees %d\n", WEXITSTATUS(st) == 0,
           shared_looking);

    /* 3. execve of ourselves: argv, envp, ignored and blocked signals. */
    signal(SIGUSR2, SIG_IGN);
    sigset_t blk;
    sigemptyset(&blk);
    sigaddset(&blk, SIGHUP);
    sigprocmask(SIG_BLOCK, &blk, NULL);
    pid = fork();
    if (pid == 0) {
        char *args[] = { argv[0], "child", "5", NULL };
        char *envs[] = { "ZEMU_TEST_VAR=from-parent", NULL };
        execve("/proc/self/exe", args, envs);
        perror("execve");
        _exit(127);
    }
    waitpid(pid, &st, 0);
    status_line("exec child", st);
    sigprocmask(SIG_UNBLOCK, &blk, NULL);
    signal(SIGUSR2, SIG_DFL);

    /* 4. execve of a missing file fails in the child only. */
    pid = fork();
    if (pid == 0) {
        char *args[] = { "nothing", NULL };
        execv("/nonexistent/zemu-test-program", args);
        _exit(errno == ENOENT ? 3 : 4);
    }
    waitpid(pid, &st, 0);
    status_line("failed exec", st);

    /* 5. vfork + _exit. */
    pid = vfork();
    if (pid == 0)
        _exit(9);
    waitpid(pid, &st, 0);
    status_line("vfork child", st);

    /* 6. a SIGCHLD handler and a killed child. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sigaction(SIGCHLD, &sa, NULL);
    int go[2];
    pipe(go);
    pid = fork();
    if (pid == 0) {
        char c;
        close(go[1]);
        read(go[0], &c, 1);      /* never returns: the parent kills us */
        _exit(1);
    }
    close(go[0]);
    kill(pid, SIGTERM);
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    close(go[1]);
    status_line("killed child", st);
    /* SIGCHLD arrives at the latest when it is unblocked; sigsuspend with
     * an empty mask waits for it if it has not come yet. */
    sigset_t none;
    sigemptyset(&none);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    if (!got_chld)
        sigsuspend(&none);
    sigprocmask(SIG_UNBLOCK, &chld, NULL);
    printf("SIGCHLD handler ran: %d\n", got_chld > 0);

    /* 7. a signal from a child to the parent, taken by rt_sigtimedwait. */
    sigset_t u1;
    sigemptyset(&u1);
    sigaddset(&u1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &u1, NULL);
    pid_t parent = getpid();
    pid = fork();
    if (pid == 0) {
        kill(parent, SIGUSR1);
        _exit(0);
    }
    siginfo_t si;
    struct timespec ten = { 10, 0 };
    int sig = sigtimedwait(&u1, &si, &ten);
    printf("sigtimedwait: signal %d from the child=%d code SI_USER=%d\n", sig, si.si_pid == pid,
           si.si_code == SI_USER);
    waitpid(pid, &st, 0);
    sigprocmask(SIG_UNBLOCK, &u1, NULL);

    /* 8. sigsuspend woken by a child's signal to a handler. */
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigprocmask(SIG_BLOCK, &u1, NULL);
    pid = fork();
    if (pid == 0) {
        kill(parent, SIGUSR1);
        _exit(0);
    }
    int r = sigsuspend(&none);
    printf("sigsuspend returned %d errno EINTR=%d usr1=%d\n", r, errno == EINTR, got_usr1);
    sigset_t after;
    sigprocmask(SIG_SETMASK, NULL, &after);
    printf("mask restored after sigsuspend: SIGUSR1 blocked=%d\n", sigismember(&after, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &u1, NULL);
    waitpid(pid, &st, 0);

    /* 9. poll and select on a pipe. */
    pipe(fd);
    struct pollfd pfd = { fd[0], POLLIN, 0 };
    printf("poll empty pipe: %d\n", poll(&pfd, 1, 0));
    write(fd[1], "x", 1);
    printf("poll after write: %d revents POLLIN=%d\n", poll(&pfd, 1, 1000),
           (pfd.revents & POLLIN) != 0);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(fd[0], &rs);
    struct timeval tv = { 1, 0 };
    printf("select: %d isset=%d\n", select(fd[0] + 1, &rs, NULL, NULL, &tv), FD_ISSET(fd[0], &rs));

    /* 10. SA_RESTART: a read interrupted by SIGALRM resumes after the
     * handler and gets the data written 0.9 s later by a child (the gap
     * leaves room for a loaded machine). */
    char c = 0;
    read(fd[0], &c, 1);
    sa.sa_handler = on_alrm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    pid = fork();
    if (pid == 0) {
        usleep(1000000);
        write(fd[1], "y", 1);
        _exit(0);
    }
    struct itimerval it = { { 0, 0 }, { 0, 100000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    n = read(fd[0], &c, 1);
    printf("restarted read: %zd [%c] alarm handler ran=%d\n", n, c, got_alrm);
    waitpid(pid, &st, 0);

    /* 11. without SA_RESTART the same read fails with EINTR. */
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);
    setitimer(ITIMER_REAL, &it, NULL);
    n = read(fd[0], &c, 1);
    printf("interrupted read: %zd EINTR=%d alarms=%d\n", n, errno == EINTR, got_alrm);

    /* 12. SIGPIPE: a child writing to a pipe nobody reads dies of it; with
     * SIGPIPE ignored the write fails with EPIPE instead. */
    close(fd[0]);
    pid = fork();
    if (pid == 0) {
        write(fd[1], "z", 1);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    status_line("writer to a closed pipe", st);
    signal(SIGPIPE, SIG_IGN);
    printf("write with SIGPIPE ignored: %zd EPIPE=%d\n", write(fd[1], "z", 1), errno == EPIPE);
    close(fd[1]);

    /* 13. a child killed by a program interruption (SIGSEGV). */
    pid = fork();
    if (pid == 0) {
        static int *volatile nowhere = (int *)16;
        signal(SIGSEGV, SIG_DFL);
        *nowhere = 1;
        _exit(0);
    }
    waitpid(pid, &st, 0);
    status_line("faulting child", st);
    return 0;
}
