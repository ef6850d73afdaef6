"""The values a page's form would send, read from its HTML as a browser reads them."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    """Collect the fields of the form posted to ``action``."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        self.inside = False
        self.values: dict[str, str] = {}
        self.select: str | None = None
        self.area: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = a.get("action") == self.action
        elif not self.inside:
            return
        elif tag == "input" and "name" in a:
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.values[a["name"]] = a.get("value", "")
        elif tag == "select":
            self.select = a.get("name")
        elif tag == "option" and self.select is not None:
            if "selected" in a or self.select not in self.values:
                self.values[self.select] = a.get("value", "")
        elif tag == "textarea":
            self.area = a.get("name")
            self.values[self.area or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.area = None

    def handle_data(self, data: str) -> None:
        if self.area is not None:
            self.values[self.area] += data.replace("\n", "\r\n")  # as a browser sends it


def form_values(page: str, action: str) -> dict[str, str]:
    """What the form posted to ``action`` sends if nothing is changed in it."""
    parser = _Form(action)
    parser.feed(page)
    assert parser.values, f"no form posted to {action}"
    return parser.values
