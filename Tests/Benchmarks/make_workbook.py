#!/usr/bin/env python3
"""Writes a large planner workbook for `make bench-xlsx` and the same table as CSV.

    python3 make_workbook.py OUT_DIR [ROWS] [--import IMPORT_ROWS]

A long table (indicator, district and province names in Vietnamese, period, value, numerator,
denominator, targets for 2025 and 2030, source document, note) of ROWS rows (default 1,000,000, within
Excel's 1,048,576 rows: about 50 MB as .xlsx) in one sheet, written with
openpyxl's write-only mode (openpyxl 3.1 writes text as inline strings, not shared strings), and
OUT_DIR/planner.csv with the same cells. Seeded: the same files every time.

With --import, OUT_DIR/import.xlsx instead: a long planner table for `chiso data import` of
IMPORT_ROWS rows (indicator, district, year, value, note: 20 indicators, ten shares in percent with
two decimals and ten counts, over ten years, for as many districts as the rows need; each series a
gentle random walk, so that the validator's jump checks stay quiet as on real data).
"""
import csv
import os
import random
import sys

import openpyxl

args = sys.argv[1:]
import_rows = None
if "--import" in args:
    k = args.index("--import")
    import_rows = int(args[k + 1])
    del args[k:k + 2]
out = args[0]
rows = int(args[1]) if len(args) > 1 else 1_000_000
os.makedirs(out, exist_ok=True)

if import_rows is not None:
    rng = random.Random(20261207)
    shares = [f"Tỷ lệ hồ sơ trực tuyến toàn trình – lĩnh vực {k + 1}" for k in range(10)]
    counts = [f"Số hồ sơ tiếp nhận – lĩnh vực {k + 1}" for k in range(10)]
    provinces = ["Đắk Nông", "Đắk Lắk", "Lâm Đồng", "Gia Lai", "Kon Tum", "Khánh Hòa", "Bình Phước"]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Số liệu")
    ws.append(["Chỉ tiêu", "Đơn vị", "Năm", "Giá trị", "Ghi chú"])
    written = 0
    district = 0
    while written < import_rows:
        name = f"{provinces[district % len(provinces)]} – xã Krông {district + 1}"
        for indicator in shares + counts:
            value = rng.uniform(20, 80) if indicator in shares else rng.randint(500, 5000)
            for year in range(2015, 2025):
                if written == import_rows:
                    break
                if indicator in shares:
                    value = min(100.0, max(0.0, value + rng.uniform(-2, 4)))
                    cell = round(value, 2)
                else:
                    value = max(1, int(value * rng.uniform(0.97, 1.08)))
                    cell = value
                ws.append([indicator, name, year, cell, "ước tính" if rng.random() < 0.1 else ""])
                written += 1
        district += 1
    wb.save(os.path.join(out, "import.xlsx"))
    print(f"{import_rows} rows: {os.path.getsize(os.path.join(out, 'import.xlsx')) / 1e6:.1f} MB xlsx ({district} districts)")
    sys.exit(0)

rng = random.Random(20261130)
provinces = ["Đắk Nông", "Đắk Lắk", "Lâm Đồng", "Gia Lai", "Kon Tum", "Khánh Hòa", "Bình Phước"]
districts = [f"{p} – huyện {n}" for p in provinces for n in ("Krông Nô", "Đắk Mil", "Cư Jút", "Tuy Đức", "Đắk Song", "Đắk Glong", "Đắk R'Lấp", "Gia Nghĩa")]
indicators = ["Tỷ lệ hồ sơ trực tuyến toàn trình", "Tỷ lệ thanh toán trực tuyến", "Tỷ lệ hộ gia đình có cáp quang",
              "Số thuê bao di động 4G", "Chỉ số chuyển đổi số (DTI)", "Tỷ lệ dân số trưởng thành có điện thoại thông minh"]
header = ["Chỉ tiêu", "Đơn vị hành chính", "Kỳ", "Giá trị", "Tử số", "Mẫu số", "Mục tiêu 2025", "Mục tiêu 2030",
          "Nguồn", "Ghi chú"]
notes = ["", "ước tính", "số liệu sơ bộ", "", "đã rà soát"]

wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Dữ liệu")
ws.append(header)
with open(os.path.join(out, "planner.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(header)
    for k in range(rows):
        denominator = rng.randint(200, 50_000)
        numerator = rng.randint(0, denominator)
        value = round(100 * numerator / denominator, 2)
        row = [indicators[k % len(indicators)], districts[(k // len(indicators)) % len(districts)],
               2015 + (k // (len(indicators) * len(districts))) % 10, value, numerator, denominator,
               rng.choice([80, 85, 90, 95]), 100, f"Báo cáo số {rng.randint(1, 400)}/BC-UBND", notes[k % len(notes)]]
        ws.append(row)
        w.writerow(row)
wb.save(os.path.join(out, "planner.xlsx"))
print(f"{rows} rows, {rows * len(header)} cells: {os.path.getsize(os.path.join(out, 'planner.xlsx')) / 1e6:.1f} MB xlsx, "
      f"{os.path.getsize(os.path.join(out, 'planner.csv')) / 1e6:.1f} MB csv")
