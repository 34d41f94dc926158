"""Reads of the services app, scoped to the user; figures aggregated in SQL.

Applicants read their own applications and inquiries; staff read those of their units. Wills
are readable only by the testator and the notary staff, and every read of a will, a verification
or a commitment is logged (``LookupLog``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import NotFound
from fazhi.core.models import Clock, Organization
from fazhi.core.scoping import scope_for
from fazhi.services.models import (
    BAD_GRADES,
    ApplicationPart,
    CertificateItem,
    Commitment,
    EstateInquiry,
    Evaluation,
    InquiryRequest,
    LookupKind,
    LookupResult,
    NotaryCategory,
    NotaryItem,
    OneThing,
    OneThingApplication,
    OneThingItem,
    Rectification,
    RectificationStatus,
    VerificationRequest,
    WillRegistration,
    WillStatus,
)
from fazhi.services.services.catalog import in_force_q
from fazhi.services.services.common import NOTARY_ROLES, lookup_log


def _not_found(message: str) -> NotFound:
    return NotFound(CoreErrorCode.NOT_FOUND, message)


# --- 一件事 ------------------------------------------------------------------------------------


def one_thing_list(
    *, search: str = "", on: dt.date | None = None, all_versions: bool = False
) -> QuerySet[OneThing]:
    """The public catalog: versions in force on ``on`` (today), or every version."""
    queryset = OneThing.objects.select_related("organization").annotate(
        item_count=Count("items", distinct=True)
    )
    if not all_versions:
        queryset = queryset.filter(in_force_q(on or timezone.localdate()))
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(code__icontains=search))
    return queryset.order_by("code", "-version")


def one_thing_get(*, pk: int) -> OneThing:
    found = (
        OneThing.objects.select_related("organization")
        .prefetch_related(
            Prefetch("items", queryset=OneThingItem.objects.select_related("department")),
            "materials",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise _not_found(_("未找到该一件事。"))
    return found


def one_thing_versions(one_thing: OneThing) -> QuerySet[OneThing]:
    return OneThing.objects.filter(code=one_thing.code).order_by("-version")


def _applications_visible(user) -> QuerySet[OneThingApplication]:
    scope = scope_for(user)
    queryset = OneThingApplication.objects.all()
    if scope.reads_all:
        return queryset
    if scope.is_staff_user:
        departments = ApplicationPart.objects.filter(
            scope.q("organization"), application=OuterRef("pk")
        )
        return queryset.filter(scope.q("organization") | Q(Exists(departments)))
    return queryset.filter(applicant_id=user.pk)


def application_list(*, user, search: str = "", status: str = "") -> QuerySet[OneThingApplication]:
    queryset = _applications_visible(user)
    if search:
        queryset = queryset.filter(
            Q(applicant_name__icontains=search) | Q(one_thing__name__icontains=search)
        )
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related("one_thing", "organization")


def application_get(*, user, pk: int) -> OneThingApplication:
    found = application_list(user=user).filter(pk=pk).first()
    if found is None:
        raise _not_found(_("申请不存在或您无权查看。"))
    return found


def application_parts(application: OneThingApplication) -> list[ApplicationPart]:
    parts = list(application.parts.select_related("item", "organization"))
    due = _due_dates(ApplicationPart, [p.pk for p in parts])
    for part in parts:
        part.due_date = due.get(part.pk)
    return parts


def part_get(*, user, pk: int) -> ApplicationPart:
    part = (
        ApplicationPart.objects.select_related("application", "item", "organization")
        .filter(application__in=_applications_visible(user), pk=pk)
        .first()
    )
    if part is None:
        raise _not_found(_("办件不存在或不在您的单位范围内。"))
    return part


def part_list(*, user) -> QuerySet[ApplicationPart]:
    return ApplicationPart.objects.select_related("application", "item", "organization").filter(
        application__in=_applications_visible(user)
    )


def _due_dates(model, pks: list[int]) -> dict[int, dt.date | None]:
    rows = Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).values_list("object_id", "due_date")
    return {int(object_id): due for object_id, due in rows}


# --- 好差评 ------------------------------------------------------------------------------------


def evaluation_list(*, user, search: str = "", bad_only: bool = False) -> QuerySet[Evaluation]:
    queryset = scope_for(user).filter(Evaluation.objects.all())
    if search:
        queryset = queryset.filter(service_name__icontains=search)
    if bad_only:
        queryset = queryset.filter(grade__in=BAD_GRADES)
    return queryset.select_related("organization", "rectification")


def evaluation_table(*, user, year: int) -> list[dict]:
    """满意率 and 差评整改率 per unit and service, aggregated in one query."""
    rows = (
        evaluation_list(user=user)
        .filter(evaluated_on__year=year)
        .values("organization__name", "service_name")
        .annotate(
            total=Count("pk"),
            satisfied=Count("pk", filter=~Q(grade__in=BAD_GRADES)),
            bad=Count("pk", filter=Q(grade__in=BAD_GRADES)),
            rectified=Count("pk", filter=Q(rectification__status=RectificationStatus.DONE)),
        )
        .order_by("organization__name", "service_name")
    )
    table: list[dict] = []
    for row in rows:
        item: dict[str, Any] = dict(row)
        item["satisfaction"] = round(100 * row["satisfied"] / row["total"], 2)
        item["rectification"] = (
            round(100 * row["rectified"] / row["bad"], 2) if row["bad"] else None
        )
        table.append(item)
    return table


def rectification_list(*, user) -> QuerySet[Rectification]:
    return scope_for(user).filter(
        Rectification.objects.select_related("organization", "evaluation")
    )


def rectification_get(*, user, pk: int) -> Rectification:
    found = rectification_list(user=user).filter(pk=pk).first()
    if found is None:
        raise _not_found(_("整改记录不存在或不在您的单位范围内。"))
    return found


# --- 证明事项 ----------------------------------------------------------------------------------


def certificate_item_list(*, search: str = "", replacement: str = "") -> QuerySet:
    queryset = CertificateItem.objects.select_related("holder", "organization")
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if replacement:
        queryset = queryset.filter(replacement=replacement)
    return queryset


def verification_list(*, user, search: str = "", status: str = "") -> QuerySet:
    scope = scope_for(user)
    queryset = VerificationRequest.objects.select_related("organization", "holder", "item")
    if not scope.reads_all:
        queryset = queryset.filter(scope.q("organization") | scope.q("holder"))
    if search:
        queryset = queryset.filter(Q(matter__icontains=search) | Q(item__name__icontains=search))
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def verification_get(*, user, pk: int) -> VerificationRequest:
    found = verification_list(user=user).filter(pk=pk).first()
    if found is None:
        raise _not_found(_("核验记录不存在或不在您的单位范围内。"))
    lookup_log(kind=LookupKind.VERIFICATION, target=str(pk), result=LookupResult.SHOWN, user=user)
    return found


def commitment_list(*, user, search: str = "", status: str = "") -> QuerySet[Commitment]:
    queryset = scope_for(user).filter(Commitment.objects.select_related("organization", "item"))
    if search:
        queryset = queryset.filter(Q(matter__icontains=search) | Q(item__name__icontains=search))
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def commitment_get(*, user, pk: int) -> Commitment:
    found = commitment_list(user=user).filter(pk=pk).first()
    if found is None:
        raise _not_found(_("承诺记录不存在或不在您的单位范围内。"))
    lookup_log(kind=LookupKind.COMMITMENT, target=str(pk), result=LookupResult.SHOWN, user=user)
    return found


# --- notary -----------------------------------------------------------------------------------


def notary_item_list(*, search: str = "", category: str = "") -> QuerySet[NotaryItem]:
    queryset = NotaryItem.objects.select_related("category")
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if category:
        queryset = queryset.filter(category__code=category)
    return queryset


def notary_categories() -> QuerySet[NotaryCategory]:
    return NotaryCategory.objects.annotate(item_count=Count("items")).order_by("code")


# --- wills and estates ------------------------------------------------------------------------


def _wills_visible(user) -> QuerySet[WillRegistration]:
    scope = scope_for(user)
    queryset = WillRegistration.objects.select_related("organization")
    if scope.is_superuser or "administrator" in scope.roles:
        return queryset
    staff = scope.q("organization", roles=NOTARY_ROLES)
    return queryset.filter(staff | Q(testator_id=user.pk) if user.pk else staff)


def will_list(*, user, search: str = "") -> QuerySet[WillRegistration]:
    queryset = _wills_visible(user)
    if search:
        queryset = queryset.filter(
            Q(testator_name__icontains=search) | Q(registration_no__icontains=search)
        )
    return queryset


def will_get(*, user, pk: int) -> WillRegistration:
    found = _wills_visible(user).filter(pk=pk).first()
    if found is None:
        raise _not_found(_("遗嘱登记不存在或您无权查阅。"))
    lookup_log(
        kind=LookupKind.WILL, target=found.registration_no, result=LookupResult.SHOWN, user=user
    )
    return found


def wills_of_testator(*, user, id_number: str) -> list[WillRegistration]:
    """A testator's registrations, newest will first, the prevailing one marked.

    Where wills conflict the last one made prevails (民法典第一千一百四十二条第三款); a revoked
    registration never prevails.
    """
    wills = list(
        _wills_visible(user).filter(testator_id_number=id_number).order_by("-made_on", "-id")
    )
    prevailing = next((w for w in wills if w.status == WillStatus.REGISTERED), None)
    for will in wills:
        will.prevails = will is prevailing
        will.superseded_by = prevailing if prevailing and will is not prevailing else None
    return wills


def _estates_visible(user) -> QuerySet[EstateInquiry]:
    scope = scope_for(user)
    queryset = EstateInquiry.objects.select_related("organization", "town", "mediation_case")
    if scope.reads_all:
        return queryset
    if scope.is_staff_user:
        return queryset.filter(scope.q("organization"))
    return queryset.filter(applicant_id=user.pk)


def estate_list(*, user, search: str = "", status: str = "") -> QuerySet[EstateInquiry]:
    queryset = _estates_visible(user)
    if search:
        queryset = queryset.filter(
            Q(number__icontains=search)
            | Q(applicant_name__icontains=search)
            | Q(deceased_name__icontains=search)
        )
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def estate_get(*, user, pk: int) -> EstateInquiry:
    found = _estates_visible(user).filter(pk=pk).first()
    if found is None:
        raise _not_found(_("遗产查询申请不存在或您无权查看。"))
    lookup_log(kind=LookupKind.ESTATE, target=found.number, result=LookupResult.SHOWN, user=user)
    return found


def estate_requests(inquiry: EstateInquiry) -> list[InquiryRequest]:
    requests = list(inquiry.requests.all())
    due = _due_dates(InquiryRequest, [r.pk for r in requests])
    for request in requests:
        request.due_date = due.get(request.pk)
    return requests


def inquiry_request_get(*, user, pk: int) -> InquiryRequest:
    found = (
        InquiryRequest.objects.select_related("inquiry", "organization")
        .filter(inquiry__in=_estates_visible(user), pk=pk)
        .first()
    )
    if found is None:
        raise _not_found(_("查询请求不存在或您无权查看。"))
    return found


def inquiry_request_list(*, user) -> QuerySet[InquiryRequest]:
    return InquiryRequest.objects.select_related("inquiry", "organization").filter(
        inquiry__in=_estates_visible(user)
    )


def clocks_of(record) -> QuerySet[Clock]:
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=str(record.pk)
    )


def scoped(queryset: QuerySet, scope: Organization | None, field: str = "organization"):
    if scope is None:
        return queryset
    return queryset.filter(**{f"{field}__path__startswith": scope.path})
