/*
 * Every county x industry LQ from a QCEW annual singlefile (see allareas.h):
 * cutting the input into parts, putting the parts' rows together, and the
 * LQ join. allareas_scan.c reads the lines.
 *
 * A plain file is cut at line boundaries into one part per CPU (at most
 * eight, none smaller than MIN_PART_BYTES); each part is read by its own
 * thread into its own arrays, which are concatenated in file order, so the
 * result never depends on the number of parts. A zip member is a stream,
 * read in one part. Keys are integers: codes of up to 8 bytes packed so
 * that integer order is byte order, which makes the final sort a sort of
 * integers (and usually a no-op: BLS sorts by area, then industry).
 *
 * Line numbers in messages are physical lines of the file (or zip member).
 * A part other than the first counts its lines from its start; the lines
 * before it are counted only when an error has to be reported.
 */
#include "sectors/allareas.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/lq.h"
#include "core/buf.h"
#include "core/linetok.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "sectors/allareas_int.h"
#include "sectors/naics.h"
#include "core/banned.h"

#define MIN_PART_BYTES ((uint64_t)4 << 20) /* smaller files are read in one part */

uint64_t pm_allareas_pack(const char *s, size_t n)
{
	uint64_t k = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		k = k << 8 | (i < n ? (unsigned char)s[i] : 0);
	return k;
}

const char *pm_allareas_code(uint64_t k, char *out)
{
	int i;

	for (i = 0; i < 8; i++)
		out[i] = (char)(k >> (56 - 8 * i));
	out[8] = '\0';
	return out;
}

/* ---- putting the parts together ---- */

static int cmp_row(const void *a, const void *b)
{
	const struct pm_allareas_row *x = a, *y = b;

	if (x->area != y->area)
		return x->area < y->area ? -1 : 1;
	return x->industry < y->industry ? -1 : x->industry > y->industry;
}

static int cmp_total(const void *a, const void *b)
{
	const struct aa_total *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static void sort_rows(struct pm_allareas_row *v, size_t n)
{
	size_t i;

	for (i = 1; i < n && cmp_row(&v[i - 1], &v[i]) < 0; i++)
		;
	if (i < n)
		qsort(v, n, sizeof *v, cmp_row);
}

static void sort_totals(struct aa_total *v, size_t n)
{
	size_t i;

	for (i = 1; i < n && v[i - 1].key < v[i].key; i++)
		;
	if (i < n)
		qsort(v, n, sizeof *v, cmp_total);
}

static const struct aa_total *find_total(const struct aa_total *v, size_t n, uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].key == key ? &v[lo] : NULL;
}

static void add_note(struct pm_allareas *r, const char *fmt, ...) PM_PRINTF(2, 3);
static void add_note(struct pm_allareas *r, const char *fmt, ...)
{
	va_list ap;

	r->notes = pm_xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
	va_start(ap, fmt);
	r->notes[r->nnotes++] = pm_xstrvfmt(fmt, ap);
	va_end(ap);
}

/* Move part Q's arrays onto the end of part P's. */
static void append_part(struct aa_part *p, struct aa_part *q)
{
	/* memcpy() must not see the NULL of an empty array, even for 0 bytes. */
	if (q->ncells) {
		PM_ALLOC_GROW(p->cells, p->ncells + q->ncells, p->acells);
		memcpy(p->cells + p->ncells, q->cells, q->ncells * sizeof *q->cells);
		p->ncells += q->ncells;
	}
	if (q->ntotals) {
		PM_ALLOC_GROW(p->totals, p->ntotals + q->ntotals, p->atotals);
		memcpy(p->totals + p->ntotals, q->totals, q->ntotals * sizeof *q->totals);
		p->ntotals += q->ntotals;
	}
	if (q->nus) {
		PM_ALLOC_GROW(p->us, p->nus + q->nus, p->aus);
		memcpy(p->us + p->nus, q->us, q->nus * sizeof *q->us);
		p->nus += q->nus;
	}
	if (q->nus_total)
		p->us_total = q->us_total;
	p->nus_total += q->nus_total;
	p->lines += q->lines;
	free(q->cells);
	free(q->totals);
	free(q->us);
	q->cells = NULL;
	q->totals = q->us = NULL;
}

static enum pm_status duplicate(const char *path, const char *what, uint64_t a, uint64_t b,
				struct pm_err *err)
{
	char x[9], y[9];

	return pm_err_set(err, PM_EDATA, "%s: %s %s%s%s appears twice (not one singlefile?)", path,
			  what, pm_allareas_code(a, x), b ? " industry " : "",
			  b ? pm_allareas_code(b, y) : "");
}

/* Sort, check and join P's rows into OUT (taking them over). */
static enum pm_status finish(const char *path, struct aa_part *p, struct pm_allareas *out,
			     struct pm_err *err)
{
	size_t i, j = 0, no_total = 0, unknown_total = 0, no_us = 0;
	bool us_known = p->nus_total == 1 && p->us_total > 0;

