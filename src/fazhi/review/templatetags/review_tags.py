"""``{% review_run run %}``: a stored run with its findings highlighted inline and, for legal
officers, the accept/dismiss forms. Any page may include it (normdocs does, for a draft)."""

from __future__ import annotations

from django import template

from fazhi.review.highlight import segments
from fazhi.review.models import FindingSeverity, ReviewRun
from fazhi.review.permissions import can_decide

register = template.Library()


@register.inclusion_tag("review/_run.html", takes_context=True)
def review_run(context, run: ReviewRun, next_url: str = "") -> dict[str, object]:
    request = context.get("request")
    user = getattr(request, "user", None)
    findings = list(run.findings.all())
    first_mark: dict[int, int] = {}
    pieces = segments(run.text, findings)
    for index, piece in enumerate(pieces):
        for position in piece.positions:
            first_mark.setdefault(position, index)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "run": run,
        "findings": findings,
        "segments": list(enumerate(pieces)),
        "first_mark": first_mark,
        "can_decide": user is not None and can_decide(user, run.organization),
        "next_url": next_url or (request.get_full_path() if request else ""),
        "severity_counts": {
            label: sum(1 for f in findings if f.severity == value)
            for value, label in FindingSeverity.choices
        },
        "decision_error": context.get("decision_error"),
        "decision_error_finding": context.get("decision_error_finding"),
    }
