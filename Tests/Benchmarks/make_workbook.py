#!/usr/bin/env python3
"""Writes a large planner workbook for `make bench-xlsx` and the same table as CSV.

    python3 make_workbook.py OUT_DIR [ROWS]

A long table (indicator, district and province names in Vietnamese, period, value, numerator,
denominator, targets for 2025 and 2030, source document, note) of ROWS rows (default 1,000,000, within
Excel's 1,048,576 rows: about 50 MB as .xlsx) in one sheet, written with
openpyxl's write-only mode (openpyxl 3.1 writes text as inline strings, not shared strings), and
OUT_DIR/planner.csv with the same cells. Seeded: the same files every time.
"""
import csv
import os
import random
import sys

import openpyxl

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
os.makedirs(out, exist_ok=True)
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
