"""Law exams: the question bank, sittings, papers drawn per candidate, online answering under a
server-side timer, automatic grading and retakes.

The timer is the server's: ``paper_start`` fixes ``deadline_at`` from the server clock and the
sitting's duration; ``paper_submit`` refuses answers that arrive after it (plus a few seconds'
grace for the network, ``FAZHI_EXAM_GRACE_SECONDS``). A paper left open past its deadline is
collected by staff (``paper_expire``) and scored on what it holds: nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fazhi.core import services as core_services
from fazhi.core.errors import Conflict, ValidationFailed
from fazhi.core.models import Organization
from fazhi.core.scoping import require_change
from fazhi.learning import domain
from fazhi.learning.error_codes import LearningErrorCode as Code
from fazhi.learning.models import (
    ExamKind,
    ExamPaper,
    ExamSitting,
    PaperQuestion,
    PaperStatus,
    Question,
    QuestionKind,
    SittingStatus,
)
from fazhi.learning.procedures import PAPER, ROLES, SITTING
from fazhi.learning.services.common import event, person_by_ref

DEFAULT_GRACE_SECONDS = 10


# --- the bank ------------------------------------------------------------------------------------


@transaction.atomic
def question_create(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    stem: str,
    options: Sequence[str],
    answer: Sequence[str],
    article: int | None = None,
) -> Question:
    """A bank question, tagged (when it tests one) by the law-base article it asks about."""
    from fazhi.lawbase.models import Article

    require_change(actor, organization, roles=ROLES)
    if kind not in QuestionKind.values:
        raise ValidationFailed(Code.INVALID, _("题型无效。"), field="kind")
    if not stem.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写题干。"), field="stem")
    options = [o.strip() for o in options if o.strip()]
    if kind == QuestionKind.TRUE_FALSE:
        options = list(domain.TRUE_FALSE_OPTIONS)
    if len(options) < 2:
        raise ValidationFailed(Code.REQUIRED, _("选择题至少需要两个选项。"), field="options")
    labels = domain.labels_for(options)
    answer = sorted({a.strip().upper() for a in answer if a.strip()})
    if not answer or not set(answer) <= set(labels):
        raise ValidationFailed(
            Code.INVALID,
            _("正确答案应为 %(labels)s 中的选项。") % {"labels": "".join(labels)},
            field="answer",
        )
    if kind != QuestionKind.MULTIPLE and len(answer) != 1:
        raise ValidationFailed(Code.INVALID, _("单选题和判断题只有一个正确答案。"), field="answer")
    if kind == QuestionKind.MULTIPLE and len(answer) < 2:
        raise ValidationFailed(Code.INVALID, _("多选题至少有两个正确答案。"), field="answer")
    article_obj = None
    if article is not None:
        article_obj = Article.objects.filter(pk=getattr(article, "pk", article)).first()
        if article_obj is None:
            raise ValidationFailed(Code.INVALID, _("法规库中没有该条文。"), field="article")
    question = Question.objects.create(
        organization=organization,
        kind=kind,
        stem=stem.strip(),
        options=options,
        answer=answer,
        article=article_obj,
    )
    event(question, "learning.question_created", actor, organization)
    return question


# --- sittings ------------------------------------------------------------------------------------


@transaction.atomic
def sitting_create(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    title: str,
    held_on: dt.date,
    duration_minutes: int,
    question_count: int,
    pass_mark: Decimal,
) -> ExamSitting:
    require_change(actor, organization, roles=ROLES)
    if kind not in ExamKind.values:
        raise ValidationFailed(Code.INVALID, _("考试类型无效。"), field="kind")
    if not title.strip():
        raise ValidationFailed(Code.REQUIRED, _("请填写考试名称。"), field="title")
    if duration_minutes is None or duration_minutes < 1:
        raise ValidationFailed(Code.INVALID, _("答题时长至少一分钟。"), field="duration_minutes")
    if not Decimal(0) <= Decimal(pass_mark) <= Decimal(100):
        raise ValidationFailed(Code.INVALID, _("合格分数线应在0到100之间。"), field="pass_mark")
    available = Question.objects.filter(is_active=True).count()
    if question_count is None or not 1 <= question_count <= available:
        raise ValidationFailed(
            Code.NOT_ENOUGH_QUESTIONS,
            _("题量应在1到题库在用题数（%(n)s）之间。") % {"n": available},
            field="question_count",
        )
    # The seed is derived from what identifies the sitting, so a rebuilt demo draws alike.
    seed = hashlib.sha256(f"{kind}|{title.strip()}|{held_on}".encode()).hexdigest()[:12]
    sitting = ExamSitting.objects.create(
        organization=organization,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        duration_minutes=duration_minutes,
        question_count=question_count,
        pass_mark=pass_mark,
        seed=seed,
    )
    event(sitting, "learning.sitting_created", actor, organization, held_on=held_on)
    return sitting


def _locked_sitting(sitting: ExamSitting) -> ExamSitting:
    return ExamSitting.objects.select_for_update().select_related("organization").get(pk=sitting.pk)


@transaction.atomic
def paper_assign(
    *,
    actor: User,
    sitting: ExamSitting,
    person_ref: str,
    new_post: str = "",
    retake_of: int | None = None,
) -> ExamPaper:
    """Enrol a candidate and draw their paper from the active bank (reproducibly)."""
    sitting = _locked_sitting(sitting)
    SITTING.require(actor, sitting, "enrol")
    person = person_by_ref(person_ref)
    if ExamPaper.objects.filter(sitting=sitting, person=person).exists():
        raise Conflict(Code.ALREADY_ENROLLED, _("该考生已报名本场考试。"), field="person_ref")
    original = None
    if retake_of:
        original = ExamPaper.objects.filter(pk=retake_of).select_related("sitting").first()
        if (
            original is None
            or original.person_id != person.pk
            or original.sitting.kind != sitting.kind
            or original.status != PaperStatus.GRADED
            or original.passed
        ):
            raise ValidationFailed(
                Code.NOT_A_RETAKE,
                _("补考只能针对本人同类考试中已评分且不合格的试卷。"),
                field="retake_of",
            )
    pool = list(Question.objects.filter(is_active=True).values_list("pk", flat=True))
    if len(pool) < sitting.question_count:
        raise ValidationFailed(
            Code.NOT_ENOUGH_QUESTIONS, _("题库在用题数不足以组卷。"), field="question_count"
        )
    paper = ExamPaper.objects.create(
        sitting=sitting,
        person=person,
        organization=person.organization,
        new_post=new_post.strip(),
        retake_of=original,
    )
    drawn = domain.draw(pool, seed=sitting.seed, person_id=person.pk, count=sitting.question_count)
    bulk_create_with_history(
        [
            PaperQuestion(paper=paper, question_id=question_id, position=position)
            for position, question_id in enumerate(drawn, start=1)
        ],
        PaperQuestion,
        default_user=core_services._user_or_none(actor),
    )
    event(paper, "learning.paper_assigned", actor, sitting.organization, sitting=sitting.pk)
    return paper


@transaction.atomic
def sitting_open(*, actor: User, sitting: ExamSitting) -> ExamSitting:
    sitting = _locked_sitting(sitting)
    SITTING.require(actor, sitting, "open")
    sitting.status = SittingStatus.OPEN
    sitting.save(update_fields=["status"])
    event(sitting, "learning.sitting_opened", actor, sitting.organization)
    return sitting


@transaction.atomic
def sitting_close(*, actor: User, sitting: ExamSitting) -> ExamSitting:
    sitting = _locked_sitting(sitting)
    SITTING.require(actor, sitting, "close")
    sitting.status = SittingStatus.CLOSED
    sitting.save(update_fields=["status"])
    event(sitting, "learning.sitting_closed", actor, sitting.organization)
    return sitting


# --- answering -------------------------------------------------------------------------------------


def _locked_paper(paper: ExamPaper) -> ExamPaper:
    return (
        ExamPaper.objects.select_for_update()
        .select_related("sitting__organization", "person")
        .get(pk=paper.pk)
    )


@transaction.atomic
def paper_start(*, actor: User, paper: ExamPaper) -> ExamPaper:
    """The candidate opens the paper: the server clock fixes when it must be handed in."""
    paper = _locked_paper(paper)
    PAPER.require(actor, paper, "start")
    now = timezone.now()
    paper.started_at = now
    paper.deadline_at = now + dt.timedelta(minutes=paper.sitting.duration_minutes)
    paper.status = PaperStatus.ANSWERING
    paper.save(update_fields=["started_at", "deadline_at", "status"])
    event(paper, "learning.paper_started", actor, paper.sitting.organization)
    return paper


def _grade(paper: ExamPaper, given: Mapping[int, list[str]], actor: User, now) -> ExamPaper:
    items = list(paper.items.select_related("question"))
    for item in items:
        item.given = sorted(set(given.get(item.question_id, [])))
        item.correct = domain.is_correct(item.question.answer, item.given)
    bulk_update_with_history(
        items,
        PaperQuestion,
        ["given", "correct"],
        default_user=core_services._user_or_none(actor),
    )
    paper.score = domain.score(sum(1 for i in items if i.correct), len(items))
    paper.passed = paper.score >= paper.sitting.pass_mark
    paper.submitted_at = now
    paper.status = PaperStatus.GRADED
    paper.save(update_fields=["score", "passed", "submitted_at", "status"])
    return paper


@transaction.atomic
def paper_submit(
    *, actor: User, paper: ExamPaper, answers: Mapping[str, Sequence[str]]
) -> ExamPaper:
    """Hand the paper in and grade it; refused after the timer or with an answer to a question
    that is not on this paper (nothing is saved then)."""
    paper = _locked_paper(paper)
    PAPER.require(actor, paper, "submit")
    now = timezone.now()
    grace = dt.timedelta(
        seconds=getattr(settings, "FAZHI_EXAM_GRACE_SECONDS", DEFAULT_GRACE_SECONDS)
    )
    deadline = paper.deadline_at
    assert deadline is not None  # set when the paper was handed out
    if now > deadline + grace:
        raise ValidationFailed(
            Code.TIME_UP,
            _("答题时间已于 %(time)s 截止，交卷未被接受。")
            % {"time": timezone.localtime(deadline).strftime("%H:%M:%S")},
            field="deadline_at",
        )
    questions = {item.question_id: item.question for item in paper.items.select_related("question")}
    given: dict[int, list[str]] = {}
    for key, labels in (answers or {}).items():
        try:
            question_id = int(key)
        except (TypeError, ValueError):
            question_id = None
        question = questions.get(question_id) if question_id is not None else None
        if question is None or question_id is None:
            raise ValidationFailed(
                Code.NOT_IN_PAPER,
                _("第 %(key)s 号试题不在本试卷中。") % {"key": key},
                field="answers",
            )
        labels = [str(label).strip().upper() for label in labels if str(label).strip()]
        allowed = domain.labels_for(question.options)
        if not set(labels) <= set(allowed) or (
            question.kind != QuestionKind.MULTIPLE and len(labels) > 1
        ):
            raise ValidationFailed(
                Code.INVALID,
                _("第 %(key)s 号试题的作答无效。") % {"key": key},
                field="answers",
            )
        given[question_id] = labels
    paper = _grade(paper, given, actor, now)
    event(
        paper,
        "learning.paper_graded",
        actor,
        paper.sitting.organization,
        score=paper.score,
        passed=paper.passed,
    )
    return paper


@transaction.atomic
def paper_expire(*, actor: User, paper: ExamPaper) -> ExamPaper:
    """Collect a paper whose time ran out without a valid hand-in: scored on no answers."""
    paper = _locked_paper(paper)
    PAPER.require(actor, paper, "expire")
    paper = _grade(paper, {}, actor, timezone.now())
    event(paper, "learning.paper_expired", actor, paper.sitting.organization, score=paper.score)
    return paper
