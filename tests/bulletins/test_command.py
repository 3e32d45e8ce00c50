"""`ecoplan bulletin PLAN --period 2026-10 --format docx|pdf|xlsx -o FILE [--template NAME] [--issued]`."""
import io

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.bulletins import actions
from ecoplan.bulletins.models import BulletinFile

from .conftest import AS_OF


def test_a_draft_from_the_current_data(world, tmp_path):
    out = tmp_path / "b.docx"
    stdout = io.StringIO()
    call_command("bulletin", str(world["plan"].pk), "--period", "2026-10", "--format", "docx", "-o", str(out),
                 stdout=stdout)
    assert "draft" in stdout.getvalue()
    text = "".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "关于2026年10月演示区生态环境保护工作情况的通报" in text
    by_title = tmp_path / "b.xlsx"
    call_command("bulletin", world["plan"].title, "--period", "2026-10", "--format", "xlsx", "-o", str(by_title),
                 "--template", "月度通报", stdout=io.StringIO())
    assert by_title.read_bytes()[:2] == b"PK"


def test_the_issued_file_exactly(world, tmp_path):
    draft = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)
    issued = actions.do_issue(world["coordinator"], draft)
    out = tmp_path / "b.pdf"
    call_command("bulletin", str(world["plan"].pk), "--period", "2026-10", "--format", "pdf", "-o", str(out),
                 "--issued", stdout=io.StringIO())
    assert out.read_bytes() == bytes(BulletinFile.objects.get(bulletin=issued, format="pdf").content)


@pytest.mark.parametrize("args, message", [
    (["999", "--period", "2026-10"], "no plan"),
    (["{plan}", "--period", "2026-13"], "--period"),
    (["{plan}", "--period", "2026-10", "--template", "nope"], "no bulletin template"),
    (["{plan}", "--period", "2026-09", "--issued"], "no issued bulletin"),
])
def test_bad_input_is_one_clear_line_exit_2(world, tmp_path, args, message):
    args = [a.replace("{plan}", str(world["plan"].pk)) for a in args]
    with pytest.raises(CommandError, match=message) as caught:
        call_command("bulletin", *args, "--format", "docx", "-o", str(tmp_path / "x.docx"), stdout=io.StringIO())
    assert caught.value.returncode == 2
