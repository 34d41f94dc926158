"""Pages of the annual report: list, the report (figures linked to their records), section
editor with the figure picker, provenance with filters and XLSX, downloads, and the portal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import documents, indicators
from fazhi.core.exports import xlsx_response
from fazhi.core.forms import submit
from fazhi.core.models import Organization
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.reports import figures as fig
from fazhi.reports import forms, permissions, rendering, selectors, services
from fazhi.reports.models import ReportSection, Status

PAGE_SIZE = 50


def _creatable_organizations(user):
    queryset = Organization.objects.exclude(kind__in=["village", "village_group"]).order_by("path")
    scope = scope_for(user)
    return queryset if scope.reads_all else queryset.filter(scope.q(""))


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    year = request.GET.get("year", "")
    year_value = int(year) if year.isdigit() else None
    reports = selectors.report_list(user=request.user, year=year_value, search=search)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="法治政府建设年度报告.xlsx",
            title=_("年度报告"),
            headers=[_("年度"), _("报告单位"), _("标题"), _("状态"), _("报送日期"), _("公开日期")],
            rows=(
                [
                    r.year,
                    r.organization.name,
                    r.title,
                    r.get_status_display(),
                    r.submitted_on,
                    r.published_on,
                ]
                for r in reports[:5000]
            ),
        )
    form = forms.ReportCreateForm(organizations=_creatable_organizations(request.user))
    if request.method == "POST":
        form = forms.ReportCreateForm(
            request.POST, organizations=_creatable_organizations(request.user)
        )
        if form.is_valid():
            report = submit(
                form,
                lambda: services.report_create(
                    actor=request.user,
                    organization=form.cleaned_data["organization"],
                    year=form.cleaned_data["year"],
                ),
            )
            if report is not None:
                messages.success(request, _("已创建报告。"))
                return redirect("reports:detail", report.pk)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "reports/report_list.html",
        {
            "page": page,
            "search": search,
            "year": year,
            "form": form,
            "querystring": querystring.urlencode(),
        },
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    states = selectors.figure_states(report)
    sections = [
        (section, _linked(section.body, report, states)) for section in report.sections.all()
    ]
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "opening": _linked(report.opening, report, states),
            "sections": sections,
            "states": states,
            "moved": [s for s in states.values() if s.moved],
            "comments": report.comments.select_related("author", "section"),
            "events": domain_events_for(report),
            "may_edit": permissions.may_edit(request.user, report)
            and report.status in (Status.DRAFT, Status.REVIEW),
            "pdf_available": documents.pdf_available(),
        },
    )


def _linked(text: str, report, states) -> str:
    """Rendered text with each figure a link to its records (HTML-escaped around them)."""
    from django.urls import reverse
    from django.utils.html import escape, format_html

    parts = []
    last = 0
    for match in fig.REFERENCE.finditer(text or ""):
        parts.append(escape(text[last : match.start()]))
        key = match.group(1)
        state = states.get(key)
        if state is None:
            parts.append(escape(match.group(0)))
        else:
            parts.append(
                format_html(
                    '<a class="figure{}" href="{}" title="{}" data-key="{}">{}</a>{}',
                    " moved" if state.moved else "",
                    reverse("reports:figure", args=[report.pk, key]),
                    f"{state.figure.name}：{state.figure.definition}",
                    key,
                    state.figure.text,
                    format_html(
                        '<sup class="moved-mark">{}</sup>', _("现值 %(v)s") % {"v": state.live.text}
                    )
                    if state.moved
                    else "",
                )
            )
        last = match.end()
    parts.append(escape((text or "")[last:]))
    return "".join(str(p) for p in parts).replace("\n", "<br>")


@login_required
@require_POST
def report_generate(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    services.report_generate_draft(
        actor=request.user, report=report, overwrite=request.POST.get("overwrite") == "1"
    )
    messages.success(request, _("已根据指标和记录生成初稿。"))
    return redirect("reports:detail", report.pk)


@login_required
def section_edit(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    section = ReportSection.objects.filter(report=report, code=code).first()
    if section is None:
        raise Http404
    available = fig.live(
        [i.key for i in indicators.all_indicators()], report.year, report.organization
    )
    form = forms.SectionForm(initial={"body": section.body})
    status = 200
    if request.method == "POST":
        form = forms.SectionForm(request.POST)
        if form.is_valid():
            saved = submit(
                form,
                lambda: services.section_update(
                    actor=request.user, section=section, body=form.cleaned_data["body"]
                ),
            )
            if saved is not None:
                flagged = fig.typed_figures(saved.body, available)
                for number, figure in flagged:
                    messages.warning(
                        request,
                        _("“%(n)s”等于指标“%(name)s”的值，请以引用方式插入。")
                        % {"n": number, "name": figure.name},
                    )
                messages.success(request, _("已保存章节。"))
                if flagged:
                    return redirect("reports:section_edit", report.pk, code)
                return redirect("reports:detail", report.pk)
        status = 400
    picker = [
        {"key": k, "name": f.name, "text": f.text, "definition": f.definition}
        for k, f in available.items()
    ]
    return render(
        request,
        "reports/section_edit.html",
        {
            "report": report,
            "section": section,
            "form": form,
            "picker": picker,
            "flagged": fig.typed_figures(section.body, available),
        },
        status=status,
    )


@login_required
def figure_records(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    report = selectors.report_get(user=request.user, pk=pk)
    search = request.GET.get("q", "").strip()
    organization = request.GET.get("organization", "")
    counted = request.GET.get("counted", "")
    provenance = selectors.figure_provenance(
        report,
        key,
        search=search,
        organization_id=int(organization) if organization.isdigit() else None,
        counted=counted,
    )
    headers = [label for _path, label in provenance.columns]
    if provenance.records is not None and request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"{key}_{report.year}.xlsx",
            title=provenance.figure.name if provenance.figure else key,
            headers=[_("记录编号"), *headers],
            rows=(
                [r.pk, *[str(selectors.cell(r, p)) for p, _l in provenance.columns]]
                for r in provenance.records[:50000]
            ),
        )
    page = None
    rows = []
    if provenance.records is not None:
        page = Paginator(provenance.records, PAGE_SIZE).get_page(request.GET.get("page"))
        ids = [r.pk for r in page.object_list]
        in_numerator = selectors.numerator_flags(report, provenance, ids)
        rows = [
            (r.pk, [selectors.cell(r, p) for p, _l in provenance.columns], r.pk in in_numerator)
            for r in page.object_list
        ]
    querystring = request.GET.copy()
    querystring.pop("page", None)
    towns = Organization.objects.filter(
        path__startswith=report.organization.path, kind="town"
    ).order_by("path")
    return render(
        request,
        "reports/figure_records.html",
        {
            "report": report,
            "provenance": provenance,
            "headers": headers,
            "rows": rows,
            "page": page,
            "search": search,
            "organization": organization,
            "counted": counted,
            "towns": towns if provenance.organization_field else [],
            "is_rate": provenance.figure is not None and provenance.figure.unit == "%",
            "querystring": querystring.urlencode(),
        },
    )


def _download(report, fmt: str) -> HttpResponse:
    from urllib.parse import quote

    if fmt == "docx":
        data, content_type = rendering.docx(report), documents.DOCX_TYPE
    elif fmt == "pdf":
        try:
            data, content_type = rendering.pdf(report), documents.PDF_TYPE
        except documents.PdfUnavailable as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    elif fmt == "md":
        data, content_type = rendering.markdown(report).encode(), "text/markdown; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    name = rendering.filename(report, fmt)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _download(selectors.report_get(user=request.user, pk=pk), fmt)


# --- portal ------------------------------------------------------------------------------------


def portal_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.published_list().order_by("-year", "organization__path")
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/portal_list.html", {"page": page, "querystring": ""})


def portal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.published_get(pk)
    figures = selectors.report_figures(report)
    return render(
        request,
        "reports/portal_detail.html",
        {
            "report": report,
            "opening": rendering.paragraphs(fig.render(report.opening, figures)),
            "sections": rendering.numbered_sections(report, figures),
            "figures": figures,
        },
    )


def portal_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _download(selectors.published_get(pk), fmt)
