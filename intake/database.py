"""The database engine (SQLite in WAL mode by default, PostgreSQL by URL) and its migrations."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")

# For `session.connection(execution_options=DURABLE)` first thing in a transaction whose commit
# must survive a power cut (PostgreSQL commits always do).
DURABLE = {"durable": True}
# For an engine whose transactions only read (the web pages): SQLite's plain BEGIN, which
# takes no lock, so pages never wait for the watcher or block it.
READING = {"reading": True}


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and foreign keys so that it behaves."""
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _tune_sqlite(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA page_size=16384")  # a new file only: stored e-mails are blobs
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # survives a crash; see _begin_immediate
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    """Take SQLite's write lock when a transaction starts, not half-way through it: a reader
    turned writer would otherwise fail at once when another process wrote in between.

    A transaction asked to be durable (see `DURABLE`) also survives a power cut, not only a
    crash: SQLite reads this setting when the transaction begins.
    """
    options = connection.get_execution_options()
    if options.get("reading", False):
        connection.exec_driver_sql("BEGIN")
        return
    durable = options.get("durable", False)
    connection.exec_driver_sql(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Apply the migrations; the only way the schema is ever created."""
    make_engine(url).dispose()  # creates the SQLite file's folder
    command.upgrade(alembic_config(url), revision)
