"""Acceptance: progress is drawn on a terminal only.

`pathmap import` run under a pseudo-terminal draws a self-erasing progress line
(label, percent, bytes, rate) on stderr; with stderr a pipe, or with
--no-progress / --quiet on a terminal, nothing but the result is printed.
"""
import os
import pty
import select
import subprocess

from pmtest import Env

env = Env(__doc__)
src = os.path.join(env.source, "data/sample/morpc-qcew-2023-a-39049.csv")


def run_on_pty(*args):
    """Run pathmap with stdout and stderr on a pseudo-terminal; return all output bytes."""
    master, slave = pty.openpty()
    p = subprocess.Popen([env.pathmap, *args], stdin=subprocess.DEVNULL, stdout=slave,
                         stderr=slave, env=env.env())
    os.close(slave)
    out = b""
    while True:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    p.wait()
    os.close(master)
    return p.returncode, out


rc, out = run_on_pty("import", "qcew", src, "--force")
env.check(rc == 0, f"import on a pty failed: {out!r}")
env.check(b"\r\x1b[K" in out and b"%" in out and b"morpc-qcew-2023-a-39049.csv" in out,
          f"no progress line drawn on a terminal: {out[:300]!r}")

for flag in ("--no-progress", "--quiet"):
    rc, out = run_on_pty("import", "qcew", src, "--force", flag)
    env.check(rc == 0 and b"\x1b[K" not in out, f"{flag}: progress drawn anyway: {out[:300]!r}")

p = env.run("import", "qcew", src, "--force")
env.check(p.stderr == "" and "\r" not in p.stdout,
          f"progress written to a pipe: {p.stderr!r}")
env.done()
