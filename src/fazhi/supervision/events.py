"""Domain-event kinds of enforcement supervision, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "supervision.supervisor_appointed": _("聘任特邀行政执法监督员"),
    "supervision.supervisor_dismissed": _("解聘特邀行政执法监督员"),
    "supervision.campaign_started": _("启动专项监督"),
    "supervision.campaign_closed": _("结束专项监督"),
    "supervision.case_file_evaluated": _("案卷评查"),
    "supervision.notice_issued": _("制发监督通知书"),
    "supervision.notice_responded": _("反馈整改情况"),
    "supervision.notice_closed": _("监督通知办结"),
    "supervision.accountability_recorded": _("登记责任追究"),
}
