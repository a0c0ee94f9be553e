/*
 * QCEW file layouts and row validation (see qcew.h). Kept apart from the
 * import orchestration so the fuzz target can drive it without a store.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/parse.h"
#include "fetch/qcew.h"
#include "sectors/naics.h"
#include "core/banned.h"

static const char *const key_names[PM_QK_N] = {
	"area_fips", "own_code", "industry_code", "agglvl_code",
	"size_code", "year",	 "qtr",		  "disclosure_code",
};

static const char *const title_names[PM_QT_N] = {
	"area_title", "own_title", "industry_title", "agglvl_title", "size_title",
};

/* Column names per measure: two spellings for annual files, two for quarterly. */
static const struct {
	enum pm_qcew_measure m;
	const char *annual[2];
	const char *quarterly[2];
} measure_cols[] = {
	{ PM_Q_ESTABS,
	  { "annual_avg_estabs", "annual_avg_estabs_count" },
	  { "qtrly_estabs", "qtrly_estabs_count" } },
	{ PM_Q_EMPLVL, { "annual_avg_emplvl" }, { "month3_emplvl" } },
	{ PM_Q_MONTH1_EMPLVL, { NULL }, { "month1_emplvl" } },
	{ PM_Q_MONTH2_EMPLVL, { NULL }, { "month2_emplvl" } },
	{ PM_Q_TOTAL_WAGES, { "total_annual_wages" }, { "total_qtrly_wages" } },
	{ PM_Q_TAXABLE_WAGES, { "taxable_annual_wages" }, { "taxable_qtrly_wages" } },
	{ PM_Q_CONTRIBUTIONS, { "annual_contributions" }, { "qtrly_contributions" } },
	{ PM_Q_AVG_WKLY_WAGE, { "annual_avg_wkly_wage" }, { "avg_wkly_wage" } },
	{ PM_Q_AVG_ANNUAL_PAY, { "avg_annual_pay" }, { NULL } },
	{ PM_Q_LQ_ESTABS,
	  { "lq_annual_avg_estabs", "lq_annual_avg_estabs_count" },
	  { "lq_qtrly_estabs", "lq_qtrly_estabs_count" } },
	{ PM_Q_LQ_EMPLVL, { "lq_annual_avg_emplvl" }, { "lq_month3_emplvl" } },
	{ PM_Q_LQ_MONTH1_EMPLVL, { NULL }, { "lq_month1_emplvl" } },
	{ PM_Q_LQ_MONTH2_EMPLVL, { NULL }, { "lq_month2_emplvl" } },
	{ PM_Q_LQ_TOTAL_WAGES, { "lq_total_annual_wages" }, { "lq_total_qtrly_wages" } },
	{ PM_Q_LQ_TAXABLE_WAGES, { "lq_taxable_annual_wages" }, { "lq_taxable_qtrly_wages" } },
	{ PM_Q_LQ_CONTRIBUTIONS, { "lq_annual_contributions" }, { "lq_qtrly_contributions" } },
	{ PM_Q_LQ_AVG_WKLY_WAGE, { "lq_annual_avg_wkly_wage" }, { "lq_avg_wkly_wage" } },
	{ PM_Q_LQ_AVG_ANNUAL_PAY, { "lq_avg_annual_pay" }, { NULL } },
	{ PM_Q_OTY_ESTABS_CHG,
	  { "oty_annual_avg_estabs_chg", "oty_annual_avg_estabs_count_chg" },
	  { "oty_qtrly_estabs_chg", "oty_qtrly_estabs_count_chg" } },
	{ PM_Q_OTY_ESTABS_PCT,
	  { "oty_annual_avg_estabs_pct_chg", "oty_annual_avg_estabs_count_pct_chg" },
	  { "oty_qtrly_estabs_pct_chg", "oty_qtrly_estabs_count_pct_chg" } },
	{ PM_Q_OTY_EMPLVL_CHG, { "oty_annual_avg_emplvl_chg" }, { "oty_month3_emplvl_chg" } },
	{ PM_Q_OTY_EMPLVL_PCT,
	  { "oty_annual_avg_emplvl_pct_chg" },
	  { "oty_month3_emplvl_pct_chg" } },
	{ PM_Q_OTY_MONTH1_EMPLVL_CHG, { NULL }, { "oty_month1_emplvl_chg" } },
	{ PM_Q_OTY_MONTH1_EMPLVL_PCT, { NULL }, { "oty_month1_emplvl_pct_chg" } },
	{ PM_Q_OTY_MONTH2_EMPLVL_CHG, { NULL }, { "oty_month2_emplvl_chg" } },
	{ PM_Q_OTY_MONTH2_EMPLVL_PCT, { NULL }, { "oty_month2_emplvl_pct_chg" } },
	{ PM_Q_OTY_TOTAL_WAGES_CHG,
	  { "oty_total_annual_wages_chg" },
	  { "oty_total_qtrly_wages_chg" } },
	{ PM_Q_OTY_TOTAL_WAGES_PCT,
	  { "oty_total_annual_wages_pct_chg" },
	  { "oty_total_qtrly_wages_pct_chg" } },
	{ PM_Q_OTY_TAXABLE_WAGES_CHG,
	  { "oty_taxable_annual_wages_chg" },
	  { "oty_taxable_qtrly_wages_chg" } },
	{ PM_Q_OTY_TAXABLE_WAGES_PCT,
	  { "oty_taxable_annual_wages_pct_chg" },
	  { "oty_taxable_qtrly_wages_pct_chg" } },
	{ PM_Q_OTY_CONTRIBUTIONS_CHG,
	  { "oty_annual_contributions_chg" },
	  { "oty_qtrly_contributions_chg" } },
	{ PM_Q_OTY_CONTRIBUTIONS_PCT,
	  { "oty_annual_contributions_pct_chg" },
	  { "oty_qtrly_contributions_pct_chg" } },
	{ PM_Q_OTY_AVG_WKLY_WAGE_CHG,
	  { "oty_annual_avg_wkly_wage_chg" },
	  { "oty_avg_wkly_wage_chg" } },
	{ PM_Q_OTY_AVG_WKLY_WAGE_PCT,
	  { "oty_annual_avg_wkly_wage_pct_chg" },
	  { "oty_avg_wkly_wage_pct_chg" } },
	{ PM_Q_OTY_AVG_ANNUAL_PAY_CHG, { "oty_avg_annual_pay_chg" }, { NULL } },
	{ PM_Q_OTY_AVG_ANNUAL_PAY_PCT, { "oty_avg_annual_pay_pct_chg" }, { NULL } },
};

