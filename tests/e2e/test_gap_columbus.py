"""Acceptance: `pathmap gap`, `assets` and `ladder` on the Columbus MSA, end to end.

Real inputs: BLS QCEW 2023 for the ten Columbus MSA counties (data/sample), BLS
Employment Projections occupation.xlsx, O*NET 30.1 job zones and related occupations,
OEWS May 2025 national wages, the NCES CIP 2020 - SOC 2018 crosswalk, IPEDS HD 2024 and
completions for award years 2022-23 and 2023-24. No real staffing pattern file is in
../shared/data, so health care's pattern is written here with INVENTED shares (not BLS
figures), as in test_occupations_columbus.py.

The test recomputes, from the raw CSV rows and spreadsheets, the completers allocated
to registered nurses under every allocation method, and checks the conservation laws
of each method on the whole selection."""
import csv
import json
import os
import glob

import pmtest

env = pmtest.Env(__doc__)
S = env.shared
sample = sorted(glob.glob(os.path.join(env.source, "data/sample/morpc-qcew-2023-a-*.csv")))
ep_path = os.path.join(S, "bls_ep/occupation.xlsx")
xw_path = os.path.join(S, "nces_cip_soc/cip_soc_crosswalk.xlsx")
onet = os.path.join(S, "onet/db_30_1_text")
ipeds = os.path.join(S, "ipeds")
env.run("import", "qcew", *sample, "--quiet")
env.run("region", "define", "columbus", "--msa", "C1814")
env.run("import", "ep", ep_path)
env.run("import", "onet", os.path.join(onet, "Job Zones.txt"),
        os.path.join(onet, "Related Occupations.txt"),
        os.path.join(onet, "Education, Training, and Experience.txt"))
env.run("import", "oews", os.path.join(S, "oews/national_M2025_dl.xlsx"))
env.run("import", "cipsoc", os.path.join(S, "nces_cip_soc/CIPCode2020.csv"), xw_path)
env.run("import", "ipeds", os.path.join(ipeds, "hd2024.csv"),
        os.path.join(ipeds, "derived_csv/c2023_a_subset.csv"),
        os.path.join(ipeds, "derived_csv/c2024_a_subset.csv"))

# ---- invented health care staffing pattern (percent of industry employment) ----
PATTERN = {"29-1141": 14.0, "31-1131": 7.0, "29-2061": 3.0, "31-9092": 4.0,
           "29-1292": 1.0, "29-2034": 1.5, "29-1171": 1.2, "29-1126": 0.6,
           "29-2055": 0.5, "43-6013": 3.0, "29-2052": 1.0, "11-9111": 1.5}
