"""The synthetic demo network: deterministic, plausible, and safe to build on both databases."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from netweave.clock import UTC, Clock
from netweave.config import DEFAULT_CIRCLES, Settings, sqlite_url
from netweave.demo import build_demo
from netweave.errors import Conflict, InvalidInput
from netweave.logic import vocab
from netweave.logic.cadence import cadence_days
from netweave.logic.normalize import normalize_contact, normalize_org
from netweave.services.context import Context, open_context
from netweave.store import models as m
from netweave.store import tables
from netweave.store.search import search_ids

#: "Today" for the databases these tests open themselves (the ``ctx`` fixture pins its own).
AS_OF = dt.date(2026, 6, 15)
BIRTHDAY = re.compile(r"^(\d{4}|-)-\d{2}-\d{2}$")


def _count(session: Session, model: Any) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _dump(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (bookkeeping timestamps left out), in primary-key order."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    for table in m.Base.metadata.sorted_tables:
        columns = [c for c in table.columns if c.name not in ("created_at", "updated_at")]
        query = select(*columns).order_by(*table.primary_key.columns)
        dump[table.name] = [tuple(row) for row in session.execute(query)]
    search = "SELECT rowid, name, work, other FROM person_search"
    dump["person_search"] = [tuple(row) for row in session.execute(text(search))]
    return dump


def _fresh_sqlite(template: Path, path: Path) -> Context:
    shutil.copy(template, path)
    return open_context(Settings(database_url=sqlite_url(path)), Clock(as_of=AS_OF))


def _build_and_dump(template: Path, path: Path, seed: int) -> dict[str, list[tuple[Any, ...]]]:
    context = _fresh_sqlite(template, path)
    try:
        build_demo(context, people=60, seed=seed)
        with context.db.reading() as session:
            return _dump(session)
    finally:
        context.close()


def test_same_seed_and_day_give_identical_rows(sqlite_template: Path, tmp_path: Path) -> None:
    first = _build_and_dump(sqlite_template, tmp_path / "a.db", seed=7)
    second = _build_and_dump(sqlite_template, tmp_path / "b.db", seed=7)
    assert first == second
    assert all(first[name] for name in ("person", "interaction", "knows", "lead", "task"))


def test_another_seed_gives_another_network(sqlite_template: Path, tmp_path: Path) -> None:
    first = _build_and_dump(sqlite_template, tmp_path / "a.db", seed=7)
    other = _build_and_dump(sqlite_template, tmp_path / "b.db", seed=8)
    assert first["person"] != other["person"]
    assert first["interaction"] != other["interaction"]


def test_counts_are_plausible_and_match_the_tables(ctx: Context) -> None:
    counts = build_demo(ctx, people=300)
    with ctx.db.reading() as session:
        for table in m.Base.metadata.sorted_tables:
            assert counts.get(table.name, 0) == _count(session, table), table.name
    assert counts["person"] == 301
    assert 5 <= counts["interaction"] / 300 <= 20
    assert counts["interaction_participant"] >= counts["interaction"]
    assert 15 <= counts["event"] <= 25
    assert 8 <= counts["target"] <= 12
    assert counts["organization"] >= 300 // 8
    assert 1 <= counts["introduction"] <= 2
    for table in ("contact_point", "position", "affiliation", "interest", "need", "offer"):
        assert counts[table] > 0, table
    for table in ("person_tag", "event_attendee", "exchange", "knows", "lead_stage_change"):
        assert counts[table] > 0, table


def test_exactly_one_user_with_a_full_profile(ctx: Context) -> None:
    build_demo(ctx, people=40)
    with ctx.db.reading() as session:
        me = session.scalars(select(m.Person).where(m.Person.is_me)).one()
        assert [p.current for p in me.positions].count(True) == 1
        assert len(me.positions) >= 2
        assert me.affiliations
        assert me.needs
        assert me.offers
        assert me.interests
        assert {c.kind for c in me.contact_points} == {"email", "phone", "linkedin"}


def test_interactions_end_today_and_every_one_has_participants(ctx: Context) -> None:
    build_demo(ctx, people=120)
    today = ctx.clock.today()
    with ctx.db.reading() as session:
        moments = session.scalars(select(m.Interaction.occurred_at)).all()
        assert all(t.tzinfo is not None and t.utcoffset() == dt.timedelta(0) for t in moments)
        assert max(moments).date() <= today
        assert min(moments).date() < today - dt.timedelta(days=730)
        lonely = select(m.Interaction.id).where(
            ~select(m.InteractionParticipant.id)
            .where(m.InteractionParticipant.interaction_id == m.Interaction.id)
            .exists()
        )
        assert session.execute(lonely).first() is None
        mismatched = (
            select(func.count())
            .select_from(m.InteractionParticipant)
            .join(m.Interaction, m.Interaction.id == m.InteractionParticipant.interaction_id)
            .where(m.InteractionParticipant.occurred_at != m.Interaction.occurred_at)
        )
        assert session.scalar(mismatched) == 0
        me = session.scalar(select(m.Person.id).where(m.Person.is_me))
        mine = select(m.InteractionParticipant.id).where(m.InteractionParticipant.person_id == me)
        assert session.execute(mine).first() is None


def test_circles_are_layered_and_dormant_ties_are_quiet(ctx: Context) -> None:
    build_demo(ctx, people=300)
    with ctx.db.reading() as session:
        circles = Counter(session.scalars(select(m.Person.circle).where(~m.Person.is_me)))
        last = (
            select(m.Person.circle, func.max(m.InteractionParticipant.occurred_at))
            .join(m.InteractionParticipant, m.InteractionParticipant.person_id == m.Person.id)
            .group_by(m.Person.id)
        )
        latest = [(circle, when) for circle, when in session.execute(last)]
    assert set(circles) <= {*DEFAULT_CIRCLES, None}
    assert 0 < circles["inner"] < circles["close"] < circles["active"] < circles["wide"]
    assert circles["dormant"] > 0
    assert circles[None] > 0
    year_ago = dt.datetime.combine(
        ctx.clock.today() - dt.timedelta(days=365), dt.time(), tzinfo=UTC
    )
    assert all(when < year_ago for circle, when in latest if circle == "dormant")
    assert any(when >= year_ago for circle, when in latest if circle == "inner")


def _days_since_last_contact(ctx: Context) -> list[tuple[int, int | None]]:
    """(cadence, days since the latest interaction or ``None``) per person with a cadence."""
    p = m.InteractionParticipant
    latest = (
        select(m.Person.circle, m.Person.cadence_days, func.max(p.occurred_at))
        .outerjoin(p, p.person_id == m.Person.id)
        .where(~m.Person.is_me)
        .group_by(m.Person.id)
    )
    today, found = ctx.clock.today(), []
    with ctx.db.reading() as session:
        for circle, own, when in session.execute(latest):
            cadence = cadence_days(circle, own, DEFAULT_CIRCLES)
            if cadence is not None:
                found.append((cadence, None if when is None else (today - when.date()).days))
    return found


def test_most_ties_with_a_cadence_are_kept_up_today(ctx: Context) -> None:
    build_demo(ctx, people=300, seed=7)
    found = _days_since_last_contact(ctx)
    ages = [(cadence, age) for cadence, age in found if age is not None]
    assert len(ages) == len(found) > 150  # everyone with a cadence has been talked to
    overdue = [age / cadence for cadence, age in ages if age >= cadence]
    assert 0.65 <= 1 - len(overdue) / len(ages) <= 0.85  # a dozen or two check-ins, not all
    tight = [age < cadence for cadence, age in ages if cadence <= 30]
    assert sum(tight) >= 0.75 * len(tight)  # the inner and close circles are mostly in touch
    assert any(late < 1.25 for late in overdue)  # overdue by varied amounts: slightly ...
    assert any(late >= 1.75 for late in overdue)  # ... and badly,
    assert max(overdue) < 3  # but nobody with a cadence was left for years


def _values(session: Session, column: Any) -> set[Any]:
    return set(session.scalars(select(column).distinct()))


def test_values_come_from_the_vocabularies(ctx: Context) -> None:
    build_demo(ctx, people=120)
    with ctx.db.reading() as session:
        # every column with a vocabulary (the map restore checks), and the demo's own source
        checks = [(m.Interaction.source, ("manual",))] + [
            (tables.metadata.tables[table].c[column], allowed)
            for table, columns in vocab.COLUMN_VOCABULARIES.items()
            for column, allowed in columns.items()
        ]
        for column, allowed in checks:  # NULL is no word (a lead's first stage comes from none)
            assert _values(session, column) - {None} <= set(allowed), column
        assert all(0 <= c <= 1 for c in _values(session, m.Knows.confidence))
        for motivation, posting in session.execute(select(m.Target.motivation, m.Target.posting)):
            assert 0 <= motivation <= 3
            assert 1 <= posting <= 3


def test_contact_points_and_names_are_normalized_and_unique(ctx: Context) -> None:
    build_demo(ctx, people=300)
    with ctx.db.reading() as session:
        points = session.execute(
            select(m.ContactPoint.kind, m.ContactPoint.value, m.ContactPoint.normalized)
        ).all()
        for kind, value, normalized in points:
            assert normalize_contact(kind, value) == normalized, value
        assert len({(kind, norm) for kind, _, norm in points}) == len(points)
        kinds = Counter(kind for kind, _, _ in points)
        assert kinds["email"] >= 250
        assert kinds["phone"] >= 120
        assert kinds["linkedin"] >= 150
        for name, normalized in session.execute(
            select(m.Organization.name, m.Organization.normalized_name)
        ):
            assert normalize_org(name) == normalized
        for birthday in _values(session, m.Person.birthday) - {None}:
            assert BIRTHDAY.match(birthday), birthday
        display = _values(session, m.Person.display_name)
        assert any(not name.isascii() for name in display)  # accents and native scripts


def test_refuses_a_database_that_holds_people(ctx: Context) -> None:
    with ctx.db.transaction() as session:
        session.add(m.Person(display_name="Somebody Already Here"))
    with pytest.raises(Conflict, match="already holds 1 person; demo data goes into an empty"):
        build_demo(ctx, people=20)
    with ctx.db.reading() as session:
        assert _count(session, m.Person) == 1
        assert _count(session, m.Organization) == 0


def test_refuses_to_build_twice(ctx: Context) -> None:
    build_demo(ctx, people=20)
    with pytest.raises(Conflict, match="already holds 21 people"):
        build_demo(ctx, people=20)


def test_needs_at_least_ten_people(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="at least 10"):
        build_demo(ctx, people=9)
    build_demo(ctx, people=10)
    with ctx.db.reading() as session:
        assert _count(session, m.Person) == 11


def test_search_finds_a_demo_person_by_family_name(ctx: Context) -> None:
    build_demo(ctx, people=80)
    with ctx.db.reading() as session:
        people = session.execute(
            select(m.Person.id, m.Person.family_name).where(~m.Person.is_me).order_by(m.Person.id)
        ).all()
        pid, family = next((pid, f) for pid, f in people if f and f.isascii() and len(f) > 3)
        assert pid in search_ids(session, family, limit=500)
        assert search_ids(session, "Lindqvist") == [
            session.scalar(select(m.Person.id).where(m.Person.is_me))
        ]


def test_ordinary_inserts_work_after_the_demo(ctx: Context) -> None:
    build_demo(ctx, people=30)
    with ctx.db.reading() as session:
        highest = {
            model: session.scalar(select(func.max(model.id)))
            for model in (m.Person, m.Organization, m.Interaction, m.ContactPoint, m.Task)
        }
    with ctx.db.transaction() as session:
        person = m.Person(display_name="Added Later")
        org = m.Organization(name="Later Labs", normalized_name="later labs")
        when = dt.datetime.combine(ctx.clock.today(), dt.time(8), tzinfo=UTC)
        interaction = m.Interaction(occurred_at=when, kind="call")
        session.add_all([person, org, interaction])
        session.flush()
        point = m.ContactPoint(
            person_id=person.id,
            kind="email",
            value="later@example.com",
            normalized="later@example.com",
        )
        task = m.Task(due=ctx.clock.today(), title="Say hello", person_id=person.id)
        session.add_all([point, task])
        session.flush()
        created = {
            m.Person: person.id,
            m.Organization: org.id,
            m.Interaction: interaction.id,
            m.ContactPoint: point.id,
            m.Task: task.id,
        }
    for model, new_id in created.items():
        assert new_id == (highest[model] or 0) + 1, model.__name__


def test_the_3b7_steps_come_from_unanswered_asks_and_a_reply_ends_them(ctx: Context) -> None:
    """The demo plants no 3B7 task: its steps are the agenda's own, from asks for advice
    nobody answered, about someone with no follow-up of a lead at the same time; a reply
    logged takes the step off."""
    from netweave.services.agenda import compute_agenda
    from netweave.services.interactions import LogRequest, log_interaction
    from netweave.services.relationships import waiting_on

    build_demo(ctx, people=300)
    with ctx.db.reading() as session:
        planted = session.scalar(select(func.count()).where(m.Task.kind == "3b7"))
        following = set(
            session.scalars(
                select(m.Task.person_id).where(m.Task.kind == "follow_up", m.Task.done_at.is_(None))
            )
        )
    assert planted == 0
    steps = [i for i in compute_agenda(ctx, limit=100)["items"] if i["kind"] == "3b7"]
    follow_ups = [i for i in steps if "send one short follow-up" in i["reason"]]
    assert follow_ups
    assert any("a second person at" in i["reason"] for i in steps)
    assert not {i["person_id"] for i in steps} & following
    first = follow_ups[0]
    with ctx.db.reading() as session:
        assert waiting_on(session, first["person_id"], ctx.clock.now()) is not None
    log_interaction(ctx, LogRequest([f"#{first['person_id']}"], kind="message", direction="in"))
    after = [i for i in compute_agenda(ctx, limit=100)["items"] if i["kind"] == "3b7"]
    assert first["person_id"] not in {i["person_id"] for i in after}


def test_needs_and_offers_fit_the_job_and_rarely_repeat(ctx: Context) -> None:
    """A person's needs and offers are their job's (or one of the complementary pairs);
    no sentence is everyone's; and no organization has two founders and CEOs."""
    from netweave.demo.roles import SINGLE_TITLES, role_of
    from netweave.demo.weave import COMPLEMENTS

    build_demo(ctx, people=300)
    woven = {text for pair in COMPLEMENTS for text in pair}
    with ctx.db.reading() as session:
        current = select(m.Position.person_id, m.Position.title).where(m.Position.current.is_(True))
        titles = dict(session.execute(current).tuples().all())
        for model, kind in ((m.Need, "needs"), (m.Offer, "offers")):
            said_by = select(model.person_id, model.text)
            rows = [(pid, said) for pid, said in session.execute(said_by)]
            assert len(rows) > 50
            mine = session.scalar(select(m.Person.id).where(m.Person.is_me.is_(True)))
            for pid, said in rows:
                if pid != mine and said not in woven:
                    assert said in getattr(role_of(titles.get(pid)), kind), (titles.get(pid), said)
            assert max(Counter(said for _, said in rows).values()) <= 4
        single = select(m.Position.organization_id, m.Position.title).where(
            m.Position.title.in_(SINGLE_TITLES)
        )
        held = Counter((org, title) for org, title in session.execute(single))
        assert max(held.values()) == 1
