/*
 * CareerOneStop certifications and licenses: request specs, validation and
 * loading into `credential` (see careeronestop.h for URLs and shapes).
 *
 * Facts the code cannot show:
 * - The user id is a path segment, so the URL shown and recorded (dataset,
 *   cache, messages) carries "{userId}" and only fetch_url the real one; the
 *   fetch engine masks the token and that segment in error bodies. Messages
 *   made here from a response are masked the same way.
 * - A response does not name the occupation it answers. Two occupations
 *   can get the same bytes (an empty list, or a shared list), so a load is
 *   never skipped for a checksum already loaded: it always replaces the
 *   occupation's rows, which keeps reloading idempotent.
 * - Only the list endpoints are used; the detail endpoints (one credential
 *   by id) add descriptions pathmap does not store.
 */
#include "fetch/careeronestop.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/codes.h"
#include "core/config.h"
#include "core/path.h"
#include "core/reader.h"
#include "core/xalloc.h"
#include "fetch/load.h"
#include "sectors/region.h"
#include "store/credential.h"
#include "store/store.h"
#include "core/banned.h"

#define MAX_RESPONSE ((size_t)64 << 20)
#define REGISTER_URL "https://www.careeronestop.org/Developers/WebAPI/registration.aspx"

/* ---- requests ---- */

/* The postal abbreviation of state IN (abbreviation or FIPS code) into OUT[3]; false if none. */
static bool state_abbr(const char *in, char out[3])
{
	const char *fips;
	char a[3] = { 0 };
	int i, j;

	if (!in || strlen(in) > 2 || !*in)
		return false;
	if (isalpha((unsigned char)in[0])) {
		a[0] = (char)toupper((unsigned char)in[0]);
		a[1] = (char)toupper((unsigned char)in[1]);
		if (!pm_state_fips(a))
			return false;
		memcpy(out, a, 3);
		return true;
	}
	if (!(fips = pm_state_fips(in)))
		return false;
	/* A FIPS code: find the abbreviation that maps to it. */
	for (i = 'A'; i <= 'Z'; i++)
		for (j = 'A'; j <= 'Z'; j++) {
			const char *f;

			a[0] = (char)i;
			a[1] = (char)j;
			if ((f = pm_state_fips(a)) && !strcmp(f, fips)) {
				memcpy(out, a, 3);
				return true;
			}
		}
	return false;
}

static char *request_text(bool lic, const char *soc, const char *state)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddStringToObject(o, "source", "careeronestop");
	cJSON_AddStringToObject(o, "what", lic ? "licenses" : "certifications");
	cJSON_AddStringToObject(o, "soc", soc);
	if (lic)
		cJSON_AddStringToObject(o, "state", state);
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}

/* The path below the base with USER as the user id segment. */
static char *api_path(bool lic, const char *user, const char *soc, const char *state)
{
	if (lic)
		return pm_xstrfmt("license/%s/%s.00/%s/0/0/0/%d", user, soc, state,
				  PM_CAREERONESTOP_LIMIT);
	return pm_xstrfmt("certificationfinder/%s/%s.00/0/0/0/0/0/0/0/0/0/%d", user, soc,
			  PM_CAREERONESTOP_LIMIT);
}

