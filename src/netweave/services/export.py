"""Export people as a vdir of vCard 4.0 files and as a spreadsheet-safe CSV file."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.errors import Conflict, InvalidInput
from netweave.io.csv_export import write_people_csv
from netweave.io.records import Labeled
from netweave.io.vcard_writer import STAGING_PREFIX, TEMPORARY_SUFFIX, VCardPerson, write_vcards
from netweave.services.backup import new_file
from netweave.services.context import Context
from netweave.services.leftovers import remove_stale_staging
from netweave.services.views import PersonView, person_views
from netweave.store.models import ContactPoint, Person

#: The columns of ``export csv``, in order (those added later at the end, so that a
#: spreadsheet or script reading the earlier ones by position still finds them).
CSV_COLUMNS = (
    "id", "name", "emails", "phones", "company", "title", "linkedin", "tags", "circle",
    "interests", "needs", "offers", "first_met", "last_interaction", "strength", "location",
    "birthday", "notes",
)  # fmt: skip
#: The columns of ``export csv`` read from the person's row, not from the person view.
_ROW_COLUMNS = ("birthday", "notes")
#: People handled per batch of queries (bounds memory on large networks).
BATCH = 500
UID_PREFIX = "netweave-person-"


def person_ids(session: Session, *, include_me: bool) -> list[int]:
    """Everyone to export, by id; the user's own record only when asked for."""
    query = select(Person.id).order_by(Person.id)
    if not include_me:
        query = query.where(Person.is_me.is_(False))
    return list(session.scalars(query))


