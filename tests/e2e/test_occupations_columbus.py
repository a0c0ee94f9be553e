"""Acceptance: `pathmap occupations` on the Columbus MSA sample, end to end.

Real inputs: BLS QCEW 2023 for the ten Columbus MSA counties (data/sample), BLS
Employment Projections occupation.xlsx, O*NET 30.1 job zones, OEWS May 2025
national wages. No real staffing pattern (industry x occupation) file is in
../shared/data, so this test writes National Employment Matrix exports in the
published layout with INVENTED shares (clearly not BLS figures) and checks
pathmap's arithmetic against an independent computation here:

  employment(o) = sum over sectors S of QCEW employment(S) x share(S, o)
  openings      = growth + exits + transfers, EP Table 1.10 rates (most precise form)

plus the bases, notes and credits the output must carry, and the suppression
bounds for a sector with suppressed county cells."""
import csv
import glob
import json
import os

import pmtest

env = pmtest.Env(__doc__)
sample = sorted(glob.glob(os.path.join(env.source, "data/sample/morpc-qcew-2023-a-*.csv")))
ep_path = os.path.join(env.shared, "bls_ep/occupation.xlsx")
env.run("import", "qcew", *sample, "--quiet")
env.run("region", "define", "columbus", "--msa", "C1814")
env.run("import", "ep", ep_path)
env.run("import", "onet", os.path.join(env.shared, "onet/db_30_1_text/Job Zones.txt"))
env.run("import", "oews", os.path.join(env.shared, "oews/national_M2025_dl.xlsx"))

# ---- published EP figures, read here independently ----
rows12 = pmtest.xlsx_rows(ep_path, "Table 1.10")
head = next(i for i, r in enumerate(rows12) if any("Matrix code" in c for c in r))
h = [c.replace("\n", " ") for c in rows12[head]]
col = {k: next(i for i, c in enumerate(h) if c.startswith(v)) for k, v in {
    "code": "2024 National Employment Matrix code", "type": "Occupation type",
    "base": "Employment, 2024", "proj": "Employment, 2034",
    "xr": "Labor force exit rate", "tr": "Occupational transfer rate",
    "x": "Labor force exits", "t": "Occupational transfers"}.items()}
ep = {}
for r in rows12[head + 1:]:
    if len(r) <= col["code"] or not r[col["code"]].strip():
        break
    ep[r[col["code"]].strip()] = {k: r[i] for k, i in col.items()}


def rate(count_k, rate_pct, avg):
    """EP's more precise form: a count (thousands, 1 decimal) or a rate (percent, 1 dec)."""
    c, p = float(count_k) * 1000, float(rate_pct)
    if c > 0 and (p <= 0 or 50.0 / c <= 0.05 / p):
        return c / avg
    return p / 100


def openings(code, emp):
    e = ep[code]
    base, proj = float(e["base"]) * 1000, float(e["proj"]) * 1000
    g = (proj - base) / base
    avg_nat = (base + proj) / 2
    avg = emp * (1 + g / 2)
    return emp * g / 10 + avg * rate(e["x"], e["xr"], avg_nat) + avg * rate(e["t"], e["tr"], avg_nat)


# ---- invented staffing patterns in the matrix export layout ----
PATTERNS = {
    ("31-330", "Manufacturing"): {"51-2090": 12.0, "51-4041": 4.0, "53-7062": 6.5,
                                  "51-1011": 5.0, "17-2112": 2.5, "51-9061": 3.0},
    ("520000", "Finance and insurance"): {"13-2011": 4.0, "43-4051": 9.0, "41-3021": 6.0,
                                          "13-2072": 3.5, "15-1252": 2.0},
    ("620000", "Healthcare and social assistance"): {"29-1141": 14.0, "31-1131": 7.0,
                                                     "31-1120": 12.0, "43-6013": 3.0},
}
for (code, title), shares in PATTERNS.items():
    for soc in shares:
        env.check(ep.get(soc, {}).get("type") == "Line item", f"{soc} is an EP line item")
    path = os.path.join(env.tmp.name, f"ep_matrix_{code}.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(["National Employment Matrix, 2024 and projected 2034 (Employment in "
                    "thousands) -- TEST FIXTURE, invented shares"])
        w.writerow([])
        w.writerow(["Industry Title", "Industry Code", "Occupation Title", "Occupation Code",
                    "Occupation Type", "2024 Employment", "2024 Percent of Industry"])
        w.writerow([title, code, "Total, all occupations", "00-0000", "Summary", "1000.0",
                    "100.0"])
        for soc, pct in shares.items():
            w.writerow([title, code, "x", soc, "Line item", f"{pct * 10:.1f}", f"{pct}"])
    env.run("import", "staffing", path)


def qcew_sum(industry, owns):
    """Region sum of disclosed cells, and the count of suppressed ones."""
    total, supp = 0, 0
    for f in sample:
        for r in pmtest.read_qcew(f):
            if r["industry_code"] == industry and r["own_code"] in owns and r["size_code"] == "0":
                if r["disclosure_code"] == "N":
                    supp += 1
                else:
                    total += int(r["annual_avg_emplvl"])
    return total, supp


# ---- 1. fully disclosed sectors: exact ----
out = env.run("occupations", "--region", "columbus", "--sector", "31_33,52", "--own",
              "private", "--format", "json").stdout
