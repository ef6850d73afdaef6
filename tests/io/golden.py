"""Golden files for reader tests: records as JSON, rewritten when NETWEAVE_UPDATE_GOLDEN=1."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE_ENV = "NETWEAVE_UPDATE_GOLDEN"


def to_json(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Records as JSON values: ``dataclasses.asdict`` plus the record type; dates in ISO form."""
    rows = [{"type": type(r).__name__, **dataclasses.asdict(r)} for r in records]
    for row in rows:  # a record's file is the path as given: the checkout's, named alone here
        if row.get("file"):
            row["file"] = Path(row["file"]).name
    values: list[dict[str, Any]] = json.loads(json.dumps(rows, default=_iso))
    return values


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not serializable to JSON: {value!r}")


def assert_golden(records: Iterable[Any], name: str) -> None:
    """The records equal ``tests/golden/<name>``; with NETWEAVE_UPDATE_GOLDEN=1, rewrite it."""
    path = GOLDEN / name
    actual = to_json(records)
    if os.environ.get(UPDATE_ENV) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_dump(actual), encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing; run the tests with {UPDATE_ENV}=1 to write it")
    expected = json.loads(path.read_text(encoding="utf-8"))
    if actual != expected:
        old, new = _dump(expected).splitlines(), _dump(actual).splitlines()
        diff = difflib.unified_diff(old, new, "golden", "actual", lineterm="")
        pytest.fail(f"records differ from {path} ({UPDATE_ENV}=1 rewrites it):\n" + "\n".join(diff))


def _dump(values: list[dict[str, Any]]) -> str:
    return json.dumps(values, indent=2, ensure_ascii=False) + "\n"