	if (p->nus_total > 1)
		return pm_err_set(err, PM_EDATA, "%s: more than one US000 total row", path);
	sort_rows(p->cells, p->ncells);
	sort_totals(p->totals, p->ntotals);
	sort_totals(p->us, p->nus);
	for (i = 1; i < p->ncells; i++)
		if (!cmp_row(&p->cells[i - 1], &p->cells[i]))
			return duplicate(path, "area", p->cells[i].area, p->cells[i].industry, err);
	for (i = 1; i < p->ntotals; i++)
		if (p->totals[i - 1].key == p->totals[i].key)
			return duplicate(path, "the total of area", p->totals[i].key, 0, err);
	for (i = 1; i < p->nus; i++)
		if (p->us[i - 1].key == p->us[i].key)
			return duplicate(path, "US000", 0, p->us[i].key, err);

	for (i = 0; i < p->ncells; i++) {
		struct pm_allareas_row *r = &p->cells[i];
		const struct aa_total *us;

		/* Both sorted by area: a merge join. */
		while (j < p->ntotals && p->totals[j].key < r->area)
			j++;
		if (j == p->ntotals || p->totals[j].key != r->area) {
			no_total++;
			continue;
		}
		if (p->totals[j].emp < 0) {
			unknown_total++;
			continue;
		}
		us = find_total(p->us, p->nus, r->industry);
		if (!us) {
			no_us++;
			continue;
		}
		if (r->emp >= 0 && us->emp >= 0 && us_known)
			r->lq = pm_lq((double)r->emp, (double)p->totals[j].emp, (double)us->emp,
				      (double)p->us_total);
	}
	if (p->ncells && !p->nus_total && !p->nus)
		return pm_err_set(
			err, PM_EDATA,
			"%s: no US000 rows (agglvl 10-18): LQs are against the nation, so "
			"--all-areas needs the national singlefile, not a state's excerpt",
			path);
	if (p->ncells && !p->nus_total)
		add_note(out, "LQs are empty: '%s' has no US000 all-industry total (agglvl 10)",
			 path);
	else if (p->ncells && !us_known)
		add_note(out, "LQs are empty: the US000 all-industry total is suppressed or 0");
	if (no_total)
		add_note(out, "%zu rows have no LQ: their area has no county total row (agglvl 70)",
			 no_total);
	if (unknown_total)
		add_note(out, "%zu rows have no LQ: their area's total is suppressed",
			 unknown_total);
	if (no_us && p->nus_total)
		add_note(out, "%zu rows have no LQ: no US000 row for their industry", no_us);
	out->rows = p->cells;
	out->n = p->ncells;
	out->year = p->year;
	out->lines = p->lines;
	p->cells = NULL;
	return PM_OK;
}

/* ---- reading a file or a stream ---- */

/* Report part P's error, naming NAME and the line (BASE lines precede the part). */
static enum pm_status part_error(const struct aa_part *p, const char *name, uint64_t base,
				 struct pm_err *err)
{
	if (!p->err_located) {
		if (err)
			*err = p->err;
		return p->rc;
	}
	return pm_err_set(err, p->rc, "%s:%llu: %s", name, (unsigned long long)(base + p->err_line),
			  p->err.msg);
}

/* One stream (a zip member): the header, then every line, in one thread. */
static enum pm_status read_stream(struct pm_reader *rd, const struct pm_allareas_opts *opts,
				  atomic_int *failed, struct aa_part *acc, struct pm_err *err)
{
	struct aa_part p = { 0 };
	struct aa_layout lay;
	struct pm_lines l;
	enum pm_status rc;
	char *first, *end;
	uint64_t hdr;

	pm_lines_init(&l, rd, opts->block);
	if ((rc = aa_start(&l, rd->name, &lay, &first, &end, &hdr, err)))
		goto out;
	p.lay = &lay;
	p.opts = opts;
	p.failed = failed;
	p.year = acc->year;
	aa_run_part(&p, &l, first, end);
	if ((rc = p.rc)) {
		rc = part_error(&p, rd->name, 1, err);
		goto out;
	}
	if (acc->year && p.year && acc->year != p.year) {
		rc = pm_err_set(err, PM_EDATA, "%s: rows of %d, after rows of %d in the archive",
				rd->name, p.year, acc->year);
		goto out;
	}
	if (p.year)
		acc->year = p.year;
	append_part(acc, &p);
out:
	aa_part_release(&p);
	pm_lines_release(&l);
	return rc;
}

static enum pm_status read_zip(const char *path, const struct pm_allareas_opts *opts,
			       atomic_int *failed, struct aa_part *acc, struct pm_err *err)
{
	struct pm_zip *z = NULL;
	enum pm_status rc;
	size_t i, ncsv = 0;

	if ((rc = pm_zip_open(&z, path, err)))
		return rc;
	for (i = 0; i < pm_zip_count(z); i++) {
		const char *name = pm_zip_name(z, i);
		size_t n = strlen(name);
		struct pm_reader *rd;

		if (pm_zip_is_dir(z, i) || n < 4 || strcasecmp(name + n - 4, ".csv"))
			continue;
		ncsv++;
		if ((rc = pm_zip_open_member(z, i, &rd, err)) ||
		    (rc = read_stream(rd, opts, failed, acc, err)))
			goto out;
	}
	if (!ncsv)
		rc = pm_err_set(err, PM_EDATA, "zip archive '%s' holds no CSV file", path);
out:
	pm_zip_free(z);
	return rc;
}

