"""``fazhi inspections redraw PLAN [--seed SEED]``: recompute a 双随机 draw from what is public.

Reads the plan's published inputs and revealed seed (or the seed given), checks the seed
against the hash published before the draw, recomputes the draw and prints the subjects and
inspector pseudonyms, or where they differ from the published result. Writes nothing; exit 0
when the draw is reproduced, 1 otherwise.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from fazhi.core.errors import ApplicationError
from fazhi.inspections import selectors, services


class Command(BaseCommand):
    help = "综合查一次 tools: `redraw PLAN` recomputes a random draw from its published inputs."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        redraw = sub.add_parser(
            "redraw", help="recompute a draw and compare with the published one"
        )
        redraw.add_argument("plan", help="the plan number (海双随机〔2026〕1号) or id")
        redraw.add_argument("--seed", help="the seed to use instead of the revealed one")

    def handle(self, *args, action: str, plan: str, seed: str | None = None, **options):
        found = selectors.draw_plan_by_number(plan)
        if found is None:
            self.stderr.write(self.style.ERROR(_("找不到抽查计划：%(plan)s") % {"plan": plan}))
            raise SystemExit(1)
        try:
            verification = services.draw_verify(plan=found, seed=seed)
        except ApplicationError as error:
            self.stderr.write(self.style.ERROR(error.message))
            raise SystemExit(1) from None
        self.stdout.write(
            _("计划 %(no)s：种子哈希 %(hash)s 与公示一致。")
            % {"no": found.number, "hash": found.seed_sha256}
        )
        for row in verification.result:
            self.stdout.write(f"{row['subject']}  {'、'.join(row['inspectors'])}")
        if verification.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    _("复算结果与公开结果一致（%(count)s 户）。")
                    % {"count": len(verification.result)}
                )
            )
            return
        for line in verification.lines:
            self.stdout.write(self.style.ERROR(line))
        raise SystemExit(1)
