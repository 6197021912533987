#!/usr/bin/env python3
"""Times chiso's workbook reader beside python-calamine's and openpyxl's (make bench-xlsx).

    python3 bench_readers.py DIR                  every reader, each once under /usr/bin/time -v
    python3 bench_readers.py --read READER FILE   one reader, once (what the timings run)

DIR holds planner.xlsx and planner.csv (make_workbook.py DIR) and import.xlsx (make_workbook.py DIR
--import 200000). Each line: what was read, by what, wall-clock seconds and peak resident memory
(MB), from /usr/bin/time -v, with the CPU seconds (user and system: the figure to compare on a
machine others share). The readers:
  chiso            chiso-bench --table FILE: the sheet made a table (CSVTable), every cell typed
  chiso import     chiso data import FILE --out DIR: table, series, dataset, validation, five CSV files
  calamine         python-calamine: CalamineWorkbook.from_path(FILE), first sheet .to_python()
                   (every cell a Python value, in lists of rows)
  openpyxl         openpyxl load_workbook(FILE, read_only=True), every row of the first sheet as
                   values (iter_rows(values_only=True)) into a list
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read(reader, path):
    if reader == "calamine":
        from python_calamine import CalamineWorkbook
        rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
    elif reader == "openpyxl":
        import openpyxl
        book = openpyxl.load_workbook(path, read_only=True)
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        book.close()
    else:
        raise SystemExit(f"unknown reader {reader}")
    print(f"{reader}: {len(rows)} rows, {sum(len(r) for r in rows)} cells")


def timed(label, command):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        done = subprocess.run(["/usr/bin/time", "-v", "-o", t.name] + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        report = t.read()
    if done.returncode != 0:
        print(f"{label}: failed ({done.returncode}): {done.stderr.strip()[:300]}")
        return None
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", report).group(1)
    seconds = 0.0
    for part in clock.split(":"):
        seconds = seconds * 60 + float(part)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)) / 1024
    cpu = sum(float(re.search(r"%s time \(seconds\): (\S+)" % k, report).group(1)) for k in ("User", "System"))
    print(f"{label:<44} {seconds:8.2f} s {cpu:8.2f} s {peak:8.0f} MB   {done.stdout.strip().splitlines()[-1][:60] if done.stdout.strip() else ''}")
    sys.stdout.flush()
    return seconds


def main(folder):
    bench = os.path.join(ROOT, ".build/release/chiso-bench")
    chiso = os.path.join(ROOT, ".build/release/chiso")
    planner, csv, book = (os.path.join(folder, n) for n in ("planner.xlsx", "planner.csv", "import.xlsx"))
    me = os.path.abspath(__file__)
    import python_calamine  # noqa: F401  (fails early when it is missing)
    versions = subprocess.run([sys.executable, "-m", "pip", "show", "python-calamine", "openpyxl"], capture_output=True, text=True).stdout
    print("readers: " + ", ".join(f"{n} {v}" for n, v in re.findall(r"Name: (\S+)\nVersion: (\S+)", versions)))
    print(f"{'file, reader':<44} {'wall':>10} {'CPU':>10} {'peak':>11}")
    timed("planner.xlsx (10M cells), chiso", [bench, "--table", planner])
    timed("planner.csv (same cells), chiso", [bench, "--table", csv])
    timed("planner.xlsx, python-calamine", [sys.executable, me, "--read", "calamine", planner])
    timed("planner.xlsx, openpyxl read-only", [sys.executable, me, "--read", "openpyxl", planner])
    out = tempfile.mkdtemp(prefix="chiso-bench-import-")
    try:
        ours = timed("import.xlsx (200k rows), chiso data import", [chiso, "data", "import", book, "--out", os.path.join(out, "data"), "--lang", "en"])
    finally:
        shutil.rmtree(out, ignore_errors=True)
    theirs = timed("import.xlsx, python-calamine", [sys.executable, me, "--read", "calamine", book])
    if ours and theirs:
        print(f"chiso data import / python-calamine read (wall): {ours / theirs:.2f}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--read":
        read(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        raise SystemExit(__doc__)
