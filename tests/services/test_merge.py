"""Duplicates and merging on both backends: proposals only, lossless merge, exact undo."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text

from factories import person, talk
from netweave.errors import Conflict, InvalidInput
from netweave.services.context import Context
from netweave.services.conversations import delete_conversation, list_conversations
from netweave.services.duplicates import duplicates
from netweave.services.events import add_event, meet
from netweave.services.import_undo import undo_batch
from netweave.services.intros import dismiss_suggestion, list_intros, propose
from netweave.services.knows import add_knows, list_knows
from netweave.services.merge import merge
from netweave.services.merge_review import keep_apart, merge_summary, review, undo_merge
from netweave.services.people import PersonChanges, edit_person, forget_person, show_person
from netweave.services.tasks import list_tasks
from netweave.store.models import Interaction, Person
from netweave.store.search import search_ids


def _count(ctx: Context, model: type) -> int:
    with ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _pair(ctx: Context) -> tuple[int, int]:
    keep = person(
        ctx, "Ada Lovelace", emails=["ada@example.com"], tags=["math"], company="Initech",
        interests=["professional:engines"], circle="close",
    )  # fmt: skip
    other = person(
        ctx, "Ada  Lovelace-King", emails=["ada@work.example"], tags=["mentor", "math"],
        company="Initech", interests=["professional:Engines", "personal:poetry"],
        needs=["a publisher"], note="from the address book", birthday="--12-10",
    )  # fmt: skip
    talk(ctx, "#1", "#2", on=dt.date(2026, 6, 1), kind="coffee", gave=["advice"])
    talk(ctx, "#2", on=dt.date(2026, 6, 5), kind="call", direction="in")
    add_event(ctx, "PyCon", dt.date(2026, 5, 1))
    meet(ctx, "pycon", ["#2"])
    return int(keep["id"]), int(other["id"])


def test_duplicates_are_proposed_with_reasons(ctx: Context) -> None:
    _pair(ctx)
    person(ctx, "Grace Hopper")
    pairs = duplicates(ctx)
    assert [(p["a"]["name"], p["b"]["name"]) for p in pairs] == [
        ("Ada Lovelace", "Ada Lovelace-King")
    ]
    assert "Initech" in pairs[0]["reason"]
    assert _count(ctx, Person) == 3  # nothing merged by proposing


def test_a_pair_at_two_employers_says_where_each_works(ctx: Context) -> None:
    """The same name at two employers is a job changed, or two people: the reason says
    where each works, for the user to judge."""
    person(ctx, "David Chen", company="Google")
    person(ctx, "David Chen", company="Stripe")
    [pair] = duplicates(ctx)
    assert pair["reason"].endswith("; one at Google, one at Stripe")


def test_a_person_is_never_proposed_as_their_own_duplicate(ctx: Context) -> None:
    # both words of the name start alike: one block, entered once
    person(ctx, "Anders Andersson")
    person(ctx, "Grace Hopper")
    assert duplicates(ctx) == []


def test_a_pair_kept_apart_is_not_proposed_again(ctx: Context) -> None:
    keep, other = _pair(ctx)
    assert keep_apart(ctx, f"#{other}", f"#{keep}")["kept_apart"] is True
    keep_apart(ctx, f"#{keep}", f"#{other}")  # twice is the same
    assert duplicates(ctx) == []
    assert _pairs(ctx, "dismissed_pair") == [("duplicate", keep, other)]


def test_the_review_keeps_the_record_with_more_history(ctx: Context) -> None:
    keep, other = _pair(ctx)
    [pair] = review(ctx)
    assert {pair["a"]["id"], pair["b"]["id"]} == {keep, other}
    sides = {pair[s]["id"]: pair[s] for s in ("a", "b")}
    assert pair["keep"] == max(sides, key=lambda pid: sides[pid]["conversations"])


def test_a_merge_is_undone_by_its_number_as_an_import_is(ctx: Context) -> None:
    keep, other = _pair(ctx)
    result = merge(ctx, f"#{keep}", f"#{other}")
    summary = merge_summary(ctx, result["batch"])
    assert summary["kept"] == {"id": keep, "name": "Ada Lovelace"}
    assert summary["merged"] == {"id": other, "name": "Ada Lovelace-King"}
    undone = undo_merge(ctx, result["batch"])
    assert undone["state"] == "undone"
    assert _count(ctx, Person) == 2
    with pytest.raises(Conflict):
        undo_merge(ctx, result["batch"])


def test_a_merge_is_not_undone_under_a_later_merge_of_the_person_it_kept(
    ctx: Context,
) -> None:
    """Jon was folded into Jonathan, then Jonathan into John: the first merge waits for the
    second's undo (its own would restore Jon's rows to a Jonathan no longer there)."""
    jonathan = int(person(ctx, "Jonathan Smith", emails=["jon@acme.com"], company="Acme")["id"])
    jon = int(person(ctx, "Jon Smith", emails=["jsmith@gmail.com"], offers=["intros"])["id"])
    john = int(person(ctx, "John Smith", emails=["john@other.org"])["id"])
    talk(ctx, f"#{jon}", on=dt.date(2026, 6, 1), kind="call", note="call with Jon")
    first = merge(ctx, f"#{jonathan}", f"#{jon}")["batch"]
    second = merge(ctx, f"#{john}", f"#{jonathan}")["batch"]
    with pytest.raises(Conflict, match=rf"merge {first} cannot be undone .* \({second}\)"):
        undo_batch(ctx, first)
    undo_batch(ctx, second)
    undo_batch(ctx, first)
    shown = show_person(ctx, f"#{jon}")
    assert (shown["emails"], shown["offers"]) == (["jsmith@gmail.com"], ["intros"])
    assert [i["summary"] for i in shown["interactions"]] == ["call with Jon"]
    assert show_person(ctx, f"#{jonathan}")["emails"] == ["jon@acme.com"]


def test_undo_moves_back_only_the_rows_the_merge_moved(ctx: Context, tmp_path) -> None:
    """The phone a merge moved was deleted since, and SQLite gave its id to Otto's new
    address: the undo leaves Otto's address with Otto (it moved it to Priya)."""
    from netweave.services.imports import ImportOptions, run_import
    from netweave.services.people import PersonChanges, edit_person

    keep = int(person(ctx, "Priya Raman", emails=["priya@work.example"])["id"])
    cards = tmp_path / "p.vcf"
    cards.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Priya R.\nEMAIL:priya@home.example\n"
                     "TEL:+44 20 7946 0000\nEND:VCARD\n")  # fmt: skip
    run_import(ctx, "vcard", [cards], ImportOptions())
    other = int(show_person(ctx, "Priya R.")["id"])
    batch = merge(ctx, f"#{keep}", f"#{other}")["batch"]
    edit_person(ctx, f"#{keep}", PersonChanges(remove_phones=["+44 20 7946 0000"]))
    otto = tmp_path / "o.vcf"
    otto.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Otto Lind\nEMAIL:otto@lind.example\n"
                    "END:VCARD\n")  # fmt: skip
    run_import(ctx, "vcard", [otto], ImportOptions())
    undo_batch(ctx, batch)
    assert show_person(ctx, "Otto Lind")["emails"] == ["otto@lind.example"]
    assert show_person(ctx, f"#{other}")["emails"] == ["priya@home.example"]
    assert show_person(ctx, f"#{keep}")["emails"] == ["priya@work.example"]


