"""Shared helpers for pathmap's end-to-end acceptance tests.

Each test runs the real `pathmap` binary on real public files from
../shared/data (see its PROVENANCE.md) in a temporary store, and checks the
answers against values recomputed here, independently, from the raw CSV rows.
"""
import argparse
import csv
import io
import os
import sqlite3
import subprocess
import sys
import tempfile


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

    def env(self):
        e = dict(os.environ)
        e["PATHMAP_DB"] = self.db
        e["LC_ALL"] = "C"
        return e

    def run(self, *args, check=True, db=None):
        e = self.env()
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
