"""Checks on the demo's annual report, run by ``tests/demo/test_demo.py`` after its one demo
build (building the demo takes minutes; CI builds it once).

The generated draft for Haining 2022 states every registered seed figure with the seed's value,
the city report renders as DOCX/PDF with those figures, and every declared record set agrees
with its figure."""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.conf import settings

from fazhi.core import documents, indicators
from fazhi.core.models import Organization
from fazhi.reports import drafting, figures, rendering, selectors
from fazhi.reports.models import AnnualReport

SEED = Path(settings.FAZHI_SHARED_DIR) / "seed" / "000_7bf61fff27766dcc.txt"
# Figures the platform keeps beside the seed's (not stated in the seed's own words).
NOT_IN_SEED_TEXT = {
    "grassroots.towns",
    "people.enforcement_officers",
    "people.city_managed_leaders",
}


def check_demo_report(SEED_FIGURES) -> None:
    city = Organization.objects.get(kind="city_government")
    registered = {i.key for i in indicators.all_indicators()}
    # every seed figure is registered (the list is explicit: a missing one fails, not skips)
    assert set(SEED_FIGURES) <= registered, set(SEED_FIGURES) - registered
    expected = {k: v for k, v in SEED_FIGURES.items() if k not in NOT_IN_SEED_TEXT}

    draft = drafting.draft_sections(2022, city)
    text = "\n".join(draft.values())
    referenced = set(figures.references(text))
    assert set(expected) <= referenced, set(expected) - referenced
    live = figures.live(expected, 2022, city)
    seed_text = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
    for key, value in expected.items():
        shown = live[key].value
        if isinstance(value, tuple):
            assert value[0] <= shown <= value[1], key
        else:
            assert shown == value, key
            if seed_text and key not in {"reconsideration.lost_in_court"}:
                assert live[key].text in seed_text, (key, live[key].text)

    # the demo's report: its DOCX (and PDF where LibreOffice is installed) carries the figures
    report = AnnualReport.objects.get(organization=city, year=2022)
    assert set(expected) <= set(selectors.report_keys(report))
    from docx import Document

    docx = Document(io.BytesIO(rendering.docx(report)))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert "调处各类矛盾纠纷12297起" in body
    assert "调处成功率99.35%" in body
    if documents.pdf_available():
        from pypdf import PdfReader

        pdf = PdfReader(io.BytesIO(rendering.pdf(report)))
        pdf_text = re.sub(r"\s", "", "".join(p.extract_text() for p in pdf.pages))
        assert "12297" in pdf_text and "99.35%" in pdf_text

    # every declared record set agrees with its figure (count, or denominator and numerator)
    for key in indicators.keys_with_records():
        indicator = indicators.get(key)
        if indicator is None:
            continue
        value = indicators.evaluate(indicator, 2022, city)
        selected = indicators.records(key, 2022, city)
        if value.denominator is not None:
            assert selected.queryset.count() == value.denominator, key
            assert selected.queryset.filter(selected.numerator).count() == value.numerator, key
        else:
            assert selected.queryset.count() == value.value, key


def check_one_changed_record(report: AnnualReport) -> None:
    """Approve the demo's report (frozen), then conclude one more failed mediation case: exactly
    the figures that count it move, live, and the frozen report keeps every value."""
    from fazhi.core.models import Person, Role
    from fazhi.disputes.models import Outcome
    from fazhi.reports import services
    from fazhi.reports.models import Status
    from tests.factories import user_with_role
    from tests.reports.conftest import conclude

    city = report.organization
    leader = user_with_role(Role.LEADER, city, username="demo-proof-leader")
    services.report_approve(actor=leader, report=report)
    report.refresh_from_db()
    assert report.status == Status.APPROVED
    shown_before = {k: f.text for k, f in selectors.report_figures(report).items()}
    before = {k: v["value"] for k, v in indicators.report(2022, city)["indicators"].items()}

    mediator = Person.objects.filter(organization__kind="mediation_committee").first()
    assert mediator is not None
    committee = mediator.organization
    actor = user_with_role(Role.MEDIATOR, committee, username="demo-proof-mediator")
    conclude(actor, committee, mediator, "演示-证明-001", Outcome.FAILED)

    after = {k: v["value"] for k, v in indicators.report(2022, city)["indicators"].items()}
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"disputes.mediation_cases", "disputes.mediation_success_rate"}, changed
    assert after["disputes.mediation_cases"] == before["disputes.mediation_cases"] + 1
    shown_after = {k: f.text for k, f in selectors.report_figures(report).items()}
    assert shown_after == shown_before  # frozen: 12297 and 99.35% stay in the report
    assert shown_after["disputes.mediation_cases"] == "12297"
    moved = {k for k, state in selectors.figure_states(report).items() if state.moved}
    assert moved == changed & set(shown_after)
