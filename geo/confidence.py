"""A resolved place's confidence: the chance that it is a place and the right one, from a fitted model.

The ranking's margin alone (the logistic of the best candidate's lead) said 0.99 for mentions that were
right 89 % of the time (benchmarks/calibration.py, 2026-12-02): a lone candidate can still be a person's
name, and a lead means more for a country than for a town of a common name. This model reads what the
resolution knows of one name (the lead, the softmax share of the best among its candidates, how many
there were) and of its mentions (how they were found, what kind of place won, how often the article
names it) and gives the probability of a right resolution, a logistic regression fitted on the gold
corpora by ``benchmarks/learning.py`` and shipped as JSON weights in ``data/confidence.json`` (with the
corpora and commit it came from); its figure of record is leave-one-corpus-out, in benchmarks/README.md.

"Right" is as the gold corpora judge it: a place they annotate, within 161 km. A seat of power ("the
Kremlin") is Moscow's government more than a place to them, so a metonym's confidence is low (about
0.25) although its city is never in doubt.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from bordermap.geo.article import Mention
from bordermap.geo.candidate_features import Feature
from bordermap.geo.data_files import data_file
from bordermap.geo.gazetteer import Place

#: Kinds of place with a column of their own; the rest ("town", "landmark", "water", ...) are the constant's.
KINDS = ("country", "region", "district", "city", "crossing")
#: How a mention was found, by the start of its ``found_by``; the first that matches counts (a column is the
#: share of a name's mentions found that way).
FOUND_BY = (("spaCy+gazetteer", "spaCy", " + gazetteer"), ("spaCy", "spaCy", ""),
            ("gazetteer, spaCy said otherwise", "gazetteer (spaCy said", ""),
            ("gazetteer inside a name", "gazetteer (inside", ""), ("metonym", "metonym", ""))
#: The largest lead that counts: beyond it a name is as sure as it gets.
MAX_LEAD = 10.0
#: What the ranking found for the winner that says most about its being right (the value it fired with).
WINNER_FEATURES = ("country_context", "region_context", "support", "nearness", "qualified", "on_the_border",
                   "far_from_the_article", "same_kind_as_list")
#: Columns whose weight is kept at 0 or above when fitted: a larger lead never makes a choice less sure.
NEVER_LOWER = ("lead", "logit_share")
COLUMNS = ("bias", "lead", "logit_share", "lone", "log_candidates", *(f"kind={k}" for k in KINDS),
           *(f"found_by={name}" for name, _, _ in FOUND_BY), *(f"winner:{name}" for name in WINNER_FEATURES),
           "region_phrase", "log_times_named", "log_population", "several_words", "all_capitals")


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _found_by(text: str) -> str | None:
    return next((name for name, start, within in FOUND_BY if text.startswith(start) and within in text), None)


def features(scores: list[float], place: Place, group: list[Mention], fired: list[Feature] = ()) -> dict[str, float]:
    """The model's inputs for a name whose candidates scored ``scores`` (best first; [] for a metonym, which
    has one reading), resolved to ``place`` with the ranking's features ``fired``, with the article's
    mentions of it in ``group``."""
    lone = len(scores) < 2
    lead = MAX_LEAD if lone else min(scores[0] - scores[1], MAX_LEAD)
    share = 1.0 if lone else 1 / sum(math.exp(min(s - scores[0], 0.0)) for s in scores)
    values = {"bias": 1.0, "lead": lead, "logit_share": 0.0 if lone else _logit(share), "lone": float(lone),
              "log_candidates": math.log(max(len(scores), 1)), "region_phrase": float(group[0].kind == "region_phrase"),
              "log_times_named": math.log(len(group)), "log_population": math.log10(1 + max(place.population or 0, 0))}
    text = group[0].text
    values["several_words"] = float(len(text.split()) > 1)
    values["all_capitals"] = float(text.isupper() and len(text) > 3)
    for name, value, _ in fired:
        if name in WINNER_FEATURES:
            values[f"winner:{name}"] = value
    if place.kind in KINDS:
        values[f"kind={place.kind}"] = 1.0
    for mention in group:  # the share of the name's mentions found each way
        found = _found_by(mention.found_by)
        if found is not None:
            values[f"found_by={found}"] = values.get(f"found_by={found}", 0.0) + 1 / len(group)
    return values


class ConfidenceModel:
    """logistic(weights . features): the probability that a name's resolution is right."""

    def __init__(self, weights: dict[str, float]):
        self.weights = weights

    @classmethod
    def load(cls, path: Path) -> ConfidenceModel:
        """The model of a JSON file written by benchmarks/learning.py; one fitted for other columns is refused
        (its weights would silently miss or misread features)."""
        model = json.loads(path.read_text(encoding="utf-8"))
        if tuple(model["columns"]) != COLUMNS:
            raise ValueError(f"{path}: fitted for other features than geo.confidence.COLUMNS; refit it with "
                             "benchmarks/learning.py --write")
        return cls(dict(zip(model["columns"], model["weights"], strict=True)))

    def __call__(self, scores: list[float], place: Place, group: list[Mention], fired: list[Feature] = ()) -> float:
        return round(self.probability(features(scores, place, group, fired)), 3)

    def probability(self, values: dict[str, float]) -> float:
        """logistic(weights . values) for the values of ``features``."""
        z = sum(self.weights.get(name, 0.0) * value for name, value in values.items())
        return 1 / (1 + math.exp(-z)) if z > -30 else 0.0


@lru_cache(maxsize=1)
def shipped() -> ConfidenceModel:
    """The model fitted on the gold corpora, as shipped in data/confidence.json."""
    return ConfidenceModel.load(data_file("confidence.json"))
