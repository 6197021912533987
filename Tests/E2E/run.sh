#!/usr/bin/env bash
# End-to-end checks (make e2e): the report of the shipped data opened by real readers, and a report
# of a copy with hostile names (HTML escaping, CSV formula injection).
set -euo pipefail
cd "$(dirname "$0")/../.."
chiso=.build/release/chiso
out=$(mktemp -d)
trap 'rm -rf "${out}"' EXIT

"${chiso}" report --out "${out}/vi" > "${out}/summary.txt"
python3 Tests/E2E/check_xlsx.py "${out}/vi" Datasets
Tests/E2E/check_html.sh "${out}/vi" 4
mkdir -p .build/e2e && cp "${out}/vi/screenshot.png" .build/e2e/report-vi.png
# The page at 1400 px and on a phone (390 px), and printed to PDF: nothing overflows or is clipped,
# every chart has a legend, the PDF holds every gap-table header (screenshots in .build/e2e).
python3 Tests/E2E/check_page.py "${out}/vi" vi .build/e2e/page-vi

# Word: report.docx and gaps --format docx, turned into PDF by LibreOffice Writer; pdftotext must find
# every gap row's entity name and every column header (the page counts are printed).
"${chiso}" gaps --format csv --output "${out}/gaps.csv"
"${chiso}" gaps --format docx --output "${out}/gaps.docx"
python3 Tests/E2E/check_docx.py "${out}/gaps.csv" "${out}/vi/report.docx" "${out}/gaps.docx"
pdftoppm -png -r 60 -f 3 -l 3 "${out}/vi/report.pdf" .build/e2e/report-docx-vi

# The comparison of districts on every indicator: the planner's workbook (a province and six
# districts), its report's page at 1400 and 390 px and printed (the comparisons are on it), and
# compare --format docx through LibreOffice: every district named in the PDF, every header shown.
planner=Tests/ChisoCLITests/Fixtures/planner-province.xlsx
"${chiso}" report --data "${planner}" --out "${out}/pp" > /dev/null
python3 Tests/E2E/check_page.py "${out}/pp" vi .build/e2e/page-compare-vi 5 "thành phố Đông Hà" "thị xã Quảng Trị" "huyện Gio Linh" \
    "huyện Vĩnh Linh" "huyện Hướng Hóa" "huyện Triệu Phong" "3 đơn vị kéo tỉnh Minh Họa xa mục tiêu nhất"
for lang in vi en; do
    "${chiso}" compare --data "${planner}" --indicator online_dossiers --format csv --lang "${lang}" --output "${out}/compare-${lang}.csv"
    "${chiso}" compare --data "${planner}" --indicator online_dossiers --format docx --lang "${lang}" --output "${out}/compare-${lang}.docx"
    python3 Tests/E2E/check_docx.py "${out}/compare-${lang}.csv" "${out}/compare-${lang}.docx"
done
"${chiso}" compare --data "${planner}" --indicator online_share --format docx --output "${out}/compare-share.docx"
python3 Tests/E2E/check_docx.py "${out}/compare-vi.csv" "${out}/compare-share.docx" --expect "3 đơn vị kéo tỉnh Minh Họa xa mục tiêu nhất"
pdftoppm -png -r 60 -f 1 -l 1 "${out}/compare-share.pdf" .build/e2e/compare-docx-vi

"${chiso}" report --out "${out}/en" --lang en > /dev/null
grep -q '<html lang="en">' "${out}/en/index.html"
python3 Tests/E2E/check_xlsx.py "${out}/en" Datasets en
# chiso gaps --format xlsx: the gap sheet alone, checked against the same command's JSON.
mkdir -p "${out}/g"
"${chiso}" gaps --format xlsx --output "${out}/g/gaps.xlsx"
"${chiso}" gaps --format json --output "${out}/g/gaps.json"
python3 Tests/E2E/check_xlsx.py "${out}/g" Datasets
Tests/E2E/check_html.sh "${out}/en" 4
python3 Tests/E2E/check_page.py "${out}/en" en .build/e2e/page-en

# Hostile names: a copy of the dataset whose entity names try to inject HTML and spreadsheet formulas.
cp -r Datasets "${out}/hostile"
python3 - "${out}/hostile/entities.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.DictReader(open(path, encoding="utf-8")))
names = {"dak_song": "<script>alert('x')</script>", "dak_mil": "\"quoted\" & <b>bold</b>", "krong_no": "=cmd|' /C calc'!A0"}
for r in rows:
    if r["id"] in names: r["name_vi"] = names[r["id"]]
w = csv.DictWriter(open(path, "w", encoding="utf-8", newline=""), fieldnames=rows[0].keys(), lineterminator="\n")
w.writeheader(); w.writerows(rows)
PY
"${chiso}" report --data "${out}/hostile" --out "${out}/h" > /dev/null
Tests/E2E/check_html.sh "${out}/h" 4
grep -q "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" "${out}/h/index.html"
grep -q "'=cmd|' /C calc'!A0" "${out}/h/comparison-dti_score-2023.csv"
python3 Tests/E2E/check_xlsx.py "${out}/h" "${out}/hostile"
"${chiso}" gaps --data "${out}/hostile" --format csv --output "${out}/h-gaps.csv"
python3 Tests/E2E/check_docx.py "${out}/h-gaps.csv" "${out}/h/report.docx" --expect "<script>alert('x')</script>" --expect '"quoted" & <b>bold</b>'
# A planner's workbook: the template chiso writes today, filled by openpyxl as a planner would (with
# the English codes, and with Vietnamese words only), gives the full report and validates without
# errors; the export of the shipped data opens in openpyxl with its drop-down lists.
"${chiso}" data template --out "${out}/mau.xlsx"
python3 Tests/ChisoCLITests/Fixtures/fill_template.py "${out}/mau.xlsx" "${out}/filled-template.xlsx" > /dev/null
"${chiso}" report --data "${out}/filled-template.xlsx" --out "${out}/p" > /dev/null
grep -q "Tỷ lệ hồ sơ trực tuyến toàn trình" "${out}/p/index.html"
python3 Tests/ChisoCLITests/Fixtures/fill_template_vi.py "${out}/mau.xlsx" "${out}" > /dev/null
"${chiso}" data validate --data "${out}/filled-template-vi.xlsx" | grep -q "; 0 lỗi, 0 cảnh báo$"
"${chiso}" data export --format xlsx --out "${out}/export.xlsx"
python3 - "${out}/export.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["Hướng dẫn", "Chỉ tiêu", "Đơn vị", "Nguồn", "Số liệu", "Chi tiết số liệu", "Mục tiêu"], wb.sheetnames
assert wb["Chi tiết số liệu"].max_row == 962, wb["Chi tiết số liệu"].max_row
lists = [v.formula1 for v in wb["Chỉ tiêu"].data_validations.dataValidation]
assert '"tỷ lệ,số lượng,điểm,hạng,số tiền"' in lists, lists
PY
# The template in LibreOffice Calc: Vietnamese drop-down lists, the grey example rows, and every
# instruction printed whole (not one clipped line); its first page in .build/e2e to look at.
python3 Tests/E2E/check_template.py "${out}/mau.xlsx" .build/e2e
echo "e2e: 6 passed, 0 failed"