def test_merging_your_own_record_can_be_refused(ctx: Context) -> None:
    contact = int(person(ctx, "Jane Doe")["id"])
    me = int(person(ctx, "Jane Doe (me)", is_me=True)["id"])
    with pytest.raises(InvalidInput, match="your own record"):
        merge(ctx, f"#{contact}", f"#{me}", allow_me=False)
    assert _count(ctx, Person) == 2


def test_merge_loses_nothing_and_undo_restores(ctx: Context) -> None:
    keep, other = _pair(ctx)
    before_keep, before_other = show_person(ctx, f"#{keep}"), show_person(ctx, f"#{other}")
    result = merge(ctx, f"#{keep}", f"#{other}")
    assert _count(ctx, Person) == 1
    merged = show_person(ctx, f"#{keep}")
    assert sorted(merged["emails"]) == ["ada@example.com", "ada@work.example"]
    assert merged["tags"] == ["math", "mentor"]
    assert sorted(i["label"] for i in merged["interests"]) == ["engines", "poetry"]
    assert merged["needs"] == ["a publisher"]
    assert merged["birthday"] == "--12-10"
    # what the other record said otherwise (its name) is kept in the notes, and is found
    assert merged["notes"] == f"from the address book\nMerged from #{other}: name Ada Lovelace-King"
    assert merged["last_interaction"] == "2026-06-05"
    assert len(merged["interactions"]) == 3  # the coffee, the call, and PyCon
    assert merged["reciprocity"]["gave"] == 1  # the coffee with both records gave once
    assert _count(ctx, Interaction) == 3
    with ctx.db.reading() as session:
        assert search_ids(session, "publisher") == [keep]
    undo_batch(ctx, int(result["batch"]))
    assert _count(ctx, Person) == 2
    for pid, before in ((keep, before_keep), (other, before_other)):
        after = show_person(ctx, f"#{pid}")
        for key in ("name", "emails", "tags", "interests", "needs", "notes", "birthday",
                    "last_interaction", "interactions", "reciprocity", "met"):  # fmt: skip
            assert after[key] == before[key], key
    with ctx.db.reading() as session:
        assert search_ids(session, "publisher") == [other]


def test_undo_keeps_what_the_user_changed_since_the_merge(ctx: Context) -> None:
    keep, other = _pair(ctx)
    result = merge(ctx, f"#{keep}", f"#{other}")
    edit_person(ctx, f"#{keep}", PersonChanges(note="my own note", birthday="1991-03-05"))
    edited = show_person(ctx, f"#{keep}")["notes"]
    assert edited.endswith("my own note")
    undo_batch(ctx, int(result["batch"]))
    after = show_person(ctx, f"#{keep}")
    assert after["notes"] == "my own note"  # the merge's lines go with it, the user's stay
    assert after["birthday"] == "1991-03-05"
    assert show_person(ctx, f"#{other}")["birthday"] == "--12-10"


