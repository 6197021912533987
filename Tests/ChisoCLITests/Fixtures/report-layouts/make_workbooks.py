#!/usr/bin/env python3
"""Writes the report-layout workbooks of this folder with openpyxl, laid out as provincial reports
lay out their tables (the numbers are made up).

Usage (from the package root):
    python3 Tests/ChisoCLITests/Fixtures/report-layouts/make_workbooks.py Tests/ChisoCLITests/Fixtures/report-layouts

writes:
- bao-cao-dvc.xlsx, two sheets:
  - "Tỷ lệ hồ sơ trực tuyến" (the indicator's name): a merged title (A1:H1), a merged "(Kèm theo Báo cáo số …)" line
    (A2:H2), a blank row, a two-row header (STT, Đơn vị, ĐVT and Ghi chú merged down over rows 4-5;
    "Năm 2023" over "Kế hoạch | Thực hiện" and "Năm 2024" over "KH | TH", each merged across its
    two sub-columns), two districts, a totals row "Tổng cộng", a blank row and two footnote rows
    ("Ghi chú: (1) …" merged A10:H10, "Nguồn: …").
  - "Điểm DTI": a title, a blank row, then a wide table STT | Huyện | 2022 | 2023 | 2024 | Ghi chú
    with the scores of three districts and a "Toàn tỉnh" row, then "* Điểm tối đa 1000." below a blank row.
- muc-tieu.xlsx, sheet "Mục tiêu": a title, a "(Kèm theo Kế hoạch số …)" line, a blank row, then
  STT | Chỉ tiêu | Đơn vị | Năm | Mục tiêu | Ghi chú with targets as planners write them:
  "Đến năm 2025" / "≥ 80 %", "Năm 2025" / "ít nhất 85%", a year typed as the number 2025 / "700 điểm",
  "Đến năm 2025" / "tối thiểu 650 điểm".
- mau-co-stt.xlsx: ../filled-template-vi.xlsx with an "STT" column first on the Số liệu and Mục
  tiêu sheets, a "Ghi chú" column on the Chỉ tiêu sheet and a title above the Mục tiêu header.
- muc-tieu-sai.xlsx, sheet "Mục tiêu": four bad cells, one per row: "≥ 80%" with "≤" in the So sánh
  column (E2 vs F2), "80%" for the DTI score (E3), "Đến năm 20x5" (D4), "khoảng 80" (E5).
"""
import sys
import openpyxl
from openpyxl.styles import Alignment, Font

folder = sys.argv[1] if len(sys.argv) > 1 else "."

SHARE = "Tỷ lệ hồ sơ trực tuyến"
DTI = "Điểm DTI"

book = openpyxl.Workbook()
ws = book.active
ws.title = SHARE
ws["A1"] = "BÁO CÁO TỶ LỆ HỒ SƠ TRỰC TUYẾN TOÀN TRÌNH NĂM 2024"
ws.merge_cells("A1:H1")
ws["A1"].font = Font(bold=True)
ws["A1"].alignment = Alignment(horizontal="center")
ws["A2"] = "(Kèm theo Báo cáo số 45/BC-STTTT ngày 10/01/2025 của Sở Thông tin và Truyền thông)"
ws.merge_cells("A2:H2")
# Row 3 is blank.
for col, text in [("A", "STT"), ("B", "Đơn vị"), ("C", "ĐVT"), ("H", "Ghi chú")]:
    ws[f"{col}4"] = text
    ws.merge_cells(f"{col}4:{col}5")
ws["D4"] = "Năm 2023"
ws.merge_cells("D4:E4")
ws["F4"] = "Năm 2024"
ws.merge_cells("F4:G4")
ws["D5"], ws["E5"], ws["F5"], ws["G5"] = "Kế hoạch", "Thực hiện", "KH", "TH"
rows = [
    (1, "Đắk Mil", "%", 40, 42.1, 50, 48.6, None),
    (2, "Krông Nô", "%", 35, 38.4, 45, 45.0, "Ước thực hiện"),
    (None, "Tổng cộng", "%", 38, 40.2, 48, 46.9, None),
]
for r, row in enumerate(rows, start=6):
    for c, value in enumerate(row, start=1):
        if value is not None:
            ws.cell(row=r, column=c, value=value)
