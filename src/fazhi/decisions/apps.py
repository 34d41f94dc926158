"""Major administrative decisions: catalog, five procedures, three checks, post-evaluation."""

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem
        from fazhi.decisions import models

        history.register(models.Catalog, lambda catalog: catalog.organization)
        history.register(models.CatalogEntry, lambda entry: entry.organization)
        history.register(models.Decision, lambda decision: decision.organization)
        history.register(models.ProcedureStep, lambda step: step.decision.organization)
        history.register(models.DecisionCheck, lambda check: check.decision.organization)
        history.register(models.PostEvaluation, lambda evaluation: evaluation.decision.organization)
        navigation.register(
            "decisions",
            _("重大行政决策"),
            [
                NavItem("decisions:catalogs", _("决策事项目录")),
                NavItem("decisions:list", _("决策档案")),
            ],
            order=20,
        )

        from django.utils.translation import gettext_lazy as portal_text

        from fazhi.core.navigation import PortalEntry, register_portal

        register_portal(
            PortalEntry(
                "decisions-portal:catalog",
                portal_text("重大行政决策目录"),
                portal_text("年度重大行政决策事项目录及办理进度"),
                order=30,
            )
        )
