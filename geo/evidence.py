"""What a whole article says about where its names are, gathered once before any name is ranked.

The countries it is about (its country names, demonyms and currency), the
first-level regions it names and how often, the names it writes as a town's
("a Palestine man"), explicit qualifiers ("Minsk, Belarus") and lists of
places of one kind ("Michigan, Oregon and Ohio").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from bordermap.geo.article import Article, Mention
from bordermap.geo.config import ResolverConfig
from bordermap.geo.gazetteer import Place
from bordermap.geo.names import name_key
from bordermap.geo.support import DIVISIONS, WIDE_KINDS

#: A name written as a town's, for its people or its services ("a Palestine man", "Lebanon Police",
#: "Gary Wilson, 54, of Palestine"): street addresses, school teams and civic buildings too.
_LOCAL_AFTER = re.compile(r"\s+(?:man|woman|men|women|residents?|natives?|couple|teens?|teenagers?|boys?|girls?|youth"
                          r"|homeowners?|police|mayor|city (?:council|hall|manager|schools)|civic center|chamber of commerce|public library"
                          r"|(?:high|middle|elementary) school|fire department)\b", re.IGNORECASE)
#: ... or after an age ("54, of") or a street address ("508 Cumberland St., Lebanon").
_LOCAL_BEFORE = re.compile(r"(?:\b\d{1,3},\s+(?:of\s+)?"
                           r"|\b\d+\s+(?:[NSEW]\.?\s+)?(?:[A-Z]\w*\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Lane|Ln|Pike)\.?,\s+)$")
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*\b(?:and|or)\b)\s*$")
_QUALIFIER_GAP = re.compile(r"^\s*(?:,|\bin\b|\bnear\b)\s*(?:(?:the\s+)?(?:north|south|east|west|central)\w*\s+)?$", re.IGNORECASE)
#: Prices say which country an article is in ("US$", "C$", "A$", "£"; a bare "$" is most often the US dollar).
_CURRENCY = re.compile(r"(?<![\w$])(US|C|CA|A|AU|NZ|HK|S)?\$\s?\d|£\s?\d|₹\s?\d")
_CURRENCY_COUNTRY = {None: "US", "US": "US", "C": "CA", "CA": "CA", "A": "AU", "AU": "AU", "NZ": "NZ", "HK": "HK", "S": "SG"}


@dataclass
class ArticleEvidence:
    """The article-wide evidence each candidate is scored against (keys are ``name_key``s)."""

    context: Counter = field(default_factory=Counter)  # country code -> clues
    contributions: dict[str, Counter] = field(default_factory=dict)  # a name's own clues (not evidence for itself)
    town_named: set[str] = field(default_factory=set)
    region_of: dict[str, str] = field(default_factory=dict)  # a division's name -> its first-level region
    times_named: Counter = field(default_factory=Counter)
    list_kind: dict[str, str] = field(default_factory=dict)
    qualified: dict[str, Place] = field(default_factory=dict)
    border: tuple[str, ...] = ()  # the two neighbouring countries the article is about, when it is about a border

    @property
    def total_context(self) -> int:
        return sum(self.context.values())


def currency_country(text: str) -> str | None:
    """The country of the article's first price, if any."""
    found = _CURRENCY.search(text)
    if not found:
        return None
    if found.group(0)[0] == "£":
        return "GB"
    if found.group(0)[0] == "₹":
        return "IN"
    return _CURRENCY_COUNTRY[found.group(1)]


def named_as_town(text: str, mention: Mention) -> bool:
    return bool(_LOCAL_AFTER.match(text, mention.end) or _LOCAL_BEFORE.search(text[max(0, mention.start - 60) : mention.start]))


def kind_class(place: Place) -> str:
    """What a list of names is a list of: countries, regions or settlements."""
    return {"area": "country", "city": "settlement", "town": "settlement"}.get(place.kind, place.kind)


def _likely_classes(found: list[Place], config: ResolverConfig) -> tuple[str, ...]:
    """The kinds a name most likely is: its top candidate's, and any other's with a prior as high
    ("Washington": the capital and the state). In candidate order, not a set's: a list's kind is the
    first of equally common ones, and a set's order changes from one process to the next."""
    return tuple(dict.fromkeys(kind_class(p) for p in found if p.score >= found[0].score - config.list_tie))


def _lists(article: Article, config: ResolverConfig) -> list[list[int]]:
    """Runs of at least list_min mentions joined by commas, "and" or "or": "Michigan, Oregon and Ohio"."""
    runs, run = [], [0]
    for i, (mention, nxt) in enumerate(pairwise(article.mentions), start=1):
        if _LIST_GAP.match(article.text[mention.end : nxt.start]):
            run.append(i)
        else:
            runs.append(run)
            run = [i]
    runs.append(run)
    return [r for r in runs if len(r) >= config.list_min]


