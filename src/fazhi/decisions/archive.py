"""The decision's file as one archive for the record (第33条): a DOCX of the whole file, in
procedure order, plus every attached document, zipped.

The file is an official document of the shared engine (``core.documents``: A4, GB/T 9704-2012
margins and fonts), with people's names rather than account names.
"""

from __future__ import annotations

import io
import zipfile

from django.core.files.storage import default_storage
from django.utils import timezone

from fazhi.consultations import selectors as consultation_selectors
from fazhi.core import documents
from fazhi.core.documents import Heading, Paragraph, Table
from fazhi.core.documents.records import cn_date, person_name
from fazhi.decisions import selectors
from fazhi.decisions.domain import StepStatus
from fazhi.decisions.labels import CHECK_LABELS, STEP_LABELS
from fazhi.decisions.models import Decision, ProcedureStep

DOCX_NAME = "决策档案.docx"


def _value(value) -> str:
    if value in (None, ""):
        return "—"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if hasattr(value, "year") and hasattr(value, "day") and not hasattr(value, "hour"):
        return cn_date(value)
    return str(value)


class _Builder:
    """Collects the blocks of the file in order (the former python-docx calls, one for one)."""

    def __init__(self) -> None:
        self.blocks: list[Heading | Paragraph | Table] = []

    def add_heading(self, text: str, level: int) -> None:
        self.blocks.append(Heading(text, level))

    def add_paragraph(self, text: str) -> None:
        self.blocks.append(Paragraph(text))


def _table(document: _Builder, rows: list[tuple[str, object]]) -> None:
    document.blocks.append(Table([(label, _value(value)) for label, value in rows], header=False))


CHINESE_NUMBERS = "一二三四五六七八九十"


def _second_level(number: int) -> str:
    return f"（{CHINESE_NUMBERS[number - 1]}）" if number <= 10 else f"（{number}）"


def _participation_rows(decision: Decision) -> list[tuple[str, object]]:
    """The consultation's facts, from the shared consultation component."""
    consultation = consultation_selectors.consultation_for(decision)
    if consultation is None:
        return []
    stats = consultation_selectors.consultation_stats(consultation)
    return [
        ("征求意见", consultation.title),
        ("征求意见期间", f"{consultation.starts_on} 至 {consultation.ends_on}"),
        ("收到意见数", stats.comments_received),
        ("采纳意见数（含部分采纳）", stats.adopted + stats.partly),
        ("未采纳意见数", stats.not_adopted),
    ]


def _step_rows(step: ProcedureStep, decision: Decision) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [("状态", step.get_status_display())]
    if step.status == StepStatus.SKIPPED:
        return [
            *rows,
            ("不适用理由", step.skip_reason),
            ("不适用依据", step.skip_basis),
            ("记录日期", step.completed_on),
        ]
    kind_rows = {
        "public_participation": [
            *_participation_rows(decision),
            ("征求意见途径", step.channel),
            ("缩短期限理由", step.shortened_reason),
            ("听证会/座谈会日期", step.hearing_held_on),
        ],
        "expert_argumentation": [("论证组织单位", step.organizer), ("论证专家", step.experts)],
        "risk_assessment": [
            ("评估单位", step.assessor),
            ("风险等级", step.get_risk_level_display()),
            ("风险防范化解措施", step.mitigation),
        ],
        "legality_review": [
            ("审查期限届满日", step.review_due_on),
            ("审查结论", step.get_legality_outcome_display()),
        ],
        "collective_discussion": [
            ("会议", f"{step.meeting_name}（{step.get_meeting_type_display()}）"),
            ("会议结果", step.get_meeting_result_display()),
            ("行政首长最后发表意见", step.head_spoke_last),
            ("不同意见", step.dissent),
            ("与多数意见不一致的理由", step.majority_differs_reason),
        ],
    }[step.kind]
    return [
        *rows,
        ("开始日期", step.started_on),
        ("完成日期", step.completed_on),
        *kind_rows,
        ("情况说明", step.summary),
    ]


