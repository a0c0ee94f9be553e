#!/usr/bin/env python3
"""A local HTTP server for pathmap's fetch tests: real files, injected faults.

Binds 127.0.0.1 on a free port and writes the port to PORTFILE. Every URL
starts with a scenario name that says how to misbehave, followed by the path
a real server would see:

    http://127.0.0.1:PORT/<scenario>/cew/data/api/2023/a/area/39049.csv
    http://127.0.0.1:PORT/<scenario>/api/timeseries/data/         (POST, BLS API)

so a test points PATHMAP_QCEW_URL at http://127.0.0.1:PORT/<scenario>/cew.

QCEW paths map to the real files in the shared data folder (central-Ohio
county slices, US000 quarterly slices, the 2016 by-industry files, the DC 2017
singlefile excerpt zipped on the fly, the title tables and crosswalk). Files
in --extra DIR are served as /<scenario>/extra/.../<name> (the last segment of the
path, URL-decoded; a "page=N" query adds ".pageN" to the name).

Scenarios:
  ok            200 with ETag and Last-Modified; honours If-None-Match and
                If-Modified-Since with 304
  noconditional ignores conditional headers (always 200) but answers HEAD
                with Content-Length and Last-Modified
  needua        403 unless the User-Agent carries an e-mail address (as BLS)
  notfound      404
  429once       the first request for a path: 429 with Retry-After: 1
  503twice      the first two requests for a path: 503 with Retry-After: 1
  retrylong     503 with Retry-After: 100000
  stall         headers, then silence for 60 s
  truncate      Content-Length of the whole file, half the body, close
  html          200 with an HTML error page
  empty         200 with an empty body
  wrongslice    another county's file for any county
  corruptzip    the singlefile zip with bytes flipped
  slow          the body in 16 KiB pieces every 0.1 s (logs when each ends)
  redirect      302 to the same path under the "ok" scenario
  gzip          the body gzip-compressed (Content-Encoding: gzip) when asked for
CareerOneStop (GET .../careeronestop/v1/certificationfinder/USER/29-1141.00/...
and .../careeronestop/v1/license/USER/29-1141.00/OH/...): the fixtures in
tests/data/careeronestop/ (certifications-SOC.json, licenses-SOC-ST.json),
401 with a JSON ErrorMessage echoing the token and user id when the request
has no "Authorization: Bearer" header, and with the scenarios above plus:
  unauthorized  401 with that JSON body whatever the request holds
  badjson       200 with the fixture cut in half (not valid JSON)
BLS API scenarios (POST .../api/timeseries/data/):
  ok            REQUEST_SUCCEEDED with the real recorded responses
  missing       REQUEST_SUCCEEDED, one series unknown ("Series does not exist")
  notprocessed  the real REQUEST_NOT_PROCESSED response (daily threshold)
  badyear       the real REQUEST_FAILED_INVALID_PARAMETERS response

The scenario "ctl" behaves as the scenario last set with POST /_control
{"fault": NAME}; {"map": {"cew/data/...": "file"}} serves a --extra file at
that path instead of the real one, so one URL can change between requests.

Every request is appended to LOGFILE as one JSON line (method, path, headers,
body) so tests can check what pathmap sent.
"""
import argparse
import email.utils
import glob
import gzip
import hashlib
import io
import json
import os
import sys
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ERROR_PAGE = (b"<!DOCTYPE html>\n<html><head><title>Access Denied</title></head>\n"
              b"<body><h1>Access Denied</h1><p>You don't have permission to access this "
              b"resource.</p></body></html>\n")

args = None
CTL = {"fault": "ok", "map": {}}
counts = {}
lock = threading.Lock()


def shared(*parts):
    return os.path.join(args.shared, *parts)


