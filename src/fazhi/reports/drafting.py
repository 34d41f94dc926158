"""The generated first draft: seed-like sentences on the indicators and records of a scope/year.

Each sentence names its figures as references; a sentence whose indicators are not (yet)
registered is left out, so the figures of apps still being built appear as they register.
Staff then edit the draft; nothing here is typed as a number.
"""

from __future__ import annotations

from fazhi.core import indicators
from fazhi.reports.figures import references
from fazhi.reports.models import SectionCode

# (section, paragraph of sentences); each sentence is kept only if all its references resolve.
# A tuple offers alternatives: the first whose references all resolve is kept (so a figure of
# core shows before the app that completes its sentence lands).
PARAGRAPHS: list[tuple[str, list[str | tuple[str, ...]]]] = [
    (
        SectionCode.C3,
        [
            "党政主要负责人切实履行法治建设第一责任人职责，认真做好法治建设统筹谋划、组织实施和督促检查工作。",
            "成功举办{{learning.leader_training_classes}}期科(局)级领导干部学习贯彻习近平法治思想培训班。",
            "{year}年市政府常务会议集体学习法律法规{{learning.exec_meeting_law_study}}次。",
            "组织任前法律知识考试{{learning.preappointment_exams}}场，参加考试人员{{learning.preappointment_examinees}}人，合格率{{learning.preappointment_pass_rate}}。",
            "共有{{learning.leaders_reporting_on_law}}名市管领导干部参加述法。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "集中组织各类线下学法培训{{learning.officer_training_sessions}}次，{{learning.officers_trained}}名行政执法人员参加学法，覆盖率{{learning.officer_training_coverage}}。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "完成新一届{{supervision.special_supervisors}}名特邀行政执法监督员选聘。",
            "开展专项监督检查及执法质效评议{{supervision.special_campaigns}}次。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "《法治潮头》普法栏目已播出{{publicity.program_episodes}}期，观看{{publicity.program_views}}人次。",
            (
                "在全市{{grassroots.villages}}个行政村{{grassroots.village_groups}}个村民小组构建以{{grassroots.legal_literates}}名法律明白人、{{grassroots.rule_of_law_leaders}}名法治带头人和{{grassroots.model_households}}个学法用法示范户为架构的乡村普法服务体系，村民小组“法律明白人”覆盖率{{grassroots.legal_literate_group_coverage}}。",
                "全市共有{{grassroots.villages}}个行政村、{{grassroots.village_groups}}个村民小组。",
            ),
        ],
    ),
    (
        SectionCode.C1,
        [
            "将行政合法性审查与公平竞争审查等{{normdocs.joint_review_units}}个单位{{normdocs.joint_review_types}}项审查有机整合。",
            "{year}年，共制发行政规范性文件{{normdocs.issued_by_city_government}}件，公开征求意见率{{normdocs.public_comment_rate}}。",
            "全年开展规范性文件专项检查{{normdocs.special_inspections}}次，查摆各类问题{{normdocs.inspection_findings}}条。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "{catalog_titles}{{decisions.catalog_entries}}项决策列入重大行政决策目录化管理范畴，严格执行公众参与、专家论证、风险评估、合法性审查、集体决策五大程序。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "全面梳理轻微违法免罚事项{{enforcement.minor_violation_exemptions}}项，并实现动态调整。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "实施{{services.one_thing_items}}项便民利企“一件事”集成改革。",
            "进一步完善公证信息查询机制，实现{{services.notary_one_visit_categories}}类{{services.notary_one_visit_items}}项“最多跑一次”。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "{{enforcement.items_transferred}}项行政处罚事项划转综合执法，赋权长安、黄湾行政处罚事项{{enforcement.items_delegated_changan_huangwan}}项，其他镇街{{enforcement.items_delegated_other_towns}}项。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "全市{{grassroots.towns_with_committee}}个镇(街道)建立全面依法治镇(街道)委员会，覆盖率{{grassroots.town_committee_coverage}}。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "全年全市人民调解组织共调处各类矛盾纠纷{{disputes.mediation_cases}}起，成功调处{{disputes.mediation_successes}}件，调处成功率{{disputes.mediation_success_rate}}。",
        ],
    ),
    (
        SectionCode.C1,
        [
            "{year}年共办理行政复议案件{{reconsideration.received}}件，办结{{reconsideration.concluded}}件，调解成功率{{reconsideration.mediation_rate}}，复议后起诉率{{reconsideration.litigated_after_rate}}，复议决定被法院判决败诉{{reconsideration.lost_in_court}}件。",
            "各级审判机关共审结以本地行政机关为被告的一审行政诉讼案件{{litigation.first_instance_concluded}}件，行政案件调撤率{{litigation.mediated_or_withdrawn_rate}}。",
            "在一审已结行政诉讼案件中，行政机关负责人应出庭{{litigation.head_appearance_required}}次，实际出庭{{litigation.head_appearance_actual}}次（其中正职负责人出庭{{litigation.head_appearance_principal}}次），出庭率{{litigation.head_appearance_rate}}。",
        ],
    ),
]


def _catalog_titles(year: int, scope) -> str:
    """ "经审议，将A、B、C等" — the year's catalogued decisions by name (records, not figures)."""
    selected = indicators.records("decisions.catalog_entries", year, scope)
    if selected is None:
        return "将"
    titles = list(selected.queryset.values_list("title", flat=True)[:3])
    if not titles:
        return "将"
    return "经市政府常务会议审议，将" + "、".join(titles) + "等"


def _registered(sentence: str) -> bool:
    return all(indicators.get(key) is not None for key in references(sentence))


def _choose(sentence: str | tuple[str, ...]) -> str | None:
    options = (sentence,) if isinstance(sentence, str) else sentence
    return next((option for option in options if _registered(option)), None)


def draft_sections(year: int, scope) -> dict[str, str]:
    """Section code → generated text (paragraphs separated by blank lines)."""
    context: dict[str, str] = {"year": str(year), "catalog_titles": ""}
    if "{catalog_titles}" in str(PARAGRAPHS):
        context["catalog_titles"] = _catalog_titles(year, scope)
    paragraphs: dict[str, list[str]] = {}
    for code, sentences in PARAGRAPHS:
        kept = [chosen for s in sentences if (chosen := _choose(s)) is not None]
        if not kept:
            continue
        text = "".join(
            s.replace("{year}", str(year)).replace("{catalog_titles}", context["catalog_titles"])
            for s in kept
        )
        paragraphs.setdefault(code, []).append(text)
    return {code: "\n\n".join(texts) for code, texts in paragraphs.items()}
