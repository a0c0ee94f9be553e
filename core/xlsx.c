/*
 * xlsx reading (see xlsx.h) on libzip and expat.
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
 * A worksheet part is <worksheet><sheetData><row r="1"><c r="A1" t="s">
 * <v>0</v></c>...</row>...</sheetData>...<mergeCells>...</worksheet>. The
 * cell type t is "s" (shared string: <v> is an index into sharedStrings.xml),
 * "inlineStr" (<is><t>text</t></is>, possibly rich text <is><r><t>..</t></r>),
 * "str" (a formula's text result in <v>), "b", "e", "d", or absent/"n"
 * (number in <v>). Rich-text <rPh> runs are East-Asian phonetic guides, not
 * part of the text. Elements are matched by local name, so prefixed
 * (x:row) and Strict-OOXML files read the same.
 *
 * Streaming: expat is fed 64 KiB at a time from the zip member and the
 * </row> handler suspends the parser (XML_StopParser resumable), so
 * pm_xlsx_next_row() returns with exactly one row decoded and the rest of
 * the buffer pending; the next call resumes. Memory is the expat buffer,
 * one row and the shared strings.
 *
 * Expat parsers here never see a DTD: the doctype and entity-declaration
 * handlers abort the parse, so entity expansion ("billion laughs") cannot
 * start. A run of more than MAX_QUIET bytes with no parser event (one
 * gigantic tag or attribute) is refused too, which bounds expat's buffer.
 *
 * Memory-backed workbooks (pm_xlsx_open_mem) use libzip directly, with the
 * same member-size guards as core/zip.c, since core/zip reads files only.
 */
#include "core/xlsx.h"

#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "core/buf.h"
#include "core/parse.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "core/zip.h"
#include "core/banned.h"

#define CHUNK	   (64 * 1024)
#define MAX_QUIET  ((uint64_t)16 << 20) /* bytes fed with no parser event */
#define MAX_DEPTH  256			/* element nesting */
#define MAX_PART   ((uint64_t)64 << 20) /* workbook and relationship parts */
#define MAX_SHEETS 65536
#define MAX_RELS   65536
#define MAX_MERGES ((size_t)1 << 20)
#define XP_CTX	   8 /* element depths whose context is tracked */

static const unsigned char ole2_sig[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

struct rel {
	char *id, *type, *target;
};

struct sheet_ref {
	char *name;
	char *rid;
	char *part; /* resolved part name, NULL when the relationship is missing */
};

struct pm_xlsx {
	char *name;
	struct pm_zip *zip; /* file-backed */
	zip_t *za;	    /* memory-backed */
	size_t nmem;	    /* memory-backed member table */
	char **mem_names;
	uint64_t *mem_sizes, *mem_csizes;

	struct sheet_ref *sheets;
	size_t nsheets, asheets;

	char *sst_part; /* shared strings part, NULL when none is named or present */
	bool sst_loaded;
	char *sst_text;	   /* all strings, each NUL-terminated */
	uint32_t *sst_off; /* nsst + 1 offsets into sst_text */
	size_t nsst;
};

struct cell {
	uint32_t off, len; /* in the row's text buffer */
	unsigned char type;
};

/* What a cell's t attribute says its <v> holds. */
enum kind { K_NUMBER, K_SHARED, K_INLINE, K_STR, K_BOOL, K_ERROR, K_DATE };

/* Element contexts; X_OTHER marks a subtree nobody looks into. */
enum {
	X_NONE,
	X_OTHER,
	X_ROOT,
	X_SHEETS,
	X_SI,
	X_RUN,
	X_T,
	X_SHEETDATA,
	X_ROW,
	X_CELL,
	X_V,
	X_IS,
	X_MERGES,
};

/* One expat parse with element-context tracking and a captured error. */
struct xp {
	XML_Parser p;
	const char *src; /* "file.xlsx:part" for messages */
	unsigned depth;
	unsigned char ctx[XP_CTX];
	uint64_t quiet;
	struct pm_err e;
	int (*start)(struct xp *x, int parent, const char *name, const char **atts);
	void (*end)(struct xp *x, int ctx);
	void (*text)(struct xp *x, int ctx, const char *s, size_t n);
	void *ud;
};

struct pm_xlsx_sheet {
	struct pm_xlsx *wb;
	char *title;
	size_t member;
	struct pm_reader *rd;
	struct xp x;
	enum pm_status status; /* sticky failure */
	struct pm_err fail;
	bool row_ready, done, fed_final;
	bool at_eof; /* pm_xlsx_next_row() has reported the end */

	/* the current row */
	uint32_t row;
	struct cell *cells; /* entries at and past ncells are always empty */
	size_t ncells, acells;
	struct pm_buf text;
	long last_col; /* -1 before the row's first cell */

	/* the cell being parsed */
	uint32_t col;
	enum kind kind;
	struct pm_buf val, tmp;

	struct pm_xlsx_range *merges;
	size_t nmerges, amerges;
	bool merges_known;
};

/* ---- small helpers ---- */

static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');

	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (; *atts; atts += 2)
		if (!strcmp(local(atts[0]), name))
			return atts[1];
	return NULL;
}

