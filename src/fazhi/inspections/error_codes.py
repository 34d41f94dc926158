"""Stable error codes of the inspections app; tests assert these, not the wording."""

from enum import StrEnum


class InspectionErrorCode(StrEnum):
    REQUIRED = "required"
    INVALID = "invalid"
    INVALID_CREDIT_CODE = "invalid_credit_code"
    DUPLICATE = "duplicate"
    INVALID_TRANSITION = "invalid_transition"
    RATIO_OVER_100 = "ratio_over_100"
    EMPTY_POOL = "empty_pool"
    NOT_CERTIFIED = "not_certified"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    SEED_MISMATCH = "seed_mismatch"
    SCHEDULE_INFEASIBLE = "schedule_infeasible"
    NO_TASKS = "no_tasks"
    NOT_IN_PLAN = "not_in_plan"
    HANDOVER_NEEDS_ITEM = "handover_needs_item"
    RESULTS_MISSING = "results_missing"
