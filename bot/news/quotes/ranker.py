"""The choice among a quote's candidate speakers: a linear model fitted by benchmarks/fit_speakers.py.

Its weights are data (`speaker_model.json`); scoring is a dot product, so nothing heavy runs here.
"""

from __future__ import annotations

import functools
import json
import logging
from importlib import resources

from .candidates import Candidate

log = logging.getLogger(__name__)

MODEL_FILE = "speaker_model.json"


@functools.lru_cache(maxsize=1)
def load_model() -> dict[str, float]:
    """The fitted weights by feature name (with "bias"), from the package's model file."""
    data = json.loads(resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    weights = dict(zip(data["features"], data["weights"], strict=True))
    weights["bias"] = float(data.get("intercept", 0.0))
    return weights


def score(candidate: Candidate, weights: dict[str, float]) -> float:
    """The model's score of one candidate: higher is likelier the speaker."""
    return weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in candidate.features.items())


def choose(found: list[Candidate], weights: dict[str, float] | None = None) -> Candidate:
    """The candidate the model scores highest (the first of equals: candidates come nearest first)."""
    weights = load_model() if weights is None else weights
    return max(found, key=lambda c: score(c, weights))
