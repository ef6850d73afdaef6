"""TIARA sheets: five sections tailored to the person, never a job ask."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netweave.logic.tiara import JOB_ASK_WORDS, TIARA, PrepFacts, question_sheet


def test_sheet_is_tailored_to_the_person_and_org():
    sheet = question_sheet(
        PrepFacts(
            name="Mei Chen",
            given="Mei",
            org="Initrode",
            title="Engineer",
            industry="Payments",
            interests=("open banking",),
            connection="that Bob introduced you",
        )
    )
    assert [s.key for s in sheet.sections] == list(TIARA)
    text = " ".join(q for s in sheet.sections for q in s.questions)
    assert "Initrode" in text
    assert "What trends are shaping payments right now?" in text  # inside a sentence
    assert "open banking" in text
    assert "an engineer" in text  # a title inside a sentence
    assert sheet.opening == "Thank Mei for the time and mention that Bob introduced you."
    assert any("24 hours" in r for r in sheet.reminders)


def test_an_industry_keeps_its_capitals_only_where_they_may_be_names():
    def trends(industry: str) -> str:
        sheet = question_sheet(PrepFacts("Mei Chen", "Mei", "Initrode", None, industry))
        return sheet.sections[0].questions[0]

    assert trends("Climate tech") == "What trends are shaping climate tech right now?"
    assert trends("AI safety") == "What trends are shaping AI safety right now?"
    assert trends("Financial Services") == "What trends are shaping Financial Services right now?"


words = st.text(alphabet="abcdefghij ", min_size=1, max_size=20)


@given(org=st.none() | words, title=st.none() | words, industry=st.none() | words)
def test_no_question_asks_for_a_job(org, title, industry):
    sheet = question_sheet(PrepFacts("X", "X", org, title, industry))
    for section in sheet.sections:
        assert section.questions
        for question in section.questions:
            assert question.endswith("?")
            assert not any(w in question.lower() for w in JOB_ASK_WORDS)