def test_undo_after_new_rows_were_written_puts_back_the_old_ids(ctx: Context) -> None:
    # The merge deletes the newest person and a repeated interest; on SQLite a plain
    # INTEGER key would give those ids to the next rows written, and the undo would fail.
    keep, other = _pair(ctx)
    result = merge(ctx, f"#{keep}", f"#{other}")
    newer = person(ctx, "Grace Hopper", emails=["grace@navy.example"], tags=["navy"],
                   interests=["professional:compilers", "personal:sailing"])  # fmt: skip
    assert int(newer["id"]) > other
    undo_batch(ctx, int(result["batch"]))
    assert show_person(ctx, f"#{other}")["name"] == "Ada Lovelace-King"
    assert sorted(i["label"] for i in show_person(ctx, f"#{other}")["interests"]) == [
        "Engines",
        "poetry",
    ]
    grace = show_person(ctx, f"#{newer['id']}")
    assert (grace["name"], grace["emails"], grace["tags"]) == (
        "Grace Hopper",
        ["grace@navy.example"],
        ["navy"],
    )
    assert sorted(i["label"] for i in grace["interests"]) == ["compilers", "sailing"]


def test_merging_someone_with_themselves_is_refused(ctx: Context) -> None:
    person(ctx, "Ada Lovelace")
    with pytest.raises(InvalidInput):
        merge(ctx, "ada", "#1")


def _pairs(ctx: Context, table: str) -> list[tuple[str, int, int]]:
    with ctx.db.reading() as session:
        columns = (
            "kind, person_a_id, person_b_id"
            if table == "dismissed_pair"
            else ("'knows', person_a_id, person_b_id")
        )
        rows = session.execute(text(f"SELECT {columns} FROM {table} ORDER BY 1, 2, 3"))
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_pairs_of_people_follow_the_merge_and_come_back_on_undo(ctx: Context) -> None:
    keep, other = _pair(ctx)
    grace = int(person(ctx, "Grace Hopper")["id"])
    linus = int(person(ctx, "Linus Torvalds")["id"])
    dismiss_suggestion(ctx, f"#{other}", f"#{grace}")  # never suggest introducing them
    dismiss_suggestion(ctx, f"#{keep}", f"#{other}")  # a pair that the merge makes one person
    dismiss_suggestion(ctx, f"#{keep}", f"#{linus}")  # KEEP already has it: no second copy
    dismiss_suggestion(ctx, f"#{other}", f"#{linus}")
    add_knows(ctx, f"#{other}", f"#{grace}")
    add_knows(ctx, f"#{keep}", f"#{other}")
    before = _pairs(ctx, "dismissed_pair")
    knew = _pairs(ctx, "knows")
    result = merge(ctx, f"#{keep}", f"#{other}")
    assert _pairs(ctx, "dismissed_pair") == sorted(
        [("intro", *sorted((keep, grace))), ("intro", *sorted((keep, linus)))]
    )
    assert _pairs(ctx, "knows") == [("knows", *sorted((keep, grace)))]
    undo_batch(ctx, int(result["batch"]))
    assert _pairs(ctx, "dismissed_pair") == before
    assert _pairs(ctx, "knows") == knew


def test_undo_after_a_conversation_was_deleted_restores_the_rest(ctx: Context) -> None:
    keep, other = _pair(ctx)
    shared = list_conversations(ctx, f"#{keep}")[0]  # the coffee with both of them
    result = merge(ctx, f"#{keep}", f"#{other}")
    delete_conversation(ctx, int(shared["id"]))
    undo_batch(ctx, int(result["batch"]))
    assert _count(ctx, Person) == 2
    restored = show_person(ctx, f"#{other}")
    assert [i["kind"] for i in restored["interactions"]] == ["call", "event"]  # met at PyCon
    assert restored["emails"] == ["ada@work.example"]
    assert show_person(ctx, f"#{keep}")["interactions"] == []


def test_a_record_with_conversations_does_not_become_one_with_yours(ctx: Context) -> None:
    me = int(person(ctx, "Maya Lind", is_me=True)["id"])
    other = int(person(ctx, "Maya L")["id"])
    talk(ctx, f"#{other}", on=dt.date(2026, 6, 1), kind="coffee")
    with pytest.raises(InvalidInput, match=r"Maya L \(#2\) has 1 conversation with you"):
        merge(ctx, f"#{me}", f"#{other}")
    with pytest.raises(InvalidInput, match="has 1 conversation with you"):
        merge(ctx, f"#{other}", f"#{me}")
    assert _count(ctx, Person) == 2


def test_merging_your_own_record_into_a_contact_says_so(ctx: Context) -> None:
    contact = int(person(ctx, "Jane Doe", emails=["jane@example.com"])["id"])
    me = int(person(ctx, "Jane Doe (me)", is_me=True)["id"])
    result = merge(ctx, f"#{contact}", f"#{me}")
    assert result["now_you"] is True
    with ctx.db.reading() as session:
        assert session.scalars(select(Person.id).where(Person.is_me.is_(True))).all() == [contact]
    other = int(person(ctx, "Someone Else")["id"])
    again = merge(ctx, f"#{contact}", f"#{other}", confirmed=True)  # another name: --yes
    assert again["now_you"] is False


