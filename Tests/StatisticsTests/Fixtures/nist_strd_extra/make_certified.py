#!/usr/bin/env python3
"""Recompute certified values for the NIST StRD Filip and Wampler1..5 fixtures.

Reads NAME.csv (header `y,x,x2,...`) from this directory, fits y on an intercept plus
all predictor columns by least squares in exact rational arithmetic (fractions.Fraction,
normal equations solved exactly by Gauss-Jordan elimination), and writes

  certified.json      -- same layout as /work/shared/reference/nist_strd/certified.json,
                         every value rounded to 15 significant digits;
  nist_published.json -- NIST's own certified values as printed in the .dat headers
                         (decimal strings, verbatim).

It then asserts that the recomputed values agree with NIST's published ones to at least
MIN_DIGITS significant digits (LRE, see README.md); where NIST certifies 0 (Wampler1/2
standard errors, residual SD, residual SS/MS) it asserts |recomputed| <= ZERO_TOL.
Exits non-zero on any disagreement.  Standard library only.
"""

import csv
import json
import math
import sys
from decimal import Decimal, getcontext, ROUND_HALF_EVEN
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
getcontext().prec = 80
getcontext().rounding = ROUND_HALF_EVEN
MIN_DIGITS = 12
ZERO_TOL = Decimal("1e-12")
LRE_CAP = 15

DATASETS = ["Filip", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]

# --------------------------------------------------------------------------------------
# NIST certified values, transcribed verbatim (as decimal strings) from the headers of
# Filip.dat and Wampler1.dat .. Wampler5.dat (see README.md for where each came from).
# Order of coefficients: B0 (intercept), B1 (x), B2 (x**2), ...
# --------------------------------------------------------------------------------------
ONES6 = ["1.00000000000000"] * 6
ZEROS6 = ["0.000000000000000"] * 6
PUBLISHED = {
    "Filip": {
        "estimates": ["-1467.48961422980", "-2772.17959193342", "-2316.37108160893",
                      "-1127.97394098372", "-354.478233703349", "-75.1242017393757",
                      "-10.8753180355343", "-1.06221498588947", "-0.670191154593408E-01",
                      "-0.246781078275479E-02", "-0.402962525080404E-04"],
        "std_devs": ["298.084530995537", "559.779865474950", "466.477572127796",
                     "227.204274477751", "71.6478660875927", "15.2897178747400",
                     "2.23691159816033", "0.221624321934227", "0.142363763154724E-01",
                     "0.535617408889821E-03", "0.896632837373868E-05"],
        "residual_sd": "0.334801051324544E-02",
        "r_squared": "0.996727416185620",
        "anova": {"regression_df": 10, "regression_ss": "0.242391619837339",
                  "regression_ms": "0.242391619837339E-01", "f_statistic": "2162.43954511489",
                  "residual_df": 71, "residual_ss": "0.795851382172941E-03",
                  "residual_ms": "0.112091743968020E-04"},
    },
    "Wampler1": {
        "estimates": ONES6,
        "std_devs": ZEROS6,
        "residual_sd": "0.000000000000000",
        "r_squared": "1.00000000000000",
        "anova": {"regression_df": 5, "regression_ss": "18814317208116.7",
                  "regression_ms": "3762863441623.33", "f_statistic": "Infinity",
                  "residual_df": 15, "residual_ss": "0.000000000000000",
                  "residual_ms": "0.000000000000000"},
    },
    "Wampler2": {
        "estimates": ["1.00000000000000", "0.100000000000000", "0.100000000000000E-01",
                      "0.100000000000000E-02", "0.100000000000000E-03", "0.100000000000000E-04"],
        "std_devs": ZEROS6,
        "residual_sd": "0.000000000000000",
        "r_squared": "1.00000000000000",
        "anova": {"regression_df": 5, "regression_ss": "6602.91858365167",
                  "regression_ms": "1320.58371673033", "f_statistic": "Infinity",
                  "residual_df": 15, "residual_ss": "0.000000000000000",
                  "residual_ms": "0.000000000000000"},
    },
    "Wampler3": {
        "estimates": ONES6,
        "std_devs": ["2152.32624678170", "2363.55173469681", "779.343524331583",
                     "101.475507550350", "5.64566512170752", "0.112324854679312"],
        "residual_sd": "2360.14502379268",
        "r_squared": "0.999995559025820",
        "anova": {"regression_df": 5, "regression_ss": "18814317208116.7",
                  "regression_ms": "3762863441623.33", "f_statistic": "675524.458240122",
                  "residual_df": 15, "residual_ss": "83554268.0000000",
                  "residual_ms": "5570284.53333333"},
    },
    "Wampler4": {
        "estimates": ONES6,
        "std_devs": ["215232.624678170", "236355.173469681", "77934.3524331583",
                     "10147.5507550350", "564.566512170752", "11.2324854679312"],
        "residual_sd": "236014.502379268",
        "r_squared": "0.957478440825662",
        "anova": {"regression_df": 5, "regression_ss": "18814317208116.7",
                  "regression_ms": "3762863441623.33", "f_statistic": "67.5524458240122",
                  "residual_df": 15, "residual_ss": "835542680000.000",
                  "residual_ms": "55702845333.3333"},
    },
    "Wampler5": {
        "estimates": ONES6,
        "std_devs": ["21523262.4678170", "23635517.3469681", "7793435.24331583",
                     "1014755.07550350", "56456.6512170752", "1123.24854679312"],
        "residual_sd": "23601450.2379268",
        "r_squared": "0.224668921574940E-02",
        "anova": {"regression_df": 5, "regression_ss": "18814317208116.7",
                  "regression_ms": "3762863441623.33", "f_statistic": "6.7552445824012241E-03",
                  "residual_df": 15, "residual_ss": "0.835542680000000E+16",
                  "residual_ms": "557028453333333"},
    },
}


