"""Token vectors for prediction, with the maxout pieces stored as blocks: the entity recogniser's own, and
the shared ones the tagger and parser read (the events' parse, ``layers.syntax``).

en_core_web_sm embeds tokens with a HashEmbedCNN: hash embeddings (four in the recogniser's, six in the
shared one) mixed by a maxout layer, then four residual convolutions over a window of three tokens, each
a maxout followed by layer normalisation. thinc stores a maxout's pieces unit by unit and its NumPy backend picks the best piece in
a loop that also records the winner, for training. With the weights reordered once so that each piece's
outputs are one block of columns, the best piece is two element-wise maximums over contiguous rows:
the maxout 2.4 times as fast where it was written (the whole pass 10 % faster than thinc's on an AMD
EPYC, 2026-12-02), the same values up to the rounding of float32 products. Everything else is thinc's
own layers and formulas; a model of another shape is left to thinc.

Each layer runs over ROWS tokens at a time. Over a whole batch (some 25,000 tokens) the bias, the pieces'
maximum and the normalisation each stream a fresh array of tens of megabytes through memory, and took
40 % of a layer's time beside its matrix product; a block of rows stays in the processor's cache. The
normalisation works in place and sums the squares in one product (8 % off the recogniser's vectors on one
core, 2026-12-07). The values are thinc's to within 1e-5, not to the bit: OpenBLAS rounds a product
differently by where a row or column sits in the matrix on some processors (an AMD EPYC), thinc's own
product is BLIS's, and the variance is summed in another order. What must not change is the entities,
which the recogniser checks against spaCy's own loop.

A caller that reads only some tokens' vectors (the entity decoder reads those near a capital letter)
says which: each convolution reaches one token to either side, so the last layer runs on the needed
tokens, the one before on those and their neighbours, and so on out to the mix and the hash embeddings it
reads (two thirds of a news article's tokens when the decoder reads those within two of a capital). The
needed tokens' vectors are those of the whole computation; the others mean nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from thinc.types import Ragged

MIXES = 5  # the embeddings' mix and the four convolutions
#: Tokens per block: measured on one core, 256 to 2,048 rows are equally fast, 4,096 slower.
ROWS = 1024


class _MaxoutNorm:
    """A thinc maxout layer and the layer normalisation after it, pieces in blocks."""

    def __init__(self, maxout, norm):
        units, pieces, inputs = (maxout.get_dim(d) for d in ("nO", "nP", "nI"))
        self.units, self.pieces = units, pieces
        self.weights = np.ascontiguousarray(maxout.get_param("W").transpose(1, 0, 2).reshape((pieces * units, inputs)))
        self.bias = np.ascontiguousarray(maxout.get_param("b").T.reshape(pieces * units))
        self.scale, self.shift = norm.get_param("G"), norm.get_param("b")

    def __call__(self, X: np.ndarray) -> np.ndarray:
        out = np.empty((len(X), self.units), dtype=X.dtype)
        for start in range(0, len(X), ROWS):
            out[start : start + ROWS] = self.rows(X[start : start + ROWS])
        return out

    def rows(self, X: np.ndarray) -> np.ndarray:
        Y = np.dot(X, self.weights.T)
        Y += self.bias
        best = np.maximum(Y[:, : self.units], Y[:, self.units : 2 * self.units])
        for piece in range(2, self.pieces):
            np.maximum(best, Y[:, piece * self.units : (piece + 1) * self.units], out=best)
        best -= best.mean(axis=1, keepdims=True)  # thinc's layer normalisation, in place
        variance = np.einsum("ij,ij->i", best, best)[:, None]
        variance /= self.units
        variance += 1e-08
        best *= variance ** (-1.0 / 2.0)
        best *= self.scale
        best += self.shift
        return best


def _convolve(flat: np.ndarray, block: _MaxoutNorm, rows: np.ndarray | None) -> np.ndarray:
    """``flat + block(seq2col(flat, 1))`` at ``rows`` (all if None), ROWS tokens at a time: each token's
    window is the token before it, itself and the token after (zeros beyond the ends), side by side as
    thinc's ``seq2col`` puts them. Other rows keep their input."""
    zero = np.zeros((1, flat.shape[1]), dtype=flat.dtype)
    padded = np.concatenate([zero, flat, zero])
    if rows is None:
        out = np.empty_like(flat)
        for start in range(0, len(flat), ROWS):
            end = min(len(flat), start + ROWS)
            window = np.concatenate([padded[start:end], padded[start + 1 : end + 1], padded[start + 2 : end + 2]],
                                    axis=1)
            out[start:end] = flat[start:end] + block.rows(window)
        return out
    out = flat.copy()
    for start in range(0, len(rows), ROWS):
        at = rows[start : start + ROWS]
        window = np.concatenate([padded[at], padded[at + 1], padded[at + 2]], axis=1)
        out[at] = flat[at] + block.rows(window)
    return out


