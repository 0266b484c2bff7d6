"""Benchmarks: the report's cost against bare papermill and nbconvert, and how compute grows with data.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench.py``). Writes
``docs/benchmarks.md``. Every measurement runs in a fresh process, as users run
the commands, and is repeated (``--reps``, default 5); the table gives the
median with min and max.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCALES = (1, 10, 100, 1000)
BASE_METRIC_YEARS = 1000

EMPTY_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "parameters", "metadata": {"tags": ["parameters"]},
               "outputs": [], "source": "year = 2022"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                 "language_info": {"name": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}

ONE_PROCESS = """
import sys, papermill
from nbconvert import HTMLExporter
papermill.execute_notebook(sys.argv[1], sys.argv[2], parameters={"year": 2022}, kernel_name="python3",
                           progress_bar=False, log_output=False)
body, _ = HTMLExporter().from_filename(sys.argv[2])
open(sys.argv[3], "w", encoding="utf-8").write(body)
"""

COMPUTE = """
import json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {bench_dir!r})
from synthetic import write_dataset
folder = Path(tempfile.mkdtemp())
write_dataset(folder, {metric_years})
from kemi_analysis.compute import pipeline
from kemi_analysis.compute.pipeline import load_years
pipeline.WORKERS = {workers}
from kemi_analysis.compute.achievement import rollup
from kemi_analysis.compute import trends
times = {{}}
start = time.perf_counter()
dataset = load_years(folder)
metrics = dataset.metrics
times["load"] = time.perf_counter() - start
assert not dataset.problems and len(metrics) == {metric_years}, (dataset.problems, len(metrics))
mark = time.perf_counter()
rollup(metrics, "aim"); rollup(metrics, "goal")
times["achievement"] = time.perf_counter() - mark
mark = time.perf_counter()
trends.year_over_year(metrics); trends.progress(metrics); trends.status_by_aim_and_year(metrics)
times["trends"] = time.perf_counter() - mark
times["total"] = time.perf_counter() - start
times["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(times))
"""


def run(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def repeat(label: str, reps: int, measure) -> list[float]:
    values = []
    for i in range(reps):
        values.append(measure())
        print(f"  {label} {i + 1}/{reps}: {values[-1]:.2f} s", file=sys.stderr, flush=True)
    return values


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def environment_variables() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    return env


def bench_report(reps: int, work: Path) -> dict[str, list[float]]:
    notebook = work / "empty.ipynb"
    notebook.write_text(json.dumps(EMPTY_NOTEBOOK), encoding="utf-8")
    executed, html = work / "empty_out.ipynb", work / "empty_out.html"

    def floor_commands() -> float:
        return (run([str(BIN / "papermill"), str(notebook), str(executed), "-p", "year", "2022", "-k", "python3",
                     "--no-progress-bar"])
                + run([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed), "--output", str(html)]))

    def floor_one_process() -> float:
        return run([sys.executable, "-c", ONE_PROCESS, str(notebook), str(executed), str(html)])

    def report() -> float:
        return run([str(BIN / "kemi-analysis"), "-q", "report", "--year", "2022", "--out-dir", str(work / "out")],
                   cwd=ROOT)

    return {
        "floor_commands": repeat("papermill + nbconvert, two commands", reps, floor_commands),
        "floor_one_process": repeat("papermill + nbconvert, one process", reps, floor_one_process),
        "report": repeat("kemi-analysis report --year 2022", reps, report),
    }


def bench_compute(reps: int, scales: tuple[int, ...], workers: int | None = None) -> dict[int, list[dict]]:
    """Load, achievement and trends at each scale; ``workers=1`` loads a large input's years one by one."""
    results = {}
    for scale in scales:
        code = COMPUTE.format(bench_dir=str(ROOT / "benchmarks"), metric_years=BASE_METRIC_YEARS * scale,
                              workers=workers)
        runs = []
        for i in range(reps):
            out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                                 env=environment_variables())
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"  compute {scale}x{' one by one' if workers == 1 else ''} {i + 1}/{reps}: "
                  f"{runs[-1]['total']:.2f} s, {runs[-1]['peak_mb']:.0f} MB", file=sys.stderr, flush=True)
        results[scale] = runs
    return results


VALIDATE_AIMS = (2500, 5000, 10000, 20000)
REPORT_METRICS = (1000, 10000, 100000)

MEASURED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measured(command: list[str]) -> dict:
    """A command's time, and the largest resident set of it and every process it waited for (the kernel)."""
    out = subprocess.run([sys.executable, "-c", MEASURED, *command], check=True, capture_output=True, text=True,
                         cwd=ROOT)
    return json.loads(out.stdout)


