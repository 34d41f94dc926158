"""Staff pages of the services app: catalogs (with XLSX export), applications and their
departments' parts, 好差评 and rectifications, verifications, commitments, the notary list and
certificates, wills and estate inquiries. Steps come from the declared procedures."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import ImportFailed, ValidationFailed
from fazhi.core.exports import read_xlsx_rows
from fazhi.core.ledgers import Column, Filter, ledger, search_term, staff_required
from fazhi.core.models import Organization
from fazhi.core.params import parse_year
from fazhi.core.selectors import domain_events_for
from fazhi.services import forms, selectors
from fazhi.services.models import (
    ApplicationStatus,
    CommitmentStatus,
    EstateStatus,
    Replacement,
    VerificationStatus,
)
from fazhi.services.pages import form_page
from fazhi.services.services import catalog, certification, inheritance, notary
from fazhi.services.services.inheritance import LATEST_PREVAILS_BASIS, WILL_FORM_BASIS


def _d(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def _history(model: str, pk: int) -> str:
    return reverse("core:history", args=[f"services.{model}", pk])


# --- 一件事 ------------------------------------------------------------------------------------


@staff_required
def one_thing_list(request: HttpRequest) -> HttpResponse:
    all_versions = request.GET.get("versions") == "all"
    things = selectors.one_thing_list(search=search_term(request), all_versions=all_versions)
    return ledger(
        request,
        title=_("便民利企“一件事”目录"),
        rows=things,
        columns=[
            Column(_("编码"), lambda t: t.code),
            Column(
                _("名称"),
                lambda t: t.name,
                lambda t: reverse("services:one_thing_detail", args=[t.pk]),
            ),
            Column(_("版本"), lambda t: t.version),
            Column(_("牵头部门"), lambda t: t.organization.name),
            Column(_("事项数"), lambda t: t.item_count),
            Column(_("承诺时限"), lambda t: t.get_time_limit_days_display()),
            Column(_("少跑次数"), lambda t: t.visits_saved),
            Column(_("减少材料"), lambda t: t.materials_saved),
            Column(_("生效日期"), lambda t: _d(t.effective_from)),
            Column(_("失效日期"), lambda t: _d(t.effective_to)),
        ],
        filename="one-things.xlsx",
        filters=[Filter.from_request(request, "versions", _("版本"), [("all", _("含历史版本"))])],
        actions=[(_("发布一件事"), reverse("services:one_thing_create"))],
    )


def _items(text: str) -> list[catalog.ItemInput]:
    items = []
    codes = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 4:
            raise ValidationFailed(
                "invalid", _("第%(n)s行应有四栏，用“|”分隔。") % {"n": number}, field="items"
            )
        code, name, days, materials = parts
        codes.setdefault(code, Organization.objects.filter(code=code).first())
        if codes[code] is None or not days.isdigit():
            raise ValidationFailed(
                "invalid", _("第%(n)s行的部门编码或时限无效。") % {"n": number}, field="items"
            )
        items.append(
            catalog.ItemInput(
                department=codes[code],
                name=name,
                time_limit_days=int(days),
                materials=forms.split_names(materials),
            )
        )
    return items


@staff_required
def one_thing_create(request: HttpRequest) -> HttpResponse:
    organization = _first_unit(request.user)

    def call(data):
        thing = catalog.one_thing_publish(
            actor=request.user,
            organization=organization,
            code=data["code"],
            name=data["name"],
            effective_from=data["effective_from"],
            time_limit_days=data["time_limit_days"],
            items=_items(data["items"]),
        )
        messages.success(request, _("已发布 %(name)s。") % {"name": thing})
        return redirect("services:one_thing_detail", pk=thing.pk)

    return form_page(
        request, form=forms.OneThingForm(request.POST or None), title=_("发布一件事"), call=call
    )


def _own_units(user) -> list[int]:
    from fazhi.core.models import RoleAssignment

    return list(RoleAssignment.objects.filter(user=user).values_list("organization_id", flat=True))


def one_thing_context(thing, base: str) -> dict:
    return {
        "base": base,
        "title": str(thing),
        "facts": [
            (_("编码"), thing.code, ""),
            (_("牵头部门"), thing.organization.name, ""),
            (_("承诺办结时限"), thing.get_time_limit_days_display(), ""),
            (
                _("有效期"),
                f"{_d(thing.effective_from)} — {_d(thing.effective_to) or _('至今')}",
                "",
            ),
            (
                _("跑动次数"),
                _("分别办理 %(a)s 次，联办 %(b)s 次，少跑 %(c)s 次")
                % {"a": thing.separate_visits, "b": thing.combined_visits, "c": thing.visits_saved},
                "",
            ),
            (
                _("材料份数"),
                _("分别办理 %(a)s 份，联办 %(b)s 份，减少 %(c)s 份")
                % {
                    "a": thing.separate_materials,
                    "b": thing.combined_materials,
                    "c": thing.materials_saved,
                },
                "materials-saved",
            ),
        ],
        "sections": [
            {
                "title": _("集成的办事事项"),
                "headers": [_("办理部门"), _("事项"), _("承诺时限"), _("单独办理所需材料")],
                "rows": [
                    {
                        "cells": [
                            (i.department.name, None),
                            (i.name, None),
                            (i.get_time_limit_days_display(), None),
                            ("、".join(i.materials), None),
                        ]
                    }
                    for i in thing.items.all()
                ],
            },
            {
                "title": _("一次提交的材料（已去重）"),
                "headers": [_("材料"), _("必需")],
                "rows": [
                    {"cells": [(m.name, None), (_("是") if m.required else _("否"), None)]}
                    for m in thing.materials.all()
                ],
            },
        ],
    }


@staff_required
def one_thing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thing = selectors.one_thing_get(pk=pk)
    context = one_thing_context(thing, "base.html")
    context["sections"].append(
        {
            "title": _("版本"),
            "headers": [_("版本"), _("生效日期"), _("失效日期")],
            "rows": [
                {
                    "cells": [
                        (v.version, reverse("services:one_thing_detail", args=[v.pk])),
                        (_d(v.effective_from), None),
                        (_d(v.effective_to), None),
                    ]
                }
                for v in selectors.one_thing_versions(thing)
            ],
        }
    )
    context.update(events=domain_events_for(thing), history_url=_history("onething", thing.pk))
    return render(request, "services/detail.html", context)


@staff_required
def application_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in ApplicationStatus.values else ""
    return ledger(
        request,
        title=_("一件事申请"),
        rows=selectors.application_list(
            user=request.user, search=search_term(request), status=status
        ),
        columns=[
            Column(
                _("一件事"),
                lambda a: a.one_thing.name,
                lambda a: reverse("services:application_detail", args=[a.pk]),
            ),
            Column(_("申请人"), lambda a: a.applicant_name),
            Column(_("证件号"), lambda a: a.masked_applicant_id_number),
            Column(_("申请日期"), lambda a: _d(a.submitted_on)),
            Column(_("状态"), lambda a: a.get_status_display()),
            Column(_("办结日期"), lambda a: _d(a.closed_on)),
        ],
        filename="one-thing-applications.xlsx",
        filters=[Filter("status", _("状态"), ApplicationStatus.choices, status)],
    )


def application_sections(application) -> list[dict]:
    return [
        {
            "title": _("各部门办件"),
            "testid": "parts",
            "key": "services.part",
            "headers": [_("办理部门"), _("事项"), _("状态"), _("届满日"), _("办结日期"), _("意见")],
            "rows": [
                {
                    "record": p,
                    "cells": [
                        (p.organization.name, None),
                        (p.item.name, None),
                        (p.get_status_display(), None),
                        (_d(p.due_date), None),
                        (_d(p.done_on), None),
                        (p.note, None),
                    ],
                }
                for p in selectors.application_parts(application)
            ],
        },
    ]


@staff_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, pk=pk)
    evaluation = getattr(application, "evaluation", None)
    return render(
        request,
        "services/detail.html",
        {
            "title": _("一件事申请 · %(name)s") % {"name": application.one_thing.name},
            "facts": [
                (
                    _("申请人"),
                    f"{application.applicant_name}（{application.masked_applicant_id_number}）",
                    "",
                ),
                (_("申请日期"), _d(application.submitted_on), ""),
                (_("状态"), application.get_status_display(), "status"),
                (_("已提交材料"), "、".join(application.materials_provided), ""),
                (_("评价"), evaluation.get_grade_display() if evaluation else "", ""),
            ],
            "sections": application_sections(application),
            "events": domain_events_for(application),
            "history_url": _history("onethingapplication", application.pk),
        },
    )


# --- 好差评 ------------------------------------------------------------------------------------


@staff_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    bad_only = request.GET.get("bad") == "1"
    return ledger(
        request,
        title=_("政务服务好差评"),
        rows=selectors.evaluation_list(
            user=request.user, search=search_term(request), bad_only=bad_only
        ),
        columns=[
            Column(_("服务事项"), lambda e: e.service_name),
            Column(_("被评价单位"), lambda e: e.organization.name),
            Column(_("评价"), lambda e: e.get_grade_display()),
            Column(_("评价内容"), lambda e: e.comment),
            Column(_("评价日期"), lambda e: _d(e.evaluated_on)),
            Column(
                _("整改"),
                lambda e: _rectification_cell(e)[0],
                lambda e: _rectification_cell(e)[1],
            ),
        ],
        filename="evaluations.xlsx",
        filters=[Filter("bad", _("评价"), [("1", _("仅差评"))], request.GET.get("bad", ""))],
        actions=[(_("满意率和差评整改率"), reverse("services:evaluation_table"))],
    )


def _rectification_cell(evaluation) -> tuple[str, str | None]:
    rectification = getattr(evaluation, "rectification", None)
    if rectification is None:
        return ("", None)
    return (
        rectification.get_status_display(),
        reverse("services:rectification_detail", args=[rectification.pk]),
    )


@staff_required
def evaluation_table(request: HttpRequest) -> HttpResponse:
    year = parse_year(request.GET.get("year")) or timezone.localdate().year
    rows = selectors.evaluation_table(user=request.user, year=year)
    return render(
        request,
        "services/detail.html",
        {
            "title": _("%(year)s年服务评价指标（按单位和服务）") % {"year": year},
            "facts": [],
            "sections": [
                {
                    "title": _("满意率和差评整改率"),
                    "testid": "evaluation-table",
                    "headers": [
                        _("单位"),
                        _("服务事项"),
                        _("评价数"),
                        _("满意率（%）"),
                        _("差评数"),
                        _("已整改"),
                        _("差评整改率（%）"),
                    ],
                    "rows": [
                        {
                            "cells": [
                                (r["organization__name"], None),
                                (r["service_name"], None),
                                (r["total"], None),
                                (r["satisfaction"], None),
                                (r["bad"], None),
                                (r["rectified"], None),
                                (
                                    r["rectification"] if r["rectification"] is not None else "—",
                                    None,
                                ),
                            ]
                        }
                        for r in rows
                    ],
                    "empty": _("当年没有评价。"),
                }
            ],
        },
    )


@staff_required
def rectification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rectification = selectors.rectification_get(user=request.user, pk=pk)
    evaluation = rectification.evaluation
    clock = selectors.clocks_of(rectification).first()
    return render(
        request,
        "services/detail.html",
        {
            "title": _("差评整改 · %(name)s") % {"name": evaluation.service_name},
            "facts": [
                (_("整改单位"), rectification.organization.name, ""),
                (_("评价"), evaluation.get_grade_display(), ""),
                (_("评价内容"), evaluation.comment, ""),
                (_("启动日期"), _d(rectification.opened_on), ""),
                (_("反馈期限"), _d(clock.due_date) if clock else "", ""),
                (_("状态"), rectification.get_status_display(), "status"),
                (_("整改情况"), rectification.response, ""),
                (_("反馈日期"), _d(rectification.responded_on), ""),
            ],
            "procedure_key": "services.rectification",
            "record": rectification,
            "events": domain_events_for(rectification),
            "history_url": _history("rectification", rectification.pk),
        },
    )


# --- 证明事项 ----------------------------------------------------------------------------------


@staff_required
def certificate_item_list(request: HttpRequest) -> HttpResponse:
    replacement = request.GET.get("replacement", "")
    replacement = replacement if replacement in Replacement.values else ""
    return ledger(
        request,
        title=_("证明事项目录"),
        rows=selectors.certificate_item_list(search=search_term(request), replacement=replacement),
        columns=[
            Column(_("编码"), lambda i: i.code),
            Column(_("类别"), lambda i: i.category),
            Column(_("证明事项"), lambda i: i.name),
            Column(_("原开具单位"), lambda i: i.issuing_body),
            Column(_("替代方式"), lambda i: i.get_replacement_display()),
            Column(_("数据持有单位"), lambda i: i.holder.name if i.holder else ""),
            Column(_("核验时限"), lambda i: i.get_response_days_display()),
            Column(_("依据"), lambda i: i.basis),
        ],
        filename="certificate-items.xlsx",
        filters=[Filter("replacement", _("替代方式"), Replacement.choices, replacement)],
        actions=[(_("登记证明事项"), reverse("services:certificate_item_create"))],
    )


def _first_unit(user) -> Organization | None:
    units = _own_units(user)
    return Organization.objects.filter(pk__in=units).order_by("depth", "code").first()


@staff_required
def certificate_item_create(request: HttpRequest) -> HttpResponse:
    def call(data):
        certification.certificate_item_save(
            actor=request.user, organization=_first_unit(request.user), **data
        )
        messages.success(request, _("已保存证明事项。"))
        return redirect("services:certificate_items")

    return form_page(
        request,
        form=forms.CertificateItemForm(request.POST or None),
        title=_("登记证明事项"),
        call=call,
    )


@staff_required
def verification_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in VerificationStatus.values else ""
    return ledger(
        request,
        title=_("证明事项核验"),
        rows=selectors.verification_list(
            user=request.user, search=search_term(request), status=status
        ),
        columns=[
            Column(
                _("证明事项"),
                lambda v: v.item.name,
                lambda v: reverse("services:verification_detail", args=[v.pk]),
            ),
            Column(_("请求单位"), lambda v: v.organization.name),
            Column(_("数据持有单位"), lambda v: v.holder.name),
            Column(_("办理事项"), lambda v: v.matter),
            Column(_("请求日期"), lambda v: _d(v.requested_on)),
            Column(_("状态"), lambda v: v.get_status_display()),
            Column(_("结果"), lambda v: v.get_result_display()),
        ],
        filename="verifications.xlsx",
        filters=[Filter("status", _("状态"), VerificationStatus.choices, status)],
        actions=[(_("发起核验"), reverse("services:verification_create"))],
    )


@staff_required
def verification_create(request: HttpRequest) -> HttpResponse:
    def call(data):
        request_ = certification.verification_request(
            actor=request.user, organization=_first_unit(request.user), **data
        )
        messages.success(request, _("已发出核验请求。"))
        return redirect("services:verification_detail", pk=request_.pk)

    return form_page(
        request,
        form=forms.VerificationRequestForm(request.POST or None),
        title=_("发起证明事项核验"),
        intro=_("只填写数据持有单位查找记录所需的信息。"),
        call=call,
    )


@staff_required
def verification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    verification = selectors.verification_get(user=request.user, pk=pk)
    clock = selectors.clocks_of(verification).first()
    return render(
        request,
        "services/detail.html",
        {
            "title": _("证明事项核验 · %(name)s") % {"name": verification.item.name},
            "facts": [
                (_("请求单位"), verification.organization.name, ""),
                (_("数据持有单位"), verification.holder.name, ""),
                (_("办理事项"), verification.matter, ""),
                (
                    _("核验对象"),
                    f"{verification.subject_name}（{verification.masked_subject_id_number}）",
                    "",
                ),
                (_("需核验的事实"), verification.fact, ""),
                (_("请求日期"), _d(verification.requested_on), ""),
                (_("答复期限"), _d(clock.due_date) if clock else "", ""),
                (_("状态"), verification.get_status_display(), "status"),
                (_("核验结果"), verification.get_result_display(), ""),
                (_("答复日期"), _d(verification.answered_on), ""),
                (_("逾期答复理由"), verification.late_reason, ""),
            ],
            "procedure_key": "services.verification",
            "record": verification,
            "events": domain_events_for(verification),
            "history_url": _history("verificationrequest", verification.pk),
        },
    )


@staff_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in CommitmentStatus.values else ""
    return ledger(
        request,
        title=_("告知承诺"),
        rows=selectors.commitment_list(
            user=request.user, search=search_term(request), status=status
        ),
        columns=[
            Column(
                _("证明事项"),
                lambda c: c.item.name,
                lambda c: reverse("services:commitment_detail", args=[c.pk]),
            ),
            Column(_("办理单位"), lambda c: c.organization.name),
            Column(_("办理事项"), lambda c: c.matter),
            Column(_("承诺人"), lambda c: c.applicant_name),
            Column(_("承诺日期"), lambda c: _d(c.committed_on)),
            Column(_("状态"), lambda c: c.get_status_display()),
        ],
        filename="commitments.xlsx",
        filters=[Filter("status", _("状态"), CommitmentStatus.choices, status)],
        actions=[(_("记录告知承诺"), reverse("services:commitment_create"))],
    )


@staff_required
def commitment_create(request: HttpRequest) -> HttpResponse:
    def call(data):
        commitment = certification.commitment_record(
            actor=request.user, organization=_first_unit(request.user), **data
        )
        messages.success(request, _("已记录告知承诺。"))
        return redirect("services:commitment_detail", pk=commitment.pk)

    return form_page(
        request,
        form=forms.CommitmentForm(request.POST or None),
        title=_("记录告知承诺"),
        call=call,
    )


@staff_required
def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_get(user=request.user, pk=pk)
    return render(
        request,
        "services/detail.html",
        {
            "title": _("告知承诺 · %(name)s") % {"name": commitment.item.name},
            "facts": [
                (_("办理单位"), commitment.organization.name, ""),
                (_("办理事项"), commitment.matter, ""),
                (
                    _("承诺人"),
                    f"{commitment.applicant_name}（{commitment.masked_applicant_id_number}）",
                    "",
                ),
                (_("承诺内容"), commitment.promised_fact, ""),
                (_("承诺日期"), _d(commitment.committed_on), ""),
                (_("状态"), commitment.get_status_display(), "status"),
                (_("核查"), f"{_d(commitment.checked_on)} {commitment.check_note}".strip(), ""),
                (_("处理措施"), commitment.measures, ""),
                (_("信用记录编号"), commitment.credit_record, ""),
            ],
            "procedure_key": "services.commitment",
            "record": commitment,
            "events": domain_events_for(commitment),
            "history_url": _history("commitment", commitment.pk),
        },
    )


# --- notary -----------------------------------------------------------------------------------


# The columns of the notary list are the import's headers: an export can be imported again.
NOTARY_COLUMNS = [
    Column(_("类别编码"), lambda i: i.category.code),
    Column(_("类别"), lambda i: i.category.name),
    Column(_("事项编码"), lambda i: i.code),
    Column(_("事项"), lambda i: i.name),
    Column(_("最多跑一次"), lambda i: _("是") if i.one_visit else _("否")),
    Column(_("列入日期"), lambda i: _d(i.listed_on)),
]


@staff_required
def notary_item_list(request: HttpRequest) -> HttpResponse:
    return ledger(
        request,
        title=_("公证“最多跑一次”事项清单"),
        rows=selectors.notary_item_list(
            search=search_term(request), category=request.GET.get("category", "")
        ),
        columns=NOTARY_COLUMNS,
        filename="notary-items.xlsx",
        filters=[
            Filter(
                "category",
                _("类别"),
                [(c.code, c.name) for c in selectors.notary_categories()],
                request.GET.get("category", ""),
            )
        ],
        actions=[
            (_("导入事项清单"), reverse("services:notary_import")),
            (_("登记公证书"), reverse("services:certificate_register")),
        ],
    )


@staff_required
def notary_import(request: HttpRequest) -> HttpResponse:
    from django import forms as django_forms

    class ImportForm(django_forms.Form):
        file = django_forms.FileField(
            label=_("事项清单（XLSX）"),
            help_text=_("列：类别编码、类别、事项编码、事项、最多跑一次（是/否）、列入日期"),
        )

    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            sheet = read_xlsx_rows(
                form.cleaned_data["file"].read(),
                expected_headers=[str(c.header) for c in NOTARY_COLUMNS],
            )
            rows = [
                notary.NotaryItemRow(
                    category_code=str(r.get("类别编码") or ""),
                    category_name=str(r.get("类别") or ""),
                    code=str(r.get("事项编码") or ""),
                    name=str(r.get("事项") or ""),
                    one_visit=str(r.get("最多跑一次") or "是") != "否",
                    listed_on=_as_date(r.get("列入日期")),
                )
                for r in sheet
            ]
            count = notary.notary_items_import(actor=request.user, rows=rows)
        except ImportFailed as error:
            form.add_error(None, str(error.message))
            errors = error.rows
        except ValidationFailed as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("已导入 %(n)s 项。") % {"n": count})
            return redirect("services:notary_items")
    return render(
        request,
        "services/form.html",
        {
            "form": form,
            "title": _("导入公证“最多跑一次”事项清单"),
            "result": [(_("第%(n)s行") % {"n": e["row"]}, e["detail"]) for e in errors],
        },
        status=400 if form.errors else 200,
    )


def _as_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


@staff_required
def certificate_register(request: HttpRequest) -> HttpResponse:
    def call(data):
        certificate = notary.notarial_certificate_register(actor=request.user, **data)
        messages.success(request, _("已登记公证书 %(no)s。") % {"no": certificate.number})
        return redirect("services:notary_items")

    return form_page(
        request,
        form=forms.CertificateRegisterForm(request.POST or None),
        title=_("登记公证书"),
        call=call,
    )


# --- wills and estates ------------------------------------------------------------------------


@staff_required
def will_list(request: HttpRequest) -> HttpResponse:
    return ledger(
        request,
        title=_("遗嘱登记"),
        intro=_("遗嘱登记仅遗嘱人本人和经授权的公证人员可以查阅，每次查阅均记录。"),
        rows=selectors.will_list(user=request.user, search=search_term(request)),
        columns=[
            Column(
                _("登记号"),
                lambda w: w.registration_no,
                lambda w: reverse("services:will_detail", args=[w.pk]),
            ),
            Column(_("遗嘱人"), lambda w: w.testator_name),
            Column(_("遗嘱形式"), lambda w: w.get_form_display()),
            Column(_("立遗嘱日期"), lambda w: _d(w.made_on)),
            Column(_("登记日期"), lambda w: _d(w.registered_on)),
            Column(_("状态"), lambda w: w.get_status_display()),
        ],
        actions=[(_("登记遗嘱"), reverse("services:will_create"))],
        exportable=False,
    )


def will_notice(will, wills) -> str:
    """Say plainly which will prevails when a testator has several."""
    if len(wills) < 2:
        return ""
    prevailing = next((w for w in wills if w.prevails), None)
    if prevailing is None:
        return _("该遗嘱人的登记遗嘱均已撤回。")
    if prevailing.pk == will.pk:
        return _(
            "该遗嘱人共登记%(n)s份遗嘱，本遗嘱为最后订立的遗嘱；内容相抵触的，以本遗嘱为准（%(basis)s）。"
        ) % {"n": len(wills), "basis": LATEST_PREVAILS_BASIS}
    return _(
        "该遗嘱人另有在后订立的遗嘱（%(no)s，立于%(date)s）；内容相抵触的，以在后的遗嘱为准（%(basis)s）。"
    ) % {
        "no": prevailing.registration_no,
        "date": _d(prevailing.made_on),
        "basis": LATEST_PREVAILS_BASIS,
    }


def will_context(request, will, base: str) -> dict:
    wills = selectors.wills_of_testator(user=request.user, id_number=will.testator_id_number)
    return {
        "base": base,
        "title": _("遗嘱登记 %(no)s") % {"no": will.registration_no},
        "notice": will_notice(will, wills),
        "facts": [
            (_("遗嘱人"), f"{will.testator_name}（{will.masked_testator_id_number}）", ""),
            (_("遗嘱形式"), f"{will.get_form_display()}（{WILL_FORM_BASIS[will.form]}）", "form"),
            (_("立遗嘱日期"), _d(will.made_on), ""),
            (_("立遗嘱地点"), will.place, ""),
            (_("见证人"), "、".join(will.witnesses), ""),
            (_("公证机构"), will.notary_office, ""),
            (_("登记库"), will.get_registry_display(), ""),
            (_("原件保管处"), will.keeping_place, ""),
            (_("登记日期"), _d(will.registered_on), ""),
            (_("状态"), will.get_status_display(), "status"),
        ],
        "sections": [
            {
                "title": _("该遗嘱人的全部登记"),
                "testid": "wills",
                "headers": [_("登记号"), _("遗嘱形式"), _("立遗嘱日期"), _("状态"), _("效力顺序")],
                "rows": [
                    {
                        "cells": [
                            (w.registration_no, None),
                            (w.get_form_display(), None),
                            (_d(w.made_on), None),
                            (w.get_status_display(), None),
                            (
                                _("以此为准")
                                if w.prevails
                                else _("被在后遗嘱取代（相抵触部分）")
                                if w.status == "registered"
                                else "—",
                                None,
                            ),
                        ]
                    }
                    for w in wills
                ],
            }
        ],
    }


@staff_required
def will_detail(request: HttpRequest, pk: int) -> HttpResponse:
    will = selectors.will_get(user=request.user, pk=pk)
    context = will_context(request, will, "base.html")
    context.update(procedure_key="services.will", record=will, events=domain_events_for(will))
    return render(request, "services/detail.html", context)


@staff_required
def will_create(request: HttpRequest) -> HttpResponse:
    def call(data):
        data = dict(data)
        data["witnesses"] = forms.split_names(data.get("witnesses", ""))
        will = inheritance.will_register(actor=request.user, **data)
        messages.success(request, _("已登记遗嘱 %(no)s。") % {"no": will.registration_no})
        return redirect("services:will_detail", pk=will.pk)

    return form_page(
        request, form=forms.WillRegisterForm(request.POST or None), title=_("登记遗嘱"), call=call
    )


@staff_required
def estate_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in EstateStatus.values else ""
    return ledger(
        request,
        title=_("遗产继承一件事"),
        rows=selectors.estate_list(user=request.user, search=search_term(request), status=status),
        columns=[
            Column(
                _("编号"),
                lambda i: i.number,
                lambda i: reverse("services:estate_detail", args=[i.pk]),
            ),
            Column(_("申请人"), lambda i: i.applicant_name),
            Column(_("被继承人"), lambda i: i.deceased_name),
            Column(_("申请日期"), lambda i: _d(i.submitted_on)),
            Column(_("状态"), lambda i: i.get_status_display()),
        ],
        filename="estate-inquiries.xlsx",
        filters=[Filter("status", _("状态"), EstateStatus.choices, status)],
    )


def estate_context(inquiry, base: str, *, staff: bool) -> dict:
    requests = selectors.estate_requests(inquiry)
    evaluation = getattr(inquiry, "evaluation", None)
    facts = [
        (_("编号"), inquiry.number, "number"),
        (_("状态"), inquiry.get_status_display(), "status"),
        (_("申请人"), f"{inquiry.applicant_name}（{inquiry.get_relation_display()}）", ""),
        (_("被继承人"), f"{inquiry.deceased_name}（{inquiry.masked_deceased_id_number}）", ""),
        (_("死亡日期"), _d(inquiry.died_on), ""),
        (_("最后住所地"), inquiry.town.name, ""),
        (_("死亡证明"), inquiry.death_proof, ""),
        (_("亲属关系证明"), inquiry.kinship_proof, ""),
        (_("协商或纠纷情况"), inquiry.outcome_summary, ""),
        (
            _("人民调解案件"),
            f"{inquiry.mediation_case.organization.name} {inquiry.mediation_case.case_no}"
            if inquiry.mediation_case
            else "",
            "mediation",
        ),
        (_("评价"), evaluation.get_grade_display() if evaluation else "", "evaluation"),
    ]
    return {
        "base": base,
        "title": _("遗产查询 %(no)s") % {"no": inquiry.number},
        "facts": facts,
        "sections": [
            {
                "title": _("财产查询请求"),
                "testid": "requests",
                "key": "services.inquiry_request" if staff else "",
                "headers": [
                    _("来源"),
                    _("被查询单位"),
                    _("发出日期"),
                    _("答复期限"),
                    _("状态"),
                    _("查到财产"),
                    _("答复"),
                    _("答复日期"),
                ],
                "rows": [
                    {
                        "record": r,
                        "cells": [
                            (r.get_source_display(), None),
                            (r.holder, None),
                            (_d(r.sent_on), None),
                            (_d(r.due_date), None),
                            (r.get_status_display(), None),
                            ("" if r.found is None else (_("是") if r.found else _("否")), None),
                            (r.answer, None),
                            (_d(r.answered_on), None),
                        ],
                    }
                    for r in requests
                ],
                "empty": _("受理后向各财产来源发出查询请求。"),
            }
        ],
    }


@staff_required
def estate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.estate_get(user=request.user, pk=pk)
    context = estate_context(inquiry, "base.html", staff=True)
    wills = selectors.wills_of_testator(user=request.user, id_number=inquiry.deceased_id_number)
    context["sections"].append(
        {
            "title": _("被继承人的登记遗嘱"),
            "headers": [_("登记号"), _("遗嘱形式"), _("立遗嘱日期"), _("效力顺序")],
            "rows": [
                {
                    "cells": [
                        (w.registration_no, reverse("services:will_detail", args=[w.pk])),
                        (w.get_form_display(), None),
                        (_d(w.made_on), None),
                        (_("以此为准") if w.prevails else "—", None),
                    ]
                }
                for w in wills
            ],
            "empty": _("未查到登记遗嘱（或您无权查阅遗嘱登记）。"),
        }
    )
    context.update(
        procedure_key="services.estate",
        record=inquiry,
        events=domain_events_for(inquiry),
        history_url=_history("estateinquiry", inquiry.pk),
    )
    return render(request, "services/detail.html", context)
