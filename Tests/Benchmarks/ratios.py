"""Prints the ratios of `make bench`: Chiso's paths against the peers (series/s over series/s)."""
import re, sys

def rates(path):
    out = {}
    for line in open(path):
        m = re.match(r"(.+?): (\d+) series/s", line)
        if m:
            out[m.group(1)] = int(m.group(2))
    return out

chiso = rates(sys.argv[1]); peers = rates(sys.argv[2])
sm = next((v for k, v in peers.items() if k.startswith("statsmodels")), None)
npv = next((v for k, v in peers.items() if k.startswith("numpy")), None)
per = next((v for k, v in chiso.items() if k.startswith("per-series API")), None)
kernel1 = next((v for k, v in chiso.items() if k.startswith("batch kernel")), None)
batch = next((v for k, v in chiso.items() if k.startswith("batch linear")), None)
auto = next((v for k, v in chiso.items() if k.startswith("batch auto")), None)
cal = next((v for k, v in chiso.items() if k.startswith("batch calibrated")), None)
cal1 = next((v for k, v in chiso.items() if k.startswith("per-series API, calibrated")), None)
print("ratios:")
if sm and per: print(f"  per-series API / statsmodels: {per / sm:.0f}x (goal >= 100x)")
if sm and kernel1: print(f"  batch kernel, 1 thread / statsmodels: {kernel1 / sm:.0f}x")
if npv and batch: print(f"  batch linear + PI / numpy vectorised: {batch / npv:.2f} (goal >= 0.5)")
if auto: print(f"  auto + 80/95% for 1,000,000 series: {1_000_000 / auto:.2f} s (goal < 5 s)")
if cal: print(f"  calibrated default + 80/95%, batch: {cal:,} series/s (goal >= 1,000,000)")
if sm and cal1: print(f"  calibrated default, per-series API / statsmodels: {cal1 / sm:.0f}x (goal >= 100x)")
