"""The server-drawn charts' geometry: shares add up, labels only where they fit."""

from __future__ import annotations

from netweave.web.charts import source_shares


def _funnel(**leads: int) -> list[dict[str, int | str]]:
    return [{"source": source, "leads": n} for source, n in leads.items()]


def test_shares_fill_the_bar_and_skip_empty_sources() -> None:
    segments = source_shares(_funnel(referral=2, network=0, posting=6), width=640)
    assert [s["source"] for s in segments] == ["referral", "posting"]
    assert [s["share"] for s in segments] == [25, 75]
    assert segments[0]["x"] == 0
    assert segments[1]["x"] == segments[0]["w"] == 160
    assert segments[1]["x"] + segments[1]["w"] == 640


def test_a_label_is_shortened_or_left_out_when_it_does_not_fit() -> None:
    wide, middle, narrow = source_shares(_funnel(referral=40, recruiter=4, other=1), width=640)
    assert wide["label"] == "referral 89%"
    assert middle["label"] == "9%"  # "recruiter 9%" needs more than the 57 px it has
    assert narrow["label"] == ""
    assert source_shares(_funnel(posting=0)) == []
