"""The dashboard: each role's own scope in figures (SPOCs their mailbox, administrators their
area or locality, auditors everything); sysadmins see no submission data."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from intake.dashboard_figures import STAGE_LABELS, figures
from intake.reading import FORM_NAMES
from intake.schema import Role, reference_of
from intake.web.access import roles_required, visible_to
from intake.web.chart import weekly_chart
from intake.web.database import db
from intake.web.pages import london_today

blueprint = Blueprint("dashboard", __name__)


@blueprint.get("/dashboard")
@roles_required(Role.SPOC, Role.ADMINISTRATOR, Role.AUDITOR)
def index() -> str:
    today = london_today()
    found = figures(db(), visible_to(current_user.user), today)
    return render_template(
        "dashboard/index.html",
        figures=found,
        chart=weekly_chart(found.weeks),
        today=today,
        stage_labels=STAGE_LABELS,
        form_names=FORM_NAMES,
        reference=reference_of,
        open_link=_open_link(),
    )


def _open_link() -> str | None:
    """Where an overdue item opens for this role (None when that page is not there)."""
    endpoint = "decisions.show" if current_user.role == Role.ADMINISTRATOR else "submission.show"
    return endpoint if endpoint in current_app.view_functions else None
