"""Forms of the consultation pages; services do the real checking."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.consultations.models import ResponseOutcome
from fazhi.core.forms import choice_field


class CommentForm(forms.Form):
    anchor = forms.ChoiceField(label=_("针对条款"), required=False)
    body = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(label=_("姓名（不公开）"), max_length=50, required=False)
    contact = forms.CharField(label=_("联系方式（不公开）"), max_length=100, required=False)
    # A field people never see: bots that fill every input give themselves away.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, paragraphs: Sequence[dict] = (), **kwargs):
        super().__init__(*args, **kwargs)
        choice_field(self, "anchor").choices = [("", _("总体意见"))] + [
            (p["anchor"], p["label"]) for p in paragraphs
        ]


class ReviseForm(forms.Form):
    text = forms.CharField(label=_("修改后的征求意见稿"), widget=forms.Textarea(attrs={"rows": 12}))
    note = forms.CharField(label=_("修改说明"), max_length=500, required=False)


class ResponseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("采纳情况"), choices=ResponseOutcome.choices)
    reason = forms.CharField(
        label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SummaryForm(forms.Form):
    text = forms.CharField(label=_("采纳情况说明"), widget=forms.Textarea(attrs={"rows": 6}))


class CloseForm(forms.Form):
    on = forms.DateField(
        label=_("截止处理日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("留空为今天；补录以前的日期须填写补录理由"),
    )
    backdate_reason = forms.CharField(label=_("补录理由"), max_length=300, required=False)
