"""What the database already says about people, loaded once per file, so that a row read
again that would change nothing is skipped fast; and the notes and the name a record adds."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.io.records import PersonRecord, also_known_as
from netweave.logic.name_parts import split_name
from netweave.logic.normalize import clean, fold, normalize_contact, normalize_org
from netweave.services.import_bulk import IDENTITY_KINDS, Key, Point
from netweave.services.orgs import alias_keys
from netweave.store.models import Organization, Person, Position, Tag, person_tag


class Known:
    """What the database already says about people, loaded once, to skip unchanged rows fast."""

    def __init__(self, session: Session) -> None:
        #: Each person's current roles: employer's key, title, the position and its batch.
        self.jobs: dict[int, list[tuple[str, str | None, int, int | None]]] = defaultdict(list)
        for pid, org, title, position, batch in session.execute(
            select(Position.person_id, Organization.normalized_name, Position.title,
                   Position.id, Position.import_batch_id)
            .join(Organization)
            .where(Position.current.is_(True))
        ):  # fmt: skip
            self.jobs[pid].append((org, title, position, batch))
        #: The key of each alias of an organization → the organization's own key.
        self.aliases = {alias: key for alias, (_, _, key) in alias_keys(session).items()}
        self.tags: dict[int, set[str]] = defaultdict(set)
        for pid, label in session.execute(
            select(person_tag.c.person_id, Tag.label).join(Tag, Tag.id == person_tag.c.tag_id)
        ):
            self.tags[pid].add(label)
        columns = (Person.birthday, Person.notes, Person.location, Person.met_on)
        #: Per person: which of ``columns`` are empty, and whether they are the user.
        self.empty: dict[int, tuple[bool, bool, bool, bool, bool]] = {
            pid: (birthday is None, notes is None, location is None, met_on is None, bool(me))
            for pid, birthday, notes, location, met_on, me in session.execute(
                select(Person.id, *columns, Person.is_me)
            )
        }

    def unchanged(
        self,
        pid: int,
        rec: PersonRecord,
        points: list[Point],
        owners: dict[Key, int],
    ) -> bool:
        """Whether applying the record to this person would change nothing."""
        if any(owners.get(key) != pid for key, _, _ in points if key not in owners or
               key[0] in IDENTITY_KINDS):  # fmt: skip
            return False
        empty = self.empty.get(pid, (False, False, False, False, False))
        no_birthday, no_notes, no_location, no_met_on, is_me = empty
        if (rec.birthday and no_birthday) or (rec.notes and no_notes):
            return False
        if rec.nicknames:  # kept in the notes, whatever they hold: see ``other_names``
            return False
        if rec.location and no_location:
            return False
        if (rec.first_known and no_met_on) or (rec.is_me and not is_me):
            return False
        labels = {clean(t).lower() for t in rec.tags if clean(t)}
        if not labels <= self.tags.get(pid, set()):
            return False
        return not normalize_org(rec.organization or "") or self.role(pid, rec) is not None

    def role(self, pid: int, rec: PersonRecord) -> tuple[int, int | None] | None:
        """The current role of the person that the record says (its employer, and its title
        when it gives one): the position and the batch that gave it (``None``: none)."""
        org = normalize_org(rec.organization or "")
        org = self.aliases.get(org, org)
        for o, title, position, batch in self.jobs.get(pid, ()):
            if o == org and (not rec.title or title == rec.title):
                return position, batch
        return None


def other_names(notes: str | None, rec: PersonRecord) -> list[str]:
    """The lines that keep the record's nicknames ("Also known as Bob (nickname)") that the
    notes do not have yet: a nickname is kept for search to find them by, whatever else the
    notes hold (what a source's notes say fills notes that are empty, and is added to them
    only by a record of another source: see ``Applier._update_person``)."""
    said = fold(notes or "")
    lines = [also_known_as(name, "nickname") for name in rec.nicknames]
    fresh = [line for line in lines if fold(line) not in said]
    return [line for n, line in enumerate(fresh) if line not in fresh[:n]]


def news(notes: str | None, more: str | None) -> bool:
    """Whether a record's notes say what the notes held do not (folded: in another case)."""
    said, saying = (" ".join(fold(text or "").split()) for text in (notes, more))
    return bool(saying) and saying not in said


def fuller_birthday(given: str, known: str) -> bool:
    """Whether a birthday a record gives is the one known, said more fully: ``1985-04-12``
    where ``--04-12`` (no year) or ``1985`` (the year alone) is known."""
    full = len(given) == 10 and not given.startswith("--")
    return full and known in (f"--{given[5:]}", given[:4])


def only_an_address(name: str) -> bool:
    """Whether a name is only what a person is reached by (an email address, a phone
    number): a name they lack."""
    return "@" in name or not any(c.isalpha() for c in name)


def real_name(
    person: Person, rec: PersonRecord, before: dict[str, Any], filled: dict[str, Any]
) -> None:
    """Give a person named only by an address or a number (a calendar's guest, a mail's
    sender) the real name a record has: a name they lacked, filled like any other (the
    values before and after written into ``before`` and ``filled``, for the undo log)."""
    name = clean(rec.name)
    if not only_an_address(person.display_name) or only_an_address(name):
        return
    given, family = rec.given_name, rec.family_name
    if not (given and family):  # the parts a source did not give, guessed from the name
        guessed = split_name(name)
        given, family = given or guessed[0], family or guessed[1]
    for attr, value in (("display_name", name), ("given_name", given), ("family_name", family)):
        before[attr], filled[attr] = getattr(person, attr), value
        setattr(person, attr, value)


def url_kind(url: str, profile: str | None) -> str:
    """The kind of contact point a record's web address is: ``linkedin`` for a LinkedIn
    profile (a home page field holding it, beside or instead of the profile field), unless
    the record's profile is another one; else ``url``."""
    try:
        found = normalize_contact("linkedin", url)
    except InvalidInput:
        return "url"
    if not found.startswith("linkedin.com/in/"):
        return "url"  # a company's page, a post
    if profile:
        try:
            return "linkedin" if normalize_contact("linkedin", profile) == found else "url"
        except InvalidInput:
            return "url"
    return "linkedin"
