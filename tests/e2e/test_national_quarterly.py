"""Acceptance: the US000 quarterly files load, and LQs against them are exact.

Both national quarterly slices in ../shared/data/qcew/national load (every row,
BLS's quoted CRLF layout, including its '-' disclosure code). No county file of
2019 Q1 or 2024 Q1 is in the shared data, so the LQ check is the one the issue
allows: US000 against itself gives LQ = 1 for every disclosed row, with the
'national' basis, at every NAICS level, matching BLS's published 1.00.
"""
import os

from pmtest import Env, read_qcew

env = Env(__doc__)
for name, year in (("US000_2019_q1.csv", "2019"), ("US000_2024_q1.csv", "2024")):
    path = os.path.join(env.shared, "qcew/national", name)
    raw = read_qcew(path)
    out = env.run("import", "qcew", path).stdout
    env.check(f"{len(raw):,} rows" in out, f"{name}: import did not load all {len(raw)} rows: {out}")
    for level in ("sector", "3", "6"):
        rows = env.csv("sectors", "--area", "US000", "--year", year, "--qtr", "1",
                       "--level", level, "--base-year", "none")
        env.check(len(rows) > 0, f"{name} level {level}: no rows")
        n = 0
        for r in rows:
            if r["employment"] == "":
                continue
            n += 1
            env.check(r["lq"] == "1.0000" and r["lq_basis"] == "national",
                      f"{name} NAICS {r['industry_code']}: LQ {r['lq']} basis {r['lq_basis']}")
            env.check(r["lq_published"] in ("1.00", ""),
                      f"{name} NAICS {r['industry_code']}: published LQ {r['lq_published']}")
        print(f"{name} level {level}: {n} disclosed rows, all LQ = 1 against loaded US000 rows")
    # The quarter's employment is the third month, as BLS's county releases compare.
    tot = [r for r in raw if r["own_code"] == "5" and r["industry_code"] == "62"
           and r["agglvl_code"] == "14"][0]
    rows = env.csv("sectors", "--area", "US000", "--year", year, "--qtr", "1", "--base-year", "none")
    hc = [r for r in rows if r["industry_code"] == "62"][0]
    env.check(hc["employment"] == tot["month3_emplvl"],
              f"{name}: health care employment {hc['employment']} != month3 {tot['month3_emplvl']}")
env.done()
