"""Acceptance: `pathmap fetch ipeds --year 2024` against the local server, with
PATHMAP_IPEDS_URL pointed at it: HD2024.zip and C2024_A.zip (the small excerpts in
tests/data/ipeds, zipped as the Data Center publishes them) download, validate and
load; a second run finds both unchanged; `--table hd` fetches one; a zip dated
another year than asked is refused and loads nothing."""
import os
import sqlite3
import zipfile

import pmtest

env = pmtest.Env(__doc__)
extra = os.path.join(env.tmp.name, "extra")
os.makedirs(extra)
data = os.path.join(env.source, "tests", "data", "ipeds")


def put_zip(name, member, src):
    with zipfile.ZipFile(os.path.join(extra, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.write(os.path.join(data, src), member)


put_zip("HD2024.zip", "hd2024.csv", "hd2024_excerpt.csv")
put_zip("C2024_A.zip", "c2024_a.csv", "c2024_a_excerpt.csv")
put_zip("HD2023.zip", "hd2024.csv", "hd2024_excerpt.csv")  # mislabelled

srv = pmtest.Server(env, extra=extra)
try:
    urls = {"PATHMAP_IPEDS_URL": srv.base("ok", "extra")}
    p = env.run("fetch", "ipeds", "--year", "2024", check=False, env=urls)
    env.check(p.returncode == 0, f"fetch ipeds: exit {p.returncode}\n{p.stderr}")
    env.check(p.stdout.count("loaded") == 2, f"two files loaded: {p.stdout}")
    p = env.run("fetch", "ipeds", "--year", "2024", check=False, env=urls)
    env.check(p.returncode == 0 and "loaded" not in p.stdout
              and p.stdout.count("unchanged") == 2, f"second fetch: {p.stdout}{p.stderr}")
    p = env.run("fetch", "ipeds", "--year", "2024", "--table", "hd", check=False, env=urls)
    env.check(p.returncode == 0 and p.stdout.count("unchanged") == 1, f"--table hd: {p.stdout}")
    p = env.run("fetch", "ipeds", "--year", "2023", "--table", "hd", check=False, env=urls)
    env.check(p.returncode != 0 and "dated 2024" in p.stderr, f"mislabelled zip: {p.stderr}")
    con = sqlite3.connect(env.db)
    n = con.execute("SELECT count(*) FROM institution").fetchone()[0]
    env.check(n == 5, f"{n} institutions, expected 5")
    n = con.execute("SELECT count(*) FROM completion").fetchone()[0]
    env.check(n == 161, f"{n} completions, expected 161")
    row = con.execute(
        "SELECT name, county_fips FROM institution WHERE unitid = 204796").fetchone()
    env.check(row == ("Ohio State University-Main Campus", "39049"), f"OSU: {row}")
    urls_ = con.execute(
        "SELECT url, member FROM dataset WHERE source = 'ipeds' ORDER BY id").fetchall()
    env.check([u[0].rsplit("/", 1)[1] for u in urls_] == ["HD2024.zip", "C2024_A.zip"],
              f"dataset urls: {urls_}")
    env.check([u[1] for u in urls_] == ["hd2024.csv", "c2024_a.csv"], f"members: {urls_}")
    p = env.run("refresh", check=False, env=urls)
    env.check(p.returncode == 0 and not p.stdout.strip(), f"refresh quiet: {p.stdout}{p.stderr}")
finally:
    srv.stop()
env.done()
