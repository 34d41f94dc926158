"""Domain-event kinds of the law base, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "law_loaded": _("载入法律法规文本"),
    "law_reloaded": _("更新法律法规文本"),
    "law_version_loaded": _("载入法律法规历史文本"),
    "law_repeal_recorded": _("登记法律法规废止"),
}
