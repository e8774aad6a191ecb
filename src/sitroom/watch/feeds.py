"""RSS 2.0 and Atom feeds: fetched with a timeout and a size limit, entries as Reports."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import html
import re
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

from sitroom.errors import ReadError
from sitroom.record import Report

ATOM = "{http://www.w3.org/2005/Atom}"
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")


def fetch(url: str, *, timeout: float = 10.0, max_bytes: int = 5_000_000) -> bytes:
    """The feed's bytes; a ReadError naming the URL when it cannot be had."""
    if urlparse(url).scheme not in {"http", "https"}:
        raise ReadError(url, "a feed must be an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": "sitroom-watch"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise ReadError(url, f"cannot fetch the feed: {exc}") from exc
    if len(data) > max_bytes:
        raise ReadError(url, f"feed over the {max_bytes / 1e6:.1f} MB limit")
    return data


def parse_feed(data: bytes, url: str) -> list[Report]:
    """The entries of an RSS or Atom document, oldest first, each as a Report."""
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


def _rss_item(item: ET.Element, source: str) -> Report | None:
    day = None
    published = _text(item.find("pubDate"))
    if published:
        try:
            day = email.utils.parsedate_to_datetime(published).date()
        except (TypeError, ValueError):
            day = None
    return _report(
        title=_text(item.find("title")),
        body=_text(item.find("description")),
        link=_text(item.find("link")) or _text(item.find("guid")),
        day=day,
        source=source,
    )


def _atom_entry(entry: ET.Element, source: str) -> Report | None:
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
) -> Report | None:
    parts = [plain(t) for t in (title, body) if t]
    text = "\n\n".join(p for p in parts if p)
    if not text:
        return None
    key = link or text
    doc_id = "feed-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return Report(doc_id, text, day, "field" if day else None, source=source, title=title, url=link)


def plain(markup: str) -> str:
    """Text of an HTML fragment: tags dropped, entities decoded, spaces tidied."""
    text = html.unescape(_TAGS.sub(" ", markup))
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.splitlines()).strip()


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None
