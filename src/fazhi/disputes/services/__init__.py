"""Every write of people's mediation: committees, case transitions and the ledger import.

The case workflow is a small state machine (``CaseStatus``): registered → mediating →
concluded, with judicial confirmation and the follow-up visit recorded after conclusion. A
ledger import (台账) brings in concluded cases in bulk through the same validation.

One module per area; the names are re-exported here so callers (and the procedures'
declared transitions, ``fazhi.disputes.services.<name>``) write ``services.<name>`` whatever
module holds it.
"""

from fazhi.disputes.services._base import (
    MEDIATION_ROLES,
    PartyInput,
)
from fazhi.disputes.services.cases import (
    COMMITTEE_SETUP_ROLES,
    REFERRAL_ROLES,
    mediation_case_conclude,
    mediation_case_refer,
    mediation_case_register,
    mediation_case_start,
    mediation_committee_create,
    mediation_follow_up_record,
)
from fazhi.disputes.services.confirmations import (
    confirmation_clock,
    mediation_confirmation_apply,
    mediation_confirmation_decide,
)
from fazhi.disputes.services.ledger import (
    CHANNEL_BY_LABEL,
    EXAMPLE_CASE_NO,
    KIND_BY_LABEL,
    LEDGER_HEADERS,
    OUTCOME_BY_LABEL,
    SOURCE_BY_LABEL,
    MediationCaseRow,
    ledger_rows_from_sheet,
    mediation_cases_import,
    mediation_cases_import_xlsx,
)
from fazhi.disputes.services.online import (
    ONLINE_SERIES,
    mediation_apply_online,
)

__all__ = [
    "CHANNEL_BY_LABEL",
    "COMMITTEE_SETUP_ROLES",
    "EXAMPLE_CASE_NO",
    "KIND_BY_LABEL",
    "LEDGER_HEADERS",
    "MEDIATION_ROLES",
    "ONLINE_SERIES",
    "OUTCOME_BY_LABEL",
    "REFERRAL_ROLES",
    "SOURCE_BY_LABEL",
    "MediationCaseRow",
    "PartyInput",
    "confirmation_clock",
    "ledger_rows_from_sheet",
    "mediation_apply_online",
    "mediation_case_conclude",
    "mediation_case_refer",
    "mediation_case_register",
    "mediation_case_start",
    "mediation_cases_import",
    "mediation_cases_import_xlsx",
    "mediation_committee_create",
    "mediation_confirmation_apply",
    "mediation_confirmation_decide",
    "mediation_follow_up_record",
]