def test_a_contact_merged_with_your_own_record_was_not_met_by_you_nor_followed_up(
    ctx: Context,
) -> None:
    me = int(person(ctx, "Maya Lind", is_me=True)["id"])
    add_event(ctx, "PyData", dt.date(2026, 5, 1))
    met = meet(ctx, "PyData", ["Maya L."])
    other = int(met["people"][0]["id"])
    assert [t["title"] for t in list_tasks(ctx)] == [
        "Follow up after PyData: a short note recalling your conversation"
    ]
    result = merge(ctx, f"#{me}", f"#{other}")
    assert result["dropped"] == {"tasks": 1, "events": 1}
    assert list_tasks(ctx) == []
    shown = show_person(ctx, f"#{me}")
    assert (shown["met"]["event"], shown["met"]["on"]) == (None, None)
    with ctx.db.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM event_attendee")) == 0
    edit_person(ctx, f"#{me}", PersonChanges(met_on=dt.date(2026, 4, 1)))  # changed since
    undo_batch(ctx, int(result["batch"]))
    assert show_person(ctx, f"#{me}")["met"]["on"] == "2026-04-01"  # the undo leaves it
    assert [t["title"] for t in list_tasks(ctx)] == [
        "Follow up after PyData: a short note recalling your conversation"
    ]
    assert show_person(ctx, f"#{other}")["met"]["event"] == "PyData"
    assert show_person(ctx, f"#{me}")["met"]["event"] is None
    with ctx.db.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM event_attendee")) == 1


def test_forgetting_someone_leaves_the_merges_of_a_record_once_split_off_them(
    ctx: Context,
) -> None:
    p = int(person(ctx, "Pat Lee", emails=["pat@example.com"])["id"])
    q = int(person(ctx, "Pat Q. Lee", emails=["pq@example.com"])["id"])
    undo_batch(ctx, int(merge(ctx, f"#{p}", f"#{q}")["batch"]))  # split again: q lives on
    x = int(person(ctx, "P. Q. Lee", emails=["x@example.com"])["id"])
    kept = merge(ctx, f"#{q}", f"#{x}")
    forget_person(ctx, f"#{p}")
    undone = undo_batch(ctx, int(kept["batch"]))
    assert undone["reverted"] > 0
    assert show_person(ctx, f"#{x}")["emails"] == ["x@example.com"]


def test_merging_a_duplicate_into_your_record_keeps_the_events_you_went_to(
    ctx: Context,
) -> None:
    from netweave.store.tables import event_attendee

    me = int(person(ctx, "Maya Lind", is_me=True)["id"])
    event = add_event(ctx, "PyData", dt.date(2026, 5, 1))
    with ctx.db.transaction() as session:
        session.execute(event_attendee.insert().values(event_id=event["id"], person_id=me))
    home = int(person(ctx, "Maya Lind (home)")["id"])
    result = merge(ctx, f"#{me}", f"#{home}")
    assert result["dropped"] == {}
    with ctx.db.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM event_attendee")) == 1


def test_a_contact_merged_with_your_own_record_leaves_no_tie_or_introduction_to_you(
    ctx: Context,
) -> None:
    me = int(person(ctx, "Jane Doe", is_me=True)["id"])
    jane = int(person(ctx, "Jane D.", emails=["jane@example.com"])["id"])
    person(ctx, "Bob Berg")
    person(ctx, "Cy Chen")
    add_knows(ctx, "jane d.", "bob berg")
    add_knows(ctx, "bob berg", "cy chen")
    intro = propose(ctx, "jane d.", "cy chen", "both row boats")
    result = merge(ctx, f"#{me}", f"#{jane}")
    assert result["dropped"] == {"ties": 1, "introductions": 1}
    assert [(k["a"], k["b"]) for k in list_knows(ctx)] == [("Bob Berg", "Cy Chen")]
    assert list_intros(ctx) == []
    undo_batch(ctx, int(result["batch"]))
    assert len(list_knows(ctx)) == 2
    assert [i["id"] for i in list_intros(ctx)] == [intro["id"]]
    # the other way round: the contact kept becomes you, and its own ties go too
    again = merge(ctx, f"#{jane}", f"#{me}")
    assert (again["now_you"], again["dropped"]) == (True, {"ties": 1, "introductions": 1})
    plain = merge(ctx, "bob berg", "cy chen")
    assert plain["dropped"] == {}


def test_a_merge_whose_kept_person_was_forgotten_is_not_undone(ctx: Context) -> None:
    keep, other = _pair(ctx)
    result = merge(ctx, f"#{keep}", f"#{other}")
    forget_person(ctx, f"#{keep}")
    with pytest.raises(Conflict, match=rf"the person it kept \(#{keep}\) has been forgotten"):
        undo_batch(ctx, int(result["batch"]))
    assert _count(ctx, Person) == 0  # no empty shell of the merged-away record comes back


def test_forgetting_a_person_forgets_the_records_merged_into_them(ctx: Context) -> None:
    """The undo logs of the merges that built them held the merged records whole."""
    keep, other = _pair(ctx)
    third = int(person(ctx, "Ada L.", emails=["al@home.example"], note="met at the opera")["id"])
    bystander = int(person(ctx, "Bob Berg", emails=["bob@example.com"])["id"])
    first = merge(ctx, f"#{other}", f"#{third}")  # Ada L. into the second record, then
    merge(ctx, f"#{keep}", f"#{other}")  # that one into the first
    merge(ctx, f"#{bystander}", f"#{int(person(ctx, 'Bobby Berg')['id'])}")
    forget_person(ctx, f"#{keep}")
    with ctx.db.reading() as session:
        logged = " ".join(str(row) for row in session.execute(text("SELECT * FROM import_change")))
    for trace in ("Lovelace", "ada@work.example", "al@home.example", "opera", "publisher"):
        assert trace not in logged
    assert "Bobby Berg" in logged  # another person's merge keeps its log
    with pytest.raises(Conflict, match="forgotten"):
        undo_batch(ctx, int(first["batch"]))


