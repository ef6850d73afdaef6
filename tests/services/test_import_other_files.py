"""A record of another file or app with the same address as an earlier one is another
record of the person, not the same one read again: its notes are added and a fuller
birthday taken; the same file read again fills only what is empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netweave.services.context import Context
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.people import PersonChanges, add_person, edit_person, show_person


def _card(name: str, note: str, birthday: str | None = None) -> str:
    bday = f"BDAY:{birthday}\r\n" if birthday else ""
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEMAIL:jose.garcia@acme.com\r\n"
        f"NOTE:{note}\r\n{bday}END:VCARD\r\n"
    )


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode())
    return path


def _import(ctx: Context, kind: str, *paths: Path) -> dict[str, Any]:
    return run_import(ctx, kind, list(paths), ImportOptions())


def test_another_files_note_is_added_and_a_fuller_birthday_taken(
    ctx: Context, tmp_path: Path
) -> None:
    phone = _write(tmp_path / "phone.vcf", _card("Jose Garcia", "Old note from phone", "--04-12"))
    icloud = _write(
        tmp_path / "icloud.vcf", _card("José García", "Has two kids\\, Ana and Luis", "1985-04-12")
    )
    _import(ctx, "vcard", phone)
    summary = _import(ctx, "vcard", icloud)
    assert summary["updated"] == 1
    assert summary["errors"] == []
    jose = show_person(ctx, "Jose Garcia")
    assert jose["notes"] == "Old note from phone\nHas two kids, Ana and Luis"
    assert jose["birthday"] == "1985-04-12"
    # each file read again changes nothing, in one import or two
    again = _import(ctx, "vcard", icloud, phone)
    assert (again["created"], again["updated"], again["merged"]) == (0, 0, 0)
    assert show_person(ctx, "Jose Garcia")["notes"] == jose["notes"]


def test_the_same_file_read_again_does_not_bring_back_a_rewritten_note(
    ctx: Context, tmp_path: Path
) -> None:
    phone = _write(tmp_path / "phone.vcf", _card("Jose Garcia", "Old note from phone"))
    _import(ctx, "vcard", phone)
    edit_person(ctx, "Jose Garcia", PersonChanges(note="Rewritten by hand"))
    notes = show_person(ctx, "Jose Garcia")["notes"]
    _import(ctx, "vcard", phone)
    assert show_person(ctx, "Jose Garcia")["notes"] == notes


def test_a_second_csv_of_one_import_adds_its_note(ctx: Context, tmp_path: Path) -> None:
    google = _write(
        tmp_path / "google.csv",
        "First Name,Last Name,Notes,E-mail 1 - Label,E-mail 1 - Value\r\n"
        "Tom,Becker,Met at a fair,* Work,"
        "tom.becker@contoso.com\r\n",
    )
    outlook = _write(
        tmp_path / "outlook.csv",
        "First Name,Middle Name,Last Name,E-mail Address,Business Phone,Notes\r\n"
        "Tom,,Becker,TOM.BECKER@CONTOSO.COM,,"
        '"+1 call him @ 9am; -ish"\r\n',
    )
    _import(ctx, "google-csv", google, outlook)
    assert show_person(ctx, "Tom Becker")["notes"] == "Met at a fair\n+1 call him @ 9am; -ish"


def test_a_person_named_by_an_address_takes_the_first_real_name(
    ctx: Context, tmp_path: Path
) -> None:
    add_person(ctx, PersonChanges(name="priya@initech.io", emails=["priya@initech.io"]))
    card = _write(
        tmp_path / "contacts.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Natarajan\r\nN:Natarajan;Priya;;;\r\n"
        "EMAIL:priya@initech.io\r\nEND:VCARD\r\n",
    )
    batch = _import(ctx, "vcard", card)["batch"]
    priya = show_person(ctx, "priya@initech.io")
    assert (priya["name"], priya["given_name"], priya["family_name"]) == (
        "Priya Natarajan",
        "Priya",
        "Natarajan",
    )
    assert "Also known as" not in (priya["notes"] or "")
    undo_batch(ctx, batch)
    assert show_person(ctx, "priya@initech.io")["name"] == "priya@initech.io"


def test_a_web_address_of_their_linkedin_profile_is_that_profile_kept_once(
    ctx: Context, tmp_path: Path
) -> None:
    add_person(
        ctx, PersonChanges(name="José García", linkedin="https://www.linkedin.com/in/josegarcia")
    )
    card = _write(
        tmp_path / "apple.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José García\r\n"
        "item2.URL:https://linkedin.com/in/josegarcia/\r\nitem2.X-ABLabel:_$!<HomePage>!$_\r\n"
        "X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/josegarcia/\r\n"
        "URL:https://jose.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Url\r\nURL:https://www.linkedin.com/in/annurl\r\n"
        "URL:https://www.linkedin.com/company/acme\r\nEND:VCARD\r\n",
    )
    _import(ctx, "vcard", card)
    points = [(p["kind"], p["normalized"]) for p in show_person(ctx, "José")["contact_points"]]
    assert points == [("linkedin", "linkedin.com/in/josegarcia"), ("url", "jose.example")]
    ann = [(p["kind"], p["normalized"]) for p in show_person(ctx, "Ann Url")["contact_points"]]
    assert ann == [("linkedin", "linkedin.com/in/annurl"), ("url", "linkedin.com/company/acme")]


def test_a_value_that_is_no_address_or_phone_is_kept_in_the_notes_and_listed(
    ctx: Context, tmp_path: Path
) -> None:
    card = _write(
        tmp_path / "mixed.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bad Three\r\nEMAIL:not-an-email\r\n"
        "TEL:call me maybe\r\nNOTE:Met at a fair\r\nEND:VCARD\r\n",
    )
    connections = _write(
        tmp_path / "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Renee,Dubois,https://www.linkedin.com/in/renee-dubois,bad-email,SG,Analyst,"
        "01 Feb 2024\r\n",
    )
    for kind, path, name, kept in (
        ("vcard", card, "Bad Three", "Met at a fair\nEmail: not-an-email\nPhone: call me maybe"),
        ("linkedin", connections, "Renee Dubois", "Email: bad-email"),
    ):
        summary = _import(ctx, kind, path)
        assert summary["created"] == 1
        assert all(e["error"].endswith("— kept in the notes") for e in summary["errors"])
        assert summary["errors"][0]["line"] is not None
        assert show_person(ctx, name)["notes"] == kept
        again = _import(ctx, kind, path)  # read again: kept once
        assert again["created"] == 0
        assert show_person(ctx, name)["notes"] == kept


def test_a_request_from_someone_a_newer_export_connects_is_kept(
    ctx: Context, tmp_path: Path
) -> None:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    ada = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Acme,Engineer,01 Feb 2024\r\n"
    dan = "Daniel,Okafor,https://www.linkedin.com/in/dokafor,,Initech,PM,25 Nov 2025\r\n"
    older, newer = tmp_path / "old", tmp_path / "new"
    for folder, rows in ((older, ada), (newer, ada + dan)):
        folder.mkdir()
        _write(folder / "Connections.csv", header + rows)
    _write(
        older / "Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n"
        'Daniel Okafor,Me Myself,"11/20/25, 9:00 AM",Great talk at the meetup!,INCOMING,'
        "https://www.linkedin.com/in/dokafor,https://www.linkedin.com/in/me-myself\r\n",
    )
    summary = _import(ctx, "linkedin", newer, older)
    assert summary["errors"] == []
    daniel = show_person(ctx, "Daniel Okafor")
    assert daniel["company"] == "Initech"
    assert [i["summary"] for i in daniel["interactions"]] == [
        "connection request: Great talk at the meetup!"
    ]


def test_your_own_linkedin_profile_from_the_export_is_kept_on_your_record(
    ctx: Context, tmp_path: Path
) -> None:
    maya, ada = "https://www.linkedin.com/in/maya-l", "https://www.linkedin.com/in/ada-lovelace"
    export = tmp_path / "export"
    export.mkdir()
    _write(export / "Profile.csv", "First Name,Last Name,Headline\r\nMaya,Lindqvist,PM\r\n")
    _write(
        export / "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        f"Ada,Lovelace,{ada},,Acme,Engineer,01 Feb 2024\r\n",
    )
    _write(
        export / "messages.csv",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\r\n"
        f"c1,,Maya Lindqvist,{maya},Ada Lovelace,{ada},2026-05-03 10:00:00 UTC,,Hi!,INBOX\r\n",
    )
    _import(ctx, "linkedin", export)
    me = show_person(ctx, "Maya Lindqvist")
    assert (me["id"], me["linkedin"]) == (1, maya)
    again = _import(ctx, "linkedin", export)
    assert (again["created"], again["updated"], again["merged"]) == (0, 0, 0)