static int find_col(struct pm_csv *csv, const char *const names[2])
{
	int i, c;

	for (i = 0; i < 2; i++)
		if (names[i] && (c = pm_csv_col(csv, names[i])) >= 0)
			return c;
	return -1;
}

enum pm_status pm_qcew_layout_detect(struct pm_csv *csv, struct pm_qcew_layout *lay,
				     struct pm_err *err)
{
	static const enum pm_qcew_measure required[] = { PM_Q_ESTABS, PM_Q_EMPLVL,
							 PM_Q_TOTAL_WAGES };
	bool annual = pm_csv_col(csv, "annual_avg_emplvl") >= 0;
	bool quarterly = pm_csv_col(csv, "month3_emplvl") >= 0;
	size_t i, k;

	memset(lay, 0, sizeof *lay);
	lay->ncols = pm_csv_ncols(csv);
	for (k = 0; k < PM_QK_N; k++) {
		lay->key[k] = pm_csv_col(csv, key_names[k]);
		if (lay->key[k] < 0)
			return pm_err_set(
				err, PM_EDATA,
				"%s:1: not a QCEW data file: the header lacks column '%s'",
				pm_csv_name(csv), key_names[k]);
	}
	if (annual == quarterly)
		return pm_err_set(err, PM_EDATA,
				  "%s:1: not a QCEW data file: the header has %s of "
				  "'annual_avg_emplvl' (annual) and 'month3_emplvl' (quarterly)",
				  pm_csv_name(csv), annual ? "both" : "neither");
	lay->quarterly = quarterly;
	lay->lq_disclosure = pm_csv_col(csv, "lq_disclosure_code");
	lay->oty_disclosure = pm_csv_col(csv, "oty_disclosure_code");
	for (i = 0; i < PM_Q_NMEASURES; i++)
		lay->meas[i] = -1;
	for (i = 0; i < sizeof measure_cols / sizeof measure_cols[0]; i++)
		lay->meas[measure_cols[i].m] = find_col(csv, quarterly ? measure_cols[i].quarterly
								       : measure_cols[i].annual);
	for (i = 0; i < sizeof required / sizeof required[0]; i++) {
		if (lay->meas[required[i]] < 0) {
			size_t j;

			for (j = 0; measure_cols[j].m != required[i]; j++)
				;
			return pm_err_set(err, PM_EDATA,
					  "%s:1: not a complete QCEW %s file: the header lacks "
					  "column '%s'",
					  pm_csv_name(csv), quarterly ? "quarterly" : "annual",
					  quarterly ? measure_cols[j].quarterly[0]
						    : measure_cols[j].annual[0]);
		}
	}
	if (quarterly && (lay->meas[PM_Q_MONTH1_EMPLVL] < 0 || lay->meas[PM_Q_MONTH2_EMPLVL] < 0))
		return pm_err_set(err, PM_EDATA,
				  "%s:1: not a complete QCEW quarterly file: the header lacks "
				  "'month1_emplvl' or 'month2_emplvl'",
				  pm_csv_name(csv));
	for (k = 0; k < PM_QT_N; k++)
		lay->title[k] = pm_csv_col(csv, title_names[k]);
	return PM_OK;
}

