"""Lists ordered by name come out in one order on every backend: a letter beside its base
letter ("Émile" with "Eve"), case ignored, ties by id; whatever wrote the name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import text

from factories import person
from netweave.config import Settings, sqlite_url
from netweave.services.backup import export_json, restore_json
from netweave.services.campaigns import new_campaign
from netweave.services.context import Context, open_context
from netweave.services.directory import PeopleFilter, _ordered, list_people, page_of_people
from netweave.services.import_undo import undo_batch
from netweave.services.imports import ImportOptions, run_import
from netweave.services.network_map import network_map
from netweave.services.orgs import (
    add_organization,
    edit_organization,
    list_organizations,
    organization_names,
    show_organization,
)
from netweave.services.people import PersonChanges, edit_person

#: Names typed in any order, and the order every list gives them in.
NAMES = ["Zed Adams", "Émile Zola", "émile Blanc", "Eve Ng", "İlkay Gündoğan", "Ivan Petrov",
         "Ödön Horváth", "Otto Kern"]  # fmt: skip
IN_ORDER = ["émile Blanc", "Émile Zola", "Eve Ng", "İlkay Gündoğan", "Ivan Petrov",
            "Ödön Horváth", "Otto Kern", "Zed Adams"]  # fmt: skip


def _names(views: list[dict[str, object]], key: str = "name") -> list[object]:
    return [v[key] for v in views]


def test_people_lists_give_letters_beside_their_base_letter(ctx: Context) -> None:
    for name in NAMES:
        person(ctx, name, company="Acme", circle="close")
    assert _names(list_people(ctx, PeopleFilter())) == IN_ORDER
    pages = [page_of_people(ctx, PeopleFilter(limit=3), offset)[0] for offset in (0, 3, 6)]
    assert [p["name"] for page in pages for p in page] == IN_ORDER
    assert _names(show_organization(ctx, "Acme")["people_now"]) == IN_ORDER
    items = new_campaign(ctx, "New Year", circles=["close"])["items"]
    assert _names(items, "person") == IN_ORDER
    nodes = network_map(ctx)["nodes"]
    assert [n["name"] for n in nodes if not n["is_me"]] == IN_ORDER


def test_organizations_list_in_the_same_order(ctx: Context) -> None:
    for name in NAMES:
        add_organization(ctx, name)
    assert _names(list_organizations(ctx)) == IN_ORDER
    assert organization_names(ctx) == IN_ORDER


def test_names_alike_but_for_case_and_accents_follow_their_ids(ctx: Context) -> None:
    ids = [person(ctx, name)["id"] for name in ("Lee Ann", "lée ann", "LEE ANN", "Lee Anna")]
    assert [p["id"] for p in list_people(ctx, PeopleFilter())] == ids
    one_by_one = [page_of_people(ctx, PeopleFilter(limit=1), n)[0][0]["id"] for n in range(4)]
    assert one_by_one == ids


def test_a_new_name_takes_its_new_place(ctx: Context) -> None:
    for name in NAMES:
        person(ctx, name)
        add_organization(ctx, name)
    edit_person(ctx, "Zed Adams", PersonChanges(name="Ärne Zed"))
    edit_organization(ctx, "Zed Adams", name="Ärne Zed")
    expected = ["Ärne Zed", *IN_ORDER[:-1]]
    assert _names(list_people(ctx, PeopleFilter())) == expected
    assert _names(list_organizations(ctx)) == expected


def _connections(folder: Path) -> Path:
    """A LinkedIn export naming the people of ``NAMES``, each at an organization of that name."""
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"]
    for n, name in enumerate(NAMES):
        first, last = name.split(" ")
        lines.append(f"{first},{last},https://www.linkedin.com/in/p-{n},,{name},CTO,08 Feb 2024\n")
    path = folder / "Connections.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_imported_people_and_organizations_are_listed_in_order_until_undone(
    ctx: Context, tmp_path: Path
) -> None:
    result = run_import(ctx, "linkedin", [_connections(tmp_path)], ImportOptions())
    assert _names(list_people(ctx, PeopleFilter())) == IN_ORDER
    assert _names(list_organizations(ctx)) == IN_ORDER
    undo_batch(ctx, int(result["batch"]))
    assert list_people(ctx, PeopleFilter()) == []


def test_the_people_list_reads_its_index(ctx: Context) -> None:
    """The list's order is the index's, on both backends (on PostgreSQL the key compares
    byte by byte, as the index holds it): a page is read from the index, not sorted."""
    for name in NAMES:
        person(ctx, name)
    query = _ordered(PeopleFilter()).limit(50).offset(3)
    with ctx.db.reading() as session:
        bind = session.get_bind()
        sql = str(query.compile(bind, compile_kwargs={"literal_binds": True}))
        if bind.dialect.name == "sqlite":
            plan = " ".join(str(r[-1]) for r in session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
            assert "ix_person_sort_key" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
        else:
            session.execute(text("SET LOCAL enable_sort = off"))  # a tiny table: any plan is cheap
            plan = " ".join(str(r[0]) for r in session.execute(text(f"EXPLAIN {sql}")))
            assert "ix_person_sort_key" in plan, plan
            assert "Sort" not in plan, plan


def test_a_restored_backup_keys_its_names_whatever_the_file_says(
    ctx: Context, sqlite_template: Path, tmp_path: Path
) -> None:
    for name in NAMES:
        person(ctx, name, company=name)
    backup = tmp_path / "backup.json"
    export_json(ctx, backup)
    document = json.loads(backup.read_text(encoding="utf-8"))
    edited = tmp_path / "edited.json"
    for table in ("person", "organization"):
        entry = document["tables"][table]
        at = entry["columns"].index("sort_key")
        for row in entry["rows"]:
            row[at] = "a key edited by hand"
    edited.write_text(json.dumps(document), encoding="utf-8")
    shutil.copy(sqlite_template, tmp_path / "restored.db")
    restored = open_context(Settings(database_url=sqlite_url(tmp_path / "restored.db")), ctx.clock)
    try:
        restore_json(restored, edited)
        assert _names(list_people(restored, PeopleFilter())) == IN_ORDER
        assert _names(list_organizations(restored)) == IN_ORDER
        again = tmp_path / "again.json"
        export_json(restored, again)
    finally:
        restored.close()
    tables = json.loads(backup.read_text(encoding="utf-8"))["tables"]
    assert json.loads(again.read_text(encoding="utf-8"))["tables"] == tables


def test_tags_and_the_people_of_a_conversation_are_listed_in_the_same_order(ctx: Context) -> None:
    from factories import talk
    from netweave.services.conversations import show_conversation
    from netweave.services.tagging import list_tags

    labels = ["eau", "école", "émigré", "zen"]
    person(ctx, "Ada Lovelace", tags=["zen", "école", "eau", "Émigré"])
    for name in NAMES:
        person(ctx, name)
    assert [t["label"] for t in list_tags(ctx)] == labels
    assert list_people(ctx, PeopleFilter(tag="zen"))[0]["tags"] == labels
    talked = talk(ctx, *NAMES)["interaction"]
    shown = show_conversation(ctx, talked["id"])
    assert shown["people"] == IN_ORDER
    assert [p["name"] for p in shown["who"]] == IN_ORDER
