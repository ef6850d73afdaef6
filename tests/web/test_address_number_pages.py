"""Numbers read from a page's address go by the one rule of numbers typed
(``logic.parse.whole_number``): ``1_0``, ``+5`` or full-width digits are no person's number,
although Python's ``int()`` reads them. A pair of the Duplicates page that is none is the
page's clear refusal; a conversation's "back to" person that is none is passed over; the
conversations list's person filter that is none is refused. Never a server error, on
either backend."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netweave.services.context import Context
from netweave.services.interactions import LogRequest, log_interaction
from web.conftest import csrf_of
from web.web_helpers import add

#: Ways of writing a number that are none here.
NOT_NUMBERS = ("+{n}", "{n}_0", "{n}.0", " {n}x")


def _full_width(number: int) -> str:
    return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(number))


def test_a_pair_in_the_duplicates_address_is_two_person_numbers(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    ada, bob = add(ctx, "Ada Lovelace"), add(ctx, "Bob Berg")
    assert client.get(f"/people/duplicates?again={ada}-{bob}").status_code == 200
    for pair in (
        "9999999999-1",  # beyond any person's number
        f"+{ada}-{bob}",
        f"{ada}_0-{bob}",
        f"{_full_width(ada)}-{bob}",
        f"{ada}-{bob}-3",
        "0-1",
    ):
        for which in ("again", "apart"):
            page = client.get("/people/duplicates", params={which: pair})
            assert page.status_code == 422, (which, pair)
            assert "a pair is two people&#39;s numbers like 12-58" in page.text, (which, pair)


def test_a_conversation_s_person_in_its_address_is_a_number_or_passed_over(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    ada, bob = add(ctx, "Ada Lovelace"), add(ctx, "Bob Berg")
    logged = log_interaction(ctx, LogRequest(names=["Ada Lovelace", "Bob Berg"], kind="call"))
    cid = logged["interaction"]["id"]
    page = client.get(f"/conversations/{cid}", params={"person": str(bob)}).text
    assert f'<a href="/people/{bob}#timeline">Back to the timeline</a>' in page
    for typed in (*[w.format(n=bob) for w in NOT_NUMBERS], _full_width(bob), "99999999999"):
        shown = client.get(f"/conversations/{cid}", params={"person": typed})
        assert shown.status_code == 200, typed
        assert f'<a href="/people/{ada}#timeline">Back to the timeline</a>' in shown.text, typed
    # the correction sent with a person that is none goes back to the first one's timeline
    token = csrf_of(client, f"/conversations/{cid}")
    for typed in (_full_width(bob), f"+{bob}"):
        sent = client.post(f"/conversations/{cid}", data={"csrf_token": token, "kind": "call",
                                                           "person": typed})  # fmt: skip
        assert sent.status_code == 303
        assert sent.headers["location"] == f"/people/{ada}#timeline", typed
    # the page that asks before deleting carries no such person on
    asked = client.post(f"/conversations/{cid}/delete",
                        data={"csrf_token": token, "person": _full_width(bob)})  # fmt: skip
    assert asked.status_code == 200
    assert f'href="/conversations/{cid}"' in asked.text  # "Keep it": no person to go back to
    assert 'name="person"' not in asked.text


def test_the_conversations_list_s_person_filter_is_a_person_s_number(
    any_client: tuple[TestClient, Context],
) -> None:
    client, ctx = any_client
    ada = add(ctx, "Ada Lovelace")
    log_interaction(ctx, LogRequest(names=["Ada Lovelace"], kind="call"))
    assert len(client.get("/api/conversations", params={"person": str(ada)}).json()) == 1
    for typed in (*[w.format(n=ada) for w in NOT_NUMBERS], _full_width(ada), "0"):
        listed = client.get("/api/conversations", params={"person": typed})
        assert listed.status_code == 422, typed
        assert listed.json() == {"error": f"person: a person's number, like 12, not {typed!r}"}
