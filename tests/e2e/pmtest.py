"""Shared helpers for pathmap's end-to-end acceptance tests.

Each test runs the real `pathmap` binary on real public files from
../shared/data (see its PROVENANCE.md) in a temporary store, and checks the
answers against values recomputed here, independently, from the raw CSV rows.
"""
import argparse
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request


class Env:
    def __init__(self, desc):
        ap = argparse.ArgumentParser(description=desc)
        ap.add_argument("--pathmap", required=True)
        ap.add_argument("--source", required=True)
        ap.add_argument("--shared", required=True)
        a = ap.parse_args()
        self.pathmap = a.pathmap
        self.source = a.source
        self.shared = a.shared
        self.tmp = tempfile.TemporaryDirectory(prefix="pm-e2e-")
        self.db = os.path.join(self.tmp.name, "store.db")
        self.failures = 0
        # Never read the user's own config or cache; fast, bounded network settings.
        self.vars = {
            "PATHMAP_DB": self.db,
            "LC_ALL": "C",
            "HOME": os.path.join(self.tmp.name, "home"),
            "XDG_CONFIG_HOME": os.path.join(self.tmp.name, "config"),
            "PATHMAP_CACHE_DIR": os.path.join(self.tmp.name, "cache"),
            "PATHMAP_HTTP_BACKOFF": "0.2",
            "PATHMAP_HTTP_HOST_INTERVAL": "0",
            "PATHMAP_HTTP_LOW_SPEED_TIME": "2",
            "PATHMAP_HTTP_CONNECT_TIMEOUT": "3",
            "PATHMAP_HTTP_RETRIES": "2",
        }
        for k in ("PATHMAP_CONTACT_EMAIL", "PATHMAP_BLS_API_KEY", "PATHMAP_CONFIG",
                  "PATHMAP_QCEW_URL", "PATHMAP_BLSAPI_URL"):
            os.environ.pop(k, None)

    def env(self, **extra):
        e = dict(os.environ)
        e.update(self.vars)
        for k, v in extra.items():
            if v is None:
                e.pop(k, None)
            else:
                e[k] = v
        return e

    def run(self, *args, check=True, db=None, env=None):
        e = self.env(**(env or {}))
        if db:
            e["PATHMAP_DB"] = db
        p = subprocess.run([self.pathmap, *args], capture_output=True, text=True, env=e)
        if check and p.returncode != 0:
            sys.exit(f"pathmap {' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
        return p

    def csv(self, *args, db=None):
        p = self.run(*args, "--format", "csv", db=db)
        return list(csv.DictReader(io.StringIO(p.stdout)))

    def check(self, ok, msg):
        if not ok:
            self.failures += 1
            print("FAIL:", msg)
        return ok

    def done(self):
        if self.failures:
            sys.exit(f"{self.failures} check(s) failed")
        print("ok")


def read_qcew(path):
    """Rows of a QCEW CSV as dicts, stripped; works for both BLS layouts."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def dump(db):
    """The store as SQL text (for 'unchanged' comparisons)."""
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def histogram(diffs, edges):
    """Counts of values in [edges[i], edges[i+1]) plus the overflow bucket."""
    out = []
    for i, lo in enumerate(edges):
        hi = edges[i + 1] if i + 1 < len(edges) else float("inf")
        out.append((lo, hi, sum(1 for d in diffs if lo <= d < hi)))
    return out


class Server:
    """tests/server/pm_server.py on a free local port (see its docstring for scenarios)."""

    def __init__(self, env, extra=None):
        self.env = env
        self.portfile = os.path.join(env.tmp.name, "server.port")
        self.logfile = os.path.join(env.tmp.name, "server.log")
        cmd = [sys.executable, os.path.join(env.source, "tests/server/pm_server.py"),
               "--shared", env.shared, "--source", env.source, "--portfile", self.portfile,
               "--log", self.logfile]
        if extra:
            cmd += ["--extra", extra]
        self.proc = subprocess.Popen(cmd)
        for _ in range(200):
            if os.path.exists(self.portfile):
                break
            time.sleep(0.05)
        self.port = int(open(self.portfile).read())

    def base(self, scenario, prefix="cew"):
        return f"http://127.0.0.1:{self.port}/{scenario}/{prefix}"

    def control(self, **kw):
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/_control",
                                     data=json.dumps(kw).encode(), method="POST")
        urllib.request.urlopen(req, timeout=10).read()

    def log(self):
        if not os.path.exists(self.logfile):
            return []
        return [json.loads(l) for l in open(self.logfile)]

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def xlsx_rows(path, sheet):
    """Rows of one sheet of an xlsx workbook as lists of cell text (standard library
    only, independent of pathmap's reader): cells placed by their reference."""
    import re
    import zipfile
    import xml.etree.ElementTree as ET
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = {r.get("Id"): r.get("Target")
            for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(ns + "si"):
            shared.append("".join(t.text or "" for t in si.iter(ns + "t")))
    target = None
    for s in wb.iter(ns + "sheet"):
        if s.get("name") == sheet:
            target = rels[s.get(rns + "id")].lstrip("/")
    if target is None:
        raise KeyError(sheet)
    if not target.startswith("xl/"):
        target = "xl/" + target
    out = []
    for row in ET.fromstring(z.read(target)).iter(ns + "row"):
        cells = {}
        for c in row.iter(ns + "c"):
            col = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group(0):
                col = col * 26 + ord(ch) - 64
            v = c.find(ns + "v")
            if c.get("t") == "s" and v is not None:
                cells[col - 1] = shared[int(v.text)]
            elif c.get("t") == "inlineStr":
                cells[col - 1] = "".join(t.text or "" for t in c.iter(ns + "t"))
            else:
                cells[col - 1] = v.text if v is not None else ""
        out.append([cells.get(i, "") for i in range(max(cells) + 1 if cells else 0)])
    return out
