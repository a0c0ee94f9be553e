"""Acceptance: computed LQs match BLS's published LQs on the real Columbus files.

For every county and year of the central-Ohio annual files, pathmap computes
each disclosed private NAICS-sector LQ with national shares *derived from the
other counties' published LQs* (--derive-exclude self, so the check is not
circular). The published value is read here straight from the raw file. At
least 97% of rows must be within max(0.01, 1% of the published LQ).
"""
import glob
import os

from pmtest import Env, histogram, read_qcew

env = Env(__doc__)
files = sorted(glob.glob(os.path.join(env.shared, "qcew/central_ohio_annual/*.csv")))
env.check(len(files) == 60, f"expected 60 county files, found {len(files)}")
env.run("import", "qcew", *files, "--quiet")

published = {}
for path in files:
    for r in read_qcew(path):
        if r["own_code"] == "5" and r["agglvl_code"] == "74" and r["size_code"] == "0":
            published[(r["area_fips"], r["year"], r["industry_code"])] = r

diffs, worst, total, within = [], [], 0, 0
for (area, year) in sorted({(k[0], k[1]) for k in published}):
    rows = env.csv("sectors", "--area", area, "--year", year, "--base-year", "none",
                   "--derive-exclude", "self", "--estimate", "0")
    for r in rows:
        raw = published.get((area, year, r["industry_code"]))
        env.check(raw is not None, f"{area} {year} {r['industry_code']}: not in the raw file")
        if raw is None or raw["disclosure_code"] == "N":
            env.check(r["employment"] == "", f"{area} {year} {r['industry_code']}: "
                      "suppressed in the file but pathmap shows employment")
            continue
        env.check(r["employment"] == raw["annual_avg_emplvl"],
                  f"{area} {year} {r['industry_code']}: employment {r['employment']} != "
                  f"{raw['annual_avg_emplvl']}")
        if raw["lq_disclosure_code"] == "N" or r["lq"] == "":
            continue
        pub = float(raw["lq_annual_avg_emplvl"])
        lq = float(r["lq"])
        d = abs(lq - pub)
        total += 1
        ok = d <= max(0.01, 0.01 * pub)
        within += ok
        diffs.append(d)
        worst.append((d, area, year, r["industry_code"], lq, pub, r["lq_source_area"]))

share = within / total if total else 0
print(f"{total} disclosed private sector rows with a published LQ; "
      f"{within} ({100 * share:.2f}%) within max(0.01, 1%)")
print("distribution of |computed - published|:")
for lo, hi, n in histogram(diffs, [0, 0.0025, 0.005, 0.0075, 0.01, 0.02, 0.05, 0.1]):
    print(f"  [{lo:.4f}, {hi:.4f}): {n}")
print("largest differences:")
for w in sorted(worst)[-8:]:
    print("  |d|=%.4f area %s %s NAICS %s computed %.4f published %.2f (share from %s)" % w)
env.check(total >= 1000, f"only {total} rows compared")
env.check(share >= 0.97, f"only {100 * share:.2f}% of rows within tolerance (need 97%)")
env.done()
