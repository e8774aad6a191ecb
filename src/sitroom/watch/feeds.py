"""RSS 2.0 and Atom feeds: their entries as Reports, each marked when it carries only a
summary of the article its link leads to.

An entry carries the article when its text (Atom ``content``, RSS ``content:encoded``,
else the summary or description) runs to ``SUMMARY_WORDS`` words or more: a news
article runs to several hundred words, a feed's summary to one or three sentences.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlparse

from sitroom.errors import ReadError
from sitroom.record import Report

ATOM = "{http://www.w3.org/2005/Atom}"
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")


RSS_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
SUMMARY_WORDS = 150
FEED_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Entry:
    report: Report
    summary_only: bool  # the text is a summary: the article is behind ``report.url``


def fetch(url: str, *, timeout: float = 10.0, max_bytes: int = FEED_MAX_BYTES) -> bytes:
    """The feed's bytes; a ReadError naming the URL when they cannot be had."""
    from sitroom.read.links import fetch as fetch_link

    return fetch_link(url, timeout=timeout, max_bytes=max_bytes, what="feed").data


def parse_feed(data: bytes, url: str) -> list[Entry]:
    """The entries of an RSS or Atom document, oldest first."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ReadError(url, f"not a feed: {exc}") from exc
    host = urlparse(url).netloc or url
    if root.tag == f"{ATOM}feed":
        source = _text(root.find(f"{ATOM}title")) or host
        entries = [_atom_entry(e, source) for e in root.findall(f"{ATOM}entry")]
    else:
        channel = root.find("channel")
        if channel is None:
            raise ReadError(url, "not an RSS or Atom feed")
        source = _text(channel.find("title")) or host
        entries = [_rss_item(i, source) for i in channel.findall("item")]
    return [e for e in entries if e is not None][::-1]


def _rss_item(item: ET.Element, source: str) -> Entry | None:
    day = None
    published = _text(item.find("pubDate"))
    if published:
        try:
            day = email.utils.parsedate_to_datetime(published).date()
        except (TypeError, ValueError):
            day = None
    return _report(
        title=_text(item.find("title")),
        body=_text(item.find(RSS_CONTENT)) or _text(item.find("description")),
        link=_text(item.find("link")) or _text(item.find("guid")),
        day=day,
        source=source,
    )


def _atom_entry(entry: ET.Element, source: str) -> Entry | None:
    link = next((a.get("href") for a in entry.findall(f"{ATOM}link") if a.get("href")), None)
    stamp = _text(entry.find(f"{ATOM}published")) or _text(entry.find(f"{ATOM}updated"))
    day = None
    if stamp:
        try:
            day = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
        except ValueError:
            day = None
    body = _text(entry.find(f"{ATOM}content")) or _text(entry.find(f"{ATOM}summary"))
    return _report(
        title=_text(entry.find(f"{ATOM}title")),
        body=body,
        link=link or _text(entry.find(f"{ATOM}id")),
        day=day,
        source=source,
    )


def _report(
    *, title: str | None, body: str | None, link: str | None, day: dt.date | None, source: str
) -> Entry | None:
    parts = [plain(t) for t in (title, body) if t]
    text = "\n\n".join(p for p in parts if p)
    if not text:
        return None
    key = link or text
    doc_id = "feed-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    report = Report(
        doc_id, text, day, "field" if day else None, source=source, title=title, url=link
    )
    short = len(plain(body or "").split()) < SUMMARY_WORDS
    return Entry(report, summary_only=short and bool(link))


def plain(markup: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, spaces tidied."""
    text = html.unescape(_TAGS.sub(" ", markup))
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.splitlines()).strip()


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None
