"""The main flows in a real browser against the real server; screenshots kept as artifacts.

Screenshots go to ``test-artifacts/browser/`` (ignored by git), at desktop and phone widths.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from netweave.clock import Clock
from netweave.config import Settings, sqlite_url
from netweave.services.context import open_context
from netweave.services.interactions import LogRequest, log_interaction
from netweave.services.leads import add_lead
from netweave.services.people import PersonChanges, add_person
from netweave.services.tasks import add_task
from netweave.store.models import Lead
from web.browser import DESKTOP, NEEDS_CHROMIUM, PHONE, demo_network, running_server, shot
from web.web_helpers import DAY

pytestmark = NEEDS_CHROMIUM
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A demo network plus the people the flows need, served on a free port."""
    db = tmp_path_factory.mktemp("browser") / "netweave.db"
    demo_network(db, DAY)
    ctx = open_context(Settings(database_url=sqlite_url(db)), Clock(as_of=DAY))
    try:
        add_person(ctx, PersonChanges(name="Alan Turing", circle="inner"))
        log_interaction(
            ctx, LogRequest(names=["Alan Turing"], on=DAY - dt.timedelta(days=400), kind="call")
        )
        add_person(ctx, PersonChanges(name="Nina Newcomb", met_on=DAY - dt.timedelta(days=3)))
        add_person(ctx, PersonChanges(name="Tess Taskwell"))
        add_person(ctx, PersonChanges(name="Rosa Rewrite"))
        log_interaction(
            ctx,
            LogRequest(
                names=["Rosa Rewrite"], on=DAY - dt.timedelta(days=2), kind="call",
                note="Lunch abuot typos", gave=["advice"],
            ),
        )  # fmt: skip
        add_task(ctx, "Send Tess the slides", person="Tess Taskwell")
        link = "https://www.linkedin.com/jobs/view/4012345678/?refId=" + "x" * 90
        add_person(ctx, PersonChanges(name="Lena Longlink", note=f"Posted {link}"))
        log_interaction(ctx, LogRequest(names=["Lena Longlink"], note=f"Sent me {link}"))
        add_lead(ctx, "Acme Robotics", "Principal" + "Platform" * 6 + "Engineer")
        add_lead(ctx, "Acme Robotics", "Board Test Role", source="referral")
        add_person(
            ctx,
            PersonChanges(
                name="Vera Values",
                interests=["professional:robotics", "personal:choir singing"],
                needs=["an intro to a hardware startup", "a sublet in Lisbon"],
                offers=["reviews of Rust code", "hiking routes"],
            ),
        )
        add_person(ctx, PersonChanges(name="Rita Referrer", company="Umbrella Labs"))
        add_lead(ctx, "Umbrella Labs", "Platform engineer", source="referral",
                 next_step="Ask Rita about the team", due=DAY,
                 people=[("Rita Referrer", "referrer")])  # fmt: skip
        add_person(ctx, PersonChanges(name="Gil Giver"))
        log_interaction(
            ctx,
            LogRequest(names=["Gil Giver"], on=DAY - dt.timedelta(days=1), received=["advice"]),
        )
        add_lead(ctx, "Globex", "Solo Step Role", next_step="Apply on the careers site", due=DAY)
        add_lead(ctx, "Globex", "Posted Role", source="posting",
                 url="https://globex.example/jobs/7")  # fmt: skip
        from netweave.services import intros

        for name in ("Ivo Intro", "Ines Intro"):
            add_person(ctx, PersonChanges(name=name))
        made = intros.propose(ctx, "Ivo Intro", "Ines Intro", "Both build robots")
        for step in (intros.ask, intros.agree, intros.ask, intros.agree, intros.introduce):
            step(ctx, int(made["id"]))
        scripted = add_lead(ctx, "Globex", "Scripted Role", source="posting")
        with ctx.db.transaction() as session:  # stored before input was checked
            lead = session.get(Lead, scripted["id"])
            assert lead is not None
            lead.posting_url = "javascript:alert(document.cookie)"
    finally:
        ctx.close()
    with running_server(db, DAY) as url:
        yield url