def test_a_merged_person_has_one_primary_address_the_kept_ones(ctx: Context) -> None:
    keep, other = _pair(ctx)

    def primaries(pid: int) -> list[str]:
        points = show_person(ctx, f"#{pid}")["contact_points"]
        return [p["value"] for p in points if p["kind"] == "email" and p["primary"]]

    result = merge(ctx, f"#{keep}", f"#{other}")
    assert primaries(keep) == ["ada@example.com"]
    assert sorted(show_person(ctx, f"#{keep}")["emails"]) == ["ada@example.com", "ada@work.example"]
    undo_batch(ctx, int(result["batch"]))
    assert (primaries(keep), primaries(other)) == (["ada@example.com"], ["ada@work.example"])


def test_a_conversation_with_both_records_counts_its_give_once(ctx: Context) -> None:
    keep = int(person(ctx, "Dan Dao", emails=["dan@a.example"])["id"])
    other = int(person(ctx, "Daniel Dao", emails=["dan@b.example"])["id"])
    talk(ctx, "#1", "#2", on=dt.date(2026, 6, 1), kind="coffee", gave=["advice"])
    talk(ctx, "#2", on=dt.date(2026, 6, 2), kind="call", gave=["advice"])
    result = merge(ctx, f"#{keep}", f"#{other}")
    shown = list_conversations(ctx, f"#{keep}")
    assert [len(c["exchanges"]) for c in shown] == [1, 1]
    assert show_person(ctx, f"#{keep}")["reciprocity"]["gave"] == 2
    undo_batch(ctx, int(result["batch"]))
    assert show_person(ctx, f"#{other}")["reciprocity"]["gave"] == 2
    assert show_person(ctx, f"#{keep}")["reciprocity"]["gave"] == 1


def test_how_two_records_met_is_one_account_the_earliest(ctx: Context) -> None:
    add_event(ctx, "PyData Berlin", dt.date(2026, 6, 1))
    meet(ctx, "pydata berlin", ["Mei Chen"])
    imported = int(person(ctx, "Mei  Chen", met_on=dt.date(2024, 3, 12))["id"])
    with ctx.db.transaction() as session:
        record = session.get(Person, imported)
        assert record is not None
        record.met_how = "imported from linkedin"
    before = show_person(ctx, f"#{imported}")["met"]
    result = merge(ctx, f"#{imported}", "#1")
    assert show_person(ctx, f"#{imported}")["met"] == before  # 2024 came first: kept whole
    undo_batch(ctx, int(result["batch"]))
    merged = merge(ctx, "#1", f"#{imported}")  # the event's record kept: the 2024 account wins
    met = show_person(ctx, "#1")["met"]
    assert (met["how"], met["event"], met["on"]) == ("imported from linkedin", None, "2024-03-12")
    undo_batch(ctx, int(merged["batch"]))
    assert show_person(ctx, "#1")["met"]["event"] == "PyData Berlin"


def test_two_records_met_at_one_event_keep_one_follow_up(ctx: Context) -> None:
    add_event(ctx, "Tech Night", dt.date(2026, 6, 10))
    meet(ctx, "tech night", ["Linus Torvalds"])
    meet(ctx, "tech night", [], new=["linus"])  # typed again, quickly, as a new name
    assert len(list_tasks(ctx)) == 2
    result = merge(ctx, "Linus Torvalds", "linus")
    [task] = list_tasks(ctx)
    assert task["person"] == "Linus Torvalds"
    undo_batch(ctx, int(result["batch"]))
    assert sorted(t["person"] for t in list_tasks(ctx)) == ["Linus Torvalds", "linus"]


def test_two_records_met_again_at_one_event_were_met_there_once(ctx: Context) -> None:
    """Each known record met at the event got its own "Met at" conversation: merged, the
    person was met there once (their strength counts it once); undo brings both back."""
    person(ctx, "Ada Lovelace", emails=["ada@one.example"])
    person(ctx, "Ada  Lovelace", emails=["ada@two.example"])
    talk(ctx, "#2", on=dt.date(2026, 5, 1))
    add_event(ctx, "Meetup", dt.date(2026, 6, 10))
    meet(ctx, "meetup", ["#1", "#2"])

    def kinds(pid: int) -> list[str]:
        return sorted(i["kind"] for i in show_person(ctx, f"#{pid}")["interactions"])

    assert (kinds(1), kinds(2)) == (["event"], ["event", "meeting"])
    meet(ctx, "meetup", ["#1", "#2"], note="talked compilers")
    result = merge(ctx, "#1", "#2")
    assert kinds(1) == ["event", "meeting"]  # met at the event once, and the talk before
    assert show_person(ctx, "#1")["notes"] == "Meetup: talked compilers"  # the note once too
    undo_batch(ctx, int(result["batch"]))
    assert (kinds(1), kinds(2)) == (["event"], ["event", "meeting"])


