"""Training: the dated yearly minimum, sessions, and attendance (one by one, or a sheet).

Attendance of thousands (the demo's 3187 officers, a whole sign-in sheet) goes through one
bulk path, ``attendance_record``: every row is checked first, then all are written with their
history in a few inserts, or none is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ImportFailed, ValidationFailed
from fazhi.core.exports import read_xlsx_rows
from fazhi.core.models import Organization, Person, Role
from fazhi.core.scoping import require_change, require_role
from fazhi.learning.error_codes import LearningErrorCode as Code
from fazhi.learning.models import (
    Attendance,
    SessionKind,
    SessionStatus,
    SignInVia,
    TrainingRequirement,
    TrainingSession,
)
from fazhi.learning.procedures import ROLES, SESSION
from fazhi.learning.services.common import event, person_by_ref

ATTENDANCE_HEADERS = ("姓名", "证件号")
HOURS_HEADER = "学时"


@transaction.atomic
def requirement_set(
    *, actor: User, valid_from: dt.date, min_hours: Decimal, source: str, note: str = ""
) -> TrainingRequirement:
    """A yearly minimum in force from ``valid_from`` until the next one (city-wide)."""
    require_role(actor, Role.JUSTICE_LEGAL_OFFICER)
    if not source.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写依据（文件名称和文号）。"), field="source")
    if min_hours is None or Decimal(min_hours) < 0:
        raise ValidationFailed(Code.INVALID, _("最低学时不能为负数。"), field="min_hours")
    if TrainingRequirement.objects.filter(valid_from=valid_from).exists():
        raise Conflict(Code.DUPLICATE, _("该日期起已有学时要求。"), field="valid_from")
    requirement = TrainingRequirement.objects.create(
        valid_from=valid_from, min_hours=min_hours, source=source.strip(), note=note.strip()
    )
    event(requirement, "learning.requirement_set", actor, None, min_hours=min_hours)
    return requirement


@transaction.atomic
def session_create(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    title: str,
    held_on: dt.date,
    hours: Decimal,
    location: str = "",
    laws: Iterable[Any] = (),
    materials: str = "",
) -> TrainingSession:
    """A session, planned or held; attendance is taken once its day has come."""
    require_change(actor, organization, roles=ROLES)
    if kind not in SessionKind.values:
        raise ValidationFailed(Code.INVALID, _("培训类型无效。"), field="kind")
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写培训名称。"), field="title")
    if hours is None or Decimal(hours) <= 0:
        raise ValidationFailed(Code.INVALID, _("学时应大于零。"), field="hours")
    session = TrainingSession.objects.create(
        organization=organization,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        hours=hours,
        location=location.strip(),
        materials=materials.strip(),
        created_by=core_services._user_or_none(actor),
    )
    if laws:
        session.laws.set(list(laws))
    event(session, "learning.session_created", actor, organization, held_on=held_on)
    return session


def _locked(session: TrainingSession) -> TrainingSession:
    return (
        TrainingSession.objects.select_for_update()
        .select_related("organization")
        .get(pk=session.pk)
    )


def _not_in_future(session: TrainingSession) -> None:
    if session.held_on > timezone.localdate():
        raise ValidationFailed(
            Code.FUTURE_SESSION,
            _("培训尚未举办（举办日期 %(date)s），不能登记签到。")
            % {"date": session.held_on.isoformat()},
            field="session",
        )


def _write(
    session: TrainingSession, people: Sequence[Person], hours: list[Decimal], via, actor: User
):
    rows = [
        Attendance(session=session, person=person, hours=h, via=via)
        for person, h in zip(people, hours, strict=True)
    ]
    bulk_create_with_history(
        rows, Attendance, batch_size=1000, default_user=core_services._user_or_none(actor)
    )
    event(
        session,
        "learning.attendance_recorded",
        actor,
        session.organization,
        count=len(rows),
        via=via,
    )
    return len(rows)


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    session: TrainingSession,
    people: Sequence[Person],
    via: str = SignInVia.LIST,
    hours: Decimal | None = None,
) -> int:
    """Sign many people in at once (all or none): the session's hours unless given."""
    session = _locked(session)
    SESSION.require(actor, session, "attend")
    _not_in_future(session)
    if via not in SignInVia.values:
        raise ValidationFailed(Code.INVALID, _("签到方式无效。"), field="via")
    hours = session.hours if hours is None else Decimal(hours)
    if not Decimal(0) < hours <= session.hours:
        raise ValidationFailed(Code.INVALID, _("学时应大于零且不超过培训学时。"), field="hours")
    ids = [p.pk for p in people]
    if len(set(ids)) != len(ids):
        raise ValidationFailed(Code.ALREADY_ATTENDED, _("名单中有重复人员。"), field="person")
    already = Attendance.objects.filter(session=session, person_id__in=ids).first()
    if already is not None:
        raise Conflict(
            Code.ALREADY_ATTENDED,
            _("%(name)s 已签到。") % {"name": already.person.name},
            field="person",
        )
    return _write(session, people, [hours] * len(people), via, actor)


