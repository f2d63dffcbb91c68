"""A long stream of articles does not grow the process with every new word it reads."""

from __future__ import annotations

from bordermap.geo.article import Article

TEXT = ("Officials in Minsk and Kyiv said on Monday that the border near Dyvin stayed closed. "
        "Residents of {0} and {1} {2} were moved to shelters, the governor of Brest said.")
INVENTED = ["Zorvath", "Quellmere", "Brindlewick", "Vostrakh", "Aldermoor", "Kesselt", "Thornquay", "Yarrowvale",
            "Pellinor", "Drakmoor", "Sunhallow", "Mirevane", "Olbrecht", "Tarnwick", "Cresthollow", "Wyvernsby",
            "Gallowmere", "Ostrevia", "Lindqvarn", "Harrowgate", "Feldspire", "Nolwenna", "Ruskvale", "Emberlyn"]


def _articles(invented: list[str] = INVENTED):
    words = iter(invented)
    return [Article(id=str(i), text=TEXT.format(next(words), next(words), next(words))) for i in range(8)]


def test_a_stream_without_docs_frees_its_new_words(pipeline, monkeypatch):
    from bordermap.geo import pipeline as geo_pipeline

    strings = pipeline.nlp.vocab.strings
    monkeypatch.setattr(geo_pipeline, "ZONE_ARTICLES", 3)
    monkeypatch.setattr(geo_pipeline, "KEPT_WORDS", len(pipeline.nlp.vocab))  # it keeps no more words
    streamed = list(pipeline.process(_articles(), keep_doc=False))
    assert not any(word in strings for word in INVENTED)
    kept = list(pipeline.process(_articles(), keep_doc=True))
    assert all(word in strings for word in INVENTED)  # a kept doc keeps its words
    assert [[(m.start, m.end, m.place and m.place.name) for m in a.mentions] for a in streamed] == \
           [[(m.start, m.end, m.place and m.place.name) for m in a.mentions] for a in kept]
    assert all(a.doc is None for a in streamed) and all(a.doc is not None for a in kept)
    assert "Dyvin" in {m.text for m in streamed[0].mentions}


def test_a_stream_keeps_its_first_words_up_to_a_bound(pipeline, monkeypatch):
    """The first words a stream brings stay (spaCy's tokenizer caches only kept words); past the bound,
    the new words of every zone are freed."""
    from bordermap.geo import pipeline as geo_pipeline

    strings = pipeline.nlp.vocab.strings
    monkeypatch.setattr(geo_pipeline, "ZONE_ARTICLES", 3)
    monkeypatch.setattr(geo_pipeline, "KEPT_PIECE", 2)
    monkeypatch.setattr(geo_pipeline, "KEPT_WORDS", len(pipeline.nlp.vocab) + 1)
    words = [word[::-1].capitalize() for word in INVENTED]  # new to this test: "Htavroz", "Eremlleuq", ...
    assert not any(word in strings for word in words)
    list(pipeline.process(_articles(words), keep_doc=False))
    assert all(word in strings for word in words[:6])  # the first piece's two articles, read before the bound
    assert not any(word in strings for word in words[6:])


def test_news_of_ordinary_length_is_kept_before_the_bound(pipeline, monkeypatch):
    """Articles of a few thousand characters fill pieces of their own: each piece's words stay."""
    from bordermap.geo import pipeline as geo_pipeline

    strings = pipeline.nlp.vocab.strings
    monkeypatch.setattr(geo_pipeline, "KEPT_WORDS", len(pipeline.nlp.vocab) + 100_000)
    words = [f"{word}ia" for word in INVENTED]  # "Zorvathia", ...: new to this test
    filler = " ".join([TEXT.format("Minsk", "Brest", "Pinsk")] * 20)  # about 3,400 characters an article
    articles = [Article(id=str(i), text=f"{filler} Officials in {word} said so.") for i, word in enumerate(words * 3)]
    assert sum(len(a.text) for a in articles) > 2 * geo_pipeline.KEPT_PIECE_CHARS  # several pieces
    list(pipeline.process(articles, keep_doc=False))
    assert all(word in strings for word in words)


def test_a_long_piece_is_read_in_a_zone_even_before_the_bound(pipeline, monkeypatch):
    """One long article (a table of numbers, a dump) must not fill the kept words for good."""
    from bordermap.geo import pipeline as geo_pipeline

    strings = pipeline.nlp.vocab.strings
    monkeypatch.setattr(geo_pipeline, "KEPT_WORDS", len(pipeline.nlp.vocab) + 1_000)
    monkeypatch.setattr(geo_pipeline, "KEPT_PIECE_CHARS", len(TEXT))  # every article is a long one here
    words = [word.upper() for word in INVENTED]  # "ZORVATH", ...: new to this test
    list(pipeline.process(_articles(words), keep_doc=False))
    assert not any(word in strings for word in words)


def test_the_name_cache_is_bounded(pipeline):
    from bordermap.geo.config import RecognizerConfig

    assert pipeline.recognize.known.strength.cache_info().maxsize == RecognizerConfig().strength_cache