def decision_document(decision: Decision) -> documents.OfficialDocument:
    file = selectors.decision_file(decision)
    entry = decision.entry
    document = _Builder()
    document.add_paragraph(f"生成时间：{timezone.localtime():%Y年%m月%d日 %H:%M}（北京时间）")
    document.add_heading("一、目录事项与启动", level=1)
    _table(
        document,
        [
            ("目录", entry.catalog.title),
            ("序号", entry.sequence),
            ("类别", entry.get_category_display()),
            ("承办单位", decision.organization.name),
            ("法律政策依据", entry.basis),
            ("计划完成时间", entry.planned_completion),
            ("启动日期", decision.launched_on),
            ("决策草案说明", decision.draft_summary),
            ("当前状态", decision.get_status_display()),
        ],
    )
    document.add_heading("二、法定程序", level=1)
    for number, step in enumerate(file["steps"], start=1):
        document.add_heading(f"{_second_level(number)}{STEP_LABELS[step.kind]}", level=2)
        _table(document, _step_rows(step, decision))
    document.add_heading("三、“三查”", level=1)
    if file["checks"]:
        for number, check in enumerate(file["checks"], start=1):
            document.add_heading(f"{_second_level(number)}{CHECK_LABELS[check.kind]}", level=2)
            _table(
                document,
                [
                    ("检查人", check.checker),
                    ("检查日期", check.checked_on),
                    ("结论", check.get_outcome_display()),
                    ("发现问题", check.findings),
                    ("整改情况", check.rectification),
                ],
            )
    else:
        document.add_paragraph("尚未记录。")
    document.add_heading("四、公布与执行", level=1)
    _table(
        document,
        [
            ("决定日期", decision.decided_on),
            ("向党委请示报告日期", decision.party_report_on),
            ("公布日期", decision.published_on),
            ("公布途径", decision.publication_channel),
            ("文号", decision.document_number),
            ("执行单位", decision.executing_unit.name if decision.executing_unit else None),
        ],
    )
    for report in file["reports"]:
        document.add_paragraph(
            f"{cn_date(report.reported_on)} 执行情况：{report.progress}"
            + (f"；存在问题：{report.problems}" if report.problems else "")
        )
    document.add_heading("五、决策后评估", level=1)
    evaluation = file["evaluation"]
    if evaluation is None:
        document.add_paragraph("未开展。")
    else:
        _table(
            document,
            [
                ("评估情形", evaluation.get_trigger_display()),
                ("评估单位", evaluation.evaluator),
                ("第三方评估", evaluation.is_third_party),
                ("启动日期", evaluation.commissioned_on),
                ("完成日期", evaluation.completed_on),
                ("评估结论", evaluation.findings),
                ("评估建议", evaluation.get_recommendation_display()),
            ],
        )
    document.add_heading("六、调整、中止与停止执行", level=1)
    if file["changes"]:
        for change in file["changes"]:
            document.add_paragraph(
                f"{cn_date(change.changed_on)} {change.get_kind_display()}：{change.reason}"
                + (f"（{change.content}）" if change.content else "")
            )
    else:
        document.add_paragraph("无。")
    document.add_heading("七、材料目录", level=1)
    if file["attachments"]:
        for index, attachment in enumerate(file["attachments"], start=1):
            document.add_paragraph(
                f"{index}. {attachment.title}（{attachment.file_name}，SHA-256 {attachment.sha256}）"
            )
    else:
        document.add_paragraph("无。")
    document.add_heading("八、办理过程", level=1)
    for event in file["events"]:
        actor = person_name(event["actor"]) or "—"
        subject = f"（{event['subject']}）" if event["subject"] else ""
        document.add_paragraph(
            f"{timezone.localtime(event['at']):%Y年%m月%d日 %H:%M} {event['label']}{subject} {actor}"
        )
    return documents.OfficialDocument(
        title=f"重大行政决策档案：{decision.title}",
        number=decision.document_number,
        blocks=document.blocks,
        issuer=decision.organization.name,
        date=timezone.localdate(),
    )


def decision_docx(decision: Decision) -> bytes:
    return documents.render_docx(decision_document(decision))


def decision_archive(decision: Decision) -> bytes:
    """ZIP: the DOCX file record and ``附件/NN_<name>`` for each attachment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DOCX_NAME, decision_docx(decision))
        for index, attachment in enumerate(decision.attachments.all(), start=1):
            with default_storage.open(attachment.storage_name, "rb") as handle:
                archive.writestr(f"附件/{index:02d}_{attachment.file_name}", handle.read())
    return buffer.getvalue()
