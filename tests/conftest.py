"""Shared fixtures: a small organisation tree and one user per role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from fazhi.core.models import Organization, Role
from tests.factories import OrganizationFactory, user_with_role


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s a user; tests create many users and test no cryptography."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def evidence_log_key(tmp_path_factory, monkeypatch):
    """Every test session signs evidence-log heads with its own key, never one under var/."""
    from fazhi.evidence import keys

    path = tmp_path_factory.getbasetemp() / "evidence-key" / "log.pem"
    monkeypatch.setenv(keys.KEY_PATH_ENV, str(path))
    return path


@pytest.fixture(autouse=True, scope="session")
def evidence_truncate_allowed():
    """Test databases are reset with TRUNCATE, which the evidence tables refuse on PostgreSQL
    unless the session asks for maintenance (evidence migration 0003)."""
    from django.db.backends.signals import connection_created

    def allow(sender, connection, **kwargs):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET fazhi.evidence_maintenance = 'on'")

    connection_created.connect(allow, weak=False, dispatch_uid="evidence_truncate_allowed")
    yield
    connection_created.disconnect(dispatch_uid="evidence_truncate_allowed")


@dataclass
class Tree:
    city: Organization
    justice: Organization
    market: Organization
    enforcement: Organization
    town: Organization
    village: Organization
    other_town: Organization


@pytest.fixture
def tree(db) -> Tree:
    city = OrganizationFactory(code="CITY", name="海宁市人民政府", kind="city_government")
    return Tree(
        city=city,
        justice=OrganizationFactory(code="JUSTICE", name="海宁市司法局", parent=city),
        market=OrganizationFactory(code="MARKET", name="海宁市市场监督管理局", parent=city),
        enforcement=OrganizationFactory(code="ENF", name="海宁市综合行政执法局", parent=city),
        town=(town := OrganizationFactory(code="TOWN", name="长安镇", kind="town", parent=city)),
        village=OrganizationFactory(code="VILLAGE", name="测试村", kind="village", parent=town),
        other_town=OrganizationFactory(code="TOWN2", name="黄湾镇", kind="town", parent=city),
    )


@pytest.fixture
def users(tree: Tree) -> dict[str, object]:
    """One user per role, each where that role typically sits."""
    return {
        "administrator": user_with_role(Role.ADMINISTRATOR, tree.city, username="admin"),
        "justice_legal_officer": user_with_role(
            Role.JUSTICE_LEGAL_OFFICER, tree.justice, username="justice"
        ),
        "department_legal_officer": user_with_role(
            Role.DEPARTMENT_LEGAL_OFFICER, tree.market, username="legal"
        ),
        "drafter": user_with_role(Role.DRAFTER, tree.market, username="drafter"),
        "enforcement_officer": user_with_role(
            Role.ENFORCEMENT_OFFICER, tree.town, username="officer"
        ),
        "supervisor": user_with_role(Role.SUPERVISOR, tree.justice, username="supervisor"),
        "mediator": user_with_role(Role.MEDIATOR, tree.town, username="mediator"),
        "reconsideration_officer": user_with_role(
            Role.RECONSIDERATION_OFFICER, tree.justice, username="recon"
        ),
        "leader": user_with_role(Role.LEADER, tree.city, username="leader"),
        "public": user_with_role(Role.PUBLIC, tree.city, username="citizen"),
    }
