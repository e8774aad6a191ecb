"""Saved web pages: the article's main text and its metadata, with trafilatura.

trafilatura finds the article in a page (the main content block, not the navigation,
related links, comments or footer) and reads the page's metadata: title, publication
day, canonical URL, site name. What it keeps of a page's furniture inside the article
block is dropped here: the headline repeated as the first line (it is the report's
``title``), and short lines of web interface words ("Download PDF", "Share this
article", "Photo: Reuters"), which are no sentences of the report.

The day is the page's own (its metadata, as trafilatura's htmldate finds it), else the
text's dateline, else none.
"""

from __future__ import annotations

import datetime as dt
import re

from sitroom.errors import ReadError
from sitroom.record import Report

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# Lines of a page's interface, not of its article: short, no sentence end, and made of
# the words web pages use for buttons, captions and notices.
_INTERFACE = re.compile(
    r"^\W*(download( (the )?(pdf|report|file))?|pdf|print( this (page|article))?|share( this"
    r" (article|story|page))?( on \w+)?|read more|see also|related( (articles|stories))?|"
    r"advertisement|sponsored|subscribe( now)?|sign up( for [\w ]+)?|log ?in|comments?|"
    r"(photo|image|picture|video)( credit)?s?:.*|.*\bcookies?\b.*|©.*|copyright\b.*|"
    r"by [A-Z][\w.'-]*( [A-Z][\w.'-]*){0,3}( and [A-Z][\w.'-]*( [A-Z][\w.'-]*){0,3})?)\W*$",
    re.IGNORECASE,
)
_MAX_INTERFACE_WORDS = 12
# Fewer words than this is no report but what a page without an article leaves, such as
# the one navigation link trafilatura falls back on ("Home"); the shortest news brief,
# one sentence, has more.
_MIN_ARTICLE_WORDS = 6


def report_from_html(
    page: bytes | str,
    *,
    doc_id: str,
    where: str,
    path: str | None = None,
    url: str | None = None,
) -> Report | ReadError:
    """The report a saved page holds; a page with no article text is a ``ReadError``."""
    import trafilatura

    found = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        # the page's own day (its markup and metadata), not a day read from its text:
        # that is the dateline's job, below
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = clean_article(found.text if found else "", found.title if found else None)
    if len(text.split()) < _MIN_ARTICLE_WORDS:
        return ReadError(where, "no article text found in this page")
    day = _day(found.date)
    date_source = "metadata" if day else None
    if day is None:
        from sitroom.timex import find_dateline

        day = find_dateline(text)
        date_source = "dateline" if day else None
    return Report(
        doc_id,
        text,
        day,
        date_source,
        source=found.sitename or None,
        title=found.title or None,
        url=found.url or url,
        path=path,
    )


def clean_article(text: str, title: str | None) -> str:
    """The article's lines without its headline repeated first and without interface
    lines (see the module's docstring)."""
    lines = [line.strip() for line in text.splitlines()]
    kept = [
        line
        for line in lines
        if line and not (len(line.split()) <= _MAX_INTERFACE_WORDS and _INTERFACE.match(line))
    ]
    if kept and title and kept[0].casefold() == title.strip().casefold():
        kept = kept[1:]
    return "\n".join(kept)


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
