"""Reads of the pre-review app, scoped to the user's organisation subtree; figures in SQL."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, NullIf
from django.shortcuts import get_object_or_404

from fazhi.core.scoping import scope_for
from fazhi.review.models import FindingStatus, ReviewDecision, ReviewFinding, ReviewRun


def run_list(*, user, search: str = "", category: str = "") -> QuerySet[ReviewRun]:
    queryset = scope_for(user).filter(ReviewRun.objects.all())
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(source_name__icontains=search))
    if category:
        queryset = queryset.filter(findings__category=category).distinct()
    return (
        queryset.select_related("organization", "created_by")
        .annotate(
            finding_count=Count("findings", distinct=True),
            pending_count=Count(
                "findings", filter=Q(findings__status=FindingStatus.PENDING), distinct=True
            ),
        )
        .order_by("-created_at", "-id")
    )


def _with_findings(queryset: QuerySet[ReviewRun]) -> QuerySet[ReviewRun]:
    """Load each run's findings in order, with their decisions and deciders, in two queries."""
    return queryset.prefetch_related(
        Prefetch(
            "findings",
            queryset=ReviewFinding.objects.order_by("position").prefetch_related(
                Prefetch("decisions", queryset=ReviewDecision.objects.select_related("decided_by"))
            ),
        )
    )


def run_get(*, user, pk: int) -> ReviewRun:
    """A run the user may read (404 otherwise), with its findings and decisions loaded."""
    queryset = scope_for(user).filter(ReviewRun.objects.all())
    return get_object_or_404(
        _with_findings(queryset.select_related("organization", "created_by")), pk=pk
    )


def runs_for_subject(*, user, subject: models.Model) -> QuerySet[ReviewRun]:
    """Runs about one record (e.g. the versions of a draft), newest first, findings loaded."""
    return _with_findings(
        run_list(user=user).filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
        )
    )


def finding_get(*, user, pk: int) -> ReviewFinding:
    """A finding of a run the user may read (404 otherwise)."""
    queryset = scope_for(user).filter(ReviewFinding.objects.all(), "run__organization")
    return get_object_or_404(queryset.select_related("run__organization"), pk=pk)


def rule_statistics(*, user, year: int | None = None) -> QuerySet:
    """Per rule: findings, accepted, dismissed and pending, over the runs the user may read.

    The acceptance rate (accepted / decided) is what says whether a rule earns its keep.
    """
    queryset = scope_for(user).filter(ReviewFinding.objects.all(), "run__organization")
    if year is not None:
        queryset = queryset.filter(run__as_of__year=year)
    return (
        queryset.values("rule", "category")
        .annotate(
            total=Count("id"),
            accepted=Count("id", filter=Q(status=FindingStatus.ACCEPTED)),
            dismissed=Count("id", filter=Q(status=FindingStatus.DISMISSED)),
            pending=Count("id", filter=Q(status=FindingStatus.PENDING)),
        )
        .order_by("category", "rule")
    )


# --- reviewer feedback as data ------------------------------------------------------------------

# Model confidence ranges shown on the rule-adoption page (lower bound inclusive).
CONFIDENCE_RANGES: tuple[tuple[str, float | None, float | None], ...] = (
    ("unscored", None, None),
    ("<0.50", 0.0, 0.5),
    ("0.50–0.70", 0.5, 0.7),
    ("0.70–0.90", 0.7, 0.9),
    ("≥0.90", 0.9, 1.01),
)


def _confidence_range() -> Case:
    whens = [
        When(confidence__gte=low, confidence__lt=high, then=Value(name))
        for name, low, high in CONFIDENCE_RANGES
        if low is not None
    ]
    return Case(*whens, default=Value("unscored"), output_field=models.CharField())


def _scoped_findings(user, year: int | None) -> QuerySet[ReviewFinding]:
    queryset = scope_for(user).filter(ReviewFinding.objects.all(), "run__organization")
    if year is not None:
        queryset = queryset.filter(run__as_of__year=year)
    return queryset