def test_add_a_person_then_find_them_as_you_type(server: str, page: Any) -> None:
    page.goto(server + "/people/new")
    page.fill("input[name=name]", "Katherine Johnson")
    page.fill("input[name=email]", "katherine@example.org")
    page.fill("input[name=company]", "Langley Research")
    page.fill("input[name=title]", "Mathematician")
    page.click("button:has-text('Add person')")
    page.wait_for_url(re.compile(r"/people/\d+\?said=[\w-]+$"))
    assert page.inner_text("h1").startswith("Katherine Johnson")
    assert "Langley Research" in page.inner_text(".person-head")
    shot(page, "flow-person-added")
    page.goto(server + "/people")
    page.fill("input[name=q]", "katherine joh")  # the demo has a Katherine of its own
    expect(page.locator("#people-rows tr")).to_have_count(1)
    expect(page.locator("#people-rows")).to_contain_text("Katherine Johnson")
    assert "q=katherine" in page.url
    shot(page, "flow-people-search")
    page.fill("input[name=q]", "@example.org")  # the domain of her address
    expect(page.locator("#people-rows tr")).to_have_count(1)
    expect(page.locator("#people-rows")).to_contain_text("Katherine Johnson")
    shot(page, "flow-people-domain-search")
    page.fill("input[name=q]", "@example.com")
    expect(page.locator("#people-rows")).not_to_contain_text("Katherine Johnson")


def test_people_found_then_ticked_are_tagged(server: str, page: Any) -> None:
    page.goto(server + "/people")
    page.fill("input[name=q]", "vera values")
    expect(page.locator("#people-rows tr")).to_have_count(1)
    page.check("[data-select-all]")  # the search box loses focus: its "change" fires
    page.wait_for_timeout(300)
    expect(page.locator("#people-rows input[name=ids]:checked")).to_have_count(1)
    page.fill(".bulk-form input[name=tag]", "robot-builders")
    page.click("button:has-text('Add tag')")
    expect(page.locator("body")).to_contain_text("Tagged 1 person")


