"""Acceptance: a QCEW annual singlefile zip is read as a stream from the archive.

The DC excerpt of the 2017 singlefile (original BLS quoting) is packed the way
BLS publishes it ({YYYY}_annual_singlefile.zip holding one CSV), imported, and
compared with importing the plain CSV into a second store: same rows, same
values, same answers. A corrupt zip and a zip without a CSV are refused with
the store unchanged.
"""
import os
import zipfile

from pmtest import Env, dump

env = Env(__doc__)
csv_path = os.path.join(env.shared, "qcew/singlefile_2017_excerpts/DC/2017.annual.singlefile.csv")
zpath = os.path.join(env.tmp.name, "2017_annual_singlefile.zip")
with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED) as z:
    z.write(csv_path, "2017.annual.singlefile.csv")

out = env.run("import", "qcew", zpath).stdout
print(out.strip())
env.check("3,350 rows" in out and "[singlefile," in out, f"unexpected import report: {out}")
db2 = os.path.join(env.tmp.name, "plain.db")
env.run("import", "qcew", csv_path, "--quiet", db=db2)

import sqlite3
def facts(db):
    con = sqlite3.connect(db)
    cols = [r[1] for r in con.execute("PRAGMA table_info(qcew)") if r[1] != "dataset_id"]
    rows = con.execute(f"SELECT {','.join(cols)} FROM qcew ORDER BY 1,2,3,4,5,6").fetchall()
    con.close()
    return rows
a, b = facts(env.db), facts(db2)
env.check(len(a) == 3350 and a == b, f"zip and CSV imports differ ({len(a)} vs {len(b)} rows)")

t1 = env.csv("sectors", "--area", "11001", "--year", "2017", "--base-year", "none")
t2 = env.csv("sectors", "--area", "11001", "--year", "2017", "--base-year", "none", db=db2)
env.check(t1 == t2 and len(t1) > 10, "sector tables differ between zip and CSV stores")

before = dump(env.db)
bad = os.path.join(env.tmp.name, "corrupt_singlefile.zip")
data = bytearray(open(zpath, "rb").read())
for i in range(200, 400):
    data[i] ^= 0x5A
open(bad, "wb").write(bytes(data))
p = env.run("import", "qcew", bad, check=False)
env.check(p.returncode == 2 and "corrupt_singlefile.zip" in p.stderr,
          f"corrupt zip: exit {p.returncode}, {p.stderr.strip()}")
empty = os.path.join(env.tmp.name, "no_csv.zip")
with zipfile.ZipFile(empty, "w") as z:
    z.writestr("readme.txt", "nothing here")
p = env.run("import", "qcew", empty, check=False)
env.check(p.returncode == 2 and "holds no CSV" in p.stderr, f"no-CSV zip: {p.stderr.strip()}")
env.check(dump(env.db) == before, "a refused zip changed the store")
env.done()
