"""What a typed query stands for: the domain of email addresses, and how domains are keyed."""

from __future__ import annotations

import pytest

from netweave.logic.contact_query import contact_query, domain_spellings, email_domain
from netweave.logic.normalize import domain_key, email_domain_key


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("@acme.com", ("acme.com", None)),
        ("acme.com", ("acme.com", None)),
        ("  @ACME.Com. ", ("acme.com", None)),
        ("@mail.acme.com", ("mail.acme.com", None)),
        ("@acme", (None, "acme")),
        ("@xn--mnchen-3ya.de", ("xn--mnchen-3ya.de", None)),
        ("münchen.de", ("münchen.de", None)),
        # not a domain: an address, its start, words, a version, a path, a bare @
        ("ann@acme.com", (None, None)),
        ("o_green@", (None, None)),
        ("ada lovelace", (None, None)),
        ("v1.2", (None, None)),
        ("acme.com/jobs", (None, None)),
        ("@", (None, None)),
        ("@-acme", (None, None)),
        ("@acme..com", (None, None)),
    ],
)
def test_the_domain_a_query_asks_for(typed: str, wanted: tuple[str | None, str | None]) -> None:
    assert email_domain(typed) == wanted


def test_a_domain_typed_without_its_at_may_still_be_the_start_of_an_address() -> None:
    query = contact_query("olivia.green", "US")
    assert (query.email_start, query.domain) == ("olivia.green", "olivia.green")
    assert contact_query("@acme", "US")
    assert not contact_query("ada", "US")


def test_a_domain_and_its_subdomains_share_the_start_of_their_keys() -> None:
    assert domain_key("acme.com") == "com.acme."
    assert domain_key("mail.acme.com.") == "com.acme.mail."
    assert email_domain_key("Ann@mail.acme.com".lower()) == "com.acme.mail."
    assert email_domain_key("ann@acmecorp.com") == "com.acmecorp."
    assert not email_domain_key("ann@acmecorp.com").startswith(domain_key("acme.com"))
    assert email_domain_key("no-at-sign") is None


@pytest.mark.parametrize(
    ("typed", "spellings"),
    [
        ("acme.com", ["acme.com"]),
        ("bücher.de", ["bücher.de", "xn--bcher-kva.de"]),
        ("xn--bcher-kva.de", ["xn--bcher-kva.de", "bücher.de"]),
        ("mail.straße.de", ["mail.straße.de", "mail.xn--strae-oqa.de"]),  # no ß → ss
        ("xn--zz.de", ["xn--zz.de"]),  # no valid punycode: as typed
        ("xn--a.de", ["xn--a.de"]),  # a control character, not a letter
        ("xn--ls8h.la", ["xn--ls8h.la", "💩.la"]),
        ("xn--9-.de", ["xn--9-.de"]),  # ASCII alone: no name in another script
        ("bücher", ["bücher", "xn--bcher-kva"]),
    ],
)
def test_a_domain_is_asked_for_in_both_its_spellings(typed: str, spellings: list[str]) -> None:
    assert domain_spellings(typed) == spellings
