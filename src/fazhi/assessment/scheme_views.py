"""Staff pages of the assessment scheme: a year's version created blank or copied from an
earlier year, its title, dimensions and items (points, computed or by hand, indicator, rule
and parameters) edited until a unit is assessed under it. Assessors only (the rule-of-law
office and administrators); anyone else is refused, nothing changed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.assessment import forms, permissions, services
from fazhi.assessment.models import Dimension, Item, Scheme
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import ApplicationError, PermissionDenied


def _assessor(request: HttpRequest) -> None:
    if not permissions.may_assess(request.user):
        raise PermissionDenied(
            CoreErrorCode.FORBIDDEN_ROLE, _("只有考核办（司法局法制人员）可以制定考核方案。")
        )


def _refused(form, error: ApplicationError) -> None:
    """A service's refusal shown on the field it names (else above the form)."""
    if error.status == 403:
        raise error
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


def _edit_url(scheme: Scheme) -> str:
    return reverse("assessment:scheme_edit", args=[scheme.pk])


@login_required
def scheme_new(request: HttpRequest) -> HttpResponse:
    _assessor(request)
    form = forms.SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["copy_from"] is not None:
                scheme = services.scheme_copy(
                    actor=request.user,
                    source=data["copy_from"],
                    year=data["year"],
                    title=data["title"],
                )
            else:
                scheme = services.scheme_create(
                    actor=request.user, year=data["year"], title=data["title"], dimensions=[]
                )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("已制定考核方案。"))
            return redirect(_edit_url(scheme))
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("制定年度考核方案")},
        status=400 if form.errors else 200,
    )


def _scheme_page(request, scheme: Scheme, *, title_form=None, dimension_form=None, status=200):
    dimensions = list(scheme.dimensions.prefetch_related("items"))
    return render(
        request,
        "assessment/scheme_edit.html",
        {
            "scheme": scheme,
            "dimensions": dimensions,
            "total": services.scheme_total(scheme),
            "full": services.MAX_TOTAL,
            "in_use": scheme.assessments.exists(),
            "title_form": title_form or forms.TitleForm(initial={"title": scheme.title}),
            "dimension_form": dimension_form or forms.DimensionForm(),
        },
        status=status,
    )


@login_required
def scheme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The scheme with its dimensions and items; POST ``action=title`` or ``action=dimension``."""
    _assessor(request)
    scheme = get_object_or_404(Scheme, pk=pk)
    if request.method != "POST":
        return _scheme_page(request, scheme)
    if request.POST.get("action") == "title":
        form = forms.TitleForm(request.POST)
        if form.is_valid():
            try:
                services.scheme_update(
                    actor=request.user, scheme=scheme, title=form.cleaned_data["title"]
                )
            except ApplicationError as error:
                _refused(form, error)
            else:
                messages.success(request, _("已保存方案名称。"))
                return redirect(_edit_url(scheme))
        return _scheme_page(request, scheme, title_form=form, status=400)
    form = forms.DimensionForm(request.POST)
    if form.is_valid():
        try:
            services.dimension_save(
                actor=request.user, scheme=scheme, name=form.cleaned_data["name"]
            )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("已添加考核维度。"))
            return redirect(_edit_url(scheme))
    return _scheme_page(request, scheme, dimension_form=form, status=400)


@login_required
@require_POST
def dimension_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Renames (``name``) or deletes (``action=delete``) a dimension."""
    _assessor(request)
    dimension = get_object_or_404(Dimension.objects.select_related("scheme"), pk=pk)
    try:
        if request.POST.get("action") == "delete":
            services.dimension_delete(actor=request.user, dimension=dimension)
            messages.success(request, _("已删除考核维度及其指标。"))
        else:
            services.dimension_save(
                actor=request.user,
                scheme=dimension.scheme,
                dimension=dimension,
                name=request.POST.get("name", ""),
            )
            messages.success(request, _("已保存考核维度。"))
    except ApplicationError as error:
        if error.status == 403:
            raise
        messages.error(request, str(error.message))
    return redirect(_edit_url(dimension.scheme))


def _item_page(request, dimension: Dimension, form, item: Item | None, status: int = 200):
    return render(
        request,
        "assessment/item_form.html",
        {"form": form, "dimension": dimension, "scheme": dimension.scheme, "item": item},
        status=status,
    )


@login_required
def item_new(request: HttpRequest, pk: int) -> HttpResponse:
    _assessor(request)
    dimension = get_object_or_404(Dimension.objects.select_related("scheme"), pk=pk)
    form = forms.ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(actor=request.user, dimension=dimension, data=form.item_data())
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("已添加考核指标。"))
            return redirect(_edit_url(dimension.scheme))
    return _item_page(request, dimension, form, None, 400 if form.errors else 200)


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Changes an item; POST ``action=delete`` removes it."""
    _assessor(request)
    item = get_object_or_404(Item.objects.select_related("dimension__scheme"), pk=pk)
    dimension = item.dimension
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            services.item_delete(actor=request.user, item=item)
        except ApplicationError as error:
            if error.status == 403:
                raise
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("已删除考核指标。"))
        return redirect(_edit_url(dimension.scheme))
    form = forms.ItemForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(
                actor=request.user, dimension=dimension, data=form.item_data(), item=item
            )
        except ApplicationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("已保存考核指标。"))
            return redirect(_edit_url(dimension.scheme))
    return _item_page(request, dimension, form, item, 400 if form.errors else 200)
