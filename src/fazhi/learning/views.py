"""Staff pages of learning, exams, 述法, 以案释法 and publicity: ledgers (search, paging, Excel),
record pages with the declared steps, create forms, the exam page and the result certificate."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.error_codes import CoreErrorCode
from fazhi.core.errors import PermissionDenied
from fazhi.core.exports import xlsx_response
from fazhi.core.ledgers import (
    Column,
    Filter,
    choice,
    create_page,
    ledger,
    record_page,
    require_staff,
    search_term,
)
from fazhi.core.scoping import scope_for
from fazhi.core.selectors import domain_events_for
from fazhi.learning import forms, selectors
from fazhi.learning.domain import LABELS
from fazhi.learning.models import (
    DutyStatus,
    ExamKind,
    PaperStatus,
    QuestionKind,
    ReportStatus,
    SessionKind,
)
from fazhi.learning.procedures import PAPER, candidate_or_proctor, is_candidate
from fazhi.learning.services import exams, publicity, reports, training
from fazhi.learning.services.training import ATTENDANCE_HEADERS, HOURS_HEADER


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


YEARS = [(y, y) for y in range(timezone.localdate().year, 2019, -1)]


# --- training ----------------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    kind = choice(request, "kind", SessionKind.values)
    year = _year(request)
    rows = selectors.session_list(user=request.user, search=search, kind=kind, year=year)
    return ledger(
        request,
        rows=rows,
        title=_("学法培训"),
        filename="training-sessions.xlsx",
        search=search,
        search_hint=_("名称、地点"),
        filters=[
            Filter("kind", _("类型"), SessionKind.choices, kind),
            Filter("year", _("年度"), YEARS, str(year or "")),
        ],
        actions=[(_("登记培训"), "/learning/sessions/new/")],
        columns=[
            Column(_("名称"), lambda s: s.title, lambda s: f"/learning/sessions/{s.pk}/"),
            Column(_("类型"), lambda s: s.get_kind_display()),
            Column(_("举办日期"), lambda s: s.held_on),
            Column(_("组织单位"), lambda s: s.organization.name),
            Column(_("学时"), lambda s: s.hours),
            Column(_("签到人数"), lambda s: s.attendees),
            Column(_("状态"), lambda s: s.get_status_display()),
        ],
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    form = forms.SessionForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: training.session_create(actor=request.user, **data),
        _("登记学法培训"),
        lambda s: f"/learning/sessions/{s.pk}/",
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    search = search_term(request)
    attendance = selectors.attendance_of(session)
    if search:
        attendance = attendance.filter(
            Q(person__name__icontains=search)
            | Q(person__enforcement_certificate_number__icontains=search)
        )
    if request.GET.get("template") == "xlsx":  # a blank sign-in sheet for the import
        return xlsx_response(
            filename="attendance-template.xlsx",
            title=_("签到表"),
            headers=[*ATTENDANCE_HEADERS, HOURS_HEADER],
            rows=[],
        )
    return ledger(
        request,
        rows=attendance,
        title=_("学法培训：%(title)s") % {"title": session.title},
        filename=f"attendance-{session.pk}.xlsx",
        search=search,
        search_hint=_("姓名、执法证号"),
        columns=[
            Column(_("姓名"), lambda a: a.person.name),
            Column(_("单位"), lambda a: a.person.organization.name),
            Column(_("执法证号"), lambda a: a.person.enforcement_certificate_number),
            Column(_("学时"), lambda a: a.hours),
            Column(_("签到方式"), lambda a: a.get_via_display()),
        ],
        template="learning/session_detail.html",
        extra={
            "record": session,
            "laws": session.laws.all(),
            "events": domain_events_for(session),
        },
    )


@login_required
def officer_hours(request: HttpRequest) -> HttpResponse:
    """Each certified officer's hours in the year against the minimum; those below, per unit."""
    require_staff(request)
    year = _year(request) or timezone.localdate().year
    search = search_term(request)
    below = request.GET.get("below") == "1"
    people, requirement = selectors.officer_hours(
        user=request.user, year=year, below_only=below, search=search
    )
    return ledger(
        request,
        rows=people,
        title=_("%(year)s年行政执法人员学法学时") % {"year": year},
        filename=f"officer-hours-{year}.xlsx",
        search=search,
        search_hint=_("姓名、执法证号"),
        filters=[
            Filter("year", _("年度"), YEARS, str(year)),
            Filter("below", _("范围"), [("1", _("仅低于最低学时"))], "1" if below else ""),
        ],
        actions=[(_("设置学时要求"), "/learning/requirements/new/")],
        columns=[
            Column(_("姓名"), lambda p: p.name),
            Column(_("单位"), lambda p: p.organization.name),
            Column(_("执法证号"), lambda p: p.enforcement_certificate_number),
            Column(_("年度学时"), lambda p: p.year_hours),
        ],
        template="learning/hours.html",
        extra={
            "requirement": requirement,
            "by_unit": selectors.below_minimum_by_unit(user=request.user, year=year),
            "year": year,
        },
    )


