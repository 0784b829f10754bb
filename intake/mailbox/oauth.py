"""Microsoft 365 OAuth2 for IMAP (XOAUTH2): NHSmail and police mailboxes refuse basic auth."""

from __future__ import annotations

from collections.abc import Callable

import msal

OUTLOOK_SCOPE = "https://outlook.office365.com/.default"


def m365_token_provider(
    tenant: str,
    client_id: str,
    client_secret: str,
    authority_host: str = "https://login.microsoftonline.com",
) -> Callable[[], str]:
    """A function returning a current access token; msal caches it until it nears expiry."""
    app = msal.ConfidentialClientApplication(
        client_id, client_credential=client_secret, authority=f"{authority_host}/{tenant}"
    )

    def token() -> str:
        result = app.acquire_token_for_client(scopes=[OUTLOOK_SCOPE])
        if "access_token" not in result:
            raise PermissionError(
                "Microsoft 365 refused a token: "
                f"{result.get('error')}: {result.get('error_description', '').splitlines()[0:1]}"
            )
        return str(result["access_token"])

    return token
