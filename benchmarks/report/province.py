"""The demo multiplied into a province: the city's organisation tree copied as further
counties, each with a copy of the city's mediation, reconsideration and litigation cases and
``enforcement_copies`` copies of its penalty cases (the demo has few; a province has about
100,000). Bulk ``INSERT … SELECT`` statements, one per table and county, on SQLite and
PostgreSQL alike: a county's copy keeps every value but the ids (shifted by a per-county
offset), the unique numbers (suffixed) and the name (prefixed).

Only for a scratch database: ``run.py --province`` copies the SQLite file, or creates a
PostgreSQL database from the given one as template, before multiplying.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection, transaction

ID_STEP = 1_000_000  # every demo id is below this
COPIES_PER_COUNTY = 32  # id room for enforcement copies within one county's offset


def _table(label: str):
    return apps.get_model(label)._meta


def _columns(label: str) -> list[str]:
    return [f.column for f in _table(label).concrete_fields]


def _insert(label: str, overrides: dict[str, str], where: str, params: list) -> int:
    meta = _table(label)
    columns = _columns(label)
    select = ", ".join(overrides.get(column, column) for column in columns)
    sql = (
        f"INSERT INTO {meta.db_table} ({', '.join(columns)}) "
        f"SELECT {select} FROM {meta.db_table} WHERE {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def multiply(counties: int, enforcement_copies: int, *, start: int = 2, echo=print) -> None:
    """Adds copies ``start``…``counties`` of the demo city (the city itself is county 1)."""
    from fazhi.core.models import Organization

    city = Organization.objects.filter(kind="city_government").order_by("path").first()
    assert city is not None, "no demo city"
    segment = len(city.path)  # "00000001/": fixed-width path segments
    # county k's top-level number follows the demo's last one (courts and others included)
    demo_paths = Organization.objects.filter(pk__lt=ID_STEP).values_list("path", flat=True)
    top = max(int(path[: segment - 1]) for path in demo_paths)
    for label in ("core.Organization", "disputes.MediationCase", "enforcement.PenaltyCase"):
        model = apps.get_model(label)
        biggest = model.objects.filter(pk__lt=ID_STEP).order_by("-pk").values_list("pk", flat=True)
        assert (biggest.first() or 0) < ID_STEP
    in_city = f"path LIKE '{city.path}%%'"  # %% : the statements go with (empty) parameters
    org_in_city = f"organization_id IN (SELECT id FROM core_organization WHERE {in_city})"
    assert enforcement_copies <= COPIES_PER_COUNTY
    for county in range(start, counties + 1):
        offset = county * COPIES_PER_COUNTY * ID_STEP
        prefix = f"{top + county - 1:0{segment - 1}d}/"  # county 2 → the demo's last + 1
        with transaction.atomic():
            _insert(
                "core.Organization",
                {
                    "id": f"id + {offset}",
                    # the city's own parent lies outside the copy: the county hangs there too
                    "parent_id": f"CASE WHEN parent_id IN (SELECT id FROM core_organization "
                    f"WHERE {in_city}) THEN parent_id + {offset} ELSE parent_id END",
                    "path": f"'{prefix}' || substr(path, {segment + 1})",
                    "code": f"code || '-P{county}'",
                    "name": f"'省{county}县' || name",
                },
                f"{in_city} AND id < {ID_STEP}",
                [],
            )
            mediation = _insert(
                "disputes.MediationCase",
                {"id": f"id + {offset}", "organization_id": f"organization_id + {offset}"},
                f"{org_in_city} AND id < {ID_STEP}",
                [],
            )
            respondent_in_city = (
                f"respondent_id IN (SELECT id FROM core_organization WHERE {in_city})"
            )
            _insert(
                "reconsideration.ReconsiderationCase",
                {
                    "id": f"id + {offset}",
                    "organization_id": f"organization_id + {offset}",
                    "respondent_id": f"CASE WHEN {respondent_in_city} "
                    f"THEN respondent_id + {offset} ELSE respondent_id END",
                    "case_no": f"case_no || '-P{county}'",
                },
                f"{org_in_city} AND id < {ID_STEP}",
                [],
            )
            _insert(
                "litigation.LitigationCase",
                {
                    "id": f"id + {offset}",
                    "organization_id": f"organization_id + {offset}",
                    "court_case_no": f"court_case_no || '-P{county}'",
                    "appeal_of_id": "NULL",
                    "origin_reconsideration_id": "CASE WHEN origin_reconsideration_id IN "
                    f"(SELECT id FROM reconsideration_reconsiderationcase WHERE {org_in_city}) "
                    f"THEN origin_reconsideration_id + {offset} ELSE NULL END",
                },
                f"{org_in_city} AND id < {ID_STEP}",
                [],
            )
            penalties = 0
            for copy in range(enforcement_copies):
                penalties += _insert(
                    "enforcement.PenaltyCase",
                    {
                        "id": f"id + {offset + copy * ID_STEP}",
                        "organization_id": f"organization_id + {offset}",
                        "case_number": f"case_number || '-P{county}-{copy}'",
                    },
                    f"{org_in_city} AND id < {ID_STEP}",
                    [],
                )
        if county % 10 == 0 or county == counties:
            echo(
                f"  county {county}/{counties}: +{mediation} mediation, +{penalties} penalty cases"
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics for the planner, on either database
