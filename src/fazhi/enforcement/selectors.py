"""Reads of the enforcement app, scoped to the user; aggregates in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import PermissionDenied, ValidationFailed
from fazhi.core.models import Organization, Role
from fazhi.core.scoping import require_read, scope_for
from fazhi.enforcement import domain
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    BenchmarkRow,
    CaseOutcome,
    DiscretionGrade,
    EnforcementItem,
    ExemptionItem,
    HearingThreshold,
    ItemDelegation,
    PenaltyCase,
)


def in_force(on: dt.date, prefix: str = "") -> Q:
    """Rows in force on ``on`` (effective_from ≤ on < effective_to)."""
    return Q(**{f"{prefix}effective_from__lte": on}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gt": on})
    )


def holds_item(organization: Organization, item: EnforcementItem, on: dt.date) -> bool:
    """Whether the organisation may penalise under the item on that day (holder or delegate)."""
    if not EnforcementItem.objects.filter(pk=item.pk).filter(in_force(on)).exists():
        return False
    if item.organization_id == organization.pk:
        return True
    return item.delegations.filter(in_force(on), organization=organization).exists()


def hearing_threshold(party_type: str) -> Decimal | None:
    """The "large fine" from which a hearing must be offered to this kind of party."""
    threshold = HearingThreshold.objects.filter(party_type=party_type).first()
    return threshold.min_amount if threshold else None


def rights_window_ends(case: PenaltyCase) -> dt.date | None:
    """The last day the party may still state its case or ask for a hearing (art 44, 64, 85).

    Counted from the latest notice on the official calendar (调休 included) with the rules in
    force on the notice date; None before any notice.
    """
    from fazhi.core.calendar import due_date
    from fazhi.core.domain.calendar import DayBasis
    from fazhi.enforcement.rules import rules_on

    if case.notice_on is None:
        return None
    rules = rules_on(case.notice_on)
    days = rules.statement_days
    if case.hearing_offered and case.hearing_requested_on is None:
        days = max(days, rules.hearing_request_days)
    return due_date(start=case.notice_on, length=days, basis=DayBasis.WORKING).due


def review_required(case: PenaltyCase) -> bool:
    """Legal review is compulsory for major cases and after a hearing (art 58 (i), (ii))."""
    return case.is_major or case.hearing_held_on is not None


@dataclass(frozen=True)
class DiscretionResult:
    grade: str
    reasons: tuple[str, ...]
    row: BenchmarkRow | None
    statutory_max: Decimal | None
    rows: list[BenchmarkRow] = field(default_factory=list)

    @property
    def grade_label(self) -> str:
        return str(DiscretionGrade(self.grade).label)


def discretion_propose(*, item: EnforcementItem, on: dt.date, circumstances: Sequence[str]):
    """The calculator: grade and fine range from the benchmark in force on the violation date."""
    try:
        parsed = domain.parse_circumstances(list(circumstances))
    except ValueError as error:
        raise ValidationFailed(
            Code.UNKNOWN_CIRCUMSTANCE,
            _("未知的裁量情节：%(value)s") % {"value": error.args[0]},
            field="circumstances",
        ) from None
    proposal = domain.propose_grade(parsed)
    rows = list(item.benchmarks.filter(in_force(on)).order_by("min_fine"))
    row = next((r for r in rows if r.grade == proposal.grade), None)
    maxima = [r.max_fine for r in rows] + ([item.max_fine] if item.max_fine is not None else [])
    return DiscretionResult(
        grade=proposal.grade,
        reasons=proposal.reasons,
        row=row,
        statutory_max=max(maxima) if maxima else None,
        rows=rows,
    )


def item_list(
    *, search: str = "", category: str = "", mode: str = "", on: dt.date | None = None
) -> QuerySet[EnforcementItem]:
    """The catalog is public (行政处罚法 art 39): no scope filter."""
    queryset = EnforcementItem.objects.select_related("organization", "original_department")
    if on is not None:
        queryset = queryset.filter(in_force(on))
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if category:
        queryset = queryset.filter(category=category)
    if mode:
        queryset = queryset.filter(mode=mode)
    return queryset.annotate(
        delegation_count=Count("delegations", filter=in_force(on or dt.date.max, "delegations__"))
    ).order_by("code")


def item_categories() -> list[str]:
    return list(
        EnforcementItem.objects.order_by("category").values_list("category", flat=True).distinct()
    )


def delegations_for(item: EnforcementItem) -> QuerySet[ItemDelegation]:
    return item.delegations.select_related("organization").order_by(
        "organization__path", "effective_from"
    )


def delegation_summary(*, on: dt.date) -> list[dict]:
    """Items delegated per town on a date (one grouped query)."""
    return list(
        ItemDelegation.objects.filter(in_force(on))
        .values("organization__code", "organization__name")
        .annotate(items=Count("item", distinct=True))
        .order_by("organization__code")
    )


def exemption_list(*, on: dt.date, search: str = "", category: str = "") -> QuerySet[ExemptionItem]:
    """The exemption list as it stood on ``on``."""
    queryset = ExemptionItem.objects.filter(in_force(on)).select_related("item")
    if search:
        queryset = queryset.filter(
            Q(violation__icontains=search)
            | Q(code__icontains=search)
            | Q(category__icontains=search)
        )
    if category:
        queryset = queryset.filter(category=category)
    return queryset.order_by("code")


def exemption_versions(code: str) -> QuerySet[ExemptionItem]:
    return ExemptionItem.objects.filter(code=code).select_related("item").order_by("version")


def exemption_open_version(code: str) -> ExemptionItem | None:
    """The version of ``code`` not yet closed (None once the item is repealed)."""
    return ExemptionItem.objects.filter(code=code, effective_to__isnull=True).first()


def exemptions_for_case(case: PenaltyCase, on: dt.date) -> QuerySet[ExemptionItem]:
    return ExemptionItem.objects.filter(in_force(on), item=case.item).order_by("code")


def case_list(
    *, user, search: str = "", status: str = "", organization: Organization | None = None
) -> QuerySet[PenaltyCase]:
    queryset = scope_for(user).filter(PenaltyCase.objects.all())
    if organization is not None:
        queryset = queryset.filter(organization__path__startswith=organization.path)
    if search:
        queryset = queryset.filter(
            Q(case_number__icontains=search)
            | Q(party_name__icontains=search)
            | Q(item__name__icontains=search)
        )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("organization", "item")


def case_get(*, user, pk: int) -> PenaltyCase:
    case = (
        PenaltyCase.objects.select_related("organization", "item", "exemption", "benchmark")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        from django.http import Http404

        raise Http404
    require_read(user, case.organization)
    return case


def publicity_list(*, search: str = "") -> QuerySet[PenaltyCase]:
    """Published penalty decisions for the portal (party data reduced in the template)."""
    queryset = PenaltyCase.objects.filter(
        outcome=CaseOutcome.PENALTY, published_on__isnull=False
    ).select_related("organization", "item")
    if search:
        queryset = queryset.filter(
            Q(decision_number__icontains=search) | Q(item__name__icontains=search)
        )
    return queryset.order_by("-published_on", "-id")


# --- consistency (类案同罚) -------------------------------------------------------------------

# Medians by window functions, which SQLite (≥ 3.25) and PostgreSQL both run: the middle one or
# two rows of each item's ordered amounts. MAD is the median of the absolute deviations.
_CONSISTENCY_CTE = """
WITH decided AS (
    SELECT c.id, c.item_id, c.proposed_grade AS grade, CAST(c.fine_amount AS REAL) AS x
    FROM enforcement_penaltycase c
    JOIN core_organization o ON o.id = c.organization_id
    WHERE c.outcome = 'penalty' AND c.fine_amount IS NOT NULL
      AND c.decided_on >= %s AND c.decided_on <= %s AND o.path LIKE %s
),
ranked AS (
    SELECT item_id, grade, x,
           ROW_NUMBER() OVER (PARTITION BY item_id, grade ORDER BY x) AS rn,
           COUNT(*) OVER (PARTITION BY item_id, grade) AS n
    FROM decided
),
medians AS (
    SELECT item_id, grade, AVG(x) AS median, MAX(n) AS n
    FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY item_id, grade
),
deviations AS (
    SELECT d.id, d.item_id, d.grade, d.x, ABS(d.x - m.median) AS deviation
    FROM decided d JOIN medians m ON m.item_id = d.item_id AND m.grade = d.grade
),
ranked_deviations AS (
    SELECT item_id, grade, deviation,
           ROW_NUMBER() OVER (PARTITION BY item_id, grade ORDER BY deviation) AS rn,
           COUNT(*) OVER (PARTITION BY item_id, grade) AS n
    FROM deviations
),
mads AS (
    SELECT item_id, grade, AVG(deviation) AS mad
    FROM ranked_deviations WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY item_id, grade
)
"""

# Fewer decided cases than this per item give no meaningful peer group.
MIN_PEERS = 5


@dataclass(frozen=True)
class ItemSpread:
    item_id: int
    grade: str
    cases: int
    median: Decimal
    mad: Decimal

    @property
    def grade_label(self) -> str:
        return str(DiscretionGrade(self.grade).label)


@dataclass(frozen=True)
class FlaggedCase:
    case_id: int
    item_id: int
    grade: str
    amount: Decimal
    median: Decimal
    mad: Decimal
    score: Decimal | None


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def reads_city_wide(user) -> bool:
    """Leaders, the justice bureau and enforcement supervisors look across every unit.

    The justice bureau is the government's enforcement-supervision body (浙江省综合行政执法条例
    art 34), so a supervisor's statistical views are city-wide even though the supervisor's own
    role sits in the bureau.
    """
    scope = scope_for(user)
    return scope.reads_all or scope.has_role(Role.SUPERVISOR)


def _consistency_path(user, organization: Organization | None) -> str:
    if organization is None:
        if not reads_city_wide(user):
            raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("您的角色无权查看全市数据。"))
        return "%"
    if not reads_city_wide(user):
        require_read(user, organization)
    return organization.path + "%"


def consistency_spread(
    *, user, start: dt.date, end: dt.date, organization: Organization | None = None
) -> list[ItemSpread]:
    return spread_under(_consistency_path(user, organization), start, end)


def spread_under(path: str, start: dt.date, end: dt.date) -> list[ItemSpread]:
    """Each item's peer spread among the units whose path starts with ``path`` (a ``LIKE``
    pattern; the caller checked the reader may see them: the dashboard's scope)."""
    sql = (
        _CONSISTENCY_CTE
        + """
SELECT m.item_id, m.grade, m.n, m.median, a.mad
FROM medians m JOIN mads a ON a.item_id = m.item_id AND a.grade = m.grade
WHERE m.n >= %s ORDER BY m.item_id, m.grade
"""
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end, path, MIN_PEERS])
        return [ItemSpread(r[0], r[1], r[2], _money(r[3]), _money(r[4])) for r in cursor.fetchall()]


