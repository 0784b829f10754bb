"""The sender allowlist: only mail from these domains is ever routed or acknowledged."""

from __future__ import annotations

from email.utils import getaddresses
from pathlib import Path

from pydantic import BaseModel, ValidationError

from intake.config_files import ConfigError, explain, read_toml
from routing.domains import DomainPattern, address_matches

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
    allow: list[DomainPattern] = DEFAULT_ALLOW

    def trusts(self, address: str | None) -> bool:
        """True when the address's domain is listed, or is a subdomain of a *.listed one."""
        return address_matches(address, self.allow)


class AllowlistError(ConfigError):
    pass


def load_allowlist(config_dir: Path) -> SenderAllowlist:
    """Read config/senders.toml; the built-in defaults hold when the file is absent."""
    path = config_dir / "senders.toml"
    if not path.exists():
        return SenderAllowlist()
    try:
        return SenderAllowlist.model_validate(read_toml(path))
    except ConfigError as exc:
        raise AllowlistError(exc.lines) from None
    except ValidationError as exc:
        raise AllowlistError(explain(exc, lambda _key: path)) from None


def sender_address(from_header: str | None) -> str | None:
    """The one address of a From header, lower-cased; None when there is not exactly one."""
    if not from_header:
        return None
    addresses = [addr for _name, addr in getaddresses([from_header]) if addr]
    if len(addresses) != 1 or "@" not in addresses[0]:
        return None
    return addresses[0].strip().lower()
