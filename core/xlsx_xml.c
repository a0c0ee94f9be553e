/*
 * The xlsx reader's expat driver and text helpers (see xlsx_int.h).
 *
 * struct xp wraps one expat parser: elements are matched by local name, so
 * prefixed (x:row) and Strict-OOXML parts read the same, and the context of
 * the first XP_CTX element depths is tracked so that a handler sees its
 * parent's role; a subtree marked X_OTHER is skipped without calls. The
 * first failure is kept in the xp and stops the parser.
 *
 * Expat parsers here never see a DTD: the doctype and entity-declaration
 * handlers abort the parse, so entity expansion ("billion laughs") cannot
 * start. A run of more than MAX_QUIET bytes with no parser event (one
 * gigantic tag or attribute) is refused too, which bounds expat's buffer.
 */
#include "core/xlsx_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/reader.h"
#include "core/banned.h"

#define CHUNK	  (64 * 1024)
#define MAX_QUIET ((uint64_t)16 << 20) /* bytes fed with no parser event */
#define MAX_DEPTH 256		       /* element nesting */

/* ---- text helpers ---- */

/* Copy up to 40 bytes of S for a message, with control bytes as '?'. */
const char *xlsx_shown(const char *s, char *buf, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n && i < 40; i++)
		buf[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
	buf[i] = '\0';
	return buf;
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
void xlsx_add_unescaped(struct pm_buf *out, const char *s, size_t n)
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

void xlsx_xp_fail(struct xp *x, const char *fmt, ...)
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
		xlsx_xp_fail(x, "XML elements nested more than %d deep", MAX_DEPTH);
		return;
	}
	parent = x->depth == 0 ? X_NONE : x->depth < XP_CTX ? x->ctx[x->depth - 1] : X_OTHER;
	if (parent != X_OTHER)
		c = x->start(x, parent, xlsx_local(name), atts);
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
	xlsx_xp_fail(ud, "refusing a document type declaration (DTD): xlsx parts never have one");
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
	xlsx_xp_fail(ud, "refusing an XML entity declaration");
}

void xlsx_xp_init(struct xp *x, const char *src, void *ud)
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

void xlsx_xp_release(struct xp *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
}

/* After XML_STATUS_ERROR: a handler's error, or expat's own. */
enum pm_status xlsx_xp_error(struct xp *x, struct pm_err *err)
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
enum pm_status xlsx_xp_feed(struct xp *x, struct pm_reader *rd, bool *final, struct pm_err *err)
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
		return xlsx_xp_error(x, err);
	return PM_OK;
}

/* Parse all of RD with X (no suspension). */
enum pm_status xlsx_xp_run(struct xp *x, struct pm_reader *rd, struct pm_err *err)
{
	enum pm_status rc;
	bool final = false;

	while (!final)
		if ((rc = xlsx_xp_feed(x, rd, &final, err)))
			return rc;
	return PM_OK;
}