# Row 9 is blank.
ws["A10"] = "Ghi chú: (1) Số liệu năm 2024 là số ước thực hiện đến 31/12/2024."
ws.merge_cells("A10:H10")
ws["A11"] = "Nguồn: Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh."

dti = book.create_sheet(DTI)
dti["A1"] = "KẾT QUẢ ĐÁNH GIÁ CHỈ SỐ CHUYỂN ĐỔI SỐ CẤP HUYỆN (DTI)"
# Row 2 is blank.
for c, text in enumerate(["STT", "Huyện", 2022, 2023, 2024, "Ghi chú"], start=1):
    dti.cell(row=3, column=c, value=text)
for r, row in enumerate([
    (1, "Đắk Mil", 412.5, 498.0, 561.25, None),
    (2, "Krông Nô", 380.0, 455.5, 530.0, None),
    (3, "Cư Jút", 350.75, 420.0, 505.5, "Tăng 2 bậc"),
    (None, "Toàn tỉnh", 401.0, 470.0, 548.0, None),
], start=4):
    for c, value in enumerate(row, start=1):
        if value is not None:
            dti.cell(row=r, column=c, value=value)
# Row 8 is blank.
dti["A9"] = "* Điểm tối đa 1000."
book.save(f"{folder}/bao-cao-dvc.xlsx")


def targets(path, title_rows, header, rows):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Mục tiêu"
    r = 1
    for text in title_rows:
        if text:
            ws.cell(row=r, column=1, value=text)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
    for c, text in enumerate(header, start=1):
        ws.cell(row=r, column=c, value=text)
    for row in rows:
        r += 1
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    book.save(path)


# The Vietnamese filled template (../filled-template-vi.xlsx) as a planner reworks it: an "STT"
# column first on the Số liệu and Mục tiêu sheets (empty on the example row), a "Ghi chú" column
# last on the Chỉ tiêu sheet (which has no notes column), and a merged title above the Mục tiêu header.
template = openpyxl.load_workbook(f"{folder}/../filled-template-vi.xlsx")
for name in ["Số liệu", "Mục tiêu"]:
    ws = template[name]
    ws.insert_cols(1)
    ws["A1"] = "STT"
    for r in range(3, ws.max_row + 1):
        if any(ws.cell(row=r, column=c).value is not None for c in range(2, ws.max_column + 1)):
            ws.cell(row=r, column=1, value=r - 2)
ws = template["Chỉ tiêu"]
ws.cell(row=1, column=ws.max_column + 1, value="Ghi chú")
ws.cell(row=3, column=ws.max_column, value="Số liệu năm 2024 là ước thực hiện")
ws = template["Mục tiêu"]
ws.insert_rows(1)
ws["A1"] = "CÁC MỤC TIÊU CỦA KẾ HOẠCH CHUYỂN ĐỔI SỐ"
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ws.max_column)
template.save(f"{folder}/mau-co-stt.xlsx")

targets(f"{folder}/muc-tieu.xlsx",
        ["KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2025", "(Kèm theo Kế hoạch số 12/KH-UBND ngày 20/02/2025 của UBND tỉnh)", None],
        ["STT", "Chỉ tiêu", "Đơn vị", "Năm", "Mục tiêu", "Ghi chú"],
        [(1, SHARE, "Đắk Mil", "Đến năm 2025", "≥ 80 %", None),
         (2, SHARE, "Krông Nô", "Năm 2025", "ít nhất 85%", None),
         (3, DTI, "Đắk Mil", 2025, "700 điểm", "Nghị quyết 05-NQ/TU"),
         (4, DTI, "Toàn tỉnh", "Đến năm 2025", "tối thiểu 650 điểm", None)])

targets(f"{folder}/muc-tieu-sai.xlsx", [],
        ["STT", "Chỉ tiêu", "Đơn vị", "Năm", "Mục tiêu", "So sánh"],
        [(1, SHARE, "Đắk Mil", "Đến năm 2025", "≥ 80%", "≤"),
         (2, DTI, "Krông Nô", "Năm 2025", "80%", None),
         (3, SHARE, "Krông Nô", "Đến năm 20x5", "80", None),
         (4, DTI, "Đắk Mil", 2025, "khoảng 80", None)])
