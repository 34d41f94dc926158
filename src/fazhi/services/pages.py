"""The form page shared by the staff and portal views: it shows a service's refusal next to the
field at fault. (Lists are ``core.ledgers.ledger``.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core.errors import ApplicationError
from fazhi.core.forms import apply_error


def form_page(
    request: HttpRequest,
    *,
    form,
    title: Any,
    call: Callable[[dict[str, Any]], HttpResponse],
    base: str = "base.html",
    intro: Any = "",
    submit: Any = "",
) -> HttpResponse:
    """Validate the form, call the service; a refusal (but a 403) is shown on the form."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                return call(form.cleaned_data)
            except ApplicationError as error:
                if error.status == 403:
                    raise
                apply_error(form, error)
                status = error.status
        else:
            status = 400
    return render(
        request,
        "services/form.html",
        {"form": form, "title": title, "base": base, "intro": intro, "submit": submit},
        status=status,
    )
