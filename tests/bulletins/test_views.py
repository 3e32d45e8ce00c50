"""The bulletin pages: the list per plan (drafts only for the coordinator, bounded queries), the
draft's preview and editing, issuing, the downloads, the template form."""
import io

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from ecoplan.bulletins import actions
from ecoplan.bulletins.models import Bulletin, BulletinFile, BulletinTemplate

from .conftest import AS_OF


@pytest.fixture
def draft(world):
    return actions.do_create_draft(world["coordinator"], world["plan"], world["template"], "2026-10", AS_OF)


def _client(client, user):
    client.force_login(user)
    return client


def test_the_list_shows_drafts_only_to_the_coordinator(world, draft, client):
    issued = actions.do_issue(world["coordinator"],
                              actions.do_create_draft(world["coordinator"], world["plan"], world["template"],
                                                      "2026-09", AS_OF))
    url = reverse("bulletins:plan", args=[world["plan"].pk])
    page = _client(client, world["coordinator"]).get(url).content.decode()
    assert reverse("bulletins:detail", args=[draft.pk]) in page and issued.number in page
    page = _client(client, world["reporter"]).get(url).content.decode()
    assert issued.number in page and reverse("bulletins:detail", args=[draft.pk]) not in page
    assert _client(client, world["reporter"]).get(reverse("bulletins:detail", args=[draft.pk])).status_code == 404
    assert _client(client, world["reporter"]).get(reverse("bulletins:download", args=[draft.pk, "docx"])).status_code == 404
    assert _client(client, world["reporter"]).get(reverse("bulletins:detail", args=[issued.pk])).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # sign in first


def test_the_list_page_reads_a_bounded_number_of_queries(world, client, django_assert_max_num_queries):
    client.force_login(world["coordinator"])
    url = reverse("bulletins:plan", args=[world["plan"].pk])
    for period in ("2026-07", "2026-08", "2026-09"):
        b = actions.do_create_draft(world["coordinator"], world["plan"], world["template"], period, AS_OF)
        b = actions.do_issue(world["coordinator"], b)
        actions.do_correct(world["coordinator"], b, "更正")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_coordinator_edits_and_issues_a_draft(world, draft, client):
    client.force_login(world["coordinator"])
    page = client.get(reverse("bulletins:detail", args=[draft.pk])).content.decode()
    assert 'name="text-targets"' in page and "草稿" in page
    response = client.post(reverse("bulletins:edit", args=[draft.pk]),
                           {"revision": draft.revision, "text-targets": "十月目标总体正常。"})
    assert response.status_code == 302
    assert Bulletin.objects.get(pk=draft.pk).narratives == {"targets": "十月目标总体正常。"}
    stale = client.post(reverse("bulletins:edit", args=[draft.pk]), {"revision": draft.revision, "text-targets": "x"},
                        follow=True)
    assert "someone else" in stale.content.decode() or "他人" in stale.content.decode()
    confirm = client.get(reverse("bulletins:issue", args=[draft.pk])).content.decode()
    assert f"演环通〔{timezone.localdate().year}〕1号" in confirm  # the number it will get today
    response = client.post(reverse("bulletins:issue", args=[draft.pk]), {"number": "", "issue_date": "2026-11-05"})
    assert response.status_code == 302
    issued = Bulletin.objects.get(pk=draft.pk)
    assert issued.number == "演环通〔2026〕1号"
    download = client.get(reverse("bulletins:download", args=[issued.pk, "docx"]))
    data = b"".join(download.streaming_content) if download.streaming else download.content
    assert data == bytes(BulletinFile.objects.get(bulletin=issued, format="docx").content)
    text = "".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "十月目标总体正常。" in text and "演环通〔2026〕1号" in text


def test_reporters_may_not_issue_through_the_pages(world, draft, client):
    client.force_login(world["reporter"])
    assert client.post(reverse("bulletins:issue", args=[draft.pk]), {}).status_code == 404  # a draft they cannot see
    issued = actions.do_issue(world["coordinator"], draft)
    assert client.post(reverse("bulletins:correct", args=[issued.pk]), {"change_note": "x"}).status_code == 403
    assert client.post(reverse("bulletins:create", args=[world["plan"].pk]),
                       {"template": world["template"].pk, "period": "2026-11"}).status_code == 403
    assert client.get(reverse("bulletins:template", args=[world["template"].pk])).status_code == 404


def test_a_draft_downloads_in_every_format(world, draft, client):
    client.force_login(world["coordinator"])
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF-"), ("xlsx", b"PK")):
        response = client.get(reverse("bulletins:download", args=[draft.pk, fmt]))
        assert response.status_code == 200 and response.content.startswith(magic)
        assert "draft" in response["Content-Disposition"]
    assert client.get(reverse("bulletins:download", args=[draft.pk, "exe"])).status_code == 404