@login_required
def requirement_create(request: HttpRequest) -> HttpResponse:
    form = forms.RequirementForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: training.requirement_set(actor=request.user, **data),
        _("设置年度学时要求"),
        lambda r: "/learning/hours/",
    )


# --- exams ----------------------------------------------------------------------------------------


@login_required
def question_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    kind = choice(request, "kind", QuestionKind.values)
    return ledger(
        request,
        rows=selectors.question_list(user=request.user, search=search, kind=kind),
        title=_("题库"),
        filename="question-bank.xlsx",
        search=search,
        search_hint=_("题干"),
        filters=[Filter("kind", _("题型"), QuestionKind.choices, kind)],
        actions=[(_("新增试题"), "/learning/questions/new/")],
        columns=[
            Column(_("编号"), lambda q: q.pk),
            Column(_("题型"), lambda q: q.get_kind_display()),
            Column(_("题干"), lambda q: q.stem),
            Column(_("选项"), lambda q: "；".join(q.options)),
            Column(_("正确答案"), lambda q: "".join(q.answer)),
            Column(
                _("考查条文"),
                lambda q: f"{q.article.law.title} {q.article.label}" if q.article else "",
            ),
            Column(_("在用"), lambda q: q.is_active),
        ],
    )


@login_required
def question_create(request: HttpRequest) -> HttpResponse:
    form = forms.QuestionForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: exams.question_create(actor=request.user, **data),
        _("新增试题"),
        lambda q: "/learning/questions/",
    )


@login_required
def sitting_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    kind = choice(request, "kind", ExamKind.values)
    return ledger(
        request,
        rows=selectors.sitting_list(user=request.user, search=search, kind=kind),
        title=_("考试场次"),
        filename="exam-sittings.xlsx",
        search=search,
        search_hint=_("名称"),
        filters=[Filter("kind", _("考试类型"), ExamKind.choices, kind)],
        actions=[(_("新建考试场次"), "/learning/sittings/new/")],
        columns=[
            Column(_("名称"), lambda s: s.title, lambda s: f"/learning/sittings/{s.pk}/"),
            Column(_("考试类型"), lambda s: s.get_kind_display()),
            Column(_("考试日期"), lambda s: s.held_on),
            Column(_("题量"), lambda s: s.question_count),
            Column(_("时长（分钟）"), lambda s: s.duration_minutes),
            Column(_("考生"), lambda s: s.examinees),
            Column(_("合格"), lambda s: s.passed_count),
            Column(_("状态"), lambda s: s.get_status_display()),
        ],
    )


@login_required
def sitting_create(request: HttpRequest) -> HttpResponse:
    form = forms.SittingForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: exams.sitting_create(actor=request.user, **data),
        _("新建考试场次"),
        lambda s: f"/learning/sittings/{s.pk}/",
    )


def _paper_columns() -> list[Column]:
    return [
        Column(_("考生"), lambda p: p.person.name, lambda p: f"/learning/papers/{p.pk}/"),
        Column(_("单位"), lambda p: p.organization.name),
        Column(_("考试"), lambda p: p.sitting.title),
        Column(_("考试日期"), lambda p: p.sitting.held_on),
        Column(_("拟任职务"), lambda p: p.new_post),
        Column(_("补考"), lambda p: bool(p.retake_of_id)),
        Column(_("状态"), lambda p: p.get_status_display()),
        Column(_("得分"), lambda p: p.score),
        Column(_("合格"), lambda p: p.passed),
    ]


