from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    label = "inspections"
    verbose_name = _("综合查一次")

    def ready(self) -> None:
        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem, PortalEntry, register_portal
        from fazhi.inspections import models

        history.register(models.InspectionItem, lambda item: item.organization)
        history.register(models.DrawPlan, lambda plan: plan.organization)
        history.register(models.JointPlan, lambda plan: plan.organization)
        history.register(models.Visit, lambda visit: visit.lead)
        navigation.register(
            "inspections",
            _("综合查一次"),
            [
                NavItem("inspections:items", _("检查事项库")),
                NavItem("inspections:subjects", _("检查对象库")),
                NavItem("inspections:draws", _("双随机抽查")),
                NavItem("inspections:task_create", _("登记检查任务")),
                NavItem("inspections:joint_plans", _("统筹检查计划")),
                NavItem("inspections:visits", _("入企检查")),
            ],
            order=45,
        )
        register_portal(
            PortalEntry(
                "inspections-portal:draws",
                _("双随机抽查公示"),
                _("抽查计划、随机种子与抽查结果"),
                order=40,
            )
        )
