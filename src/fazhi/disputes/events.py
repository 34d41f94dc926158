"""Domain-event kinds on a mediation case's timeline, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "mediation_registered": _("登记调解申请"),
    "mediation_applied_online": _("当事人网上申请调解"),
    "mediation_referred": _("其他部门移交调解"),
    "mediation_started": _("开始调解"),
    "mediation_concluded": _("调解终结"),
    "confirmation_applied": _("申请司法确认"),
    "confirmation_decided": _("司法确认裁定"),
    "follow_up_recorded": _("回访"),
    "mediation_ledger_imported": _("导入调解台账"),
}
