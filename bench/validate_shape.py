#!/usr/bin/env python3
"""Compare a generated QCEW annual singlefile with the real BLS excerpt.

usage: validate_shape.py GENERATED.csv [REAL.csv] [--max-rows N]

REAL defaults to the 2017 District of Columbia excerpt of the BLS annual
singlefile in shared/data (header plus every DC row, original BLS quoting).
The script prints a comparison and exits 1 if a hard check fails:

  header     column set and order identical
  quoting    per column, quoted vs bare identical
  formats    per column, the value shapes of the generated file (integer,
             1 or 2 decimals, "N", empty, code patterns) are all seen in
             the real file, and the real file's main shapes are generated
  codes      agglvl codes by area type, own codes by agglvl, industry code
             shape by agglvl, sector codes identical to BLS's
  suppressed a row with disclosure_code "N" has every measure but the
             establishment count 0, as BLS writes it (checked in both)
  sums       generated only: disclosed parents equal the sum of their
             children when all children are disclosed; counties sum to
             their state and to US000
  lq         generated only: lq_annual_avg_emplvl recomputed from the
             file's own counts matches within rounding

Line endings are reported, not asserted: the DC excerpt in shared/data has
LF line ends (the repository it came from stored it that way), while the
generator writes BLS's CRLF by default.

Only the standard library is used, so any python3 runs it.
"""
import collections
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_REAL = os.path.join(
    HERE, "..", "..", "shared", "data", "qcew", "singlefile_2017_excerpts", "DC",
    "2017.annual.singlefile.csv")
if not os.path.exists(DEFAULT_REAL):
    DEFAULT_REAL = "/work/shared/data/qcew/singlefile_2017_excerpts/DC/2017.annual.singlefile.csv"

TOKEN = re.compile(r'"((?:[^"]|"")*)"|([^,]*)')
SECTORS = ["11", "21", "22", "23", "31-33", "42", "44-45", "48-49", "51", "52", "53",
           "54", "55", "56", "61", "62", "71", "72", "81", "92", "99"]
MEASURES = list(range(9, 15))  # annual_avg_emplvl .. avg_annual_pay (0-based)


def tokens(line):
    """Split one raw CSV line into (quoted, text) pairs."""
    out = []
    pos = 0
    n = len(line)
    while True:
        m = TOKEN.match(line, pos)
        if m.group(1) is not None:
            out.append((True, m.group(1).replace('""', '"')))
        else:
            out.append((False, m.group(2)))
        pos = m.end()
        if pos >= n or line[pos] != ",":
            break
        pos += 1
    return out


def shape(quoted, text):
    if quoted:
        if text == "":
            return "q:empty"
        if re.fullmatch(r"[A-Z]", text):
            return "q:letter"
        if re.fullmatch(r"\d+", text):
            return "q:digits"
        if re.fullmatch(r"\d\d-\d\d", text):
            return "q:range"
        if re.fullmatch(r"[A-Z]+\d+", text):
            return "q:alnum"
        return "q:other"
    if re.fullmatch(r"-?\d+", text):
        return "int"
    if re.fullmatch(r"-?\d+\.\d", text):
        return "dec1"
    if re.fullmatch(r"-?\d+\.\d\d", text):
        return "dec2"
    if text == "":
        return "empty"
    return "other"


def area_kind(fips):
    if fips.startswith("US"):
        return "US"
    if fips.startswith("CS"):
        return "CSA"
    if fips.startswith("C"):
        return "CBSA"
    if fips.endswith("000"):
        return "state"
    return "county"


