"""PDF situation reports: their text in reading order, with pdfminer.six's layout analysis.

pdfminer groups a page's characters into text boxes with their positions. The boxes of
a page are read column by column: a box lies in the column its left edge starts in
(columns found as gaps in the page's horizontal extent that no box crosses), columns
from left to right, boxes in a column from top to bottom; a box spanning every column
(a title, a full-width paragraph) is read where it stands between them. Running headers
and footers, the lines that repeat at the same height on most pages (page numbers
folded), are left out. A PDF whose pages hold no text at all (a scan) is an error: no
OCR here.

The day is the front matter's: the first date written on the first page; else the
document's metadata (its creation day); else none.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from sitroom.errors import ReadError
from sitroom.record import Report

PDF_SUFFIXES = {".pdf"}
# A line within this share of the page's height from its top or bottom edge may be a
# running header or footer; it is one when it repeats on at least half of the pages.
_MARGIN = 0.09
_DIGITS = re.compile(r"\d+")
# Lines closer than this many line heights belong to one paragraph (pdfminer's default,
# 0.5, splits the lines of a paragraph set with ordinary 1.4 line spacing; a paragraph
# break is a blank line's height or more).
_LINE_MARGIN = 0.8


@dataclass(frozen=True)
class _Box:
    x0: float
    x1: float
    top: float  # distance from the page's top edge
    bottom: float
    text: str


def report_from_pdf(
    data: bytes, *, doc_id: str, where: str, path: str | None = None
) -> Report | ReadError:
    """The report a PDF holds, or a ``ReadError`` saying why there is none."""
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfparser import PDFSyntaxError

    pages: list[list[_Box]] = []
    heights: list[float] = []
    try:
        for page in extract_pages(
            io.BytesIO(data), laparams=LAParams(line_margin=_LINE_MARGIN, boxes_flow=None)
        ):
            height = page.height or 1.0
            boxes = [
                _Box(b.x0, b.x1, height - b.y1, height - b.y0, b.get_text().strip())
                for b in page
                if isinstance(b, LTTextContainer) and b.get_text().strip()
            ]
            pages.append(boxes)
            heights.append(height)
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        return ReadError(where, f"not a readable PDF ({type(exc).__name__}: {exc})")
    except Exception as exc:  # pdfminer raises its own types for encrypted or broken files
        return ReadError(where, f"not a readable PDF ({type(exc).__name__})")
    if not any(pages):
        return ReadError(where, "this PDF has no text layer (a scan?); sitroom does no OCR")
    running = _running_lines(pages, heights)
    paragraphs = []
    for boxes, height in zip(pages, heights, strict=True):
        for box in _reading_order(boxes, height):
            if _folded(box.text) in running and _in_margin(box, height):
                continue
            paragraphs.append(" ".join(box.text.split()))
    text = "\n".join(p for p in paragraphs if p)
    if not text:
        return ReadError(where, "this PDF has no text besides its headers and footers")
    day, source = _front_matter_day(pages[0], heights[0]), "front matter"
    if day is None:
        day, source = _metadata_day(data), "metadata"
    return Report(doc_id, text, day, source if day else None, path=path)


def _reading_order(boxes: list[_Box], height: float) -> list[_Box]:
    """Column by column, top to bottom; a box across a gutter (a title, a full-width
    paragraph) is read where it stands, and the columns start again below it."""
    cuts = _column_cuts([b for b in boxes if not _in_margin(b, height)])
    if not cuts:
        return sorted(boxes, key=lambda b: (b.top, b.x0))

    def column(box: _Box) -> int:
        return sum(box.x0 >= cut for cut in cuts)

    wide = sorted((b for b in boxes if any(b.x0 < cut < b.x1 for cut in cuts)), key=_top)
    ordered: list[_Box] = []
    upper = float("-inf")
    for stop in [*wide, None]:
        lower = stop.top if stop is not None else float("inf")
        band = [b for b in boxes if b not in wide and upper <= b.top < lower]
        ordered += sorted(band, key=lambda b: (column(b), b.top, b.x0))
        if stop is not None:
            ordered.append(stop)
            upper = stop.top
    return ordered


def _top(box: _Box) -> float:
    return box.top


# A gutter: a vertical strip of the page at least this wide (points) in which at most
# this share of the page's text (by height) lies, away from the page's outer tenth;
# headers and footers (the page's top and bottom margins) are not counted.
_GUTTER = 6
_GUTTER_SHARE = 0.25


def _column_cuts(boxes: list[_Box]) -> list[float]:
    """x positions of the gutters between columns: strips that little text covers (a
    title may cross one; the columns' own text does not)."""
    if len(boxes) < 2:
        return []
    left, right = int(min(b.x0 for b in boxes)), int(max(b.x1 for b in boxes)) + 1
    cover = [0.0] * (right - left + 1)
    for box in boxes:
        for x in range(int(box.x0) - left, int(box.x1) - left + 1):
            cover[x] += box.bottom - box.top
    total = max(cover) or 1.0
    margin = (right - left) // 10
    cuts, run = [], []
    for x in range(margin, len(cover) - margin):
        if cover[x] <= _GUTTER_SHARE * total:
            run.append(x)
            continue
        if len(run) >= _GUTTER:
            cuts.append(left + (run[0] + run[-1]) / 2)
        run = []
    return cuts


def _folded(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()).casefold())


def _in_margin(box: _Box, height: float) -> bool:
    return box.top < _MARGIN * height or box.bottom > (1 - _MARGIN) * height


def _running_lines(pages: list[list[_Box]], heights: list[float]) -> set[str]:
    """Texts (page numbers folded) found in the margins of at least half of the pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for boxes, height in zip(pages, heights, strict=True):
        seen.update({_folded(b.text) for b in boxes if _in_margin(b, height)})
    return {text for text, n in seen.items() if n >= max(2, len(pages) / 2)}


_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m
}
_MONTH = r"([A-Za-z]{3,9})\.?"
_FULL_DATES = (
    re.compile(rf"\b(\d{{1,2}}) {_MONTH},? (\d{{4}})\b"),  # 12 May 2024
    re.compile(rf"\b{_MONTH} (\d{{1,2}}),? (\d{{4}})\b"),  # May 12, 2024
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),  # 2024-05-12
)
# The front matter: the top of the first page (title, issuer, number, day).
_FRONT = 0.4


def _front_matter_day(boxes: list[_Box], height: float) -> dt.date | None:
    """The first whole day (with its year) written at the top of the first page."""
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if box.top > _FRONT * height:
            break
        for pattern in _FULL_DATES:
            for found in pattern.finditer(box.text):
                day = _day_of(pattern, found.groups())
                if day is not None:
                    return day
    return None


def _day_of(pattern: re.Pattern[str], parts: tuple[str, ...]) -> dt.date | None:
    try:
        if pattern is _FULL_DATES[0]:
            return dt.date(int(parts[2]), _MONTHS[parts[1].casefold()], int(parts[0]))
        if pattern is _FULL_DATES[1]:
            return dt.date(int(parts[2]), _MONTHS[parts[0].casefold()], int(parts[1]))
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (KeyError, ValueError):
        return None


def _metadata_day(data: bytes) -> dt.date | None:
    """The document information's creation day ("D:20240512...")."""
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    try:
        infos = PDFDocument(PDFParser(io.BytesIO(data))).info
    except Exception:  # a damaged information dictionary: no day from it
        return None
    for info in infos:
        raw = info.get("CreationDate")
        raw = raw.decode("latin-1", "replace") if isinstance(raw, bytes) else str(raw or "")
        found = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", raw)
        if found:
            try:
                return dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                return None
    return None
