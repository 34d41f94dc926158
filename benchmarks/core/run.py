"""Scope filtering at scale: materialised-path prefix vs. walking the tree (the baseline).

Every list in fazhi is filtered to "the user's organisation and everything under it". fazhi does
it with one indexed ``path LIKE 'prefix%'`` join; the usual alternative walks the tree level by
level to collect descendant ids and filters with ``IN``. This prints both, at growing sizes, for
a town-level user (about 1/12 of the rows) and for the city (all rows), plus the due-clock query.

    python benchmarks/core/run.py [--sizes 10000,100000]   # BENCH_DATABASE_URL for PostgreSQL
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time


def _setup(database_url: str | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _build_tree() -> list:
    """12 towns × 12 villages × 18 groups under one city; returns the village groups."""
    from django.db import transaction

    from fazhi.core.models import Organization, path_segment

    with transaction.atomic():
        city = Organization.objects.create(code="C", name="市", kind="city_government")
        city.path = path_segment(city.pk)
        city.save()
        leaves: list[Organization] = []
        for t in range(12):
            town = Organization.objects.create(
                code=f"T{t}", name=f"镇{t}", kind="town", parent=city, depth=1
            )
            town.path = city.path + path_segment(town.pk)
            town.save()
            for v in range(12):
                village = Organization.objects.create(
                    code=f"T{t}V{v}", name="村", kind="village", parent=town, depth=2
                )
                village.path = town.path + path_segment(village.pk)
                village.save()
                groups = [
                    Organization(
                        code=f"T{t}V{v}G{g}",
                        name="组",
                        kind="village_group",
                        parent=village,
                        depth=3,
                    )
                    for g in range(18)
                ]
                Organization.objects.bulk_create(groups)
                for group in groups:
                    group.path = village.path + path_segment(group.pk)
                Organization.objects.bulk_update(groups, ["path"])
                leaves.extend(groups)
    return leaves


def _grow(leaves: list, have: int, people: int) -> None:
    """Add people and clocks (spread over the village groups) up to ``people`` of each."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from fazhi.core.models import Clock, Organization, Person

    start = dt.date(2022, 1, 3)
    content_type = ContentType.objects.get_for_model(Organization)
    with transaction.atomic():
        Person.objects.bulk_create(
            [
                Person(name=f"人{i}", organization=leaves[i % len(leaves)])
                for i in range(have, people)
            ],
            batch_size=5000,
        )
        Clock.objects.bulk_create(
            [
                Clock(
                    clock_type="bench",
                    content_type=content_type,
                    object_id=str(i),
                    label="x",
                    organization=leaves[i % len(leaves)],
                    start_date=start,
                    due_date=start + dt.timedelta(days=i % 365),
                )
                for i in range(have, people)
            ],
            batch_size=5000,
        )


def _walk_ids(root) -> list[int]:
    from fazhi.core.models import Organization

    ids, frontier = [root.pk], [root.pk]
    while frontier:
        frontier = list(
            Organization.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def _best(fn, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        begin = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - begin)
    return min(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    _setup(os.environ.get("BENCH_DATABASE_URL"))
    from django.db import connection

    from fazhi.core.models import Clock, Organization, Person

    print(f"database: {connection.vendor}")
    print(
        f"{'people':>8} {'scope':>5} {'path join ms':>15} {'path IN ms':>13} {'tree walk ms':>13} {'rows':>7} {'due clocks ms':>14}"
    )
    leaves, have = _build_tree(), 0
    for size in sorted(int(s) for s in args.sizes.split(",")):
        _grow(leaves, have, size)
        have = size
        for label, root in (
            ("town", Organization.objects.get(code="T3")),
            ("city", Organization.objects.get(code="C")),
        ):
            prefix_ms, count = _best(
                lambda root=root: Person.objects.filter(
                    organization__path__startswith=root.path
                ).count()
            )
            subquery_ms, sub_count = _best(
                lambda root=root: Person.objects.filter(
                    organization__in=Organization.objects.filter(path__startswith=root.path)
                ).count()
            )
            walk_ms, walk_count = _best(
                lambda root=root: Person.objects.filter(organization_id__in=_walk_ids(root)).count()
            )
            assert count == walk_count == sub_count
            due_ms, _ = _best(
                lambda root=root: Clock.objects.filter(
                    organization__path__startswith=root.path,
                    status="running",
                    due_date__lte=dt.date(2022, 3, 1),
                ).count()
            )
            print(
                f"{size:>8} {label:>5} {prefix_ms:>15.2f} {subquery_ms:>13.2f}"
                f" {walk_ms:>13.2f} {count:>7} {due_ms:>14.2f}"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