class Profile:
    def __init__(self, path, max_rows=None, keep=False):
        self.path = path
        self.rows = 0
        self.bytes = os.path.getsize(path)
        self.crlf = None
        self.header = None
        self.quoting = None          # per column: set of bools
        self.shapes = None           # per column: Counter of shapes
        self.agglvl_by_kind = collections.defaultdict(collections.Counter)
        self.own_by_agglvl = collections.defaultdict(collections.Counter)
        self.indlen_by_agglvl = collections.defaultdict(collections.Counter)
        self.sector_codes = set()
        self.supp_bad = 0
        self.supp_rows = 0
        self.county_sector_priv = collections.Counter()  # disclosure -> n
        self.width_bad = 0
        self.keep = keep
        self.data = {}  # (area, own, ind) -> (agglvl, disc, estabs, emp, wages, lq_emp)
        with open(path, "rb") as f:
            first = f.readline()
            self.crlf = first.endswith(b"\r\n")
            self.header = [t for _, t in tokens(first.decode().rstrip("\r\n"))]
            ncol = len(self.header)
            self.quoting = [set() for _ in range(ncol)]
            self.shapes = [collections.Counter() for _ in range(ncol)]
            for raw in f:
                if max_rows and self.rows >= max_rows:
                    break
                line = raw.decode().rstrip("\r\n")
                tk = tokens(line)
                if len(tk) != ncol:
                    self.width_bad += 1
                    continue
                self.rows += 1
                for i, (q, t) in enumerate(tk):
                    self.quoting[i].add(q)
                    self.shapes[i][shape(q, t)] += 1
                v = [t for _, t in tk]
                area, own, ind, agg, disc = v[0], v[1], v[2], v[3], v[7]
                kind = area_kind(area)
                self.agglvl_by_kind[kind][agg] += 1
                self.own_by_agglvl[agg][own] += 1
                self.indlen_by_agglvl[agg[-1] if agg[0] in "1457" else agg][
                    "range" if "-" in ind else len(ind)] += 1
                if agg in ("14", "54", "74", "44"):
                    self.sector_codes.add(ind)
                if disc == "N":
                    self.supp_rows += 1
                    if any(v[i] != "0" for i in MEASURES) or v[15] != "N":
                        self.supp_bad += 1
                if agg == "74" and own == "5":
                    self.county_sector_priv[disc] += 1
                if keep:
                    self.data[(area, own, ind)] = (
                        agg, disc, int(v[8]), int(v[9]), int(v[10]), v[17])