doc = json.loads(out)
rows = {r["soc_code"]: r for r in doc["rows"]}
emp = {}
for sector, pat in (("31-33", ("31-330", "Manufacturing")), ("52", ("520000",
                                                                    "Finance and insurance"))):
    e, supp = qcew_sum(sector, {"5"})
    env.check(supp == 0, f"{sector} private is fully disclosed in the sample")
    for soc, pct in PATTERNS[pat].items():
        emp[soc] = emp.get(soc, 0) + e * pct / 100
env.check(set(rows) == set(emp), f"occupations {sorted(rows)} != {sorted(emp)}")
for soc, e in emp.items():
    r = rows.get(soc)
    if not r:
        continue
    env.check(r["employment"] == round(e), f"{soc} employment {r['employment']} != {e:.1f}")
    o = openings(soc, e)
    env.check(abs(r["annual_openings"] - o) <= 0.051,
              f"{soc} openings {r['annual_openings']} != {o:.2f}")
    env.check(abs(r["openings_growth"] + r["openings_exits"] + r["openings_transfers"]
                  - r["annual_openings"]) <= 0.2, f"{soc} parts add up")
    env.check(r["employment_basis"] == "QCEW 2023 x ep-matrix 2024 staffing",
              f"{soc} basis {r['employment_basis']}")
    env.check(r["openings_basis"] == "EP 2024-2034 rates, national growth",
              f"{soc} openings basis {r['openings_basis']}")
    env.check(r["typical_education"], f"{soc} has an entry education")
    env.check(r["wage_basis"].startswith("OEWS May 2025 national"), f"{soc} wage basis")
    env.check(r["job_zone"] is not None, f"{soc} has a job zone")
opens = [r["annual_openings"] for r in doc["rows"]]
env.check(opens == sorted(opens, reverse=True), "rows sorted by openings")
notes = " | ".join(doc["notes"])
env.check("CC BY 4.0" in notes, "O*NET credited")
env.check("staffing patterns (ep-matrix 2024)" in notes, "method stated")
tot = sum(qcew_sum(s, {"5"})[0] for s in ("31-33", "52"))
env.check(doc["total_employment"] == tot, f"total {doc['total_employment']} != {tot}")
env.check(abs(sum(r["share_of_sector"] for r in doc["rows"]) - 100 * sum(emp.values()) / tot)
          < 0.05, "shares of sector add up")

# ---- 2. a sector with suppressed county cells: bounded, estimated, reported ----
doc = json.loads(env.run("occupations", "--region", "columbus", "--sector", "62",
                         "--format", "json").stdout)
low = sum(qcew_sum("62", {o})[0] for o in "1235")
supp = sum(qcew_sum("62", {o})[1] for o in "1235")
env.check(supp > 0, "health care has suppressed county cells in the sample")
env.check(doc["total_employment"] >= low, f"total {doc['total_employment']} below {low}")
env.check(any(r["employment_estimated"] > 0 for r in doc["rows"]), "estimated part reported")
env.check(any("suppressed QCEW cells" in n for n in doc["notes"]), "suppression noted")
rn = next(r for r in doc["rows"] if r["soc_code"] == "29-1141")
env.check(abs(rn["employment"] - doc["total_employment"] * 0.14) <= 1, "RN = 14% of 62")

# ---- 3. the whole region: industries without a pattern are counted, not dropped ----
doc = json.loads(env.run("occupations", "--region", "columbus", "--format", "json").stdout)
env.check(any("have no staffing pattern" in n for n in doc["notes"]),
          "uncovered industries reported")

# ---- 4. filters and text output ----
doc = json.loads(env.run("occupations", "--region", "columbus", "--sector", "62",
                         "--education", "bachelor", "--format", "json").stdout)
env.check([r["soc_code"] for r in doc["rows"]] == ["29-1141"], "education filter")
p = env.run("occupations", "--region", "columbus", "--sector", "62", "--education", "phd",
            check=False)
env.check(p.returncode == 1 and "--education" in p.stderr, "bad education level: exit 1")

# ---- 5. state projections: Ohio's growth replaces the national one where published ----
# (tests/data/projections/pc_longterm_39_page0.json: the Projections Central layout with
# invented numbers; registered nurses 140,000 -> 150,000 over 2022-2032)
env.run("import", "projections",
        os.path.join(env.source, "tests/data/projections/pc_longterm_39_page0.json"))
doc = json.loads(env.run("occupations", "--region", "columbus", "--sector", "62",
                         "--format", "json").stdout)
rn = next(r for r in doc["rows"] if r["soc_code"] == "29-1141")
env.check(rn["openings_basis"] == "EP 2024-2034 rates, Ohio 2022-2032 growth",
          f"RN openings basis {rn['openings_basis']}")
g = (150000 - 140000) / 140000
env.check(abs(rn["openings_growth"] - rn["employment"] * g / 10) <= 0.6,
          f"RN growth part {rn['openings_growth']} uses Ohio's growth")
env.check(abs(rn["growth_pct"] - 100 * g) < 0.05, f"RN growth_pct {rn['growth_pct']}")
other = [r for r in doc["rows"] if r["soc_code"] != "29-1141"
         and r["openings_basis"].endswith("national growth")]
env.check(other, "occupations Ohio does not project keep national growth")
env.check(any("Ohio 2022-2032 projections" in n for n in doc["notes"]), "state growth noted")
p = env.run("occupations", "--region", "columbus", "--sector", "62")
env.check("Registered nurses" in p.stdout and "openings/yr" in p.stdout, "text table")
env.done()
