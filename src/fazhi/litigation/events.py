"""Domain-event kinds on a lawsuit's timeline, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "litigation_registered": _("登记应诉案件"),
    "litigation_served": _("收到起诉状副本"),
    "defence_filed": _("提交答辩状"),
    "hearing_scheduled": _("安排开庭"),
    "appearance_recorded": _("登记负责人出庭"),
    "litigation_concluded": _("审结"),
    "litigation_appealed": _("上诉"),
    "litigation_final": _("裁判生效"),
}
