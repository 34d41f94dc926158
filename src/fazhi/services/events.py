"""Domain-event kinds of the services app, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "services.one_thing_published": _("发布一件事"),
    "services.application_submitted": _("提交一件事申请"),
    "services.part_done": _("部门办结"),
    "services.part_refused": _("部门不予办理"),
    "services.application_closed": _("一件事办结"),
    "services.evaluated": _("好差评"),
    "services.rectification_opened": _("差评启动整改"),
    "services.rectification_done": _("差评整改反馈"),
    "services.certificate_item_saved": _("登记证明事项"),
    "services.verification_requested": _("发出核验请求"),
    "services.verification_answered": _("答复核验请求"),
    "services.commitment_recorded": _("记录告知承诺"),
    "services.commitment_checked": _("承诺核查"),
    "services.commitment_breach_handled": _("失信处理"),
    "services.notary_item_saved": _("登记公证事项"),
    "services.certificate_registered": _("登记公证书"),
    "services.will_registered": _("遗嘱登记"),
    "services.will_revoked": _("登记遗嘱撤回"),
    "services.estate_submitted": _("提交遗产查询申请"),
    "services.estate_accepted": _("受理并发出查询请求"),
    "services.inquiry_answered": _("查询请求答复"),
    "services.estate_settled": _("继承人协商一致"),
    "services.estate_referred": _("移交人民调解"),
}