enum pm_status pm_careeronestop_spec(struct pm_fetch_spec *out, const char *what, const char *soc,
				     const char *state, struct pm_err *err)
{
	const char *token = pm_config_get("careeronestop_token");
	const char *user = pm_config_get("careeronestop_userid");
	const struct pm_source *src = pm_source_find("careeronestop");
	char code[PM_CODE_MAX], st[3] = "";
	char *base, *shown, *real;
	bool lic;

	memset(out, 0, sizeof *out);
	if (!strcmp(what, "licenses"))
		lic = true;
	else if (!strcmp(what, "certifications"))
		lic = false;
	else
		return pm_err_set(err, PM_EUSAGE,
				  "careeronestop: '%s' is not certifications or licenses", what);
	if (pm_code_normalize(PM_CODE_SOC, soc, code, sizeof code, NULL, NULL) ||
	    pm_soc_level(code) != PM_SOC_DETAILED)
		return pm_err_set(err, PM_EUSAGE,
				  "careeronestop: '%s' is not a detailed SOC code (e.g. 29-1141)",
				  soc);
	if (lic && !state_abbr(state, st))
		return pm_err_set(
			err, PM_EUSAGE,
			"careeronestop: licenses need a state: '%s' is not one (e.g. OH or "
			"39)",
			state ? state : "");
	if (!token || !*token || !user || !*user)
		return pm_err_set(
			err, PM_EUSAGE,
			"CareerOneStop needs an API token and user id: set "
			"PATHMAP_CAREERONESTOP_TOKEN and PATHMAP_CAREERONESTOP_USERID (or "
			"careeronestop_token and careeronestop_userid in the config file); "
			"register at %s",
			REGISTER_URL);
	if (strchr(user, '/') || strchr(user, '?') || strchr(user, '#') || strchr(user, ' '))
		return pm_err_set(err, PM_EUSAGE,
				  "the CareerOneStop user id holds a character a URL path cannot "
				  "('/', '?', '#' or a blank): check PATHMAP_CAREERONESTOP_USERID");
	base = pm_source_base(src);
	shown = api_path(lic, "{userId}", code, st);
	real = api_path(lic, user, code, st);
	out->src = src;
	out->kind = 'j';
	out->url = pm_xstrfmt("%s/%s", base, shown);
	out->fetch_url = pm_xstrfmt("%s/%s", base, real);
	out->auth_header = pm_xstrfmt("Authorization: Bearer %s", token);
	out->request = request_text(lic, code, st);
	out->cache_key = pm_xstrdup(out->request);
	if (lic) {
		out->label = pm_xstrfmt("CareerOneStop licenses %s %s", code, st);
		out->file_name = pm_xstrfmt("licenses-%s-%s.json", code, st);
	} else {
		out->label = pm_xstrfmt("CareerOneStop certifications %s", code);
		out->file_name = pm_xstrfmt("certifications-%s.json", code);
	}
	snprintf(out->code, sizeof out->code, "%s", code);
	free(base);
	free(shown);
	free(real);
	return PM_OK;
}

enum pm_status pm_careeronestop_respec(const char *request, struct pm_fetch_spec *out,
				       struct pm_err *err)
{
	cJSON *o = cJSON_Parse(request);
	const char *what, *soc, *state;
	enum pm_status rc;

	if (!o)
		return pm_err_set(err, PM_EDATA, "stored CareerOneStop request is not JSON");
	what = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "what"));
	soc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "soc"));
	state = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "state"));
	if (!what || !soc)
		rc = pm_err_set(err, PM_EDATA, "stored CareerOneStop request lacks what or soc");
	else
		rc = pm_careeronestop_spec(out, what, soc, state, err);
	cJSON_Delete(o);
	return rc;
}

/* ---- responses ---- */

/* Replace every S in B with WITH (S of 3 bytes or more). */
static void replace_all(struct pm_buf *b, const char *s, const char *with)
{
	struct pm_buf out = PM_BUF_INIT;
	const char *p = b->buf, *hit;
	size_t n = s ? strlen(s) : 0;

	if (n < 3)
		return;
	while ((hit = strstr(p, s))) {
		pm_buf_add(&out, p, (size_t)(hit - p));
		pm_buf_adds(&out, with);
		p = hit + n;
	}
	pm_buf_adds(&out, p);
	pm_buf_release(b);
	*b = out;
}

/* TEXT on one line, at most 300 bytes, with the token and user id masked: a new string. */
static char *masked(const char *text)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t i;

	pm_buf_adds(&b, text);
	replace_all(&b, pm_config_get("careeronestop_token"), "{token}");
	replace_all(&b, pm_config_get("careeronestop_userid"), "{userId}");
	for (i = 0; i < b.len; i++)
		if ((unsigned char)b.buf[i] < ' ')
			b.buf[i] = ' ';
	if (b.len > 300) {
		pm_buf_truncate(&b, 300);
		pm_buf_adds(&b, "...");
	}
	return pm_buf_detach(&b, NULL);
}

