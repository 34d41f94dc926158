"""The citizen's mediation applications for 我的办件 (``core.citizen``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core.citizen import Application, Notice
from fazhi.disputes import selectors


def applications(user) -> list[Application]:
    found = []
    for case in selectors.my_case_list(user=user):
        notices = [Notice(case.registered_on, _("调解委员会已收到申请"))]
        if case.started_on:
            notices.append(Notice(case.started_on, _("开始调解")))
        if case.concluded_on:
            notices.append(
                Notice(
                    case.concluded_on,
                    _("结案：%(outcome)s") % {"outcome": case.get_outcome_display()},
                )
            )
        found.append(
            Application(
                module=_("人民调解"),
                title=f"{case.get_kind_display()} · {case.organization.name}",
                number=case.case_no,
                status=case.get_status_display(),
                submitted_on=case.registered_on,
                url=reverse("disputes-portal:case", args=[case.pk]),
                notices=notices,
            )
        )
    return found
