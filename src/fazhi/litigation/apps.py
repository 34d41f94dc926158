from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LitigationConfig(AppConfig):
    name = "fazhi.litigation"
    label = "litigation"
    verbose_name = _("行政应诉")

    def ready(self) -> None:
        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem
        from fazhi.litigation.models import LitigationCase, LitigationHearing

        history.register(
            LitigationCase,
            lambda case: case.organization,
            hidden_fields=frozenset({"plaintiff_id_number"}),
        )
        history.register(LitigationHearing, lambda hearing: hearing.organization)
        navigation.register(
            "disputes",
            _("复议调解应诉"),
            [NavItem("litigation:cases", _("行政应诉"))],
            order=60,
        )
