"""Pages of the law base: search (htmx results), the list of laws, one law with its articles,
and citation checking; the public portal shows the same search and law pages."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.errors import ApplicationError, ValidationFailed
from fazhi.core.exports import xlsx_response
from fazhi.lawbase import selectors
from fazhi.lawbase.error_codes import LawbaseErrorCode
from fazhi.lawbase.models import Law, LawKind, LawStatus

PAGE_SIZE = 20


def _search_context(request: HttpRequest) -> dict[str, object]:
    query = request.GET.get("q", "").strip()
    law_id = request.GET.get("law", "")
    law = Law.objects.filter(pk=law_id).first() if law_id.isdigit() else None
    context: dict[str, object] = {"query": query, "law": law, "error": None}
    try:
        articles = selectors.article_search(query=query, law=law)
        laws = selectors.law_list(query=query)[:10] if query and law is None else []
    except ApplicationError as error:
        context["error"] = error.message
        return context
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context.update(
        page=Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page")) if query else None,
        laws=laws,
        querystring=querystring.urlencode(),
    )
    return context


def _search_page(request: HttpRequest, template: str, partial: str) -> HttpResponse:
    context = _search_context(request)
    return render(request, partial if request.htmx else template, context)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    return _search_page(request, "lawbase/search.html", "lawbase/_results.html")


def _law_list_context(request: HttpRequest) -> dict[str, object]:
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    kind = kind if kind in LawKind.values else ""
    status = status if status in LawStatus.values else ""
    try:
        laws = selectors.law_list(query=query, kind=kind, status=status)
        error = None
    except ApplicationError as failure:
        laws, error = Law.objects.none(), failure.message
    querystring = request.GET.copy()
    querystring.pop("page", None)
    querystring.pop("export", None)
    return {
        "laws": laws,
        "page": Paginator(laws, 50).get_page(request.GET.get("page")),
        "query": query,
        "kind": kind,
        "status": status,
        "kinds": LawKind.choices,
        "statuses": LawStatus.choices,
        "error": error,
        "querystring": querystring.urlencode(),
    }


@login_required
def law_list(request: HttpRequest) -> HttpResponse:
    context = _law_list_context(request)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="laws.xlsx",
            title=_("法律法规库"),
            headers=[
                _("标题"),
                _("效力层级"),
                _("制定机关"),
                _("状态"),
                _("公布日期"),
                _("最近修订日期"),
                _("现行文本施行日期"),
                _("废止日期"),
                _("条数"),
            ],
            rows=(
                [
                    law.title,
                    law.get_kind_display(),
                    law.issuer,
                    law.get_status_display(),
                    law.adopted_on,
                    law.amended_on,
                    law.effective_on,
                    law.repealed_on,
                    law.article_count,
                ]
                for law in context["laws"]
            ),
        )
    template = "lawbase/_law_rows.html" if request.htmx else "lawbase/law_list.html"
    return render(request, template, context)


def _law_detail_context(request: HttpRequest, pk: int) -> dict[str, object]:
    """One law; ``?as_of=YYYY-MM-DD`` shows the text in force that day, ``?old=V&new=W`` the
    article-by-article differences between two texts."""
    law = get_object_or_404(Law, pk=pk)
    context: dict[str, object] = {
        "law": law,
        "articles": selectors.law_articles(law),
        "chapters": selectors.law_chapters(law),
        "version_error": None,
    }
    if not law.versions.exists():
        return context
    texts = selectors.law_texts(law)
    context["texts"] = texts
    as_of = request.GET.get("as_of", "").strip()
    old, new = request.GET.get("old", "").strip(), request.GET.get("new", "").strip()
    try:
        if as_of:
            try:
                day = dt.date.fromisoformat(as_of)
            except ValueError:
                raise ValidationFailed(
                    LawbaseErrorCode.NO_VERSION_ON_DATE,
                    _("日期格式应为YYYY-MM-DD。"),
                    field="as_of",
                ) from None
            shown = selectors.law_text_on(law, day)
            context.update(as_of=day, shown=shown, articles=shown.articles)
        if old and new:
            context.update(diff=selectors.law_text_diff(law, old=old, new=new), old=old, new=new)
    except ApplicationError as error:
        context["version_error"] = error.message
    return context


@login_required
def law_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "lawbase/law_detail.html", _law_detail_context(request, pk))


class CitationForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("文本"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=selectors.MAX_TEXT_LENGTH,
    )
    date = forms.DateField(
        label=gettext_lazy("文件日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("按此日期判断所引法律法规是否已施行或已废止；不填则只核对条款。"),
    )


@login_required
def citations(request: HttpRequest) -> HttpResponse:
    form = CitationForm(request.POST or None)
    rows: list[dict[str, object]] | None = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        try:
            results = selectors.citations_resolve(text=text, as_of=form.cleaned_data["date"])
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            rows = [
                {"result": result, "excerpt": text[result.mention.start : result.mention.end]}
                for result in results
            ]
    return render(request, "lawbase/citations.html", {"form": form, "rows": rows})


# --- public portal ----------------------------------------------------------------------------


def portal_search(request: HttpRequest) -> HttpResponse:
    context = _search_context(request)
    if not context.get("query"):
        context["all_laws"] = selectors.law_list().filter(text_held=True)
    return render(
        request,
        "lawbase/_portal_results.html" if request.htmx else "lawbase/portal_search.html",
        context,
    )


def portal_law_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "lawbase/portal_law_detail.html", _law_detail_context(request, pk))
