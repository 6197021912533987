#!/usr/bin/env python3
"""Writes a copy of indicator_corpus_2 with a `field` column for its rank panels: how many entities
were ranked in that group and year, by the README's own rule (wgi: all countries rated that year;
gdl_shdi_rank_within_country: the regions with the same first three letters; se_broadband_rank_within_county:
the municipalities with the same two digits after `swe_`). Other rows leave `field` empty.

Usage: rank_fields.py CORPUS_DIR OUT_DIR   (writes OUT_DIR/observations.csv and OUT_DIR/indicators.csv)
The copy lives in the build folder only: some panels' licences allow learning from them, not shipping them.
"""
import csv, os, shutil, sys
from collections import Counter

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
shutil.copyfile(os.path.join(src, "indicators.csv"), os.path.join(out, "indicators.csv"))
kinds = {r["indicator"]: r["kind"] for r in csv.DictReader(open(os.path.join(src, "indicators.csv"), newline=""))}

def group(indicator, geo):
    if indicator == "gdl_shdi_rank_within_country":
        return geo[:3]
    if indicator == "se_broadband_rank_within_county":
        return geo[:6]
    return "all"

rows = list(csv.DictReader(open(os.path.join(src, "observations.csv"), newline="")))
sizes = Counter((r["indicator"], group(r["indicator"], r["geo"]), r["year"]) for r in rows if kinds[r["indicator"]] == "rank")
with open(os.path.join(out, "observations.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["indicator", "geo", "year", "value", "field"])
    for r in rows:
        key = (r["indicator"], group(r["indicator"], r["geo"]), r["year"])
        w.writerow([r["indicator"], r["geo"], r["year"], r["value"], sizes[key] if kinds[r["indicator"]] == "rank" else ""])
print(f"{out}/observations.csv: {len(rows)} rows, field sizes for {sum(sizes.values())} rank rows", file=sys.stderr)
