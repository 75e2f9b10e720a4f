#!/usr/bin/env python3
"""Summarises a soak CSV (run-soak.sh) and flags figures that trend upward.

For each figure: first, last, min, max, and the least-squares slope over the second half of the
run (the first half is warm-up: caches, JIT, pools fill). A figure is RISING when that slope,
carried over the second half, adds more than the noise (twice the residual standard deviation
around the fitted line) and more than 5 % of the figure's mean. Exit status 1 if any figure rises.
"""

import csv
import statistics
import sys

FIGURES = [("heap_used_after_gc_kb", "heap used after GC (KiB)"), ("rss_kb", "resident memory (KiB)"),
           ("open_fds", "open files"), ("threads", "threads")]


def fit(xs, ys):
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = 0.0 if sxx == 0 else sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx
    residuals = [y - (mean_y + slope * (x - mean_x)) for x, y in zip(xs, ys)]
    noise = statistics.pstdev(residuals) if len(residuals) > 1 else 0.0
    return slope, noise, mean_y


def main(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if len(rows) < 4:
        print("trend: %d samples in %s, too few to judge a trend (4 at least)" % (len(rows), path))
        return 0
    times = [float(r["elapsed_s"]) for r in rows]
    half = rows[len(rows) // 2:]
    half_times = times[len(rows) // 2:]
    span = half_times[-1] - half_times[0]
    rising = []
    print("%-26s %12s %12s %12s %12s %14s  %s" % ("figure", "first", "last", "min", "max", "slope/hour", "trend (2nd half)"))
    for column, label in FIGURES:
        values = [float(r[column]) for r in rows]
        slope, noise, mean = fit(half_times, [float(r[column]) for r in half])
        growth = slope * span
        verdict = "RISING" if growth > max(2 * noise, 0.05 * mean) and growth > 0 else "flat"
        if verdict == "RISING":
            rising.append(label)
        print("%-26s %12.0f %12.0f %12.0f %12.0f %14.1f  %s (+%.0f over %.0f s, noise %.0f)" % (
            label, values[0], values[-1], min(values), max(values), slope * 3600, verdict, growth, span, noise))
    if "requests" in rows[0] and rows[-1]["requests"]:
        done = float(rows[-1]["requests"]) - float(rows[0]["requests"] or 0)
        print("requests served between the first and last sample: %.0f (%.0f/s)" % (done, done / max(times[-1] - times[0], 1)))
    if rising:
        print("trend: RISING: " + ", ".join(rising))
        return 1
    print("trend: no figure rises beyond the noise over the second half")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
