"""Security of the web app: Host allow-list, signed session cookie, CSRF, headers, login limits.

The data is personal data about other people, so the server is safe by default: it
answers only to the host names it serves, every page carries strict headers, every
state-changing request needs the session's CSRF token, and when a password is set
nothing but the login page is shown before logging in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "netweave_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
#: Scripts and styles only from the app's own static files; no framing, no plugins.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


@dataclass
class Session:
    """What the signed cookie carries: an id, the CSRF token and whether the user logged in."""

    sid: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    auth: bool = False
    fresh: bool = True


class Signer:
    """Signs session cookies with a key made when the server starts (restarting logs out)."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key or secrets.token_bytes(32)

    def dump(self, session: Session) -> str:
        payload = json.dumps({"sid": session.sid, "csrf": session.csrf, "auth": session.auth})
        body = base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")
        return f"{body}.{self._mac(body)}"

    def load(self, value: str) -> Session | None:
        body, _, mac = value.partition(".")
        if not body or not hmac.compare_digest(mac, self._mac(body)):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            return Session(str(data["sid"]), str(data["csrf"]), bool(data["auth"]), fresh=False)
        except (ValueError, KeyError, TypeError):
            return None

    def _mac(self, body: str) -> str:
        return hmac.new(self.key, body.encode(), hashlib.sha256).hexdigest()


def allowed_hosts(host: str) -> frozenset[str]:
    """The Host names the server answers to: loopback names and the host it binds."""
    extra = {host.lower(), f"[{host.lower()}]"} if ":" in host else {host.lower()}
    return LOOPBACK_HOSTS | extra


def host_name(value: str) -> str:
    """The name part of a Host header (``[::1]:8000`` → ``[::1]``)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class SecurityMiddleware:
    """Host allow-list, the session cookie and the security headers, for every response."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str], signer: Signer) -> None:
        self.app, self.hosts, self.signer = app, hosts, signer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if host_name(headers.get("host", "")) not in self.hosts:
            await _plain(send, 400, b"Bad Request: unknown Host header")
            return
        session = self._session(headers.get("cookie", ""))
        scope.setdefault("state", {})["session"] = session
        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = list(message.get("headers", []))
                out += HEADERS
                if _is_page(out):  # Back shows the page as it is now, not a stale copy
                    out.append((b"cache-control", b"no-store"))
                if session.fresh:
                    out.append((b"set-cookie", self.cookie(session, secure=secure).encode()))
                message["headers"] = out
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _session(self, cookie_header: str) -> Session:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(cookie_header)
        except Exception:  # a malformed Cookie header is treated as no cookie
            return Session()
        morsel = jar.get(COOKIE)
        found = self.signer.load(morsel.value) if morsel else None
        return found or Session()

    def cookie(self, session: Session, *, secure: bool) -> str:
        """The Set-Cookie value: HttpOnly, SameSite=Lax, Secure under TLS."""
        parts = [f"{COOKIE}={self.signer.dump(session)}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if secure:
            parts.append("Secure")
        return "; ".join(parts)


def _is_page(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether a response is an HTML page that says nothing of caching itself: its agenda,
    its buttons and its form token are for now only."""
    names = {k.lower(): v for k, v in headers}
    return b"cache-control" not in names and names.get(b"content-type", b"").startswith(
        b"text/html"
    )


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})


def tokens_match(expected: str, given: str | None) -> bool:
    """Constant-time comparison of the session's CSRF token with the one sent."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


class LoginLimiter:
    """At most ``attempts`` failed logins per client in ``window`` seconds."""

    def __init__(self, attempts: int = 5, window: float = 60.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = {}

    def blocked(self, client: str) -> bool:
        """Whether this client must wait before trying again."""
        recent = self._recent(client)
        return len(recent) >= self.attempts

    def failed(self, client: str) -> None:
        """Count one failed attempt."""
        self._recent(client).append(time.monotonic())

    def reset(self, client: str) -> None:
        """Forget the failures of a client that logged in."""
        self._failures.pop(client, None)

    def _recent(self, client: str) -> deque[float]:
        queue = self._failures.setdefault(client, deque())
        cutoff = time.monotonic() - self.window
        while queue and queue[0] < cutoff:
            queue.popleft()
        return queue
