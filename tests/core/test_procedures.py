"""Every declared procedure is whole: each transition has a page, an API action, a service and a
test; every service is reachable by a user; every event kind has a label.

These walk the declarations (``fazhi.core.procedures.REGISTRY``) and the source tree, so a new
procedure or service is checked without anyone adding a line here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from fazhi.core import procedures
from fazhi.core.events import all_event_labels, event_label
from fazhi.core.procedure_api import serializer_from_form

SRC = Path(procedures.__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parents[1]


def _declared():
    procedures.load_all()
    return [(p, t) for p in procedures.REGISTRY.values() for t in p.transitions]


def _test_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in TESTS.rglob("test_*.py"))


def test_there_are_declared_procedures():
    assert len(procedures.REGISTRY) >= 2


def test_every_procedure_the_issue_names_is_declared():
    """Issue #10's list (joint and legality review are steps of normdocs and decisions),
    evidence deposits included: each has at least one declared step."""
    procedures.load_all()
    apps = {key.split(".", 1)[0] for key, p in procedures.REGISTRY.items() if p.transitions}
    named = {
        "normdocs",
        "decisions",
        "consultations",
        "enforcement",
        "supervision",
        "disputes",
        "reconsideration",
        "litigation",
        "evidence",
    }
    assert named - apps == set()


def test_a_record_keyed_by_uuid_has_the_same_step_page_and_api_action():
    import uuid

    key = uuid.UUID(int=1)
    assert reverse("core:transition", args=["evidence.deposit", key, "erase"]) == (
        f"/do/evidence.deposit/{key}/erase/"
    )
    assert reverse("evidence_api:deposit-erase", args=[key]).endswith(f"/{key}/erase/")


@pytest.mark.parametrize(
    ("declared", "transition"),
    _declared(),
    ids=lambda value: getattr(value, "name", None) or getattr(value, "key", ""),
)
def test_each_transition_has_a_page_an_api_action_a_service_and_a_test(declared, transition):
    assert reverse("core:transition", args=[declared.key, 1, transition.name])
    assert declared.api_basename, f"{declared.key} has no API"
    assert reverse(f"{declared.api_basename}-{transition.url_path}", args=[1])
    assert callable(transition.service_function)
    assert serializer_from_form(transition.form, f"Check{id(transition)}")
    service_name = transition.service.rsplit(".", 1)[1]
    assert service_name in _test_text(), f"no test calls {service_name}"
    assert "." in declared.key


# --- every service is reachable by a user ------------------------------------------------------

# Modules a user reaches: pages, API, declarations, tasks and commands, the auth backend and
# middleware that settings plug into every request, and the app configs that register daily jobs.
ENTRY_FILES = (
    "views.py",
    "portal_views.py",
    "api.py",
    "procedures.py",
    "tasks.py",
    "cli.py",
    "auth.py",
    "middleware.py",
    "security.py",
    "apps.py",
)


def _service_modules() -> dict[str, Path]:
    found = {}
    for app in settings.FAZHI_APPS:
        base = SRC / app.split(".", 1)[1]
        if app.endswith(".demo"):
            continue
        single = base / "services.py"
        package = base / "services"
        for path in [single, *sorted(package.glob("*.py"))] if package.is_dir() else [single]:
            if path.exists():
                found[app + ":" + path.name] = path
    return found


def _names_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value.rsplit(".", 1)[-1])
    return names


def _entry_files() -> list[Path]:
    files = []
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        if parts[0] == "demo" or "migrations" in parts:
            continue
        page_or_api = path.name.endswith(("_views.py", "_api.py"))
        if (
            path.name in ENTRY_FILES
            or page_or_api
            or "commands" in parts
            or "templatetags" in parts
        ):
            files.append(path)
    return files


def _functions(path: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def _all_functions() -> dict[str, list[ast.FunctionDef]]:
    """Every module-level function of the code users run (not the demo), by name."""
    found: dict[str, list[ast.FunctionDef]] = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        if parts[0] == "demo" or "migrations" in parts or path.name == "demo.py":
            continue
        for name, node in _functions(path).items():
            found.setdefault(name, []).append(node)
    return found


def test_every_service_is_reachable_from_a_page_an_api_a_command_or_a_task():
    reached: set[str] = set()
    for path in _entry_files():
        reached |= _names_used(path)
    services = set()
    for path in _service_modules().values():
        services |= set(_functions(path))
    # A function called by a reachable function is reachable too: services, and the helpers
    # between a page and a service (e.g. ``normdocs.prereview.run`` calling the review app).
    functions = _all_functions()
    changed = True
    while changed:
        changed = False
        for name in list(reached & functions.keys()):
            for node in functions[name]:
                used = {
                    n.id if isinstance(n, ast.Name) else n.attr
                    for n in ast.walk(node)
                    if isinstance(n, ast.Name | ast.Attribute)
                }
                if not used <= reached:
                    reached |= used
                    changed = True
    # Private helpers are walked (a public service reached through one counts) but not listed.
    unreachable = {name for name in services if name not in reached and not name.startswith("_")}
    assert unreachable == set(), "no user can reach these services"


def test_the_reachability_walk_follows_helpers_and_daily_jobs():
    reached: set[str] = set()
    for path in _entry_files():
        reached |= _names_used(path)
    assert "audit_digest_anchor" in reached  # registered in evidence's AppConfig.ready
    assert "review_document_text" not in reached  # only through normdocs.prereview.run
    assert "review_document_text" in _names_used(SRC / "normdocs" / "prereview.py")


# --- event labels ------------------------------------------------------------------------------


def test_event_labels_are_chinese_and_an_unknown_kind_never_shows_its_key():
    labels = all_event_labels()
    assert labels["reconsideration.accepted"]
    assert event_label("reconsideration.accepted") == "受理"
    assert event_label("no.such_kind") == "其他事件"


# --- hand-offs ---------------------------------------------------------------------------------


def test_a_step_taken_on_the_page_notifies_whoever_takes_the_next_one(
    client, tree, users, mailoutbox, django_capture_on_commit_callbacks
):
    """Accepting a case hands it on: the other officer of the office is told (not the actor)."""
    from fazhi.core.models import Notification, Role
    from tests.factories import user_with_role
    from tests.reconsideration.factories import receive

    officer = users["reconsideration_officer"]
    colleague = user_with_role(Role.RECONSIDERATION_OFFICER, tree.justice, username="colleague")
    colleague.email = "colleague@example.org"
    colleague.save()
    case = receive(officer, tree)
    client.force_login(officer)
    url = reverse("core:transition", args=["reconsideration.case", case.pk, "accept"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"accept-on": "2022-03-02", "accept-procedure": "ordinary"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["colleague@example.org"]]
    notes = Notification.objects.filter(user=colleague)
    assert [n.url for n in notes] == [f"/reconsideration/cases/{case.pk}/"]
    assert "作出复议决定" in notes.get().title
    assert not Notification.objects.filter(user=officer, dedupe_key__startswith="handoff:").exists()
    # 待我处理 lists the accepted case for the colleague, and nothing for a mediator
    client.force_login(colleague)
    page = client.get(reverse("core:my_work")).content.decode()
    assert case.case_no in page and "行政复议案件" in page
    client.force_login(users["mediator"])
    assert case.case_no not in client.get(reverse("core:my_work")).content.decode()


def test_a_step_taken_by_any_caller_hands_off_after_commit(
    tree, users, django_capture_on_commit_callbacks
):
    """A service called directly (a command, a task, another service) notifies as pages do; a
    step whose transaction rolls back notifies nobody; the demo's past year notifies nobody."""
    import datetime as dt

    from django.db import transaction

    from fazhi.core.handoffs import suspended
    from fazhi.core.models import Notification, Role
    from fazhi.reconsideration.services import reconsideration_accept
    from tests.factories import user_with_role
    from tests.reconsideration.factories import receive

    officer = users["reconsideration_officer"]
    colleague = user_with_role(Role.RECONSIDERATION_OFFICER, tree.justice, username="colleague")
    handoffs = Notification.objects.filter(user=colleague, dedupe_key__startswith="handoff:")

    rolled_back = receive(officer, tree)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        reconsideration_accept(
            actor=officer, case=rolled_back, on=dt.date(2022, 3, 2), procedure="ordinary"
        )
        transaction.set_rollback(True)
    assert not handoffs.exists()

    quiet = receive(officer, tree)
    with django_capture_on_commit_callbacks(execute=True), suspended():
        reconsideration_accept(
            actor=officer, case=quiet, on=dt.date(2022, 3, 2), procedure="ordinary"
        )
    assert not handoffs.exists()

    case = receive(officer, tree)
    with django_capture_on_commit_callbacks(execute=True):
        reconsideration_accept(
            actor=officer, case=case, on=dt.date(2022, 3, 2), procedure="ordinary"
        )
    assert [n.url for n in handoffs] == [f"/reconsideration/cases/{case.pk}/"]


def test_the_step_api_refuses_an_outsider_before_reading_the_input(tree, users):
    """403 before 400: an empty body from a role that may read but not take the step."""
    from rest_framework.test import APIClient

    from tests.reconsideration.factories import receive

    case = receive(users["reconsideration_officer"], tree)
    url = reverse("reconsideration-api:case-accept", args=[case.pk])
    client = APIClient()
    client.force_authenticate(users["leader"])
    assert client.post(url, {}, format="json").status_code == 403
    client.force_authenticate(users["reconsideration_officer"])
    assert client.post(url, {}, format="json").status_code == 400
