#!/usr/bin/env python3
"""Makes tricky.xlsx and tricky.json for Tests/IndicatorsTests/XMLScannerTests.swift: cells whose XML
takes every path of the workbook scanner, and the value each must read as, computed here from what
was written (never from Chiso's reader).

    python3 make_tricky_workbook.py        (openpyxl 3.1)

openpyxl writes sheet "Chữ" (inline strings with &amp; &lt; &gt;, quotes, xml:space="preserve",
a newline, a tab, rich-text runs, a 4-byte character; booleans; error values; dates through a
number format; percentages; numbers that need their shortest decimal). openpyxl 3.1 writes no
shared strings and no cached formula values, so the script then adds, by editing the package:
a shared-strings part (plain, escaped, rich runs with xml:space, a phonetic run left out, a
character reference, an empty string) and cells that use them; inline strings written with
character references (&#272; &#x1EAF;), CDATA, runs and a phonetic run; a shared formula and a
formula's text with cached values; a comment and a processing instruction between rows; a <v>
with spaces around it; a cell reference written with a character reference (r="B&#51;0").
"""
import datetime as dt
import json
import os
import re
import zipfile
from decimal import Decimal

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "tricky.xlsx")
expected = {}  # "B7" -> {"kind": ..., "text": ..., "number": ...}


def shown(x):
    """The shortest decimal of a number, without a trailing .0 (what a table shows)."""
    if isinstance(x, int):
        return str(x)
    return format(Decimal(repr(x)).normalize(), "f")


def expect(ref, kind, text, number=None):
    """The number as its shortest repr (a string: JSON readers may round a number's digits)."""
    expected[ref] = {"kind": kind, "text": text, "number": None if number is None else repr(float(number))}


wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Chữ"
ws.append(["Loại", "Giá trị"])
expect("A1", "text", "Loại")
expect("B1", "text", "Giá trị")
rows = [
    ("Thực thể", 'A & B < C > D "E" \'F\''),
    ("Khoảng trắng", "  đầu và cuối  "),
    ("Xuống dòng", "dòng 1\ndòng 2"),
    ("Tab", "cột\tcột"),
    ("Giàu", CellRichText([TextBlock(InlineFont(b=True), "Chuyển "), "đổi ", TextBlock(InlineFont(i=True), "số & <dữ liệu>")])),
    ("Đúng", True),
    ("Sai", False),
    ("Lỗi", "#DIV/0!"),
    ("Ngày", dt.date(2024, 2, 29)),
    ("Số", 1234.5678),
    ("Nhỏ", 1e-7),
    ("Tỷ lệ", 0.125),
    ("Lớn", 123456789012345),
    ("Âm", -0.5),
    ("Chữ số", "00123"),
    ("Bốn byte", "𝄞 Đắk Lắk"),
]
for k, (label, value) in enumerate(rows):
    r = k + 2
    ws.cell(row=r, column=1, value=label)
    ws.cell(row=r, column=2, value=value)
    expect(f"A{r}", "text", label)
    if isinstance(value, CellRichText):
        expect(f"B{r}", "text", "".join(str(block) for block in value))
    elif isinstance(value, bool):
        expect(f"B{r}", "bool", "TRUE" if value else "FALSE")
    elif isinstance(value, str) and value == "#DIV/0!":
        expect(f"B{r}", "error", value)
    elif isinstance(value, str):
        expect(f"B{r}", "text", value)
    elif isinstance(value, dt.date):
        ws.cell(row=r, column=2).number_format = "dd/mm/yyyy"
        expect(f"B{r}", "date", value.isoformat())
    elif label == "Tỷ lệ":
        ws.cell(row=r, column=2).number_format = "0.0%"
        percent = (Decimal(repr(value)) * 100).normalize()
        expect(f"B{r}", "percent", format(percent, "f") + "%", float(percent))
    else:
        expect(f"B{r}", "number", shown(value), value)
wb.save(PATH)

# The parts openpyxl does not write, added by hand. Shared strings: each <si>'s text is its <t>s
# joined, phonetic runs (<rPh>) left out.
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
shared = [
    ("<si><t>Huyện Đắk Mil</t></si>", "Huyện Đắk Mil"),
    ("<si><t>Tổng &amp; &quot;trung bình&quot; &lt;2&gt;</t></si>", 'Tổng & "trung bình" <2>'),
    ('<si><r><t>Krông</t></r><r><rPr><b/></rPr><t xml:space="preserve"> Nô </t></r>'
     '<rPh sb="0" eb="1"><t>PHIÊN ÂM</t></rPh><phoneticPr fontId="1"/></si>', "Krông Nô "),
    ("<si><t>&#272;&#x1eaf;k Song</t></si>", "Đắk Song"),
    ("<si><t/></si>", ""),
]
sst = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (
    NS, len(shared), len(shared), "".join(x for x, _ in shared))
