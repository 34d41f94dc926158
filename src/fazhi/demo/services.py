"""Builds the seeded Haining demo through the same services the UI and API use.

Every step is idempotent: running ``fazhi demo`` again adds nothing that is already there.
Randomness is seeded, so every build is the same.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from fazhi.core import services as core_services
from fazhi.core.domain.identity import id_number_check_char
from fazhi.core.models import LeaderLevel, NumberSeries, Organization, Person, Role
from fazhi.core.services import OrganizationRow, PersonRow
from fazhi.demo import haining

DEMO_PASSWORD = "fazhi-demo-2022"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    organization_code: str
    display_name: str


DEMO_ACCOUNTS = [
    DemoAccount("admin", Role.ADMINISTRATOR, haining.CITY[0], "系统管理员"),
    DemoAccount("justice", Role.JUSTICE_LEGAL_OFFICER, haining.JUSTICE_BUREAU, "司法局法制科"),
    DemoAccount(
        "legal", Role.DEPARTMENT_LEGAL_OFFICER, haining.MARKET_REGULATION, "市场监管局法制员"
    ),
    DemoAccount("drafter", Role.DRAFTER, haining.MARKET_REGULATION, "市场监管局起草人"),
    DemoAccount(
        "officer", Role.ENFORCEMENT_OFFICER, haining.ENFORCEMENT_BUREAU, "综合执法局执法员"
    ),
    DemoAccount("town_officer", Role.ENFORCEMENT_OFFICER, "HN-T06", "长安镇执法员"),
    DemoAccount("supervisor", Role.SUPERVISOR, haining.JUSTICE_BUREAU, "执法监督科"),
    DemoAccount("mediator", Role.MEDIATOR, "HN-T05", "许村镇调解员"),
    DemoAccount(
        "reconsideration", Role.RECONSIDERATION_OFFICER, haining.JUSTICE_BUREAU, "复议应诉科"
    ),
    DemoAccount("leader", Role.LEADER, haining.CITY[0], "市领导"),
    DemoAccount("citizen", Role.PUBLIC, haining.CITY[0], "社会公众"),
]

CHINESE_DIGITS = "一二三四五六七八九十"


def _group_name(number: int) -> str:
    if number <= 10:
        return f"{CHINESE_DIGITS[number - 1]}组"
    tens, ones = divmod(number, 10)
    prefix = "十" if tens == 1 else CHINESE_DIGITS[tens - 1] + "十"
    return prefix + (CHINESE_DIGITS[ones - 1] if ones else "") + "组"


def organization_rows() -> list[OrganizationRow]:
    city_code, city_name, division = haining.CITY
    rows = [
        OrganizationRow(
            code=city_code,
            name=city_name,
            kind="city_government",
            division_code=division,
            short_name="市政府",
        )
    ]
    rows += [
        OrganizationRow(
            code=code, name=name, kind="department", parent_code=city_code, short_name=short
        )
        for code, name, short in haining.DEPARTMENTS
    ]
    rows += [
        OrganizationRow(
            code=code,
            name=name,
            kind="superior_government" if kind == "superior_government" else "court",
            parent_code=parent,
        )
        for code, name, kind, parent in haining.OUTSIDE_BODIES
    ]
    rng = random.Random(145)
    village_codes: list[str] = []
    used_names: set[tuple[str, str]] = set()
    for code, name, is_street, villages in haining.TOWNS:
        rows.append(
            OrganizationRow(
                code=code, name=name, kind="town", parent_code=city_code, is_street=is_street
            )
        )
        rows.append(
            OrganizationRow(
                code=f"{code}-C",
                name=f"{name}全面依法治镇(街道)委员会",
                kind="committee",
                parent_code=code,
            )
        )
        for index in range(1, villages + 1):
            while True:
                village_name = "".join(rng.sample(haining.VILLAGE_STEMS, 2)) + "村"
                if (name, village_name) not in used_names:
                    used_names.add((name, village_name))
                    break
            village_code = f"{code}-V{index:02d}"
            village_codes.append(village_code)
            rows.append(
                OrganizationRow(
                    code=village_code, name=village_name, kind="village", parent_code=code
                )
            )
    base, extra = divmod(haining.VILLAGE_GROUPS, len(village_codes))
    for position, village_code in enumerate(village_codes):
        for group in range(1, base + (1 if position < extra else 0) + 1):
            rows.append(
                OrganizationRow(
                    code=f"{village_code}-G{group:02d}",
                    name=_group_name(group),
                    kind="village_group",
                    parent_code=village_code,
                )
            )
    return rows


def _synthetic_id_number(rng: random.Random, serial: int) -> str:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 33))
    first17 = f"330481{birth:%Y%m%d}{serial % 1000:03d}"
    return first17 + id_number_check_char(first17)


def people_rows() -> list[PersonRow]:
    rng = random.Random(3187)
    rows: list[PersonRow] = []
    serial = 0
    used_ids: set[str] = set()

    def name() -> str:
        return rng.choice(haining.SURNAMES) + "".join(
            rng.choice(haining.GIVEN) for _ in range(rng.choice((1, 2)))
        )

    def unique_id() -> str:
        while (candidate := _synthetic_id_number(rng, serial)) in used_ids:
            pass
        used_ids.add(candidate)
        return candidate

    def add(organization_code: str, *, post: str, leader: bool, certificate: bool) -> None:
        nonlocal serial
        serial += 1
        rows.append(
            PersonRow(
                name=name(),
                organization_code=organization_code,
                id_number=unique_id(),
                post=post,
                leader_level=LeaderLevel.CITY_MANAGED if leader else LeaderLevel.NONE,
                enforcement_certificate_number=f"33040{serial:06d}" if certificate else "",
                certificate_valid_until=dt.date(2025 + serial % 4, 12, 31) if certificate else None,
            )
        )

    department_total = sum(haining.OFFICERS_BY_DEPARTMENT.values())
    for code, count in haining.OFFICERS_BY_DEPARTMENT.items():
        for _ in range(count):
            add(code, post="执法队员", leader=False, certificate=True)
    town_codes = [code for code, *_ in haining.TOWNS]
    for index in range(haining.OFFICERS_TOTAL - department_total):
        add(
            town_codes[index % len(town_codes)], post="综合执法队员", leader=False, certificate=True
        )
    # City-managed leaders: the heads and deputies of each department and town.
    leader_units = [code for code, *_ in haining.DEPARTMENTS] + town_codes
    for index in range(haining.CITY_MANAGED_LEADERS):
        unit = leader_units[index % len(leader_units)]
        add(
            unit,
            post="主要负责人" if index < len(leader_units) else "副职领导",
            leader=True,
            certificate=False,
        )
    return rows


@transaction.atomic
def demo_build(*, stdout=None) -> dict[str, int]:
    """Build (or complete) the demo dataset; returns what was added.

    Hand-offs are suspended: the demo writes a past year's steps, not work for anyone today.
    """
    from fazhi.core.handoffs import suspended

    with suspended():
        return _build(stdout=stdout)


def _build(*, stdout=None) -> dict[str, int]:

    def say(text: str) -> None:
        if stdout is not None:
            stdout.write(text)

    added = {"organizations": 0, "people": 0, "accounts": 0}
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        # The site administrator exists before any organisation, then gets its role.
        admin = core_services.user_create(
            actor=None,
            username="admin",
            password=DEMO_PASSWORD,
            display_name="系统管理员",
            roles=[],
            site_administrator=True,
        )
        added["accounts"] += 1
    city_code, city_name, division = haining.CITY
    city = Organization.objects.filter(code=city_code).first()
    if city is None:
        city = core_services.organization_create(
            actor=admin,
            code=city_code,
            name=city_name,
            kind="city_government",
            division_code=division,
            short_name="市政府",
        )
        added["organizations"] += 1
    if not admin.role_assignments.exists():
        core_services.role_assign(
            actor=admin, user=admin, role=Role.ADMINISTRATOR, organization=city
        )
    existing = set(Organization.objects.values_list("code", flat=True))
    rows = [row for row in organization_rows() if row.code not in existing]
    if rows:
        added["organizations"] += len(core_services.organizations_import(actor=admin, rows=rows))
        say(f"组织：新增 {len(rows)} 个")
    if not Person.objects.exists():
        added["people"] = core_services.people_import(actor=admin, rows=people_rows())
        say(f"人员：新增 {added['people']} 人")
    organizations = Organization.objects.in_bulk(
        [a.organization_code for a in DEMO_ACCOUNTS], field_name="code"
    )
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        organization = organizations[account.organization_code]
        person = None
        if account.role == Role.ENFORCEMENT_OFFICER:
            # officers log in as one of the unit's certified officers
            person = (
                Person.objects.filter(organization=organization, user__isnull=True)
                .exclude(enforcement_certificate_number="")
                .order_by("id")
                .first()
            )
        elif account.role != Role.PUBLIC:
            person = core_services.person_create(
                actor=admin,
                organization=organization,
                name=account.display_name,
                post=account.display_name,
            )
        core_services.user_create(
            actor=admin,
            username=account.username,
            password=DEMO_PASSWORD,
            display_name=account.display_name,
            roles=[(account.role, organization)],
            person=person,
        )
        added["accounts"] += 1
    if not NumberSeries.objects.filter(key="city-normative").exists():
        core_services.number_series_create(
            key="city-normative",
            name="市政府行政规范性文件",
            template="海政规〔{year}〕{seq}号",
            organization=organizations[haining.CITY[0]],
            actor=admin,
        )
    for app_path in settings.FAZHI_APPS:
        # Each app builds its part of the 2022 demo in ``<app>/demo.py``: build(admin=…, stdout=…).
        if app_path in ("fazhi.core", "fazhi.demo") or find_spec(f"{app_path}.demo") is None:
            continue
        import_module(f"{app_path}.demo").build(admin=admin, stdout=stdout)
    return added
