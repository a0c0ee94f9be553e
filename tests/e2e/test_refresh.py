"""Acceptance: `pathmap refresh` as a cron job would run it.

Against the local test server (one URL can change between requests): silent
when nothing changed; one line per change and a JSON report (rows added and
removed, sectors whose rank moved) when something did; exit 5 when some
sources fail and 3 when all do; --max-age skips what was checked recently;
a second concurrent run exits at once with the lock code (7); and a refresh
killed with SIGKILL in the middle of a load leaves the store and the cache
exactly as they were.
"""
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import time
import zipfile

from pmtest import Env, Server, dump

env = Env(__doc__)
extra = os.path.join(env.tmp.name, "extra")
os.makedirs(extra)
srv = Server(env, extra=extra)
EMAIL = "tester@example.org"
env.vars["PATHMAP_CONTACT_EMAIL"] = EMAIL
env.vars["PATHMAP_QCEW_URL"] = srv.base("ctl")


def data_dump(db):
    """The store's contents, minus refresh bookkeeping (when each dataset was last checked)."""
    con = sqlite3.connect(db)
    out = []
    for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})") if r[1] != "checked_at"]
        out += [(t,) + tuple(r) for r in con.execute(
            f"SELECT {','.join(cols)} FROM {t} ORDER BY {','.join(cols)}")]
    con.close()
    return out


def integrity(db):
    con = sqlite3.connect(db)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    con.close()
    return ok == "ok"


# A store with two downloaded counties, a local import and a region over them.
env.run("fetch", "qcew", "--year", "2023", "--area", "39049,39041", "--quiet")
local = os.path.join(env.tmp.name, "delaware-2022.csv")
open(local, "wb").write(open(os.path.join(env.source, "data/sample/morpc-qcew-2022-a-39041.csv"),
                             "rb").read())
env.run("import", "qcew", local, "--quiet")
env.run("region", "define", "core", "--counties", "39049,39041", "--quiet")

print("-- nothing changed: silent, exit 0")
p = env.run("refresh", check=False)
env.check(p.returncode == 0 and p.stdout == "" and p.stderr == "",
          f"nothing changed: exit {p.returncode}: {p.stdout!r} {p.stderr!r}")
p = env.run("refresh", "--verbose", check=False)
env.check(p.returncode == 0 and "checked 3, nothing changed" in p.stdout,
          f"verbose: {p.stdout!r}")

print("-- a revised county file and a changed local file: reported and reloaded")
src = os.path.join(env.source, "data/sample/morpc-qcew-2023-a-39049.csv")
rows = list(csv.reader(open(src)))
hdr, body = rows[0], rows[1:]
ind, own, emp = hdr.index("industry_code"), hdr.index("own_code"), hdr.index("annual_avg_emplvl")
dropped = [r for r in body if r[ind].startswith("5418")][:5]
revised = [r for r in body if r not in dropped]
for r in revised:
    if r[own] == "5" and r[ind] == "61":
        r[emp] = str(int(r[emp]) * 40)  # education jumps: its rank must move
buf = io.StringIO()
csv.writer(buf, lineterminator="\n").writerows([hdr] + revised)
open(os.path.join(extra, "39049-revised.csv"), "w").write(buf.getvalue())
srv.control(map={"cew/data/api/2023/a/area/39049.csv": "39049-revised.csv"})
with open(local, "a") as f:
    f.write("")  # unchanged bytes: not reloaded
report = os.path.join(env.tmp.name, "report.json")
p = env.run("refresh", "--report", report, check=False)
lines = [l for l in p.stdout.splitlines() if l]
env.check(p.returncode == 0, f"change: exit {p.returncode}: {p.stderr}")
env.check(any(l.startswith("updated QCEW 2023 annual, area 39049") and "(+0, -5)" in l
              for l in lines), f"change: no update line: {p.stdout}")
env.check(any(l.startswith("rank moved: region core, 61") for l in lines),
          f"change: no rank line: {p.stdout}")
rep = json.load(open(report))
env.check(rep["outcome"] == "changed" and rep["changed"] == 1 and rep["exit_code"] == 0
          and rep["changes"][0]["rows_removed"] == 5 and rep["changes"][0]["rows_added"] == 0,
          f"report: {json.dumps(rep)[:600]}")
env.check(any(c["region"] == "core" and c["industry"] == "61" for c in rep["rank_changes"]),
          f"report: rank changes {rep['rank_changes']}")
con = sqlite3.connect(env.db)
gone = sum(con.execute("SELECT count(*) FROM qcew WHERE area_fips='39049' AND year=2023 AND "
                       "own_code=? AND industry_code=?", (r[own], r[ind])).fetchone()[0]
           for r in dropped)
