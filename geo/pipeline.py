"""The geo pipeline: text -> Article with sentences, mentions and resolved places."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from bordermap.geo.article import Article
from bordermap.geo.gazetteer import Gazetteer
from bordermap.geo.recognize import Recognizer, load_nlp
from bordermap.geo.resolve import resolve

BATCH_SIZE = 16
#: Articles per spaCy memory zone when their docs are not kept (see ``GeoPipeline.process``).
ZONE_ARTICLES = 1000
#: Words (spaCy lexemes) a pipeline keeps before it reads in memory zones, about 30 MB: the first words a
#: stream brings are, by Zipf's law, most of the words of what follows, and spaCy's tokenizer caches only the
#: words it keeps (in a zone it splits every word anew: 2.1 s against 1.1 s for 1,000 news articles here).
#: spaCy counts every lexeme it ever made, freed ones too, so a zone only brings the end of keeping nearer.
KEPT_WORDS = 50_000
#: Until KEPT_WORDS are kept, articles are read at most this many at a time (a multiple of BATCH_SIZE) ...
KEPT_PIECE = 64
#: ... and fewer than this many characters together; an article of this many or more (a long report, a table
#: of numbers) is read alone in a zone, so that the bound is passed by at most one piece's new words.
KEPT_PIECE_CHARS = 100_000
#: Longer articles are read in pieces of about this many characters (spaCy's limit is 1,000,000).
CHUNK_CHARS = 100_000


def _kept_piece(articles: Iterator[Article], held: list[Article]) -> list[Article]:
    """The next articles to read while words are kept: up to KEPT_PIECE of them under KEPT_PIECE_CHARS
    together, or one longer article alone. ``held`` carries the article that did not fit to the next piece."""
    piece, size, waiting = [], 0, held[:]
    held.clear()
    for article in chain(waiting, articles):
        if piece and size + len(article.text) >= KEPT_PIECE_CHARS:
            held.append(article)
            break
        piece.append(article)
        size += len(article.text)
        if len(piece) == KEPT_PIECE or size >= KEPT_PIECE_CHARS:
            break
    return piece


def _pieces(text: str) -> Iterator[str]:
    """Cut a long text into pieces of about CHUNK_CHARS, each ending after a paragraph break, else a
    sentence end, else any whitespace, so that no name is cut in two."""
    start = 0
    while len(text) - start > CHUNK_CHARS:
        window = text[start : start + CHUNK_CHARS]
        at = next((i for i in (window.rfind("\n\n"), window.rfind(". "), window.rfind(" ")) if i > CHUNK_CHARS // 2),
                  CHUNK_CHARS - 1)
        cut = start + at + 1
        while cut < len(text) and text[cut].isspace():
            cut += 1
        yield text[start:cut]
        start = cut
    yield text[start:]


class GeoPipeline:
    """spaCy + gazetteer recognition, then resolution; loads its models once.

    Recognition always asks the offline gazetteer (it looks up every
    capitalised n-gram); resolution asks ``resolver`` when one is given, e.g.
    Nominatim, once per distinct name of an article.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, resolver: Gazetteer | None = None):
        if gazetteer is None:
            from bordermap.geo.gazetteer import OfflineGazetteer

            gazetteer = OfflineGazetteer()
        self.gazetteer = gazetteer
        self.resolver = resolver or gazetteer
        self.nlp = load_nlp()
        self.recognize = Recognizer(gazetteer)

    def process(self, articles: Iterable[Article], keep_doc: bool = True) -> Iterator[Article]:
        """Add places to each article, streaming (spaCy batches them). An article longer than
        CHUNK_CHARS is read in pieces cut at whitespace and joined back into one Doc.

        Without ``keep_doc``, once the pipeline keeps KEPT_WORDS words, every ZONE_ARTICLES articles are
        read in a spaCy memory zone: the strings and lexemes of the new words they bring are freed after it,
        so that a process reading millions of articles does not grow with its vocabulary."""
        if keep_doc:
            yield from self._process(articles, keep_doc=True)
            return
        articles, held = iter(articles), []
        while len(self.nlp.vocab) < KEPT_WORDS and (piece := _kept_piece(articles, held)):
            if len(piece[0].text) < KEPT_PIECE_CHARS:
                yield from self._process(piece, keep_doc=False)
            else:
                with self.nlp.memory_zone():
                    yield from self._process(piece, keep_doc=False)
        articles = chain(held, articles)
        while chunk := list(islice(articles, ZONE_ARTICLES)):
            with self.nlp.memory_zone():
                yield from self._process(chunk, keep_doc=False)

    def _process(self, articles: Iterable[Article], keep_doc: bool) -> Iterator[Article]:
        pairs = ((tokenizable(a.text) if len(a.text) <= CHUNK_CHARS else "", a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
            if len(article.text) > CHUNK_CHARS:
                doc = self._long_doc(article.text)
            self.recognize(article, doc)
            resolve(article, self.resolver)
            article.doc = doc if keep_doc else None
            yield article

    def _long_doc(self, text: str):
        """One Doc for a long text: spaCy's models take at most 1,000,000 characters at a time."""
        from spacy.tokens import Doc

        pieces = list(self.nlp.pipe(_pieces(tokenizable(text)), batch_size=4))
        return Doc.from_docs(pieces, ensure_whitespace=False)  # the pieces join back into the text

    def __call__(self, article: Article) -> Article:
        return next(self.process([article]))


#: spaCy's tokenizer peels a suffix off a word one character at a time, rescanning the rest: 10,000 "!" in a
#: row took 8 s and 40,000 over 100 s. No word is this long; a URL may be, and a space in it only splits it.
LONGEST_WORD = 200
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


def tokenizable(text: str) -> str:
    """The text as the tokenizer gets it: a run of more than ``LONGEST_WORD`` characters without a space gets
    one in place of every ``LONGEST_WORD + 1``-th character, one for one, so offsets into the article stay
    right (its own text, which every quote is cut from, is unchanged)."""
    if not _LONG_WORD.search(text):
        return text
    step = LONGEST_WORD + 1

    def spaced(run: re.Match) -> str:
        characters = list(run.group())
        characters[LONGEST_WORD::step] = " " * len(characters[LONGEST_WORD::step])
        return "".join(characters)

    return _LONG_WORD.sub(spaced, text)


_default: GeoPipeline | None = None


def parse(text: str, *, id: str = "text", title: str | None = None, date: str | None = None,
          url: str | None = None, gazetteer=None) -> Article:
    """Find and resolve the places of one text: ``geo.parse(text, date="2023-02-16")``."""
    global _default
    from bordermap.geo.reading import check_date

    if gazetteer is not None:
        pipeline = GeoPipeline(gazetteer)
    else:
        if _default is None:
            _default = GeoPipeline()
        pipeline = _default
    return pipeline(Article(id=id, text=text, title=title, date=check_date(date), url=url))
