#!/usr/bin/env python3
"""Check that two answers of the benchmark job agree.

usage: compare_answers.py REFERENCE.csv OTHER.csv

Both are CSV with the header area_fips,industry_code,employment,lq, sorted
by area then industry. They agree when they hold the same rows in the same
order, employment is identical (empty for a suppressed cell in both), and
lq is empty in both or differs by at most 1e-4. Prints "ok ROWS" or the
first few differences; exits 1 on disagreement. Standard library only.
"""
import sys

HEADER = ["area_fips", "industry_code", "employment", "lq"]
TOL = 1e-4 + 1e-9  # 4-decimal rounding of doubles that differ in the last bit


def rows(path):
    with open(path, newline="") as f:
        for line in f:
            yield [x.strip().strip('"') for x in line.rstrip("\r\n").split(",")]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    a, b = rows(argv[1]), rows(argv[2])
    ha, hb = next(a, None), next(b, None)
    if ha != HEADER or hb != HEADER:
        print(f"header differs: {ha} / {hb}")
        return 1
    n = bad = 0
    for ra, rb in zip_longest(a, b):
        n += 1
        why = None
        if ra is None or rb is None:
            why = "row count differs"
        elif len(ra) != 4 or len(rb) != 4:
            why = "not 4 fields"
        elif ra[:2] != rb[:2]:
            why = "different row (area, industry) or order"
        elif ra[2] != rb[2]:
            why = "employment differs"
        elif (ra[3] == "") != (rb[3] == ""):
            why = "lq empty in one only"
        elif ra[3] and abs(float(ra[3]) - float(rb[3])) > TOL:
            why = "lq differs"
        if why:
            bad += 1
            if bad <= 5:
                print(f"line {n + 1}: {why}: {ra} / {rb}")
            if ra is None or rb is None:
                break
    if bad:
        print(f"{bad} difference(s)")
        return 1
    print(f"ok {n}")
    return 0


def zip_longest(a, b):
    while True:
        ra, rb = next(a, None), next(b, None)
        if ra is None and rb is None:
            return
        yield ra, rb


if __name__ == "__main__":
    sys.exit(main(sys.argv))
