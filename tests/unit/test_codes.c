/*
 * Unit tests for core/codes.h: every accepted spelling and every refusal of
 * each code kind, the origin ("where") in messages, SOC levels and parents,
 * O*NET roll-up and CIP families, checked against the real reference files
 * (BLS SOC structure, O*NET crosswalk, NCES CIP list and crosswalk, IPEDS,
 * QCEW counties, NAICS titles).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/csv.h"
#include "core/parse.h"
#include "core/xlsx.h"

#define SHARED(rel) PM_SHARED_DATA "/" rel

static void cleanup(void)
{
	/* Frees the compiled patterns, so ASan's leak check sees nothing left. */
	pm_codes_cleanup();
}

TestSuite(codes, .fini = cleanup);

struct ok {
	enum pm_code_kind kind;
	const char *in, *out;
};

struct bad {
	enum pm_code_kind kind;
	const char *in, *why; /* WHY: the end of the message */
};

static void expect_ok(enum pm_code_kind kind, const char *in, const char *want)
{
	struct pm_err err = PM_ERR_INIT;
	char out[PM_CODE_MAX];

	cr_assert_eq(pm_code_normalize(kind, in, out, sizeof out, "t", &err), PM_OK, "%s '%s': %s",
		     pm_code_kind_name(kind), in, err.msg);
	cr_assert_str_eq(out, want, "%s '%s'", pm_code_kind_name(kind), in);
	cr_assert(pm_code_valid(kind, in));
	/* Normalised codes are fixed points. */
	cr_assert_eq(pm_code_normalize(kind, out, out, sizeof out, NULL, &err), PM_OK, "%s",
		     err.msg);
	cr_assert_str_eq(out, want);
}

static void expect_bad(enum pm_code_kind kind, const char *in, const char *why)
{
	struct pm_err err = PM_ERR_INIT;
	char out[PM_CODE_MAX] = "junk";
	size_t n, k;

	cr_assert_eq(pm_code_normalize(kind, in, out, sizeof out, NULL, &err), PM_EDATA,
		     "%s '%s' was accepted as '%s'", pm_code_kind_name(kind), in, out);
	cr_assert_eq(err.code, PM_EDATA);
	cr_assert_str_eq(out, "", "output is cleared on failure");
	n = strlen(err.msg);
	k = strlen(why);
	cr_assert(n >= k && !strcmp(err.msg + n - k, why), "%s '%s': '%s' does not end in '%s'",
		  pm_code_kind_name(kind), in, err.msg, why);
	cr_assert_not(pm_code_valid(kind, in));
	/* No ERR is fine too. */
	cr_assert_eq(pm_code_normalize(kind, in, out, sizeof out, "x", NULL), PM_EDATA);
}

/* ---- accepted spellings ---- */

