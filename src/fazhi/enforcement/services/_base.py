"""Helpers shared by the enforcement services: the party, locking, numbering, clocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.calendar import due_date
from fazhi.core.domain.calendar import DayBasis
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import (
    Clock,
    ClockStatus,
    NumberSeries,
    Organization,
)
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    PenaltyCase,
)

# --- cases ------------------------------------------------------------------------------------


def _case_series(organization: Organization) -> str:
    key = f"enforcement-case-{organization.code}".lower()
    if not NumberSeries.objects.filter(key=key).exists():
        short = organization.short_name or organization.name
        core_services.number_series_create(
            key=key,
            name=_("%(name)s行政处罚案件") % {"name": short},
            template=f"海{short}罚立〔{{year}}〕{{seq}}号",
            organization=organization,
        )
    return key


def _decision_series(organization: Organization) -> str:
    key = f"enforcement-decision-{organization.code}".lower()
    if not NumberSeries.objects.filter(key=key).exists():
        short = organization.short_name or organization.name
        core_services.number_series_create(
            key=key,
            name=_("%(name)s行政处罚决定书") % {"name": short},
            template=f"海{short}罚决〔{{year}}〕{{seq}}号",
            organization=organization,
        )
    return key


def _locked_case(case: PenaltyCase) -> PenaltyCase:
    """The case row locked for the step; the caller then checks ``CASE.require``."""
    return PenaltyCase.objects.select_for_update().select_related("item").get(pk=case.pk)


def _not_before(on: dt.date, earlier: dt.date | None, field_name: str) -> None:
    if earlier is not None and on < earlier:
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("日期不能早于上一环节（%(date)s）。") % {"date": earlier},
            field=field_name,
        )


def _clock(case: PenaltyCase, key: str) -> Clock | None:
    from django.contrib.contenttypes.models import ContentType

    return (
        Clock.objects.filter(
            clock_type=key,
            content_type=ContentType.objects.get_for_model(PenaltyCase),
            object_id=str(case.pk),
        )
        .order_by("-id")
        .first()
    )  # the latest: a fresh notice starts its clocks again


def _stop(case: PenaltyCase, key: str, on: dt.date, actor) -> None:
    clock = _clock(case, key)
    if clock is not None and clock.status != ClockStatus.STOPPED:
        core_services.clock_stop(clock=clock, on=on, actor=actor)


def _start(case: PenaltyCase, key: str, on: dt.date, label: str, actor) -> None:
    core_services.clock_start(
        clock_type=key,
        subject=case,
        organization=case.organization,
        start_date=on,
        label=label,
        url=f"/enforcement/cases/{case.pk}/",
        actor=actor,
    )


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The day ``days`` working days after ``start`` on the official calendar (art 85)."""
    explained = due_date(start=start, length=days, basis=DayBasis.WORKING)
    assert explained.due is not None
    return explained.due


@dataclass(frozen=True)
class Party:
    type: str
    name: str
    id_number: str
    # 行政处罚法 art 59 (i): the decision letter states the party's address; required at intake.
    address: str = ""
