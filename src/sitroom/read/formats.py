"""One reader per input format; each yields Reports and ReadErrors, never raises for bad input."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitroom.errors import ReadError
from sitroom.record import Report

MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MIB
# "date 2019-04-01" (or "date: 2019-04-01"), possibly indented, possibly followed by text
# on the same line.
_HEADER = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)[ \t]*\r?\n?", re.IGNORECASE)
_BINARY_SNIFF = 8192


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Report | ReadError]:
    """The reports in one file, chosen by suffix: JSON Lines, a saved web page, a PDF, or
    text."""
    from sitroom.read.html import HTML_SUFFIXES
    from sitroom.read.pdf import PDF_SUFFIXES

    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        yield from read_jsonl(path, max_bytes=max_bytes)
    elif suffix in HTML_SUFFIXES | PDF_SUFFIXES:
        yield read_document(path, max_bytes=max_bytes)
    else:
        yield read_text_file(path, max_bytes=max_bytes)


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report | ReadError:
    """A saved web page (``sitroom.read.html``) or a PDF (``sitroom.read.pdf``)."""
    from sitroom.read.html import report_from_html
    from sitroom.read.pdf import PDF_SUFFIXES, report_from_pdf

    where = str(path)
    data = _bytes_of(path, max_bytes)
    if isinstance(data, ReadError):
        return data
    read = report_from_pdf if path.suffix.lower() in PDF_SUFFIXES else report_from_html
    return read(data, doc_id=path.stem, where=where, path=str(path))


def _bytes_of(path: Path, max_bytes: int) -> bytes | ReadError:
    """A file's bytes, or why they cannot be read (missing, unreadable, over the limit)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return ReadError(str(path), _too_big(size, max_bytes))
        return path.read_bytes()
    except OSError as exc:
        return ReadError(str(path), f"cannot read: {exc.strerror or exc}")


def read_text_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report | ReadError:
    """A text report: the reference ``date YYYY-MM-DD`` header, or a dateline, or no date."""
    where = str(path)
    data = _bytes_of(path, max_bytes)
    if isinstance(data, ReadError):
        return data
    text = _decode(where, data)
    if isinstance(text, ReadError):
        return text
    return report_from_text(text, doc_id=path.stem, where=where, path=str(path))


def report_from_text(
    text: str, *, doc_id: str, where: str, path: str | None = None, source: str | None = None
) -> Report | ReadError:
    """Split off a date header if there is one, else look for a dateline."""
    from sitroom.timex import find_dateline

    if not text.strip():
        return ReadError(where, "empty report: no text to read")
    header = _HEADER.match(text)
    if header:
        day = _parse_day(header.group(1))
        if day is None:
            return ReadError(where, f"date header {header.group(1)!r} is not a calendar day")
        body = text[header.end() :].strip()
        if not body:
            return ReadError(where, "empty report: only a date header")
        return Report(doc_id, body, day, "header", source=source, path=path)
    body = text.strip()
    day = find_dateline(body)
    return Report(doc_id, body, day, "dateline" if day else None, source=source, path=path)


def read_jsonl(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Report | ReadError]:
    """JSON Lines in the situation-record shape: ``text`` required, ``date``, ``doc_id``."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        seen_any = False
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if len(raw) > max_bytes:
                yield ReadError(where, _too_big(len(raw), max_bytes))
                continue
            line = _decode(where, raw)
            if isinstance(line, ReadError):
                yield line
                continue
            if not line.strip():
                continue
            seen_any = True
            yield _report_from_json(line, path=path, number=number)
        if not seen_any:
            yield ReadError(str(path), "empty file: no JSON lines")


def _report_from_json(line: str, *, path: Path, number: int) -> Report | ReadError:
    where = f"{path}:{number}"
    try:
        obj: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return ReadError(where, "a line must hold a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, "no 'text' string: every line needs the report's text")
    doc_id = obj.get("doc_id") or f"{path.stem}-{number}"
    if not isinstance(doc_id, str | int):
        return ReadError(where, "'doc_id' must be a string")
    source = obj.get("source") if isinstance(obj.get("source"), str) else None
    raw_date = obj.get("date")
    if raw_date is None:
        from sitroom.timex import find_dateline

        day = find_dateline(text)
        date_source = "dateline" if day else None
    else:
        day = _parse_day(raw_date) if isinstance(raw_date, str) else None
        if day is None:
            return ReadError(where, f"'date' {raw_date!r} is not a YYYY-MM-DD day or null")
        date_source = "field"
    # The text is kept verbatim: gold offsets point into it.
    return Report(
        str(doc_id),
        text,
        day,
        date_source,
        source=source,
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        path=str(path),
        line=number,
    )


def _decode(where: str, data: bytes) -> str | ReadError:
    if b"\x00" in data[:_BINARY_SNIFF]:
        return ReadError(where, "binary data (NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(where, f"not UTF-8 (invalid byte at offset {exc.start}); re-encode it")


def _parse_day(value: str) -> dt.date | None:
    try:
        return (
            dt.date.fromisoformat(value[:10])
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10])
            else None
        )
    except ValueError:
        return None


def _too_big(size: int, limit: int) -> str:
    return f"report is {size / MIB:.1f} MiB, over the {limit / MIB:g} MiB limit (--max-report-mb)"