static enum pm_status read_json(const char *path, const char *name, cJSON **out, struct pm_err *err)
{
	struct pm_buf text = PM_BUF_INIT;
	enum pm_status rc;
	cJSON *o;

	*out = NULL;
	pm_buf_init(&text, MAX_RESPONSE);
	if ((rc = pm_reader_read_file(path, &text, err))) {
		pm_buf_release(&text);
		return rc;
	}
	if (pm_buf_status(&text)) {
		pm_buf_release(&text);
		return pm_err_set(err, PM_EDATA, "%s: response larger than %zu bytes", name,
				  MAX_RESPONSE);
	}
	o = cJSON_ParseWithLength(text.buf, text.len);
	if (!o || !cJSON_IsObject(o)) {
		size_t at =
			!o && cJSON_GetErrorPtr() ? (size_t)(cJSON_GetErrorPtr() - text.buf) : 0;
		bool html = text.len && strchr(" \t\r\n<", text.buf[0]) && strstr(text.buf, "<");

		if (!text.len)
			rc = pm_err_set(err, PM_EDATA, "%s: empty response", name);
		else if (o)
			rc = pm_err_set(err, PM_EDATA,
					"%s: a JSON %s, not a CareerOneStop response", name,
					cJSON_IsArray(o) ? "array" : "value");
		else
			rc = pm_err_set(err, PM_EDATA, "%s: %s (at byte %zu)", name,
					html ? "an HTML page, not a CareerOneStop JSON response"
					     : "not valid JSON",
					at);
		cJSON_Delete(o);
		pm_buf_release(&text);
		return rc;
	}
	pm_buf_release(&text);
	*out = o;
	return PM_OK;
}

/* Member KEY of O under any of the spellings in KEYS (NULL-ended), or NULL. */
static const cJSON *member(const cJSON *o, const char *const *keys)
{
	size_t i;

	for (i = 0; keys[i]; i++) {
		const cJSON *v = cJSON_GetObjectItem(o, keys[i]); /* case-insensitive */

		if (v && !cJSON_IsNull(v))
			return v;
	}
	return NULL;
}

/* A member as text: a string (trimmed; NULL when blank) or a number; a new string or NULL. */
static char *text_of(const cJSON *v)
{
	const char *s, *e;

	if (cJSON_IsNumber(v))
		return pm_xstrfmt("%.15g", v->valuedouble);
	if (!cJSON_IsString(v))
		return NULL;
	for (s = v->valuestring; isspace((unsigned char)*s); s++)
		;
	for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]); e--)
		;
	return e > s ? pm_xstrndup(s, (size_t)(e - s)) : NULL;
}

/* A member that may be an array of strings ("Type": ["Core", "Advanced"]): joined by ", ". */
static char *text_or_list(const cJSON *v)
{
	struct pm_buf b = PM_BUF_INIT;
	const cJSON *e;

	if (!cJSON_IsArray(v))
		return text_of(v);
	cJSON_ArrayForEach(e, v)
	{
		char *t = text_of(cJSON_IsObject(e) ? cJSON_GetObjectItem(e, "Name") : e);

		if (t)
			pm_buf_addf(&b, "%s%s", b.len ? ", " : "", t);
		free(t);
	}
	if (!b.len) {
		pm_buf_release(&b);
		return NULL;
	}
	return pm_buf_detach(&b, NULL);
}

