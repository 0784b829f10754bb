"""Wiring: from one Settings object to the engine, sessions, mailbox and watcher the CLI runs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from intake.database import READING, alembic_config, make_engine, session_factory
from intake.deployment import load_deployment
from intake.documents import DocumentReader
from intake.mailbox.factory import open_mailbox
from intake.mime import Limits
from intake.proposing import Proposer
from intake.senders import SenderAllowlist, load_allowlist
from intake.settings import Settings
from intake.splitting import MimeSplitter
from intake.watcher import Folders, Watcher
from routing.calendar import england_and_wales
from routing.config import Deployment
from routing.directory import Directory


class SchemaNotReady(Exception):
    """The database has not been migrated to this version of the code."""


@dataclass
class Service:
    settings: Settings

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.settings.effective_database_url)

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        return session_factory(self.engine)

    @cached_property
    def reading_sessions(self) -> sessionmaker[Session]:
        """Sessions that only read (web pages); writes go through `sessions`."""
        return session_factory(self.engine.execution_options(**READING))

    @cached_property
    def allowlist(self) -> SenderAllowlist:
        return load_allowlist(self.settings.config_dir)

    @cached_property
    def deployment(self) -> Deployment:
        """config/ read and checked once; a ConfigError names the file, the key and the fault."""
        return load_deployment(self.settings.config_dir)

    @cached_property
    def directory(self) -> Directory:
        return Directory(self.deployment)

    @cached_property
    def proposer(self) -> Proposer:
        s = self.settings
        return Proposer(
            self.directory, self.deployment, england_and_wales(), s.spoc_address, s.base_url
        )

    @property
    def limits(self) -> Limits:
        s = self.settings
        return Limits(
            max_message_bytes=s.max_message_bytes,
            max_attachment_bytes=s.max_attachment_bytes,
            max_attachments=s.max_attachments,
            max_nesting_depth=s.max_nesting_depth,
        )

    @cached_property
    def splitter(self) -> MimeSplitter:
        s = self.settings
        return MimeSplitter(self.limits, s.split_workers, s.split_memory_bytes, s.split_seconds)

    def watcher(self) -> Watcher:
        self.require_schema()
        self.directory  # noqa: B018  deployment data is checked before any mail is touched
        folders = Folders(self.settings.processed_folder, self.settings.quarantine_folder)
        return Watcher(
            open_mailbox(self.settings),
            self.sessions,
            self.allowlist,
            self.splitter,
            folders=folders,
            batch=self.settings.fetch_batch,
            reader=self.documents,
            proposer=self.proposer,
        )

    def require_schema(self) -> None:
        head = ScriptDirectory.from_config(
            alembic_config(self.settings.effective_database_url)
        ).get_current_head()
        with self.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        if current != head:
            raise SchemaNotReady(
                f"the database is at revision {current or 'none'}, the code needs {head}:"
                " run `mappa-intake db upgrade`"
            )

    @cached_property
    def documents(self) -> DocumentReader:
        s = self.settings
        return DocumentReader(
            s.split_workers, s.split_memory_bytes, s.split_seconds, s.convert_seconds
        )

    def close(self) -> None:
        for part in ("splitter", "documents"):
            if part in self.__dict__:
                getattr(self, part).close()
        if "engine" in self.__dict__:
            self.engine.dispose()
