"""sitroom's spaCy pipeline annotates exactly as the model package's own, only cheaper."""

from __future__ import annotations

import pytest

from conftest import REPO, SEED_TEXT

# Words that the English model's multi-token and set/expression patterns are about.
AWKWARD = [
    "They're gonna leave, and I ain't staying: y'all know nothin' good comes of it.",
    "There is a checkpoint north of the town; there were two before it was taken.",
    "He didn't say if it was safe, because the road hasn't been cleared since Monday.",
    "Give it to me and let's go.  I'd have gone, c'mon, had they asked.",
    "Militants gets paid; the soldiers got ta move.\n\nThe army does what it did before.",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    samples = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))]
    return [*AWKWARD, SEED_TEXT.read_text(encoding="utf-8"), *samples]


@pytest.fixture(scope="module")
def both():
    from sitroom.nlp import load_model, load_nlp

    return load_model(), load_nlp()


def _annotations(doc) -> list[tuple]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


def test_pipeline_annotates_as_the_model_package_does(both, texts) -> None:
    stock, ours = both
    assert ours.get_pipe("attribute_ruler").match.__class__.__name__ == "IndexedMatch"
    for a, b in zip(stock.pipe(texts), ours.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b)


def test_indexed_match_finds_the_stock_matches(both, texts) -> None:
    from sitroom.nlp.ruler import IndexedMatch

    stock, _ = both
    ruler = stock.get_pipe("attribute_ruler")
    indexed = IndexedMatch(ruler)
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        for doc in stock.pipe(texts):
            assert indexed(doc) == ruler.match(doc)
    assert len(indexed._rest) > 0  # the multi-token patterns did go to the Matcher


def _hand_made_docs(nlp):
    from spacy.tokens import Doc

    words = ["The", "men", "were", "not", "there", "  ", "gon", "na", "wait", "."]
    tags = ["DT", "NNS", "VBD", "RB", "RB", "_SP", "VBG", "TO", "VB", "."]
    deps = ["det", "nsubj", "ROOT", "neg", "advmod", "dep", "aux", "aux", "xcomp", "punct"]
    heads = [1, 2, 2, 2, 2, 4, 8, 8, 2, 2]
    yield Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)
    yield Doc(nlp.vocab, words=["Nothing", "at", "all"], tags=["NN", "IN", "DT"])
    yield Doc(nlp.vocab, words=[])


def test_patterns_of_every_kind_match_as_the_matcher_says() -> None:
    import spacy

    from sitroom.nlp.ruler import IndexedMatch

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(
        [
            {"patterns": [[{"TAG": "RB"}]], "attrs": {"POS": "ADV"}},
            {"patterns": [[{"TAG": "RB", "LOWER": "not"}]], "attrs": {"POS": "PART"}},
            {"patterns": [[{"LOWER": {"IN": ["the", "all"]}, "TAG": {"IN": ["DT"]}}]], "attrs": {}},
            {"patterns": [[{"TAG": {"NOT_IN": ["DT", ""]}, "DEP": "aux"}]], "attrs": {}},
            {"patterns": [[{"LOWER": {"REGEX": "^th"}}]], "attrs": {}},
            {"patterns": [[{"IS_SPACE": True}], [{"LOWER": "wait"}]], "attrs": {}},
            {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {}, "index": 1},
            {"patterns": [[{"LENGTH": 3}]], "attrs": {}},  # a test the index leaves out
            {"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {}},
            {"patterns": [[{"TAG": "RB"}]], "attrs": {"POS": "ADV"}},  # twice: both match
        ]
    )
    indexed = IndexedMatch(ruler)
    for doc in _hand_made_docs(nlp):
        assert indexed(doc) == ruler.match(doc)
    assert len(indexed(next(_hand_made_docs(nlp)))) > 10  # the test matched something


def test_memoised_lemmas_are_the_lemmatizers(both, texts) -> None:
    from sitroom.nlp.lemmas import MemoLemmas

    stock, _ = both
    lemmatizer = stock.get_pipe("lemmatizer")
    memo = MemoLemmas(lemmatizer)
    with stock.select_pipes(disable=["lemmatizer"]):
        docs = list(stock.pipe(texts))
    for doc in docs:
        expected = [t.lemma_ for t in lemmatizer(doc.copy())]
        assert [t.lemma_ for t in memo(doc.copy())] == expected
        assert [t.lemma_ for t in memo(doc.copy())] == expected  # from the memo this time
    assert memo._memo
    ruled = next(t for t in docs[0] if t.lower_ == "ai")
    assert ruled.lemma_ == "be"  # set by the attribute ruler, kept by both
