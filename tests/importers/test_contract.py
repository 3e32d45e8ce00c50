"""The contract every text shape keeps (importers/__init__.py TEXT_SHAPES), on every document
it reads: the seeds, the demo plan and the small documents in tests/importers/contract/.

* ``detect(text)`` returns a ``Detection``: a score 0…1 and, above 0, reasons (translated msgids);
* the document is detected as its shape (a table of unknown columns: as a question, with the
  roles guessed, never as a refusal) and ``parse`` reads it under the coordinator's mapping;
* ``parse`` alone accounts for every non-blank line (an entity, the metadata or a skipped line
  with its reason): nothing is left for the import's ``line_unread`` safety net;
* every entity and review item keeps a source line that exists and is not blank;
* parsing twice gives equal results; review kinds are known; every review message, skip reason
  and detect reason has its zh-hans form.

A document in contract/ is named ``<shape>-<name>.txt``; ``<shape>-<name>.columns.toml`` beside
it is the mapping the coordinator confirmed for it.  A new shape needs a document here (the
coverage test says so).
"""
from pathlib import Path

import pytest
from django.utils import translation

from ecoplan.importers import TEXT_SHAPES, detections, import_text, mapping
from ecoplan.importers.model import Detection, ImportResult, PlanMeta
from ecoplan.importers.text import decode, sha256
from ecoplan.vocabulary.review import CODES

from ..conftest import DEMO, SEEDS

OWN = Path(__file__).parent / "contract"
SEED_SHAPES = {
    "xicheng-2024-action-plan.txt": "table_text",
    "daxing-2024-action-plan.txt": "header_table",
    "tongzhou-2024-action-plans.txt": "header_table",
    "changping-2024-work-plan.txt": "prose_plan",
    "fengtai-14th-fyp-2021-2025.txt": "fyp_plan",
}
DOCUMENTS = ([(shape, SEEDS / name) for name, shape in SEED_SHAPES.items()] + [("header_table", DEMO)]
             + [(p.name.split("-", 1)[0], p) for p in sorted(OWN.glob("*.txt"))])


def _mapping(path: Path) -> dict[str, str] | None:
    side = path.with_suffix(".columns.toml")
    return mapping.read_file(side.read_bytes(), side.name) if side.exists() else None


@pytest.fixture(params=DOCUMENTS, ids=[f"{shape}:{path.name}" for shape, path in DOCUMENTS])
def document(request):
    shape, path = request.param
    if not path.exists():
        pytest.skip(f"{path.name} not found: ../shared/seeds is not beside the clone")
    data = path.read_bytes()
    return shape, path.name, decode(data, path.name), sha256(data), _mapping(path)


def _parse(shape, name, text, digest, columns):
    """The shape's own parse, without the checks import_text adds after it."""
    result = ImportResult(source_name=name, sha256=digest, shape=shape, meta=PlanMeta())
    if columns is None:
        TEXT_SHAPES[shape].parse(text, name, result)
    else:
        TEXT_SHAPES[shape].parse(text, name, result, columns=columns)
    return result


def test_every_registered_shape_has_documents():
    assert {shape for shape, _path in DOCUMENTS} == set(TEXT_SHAPES)
    assert all(sum(1 for s, p in DOCUMENTS if s == shape and p.parent == OWN) >= 1 for shape in TEXT_SHAPES)


def _untranslated(templates):
    with translation.override("zh-hans"):
        return sorted(t for t in templates if translation.gettext(t) == t)


def test_detect_gives_a_confidence_with_reasons(document):
    shape, name, text, digest, columns = document
    found = detections(text)
    assert all(isinstance(d, Detection) and 0 <= d.score <= 1 for d in found.values())
    for other, detection in found.items():
        assert bool(detection.reasons) == (detection.score > 0), other
        assert all(str(r) for r in detection.reasons)  # the English form fills every placeholder
    assert _untranslated({r.template for d in found.values() for r in d.reasons}) == []
    if columns is None:
        assert max(found, key=lambda n: found[n].score) == shape
    else:  # no shape is sure: the importer asks, with a guess for each column
        with pytest.raises(mapping.ColumnsUnmapped) as asked:
            import_text(text, name, digest)
        assert "measure" in asked.value.preview.mapping().values()


def test_parse_loses_no_line_and_keeps_provenance(document):
    shape, name, text, digest, columns = document
    result = _parse(shape, name, text, digest, columns)
    assert result.unaccounted(text) == []
    lines = text.split("\n")
    entity_lines = ([a.line for a in result.annexes] + [t.line for a in result.annexes for t in a.tasks]
                    + [m.line for m in result.measures()]
                    + [t.line for t in result.targets] + [s.line for s in result.skipped])
    assert all(1 <= n <= len(lines) and lines[n - 1].strip() for n in entity_lines)
    assert all(1 <= r.line <= len(lines) for r in result.review)
    assert result.counts()["measures"] + result.counts()["targets"] > 0


def test_parse_is_deterministic(document):
    shape, name, text, digest, columns = document
    assert _parse(shape, name, text, digest, columns) == _parse(shape, name, text, digest, columns)
    assert import_text(text, name, digest, columns=columns) == import_text(text, name, digest, columns=columns)


def test_review_kinds_known_and_messages_translated(document):
    shape, name, text, digest, columns = document
    result = import_text(text, name, digest, columns=columns)
    assert result.shape == shape
    assert {r.kind for r in result.review} <= set(CODES)
    assert not [r for r in result.review if r.kind == "line_unread"]
    assert all(r.template and r.template.format(**r.params) == r.message for r in result.review)
    assert all(s.template and s.template.format(**s.params) == s.reason for s in result.skipped)
    assert _untranslated({r.template for r in result.review} | {s.template for s in result.skipped}) == []
