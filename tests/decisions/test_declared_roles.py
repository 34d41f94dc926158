"""Major decisions on their declarations: leaders do not record the government's own steps; the
catalog and launch steps through the API; the entries list's query count at 1 and 20 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from fazhi.decisions.models import Decision
from tests.decisions import factories as f

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(decision, step: str) -> str:
    return f"/api/decisions/decisions/{decision.pk}/{step}/"


def test_leaders_do_not_record_the_collective_discussion(tree, users):
    """Issue #17: the government's own steps are recorded by the staff running the procedure."""
    from fazhi.core.errors import PermissionDenied
    from fazhi.decisions import services
    from fazhi.decisions.procedures import DECISION

    decision = f.launched(tree, users)
    f.ready_for_collective(decision, users)
    decision = Decision.objects.get(pk=decision.pk)
    step = DECISION.transition("collective_decision")
    assert not DECISION.may(users["leader"], decision, step)
    with pytest.raises(PermissionDenied):
        services.collective_discussion_record(
            actor=users["leader"],
            decision=decision,
            meeting_type="executive",
            meeting_name="常务会议",
            held_on=decision.launched_on,
            result="adopted",
            head_spoke_last=True,
            minutes="通过",
        )
    response = _client(users["leader"]).post(
        _url(decision, "collective-decision"), {"meeting_type": "executive"}
    )
    assert response.status_code == 403
    assert Decision.objects.get(pk=decision.pk).status == "drafting"
    f.collective(decision, users)
    assert Decision.objects.get(pk=decision.pk).status == "decided"


def test_catalog_and_launch_steps_through_the_api(tree, users):
    catalog = f.published_catalog(tree, users)
    entry = catalog.entries.get()
    # Only the sponsor's unit launches; a drafter of another unit is refused, nothing changes.
    from fazhi.core.models import Role
    from tests.factories import user_with_role

    outsider = user_with_role(Role.DRAFTER, tree.town, username="town-drafter")
    refused = _client(outsider).post(
        f"/api/decisions/entries/{entry.pk}/launch/",
        {"launched_on": "2022-04-01", "draft_summary": "说明"},
    )
    assert refused.status_code == 403
    assert not Decision.objects.filter(entry=entry).exists()
    api = _client(users["drafter"])
    response = api.post(
        f"/api/decisions/entries/{entry.pk}/launch/",
        {"launched_on": "2022-04-01", "draft_summary": "说明"},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["decision"] == Decision.objects.get(entry=entry).pk
    again = api.post(
        f"/api/decisions/entries/{entry.pk}/launch/",
        {"launched_on": "2022-04-01", "draft_summary": "说明"},
    )
    assert again.status_code == 409
    assert again.json()["code"] == "already_launched"
    # An approved catalog takes no proposals; the sponsor is told to adjust it instead.
    refused = api.post(
        f"/api/decisions/catalogs/{catalog.pk}/propose/",
        {
            "title": "新事项",
            "category": "other",
            "organization": tree.market.pk,
            "basis": "依据",
            "planned_completion": "2022-12-01",
        },
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "catalog_not_open"
    adjusted = _client(users["administrator"]).post(
        f"/api/decisions/catalogs/{catalog.pk}/adjust/",
        {
            "kind": "reschedule",
            "entry": entry.pk,
            "reason": "进度调整",
            "adjusted_on": "2022-03-15",
            "planned_completion": "2023-06-30",
        },
    )
    assert adjusted.status_code == 200, adjusted.json()


def test_entry_list_query_count_at_1_and_20_rows(tree, users):
    api = _client(users["justice_legal_officer"])
    api.get("/api/decisions/entries/")
    catalog = f.published_catalog(tree, users)
    counts = []
    for rows in (1, 20):
        while catalog.entries.count() < rows:
            entry = catalog.entries.first()
            entry.pk = None
            entry.sequence = 100 + catalog.entries.count()
            entry.title = f"事项{entry.sequence}"
            entry.save()
        with CaptureQueriesContext(connection) as queries:
            response = api.get("/api/decisions/entries/", {"page_size": 50})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
