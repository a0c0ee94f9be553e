/* Advisory file locks (see lock.h). */
#include "core/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/banned.h"

enum pm_status pm_lock_acquire(const char *path, int *fd, struct pm_err *err)
{
	struct flock fl;
	char pid[32];
	int f;

	*fd = -1;
	f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (f < 0)
		return pm_err_set(err, PM_EIO, "cannot open lock file '%s': %s", path,
				  strerror(errno));
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(f, F_SETLK, &fl) < 0) {
		enum pm_status rc;

		if (errno == EACCES || errno == EAGAIN) {
			long holder = -1;

			if (fcntl(f, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
				holder = (long)fl.l_pid;
			rc = pm_err_set(err, PM_ELOCKED,
					"another pathmap run holds the lock '%s' (process %ld); "
					"try again when it has finished",
					path, holder);
		} else {
			rc = pm_err_set(err, PM_EIO, "cannot lock '%s': %s", path, strerror(errno));
		}
		close(f);
		return rc;
	}
	snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(f, 0) == 0 && write(f, pid, strlen(pid)) < 0)
		(void)0; /* the pid is informative only */
	*fd = f;
	return PM_OK;
}

void pm_lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
