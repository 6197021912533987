#!/usr/bin/env python3
"""How often a flat rank in the lower half of a field of 6-15 moved up within a year, in the rank
panels of indicator_corpus_2 (field sizes by the README's group rule, as rank_fields.py writes them):
windows of three equal ranks r (r > field/2), and the rank one year later. Prints the counts behind
PlannerCasesTests.flatRankIsARankThatHeld.

Usage: rank_fields.py CORPUS_2 DIR && flat_rank_rate.py DIR/observations.csv
"""
import csv, sys
from collections import defaultdict

series = defaultdict(dict)
for r in csv.DictReader(open(sys.argv[1], newline="")):
    if r["field"]:
        series[(r["indicator"], r["geo"])][int(r["year"])] = (float(r["value"]), float(r["field"]))
windows = to3 = up2 = 0
for d in series.values():
    for y in sorted(d):
        if all(y - k in d for k in (1, 2)) and y + 1 in d:
            ranks, field = [d[y - 2][0], d[y - 1][0], d[y][0]], d[y][1]
            if ranks[0] == ranks[1] == ranks[2] and 6 <= field <= 15 and ranks[2] > field / 2:
                windows += 1
                to3 += d[y + 1][0] <= 3
                up2 += d[y + 1][0] <= ranks[2] - 2
print(f"{windows} windows; rank <= 3 a year on: {to3} ({to3 / windows:.4f}); two places up: {up2} ({up2 / windows:.4f})")