Test(codes, soc_spellings)
{
	static const struct ok cases[] = {
		{ PM_CODE_SOC, "29-1141", "29-1141" },
		{ PM_CODE_SOC, "291141", "29-1141" },
		{ PM_CODE_SOC, " 29-1141 ", "29-1141" },
		{ PM_CODE_SOC, "\t29-1141\r\n", "29-1141" },
		{ PM_CODE_SOC, "29-1141.00", "29-1141" },
		{ PM_CODE_SOC, "29-1141.01", "29-1141" },
		{ PM_CODE_SOC, "291141.05", "29-1141" },
		{ PM_CODE_SOC, "=\"29-1141\"", "29-1141" },
		{ PM_CODE_SOC, "00-0000", "00-0000" },
		{ PM_CODE_SOC, "11-0000", "11-0000" },
		{ PM_CODE_SOC, "15-1200", "15-1200" },
		{ PM_CODE_SOC, "55-3016", "55-3016" },
		{ PM_CODE_ONET, "29-1141.01", "29-1141.01" },
		{ PM_CODE_ONET, "29-1141", "29-1141.00" },
		{ PM_CODE_ONET, "291141", "29-1141.00" },
		{ PM_CODE_ONET, "291141.01", "29-1141.01" },
		{ PM_CODE_ONET, "11-1011.03", "11-1011.03" },
		{ PM_CODE_ONET, " =\"15-1299.08\" ", "15-1299.08" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_ok(cases[i].kind, cases[i].in, cases[i].out);
}

Test(codes, cip_spellings)
{
	static const struct ok cases[] = {
		/* as written */
		{ PM_CODE_CIP, "51.3801", "51.3801" },
		{ PM_CODE_CIP, "51.38", "51.38" },
		{ PM_CODE_CIP, "51", "51" },
		{ PM_CODE_CIP, "01.0000", "01.0000" },
		{ PM_CODE_CIP, "99", "99" },
		/* dot stripped */
		{ PM_CODE_CIP, "513801", "51.3801" },
		{ PM_CODE_CIP, "5138", "51.38" },
		/* leading zero lost */
		{ PM_CODE_CIP, "1", "01" },
		{ PM_CODE_CIP, "1.01", "01.01" },
		{ PM_CODE_CIP, "1.0101", "01.0101" },
		{ PM_CODE_CIP, "9.01", "09.01" },
		/* Excel's text guard (CIPCode2020.csv) */
		{ PM_CODE_CIP, "=\"01.0101\"", "01.0101" },
		{ PM_CODE_CIP, "=\"01\"", "01" },
		{ PM_CODE_CIP, " 51.3801\t", "51.3801" },
		/* a 6-digit column repairs trailing zeros */
		{ PM_CODE_CIP6, "51.3801", "51.3801" },
		{ PM_CODE_CIP6, "513801", "51.3801" },
		{ PM_CODE_CIP6, "1.0101", "01.0101" },
		{ PM_CODE_CIP6, "51.38", "51.3800" },
		{ PM_CODE_CIP6, "51.380", "51.3800" },
		{ PM_CODE_CIP6, "51.3", "51.3000" },
		{ PM_CODE_CIP6, "9.01", "09.0100" },
		{ PM_CODE_CIP6, "1", "01.0000" },
		{ PM_CODE_CIP6, "51", "51.0000" },
		{ PM_CODE_CIP6, "=\"01.0101\"", "01.0101" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_ok(cases[i].kind, cases[i].in, cases[i].out);
}

Test(codes, naics_spellings)
{
	static const struct ok cases[] = {
		{ PM_CODE_NAICS, "31-33", "31-33" },	 { PM_CODE_NAICS, "31_33", "31-33" },
		{ PM_CODE_NAICS, "44-45", "44-45" },	 { PM_CODE_NAICS, "48_49", "48-49" },
		{ PM_CODE_NAICS, "11", "11" },		 { PM_CODE_NAICS, "99", "99" },
		{ PM_CODE_NAICS, "336", "336" },	 { PM_CODE_NAICS, "3361", "3361" },
		{ PM_CODE_NAICS, "33611", "33611" },	 { PM_CODE_NAICS, "336111", "336111" },
		{ PM_CODE_NAICS, "336111.0", "336111" }, { PM_CODE_NAICS, "541511.00", "541511" },
		{ PM_CODE_NAICS, " 5415 ", "5415" },	 { PM_CODE_NAICS, "=\"621\"", "621" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_ok(cases[i].kind, cases[i].in, cases[i].out);
}

Test(codes, fips_spellings)
{
	static const struct ok cases[] = {
		{ PM_CODE_FIPS, "39", "39" },
		{ PM_CODE_FIPS, "1", "01" },
		{ PM_CODE_FIPS, "01", "01" },
		{ PM_CODE_FIPS, "1001", "01001" },
		{ PM_CODE_FIPS, "01001", "01001" },
		{ PM_CODE_FIPS, "39049", "39049" },
		{ PM_CODE_FIPS, "39049.0", "39049" },
		{ PM_CODE_FIPS, "11001", "11001" },
		{ PM_CODE_FIPS, "72001", "72001" },
		{ PM_CODE_FIPS, "78010", "78010" },
		{ PM_CODE_FIPS, "60010", "60010" },
		{ PM_CODE_FIPS, "=\"01001\"", "01001" },
		{ PM_CODE_FIPS_STATE, "1", "01" },
		{ PM_CODE_FIPS_STATE, "39", "39" },
		{ PM_CODE_FIPS_STATE, "72", "72" },
		{ PM_CODE_FIPS_STATE, "9.0", "09" },
		{ PM_CODE_FIPS_COUNTY, "1001", "01001" },
		{ PM_CODE_FIPS_COUNTY, "39049", "39049" },
		{ PM_CODE_FIPS_COUNTY, "39999", "39999" },
		{ PM_CODE_FIPS_COUNTY, "6037.0", "06037" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_ok(cases[i].kind, cases[i].in, cases[i].out);
}

/* ---- refusals ---- */

#define EMPTY	   "the value is empty"
#define SOC_FORM   "expected NN-NNNN (e.g. 29-1141)"
#define ONET_FORM  "expected NN-NNNN[.NN] (e.g. 29-1141.01)"
#define CIP_FORM   "expected NN, NN.NN or NN.NNNN (e.g. 51.3801)"
#define NAICS_FORM "expected a 2- to 6-digit code or a sector range like 31-33"

Test(codes, soc_refusals)
{
	static const struct bad cases[] = {
		{ PM_CODE_SOC, "", EMPTY },
		{ PM_CODE_SOC, "   ", EMPTY },
		{ PM_CODE_SOC, "=\"\"", EMPTY },
		{ PM_CODE_SOC, "29-11411", SOC_FORM },
		{ PM_CODE_SOC, "2-1141", SOC_FORM },
		{ PM_CODE_SOC, "29-114", SOC_FORM },
		{ PM_CODE_SOC, "29/1141", SOC_FORM },
		{ PM_CODE_SOC, "29_1141", SOC_FORM },
		{ PM_CODE_SOC, "29 1141", SOC_FORM },
		{ PM_CODE_SOC, "29--1141", SOC_FORM },
		{ PM_CODE_SOC, "29-1141.1", SOC_FORM },
		{ PM_CODE_SOC, "29-1141.001", SOC_FORM },
		{ PM_CODE_SOC, "29-1141a", SOC_FORM },
		{ PM_CODE_SOC, "29-1141\n29-1142", SOC_FORM },
		{ PM_CODE_SOC, "=\"29-1141", SOC_FORM },
		{ PM_CODE_SOC, "２９-1141", SOC_FORM },
		{ PM_CODE_SOC, "12-3456", "there is no SOC major group 12" },
		{ PM_CODE_SOC, "99-9998", "there is no SOC major group 99" },
		{ PM_CODE_SOC, "99-9999",
		  "99-9999 is the NCES crosswalk's \"no match\", not an occupation" },
		{ PM_CODE_SOC, "00-1234", "there is no SOC major group 00" },
		{ PM_CODE_SOC,
		  "29-1141 29-1141 29-1141 29-1141 29-1141 29-1141 29-1141 29-1141 29-1141",
		  "longer than 64 characters" },
		{ PM_CODE_ONET, "29-1141.1", ONET_FORM },
		{ PM_CODE_ONET, "29-1141.0a", ONET_FORM },
		{ PM_CODE_ONET, "", EMPTY },
		{ PM_CODE_ONET, "30-1141.01", "there is no SOC major group 30" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_bad(cases[i].kind, cases[i].in, cases[i].why);
}

Test(codes, cip_refusals)
{
	static const struct bad cases[] = {
		{ PM_CODE_CIP, "", EMPTY },
		{ PM_CODE_CIP, "51.3",
		  "a CIP code has 2 or 4 decimals; Excel drops trailing zeros, so this could be "
		  "51.30 or 51.3000" },
		{ PM_CODE_CIP, "51.380",
		  "a CIP code has 2 or 4 decimals; Excel drops trailing zeros, so this could be "
		  "51.38 or 51.3800" },
		{ PM_CODE_CIP, "1.1", "could be 01.10 or 01.1000" },
		{ PM_CODE_CIP, "123", "3 digits without a dot is ambiguous (expected 2, 4 or 6)" },
		{ PM_CODE_CIP, "13801",
		  "5 digits without a dot is ambiguous (expected 2, 4 or 6)" },
		{ PM_CODE_CIP, "1234567", CIP_FORM },
		{ PM_CODE_CIP, "51.38011", CIP_FORM },
		{ PM_CODE_CIP, "51.", CIP_FORM },
		{ PM_CODE_CIP, ".38", CIP_FORM },
		{ PM_CODE_CIP, "51-3801", CIP_FORM },
		{ PM_CODE_CIP, "51,3801", CIP_FORM },
		{ PM_CODE_CIP, "5l.3801", CIP_FORM },
		{ PM_CODE_CIP, "051.3801", CIP_FORM },
		{ PM_CODE_CIP, "51.3801.", CIP_FORM },
		{ PM_CODE_CIP, "-51.3801", CIP_FORM },
		{ PM_CODE_CIP, "00", "there is no CIP series 00" },
		{ PM_CODE_CIP, "0", "there is no CIP series 00" },
		{ PM_CODE_CIP, "0.0101", "there is no CIP series 00" },
		{ PM_CODE_CIP, "00.0101", "there is no CIP series 00" },
		{ PM_CODE_CIP, "000101", "there is no CIP series 00" },
		{ PM_CODE_CIP6, "5138", "4 digits without a dot is ambiguous (expected 6)" },
		{ PM_CODE_CIP6, "123", "3 digits without a dot is ambiguous (expected 6)" },
		{ PM_CODE_CIP6, "51.38011", CIP_FORM },
		{ PM_CODE_CIP6, "00.0000", "there is no CIP series 00" },
		{ PM_CODE_CIP6, "", EMPTY },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_bad(cases[i].kind, cases[i].in, cases[i].why);
}

Test(codes, naics_refusals)
{
	static const struct bad cases[] = {
		{ PM_CODE_NAICS, "", EMPTY },
		{ PM_CODE_NAICS, "10", "'10' is QCEW's all-industry total, not a NAICS code" },
		{ PM_CODE_NAICS, "101", "101 is a QCEW domain or supersector, not a NAICS code" },
		{ PM_CODE_NAICS, "1012", "1012 is a QCEW domain or supersector, not a NAICS code" },
		{ PM_CODE_NAICS, "31", "sector 31 is published as the range 31-33" },
		{ PM_CODE_NAICS, "33", "sector 33 is published as the range 31-33" },
		{ PM_CODE_NAICS, "45", "sector 45 is published as the range 44-45" },
		{ PM_CODE_NAICS, "49", "sector 49 is published as the range 48-49" },
		{ PM_CODE_NAICS, "12", "not in any NAICS sector" },
		{ PM_CODE_NAICS, "0011", "not in any NAICS sector" },
		{ PM_CODE_NAICS, "31-34", "not in any NAICS sector" },
		{ PM_CODE_NAICS, "1234567", NAICS_FORM },
		{ PM_CODE_NAICS, "3", NAICS_FORM },
		{ PM_CODE_NAICS, "31--33", NAICS_FORM },
		{ PM_CODE_NAICS, "336111.5", NAICS_FORM },
		{ PM_CODE_NAICS, "336111.", NAICS_FORM },
		{ PM_CODE_NAICS, "31-33.0", NAICS_FORM },
		{ PM_CODE_NAICS, "ab", NAICS_FORM },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_bad(cases[i].kind, cases[i].in, cases[i].why);
}

Test(codes, fips_refusals)
{
	static const struct bad cases[] = {
		{ PM_CODE_FIPS, "", EMPTY },
		{ PM_CODE_FIPS, "3", "there is no state with FIPS code 03" },
		{ PM_CODE_FIPS, "00", "there is no state with FIPS code 00" },
		{ PM_CODE_FIPS, "57", "there is no state with FIPS code 57" },
		{ PM_CODE_FIPS, "99999", "there is no state with FIPS code 99" },
		{ PM_CODE_FIPS, "101", "3 digits is neither a state (2) nor a county (5) code" },
		{ PM_CODE_FIPS, "39000", "county 000 is a state total, not a county" },
		{ PM_CODE_FIPS, "123456", "expected a 2-digit state or 5-digit county code" },
		{ PM_CODE_FIPS, "1.5", "expected a 2-digit state or 5-digit county code" },
		{ PM_CODE_FIPS, "-1", "expected a 2-digit state or 5-digit county code" },
		{ PM_CODE_FIPS, "US000", "expected a 2-digit state or 5-digit county code" },
		{ PM_CODE_FIPS, "C1814", "expected a 2-digit state or 5-digit county code" },
		{ PM_CODE_FIPS_STATE, "1001", "expected 2 digits, got 4" },
		{ PM_CODE_FIPS_STATE, "39049", "expected 2 digits, got 5" },
		{ PM_CODE_FIPS_STATE, "43", "there is no state with FIPS code 43" },
		{ PM_CODE_FIPS_STATE, "OH", "expected a 2-digit state code" },
		{ PM_CODE_FIPS_COUNTY, "39", "expected 5 digits, got 2" },
		{ PM_CODE_FIPS_COUNTY, "101", "expected 5 digits, got 3" },
		{ PM_CODE_FIPS_COUNTY, "39000", "county 000 is a state total, not a county" },
		{ PM_CODE_FIPS_COUNTY, "03001", "there is no state with FIPS code 03" },
		{ PM_CODE_FIPS_COUNTY, "123456", "expected a 5-digit county code" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_bad(cases[i].kind, cases[i].in, cases[i].why);
}

/* ---- messages ---- */

Test(codes, messages_name_the_value_and_where)
{
	struct pm_err err = PM_ERR_INIT;
	char out[PM_CODE_MAX];

	cr_assert_eq(pm_code_normalize(PM_CODE_CIP, "51.380", out, sizeof out,
				       "c2023_a.csv:12 field 'CIPCODE'", &err),
		     PM_EDATA);
	cr_assert_str_eq(err.msg,
			 "c2023_a.csv:12 field 'CIPCODE': invalid CIP code '51.380': a CIP code "
			 "has 2 or 4 decimals; Excel drops trailing zeros, so this could be 51.38 "
			 "or 51.3800");
	cr_assert_eq(pm_code_normalize(PM_CODE_SOC, "12-3456", out, sizeof out,
				       "occupation.xlsx sheet 'Table 1.2' cell B7", &err),
		     PM_EDATA);
	cr_assert_str_eq(err.msg, "occupation.xlsx sheet 'Table 1.2' cell B7: invalid SOC code "
				  "'12-3456': there is no SOC major group 12");
	/* No origin: no prefix. */
	cr_assert_eq(pm_code_normalize(PM_CODE_FIPS_COUNTY, "39000", out, sizeof out, NULL, &err),
		     PM_EDATA);
	cr_assert_str_eq(
		err.msg,
		"invalid county FIPS code '39000': county 000 is a state total, not a county");
	cr_assert_eq(pm_code_normalize(PM_CODE_NAICS, "10", out, sizeof out, "", &err), PM_EDATA);
	cr_assert_str_eq(
		err.msg,
		"invalid NAICS code '10': '10' is QCEW's all-industry total, not a NAICS code");
	/* The value is shown as given, control bytes masked, long ones cut. */
	cr_assert_eq(pm_code_normalize(PM_CODE_SOC,
				       "29\x01"
				       "1141\x1b[31m",
				       out, sizeof out, "f.csv:2", &err),
		     PM_EDATA);
	cr_assert_str_eq(err.msg, "f.csv:2: invalid SOC code '29?1141?[31m': " SOC_FORM);
	cr_assert_eq(pm_code_normalize(PM_CODE_CIP,
				       "0123456789012345678901234567890123456789012345678901234567"
				       "890123456789",
				       out, sizeof out, NULL, &err),
		     PM_EDATA);
	cr_assert_str_eq(err.msg, "invalid CIP code '0123456789012345678901234567890123456...': "
				  "longer than 64 characters");
	/* Surrounding blanks are shown as given. */
	cr_assert_eq(pm_code_normalize(PM_CODE_CIP, " 00 ", out, sizeof out, NULL, &err), PM_EDATA);
	cr_assert_str_eq(err.msg, "invalid CIP code ' 00 ': there is no CIP series 00");
}

Test(codes, kind_names)
{
	cr_assert_str_eq(pm_code_kind_name(PM_CODE_SOC), "SOC");
	cr_assert_str_eq(pm_code_kind_name(PM_CODE_ONET), "O*NET-SOC");
	cr_assert_str_eq(pm_code_kind_name(PM_CODE_CIP), "CIP");
	cr_assert_str_eq(pm_code_kind_name(PM_CODE_CIP6), "6-digit CIP");
	cr_assert_str_eq(pm_code_kind_name(PM_CODE_NAICS), "NAICS");
	cr_assert_str_eq(pm_code_kind_name(PM_CODE_FIPS), "FIPS");
	cr_assert_str_eq(pm_code_kind_name(PM_CODE_FIPS_STATE), "state FIPS");
	cr_assert_str_eq(pm_code_kind_name(PM_CODE_FIPS_COUNTY), "county FIPS");
}

Test(codes, cleanup_then_reuse)
{
	char out[PM_CODE_MAX];

	cr_assert(pm_code_valid(PM_CODE_SOC, "29-1141"));
	pm_codes_cleanup();
	pm_codes_cleanup(); /* twice is fine */
	cr_assert_eq(pm_code_normalize(PM_CODE_CIP, "1.0101", out, sizeof out, NULL, NULL), PM_OK);
	cr_assert_str_eq(out, "01.0101");
}

/* ---- SOC structure ---- */

Test(codes, soc_levels_and_parents)
{
	static const struct {
		const char *soc;
		enum pm_soc_level level;
		const char *parent; /* NULL: none */
	} cases[] = {
		{ "00-0000", PM_SOC_TOTAL, NULL },
		{ "29-0000", PM_SOC_MAJOR, NULL },
		{ "29-1000", PM_SOC_MINOR, "29-0000" },
		{ "29-1140", PM_SOC_BROAD, "29-1000" },
		{ "29-1141", PM_SOC_DETAILED, "29-1140" },
		{ "15-1200", PM_SOC_MINOR, "15-0000" },
		{ "15-1210", PM_SOC_BROAD, "15-1200" },
		{ "15-1211", PM_SOC_DETAILED, "15-1210" },
		{ "31-1100", PM_SOC_MINOR, "31-0000" },
		{ "31-1120", PM_SOC_BROAD, "31-1100" },
		{ "51-5100", PM_SOC_MINOR, "51-0000" },
		{ "51-5112", PM_SOC_DETAILED, "51-5110" },
		{ "51-5110", PM_SOC_BROAD, "51-5100" },
		{ "15-1110", PM_SOC_BROAD, "15-1100" },
		{ "11-9199", PM_SOC_DETAILED, "11-9190" },
		{ "29-1218", PM_SOC_DETAILED, "29-1210" },
		{ "29-1221", PM_SOC_DETAILED, "29-1210" },
		{ "29-1229", PM_SOC_DETAILED, "29-1210" },
		{ "29-1241", PM_SOC_DETAILED, "29-1240" },
	};
	static const char *const not_soc[] = {
		"291141", "29-1141.01", "12-0000", "29-114", "", "29 1141", "29-1141 ", "ab-cdef",
	};
	char out[PM_CODE_MAX];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cr_assert_eq(pm_soc_level(cases[i].soc), cases[i].level, "%s", cases[i].soc);
		if (!cases[i].parent) {
			cr_assert_not(pm_soc_parent(cases[i].soc, out, sizeof out), "%s",
				      cases[i].soc);
			continue;
		}
		cr_assert(pm_soc_parent(cases[i].soc, out, sizeof out), "%s", cases[i].soc);
		cr_assert_str_eq(out, cases[i].parent, "parent of %s", cases[i].soc);
		cr_assert_not(pm_soc_parent(cases[i].soc, out, 7), "buffer too small");
	}
	for (i = 0; i < sizeof not_soc / sizeof not_soc[0]; i++) {
		cr_assert_eq(pm_soc_level(not_soc[i]), PM_SOC_NONE, "'%s'", not_soc[i]);
		cr_assert_not(pm_soc_parent(not_soc[i], out, sizeof out));
	}
}

Test(codes, onet_to_soc)
{
	char out[PM_CODE_MAX];

	cr_assert(pm_onet_to_soc("29-1141.01", out, sizeof out));
	cr_assert_str_eq(out, "29-1141");
	cr_assert(pm_onet_to_soc("11-1011.00", out, sizeof out));
	cr_assert_str_eq(out, "11-1011");
	cr_assert(pm_onet_to_soc("29-1141", out, sizeof out));
	cr_assert_str_eq(out, "29-1141");
	cr_assert_not(pm_onet_to_soc("29-1141.1", out, sizeof out));
	cr_assert_not(pm_onet_to_soc("29-1141.0a", out, sizeof out));
	cr_assert_not(pm_onet_to_soc("291141.01", out, sizeof out), "not normalised");
	cr_assert_not(pm_onet_to_soc("12-3456.00", out, sizeof out));
	cr_assert_not(pm_onet_to_soc("29-1141x01", out, sizeof out));
	cr_assert_not(pm_onet_to_soc("", out, sizeof out));
	cr_assert_not(pm_onet_to_soc("29-1141.01", out, 7), "buffer too small");
}

/* Every SOC 2018 code with BLS's own level for it, and its parent being the last code seen
 * one level up (the file lists the hierarchy in order). */
Test(codes, soc_2018_structure_from_bls)
{
	static const char *const groups[] = { "Major", "Minor", "Broad", "Detailed" };
	char last[5][PM_CODE_MAX] = { "", "", "", "", "" };
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx_sheet *s = NULL;
	struct pm_xlsx *wb = NULL;
	size_t counts[5] = { 0 };
	bool eof;

	cr_assert_eq(pm_xlsx_open(&wb, SHARED("soc/soc_2018_definitions.xlsx"), &err), PM_OK, "%s",
		     err.msg);
	cr_assert_eq(pm_xlsx_sheet_open(wb, "2018 SOC", &s, &err), PM_OK, "%s", err.msg);
	for (;;) {
		const char *group, *code;
		char out[PM_CODE_MAX], parent[PM_CODE_MAX];
		enum pm_soc_level want = PM_SOC_NONE;
		size_t g;

		cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		group = pm_xlsx_cell(s, 0, NULL);
		code = pm_xlsx_cell(s, 1, NULL);
		for (g = 0; g < 4; g++)
			if (!strcmp(group, groups[g]))
				want = (enum pm_soc_level)(g + 1);
		if (want == PM_SOC_NONE)
			continue;
		cr_assert_eq(pm_code_normalize(PM_CODE_SOC, code, out, sizeof out, "soc", &err),
			     PM_OK, "%s", err.msg);
		cr_assert_str_eq(out, code);
		cr_assert_eq(pm_soc_level(code), want, "%s is %s", code, group);
		snprintf(last[want], sizeof last[want], "%s", code);
		counts[want]++;
		if (want == PM_SOC_MAJOR) {
			cr_assert_not(pm_soc_parent(code, parent, sizeof parent));
			continue;
		}
		cr_assert(pm_soc_parent(code, parent, sizeof parent), "%s", code);
		cr_assert_str_eq(parent, last[want - 1], "parent of %s", code);
	}
	cr_assert_eq(counts[PM_SOC_MAJOR], 23);
	cr_assert_eq(counts[PM_SOC_MINOR], 98);
	cr_assert_eq(counts[PM_SOC_BROAD], 459);
	cr_assert_eq(counts[PM_SOC_DETAILED], 867);
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
}

static struct pm_csv *open_csv(const char *path, unsigned char delim)
{
	struct pm_csv_opts opts = { .delim = delim };
	struct pm_err err = PM_ERR_INIT;
	struct pm_csv *c = NULL;

	cr_assert_eq(pm_csv_open_file(&c, path, &opts, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_csv_read_header(c, &err), PM_OK, "%s", err.msg);
	return c;
}

Test(codes, onet_crosswalk_rolls_up)
{
	struct pm_csv *c = open_csv(SHARED("onet/taxonomy/2019_to_SOC_Crosswalk.csv"), ',');
	struct pm_err err = PM_ERR_INIT;
	int oc = pm_csv_col(c, "O*NET-SOC 2019 Code"), sc = pm_csv_col(c, "2018 SOC Code");
	size_t rows = 0;
	bool eof;

	cr_assert_geq(oc, 0);
	cr_assert_geq(sc, 0);
	for (;;) {
		const char *onet, *soc;
		char a[PM_CODE_MAX], b[PM_CODE_MAX];

		cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		rows++;
		onet = pm_csv_field(c, (size_t)oc, NULL);
		soc = pm_csv_field(c, (size_t)sc, NULL);
		cr_assert_eq(pm_code_normalize(PM_CODE_ONET, onet, a, sizeof a, "x", &err), PM_OK,
			     "%s", err.msg);
		cr_assert_str_eq(a, onet);
		cr_assert_eq(pm_code_normalize(PM_CODE_SOC, onet, b, sizeof b, "x", &err), PM_OK,
			     "%s", err.msg);
		cr_assert_str_eq(b, soc, "%s rolls up to %s", onet, soc);
		cr_assert(pm_onet_to_soc(onet, a, sizeof a));
		cr_assert_str_eq(a, soc);
		cr_assert_eq(pm_soc_level(soc), PM_SOC_DETAILED, "%s", soc);
	}
	cr_assert_eq(rows, 1016);
	pm_csv_free(c);
}

/* ---- CIP structure ---- */

Test(codes, cip_levels_and_families)
{
	char out[PM_CODE_MAX];

	cr_assert_eq(pm_cip_level("51"), 2);
	cr_assert_eq(pm_cip_level("51.38"), 4);
	cr_assert_eq(pm_cip_level("51.3801"), 6);
	cr_assert_eq(pm_cip_level("513801"), 0);
	cr_assert_eq(pm_cip_level("1.0101"), 0);
	cr_assert_eq(pm_cip_level("00.0101"), 0);
	cr_assert_eq(pm_cip_level("51.380"), 0);
	cr_assert_eq(pm_cip_level("51.38011"), 0);
	cr_assert_eq(pm_cip_level("51-38"), 0);
	cr_assert_eq(pm_cip_level(""), 0);
	cr_assert(pm_cip_family("51.3801", 2, out, sizeof out));
	cr_assert_str_eq(out, "51");
	cr_assert(pm_cip_family("51.3801", 4, out, sizeof out));
	cr_assert_str_eq(out, "51.38");
	cr_assert(pm_cip_family("51.3801", 6, out, sizeof out));
	cr_assert_str_eq(out, "51.3801");
	cr_assert(pm_cip_family("51.38", 2, out, sizeof out));
	cr_assert_str_eq(out, "51");
	cr_assert(pm_cip_family("51", 2, out, sizeof out));
	cr_assert_str_eq(out, "51");
	cr_assert_not(pm_cip_family("51.38", 6, out, sizeof out), "deeper than the code");
	cr_assert_not(pm_cip_family("51.3801", 3, out, sizeof out));
	cr_assert_not(pm_cip_family("51.3801", 0, out, sizeof out));
	cr_assert_not(pm_cip_family("513801", 2, out, sizeof out), "not normalised");
	cr_assert_not(pm_cip_family("51.3801", 4, out, 5), "buffer too small");
	cr_assert(pm_cip_family("51.3801", 4, out, 6));
}

/*
 * NCES's CIP 2020 list writes every code behind Excel's ="..." guard. Its
 * first two fields are read by hand: core/csv refuses a quote inside an
 * unquoted field.
 */
Test(codes, cip_2020_list)
{
	FILE *f = fopen(SHARED("nces_cip_soc/CIPCode2020.csv"), "r");
	struct pm_err err = PM_ERR_INIT;
	size_t levels[7] = { 0 }, repaired = 0;
	char line[8192];

	cr_assert_not_null(f);
	cr_assert_not_null(fgets(line, sizeof line, f)); /* header */
	while (fgets(line, sizeof line, f)) {
		char code[PM_CODE_MAX], family[PM_CODE_MAX], f2[PM_CODE_MAX], num[32];
		char *raw, *comma;
		double v;
		int lvl;

		/* Definitions hold quoted newlines: only lines starting with a code count. */
		if (strncmp(line, "=\"", 2))
			continue;
		comma = strchr(line, ',');
		cr_assert_not_null(comma);
		*comma = '\0';
		raw = comma + 1;
		cr_assert_not_null(comma = strchr(raw, ','));
		*comma = '\0';
		cr_assert_eq(pm_code_normalize(PM_CODE_CIP, raw, code, sizeof code, "cip", &err),
			     PM_OK, "%s", err.msg);
		cr_assert_eq(strncmp(raw + 2, code, strlen(code)), 0, "%s", raw);
		lvl = pm_cip_level(code);
		cr_assert(lvl == 2 || lvl == 4 || lvl == 6, "%s", code);
		levels[lvl]++;
		cr_assert_eq(
			pm_code_normalize(PM_CODE_CIP, line, family, sizeof family, "family", &err),
			PM_OK, "%s", err.msg);
		cr_assert(pm_cip_family(code, 2, f2, sizeof f2));
		cr_assert_str_eq(f2, family);
		if (lvl != 6)
			continue;
		/*
		 * The code as Excel shows it once read as a number ("01.0100" ->
		 * "1.01", "51.0000" -> "51"); a 6-digit column gets it back.
		 */
		cr_assert_eq(pm_parse_double(code, strlen(code), &v), 0);
		snprintf(num, sizeof num, "%.15g", v);
		cr_assert_eq(pm_code_normalize(PM_CODE_CIP6, num, f2, sizeof f2, "num", &err),
			     PM_OK, "%s", err.msg);
		cr_assert_str_eq(f2, code, "'%s' from %s", num, code);
		repaired += strcmp(num, code) != 0;
	}
	fclose(f);
	cr_assert_eq(levels[2] + levels[4] + levels[6], 2848);
	cr_assert_eq(levels[6], 2325);
	cr_assert_eq(repaired, 328); /* a leading or trailing zero lost */
}

Test(codes, cip_soc_crosswalk_codes_are_normal)
{
	struct pm_err err = PM_ERR_INIT;
	struct pm_xlsx_sheet *s = NULL;
	struct pm_xlsx *wb = NULL;
	size_t rows = 0, no_match = 0;
	bool eof;

	cr_assert_eq(pm_xlsx_open(&wb, SHARED("nces_cip_soc/cip_soc_crosswalk.xlsx"), &err), PM_OK,
		     "%s", err.msg);
	cr_assert_eq(pm_xlsx_sheet_open(wb, "CIP-SOC", &s, &err), PM_OK, "%s", err.msg);
	cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg); /* header */
	for (;;) {
		char cip[PM_CODE_MAX], soc[PM_CODE_MAX], where[64];

		cr_assert_eq(pm_xlsx_next_row(s, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		rows++;
		snprintf(where, sizeof where, "CIP-SOC row %u", pm_xlsx_row_number(s));
		cr_assert_eq(pm_code_normalize(PM_CODE_CIP6, pm_xlsx_cell(s, 0, NULL), cip,
					       sizeof cip, where, &err),
			     PM_OK, "%s", err.msg);
		cr_assert_str_eq(cip, pm_xlsx_cell(s, 0, NULL));
		if (!strcmp(pm_xlsx_cell(s, 2, NULL), "99-9999")) {
			/* "NO MATCH": a loader skips it; normalising says why. */
			cr_assert_eq(pm_code_normalize(PM_CODE_SOC, "99-9999", soc, sizeof soc,
						       where, &err),
				     PM_EDATA);
			cr_assert(strstr(err.msg, "crosswalk's \"no match\""), "%s", err.msg);
			no_match++;
			continue;
		}
		cr_assert_eq(pm_code_normalize(PM_CODE_SOC, pm_xlsx_cell(s, 2, NULL), soc,
					       sizeof soc, where, &err),
			     PM_OK, "%s", err.msg);
		cr_assert_str_eq(soc, pm_xlsx_cell(s, 2, NULL));
	}
	cr_assert_eq(rows, 6097);
	cr_assert_gt(no_match, 0);
	cr_assert_lt(no_match, 300);
	pm_xlsx_sheet_free(s);
	pm_xlsx_free(wb);
}

/* IPEDS completions: every CIPCODE is a 6-digit code, except the grand total "99". */
Test(codes, ipeds_cipcodes)
{
	struct pm_csv *c = open_csv(SHARED("ipeds/derived_csv/c2023_a_subset.csv"), ',');
	struct pm_err err = PM_ERR_INIT;
	int col = pm_csv_col(c, "CIPCODE");
	size_t rows = 0, totals = 0;
	bool eof;

	cr_assert_geq(col, 0);
	for (;;) {
		const char *raw;
		char out[PM_CODE_MAX];

		cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		raw = pm_csv_field(c, (size_t)col, NULL);
		if (!strcmp(raw, "99")) {
			totals++;
			continue;
		}
		rows++;
		if (pm_code_normalize(PM_CODE_CIP6, raw, out, sizeof out, "ipeds", &err) ||
		    strcmp(out, raw))
			cr_assert_fail("line %llu: '%s' -> '%s' %s",
				       (unsigned long long)pm_csv_line(c), raw, out, err.msg);
	}
	cr_assert_eq(rows + totals, 282322);
	cr_assert_eq(totals, 19308);
	pm_csv_free(c);
}

/* ---- NAICS and FIPS against the reference tables ---- */

Test(codes, naics_2022_titles)
{
	struct pm_csv *c = open_csv(PM_SOURCE_DIR "/data/naics/naics_2022_titles.csv", ',');
	struct pm_err err = PM_ERR_INIT;
	size_t rows = 0;
	bool eof;

	for (;;) {
		const char *code;
		char out[PM_CODE_MAX];

		cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		rows++;
		code = pm_csv_field(c, 0, NULL);
		cr_assert_eq(pm_code_normalize(PM_CODE_NAICS, code, out, sizeof out, "naics", &err),
			     PM_OK, "%s", err.msg);
		cr_assert_str_eq(out, code);
	}
	cr_assert_gt(rows, 2000);
	pm_csv_free(c);
}

Test(codes, qcew_counties)
{
	struct pm_csv *c = open_csv(PM_SOURCE_DIR "/data/qcew/county_msa_csa_crosswalk.csv", ',');
	struct pm_err err = PM_ERR_INIT;
	size_t rows = 0;
	bool eof;

	for (;;) {
		const char *code;
		char out[PM_CODE_MAX], lost[8];
		int64_t v;

		cr_assert_eq(pm_csv_next_row(c, &eof, &err), PM_OK, "%s", err.msg);
		if (eof)
			break;
		rows++;
		code = pm_csv_field(c, 0, NULL);
		cr_assert_eq(
			pm_code_normalize(PM_CODE_FIPS_COUNTY, code, out, sizeof out, "cty", &err),
			PM_OK, "%s", err.msg);
		cr_assert_str_eq(out, code);
		/* Read as a number, the leading zero goes; it comes back. */
		cr_assert_eq(pm_parse_i64(code, strlen(code), &v), 0);
		snprintf(lost, sizeof lost, "%lld", (long long)v);
		cr_assert_eq(pm_code_normalize(PM_CODE_FIPS, lost, out, sizeof out, "cty", &err),
			     PM_OK, "%s", err.msg);
		cr_assert_str_eq(out, code);
	}
	cr_assert_gt(rows, 3000);
	pm_csv_free(c);
}
