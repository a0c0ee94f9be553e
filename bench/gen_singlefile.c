/*
 * gen_singlefile.c - write a synthetic BLS QCEW annual singlefile.
 *
 * The benchmark in this folder needs the shape and size of the real
 * {YYYY}_annual_singlefile.csv (about 3.5 M rows, 38 columns) without
 * shipping 700 MB of BLS data, so this program invents one that a reader
 * cannot tell apart by structure:
 *
 *   - the 38 columns of the real header, in the real order; the ten code
 *     columns ("area_fips" .. "disclosure_code", "lq_disclosure_code",
 *     "oty_disclosure_code") are quoted, every measure is a bare number, as
 *     in shared/data/qcew/singlefile_2017_excerpts/DC; lines end in CRLF
 *     unless --lf is given;
 *   - rows sorted as BLS sorts them: by area_fips, then own_code, then
 *     industry_code as text; areas are states (SS000, agglvl 50-58 and 96),
 *     their counties and the statewide "unknown" pseudo-county SS999
 *     (agglvl 70-78), metropolitan MSAs (C####, 40-48), micropolitan areas
 *     (C####, 80, total only), CSAs (CS###, 30, total only) and US000
 *     (10-18); real county, MSA and CSA codes come from the BLS
 *     county-MSA-CSA crosswalk, real NAICS codes from the Census 2022 list;
 *   - own_code 0 carries only industry 10; own codes 1, 2, 3 (government)
 *     and 5 (private) carry the whole hierarchy 10 / domain 101-102 /
 *     supersector 1011-1029 / sector (31-33, 44-45, 48-49 as BLS writes
 *     them) / 3- to 6-digit NAICS, with unclassified 99/999/.../999999;
 *   - every number is consistent: parents are sums of their children,
 *     states and MSAs sums of their counties, US000 the sum of everything,
 *     and the lq_* columns are computed from the file's own counts the way
 *     BLS computes them, (x_area,i / x_area,total) / (x_US,i / x_US,total)
 *     with "total" the own_code 0 industry 10 row;
 *   - disclosure as BLS writes it: a suppressed row has disclosure_code
 *     "N", keeps its establishment count (and its LQ and over-the-year
 *     change) and writes 0 for every other measure; suppression is primary
 *     (a chance that falls with the establishment count, standing in for
 *     BLS's few-employers and dominance rules) plus complementary (a
 *     disclosed parent never has exactly one suppressed child, so a cell
 *     cannot be recovered by subtraction; a suppressed parent has at least
 *     one suppressed child, so it cannot be recovered by addition); about
 *     28% of county x sector private rows end up "N" at scale 1.
 *
 * The output is a pure function of --seed, --scale and --year: every county
 * draws from its own random stream seeded by (seed, FIPS), so a smaller
 * scale holds a subset of the counties of a larger one with identical rows.
 * --scale 1 selects every county of the crosswalk (about 3,250 plus one
 * SS999 per state) and gives a bit over 3.5 M rows; scales above 1 add
 * synthetic counties with unused FIPS codes. --rows N picks the scale that
 * comes closest to N rows (within about one county's rows).
 *
 * No dependencies beyond libc and libm.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IND 2400
#define MAX_AREAS 8192
#define LEVELS 8 /* 0 total, 1 domain, 2 supersector, 3 sector, 4..7 NAICS 3..6 */

enum { OWN_FED, OWN_STATE, OWN_LOCAL, OWN_PRIV, N_OWN };
static const int own_code[N_OWN] = { 1, 2, 3, 5 };

static const char *const header =
	"\"area_fips\",\"own_code\",\"industry_code\",\"agglvl_code\",\"size_code\","
	"\"year\",\"qtr\",\"disclosure_code\",\"annual_avg_estabs\","
	"\"annual_avg_emplvl\",\"total_annual_wages\",\"taxable_annual_wages\","
	"\"annual_contributions\",\"annual_avg_wkly_wage\",\"avg_annual_pay\","
	"\"lq_disclosure_code\",\"lq_annual_avg_estabs\",\"lq_annual_avg_emplvl\","
	"\"lq_total_annual_wages\",\"lq_taxable_annual_wages\","
	"\"lq_annual_contributions\",\"lq_annual_avg_wkly_wage\","
	"\"lq_avg_annual_pay\",\"oty_disclosure_code\","
	"\"oty_annual_avg_estabs_chg\",\"oty_annual_avg_estabs_pct_chg\","
	"\"oty_annual_avg_emplvl_chg\",\"oty_annual_avg_emplvl_pct_chg\","
	"\"oty_total_annual_wages_chg\",\"oty_total_annual_wages_pct_chg\","
	"\"oty_taxable_annual_wages_chg\",\"oty_taxable_annual_wages_pct_chg\","
	"\"oty_annual_contributions_chg\",\"oty_annual_contributions_pct_chg\","
	"\"oty_annual_avg_wkly_wage_chg\",\"oty_annual_avg_wkly_wage_pct_chg\","
	"\"oty_avg_annual_pay_chg\",\"oty_avg_annual_pay_pct_chg\"";

/* ---------------------------------------------------------------- random */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t hash_str(const char *s, uint64_t h)
{
	/* FNV-1a, then mixed once more */
	h ^= 0xcbf29ce484222325ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return splitmix64(&h);
}

