from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
DEMO = (Path(__file__).resolve().parents[1] / "src" / "ecoplan" / "plans" / "demo"
        / "demo-district-2026-action-plan.txt")


def seed_path(name: str) -> Path:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed {name} not found: ../shared/seeds is not beside the clone")
    return path


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Kept target judgements (evaluation.cached: the month screen, the overview) are keyed by plan
    pk, which the next test's rolled-back database may reuse for another plan."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seed():
    return seed_path
