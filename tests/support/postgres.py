"""A throwaway PostgreSQL 15 cluster on loopback, made with initdb in a temp folder.

PostgreSQL refuses to run as root, so under root the cluster runs as the `postgres` user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg

from tests.support.ports import free_port

BIN = Path("/usr/lib/postgresql/15/bin")


@dataclass
class Postgres:
    root: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        name = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        _run_as_owner(
            [str(BIN / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"],
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres() -> Postgres:
    if not (BIN / "initdb").exists():
        raise RuntimeError("PostgreSQL 15 is not installed: run `make test`, which installs it")
    root = Path(tempfile.mkdtemp(prefix="mappa-postgres-"))
    os.chmod(root, 0o755)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
    port = free_port()
    _run_as_owner(
        [
            str(BIN / "initdb"),
            "-D",
            str(root / "data"),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        ]
    )
    _run_as_owner(
        [
            str(BIN / "pg_ctl"),
            "-D",
            str(root / "data"),
            "-w",
            "-l",
            str(root / "postgres.log"),
            "-o",
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c max_connections=200",
            "start",
        ]
    )
    return Postgres(root=root, port=port)


def _run_as_owner(command: Sequence[str], check: bool = True) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=check, capture_output=True)
