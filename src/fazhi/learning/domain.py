"""Pure rules of the exams: drawing a paper reproducibly, grading an answer, scoring."""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

LABELS = "ABCDEFGHIJ"
TRUE_FALSE_OPTIONS = ["正确", "错误"]


def draw(question_ids: Sequence[int], *, seed: str, person_id: int, count: int) -> list[int]:
    """The paper of one candidate: ``count`` questions drawn from the sorted bank by a seed
    made of the sitting's seed and the person — the same inputs always give the same paper."""
    pool = sorted(question_ids)
    return random.Random(f"{seed}:{person_id}").sample(pool, count)


def labels_for(options: Sequence[str]) -> list[str]:
    return list(LABELS[: len(options)])


def is_correct(answer: Sequence[str], given: Sequence[str]) -> bool:
    """All and only the right labels (a multiple-choice question has no partial credit)."""
    return bool(given) and sorted(set(given)) == sorted(set(answer))


def score(correct: int, total: int) -> Decimal:
    """Out of 100, one decimal, rounded half up."""
    if total == 0:
        return Decimal("0.0")
    return (Decimal(100) * correct / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
