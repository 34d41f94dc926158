"""The demo's annual report: Haining's 2022 report drafted from the demo's own figures.

The generated draft fills the sections with figure references; the qualitative parts (C2
shortcomings, C4 plans) are the seed report's own words, as staff would write them. The report
is left in internal review for the leader to approve.
"""

from __future__ import annotations

from fazhi.core.models import Organization
from fazhi.demo import haining
from fazhi.reports import services
from fazhi.reports.models import AnnualReport, SectionCode

YEAR = 2022
ADDRESSEE = "中共嘉兴市委、嘉兴市人民政府"
ISSUER = "中共海宁市委 海宁市人民政府"

SHORTCOMINGS = (
    "对标更高标准、更严要求，还存在一定差距。一是法制力量有待进一步加强。市级行政执法部门、"
    "镇(街道)法制人才资源紧缺，特别是精通行政法的高层次专业人才尤其稀缺，与其所承担的法制审核"
    "任务不相适应。二是制度建设有待进一步加强。重大行政决策事项目录把握还不准，公众参与程度"
    "不够高；部门之间、镇(街道)之间行政规范性文件数量不平衡，水平参差不齐。"
)
PLANS = (
    "（一）深化镇(街道)法治化综合改革，为“大综合一体化”行政执法改革夯实基层根基。\n"
    "（二）优化重大行政决策管理制度，为依法决策提供“最佳参考”。\n"
    "（三）打造最优营商环境，完善行政规范性文件审查备案制度。"
)


def build(*, admin, stdout=None) -> None:
    city = Organization.objects.filter(code=haining.CITY[0]).first()
    if city is None or AnnualReport.objects.filter(organization=city, year=YEAR).exists():
        return
    report = services.report_create(
        actor=admin,
        organization=city,
        year=YEAR,
        addressee=ADDRESSEE,
        issuer=ISSUER,
        title=f"海宁市{YEAR}年度法治政府建设情况报告",
    )
    services.report_generate_draft(actor=admin, report=report)
    texts = {SectionCode.C2: SHORTCOMINGS, SectionCode.C4: PLANS, SectionCode.C5: "无。"}
    for section in report.sections.all():
        if section.code in texts:
            services.section_update(actor=admin, section=section, body=texts[section.code])
    services.report_review_start(actor=admin, report=report)
    if stdout is not None:
        stdout.write(f"年度报告：{report.title}（内部审核中）")
