"""Microsoft 365 OAuth2 for IMAP (XOAUTH2): NHSmail and police mailboxes refuse basic auth."""

from __future__ import annotations

from collections.abc import Callable

import msal

MICROSOFT_LOGIN = "https://login.microsoftonline.com"
OUTLOOK_SCOPE = "https://outlook.office365.com/.default"


def m365_token_provider(
    tenant: str,
    client_id: str,
    client_secret: str,
    authority_host: str = MICROSOFT_LOGIN,
    verify: str | bool = True,
) -> Callable[[], str]:
    """A function returning a current access token; msal caches it until it nears expiry.

    `authority_host` differs for national clouds; instance discovery is Microsoft's own and
    is asked only of Microsoft's public cloud.
    """
    app = msal.ConfidentialClientApplication(
        client_id,
        client_credential=client_secret,
        authority=f"{authority_host}/{tenant}",
        instance_discovery=authority_host == MICROSOFT_LOGIN,
        verify=verify,
    )

    def token() -> str:
        result = app.acquire_token_for_client(scopes=[OUTLOOK_SCOPE])
        if "access_token" not in result:
            raise PermissionError(
                f"Microsoft 365 refused a token: {result.get('error')}:"
                f" {result.get('error_description', '')}"
            )
        return str(result["access_token"])

    return token
