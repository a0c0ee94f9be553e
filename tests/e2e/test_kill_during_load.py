"""Acceptance: a load killed with SIGKILL leaves the store exactly as it was.

A store holds one real county file. A large synthetic QCEW file (the real
Franklin County rows repeated under made-up area codes) is then imported and
the process is killed with SIGKILL while rows are being written (watched
through the growth of the SQLite write-ahead log). Afterwards the store must
open, pass SQLite's integrity check, and hold exactly its old contents; a
normal import of the same file then succeeds.
"""
import os
import signal
import subprocess
import time

from pmtest import Env, dump

env = Env(__doc__)
sample = os.path.join(env.source, "data/sample")
env.run("import", "qcew", os.path.join(sample, "morpc-qcew-2023-a-39041.csv"), "--quiet")
before = dump(env.db)

src = os.path.join(sample, "morpc-qcew-2023-a-39049.csv")
with open(src) as f:
    header, *lines = f.read().splitlines()
big = os.path.join(env.tmp.name, "big.csv")
with open(big, "w") as f:
    f.write(header + "\n")
    for k in range(400):
        code = "9%04d" % k
        for line in lines:
            f.write(code + line[5:] + "\n")
print(f"synthetic file: {os.path.getsize(big) / 1e6:.0f} MB, {400 * len(lines)} rows")

wal = env.db + "-wal"
killed_mid_load = False
for attempt in range(5):
    proc = subprocess.Popen([env.pathmap, "import", "qcew", big, "--quiet"], env=env.env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if os.path.exists(wal) and os.path.getsize(wal) > 4_000_000:
            break
        time.sleep(0.02)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_mid_load = True
        break
    # Finished before we could kill it: start again from the old store.
    print(f"attempt {attempt}: the load finished first (exit {proc.returncode}); retrying")
    env.run("import", "qcew", big, "--quiet")  # idempotence: must be a no-op now
    os.remove(env.db)
    for ext in ("-wal", "-shm"):
        if os.path.exists(env.db + ext):
            os.remove(env.db + ext)
    env.run("import", "qcew", os.path.join(sample, "morpc-qcew-2023-a-39041.csv"), "--quiet")
    before = dump(env.db)

env.check(killed_mid_load, "could not kill the import while it was loading")
status = env.run("status", "--format", "csv")
env.check(status.returncode == 0, "store does not open after the kill")
import sqlite3
con = sqlite3.connect(env.db)
env.check(con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity check failed")
con.close()
env.check(dump(env.db) == before, "store contents changed after a killed load")
print("killed mid-load: store intact and unchanged")

out = env.run("import", "qcew", big).stdout
env.check("loaded" in out, f"re-running the import did not load: {out}")
env.done()
