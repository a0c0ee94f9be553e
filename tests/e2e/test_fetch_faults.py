"""Acceptance: the fetch engine against a local server that injects faults.

tests/server/pm_server.py serves the real files of ../shared/data on
127.0.0.1. For each fault the test asserts pathmap's exit code, its message,
what the store holds (datasets and rows) and what the cache holds (the last
good copy and its manifest). No test contacts a real external host: the one
BLS URL used is refused before any request is made.
"""
import glob
import json
import os
import time

from pmtest import Env, Server, dump

env = Env(__doc__)
srv = Server(env)
EMAIL = "tester@example.org"
AREA = ["fetch", "qcew", "--year", "2023", "--area", "39049"]
cache_root = env.vars["PATHMAP_CACHE_DIR"]


def fetch(scenario, args=AREA, email=EMAIL, **extra):
    e = {"PATHMAP_QCEW_URL": srv.base(scenario), "PATHMAP_CONTACT_EMAIL": email}
    e.update(extra)
    t0 = time.time()
    p = env.run(*args, check=False, env=e)
    return p, time.time() - t0


def datasets():
    import sqlite3
    con = sqlite3.connect(env.db)
    rows = con.execute("SELECT id, url, sha256, rows_loaded, loaded_at FROM dataset "
                       "WHERE source <> 'reference' ORDER BY id").fetchall()
    con.close()
    return rows


def cached(scenario):
    path = os.path.join(cache_root, "qcew/127.0.0.1", scenario,
                        "cew/data/api/2023/a/area/39049.csv")
    if not os.path.exists(path + ".json"):
        return None
    return json.load(open(path + ".json")), path


def requests(scenario):
    return [r for r in srv.log() if r["path"].startswith(f"/{scenario}/")]


def case(name):
    print(f"-- {name}")


# 200 OK: loaded, provenance recorded, cached with a manifest.
case("200 OK")
p, _ = fetch("ok")
env.check(p.returncode == 0 and "loaded QCEW 2023 annual, area 39049: 2,266 rows" in p.stdout,
          f"200: exit {p.returncode}: {p.stdout}{p.stderr}")
ds = datasets()
env.check(len(ds) == 1 and ds[0][1].endswith("/ok/cew/data/api/2023/a/area/39049.csv")
          and ds[0][3] == 2266, f"200: datasets {ds}")
m = cached("ok")
env.check(m is not None and m[0]["sha256"] == ds[0][2] and m[0]["etag"]
          and os.path.getsize(m[1]) == m[0]["bytes"], f"200: cache manifest {m}")
env.check(not glob.glob(os.path.join(cache_root, "**/*.part-*"), recursive=True),
          "200: a temporary file was left in the cache")

# 304 on the second run: no download, no reload.
case("304 Not Modified")
before = datasets()
p, _ = fetch("ok")
env.check(p.returncode == 0 and "unchanged" in p.stdout and "not modified" in p.stdout,
          f"304: {p.stdout}{p.stderr}")
env.check(datasets() == before, "304: the dataset rows changed")
last = requests("ok")[-1]
env.check(last["headers"].get("If-None-Match") == m[0]["etag"],
          f"304: no If-None-Match sent: {last['headers']}")

# A server that ignores conditional requests: the next check is a HEAD.
case("server ignoring conditional requests")
fetch("noconditional")
fetch("noconditional")
p, _ = fetch("noconditional")
methods = [r["method"] for r in requests("noconditional")]
env.check(p.returncode == 0 and methods == ["GET", "GET", "HEAD"],
          f"noconditional: methods {methods}: {p.stdout}{p.stderr}")

# 403 when no contact e-mail is sent (the server behaves as BLS does).
case("403 without a contact e-mail")
snap = dump(env.db)
p, _ = fetch("needua", email=None)
env.check(p.returncode == 3 and "HTTP 403 Forbidden" in p.stderr
          and "PATHMAP_CONTACT_EMAIL" in p.stderr, f"403: exit {p.returncode}: {p.stderr}")
