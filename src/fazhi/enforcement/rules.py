"""Statutory values of the penalty procedure as dated data (行政处罚法 2021, in force 2021-07-15).

A case uses the rules in force on the day that governs the step (the notice date for the rights
window, the decision date for the hearing threshold, the service date for payment). A later
revision is a new ``PenaltyRules`` row with its own ``effective_from``; no code branches on dates.
Values marked UNCONFIRMED in the spec are kept here with their source so they can be corrected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PenaltyRules:
    effective_from: dt.date
    source: str
    # Working days the party has to state and defend after the notice (art 44-45 give the right,
    # not a number: 3 working days is sector practice, UNCONFIRMED).
    statement_days: int
    statement_source: str
    hearing_request_days: int  # working days, art 64 (i), art 85
    hearing_notice_days: int  # working days before the hearing, art 64 (ii)
    service_days: int  # working days after the decision when the party was absent, art 61
    withdrawal_days: int  # working days to withdraw a publication after annulment, art 48
    payment_days: int  # calendar days from receipt of the decision, art 67
    surcharge_daily_rate: Decimal  # of the fine per day late, capped at the fine, art 72
    preservation_days: int  # working days to decide on preserved evidence, art 56
    summary_max_fine_citizen: Decimal  # summary procedure, art 51
    summary_max_fine_organization: Decimal
    # Art 52 orders the on-the-spot decision filed with the agency but gives no period; the
    # period is sector practice (治安管理处罚法 art 100 says 24 hours for police), UNCONFIRMED.
    summary_filing_days: int
    summary_filing_source: str


RULES: tuple[PenaltyRules, ...] = (
    PenaltyRules(
        effective_from=dt.date(2021, 7, 15),
        source="《中华人民共和国行政处罚法》（2021年修订）",
        statement_days=3,
        statement_source="部门规章通行做法（如市场监管领域），未经原文核实，可调整",
        hearing_request_days=5,
        hearing_notice_days=7,
        service_days=7,
        withdrawal_days=3,
        payment_days=15,
        surcharge_daily_rate=Decimal("0.03"),
        preservation_days=7,
        summary_max_fine_citizen=Decimal(200),
        summary_max_fine_organization=Decimal(3000),
        summary_filing_days=2,
        summary_filing_source="行政处罚法第五十二条未规定期限；2个工作日为通行做法，未经原文核实，可调整",
    ),
)


def rules_on(day: dt.date) -> PenaltyRules:
    """The rules in force on ``day`` (the earliest set for days before any is recorded)."""
    chosen = RULES[0]
    for rules in RULES:
        if rules.effective_from <= day:
            chosen = rules
    return chosen


@dataclass(frozen=True)
class CertificateRules:
    """Enforcement certificates (浙江省综合行政执法条例 art 28: a pass is valid 5 years)."""

    effective_from: dt.date
    source: str
    validity_years: int
    # 国办发〔2023〕27号 is recalled as ≥60 class hours a year (UNCONFIRMED, spec §9, §12 item 8);
    # whether a shortfall suspends the certificate is UNCONFIRMED, so it is off by default.
    annual_training_hours: Decimal
    training_source: str
    suspend_on_training_shortfall: bool


CERTIFICATE_RULES: tuple[CertificateRules, ...] = (
    CertificateRules(
        effective_from=dt.date(2021, 1, 1),
        source="《浙江省综合行政执法条例》第二十八条",
        validity_years=5,
        annual_training_hours=Decimal(60),
        training_source="国办发〔2023〕27号（每人每年不少于60学时，未经原文核实）",
        suspend_on_training_shortfall=False,
    ),
)


def certificate_rules_on(day: dt.date) -> CertificateRules:
    chosen = CERTIFICATE_RULES[0]
    for rules in CERTIFICATE_RULES:
        if rules.effective_from <= day:
            chosen = rules
    return chosen


@dataclass(frozen=True)
class PreservationOutcomeRule:
    """One kind of decision on evidence under 先行登记保存 (行政处罚法 art 56)."""

    outcome: str  # models.PreservationOutcome
    needs_basis: bool  # must cite the law or regulation that allows it (resolved in the law base)
    allowed_after_due: bool  # still open once the 7 working days have run


# Art 56 says only that the agency decides "within 7 days"; it does not list the decisions. The
# kinds below are those of the market-supervision procedure rule (市场监督管理行政处罚程序规定
# 第三十四条, recalled, not in the law base: UNCONFIRMED), kept as data so they can be corrected:
# record/copy, send for testing, a compulsory measure where a law or regulation allows it,
# confiscation where the facts are established, otherwise release. The same rule is recalled as
# lifting the measure by itself when no decision is taken in time, so after the due day only a
# release can be recorded (UNCONFIRMED; ``allowed_after_due``).
PRESERVATION_OUTCOMES_SOURCE = (
    "行政处罚法第五十六条（七日内作出处理决定）；处理决定的种类及逾期自动解除参照"
    "市场监督管理行政处罚程序规定第三十四条，未经原文核实，可调整"
)
PRESERVATION_OUTCOMES: tuple[PreservationOutcomeRule, ...] = (
    PreservationOutcomeRule("release", needs_basis=False, allowed_after_due=True),
    PreservationOutcomeRule("test", needs_basis=False, allowed_after_due=False),
    PreservationOutcomeRule("transfer", needs_basis=False, allowed_after_due=False),
    PreservationOutcomeRule("seize", needs_basis=True, allowed_after_due=False),
    PreservationOutcomeRule("confiscate", needs_basis=True, allowed_after_due=False),
)


def preservation_outcome_rule(outcome: str) -> PreservationOutcomeRule | None:
    return next((r for r in PRESERVATION_OUTCOMES if r.outcome == outcome), None)
