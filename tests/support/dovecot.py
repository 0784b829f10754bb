"""A real Dovecot IMAP server on loopback: passwd-file users, Maildir storage in a temp dir.

Each test gets its own user, so tests never see each other's mail. TLS (port `tls_port`) and
STARTTLS/plain (port `port`) use a throwaway self-signed certificate for 127.0.0.1.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.ports import free_port, wait_for_port

PASSWORD = "correct horse battery staple"
USERS = 2000
CONFIG = """
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2
mail_location = maildir:{root}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = 1
mailbox_idle_check_interval = 1 secs
default_internal_user = dovecot
default_login_user = dovenull
auth_cache_size = 0
{extra}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
{oauth_passdb}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
protocol imap {{
  mail_max_userip_connections = 100
}}
"""


@dataclass
class Dovecot:
    root: Path
    port: int
    tls_port: int
    process: subprocess.Popen[bytes]
    users_given: int = 0

    @property
    def ca_file(self) -> Path:
        return self.root / "cert.pem"

    def new_user(self) -> str:
        """A user no test has used yet: a fresh, empty mailbox."""
        self.users_given += 1
        if self.users_given > USERS:
            raise RuntimeError(f"all {USERS} test users of this Dovecot are used up")
        return _user_name(self.users_given)

    def url(self, user: str, folder: str = "INBOX", security: str = "plain") -> str:
        if security == "tls":
            return f"imaps://{user}@127.0.0.1:{self.tls_port}/{folder}"
        return f"imap://{user}@127.0.0.1:{self.port}/{folder}?security={security}"

    def doveadm(self, *args: str) -> str:
        result = subprocess.run(
            ["doveadm", "-c", str(self.root / "dovecot.conf"), *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def start_dovecot(extra: str = "", oauth_passdb: str = "") -> Dovecot:
    """Start Dovecot in a fresh folder that its unprivileged processes can reach (pytest's own
    temp folders are private to root)."""
    if shutil.which("dovecot") is None:
        raise RuntimeError("Dovecot is not installed: run `make test`, which installs it")
    if os.geteuid() != 0:
        raise RuntimeError("the Dovecot fixture needs root to drop privileges to its users")
    root = Path(tempfile.mkdtemp(prefix="mappa-dovecot-"))
    (root / "mail").mkdir()
    # Written once: Dovecot re-reads a passwd-file only when its mtime second changes.
    (root / "users").write_text(
        "".join(f"{_user_name(n)}:{{PLAIN}}{PASSWORD}\n" for n in range(1, USERS + 1))
    )
    mail_user = pwd.getpwnam("nobody")
    os.chown(root / "mail", mail_user.pw_uid, mail_user.pw_gid)
    os.chmod(root, 0o755)
    _self_signed_certificate(root)
    port, tls_port = free_port(), free_port()
    (root / "dovecot.conf").write_text(
        CONFIG.format(
            root=root,
            port=port,
            tls_port=tls_port,
            uid=mail_user.pw_uid,
            gid=mail_user.pw_gid,
            extra=extra,
            oauth_passdb=oauth_passdb,
        )
    )
    process = subprocess.Popen(
        ["dovecot", "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port)
        wait_for_port(tls_port)
    except TimeoutError:
        process.kill()
        log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
        raise RuntimeError(f"Dovecot did not start: {process.stderr.read()!r} {log}") from None
    return Dovecot(root=root, port=port, tls_port=tls_port, process=process)


def _user_name(n: int) -> str:
    return f"spoc{n:04d}"


def _self_signed_certificate(root: Path) -> None:
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(root / "key.pem"),
            "-out",
            str(root / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
