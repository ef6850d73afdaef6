"""The Duplicates page on a network named alike: it answers with bounded work, says what was
not compared pair by pair, and pages through the pairs, the likeliest first."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from factories import alike_network
from netweave.services import duplicates as finder
from netweave.services.context import Context

CROWD, NUMBERED = 2_000, 3_000


def test_the_page_of_a_crowd_answers_with_bounded_work(
    client: TestClient, web_ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapidfuzz import process

    alike_network(web_ctx, tmp_path, CROWD, NUMBERED)
    monkeypatch.setattr(finder, "WORK", 1_000_000, raising=False)  # "Person …" narrowed
    scores = []
    cdist = process.cdist

    def counted(queries: object, choices: object, **options: object) -> object:
        scores.append(len(queries) * len(choices))  # type: ignore[arg-type]
        return cdist(queries, choices, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(process, "cdist", counted)
    html = client.get("/people/duplicates").text
    people = CROWD + NUMBERED + 2
    assert sum(scores) <= 1_000_000 + 2 * people * (finder.CHUNK + finder.WINDOW)
    assert "50 pairs to review (the first 50, the likeliest:" in html
    assert html.count('class="card dup"') == 50
    assert "2,000 people are named John Smith: only those at the same employer" in html
    assert "3,000 starting with “pers”" in html
    # two records of Ada at one employer come before the crowd's pairs
    assert html.index("Ada Lovelace") < html.index("John Smith</")
    assert 'href="/people/duplicates?page=2"' in html
    second = client.get("/people/duplicates?page=2").text
    assert "Pairs 51 to 100, the likeliest first." in second
    assert second.count('class="card dup"') == 50
    assert 'href="/people/duplicates"' in second  # back to the first page
    assert client.get("/people/duplicates?page=21").status_code == 422
