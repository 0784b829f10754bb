"""Database sessions of a request: one that reads, shared by the whole request, and short
write transactions that views open for each change (SQLite's write lock is held only while a
change is made, never while a page renders)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, g
from sqlalchemy.orm import Session

from intake.service import Service


def service() -> Service:
    return current_app.extensions["mappa_service"]


def db() -> Session:
    """The request's reading session."""
    if "db" not in g:
        g.db = service().reading_sessions()
    return g.db


@contextmanager
def writing() -> Iterator[Session]:
    """A write transaction, committed when the block ends; the reading session is ended
    first, so that what the request reads next includes the change."""
    db().rollback()
    with service().sessions.begin() as session:
        yield session


def close_request_session(_: BaseException | None = None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()
