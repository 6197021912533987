#!/usr/bin/env python3
"""Writes the hostile workbooks of issue 21 (items 10-13) into the folder given as argument.

Each is a small file built to take the machine or to be read two ways: a million copies of one
merged range, one <v> of 800 MB, one long shared string reused a million times, a part that
unpacks past what its ZIP directory declares, a UTF-16 part with an entity bomb, members that
collide by name, a 100 MB attribute. Also one large valid workbook (read by the signal checks).
Only the standard library (zipfile) is used.
"""
import os
import random
import struct
import sys
import zipfile

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Chỉ tiêu</t></is></c><c r="B1" t="inlineStr"><is><t>Đơn vị</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>2023</t></is></c></row>' % NS)


def skeleton(z, strings=False):
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % REL)
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, REL))
    rels = '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>' % REL
    if strings:
        rels += '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % REL
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels)


def streamed(z, name, pieces, level=9):
    """Writes a member, deflated, from an iterator of str pieces without holding it whole."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = level
    with z.open(info, "w", force_zip64=True) as f:
        for piece in pieces:
            f.write(piece.encode("utf-8") if isinstance(piece, str) else piece)


def book(path, sheet_pieces, strings=None, level=9):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        skeleton(z, strings is not None)
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="%s">%s</sst>' % (NS, strings))
        streamed(z, "xl/worksheets/sheet1.xml", sheet_pieces, level)


def repeat(text, count, batch=10000):
    block = text * batch
    for _ in range(count // batch):
        yield block
    yield text * (count % batch)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    row2 = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2" t="inlineStr"><is><t>y</t></is></c><c r="C2"><v>1</v></c></row>'
    for n, label in ((1_000_000, "1m"), (4_000_000, "4m")):
        book(os.path.join(folder, "merges-%s.xlsx" % label),
             [HEAD, row2, "</sheetData><mergeCells>", *repeat('<mergeCell ref="B2:C2"/>', n), "</mergeCells></worksheet>"])
    # One <v> of 800 MB of digits, packed just under 1000:1 (runs of nines broken by a few digits, so
    # that the ratio check lets it through and the cell's cap must stop it); the same packed past
    # 1000:1; and one 100 MB attribute.
    rng = random.Random(21)
    varied = "".join("9" * 1500 + "%06d" % rng.randrange(10**6) for _ in range(64))
    book(os.path.join(folder, "huge-v.xlsx"),
         [HEAD, '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="C2"><v>', *repeat(varied, 800_000_000 // len(varied), 10), "</v></c></row></sheetData></worksheet>"])
    book(os.path.join(folder, "huge-v-ratio.xlsx"),
         [HEAD, '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="C2"><v>', *repeat("9" * 1000, 800_000, 1000), "</v></c></row></sheetData></worksheet>"])
    # One shared string of 30,000 characters used a million times (down ten columns), and two
    # alternating down a column.
    s = "Đắk Lắk " * 3750
    cells = "".join('<c t="s"><v>0</v></c>' for _ in range(10))
    book(os.path.join(folder, "shared-reused.xlsx"),
         ['<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>' % NS,
          "<row>" + "".join('<c t="inlineStr"><is><t>h%d</t></is></c>' % k for k in range(10)) + "</row>",
          *repeat("<row>%s</row>" % cells, 100_000), "</sheetData></worksheet>"],
         strings="<si><t>%s</t></si>" % s)
    book(os.path.join(folder, "shared-alternating.xlsx"),
         ['<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>' % NS, '<row><c t="inlineStr"><is><t>h</t></is></c></row>',
          *repeat('<row><c t="s"><v>0</v></c></row><row><c t="s"><v>1</v></c></row>', 500_000), "</sheetData></worksheet>"],
         strings="<si><t>%s</t></si><si><t>%s</t></si>" % (s, s.upper()))
    # A sheet of 1 GB of blanks whose directory declares 1 KB.
    lie = os.path.join(folder, "declared-lie.xlsx")
    book(lie, [HEAD, *repeat(" " * 1000, 1_000_000, 1000), "</sheetData></worksheet>"])
    patch_declared_size(lie, "xl/worksheets/sheet1.xml", 1024)
    # UTF-16 with an entity bomb (billion laughs), and the same in UTF-8.
    laughs = '<!DOCTYPE worksheet [<!ENTITY a "lollollollollollollollollollol">' + "".join(
        '<!ENTITY %s "%s">' % (chr(98 + k), ("&%s;" % chr(97 + k)) * 10) for k in range(9)) + "]>"
    body = HEAD.replace('<?xml version="1.0" encoding="UTF-8"?>', "") + '<row r="2"><c r="A2" t="inlineStr"><is><t>&j;</t></is></c></row></sheetData></worksheet>'
    book(os.path.join(folder, "utf16-entities.xlsx"), [b"\xff\xfe" + ('<?xml version="1.0" encoding="UTF-16"?>' + laughs + body).encode("utf-16-le")])
    book(os.path.join(folder, "utf8-entities.xlsx"), ['<?xml version="1.0" encoding="UTF-8"?>' + laughs + body])
    # Two members named alike: the second sheet part differs only in case.
    with zipfile.ZipFile(os.path.join(folder, "case-collision.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        skeleton(z)
        z.writestr("xl/worksheets/sheet1.xml", HEAD + row2 + "</sheetData></worksheet>")
        z.writestr("xl/worksheets/Sheet1.xml", HEAD + "</sheetData></worksheet>")
    # One attribute of 100 MB.
    book(os.path.join(folder, "huge-attribute.xlsx"),
         [HEAD, '<row r="2"><c r="A2" x="', *repeat(varied.replace("9", "a"), 100_000_000 // len(varied), 10), '"><v>1</v></c></row></sheetData></worksheet>'])
    # A large valid workbook (2 million cells) for the signal checks.
    rows = ('<row><c t="inlineStr"><is><t>Số hồ sơ %d</t></is></c><c t="inlineStr"><is><t>Huyện %d</t></is></c><c><v>%d</v></c></row>' % (k % 50, k, k) for k in range(700_000))
    book(os.path.join(folder, "large-valid.xlsx"), [HEAD, *rows, "</sheetData></worksheet>"], level=1)


def patch_declared_size(path, name, size):
    """Sets the uncompressed size the central directory declares for `name` (ZIP64 extra too)."""
    data = bytearray(open(path, "rb").read())
    wanted = name.encode()
    p = data.rfind(b"PK\x01\x02")
    while p >= 0:
        n = struct.unpack_from("<H", data, p + 28)[0]
        if bytes(data[p + 46:p + 46 + n]) == wanted:
            if struct.unpack_from("<I", data, p + 24)[0] == 0xFFFFFFFF:
                extra = p + 46 + n
                struct.pack_into("<Q", data, extra + 4, size)  # ZIP64 extra: uncompressed size first
            else:
                struct.pack_into("<I", data, p + 24, size)
            break
        p = data.rfind(b"PK\x01\x02", 0, p)
    open(path, "wb").write(data)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".build/hostile")
