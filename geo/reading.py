"""Read articles from .txt, .jsonl, .jsonl.gz, .html files and stdin.

Input is untrusted: a file may be empty, binary, huge, in another encoding or
half-broken JSON. Each problem becomes an ``InputProblem`` with a one-line
message (file and line), and the good articles around it are still read.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as _date
from html.parser import HTMLParser
from pathlib import Path

from bordermap.errors import InputError
from bordermap.geo.article import Article

#: Larger inputs are not articles; a corpus belongs in .jsonl(.gz).
MAX_ARTICLE_BYTES = 5_000_000
MAX_JSONL_LINE_BYTES = 5_000_000


@dataclass
class InputProblem:
    """An input that could not be read; ``where`` is "file" or "file line N"."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


#: The kinds of file a folder input contributes.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")


def check_date(value: object) -> str | None:
    """Accept ISO 8601 dates ("2023-02-16", "2023-02", "2023-02-16T10:00Z"); ``InputError`` otherwise."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ].*)?", text)
    if not match:
        raise InputError(f"date {text[:40]!r} is not ISO 8601 (YYYY-MM-DD)")
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        _date(year, month, day)
    except ValueError as exc:  # 2023-02-30
        raise InputError(f"date {text[:40]!r}: {exc}") from None
    return text[:10] if match[3] else text[:7]


class _ArticleText(HTMLParser):
    """Keep the readable text of a page: paragraphs and headings, no scripts; and what its head says of it
    (Open Graph and article meta tags, the canonical link), which news sites fill in more reliably than
    ``<title>`` ("Headline | Site")."""

    META = frozenset({"og:title", "og:url", "article:published_time", "og:published_time", "datepublished"})

    SKIP = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
            "button", "svg", "iframe", "select", "textarea"})
    BLOCK = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "section",
             "article", "br", "tr", "td", "figcaption", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "link"):
            self._head_tag(tag, dict(attrs))
        elif tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def _head_tag(self, tag: str, attrs: dict) -> None:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
        if tag == "link" and "canonical" in (attrs.get("rel") or "").lower().split():
            key, attrs = "canonical", {"content": attrs.get("href")}
        value = (attrs.get("content") or "").strip()
        if (key in self.META or key == "canonical") and value and key not in self.meta:
            self.meta[key] = value

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self.parts.append(data)


@dataclass(frozen=True)
class PageText:
    """What an HTML page gives an article: its text (paragraphs kept), title, publication date and address."""

    text: str
    title: str | None
    date: str | None
    url: str | None


def html_to_text(html: str) -> PageText:
    """The article of an HTML page: og:title before <title>, article:published_time, og:url or the canonical
    link (an address that is not http(s) is dropped; a date that is not ISO 8601 too)."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    text = re.sub(r" *\n[\n ]*", "\n\n", text).strip()
    meta = parser.meta
    title = " ".join((meta.get("og:title") or "".join(parser.title_parts)).split()) or None
    published = meta.get("article:published_time") or meta.get("og:published_time") or meta.get("datepublished")
    try:
        date = check_date(published)
    except InputError:
        date = None
    return PageText(text, title, date, web_url(meta.get("og:url") or meta.get("canonical")))


def web_url(url: object) -> str | None:
    """The url if it is a web address (http or https), else None: a 'javascript:' or 'data:' url from an
    untrusted article would reach every output that a GIS or a spreadsheet may show as a link."""
    url = url.strip() if isinstance(url, str) else None
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


#: Byte-order marks of the texts other than UTF-8 that editors write ("Unicode" in Windows Notepad is UTF-16).
WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
             (b"\xfe\xff", "utf-16"))


def wide_encoding(data: bytes) -> str | None:
    """"utf-16" or "utf-32" when ``data`` opens with its byte-order mark, else None."""
    return next((encoding for bom, encoding in WIDE_BOMS if data.startswith(bom)), None)


def _decode(data: bytes, where: str) -> str | InputProblem:
    if (wide := wide_encoding(data)) is not None:  # its NUL bytes are text, not a binary file's
        try:
            data = data.decode(wide).encode("utf-8")
        except UnicodeDecodeError as exc:
            return InputProblem(where, f"not {wide.upper()} text after its byte-order mark: invalid bytes at offset {exc.start}")
    if not data.strip():
        return InputProblem(where, "empty file: no article to read")
    if b"\x00" in data[:8192]:
        return InputProblem(where, "binary file, not text (found NUL bytes)")
    try:
        return _well_formed(data.decode("utf-8-sig"))  # a NUL further in: U+FFFD, one for one, as in JSON
    except UnicodeDecodeError as exc:
        return InputProblem(where, f"not UTF-8 text: invalid byte 0x{data[exc.start]:02x} at offset {exc.start}; convert it to UTF-8 first")


