"""The 2022 learning and publicity demo, worked through the services.

The seed report: 2 leader training classes, 8 executive-meeting law studies, 3 pre-appointment
exams with 36 examinees all passing, 571 city-managed leaders reporting on law (述法), 17
offline training sessions reaching all 3187 certified officers, and 6 aired episodes of
《法治潮头》 watched nearly a million times. Every session, sign-in, paper, report and episode
below is synthetic; the figures come from counting them.

Exam questions ask about articles that are in the law base, and each question names its article.
The 2022 yearly minimum of class hours is a demo configuration labelled as such: the Zhejiang and
Haining figures are UNCONFIRMED (spec §9), so the demo says so instead of inventing one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.models import LeaderLevel, Organization, Person
from fazhi.demo import haining
from fazhi.learning.models import (
    Award,
    Evaluation,
    ExamKind,
    QuestionKind,
    ReportForm,
    SessionKind,
    SignInVia,
    TrainingSession,
)
from fazhi.learning.services import exams, publicity, reports, training
from fazhi.learning.services.reports import LawReportRow

YEAR = 2022
PENALTY = "中华人民共和国行政处罚法"
RECONSIDERATION = "中华人民共和国行政复议法"
LITIGATION = "中华人民共和国行政诉讼法"
ZJ_ENFORCEMENT = "浙江省综合行政执法条例"
LICENSING = "中华人民共和国行政许可法"
ENVIRONMENT = "中华人民共和国环境保护法"
FOOD = "中华人民共和国食品安全法"
BUSINESS = "优化营商环境条例"

# (law, article, kind, stem, options, answer): each stem paraphrases the article it names.
QUESTIONS = [
    (
        PENALTY,
        36,
        QuestionKind.SINGLE,
        "违法行为在多长时间内未被发现的，一般不再给予行政处罚？",
        ["六个月", "一年", "二年", "五年"],
        ["C"],
    ),
    (
        PENALTY,
        36,
        QuestionKind.TRUE_FALSE,
        "涉及公民生命健康安全、金融安全且有危害后果的违法行为，未被发现的追责期限延长至五年。",
        [],
        ["A"],
    ),
    (
        PENALTY,
        42,
        QuestionKind.SINGLE,
        "除法律另有规定外，实施行政处罚的执法人员不得少于几人？",
        ["一人", "两人", "三人", "五人"],
        ["B"],
    ),
    (
        PENALTY,
        42,
        QuestionKind.TRUE_FALSE,
        "行政处罚应当由具有行政执法资格的执法人员实施。",
        [],
        ["A"],
    ),
    (
        PENALTY,
        51,
        QuestionKind.SINGLE,
        "违法事实确凿并有法定依据，对公民处以多少元以下罚款的，可以当场作出行政处罚决定？",
        ["五十元", "二百元", "五百元", "三千元"],
        ["B"],
    ),
    (
        PENALTY,
        51,
        QuestionKind.SINGLE,
        "违法事实确凿并有法定依据，对法人或者其他组织处以多少元以下罚款的，可以当场作出决定？",
        ["二百元", "一千元", "三千元", "一万元"],
        ["C"],
    ),
    (
        PENALTY,
        33,
        QuestionKind.TRUE_FALSE,
        "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
        [],
        ["A"],
    ),
    (
        PENALTY,
        33,
        QuestionKind.MULTIPLE,
        "初次违法可以不予行政处罚，需同时具备哪些情形？",
        ["初次违法", "危害后果轻微", "及时改正", "当事人已缴纳保证金"],
        ["A", "B", "C"],
    ),
    (
        PENALTY,
        9,
        QuestionKind.MULTIPLE,
        "下列属于行政处罚种类的有：",
        ["警告、通报批评", "罚款、没收违法所得", "行政拘留", "责令赔礼道歉"],
        ["A", "B", "C"],
    ),
    (
        PENALTY,
        55,
        QuestionKind.TRUE_FALSE,
        "执法人员调查时不出示执法证件的，当事人有权拒绝接受调查或者检查。",
        [],
        ["A"],
    ),
    (
        RECONSIDERATION,
        20,
        QuestionKind.SINGLE,
        "一般情况下，申请行政复议的期限是自知道或者应当知道该行政行为之日起多少日内？",
        ["十五日", "三十日", "六十日", "九十日"],
        ["C"],
    ),
    (
        RECONSIDERATION,
        30,
        QuestionKind.SINGLE,
        "行政复议机关收到行政复议申请后，应当在多少日内进行审查？",
        ["三日", "五日", "七日", "十日"],
        ["B"],
    ),
    (
        RECONSIDERATION,
        62,
        QuestionKind.SINGLE,
        "适用普通程序审理的行政复议案件，一般应当自受理申请之日起多少日内作出决定？",
        ["三十日", "四十五日", "六十日", "九十日"],
        ["C"],
    ),
    (
        LITIGATION,
        46,
        QuestionKind.SINGLE,
        "直接向人民法院提起行政诉讼的，一般应当自知道或者应当知道作出行政行为之日起多长时间内提出？",
        ["三个月", "六个月", "一年", "二年"],
        ["B"],
    ),
    (
        ZJ_ENFORCEMENT,
        28,
        QuestionKind.TRUE_FALSE,
        "行政执法机关的执法人员经省司法行政部门组织的行政执法资格考试合格，方可领取行政执法证件。",
        [],
        ["A"],
    ),
]

EXEC_MEETING_LAWS = [
    PENALTY,
    ENVIRONMENT,
    LICENSING,
    BUSINESS,
    FOOD,
    ZJ_ENFORCEMENT,
    PENALTY,
    RECONSIDERATION,
]
OFFICER_TOPICS = [
    "行政处罚法新规解读",
    "行政执法三项制度",
    "综合行政执法条例",
    "执法文书规范",
    "轻微违法告知承诺制",
    "行政复议与应诉典型案例",
    "证据收集与电子取证",
]
EPISODES = [
    ("市场监管局局长谈食品安全", "食品安全法", dt.date(2022, 7, 8), 152300),
    ("综合执法局局长谈“大综合一体化”改革", "综合行政执法", dt.date(2022, 8, 5), 171800),
    ("生态环境分局局长谈环境保护", "环境保护法", dt.date(2022, 9, 2), 163500),
    ("人社局局长谈劳动者权益保护", "劳动保障", dt.date(2022, 10, 14), 149200),
    ("住建局局长谈物业管理", "物业管理", dt.date(2022, 11, 11), 178600),
    ("司法局局长谈优化法治化营商环境", "优化营商环境条例", dt.date(2022, 12, 9), 153000),
]
CASES = [
    ("HN-D22", "某餐饮店超范围经营首违不罚案", PENALTY),
    ("HN-D25", "某工地夜间违规施工噪声扰民案", PENALTY),
    ("HN-D11", "某企业未批先建环境违法案", ENVIRONMENT),
    ("HN-D18", "某诊所非法行医案", PENALTY),
    ("HN-D20", "某企业安全生产主体责任落实不到位案", PENALTY),
    ("HN-D13", "某货运车辆超限运输案", PENALTY),
    ("HN-D06", "某网吧接纳未成年人案", PENALTY),
    ("HN-D26", "某村民非法占用耕地建房案", PENALTY),
]
AWARDS = [Award.FIRST, Award.SECOND, Award.SECOND, Award.THIRD, Award.THIRD, Award.MERIT]
JUDGES = ["评委甲", "评委乙", "评委丙"]


def build(*, admin, stdout=None) -> None:
    if TrainingSession.objects.exists():
        return
    from fazhi.lawbase.models import Law

    laws = Law.objects.in_bulk(
        [
            PENALTY,
            RECONSIDERATION,
            LITIGATION,
            ZJ_ENFORCEMENT,
            LICENSING,
            ENVIRONMENT,
            FOOD,
            BUSINESS,
        ],
        field_name="title",
    )
    units = Organization.objects.in_bulk(
        [haining.CITY[0], haining.JUSTICE_BUREAU, *{c for c, *_ in CASES}], field_name="code"
    )
    _requirements(admin)
    sessions = _training(admin, laws, units)
    sittings = _exams(admin, units)
    _law_reports(admin)
    _case_selection(admin, laws, units)
    _publicity(admin, laws, units)
    if stdout is not None:
        stdout.write(f"学法考法与普法：培训 {sessions} 次，考试 {sittings} 场")


def _requirements(admin) -> None:
    training.requirement_set(
        actor=admin,
        valid_from=dt.date(YEAR, 1, 1),
        min_hours=Decimal(12),
        source="演示配置（合成数据）：浙江省、海宁市的年度学法学时要求未核实",
        note="仅用于演示“低于最低学时”名单，非法定要求",
    )
    training.requirement_set(
        actor=admin,
        valid_from=dt.date(2023, 8, 9),
        min_hours=Decimal(60),
        source="国办发〔2023〕27号 提升行政执法质量三年行动计划（2023—2025年）",
        note="每人每年不少于60学时系据回忆，尚未核对原文（UNCONFIRMED）",
    )


def _session(admin, organization, kind, title, held_on, hours, laws=(), location=""):
    return training.session_create(
        actor=admin,
        organization=organization,
        kind=kind,
        title=title,
        held_on=held_on,
        hours=Decimal(hours),
        location=location,
        laws=laws,
    )


def _training(admin, laws, units) -> int:
    city, justice = units[haining.CITY[0]], units[haining.JUSTICE_BUREAU]
    officers = list(Person.objects.exclude(enforcement_certificate_number="").order_by("id"))
    leaders = list(Person.objects.filter(leader_level=LeaderLevel.CITY_MANAGED).order_by("id"))
    count = 0
    for number, held_on in enumerate((dt.date(YEAR, 5, 17), dt.date(YEAR, 9, 20)), start=1):
        session = _session(
            admin,
            city,
            SessionKind.LEADER_CLASS,
            f"全市科(局)级领导干部学习贯彻习近平法治思想培训班（第{number}期）",
            held_on,
            8,
            [laws[PENALTY]],
            "市委党校",
        )
        training.attendance_record(
            actor=admin, session=session, people=leaders[number - 1 :: 2], via=SignInVia.LIST
        )
        count += 1
    principals = [p for p in leaders if p.post == "主要负责人"][:20]
    for month, title in zip((2, 3, 4, 6, 7, 9, 10, 12), EXEC_MEETING_LAWS, strict=True):
        session = _session(
            admin,
            city,
            SessionKind.EXEC_MEETING,
            f"市政府常务会议集体学习《{title}》",
            dt.date(YEAR, month, 15),
            1,
            [laws[title]],
            "市政府常务会议",
        )
        training.attendance_record(actor=admin, session=session, people=principals)
        count += 1
    for month in (3, 6, 9, 12):
        _session(
            admin,
            justice,
            SessionKind.STUDY_DAY,
            f"习近平法治思想“集中学习日”（{month}月）",
            dt.date(YEAR, month, 10),
            2,
        )
        count += 1
    # 17 offline sessions: every officer attends one, most a second (12 hours), so about one
    # in twenty stays under the demo's 12-hour minimum and is listed by unit.
    offline = []
    for index in range(17):
        held_on = dt.date(YEAR, 3, 1) + dt.timedelta(days=index * 16)
        offline.append(
            _session(
                admin,
                justice,
                SessionKind.OFFICER_OFFLINE,
                f"行政执法人员学法培训（第{index + 1}期）：{OFFICER_TOPICS[index % 7]}",
                held_on,
                6,
                [laws[PENALTY], laws[ZJ_ENFORCEMENT]],
                "市行政执法培训基地",
            )
        )
    groups: list[list[Person]] = [[] for _ in offline]
    for index, officer in enumerate(officers):
        groups[index % 17].append(officer)
        if index % 20 != 0:
            groups[(index + 7) % 17].append(officer)
    for session, people in zip(offline, groups, strict=True):
        training.attendance_record(actor=admin, session=session, people=people)
    count += len(offline)
    for number, month in enumerate((4, 8, 11), start=1):
        session = _session(
            admin,
            justice,
            SessionKind.ONLINE_HEARING,
            f"“云上听庭”线上观摩行政审判庭审（第{number}场）",
            dt.date(YEAR, month, 25),
            3,
            [laws[LITIGATION]],
            "线上",
        )
        training.attendance_record(actor=admin, session=session, people=officers[number - 1 :: 6])
        count += 1
    return count


def _answers(paper, right: int) -> dict[str, list[str]]:
    """The first ``right`` answers correct, the rest wrong."""
    given = {}
    for item in paper.items.select_related("question").order_by("position"):
        question = item.question
        if item.position <= right:
            given[str(question.pk)] = list(question.answer)
        else:
            wrong = [
                label for label in "ABCD"[: len(question.options)] if label not in question.answer
            ]
            given[str(question.pk)] = wrong[:1]
    return given


def _sit(admin, sitting, people, scores, *, new_post="", retakes=None):
    retakes = retakes or {}
    for person, right in zip(people, scores, strict=True):
        paper = exams.paper_assign(
            actor=admin,
            sitting=sitting,
            person_ref=person.enforcement_certificate_number,
            new_post=new_post,
            retake_of=retakes.get(person.pk),
        )
        paper = exams.paper_start(actor=admin, paper=paper)
        exams.paper_submit(actor=admin, paper=paper, answers=_answers(paper, right))


def _exams(admin, units) -> int:
    from fazhi.lawbase.models import Article

    justice = units[haining.JUSTICE_BUREAU]
    for law, number, kind, stem, options, answer in QUESTIONS:
        article = Article.objects.filter(law__title=law, number=number).first()
        exams.question_create(
            actor=admin,
            organization=justice,
            kind=kind,
            stem=stem,
            options=options,
            answer=answer,
            article=article.pk if article else None,
        )
    candidates = list(
        Person.objects.exclude(enforcement_certificate_number="")
        .filter(organization__code__in=["HN-D22", "HN-D12", "HN-D15", "HN-D18"])
        .order_by("id")[:42]
    )
    sittings = []
    for number, held_on in enumerate(
        (dt.date(YEAR, 4, 12), dt.date(YEAR, 7, 19), dt.date(YEAR, 11, 15)), start=1
    ):
        sitting = exams.sitting_create(
            actor=admin,
            organization=justice,
            kind=ExamKind.PREAPPOINTMENT,
            title=f"{YEAR}年非人大任命科级领导干部任前法律知识考试（第{number}场）",
            held_on=held_on,
            duration_minutes=30,
            question_count=10,
            pass_mark=Decimal(60),
        )
        exams.sitting_open(actor=admin, sitting=sitting)
        sittings.append(sitting)
    first, second, third = candidates[:12], candidates[12:24], candidates[24:36]
    # One candidate of the first sitting fails and passes the retake in the second.
    _sit(admin, sittings[0], first, [9, 8, 10, 7, 4, 9, 8, 10, 9, 7, 8, 9], new_post="科长")
    failed = sittings[0].papers.get(passed=False)
    _sit(
        admin,
        sittings[1],
        [*second, failed.person],
        [8, 9, 10, 7, 9, 8, 10, 9, 8, 7, 9, 10, 8],
        new_post="副科长",
        retakes={failed.person_id: failed.pk},
    )
    _sit(admin, sittings[2], third, [10, 9, 8, 9, 7, 8, 10, 9, 8, 9, 7, 8], new_post="科长")
    for sitting in sittings:
        exams.sitting_close(actor=admin, sitting=sitting)
    qualification = exams.sitting_create(
        actor=admin,
        organization=justice,
        kind=ExamKind.QUALIFICATION,
        title=f"{YEAR}年行政执法资格考试（海宁考点）",
        held_on=dt.date(YEAR, 10, 22),
        duration_minutes=60,
        question_count=12,
        pass_mark=Decimal(60),
    )
    exams.sitting_open(actor=admin, sitting=qualification)
    _sit(admin, qualification, candidates[36:42], [10, 9, 11, 5, 12, 8])
    exams.sitting_close(actor=admin, sitting=qualification)
    return len(sittings) + 1


def _law_reports(admin) -> None:
    leaders = (
        Person.objects.filter(leader_level=LeaderLevel.CITY_MANAGED)
        .select_related("organization")
        .order_by("id")
    )
    rows = [
        LawReportRow(
            person=leader,
            year=YEAR,
            form=ReportForm.MEETING if leader.post == "主要负责人" else ReportForm.WRITTEN,
            reported_on=dt.date(YEAR + 1, 1, 9 + index % 12),
            summary="2022年度履行推进法治建设职责情况：学法用法、依法决策、规范执法、化解争议。",
            issues="重大行政决策公众参与不够充分" if index % 25 == 0 else "",
        )
        for index, leader in enumerate(leaders)
    ]
    recorded = reports.law_reports_record(actor=admin, rows=rows)
    for index, report in enumerate(recorded[:75:3]):
        report = reports.report_evaluate(
            actor=admin,
            report=report,
            evaluation=[Evaluation.EXCELLENT, Evaluation.GOOD, Evaluation.FAIR][index % 3],
            on=dt.date(YEAR + 1, 2, 10),
            comment="述法材料完整，履职情况较好。",
        )
        if report.status == "rectifying" and index % 2 == 0:
            reports.report_rectify(
                actor=admin,
                report=report,
                rectification="已建立重大行政决策公众参与清单并公开征求意见。",
                on=dt.date(YEAR + 1, 2, 24),
            )


def _case_selection(admin, laws, units) -> None:
    selection = reports.selection_create(
        actor=admin,
        organization=units[haining.JUSTICE_BUREAU],
        year=YEAR,
        title="第二届“以案释法”优秀典型行政执法案例评选",
    )
    submissions = [
        reports.submission_create(
            actor=admin,
            selection=selection,
            organization=units[code],
            title=title,
            summary="通过该案向当事人和社会公众释明相关法律规定及适用要点。",
            submitted_on=dt.date(YEAR, 8, 10 + index),
            law=laws[law],
        )
        for index, (code, title, law) in enumerate(CASES)
    ]
    for index, submission in enumerate(submissions):
        for offset, judge in enumerate(JUDGES):
            reports.submission_score(
                actor=admin,
                submission=submission,
                judge=judge,
                score=Decimal(95 - index * 3 - offset),
            )
        if index < len(AWARDS):
            reports.submission_award(actor=admin, submission=submission, award=AWARDS[index])
        else:
            reports.submission_decline(actor=admin, submission=submission)
    reports.selection_close(actor=admin, selection=selection)


def _publicity(admin, laws, units) -> None:
    programme = publicity.programme_create(
        actor=admin,
        organization=units[haining.JUSTICE_BUREAU],
        name="法治潮头",
        description="“一把手”融媒体普法栏目：部门主要负责人讲法。",
    )
    for number, (title, topic, aired_on, views) in enumerate(EPISODES, start=1):
        episode = publicity.episode_create(
            actor=admin,
            programme=programme,
            number=number,
            title=title,
            topic=topic,
            aired_on=aired_on,
        )
        publicity.episode_views_record(
            actor=admin, episode=episode, views=views, on=dt.date(YEAR, 12, 31)
        )
    for index, (code, _title, law) in enumerate(CASES):
        for number, (task, audience, method) in enumerate(
            [
                ("执法过程中向当事人释法说理", "行政相对人", "执法现场释法"),
                ("发布典型案例开展以案释法", "社会公众", "政务新媒体"),
                ("开展本系统法律法规专题培训", "本单位工作人员", "集中培训"),
            ]
        ):
            duty = publicity.duty_create(
                actor=admin,
                organization=units[code],
                year=YEAR,
                law=laws[law],
                task=task,
                audience=audience,
                method=method,
                schedule="全年",
            )
            if (index + number) % 7 != 0:
                publicity.duty_complete(
                    actor=admin,
                    duty=duty,
                    on=dt.date(YEAR, 12, 20),
                    outcome="已按清单完成。",
                )
