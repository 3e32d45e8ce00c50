"""`make bench`: run the benchmarks and write bench/results/<name>-<date>.json and latest.md."""
from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))


def machine() -> dict:
    return {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "when": datetime.now().isoformat(timespec="seconds")}


def main() -> None:
    import air
    import imports
    import load
    import targets
    import water

    import rankings
    import supervision

    results = {"machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        results["air"] = air.run(Path(tmp) / "air")
    with tempfile.TemporaryDirectory() as tmp:
        results["load"] = load.run(Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        results["imports"] = imports.run(Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        results["targets"] = targets.run(Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        results["water"] = water.run(Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        results["supervision"] = supervision.run(Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        results["rankings"] = rankings.run(Path(tmp))
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    (out / f"bench-{stamp}.json").write_text(json.dumps(results, indent=1, default=str), "utf-8")
    a = results["air"]
    lines = [f"# Benchmarks {results['machine']['when']} ({results['machine']['cpus']} CPUs, Python {results['machine']['python']})", "",
             f"## Air engine: {a['stations']} stations × {a['hours_per_station']} h ({a['engine']['hours']:,} station-hours after gaps)", "",
             "| phase | seconds | peak RSS MiB |", "|---|---:|---:|",
             f"| ingest (validate + write Parquet) | {a['engine']['ingest_s']:.2f} | |",
             f"| daily + area + annual chain | {a['engine']['chain_s']:.2f} | |",
             f"| engine total (median of 3; runs {a['engine']['spread_s']}) | {a['engine']['total_s']:.2f} | {a['engine']['peak_rss_mib']} |",
             f"| plain DuckDB daily-mean GROUP BY (runs {a['floor']['spread_s']}) | {a['floor']['groupby_s']:.2f} | {a['floor']['peak_rss_mib']} |",
             f"| row-by-row Python, same chain, {a['python']['rows']:,} rows (runs {a['python']['spread_s']}) | {a['python']['python_s']:.2f} | {a['python']['peak_rss_mib']} |",
             "", "| ratio | value |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in a["ratios"].items()]
    lines += ["", "| goal | met |", "|---|---|"] + [f"| {k} | {v} |" for k, v in a["goals"].items()]
    ld = results["load"]
    lines += ["", f"## Load: {ld['reporters']} reporters submit in the same minute (HTTP, loopback, waitress 8 threads, SQLite)", "",
              "| figure | value |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in ld.items()]
    lines += [""] + imports.markdown(results["imports"])
    lines += [""] + targets.markdown(results["targets"])
    lines += [""] + water.markdown(results["water"])
    lines += [""] + supervision.markdown(results["supervision"])
    lines += [""] + rankings.markdown(results["rankings"])
    (out / "rankings-latest.md").write_text("\n".join(rankings.markdown(results["rankings"])) + "\n", "utf-8")
    (out / "latest.md").write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
