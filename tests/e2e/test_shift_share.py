"""Acceptance: shift-share components sum exactly to the actual change.

The 2016 BLS by-industry sector files hold every area's 2016 rows with the
over-the-year changes, so 2015 levels are 2016 minus the change. For several
MSAs and states, pathmap's classic shift-share (2015 -> 2016, private) is
checked: national share + industry mix + regional share equals the change
exactly as printed, and each component equals an independent computation from
the raw rows (national total growth = the sum of the US000 private sector rows,
as no all-industry file is in the data) within a cent of a job.
"""
import glob
import os
from collections import defaultdict

from pmtest import Env, read_qcew

AREAS = ["C1814", "C1698", "C3538", "39000", "06000"]

env = Env(__doc__)
files = sorted(glob.glob(os.path.join(env.shared, "qcew/national/industry_2016_annual_sectors/*.csv")))
env.check(len(files) == 21, f"expected 21 sector files, found {len(files)}")
env.run("import", "qcew", *files, "--quiet")

cur, prev = defaultdict(dict), defaultdict(dict)
for path in files:
    for r in read_qcew(path):
        if r["own_code"] != "5" or r["size_code"] != "0":
            continue
        if r["disclosure_code"] == "N" or r["oty_disclosure_code"] == "N":
            continue
        e1 = int(r["annual_avg_emplvl"])
        cur[r["area_fips"]][r["industry_code"]] = e1
        prev[r["area_fips"]][r["industry_code"]] = e1 - int(r["oty_annual_avg_emplvl_chg"])

us1, us0 = cur["US000"], prev["US000"]
G = sum(us1.values()) / sum(us0.values()) - 1
checked = 0
for area in AREAS:
    rows = env.csv("sectors", "--area", area, "--year", "2016", "--base-year", "2015")
    env.check(len(rows) > 0, f"{area}: no rows")
    for r in rows:
        ind = r["industry_code"]
        if r["national_share"] == "":
            continue
        ns, im, rs = (round(float(r[k]) * 100) for k in ("national_share", "industry_mix",
                                                           "regional_share"))
        change = int(r["employment_change"])
        env.check(ns + im + rs == change * 100,
                  f"{area} {ind}: {r['national_share']} + {r['industry_mix']} + "
                  f"{r['regional_share']} != {change}")
        e0, e1 = prev[area].get(ind), cur[area].get(ind)
        if e0 is None or e1 is None:
            continue
        gn = us1[ind] / us0[ind] - 1
        want = (e0 * G, e0 * (gn - G), e0 * ((e1 - e0) / e0 - gn))
        for got, exp, name in zip((ns, im, rs), want, ("national share", "industry mix",
                                                         "regional share")):
            env.check(abs(got / 100 - exp) <= 0.011,
                      f"{area} {ind}: {name} {got / 100:.2f} != {exp:.4f}")
        env.check(change == e1 - e0, f"{area} {ind}: change {change} != {e1 - e0}")
        checked += 1
print(f"{checked} area x sector shift-shares checked (national total growth {100 * G:.3f}%)")
env.check(checked >= 60, "too few rows checked")
env.done()
