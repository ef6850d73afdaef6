"""Common English given names and their usual short forms ("Kate" for "Katherine", "Bob"
for "Robert"), so that one person written both ways is proposed as a duplicate.

The table is small and reviewed by hand: each group is one given name, its spellings and
the short forms people go by. A short form may belong to several names ("Alex" to
Alexander and Alexandra): two names are one given name when some group holds both, so
"Alex" goes with either, but Alexander and Alexandra never with each other. Words are
folded (lower case, no accents), as ``services/duplicate_names.name_words`` gives them.

Alexander and Alexandra, Daniel and Daniela, Robert and Roberta are spelled alike but are a
man's and a woman's name (``gendered_forms``): the duplicates search ranks such a pair below
the short forms of this table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

_GROUPS: tuple[str, ...] = (
    "katherine catherine katharine kathryn cathryn kate katie katy kathy cathy kat kath cath kit",
    "elizabeth elisabeth liz lizzie lizzy beth betty betsy bess eliza libby",
    "margaret maggie meg peggy marge margie",
    "rebecca becky becca",
    "susan susanne suzanne sue susie suzy",
    "deborah debra deb debbie",
    "jennifer jen jenn jenny",
    "jessica jess jessie",
    "victoria vicky vicki tori",
    "abigail abby abbie",
    "patricia pat patty patsy trish tricia",
    "christine christina kristina kristine chris tina chrissy",
    "alexandra alex sasha lexi",
    "samantha sam sammy",
    "eleanor elinor ellie nell nellie",
    "pamela pam",
    "barbara barb barbie",
    "kimberly kimberley kim",
    "michael mike mikey mick mickey",
    "robert rob robbie bob bobby",
    "william will bill billy willie willy liam",
    "richard rick ricky rich richie dick",
    "james jim jimmy jamie",
    "john jack johnny jon",
    "jonathan jon jonny",
    "thomas tom tommy",
    "christopher chris kit topher",
    "joseph joe joey",
    "daniel dan danny",
    "david dave davey",
    "matthew matt matty",
    "andrew andy drew",
    "anthony antony tony",
    "edward ed eddie ted ned",
    "theodore ted teddy theo",
    "nicholas nicolas nick nicky",
    "benjamin ben benny benji",
    "alexander alex alec xander sasha",
    "samuel sam sammy",
    "stephen steven steve stevie",
    "patrick pat paddy",
    "peter pete",
    "charles charlie chuck chas",
    "timothy tim timmy",
    "gregory greg",
    "frederick frederic fred freddie freddy",
    "gerald gerry jerry",
    "lawrence laurence larry",
    "leonard leo len lenny",
    "ronald ron ronnie",
    "donald don donnie",
    "douglas doug",
    "raymond ray",
    "kenneth ken kenny",
    "joshua josh",
    "zachary zach zack",
    "nathaniel nathan nate nat",
    "jacob jake",
    "jeffrey geoffrey jeff geoff",
    "philip phillip phil",
    "francis frank frankie",
    "vincent vince vinny",
)
#: Endings a man's given name and a woman's of the same stem differ by (man's, woman's):
#: Daniel(a), Alexand(er/ra), Mari(o/a), Juli(us/a), Victor(ia), Olivi(er/a)…, Michel(le),
#: Yvon(ne), Joseph(ine), Henri(ette), Stephan(ie). Not a bare "e" (Georg and George,
#: Philipp and Philippe are one man's name), nor "e" and "a" (Marie and Maria are both
#: women's).
GENDER_ENDINGS: frozenset[tuple[str, str]] = frozenset({
    ("", "a"), ("er", "ra"), ("o", "a"), ("us", "a"), ("", "ia"), ("er", "ia"), ("", "le"),
    ("", "ne"), ("", "ine"), ("", "ette"), ("", "etta"), ("", "ie"),
})  # fmt: skip
#: The shortest man's name and the shortest stem ``gendered_forms`` judges (Jan and Jana,
#: Ann and Anna are left alone: too short to tell).
_SHORTEST, _STEM = 4, 3
#: Each name of the table: the numbers of the groups it belongs to.
_GROUPS_OF: dict[str, frozenset[int]] = {}


def _index() -> None:
    found: dict[str, set[int]] = defaultdict(set)
    for n, group in enumerate(_GROUPS):
        for name in group.split():
            found[name].add(n)
    _GROUPS_OF.update({name: frozenset(groups) for name, groups in found.items()})


_index()


def groups_of(name: str) -> frozenset[int]:
    """The given names (group numbers) a folded word can be: none if not in the table."""
    return _GROUPS_OF.get(name, frozenset())


def one_given_name(a: str, b: str) -> bool:
    """Whether two different folded given names are one name written two ways ("kate"
    and "katherine", "bob" and "robert"); not two full names ("alexander", "alexandra")."""
    return a != b and bool(groups_of(a) & groups_of(b))


def gendered_forms(a: str, b: str) -> tuple[str, str] | None:
    """The man's and the woman's name, in that order, when two folded given names are a
    man's and a woman's form of one stem, spelled alike but two names ("alexander" and
    "alexandra", "daniel" and "daniela", "robert" and "roberta"); ``None`` otherwise, and
    for one name written two ways (the table's, such as "christine" and "christina")."""
    if a == b or one_given_name(a, b):
        return None
    stem = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        stem += 1
    if stem < _STEM:
        return None
    for man, woman in ((a, b), (b, a)):
        if (man[stem:], woman[stem:]) in GENDER_ENDINGS and len(man) >= _SHORTEST:
            return man, woman
    return None


def gendered_pairs(names: Iterable[str]) -> set[tuple[str, str]]:
    """The pairs of these folded given names that ``gendered_forms`` finds, both ways round,
    found by the endings each name may trade (not by comparing every two names)."""
    known = set(names)
    found: set[tuple[str, str]] = set()
    for name in known:
        for man, woman in GENDER_ENDINGS:
            for mine, other in ((man, woman), (woman, man)):
                if name.endswith(mine):
                    partner = name[: len(name) - len(mine)] + other
                    if partner in known and gendered_forms(name, partner) is not None:
                        found.update({(name, partner), (partner, name)})
    return found


def nickname_pairs(names: Iterable[tuple[int, list[str]]], most: int) -> Iterator[tuple[int, int]]:
    """The pairs of ``names`` (id, folded words) of two words or more with the same last
    word whose first words are one given name written two ways, each pair once; groups of
    more than ``most`` people (a common name and surname) are passed over."""
    by_name: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
    for pid, words in names:
        if len(words) >= 2:
            for group in groups_of(words[0]):
                by_name[(group, words[-1])].append((pid, words[0]))
    seen: set[tuple[int, int]] = set()
    for members in by_name.values():
        if len(members) > most:
            continue
        for i, (a, first_a) in enumerate(members):
            for b, first_b in members[i + 1 :]:
                pair = (min(a, b), max(a, b))
                if first_a != first_b and pair not in seen:
                    seen.add(pair)
                    yield pair
