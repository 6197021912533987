#!/usr/bin/env python3
"""Makes the workbook fixtures of Tests/IndicatorsTests/WorkbookTests.swift and workbooks.json, the
values each sheet should read as, computed here from what was written (not from Chiso's reader).

    python3 make_workbooks.py        (openpyxl 3.1; LibreOffice's soffice for libreoffice.xlsx)

planner.xlsx (openpyxl): sheets "Huyện" (wide: districts x years 2020..2024 as number headers, an
empty cell and a "-"), "Tỷ lệ" (percent formats: built-in 9 and 10, custom "0.0%"), "Ngày" (dates
in the 1900 system: built-in 14, custom dd/mm/yyyy, Excel's fictitious 1900-02-29 as serial 60, a
time-only cell), "Gộp" ("Chỉ tiêu" merged A1:A2, "Năm" merged B1:F1 over the years), "Chữ"
(rich-text runs, booleans, an error value, a formula without a cached value, an inline string
added by hand), "Ngoài" (a value right of the header columns, at E4).
date1904.xlsx: dates in the 1904 system. long.xlsx: a long table (indicator, entity, period, value).
libreoffice.xlsx: planner.xlsx saved again by LibreOffice (its own writer: prefixes, styles).
bomb.xlsx: a valid package whose sheet is 20 MB of zero bytes packed at level 9 (ratio above 1000).
"""
import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
expected = {}


def shown(x):
    """The shortest decimal of a number, without a trailing .0 (what a table shows)."""
    if isinstance(x, int):
        return str(x)
    d = Decimal(repr(x)).normalize()
    return format(d, "f")


def percent_shown(x):
    d = (Decimal(repr(x)) * 100).normalize()
    return format(d, "f")


def sheet_expect(name, header_line, offset, header, rows):
    expected[name] = {"headerLine": header_line, "columnOffset": offset, "header": header,
                      "rows": [{"line": l, "fields": f, "numbers": n} for (l, f, n) in rows]}


wb = openpyxl.Workbook()
# Wide planner table.
ws = wb.active
ws.title = "Huyện"
years = [2020, 2021, 2022, 2023, 2024]
ws.append(["Đơn vị"] + years)
districts = [("Gia Nghĩa", [41.5, 48.25, 55, 61.75, 70.125]),
             ("Đắk Mil", [30, None, 42.5, "-", 51]),
             ("Krông Nô", [12.75, 15, 18.5, 22, 25.5])]
rows = []
for k, (name, values) in enumerate(districts):
    ws.append([name] + values)
    fields = [name] + ["" if v is None else (v if isinstance(v, str) else shown(v)) for v in values]
    numbers = [None] + [v if isinstance(v, (int, float)) else None for v in values]
    rows.append((k + 2, fields, numbers))
sheet_expect("Huyện", 1, 0, ["Đơn vị"] + [str(y) for y in years], rows)

# Percentages.
ws = wb.create_sheet("Tỷ lệ")
ws.append(["Chỉ tiêu", "Giá trị"])
percents = [("Hồ sơ trực tuyến", 0.455, "0.0%"), ("Phủ sóng", 0.07, "0%"), ("Thanh toán", 0.1234, "0.00%")]
rows = []
for k, (name, x, fmt) in enumerate(percents):
    ws.append([name, x])
    ws.cell(row=k + 2, column=2).number_format = fmt
    rows.append((k + 2, [name, percent_shown(x) + "%"], [None, float(percent_shown(x))]))
sheet_expect("Tỷ lệ", 1, 0, ["Chỉ tiêu", "Giá trị"], rows)

# Dates, 1900 system.
ws = wb.create_sheet("Ngày")
ws.append(["Mốc", "Ngày"])
dates = [("Báo cáo", dt.date(2024, 6, 30), "mm-dd-yy"), ("Kế hoạch", dt.date(2025, 12, 31), "dd/mm/yyyy"),
         ("Đầu 1900", dt.date(1900, 3, 1), "yyyy-mm-dd"), ("Trước 29/2", dt.date(1900, 2, 28), "yyyy-mm-dd")]
rows = []
for k, (name, d, fmt) in enumerate(dates):
    ws.append([name, d])
    ws.cell(row=k + 2, column=2).number_format = fmt
    rows.append((k + 2, [name, d.isoformat()], [None, None]))
line = len(dates) + 2
ws.append(["Ngày 60", 60])  # Excel shows serial 60 as its fictitious 1900-02-29
ws.cell(row=line, column=2).number_format = "yyyy-mm-dd"
rows.append((line, ["Ngày 60", "1900-02-29"], [None, None]))
ws.append(["Giờ", dt.time(13, 30)])  # time only: the number is kept (13.5 / 24)
ws.cell(row=line + 1, column=2).number_format = "h:mm"
rows.append((line + 1, ["Giờ", shown(13.5 / 24)], [None, 13.5 / 24]))
sheet_expect("Ngày", 1, 0, ["Mốc", "Ngày"], rows)

# Merged header: a group heading over the years, a label merged down.
ws = wb.create_sheet("Gộp")
ws["A1"] = "Chỉ tiêu"
ws.merge_cells("A1:A2")
ws["B1"] = "Năm"
ws.merge_cells("B1:F1")
for j, y in enumerate(years):
    ws.cell(row=2, column=2 + j, value=y)
ws.append(["Tỷ lệ DVC trực tuyến", 40, 45.5, 50, 62.25, 80])
ws.append([])
ws.append(["Phủ sóng 4G", 90, 92, 95, 97.5, 99])
rows = [(3, ["Tỷ lệ DVC trực tuyến", "40", "45.5", "50", "62.25", "80"], [None, 40, 45.5, 50, 62.25, 80]),
        (5, ["Phủ sóng 4G", "90", "92", "95", "97.5", "99"], [None, 90, 92, 95, 97.5, 99])]
