"""A refused form shown again: what was typed, and the message beside the field it concerns.

A route that checks a form catches the refusal (``refusal_of``) and renders the form's page
again with it, as a 422. The page's ``_refused.html`` macros put the message next to the
field (``role=alert``, ``aria-invalid``, ``aria-describedby``, the focus there), or above
the form when no one field is at fault, and the form shows what was typed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as attribute
from typing import Any

from pydantic import ValidationError

from netweave.errors import InvalidInput, NetweaveError
from netweave.web.shown import ChangedElsewhere

#: The status of a page that shows its form refused: nothing was saved, and it was the form
#: (never a missing page: an unknown name typed in a field is a refusal too).
REFUSED = 422
#: A form's fields: each field's name → its label, then the words a message about it starts
#: with (the label and the field's name count too).
Fields = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Refusal:
    """Why a form was refused, the field at fault (``None``: the whole form) and what was
    typed in it, by field name (a field sent several times: a list)."""

    form: str
    message: str
    field: str | None = None
    typed: Mapping[str, Any] = attribute(default_factory=dict)

    @property
    def error_id(self) -> str:
        """The id of the message, for the field's ``aria-describedby``."""
        return f"{self.form}-{(self.field or 'form').replace('_', '-')}-error"

    def value(self, name: str, default: Any = "") -> Any:
        """What was typed in a field (``default`` when it was not sent)."""
        return self.typed.get(name, default)


class FieldRefused(InvalidInput):
    """A form's field refused, its message naming the field."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.field = name


@contextmanager
def checking(name: str, label: str) -> Iterator[None]:
    """Read one field: a value refused inside is a refusal of that field, said with its
    label ("Met on: expected a date like 2026-03-14, not '31/12/2026'")."""
    try:
        yield
    except FieldRefused:
        raise
    except InvalidInput as exc:
        raise FieldRefused(name, naming(label, exc.said(web=True))) from None


def naming(label: str, message: str) -> str:
    """The message with the field's label in front, unless it starts with it already."""
    if message.lower().startswith(label.lower()):
        return message
    return f"{label}: {message}"


def typed_of(form: Any) -> dict[str, Any]:
    """What was typed in a submitted form, by field name (a field sent more than once: its
    values as a list); its token and the fields that say where to go next left out."""
    from netweave.web.deps import UNTYPED

    typed: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key in UNTYPED or not isinstance(value, str):
            continue
        if key in typed:
            was = typed[key]
            typed[key] = [*was, value] if isinstance(was, list) else [was, value]
        else:
            typed[key] = value
    return typed


def refusal_of(
    exc: NetweaveError | ValidationError, form: str, typed: Mapping[str, Any], fields: Fields
) -> Refusal:
    """The refusal of a form from the error that refused it: the field it concerns is the
    one the error names (its message starts with the field's label or words); said with
    the field's label when the message does not say it."""
    if isinstance(exc, ValidationError):
        from netweave.web.app import said_plainly

        errors = exc.errors()
        found = _by_name(fields, errors[0].get("loc", ())) if errors else None
        message = said_plainly(errors[:1]).removesuffix(".")
        if found is not None:
            message = naming(fields[found][0], message.partition(": ")[2] or message)
        return Refusal(form, message, found, typed)
    message = exc.said(web=True)
    if isinstance(exc, ChangedElsewhere):  # the form again, with what changed elsewhere
        return Refusal(form, message, None, {**typed, **exc.merged})
    if isinstance(exc, FieldRefused) and exc.field in fields:
        return Refusal(form, message, exc.field, typed)
    said = message.lower()
    for name, (label, *words) in fields.items():
        starts = (label, name.replace("_", " "), f"--{name.replace('_', '-')}", *words)
        word = next((w for w in starts if said.startswith(w.lower())), None)
        if word is not None:
            named = " " not in word or word in starts[:3]  # the field's name, not a phrase
            return Refusal(form, _relabelled(message, word, label, named=named), name, typed)
    return Refusal(form, message, None, typed)


def _relabelled(message: str, word: str, label: str, *, named: bool) -> str:
    """The message said with the field's label: one that starts with the field's name
    ("strength: a whole number…", "birthday '1990-02-30' is not…") starts with its label
    instead ("Strength you set: a whole number…"), another has the label in front."""
    rest = message[len(word) :]
    if named and (rest.startswith(": ") or word.lower() == label.lower()):
        return label + rest
    return naming(label, message)


def _by_name(fields: Fields, where: Any) -> str | None:
    """The form's field a validation error's location names (``emails`` is ``email``)."""
    names = [str(part) for part in where if isinstance(part, str)]
    for name in reversed(names):
        for field_name, (_label, *words) in fields.items():
            if name in (field_name, f"{field_name}s", *words):
                return field_name
    return None
