/*
 * Merged ranges and header rows of an xlsx sheet, and A1 cell references
 * (see xlsx.h; xlsx_int.h for the other parts of the reader).
 *
 * <mergeCells> follows <sheetData> in a worksheet part, so the streaming pass
 * of xlsx_sheet.c only meets the merged ranges after the last row. A header
 * is read before the rows below it, so pm_xlsx_merges() then reads them in
 * a second pass over the part that skips every row; the main pass still
 * checks them when it gets there, so a bad range fails the same either way.
 */
#include "core/xlsx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "core/banned.h"

#define MAX_MERGES ((size_t)1 << 20)

/* ---- merged ranges ---- */

/* Check a <mergeCell>'s range; keep it unless the merges are already known. */
void xlsx_merge_add(struct xp *x, struct pm_xlsx_sheet *s, const char **atts, bool keep)
{
	const char *ref = xlsx_attr(atts, "ref");
	const char *colon;
	struct pm_xlsx_range r;
	char a[16], b[16], show[48];
	size_t n;

	if (!ref)
		return;
	colon = strchr(ref, ':');
	n = colon ? (size_t)(colon - ref) : strlen(ref);
	if (n >= sizeof a || (colon && strlen(colon + 1) >= sizeof b))
		goto bad;
	memcpy(a, ref, n);
	a[n] = '\0';
	snprintf(b, sizeof b, "%s", colon ? colon + 1 : a);
	if (!pm_xlsx_ref_parse(a, &r.row1, &r.col1) || !pm_xlsx_ref_parse(b, &r.row2, &r.col2) ||
	    r.row2 < r.row1 || r.col2 < r.col1)
		goto bad;
	if (!keep)
		return;
	if (s->nmerges >= MAX_MERGES) {
		xlsx_xp_fail(x, "sheet '%s': more than %zu merged ranges", s->title, MAX_MERGES);
		return;
	}
	PM_ALLOC_GROW(s->merges, s->nmerges + 1, s->amerges);
	s->merges[s->nmerges++] = r;
	return;
bad:
	xlsx_xp_fail(x, "sheet '%s': bad merged range '%s'", s->title,
		     xlsx_shown(ref, show, sizeof show));
}

static int merges_start(struct xp *x, int parent, const char *name, const char **atts)
{
	struct pm_xlsx_sheet *s = x->ud;

	if (parent == X_NONE)
		return X_ROOT;
	if (parent == X_ROOT)
		return strcmp(name, "mergeCells") ? X_OTHER : X_MERGES;
	if (parent == X_MERGES && !strcmp(name, "mergeCell"))
		xlsx_merge_add(x, s, atts, true);
	return X_OTHER;
}

enum pm_status pm_xlsx_merges(struct pm_xlsx_sheet *s, const struct pm_xlsx_range **ranges,
			      size_t *n, struct pm_err *err)
{
	struct pm_reader *rd = NULL;
	enum pm_status rc;
	struct xp x;

	*ranges = NULL;
	*n = 0;
	if (!s->merges_known) {
		/* The main pass has not reached <mergeCells>: read them in a pass of their own. */
		if ((rc = pm_zip_open_member(s->wb->zip, s->member, &rd, err)))
			return rc;
		s->nmerges = 0;
		xlsx_xp_init(&x, rd->name, s);
		x.start = merges_start;
		rc = xlsx_xp_run(&x, rd, err);
		xlsx_xp_release(&x);
		pm_reader_free(rd);
		if (rc) {
			s->nmerges = 0;
			return rc;
		}
		s->merges_known = true;
	}
	*ranges = s->merges;
	*n = s->nmerges;
	return PM_OK;
}

/* ---- header rows ---- */

void pm_xlsx_header_release(struct pm_xlsx_header *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->names[i]);
	free(h->names);
	h->names = NULL;
	h->n = 0;
}

enum pm_status pm_xlsx_header_row(struct pm_xlsx_sheet *s, uint32_t row, struct pm_xlsx_header *out,
				  struct pm_err *err)
{
	const struct pm_xlsx_range *m;
	enum pm_status rc;
	size_t nm, i, n;
	bool eof = false;

	out->names = NULL;
	out->n = 0;
	if (s->row > row || (s->at_eof && s->row == row))
		return pm_err_set(err, PM_EDATA,
				  "%s: sheet '%s': cannot read header row %u, already at row %u",
				  s->wb->name, s->title, row, s->row);
	while (s->row < row) {
		if ((rc = pm_xlsx_next_row(s, &eof, err)))
			return rc;
		if (eof)
			break;
	}
	if (s->at_eof || s->row != row)
		return pm_err_set(err, PM_EDATA, "%s: sheet '%s' has no row %u (header expected)",
				  s->wb->name, s->title, row);
	if ((rc = pm_xlsx_merges(s, &m, &nm, err)))
		return rc;
	n = s->ncells;
	for (i = 0; i < nm; i++)
		if (m[i].row1 == row && *pm_xlsx_cell(s, m[i].col1, NULL) && m[i].col2 + 1 > n)
			n = (size_t)m[i].col2 + 1;
	out->names = pm_xcalloc(n ? n : 1, sizeof *out->names);
	out->n = n;
	for (i = 0; i < n; i++)
		out->names[i] = pm_xstrdup(pm_xlsx_cell(s, i, NULL));
	for (i = 0; i < nm; i++) {
		const char *anchor;
		size_t c;

		if (m[i].row1 != row)
			continue;
		anchor = pm_xlsx_cell(s, m[i].col1, NULL);
		if (!*anchor)
			continue;
		for (c = (size_t)m[i].col1 + 1; c <= m[i].col2 && c < n; c++)
			if (!out->names[c][0]) {
				free(out->names[c]);
				out->names[c] = pm_xstrdup(anchor);
			}
	}
	return PM_OK;
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\n' ||
		      (*s)[*n - 1] == '\r'))
		(*n)--;
}

int pm_xlsx_header_col(const struct pm_xlsx_header *h, const char *name)
{
	const char *want = name;
	size_t wn = strlen(name), i;

	trim(&want, &wn);
	for (i = 0; i < h->n; i++) {
		const char *have = h->names[i];
		size_t hn = strlen(have);

		trim(&have, &hn);
		if (hn == wn && !strncasecmp(have, want, wn))
			return (int)i;
	}
	return -1;
}

/* ---- cell references ---- */

bool pm_xlsx_ref_parse(const char *ref, uint32_t *row, uint32_t *col)
{
	uint32_t c = 0, r = 0;
	size_t i, digits = 0;

	for (i = 0; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
		if (i >= 3)
			return false;
		c = c * 26 + (uint32_t)(ref[i] - 'A' + 1);
	}
	if (!i || c > PM_XLSX_MAX_COL || ref[i] < '1' || ref[i] > '9')
		return false;
	for (; ref[i] >= '0' && ref[i] <= '9'; i++) {
		if (++digits > 7)
			return false;
		r = r * 10 + (uint32_t)(ref[i] - '0');
	}
	if (ref[i] || r > PM_XLSX_MAX_ROW)
		return false;
	*row = r;
	*col = c - 1;
	return true;
}

void pm_xlsx_ref_format(uint32_t row, uint32_t col, char *out, size_t n)
{
	char letters[8];
	uint64_t c = (uint64_t)col + 1;
	size_t k = 0, i;
	char rev[8];

	while (c && k < sizeof letters) {
		c--;
		letters[k++] = (char)('A' + c % 26);
		c /= 26;
	}
	for (i = 0; i < k; i++)
		rev[i] = letters[k - 1 - i];
	snprintf(out, n, "%.*s%u", (int)k, rev, row);
}