def qcew_file(rest):
    """The real file for a QCEW path below /cew, as bytes, or None."""
    p = rest.split("/")
    if p[:2] == ["data", "api"] and len(p) == 6:
        year, q, kind, name = p[2], p[3], p[4], p[5]
        code = name[:-4] if name.endswith(".csv") else name
        if kind == "area":
            if code == "US000":
                cands = [shared("qcew/national", f"US000_{year}_q{q}.csv")]
            elif q == "a":
                cands = [shared("qcew/central_ohio_annual", f"morpc-qcew-{year}-a-{code}.csv")]
            else:
                cands = [shared("qcew/central_ohio_quarterly",
                                f"morpc-qcew-{year}-{q}-{code}.csv")]
        else:
            ind = code.replace("_", "-")
            cands = glob.glob(shared("qcew/national/industry_2016_annual_sectors",
                                     f"{year}.annual {ind} NAICS {ind} *.csv"))
        for c in cands:
            if os.path.exists(c):
                return open(c, "rb").read()
        return None
    if p[:2] == ["data", "files"] and len(p) == 5 and p[4].endswith("_annual_singlefile.zip"):
        year = p[2]
        src = shared("qcew/singlefile_2017_excerpts/DC", f"{year}.annual.singlefile.csv")
        if not os.path.exists(src):
            return None
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            info = zipfile.ZipInfo(f"{year}.annual.singlefile.csv", (2018, 9, 5, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, open(src, "rb").read())
        return buf.getvalue()
    if p[:2] == ["doc", "titles"] and len(p) == 4:
        names = {"area_titles.csv": "area_titles.csv",
                 "industry_titles.csv": "industry-titles-csv.csv",
                 "agglevel_titles.csv": "agglevel_titles.csv",
                 "size_titles.csv": "size_titles.csv"}
        if p[3] in names:
            return open(shared("qcew/titles", names[p[3]]), "rb").read()
        if p[3] == "ownership_titles.csv":
            return open(os.path.join(args.source, "data/qcew/ownership_titles.csv"), "rb").read()
    if p[:2] == ["classifications", "areas"] and p[-1] == "qcew-county-msa-csa-crosswalk-csv.csv":
        return open(shared("delineation/qcew-county-msa-csa-crosswalk-csv.csv"), "rb").read()
    return None


def extra_name(rel, full):
    """The --extra file for a path below /<scenario>/extra/: its last segment,
    URL-decoded, with ".pageN" added when the query asks for page N (Projections
    Central), so .../LongTermRestJson/39?page=1 is the file "39.page1"."""
    import urllib.parse
    name = urllib.parse.unquote(os.path.basename(rel))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(full).query)
    if "page" in query:
        name += ".page" + query["page"][0]
    return name


def careeronestop_file(rest):
    """The fixture for a CareerOneStop path below /careeronestop/v1, as bytes, or None."""
    p = rest.split("/")
    if len(p) < 5:
        return None
    soc = p[4].split(".")[0]
    if p[2] == "certificationfinder":
        name = f"certifications-{soc}.json"
    elif p[2] == "license" and len(p) > 5:
        name = f"licenses-{soc}-{p[5]}.json"
    else:
        return None
    path = os.path.join(args.source, "tests/data/careeronestop", name)
    return open(path, "rb").read() if os.path.exists(path) else None


