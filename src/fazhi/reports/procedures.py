"""The annual report's procedure, declared once (``fazhi.core.procedures``):
draft → internal review (comments) → approval by the principal leader (freezes the figures) →
submission to the recipients (1 March) → publication (1 April)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core.procedures import Procedure, Transition
from fazhi.reports import forms, permissions
from fazhi.reports.models import AnnualReport, Status

SERVICES = "fazhi.reports.services."

REPORT = Procedure(
    key="reports.report",
    label=_("法治政府建设年度报告"),
    model=AnnualReport,
    subject_arg="report",
    getter="fazhi.reports.selectors.report_get",
    detail_url=lambda report: reverse("reports:detail", args=[report.pk]),
    api_basename="reports-api:report",
    transitions=[
        Transition(
            name="review",
            label=_("提交内部审核"),
            service=SERVICES + "report_review_start",
            sources=(Status.DRAFT,),
            target=Status.REVIEW,
            authorize=permissions.may_edit,
        ),
        Transition(
            name="comment",
            label=_("提出审核意见"),
            service=SERVICES + "report_comment",
            sources=(Status.DRAFT, Status.REVIEW),
            authorize=permissions.may_review,
            form=forms.CommentForm,
            form_kwargs=lambda user, report: {"report": report},
        ),
        Transition(
            name="return_draft",
            label=_("退回修改"),
            service=SERVICES + "report_return",
            sources=(Status.REVIEW,),
            target=Status.DRAFT,
            authorize=permissions.may_review,
            form=forms.ReasonForm,
        ),
        Transition(
            name="approve",
            label=_("主要负责人批准（冻结数据）"),
            service=SERVICES + "report_approve",
            sources=(Status.REVIEW,),
            target=Status.APPROVED,
            authorize=permissions.may_approve,
            refusal=_("只有内部审核中的报告可以批准；批准后报告及其数据即冻结。"),
            refusal_code="report_frozen",
            description="批准报告并冻结每个指标的数值、分子分母、计算时间和所计记录。",
        ),
        Transition(
            name="submit",
            label=_("登记报送"),
            service=SERVICES + "report_submit",
            sources=(Status.APPROVED,),
            target=Status.SUBMITTED,
            authorize=permissions.may_edit,
            form=forms.SubmitForm,
        ),
        Transition(
            name="publish",
            label=_("向社会公开"),
            service=SERVICES + "report_publish",
            sources=(Status.SUBMITTED,),
            target=Status.PUBLISHED,
            authorize=permissions.may_edit,
            form=forms.PublishForm,
        ),
    ],
)
