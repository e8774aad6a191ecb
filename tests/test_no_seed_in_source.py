"""The reference report is data for tests, never a source of rules: no run of its words
may appear in the package's code or data files."""

import re
from pathlib import Path

from conftest import SEED_TEXT

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sitroom"
RUN = 4  # words


def _words(text: str) -> list[str]:
    """Lower-case words; an abbreviation with stops ("U.S.") is one word."""
    return re.findall(r"(?:[a-z]\.){2,}|[a-z0-9]+", text.lower().replace("’", "'"))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _allowed(run: tuple[str, ...]) -> bool:
    """Runs of everyday function words ("on the other hand") say nothing of the report."""
    common = {
        "the",
        "of",
        "to",
        "a",
        "in",
        "and",
        "on",
        "that",
        "is",
        "for",
        "with",
        "by",
        "it",
        "s",
    }
    return sum(w in common for w in run) >= RUN - 1


def test_no_four_word_run_of_the_reference_report_in_the_package():
    seed = {r for r in _runs(_words(SEED_TEXT.read_text(encoding="utf-8"))) if not _allowed(r)}
    found = []
    for path in PACKAGE.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".yaml", ".csv", ".json", ".txt"}:
            shared = seed & _runs(_words(path.read_text(encoding="utf-8")))
            found += [f"{path.relative_to(PACKAGE)}: {' '.join(r)}" for r in shared]
    assert not found, "reference report text in the package:\n" + "\n".join(sorted(found))


def test_the_check_would_see_a_copied_phrase(tmp_path):
    words = _words(SEED_TEXT.read_text(encoding="utf-8"))
    copied = " ".join(words[40:50])
    assert _runs(_words(copied)) & _runs(words)
