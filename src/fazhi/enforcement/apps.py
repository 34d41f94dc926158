from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import history, navigation
        from fazhi.core.models import Role
        from fazhi.core.navigation import NavItem
        from fazhi.enforcement.models import (
            BenchmarkRow,
            Commitment,
            EnforcementCertificate,
            EnforcementItem,
            ExemptionItem,
            ItemDelegation,
            PenaltyCase,
        )

        history.register(
            PenaltyCase, lambda case: case.organization, frozenset({"party_id_number"})
        )
        from fazhi.enforcement.domain import CIRCUMSTANCE_LABELS
        from fazhi.enforcement.models import PenaltyKind

        kinds = {str(value): label for value, label in PenaltyKind.choices}
        history.register_value_labels(PenaltyCase, "penalty_kinds", kinds)
        history.register_value_labels(PenaltyCase, "intended_kinds", kinds)
        history.register_value_labels(
            PenaltyCase, "circumstances", {str(k): v for k, v in CIRCUMSTANCE_LABELS.items()}
        )
        history.register(EnforcementItem, lambda item: item.organization)
        history.register(ItemDelegation, lambda delegation: delegation.organization)
        history.register(ExemptionItem, lambda exemption: None)
        history.register(
            Commitment, lambda commitment: commitment.organization, frozenset({"party_id_number"})
        )
        history.register(BenchmarkRow, lambda row: row.item.organization)
        history.register(EnforcementCertificate, lambda c: c.person.organization)

        from fazhi.core.tasks import register_daily
        from fazhi.enforcement.tasks import certificates_lapse

        register_daily("enforcement.certificates_lapse", certificates_lapse)
        navigation.register(
            "enforcement",
            _("行政执法"),
            [
                NavItem("enforcement:cases", _("处罚案件")),
                NavItem("enforcement:items", _("处罚事项目录")),
                NavItem("enforcement:exemptions", _("免罚清单")),
                NavItem("enforcement:commitments", _("告知承诺")),
                NavItem("enforcement:summary", _("当场处罚")),
                NavItem(
                    "enforcement:certificates",
                    _("行政执法证"),
                    frozenset(
                        {
                            Role.ADMINISTRATOR,
                            Role.JUSTICE_LEGAL_OFFICER,
                            Role.DEPARTMENT_LEGAL_OFFICER,
                        }
                    ),
                ),
                NavItem(
                    "enforcement:consistency",
                    _("类案同罚分析"),
                    frozenset({Role.SUPERVISOR, Role.JUSTICE_LEGAL_OFFICER, Role.LEADER}),
                ),
            ],
            order=40,
        )

        from django.utils.translation import gettext_lazy as portal_text

        from fazhi.core.navigation import PortalEntry, register_portal

        register_portal(
            PortalEntry(
                "enforcement_portal:exemptions",
                portal_text("轻微违法免罚清单"),
                portal_text("按日期查询有效的轻微违法行为不予处罚事项"),
                order=40,
            )
        )
        register_portal(
            PortalEntry(
                "enforcement_portal:publicity",
                portal_text("行政处罚公示"),
                portal_text("行政处罚决定公示（已去除个人信息）"),
                order=41,
            )
        )
