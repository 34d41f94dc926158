"""Mediation ledger import: the bulk service vs. registering cases one by one (the baseline).

The demo's 12 297 cases and every county's yearly ledger go through ``mediation_cases_import``
(validation in one pass, ``bulk_create_with_history``). The baseline registers, starts and
concludes each case through the one-case services, as a naive import would. Prints cases per
second for both, and the figures counted afterwards.

    python benchmarks/disputes/run.py [--cases 12297] [--baseline 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    os.environ["FAZHI_VAR_DIR"] = tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=12297)
    parser.add_argument("--baseline", type=int, default=300)
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "src"))
    _setup()
    from django.contrib.auth import get_user_model

    from fazhi.core import indicators
    from fazhi.core import services as core_services
    from fazhi.core.models import Role
    from fazhi.disputes import services
    from fazhi.disputes.models import Outcome, PartyRole
    from fazhi.disputes.services import MediationCaseRow, PartyInput

    admin = core_services.user_create(
        actor=None, username="bench", password="x", roles=[], site_administrator=True
    )
    city = core_services.organization_create(
        actor=admin, code="C", name="市", kind="city_government"
    )
    core_services.role_assign(actor=admin, user=admin, role=Role.ADMINISTRATOR, organization=city)
    admin = get_user_model().objects.get(pk=admin.pk)
    committee = services.mediation_committee_create(
        actor=admin, parent=city, code="C-MC", name="人民调解委员会"
    )
    mediator = core_services.person_create(actor=admin, organization=committee, name="调解员")
    parties = (PartyInput(PartyRole.APPLICANT, "甲"), PartyInput(PartyRole.RESPONDENT, "乙"))
    day = dt.date(2022, 6, 1)
    rows = [
        MediationCaseRow(
            committee_code="C-MC",
            case_no=f"B-{n}",
            kind="neighbour",
            source="application",
            registered_on=day,
            concluded_on=day,
            outcome=Outcome.AGREEMENT_ORAL if n % 150 else Outcome.FAILED,
            mediator_name="调解员",
            parties=parties,
            next_channel="" if n % 150 else "litigation",
        )
        for n in range(args.cases)
    ]
    started = time.perf_counter()
    services.mediation_cases_import(actor=admin, rows=rows)
    bulk = time.perf_counter() - started

    started = time.perf_counter()
    for n in range(args.baseline):
        case = services.mediation_case_register(
            actor=admin,
            committee=committee,
            case_no=f"S-{n}",
            kind="neighbour",
            source="application",
            registered_on=day,
            parties=list(parties),
        )
        services.mediation_case_start(actor=admin, case=case, on=day, mediator=mediator)
        services.mediation_case_conclude(
            actor=admin,
            case=case,
            on=day,
            outcome=Outcome.AGREEMENT_ORAL,
            agreement_terms="双方当场履行完毕。",
        )
    single = time.perf_counter() - started
    figures = {
        key: indicators.evaluate(indicators.get(key), 2022).value
        for key in ("disputes.mediation_cases", "disputes.mediation_successes")
    }
    print(f"bulk import:  {args.cases} cases in {bulk:.1f} s = {args.cases / bulk:.0f} cases/s")
    print(
        f"one by one:   {args.baseline} cases in {single:.1f} s = "
        f"{args.baseline / single:.0f} cases/s (baseline)"
    )
    print(f"figures:      {figures}")


if __name__ == "__main__":
    main()
