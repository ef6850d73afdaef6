"""Each value of a backup's row checked against its column, and made what is inserted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import types as sqltypes

from netweave.logic.parse import MAX_ID
from netweave.store.models import UtcDateTime

Convert = Callable[[Any], Any]


def converter(column: Any) -> Convert:
    """A function that checks one JSON value for ``column`` and returns what to insert."""
    kind, nullable = column.type, bool(column.nullable)
    base: Convert
    if isinstance(kind, sqltypes.JSON):
        base, what = (lambda v: v), "JSON"
    elif isinstance(kind, UtcDateTime | sqltypes.DateTime):
        base, what = _datetime, "a date-time with offset like 2026-06-15T09:30:00+00:00"
    elif isinstance(kind, sqltypes.Date):
        base, what = (lambda v: _parse(dt.date.fromisoformat, v)), "a date like 2026-06-15"
    elif isinstance(kind, sqltypes.Boolean):
        base, what = (lambda v: v if type(v) is bool else _BAD), "true or false"
    elif isinstance(kind, sqltypes.Integer) and (column.primary_key or column.foreign_keys):
        base, what = _whole(1, MAX_ID), f"an id from 1 to {MAX_ID}"
    elif isinstance(kind, sqltypes.Integer):
        base, what = _whole(-MAX_ID - 1, MAX_ID), "a whole number"  # 32 bits, as PostgreSQL
    elif isinstance(kind, sqltypes.Float):
        base, what = (lambda v: float(v) if type(v) in (int, float) else _BAD), "a number"
    elif isinstance(kind, sqltypes.String):
        limit = f" of at most {kind.length} characters" if kind.length else ""
        base, what = _text(kind.length), f"text{limit} (no NUL character)"
    else:  # a new column type must be taught to the backup before it can be restored
        raise TypeError(f"no backup conversion for {column.table.name}.{column.name}: {kind!r}")

    def convert(value: Any) -> Any:
        if value is None and not nullable:
            raise ValueError("must not be null")
        result = None if value is None else base(value)
        if result is _BAD:
            shown = repr(value)
            shown = shown[:60] + "…" if len(shown) > 60 else shown
            raise ValueError(f"expected {what}, not {shown}")
        return result

    return convert


_BAD = object()


def _parse(parse: Callable[[str], Any], value: Any) -> Any:
    try:
        return parse(value) if isinstance(value, str) else _BAD
    except ValueError:
        return _BAD


def _whole(low: int, high: int) -> Convert:
    return lambda v: v if type(v) is int and low <= v <= high else _BAD


def _datetime(value: Any) -> Any:
    parsed = _parse(dt.datetime.fromisoformat, value)
    return parsed if isinstance(parsed, dt.datetime) and parsed.tzinfo else _BAD


def _text(length: int | None) -> Convert:
    def convert(value: Any) -> Any:
        fits = isinstance(value, str) and (length is None or len(value) <= length)
        # no NUL: PostgreSQL cannot hold it, and no netweave command writes it
        return value if fits and "\x00" not in value else _BAD

    return convert
