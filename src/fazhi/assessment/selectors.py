"""Reads of the assessment: scoped lists, one assessment, the ranking and the score sheet."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from fazhi.assessment.models import Assessment, Item, Scheme, Score
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.scoping import scope_for


def assessment_list(*, user, year: int | None = None) -> QuerySet[Assessment]:
    queryset = scope_for(user).filter(Assessment.objects.all())
    if year:
        queryset = queryset.filter(scheme__year=year)
    return queryset.select_related("organization", "scheme")


def assessment_get(*, user, pk: int) -> Assessment:
    assessment = assessment_list(user=user).filter(pk=pk).first()
    if assessment is None:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("考核记录不存在或不在您的单位范围内。"))
    return assessment


def ranking(*, user, scheme: Scheme) -> dict[str, list[tuple[int, Assessment]]]:
    """Units ranked by total within their kind (departments and towns apart); ties share a rank."""
    groups: dict[str, list[Assessment]] = {}
    for assessment in assessment_list(user=user).filter(scheme=scheme).order_by("-total"):
        groups.setdefault(assessment.organization.get_kind_display(), []).append(assessment)
    ranked: dict[str, list[tuple[int, Assessment]]] = {}
    for kind, rows in groups.items():
        result, rank, previous = [], 0, None
        for index, row in enumerate(rows, start=1):
            if row.total != previous:
                rank, previous = index, row.total
            result.append((rank, row))
        ranked[kind] = result
    return ranked


def score_sheet(*, user, scheme: Scheme) -> tuple[list[Item], list[tuple[Assessment, list]]]:
    items = list(Item.objects.filter(dimension__scheme=scheme).select_related("dimension"))
    assessments = list(assessment_list(user=user).filter(scheme=scheme).order_by("-total"))
    scores = {
        (s.assessment_id, s.item_id): s.score
        for s in Score.objects.filter(assessment__in=assessments)
    }
    return items, [(a, [scores.get((a.pk, i.pk)) for i in items]) for a in assessments]