/* ---- row validation ---- */

static enum pm_status bad(struct pm_csv *csv, struct pm_err *err, const char *field,
			  const char *value, const char *what)
{
	return pm_err_set(err, PM_EDATA, "%s:%llu: field '%s': '%.40s' %s", pm_csv_name(csv),
			  (unsigned long long)pm_csv_line(csv), field, value, what);
}

static bool is_alnum_upper(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]) && !isupper((unsigned char)s[i]))
			return false;
	return true;
}

/* Copy field COL trimmed of blanks into OUT (size N); false when it does not fit. */
static bool field_copy(struct pm_csv *csv, int col, char *out, size_t n, const char **raw)
{
	size_t len;
	const char *f = pm_csv_field(csv, (size_t)col, &len);

	*raw = f;
	while (len && (*f == ' ' || *f == '\t')) {
		f++;
		len--;
	}
	while (len && (f[len - 1] == ' ' || f[len - 1] == '\t'))
		len--;
	if (len >= n)
		return false;
	memcpy(out, f, len);
	out[len] = '\0';
	return true;
}

static enum pm_status parse_disclosure(struct pm_csv *csv, int col, const char *name, char out[2],
				       struct pm_err *err)
{
	const char *raw;
	char tmp[4];

	if (col < 0) {
		out[0] = '\0';
		return PM_OK;
	}
	/* "" disclosed, "N" suppressed, "-" no establishments this period (values are 0). */
	if (!field_copy(csv, col, tmp, sizeof tmp, &raw) ||
	    (tmp[0] && strcmp(tmp, "N") && strcmp(tmp, "-")))
		return bad(csv, err, name, raw,
			   "is not a disclosure code (expected empty, N or -)");
	memcpy(out, tmp, 2);
	return PM_OK;
}

/*
 * N bytes at S as a double, the same value pm_parse_double() gives. Plain
 * decimals of at most 15 significant digits (all QCEW writes: "1.23",
 * "-4.5", "0.00") take Clinger's fast path: the digits as an exact integer
 * divided by an exact power of ten, one correctly rounded operation, so the
 * result is the correctly rounded value strtod returns. Anything else goes
 * to pm_parse_double().
 */
static int parse_real(const char *s, size_t n, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2,	1e3,  1e4,  1e5,  1e6,	1e7,
					1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	uint64_t m = 0;
	size_t i = 0, digits = 0, frac = 0;
	bool neg = false, dot = false;
	double v;

	if (n && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			m = m * 10 + (uint64_t)(s[i] - '0');
			digits++;
			frac += dot;
		} else if (s[i] == '.' && !dot) {
			dot = true;
		} else {
			break;
		}
	}
	if (i != n || !digits || digits > 15)
		return pm_parse_double(s, n, out);
	v = (double)m / pow10[frac];
	*out = neg ? -v : v;
	return 0;
}

enum pm_status pm_qcew_parse_row(const struct pm_qcew_layout *lay, struct pm_csv *csv,
				 struct pm_qcew_row *r, int *repaired, struct pm_err *err)
{
	const char *raw;
	char tmp[16];
	int64_t year;
	size_t len, m;
	enum pm_status rc;

	memset(r, 0, sizeof *r);
	if (pm_csv_nfields(csv) != lay->ncols)
		return pm_err_set(err, PM_EDATA, "%s:%llu: expected %zu fields, found %zu%s",
				  pm_csv_name(csv), (unsigned long long)pm_csv_line(csv),
				  lay->ncols, pm_csv_nfields(csv),
				  pm_csv_nfields(csv) < lay->ncols ? " (truncated file?)" : "");

	/* Keys. A re-saved file may have turned '01001' into '1001': restore the zero. */
	if (!field_copy(csv, lay->key[PM_QK_AREA], tmp, sizeof tmp, &raw))
		return bad(csv, err, "area_fips", raw, "is not an area code");
	len = strlen(tmp);
	if (len >= 1 && len < 5 && pm_all_digits(tmp, len)) {
		char padded[8];

		snprintf(padded, sizeof padded, "%05d", (int)strtol(tmp, NULL, 10));
		memcpy(tmp, padded, 6);
		len = 5;
		(*repaired)++;
	}
	if (len != 5 || !is_alnum_upper(tmp, 5))
		return bad(csv, err, "area_fips", raw, "is not an area code");
	memcpy(r->area, tmp, 6);

