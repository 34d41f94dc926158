from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = _("年度报告")

    def ready(self) -> None:
        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem, PortalEntry, register_portal
        from fazhi.reports import clocks  # noqa: F401 - registers clocks
        from fazhi.reports.models import AnnualReport, ReportSection

        history.register(AnnualReport, lambda report: report.organization)
        history.register(ReportSection, lambda section: section.report.organization)
        navigation.register(
            "reports",
            _("报告与考核"),
            [NavItem("reports:list", _("年度报告"))],
            order=90,
        )
        register_portal(
            PortalEntry(
                "reports-portal:list",
                _("法治政府建设年度报告"),
                _("查阅已公开的年度报告及指标口径"),
                order=80,
            )
        )