def fmt_counter(c, limit=12):
    items = sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))
    s = ", ".join(f"{k}:{n}" for k, n in items[:limit])
    return s + (", ..." if len(items) > limit else "")


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    max_rows = None
    for a in argv[1:]:
        if a.startswith("--max-rows="):
            max_rows = int(a.split("=", 1)[1])
    if not args or "-h" in argv or "--help" in argv:
        print(__doc__.strip())
        return 0 if args else 1
    gen_path = args[0]
    real_path = args[1] if len(args) > 1 else DEFAULT_REAL
    failures = []

    def check(ok, what):
        print(("  ok    " if ok else "  FAIL  ") + what)
        if not ok:
            failures.append(what)

    real = Profile(real_path)
    gen = Profile(gen_path, max_rows=max_rows, keep=max_rows is None)
    print(f"real:      {real_path}\n           {real.rows} rows, {real.bytes} bytes, "
          f"{real.bytes / max(real.rows, 1):.0f} bytes/row, line ends "
          f"{'CRLF' if real.crlf else 'LF'}")
    print(f"generated: {gen_path}\n           {gen.rows} rows, {gen.bytes} bytes, "
          f"{gen.bytes / max(gen.rows + 1, 1):.0f} bytes/row, line ends "
          f"{'CRLF' if gen.crlf else 'LF'}")

    print("\nheader")
    check(gen.header == real.header,
          f"columns identical in set and order ({len(gen.header)} vs {len(real.header)})")
    check(len(gen.header) == 38, "38 columns")
    check(gen.width_bad == 0 and real.width_bad == 0,
          f"every row has 38 fields (bad rows: generated {gen.width_bad}, real {real.width_bad})")

    print("\nquoting and value shapes per column (real | generated)")
    ncol = min(len(gen.header), len(real.header))
    for i in range(ncol):
        rq, gq = real.quoting[i], gen.quoting[i]
        rs, gs = set(real.shapes[i]), set(gen.shapes[i])
        extra = gs - rs
        if i == 0:
            # the DC excerpt holds only numeric areas; MSA (C####), CSA
            # (CS###) and US000 codes are BLS's own (qcew/titles/area_titles.csv)
            extra.discard("q:alnum")
        # shapes the real file shows in at least 1% of its rows must appear
        missing = {s for s in rs - gs if real.shapes[i][s] >= 0.01 * real.rows}
        mark = "ok  " if rq == gq and not extra and not missing else "DIFF"
        print(f"  {mark} {real.header[i]:36s} {fmt_counter(real.shapes[i], 4):40s} | "
              f"{fmt_counter(gen.shapes[i], 4)}")
        if rq != gq:
            failures.append(f"quoting of {real.header[i]}")
        if extra:
            failures.append(f"{real.header[i]}: shapes not in the real file: {sorted(extra)}")
        if missing:
            failures.append(f"{real.header[i]}: real shapes never generated: {sorted(missing)}")

    print("\ncode mix")
    for kind in ("US", "state", "county", "CBSA", "CSA"):
        print(f"  {kind:7s} agglvl real: {fmt_counter(real.agglvl_by_kind.get(kind, {}), 14) or '-'}")
        print(f"  {'':7s} agglvl gen:  {fmt_counter(gen.agglvl_by_kind.get(kind, {}), 14) or '-'}")
    expect = {"US": set("10 11 12 13 14 15 16 17 18".split()),
              "state": set("50 51 52 53 54 55 56 57 58 96".split()),
              "county": set("70 71 72 73 74 75 76 77 78".split()),
              "CSA": {"30"}}
    for kind, want in expect.items():
        got = set(gen.agglvl_by_kind.get(kind, {}))
        check(got == want, f"{kind} agglvl codes are {' '.join(sorted(want))}"
              + ("" if got == want else f" (got {' '.join(sorted(got))})"))
    cb = set(gen.agglvl_by_kind.get("CBSA", {}))
    check(cb <= set("40 41 42 43 44 45 46 47 48 80".split()) and "48" in cb,
          "CBSA agglvl codes within 40-48 and 80")
    real_county = set(real.agglvl_by_kind["county"])
    check(real_county <= set(gen.agglvl_by_kind["county"]),
          "every county agglvl of the real file is generated")
    for agg in sorted(set(real.own_by_agglvl) & set(gen.own_by_agglvl)):
        ro, go = set(real.own_by_agglvl[agg]), set(gen.own_by_agglvl[agg])
        check(go == ro or (go <= {"1", "2", "3", "5"} and ro <= {"1", "2", "3", "5"}),
              f"agglvl {agg}: own codes real {' '.join(sorted(ro))} / generated "
              f"{' '.join(sorted(go))}")
    for key in sorted(set(real.indlen_by_agglvl) | set(gen.indlen_by_agglvl)):
        r = set(real.indlen_by_agglvl.get(key, {}))
        g = set(gen.indlen_by_agglvl.get(key, {}))
        if r:
            check(g == r, f"agglvl x{key}: industry code shape real {sorted(r, key=str)} "
                  f"/ generated {sorted(g, key=str)}")
    real_sec = real.sector_codes
    check(real_sec <= gen.sector_codes and gen.sector_codes <= set(SECTORS),
          f"sector codes: real {len(real_sec)}, generated {len(gen.sector_codes)}, "
          f"all BLS sector codes")

    print("\ndisclosure")
    for name, p in (("real", real), ("generated", gen)):
        c = p.county_sector_priv
        n = sum(c.values())
        print(f"  {name:9s} county x sector private rows {n}, suppressed "
              f"{100.0 * c['N'] / max(n, 1):.1f}%; all rows suppressed "
              f"{100.0 * p.supp_rows / max(p.rows, 1):.1f}%")
    check(real.supp_bad == 0, f"real: suppressed rows write 0 for every measure "
          f"but establishments ({real.supp_bad} exceptions)")
    check(gen.supp_bad == 0, f"generated: suppressed rows write 0 for every measure "
          f"but establishments ({gen.supp_bad} exceptions)")
    c = gen.county_sector_priv
    rate = c["N"] / max(sum(c.values()), 1)
    check(0.15 <= rate <= 0.5, f"generated county x sector suppression {100 * rate:.1f}% "
          f"is near 30%")

    if gen.keep:
        print("\nconsistency of the generated numbers")
        consistency(gen, check)
    else:
        print("\n(consistency checks skipped with --max-rows)")

    print()
    if failures:
        print(f"FAILED: {len(failures)} check(s)")
        for f in failures:
            print("  - " + f)
        return 1
    print("shape validation passed")
    return 0


