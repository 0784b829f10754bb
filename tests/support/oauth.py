"""A stand-in Microsoft identity platform and a token introspection endpoint, on loopback.

msal talks to it exactly as to login.microsoftonline.com (OpenID discovery, then the client
credentials grant); Dovecot's oauth2 passdb asks its introspection endpoint whether a token is
good. Nothing outside this machine is involved.
"""

from __future__ import annotations

import json
import secrets
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

TENANT = "mappa-tenant"
CLIENT_ID = "mappa-intake-client"
CLIENT_SECRET = "s3cret-for-tests-only"


class IdentityPlatform:
    def __init__(self, cert: Path, key: Path, username: str) -> None:
        self.username = username
        self.issued: list[str] = []
        self.token_requests = 0
        self.https = self._serve(tls=(cert, key))
        self.http = self._serve(tls=None)

    @property
    def authority_host(self) -> str:
        return f"https://127.0.0.1:{self.https.server_address[1]}"

    @property
    def introspection_url(self) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}/introspect"

    def stop(self) -> None:
        for server in (self.https, self.http):
            server.shutdown()
            server.server_close()

    def _serve(self, tls: tuple[Path, Path] | None) -> ThreadingHTTPServer:
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def reply(self, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                base = f"{platform.authority_host}/{TENANT}"
                self.reply(
                    {
                        "issuer": f"{base}/v2.0",
                        "token_endpoint": f"{base}/token",
                        "authorization_endpoint": f"{base}/authorize",
                    }
                )

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                if self.path.endswith("/introspect"):
                    token = form.get("token", [""])[0]
                    active = token in platform.issued
                    self.reply({"active": active, "username": platform.username})
                    return
                platform.token_requests += 1
                good = (
                    form.get("client_id") == [CLIENT_ID]
                    and form.get("client_secret") == [CLIENT_SECRET]
                    and form.get("grant_type") == ["client_credentials"]
                )
                if not good:
                    self.reply({"error": "invalid_client", "error_description": "bad secret"})
                    return
                token = secrets.token_urlsafe(24)
                platform.issued.append(token)
                self.reply({"access_token": token, "token_type": "Bearer", "expires_in": 3600})

        return Handler
