"""Inputs of the assessment's steps (the API validates with the same forms)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.assessment.models import Item, Method, Rule
from fazhi.core.forms import choice_field, model_field

if TYPE_CHECKING:
    from fazhi.assessment.models import Scheme


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
            model_field(self, "item").queryset = Item.objects.filter(
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
            model_field(self, "item").queryset = Item.objects.filter(
                dimension__scheme=assessment.scheme
            )


class ObjectionDecisionForm(forms.Form):
    upheld = forms.BooleanField(label=_("异议成立"), required=False)
    revised_score = forms.DecimalField(
        label=_("复核后得分"), max_digits=6, decimal_places=2, min_value=0, required=False
    )
    response = forms.CharField(label=_("复核意见"), widget=forms.Textarea(attrs={"rows": 3}))


# --- the scheme editor -------------------------------------------------------------------------


class SchemeForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("方案名称"), max_length=200)
    copy_from: forms.ModelChoiceField[Scheme] = forms.ModelChoiceField(
        label=_("复制自（上一版本）"),
        queryset=None,
        required=False,
        empty_label=_("不复制，从空白开始"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.assessment.models import Scheme

        model_field(self, "copy_from").queryset = Scheme.objects.all()


class TitleForm(forms.Form):
    title = forms.CharField(label=_("方案名称"), max_length=200)


class DimensionForm(forms.Form):
    name = forms.CharField(label=_("考核维度"), max_length=100)


def _indicator_choices():
    from fazhi.core import indicators

    return [("", _("（人工评分不选）"))] + [
        (i.key, f"{i.name}（{i.unit}）") for i in indicators.all_indicators()
    ]


def parse_bands(text: str) -> list[list[float]]:
    """``"95=1\\n90=0.8"`` (or ``95:1；90:0.8``) → ``[[95, 1], [90, 0.8]]``."""
    bands = []
    for part in text.replace("；", "\n").replace(";", "\n").splitlines():
        part = part.strip().replace("：", "=").replace(":", "=")
        if not part:
            continue
        at, _sep, fraction = part.partition("=")
        bands.append([float(at), float(fraction)])
    return bands


class ItemForm(forms.Form):
    """An item with its rule's parameters as separate fields; ``params()`` gathers them."""

    name = forms.CharField(label=_("考核指标"), max_length=200)
    points = forms.DecimalField(
        label=_("分值"), max_digits=6, decimal_places=2, min_value=Decimal("0.01"), max_value=100
    )
    method = forms.ChoiceField(label=_("计分方式"), choices=Method.choices)
    indicator_key = forms.ChoiceField(label=_("平台指标"), required=False, choices=())
    rule = forms.ChoiceField(
        label=_("计分规则"), required=False, choices=[("", _("（人工评分不选）")), *Rule.choices]
    )
    bands = forms.CharField(
        label=_("分档（达到值=得分比例，每行一档）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例：95=1 表示指标值达到95得全部分值；90=0.8 表示达到90得八成。"),
    )
    low = forms.DecimalField(label=_("下限（得0分）"), required=False)
    high = forms.DecimalField(label=_("上限（得满分）"), required=False)
    target = forms.DecimalField(label=_("达标值"), required=False)
    lower_is_better = forms.BooleanField(label=_("数值越低越好"), required=False)
    guidance = forms.CharField(
        label=_("评分标准"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, item=None, **kwargs):
        if item is not None and "initial" not in kwargs:
            params = item.params or {}
            kwargs["initial"] = {
                "name": item.name,
                "points": item.points,
                "method": item.method,
                "indicator_key": item.indicator_key,
                "rule": item.rule,
                "bands": "\n".join(f"{at:g}={f:g}" for at, f in params.get("bands", [])),
                "low": params.get("low"),
                "high": params.get("high"),
                "target": params.get("target"),
                "lower_is_better": bool(params.get("lower_is_better")),
                "guidance": item.guidance,
            }
        super().__init__(*args, **kwargs)
        choice_field(self, "indicator_key").choices = _indicator_choices()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("method") != Method.COMPUTED:
            return data
        if not data.get("indicator_key"):
            self.add_error("indicator_key", _("自动计分须选择平台指标。"))
        rule = data.get("rule")
        if not rule:
            self.add_error("rule", _("自动计分须选择计分规则。"))
        elif rule == Rule.THRESHOLDS:
            try:
                bands = parse_bands(data.get("bands", ""))
            except ValueError:
                self.add_error("bands", _("分档格式应为“达到值=得分比例”，每行一档。"))
            else:
                if not bands:
                    self.add_error("bands", _("请至少填写一档。"))
                elif any(not 0 <= f <= 1 for _at, f in bands):
                    self.add_error("bands", _("得分比例须在0到1之间。"))
        elif rule == Rule.LINEAR:
            for name in ("low", "high"):
                if data.get(name) is None:
                    self.add_error(name, _("区间线性计分须填写此项。"))
            if None not in (data.get("low"), data.get("high")) and data["low"] > data["high"]:
                self.add_error("high", _("上限不能小于下限。"))
        elif rule == Rule.PASS_FAIL and data.get("target") is None:
            self.add_error("target", _("达标计分须填写达标值。"))
        return data

    def item_data(self) -> dict:
        data = self.cleaned_data
        params: dict = {}
        if data["method"] == Method.COMPUTED:
            if data["rule"] == Rule.THRESHOLDS:
                params["bands"] = parse_bands(data["bands"])
            elif data["rule"] == Rule.LINEAR:
                params.update(low=float(data["low"]), high=float(data["high"]))
            elif data["rule"] == Rule.PASS_FAIL:
                params["target"] = float(data["target"])
            if data["lower_is_better"]:
                params["lower_is_better"] = True
        return {
            "name": data["name"],
            "points": data["points"],
            "method": data["method"],
            "indicator_key": data.get("indicator_key", ""),
            "rule": data.get("rule", ""),
            "params": params,
            "guidance": data.get("guidance", ""),
        }