sheet_expect("Gộp", 2, 0, ["Chỉ tiêu"] + [str(y) for y in years], rows)

# Text of several kinds.
ws = wb.create_sheet("Chữ")
ws.append(["Loại", "Giá trị"])
ws["A2"] = "Giàu"
ws["B2"] = CellRichText([TextBlock(InlineFont(b=True), "Chuyển đổi "), "số ", TextBlock(InlineFont(i=True), "cấp huyện")])
ws.append(["Đúng", True])
ws.append(["Lỗi", "#N/A"])
ws.append(["Công thức", "=SUM(1,2)"])  # no cached value: an empty cell
ws.append(["Nội tuyến", None])        # B6 becomes an inline string below
rows = [(2, ["Giàu", "Chuyển đổi số cấp huyện"], [None, None]), (3, ["Đúng", "TRUE"], [None, None]),
        (4, ["Lỗi", "#N/A"], [None, None]), (5, ["Công thức", ""], [None, None]),
        (6, ["Nội tuyến", "Đắk Nông  trực tuyến"], [None, None])]
sheet_expect("Chữ", 1, 0, ["Loại", "Giá trị"], rows)

# A value outside the header's columns.
ws = wb.create_sheet("Ngoài")
ws.append(["Đơn vị", "2023", "2024"])
ws.append(["Gia Nghĩa", 1, 2])
ws.append(["Đắk Mil", 3, 4])
ws["E4"] = "ghi chú"
expected["Ngoài"] = {"error": "planner.xlsx[Ngoài]!E4: a value outside the table's columns (A–C)"}

wb.save(os.path.join(HERE, "planner.xlsx"))


def add_inline_string(path, sheet_part, cell_ref, text):
    """Rewrites one cell of a saved workbook as an inline string (openpyxl writes shared strings)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == sheet_part:
                xml = data.decode()
                cell = f'<c r="{cell_ref}" t="inlineStr"><is><r><t xml:space="preserve">{text[0]}</t></r><r><t>{text[1]}</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></is></c>'
                row = cell_ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                marker = f'<row r="{row}">'
                start = xml.index(marker)
                end = xml.index("</row>", start)
                xml = xml[:end] + cell + xml[end:]
                data = xml.encode()
            dst.writestr(info, data)
    os.replace(tmp, path)


# Sheet "Chữ" is the fifth sheet: xl/worksheets/sheet5.xml in openpyxl's layout.
add_inline_string(os.path.join(HERE, "planner.xlsx"), "xl/worksheets/sheet5.xml", "B6", ("Đắk Nông  ", "trực tuyến"))

# 1904 date system.
wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.title = "Mac"
ws.append(["Mốc", "Ngày"])
rows = []
for k, d in enumerate([dt.date(2024, 6, 30), dt.date(1904, 1, 2), dt.date(2030, 1, 1)]):
    ws.append([f"Mốc {k + 1}", d])
    ws.cell(row=k + 2, column=2).number_format = "dd/mm/yyyy"
    rows.append((k + 2, [f"Mốc {k + 1}", d.isoformat()], [None, None]))
expected["date1904.xlsx"] = {"headerLine": 1, "columnOffset": 0, "header": ["Mốc", "Ngày"],
                             "rows": [{"line": l, "fields": f, "numbers": n} for (l, f, n) in rows]}
wb.save(os.path.join(HERE, "date1904.xlsx"))

# A long table, starting at B3 (two blank rows, one blank column).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Dữ liệu"
ws["B3"], ws["C3"], ws["D3"], ws["E3"] = "indicator", "entity", "period", "value"
total, count = Decimal(0), 0
for k in range(2000):
    value = round(10 + (k * 37 % 900) / 10, 1)
    ws.cell(row=4 + k, column=2, value="dvc_truc_tuyen")
    ws.cell(row=4 + k, column=3, value=f"huyen_{k // 5:03d}")
    ws.cell(row=4 + k, column=4, value=2020 + k % 5)
    ws.cell(row=4 + k, column=5, value=value)
    total += Decimal(repr(value))
    count += 1
expected["long.xlsx"] = {"headerLine": 3, "columnOffset": 1, "rows": count, "valueSum": str(total),
                         "lastLine": 3 + count}
wb.save(os.path.join(HERE, "long.xlsx"))

# LibreOffice's writer: planner.xlsx opened and saved again by soffice.
soffice = shutil.which("soffice")
if soffice:
    with tempfile.TemporaryDirectory() as out:
        profile = tempfile.mkdtemp()
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", out, os.path.join(HERE, "planner.xlsx")],
                       check=True, capture_output=True)
        shutil.copy(os.path.join(out, "planner.xlsx"), os.path.join(HERE, "libreoffice.xlsx"))
        shutil.rmtree(profile, ignore_errors=True)
else:
    print("soffice not found: libreoffice.xlsx not remade")

# A ZIP bomb: a valid package whose only sheet is 20 MB of zero bytes.
src = zipfile.ZipFile(os.path.join(HERE, "planner.xlsx"))
with zipfile.ZipFile(os.path.join(HERE, "bomb.xlsx"), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"]:
        z.writestr(name, src.read(name))
    z.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 << 20))
info = zipfile.ZipFile(os.path.join(HERE, "bomb.xlsx")).getinfo("xl/worksheets/sheet1.xml")
expected["bomb.xlsx"] = {"ratio": info.file_size / info.compress_size}

with open(os.path.join(HERE, "workbooks.json"), "w", encoding="utf-8") as f:
    json.dump({"openpyxl": openpyxl.__version__, "sheets": expected}, f, ensure_ascii=False, indent=1)
print("ratio of bomb.xlsx:", expected["bomb.xlsx"]["ratio"])