@login_required
def sitting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = selectors.sitting_get(user=request.user, pk=pk)
    search = search_term(request)
    return ledger(
        request,
        rows=selectors.paper_list(user=request.user, search=search).filter(sitting=sitting),
        search=search,
        search_hint=_("考生"),
        title=sitting.title,
        filename=f"exam-results-{sitting.pk}.xlsx",
        columns=_paper_columns(),
        template="learning/sitting_detail.html",
        extra={"record": sitting, "events": domain_events_for(sitting)},
    )


@login_required
def paper_list(request: HttpRequest) -> HttpResponse:
    """An officer sees their own papers; staff see the papers in their scope."""
    search = search_term(request)
    mine = not scope_for(request.user).has_role(*PAPER.roles) or request.GET.get("mine") == "1"
    return ledger(
        request,
        rows=selectors.paper_list(user=request.user, search=search, mine=mine),
        title=_("考试与试卷"),
        filename="exam-papers.xlsx",
        search=search,
        search_hint=_("考生、考试名称"),
        columns=_paper_columns(),
    )


@login_required
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = selectors.paper_get(user=request.user, pk=pk)
    answering = paper.status == PaperStatus.ANSWERING and candidate_or_proctor(request.user, paper)
    items = list(selectors.paper_items(paper))
    for item in items:
        item.choices = list(zip(LABELS, item.question.options, strict=False))
    # Answers are shown only once the paper is graded, and the key only to staff.
    show_key = paper.status == PaperStatus.GRADED and not is_candidate(request.user, paper)
    return render(
        request,
        "learning/paper_detail.html",
        {
            "record": paper,
            "paper": paper,
            "items": items,
            "answering": answering,
            "show_key": show_key,
            "remaining": (
                max(0, int((paper.deadline_at - timezone.now()).total_seconds()))
                if answering
                else None
            ),
            "events": domain_events_for(paper),
        },
    )


@login_required
def paper_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable result certificate of a graded paper."""
    paper = selectors.paper_get(user=request.user, pk=pk)
    if paper.status != PaperStatus.GRADED:
        raise PermissionDenied(CoreErrorCode.FORBIDDEN_ROLE, _("试卷尚未评分，不能打印成绩证明。"))
    return render(request, "learning/paper_certificate.html", {"paper": paper})


# --- 述法 ----------------------------------------------------------------------------------------


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    year = _year(request)
    status = choice(request, "status", ReportStatus.values)
    return ledger(
        request,
        rows=selectors.report_list(user=request.user, search=search, year=year, status=status),
        title=_("述法"),
        filename="law-reports.xlsx",
        search=search,
        search_hint=_("姓名、单位"),
        filters=[
            Filter("year", _("年度"), YEARS, str(year or "")),
            Filter("status", _("状态"), ReportStatus.choices, status),
        ],
        actions=[
            (_("登记述法"), "/learning/reports/new/"),
            (_("应述法名单"), "/learning/reports/roster/"),
        ],
        columns=[
            Column(_("述法人"), lambda r: r.person.name, lambda r: f"/learning/reports/{r.pk}/"),
            Column(_("单位"), lambda r: r.organization.name),
            Column(_("年度"), lambda r: r.year),
            Column(_("述法形式"), lambda r: r.get_form_display()),
            Column(_("述法日期"), lambda r: r.reported_on),
            Column(_("评议等次"), lambda r: r.get_evaluation_display()),
            Column(_("状态"), lambda r: r.get_status_display()),
        ],
    )


@login_required
def report_roster(request: HttpRequest) -> HttpResponse:
    """The year's city-managed leaders who must report, and whether each has."""
    require_staff(request)
    year = _year(request) or timezone.localdate().year
    missing = request.GET.get("missing") == "1"
    return ledger(
        request,
        rows=selectors.roster(user=request.user, year=year, missing_only=missing),
        title=_("%(year)s年度应述法的市管领导干部") % {"year": year},
        filename=f"law-report-roster-{year}.xlsx",
        filters=[
            Filter("year", _("年度"), YEARS, str(year)),
            Filter("missing", _("范围"), [("1", _("仅未述法"))], "1" if missing else ""),
        ],
        columns=[
            Column(_("姓名"), lambda p: p.name),
            Column(_("单位"), lambda p: p.organization.name),
            Column(_("职务"), lambda p: p.post),
            Column(_("已述法"), lambda p: p.reported),
        ],
    )


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    form = forms.LawReportForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: reports.law_report_record(actor=request.user, **data),
        _("登记述法"),
        lambda r: f"/learning/reports/{r.pk}/",
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    r = selectors.report_get(user=request.user, pk=pk)
    facts = [
        (_("状态"), r.get_status_display()),
        (_("述法人"), f"{r.person.name}（{r.organization.name}）"),
        (_("年度"), r.year),
        (_("述法形式"), r.get_form_display()),
        (_("述法日期"), r.reported_on),
        (_("述法内容摘要"), r.summary),
        (_("发现的问题"), r.issues),
        (_("评议等次"), r.get_evaluation_display()),
        (_("评议意见"), r.evaluation_comment),
        (_("评议日期"), r.evaluated_on),
        (_("整改情况"), r.rectification),
        (_("整改完成日期"), r.rectified_on),
    ]
    return record_page(
        request,
        "learning/detail.html",
        r,
        _("述法：%(name)s") % {"name": r.person.name},
        facts,
        "learning.report",
        "learning.lawreport",
    )


