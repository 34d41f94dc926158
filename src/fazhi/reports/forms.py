"""Inputs of the report's pages and steps (the API validates with the same forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import model_field
from fazhi.core.models import Organization
from fazhi.reports.models import ReportSection


class ReportCreateForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("报告单位"), queryset=Organization.objects.none(), empty_label=_("请选择")
    )
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            model_field(self, "organization").queryset = organizations


class SectionForm(forms.Form):
    body = forms.CharField(
        label=_("正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("数字请用“插入指标”以引用方式插入，不要手工输入。"),
    )


class CommentForm(forms.Form):
    section = forms.ModelChoiceField(
        label=_("章节"),
        queryset=ReportSection.objects.none(),
        required=False,
        empty_label=_("全文"),
    )
    body = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        if report is not None:
            model_field(self, "section").queryset = report.sections.all()


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}))


class SubmitForm(forms.Form):
    recipients = forms.CharField(
        label=_("报送对象"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如：中共嘉兴市委、嘉兴市人民政府；市人大常委会"),
    )
    submitted_on = forms.DateField(
        label=_("报送日期"), required=False, help_text=_("留空为今天；补录较早日期须说明理由。")
    )
    reason = forms.CharField(label=_("补录理由"), max_length=200, required=False)


class PublishForm(forms.Form):
    url = forms.URLField(label=_("公开网址"), required=False)
    published_on = forms.DateField(
        label=_("公开日期"), required=False, help_text=_("留空为今天；补录较早日期须说明理由。")
    )
    reason = forms.CharField(label=_("补录理由"), max_length=200, required=False)