def test_one_role_at_one_employer_stays_current_with_the_fullest_title(ctx: Context) -> None:
    person(ctx, "Seán Smith", company="Smith, Jones & Co", title='Director, "Special" Projects')
    person(ctx, "Sean  Smith", company="Smith, Jones & Co")  # the address book: no title
    person(ctx, "Lena Fischer", company="Cloudy", title="Product Owner, Cloud")
    person(ctx, "Lena  Fischer", company="Cloudy", title="Head of Platform")
    result = merge(ctx, "#1", "#2")
    sean = show_person(ctx, "#1")
    assert sean["title"] == 'Director, "Special" Projects'
    assert [p["current"] for p in sean["positions"]] == [True]
    undo_batch(ctx, int(result["batch"]))
    assert show_person(ctx, "#2")["positions"][0]["current"] is True
    merge(ctx, "#3", "#4")  # two titles of one job, both typed: the later one stands
    lena = show_person(ctx, "#3")
    assert lena["title"] == "Head of Platform"
    assert [(p["title"], p["current"]) for p in lena["positions"]] == [("Head of Platform", True)]
    assert lena["notes"] == "Also titled Product Owner, Cloud at Cloudy"  # not lost


def test_the_merged_records_job_elsewhere_is_kept_as_history(ctx: Context) -> None:
    """Two records under two current employers are most often a job and a stale one: the
    kept record's stays current, the other's becomes history (and comes back on undo)."""
    person(ctx, "Lena Fischer", company="SAP SE", title="Data Scientist")
    person(ctx, "Lena  Fischer", company="Globex", title="Analyst")
    person(ctx, "Ann Lee")
    person(ctx, "Ann  Lee", company="Initech", title="Engineer")
    result = merge(ctx, "#1", "#2")
    lena = show_person(ctx, "#1")
    assert (lena["company"], lena["title"]) == ("SAP SE", "Data Scientist")
    assert sorted((p["organization"], p["current"]) for p in lena["positions"]) == [
        ("Globex", False),
        ("SAP SE", True),
    ]
    undo_batch(ctx, int(result["batch"]))
    assert [p["current"] for p in show_person(ctx, "#2")["positions"]] == [True]
    merge(ctx, "#3", "#4")  # the kept record names no employer: the other's job is current
    assert show_person(ctx, "#3")["company"] == "Initech"


def test_a_first_name_alone_is_proposed_with_the_one_person_of_that_name(ctx: Context) -> None:
    person(ctx, "Linus Torvalds")
    person(ctx, "linus")  # typed in a hurry at an event
    person(ctx, "Ada")
    person(ctx, "Ada Lovelace")
    person(ctx, "Ada Yonath")  # two Adas: which one cannot be guessed
    [pair] = duplicates(ctx)
    assert (pair["a"]["name"], pair["b"]["name"]) == ("Linus Torvalds", "linus")
    assert pair["reason"] == "only a first name, Linus Torvalds's"


def test_a_last_name_as_an_initial_is_proposed_with_the_one_name_it_can_be(
    ctx: Context,
) -> None:
    person(ctx, "Mira Halvorsen", company="Fjordline")
    person(ctx, "Mira H.")  # how a mail client shows her
    person(ctx, "Tom Berg")
    person(ctx, "Tom Brandt")
    person(ctx, "Tom B.")  # two Toms B…: which one cannot be guessed
    [pair] = duplicates(ctx)
    names = (pair["a"]["name"], pair["b"]["name"])
    assert (names, pair["score"]) == (("Mira Halvorsen", "Mira H."), 85)
    assert pair["reason"] == "the last name as an initial, Mira Halvorsen's"


def test_where_a_record_came_from_is_no_account_of_how_you_met(ctx: Context) -> None:
    """The record you typed in says nothing of how you met; the address book's copy says
    only that it was imported: the merge leaves yours as it was."""
    lars = int(person(ctx, "Lars Berg")["id"])
    talk(ctx, "Lars Berg", on=dt.date(2026, 1, 6))
    card = int(person(ctx, "Lars  Berg")["id"])
    with ctx.db.transaction() as session:
        record = session.get(Person, card)
        assert record is not None
        record.met_how = "imported from an address book"
    before = show_person(ctx, f"#{lars}")["met"]
    merge(ctx, f"#{lars}", f"#{card}")
    assert show_person(ctx, f"#{lars}")["met"] == before
    assert before["how"] is None


def test_what_the_other_record_says_otherwise_is_kept_and_found(ctx: Context) -> None:
    keep = person(ctx, "Sam Park", location="Berlin", headline="Data engineer",
                  birthday="1985-03-01", pronouns="they/them")  # fmt: skip
    other = person(ctx, "Samuel Park", location="Paris", headline="ML lead at X",
                   birthday="1985-03-01", pronouns="they/them", emails=["sam@park.io"])  # fmt: skip
    batch = merge(ctx, f"#{keep['id']}", f"#{other['id']}")["batch"]
    merged = show_person(ctx, f"#{keep['id']}")
    assert (merged["location"], merged["headline"]) == ("Berlin", "Data engineer")
    assert merged["notes"] == (
        f"Merged from #{other['id']}: name Samuel Park; location Paris; headline ML lead at X"
    )
    with ctx.db.reading() as session:
        assert search_ids(session, "paris") == [int(keep["id"])]
    undo_batch(ctx, batch)
    assert show_person(ctx, f"#{keep['id']}")["notes"] is None


