"""The events' parse (layers.syntax) is spaCy's own parse of each sentence, from faster token vectors."""

from __future__ import annotations

from conftest import SAMPLE

from bordermap.geo.recognize import load_nlp


def test_the_shared_token_vectors_are_thincs(dev_articles):
    import numpy as np

    from bordermap.geo.token_vectors import _shape, token_vectors

    nlp = load_nlp()
    tok2vec = nlp.get_pipe("tok2vec").model
    docs = [nlp.make_doc(r["text"]) for r in dev_articles.values()]
    assert _shape(tok2vec) is not None  # the blocks' path, not thinc's
    vectors = token_vectors(tok2vec)
    ours, thincs = vectors(docs), tok2vec.predict(docs)
    assert [v.shape for v in ours] == [v.shape for v in thincs] == [(len(doc), 96) for doc in docs]
    assert all(np.allclose(a, b, rtol=1e-5, atol=1e-5) for a, b in zip(ours, thincs, strict=True))


def test_the_parse_is_spacys_own(dev_articles):
    from bordermap.geo.article import Article
    from bordermap.layers.syntax import PARSING, parse_batches

    nlp = load_nlp()
    texts = [line for text in [SAMPLE.read_text(encoding="utf-8")] + [r["text"] for r in dev_articles.values()]
             for line in text.split("\n") if line.strip()] + ["", "   "]
    article = Article(id="t", text="\n".join(texts))
    spans, start = [], 0
    for text in texts:
        spans.append((start, start + len(text)))
        start += len(text) + 1
    (parses,) = parse_batches([(article, spans)])
    own = nlp.get_pipe("parser").pipe(nlp.get_pipe("tagger").pipe(nlp.get_pipe("tok2vec").pipe(
        nlp.make_doc(text) for text in texts)))
    assert "tok2vec" in PARSING and len(parses) == len(texts) > 100
    for ((_, parsed), doc) in zip(parses, own, strict=True):
        assert [(t.tag_, t.dep_, t.head.i) for t in parsed.doc] == [(t.tag_, t.dep_, t.head.i) for t in doc]


def test_a_batch_of_empty_sentences_gets_empty_vectors():
    from bordermap.layers.syntax import parser_components

    tokenizer, tok2vec, tagger, parser = parser_components()
    docs = list(parser.pipe(tagger.pipe(tok2vec.pipe([tokenizer(""), tokenizer("")], batch_size=64))))
    assert [len(doc) for doc in docs] == [0, 0] and [doc.tensor.shape for doc in docs] == [(0, 96), (0, 96)]