static void rng_seed(struct rng *r, uint64_t seed, const char *tag)
{
	uint64_t x = hash_str(tag, seed);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** */
static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

static double unif(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static double normal(struct rng *r)
{
	double u1 = unif(r), u2 = unif(r);
	if (u1 < 1e-300)
		u1 = 1e-300;
	return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* lognormal with mean 1 (mu = -sigma^2/2) times m */
static double lognorm1(struct rng *r, double sigma)
{
	return exp(sigma * normal(r) - 0.5 * sigma * sigma);
}

static int64_t poisson(struct rng *r, double lambda)
{
	if (lambda <= 0)
		return 0;
	if (lambda < 30) {
		double l = exp(-lambda), p = 1.0;
		int64_t k = 0;
		do {
			k++;
			p *= unif(r);
		} while (p > l);
		return k - 1;
	}
	double x = floor(lambda + sqrt(lambda) * normal(r) + 0.5);
	return x < 0 ? 0 : (int64_t)x;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p) {
		fputs("gen_singlefile: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p) {
		fputs("gen_singlefile: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* ------------------------------------------------------------ industries */

struct ind {
	char code[8];
	int level;      /* 0 total .. 7 six-digit NAICS */
	int parent;     /* -1 for the total */
	int sector;     /* index into sector_params, -1 above sector level */
	int first_child; /* children are a run in child_list */
	int nchild;
	/* private leaves only */
	double weight;  /* national share of private employment */
	double estsize; /* mean employees per establishment */
	double pay;     /* national mean annual pay */
};

static struct ind inds[MAX_IND];
static int n_ind;
static int child_list[MAX_IND];
static int by_level[LEVELS][MAX_IND];
static int n_by_level[LEVELS];
static int sorted_ind[MAX_IND]; /* industry indexes in BLS (string) order */

static const struct sector_param {
	const char *code;
	const char *super;
	double share;   /* % of private employment, roughly 2017 */
	double estsize; /* employees per establishment */
	double pay;     /* annual pay, dollars */
} sector_params[] = {
	{ "11", "1011", 1.0, 9, 36000 },	{ "21", "1011", 0.6, 25, 95000 },
	{ "22", "1021", 0.5, 30, 105000 },	{ "23", "1012", 5.5, 9, 62000 },
	{ "31-33", "1013", 10.5, 35, 66000 },	{ "42", "1021", 4.9, 10, 78000 },
	{ "44-45", "1021", 12.9, 15, 32000 },	{ "48-49", "1021", 4.3, 18, 53000 },
	{ "51", "1022", 2.3, 18, 110000 },	{ "52", "1023", 4.9, 12, 100000 },
	{ "53", "1023", 1.8, 5, 56000 },	{ "54", "1024", 7.4, 8, 96000 },
	{ "55", "1024", 1.9, 40, 125000 },	{ "56", "1024", 7.6, 17, 41000 },
	{ "61", "1025", 2.3, 25, 50000 },	{ "62", "1025", 15.4, 16, 51000 },
	{ "71", "1026", 1.9, 15, 39000 },	{ "72", "1026", 11.4, 19, 21000 },
	{ "81", "1027", 3.4, 5, 37000 },	{ "92", "1028", 0.0, 30, 60000 },
	{ "99", "1029", 0.05, 2, 50000 },
};
#define N_SECTORS (int)(sizeof sector_params / sizeof sector_params[0])

static const char *const supersectors[] = { "1011", "1012", "1013", "1021",
					    "1022", "1023", "1024", "1025",
					    "1026", "1027", "1028", "1029" };

/* government establishments: the industries each level of government runs */
static const struct gov_leaf {
	int own;
	const char *code;
	double weight, estsize, pay;
} gov_leaves[] = {
	{ OWN_FED, "491110", 0.22, 25, 60000 },
	{ OWN_FED, "928110", 0.22, 150, 75000 },
	{ OWN_FED, "622110", 0.12, 300, 90000 },
	{ OWN_FED, "921190", 0.08, 40, 90000 },
	{ OWN_FED, "926150", 0.04, 40, 95000 },
	{ OWN_FED, "922120", 0.03, 40, 85000 },
	{ OWN_FED, "922140", 0.05, 150, 65000 },
	{ OWN_FED, "923140", 0.03, 60, 80000 },
	{ OWN_FED, "924120", 0.05, 30, 80000 },
	{ OWN_FED, "926120", 0.04, 50, 95000 },
	{ OWN_FED, "923120", 0.04, 60, 90000 },
	{ OWN_FED, "541715", 0.02, 100, 120000 },
	{ OWN_FED, "712190", 0.02, 20, 60000 },
	{ OWN_FED, "921110", 0.04, 30, 110000 },
	{ OWN_STATE, "611310", 0.33, 800, 65000 },
	{ OWN_STATE, "622110", 0.08, 500, 70000 },
	{ OWN_STATE, "922140", 0.10, 200, 50000 },
	{ OWN_STATE, "921190", 0.06, 40, 60000 },
	{ OWN_STATE, "922120", 0.03, 40, 60000 },
	{ OWN_STATE, "923110", 0.03, 30, 60000 },
	{ OWN_STATE, "923120", 0.05, 40, 60000 },
	{ OWN_STATE, "923130", 0.06, 40, 55000 },
	{ OWN_STATE, "926120", 0.04, 60, 60000 },
	{ OWN_STATE, "237310", 0.04, 40, 55000 },
	{ OWN_STATE, "924120", 0.03, 30, 55000 },
	{ OWN_STATE, "622210", 0.04, 300, 60000 },
	{ OWN_STATE, "921110", 0.03, 30, 70000 },
	{ OWN_STATE, "922110", 0.04, 40, 65000 },
	{ OWN_STATE, "611210", 0.04, 200, 50000 },
	{ OWN_LOCAL, "611110", 0.50, 60, 52000 },
	{ OWN_LOCAL, "921140", 0.05, 30, 45000 },
	{ OWN_LOCAL, "921190", 0.05, 20, 50000 },
	{ OWN_LOCAL, "922120", 0.08, 40, 60000 },
	{ OWN_LOCAL, "922160", 0.04, 25, 55000 },
	{ OWN_LOCAL, "622110", 0.05, 400, 60000 },
	{ OWN_LOCAL, "221310", 0.02, 15, 55000 },
	{ OWN_LOCAL, "221122", 0.015, 20, 65000 },
	{ OWN_LOCAL, "485113", 0.015, 60, 55000 },
	{ OWN_LOCAL, "562111", 0.01, 20, 45000 },
	{ OWN_LOCAL, "611210", 0.05, 150, 50000 },
	{ OWN_LOCAL, "923120", 0.02, 30, 45000 },
	{ OWN_LOCAL, "922110", 0.02, 30, 55000 },
	{ OWN_LOCAL, "922140", 0.02, 50, 50000 },
	{ OWN_LOCAL, "237310", 0.02, 30, 48000 },
	{ OWN_LOCAL, "488119", 0.005, 20, 55000 },
	{ OWN_LOCAL, "713940", 0.01, 15, 30000 },
	{ OWN_LOCAL, "624120", 0.01, 20, 35000 },
};
#define N_GOV_LEAVES (int)(sizeof gov_leaves / sizeof gov_leaves[0])
static int gov_leaf_ind[N_GOV_LEAVES];

static int priv_leaves[MAX_IND];
static int n_priv_leaves;

static int find_ind(const char *code)
{
	for (int i = 0; i < n_ind; i++)
		if (strcmp(inds[i].code, code) == 0)
			return i;
	return -1;
}

static int add_ind(const char *code, int level, int parent)
{
	if (n_ind >= MAX_IND) {
		fputs("gen_singlefile: too many industry codes\n", stderr);
		exit(1);
	}
	struct ind *d = &inds[n_ind];
	memset(d, 0, sizeof *d);
	snprintf(d->code, sizeof d->code, "%s", code);
	d->level = level;
	d->parent = parent;
	d->sector = -1;
	return n_ind++;
}

static int sector_of_naics2(const char *two)
{
	static const char *const merged[][2] = { { "31", "31-33" }, { "32", "31-33" },
						  { "33", "31-33" }, { "44", "44-45" },
						  { "45", "44-45" }, { "48", "48-49" },
						  { "49", "48-49" } };
	const char *code = two;
	for (size_t i = 0; i < sizeof merged / sizeof merged[0]; i++)
		if (strcmp(merged[i][0], two) == 0)
			code = merged[i][1];
	for (int s = 0; s < N_SECTORS; s++)
		if (strcmp(sector_params[s].code, code) == 0)
			return s;
	return -1;
}

/*
 * Split one CSV line (RFC 4180 quoting, no embedded newlines) into at most
 * MAXF fields, copied into BUF. Returns the number of fields.
 */
static int split_csv(const char *line, char *buf, size_t bufsz, char **fields, int maxf)
{
	int n = 0;
	size_t o = 0;
	const char *p = line;
	while (n < maxf) {
		fields[n++] = buf + o;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0')
					break;
				if (*p == '"') {
					if (p[1] == '"') {
						if (o + 1 < bufsz)
							buf[o++] = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (o + 1 < bufsz)
					buf[o++] = *p;
				p++;
			}
		}
		while (*p && *p != ',' && *p != '\r' && *p != '\n') {
			if (o + 1 < bufsz)
				buf[o++] = *p;
			p++;
		}
		if (o < bufsz)
			buf[o++] = '\0';
		if (*p != ',')
			break;
		p++;
	}
	return n;
}

static FILE *open_data(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		fprintf(stderr, "gen_singlefile: cannot open '%s': %s\n", path, strerror(errno));
	return f;
}

static int cmp_ind_code(const void *a, const void *b)
{
	return strcmp(inds[*(const int *)a].code, inds[*(const int *)b].code);
}

static int load_industries(const char *path)
{
	FILE *f = open_data(path);
	if (!f)
		return -1;
	char line[4096], buf[4096], *fld[4];
	/* codes by length first, so each parent exists before its children */
	char(*codes)[8] = xcalloc(4096, 8);
	int ncodes = 0;
	while (fgets(line, sizeof line, f)) {
		if (split_csv(line, buf, sizeof buf, fld, 4) < 1)
			continue;
		const char *c = fld[0];
		size_t len = strlen(c);
		if (len < 3 || len > 6 || strspn(c, "0123456789") != len)
			continue;
		if (ncodes < 4096)
			snprintf(codes[ncodes++], 8, "%s", c);
	}
	fclose(f);

	int total = add_ind("10", 0, -1);
	int dom101 = add_ind("101", 1, total), dom102 = add_ind("102", 1, total);
	for (size_t i = 0; i < sizeof supersectors / sizeof supersectors[0]; i++) {
		int ss = supersectors[i][2] == '1' ? dom101 : dom102;
		add_ind(supersectors[i], 2, ss);
	}
	for (int s = 0; s < N_SECTORS; s++) {
		int k = add_ind(sector_params[s].code, 3, find_ind(sector_params[s].super));
		inds[k].sector = s;
	}
	for (size_t len = 3; len <= 6; len++) {
		for (int i = 0; i < ncodes; i++) {
			if (strlen(codes[i]) != len)
				continue;
			char pcode[8];
			int parent;
			if (len == 3) {
				char two[3] = { codes[i][0], codes[i][1], '\0' };
				int s = sector_of_naics2(two);
				parent = s < 0 ? -1 : find_ind(sector_params[s].code);
			} else {
				snprintf(pcode, sizeof pcode, "%.*s", (int)len - 1, codes[i]);
				parent = find_ind(pcode);
			}
			if (parent < 0)
				continue;
			add_ind(codes[i], (int)len + 1, parent);
		}
		/* unclassified: 99 -> 999 -> 9999 -> 99999 -> 999999 */
		char unc[8];
		snprintf(unc, sizeof unc, "%.*s", (int)len, "999999");
		char up[8];
		snprintf(up, sizeof up, "%.*s", (int)len - 1, "999999");
		add_ind(unc, (int)len + 1, find_ind(up));
	}
	free(codes);

	/* sector index for every node below sector level */
	for (int i = 0; i < n_ind; i++) {
		if (inds[i].level < 3)
			continue;
		int k = i;
		while (inds[k].level > 3)
			k = inds[k].parent;
		inds[i].sector = inds[k].sector;
	}
	/* children as runs in child_list */
	int pos = 0;
	for (int p = 0; p < n_ind; p++) {
		inds[p].first_child = pos;
		for (int c = 0; c < n_ind; c++)
			if (inds[c].parent == p)
				child_list[pos++] = c;
		inds[p].nchild = pos - inds[p].first_child;
	}
	for (int i = 0; i < n_ind; i++)
		by_level[inds[i].level][n_by_level[inds[i].level]++] = i;
	for (int i = 0; i < n_ind; i++)
		sorted_ind[i] = i;
	qsort(sorted_ind, (size_t)n_ind, sizeof sorted_ind[0], cmp_ind_code);

	for (int g = 0; g < N_GOV_LEAVES; g++) {
		gov_leaf_ind[g] = find_ind(gov_leaves[g].code);
		if (gov_leaf_ind[g] < 0 || inds[gov_leaf_ind[g]].level != 7) {
			fprintf(stderr, "gen_singlefile: '%s' is not a 6-digit code in '%s'\n",
				gov_leaves[g].code, path);
			return -1;
		}
	}
	if (n_by_level[7] < 500) {
		fprintf(stderr, "gen_singlefile: '%s' has too few 6-digit NAICS codes\n", path);
		return -1;
	}
	return 0;
}

/* national parameters of each private 6-digit industry */
static void init_private_leaves(uint64_t seed)
{
	struct rng r;
	rng_seed(&r, seed, "industries");
	double sector_sum[N_SECTORS] = { 0 };
	for (int k = 0; k < n_by_level[7]; k++) {
		int i = by_level[7][k];
		const struct sector_param *sp = &sector_params[inds[i].sector];
		if (sp->share <= 0)
			continue; /* public administration: government only */
		priv_leaves[n_priv_leaves++] = i;
		inds[i].weight = exp(1.4 * normal(&r));
		inds[i].estsize = 0.62 * sp->estsize * lognorm1(&r, 0.6);
		inds[i].pay = sp->pay * lognorm1(&r, 0.25);
		sector_sum[inds[i].sector] += inds[i].weight;
	}
	for (int k = 0; k < n_priv_leaves; k++) {
		struct ind *d = &inds[priv_leaves[k]];
		d->weight = sector_params[d->sector].share / 100.0 * d->weight / sector_sum[d->sector];
	}
}

/* ----------------------------------------------------------------- areas */

struct county {
	char fips[6];
	int state;      /* index into states */
	int msa;        /* index into cbsas, -1 if none */
	int metro;      /* 1 metropolitan, 0 micropolitan or none */
	int csa;        /* index into csas, -1 if none */
	int unknown;    /* the SS999 pseudo-county */
	size_t leaf0, leaf1; /* its leaves in the leaf array */
};

struct cbsa {
	char code[6];
	int metro;
	int used;
};

struct state {
	char prefix[3];
	double taxbase, taxrate, paylevel;
	int used;
};

static struct county *all_counties; /* from the crosswalk plus synthetic */
static int n_all_counties, n_real_counties;
static struct cbsa cbsas[MAX_AREAS];
static int n_cbsas;
static struct cbsa csas[MAX_AREAS]; /* .metro unused */
static int n_csas;
static struct state states[128];
static int n_states;

static int find_or_add_cbsa(struct cbsa *list, int *n, const char *code, int metro)
{
	if (!*code)
		return -1;
	for (int i = 0; i < *n; i++)
		if (strcmp(list[i].code, code) == 0)
			return i;
	if (*n >= MAX_AREAS)
		return -1;
	snprintf(list[*n].code, sizeof list[*n].code, "%s", code);
	list[*n].metro = metro;
	list[*n].used = 0;
	return (*n)++;
}

static int find_or_add_state(const char *fips)
{
	for (int i = 0; i < n_states; i++)
		if (strncmp(states[i].prefix, fips, 2) == 0)
			return i;
	if (n_states >= 128)
		return -1;
	states[n_states].prefix[0] = fips[0];
	states[n_states].prefix[1] = fips[1];
	states[n_states].prefix[2] = '\0';
	return n_states++;
}

static int load_counties(const char *path)
{
	FILE *f = open_data(path);
	if (!f)
		return -1;
	char line[4096], buf[4096], *fld[8];
	int cap = 4096;
	all_counties = xcalloc((size_t)cap, sizeof *all_counties);
	while (fgets(line, sizeof line, f)) {
		int nf = split_csv(line, buf, sizeof buf, fld, 8);
		if (nf < 7 || strlen(fld[0]) != 5 || strspn(fld[0], "0123456789") != 5)
			continue;
		if (n_all_counties == cap) {
			cap *= 2;
			all_counties = xrealloc(all_counties, (size_t)cap * sizeof *all_counties);
		}
		struct county *c = &all_counties[n_all_counties];
		memset(c, 0, sizeof *c);
		snprintf(c->fips, sizeof c->fips, "%s", fld[0]);
		c->state = find_or_add_state(c->fips);
		c->metro = strcmp(fld[4], "Metro") == 0;
		c->msa = find_or_add_cbsa(cbsas, &n_cbsas, fld[2], c->metro);
		c->csa = find_or_add_cbsa(csas, &n_csas, fld[5], 0);
		if (c->state < 0)
			continue;
		n_all_counties++;
	}
	fclose(f);
	n_real_counties = n_all_counties;
	if (n_real_counties < 100) {
		fprintf(stderr, "gen_singlefile: '%s' has too few counties\n", path);
		return -1;
	}
	return 0;
}

static int cmp_county(const void *a, const void *b)
{
	return strcmp(((const struct county *)a)->fips, ((const struct county *)b)->fips);
}

/* county codes in use, per state: used_codes[state][code] */
static unsigned char (*used_codes)[1000];

static void mark_codes(void)
{
	used_codes = xcalloc(128, sizeof *used_codes);
	for (int i = 0; i < n_all_counties; i++)
		used_codes[all_counties[i].state][strtol(all_counties[i].fips + 2, NULL, 10) % 1000] = 1;
}

/*
 * Choose the counties for SCALE: a seeded shuffle of the real ones, first
 * K of them; beyond 1, synthetic counties copying a real county's state and
 * CBSA membership with an unused odd county code. Adds one SS999 per state
 * used. Returns the selected counties sorted by FIPS in *OUT.
 */
static int select_counties(uint64_t seed, double scale, struct county **out)
{
	long want = lround(scale * n_real_counties);
	if (want < 1)
		want = 1;
	struct rng r;
	rng_seed(&r, seed, "select");
	int *order = xcalloc((size_t)n_real_counties, sizeof *order);
	for (int i = 0; i < n_real_counties; i++)
		order[i] = i;
	for (int i = n_real_counties - 1; i > 0; i--) {
		int j = (int)(rng_next(&r) % (uint64_t)(i + 1));
		int t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	/* synthetic counties, created once and kept for larger scales */
	while (n_all_counties < want) {
		const struct county *like = &all_counties[order[(n_all_counties - n_real_counties) % n_real_counties]];
		all_counties = xrealloc(all_counties, (size_t)(n_all_counties + 1) * sizeof *all_counties);
		like = &all_counties[order[(n_all_counties - n_real_counties) % n_real_counties]];
		struct county c = *like;
		int made = 0;
		if (!used_codes)
			mark_codes();
		for (int si = 0; si < n_states && !made; si++) {
			int st = (like->state + si) % n_states;
			for (int code = 601; code <= 997 && !made; code += 2) {
				if (used_codes[st][code])
					continue;
				used_codes[st][code] = 1;
				snprintf(c.fips, sizeof c.fips, "%.2s%03d", states[st].prefix, code);
				if (st != like->state) {
					c.state = st;
					c.msa = c.csa = -1;
					c.metro = 0;
				}
				made = 1;
			}
		}
		if (!made) {
			fputs("gen_singlefile: scale too large, out of county codes\n", stderr);
			exit(1);
		}
		all_counties[n_all_counties++] = c;
	}
	size_t cap = (size_t)want + (size_t)n_states;
	struct county *sel = xcalloc(cap, sizeof *sel);
	size_t n = 0;
	for (int i = 0; i < n_states; i++)
		states[i].used = 0;
	for (int i = 0; i < n_cbsas; i++)
		cbsas[i].used = 0;
	for (int i = 0; i < n_csas; i++)
		csas[i].used = 0;
	for (long k = 0; k < want; k++) {
		int idx = k < n_real_counties ? order[k] : (int)k;
		sel[n] = all_counties[idx];
		states[sel[n].state].used = 1;
		if (sel[n].msa >= 0)
			cbsas[sel[n].msa].used = 1;
		if (sel[n].csa >= 0)
			csas[sel[n].csa].used = 1;
		n++;
	}
	for (int s = 0; s < n_states; s++) {
		if (!states[s].used)
			continue;
		struct county *c = &sel[n++];
		memset(c, 0, sizeof *c);
		snprintf(c->fips, sizeof c->fips, "%.2s999", states[s].prefix);
		c->state = s;
		c->msa = c->csa = -1;
		c->unknown = 1;
	}
	free(order);
	qsort(sel, n, sizeof *sel, cmp_county);
	*out = sel;
	return (int)n;
}

static void init_states(uint64_t seed)
{
	static const double bases[] = { 7000, 8000, 9000, 12000, 14000, 18000,
					24000, 33000, 40000, 47000 };
	for (int s = 0; s < n_states; s++) {
		struct rng r;
		char tag[16];
		snprintf(tag, sizeof tag, "state%.2s", states[s].prefix);
		rng_seed(&r, seed, tag);
		states[s].taxbase = bases[rng_next(&r) % (sizeof bases / sizeof bases[0])];
		states[s].taxrate = 0.008 + 0.03 * unif(&r);
		states[s].paylevel = lognorm1(&r, 0.12);
	}
}

/* ---------------------------------------------------------------- leaves */

/* one present 6-digit cell of one county and ownership */
struct leaf {
	int16_t ind;
	int8_t own;
	int64_t estabs, emp, wages, taxable, contrib;
	int64_t pestabs, pemp, pwages, ptaxable, pcontrib; /* previous year */
};

static struct leaf *leaves;
static size_t n_leaves, cap_leaves;

static void push_leaf(const struct leaf *l)
{
	if (n_leaves == cap_leaves) {
		cap_leaves = cap_leaves ? cap_leaves * 2 : 1 << 20;
		leaves = xrealloc(leaves, cap_leaves * sizeof *leaves);
	}
	leaves[n_leaves++] = *l;
}

static void make_leaf(struct rng *r, int ind, int own, double lambda, double estsize,
		      double pay, const struct state *st, double trend)
{
	int64_t est = poisson(r, lambda / estsize);
	if (est <= 0)
		return;
	struct leaf l;
	memset(&l, 0, sizeof l);
	l.ind = (int16_t)ind;
	l.own = (int8_t)own;
	l.estabs = est;
	l.emp = llround((double)est * estsize * lognorm1(r, 0.6));
	double w = (double)l.emp * pay * lognorm1(r, 0.1);
	if (l.emp == 0)
		w = (double)est * pay * 0.3 * unif(r); /* part-year or seasonal */
	l.wages = llround(w);
	if (own == OWN_PRIV) {
		double perhead = pay < st->taxbase ? pay * 0.97 : st->taxbase;
		l.taxable = llround((double)l.emp * perhead * lognorm1(r, 0.05));
		l.contrib = llround((double)l.taxable * st->taxrate * lognorm1(r, 0.3));
	}
	if (unif(r) < 0.02) {
		/* new this year: nothing the year before */
	} else {
		double g = trend + 0.07 * normal(r);
		if (g < -0.6)
			g = -0.6;
		l.pestabs = llround((double)est / (1.0 + 0.01 + 0.05 * normal(r)));
		if (l.pestabs < 0)
			l.pestabs = 0;
		l.pemp = llround((double)l.emp / (1.0 + g));
		l.pwages = llround(w / ((1.0 + g) * (1.03 + 0.03 * normal(r))));
		l.ptaxable = llround((double)l.taxable / (1.02 + 0.05 * normal(r)));
		l.pcontrib = llround((double)l.contrib / (1.0 + 0.1 * normal(r)));
	}
	push_leaf(&l);
}

/* Generate the leaves of one county from its own random stream. */
static void gen_county(uint64_t seed, struct county *c)
{
	struct rng r;
	rng_seed(&r, seed, c->fips);
	const struct state *st = &states[c->state];
	double total;
	if (c->unknown)
		total = 800.0 * lognorm1(&r, 1.0);
	else if (c->msa >= 0 && c->metro)
		total = 40000.0 * exp(1.5 * normal(&r));
	else if (c->msa >= 0)
		total = 10000.0 * exp(0.8 * normal(&r));
	else
		total = 2600.0 * exp(0.9 * normal(&r));
	if (total < 60)
		total = 60;
	if (total > 4.5e6)
		total = 4.5e6;
	double gshare[3] = { 0.02 * lognorm1(&r, 0.8), 0.035 * lognorm1(&r, 0.6),
			     0.095 * lognorm1(&r, 0.2) };
	if (c->unknown)
		gshare[0] = gshare[1] = gshare[2] = 0;
	for (int k = 0; k < 3; k++)
		if (gshare[k] > 0.3)
			gshare[k] = 0.3;
	double priv = total * (1.0 - gshare[0] - gshare[1] - gshare[2]);
	double paylevel = st->paylevel * lognorm1(&r, 0.12) *
			  (c->msa < 0 ? 0.88 : c->metro ? 1.1 : 0.95);
	double trend = 0.012 + 0.02 * normal(&r);
	double sector_f[N_SECTORS];
	for (int s = 0; s < N_SECTORS; s++)
		sector_f[s] = lognorm1(&r, 0.55);

	c->leaf0 = n_leaves;
	static double raw[MAX_IND];
	double sum = 0;
	for (int k = 0; k < n_priv_leaves; k++) {
		const struct ind *d = &inds[priv_leaves[k]];
		raw[k] = d->weight * sector_f[d->sector] * lognorm1(&r, 1.1);
		sum += raw[k];
	}
	for (int k = 0; k < n_priv_leaves; k++) {
		const struct ind *d = &inds[priv_leaves[k]];
		make_leaf(&r, priv_leaves[k], OWN_PRIV, priv * raw[k] / sum, d->estsize,
			  d->pay * paylevel, st, trend);
	}
	for (int own = OWN_FED; own <= OWN_LOCAL; own++) {
		double g = total * gshare[own], gsum = 0;
		double graw[N_GOV_LEAVES];
		for (int k = 0; k < N_GOV_LEAVES; k++) {
			graw[k] = gov_leaves[k].own == own ? gov_leaves[k].weight * lognorm1(&r, 0.5) : 0;
			gsum += graw[k];
		}
		if (g <= 0 || gsum <= 0)
			continue;
		for (int k = 0; k < N_GOV_LEAVES; k++)
			if (graw[k] > 0)
				make_leaf(&r, gov_leaf_ind[k], own, g * graw[k] / gsum,
					  gov_leaves[k].estsize, gov_leaves[k].pay * paylevel, st,
					  trend);
	}
	c->leaf1 = n_leaves;
}

/* -------------------------------------------------------- aggregated area */

struct cell {
	int64_t estabs, emp, wages, taxable, contrib;
	int64_t pestabs, pemp, pwages, ptaxable, pcontrib;
	int nleaf;
	unsigned char supp, psupp;
};

struct area {
	struct cell c[N_OWN][MAX_IND];
	struct cell total; /* own_code 0, industry 10 */
	struct cell gov;   /* own_code 8 (states): own 1 + 2 + 3 */
};

static void cell_add(struct cell *a, const struct cell *b)
{
	a->estabs += b->estabs;
	a->emp += b->emp;
	a->wages += b->wages;
	a->taxable += b->taxable;
	a->contrib += b->contrib;
	a->pestabs += b->pestabs;
	a->pemp += b->pemp;
	a->pwages += b->pwages;
	a->ptaxable += b->ptaxable;
	a->pcontrib += b->pcontrib;
	a->nleaf += b->nleaf;
}

static void area_clear(struct area *a)
{
	memset(a, 0, sizeof *a);
}

static void area_add_county(struct area *a, const struct county *c)
{
	for (size_t k = c->leaf0; k < c->leaf1; k++) {
		const struct leaf *l = &leaves[k];
		struct cell *x = &a->c[l->own][l->ind];
		x->estabs += l->estabs;
		x->emp += l->emp;
		x->wages += l->wages;
		x->taxable += l->taxable;
		x->contrib += l->contrib;
		x->pestabs += l->pestabs;
		x->pemp += l->pemp;
		x->pwages += l->pwages;
		x->ptaxable += l->ptaxable;
		x->pcontrib += l->pcontrib;
		x->nleaf++;
	}
}

/* Sum the leaves up the hierarchy and into the ownership totals. */
static void area_roll_up(struct area *a)
{
	for (int own = 0; own < N_OWN; own++) {
		/* leaves of an aggregate that got summed directly must not be
		 * summed twice: aggregate levels start from zero */
		for (int lv = 0; lv < 7; lv++)
			for (int k = 0; k < n_by_level[lv]; k++)
				memset(&a->c[own][by_level[lv][k]], 0, sizeof(struct cell));
		for (int lv = 7; lv > 0; lv--)
			for (int k = 0; k < n_by_level[lv]; k++) {
				int i = by_level[lv][k];
				if (a->c[own][i].nleaf)
					cell_add(&a->c[own][inds[i].parent], &a->c[own][i]);
			}
	}
	memset(&a->total, 0, sizeof a->total);
	memset(&a->gov, 0, sizeof a->gov);
	for (int own = 0; own < N_OWN; own++) {
		cell_add(&a->total, &a->c[own][0]);
		if (own != OWN_PRIV)
			cell_add(&a->gov, &a->c[own][0]);
	}
}

enum area_kind { AREA_NATION, AREA_STATE, AREA_MSA, AREA_COUNTY };

static double primary_p(int64_t estabs, enum area_kind kind)
{
	if (kind == AREA_NATION)
		return estabs <= 2 ? 0.85 : 0;
	if (estabs <= 2)
		return 0.90;
	if (estabs <= 5)
		return 0.45;
	if (estabs <= 10)
		return 0.20;
	if (estabs <= 30)
		return 0.05;
	return 0.01;
}

/*
 * Children of a present PARENT. A suppressed parent gets at least one
 * suppressed child (the one with the fewest establishments), or the parent
 * could be recovered by adding its children up; a disclosed parent never
 * has exactly one suppressed child, or that child could be recovered by
 * subtraction (complementary suppression: the smallest disclosed sibling).
 */
static void suppress_children(struct area *a, int own, int parent)
{
	const struct ind *d = &inds[parent];
	int nsupp = 0, smallest = -1, fewest = -1;
	for (int k = 0; k < d->nchild; k++) {
		int ch = child_list[d->first_child + k];
		const struct cell *x = &a->c[own][ch];
		if (!x->nleaf)
			continue;
		if (x->supp) {
			nsupp++;
			continue;
		}
		if (smallest < 0 || x->emp < a->c[own][smallest].emp)
			smallest = ch;
		if (fewest < 0 || x->estabs < a->c[own][fewest].estabs)
			fewest = ch;
	}
	if (a->c[own][parent].supp) {
		if (nsupp == 0 && fewest >= 0)
			a->c[own][fewest].supp = 1;
	} else if (nsupp == 1 && smallest >= 0) {
		a->c[own][smallest].supp = 1;
	}
}

static void area_suppress(struct area *a, enum area_kind kind, int unknown, uint64_t seed,
			  const char *code)
{
	struct rng r;
	char tag[16];
	snprintf(tag, sizeof tag, "supp%s", code);
	rng_seed(&r, seed, tag);

	a->total.supp = unknown && unif(&r) < 0.5;
	/* ownership totals: private is always disclosed below state level
	 * except in the unknown pseudo-county; government is suppressed less
	 * (one agency rarely dominates a county) */
	int nsupp = 0, smallest = -1;
	for (int own = 0; own < N_OWN; own++) {
		struct cell *x = &a->c[own][0];
		if (!x->nleaf)
			continue;
		int allow = own != OWN_PRIV || unknown;
		x->supp = a->total.supp ||
			  (allow && unif(&r) < 0.5 * primary_p(x->estabs, kind));
		if (x->supp)
			nsupp++;
		else if (smallest < 0 || x->emp < a->c[smallest][0].emp)
			smallest = own;
	}
	if (kind != AREA_NATION && nsupp == 1 && smallest >= 0 && smallest != OWN_PRIV)
		a->c[smallest][0].supp = 1;
	for (int own = 0; own < N_OWN; own++) {
		double f = own == OWN_PRIV ? 1.0 : 0.5;
		for (int lv = 1; lv < LEVELS; lv++) {
			for (int k = 0; k < n_by_level[lv]; k++) {
				int i = by_level[lv][k];
				struct cell *x = &a->c[own][i];
				if (x->nleaf && !x->supp && unif(&r) < f * primary_p(x->estabs, kind))
					x->supp = 1;
			}
			if (kind == AREA_NATION)
				continue;
			for (int k = 0; k < n_by_level[lv - 1]; k++) {
				int p = by_level[lv - 1][k];
				if (a->c[own][p].nleaf)
					suppress_children(a, own, p);
			}
		}
		/* previous year's disclosure */
		for (int i = 0; i < n_ind; i++) {
			struct cell *x = &a->c[own][i];
			if (!x->nleaf)
				continue;
			double u = unif(&r);
			x->psupp = x->supp ? u < 0.85 : x->pestabs <= 2 ? u < 0.5 : u < 0.01;
		}
	}
	a->gov.supp = a->gov.psupp = 0;
	a->total.psupp = a->total.supp;
}

/* ---------------------------------------------------------------- output */

struct out {
	FILE *f;        /* NULL: count rows only */
	char *buf;
	size_t len, cap;
	const char *eol;
	uint64_t rows, bytes;
	uint64_t cty_sector, cty_sector_n; /* county x sector private rows, suppressed */
};

static void out_flush(struct out *o)
{
	if (o->f && o->len && fwrite(o->buf, 1, o->len, o->f) != o->len) {
		fprintf(stderr, "gen_singlefile: write failed: %s\n", strerror(errno));
		exit(1);
	}
	o->bytes += o->len;
	o->len = 0;
}

static void put_str(struct out *o, const char *s)
{
	size_t n = strlen(s);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void put_q(struct out *o, const char *s)
{
	o->buf[o->len++] = '"';
	put_str(o, s);
	o->buf[o->len++] = '"';
	o->buf[o->len++] = ',';
}

static void put_i64(struct out *o, int64_t v)
{
	char tmp[24];
	int n = 0;
	uint64_t u;
	if (v < 0) {
		o->buf[o->len++] = '-';
		u = (uint64_t)(-(v + 1)) + 1;
	} else {
		u = (uint64_t)v;
	}
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n)
		o->buf[o->len++] = tmp[--n];
}

/* V with DEC decimals; "-0.0" is written "0.0" */
static void put_fixed(struct out *o, double v, int dec)
{
	double scale = dec == 2 ? 100.0 : 10.0;
	int64_t q = llround(v * scale);
	if (q < 0) {
		o->buf[o->len++] = '-';
		q = -q;
	}
	put_i64(o, q / (int64_t)scale);
	o->buf[o->len++] = '.';
	int64_t frac = q % (int64_t)scale;
	if (dec == 2)
		o->buf[o->len++] = (char)('0' + frac / 10);
	o->buf[o->len++] = (char)('0' + frac % 10);
}

static void put_sep(struct out *o)
{
	o->buf[o->len++] = ',';
}

static int64_t avg(int64_t wages, int64_t emp, double div)
{
	return emp > 0 ? llround((double)wages / (double)emp / div) : 0;
}

static void put_pct(struct out *o, int64_t cur, int64_t prev)
{
	if (prev == 0)
		put_str(o, cur > 0 ? "100.0" : "0");
	else
		put_fixed(o, 100.0 * (double)(cur - prev) / (double)prev, 1);
}

static double ratio(double x, double xt, double n, double nt)
{
	if (xt <= 0 || n <= 0 || nt <= 0)
		return 0;
	return (x / xt) / (n / nt);
}

/*
 * One row. X is the cell, T the area's own_code 0 total, N and NT the same
 * for US000.
 */
static void put_row(struct out *o, const char *area, int own, const char *ind, int agglvl,
		    const char *year, const struct cell *x, const struct cell *t,
		    const struct cell *n, const struct cell *nt)
{
	o->rows++;
	if (!o->f)
		return;
	char num[16];
	put_q(o, area);
	snprintf(num, sizeof num, "%d", own);
	put_q(o, num);
	put_q(o, ind);
	snprintf(num, sizeof num, "%d", agglvl);
	put_q(o, num);
	put_q(o, "0");
	put_q(o, year);
	put_q(o, "A");
	int supp = x->supp;
	put_q(o, supp ? "N" : "");

	int64_t wk = avg(x->wages, x->emp, 52.0), pay = avg(x->wages, x->emp, 1.0);
	put_i64(o, x->estabs);
	put_sep(o);
	if (supp) {
		put_str(o, "0,0,0,0,0,0,");
	} else {
		int64_t v[6] = { x->emp, x->wages, x->taxable, x->contrib, wk, pay };
		for (int k = 0; k < 6; k++) {
			put_i64(o, v[k]);
			put_sep(o);
		}
	}

	/* location quotients against US000 */
	put_q(o, supp ? "N" : "");
	put_fixed(o, ratio((double)x->estabs, (double)t->estabs, (double)n->estabs,
			   (double)nt->estabs), 2);
	put_sep(o);
	if (supp) {
		put_str(o, "0,0,0,0,0,0,");
	} else {
		double l[6] = {
			ratio((double)x->emp, (double)t->emp, (double)n->emp, (double)nt->emp),
			ratio((double)x->wages, (double)t->wages, (double)n->wages, (double)nt->wages),
			ratio((double)x->taxable, (double)t->taxable, (double)n->taxable,
			      (double)nt->taxable),
			ratio((double)x->contrib, (double)t->contrib, (double)n->contrib,
			      (double)nt->contrib),
			0, 0
		};
		double aw = x->emp > 0 ? (double)x->wages / (double)x->emp : 0;
		double at = t->emp > 0 ? (double)t->wages / (double)t->emp : 0;
		double an = n->emp > 0 ? (double)n->wages / (double)n->emp : 0;
		double ant = nt->emp > 0 ? (double)nt->wages / (double)nt->emp : 0;
		l[4] = l[5] = ratio(aw, at, an, ant);
		for (int k = 0; k < 6; k++) {
			put_fixed(o, l[k], 2);
			put_sep(o);
		}
	}

	/* over-the-year changes */
	int osupp = supp || x->psupp;
	put_q(o, osupp ? "N" : "");
	put_i64(o, x->estabs - x->pestabs);
	put_sep(o);
	put_pct(o, x->estabs, x->pestabs);
	if (osupp) {
		put_str(o, ",0,0,0,0,0,0,0,0,0,0,0,0");
	} else {
		int64_t pwk = avg(x->pwages, x->pemp, 52.0), ppay = avg(x->pwages, x->pemp, 1.0);
		int64_t cur[6] = { x->emp, x->wages, x->taxable, x->contrib, wk, pay };
		int64_t prev[6] = { x->pemp, x->pwages, x->ptaxable, x->pcontrib, pwk, ppay };
		for (int k = 0; k < 6; k++) {
			put_sep(o);
			put_i64(o, cur[k] - prev[k]);
			put_sep(o);
			put_pct(o, cur[k], prev[k]);
		}
	}
	put_str(o, o->eol);
	if (o->len > o->cap - 4096)
		out_flush(o);
}

/*
 * All rows of one area. BASE is the agglvl of its own_code 0 total (10, 30,
 * 40, 50, 70, 80); TOTAL_ONLY areas have just that row.
 */
static void put_area(struct out *o, const char *code, int base, int total_only, int is_state,
		     const char *year, const struct area *a, const struct area *us)
{
	put_row(o, code, 0, "10", base, year, &a->total, &a->total, &us->total, &us->total);
	if (total_only)
		return;
	for (int own = 0; own < N_OWN; own++) {
		for (int k = 0; k < n_ind; k++) {
			int i = sorted_ind[k];
			const struct cell *x = &a->c[own][i];
			if (!x->nleaf)
				continue;
			int agglvl = base + inds[i].level + 1;
			put_row(o, code, own_code[own], inds[i].code, agglvl, year, x, &a->total,
				&us->c[own][i], &us->total);
			if (base == 70 && own == OWN_PRIV && inds[i].level == 3) {
				o->cty_sector++;
				o->cty_sector_n += x->supp;
			}
		}
	}
	if (is_state && a->gov.nleaf)
		put_row(o, code, 8, "10", 96, year, &a->gov, &a->total, &us->gov, &us->total);
}

/* --------------------------------------------------------------- driver */

struct opts {
	double scale;
	long long rows;
	uint64_t seed;
	int year;
	const char *naics, *crosswalk, *output;
	int lf, quiet;
};

static int in_cbsa(const struct county *c, int idx, int csa)
{
	return csa ? c->csa == idx : c->msa == idx;
}

/* Generate everything for O->scale into OUT (or just count). */
static void generate(const struct opts *op, double scale, struct out *out)
{
	struct county *sel = NULL;
	n_leaves = 0;
	int nsel = select_counties(op->seed, scale, &sel);
	for (int i = 0; i < nsel; i++)
		gen_county(op->seed, &sel[i]);

	char year[8];
	snprintf(year, sizeof year, "%d", op->year);
	struct area *us = xcalloc(1, sizeof *us);
	struct area *a = xcalloc(1, sizeof *a);
	for (int i = 0; i < nsel; i++)
		area_add_county(us, &sel[i]);
	area_roll_up(us);
	area_suppress(us, AREA_NATION, 0, op->seed, "US000");

	if (out->f) {
		put_str(out, header);
		put_str(out, out->eol);
	}
	/* states, each followed by its counties (rows are sorted by area) */
	int i = 0;
	while (i < nsel) {
		int st = sel[i].state, j = i;
		while (j < nsel && sel[j].state == st)
			j++;
		char code[8];
		snprintf(code, sizeof code, "%.2s000", states[st].prefix);
		area_clear(a);
		for (int k = i; k < j; k++)
			area_add_county(a, &sel[k]);
		area_roll_up(a);
		area_suppress(a, AREA_STATE, 0, op->seed, code);
		put_area(out, code, 50, 0, 1, year, a, us);
		for (int k = i; k < j; k++) {
			area_clear(a);
			area_add_county(a, &sel[k]);
			area_roll_up(a);
			area_suppress(a, AREA_COUNTY, sel[k].unknown, op->seed, sel[k].fips);
			put_area(out, sel[k].fips, 70, 0, 0, year, a, us);
		}
		i = j;
	}
	/* MSAs and micropolitan areas, then CSAs, in code order */
	for (int pass = 0; pass < 2; pass++) {
		struct cbsa *list = pass ? csas : cbsas;
		int n = pass ? n_csas : n_cbsas;
		int *ord = xcalloc((size_t)n, sizeof *ord);
		for (int k = 0; k < n; k++)
			ord[k] = k;
		for (int x = 1; x < n; x++) /* insertion sort: few hundred codes */
			for (int y = x; y > 0 && strcmp(list[ord[y - 1]].code, list[ord[y]].code) > 0; y--) {
				int t = ord[y];
				ord[y] = ord[y - 1];
				ord[y - 1] = t;
			}
		for (int k = 0; k < n; k++) {
			const struct cbsa *m = &list[ord[k]];
			if (!m->used)
				continue;
			area_clear(a);
			for (int c = 0; c < nsel; c++)
				if (in_cbsa(&sel[c], ord[k], pass))
					area_add_county(a, &sel[c]);
			area_roll_up(a);
			area_suppress(a, AREA_MSA, 0, op->seed, m->code);
			if (pass)
				put_area(out, m->code, 30, 1, 0, year, a, us);
			else
				put_area(out, m->code, m->metro ? 40 : 80, !m->metro, 0, year, a, us);
		}
		free(ord);
	}
	put_area(out, "US000", 10, 0, 0, year, us, us);
	out_flush(out);
	free(a);
	free(us);
	free(sel);
}

static void usage(FILE *f)
{
	fputs("usage: gen_singlefile [--scale F | --rows N] [--seed S] [--year YYYY]\n"
	      "                      [--naics PATH] [--crosswalk PATH] [--lf] [-q] [-o FILE]\n"
	      "Write a synthetic QCEW annual singlefile (CSV) to FILE or stdout.\n"
	      "  --scale F        1.0 = every county of the crosswalk, >3.5 M rows (default 1)\n"
	      "  --rows N         choose the scale giving about N rows\n"
	      "  --seed S         random seed (default 1); output is a function of seed and scale\n"
	      "  --year YYYY      year column (default 2023)\n"
	      "  --naics PATH     NAICS code list (default data/naics/naics_2022_titles.csv)\n"
	      "  --crosswalk PATH county-MSA-CSA crosswalk (default data/qcew/county_msa_csa_crosswalk.csv)\n"
	      "  --lf             LF line ends instead of BLS's CRLF\n"
	      "  -q               no summary on stderr\n",
	      f);
}

static const char *default_path(const char *rel)
{
	static char buf[2][512];
	static int which;
	const char *prefixes[] = { "", "../", "../../" };
	for (size_t k = 0; k < 3; k++) {
		char *b = buf[which];
		snprintf(b, sizeof buf[0], "%s%s", prefixes[k], rel);
		FILE *f = fopen(b, "r");
		if (f) {
			fclose(f);
			which ^= 1;
			return b;
		}
	}
	return rel;
}

static int parse_double(const char *s, double *v)
{
	char *end;
	errno = 0;
	*v = strtod(s, &end);
	return errno || end == s || *end;
}

static int parse_ll(const char *s, long long *v)
{
	char *end;
	errno = 0;
	*v = strtoll(s, &end, 10);
	return errno || end == s || *end;
}

int main(int argc, char **argv)
{
	struct opts op = { .scale = 1.0, .seed = 1, .year = 2023 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		long long ll;
		int bad = 0;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--lf")) {
			op.lf = 1;
			continue;
		} else if (!strcmp(a, "-q")) {
			op.quiet = 1;
			continue;
		}
		if (!v) {
			fprintf(stderr, "gen_singlefile: unknown option or missing value '%s'\n", a);
			usage(stderr);
			return 1;
		}
		if (!strcmp(a, "--scale"))
			bad = parse_double(v, &op.scale) || op.scale <= 0 || op.scale > 4;
		else if (!strcmp(a, "--rows"))
			bad = parse_ll(v, &op.rows) || op.rows < 1;
		else if (!strcmp(a, "--seed"))
			bad = parse_ll(v, &ll) || (op.seed = (uint64_t)ll, 0);
		else if (!strcmp(a, "--year"))
			bad = parse_ll(v, &ll) || ll < 1990 || ll > 2100 || (op.year = (int)ll, 0);
		else if (!strcmp(a, "--naics"))
			op.naics = v;
		else if (!strcmp(a, "--crosswalk"))
			op.crosswalk = v;
		else if (!strcmp(a, "-o") || !strcmp(a, "--output"))
			op.output = v;
		else {
			fprintf(stderr, "gen_singlefile: unknown option '%s'\n", a);
			usage(stderr);
			return 1;
		}
		if (bad) {
			fprintf(stderr, "gen_singlefile: bad value for %s: '%s'\n", a, v);
			return 1;
		}
		i++;
	}
	if (!op.naics)
		op.naics = default_path("data/naics/naics_2022_titles.csv");
	if (!op.crosswalk)
		op.crosswalk = default_path("data/qcew/county_msa_csa_crosswalk.csv");
	if (load_industries(op.naics) || load_counties(op.crosswalk))
		return 1;
	init_private_leaves(op.seed);
	init_states(op.seed);

	struct out out = { .cap = 1 << 20, .eol = op.lf ? "\n" : "\r\n" };
	out.buf = xcalloc(out.cap, 1);
	double scale = op.scale;
	if (op.rows) {
		/* rows grow about linearly with the county count: two secant steps */
		struct out cnt = out;
		cnt.f = NULL;
		generate(&op, 1.0, &cnt);
		scale = (double)op.rows / (double)(cnt.rows + 1);
		for (int it = 0; it < 2; it++) {
			cnt.rows = 0;
			generate(&op, scale, &cnt);
			scale *= (double)op.rows / (double)(cnt.rows + 1);
			if (scale > 4)
				scale = 4;
		}
	}
	out.f = stdout;
	if (op.output && !(out.f = fopen(op.output, "wb"))) {
		fprintf(stderr, "gen_singlefile: cannot open '%s': %s\n", op.output, strerror(errno));
		return 1;
	}
	generate(&op, scale, &out);
	if (fflush(out.f) || (op.output && fclose(out.f))) {
		fprintf(stderr, "gen_singlefile: write failed: %s\n", strerror(errno));
		return 1;
	}
	if (!op.quiet)
		fprintf(stderr,
			"gen_singlefile: scale %.4f, %" PRIu64 " rows, %" PRIu64
			" bytes; county x sector private rows %" PRIu64 ", suppressed %.1f%%\n",
			scale, out.rows, out.bytes, out.cty_sector,
			out.cty_sector ? 100.0 * (double)out.cty_sector_n / (double)out.cty_sector : 0);
	free(out.buf);
	free(leaves);
	free(all_counties);
	return 0;
}
