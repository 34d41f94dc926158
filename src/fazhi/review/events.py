"""Domain-event kinds of automatic pre-review, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "review_run": _("自动预审"),
    "finding_accepted": _("采纳预审意见"),
    "finding_dismissed": _("不采纳预审意见"),
}