first = len(rows) + 2
added = []  # (row, XML of its cells)
for k, (_, text) in enumerate(shared):
    r = first + k
    added.append((r, f'<c r="A{r}" t="s"><v>{k}</v></c>'))
    if text:
        expect(f"A{r}", "text", text)  # the empty shared string makes no cell
r = first + len(shared)
hand = [
    # Inline strings: character references, CDATA, runs with a phonetic run, xml:space.
    ('<c r="B{r}" t="inlineStr"><is><t>&#272;&#x1EAF;k L&#x1eaf;k &#38; &#x3C;Gia Nghĩa&#x3e;</t></is></c>', "text", "Đắk Lắk & <Gia Nghĩa>"),
    ('<c r="B{r}" t="inlineStr"><is><t><![CDATA[a < b & c ]]]]></t></is></c>', "text", "a < b & c ]]"),
    ('<c r="B{r}" t="inlineStr"><is><r><t xml:space="preserve">Cư </t></r><r><rPr><i/></rPr><t>Jút</t></r>'
     '<rPh sb="0" eb="2"><t>X</t></rPh></is></c>', "text", "Cư Jút"),
    # A shared formula and the cells that share it, with cached values; a formula's text.
    ('<c r="B{r}"><f t="shared" ref="B{r}:B{r1}" si="0">B14*2</f><v>246913578024690</v></c>', "number", "246913578024690"),
    ('<c r="B{r}"><f t="shared" si="0"/><v>-1.5E-3</v></c>', "number", "-0.0015"),
    ('<c r="B{r}" t="str"><f>A2&amp;"!"</f><v>Thực thể!</v></c>', "text", "Thực thể!"),
    # A formula without a cached value is empty; an error value; white space around a <v>.
    ('<c r="B{r}"><f>1/0</f></c><c r="C{r}" t="e"><v>#N/A</v></c>', None, None),
    ('<c r="B{r}"><v> 42 </v></c>', "number", "42"),
    # Seventeen significant digits: the shortest decimal that reads back as the double.
    ('<c r="B{r}"><v>0.30000000000000004</v></c>', "number", "0.30000000000000004"),
    # A reference written with a character reference (r="B&#51;3" when the row is 33).
    ('<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">  r viết bằng tham chiếu </t></is></c>', "text", "  r viết bằng tham chiếu "),
]
for k, (xml, kind, text) in enumerate(hand):
    row = r + k
    digits = str(row)
    ref = "B" + digits[:-1] + "&#%d;" % ord(digits[-1])
    added.append((row, xml.format(r=row, r1=row + 1, ref=ref)))
    if kind:
        number = None if kind == "text" else float(Decimal(text))
        expect(f"B{row}", kind, text, number)
    if "C{r}" in xml:
        expect(f"C{row}", "error", "#N/A")

with zipfile.ZipFile(PATH) as src:
    parts = {i.filename: src.read(i.filename) for i in src.infolist()}
sheet = parts["xl/worksheets/sheet1.xml"].decode()
# openpyxl writes numbers in its own form (1e-07): each must read back as the value written.
for k, (_, value) in enumerate(rows):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        written = re.search(r'<c r="B%d"[^>]*><v>([^<]*)</v>' % (k + 2), sheet).group(1)
        assert float(written) == value, (written, value)
cells = "".join('<row r="%d">%s</row>' % (row, xml) for row, xml in added)
# A comment and a processing instruction between the rows.
sheet = sheet.replace("</sheetData>", "<!-- thêm bằng tay - các ô dưới đây -->" + cells + '<?chiso kiểm tra?></sheetData>')
parts["xl/worksheets/sheet1.xml"] = sheet.encode()
parts["xl/sharedStrings.xml"] = sst.encode()
rels = parts["xl/_rels/workbook.xml.rels"].decode()
rels = rels.replace("</Relationships>", '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
parts["xl/_rels/workbook.xml.rels"] = rels.encode()
types = parts["[Content_Types].xml"].decode()
types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
parts["[Content_Types].xml"] = types.encode()
with zipfile.ZipFile(PATH, "w", zipfile.ZIP_DEFLATED) as dst:
    for name, data in parts.items():
        dst.writestr(name, data)

with open(os.path.join(HERE, "tricky.json"), "w", encoding="utf-8") as f:
    json.dump({"openpyxl": openpyxl.__version__, "sheet": "Chữ", "cells": expected}, f, ensure_ascii=False, indent=1, sort_keys=True)
print(f"{len(expected)} cells expected")
