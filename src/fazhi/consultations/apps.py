from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "fazhi.consultations"
    label = "consultations"
    verbose_name = "公开征求意见"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.consultations.models import Comment, Consultation
        from fazhi.consultations.procedures import STAFF_ROLES
        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem

        history.register(Consultation, lambda consultation: consultation.organization)
        history.register(
            Comment,
            lambda comment: comment.consultation.organization,
            hidden_fields=frozenset({"name", "contact", "ip_hash"}),
        )
        roles = frozenset(str(role) for role in STAFF_ROLES)
        navigation.register(
            "consultations",
            _("公开征求意见"),
            [
                NavItem("consultations:list", _("征求意见"), roles),
                NavItem("consultations:moderation", _("意见审核"), roles),
            ],
            order=20,
        )

        from django.utils.translation import gettext_lazy as portal_text

        from fazhi.core.navigation import PortalEntry, register_portal

        register_portal(
            PortalEntry(
                "consultations-portal:list",
                portal_text("意见征集"),
                portal_text("参与规范性文件和重大行政决策草案的公开征求意见"),
                order=10,
            )
        )
        register_portal(
            PortalEntry(
                "consultations-portal:status",
                portal_text("意见办理查询"),
                portal_text("凭回执码查询您的意见处理情况"),
                order=11,
            )
        )
