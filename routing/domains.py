"""E-mail domain patterns: `example.org` means that domain only, `*.example.org` its subdomains.

One rule for the sender allowlist, the senders of each SPOC's organisation and the domains that
may receive personal data, so that the three can never disagree about what a pattern covers.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator


def check_pattern(pattern: str) -> str:
    cleaned = pattern.strip().lower()
    bare = cleaned.removeprefix("*.")
    if not bare or "*" in bare or "@" in bare or "." not in bare:
        raise ValueError(f"{pattern!r} is not a domain or *.domain pattern")
    return cleaned


DomainPattern = Annotated[str, AfterValidator(check_pattern)]


def domain_of(address: str | None) -> str | None:
    """The lower-cased domain of an address with exactly one @, else None."""
    if not address or address.count("@") != 1:
        return None
    return address.rsplit("@", 1)[1].strip().lower().rstrip(".") or None


def domain_matches(domain: str, pattern: str) -> bool:
    if pattern.startswith("*."):
        return domain.endswith(pattern[1:])
    return domain == pattern


def address_matches(address: str | None, patterns: list[str]) -> bool:
    """True when the address's domain is covered by one of the patterns."""
    domain = domain_of(address)
    return domain is not None and any(domain_matches(domain, p) for p in patterns)
