#define _GNU_SOURCE
#include "CBullpenSystem.h"

#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

char *const *bullpen_environ(void) { return environ; }

int bullpen_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowfd) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowfd);
}

int bullpen_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int bullpen_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }

void bullpen_sigset_fill_all(sigset_t *set) { memset(set, 0xff, sizeof *set); }

int bullpen_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}

int bullpen_parent_death_signal(void) {
    int signal = 0;
    if (prctl(PR_GET_PDEATHSIG, (unsigned long)&signal, 0UL, 0UL, 0UL) != 0) return -1;
    return signal;
}

int bullpen_pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int bullpen_child_has_ended(pid_t pid) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return -1;
    return info.si_pid == pid ? 1 : 0;
}

const char *bullpen_strerror(int errnum, char *buffer, size_t length) {
    return strerror_r(errnum, buffer, length);
}

int bullpen_wifexited(int status) { return WIFEXITED(status); }
int bullpen_wexitstatus(int status) { return WEXITSTATUS(status); }
int bullpen_wifsignaled(int status) { return WIFSIGNALED(status); }
int bullpen_wtermsig(int status) { return WTERMSIG(status); }
int bullpen_wcoredump(int status) { return WCOREDUMP(status); }
int bullpen_wifstopped(int status) { return WIFSTOPPED(status); }
int bullpen_wstopsig(int status) { return WSTOPSIG(status); }

int bullpen_sigrtmin(void) { return SIGRTMIN; }
int bullpen_sigrtmax(void) { return SIGRTMAX; }
