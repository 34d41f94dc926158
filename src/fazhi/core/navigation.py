"""The left-hand menu: apps register their sections here from ``AppConfig.ready``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: object  # a lazy translation
    roles: frozenset[str] | None = None  # None: every staff user
    shown: Callable[[Any], bool] | None = None  # and only for users it says (e.g. who has jobs)


@dataclass
class NavSection:
    key: str
    title: object
    order: int
    items: list[NavItem]


_sections: dict[str, NavSection] = {}


def register(key: str, title: object, items: Iterable[NavItem], *, order: int = 50) -> None:
    """Add (or extend) a menu section; ``order`` sorts sections, lower first."""
    section = _sections.setdefault(key, NavSection(key, title, order, []))
    known = {item.url_name for item in section.items}
    section.items.extend(item for item in items if item.url_name not in known)


def sections() -> list[NavSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


@dataclass(frozen=True)
class PortalEntry:
    """A public service listed on the portal's front page."""

    url_name: str
    title: object
    description: object
    order: int = 50


_portal: dict[str, PortalEntry] = {}


def register_portal(entry: PortalEntry) -> None:
    _portal[entry.url_name] = entry


def portal_entries() -> list[PortalEntry]:
    return sorted(_portal.values(), key=lambda e: (e.order, e.url_name))
