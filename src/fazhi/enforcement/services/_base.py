"""Helpers shared by the enforcement services: the party, locking, numbering, clocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import ValidationFailed
from fazhi.core.models import (
    Clock,
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

    return Clock.objects.filter(
        clock_type=key,
        content_type=ContentType.objects.get_for_model(PenaltyCase),
        object_id=str(case.pk),
    ).first()


@dataclass(frozen=True)
class Party:
    type: str
    name: str
    id_number: str
