"""Opens the report's XLSX with openpyxl (a real reader) and checks it against gaps.json and the
dataset's indicators and observations: the sheet shows names, not ids (no column of ids beside its
names); every cell of the gap sheet holds the JSON value (a share's measured values divided by 100, as
the percentages Excel computes with); number formats by unit with the decimals the indicator's data
are written with (a share's values '0.0%' or '0.00%', its gaps and changes per year in percentage
points '#,##0.0" điểm %"' / '" pp"'; a whole count's values '#,##0' and small changes '#,##0.0'; a
target as written, '0%' for 80 %; P(meet) '0.0%', years '0'), sheet names, column widths, frozen
panes, the autofilter and a bold wrapping header on every sheet.
Usage: python3 check_xlsx.py DIR DATASET [vi|en]   (DIR holds gaps.xlsx and gaps.json)"""
import csv, json, sys
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

d, data = sys.argv[1], sys.argv[2]
lang = sys.argv[3] if len(sys.argv) > 3 else "vi"
wb = load_workbook(f"{d}/gaps.xlsx")
table = json.load(open(f"{d}/gaps.json", encoding="utf-8"))[0]
units = {r["id"]: r["unit"] for r in csv.DictReader(open(f"{data}/indicators.csv", encoding="utf-8"))}


def written(v):
    """The fewest decimals (at most 2) that write v exactly."""
    for d in range(2):
        if abs(v * 10 ** d - round(v * 10 ** d)) <= 1e-9 * max(1, abs(v * 10 ** d)):
            return d
    return 2


# The decimals of each indicator's values: as its data are written (at most 2), shares and scores at
# least one, ranks and amounts none (Reporting's ValueStyle).
data_decimals = {}
for r in csv.DictReader(open(f"{data}/observations.csv", encoding="utf-8")):
    data_decimals[r["indicator"]] = max(data_decimals.get(r["indicator"], 0), written(float(r["value"])))
def decimals(indicator):
    d, unit = data_decimals.get(indicator, 0), units[indicator]
    return max(1, d) if unit in ("percent", "score") else d if unit == "count" else 0
def grouped(d):
    return "#,##0" + ("." + "0" * d if d else "")

# Sheet names: short, unique, within Excel's 31 characters and without its forbidden characters.
names = {"vi": ["Khoảng cách mục tiêu", "Dự báo", "Theo chỉ tiêu", "Theo đơn vị", "So sánh DTI 2023", "So sánh tỷ lệ hồ sơ trực tuyến"],
         "en": ["Gap to target", "Projections", "By indicator", "By entity", "Compare DTI 2023", "Compare online application"]}[lang]
# The four tables, then a sheet per comparison: each indicator's entities by level ("Huyện - …",
# "Sở - …"), and the DTI's totals and parts and the campaign's two windows among them.
if len(wb.sheetnames) > 1:
    assert wb.sheetnames[:4] == names[:4], f"sheet names {wb.sheetnames[:4]} vs {names[:4]}"
    assert all(n in wb.sheetnames for n in names[4:]), f"sheet names {wb.sheetnames} lack {names[4:]}"
    levels = ("Huyện - ", "Sở - ") if lang == "vi" else ("Districts - ", "Depts - ")
    others = [n for n in wb.sheetnames[4:] if n not in names[4:]]
    assert others and all(n.startswith(levels) for n in others), f"comparison sheets {others}"
else:
    assert wb.sheetnames == names[:1], f"sheet names {wb.sheetnames} vs {names[:1]}"
assert len({n.lower() for n in wb.sheetnames}) == len(wb.sheetnames), "sheet names not unique"
assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in wb.sheetnames), wb.sheetnames

# Every sheet: widths on every column (8-50 characters), header and id/name columns frozen, an
# autofilter over the table, a bold header that wraps.
# (A comparison of entities keeps the parent's name and the entity's in view.)
entity_sheets = ("Huyện - ", "Sở - ", "Districts - ", "Depts - ")
for k, ws in enumerate(wb.worksheets):
    pane = "C2" if k < 2 or ws.title.startswith(entity_sheets) else "B2"
    assert ws.freeze_panes == pane, f"{ws.title}: freeze_panes {ws.freeze_panes} vs {pane}"
    assert ws.auto_filter.ref == ws.dimensions, f"{ws.title}: auto_filter {ws.auto_filter.ref} vs {ws.dimensions}"
    for j in range(1, ws.max_column + 1):
        letter = get_column_letter(j)
        width = ws.column_dimensions[letter].width
        assert ws.column_dimensions[letter].customWidth and 8 <= width <= 50, f"{ws.title}!{letter}: width {width}"
        header = ws.cell(row=1, column=j)
        assert header.font.b and header.alignment.wrap_text, f"{ws.title}!{letter}1: header not bold and wrapping"

