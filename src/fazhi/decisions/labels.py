"""Chinese names of the five procedures and the three checks, for messages, pages and exports."""

from django.utils.translation import gettext_lazy as _

from fazhi.decisions.domain import CheckKind, StepKind

STEP_LABELS = {
    StepKind.PUBLIC_PARTICIPATION: _("公众参与"),
    StepKind.EXPERT_ARGUMENTATION: _("专家论证"),
    StepKind.RISK_ASSESSMENT: _("风险评估"),
    StepKind.LEGALITY_REVIEW: _("合法性审查"),
    StepKind.COLLECTIVE_DISCUSSION: _("集体讨论决定"),
}
CHECK_LABELS = {
    CheckKind.SELF_CHECK: _("承办部门自查"),
    CheckKind.LEGAL_AGENCY_CHECK: _("法制机构再查"),
    CheckKind.LEGAL_ADVISER_CHECK: _("法律顾问协查"),
}
