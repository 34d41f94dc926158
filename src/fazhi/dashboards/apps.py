from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "fazhi.dashboards"
    label = "dashboards"
    verbose_name = _("领导驾驶舱")

    def ready(self) -> None:
        from fazhi.core import navigation
        from fazhi.core.navigation import NavItem
        from fazhi.dashboards import cache_keys

        cache_keys.connect()

        navigation.register(
            "reports",
            _("报告与考核"),
            [NavItem("dashboards:index", _("领导驾驶舱"))],
            order=90,
        )
