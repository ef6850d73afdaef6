"""Importing mail at the edges real archives reach: what Gmail labels, dates before mail was
common, names from headers, and the user's own addresses (``--me``) on the CLI and the web."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import Result

from netweave.services.context import Context
from netweave.services.imports import ImportOptions, run_import
from netweave.store.models import Interaction, Person

ME = "maya@example.com"
TODAY = dt.date(2026, 6, 15)


def mail(
    n: int,
    *extra: str,
    sender: str = "Ada <ada@example.com>",
    to: str = f"Maya <{ME}>",
    date: str | None = "Mon, 1 Jun 2026 10:00:00 +0000",
    separator: str = "From ada@example.com Mon Jun  1 10:00:00 2026",
) -> str:
    """Message ``n`` in mbox form: its From_ line, headers (``extra`` too), a short body."""
    dated = [] if date is None else [f"Date: {date}"]
    headers = [f"From: {sender}", f"To: {to}", *dated, f"Subject: m{n}",
               f"Message-ID: <m{n}@example.com>", *extra]  # fmt: skip
    return f"{separator}\n" + "\n".join(headers) + "\n\nHi.\n\n"


def write(tmp_path: Path, *messages: str) -> Path:
    path = tmp_path / "mail.mbox"
    path.write_text("".join(messages), encoding="utf-8")
    return path


def names(ctx: Context) -> set[str]:
    with ctx.db.reading() as session:
        return set(session.scalars(select(Person.display_name)))


def rows(ctx: Context, model: type) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def netweave(db_url: str, *args: str) -> Result:
    """``netweave --db URL --as-of TODAY ARGS...``, in-process."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "'click.utils", DeprecationWarning)
        from typer.testing import CliRunner

        from netweave.cli.app import app
    return CliRunner().invoke(app, ["--db", db_url, "--as-of", TODAY.isoformat(), *args])


# --- Gmail labels -----------------------------------------------------------------------------


def test_gmail_spam_trash_and_drafts_make_no_people_and_are_counted_skipped(
    ctx: Context, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        mail(1, "X-Gmail-Labels: Sent,Opened", sender=f"Maya <{ME}>", to="Grace <g@navy.example>"),
        mail(2, "X-Gmail-Labels: Spam", sender="Spammer <win@prize.example>"),
        mail(3, "X-Gmail-Labels: Drafts", sender=f"Maya <{ME}>", to="Ada <ada@example.com>"),
        mail(4, "X-Gmail-Labels: Trash", sender="Trash <old@bin.example>"),
    )
    result = run_import(ctx, "mbox", [path], ImportOptions(me=[ME]))
    assert (result["created"], result["skipped"], result["errors"]) == (2, 3, [])
    assert names(ctx) == {"Grace"}
    assert rows(ctx, Interaction) == 1


# --- dates before 1980 -------------------------------------------------------------------------


def test_mail_dated_1970_by_every_clock_is_listed_not_taken_in(
    ctx: Context, tmp_path: Path
) -> None:
    """An unset clock dates mail 1970-01-01: no contact made then; the From_ line dates it
    when it can, else the message is listed as future-dated mail is."""
    epoch = "Thu, 1 Jan 1970 00:00:00 +0000"
    path = write(
        tmp_path,
        mail(1, sender="Epoch <epoch@example.com>", date=epoch,
             separator="From x Thu Jan  1 00:00:00 1970"),
        mail(2, sender="Later <later@example.com>", date=epoch),
    )  # fmt: skip
    result = run_import(ctx, "mbox", [path], ImportOptions(me=[ME]))
    assert (result["created"], result["skipped"]) == (2, 1)  # Later and the mail
    [problem] = result["errors"]
    assert (problem["file"], problem["line"]) == (str(path), 1)
    assert "before 1980" in problem["error"]
    assert names(ctx) == {"Later"}
    with ctx.db.reading() as session:
        [when] = session.scalars(select(Interaction.occurred_at))
    assert when.date() == dt.date(2026, 6, 1)


# --- names -------------------------------------------------------------------------------------


def test_people_from_mail_are_named_as_they_are_called(ctx: Context, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        mail(1, sender="'Jane Roe' <jane@roe.example>"),
        mail(2, sender='"Müller, Hans (ext)" <hans@ext.example>'),
        mail(3, sender='"kim.lee@lee.example" <kim.lee@lee.example>'),
        mail(4, sender="=?UTF-8?B?broken?= <broken.name@example.com>"),
        mail(5, sender="=?x-unknown?Q?Weird=E9?= <weird@example.com>"),
    )
    run_import(ctx, "mbox", [path], ImportOptions(me=[ME]))
    assert names(ctx) == {
        "Jane Roe",
        "Hans Müller",
        "Kim Lee",
        "Broken Name",
        "weird@example.com",
    }
