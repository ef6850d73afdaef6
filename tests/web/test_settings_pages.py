"""The Settings page, on both databases: every setting a user sets, saved through the calls of
``config set``, ``goals set`` and ``tags cadence``, refused in their words."""

from __future__ import annotations

import html
import re
import warnings
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from netweave.config import CONFIG_KEYS
from netweave.services.context import Context
from netweave.services.goals import GOAL_NAMES, get_targets
from netweave.services.preferences import set_tag_cadence, show
from netweave.store.models import Setting, Tag, person_tag
from netweave.web.settings_fields import GOAL_LABELS, SETTING_LABELS
from web.conftest import csrf_of
from web.web_helpers import add

Client = tuple[TestClient, Context]


def _stored(ctx: Context) -> dict[str, Any]:
    with ctx.db.reading() as session:
        return {row.key: row.value["value"] for row in session.scalars(select(Setting))}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _field(page: str, name: str) -> str:
    """The tag of the field ``name``."""
    found = re.search(rf'<(?:input|select)[^>]* name="{re.escape(name)}"[^>]*>', page)
    assert found, name
    return found[0]


def test_every_label_names_a_setting_config_set_takes() -> None:
    assert set(SETTING_LABELS) == set(CONFIG_KEYS)
    assert set(GOAL_LABELS) == set(GOAL_NAMES)


def test_the_page_shows_every_setting_in_force_from_the_navigation(any_client: Client) -> None:
    client, ctx = any_client
    add(ctx, "Ada Lovelace", tags=["mentor", "python"])
    set_tag_cadence(ctx, "mentor", 30)
    page = client.get("/settings")
    assert page.status_code == 200
    html = page.text
    assert '<a href="/settings" class="active" aria-current="page">Settings</a>' in html
    for name, value in {"conversations": "5", "gives": "1", "check_ins": "3",
                        "circles.inner": "14", "circles.dormant": "none",
                        "woven.min_two_way": "3", "woven.min_known_days": "30",
                        "woven.min_gives": "1", "phone_region": "US",
                        "tag-0": "30", "tag-1": "none"}.items():  # fmt: skip
        assert f'value="{value}"' in _field(html, name), name
    assert 'value="mentor"' in _field(html, "tag-0-label")
    assert "mentor (1 person)" in _text(html)
    order = _field(html, "targets.order")
    assert 'aria-describedby="order-hint"' in order
    assert '<option value="motivation,posting,advocacy" selected>' in html
    assert 'name="csrf_token"' in html


def test_a_saved_form_redirects_and_the_page_says_saved_once(any_client: Client) -> None:
    client, ctx = any_client
    add(ctx, "Ada Lovelace", tags=["mentor"])
    sent = client.post("/settings", data={
        "csrf_token": csrf_of(client, "/settings"), "conversations": "5", "gives": "2",
        "circles.close": " 21 ", "circles.dormant": "none", "woven.min_gives": "0",
        "phone_region": "gb", "targets.order": "posting,motivation,advocacy",
        "tag-0": "45", "tag-0-label": "mentor",
    })  # fmt: skip
    assert sent.status_code == 303
    where = sent.headers["location"]
    assert re.fullmatch(r"/settings\?saved=[\w-]{22}", where)
    said = re.search(r'<p class="flash" role="status" data-saved>(.*?)</p>', client.get(where).text)
    assert said
    assert said[1] == (
        "Saved: Gives a week 2; Close circle 21; Times you helped them 0; Phone region GB; "
        "Target order posting, motivation, advocacy; Tag mentor 45."
    )
    assert "data-saved" not in client.get(where).text  # said once: reloaded, not again
    assert get_targets(ctx) == {"conversations": 5, "gives": 2, "check_ins": 3}
    settings = show(ctx)
    assert settings["tag_cadences"] == {"mentor": 45}
    assert settings["settings"]["circles.close"] == 21
    assert settings["settings"]["woven.min_gives"] == 0
    assert settings["settings"]["phone_region"] == "GB"
    assert settings["settings"]["targets.order"] == "posting,motivation,advocacy"
    assert "circles.dormant" not in _stored(ctx)  # unchanged: the default stays unpinned
    page = client.get("/settings").text
    assert 'value="21"' in _field(page, "circles.close")
    assert "data-saved" not in page
    # sent as shown: nothing changes
    again = client.post("/settings", data={"csrf_token": csrf_of(client), "gives": "2"})
    assert "Saved: nothing had changed." in client.get(again.headers["location"]).text


REFUSED = {
    "conversations": "7",  # fine, but not saved: another field is refused
    "gives": "x",
    "check_ins": "1_0",
    "circles.close": "0",
    "circles.wide": "",
    "woven.min_known_days": "99999",
    "phone_region": "UK",
    "targets.order": "motivation,motivation",
    "tag-0": "-3",
    "tag-0-label": "mentor",
}
SAID = {
    "gives": "Gives a week: 'x' is not a whole number.",
    "check_ins": "Check-ins a week: '1_0' is not a whole number.",
    "circles.close": "Close circle: 0 is not from 1 to 3650.",
    "circles.wide": "Wide circle: '' is not a whole number of days, or none.",
    "woven.min_known_days": "Days since you met: 99999 is not from 0 to 3650.",
    "phone_region": "Phone region: 'UK' is no country's code (GB for the United Kingdom).",
    "targets.order": "Target order: each LAMP key may appear once.",
    "tag-0": "Tag mentor: -3 is not from 1 to 3650.",
}


