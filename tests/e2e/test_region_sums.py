"""Acceptance: region sums equal the sums of the county files for disclosed cells.

The Columbus MSA region (10 counties) and a four-county core region are summed
by pathmap at every NAICS level for 2023 and 2020; here the same sums are computed from the raw county CSVs.
A cell with any suppressed county component must show no employment, a lower
bound equal to the disclosed sum, and an upper bound at least that large.
Establishments are never suppressed and must always match.
"""
import glob
import os
from collections import defaultdict

from pmtest import Env, read_qcew

COUNTIES = ["39041", "39045", "39049", "39073", "39089", "39097", "39117", "39127", "39129",
            "39159"]
LEVEL_AGGLVL = {"sector": "74", "3": "75", "4": "76", "5": "77", "6": "78"}

env = Env(__doc__)
files = sorted(glob.glob(os.path.join(env.source, "data/sample/*.csv")))
env.run("import", "qcew", *files, "--quiet")
env.run("region", "define", "columbus", "--msa", "C1814", "--quiet")
# A smaller region of the larger counties has fewer suppressed cells to compare.
env.run("region", "define", "core", "--counties", "39049,39041,39045,39089", "--quiet")
REGIONS = {"columbus": COUNTIES, "core": ["39049", "39041", "39045", "39089"]}

rows_by_area = defaultdict(list)
for path in files:
    for r in read_qcew(path):
        if r["own_code"] == "5" and r["size_code"] == "0":
            rows_by_area[r["area_fips"]].append(r)

checked = supp_checked = 0
for region, counties in REGIONS.items():
  raw = defaultdict(list)
  for c in counties:
      for r in rows_by_area[c]:
          raw[(r["year"], r["agglvl_code"], r["industry_code"])].append(r)
  for year in ("2023", "2020"):
    for level, agglvl in LEVEL_AGGLVL.items():
        rows = env.csv("sectors", "--region", region, "--year", year, "--level", level,
                       "--base-year", "none")
        seen = set()
        for r in rows:
            comps = raw[(year, agglvl, r["industry_code"])]
            seen.add(r["industry_code"])
            tag = f"{region} {year} level {level} NAICS {r['industry_code']}"
            env.check(len(comps) > 0, f"{tag}: no county rows in the raw files")
            estabs = sum(int(c["annual_avg_estabs"]) for c in comps)
            env.check(int(r["establishments"]) == estabs,
                      f"{tag}: establishments {r['establishments']} != {estabs}")
            disclosed = [c for c in comps if c["disclosure_code"] != "N"]
            low = sum(int(c["annual_avg_emplvl"]) for c in disclosed)
            env.check(int(r["suppressed"]) == len(comps) - len(disclosed),
                      f"{tag}: suppressed count {r['suppressed']}")
            env.check(int(r["employment_low"]) == low, f"{tag}: low bound {r['employment_low']} != {low}")
            if len(disclosed) == len(comps):
                wages = sum(int(c["total_annual_wages"]) for c in comps)
                env.check(r["employment"] == str(low), f"{tag}: employment {r['employment']} != {low}")
                env.check(r["total_wages"] == str(wages), f"{tag}: wages {r['total_wages']} != {wages}")
                checked += 1
            else:
                env.check(r["employment"] == "" and r["total_wages"] == "",
                          f"{tag}: suppressed sum printed as a number")
                if r["employment_high"]:
                    env.check(int(r["employment_high"]) >= low, f"{tag}: high bound below low")
                supp_checked += 1
        expected = {k[2] for k in raw if k[0] == year and k[1] == agglvl}
        env.check(seen == expected, f"{region} {year} level {level}: industries differ: "
                  f"missing {sorted(expected - seen)[:5]} extra {sorted(seen - expected)[:5]}")

print(f"{checked} fully disclosed region cells equal the county sums; "
      f"{supp_checked} cells with suppressed components reported as unknown with bounds")
env.check(checked > 300, "too few cells compared")
env.done()