def consistency_flagged(
    *, user, start: dt.date, end: dt.date, organization: Organization | None = None
) -> list[FlaggedCase]:
    """Cases whose modified z-score exceeds 3.5 (or that differ where all peers agree)."""
    return flagged_under(_consistency_path(user, organization), start, end)


def flagged_under(path: str, start: dt.date, end: dt.date) -> list[FlaggedCase]:
    """``consistency_flagged`` for a checked ``LIKE`` path (see ``spread_under``)."""
    threshold = float(domain.OUTLIER_THRESHOLD / domain.MODIFIED_Z_FACTOR)
    sql = (
        _CONSISTENCY_CTE
        + """
SELECT d.id, d.item_id, d.grade, d.x, m.median, a.mad
FROM deviations d
JOIN medians m ON m.item_id = d.item_id AND m.grade = d.grade
JOIN mads a ON a.item_id = d.item_id AND a.grade = d.grade
WHERE m.n >= %s AND d.deviation > 0 AND (a.mad = 0 OR d.deviation > %s * a.mad)
ORDER BY d.item_id, d.id
"""
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end, path, MIN_PEERS, threshold])
        rows = cursor.fetchall()
    out = []
    for case_id, item_id, grade, amount, median, mad in rows:
        peer = domain.Peer(_money(median), _money(mad))
        out.append(
            FlaggedCase(
                case_id,
                item_id,
                grade,
                _money(amount),
                peer.median,
                peer.mad,
                domain.modified_z(_money(amount), peer),
            )
        )
    return out