def api_response(scenario, body):
    base = shared("bls_api")
    if scenario == "notprocessed":
        return open(os.path.join(base, "ryansuhr_econ8320/bls_data_request_not_processed.json"),
                    "rb").read()
    if scenario == "badyear":
        return open(os.path.join(base, "associatedpress_bls_api_examples/bad_end_year.json"),
                    "rb").read()
    try:
        req = json.loads(body or b"{}")
    except ValueError:
        req = {}
    ids = req.get("seriesid", [])
    if any(s.startswith("SMS38") for s in ids):
        data = json.load(open(os.path.join(
            base, "associatedpress_bls_api_examples/sae-north_dakota-mining-2014-2015.json")))
    else:
        data = json.load(open(os.path.join(
            base, "associatedpress_bls_api_examples/cps-situation-2015.json")))
    if scenario == "missing":
        # Written from BLS's documented response format: an unknown series yields a
        # message and a series entry with no data.
        data["message"] = ["Series does not exist for Series LNU99999999"]
        data["Results"]["series"].append({"seriesID": "LNU99999999", "data": []})
    return json.dumps(data).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *a):
        pass

    def record(self, body=None):
        entry = {"method": self.command, "path": self.path,
                 "headers": {k: v for k, v in self.headers.items()},
                 "body": body.decode("utf-8", "replace") if body else None,
                 "time": time.time()}
        with lock:
            with open(args.log, "a") as f:
                f.write(json.dumps(entry) + "\n")

    def split(self):
        parts = self.path.split("?")[0].lstrip("/").split("/", 1)
        return parts[0], (parts[1] if len(parts) > 1 else "")

    def count(self, key):
        with lock:
            counts[key] = counts.get(key, 0) + 1
            return counts[key]

    def send(self, status, body=b"", headers=None, head=False):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if self.path == "/_control":
            with lock:
                update = json.loads(body or b"{}")
                CTL["fault"] = update.get("fault", CTL["fault"])
                CTL["map"].update(update.get("map", {}))
                counts.clear()
            return self.send(200, b"ok\n")
        self.record(body)
        scenario, rest = self.split()
        if scenario == "ctl":
            scenario = CTL["fault"]
        if not rest.startswith("api/timeseries/data"):
            return self.send(404, b"not found\n")
        if scenario == "needua" and "@" not in self.headers.get("User-Agent", ""):
            return self.send(403, ERROR_PAGE, {"Content-Type": "text/html"})
        if scenario == "503twice" and self.count(("POST", self.path)) <= 2:
            return self.send(503, b"busy\n", {"Retry-After": "1"})
        self.send(200, api_response(scenario, body), {"Content-Type": "application/json"})

    def do_HEAD(self):
        self.handle_get(head=True)

    def do_GET(self):
        self.handle_get(head=False)

    def handle_get(self, head):
        self.record()
        scenario, rest = self.split()
        mapped = None
        if scenario == "ctl":
            scenario = CTL["fault"]
            mapped = CTL["map"].get(rest)
        if mapped and args.extra:
            path = os.path.join(args.extra, mapped)
            data = open(path, "rb").read() if os.path.exists(path) else None
        elif rest.startswith("extra/") and args.extra:
            path = os.path.join(args.extra, extra_name(rest[6:], self.path))
            data = open(path, "rb").read() if os.path.exists(path) else None
        elif rest.startswith("careeronestop/"):
            auth = self.headers.get("Authorization", "")
            if scenario == "unauthorized" or not auth.startswith("Bearer ") or len(auth) < 8:
                p = rest.split("/")
                user = p[3] if len(p) > 3 else ""
                body = json.dumps({"ErrorMessage": f"Invalid API token '{auth[7:]}' for user "
                                   f"'{user}'.", "ErrorNumber": 401}).encode()
                return self.send(401, body, {"Content-Type": "application/json"}, head)
            data = careeronestop_file(rest)
            if scenario == "badjson" and data:
                data = data[:len(data) // 2]
        elif rest.startswith("cew/"):
            sub = rest[4:]
            if scenario == "wrongslice":
                parts = sub.split("/")
                if len(parts) == 6 and parts[4] == "area" and parts[5] != "39041.csv":
                    parts[5] = "39041.csv"
                    sub = "/".join(parts)
            data = qcew_file(sub)
        else:
            data = None
        key = (self.command, self.path)
        if scenario == "redirect":
            return self.send(302, b"", {"Location": "/ok/" + rest}, head)
        if scenario == "needua" and "@" not in self.headers.get("User-Agent", ""):
            return self.send(403, ERROR_PAGE, {"Content-Type": "text/html"}, head)
        if scenario == "notfound" or data is None:
            return self.send(404, b"<html><body>Not Found</body></html>\n",
                             {"Content-Type": "text/html"}, head)
        if scenario == "429once" and self.count(key) == 1:
            return self.send(429, b"slow down\n", {"Retry-After": "1"}, head)
        if scenario == "503twice" and self.count(key) <= 2:
            return self.send(503, b"busy\n", {"Retry-After": "1"}, head)
        if scenario == "retrylong":
            return self.send(503, b"busy\n", {"Retry-After": "100000"}, head)
        if scenario == "html":
            return self.send(200, ERROR_PAGE, {"Content-Type": "text/html"}, head)
        if scenario == "empty":
            return self.send(200, b"", {"Content-Type": "text/csv"}, head)
        if scenario == "corruptzip" and data[:2] == b"PK":
            data = bytearray(data)
            for i in range(60, min(len(data) - 100, 400)):
                data[i] ^= 0x5A
            data = bytes(data)
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        mtime = email.utils.formatdate(1700000000 + len(data) % 1000, usegmt=True)
        headers = {"Content-Type": "text/csv", "Last-Modified": mtime}
        if scenario != "noconditional":
            headers["ETag"] = etag
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if (inm and inm == etag) or (not inm and ims and ims == mtime):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", mtime)
                self.end_headers()
                return
        if head:
            return self.send(200, data, headers, head=True)
        if scenario == "stall":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[:100])
            self.wfile.flush()
            time.sleep(60)
            return
        if scenario == "truncate":
            self.send_response(200)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[:len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if scenario == "slow":
            self.send_response(200)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for i in range(0, len(data), 16384):
                self.wfile.write(data[i:i + 16384])
                self.wfile.flush()
                time.sleep(0.1)
            with lock:
                with open(args.log, "a") as f:
                    f.write(json.dumps({"method": "END", "path": self.path,
                                        "time": time.time()}) + "\n")
            return
        if scenario == "gzip" and "gzip" in self.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return self.send(200, gzip.compress(data), headers)
        self.send(200, data, headers)


def main():
    global args
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--portfile", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--extra")
    args = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    tmp = args.portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, args.portfile)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
