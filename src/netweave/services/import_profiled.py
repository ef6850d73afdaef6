"""Who a row of LinkedIn's older export format is, read after a newer export.

LinkedIn's older Connections.csv has no profile URL (and often no email address), so its
rows name people by name alone. Read after a newer export, whose rows gave the same people
their profiles, such a row is the one person of its name that the newer export brought in
at the same employer, or who connected the same day: the role it says goes into their
history (``Jobs._older_export`` in ``import_jobs``), and no second record is made.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.logic.normalize import clean, fold
from netweave.store.models import ContactPoint, Organization, Person, PersonSource, Position

#: How the source key of a person known by name alone starts.
NAME_KEY = "name:"


class Profiled:
    """The people a LinkedIn export with profile URLs brought in, by folded name (read
    once, on the first row that needs them)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._people: dict[str, list[tuple[int, dt.date | None, set[str]]]] | None = None

    def one(self, name: str, org_key: str | None, day: dt.date | None) -> int | None:
        """The one person of ``name`` with a profile whom LinkedIn brought in, working at
        the organization of ``org_key`` now or connected on ``day`` (``None``: none, or
        more than one)."""
        if not org_key and day is None:
            return None
        found = {
            pid
            for pid, met, orgs in self._index().get(fold(clean(name)), ())
            if (org_key and org_key in orgs) or (day is not None and met == day)
        }
        return found.pop() if len(found) == 1 else None

    def _index(self) -> dict[str, list[tuple[int, dt.date | None, set[str]]]]:
        if self._people is None:
            profiled = (
                select(Person.id, Person.display_name, Person.met_on)
                .where(
                    Person.is_me.is_(False),
                    Person.id.in_(
                        select(PersonSource.person_id).where(
                            PersonSource.source == "linkedin",
                            ~PersonSource.external_id.startswith(NAME_KEY, autoescape=True),
                        )
                    ),
                    Person.id.in_(
                        select(ContactPoint.person_id).where(ContactPoint.kind == "linkedin")
                    ),
                )
                .distinct()
            )
            rows = self.session.execute(profiled).all()
            orgs: dict[int, set[str]] = defaultdict(set)
            ids = [pid for pid, _, _ in rows]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                current = (
                    select(Position.person_id, Organization.normalized_name)
                    .join(Organization, Organization.id == Position.organization_id)
                    .where(Position.current.is_(True), Position.person_id.in_(chunk))
                )
                for pid, key in self.session.execute(current):
                    orgs[pid].add(key)
            people: dict[str, list[tuple[int, dt.date | None, set[str]]]] = defaultdict(list)
            for pid, name, met in rows:
                people[fold(clean(name))].append((pid, met, orgs[pid]))
            self._people = people
        return self._people
