"""An uploaded CSV file is taken in whatever encoding the command line reads it in (UTF-8,
UTF-16 with its byte-order mark, a Windows code page); binary data is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from web.web_helpers import imported

DATA = Path(__file__).resolve().parents[1] / "data"
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Zoë,Müller,https://www.linkedin.com/in/zoe-mueller,,Acme,Engineer,08 Feb 2024\n"
)


def _names(client: TestClient) -> set[str]:
    return {p["name"] for p in client.get("/api/people").json()}


def test_a_google_csv_saved_as_utf16_is_imported(client: TestClient, token: str) -> None:
    """Excel's "Unicode text" and Outlook write UTF-16 with a byte-order mark."""
    text = (DATA / "google" / "contacts_google.csv").read_text(encoding="utf-8")
    job = imported(client, token, "google-csv", "contacts.csv", text.encode("utf-16"))
    assert job["state"] == "done", job["error"]
    assert job["summary"]["people"] >= 3
    assert "Zoë Ångström" in _names(client)  # read as the letters it was written in


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_linkedin_connections_in_utf16_are_imported(
    client: TestClient, token: str, encoding: str
) -> None:
    data = "\ufeff".encode(encoding) + CONNECTIONS.encode(encoding)
    job = imported(client, token, "linkedin", "Connections.csv", data)
    assert job["state"] == "done", job["error"]
    assert "Zoë Müller" in _names(client)


def test_a_csv_in_a_windows_code_page_is_imported(client: TestClient, token: str) -> None:
    job = imported(client, token, "linkedin", "Connections.csv", CONNECTIONS.encode("cp1252"))
    assert job["state"] == "done", job["error"]
    assert "Zoë Müller" in _names(client)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,  # every byte, NUL and control bytes among them
        b"\xff\xfe" + bytes(range(256)) * 8,  # a UTF-16 mark before what is no UTF-16
        b"\xff\xfe" + "Name\x00\x01\x02\x03\x04\x05".encode("utf-16-le") * 40,  # controls
    ],
)
def test_binary_data_named_csv_is_still_refused(
    client: TestClient, token: str, data: bytes
) -> None:
    sent = client.post("/api/imports", data={"kind": "google-csv"},
                       files={"file": ("contacts.csv", data, "text/csv")},
                       headers={"x-csrf-token": token})  # fmt: skip
    assert sent.status_code == 415
    assert sent.json() == {"error": "contacts.csv: the content is not a .csv file"}


def test_a_utf8_csv_with_one_stray_byte_is_refused_not_misread(
    client: TestClient, token: str
) -> None:
    """Mei's notes hold one "é" in UTF-8 and one pasted in Latin-1: read as Windows-1252 the
    first would be "Ã©". The upload is refused with the command line's words."""
    data = (DATA / "google" / "stray" / "contacts_google_stray.csv").read_bytes()
    job = imported(client, token, "google-csv", "contacts.csv", data)
    assert job["state"] == "failed"
    assert "contacts.csv:3: a byte that is not UTF-8, in a file that otherwise is" in job["error"]
    assert _names(client) == set()
