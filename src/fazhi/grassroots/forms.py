"""Forms of grassroots pages and steps; the same forms validate the API."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import model_field
from fazhi.core.models import Organization
from fazhi.grassroots.models import MemberRole, Pool, RegistryKind, TeamRole, VillageLevel

DATE = forms.DateInput(attrs={"type": "date"})


class RegistrationForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=RegistryKind.choices)
    person_ref = forms.CharField(
        label=_("人员（身份证号）"),
        max_length=18,
        help_text=_("人员须已在人员库登记，所在单位为村民小组或行政村。"),
    )
    pool = forms.ChoiceField(label=_("人选来源"), choices=Pool.choices)
    selected_on = forms.DateField(label=_("选任日期"), widget=DATE)


class RegistrationImportForm(forms.Form):
    file = forms.FileField(
        label=_("名册（.xlsx）"),
        help_text=_("列：类别、身份证号、姓名、人选来源、选任日期；一行有误则整表不导入。"),
    )


def read_upload(cleaned: dict, files) -> dict:
    return {"data": cleaned["file"].read(settings.FAZHI_MAX_UPLOAD_BYTES + 1)}


class ActivityForm(forms.Form):
    disputes = forms.IntegerField(label=_("参与化解纠纷（件）"), min_value=0, initial=0)
    sessions = forms.IntegerField(label=_("开展普法宣讲（次）"), min_value=0, initial=0)


class TrainingForm(forms.Form):
    hours = forms.DecimalField(label=_("培训学时"), max_digits=5, decimal_places=1, min_value=0.5)


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("退出日期"), widget=DATE)
    reason = forms.CharField(label=_("退出原因"), max_length=200)


class TownForm(forms.Form):
    town: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("镇(街道)"), queryset=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "town").queryset = Organization.objects.filter(kind="town").order_by(
            "code"
        )


class CommitteeForm(TownForm):
    name = forms.CharField(label=_("名称"), max_length=100)
    established_on = forms.DateField(label=_("成立日期"), widget=DATE)
    document_ref = forms.CharField(label=_("成立文件"), max_length=200, required=False)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    post = forms.CharField(label=_("职务"), max_length=100)
    role = forms.ChoiceField(label=_("委员会职务"), choices=MemberRole.choices)
    joined_on = forms.DateField(label=_("任职日期"), widget=DATE)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("会议日期"), widget=DATE)
    topics = forms.CharField(label=_("议题"), widget=forms.Textarea)
    decisions = forms.CharField(label=_("议定事项"), widget=forms.Textarea, required=False)
    attendees = forms.IntegerField(label=_("出席人数"), min_value=1)


class DissolveForm(forms.Form):
    on = forms.DateField(label=_("撤销日期"), widget=DATE)


class TeamForm(TownForm):
    established_on = forms.DateField(label=_("组建日期"), widget=DATE)


class TeamMemberForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    post = forms.CharField(label=_("所在岗位"), max_length=100)
    role = forms.ChoiceField(label=_("类别"), choices=TeamRole.choices)
    joined_on = forms.DateField(label=_("加入日期"), widget=DATE)


class VillageForm(forms.Form):
    village: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("行政村"), queryset=None
    )
    level = forms.ChoiceField(label=_("命名层级"), choices=VillageLevel.choices)
    recognised_on = forms.DateField(label=_("命名日期"), widget=DATE)
    document_ref = forms.CharField(label=_("命名文件"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "village").queryset = Organization.objects.filter(
            kind="village"
        ).order_by("path")


class RevokeForm(forms.Form):
    on = forms.DateField(label=_("撤销日期"), widget=DATE)
    reason = forms.CharField(label=_("撤销原因"), max_length=200)
