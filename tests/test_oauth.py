"""XOAUTH2: a token from msal's client-credentials flow logs in to a real Dovecot."""

from __future__ import annotations

import pytest

from intake.mailbox.address import parse_imap_address
from intake.mailbox.imap import ImapSource, xoauth2_login
from intake.mailbox.oauth import m365_token_provider
from intake.watcher import Watcher
from tests.support.dovecot import start_dovecot
from tests.support.imap import append
from tests.support.mail import form_email
from tests.support.oauth import CLIENT_ID, CLIENT_SECRET, TENANT, IdentityPlatform

pytestmark = pytest.mark.dovecot
OAUTH_PASSDB = """
passdb {{
  driver = oauth2
  mechanisms = xoauth2
  args = {root}/oauth2.conf.ext
}}
"""


@pytest.fixture(autouse=True)
def _trust_only_the_test_certificate(monkeypatch):
    """requests lets these variables override msal's `verify`; the test CA must win."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def oauth_dovecot(tmp_path_factory):
    """Dovecot that checks XOAUTH2 tokens with the stand-in platform's introspection."""
    certs = tmp_path_factory.mktemp("certs")
    placeholder = start_dovecot()  # for its certificate and key, then stopped
    for name in ("cert.pem", "key.pem"):
        (certs / name).write_bytes((placeholder.root / name).read_bytes())
    placeholder.stop()
    platform = IdentityPlatform(certs / "cert.pem", certs / "key.pem", username="")
    conf = certs / "oauth2.conf.ext"
    conf.write_text(
        f"introspection_mode = post\nintrospection_url = {platform.introspection_url}\n"
        "username_attribute = username\nactive_attribute = active\n"
        "active_value = true\n"
    )
    conf.chmod(0o644)
    certs.chmod(0o755)
    server = start_dovecot(oauth_passdb=OAUTH_PASSDB.format(root=certs))
    yield server, platform, certs / "cert.pem"
    server.stop()
    platform.stop()


def test_msal_token_logs_in_over_xoauth2(oauth_dovecot, sessions, allowlist, splitter):
    server, platform, ca_file = oauth_dovecot
    user = platform.username = server.new_user()  # the mailbox the token is introspected as
    append(server, user, form_email())
    requests_before = platform.token_requests
    token = m365_token_provider(
        TENANT,
        CLIENT_ID,
        CLIENT_SECRET,
        authority_host=platform.authority_host,
        verify=str(ca_file),
    )
    source = ImapSource(parse_imap_address(server.url(user)), xoauth2_login(user, token))
    with source:
        report = Watcher(source, sessions, allowlist, splitter).run_pass()
    assert report.stored == 1
    assert platform.token_requests == requests_before + 1


def test_a_refused_client_secret_is_a_clear_error(oauth_dovecot):
    _server, platform, ca_file = oauth_dovecot
    token = m365_token_provider(
        TENANT, CLIENT_ID, "wrong", authority_host=platform.authority_host, verify=str(ca_file)
    )
    with pytest.raises(PermissionError, match="Microsoft 365 refused a token: invalid_client"):
        token()
