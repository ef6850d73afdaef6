"""The Settings page's fields: their labels, and each value read by the rules and in the
words of the command line's ``config set``, ``goals set`` and ``tags cadence`` (a number
by ``whole_number``; "'x' is not a whole number", "0 is not from 1 to 3650"), the field's
label in front of the message where the command line names its option."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from netweave.config import DEFAULT_CIRCLES, number_bounds, parse_preference, says_off
from netweave.errors import InvalidInput
from netweave.logic.parse import MAX_COUNT, MAX_DAYS, says_none, whole_number

#: Each weekly goal's field (its name is the goal's) and label.
GOAL_LABELS: Mapping[str, str] = {
    "conversations": "New conversations a week",
    "gives": "Gives a week",
    "check_ins": "Check-ins a week",
}
#: Each ``config set`` key's label (the field's name is the key).
SETTING_LABELS: Mapping[str, str] = {
    **{f"circles.{name}": f"{name.capitalize()} circle" for name in DEFAULT_CIRCLES},
    "woven.min_two_way": "Conversations both ways",
    "woven.min_known_days": "Days since you met",
    "woven.min_gives": "Times you helped them",
    "phone_region": "Phone region",
    "targets.order": "Target order",
}
#: What a cadence takes, as the command line says it.
DAYS_OR_NONE = "a whole number of days, or none"


@dataclass
class SettingsForm:
    """The Settings form as sent: the values read, and each refused field's message."""

    settings: dict[str, str] = field(default_factory=dict)
    targets: dict[str, int] = field(default_factory=dict)
    tag_cadences: dict[str, int | None] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)


def number_said(value: str, low: int, high: int, what: str = "a whole number") -> str | None:
    """Why ``value`` is not a number from ``low`` to ``high`` (``None``: it is one), in the
    words of every number the command line refuses."""
    number = whole_number(value)
    if number is None:
        return f"{value!r} is not {what}"
    if not low <= number <= high:
        return f"{number} is not from {low} to {high}"
    return None


def tag_field(index: int) -> str:
    """The name of the field of the ``index``-th tag's cadence (its label is sent beside it,
    in ``tag-N-label``)."""
    return f"tag-{index}"


def tag_fields(labels: Sequence[str], typed: Mapping[str, Any]) -> dict[str, str]:
    """The name of each tag's field, by label: on a form sent back as typed, the one its
    value was typed in (so a tag removed since does not pass its value on to another),
    else the next one not taken."""
    sent = {
        value: name.removesuffix("-label")
        for name, value in typed.items()
        if name.startswith("tag-") and name.endswith("-label") and isinstance(value, str)
    }
    taken, names, index = set(sent.values()), {}, 0
    for label in labels:
        if label in sent:
            names[label] = sent[label]
            continue
        while tag_field(index) in taken:
            index += 1
        names[label] = tag_field(index)
        taken.add(names[label])
    return names


#: The start of the name of the hidden field that holds the value a field showed.
SHOWN = "shown:"


def edited(typed: Mapping[str, Any]) -> dict[str, Any]:
    """The fields the user changed: one sent beside the value the page showed
    (``shown:NAME``) and still that value is left out, so a setting changed elsewhere since
    the page was shown (``config set``, another tab) is not put back; one sent without it
    counts as changed."""
    kept: dict[str, Any] = {}
    for name, value in typed.items():
        was = typed.get(SHOWN + name)
        if name.startswith(SHOWN) or (
            isinstance(value, str) and isinstance(was, str) and value.strip() == was.strip()
        ):
            continue
        kept[name] = value
    return kept


def read_form(form: Mapping[str, Any], tags: Sequence[str]) -> SettingsForm:
    """The fields sent (one not sent is left as it is), each checked; ``tags`` are the
    labels of the tags there are now."""
    read = SettingsForm()
    for name, label in GOAL_LABELS.items():
        if isinstance(value := form.get(name), str):
            problem = number_said(value, 0, MAX_COUNT)
            if problem:
                read.refused[name] = f"{label}: {problem}"
            else:
                read.targets[name] = int(value)
    for key, label in SETTING_LABELS.items():
        if isinstance(value := form.get(key), str):
            problem = _setting_said(key, value)
            if problem:
                read.refused[key] = problem if problem.startswith(label) else f"{label}: {problem}"
            else:
                read.settings[key] = value
    for name, value in form.items():
        tag = form.get(f"{name}-label")
        if name.startswith("tag-") and isinstance(value, str) and isinstance(tag, str):
            _read_tag(read, name, tag, value, tags)
    return read


def _setting_said(key: str, value: str) -> str | None:
    """Why ``config set KEY VALUE`` would refuse ``value`` (``None``: it would not)."""
    bounds, circle = number_bounds(key), key.startswith("circles.")
    if bounds is not None and not (circle and value.strip() and says_off(value)):
        problem = number_said(value, *bounds, DAYS_OR_NONE if circle else "a whole number")
        if problem:
            return problem
    try:
        parse_preference(key, value)
    except InvalidInput as exc:
        message = exc.said(web=True)  # "phone_region: 'UK' is no country's code (…)"
        named = message.startswith(key)
        return SETTING_LABELS[key] + message.removeprefix(key) if named else message
    return None


def _read_tag(read: SettingsForm, name: str, label: str, value: str, tags: Sequence[str]) -> None:
    shown = f"Tag {label}"
    if label not in tags:
        read.refused[name] = f"{shown}: no such tag now (removed since the page was shown)"
    elif says_none(value):
        read.tag_cadences[label] = None
    elif problem := number_said(value, 1, MAX_DAYS, DAYS_OR_NONE):
        read.refused[name] = f"{shown}: {problem}"
    else:
        read.tag_cadences[label] = int(value)
