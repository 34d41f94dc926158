"""Every write of the inspections app (one module per part; all re-exported here)."""

from fazhi.inspections.services.draws import (
    Verification,
    draw_commit,
    draw_plan_create,
    draw_publish,
    draw_run,
    draw_verify,
    ratios_from,
)
from fazhi.inspections.services.library import (
    inspector_add,
    inspectors_import,
    item_add,
    items_import,
    library_import_xlsx,
    relation_declare,
    resolve_basis,
    scenario_add,
    subject_add,
    subjects_import,
)
from fazhi.inspections.services.plans import (
    joint_plan_issue,
    joint_plan_propose,
    supervision_task_add,
    task_add,
    visit_move,
    visit_split,
)
from fazhi.inspections.services.visits import visit_close, visit_file_add, visit_record

__all__ = [
    "Verification",
    "draw_commit",
    "draw_plan_create",
    "draw_publish",
    "draw_run",
    "draw_verify",
    "inspector_add",
    "inspectors_import",
    "item_add",
    "items_import",
    "joint_plan_issue",
    "joint_plan_propose",
    "library_import_xlsx",
    "ratios_from",
    "relation_declare",
    "resolve_basis",
    "scenario_add",
    "subject_add",
    "subjects_import",
    "supervision_task_add",
    "task_add",
    "visit_close",
    "visit_file_add",
    "visit_move",
    "visit_record",
    "visit_split",
]