def test_a_filter_refused_says_why_and_tagging_keeps_the_filters(server: str, browser: Any) -> None:
    """The refused filter's 404 is logged by the browser as a console error: not a failure."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server + "/people")
    page.fill("input[name=org]", "Zzyzx Nowhere")
    expect(page.locator("[data-filter-error]")).to_have_text(
        "no organization matches 'Zzyzx Nowhere'"
    )
    expect(page.locator("nav")).to_have_count(1)  # no page inside the table
    page.fill("input[name=org]", "")
    page.select_option("select[name=circle]", "inner")
    page.wait_for_url(re.compile(r"circle=inner"))
    page.check("#people-rows input[name=ids] >> nth=0")
    page.fill(".bulk-form input[name=tag]", "inner-ones")
    page.click("button:has-text('Add tag')")
    page.wait_for_url(re.compile(r"tagged=1"))
    assert "circle=inner" in page.url
    context.close()


def test_log_a_coffee_and_today_changes(server: str, page: Any) -> None:
    page.goto(server + "/")
    item = page.locator(".agenda-item", has_text="Alan Turing")
    assert item.count() == 1
    item.locator("summary:has-text('Log a conversation')").click()
    item.locator("select[name=kind]").select_option("coffee")
    item.locator("input[name=note]").fill("Coffee about morphogenesis")
    shot(page, "flow-today-logging")
    item.locator("button:has-text('Log')").click()
    page.wait_for_load_state()
    assert page.locator(".agenda-item", has_text="Alan Turing").count() == 0
    page.goto(server + "/")
    tess = page.locator(".agenda-item", has_text="Send Tess the slides")
    assert tess.count() == 1
    tess.locator("button:has-text('Done')").click()  # one click, done in place
    expect(page.locator("#agenda .agenda-item", has_text="Send Tess")).to_have_count(0)
    expect(page.locator("[data-agenda-said]")).to_contain_text("Marked done: Send Tess")
    shot(page, "flow-today-after")


def test_needs_offers_and_interests_removed_from_the_person_page(server: str, page: Any) -> None:
    page.goto(server + "/people?q=Vera+Values")
    page.click("#people-rows a:has-text('Vera Values')")
    page.wait_for_url(re.compile(r"/people/\d+$"))
    profile = page.locator("#profile")
    expect(profile.locator("button.btn-x")).to_have_count(6)
    shot(page, "flow-person-values")
    profile.locator("button[aria-label='Remove need a sublet in Lisbon']").click()
    page.wait_for_url(re.compile(r"/people/\d+\?said=[\w-]+#profile$"))
    said = page.locator("main [data-said]")
    expect(said).to_have_text("Removed the need “a sublet in Lisbon” from Vera Values's record.")
    expect(said).to_be_focused()
    expect(profile).not_to_contain_text("a sublet in Lisbon")
    expect(profile).to_contain_text("an intro to a hardware startup")
    profile.locator("button[aria-label='Remove interest choir singing']").click()
    page.wait_for_url(re.compile(r"/people/\d+\?said=[\w-]+#profile$"))
    expect(said).to_have_text("Removed the interest “choir singing” from Vera Values's record.")
    expect(profile.locator("button.btn-x")).to_have_count(4)
    expect(profile).not_to_contain_text("choir singing")
    page.evaluate("window.scrollTo(0, 0)")  # the sticky top bar stays on top in the shot
    shot(page, "flow-person-value-removed")


def test_a_lead_step_on_today_goes_through_its_referrer(server: str, page: Any) -> None:
    page.goto(server + "/")
    item = page.locator(".agenda-item", has_text="Ask Rita about the team")
    expect(item).to_have_count(1)
    expect(item.locator("a.agenda-person")).to_have_text("Rita Referrer")
    expect(item).to_contain_text("referred by Rita Referrer")
    shot(page, "flow-today-lead")
    item.locator("button:has-text('Done')").click()  # the step done, in place
    expect(page.locator("#agenda")).not_to_contain_text("Ask Rita about the team")


def test_a_give_back_snoozed_and_a_lead_step_done_on_today(server: str, page: Any) -> None:
    page.goto(server + "/")
    give = page.locator(".agenda-item.kind-give", has_text="Gil Giver")
    expect(give).to_have_count(1)
    expect(give.locator("summary:has-text('Snooze')")).to_have_count(1)
    solo = page.locator(".agenda-item.kind-lead", has_text="Apply on the careers site")
    expect(solo.locator("button:has-text('Done')")).to_have_count(1)
    expect(solo.locator("summary:has-text('Snooze')")).to_have_count(1)
    shot(page, "flow-today-snooze-give")
    give.locator("summary:has-text('Snooze')").click()  # how long: a week unless chosen
    give.locator("select[name=days]").select_option(label="2 weeks")
    shot(page, "flow-today-snooze-give-open")
    give.locator(".snooze-form button:has-text('Snooze')").click()  # in place
    expect(page.locator("#agenda .agenda-item", has_text="Gil Giver")).to_have_count(0)
    # the button pressed is gone: focus lands on what it did, not on the page itself
    expect(page.locator("[data-agenda-said]")).to_be_focused()
    expect(page.locator("[data-agenda-said]")).to_contain_text("Snoozed the give-back to Gil")
    page.locator(".agenda-item", has_text="Apply on the careers site").locator(
        "button:has-text('Done')"
    ).click()
    expect(page.locator("#agenda")).not_to_contain_text("Apply on the careers site")
    shot(page, "flow-today-after-snooze-give")


def test_only_an_http_posting_url_is_a_link(server: str, page: Any) -> None:
    page.goto(server + "/leads")
    page.click(".lead-card a:has-text('Posted Role')")
    page.wait_for_url(re.compile(r"/leads/\d+$"))
    link = page.locator(".page-head a:has-text('the posting')")
    expect(link).to_have_attribute("href", "https://globex.example/jobs/7")
    shot(page, "flow-lead-posting-link")
    page.goto(server + "/leads")
    page.click(".lead-card a:has-text('Scripted Role')")
    page.wait_for_url(re.compile(r"/leads/\d+$"))
    expect(page.locator(".page-head a:has-text('the posting')")).to_have_count(0)
    expect(page.locator(".page-head .url-text")).to_have_text("javascript:alert(document.cookie)")
    assert page.locator("a[href^='javascript']").count() == 0
    shot(page, "flow-lead-posting-text")


def test_a_lead_page_sets_a_step_links_someone_and_is_edited(server: str, page: Any) -> None:
    page.goto(server + "/leads")
    page.click(".lead-card a:has-text('Board Test Role')")
    page.wait_for_url(re.compile(r"/leads/\d+$"))
    page.fill("form[action$='/next'] input[name=step]", "Coffee with Rita")  # not Move's
    page.click("button:has-text('Set')")
    expect(page.locator("[data-next-step]")).to_contain_text("Coffee with Rita")
    page.fill("input[name=person]", "Rita Referrer")
    page.select_option("select[name=role]", "referrer")
    page.click("button:has-text('Link')")
    expect(page.locator(".people-list")).to_contain_text("Rita Referrer")
    page.click("summary:has-text('Edit the lead')")
    page.fill(".edit-details input[name=role]", "Board Test Role, senior")
    page.fill("textarea[name=notes]", "Rita says the team is hiring in spring.")
    shot(page, "flow-lead-edit-open")
    page.click(".edit-details button:has-text('Save')")
    expect(page.locator("h1")).to_have_text("Board Test Role, senior")
    expect(page.locator(".notes")).to_have_text("Rita says the team is hiring in spring.")
    shot(page, "flow-lead-edited")
    page.click("button[aria-label^='Take Rita Referrer off']")
    expect(page.locator(".people-list")).to_contain_text("No one linked yet.")


def test_a_posting_url_that_is_not_http_is_refused(server: str, browser: Any) -> None:
    """The form comes back open, as typed, the message at the posting (the browser logs the
    422 as a console error: not a failure)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server + "/leads")
    page.click("summary:has-text('New lead')")
    page.fill("input[name=org]", "Initech")
    page.fill("input[name=role]", "Refused Role")
    page.fill("input[name=url]", "javascript:alert(1)")
    page.click(".add-lead button:has-text('Add')")
    expect(page.get_by_role("alert")).to_have_text(
        "Posting URL: give an http:// or https:// address, not 'javascript:alert(1)'. "
        "Nothing was saved."
    )
    expect(page.locator("input[name=url]")).to_be_focused()
    assert page.input_value("input[name=role]") == "Refused Role"
    shot(page, "flow-lead-posting-refused")
    page.goto(server + "/leads")
    expect(page.locator(".lead-card", has_text="Refused Role")).to_have_count(0)
    context.close()


