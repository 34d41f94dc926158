"""Domain-event kinds of the inspections app, and their Chinese labels."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "inspections.library_imported": _("导入综合查一次资源库"),
    "inspections.item_added": _("新增检查事项"),
    "inspections.subject_added": _("新增检查对象"),
    "inspections.inspector_added": _("新增检查人员"),
    "inspections.relation_declared": _("申报回避关系"),
    "inspections.scenario_added": _("新增检查场景"),
    "inspections.draw_plan_created": _("拟定双随机抽查计划"),
    "inspections.seed_committed": _("公示随机种子哈希"),
    "inspections.drawn": _("双随机抽取"),
    "inspections.draw_published": _("公开抽查结果"),
    "inspections.joint_plan_proposed": _("生成统筹检查方案"),
    "inspections.visit_moved": _("调整检查日期"),
    "inspections.visit_split": _("拆分联合检查"),
    "inspections.joint_plan_issued": _("下达月度任务单"),
    "inspections.visit_recorded": _("登记检查结果"),
    "inspections.visit_file_added": _("检查附件存证"),
    "inspections.handed_over": _("移交立案"),
    "inspections.visit_closed": _("检查办结"),
}
