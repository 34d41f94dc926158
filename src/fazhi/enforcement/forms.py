"""Forms of the enforcement pages: each case step has its own form and calls one service."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import Organization, Person
from fazhi.core.pickers import DELIVERY, OFFICERS, UNITS, Picker, PickerWidget, unit_by_code_or_pk
from fazhi.enforcement.domain import CIRCUMSTANCE_LABELS, Circumstance
from fazhi.enforcement.models import (
    CaseOutcome,
    CertificateEndReason,
    CommitmentResult,
    DiscretionGrade,
    EnforcementItem,
    EvidenceKind,
    ExemptionItem,
    PartyType,
    PenaltyKind,
    PreservationOutcome,
    ReviewOutcome,
)
from fazhi.enforcement.selectors import in_force

CIRCUMSTANCE_CHOICES = [(c.value, CIRCUMSTANCE_LABELS[c]) for c in Circumstance]
DATE = forms.DateInput(attrs={"type": "date"})


class CodeField(forms.CharField):
    """An organisation or item picked by its code."""

    def __init__(self, model, *args, **kwargs):
        self.model = model
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None  # only reachable when the field is optional
        found = self.model.objects.filter(code=value).first()
        if found is None:
            raise forms.ValidationError(_("编码不存在。"))
        return found


def _items(user, q, params):
    """Items in force today that the chosen unit holds or has been delegated; without a unit,
    the items of units in the user's scope."""
    from django.db.models import Q
    from django.utils import timezone

    from fazhi.core.scoping import scope_for

    queryset = EnforcementItem.objects.filter(in_force(timezone.localdate()))
    unit = unit_by_code_or_pk(params.get("organization", ""))
    if unit is not None:
        queryset = queryset.filter(Q(organization=unit) | Q(delegations__organization=unit))
    else:
        queryset = scope_for(user).filter(queryset)
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return queryset.distinct().order_by("code")


ITEMS = Picker(
    kind="enforcement-items",
    options=_items,
    value=lambda i: i.code,
    text=lambda i: f"{i.name}（{i.code}）",
    lookup=lambda code: EnforcementItem.objects.filter(code=code).order_by("-id").first(),
    placeholder=_("输入事项名称或编码搜索本单位的处罚事项"),
)
OFFICERS_WIDGET = PickerWidget(OFFICERS, append=True, depends="organization")


class CaseOpenForm(forms.Form):
    organization = CodeField(Organization, label=_("办案单位"), widget=PickerWidget(UNITS))
    item = CodeField(
        EnforcementItem,
        label=_("处罚事项"),
        widget=PickerWidget(ITEMS, depends="organization"),
    )
    party_type = forms.ChoiceField(label=_("当事人类型"), choices=PartyType.choices)
    party_name = forms.CharField(label=_("当事人"), max_length=120)
    party_id_number = forms.CharField(label=_("证件号码/统一社会信用代码"), max_length=30)
    party_address = forms.CharField(
        label=_("当事人地址"),
        max_length=200,
        help_text=_("住所地或经营场所，载入处罚决定书（行政处罚法第五十九条）。"),
    )
    facts = forms.CharField(label=_("违法事实"), widget=forms.Textarea(attrs={"rows": 3}))
    violation_date = forms.DateField(label=_("违法行为发生（终了）日"), widget=DATE)
    discovered_on = forms.DateField(label=_("发现日期"), widget=DATE)
    opened_on = forms.DateField(label=_("立案日期"), widget=DATE)
    officers = forms.CharField(
        label=_("承办执法人员执法证号"),
        max_length=200,
        widget=OFFICERS_WIDGET,
        help_text=_("从本单位持证执法人员中选择，至少两人（执法证号以顿号分隔）。"),
    )
    limitation_years = forms.TypedChoiceField(
        label=_("追责时效"), choices=[(2, _("二年")), (5, _("五年"))], coerce=int
    )
    is_major = forms.BooleanField(label=_("重大执法决定"), required=False)
    major_reason = forms.CharField(label=_("法制审核理由"), required=False, max_length=300)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("证据种类"), choices=EvidenceKind.choices)
    description = forms.CharField(label=_("说明"), max_length=300)
    collected_on = forms.DateField(label=_("取证日期"), widget=DATE)
    file = forms.FileField(label=_("文件"))


