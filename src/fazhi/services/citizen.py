"""The citizen's 一件事 applications and estate inquiries for 我的办件 (``core.citizen``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.citizen import Application, Notice
from fazhi.services.models import EstateInquiry, OneThingApplication


def applications(user) -> list[Application]:
    found = []
    one_things = OneThingApplication.objects.filter(applicant_id=user.pk).select_related(
        "one_thing"
    )
    for application in one_things.order_by("-submitted_on", "-id")[:100]:
        notices = [Notice(application.submitted_on, _("申请已提交"))]
        if application.closed_on:
            notices.append(Notice(application.closed_on, _("已办结")))
        found.append(
            Application(
                module=_("“一件事”联办"),
                title=application.one_thing.name,
                number=str(application.pk),
                status=application.get_status_display(),
                submitted_on=application.submitted_on,
                url=reverse("services-portal:application", args=[application.pk]),
                notices=notices,
            )
        )
    inquiries = EstateInquiry.objects.filter(applicant_id=user.pk)
    for inquiry in inquiries.order_by("-submitted_on", "-id")[:100]:
        notices = [Notice(inquiry.submitted_on, _("申请已提交"))]
        if inquiry.accepted_on:
            notices.append(Notice(inquiry.accepted_on, _("受理通知")))
        found.append(
            Application(
                module=_("遗产查询"),
                title=_("被继承人：%(name)s") % {"name": inquiry.deceased_name},
                number=inquiry.number,
                status=inquiry.get_status_display(),
                submitted_on=inquiry.submitted_on,
                url=reverse("services-portal:estate", args=[inquiry.pk]),
                notices=notices,
            )
        )
    return found
