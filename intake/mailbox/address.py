"""MAPPA_MAILBOX for IMAP: imaps://USER@HOST:PORT/FOLDER (TLS) or imap://… (STARTTLS).

Plain text (`?security=plain`) is refused unless the server is on this machine's loopback.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

SECURITY_MODES = ("tls", "starttls", "plain")


@dataclass(frozen=True)
class ImapAddress:
    user: str
    host: str
    port: int
    folder: str
    security: str

    @property
    def identity(self) -> str:
        """The mailbox's name in stored deliveries: no password, no query."""
        return f"imap://{self.user}@{self.host}:{self.port}/{self.folder}"


def parse_imap_address(url: str) -> ImapAddress:
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps"):
        raise ValueError(f"expected imap:// or imaps://, got {url!r}")
    if parts.password is not None:
        raise ValueError("put the password in MAPPA_MAILBOX_PASSWORD, not in the address")
    if not parts.username or not parts.hostname:
        raise ValueError(f"expected imap[s]://USER@HOST:PORT/FOLDER, got {url!r}")
    query = parse_qs(parts.query)
    default = "tls" if parts.scheme == "imaps" else "starttls"
    security = query.get("security", [default])[0]
    if security not in SECURITY_MODES:
        raise ValueError(f"security must be one of {', '.join(SECURITY_MODES)}, got {security!r}")
    if parts.scheme == "imaps" and security != "tls":
        raise ValueError("imaps:// always uses TLS; use imap:// for STARTTLS")
    if security == "plain" and not is_loopback(parts.hostname):
        raise ValueError(f"plain-text IMAP is allowed only on loopback, not {parts.hostname!r}")
    try:
        port = parts.port or (993 if security == "tls" else 143)
    except ValueError as exc:
        raise ValueError(f"bad port in {url!r}") from exc
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapAddress(
        user=unquote(parts.username),
        host=parts.hostname,
        port=port,
        folder=folder,
        security=security,
    )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
