"""Forms of the supervision pages and API (the API validates with the same forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.models import Organization
from fazhi.core.pickers import UNITS, PickerWidget
from fazhi.supervision import domain
from fazhi.supervision.models import CampaignKind, SupervisionNotice

DATE = forms.DateInput(attrs={"type": "date"})


class OrganizationCodeField(forms.CharField):
    """An organisation named by its code."""

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        organization = Organization.objects.filter(code=value.strip()).first()
        if organization is None:
            raise forms.ValidationError(_("单位编码不存在。"))
        return organization


class RespondForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("报送日期"), widget=DATE)
    response = forms.CharField(
        label=gettext_lazy("整改情况"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("办结日期"), widget=DATE)
    opinion = forms.CharField(
        label=gettext_lazy("办结意见"), widget=forms.Textarea(attrs={"rows": 2})
    )


class NoticeIssueForm(forms.Form):
    organization = forms.CharField(
        label=gettext_lazy("被监督单位"), max_length=40, widget=PickerWidget(UNITS)
    )
    problems = forms.CharField(
        label=gettext_lazy("发现的问题"), widget=forms.Textarea(attrs={"rows": 3})
    )
    issued_on = forms.DateField(label=gettext_lazy("发出日期"), widget=DATE)
    rectify_by = forms.DateField(label=gettext_lazy("整改期限"), widget=DATE)

    def clean_organization(self):
        organization = Organization.objects.filter(code=self.cleaned_data["organization"]).first()
        if organization is None:
            raise forms.ValidationError(_("单位编码不存在。"))
        return organization


class AccountabilityForm(forms.Form):
    organization = forms.CharField(
        label=gettext_lazy("责任单位"), max_length=40, widget=PickerWidget(UNITS)
    )
    person_name = forms.CharField(label=gettext_lazy("责任人"), max_length=50)
    fault = forms.CharField(
        label=gettext_lazy("过错情形"), widget=forms.Textarea(attrs={"rows": 3})
    )
    measure = forms.CharField(label=gettext_lazy("追责方式"), max_length=100)
    decided_on = forms.DateField(label=gettext_lazy("决定日期"), widget=DATE)
    notice = forms.CharField(
        label=gettext_lazy("相关监督通知书文号"), max_length=60, required=False
    )

    def clean_organization(self):
        organization = Organization.objects.filter(code=self.cleaned_data["organization"]).first()
        if organization is None:
            raise forms.ValidationError(_("单位编码不存在。"))
        return organization

    def clean_notice(self):
        number = self.cleaned_data["notice"].strip()
        if not number:
            return None
        notice = SupervisionNotice.objects.filter(number=number).first()
        if notice is None:
            raise forms.ValidationError(_("通知书文号不存在。"))
        return notice


class SampleForm(forms.Form):
    unit = forms.CharField(
        label=gettext_lazy("被评查单位"), max_length=40, widget=PickerWidget(UNITS)
    )
    size = forms.IntegerField(
        label=gettext_lazy("抽取案卷数"), min_value=1, max_value=50, initial=5
    )

    def clean_unit(self):
        from fazhi.core.models import Organization

        unit = Organization.objects.filter(code=self.cleaned_data["unit"].strip()).first()
        if unit is None:
            raise forms.ValidationError(_("单位不存在。"))
        return unit


class EvaluationForm(forms.Form):
    case_id = forms.IntegerField(label=gettext_lazy("案件编号（ID）"), min_value=1)
    veto_hits = forms.MultipleChoiceField(
        label=gettext_lazy("否决项"),
        choices=list(domain.VETO_ITEMS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    deductions = forms.MultipleChoiceField(
        label=gettext_lazy("扣分项"),
        choices=[(k, f"{label}（{points}分）") for k, (label, points) in domain.DEDUCTIONS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    on = forms.DateField(label=gettext_lazy("评查日期"), widget=DATE)


class SupervisorAppointForm(forms.Form):
    organization = OrganizationCodeField(label=gettext_lazy("聘任机关编码"), max_length=40)
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    work_unit = forms.CharField(label=gettext_lazy("工作单位及职务"), max_length=120)
    sector = forms.CharField(label=gettext_lazy("界别"), max_length=40)
    appointment_document = forms.CharField(label=gettext_lazy("聘任文件"), max_length=120)
    term_start = forms.DateField(label=gettext_lazy("聘期开始"), widget=DATE)
    term_end = forms.DateField(label=gettext_lazy("聘期结束"), widget=DATE)


class SupervisorDismissForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("解聘日期"), widget=DATE)
    reason = forms.CharField(label=gettext_lazy("解聘理由"), max_length=200)


class CampaignCreateForm(forms.Form):
    organization = OrganizationCodeField(label=gettext_lazy("组织单位编码"), max_length=40)
    title = forms.CharField(label=gettext_lazy("名称"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=CampaignKind.choices)
    started_on = forms.DateField(label=gettext_lazy("开始日期"), widget=DATE)


class CampaignCloseForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("结束日期"), widget=DATE)
    summary = forms.CharField(
        label=gettext_lazy("结果综述"), widget=forms.Textarea(attrs={"rows": 3})
    )