def test_the_people_the_other_record_introduced_follow_it_and_come_back(ctx: Context) -> None:
    keep = int(person(ctx, "Casey Miller")["id"])
    other = int(person(ctx, "Casey M", emails=["cm@x.example"])["id"])
    friend = int(person(ctx, "Dana Friend")["id"])
    with ctx.db.transaction() as session:
        session.execute(text(f"UPDATE person SET introduced_by_id = {other} WHERE id = {friend}"))
        session.execute(text(f"UPDATE person SET introduced_by_id = {other} WHERE id = {keep}"))
    batch = merge(ctx, f"#{keep}", f"#{other}")["batch"]
    assert show_person(ctx, f"#{friend}")["met"]["introduced_by"] == "Casey Miller"
    assert show_person(ctx, f"#{keep}")["met"]["introduced_by"] is None  # not by themselves
    undo_batch(ctx, batch)
    assert show_person(ctx, f"#{friend}")["met"]["introduced_by"] == "Casey M"
    assert show_person(ctx, f"#{keep}")["met"]["introduced_by"] == "Casey M"


def test_two_records_on_one_lead_in_one_role_merge_into_one_link(ctx: Context) -> None:
    from netweave.services.leads import add_lead, show_lead

    keep = int(person(ctx, "Bob Smith", emails=["b1@x.example"])["id"])
    other = int(person(ctx, "Bob Smyth", emails=["b2@x.example"])["id"])
    lead = add_lead(ctx, "Acme", "Engineer", people=[("Bob Smith", "referrer"),
                                                     ("Bob Smyth", "referrer")])  # fmt: skip
    batch = merge(ctx, f"#{keep}", f"#{other}")["batch"]
    assert [(p["name"], p["role"]) for p in show_lead(ctx, f"#{lead['id']}")["people"]] == [
        ("Bob Smith", "referrer")
    ]
    undo_batch(ctx, batch)
    assert sorted(p["name"] for p in show_lead(ctx, f"#{lead['id']}")["people"]) == [
        "Bob Smith", "Bob Smyth"
    ]  # fmt: skip


def test_a_greeting_done_to_the_other_record_stays_done(ctx: Context) -> None:
    from netweave.services.campaigns import mark_done, new_campaign, show_campaign

    keep = int(person(ctx, "Ann Lee", circle="close")["id"])
    other = int(person(ctx, "Ann Lee", emails=["a@l.example"], circle="close")["id"])
    new_campaign(ctx, "Holidays", circles=["close"])
    mark_done(ctx, "Holidays", [f"#{other}"])
    batch = merge(ctx, f"#{keep}", f"#{other}")["batch"]
    shown = show_campaign(ctx, "Holidays")
    assert [(i["person"], i["done"]) for i in shown["items"]] == [("Ann Lee", True)]
    undo_batch(ctx, batch)
    done = {i["person_id"]: i["done"] for i in show_campaign(ctx, "Holidays")["items"]}
    assert done == {keep: False, other: True}


def test_names_written_with_hyphens_titles_or_a_middle_name_are_proposed(ctx: Context) -> None:
    for name in ("Anne-Marie Dupont", "Anne Marie Dupont", "Grace Hopper", "Grace Murray Hopper",
                 "Ada Lovelace", "Dr. Ada Lovelace", "Alan Turing", "Alan Kay"):  # fmt: skip
        person(ctx, name)
    pairs = {(p["a"]["name"], p["b"]["name"]): p for p in duplicates(ctx)}
    assert sorted(pairs) == [
        ("Ada Lovelace", "Dr. Ada Lovelace"),
        ("Anne-Marie Dupont", "Anne Marie Dupont"),
        ("Grace Hopper", "Grace Murray Hopper"),
    ]
    assert pairs[("Grace Hopper", "Grace Murray Hopper")]["reason"] == (
        "the same name, one with more"
    )


def test_a_record_merged_away_says_who_it_lives_on_as(ctx: Context) -> None:
    """A link or a number kept from before the merge (A into B, then B into C) names the
    person now; once the merges are undone, the record is itself again."""
    from netweave.errors import NotFound

    a = person(ctx, "Ada Lovelace")["id"]
    b = person(ctx, "Ada King")["id"]
    c = person(ctx, "Ada L")["id"]
    first = merge(ctx, f"#{b}", f"#{a}")
    second = merge(ctx, f"#{c}", f"#{b}")
    for gone in (a, b):
        with pytest.raises(
            NotFound, match=rf"^no person with id {gone}: merged into Ada L \(#{c}\)$"
        ):
            show_person(ctx, f"#{gone}")
    undo_batch(ctx, second["batch"])
    undo_batch(ctx, first["batch"])
    assert show_person(ctx, f"#{a}")["name"] == "Ada Lovelace"
    person(ctx, "Grace Hopper")
    with pytest.raises(NotFound, match=r"^no person with id 99$"):
        show_person(ctx, "#99")


