"""100 reporters submit in the same minute over HTTP on loopback: no report is lost.
(The timed figures are `make bench`'s; this checks the outcome on every CI run.)"""
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_hundred_concurrent_submissions_lose_nothing(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        import load
    finally:
        sys.path.remove(str(BENCH))
    result = load.run(tmp_path)
    assert result["reporters"] == 100
    assert (result["submitted_in_db"], result["versions_in_db"], result["lost"]) == (100, 100, 0), result
