"""Loading the law corpus: counts, fields, idempotence, updates, all-or-nothing, permissions."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from fazhi.core.errors import PermissionDenied, ValidationFailed
from fazhi.core.models import DomainEvent
from fazhi.lawbase import selectors, services
from fazhi.lawbase.domain import find_citations
from fazhi.lawbase.models import Article, Law, LawKind, LawStatus
from tests.lawbase.corpus import LAWS_DIR

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not LAWS_DIR.is_dir(), reason="shared law corpus not present")
def test_full_corpus_loads_every_law_and_article_of_the_index_once(settings):
    """The one test that loads all 43 files: counts match index.json, a reload writes nothing,
    and the resolver built from the database agrees with the one built from the files."""
    settings.FAZHI_SHARED_DIR = LAWS_DIR.parent.parent
    index = json.loads((LAWS_DIR / "index.json").read_text(encoding="utf-8"))
    # Its speed is measured in benchmarks/, not asserted here (a loaded CI machine is slower).
    call_command("laws", "load", stdout=io.StringIO())

    assert Law.objects.filter(text_held=True).count() == len(index) == 43
    assert Article.objects.count() == sum(entry["articles"] for entry in index)
    counts = dict(Law.objects.filter(text_held=True).values_list("title", "article_count"))
    assert counts == {entry["title"]: entry["articles"] for entry in index}
    civil = Law.objects.get(title="中华人民共和国民法典（继承编）")
    assert (civil.first_article, civil.last_article) == (1119, 1163)
    assert Law.objects.get(title="中华人民共和国仲裁法").status == LawStatus.SUPERSEDED

    again = services.laws_load(directory=LAWS_DIR)
    assert (again.added, again.updated, again.articles_written) == (0, 0, 0)

    text = (
        "根据《中华人民共和国行政处罚法》第三十三条第二款、《行政许可法》第九十条、"
        "《法规规章备案条例》第三条、《中华人民共和国仲裁法》第五条和《某某条例》第一条，"
        "《民法典》第一千一百二十三条。"
    )
    from_files = selectors.corpus_citation_resolver(LAWS_DIR)
    from_database = selectors.citation_resolver()
    for as_of in (None, dt.date(2022, 6, 1), dt.date(2025, 1, 1)):
        expected = [(r.code, r.message) for r in from_files.resolve_text(text, as_of)]
        got = [(r.code, r.message) for r in from_database.resolve_text(text, as_of)]
        assert got == expected
    codes = [r.code for r in from_database.resolve_text(text, dt.date(2025, 1, 1))]
    assert codes == ["ok", "article_out_of_range", "repealed", "ok", "unknown_law", "ok"]
    assert len(find_citations(text)) == 6


def test_load_records_dates_status_articles_and_history(loaded):
    assert (loaded.added, loaded.laws_total, loaded.articles_total) == (4, 3, 86 + 22 + 26)
    assert Law.objects.get(text_held=False).title == "法规、规章备案规定"
    law = Law.objects.get(title="中华人民共和国行政处罚法")
    assert law.kind == LawKind.LAW
    assert law.status == LawStatus.IN_FORCE
    assert law.adopted_on == dt.date(1996, 3, 17)
    assert law.amended_on == dt.date(2021, 1, 22)
    assert law.effective_on == dt.date(2021, 7, 15)
    assert law.issuer == "全国人民代表大会常务委员会"
    article = law.articles.get(number=9)
    assert article.label == "第九条"
    assert article.chapter.startswith("第二章")
    items = article.paragraphs[0]["items"]
    assert [item["label"] for item in items][:2] == ["（一）", "（二）"]
    assert " 行政 " in article.search_text
    assert article.history.count() == 1
    old = Law.objects.get(title="法规规章备案条例")
    assert old.status == LawStatus.REPEALED
    assert old.repealed_on == dt.date(2024, 11, 1)
    assert DomainEvent.objects.filter(event_type="law_loaded").count() == 3


def test_reload_skips_unchanged_and_updates_a_changed_text(small_corpus):
    services.laws_load(directory=small_corpus)
    path = small_corpus / "中华人民共和国行政处罚法.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("第一条 为了规范", "第一条 为了进一步规范", 1), encoding="utf-8")

    summary = services.laws_load(directory=small_corpus)

    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 3)
    assert summary.articles_written == 1
    article = Article.objects.get(law__title="中华人民共和国行政处罚法", number=1)
    assert article.text.startswith("为了进一步规范")
    assert article.history.count() == 2
    assert DomainEvent.objects.filter(event_type="law_reloaded").count() == 1


def test_a_bad_file_changes_nothing(small_corpus, loaded):
    before = list(Article.objects.order_by("pk").values_list("pk", "text"))
    index = json.loads((small_corpus / "index.json").read_text(encoding="utf-8"))
    index[0]["articles"] += 1  # the file no longer matches its index entry
    (small_corpus / "index.json").write_text(json.dumps(index, ensure_ascii=False))
    path = small_corpus / "法规规章备案条例.md"
    path.write_text(path.read_text(encoding="utf-8").replace("第一条", "第一条 改", 1))

    with pytest.raises(ValidationFailed) as error:
        services.laws_load(directory=small_corpus)

    assert error.value.code == "corpus_invalid"
    assert error.value.field == "directory"
    assert list(Article.objects.order_by("pk").values_list("pk", "text")) == before


def test_missing_corpus_is_refused_by_service_and_command(tmp_path):
    with pytest.raises(ValidationFailed) as error:
        services.laws_load(directory=tmp_path / "nowhere")
    assert error.value.code == "corpus_unreadable"
    with pytest.raises(CommandError, match=r"index\.json"):
        call_command("laws", "load", "--directory", str(tmp_path / "nowhere"))
    assert not Law.objects.exists()


def test_only_administrators_load_laws_through_the_application(users, small_corpus):
    with pytest.raises(PermissionDenied) as error:
        services.laws_load(directory=small_corpus, actor=users["drafter"])
    assert error.value.code == "forbidden_role"
    assert not Law.objects.exists()
    services.laws_load(directory=small_corpus, actor=users["administrator"])
    assert Law.objects.filter(text_held=True).count() == 3


def test_command_reports_what_it_did(small_corpus, capsys):
    call_command("laws", "load", "--directory", str(small_corpus))
    call_command("laws", "load", "--directory", str(small_corpus))
    output = capsys.readouterr().out.splitlines()
    assert output[0].startswith("法律法规库：新增 4 部，更新 0 部，未变 0 部；写入条文 134 条。")
    assert output[1].startswith("法律法规库：新增 0 部，更新 0 部，未变 4 部；写入条文 0 条。")