def _widen(mask: np.ndarray) -> np.ndarray:
    """The rows of ``mask`` and their neighbours: what a convolution over a window of three reads."""
    wide = mask.copy()
    wide[1:] |= mask[:-1]
    wide[:-1] |= mask[1:]
    return wide


def _padded(masks: list[np.ndarray], pad: int) -> np.ndarray:
    """Per-doc token masks laid out as thinc's ``flatten(pad=pad)`` lays out the docs' rows."""
    gap = np.zeros(pad, dtype=bool)
    return np.concatenate([part for mask in masks for part in (gap, mask)] + [gap])


def _layers(model, name: str) -> list:
    return [layer for layer in model.walk(order="dfs_pre") if layer.name == name]


def _shape(tok2vec) -> tuple | None:
    """(embed, convolutions, finish, maxouts, norms) of a HashEmbedCNN: the recogniser's own, whose vectors a linear layer
    projects into one array for the batch, or the shared one the tagger and parser listen to, which gives
    an array per doc. None for a model of another shape."""
    try:
        if len(tok2vec.layers) == 3:  # the recogniser's: (embed >> convolutions) >> list2array >> linear
            (embed, convolutions), to_array, output = tok2vec.layers[0].layers, tok2vec.layers[1], tok2vec.layers[2]
            if to_array.name != "list2array" or output.name != "linear":
                return None

            def finish(vectors: list) -> np.ndarray:
                return output.predict(to_array.predict(vectors))
        else:  # the shared one: embed >> convolutions
            embed, convolutions = tok2vec.layers

            def finish(vectors: list) -> list:
                return vectors
        maxouts, norms = _layers(tok2vec, "maxout"), _layers(tok2vec, "layernorm")
        windows = _layers(convolutions, "expand_window")
        shaped = (len(maxouts) == len(norms) == MIXES and len(windows) == MIXES - 1 and len(embed.layers) == 5
                  and embed.layers[0].name == "extract_features" and embed.layers[4].name == "ragged2list"
                  and embed.layers[2].name.startswith("with_array(") and "hashembed" in embed.layers[2].layers[0].name
                  and all(window.attrs["window_size"] == 1 for window in windows))
    except (ValueError, IndexError, AttributeError):
        return None
    return (embed, convolutions, finish, maxouts, norms) if shaped else None


def token_vectors(tok2vec) -> Callable:
    """A function (docs, needed=None) -> token vectors equal to ``tok2vec.predict`` at the ``needed`` tokens
    (a boolean per token of the batch; all if None): one array for the batch from the recogniser's own
    HashEmbedCNN, an array per doc from the shared one (the tagger's and parser's). A model of another shape
    is left to thinc, which computes every token."""
    shape = _shape(tok2vec)
    if shape is None:
        return lambda docs, needed=None: tok2vec.predict(docs)
    embed, convolutions, finish, maxouts, norms = shape
    mix, *blocks = (_MaxoutNorm(m, n) for m, n in zip(maxouts, norms))
    ops, pad = tok2vec.ops, convolutions.attrs["pad"]

    extract, to_ragged, embeddings = embed.layers[:3]

    def predict(docs, needed: np.ndarray | None = None):
        ids = to_ragged.predict(extract.predict(docs))  # per token, the attributes hashed into its embeddings
        lengths = ids.lengths
        if needed is None:
            features = embeddings.predict(ids)  # the hash embeddings side by side
            flat = ops.flatten(embed.layers[4].predict(Ragged(mix(features.dataXd), lengths)), pad=pad)
            for block in blocks:
                flat = _convolve(flat, block, None)
            return finish(ops.unflatten(flat, lengths, pad=pad))
        is_token = _padded([np.ones(n, dtype=bool) for n in lengths], pad)
        reads = [_padded(np.split(needed, np.cumsum(lengths)[:-1]), pad)]  # rows each layer computes, last first
        for _ in blocks:
            reads.append(_widen(reads[-1]))
        mixed = reads.pop() & is_token
        flat = np.zeros((len(is_token), mix.units), dtype="f")
        flat[mixed] = mix(embeddings.layers[0].predict(ids.dataXd[mixed[is_token]]))  # the embeddings it reads
        for block, rows in zip(blocks, reversed(reads)):
            flat = _convolve(flat, block, np.flatnonzero(rows))
        return finish(ops.unflatten(flat, lengths, pad=pad))

    return predict
