"""A person's lists as ``people add``/``edit`` change them: interests, needs, offers and
tags added and taken away (a tag given by hand is the user's, an import's undo leaves it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from netweave.errors import InvalidInput
from netweave.logic.normalize import clean
from netweave.logic.parse import parse_interest
from netweave.logic.vocab import INTEREST_CATEGORIES
from netweave.services import field_lengths as column
from netweave.services.directory import tag_label
from netweave.services.removed import forget_removed, remember_removed
from netweave.store.models import Interest, Need, Offer, Person, Tag, person_tag

if TYPE_CHECKING:
    from netweave.services.people import PersonChanges

#: A person's row that is one text: a need or an offer.
_Text = TypeVar("_Text", Need, Offer)


def apply_lists(session: Session, person: Person, changes: PersonChanges) -> None:
    """Add and take away the interests, needs, offers and tags ``changes`` asks for."""
    _remove_values(person, changes)  # first: a correction takes the old value, adds the new
    for raw in changes.interests:
        category, label = parse_interest(raw)
        if not any(
            i.category == category and i.label.lower() == label.lower() for i in person.interests
        ):
            person.interests.append(Interest(category=category, label=label))
    for kind, texts in (("need", changes.needs), ("offer", changes.offers)):
        for text in texts:
            column.within(clean(text), column.NOTE, kind)
    for text in changes.needs:
        if clean(text) and clean(text) not in {n.text for n in person.needs}:
            person.needs.append(Need(text=clean(text)))
    for text in changes.offers:
        if clean(text) and clean(text) not in {o.text for o in person.offers}:
            person.offers.append(Offer(text=clean(text)))
    for label in changes.tags:
        tag = get_or_create_tag(session, label)
        if tag not in person.tags:
            person.tags.append(tag)
        elif tag.id is not None:
            given_by_hand(session, [person.id], tag.id)
        forget_removed(session, person.id, f"tag:{tag.label}")
    for label in changes.remove_tags:
        keep = [t for t in person.tags if t.label != tag_label(label)]
        if len(keep) == len(person.tags):
            raise InvalidInput(f"{person.display_name} has no tag {label!r}")
        person.tags = keep
        remember_removed(session, person.id, f"tag:{tag_label(label)}")


def given_by_hand(session: Session, person_ids: list[int], tag_id: int) -> None:
    """Tags the user gives that an import had given already are theirs now: an undo of
    that import leaves them, and the people carrying them."""
    session.execute(
        update(person_tag)
        .where(person_tag.c.tag_id == tag_id, person_tag.c.person_id.in_(person_ids))
        .values(import_batch_id=None)
    )


def _remove_values(person: Person, changes: PersonChanges) -> None:
    """Take away the needs, offers and interests asked for: only the rows that match are
    deleted, so the others keep their ids and the import that brought them (an undo tells
    what the user typed in by the rows without an import batch)."""
    _remove_texts(person.display_name, "need", person.needs, changes.remove_needs)
    _remove_texts(person.display_name, "offer", person.offers, changes.remove_offers)
    for value in changes.remove_interests:
        category, label = _interest_key(value)
        found = [
            i
            for i in person.interests
            if i.label.casefold() == label and category in (None, i.category)
        ]
        if not label or not found:
            raise InvalidInput(f"{person.display_name} has no interest {value!r}")
        for interest in found:
            person.interests.remove(interest)


def _remove_texts(name: str, kind: str, rows: list[_Text], values: list[str]) -> None:
    """Take the rows whose text is one of ``values`` (ignoring case) out of ``rows``."""
    for value in values:
        key = clean(value).casefold()
        matches = [row for row in rows if row.text.casefold() == key]
        if not key or not matches:
            raise InvalidInput(f"{name} has no {kind} {value!r}")
        for row in matches:
            rows.remove(row)


def _interest_key(value: str) -> tuple[str | None, str]:
    """``LABEL`` or ``CATEGORY:LABEL`` → (category or ``None``, label folded for matching)."""
    category, sep, label = value.partition(":")
    if sep and category.strip().lower() in INTEREST_CATEGORIES:
        return category.strip().lower(), clean(label).casefold()
    return None, clean(value).casefold()


def get_or_create_tag(session: Session, label: str) -> Tag:
    """The tag with this label (lower-cased), created when new."""
    text = tag_label(label)
    tag = session.scalars(select(Tag).where(Tag.label == text)).first()
    if tag is None:
        tag = Tag(label=text)
        session.add(tag)
    return tag
