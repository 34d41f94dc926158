"""Forms of the decision pages: each one's fields are the keyword arguments of one service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import model_field
from fazhi.core.models import Organization, OrganizationKind
from fazhi.decisions.domain import CheckKind, StepKind
from fazhi.decisions.labels import STEP_LABELS
from fazhi.decisions.models import (
    AdjustmentKind,
    Category,
    ChangeKind,
    CheckOutcome,
    EvaluationTrigger,
    LegalityOutcome,
    MeetingResult,
    MeetingType,
    Recommendation,
    RiskLevel,
)

if TYPE_CHECKING:
    from fazhi.decisions.models import CatalogEntry

DATE = forms.DateInput(attrs={"type": "date"})


def _units():
    return Organization.objects.filter(
        kind__in=[OrganizationKind.DEPARTMENT, OrganizationKind.TOWN]
    ).order_by("path")


def _date(label):
    return forms.DateField(label=label, widget=DATE)


def _text(label, required=True):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}), required=required)


class CatalogCreateForm(forms.Form):
    year = forms.IntegerField(label=_("年度"))
    title = forms.CharField(label=_("目录名称"), max_length=200)


class EntryProposeForm(forms.Form):
    title = forms.CharField(label=_("决策事项"), max_length=200)
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    organization = forms.ModelChoiceField(label=_("承办单位"), queryset=_units())
    basis = _text(_("法律政策依据"))
    planned_completion = _date(_("计划完成时间"))


class CatalogApproveForm(forms.Form):
    approval_meeting = forms.CharField(label=_("审定会议"), max_length=200)
    party_consent_on = _date(_("同级党委同意日期"))
    approved_on = _date(_("审定日期"))


class CatalogPublishForm(forms.Form):
    published_on = _date(_("公布日期"))


class CatalogAdjustForm(forms.Form):
    kind = forms.ChoiceField(label=_("调整类型"), choices=AdjustmentKind.choices)
    entry: forms.ModelChoiceField[CatalogEntry] = forms.ModelChoiceField(
        label=_("调整事项"), queryset=None, required=False
    )
    reason = _text(_("调整理由"))
    adjusted_on = _date(_("调整日期"))
    planned_completion = forms.DateField(label=_("计划完成时间"), widget=DATE, required=False)
    title = forms.CharField(label=_("增列事项名称"), max_length=200, required=False)
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", "—"), *Category.choices], required=False
    )
    organization = forms.ModelChoiceField(label=_("承办单位"), queryset=_units(), required=False)
    basis = _text(_("法律政策依据"), required=False)

    def __init__(self, *args, catalog, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "entry").queryset = catalog.entries.all()


class LaunchForm(forms.Form):
    launched_on = _date(_("启动日期"))
    draft_summary = _text(_("决策草案说明"))


class SkipForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("程序"),
        choices=[
            (StepKind.PUBLIC_PARTICIPATION, _("公众参与")),
            (StepKind.EXPERT_ARGUMENTATION, _("专家论证")),
            (StepKind.RISK_ASSESSMENT, _("风险评估")),
        ],
    )
    reason = _text(_("不适用理由"))
    basis = forms.CharField(label=_("不适用依据"), max_length=200)
    skipped_on = _date(_("日期"))


class ParticipationStartForm(forms.Form):
    starts_on = _date(_("征求意见开始日期"))
    ends_on = _date(_("征求意见截止日期"))
    channel = forms.CharField(label=_("征求意见途径"), max_length=200)
    draft_text = forms.CharField(
        label=_("征求意见稿正文"), widget=forms.Textarea(attrs={"rows": 10})
    )
    shortened_reason = _text(_("缩短期限理由（期限少于法定最短期限时必填）"), required=False)
    backdate_reason = forms.CharField(
        label=_("补录理由"),
        max_length=300,
        required=False,
        help_text=_("开始日期早于今天（补录纸质记录）的必填；补录不缩短在系统中进行的征求意见期"),
    )


class ParticipationCompleteForm(forms.Form):
    completed_on = _date(_("完成日期"))
    hearing_held_on = forms.DateField(label=_("听证会/座谈会日期"), widget=DATE, required=False)
    report = _text(_("意见采纳情况报告"))


class ExpertStartForm(forms.Form):
    started_on = _date(_("开始日期"))
    organizer = forms.CharField(label=_("论证组织单位"), max_length=200)
    experts = _text(_("论证专家"))


class ExpertCompleteForm(forms.Form):
    completed_on = _date(_("完成日期"))
    opinions = _text(_("专家意见及采纳情况"))


class RiskStartForm(forms.Form):
    started_on = _date(_("开始日期"))
    assessor = forms.CharField(label=_("评估单位"), max_length=200)


class RiskCompleteForm(forms.Form):
    completed_on = _date(_("完成日期"))
    risk_level = forms.ChoiceField(label=_("风险等级"), choices=RiskLevel.choices)
    report = _text(_("风险评估报告"))
    mitigation = _text(_("风险防范化解措施"))


class LegalitySubmitForm(forms.Form):
    submitted_on = _date(_("送审日期"))
    review_due_on = _date(_("审查期限届满日"))


class LegalityConcludeForm(forms.Form):
    concluded_on = _date(_("审查完成日期"))
    outcome = forms.ChoiceField(label=_("审查结论"), choices=LegalityOutcome.choices)
    opinion = _text(_("合法性审查意见"))


class CheckForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("审查环节"),
        choices=[
            (CheckKind.SELF_CHECK, _("承办部门自查")),
            (CheckKind.LEGAL_AGENCY_CHECK, _("法制机构再查")),
            (CheckKind.LEGAL_ADVISER_CHECK, _("法律顾问协查")),
        ],
    )
    checker = forms.CharField(label=_("检查人"), max_length=100)
    checked_on = _date(_("检查日期"))
    outcome = forms.ChoiceField(label=_("结论"), choices=CheckOutcome.choices)
    findings = _text(_("发现问题"), required=False)
    rectification = _text(_("整改情况"), required=False)


class CollectiveForm(forms.Form):
    meeting_type = forms.ChoiceField(label=_("会议类型"), choices=MeetingType.choices)
    meeting_name = forms.CharField(label=_("会议名称"), max_length=200)
    held_on = _date(_("会议日期"))
    result = forms.ChoiceField(label=_("会议结果"), choices=MeetingResult.choices)
    head_spoke_last = forms.BooleanField(label=_("行政首长最后发表意见"), required=False)
    minutes = _text(_("会议纪要"))
    dissent = _text(_("不同意见"), required=False)
    majority_differs_reason = _text(_("与多数意见不一致的理由"), required=False)


class PublishForm(forms.Form):
    party_report_on = _date(_("向党委请示报告日期"))
    published_on = _date(_("公布日期"))
    channel = forms.CharField(label=_("公布途径"), max_length=200)
    document_number = forms.CharField(label=_("文号"), max_length=60)
    executing_unit = forms.ModelChoiceField(label=_("执行单位"), queryset=_units())


class ImplementationForm(forms.Form):
    reported_on = _date(_("报告日期"))
    progress = _text(_("执行情况"))
    problems = _text(_("存在问题"), required=False)


class EvaluationCommissionForm(forms.Form):
    trigger = forms.ChoiceField(label=_("评估情形"), choices=EvaluationTrigger.choices)
    evaluator = forms.CharField(label=_("评估单位"), max_length=200)
    is_third_party = forms.BooleanField(label=_("第三方评估"), required=False)
    commissioned_on = _date(_("启动日期"))


class EvaluationCompleteForm(forms.Form):
    completed_on = _date(_("完成日期"))
    findings = _text(_("评估结论"))
    recommendation = forms.ChoiceField(label=_("评估建议"), choices=Recommendation.choices)


class ChangeForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ChangeKind.choices)
    changed_on = _date(_("日期"))
    reason = _text(_("理由"))
    content = _text(_("调整内容"), required=False)


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("材料名称"), max_length=200)
    stage = forms.ChoiceField(
        label=_("所属环节"),
        required=False,
        choices=[("", "—"), *[(k.value, STEP_LABELS[k]) for k in StepKind]],
    )
    file = forms.FileField(label=_("文件"))


# action name → (form, service, title); the view passes ``actor`` and ``decision``.
