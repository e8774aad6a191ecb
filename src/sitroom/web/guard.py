"""Who may ask, and how much: an access token for anything but this machine, and bounds
on what a request may carry. The app is read-only, so nothing here ever needs a body.

A token, when set, is asked of every request: as ``Authorization: Bearer TOKEN``, or once
as ``?token=TOKEN`` on any page, which answers with a redirect to the same page without
it and a cookie that carries it from then on (so a browser and the map's own calls to
/api/ work without typing it again).
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

TOKEN_ENV = "SITROOM_TOKEN"
COOKIE = "sitroom_token"
MIN_TOKEN_CHARS = 16


@dataclass(frozen=True)
class Limits:
    """Bounds on one request, checked before any route sees it."""

    max_url_bytes: int = 4096  # path and query string together
    max_header_bytes: int = 16384  # all header names and values together


def is_loopback(host: str) -> bool:
    """Whether an address to listen on reaches only this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def token_problem(token: str | None) -> str | None:
    """Why a token cannot guard a server, or None when it can."""
    if token is None:
        return None
    if len(token) < MIN_TOKEN_CHARS:
        return f"{TOKEN_ENV} must be at least {MIN_TOKEN_CHARS} characters"
    if not token.isascii() or not token.isprintable() or " " in token:
        return f"{TOKEN_ENV} must be printable ASCII without spaces"
    return None


class Guard:
    """ASGI middleware: limits on every request; the token, when one is set."""

    def __init__(self, app: ASGIApp, *, token: str | None, limits: Limits) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._too_big(scope)
        if problem is not None:
            await _answer(send, *problem)
            return
        if self.token is not None:
            offered = _query_token(scope)
            if offered is not None:
                if hmac.compare_digest(offered, self.token):
                    await _redirect_with_cookie(scope, send, self.token)
                else:
                    await _answer(send, 401, "wrong token")
                return
            if not self._carries_token(scope):
                await _answer(send, 401, f"this server asks for its token ({TOKEN_ENV})")
                return
        await self.app(scope, receive, send)

    def _too_big(self, scope: Scope) -> tuple[int, str] | None:
        url = len(scope.get("raw_path") or scope["path"].encode()) + len(scope["query_string"])
        if url > self.limits.max_url_bytes:
            return 414, f"the address is longer than {self.limits.max_url_bytes} bytes"
        headers = scope.get("headers", [])
        if sum(len(k) + len(v) for k, v in headers) > self.limits.max_header_bytes:
            return 431, f"the headers are longer than {self.limits.max_header_bytes} bytes"
        for name, value in headers:
            if name == b"transfer-encoding" or (name == b"content-length" and value != b"0"):
                return 413, "this server is read-only and takes no request body"
        return None

    def _carries_token(self, scope: Scope) -> bool:
        assert self.token is not None
        for name, value in scope.get("headers", []):
            if name == b"authorization" and value[:7].lower() == b"bearer ":
                if hmac.compare_digest(value[7:].strip(), self.token):
                    return True
            elif name == b"cookie":
                for part in value.split(b";"):
                    key, _, given = part.strip().partition(b"=")
                    if key == COOKIE.encode() and hmac.compare_digest(given, self.token):
                        return True
        return False


def _query_token(scope: Scope) -> bytes | None:
    for key, value in parse_qsl(scope["query_string"].decode("latin-1")):
        if key == "token":
            return value.encode("latin-1")
    return None


async def _redirect_with_cookie(scope: Scope, send: Send, token: bytes) -> None:
    rest = [(k, v) for k, v in parse_qsl(scope["query_string"].decode("latin-1")) if k != "token"]
    path = (scope.get("raw_path") or quote(scope["path"]).encode()).decode("latin-1")
    location = path + (f"?{urlencode(rest)}" if rest else "")
    cookie = f"{COOKIE}={token.decode()}; Path=/; HttpOnly; SameSite=Strict"
    await _answer(
        send, 303, "", [(b"location", location.encode()), (b"set-cookie", cookie.encode())]
    )


async def _answer(
    send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = message.encode()
    start: dict[str, Any] = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            *(headers or []),
        ],
    }
    await send(start)
    await send({"type": "http.response.body", "body": body})
