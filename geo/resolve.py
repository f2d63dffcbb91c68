"""Resolve each mention to one gazetteer place, by context.

Evidence, strongest first: an explicit qualifier next to the name ("Minsk,
Belarus", "Paris, Texas"); the countries the article is about (its country
names, demonyms and currency); the first-level regions it names; the support
of its other names (a town in a county it names, or near another); the
gazetteer prior (kind and population). ``geo.evidence`` gathers what the
whole article says, ``geo.candidate_features`` what it says of each
candidate, ``geo.scorer`` weighs them. One sense per name per article: every
mention of a name gets the same place.
"""

from __future__ import annotations

from collections import defaultdict

from bordermap.geo.article import Article, Mention
from bordermap.geo.candidate_features import Feature, candidate_features, name_context
from bordermap.geo.confidence import ConfidenceModel, shipped
from bordermap.geo.config import ResolverConfig
from bordermap.geo.country_parts import country_part
from bordermap.geo.evidence import ArticleEvidence, gather
from bordermap.geo.gazetteer import Gazetteer, Place
from bordermap.geo.name_backoff import lookup
from bordermap.geo.names import name_key
from bordermap.geo.scorer import LinearScorer
from bordermap.geo.support import WIDE_KINDS, support

METONYM_KEY = "metonym:"


def _seat_of_power(found: list[Place]) -> Place:
    """The city a metonym stands for: its most prominent city of that name (Moscow, Russia; Washington, D.C.)."""
    return next((p for p in found if p.kind == "city"), found[0])


class _Ranking:
    """Ranks the candidates of one article's names against its evidence."""

    def __init__(self, evidence: ArticleEvidence, config: ResolverConfig, scorer: LinearScorer):
        self.evidence, self.config, self.scorer = evidence, config, scorer
        self.sure: dict[str, Place] = {}  # the unambiguous names' places, set by the first pass

    def rank(self, key: str, found: list[Place], anchors: dict[str, Place],
             backing: dict[tuple[str, int], float]) -> list[tuple[float, Place, list[str], list[Feature]]]:
        """(score, place, reasons, features) of each candidate, best first."""
        name = name_context(key, found, anchors, self.evidence, backing, self.config, self.sure)
        features = [candidate_features(index, place, found, name, self.evidence, backing, self.config)
                    for index, place in enumerate(found)]
        scored = self.scorer.score_name(key, found, features)
        return sorted(((score, place, reasons, fired)
                       for (score, reasons), place, fired in zip(scored, found, features, strict=True)),
                      key=lambda s: -s[0])


def _groups(article: Article) -> dict[str, list[Mention]]:
    """Mentions by name key. A metonym stands for one well-known city whatever the context ("the White
    House" is Washington, D.C., even in an article about Washington, N.C.): its own group, by the prior alone."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for mention in article.mentions:
        by_name[(METONYM_KEY if mention.kind == "metonym" else "") + name_key(mention.query)].append(mention)
    return by_name


def _first_choices(ranking: _Ranking, found_by_key: dict[str, list[Place]], salient: list[str],
                   config: ResolverConfig) -> tuple[dict[str, Place], dict[tuple[str, int], float]]:
    """Two passes: the unambiguous places anchor the first; every first-pass choice anchors the second,
    so places named together pull each other together (Alexandria, Va. beside Arlington). Returns the
    first-pass choices and the support they give."""
    backing = support(found_by_key, salient, config=config)
    anchors = {key: found_by_key[key][0] for key in salient
               if found_by_key[key] and (len(found_by_key[key]) == 1 or found_by_key[key][0].kind in WIDE_KINDS)}
    ranking.sure = anchors
    first = {key: _seat_of_power(found_by_key[key]) if key.startswith(METONYM_KEY)
             else ranking.rank(key, found_by_key[key], anchors, backing)[0][1]
             for key in salient if found_by_key[key]}
    return first, support(found_by_key, salient, chosen=first, config=config)


def _assign(group: list[Mention], place: Place | None, confidence: float, reason: str) -> None:
    for mention in group:
        mention.place, mention.confidence, mention.reason = place, confidence, reason


def resolve(article: Article, gazetteer: Gazetteer, config: ResolverConfig | None = None,
            scorer: LinearScorer | None = None, confidence: ConfidenceModel | None = None) -> None:
    """Set ``place``, ``confidence`` and ``reason`` on every mention of the article, and each demonym's
    country (also in an article that names no place: "Polish officials said"). ``scorer`` weighs the
    candidates' features (by default the config's hand-set weights); ``confidence`` says how likely each
    choice is right (by default the model in data/confidence.json)."""
    config = config or ResolverConfig()
    confidence = confidence or shipped()
    for demonym in article.demonyms:
        demonym.place = gazetteer.country(demonym.country_code) if demonym.country_code else None
    if not article.mentions:
        return
    looked_up = {m.query: lookup(gazetteer, m.query, config.max_candidates) for m in article.mentions}
    candidates = {query: found for query, (found, _) in looked_up.items()}
    ranking = _Ranking(gather(article, candidates, config), config, scorer or LinearScorer(config))
    by_name = _groups(article)
    found_by_key = {key: candidates[group[0].query] for key, group in by_name.items()}
    # Context comes from the most-named names, so that a book-length text stays linear.
    salient = sorted(by_name, key=lambda k: -len(by_name[k]))[: config.context_names]
    first, backing = _first_choices(ranking, found_by_key, salient, config)
    for key, group in by_name.items():
        found = found_by_key[key]
        if not found:
            _assign(group, None, 0.0, "not in the gazetteer")
        elif key.startswith(METONYM_KEY):
            best = _seat_of_power(found)
            _assign(group, best, confidence([], best, group), f"seat of power in {best.name}")
        else:
            scored = ranking.rank(key, found, first, backing)
            _, best, reasons, fired = scored[0]
            found_as = looked_up[group[0].query][1]
            if found_as != group[0].query:
                reasons = [f"found as '{found_as}'", *reasons]
            _assign(group, best, confidence([score for score, *_ in scored], best, group, fired), "; ".join(reasons))
    for mention in article.mentions:
        if mention.qualifier and mention.place is not None:
            mention.part = country_part(mention.place, mention.qualifier)
