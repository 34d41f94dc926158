"""Demo hook: one pre-review of a 2022 market-regulation draft, with a legal officer's
decisions on its findings, so the run page and the rule statistics have something to show."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from fazhi.review import services
from fazhi.review.models import ReviewRun

DEMO_TITLE = "海宁市促进个体工商户发展若干措施（征求意见稿）"
DEMO_TEXT = f"""{DEMO_TITLE}
第一条 为了促进个体工商户健康发展，根据《促进个体工商户发展条例》和《中华人民共和国行政许可法》第十二条，结合本市实际，制定本措施。
第二条 外地个体工商户在本市承接项目，须在本市设立分支机构。
第三条 政府采购项目同等条件下优先采购本地个体工商户的产品和服务。
第四条 个体工商户未按要求参加年度培训的，处五百元以上一千元以下罚款。
第五条 申请补助的，按照《法规规章备案条例》第十条的规定报送材料。
第六条 本措施自2022年10月1日起施行，有效期至2024年9月30日。
"""


def build(*, admin, stdout) -> None:
    if ReviewRun.objects.filter(title=DEMO_TITLE).exists():
        return
    users = get_user_model().objects.in_bulk(["drafter", "legal"], field_name="username")
    drafter, legal = users.get("drafter"), users.get("legal")
    if drafter is None or legal is None:
        return
    run = services.review_run_record(
        actor=drafter, text=DEMO_TEXT, as_of=dt.date(2022, 8, 15), title=DEMO_TITLE
    )
    for finding in run.findings.all():
        if finding.category in {"fair_competition", "legality"}:
            services.finding_decide(actor=legal, finding=finding, outcome="accepted")
        elif finding.rule == "citation.unknown_law":
            services.finding_decide(
                actor=legal,
                finding=finding,
                outcome="dismissed",
                reason="《促进个体工商户发展条例》为现行行政法规，法律法规库尚未收录。",
            )
    if stdout is not None:
        stdout.write(f"自动预审：演示预审 1 次，{run.findings.count()} 处发现")
