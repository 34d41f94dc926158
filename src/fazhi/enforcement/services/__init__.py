"""Every write of the enforcement app, one module per area; reads are in ``selectors``.

The names are re-exported here so callers write ``services.case_open`` whatever module holds it.
"""

from fazhi.enforcement.selectors import DiscretionResult, discretion_propose, holds_item, in_force
from fazhi.enforcement.services._base import Party
from fazhi.enforcement.services.benchmarks import (
    benchmark_row_add,
    hearing_threshold_set,
    legal_reviewer_register,
)
from fazhi.enforcement.services.cases import (
    case_collective_discussion,
    case_evidence_add,
    case_extend,
    case_hearing_hold,
    case_hearing_request,
    case_hearing_schedule,
    case_legal_review,
    case_notify,
    case_officer_recuse,
    case_open,
    case_rights_waive,
    case_statement_record,
)
from fazhi.enforcement.services.catalog import (
    ITEM_HEADERS,
    MODE_BY_LABEL,
    ItemRow,
    delegation_withdraw,
    item_delegate,
    items_import,
    items_import_xlsx,
    items_rows_from_xlsx,
)
from fazhi.enforcement.services.certificates import (
    certificate_issue,
    certificate_revoke,
    certificate_training_record,
    certificates_from_people,
    certificates_lapse_departed,
)
from fazhi.enforcement.services.commitments import (
    commitment_convert,
    commitment_file,
    commitment_notify,
    commitment_refuse,
    commitment_sign,
    commitment_verify,
)
from fazhi.enforcement.services.decisions import (
    case_close,
    case_decide,
    case_execute,
    case_payment_record,
    case_publication_withdraw,
    case_publish,
    case_serve,
)
from fazhi.enforcement.services.exemptions import (
    EXEMPTION_FIELDS,
    exemption_add,
    exemption_adjust,
    exemption_repeal,
    exemption_sample_path,
    exemptions_load_sample,
)
from fazhi.enforcement.services.preservation import (
    case_evidence_preserve,
    case_preservation_decide,
    open_preservation,
)
from fazhi.enforcement.services.summary import summary_ceiling, summary_decide, summary_file

__all__ = [
    "EXEMPTION_FIELDS",
    "ITEM_HEADERS",
    "MODE_BY_LABEL",
    "DiscretionResult",
    "ItemRow",
    "Party",
    "benchmark_row_add",
    "case_close",
    "case_collective_discussion",
    "case_decide",
    "case_evidence_add",
    "case_evidence_preserve",
    "case_execute",
    "case_extend",
    "case_hearing_hold",
    "case_hearing_request",
    "case_hearing_schedule",
    "case_legal_review",
    "case_notify",
    "case_officer_recuse",
    "case_open",
    "case_payment_record",
    "case_preservation_decide",
    "case_publication_withdraw",
    "case_publish",
    "case_rights_waive",
    "case_serve",
    "case_statement_record",
    "certificate_issue",
    "certificate_revoke",
    "certificate_training_record",
    "certificates_from_people",
    "certificates_lapse_departed",
    "commitment_convert",
    "commitment_file",
    "commitment_notify",
    "commitment_refuse",
    "commitment_sign",
    "commitment_verify",
    "delegation_withdraw",
    "discretion_propose",
    "exemption_add",
    "exemption_adjust",
    "exemption_repeal",
    "exemption_sample_path",
    "exemptions_load_sample",
    "hearing_threshold_set",
    "holds_item",
    "in_force",
    "item_delegate",
    "items_import",
    "items_import_xlsx",
    "items_rows_from_xlsx",
    "legal_reviewer_register",
    "open_preservation",
    "summary_ceiling",
    "summary_decide",
    "summary_file",
]