def bench_scale(reps: int, work: Path) -> dict[str, dict[int, list[dict]]]:
    """``validate`` over more and more aims, ``report`` over more and more metrics (one year each)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_dataset

    results: dict[str, dict[int, list[dict]]] = {"validate": {}, "report": {}}
    for aims in VALIDATE_AIMS:  # two goal rows (four metrics) an aim
        folder = write_dataset(work / f"aims{aims}", aims * 4, years=1, aims=aims, first_year=2090)
        raw = next((folder / "raw").glob("*.txt"))
        results["validate"][aims] = [measured([str(BIN / "kemi-analysis"), "-q", "validate", str(raw)])
                                     for _ in range(reps)]
        print(f"  validate {aims} aims: {results['validate'][aims][-1]['seconds']:.1f} s", file=sys.stderr)
    for metrics in REPORT_METRICS:  # 100 metrics an aim
        folder = write_dataset(work / f"metrics{metrics}", metrics, years=1, aims=max(3, metrics // 100),
                               first_year=2090)
        command = [str(BIN / "kemi-analysis"), "-q", "report", "--year", "2090", "--data-dir", str(folder),
                   "--out-dir", str(work / f"out{metrics}")]
        results["report"][metrics] = [measured(command) for _ in range(reps if metrics < 100000 else 1)]
        html = work / f"out{metrics}" / "2090" / "report_2090.html"
        results["report"][metrics][-1]["html_kib"] = html.stat().st_size / 1024
        print(f"  report {metrics} metrics: {results['report'][metrics][-1]['seconds']:.1f} s, "
              f"{results['report'][metrics][-1]['peak_mb']:.0f} MB", file=sys.stderr)
    return results


def scale_lines(scale: dict[str, dict[int, list[dict]]]) -> list[str]:
    lines = ["", "## Scale: validate over aims, report over metrics", "",
             "One fictional year (`benchmarks/synthetic.py`): for `validate`, two goal rows and four metrics an aim; "
             "for `report`, 100 metrics an aim. Times include the command's start (about 1.5 s for `validate`, "
             "4 s for `report`). Peak MB is the largest resident set of the command and the processes it waited "
             "for (the report's kernel). The 100,000-metric report runs once.", "",
             "| command | size | seconds | peak MB | seconds / previous | size / previous |", "| --- | --- | --- | --- | --- | --- |"]
    for command, unit in (("validate", "aims"), ("report", "metrics")):
        previous = None
        for size, runs in scale[command].items():
            seconds = statistics.median([r["seconds"] for r in runs])
            growth = "" if previous is None else f"{seconds / previous[1]:.1f}x"
            ratio = "" if previous is None else f"{size / previous[0]:.0f}x"
            extra = f" ({runs[-1]['html_kib']:,.0f} KiB of HTML)" if "html_kib" in runs[-1] else ""
            lines.append(f"| `{command}` | {size:,} {unit}{extra} | {summary([r['seconds'] for r in runs])} | "
                         f"{max(r['peak_mb'] for r in runs):.0f} | {growth} | {ratio} |")
            previous = (size, seconds)
    return lines


def bench_import(reps: int) -> dict[str, list[float]]:
    results = {}
    for label, statement in (("import pandas", "import pandas"), ("import kemi_analysis", "import kemi_analysis"),
                             ("from kemi_analysis import load_report",
                              "from kemi_analysis import load_report; load_report")):
        results[label] = repeat(label, reps * 2, lambda s=statement: run([sys.executable, "-c", s], cwd=ROOT))
    return results


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    from importlib.metadata import version

    packages = ", ".join(f"{p} {version(p)}" for p in ("pandas", "papermill", "nbconvert", "jupyterlab", "matplotlib"))
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {packages}")


def write_markdown(path: Path, report: dict, compute: dict, imports: dict, reps: int, seconds: float,
                   scale_runs: dict | None = None, one_by_one: dict | None = None) -> str:
    median = {k: statistics.median(v) for k, v in report.items()}
    ratio_1 = median["report"] / median["floor_commands"]
    ratio_2 = median["report"] / median["floor_one_process"]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench` (`benchmarks/bench.py`) on {time.strftime('%Y-%m-%d')}, in {seconds / 60:.0f} "
        f"minutes. Machine: {machine()}.",
        "",
        f"Each figure is the median of {reps} runs in fresh processes (import time: {reps * 2}), with min–max in "
        "brackets, in seconds. The machine is shared and not isolated: repeated runs of the same command differ "
        "by the spread shown, so differences smaller than that spread are noise.",
        "",
        "## The report against bare papermill and nbconvert",
        "",
        "| what | seconds |",
        "| --- | --- |",
        f"| 1. papermill on a notebook holding only a parameters cell, then `jupyter nbconvert --to html`, as two "
        f"commands | {summary(report['floor_commands'])} |",
        f"| 2. the same from one Python process (papermill API + HTMLExporter) | {summary(report['floor_one_process'])} |",
        f"| 3. `kemi-analysis report --year 2022` | {summary(report['report'])} |",
        f"| ratio 3/1 (goal ≤ 1.0) | {ratio_1:.2f} |",
        f"| ratio 3/2 (goal ≤ 1.15) | {ratio_2:.2f} |",
        "",
        "## Library compute on synthetic data",
        "",
        "Synthetic, fictional data in the project's own formats (`benchmarks/synthetic.py`): ten years, three aims, "
        "two metrics per goal row (2022 has 27 metrics on 12 rows), one annotation row per metric. *Load* reads "
        "every raw report and annotation file, checks every quote and computes ratios and statuses; "
        "*achievement* rolls up per aim and goal row; *trends* is year over year, Open SDG progress and status "
        "per aim and year. Peak memory is the process's maximum resident set size.",
        "",
        "| metric-years | load | achievement | trends | total | peak MB | total / previous |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    previous = None
    for scale, runs in compute.items():
        total = [r["total"] for r in runs]
        growth = "" if previous is None else f"{statistics.median(total) / previous:.1f}x"
        previous = statistics.median(total)
        lines.append(
            f"| {BASE_METRIC_YEARS * scale:,} ({scale}x) | {summary([r['load'] for r in runs])} | "
            f"{summary([r['achievement'] for r in runs])} | {summary([r['trends'] for r in runs])} | "
            f"{summary(total)} | {statistics.median([r['peak_mb'] for r in runs]):.0f} | {growth} |")
    totals = {scale: statistics.median([r["total"] for r in runs]) for scale, runs in compute.items()}
    peaks = {scale: statistics.median([r["peak_mb"] for r in runs]) for scale, runs in compute.items()}
    if 10 in totals and 1000 in totals:
        growth = totals[1000] / totals[10]
        lines += ["", f"Growth from 10x to 1000x: {growth:.0f}x the time for 100x the data "
                      f"(goal ≤ 110x: {'met' if growth <= 110 else 'not met'})."]
    if 1000 in totals:
        fast, small = totals[1000] < 10, peaks[1000] < 1024
        lines += [f"1,000,000 metric-years: {totals[1000]:.1f} s (goal < 10 s: {'met' if fast else 'not met'}), "
                  f"peak {peaks[1000]:.0f} MB (goal < 1 GB: {'met' if small else 'not met'})."]
    if one_by_one:
        scale, runs = max(one_by_one.items())
        alone = statistics.median([r["load"] for r in runs])
        both = statistics.median([r["load"] for r in compute[scale]])
        lines += ["", f"A large input (`compute.pipeline.LARGE_INPUT_BYTES`, 8 MiB) loads its years in one worker "
                      f"process a core, each year keeping only its annotations and metrics: at "
                      f"{BASE_METRIC_YEARS * scale:,} metric-years the load took {both:.1f} s on {os.cpu_count()} cores "
                      f"against {summary([r['load'] for r in runs])} s one by one (`WORKERS = 1`, peak "
                      f"{statistics.median([r['peak_mb'] for r in runs]):.0f} MB): {alone / both:.1f}x faster."]
    if scale_runs:
        lines += scale_lines(scale_runs)
    lines += [
        "",
        "## Import time",
        "",
        "| statement | seconds |",
        "| --- | --- |",
    ]
    for label, values in imports.items():
        lines.append(f"| `{label}` | {summary(values)} |")
    pandas_median = statistics.median(imports["import pandas"])
    lines += ["", f"`import kemi_analysis` / `import pandas`: "
                  f"{statistics.median(imports['import kemi_analysis']) / pandas_median:.2f} (goal ≤ 1.2)."]
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each measurement (default 5)")
    parser.add_argument("--scales", default=",".join(map(str, SCALES)),
                        help="compute scales, multiples of 1,000 metric-years (default 1,10,100,1000)")
    parser.add_argument("--no-scale", action="store_true", help="leave out the validate and report scale runs")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--from-json", type=Path, help="write the table again from a run's saved measurements")
    args = parser.parse_args()
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        compute = {int(k): v for k, v in saved["compute"].items()}
        scale = {c: {int(k): v for k, v in runs.items()} for c, runs in (saved["scale"] or {}).items()} or None
        reps = len(saved["report"]["report"])
        one_by_one = {int(k): v for k, v in (saved.get("one_by_one") or {}).items()} or None
        print(write_markdown(args.out, saved["report"], compute, saved["imports"], reps, saved.get("seconds", 0), scale,
                             one_by_one))
        return 0
    scales = tuple(int(s) for s in args.scales.split(","))
    if not (ROOT / "data" / "annotations" / "2022.csv").exists():
        print("bench: run from the project (data/annotations/2022.csv not found)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="kemi-bench-"))
    try:
        print("Report path:", file=sys.stderr)
        report = bench_report(args.reps, work)
        print("Import time:", file=sys.stderr)
        imports = bench_import(args.reps)
        print("Compute:", file=sys.stderr)
        compute = bench_compute(args.reps, scales)
        one_by_one = bench_compute(args.reps, (max(scales),), workers=1) if max(scales) >= 100 else None
        print("Scale:", file=sys.stderr)
        scale = bench_scale(min(args.reps, 3), work) if not args.no_scale else None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = args.out.with_suffix(".json")  # every measurement, for a table written again without measuring again
    raw.write_text(json.dumps({"report": report, "compute": compute, "one_by_one": one_by_one, "imports": imports,
                               "scale": scale,
                               "seconds": time.perf_counter() - started}, indent=1), encoding="utf-8")
    print(write_markdown(args.out, report, compute, imports, args.reps, time.perf_counter() - started, scale,
                         one_by_one))
    print(f"Wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
