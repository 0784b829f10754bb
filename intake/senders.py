"""The sender allowlist: only mail from these domains is ever routed or acknowledged."""

from __future__ import annotations

import tomllib
from email.utils import getaddresses
from pathlib import Path

from pydantic import BaseModel, ValidationError, field_validator

DEFAULT_ALLOW = [
    "nhs.net",
    "*.nhs.uk",
    "*.gov.uk",
    "*.police.uk",
    "*.pnn.police.uk",
    "justice.gov.uk",
    "cjsm.net",
]


class SenderAllowlist(BaseModel):
    allow: list[str] = DEFAULT_ALLOW

    @field_validator("allow")
    @classmethod
    def _patterns_are_domains(cls, patterns: list[str]) -> list[str]:
        cleaned = [p.strip().lower() for p in patterns]
        for pattern in cleaned:
            bare = pattern.removeprefix("*.")
            if not bare or "*" in bare or "@" in bare or "." not in bare:
                raise ValueError(f"{pattern!r} is not a domain or *.domain pattern")
        return cleaned

    def trusts(self, address: str | None) -> bool:
        """True when the address's domain is listed, or is a subdomain of a *.listed one."""
        if not address or address.count("@") != 1:
            return False
        domain = address.rsplit("@", 1)[1].strip().lower().rstrip(".")
        for pattern in self.allow:
            if pattern.startswith("*."):
                if domain.endswith(pattern[1:]):
                    return True
            elif domain == pattern:
                return True
        return False


class AllowlistError(Exception):
    pass


def load_allowlist(config_dir: Path) -> SenderAllowlist:
    """Read config/senders.toml; the built-in defaults hold when the file is absent."""
    path = config_dir / "senders.toml"
    if not path.exists():
        return SenderAllowlist()
    try:
        return SenderAllowlist.model_validate(tomllib.loads(path.read_text("utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise AllowlistError(f"{path}: {exc}") from None


def sender_address(from_header: str | None) -> str | None:
    """The one address of a From header, lower-cased; None when there is not exactly one."""
    if not from_header:
        return None
    addresses = [addr for _name, addr in getaddresses([from_header]) if addr]
    if len(addresses) != 1 or "@" not in addresses[0]:
        return None
    return addresses[0].strip().lower()
