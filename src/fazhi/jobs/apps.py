from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "fazhi.jobs"
    label = "jobs"
    verbose_name = _("后台任务")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from fazhi.core import navigation
        from fazhi.core.navigation import NavItem

        # The jobs list in the workbench menu, for whoever has started one.
        navigation.register(
            "workbench",
            _("工作台"),
            [NavItem("jobs:list", _("后台任务"), shown=lambda user: user.jobs.exists())],
        )
