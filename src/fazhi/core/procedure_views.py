"""The one page view of every declared transition, and the block that lists a record's steps.

``GET /do/<procedure>/<pk>/<transition>/`` shows the step's form alone (one form at a time, as
on a phone); ``POST`` takes the step through the declared service and returns to the record.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError
from fazhi.core.forms import apply_error
from fazhi.core.handoffs import notify_next, work_items
from fazhi.core.procedures import procedure


@login_required
def transition_view(request: HttpRequest, key: str, pk: int, name: str) -> HttpResponse:
    declared = procedure(key)
    transition = declared.transition(name)
    obj = declared.get_object(request.user, pk)
    if not declared.may(request.user, obj, transition):
        raise declared.forbidden(transition)
    form = transition.make_form(
        request.user,
        obj,
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                declared.perform(
                    name, actor=request.user, obj=obj, data=form.cleaned_data, files=request.FILES
                )
            except ApplicationError as error:
                if error.status == 403:
                    raise
                apply_error(form, error)
            else:
                obj.refresh_from_db()
                notify_next(declared, obj, actor=request.user)
                messages.success(request, _("已办理：%(step)s。") % {"step": transition.label})
                return redirect(declared.detail_url(obj))
        status = 400
    elif not declared.allows(obj, name):
        form.add_error(None, declared.refusal(obj, transition))
    return render(
        request,
        "core/transition_form.html",
        {
            "form": form,
            "title": transition.label,
            "transition": transition,
            "record": obj,
            "record_url": declared.detail_url(obj),
        },
        status=status,
    )


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """待我处理: every record, across modules, waiting for a step this user may take."""
    return render(request, "core/my_work.html", {"items": work_items(request.user)})
