"""Dated rule sets of administrative reconsideration, as data (in the manner of OpenFisca's
dated parameters): each rule value has the days it governs and the article it comes from.

The date that governs a case is the day the reconsideration body received the application
(spec rules-reconsideration-2017 §0): 2018-01-01 … 2023-12-31 → the 2017 law and the 2007
regulation; from 2024-01-01 → the 2023 law. A case pending on 2024-01-01 may be moved to the
other rule set by a per-case override with a reason (the 2023 law has no transitional article).

Points the texts do not settle (UNCONFIRMED) are values like any other, marked with their
source; a deployment changes them in ``settings.FAZHI_RECONSIDERATION_RULES`` as
``{"<version>.<key>": value}`` (confirmed values cannot be overridden there).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from fazhi.core.domain.calendar import DayBasis

V2017 = "2017"
V2023 = "2023"
SPEC_2017 = "shared/spec/rules-reconsideration-2017.md"
SPEC_2023 = "shared/spec/rules-enforcement-disputes.md §3"


@dataclass(frozen=True)
class LawVersion:
    """One rule set: the texts it follows and the receipt dates it governs (inclusive)."""

    key: str
    label: str
    effective_from: dt.date
    effective_to: dt.date | None


VERSIONS: tuple[LawVersion, ...] = (
    LawVersion(
        V2017,
        "《行政复议法》（2017年修正）及《行政复议法实施条例》",
        dt.date(2018, 1, 1),
        dt.date(2023, 12, 31),
    ),
    LawVersion(V2023, "《行政复议法》（2023年修订）", dt.date(2024, 1, 1), None),
)
# Received before 2018: the 2009 text applied; its procedure is the same as the 2017 one
# except for the staffing rule of art 3 para 2 (spec §0, UNCONFIRMED beyond that).
EARLIEST = V2017
SWITCH_DATE = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class Rule:
    key: str
    version: str
    value: Any
    article: str  # the article of the version that gives the value
    confirmed: bool = True
    source: str = ""  # where an UNCONFIRMED value comes from


L17 = "《行政复议法》（2017）"
R07 = "《行政复议法实施条例》"
L23 = "《行政复议法》（2023）"

RULES: tuple[Rule, ...] = (
    # Which clock types apply (clocks.py declares both families).
    Rule(
        "clock.acceptance_review",
        V2017,
        "reconsideration.acceptance_review_2017",
        f"{L17}第十七条第一款、第四十条",
    ),
    Rule(
        "clock.acceptance_review",
        V2023,
        "reconsideration.acceptance_review",
        f"{L23}第三十条、第八十八条",
    ),
    Rule(
        "clock.correction_supply",
        V2017,
        "reconsideration.correction_supply_2017",
        f"{R07}第二十九条",
        confirmed=False,
        source=f"{SPEC_2017} R9: the office sets a reasonable period; 10 days assumed",
    ),
    Rule("clock.correction_supply", V2023, "reconsideration.correction_supply", f"{L23}第三十一条"),
    Rule(
        "clock.decision_ordinary",
        V2017,
        "reconsideration.decision_ordinary_2017",
        f"{L17}第三十一条第一款",
    ),
    Rule(
        "clock.decision_ordinary",
        V2023,
        "reconsideration.decision_ordinary",
        f"{L23}第六十二条第一款",
    ),
    Rule(
        "clock.copy_to_respondent",
        V2017,
        "reconsideration.copy_2017",
        f"{L17}第二十三条第一款、第四十条",
    ),
    Rule("clock.copy_to_respondent", V2023, "reconsideration.copy", f"{L23}第四十八条、第八十八条"),
    Rule("clock.answer", V2017, "reconsideration.answer_2017", f"{L17}第二十三条第一款"),
    Rule("clock.answer", V2023, "reconsideration.answer", f"{L23}第四十八条、第八十八条"),
    Rule(
        "clock.copy_simplified",
        V2023,
        "reconsideration.copy_simplified",
        f"{L23}第五十四条、第八十八条",
    ),
    Rule(
        "clock.answer_simplified",
        V2023,
        "reconsideration.answer_simplified",
        f"{L23}第五十四条、第八十八条",
    ),
    Rule(
        "clock.incidental_self", V2017, "reconsideration.incidental_self_2017", f"{L17}第二十六条"
    ),
    Rule("clock.incidental_self", V2023, "reconsideration.incidental_self", f"{L23}第五十六条"),
    Rule(
        "clock.incidental_forward",
        V2017,
        "reconsideration.incidental_forward_2017",
        f"{L17}第二十六条、第四十条",
    ),
    Rule(
        "clock.incidental_forward",
        V2023,
        "reconsideration.incidental_forward",
        f"{L23}第五十六条、第八十八条",
    ),
    Rule(
        "clock.incidental_receiving",
        V2017,
        "reconsideration.incidental_receiving_2017",
        f"{L17}第二十六条",
    ),
    Rule(
        "clock.incidental_receiving",
        V2023,
        "reconsideration.incidental_receiving",
        f"{L23}第六十条",
    ),
    # 2023 only: the drafter is asked within 3 working days and answers within 10 (art 58);
    # the 2017 texts have no such step (spec 2017 §7).
    Rule(
        "clock.incidental_drafter_notice",
        V2023,
        "reconsideration.incidental_drafter_notice",
        f"{L23}第五十八条第一款、第八十八条",
    ),
    Rule(
        "clock.incidental_drafter_answer",
        V2023,
        "reconsideration.incidental_drafter_answer",
        f"{L23}第五十八条第一款、第八十八条",
    ),
    # Acceptance: deemed from receipt by the office (2017) or from the end of the review (2023).
    Rule("acceptance.deemed_from", V2017, "receipt", f"{L17}第十七条第二款"),
    Rule("acceptance.deemed_from", V2023, "review_end", f"{L23}第三十条第二款"),
    # Whether receipt by another unit of the same body counts as receipt by the office.
    Rule(
        "acceptance.receipt_by_other_unit_counts",
        V2017,
        True,
        f"{L17}第十七条第二款",
        confirmed=False,
        source=f"{SPEC_2017} R7",
    ),
    # Correction time and deemed acceptance (Reg 29): the days between notice and materials
    # are excluded from the decision period.
    Rule(
        "correction.excluded_from_period",
        V2017,
        True,
        f"{R07}第二十九条",
        confirmed=False,
        source=f"{SPEC_2017} R9 (recommended reading)",
    ),
    Rule(
        "correction.notice_basis",
        V2017,
        DayBasis.WORKING,
        f"{R07}第二十九条",
        confirmed=False,
        source=f"{SPEC_2017} §0 day counting",
    ),
    Rule("correction.notice_days", V2017, 5, f"{R07}第二十九条"),
    Rule("correction.notice_days", V2023, 5, f"{L23}第三十一条第一款"),
    # Procedures.
    Rule("procedure.simplified_allowed", V2017, False, f"{L17}（无简易程序）"),
    Rule("procedure.simplified_allowed", V2023, True, f"{L23}第五十三条"),
    Rule("extension.max_days", V2017, 30, f"{L17}第三十一条第一款"),
    Rule("extension.max_days", V2023, 30, f"{L23}第六十二条第一款"),
    Rule("extension.approver", V2017, "行政复议机关的负责人", f"{L17}第三十一条第一款"),
    Rule("extension.approver", V2023, "行政复议机构的负责人", f"{L23}第六十二条第一款"),
    # Mediation and settlement scope.
    Rule("mediation.scope", V2017, "discretionary_or_compensation", f"{R07}第五十条"),
    Rule("mediation.scope", V2023, "any", f"{L23}第五条、第七十三条"),
    Rule("mediation.requires_suspension", V2017, False, f"{R07}第五十条（无中止情形）"),
    Rule("mediation.requires_suspension", V2023, True, f"{L23}第三十九条第一款第（六）项"),
    Rule("settlement.scope", V2017, "discretionary", f"{R07}第四十条"),
    Rule("settlement.scope", V2023, "any", f"{L23}第七十四条"),
    # Application period.
    Rule("application.period_days", V2017, 60, f"{L17}第九条第一款"),
    Rule("application.period_days", V2023, 60, f"{L23}第二十条第一款"),
    Rule("application.knowledge", V2017, "knew", f"{L17}第九条第一款"),
    Rule("application.knowledge", V2023, "knew_or_should_have", f"{L23}第二十条第一款"),
    Rule("application.obstacle_pauses", V2017, True, f"{L17}第九条第二款"),
    Rule("application.obstacle_pauses", V2023, True, f"{L23}第二十条第二款"),
    Rule(
        "application.rights_not_notified_cap_days",
        V2017,
        None,
        f"{R07}第十七条",
        confirmed=False,
        source=f"{SPEC_2017} R5: no counterpart of 2023 art 20 para 3",
    ),
    Rule("application.rights_not_notified_cap_days", V2023, 365, f"{L23}第二十条第三款"),
    Rule("application.cap_years", V2017, None, f"{L17}（无最长期限）"),
    Rule("application.cap_years", V2023, 5, f"{L23}第二十一条"),
    Rule("application.cap_years_real_property", V2017, None, f"{L17}（无最长期限）"),
    Rule("application.cap_years_real_property", V2023, 20, f"{L23}第二十一条"),
    # No answer from the respondent.
    Rule(
        "no_answer.consequence", V2017, "annul", f"{L17}第二十八条第一款第（四）项；{R07}第四十六条"
    ),
    Rule("no_answer.consequence", V2023, "annul_or_illegal_or_void_or_perform", f"{L23}第七十条"),
    Rule("no_answer.third_party_exception", V2017, False, f"{L17}第二十八条第一款第（四）项"),
    Rule("no_answer.third_party_exception", V2023, True, f"{L23}第七十条"),
    # Suspension and termination.
    Rule(
        "suspension.pauses_period",
        V2017,
        True,
        f"{R07}第四十一条",
        confirmed=False,
        source=f"{SPEC_2017} §4 (clock_paused_days per suspension)",
    ),
    Rule(
        "suspension.pauses_period",
        V2023,
        True,
        f"{L23}第三十九条",
        confirmed=False,
        source=f"{SPEC_2023} §12 item 6",
    ),
    Rule("suspension.article", V2017, f"{R07}第四十一条", f"{R07}第四十一条"),
    Rule("suspension.article", V2023, f"{L23}第三十九条", f"{L23}第三十九条"),
    Rule("termination.article", V2017, f"{L17}第二十五条；{R07}第四十二条", f"{R07}第四十二条"),
    Rule("termination.article", V2023, f"{L23}第四十一条", f"{L23}第四十一条"),
    Rule(
        "suspension.grounds",
        V2017,
        (
            "applicant_death",
            "applicant_ended",
            "applicant_missing",
            "force_majeure",
            "law_interpretation",
            "dependent_case",
            "incidental_review",
            "other",
        ),
        f"{R07}第四十一条；{L17}第二十六条、第二十七条",
    ),
    Rule(
        "suspension.grounds",
        V2023,
        (
            "mediation",
            "applicant_death",
            "applicant_ended",
            "applicant_missing",
            "force_majeure",
            "law_interpretation",
            "dependent_case",
            "incidental_review",
            "other",
        ),
        f"{L23}第三十九条",
    ),
    Rule(
        "termination.grounds",
        V2017,
        ("applicant_died", "applicant_ended", "criminal_detention", "suspension_unresolved"),
        f"{L17}第二十五条；{R07}第四十二条",
    ),
    Rule(
        "termination.grounds",
        V2023,
        ("applicant_died", "applicant_ended", "criminal_measure", "suspension_unresolved"),
        f"{L23}第四十一条",
    ),
    # After conversion from the simplified procedure the ordinary period runs from acceptance.
    Rule(
        "conversion.period_from",
        V2023,
        "acceptance",
        f"{L23}第五十五条",
        confirmed=False,
        source="2023 art 55 is silent on the period after conversion",
    ),
    Rule("termination.unresolved_suspension_days", V2017, 60, f"{R07}第四十二条第二款"),
    Rule("termination.unresolved_suspension_days", V2023, 60, f"{L23}第四十一条"),
)

_BY_KEY: dict[tuple[str, str], Rule] = {(rule.version, rule.key): rule for rule in RULES}


def version_for(received_on: dt.date) -> str:
    """The rule set that governs an application received on ``received_on``."""
    for version in VERSIONS:
        ends = version.effective_to
        if received_on >= version.effective_from and (ends is None or received_on <= ends):
            return version.key
    return EARLIEST


def version_label(key: str) -> str:
    return next(version.label for version in VERSIONS if version.key == key)


def rule(version: str, key: str) -> Rule:
    """The rule ``key`` of ``version`` (KeyError when that version has no such rule)."""
    found = _BY_KEY[(version, key)]
    if not found.confirmed:
        overrides = getattr(settings, "FAZHI_RECONSIDERATION_RULES", {}) or {}
        name = f"{version}.{key}"
        if name in overrides:
            return Rule(
                found.key,
                version,
                overrides[name],
                found.article,
                False,
                f"{found.source}; overridden in settings",
            )
    return found


def value(version: str, key: str) -> Any:
    return rule(version, key).value


def has(version: str, key: str) -> bool:
    return (version, key) in _BY_KEY


def unconfirmed() -> list[Rule]:
    """Every UNCONFIRMED value in force (settings applied), for the docs and the case page."""
    return [rule(r.version, r.key) for r in RULES if not r.confirmed]
