"""Fixtures for normdocs: review types, number series, and a helper that walks a document
through its life up to a chosen step (dates in 2022, as the demo)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from docx import Document

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations import services as consultation_services
from fazhi.core import services as core_services
from fazhi.core.models import Role
from fazhi.normdocs import services
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.rules import REGISTRATION_SERIES
from tests.factories import user_with_role

# Tests walk a 2022 document: every dated act is a paper record entered today.
PAPER = "按2022年纸质记录补录"

BODY = (
    "海宁市促进小微企业发展的若干意见\n"
    "第一条 为促进小微企业健康发展，根据有关规定，制定本意见。\n"
    "第二条 本意见适用于本市行政区域内的小微企业。\n"
    "第三条 本意见自发布之日起施行，有效期五年。"
)


def docx_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()


@dataclass
class Setup:
    tree: object
    users: dict
    finance_legal: object

    def create(self, **overrides) -> NormativeDocument:
        arguments = {
            "actor": self.users["drafter"],
            "organization": self.tree.market,
            "issuing_body": self.tree.city,
            "title": "海宁市促进小微企业发展的若干意见",
            "body": BODY,
            "drafting_explanation": "落实上级部署。",
            "legal_bases": "《中华人民共和国中小企业促进法》",
            "market_related": True,
        }
        arguments.update(overrides)
        return services.document_create(**arguments)

    def through_comment(self, document: NormativeDocument) -> NormativeDocument:
        drafter = self.users["drafter"]
        services.comment_open(
            actor=drafter,
            document=document,
            starts_on=dt.date(2022, 3, 1),
            ends_on=dt.date(2022, 3, 31),
            backdate_reason=PAPER,
        )
        consultation = consultation_selectors.consultation_for(document)
        comment = consultation_services.comment_submit(
            consultation=consultation,
            body="建议明确扶持标准",
            anchor="art-2",
            at=dt.datetime(2022, 3, 10, 10, tzinfo=dt.UTC),
        )
        consultation_services.comment_moderate(comment=comment, approve=True, actor=drafter)
        consultation_services.comment_respond(
            comment=comment, outcome="partly", reason="标准另行制定", actor=drafter
        )
        consultation_services.consultation_close(
            consultation=consultation, actor=drafter, on=dt.date(2022, 4, 1), backdate_reason=PAPER
        )
        consultation_services.adoption_summary_publish(
            consultation=consultation, text="收到意见1条，部分采纳。", actor=drafter
        )
        document.refresh_from_db()
        return document

    def submitted(self, document: NormativeDocument) -> NormativeDocument:
        self.through_comment(document)
        services.review_submit(
            actor=self.users["drafter"],
            document=document,
            review_type_codes=["fair-competition", "fiscal"],
            on=dt.date(2022, 4, 6),
            backdate_reason=PAPER,
        )
        document.refresh_from_db()
        return document

    def reviewed(self, document: NormativeDocument) -> NormativeDocument:
        self.submitted(document)
        reviews = {r.review_type.code: r for r in document.joint_reviews.all()}
        services.joint_review_record(
            actor=self.users["department_legal_officer"],
            review=reviews["fair-competition"],
            outcome="passed",
            competition_conclusion="no_effect",
            on=dt.date(2022, 4, 8),
        )
        services.joint_review_record(
            actor=self.finance_legal,
            review=reviews["fiscal"],
            outcome="passed",
            competition_conclusion="no_effect",
            on=dt.date(2022, 4, 8),
        )
        services.legality_conclude(
            actor=self.users["justice_legal_officer"],
            document=document,
            outcome="lawful",
            opinion="合法。",
            on=dt.date(2022, 4, 15),
            backdate_reason=PAPER,
        )
        document.refresh_from_db()
        return document

    def deliberated(self, document: NormativeDocument) -> NormativeDocument:
        self.reviewed(document)
        services.deliberation_record(
            actor=self.users["drafter"],
            document=document,
            meeting_kind="executive",
            meeting_date=dt.date(2022, 4, 20),
            approved=True,
            minutes="市政府第十次常务会议审议通过。",
        )
        document.refresh_from_db()
        return document

    def issued(self, document: NormativeDocument) -> NormativeDocument:
        self.deliberated(document)
        services.document_issue(
            actor=self.users["justice_legal_officer"],
            document=document,
            series_key="city-normative",
            issued_on=dt.date(2022, 4, 25),
        )
        document.refresh_from_db()
        return document


@pytest.fixture
def setup(tree, users) -> Setup:
    admin = users["administrator"]
    finance_legal = user_with_role(
        Role.DEPARTMENT_LEGAL_OFFICER, tree.enforcement, username="finance-legal"
    )
    services.review_type_configure(
        actor=admin,
        code="fair-competition",
        name="公平竞争审查",
        owner_unit=tree.market,
        configured_on=dt.date(2022, 1, 1),
        required_for_market_related=True,
    )
    services.review_type_configure(
        actor=admin,
        code="fiscal",
        name="财政政策审查",
        owner_unit=tree.enforcement,
        configured_on=dt.date(2022, 1, 1),
    )
    core_services.number_series_create(
        key="city-normative",
        name="市政府行政规范性文件",
        template="海政规〔{year}〕{seq}号",
        organization=tree.city,
        actor=admin,
    )
    core_services.number_series_create(
        key=REGISTRATION_SERIES,
        name="规范性文件统一登记号",
        template="ZJHN00-{year}-{seq:04d}",
        organization=tree.justice,
        actor=admin,
    )
    return Setup(tree=tree, users=users, finance_legal=finance_legal)