# --- 以案释法 ----------------------------------------------------------------------------------


@login_required
def selection_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    return ledger(
        request,
        rows=selectors.selection_list(user=request.user),
        title=_("以案释法评选"),
        filename="case-selections.xlsx",
        actions=[
            (_("发起评选"), "/learning/selections/new/"),
            (_("报送案例"), "/learning/submissions/new/"),
        ],
        columns=[
            Column(_("名称"), lambda s: s.title, lambda s: f"/learning/selections/{s.pk}/"),
            Column(_("年度"), lambda s: s.year),
            Column(_("主办单位"), lambda s: s.organization.name),
            Column(_("报送案例"), lambda s: s.submission_count),
            Column(_("状态"), lambda s: s.get_status_display()),
        ],
    )


@login_required
def selection_create(request: HttpRequest) -> HttpResponse:
    form = forms.SelectionForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: reports.selection_create(actor=request.user, **data),
        _("发起以案释法评选"),
        lambda s: f"/learning/selections/{s.pk}/",
    )


@login_required
def selection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    selection = selectors.selection_get(user=request.user, pk=pk)
    submissions = selectors.submission_list(user=request.user, selection=selection)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"case-submissions-{selection.pk}.xlsx",
            title=selection.title,
            headers=[
                _("案例名称"),
                _("报送单位"),
                _("案号"),
                _("平均分"),
                _("评委人数"),
                _("状态"),
                _("奖项"),
            ],
            rows=(
                [
                    s.title,
                    s.organization.name,
                    s.case_ref,
                    s.average,
                    s.judges,
                    s.get_status_display(),
                    s.get_award_display(),
                ]
                for s in submissions
            ),
        )
    return render(
        request,
        "learning/selection_detail.html",
        {
            "record": selection,
            "submissions": submissions,
            "events": domain_events_for(selection),
        },
    )


@login_required
def submission_create(request: HttpRequest) -> HttpResponse:
    form = forms.SubmissionForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: reports.submission_create(actor=request.user, **data),
        _("报送以案释法案例"),
        lambda s: f"/learning/selections/{s.selection_id}/",
    )


# --- publicity ---------------------------------------------------------------------------------


