#!/usr/bin/env python3
"""Fills the workbook `chiso data template` writes as a Vietnamese planner would, using only
Vietnamese words in the cells that take one of a few values, with openpyxl.

Usage (from the package root):
    .build/debug/chiso data template --out /tmp/mau.xlsx
    python3 Tests/ChisoCLITests/Fixtures/fill_template_vi.py /tmp/mau.xlsx Tests/ChisoCLITests/Fixtures

writes two workbooks into the folder:
- filled-template-vi.xlsx: Đơn vị tính "%", "hồ sơ" (a count noun), "điểm", "hạng"; Loại "tỷ lệ",
  "số lượng", "điểm", "hạng"; Chiều tốt "tăng"/"Giảm"; Cách đo "thời kỳ"/"thời điểm"; Cấp "tỉnh",
  "huyện", "Huyện", "sở/ngành"; So sánh "≥", "tối thiểu"; sources without ids, named by their titles
  in the data and target sheets; indicators and entities by their names. The template's example
  rows (row 2, "Ví dụ: …") are left as they are. It validates with no error and no warning
  (TemplateInVietnameseTests).
- filled-template-3-wrong.xlsx: the same with three wrong cells, each one a root cause of errors in
  the rows using what it defines: Loại "bình quân" (no such kind) for the share, Cấp "thôn" (no such
  level) for huyện Đắk Mil, and Mã nguồn "báo cáo 2024" (not an id) for the first report.

The numbers are made up. Cells are written by header, so the script follows the template's
columns wherever they are; rows go after the example row.
"""
import sys
import openpyxl

template, folder = sys.argv[1], sys.argv[2]

INDICATORS = [
    {"Mã chỉ tiêu": "ty_le_ho_so_truc_tuyen", "Tên chỉ tiêu": "Tỷ lệ hồ sơ trực tuyến toàn trình",
     "Đơn vị tính": "%", "Loại": "tỷ lệ", "Cận dưới": 0, "Cận trên": 100, "Chiều tốt": "tăng", "Cách đo": "thời kỳ"},
    {"Mã chỉ tiêu": "so_ho_so_truc_tuyen", "Tên chỉ tiêu": "Số hồ sơ trực tuyến",
     "Đơn vị tính": "hồ sơ", "Loại": "số lượng", "Cận dưới": 0, "Chiều tốt": "tăng", "Cách đo": "thời kỳ"},
    {"Mã chỉ tiêu": "diem_cds", "Tên chỉ tiêu": "Điểm chuyển đổi số",
     "Đơn vị tính": "điểm", "Loại": "điểm", "Cận dưới": 0, "Cận trên": 1000, "Chiều tốt": "Tăng", "Cách đo": "thời điểm"},
    {"Mã chỉ tiêu": "hang_cds", "Tên chỉ tiêu": "Xếp hạng chuyển đổi số", "Đơn vị tính": "hạng", "Loại": "hạng",
     "Cận dưới": 1, "Cận trên": 3, "Chiều tốt": "Giảm", "Cách đo": "thời điểm", "Điểm được xếp hạng": "diem_cds"},
]
ENTITIES = [
    {"Mã đơn vị": "tinh_x", "Tên đơn vị": "tỉnh Hòa Bình Xanh", "Cấp": "tỉnh", "Tên gọi khác": "Hòa Bình Xanh"},
    {"Mã đơn vị": "krong_no", "Tên đơn vị": "huyện Krông Nô", "Cấp": "huyện", "Trực thuộc": "tinh_x", "Tên gọi khác": "Krông Nô|K'rông Nô"},
    {"Mã đơn vị": "dak_mil", "Tên đơn vị": "huyện Đắk Mil", "Cấp": "Huyện", "Trực thuộc": "tinh_x", "Tên gọi khác": "Đắk Mil"},
    {"Mã đơn vị": "cu_jut", "Tên đơn vị": "huyện Cư Jút", "Cấp": "huyện", "Trực thuộc": "tinh_x", "Tên gọi khác": "Cư Jút"},
    {"Mã đơn vị": "so_tttt", "Tên đơn vị": "Sở Thông tin và Truyền thông", "Cấp": "sở/ngành", "Trực thuộc": "tinh_x"},
]
REPORT, PLAN = "Báo cáo kết quả chuyển đổi số năm 2024", "Kế hoạch chuyển đổi số giai đoạn 2021-2025"
SOURCES = [
    {"Tên văn bản": REPORT, "Số hiệu": "123/BC-UBND", "Cơ quan ban hành": "UBND tỉnh Hòa Bình Xanh", "Ngày ban hành": "2024-12-20"},
    {"Tên văn bản": PLAN, "Số hiệu": "45/KH-UBND", "Cơ quan ban hành": "UBND tỉnh Hòa Bình Xanh", "Ngày ban hành": "2021-03-15"},
]
SHARE, COUNT, SCORE, RANK = (i["Tên chỉ tiêu"] for i in INDICATORS)
# The wide sheet: indicator, entity (by name), source (by title), values for 2020-2024.
DATA = [
    (SHARE, "Hòa Bình Xanh", [12.5, 21.4, 30.2, 38.5, 45.0]),
    (SHARE, "Krông Nô", [8.0, 15.2, 22.9, 33.1, 41.7]),
    (SHARE, "Đắk Mil", [10.1, 14.9, 20.3, None, 28.8]),
    (COUNT, "Cư Jút", [1240, 2315, 3980, 5120, 7004]),
    (SCORE, "Krông Nô", [None, None, 402.5, 455.0, 512.3]),
    (SCORE, "Đắk Mil", [None, None, 380.0, 471.2, 498.0]),
    (SCORE, "Cư Jút", [None, None, 350.1, 420.0, 530.6]),
    (RANK, "Krông Nô", [None, None, 1, 2, 2]),
    (RANK, "Đắk Mil", [None, None, 2, 1, 3]),
    (RANK, "Cư Jút", [None, None, 3, 3, 1]),
]
DETAILS = [
    {"Chỉ tiêu": SHARE, "Đơn vị": "Cư Jút", "Kỳ": "Năm 2024", "Giá trị": 36.4, "Tử số": 3640, "Mẫu số": 10000,
     "Nguồn": REPORT, "Vị trí trong nguồn": "Biểu 2, dòng 7"},
]
TARGETS = [
    {"Chỉ tiêu": SHARE, "Đơn vị": "tỉnh Hòa Bình Xanh", "Năm": 2025, "Giá trị": 80, "So sánh": "≥", "Nguồn": PLAN},
    {"Chỉ tiêu": SHARE, "Đơn vị": "Krông Nô", "Năm": 2025, "Giá trị": 70, "So sánh": "tối thiểu", "Nguồn": PLAN},
    {"Chỉ tiêu": COUNT, "Đơn vị": "Cư Jút", "Năm": 2025, "Giá trị": 9000, "So sánh": "≥", "Nguồn": PLAN},
]


