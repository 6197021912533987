"""Opens the report's XLSX with openpyxl (a real reader) and compares every cell of the gap sheet
with gaps.json: numbers must be numeric cells equal to the JSON numbers, text equal to the text.
Usage: python3 check_xlsx.py REPORT_DIR"""
import json, sys
from openpyxl import load_workbook

d = sys.argv[1]
wb = load_workbook(f"{d}/gaps.xlsx")
table = json.load(open(f"{d}/gaps.json", encoding="utf-8"))[0]
ws = wb.worksheets[0]
assert ws.freeze_panes == "A2", f"header row not frozen: {ws.freeze_panes}"
rows = list(ws.iter_rows(values_only=True))
header, body = rows[0], rows[1:]
keys = list(table["rows"][0].keys()) if table["rows"] else []
assert len(body) == len(table["rows"]), f"{len(body)} sheet rows vs {len(table['rows'])} JSON rows"
numbers = 0
for i, (cells, obj) in enumerate(zip(body, table["rows"])):
    for j, key in enumerate(keys):
        want, got = obj[key], cells[j] if j < len(cells) else None
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            assert isinstance(got, (int, float)), f"row {i + 2} {key}: {got!r} is not a number cell"
            assert got == want, f"row {i + 2} {key}: sheet {got!r} vs JSON {want!r}"
            numbers += 1
        elif want is None or want == "":
            assert got in (None, ""), f"row {i + 2} {key}: sheet {got!r} vs empty"
        else:
            assert got == want, f"row {i + 2} {key}: sheet {got!r} vs JSON {want!r}"
print(f"xlsx ok: {len(wb.worksheets)} sheets, {len(body)} rows, {numbers} numeric cells equal to gaps.json; "
      f"header '{header[0]}', Vietnamese intact: {'Đơn vị' in header or 'Entity' in header}")
