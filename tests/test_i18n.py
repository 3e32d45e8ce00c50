"""Chinese first: every message the importer and the judgement write has its Chinese form."""
import ast
import glob
import re
from pathlib import Path

import pytest
from django.utils import translation

from ecoplan.importers import import_file

from .conftest import DEMO, SEEDS


def test_every_importer_review_message_is_translated():
    files = sorted(glob.glob(str(SEEDS / "*.txt")))
    if not files:
        pytest.skip("../shared/seeds is not beside the clone")
    files.append(str(DEMO))
    templates = {item.template for f in files for item in import_file(f).review}
    assert len(templates) >= 10
    with translation.override("zh-hans"):
        missing = [t for t in templates if translation.gettext(t) == t]
    assert missing == []


# -- every msgid has its zh-hans form -------------------------------------------------------------

SRC = Path(__file__).resolve().parents[1] / "src" / "ecoplan"
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy", "ngettext"}
CONTEXT_CALLS = {"pgettext", "pgettext_lazy"}
TEMPLATE_MSGID = re.compile(r'{%\s*(?:translate|trans)\s+"((?:[^"\\]|\\.)*)"|\b_\("((?:[^"\\]|\\.)*)"\)')
SAME_IN_CHINESE: set[str] = set()  # msgids whose zh-hans form is the msgid itself (none so far)


def python_msgids() -> dict[str, str]:
    found = {}
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                if name in CONTEXT_CALLS and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                    # pgettext: the catalogue keys the msgid by its context (msgctxt), as gettext does
                    found[f"{node.args[0].value}\x04{node.args[1].value}"] = where
                elif name in GETTEXT_CALLS:
                    found[node.args[0].value] = where
    return found


def template_msgids() -> dict[str, str]:
    found = {}
    for path in SRC.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for m in TEMPLATE_MSGID.finditer(text):
            # the translate tag looks a literal up with % doubled (as makemessages writes it)
            msgid = (m.group(1) or m.group(2)).replace("%", "%%") if m.group(1) else m.group(2)
            found[msgid] = f"{path.relative_to(SRC)}:{text[:m.start()].count(chr(10)) + 1}"
    return found


def test_every_msgid_in_code_and_templates_has_a_zh_hans_translation():
    msgids = {**python_msgids(), **template_msgids()}
    assert len(msgids) > 300
    with translation.override("zh-hans"):
        missing = sorted(f"{where}: {msgid!r}" for msgid, where in msgids.items()
                         if translation.gettext(msgid) == msgid and msgid not in SAME_IN_CHINESE)
    assert missing == []


def _literals(node: ast.AST):
    """The strings an expression can evaluate to: literals and the branches of conditionals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _literals(value)


def skip_reasons() -> set[str]:
    """Every reason an importer can give for a skipped line: the literal passed to
    ``result.skip`` or assigned to the variable passed (f-strings are refused: use params)."""
    reasons = set()
    for path in (SRC / "importers").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned: dict[str, list[ast.AST]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "skip" and len(node.args) >= 2:
                reason = node.args[1]
                sources = assigned.get(reason.id, []) if isinstance(reason, ast.Name) else [reason]
                assert sources, f"{path.name}:{node.lineno}: the reason of a skipped line is not a literal"
                for source in sources:
                    assert not any(isinstance(n, ast.JoinedStr) for n in ast.walk(source)), \
                        f"{path.name}:{node.lineno}: an f-string reason cannot be translated (pass params)"
                    literals = set(_literals(source))
                    assert literals, f"{path.name}:{node.lineno}: the reason of a skipped line is not a literal"
                    reasons |= literals
    return reasons


def test_every_skipped_line_reason_is_translated():
    reasons = skip_reasons()
    assert len(reasons) >= 25
    with translation.override("zh-hans"):
        missing = sorted(r for r in reasons if translation.gettext(r) == r)
    assert missing == []
