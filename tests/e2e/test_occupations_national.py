"""Acceptance: with the nation as the selection, `pathmap occupations` gives back
BLS Employment Projections' published national employment and annual openings
for every detailed occupation (occupation.xlsx Tables 1.2 and 1.10, 2024-34),
within EP's rounding; and the published spot values for registered nurses."""
import os

import pmtest

env = pmtest.Env(__doc__)
ep_path = os.path.join(env.shared, "bls_ep/occupation.xlsx")
env.run("import", "ep", ep_path)


def published(sheet, cols):
    rows = pmtest.xlsx_rows(ep_path, sheet)
    head = next(i for i, r in enumerate(rows) if any("Matrix code" in c for c in r))
    h = [c.replace("\n", " ") for c in rows[head]]
    idx = {k: next(i for i, c in enumerate(h) if c.startswith(v)) for k, v in cols.items()}
    out = {}
    for r in rows[head + 1:]:
        if len(r) <= idx["code"] or not r[idx["code"]].strip():
            break
        out[r[idx["code"]].strip()] = {k: r[i] if i < len(r) else "" for k, i in idx.items()}
    return out


t12 = published("Table 1.2", {"code": "2024 National Employment Matrix code",
                              "type": "Occupation type", "emp": "Employment, 2024",
                              "open": "Occupational openings", "wage": "Median annual wage"})
t110 = published("Table 1.10", {"code": "2024 National Employment Matrix code",
                                "base": "Employment, 2024", "proj": "Employment, 2034",
                                "exits": "Labor force exits", "trans": "Occupational transfers",
                                "open": "Occupational openings"})
rows = {r["soc_code"]: r for r in env.csv("occupations", "--area", "US000")}

items = [c for c, r in t12.items() if r["type"] == "Line item"]
env.check(len(items) > 800, f"only {len(items)} line items read from Table 1.2")
missing = [c for c in items if c not in rows and float(t12[c]["emp"]) > 0]
env.check(not missing, f"{len(missing)} EP occupations missing from the output: {missing[:5]}")

worst_emp = worst_open = 0.0
bad = []
for c in items:
    if c not in rows:
        continue
    r = rows[c]
    emp = float(t12[c]["emp"]) * 1000
    d = abs(int(r["employment"]) - emp)
    worst_emp = max(worst_emp, d)
    if d > 0.5:
        bad.append((c, "employment", r["employment"], emp))
    # EP publishes openings in thousands with one decimal (+-50 persons); its growth
    # part comes from employment rounded to 100 (+-10 a year), and where pathmap uses
    # a published rate (one decimal of a percent) rather than a count, +-0.05% of
    # average employment for each of exits and transfers.
    pub = float(t12[c]["open"]) * 1000
    base, proj = float(t110[c]["base"]) * 1000, float(t110[c]["proj"]) * 1000
    tol = 50 + 10 + 2 * 0.0005 * (base + proj) / 2 + 1e-6
    d = abs(float(r["annual_openings"]) - pub)
    worst_open = max(worst_open, d)
    if d > tol:
        bad.append((c, "openings", r["annual_openings"], pub, tol))
    if r["employment_basis"] != "EP 2024 national":
        bad.append((c, "basis", r["employment_basis"]))
env.check(not bad, f"{len(bad)} occupations off EP's published figures: {bad[:5]}")
print(f"{len(items)} EP line items; largest differences: employment {worst_emp:.1f}, "
      f"openings {worst_open:.1f} persons")

# Spot values as BLS publishes them for registered nurses (29-1141), 2024-34.
rn = rows["29-1141"]
env.check(rn["employment"] == "3391000", f"29-1141 employment {rn['employment']}")
env.check(abs(float(rn["annual_openings"]) - 189100) <= 50,
          f"29-1141 openings {rn['annual_openings']}")
env.check(rn["typical_education"] == "Bachelor's degree", rn["typical_education"])
env.check(rn["median_wage"] != "", "29-1141 has a median wage")
env.done()
