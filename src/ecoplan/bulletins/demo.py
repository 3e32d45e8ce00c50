"""The demo district's bulletin (fictional, clearly labelled): the bureau's template, four saved
rankings of its streets and towns, and the October 2026 bulletin as a draft in the product and as
DOCX, PDF and XLSX files in ``ECOPLAN_DATA_DIR/demo/``."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from ecoplan.plans.models import Area, Plan
from ecoplan.rankings.models import RankingDefinition

from . import actions, content
from .models import Bulletin, BulletinTemplate

TEMPLATE = "演示区生态环境工作月度通报"
PERIOD = "2026-10"
RANKINGS = [  # name, metric, span, bottom N, sand and dust days left out
    ("街道（镇）PM2.5月均浓度排名", "pm25", "month", 1, False),
    ("街道（镇）PM2.5累计浓度排名", "pm25", "ytd", 1, False),
    ("街道（镇）优良天数比例排名", "good_day_ratio", "month", 1, False),
    ("街道（镇）降尘量排名", "dustfall", "month", 1, True),
]
CLOSING = """一是对标年度目标，排名靠后的街道（镇）要认真分析原因，制定整改措施，于{next_month}10日前报区生态环境局。
二是未按时报送工作进展的单位，要于3个工作日内补报，并说明原因。
三是逾期未完成任务的牵头单位要倒排工期、明确时限，确保年底前完成{plan}各项任务。"""


def template_for(district: Area) -> BulletinTemplate:
    """The demo bureau's template and its rankings (made once)."""
    template, created = BulletinTemplate.objects.get_or_create(name=TEMPLATE, defaults={
        "district": district, "issuer": f"北京市{district.name}生态环境局", "abbreviation": "演环通",
        "recipients": "各镇人民政府，各街道办事处，区政府各委、办、局",
        "opening": "为推动《{plan}》各项任务落实，现将{period}全区生态环境保护工作情况通报如下：",
        "closing": CLOSING, "signature": f"北京市{district.name}生态环境局", "bottom_n": 1})
    if created:
        for name, metric, span, bottom_n, dust in RANKINGS:
            definition, _ = RankingDefinition.objects.get_or_create(area=district, name=name, defaults={
                "metric": metric, "span": span, "bottom_n": bottom_n, "exclude_dust": dust})
            template.rankings.add(definition)
    return template


def load(plan: Plan, folder: Path, as_of: date | None = None) -> dict:
    """The October 2026 bulletin of the demo plan: a draft (made once) and its three files."""
    if plan.district_id is None:
        return {}
    template = template_for(plan.district)
    draft = Bulletin.objects.filter(plan=plan, template=template, period=PERIOD).order_by("-version").first()
    made = draft is None
    if draft is None:
        draft = actions.do_create_draft(None, plan, template, PERIOD, as_of)
    folder.mkdir(parents=True, exist_ok=True)
    doc = content.document(draft)
    files = {}
    for fmt in content.FORMATS:
        path = folder / f"demo-bulletin-{PERIOD}.{fmt}"
        path.write_bytes(content.render(doc, fmt))
        files[fmt] = path
    return {"bulletin": draft, "made": made, "files": files}