def test_refused_values_come_back_as_typed_at_their_fields_and_nothing_is_saved(
    any_client: Client,
) -> None:
    client, ctx = any_client
    add(ctx, "Ada Lovelace", tags=["mentor"])
    before = show(ctx)
    sent = client.post("/settings", data={"csrf_token": csrf_of(client, "/settings"), **REFUSED})
    assert sent.status_code == 422
    html = sent.text
    assert "<title>Not saved: Gives a week: &#39;x&#39; is not a whole number" in html
    for name, message in SAID.items():
        error_id = f"settings-{name.replace('.', '-').replace('_', '-')}-error"
        shown = re.search(rf'<p class="[^"]*" id="{error_id}" role="alert"[^>]*>(.*?)</p>', html)
        assert shown, name
        assert shown[1].replace("&#39;", "'") == f"{message} Nothing was saved."
        field = _field(html, name)
        assert 'aria-invalid="true"' in field
        assert error_id in field
        assert ("autofocus" in field) == (name == "gives")  # the first one refused
    for name in ("conversations", "gives", "check_ins", "circles.close", "tag-0"):
        assert f'value="{REFUSED[name]}"' in _field(html, name)  # as typed
    assert "aria-invalid" not in _field(html, "conversations")
    assert show(ctx) == before
    assert _stored(ctx) == {}
    assert get_targets(ctx)["conversations"] == 5


def test_the_web_says_what_the_command_line_says(any_client: Client) -> None:
    """The one wording of a refused value: the command line's message, with the field's
    label where the command line names its option or the setting."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "'click.utils", DeprecationWarning)
        from typer.testing import CliRunner

        from netweave.cli.app import app
    client, ctx = any_client
    add(ctx, "Ada Lovelace", tags=["mentor"])
    url = ctx.settings.database_url
    html = client.post("/settings", data={"csrf_token": csrf_of(client, "/settings"),
                                          **REFUSED}).text  # fmt: skip
    commands = {
        "gives": ["goals", "set", "--gives", "x"],
        "check_ins": ["goals", "set", "--check-ins", "1_0"],
        "circles.close": ["config", "set", "circles.close", "0"],
        "circles.wide": ["config", "set", "circles.wide", ""],
        "woven.min_known_days": ["config", "set", "woven.min_known_days", "99999"],
        "phone_region": ["config", "set", "phone_region", "UK"],
        "targets.order": ["config", "set", "targets.order", "motivation,motivation"],
        "tag-0": ["tags", "cadence", "mentor", "-3"],
    }
    for name, args in commands.items():
        result = CliRunner().invoke(app, ["--db", url, *args])
        assert result.exit_code in (1, 2), result.output
        line = result.stderr.strip().removeprefix("netweave: error: ")
        cli_said = re.sub(r" \(see '.*'\)$", "", line)
        cli_said = re.sub(r"^Invalid value for '[^']+': |^[\w.]+: ", "", cli_said)
        error_id = f"settings-{name.replace('.', '-').replace('_', '-')}-error"
        shown = re.search(rf'id="{error_id}" role="alert"[^>]*>(.*?) Nothing was saved', html)
        assert shown, name
        assert shown[1].replace("&#39;", "'").endswith(f": {cli_said}."), (name, cli_said)


def test_a_tag_gone_since_the_page_was_shown_is_said_at_its_field(any_client: Client) -> None:
    client, ctx = any_client
    sent = client.post("/settings", data={
        "csrf_token": csrf_of(client, "/settings"), "tag-0": "30", "tag-0-label": "gone",
        "gives": "3",
    })  # fmt: skip
    assert sent.status_code == 422
    said = r'id="settings-tag-0-error" role="alert"[^>]*>Tag gone: no such tag now'
    assert re.search(said, sent.text)
    assert _stored(ctx) == {}


def test_a_tag_removed_while_the_form_is_saved_is_said_at_its_field_and_nothing_is_saved(
    any_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tag is there when the form is checked and gone when it is saved (another tab):
    the save is refused as the check refuses a tag gone, and none of the form is kept."""
    from netweave.web.routes import settings as route
    from netweave.web.settings_fields import read_form

    client, ctx = any_client
    add(ctx, "Ada Lovelace", tags=["mentor"])
    add(ctx, "Bea Close", tags=["python"])

    def checked_then_removed(typed: dict[str, Any], tags: list[str]) -> Any:
        read = read_form(typed, tags)
        monkeypatch.setattr(route, "read_form", read_form)  # once
        with ctx.db.transaction() as session:
            tag = session.scalars(select(Tag).where(Tag.label == "mentor")).one()
            session.execute(delete(person_tag).where(person_tag.c.tag_id == tag.id))
            session.delete(tag)
        return read

    token = csrf_of(client, "/settings")
    monkeypatch.setattr(route, "read_form", checked_then_removed)
    sent = client.post("/settings", data={
        "csrf_token": token, "gives": "3", "circles.close": "21", "tag-0": "30",
        "tag-0-label": "mentor", "tag-1": "10", "tag-1-label": "python",
    })  # fmt: skip
    assert sent.status_code == 422
    html = sent.text
    said = "Tag mentor: no such tag now (removed since the page was shown)"
    assert f"Not saved: {said}" in html
    shown = re.search(r'id="settings-tag-0-error" role="alert"[^>]*>(.*?)</p>', html)
    assert shown
    assert shown[1] == f"{said}. Nothing was saved."
    assert _stored(ctx) == {}
    assert show(ctx)["tag_cadences"] == {}
    # the tag left keeps its own field and what was typed in it, not the one removed
    assert 'value="python"' in _field(html, "tag-1-label")
    assert 'value="10"' in _field(html, "tag-1")
    assert 'name="tag-0"' not in html


