#ifndef PM_CORE_CODES_H
#define PM_CORE_CODES_H
/*
 * Normalising classification codes: every SOC, O*NET-SOC, CIP, NAICS and
 * FIPS code that enters pathmap goes through pm_code_normalize(), so the
 * store holds one spelling of each (codes are TEXT, never numbers).
 *
 * All kinds: surrounding blanks are dropped, and Excel's text guard
 * ="01.0101" (NCES CIP files) is unwrapped. Nothing else is guessed.
 *
 * SOC (PM_CODE_SOC) -> "29-1141"
 *   accepts "29-1141", "291141", and O*NET-SOC "29-1141.00" / "29-1141.01",
 *   which roll up to their SOC. The major group must be a real one (11, 13,
 *   ..., 53, 55; the same in SOC 2010 and 2018); "00-0000" (all
 *   occupations, as BLS EP and OEWS use it) is accepted; the NCES
 *   crosswalk's "99-9999" (no match) is refused with a message saying so.
 *   Levels: major "29-0000", minor "29-1000" (also "15-1200", "31-1100",
 *   "51-5100" and SOC 2010's "15-1100", the minor groups not ending in 000),
 *   broad "29-1140", detailed "29-1141".
 * O*NET-SOC (PM_CODE_ONET) -> "29-1141.01"
 *   accepts the SOC spellings above plus ".NN"; a plain SOC gets ".00".
 * CIP (PM_CODE_CIP) -> "51", "51.38" or "51.3801" (2-, 4- or 6-digit)
 *   accepts those; the same without the dot ("51", "5138", "513801"); and
 *   the leading zero Excel drops from a number (the series is always two
 *   digits): "1" -> "01", "1.01" -> "01.01", "1.0101" -> "01.0101". The
 *   decimals are read as written. It refuses 1 or 3 decimals ("51.3",
 *   "51.380") and dotless 3 or 5 digits: no CIP code is written that way.
 *   Caution: a number has also lost its trailing zeros, so "9.01" may have
 *   been family "09.01" or code "09.0100" (a real CIP 2020 code); only the
 *   column's meaning can tell. Where a column holds 6-digit codes, use
 *   PM_CODE_CIP6, which reads "9.01" as "09.0100".
 * CIP6 (PM_CODE_CIP6) -> "51.3801", for columns of 6-digit codes only
 *   (IPEDS CIPCODE, the NCES crosswalk). Accepts what PM_CODE_CIP accepts
 *   when it yields six digits, plus Excel's trailing-zero damage, padded
 *   back: "51.38" -> "51.3800", "51.380" -> "51.3800", "9.01" -> "09.0100",
 *   "1" -> "01.0000", "51" -> "51.0000". Dotless 3..5 digits are refused.
 *   IPEDS's grand total "99" would become "99.0000": filter totals first.
 * NAICS (PM_CODE_NAICS) -> "31-33", "336", "336111", ...
 *   accepts what sectors/naics.h calls a sector or a 3..6-digit code
 *   (pm_naics_level() >= PM_NAICS_SECTOR), the ranges also written "31_33"
 *   (QCEW URLs) and codes with a float tail "336111.0" (pandas re-saves).
 *   QCEW's own aggregates ("10", "1012") are not NAICS and are refused.
 * FIPS (PM_CODE_FIPS_STATE -> "39", PM_CODE_FIPS_COUNTY -> "39049",
 *   PM_CODE_FIPS -> either, by length)
 *   accepts the code with its one leading zero lost ("1" -> "01", "1001" ->
 *   "01001") and a float tail ("1001.0"). The state must be a FIPS state or
 *   territory code (01..56 less the unused 03, 07, 14, 43, 52; 60, 66, 69,
 *   72, 78); a county code of 000 (a state total) is refused, 999 (QCEW's
 *   "unknown county") is accepted. PM_CODE_FIPS takes 1-2 digits as a state
 *   and 4-5 as a county; 3 digits are ambiguous and refused.
 *
 * The PCRE2 patterns are compiled on first use and kept until
 * pm_codes_cleanup() (not thread-safe; pathmap normalises on one thread).
 */
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* An output buffer of this size holds any normalised code. */
#define PM_CODE_MAX 16

enum pm_code_kind {
	PM_CODE_SOC,
	PM_CODE_ONET,
	PM_CODE_CIP,
	PM_CODE_CIP6,
	PM_CODE_NAICS,
	PM_CODE_FIPS,
	PM_CODE_FIPS_STATE,
	PM_CODE_FIPS_COUNTY,
};

/* A short name for KIND for messages ("SOC", "CIP", "county FIPS", ...). */
const char *pm_code_kind_name(enum pm_code_kind kind);

/*
 * Write the normalised spelling of IN, a code of KIND, into OUT (OUTLEN
 * must be at least PM_CODE_MAX; OUT may be IN, to normalise in place when
 * IN's buffer is that large). On failure returns PM_EDATA, leaves OUT
 * "" and says in ERR (may be NULL) which value was refused, why, and where
 * it came from: WHERE (may be NULL) names the origin, e.g.
 * "c2023_a.csv:12 field 'CIPCODE'", and prefixes the message.
 */
enum pm_status pm_code_normalize(enum pm_code_kind kind, const char *in, char *out, size_t outlen,
				 const char *where, struct pm_err *err);

/* True when IN normalises as a code of KIND. */
bool pm_code_valid(enum pm_code_kind kind, const char *in);

/* ---- SOC ---- */

enum pm_soc_level {
	PM_SOC_NONE = -1, /* not a normalised SOC code */
	PM_SOC_TOTAL = 0, /* "00-0000", all occupations */
	PM_SOC_MAJOR = 1,
	PM_SOC_MINOR = 2,
	PM_SOC_BROAD = 3,
	PM_SOC_DETAILED = 4,
};

/* The level of SOC, a normalised code ("29-1141"); PM_SOC_NONE otherwise. */
enum pm_soc_level pm_soc_level(const char *soc);

/*
 * Write SOC's parent into OUT (size N): detailed -> broad ("29-1141" ->
 * "29-1140", "29-1221" -> "29-1210"), broad -> minor ("29-1140" -> "29-1000", "15-1210" ->
 * "15-1200"), minor -> major ("29-0000"). Returns false for a major group,
 * the total, a code that is not a normalised SOC, or N < 8.
 */
bool pm_soc_parent(const char *soc, char *out, size_t n);

/*
 * Write the SOC code an O*NET-SOC code rolls up to into OUT (size N):
 * "29-1141.01" -> "29-1141". ONET is a normalised O*NET-SOC or SOC code.
 * Returns false for anything else or N < 8.
 */
bool pm_onet_to_soc(const char *onet, char *out, size_t n);

/* ---- CIP ---- */

/* The number of digits of CIP, a normalised code: 2, 4 or 6; 0 otherwise. */
int pm_cip_level(const char *cip);

/*
 * Write the DIGITS-digit family of CIP into OUT (size N): "51.3801" with
 * 2 -> "51", with 4 -> "51.38", with 6 -> "51.3801". Returns false when CIP
 * is not a normalised code, DIGITS is not 2, 4 or 6 or exceeds CIP's level,
 * or N is too small.
 */
bool pm_cip_family(const char *cip, int digits, char *out, size_t n);

/* Free the compiled patterns (they are rebuilt on next use). Tests call it for leak checks. */
void pm_codes_cleanup(void);

#endif
