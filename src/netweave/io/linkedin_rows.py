"""What reading a LinkedIn export's files shares: who the user is, where rows passed over
go, and how people and rows are named."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from netweave.io.linkedin_files import FILES, lower_cells
from netweave.io.linkedin_values import url_key
from netweave.io.records import FormatError, ParticipantRef
from netweave.logic.normalize import clean, fold, written_name


@dataclass
class ExportUser:
    """What identifies the user in an export: folded names and profile-URL keys."""

    names: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    #: Whether the export's Profile.csv named the user.
    profiled: bool = False
    #: The first profile URL known to be the user's, as written.
    profile: str | None = None

    @classmethod
    def of(cls, me: str | None) -> ExportUser:
        """From the ``me`` argument: a profile URL, or a name (an email address is ignored)."""
        user = cls()
        if me and ("linkedin.com" in me.lower() or "://" in me):
            user.add(url=me)
        elif me and "@" not in me:
            user.add(name=me)
        return user

    def add(self, name: str | None = None, url: str | None = None) -> None:
        if name and clean(name):
            self.names.add(fold(written_name(name)))
        if url and clean(url):
            self.urls.add(url_key(url))
            self.profile = self.profile or clean(url)

    def known(self) -> bool:
        return bool(self.names or self.urls)

    def learn(self, *people: ParticipantRef) -> None:
        """Take the profile URL of someone of the user's name as the user's (Profile.csv
        has no URL): messages that give the user's URL without a name (a group's, whose
        names could not be paired with their URLs) then know it as the user's."""
        if self.urls:
            return  # known already: a namesake's profile is not the user's
        for person in people:
            if person.linkedin and person.name and fold(written_name(person.name)) in self.names:
                self.add(url=person.linkedin)
                return

    def matches(self, person: ParticipantRef) -> bool:
        """The person is the user, by profile URL or by name."""
        by_url = person.linkedin is not None and url_key(person.linkedin) in self.urls
        return by_url or (person.name is not None and fold(written_name(person.name)) in self.names)


#: Told of a row passed over by rule.
Skip = Callable[[FormatError], None]


@dataclass
class Rows:
    """Where the rows passed over go: bad ones to ``errors`` (else they raise), rows skipped
    by rule to ``on_skip``."""

    errors: list[FormatError] | None
    on_skip: Skip | None = None
    #: The export files read (all, unless only some are wanted).
    kinds: tuple[str, ...] = FILES


class FileProblem(FormatError):
    """A problem found at a row that is the whole file's (or the caller's): never skipped."""


def skip_row(problem: FormatError, errors: list[FormatError] | None) -> None:
    """Keep the problem of one row in ``errors`` (the row is then skipped), or raise it."""
    if errors is None or isinstance(problem, FileProblem):
        raise problem
    errors.append(problem)


def has_columns(*names: str) -> Callable[[list[str]], bool]:
    """Whether a row has all these cells (lower-cased): a file's header row."""
    return lambda cells: set(names) <= lower_cells(cells)


def participant_ref(name: str, url: str) -> ParticipantRef:
    """Someone an export names, by name and profile URL."""
    return ParticipantRef(name=written_name(name) or None, linkedin=clean(url) or None)


def participant_key(person: ParticipantRef) -> str:
    """What names someone in a row's id: their profile URL, else their name."""
    return person.linkedin or person.name or ""


def row_digest(*parts: str) -> str:
    """A short, stable hash of a row's parts, for its record's id."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
