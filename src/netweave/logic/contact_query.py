"""What a typed query may be besides words: an email address (or its start), the domain of
addresses (``@acme.com``, ``acme.com``, ``@acme``) or a phone number, in the form contact
points are stored in, and phone numbers written for reading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from netweave.errors import InvalidInput
from netweave.logic.normalize import clean, normalize_phone

#: A phone number as people write one: digits, spaces, + ( ) - . and /.
_PHONE = re.compile(r"\+?[\d\s().\-/]+")
#: The fewest digits a whole phone number has (a subscriber number without its area).
MIN_PHONE_DIGITS = 7
#: An address or its start: no spaces, at most one @, not beginning with one.
_EMAIL_START = re.compile(r"[^\s@]+(@[^\s@]*)?")
#: One label of a host name: letters, digits and inner hyphens.
_LABEL = r"(?!-)[^\W_](?:[\w-]{0,61}[^\W_])?"
#: A domain typed without its @: two labels or more, the last one letters (``acme.com``).
_DOMAIN = re.compile(rf"(?:{_LABEL}\.)+(?:[^\W\d_]{{2,}}|xn--[\w-]+)\.?")
#: A domain, or one name of one, after an @ (``@acme.com``, ``@acme``).
_AT_DOMAIN = re.compile(rf"@((?:{_LABEL}\.)*{_LABEL})\.?")


@dataclass(frozen=True)
class ContactQuery:
    """The stored forms a query may stand for (empty when it is plain words)."""

    #: E.164 numbers the query may be.
    phones: tuple[str, ...] = ()
    #: A lower-cased address, or the start of one (``olivia.green``, ``olivia@orb``).
    email_start: str | None = None
    #: A lower-cased domain: addresses at it or at any of its subdomains (``acme.com``).
    domain: str | None = None
    #: A domain's own name, under any top-level domain (``acme``: acme.com, acme.co.uk).
    domain_name: str | None = None

    def __bool__(self) -> bool:
        return bool(self.phones or self.email_start or self.domain or self.domain_name)


def contact_query(text: str, region: str) -> ContactQuery:
    """The phone numbers (read in ``region`` when they have no country code), the start of
    an email address and the domain of addresses that ``text`` may be."""
    domain, name = email_domain(text)
    return ContactQuery(phone_candidates(text, region), email_start(text), domain, name)


def email_domain(text: str) -> tuple[str | None, str | None]:
    """The domain (``acme.com`` of ``@acme.com`` or ``acme.com``) or the bare name of one
    (``acme`` of ``@acme``) whose addresses ``text`` asks for, lower-cased; ``(None, None)``
    when it is no domain. Subdomains are the domain's own: ``acme.com`` stands for
    mail.acme.com too, and ``@acme`` for acme.com, acme.io, acme.co.uk and theirs."""
    typed = clean(text).lower()
    if typed.startswith("@"):
        found = _AT_DOMAIN.fullmatch(typed)
        if found is None:
            return None, None
        host = found.group(1)
        return (host, None) if "." in host else (None, host)
    if _DOMAIN.fullmatch(typed):
        return typed.rstrip("."), None
    return None, None


def domain_spellings(domain: str) -> list[str]:
    """``domain`` as typed and, when it differs, spelled the other way: a label in another
    script as its ASCII (punycode) form, or an ``xn--`` label as the letters it stands for
    (``bücher.de`` and ``xn--bcher-kva.de``). Mail may carry either, so a search asks for
    both; a label that is no valid punycode is kept as typed."""
    other = ".".join(_other_spelling(label) for label in domain.split("."))
    return [domain] if other == domain else [domain, other]


def _other_spelling(label: str) -> str:
    """A label's other spelling; an ``xn--`` label that spells nothing beyond ASCII, or a
    control character (``xn--9-``, ``xn--a``), is no punycode of a name, and stays."""
    try:
        if label.startswith("xn--"):
            letters = label[4:].encode("ascii").decode("punycode")
            return letters if not letters.isascii() and letters.isprintable() else label
        if not label.isascii():
            return "xn--" + label.encode("punycode").decode("ascii")
    except UnicodeError:
        pass
    return label


def phone_candidates(text: str, region: str) -> tuple[str, ...]:
    """The E.164 forms of ``text`` as a phone number typed in any usual way: as read in
    ``region`` and, for digits without a +, as an international number without its +."""
    typed = clean(text)
    digits = re.sub(r"\D", "", typed)
    if not _PHONE.fullmatch(typed) or len(digits) < MIN_PHONE_DIGITS:
        return ()
    found: list[str] = []
    tries = [typed] if typed.startswith(("+", "00")) else [typed, "+" + digits]
    for candidate in tries:
        try:
            number = normalize_phone(candidate, region)
        except InvalidInput:
            continue
        if number not in found:
            found.append(number)
    return tuple(found)


def email_start(text: str) -> str | None:
    """``text`` lower-cased when it may be an email address or its start: one word with an
    @, with a dot, underscore or + as local parts have (``olivia.green``), or with a digit
    (``xyz123``: no name has one)."""
    typed = clean(text).lower().removeprefix("mailto:")
    if not _EMAIL_START.fullmatch(typed) or len(typed) < 3:
        return None
    mark = any(c in typed for c in "@._+") or any(c.isdigit() for c in typed)
    return typed if mark else None


def format_phone(number: str, region: str) -> str:
    """A stored (E.164) number written for reading: national for ``region``'s numbers
    (``(415) 555-6155``), international for others (``+44 20 7946 0958``); a number that
    does not parse is shown as stored."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return number
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(parsed) == region.upper()
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(parsed, style))