def header(ws):
    return {c.value: c.column for c in ws[1] if c.value is not None}


def first_free_row(ws):
    """The row after the last one with a value (the example row stays above)."""
    row = ws.max_row
    while row > 1 and all(c.value is None for c in ws[row]):
        row -= 1
    return row + 1


def put(ws, rows):
    columns = header(ws)
    start = first_free_row(ws)
    for k, row in enumerate(rows):
        for name, value in row.items():
            assert name in columns, (ws.title, name, list(columns))
            ws.cell(row=start + k, column=columns[name], value=value)


def fill(wrong):
    wb = openpyxl.load_workbook(template)
    for ws in wb.worksheets[1:]:
        assert str(ws["A2"].value).startswith("Ví dụ:"), (ws.title, ws["A2"].value)
    indicators = [dict(i) for i in INDICATORS]
    entities = [dict(e) for e in ENTITIES]
    sources = [dict(s) for s in SOURCES]
    if wrong:
        indicators[0]["Loại"] = "bình quân"
        entities[2]["Cấp"] = "thôn"
        sources[0]["Mã nguồn"] = "báo cáo 2024"
    put(wb["Chỉ tiêu"], indicators)
    put(wb["Đơn vị"], entities)
    put(wb["Nguồn"], sources)
    ws = wb["Số liệu"]
    columns = header(ws)
    years = [str(y) for y in range(2020, 2025)]
    assert all(y in columns for y in years), list(columns)
    start = first_free_row(ws)
    for k, (indicator, entity, values) in enumerate(DATA):
        ws.cell(row=start + k, column=columns["Chỉ tiêu"], value=indicator)
        ws.cell(row=start + k, column=columns["Đơn vị"], value=entity)
        ws.cell(row=start + k, column=columns["Nguồn"], value=REPORT)
        for year, v in zip(years, values):
            if v is not None:
                ws.cell(row=start + k, column=columns[year], value=v)
    put(wb["Chi tiết số liệu"], DETAILS)
    put(wb["Mục tiêu"], TARGETS)
    name = "filled-template-3-wrong.xlsx" if wrong else "filled-template-vi.xlsx"
    wb.save(f"{folder}/{name}")
    print(f"{folder}/{name}")


fill(wrong=False)
fill(wrong=True)