	if (!field_copy(csv, lay->key[PM_QK_OWN], tmp, sizeof tmp, &raw) || strlen(tmp) != 1 ||
	    !isdigit((unsigned char)tmp[0]))
		return bad(csv, err, "own_code", raw, "is not an ownership code");
	memcpy(r->own, tmp, 2);

	if (!field_copy(csv, lay->key[PM_QK_INDUSTRY], tmp, sizeof tmp, &raw) ||
	    pm_naics_level(tmp) < 0)
		return bad(csv, err, "industry_code", raw, "is not an industry code");
	memcpy(r->industry, tmp, strlen(tmp) + 1);

	if (!field_copy(csv, lay->key[PM_QK_AGGLVL], tmp, sizeof tmp, &raw) || strlen(tmp) != 2 ||
	    !pm_all_digits(tmp, 2))
		return bad(csv, err, "agglvl_code", raw, "is not an aggregation level code");
	memcpy(r->agglvl, tmp, 3);

	if (!field_copy(csv, lay->key[PM_QK_SIZE], tmp, sizeof tmp, &raw) || strlen(tmp) != 1 ||
	    !isdigit((unsigned char)tmp[0]))
		return bad(csv, err, "size_code", raw, "is not a size class code");
	memcpy(r->size, tmp, 2);

	if (!field_copy(csv, lay->key[PM_QK_YEAR], tmp, sizeof tmp, &raw) ||
	    pm_parse_i64(tmp, strlen(tmp), &year) || year < 1970 || year > 2200)
		return bad(csv, err, "year", raw, "is not a year");
	r->year = (int)year;

	if (!field_copy(csv, lay->key[PM_QK_QTR], tmp, sizeof tmp, &raw) || strlen(tmp) != 1)
		return bad(csv, err, "qtr", raw, "is not a quarter (A or 1-4)");
	if (tmp[0] == 'a')
		tmp[0] = 'A';
	if (lay->quarterly ? (tmp[0] < '1' || tmp[0] > '4') : tmp[0] != 'A')
		return bad(csv, err, "qtr", raw,
			   lay->quarterly ? "is not a quarter (1-4) in a quarterly file"
					  : "is not 'A' in an annual file");
	memcpy(r->qtr, tmp, 2);

	if ((rc = parse_disclosure(csv, lay->key[PM_QK_DISCLOSURE], "disclosure_code",
				   r->disclosure, err)) ||
	    (rc = parse_disclosure(csv, lay->lq_disclosure, "lq_disclosure_code", r->lq_disclosure,
				   err)) ||
	    (rc = parse_disclosure(csv, lay->oty_disclosure, "oty_disclosure_code",
				   r->oty_disclosure, err)))
		return rc;
	/* A suppressed cell's LQ and change are suppressed too, whatever their own codes say. */
	if (r->disclosure[0] == 'N') {
		memcpy(r->lq_disclosure, "N", 2);
		memcpy(r->oty_disclosure, "N", 2);
	}

	for (m = 0; m < PM_Q_NMEASURES; m++) {
		const struct pm_qcew_measure_info *mi = &pm_qcew_measures[m];
		const char *code, *f;
		int col = lay->meas[m];

		if (col < 0)
			continue;
		code = mi->group == PM_QG_BASE ? r->disclosure
		       : mi->group == PM_QG_LQ ? r->lq_disclosure
					       : r->oty_disclosure;
		f = pm_csv_field(csv, (size_t)col, &len);
		if (pm_is_blank(f, len))
			continue;
		if (mi->real) {
			if (parse_real(f, len, &r->v[m].d))
				return bad(csv, err, pm_csv_colname(csv, (size_t)col), f,
					   "is not a number");
		} else if (pm_parse_i64(f, len, &r->v[m].i)) {
			return bad(csv, err, pm_csv_colname(csv, (size_t)col), f,
				   "is not a whole number");
		}
		if (mi->group != PM_QG_OTY && (mi->real ? r->v[m].d < 0 : r->v[m].i < 0))
			return bad(csv, err, pm_csv_colname(csv, (size_t)col), f, "is negative");
		/* BLS writes suppressed values as 0: they are unknown, never zero. */
		if (code[0] == 'N' && !mi->never_suppressed)
			continue;
		r->has[m] = true;
	}
	return PM_OK;
}
