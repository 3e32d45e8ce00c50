"""A task table's target rows are read statement by statement (issue #9): the qualitative and the
carried statements of a 主要目标 row are targets, not dropped — on a table of our own, not a seed."""
from ecoplan.importers import import_bytes

TABLE = """江苏省示例县人民政府办公室
示政办发〔2025〕3号
2025年2月10日
附件1
示例县2025年生态环境保护工作任务清单
序号\t重点任务\t工作措施\t完成时限\t牵头单位\t配合单位
一、主要目标\t\t\t\t\t
1\t环境质量目标\tPM2.5年均浓度不高于28微克/立方米，优良天数比率达到85%；水生态环境质量稳中向好，地下水水质总体保持稳定；建设用地土壤环境风险得到有效管控；碳排放强度同比持续下降，较2020年累计下降18%左右。\t年底前\t县生态环境局\t各镇人民政府
二、大气污染防治\t\t\t\t\t
2\t扬尘管控\t开展建筑工地扬尘专项检查，降尘量控制在5吨/平方公里·月以内。\t长期实施\t县住房城乡建设局\t县城管局
"""


def test_the_statements_of_a_target_row_are_each_a_target():
    result = import_bytes(TABLE.encode("utf-8"), "示例县任务清单.txt")
    found = [(t.indicator_code, t.comparator, t.value and float(t.value), t.period) for t in result.targets]
    assert found == [
        ("pm25", "<=", 28.0, "year"), ("good_day_ratio", ">=", 85.0, "year"),
        ("", "qualitative", None, "year"),  # 水生态环境质量稳中向好
        ("", "qualitative", None, "year"),  # 地下水水质总体保持稳定
        ("", "qualitative", None, "year"),  # 建设用地土壤环境风险得到有效管控
        ("co2_intensity", "improve", None, "year"), ("co2_intensity", "≈", 18.0, "cumulative")]
    assert [t.raw for t in result.targets][2:5] == ["水生态环境质量稳中向好", "地下水水质总体保持稳定",
                                                   "建设用地土壤环境风险得到有效管控"]
    # a measure row outside the 主要目标 section states no target (降尘量 in a work measure)
    assert not any(t.indicator_code == "dustfall" for t in result.targets)
