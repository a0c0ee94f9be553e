#ifndef PM_CORE_PROGRESS_H
#define PM_CORE_PROGRESS_H
/*
 * Progress reporting. Library code calls pm_progress_update() with bytes
 * done and total; what (if anything) is drawn is the program's choice. The
 * TTY renderer here draws one self-erasing line on stderr, only when stderr
 * is a terminal, throttled to ten updates a second.
 */
#include <stdbool.h>
#include <stdint.h>

struct pm_progress {
	void (*update)(struct pm_progress *p, uint64_t done, uint64_t total);
	void (*finish)(struct pm_progress *p);
	/* state of the TTY renderer */
	char label[64];
	double started;
	double last_draw;
	bool drawn;
};

/* Safe with P == NULL. */
void pm_progress_update(struct pm_progress *p, uint64_t done, uint64_t total);
void pm_progress_finish(struct pm_progress *p);
void pm_progress_set_label(struct pm_progress *p, const char *label);

/*
 * Set up P as a TTY bar when ENABLED and stderr is a terminal; otherwise P
 * ignores updates. Borrows nothing.
 */
void pm_progress_tty_init(struct pm_progress *p, bool enabled);

/* Seconds on a monotonic clock. */
double pm_now_monotonic(void);

#endif
