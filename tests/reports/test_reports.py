"""The annual report: draft → review → approval (frozen) → submission → publication, with
provenance, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core import indicators
from fazhi.core.errors import ApplicationError
from fazhi.core.models import Clock, ClockStatus, DomainEvent
from fazhi.disputes.models import Outcome
from fazhi.reports import selectors, services
from fazhi.reports.models import (
    AnnualReport,
    FrozenFigure,
    FrozenRecord,
    ReportSection,
    SectionCode,
    Status,
)
from tests.reports.conftest import conclude


def snapshot(report: AnnualReport):
    report.refresh_from_db()
    return (
        report.status,
        tuple(report.sections.order_by("code").values_list("body", flat=True)),
        FrozenFigure.objects.count(),
        FrozenRecord.objects.count(),
        DomainEvent.objects.count(),
    )


def refused(code: str, call, report: AnnualReport) -> ApplicationError:
    before = snapshot(report)
    with pytest.raises(ApplicationError) as caught:
        call()
    assert caught.value.code == code
    assert snapshot(report) == before
    return caught.value


def approve(users, report):
    services.report_review_start(actor=users["justice_legal_officer"], report=report)
    return services.report_approve(actor=users["leader"], report=report)


def test_draft_references_figures_and_renders_their_values(drafted):
    c1 = drafted.sections.get(code=SectionCode.C1).body
    assert "{{disputes.mediation_cases}}" in c1
    figures = selectors.report_figures(drafted)
    assert figures["disputes.mediation_cases"].text == "3"
    assert figures["disputes.mediation_success_rate"].text == "66.67%"
    assert "{{" not in "".join(f.text for f in figures.values())  # every referenced key resolved


def test_approval_freezes_figures_and_records_and_one_failed_case_moves_only_its_figures(
    drafted, users, tree, mediation_cases
):
    approve(users, drafted)
    drafted.refresh_from_db()
    assert drafted.status == Status.APPROVED
    frozen = FrozenFigure.objects.get(report=drafted, key="disputes.mediation_success_rate")
    assert (frozen.value, frozen.numerator, frozen.denominator) == (Decimal("66.67"), 2, 3)
    assert frozen.record_count == 3
    assert frozen.query["scope"] == tree.city.code and frozen.query["year"] == 2022
    assert frozen.records.filter(in_numerator=True).count() == 2

    before = {k: v["value"] for k, v in indicators.report(2022, tree.city)["indicators"].items()}
    conclude(
        mediation_cases["actor"],
        mediation_cases["committee"],
        mediation_cases["mediator"],
        "2022-099",
        Outcome.FAILED,
    )
    after = {k: v["value"] for k, v in indicators.report(2022, tree.city)["indicators"].items()}
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"disputes.mediation_cases", "disputes.mediation_success_rate"}
    assert after["disputes.mediation_cases"] == 4

    # the frozen report keeps its values, and the staff view marks the moved figures
    shown = selectors.report_figures(drafted)
    assert shown["disputes.mediation_cases"].text == "3"
    assert shown["disputes.mediation_success_rate"].text == "66.67%"
    states = selectors.figure_states(drafted)
    assert {k for k, s in states.items() if s.moved} == changed
    provenance = selectors.figure_provenance(drafted, "disputes.mediation_cases")
    assert provenance.records.count() == 3  # the frozen set, not the four counted now


def test_staff_page_marks_moved_figures_and_links_provenance(
    client, drafted, users, mediation_cases
):
    approve(users, drafted)
    conclude(
        mediation_cases["actor"],
        mediation_cases["committee"],
        mediation_cases["mediator"],
        "2022-098",
        Outcome.FAILED,
    )
    client.force_login(users["justice_legal_officer"])
    page = client.get(reverse("reports:detail", args=[drafted.pk])).content.decode()
    assert 'class="figure moved"' in page
    assert "现值 4" in page
    figure_url = reverse("reports:figure", args=[drafted.pk, "disputes.mediation_success_rate"])
    assert figure_url in page
    records = client.get(figure_url + "?counted=no").content.decode()
    assert "2022-003" in records and "2022-001" not in records and "2022-098" not in records
    export = client.get(figure_url + "?export=xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_workflow_submission_and_publication_stop_the_clocks(drafted, users):
    justice = users["justice_legal_officer"]
    services.report_comment(actor=users["leader"], report=drafted, body="请补充复议数据。")
    approve(users, drafted)
    services.report_submit(
        actor=justice,
        report=drafted,
        recipients="中共嘉兴市委、嘉兴市人民政府",
        submitted_on=dt.date(2023, 2, 28),
        reason="纸质报送记录补录",
    )
    services.report_publish(actor=justice, report=drafted, url="https://www.haining.gov.cn/")
    drafted.refresh_from_db()
    assert drafted.status == Status.PUBLISHED
    clocks = Clock.objects.filter(object_id=str(drafted.pk), clock_type__startswith="reports.")
    assert {c.clock_type: c.status for c in clocks} == {
        "reports.submission": ClockStatus.STOPPED,
        "reports.publication": ClockStatus.STOPPED,
    }
    assert clocks.get(clock_type="reports.submission").due_date >= dt.date(2023, 2, 28)


def test_portal_shows_each_figures_definition(client, drafted, users):
    approve(users, drafted)
    services.report_submit(actor=users["justice_legal_officer"], report=drafted, recipients="市委")
    services.report_publish(actor=users["justice_legal_officer"], report=drafted)
    page = client.get(reverse("reports-portal:detail", args=[drafted.pk])).content.decode()
    assert "调处成功率" in page and "成功调处件数 ÷ 调处矛盾纠纷数" in page
    assert "66.67%" in page
    assert "{{" not in page


def test_portal_hides_unpublished_reports(client, drafted):
    assert client.get(reverse("reports-portal:detail", args=[drafted.pk])).status_code == 404


# --- bad input: refused, nothing changed ------------------------------------------------------


def test_approving_with_a_missing_section_is_refused(drafted, users):
    services.report_review_start(actor=users["justice_legal_officer"], report=drafted)
    section = drafted.sections.get(code=SectionCode.C4)
    ReportSection.objects.filter(pk=section.pk).update(body="")
    error = refused(
        "section_missing",
        lambda: services.report_approve(actor=users["leader"], report=drafted),
        drafted,
    )
    assert error.field == "sections" and "工作计划" in str(error.message)


def test_editing_a_frozen_report_is_refused(drafted, users):
    approve(users, drafted)
    section = drafted.sections.get(code=SectionCode.C2)
    refused(
        "report_frozen",
        lambda: services.section_update(
            actor=users["justice_legal_officer"], section=section, body="改写"
        ),
        drafted,
    )
    refused(
        "report_frozen",
        lambda: services.report_approve(actor=users["leader"], report=drafted),
        drafted,
    )


def test_unknown_indicator_reference_is_refused(drafted, users):
    section = drafted.sections.get(code=SectionCode.C5)
    error = refused(
        "unknown_indicator",
        lambda: services.section_update(
            actor=users["justice_legal_officer"], section=section, body="共{{nope.figure}}件"
        ),
        drafted,
    )
    assert error.field == "body" and "nope.figure" in str(error.message)


def test_a_user_of_another_unit_can_neither_read_nor_change(client, tree, users, drafted):
    town_report = services.report_create(
        actor=users["justice_legal_officer"], organization=tree.town, year=2022
    )
    outsider = users["department_legal_officer"]  # market bureau
    with pytest.raises(ApplicationError) as caught:
        selectors.report_get(user=outsider, pk=town_report.pk)
    assert caught.value.code == "not_found"
    refused(
        "out_of_scope",
        lambda: services.section_update(
            actor=outsider, section=town_report.sections.first(), body="x"
        ),
        town_report,
    )
    client.force_login(outsider)
    assert client.get(reverse("reports:detail", args=[town_report.pk])).status_code == 404


def test_only_the_principal_leader_approves(drafted, users):
    services.report_review_start(actor=users["justice_legal_officer"], report=drafted)
    refused(
        "forbidden_role",
        lambda: services.report_approve(actor=users["justice_legal_officer"], report=drafted),
        drafted,
    )


def test_editor_flags_a_typed_figure(client, drafted, users):
    client.force_login(users["justice_legal_officer"])
    url = reverse("reports:section_edit", args=[drafted.pk, "C5"])
    response = client.post(url, {"body": "全年调处纠纷3起，其中12件……"}, follow=True)
    page = response.content.decode()
    assert "“3”" not in page  # one-digit numbers are too common to flag
    response = client.post(url, {"body": "调处成功率66.67%。"}, follow=True)
    assert "请以引用方式插入" in response.content.decode()


def test_duplicate_report_is_refused(drafted, users, tree):
    with pytest.raises(ApplicationError) as caught:
        services.report_create(
            actor=users["justice_legal_officer"], organization=tree.city, year=2022
        )
    assert caught.value.code == "duplicate"
