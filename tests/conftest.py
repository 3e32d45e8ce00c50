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


@pytest.fixture
def seed():
    return seed_path
