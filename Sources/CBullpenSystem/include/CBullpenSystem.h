#ifndef BULLPEN_SYSTEM_H
#define BULLPEN_SYSTEM_H

// The few POSIX calls Swift cannot make directly: variadic functions (prctl, syscall), macros (W*),
// mutable globals (environ) and GNU extensions declared only under _GNU_SOURCE.

#include <signal.h>
#include <spawn.h>
#include <stddef.h>
#include <sys/types.h>

/// The process environment (`environ`), a NULL-terminated array of "NAME=value" strings.
/// Swift 6 cannot reference the mutable global `environ` itself.
char *const *bullpen_environ(void);

/// `posix_spawn_file_actions_addclosefrom_np`: close every fd >= lowfd in the child (glibc >= 2.34).
int bullpen_spawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowfd);

/// `posix_spawn_file_actions_addchdir_np`: change directory in the child before exec (glibc >= 2.29).
int bullpen_spawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// `pipe2(fds, flags)`, e.g. with O_CLOEXEC so the fds never leak into spawned children.
int bullpen_pipe2(int fds[2], int flags);

/// Fills `set` with every signal, including glibc's two internal ones (32 and 33), which `sigfillset`
/// leaves out. Used as the spawn's "reset to default" set: glibc's posix_spawn otherwise sets those two
/// to SIG_IGN in the child, and an ignored signal survives exec.
void bullpen_sigset_fill_all(sigset_t *set);

/// `prctl(PR_SET_PDEATHSIG, signal)`; 0 clears it. Returns 0, or -1 with errno set.
int bullpen_set_parent_death_signal(int signal);

/// `prctl(PR_GET_PDEATHSIG)`: the parent-death signal of the calling thread, 0 when none, -1 on error.
int bullpen_parent_death_signal(void);

/// `pidfd_open(pid, 0)` through `syscall`: a pollable fd that becomes readable when `pid` exits.
/// Returns -1 with errno set (ENOSYS on kernels before 5.3).
int bullpen_pidfd_open(pid_t pid);

/// Whether the child `pid` has ended, without reaping it (`waitid` with WNOWAIT): 1 if it has,
/// 0 while it runs, -1 with errno set on error.
int bullpen_child_has_ended(pid_t pid);

/// GNU `strerror_r`: the text of `errnum`, thread-safe; may return `buffer` or a static string.
const char *bullpen_strerror(int errnum, char *buffer, size_t length);

/// The W* wait-status macros, which Swift cannot import.
int bullpen_wifexited(int status);
int bullpen_wexitstatus(int status);
int bullpen_wifsignaled(int status);
int bullpen_wtermsig(int status);
int bullpen_wcoredump(int status);
int bullpen_wifstopped(int status);
int bullpen_wstopsig(int status);

/// `SIGRTMIN` / `SIGRTMAX`, which are function-like macros in glibc.
int bullpen_sigrtmin(void);
int bullpen_sigrtmax(void);

#endif
