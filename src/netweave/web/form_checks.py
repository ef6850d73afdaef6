"""A form's fields checked in its route, so that what a user can get wrong in them is a
refusal of the form (web/refusal.py: the form again as typed, the message at the field, 422)
rather than the error page: a length, a whole number, and whatever a service refuses about
one field.

The routes take their fields as plain text (``Form()`` without bounds: a bound there is
said by the error page) and read them with these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

from netweave.errors import NetweaveError
from netweave.logic.parse import whole_number
from netweave.web.forms import FormIn, lengths
from netweave.web.refusal import FieldRefused, Fields, Refusal, naming, refusal_of


@contextmanager
def at(name: str, label: str) -> Iterator[None]:
    """Everything refused inside is a refusal of the field ``name``, said with its label
    (an unknown or ambiguous name, a date, a name already taken)."""
    try:
        yield
    except FieldRefused:
        raise
    except NetweaveError as exc:
        raise FieldRefused(name, naming(label, exc.said(web=True))) from None


def text(name: str, label: str, value: str, most: int) -> str:
    """A text field of at most ``most`` characters."""
    if len(value) > most:
        raise FieldRefused(
            name, f"{label}: at most {most:,} characters (this one has {len(value):,})"
        )
    return value


def typed_in(form: type[FormIn], name: str, label: str, value: str) -> str:
    """The field ``name`` of ``form``, of at most the length the form takes it (the same its
    page gives the browser: ``lengths``)."""
    return text(name, label, value, _lengths(form)[name])


@cache
def _lengths(form: type[FormIn]) -> dict[str, int]:
    return lengths(form)


def whole(name: str, label: str, value: str) -> int:
    """A whole number typed in a field, by the one rule of numbers typed (``whole_number``;
    the service says the range it takes)."""
    number = whole_number(value)
    if number is None:
        shown = value.strip()[:20]
        raise FieldRefused(name, f"{label}: a whole number, not {shown!r}")
    return number


def refused_at(
    exc: NetweaveError, form: str, typed: Mapping[str, Any], fields: Fields, default: str
) -> Refusal:
    """The refusal of a form (``refusal_of``), said at the field ``default`` when it names
    none of them (a name of the people listed in it, say)."""
    refused = refusal_of(exc, form, typed, fields)
    if refused.field is not None:
        return refused
    message = naming(fields[default][0], refused.message)
    return dataclasses.replace(refused, field=default, message=message)
