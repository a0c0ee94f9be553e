# peer_datatable.R - the benchmark job in R data.table (Debian r-cran-data.table).
#
# usage: Rscript peer_datatable.R SINGLEFILE.csv sector|4 OUT.csv
#
# Private-sector (own_code 5) employment and location quotient for every
# county x industry of a QCEW annual singlefile:
#   LQ = (e_ic / E_c) / (e_iUS / E_US)
# E = own_code 0, industry 10 of the county (agglvl 70) and of US000; e the
# private employment of the county (agglvl 74 sector / 76 4-digit) and of
# US000 (agglvl 14 / 16). A suppressed cell (disclosure_code "N", written
# as 0) has unknown employment: employment and LQ are left empty, never
# computed from 0. Output: area_fips,industry_code,employment,lq sorted by
# area then industry (C collation), LQ to 4 decimals.
#
# fread reads only the six columns the job needs, on every core.
suppressPackageStartupMessages(library(data.table))
setDTthreads(0L)

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3L || !(args[2] %in% c("sector", "4")))
  stop("usage: Rscript peer_datatable.R FILE sector|4 OUT")
county_lvl <- if (args[2] == "sector") 74L else 76L
us_lvl <- county_lvl - 60L

d <- fread(args[1],
           select = c("area_fips", "own_code", "industry_code", "agglvl_code",
                      "disclosure_code", "annual_avg_emplvl"),
           colClasses = list(character = c("area_fips", "industry_code", "disclosure_code"),
                             integer = c("own_code", "agglvl_code", "annual_avg_emplvl")),
           na.strings = NULL, showProgress = FALSE)

emp_or_na <- function(emp, disc) fifelse(disc == "N", NA_integer_, emp)

cty <- d[own_code == 5L & agglvl_code == county_lvl,
         .(area_fips, industry_code, e = emp_or_na(annual_avg_emplvl, disclosure_code))]
tot <- d[agglvl_code == 70L, .(area_fips, E = emp_or_na(annual_avg_emplvl, disclosure_code))]
us <- d[area_fips == "US000" & own_code == 5L & agglvl_code == us_lvl,
        .(industry_code, eus = emp_or_na(annual_avg_emplvl, disclosure_code))]
us_tot <- d[area_fips == "US000" & agglvl_code == 10L,
            emp_or_na(annual_avg_emplvl, disclosure_code)]
if (length(us_tot) != 1L) us_tot <- NA_integer_
rm(d)

cty[tot, E := i.E, on = "area_fips"]
cty[us, eus := i.eus, on = "industry_code"]
cty[, lq := (as.double(e) / E) / (as.double(eus) / us_tot)]
cty[!is.finite(lq) | E <= 0 | eus <= 0, lq := NA_real_]
setorder(cty, area_fips, industry_code)

fwrite(cty[, .(area_fips, industry_code,
               employment = e,
               lq = fifelse(is.na(lq), "", sprintf("%.4f", lq)))],
       args[3], quote = FALSE, na = "")
