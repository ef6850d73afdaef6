"""The woven check: is a relationship ready for a job or referral ask?

Networking is an exchange built over time; an ask for a job or a referral from someone
met days ago is a transaction. Before such an ask is recorded, the relationship is
checked against a few thresholds and, when it falls short, the user gets the facts and
a better next step.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from netweave.logic.wording import days, times

#: Asks that need a woven relationship; asks for advice or information are always fine.
GATED_ASKS = ("job", "referral")


@dataclass(frozen=True)
class WovenRules:
    """Thresholds of the woven check (configurable; see docs/method.md)."""

    min_two_way: int = 3
    min_known_days: int = 30
    min_gives: int = 1


@dataclass(frozen=True)
class Verdict:
    """The outcome of the check for one person."""

    woven: bool
    facts: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    #: Whether the user has helped them less than ``min_gives`` times: the steps then
    #: suggest offering something first (and only then).
    give_first: bool = False
    #: Whether the relationship is still young (known too briefly, or too few conversations
    #: both ways): only then is letting it grow a step; help alone can be given at once.
    young: bool = False


def check(
    name: str,
    *,
    two_way: int,
    known_since: dt.date | None,
    gives: int,
    today: dt.date,
    rules: WovenRules,
    asks: Sequence[str] = (),
    told_on: dt.date | None = None,
    handle: str | None = None,
    waiting: str | None = None,
) -> Verdict:
    """Whether the relationship with ``name`` is woven on ``today``, with the facts either way.

    ``asks`` are the gated asks about to be made (``job``, ``referral``), which the next
    steps name; without them the steps speak of both. ``told_on`` is the day the facts are
    told, when later than ``today`` (an ask logged for an earlier day): they then speak of
    that day ("you had met 2 days before"), not of this one. ``handle``: what the command
    line names them by, when their name is not enough (``#12`` for one of two Sam Lees).
    ``waiting``: the line saying that an ask for advice or information of theirs is still
    unanswered (``followup.still_open``), which stands for the step of asking them again.
    """
    known_days = (today - known_since).days if known_since else 0
    backdated = told_on is not None and told_on > today
    # a threshold of 0 asks nothing: not even a day they met
    unknown = known_since is None and rules.min_known_days > 0
    young = unknown or (known_since is not None and known_days < rules.min_known_days)
    young = young or two_way < rules.min_two_way
    short = _not_woven(
        known_since, known_days, two_way, rules, unknown=unknown, backdated=backdated
    )
    give_first = gives < rules.min_gives
    if give_first:
        short.append(_not_helped(gives, rules.min_gives))
    if not short:
        facts = [
            f"known for {days(known_days)}" if known_since else "no day you met is recorded",
            f"{_conversations(two_way)} both ways",
            f"you have helped them {times(gives)}" if gives else "you have not helped them yet",
        ]
        return Verdict(True, facts, [])
    steps = next_steps(
        [name],
        asks,
        give_to=[name] if give_first else [],
        grow=young,
        handles=[handle] if handle else None,
        waiting={name: waiting} if waiting else None,
    )
    return Verdict(False, short, steps, give_first, young)


def log_command(
    handles: Sequence[str],
    *,
    kind: str = "message",
    direction: str = "out",
    on: dt.date | None = None,
    note: str | None = None,
    gave: Sequence[str] = (),
    asked: Sequence[str] = ("advice",),
    received: Sequence[str] = (),
) -> str:
    """The ``netweave log`` command that records a conversation with these people (named by
    their handles), leaving out the options whose defaults say the same (a meeting, both
    ways, today)."""
    words = ["netweave", "log", *(shell_word(h) for h in handles)]
    if kind != "meeting":
        words += ["--kind", kind]
    if direction != "both":
        words += ["--direction", direction]
    if on is not None:
        words += ["--on", on.isoformat()]
    if note:
        words += ["--note", shell_word(note)]
    for option, kinds in (("--gave", gave), ("--ask", asked), ("--received", received)):
        for k in kinds:
            words += [option, k]
    return " ".join(words)


def _not_woven(
    known_since: dt.date | None,
    known_days: int,
    two_way: int,
    rules: WovenRules,
    *,
    unknown: bool,
    backdated: bool,
) -> list[str]:
    """What the relationship lacks in time known and conversations both ways."""
    short = []
    if unknown:  # a meeting recorded without a day (an event, an introducer) gives no days
        short.append("you have no date for when you met")
    elif known_since is not None and known_days < 0:  # an ask logged for a day before they met
        short.append("you had not met yet")
    elif known_since is not None and known_days < rules.min_known_days:
        short.append(_before(known_days) if backdated else f"you met {_ago(known_days)}")
    if two_way < rules.min_two_way:
        short.append(
            f"{_conversations(two_way)} with replies from both sides "
            f"({rules.min_two_way} {'makes' if rules.min_two_way == 1 else 'make'} a relationship)"
        )
    return short


def next_steps(
    names: Sequence[str],
    asks: Sequence[str] = (),
    *,
    give_to: Sequence[str] = (),
    grow: bool = True,
    handles: Sequence[str] | None = None,
    among: int = 1,
    command: str | None = None,
    waiting: Mapping[str, str] | None = None,
    advise: bool = True,
    note_asks: Sequence[str] = (),
    recorded: bool = False,
    gave: Sequence[str] = (),
) -> list[str]:
    """What to do instead of a gated ask of these people, naming every one of them.

    ``asks`` are the gated asks about to be made; without them the steps speak of both.
    ``give_to`` are those of them the user has not helped enough yet (``min_gives``): only
    for them is offering something first a step. ``grow``: whether a relationship among
    them is still young, which following up over a few weeks is for; when only help is
    missing, the ask can follow the help. ``handles``: how the suggested command names
    them (``#id`` for a name two people share), in the order of ``names``. ``among``: how
    many people the ask named in all (with others woven already, each step names whom).
    ``command``: the ``netweave log`` command that asks for advice instead (the conversation
    being logged, with the ask changed); without it, a message sent to them. ``waiting``:
    those of them already asked for advice or information and not answered yet, each with
    the line saying so, which stands for the step of asking them for advice again.
    ``advise``: whether to give the step of asking for advice instead at all (not once the
    gated ask is recorded anyway: logging advice then would be a second message).
    ``note_asks``: the words of the conversation's note that ask for a job or a referral,
    when ``command`` leaves the note out for them; the step then says so. ``recorded``:
    the gated ask is made already (``log --yes``): the steps are what to do now, and
    next time, not what to do before it. ``gave``: what the conversation itself gives them
    ("advice"): in place of offering something, the step says that help counts from then on
    (the check looks at the relationship as it stood before the conversation).
    """
    what = " or a ".join(a for a in GATED_ASKS if a in asks) or " or a ".join(GATED_ASKS)
    relationships = "relationship" if len(names) == 1 else "relationships"
    waiting = waiting or {}
    steps = [waiting[name] for name in names if name in waiting]
    rest = [n for n in names if n not in waiting]
    if rest and advise:
        named = [h for n, h in zip(names, handles or names, strict=True) if n not in waiting]
        steps.append(_advice_step(rest, command or log_command(named), note_asks))
    if give_to:
        alone = list(give_to) == list(names) and len(names) == 1 and among == 1
        whom = "" if alone else f" {_both(give_to)}"
        if gave:
            steps.append(_given_now(list(dict.fromkeys(gave)), whom, recorded=recorded))
        else:
            steps.append(
                f"Offer{whom} something useful {'too' if recorded else 'first'}: an "
                "introduction, an article, help with what they need."
            )
    steps.append(_last_step(relationships, what, grow=grow, recorded=recorded))
    return steps


def _advice_step(rest: Sequence[str], command: str, note_asks: Sequence[str]) -> str:
    """The step of asking for advice instead, with the command that logs it, and what to do
    with a note that asks for a job or a referral."""
    step = (
        f"Ask {_both(rest)} for advice or insight instead — an informational conversation "
        f"(`{command}`)."
    )
    if note_asks:
        said = _both([f'"{w}"' for w in note_asks])
        step += (
            f" Your note asks for a job or a referral (it mentions {said}): reword it to "
            "ask for advice, or leave it out."
        )
    return step


def _last_step(relationships: str, what: str, *, grow: bool, recorded: bool) -> str:
    """The last step: after an ask made anyway, letting the relationship grow, or the ask
    once the help is given."""
    if recorded:
        return _after_the_ask(relationships, what, grow=grow)
    if grow:
        return (
            f"Follow up in a few weeks and let the {relationships} grow before asking for a {what}."
        )
    return f"Once you have helped, the {relationships} can carry the ask for a {what}."


def _given_now(gifts: Sequence[str], whom: str, *, recorded: bool) -> str:
    """In place of "offer something useful": the help this very conversation gives counts
    from now on (once recorded), for the check looks at the relationship before it."""
    when = "from now on" if recorded else "once the conversation is recorded"
    counts = "counts" if len(gifts) == 1 else "count"
    return (
        f"The {_both(gifts)} you gave{whom} in this conversation {counts} as your help {when}: "
        "this check looks at the relationship as it stood before it."
    )


def _after_the_ask(relationships: str, what: str, *, grow: bool) -> str:
    """The last step once the gated ask is made: thanks now, and what the next ask waits for."""
    wait = "grow for a few weeks" if grow else "rest on the help you give"
    return (
        f"Follow up with thanks, whatever the answer, and let the {relationships} {wait} "
        f"before another ask for a {what}."
    )


def _both(names: Sequence[str]) -> str:
    """``Ada``, ``Ada and Mei``, ``Ada, Mei and Bo``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _not_helped(gives: int, wanted: int) -> str:
    """The give shortfall: no help yet, or less than the threshold asks for."""
    if gives == 0:
        return "you have not helped them yet"
    return f"you have helped them {times(gives)} (helping {times(wanted)} makes a relationship)"


_PLAIN_WORD = re.compile(r"\w[\w.@+-]*")


def shell_word(text: str) -> str:
    """``text`` as one shell word: as it is when plain, else quoted (double quotes if they do)."""
    if _PLAIN_WORD.fullmatch(text):
        return text
    if not any(c in text for c in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


def _before(days: int) -> str:
    """When the user had met someone, seen from the day of an earlier ask."""
    if days <= 0:
        return "you met the same day"
    return "you had met the day before" if days == 1 else f"you had met {days} days before"


def _ago(days: int) -> str:
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _conversations(n: int) -> str:
    if n == 0:
        return "no conversations"
    return "one conversation" if n == 1 else f"{n} conversations"