def test_a_refused_form_goes_back_with_what_was_typed(server: str, browser: Any) -> None:
    """A refused form comes back filled in as it was (the browser logs the 422 as a console
    error: not a failure)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server + "/people/new")
    page.fill("input[name=name]", "Dorothy Vaughan")
    page.fill("input[name=company]", ",.")  # no name: the server refuses it, not the browser
    page.fill("textarea[name=note]", "Taught herself FORTRAN")
    page.fill("input[name=met_on]", "2026-05-04")
    page.click("button:has-text('Add person')")
    # the form again, as typed, the message at the field refused and the focus there
    expect(page.get_by_role("alert")).to_contain_text("Organization: not an organization name")
    expect(page.locator("input[name=company]")).to_be_focused()
    expect(page.locator("input[name=company]")).to_have_attribute("aria-invalid", "true")
    shot(page, "flow-form-refused")
    assert page.input_value("input[name=name]") == "Dorothy Vaughan"
    assert page.input_value("textarea[name=note]") == "Taught herself FORTRAN"
    assert page.input_value("input[name=met_on]") == "2026-05-04"
    page.fill("input[name=company]", "West Area Computing")
    page.click("button:has-text('Add person')")
    page.wait_for_url(re.compile(r"/people/\d+\?said=[\w-]+$"))
    assert "West Area Computing" in page.inner_text(".person-head")
    context.close()


def test_a_refused_form_in_a_folded_section_comes_back_unfolded(server: str, browser: Any) -> None:
    """A refused edit comes back with the section holding the form open, with what was
    typed: a domain that is not one, on an organization's page."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(server + "/orgs")
    page.click("table a:has-text('Globex')")
    page.wait_for_url(re.compile(r"/orgs/\d+$"))
    edit = page.locator("details.edit-details")
    edit.locator("summary").click()
    page.fill("input[name=domain]", "globex corp")
    page.click("button:has-text('Save')")
    expect(page.get_by_role("alert")).to_contain_text("Domain: not a domain")
    expect(edit).to_have_attribute("open", "")
    expect(page.locator("input[name=domain]")).to_be_focused()
    assert page.input_value("input[name=domain]") == "globex corp"
    shot(page, "flow-folded-form-refused")
    # a page opened afresh keeps its sections folded, forms with choices among them
    for path, folded in (("/leads", "details.add-lead"), ("/targets", "details.target-change")):
        page.goto(server + path)
        assert page.locator(folded).count() > 0
        assert page.locator(folded + "[open]").count() == 0, path
    context.close()


