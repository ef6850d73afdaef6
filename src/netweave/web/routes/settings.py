"""The Settings page: weekly goals, circles' cadences, the woven check's thresholds, the phone
region, the target order and tags' cadences, in one form.

Only the fields the user changed are saved: each is sent beside the value the page showed,
and one left as shown keeps what is stored now (changed elsewhere since the page was shown,
it is not put back). Saved, the form lands on the page again, which says what was saved
(once: POST, redirect, GET). Refused, the page comes back as typed (422), each refused
value's message at its field, and nothing is saved. A running server follows the settings
saved here, or by ``config set`` in another process, on its next request (``web/deps.py``:
``guard``).
"""

from __future__ import annotations

from itertools import permutations
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from netweave.config import DEFAULT_CIRCLES
from netweave.logic.edits import merge_edit
from netweave.logic.lamp import DEFAULT_ORDER, LAMP_KEYS
from netweave.logic.woven import WovenRules
from netweave.services.context import Context
from netweave.services.goals import DEFAULT_TARGETS
from netweave.services.user_settings import SettingRefused, all_settings, save_settings
from netweave.web.deps import ctx_of, give_notice, render, take_notice
from netweave.web.refusal import REFUSED, naming, typed_of
from netweave.web.settings_fields import (
    GOAL_LABELS,
    SETTING_LABELS,
    SHOWN,
    SettingsForm,
    edited,
    read_form,
    tag_fields,
)

router = APIRouter(include_in_schema=False)
#: The page a saved form's notice is kept for (``web/notices.py``).
PAGE = "settings"
#: The orders the LAMP list can be sorted in, most important key first.
ORDERS = tuple(",".join(keys) for keys in permutations(LAMP_KEYS))


@router.get("/settings")
def settings_page(request: Request, saved: Annotated[str, Query(max_length=64)] = "") -> Response:
    """Every setting a user sets, in one form; just after it was saved, what was."""
    said = take_notice(request, saved, PAGE)
    return _page(request, saved=said)


def _page(
    request: Request,
    *,
    saved: object = None,
    refused: dict[str, str] | None = None,
    typed: dict[str, Any] | None = None,
) -> Response:
    now = all_settings(ctx_of(request))
    names = tag_fields([tag["label"] for tag in now["tags"]], typed or {})
    return render(
        request,
        "settings.html",
        status_code=REFUSED if refused else 200,
        **now,
        tag_names=names,
        gone_tags=[n for n in refused or {} if n.startswith("tag-") and n not in names.values()],
        saved=saved,
        refused=refused or {},
        typed=typed or {},
        goal_labels=GOAL_LABELS,
        labels=SETTING_LABELS,
        default_circles=DEFAULT_CIRCLES,
        default_goals=DEFAULT_TARGETS,
        default_order=",".join(DEFAULT_ORDER),
        default_woven=WovenRules(),
        orders=ORDERS,
    )


@router.post("/settings")
async def save(request: Request) -> Response:
    """Save what the form changes, in one transaction: the same writes, and the same
    refusals, as ``config set``, ``goals set`` and ``tags cadence``; refused, nothing is
    saved."""
    form = await request.form()
    typed = typed_of(form)
    return await run_in_threadpool(_save, request, typed)


def _save(request: Request, typed: dict[str, Any]) -> Response:
    ctx = ctx_of(request)
    now = all_settings(ctx)
    tags = [tag["label"] for tag in now["tags"]]
    if clashes := _clashes(typed, _as_shown(now, tags, typed)):
        refused, fresh = clashes
        return _page(request, refused=refused, typed=fresh)
    read: SettingsForm = read_form(edited(typed), tags)
    if read.refused:
        return _page(request, refused=read.refused, typed=typed)
    try:
        changed = save_settings(
            ctx, settings=read.settings, targets=read.targets, tag_cadences=read.tag_cadences
        )
    except SettingRefused as exc:  # e.g. a tag removed since the form was checked
        return _page(request, refused=_refused_at_save(ctx, typed, exc), typed=typed)
    said = [(_label(key), value) for key, value in changed]
    query = urlencode({"saved": give_notice(request, PAGE, said)})
    return RedirectResponse(f"/settings?{query}", status_code=303)


def _as_shown(now: dict[str, Any], tags: list[str], typed: dict[str, Any]) -> dict[str, str]:
    """Each field as the page shows it now, by field name (as ``settings.html`` writes it)."""

    def said(value: Any) -> str:
        return "none" if value is None else str(value)

    shown = {name: said(now["goals"][name]) for name in GOAL_LABELS}
    shown |= {key: said(value) for key, value in now["settings"].items()}
    names = tag_fields(tags, typed)
    return shown | {names[t["label"]]: said(t["cadence_days"]) for t in now["tags"]}


def _clashes(
    typed: dict[str, Any], now: dict[str, str]
) -> tuple[dict[str, str], dict[str, Any]] | None:
    """The fields changed on the page that were changed elsewhere too since it was shown
    (another tab, ``config set``), each with both values; and the form as typed, with the
    values now as what it showed, so that saved again it keeps the user's."""
    shown = {k.removeprefix(SHOWN): v for k, v in typed.items() if k.startswith(SHOWN)}
    _merged, clashes = merge_edit(typed, shown, now)
    if not clashes:
        return None
    refused = {
        c.field: naming(
            _label(_key_of(c.field, typed)),
            f"changed in another window since you opened this page: it is now “{c.now}” there, "
            f"“{c.typed}” here; save again to keep yours",
        )
        for c in clashes
    }
    return refused, typed | {SHOWN + c.field: c.now for c in clashes}


def _key_of(name: str, typed: dict[str, Any]) -> str:
    """The key ``save_settings`` names the setting of the field ``name`` by."""
    if name in GOAL_LABELS:
        return f"goals.{name}"
    if name.startswith("tag-"):
        return f"tags.{typed.get(f'{name}-label', name)}"
    return name


def _refused_at_save(ctx: Context, typed: dict[str, Any], exc: SettingRefused) -> dict[str, str]:
    """A refusal as the form was saved, at its field: the form checked again against the
    data as it is now says it in the words of the check, else the save's words do."""
    again = read_form(edited(typed), [tag["label"] for tag in all_settings(ctx)["tags"]]).refused
    if again:
        return again
    return {_field_of(exc.key, typed): naming(_label(exc.key), exc.said(web=True))}


def _field_of(key: str, typed: dict[str, Any]) -> str:
    """The name of the field of the setting ``key`` (as ``save_settings`` names it)."""
    if key.startswith("goals."):
        return key.removeprefix("goals.")
    if key.startswith("tags."):
        label = key.removeprefix("tags.")
        sent = (name for name, value in typed.items() if value == label)
        found = (n for n in sent if n.startswith("tag-") and n.endswith("-label"))
        return next((n.removesuffix("-label") for n in found), key)
    return key


def _label(key: str) -> str:
    """What the page calls the setting ``key`` (as ``save_settings`` names it)."""
    if key.startswith("goals."):
        return GOAL_LABELS[key.removeprefix("goals.")]
    if key.startswith("tags."):
        return f"Tag {key.removeprefix('tags.')}"
    return SETTING_LABELS[key]
