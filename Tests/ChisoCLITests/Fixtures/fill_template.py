#!/usr/bin/env python3
"""Fills the workbook `chiso data template` writes, as a planner would, with openpyxl.

Usage (from the package root):
    .build/debug/chiso data template --out /tmp/mau.xlsx
    python3 Tests/ChisoCLITests/Fixtures/fill_template.py /tmp/mau.xlsx Tests/ChisoCLITests/Fixtures/filled-template.xlsx

The numbers are made up for the test (a province and three districts, 2020-2024); names, not ids,
are used in the data and target sheets; the target of the share is written "80,5" with a decimal
comma and the comparator as the planner's "≥". The cells that take one of a few values hold the
English codes (percent, share, up, province, …), which the reader accepts beside the Vietnamese
words of the drop-down lists (fill_template_vi.py fills those). Rows go after the template's
example row (row 2, "Ví dụ: …"), which is left as it is. The test (PlannerWorkbookTests) runs
`chiso report --data filled-template.xlsx` and checks the report against these values.
"""
import sys
import openpyxl

template, out = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(template)
expected = ["Hướng dẫn", "Chỉ tiêu", "Đơn vị", "Nguồn", "Số liệu", "Chi tiết số liệu", "Mục tiêu"]
assert wb.sheetnames == expected, wb.sheetnames

def headers(ws):
    return [c.value for c in ws[1] if c.value is not None]

for ws in wb.worksheets[1:]:
    assert str(ws["A2"].value).startswith("Ví dụ:"), (ws.title, ws["A2"].value)

assert headers(wb["Chỉ tiêu"])[:5] == ["Mã chỉ tiêu", "Tên chỉ tiêu", "Tên tiếng Anh", "Đơn vị tính", "Loại"]
ws = wb["Chỉ tiêu"]
ws.append(["ho_so_truc_tuyen", "Tỷ lệ hồ sơ trực tuyến toàn trình", "Share of applications fully online", "percent", "share", 0, 100, "up", "flow"])
ws.append(["dvc_muc_4", "Số dịch vụ công mức độ 4", "Level-4 online services", "count", "count", 0, None, "up", "stock"])
ws = wb["Đơn vị"]
ws.append(["tinh_x", "tỉnh Hòa Bình Xanh", "Hoa Binh Xanh province", "province", None, "Hòa Bình Xanh"])
for i, name in enumerate(["Krông Nô", "Đắk Mil", "Cư Jút"]):
    ws.append([f"huyen_{i + 1}", f"huyện {name}", f"{name} district", "district", "tinh_x", name])
ws = wb["Nguồn"]
assert headers(ws)[:5] == ["Tên văn bản", "Số hiệu", "Cơ quan ban hành", "Ngày ban hành", "Mã nguồn"], headers(ws)
ws.append(["Báo cáo kết quả chuyển đổi số năm 2024", "123/BC-UBND", "UBND tỉnh Hòa Bình Xanh", "2024-12-20", "bc_2024", None])

ws = wb["Số liệu"]
# The template's header: label columns, then the years 2020..2030 as text; the planner uses 2020-2024
# and adds "6 tháng đầu năm 2025".
head = headers(ws)
assert head[:3] == ["Chỉ tiêu", "Đơn vị", "Nguồn"], head
years = head[3:8]
assert years == ["2020", "2021", "2022", "2023", "2024"], years
ws.cell(row=1, column=len(head) + 1, value="6 tháng đầu năm 2025")
rows = [
    ("Tỷ lệ hồ sơ trực tuyến toàn trình", "Hòa Bình Xanh", [12.5, 21.4, 30.2, 38.5, 45.0]),
    ("Tỷ lệ hồ sơ trực tuyến toàn trình", "Krông Nô", [8.0, 15.2, None, 33.1, 41.7]),
    ("Tỷ lệ hồ sơ trực tuyến toàn trình", "Đắk Mil", [10.1, 14.9, 20.3, "-", 28.8]),
    ("dvc_muc_4", "huyen_3", [40, 65, 90, 120, 151]),
]
for r, (indicator, entity, values) in enumerate(rows, start=3):
    ws.cell(row=r, column=1, value=indicator)
    ws.cell(row=r, column=2, value=entity)
    ws.cell(row=r, column=3, value="bc_2024")
    for k, v in enumerate(values):
        if v is not None:
            ws.cell(row=r, column=4 + k, value=v)
ws.cell(row=3, column=len(head) + 1, value=51.3)

ws = wb["Mục tiêu"]
ws.append(["Tỷ lệ hồ sơ trực tuyến toàn trình", "Hòa Bình Xanh", 2025, "80,5", "≥", "bc_2024", "Nghị quyết của Tỉnh ủy"])
ws.append(["Tỷ lệ hồ sơ trực tuyến toàn trình", "Krông Nô", 2030, 90, "≥", "bc_2024", None])
ws.append(["dvc_muc_4", "Cư Jút", 2025, 150, "≥", "bc_2024", None])
wb.save(out)
print(out)

# A planner's own workbook (not the template): one sheet, a merged group heading "Năm" over the year
# columns, shares as percent-formatted cells (0.455 shown as 45,5 %), a "-" for a missing year.
# `chiso data import planner-wide.xlsx` makes a dataset of it (PlannerWorkbookTests).
planner = openpyxl.Workbook()
ws = planner.active
ws.title = "DVC"
ws["A1"] = "Đơn vị"
ws["B1"] = "Năm"
ws.merge_cells("A1:A2")
ws.merge_cells("B1:D1")
for k, year in enumerate([2022, 2023, 2024]):
    ws.cell(row=2, column=2 + k, value=year)
data = [("Krông Nô", [0.301, 0.382, 0.455]), ("Đắk Mil", [0.2, "-", 0.312])]
for r, (name, values) in enumerate(data, start=3):
    ws.cell(row=r, column=1, value=name)
    for k, v in enumerate(values):
        c = ws.cell(row=r, column=2 + k, value=v)
        if not isinstance(v, str):
            c.number_format = "0.0%"
planner.save(out.replace("filled-template.xlsx", "planner-wide.xlsx"))
