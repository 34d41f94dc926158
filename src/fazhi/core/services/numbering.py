"""Numbers (文号, case numbers): series and gap-free issue, safe under concurrency."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from fazhi.core.domain.numbering import render_number, validate_template
from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound, ValidationFailed
from fazhi.core.models import (
    IssuedNumber,
    NumberCounter,
    NumberSeries,
    Organization,
    Role,
)
from fazhi.core.scoping import require_change
from fazhi.core.services.base import _user_or_none

# --- numbering --------------------------------------------------------------------------------


@transaction.atomic
def number_series_create(
    *, key: str, name: str, template: str, organization: Organization, actor: User | None = None
) -> NumberSeries:
    if actor is not None:
        require_change(actor, organization, roles=(Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER))
    problem = validate_template(template)
    if problem:
        raise ValidationFailed(
            CoreErrorCode.INVALID_TEMPLATE,
            _("编号模板无效：%(problem)s") % {"problem": problem},
            field="template",
        )
    if NumberSeries.objects.filter(key=key).exists():
        raise ValidationFailed(CoreErrorCode.DUPLICATE, _("编号序列已存在。"), field="key")
    return NumberSeries.objects.create(
        key=key, name=name, template=template, organization=organization
    )


def number_series_ensure(
    *, key: str, name: str, template: str, organization: Organization
) -> NumberSeries:
    """The series, created on first use; safe when two transactions both find it missing.

    Call inside the caller's transaction (the first case of a year creates the series).
    """
    series = NumberSeries.objects.filter(key=key).first()
    if series is not None:
        return series
    problem = validate_template(template)
    if problem:
        raise ValidationFailed(
            CoreErrorCode.INVALID_TEMPLATE,
            _("编号模板无效：%(problem)s") % {"problem": problem},
            field="template",
        )
    try:
        with transaction.atomic():
            return NumberSeries.objects.create(
                key=key, name=name, template=template, organization=organization
            )
    except IntegrityError:  # created meanwhile by a concurrent caller: use theirs
        return NumberSeries.objects.get(key=key)


def _locked_counter(series: NumberSeries, year: int) -> NumberCounter:
    try:
        return NumberCounter.objects.select_for_update().get(series=series, year=year)
    except NumberCounter.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            NumberCounter.objects.create(series=series, year=year, last_value=0)
    except IntegrityError:
        pass  # another transaction created it first; take its lock below
    return NumberCounter.objects.select_for_update().get(series=series, year=year)


@transaction.atomic
def number_issue(
    *, series_key: str, year: int, subject: models.Model | None = None, actor: User | None = None
) -> IssuedNumber:
    """Take the next number of a series for a year: unique and gap-free.

    The counter row's lock serialises concurrent callers; because the number is taken inside
    the caller's transaction, a rolled-back issue gives its number back and leaves no gap.
    """
    try:
        series = NumberSeries.objects.get(key=series_key)
    except NumberSeries.DoesNotExist:
        raise NotFound(CoreErrorCode.NOT_FOUND, _("编号序列不存在。"), field="series") from None
    if not 1900 <= year <= 2999:
        raise ValidationFailed(CoreErrorCode.INVALID, _("年度无效。"), field="year")
    counter = _locked_counter(series, year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return IssuedNumber.objects.create(
        series=series,
        year=year,
        sequence=counter.last_value,
        number=render_number(series.template, year=year, sequence=counter.last_value),
        content_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        object_id=str(subject.pk) if subject is not None else "",
        issued_by=_user_or_none(actor),
    )
