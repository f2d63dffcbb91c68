"""Score a name's candidates: the prior plus the weighted features, best first.

The weights are the ``ResolverConfig`` values; a learned ranker would take
the same features (``candidate_features``) and give them its own weights.
A scorer scores all the candidates of one name at once (``score_name``), so
that another can read them whole, as ``benchmarks/learning.py`` does to fit
a ranker on them.
"""

from __future__ import annotations

from bordermap.geo.candidate_features import Feature
from bordermap.geo.config import ResolverConfig
from bordermap.geo.gazetteer import Place


def weights(config: ResolverConfig) -> dict[str, float]:
    """Feature -> weight: bonuses positive, penalties negative."""
    return {
        "alternate_town": -config.alternate_town_penalty, "alternate_city": -config.alternate_city_penalty,
        "smaller_alternate": -config.smaller_alternate_penalty, "local_country": -config.local_country_penalty,
        "state_named_town": -config.state_named_town_penalty, "support": config.support_bonus,
        "same_kind_as_list": config.list_bonus, "qualified": config.qualifier_bonus,
        "foreign_country": -config.foreign_country_penalty, "holding_region": -config.holding_region_penalty,
        "country_context": config.country_context_bonus, "region_context": config.region_context_bonus,
        "nearness": config.nearby_bonus, "on_the_border": config.border_bonus,
        "far_from_the_article": -config.far_penalty,
    }


class LinearScorer:
    """score = prior + sum(weight x feature); the reasons name every feature that fired."""

    def __init__(self, config: ResolverConfig):
        self.weights = weights(config)

    def score_name(self, key: str, found: list[Place],
                   features: list[list[Feature]]) -> list[tuple[float, list[str]]]:
        """(score, reasons) of each candidate of the name ``key``, in ``found``'s order."""
        return [self.score(place, fired) for place, fired in zip(found, features, strict=True)]

    def score(self, place: Place, features: list[Feature]) -> tuple[float, list[str]]:
        score, reasons = place.score, [f"prior {place.score:.1f}"]
        for name, value, reason in features:
            score += self.weights[name] * value
            if reason:
                reasons.append(reason)
        return score, reasons
