"""Acceptance: `pathmap fetch careeronestop` against the local server.

The responses are the hand-written fixtures of tests/data/careeronestop/
(written from CareerOneStop's documented format; no real response is in the
shared data). Checks: the token and user id are required and never taken
from the command line; the token goes in an "Authorization: Bearer" header
and the user id in the URL path, and neither appears in any output (at -vv,
failures included), the cache, or the store, whose dataset URLs show
"{userId}"; a second fetch is a 304; a 401's JSON message is shown with the
secrets masked; a response that is not JSON fails clearly and leaves the
store as it was; refresh rebuilds the requests from the environment.
"""
import glob
import os
import sqlite3

from pmtest import Env, Server, dump

TOKEN = "tok-SECRET-e2e-91bd"
USER = "user-SECRET-e2e-17"

env = Env(__doc__)
srv = Server(env)
outputs = []


def run(*args, secrets=True, scenario="ok", **kw):
    e = {"PATHMAP_CAREERONESTOP_URL": srv.base(scenario, "careeronestop/v1")}
    if secrets:
        e.update(PATHMAP_CAREERONESTOP_TOKEN=TOKEN, PATHMAP_CAREERONESTOP_USERID=USER)
    p = env.run("-vv", *args, check=False, env=e, **kw)
    outputs.append((args, p.stdout + p.stderr))
    return p


def credentials():
    if not os.path.exists(env.db):
        return 0
    con = sqlite3.connect(env.db)
    try:
        return con.execute("SELECT count(*) FROM credential").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


try:
    print("-- secrets are required")
    p = run("fetch", "careeronestop", "--soc", "29-1141", secrets=False)
    env.check(p.returncode == 1, f"exit {p.returncode} without secrets: {p.stderr}")
    env.check("PATHMAP_CAREERONESTOP_TOKEN" in p.stderr and
              "PATHMAP_CAREERONESTOP_USERID" in p.stderr, f"says how to set them: {p.stderr}")
    env.check(credentials() == 0, "nothing loaded without secrets")

    print("-- certifications and licenses load")
    p = run("fetch", "careeronestop", "--soc", "29-1141", "--state", "OH")
    env.check(p.returncode == 0, f"fetch: exit {p.returncode}: {p.stderr}")
    env.check(p.stdout.count("loaded") == 2, f"two loads: {p.stdout}")
    p = run("fetch", "careeronestop", "--soc", "47-2111")
    env.check(p.returncode == 0, f"fetch 47-2111: exit {p.returncode}: {p.stderr}")
    env.check(credentials() == 6, f"{credentials()} credentials, expected 3 + 2 + 1")
    reqs = [r for r in srv.log() if "/careeronestop/" in r["path"]]
    env.check(len(reqs) == 3, f"{len(reqs)} requests")
    env.check(all(r["headers"].get("Authorization") == "Bearer " + TOKEN for r in reqs),
              "every request carries the Bearer token")
    env.check(all(f"/{USER}/" in r["path"] for r in reqs), "the user id is in every path")
    env.check(all("application/json" in r["headers"].get("Accept", "") for r in reqs),
              "JSON is asked for")
    con = sqlite3.connect(env.db)
    urls = [u for (u,) in con.execute("SELECT url FROM dataset WHERE source='careeronestop'")]
    con.close()
    env.check(len(urls) == 3 and all("{userId}" in u for u in urls), f"dataset URLs: {urls}")

    print("-- a second fetch is a 304")
    p = run("fetch", "careeronestop", "--soc", "29-1141", "--state", "OH")
    env.check(p.returncode == 0 and p.stdout.count("not modified on the server") == 2,
              f"second fetch: {p.stdout}{p.stderr}")
    p = run("refresh")
    env.check(p.returncode == 0, f"refresh: exit {p.returncode}: {p.stdout}{p.stderr}")

    print("-- a 401 shows the server's message, masked")
    p = run("fetch", "careeronestop", "--soc", "29-1141", scenario="unauthorized")
    env.check(p.returncode == 3, f"401: exit {p.returncode}")
    env.check("401" in p.stderr and "server says: Invalid API token '{token}' for user "
              "'{userId}'" in p.stderr, f"401 message: {p.stderr}")

    print("-- a response that is not JSON loads nothing")
    p = run("fetch", "careeronestop", "--soc", "29-1141", scenario="badjson")
    env.check(p.returncode == 3 and "not valid JSON" in p.stderr,
              f"bad JSON: exit {p.returncode}: {p.stderr}")
    env.check(credentials() == 6, "credentials unchanged after failures")

    print("-- the secrets leaked nowhere")
    leaks = []
    for args, text in outputs:
        for s in (TOKEN, USER):
            if s in text:
                leaks.append(f"{' '.join(args)}: {s}")
    for path in glob.glob(os.path.join(env.tmp.name, "**/*"), recursive=True):
        if os.path.isfile(path) and not path.endswith("server.log") and "store.db" not in path:
            data = open(path, "rb").read()
            for s in (TOKEN, USER):
                if s.encode() in data:
                    leaks.append(f"{path}: {s}")
    text = dump(env.db)
    for s in (TOKEN, USER):
        if s in text:
            leaks.append(f"store: {s}")
    env.check(not leaks, f"secrets leaked: {leaks[:5]}")
finally:
    srv.stop()
env.done()