class NotifyForm(forms.Form):
    on = forms.DateField(label=_("告知日期"), widget=DATE)
    intended_kinds = forms.MultipleChoiceField(
        label=_("拟处罚种类"),
        choices=PenaltyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    intended_fine = forms.DecimalField(label=_("拟罚款金额（元）"), required=False, min_value=0)


class StatementForm(forms.Form):
    statement = forms.CharField(label=_("陈述申辩"), widget=forms.Textarea(attrs={"rows": 3}))


class RecusalForm(forms.Form):
    on = forms.DateField(label=_("决定回避日期"), widget=DATE)
    officer = forms.CharField(
        label=_("回避的执法人员执法证号"), max_length=40, widget=PickerWidget(OFFICERS)
    )
    replacement = forms.CharField(
        label=_("接替的执法人员执法证号"), max_length=40, widget=PickerWidget(OFFICERS)
    )
    applicant = forms.ChoiceField(
        label=_("提出方"),
        choices=[
            ("party", _("当事人申请")),
            ("officer", _("执法人员自行回避")),
            ("agency", _("机关决定")),
        ],
    )
    reason = forms.CharField(label=_("回避理由"), max_length=200)


class WaiverForm(forms.Form):
    on = forms.DateField(label=_("书面放弃日期"), widget=DATE)
    note = forms.CharField(label=_("放弃声明（书面材料）"), max_length=200)


class HearingScheduleForm(forms.Form):
    on = forms.DateField(label=_("听证通知日期"), widget=DATE)
    hearing_on = forms.DateField(label=_("听证举行日期"), widget=DATE)


class WithdrawPublicationForm(forms.Form):
    annulled_on = forms.DateField(label=_("决定被变更、撤销或确认违法、无效的日期"), widget=DATE)
    on = forms.DateField(label=_("撤回日期"), widget=DATE)
    reason = forms.CharField(label=_("撤回理由"), max_length=200)


class PaymentForm(forms.Form):
    on = forms.DateField(label=_("缴纳日期"), widget=DATE)


class PreserveForm(forms.Form):
    """先行登记保存: dated by the server on the day it is recorded (art 56)."""

    items = forms.CharField(
        label=_("登记保存的证据物品"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("名称、规格、数量；证据可能灭失或者以后难以取得的情况。"),
    )
    place = forms.CharField(label=_("保存地点"), max_length=200)
    approved_by = forms.CharField(label=_("批准的行政机关负责人"), max_length=60)


class PreservationDecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("处理决定"), choices=PreservationOutcome.choices)
    basis = forms.CharField(
        label=_("处理依据"),
        max_length=200,
        required=False,
        help_text=_("查封、扣押或者没收的，须引用允许该措施的法律、法规条文。"),
    )
    note = forms.CharField(label=_("处理说明"), max_length=300, required=False)


class DateForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE)


class ExtendForm(forms.Form):
    on = forms.DateField(label=_("批准日期"), widget=DATE)
    days = forms.IntegerField(label=_("延长天数"), min_value=1)
    reason = forms.CharField(label=_("延长理由"), max_length=300)


class ReviewForm(forms.Form):
    on = forms.DateField(label=_("审核日期"), widget=DATE)
    outcome = forms.ChoiceField(label=_("审核意见"), choices=ReviewOutcome.choices)
    opinion = forms.CharField(label=_("审核意见说明"), widget=forms.Textarea(attrs={"rows": 3}))


class DiscussionForm(forms.Form):
    on = forms.DateField(label=_("讨论日期"), widget=DATE)
    minutes = forms.CharField(label=_("集体讨论纪要编号"), max_length=120)


