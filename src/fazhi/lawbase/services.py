"""Writes of the law base: loading the shared corpus of law texts into the database.

``laws_load`` is the one way laws enter the database. It parses every file first (so a bad file
changes nothing), then inserts, updates or skips each law by the hash of its file and index
entry, all inside one transaction, and records one domain event per law added or changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Role
from fazhi.core.scoping import require_role
from fazhi.core.services import event_record
from fazhi.lawbase.domain import (
    LawIndexEntry,
    LawParseError,
    ParsedLaw,
    load_corpus,
    records_from_corpus,
)
from fazhi.lawbase.domain.tokens import search_text
from fazhi.lawbase.error_codes import LawbaseErrorCode
from fazhi.lawbase.models import KIND_BY_LEVEL, Article, Law, LawKind, LawStatus

ARTICLE_FIELDS = ("label", "chapter", "section", "text", "paragraphs", "search_text")


@dataclass(frozen=True)
class LoadSummary:
    """What one load did: laws added, changed and unchanged, and articles written."""

    added: int
    updated: int
    unchanged: int
    articles_written: int
    laws_total: int
    articles_total: int


def _paragraphs_json(parsed_article) -> list[dict[str, Any]]:
    return [
        {
            "number": paragraph.number,
            "text": paragraph.text,
            "items": [
                {"number": item.number, "label": item.label, "text": item.text}
                for item in paragraph.items
            ],
        }
        for paragraph in parsed_article.paragraphs
    ]


def _hash(directory: Path, entry: LawIndexEntry, raw_entry: dict[str, Any]) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(raw_entry, sort_keys=True, ensure_ascii=False).encode())
    digest.update((directory / entry.file).read_bytes())
    return digest.hexdigest()


def _status(entry: LawIndexEntry, repealed_on, superseded_on) -> str:
    if repealed_on is not None:
        return LawStatus.REPEALED
    if entry.in_force:
        return LawStatus.IN_FORCE
    return LawStatus.SUPERSEDED if superseded_on is not None else LawStatus.REPEALED


def _read(directory: Path) -> tuple[list[tuple[LawIndexEntry, ParsedLaw]], list[dict[str, Any]]]:
    """Parse the whole corpus or refuse: nothing is written until every file has parsed."""
    if not (directory / "index.json").is_file():
        raise ValidationFailed(
            LawbaseErrorCode.CORPUS_UNREADABLE,
            _("找不到法律法规目录文件：%(path)s") % {"path": directory / "index.json"},
            field="directory",
        )
    try:
        corpus = load_corpus(directory)
        raw = json.loads((directory / "index.json").read_text(encoding="utf-8"))
    except (LawParseError, OSError, ValueError) as error:
        raise ValidationFailed(
            LawbaseErrorCode.CORPUS_INVALID,
            _("法律法规文本有误，未做任何更改：%(error)s") % {"error": error},
            field="directory",
        ) from error
    return corpus, raw


@transaction.atomic
def laws_load(*, directory: Path | str, actor=None) -> LoadSummary:
    """Load (or refresh) every law listed in ``directory/index.json``; idempotent.

    ``actor`` is None when the command line or the demo loads the corpus; a user who loads it
    through the application must be an administrator.
    """
    if actor is not None:
        require_role(actor, Role.ADMINISTRATOR)
    directory = Path(directory)
    corpus, raw_entries = _read(directory)
    raw_by_title = {raw["title"]: raw for raw in raw_entries}
    records = {record.title: record for record in records_from_corpus(corpus)}
    now = timezone.now()
    existing = {law.title: law for law in Law.objects.select_for_update()}
    added = updated = unchanged = articles_written = 0

    for entry, parsed in corpus:
        record = records[entry.title]
        content_hash = _hash(directory, entry, raw_by_title[entry.title])
        law = existing.get(entry.title)
        if law is not None and law.content_hash == content_hash and law.text_held:
            unchanged += 1
            continue
        fields = {
            "issuer": entry.issuer,
            "kind": KIND_BY_LEVEL.get(entry.level or "", LawKind.OTHER),
            "status": _status(entry, record.repealed_on, record.superseded_on),
            "text_held": True,
            "adopted_on": entry.promulgated,
            "amended_on": entry.revised,
            "effective_on": entry.effective,
            "first_effective_on": entry.first_effective,
            "repealed_on": record.repealed_on,
            "superseded_on": record.superseded_on,
            "first_article": parsed.first_article,
            "last_article": parsed.last_article,
            "articles_consecutive": parsed.is_consecutive,
            "article_count": len(parsed.articles),
            "source_file": entry.file,
            "source_path": entry.source_path or "",
            "note": entry.note or "",
            "content_hash": content_hash,
            "search_text": search_text(f"{entry.title} {entry.issuer}"),
            "loaded_at": now,
        }
        if law is None:
            law = Law.objects.create(title=entry.title, **fields)
            added += 1
            event_type = "law_loaded"
        else:
            for name, value in fields.items():
                setattr(law, name, value)
            law.save()
            updated += 1
            event_type = "law_reloaded"
        articles_written += _sync_articles(law, parsed, actor)
        event_record(
            subject=law,
            event_type=event_type,
            actor=actor,
            details={"file": entry.file, "articles": len(parsed.articles)},
        )

    held = {entry.title for entry, _parsed in corpus}
    for title, record in records.items():
        # Instruments repealed by a held law but not held themselves.
        if title in held or record.repealed_on is None:
            continue
        law = existing.get(title)
        if law is not None and law.repealed_on == record.repealed_on:
            unchanged += 1
            continue
        fields = {
            "kind": LawKind.OTHER,
            "status": LawStatus.REPEALED,
            "text_held": False,
            "repealed_on": record.repealed_on,
            "note": _("全文未收录；据库中法律法规的施行条款，该文件已废止。"),
            "search_text": search_text(title),
            "loaded_at": now,
        }
        if law is None:
            law = Law.objects.create(title=title, **fields)
            added += 1
        else:
            for name, value in fields.items():
                setattr(law, name, value)
            law.save()
            updated += 1
        event_record(
            subject=law, event_type="law_repeal_recorded", actor=actor, details={"title": title}
        )

    return LoadSummary(
        added=added,
        updated=updated,
        unchanged=unchanged,
        articles_written=articles_written,
        laws_total=Law.objects.filter(text_held=True).count(),
        articles_total=Article.objects.count(),
    )


def _sync_articles(law: Law, parsed: ParsedLaw, actor) -> int:
    """Make the law's articles match the parsed text; history records each change."""
    current = {article.number: article for article in law.articles.all()}
    to_create: list[Article] = []
    to_update: list[Article] = []
    for parsed_article in parsed.articles:
        values = {
            "label": parsed_article.label,
            "chapter": parsed_article.chapter or "",
            "section": parsed_article.section or "",
            "text": parsed_article.text,
            "paragraphs": _paragraphs_json(parsed_article),
            "search_text": search_text(f"{parsed_article.label} {parsed_article.text}"),
        }
        article = current.pop(parsed_article.number, None)
        if article is None:
            to_create.append(Article(law=law, number=parsed_article.number, **values))
        elif any(getattr(article, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(article, name, value)
            to_update.append(article)
    user = actor if actor is not None and actor.is_authenticated else None
    if to_create:
        bulk_create_with_history(to_create, Article, batch_size=500, default_user=user)
    if to_update:
        bulk_update_with_history(
            to_update, Article, list(ARTICLE_FIELDS), batch_size=500, default_user=user
        )
    for article in current.values():  # articles the new text no longer has
        article.delete()
    return len(to_create) + len(to_update) + len(current)
