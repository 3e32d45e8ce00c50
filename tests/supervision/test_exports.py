"""The assessment workbook writes formula-like text (unit names, plan title) as text."""
import io

from openpyxl import load_workbook

from ecoplan.plans.models import Organisation


def test_assessment_xlsx_writes_formula_like_text_as_text(world, client):
    plan = world["plan"]
    plan.title = "=HYPERLINK(\"http://evil.example\",\"规划\")"
    plan.save(update_fields=["title"])
    Organisation.objects.filter(pk=world["market"].pk).update(name="@SUM(1+1)*cmd|' /C calc'!A0")
    client.login(username="coord", password="pw-123456")
    response = client.get(f"/supervision/plans/{plan.pk}/assessment/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row}
    for text in (plan.title, "@SUM(1+1)*cmd|' /C calc'!A0"):
        assert cells[text].data_type == "s", text
