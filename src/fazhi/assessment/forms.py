"""Inputs of the assessment's steps (the API validates with the same forms)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.assessment.models import Item, Method


class ManualScoreForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("考核指标"), queryset=Item.objects.none(), empty_label=_("请选择")
    )
    score = forms.DecimalField(label=_("得分"), max_digits=6, decimal_places=2, min_value=0)
    evidence = forms.CharField(label=_("佐证材料"), max_length=300)
    reason = forms.CharField(label=_("评分理由"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, assessment=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assessment is not None:
            self.fields["item"].queryset = Item.objects.filter(
                dimension__scheme=assessment.scheme, method=Method.MANUAL
            )


class ObjectionForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("异议指标"), queryset=Item.objects.none(), empty_label=_("请选择")
    )
    reason = forms.CharField(label=_("异议理由"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, assessment=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assessment is not None:
            self.fields["item"].queryset = Item.objects.filter(dimension__scheme=assessment.scheme)


class ObjectionDecisionForm(forms.Form):
    upheld = forms.BooleanField(label=_("异议成立"), required=False)
    revised_score = forms.DecimalField(
        label=_("复核后得分"), max_digits=6, decimal_places=2, min_value=0, required=False
    )
    response = forms.CharField(label=_("复核意见"), widget=forms.Textarea(attrs={"rows": 3}))
