#!/usr/bin/env python3
"""Copies workbooks into the fuzz corpus with their parts stored, not deflated (make fuzz).

A mutation of a deflated part almost never inflates, so the fuzzer seldom reaches the XML scanner
with bytes it has changed; stored parts let it change the XML itself (a name holding a byte that is
not UTF-8, a tag cut short, an entity). The theme and the document properties are left
out so that each copy fits in the fuzzer's 16384 bytes.
    Tests/Fuzz/stored_workbooks.py CORPUS_DIR WORKBOOK...
"""
import os
import sys
import zipfile

corpus = sys.argv[1]
for path in sys.argv[2:]:
    with zipfile.ZipFile(path) as source:
        out = os.path.join(corpus, "stored-" + os.path.basename(path))
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for info in source.infolist():
                if not info.filename.startswith(("docProps/", "xl/theme/")):
                    copy.writestr(info.filename, source.read(info.filename))
    if os.path.getsize(out) > 16384:
        os.remove(out)