def session_attend(*, actor: User, session: TrainingSession, person_ref: str) -> int:
    """One person from the sign-in list, by certificate or ID number."""
    return attendance_record(actor=actor, session=session, people=[person_by_ref(person_ref)])


def _sheet_hours(value: Any, session: TrainingSession) -> Decimal:
    if value in (None, ""):
        return session.hours
    try:
        hours = Decimal(str(value))
    except InvalidOperation as error:
        raise ValueError from error
    if not Decimal(0) < hours <= session.hours:
        raise ValueError
    return hours


@transaction.atomic
def attendance_import(*, actor: User, session: TrainingSession, data: bytes) -> int:
    """A sign-in sheet (姓名, 证件号[, 学时]): every row is checked, then all are written, or none
    (``ImportFailed`` lists each bad row with its field)."""
    session = _locked(session)
    SESSION.require(actor, session, "import_attendance")
    _not_in_future(session)
    sheet = read_xlsx_rows(
        data, expected_headers=ATTENDANCE_HEADERS, max_bytes=settings.FAZHI_MAX_UPLOAD_BYTES
    )
    if not sheet:
        raise ValidationFailed(Code.REQUIRED, _("表格中没有数据行。"), field="file")
    references = [str(r.get("证件号") or "").strip().upper() for r in sheet]
    found: dict[str, Person] = {}
    for by_id in Person.objects.filter(is_active=True, id_number__in=references):
        found[by_id.id_number] = by_id
    for by_certificate in Person.objects.filter(
        is_active=True, enforcement_certificate_number__in=references
    ):
        found[by_certificate.enforcement_certificate_number] = by_certificate
    present = set(
        Attendance.objects.filter(
            session=session, person_id__in=[p.pk for p in found.values()]
        ).values_list("person_id", flat=True)
    )
    errors: list[dict[str, Any]] = []
    people: list[Person] = []
    hours: list[Decimal] = []
    seen: dict[int, int] = {}
    for number, (record, reference) in enumerate(zip(sheet, references, strict=True), start=2):

        def bad(field: str, detail: str, number: int = number) -> None:
            errors.append({"row": number, "field": field, "detail": detail})

        person = found.get(reference)
        name = str(record.get("姓名") or "").strip()
        if not reference:
            bad("person_ref", _("请填写执法证号或身份证号。"))
        elif person is None:
            bad("person_ref", _("未找到证件号为 %(ref)s 的在职人员。") % {"ref": reference})
        elif name and name != person.name:
            bad("name", _("姓名与证件号不符（登记为 %(name)s）。") % {"name": person.name})
        elif person.pk in present:
            bad("person_ref", _("该人员已签到。"))
        elif person.pk in seen:
            bad("person_ref", _("与第%(row)s行重复。") % {"row": seen[person.pk]})
        try:
            row_hours = _sheet_hours(record.get(HOURS_HEADER), session)
        except ValueError:
            bad("hours", _("学时应为大于零且不超过培训学时的数字。"))
            row_hours = session.hours
        if person is not None:
            seen.setdefault(person.pk, number)
            people.append(person)
            hours.append(row_hours)
    if errors:
        # The page shows the message only, so it names the rows (the API also gets ``rows``).
        detail = "；".join(_("第%(row)s行：%(detail)s") % e for e in errors[:10])
        raise ImportFailed(
            _("导入未完成：%(count)s处错误，未做任何更改。%(detail)s")
            % {"count": len(errors), "detail": detail},
            errors,
        )
    return _write(session, people, hours, SignInVia.IMPORT, actor)


@transaction.atomic
def session_close(*, actor: User, session: TrainingSession) -> TrainingSession:
    session = _locked(session)
    SESSION.require(actor, session, "close")
    session.status = SessionStatus.CLOSED
    session.save(update_fields=["status"])
    event(session, "learning.session_closed", actor, session.organization)
    return session