static int parts_wanted(const struct pm_allareas_opts *opts, uint64_t bytes)
{
	long cpus = opts->threads > 0 ? opts->threads : sysconf(_SC_NPROCESSORS_ONLN);
	uint64_t by_size = bytes / MIN_PART_BYTES;

	if (cpus < 1)
		cpus = 1;
	if (cpus > AA_MAX_PARTS)
		cpus = AA_MAX_PARTS;
	if (opts->threads > 0)
		return (int)cpus; /* as asked, even for a small file (tests) */
	return by_size < (uint64_t)cpus ? (by_size ? (int)by_size : 1) : (int)cpus;
}

static enum pm_status read_file(const char *path, uint64_t size,
				const struct pm_allareas_opts *opts, atomic_int *failed,
				struct aa_part *acc, struct pm_err *err)
{
	struct aa_part parts[AA_MAX_PARTS];
	pthread_t tid[AA_MAX_PARTS];
	bool started[AA_MAX_PARTS] = { false };
	struct aa_layout lay;
	struct pm_reader *rd;
	struct pm_lines l;
	enum pm_status rc;
	char *first, *end;
	uint64_t hdr, cut[AA_MAX_PARTS + 1];
	int n = 0, i;

	memset(parts, 0, sizeof parts);
	if ((rc = pm_lines_open_range(&rd, path, 0, size, err)))
		return rc;
	pm_lines_init(&l, rd, opts->block);
	if ((rc = aa_start(&l, path, &lay, &first, &end, &hdr, err)))
		goto out;
	n = parts_wanted(opts, size - hdr);
	cut[0] = hdr;
	cut[n] = size;
	for (i = 1; i < n; i++) {
		uint64_t at = hdr + (size - hdr) / (uint64_t)n * (uint64_t)i;

		if (at < cut[i - 1])
			at = cut[i - 1];
		if ((rc = pm_lines_align(path, at, size, &cut[i], err)))
			goto out;
	}
	for (i = 0; i < n; i++) {
		parts[i].path = path;
		parts[i].off = cut[i];
		parts[i].len = cut[i + 1] - cut[i];
		parts[i].lay = &lay;
		parts[i].opts = opts;
		parts[i].index = i;
		parts[i].failed = failed;
	}
	if (n == 1) {
		/* One part: go on from the block the header came in. */
		aa_run_part(&parts[0], &l, first, end);
	} else {
		for (i = 1; i < n; i++)
			started[i] = !pthread_create(&tid[i], NULL, aa_part_thread, &parts[i]);
		aa_part_thread(&parts[0]);
		for (i = 1; i < n; i++) {
			if (started[i])
				pthread_join(tid[i], NULL);
			else /* no thread to spare: read the part here */
				aa_part_thread(&parts[i]);
		}
	}
	for (i = 0; i < n; i++) {
		uint64_t base = 1;

		if (!parts[i].rc)
			continue;
		/* The first error in file order (the parts after it stopped early). */
		if (i && parts[i].err_located && (rc = pm_lines_count(path, cut[i], &base, err)))
			goto out;
		rc = part_error(&parts[i], path, base, err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (parts[i].year && acc->year && parts[i].year != acc->year) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: rows of %d and of %d (not one singlefile?)", path,
					acc->year, parts[i].year);
			goto out;
		}
		if (parts[i].year)
			acc->year = parts[i].year;
		append_part(acc, &parts[i]);
	}
out:
	for (i = 0; i < n; i++)
		aa_part_release(&parts[i]);
	pm_lines_release(&l);
	return rc;
}

enum pm_status pm_allareas_run(const char *path, const struct pm_allareas_opts *opts,
			       struct pm_allareas *out, struct pm_err *err)
{
	struct aa_part acc = { 0 };
	atomic_int failed;
	struct stat sb;
	enum pm_status rc;

	memset(out, 0, sizeof *out);
	atomic_init(&failed, AA_MAX_PARTS);
	acc.us_total = -1;
	if (opts->level < PM_NAICS_SECTOR || opts->level > PM_NAICS_MAX_LEVEL)
		return pm_err_set(err, PM_EUSAGE, "industry level %d is not 2 (sector) to 6",
				  opts->level);
	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
		return pm_err_set(err, PM_EIO, "cannot read '%s': %s", path,
				  stat(path, &sb) < 0 ? strerror(errno) : "not a regular file");
	if (pm_is_zip_file(path))
		rc = read_zip(path, opts, &failed, &acc, err);
	else
		rc = read_file(path, (uint64_t)sb.st_size, opts, &failed, &acc, err);
	if (!rc)
		rc = finish(path, &acc, out, err);
	aa_part_release(&acc);
	if (rc)
		pm_allareas_release(out);
	return rc;
}

void pm_allareas_release(struct pm_allareas *r)
{
	size_t i;

	if (!r)
		return;
	free(r->rows);
	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i]);
	free(r->notes);
	memset(r, 0, sizeof *r);
}
