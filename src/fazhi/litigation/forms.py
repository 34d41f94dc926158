"""Forms of the litigation pages; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import model_field
from fazhi.core.models import Organization, OrganizationKind
from fazhi.litigation.models import Appearance, Excuse, Outcome, Procedure, TrialLevel

DATE = forms.DateInput(attrs={"type": "date"})


class CaseRegisterForm(forms.Form):
    organization: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("被告机关"), queryset=None
    )
    court: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("法院"), queryset=None
    )
    court_case_no = forms.CharField(label=_("法院案号"), max_length=60)
    trial_level = forms.ChoiceField(label=_("审级"), choices=TrialLevel.choices)
    procedure = forms.ChoiceField(label=_("审理程序"), choices=Procedure.choices)
    plaintiff_name = forms.CharField(label=_("原告"), max_length=100)
    plaintiff_id_number = forms.CharField(label=_("原告证件号"), max_length=18, required=False)
    cause = forms.CharField(label=_("案由"), max_length=200)
    contested_act = forms.CharField(label=_("被诉行政行为"), max_length=300)
    filed_on = forms.DateField(label=_("立案日期"), widget=DATE)
    complaint_received_on = forms.DateField(
        label=_("收到起诉状副本日期"), widget=DATE, required=False
    )
    origin_reconsideration_no = forms.CharField(
        label=_("经复议的，复议案号"), max_length=60, required=False
    )

    def __init__(self, *args, defendants, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "organization").queryset = defendants
        model_field(self, "court").queryset = Organization.objects.filter(
            kind=OrganizationKind.COURT
        )


class DateForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE)


class ConcludeForm(DateForm):
    outcome = forms.ChoiceField(label=_("结案方式"), choices=Outcome.choices)
    compensation_awarded = forms.BooleanField(label=_("判决赔偿"), required=False)


class HearingForm(forms.Form):
    held_on = forms.DateField(label=_("开庭日期"), widget=DATE)
    head_required = forms.BooleanField(label=_("应由负责人出庭"), required=False)
    court_notice_received_on = forms.DateField(
        label=_("收到出庭通知日期"), widget=DATE, required=False
    )


class AppearanceForm(forms.Form):
    appearance = forms.ChoiceField(label=_("出庭情况"), choices=Appearance.choices)
    head_name = forms.CharField(label=_("出庭负责人"), max_length=50, required=False)
    head_post = forms.CharField(label=_("职务"), max_length=60, required=False)
    substitute_name = forms.CharField(label=_("代为出庭的工作人员"), max_length=50, required=False)
    excuse = forms.ChoiceField(
        label=_("未出庭理由"), choices=[("", "—"), *Excuse.choices], required=False
    )
    excuse_note = forms.CharField(label=_("理由说明"), max_length=300, required=False)
    judicial_recommendation = forms.BooleanField(label=_("收到司法建议"), required=False)
