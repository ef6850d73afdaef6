"""The order of names in lists: the same on every database, a letter beside its base letter.

A database's own order of text depends on it (SQLite's ``lower()`` folds only ASCII, so
"Émile" came after "Zed"; PostgreSQL's follows the database's collation). People and
organizations keep a sort key instead (``sort_key``), this function's result, which both
databases compare byte by byte: the lists they give are the same, and the same as Python's
``sorted(..., key=name_sort_key)``.
"""

from __future__ import annotations

from netweave.logic.normalize import clean, fold

#: The longest key kept (the length of the columns that hold one). Folding can lengthen a
#: name (``ß`` is ``ss``, a ligature several letters); a longer key is cut, which changes
#: no order but that of names alike in their first 300 letters.
SORT_KEY_LENGTH = 300


def name_sort_key(name: str) -> str:
    """A name folded for sorting: case and accents ignored (``"Émile Zola"`` → ``"emile
    zola"``, ``"İlkay"`` → ``"ilkay"``, ``"Łukasz"`` → ``"lukasz"``); lists order by it,
    then by id. Schema revision 0022 stores it: change it only with a revision that
    stores it again."""
    return fold(clean(name))[:SORT_KEY_LENGTH]