env.check(dump(env.db) == snap and cached("needua") is None, "403: store or cache changed")
p, _ = fetch("needua")
sent = requests("needua")[-1]["headers"].get("User-Agent", "")
# The same bytes are already loaded from another URL, so the store reports them unchanged.
env.check(p.returncode == 0 and "2,266 rows" in p.stdout and EMAIL in sent,
          f"403 with e-mail: exit {p.returncode}: {p.stdout}{p.stderr}")
# The real BLS host is refused before any request when no e-mail is configured.
p = env.run(*AREA, check=False, env={"PATHMAP_QCEW_URL": None, "PATHMAP_CONTACT_EMAIL": None})
env.check(p.returncode == 1 and "refusing to fetch from data.bls.gov without a contact e-mail"
          in p.stderr, f"BLS without e-mail: exit {p.returncode}: {p.stderr}")

# 404.
case("404 Not Found")
snap = dump(env.db)
p, _ = fetch("notfound")
env.check(p.returncode == 3 and "HTTP 404 Not Found" in p.stderr, f"404: {p.returncode} {p.stderr}")
env.check(dump(env.db) == snap, "404: the store changed")

# 429 and 503 with Retry-After: waited for, retried, then loaded.
case("429 with Retry-After")
p, dt = fetch("429once")
n = len(requests("429once"))
env.check(p.returncode == 0 and "2,266 rows" in p.stdout and n == 2 and dt >= 0.95,
          f"429: exit {p.returncode}, {n} requests, {dt:.1f} s: {p.stderr}")
case("503 twice with Retry-After")
p, dt = fetch("503twice")
n = len(requests("503twice"))
env.check(p.returncode == 0 and "2,266 rows" in p.stdout and n == 3 and dt >= 1.9,
          f"503: exit {p.returncode}, {n} requests, {dt:.1f} s: {p.stderr}")
case("Retry-After longer than pathmap waits")
p, dt = fetch("retrylong")
env.check(p.returncode == 3 and "asks to retry after 100000 s" in p.stderr and dt < 10,
          f"retry-after too long: {p.returncode} {dt:.1f} s {p.stderr}")

# A connection that stalls: bounded by the low-speed limit and the retry cap.
case("stalled connection")
snap = dump(env.db)
p, dt = fetch("stall", **{"PATHMAP_HTTP_RETRIES": "1"})
env.check(p.returncode == 3 and "timed out" in p.stderr and dt < 40,
          f"stall: exit {p.returncode} after {dt:.1f} s: {p.stderr}")
env.check(dump(env.db) == snap, "stall: the store changed")
print(f"   stalled transfer given up after {dt:.1f} s (2 attempts, 2 s low-speed limit)")

# Faults on a URL that has a good copy: the copy and the store stay as they were.
ctl_args = AREA
p, _ = fetch("ctl")
good = cached("ctl")
env.check(p.returncode == 0 and good is not None, f"ctl ok: {p.stderr}")
for fault, code, words in (("truncate", 3, "truncated download"),
                           ("html", 3, "HTML page"),
                           ("empty", 3, "empty body"),
                           ("wrongslice", 3, "asked for area 39049, the file holds area 39041")):
    case(f"{fault} on a URL with a good cached copy")
    srv.control(fault=fault)
    snap = dump(env.db)
    p, _ = fetch("ctl", args=AREA + ["--force"])
    env.check(p.returncode == code and words in p.stderr,
              f"{fault}: exit {p.returncode}: {p.stderr}")
    env.check(dump(env.db) == snap, f"{fault}: the store changed")
    now = cached("ctl")
    env.check(now and now[0]["sha256"] == good[0]["sha256"]
              and os.path.getsize(now[1]) == good[0]["bytes"],
              f"{fault}: the good cached copy was not kept")
    env.check(not glob.glob(os.path.join(cache_root, "**/*.part-*"), recursive=True),
              f"{fault}: a temporary file was left in the cache")
srv.control(fault="ok")

