"""What an edit form showed, carried in the form, so that its save changes only what the
user changed in it (``logic/edits.py``).

A page renders ``shown_field(values)`` in its form: a hidden field with the values the form
shows, by field name. The route reads it back (``reconciled``) with the record's values now:
a field left as shown keeps what another window or a command saved since, and a field
changed both here and there refuses the save, the message saying both values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from netweave.errors import Conflict
from netweave.logic.edits import Clash, merge_edit

#: The name of the hidden field that carries what the form showed.
FIELD = "shown"


class ChangedElsewhere(Conflict):
    """A field changed in the form was changed elsewhere too since the form was shown."""

    def __init__(self, message: str, merged: dict[str, Any]) -> None:
        super().__init__(message)
        self.merged = merged


def shown_field(values: Mapping[str, Any]) -> Markup:
    """The hidden field that carries the values a form shows."""
    plain = {k: "" if v is None else str(v) for k, v in values.items()}
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        FIELD, json.dumps(plain, ensure_ascii=False, sort_keys=True)
    )


def shown_of(sent: Any) -> dict[str, str] | None:
    """The values a form says it showed (``None``: it did not say, as a page from before or
    a script: each field sent is then saved as it is)."""
    if not isinstance(sent, str) or not sent:
        return None
    try:
        values = json.loads(sent)
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    return {str(k): str(v) for k, v in values.items() if isinstance(v, str)}


def reconciled(
    typed: Mapping[str, Any],
    sent_shown: Any,
    now: Mapping[str, Any],
    *,
    what: str,
    labels: Mapping[str, tuple[str, ...]],
) -> dict[str, Any]:
    """The fields to save: those left as the form showed them take the record's values now;
    a field changed here and elsewhere refuses the save (``ChangedElsewhere``), naming
    ``what`` was changed and each such field (by the first word of its ``labels``) with both
    its values."""
    current = {k: "" if v is None else str(v) for k, v in now.items()}
    merged, clashes = merge_edit(typed, shown_of(sent_shown), current)
    if clashes:
        said = "; ".join(_clash(c, labels.get(c.field, (c.field,))[0]) for c in clashes)
        raise ChangedElsewhere(
            f"{what} was changed in another window since you opened this form: {said}. "
            "The form now shows the other changes: save again to keep yours",
            merged,
        )
    return merged


def _clash(clash: Clash, label: str) -> str:
    now = f"“{clash.now}”" if clash.now.strip() else "empty"
    typed = f"“{clash.typed}”" if clash.typed.strip() else "empty"
    return f"{label} is now {now} there, {typed} here"
