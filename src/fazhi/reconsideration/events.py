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
    "reconsideration.law_version_set": _("改变适用法律文本"),
    "reconsideration.copy_sent": _("发送申请书副本"),
    "reconsideration.answer_received": _("收到被申请人书面答复"),
    "reconsideration.no_answer": _("被申请人逾期未答复"),
    "reconsideration.abandoned": _("逾期未补正，视为放弃申请"),
    "reconsideration.terminated": _("终止行政复议"),
    "reconsideration.converted": _("转为普通程序"),
    "reconsideration.incidental_started": _("规范性文件附带审查"),
    "reconsideration.incidental_forwarded": _("附带审查转送"),
    "reconsideration.incidental_concluded": _("附带审查办结"),
    "reconsideration.incidental_drafter_notified": _("书面通知制定机关答复"),
    "reconsideration.incidental_drafter_answered": _("制定机关书面答复"),
    "reconsideration.letter_issued": _("制发意见书或建议书"),
    "reconsideration.letter_replied": _("登记整改回复"),
}
