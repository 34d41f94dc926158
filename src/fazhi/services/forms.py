"""Forms of the services pages and of each declared step; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.forms import choice_field, model_field
from fazhi.core.models import Organization, OrganizationKind
from fazhi.services.models import (
    RESPONSE_DAYS,
    TIME_LIMITS,
    CertificateItem,
    Grade,
    NotaryCategory,
    Registry,
    Relation,
    Replacement,
    Source,
    VerificationResult,
    WillForm,
)

DATE = forms.DateInput(attrs={"type": "date"})


def _days(values):
    return [(v, _("%(n)s个工作日") % {"n": v}) for v in values]


class DateForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE, required=False, help_text=_("不填为今天"))


class PartCompleteForm(DateForm):
    note = forms.CharField(label=_("办理意见"), max_length=300, required=False)


class PartRefuseForm(DateForm):
    note = forms.CharField(label=_("不予办理理由"), max_length=300)


class EvaluateForm(forms.Form):
    grade = forms.TypedChoiceField(label=_("评价"), choices=Grade.choices, coerce=int)
    comment = forms.CharField(
        label=_("评价内容"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("选择“不满意”或“非常不满意”时请写明原因。"),
    )


class RespondForm(DateForm):
    response = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3}))


class VerificationAnswerForm(DateForm):
    result = forms.ChoiceField(label=_("核验结果"), choices=VerificationResult.choices)
    late_reason = forms.CharField(label=_("逾期答复理由"), max_length=300, required=False)


class CommitmentCheckForm(DateForm):
    truthful = forms.BooleanField(label=_("承诺属实"), required=False)
    note = forms.CharField(label=_("核查情况"), max_length=300)


class BreachForm(DateForm):
    measures = forms.CharField(label=_("处理措施"), max_length=300)
    credit_record = forms.CharField(label=_("信用记录编号"), max_length=60)


class AcceptForm(DateForm):
    sources = forms.MultipleChoiceField(
        label=_("查询来源"),
        choices=Source.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=list(Source.values),
    )


class InquiryAnswerForm(DateForm):
    found = forms.BooleanField(label=_("查到财产"), required=False)
    answer = forms.CharField(label=_("答复内容"), max_length=500)
    late_reason = forms.CharField(label=_("逾期答复理由"), max_length=300, required=False)


class SettleForm(DateForm):
    summary = forms.CharField(label=_("协商一致情况"), widget=forms.Textarea(attrs={"rows": 3}))


class ReferForm(DateForm):
    committee: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("人民调解委员会"), queryset=None
    )
    respondent_name = forms.CharField(label=_("对方当事人"), max_length=100)
    summary = forms.CharField(label=_("纠纷情况"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every committee is offered so that the service's refusal of one outside the
        # deceased's town reaches the user with its own message (and the API alike).
        model_field(self, "committee").queryset = Organization.objects.filter(
            kind=OrganizationKind.MEDIATION_COMMITTEE
        ).order_by("path")


class WillRevokeForm(DateForm):
    pass


# --- create forms -----------------------------------------------------------------------------


class ApplyForm(forms.Form):
    applicant_name = forms.CharField(label=_("申请人姓名"), max_length=100)
    applicant_id_number = forms.CharField(label=_("身份证号"), max_length=18)
    materials = forms.MultipleChoiceField(
        label=_("已备齐的材料"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, one_thing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if one_thing is not None:
            choice_field(self, "materials").choices = [
                (m.name, m.name) for m in one_thing.materials.all()
            ]


class EstateApplyForm(forms.Form):
    applicant_name = forms.CharField(label=_("申请人姓名"), max_length=100)
    applicant_id_number = forms.CharField(label=_("申请人身份证号"), max_length=18)
    relation = forms.ChoiceField(label=_("与被继承人关系"), choices=Relation.choices)
    deceased_name = forms.CharField(label=_("被继承人姓名"), max_length=100)
    deceased_id_number = forms.CharField(label=_("被继承人身份证号"), max_length=18)
    died_on = forms.DateField(label=_("死亡日期"), widget=DATE)
    town: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("被继承人最后住所地镇（街道）"), queryset=None
    )
    death_proof = forms.CharField(
        label=_("死亡证明"), max_length=200, required=False, help_text=_("证明名称和编号")
    )
    kinship_proof = forms.CharField(
        label=_("亲属关系证明"), max_length=200, required=False, help_text=_("证明名称和编号")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "town").queryset = Organization.objects.filter(
            kind=OrganizationKind.TOWN
        ).order_by("code")


class WillRegisterForm(forms.Form):
    testator_name = forms.CharField(label=_("遗嘱人"), max_length=100)
    testator_id_number = forms.CharField(label=_("遗嘱人身份证号"), max_length=18)
    testator_username = forms.CharField(
        label=_("遗嘱人平台账号"), max_length=150, required=False, help_text=_("填写后本人可查阅")
    )
    form = forms.ChoiceField(label=_("遗嘱形式"), choices=WillForm.choices)
    made_on = forms.DateField(label=_("立遗嘱日期"), widget=DATE)
    place = forms.CharField(label=_("立遗嘱地点"), max_length=200, required=False)
    witnesses = forms.CharField(
        label=_("见证人"), max_length=300, required=False, help_text=_("多人用顿号或逗号分隔")
    )
    pages = forms.IntegerField(label=_("页数"), min_value=1, required=False)
    signed_each_page = forms.BooleanField(label=_("每页签名并注明日期"), required=False)
    emergency = forms.BooleanField(label=_("危急情况"), required=False)
    notary_office = forms.CharField(label=_("公证机构"), max_length=100, required=False)
    registry = forms.ChoiceField(label=_("登记库"), choices=Registry.choices)
    keeping_place = forms.CharField(label=_("原件保管处"), max_length=200, required=False)


def split_names(text: str) -> list[str]:
    for separator in "，,、；;":
        text = text.replace(separator, " ")
    return [name for name in text.split() if name]


class CertificateItemForm(forms.Form):
    code = forms.CharField(label=_("编码"), max_length=40)
    category = forms.CharField(label=_("类别"), max_length=100)
    name = forms.CharField(label=_("证明事项名称"), max_length=200)
    issuing_body = forms.CharField(label=_("原开具单位"), max_length=200)
    replacement = forms.ChoiceField(label=_("替代方式"), choices=Replacement.choices)
    holder: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("数据持有单位"), queryset=None, required=False
    )
    response_days = forms.TypedChoiceField(
        label=_("核验答复时限"), choices=_days(RESPONSE_DAYS), coerce=int, initial=3
    )
    basis = forms.CharField(label=_("依据"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "holder").queryset = Organization.objects.filter(
            kind__in=(OrganizationKind.DEPARTMENT, OrganizationKind.TOWN)
        ).order_by("code")


class VerificationRequestForm(forms.Form):
    item: forms.ModelChoiceField[CertificateItem] = forms.ModelChoiceField(
        label=_("证明事项"), queryset=None
    )
    matter = forms.CharField(label=_("办理事项"), max_length=200)
    subject_name = forms.CharField(label=_("核验对象姓名"), max_length=100)
    subject_id_number = forms.CharField(label=_("核验对象身份证号"), max_length=18)
    fact = forms.CharField(label=_("需核验的事实"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "item").queryset = CertificateItem.objects.order_by("code")


class CommitmentForm(VerificationRequestForm):
    # Django drops an inherited field set to None; the stubs only know the field's type.
    subject_name = None  # type: ignore[assignment]
    subject_id_number = None  # type: ignore[assignment]
    fact = None  # type: ignore[assignment]
    applicant_name = forms.CharField(label=_("承诺人"), max_length=100)
    applicant_id_number = forms.CharField(label=_("承诺人身份证号"), max_length=18)
    promised_fact = forms.CharField(label=_("承诺内容"), max_length=300)


class CertificateRegisterForm(forms.Form):
    number = forms.CharField(label=_("公证书编号"), max_length=60)
    category: forms.ModelChoiceField[NotaryCategory] = forms.ModelChoiceField(
        label=_("公证类别"), queryset=None
    )
    issued_on = forms.DateField(label=_("出具日期"), widget=DATE)
    office = forms.CharField(label=_("公证机构"), max_length=100, initial="海宁市公证处")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_field(self, "category").queryset = NotaryCategory.objects.order_by("code")


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("公证书编号"), max_length=60, help_text=_("如：（2022）浙嘉海证字第123号")
    )


class OneThingItemsField(forms.CharField):
    """One item a line: 部门编码 | 事项名称 | 承诺时限 | 材料1、材料2."""


class OneThingForm(forms.Form):
    code = forms.CharField(label=_("编码"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=200)
    effective_from = forms.DateField(label=_("生效日期"), widget=DATE)
    time_limit_days = forms.TypedChoiceField(
        label=_("承诺办结时限"), choices=_days(TIME_LIMITS), coerce=int
    )
    items = OneThingItemsField(
        label=_("办事事项"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("每行一个事项：部门编码 | 事项名称 | 承诺工作日 | 材料（用顿号分隔）"),
    )