def _list_kinds(article: Article, candidates: dict[str, list[Place]],
                config: ResolverConfig) -> tuple[dict[str, str], dict[int, int]]:
    """Name key -> the kind of place the other members of its list mostly are ("Washington" listed with
    Oregon and Ohio is the state); and, for each mention listed with regions, its list's number: in
    "Washington, Pennsylvania and California" Pennsylvania is a third state, not Washington's state."""
    kinds: dict[str, str] = {}
    region_listed: dict[int, int] = {}
    for number, run in enumerate(_lists(article, config)):
        classes = [_likely_classes(candidates[article.mentions[i].query], config) for i in run]
        for position, i in enumerate(run):
            others = Counter(c for j, member in enumerate(classes) if j != position for c in member)
            if others:
                kind, count = others.most_common(1)[0]
                if count * 2 > len(run) - 1:
                    kinds[name_key(article.mentions[i].query)] = kind
                    if kind in DIVISIONS:  # "Douglas, Grant and Pope counties": Grant is not Douglas's county
                        region_listed[i] = number
    return kinds, region_listed


def _qualifiers(article: Article) -> dict[int, Mention]:
    """Mention index -> the mention that qualifies it ("Minsk" -> "Belarus" in "Minsk, Belarus")."""
    found = {}
    mentions = article.mentions
    for i, (mention, nxt) in enumerate(pairwise(mentions)):
        if _QUALIFIER_GAP.match(article.text[mention.end : nxt.start]):
            found[i] = nxt
    return found


def _qualified(article: Article, candidates: dict[str, list[Place]], region_listed: dict[int, int]) -> dict[str, Place]:
    """Name key -> the country or division that qualifies it, unless both are members of one list."""
    qualified = {}
    for index, qualifier in _qualifiers(article).items():
        gap = article.text[article.mentions[index].end : qualifier.start]
        if index in region_listed and _LIST_GAP.match(gap):
            continue
        top = next(iter(candidates[qualifier.query]), None)
        if top is not None and top.kind in ("country", *DIVISIONS):
            qualified[name_key(article.mentions[index].query)] = top
    return qualified


def _country_clues(article: Article, candidates: dict[str, list[Place]], town_named: set[str],
                   config: ResolverConfig) -> tuple[Counter, dict[str, Counter]]:
    """Countries the article talks about: named countries, demonyms, its currency. A name is not evidence
    for its own reading, so each name's contribution is kept apart ("Georgia" beside Gainesville)."""
    context = Counter(d.country_code for d in article.demonyms if d.country_code)
    contributions: dict[str, Counter] = defaultdict(Counter)
    for mention in article.mentions:
        found = candidates[mention.query]
        if found and found[0].kind in WIDE_KINDS and name_key(mention.query) in town_named:
            continue
        if found and found[0].kind in WIDE_KINDS:
            contributions[name_key(mention.query)][found[0].country_code] += 2
        elif found and len({p.country_code for p in found[:3]}) == 1:
            contributions[name_key(mention.query)][found[0].country_code] += 1
    for counts in contributions.values():
        context.update(counts)
    currency = currency_country(article.text)
    if currency:
        context[currency] += config.currency_clue
    return context, contributions


def _regions_named(article: Article, candidates: dict[str, list[Place]]) -> dict[str, str]:
    """Divisions the article names ("Texas", "Va.", "Titus County") -> their first-level region. Only names
    whose divisions all lie in one first-level region count: "Kentucky" does, "Montgomery County" (thirty
    of them, in as many states) does not."""
    region_of = {}
    for m in article.mentions:
        found = candidates[m.query]
        if found and found[0].kind in DIVISIONS and found[0].admin1 and \
                len({p.admin1 for p in found if p.kind in DIVISIONS}) == 1:
            region_of[name_key(m.query)] = found[0].admin1
    return region_of


def border_pair(context: Counter, config: ResolverConfig) -> tuple[str, ...]:
    """The two neighbouring countries the article names most (each at least border_min_clues times), when
    their Natural Earth outlines touch: the border it is about."""
    from itertools import combinations

    from bordermap.geo.natural_earth import neighbours

    top = [code for code, n in context.most_common(4) if code and n >= config.border_min_clues]
    pairs = [(a, b) for a, b in combinations(top, 2) if neighbours(a, b)]
    if not pairs:
        return ()
    return max(pairs, key=lambda p: (min(context[p[0]], context[p[1]]), context[p[0]] + context[p[1]]))


def gather(article: Article, candidates: dict[str, list[Place]], config: ResolverConfig) -> ArticleEvidence:
    """All article-wide evidence, from the mentions and their candidates (query -> candidates)."""
    town_named = {name_key(m.query) for m in article.mentions if named_as_town(article.text, m)}
    context, contributions = _country_clues(article, candidates, town_named, config)
    list_kind, region_listed = _list_kinds(article, candidates, config)
    return ArticleEvidence(
        context=context, contributions=dict(contributions), town_named=town_named,
        region_of=_regions_named(article, candidates), times_named=Counter(name_key(m.query) for m in article.mentions),
        list_kind=list_kind, qualified=_qualified(article, candidates, region_listed),
        border=border_pair(context, config),
    )
