"""Acceptance: the BLS API key and the contact e-mail never leak.

They must reach the server (the key in the API request body, the e-mail in
the User-Agent) but appear nowhere else: not in stdout or stderr of any
command at any verbosity (including failures), not in `status` in any
format, not in refresh reports, the store, or the cache. Read from the
environment and, separately, from the config file.
"""
import glob
import os

from pmtest import Env, Server, dump

KEY = "0123456789abcdefSECRETKEY42"
EMAIL = "s3cret.person@example.org"

env = Env(__doc__)
srv = Server(env)
outputs = []


def run(*args, **kw):
    p = env.run(*args, check=False, **kw)
    outputs.append((args, p.stdout + p.stderr))
    return p


def scan(where):
    leaks = []
    for args, text in outputs:
        for s in (KEY, EMAIL):
            if s in text:
                leaks.append(f"{' '.join(args)}: {s}")
    for path in glob.glob(os.path.join(env.tmp.name, "**/*"), recursive=True):
        if os.path.isfile(path) and not path.endswith("server.log") and "store.db" not in path:
            data = open(path, "rb").read()
            for s in (KEY, EMAIL):
                if s.encode() in data:
                    leaks.append(f"{path}: {s}")
    text = dump(env.db)
    for s in (KEY, EMAIL):
        if s in text:
            leaks.append(f"store: {s}")
    env.check(not leaks, f"{where}: secrets leaked: {leaks[:5]}")


def session(vars_env):
    base = {"PATHMAP_QCEW_URL": srv.base("ok"), "PATHMAP_BLSAPI_URL": srv.base("ok", "api")}
    base.update(vars_env)
    run("-vv", "fetch", "qcew", "--year", "2023", "--area", "39049", env=base)
    run("-vv", "fetch", "blsapi", "LNS14000000", "LNS13000000", "--start", "2015", "--end",
        "2015", "--catalog", env=base)
    run("-vv", "fetch", "blsapi", "LNS14000000", "--start", "2015", "--end", "2015",
        env=dict(base, PATHMAP_BLSAPI_URL=srv.base("notprocessed", "api")))
    run("-vv", "fetch", "qcew", "--year", "2023", "--area", "39049", "--force",
        env=dict(base, PATHMAP_QCEW_URL=srv.base("needua")))
    run("-vv", "refresh", "--verbose", "--report", os.path.join(env.tmp.name, "report.json"),
        env=base)
    for fmt in ("table", "csv", "json", "md"):
        run("-vv", "status", "--all", "--format", fmt, env=base)


print("-- secrets from the environment")
session({"PATHMAP_CONTACT_EMAIL": EMAIL, "PATHMAP_BLS_API_KEY": KEY})
scan("environment")

print("-- secrets from the config file")
cfg_dir = os.path.join(env.vars["XDG_CONFIG_HOME"], "pathmap")
os.makedirs(cfg_dir, exist_ok=True)
cfg = os.path.join(cfg_dir, "config")
open(cfg, "w").write(f"# pathmap settings\ncontact_email = {EMAIL}\nbls_api_key = \"{KEY}\"\n")
os.chmod(cfg, 0o644)
outputs.clear()
session({})
warned = any("others can read it" in text for _, text in outputs)
env.check(warned, "a world-readable config file with secrets drew no warning")
os.remove(cfg)  # it holds the secrets on purpose: not part of the leak scan
outputs_ok = [(a, t) for a, t in outputs]
scan("config file")

print("-- they did reach the server")
log = srv.log()
api = [r for r in log if r["method"] == "POST"]
env.check(api and all(KEY in (r["body"] or "") for r in api),
          "the API key was not sent in the request body")
env.check(any(EMAIL in r["headers"].get("User-Agent", "") for r in log),
          "the contact e-mail was not sent in the User-Agent")
srv.stop()
env.done()
