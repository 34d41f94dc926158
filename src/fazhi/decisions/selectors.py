"""Reads of major decisions, scoped to the user's organisation subtree, aggregates in SQL."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.consultations import selectors as consultation_selectors
from fazhi.consultations.selectors import ConsultationFigures
from fazhi.core.calendar import due_on
from fazhi.core.errors import NotFound
from fazhi.core.models import Clock, Organization
from fazhi.core.scoping import STAFF_ROLES, require_role, scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.decisions.domain import CLOSED, StepKind
from fazhi.decisions.error_codes import DecisionErrorCode as Code
from fazhi.decisions.events import EVENT_LABELS
from fazhi.decisions.labels import CHECK_LABELS, STEP_LABELS
from fazhi.decisions.models import (
    Catalog,
    CatalogEntry,
    CatalogStatus,
    Decision,
    DecisionStatus,
    EntryStatus,
    PostEvaluation,
    ProcedureStep,
)
from fazhi.decisions.rules import rule

# Statuses in which the decision has been made (the denominator of procedure compliance).
MADE = (
    DecisionStatus.DECIDED,
    DecisionStatus.PUBLISHED,
    DecisionStatus.SUSPENDED,
    DecisionStatus.TERMINATED,
)


def catalog_list(*, user) -> QuerySet[Catalog]:
    """Catalogs are the government's public plan: every staff user sees them."""
    return (
        Catalog.objects.select_related("organization")
        .annotate(entry_count=Count("entries", filter=~Q(entries__status=EntryStatus.WITHDRAWN)))
        .order_by("-year", "id")
    )


def catalog_get(*, user, pk: int) -> Catalog:
    catalog = catalog_list(user=user).filter(pk=pk).first()
    if catalog is None:
        raise NotFound(Code.INVALID, _("目录不存在。"), field="catalog")
    return catalog


