"""Domain-event kinds on an annual report's timeline, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "reports.created": _("创建年度报告"),
    "reports.draft_generated": _("生成报告初稿"),
    "reports.section_updated": _("修改报告章节"),
    "reports.review_started": _("提交内部审核"),
    "reports.commented": _("提出审核意见"),
    "reports.returned": _("退回修改"),
    "reports.approved": _("主要负责人批准（冻结数据）"),
    "reports.submitted": _("报送"),
    "reports.published": _("向社会公开"),
}
