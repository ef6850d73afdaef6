"""Every link within the README and docs/ to a heading goes to a heading that is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {
        _anchor(m.group(1))
        for m in re.finditer(r"^#{1,6} (.+)$", path.read_text(encoding="utf-8"), re.M)
    }


@pytest.mark.parametrize("path", DOCS, ids=[p.name for p in DOCS])
def test_every_link_to_a_heading_resolves(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for target, anchor in re.findall(r"\]\(([^)#\s]*)#([^)\s]+)\)", text):
        where = (path.parent / target) if target else path
        assert anchor in _anchors(where), f"{path.name}: #{anchor} in {target or 'itself'}"
