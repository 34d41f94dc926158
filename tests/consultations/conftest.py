"""Fixtures for the consultation component: an open consultation on a neutral subject."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from fazhi.consultations import services

DRAFT = (
    "第一条 为规范市场秩序，制定本办法。\n第二条 本办法适用于本市行政区域。\n经营者应当依法经营。"
)


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def consultation(tree, users, today):
    # Any model can be the subject; an organisation stands in for a document or a decision.
    return services.consultation_open(
        subject=tree.village,
        organization=tree.market,
        title="海宁市市场秩序管理办法（征求意见稿）",
        text=DRAFT,
        starts_on=today,
        ends_on=today + dt.timedelta(days=40),
        minimum_days=30,
        actor=users["drafter"],
    )


@pytest.fixture
def clock(monkeypatch):
    """Move the server's date for the acts recorded next (``clock(day)``)."""
    from fazhi.core import dating

    def move(day: dt.date) -> None:
        monkeypatch.setattr(dating, "today", lambda: day)

    return move
