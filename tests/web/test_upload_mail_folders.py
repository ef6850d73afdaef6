"""A mail program's folder file without extension (Thunderbird's Inbox, Sent, Drafts) is
uploaded as an mbox, read by its content; Thunderbird's drafts in it make no one."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from web.test_refused_form_pages import refused_field
from web.web_helpers import imported

ME = "maya@example.com"


def _mail(sender: str, *extra: str) -> bytes:
    headers = [f"From: {sender}", f"To: {ME}", "Date: Mon, 1 Jun 2026 10:00:00 +0000",
               "Subject: Hello", *extra]  # fmt: skip
    return ("From - Mon Jun  1 10:00:00 2026\n" + "\n".join(headers) + "\n\nHi.\n").encode()


def _imported(client: TestClient, token: str, name: str, data: bytes) -> dict[str, Any]:
    """Upload a mail file to the API as the user ``ME``; the finished job."""
    return imported(client, token, "mbox", name, data, {"me": ME})


def _names(client: TestClient) -> set[str]:
    return {p["name"] for p in client.get("/api/people").json()}


def test_a_thunderbird_inbox_without_extension_is_imported(client: TestClient, token: str) -> None:
    inbox = {"file": ("Inbox", _mail("Ada <ada@example.org>"), "text/plain")}
    sent = client.post(
        "/imports", data={"csrf_token": token, "kind": "mbox", "me": ME}, files=inbox
    )
    assert sent.status_code == 303, sent.text
    job = _imported(client, token, "Inbox", _mail("Bo <bo@example.org>"))
    assert job["state"] == "done", job["error"]
    assert {"Bo"} <= _names(client)


def test_thunderbirds_drafts_make_no_one(client: TestClient, token: str) -> None:
    draft = _mail(ME, "X-Mozilla-Draft-Info: internal/draft; vcard=0", "Cc: Nina <n@x.org>")
    job = _imported(client, token, "Drafts", draft)
    assert job["state"] == "done", job["error"]
    assert job["summary"]["created"] == 0
    assert "Nina" not in _names(client)


def test_a_file_without_extension_must_be_a_mail_folder(client: TestClient, token: str) -> None:
    form = {"csrf_token": token, "kind": "mbox", "me": ME}
    notes = client.post("/imports", data=form,
                        files={"file": ("Notes", b"Just notes\n", "text/plain")})  # fmt: skip
    assert notes.status_code in (415, 422)
    assert refused_field(notes.text) == (
        "file",
        "File: Notes: the content is not a mail folder (mbox). Nothing was saved.",
    )
    inbox = {"file": ("Inbox", _mail("Ada <ada@example.org>"), "text/plain")}
    vcard = client.post("/imports", data={**form, "kind": "vcard"}, files=inbox)
    assert refused_field(vcard.text)[1] == (
        "File: Inbox: vcard imports take .vcf, .vcard files. Nothing was saved."
    )


def test_a_thunderbird_folder_named_with_a_dot_is_imported(client: TestClient, token: str) -> None:
    """Thunderbird's "Jobs.2025" is a mail folder: its ending is part of its name. Its index
    beside it ("Jobs.2025.msf") is not mail, and neither is a file of notes so named."""
    job = _imported(client, token, "Jobs.2025", _mail("Cy <cy@example.org>"))
    assert job["state"] == "done", job["error"]
    assert {"Cy"} <= _names(client)
    form = {"csrf_token": token, "kind": "mbox", "me": ME}
    for name, data in (("Jobs.2025.msf", _mail("Di <di@example.org>")),
                       ("Clients.old", b"From my point of view, not mail\n")):  # fmt: skip
        refused = client.post("/imports", data=form, files={"file": (name, data, "text/plain")})
        assert refused.status_code in (415, 422)
        assert refused_field(refused.text)[1].startswith(f"File: {name}: mbox imports take")
