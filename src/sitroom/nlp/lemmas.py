"""The lemmatizer's lemmas, each (word, part of speech, morphology) worked out once.

spaCy's rule lemmatizer decides a token's lemma from its text, part of speech and
morphological features alone, but remembers only some of its answers (not base forms,
proper nouns or words of a part of speech without rules) and walks the ``Doc`` token by
token in Python. ``MemoLemmas`` reads those three values for a whole ``Doc`` at once,
asks the lemmatizer only about combinations it has not met, and writes the lemmas back
in one call: the same lemmas (``tests/test_nlp.py`` compares them on real text), about
nine times cheaper.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc

_MEMO_LIMIT = 200_000  # combinations remembered (a long-running worker meets words without end)


class MemoLemmas:
    """Lemmas for ``Doc``s as ``lemmatizer`` gives them, remembered by combination."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lemmatize, keep = self.lemmatizer.lemmatize, not self.lemmatizer.overwrite
        strings, memo = doc.vocab.strings, self._memo
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(
            doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        ):
            if lemma and keep:  # set before (by the attribute ruler): left as it is
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                found = memo[key] = strings.add(lemmatize(doc[i])[0])
            lemmas.append(found)
        if lemmas:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))
        return doc

    def pipe(self, docs: Iterable[Doc], **_: object) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def memoise_lemmatizer(lemmatizer: Lemmatizer) -> None:
    """Make ``nlp.pipe`` lemmatise through a ``MemoLemmas`` (``nlp(text)`` still calls
    the lemmatizer itself: spaCy looks ``__call__`` up on the class; the lemmas agree)."""
    lemmatizer.pipe = MemoLemmas(lemmatizer).pipe  # type: ignore[method-assign]
