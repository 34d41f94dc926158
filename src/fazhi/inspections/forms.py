"""Forms of the inspections pages and transitions; the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Organization, OrganizationKind, Person
from fazhi.inspections.models import InspectionItem, PlanKind, Result, ScenarioLevel

DATE = forms.DateInput(attrs={"type": "date"})


class DrawPlanForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("部门"), queryset=Organization.objects.filter(kind="department")
    )
    title = forms.CharField(label=_("计划名称"), max_length=200)
    items = forms.ModelMultipleChoiceField(
        label=_("检查事项"), queryset=InspectionItem.objects.select_related("organization")
    )
    period_start = forms.DateField(label=_("检查期起"), widget=DATE)
    period_end = forms.DateField(label=_("检查期止"), widget=DATE)
    risk_high = forms.DecimalField(
        label=_("高风险抽查比例（%）"), initial=20, max_digits=5, decimal_places=1
    )
    risk_medium = forms.DecimalField(
        label=_("中风险抽查比例（%）"), initial=10, max_digits=5, decimal_places=1
    )
    risk_low = forms.DecimalField(
        label=_("低风险抽查比例（%）"), initial=3, max_digits=5, decimal_places=1
    )
    credit_A = forms.DecimalField(
        label=_("A级信用加减（%）"), initial=0, max_digits=5, decimal_places=1
    )
    credit_B = forms.DecimalField(
        label=_("B级信用加减（%）"), initial=0, max_digits=5, decimal_places=1
    )
    credit_C = forms.DecimalField(
        label=_("C级信用加减（%）"), initial=10, max_digits=5, decimal_places=1
    )
    credit_D = forms.DecimalField(
        label=_("D级信用加减（%）"), initial=20, max_digits=5, decimal_places=1
    )


class JointPlanForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=PlanKind.choices, initial=PlanKind.INSPECTION)
    period_start = forms.DateField(label=_("期间起"), widget=DATE)
    period_end = forms.DateField(label=_("期间止"), widget=DATE)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("导入内容"),
        choices=[
            ("items", _("检查事项")),
            ("subjects", _("检查对象")),
            ("inspectors", _("检查人员")),
        ],
    )
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class MoveForm(forms.Form):
    """Move a proposed visit to another day."""

    day = forms.DateField(label=_("新的检查日期"), widget=DATE)


class SplitForm(forms.Form):
    """Take one department's tasks out of a joint visit into a visit of their own."""

    department = forms.ModelChoiceField(label=_("拆出的部门"), queryset=Organization.objects.none())

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if visit is not None:
            ids = visit.tasks.values_list("organization_id", flat=True)
            self.fields["department"].queryset = Organization.objects.filter(pk__in=ids)
        else:
            self.fields["department"].queryset = Organization.objects.all()


class RecordForm(forms.Form):
    """Each item's result (合格 / 责令整改 / 移交立案) and what was found."""

    recorded_on = forms.DateField(label=_("检查实施日期"), widget=DATE)
    note = forms.CharField(label=_("检查情况"), widget=forms.Textarea, required=False)

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = list(visit.tasks.select_related("item", "organization")) if visit else []
        for task in self.tasks:
            label = task.item.name if task.item_id else task.get_topic_display()
            self.fields[f"result_{task.pk}"] = forms.ChoiceField(
                label=f"{label}（{task.organization.short_name or task.organization.name}）",
                choices=Result.choices,
            )
            self.fields[f"finding_{task.pk}"] = forms.CharField(
                label=_("检查发现"), required=False, max_length=1000
            )


def record_prepare(data: dict, files) -> dict:
    results = {}
    for key, value in data.items():
        if key.startswith("result_"):
            task_id = int(key.removeprefix("result_"))
            results[task_id] = (value, data.get(f"finding_{task_id}", "") or "")
    return {"recorded_on": data["recorded_on"], "note": data.get("note", ""), "results": results}


class FileForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=200)
    file = forms.FileField(label=_("照片或文件"))


def file_prepare(data: dict, files) -> dict:
    return {"title": data["title"], "upload": data.get("file")}


class RelationForm(forms.Form):
    credit_code = forms.CharField(label=_("对象统一社会信用代码"), max_length=18)
    relation = forms.CharField(label=_("关系"), max_length=100)


class TaskForm(forms.Form):
    """A planned or ad-hoc task of the user's department for the next joint plan."""

    credit_code = forms.CharField(label=_("对象统一社会信用代码"), max_length=18)
    item = forms.ModelChoiceField(
        label=_("检查事项"), queryset=InspectionItem.objects.select_related("organization")
    )
    earliest = forms.DateField(label=_("最早日期"), widget=DATE)
    due_by = forms.DateField(label=_("完成期限"), widget=DATE)
    source = forms.ChoiceField(
        label=_("来源"), choices=[("plan", _("年度计划")), ("adhoc", _("临时任务"))]
    )


class InspectorForm(forms.Form):
    """Put a certified officer of the user's units in the pool (the service checks the card)."""

    person = forms.ModelChoiceField(label=_("执法人员"), queryset=Person.objects.none())
    organization = forms.ModelChoiceField(label=_("所属部门"), queryset=Organization.objects.none())
    skills = forms.CharField(
        label=_("专业"), max_length=200, required=False, help_text=_("多个专业用顿号或逗号分隔")
    )
    daily_capacity = forms.IntegerField(
        label=_("每日可检查户数"), min_value=1, max_value=50, initial=4
    )
    unavailable_dates = forms.CharField(
        label=_("不可用日期"),
        max_length=2000,
        required=False,
        help_text=_("YYYY-MM-DD，多个日期用逗号分隔"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.core import selectors as core_selectors

        self.fields["person"].queryset = core_selectors.person_list(user=user, certified=True)
        self.fields["person"].empty_label = _("请选择")
        self.fields["organization"].queryset = core_selectors.organization_list(
            user=user, kind=OrganizationKind.DEPARTMENT
        )
        self.fields["organization"].empty_label = _("请选择")

    def clean_skills(self) -> list[str]:
        return split_list(self.cleaned_data["skills"])

    def clean_unavailable_dates(self) -> list[str]:
        values = split_list(self.cleaned_data["unavailable_dates"])
        for value in values:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise forms.ValidationError(
                    _("日期“%(value)s”格式应为YYYY-MM-DD。") % {"value": value}
                ) from None
        return values


class ScenarioForm(forms.Form):
    """A scenario bundling items of several departments for one kind of site."""

    name = forms.CharField(label=_("场景名称"), max_length=100)
    level = forms.ChoiceField(label=_("层级"), choices=ScenarioLevel.choices)
    object_type = forms.CharField(label=_("对象类型"), max_length=40)
    items = forms.ModelMultipleChoiceField(
        label=_("检查事项"), queryset=InspectionItem.objects.none()
    )
    town = forms.ModelChoiceField(
        label=_("镇街（镇街个性场景必填）"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args, user=None, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.core import selectors as core_selectors

        self.fields["items"].queryset = (
            items if items is not None else InspectionItem.objects.none()
        )
        self.fields["town"].queryset = core_selectors.organization_list(
            user=user, kind=OrganizationKind.TOWN
        )
        self.fields["town"].empty_label = _("请选择")


def split_list(value: str) -> list[str]:
    for mark in ("、", "，", ";", "；"):
        value = value.replace(mark, ",")
    return [part.strip() for part in value.split(",") if part.strip()]
