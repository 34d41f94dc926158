from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = _("人民调解")

    def ready(self) -> None:
        from fazhi.core import history, navigation
        from fazhi.core.models import Role
        from fazhi.core.navigation import NavItem
        from fazhi.disputes.models import (
            FollowUp,
            JudicialConfirmation,
            MediationCase,
            MediationParty,
        )

        history.register(MediationCase, lambda case: case.organization)
        history.register(JudicialConfirmation, lambda confirmation: confirmation.organization)
        history.register(FollowUp, lambda follow_up: follow_up.organization)
        history.register(
            MediationParty,
            lambda party: party.case.organization,
            hidden_fields=frozenset({"id_number"}),
        )
        navigation.register(
            "disputes",
            _("复议调解应诉"),
            [
                NavItem("disputes:cases", _("人民调解")),
                NavItem("disputes:statistics", _("调解统计")),
                NavItem(
                    "disputes:ledger_import",
                    _("导入调解台账"),
                    frozenset({Role.MEDIATOR, Role.JUSTICE_LEGAL_OFFICER, Role.ADMINISTRATOR}),
                ),
            ],
            order=60,
        )