/* Copy up to 40 bytes of S for a message, with control bytes as '?'. */
static const char *shown(const char *s, char *buf, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n && i < 40; i++)
		buf[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void add_utf8(struct pm_buf *b, unsigned cp)
{
	char u[4];

	if (cp < 0x80) {
		pm_buf_addch(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		pm_buf_add(b, u, 2);
	} else {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		pm_buf_add(b, u, 3);
	}
}

/*
 * Append S to OUT, decoding OOXML's "_xHHHH_" escapes (how Excel writes
 * control characters, and "_x005F_" for a literal underscore before one).
 * NUL and surrogate halves stay as written, keeping texts NUL-free UTF-8.
 */
static void add_unescaped(struct pm_buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const char *u = memchr(s + i, '_', n - i);
		size_t k = u ? (size_t)(u - s) : n;
		unsigned cp = 0;
		int j;

		pm_buf_add(out, s + i, k - i);
		i = k;
		if (i >= n)
			break;
		if (n - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_') {
			for (j = 2; j < 6 && hexval(s[i + j]) >= 0; j++)
				cp = cp * 16 + (unsigned)hexval(s[i + j]);
			if (j == 6 && cp && (cp < 0xD800 || cp > 0xDFFF)) {
				add_utf8(out, cp);
				i += 7;
				continue;
			}
		}
		pm_buf_addch(out, '_');
		i++;
	}
}

/* ---- expat driver ---- */

static void xp_fail(struct xp *x, const char *fmt, ...) PM_PRINTF(2, 3);

static void xp_fail(struct xp *x, const char *fmt, ...)
{
	char msg[PM_ERR_MSG_MAX];
	va_list ap;

	if (x->e.code)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pm_err_set(&x->e, PM_EDATA, "%s:%llu: %s", x->src,
		   (unsigned long long)XML_GetCurrentLineNumber(x->p), msg);
	XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xp *x = ud;
	int parent, c = X_OTHER;

	if (x->e.code)
		return;
	x->quiet = 0;
	if (x->depth >= MAX_DEPTH) {
		xp_fail(x, "XML elements nested more than %d deep", MAX_DEPTH);
		return;
	}
	parent = x->depth == 0 ? X_NONE : x->depth < XP_CTX ? x->ctx[x->depth - 1] : X_OTHER;
	if (parent != X_OTHER)
		c = x->start(x, parent, local(name), atts);
	if (x->depth < XP_CTX)
		x->ctx[x->depth] = (unsigned char)c;
	x->depth++;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xp *x = ud;
	int c;

	(void)name;
	if (x->e.code || !x->depth)
		return;
	x->quiet = 0;
	x->depth--;
	c = x->depth < XP_CTX ? x->ctx[x->depth] : X_OTHER;
	if (c != X_OTHER && x->end)
		x->end(x, c);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xp *x = ud;
	int c;

	if (x->e.code || !x->depth)
		return;
	x->quiet = 0;
	c = x->depth <= XP_CTX ? x->ctx[x->depth - 1] : X_OTHER;
	if (c != X_OTHER && x->text)
		x->text(x, c, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
			       const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	xp_fail(ud, "refusing a document type declaration (DTD): xlsx parts never have one");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value,
			      int value_len, const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	xp_fail(ud, "refusing an XML entity declaration");
}

static void xp_init(struct xp *x, const char *src, void *ud)
{
	memset(x, 0, sizeof *x);
	x->p = XML_ParserCreate(NULL);
	if (!x->p) {
		fputs("pathmap: out of memory creating an XML parser\n", stderr);
		abort();
	}
	x->src = src;
	x->ud = ud;
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
}

static void xp_release(struct xp *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
}

/* After XML_STATUS_ERROR: a handler's error, or expat's own. */
static enum pm_status xp_error(struct xp *x, struct pm_err *err)
{
	if (x->e.code) {
		if (err)
			*err = x->e;
		return x->e.code;
	}
	return pm_err_set(err, PM_EDATA, "%s:%llu: malformed XML: %s", x->src,
			  (unsigned long long)XML_GetCurrentLineNumber(x->p),
			  XML_ErrorString(XML_GetErrorCode(x->p)));
}

/*
 * Feed the next chunk of RD to X's parser (the final, empty one at the end).
 * Sets *FINAL when the input is exhausted.
 */
static enum pm_status xp_feed(struct xp *x, struct pm_reader *rd, bool *final, struct pm_err *err)
{
	struct pm_err re = PM_ERR_INIT;
	void *buf = XML_GetBuffer(x->p, CHUNK);
	ssize_t got;

	if (!buf)
		return pm_err_set(err, PM_EDATA, "%s: cannot allocate an XML buffer", x->src);
	got = pm_reader_read(rd, buf, CHUNK, &re);
	if (got < 0) {
		if (err)
			*err = re;
		return re.code ? re.code : PM_EIO;
	}
	x->quiet += (uint64_t)got;
	if (x->quiet > MAX_QUIET)
		return pm_err_set(err, PM_EDATA, "%s:%llu: an XML token is longer than %llu MiB",
				  x->src, (unsigned long long)XML_GetCurrentLineNumber(x->p),
				  (unsigned long long)(MAX_QUIET >> 20));
	*final = got == 0;
	if (XML_ParseBuffer(x->p, (int)got, *final) == XML_STATUS_ERROR)
		return xp_error(x, err);
	return PM_OK;
}

/* Parse all of RD with X (no suspension). */
static enum pm_status xp_run(struct xp *x, struct pm_reader *rd, struct pm_err *err)
{
	enum pm_status rc;
	bool final = false;

	while (!final)
		if ((rc = xp_feed(x, rd, &final, err)))
			return rc;
	return PM_OK;
}

/* ---- archive members: a pm_zip file, or libzip over memory ---- */

static size_t member_count(const struct pm_xlsx *wb)
{
	return wb->zip ? pm_zip_count(wb->zip) : wb->nmem;
}

static const char *member_name(const struct pm_xlsx *wb, size_t i)
{
	return wb->zip ? pm_zip_name(wb->zip, i) : wb->mem_names[i];
}

static uint64_t member_size(const struct pm_xlsx *wb, size_t i)
{
	return wb->zip ? pm_zip_size(wb->zip, i) : wb->mem_sizes[i];
}

/* Find PART (part names are case-insensitive in OPC). */
static bool find_member(const struct pm_xlsx *wb, const char *part, size_t *idx)
{
	size_t i, n = member_count(wb);

	for (i = 0; i < n; i++)
		if (!strcmp(member_name(wb, i), part)) {
			*idx = i;
			return true;
		}
	for (i = 0; i < n; i++)
		if (!strcasecmp(member_name(wb, i), part)) {
			*idx = i;
			return true;
		}
	return false;
}

struct mem_member {
	zip_file_t *zf;
	uint64_t declared;
};

static ssize_t mem_member_read(struct pm_reader *r, void *buf, size_t n, struct pm_err *err)
{
	struct mem_member *m = r->ctx;
	zip_int64_t got = zip_fread(m->zf, buf, n);

	if (got < 0) {
		pm_err_set(err, PM_EDATA, "cannot read '%s': %s", r->name,
			   zip_error_strerror(zip_file_get_error(m->zf)));
		return -1;
	}
	if (r->nread + (uint64_t)got > m->declared) {
		pm_err_set(err, PM_EDATA, "'%s' inflates beyond its declared size of %llu bytes",
			   r->name, (unsigned long long)m->declared);
		return -1;
	}
	return (ssize_t)got;
}

static void mem_member_close(struct pm_reader *r)
{
	struct mem_member *m = r->ctx;

	if (m)
		zip_fclose(m->zf);
	free(m);
}

/* The guards of pm_zip_open_member(), for memory-backed archives. */
static enum pm_status mem_open_member(struct pm_xlsx *wb, size_t i, struct pm_reader **out,
				      struct pm_err *err)
{
	uint64_t size = wb->mem_sizes[i], csize = wb->mem_csizes[i];
	struct pm_buf name = PM_BUF_INIT;
	struct mem_member *m;
	struct pm_reader *r;
	zip_file_t *zf;

	if (size > PM_ZIP_MAX_MEMBER ||
	    (size > ((uint64_t)64 << 20) && size / (csize ? csize : 1) > PM_ZIP_MAX_RATIO))
		return pm_err_set(err, PM_EDATA,
				  "refusing '%s:%s': declared size %llu bytes from %llu compressed "
				  "looks like a zip bomb",
				  wb->name, wb->mem_names[i], (unsigned long long)size,
				  (unsigned long long)csize);
	zf = zip_fopen_index(wb->za, i, 0);
	if (!zf)
		return pm_err_set(err, PM_EDATA, "cannot open '%s:%s': %s", wb->name,
				  wb->mem_names[i], zip_strerror(wb->za));
	pm_buf_addf(&name, "%s:%s", wb->name, wb->mem_names[i]);
	r = pm_reader_alloc(name.buf);
	pm_buf_release(&name);
	m = pm_xmalloc(sizeof *m);
	m->zf = zf;
	m->declared = size;
	r->ctx = m;
	r->read = mem_member_read;
	r->close = mem_member_close;
	r->size = size;
	*out = r;
	return PM_OK;
}

static enum pm_status open_member(struct pm_xlsx *wb, size_t i, struct pm_reader **out,
				  struct pm_err *err)
{
	*out = NULL;
	if (wb->zip)
		return pm_zip_open_member(wb->zip, i, out, err);
	return mem_open_member(wb, i, out, err);
}

/* Parse part PART (which must exist, at most MAX bytes when MAX > 0) with X's handlers. */
static enum pm_status parse_part(struct pm_xlsx *wb, const char *part, struct xp *x, uint64_t max,
				 struct pm_err *err)
{
	struct pm_reader *rd = NULL;
	enum pm_status rc;
	size_t i;

	if (!find_member(wb, part, &i))
		return pm_err_set(err, PM_EDATA,
				  "'%s' is not a complete xlsx workbook: no part '%s'", wb->name,
				  part);
	if (max && member_size(wb, i) > max)
		return pm_err_set(err, PM_EDATA, "'%s:%s' is larger than %llu MiB", wb->name,
				  member_name(wb, i), (unsigned long long)(max >> 20));
	if ((rc = open_member(wb, i, &rd, err)))
		return rc;
	x->src = rd->name;
	rc = xp_run(x, rd, err);
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
	id = attr(atts, "Id");
	type = attr(atts, "Type");
	target = attr(atts, "Target");
	mode = attr(atts, "TargetMode");
	if (!id || !type || !target || (mode && !strcmp(mode, "External")))
		return X_OTHER;
	if (r->n >= MAX_RELS) {
		xp_fail(x, "more than %d relationships", MAX_RELS);
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

	xp_init(&x, part, r);
	x.start = rels_start;
	rc = parse_part(wb, part, &x, MAX_PART, err);
	xp_release(&x);
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
	sname = attr(atts, "name");
	rid = attr(atts, "id");
	if (!sname || !rid) {
		xp_fail(x, "a <sheet> has no name or r:id");
		return X_OTHER;
	}
	if (wb->nsheets >= MAX_SHEETS) {
		xp_fail(x, "more than %d sheets", MAX_SHEETS);
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

	if (find_member(wb, "_rels/.rels", &m)) {
		if ((rc = load_rels(wb, "_rels/.rels", &root, err)))
			goto cleanup;
		rel = rel_by_type(&root, "/officeDocument");
		if (rel)
			wbpart = resolve("", rel->target);
	}
	if (!wbpart)
		wbpart = pm_xstrdup("xl/workbook.xml");
	if (!find_member(wb, wbpart, &m)) {
		rc = pm_err_set(err, PM_EDATA, "'%s' is not an xlsx workbook: it has no '%s'",
				wb->name, wbpart);
		goto cleanup;
	}
	xp_init(&x, wbpart, wb);
	x.start = wb_start;
	rc = parse_part(wb, wbpart, &x, MAX_PART, err);
	xp_release(&x);
	if (rc)
		goto cleanup;

	slash = strrchr(wbpart, '/');
	pm_buf_add(&dir, wbpart, slash ? (size_t)(slash - wbpart + 1) : 0);
	pm_buf_addf(&relpart, "%s_rels/%s.rels", dir.buf, slash ? slash + 1 : wbpart);
	if (!find_member(wb, relpart.buf, &m)) {
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
		if (find_member(wb, dir.buf, &m))
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

enum pm_status pm_xlsx_open(struct pm_xlsx **out, const char *path, struct pm_err *err)
{
	unsigned char head[8];
	struct pm_xlsx *wb;
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
	wb = pm_xcalloc(1, sizeof *wb);
	wb->name = pm_xstrdup(path);
	if ((rc = pm_zip_open(&wb->zip, path, err))) {
		if (rc == PM_EDATA)
			pm_err_prefix(err, "'%s' is not an xlsx workbook", path);
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

enum pm_status pm_xlsx_open_mem(struct pm_xlsx **out, const void *data, size_t n, const char *name,
				struct pm_err *err)
{
	zip_source_t *src;
	struct pm_xlsx *wb;
	enum pm_status rc;
	zip_error_t ze;
	zip_int64_t cnt;
	size_t i;

	*out = NULL;
	if ((rc = check_ole2(data, n, name, err)))
		return rc;
	wb = pm_xcalloc(1, sizeof *wb);
	wb->name = pm_xstrdup(name);
	zip_error_init(&ze);
	src = zip_source_buffer_create(n ? data : "", n, 0, &ze);
	if (src) {
		wb->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
		if (!wb->za)
			zip_source_free(src);
	}
	if (!wb->za) {
		rc = pm_err_set(err, PM_EDATA, "'%s' is not an xlsx workbook: %s", name,
				zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto cleanup;
	}
	zip_error_fini(&ze);
	cnt = zip_get_num_entries(wb->za, 0);
	wb->nmem = cnt > 0 ? (size_t)cnt : 0;
	wb->mem_names = pm_xcalloc(wb->nmem, sizeof *wb->mem_names);
	wb->mem_sizes = pm_xcalloc(wb->nmem, sizeof *wb->mem_sizes);
	wb->mem_csizes = pm_xcalloc(wb->nmem, sizeof *wb->mem_csizes);
	for (i = 0; i < wb->nmem; i++) {
		zip_stat_t st;

		zip_stat_init(&st);
		if (zip_stat_index(wb->za, i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME)) {
			rc = pm_err_set(err, PM_EDATA,
					"zip archive '%s' is corrupt: cannot read entry %zu", name,
					i);
			goto cleanup;
		}
		wb->mem_names[i] = pm_xstrdup(st.name);
		wb->mem_sizes[i] = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
		wb->mem_csizes[i] = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
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

void pm_xlsx_free(struct pm_xlsx *wb)
{
	size_t i;

	if (!wb)
		return;
	pm_zip_free(wb->zip);
	if (wb->za)
		zip_discard(wb->za);
	for (i = 0; i < wb->nmem; i++)
		free(wb->mem_names[i]);
	free(wb->mem_names);
	free(wb->mem_sizes);
	free(wb->mem_csizes);
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
		xp_fail(x, "shared string %zu is longer than %zu bytes", wb->nsst,
			PM_XLSX_MAX_CELL);
		return;
	}
	if (wb->nsst >= PM_XLSX_MAX_SST_COUNT) {
		xp_fail(x, "more than %zu shared strings", PM_XLSX_MAX_SST_COUNT);
		return;
	}
	add_unescaped(&l->text, l->cur.buf, l->cur.len);
	pm_buf_addch(&l->text, '\0');
	if (pm_buf_status(&l->text)) {
		xp_fail(x, "shared strings exceed %zu MiB", PM_XLSX_MAX_SST_BYTES >> 20);
		return;
	}
	PM_ALLOC_GROW(wb->sst_off, wb->nsst + 2, l->alloc);
	wb->nsst++;
	wb->sst_off[wb->nsst] = (uint32_t)l->text.len;
}

static enum pm_status load_sst(struct pm_xlsx *wb, struct pm_err *err)
{
	struct sst_load l;
	enum pm_status rc;
	struct xp x;
	size_t m;

	if (wb->sst_loaded)
		return PM_OK;
	wb->nsst = 0;
	/* A named but absent part only matters if a cell refers to it. */
	if (!wb->sst_part || !find_member(wb, wb->sst_part, &m)) {
		wb->sst_loaded = true;
		return PM_OK;
	}
	memset(&l, 0, sizeof l);
	l.wb = wb;
	pm_buf_init(&l.cur, PM_XLSX_MAX_CELL);
	pm_buf_init(&l.text, PM_XLSX_MAX_SST_BYTES);
	PM_ALLOC_GROW(wb->sst_off, 1, l.alloc);
	wb->sst_off[0] = 0;
	xp_init(&x, wb->sst_part, &l);
	x.start = sst_start;
	x.end = sst_end;
	x.text = sst_text;
	rc = parse_part(wb, wb->sst_part, &x, 0, err);
	xp_release(&x);
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

/* ---- sheets ---- */

/* "C7" for messages, in BUF (size N). */
static const char *cell_ref(uint32_t row, uint32_t col, char *buf, size_t n)
{
	pm_xlsx_ref_format(row, col, buf, n);
	return buf;
}

/* Check a <mergeCell>'s range; keep it unless the merges are already known. */
static void merge_add(struct xp *x, struct pm_xlsx_sheet *s, const char **atts, bool keep)
{
	const char *ref = attr(atts, "ref");
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
		xp_fail(x, "sheet '%s': more than %zu merged ranges", s->title, MAX_MERGES);
		return;
	}
	PM_ALLOC_GROW(s->merges, s->nmerges + 1, s->amerges);
	s->merges[s->nmerges++] = r;
	return;
bad:
	xp_fail(x, "sheet '%s': bad merged range '%s'", s->title, shown(ref, show, sizeof show));
}

static void row_start(struct xp *x, struct pm_xlsx_sheet *s, const char **atts)
{
	const char *r = attr(atts, "r");
	char show[48];
	int64_t v;

	if (s->ncells)
		memset(s->cells, 0, s->ncells * sizeof *s->cells);
	s->ncells = 0;
	s->last_col = -1;
	pm_buf_reset(&s->text);
	if (!r) {
		v = (int64_t)s->row + 1;
	} else if (!pm_all_digits(r, strlen(r)) || pm_parse_i64(r, strlen(r), &v) || v < 1 ||
		   v > PM_XLSX_MAX_ROW) {
		xp_fail(x, "sheet '%s': bad row number '%s' (rows are 1..%u)", s->title,
			shown(r, show, sizeof show), PM_XLSX_MAX_ROW);
		return;
	} else if (v <= (int64_t)s->row) {
		xp_fail(x, "sheet '%s': row %lld follows row %u (rows must ascend)", s->title,
			(long long)v, s->row);
		return;
	}
	if (v > PM_XLSX_MAX_ROW) {
		xp_fail(x, "sheet '%s': more than %u rows", s->title, PM_XLSX_MAX_ROW);
		return;
	}
	s->row = (uint32_t)v;
}

static void cell_start(struct xp *x, struct pm_xlsx_sheet *s, const char **atts)
{
	const char *r = attr(atts, "r"), *t = attr(atts, "t");
	char show[48], ref[16];
	uint32_t row, col;

	if (r) {
		if (!pm_xlsx_ref_parse(r, &row, &col)) {
			xp_fail(x, "sheet '%s': bad cell reference '%s' in row %u", s->title,
				shown(r, show, sizeof show), s->row);
			return;
		}
		if (row != s->row) {
			xp_fail(x, "sheet '%s': cell %s is inside row %u", s->title, r, s->row);
			return;
		}
		if ((long)col <= s->last_col) {
			xp_fail(x, "sheet '%s': cell %s follows cell %s (cells must ascend)",
				s->title, r,
				cell_ref(s->row, (uint32_t)s->last_col, ref, sizeof ref));
			return;
		}
	} else {
		if (s->last_col + 1 >= (long)PM_XLSX_MAX_COL) {
			xp_fail(x, "sheet '%s': row %u has more than %u columns", s->title, s->row,
				PM_XLSX_MAX_COL);
			return;
		}
		col = (uint32_t)(s->last_col + 1);
	}
	if (!t || !strcmp(t, "n"))
		s->kind = K_NUMBER;
	else if (!strcmp(t, "s"))
		s->kind = K_SHARED;
	else if (!strcmp(t, "inlineStr"))
		s->kind = K_INLINE;
	else if (!strcmp(t, "str"))
		s->kind = K_STR;
	else if (!strcmp(t, "b"))
		s->kind = K_BOOL;
	else if (!strcmp(t, "e"))
		s->kind = K_ERROR;
	else if (!strcmp(t, "d"))
		s->kind = K_DATE;
	else {
		xp_fail(x, "sheet '%s' cell %s: unknown cell type '%s'", s->title,
			cell_ref(s->row, col, ref, sizeof ref), shown(t, show, sizeof show));
		return;
	}
	s->col = col;
	s->last_col = (long)col;
	pm_buf_reset(&s->val);
}

/* Store the finished cell's value in the row. */
static void cell_end(struct xp *x, struct pm_xlsx_sheet *s)
{
	struct pm_xlsx *wb = s->wb;
	const char *text = s->val.buf;
	size_t len = s->val.len;
	enum pm_xlsx_type type;
	char ref[16], show[48];
	int64_t idx;

	if (pm_buf_status(&s->val)) {
		xp_fail(x, "sheet '%s' cell %s: value longer than %zu bytes", s->title,
			cell_ref(s->row, s->col, ref, sizeof ref), PM_XLSX_MAX_CELL);
		return;
	}
	switch (s->kind) {
	case K_SHARED:
		if (!len)
			return;
		if (!pm_all_digits(text, len) || pm_parse_i64(text, len, &idx)) {
			xp_fail(x, "sheet '%s' cell %s: bad shared string index '%s'", s->title,
				cell_ref(s->row, s->col, ref, sizeof ref),
				shown(text, show, sizeof show));
			return;
		}
		if (!wb->nsst && !wb->sst_text) {
			xp_fail(x,
				"sheet '%s' cell %s refers to shared string %lld but the workbook "
				"has no shared strings part%s%s%s",
				s->title, cell_ref(s->row, s->col, ref, sizeof ref), (long long)idx,
				wb->sst_part ? " ('" : "", wb->sst_part ? wb->sst_part : "",
				wb->sst_part ? "' is missing)" : "");
			return;
		}
		if ((uint64_t)idx >= wb->nsst) {
			xp_fail(x,
				"sheet '%s' cell %s: shared string index %lld out of range (%zu "
				"strings)",
				s->title, cell_ref(s->row, s->col, ref, sizeof ref), (long long)idx,
				wb->nsst);
			return;
		}
		text = wb->sst_text + wb->sst_off[idx];
		len = wb->sst_off[idx + 1] - wb->sst_off[idx] - 1;
		type = PM_XLSX_STRING;
		break;
	case K_INLINE:
	case K_STR:
		pm_buf_reset(&s->tmp);
		add_unescaped(&s->tmp, text, len);
		text = s->tmp.buf;
		len = s->tmp.len;
		type = PM_XLSX_STRING;
		break;
	case K_BOOL: type = PM_XLSX_BOOL; break;
	case K_ERROR: type = PM_XLSX_ERROR; break;
	case K_DATE: type = PM_XLSX_DATE; break;
	case K_NUMBER:
	default: type = PM_XLSX_NUMBER; break;
	}
	if (!len)
		return;
	if (s->text.len + len + 1 > PM_XLSX_MAX_ROW_BYTES) {
		xp_fail(x, "sheet '%s': row %u is longer than %zu bytes", s->title, s->row,
			PM_XLSX_MAX_ROW_BYTES);
		return;
	}
	if (s->col >= s->acells) {
		size_t old = s->acells;

		PM_ALLOC_GROW(s->cells, (size_t)s->col + 1, s->acells);
		memset(s->cells + old, 0, (s->acells - old) * sizeof *s->cells);
	}
	s->cells[s->col].off = (uint32_t)s->text.len;
	s->cells[s->col].len = (uint32_t)len;
	s->cells[s->col].type = (unsigned char)type;
	s->ncells = (size_t)s->col + 1;
	pm_buf_add(&s->text, text, len);
	pm_buf_addch(&s->text, '\0');
}

static int sheet_start(struct xp *x, int parent, const char *name, const char **atts)
{
	struct pm_xlsx_sheet *s = x->ud;

	switch (parent) {
	case X_NONE: return X_ROOT;
	case X_ROOT:
		if (!strcmp(name, "sheetData"))
			return X_SHEETDATA;
		if (!strcmp(name, "mergeCells"))
			return X_MERGES;
		return X_OTHER;
	case X_SHEETDATA:
		if (strcmp(name, "row"))
			return X_OTHER;
		row_start(x, s, atts);
		return X_ROW;
	case X_ROW:
		if (strcmp(name, "c"))
			return X_OTHER;
		cell_start(x, s, atts);
		return X_CELL;
	case X_CELL:
		if (!strcmp(name, "v"))
			return X_V;
		return strcmp(name, "is") ? X_OTHER : X_IS; /* <f> formulas are skipped */
	case X_IS:
		if (!strcmp(name, "t"))
			return X_T;
		return strcmp(name, "r") ? X_OTHER : X_RUN; /* <rPh> phonetic runs are skipped */
	case X_RUN: return strcmp(name, "t") ? X_OTHER : X_T;
	case X_MERGES:
		/* Checked even when a separate pass has collected them: same errors either way. */
		if (!strcmp(name, "mergeCell"))
			merge_add(x, s, atts, !s->merges_known);
		return X_OTHER;
	}
	return X_OTHER;
}

static void sheet_text(struct xp *x, int ctx, const char *text, size_t n)
{
	struct pm_xlsx_sheet *s = x->ud;

	/* An inline string's text is in <is>; any <v> beside it is ignored. */
	if ((ctx == X_V && s->kind != K_INLINE) || (ctx == X_T && s->kind == K_INLINE))
		pm_buf_add(&s->val, text, n);
}

static void sheet_end(struct xp *x, int ctx)
{
	struct pm_xlsx_sheet *s = x->ud;

	if (ctx == X_CELL) {
		cell_end(x, s);
	} else if (ctx == X_ROW) {
		/* Hand this row out: pm_xlsx_next_row() returns, the rest waits. */
		s->row_ready = true;
		XML_StopParser(x->p, XML_TRUE);
	}
}

enum pm_status pm_xlsx_sheet_open_index(struct pm_xlsx *wb, size_t i, struct pm_xlsx_sheet **out,
					struct pm_err *err)
{
	const struct sheet_ref *ref = &wb->sheets[i];
	struct pm_xlsx_sheet *s;
	enum pm_status rc;
	size_t m;

	*out = NULL;
	if (!ref->part)
		return pm_err_set(err, PM_EDATA,
				  "sheet '%s' of '%s' has no part: relationship '%s' is missing",
				  ref->name, wb->name, ref->rid);
	if (!find_member(wb, ref->part, &m))
		return pm_err_set(err, PM_EDATA, "'%s' has no part '%s' for sheet '%s'", wb->name,
				  ref->part, ref->name);
	if ((rc = load_sst(wb, err)))
		return rc;
	s = pm_xcalloc(1, sizeof *s);
	s->wb = wb;
	s->title = pm_xstrdup(ref->name);
	s->member = m;
	s->last_col = -1;
	pm_buf_init(&s->text, 0);
	pm_buf_init(&s->val, PM_XLSX_MAX_CELL);
	pm_buf_init(&s->tmp, 0);
	if ((rc = open_member(wb, m, &s->rd, err))) {
		pm_xlsx_sheet_free(s);
		return rc;
	}
	xp_init(&s->x, s->rd->name, s);
	s->x.start = sheet_start;
	s->x.end = sheet_end;
	s->x.text = sheet_text;
	*out = s;
	return PM_OK;
}

enum pm_status pm_xlsx_sheet_open(struct pm_xlsx *wb, const char *name, struct pm_xlsx_sheet **out,
				  struct pm_err *err)
{
	struct pm_buf list = PM_BUF_INIT;
	enum pm_status rc;
	int i = pm_xlsx_sheet_find(wb, name);
	size_t k;

	*out = NULL;
	if (i >= 0)
		return pm_xlsx_sheet_open_index(wb, (size_t)i, out, err);
	for (k = 0; k < wb->nsheets && list.len < 200; k++)
		pm_buf_addf(&list, "%s'%s'", k ? ", " : "", wb->sheets[k].name);
	if (k < wb->nsheets)
		pm_buf_adds(&list, ", ...");
	rc = pm_err_set(err, PM_EDATA, "no sheet '%s' in '%s' (it has %s)", name, wb->name,
			wb->nsheets ? list.buf : "no sheets");
	pm_buf_release(&list);
	return rc;
}

void pm_xlsx_sheet_free(struct pm_xlsx_sheet *s)
{
	if (!s)
		return;
	xp_release(&s->x);
	pm_reader_free(s->rd);
	pm_buf_release(&s->text);
	pm_buf_release(&s->val);
	pm_buf_release(&s->tmp);
	free(s->cells);
	free(s->merges);
	free(s->title);
	free(s);
}

const char *pm_xlsx_sheet_title(const struct pm_xlsx_sheet *s)
{
	return s->title;
}

struct pm_reader *pm_xlsx_sheet_reader(struct pm_xlsx_sheet *s)
{
	return s->rd;
}

static enum pm_status sheet_failed(struct pm_xlsx_sheet *s, enum pm_status rc, struct pm_err *err)
{
	s->status = rc;
	if (err)
		*err = s->fail;
	return rc;
}

enum pm_status pm_xlsx_next_row(struct pm_xlsx_sheet *s, bool *eof, struct pm_err *err)
{
	enum pm_status rc;

	*eof = false;
	if (s->status) {
		if (err)
			*err = s->fail;
		return s->status;
	}
	s->row_ready = false;
	while (!s->done && !s->row_ready) {
		XML_ParsingStatus ps;

		XML_GetParsingStatus(s->x.p, &ps);
		if (ps.parsing == XML_SUSPENDED) {
			if (XML_ResumeParser(s->x.p) == XML_STATUS_ERROR)
				return sheet_failed(s, xp_error(&s->x, &s->fail), err);
		} else if (ps.parsing == XML_FINISHED || s->fed_final) {
			s->done = true;
		} else if ((rc = xp_feed(&s->x, s->rd, &s->fed_final, &s->fail))) {
			return sheet_failed(s, rc, err);
		}
	}
	if (s->row_ready)
		return PM_OK;
	/* The whole part has been read (and its CRC checked by libzip). */
	if (s->ncells)
		memset(s->cells, 0, s->ncells * sizeof *s->cells);
	s->ncells = 0;
	s->merges_known = true;
	s->at_eof = true;
	*eof = true;
	return PM_OK;
}

uint32_t pm_xlsx_row_number(const struct pm_xlsx_sheet *s)
{
	return s->row;
}

size_t pm_xlsx_ncells(const struct pm_xlsx_sheet *s)
{
	return s->ncells;
}

const char *pm_xlsx_cell(const struct pm_xlsx_sheet *s, size_t col, size_t *len)
{
	const struct cell *c;

	if (col >= s->ncells || s->cells[col].type == PM_XLSX_EMPTY) {
		if (len)
			*len = 0;
		return "";
	}
	c = &s->cells[col];
	if (len)
		*len = c->len;
	return s->text.buf + c->off;
}

enum pm_xlsx_type pm_xlsx_cell_type(const struct pm_xlsx_sheet *s, size_t col)
{
	return col < s->ncells ? (enum pm_xlsx_type)s->cells[col].type : PM_XLSX_EMPTY;
}

/* Common checks for the numeric accessors; returns the text or NULL with ERR set. */
static const char *numeric_text(const struct pm_xlsx_sheet *s, size_t col, size_t *len,
				struct pm_err *err)
{
	enum pm_xlsx_type t = pm_xlsx_cell_type(s, col);
	const char *text = pm_xlsx_cell(s, col, len);
	char ref[16], show[48];

	pm_xlsx_ref_format(s->row, col < PM_XLSX_MAX_COL ? (uint32_t)col : PM_XLSX_MAX_COL - 1, ref,
			   sizeof ref);
	if (t == PM_XLSX_EMPTY) {
		pm_err_set(err, PM_EDATA, "%s: sheet '%s' cell %s is empty, expected a number",
			   s->wb->name, s->title, ref);
		return NULL;
	}
	if (t == PM_XLSX_BOOL || t == PM_XLSX_ERROR || t == PM_XLSX_DATE) {
		pm_err_set(err, PM_EDATA, "%s: sheet '%s' cell %s holds %s '%s', not a number",
			   s->wb->name, s->title, ref,
			   t == PM_XLSX_BOOL	? "a boolean"
			   : t == PM_XLSX_ERROR ? "an error"
						: "a date",
			   shown(text, show, sizeof show));
		return NULL;
	}
	return text;
}

enum pm_status pm_xlsx_cell_double(const struct pm_xlsx_sheet *s, size_t col, double *out,
				   struct pm_err *err)
{
	char ref[16], show[48];
	const char *text;
	size_t len;

	if (!(text = numeric_text(s, col, &len, err)))
		return PM_EDATA;
	if (pm_parse_double(text, len, out)) {
		pm_xlsx_ref_format(s->row, (uint32_t)col, ref, sizeof ref);
		return pm_err_set(err, PM_EDATA, "%s: sheet '%s' cell %s: '%s' is not a number",
				  s->wb->name, s->title, ref, shown(text, show, sizeof show));
	}
	return PM_OK;
}

enum pm_status pm_xlsx_cell_i64(const struct pm_xlsx_sheet *s, size_t col, int64_t *out,
				struct pm_err *err)
{
	char ref[16], show[48];
	const char *text;
	size_t len;

	if (!(text = numeric_text(s, col, &len, err)))
		return PM_EDATA;
	if (pm_parse_i64(text, len, out)) {
		pm_xlsx_ref_format(s->row, (uint32_t)col, ref, sizeof ref);
		return pm_err_set(err, PM_EDATA,
				  "%s: sheet '%s' cell %s: '%s' is not a whole number", s->wb->name,
				  s->title, ref, shown(text, show, sizeof show));
	}
	return PM_OK;
}

/* ---- merged cells and headers ---- */

static int merges_start(struct xp *x, int parent, const char *name, const char **atts)
{
	struct pm_xlsx_sheet *s = x->ud;

	if (parent == X_NONE)
		return X_ROOT;
	if (parent == X_ROOT)
		return strcmp(name, "mergeCells") ? X_OTHER : X_MERGES;
	if (parent == X_MERGES && !strcmp(name, "mergeCell"))
		merge_add(x, s, atts, true);
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
		if ((rc = open_member(s->wb, s->member, &rd, err)))
			return rc;
		s->nmerges = 0;
		xp_init(&x, rd->name, s);
		x.start = merges_start;
		rc = xp_run(&x, rd, err);
		xp_release(&x);
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
