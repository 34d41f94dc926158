from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReconsiderationConfig(AppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = _("行政复议")

    def ready(self) -> None:
        from fazhi.core import history, navigation
        from fazhi.core.models import Role
        from fazhi.core.navigation import NavItem
        from fazhi.reconsideration.models import ReconsiderationCase, ReconsiderationLetter

        history.register(
            ReconsiderationCase,
            lambda case: case.organization,
            hidden_fields=frozenset({"applicant_id_number", "applicant_phone"}),
        )
        history.register(ReconsiderationLetter, lambda letter: letter.organization)
        navigation.register(
            "disputes",
            _("复议调解应诉"),
            [
                NavItem("reconsideration:cases", _("行政复议")),
                NavItem(
                    "reconsideration:case_create",
                    _("登记复议申请"),
                    frozenset({Role.RECONSIDERATION_OFFICER, Role.ADMINISTRATOR}),
                ),
            ],
            order=60,
        )

        from django.utils.translation import gettext_lazy as portal_text

        from fazhi.core.navigation import PortalEntry, register_portal

        register_portal(
            PortalEntry(
                "reconsideration-portal:apply",
                portal_text("申请行政复议"),
                portal_text("在线提交行政复议申请"),
                order=50,
            )
        )
