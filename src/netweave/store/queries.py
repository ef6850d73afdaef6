"""Composable people filters (``HasTag("mentor") & AtOrganization((3,)) | InCircle("close")``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, not_, or_, select, true

from netweave.store.tables import person, person_stats, person_tag, position, tag

# Plain table columns: filtering people never needs the ORM mappers configured, which
# keeps them off the start-up path of ``people list``.
_person = person.c
_position = position.c
_tag = tag.c


class PeopleQuery:
    """A filter over people that compiles to a SQL condition; combine with ``&``, ``|``, ``~``."""

    def clause(self) -> ColumnElement[bool]:
        raise NotImplementedError

    def __and__(self, other: PeopleQuery) -> PeopleQuery:
        return _Combined(self, other, both=True)

    def __or__(self, other: PeopleQuery) -> PeopleQuery:
        return _Combined(self, other, both=False)

    def __invert__(self) -> PeopleQuery:
        return _Not(self)


@dataclass(frozen=True)
class Everyone(PeopleQuery):
    """Every person."""

    def clause(self) -> ColumnElement[bool]:
        return true()


@dataclass(frozen=True)
class _Combined(PeopleQuery):
    left: PeopleQuery
    right: PeopleQuery
    both: bool

    def clause(self) -> ColumnElement[bool]:
        join = and_ if self.both else or_
        return join(self.left.clause(), self.right.clause())


@dataclass(frozen=True)
class _Not(PeopleQuery):
    inner: PeopleQuery

    def clause(self) -> ColumnElement[bool]:
        return not_(self.inner.clause())


@dataclass(frozen=True)
class HasTag(PeopleQuery):
    """People carrying the tag with this label."""

    label: str

    def clause(self) -> ColumnElement[bool]:
        return exists(
            select(person_tag.c.person_id)
            .join(tag, _tag.id == person_tag.c.tag_id)
            .where(person_tag.c.person_id == _person.id, _tag.label == self.label)
        )


@dataclass(frozen=True)
class AtOrganization(PeopleQuery):
    """People with a current position at one of the organizations (by id)."""

    organization_ids: tuple[int, ...]

    def clause(self) -> ColumnElement[bool]:
        return exists(
            select(_position.id).where(
                _position.person_id == _person.id,
                _position.organization_id.in_(self.organization_ids),
                _position.current.is_(True),
            )
        )


@dataclass(frozen=True)
class InCircle(PeopleQuery):
    """People in the named circle."""

    circle: str

    def clause(self) -> ColumnElement[bool]:
        return _person.circle == self.circle


@dataclass(frozen=True)
class Among(PeopleQuery):
    """People with one of these ids (the matches of a search)."""

    ids: tuple[int, ...]

    def clause(self) -> ColumnElement[bool]:
        return _person.id.in_(self.ids)


@dataclass(frozen=True)
class DueBy(PeopleQuery):
    """Other people whose next check-in falls on or before ``day`` (due that day counts)."""

    day: dt.date

    def clause(self) -> ColumnElement[bool]:
        stats = person_stats.c
        return and_(
            _person.is_me.is_(False),
            exists(
                select(stats.person_id)
                .where(stats.person_id == _person.id, stats.next_due <= self.day)
                .correlate_except(person_stats)
            ),
        )