# A corrupt zip: the singlefile is refused, the good copy kept.
case("corrupt zip")
single = ["fetch", "qcew", "--year", "2017", "--singlefile"]
p, _ = fetch("ctl", args=single)
env.check(p.returncode == 0 and "3,350 rows" in p.stdout, f"zip ok: {p.stdout}{p.stderr}")
zpath = os.path.join(cache_root, "qcew/127.0.0.1/ctl/cew/data/files/2017/csv/2017_annual_singlefile.zip")
good_zip = open(zpath, "rb").read()
srv.control(fault="corruptzip")
snap = dump(env.db)
p, _ = fetch("ctl", args=single + ["--force"])
env.check(p.returncode == 3 and ("Zlib error" in p.stderr or "CRC" in p.stderr
                                 or "not a zip" in p.stderr or "zip" in p.stderr),
          f"corrupt zip: exit {p.returncode}: {p.stderr}")
env.check(dump(env.db) == snap and open(zpath, "rb").read() == good_zip,
          "corrupt zip: store or cached copy changed")
srv.control(fault="ok")

# Redirects are followed; gzip bodies are decoded.
case("redirect")
p, _ = fetch("redirect")
env.check(p.returncode == 0 and "2,266 rows" in p.stdout, f"redirect: {p.stdout}{p.stderr}")
case("gzip")
p, _ = fetch("gzip")
env.check(p.returncode == 0 and "2,266 rows" in p.stdout, f"gzip: {p.stdout}{p.stderr}")
enc = requests("gzip")[-1]["headers"].get("Accept-Encoding", "")
env.check("gzip" in enc, f"gzip: not offered: {enc}")

# A region: its counties in parallel, at most 2 at a time to one host, starts spaced,
# and US000 for the same period (not in the shared data: a 404, so exit 5, partial).
case("region: parallel, per-host limit, spacing, US000")
env.run("region", "define", "core", "--counties", "39049,39041,39045,39089", "--quiet")
t0 = time.time()
p, dt = fetch("slow", args=["fetch", "qcew", "--year", "2023", "--region", "core"],
              PATHMAP_HTTP_HOST_INTERVAL="0.3")
log = [r for r in srv.log() if r["path"].startswith("/slow/") and r["time"] >= t0 - 1]
starts = sorted(r["time"] for r in log if r["method"] == "GET")
ends = sorted(r["time"] for r in log if r["method"] == "END")
paths = sorted(r["path"].rsplit("/", 1)[1] for r in log if r["method"] == "GET")
env.check(paths == ["39041.csv", "39045.csv", "39049.csv", "39089.csv", "US000.csv"],
          f"region: requested {paths}")
env.check(p.returncode == 5 and "US000" in p.stderr and p.stdout.count(" rows ") == 4,
          f"region: exit {p.returncode}: {p.stdout}{p.stderr}")
gaps = [b - a for a, b in zip(starts, starts[1:])]
# Arrival times at the server carry connection set-up jitter: allow 0.15 s of it.
env.check(min(gaps) >= 0.15 and starts[-1] - starts[0] >= 4 * 0.3 - 0.15,
          f"region: requests not spaced 0.3 s apart: {gaps}")
events = sorted([(t, 1) for t in starts[:4]] + [(t, -1) for t in ends])
busy = peak = 0
for _, d in events:
    busy += d
    peak = max(peak, busy)
env.check(peak == 2, f"region: {peak} transfers at once to one host (want 2)")
print(f"   {len(starts)} requests in {dt:.1f} s, at most {peak} at once, "
      f"{min(gaps):.2f} s apart at least")

# An unreachable host: bounded by the connect timeout.
case("unreachable host")
p = env.run(*AREA, check=False, env={"PATHMAP_QCEW_URL": "http://10.255.255.1:9/cew",
                                     "PATHMAP_CONTACT_EMAIL": EMAIL,
                                     "PATHMAP_HTTP_RETRIES": "0"})
env.check(p.returncode == 3, f"unreachable: exit {p.returncode}: {p.stderr}")

srv.stop()
env.done()