ws = wb.worksheets[0]
rows = list(ws.iter_rows(values_only=True))
header, body = rows[0], rows[1:]
# The sheet's columns: the JSON's but a column of ids whose names the next column holds.
all_keys = list(table["rows"][0].keys()) if table["rows"] else []
keys = [k for k in all_keys if k + "_name" not in all_keys]
assert not {"indicator", "entity", "target_source"} & set(keys), keys
assert len(header) == len(keys), f"{len(header)} sheet columns vs {len(keys)}"
assert len(body) == len(table["rows"]), f"{len(body)} sheet rows vs {len(table['rows'])} JSON rows"
# Columns in the row's indicator unit: a share's are stored as fractions of 1.
values = {"latest_value", "target_value", "projection", "lower_80", "upper_80", "lower_95", "upper_95"}
differences = {"gap", "achieved_change_per_year", "required_change_per_year", "projected_change_per_year"}
points = '" điểm %"' if lang == "vi" else '" pp"'
formats = {"p_meet": "0.0%", "relative_gap": "0.0%", "n": "#,##0", "target_year": "0", "crossing_year": "0",
           "progress_ratio": "#,##0.00"}
numbers, seen = 0, {"share": None, "count": None, "p_meet": None, "n": None}
for i, (cells, obj) in enumerate(zip(body, table["rows"])):
    share = units[obj["indicator"]] == "percent"
    d = decimals(obj["indicator"])
    for j, key in enumerate(keys):
        want, got = obj[key], cells[j] if j < len(cells) else None
        cell = ws.cell(row=i + 2, column=j + 1)
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            assert isinstance(got, (int, float)), f"row {i + 2} {key}: {got!r} is not a number cell"
            if key in values or key in differences:
                k = min(d, written(want)) if key == "target_value" else d
                if key.endswith("_per_year"):
                    k = max(1, d) if share or abs(want) < 10 else d
                if share:
                    want_fmt = ("0." + "0" * k if k else "0") + "%" if key in values else grouped(k) + points
                else:
                    want_fmt = grouped(k)
                assert cell.number_format == want_fmt, f"{cell.coordinate} {key}: format {cell.number_format!r} vs {want_fmt!r}"
                if share and key in values: want = want / 100
            else:
                assert cell.number_format == formats.get(key, cell.number_format), f"{cell.coordinate} {key}: {cell.number_format!r}"
            assert got == want, f"row {i + 2} {key}: sheet {got!r} vs JSON {want!r}"
            numbers += 1
            kind = ("share" if share else "count" if units[obj["indicator"]] == "count" else "other") if key == "latest_value" else key
            if kind in ("share", "count", "other", "p_meet", "n") and seen.get(kind) is None: seen[kind] = cell
        elif want is None or want == "":
            assert got in (None, ""), f"row {i + 2} {key}: sheet {got!r} vs empty"
        else:
            assert got == want, f"row {i + 2} {key}: sheet {got!r} vs JSON {want!r}"
assert all(seen[k] is not None for k in ("share", "p_meet", "n")), seen
assert seen["share"].number_format in ("0.0%", "0.00%") and seen["p_meet"].number_format == "0.0%" and seen["n"].number_format == "#,##0"
shown = ", ".join(f"{k} {c.coordinate}={c.value!r} '{c.number_format}'" for k, c in seen.items() if c is not None)
print(f"xlsx ok ({lang}): {len(wb.worksheets)} sheets {wb.sheetnames}, {len(body)} rows, {numbers} numeric cells equal to gaps.json "
      f"(shares / 100); {shown}; panes {[w.freeze_panes for w in wb.worksheets]}; autofilter {ws.auto_filter.ref}; "
      f"widths {[ws.column_dimensions[get_column_letter(j)].width for j in range(1, 6)]}...; header '{header[0]}'")