def test_the_template_form(world, client):
    client.force_login(world["coordinator"])
    url = reverse("bulletins:template", args=[world["template"].pk])
    assert client.get(url).status_code == 200
    data = {"name": "月度通报", "district": world["district"].pk, "issuer": "北京市演示区生态环境局",
            "title_pattern": "关于{period}{district}工作的通报", "number_pattern": "{abbr}〔{year}〕{seq}号",
            "abbreviation": "演环通", "recipients": "各街道", "span": "month", "sections": "targets, overdue",
            "bottom_n": 2, "opening": "", "closing": "", "signature": "", "body_font": "仿宋_GB2312",
            "title_font": "方正小标宋简体", "heading_font": "黑体"}
    bad = client.post(url, {**data, "title_pattern": "关于{perod}的通报", "sections": "targets, nope"})
    assert bad.status_code == 200 and "perod" in bad.content.decode() and "nope" in bad.content.decode()
    for field, pattern in (("title_pattern", "{period.real}"), ("number_pattern", "{period[0]}"),
                           ("opening", "{period:>200000000}"), ("closing", "{year!r}")):
        refused = client.post(url, {**data, field: pattern})
        assert refused.status_code == 200 and refused.context["form"].errors.get(field), field
    too_long = client.post(url, {**data, "opening": "很" * 5001, "recipients": "各" * 501})
    assert too_long.status_code == 200 and set(too_long.context["form"].errors) == {"opening", "recipients"}
    assert client.post(url, data).status_code == 302
    template = BulletinTemplate.objects.get(pk=world["template"].pk)
    assert template.sections == ["targets", "overdue"] and template.title_pattern == "关于{period}{district}工作的通报"
    assert client.get(reverse("bulletins:template_new")).status_code == 200


def test_the_draft_page_saves_under_each_section_and_its_textareas_fit_their_text(world, draft, client):
    """Posting the page as shown (every textarea) keeps only the paragraph changed; each section has
    its own save button in the one form; a long paragraph gets a taller textarea."""
    import html
    import re

    client.force_login(world["coordinator"])
    url = reverse("bulletins:detail", args=[draft.pk])
    long_text = "南苑镇PM2.5浓度同比上升，" * 30
    draft = actions.do_edit_draft(world["coordinator"], draft, draft.revision, {"narrative": long_text})
    page = client.get(url).content.decode()
    areas = {m[0]: (int(m[1]), html.unescape(m[2])) for m in re.findall(
        r'<textarea name="text-(\w+)" id="text-\w+" rows="(\d+)">(.*?)</textarea>', page, re.S)}
    assert len(areas) > 3 and set(areas) == set(re.findall(r'id="save-(\w+)"', page)) - {"paragraphs"}
    assert areas["narrative"][0] == 12 and min(rows for rows, _ in areas.values()) >= 2
    assert "empty it and save" in page or "清空后保存" in page
    posted = {f"text-{code}": text for code, (_, text) in areas.items()}
    response = client.post(reverse("bulletins:edit", args=[draft.pk]),
                           {**posted, "revision": draft.revision, "text-targets": "十月目标总体正常。"})
    assert response.status_code == 302
    assert Bulletin.objects.get(pk=draft.pk).narratives == {"targets": "十月目标总体正常。", "narrative": long_text}


def test_downloads_are_named_by_the_number_and_the_annex_says_yes_or_no(world, draft, client):
    """An issued bulletin downloads as 演环通〔2026〕1号-<title>.docx (RFC 5987 filename*), a draft as
    通报草稿-2026-10; the annex's bottom-N column reads 是/否."""
    from urllib.parse import unquote

    from ecoplan.bulletins import content
    from ecoplan.reporting.bulletin import Sheet

    client.force_login(world["coordinator"])
    response = client.get(reverse("bulletins:download", args=[draft.pk, "pdf"]))
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1]) == "通报草稿-2026-10.pdf"
    issued = actions.do_issue(world["coordinator"], draft)
    response = client.get(reverse("bulletins:download", args=[issued.pk, "docx"]))
    name = unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert name == f"{issued.number}-{content.title_of(issued)}.docx" and name.startswith("演环通〔")
    snapshot = {**issued.snapshot, "rankings": [{
        "name": "PM2.5排名", "metric_name": "PM2.5", "unit": "µg/m³", "rows": [
            {"name": "东湖街道", "value": "30", "rank": 1, "previous_rank": None, "change": None,
             "improvement": None, "bottom": False, "reason": ""},
            {"name": "南苑镇", "value": "40", "rank": 2, "previous_rank": None, "change": None,
             "improvement": None, "bottom": True, "reason": ""}]}]}
    from django.utils import translation

    with translation.override(content.LANGUAGE):
        sheet: Sheet = content.annex(snapshot)[1]
    assert [row[6] for row in sheet.rows] == ["否", "是"]


def test_the_new_draft_form_chooses_the_district_s_only_template(world, client):
    import re

    client.force_login(world["coordinator"])
    url = reverse("bulletins:plan", args=[world["plan"].pk])
    page = client.get(url).content.decode()
    assert re.search(rf'<option value="{world["template"].pk}" selected>', page)
    BulletinTemplate.objects.create(name="季度通报", district=world["district"], issuer="北京市演示区生态环境局",
                                    abbreviation="演环季")
    page = client.get(url).content.decode()
    assert " selected>" not in page.split('name="template"')[1].split("</select>")[0].replace(
        '<option value="" selected>', "")
