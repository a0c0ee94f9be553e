/*
 * xlsx workbooks (see xlsx.h): the package's parts, relationships, the sheet
 * list and the shared strings. Sheets are streamed by xlsx_sheet.c, merged
 * ranges and header rows are in xlsx_header.c, the expat driver is in
 * xlsx_xml.c; xlsx_int.h has what they share.
 *
 * An xlsx file is a zip of XML parts tied together by relationship parts:
 * _rels/.rels names the workbook part (normally xl/workbook.xml), whose
 * <sheets> list names and relationship ids; xl/_rels/workbook.xml.rels maps
 * each id to a part path relative to the workbook's folder ("worksheets/
 * sheet3.xml", sometimes absolute "/xl/worksheets/sheet3.xml"). Sheet names
 * and part names are unrelated: in occupation.xlsx "Table 1.2" is sheet3.xml
 * and in national_M2025_dl.xlsx the first sheet's id is rId1 while the
 * workbook lists sheetId 17.
 *
 * Shared strings (<sst><si><t>text</t></si>... or rich text <si><r><t>..
 * </t></r>) are loaded when the first sheet is opened, into one buffer of
 * NUL-terminated texts with an offset table; <rPh> phonetic runs are left
 * out. Both file- and memory-backed workbooks read their parts through
 * core/zip, which applies the member-size and zip-bomb guards.
 */
#include "core/xlsx_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "core/banned.h"

#define MAX_PART   ((uint64_t)64 << 20) /* workbook and relationship parts */
#define MAX_SHEETS 65536
#define MAX_RELS   65536

static const unsigned char ole2_sig[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

struct rel {
	char *id, *type, *target;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* ---- archive parts ---- */

bool xlsx_find_member(const struct pm_xlsx *wb, const char *part, size_t *idx)
{
	size_t i, n = pm_zip_count(wb->zip);

	for (i = 0; i < n; i++)
		if (!strcmp(pm_zip_name(wb->zip, i), part)) {
			*idx = i;
			return true;
		}
	for (i = 0; i < n; i++)
		if (!strcasecmp(pm_zip_name(wb->zip, i), part)) {
			*idx = i;
			return true;
		}
	return false;
}

/* Parse part PART (which must exist, at most MAX bytes when MAX > 0) with X's handlers. */
static enum pm_status parse_part(struct pm_xlsx *wb, const char *part, struct xp *x, uint64_t max,
				 struct pm_err *err)
{
	struct pm_reader *rd = NULL;
	enum pm_status rc;
	size_t i;

	if (!xlsx_find_member(wb, part, &i))
		return pm_err_set(err, PM_EDATA,
				  "'%s' is not a complete xlsx workbook: no part '%s'", wb->name,
				  part);
	if (max && pm_zip_size(wb->zip, i) > max)
		return pm_err_set(err, PM_EDATA, "'%s:%s' is larger than %llu MiB", wb->name,
				  pm_zip_name(wb->zip, i), (unsigned long long)(max >> 20));
	if ((rc = pm_zip_open_member(wb->zip, i, &rd, err)))
		return rc;
	x->src = rd->name;
	rc = xlsx_xp_run(x, rd, err);
	pm_reader_free(rd);
	return rc;
}

/* ---- relationships ---- */

struct rels {
	struct rel *v;
	size_t n, alloc;
};

static void rels_release(struct rels *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
	r->v = NULL;
	r->n = r->alloc = 0;
}

static int rels_start(struct xp *x, int parent, const char *name, const char **atts)
{
	struct rels *r = x->ud;
	const char *id, *type, *target, *mode;

	if (parent == X_NONE)
		return X_ROOT;
	if (parent != X_ROOT || strcmp(name, "Relationship"))
		return X_OTHER;
	id = xlsx_attr(atts, "Id");
	type = xlsx_attr(atts, "Type");
	target = xlsx_attr(atts, "Target");
	mode = xlsx_attr(atts, "TargetMode");
	if (!id || !type || !target || (mode && !strcmp(mode, "External")))
		return X_OTHER;
	if (r->n >= MAX_RELS) {
		xlsx_xp_fail(x, "more than %d relationships", MAX_RELS);
		return X_OTHER;
	}
	PM_ALLOC_GROW(r->v, r->n + 1, r->alloc);
	r->v[r->n].id = pm_xstrdup(id);
	r->v[r->n].type = pm_xstrdup(type);
	r->v[r->n].target = pm_xstrdup(target);
	r->n++;
	return X_OTHER;
}

static enum pm_status load_rels(struct pm_xlsx *wb, const char *part, struct rels *r,
				struct pm_err *err)
{
	struct xp x;
	enum pm_status rc;

	xlsx_xp_init(&x, part, r);
	x.start = rels_start;
	rc = parse_part(wb, part, &x, MAX_PART, err);
	xlsx_xp_release(&x);
	return rc;
}

/*
 * Resolve relationship TARGET against folder DIR ("xl/" or ""): a leading
 * '/' means from the package root; "." and ".." segments are applied.
 * Returns a new string, or NULL when ".." climbs out of the package.
 */
static char *resolve(const char *dir, const char *target)
{
	struct pm_buf in = PM_BUF_INIT, out = PM_BUF_INIT;
	const char *p, *seg;
	char *res = NULL;

	if (target[0] == '/')
		target++;
	else
		pm_buf_adds(&in, dir);
	pm_buf_adds(&in, target);
	for (p = in.buf; *p; p = *seg ? seg + 1 : seg) {
		size_t n;

		seg = strchr(p, '/');
		if (!seg)
			seg = p + strlen(p);
		n = (size_t)(seg - p);
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;

			if (!out.len)
				goto cleanup;
			slash = strrchr(out.buf, '/');
			pm_buf_truncate(&out, slash ? (size_t)(slash - out.buf) : 0);
			continue;
		}
		if (out.len)
			pm_buf_addch(&out, '/');
		pm_buf_add(&out, p, n);
	}
	if (out.len)
		res = pm_buf_detach(&out, NULL);
cleanup:
	pm_buf_release(&in);
	pm_buf_release(&out);
	return res;
}

static const struct rel *rel_by_type(const struct rels *r, const char *suffix)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (ends_with(r->v[i].type, suffix))
			return &r->v[i];
	return NULL;
}

