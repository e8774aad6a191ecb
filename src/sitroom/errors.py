"""Every error sitroom raises on purpose, with a message that says where and what to do."""

from __future__ import annotations


class SitroomError(Exception):
    """Base class: a problem with input or set-up that the user can fix."""


class ReadError(SitroomError):
    """A report could not be read. ``where`` is ``path`` or ``path:line``."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


class DataFileError(SitroomError):
    """A bundled or user data file (lexicon, actor dictionary) is malformed."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


class StoreError(SitroomError):
    """The SQLite store is missing, locked or from a newer sitroom."""


class GoldFormatError(SitroomError):
    """A gold file does not follow shared/docs/GOLD_FORMAT.md."""


class ExtractError(SitroomError):
    """Extraction failed for one report; the rest of a batch goes on."""

    def __init__(self, doc_id: str, where: str | None, problem: str) -> None:
        self.doc_id = doc_id
        self.where = where
        self.problem = problem
        super().__init__(f"{where or doc_id}: extraction failed: {problem}")


class BudgetError(SitroomError):
    """One report's extraction ran past its time budget; the rest of a batch goes on."""


class GazetteerError(SitroomError):
    """The gazetteer file is unreadable or from another build version."""


class ExportError(SitroomError):
    """An export, an ACLED import or a comparison cannot run as asked (bad option, bad file)."""


class LimitError(SitroomError):
    """An input is over a configured limit (reports in one ingest, ...); nothing was done."""
