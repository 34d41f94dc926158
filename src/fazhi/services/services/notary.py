"""Notary: the 最多跑一次 item list, the certificate register and the public look-up.

The look-up answers only whether a certificate exists, its kind, date and issuing office. Each
client (a salted hash of its address) may ask ``LOOKUP_LIMIT`` times in ``LOOKUP_WINDOW``; every
attempt, refused or answered, is logged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import ImportFailed, ValidationFailed
from fazhi.core.scoping import require_change
from fazhi.services.error_codes import ServicesErrorCode as Code
from fazhi.services.models import (
    LookupKind,
    LookupLog,
    LookupResult,
    NotarialCertificate,
    NotaryCategory,
    NotaryItem,
)
from fazhi.services.services.common import (
    NOTARY_ROLES,
    TooManyRequests,
    day,
    event,
    lookup_log,
    notary_body,
    required,
)

LOOKUP_LIMIT = 20
LOOKUP_WINDOW = dt.timedelta(hours=1)
# （2022）浙嘉海证字第123号 — year, the office's abbreviation, an optional kind, the sequence.
NUMBER_PATTERN = re.compile(
    r"^（(\d{4})）浙[\u4e00-\u9fff]{1,6}证[\u4e00-\u9fff]{0,2}字第(\d{1,7})号$"
)


def normalise_number(text: str) -> str:
    return "".join((text or "").split()).replace("(", "（").replace(")", "）")


@dataclass(frozen=True)
class NotaryItemRow:
    category_code: str
    category_name: str
    code: str
    name: str
    one_visit: bool = True
    listed_on: Any = None


@transaction.atomic
def notary_items_import(*, actor: User, rows: Sequence[NotaryItemRow]) -> int:
    """Load the 最多跑一次 list: every row is checked first, and nothing is saved if one fails."""
    body = notary_body()
    require_change(actor, body, roles=NOTARY_ROLES)
    problems: list[dict[str, Any]] = []
    codes: set[str] = set()
    code_max = NotaryItem._meta.get_field("code").max_length
    for index, row in enumerate(rows, start=1):
        for field_name, message in (
            ("category_code", _("请填写类别编码。")),
            ("category_name", _("请填写类别名称。")),
            ("code", _("请填写事项编码。")),
            ("name", _("请填写事项名称。")),
        ):
            if not str(getattr(row, field_name) or "").strip():
                problems.append({"row": index, "field": field_name, "detail": message})
        if not isinstance(row.listed_on, dt.date):
            problems.append({"row": index, "field": "listed_on", "detail": _("列入日期无效。")})
        if row.code in codes:
            problems.append({"row": index, "field": "code", "detail": _("事项编码重复。")})
        if code_max is not None and len(row.code.strip()) > code_max:
            problems.append({"row": index, "field": "code", "detail": _("事项编码过长。")})
        codes.add(row.code)
    if not rows:
        problems.append({"row": 0, "field": "rows", "detail": _("没有可导入的事项。")})
    if problems:
        raise ImportFailed(_("导入失败，未保存任何事项，请修正后重新导入。"), problems)
    categories: dict[str, NotaryCategory] = {}
    for row in rows:
        category = categories.get(row.category_code)
        if category is None:
            category, _created = NotaryCategory.objects.update_or_create(
                code=row.category_code.strip(), defaults={"name": row.category_name.strip()}
            )
            categories[row.category_code] = category
        item, _created = NotaryItem.objects.update_or_create(
            code=row.code.strip(),
            defaults={
                "organization": body,
                "category": category,
                "name": row.name.strip(),
                "one_visit": bool(row.one_visit),
                "listed_on": row.listed_on,
            },
        )
    event(item, "services.notary_item_saved", actor, rows=len(rows))
    return len(rows)


@transaction.atomic
def notarial_certificate_register(
    *, actor: User, number: str, category: NotaryCategory, issued_on: dt.date, office: str
) -> NotarialCertificate:
    body = notary_body()
    require_change(actor, body, roles=NOTARY_ROLES)
    number = normalise_number(number)
    if not NUMBER_PATTERN.match(number):
        raise ValidationFailed(
            Code.MALFORMED_NUMBER,
            _("公证书编号格式不正确，应如“（2022）浙嘉海证字第123号”。"),
            field="number",
        )
    if NotarialCertificate.objects.filter(number=number).exists():
        raise ValidationFailed(Code.DUPLICATE, _("该公证书编号已登记。"), field="number")
    certificate = NotarialCertificate.objects.create(
        organization=body,
        number=number,
        category=category,
        issued_on=day(issued_on, field="issued_on"),
        office=required(office, "office", _("请填写公证机构。")),
    )
    event(certificate, "services.certificate_registered", actor, number=number)
    return certificate


def notary_lookup(*, number: str, client: str, user=None) -> dict[str, Any]:
    """The public answer for one certificate number.

    Not one transaction: the log row of a refused look-up (malformed, over the limit) must be
    kept, so each attempt is written on its own before any refusal is raised.
    """
    since = timezone.now() - LOOKUP_WINDOW
    asked = LookupLog.objects.filter(
        kind=LookupKind.NOTARY_PUBLIC, client=client, at__gte=since
    ).count()
    cleaned = normalise_number(number)
    if asked >= LOOKUP_LIMIT:
        lookup_log(
            kind=LookupKind.NOTARY_PUBLIC,
            target=cleaned,
            result=LookupResult.LIMITED,
            client=client,
            user=user,
        )
        raise TooManyRequests(
            Code.RATE_LIMITED, _("查询过于频繁，请一小时后再试。"), field="number"
        )
    if not NUMBER_PATTERN.match(cleaned):
        lookup_log(
            kind=LookupKind.NOTARY_PUBLIC,
            target=cleaned,
            result=LookupResult.MALFORMED,
            client=client,
            user=user,
        )
        raise ValidationFailed(
            Code.MALFORMED_NUMBER,
            _("公证书编号格式不正确，应如“（2022）浙嘉海证字第123号”。"),
            field="number",
        )
    certificate = (
        NotarialCertificate.objects.select_related("category").filter(number=cleaned).first()
    )
    lookup_log(
        kind=LookupKind.NOTARY_PUBLIC,
        target=cleaned,
        result=LookupResult.FOUND if certificate else LookupResult.NOT_FOUND,
        client=client,
        user=user,
    )
    if certificate is None:
        return {"number": cleaned, "exists": False}
    return {
        "number": cleaned,
        "exists": True,
        "kind": certificate.category.name,
        "issued_on": certificate.issued_on,
        "office": certificate.office,
    }
