"""Pages of the pre-review app: review pasted text or a DOCX, see a run with its findings
highlighted inline, decide on findings, and the acceptance rate of each rule."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.domain.rates import Rate
from fazhi.core.errors import ApplicationError
from fazhi.core.exports import XLSX_TYPE, xlsx_response
from fazhi.core.forms import apply_error
from fazhi.core.params import parse_year
from fazhi.core.scoping import require_role
from fazhi.review import feedback, selectors, services
from fazhi.review.engine import rules_by_id
from fazhi.review.models import FindingCategory, FindingDetector
from fazhi.review.permissions import RUN_ROLES, can_export_feedback, require_adoption

PAGE_SIZE = 20


class ReviewForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("标题"), max_length=200, required=False)
    text = forms.CharField(
        label=gettext_lazy("文本"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy("粘贴文件全文，或在下方上传 .docx / .txt 文件（二者选一）。"),
    )
    file = forms.FileField(label=gettext_lazy("文件"), required=False)
    as_of = forms.DateField(
        label=gettext_lazy("审查基准日"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("文件的日期，用于核对有效期和引用的法律法规是否有效；默认今天。"),
    )


@login_required
def review_new(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *RUN_ROLES)
    form = ReviewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.review_run_record(
                actor=request.user,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"],
                as_of=form.cleaned_data["as_of"],
                title=form.cleaned_data["title"],
            )
        except ApplicationError as error:
            if error.status == 403:
                raise
            apply_error(form, error)
        else:
            return redirect("review:run_detail", pk=run.pk)
    return render(request, "review/review_new.html", {"form": form})


@login_required
def run_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    category = category if category in FindingCategory.values else ""
    runs = selectors.run_list(user=request.user, search=search, category=category)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page")),
        "search": search,
        "category": category,
        "categories": FindingCategory.choices,
        "querystring": query.urlencode(),
    }
    return render(
        request, "review/_run_rows.html" if request.htmx else "review/run_list.html", context
    )


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(user=request.user, pk=pk)
    return render(request, "review/run_detail.html", {"run": run})


@login_required
@require_POST
def finding_decide(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_get(user=request.user, pk=pk)
    error = None
    try:
        services.finding_decide(
            actor=request.user,
            finding=finding,
            outcome=request.POST.get("outcome", ""),
            reason=request.POST.get("reason", ""),
        )
    except ApplicationError as failure:
        if failure.status == 403:
            raise
        error = failure
    if request.htmx:
        run = selectors.run_get(user=request.user, pk=finding.run_id)
        context = {
            "run": run,
            "next_url": request.POST.get("next", ""),
            "decision_error": error.message if error else None,
            "decision_error_finding": finding.pk,
        }
        return render(request, "review/_run_fragment.html", context, status=400 if error else 200)
    if error is not None:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("已记录处理结论。"))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect("review:run_detail", pk=finding.run_id)
    return redirect(next_url)


@login_required
def rule_statistics(request: HttpRequest) -> HttpResponse:
    require_adoption(request.user)
    year = request.GET.get("year", "")
    rows = list(selectors.rule_statistics(user=request.user, year=parse_year(year)))
    titles = {rule_id: rule.title for rule_id, rule in rules_by_id().items()}
    for row in rows:
        row["title"] = titles.get(row["rule"], "")
        row["rate"] = Rate(row["accepted"], row["accepted"] + row["dismissed"]).percent
        row["category_label"] = str(FindingCategory(row["category"]).label)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="review-rules.xlsx",
            title=_("规则采纳率"),
            headers=[
                _("规则"),
                _("名称"),
                _("类别"),
                _("发现"),
                _("采纳"),
                _("不采纳"),
                _("待处理"),
                _("采纳率（%）"),
            ],
            rows=(
                [
                    row["rule"],
                    row["title"],
                    row["category_label"],
                    row["total"],
                    row["accepted"],
                    row["dismissed"],
                    row["pending"],
                    row["rate"],
                ]
                for row in rows
            ),
        )
    overrules = selectors.overrule_by_detector(
        user=request.user, year=int(year) if year.isdigit() else None
    )
    detectors = dict(FindingDetector.choices)
    for row in overrules:
        row["detector_label"] = str(detectors.get(row["detector"], row["detector"]))
        row["range_label"] = (
            _("未评分") if row["confidence_range"] == "unscored" else row["confidence_range"]
        )
        decided = row["accepted"] + row["dismissed"]
        row["overrule_rate"] = Rate(row["dismissed"], decided).percent
    most_overruled = list(
        selectors.most_overruled(user=request.user, year=int(year) if year.isdigit() else None)
    )
    for row in most_overruled:
        row["title"] = titles.get(row["rule"], "")
        row["category_label"] = str(FindingCategory(row["category"]).label)
        row["overrule_rate"] = Rate(row["dismissed"], row["accepted"] + row["dismissed"]).percent
    context = {
        "rows": rows,
        "year": year,
        "overrules": overrules,
        "most_overruled": most_overruled,
        "can_export_feedback": can_export_feedback(request.user),
    }
    return render(request, "review/rules.html", context)


@login_required
def feedback_export(request: HttpRequest) -> HttpResponse:
    """Reviewers' decisions with their reasons, as labelled examples (XLSX or JSONL)."""
    year = request.GET.get("year", "")
    fmt = request.GET.get("format", "xlsx")
    fmt = fmt if fmt in feedback.FORMATS else "xlsx"
    records = feedback.feedback_records(
        user=request.user, year=int(year) if year.isdigit() else None
    )
    if fmt == "jsonl":
        body = feedback.feedback_jsonl(records)
        response = HttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="review-feedback.jsonl"'
        return response
    response = HttpResponse(feedback.feedback_xlsx(records), content_type=XLSX_TYPE)
    dated = f"{feedback.feedback_xlsx_title()}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, dated)
    return response
