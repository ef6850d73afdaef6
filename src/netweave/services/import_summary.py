"""An import batch's summary: its counts over the files, its problems in order, what it keeps."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from netweave.logic.wording import count
from netweave.services.context import Context
from netweave.services.import_apply import Counts
from netweave.services.import_order import with_exports
from netweave.store.models import ImportBatch

#: A batch keeps this many of its problems (``import list``); their number is kept whole.
STORED_ERRORS = 100


def add_counts(total: Counts, part: Counts) -> None:
    """Add one file's counts and problems to the batch's."""
    total.created += part.created
    total.updated += part.updated
    total.merged += part.merged
    total.skipped += part.skipped
    for problem in part.errors:
        total.add_problem(problem)
    total.unlisted += part.unlisted


def summary_of(batch_id: int | None, counts: Counts) -> dict[str, Any]:
    """The summary of ``netweave import … --json``, problems in the command line's words."""
    return {
        "batch": batch_id,
        "created": counts.created,
        "updated": counts.updated,
        "merged": counts.merged,
        "skipped": counts.skipped,
        "errors": counts.errors + _unlisted(counts),
    }


def _unlisted(counts: Counts) -> list[dict[str, Any]]:
    """The line that says how many problems were past those listed (none: no line)."""
    if not counts.unlisted:
        return []
    last = counts.errors[-1]["file"] if counts.errors else ""
    return [{"file": last, "line": None,
             "error": f"… and {counts.unlisted} more problems, not listed"}]  # fmt: skip


def stored(summary: dict[str, Any], unlisted: int) -> dict[str, Any]:
    """What a batch keeps of its summary: its first ``STORED_ERRORS`` problems, and how
    many there were (``unlisted`` of them counted only, in one line of the summary's)."""
    errors = summary["errors"]
    count = len(errors) - (1 if unlisted else 0) + unlisted
    return {**summary, "errors": errors[:STORED_ERRORS], "error_count": count}


def restate(ctx: Context, batch_id: int, total: Counts, state: str | None = None) -> None:
    """Write a batch's summary again (files passed over, or failed, after its last file
    went in), and its ``state`` when given."""
    with ctx.db.transaction() as session:
        batch = session.get(ImportBatch, batch_id)
        assert batch is not None
        batch.counts = with_exports(
            stored(summary_of(batch_id, total), total.unlisted), batch.counts
        )
        if state is not None:
            batch.state = state


def in_line_order(problems: list[dict[str, Any]]) -> None:
    """A file's problems by file (in the order first met) and line; those of no line last."""
    files: dict[Any, int] = {}
    for problem in problems:
        files.setdefault(problem["file"], len(files))
    problems.sort(key=lambda p: (files[p["file"]], p["line"] is None, p["line"] or 0))


def under_way(paths: Sequence[Path], number: int) -> str:
    """What the transaction of file ``number`` saves, in the words of a stopped command."""
    after = len(paths) - number - 1
    rest = f" (and of the {count(after, 'file')} after it)" if after > 1 else ""
    rest = " (and of the file after it)" if after == 1 else rest
    return f"the import of {paths[number].name}{rest}"


def saved_so_far(done: Sequence[Path], batch_id: int) -> str:
    """What the files imported so far saved, in the words of a stopped command."""
    names = [p.name for p in done]
    shown = names[0]
    if len(names) > 3:
        shown = count(len(names), "file")
    elif len(names) > 1:
        shown = f"{', '.join(names[:-1])} and {names[-1]}"
    return f"the import of {shown} (import batch {batch_id})"
