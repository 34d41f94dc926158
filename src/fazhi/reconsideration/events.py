"""Domain-event kinds on a reconsideration case's timeline, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "reconsideration.received": _("收到复议申请"),
    "reconsideration.correction_requested": _("通知补正"),
    "reconsideration.correction_received": _("收到补正材料"),
    "reconsideration.not_accepted": _("决定不予受理"),
    "reconsideration.accepted": _("受理"),
    "reconsideration.hearing_held": _("听证"),
    "reconsideration.period_extended": _("延长审理期限"),
    "reconsideration.suspended": _("中止审理"),
    "reconsideration.resumed": _("恢复审理"),
    "reconsideration.decided": _("作出复议决定"),
    "reconsideration.mediated": _("调解结案"),
    "reconsideration.withdrawn": _("撤回申请"),
    "reconsideration.dismissed": _("驳回复议申请"),
    "reconsideration.served": _("送达"),
    "reconsideration.letter_issued": _("制发意见书或建议书"),
    "reconsideration.letter_replied": _("登记整改回复"),
}
