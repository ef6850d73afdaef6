"""Import problems and notes on the web speak of the web's own controls (the upload form's
fields, an import's Undo button), never of the command line's options and commands; the
command line keeps its own words."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.import_undo import list_batches
from netweave.services.imports import ImportOptions, run_import

DATA = Path(__file__).resolve().parents[1] / "data"
#: What the command line's words look like: an option, or a command.
CLI_WORDS = re.compile(r"(?<![\w-])--[a-z]|netweave [a-z]")
LINKEDIN_MESSAGES = (
    '"CONVERSATION ID","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE",'
    '"CONTENT","FOLDER"\n'
    "c1,Ada Quill,https://www.linkedin.com/in/ada-quill,Dana Okafor,"
    "https://www.linkedin.com/in/dana-okafor,2026-02-09 08:14:55 UTC,Hi,INBOX\n"
)


def _mail(messages: int) -> bytes:
    """A mailbox of messages from sam@acme.example to one friend each."""
    return "".join(
        f"From sam@acme.example Mon Jun {n % 14 + 1:02d} 10:00:00 2026\n"
        f"From: Sam Tester <sam@acme.example>\nTo: Friend {n} <friend{n}@example.com>\n"
        f"Subject: hello {n}\nDate: Mon, {n % 14 + 1:02d} Jun 2026 10:00:00 +0000\n"
        f"Message-ID: <m{n}@acme.example>\n\nHi\n\n"
        for n in range(messages)
    ).encode()


def _upload(client: TestClient, token: str, kind: str, name: str, data: bytes,
            **form: str) -> tuple[dict[str, Any], str]:  # fmt: skip
    """Upload a file, wait for its import, and return the job and its page."""
    sent = client.post("/imports", data={"csrf_token": token, "kind": kind, **form},
                       files={"file": (name, data, "application/octet-stream")})  # fmt: skip
    assert sent.status_code == 303, sent.text
    job_id = sent.headers["location"].rsplit("/", 1)[1]
    for _ in range(400):
        job: dict[str, Any] = client.get(f"/api/imports/jobs/{job_id}").json()
        if job["state"] != "running":
            break
        time.sleep(0.05)
    return job, html.unescape(client.get(f"/imports/jobs/{job_id}").text)


def _problems(job: dict[str, Any]) -> list[str]:
    return [p["error"] for p in job["summary"]["errors"]]


def _no_cli_words(*texts: str) -> None:
    for text in texts:
        assert not CLI_WORDS.search(text), text


def test_a_calendars_notes_name_the_upload_forms_choices(client: TestClient, token: str) -> None:
    calendar = (DATA / "ics" / "google_calendar.ics").read_bytes()
    job, page = _upload(client, token, "ics", "cal.ics", calendar)
    [strangers] = [p for p in _problems(job) if "no one in them is known" in p]
    assert "tick “Add the people met in meetings” and import the calendar again" in strangers
    assert strangers in page
    made, page = _upload(client, token, "ics", "cal.ics", calendar, create_people="true")
    [mine] = [p for p in _problems(made) if "no address of yours" in p]
    assert "import again filling in “Your address”" in mine
    assert mine in page
    listed = html.unescape(client.get("/imports").text)
    assert strangers in listed
    assert mine in listed
    api = [e["error"] for b in client.get("/api/imports").json() for e in b["errors"]]
    assert {mine, strangers} <= set(api)
    _no_cli_words(*_problems(job), *_problems(made), *api)


def test_mail_refused_on_the_web_names_the_field_not_the_option(
    client: TestClient, token: str
) -> None:
    job, page = _upload(client, token, "mbox", "sent.mbox", _mail(25), me="me@elsewhere.example")
    assert job["state"] == "failed"
    assert (
        "none of the 25 messages is from or to me@elsewhere.example (“Your address”)"
        in (job["error"])
    )
    assert "give your own address(es) in this mail in “Your address”" in job["error"]
    assert job["error"] in page
    _no_cli_words(job["error"])


def test_a_little_mail_not_mine_points_to_the_undo_button(client: TestClient, token: str) -> None:
    job, page = _upload(client, token, "mbox", "sent.mbox", _mail(3), me="me@elsewhere.example")
    [note] = _problems(job)
    batch = job["summary"]["batch"]
    assert f"undo this import (the Undo button of import {batch} on the Imports page)" in note
    assert "import it again with yours in “Your address”" in note
    assert note in page
    _no_cli_words(note)


def test_a_linkedin_export_without_its_profile_names_the_field(
    client: TestClient, token: str
) -> None:
    data = LINKEDIN_MESSAGES.encode()
    job, page = _upload(client, token, "linkedin", "messages.csv", data)
    assert job["state"] == "failed"
    assert job["error"] == (
        "messages.csv:2: cannot tell which messages are yours: upload the whole export (with "
        "Profile.csv) or give your name or LinkedIn profile URL in “Your address”"
    )
    assert job["error"] in page


def test_a_phone_read_in_the_default_region_names_no_setting(
    client: TestClient, token: str
) -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Quill\r\nTEL:12\r\nEND:VCARD\r\n"
    job, page = _upload(client, token, "vcard", "ada.vcf", card)
    [problem] = _problems(job)
    assert problem == (
        "not a phone number: '12' (read as a US number; give another country's with its "
        "code: +44 …) — kept in the notes"
    )
    assert problem in page
    _no_cli_words(problem)


def test_an_import_made_on_the_command_line_is_listed_in_the_webs_words(
    client: TestClient, web_ctx: Context, tmp_path: Path
) -> None:
    mail = tmp_path / "sent.mbox"
    mail.write_bytes(_mail(3))
    summary = run_import(web_ctx, "mbox", [mail], ImportOptions(me=["me@elsewhere.example"]))
    batch = summary["batch"]
    # the command line's own words, as it printed them, and as `import list` lists them
    cli_note = summary["errors"][0]["error"]
    assert f"(netweave import undo {batch}) and give yours" in cli_note
    assert list_batches(web_ctx)[0]["errors"][0]["error"] == cli_note
    assert set(list_batches(web_ctx)[0]["errors"][0]) == {"file", "line", "error"}
    page = html.unescape(client.get("/imports").text)
    assert f"the Undo button of import {batch} on the Imports page" in page
    assert "netweave import undo" not in page
    assert "(--me)" not in page
