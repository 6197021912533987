#!/usr/bin/env python3
"""Writes a synthetic national dataset in Chiso's layout (Datasets/): sources.csv, indicators.csv,
entities.csv, observations.csv and targets.csv.

Default: 700 districts x 200 indicators x 7 years = 980,000 observations (140,000 series) under
64 provinces, with about 7,000 targets. The indicators mix shares (half of them with numerator and
denominator), counts, scores, totals with their parts (scores and counts, parent column) and a rank
of the score total (ranks column); values follow a trend with noise and are consistent (shares equal
numerator/denominator to their decimals, totals equal the sum of their parts, ranks follow the
scores), so that the dataset validates without errors. Only districts have observations.

Usage:
  python3 Tests/Benchmarks/make_national.py OUT_DIR [--districts 700] [--indicators 200]
      [--years 7] [--first-year 2018] [--targets-per-district 10] [--shuffle] [--seed 1]

Python 3 standard library only; the output is deterministic for a given seed.
"""

import argparse
import csv
import math
import os
import random


def indicator_plan(n):
    """The indicator definitions: (id, kind, unit, lower, upper, direction, measure, parent, ranks, counts)."""
    plan = []

    def add(i, kind, unit, lower, upper, direction="up", measure="flow", parent="", ranks="", counts=False):
        plan.append(dict(id=i, kind=kind, unit=unit, lower=lower, upper=upper, direction=direction,
                         measure=measure, parent=parent, ranks=ranks, counts=counts))

    # A score total with four parts and its rank (the DTI pattern).
    if n >= 6:
        add("idx_total", "score", "score", "0", "400")
        for p in range(1, 5):
            add(f"idx_part_{p}", "score", "score", "0", "100", parent="idx_total")
        add("idx_rank", "rank", "rank", "1", "", direction="down", ranks="idx_total")
    # Then a repeating mix: count totals with three parts, shares (every other with counts),
    # counts and scores, until n.
    k = 0
    while len(plan) < n:
        k += 1
        room = n - len(plan)
        if k % 5 == 1 and room >= 4:
            total = f"count_total_{k:03d}"
            add(total, "count", "count", "0", "", measure="stock")
            for p in range(1, 4):
                add(f"{total}_part_{p}", "count", "count", "0", "", measure="stock", parent=total)
        elif k % 5 in (2, 3):
            add(f"share_{k:03d}", "share", "percent", "0", "100", measure="flow" if k % 2 else "stock",
                counts=(k % 5 == 2))
        elif k % 5 == 4:
            add(f"count_{k:03d}", "count", "count", "0", "", measure="flow")
        else:
            add(f"score_{k:03d}", "score", "score", "0", "1000" if k % 2 else "100")
    return plan[:n]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--districts", type=int, default=700)
    ap.add_argument("--indicators", type=int, default=200)
    ap.add_argument("--years", type=int, default=7)
    ap.add_argument("--first-year", type=int, default=2018)
    ap.add_argument("--districts-per-province", type=int, default=11)
    ap.add_argument("--targets-per-district", type=int, default=10)
    ap.add_argument("--shuffle", action="store_true", help="write observations in random row order")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    years = list(range(a.first_year, a.first_year + a.years))
    sources = [f"nat_report_{y}" for y in years]
    plan_source = "nat_plan_2021_2025"

    def writer(name, header):
        f = open(os.path.join(a.out, name), "w", newline="", encoding="utf-8")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        return f, w

    f, w = writer("sources.csv", ["id", "title", "issuer", "document_number", "date", "file"])
    for y, s in zip(years, sources):
        w.writerow([s, f"Báo cáo chuyển đổi số năm {y} (tổng hợp)", "Bộ Thông tin và Truyền thông", f"{y}/BC-BTTTT", f"{y + 1}-03-31", ""])
    w.writerow([plan_source, "Kế hoạch chuyển đổi số giai đoạn 2021-2025", "Bộ Thông tin và Truyền thông", "1/KH-BTTTT", "2021-01-15", ""])
    f.close()

    plan = indicator_plan(a.indicators)
    for d in plan:
        if d["kind"] == "rank":
            d["upper"] = str(max(2, a.districts))
    f, w = writer("indicators.csv", ["id", "name_vi", "name_en", "unit", "kind", "lower", "upper", "direction", "measure",
                                     "parent", "ranks", "definition"])
    for d in plan:
        w.writerow([d["id"], f"Chỉ tiêu {d['id']}", f"Indicator {d['id']}", d["unit"], d["kind"], d["lower"], d["upper"],
                    d["direction"], d["measure"], d["parent"], d["ranks"], f"Synthetic {d['kind']} indicator."])
    f.close()

    provinces = max(1, math.ceil(a.districts / a.districts_per_province))
    districts = [(f"d{i:04d}", f"p{i % provinces:02d}") for i in range(a.districts)]
    f, w = writer("entities.csv", ["id", "name_vi", "name_en", "level", "parent", "aliases"])
    for p in range(provinces):
        w.writerow([f"p{p:02d}", f"tỉnh Thử {p:02d}", f"Test province {p:02d}", "province", "", f"Tỉnh Thử {p:02d}"])
    for e, p in districts:
        w.writerow([e, f"huyện Thử {e}", f"Test district {e}", "district", p, f"Huyện Thử {e}|UBND huyện Thử {e}"])
    f.close()

    # Values: series[(indicator, entity)] = list per year of (value, numerator, denominator).
    rows = []
    latest = {}
    parts_of = {}
    for d in plan:
        if d["parent"]:
            parts_of.setdefault(d["parent"], []).append(d)
    by_id = {d["id"]: d for d in plan}

    def fmt(v, decimals):
        text = f"{v:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text

    def trend(base, slope, noise, lo, hi, integer=False, decimals=2):
        out = []
        for k in range(len(years)):
            v = base + slope * k + rng.gauss(0, noise)
            if lo is not None:
                v = max(lo, v)
            if hi is not None:
                v = min(hi, v)
            out.append(float(round(v)) if integer else round(v, decimals))
        return out

    for e, _ in districts:
        values = {}
        for d in plan:
            i, kind = d["id"], d["kind"]
            if d["parent"] or kind == "rank":
                continue  # parts are drawn with their total; ranks from the scores below
            if i in parts_of:
                parts = parts_of[i]
                sums = [0.0] * len(years)
                for p in parts:
                    if kind == "score":
                        series = trend(rng.uniform(20, 70), rng.uniform(-1, 4), 2, 0, 100)
                    else:
                        series = trend(rng.lognormvariate(4, 1), rng.uniform(-2, 10), 3, 0, None, integer=True)
                    values[p["id"]] = [(v, None, None) for v in series]
                    sums = [s + v for s, v in zip(sums, series)]
                values[i] = [(round(s, 2), None, None) for s in sums]
            elif kind == "share":
                series = trend(rng.uniform(10, 80), rng.uniform(-1, 5), 2, 0, 100)
                if d["counts"]:
                    out = []
                    for v in series:
                        den = rng.randint(50, 5000)
                        num = round(v * den / 100)
                        out.append((round(100 * num / den, 2), num, den))
                    values[i] = out
                else:
                    values[i] = [(v, None, None) for v in series]
            elif kind == "count":
                series = trend(rng.lognormvariate(5, 1.2), rng.uniform(-3, 20), 5, 0, None, integer=True)
                values[i] = [(v, None, None) for v in series]
            else:
                upper = float(d["upper"])
                series = trend(rng.uniform(0.2, 0.7) * upper, rng.uniform(-0.01, 0.04) * upper, 0.02 * upper, 0, upper)
                values[i] = [(v, None, None) for v in series]
        for i, series in values.items():
            d = by_id[i]
            decimals = 0 if d["kind"] == "count" else 2
            for k, (v, num, den) in enumerate(series):
                rows.append([i, e, str(years[k]), fmt(v, decimals), "" if num is None else str(num),
                             "" if den is None else str(den), sources[k], f"synthetic table {k + 1}, row {e}", ""])
            latest[(i, e)] = series[-1][0]

    # Ranks of the score total, by year, among all districts (ties share the best rank).
    for d in plan:
        if d["kind"] != "rank":
            continue
        score = by_id[d["ranks"]]
        for k, y in enumerate(years):
            scores = sorted(((float(r[3]), r[1]) for r in rows if r[0] == score["id"] and r[2] == str(y)), reverse=True)
            rank, previous = 0, None
            for position, (s, e) in enumerate(scores, start=1):
                if s != previous:
                    rank, previous = position, s
                rows.append([d["id"], e, str(y), str(rank), "", "", sources[k], f"synthetic ranking {y}", ""])

    if a.shuffle:
        rng.shuffle(rows)
    f, w = writer("observations.csv", ["indicator", "entity", "period", "value", "numerator", "denominator", "source",
                                       "locator", "note"])
    w.writerows(rows)
    f.close()

    # Targets: per district, indicators drawn from the forecastable ones (not ranks, not parts).
    candidates = [d for d in plan if d["kind"] != "rank" and not d["parent"]]
    f, w = writer("targets.csv", ["indicator", "entity", "year", "value", "comparator", "source", "note"])
    count = 0
    for e, _ in districts:
        for d in rng.sample(candidates, min(a.targets_per_district, len(candidates))):
            last = latest.get((d["id"], e))
            if last is None:
                continue
            year = rng.choice([years[-1] + 1, 2030 if years[-1] < 2030 else years[-1] + 3])
            goal = last * rng.uniform(1.0, 1.4) + (5 if d["kind"] != "share" else 0)
            if d["upper"]:
                goal = min(goal, float(d["upper"]))
            decimals = 0 if d["kind"] == "count" else 1
            w.writerow([d["id"], e, str(year), fmt(goal, decimals), ">=", plan_source, "synthetic target"])
            count += 1
    f.close()
    print(f"{a.out}: {len(rows)} observations, {len(plan)} indicators, {provinces} provinces, "
          f"{a.districts} districts, {count} targets")


if __name__ == "__main__":
    main()
