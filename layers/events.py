"""Extract border events from an Article's sentences, places and demonyms.

Each sentence is read against the tables in ``event_patterns``: a trigger
gives the event type, cue words before each place give its role (origin,
target, site), and the actor, date and status come from the same sentence.
Events that describe the same thing in one article (the invasion told twice,
the Dyvin crossing named twice) merge into one that quotes every sentence.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import pairwise

from bordermap.geo.article import Article
from bordermap.geo.gazetteer import Place
from bordermap.layers import event_patterns as P
from bordermap.layers.context import ArticleContext, article_context
from bordermap.layers.dates import resolve_date
from bordermap.layers.roles import Role

TYPE_CONFIDENCE = {"movement": 0.6, "strike": 0.55, "crossing": 0.65, "closure": 0.6, "deployment": 0.5}
STATUS_RANK = {"closed_one_side": 3, "closed": 2, "open": 1, None: 0}
#: Words after a demonym that make it a place reference ("Belarusian airspace").
TERRITORY_NOUNS = ("airspace", "territory", "soil", "side", "border", "frontier", "forces", "troops", "airfield",
                   "air base", "airbase", "base", "positions", "targets", "cities", "villages", "towns", "regions",
                   "coast", "waters", "island")
#: Nouns after a demonym that refer back to a named place of a kind ("the Chad town" -> Adre).
GENERIC_PLACE_NOUNS = {"island": "island", "border town": "town", "town": "town", "village": "town",
                       "border crossing": "crossing", "crossing": "crossing", "city": "city", "port": "city"}
MAX_STRIKE_TARGETS = 3
#: A city this large, as the subject of an attack, stands for its government.
ACTING_CITY_POPULATION = 500_000
#: How far before a trigger a "would", "unless", "will" makes it a threat, not an event (characters).
HYPOTHETICAL_WINDOW = 80
POINT_KINDS = ("crossing", "town", "city", "landmark", "landform", "island", "facility", "water")


@dataclass
class Evidence:
    start: int
    end: int
    text: str


@dataclass
class Event:
    """A border event: who did what, from where to where or at which place, and when."""

    type: str
    article_id: str
    actor: str | None = None
    date: str | None = None
    date_stated: bool = True  # False when the date is the publication date of a present-tense report
    status: str | None = None
    origin: Role | None = None
    target: Role | None = None
    site: Role | None = None
    sides: tuple[str, ...] = ()  # ISO codes of the two sides of a border
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5

    @property
    def evidence_text(self) -> str:
        return " … ".join(e.text for e in self.evidence)


def _references(article: Article, start: int, end: int, every_demonym: bool = False) -> list[Role]:
    """Resolved places and country demonyms inside [start, end), in text order.

    A demonym counts as a place when it stands for territory ("Belarusian
    airspace", "Ukrainian-Belarusian border"), or always with ``every_demonym``
    (to find the two sides of a border: "Pakistani officials ... the Afghan Taliban").
    """
    refs = [Role(m.text, m.place, m.start, m.end) for m in article.mentions
            if m.place is not None and start <= m.start < end]
    text = article.text
    for d in article.demonyms:
        if d.place is None or not (start <= d.start < end):
            continue
        after = text[d.end : d.end + 30].lower().lstrip(" -–")
        named = _named_by_noun(article, d.country_code, after)
        if named is not None:  # "a small South Korean island" -> Yeonpyeong, the one the article names
            refs.append(Role(d.text, named, d.start, d.end))
        elif every_demonym or any(after.startswith(n) for n in TERRITORY_NOUNS) or text[d.end : d.end + 1] in "-–":
            refs.append(Role(d.text, d.place, d.start, d.end))
    return sorted(refs, key=lambda r: r.start)


def _named_by_noun(article: Article, country: str | None, after: str) -> Place | None:
    """The article's only named place of a kind, when a demonym + that kind's noun refers to it."""
    kind = next((k for noun, k in GENERIC_PLACE_NOUNS.items() if after.startswith(noun)), None)
    if kind is None:
        return None
    whole = getattr(article, "whole", article)  # a sentence's view looks at its whole article
    named = {m.place.id: m.place for m in whole.places if m.place.kind == kind and m.place.country_code == country}
    return next(iter(named.values())) if len(named) == 1 else None


def _before(text: str, sentence_start: int, role: Role, width: int = 60) -> str:
    lo = max(sentence_start, role.start - width)
    return text[lo : role.start]


def _actor(sentence: str, trigger_at: int, before_only: bool = False) -> str | None:
    """The group that acts, nearest before the trigger: "Russian Tu-22 Backfire bombers"."""
    best = None
    for match in P.ACTOR.finditer(sentence):
        if match.start() <= trigger_at or (best is None and not before_only):
            best = match
    if best is None:
        return None
    words = best.group(1).replace("“", "").replace("”", "").split()
    kept = [words.pop()]
    while words and words[-1].lower() not in P.ACTOR_STOP and not words[-1][:1].isdigit():
        kept.insert(0, words.pop())  # "000 Russian troops" -> "Russian troops"
    while len(kept) > 1 and kept[0][:1].islower() and kept[0].lower() != "pro":
        kept.pop(0)  # "allowing Kremlin's troops" -> "Kremlin's troops"
    return " ".join(kept) or None


def _actor_country(article: Article, sentence_start: int, actor: str | None) -> Role | None:
    """'Ethiopian troops' come from Ethiopia: the actor's demonym gives a movement's origin."""
    if not actor:
        return None
    sentence = article.text[sentence_start : sentence_start + 2000]
    at = sentence.find(actor)
    if at < 0:
        return None
    lo, hi = sentence_start + at, sentence_start + at + len(actor)
    for d in article.demonyms:
        if lo <= d.start < hi and d.place is not None:
            return Role(d.text, d.place, d.start, d.end)
    for m in article.places:
        if lo <= m.start < hi and m.place.kind == "country":
            return Role(m.text, m.place, m.start, m.end)
    return None


def _border_pair(text: str, refs: list[Role]) -> tuple[str, ...]:
    """The two sides of the border a sentence talks about, as ISO codes.

    An explicit pair wins ("Ukrainian-Belarusian border", "between Belarus and
    Ukraine", "the Belarus-Ukraine crossing"); otherwise the first two
    countries the sentence names, in order.
    """
    return _explicit_pair(text, refs) or _first_two_countries(refs)


def _first_two_countries(refs: list[Role]) -> tuple[str, ...]:
    codes = list(dict.fromkeys(r.country for r in refs if r.country))
    return tuple(codes[:2]) if len(codes) >= 2 else ()


def _explicit_pair(text: str, refs: list[Role]) -> tuple[str, ...]:
    """A pair the text names as a border: "X-Y border", "between X and Y"; () when there is none."""
    for first, second in pairwise(refs):
        joint = text[first.end : second.start]
        after = text[second.end : second.end + 25].lower().lstrip()
        before = text[max(0, first.start - 10) : first.start].lower()
        if first.country != second.country and (
            (joint.strip() in ("-", "–", "/", "and") and after.startswith(("border", "crossing", "frontier", "boundary")))
            or (joint.strip() == "and" and "between" in before)
        ):
            return (first.country, second.country)
    return ()


def _crossing_site(text: str, start: int, refs: list[Role]) -> Role | None:
    """A named crossing, or a town the sentence calls a crossing point."""
    for ref in refs:
        if ref.place.kind == "crossing":
            return ref
    for ref in refs:
        if ref.place.kind not in ("town", "city"):
            continue
        before = text[max(start, ref.start - 70) : ref.start].lower()
        after = text[ref.end : ref.end + 25].lower().lstrip()
        if after.startswith(("border crossing", "crossing", "checkpoint", "border post")) or (
            any(w in before for w in ("crossing", "checkpoint")) and P.AT_CUES.search(before)
        ):
            return ref
    return None


def _pick_target(targets: list[Role], trigger_at: int) -> Role | None:
    """The most specific target after the trigger: 'entered ... Somalia ... Baidoa' -> Baidoa."""
    after = [t for t in targets if t.start >= trigger_at] or targets
    return next((t for t in after if t.place.kind not in ("country", "area")), after[0] if after else None)


def _roles(article: Article, start: int, refs: list[Role], trigger_at: int = 0) -> dict:
    """Origin (after 'from'), target (after 'into', 'invasion of'; 'north of Kyiv' wins) and site (after 'in', 'near')."""
    text = article.text
    origin = directed = site = None
    targets = []
    for ref in refs:
        before = _before(text, start, ref)
        relative = P.RELATIVE_DIRECTION.search(before)
        if relative:
            directed = Role(ref.text, ref.place, ref.start, ref.end, direction=relative.group(1).lower().replace("-", ""))
            continue
        if origin is None and (P.FROM_CUES.search(before) or text[ref.end : ref.end + 12].lower().strip().startswith("airspace")):
            origin = ref
            continue
        if P.TO_CUES.search(before):
            targets.append(ref)
        if site is None and ref.place.kind in POINT_KINDS and P.AT_CUES.search(before):
            site = ref
        elif ref not in targets and ref.start >= trigger_at and P.AT_CUES.search(before) and ref.place.kind not in ("country", "area"):
            targets.append(ref)  # "air bases outside Tbilisi": a place the action reaches
    target = directed or _pick_target(targets, trigger_at)
    ordered = [target] + [t for t in targets if t is not target and t.start >= trigger_at] if target else []
    return {"origin": origin, "target": target, "targets": ordered, "site": site}


def _acting_place(article: Article, refs: list[Role], trigger_at: int) -> Role | None:
    """A country, or a large city standing for its government ("Ankara", "the Kremlin"), that is the
    subject of the action: 'Ukraine targeted ...', 'since Moscow invaded'. The nearest before the trigger wins."""
    acting = None
    for ref in refs:
        if ref.start >= trigger_at:
            break
        large = ref.place.kind == "country" or (ref.place.kind == "city" and ref.place.population >= ACTING_CITY_POPULATION)
        if large and P.SUBJECT_ACTS.match(article.text[ref.end : ref.end + 60]):
            acting = ref
    return acting


def _infer_origin(target: Role | None, pair: tuple[str, ...], refs: list[Role]) -> Role | None:
    """'enter ... through the Ukrainian-Belarusian border' into Ukraine: the origin is Belarus."""
    if target is None or len(pair) != 2 or target.country not in pair:
        return None
    other = pair[1] if pair[0] == target.country else pair[0]
    return next((r for r in refs if r.place.kind == "country" and r.country == other), None)


def _stationed_in(text: str, sentence_start: int, refs: list[Role], trigger_at: int, target: Role | None) -> Role | None:
    """'moving half of the 2,000 troops it has in Iraq to South Ossetia': where the moved forces are."""
    if target is None:
        return None
    return next((r for r in refs if trigger_at <= r.start < target.start and r.country != target.country
                 and re.search(r"\bin\s+(?:the\s+)?$", _before(text, sentence_start, r))), None)


def _demonym_before(article: Article, trigger_at: int) -> Role | None:
    """'a Georgian assault', 'the Israeli incursion': the nationality just before the trigger."""
    for d in article.demonyms:
        if d.place is not None and 0 <= trigger_at - d.end <= 12:
            return Role(d.text, d.place, d.start, d.end)
    return None


def _foreign_demonym(article: Article, start: int, trigger_at: int, target: Role | None) -> Role | None:
    """'Ukrainian President Zelenskyy said his country's troops were moving further in Russia's Kursk
    region': a nationality named before the trigger, foreign to the target, is where the movement comes from."""
    if target is None:
        return None
    for d in article.demonyms:
        if start <= d.start < trigger_at and d.place is not None and d.country_code != target.country:
            return Role(d.text, d.place, d.start, d.end)
    return None


def events_in_sentence(article: Article, start: int, end: int, context: ArticleContext | None = None) -> list[Event]:
    """Every event one sentence states.

    ``context`` says what the article is about: a closure or deployment "at the
    border" that names no place of its own is put at the article's site, and a
    movement into one side of the article's border with no stated origin comes
    from the other side ("refugees trying to enter Turkey").
    """
    context = context or ArticleContext()
    sentence = article.text[start:end]
    refs = _references(article, start, end)
    if not refs and not (context.site or context.local) and not P.BORDER_WORDS.search(sentence):
        return []
    crossing_site = _crossing_site(article.text, start, refs)
    pair_refs = _references(article, start, end, every_demonym=True)
    pair = _border_pair(article.text, pair_refs)
    if len(pair) < 2 and context.border and set(pair) <= set(context.border):
        pair = tuple(context.border)  # "the border" of an article about one border
    on_border = bool(P.BORDER_WORDS.search(sentence))
    date = resolve_date(sentence, article.date)
    evidence = [Evidence(start, end, sentence)]
    found = []
    for event_type, trigger in P.TRIGGERS.items():
        match = trigger.search(sentence)
        if not match or P.HYPOTHETICAL.search(sentence[max(0, match.start() - HYPOTHETICAL_WINDOW) : match.start()]):
            continue  # no trigger, or "would send troops", "unless it is attacked"
        roles = _roles(article, start, refs, start + match.start())
        actor = _actor(sentence, match.start(), before_only=event_type == "closure")
        if actor is None and event_type == "closure":  # "Kyiv has closed ...": the authority named first
            actor = next((r.text for r in refs if r.start - start < min(match.start(), 3)), None)
        acting = _acting_place(article, refs, start + match.start())
        if event_type in ("movement", "strike") and acting is not None and (
                actor is None or not 0 <= sentence.find(actor) < acting.start - start):
            actor = acting.text  # "... civilians, were injured after North Korea shelled": North Korea acts
        event = Event(type=event_type, article_id=article.id, actor=actor, evidence=list(evidence),
                      date=resolve_date(sentence, article.date, near=match.start()))
        if event.date is None and P.PRESENT.search(sentence[max(0, match.start() - 40) : match.end() + 20]):
            event.date, event.date_stated = article.date, False  # "troops have entered", "are in Goma"
        if event_type == "closure":
            if not on_border:
                continue
            event.status = next((status for status, pattern in P.STATUSES if pattern.search(sentence)), None)
            event.sides = pair
            site = crossing_site
            if site is None and not P.WHOLE_BORDER.search(sentence):  # "the Taliban closed the border Sunday"
                site = context.border_site(pair)
            if site is not None:
                event.type, event.site = "crossing", site
            elif len(event.sides) < 2:
                continue
        elif event_type == "movement":
            target = roles["target"]
            origin = (roles["origin"] or _actor_country(article, start, actor) or _demonym_before(article, start + match.start())
                      or acting or _infer_origin(target, _explicit_pair(article.text, pair_refs), refs)
                      or _foreign_demonym(article, start, start + match.start(), target)
                      or (context.other_side(target.country) if target and P.ENTRY.search(match.group(0)) else None)
                      or (_stationed_in(article.text, start, refs, start + match.start(), target)
                          if P.TRANSFER.match(match.group(0)) else None))
            if target is None and origin is not None and P.WITHDRAWAL.search(sentence):
                target = acting if acting is not None and acting.country != origin.country else None  # pulls back home
            if target is None or origin is None or origin.place.id == target.place.id:
                continue
            if origin.country == target.country and target.direction is None and target.place.kind not in ("region", "district"):
                continue  # within one country only into a region: "a Georgian assault to retake South Ossetia"
            event.origin, event.target = origin, target
        elif event_type == "strike":
            site = roles["site"]
            if site is None and not roles["targets"] and P.NON_DIRECTIONAL.match(match.group(0)) and (
                    P.ANAPHORA.search(sentence) or (on_border and set(pair) == set(context.border))):
                site = context.border_site(pair)  # "clashes took place in the same region Sunday"
            if site is not None and P.NON_DIRECTIONAL.match(match.group(0)):
                targets = [site] + [t for t in roles["targets"] if t is not site]
            else:
                targets = roles["targets"] or ([site] if site is not None and site.start >= start + match.start() else [])
            if P.NON_DIRECTIONAL.match(match.group(0)):
                origin = roles["origin"]  # a clash has two sides, not a direction
            else:
                origin = (roles["origin"] or _actor_country(article, start, actor)
                          or _acting_place(article, refs, start + match.start()))
            if not targets:
                continue
            for extra in targets[1:MAX_STRIKE_TARGETS]:  # "bombed the port city of Poti and ... near Tbilisi"
                if extra.place.kind != "country":
                    found.append(_strike(article, extra, origin, actor, event.date, evidence))
            if origin is not None and origin.country == targets[0].country:
                origin = None
            event.origin, event.target = origin, targets[0]
        elif event_type == "deployment":
            event.site = roles["site"] if roles["site"] and roles["site"].place.kind in POINT_KINDS else None
            if event.site is None and on_border and context.site is not None and (
                    len(pair) < 2 or context.site.country in pair):
                event.site = context.site  # troops "along the border" of the crossing the article is about
            event.sides = pair
            if event.site is None and not (on_border and len(pair) == 2):
                continue
        event.confidence = _confidence(event)
        found.append(event)
    # A named crossing point with no closure trigger is still a crossing.
    if crossing_site is not None and not any(e.type in ("crossing", "strike") for e in found):
        crossing = Event(type="crossing", article_id=article.id, date=date, site=crossing_site, sides=pair,
                         evidence=list(evidence))
        crossing.confidence = _confidence(crossing)
        found.append(crossing)
    return found


def _strike(article: Article, target: Role, origin: Role | None, actor, date, evidence) -> Event:
    """One more strike of a sentence that names several targets."""
    if origin is not None and origin.country == target.country:
        origin = None
    event = Event(type="strike", article_id=article.id, actor=actor, date=date, origin=origin, target=target,
                  evidence=list(evidence))
    event.confidence = _confidence(event)
    return event


def _confidence(event: Event) -> float:
    value = TYPE_CONFIDENCE[event.type]
    roles = [r for r in (event.origin, event.target, event.site) if r is not None]
    value += 0.1 * min(len(roles), 2) + (0.05 if event.actor else 0) + (0.05 if event.date else 0)
    return round(min(value, 0.95), 2)


def _merge_key(event: Event) -> tuple:
    """Movements merge by their two countries (the invasion told twice); strikes by their target place
    (Poti and Tbilisi bombed in one sentence stay two strikes); point events by their site or sides."""
    if event.type == "movement":
        return (event.type, event.origin.country, event.target.country)
    if event.type == "strike":
        return (event.type, event.origin.country if event.origin else None, event.target.place.id)
    if event.site is not None:
        return (event.type, event.site.place.id)
    return (event.type, tuple(sorted(event.sides)))


def _actor_rank(actor: str | None) -> tuple[int, int]:
    if not actor:
        return (0, 0)
    return (1 + any(w[:1].isupper() for w in actor.split()) + ("’s" not in actor and "'s" not in actor), len(actor))


#: Actors that are the same armed force under different nouns ("Russian troops" ... "the forces").
ARMED_NOUNS = {"troops", "forces", "soldiers", "army", "military", "units", "tanks", "commandos", "marines"}


def _actor_head(actor: str | None) -> str | None:
    """The kind of group that acts ("refugees", "armed"); None for a place acting as a state ("Israel")."""
    if not actor or not P.ACTOR.fullmatch(actor):
        return None
    head = actor.split()[-1].lower()
    return "armed" if head in ARMED_NOUNS else head


def _same_event(a: Event, b: Event) -> bool:
    """Can two sentences with the same merge key tell one event? Not when they state different days
    ("Thursday night" and "Sunday"), opposite states ("opened" and "kept closed") or different kinds of
    actor ("reporters" and "refugees" entering Turkey)."""
    if a.date and b.date and a.date_stated and b.date_stated and not (
            a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    if {a.status, b.status} == {"open", "closed"}:
        return False
    heads = {_actor_head(a.actor), _actor_head(b.actor)} - {None}
    return len(heads) <= 1


def merge(events: list[Event]) -> list[Event]:
    """One event per thing described; the merged event quotes every sentence."""
    merged: dict[tuple, list[Event]] = {}
    for event in events:
        same_key = merged.setdefault(_merge_key(event), [])
        into = next((e for e in same_key if _same_event(e, event)), None)
        if into is None:
            same_key.append(event)
            continue
        into.evidence.extend(e for e in event.evidence if e not in into.evidence)
        if event.date and (not into.date or (event.date_stated, len(event.date)) > (into.date_stated, len(into.date))):
            into.date, into.date_stated = event.date, event.date_stated
        if _actor_rank(event.actor) > _actor_rank(into.actor):
            into.actor = event.actor
        if STATUS_RANK[event.status] > STATUS_RANK[into.status]:
            into.status = event.status
        if event.target is not None and event.target.direction and not (into.target and into.target.direction):
            into.target = event.target
        into.confidence = round(min(0.95, max(into.confidence, event.confidence) + 0.05), 2)
    return sorted((e for group in merged.values() for e in group), key=lambda e: e.evidence[0].start)


def _sentence_views(article: Article):
    """The article seen from each sentence: only that sentence's mentions and demonyms, found by
    bisection, so that a book-length text costs linear time; ``whole`` is the article itself."""
    mentions = sorted(article.mentions, key=lambda m: m.start)
    demonyms = sorted(article.demonyms, key=lambda d: d.start)
    mention_starts = [m.start for m in mentions]
    demonym_starts = [d.start for d in demonyms]
    for start, end in article.sentences or [(0, len(article.text))]:
        view = copy.copy(article)
        view.mentions = mentions[bisect_left(mention_starts, start) : bisect_left(mention_starts, end)]
        view.demonyms = demonyms[bisect_left(demonym_starts, start) : bisect_left(demonym_starts, end)]
        view.whole = article
        yield view, start, end


def extract_events(article: Article) -> list[Event]:
    """All events of an article, merged, in the order of their first sentence; also sets ``article.events``.

    A closure whose sentence names no crossing ("the Taliban closed the border
    Sunday") is placed at the crossing the article is about, when it names one
    and it lies on that border; so is a deployment "along the border".
    """
    context = article_context(article)
    found = []
    for view, start, end in _sentence_views(article):
        found.extend(events_in_sentence(view, start, end, context))
    article.events = merge(found)
    return article.events
