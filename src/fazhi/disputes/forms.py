"""Forms of the mediation pages; they parse input, the services decide."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import model_field
from fazhi.core.models import Organization, Person
from fazhi.core.pickers import COURTS, Picker, PickerWidget
from fazhi.disputes.models import (
    CaseSource,
    ConfirmationResult,
    DisputeKind,
    NextChannel,
    Outcome,
)

DATE = forms.DateInput(attrs={"type": "date"})


class CaseRegisterForm(forms.Form):
    committee: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("调解委员会"), queryset=None
    )
    case_no = forms.CharField(label=_("案号"), max_length=60)
    kind = forms.ChoiceField(label=_("纠纷类型"), choices=DisputeKind.choices)
    source = forms.ChoiceField(label=_("来源"), choices=CaseSource.choices)
    registered_on = forms.DateField(label=_("登记日期"), widget=DATE)
    applicant_name = forms.CharField(label=_("申请人"), max_length=100)
    applicant_id_number = forms.CharField(label=_("申请人证件号"), max_length=18, required=False)
    respondent_name = forms.CharField(label=_("被申请人"), max_length=100)
    respondent_id_number = forms.CharField(label=_("被申请人证件号"), max_length=18, required=False)
    amount = forms.DecimalField(label=_("涉及金额（元）"), required=False, max_digits=14)
    summary = forms.CharField(label=_("纠纷简要情况"), widget=forms.Textarea, required=False)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "committee").queryset = committees


class CommitteeCreateForm(forms.Form):
    parent: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("设立单位"), queryset=Organization.objects.none()
    )
    code = forms.CharField(label=_("编码"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=100)
    valid_from = forms.DateField(label=_("设立日期"), widget=DATE, required=False)

    def __init__(self, *args, parents: QuerySet[Organization], **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "parent").queryset = parents


class StartForm(forms.Form):
    on = forms.DateField(label=_("开始调解日期"), widget=DATE)
    mediator: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        label=_("调解员"), queryset=None
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "mediator").queryset = Person.objects.filter(
            organization=case.organization
        )


class ConcludeForm(forms.Form):
    on = forms.DateField(label=_("结案日期"), widget=DATE)
    outcome = forms.ChoiceField(label=_("调解结果"), choices=Outcome.choices)
    next_channel = forms.ChoiceField(
        label=_("告知的其他途径"), choices=[("", "—"), *NextChannel.choices], required=False
    )
    agreement_effective_on = forms.DateField(label=_("协议生效日期"), widget=DATE, required=False)
    agreement_terms = forms.CharField(
        label=_("协议内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("达成协议的：各方当事人分别承担的义务（做什么、给付多少）"),
    )
    performance_method = forms.CharField(
        label=_("履行方式"),
        max_length=200,
        required=False,
        help_text=_("例如：银行转账、当场给付现金、分期支付"),
    )
    performance_due = forms.DateField(
        label=_("履行期限"), widget=DATE, required=False, help_text=_("最迟履行完毕的日期")
    )


class ConfirmationApplyForm(forms.Form):
    on = forms.DateField(label=_("申请日期"), widget=DATE)
    court = forms.CharField(label=_("受理法院"), max_length=100, widget=PickerWidget(COURTS))


class ConfirmationDecideForm(forms.Form):
    on = forms.DateField(label=_("裁定日期"), widget=DATE)
    result = forms.ChoiceField(
        label=_("结果"),
        choices=[(v, label) for v, label in ConfirmationResult.choices if v != "pending"],
    )


class FollowUpForm(forms.Form):
    on = forms.DateField(label=_("回访日期"), widget=DATE)
    note = forms.CharField(label=_("回访情况"), max_length=300)
    performed = forms.NullBooleanField(label=_("协议已履行"), required=False)


def _committees(user, q, params):
    from fazhi.disputes.selectors import public_committees

    return public_committees(search=q)


def _committee(value: str):
    from fazhi.core.models import Organization, OrganizationKind

    if not str(value).isdigit():
        return None
    return Organization.objects.filter(
        pk=int(value), kind=OrganizationKind.MEDIATION_COMMITTEE
    ).first()


COMMITTEES = Picker(
    kind="mediation-committees",
    options=_committees,
    value=lambda o: str(o.pk),
    text=lambda o: f"{o.name}（{o.parent.name}）" if o.parent_id else o.name,
    lookup=_committee,
    public=True,
    placeholder=_("输入名称搜索调解委员会"),
)


class OnlineApplyForm(forms.Form):
    """A citizen's online application for people's mediation (the portal)."""

    committee: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("向哪个调解委员会申请"),
        queryset=None,
        widget=PickerWidget(COMMITTEES),
        help_text=_("输入村（社区）、镇（街道）或委员会名称搜索。"),
    )
    kind = forms.ChoiceField(label=_("纠纷类型"), choices=[("", _("请选择")), *DisputeKind.choices])
    applicant_name = forms.CharField(label=_("申请人姓名"), max_length=100)
    applicant_id_number = forms.CharField(label=_("申请人身份证号"), max_length=18, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20)
    contact_address = forms.CharField(label=_("联系地址"), max_length=200, required=False)
    respondent_name = forms.CharField(label=_("对方当事人"), max_length=100)
    respondent_id_number = forms.CharField(
        label=_("对方当事人证件号"), max_length=18, required=False
    )
    request = forms.CharField(label=_("调解请求"), widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(label=_("事实和理由"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "committee").queryset = committees
