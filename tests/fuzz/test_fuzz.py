"""A fixed sample of the fuzz corpus (`make fuzz` runs all of it): every input is refused with a
message naming the file, or accepted — no traceback, no hang, no memory blow-up, and a refused
air file leaves nothing in the store.  Each input runs in its own bounded process."""
import pytest

from ecoplan.importers.model import PlanImportError
from ecoplan.plans import actions
from ecoplan.plans.models import Plan

from . import corpus, runner

SEED = 2026


@pytest.fixture(scope="module")
def results():
    sample = list(corpus.cases(SEED, plans=90, air=24, heavy=False))
    assert len(sample) >= 200
    return sample, runner.run(sample, jobs=2, timeout=20, memory=1 << 30)


def test_no_traceback_hang_or_memory_blow_up(results):
    _, records = results
    bad = [(r["name"], r["class"], r.get("cause") or r.get("message")) for r in records
           if r["class"] not in ("refused", "accepted")]
    assert bad == []
    assert {r["class"] for r in records} == {"refused", "accepted"}  # the sample has both


@pytest.mark.django_db
def test_refused_documents_write_nothing(results):
    sample, records = results
    by_name = {c.name: c for c in sample}
    refused = [r for r in records if r["kind"] == "plan" and r["class"] == "refused"
               and not r["name"].endswith((".pdf", ".xlsx"))][:25]  # the quick ones
    for record in refused:
        name = record["name"].rsplit("/", 1)[-1]
        with pytest.raises(PlanImportError, match=name.replace("+", r"\+")):
            actions.import_document(by_name[record["name"]].build(), name)
    assert not Plan.objects.exists()
