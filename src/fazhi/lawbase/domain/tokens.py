"""Chinese word tokens for full-text search (jieba), the same way for texts and queries.

Texts are cut in jieba's search mode, which emits a long word and the shorter dictionary
words inside it (行政处罚 → 行政 处罚 行政处罚), joined by spaces and framed by spaces. A query
is cut the same way and only its *leaf* tokens (those containing no shorter token of the
query) must each occur: that finds 行政处罚 in a text whatever jieba made of the context,
while the spaces keep 行政 from matching across the boundary in 执行 政策.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w", re.UNICODE)
_lock = threading.Lock()
_ready = False


def _jieba():
    global _ready
    import jieba

    if not _ready:
        with _lock:
            if not _ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _ready = True
    return jieba


def _normalise(text: str) -> str:
    # Full-width letters and digits fold to ASCII so that ２０２１ and 2021 search alike.
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    """Search-mode tokens of ``text`` without punctuation and spaces, in order."""
    return [
        token
        for token in _jieba().cut_for_search(_normalise(text))
        if token.strip() and _WORD.search(token)
    ]


def search_text(text: str) -> str:
    """The value of a search column: tokens joined and framed by single spaces."""
    joined = " ".join(tokens(text))
    return f" {joined} " if joined else ""


@lru_cache(maxsize=512)
def query_terms(query: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required, ranking) terms of a query.

    ``required``: the leaf tokens, all of which a match must contain. ``ranking``: every token,
    each adding to a match's rank when present (so a text holding the whole word 行政处罚 ranks
    above one holding 行政 and 处罚 apart).
    """
    all_tokens = list(dict.fromkeys(tokens(query)))
    leaves = tuple(
        token
        for token in all_tokens
        if not any(other != token and other in token for other in all_tokens)
    )
    return leaves, tuple(all_tokens)