def _batches(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


# --- vCard ----------------------------------------------------------------------------------


def export_vcards(ctx: Context, folder: Path, *, include_me: bool = False) -> dict[str, Any]:
    """Write one vCard 4.0 file per person into ``folder`` (a vdir for khard and vdirsyncer).

    A card netweave wrote earlier for someone no longer exported (forgotten, merged away) is
    removed, so a sync passes the deletion on; cards from anywhere else, whatever their file
    names, are left alone. Stopped before the end (Ctrl-C, a full disk), it leaves the folder
    as it was (and none, when it made it).
    """
    check_vdir(folder)
    made = not folder.exists()
    with ctx.db.reading() as session:
        ids = person_ids(session, include_me=include_me)
        try:
            written = write_vcards(_vcard_people(ctx, session, ids), folder)
            removed = _remove_stale_cards(folder, set(ids))
        except BaseException as exc:
            if made:
                with suppress(OSError):
                    folder.rmdir()  # made for this export, and empty again
            if isinstance(exc, OSError):
                raise InvalidInput(f"cannot write to {folder}: {exc.strerror or exc}") from exc
            raise
    return {"folder": str(folder), "people": written, "removed": removed}


def _remove_stale_cards(folder: Path, exported: set[int]) -> int:
    """Delete the cards netweave wrote for people not exported this time: a
    ``netweave-person-N.vcf`` file that holds netweave's ``UID:netweave-person-N``. A file
    named so by anyone else (a card of the user's own) is not netweave's to delete."""
    for partial in folder.glob(f".*{TEMPORARY_SUFFIX}"):  # left by an export that stopped
        partial.unlink(missing_ok=True)
    removed = 0
    for card in folder.glob(f"{UID_PREFIX}*.vcf"):
        number = card.stem.removeprefix(UID_PREFIX)
        if not (number.isascii() and number.isdigit()) or int(number) in exported:
            continue
        if _holds_uid(card, card.stem):
            card.unlink()
            removed += 1
    return removed


def _holds_uid(card: Path, uid: str) -> bool:
    """Whether a card file has the line ``UID:<uid>`` that netweave writes in its cards."""
    wanted = uid.encode("ascii")
    with card.open("rb") as lines:
        for line in lines:
            name, colon, value = line.strip().partition(b":")
            if colon and name.upper() == b"UID" and value == wanted:
                return True
    return False


def _ours(path: Path) -> bool:
    """A card netweave was writing when an earlier export stopped (a full disk, say)."""
    return path.name.startswith(".") and path.name.endswith(TEMPORARY_SUFFIX)


def check_vdir(folder: Path) -> None:
    """Refuse a folder that holds anything besides vCard files (it is not an address book)."""
    if folder.exists() and not folder.is_dir():
        raise Conflict(f"{folder} is a file; give a folder for the vCards")
    if not folder.exists():
        return
    remove_stale_staging(folder, STAGING_PREFIX)  # of an export killed outright
    strays = sorted(
        p.name
        for p in folder.iterdir()
        if not (p.is_file() and (p.suffix.lower() == ".vcf" or _ours(p)))
        and not (p.is_dir() and p.name.startswith(STAGING_PREFIX))  # an export under way
    )
    if strays:
        raise Conflict(
            f"{folder} holds files that are not vCards ({strays[0]}"
            f"{', …' if len(strays) > 1 else ''}); choose an empty folder or a vdir"
        )


def _vcard_people(ctx: Context, session: Session, ids: Sequence[int]) -> Iterator[VCardPerson]:
    """The cards, built from the person views plus names, birthday and notes from the rows."""
    p, c = Person.__table__.c, ContactPoint.__table__.c
    for batch in _batches(ids):
        views = person_views(session, batch, ctx.settings.circles, ctx.clock.now())
        rows = {
            r.id: r
            for r in session.execute(
                select(p.id, p.given_name, p.family_name, p.birthday, p.notes, p.updated_at)
                .where(p.id.in_(batch))
            )
        }  # fmt: skip
        # The views list contact values only; the cards keep their labels (work, mobile, …).
        points: dict[int, list[Any]] = defaultdict(list)
        for point in session.execute(
            select(c.person_id, c.kind, c.value, c.label, c.is_primary)
            .where(c.person_id.in_(batch))
            .order_by(c.is_primary.desc(), c.id)
        ):
            points[point.person_id].append(point)
        for view in views:
            yield _vcard_person(view, rows[view["id"]], points.get(view["id"], []))


def _vcard_person(view: PersonView, row: Any, points: list[Any]) -> VCardPerson:
    def labeled(kind: str) -> list[Labeled]:
        return [Labeled(x.value, x.label) for x in points if x.kind == kind]

    return VCardPerson(
        uid=f"{UID_PREFIX}{view['id']}",
        name=view["name"],
        given=row.given_name,
        family=row.family_name,
        emails=labeled("email"),
        phones=labeled("phone"),
        organization=view["company"],
        title=view["title"],
        birthday=row.birthday,
        notes=row.notes,
        tags=list(view["tags"]),
        urls=labeled("url"),
        linkedin=view["linkedin"],
        location=view["location"],
        rev=row.updated_at,
        primary=frozenset(x.kind for x in points if x.is_primary),
    )


# --- CSV ------------------------------------------------------------------------------------


def export_csv(
    ctx: Context, path: Path, *, include_me: bool = False, force: bool = False
) -> dict[str, Any]:
    """Write one row per person to ``path`` (UTF-8 with a BOM, so spreadsheets detect it).

    Every cell is neutralized against formula injection by ``io.csv_export``.
    """
    with (
        new_file(
            path, force=force, encoding="utf-8-sig", newline="", database=ctx.db.sqlite_file
        ) as out,  # fmt: skip
        ctx.db.reading() as session,
    ):
        ids = person_ids(session, include_me=include_me)
        written = write_people_csv(_csv_rows(ctx, session, ids), CSV_COLUMNS, out)
    return {"file": str(path), "people": written}


def _csv_rows(ctx: Context, session: Session, ids: Sequence[int]) -> Iterator[dict[str, Any]]:
    p = Person.__table__.c
    for batch in _batches(ids):
        query = select(p.id, *(p[c] for c in _ROW_COLUMNS)).where(p.id.in_(batch))
        own = {r.id: r._mapping for r in session.execute(query)}
        for view in person_views(session, batch, ctx.settings.circles, ctx.clock.now()):
            row = {c: view[c] for c in CSV_COLUMNS if c not in _ROW_COLUMNS}
            row |= {c: own[view["id"]][c] for c in _ROW_COLUMNS}
            # The form ``people add --interest`` takes, so a row can be typed back in.
            row["interests"] = [f"{i['category']}:{i['label']}" for i in view["interests"]]
            yield row
