#!/usr/bin/env python3
"""Write the small fixtures the EP, OEWS, projections and staffing loader tests use.

These are LAYOUT fixtures: the sheet names, title rows, header names and
cell types follow the published files (see fetch/ep.c, oews.c,
projections.c, staffing.c for what was copied from where), but the numbers
are invented round values, not real statistics. The real files the loaders
are tested on live in ../shared/data; these only cover what that data lacks
(no Projections Central response, no National Employment Matrix export, no
OEWS industry file) and malformed input.

Run from anywhere: python3 tests/data/make_loader_fixtures.py
The outputs are checked in; rerun after changing this script.
"""
import io
import json
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_xml(rows):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData>']
    for r, row in enumerate(rows, start=1):
        if row is None:
            continue
        cells = []
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            ref = "%s%d" % (col_name(c), r)
            if isinstance(v, (int, float)):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, repr(v)))
            else:
                cells.append('<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>'
                             % (ref, escape(v)))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    out.append("</sheetData></worksheet>")
    return "".join(out)


def xlsx_bytes(sheets):
    """sheets: list of (name, rows); rows are lists of cell values (None skips a row)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def put(name, text):
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        put("[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
                      for i in range(len(sheets)))
            + "</Types>")
        put("_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")
        put("xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1)
                      for i, (n, _) in enumerate(sheets))
            + "</sheets></workbook>")
        put("xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1)
                      for i in range(len(sheets)))
            + "</Relationships>")
        for i, (_, rows) in enumerate(sheets):
            put("xl/worksheets/sheet%d.xml" % (i + 1), sheet_xml(rows))
    return buf.getvalue()


def write(rel, data):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)


# ---- EP (occupation.xlsx Table 1.2 layout, malformed) ----

EP_HEADER = ["2024 National Employment Matrix title", "2024 National Employment Matrix code",
             "Occupation type", "Employment, 2024", "Employment, 2034",
             "Employment distribution, percent, 2024", "Employment distribution, percent, 2034",
             "Employment change, numeric, 2024\u201334", "Employment change, percent, 2024\u201334",
             "Percent self employed, 2024", "Occupational openings, 2024\u201334 annual average",
             "Median annual wage, dollars, 2024[1]", "Typical education needed for entry",
             "Work experience in a related occupation",
             "Typical on-the-job training needed to attain competency in the occupation",
             "Related Occupational Outlook Handbook (OOH) content xlsx"]
EP_TITLE = ["Table 1.2 Occupational projections, 2024\u20132034, and worker characteristics, 2024 "
            "(Employment in thousands)"]


def ep_row(title, code, typ, emp):
    return [title, code, typ, emp, 110.0, 0.1, 0.1, 10.0, 10.0, 1.0, 12.0, 50000,
            "Bachelor's degree", "None", "None", "OOH Content"]


write("ep/bad-header.xlsx", xlsx_bytes([
    ("Table 1.2", [EP_TITLE, [h for h in EP_HEADER if h != "Occupation type"],
                   ep_row("Total, all occupations", "00-0000", "Summary", 100.0)[0:2] +
                   ep_row("Total, all occupations", "00-0000", "Summary", 100.0)[3:]]),
]))
write("ep/bad-number.xlsx", xlsx_bytes([
    ("Table 1.2", [EP_TITLE, EP_HEADER,
                   ep_row("Total, all occupations", "00-0000", "Summary", 100.0),
                   ep_row("      Registered nurses", "29-1141", "Line item", "3x91"),
                   ["Source: Employment Projections program, U.S. Bureau of Labor Statistics"]]),
]))

# ---- OEWS (national file layout; an industry file, a zip, malformed) ----

OEWS_HEADER = ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP",
               "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000",
               "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10",
               "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN",
               "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY"]


def oews_row(naics, ntitle, igroup, own, occ, otitle, ogroup, emp, pct_total, pct_rpt,
             hmean, amean, h90=40.0, a90=83200, annual="", hourly=""):
    return ["99", "U.S.", 1, "US", naics, ntitle, igroup, own, occ, otitle, ogroup, emp, 1.0, "",
            "", pct_total, pct_rpt, hmean, amean, 0.5, 15.0, 18.0, 24.0, 30.0, h90, 31200, 37440,
            49920, 62400, a90, annual, hourly]


IN4_ROWS = [
    oews_row("622000", "Hospitals", "3-digit", "1235", "00-0000", "All Occupations", "total",
             5000000, 100.0, 100.0, 40.0, 83200),
    oews_row("622000", "Hospitals", "3-digit", "1235", "29-1141", "Registered Nurses", "detailed",
             1800000, 36.0, 99.0, 50.0, 104000, "#", "#"),
    oews_row("622000", "Hospitals", "3-digit", "1235", "31-1131", "Nursing Assistants",
             "detailed", 300000, 6.0, 80.0, 20.0, 41600),
    oews_row("622000", "Hospitals", "4-digit", "1235", "00-0000", "All Occupations", "total",
             5000000, 100.0, 100.0, 40.0, 83200),
    oews_row("622000", "Hospitals", "4-digit", "1235", "29-1141", "Registered Nurses", "detailed",
             1800000, 36.0, 99.0, 50.0, 104000, "#", "#"),
    oews_row("3250A1", "Chemical Manufacturing (3251, 3252, 3253, and 3259 only)", "4-digit",
             "5", "00-0000", "All Occupations", "total", 500000, 100.0, 100.0, 35.0, 72800),
    oews_row("3250A1", "Chemical Manufacturing (3251, 3252, 3253, and 3259 only)", "4-digit",
             "5", "51-9011", "Chemical Equipment Operators and Tenders", "detailed", "**", "**",
             "~", 30.0, 62400),
]
in4 = xlsx_bytes([("nat4d_M2024_dl", [OEWS_HEADER] + IN4_ROWS),
                  ("Field Descriptions", [["May 2024 OEWS Estimates"]])])
write("staffing/nat4d_M2024_dl.xlsx", in4)
fd = xlsx_bytes([("Field Descriptions", [["May 2024 OEWS Estimates"], [], ["Field", "Field Description"]])])
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in (("oesm24in4/field_descriptions.xlsx", fd),
                       ("oesm24in4/nat4d_M2024_dl.xlsx", in4)):
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
write("staffing/oesm24in4.zip", zbuf.getvalue())

NAT_ROW = ["99", "U.S.", 1, "US", "000000", "Cross-industry", "cross-industry", 1235]
write("oews/bad-number_M2025_dl.xlsx", xlsx_bytes([("national_M2025_dl", [
    OEWS_HEADER,
    NAT_ROW + ["00-0000", "All Occupations", "total", 155495730, 0] + [""] * 4 +
    [33.54, 69770, 0.1, 15, 18.07, 24.51, 38.71, 61.81, 31200, 37590, 50980, 80520, 128560, "", ""],
    NAT_ROW + ["29-1141", "Registered Nurses", "detailed", "12O4", 0.3] + [""] * 4 +
    [48.76, 101420, 0.2, 33.14, 38.62, 46.9, 54.02, 66.09, 68940, 80330, 97550, 112350, 137470, "", ""],
])]))
write("oews/no-occ-code_M2025_dl.xlsx", xlsx_bytes([("national_M2025_dl", [
    [h for h in OEWS_HEADER if h != "OCC_CODE"],
])]))
write("oews/undated.xlsx", xlsx_bytes([("data", [
    OEWS_HEADER,
    NAT_ROW + ["00-0000", "All Occupations", "total", 155495730, 0] + [""] * 4 +
    [33.54, 69770, 0.1, 15, 18.07, 24.51, 38.71, 61.81, 31200, 37590, 50980, 80520, 128560, "", ""],
])]))

# ---- state projections: Projections Central JSON, EDD malformed ----

def pc_row(area, stfips, occ, title, base, proj, change, pct, openings, by="2022", py="2032"):
    return {"Area": area, "Title": title, "Base": base, "Projected": proj, "Change": change,
            "PercentChange": pct, "AvgAnnualOpenings": openings, "STFIPS": stfips,
            "StateURL": "https://example.invalid/lmi", "OccCode": occ, "BaseYear": by,
            "ProjYear": py}


PC_ROWS = [
    pc_row("Ohio", "39", "00-0000", "Total, All Occupations", "6,000,000", "6,200,000", "200,000",
           "3.3", "650,000"),
    pc_row("Ohio", "39", "29-0000", "Healthcare Practitioners and Technical Occupations",
           "400,000", "430,000", "30,000", "7.5", "25,000"),
    pc_row("Ohio", "39", "29-1141", "Registered Nurses", "140,000", "150,000", "10,000", "7.1",
           "9,000"),
    pc_row("Ohio", "39", "31-1131", "Nursing Assistants", "80,000", "84,000", "4,000", "5.0",
           "11,000"),
]
write("projections/pc_longterm_39_page0.json",
      json.dumps({"rows": PC_ROWS, "pager": {"current_page": 0, "items_per_page": 500}},
                 indent=1) + "\n")
write("projections/pc_national_row.json",
      json.dumps({"rows": PC_ROWS[:2] + [pc_row("United States", "0", "29-1141",
                                                 "Registered Nurses", "3,300,000", "3,500,000",
                                                 "200,000", "6.1", "190,000")]}, indent=1) + "\n")
bad = [dict(r) for r in PC_ROWS[:3]]
bad[2]["Base"] = "1,4x0,000"
write("projections/pc_bad_number.json", json.dumps({"rows": bad}, indent=1) + "\n")

EDD_TITLE = [["2023-2033 Occupational Employment Projections"], ["California"], ["Statewide"]]
EDD_HEADER = ["SOC Level[1]", "SOC Code[2]", "Occupational Title[3]",
              "Base Year Employment Estimate 2023[4][5]", "Projected Year Employment Estimate 2033",
              "Numeric Change 2023-2033[6]", "Percent-age Change 2023-2033", "Exits\n[7]",
              "Transfers\n[8]", "Total Job Openings\n[9]", "Median Hourly Wages\n[10]",
              "Median Annual Wages\n[10]", "Entry Level Education\n[11][12]",
              "Work Experience\n[11][12]", "On-the-Job Training\n[11][12]"]
write("projections/edd-bad-header.xlsx", xlsx_bytes([("Occupational", EDD_TITLE + [
    [h for h in EDD_HEADER if not h.startswith("Exits")],
    [1, "00-0000", "Total, All Occupations", 100, 110, 10, 0.1, 20, 30, 60, 28.0, 58240.0,
     "N/A", "N/A"],
    ["End of worksheet."],
])]))

# ---- staffing: National Employment Matrix export layout ----

MATRIX_HEADER = ["Industry Title", "Industry Code", "Occupation Title", "Occupation Code",
                 "Occupation Type", "2024 Employment", "2024 Percent of Industry",
                 "2024 Percent of Occupation", "Projected 2034 Employment",
                 "Projected 2034 Percent of Industry", "Projected 2034 Percent of Occupation",
                 "Employment Change, 2024-2034", "Employment Percent Change, 2024-2034"]
H = "Hospitals; public and private"
MATRIX_ROWS = [
    [H, "622000", "Total, all occupations", "00-0000", "Summary", "5000.0", "100.0", "3.0",
     "5500.0", "100.0", "3.1", "500.0", "10.0"],
    [H, "622000", "Healthcare practitioners and technical occupations", "29-0000", "Summary",
     "2500.0", "50.0", "25.0", "2800.0", "50.9", "26.0", "300.0", "12.0"],
    [H, "622000", "Registered nurses", "29-1141", "Line item", "1500.0", "30.0", "45.0",
     "1650.0", "30.0", "46.0", "150.0", "10.0"],
    [H, "622000", "Nursing assistants", "31-1131", "Line item", "400.0", "8.0", "30.0", "420.0",
     "7.6", "29.0", "20.0", "5.0"],
    [H, "622000", "Medical secretaries and administrative assistants", "43-6013", "Line item",
     "100.5", "2.01", "12.0", "98.0", "1.78", "11.0", "-2.5", "-2.5"],
]


def csv_line(fields):
    return ",".join('"%s"' % f.replace('"', '""') for f in fields) + "\r\n"


write("staffing/ep_matrix_622000.csv",
      csv_line(["National Employment Matrix, 2024 and projected 2034 (Employment in thousands)"]) +
      csv_line(["Industry: 622000 Hospitals; public and private"]) + "\r\n" +
      csv_line(MATRIX_HEADER) + "".join(csv_line(r) for r in MATRIX_ROWS) + "\r\n" +
      csv_line(["Source: Employment Projections program, U.S. Bureau of Labor Statistics"]))
T = "Total employment"
write("staffing/ep_matrix_TE1000.xlsx", xlsx_bytes([("National Employment Matrix", [
    ["National Employment Matrix, 2024 and projected 2034 (Employment in thousands)"],
    ["Industry: TE1000 Total employment"],
    None,
    MATRIX_HEADER,
    [T, "TE1000", "Total, all occupations", "00-0000", "Summary", 169956.1, 100, 100, 175167.9,
     100, 100, 5211.8, 3.1],
    [T, "TE1000", "Registered nurses", "29-1141", "Line item", 3391, 2.0, 100, 3557.1, 2.0, 100,
     166.1, 4.9000000000000004],
    [T, "TE1000", "Chief executives", "11-1011", "Line item", 309.39999999999998, 0.2, 100,
     322.7, 0.2, 100, 13.3, 4.3],
    ["Source: Employment Projections program, U.S. Bureau of Labor Statistics"],
])]))
write("staffing/ep_matrix_bad_header.csv",
      csv_line(["National Employment Matrix, 2024 and projected 2034"]) +
      csv_line([h for h in MATRIX_HEADER if h != "Industry Code"]) +
      csv_line(MATRIX_ROWS[0][:1] + MATRIX_ROWS[0][2:]))
dup = MATRIX_ROWS + [MATRIX_ROWS[2]]
write("staffing/ep_matrix_duplicate.csv",
      csv_line(MATRIX_HEADER) + "".join(csv_line(r) for r in dup))
print("fixtures written under", HERE)
