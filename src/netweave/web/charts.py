"""Charts drawn on the server as SVG geometry (the templates only place the numbers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from netweave.logic.strength import MAX_POINTS

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 12, 30
FACTOR_LABELS = {
    "recency": "Recency",
    "depth": "Depth",
    "frequency": "Frequency",
    "two_way": "From their side",
    "reciprocity": "Help exchanged",
    "duration": "Duration",
    "shared": "Shared interests",
}


@dataclass
class LineChart:
    """A strength-over-time line: polyline, filled area, grid, labels and contact ticks."""

    width: int = WIDTH
    height: int = HEIGHT
    line: str = ""
    area: str = ""
    grid: list[tuple[float, int]] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)
    ticks: list[float] = field(default_factory=list)
    last: tuple[float, float, int] = (0.0, 0.0, 0)
    baseline: float = 0.0
    left: int = LEFT
    right: float = WIDTH - RIGHT


def strength_chart(history: Mapping[str, Any]) -> LineChart:
    """The geometry of the strength chart of ``strength_history``'s result."""
    points: Sequence[Mapping[str, Any]] = history["points"]
    days = [dt.date.fromisoformat(p["date"]) for p in points]
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bottom = TOP + inner_h

    def x(day: dt.date) -> float:
        return round(LEFT + inner_w * (day - first).days / span, 1)

    def y(value: float) -> float:
        return round(TOP + inner_h * (1 - value / 100), 1)

    coords = [(x(d), y(p["strength"])) for d, p in zip(days, points, strict=True)]
    line = " ".join(f"{a},{b}" for a, b in coords)
    area = f"M{coords[0][0]},{bottom} L" + " L".join(f"{a},{b}" for a, b in coords)
    area += f" L{coords[-1][0]},{bottom} Z"
    picks = sorted({0, len(days) // 2, len(days) - 1})
    contacts = [dt.date.fromisoformat(c) for c in history.get("contacts", [])]
    return LineChart(
        line=line,
        area=area,
        grid=[(y(v), v) for v in (0, 25, 50, 75, 100)],
        labels=[(x(days[i]), f"{days[i]:{'%d %b' if span < 120 else '%b %Y'}}") for i in picks],
        ticks=[x(c) for c in contacts if first <= c <= last],
        last=(coords[-1][0], coords[-1][1], int(points[-1]["strength"])),
        baseline=bottom,
    )


def factor_bars(factors: Mapping[str, float]) -> list[dict[str, Any]]:
    """Each factor as a bar: its points, its maximum and the filled share in percent."""
    return [
        {
            "name": FACTOR_LABELS.get(name, name),
            "points": factors.get(name, 0.0),
            "max": top,
            "share": round(100 * factors.get(name, 0.0) / top) if top else 0,
        }
        for name, top in MAX_POINTS.items()
    ]


#: The funnel's width on a phone: drawn about as wide as it is shown (a card ~330 px wide),
#: so that its 13 px labels stay 12 px or more, each source's name above its bars.
NARROW = 340


#: The funnel's bars, one under another in each source's row: as far as its leads got.
FUNNEL_STEPS = ("leads", "interviews", "offers", "accepted")


def funnel_bars(
    funnel: Sequence[Mapping[str, Any]], width: int = 640, *, stacked: bool = False
) -> dict[str, Any]:
    """Leads, interviews, offers and offers accepted per source as four stacked-down bars per
    row, the source named left of them (``stacked``: above them, for a narrow screen)."""
    label_w, pad = (0, 36) if stacked else (96, 40)
    head, row_h = (20, 92) if stacked else (0, 76)
    top = max([int(r["leads"]) for r in funnel] + [1])
    scale = (width - label_w - pad) / top
    rows = []
    for i, r in enumerate(funnel):
        y = 10 + i * row_h
        rows.append(
            {
                "source": r["source"],
                "y": y,
                "label_y": y + 14 if stacked else y + 33,
                "bars": [
                    (kind, y + head + k * 16, round(int(r[kind]) * scale, 1), int(r[kind]))
                    for k, kind in enumerate(FUNNEL_STEPS)
                ],
            }
        )
    return {
        "width": width,
        "height": 20 + len(funnel) * row_h,
        "x0": label_w,
        "rows": rows,
        "stacked": stacked,
    }


def source_shares(funnel: Sequence[Mapping[str, Any]], width: int = 640) -> list[dict[str, Any]]:
    """Each source's share of the leads as a segment of one 100% bar (empty sources left out)."""
    total = sum(int(r["leads"]) for r in funnel)
    out, x = [], 0.0
    for i, r in enumerate(funnel):
        n = int(r["leads"])
        if not n or not total:
            continue
        w = width * n / total
        share = round(100 * n / total)
        out.append(
            {"source": r["source"], "x": round(x, 1), "w": round(w, 1), "n": n, "color": i,
             "share": share, "label": _fitting(w, f"{r['source']} {share}%", f"{share}%")}
        )  # fmt: skip
        x += w
    return out


#: Width of one character of a segment label (13 px, semibold) and the label's padding.
_CHAR_PX, _PAD_PX = 7.6, 16


def _fitting(width: float, *labels: str) -> str:
    """The first label that fits in a segment ``width`` wide ("" when none does)."""
    return next((text for text in labels if _PAD_PX + _CHAR_PX * len(text) <= width), "")