@pytest.mark.parametrize("token", [None, "wrong"])
def test_without_its_token_the_form_changes_nothing(any_client: Client, token: str | None) -> None:
    client, ctx = any_client
    client.get("/settings")
    data = {"gives": "4"} | ({"csrf_token": token} if token else {})
    assert client.post("/settings", data=data).status_code == 403
    assert _stored(ctx) == {}


def test_the_goals_box_links_to_the_page_instead_of_the_command(any_client: Client) -> None:
    client, _ctx = any_client
    page = client.get("/").text
    box = page[page.index("data-goals") :]
    assert '<a href="/settings#goals">change the targets</a>' in box
    assert "netweave goals set" not in page


def _form(page: str) -> dict[str, str]:
    """The Settings form as the page fills it in (each field's value, the option selected)."""
    form = dict(
        re.findall(r'<input type="(?:text|hidden)"[^>]* name="([^"]+)"[^>]* value="([^"]*)"', page)
    )
    chosen = re.search(
        r'<select name="targets.order".*?<option value="([^"]+)" selected', page, re.S
    )
    assert chosen
    return form | {"targets.order": chosen[1]}


def test_a_value_changed_elsewhere_since_the_page_was_shown_is_not_put_back(
    any_client: Client,
) -> None:
    """Only the fields edited are saved: a setting changed by the command line (or another
    tab) after the page was shown keeps its new value, and the page says only the edit."""
    from netweave.services.goals import set_targets
    from netweave.services.preferences import set_preference

    client, ctx = any_client
    add(ctx, "Ada Lovelace", tags=["alumni"])
    form = _form(client.get("/settings").text)
    assert (form["circles.wide"], form["shown:circles.wide"]) == ("180", "180")
    set_preference(ctx, "circles.wide", "60")  # elsewhere, since the page was shown
    set_preference(ctx, "woven.min_two_way", "5")
    set_tag_cadence(ctx, "alumni", 20)
    set_targets(ctx, check_ins=4)
    sent = client.post("/settings", data=form | {"gives": "2"})
    assert sent.status_code == 303, sent.text
    said = re.search(r"data-saved>(.*?)</p>", client.get(sent.headers["location"]).text)
    assert said
    assert said[1] == "Saved: Gives a week 2."
    settings = show(ctx)
    assert settings["settings"]["circles.wide"] == 60
    assert settings["settings"]["woven.min_two_way"] == 5
    assert settings["tag_cadences"] == {"alumni": 20}
    assert get_targets(ctx) == {"conversations": 5, "gives": 2, "check_ins": 4}


def test_a_setting_changed_here_and_elsewhere_since_is_refused_saying_both(
    any_client: Client,
) -> None:
    """The same setting changed on the page and elsewhere since it was shown (another tab,
    ``config set``): nothing is saved, the field says both values; saved again, the page's
    value is kept."""
    from netweave.services.preferences import set_preference

    client, ctx = any_client
    add(ctx, "Ada Lovelace", tags=["alumni"])
    form = _form(client.get("/settings").text)
    set_preference(ctx, "circles.wide", "60")  # elsewhere, since the page was shown
    set_tag_cadence(ctx, "alumni", 20)
    sent = client.post("/settings", data=form | {"circles.wide": "90", "gives": "2",
                                                 "tag-0": "30"})  # fmt: skip
    assert sent.status_code == 422
    page = html.unescape(sent.text)
    assert (
        "Wide circle: changed in another window since you opened this page: it is now “60” "
        "there, “90” here; save again to keep yours. Nothing was saved."
    ) in page
    assert "Tag alumni: changed in another window" in page
    assert show(ctx)["settings"]["circles.wide"] == 60
    assert get_targets(ctx)["gives"] != 2
    again = client.post("/settings", data=_form(sent.text))
    assert again.status_code == 303, again.text
    assert show(ctx)["settings"]["circles.wide"] == 90
    assert show(ctx)["tag_cadences"] == {"alumni": 30}
    assert get_targets(ctx)["gives"] == 2
