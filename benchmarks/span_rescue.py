"""A learned second chance for the spans recognition rejects, scored leave-one-corpus-out (issue 20, item 1).

Run: python benchmarks/span_rescue.py [--max-docs N] [--l2 1.0]

Recognition proposes candidate spans (spaCy's entities, the gazetteer scan, names inside names, ...) and
``geo.acceptance`` says yes or no to each by hand-written rules. Issue 20 asks whether one learned decision
would do better on a corpus it never saw. This script records every decision while recognising LGL,
GeoWebNews, TR-News, GeoVirus (../shared/eval) and both border-news dev sets (read, never copied), and
asks the narrower question that can add recall: among the candidates the rules **reject** (and that no
accepted mention overlaps), which would a logistic regression, fitted on the other five sets, take back?

Features per candidate, from what the rules already read: its source and spaCy label, how surely the
gazetteer knows the name (``KnownNames.strength``), its length, a sentence start, the word before it (a
locative word, "of", a comma, "and", "the", a capitalised word), the word after it (a speech verb, a
possessive, a capital), all capitals, every cue of ``geo.cues`` and the person context, a list after a place,
the gazetteer's first sense (kind, log population), a sense in a country the article names
(``KnownNames.named_countries``), and the name elsewhere accepted in the article. A candidate is right when
it overlaps a gold toponym that no accepted mention overlaps (one the rules missed); wrong otherwise.

Printed per corpus left out: the candidates in the pool and the missed gold toponyms they overlap; for
thresholds 0.5 and 0.7 the rescued right / wrong (most probable first; a span overlapping one taken is not
taken, a second span on one gold toponym is wrong) and recognition's overlap F1 before and after, counted
here (a gold toponym found when a mention overlaps it, ignored spans left out: within 0.002 of the shared
scorer's one-to-one match). The figures are the decision's alone: a rescued span would also change the
lists and repeated names after it, which this does not follow.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass, field

import numpy as np
from calibration import CORPORA, load
from learning import newton

THRESHOLDS = (0.5, 0.7)
LOCATIVE = {"in": "in", "near": "in", "outside": "in", "inside": "in", "at": "at", "from": "from", "to": "to",
            "into": "to", "towards": "to", "toward": "to", "across": "to", "on": "on", "of": "of", ",": "comma",
            "and": "and", "or": "and", "the": "the"}
LABELS = ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT")
KINDS = ("country", "region", "district", "city", "town", "crossing", "area", "water")
CUES = ("has_cue", "resident_cue", "service_cue", "court_cue", "kind_cue", "crossing_cue", "dateline", "home_cue",
        "owns_something", "in_longer_name")


@dataclass
class Decision:
    start: int
    end: int
    text: str
    accepted: bool
    features: dict[str, float] = field(default_factory=dict)


def candidate_features(acceptance, candidate, doc, mentions) -> dict[str, float]:
    """What the rules read about one candidate, as numbers."""
    from bordermap.geo import cues
    from bordermap.geo.acceptance import NAMED_COUNTRIES

    known = acceptance.known
    span = candidate.span if candidate.looked_up is None else candidate.looked_up
    name = candidate.query or span.text
    strength = known.strength(name)
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    word = before.lower_ if before is not None else "^"
    previous = LOCATIVE.get(word, "capital" if before is not None and before.text[:1].isupper() else "other")
    label = candidate.label if candidate.label in LABELS else ("none" if not candidate.label else "other")
    values = {f"source={candidate.source}": 1.0, f"label={label}": 1.0, f"before={previous}": 1.0,
              "strength": min(strength, 6.0) / 3, "strength>=1": float(strength >= 1), "strength>=2": float(strength >= 2),
              "strength>=3": float(strength >= 3), "one word": float(len(span) == 1), "two words": float(len(span) == 2),
              "sentence start": float(span.start == 0 or span[0].is_sent_start),
              "speech after": float(after is not None and after.lower_ in ("said", "says", "told", "added", "announced")),
              "possessive after": float(after is not None and after.text in ("'s", "’s")),
              "capital after": float(after is not None and after.text[:1].isupper()),
              "all capitals": float(span.text.isupper() and len(span.text) > 2),
              "not a name": float(cues.not_a_name(span)),
              "person context": float(known.person_context(doc, span, strength)),
              "listed after a place": float(acceptance.listed_after_a_place(doc, span, mentions))}
    for cue in CUES:
        values[cue] = float(getattr(cues, cue)(doc, span))
    senses = known.gazetteer.candidates(name)
    if senses:
        top = senses[0]
        values[f"kind={top.kind if top.kind in KINDS else 'other'}"] = 1.0
        values["log population"] = math.log10(1 + top.population) / 7
        values["senses"] = min(len(senses), 20) / 20
        values["in a named country"] = float(known.town_of_a_named_country(span, doc.user_data.get(NAMED_COUNTRIES,
                                                                                                     frozenset())))
    else:
        values["kind=unknown"] = 1.0
    return values


def recorded_decisions(docs: list[dict], pipeline) -> list[tuple[dict, list[Decision], list]]:
    """Recognise and resolve every doc, recording each decision of ``geo.acceptance``: (doc, decisions, the
    article's accepted mentions)."""
    from bordermap.geo.acceptance import Acceptance
    from bordermap.geo.article import Article

    decisions: list[Decision] = []
    decide = Acceptance.__call__

    def recording(self, candidate, doc, mentions):
        accepted = decide(self, candidate, doc, mentions)
        span = candidate.span
        start = candidate.start if candidate.start is not None else span.start_char
        end = candidate.end if candidate.end is not None else span.end_char
        decisions.append(Decision(start, end, span.text, accepted, candidate_features(self, candidate, doc, mentions)))
        return accepted

    Acceptance.__call__ = recording
    try:
        out = []
        for i, doc in enumerate(docs):
            decisions.clear()
            article = next(iter(pipeline.process([Article(id=str(i), text=doc["text"], date=doc.get("date"))],
                                                 keep_doc=False)))
            names = {m.text for m in article.mentions}
            for decision in decisions:
                decision.features["accepted elsewhere"] = float(decision.text in names)
            out.append((doc, list(decisions), article.mentions))
        return out
    finally:
        Acceptance.__call__ = decide


def _overlaps(start: int, end: int, spans) -> bool:
    return any(min(end, b) > max(start, a) for a, b in spans)


@dataclass
class Pooled:
    """A rejected span: where it is, the missed gold toponym it overlaps (None: none), its features."""

    doc: int
    start: int
    end: int
    gold: int | None
    features: dict[str, float]


def pool_and_f1(recorded) -> tuple[list[Pooled], tuple[int, int, int]]:
    """The rejected candidates no accepted mention overlaps (one per span, the features of all its proposals
    joined), each with the gold toponym it overlaps that the mentions missed; and recognition's overlap TP,
    FP, FN."""
    pool: list[Pooled] = []
    tp = fp = fn = 0
    for i, (doc, decisions, mentions) in enumerate(recorded):
        gold = [(g["start"], g["end"]) for g in doc.get("toponyms", [])]
        ignored = [(g["start"], g["end"]) for g in doc.get("ignore", [])]
        taken = [(m.start, m.end) for m in mentions]
        found = [g for g in gold if _overlaps(*g, taken)]
        tp += len(found)
        fn += len(gold) - len(found)
        fp += sum(1 for m in taken if not _overlaps(*m, gold) and not _overlaps(*m, ignored))
        missed = [k for k, g in enumerate(gold) if g not in found]
        joined: dict[tuple[int, int], dict[str, float]] = {}
        for d in decisions:
            if d.accepted or _overlaps(d.start, d.end, taken) or _overlaps(d.start, d.end, ignored):
                continue
            into = joined.setdefault((d.start, d.end), {})
            for key, value in d.features.items():
                into[key] = max(into.get(key, 0.0), value)
        for (start, end), values in joined.items():
            hit = next((k for k in missed if _overlaps(start, end, [gold[k]])), None)
            pool.append(Pooled(i, start, end, None if hit is None else i * 100_000 + hit, values))
    return pool, (tp, fp, fn)


def rescued(pool: list[Pooled], p: np.ndarray, threshold: float) -> tuple[int, int]:
    """Right and wrong spans taken at ``threshold``, most probable first; a span overlapping one taken before
    is not taken (recognition would have blocked its tokens), and a second span on a gold toponym is wrong
    (the scorer matches one to one)."""
    right = wrong = 0
    taken: dict[int, list[tuple[int, int]]] = {}
    matched: set[int] = set()
    for k in np.argsort(-p, kind="stable"):
        row = pool[k]
        if p[k] < threshold:
            break
        if _overlaps(row.start, row.end, taken.get(row.doc, [])):
            continue
        taken.setdefault(row.doc, []).append((row.start, row.end))
        if row.gold is not None and row.gold not in matched:
            matched.add(row.gold)
            right += 1
        else:
            wrong += 1
    return right, wrong


def fit(rows: list[dict], right: list[bool], columns: list[str], l2: float) -> np.ndarray:
    x = np.array([[values.get(c, 0.0) for c in columns] + [1.0] for values in rows])
    y = np.array(right, dtype=float)
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk

    def objective(w: np.ndarray):
        z = x @ w
        p = 1 / (1 + np.exp(-z))
        value = float(np.sum(y * z - np.logaddexp(0, z))) - 0.5 * float(penalty @ (w * w))
        hessian = -(x * (p * (1 - p))[:, None]).T @ x - np.diag(penalty) - 1e-9 * np.eye(len(w))
        return value, x.T @ (y - p) - penalty * w, hessian

    return newton(objective, np.zeros(x.shape[1]))


def probabilities(weights: np.ndarray, rows: list[dict], columns: list[str]) -> np.ndarray:
    x = np.array([[values.get(c, 0.0) for c in columns] + [1.0] for values in rows])
    return 1 / (1 + np.exp(-(x @ weights)))


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-docs", type=int, default=None, help="at most N documents per corpus")
    parser.add_argument("--l2", type=float, default=1.0, help="the L2 penalty of the weights")
    args = parser.parse_args()
    from bordermap.geo.pipeline import GeoPipeline

    pipeline = GeoPipeline()
    sets = {}
    started = time.perf_counter()
    for name, path in CORPORA.items():
        if not path.exists():
            print(f"{name}: missing ({path})", file=sys.stderr)
            continue
        sets[name] = pool_and_f1(recorded_decisions(load(path, args.max_docs), pipeline))
    columns = sorted({key for pool, _ in sets.values() for row in pool for key in row.features})
    print(f"recorded the decisions of {len(sets)} sets in {time.perf_counter() - started:.0f} s; "
          f"{len(columns)} features\n")
    print("| left out | rejected pool | rescuable gold | F1 (overlap) now | "
          + " | ".join(f"p >= {t}: rescued right / wrong, F1" for t in THRESHOLDS) + " |")
    print("|---|---:|---:|---:|" + "---|" * len(THRESHOLDS))
    for held_out, (pool, (tp, fp, fn)) in sets.items():
        train = [row for name, s in sets.items() if name != held_out for row in s[0]]
        weights = fit([r.features for r in train], [r.gold is not None for r in train], columns, args.l2)
        p = probabilities(weights, [r.features for r in pool], columns)
        cells = []
        for threshold in THRESHOLDS:
            good, bad = rescued(pool, p, threshold)
            cells.append(f"+{good} / +{bad}, {f1(tp + good, fp + bad, fn - good):.4f}")
        rescuable = len({r.gold for r in pool if r.gold is not None})
        print(f"| {held_out} | {len(pool):,} | {rescuable} | {f1(tp, fp, fn):.4f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
