"""Peers for `make bench`: the same synthetic series through statsmodels (per series) and numpy
(vectorised closed-form OLS + 95 % prediction interval over all series at once).

Usage: python3 bench_peers.py DIR [STATSMODELS_SERIES]
DIR holds times.f64, values.f64, offsets.f64 written by `chiso-bench N --write DIR`.
Prints one line per peer: "name: S series/s (T s for N series)".
"""
import sys, time
import numpy as np
from scipy import stats

d = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
t_all = np.fromfile(f"{d}/times.f64"); y_all = np.fromfile(f"{d}/values.f64")
off = np.fromfile(f"{d}/offsets.f64").astype(np.int64)
count = len(off) - 1
h = 2026.5

def report(name, n, seconds):
    print(f"{name}: {int(n / seconds)} series/s ({seconds:.3f} s for {n} series)")

try:
    import statsmodels.api as sm
    start = time.perf_counter()
    for i in range(min(limit, count)):
        t = t_all[off[i]:off[i + 1]]; y = y_all[off[i]:off[i + 1]]
        fit = sm.OLS(y, sm.add_constant(t)).fit()
        frame = fit.get_prediction(np.array([[1.0, h]])).summary_frame(alpha=0.05)
        _ = frame["obs_ci_upper"].iloc[0]
    report("statsmodels OLS + get_prediction, 1 process", min(limit, count), time.perf_counter() - start)
except ImportError:
    print("statsmodels: not installed (pip install statsmodels)")

def numpy_batch():
    lengths = np.diff(off)
    out = np.empty(count)
    for n in np.unique(lengths):
        idx = np.nonzero(lengths == n)[0]
        cols = off[idx][:, None] + np.arange(n)[None, :]
        t = t_all[cols]; y = y_all[cols]
        tb = t.mean(1, keepdims=True); yb = y.mean(1, keepdims=True)
        dt = t - tb
        sxx = (dt * dt).sum(1); b = (dt * (y - yb)).sum(1) / sxx
        r = y - yb - b[:, None] * dt
        s2 = (r * r).sum(1) / (n - 2)
        x = h - tb[:, 0]
        se = np.sqrt(s2 * (1 + 1 / n + x * x / sxx))
        q = stats.t.ppf(0.975, n - 2)
        out[idx] = yb[:, 0] + b * x + q * se
    return out

numpy_batch()
best = min((lambda: (lambda s: (numpy_batch(), time.perf_counter() - s)[1])(time.perf_counter()))() for _ in range(3))
report("numpy vectorised OLS + 95% PI", count, best)
