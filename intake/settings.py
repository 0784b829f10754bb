"""One typed settings object, read once at start-up from MAPPA_ variables and an optional .env."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from intake.mailbox.address import parse_imap_address

MiB = 1024 * 1024


class Settings(BaseSettings):
    """Everything the service can be told; defaults run it with no servers at all."""

    model_config = SettingsConfigDict(
        env_prefix="MAPPA_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(Path("var"), description="holds the SQLite file, mailbox/ and outbox/")
    database_url: str | None = Field(None, description="SQLAlchemy URL; default SQLite in data_dir")
    mailbox: str | None = Field(
        None, description="maildir:PATH, imap://USER@HOST:PORT/FOLDER or imaps://…"
    )
    mailbox_password: str | None = None
    mailbox_ca_file: Path | None = Field(None, description="extra CA bundle for the IMAP server")
    mailbox_oauth_tenant: str | None = None
    mailbox_oauth_client_id: str | None = None
    mailbox_oauth_client_secret: str | None = None
    mailbox_oauth_authority: str = Field(
        "https://login.microsoftonline.com", description="another host for national clouds"
    )
    processed_folder: str = "Processed"
    quarantine_folder: str = "Quarantine"
    config_dir: Path = Field(Path("config"), description="deployment data (allowlist, areas…)")

    poll_seconds: Annotated[float, Field(gt=0)] = 30.0
    idle_seconds: Annotated[float, Field(gt=0, le=29 * 60)] = 300.0
    fetch_batch: Annotated[int, Field(gt=0, le=1000)] = 50
    maildir_settle_seconds: Annotated[float, Field(ge=0)] = 1.0

    max_message_bytes: Annotated[int, Field(gt=0)] = 50 * MiB
    max_attachment_bytes: Annotated[int, Field(gt=0)] = 25 * MiB
    max_attachments: Annotated[int, Field(gt=0)] = 100
    max_nesting_depth: Annotated[int, Field(gt=0, le=100)] = 10
    # One child per core: the service's own process mostly waits (mailbox, disk, children).
    split_workers: Annotated[int, Field(gt=0, le=64)] = min(64, os.cpu_count() or 1)
    split_memory_bytes: Annotated[int, Field(ge=64 * MiB)] = 400 * MiB
    split_seconds: Annotated[float, Field(gt=0)] = 10.0
    convert_seconds: Annotated[float, Field(gt=0)] = 30.0

    secret_key: str | None = Field(
        None, description="signs session cookies; default: a random key kept in data_dir"
    )
    base_url: str = Field("http://localhost:8080", description="links in e-mails point here")
    secure_cookies: bool = Field(False, description="cookies only over HTTPS (set behind TLS)")
    session_idle_minutes: Annotated[int, Field(gt=0, le=24 * 60)] = 30
    login_max_failures: Annotated[int, Field(gt=0, le=100)] = 5
    login_lockout_minutes: Annotated[int, Field(gt=0, le=24 * 60)] = 15

    smtp_host: str | None = Field(None, description="no host: e-mails are written to outbox/")
    smtp_port: Annotated[int, Field(gt=0, lt=65536)] | None = None
    smtp_security: Literal["tls", "starttls", "none"] = "starttls"
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_timeout_seconds: Annotated[float, Field(gt=0, le=600)] = 30.0
    mail_from: str = Field("mappa.intake@localhost.test", description="the From of every e-mail")
    spoc_address: str = Field(
        "mappa.spoc@localhost.test", description="the SPOC mailbox's own address (notices)"
    )
    outbox_max_attempts: Annotated[int, Field(gt=0, le=100)] = 8
    outbox_retry_seconds: Annotated[float, Field(gt=0)] = 60.0
    outbox_lease_seconds: Annotated[float, Field(gt=0)] = 600.0
    retention_months: Annotated[int, Field(gt=0, le=1200)] | None = Field(
        None, description="purge closed submissions after this many months (off by default)"
    )

    @field_validator("mailbox")
    @classmethod
    def _mailbox_is_understood(cls, value: str | None) -> str | None:
        if value is None or value.startswith("maildir:"):
            return value
        if value.startswith(("imap://", "imaps://")):
            parse_imap_address(value)
            return value
        raise ValueError(f"must start with maildir:, imap:// or imaps:// (got {value!r})")

    @field_validator("database_url")
    @classmethod
    def _database_is_supported(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("sqlite:", "postgresql")):
            raise ValueError(f"must be a sqlite:/// or postgresql+psycopg:// URL (got {value!r})")
        return value

    @model_validator(mode="after")
    def _imap_has_credentials(self) -> Settings:
        oauth = (
            self.mailbox_oauth_tenant,
            self.mailbox_oauth_client_id,
            self.mailbox_oauth_client_secret,
        )
        if any(oauth) and not all(oauth):
            raise ValueError(
                "MAPPA_MAILBOX_OAUTH_TENANT, _CLIENT_ID and _CLIENT_SECRET must be set together"
            )
        if (
            self.mailbox
            and self.mailbox.startswith("imap")
            and not (self.mailbox_password or all(oauth))
        ):
            raise ValueError(
                "an IMAP mailbox needs MAPPA_MAILBOX_PASSWORD or the MAPPA_MAILBOX_OAUTH_* settings"
            )
        return self

    @model_validator(mode="after")
    def _smtp_is_safe(self) -> Settings:
        if self.smtp_host and self.smtp_security == "none" and self.smtp_username:
            loopback = self.smtp_host in ("localhost", "127.0.0.1", "::1")
            if not loopback:
                raise ValueError(
                    "MAPPA_SMTP_SECURITY=none sends the password in clear text: only to localhost"
                )
        return self

    @property
    def effective_smtp_port(self) -> int:
        return self.smtp_port or {"tls": 465, "starttls": 587, "none": 25}[self.smtp_security]

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "mappa-intake.sqlite3"

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path.resolve()}"

    @property
    def effective_mailbox(self) -> str:
        return self.mailbox or f"maildir:{(self.data_dir / 'mailbox').resolve()}"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"


class SettingsError(Exception):
    """A setting is wrong; the message names each MAPPA_ variable and what is wrong with it."""


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning pydantic's report into one line per bad MAPPA_ variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = "MAPPA_" + "_".join(str(p) for p in error["loc"]).upper() if error["loc"] else ""
            lines.append(f"{name or 'settings'}: {error['msg'].removeprefix('Value error, ')}")
        raise SettingsError("invalid settings:\n  " + "\n  ".join(lines)) from None
