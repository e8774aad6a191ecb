"""Links: a report fetched from an http(s) URL and read as the file it would be saved as.

``fetch`` is the one way sitroom asks the network for something (a page, a PDF, a
feed): a polite user agent naming the tool, a timeout for each connection and read, a
size limit checked while reading (a server's Content-Length is not trusted), at most
``MAX_REDIRECTS`` redirects and only to http(s). Every way it can fail is a
``ReadError`` naming the URL, in one line.

``report_from_url`` reads what came back by its media type (HTML, PDF, plain text),
falling back on the URL's suffix when a server says ``application/octet-stream``. The
report's ``doc_id`` is made from the URL as given (``url_doc_id``), so the same link
fetched again is the same report, and an unchanged page is left alone by the ingest's
fingerprint; its ``url`` is the page's canonical URL when it names one, else the
address the page was finally served from, and its ``source`` the site's name or host.
"""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from urllib.parse import urlparse

from sitroom.errors import ReadError
from sitroom.read.formats import DEFAULT_MAX_BYTES, MIB, report_from_text
from sitroom.record import Report

DEFAULT_TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG_CHARS = 60


def user_agent() -> str:
    """``sitroom/<version>``, with what it is: servers' logs should say who asked."""
    try:
        release = package_version("sitroom")
    except PackageNotFoundError:  # running from a source tree that was not installed
        release = "dev"
    return f"sitroom/{release} (offline situation room; reads one page per link)"


def is_link(source: str) -> bool:
    """Whether a command-line source is a link rather than a path."""
    return "://" in source


@dataclass(frozen=True)
class Fetched:
    url: str  # where the bytes finally came from, after redirects
    media_type: str  # "text/html", "application/pdf", ... ("" when the server says none)
    charset: str | None
    data: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, but fewer of them and only to http(s)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlparse(newurl).scheme not in {"http", "https"}:
            raise ReadError(req.full_url, f"redirected to {newurl!r}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_Redirects)


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
    what: str = "page",
) -> Fetched:
    """The bytes at ``url``; a ``ReadError`` naming the URL when they cannot be had."""
    if urlparse(url).scheme not in {"http", "https"} or not urlparse(url).netloc:
        raise ReadError(url, f"a {what} link must be an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": user_agent(), "Accept": "*/*"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise ReadError(url, _too_big(what, int(declared), max_bytes))
            data = response.read(max_bytes + 1)
            final = response.geturl()
            headers: Message = response.headers
    except ReadError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:  # urllib gave up following them
            why = f"redirected in a loop or more than {MAX_REDIRECTS} times"
        else:
            why = f"HTTP {exc.code} {' '.join(str(exc.reason).split())}"
        raise ReadError(url, f"cannot fetch the {what}: {why}") from exc
    except TimeoutError as exc:
        raise ReadError(url, f"cannot fetch the {what}: no answer within {timeout:g} s") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise ReadError(
                url, f"cannot fetch the {what}: no answer within {timeout:g} s"
            ) from exc
        raise ReadError(url, f"cannot fetch the {what}: {reason}") from exc
    except (OSError, ValueError) as exc:  # a connection reset mid-read, a malformed reply
        raise ReadError(url, f"cannot fetch the {what}: {exc}") from exc
    if len(data) > max_bytes:
        raise ReadError(url, _too_big(what, len(data), max_bytes, at_least=True))
    return Fetched(
        url=final,
        media_type=headers.get_content_type() if headers.get("Content-Type") else "",
        charset=headers.get_content_charset(),
        data=data,
    )


def url_doc_id(url: str) -> str:
    """A report name a person can read back from the link (host and path) and that two
    links never share (a digest of the whole URL)."""
    parts = urlparse(url)
    readable = _SLUG.sub("-", f"{parts.netloc}{parts.path}".lower()).strip("-")
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"{readable[:_SLUG_CHARS].rstrip('-')}-{digest}"


def report_from_url(
    url: str, *, timeout: float = DEFAULT_TIMEOUT_S, max_bytes: int = DEFAULT_MAX_BYTES
) -> Report | ReadError:
    """The report at ``url`` (see the module's docstring), or why there is none."""
    try:
        page = fetch(url, timeout=timeout, max_bytes=max_bytes)
    except ReadError as exc:
        return exc
    return report_from_fetched(page, doc_id=url_doc_id(url), where=url)


def report_from_fetched(page: Fetched, *, doc_id: str, where: str) -> Report | ReadError:
    """Read fetched bytes by their media type (or, when the server does not say, by the
    URL's suffix)."""
    from sitroom.read.html import HTML_SUFFIXES, report_from_html
    from sitroom.read.pdf import PDF_SUFFIXES, report_from_pdf

    kind = page.media_type
    if kind in {"", "application/octet-stream"}:
        suffix = "." + urlparse(page.url).path.rsplit(".", 1)[-1].lower()
        kind = (
            "application/pdf"
            if suffix in PDF_SUFFIXES
            else "text/html"
            if suffix in HTML_SUFFIXES or kind == ""
            else kind
        )
    host = urlparse(page.url).netloc
    if kind == "application/pdf":
        report = report_from_pdf(page.data, doc_id=doc_id, where=where, path=where)
    elif kind in {"text/html", "application/xhtml+xml"}:
        report = report_from_html(page.data, doc_id=doc_id, where=where, path=where, url=page.url)
    elif kind == "text/plain":
        try:
            text = page.data.decode(page.charset or "utf-8")
        except (LookupError, UnicodeDecodeError):
            declared = page.charset or "utf-8"
            return ReadError(where, f"the text is not in its declared encoding ({declared})")
        report = report_from_text(text, doc_id=doc_id, where=where, path=where, source=host)
    else:
        return ReadError(where, f"{kind} is not a report sitroom reads (HTML, PDF or plain text)")
    if isinstance(report, ReadError):
        return report
    return Report(
        report.doc_id,
        report.text,
        report.date,
        report.date_source,
        source=report.source or host,
        title=report.title,
        url=report.url or page.url,
        path=where,
    )


def _too_big(what: str, size: int, limit: int, *, at_least: bool = False) -> str:
    how_big = "larger than" if at_least else f"{size / MIB:.1f} MiB, over"
    return f"the {what} is {how_big} the {limit / MIB:g} MiB limit (--max-report-mb)"
