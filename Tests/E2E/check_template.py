#!/usr/bin/env python3
"""The template as a planner opens it (make e2e).

Usage: check_template.py TEMPLATE.xlsx OUT_DIR

- openpyxl: the drop-down lists hold Vietnamese words (no English code), row 2 of every data sheet
  is the grey italic example ("Ví dụ: ..."), every instruction cell wraps and its row has a height.
- LibreOffice Calc (headless) prints the workbook to PDF; pdftotext must find every word of every
  instruction, in order: an instruction shown as one clipped line loses its end. The first page is
  kept as OUT_DIR/template-instructions-1.png (pdftoppm, 60 dpi) to look at.
"""
import os
import re
import subprocess
import sys
import tempfile

import openpyxl

book, out_dir = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(book)
assert wb.sheetnames == ["Hướng dẫn", "Chỉ tiêu", "Đơn vị", "Nguồn", "Số liệu", "Chi tiết số liệu", "Mục tiêu"], wb.sheetnames

lists = [v.formula1 for v in wb["Chỉ tiêu"].data_validations.dataValidation]
assert '"tỷ lệ,số lượng,điểm,hạng,số tiền"' in lists, lists
assert '"tăng,giảm"' in lists and '"thời kỳ,thời điểm"' in lists, lists
assert [v.formula1 for v in wb["Đơn vị"].data_validations.dataValidation] == ['"tỉnh,huyện,sở/ngành"']
assert [v.formula1 for v in wb["Mục tiêu"].data_validations.dataValidation] == ['"≥,≤"']
codes = {"share", "count", "percent", "province", "district", "up", "down", "flow", "stock"}
for ws in wb.worksheets:
    for v in ws.data_validations.dataValidation:
        assert not codes & set(v.formula1.strip('"').split(",")), (ws.title, v.formula1)

for ws in wb.worksheets[1:]:
    a2 = ws["A2"]
    assert str(a2.value).startswith("Ví dụ: "), (ws.title, a2.value)
    assert a2.font.i and a2.font.color is not None and a2.font.color.rgb == "FF7F7F7F", (ws.title, a2.font)

instructions = [c.value for c in wb["Hướng dẫn"]["A"][1:] if c.value]
for cell in wb["Hướng dẫn"]["A"][1:]:
    if cell.value:
        assert cell.alignment.wrap_text, cell.coordinate
        assert wb["Hướng dẫn"].row_dimensions[cell.row].height, cell.coordinate
assert len(instructions) >= 9, instructions

with tempfile.TemporaryDirectory() as tmp:
    profile = os.path.join(tmp, "profile")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp, book],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pdf = os.path.join(tmp, os.path.splitext(os.path.basename(book))[0] + ".pdf")
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "2", pdf, "-"], check=True, capture_output=True, text=True).stdout
    os.makedirs(out_dir, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, os.path.join(out_dir, "template-instructions")], check=True)

# pdftotext joins a line broken after a hyphen without it ("2024-" / "12-20" → "202412-20"): spaces
# and hyphens are left out of the comparison.
printed = re.sub(r"[\s-]+", "", text)
missing = [line for line in instructions if re.sub(r"[\s-]+", "", line) not in printed]
assert not missing, f"instructions not printed whole: {missing}"
print(f"template: {len(lists)} drop-down lists on Chỉ tiêu, {len(instructions)} instructions printed whole")