def _overrule_counts(queryset: QuerySet, *fields: str) -> QuerySet:
    return (
        queryset.values(*fields)
        .annotate(
            total=Count("id"),
            accepted=Count("id", filter=Q(status=FindingStatus.ACCEPTED)),
            dismissed=Count("id", filter=Q(status=FindingStatus.DISMISSED)),
        )
        .order_by(*fields)
    )


def overrule_by_detector(*, user, year: int | None = None) -> list[dict]:
    """Per detector (rule, model, both, law base) and model confidence range: how many
    findings reviewers accepted and dismissed, i.e. where they overrule the engine most."""
    queryset = _scoped_findings(user, year).annotate(confidence_range=_confidence_range())
    rows = list(_overrule_counts(queryset, "detector", "confidence_range"))
    order = {name: i for i, (name, _, _) in enumerate(CONFIDENCE_RANGES)}
    rows.sort(key=lambda r: (r["detector"], order.get(r["confidence_range"], 99)))
    return rows


def most_overruled(*, user, year: int | None = None, limit: int = 10) -> QuerySet:
    """The rules reviewers dismiss most: share of decided findings dismissed (percent), then
    the number dismissed; ranked in SQL over the runs the user may read."""
    decided = Count("id", filter=Q(status__in=[FindingStatus.ACCEPTED, FindingStatus.DISMISSED]))
    dismissed = Count("id", filter=Q(status=FindingStatus.DISMISSED))
    return (
        _scoped_findings(user, year)
        .values("rule", "category")
        .annotate(
            total=Count("id"),
            accepted=Count("id", filter=Q(status=FindingStatus.ACCEPTED)),
            dismissed=dismissed,
            overrule_share=ExpressionWrapper(
                Cast(dismissed, models.FloatField()) / NullIf(decided, 0),
                output_field=models.FloatField(),
            ),
        )
        .filter(dismissed__gt=0)
        .order_by("-overrule_share", "-dismissed", "rule")[:limit]
    )


def feedback_examples(*, user, year: int | None = None) -> QuerySet[ReviewFinding]:
    """Decided findings with the reason of the decision in force: labelled examples for the
    next training run (accepted = the clause is a problem, dismissed = it is not)."""
    latest = ReviewDecision.objects.filter(finding=OuterRef("pk")).order_by("-decided_at", "-id")
    return (
        _scoped_findings(user, year)
        .filter(status__in=[FindingStatus.ACCEPTED, FindingStatus.DISMISSED])
        .select_related("run")
        .annotate(
            decision_reason=Subquery(latest.values("reason")[:1]),
            decided_at=Subquery(latest.values("decided_at")[:1]),
            decided_by_name=Subquery(latest.values("decided_by__username")[:1]),
        )
        .defer("run__text")
        .order_by("run_id", "position")
    )


def feedback_record(finding) -> dict[str, object]:
    """One decided finding as a labelled clause in the benchmark's JSONL shape, so that
    ``python -m fazhi.review.engine.training --feedback FILE`` can learn from it."""
    violation = finding.status == FindingStatus.ACCEPTED
    family = (
        finding.rule.split(".")[1] if finding.rule.startswith(("fc.", "model.")) else "legality"
    )
    return {
        "id": f"feedback-{finding.pk}",
        "text": finding.clause or finding.excerpt,
        "label": "violation" if violation else "compliant",
        "group": family if violation else "compliant",
        "category": finding.category,
        "source": f"review run {finding.run_id}, finding {finding.position}",
        "source_title": f"预审 #{finding.run_id} {finding.run.title}",
        "document": finding.run.title or finding.run.source_name,
        "note": finding.decision_reason or "",
        "origin": "feedback",
        "batch": "feedback",
        "rule": finding.rule,
        "detector": finding.detector,
        "confidence": finding.confidence,
        "decided_by": finding.decided_by_name or "",
        "decided_at": finding.decided_at.isoformat() if finding.decided_at else "",
    }
