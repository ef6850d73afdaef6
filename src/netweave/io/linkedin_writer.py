"""Writer of LinkedIn data exports in the current layout (the files ``io.linkedin`` reads).

Connections.csv starts with LinkedIn's byte-order mark and "Notes:" preamble and uses CRLF
line ends; messages.csv, Invitations.csv and Profile.csv are plain UTF-8 with LF, as
LinkedIn writes them.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from netweave.io.outgoing import Contact, Conversation, Invitation, Profile

NOTES = (
    "When exporting your connection data, you may notice that some of the email addresses are "
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about this setting "
    "here https://www.linkedin.com/help/linkedin/answer/261"
)
CONNECTIONS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
               "Connected On")  # fmt: skip
MESSAGES = ("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
            "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
            "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT")  # fmt: skip
INVITATIONS = ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
               "inviteeProfileUrl")  # fmt: skip
PROFILE = ("First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
           "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites",
           "Instant Messengers")  # fmt: skip
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def write_linkedin_export(
    folder: Path,
    profile: Profile,
    connections: Iterable[Contact],
    invitations: Iterable[Invitation],
    messages: Iterable[Conversation],
) -> dict[str, int]:
    """Write the four files into ``folder``; return the number of rows of each."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "Profile.csv": _write(folder / "Profile.csv", PROFILE, [_profile_row(profile)]),
        "Connections.csv": _write_connections(folder / "Connections.csv", connections),
        "Invitations.csv": _write(
            folder / "Invitations.csv",
            INVITATIONS,
            (_invitation_row(profile.me, i) for i in invitations),
        ),
        "messages.csv": _write(
            folder / "messages.csv",
            MESSAGES,
            (_message_row(profile.me, m) for m in messages),
            quote_all_header=True,
        ),
    }


def _write(
    path: Path, header: tuple[str, ...], rows: Iterable[list[str]], quote_all_header: bool = False
) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        if quote_all_header:
            out.write(",".join(f'"{h}"' for h in header) + "\n")
        writer = csv.writer(out, lineterminator="\n")
        if not quote_all_header:
            writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _write_connections(path: Path, connections: Iterable[Contact]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["Notes:"])
        writer.writerow([NOTES])
        out.write("\r\n")
        writer.writerow(CONNECTIONS)
        for c in connections:
            day = c.connected_on
            when = f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}" if day else ""
            row = [c.given, c.family, c.linkedin or "", c.email or "", c.company or ""]
            writer.writerow([*row, c.title or "", when])
            count += 1
    return count


def _profile_row(profile: Profile) -> list[str]:
    me, birthday = profile.me, ""
    if profile.birthday:
        year, month, day = profile.birthday.removeprefix("-").rsplit("-", 2)[-3:]
        birthday = f"{_MONTHS[int(month) - 1]} {int(day)}" + (f", {year}" if year else "")
    sites = ",".join(f"{label.upper()}:{url}" for label, url in profile.websites)
    return [me.given, me.family, "", "", birthday, profile.headline or "",
            profile.summary or "", "", "", profile.location or "", "",
            f"[{sites}]" if sites else "", ""]  # fmt: skip


def _us_time(when: dt.datetime) -> str:
    """``2/7/26, 9:15 AM`` as Invitations.csv writes it (UTC)."""
    at = when.astimezone(dt.UTC)
    hour = at.hour % 12 or 12
    return f"{at.month}/{at.day}/{at:%y}, {hour}:{at:%M} {'AM' if at.hour < 12 else 'PM'}"


def _invitation_row(me: Contact, invitation: Invitation) -> list[str]:
    other = invitation.other
    inviter, invitee = (me, other) if invitation.outgoing else (other, me)
    return [inviter.name, invitee.name, _us_time(invitation.when), invitation.message or "",
            "OUTGOING" if invitation.outgoing else "INCOMING",
            inviter.linkedin or "", invitee.linkedin or ""]  # fmt: skip


def conversation_id(people: Iterable[Contact]) -> str:
    """A LinkedIn-looking conversation id, the same for the same set of people."""
    key = "\x1f".join(sorted(p.linkedin or p.name for p in people))
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return "2-" + base64.b64encode(f"{digest}_010".encode()).decode()


def _message_row(me: Contact, message: Conversation) -> list[str]:
    others = message.people
    if message.direction == "in" and others:
        sender, recipients = others[0], [me, *others[1:]]
    else:
        sender, recipients = me, others
    title = ", ".join(p.given for p in others) if len(others) > 1 else ""
    at = message.when.astimezone(dt.UTC)
    return [conversation_id(others), title, sender.name, sender.linkedin or "",
            ",".join(p.name for p in recipients), ",".join(p.linkedin or "" for p in recipients),
            f"{at:%Y-%m-%d %H:%M:%S} UTC", "", message.summary or "", "INBOX", "", "No",
            "No"]  # fmt: skip