n = con.execute("SELECT count(*) FROM qcew WHERE area_fips='39049' AND year=2023").fetchone()[0]
runs = con.execute("SELECT outcome, exit_code FROM refresh_run ORDER BY id").fetchall()
con.close()
env.check(n == len(revised), f"change: {n} rows for 39049, expected {len(revised)}")
env.check(len(dropped) == 5 and gone == 0, f"change: dropped cells still present ({gone})")
env.check([r[0] for r in runs] == ["nothing changed", "nothing changed", "changed"],
          f"refresh_run log: {runs}")

print("-- the local file changes on disk: re-read")
with open(local) as f:
    lines_local = f.read().splitlines()
open(local, "w").write("\n".join(lines_local[:-3]) + "\n")
p = env.run("refresh", check=False)
env.check(p.returncode == 0 and f"updated {local}" in p.stdout and "(+0, -3)" in p.stdout,
          f"local change: {p.stdout}{p.stderr}")

print("-- --max-age skips what was checked recently")
p = env.run("refresh", "--max-age", "1", "--verbose", check=False)
env.check(p.returncode == 0 and "checked 0, nothing changed (others checked recently)" in p.stdout,
          f"max-age: {p.stdout!r}")

print("-- some sources fail: exit 5; all fail: exit 3")
srv.control(fault="notfound")
p = env.run("refresh", check=False)
env.check(p.returncode == 5 and p.stderr.count("HTTP 404") == 2,
          f"partial: exit {p.returncode}: {p.stderr}")
os.rename(local, local + ".gone")
p = env.run("refresh", check=False)
env.check(p.returncode == 3 and "cannot re-check local file" in p.stderr,
          f"all failed: exit {p.returncode}: {p.stderr}")
os.rename(local + ".gone", local)
srv.control(fault="ok")

print("-- two refreshes at once: the second exits with the lock code")
srv.control(fault="slow")
first = subprocess.Popen([env.pathmap, "refresh", "--force"], env=env.env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
deadline = time.time() + 30
while time.time() < deadline and not os.path.exists(env.db + ".lock"):
    time.sleep(0.05)
time.sleep(0.5)
t0 = time.time()
second = env.run("refresh", check=False)
dt = time.time() - t0
out1, err1 = first.communicate(timeout=120)
env.check(second.returncode == 7 and "holds the lock" in second.stderr and dt < 5,
          f"lock: second run exit {second.returncode} after {dt:.1f} s: {second.stderr}")
env.check(first.returncode == 0, f"lock: first run exit {first.returncode}: {err1}")
env.check(integrity(env.db), "lock: integrity check failed")
srv.control(fault="ok")

print("-- SIGKILL in the middle of a load leaves store and cache as they were")
env.run("fetch", "qcew", "--year", "2017", "--singlefile", "--quiet")
dc = os.path.join(env.shared, "qcew/singlefile_2017_excerpts/DC/2017.annual.singlefile.csv")
dc_lines = open(dc).read().splitlines()
big = io.StringIO()
big.write(dc_lines[0] + "\r\n")
for k in range(150):
    code = '"9%04d"' % k
    for line in dc_lines[1:]:
        big.write(code + line[7:] + "\r\n")
zbig = os.path.join(extra, "big_singlefile.zip")
with zipfile.ZipFile(zbig, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("2017.annual.singlefile.csv", big.getvalue())
srv.control(map={"cew/data/files/2017/csv/2017_annual_singlefile.zip": "big_singlefile.zip"})
zcache = os.path.join(env.vars["PATHMAP_CACHE_DIR"],
                      "qcew/127.0.0.1/ctl/cew/data/files/2017/csv/2017_annual_singlefile.zip")
old_zip = open(zcache, "rb").read()
before = data_dump(env.db)
killed = False
for attempt in range(5):
    proc = subprocess.Popen([env.pathmap, "refresh"], env=env.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = env.db + "-wal"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if os.path.exists(wal) and os.path.getsize(wal) > 3_000_000:
            break
        time.sleep(0.01)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed = True
        break
    print(f"   attempt {attempt}: refresh finished before the kill; retrying")
    break
env.check(killed, "could not kill the refresh during its load")
if killed:
    p = env.run("status", check=False)
    env.check(p.returncode == 0, f"after kill: status exit {p.returncode}: {p.stderr}")
    env.check(integrity(env.db), "after kill: integrity check failed")
    after = data_dump(env.db)
    env.check(after == before, "after kill: the store does not hold exactly the old data: "
              f"{[r for r in after if r not in before][:3]} / {[r for r in before if r not in after][:3]}")
    env.check(open(zcache, "rb").read() == old_zip, "after kill: the cached copy changed")
    p = env.run("refresh", check=False)
    env.check(p.returncode == 0 and "updated QCEW 2017 annual singlefile" in p.stdout,
              f"refresh after the kill: exit {p.returncode}: {p.stdout}{p.stderr}")
    env.check(open(zcache, "rb").read() == open(zbig, "rb").read(),
              "refresh after the kill: the cache does not hold the new copy")
srv.stop()
env.done()