def test_the_other_records_also_known_as_the_kept_name_is_not_carried(ctx: Context) -> None:
    """An import noted that an address book calls Zoe M. "Zoe Muller": merged into Zoë
    Müller, that is her name (in other accents), not another one; other lines stay."""
    keep = int(person(ctx, "Zoë Müller")["id"])
    other = person(ctx, "Zoe M.", note="Also known as ZOE MULLER (google-csv)\nlikes chess\n"
                   "Also known as Zoe Mueller (vcard)")  # fmt: skip
    batch = merge(ctx, f"#{keep}", f"#{other['id']}")["batch"]
    assert show_person(ctx, f"#{keep}")["notes"] == (
        f"likes chess\nAlso known as Zoe Mueller (vcard)\nMerged from #{other['id']}: name Zoe M."
    )
    undo_batch(ctx, batch)
    assert show_person(ctx, f"#{keep}")["notes"] is None
    assert show_person(ctx, f"#{other['id']}")["notes"] == other["notes"]


def test_the_kept_cadence_and_pinned_strength_stand_and_the_others_are_noted(
    ctx: Context,
) -> None:
    """Both records have their own cadence and a pinned strength: the kept record's stand,
    the other's are in the notes and in what the merge returns; one set on the other alone
    is taken; the undo restores both records."""
    keep = int(person(ctx, "Zoë Müller", cadence_days=30, strength=70)["id"])
    other = int(person(ctx, "Zoe Muller", cadence_days=14, strength=40)["id"])
    result = merge(ctx, f"#{keep}", f"#{other}")
    assert result["settings_differ"] == {
        "cadence_days": {"kept": 30, "other": 14},
        "strength_override": {"kept": 70, "other": 40},
    }
    assert result["other_circle"] is None
    merged = show_person(ctx, f"#{keep}")
    assert (merged["cadence_days"], merged["strength"]) == (30, 70)
    assert merged["notes"] == (
        f"Merged from #{other}: keep in touch every 14 days; strength pinned at 40"
    )
    undo_batch(ctx, int(result["batch"]))
    assert (
        show_person(ctx, f"#{other}")["cadence_days"],
        show_person(ctx, f"#{other}")["strength"],
    ) == (14, 40)
    assert show_person(ctx, f"#{keep}")["notes"] is None
    third = int(person(ctx, "Zoe  Muller", cadence_days=30, strength=55)["id"])
    edit_person(ctx, f"#{keep}", PersonChanges(unpin_strength=True))
    again = merge(ctx, f"#{keep}", f"#{third}")
    assert again["settings_differ"] == {}  # the same cadence; a strength only the other pinned
    assert show_person(ctx, f"#{keep}")["strength"] == 55


def test_the_kept_circle_stands_and_the_other_is_noted(ctx: Context) -> None:
    """The kept record's circle stands, as the rest of its profile does; the other's, when
    it differs, is in the notes and in what the merge returns, and the undo restores both."""
    keep = int(person(ctx, "Zoë Müller", circle="close")["id"])
    other = int(person(ctx, "Zoe Muller", circle="active")["id"])
    result = merge(ctx, f"#{keep}", f"#{other}")
    assert (result["circle"], result["other_circle"]) == ("close", "active")
    merged = show_person(ctx, f"#{keep}")
    assert (merged["circle"], merged["notes"]) == ("close", f"Merged from #{other}: circle active")
    undo_batch(ctx, int(result["batch"]))
    assert show_person(ctx, f"#{other}")["circle"] == "active"
    assert show_person(ctx, f"#{keep}")["notes"] is None
    edit_person(ctx, f"#{keep}", PersonChanges(circle="wide"))
    third = int(person(ctx, "Zoe  Muller", circle="wide")["id"])
    assert merge(ctx, f"#{keep}", f"#{third}")["other_circle"] is None  # one circle: no note
    assert show_person(ctx, f"#{keep}")["notes"] is None


def test_a_merge_undo_refused_for_a_pair_it_moved_says_so(ctx: Context) -> None:
    """Merging Kim's records moved "Kim K knows Fred Fox" to Kim Kay; merging Fred's then
    moved that pair again, without touching Kim Kay: the refusal names the pair, not the
    person kept. Undone newest first, the pair is back as it was."""
    kim, kk = int(person(ctx, "Kim Kay")["id"]), int(person(ctx, "Kim K")["id"])
    fred, ff = int(person(ctx, "Fred Fox")["id"]), int(person(ctx, "Fred F")["id"])
    add_knows(ctx, f"#{kk}", f"#{fred}")
    knew = _pairs(ctx, "knows")
    first = int(merge(ctx, f"#{kim}", f"#{kk}")["batch"])
    second = int(merge(ctx, f"#{ff}", f"#{fred}")["batch"])
    with pytest.raises(Conflict) as refused:
        undo_batch(ctx, first)
    assert str(refused.value) == (
        f"merge {first} cannot be undone while later batches build on the pairs of people it "
        f"moved (who knows whom, kept apart, dismissed) ({second}): undo that first, newest first"
    )
    undo_batch(ctx, second)
    undo_batch(ctx, first)
    assert _pairs(ctx, "knows") == knew


def test_your_own_record_and_one_of_another_name_are_merged_only_when_confirmed(
    ctx: Context,
) -> None:
    me = int(person(ctx, "Alex Rivera", is_me=True)["id"])
    mike = int(person(ctx, "Michael Chen", emails=["mike@example.com"])["id"])
    for keep, other in ((me, mike), (mike, me)):
        with pytest.raises(InvalidInput, match=r"#1 is your own record .* add --yes"):
            merge(ctx, f"#{keep}", f"#{other}")
    assert _count(ctx, Person) == 2
    result = merge(ctx, f"#{mike}", f"#{me}", confirmed=True)
    assert result["now_you"] is True