def _title_and_body(text: str) -> str | None:
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 and "\n" in text.strip() else None


#: A lone UTF-16 surrogate, or a NUL (which GDAL takes for the end of a string: a GeoPackage cut a title there).
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def _well_formed(value: object) -> object:
    """JSON may spell a lone UTF-16 surrogate ("\\ud83d"), which no UTF-8 text can hold, or a NUL ("\\u0000"):
    each becomes U+FFFD, one character for one, so offsets into the text stay right."""
    return _NOT_TEXT.sub("\ufffd", value) if isinstance(value, str) else value


def article_from_record(record: object, where: str, fallback_id: str) -> Article | InputProblem:
    """An ``Article`` from one JSON object, checking its fields."""
    if not isinstance(record, dict):
        return InputProblem(where, "not a JSON object")
    record = {key: _well_formed(record.get(key)) for key in ("id", "text", "title", "date", "url")}
    text = record.get("text")
    if not isinstance(text, str):
        return InputProblem(where, "no \"text\" string")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
        return InputProblem(where, f"article text is over {MAX_ARTICLE_BYTES // 1_000_000} MB")
    try:
        date = check_date(record.get("date"))
    except InputError as exc:
        return InputProblem(where, str(exc))
    title = record.get("title")
    return Article(
        id=str(record.get("id") or fallback_id), text=text,
        title=str(title) if title is not None else None, date=date,
        url=web_url(record.get("url")), source=where,
    )