# --------------------------------------------------------------------------------------
# Exact least squares
# --------------------------------------------------------------------------------------
def read_csv(name):
    with open(HERE / f"{name}.csv", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    assert header[0] == "y", header
    data = [[Fraction(v) for v in r] for r in body]
    return header[1:], [r[0] for r in data], [r[1:] for r in data]


def check_powers(name, predictors, X):
    """Polynomial columns must be exact powers of x (x2 = x^2, ...)."""
    assert predictors[0] == "x", predictors
    for k, col in enumerate(predictors[1:], start=2):
        assert col == f"x{k}", (name, col)
    for i, row in enumerate(X):
        for k in range(2, len(row) + 1):
            assert row[k - 1] == row[0] ** k, (name, i, k)


def invert(A):
    """Exact inverse of a square Fraction matrix by Gauss-Jordan elimination."""
    n = len(A)
    M = [list(A[i]) + [Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    for c in range(n):
        p = next(r for r in range(c, n) if M[r][c] != 0)  # raises if singular
        M[c], M[p] = M[p], M[c]
        piv = M[c][c]
        M[c] = [v / piv for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return [row[n:] for row in M]


def dec(q):
    """Fraction -> Decimal at the working precision (80 digits)."""
    return Decimal(q.numerator) / Decimal(q.denominator)


def fit(name):
    predictors, y, X = read_csv(name)
    check_powers(name, predictors, X)
    n = len(y)
    D = [[Fraction(1)] + row for row in X]          # design with intercept column
    p = len(D[0])
    XtX = [[sum(D[i][a] * D[i][b] for i in range(n)) for b in range(p)] for a in range(p)]
    Xty = [sum(D[i][a] * y[i] for i in range(n)) for a in range(p)]
    inv = invert(XtX)
    beta = [sum(inv[a][b] * Xty[b] for b in range(p)) for a in range(p)]
    resid = [y[i] - sum(D[i][a] * beta[a] for a in range(p)) for i in range(n)]
    # exactness check of the normal equations: X'r == 0
    assert all(sum(D[i][a] * resid[i] for i in range(n)) == 0 for a in range(p)), name
    rss = sum(r * r for r in resid)
    ybar = sum(y) / n
    tss = sum((v - ybar) ** 2 for v in y)
    df_res = n - p
    df_reg = p - 1
    s2 = rss / df_res
    reg_ss = tss - rss
    return {
        "n": n, "p": p, "predictors": predictors,
        "beta": [dec(b) for b in beta],
        "se": [dec(s2 * inv[j][j]).sqrt() for j in range(p)],
        "sigma": dec(s2).sqrt(),
        "r2": dec(1 - rss / tss),
        "df_reg": df_reg, "df_res": df_res,
        "reg_ss": dec(reg_ss), "reg_ms": dec(reg_ss / df_reg),
        "rss": dec(rss), "rms": dec(s2),
        "f": None if rss == 0 else dec((reg_ss / df_reg) / s2),
        "rss_exact_zero": rss == 0,
    }


# --------------------------------------------------------------------------------------
# Comparison with NIST
# --------------------------------------------------------------------------------------
def lre(value, certified):
    """Number of agreeing significant digits (log relative error), uncapped; inf if equal."""
    if certified == 0:
        return math.inf if value == 0 else float(-(abs(value).log10()))
    if value == certified:
        return math.inf
    return float(-((abs(value - certified) / abs(certified)).log10()))


def r15(d):
    """Round a Decimal to 15 significant digits and return it as a Python float."""
    if d == 0:
        return 0.0
    return float(d.quantize(Decimal(1).scaleb(d.adjusted() - 14), rounding=ROUND_HALF_EVEN))


def compare(name, res, pub, failures):
    items = []  # (label, recomputed Decimal or None, published string)
    for j, (b, s) in enumerate(zip(pub["estimates"], pub["std_devs"])):
        items.append((f"B{j}", res["beta"][j], b))
        items.append((f"SD(B{j})", res["se"][j], s))
    items += [("residual SD", res["sigma"], pub["residual_sd"]),
              ("R-squared", res["r2"], pub["r_squared"])]
    a = pub["anova"]
    if a["regression_df"] != res["df_reg"] or a["residual_df"] != res["df_res"]:
        failures.append(f"{name}: degrees of freedom differ")
    items += [("regression SS", res["reg_ss"], a["regression_ss"]),
              ("regression MS", res["reg_ms"], a["regression_ms"]),
              ("residual SS", res["rss"], a["residual_ss"]),
              ("residual MS", res["rms"], a["residual_ms"]),
              ("F statistic", res["f"], a["f_statistic"])]
    worst = math.inf
    zero_checks = []
    for label, got, cert in items:
        if cert == "Infinity":
            if not res["rss_exact_zero"]:
                failures.append(f"{name} {label}: NIST says Infinity but RSS != 0")
            continue
        c = Decimal(cert)
        if c == 0:
            zero_checks.append(abs(got))
            if abs(got) > ZERO_TOL:
                failures.append(f"{name} {label}: certified 0, recomputed {got:.6e}")
            continue
        d = lre(got, c)
        worst = min(worst, d)
        if d < MIN_DIGITS:
            failures.append(f"{name} {label}: recomputed {got:.20e} vs NIST {cert} "
                            f"({d:.2f} digits)")
    return worst, zero_checks


def main():
    certified, published, failures = {}, {}, []
    print(f"{'dataset':10s} {'min agreeing digits (LRE)':>26s}   zero-certified values")
    for name in DATASETS:
        res = fit(name)
        pub = PUBLISHED[name]
        assert len(pub["estimates"]) == res["p"], name
        worst, zeros = compare(name, res, pub, failures)
        zinfo = (f"{len(zeros)} values, max |recomputed| = {max(zeros)}" if zeros else "-")
        wtxt = "exact" if worst == math.inf else f"{worst:.2f}"
        print(f"{name:10s} {wtxt:>26s}   {zinfo}")

        names = ["(Intercept)"] + res["predictors"]
        certified[name] = {
            "n": res["n"],
            "df_residual": res["df_res"],
            "intercept": True,
            "coefficients": [{"name": nm, "estimate": r15(b), "std_error": r15(s)}
                             for nm, b, s in zip(names, res["beta"], res["se"])],
            "residual_std_error": r15(res["sigma"]),
            "r_squared": r15(res["r2"]),
            "anova": {
                "regression_df": res["df_reg"],
                "regression_ss": r15(res["reg_ss"]),
                "residual_df": res["df_res"],
                "residual_ss": r15(res["rss"]),
                # exact fit (RSS == 0, Wampler1/2): F is infinite; JSON has no infinity
                "f_statistic": None if res["f"] is None else r15(res["f"]),
            },
            "predictors": res["predictors"],
            "file": f"{name}.csv",
        }
        published[name] = {
            "source_file": f"{name}.dat",
            "coefficients": [{"name": f"B{j}", "estimate": b, "std_dev": s}
                             for j, (b, s) in enumerate(zip(pub["estimates"], pub["std_devs"]))],
            "residual_standard_deviation": pub["residual_sd"],
            "r_squared": pub["r_squared"],
            "anova": pub["anova"],
        }

    with open(HERE / "certified.json", "w") as fh:
        json.dump(certified, fh, indent=1, allow_nan=False)
    with open(HERE / "nist_published.json", "w") as fh:
        json.dump(published, fh, indent=1, allow_nan=False)
        fh.write("\n")

    if failures:
        print("\nDISAGREEMENT with NIST published values:")
        for f in failures:
            print("  " + f)
        sys.exit(1)
    print(f"\nall recomputed values agree with NIST to >= {MIN_DIGITS} significant digits "
          f"(zero-certified values: |recomputed| <= {ZERO_TOL})")


if __name__ == "__main__":
    main()
