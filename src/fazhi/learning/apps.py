from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "fazhi.learning"
    label = "learning"
    verbose_name = _("学法考法与普法")

    def ready(self) -> None:
        from fazhi.core import history, navigation
        from fazhi.core.models import Role
        from fazhi.core.navigation import NavItem
        from fazhi.learning import models as m

        for model, organization_of in [
            (m.TrainingRequirement, lambda r: None),
            (m.TrainingSession, lambda s: s.organization),
            (m.Attendance, lambda a: a.session.organization),
            (m.Question, lambda q: q.organization),
            (m.ExamSitting, lambda s: s.organization),
            (m.ExamPaper, lambda p: p.sitting.organization),
            (m.PaperQuestion, lambda q: q.paper.sitting.organization),
            (m.LawReport, lambda r: r.organization),
            (m.CaseSelection, lambda s: s.organization),
            (m.CaseSubmission, lambda s: s.organization),
            (m.JudgeScore, lambda s: s.submission.selection.organization),
            (m.Programme, lambda p: p.organization),
            (m.Episode, lambda e: e.organization),
            (m.DutyItem, lambda d: d.organization),
        ]:
            history.register(model, organization_of)
        staff = frozenset(
            {Role.ADMINISTRATOR, Role.JUSTICE_LEGAL_OFFICER, Role.DEPARTMENT_LEGAL_OFFICER}
        )
        navigation.register(
            "learning",
            _("学法考法"),
            [
                NavItem("learning:sessions", _("学法培训")),
                NavItem("learning:hours", _("年度学时")),
                NavItem("learning:papers", _("我的考试与试卷")),
                NavItem("learning:sittings", _("考试场次"), staff),
                NavItem("learning:questions", _("题库"), staff),
                NavItem("learning:reports", _("述法")),
                NavItem("learning:selections", _("以案释法评选")),
                NavItem("learning:episodes", _("普法栏目")),
                NavItem("learning:duties", _("谁执法谁普法")),
            ],
            order=70,
        )
