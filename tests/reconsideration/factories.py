"""Reconsideration cases for tests, created through the services."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import DomainEvent
from fazhi.reconsideration import services
from fazhi.reconsideration.models import Channel, ReconsiderationCase


def receive(actor, tree, received_on=dt.date(2022, 3, 1), **overrides) -> ReconsiderationCase:
    fields = {
        "actor": actor,
        "organization": tree.justice,
        "respondent": tree.market,
        "channel": Channel.IN_PERSON,
        "received_on": received_on,
        "applicant_name": "张三",
        "applicant_id_number": "33048119800101001X",
        "contested_act": "行政处罚决定",
        "request": "撤销该处罚决定",
    }
    fields.update(overrides)
    return services.reconsideration_receive(**fields)


def accepted(actor, tree, received_on=dt.date(2022, 3, 1), procedure="ordinary", **overrides):
    case = receive(actor, tree, received_on, **overrides)
    return services.reconsideration_accept(
        actor=actor,
        case=case,
        on=received_on + dt.timedelta(days=1),
        procedure=procedure,
        simplified_ground="warning_or_small" if procedure == "simplified" else "",
    )


def events(case) -> list[str]:
    """The case's timeline as event kinds without the app's prefix."""
    return [
        kind.removeprefix("reconsideration.")
        for kind in DomainEvent.objects.filter(
            object_id=str(case.pk), content_type__model="reconsiderationcase"
        )
        .order_by("id")
        .values_list("event_type", flat=True)
    ]
