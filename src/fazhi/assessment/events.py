"""Domain-event kinds on an assessment's timeline, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "assessment.scheme_created": _("制定考核方案"),
    "assessment.opened": _("开始考核"),
    "assessment.computed": _("按平台指标计分"),
    "assessment.scored": _("人工评分"),
    "assessment.notified": _("反馈考核结果"),
    "assessment.objected": _("提出异议"),
    "assessment.objection_decided": _("异议复核"),
    "assessment.finalized": _("确定考核结果"),
}
