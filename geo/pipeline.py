"""The geo pipeline: text -> Article with sentences, mentions and resolved places."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from geo.article import Article
from geo.recognize import Recognizer, load_nlp
from geo.resolve import resolve

BATCH_SIZE = 16


class GeoPipeline:
    """spaCy + gazetteer recognition, then resolution; loads its models once.

    Recognition always asks the offline gazetteer (it looks up every
    capitalised n-gram); resolution asks ``resolver`` when one is given, e.g.
    Nominatim, once per distinct name of an article.
    """

    def __init__(self, gazetteer=None, resolver=None):
        if gazetteer is None:
            from geo.gazetteer import OfflineGazetteer

            gazetteer = OfflineGazetteer()
        self.gazetteer = gazetteer
        self.resolver = resolver or gazetteer
        self.nlp = load_nlp()
        self.recognize = Recognizer(gazetteer)

    def process(self, articles: Iterable[Article], keep_doc: bool = True) -> Iterator[Article]:
        """Add places to each article, streaming (spaCy batches them)."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
            self.recognize(article, doc)
            resolve(article, self.resolver)
            article.doc = doc if keep_doc else None
            yield article

    def __call__(self, article: Article) -> Article:
        return next(self.process([article]))


_default: GeoPipeline | None = None


def parse(text: str, *, id: str = "text", title: str | None = None, date: str | None = None,
          url: str | None = None, gazetteer=None) -> Article:
    """Find and resolve the places of one text: ``geo.parse(text, date="2023-02-16")``."""
    global _default
    from geo.reading import check_date

    if gazetteer is not None:
        pipeline = GeoPipeline(gazetteer)
    else:
        if _default is None:
            _default = GeoPipeline()
        pipeline = _default
    return pipeline(Article(id=id, text=text, title=title, date=check_date(date), url=url))
