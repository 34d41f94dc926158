"""Writes of discretion benchmarks, hearing thresholds and registered legal reviewers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import (
    Organization,
    Role,
)
from fazhi.core.scoping import require_change, require_role
from fazhi.enforcement.error_codes import EnforcementErrorCode as Code
from fazhi.enforcement.models import (
    BenchmarkRow,
    DiscretionGrade,
    EnforcementItem,
    HearingThreshold,
    LegalReviewer,
    PartyType,
)
from fazhi.enforcement.permissions import CATALOG_ROLES

# --- discretion benchmarks, thresholds, reviewers ----------------------------------------------


@transaction.atomic
def benchmark_row_add(
    *,
    actor,
    item: EnforcementItem,
    grade: str,
    circumstances: str,
    min_fine: Decimal,
    max_fine: Decimal,
    source: str,
    effective_from: dt.date,
) -> BenchmarkRow:
    require_role(actor, *CATALOG_ROLES)
    if grade not in DiscretionGrade.values:
        raise ValidationFailed(Code.INVALID, _("裁量阶次无效。"), field="grade")
    if min_fine < 0 or max_fine < min_fine:
        raise ValidationFailed(Code.INVALID, _("罚款上限不得低于下限。"), field="max_fine")
    if item.max_fine is not None and max_fine > item.max_fine:
        raise ValidationFailed(
            Code.ABOVE_MAXIMUM, _("基准上限超过法定罚款上限。"), field="max_fine"
        )
    if not circumstances.strip() or not source.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("请填写适用情形和基准来源。"), field="circumstances"
        )
    # One row per grade is in force at a time: a new row supersedes the open one from its
    # effective date, so cases keep the benchmark in force on their violation date.
    superseded = list(
        BenchmarkRow.objects.select_for_update().filter(
            item=item, grade=grade, effective_to__isnull=True
        )
    )
    if any(old.effective_from >= effective_from for old in superseded):
        raise ValidationFailed(
            Code.INVALID_DATE,
            _("生效日期须晚于该阶次现行基准的生效日期。"),
            field="effective_from",
        )
    for old in superseded:
        old.effective_to = effective_from
        old.save(update_fields=["effective_to"])
    row = BenchmarkRow.objects.create(
        item=item,
        grade=grade,
        circumstances=circumstances,
        min_fine=min_fine,
        max_fine=max_fine,
        source=source,
        effective_from=effective_from,
    )
    core_services.event_record(
        subject=item,
        event_type="enforcement.benchmark_added",
        actor=actor,
        details={
            "grade": grade,
            "min": str(min_fine),
            "max": str(max_fine),
            "effective_from": str(effective_from),
            "superseded": [old.pk for old in superseded],
        },
    )
    return row


@transaction.atomic
def hearing_threshold_set(
    *, actor, party_type: str, min_amount: Decimal, source: str
) -> HearingThreshold:
    require_role(actor, *CATALOG_ROLES)
    if party_type not in PartyType.values:
        raise ValidationFailed(Code.INVALID, _("当事人类型无效。"), field="party_type")
    if min_amount <= 0:
        raise ValidationFailed(Code.INVALID, _("金额必须大于零。"), field="min_amount")
    if not source.strip():
        raise ValidationFailed(Code.REQUIRED, _("请注明依据。"), field="source")
    threshold, _created = HearingThreshold.objects.update_or_create(
        party_type=party_type, defaults={"min_amount": min_amount, "source": source}
    )
    return threshold


@transaction.atomic
def legal_reviewer_register(
    *, actor, user, organization: Organization, qualification_number: str, qualified_on: dt.date
) -> LegalReviewer:
    require_change(actor, organization, roles=(Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER))
    if not qualification_number.strip():
        raise ValidationFailed(
            Code.REQUIRED, _("请填写法律职业资格证书编号。"), field="qualification_number"
        )
    if LegalReviewer.objects.filter(user=user).exists():
        raise Conflict(Code.DUPLICATE, _("该人员已登记为法制审核人员。"), field="user")
    return LegalReviewer.objects.create(
        user=user,
        organization=organization,
        qualification_number=qualification_number,
        qualified_on=qualified_on,
    )
