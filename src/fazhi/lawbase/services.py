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

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fazhi.core.errors import ValidationFailed
from fazhi.core.models import Role
from fazhi.core.scoping import require_role
from fazhi.core.services import event_record
from fazhi.lawbase.domain import (
    HistoricVersion,
    LawIndexEntry,
    LawParseError,
    ParsedLaw,
    load_corpus,
    load_versions,
    records_from_corpus,
)
from fazhi.lawbase.domain.tokens import search_text
from fazhi.lawbase.error_codes import LawbaseErrorCode
from fazhi.lawbase.models import KIND_BY_LEVEL, Article, Law, LawKind, LawStatus, LawVersion

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
    versions_written: int = 0


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


def _read(
    directory: Path,
) -> tuple[list[tuple[LawIndexEntry, ParsedLaw]], list[dict[str, Any]], list[HistoricVersion]]:
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
        historic = load_versions(directory)
    except (LawParseError, OSError, ValueError) as error:
        raise ValidationFailed(
            LawbaseErrorCode.CORPUS_INVALID,
            _("法律法规文本有误，未做任何更改：%(error)s") % {"error": error},
            field="directory",
        ) from error
    titles = {entry.title for entry, _parsed in corpus}
    for version in historic:
        if version.entry.title not in titles:
            raise ValidationFailed(
                LawbaseErrorCode.VERSION_LAW_UNKNOWN,
                _("历史文本《%(title)s》没有对应的现行文本，未做任何更改。")
                % {"title": version.entry.title},
                field="directory",
            )
    return corpus, raw, historic


@transaction.atomic
def laws_load(*, directory: Path | str, actor: User | None = None) -> LoadSummary:
    """Load (or refresh) every law listed in ``directory/index.json``; idempotent.

    ``actor`` is None when the command line or the demo loads the corpus; a user who loads it
    through the application must be an administrator.
    """
    if actor is not None:
        require_role(actor, Role.ADMINISTRATOR)
    directory = Path(directory)
    corpus, raw_entries, historic = _read(directory)
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

    versions_written = _sync_versions(directory, historic, now, actor)
    return LoadSummary(
        versions_written=versions_written,
        added=added,
        updated=updated,
        unchanged=unchanged,
        articles_written=articles_written,
        laws_total=Law.objects.filter(text_held=True).count(),
        articles_total=Article.objects.count(),
    )


def _sync_articles(law: Law, parsed: ParsedLaw, actor: User | None) -> int:
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


def _article_dicts(parsed: ParsedLaw) -> list[dict[str, Any]]:
    return [
        {
            "number": article.number,
            "label": article.label,
            "chapter": article.chapter or "",
            "section": article.section or "",
            "text": article.text,
            "paragraphs": _paragraphs_json(article),
        }
        for article in parsed.articles
    ]


def _sync_versions(
    directory: Path, historic: list[HistoricVersion], now, actor: User | None
) -> int:
    """Insert or refresh each historic text (``versions/index.json``); unchanged ones skipped."""
    laws = {
        law.title: law for law in Law.objects.filter(title__in=[v.entry.title for v in historic])
    }
    written = 0
    for version in historic:
        law = laws[version.entry.title]
        digest = hashlib.sha256()
        digest.update(version.version.encode())
        digest.update(str((version.effective_from, version.effective_to)).encode())
        digest.update((directory / "versions" / version.entry.file).read_bytes())
        content_hash = digest.hexdigest()
        existing = (
            LawVersion.objects.select_for_update().filter(law=law, version=version.version).first()
        )
        if existing is not None and existing.content_hash == content_hash:
            continue
        fields = {
            "effective_from": version.effective_from,
            "effective_to": version.effective_to,
            "amended_on": version.entry.revised,
            "source_file": version.entry.file,
            "source_path": version.entry.source_path or "",
            "note": version.entry.note or "",
            "article_count": len(version.parsed.articles),
            "articles": _article_dicts(version.parsed),
            "content_hash": content_hash,
            "loaded_at": now,
        }
        if existing is None:
            LawVersion.objects.create(law=law, version=version.version, **fields)
        else:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
        # Touch the law so that the cached citation resolver is rebuilt.
        law.loaded_at = now
        law.save(update_fields=["loaded_at"])
        event_record(
            subject=law,
            event_type="law_version_loaded",
            actor=actor,
            details={"version": version.version, "file": version.entry.file},
        )
        written += 1
    return written