def test_an_ask_is_flagged_by_the_woven_check(server: str, page: Any) -> None:
    page.goto(server + "/people")
    page.fill("input[name=q]", "Nina Newcomb")
    expect(page.locator("#people-rows tr")).to_have_count(1)
    page.click("#people-rows a:has-text('Nina Newcomb')")
    page.wait_for_url(re.compile(r"/people/\d+$"))
    woven = page.locator("[data-woven]")
    assert woven.is_hidden()
    page.select_option("select[name=ask]", "referral")
    woven.wait_for(state="visible")
    expect(page.locator("[data-woven-facts]")).to_contain_text("you met 3 days ago")
    assert "Not woven yet" in woven.inner_text()
    shot(page, "flow-woven-check")
    page.fill("textarea[name=note]", "Coffee after the meetup")
    page.select_option("select[name=gave]", "information")
    page.select_option("select[name=received]", "advice")
    page.click("button:has-text('Log conversation')")
    page.wait_for_selector("[data-coaching]")
    assert "Not recorded" in page.inner_text("[data-coaching]")
    # the form below still holds what was about to be logged
    assert page.input_value("textarea[name=note]") == "Coffee after the meetup"
    assert page.input_value("select[name=gave]") == "information"
    assert page.input_value("select[name=ask]") == "referral"
    shot(page, "flow-woven-coaching")
    page.click("button:has-text('Log it as an ask for advice')")
    page.wait_for_url(re.compile(r"/people/\d+\?logged=[\w-]+#timeline$"))
    assert page.locator(".timeline li").count() == 1
    # the give and the receipt went in with it (and the ask, for advice, was not coached)
    stats = [page.inner_text(f"#reciprocity .stats div:nth-child({n}) .num") for n in (1, 2, 3)]
    assert stats == ["1", "1", "1"]


def _upload(server: str, page: Any, kind: str, file: Path) -> None:
    """Import a file from the Imports page and wait for the job to finish."""
    page.goto(server + "/imports")
    page.select_option("select[name=kind]", kind)
    page.set_input_files("input[name=file]", str(file))
    page.click("button:has-text('Import')")
    page.wait_for_url(re.compile(r"/imports/jobs/"))
    page.locator("[data-job-done]").wait_for(state="visible")


