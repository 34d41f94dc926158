"""Pages of the assessment: the year's ranking and score sheet (XLSX), one unit's scores with
its steps (scoring, notification, objection, final)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.assessment import permissions, selectors, services
from fazhi.assessment.models import Scheme
from fazhi.core.errors import ApplicationError
from fazhi.core.exports import xlsx_response
from fazhi.core.models import Organization
from fazhi.core.selectors import domain_events_for


@login_required
def index(request: HttpRequest) -> HttpResponse:
    schemes = list(Scheme.objects.all())
    year = request.GET.get("year", "")
    scheme = next((s for s in schemes if str(s.year) == year), schemes[0] if schemes else None)
    if scheme is not None and request.GET.get("export") == "xlsx":
        items, rows = selectors.score_sheet(user=request.user, scheme=scheme)
        return xlsx_response(
            filename=f"{scheme.title}_得分表.xlsx",
            title=_("得分表"),
            headers=[
                _("被考核单位"),
                _("状态"),
                *(f"{i.dimension.name}/{i.name}（{i.points}）" for i in items),
                _("总分"),
            ],
            rows=(
                [a.organization.name, a.get_status_display(), *scores, a.total]
                for a, scores in rows
            ),
        )
    if scheme is not None and request.method == "POST":
        organization = Organization.objects.filter(pk=request.POST.get("organization") or 0).first()
        if organization is None:
            messages.error(request, _("请选择被考核单位。"))
        else:
            try:
                services.assessment_open(
                    actor=request.user, scheme=scheme, organization=organization
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("已将该单位纳入考核。"))
                return redirect(f"{request.path}?year={scheme.year}")
    ranking = selectors.ranking(user=request.user, scheme=scheme) if scheme else {}
    return render(
        request,
        "assessment/index.html",
        {
            "schemes": schemes,
            "scheme": scheme,
            "ranking": ranking,
            "may_assess": permissions.may_assess(request.user),
            "units": Organization.objects.filter(kind__in=["town", "department"]).order_by("path"),
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    scores = {s.item_id: s for s in assessment.scores.all()}
    dimensions = [
        (d, [(item, scores.get(item.pk)) for item in d.items.all()])
        for d in assessment.scheme.dimensions.prefetch_related("items")
    ]
    return render(
        request,
        "assessment/detail.html",
        {
            "assessment": assessment,
            "dimensions": dimensions,
            "objections": assessment.objections.select_related("item", "filed_by"),
            "events": domain_events_for(assessment),
        },
    )
