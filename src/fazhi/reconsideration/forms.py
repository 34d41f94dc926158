"""Forms of the reconsideration pages (staff and portal); the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import model_field
from fazhi.core.models import Organization
from fazhi.reconsideration.models import (
    ActKind,
    Channel,
    Decision,
    LawVersionChoice,
    LetterType,
    Procedure,
    RejectionGround,
    SimplifiedGround,
    SuspensionReason,
    TerminationGround,
)

DATE = forms.DateInput(attrs={"type": "date"})


def respondents():
    return Organization.objects.filter(kind__in=("department", "town")).order_by("kind", "code")


class ApplicationForm(forms.Form):
    """What an applicant gives (art 22); the portal uses it as is."""

    applicant_name = forms.CharField(label=_("申请人姓名或名称"), max_length=100)
    applicant_id_number = forms.CharField(label=_("身份证号"), max_length=18, required=False)
    applicant_phone = forms.CharField(label=_("联系电话"), max_length=20)
    applicant_address = forms.CharField(label=_("联系地址"), max_length=200, required=False)
    respondent: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("被申请人（作出行政行为的机关）"), queryset=None
    )
    act_kind = forms.ChoiceField(label=_("被申请事项类别"), choices=ActKind.choices)
    contested_act = forms.CharField(label=_("被申请复议的行政行为"), max_length=300)
    contested_act_ref = forms.CharField(label=_("行政行为文号"), max_length=100, required=False)
    act_known_on = forms.DateField(label=_("知道该行政行为之日"), widget=DATE, required=False)
    request = forms.CharField(label=_("复议请求"), widget=forms.Textarea)
    reasons = forms.CharField(label=_("事实和理由"), widget=forms.Textarea, required=False)
    normative_document_text = forms.CharField(
        label=_("一并申请审查的规范性文件（如有）"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "respondent").queryset = respondents()


class StaffApplicationForm(ApplicationForm):
    channel = forms.ChoiceField(label=_("申请方式"), choices=Channel.choices)
    received_on = forms.DateField(label=_("收到申请日期"), widget=DATE)
    applicant_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)


class CorrectionRequestForm(forms.Form):
    on = forms.DateField(label=_("补正通知日期"), widget=DATE)
    items = forms.CharField(label=_("补正事项"), max_length=500)


class DateForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE)


class RejectForm(DateForm):
    ground = forms.ChoiceField(label=_("不予受理情形"), choices=RejectionGround.choices)
    reason = forms.CharField(label=_("不予受理理由"), max_length=500)


class AcceptForm(DateForm):
    procedure = forms.ChoiceField(label=_("审理程序"), choices=Procedure.choices)
    simplified_ground = forms.ChoiceField(
        label=_("适用简易程序的情形"),
        choices=[("", "—"), *SimplifiedGround.choices],
        required=False,
    )


class LawVersionForm(forms.Form):
    version = forms.ChoiceField(label=_("适用法律文本"), choices=LawVersionChoice.choices)
    reason = forms.CharField(label=_("理由"), max_length=300)


class CopySendForm(DateForm):
    received_on = forms.DateField(label=_("被申请人收到日期"), widget=DATE, required=False)


class AnswerForm(DateForm):
    evidence = forms.CharField(label=_("答复附带的证据、依据"), widget=forms.Textarea)


class ConvertForm(DateForm):
    reason = forms.CharField(label=_("转为普通程序的理由（经复议机构负责人批准）"), max_length=300)


class IncidentalStartForm(DateForm):
    raised_by_applicant = forms.BooleanField(label=_("由申请人提出"), required=False)
    handled_by_self = forms.BooleanField(label=_("本机关有权处理"), required=False)
    normative_document_id = forms.IntegerField(
        label=_("规范性文件记录编号"), required=False, min_value=1
    )
    forwarded_to = forms.CharField(label=_("转送的有权处理机关"), max_length=200, required=False)


class IncidentalForwardForm(DateForm):
    received_on = forms.DateField(
        label=_("接受转送的机关收到日期"),
        widget=DATE,
        required=False,
        help_text=_("留空同转送日期"),
    )


class IncidentalDrafterNotifyForm(DateForm):
    received_on = forms.DateField(
        label=_("制定机关收到通知日期"), widget=DATE, required=False, help_text=_("留空同通知日期")
    )


class IncidentalDrafterAnswerForm(DateForm):
    answer = forms.CharField(label=_("制定机关的书面答复"), widget=forms.Textarea)


class IncidentalConcludeForm(DateForm):
    result = forms.CharField(label=_("附带审查结果"), widget=forms.Textarea)


class ExtendForm(DateForm):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=30)
    reason = forms.CharField(label=_("延长理由"), max_length=300)


class SuspendForm(DateForm):
    reason = forms.ChoiceField(label=_("中止理由"), choices=SuspensionReason.choices)


class SummaryForm(DateForm):
    summary = forms.CharField(label=_("要旨"), widget=forms.Textarea)


class TerminateForm(SummaryForm):
    ground = forms.ChoiceField(label=_("终止情形"), choices=TerminationGround.choices)


class WithdrawForm(SummaryForm):
    settled = forms.BooleanField(label=_("双方和解后撤回"), required=False)


class DecideForm(SummaryForm):
    decision = forms.ChoiceField(label=_("决定类型"), choices=Decision.choices)
    compensation_awarded = forms.BooleanField(label=_("一并决定赔偿"), required=False)
    worsens_applicant = forms.BooleanField(label=_("对申请人更为不利"), required=False)
    third_party_requested = forms.BooleanField(label=_("第三人提出相反请求"), required=False)


class LetterForm(DateForm):
    letter_type = forms.ChoiceField(label=_("文书类型"), choices=LetterType.choices)
    addressee: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("送达单位"), queryset=None
    )
    issues = forms.CharField(label=_("指出的问题和建议"), widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "addressee").queryset = respondents()


class LetterReplyForm(DateForm):
    """The addressee's report on an opinion or recommendation letter (art 76)."""

    rectified = forms.BooleanField(label=_("已整改"), required=False)
