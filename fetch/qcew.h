#ifndef PM_FETCH_QCEW_H
#define PM_FETCH_QCEW_H
/*
 * BLS Quarterly Census of Employment and Wages (QCEW) files.
 *
 * Published at https://data.bls.gov/cew/data/api/{YYYY}/{1-4,a}/{area,industry}/{code}.csv
 * (hyphens in industry codes become underscores) and as annual singlefile
 * zips at https://data.bls.gov/cew/data/files/{YYYY}/csv/{YYYY}_annual_singlefile.zip.
 *
 * Layouts accepted (columns found by name, never position):
 *  - annual (annual_avg_emplvl, total_annual_wages, avg_annual_pay, ...) and
 *    quarterly (month1..3_emplvl, total_qtrly_wages, ...);
 *  - with or without the title columns (area_title, industry_title, ...) of
 *    the by-industry/by-area zips, whose estab columns end in "_count";
 *  - as published (every text field quoted, CRLF, "1.00") and as re-saved by
 *    pandas or Excel (unquoted, "1.0", empty disclosure codes).
 *
 * Disclosure: disclosure_code "N" marks a suppressed cell. BLS writes its
 * measures as 0; they are stored as NULL (unknown). Establishment counts are
 * published even then and are kept. lq_disclosure_code and
 * oty_disclosure_code govern the lq_* and oty_* columns the same way. BLS
 * also writes "-" (seen in US000 quarterly slices) on rows of industries with
 * no establishments in the period but some a year earlier: their measures
 * are true zeros and are kept as published.
 */
#include <stdbool.h>

#include "core/err.h"
#include "fetch/catalog.h"
#include "store/qcew.h"

struct pm_csv;

enum pm_qcew_key {
	PM_QK_AREA,
	PM_QK_OWN,
	PM_QK_INDUSTRY,
	PM_QK_AGGLVL,
	PM_QK_SIZE,
	PM_QK_YEAR,
	PM_QK_QTR,
	PM_QK_DISCLOSURE,
	PM_QK_N
};

enum pm_qcew_title { PM_QT_AREA, PM_QT_OWN, PM_QT_INDUSTRY, PM_QT_AGGLVL, PM_QT_SIZE, PM_QT_N };

struct pm_qcew_layout {
	bool quarterly;
	size_t ncols;
	int key[PM_QK_N];  /* column index of each key */
	int lq_disclosure; /* -1 when absent */
	int oty_disclosure;
	int meas[PM_Q_NMEASURES]; /* -1 when the file lacks the measure */
	int title[PM_QT_N];	  /* -1 when absent */
};

/*
 * Recognise the QCEW data layout of CSV's header (already read). Fails with
 * PM_EDATA naming the file and the first missing column.
 */
enum pm_status pm_qcew_layout_detect(struct pm_csv *csv, struct pm_qcew_layout *lay,
				     struct pm_err *err);

/*
 * Parse and validate CSV's current row into ROW. *REPAIRED is incremented
 * for each code repaired (a county FIPS that lost its leading zero). Fails
 * with PM_EDATA naming file, line and field.
 */
enum pm_status pm_qcew_parse_row(const struct pm_qcew_layout *lay, struct pm_csv *csv,
				 struct pm_qcew_row *row, int *repaired, struct pm_err *err);

/*
 * Rows read one thread ahead (fetch/qcew_pipe.c): pm_qcew_pipe_start()
 * returns a new pipe whose thread calls NEXT with CTX until it gives NULL
 * or fails, a few thousand rows ahead of the reader; free with
 * pm_qcew_pipe_free(), which stops and joins the thread. NEXT must not
 * touch what the caller's thread uses meanwhile (the store). Reading
 * stops at the first failure, after the rows before it.
 *
 * pm_qcew_pipe_next() is a pm_qcew_next_fn over the pipe (PIPE): the
 * same rows NEXT gave, in order, then NEXT's failure or the end.
 */
struct pm_qcew_pipe;
enum pm_status pm_qcew_pipe_start(struct pm_qcew_pipe **out, pm_qcew_next_fn next, void *ctx,
				  struct pm_err *err);
enum pm_status pm_qcew_pipe_next(void *pipe, const struct pm_qcew_row **row, struct pm_err *err);
void pm_qcew_pipe_free(struct pm_qcew_pipe *p);

/*
 * A download spec (fetch/qcew_fetch.c): KIND 'a' area slice, 'i' industry
 * slice (CODE is the area or industry), 's' singlefile, 't' title table or
 * crosswalk (CODE is the table: area-titles, industry-titles,
 * ownership-titles, agglevel-titles, size-titles, county-msa-csa-crosswalk).
 * QTR is 'A' or '1'..'4'. Fills S (release with pm_fetch_spec_release()).
 */
enum pm_status pm_qcew_spec(struct pm_fetch_spec *s, char kind, const char *code, int year,
			    char qtr, struct pm_err *err);
/* pm_respec_fn and pm_validate_fn for QCEW downloads. */
enum pm_status pm_qcew_respec(const char *request, struct pm_fetch_spec *out, struct pm_err *err);
enum pm_status pm_qcew_validate(const struct pm_fetch_spec *spec, const char *path,
				struct pm_err *err);

/* pm_import_fn for QCEW data files (.csv or .zip) and QCEW title tables. */
enum pm_status pm_qcew_import(struct pm_store *st, const char *path,
			      const struct pm_import_opts *opts, struct pm_import_report *rep,
			      struct pm_err *err);

#endif