static const char *const k_certs[] = { "CertList", "CertificationList", "Certifications", NULL };
static const char *const k_lics[] = { "LicenseList", "Licenses", NULL };
static const char *const k_cid[] = { "Id", "CertId", "CertificationId", NULL };
static const char *const k_lid[] = { "ID", "LicenseId", "LicenseID", NULL };
static const char *const k_cname[] = { "Name", "CertName", "Title", NULL };
static const char *const k_lname[] = { "Title", "Name", "LicenseName", NULL };
static const char *const k_org[] = { "Org", "Organization", "OrgName", "CertOrg", NULL };
static const char *const k_agency[] = { "LicenseAgency", "Agency", "LicensingAgency", NULL };
static const char *const k_url[] = { "Url", "URL", "OrgUrl", "Link", NULL };
static const char *const k_level[] = { "Level", "CertLevel", NULL };
static const char *const k_state[] = { "State", "StateAbbr", "StateName", NULL };
static const char *const k_msg[] = { "ErrorMessage", "Message", "message", NULL };

/*
 * The list in O and whether it holds licenses. NULL when O is neither
 * shape: ERR then says why (the response's own message when it has one).
 */
static const cJSON *list_of(const cJSON *o, const char *name, bool *lic, enum pm_status code,
			    struct pm_err *err)
{
	const cJSON *c = member(o, k_certs), *l = member(o, k_lics), *m;
	char *said;

	if (cJSON_IsArray(c) && !cJSON_IsArray(l)) {
		*lic = false;
		return c;
	}
	if (cJSON_IsArray(l) && !cJSON_IsArray(c)) {
		*lic = true;
		return l;
	}
	if (cJSON_IsArray(c) && cJSON_IsArray(l)) {
		pm_err_set(err, PM_EDATA,
			   "%s: both CertList and LicenseList: cannot tell certifications from "
			   "licenses",
			   name);
		return NULL;
	}
	m = member(o, k_msg);
	said = cJSON_IsString(m) ? masked(m->valuestring) : NULL;
	if (said && *said)
		pm_err_set(err, code, "%s: CareerOneStop says: %s", name, said);
	else
		pm_err_set(err, PM_EDATA,
			   "%s: not a CareerOneStop certification or license list (no CertList or "
			   "LicenseList array)",
			   name);
	free(said);
	return NULL;
}

/* What the stored request of a spec or dataset says: "certifications" / "licenses" or NULL. */
static bool request_fields(const char *request, char *what, size_t nwhat, char *soc, size_t nsoc,
			   char *state, size_t nstate)
{
	cJSON *o = request ? cJSON_Parse(request) : NULL;
	const char *w, *s, *t;
	bool ok;

	if (!o)
		return false;
	w = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "what"));
	s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "soc"));
	t = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "state"));
	ok = w && s;
	if (ok) {
		snprintf(what, nwhat, "%s", w);
		snprintf(soc, nsoc, "%s", s);
		snprintf(state, nstate, "%s", t ? t : "");
	}
	cJSON_Delete(o);
	return ok;
}

enum pm_status pm_careeronestop_validate(const struct pm_fetch_spec *spec, const char *path,
					 struct pm_err *err)
{
	char what[32], soc[PM_CODE_MAX], state[8];
	cJSON *o = NULL;
	enum pm_status rc = PM_OK;
	bool lic = false;

	if ((rc = read_json(path, spec->url, &o, err)))
		return rc;
	if (!list_of(o, spec->url, &lic, PM_ENET, err))
		rc = err ? err->code : PM_EDATA;
	else if (request_fields(spec->request, what, sizeof what, soc, sizeof soc, state,
				sizeof state) &&
		 lic != !strcmp(what, "licenses"))
		rc = pm_err_set(err, PM_EDATA, "%s: asked for %s, got a %s list", spec->url, what,
				lic ? "license" : "certification");
	cJSON_Delete(o);
	return rc;
}

/*
 * The SOC code and state a saved response's file NAME gives
 * ("certifications-29-1141.json", "licenses_291141_OH.json"): SOC into
 * SOC, the first two-letter state abbreviation after it into STATE ("" if
 * none). False when the name holds no SOC code.
 */
