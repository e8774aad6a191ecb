"""Report readers: the reference format, plain text with a dateline, JSON Lines, saved
web pages, PDFs, folders of them, and links (``sitroom.read.links``).

``read_paths`` yields a ``Report`` for every report it could read and a ``ReadError``
for every one it could not, so that one bad file never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from sitroom.errors import ReadError
from sitroom.read.formats import DEFAULT_MAX_BYTES, MIB, read_file
from sitroom.read.html import HTML_SUFFIXES
from sitroom.read.links import DEFAULT_TIMEOUT_S, is_link, report_from_url
from sitroom.read.pdf import PDF_SUFFIXES
from sitroom.record import Report

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT_S",
    "MIB",
    "ReadError",
    "Report",
    "read_file",
    "read_paths",
    "report_files",
]

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
READABLE_SUFFIXES = JSONL_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES


def read_paths(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT_S,
) -> Iterator[Report | ReadError]:
    """Every report under ``paths``: files, folders (recursively, in sorted order) and
    links (fetched, each waited for at most ``timeout`` seconds a step)."""
    for path in paths:
        if isinstance(path, str) and is_link(path):
            yield report_from_url(path, timeout=timeout, max_bytes=max_bytes)
            continue
        path = Path(path)
        if path.is_dir():
            for child in report_files(path):
                yield from read_file(child, max_bytes=max_bytes)
        elif path.exists() or path.is_symlink():
            yield from read_file(path, max_bytes=max_bytes)
        else:
            yield ReadError(str(path), "no such file or folder")


def report_files(folder: Path) -> list[Path]:
    files = []
    for child in sorted(folder.rglob("*")):
        relative = child.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if child.is_file() and child.suffix.lower() in READABLE_SUFFIXES:
            files.append(child)
    return files
