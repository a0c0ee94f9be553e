#!/usr/bin/env python3
"""Regenerate the small zip fixtures used by tests/unit/test_zip.c.

Run once from this directory (python3 make_zips.py); the outputs are
committed so the tests need no Python. Every archive is deterministic
(fixed timestamps) and under 2 KB.

  ok.zip        members.csv (deflated), notes.txt (stored), sub/ (directory),
                ../escape.csv (a zip-slip name, only ever displayed)
  crc.zip       one stored member with a data byte flipped after the CRC
                was computed: opens fine, fails when read to the end
  inflate.zip   one deflated member whose compressed bytes are damaged
  bomb.zip      a tiny member whose headers declare 100 MiB uncompressed
                (ratio far above PM_ZIP_MAX_RATIO): refused on open
  liar.zip      a member whose headers declare 10 bytes but which inflates
                to 400: must fail at read time, never hand out the extra
  truncated.zip ok.zip cut in half (no central directory)
"""
import struct
import zipfile

DATE = (2020, 1, 1, 0, 0, 0)

MEMBERS_CSV = b"".join(b"%d,row %d,%d.00\n" % (i, i, i * 7) for i in range(1, 41))
NOTES_TXT = b"pathmap zip fixture\n"


def info(name, method):
    zi = zipfile.ZipInfo(name, DATE)
    zi.compress_type = method
    zi.external_attr = 0o644 << 16
    zi.create_system = 3
    return zi


def build(path, members):
    with zipfile.ZipFile(path, "w") as z:
        for name, data, method in members:
            z.writestr(info(name, method), data)
    with open(path, "rb") as f:
        return bytearray(f.read())


def patch_sizes(buf, usize=None, csize=None):
    """Rewrite the sizes in the (single) local header and central entry."""
    lh = buf.find(b"PK\x03\x04")
    cd = buf.find(b"PK\x01\x02")
    if usize is not None:
        struct.pack_into("<I", buf, lh + 22, usize)
        struct.pack_into("<I", buf, cd + 24, usize)
    if csize is not None:
        struct.pack_into("<I", buf, lh + 18, csize)
        struct.pack_into("<I", buf, cd + 20, csize)


def data_offset(buf):
    lh = buf.find(b"PK\x03\x04")
    nlen, xlen = struct.unpack_from("<HH", buf, lh + 26)
    return lh + 30 + nlen + xlen


def write(path, buf):
    with open(path, "wb") as f:
        f.write(bytes(buf))


ok = build("ok.zip", [
    ("members.csv", MEMBERS_CSV, zipfile.ZIP_DEFLATED),
    ("notes.txt", NOTES_TXT, zipfile.ZIP_STORED),
    ("sub/", b"", zipfile.ZIP_STORED),
    ("../escape.csv", b"a,b\n1,2\n", zipfile.ZIP_STORED),
])

crc = build("crc.zip", [("data.csv", MEMBERS_CSV, zipfile.ZIP_STORED)])
crc[data_offset(crc) + 100] ^= 0x01
write("crc.zip", crc)

inflate = build("inflate.zip", [("data.csv", MEMBERS_CSV, zipfile.ZIP_DEFLATED)])
off = data_offset(inflate)
for i in range(off + 4, off + 40):
    inflate[i] ^= 0x5A
write("inflate.zip", inflate)

bomb = build("bomb.zip", [("bomb.csv", b"a,b\n" * 8, zipfile.ZIP_DEFLATED)])
patch_sizes(bomb, usize=100 << 20)
write("bomb.zip", bomb)

liar = build("liar.zip", [("liar.csv", b"x" * 400, zipfile.ZIP_DEFLATED)])
patch_sizes(liar, usize=10)
write("liar.zip", liar)

write("truncated.zip", ok[: len(ok) // 2])
