#ifndef PM_CORE_LOCK_H
#define PM_CORE_LOCK_H
/*
 * An advisory lock on a file (POSIX fcntl record lock), so two scheduled
 * runs never work on one store at once. The kernel drops the lock when the
 * holder exits for any reason, SIGKILL included, so no stale lock survives.
 */
#include "core/err.h"

/*
 * Take the lock on PATH (created when missing) without waiting. Fails with
 * PM_ELOCKED naming the holder's process id when another process holds it.
 * *FD is the open lock file; release with pm_lock_release().
 */
enum pm_status pm_lock_acquire(const char *path, int *fd, struct pm_err *err);
void pm_lock_release(int fd);

#endif
