"""The bulk entity decoder finds what spaCy's own entity loop finds, on real articles."""

from __future__ import annotations

from conftest import SAMPLE

from bordermap.geo.recognize import load_nlp


def _entities(docs) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def _texts(dev_articles) -> list[str]:
    return [SAMPLE.read_text(encoding="utf-8")] + [r["text"] for r in dev_articles.values()]


def test_same_entities_as_spacys_own_loop(dev_articles):
    from bordermap.geo.bulk_entities import BulkEntityRecognizer

    nlp = load_nlp()
    texts = _texts(dev_articles)
    bulk = list(BulkEntityRecognizer(nlp.get_pipe("ner")).pipe(nlp.make_doc(text) for text in texts))
    own = list(nlp.get_pipe("ner").pipe(nlp.make_doc(text) for text in texts))
    assert sum(len(doc.ents) for doc in bulk) > 500
    assert _entities(bulk) == _entities(own)
    assert [[t.ent_iob_ for t in doc] for doc in bulk] == [[t.ent_iob_ for t in doc] for doc in own]


def test_the_pipeline_finds_spacys_names_near_capitals_only(dev_articles):
    from bordermap.geo.lexicon import NAMED_THINGS, PLACE_LABELS

    def names(docs):  # what the recogniser reads: names holding a capital letter ("jihadist" is not one)
        return [[(e.start, e.end, e.label_) for e in doc.ents
                 if (e.label_ in NAMED_THINGS or e.label_ in PLACE_LABELS) and e.text != e.text.lower()]
                for doc in docs]

    nlp = load_nlp()
    texts = _texts(dev_articles)
    ours = list(nlp.pipe(texts))
    own = list(nlp.get_pipe("ner").pipe(nlp.make_doc(text) for text in texts))
    assert nlp.pipe_names == ["bulk_entity_recognizer", "sentencizer"]
    assert sum(len(entities) for entities in names(ours)) > 500
    assert names(ours) == names(own)
    text = "Fighting began in Kyiv. The talks had ended some three years later, after the war."
    assert [e.text for e in nlp.get_pipe("ner")(nlp.make_doc(text)).ents] == ["Kyiv", "some three years later"]
    assert [e.text for e in nlp(text).ents] == ["Kyiv"]  # a date far from any capital is not read


def test_a_function_word_opening_a_sentence_is_no_capital_to_read_near():
    from bordermap.geo.bulk_entities import _near_capitals

    nlp = load_nlp()
    doc = nlp.make_doc("In the end it was over. The Hague ruled that US troops stay.")
    near = dict(zip([t.text for t in doc], _near_capitals(doc, 2), strict=False))
    assert not near["In"] and not near["end"]  # only "In" is capitalised there, and it opens the sentence
    assert near["The"] and near["ruled"]  # read for "Hague"
    assert near["US"]  # a capitalised word, though "us" is a function word


def test_batches_empty_and_whitespace_docs():
    nlp = load_nlp()
    docs = list(nlp.pipe(["", "  \n ", "Minsk is the capital of Belarus.", "\n\nKyiv"], batch_size=3))
    assert [d.text for d in docs] == ["", "  \n ", "Minsk is the capital of Belarus.", "\n\nKyiv"]
    assert docs[0].ents == () and docs[1].ents == ()
    assert "Belarus" in [e.text for e in docs[2].ents]
    assert all(not e.text.isspace() for doc in docs for e in doc.ents)


def test_a_doc_with_preset_entities_keeps_them():
    from spacy.tokens import Span

    nlp = load_nlp()
    doc = nlp.make_doc("Dyvin lies south of Brest near the border with Ukraine.")
    doc.set_ents([Span(doc, 0, 1, label="GPE")], default="unmodified")
    decoded = nlp.get_pipe("bulk_entity_recognizer")(doc)
    assert (decoded.ents[0].text, decoded.ents[0].label_) == ("Dyvin", "GPE")
    assert "Ukraine" in [e.text for e in decoded.ents]


def test_token_vectors_with_pieces_in_blocks_match_thincs(dev_articles):
    import numpy as np

    from bordermap.geo.token_vectors import token_vectors

    nlp = load_nlp()
    tok2vec = nlp.get_pipe("ner").model.layers[0]
    docs = [nlp.make_doc(r["text"]) for r in dev_articles.values()]
    vectors = token_vectors(tok2vec)
    assert vectors != tok2vec.predict
    thincs = tok2vec.predict(docs)
    # To the bit where the BLAS rounds as BLIS does; float32 rounding apart elsewhere (the entities, which
    # test_same_entities_as_spacys_own_loop compares, are the same either way).
    assert np.allclose(vectors(docs), thincs, rtol=1e-5, atol=1e-5)
    needed = np.concatenate([[t.text[:1].isupper() for t in doc] for doc in docs])
    assert 0.05 < needed.mean() < 0.5
    assert np.allclose(vectors(docs, needed)[needed], thincs[needed], rtol=1e-5, atol=1e-5)


def test_token_vectors_of_another_model_are_thincs():
    import numpy as np
    from thinc.api import Linear

    from bordermap.geo.token_vectors import token_vectors

    model = Linear(4, 3)
    model.initialize()
    inputs = np.ones((2, 3), dtype="f")
    assert np.array_equal(token_vectors(model)(inputs, np.array([True, False])), model.predict(inputs))


def test_a_decoder_that_disagrees_falls_back_to_spacys_own_with_one_warning(monkeypatch, caplog):
    from bordermap.geo import bulk_entities, recognize

    nlp = load_nlp()
    assert recognize.bulk_decoder_agrees(nlp)  # the pinned spaCy and model
    assert bulk_entities.FACTORY in nlp.pipe_names and "ner" in nlp.disabled

    monkeypatch.setattr(bulk_entities.BulkEntityRecognizer, "_decode", lambda self, docs: None)  # finds nothing
    with caplog.at_level("WARNING", logger="bordermap"):
        fallback = recognize.load_nlp.__wrapped__(2)
    assert bulk_entities.FACTORY not in fallback.pipe_names and "ner" not in fallback.disabled
    assert [r.getMessage() for r in caplog.records if "bulk entity decoder" in r.getMessage()] and len(caplog.records) == 1
    doc = fallback("Officials in Minsk said troops had left Brest.")
    assert {"Minsk", "Brest"} <= {e.text for e in doc.ents}
