"""``netweave asks``: list open asks, settle them; logging a receipt closes one."""

from __future__ import annotations

from cli_support import error_line


def test_asks_are_listed_settled_and_answered_by_a_receipt(cli):
    cli.add("Priya Raman")
    cli.json("log", "priya", "--on", cli.days_ago(7), "--kind", "coffee",
             "--ask", "information", "--ask", "advice")  # fmt: skip
    listed = cli("asks", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "open for 7 days" in listed.stdout
    asks = cli.json("asks", "list", "priya")
    assert [a["kind"] for a in asks] == ["information", "advice"]
    reply = ("--kind", "email", "--direction", "in", "--received", "information")
    logged = cli("log", "priya", *reply)
    assert logged.exit_code == 0, logged.stderr
    assert (
        f"That answers your ask #{asks[0]['id']} of Priya Raman (information, "
        f"{cli.days_ago(7)}): marked fulfilled." in logged.stdout
    )
    declined = cli("asks", "declined", str(asks[1]["id"]))
    assert declined.stdout == (
        f"Ask #{asks[1]['id']} (advice from Priya Raman, {cli.days_ago(7)}): declined.\n"
    )
    assert cli("asks", "list").stdout == "No open asks.\n"
    assert [a["status"] for a in cli.json("asks", "list", "--all")] == ["fulfilled", "declined"]
    shown = cli("people", "show", "priya").stdout
    assert "open ask" not in shown
    assert cli.json("asks", "reopen", str(asks[1]["id"]))["status"] == "open"
    assert "1 open ask (`netweave asks list`)" in cli("people", "show", "priya").stdout
    again = cli("asks", "reopen", str(asks[1]["id"]))
    assert again.exit_code == 0
    assert again.stdout == (
        f"Ask #{asks[1]['id']} (advice from Priya Raman) is open for 7 days already.\n"
    )
    twice = cli("asks", "fulfilled", str(asks[0]["id"]))
    assert twice.stdout == (
        f"Ask #{asks[0]['id']} (information from Priya Raman) was fulfilled on {cli.today} "
        "already.\n"
    )
    assert "no ask #99" in error_line(cli("asks", "fulfilled", "99"))
    error_line(cli("asks", "fulfilled", "x"), code=2)


def test_an_ask_made_today_reads_so(cli):
    cli.add("Ann Lee")
    cli.json("log", "ann", "--ask", "advice")
    assert "asked today" in cli("asks", "list").stdout


def test_taking_back_the_receipt_that_fulfilled_an_ask_opens_it_again(cli):
    cli.add("Priya Raman")
    cli.json("log", "priya", "--on", cli.days_ago(9), "--kind", "coffee", "--ask", "advice")
    reply = cli.json("log", "priya", "--on", cli.days_ago(2), "--kind", "email",
                     "--direction", "in", "--received", "advice")  # fmt: skip
    (ask,) = cli.json("asks", "list", "--all")
    assert f"fulfilled on {cli.days_ago(2)}" in cli("asks", "list", "--all").stdout
    number = str(reply["interaction"]["id"])
    deleted = cli("conversations", "delete", number, "--yes")
    assert deleted.exit_code == 0, deleted.stderr
    assert (
        f"  Open again: your ask #{ask['id']} of Priya Raman (advice, {cli.days_ago(9)})."
        in deleted.stdout
    )
    assert "open for 9 days" in cli("asks", "list").stdout


def test_log_says_a_conversation_is_the_second_contact_of_a_waiting_outreach(cli):
    cli.add("Mina Li", "--company", "Hooli")
    cli.add("Sofia Rossi", "--company", "Hooli")
    cli("log", "mina", "--kind", "message", "--direction", "out", "--ask", "advice")
    logged = cli("log", "sofia", "--kind", "coffee")
    assert logged.exit_code == 0, logged.stderr
    assert logged.stdout.splitlines()[1] == (
        f"  Sofia Rossi is at Hooli, where your outreach to Mina Li of {cli.days_ago(0)} has "
        "no reply yet: this conversation counts as its second contact, so the agenda will not "
        "ask you to reach out to a second person there; if Mina Li does not answer, follow up "
        "on 2026-06-24."
    )


def test_an_ask_dated_after_an_earlier_as_of_is_never_open_a_negative_time(cli):
    """``--as-of`` a day before the data: an ask logged later is "asked after today", open
    0 days (as a lead's days in its stage), not "open for -N days"."""
    import datetime as dt

    cli.add("Priya Raman")
    cli.json("log", "priya", "--kind", "coffee", "--ask", "advice")
    before = cli.today - dt.timedelta(days=400)
    listed = cli("asks", "list", as_of=before)
    assert listed.exit_code == 0, listed.stderr
    assert "asked after today" in listed.stdout
    assert "open for -" not in listed.stdout
    asks = cli.json("asks", "list", as_of=before)
    assert [(a["days_open"], a["after_today"]) for a in asks] == [(0, True)]
    assert [a["after_today"] for a in cli.json("asks", "list")] == [False]