def parent_code(ind):
    """The QCEW parent of an industry code (None above sectors)."""
    if ind in ("10", "101", "102") or ind.startswith("10"):
        return None
    if len(ind) == 3 and "-" not in ind:
        two = ind[:2]
        for s in SECTORS:
            if s == two or ("-" in s and s[:2] <= two <= s[3:]):
                return s
        return None
    if len(ind) >= 4:
        return ind[:-1]
    return None


def consistency(gen, check):
    d = gen.data
    children = collections.defaultdict(list)
    for (area, own, ind) in d:
        p = parent_code(ind)
        if p is not None:
            children[(area, own, p)].append((area, own, ind))
    tested = bad = 0
    for key, kids in children.items():
        if key not in d or d[key][1] == "N":
            continue
        if any(d[k][1] == "N" for k in kids):
            continue
        tested += 1
        for col in (2, 3, 4):
            if d[key][col] != sum(d[k][col] for k in kids):
                bad += 1
                break
    check(tested > 0 and bad == 0,
          f"disclosed parents equal the sum of their disclosed children "
          f"({tested} tested, {bad} wrong)")
    # geography: counties (incl. SS999) sum to states and to US000, by estabs
    # (never suppressed, so every row counts)
    state = collections.Counter()
    nation = collections.Counter()
    for (area, own, ind), v in d.items():
        if area_kind(area) == "county" and (own, ind) in (("5", "10"), ("0", "10")):
            state[(area[:2], own)] += v[2]
            nation[own] += v[2]
    sbad = sum(1 for (st, own), n in state.items()
               if (st + "000", own, "10") in d and d[(st + "000", own, "10")][2] != n)
    check(sbad == 0, f"county establishments sum to their state ({len(state)} tested, "
          f"{sbad} wrong)")
    nbad = sum(1 for own, n in nation.items() if d[("US000", own, "10")][2] != n)
    check(nbad == 0, "county establishments sum to US000")
    # LQ recomputed from the file's own counts
    us_tot = d[("US000", "0", "10")][3]
    tested = bad = 0
    worst = 0.0
    for (area, own, ind), v in d.items():
        agg, disc = v[0], v[1]
        if agg not in ("74", "76") or own != "5" or disc == "N":
            continue
        tot = d.get((area, "0", "10"))
        us = d.get(("US000", own, ind))
        if not tot or tot[1] == "N" or not us or us[1] == "N" or tot[3] == 0 or us[3] == 0:
            continue
        lq = (v[3] / tot[3]) / (us[3] / us_tot)
        tested += 1
        diff = abs(lq - float(v[5]))
        worst = max(worst, diff)
        if diff > 0.0051:
            bad += 1
    check(tested > 0 and bad == 0,
          f"lq_annual_avg_emplvl matches the file's counts within rounding "
          f"({tested} county private sector/4-digit rows, worst |diff| {worst:.4f})")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