def case_for_supervision(*, user, pk: int) -> PenaltyCase:
    """A case file for a supervisor: city-wide supervisors may open any unit's file."""
    case = PenaltyCase.objects.select_related("organization", "item").filter(pk=pk).first()
    if case is None:
        from fazhi.core.errors import NotFound

        raise NotFound(CoreErrorCode.NOT_FOUND, _("案件不存在。"), field="case_id")
    if not reads_city_wide(user):
        require_read(user, case.organization)
    return case


def overdue_decisions(*, user, today: dt.date) -> QuerySet:
    """Open cases whose decision clock has run out (for the supervisor's dashboard)."""
    from fazhi.core.models import Clock, ClockStatus

    queryset = Clock.objects.filter(
        clock_type="enforcement.decision", status=ClockStatus.RUNNING, due_date__lt=today
    ).select_related("organization")
    return queryset if reads_city_wide(user) else scope_for(user).filter(queryset)


def exemption_use_by_unit(*, user, year: int) -> list[dict]:
    queryset = PenaltyCase.objects.filter(
        outcome=CaseOutcome.NO_PENALTY_MINOR, decided_on__year=year
    )
    if not reads_city_wide(user):
        queryset = scope_for(user).filter(queryset)
    return list(
        queryset.values("organization__name")
        .annotate(cases=Count("id"))
        .order_by("-cases", "organization__name")
    )


