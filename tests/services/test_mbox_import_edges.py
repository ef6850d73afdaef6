"""Importing mail at the edges real archives reach: what Gmail labels, dates before mail was
common, names from headers, and the user's own addresses (``--me``) on the CLI and the web."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import Result

from factories import person
from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, my_addresses_given, run_import
from netweave.services.people import show_person
from netweave.store.models import ImportBatch, Interaction, Person

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


# --- mail Gmail labels Sent, from another address of the user's ------------------------------

OLD = "maya@old.example"


def _sent_from_old_address(tmp_path: Path) -> Path:
    """Ada writes to the old address; Maya answers from it (Gmail: Sent), then from --me."""
    return write(
        tmp_path,
        mail(1, "X-Gmail-Labels: Inbox", to=f"Maya Lindqvist <{OLD}>"),
        mail(2, "X-Gmail-Labels: Sent,Opened", "In-Reply-To: <m1@example.com>",
             sender=f"Maya Lindqvist <{OLD}>", to="Ada <ada@example.com>"),
        mail(3, "X-Gmail-Labels: Sent", sender=f"Maya <{ME}>", to="Grace <g@navy.example>"),
    )  # fmt: skip


def _directions(ctx: Context) -> list[tuple[str, str]]:
    with ctx.db.reading() as session:
        found = session.execute(select(Interaction.summary, Interaction.direction))
        return sorted((summary or "", direction) for summary, direction in found)


def test_mail_gmail_labels_sent_is_mine_from_an_address_not_given(
    ctx: Context, tmp_path: Path
) -> None:
    """The address it was sent from is the user's: no contact is made of it, not even for
    the mail sent to it before, and the import says it was taken as theirs."""
    path = _sent_from_old_address(tmp_path)
    result = run_import(ctx, "mbox", [path], ImportOptions(me=[ME]))
    assert names(ctx) == {"Ada", "Grace"}
    assert _directions(ctx) == [("m1", "in"), ("m2", "out"), ("m3", "out")]
    assert [e["error"] for e in result["errors"]] == [  # type: ignore[union-attr]
        f"mail from {OLD} is labelled Sent by Gmail: it was taken as yours (written by you, "
        "no contact made of it)"
    ]
    again = run_import(ctx, "mbox", [path], ImportOptions(me=[ME]))
    assert (again["created"], again["skipped"]) == (0, 3)
    undo_batch(ctx, int(again["batch"]))
    undo_batch(ctx, int(result["batch"]))
    assert names(ctx) == set()
    assert rows(ctx, Interaction) == 0


def test_an_address_gmail_labels_sent_is_kept_on_my_record_as_me_is(
    ctx: Context, tmp_path: Path
) -> None:
    """Kept there as --me is, the next import knows it without being told; the undo of the
    import takes it off again."""
    me = f"#{person(ctx, 'Maya Lindqvist', emails=[ME], is_me=True)['id']}"
    path = _sent_from_old_address(tmp_path)
    first = run_import(ctx, "mbox", [path], ImportOptions())
    assert show_person(ctx, me)["emails"] == [ME, OLD]
    [note] = first["errors"]  # type: ignore[misc]
    assert note["error"].endswith("it was taken as yours (written by you, no contact made of "
                                  "it), and kept on your own record")  # fmt: skip
    assert names(ctx) == {"Maya Lindqvist", "Ada", "Grace"}
    again = run_import(ctx, "mbox", [path], ImportOptions())
    assert (again["created"], again["errors"]) == (0, [])
    undo_batch(ctx, int(again["batch"]))
    undo_batch(ctx, int(first["batch"]))
    assert show_person(ctx, me)["emails"] == [ME]
    assert names(ctx) == {"Maya Lindqvist"}
    assert rows(ctx, Interaction) == 0


def test_only_gmails_own_sent_label_makes_mail_mine(ctx: Context, tmp_path: Path) -> None:
    """A label of the user's own that holds the word ("Sent, 2019", "Unsent") is not it."""
    labels = 'X-Gmail-Labels: Inbox,"Sent, 2019",Unsent'
    path = write(tmp_path, mail(1, labels, sender="Bob <bob@example.com>"))
    result = run_import(ctx, "mbox", [path], ImportOptions(me=[ME]))
    assert (names(ctx), result["errors"]) == ({"Bob"}, [])


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


# --- the user's addresses (--me) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "addresses"),
    [
        ([ME], [ME]),
        ([" Maya@Example.com "], ["Maya@Example.com"]),
        (["a@x.com, b@y.com"], ["a@x.com", "b@y.com"]),
        (["a@x.com; b@y.com", "c@z.com"], ["a@x.com", "b@y.com", "c@z.com"]),
        (["a@x.com,", ""], ["a@x.com"]),
        ([], []),
    ],
)
def test_addresses_given_as_mine_are_split_and_checked(
    given: list[str], addresses: list[str]
) -> None:
    assert my_addresses_given(given) == addresses


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (["not an email"], "--me: not an email address: 'not an email'"),
        (["a@x.com, nope"], "--me: not an email address: 'nope'"),
        (["Maya <maya@example.com>"], "--me: not an email address: 'Maya <maya@example.com>'"),
    ],
)
def test_an_address_of_mine_that_is_none_is_refused_before_anything_is_read(
    ctx: Context, tmp_path: Path, given: list[str], message: str
) -> None:
    path = write(tmp_path, mail(1))
    with pytest.raises(InvalidInput) as refused:
        run_import(ctx, "mbox", [path], ImportOptions(me=given))
    assert str(refused.value) == message
    assert (rows(ctx, ImportBatch), rows(ctx, Person), rows(ctx, Interaction)) == (0, 0, 0)
    with pytest.raises(InvalidInput, match="not an email address"):
        run_import(ctx, "ics", [tmp_path / "none.ics"], ImportOptions(me=given))


def test_the_field_names_the_form_it_was_typed_in() -> None:
    with pytest.raises(InvalidInput, match=r"^Your address: not an email address: 'x'$"):
        my_addresses_given(["x"], field="Your address")


def test_a_comma_separated_me_counts_each_address_as_mine(ctx: Context, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        mail(1, sender="Maya <maya@work.example>", to="Ada <ada@example.com>"),
        mail(2, sender=f"Maya <{ME}>", to="Grace <g@navy.example>"),
    )
    result = run_import(ctx, "mbox", [path], ImportOptions(me=[f"{ME}, maya@work.example"]))
    assert result["errors"] == []
    assert names(ctx) == {"Ada", "Grace"}
    with ctx.db.reading() as session:
        assert set(session.scalars(select(Interaction.direction))) == {"out"}


def test_the_cli_refuses_an_address_of_mine_that_is_none(
    ctx: Context, db_url: str, tmp_path: Path
) -> None:
    path = write(tmp_path, mail(1))
    result = netweave(db_url, "import", "mbox", str(path), "--me", "not an email")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "netweave: error: --me: not an email address: 'not an email'"
    ]
    assert (rows(ctx, ImportBatch), rows(ctx, Person)) == (0, 0)
    both = netweave(db_url, "import", "mbox", str(path), "--me", f"{ME}, maya@work.example")
    assert both.exit_code == 0, both.output
    assert names(ctx) == {"Ada"}
