"""``fazhi enforcement <task>``: the catalog administrator's settings that have no page.

- ``load-exemptions``: load the Zhejiang rows of the exemption-list sample
  (``shared/data/catalogs/minor_violations_sample.csv``) as in force from a date;
- ``hearing-threshold``: set the "large fine" from which a hearing must be offered;
- ``legal-reviewer``: register a user as a 法制审核 reviewer with their qualification.

Each runs as a named user (``--actor``) through the same services and role checks as a page.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core.errors import ApplicationError
from fazhi.core.models import Organization
from fazhi.enforcement import services


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期无效：{value}（应为 YYYY-MM-DD）") from None


class Command(BaseCommand):
    help = "行政执法目录设置：载入免罚清单样本、设置听证标准、登记法制审核人员。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--actor", required=True, help="办理人用户名")
        tasks = parser.add_subparsers(dest="task", required=True)
        load = tasks.add_parser("load-exemptions")
        load.add_argument("--effective-from", required=True)
        load.add_argument("--prefix", default="ZJ")
        threshold = tasks.add_parser("hearing-threshold")
        threshold.add_argument("--party-type", required=True, choices=["citizen", "organization"])
        threshold.add_argument("--min-amount", required=True)
        threshold.add_argument("--source", required=True)
        reviewer = tasks.add_parser("legal-reviewer")
        reviewer.add_argument("--username", required=True)
        reviewer.add_argument("--organization", required=True, help="单位编码")
        reviewer.add_argument("--qualification-number", required=True)
        reviewer.add_argument("--qualified-on", required=True)

    def handle(self, *args, **options) -> None:
        users = get_user_model().objects
        actor = users.filter(username=options["actor"]).first()
        if actor is None:
            raise CommandError(f"用户不存在：{options['actor']}")
        try:
            self._run(actor, options)
        except ApplicationError as error:
            raise CommandError(f"{error.field or ''} {error.message}".strip()) from None

    def _run(self, actor, options) -> None:
        task = options["task"]
        if task == "load-exemptions":
            added = services.exemptions_load_sample(
                actor=actor,
                effective_from=_date(options["effective_from"]),
                prefix=options["prefix"],
            )
            self.stdout.write(f"已载入免罚清单事项 {added} 项。")
        elif task == "hearing-threshold":
            try:
                amount = Decimal(options["min_amount"])
            except InvalidOperation:
                raise CommandError("金额无效。") from None
            threshold = services.hearing_threshold_set(
                actor=actor,
                party_type=options["party_type"],
                min_amount=amount,
                source=options["source"],
            )
            self.stdout.write(f"听证标准：{threshold}")
        else:
            user = users_get(options["username"])
            organization = Organization.objects.filter(code=options["organization"]).first()
            if organization is None:
                raise CommandError(f"单位编码不存在：{options['organization']}")
            reviewer = services.legal_reviewer_register(
                actor=actor,
                user=user,
                organization=organization,
                qualification_number=options["qualification_number"],
                qualified_on=_date(options["qualified_on"]),
            )
            self.stdout.write(f"已登记法制审核人员：{reviewer}")


def users_get(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"用户不存在：{username}")
    return user
