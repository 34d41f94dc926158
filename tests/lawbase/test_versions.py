"""Dated texts of one law: the 行政复议法 2017 text (2018-01-01 … 2023-12-31) beside the 2023
revision (from 2024-01-01). Citations resolve against the text in force on the citing date; the
law page shows a text "as in force on DATE" and the article-by-article differences."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from fazhi.core.errors import ValidationFailed
from fazhi.lawbase import selectors, services
from fazhi.lawbase.domain import diff_articles, find_citations
from fazhi.lawbase.error_codes import LawbaseErrorCode
from fazhi.lawbase.models import Law, LawVersion
from tests.lawbase.corpus import LAWS_DIR, make_small_corpus

TITLE = "中华人民共和国行政复议法"
BEFORE = dt.date(2023, 12, 29)  # a Friday before the 2023 revision took effect
AFTER = dt.date(2024, 1, 2)  # the first working day under the 2023 revision


@pytest.fixture
def corpus(tmp_path):
    directory = make_small_corpus(tmp_path / "laws", (TITLE,))
    shutil.copytree(LAWS_DIR / "versions", directory / "versions")
    return directory


@pytest.fixture
def versioned(db, corpus):
    return services.laws_load(directory=corpus)


def _resolve(text, day):
    return selectors.citations_resolve(text=text, as_of=day)[0]


def test_load_keeps_the_2017_text_beside_the_current_one(versioned, corpus):
    assert versioned.versions_written == 1
    law = Law.objects.get(title=TITLE)
    old = LawVersion.objects.get(law=law)
    assert (old.version, old.effective_from, old.effective_to) == (
        "2017",
        dt.date(2018, 1, 1),
        dt.date(2023, 12, 31),
    )
    assert old.article_count == 43 and law.article_count == 90
    again = services.laws_load(directory=corpus)
    assert again.versions_written == 0  # unchanged: skipped


def test_a_version_of_a_law_not_held_changes_nothing(db, tmp_path):
    directory = make_small_corpus(tmp_path / "laws")  # without the 行政复议法
    shutil.copytree(LAWS_DIR / "versions", directory / "versions")
    with pytest.raises(ValidationFailed) as error:
        services.laws_load(directory=directory)
    assert error.value.code == LawbaseErrorCode.VERSION_LAW_UNKNOWN
    assert not Law.objects.exists()


def test_a_version_without_dates_is_refused(db, corpus):
    index = corpus / "versions" / "index.json"
    entries = json.loads(index.read_text(encoding="utf-8"))
    del entries[0]["effective_from"]
    index.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationFailed) as error:
        services.laws_load(directory=corpus)
    assert error.value.code == LawbaseErrorCode.CORPUS_INVALID


def test_article_50_exists_only_from_2024(versioned):
    text = "《中华人民共和国行政复议法》第五十条"
    before, after = _resolve(text, BEFORE), _resolve(text, AFTER)
    assert before.code == "article_out_of_range" and "2017年文本" in before.message
    assert before.version == "2017"
    assert after.ok and after.version == "2023"


def test_2017_article_43_is_the_last_before_2024(versioned):
    text = "《中华人民共和国行政复议法》第四十三条、第四十四条"
    first, second = selectors.citations_resolve(text=text, as_of=BEFORE)
    assert first.ok and second.code == "article_out_of_range"
    assert all(r.ok for r in selectors.citations_resolve(text=text, as_of=AFTER))


def test_the_resolver_from_files_also_chooses_the_version(corpus):
    resolver = selectors.corpus_citation_resolver(corpus)
    (mention,) = find_citations("《中华人民共和国行政复议法》第七十条")
    assert resolver.resolve(mention, BEFORE).code == "article_out_of_range"
    assert resolver.resolve(mention, AFTER).ok
    # Without a date, the current text.
    assert resolver.resolve(mention).ok


def test_text_in_force_on_a_date_and_refusal_before_any_held_text(versioned):
    law = Law.objects.get(title=TITLE)
    assert selectors.law_text_on(law, dt.date(2023, 12, 31)).version == "2017"
    assert selectors.law_text_on(law, dt.date(2024, 1, 1)).version == "2023"
    with pytest.raises(ValidationFailed) as error:
        selectors.law_text_on(law, dt.date(2017, 12, 31))
    assert error.value.code == LawbaseErrorCode.NO_VERSION_ON_DATE


def test_diff_lists_changed_added_and_removed_articles(versioned):
    law = Law.objects.get(title=TITLE)
    changes = selectors.law_text_diff(law, old="2017", new="2023")
    kinds = {change.number: change.change for change in changes}
    assert kinds[44] == "added" and kinds[90] == "added"
    assert kinds[9] == "changed"
    assert len([c for c in changes if c.change == "added"]) == 47
    with pytest.raises(ValidationFailed) as error:
        selectors.law_text_diff(law, old="2009", new="2023")
    assert error.value.code == LawbaseErrorCode.VERSION_UNKNOWN


def test_diff_ignores_punctuation_variants():
    old = [{"number": 1, "label": "第一条", "text": "为了:防止"}]
    new = [{"number": 1, "label": "第一条", "text": "为了：防止"}]
    assert diff_articles(old, new)[0].change == "same"


def test_law_page_as_in_force_on_a_date_and_the_comparison(client, users, versioned):
    client.force_login(users["drafter"])
    law = Law.objects.get(title=TITLE)
    page = client.get(f"/lawbase/laws/{law.pk}/", {"as_of": "2022-06-01"}).content.decode()
    assert "以下为2022-06-01施行的文本（2017年文本）" in page
    assert page.count('class="article" id="article-') == 43
    page = client.get(f"/lawbase/laws/{law.pk}/", {"old": "2017", "new": "2023"}).content.decode()
    assert "2017年文本与2023年文本逐条比较" in page and "新增" in page
    page = client.get(f"/lawbase/laws/{law.pk}/", {"as_of": "2010-01-01"}).content.decode()
    assert "法律法规库中没有2010-01-01施行的" in page
    assert page.count('class="article" id="article-') == 90  # the current text still shown


def test_api_texts_as_of_a_date_and_the_diff(client, users, versioned):
    client.force_login(users["drafter"])
    law = Law.objects.get(title=TITLE)
    texts = client.get(f"/api/lawbase/laws/{law.pk}/texts/").json()
    assert [t["version"] for t in texts] == ["2017", "2023"]
    (text,) = client.get(f"/api/lawbase/laws/{law.pk}/texts/", {"as_of": "2023-12-31"}).json()
    assert (text["version"], len(text["articles"])) == ("2017", 43)
    missing = client.get(f"/api/lawbase/laws/{law.pk}/texts/", {"as_of": "2010-01-01"})
    assert (missing.status_code, missing.json()["code"]) == (400, "no_version_on_date")
    diff = client.get(f"/api/lawbase/laws/{law.pk}/diff/", {"old": "2017", "new": "2023"}).json()
    assert {"number": 90, "change": "added"}.items() <= next(
        c for c in diff if c["number"] == 90
    ).items()
    bad = client.get(f"/api/lawbase/laws/{law.pk}/diff/", {"old": "2009", "new": "2023"})
    assert (bad.status_code, bad.json()["field"]) == (400, "version")
