"""The web package's modules share what they both need through public names: no module
of it reaches into another's private ``_name`` (a route's page built by another route)."""

from __future__ import annotations

import ast
from pathlib import Path

import netweave.web

WEB = Path(netweave.web.__file__).parent


def _private_imports(path: Path) -> list[str]:
    """The private names ``path`` imports from netweave's modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("netweave")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]


def test_no_web_module_imports_another_modules_private_names() -> None:
    found = {
        str(path.relative_to(WEB)): names
        for path in sorted(WEB.rglob("*.py"))
        if (names := _private_imports(path))
    }
    assert found == {}
