"""The people search's documents and its one ranking rule, written for both databases.

A person's document has three fields: their name; their work (headline, organizations,
titles); the rest (notes, location, interests, tags, needs, offers). Each word of a query
must start a word of the document (in any field), and each one scores the weight of the
best field it starts a word of: 3 in the name, 2 in the work, 1 elsewhere. People are
listed by their score, highest first, then by name (the ``sort_key`` of lists), then by
number. A word typed twice counts once. SQLite (FTS5, one column per field) and PostgreSQL
(a ``tsvector`` with the weights A, B and C) both compute this score and no other, so they
list the same people in the same order.

Each reads the sort key where it costs least (measured at 100,000 people): SQLite from
``person`` by its rowid, PostgreSQL from a copy in its search table, as a join to
``person`` there cost two to three times the whole query.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from netweave.logic.normalize import fold
from netweave.logic.sorting import name_sort_key

#: A person's document: the sort key of their name, then the words of their name, of their
#: work, and of the rest, each field folded and its words joined by one space.
Document = tuple[str, str, str, str]
#: The fields of a document, their weight in the score, and PostgreSQL's weight label.
FIELDS = ("name", "work", "other")
WEIGHTS = (3, 2, 1)
PG_LABELS = ("A", "B", "C")
#: A word: letters and digits (an underscore separates words, as both indexes read it).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(value: str) -> list[str]:
    """The words of a text as the index reads them: folded, letters and digits."""
    return _WORD.findall(fold(value))


#: German umlauts as they are written in ASCII ("Müller" as "Mueller", "Jörg" as "Joerg").
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def indexed_words(value: str) -> list[str]:
    """The words of a text as the index keeps them: ``words``, and after them the ASCII
    spelling of each word written with ä, ö or ü, so that a search finds "Müller" by
    "mueller" as well as by "muller" ("ß" folds to "ss" already). A word written with ae,
    oe or ue is not read back as an umlaut: "Michael", "Joel" and "Samuel" would be found
    by "michal", "jol" and "samul"."""
    found = words(value)
    others: list[str] = []
    composed = unicodedata.normalize("NFC", value)
    if composed != composed.translate(_UMLAUTS):
        others += words(composed.translate(_UMLAUTS))
    seen = set(found)
    return found + [w for w in dict.fromkeys(others) if w not in seen]


def query_terms(query: str) -> list[str]:
    """The folded words of a search query."""
    return words(query)


def document(
    name: str, work: Iterable[str | None] = (), other: Iterable[str | None] = ()
) -> Document:
    """The document made of a person's parts: their name, their work, and the rest."""
    work_words, other_words = (
        " ".join(indexed_words(" ".join(str(v) for v in parts if v))) for parts in (work, other)
    )
    return (name_sort_key(name), " ".join(indexed_words(name)), work_words, other_words)


def insert_sql(dialect: str, mark: str) -> str:
    """The statement that indexes one person, given ``insert_values`` (DB-API marks)."""
    if dialect == "sqlite":
        marks = ", ".join([mark] * (len(FIELDS) + 1))
        return f"INSERT INTO person_search (rowid, {', '.join(FIELDS)}) VALUES ({marks})"
    vector = " || ".join(
        f"setweight(to_tsvector('simple', {mark}), '{label}')" for label in PG_LABELS
    )
    return (
        f"INSERT INTO person_search (person_id, sort_key, document) "
        f"VALUES ({mark}, {mark}, {vector})"
    )


def insert_values(dialect: str, person_id: int, doc: Document) -> tuple[object, ...]:
    """The values ``insert_sql`` writes for a person: their id, (on PostgreSQL) their sort
    key, then their fields."""
    return (person_id, *doc[1:]) if dialect == "sqlite" else (person_id, *doc)


def match(dialect: str, terms: list[str]) -> str:
    """The query in the index's own language: every word, as a prefix, in any field."""
    if dialect == "sqlite":
        return " ".join(f'"{t}"*' for t in terms)
    return " & ".join(f"{t}:*" for t in terms)


def ranked_sql(dialect: str, terms: list[str]) -> tuple[str, dict[str, str]]:
    """The query of the ids of the people matching every word of ``terms``, best first by
    the rule above (a page of them: parameters ``:n`` and ``:o``), and its parameters."""
    every = match(dialect, terms)
    params = {"q": every}
    scores = []
    for i, term in enumerate(dict.fromkeys(terms)):
        cases = []
        for field, weight, label in zip(FIELDS[:-1], WEIGHTS, PG_LABELS, strict=False):
            key = f"{field}{i}"
            if dialect == "sqlite":  # those with the word in this field (a set made once)
                params[key] = f'{field} : "{term}"*'
                hit = (
                    f"s.rowid IN (SELECT rowid FROM person_search WHERE person_search MATCH :{key})"
                )
            else:
                params[key] = f"{term}:*{label}"
                hit = f"s.document @@ to_tsquery('simple', :{key})"
            cases.append(f"WHEN {hit} THEN {weight}")
        scores.append(f"CASE {' '.join(cases)} ELSE {WEIGHTS[-1]} END")
    score = " + ".join(scores)
    if dialect == "sqlite":
        source = "person_search AS s JOIN person AS p ON p.id = s.rowid"
        column, matches, key = "s.rowid", "person_search MATCH :q", "p.sort_key"
    else:
        source = "person_search AS s"
        column, matches, key = "s.person_id", "s.document @@ to_tsquery('simple', :q)", "s.sort_key"
    sql = (
        f"SELECT {column} FROM {source} WHERE {matches} "
        f"ORDER BY {score} DESC, {key}, {column} LIMIT :n OFFSET :o"
    )
    return sql, params
