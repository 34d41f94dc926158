"""Forms of the normdocs pages; the services do the real checking."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import choice_field, model_field
from fazhi.core.models import Organization
from fazhi.normdocs.models import (
    CleanupOutcome,
    CompetitionConclusion,
    EvaluationConclusion,
    EvaluationKind,
    FilingReviewOutcome,
    FindingCategory,
    InspectionKind,
    JointReviewOutcome,
    LegalityOutcome,
    MeetingKind,
    NormativeDocument,
    ReviewType,
)
from fazhi.normdocs.rules import COMPETITION_EXCEPTIONS, meeting_rule


class DateInput(forms.DateInput):
    input_type = "date"


class DraftForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("起草单位"), queryset=Organization.objects.none(), to_field_name="code"
    )
    issuing_body = forms.ModelChoiceField(
        label=_("制定机关"), queryset=Organization.objects.none(), to_field_name="code"
    )
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(
        label=_("正文（粘贴）"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    upload = forms.FileField(label=_("或上传 Word（.docx）"), required=False)
    drafting_explanation = forms.CharField(
        label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    legal_bases = forms.CharField(
        label=_("制定依据"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    market_related = forms.BooleanField(label=_("涉及市场主体经济活动"), required=False)

    def __init__(self, *args, units=None, issuers=None, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "organization").queryset = (
            units if units is not None else Organization.objects.none()
        )
        model_field(self, "issuing_body").queryset = (
            issuers if issuers is not None else Organization.objects.none()
        )


class DraftUpdateForm(forms.Form):
    """The draft's own fields (its unit and issuing body are fixed once drafted)."""

    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(
        label=_("正文（粘贴）"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    upload = forms.FileField(label=_("或上传 Word（.docx）"), required=False)
    drafting_explanation = forms.CharField(
        label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    legal_bases = forms.CharField(
        label=_("制定依据"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    market_related = forms.BooleanField(label=_("涉及市场主体经济活动"), required=False)


BACKDATE_HELP = _("日期早于今天（补录纸质记录）的必填；补录不缩短在系统中进行的法定期限")


def backdate_reason_field():
    return forms.CharField(
        label=_("补录理由"), max_length=300, required=False, help_text=BACKDATE_HELP
    )


class CommentOpenForm(forms.Form):
    starts_on = forms.DateField(label=_("开始日期"), widget=DateInput)
    ends_on = forms.DateField(label=_("截止日期"), widget=DateInput)
    backdate_reason = backdate_reason_field()


class CommentReviseForm(forms.Form):
    text = forms.CharField(label=_("修改后的征求意见稿"), widget=forms.Textarea(attrs={"rows": 12}))
    note = forms.CharField(label=_("修改说明"), max_length=500, required=False)


class ReviewSubmitForm(forms.Form):
    review_types = forms.ModelMultipleChoiceField(
        label=_("联合审查类型"),
        queryset=ReviewType.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    on = forms.DateField(
        label=_("送审日期"), widget=DateInput, required=False, help_text=_("留空为今天")
    )
    backdate_reason = backdate_reason_field()


COMPETITION_FIELDS = (
    "competition_conclusion",
    "competition_exception",
    "competition_justification",
    "no_less_restrictive_alternative",
    "competition_applies_until",
    "competition_termination_condition",
)


class JointReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=_("审查结论"), choices=JointReviewOutcome.choices)
    opinion = forms.CharField(
        label=_("审查意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label=_("审查日期"), widget=DateInput)
    # Fair-competition review only (公平竞争审查条例第十二条、第十七条).
    competition_conclusion = forms.ChoiceField(
        label=_("公平竞争审查结论"),
        choices=[("", "—"), *CompetitionConclusion.choices],
        required=False,  # the service names the missing conclusion with its article
    )
    competition_exception = forms.ChoiceField(
        label=_("适用的例外情形"),
        required=False,
        help_text=_("按审查日期有效的规定；适用例外时必填"),
    )
    competition_justification = forms.CharField(
        label=_("适用例外的详细说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    no_less_restrictive_alternative = forms.BooleanField(
        label=_("没有对公平竞争影响更小的替代方案"), required=False
    )
    competition_applies_until = forms.DateField(
        label=_("实施期限至"), required=False, widget=DateInput
    )
    competition_termination_condition = forms.CharField(
        label=_("终止条件"), required=False, max_length=300
    )

    def __init__(self, *args, fair_competition: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not fair_competition:
            for name in COMPETITION_FIELDS:
                del self.fields[name]
            return
        choices: dict[str, str] = {}
        for exception in COMPETITION_EXCEPTIONS:  # every version: the service checks the day
            choices.setdefault(exception.key, f"{exception.label}（{exception.article}）")
        choice_field(self, "competition_exception").choices = [("", "—"), *choices.items()]


class LegalityForm(forms.Form):
    outcome = forms.ChoiceField(label=_("审核结论"), choices=LegalityOutcome.choices)
    opinion = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(
        label=_("审核日期"), widget=DateInput, required=False, help_text=_("留空为今天")
    )
    backdate_reason = backdate_reason_field()


class DeliberationForm(forms.Form):
    meeting_kind = forms.ChoiceField(label=_("会议"), choices=MeetingKind.choices)

    def __init__(self, *args, issuer_kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        fitting = meeting_rule(issuer_kind)
        if fitting is not None:  # offer only the meetings that fit the issuing body
            choice_field(self, "meeting_kind").choices = [
                (value, label) for value, label in MeetingKind.choices if value in fitting.kinds
            ]
            self.fields["meeting_kind"].help_text = fitting.source

    meeting_date = forms.DateField(label=_("会议日期"), widget=DateInput)
    approved = forms.TypedChoiceField(
        label=_("审议结果"),
        choices=[("1", _("审议通过")), ("0", _("退回修改"))],
        coerce=lambda value: value == "1",
    )
    minutes = forms.CharField(label=_("会议纪要"), widget=forms.Textarea(attrs={"rows": 3}))


class IssueForm(forms.Form):
    series_key = forms.ChoiceField(label=_("文号序列"))
    issued_on = forms.DateField(label=_("发布日期"), widget=DateInput)
    effective_from = forms.DateField(label=_("施行日期"), required=False, widget=DateInput)
    valid_until = forms.DateField(
        label=_("有效期至"), required=False, widget=DateInput, help_text=_("留空按最长有效期")
    )

    def __init__(self, *args, series=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "series_key").choices = [(s.key, s.name) for s in series]


class FilingForm(forms.Form):
    filed_on = forms.DateField(label=_("报备日期"), widget=DateInput)


class FilingReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=_("备案审查结果"), choices=FilingReviewOutcome.choices)
    reviewed_on = forms.DateField(label=_("审查结果日期"), widget=DateInput)
    notes = forms.CharField(
        label=_("审查意见"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("要求纠正、撤销的，写明问题和纠正要求"),
    )


class EvaluationForm(forms.Form):
    kind = forms.ChoiceField(label=_("评估方式"), choices=EvaluationKind.choices)
    evaluator = forms.CharField(label=_("评估机构"), max_length=100)
    report = forms.CharField(label=_("评估报告摘要"), widget=forms.Textarea(attrs={"rows": 3}))
    report_upload = forms.FileField(label=_("评估报告文件"), required=False)
    conclusion = forms.ChoiceField(label=_("评估结论"), choices=EvaluationConclusion.choices)
    evaluated_on = forms.DateField(label=_("评估日期"), widget=DateInput)


class CleanupForm(forms.Form):
    outcome = forms.ChoiceField(label=_("清理结果"), choices=CleanupOutcome.choices)
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label=_("决定日期"), widget=DateInput)


class ReviewTypeForm(forms.Form):
    code = forms.SlugField(label=_("编码"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=60)
    owner_unit = forms.ModelChoiceField(
        label=_("审查单位"),
        queryset=Organization.objects.filter(kind="department"),
        to_field_name="code",
    )
    legal_basis = forms.CharField(label=_("依据"), max_length=300, required=False)
    required_for_market_related = forms.BooleanField(label=_("涉企文件必审"), required=False)
    configured_on = forms.DateField(label=_("配置日期"), widget=DateInput)


class InspectionForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=InspectionKind.choices)
    started_on = forms.DateField(label=_("开始日期"), widget=DateInput)


class SelectDocumentsForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("起草单位"),
        queryset=Organization.objects.all(),
        to_field_name="code",
        required=False,
    )
    issued_from = forms.DateField(label=_("发布日期自"), required=False, widget=DateInput)
    issued_to = forms.DateField(label=_("至"), required=False, widget=DateInput)
    sample_size = forms.IntegerField(label=_("随机抽取件数"), required=False, min_value=1)


class FindingForm(forms.Form):
    document = forms.ModelChoiceField(label=_("文件"), queryset=NormativeDocument.objects.none())
    category = forms.ChoiceField(label=_("问题类别"), choices=FindingCategory.choices)
    description = forms.CharField(label=_("问题描述"), widget=forms.Textarea(attrs={"rows": 2}))
    recorded_on = forms.DateField(label=_("发现日期"), widget=DateInput)
    rectification_due = forms.DateField(label=_("整改期限"), widget=DateInput)

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if documents is not None:
            model_field(self, "document").queryset = documents


class RectifyForm(forms.Form):
    rectified_on = forms.DateField(label=_("整改日期"), widget=DateInput)
    note = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseInspectionForm(forms.Form):
    closed_on = forms.DateField(label=_("结束日期"), widget=DateInput)
    summary = forms.CharField(label=_("检查总结"), widget=forms.Textarea(attrs={"rows": 3}))