static bool name_fields(const char *name, char *soc, size_t nsoc, char state[3])
{
	const char *p;

	state[0] = '\0';
	for (p = name; *p; p++) {
		char cand[8];
		size_t n = 0, i;

		if (p > name && isdigit((unsigned char)p[-1]))
			continue;
		for (i = 0; i < 7 && (isdigit((unsigned char)p[i]) || (i == 2 && p[i] == '-')); i++)
			;
		if (i == 7 && p[2] == '-' && !isdigit((unsigned char)p[7]))
			n = 7;
		else if (i >= 6 && p[2] != '-' && !isdigit((unsigned char)p[6]))
			n = 6;
		if (!n)
			continue;
		memcpy(cand, p, n);
		cand[n] = '\0';
		if (pm_code_normalize(PM_CODE_SOC, cand, soc, nsoc, NULL, NULL))
			continue;
		/* A state: two letters standing alone between separators after the code. */
		for (p += n; *p; p++) {
			char two[3];

			if (!strchr("-_.", p[-1]) || !isalpha((unsigned char)p[0]) ||
			    !isalpha((unsigned char)p[1]) || (p[2] && !strchr("-_.", p[2])))
				continue;
			two[0] = p[0];
			two[1] = p[1];
			two[2] = '\0';
			if (state_abbr(two, state))
				break;
			state[0] = '\0';
		}
		return true;
	}
	return false;
}

static enum pm_status load_list(struct pm_store *st, const cJSON *list, bool lic, const char *soc,
				const char *state, const char *name, struct pm_load *ld,
				struct pm_err *err)
{
	const char *kind = lic ? PM_CREDENTIAL_LICENSE : PM_CREDENTIAL_CERTIFICATION;
	sqlite3_stmt *del = NULL, *ins = NULL;
	const cJSON *it;
	enum pm_status rc;
	size_t i = 0;

	if ((rc = pm_store_prepare(st,
				   "DELETE FROM credential WHERE soc_code = ?1 AND kind = ?2 AND "
				   "(?2 <> 'license' OR state IS ?3)",
				   &del, err)) ||
	    (rc = pm_store_prepare(st,
				   "INSERT OR REPLACE INTO credential (soc_code, kind, id, name, "
				   "organization, state, level, url, dataset_id) "
				   "VALUES (?,?,?,?,?,?,?,?,?)",
				   &ins, err)))
		goto out;
	pm_bind_text(del, 1, soc);
	pm_bind_text(del, 2, kind);
	pm_bind_text(del, 3, *state ? state : NULL);
	if (sqlite3_step(del) != SQLITE_DONE) {
		rc = pm_store_fail(st, err, "cannot replace credentials");
		goto out;
	}
	cJSON_ArrayForEach(it, list)
	{
		struct pm_credential c = { 0 };
		const cJSON *agency = lic ? member(it, k_agency) : NULL;
		char st2[3];

		i++;
		ld->ds.rows_read++;
		if (!cJSON_IsObject(it)) {
			rc = pm_err_set(err, PM_EDATA, "%s: %s item %zu is not an object", name,
					lic ? "LicenseList" : "CertList", i);
			goto out;
		}
		c.id = text_of(member(it, lic ? k_lid : k_cid));
		c.name = text_of(member(it, lic ? k_lname : k_cname));
		if (!c.id || !c.name) {
			rc = pm_err_set(err, PM_EDATA, "%s: %s item %zu has no %s", name,
					lic ? "LicenseList" : "CertList", i,
					!c.id ? (lic ? "ID" : "Id") : (lic ? "Title" : "Name"));
			pm_credential_release(&c);
			goto out;
		}
		if (lic) {
			c.organization =
				text_of(cJSON_IsObject(agency) ? cJSON_GetObjectItem(agency, "Name")
							       : agency);
			c.url = text_of(cJSON_IsObject(agency) ? member(agency, k_url)
							       : member(it, k_url));
			if (*state)
				c.state = pm_xstrdup(state);
			else if ((c.state = text_of(member(it, k_state))) ||
				 (cJSON_IsObject(agency) &&
				  (c.state = text_of(member(agency, k_state)))))
				if (state_abbr(c.state, st2))
					memcpy(c.state, st2, 3);
		} else {
			c.organization = text_or_list(member(it, k_org));
			c.level = text_or_list(member(it, k_level));
			c.url = text_of(member(it, k_url));
		}
		sqlite3_reset(ins);
		pm_bind_text(ins, 1, soc);
		pm_bind_text(ins, 2, kind);
		pm_bind_text(ins, 3, c.id);
		pm_bind_text(ins, 4, c.name);
		pm_bind_text(ins, 5, c.organization);
		pm_bind_text(ins, 6, c.state);
		pm_bind_text(ins, 7, c.level);
		pm_bind_text(ins, 8, c.url);
		sqlite3_bind_int64(ins, 9, ld->ds.id);
		pm_credential_release(&c);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = pm_store_fail(st, err, "cannot store credentials");
			goto out;
		}
	}