@login_required
def episode_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    year = _year(request)
    return ledger(
        request,
        rows=selectors.episode_list(user=request.user, search=search, year=year),
        title=_("普法栏目节目"),
        filename="programme-episodes.xlsx",
        search=search,
        search_hint=_("标题、主题"),
        filters=[Filter("year", _("年度"), YEARS, str(year or ""))],
        actions=[
            (_("新建栏目"), "/learning/programmes/new/"),
            (_("登记播出"), "/learning/episodes/new/"),
        ],
        columns=[
            Column(_("栏目"), lambda e: e.programme.name),
            Column(_("期数"), lambda e: e.number),
            Column(_("标题"), lambda e: e.title, lambda e: f"/learning/episodes/{e.pk}/"),
            Column(_("主题"), lambda e: e.topic),
            Column(_("播出日期"), lambda e: e.aired_on),
            Column(_("观看人次"), lambda e: e.views),
            Column(_("统计日期"), lambda e: e.views_recorded_on),
        ],
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    form = forms.ProgrammeForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: publicity.programme_create(actor=request.user, **data),
        _("新建普法栏目"),
        lambda p: "/learning/episodes/",
    )


@login_required
def episode_create(request: HttpRequest) -> HttpResponse:
    form = forms.EpisodeForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: publicity.episode_create(actor=request.user, **data),
        _("登记节目播出"),
        lambda e: f"/learning/episodes/{e.pk}/",
    )


@login_required
def episode_detail(request: HttpRequest, pk: int) -> HttpResponse:
    e = selectors.episode_get(user=request.user, pk=pk)
    facts = [
        (_("栏目"), e.programme.name),
        (_("期数"), e.number),
        (_("标题"), e.title),
        (_("主题"), e.topic),
        (_("播出日期"), e.aired_on),
        (_("观看人次"), e.views),
        (_("统计日期"), e.views_recorded_on),
    ]
    return record_page(
        request,
        "learning/detail.html",
        e,
        str(e),
        facts,
        "publicity.episode",
        "learning.episode",
    )


@login_required
def duty_list(request: HttpRequest) -> HttpResponse:
    require_staff(request)
    search = search_term(request)
    year = _year(request)
    status = choice(request, "status", DutyStatus.values)
    return ledger(
        request,
        rows=selectors.duty_list(user=request.user, search=search, year=year, status=status),
        title=_("谁执法谁普法责任清单"),
        filename="publicity-duties.xlsx",
        search=search,
        search_hint=_("任务、法律法规、单位"),
        filters=[
            Filter("year", _("年度"), YEARS, str(year or "")),
            Filter("status", _("状态"), DutyStatus.choices, status),
        ],
        actions=[(_("新增责任事项"), "/learning/duties/new/")],
        columns=[
            Column(_("责任单位"), lambda d: d.organization.name),
            Column(_("年度"), lambda d: d.year),
            Column(_("法律法规"), lambda d: d.law_title),
            Column(_("普法任务"), lambda d: d.task, lambda d: f"/learning/duties/{d.pk}/"),
            Column(_("普法对象"), lambda d: d.audience),
            Column(_("方式"), lambda d: d.method),
            Column(_("时间安排"), lambda d: d.schedule),
            Column(_("状态"), lambda d: d.get_status_display()),
        ],
        template="learning/duty_list.html",
        extra={"completion": selectors.duty_completion(user=request.user, year=year)}
        if year
        else None,
    )


@login_required
def duty_create(request: HttpRequest) -> HttpResponse:
    form = forms.DutyForm(request.POST or None)
    return create_page(
        request,
        form,
        lambda data: publicity.duty_create(actor=request.user, **data),
        _("新增普法责任事项"),
        lambda d: f"/learning/duties/{d.pk}/",
    )


@login_required
def duty_detail(request: HttpRequest, pk: int) -> HttpResponse:
    d = selectors.duty_get(user=request.user, pk=pk)
    facts = [
        (_("状态"), d.get_status_display()),
        (_("责任单位"), d.organization.name),
        (_("年度"), d.year),
        (_("法律法规"), d.law_title),
        (_("普法任务"), d.task),
        (_("普法对象"), d.audience),
        (_("方式"), d.method),
        (_("时间安排"), d.schedule),
        (_("完成日期"), d.completed_on),
        (_("完成情况"), d.outcome),
    ]
    return record_page(
        request, "learning/detail.html", d, d.task, facts, "publicity.duty", "learning.dutyitem"
    )