/* ---- workbook ---- */

static int wb_start(struct xp *x, int parent, const char *name, const char **atts)
{
	struct pm_xlsx *wb = x->ud;
	const char *sname, *rid;

	if (parent == X_NONE)
		return X_ROOT;
	if (parent == X_ROOT)
		return strcmp(name, "sheets") ? X_OTHER : X_SHEETS;
	if (parent != X_SHEETS || strcmp(name, "sheet"))
		return X_OTHER;
	sname = xlsx_attr(atts, "name");
	rid = xlsx_attr(atts, "id");
	if (!sname || !rid) {
		xlsx_xp_fail(x, "a <sheet> has no name or r:id");
		return X_OTHER;
	}
	if (wb->nsheets >= MAX_SHEETS) {
		xlsx_xp_fail(x, "more than %d sheets", MAX_SHEETS);
		return X_OTHER;
	}
	PM_ALLOC_GROW(wb->sheets, wb->nsheets + 1, wb->asheets);
	wb->sheets[wb->nsheets].name = pm_xstrdup(sname);
	wb->sheets[wb->nsheets].rid = pm_xstrdup(rid);
	wb->sheets[wb->nsheets].part = NULL;
	wb->nsheets++;
	return X_OTHER;
}

/* Read the package and workbook relationships and the sheet list. */
static enum pm_status wb_load(struct pm_xlsx *wb, struct pm_err *err)
{
	struct rels root = { NULL, 0, 0 }, wbrels = { NULL, 0, 0 };
	struct pm_buf relpart = PM_BUF_INIT, dir = PM_BUF_INIT;
	char *wbpart = NULL;
	const struct rel *rel;
	const char *slash;
	enum pm_status rc;
	struct xp x;
	size_t i, m;

	if (xlsx_find_member(wb, "_rels/.rels", &m)) {
		if ((rc = load_rels(wb, "_rels/.rels", &root, err)))
			goto cleanup;
		rel = rel_by_type(&root, "/officeDocument");
		if (rel)
			wbpart = resolve("", rel->target);
	}
	if (!wbpart)
		wbpart = pm_xstrdup("xl/workbook.xml");
	if (!xlsx_find_member(wb, wbpart, &m)) {
		rc = pm_err_set(err, PM_EDATA, "'%s' is not an xlsx workbook: it has no '%s'",
				wb->name, wbpart);
		goto cleanup;
	}
	xlsx_xp_init(&x, wbpart, wb);
	x.start = wb_start;
	rc = parse_part(wb, wbpart, &x, MAX_PART, err);
	xlsx_xp_release(&x);
	if (rc)
		goto cleanup;

