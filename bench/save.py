"""Write a bench's figures where `make bench` keeps them: a dated JSON and ``<name>-latest.md``."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def save(name: str, result: dict, lines: list[str]) -> str:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}-{datetime.now():%Y%m%d-%H%M}.json").write_text(json.dumps(result, indent=1), "utf-8")
    text = "\n".join(lines)
    (RESULTS / f"{name}-latest.md").write_text(text + "\n", "utf-8")
    return text