out:
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return rc;
}

enum pm_status pm_careeronestop_import(struct pm_store *st, const char *path,
				       const struct pm_import_opts *opts,
				       struct pm_import_report *rep, struct pm_err *err)
{
	static const char *const tables[] = { "credential", NULL };
	const char *name = opts && opts->url ? opts->url : path;
	const char *fname = opts && opts->file_name ? opts->file_name : pm_path_base(path);
	struct pm_import_opts o = { 0 };
	char what[32] = "", soc[PM_CODE_MAX] = "", state[8] = "", st2[3];
	const cJSON *list, *count;
	struct pm_load ld;
	enum pm_status rc;
	cJSON *root = NULL;
	bool lic = false, asked;

	memset(&ld, 0, sizeof ld);
	memset(rep, 0, sizeof *rep);
	/* Parse before touching the store: a bad response records nothing. */
	if ((rc = read_json(path, name, &root, err)))
		goto out;
	if (!(list = list_of(root, name, &lic, PM_EDATA, err))) {
		rc = err ? err->code : PM_EDATA;
		goto out;
	}
	asked = opts && request_fields(opts->request, what, sizeof what, soc, sizeof soc, state,
				       sizeof state);
	if (asked && lic != !strcmp(what, "licenses")) {
		rc = pm_err_set(err, PM_EDATA, "%s: asked for %s, got a %s list", name, what,
				lic ? "license" : "certification");
		goto out;
	}
	if (!asked) {
		if (!name_fields(fname, soc, sizeof soc, st2)) {
			rc = pm_err_set(err, PM_EDATA,
					"%s: cannot tell which occupation this response is for: "
					"name the file after its SOC code (e.g. "
					"certifications-29-1141.json, licenses-29-1141-OH.json)",
					path);
			goto out;
		}
		snprintf(state, sizeof state, "%s", lic ? st2 : "");
	}
	if (!lic)
		state[0] = '\0';
	if (opts)
		o = *opts;
	o.force = true; /* see the top of this file */
	if ((rc = pm_load_begin(st, "careeronestop", lic ? "licenses" : "certifications", path, &o,
				rep, &ld, err)))
		goto out;
	if (*state)
		pm_load_set_vintage(&ld.ds, "SOC %s, %s", soc, state);
	else
		pm_load_set_vintage(&ld.ds, "SOC %s", soc);
	if ((rc = load_list(st, list, lic, soc, state, name, &ld, err)) ||
	    (rc = pm_load_count(st, &ld, tables, "credential", err)))
		goto out;
	count = cJSON_GetObjectItem(root, "RecordCount");
	if (cJSON_IsNumber(count) && count->valuedouble > (double)cJSON_GetArraySize(list))
		pm_load_set_kind(&ld.ds, lic ? "licenses-partial" : "certifications-partial");
	rc = pm_load_finish(st, &ld, tables, &o, rep, err);
out:
	cJSON_Delete(root);
	pm_load_release(&ld);
	return rc;
}
