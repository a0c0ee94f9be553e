#ifndef PM_CROSSWALKS_INDUSTRY_H
#define PM_CROSSWALKS_INDUSTRY_H
/*
 * Which NAICS industries (and ownerships) a staffing pattern's industry
 * covers. Staffing patterns come keyed by the publisher's own industry
 * codes: the BLS National Employment Matrix writes NAICS padded to six
 * characters ("622000" = 622), ranges ("1131-2" = 1131 and 1132, "31-330"
 * = 31-33), and its own aggregates ("3250A1" = 3251, 3252, 3253, 3259;
 * "6110P0" = private 611; "999200" = state government excluding education
 * and hospitals). EP's Table 1.9 publishes the NAICS behind every matrix
 * code in its own shorthand ("3251,2,3,9", "444000, 449000, 456000-9000",
 * "611200-300"); OEWS industry files use the same six-character codes.
 *
 * pm_industry_cover() reads the NAICS text when there is one and otherwise
 * the code's shape. Aggregates without published NAICS text are not
 * guessed: they come back unresolved, to be counted in the output.
 */
#include <stdbool.h>
#include <stddef.h>

#define PM_COVER_MAX 16

enum pm_cover_kind {
	PM_COVER_INDUSTRY, /* NAICS codes in codes[], ownerships in owns ("" = all) */
	PM_COVER_GOV,	   /* what government ownership `gov` has outside other patterns */
	PM_COVER_TOTAL,	   /* a total or summary of other patterns (all industries, all
			      wage and salary, government): not used for allocation */
	PM_COVER_SELF,	   /* self-employed workers: not in QCEW */
	PM_COVER_UNKNOWN,  /* not resolvable */
};

struct pm_cover {
	enum pm_cover_kind kind;
	char codes[PM_COVER_MAX][8]; /* normalised NAICS ("31-33", "611", "3251") */
	size_t n;
	char owns[8]; /* QCEW ownership codes this pattern is for; "" = any */
	char gov;     /* PM_COVER_GOV: '1' federal, '2' state, '3' local */
};

/*
 * Resolve CODE (a matrix or OEWS industry code) with its published NAICS
 * text NAICS (Table 1.9's "2022 NAICS code"; NULL or "—" when none) into
 * OUT. Returns false (OUT->kind PM_COVER_UNKNOWN) when neither resolves.
 */
bool pm_industry_cover(const char *code, const char *naics, struct pm_cover *out);

#endif
