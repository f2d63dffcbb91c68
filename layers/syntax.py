"""The grammar of the sentences that may tell an event: spaCy's dependency parser, run where it is needed.

Recognition runs only spaCy's entity recogniser. Events need the parse, so
the same model's tok2vec, tagger and parser run here, on the
sentences that hold a trigger word (``event_frames.trigger_words``) and a
place, a demonym or a border word: in general news about one sentence in
twenty, so the parse costs little of the whole job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from bordermap.geo.article import Article
from bordermap.layers.event_frames import trigger_words
from bordermap.layers.lemmas import annotate

#: Words that make a sentence about a border even when it names no place.
BORDER_WORDS = re.compile(r"\b(?:borders?|crossings?|checkpoints?|frontiers?|boundary|border\s+posts?|gates?)\b",
                          re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
#: Prepositions of a path over a line, and the lines: "ran across the border", "over the frontier".
PATH_OVER = ("across", "over")
LINE_WORDS = ("border", "frontier", "boundary")
#: Nouns that name a border or a line ("the frontier", "the fence") and a crossing of it ("the checkpoint").
BORDER_NOUNS = {"border", "borders", "frontier", "frontiers", "boundary", "line", "fence", "wall"}
CROSSING_NOUNS = {"crossing", "crossings", "checkpoint", "checkpoints", "post", "posts", "point", "points", "gate",
                  "gates", "bridge", "terminal", "station"}
#: "across the border", "over the Polish frontier": the text of a path ``layers.events.across_a_border`` reads in
#: the parse.
ACROSS_A_BORDER = re.compile(rf"\b(?:{'|'.join(PATH_OVER)})\s+the\s+(?:[\w-]+\s+)?(?:{'|'.join(LINE_WORDS)})\b",
                             re.IGNORECASE)
#: Capitalised, these are months, not triggers ("in March", "May 5").
MONTHS = {"March", "May"}
#: A sentence longer than this is parsed in its first part only: the parser's time grows with its length.
MAX_SENTENCE_CHARS = 2_000
#: Sentences per parser batch (64 and 256 took the same time on the news corpora; 32 per article, twice it).
PARSE_BATCH = 64


@dataclass(frozen=True)
class Parsed:
    """A sentence's parse (a spaCy Doc of the sentence alone) and where the sentence starts in the article."""

    doc: object
    start: int

    def char(self, token) -> int:
        """The article offset of a token."""
        return self.start + token.idx

    def span_chars(self, tokens) -> tuple[int, int]:
        """The article offsets of a run of tokens (its first to its last)."""
        first, last = min(t.i for t in tokens), max(t.i for t in tokens)
        return self.start + self.doc[first].idx, self.start + self.doc[last].idx + len(self.doc[last].text)


#: The components of the recognition model that parse: its shared token vectors, tagger and parser.
PARSING = ("tok2vec", "tagger", "parser")


@lru_cache(maxsize=1)
def parser_components() -> list:
    """The disabled tok2vec, tagger and parser of the model recognition loaded (``geo.recognize.load_nlp``):
    the model loads once; no attribute ruler or lemmatizer (``lemmas`` does their part for events at a
    fraction of the cost). The tok2vec is ``_Tok2Vec``, which computes the same vectors faster."""
    from bordermap.geo.recognize import load_nlp

    nlp = load_nlp()
    tok2vec, *others = (nlp.get_pipe(name) for name in PARSING)
    return [nlp.tokenizer, _Tok2Vec(tok2vec), *others]


class _Tok2Vec:
    """The shared tok2vec component with ``geo.token_vectors``' maxout in blocks (a quarter faster than
    thinc's, the same vectors): the tagger and parser read them from ``doc.tensor``, where the component
    puts them."""

    def __init__(self, component):
        from bordermap.geo.token_vectors import token_vectors

        self.component = component
        self.vectors = token_vectors(component.model)

    def pipe(self, docs: Iterable, batch_size: int) -> Iterator:
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            self.component.set_annotations(batch, self.vectors(batch))
            yield from batch


def may_tell_an_event(article: Article, start: int, end: int, mention_starts: list[int]) -> bool:
    """A trigger word, and a place, a demonym or a border word: the sentences worth a parse."""
    text = article.text[start:end]
    words = trigger_words()
    if not any(word.lower() in words and word not in MONTHS for word in _WORD.findall(text)) and \
            not ACROSS_A_BORDER.search(text):  # "ran across the border": any verb (``layers.events``)
        return False
    import bisect

    i = bisect.bisect_left(mention_starts, start)
    return (i < len(mention_starts) and mention_starts[i] < end) or bool(BORDER_WORDS.search(text))


def parse_batches(jobs: list[tuple[Article, list[tuple[int, int]]]]) -> list[list[tuple[tuple[int, int], Parsed]]]:
    """The parse of each sentence span of each article, in order: one list per article. The sentences of
    all the articles go through the parser as one stream, in batches of PARSE_BATCH."""
    from bordermap.geo.pipeline import tokenizable

    tokenizer, *components = parser_components()
    spans = [(i, start, end) for i, (_, article_spans) in enumerate(jobs) for start, end in article_spans]
    docs = (tokenizer(tokenizable(jobs[i][0].text[start : min(end, start + MAX_SENTENCE_CHARS)]))
            for i, start, end in spans)
    for component in components:
        docs = component.pipe(docs, batch_size=PARSE_BATCH)
    parses: list[list[tuple[tuple[int, int], Parsed]]] = [[] for _ in jobs]
    for (i, start, end), doc in zip(spans, docs, strict=True):
        annotate(doc)
        parses[i].append(((start, end), Parsed(doc, start)))
    return parses