path = os.path.join(env.tmp.name, "ep_matrix_620000.csv")
with open(path, "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL)
    w.writerow(["National Employment Matrix, 2024 and projected 2034 (Employment in "
                "thousands) -- TEST FIXTURE, invented shares"])
    w.writerow([])
    w.writerow(["Industry Title", "Industry Code", "Occupation Title", "Occupation Code",
                "Occupation Type", "2024 Employment", "2024 Percent of Industry"])
    w.writerow(["Healthcare and social assistance", "620000", "Total, all occupations",
                "00-0000", "Summary", "1000.0", "100.0"])
    for soc, pct in PATTERN.items():
        w.writerow(["Healthcare and social assistance", "620000", "x", soc, "Line item",
                    f"{pct * 10:.1f}", f"{pct}"])
env.run("import", "staffing", path)

# ---- independent inputs ----
counties = set()
with open(os.path.join(env.source, "data/qcew/county_msa_csa_crosswalk.csv"),
          encoding="latin-1") as f:
    for r in csv.DictReader(f):
        if r["MSA Code"] == "C1814":
            counties.add(r["County Code"])
env.check(len(counties) == 10, f"Columbus MSA has 10 counties, not {len(counties)}")
names = {}
with open(os.path.join(ipeds, "hd2024.csv"), encoding="utf-8-sig", errors="replace") as f:
    for r in csv.DictReader(f):
        if r["COUNTYCD"].lstrip("-").isdigit() and int(r["COUNTYCD"]) > 0 \
                and f"{int(r['COUNTYCD']):05d}" in counties:
            names[r["UNITID"]] = r["INSTNM"]
levels = set()
with open(os.path.join(env.source, "data/ipeds/award_levels.csv")) as f:
    levels = {r["awlevel"] for r in csv.DictReader(f)}
completers = {}  # (unitid, cip, awlevel) -> a year's average
for y in (2023, 2024):
    with open(os.path.join(ipeds, f"derived_csv/c{y}_a_subset.csv")) as f:
        for r in csv.DictReader(f):
            if r["UNITID"] in names and r["MAJORNUM"] == "1" and len(r["CIPCODE"]) == 7 \
                    and r["AWLEVEL"] in levels and r["CTOTALT"] and int(r["CTOTALT"]) > 0:
                k = (r["UNITID"], r["CIPCODE"], r["AWLEVEL"])
                completers[k] = completers.get(k, 0) + int(r["CTOTALT"]) / 2
by_cip = {}
for (u, c, a), v in completers.items():
    by_cip[c] = by_cip.get(c, 0) + v

rows12 = pmtest.xlsx_rows(ep_path, "Table 1.2")
ep = {r[1]: r for r in rows12[2:] if len(r) > 10 and r[1][:2].isdigit()}
line_item = {s for s, r in ep.items() if r[2] == "Line item"}
for soc in PATTERN:
    env.check(soc in line_item, f"{soc} is an EP line item")


def ep_code(soc):
    if soc in line_item:
        return soc
    broad = soc[:6] + "0"
    return broad if broad in line_item else None


links = {}  # cip -> set of EP codes
for r in pmtest.xlsx_rows(xw_path, "CIP-SOC")[1:]:
    cip, soc = r[0], r[2]
    e = ep_code(soc) if soc != "99-9999" else None
    if cip in by_cip and e:
        links.setdefault(cip, set()).add(e)

occ = json.loads(env.run("occupations", "--region", "columbus", "--format", "json").stdout)
local = {r["soc_code"]: r["annual_openings"] or 0 for r in occ["rows"]}
scale = occ["total_employment"] / (float(ep["00-0000"][3]) * 1000)


def weight(soc):
    if soc in local:
        return local[soc]
    return float(ep[soc][10]) * 1000 * scale


RN = "29-1141"
rn_cips = sorted(c for c, ss in links.items() if RN in ss)
env.check("51.3801" in rn_cips, "registered nursing programs lead to RNs")
expect = {
    "demand": sum(by_cip[c] * weight(RN) / sum(weight(s) for s in links[c])
                  for c in rn_cips),
    "split": sum(by_cip[c] / len(links[c]) for c in rn_cips),
    "duplicate": sum(by_cip[c] for c in rn_cips),
    "competition": sum(by_cip[c] for c in rn_cips),
}
linked_total = sum(v for c, v in by_cip.items() if c in links)
results = {}
for method, want in expect.items():
    doc = json.loads(env.run("gap", "--region", "columbus", "--sector", "62",
                             "--allocation", method, "--format", "json").stdout)
    results[method] = doc
    rn = next((r for r in doc["rows"] if r["soc_code"] == RN), None)
    env.check(rn is not None, f"{method}: registered nurses listed")
    if not rn:
        continue
    env.check(abs(rn["completers"] - want) <= 0.1 + 1e-3 * want,
              f"{method}: RN completers {rn['completers']} != {want:.2f} recomputed")
    env.check(abs(rn["gap"] - (rn["annual_openings"] - rn["completers"])) <= 0.11,
              f"{method}: gap = openings - completers")
    env.check(rn["allocation"] == method, f"{method}: the row names its method")
    env.check(rn["award_years"] == "2022-23 and 2023-24", f"{method}: award years")
    env.check(rn["openings_basis"].startswith("EP 2024-2034"), f"{method}: openings basis")
    env.check(rn["employment_basis"].startswith("QCEW 2023"), f"{method}: vintages")
    env.check("Ohio State University-Main Campus" in rn["institutions"],
              f"{method}: Ohio State among RN institutions")
    env.check(doc["allocation"] == method and doc["award_years"] == "2022-23 and 2023-24",
              f"{method}: meta names method and years")
    env.check(abs(doc["completers_linked"] - linked_total) <= 0.5,
              f"{method}: linked completers {doc['completers_linked']} != {linked_total}")
    ma = next((r for r in doc["rows"] if r["soc_code"] == "43-6013"), None)
    env.check(ma and ma["completers"] is None and "not measured" in (ma["supply_note"] or ""),
              f"{method}: high-school occupations are not measured by IPEDS")

# ---- credentials beyond degrees (CareerOneStop responses written from the documented
# format: tests/data/careeronestop/README.md) ----
c1s = os.path.join(env.source, "tests/data/careeronestop")
env.run("import", "careeronestop", os.path.join(c1s, "certifications-29-1141.json"),
        os.path.join(c1s, "licenses-29-1141-OH.json"))
doc = json.loads(env.run("gap", "--region", "columbus", "--sector", "62", "--format",
                         "json").stdout)
rn = next(r for r in doc["rows"] if r["soc_code"] == RN)
env.check(rn["credentials"] and "(certification)" in rn["credentials"]
          and "+2 more" in rn["credentials"], f"gap lists RN credentials: {rn}")
doc = json.loads(env.run("occupations", "--region", "columbus", "--sector", "62",
                         "--format", "json").stdout)
rn = next(r for r in doc["rows"] if r["soc_code"] == RN)
env.check(rn["credentials"], "occupations list RN credentials")

# O*NET's required-education distribution (2.D.1 RL, 29-1141.00), recomputed
ete = {}
with open(os.path.join(onet, "Education, Training, and Experience.txt")) as f:
    for r in csv.DictReader(f, delimiter="\t"):
        if r["O*NET-SOC Code"] == "29-1141.00" and r["Element ID"] == "2.D.1" \
                and r["Scale ID"] == "RL":
            ete[int(r["Category"])] = float(r["Data Value"])
top = max(ete, key=ete.get)
env.check(top == 6, "bachelor's is the most reported RN level")
rn = next(r for r in results["demand"]["rows"] if r["soc_code"] == RN)
env.check(rn["required_education"].startswith(f"bachelor {ete[6]:.0f}%"),
          f"RN required education {rn['required_education']} (O*NET says {ete[6]}%)")

# ---- provenance: every input file with its checksum ----
files = {(x["source"], x["file"]) for x in results["demand"]["sources"]}
for want in (("ipeds", "c2024_a_subset.csv"), ("ipeds", "hd2024.csv"), ("ep", "occupation.xlsx"),
             ("cipsoc", "cip_soc_crosswalk.xlsx"), ("qcew", "morpc-qcew-2023-a-39049.csv")):
    env.check(want in files, f"gap sources name {want}")
env.check(all(len(x["sha256"]) == 64 for x in results["demand"]["sources"]), "checksums")

# ---- conservation ----
d, s, u, c = (results[m] for m in ("demand", "split", "duplicate", "competition"))
env.check(abs(d["completers_allocated"] - d["completers_linked"]) <= 0.01,
          "demand allocates exactly the linked completers")
env.check(abs(s["completers_allocated"] - s["completers_linked"]) <= 0.01,
          "split allocates exactly the linked completers")
env.check(u["completers_allocated"] >= d["completers_allocated"], "duplicate >= demand")
env.check(abs(c["openings_allocated"] - c["openings_linked"]) <= 0.01,
          f"competition allocates the linked openings: {c['openings_allocated']} "
          f"!= {c['openings_linked']}")
for m in ("demand", "duplicate"):
    rd = {r["soc_code"]: r["completers"] or 0 for r in results[m]["rows"]}
    env.check(all(rd[k] >= 0 for k in rd), f"{m}: no negative supply")
dup = {r["soc_code"]: r["completers"] or 0 for r in u["rows"]}
dem = {r["soc_code"]: r["completers"] or 0 for r in d["rows"]}
env.check(all(dup[k] + 1e-6 >= dem[k] for k in dem), "duplicate >= demand per occupation")

# ---- views ----
edu = json.loads(env.run("gap", "--region", "columbus", "--sector", "62", "--by",
                         "education", "--format", "json").stdout)
levels_seen = [r["typical_education"] for r in edu["rows"]]
env.check("Bachelor's degree" in levels_seen and "Associate's degree" in levels_seen,
          f"education view: {levels_seen}")
cips = json.loads(env.run("gap", "--region", "columbus", "--sector", "62", "--by", "cip",
                          "--format", "json").stdout)
row = next((r for r in cips["rows"] if r["cip_code"] == "51.3801"), None)
env.check(row and abs(row["completers"] - by_cip["51.3801"]) <= 0.05,
          f"CIP view: 51.3801 completers {row and row['completers']} != {by_cip['51.3801']}")

# ---- assets ----
doc = json.loads(env.run("assets", "--region", "columbus", "--sector", "62", "--format",
                         "json").stdout)
rows = doc["rows"]
osu = "Ohio State University-Main Campus"
cscc = "Columbus State Community College"
for prov in (osu, cscc):
    env.check(any(r["provider"] == prov and r["soc_code"] == RN for r in rows),
              f"assets: {prov} leads to registered nurses")
cs_rn = [r for r in rows if r["provider"] == cscc and r["soc_code"] == RN
         and r["cip_code"] == "51.3801" and r["ladder"] == "associate"]
cs_id = next(u for u, n in names.items() if n == cscc)
want = completers.get((cs_id, "51.3801", "3"), 0)
env.check(len(cs_rn) == 1 and abs(cs_rn[0]["completers"] - want) <= 0.05,
          f"assets: Columbus State's RN associate completers {cs_rn} != {want}")
env.check(cs_rn and cs_rn[0]["meets_entry"] == "no",
          "associate RN does not meet EP's bachelor's entry")
env.check(any(r["soc_code"] == RN and r["ladder"] == "bachelor" and r["meets_entry"] == "yes"
              for r in rows), "bachelor RN programs meet entry")
env.check(any(r["soc_code"] == RN and r["source"] == "CareerOneStop" for r in rows),
          "assets list CareerOneStop credentials")
kinds = {r["kind"] for r in rows}
env.check("asset" in kinds, f"assets kinds {kinds}")
env.check(doc["award_years"] == "2022-23 and 2023-24", "assets name the award years")
env.check(doc["in_demand"] >= 5, f"in-demand occupations {doc['in_demand']}")
for r in rows:
    if r["kind"] == "entry hole":
        env.check(not any(a["soc_code"] == r["soc_code"] and a["meets_entry"] == "yes"
                          for a in rows if a["kind"] == "asset"),
                  f"entry hole {r['soc_code']} has no asset at entry")
# a program inventory (the shipped template) joins the map through --programs
doc = json.loads(env.run("assets", "--region", "columbus", "--sector", "62", "--programs",
                         os.path.join(env.source, "data/templates/programs.csv"),
                         "--format", "json").stdout)
inv = [r for r in doc["rows"] if r["source"] == "inventory"]
env.check(any(r["soc_code"] == RN and r["program"] == "Nursing (example)"
              and r["ladder"] == "associate" and r["etpl"] == "yes" for r in inv),
          f"inventory nursing program listed for RNs: {inv}")
env.check(any(r["soc_code"] == "31-9092" and r["meets_entry"] == "yes" for r in inv),
          "inventory medical assistant certificate meets MA entry")
env.check(doc["inventory_programs"] == 3, f"inventory rows {doc['inventory_programs']}")
holes = json.loads(env.run("assets", "--region", "columbus", "--sector", "62", "--holes",
                           "--format", "json").stdout)
env.check(all(r["kind"] != "asset" for r in holes["rows"]), "--holes shows only holes")

# ---- ladder ----
doc = json.loads(env.run("ladder", "--region", "columbus", "--sector", "62", "--format",
                         "json").stdout)
nodes = {r["soc_code"]: r for r in doc["rows"]}
env.check(RN in nodes and "31-1131" in nodes, "ladder: nurses and nursing assistants")
env.check(nodes[RN]["tier"] > nodes["31-1131"]["tier"], "RN a tier above nursing assistants")
edges = {(e["from"], e["to"]) for e in doc["edges"]}
env.check(("31-1131", RN) in edges or ("29-2061", RN) in edges,
          f"a step up to RN: {sorted(edges)}")
for e in doc["edges"]:
    a, b = nodes[e["from"]], nodes[e["to"]]
    env.check(b["tier"] > a["tier"] or (b["tier"] == a["tier"] and e["wage_gain"] > 0),
              f"edge {e['from']}->{e['to']} is a step up")
env.check(nodes["31-1131"]["entry_point"] == "yes", "nursing assistants: an entry point")
env.check(nodes[RN]["exit_point"] == "yes", "RN: an exit point (local bachelor programs)")
env.check(cscc in (nodes["31-1131"]["local_programs"] or ""),
          "Columbus State gives the nursing assistant credential")
md = env.run("ladder", "--region", "columbus", "--soc", "31-1131", "--format",
             "markdown").stdout
env.check("Registered nurses" in md and "|" in md, "ladder --soc in Markdown")
env.done()