def test_an_import_then_undo(server: str, page: Any) -> None:
    _upload(server, page, "vcard", DATA / "vcard" / "google_contacts.vcf")
    created = int(page.inner_text("[data-sum=created]"))
    assert created > 0
    assert int(page.inner_text("[data-sum=people]")) > 0
    expect(page.locator("h1")).to_have_text("Imported google_contacts.vcf")
    assert page.title() == "Imported google_contacts.vcf · netweave"
    shot(page, "flow-import-done")
    page.reload()  # as the server renders it, the job done
    expect(page.locator("h1")).to_have_text("Imported google_contacts.vcf")
    page.goto(server + "/imports")
    row = page.locator("tbody tr").first
    assert "done" in row.inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    row.locator("button:has-text('Undo')").click()
    page.wait_for_url(re.compile(r"undone="))
    assert "undone" in page.locator("tbody tr").first.inner_text()
    shot(page, "flow-import-undone")


def test_past_imports_on_a_phone_show_the_file_and_undo_in_reach(server: str, browser: Any) -> None:
    _upload(server, browser.new_context().new_page(), "vcard", DATA / "vcard" / "v4.vcf")
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(server + "/imports")
    row = tab.locator("table.batches tbody tr").first
    expect(row.locator("td.batch-file")).to_contain_text("v4.vcf")
    undo = row.locator("button:has-text('Undo')").bounding_box()
    assert undo is not None
    assert undo["x"] + undo["width"] <= PHONE["width"]
    shot(tab, "flow-imports-phone")
    context.close()


def test_an_import_lists_its_problems(server: str, page: Any) -> None:
    _upload(server, page, "google-csv", DATA / "google" / "contacts_google.csv")
    expect(page.locator("[data-job-problems]")).to_contain_text(
        "a company without a person's name"
    )  # on the page that says it is done, too
    shot(page, "flow-import-done-problems")
    page.goto(server + "/imports")
    problems = page.locator("tbody tr").first.locator("details.problems")
    problems.locator("summary").click()
    expect(problems).to_contain_text("a company without a person's name")
    shot(page, "flow-import-problems")


