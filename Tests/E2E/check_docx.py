#!/usr/bin/env python3
"""Word documents opened by a real reader: LibreOffice Writer turns each into PDF (headless), pdftotext
reads the PDF back, and every target row's entity name and every column header shown must be in it.

Usage: check_docx.py GAPS_CSV DOCX... [--expect TEXT]...

GAPS_CSV is `chiso gaps --format csv` (or `chiso compare --format csv` of one table) of the same data and language: its rows name the entities, its
header the columns (the Word tables leave out the id columns beside the name columns, and say the model
once in a note under the table). Each --expect
TEXT must be in every document. The PDFs land beside the documents; the page count of each is printed.
"""
import csv
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from xml.etree import ElementTree

# Columns the Word tables leave out: ids beside their names (the target's source is named by the
# document that set it), and the model, the same on every row, said once in a note under the table.
ID_COLUMNS = {"Chỉ tiêu", "Đơn vị", "Nguồn mục tiêu", "Indicator", "Entity", "Target source", "Đơn vị cấp trên", "Parent"}
SAID_ONCE = {"Mô hình": "Mọi dự báo trong bảng theo cùng một phương pháp", "Model": "Every projection in the table uses the same method",
             # A comparison of one province's districts names the province once, under the table.
             "Thuộc": "Các đơn vị thuộc", "Part of": "Entities of"}


def text_of(pdf):
    # -raw keeps the content stream's order: a cell's wrapped lines stay together.
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


def chart_titles(doc):
    """The titles of the document's native charts (word/charts/chartN.xml), in part order."""
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    titles = []
    with zipfile.ZipFile(doc) as z:
        for name in sorted((n for n in z.namelist() if n.startswith("word/charts/")), key=lambda n: (len(n), n)):
            root = ElementTree.fromstring(z.read(name))
            title = root.find(f"{c}chart/{c}title")
            titles.append("".join(t.text or "" for t in title.iter(f"{a}t")) if title is not None else "")
    return titles


def main(argv):
    expect, args = [], []
    it = iter(argv)
    for a in it:
        if a == "--expect":
            expect.append(next(it))
        else:
            args.append(a)
    gaps_csv, documents = args[0], args[1:]
    with open(gaps_csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    name_column = next(i for i, h in enumerate(header) if h in ("Tên đơn vị", "Entity name"))
    names = sorted({r[name_column] for r in body})
    headers = [h for h in header if h not in ID_COLUMNS and h not in SAID_ONCE]
    notes = [SAID_ONCE[h] for h in header if h in SAID_ONCE]
    assert body and names, f"{gaps_csv}: no gap rows"

    with tempfile.TemporaryDirectory() as profile:
        for doc in documents:
            outdir = os.path.dirname(os.path.abspath(doc))
            # A profile of its own: no clash with a LibreOffice the user has open.
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", outdir, doc], check=True, capture_output=True, timeout=180)
            pdf = os.path.splitext(os.path.abspath(doc))[0] + ".pdf"
            assert os.path.exists(pdf), f"{doc}: LibreOffice wrote no PDF"
            info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
            pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
            size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
            width, height = float(size.group(1)), float(size.group(2))
            assert abs(width - 841.89) < 1 and abs(height - 595.28) < 1, f"{doc}: page {width} x {height} pt is not A4 landscape"
            text = text_of(pdf)
            # Each name at least as often as gap rows name it (a report also names entities elsewhere).
            missing = [n for n in names if text.count(n) < sum(r[name_column] == n for r in body)]
            assert not missing, f"{doc}: entity names missing from the PDF text (or on fewer rows): {missing}"
            missing = [h for h in headers if h not in text]
            assert not missing, f"{doc}: column headers missing from the PDF text: {missing}"
            missing = [n for n in notes if n not in text]
            assert not missing, f"{doc}: the note saying the model once is missing: {missing}"
            missing = [e for e in expect if e not in text]
            assert not missing, f"{doc}: missing from the PDF text: {missing}"
            # The charts: LibreOffice draws each (its title is in the PDF's text), and a report has some.
            # (Compared without spaces: pdftotext drops some between a chart's words.)
            titles, bare = chart_titles(doc), re.sub(r"\s+", "", text)
            missing = [t for t in titles if re.sub(r"\s+", "", t) not in bare]
            assert not missing, f"{doc}: charts not drawn by LibreOffice (titles missing from the PDF): {missing[:3]}"
            if os.path.basename(doc) == "report.docx":
                assert titles, f"{doc}: a report without charts"
            print(f"{os.path.basename(doc)}: {pages} pages, A4 landscape, {len(body)} gap rows ({len(names)} entities), {len(headers)} headers, "
                  f"{len(titles)} charts")


if __name__ == "__main__":
    main(sys.argv[1:])
