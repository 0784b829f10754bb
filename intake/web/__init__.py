"""The web UI and JSON API: a Flask app over the same Service the CLI and the worker use."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, send_from_directory
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from intake.service import Service
from intake.web import (
    api,
    audit_views,
    auth,
    dashboard,
    decisions,
    exports,
    health,
    home,
    outbox_views,
    pages,
    queue,
    security,
    submission,
    users_views,
)
from intake.web.database import close_request_session

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "web"
STATIC = Path(__file__).resolve().parent / "static"
GOVUK_ASSETS = STATIC / "vendor" / "govuk" / "assets"
BLUEPRINTS = (
    health.blueprint,
    auth.blueprint,
    decisions.blueprint,
    dashboard.blueprint,
    audit_views.blueprint,
    exports.blueprint,
    api.blueprint,
    users_views.blueprint,
    outbox_views.blueprint,
    queue.blueprint,
    submission.blueprint,
)


def create_app(service: Service, **config: object) -> Flask:
    """One app per service; `config` overrides Flask settings (tests set TESTING)."""
    app = Flask(__name__, static_folder=str(STATIC), template_folder=str(TEMPLATES))
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(TEMPLATES)),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.extensions["mappa_service"] = service
    security.configure(app, service.settings)
    app.config.update(config)
    auth.configure(app)
    home.configure(app)
    pages.configure(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.teardown_appcontext(close_request_session)

    @app.get("/assets/<path:name>")
    def govuk_assets(name: str):  # type: ignore[no-untyped-def]
        """GOV.UK Frontend's fonts and images, where its stylesheet expects them."""
        return send_from_directory(GOVUK_ASSETS, name, max_age=86400)

    return app
