"""Reads of the pre-review app, scoped to the user's organisation subtree; figures in SQL."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
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