def entry_get(*, user, pk: int) -> CatalogEntry:
    """One catalog entry (the catalog is the government's plan: every staff user sees it)."""
    require_role(user, *STAFF_ROLES)
    entry = (
        CatalogEntry.objects.select_related("catalog", "organization", "decision")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise NotFound(Code.INVALID, _("目录事项不存在。"), field="entry")
    return entry


def entry_list(*, user) -> QuerySet[CatalogEntry]:
    """Every catalog entry (the catalogs are the government's plan; staff see them all)."""
    return CatalogEntry.objects.select_related("catalog", "organization", "decision").order_by(
        "-catalog__year", "sequence"
    )


def city_government() -> Organization:
    """The decision organ whose catalogs the system keeps (the root city government)."""
    city = Organization.objects.filter(parent__isnull=True, kind="city_government").first()
    if city is None:
        raise NotFound(Code.INVALID, _("尚未建立市政府组织，无法创建目录。"), field="organization")
    return city


def catalog_entries(catalog: Catalog) -> QuerySet[CatalogEntry]:
    return catalog.entries.select_related("catalog", "organization", "decision").order_by(
        "sequence"
    )


def published_catalogs() -> QuerySet[Catalog]:
    """What the public portal shows: published catalogs only."""
    return Catalog.objects.filter(status=CatalogStatus.PUBLISHED).select_related("organization")


def published_entries(catalog: Catalog) -> QuerySet[CatalogEntry]:
    """Listed and withdrawn entries, each with its public-participation step (if launched)."""
    return (
        catalog.entries.exclude(status=EntryStatus.PROPOSED)
        .select_related("organization", "decision")
        .prefetch_related(
            Prefetch(
                "decision__steps",
                queryset=ProcedureStep.objects.filter(kind=StepKind.PUBLIC_PARTICIPATION),
                to_attr="participation",
            )
        )
        .order_by("sequence")
    )


def decision_list(
    *, user, search: str = "", status: str = "", year: int | None = None
) -> QuerySet[Decision]:
    queryset = scope_for(user).filter(Decision.objects.all())
    if search:
        queryset = queryset.filter(
            Q(title__icontains=search) | Q(organization__name__icontains=search)
        )
    if status:
        queryset = queryset.filter(status=status)
    if year:
        queryset = queryset.filter(entry__catalog__year=year)
    return (
        queryset.select_related("organization", "entry__catalog")
        .annotate(
            closed_steps=Count("steps", filter=Q(steps__status__in=list(CLOSED)), distinct=True),
            check_count=Count("checks", distinct=True),
        )
        .order_by("entry__catalog__year", "entry__sequence")
    )


def decision_get(*, user, pk: int) -> Decision:
    """One decision, if it lies in the user's scope; otherwise it does not exist for them."""
    decision = (
        scope_for(user)
        .filter(Decision.objects.all())
        .select_related("organization", "entry__catalog__organization", "executing_unit")
        .prefetch_related("steps")  # the declared steps' guards read them
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise NotFound(Code.INVALID, _("决策不存在或不在您的单位范围内。"), field="decision")
    return decision


def decision_clocks(decision: Decision) -> QuerySet[Clock]:
    """The statutory clocks running on the decision's legality review and post-evaluation."""
    step_ids = [str(pk) for pk in decision.steps.values_list("pk", flat=True)]
    condition = Q(
        content_type=ContentType.objects.get_for_model(ProcedureStep), object_id__in=step_ids
    )
    evaluation = PostEvaluation.objects.filter(decision=decision).values_list("pk", flat=True)
    condition |= Q(
        content_type=ContentType.objects.get_for_model(PostEvaluation),
        object_id__in=[str(pk) for pk in evaluation],
    )
    return Clock.objects.filter(condition).order_by("start_date", "id")


def decision_file(decision: Decision) -> dict[str, object]:
    """Everything of the decision's file, in the order the procedure runs."""
    return {
        "clocks": list(decision_clocks(decision)),
        "decision": decision,
        "entry": decision.entry,
        "steps": list(decision.steps.select_related("recorded_by").order_by("position")),
        "checks": list(decision.checks.order_by("checked_on", "id")),
        "reports": list(decision.implementation_reports.all()),
        "evaluation": getattr(decision, "post_evaluation", None),
        "changes": list(decision.changes.all()),
        "attachments": list(decision.attachments.all()),
        "events": [
            {
                "at": event.at,
                "actor": event.actor,
                "label": EVENT_LABELS.get(event.event_type, event.event_type),
                "subject": _subject_label(event.details),
            }
            for event in domain_events_for(decision).select_related("actor__person")
        ],
    }


def _subject_label(details: dict) -> str:
    """The step or check an event was about, in words."""
    kind = details.get("kind", "")
    return str(STEP_LABELS.get(kind) or CHECK_LABELS.get(kind) or "")


def legality_minimum_due(submitted_on: dt.date) -> dt.date:
    """The earliest review deadline the sponsor may set (第26条: ≥ 7 working days)."""
    minimum = rule("legality_review_min_working_days")
    return due_on(start=submitted_on, length=minimum.value, basis=minimum.basis)


# --- figures (SQL) ----------------------------------------------------------------------------


def _decisions_made(year: int, scope: Organization | None) -> QuerySet[Decision]:
    queryset = Decision.objects.filter(status__in=MADE, decided_on__year=year)
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset


def catalog_entries_listed(year: int, scope: Organization | None) -> QuerySet[CatalogEntry]:
    """The entries of the year's published catalog that stay listed (not withdrawn)."""
    queryset = CatalogEntry.objects.filter(
        catalog__year=year, catalog__status=CatalogStatus.PUBLISHED, status=EntryStatus.LISTED
    )
    if scope is not None:
        queryset = queryset.filter(organization__path__startswith=scope.path)
    return queryset


def catalog_entry_count(year: int, scope: Organization | None) -> int:
    return catalog_entries_listed(year, scope).count()


def procedure_compliance(year: int, scope: Organization | None) -> tuple[int, int]:
    """(decisions whose five steps are all completed or lawfully skipped, decisions made)."""
    made = _decisions_made(year, scope).annotate(
        closed=Count(
            "steps",
            filter=Q(steps__status__in=list(CLOSED))
            & (~Q(steps__status="skipped") | ~Q(steps__skip_reason="")),
        )
    )
    return made.filter(closed=len(StepKind)).count(), made.count()


def consultation_figures(year: int, scope: Organization | None) -> ConsultationFigures:
    """Figures of the public comment periods on decisions that opened in ``year`` (SQL, in the
    shared consultation component)."""
    return consultation_selectors.consultation_figures(
        consultation_selectors.consultations_of(model=Decision, year=year, scope=scope)
    )
