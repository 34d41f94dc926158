"""Portal pages (``/portal/services/``): the public catalogs and certificate look-up, and for a
logged-in citizen the 一件事 application, the estate inquiry, their status and evaluation, and
the citizen's own registered wills."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError
from fazhi.core.forms import apply_error
from fazhi.core.ledgers import Column, Filter, ledger, search_term
from fazhi.services import forms, selectors
from fazhi.services.pages import form_page
from fazhi.services.procedures import APPLICATION, ESTATE_APPLICANT
from fazhi.services.services import catalog, inheritance, notary
from fazhi.services.services.common import client_reference
from fazhi.services.views import (
    NOTARY_COLUMNS,
    _d,
    estate_context,
    one_thing_context,
    will_context,
)

PORTAL = "portal/base.html"


def one_thing_list(request: HttpRequest) -> HttpResponse:
    return ledger(
        request,
        title=_("便民利企“一件事”"),
        intro=_("一件事联办：一次提交材料，各部门分别办理，统一答复。"),
        rows=selectors.one_thing_list(search=search_term(request)),
        columns=[
            Column(
                _("名称"),
                lambda t: t.name,
                lambda t: reverse("services-portal:one_thing", args=[t.pk]),
            ),
            Column(_("牵头部门"), lambda t: t.organization.name),
            Column(_("承诺时限"), lambda t: t.get_time_limit_days_display()),
            Column(_("少跑次数"), lambda t: t.visits_saved),
            Column(_("减少材料"), lambda t: t.materials_saved),
        ],
        filename="one-things.xlsx",
        base=PORTAL,
    )


def one_thing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thing = selectors.one_thing_get(pk=pk)
    context = one_thing_context(thing, PORTAL)
    context["links"] = [(reverse("services-portal:apply", args=[thing.pk]), _("在线申请"))]
    return render(request, "services/detail.html", context)


@login_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    thing = selectors.one_thing_get(pk=pk)

    def call(data):
        application = catalog.one_thing_apply(
            actor=request.user,
            one_thing=thing,
            applicant_name=data["applicant_name"],
            applicant_id_number=data["applicant_id_number"],
            materials=data["materials"],
        )
        messages.success(request, _("申请已提交，各部门将分别办理。"))
        return redirect("services-portal:application", pk=application.pk)

    return form_page(
        request,
        form=forms.ApplyForm(request.POST or None, one_thing=thing),
        title=_("申请：%(name)s") % {"name": thing.name},
        intro=_("请勾选已备齐的材料，必需材料缺少时不能提交。"),
        call=call,
        base=PORTAL,
    )


def _evaluation_form(request, declared, obj):
    """The applicant's evaluation form when the step is open to them; posts through the
    declared step (the same service as the API)."""
    if not declared.available(request.user, obj):
        return None, False
    form = forms.EvaluateForm(request.POST or None, prefix="evaluate")
    if request.method == "POST" and form.is_valid():
        try:
            declared.perform("evaluate", actor=request.user, obj=obj, data=form.cleaned_data)
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            messages.success(request, _("感谢您的评价。"))
            return form, True
    return form, False


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, pk=pk)
    form, done = _evaluation_form(request, APPLICATION, application)
    if done:
        return redirect("services-portal:application", pk=application.pk)
    evaluation = getattr(application, "evaluation", None)
    parts = selectors.application_parts(application)
    return render(
        request,
        "services/detail.html",
        {
            "base": PORTAL,
            "title": application.one_thing.name,
            "facts": [
                (_("办理状态"), application.get_status_display(), "status"),
                (_("申请日期"), _d(application.submitted_on), ""),
                (_("办结日期"), _d(application.closed_on), ""),
                (_("我的评价"), evaluation.get_grade_display() if evaluation else "", "evaluation"),
            ],
            "sections": [
                {
                    "title": _("办理进度"),
                    "headers": [_("部门"), _("事项"), _("状态"), _("承诺办结日")],
                    "rows": [
                        {
                            "cells": [
                                (p.organization.name, None),
                                (p.item.name, None),
                                (p.get_status_display(), None),
                                (_d(p.due_date), None),
                            ]
                        }
                        for p in parts
                    ],
                }
            ],
            "own_form": form,
            "own_form_title": _("评价"),
            "links": [(reverse("services-portal:mine"), _("我的办件"))],
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    applications = selectors.application_list(user=request.user).filter(applicant=request.user)
    estates = selectors.estate_list(user=request.user).filter(applicant=request.user)
    wills = selectors.will_list(user=request.user).filter(testator=request.user)
    return render(
        request,
        "services/detail.html",
        {
            "base": PORTAL,
            "title": _("我的办件"),
            "facts": [],
            "sections": [
                {
                    "title": _("一件事申请"),
                    "headers": [_("一件事"), _("申请日期"), _("状态")],
                    "rows": [
                        {
                            "cells": [
                                (
                                    a.one_thing.name,
                                    reverse("services-portal:application", args=[a.pk]),
                                ),
                                (_d(a.submitted_on), None),
                                (a.get_status_display(), None),
                            ]
                        }
                        for a in applications[:100]
                    ],
                    "empty": _("您还没有一件事申请。"),
                },
                {
                    "title": _("遗产查询"),
                    "testid": "my-estates",
                    "headers": [_("编号"), _("被继承人"), _("状态")],
                    "rows": [
                        {
                            "cells": [
                                (i.number, reverse("services-portal:estate", args=[i.pk])),
                                (i.deceased_name, None),
                                (i.get_status_display(), None),
                            ]
                        }
                        for i in estates[:100]
                    ],
                    "empty": _("您还没有遗产查询申请。"),
                },
                {
                    "title": _("我的遗嘱登记"),
                    "headers": [_("登记号"), _("遗嘱形式"), _("立遗嘱日期"), _("状态")],
                    "rows": [
                        {
                            "cells": [
                                (w.registration_no, reverse("services-portal:will", args=[w.pk])),
                                (w.get_form_display(), None),
                                (_d(w.made_on), None),
                                (w.get_status_display(), None),
                            ]
                        }
                        for w in wills[:100]
                    ],
                    "empty": _("没有以您的账号登记的遗嘱。"),
                },
            ],
            "links": [
                (reverse("services-portal:estate_apply"), _("申请遗产查询")),
                (reverse("services-portal:one_things"), _("一件事目录")),
            ],
        },
    )


@login_required
def estate_apply(request: HttpRequest) -> HttpResponse:
    def call(data):
        inquiry = inheritance.estate_apply(actor=request.user, **data)
        messages.success(request, _("申请已提交，编号 %(no)s。") % {"no": inquiry.number})
        return redirect("services-portal:estate", pk=inquiry.pk)

    return form_page(
        request,
        form=forms.EstateApplyForm(request.POST or None),
        title=_("遗产继承一件事：遗产查询申请"),
        intro=_(
            "被继承人死亡后，继承人可申请查询其不动产、存款、证券、车辆、公积金和社保账户。"
            "须提供死亡证明和亲属关系证明。"
        ),
        call=call,
        base=PORTAL,
        submit=_("提交申请"),
    )


@login_required
def estate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = selectors.estate_get(user=request.user, pk=pk)
    form, done = _evaluation_form(request, ESTATE_APPLICANT, inquiry)
    if done:
        return redirect("services-portal:estate", pk=inquiry.pk)
    context = estate_context(inquiry, PORTAL, staff=False)
    context.update(
        own_form=form,
        own_form_title=_("评价"),
        actions=[(_("我的办件"), reverse("services-portal:mine"))],
    )
    return render(
        request,
        "services/detail.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def will_detail(request: HttpRequest, pk: int) -> HttpResponse:
    will = selectors.will_get(user=request.user, pk=pk)
    return render(request, "services/detail.html", will_context(request, will, PORTAL))


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
        base=PORTAL,
    )


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "")


def notary_lookup(request: HttpRequest) -> HttpResponse:
    """Existence, kind, date and office of a certificate — rate-limited and logged."""
    form = forms.LookupForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            answer = notary.notary_lookup(
                number=form.cleaned_data["number"],
                client=client_reference(client_address(request)),
                user=request.user,
            )
        except ApplicationError as error:
            apply_error(form, error)
            status = error.status
        else:
            result = [(_("公证书编号"), answer["number"])]
            if answer["exists"]:
                result += [
                    (_("查询结果"), _("该公证书存在")),
                    (_("公证类别"), answer["kind"]),
                    (_("出具日期"), _d(answer["issued_on"])),
                    (_("公证机构"), answer["office"]),
                ]
            else:
                result += [(_("查询结果"), _("未查到该编号的公证书"))]
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "services/form.html",
        {
            "form": form,
            "title": _("公证书查询"),
            "intro": _(
                "仅答复公证书是否存在、公证类别、出具日期和公证机构。查询有频次限制，并记录日志。"
            ),
            "base": PORTAL,
            "result": result,
            "submit": _("查询"),
        },
        status=status,
    )
