"""A realistic bulletin built by hand (no database): the renderers' tests and `make bench` use it."""
from __future__ import annotations

from dataclasses import replace

from ecoplan.reporting.bulletin import BarChart, Document, Section, Sheet, Table, Text

_FIRST = "东西南北金银青白长永新安和平兴华丰顺通宁康泰福寿龙凤"
_SECOND = "城门桥山湖河园庄营店口坝湾坡台林塘"
_KIND = ("街道", "镇", "乡", "地区")


def area_names(n: int) -> list[str]:
    """``n`` distinct sub-area names: 东城街道, 西门镇, …"""
    names: list[str] = []
    for i in range(n):
        a, b = _FIRST[i % len(_FIRST)], _SECOND[(i // len(_FIRST)) % len(_SECOND)]
        names.append(f"{a}{b}{'新' * (i // (len(_FIRST) * len(_SECOND)))}{_KIND[i % len(_KIND)]}")
    return names


def ranking(n: int = 330) -> tuple[list[str], list[float | None]]:
    names = area_names(n)
    values: list[float | None] = [round(24 + (i * 37 % 97) / 3.7, 1) for i in range(n)]
    values[7] = None  # no valid data: listed unranked
    return names, values


def sample_document(*, draft: bool = True, areas: int = 330) -> Document:
    names, values = ranking(areas)
    order = sorted((i for i in range(areas) if values[i] is not None), key=lambda i: values[i] or 0)
    rows = [[str(rank), names[i], f"{values[i]:.1f}", str(rank + 3 if rank % 5 else rank), f"{(rank % 7) - 3:+d}",
             f"{(rank % 11) - 5:.1f}%"] for rank, i in enumerate(order, start=1)]
    rows.append(["—", names[7], "—", "—", "—", "数据不足（有效天数少于27天）"])
    bottom = tuple(range(len(order) - 10, len(order)))
    twenty = order[-20:]
    chart = BarChart(title="图1 2026年10月PM2.5浓度排名后20位的街道（乡镇）", categories=[names[i] for i in twenty],
                     values=[values[i] for i in twenty], unit="单位：微克/立方米", marked=tuple(range(10, 20)),
                     line=35.0, line_label="年度目标 35")
    few = BarChart(title="图2 各片区降尘量", categories=["东部片区", "西部片区", "南部片区", "北部片区"],
                   values=[4.2, 5.1, None, 3.8], unit="单位：吨/平方千米·月", marked=(1,))
    targets = Table(title="表1 2026年重点目标完成情况", header=["目标", "目标值", "10月累计", "判断"],
                    rows=[["PM2.5年均浓度", "≤35微克/立方米", "33.8", "达标"],
                          ["优良天数比例", "≥75%", "72.1%", "有风险"],
                          ["重污染天数", "≤3天", "4天", "未达标"],
                          ["降尘量", "≤5吨/平方千米·月", "4.6", "达标"]],
                    widths=[3, 2, 1.5, 1.2], marked=(2,), note="判断依据：区生态环境局截至2026年10月31日数据。")
    table = Table(title="表2 2026年10月各街道（乡镇）PM2.5浓度排名", header=["排名", "街道（乡镇）", "浓度",
                  "上月排名", "名次变化", "改善率"], rows=rows, widths=[0.8, 2.4, 1, 1, 1, 1.6], marked=bottom,
                  note="数值按GB/T 8170修约至0.1后排名，并列者名次相同；浓度越低排名越靠前。数据截至2026年11月3日。")
    late = Table(title="表3 未按时报送的单位", header=["单位", "应报措施", "逾期措施"],
                 rows=[["区城管委", "12", "3"], ["区交通局", "8", "1"], ["长城镇人民政府", "15", "5"]])
    sections = [
        Section("一、全区空气质量总体情况", [
            Text("2026年10月，全区PM2.5平均浓度为33.8微克/立方米，同比下降4.5%；优良天数比例为72.1%，"
                 "较年度目标低2.9个百分点，完成年度目标存在一定风险。"),
            Text("一是PM2.5浓度持续改善。", emphasis=True),
            targets,
        ]),
        Section("二、各街道（乡镇）排名情况", [
            Text("按照《演示区大气污染防治考核办法》，现将各街道（乡镇）PM2.5浓度排名情况通报如下。"
                 "排名后10位的街道（乡镇）以底色标出，请相关单位认真分析原因，制定整改措施。"),
            table, chart, few,
        ]),
        Section("三、工作措施推进情况", [
            Text("截至10月31日，应报送措施312项，已按时报送289项，按时报送率92.6%。以下单位存在逾期未报情况："),
            late,
        ]),
        Section("四、空白章节", []),
    ]
    annex = [Sheet("PM2.5排名", ["排名", "街道（乡镇）", "浓度", "改善率"],
                   [[int(r[0]) if r[0].isdigit() else None, r[1], float(r[2]) if r[2] != "—" else None,
                     r[5]] for r in rows]),
             Sheet("目标", ["目标", "目标值", "10月累计"], [["PM2.5年均浓度", 35, 33.8], ["=HYPERLINK(\"x\")", 1, -2]])]
    doc = Document(issuer="北京市演示区生态环境局", title="关于2026年10月全区生态环境保护工作情况的通报",
                   number="" if draft else "演环通〔2026〕10号", date="2026年11月5日",
                   recipients="各镇人民政府，各街道办事处，区政府各委、办、局",
                   sections=sections,
                   closing=[Text("请各单位对照排名结果，举一反三，切实抓好整改落实。"),
                            Text("特此通报。")],
                   signature="北京市演示区生态环境局", draft=draft, draft_mark="征求意见稿",
                   footer="本通报由ecoplan根据截至2026年11月3日的数据生成。", annex=annex)
    return doc


def corrected_document() -> Document:
    return replace(sample_document(draft=False), number="演环通〔2026〕10号", version=2,
                   correction="更正说明：第2版更正了表2中金城街道的浓度（原为41.2，应为38.6），其余内容不变。")
