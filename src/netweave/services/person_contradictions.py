"""Options of ``people add``/``edit`` (and fields of the person forms) that undo each other in
one change: refused, neither winning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netweave.errors import InvalidInput

if TYPE_CHECKING:
    from netweave.services.people import PersonChanges


def refuse_contradictions(changes: PersonChanges) -> None:
    """Options that undo each other in one change are refused rather than one winning."""
    pairs = (
        (changes.strength is not None and changes.unpin_strength, "--strength", "--unpin-strength"),
        (changes.cadence_days is not None and changes.clear_cadence, "--cadence", "--cadence none"),
        (changes.circle is not None and changes.clear_circle, "--circle", "--circle none"),
        (changes.end_job and changes.title is not None, "--title", "--company none"),
        (changes.title is not None and changes.clear_title, "--title", "--title none"),
        (changes.birthday is not None and changes.clear_birthday, "--birthday", "--birthday none"),
        (changes.linkedin is not None and changes.clear_linkedin, "--linkedin", "--linkedin none"),
        (
            changes.introduced_by is not None and changes.clear_introduced_by,
            "--introduced-by",
            "--introduced-by none",
        ),
    )
    for clash, one, other in pairs:
        if clash:
            raise InvalidInput(
                f"{one} and {other} contradict each other; give one of them",
                web=f"{_FIELDS.get(one, one)} and {_FIELDS.get(other, other)} contradict each "
                "other; give one of them",
            )
    _refuse_added_and_removed(changes)


def _refuse_added_and_removed(changes: PersonChanges) -> None:
    """A value both added and taken away in one change (``--tag x --remove-tag x``) is
    refused as ``--strength`` with ``--unpin-strength`` is: neither wins."""
    lists = (
        ("tag", changes.tags, changes.remove_tags, str.casefold),
        ("email", changes.emails, changes.remove_emails, str.casefold),
        ("phone", changes.phones, changes.remove_phones, _digits),
        ("interest", changes.interests, changes.remove_interests, _label),
        ("need", changes.needs, changes.remove_needs, _plain),
        ("offer", changes.offers, changes.remove_offers, _plain),
    )
    for what, added, removed, key in lists:
        both = {key(v) for v in added} & {key(v) for v in removed}
        if both:
            value = next(v for v in added if key(v) in both)
            raise InvalidInput(
                f"--{what} {value!r} and --remove-{what} {value!r} contradict each other; "
                "give one of them",
                web=f"adding and removing the {what} {value!r} contradict each other; give one "
                "of them",
            )


def _digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _label(interest: str) -> str:
    """An interest's label, without its ``CATEGORY:`` (a removal may name the label alone)."""
    return _plain(interest.rpartition(":")[2])


#: What the web's form calls what an option sets, for the contradictions it can send.
_FIELDS = {
    "--title": "a title",
    "--company none": "an emptied organization",
}
