"""The learned half of the pre-review: a character n-gram linear classifier, scored in pure Python.

It is trained with scikit-learn (``fazhi.review.engine.training``) on the labelled clauses and
shipped as ``classifier.json.gz`` beside this module: the vocabulary with each n-gram's IDF and
per-class weights. Scoring here reproduces scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
+ ``LogisticRegression`` exactly (the same analyzer is used at training time), so no pickle is
loaded, nothing is fetched at run time, and scikit-learn is not needed to review.

Classes are ``compliant`` and the standard families (``market_entry``, ``free_flow``, ``cost``,
``behaviour``, ``legality``); the probability of a problem is ``1 - P(compliant)``.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import numpy as np

NGRAM_MIN = 1
NGRAM_MAX = 3
ARTEFACT = "classifier.json.gz"
COMPLIANT = "compliant"

_DIGITS = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?")
_SPACE = re.compile(r"\s+")


def prepare(text: str) -> str:
    """The text the n-grams are taken from: numbers folded to one symbol, spaces dropped."""
    return _SPACE.sub("", _DIGITS.sub("0", text))


def ngrams(text: str) -> list[str]:
    """Character n-grams of ``prepare(text)``; used both to train and to score."""
    text = prepare(text)
    grams: list[str] = []
    length = len(text)
    for n in range(NGRAM_MIN, NGRAM_MAX + 1):
        grams.extend(text[i : i + n] for i in range(length - n + 1))
    return grams


@dataclass(frozen=True, slots=True)
class Prediction:
    """The model's view of one text: the probability of a problem and the likeliest family."""

    problem: float
    family: str
    family_probability: float


class Classifier:
    """Scores texts with the exported weights; ``threshold`` is the CV-chosen operating point."""

    def __init__(self, data: dict[str, object]) -> None:
        import numpy as np  # at first use, not when the web process or a command starts

        self.classes: tuple[str, ...] = tuple(data["classes"])  # type: ignore[arg-type]
        self.intercepts = np.asarray(data["intercepts"], dtype=float)
        self.threshold = float(data["threshold"])  # type: ignore[arg-type]
        self.trained_on = str(data.get("trained_on", ""))
        self.cv = dict(cast(dict[str, object], data.get("cv", {})))
        features: dict[str, list] = data["features"]  # type: ignore[assignment]
        # n-gram -> row of the IDF vector and of the weight matrix (one column per class)
        self.index: dict[str, int] = {gram: row for row, gram in enumerate(features)}
        self.idf = np.asarray([entry[0] for entry in features.values()], dtype=float)
        self.weights = np.asarray([entry[1] for entry in features.values()], dtype=float)
        self._compliant = self.classes.index(COMPLIANT)

    def scores(self, text: str) -> np.ndarray:
        """The class probabilities of ``text`` (softmax of the linear scores)."""
        import numpy as np

        index = self.index
        counts = Counter(gram for gram in ngrams(text) if gram in index)
        logits = self.intercepts.copy()
        if counts:
            rows = np.fromiter((index[g] for g in counts), dtype=np.intp, count=len(counts))
            values = (1.0 + np.log(np.fromiter(counts.values(), dtype=float))) * self.idf[rows]
            values /= math.sqrt(float(values @ values))
            logits += values @ self.weights[rows]
        if len(logits) == 1:  # binary export: one logit for "problem"
            problem = 1.0 / (1.0 + math.exp(-float(logits[0])))
            return np.asarray([1.0 - problem, problem])
        exps = np.exp(logits - logits.max())
        return exps / exps.sum()

    def predict(self, text: str) -> Prediction:
        import numpy as np

        probabilities = self.scores(text)
        problem = 1.0 - float(probabilities[self._compliant])
        ranked = [k for k in np.argsort(-probabilities) if k != self._compliant]
        best = int(ranked[0])
        return Prediction(
            problem=problem,
            family=self.classes[best],
            family_probability=float(probabilities[best]),
        )


@cache
def load_classifier() -> Classifier | None:
    """The shipped model, or None when none has been trained (the rules then work alone)."""
    resource = resources.files(__package__).joinpath(ARTEFACT)
    if not resource.is_file():
        return None
    with resource.open("rb") as handle:
        data = json.loads(gzip.decompress(handle.read()).decode("utf-8"))
    return Classifier(data)
