#!/usr/bin/python3
"""peer_pandas.py - the benchmark job in pandas (Debian python3-pandas).

usage: /usr/bin/python3 peer_pandas.py SINGLEFILE.csv sector|4 OUT.csv

Private-sector (own_code 5) employment and location quotient for every
county x industry of a QCEW annual singlefile:
    LQ = (e_ic / E_c) / (e_iUS / E_US)
E = own_code 0, industry 10 of the county (agglvl 70) and of US000; e the
private employment of the county (agglvl 74 sector / 76 4-digit) and of
US000 (agglvl 14 / 16). A suppressed cell (disclosure_code "N", written as
0) has unknown employment: employment and LQ are left empty, never computed
from 0. Output: area_fips,industry_code,employment,lq sorted by area then
industry, LQ to 4 decimals.

read_csv (C engine; pyarrow is not packaged here) reads only the six
columns the job needs.
"""
import sys

import numpy as np
import pandas as pd


def main(argv):
    if len(argv) != 4 or argv[2] not in ("sector", "4"):
        sys.stderr.write("usage: peer_pandas.py FILE sector|4 OUT\n")
        return 1
    county_lvl = 74 if argv[2] == "sector" else 76
    us_lvl = county_lvl - 60

    d = pd.read_csv(
        argv[1],
        usecols=["area_fips", "own_code", "industry_code", "agglvl_code",
                 "disclosure_code", "annual_avg_emplvl"],
        dtype={"area_fips": str, "industry_code": str, "disclosure_code": str,
               "own_code": np.int16, "agglvl_code": np.int16,
               "annual_avg_emplvl": np.int64},
        keep_default_na=False, na_values=[])
    # unknown employment: NaN, never 0
    d["emp"] = d["annual_avg_emplvl"].where(d["disclosure_code"] != "N")

    cty = d.loc[(d["own_code"] == 5) & (d["agglvl_code"] == county_lvl),
                ["area_fips", "industry_code", "emp"]]
    tot = d.loc[d["agglvl_code"] == 70, ["area_fips", "emp"]].rename(columns={"emp": "E"})
    us = d.loc[(d["area_fips"] == "US000") & (d["own_code"] == 5)
               & (d["agglvl_code"] == us_lvl), ["industry_code", "emp"]].rename(
                   columns={"emp": "eus"})
    us_tot = d.loc[(d["area_fips"] == "US000") & (d["agglvl_code"] == 10), "emp"]
    us_tot = us_tot.iloc[0] if len(us_tot) == 1 else np.nan
    del d

    out = cty.merge(tot, on="area_fips", how="left").merge(us, on="industry_code", how="left")
    lq = (out["emp"] / out["E"]) / (out["eus"] / us_tot)
    lq[~np.isfinite(lq) | (out["E"] <= 0) | (out["eus"] <= 0)] = np.nan
    out["lq"] = lq
    out["employment"] = out["emp"].astype("Int64")
    out = out.sort_values(["area_fips", "industry_code"], kind="stable")
    out[["area_fips", "industry_code", "employment", "lq"]].to_csv(
        argv[3], index=False, float_format="%.4f", na_rep="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
