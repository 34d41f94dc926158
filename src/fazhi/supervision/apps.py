from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "执法监督"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import history, navigation
        from fazhi.core.models import Role
        from fazhi.core.navigation import NavItem
        from fazhi.supervision.models import (
            AccountabilityRecord,
            Campaign,
            SpecialSupervisor,
            SupervisionNotice,
        )

        history.register(SupervisionNotice, lambda notice: notice.organization)
        history.register(Campaign, lambda campaign: campaign.organization)
        history.register(SpecialSupervisor, lambda supervisor: supervisor.organization)
        history.register(AccountabilityRecord, lambda record: record.organization)
        supervising = frozenset({Role.SUPERVISOR, Role.JUSTICE_LEGAL_OFFICER, Role.LEADER})
        navigation.register(
            "supervision",
            _("执法监督"),
            [
                NavItem("supervision:dashboard", _("监督工作台"), supervising),
                NavItem("supervision:notices", _("监督通知书")),
                NavItem("supervision:accountability", _("过错责任追究")),
                NavItem("supervision:supervisors", _("特邀监督员"), supervising),
                NavItem("supervision:campaigns", _("监督活动"), supervising),
            ],
            order=41,
        )
