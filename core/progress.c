/* Progress reporting and the stderr TTY bar (see progress.h). */
#include "core/progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/banned.h"

double pm_now_monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pm_progress_update(struct pm_progress *p, uint64_t done, uint64_t total)
{
	if (p && p->update)
		p->update(p, done, total);
}

void pm_progress_finish(struct pm_progress *p)
{
	if (p && p->finish)
		p->finish(p);
}

void pm_progress_set_label(struct pm_progress *p, const char *label)
{
	if (!p)
		return;
	snprintf(p->label, sizeof p->label, "%s", label);
	p->started = pm_now_monotonic();
	p->last_draw = 0;
}

static void human(char *out, size_t n, double bytes)
{
	static const char *const unit[] = { "B", "kB", "MB", "GB", "TB" };
	int u = 0;

	while (bytes >= 1000 && u < 4) {
		bytes /= 1000;
		u++;
	}
	snprintf(out, n, u ? "%.1f %s" : "%.0f %s", bytes, unit[u]);
}

static void tty_update(struct pm_progress *p, uint64_t done, uint64_t total)
{
	double now = pm_now_monotonic(), dt = now - p->started, rate;
	char d[32], r[32], eta[32] = "";

	if (now - p->last_draw < 0.1 && done != total)
		return;
	p->last_draw = now;
	rate = dt > 0 ? (double)done / dt : 0;
	human(d, sizeof d, (double)done);
	human(r, sizeof r, rate);
	if (total && rate > 0 && done <= total) {
		long s = (long)((double)(total - done) / rate);

		snprintf(eta, sizeof eta, " ETA %ld:%02ld", s / 60, s % 60);
	}
	if (total)
		fprintf(stderr, "\r\033[K%s %3d%% %s %s/s%s", p->label,
			(int)(100.0 * (double)done / (double)total), d, r, eta);
	else
		fprintf(stderr, "\r\033[K%s %s %s/s", p->label, d, r);
	p->drawn = true;
}

static void tty_finish(struct pm_progress *p)
{
	if (p->drawn)
		fprintf(stderr, "\r\033[K");
	p->drawn = false;
}

void pm_progress_tty_init(struct pm_progress *p, bool enabled)
{
	memset(p, 0, sizeof *p);
	if (enabled && isatty(STDERR_FILENO)) {
		p->update = tty_update;
		p->finish = tty_finish;
	}
	p->started = pm_now_monotonic();
}
