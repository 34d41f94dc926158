"""The citizen's reconsideration applications for 我的办件 (``core.citizen``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.citizen import Application, Notice
from fazhi.reconsideration import selectors
from fazhi.reconsideration.models import ReconsiderationCase


def notices(case: ReconsiderationCase) -> list[Notice]:
    """The notices served to the applicant, in order."""
    found = [Notice(case.received_on, _("已收到复议申请"))]
    if case.correction_requested_on:
        found.append(
            Notice(
                case.correction_requested_on,
                _("补正通知：%(items)s") % {"items": case.correction_items},
            )
        )
    if case.rejection_reason:
        found.append(
            Notice(None, _("不予受理决定：%(reason)s") % {"reason": case.rejection_reason})
        )
    if case.accepted_on:
        found.append(Notice(case.accepted_on, _("受理通知")))
    if case.suspended_on:
        found.append(Notice(case.suspended_on, _("中止审理通知")))
    if case.decided_on:
        label = case.get_decision_display() or case.get_closure_display()
        found.append(Notice(case.decided_on, _("结案：%(label)s") % {"label": label}))
    if case.served_on:
        found.append(Notice(case.served_on, _("决定书已送达")))
    return found


def applications(user) -> list[Application]:
    return [
        Application(
            module=_("行政复议"),
            title=case.contested_act,
            number=case.case_no,
            status=case.get_status_display(),
            submitted_on=case.received_on,
            url=reverse("reconsideration-portal:case", args=[case.pk]),
            notices=notices(case),
        )
        for case in selectors.my_case_list(user=user)
    ]
