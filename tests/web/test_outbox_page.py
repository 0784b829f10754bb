"""The SPOC's outgoing e-mail: the notifications of their mailbox's submissions, with
permanent failures first and highlighted."""

from __future__ import annotations

from sqlalchemy import update

from intake.schema import OutboxMessage
from tests.web.conftest import AREA, sign_in
from tests.web.routed import decided, routed_referral


def test_spoc_sees_the_outbox_of_their_submissions_failures_first(service, app, make_account):
    pk = routed_referral(service, seed=51)
    decided(service, pk)
    with service.sessions.begin() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.kind == "acknowledgement")
            .values(status="failed", attempts=5, last_error="550 <mailbox unknown>")
        )
    spoc = app.test_client()
    sign_in(spoc, make_account("spoc"))
    page = spoc.get("/outbox").get_data(as_text=True)
    assert "app-row--failed" in page and "550 &lt;mailbox unknown&gt;" in page
    assert page.index("Failed</strong>") < page.index("Waiting</strong>")
    assert "decision" in page and f"MI-{pk:06d}" in page
    only_failed = spoc.get("/outbox?status=failed").get_data(as_text=True)
    assert "Waiting</strong>" not in only_failed

    elsewhere = app.test_client()
    sign_in(elsewhere, make_account("spoc", email="spoc.b@mappa.test", mailbox="maildir:/other"))
    assert "No e-mails here" in elsewhere.get("/outbox").get_data(as_text=True)

    administrator = app.test_client()
    sign_in(administrator, make_account("administrator", area=AREA))
    assert administrator.get("/outbox").status_code == 403
