/*
 * Reading QCEW rows one thread ahead of the store (see qcew.h).
 *
 * Parsing a national file (CSV fields, validation, numbers) costs about as
 * much as SQLite's inserts, so a second thread parses while the caller's
 * thread writes. Rows travel in blocks through a ring of NSLOTS slots: the
 * reader fills a free slot, the writer reads a full one in place and hands
 * it back when it asks for the row after its last. Memory is the ring,
 * whatever the file's size.
 *
 * The reader stops at the first failure and passes it on after the rows
 * before it, so the writer sees exactly what a one-thread load would: the
 * same rows, then the same error. Only the reader touches the source; the
 * caller may read the source's state (counts, tallies) after
 * pm_qcew_pipe_free().
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "fetch/qcew.h"
#include "core/banned.h"

#define NSLOTS	   4
#define BLOCK_ROWS 2048

struct block {
	struct pm_qcew_row *rows; /* BLOCK_ROWS */
	size_t n;
};

struct pm_qcew_pipe {
	pm_qcew_next_fn next; /* the source, called on the reader thread */
	void *ctx;
	pthread_t tid;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct block slot[NSLOTS];
	size_t filled;	   /* blocks the reader published (slot filled % NSLOTS next) */
	size_t taken;	   /* blocks the writer handed back */
	bool done;	   /* the reader published its last block */
	bool stop;	   /* the writer wants no more */
	enum pm_status rc; /* the reader's failure, after its last block */
	struct pm_err err;
	/* The writer's side. */
	struct block *cur; /* the block being read, NULL before the first */
	size_t pos;
};

static void *reader_main(void *arg)
{
	struct pm_qcew_pipe *p = arg;
	enum pm_status rc = PM_OK;
	struct pm_err err = PM_ERR_INIT;
	bool end = false;

	while (!end) {
		struct block *b;

		pthread_mutex_lock(&p->mu);
		while (!p->stop && p->filled - p->taken >= NSLOTS)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		b = &p->slot[p->filled % NSLOTS];
		pthread_mutex_unlock(&p->mu);
		b->n = 0;
		while (b->n < BLOCK_ROWS) {
			const struct pm_qcew_row *row;

			if ((rc = p->next(p->ctx, &row, &err)) || !row) {
				end = true;
				break;
			}
			if (row != &b->rows[b->n])
				memcpy(&b->rows[b->n], row, sizeof *row);
			b->n++;
		}
		pthread_mutex_lock(&p->mu);
		p->filled++;
		if (end) {
			p->done = true;
			p->rc = rc;
			p->err = err;
		}
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

enum pm_status pm_qcew_pipe_start(struct pm_qcew_pipe **out, pm_qcew_next_fn next, void *ctx,
				  struct pm_err *err)
{
	struct pm_qcew_pipe *p = pm_xcalloc(1, sizeof *p);
	size_t i;

	*out = NULL;
	p->next = next;
	p->ctx = ctx;
	for (i = 0; i < NSLOTS; i++)
		p->slot[i].rows = pm_xmalloc(BLOCK_ROWS * sizeof *p->slot[i].rows);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->tid, NULL, reader_main, p)) {
		pm_qcew_pipe_free(p);
		return pm_err_set(err, PM_EIO, "cannot start a reader thread");
	}
	p->started = true;
	*out = p;
	return PM_OK;
}

enum pm_status pm_qcew_pipe_next(void *pipe, const struct pm_qcew_row **row, struct pm_err *err)
{
	struct pm_qcew_pipe *p = pipe;

	*row = NULL;
	if (p->cur && p->pos < p->cur->n) {
		*row = &p->cur->rows[p->pos++];
		return PM_OK;
	}
	pthread_mutex_lock(&p->mu);
	if (p->cur) {
		/* Every row of the block was read: hand it back. */
		p->taken++;
		p->cur = NULL;
		pthread_cond_broadcast(&p->cv);
	}
	for (;;) {
		while (p->filled == p->taken && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->filled == p->taken) {
			enum pm_status rc = p->rc;

			if (rc && err)
				*err = p->err;
			pthread_mutex_unlock(&p->mu);
			return rc;
		}
		p->cur = &p->slot[p->taken % NSLOTS];
		if (p->cur->n)
			break;
		p->taken++; /* an empty last block */
		p->cur = NULL;
	}
	pthread_mutex_unlock(&p->mu);
	p->pos = 0;
	*row = &p->cur->rows[p->pos++];
	return PM_OK;
}

void pm_qcew_pipe_free(struct pm_qcew_pipe *p)
{
	size_t i;

	if (!p)
		return;
	if (p->started) {
		pthread_mutex_lock(&p->mu);
		p->stop = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->tid, NULL);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	for (i = 0; i < NSLOTS; i++)
		free(p->slot[i].rows);
	free(p);
}