def case_clocks(case: PenaltyCase) -> QuerySet:
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.models import Clock
    from fazhi.enforcement.models import EvidencePreservation

    preservations = [str(pk) for pk in case.preservations.values_list("pk", flat=True)]
    return Clock.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(PenaltyCase), object_id=str(case.pk))
        | Q(
            content_type=ContentType.objects.get_for_model(EvidencePreservation),
            object_id__in=preservations,
        )
    ).order_by("start_date", "id")


def cases_by_ids(ids: list[int]) -> QuerySet[PenaltyCase]:
    """Cases named by a consistency result (the caller already passed the scope check)."""
    return PenaltyCase.objects.filter(pk__in=ids).select_related("organization", "item")


def commitment_list(*, user, status: str = "") -> QuerySet:
    from fazhi.enforcement.models import Commitment

    queryset = Commitment.objects.select_related("organization", "exemption", "follow_up_case")
    queryset = scope_for(user).filter(queryset)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def commitment_get(*, user, pk: int):
    from django.shortcuts import get_object_or_404

    from fazhi.enforcement.models import Commitment

    commitment = get_object_or_404(
        Commitment.objects.select_related("organization", "exemption", "follow_up_case"), pk=pk
    )
    # Supervisors spot-check filed commitments of every unit (campaign sampling).
    if not reads_city_wide(user):
        require_read(user, commitment.organization)
    return commitment


def case_record_digest(case: PenaltyCase) -> str:
    """SHA-256 of the whole case file: the case row, its evidence hashes and its timeline.

    Anchored in the evidence log when the case closes, so the file as closed can later be
    proved unaltered by recomputing this digest.
    """
    import hashlib
    import json

    from django.forms.models import model_to_dict

    from fazhi.core.selectors import domain_events_for

    record = {
        "case": model_to_dict(case),
        "evidence": list(case.evidence.order_by("id").values_list("sha256", flat=True)),
        "events": [
            [event.event_type, event.at.isoformat(), event.actor_id, event.details]
            for event in domain_events_for(case).order_by("id")
        ],
    }
    canonical = json.dumps(
        record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def case_file_sample(
    *, organization: Organization, start: dt.date, end: dt.date | None, size: int, seed: str
) -> list[PenaltyCase]:
    """A reproducible random sample of decided case files of a unit's subtree, for 案卷评查.

    The same seed (e.g. campaign and unit) gives the same sample, so the draw can be re-checked.
    """
    import random

    decided = PenaltyCase.objects.filter(
        organization__path__startswith=organization.path,
        decided_on__gte=start,
        decided_on__isnull=False,
    )
    if end is not None:
        decided = decided.filter(decided_on__lte=end)
    ids = sorted(decided.values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(size, len(ids)))
    return list(
        PenaltyCase.objects.filter(pk__in=chosen).select_related("organization").order_by("pk")
    )


def commitment_sample(
    *, organization: Organization, start: dt.date, end: dt.date | None, size: int, seed: str
) -> list:
    """A reproducible random sample of filed (备案) commitments of a unit's subtree, for
    supervision's spot-checks; the same seed gives the same draw."""
    import random

    from fazhi.enforcement.models import Commitment

    filed = Commitment.objects.filter(
        organization__path__startswith=organization.path,
        filed_on__isnull=False,
        filed_on__gte=start,
    )
    if end is not None:
        filed = filed.filter(filed_on__lte=end)
    ids = sorted(filed.values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(size, len(ids)))
    return list(
        Commitment.objects.filter(pk__in=chosen)
        .select_related("organization", "exemption", "follow_up_case")
        .order_by("pk")
    )


def summary_list(*, user, search: str = ""):
    from fazhi.enforcement.models import SummaryDecision

    queryset = scope_for(user).filter(SummaryDecision.objects.all())
    if search:
        queryset = queryset.filter(Q(number__icontains=search) | Q(party_name__icontains=search))
    return queryset.select_related("organization", "item")


def summary_get(*, user, pk: int):
    from django.http import Http404

    from fazhi.enforcement.models import SummaryDecision

    decision = SummaryDecision.objects.select_related("organization", "item").filter(pk=pk).first()
    if decision is None:
        raise Http404
    require_read(user, decision.organization)
    return decision
