"""Fixtures: real servers (Dovecot, PostgreSQL) once per test worker, fresh data per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from intake.database import make_engine, session_factory, upgrade
from intake.mime import Limits
from intake.senders import SenderAllowlist
from intake.splitting import MimeSplitter
from tests.support.dovecot import Dovecot, start_dovecot
from tests.support.postgres import Postgres, start_postgres

DEFAULT_LIMITS = Limits(
    max_message_bytes=50 << 20,
    max_attachment_bytes=25 << 20,
    max_attachments=100,
    max_nesting_depth=10,
)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Postgres]:
    server = start_postgres()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    server = start_dovecot()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def older_dovecot() -> Iterator[Dovecot]:
    """As older servers are: no IDLE (the watcher polls) and no MOVE (copy, then expunge)."""
    server = start_dovecot(extra="imap_capability = IMAP4rev1 LITERAL+ UIDPLUS")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database: SQLite in a temp folder, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'mappa.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database()
    upgrade(url)
    return url


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(database_url)
    yield session_factory(engine)
    engine.dispose()


@pytest.fixture
def allowlist() -> SenderAllowlist:
    return SenderAllowlist()


def make_splitter(limits: Limits = DEFAULT_LIMITS) -> MimeSplitter:
    """The real, isolated splitter, as the service runs it."""
    return MimeSplitter(limits, workers=1, memory_bytes=400 << 20, seconds=10)


@pytest.fixture
def splitter() -> Iterator[MimeSplitter]:
    with make_splitter() as splitter:
        yield splitter