def test_a_lead_moved_across_the_board(server: str, page: Any) -> None:
    page.goto(server + "/leads")
    card = page.locator("[data-stage=lead] .lead-card", has_text="Board Test Role")
    expect(card).to_have_count(1)
    card.locator("button[title^='On to']").click()
    page.wait_for_url(re.compile(r"/leads\?said=[\w-]+#lead-\d+-on$"))
    moved = page.locator("[data-stage=researching] .lead-card", has_text="Board Test Role")
    expect(moved).to_have_count(1)
    shot(page, "flow-lead-moved")
    # the keyboard is on the same arrow of the card moved: Enter moves it on again, and back
    expect(moved.locator("[data-move=on]")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    on_again = page.locator("[data-stage=networking] .lead-card", has_text="Board Test Role")
    expect(on_again.locator("[data-move=on]")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(on_again.locator("[data-move=back]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(moved.locator("[data-move=back]")).to_be_focused()
    # dragged onto a column further right, from the top of the page
    page.goto(server + "/leads")
    target = page.locator("[data-stage=interviewing]")
    moved.drag_to(target, target_position={"x": 30, "y": 30})  # its top, in view
    page.wait_for_load_state("load")
    dropped = page.locator("[data-stage=interviewing] .lead-card", has_text="Board Test Role")
    expect(dropped).to_have_count(1)
    expect(moved).to_have_count(0)
    shot(page, "flow-lead-dragged")
    # on to the last column, which has no arrow on: the keyboard is on the card's link
    dropped.locator("[data-move=on]").click()
    page.wait_for_url(re.compile(r"/leads\?said=[\w-]+#lead-\d+-on$"))
    offer = page.locator("[data-stage=offer] .lead-card", has_text="Board Test Role")
    expect(offer.locator("a.lead-role")).to_be_focused()


def test_the_network_map_is_drawn(server: str, page: Any) -> None:
    page.goto(server + "/map")
    expect(page.locator("svg[data-drawn]")).to_have_count(1)
    dots = page.locator("svg[data-map] circle.node")
    assert dots.count() > 20
    # every dot but yours is in the legend, the grey ones too
    counts = [
        int(t.rsplit("(", 1)[1].rstrip(")"))
        for t in page.locator("[data-legend] .legend-item").all_inner_texts()
    ]
    assert sum(counts) == dots.count() - 1
    dots.last.hover()
    expect(page.locator("[data-tip]")).to_be_visible()
    before = page.get_attribute("svg[data-map]", "viewBox")
    page.click("button:has-text('+')")
    assert page.get_attribute("svg[data-map]", "viewBox") != before
    shot(page, "flow-network-map")
    page.goto(server + "/map?color=organization")
    expect(page.locator("svg[data-drawn]")).to_have_count(1)
    assert page.locator("[data-legend] .legend-item").count() > 1
    shot(page, "flow-network-map-orgs")


def test_a_conversation_corrected_then_deleted(server: str, page: Any) -> None:
    page.goto(server + "/people?q=Rosa+Rewrite")
    page.click("#people-rows a:has-text('Rosa Rewrite')")
    page.click("#timeline a:has-text('edit')")
    page.wait_for_url(re.compile(r"/conversations/\d+\?person=\d+$"))
    assert page.locator("select[name=kind]").input_value() == "call"
    shot(page, "page-conversation")
    page.select_option("select[name=kind]", "coffee")
    page.fill("textarea[name=note]", "Lunch about typos")
    page.fill("input[name=on]", (DAY - dt.timedelta(days=5)).isoformat())
    page.click("button:has-text('Save')")
    page.wait_for_url(re.compile(r"/people/\d+#timeline$"))
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Lunch about typos")
    expect(timeline).to_contain_text((DAY - dt.timedelta(days=5)).isoformat())
    expect(timeline).to_contain_text("coffee")
    shot(page, "flow-conversation-corrected")
    page.click("#timeline a:has-text('edit')")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("button:has-text('Delete this conversation')")  # asked first: kept
    assert len(asked) == 1
    assert "cannot be undone" in asked[0]
    assert "/conversations/" in page.url
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('Delete this conversation')")
    page.wait_for_url(re.compile(r"/people/\d+\?deleted=coffee&.*#timeline$"))
    expect(page.locator("#timeline")).to_contain_text("No conversations logged yet.")
    expect(page.locator("[data-deleted]")).to_contain_text("Deleted the coffee of")
    assert page.locator(".stats .num").first.inner_text() == "0"  # the give went with it


@pytest.mark.parametrize("wide", [900, 1000, 1100, 1201, 1280])
def test_every_link_of_the_navigation_is_in_view(server: str, browser: Any, wide: int) -> None:
    context = browser.new_context(viewport={"width": wide, "height": 700})
    tab = context.new_page()
    tab.goto(server + "/map")
    for link in tab.locator(".nav a").all():
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= wide, (wide, link.inner_text())
    context.close()


PAGES = ["/", "/people", "/people/new", "/orgs", "/events", "/imports", "/targets", "/leads"]
PAGES += ["/reports", "/intros", "/map", "/people/duplicates", "/events/1"]


@pytest.mark.parametrize(("width", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_every_page_fits_and_is_captured(server: str, browser: Any, width: Any, label: str) -> None:
    context = browser.new_context(viewport=width)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(server + "/orgs")
    org = tab.locator("td.name a").first.get_attribute("href")
    tab.goto(server + "/people")
    person = tab.locator("#people-rows td.name a").nth(3).get_attribute("href")
    tab.goto(server + "/people?q=Lena+Longlink")
    long = tab.locator("#people-rows td.name a").first.get_attribute("href")  # long words
    tab.goto(server + "/leads")
    lead = tab.locator(".lead-card a").first.get_attribute("href")
    for path in [*PAGES, org, person, long, f"{person}/edit", f"{person}/timeline", lead]:
        tab.goto(server + path)
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, label, overflow)
        name = (path.strip("/").replace("/", "-") or "today") + f"-{label}"
        shot(tab, f"page-{name}")
    context.close()
    assert errors == []
