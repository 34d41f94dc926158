"""Forms of learning, exams, 述法 and publicity: one per create page and per declared step.

The same form validates the page and the API call (``core.procedure_api`` and ``api.py``); the
services decide everything that needs the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import model_field
from fazhi.core.models import Organization
from fazhi.learning.models import (
    Award,
    Evaluation,
    ExamKind,
    QuestionKind,
    ReportForm,
    SessionKind,
)

if TYPE_CHECKING:
    from fazhi.lawbase.models import Law
    from fazhi.learning.models import CaseSelection, Programme

DATE = forms.DateInput(attrs={"type": "date"})


def _units():
    return Organization.objects.filter(
        kind__in=("city_government", "department", "town", "committee")
    ).order_by("path")


def _laws():
    from fazhi.lawbase.models import Law

    return Law.objects.order_by("title")


class UnitForm(forms.Form):
    """A create form whose record belongs to a unit chosen from the organisation tree."""

    organization = forms.ModelChoiceField(label=_("单位"), queryset=Organization.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "organization").queryset = _units()


class RequirementForm(forms.Form):
    valid_from = forms.DateField(label=_("适用起始日"), widget=DATE)
    min_hours = forms.DecimalField(label=_("年度最低学时"), max_digits=5, decimal_places=1)
    source = forms.CharField(label=_("依据"), max_length=300)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class SessionForm(UnitForm):
    kind = forms.ChoiceField(label=_("类型"), choices=SessionKind.choices)
    title = forms.CharField(label=_("名称"), max_length=200)
    held_on = forms.DateField(label=_("举办日期"), widget=DATE)
    hours = forms.DecimalField(label=_("学时"), max_digits=4, decimal_places=1, min_value=0.5)
    location = forms.CharField(label=_("地点或方式"), max_length=200, required=False)
    laws: forms.ModelMultipleChoiceField[Law] = forms.ModelMultipleChoiceField(
        label=_("学习的法律法规"), queryset=None, required=False
    )
    materials = forms.CharField(label=_("学习材料"), widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "laws").queryset = _laws()


class AttendForm(forms.Form):
    person_ref = forms.CharField(
        label=_("人员（执法证号或身份证号）"),
        max_length=30,
        help_text=_("按签到表逐人登记。"),
    )


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("签到表（.xlsx）"),
        help_text=_("列：姓名、证件号（执法证号或身份证号）；一行有误则整表不导入。"),
    )


def read_upload(cleaned: dict, files) -> dict:
    """The uploaded sheet as bytes for the import service (size checked by the service)."""
    # Read at most one byte past the limit: the service refuses anything larger.
    return {"data": cleaned["file"].read(settings.FAZHI_MAX_UPLOAD_BYTES + 1)}


class QuestionForm(UnitForm):
    kind = forms.ChoiceField(label=_("题型"), choices=QuestionKind.choices)
    stem = forms.CharField(label=_("题干"), widget=forms.Textarea)
    options = forms.CharField(
        label=_("选项"),
        widget=forms.Textarea,
        required=False,
        help_text=_("每行一个选项，依次为 A、B、C…；判断题不填。"),
    )
    answer = forms.CharField(
        label=_("正确答案"),
        max_length=10,
        help_text=_("如 A、ABD；判断题填 A（正确）或 B（错误）。"),
    )
    article = forms.IntegerField(label=_("考查条文编号"), required=False, min_value=1)

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]

    def clean_answer(self) -> list[str]:
        return sorted({c for c in self.cleaned_data["answer"].upper() if c.isalpha()})


class SittingForm(UnitForm):
    kind = forms.ChoiceField(label=_("考试类型"), choices=ExamKind.choices)
    title = forms.CharField(label=_("名称"), max_length=200)
    held_on = forms.DateField(label=_("考试日期"), widget=DATE)
    duration_minutes = forms.IntegerField(label=_("答题时长（分钟）"), min_value=1, max_value=600)
    question_count = forms.IntegerField(label=_("题量"), min_value=1, max_value=200)
    pass_mark = forms.DecimalField(
        label=_("合格分数线"), max_digits=5, decimal_places=1, min_value=0, max_value=100
    )


class EnrolForm(forms.Form):
    person_ref = forms.CharField(label=_("考生（执法证号或身份证号）"), max_length=30)
    new_post = forms.CharField(label=_("拟任职务（任前考试）"), max_length=100, required=False)
    retake_of = forms.IntegerField(label=_("补考的原试卷编号"), required=False, min_value=1)


class SubmitForm(forms.Form):
    """The answers: question id → the chosen labels. The exam page posts one radio or checkbox
    group per question (``submit-q-<id>``); an API client posts ``answers`` as JSON."""

    answers = forms.JSONField(label=_("作答"), required=False, widget=forms.HiddenInput)

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        answers = cleaned.get("answers") or {}
        if not isinstance(answers, dict):
            raise forms.ValidationError(_("作答格式应为“题目编号: 选项”。"), code="invalid")
        marker = f"{self.prefix}-q-" if self.prefix else "q-"
        getlist = getattr(self.data, "getlist", None)
        for key in self.data:
            if key.startswith(marker):
                values = getlist(key) if getlist else self.data[key]
                answers[key[len(marker) :]] = values if isinstance(values, list) else [values]
        cleaned["answers"] = {str(k): v if isinstance(v, list) else [v] for k, v in answers.items()}
        return cleaned


class LawReportForm(forms.Form):
    person_ref = forms.CharField(label=_("述法人（身份证号）"), max_length=30)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    form = forms.ChoiceField(label=_("述法形式"), choices=ReportForm.choices)
    reported_on = forms.DateField(label=_("述法日期"), widget=DATE)
    summary = forms.CharField(label=_("述法内容摘要"), widget=forms.Textarea)
    issues = forms.CharField(label=_("发现的问题"), widget=forms.Textarea, required=False)


class EvaluateForm(forms.Form):
    evaluation = forms.ChoiceField(label=_("评议等次"), choices=Evaluation.choices)
    comment = forms.CharField(
        max_length=300, label=_("评议意见"), widget=forms.Textarea, required=False
    )
    on = forms.DateField(label=_("评议日期"), widget=DATE)


class RectifyForm(forms.Form):
    rectification = forms.CharField(label=_("整改情况"), widget=forms.Textarea)
    on = forms.DateField(label=_("整改完成日期"), widget=DATE)


class SelectionForm(UnitForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=200)


class SubmissionForm(UnitForm):
    selection: forms.ModelChoiceField[CaseSelection] = forms.ModelChoiceField(
        label=_("评选"), queryset=None
    )
    title = forms.CharField(label=_("案例名称"), max_length=200)
    case_ref = forms.CharField(label=_("案号"), max_length=100, required=False)
    summary = forms.CharField(label=_("释法要点"), widget=forms.Textarea)
    law: forms.ModelChoiceField[Law] = forms.ModelChoiceField(
        label=_("所释法律法规"), queryset=None, required=False
    )
    submitted_on = forms.DateField(label=_("报送日期"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.learning.models import CaseSelection, SelectionStatus

        model_field(self, "law").queryset = _laws()
        model_field(self, "selection").queryset = CaseSelection.objects.filter(
            status=SelectionStatus.OPEN
        )
        self.fields["organization"].label = _("报送单位")


class ScoreForm(forms.Form):
    judge = forms.CharField(label=_("评委"), max_length=50)
    score = forms.DecimalField(
        label=_("评分"), max_digits=5, decimal_places=1, min_value=0, max_value=100
    )
    comment = forms.CharField(label=_("评语"), max_length=300, required=False)


class AwardForm(forms.Form):
    award = forms.ChoiceField(label=_("奖项"), choices=Award.choices)


class ProgrammeForm(UnitForm):
    name = forms.CharField(label=_("栏目名称"), max_length=100)
    description = forms.CharField(label=_("简介"), widget=forms.Textarea, required=False)


class EpisodeForm(forms.Form):
    programme: forms.ModelChoiceField[Programme] = forms.ModelChoiceField(
        label=_("栏目"), queryset=None
    )
    number = forms.IntegerField(label=_("期数"), min_value=1)
    title = forms.CharField(label=_("标题"), max_length=200)
    topic = forms.CharField(label=_("主题"), max_length=200, required=False)
    aired_on = forms.DateField(label=_("播出日期"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from fazhi.learning.models import Programme

        model_field(self, "programme").queryset = Programme.objects.all()


class ViewsForm(forms.Form):
    views = forms.IntegerField(label=_("观看人次"), min_value=0)
    on = forms.DateField(label=_("统计日期"), widget=DATE)


class DutyForm(UnitForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    law: forms.ModelChoiceField[Law] = forms.ModelChoiceField(
        label=_("普法的法律法规（法规库）"), queryset=None, required=False
    )
    law_title = forms.CharField(label=_("法律法规名称"), max_length=200, required=False)
    task = forms.CharField(label=_("普法任务"), max_length=300)
    audience = forms.CharField(label=_("普法对象"), max_length=100)
    method = forms.CharField(label=_("方式"), max_length=100)
    schedule = forms.CharField(label=_("时间安排"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "law").queryset = _laws()


class CompleteForm(forms.Form):
    on = forms.DateField(label=_("完成日期"), widget=DATE)
    outcome = forms.CharField(label=_("完成情况"), widget=forms.Textarea)
