"""One test per security rule of the web app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from netweave.services.access import PASSWORD_KEY, check_password, has_password, set_password
from netweave.services.context import Context
from netweave.store.models import Setting
from netweave.web.app import create_app
from netweave.web.security import CSRF_HEADER
from netweave.web.uploads import MAX_UPLOAD_BYTES
from web.web_helpers import add, login_client

DATA = Path(__file__).resolve().parents[1] / "data"


# --- Host allow-list -------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.0.0.1:8765", "[::1]:80"])
def test_loopback_host_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "attacker.test:8765", "127.0.0.2", ""])
def test_other_host_headers_get_400(client: TestClient, host: str) -> None:
    response = client.get("/", headers={"host": host})
    assert response.status_code == 400
    assert "Host" in response.text


def test_the_configured_host_is_allowed(web_ctx: Context) -> None:
    app = create_app(web_ctx, host="192.0.2.10", login_required=False)
    with TestClient(app, base_url="http://192.0.2.10") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "other.example"}).status_code == 400


# --- headers ---------------------------------------------------------------------------


def test_pages_carry_a_strict_policy_and_deny_framing(client: TestClient) -> None:
    for path in ("/", "/people", "/login", "/static/app.css", "/api/today", "/nowhere"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"


def test_pages_are_never_kept_by_the_browser(client: TestClient, web_ctx: Context) -> None:
    # Back after "Done" must not show the item again, ready to be logged twice
    pid = add(web_ctx, "Ada Lovelace")
    for path in ("/", "/people", f"/people/{pid}", "/imports"):
        assert client.get(path).headers["cache-control"] == "no-store", path
    assert "no-store" not in client.get("/static/app.css").headers.get("cache-control", "")


def test_no_page_has_inline_script(client: TestClient, web_ctx: Context) -> None:
    pid = add(web_ctx, "Ada Lovelace")
    for path in ("/", "/people", "/people/new", f"/people/{pid}", "/orgs", "/events", "/imports"):
        html = client.get(path).text
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
        assert scripts, path
        assert all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), path  # no inline handlers
        assert "javascript:" not in html


# --- escaping --------------------------------------------------------------------------


def test_a_name_with_markup_shows_as_text(client: TestClient, web_ctx: Context) -> None:
    pid = add(web_ctx, "<script>alert(1)</script> Mallory", note="<img src=x onerror=alert(2)>")
    for path in (f"/people/{pid}", "/people", "/people/_rows?q=Mallory"):
        html = client.get(path).text
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<img src=x" not in html


# --- CSRF ------------------------------------------------------------------------------


def test_every_page_carries_the_token_in_a_meta_tag(client: TestClient, token: str) -> None:
    assert len(token) >= 32
    assert f'name="csrf_token" value="{token}"' in client.get("/people/new").text


def test_a_form_post_without_the_token_is_refused(client: TestClient, token: str) -> None:
    response = client.post("/people", data={"name": "Eve"})
    assert response.status_code == 403
    assert client.get("/api/people", params={"q": "Eve"}).json() == []


def test_a_form_post_with_the_hidden_field_goes_through(client: TestClient, token: str) -> None:
    response = client.post("/people", data={"name": "Eve", "csrf_token": token})
    assert response.status_code == 303


def test_an_api_call_needs_the_header(client: TestClient, token: str) -> None:
    assert client.post("/api/people", json={"name": "Eve"}).status_code == 403
    wrong = client.post("/api/people", json={"name": "Eve"}, headers={CSRF_HEADER: "x" * 43})
    assert wrong.status_code == 403
    ok = client.post("/api/people", json={"name": "Eve"}, headers={CSRF_HEADER: token})
    assert ok.status_code == 201


def test_a_token_from_another_session_is_refused(app: object, client: TestClient) -> None:
    other = TestClient(client.app, base_url="http://127.0.0.1")
    theirs = re.search(r'csrf-token" content="([^"]+)"', other.get("/").text)
    assert theirs
    client.get("/")
    response = client.post("/api/people", json={"name": "Eve"}, headers={CSRF_HEADER: theirs[1]})
    assert response.status_code == 403


# --- session cookie --------------------------------------------------------------------


def test_the_session_cookie_is_httponly_and_lax(client: TestClient) -> None:
    cookie = client.get("/").headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_the_session_cookie_is_secure_under_tls(app: object) -> None:
    with TestClient(app, base_url="https://127.0.0.1") as c:  # type: ignore[arg-type]
        assert "Secure" in c.get("/").headers["set-cookie"]


def test_a_forged_cookie_is_ignored(client: TestClient) -> None:
    client.cookies.set("netweave_session", "eyJzaWQiOiJ4IiwiY3NyZiI6InkiLCJhdXRoIjp0cnVlfQ.bad")
    response = client.get("/")
    assert "set-cookie" in response.headers  # a new session, the forged one not taken


# --- password, login, rate limit -------------------------------------------------------


def test_the_password_is_stored_argon2_hashed(web_ctx: Context) -> None:
    assert not has_password(web_ctx)
    set_password(web_ctx, "correct horse")
    with web_ctx.db.reading() as session:
        stored = session.scalars(select(Setting).where(Setting.key == PASSWORD_KEY)).one()
        digest = stored.value["value"]
    assert digest.startswith("$argon2")
    assert "correct horse" not in digest
    assert check_password(web_ctx, "correct horse")
    assert not check_password(web_ctx, "wrong horse")


def test_with_a_password_everything_needs_login(web_ctx: Context) -> None:
    set_password(web_ctx, "correct horse")
    with TestClient(create_app(web_ctx), base_url="http://127.0.0.1") as c:
        page = c.get("/", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"] == "/login"
        assert c.get("/api/today").status_code == 401
        assert c.patch("/api/people/1", json={"title": "x"}).status_code in (401, 403)
        assert c.delete("/api/people/1?confirm=true").status_code in (401, 403)
        assert c.get("/people/1", follow_redirects=False).status_code == 303
        assert c.get("/login").status_code == 200
        # what docs/security.md says answers before a login: the API's description, no data
        assert c.get("/openapi.json").status_code == 200
        assert c.get("/healthz").status_code == 200


def test_the_login_page_shows_the_brand_and_the_login_alone(web_ctx: Context) -> None:
    set_password(web_ctx, "correct horse")
    with TestClient(create_app(web_ctx), base_url="http://127.0.0.1") as c:
        page = c.get("/login").text
        assert 'class="brand"' in page
        assert 'action="/login"' in page
        for chrome in ('aria-label="Main"', 'href="/people/new"', 'action="/logout"'):
            assert chrome not in page
        login_client(c, "correct horse")
        today = c.get("/").text
        for chrome in ('aria-label="Main"', 'href="/people/new"', 'action="/logout"'):
            assert chrome in today


def test_login_with_the_right_password_opens_the_app(web_ctx: Context) -> None:
    set_password(web_ctx, "correct horse")
    with TestClient(create_app(web_ctx), base_url="http://127.0.0.1") as c:
        login_client(c, "correct horse")
        assert c.get("/api/today").status_code == 200
        assert "Log out" in c.get("/").text


def test_failed_logins_are_rate_limited(web_ctx: Context) -> None:
    set_password(web_ctx, "correct horse")
    with TestClient(create_app(web_ctx), base_url="http://127.0.0.1") as c:
        statuses = [login_client(c, "guess", expect=None) for _ in range(6)]
        assert statuses[:5] == [401] * 5
        assert statuses[5] == 429
        # even the right password waits now
        assert login_client(c, "correct horse", expect=None) == 429


def test_logging_in_renews_the_csrf_token(web_ctx: Context) -> None:
    set_password(web_ctx, "correct horse")
    with TestClient(create_app(web_ctx), base_url="http://127.0.0.1") as c:
        before = re.search(r'csrf-token" content="([^"]+)"', c.get("/login").text)
        login_client(c, "correct horse")
        after = re.search(r'csrf-token" content="([^"]+)"', c.get("/").text)
        assert before
        assert after
        assert before[1] != after[1]


def test_a_short_password_is_refused(web_ctx: Context) -> None:
    from netweave.errors import InvalidInput

    with pytest.raises(InvalidInput, match="at least 8"):
        set_password(web_ctx, "short")


# --- uploads ---------------------------------------------------------------------------


def test_an_oversized_upload_is_refused(client: TestClient, token: str) -> None:
    big = b"BEGIN:VCARD\r\n" + b"X" * (MAX_UPLOAD_BYTES + 10)
    response = client.post(
        "/api/imports",
        data={"kind": "vcard"},
        files={"file": ("big.vcf", big, "text/vcard")},
        headers={CSRF_HEADER: token},
    )
    assert response.status_code == 413
    assert client.get("/api/imports").json() == []


@pytest.mark.parametrize(
    ("kind", "name", "content"),
    [
        ("vcard", "photo.png", b"\x89PNG\r\n\x1a\n...."),
        ("vcard", "cards.vcf", b"\x89PNG\r\n\x1a\n...."),
        ("ics", "cal.ics", b"BEGIN:VCARD\r\nEND:VCARD\r\n"),
        ("linkedin", "export.zip", b"not a zip at all"),
        ("google-csv", "contacts.csv", b"a,b\x00c"),
    ],
)
def test_an_upload_of_the_wrong_type_is_refused(
    client: TestClient, token: str, kind: str, name: str, content: bytes
) -> None:
    response = client.post(
        "/api/imports",
        data={"kind": kind},
        files={"file": (name, content, "application/octet-stream")},
        headers={CSRF_HEADER: token},
    )
    assert response.status_code == 415, response.text
    assert client.get("/api/imports").json() == []


def test_a_real_vcard_upload_is_accepted(client: TestClient, token: str) -> None:
    data = (DATA / "vcard" / "v4.vcf").read_bytes()
    response = client.post(
        "/api/imports",
        data={"kind": "vcard"},
        files={"file": ("v4.vcf", data, "text/vcard")},
        headers={CSRF_HEADER: token},
    )
    assert response.status_code == 202