def bounded_lines(stream, limit: int = MAX_JSONL_LINE_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line of a binary stream, never holding more than ``limit`` bytes of one line:
    a longer line is skipped as it is read (its number comes with None), so a corpus line, or a gzip member
    that inflates to gigabytes, costs ``limit`` bytes of memory, not its size."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _read_jsonl(lines: Iterable[tuple[int, bytes | None]], name: str) -> Iterator[Article | InputProblem]:
    empty = True
    for number, raw in lines:
        if number == 1 and raw is not None and (wide := wide_encoding(raw)) is not None:
            yield InputProblem(name, f"{wide.upper()} text: JSONL is read as UTF-8; save it as UTF-8 first")
            return
        empty = empty and raw is not None and not raw.strip()
        where = f"{name} line {number}"
        if raw is None or len(raw) > MAX_JSONL_LINE_BYTES:
            yield InputProblem(where, f"line is over {MAX_JSONL_LINE_BYTES // 1_000_000} MB: skipped")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            yield InputProblem(where, "not UTF-8 text")
            continue
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield InputProblem(where, "JSON nested too deeply to be an article")
            continue
        yield article_from_record(record, where, f"{Path(name).stem}-{number}")
    if empty:
        yield InputProblem(name, "empty file: no article to read")


def _read_text(data: bytes, name: str, stem: str, html: bool) -> Iterator[Article | InputProblem]:
    if len(data) > MAX_ARTICLE_BYTES:
        yield InputProblem(name, f"file is {len(data) / 1e6:.0f} MB; an article over {MAX_ARTICLE_BYTES // 1_000_000} MB "
                                 "is not read (split a corpus into .jsonl lines)")
        return
    text = _decode(data, name)
    if isinstance(text, InputProblem):
        yield text
        return
    if html:
        page = html_to_text(text)
        if not page.text:
            yield InputProblem(name, "HTML page without article text")
            return
        yield Article(id=stem, text=page.text, title=page.title, date=page.date, url=page.url, source=name)
    else:
        yield Article(id=stem, text=text, title=_title_and_body(text), source=name)


def _looks_like(data: bytes) -> str:
    head = data.lstrip()[:1]
    return {b"{": "jsonl", b"<": "html"}.get(head, "txt")


def _read_stdin(stream) -> Iterator[Article | InputProblem]:
    """JSONL on stdin is streamed line by line, as long as it goes; one article is read up to its limit, and a
    longer one is refused with its size, not cut."""
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    if (wide := wide_encoding(head)) is not None:  # what it is, told from its characters, not its bytes
        head = head.decode(wide, errors="ignore").lstrip("\ufeff").encode("utf-8")
        if _looks_like(head) == "jsonl":
            yield InputProblem("stdin", f"{wide.upper()} text: JSONL is read as UTF-8; send it as UTF-8")
            return
    elif _looks_like(head) == "jsonl":
        yield from _read_jsonl(bounded_lines(stream), "stdin")
        return
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        yield InputProblem("stdin", f"over {MAX_ARTICLE_BYTES // 1_000_000} MB: an article this long is not read "
                                    "(send a corpus as .jsonl lines)")
        return
    yield from _read_text(data, "stdin", "stdin", html=_looks_like(head if wide else data) == "html")


def missing_reason(path: Path) -> str:
    """Why a path that does not exist cannot be read: a dangling or looping symlink is not "no such file"."""
    return "a symlink to nothing, or a symlink loop" if path.is_symlink() else "no such file"


def read_path(path: str | Path, *, seen: set[str] | None = None, file_id: str | None = None,
              ) -> Iterator[Article | InputProblem]:
    """Articles of one input path ("-" is stdin), streamed for JSONL. A text or HTML file's article id is
    ``file_id``, by default its name; a folder's files have their path within the folder (``2023/news.txt``),
    so that two ``news.txt`` of one folder are two ids. A file whose real path is in ``seen`` is not read
    again. A file name that is not UTF-8 (its bytes decoded as surrogates) is shown and used in ids with
    U+FFFD: pyarrow, GDAL and JSON refuse surrogates."""
    name = _well_formed(str(path))
    if name == "-":
        yield from _read_stdin(sys.stdin.buffer)
        return
    path = Path(path)
    if path.is_dir():  # its articles, in the folders within too, in name order
        files = article_files(path)
        if not files:  # else an empty folder made a run of no article, which replaced good files with empty ones
            yield InputProblem(name, "no article file (.txt, .html, .htm, .jsonl, .jsonl.gz) in this folder or its "
                                     "subfolders (a symlinked folder is not followed)")
        for child in files:
            yield from read_path(child, seen=seen, file_id=_well_formed(child.relative_to(path).as_posix()))
        return
    if seen is not None and path.exists() and not first_reading(path, seen):
        return  # named twice, or named and in a folder named too: its places would count twice
    if not path.exists():
        yield InputProblem(name, missing_reason(path))
        return
    if not path.is_file():
        yield InputProblem(name, "not a regular file (a FIFO, socket or device): name an article file or a folder")
        return
    suffix = _suffix(path)
    try:
        if suffix == ".jsonl.gz":
            with gzip.open(path, "rb") as f:
                yield from _read_jsonl(bounded_lines(f), name)
        elif suffix == ".jsonl":
            with path.open("rb") as f:
                yield from _read_jsonl(bounded_lines(f), name)
        else:
            size = path.stat().st_size
            if size > MAX_ARTICLE_BYTES:
                yield InputProblem(name, f"file is {size / 1e6:.0f} MB; an article over "
                                         f"{MAX_ARTICLE_BYTES // 1_000_000} MB is not read (split a corpus into .jsonl lines)")
                return
            yield from _read_text(path.read_bytes(), name, file_id or _well_formed(path.name),
                                  html=suffix in (".html", ".htm"))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputProblem(name, f"cannot read: {exc}")


def first_reading(path: Path, seen: set[str]) -> bool:
    """Is this the first time the file is met (by its real path, added to ``seen``)?"""
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True


def article_files(folder: Path) -> list[Path]:
    """The article files of a folder and its subfolders, in name order (symlinked folders are not followed)."""
    return [child for child in sorted(folder.rglob("*")) if child.is_file() and _suffix(child) in ARTICLE_SUFFIXES]


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Article | InputProblem]:
    """Every article of every input, in order, with problems in between; each file read once.

    Each article's id is unique in the run: an id seen before (``news.txt`` of two folders, ``c-1`` of two
    ``c.jsonl``, a JSONL id used twice) becomes ``id~2``, ``id~3``, ...; else the layers gave one article's
    features the other's title, url and date. The ids are held for the run (about 100 bytes an article)."""
    seen: set[str] = set()
    ids: dict[str, int] = {}
    for path in paths:
        for item in read_path(path, seen=seen):
            if isinstance(item, Article):
                item.id = unique_id(item.id, ids)
            yield item


def unique_id(wanted: str, issued: dict[str, int]) -> str:
    """``wanted``, or ``wanted~N`` with the first N that makes it new; ``issued`` maps each id given out to the
    last N tried for it."""
    if wanted not in issued:
        issued[wanted] = 1
        return wanted
    number = issued[wanted]
    while True:
        number += 1
        candidate = f"{wanted}~{number}"
        if candidate not in issued:
            issued[wanted] = number
            issued[candidate] = 1
            return candidate
