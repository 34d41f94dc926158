from django.apps import AppConfig


class NormdocsConfig(AppConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import history, navigation
        from fazhi.core.models import Role
        from fazhi.core.navigation import NavItem
        from fazhi.normdocs.models import (
            Inspection,
            JointReview,
            LegalityReview,
            NormativeDocument,
            ReviewType,
        )

        history.register(NormativeDocument, lambda document: document.organization)
        history.register(JointReview, lambda review: review.document.organization)
        history.register(LegalityReview, lambda review: review.document.organization)
        history.register(ReviewType, lambda review_type: review_type.owner_unit)
        history.register(Inspection, lambda inspection: inspection.organization)
        staff = frozenset(
            {
                Role.DRAFTER,
                Role.DEPARTMENT_LEGAL_OFFICER,
                Role.JUSTICE_LEGAL_OFFICER,
                Role.SUPERVISOR,
                Role.LEADER,
            }
        )
        reviewers = frozenset({Role.DEPARTMENT_LEGAL_OFFICER, Role.JUSTICE_LEGAL_OFFICER})
        navigation.register(
            "normdocs",
            _("规范性文件"),
            [
                NavItem("normdocs:list", _("文件管理"), staff),
                NavItem("normdocs:review_queue", _("待我审查"), reviewers),
                NavItem("normdocs:reminders", _("到期与备案提醒"), staff),
                NavItem("normdocs:inspections", _("专项检查"), staff),
                NavItem("normdocs:review_types", _("联合审查类型"), staff),
            ],
            order=15,
        )

        from django.utils.translation import gettext_lazy as portal_text

        from fazhi.core.navigation import PortalEntry, register_portal

        register_portal(
            PortalEntry(
                "normdocs-portal:database",
                portal_text("规范性文件库"),
                portal_text("查询本市已发布的行政规范性文件及其有效状态"),
                order=20,
            )
        )

        from fazhi.core.tasks import register_daily

        # The services (and python-docx behind them) load when the sweep runs, not at start-up.
        def evaluation_reminders(today):
            from fazhi.normdocs.services import evaluation_reminders_raise

            return evaluation_reminders_raise(today=today)

        def competition_sunsets(today):
            from fazhi.normdocs.services import competition_sunset_reminders_raise

            return competition_sunset_reminders_raise(today=today)

        register_daily("normdocs.evaluation_reminders", evaluation_reminders)
        register_daily("normdocs.competition_sunsets", competition_sunsets)
