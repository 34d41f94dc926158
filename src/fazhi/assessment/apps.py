from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "fazhi.assessment"
    label = "assessment"
    verbose_name = _("法治建设考核")

    def ready(self) -> None:
        from fazhi.assessment import clocks  # noqa: F401 - registers the objection period
        from fazhi.assessment.models import Assessment
        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem

        history.register(Assessment, lambda assessment: assessment.organization)
        navigation.register(
            "reports",
            _("报告与考核"),
            [NavItem("assessment:index", _("法治建设考核"))],
            order=90,
        )
