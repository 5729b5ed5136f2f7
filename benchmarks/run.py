"""Benchmarks (not tests): FrameLens load + validate + library tables against bare pandas and DuckDB.

    .venv/bin/python benchmarks/run.py                     # 10k, 100k and 1M statements
    .venv/bin/python benchmarks/run.py --sizes 10M         # the 10M run (about 4.5 GB of CSV)
    .venv/bin/python benchmarks/run.py --repeat 3          # three runs of each measurement, medians reported

Synthetic data (``framelens synth``, fixed seed) is written once under benchmarks/out/ (git-ignored)
and reused. Every measurement runs in its own child process, so its peak memory (max RSS) is its own.
Results go to benchmarks/out/results.json and a Markdown table is printed for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent
OUT = ROOT / "out"
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000, "10M": 10_000_000}
SEED = 20230522

# Library tables the notebooks use: (module, function, how it is called)
TABLES = [
    ("framelens.overview", "coverage_by_event", "ds"),
    ("framelens.overview", "coverage_by_outlet", "ds"),
    ("framelens.overview", "missing_values", "ds"),
    ("framelens.overview", "publication_counts", "ds"),
    ("framelens.framing", "frame_counts", "st"),
    ("framelens.framing", "frame_shares", "st"),
    ("framelens.naming", "label_counts", "st"),
    ("framelens.naming", "valence_shares", "st"),
    ("framelens.claims", "claim_ledger", "st+claims"),
    ("framelens.claims", "stance_counts", "st+claims"),
    ("framelens.claims", "figure_spread", "st+claims"),
    ("framelens.sourcing", "sourcing_shares", "st"),
    ("framelens.timeline", "event_timeline", "st+events"),
    ("framelens.credibility", "admiralty_matrix", "st"),
    ("framelens.divergence", "pairwise_divergence", "st"),
    ("framelens.language", "quote_mix", "st"),
]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_framelens(folder: Path, skip: tuple[str, ...] = ()) -> dict:
    """Load + validate, then every library table (but those in ``skip``); seconds per step and peak memory."""
    import importlib

    import framelens

    steps: dict[str, float] = {}
    t0 = time.perf_counter()
    ds = framelens.load_dataset(folder)
    steps["load + validate"] = time.perf_counter() - t0
    skipped = {}
    for module, name, how in TABLES:
        if f"{module.split('.')[-1]}.{name}" in skip:
            skipped[f"{module}.{name}"] = "skipped on request (--skip)"
            continue
        try:
            fn = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            skipped[f"{module}.{name}"] = f"not available: {exc}"
            continue
        args = {
            "ds": (ds,),
            "st": (ds.statements,),
            "st+claims": (ds.statements, ds.claims),
            "st+events": (ds.statements, ds.events),
        }[how]
        t = time.perf_counter()
        try:
            fn(*args)
        except Exception as exc:  # a table failing is a finding to report, not a reason to stop
            skipped[f"{module}.{name}"] = f"failed: {type(exc).__name__}: {exc}"[:200]
            continue
        steps[f"{module.split('.')[-1]}.{name}"] = time.perf_counter() - t
    return {"steps": steps, "total": time.perf_counter() - t0, "peak_mb": _peak_mb(), "skipped": skipped}


def child_pandas(folder: Path) -> dict:
    """The bare baseline: pandas.read_csv (pyarrow engine) of every table plus equivalent groupbys."""
    import pandas as pd
    import pyarrow.csv as pacsv

    def read(f: Path) -> pd.DataFrame:
        try:
            return pd.read_csv(f, engine="pyarrow")
        except pd.errors.ParserError:  # values spanning lines: pandas' pyarrow engine cannot pass newlines_in_values
            return pacsv.read_csv(f, parse_options=pacsv.ParseOptions(newlines_in_values=True)).to_pandas()

    t0 = time.perf_counter()
    tables = {f.stem: read(f) for f in sorted(folder.glob("*.csv")) if f.name != "rejects.csv"}
    st = tables["statements"]
    st["published_at"] = pd.to_datetime(st["published_at"], format="ISO8601", utc=True)
    t_read = time.perf_counter() - t0
    pd.crosstab(st["event_id"], st["outlet_bloc"])
    st.groupby("outlet").agg(
        bloc=("outlet_bloc", "first"), statements=("statement_id", "size"), events=("event_id", "nunique")
    )
    st.isna().sum()
    pd.crosstab(st["published_at"].dt.tz_convert(None).dt.to_period("D"), st["outlet_bloc"])
    pd.crosstab(st["outlet_bloc"], st["frame"])
    pd.crosstab([st["event_id"], st["outlet_bloc"]], st["frame"])
    st.groupby(["outlet_bloc", "label_valence"]).size()
    st.dropna(subset=["claim_id"]).groupby(["claim_id", "speaker_bloc", "stance"]).size()
    st.groupby("claim_id")["figure"].agg(["min", "max", "count"])
    st.merge(tables["claims"], on="claim_id", how="left").groupby(["verdict", "speaker_bloc"]).size()
    return {"steps": {"read": t_read}, "total": time.perf_counter() - t0, "peak_mb": _peak_mb(), "skipped": {}}


def child_duckdb(folder: Path) -> dict:
    """DuckDB over the same CSV files: the same groupbys in SQL."""
    import duckdb

    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET threads = 2")
    for f in sorted(folder.glob("*.csv")):
        if f.name != "rejects.csv":
            con.execute(f"CREATE TABLE {f.stem} AS SELECT * FROM read_csv('{f}', header = true, all_varchar = true)")
    t_read = time.perf_counter() - t0
    for sql in [
        "SELECT event_id, outlet_bloc, count(*) FROM statements GROUP BY ALL",
        "SELECT outlet, first(outlet_bloc), count(*), count(DISTINCT event_id) FROM statements GROUP BY ALL",
        "SELECT count(*) - count(quote), count(*) - count(notes), count(*) - count(figure) FROM statements",
        "SELECT CAST(CAST(published_at AS TIMESTAMPTZ) AS DATE) AS day, outlet_bloc, count(*) "
        "FROM statements GROUP BY ALL",
        "SELECT outlet_bloc, frame, count(*) FROM statements GROUP BY ALL",
        "SELECT event_id, outlet_bloc, frame, count(*) FROM statements GROUP BY ALL",
        "SELECT outlet_bloc, label_valence, count(*) FROM statements GROUP BY ALL",
        "SELECT claim_id, speaker_bloc, stance, count(*) FROM statements WHERE claim_id IS NOT NULL GROUP BY ALL",
        "SELECT claim_id, min(CAST(figure AS DOUBLE)), max(CAST(figure AS DOUBLE)), count(figure) "
        "FROM statements GROUP BY ALL",
        "SELECT verdict, speaker_bloc, count(*) FROM statements s LEFT JOIN claims c USING (claim_id) GROUP BY ALL",
    ]:
        con.execute(sql).fetchall()
    return {"steps": {"read": t_read}, "total": time.perf_counter() - t0, "peak_mb": _peak_mb(), "skipped": {}}


CHILDREN = {"framelens": child_framelens, "pandas": child_pandas, "duckdb": child_duckdb}


def _dataset(label: str) -> Path:
    folder = OUT / f"synth-{label}"
    if not (folder / "statements.csv").is_file():
        t = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "framelens",
                "synth",
                "--rows",
                str(SIZES[label]),
                "--out",
                str(folder),
                "--seed",
                str(SEED),
            ],
            check=True,
        )
        print(f"  synthesised {label} in {time.perf_counter() - t:.0f} s", flush=True)
    return folder


def _warm(folder: Path) -> None:
    """Read every CSV once, so each contender starts with the files in the page cache (the first one measured
    otherwise pays the disk reads alone)."""
    for f in folder.glob("*.csv"):
        with f.open("rb") as fh:
            while fh.read(1 << 24):
                pass


def _run_child(kind: str, folder: Path, timeout: float, skip: str) -> dict:
    _warm(folder)
    t = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--data", str(folder), "--skip", skip],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_with_startup"] = time.perf_counter() - t
    return result


def _repeated(kind: str, folder: Path, timeout: float, skip: str, repeat: int) -> dict:
    """``repeat`` runs of one child: median seconds (total and per step), the highest peak, every total kept."""
    runs = [_run_child(kind, folder, timeout, skip) for _ in range(max(repeat, 1))]
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    result = dict(ok[0])
    result["steps"] = {k: statistics.median(r["steps"][k] for r in ok if k in r["steps"]) for k in ok[0]["steps"]}
    result["total"] = statistics.median(r["total"] for r in ok)
    result["peak_mb"] = max(r["peak_mb"] for r in ok)
    result["runs"] = len(ok)
    result["totals"] = [round(r["total"], 3) for r in ok]
    return result


def machine() -> dict:
    import duckdb
    import pandas
    import pyarrow

    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": psutil.cpu_count(logical=True),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "pandas": pandas.__version__,
        "pyarrow": pyarrow.__version__,
        "duckdb": duckdb.__version__,
        "os": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma-separated: 10k, 100k, 1M, 10M")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per measurement")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per measurement; medians are reported (peak memory: the highest)"
    )
    parser.add_argument("--skip", default="", help="comma-separated tables not to time, such as claims.claim_ledger")
    parser.add_argument("--child", choices=list(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        skip = tuple(filter(None, args.skip.split(",")))
        print(
            json.dumps(
                child_framelens(Path(args.data), skip)
                if args.child == "framelens"
                else CHILDREN[args.child](Path(args.data))
            )
        )
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    results_file = OUT / "results.json"
    results = json.loads(results_file.read_text()) if results_file.is_file() else {}
    results["machine"] = machine()
    for label in args.sizes.split(","):
        print(f"{label} statements", flush=True)
        folder = _dataset(label)
        size_mb = sum(f.stat().st_size for f in folder.glob("*.csv")) / 2**20
        row = {"csv_mb": round(size_mb), "load_avg_before": psutil.getloadavg()[0], "skip": args.skip}
        for kind in CHILDREN:
            row[kind] = r = _repeated(kind, folder, args.timeout, args.skip, args.repeat)
            print(
                f"  {kind:9s} "
                + (f"{r['total']:7.2f} s  peak {r['peak_mb']:7.0f} MB" if "error" not in r else r["error"]),
                flush=True,
            )
        results[label] = row
        results_file.write_text(json.dumps(results, indent=1))
    print()
    print(markdown(results))
    return 0


def markdown(results: dict) -> str:
    """The figures as a Markdown table, FrameLens against the pandas baseline."""
    lines = [
        "| statements | CSV MB | FrameLens s (load+validate / tables) | pandas s | DuckDB s | time ratio vs pandas | "
        "FrameLens peak MB | pandas peak MB | DuckDB peak MB | memory ratio |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label in SIZES:
        row = results.get(label)
        if not row or "error" in row.get("framelens", {"error": 1}) or "error" in row.get("pandas", {"error": 1}):
            continue
        f, p, d = row["framelens"], row["pandas"], row.get("duckdb", {})
        load = f["steps"]["load + validate"]
        dtime = f"{d['total']:.2f}" if "total" in d else d.get("error", "-")
        dpeak = f"{d['peak_mb']:.0f}" if "peak_mb" in d else "-"
        lines.append(
            f"| {label} | {row['csv_mb']} | {f['total']:.2f} ({load:.2f} / {f['total'] - load:.2f}) | "
            f"{p['total']:.2f} | {dtime} | "
            f"{f['total'] / p['total']:.2f} | {f['peak_mb']:.0f} | {p['peak_mb']:.0f} | {dpeak} | "
            f"{f['peak_mb'] / p['peak_mb']:.2f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
