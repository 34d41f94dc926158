from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "fazhi.review"
    label = "review"
    verbose_name = "自动预审"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from fazhi.core import history, navigation
        from fazhi.core.navigation import NavItem
        from fazhi.review.models import ReviewDecision, ReviewFinding, ReviewRun
        from fazhi.review.permissions import DECIDE_ROLES, RUN_ROLES

        history.register(ReviewRun, lambda run: run.organization)
        history.register(ReviewFinding, lambda finding: finding.run.organization)
        history.register(ReviewDecision, lambda decision: decision.finding.run.organization)
        navigation.register(
            "review",
            _("自动预审"),
            [
                NavItem("review:new", _("文本预审"), frozenset(RUN_ROLES)),
                NavItem("review:runs", _("预审记录"), frozenset({*RUN_ROLES, "leader"})),
                NavItem("review:rules", _("规则采纳率"), frozenset({*DECIDE_ROLES, "leader"})),
            ],
            order=61,
        )