	slash = strrchr(wbpart, '/');
	pm_buf_add(&dir, wbpart, slash ? (size_t)(slash - wbpart + 1) : 0);
	pm_buf_addf(&relpart, "%s_rels/%s.rels", dir.buf, slash ? slash + 1 : wbpart);
	if (!xlsx_find_member(wb, relpart.buf, &m)) {
		rc = pm_err_set(err, PM_EDATA,
				"'%s' is not a complete xlsx workbook: no part '%s' (where its "
				"sheets are)",
				wb->name, relpart.buf);
		goto cleanup;
	}
	if ((rc = load_rels(wb, relpart.buf, &wbrels, err)))
		goto cleanup;
	for (i = 0; i < wb->nsheets; i++) {
		size_t k;

		/* The first relationship with the id wins (ids should be unique). */
		for (k = 0; k < wbrels.n && !wb->sheets[i].part; k++)
			if (!strcmp(wbrels.v[k].id, wb->sheets[i].rid))
				wb->sheets[i].part = resolve(dir.buf, wbrels.v[k].target);
	}
	rel = rel_by_type(&wbrels, "/sharedStrings");
	if (rel) {
		wb->sst_part = resolve(dir.buf, rel->target);
	} else {
		pm_buf_adds(&dir, "sharedStrings.xml");
		if (xlsx_find_member(wb, dir.buf, &m))
			wb->sst_part = pm_xstrdup(dir.buf);
	}
	rc = PM_OK;
cleanup:
	rels_release(&root);
	rels_release(&wbrels);
	pm_buf_release(&relpart);
	pm_buf_release(&dir);
	free(wbpart);
	return rc;
}

static enum pm_status check_ole2(const unsigned char *head, size_t n, const char *name,
				 struct pm_err *err)
{
	if (n >= sizeof ole2_sig && !memcmp(head, ole2_sig, sizeof ole2_sig))
		return pm_err_set(err, PM_EDATA,
				  "'%s' is a legacy Excel 97-2003 (.xls) workbook, which pathmap "
				  "does not read: open it in Excel or LibreOffice and save it as "
				  ".xlsx",
				  name);
	return PM_OK;
}

/*
 * Open the workbook called NAME over its archive: the file NAME, or when MEM
 * the N bytes at DATA (borrowed). Its head has passed check_ole2().
 */
static enum pm_status wb_open(struct pm_xlsx **out, const char *name, bool mem, const void *data,
			      size_t n, struct pm_err *err)
{
	struct pm_xlsx *wb;
	enum pm_status rc;

	wb = pm_xcalloc(1, sizeof *wb);
	wb->name = pm_xstrdup(name);
	rc = mem ? pm_zip_open_mem(&wb->zip, data, n, name, err) : pm_zip_open(&wb->zip, name, err);
	if (rc) {
		/* A file that cannot be read (PM_EIO) is not said to be no workbook. */
		if (rc == PM_EDATA)
			pm_err_prefix(err, "'%s' is not an xlsx workbook", name);
		goto cleanup;
	}
	if ((rc = wb_load(wb, err)))
		goto cleanup;
	rc = PM_OK;
cleanup:
	if (rc)
		pm_xlsx_free(wb);
	else
		*out = wb;
	return rc;
}

enum pm_status pm_xlsx_open(struct pm_xlsx **out, const char *path, struct pm_err *err)
{
	unsigned char head[8];
	enum pm_status rc;
	size_t n;
	FILE *f;

	*out = NULL;
	f = fopen(path, "rb");
	if (!f)
		return pm_err_set(err, PM_EIO, "cannot open '%s': %s", path, strerror(errno));
	n = fread(head, 1, sizeof head, f);
	fclose(f);
	if ((rc = check_ole2(head, n, path, err)))
		return rc;
	return wb_open(out, path, false, NULL, 0, err);
}

enum pm_status pm_xlsx_open_mem(struct pm_xlsx **out, const void *data, size_t n, const char *name,
				struct pm_err *err)
{
	enum pm_status rc;

	*out = NULL;
	if ((rc = check_ole2(data, n, name, err)))
		return rc;
	return wb_open(out, name, true, data, n, err);
}

void pm_xlsx_free(struct pm_xlsx *wb)
{
	size_t i;

	if (!wb)
		return;
	pm_zip_free(wb->zip);
	for (i = 0; i < wb->nsheets; i++) {
		free(wb->sheets[i].name);
		free(wb->sheets[i].rid);
		free(wb->sheets[i].part);
	}
	free(wb->sheets);
	free(wb->sst_part);
	free(wb->sst_text);
	free(wb->sst_off);
	free(wb->name);
	free(wb);
}