class DecideForm(forms.Form):
    on = forms.DateField(label=_("决定日期"), widget=DATE)
    outcome = forms.ChoiceField(label=_("处理结果"), choices=CaseOutcome.choices)
    circumstances = forms.MultipleChoiceField(
        label=_("裁量情节"),
        choices=CIRCUMSTANCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    penalty_kinds = forms.MultipleChoiceField(
        label=_("处罚种类"),
        choices=PenaltyKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fine_amount = forms.DecimalField(label=_("罚款金额（元）"), required=False, min_value=0)
    # Any version may be chosen: the service refuses one not in force on the decision date or
    # for another item, and says why.
    exemption = forms.ModelChoiceField(
        label=_("免罚清单事项"),
        queryset=ExemptionItem.objects.order_by("code", "version"),
        required=False,
    )
    education_given = forms.CharField(label=_("教育方式"), required=False, max_length=200)
    deviation_reason = forms.CharField(
        label=_("未采纳裁量建议的理由"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ServeForm(forms.Form):
    on = forms.DateField(label=_("送达日期"), widget=DATE)
    method = forms.CharField(label=_("送达方式"), max_length=40, widget=PickerWidget(DELIVERY))


class ExecuteForm(forms.Form):
    on = forms.DateField(label=_("执行完毕日期"), widget=DATE)
    note = forms.CharField(label=_("执行情况"), max_length=200)


class CalculatorForm(forms.Form):
    circumstances = forms.MultipleChoiceField(
        label=_("裁量情节"),
        choices=CIRCUMSTANCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class CommitmentVerifyForm(forms.Form):
    on = forms.DateField(label=_("核查日期"), widget=DATE)
    result = forms.ChoiceField(label=_("核查结果"), choices=CommitmentResult.choices)


class CommitmentNotifyForm(forms.Form):
    """告知 of notice-and-commitment: the matter is named by its exemption-list code."""

    organization = CodeField(Organization, label=_("执法单位"), widget=PickerWidget(UNITS))
    exemption = forms.CharField(label=_("免罚清单事项编码"), max_length=40)
    party_type = forms.ChoiceField(label=_("当事人类型"), choices=PartyType.choices)
    party_name = forms.CharField(label=_("当事人"), max_length=120)
    party_id_number = forms.CharField(label=_("证件号码/统一社会信用代码"), max_length=30)
    facts = forms.CharField(label=_("违法事实"), widget=forms.Textarea(attrs={"rows": 3}))
    violation_date = forms.DateField(label=_("违法行为日"), widget=DATE)
    notice_on = forms.DateField(label=_("告知日期"), widget=DATE)
    correct_by = forms.DateField(label=_("改正期限"), widget=DATE)

    def clean(self):
        data = super().clean()
        code = (data.get("exemption") or "").strip()
        if not code:
            return data
        versions = ExemptionItem.objects.filter(code=code).order_by("-version")
        on = data.get("notice_on")
        # The version in force on the notice date; else the latest, which the service refuses
        # with the reason (not on the list that day).
        chosen = versions.filter(in_force(on)).first() if on else None
        chosen = chosen or versions.first()
        if chosen is None:
            self.add_error("exemption", _("清单编码不存在。"))
        else:
            data["exemption"] = chosen
        return data


class CommitmentConvertForm(forms.Form):
    opened_on = forms.DateField(label=_("立案日期"), widget=DATE)
    party_address = forms.CharField(
        label=_("当事人地址"),
        max_length=200,
        help_text=_("载入处罚决定书（行政处罚法第五十九条）。"),
    )
    officers = forms.CharField(
        label=_("承办执法人员执法证号（至少两人，以顿号分隔）"),
        max_length=200,
        widget=PickerWidget(OFFICERS, append=True),
    )


# --- exemption list, delegation and benchmarks (catalog roles only) ----------------------------


class ExemptionFieldsForm(forms.Form):
    """The fields every version of an exemption-list item carries."""

    list_name = forms.CharField(label=_("清单名称"), max_length=200)
    issuer = forms.CharField(label=_("发布机关"), max_length=100)
    list_type = forms.CharField(label=_("清单类型"), max_length=30, initial="不予处罚")
    category = forms.CharField(label=_("领域"), max_length=40)
    violation = forms.CharField(label=_("违法行为"), widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = forms.CharField(label=_("依据"), widget=forms.Textarea(attrs={"rows": 2}))
    conditions = forms.CharField(label=_("适用条件"), widget=forms.Textarea(attrs={"rows": 2}))
    item = CodeField(EnforcementItem, label=_("对应处罚事项编码"), required=False)
    source_url = forms.URLField(label=_("来源"), max_length=300, required=False)


class ExemptionAddForm(ExemptionFieldsForm):
    code = forms.RegexField(
        label=_("清单编码"),
        max_length=40,
        regex=r"^[^/\s]+$",
        error_messages={"invalid": _("清单编码不能含空格或斜杠。")},
    )
    effective_from = forms.DateField(label=_("生效日期"), widget=DATE)

    field_order = ["code", "effective_from"]


class ExemptionAdjustForm(ExemptionFieldsForm):
    on = forms.DateField(label=_("调整生效日期"), widget=DATE)
    reason = forms.CharField(label=_("调整理由"), max_length=300)

    field_order = ["on", "reason"]


class ExemptionRepealForm(forms.Form):
    on = forms.DateField(label=_("废止日期"), widget=DATE)
    reason = forms.CharField(label=_("废止理由"), max_length=300)


class DelegationForm(forms.Form):
    organization = CodeField(Organization, label=_("镇（街道）编码"))
    decision_document = forms.CharField(label=_("赋权文件"), max_length=120)
    effective_from = forms.DateField(label=_("生效日期"), widget=DATE)


class DelegationWithdrawForm(forms.Form):
    on = forms.DateField(label=_("收回日期"), widget=DATE)
    reason = forms.CharField(label=_("收回理由"), max_length=300)


class BenchmarkRowForm(forms.Form):
    grade = forms.ChoiceField(label=_("裁量阶次"), choices=DiscretionGrade.choices)
    circumstances = forms.CharField(label=_("适用情形"), widget=forms.Textarea(attrs={"rows": 2}))
    min_fine = forms.DecimalField(label=_("罚款下限（元）"), min_value=0, decimal_places=2)
    max_fine = forms.DecimalField(label=_("罚款上限（元）"), min_value=0, decimal_places=2)
    source = forms.CharField(label=_("基准来源"), max_length=200)
    effective_from = forms.DateField(label=_("生效日期"), widget=DATE)


# --- enforcement certificates ------------------------------------------------------------------


class CertificateIssueForm(forms.Form):
    person = forms.ModelChoiceField(label=_("持证人"), queryset=Person.objects.none())
    number = forms.CharField(label=_("执法证号"), max_length=30)
    issuer = forms.CharField(label=_("发证机关"), max_length=100, initial="浙江省司法厅")
    valid_from = forms.DateField(label=_("有效期自"), widget=DATE)
    valid_to = forms.DateField(label=_("有效期至（不填按五年计）"), widget=DATE, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people


class CertificateRevokeForm(forms.Form):
    on = forms.DateField(label=_("终止日期"), widget=DATE)
    reason = forms.ChoiceField(label=_("终止原因"), choices=CertificateEndReason.choices)
    note = forms.CharField(label=_("终止说明"), max_length=200, required=False)
    suspend = forms.BooleanField(label=_("暂扣（而非注销）"), required=False)


class CertificatesFromPeopleForm(forms.Form):
    organization = CodeField(Organization, label=_("单位编码"))
    issuer = forms.CharField(label=_("发证机关"), max_length=100, initial="浙江省司法厅")


class SummaryDecideForm(forms.Form):
    """当场处罚 (简易程序, art 51–52)."""

    organization = CodeField(Organization, label=_("执法单位编码"))
    item = CodeField(EnforcementItem, label=_("处罚事项编码"))
    party_type = forms.ChoiceField(label=_("当事人类型"), choices=PartyType.choices)
    party_name = forms.CharField(label=_("当事人"), max_length=120)
    party_id_number = forms.CharField(label=_("证件号码/统一社会信用代码"), max_length=30)
    facts = forms.CharField(label=_("违法事实"), widget=forms.Textarea(attrs={"rows": 2}))
    place = forms.CharField(label=_("地点"), max_length=200)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE)
    penalty_kinds = forms.MultipleChoiceField(
        label=_("处罚种类"),
        choices=[(PenaltyKind.WARNING, _("警告")), (PenaltyKind.FINE, _("罚款"))],
        widget=forms.CheckboxSelectMultiple,
    )
    fine_amount = forms.DecimalField(label=_("罚款金额（元）"), required=False, min_value=0)
    officers = forms.CharField(label=_("执法人员执法证号（以顿号分隔）"), max_length=200)
    party_refused_to_sign = forms.BooleanField(label=_("当事人拒绝签收"), required=False)
