"""Acceptance: `pathmap fetch ep|oews|onet|cipsoc|soc|naics|projections` against a
local server holding the real published files (../shared/data), with base URLs
pointed at it by PATHMAP_<SOURCE>_URL: every file downloads, validates and loads;
a second run finds them all unchanged; `refresh` is silent; Projections Central
is read page by page until a short page."""
import json
import os
import shutil
import zipfile

import pmtest

env = pmtest.Env(__doc__)
extra = os.path.join(env.tmp.name, "extra")
os.makedirs(extra)
S = env.shared


def put(src, name):
    shutil.copy(os.path.join(S, src), os.path.join(extra, name))


put("bls_ep/occupation.xlsx", "occupation.xlsx")
put("bls_ep/education.xlsx", "education.xlsx")
put("nces_cip_soc/cip_soc_crosswalk.xlsx", "CIP2020_SOC2018_Crosswalk.xlsx")
put("nces_cip_soc/CIPCode2020.csv", "CIPCode2020.csv")
put("soc/soc_2018_definitions.xlsx", "soc_2018_definitions.xlsx")
put("naics/2-6 digit_2022_Codes.xlsx", "2-6 digit_2022_Codes.xlsx")
put("naics/2-6 digit_2017_Codes.xlsx", "2-6 digit_2017_Codes.xlsx")
with zipfile.ZipFile(os.path.join(extra, "oesm25nat.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    z.write(os.path.join(S, "oews/national_M2025_dl.xlsx"), "oesm25nat/national_M2025_dl.xlsx")
with zipfile.ZipFile(os.path.join(extra, "db_30_1_text.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for t in ("Read Me", "Occupation Data", "Job Zones", "Related Occupations"):
        z.write(os.path.join(S, "onet/db_30_1_text", t + ".txt"), f"db_30_1_text/{t}.txt")

# Projections Central: two pages (500 rows, then 37) in the documented layout, with
# invented numbers (no real response is in the shared data), over EP's real SOC codes.
ep_rows = pmtest.xlsx_rows(os.path.join(S, "bls_ep/occupation.xlsx"), "Table 1.2")
socs = [r[1] for r in ep_rows if len(r) > 2 and r[2] == "Line item"][:537]
for page, chunk in enumerate((socs[:500], socs[500:])):
    rows = [{"Area": "Ohio", "Title": f"occupation {c}", "Base": "1,000", "Projected": "1,050",
             "Change": "50", "PercentChange": "5.0", "AvgAnnualOpenings": "110",
             "STFIPS": "39", "StateURL": "https://example.invalid/", "OccCode": c,
             "BaseYear": "2022", "ProjYear": "2032"} for c in chunk]
    with open(os.path.join(extra, f"39.page{page}"), "w") as f:
        json.dump({"rows": rows}, f)

srv = pmtest.Server(env, extra=extra)
try:
    urls = {f"PATHMAP_{k}_URL": srv.base("ok", "extra")
            for k in ("EP", "OEWS", "ONET", "CIPSOC", "SOC", "NAICS", "PROJECTIONS")}
    urls["PATHMAP_CONTACT_EMAIL"] = "tests@example.invalid"
    cmds = [("ep",), ("oews", "--year", "2025"), ("onet", "30.1"), ("cipsoc",), ("soc",),
            ("naics",), ("projections", "--state", "OH")]
    for c in cmds:
        p = env.run("fetch", *c, check=False, env=urls)
        env.check(p.returncode == 0, f"fetch {' '.join(c)}: exit {p.returncode}\n{p.stderr}")
        env.check("loaded" in p.stdout, f"fetch {' '.join(c)} loaded: {p.stdout}")
    # the second run: nothing new
    for c in cmds:
        p = env.run("fetch", *c, check=False, env=urls)
        env.check(p.returncode == 0 and "loaded" not in p.stdout and "unchanged" in p.stdout,
                  f"second fetch {' '.join(c)}: {p.stdout}{p.stderr}")
    p = env.run("refresh", check=False, env=urls)
    env.check(p.returncode == 0 and not p.stdout.strip(), f"refresh quiet: {p.stdout}{p.stderr}")
    st = {r["source"]: r for r in env.csv("status")}
    for src in ("ep", "oews", "onet", "cipsoc", "soc", "naics", "projections"):
        env.check(src in st, f"status lists {src}")
    pages = [l for l in srv.log() if "LongTermRestJson" in l["path"] and l["method"] == "GET"]
    env.check(any("page=1" in l["path"] for l in pages), "page 1 requested after a full page 0")
    env.check(not any("page=2" in l["path"] for l in pages), "no page 2 after a short page 1")
    con = __import__("sqlite3").connect(env.db)
    n = con.execute("SELECT count(*) FROM projection WHERE area = '39'").fetchone()[0]
    env.check(n == 537, f"{n} projection rows, expected 537")
    n = con.execute("SELECT count(*) FROM cip_soc").fetchone()[0]
    env.check(n == 6097, f"{n} CIP-SOC pairs, expected 6,097")
    # the crosswalk answers from what was fetched, O*NET credited
    p = env.run("crosswalk", "soc", "291141", check=False)
    env.check("51.3801" in p.stdout and "29-1141.01" in p.stdout and "CC BY 4.0" in p.stdout,
              f"crosswalk soc 291141:\n{p.stdout}")
finally:
    srv.stop()
env.done()