const char *pm_xlsx_name(const struct pm_xlsx *wb)
{
	return wb->name;
}

size_t pm_xlsx_sheet_count(const struct pm_xlsx *wb)
{
	return wb->nsheets;
}

const char *pm_xlsx_sheet_name(const struct pm_xlsx *wb, size_t i)
{
	return wb->sheets[i].name;
}

int pm_xlsx_sheet_find(const struct pm_xlsx *wb, const char *name)
{
	size_t i;

	for (i = 0; i < wb->nsheets; i++)
		if (!strcmp(wb->sheets[i].name, name))
			return (int)i;
	for (i = 0; i < wb->nsheets; i++)
		if (!strcasecmp(wb->sheets[i].name, name))
			return (int)i;
	return -1;
}

/* ---- shared strings ---- */

struct sst_load {
	struct pm_xlsx *wb;
	struct pm_buf cur;  /* the string being read, raw */
	struct pm_buf text; /* all strings so far */
	size_t alloc;	    /* of wb->sst_off */
};

static int sst_start(struct xp *x, int parent, const char *name, const char **atts)
{
	struct sst_load *l = x->ud;

	(void)atts;
	switch (parent) {
	case X_NONE: return X_ROOT;
	case X_ROOT:
		if (strcmp(name, "si"))
			return X_OTHER;
		pm_buf_reset(&l->cur);
		return X_SI;
	case X_SI:
		if (!strcmp(name, "t"))
			return X_T;
		return strcmp(name, "r") ? X_OTHER : X_RUN; /* <rPh> phonetic runs are skipped */
	case X_RUN: return strcmp(name, "t") ? X_OTHER : X_T;
	}
	return X_OTHER;
}

static void sst_text(struct xp *x, int ctx, const char *s, size_t n)
{
	struct sst_load *l = x->ud;

	if (ctx == X_T)
		pm_buf_add(&l->cur, s, n);
}

static void sst_end(struct xp *x, int ctx)
{
	struct sst_load *l = x->ud;
	struct pm_xlsx *wb = l->wb;

	if (ctx != X_SI)
		return;
	if (pm_buf_status(&l->cur)) {
		xlsx_xp_fail(x, "shared string %zu is longer than %zu bytes", wb->nsst,
			     PM_XLSX_MAX_CELL);
		return;
	}
	if (wb->nsst >= PM_XLSX_MAX_SST_COUNT) {
		xlsx_xp_fail(x, "more than %zu shared strings", PM_XLSX_MAX_SST_COUNT);
		return;
	}
	xlsx_add_unescaped(&l->text, l->cur.buf, l->cur.len);
	pm_buf_addch(&l->text, '\0');
	if (pm_buf_status(&l->text)) {
		xlsx_xp_fail(x, "shared strings exceed %zu MiB", PM_XLSX_MAX_SST_BYTES >> 20);
		return;
	}
	PM_ALLOC_GROW(wb->sst_off, wb->nsst + 2, l->alloc);
	wb->nsst++;
	wb->sst_off[wb->nsst] = (uint32_t)l->text.len;
}

enum pm_status xlsx_load_sst(struct pm_xlsx *wb, struct pm_err *err)
{
	struct sst_load l;
	enum pm_status rc;
	struct xp x;
	size_t m;

	if (wb->sst_loaded)
		return PM_OK;
	wb->nsst = 0;
	/* A named but absent part only matters if a cell refers to it. */
	if (!wb->sst_part || !xlsx_find_member(wb, wb->sst_part, &m)) {
		wb->sst_loaded = true;
		return PM_OK;
	}
	memset(&l, 0, sizeof l);
	l.wb = wb;
	pm_buf_init(&l.cur, PM_XLSX_MAX_CELL);
	pm_buf_init(&l.text, PM_XLSX_MAX_SST_BYTES);
	PM_ALLOC_GROW(wb->sst_off, 1, l.alloc);
	wb->sst_off[0] = 0;
	xlsx_xp_init(&x, wb->sst_part, &l);
	x.start = sst_start;
	x.end = sst_end;
	x.text = sst_text;
	rc = parse_part(wb, wb->sst_part, &x, 0, err);
	xlsx_xp_release(&x);
	pm_buf_release(&l.cur);
	if (rc) {
		pm_buf_release(&l.text);
		wb->nsst = 0;
		return rc;
	}
	wb->sst_text = pm_buf_detach(&l.text, NULL);
	wb->sst_loaded = true;
	return PM_OK;
}
