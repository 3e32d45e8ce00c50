"""The real seeds: a phrase from a Daxing measure finds that measure, and reindexing is quick."""
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Measure
from ecoplan.search import index
from ecoplan.search.query import normalise, search


@pytest.mark.django_db
def test_a_phrase_of_a_daxing_measure_finds_it(seed):
    path = seed("daxing-2024-action-plan.txt")
    plan = plan_actions.import_document(path.read_bytes(), path.name)[1]
    measures = list(Measure.objects.filter(task__annex__plan=plan).order_by("pk"))
    assert len(measures) > 100
    for measure in measures[::25]:
        phrase = measure.text[5:17]
        found = search(AnonymousUser(), normalise(phrase)).filter(kind="measure")
        assert measure.pk in set(found.values_list("object_id", flat=True)), phrase
    measure = measures[40]
    page = Client().get("/search/", {"q": measure.text[3:15], "kind": "measure"})
    assert page.status_code == 200
    assert any(r["entry"].object_id == measure.pk for r in page.context["results"]) or \
        page.context["page"].paginator.count > 20
    started = time.perf_counter()
    written = index.reindex()
    assert written["measure"] == len(measures) and time.perf_counter() - started < 10
